/**
 * The upstream's chat-completion SSE body, read into a MessageTranslator: bytes in (any split), Anthropic
 * events out. The same SSE decoder as the chat endpoint (one decode per read, one-line `data:` events
 * inside the read's own text, eventsource-parser for the rest), and the same fast path for plain content
 * chunks (contentFrame.ts: a stream's content chunks share their text up to the content value, verified
 * once; then only the content literal is decoded). Every other chunk is parsed whole.
 */
import * as contentFrame from '../gateway/contentFrame';
import type { ContentFrame } from '../gateway/contentFrame';
import { createSseDecoder, MAX_SSE_EVENT_BYTES, type SseDecoder } from '../gateway/sse';
import { OVER_LONG_CODE, overLongBody } from '../gateway/streamRewrite';
import { errorCodeStatus } from '../gateway/breaker';
import { ownErrorCode } from '../gateway/errors';
import { errorType } from './errors';
import { badIndexOf, UnreadChunks } from '../gateway/unreadChunks';
import { errorEventLabel, FINISH_ERROR_CODE } from '../gateway/chat';
import type { AnthropicEvent, MessageTranslator } from './translate';

/** A choice 0 ended with `finish_reason: "error"` and no error object (OpenRouter's finish reason for a
 * generation that failed): the message did not finish, it failed. */
export const FINISH_ERROR_MESSAGE = 'the upstream ended the answer with finish_reason "error" and no error object';

/** The choice the translator reads (choice 0: index 0, or no index), if it ended with finish_reason "error". */
function choiceEndedInError(c: Record<string, unknown>): Record<string, unknown> | null {
  if (!Array.isArray(c.choices)) return null;
  const ch = (c.choices as unknown[]).find((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) && ((x as { index?: unknown }).index === undefined || (x as { index?: unknown }).index === 0));
  return ch !== undefined && ch.finish_reason === 'error' ? ch : null;
}

/** Frames verified per stream at most (each costs a parse of the chunk's head). */
const MAX_FRAME_TRIES = 16;

function isPlainContent(c: Record<string, unknown>): boolean {
  const ch = Array.isArray(c.choices) && c.choices.length === 1 ? (c.choices[0] as { delta?: { content?: unknown } } | null) : null;
  return typeof ch?.delta?.content === 'string';
}

/** A choice of the chunk other than choice 0 (the only one the translator reads), named; null: none. */
function otherChoiceOf(c: Record<string, unknown>): string | null {
  if (!Array.isArray(c.choices)) return null;
  for (let k = 0; k < c.choices.length; k++) {
    const ch = c.choices[k] as unknown;
    if (typeof ch !== 'object' || ch === null) continue;
    const index = (ch as { index?: unknown }).index ?? k;
    if (index !== 0) return `a choice of index ${String(index)} (the Messages API answers one)`;
  }
  return null;
}

export class ChatStreamReader {
  private readonly decoder: SseDecoder;
  malformed = 0;
  malformedSamples: string[] = [];
  /** Chunks no check read: a bad index (a malformed line, skipped), or a choice other than choice 0 (the
   * Messages API answers one): counted in the status and the schema verdict (unreadChunks.ts). */
  readonly unread = new UnreadChunks();
  /** The upstream sent an error object mid-stream (its message). */
  upstreamError: string | null = null;
  /** The code the artifact gives that error (errors.ts ownErrorCode: the upstream's own, else
   * `upstream_error`, as on the chat endpoint). */
  upstreamErrorCode = 'upstream_error';
  /** The HTTP status that error object names in its `code`, if any (the breaker reads it). */
  upstreamErrorStatus: number | null = null;
  /** An error object came (not a finish_reason "error" nor an over-long event): its
   * streamfix_upstream_errors_total label (errors.ts errorEventLabel), as on the chat endpoint. */
  errorEventLabel: string | null = null;
  /** Upstream events over the SSE decoder's bound. */
  overLong = 0;
  /** The fast path's frame, and how many were tried (an upstream whose chunks share none stops trying). */
  private frame: ContentFrame | null = null;
  private frameTries = 0;
  /** Chunks taken by the fast path (tests check it is used). */
  fastChunks = 0;
  /** The upstream sent `data: [DONE]`. */
  private sawDone = false;

  constructor(
    readonly translator: MessageTranslator,
    /** false: every chunk is parsed whole (tests compare the two). */
    private readonly fastPath = true,
    maxEventLength = MAX_SSE_EVENT_BYTES,
  ) {
    this.decoder = createSseDecoder({
      onEvent: (data) => this.onData(data),
      onComment: () => undefined,
      onMalformed: (m) => this.onMalformed(m),
      onOverLong: (max) => this.onOverLong(max),
      onDataLine: (text, start, end) => this.onDataLine(text, start, end),
    }, maxEventLength);
  }

  /** `text[start, end)` is `data: <chunk>\n\n`: a plain content chunk of the stream's frame is taken here. */
  private onDataLine(text: string, start: number, end: number): boolean {
    const frame = this.frame;
    if (frame === null || this.upstreamError !== null) return false;
    const from = start + 6;
    if (text.substring(from, from + frame.prefix.length) !== frame.prefix) return false;
    const hit = contentFrame.matchFrame(frame, text, from, end - 2);
    if (hit === null) return false;
    this.fastChunks++;
    this.translator.contentDelta(hit.content);
    return true;
  }

  private onMalformed(sample: string): void {
    this.malformed++;
    if (this.malformedSamples.length < 10) this.malformedSamples.push(sample.slice(0, 200));
  }

  /** An event over the SSE bound was skipped: the message ends with an error event, as for an upstream
   * error (an Anthropic stream does not go on after one). */
  private onOverLong(max: number): void {
    this.overLong++;
    if (this.upstreamError !== null || this.translator.done) return;
    this.upstreamError = overLongBody(max).error.message;
    this.upstreamErrorCode = OVER_LONG_CODE;
    this.translator.fail(`Upstream stream failed: ${this.upstreamError}`);
  }

  private onData(data: string): void {
    if (data === '[DONE]') this.sawDone = true;
    if (data === '[DONE]' || this.translator.done || this.upstreamError !== null) return;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      chunk = undefined;
    }
    if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) return this.onMalformed(data);
    const c = chunk as Record<string, unknown>;
    const err = c.error as { message?: unknown; code?: unknown } | undefined;
    if (typeof err === 'object' && err !== null) {
      this.upstreamError = typeof err.message === 'string' ? err.message : JSON.stringify(err);
      this.upstreamErrorCode = ownErrorCode(err.code);
      this.errorEventLabel = errorEventLabel(err.code);
      // the upstream's status, in Anthropic's terms: a 400 or 429 is not an api_error (500) that
      // clients retry as a server fault
      const status = errorCodeStatus(err.code);
      this.upstreamErrorStatus = status;
      this.translator.fail(`Upstream stream failed: ${this.upstreamError}`, status === null ? 'api_error' : errorType(status));
      return;
    }
    const bad = badIndexOf(c);
    if (bad !== null) {
      this.unread.add(bad);
      return this.onMalformed(data);
    }
    const other = otherChoiceOf(c);
    if (other !== null) this.unread.add(other);
    if (this.fastPath && this.frameTries < MAX_FRAME_TRIES && isPlainContent(c)) {
      // a content chunk on the full path: its frame probably starts the stream's next ones
      this.frameTries++;
      this.frame = contentFrame.frameOf(data) ?? this.frame;
    }
    const failed = choiceEndedInError(c);
    if (failed !== null) {
      // the chunk's own delta goes out, its finish does not: the message ends as for an upstream error
      this.translator.chunk({ ...c, choices: (c.choices as unknown[]).map((x) => (x === failed ? { ...failed, finish_reason: null } : x)) });
      if (this.translator.done) return;
      this.upstreamError = FINISH_ERROR_MESSAGE;
      this.upstreamErrorCode = FINISH_ERROR_CODE;
      this.translator.fail(`Upstream stream failed: ${FINISH_ERROR_MESSAGE}`);
      return;
    }
    this.translator.chunk(c);
  }

  /** One upstream read; the events it completed. May throw the engine's StreamFixError (limits). */
  read(buf: Uint8Array): AnthropicEvent[] {
    this.decoder.push(buf);
    this.decoder.release();
    return this.translator.take();
  }

  /** The body ended: the last events (message_delta and message_stop, unless an error ended it). */
  end(): AnthropicEvent[] {
    this.decoder.end();
    // without [DONE] (nor a finish_reason) the upstream stopped short: the chat endpoint's finish_reason length
    if (this.upstreamError === null) this.translator.end(!this.sawDone);
    return this.translator.take();
  }
}

/** One event as SSE: `event: <type>` and its JSON on one `data:` line. A delta, nearly every event, is
 * written from its parts (the same text JSON.stringify gives: the same keys in the same order). */
export function eventText(e: AnthropicEvent): string {
  if (e.type === 'content_block_delta') {
    const d = e.delta as { type: string; text?: string; partial_json?: string; thinking?: string };
    const head = `event: content_block_delta\ndata: {"type":"content_block_delta","index":${e.index as number},"delta":{"type":"`;
    if (d.type === 'text_delta') return `${head}text_delta","text":${JSON.stringify(d.text)}}}\n\n`;
    if (d.type === 'input_json_delta') return `${head}input_json_delta","partial_json":${JSON.stringify(d.partial_json)}}}\n\n`;
    if (d.type === 'thinking_delta') return `${head}thinking_delta","thinking":${JSON.stringify(d.thinking)}}}\n\n`;
  }
  return `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}
