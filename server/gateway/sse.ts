/**
 * Reading and writing server-sent events. Upstream bytes are decoded exactly once, by a streaming
 * TextDecoder, so a UTF-8 character split across two network chunks is joined before parsing; the
 * eventsource-parser then handles `data:` lines split anywhere.
 */
import { createParser } from 'eventsource-parser';

export interface SseSink {
  onEvent(data: string, event: string | undefined): void;
  onComment(text: string): void;
  /** A line the parser could not use (unknown field, over-long event): skipped, reported here. */
  onMalformed(message: string): void;
}

export interface SseDecoder {
  /** Feeds the next bytes of the body. */
  push(bytes: Uint8Array): void;
  /** The body ended: flushes a last event that lacked its blank line. */
  end(): void;
}

/** Bounded so a never-ending line from a broken upstream cannot grow memory without limit. */
export const MAX_SSE_EVENT_BYTES = 8 * 1024 * 1024;

export function createSseDecoder(sink: SseSink): SseDecoder {
  // Holds the bytes of a multi-byte character cut by a chunk boundary until its rest arrives.
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({
    onEvent: (e) => sink.onEvent(e.data, e.event),
    onComment: (c) => sink.onComment(c),
    onError: (e) => sink.onMalformed(e.message),
    maxBufferSize: MAX_SSE_EVENT_BYTES,
  });
  return {
    push(bytes) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) parser.feed(text);
    },
    end() {
      const rest = decoder.decode();
      // A stream whose last event has no terminating blank line still delivers that event.
      parser.feed(rest + '\n\n');
    },
  };
}

/** One `data:` event. JSON.stringify output has no newline, but raw text might: each line gets its own field. */
export function sseData(data: string): string {
  return data.includes('\n') ? data.split('\n').map((l) => `data: ${l}`).join('\n') + '\n\n' : `data: ${data}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}
