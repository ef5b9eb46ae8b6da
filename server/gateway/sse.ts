/**
 * Reading and writing server-sent events. Upstream bytes are decoded exactly once, by a streaming
 * TextDecoder, so a UTF-8 character split across two network chunks is joined before parsing; the
 * eventsource-parser then handles `data:` lines split anywhere.
 */
import { isAscii } from 'node:buffer';
import { createParser } from 'eventsource-parser';
import { flat } from '../../shared/engine/boundedText';

export interface SseSink {
  onEvent(data: string, event: string | undefined): void;
  onComment(text: string): void;
  /** A line the parser could not use (unknown field, over-long event): skipped, reported here. */
  onMalformed(message: string): void;
  /** An event longer than the bound was skipped (after onMalformed says so): the rewriting modes put an
   * error event in its place. */
  onOverLong?(maxEventLength: number): void;
  /**
   * Optional fast path for the event shape that makes up nearly every stream: one `data: ` line and the
   * blank line, `text[start, end)` in all (the data is `text[start + 6, end - 2)`), complete in the read.
   * Returns true when it took the event (the parser never sees it), false to have the parser read it
   * (then onEvent follows, in order). The text is the read the event came in, not copied per event.
   */
  onDataLine?(text: string, start: number, end: number): boolean;
  /** `text[start, end)` goes to the parser (its events follow through onEvent / onComment). Called only
   * for a sink with onDataLine, so it can tell the spans it took from the spans the parser reads. */
  onParsed?(text: string, start: number, end: number): void;
}

export interface SseDecoder {
  /** Feeds the next bytes of the body. */
  push(bytes: Uint8Array): void;
  /** The body ended: flushes a last event that lacked its blank line. */
  end(): void;
  /** After push: the text the read was split in (a cut event carried from the read before, then the
   * read), and how much of it was split into events: `text.slice(consumed)` waits for the next read. */
  readonly text: string;
  readonly consumed: number;
  /** After push: `text` is exactly the read's bytes decoded as latin1 (a pure-ASCII read with nothing
   * carried in), so `text[0, n)` and `bytes[0, n)` are the same characters. */
  readonly exact: boolean;
  /** The caller is done with `text`: the decoder stops holding it (or anything cut from it) until the next
   * push, so a stream waiting for its next read does not keep its last read's text alive (100 open streams
   * kept ~1.5 MB of such texts, which every scavenge copied and then promoted). */
  release(): void;
}

/** Bounded so a never-ending line from a broken upstream cannot grow memory without limit. */
export const MAX_SSE_EVENT_BYTES = 8 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const DATA_PREFIX = 'data: ';

/**
 * The decoder. Every read is decoded once (latin1 for pure-ASCII reads, which nearly all are; a
 * streaming TextDecoder otherwise, so a character cut between reads is joined). With a sink that has
 * onDataLine, the text is cut at blank lines first: in text whose lines end in LF only, every `\n\n`
 * ends an event, so each piece between two of them is one whole event, read exactly as the parser
 * would read it from the whole stream (the parser's state is clean between events). One-line `data: `
 * events go to onDataLine; everything else (comments, multi-line events, other fields, an event the
 * sink declines) is fed to eventsource-parser, whole. The cut part of an event at the end of a read is
 * kept for the next one. The first CR seen (CRLF or CR line ends) hands the whole stream to the parser
 * from there on.
 */
/** `maxEventLength`: the longest event kept, in characters (tests use a small one). */
export function createSseDecoder(sink: SseSink, maxEventLength = MAX_SSE_EVENT_BYTES): SseDecoder {
  // Holds the bytes of a multi-byte character cut by a chunk boundary until its rest arrives.
  // ignoreBOM: the decoder may first be used mid-stream (ASCII reads bypass it), where a U+FEFF is text;
  // a BOM at the very start is dropped below instead.
  // Made at the first read that needs it: most streams are pure ASCII and never do.
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let first = true;
  // An event over MAX_SSE_EVENT_BYTES is skipped, not fatal: the text up to its blank line is dropped
  // (counted as malformed) and the stream goes on. The parser stops itself at its buffer limit; it is
  // reset and `skip` drops the rest of the event.
  const skip = createEventSkipper();
  const skipped = (): void => {
    sink.onMalformed(overLong(maxEventLength));
    sink.onOverLong?.(maxEventLength);
  };
  // the text last fed to the parser, to its end: the line ends it ends with count towards the skip
  let lastFed = '';
  let lastFedEnd = 0;
  const parser = createParser({
    onEvent: (e) => {
      // one read can bring a whole over-long event, which the parser's buffer limit never sees
      if (e.data.length > maxEventLength) skipped();
      else sink.onEvent(e.data, e.event);
    },
    onComment: (c) => sink.onComment(c),
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') {
        parser.reset();
        skip.start(lastFed, lastFedEnd);
        skipped();
      } else sink.onMalformed(e.message);
    },
    maxBufferSize: maxEventLength,
  });
  const onDataLine = sink.onDataLine?.bind(sink);
  const onParsed = sink.onParsed?.bind(sink);
  // True while the fast split is on: every byte so far was LF-only SSE, fed to the parser in whole events.
  let split = onDataLine !== undefined;
  // the cut event at the end of the last read, as the pieces it came in: joined once, in the read that
  // ends it (joined at every read, a long event was copied again with each read that added to it)
  const carry: string[] = [];
  let carryLength = 0;
  let carryEndsInLf = false;
  // True while the decoder may hold the first bytes of a character cut at the end of the last read.
  let holding = false;
  const state = { text: '', consumed: 0, exact: false };

  const feed = (text: string, start: number, end: number) => {
    onParsed?.(text, start, end);
    let from = start;
    if (skip.active) {
      from = skip.scan(text, start, end);
      if (from < 0) return;
    }
    if (from < end) {
      lastFed = text;
      lastFedEnd = end;
      parser.feed(from === 0 && end === text.length ? text : text.slice(from, end));
    }
  };

  const keep = (piece: string): void => {
    if (piece === '') return;
    // the cut event at a read's end is usually a short tail of it, and V8 makes a slice of 13 characters
    // or more a view that keeps all of its parent alive: a copy of its own, so the read's text can go
    carry.push(piece.length >= 13 && piece !== state.text ? flat(piece) : piece);
    carryLength += piece.length;
    carryEndsInLf = piece.charCodeAt(piece.length - 1) === LF;
  };

  /** A carried event grew past the bound: skipped to its blank line, reported once, and the stream goes
   * on. `text[from, end)` is this read's part of it (the earlier parts were never consumed). */
  const runaway = (text: string, from = 0): void => {
    carry.length = 0;
    carryLength = 0;
    state.consumed = text.length;
    onParsed?.(text, from, text.length);
    skip.start(text, text.length);
    skipped();
  };

  return {
    get text() {
      return state.text;
    },
    get consumed() {
      return state.consumed;
    },
    get exact() {
      return state.exact;
    },
    release() {
      state.text = '';
      lastFed = '';
    },
    push(bytes) {
      // Upstream SSE is nearly always pure ASCII (JSON escapes non-ASCII or the text has none): such a
      // read, when no cut character is pending, decodes as latin1 at a fraction of TextDecoder's cost.
      let text: string;
      let ascii = false;
      if (!holding && isAscii(bytes)) {
        text = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1');
        ascii = true;
      } else {
        decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
        text = decoder.decode(bytes, { stream: true });
        holding = endsInsideCharacter(bytes);
      }
      if (first && text) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) {
          text = text.slice(1);
          ascii = false;
        }
      }
      state.exact = ascii && carryLength === 0;
      if (carryLength > 0) {
        if (split && !(carryEndsInLf && text.charCodeAt(0) === LF) && text.indexOf('\n\n') < 0 && text.indexOf('\r') < 0) {
          // the carried event goes on past this read too: kept, nothing consumed
          state.text = text;
          state.consumed = 0;
          keep(text);
          if (carryLength > maxEventLength) runaway(text);
          return;
        }
        text = carry.join('') + text;
        carry.length = 0;
        carryLength = 0;
      }
      state.text = text;
      state.consumed = text.length;
      if (!split) {
        if (text) feed(text, 0, text.length);
        return;
      }
      if (text.indexOf('\r') >= 0) {
        // CR line ends: the blank-line cut below would be wrong; the parser takes it all from here on
        split = false;
        if (text) feed(text, 0, text.length);
        return;
      }
      let at = 0;
      if (skip.active) {
        // the rest of an over-long event: dropped up to its blank line (cut from the output)
        const e = skip.scan(text, 0, text.length);
        at = e < 0 ? text.length : e;
        if (at > 0) onParsed?.(text, 0, at);
      }
      for (;;) {
        const nl = text.indexOf('\n', at);
        if (nl < 0) break;
        if (text.charCodeAt(nl + 1) === LF) {
          // a one-line event (or, when nl === at, an empty line: nothing to dispatch)
          const end = nl + 2;
          if (nl > at && !(end - at - 8 <= maxEventLength && text.startsWith(DATA_PREFIX, at) && onDataLine!(text, at, end))) feed(text, at, end);
          at = end;
          continue;
        }
        // a line of a longer event: to the blank line that ends it
        const blank = text.indexOf('\n\n', nl + 1);
        if (blank < 0) break;
        feed(text, at, blank + 2);
        at = blank + 2;
      }
      state.consumed = at;
      if (at < text.length) {
        keep(at === 0 ? text : text.slice(at));
        if (carryLength > maxEventLength) runaway(text, at);
      }
    },
    end() {
      const rest = carry.join('') + (decoder === null ? '' : decoder.decode());
      carry.length = 0;
      carryLength = 0;
      // A stream whose last event has no terminating blank line still delivers that event.
      state.text = rest + '\n\n';
      state.consumed = state.text.length;
      state.exact = false;
      feed(state.text, 0, state.text.length);
    },
  };
}

/**
 * Whether the bytes end with a valid but incomplete UTF-8 sequence (a lead byte whose continuation
 * bytes did not all arrive), which TextDecoder keeps for the next read. May say true for a sequence the
 * decoder already rejected; that only sends the next read through the decoder, which is always right.
 */
function overLong(max: number): string {
  return `An SSE event longer than ${max} characters was skipped`;
}

/**
 * Finds the end of an event being skipped: the blank line (two line ends in a row; a line end is LF,
 * CR or CRLF) after the point where skipping started. Its state survives across reads, since the line
 * ends can be cut between two of them.
 */
function createEventSkipper() {
  let active = false;
  // line ends seen in a row, and whether the last character was a CR (a LF right after it is the same end)
  let ends = 0;
  let cr = false;
  return {
    get active() {
      return active;
    },
    /** Skips from `text[end]` on; the line ends just before it count (the event may have ended there,
     * its last blank line still undecided by the parser). */
    start(text: string, end: number) {
      active = true;
      ends = 0;
      cr = false;
      let i = end;
      while (i > 0 && (text.charCodeAt(i - 1) === LF || text.charCodeAt(i - 1) === CR)) i--;
      if (i < end) this.scan(text, i, end);
    },
    /** Where the text after the skipped event starts in `text[from, to)`, or -1 when all of it is skipped. */
    scan(text: string, from: number, to: number): number {
      for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c === LF && cr) cr = false;
        else if (c === LF || c === CR) {
          cr = c === CR;
          if (++ends === 2) {
            active = false;
            return i + 1;
          }
        } else {
          ends = 0;
          cr = false;
        }
      }
      return -1;
    },
  };
}

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

/**
 * Whether the bytes forwarded so far end between two events. Passthrough forwards the upstream's bytes
 * as they come, so a stream that fails or ends inside an event leaves the client in the middle of it:
 * `closer()` is what ends that event (and its line), so the gateway's own error event after it parses.
 */
export function createBoundaryTracker() {
  // the last (up to) four bytes forwarded: enough to count the line ends they end with (CRLF CRLF)
  let tail: number[] = [LF, LF];
  return {
    push(bytes: Uint8Array): void {
      const n = bytes.length;
      if (n >= 4) tail = [bytes[n - 4]!, bytes[n - 3]!, bytes[n - 2]!, bytes[n - 1]!];
      else if (n > 0) tail = [...tail, ...bytes].slice(-4);
    },
    /** '' at an event boundary; else the line ends that close the event. */
    closer(): string {
      let i = tail.length;
      while (i > 0 && (tail[i - 1] === LF || tail[i - 1] === CR)) i--;
      let ends = 0;
      for (let k = i; k < tail.length; k++) if (!(tail[k] === LF && tail[k - 1] === CR && k > i)) ends++;
      if (ends >= 2) return '';
      if (ends === 1) return tail[tail.length - 1] === CR ? '\r\n' : '\n';
      return '\n\n';
    },
  };
}
