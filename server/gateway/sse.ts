/**
 * Reading and writing server-sent events. Upstream bytes are decoded exactly once, by a streaming
 * TextDecoder, so a UTF-8 character split across two network chunks is joined before parsing; the
 * eventsource-parser then handles `data:` lines split anywhere.
 */
import { isAscii } from 'node:buffer';
import { createParser } from 'eventsource-parser';

export interface SseSink {
  onEvent(data: string, event: string | undefined): void;
  onComment(text: string): void;
  /** A line the parser could not use (unknown field, over-long event): skipped, reported here. */
  onMalformed(message: string): void;
}

export interface SseDecoder {
  /** Feeds the next bytes of the body. Returns the text parsed when the read was pure ASCII and parsed
   * whole (so that text's bytes are exactly `bytes`), else null: the caller may then forward `bytes`
   * itself when what it would write for this read is that same text. */
  push(bytes: Uint8Array): string | null;
  /** The body ended: flushes a last event that lacked its blank line. */
  end(): void;
}

/** Bounded so a never-ending line from a broken upstream cannot grow memory without limit. */
export const MAX_SSE_EVENT_BYTES = 8 * 1024 * 1024;

export function createSseDecoder(sink: SseSink): SseDecoder {
  // Holds the bytes of a multi-byte character cut by a chunk boundary until its rest arrives.
  // ignoreBOM: the decoder may first be used mid-stream (ASCII reads bypass it), where a U+FEFF is text;
  // a BOM at the very start is dropped below instead.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let first = true;
  const parser = createParser({
    onEvent: (e) => sink.onEvent(e.data, e.event),
    onComment: (c) => sink.onComment(c),
    onError: (e) => sink.onMalformed(e.message),
    maxBufferSize: MAX_SSE_EVENT_BYTES,
  });
  // True while the decoder may hold the first bytes of a character cut at the end of the last read.
  let holding = false;
  return {
    push(bytes) {
      // Upstream SSE is nearly always pure ASCII (JSON escapes non-ASCII or the text has none): such a
      // read, when no cut character is pending, decodes as latin1 at a fraction of TextDecoder's cost.
      let text: string;
      let ascii = false;
      if (!holding && isAscii(bytes)) {
        text = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1');
        ascii = true;
      } else {
        text = decoder.decode(bytes, { stream: true });
        holding = endsInsideCharacter(bytes);
      }
      if (first && text) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text) parser.feed(text);
      return ascii ? text : null;
    },
    end() {
      const rest = decoder.decode();
      // A stream whose last event has no terminating blank line still delivers that event.
      parser.feed(rest + '\n\n');
    },
  };
}

/**
 * Whether the bytes end with a valid but incomplete UTF-8 sequence (a lead byte whose continuation
 * bytes did not all arrive), which TextDecoder keeps for the next read. May say true for a sequence the
 * decoder already rejected; that only sends the next read through the decoder, which is always right.
 */
export function endsInsideCharacter(bytes: Uint8Array): boolean {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return false;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > back;
  }
  return false;
}

/** One `data:` event. JSON.stringify output has no newline, but raw text might: each line gets its own field. */
export function sseData(data: string): string {
  return data.includes('\n') ? data.split('\n').map((l) => `data: ${l}`).join('\n') + '\n\n' : `data: ${data}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}
