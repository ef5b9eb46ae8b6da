/**
 * Passthrough with secrets to redact (the configured key, the request's credential headers). The byte
 * redaction at the upstream edge (redact.ts body()) replaces a secret inside one event; a secret the
 * upstream echoes across two events (a content delta ending in `Bearer sk-or-v1-CLIE`, the next starting
 * with `NTSECRET999`) is in neither event's bytes whole. So, while the upstream's bytes still go out as
 * they came, every text channel of the events is followed, each through its own TextRedaction: per
 * choice its `content`, `reasoning`, `reasoning_content`, `refusal`, each tool call's `arguments` and `name`, each
 * `reasoning_details` entry's `text` and `summary`; and an error event's `error.message` and
 * `error.metadata.raw` (OpenRouter puts the provider's raw error body there), which an upstream echoing
 * the request in its error may cut like any text.
 * - An event whose channel text ends with PASSTHROUGH_MIN_HOLD or more of a secret's first characters, or
 *   (with what went out of the form before it: a model echoes a base64 form a few characters an event) a
 *   base64 form's head or more, is held, with the events after it, until every channel is decided.
 * - Decided without a secret, the held events go out byte for byte.
 * - With a secret, each event whose text changed is serialized again (`data: <JSON>`), the secret
 *   replaced by `[redacted]` as the rewriting modes replace it (the same text wherever it was cut).
 * - A finish_reason ends its choice's channels; `[DONE]` and the end of the body (also an upstream
 *   failure) end them all: a held tail goes out as text, nothing is lost or sent twice.
 * - Past the bounds on what is held, each channel's held tail goes out as `[redacted]` (TextRedaction
 *   release: 4 or more of a secret's first characters are part of it).
 * Events go out whole: the bytes of an event still arriving wait for its blank line (an SSE client acts on
 * nothing before it anyway); an event over MAX_SSE_EVENT_BYTES goes out as it comes, not read. While nothing
 * is held or open, the whole events of a read before the next one whose text may end with a start go out
 * unsplit (one search back for the blank line before it), and a read with none that ends an event goes out
 * as itself: only the events around a possible start are split off and looked at.
 *
 * Example:
 *   const g = createPassthroughGuard(redactor);            // null: nothing to redact
 *   for await (const b of body) { const out = g.push(b); if (out) client.write(out); }
 *   client.write(g.end());
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { isIndex } from './completion';
import type { RedactableBody, Redactor, TextRedaction } from './redact';
import { MAX_SSE_EVENT_BYTES, sseData } from './sse';

/**
 * Fewer of a secret's first characters at the end of a channel's text do not hold the event: `s`, `sk`,
 * `sk-` end ordinary text (`tasks`, `ask`, `risk-`), and holding each such event until the next would
 * delay a stream without a secret. What goes out then is at most 3 characters of a secret (the public
 * `sk-` of an OpenRouter key), and the rest of it, when it follows, is still replaced.
 */
export const PASSTHROUGH_MIN_HOLD = 4;
/** Held events past either bound go out as decided so far, each channel's held tail as `[redacted]`
 * (remembered: the secret's rest, when it follows, is dropped): an echo of a key never holds that much. */
export const MAX_HELD_BYTES = 1024 * 1024;
export const MAX_HELD_EVENTS = 1024;

type Json = Record<string, unknown>;

interface Channel {
  stage: TextRedaction;
  choice: number;
  /** Its pieces in the held events, in order. */
  pieces: Piece[];
}

/** A channel's text in one event: `holder[key]`, and what the channel's redaction made of it. */
interface Piece {
  channel: Channel;
  text: string;
  out: string;
  holder: Json;
  key: string;
}

interface HeldEvent {
  bytes: Buffer;
  message: EventSourceMessage | null;
  chunk: Json | null;
  pieces: Piece[];
  /** A whole text in it (an annotation's) ended inside a secret: serialized again whatever its channels. */
  whole: boolean;
  /** An event of the frame (readFramed): where its content string is in `bytes` (from its opening quote to
   * after its closing one), the chunk's only text; `chunk` is not parsed. */
  content?: [number, number];
}

export interface PassthroughGuard {
  /** One upstream read in; the bytes to forward now (null: none). */
  push(buf: Buffer): Buffer | null;
  /** The body ended (or failed): everything held, decided. */
  end(): Buffer | null;
  /** Bytes held: the events waiting and the event still arriving. */
  readonly heldBytes: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES: Record<number, number> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9 };

/** The character (UTF-16 unit) the JSON escape at `bytes[at]` (a backslash) stands for; -1 when it is cut or
 * no escape. */
function escaped(bytes: Buffer, at: number): number {
  const e = bytes[at + 1];
  if (e === undefined) return -1;
  if (e !== 0x75) return SIMPLE_ESCAPES[e] ?? -1;
  let v = 0;
  for (let i = at + 2; i < at + 6; i++) {
    const b = bytes[i];
    const d = b === undefined ? -1 : b >= 0x30 && b <= 0x39 ? b - 0x30 : (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 ? (b | 0x20) - 0x57 : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}
const DATA_PREFIX = Buffer.from('data: ');
const BLANK_LINE = Buffer.from('\n\n');
const TEXT_KEYS = ['content', 'reasoning', 'reasoning_content', 'refusal'] as const;
/** The channels of a chunk's `error`, none a choice's: only `[DONE]` and the body's end end them. */
const ERROR_CHOICE = -1;
const DETAIL_KEYS = ['text', 'summary'] as const;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A guard for a passthrough stream, or null when the redactor has nothing to redact. `body`: the
 * redacted body the reads come from (Redactor.body), which hands on what it found of escapes in a read
 * (RedactableBody.scanned): such a read is not searched for them again. */
export function createPassthroughGuard(redactor: Redactor, body?: Pick<RedactableBody, 'scanned'>): PassthroughGuard | null {
  if (redactor.empty) return null;
  const split = createEventSplitter();
  const parse = createEventParser();
  const channels = new Map<string, Channel>();
  /** The held events, and the channels that have pieces in them (a channel holds text only then). */
  let held: HeldEvent[] = [];
  let heldSize = 0;
  const chained = new Set<Channel>();
  /** The channels whose redaction holds or remembers something (TextRedaction.open): while there is
   * none and nothing is held, an event whose bytes could not end a text with a secret's first characters
   * (Redactor.mayEndWithStart, nearly every event) goes out unread. */
  const open = new Set<Channel>();
  const note = (c: Channel): void => {
    if (c.stage.open) open.add(c);
    else open.delete(c);
    nextKnown = false;
  };
  // What would go on with the open channels' remembered starts (TextRedaction.continuations): the bytes a
  // string value would begin with (a backslash always: an escape may stand for any character), or null:
  // not known (every event is read while a channel is open). Found again after a channel's stage changed.
  let nextKnown = false;
  let nextBytes: number[] | null = null;
  const marks = new Uint8Array(256);
  const needles = (): number[] | null => {
    if (nextKnown) return nextBytes;
    nextKnown = true;
    marks.fill(0);
    byteAt[ESCAPED] = -1;
    for (const c of open) {
      if (!c.stage.continuations(marks)) return (nextBytes = null);
    }
    const out: number[] = [];
    // (a string beginning with a backslash: ESCAPED; with a quote: empty, it begins with no character)
    for (let b = 0; b < 256; b++) if (marks[b] === 1 && b !== BACKSLASH && b !== QUOTE) out.push(b);
    return (nextBytes = out);
  };
  /** Whether the escape at `buf[at]` (a backslash) may go on with an open channel's remembered start: it
   * stands for a character that would, or it is cut (half of a surrogate pair: outside the BMP, whichever). */
  const escapeMayContinue = (buf: Buffer, at: number): boolean => {
    const c = escaped(buf, at);
    return c < 0 || (c >= 0xd800 && c <= 0xdfff) || marks[c < 0x80 ? c : c < 0x800 ? 0xc0 | (c >> 6) : 0xe0 | (c >> 12)] === 1;
  };
  /** Whether a string in `bytes` (an event) begins with a byte `ns` has, or with an escape of a character
   * that would go on with an open channel's remembered start (a name too: the test need not tell them apart). */
  const eventMayContinue = (bytes: Buffer, ns: readonly number[]): boolean => {
    for (const b of ns) for (let at = bytes.indexOf(b, 1); at >= 0; at = bytes.indexOf(b, at + 1)) if (bytes[at - 1] === QUOTE) return true;
    for (let at = bytes.indexOf(BACKSLASH, 1); at >= 0; at = bytes.indexOf(BACKSLASH, at + 1)) if (bytes[at - 1] === QUOTE && escapeMayContinue(bytes, at)) return true;
    return false;
  };
  // For the read being pushed, per byte b (ESCAPED: a backslash whose escape may go on, escapeMayContinue):
  // no string in `read[byteFrom[b], byteAt[b])` begins with it (`byteAt[b]` is a b not yet looked at, or
  // `read.length`; -1: not searched in this read). A string beginning with b is a b right after a quote: each
  // b of a read is looked at once at most (the places asked for only grow), however many events it has.
  const byteFrom = new Int32Array(257);
  const byteAt = new Int32Array(257);
  const ESCAPED = 256;
  /** Where the first string in `read[from, limit)` begins with `b` (its quote), or `limit`. */
  const stringStart = (b: number, from: number, limit: number): number => {
    const buf = read!;
    const n = b === ESCAPED ? BACKSLASH : b;
    let at = byteAt[b]!;
    if (at < from + 1 || byteFrom[b]! > from + 1) {
      at = buf.indexOf(n, from + 1);
      if (at < 0) at = buf.length;
      byteFrom[b] = from + 1;
    }
    while (at <= limit && at < buf.length && (buf[at - 1] !== QUOTE || (b === ESCAPED && !escapeMayContinue(buf, at)))) {
      at = buf.indexOf(n, at + 1);
      if (at < 0) at = buf.length;
    }
    byteAt[b] = at;
    return at <= limit && at < buf.length ? at - 1 : limit;
  };
  /** Where the first string in `read[from, limit)` begins that may go on with an open channel's remembered
   * start (its quote), or `limit`. */
  const continuationBefore = (from: number, limit: number, ns: readonly number[]): number => {
    let best = stringStart(ESCAPED, from, limit);
    for (const b of ns) best = stringStart(b, from, best);
    return best;
  };
  /** Whether a string in `buf[start, end)` may go on with an open channel's remembered start. */
  const mayContinue = (buf: Buffer, start: number, end: number): boolean => {
    const ns = needles();
    if (ns === null) return true;
    // (an event is whole before its blank line: an escape in it reads none of the next event's bytes)
    return buf === read ? continuationBefore(start, end, ns) < end : eventMayContinue(buf.subarray(start, end), ns);
  };
  let out: Buffer[] = [];
  // The read being pushed; the run of its events going out as they came, `read[runFrom, runTo)` (one
  // view for all of them: the read itself when nothing in it is held); where texts in it may end with a
  // secret's first characters (Redactor.startsEnding, one search per read), and the next to look at.
  let read: Buffer | null = null;
  let runFrom = -1;
  let runTo = -1;
  let starts: readonly number[] = [];
  let nextStart = 0;

  const flushRun = (): void => {
    if (runFrom < 0) return;
    out.push(read!.subarray(runFrom, runTo));
    runFrom = -1;
  };

  const emit = (b: Buffer): void => {
    flushRun();
    out.push(b);
  };

  /** Whether a text in `buf[start, end)` may end with a secret's first characters. */
  const mayStart = (buf: Buffer, start: number, end: number): boolean => {
    if (buf !== read) return redactor.mayEndWithStart(buf.subarray(start, end));
    while (nextStart < starts.length && starts[nextStart]! < start) nextStart++;
    return nextStart < starts.length && starts[nextStart]! < end;
  };

  const channel = (id: string, choice: number): Channel => {
    let c = channels.get(id);
    if (c === undefined) channels.set(id, (c = { stage: redactor.textStage(PASSTHROUGH_MIN_HOLD)!, choice, pieces: [] }));
    return c;
  };

  /** `holder[key]` as a piece of channel `id`; true when its redaction changed it (held or replaced). */
  const piece = (ev: HeldEvent, id: string, choice: number, holder: Json, key: string): boolean => {
    const text = holder[key];
    if (typeof text !== 'string' || text === '') return false;
    const c = channel(id, choice);
    const p: Piece = { channel: c, text, out: c.stage.push(text), holder, key };
    note(c);
    ev.pieces.push(p);
    return p.out !== text;
  };

  /** The channels of one chunk, each pushed through its redaction; the choices it finishes. */
  const track = (ev: HeldEvent, chunk: Json): { changed: boolean; finished: number[] | null } => {
    let changed = false;
    let finished: number[] | null = null;
    const error = chunk.error;
    if (isObject(error)) {
      changed = piece(ev, 'error/message', ERROR_CHOICE, error, 'message');
      if (isObject(error.metadata)) changed = piece(ev, 'error/raw', ERROR_CHOICE, error.metadata, 'raw') || changed;
    }
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return { changed, finished };
    for (let k = 0; k < choices.length; k++) {
      const ch: unknown = choices[k];
      if (!isObject(ch)) continue;
      const ci = isIndex(ch.index) ? ch.index : k;
      const d = isObject(ch.delta) ? ch.delta : null;
      if (d !== null) {
        for (const key of TEXT_KEYS) changed = piece(ev, `${ci}/${key}`, ci, d, key) || changed;
        if (Array.isArray(d.tool_calls)) {
          d.tool_calls.forEach((tc: unknown, j) => {
            if (!isObject(tc) || !isObject(tc.function)) return;
            const ti = isIndex(tc.index) ? tc.index : j;
            changed = piece(ev, `${ci}/tool/${ti}`, ci, tc.function, 'arguments') || changed;
            // some providers (Gemini) stream a name in pieces: a channel like the arguments
            changed = piece(ev, `${ci}/name/${ti}`, ci, tc.function, 'name') || changed;
          });
        }
        // each annotation arrives whole (clients take each url_citation as it comes, none joins two):
        // its strings are whole texts, redacted as a text's end is
        if (Array.isArray(d.annotations)) {
          const a = redactor.deep(d.annotations);
          if (a !== d.annotations) {
            d.annotations = a;
            ev.whole = changed = true;
          }
        }
        if (Array.isArray(d.reasoning_details)) {
          d.reasoning_details.forEach((e: unknown, j) => {
            if (!isObject(e)) return;
            for (const key of DETAIL_KEYS) changed = piece(ev, `${ci}/detail/${isIndex(e.index) ? e.index : j}/${key}`, ci, e, key) || changed;
          });
        }
      }
      if (ch.finish_reason !== null && ch.finish_reason !== undefined) (finished ??= []).push(ci);
    }
    return { changed, finished };
  };

  const pending = (): boolean => {
    for (const c of chained) if (c.stage.pending !== '') return true;
    return false;
  };

  /** A channel's held tail goes out at the end of its last piece (`end` for a channel that ended,
   * `release` for held events past the bounds). */
  const settle = (c: Channel, how: 'end' | 'release'): void => {
    const tail = how === 'end' ? c.stage.end() : c.stage.release();
    note(c);
    if (tail !== '') c.pieces[c.pieces.length - 1]!.out += tail;
  };

  /** Every channel decided: the held events go out, as they came unless a secret changed their text. */
  const decide = (): void => {
    const dirty = new Set<Channel>();
    for (const c of chained) {
      let a = '';
      let b = '';
      for (const p of c.pieces) {
        a += p.text;
        b += p.out;
      }
      if (a !== b) dirty.add(c);
      c.pieces = [];
    }
    chained.clear();
    for (const ev of held) {
      let rewrite = false;
      for (const p of ev.pieces) {
        if (!dirty.has(p.channel) || p.out === p.text) continue;
        p.holder[p.key] = p.out;
        rewrite = true;
      }
      emit(rewrite || ev.whole ? serialize(ev) : ev.bytes);
    }
    held = [];
    heldSize = 0;
  };

  /** The choices a chunk finished: their channels end (their held tails go out with the held events). */
  const finish = (choices: readonly number[]): void => {
    for (const [id, c] of channels) {
      if (!choices.includes(c.choice)) continue;
      if (c.pieces.length > 0) settle(c, 'end');
      else c.stage.end();
      open.delete(c);
      channels.delete(id);
    }
  };

  /** Every channel ends: `[DONE]`, the end of the body. */
  const finishAll = (): void => {
    for (const c of chained) settle(c, 'end');
    for (const c of channels.values()) c.stage.end();
    channels.clear();
    open.clear();
    if (held.length > 0) decide();
  };

  /** `buf[start, end)` goes out as it came. */
  const forward = (buf: Buffer, start: number, end: number): void => {
    if (buf !== read) return emit(buf.subarray(start, end));
    if (runFrom >= 0 && runTo === start) runTo = end;
    else {
      flushRun();
      runFrom = start;
      runTo = end;
    }
  };

  const onEvent = (buf: Buffer, start: number, end: number): void => {
    if (buf !== read) {
      // an event joined from two reads: the tail of a base64 form cut between them is whole only here
      // (body() holds a form's head at a read's end, not the middle of one whose start went out before)
      buf = redactor.encodedIn(buf.subarray(start, end));
      start = 0;
      end = buf.length;
    }
    if (held.length === 0 && !mayStart(buf, start, end)) {
      if (open.size === 0) return forward(buf, start, end);
      // A channel remembers a start that went out (`s`, `sk-`, a base64 form's first characters), and no text
      // in this event ends with one. Unless one of its strings begins with what would go on with it, it goes
      // out unread: a piece of that channel in it cannot go on with the start (its text is then none), and
      // the channel still remembers it, as if this event had none of its text. Remembering a start that
      // text without one followed only holds the channel's next piece when that piece goes on with it (the
      // rest of the secret, from where the start was cut), which is then redacted as if it were adjacent:
      // never less than the full path (README).
      if (!mayContinue(buf, start, end)) return forward(buf, start, end);
    }
    readEvent(buf, start, end);
  };

  /** An event read: its text channels followed (what onEvent's tests, or framed()'s, did not let out unread). */
  const readEvent = (buf: Buffer, start: number, end: number): void => {
    const bytes = buf.subarray(start, end);
    const message = parse(bytes);
    if (message?.data === '[DONE]') {
      finishAll();
      return forward(buf, start, end);
    }
    const ev: HeldEvent = { bytes, message, chunk: null, pieces: [], whole: false };
    let tracked: { changed: boolean; finished: number[] | null } = { changed: false, finished: null };
    if (message !== null && message.data.charCodeAt(0) === 0x7b) {
      try {
        const v: unknown = JSON.parse(message.data);
        if (isObject(v)) {
          ev.chunk = v;
          tracked = track(ev, v);
        }
      } catch {
        // not JSON: no text to follow; the bytes go out (held behind held events) as they came
      }
    }
    keep(ev, buf, start, end, tracked.changed, tracked.finished);
  };

  /** An event of the frame read (framed): its content string, `buf[open…close]`, its only text; the chunk is
   * not parsed (the frame's was), and is rewritten, when it must be, in that string alone (serialize). */
  const readFramed = (buf: Buffer, start: number, end: number, open: number, close: number, escapes: boolean): void => {
    let text: string;
    if (!escapes) text = buf.toString('utf8', open + 1, close);
    else {
      try {
        text = JSON.parse(buf.toString('utf8', open, close + 1)) as string;
      } catch {
        // no JSON: the event as any other (not followed)
        return readEvent(buf, start, end);
      }
    }
    const ev: HeldEvent = { bytes: buf.subarray(start, end), message: null, chunk: null, pieces: [], whole: false, content: [open - start, close + 1 - start] };
    const f = frame!;
    keep(ev, buf, start, end, piece(ev, f.channel, f.choice, { content: text }, 'content'), null);
  };

  /** A read event out, unless a channel changed or holds: then held (and what is held decided when it can be). */
  const keep = (ev: HeldEvent, buf: Buffer, start: number, end: number, changed: boolean, finished: number[] | null): void => {
    const bytes = ev.bytes;
    if (held.length === 0 && !changed && !ev.pieces.some((p) => p.channel.stage.pending !== '')) {
      if (finished !== null) finish(finished);
      return forward(buf, start, end);
    }
    // the read's buffer may be reused by the reader: an event kept past it is copied
    if (ev.bytes.length < bytes.buffer.byteLength) ev.bytes = Buffer.from(bytes);
    held.push(ev);
    heldSize += bytes.length;
    for (const p of ev.pieces) {
      p.channel.pieces.push(p);
      chained.add(p.channel);
    }
    if (finished !== null) finish(finished);
    if (!pending()) return decide();
    if (heldSize > MAX_HELD_BYTES || held.length > MAX_HELD_EVENTS) releaseAll();
  };

  /** Between two events of the read, nothing arriving: while nothing is held or open, the whole events
   * before the next one whose text may end with a start go out as they came, unsplit (each would); the
   * splitter goes on from where they end (an event's blank line right after a byte that ends no line: the
   * splitter, whatever it met before, ends an event exactly there). */
  const skipEvents = (buf: Buffer, from: number): number => {
    if (held.length > 0) return from;
    while (nextStart < starts.length && starts[nextStart]! < from) nextStart++;
    let next = nextStart < starts.length ? starts[nextStart]! : buf.length;
    if (open.size > 0) {
      // (or one that may go on with an open channel's remembered start: the events before it go out unread)
      const ns = needles();
      if (ns === null) return from;
      next = continuationBefore(from, next, ns);
    }
    if (next === buf.length && endsEvents(buf)) {
      forward(buf, from, buf.length);
      return buf.length;
    }
    const at = next < 2 ? -1 : buf.lastIndexOf(BLANK_LINE, next - 2);
    if (at < from || (at > 0 && (buf[at - 1] === LF || buf[at - 1] === CR))) return from;
    forward(buf, from, at + 2);
    return at + 2;
  };

  // The stream's frame (frameOf), null until one is found; the tries (a JSON.parse each) a stream may spend.
  let frame: Frame | null = null;
  let frameTries = 0;
  /** The events the frame matched (past FRAME_KEPT it is kept: a stream's last chunks, finish and usage, are not its frame). */
  let frameHits = 0;
  /** The events framed() read in the read being pushed. */
  let framedRead = 0;

  /** Whether the JSON string `buf[open…close]` (its quotes) may go on with an open channel's remembered
   * start: it begins with a byte that would, or with an escape that may (mayContinue for one string). */
  const stringMayContinue = (buf: Buffer, open: number, close: number): boolean => {
    if (close === open + 1) return false;
    if (needles() === null) return true;
    const b = buf[open + 1]!;
    return b === BACKSLASH ? escapeMayContinue(buf, open + 1) : marks[b] === 1;
  };

  /**
   * The events from the start of `read` on that are the stream's frame's (frameEvent), each looked at by its
   * content string alone: its only text (the frame has no other, and no finish_reason), so onEvent's tests
   * on the event come down to that string's. It goes out unread unless the string may end with a secret's
   * first characters (Redactor.stringMayStart) or go on with an open channel's remembered start, or events
   * are held: then it is read (readEvent). Returns where the first event that is not the frame's starts
   * (`buf.length`: none); a stream's first such events may set the frame (FRAME_TRIES a stream).
   */
  const framed = (buf: Buffer, scanned: number): number => {
    let at = 0;
    framedRead = 0;
    // (an event of the frame has no CR: the pass ends at the first one)
    const cr = buf.indexOf(CR);
    while (at < buf.length) {
      let hit = frame === null ? null : frameEvent(frame, buf, at);
      if (hit === null && frameTries < FRAME_TRIES && frameHits < FRAME_KEPT) {
        const next = frameOf(buf, at);
        // (each `data: {` event looked at counts: a stream of other events stops trying)
        if (next !== null) frameTries++;
        if (next) {
          frame = next;
          frameHits = 0;
          hit = frameEvent(frame, buf, at);
        }
      }
      if (hit === null) {
        // another event (a comment, the role chunk, a finish, [DONE]) of LF lines: onEvent's tests on it alone
        const e = buf.indexOf(BLANK_LINE, at);
        if (e <= at || (cr >= 0 && cr < e + 2)) return at;
        const bytes = buf.subarray(at, e + 2);
        if (held.length > 0 || redactor.startsEnding(bytes, scanned).length > 0 || (open.size > 0 && mayContinue(bytes, 0, bytes.length))) {
          framedRead++;
          readEvent(buf, at, e + 2);
        } else forward(buf, at, e + 2);
        at = e + 2;
        continue;
      }
      frameHits++;
      const end = hit.end;
      if (held.length > 0 || redactor.stringMayStart(buf, hit.open, hit.close, hit.plain, scanned) || (open.size > 0 && stringMayContinue(buf, hit.open, hit.close))) {
        framedRead++;
        readFramed(buf, at, end, hit.open, hit.close, hit.escapes);
      } else forward(buf, at, end);
      at = end;
    }
    return at;
  };

  /** `buf` (a read, or the part of one framed() did not take) searched for texts that may end with a
   * secret's first characters and split into events, each onEvent's (or, while nothing is held or open,
   * those before the next such one out unsplit: skipEvents); what goes out onto `out`. */
  const searched = (buf: Buffer, scanned: number): void => {
    starts = redactor.startsEnding(buf, scanned);
    nextStart = 0;
    read = buf;
    byteAt.fill(-1);
    // Nothing held or arriving, no text in this read may end with a secret's first characters or go on
    // with an open channel's remembered start, and the read ends with an event's blank line (nearly every
    // read of an upstream that writes whole events): its events go out as they came, unsplit (each would).
    if (starts.length === 0 && held.length === 0 && split.idle && endsEvents(buf) && (open.size === 0 || !mayContinue(buf, 0, buf.length))) {
      read = null;
      out.push(buf);
      return;
    }
    split.push(
      buf,
      onEvent,
      (b) => {
        // an event over the bound is not read: what was held goes first, then its bytes as they come
        if (held.length > 0) releaseAll();
        emit(b);
      },
      skipEvents,
    );
    flushRun();
    read = null;
  };

  const releaseAll = (): void => {
    for (const c of chained) settle(c, 'release');
    decide();
  };

  return {
    push(whole: Buffer): Buffer | null {
      const scanned = body?.scanned?.(whole) ?? -1;
      out = [];
      let buf = whole;
      // A read that begins inside an event (the last read ended inside it): that event's rest, and the
      // events up to the first blank line right after a byte that ends no line (where the splitter is then
      // between events), are searched and split as below; the rest of the read as any read.
      if (held.length === 0 && !split.idle) {
        const q = eventEndAfter(buf, 0);
        if (q > 0 && q < buf.length) {
          searched(buf.subarray(0, q), scanned);
          buf = buf.subarray(q);
        }
      }
      // Nothing held or arriving: the read's whole events (to its last blank line right after a byte that
      // ends no line; all of it, nearly always) of the stream's frame (nearly all of them) are looked at by
      // their content string alone; the rest of the read, from the first other event on or the event its
      // end cuts, is searched and split as below.
      if (held.length === 0 && split.idle) {
        const limit = endsEvents(buf) ? buf.length : lastEventEnd(buf);
        if (limit > 0) {
          const events = limit === buf.length ? buf : buf.subarray(0, limit);
          read = events;
          const at = framed(events, scanned);
          if (at === limit) {
            // (a read with an event read is split, as below: what goes out is the read itself only when each went out unread)
            const asItCame = events === whole && framedRead === 0 && runFrom === 0 && runTo === limit && out.length === 0;
            if (!asItCame) flushRun();
            runFrom = -1;
            read = null;
            if (asItCame) return whole;
            if (limit === buf.length) return take(out);
            buf = buf.subarray(limit);
          } else if (at > 0) {
            flushRun();
            buf = buf.subarray(at);
          }
        }
      }
      searched(buf, scanned);
      return take(out);
    },
    end(): Buffer | null {
      out = [];
      const last = split.end();
      if (last !== null) onEvent(last, 0, last.length);
      finishAll();
      return take(out);
    },
    get heldBytes(): number {
      return heldSize + split.length;
    },
  };
}

/**
 * The frame of a stream's content chunks: the bytes each such event has up to its content string
 * (`data: {"id":…,"choices":[{"index":0,"delta":{"content":`) and right after it through the choices'
 * close (`},"finish_reason":null,…}]`), the event then ending with members of the chunk whose values are
 * scalars (`,"sfx_sent":1.5}`) and a blank line. Found once from an event and parsed then: the chunk it
 * frames holds one choice, whose only text is that content string (no other text channel, annotation,
 * tool call, finish_reason; no error), so an event of the frame differs from it only in that string and
 * in members the guard does not read (frameEvent refuses `choices` and `error` among them). Neither part
 * has a backslash or a line end, so an event of the frame is one line, and its only escapes are its
 * content string's.
 */
interface Frame {
  prefix: Buffer;
  mid: Buffer;
  /** The choice's index (its `index`, else 0) and its content's channel. */
  choice: number;
  channel: string;
}

/** Tries a stream may spend (a JSON.parse of a small text each) finding its frame: its first event with a
 * content string sets it (OpenRouter's first chunk has its role, the next ones do not: a second try). */
export const FRAME_TRIES = 4;
const FRAME_KEPT = 8;

const CONTENT_KEY = Buffer.from('"content"');
const CONTENT_START = Buffer.from('"content":"');
const FRAME_START = Buffer.from('data: {');
const CHOICES_END = Buffer.from('}]');
const COMMA = 0x2c;
const COLON = 0x3a;
const CLOSE_BRACE = 0x7d;
const CHOICES_NAME = Buffer.from('choices');
const ERROR_NAME = Buffer.from('error');
const LIST_KEYS = ['tool_calls', 'annotations', 'reasoning_details'] as const;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;

/** Where the JSON number, `true`, `false` or `null` at `buf[j]` ends, or -1 when there is none. */
function scalarEnd(buf: Buffer, j: number): number {
  const c = buf[j];
  const word = c === 0x74 ? TRUE : c === 0x66 ? FALSE : c === 0x6e ? NULL : null;
  if (word !== null) return j + word.length <= buf.length && buf.compare(word, 0, word.length, j, j + word.length) === 0 ? j + word.length : -1;
  let i = j;
  if (buf[i] === 0x2d) i++;
  if (buf[i] === 0x30) i++;
  else if (isDigit(buf[i])) while (isDigit(buf[i])) i++;
  else return -1;
  if (buf[i] === 0x2e) {
    if (!isDigit(buf[++i])) return -1;
    while (isDigit(buf[i])) i++;
  }
  if (buf[i] === 0x65 || buf[i] === 0x45) {
    i++;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    if (!isDigit(buf[i])) return -1;
    while (isDigit(buf[i])) i++;
  }
  return i;
}

/** Where the JSON string whose opening quote is `buf[open]` closes (its closing quote), and whether its only
 * escapes are `\"`, `\n`, `\r`, `\t`, `\b`, `\f` (`plain`); -1 when `buf` ends first or it has a raw
 * control character (no JSON). */
let stringPlain = true;
let stringEscapes = false;
function stringClose(buf: Buffer, open: number): number {
  stringPlain = true;
  stringEscapes = false;
  const n = buf.length;
  for (let i = open + 1; i < n; i++) {
    const c = buf[i]!;
    if (c === QUOTE) return i;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      stringEscapes = true;
      const e = buf[++i];
      if (e !== QUOTE && e !== 0x6e && e !== 0x72 && e !== 0x74 && e !== 0x62 && e !== 0x66) stringPlain = false;
    }
  }
  return -1;
}

/** Whether `buf[from, to)` has a backslash, a CR or a LF. */
function hasEscapeOrLine(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === BACKSLASH || c === LF || c === CR) return true;
  }
  return false;
}

/** The chunk a frame frames: one choice, with no text but its content (empty here), no finish_reason. */
function framesPlainChunk(r: unknown): boolean {
  if (!isObject(r) || isObject(r.error) || !Array.isArray(r.choices) || r.choices.length !== 1) return false;
  const ch: unknown = r.choices[0];
  if (!isObject(ch) || (ch.finish_reason !== null && ch.finish_reason !== undefined) || !isObject(ch.delta)) return false;
  const d = ch.delta;
  if (d.content !== '') return false;
  for (const k of TEXT_KEYS) if (k !== 'content' && typeof d[k] === 'string' && d[k] !== '') return false;
  for (const k of LIST_KEYS) if (Array.isArray(d[k]) && (d[k] as unknown[]).length > 0) return false;
  return true;
}

/** The frame of the event at `buf[at]` (Frame): null when it is no candidate (no `data: {` line: a comment,
 * `[DONE]`), false when it is refused (no `"content":"` string and `}]` after it, or its parse refused it):
 * each `data: {` event looked at counts as one of a stream's FRAME_TRIES. */
function frameOf(buf: Buffer, at: number): Frame | null | false {
  const e = buf.indexOf(BLANK_LINE, at);
  if (e < 0 || e - at < FRAME_START.length || buf.compare(FRAME_START, 0, FRAME_START.length, at, at + FRAME_START.length) !== 0) return null;
  // (searched in the event alone: a read of many events without one costs each event's bytes, not the read's)
  const c = at + buf.subarray(at, e).indexOf(CONTENT_START);
  if (c < at) return false;
  const open = c + CONTENT_KEY.length + 1;
  const close = stringClose(buf, open);
  if (close < 0 || close > e) return false;
  const m = buf.subarray(close + 1, e).indexOf(CHOICES_END);
  if (m < 0) return false;
  const prefix = buf.subarray(at, open);
  const mid = buf.subarray(close + 1, close + 1 + m + 2);
  if (hasEscapeOrLine(prefix, 0, prefix.length) || hasEscapeOrLine(mid, 0, mid.length)) return false;
  if (prefix.indexOf(CONTENT_KEY) !== c - at || mid.indexOf(CONTENT_KEY) >= 0) return false;
  let r: unknown;
  try {
    r = JSON.parse(prefix.toString('utf8', DATA_PREFIX.length) + '""' + mid.toString('utf8') + '}');
  } catch {
    return false;
  }
  if (!framesPlainChunk(r)) return false;
  const index: unknown = ((r as Json).choices as Json[])[0]!.index;
  const choice = isIndex(index) ? index : 0;
  return { prefix: Buffer.from(prefix), mid: Buffer.from(mid), choice, channel: `${choice}/content` };
}

/** An event of the frame (frameEvent): where it ends, and its content string's quotes. Reused. */
const frameHit = { end: 0, open: 0, close: 0, plain: true, escapes: false };

/** The event at `buf[at]` when it is the frame's: its prefix, a JSON string (no raw control character),
 * its mid, then members with scalar values (a string without escapes, a number, `true`, `false`, `null`;
 * none named `choices` or `error`), the chunk's `}` and a blank line; else null. */
function frameEvent(f: Frame, buf: Buffer, at: number): typeof frameHit | null {
  const n = buf.length;
  const open = at + f.prefix.length;
  if (open >= n || buf[open] !== QUOTE || buf.compare(f.prefix, 0, f.prefix.length, at, open) !== 0) return null;
  const close = stringClose(buf, open);
  if (close < 0) return null;
  let j = close + 1;
  if (j + f.mid.length > n || buf.compare(f.mid, 0, f.mid.length, j, j + f.mid.length) !== 0) return null;
  for (j += f.mid.length; ; ) {
    const c = buf[j];
    if (c === CLOSE_BRACE) {
      if (buf[j + 1] !== LF || buf[j + 2] !== LF) return null;
      frameHit.end = j + 3;
      frameHit.open = open;
      frameHit.close = close;
      frameHit.plain = stringPlain;
      frameHit.escapes = stringEscapes;
      return frameHit;
    }
    if (c !== COMMA || buf[j + 1] !== QUOTE) return null;
    const k = j + 2;
    j = k;
    while (j < n && buf[j] !== QUOTE && buf[j] !== BACKSLASH && buf[j]! >= 0x20) j++;
    if (buf[j] !== QUOTE || buf[j + 1] !== COLON) return null;
    if ((j - k === 7 && buf.compare(CHOICES_NAME, 0, 7, k, j) === 0) || (j - k === 5 && buf.compare(ERROR_NAME, 0, 5, k, j) === 0)) return null;
    j += 2;
    if (buf[j] === QUOTE) {
      for (j++; j < n && buf[j] !== QUOTE; j++) if (buf[j] === BACKSLASH || buf[j]! < 0x20) return null;
      if (j >= n) return null;
      j++;
    } else {
      j = scalarEnd(buf, j);
      if (j < 0) return null;
    }
  }
}

/** Whether `buf`, read from an event's start, ends with an event's end: a blank line (`\n\n`) right after
 * a byte that ends no line (so the splitter, whatever it met before, ends an event exactly there). */
function endsEvents(buf: Buffer): boolean {
  const n = buf.length;
  if (n < 2 || buf[n - 1] !== LF || buf[n - 2] !== LF) return false;
  return n === 2 || (buf[n - 3] !== LF && buf[n - 3] !== CR);
}

/** Where the first blank line in `buf[from…]` right after a byte that ends no line ends (the splitter, whatever
 * it met before, ends an event exactly there: endsEvents), or -1. */
function eventEndAfter(buf: Buffer, from: number): number {
  for (let e = buf.indexOf(BLANK_LINE, from); e >= 0; e = buf.indexOf(BLANK_LINE, e + 1)) if (e > 0 && buf[e - 1] !== LF && buf[e - 1] !== CR) return e + 2;
  return -1;
}

/** Where the last such blank line in `buf` ends (the read's whole events), or -1. */
function lastEventEnd(buf: Buffer): number {
  for (let e = buf.lastIndexOf(BLANK_LINE); e > 0; e = buf.lastIndexOf(BLANK_LINE, e - 1)) if (buf[e - 1] !== LF && buf[e - 1] !== CR) return e + 2;
  return -1;
}

function take(out: Buffer[]): Buffer | null {
  return out.length === 0 ? null : out.length === 1 ? out[0]! : Buffer.concat(out);
}

/** A held event whose text changed, serialized again: its `event` and `id` fields, then its data. */
function serialize(ev: HeldEvent): Buffer {
  if (ev.content !== undefined) {
    // the frame's event: its bytes as they came but its content string (its one piece), spelled again
    const [from, to] = ev.content;
    const text = ev.pieces.length === 0 ? null : ev.pieces[0]!.holder.content;
    if (typeof text !== 'string') return ev.bytes;
    return Buffer.concat([ev.bytes.subarray(0, from), Buffer.from(JSON.stringify(text)), ev.bytes.subarray(to)]);
  }
  const m = ev.message!;
  const fields = (m.event !== undefined ? `event: ${m.event}\n` : '') + (m.id !== undefined ? `id: ${m.id}\n` : '');
  return Buffer.from(fields + sseData(JSON.stringify(ev.chunk)));
}

/**
 * Whole SSE events out of a byte stream: an event ends at a blank line (two line ends in a row; a line
 * end is LF, CR or CRLF). The decoder (sse.ts) splits text; passthrough forwards bytes as they came, so it
 * splits the bytes themselves (line ends are single bytes in UTF-8, never inside a character).
 */
function createEventSplitter() {
  // The event still arriving, as the reads it came in (joined once, when it ends).
  let parts: Buffer[] = [];
  let length = 0;
  // Line ends in a row at the end of what was scanned (0 or 1), and whether the last byte was a CR
  // (a LF after it is the same line end): a blank line can be cut between two reads.
  let ends = 0;
  let cr = false;
  // The event over MAX_SSE_EVENT_BYTES being forwarded as it comes.
  let bypass = false;

  // The next CR in the read being scanned (-1: none after the scan point).
  let nextCr = -1;

  /** The index after the blank line that ends an event in `buf[from…]`, or -1. */
  const scan = (buf: Buffer, from: number): number => {
    for (let i = from; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === LF) {
        if (cr) cr = false;
        else if (++ends === 2) {
          ends = 0;
          return i + 1;
        }
      } else if (b === CR) {
        cr = true;
        if (++ends === 2) {
          ends = 0;
          // a CRLF's LF goes with its event when it is in this read (else the next event starts with it)
          if (buf[i + 1] !== LF) return i + 1;
          cr = false;
          return i + 2;
        }
      } else {
        ends = 0;
        cr = false;
        // the rest of a line: jump to its end (the next CR is searched again only once passed: a read
        // without one is searched once)
        const lf = buf.indexOf(LF, i + 1);
        const next = lf < 0 ? buf.length : lf;
        if (nextCr >= 0 && nextCr <= i) nextCr = buf.indexOf(CR, i + 1);
        i = (nextCr >= 0 && nextCr < next ? nextCr : next) - 1;
      }
    }
    return -1;
  };

  return {
    get length(): number {
      return length;
    },
    /** No event is arriving: the next read starts a new one. */
    get idle(): boolean {
      return parts.length === 0 && ends === 0 && !cr && !bypass;
    },
    push(buf: Buffer, onEvent: (buf: Buffer, start: number, end: number) => void, onBypass: (bytes: Buffer) => void, skip?: (buf: Buffer, from: number) => number): void {
      let from = 0;
      nextCr = buf.indexOf(CR);
      if (bypass) {
        const e = scan(buf, 0);
        if (e < 0) return onBypass(buf);
        onBypass(buf.subarray(0, e));
        bypass = false;
        from = e;
      }
      for (;;) {
        // between events, nothing arriving: the caller may take the whole events up to some point at once
        if (parts.length === 0 && ends === 0 && !cr && skip !== undefined) {
          from = skip(buf, from);
          if (from === buf.length) return;
        }
        const e = scan(buf, from);
        if (e < 0) break;
        if (parts.length === 0) onEvent(buf, from, e);
        else {
          const bytes = Buffer.concat([...parts, buf.subarray(from, e)]);
          parts = [];
          length = 0;
          onEvent(bytes, 0, bytes.length);
        }
        from = e;
      }
      if (from === buf.length) return;
      // the read's buffer may be reused by the reader: the part kept is copied
      parts.push(Buffer.from(buf.subarray(from)));
      length += buf.length - from;
      if (length > MAX_SSE_EVENT_BYTES) {
        const kept = Buffer.concat(parts);
        parts = [];
        length = 0;
        bypass = true;
        onBypass(kept);
      }
    },
    /** The last event, which lacked its blank line (null: none). */
    end(): Buffer | null {
      const last = parts.length === 0 ? null : Buffer.concat(parts);
      parts = [];
      length = 0;
      return last;
    },
  };
}

/** One whole event's fields (eventsource-parser reads them; null: no data). Most events are one
 * `data: ` line and a LF blank line, read here directly. */
function createEventParser(): (bytes: Buffer) => EventSourceMessage | null {
  let got: EventSourceMessage | null = null;
  // made for the first event that is not one plain line (most streams have none)
  let parser: ReturnType<typeof createParser> | null = null;
  return (bytes) => {
    const n = bytes.length;
    if (n >= 8 && bytes[n - 1] === LF && bytes.indexOf(LF) === n - 2 && bytes.compare(DATA_PREFIX, 0, 6, 0, 6) === 0 && bytes.indexOf(CR) < 0) {
      return { data: bytes.toString('utf8', 6, n - 2), event: undefined, id: undefined };
    }
    got = null;
    parser ??= createParser({ onEvent: (e) => (got = e) });
    parser.reset();
    // the blank line after it dispatches an event that ended in a CR (its LF may come with the next one)
    parser.feed(bytes.toString('utf8'));
    parser.feed('\n\n');
    return got;
  };
}
