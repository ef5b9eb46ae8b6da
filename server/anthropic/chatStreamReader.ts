/**
 * The upstream's chat-completion SSE body, read into a MessageTranslator: bytes in (any split), Anthropic
 * events out. The same SSE decoder as the chat endpoint (one decode per read, eventsource-parser for the
 * framing); every event is parsed whole here, since each one becomes new events anyway.
 */
import { createSseDecoder, type SseDecoder } from '../gateway/sse';
import type { AnthropicEvent, MessageTranslator } from './translate';

export class ChatStreamReader {
  private readonly decoder: SseDecoder;
  malformed = 0;
  malformedSamples: string[] = [];
  /** The upstream sent an error object mid-stream (its message). */
  upstreamError: string | null = null;

  constructor(readonly translator: MessageTranslator) {
    this.decoder = createSseDecoder({
      onEvent: (data) => this.onData(data),
      onComment: () => undefined,
      onMalformed: (m) => this.onMalformed(m),
    });
  }

  private onMalformed(sample: string): void {
    this.malformed++;
    if (this.malformedSamples.length < 10) this.malformedSamples.push(sample.slice(0, 200));
  }

  private onData(data: string): void {
    if (data === '[DONE]' || this.translator.done || this.upstreamError !== null) return;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      chunk = undefined;
    }
    if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) return this.onMalformed(data);
    const c = chunk as Record<string, unknown>;
    const err = c.error as { message?: unknown } | undefined;
    if (typeof err === 'object' && err !== null) {
      this.upstreamError = typeof err.message === 'string' ? err.message : JSON.stringify(err);
      this.translator.fail(`Upstream stream failed: ${this.upstreamError}`);
      return;
    }
    this.translator.chunk(c);
  }

  /** One upstream read; the events it completed. May throw the engine's StreamFixError (limits). */
  read(buf: Uint8Array): AnthropicEvent[] {
    this.decoder.push(buf);
    return this.translator.take();
  }

  /** The body ended: the last events (message_delta and message_stop, unless an error ended it). */
  end(): AnthropicEvent[] {
    this.decoder.end();
    if (this.upstreamError === null) this.translator.end();
    return this.translator.take();
  }
}

/** One event as SSE: `event: <type>` and its JSON on one `data:` line. */
export function eventText(e: AnthropicEvent): string {
  return `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}
