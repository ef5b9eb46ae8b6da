import * as C from './chars';
import { StreamFixError } from './errors';
import { Output, SavedPosition } from './output';
import { Segment } from './segment';
import type { Position, RepairKind, RepairOptions, RepairResult, StreamUpdate, Stripped, StrippedKind, Repair } from './types';

// Local bindings of the character codes and classes: read as plain constants on the hot path, whether
// the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  APOS,
  BACKSLASH,
  BACKTICK,
  COLON,
  COMMA,
  CR,
  D0,
  D9,
  DOT,
  GT,
  LBRACE,
  LBRACKET,
  LDQUO,
  LF,
  LOWER_E,
  LSQUO,
  LT,
  MINUS,
  PLUS,
  QUOTE,
  RBRACE,
  RBRACKET,
  RDQUO,
  RSQUO,
  SLASH,
  SPACE,
  STAR,
  TAB,
  UPPER_E,
  escapeControl,
  isDigit,
  isHex,
  isSpace,
  isWordChar,
  isWordStart,
} = C;

// Phases: before the JSON value (reasoning, fences, prose), inside it, after it.
const P_BEFORE = 0;
const P_VALUE = 1;
const P_AFTER = 2;

// Before-phase states.
const B_TEXT = 0;
const B_TAG = 1; // inside `<…` that may be a tag
const B_THINK = 2; // inside a reasoning block, looking for its closing tag
const B_TICKS = 3; // a run of backticks that may open or close a fence
const B_FENCE_INFO = 4; // the info string after an opening fence

// Value-phase states.
const V_VALUE = 0; // a value is expected (top level, array element, object value)
const V_KEY = 1; // in an object: a key or `}` is expected
const V_COLON = 2; // after a key
const V_AFTER = 3; // after a value inside a container: `,` or a closer is expected
const V_STRING = 4;
const V_ESCAPE = 5; // inside an escape sequence that a segment end cut
const V_NUMBER = 6;
const V_WORD = 7; // a bare word: keyword, Python literal, unquoted key, start of an unquoted string
const V_UQSTR = 8; // an unquoted string value, up to `,` `}` `]` or a line end
const V_SLASH = 9; // a `/` that may start a comment
const V_LINE_COMMENT = 10;
const V_BLOCK_COMMENT = 11;
const V_DONE = 12; // a top-level scalar found at the start, waiting for the end to confirm it
const V_SQ_CLOSE = 13; // a `'` inside a single-quoted string: a closing quote or an apostrophe?

/** How far a JSON candidate found in prose may run before it is taken without further proof. */
const CONFIRM_WINDOW = 2048;
const CONFIRM_DEPTH = 32;

/** The empty list every update without repairs or stripped spans shares (frozen: one allocation less
 * per push on the hot path). */
const NONE: readonly never[] = Object.freeze([]);

const DEFAULTS = { maxInputLength: 64 * 1024 * 1024, maxDepth: 512, maxHoldBack: 1024 * 1024 };

/** Repairs that a real JSON value in prose may need; any other repair before confirmation means the
 * brace was prose (`{name, age}`, `[see above]`), and the text is scanned again as prose. */
const CANDIDATE_REPAIRS = new Set<RepairKind>(['unquoted_key', 'single_quotes', 'smart_quotes', 'python_literal', 'control_character', 'invalid_escape', 'comment']);

/** Bare words that are values, and their JSON spelling (a Map: a word like `toString` is no key). */
const KEYWORDS = new Map<string, string>([
  ['true', 'true'], ['false', 'false'], ['null', 'null'],
  ['True', 'true'], ['False', 'false'], ['None', 'null'],
  ['TRUE', 'true'], ['FALSE', 'false'], ['NULL', 'null'],
  ['undefined', 'null'], ['NaN', 'null'], ['Infinity', 'null'], ['-Infinity', 'null'],
]);

function closerOf(open: number): string {
  return open === LBRACE ? '}' : ']';
}

export class Machine {
  private readonly o = new Output();
  /** The segment object reused for every pushed chunk (rescans get their own). */
  private readonly chunkSeg = new Segment('', 0, 0, 0);
  private readonly maxInputLength: number;
  private readonly maxDepth: number;
  private readonly maxHoldBack: number;

  // ---- whole-stream state
  private total = 0; // characters pushed so far
  private lineEnd = 0; // line and column where the input so far ends
  private colEnd = 0;
  private ended = false;
  private failure: StreamFixError | null = null;
  emitted = '';
  /** Characters handed to the scanners, rescans of rejected candidates included: the engine's work
   * in operations (tests check it stays linear in the input). */
  charsScanned = 0;
  private readonly repairs: Repair[] = [];
  private newRepairs: Repair[] = [];
  private readonly stripped: Stripped[] = [];
  private newStripped: Stripped[] = [];
  private reasoningOut = '';
  private phase = P_BEFORE;
  private valueSeen = false; // a JSON value was confirmed
  private truncated = false;

  // ---- before phase (state surviving a push: partial tags, fences, reasoning blocks, prose runs)
  private bstate = B_TEXT;
  /** The next `{`/`[` (or scalar) starts the JSON without proof: true at the start of the text, after
   * a reasoning block, a fence line or a wrapper tag. */
  private confirmNext = true;
  private inFence = false;
  private tagBuf = ''; // `<…` read so far (a tag can be cut by a segment end)
  private tagPos: Position | null = null;
  private thinkClose = ''; // the closing tag the open reasoning block waits for
  private thinkMatch = 0; // how many characters of it are matched (a segment end can cut it)
  private thinkText = '';
  private thinkPos: Position | null = null;
  private ticks = 0;
  private fenceText = '';
  private fencePos: Position | null = null;
  /** The current prose run: its text (whitespace included), where its first non-space character is. */
  private proseText = '';
  private prosePos: Position | null = null;
  private proseFrom = -1; // segment index where the unflushed part of the run starts
  private anythingBefore = false; // something non-space (stripped or prose) came before the value

  // ---- value phase
  private vstate = V_VALUE;
  private readonly stack: number[] = [];
  /** Bumped on every change of `stack`, so view() rebuilds its closers only when they change. */
  private stackVer = 0;
  private closersVer = -1;
  private closers = '';
  private quotedClosers = '"';
  private unconfirmed = false;
  private candTopScalar = false;
  private candPos: Position = { offset: 0, line: 0, column: 0 };
  private candRaw = ''; // raw text of an unconfirmed candidate from earlier segments
  private candIdx = 0; // segment index where the unsaved part of the candidate's raw text starts
  private candRepairs: Repair[] = [];
  private rescan: Segment | null = null;

  private strQuote = QUOTE; // the character that closes the current string
  private strIsKey = false;
  private escBuf = ''; // an escape sequence cut by a segment end
  private escOwnPending = false; // the escape started the pending text (value strings are not held)
  private surrogateHeld = false; // a high surrogate held at a segment end (value strings)
  private tokLen = 0; // length of the current word / number (its text is the tail of the pending text)
  private tokPrefix = ''; // the first characters of the current word (keyword check)
  private tokPos: Position | null = null;
  private tokIdx = -1;
  private wordIsKey = false;
  private numState = 0;
  private numBad = false;
  private uqTrail = 0; // trailing spaces at the end of an unquoted string
  private colonWs = 0; // spaces read after a key (a missing colon goes before them)
  private readonly keyEnd = new SavedPosition(); // where the last key ended (a missing colon goes there)
  private commentRet = V_VALUE;
  private commentPos: Position | null = null;
  private commentIdx = -1;
  private commentStar = false;

  constructor(options: RepairOptions = {}) {
    const lim = (name: keyof RepairOptions): number => {
      const v = options[name];
      if (v === undefined) return DEFAULTS[name];
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
        throw new StreamFixError('INVALID_OPTION', `Option ${name} must be a positive number, got ${String(v)}`);
      }
      return Math.floor(v);
    };
    this.maxInputLength = lim('maxInputLength');
    this.maxDepth = lim('maxDepth');
    this.maxHoldBack = lim('maxHoldBack');
    this.o.repairSink = this.newRepairs;
  }

  // =====================================================================================
  // Public driver
  // =====================================================================================

  push(chunk: string): StreamUpdate {
    if (this.failure) throw this.failure;
    if (this.ended) throw new StreamFixError('STREAM_ENDED', 'push() called after end()', this.total);
    if (typeof chunk !== 'string') {
      throw new StreamFixError('INVALID_INPUT', `push() takes a string, got ${chunk === null ? 'null' : typeof chunk}`, this.total);
    }
    if (this.total + chunk.length > this.maxInputLength) {
      this.failure = new StreamFixError('INPUT_TOO_LARGE', `Input is longer than maxInputLength (${this.maxInputLength} characters)`, this.maxInputLength);
      throw this.failure;
    }
    try {
      const seg = this.chunkSeg.reset(chunk, this.total, this.lineEnd, this.colEnd);
      this.total += chunk.length;
      this.process(seg);
      this.lineEnd = seg.line(chunk.length);
      this.colEnd = seg.column(chunk.length);
      if (this.o.heldLength() > this.maxHoldBack || this.candRaw.length > this.maxHoldBack) {
        throw new StreamFixError('HOLDBACK_LIMIT', `More than maxHoldBack (${this.maxHoldBack}) characters are held back undecided`, this.total);
      }
    } catch (e) {
      if (e instanceof StreamFixError) this.failure = e;
      throw e;
    }
    return this.takeUpdate();
  }

  end(): RepairResult & { final: string } {
    if (this.ended) throw new StreamFixError('STREAM_ENDED', 'end() called twice', this.total);
    this.ended = true;
    if (this.failure) return this.failed(this.failure.code, this.failure.message, this.failure.offset);
    try {
      const seg = new Segment('', this.total, this.lineEnd, this.colEnd);
      this.o.begin(seg, 0);
      this.finishInput(seg);
    } catch (e) {
      if (e instanceof StreamFixError) return this.failed(e.code, e.message, e.offset);
      throw e;
    }
    const update = this.takeUpdate();
    if (!this.valueSeen) {
      return { ...this.failed('NO_JSON', 'No JSON value found in the input', this.total), stripped: this.stripped.slice() };
    }
    const json = this.emitted;
    const status = this.truncated ? 'TRUNCATED' : this.repairs.length > 0 ? 'REPAIRED' : 'VALID';
    return { status, json, repairs: this.repairs.slice(), stripped: this.stripped.slice(), final: update.output };
  }

  view(): string | null {
    if (!this.valueSeen || this.unconfirmed) return null;
    if (this.phase !== P_VALUE || this.vstate === V_DONE) return this.emitted;
    if (this.closersVer !== this.stackVer) {
      let closers = '';
      for (let k = this.stack.length - 1; k >= 0; k--) closers += closerOf(this.stack[k]);
      this.closers = closers;
      this.quotedClosers = '"' + closers;
      this.closersVer = this.stackVer;
    }
    const inString = (this.vstate === V_STRING || this.vstate === V_ESCAPE || this.vstate === V_SQ_CLOSE) && !this.strIsKey;
    return this.emitted + (inString ? this.quotedClosers : this.closers);
  }

  private failed(code: StreamFixError['code'], message: string, offset: number): RepairResult & { final: string } {
    return { status: 'FAILED', json: null, repairs: this.repairs.slice(), stripped: this.stripped.slice(), error: { code, message, offset }, final: '' };
  }

  private takeUpdate(): StreamUpdate {
    const output = this.o.out;
    this.o.out = '';
    this.emitted += output;
    let repairs: readonly Repair[] = NONE;
    if (this.newRepairs.length > 0) {
      repairs = this.newRepairs;
      for (const r of repairs) this.repairs.push(r);
      this.newRepairs = [];
      if (!this.unconfirmed) this.o.repairSink = this.newRepairs;
    }
    let stripped: readonly Stripped[] = NONE;
    if (this.newStripped.length > 0) {
      stripped = this.newStripped;
      this.newStripped = [];
    }
    const reasoning = this.reasoningOut;
    this.reasoningOut = '';
    const phase = this.phase === P_BEFORE || this.unconfirmed ? 'before' : this.phase === P_VALUE ? 'value' : 'after';
    return { output, repairs, stripped, reasoning, phase };
  }

  /** Scan a segment; a rejected candidate's text is scanned again (as prose) before the rest. */
  private process(seg: Segment): void {
    const first = this.run(seg, 0);
    if (first < 0) return;
    const work: [Segment, number][] = [[seg, first], [this.rescan!, 0]];
    this.rescan = null;
    while (work.length > 0) {
      const [sg, from] = work.pop()!;
      const stop = this.run(sg, from);
      if (stop >= 0) {
        work.push([sg, stop]);
        work.push([this.rescan!, 0]);
        this.rescan = null;
      }
    }
  }

  /** Scan `seg` from `from`. Returns -1 at its end, or the index where a candidate was rejected. */
  private run(seg: Segment, from: number): number {
    const s = seg.text;
    const len = s.length;
    this.o.begin(seg, from);
    this.candIdx = from;
    this.proseFrom = this.phase === P_BEFORE && this.bstate === B_TEXT ? from : -1;
    let i = from;
    while (i < len) {
      if (this.phase === P_VALUE) {
        i = this.runValue(s, i, len);
        if (this.rescan) {
          this.charsScanned += i - from;
          return i;
        }
      } else if (this.phase === P_BEFORE) {
        i = this.runBefore(s, i, len);
        // nothing before the value is output (a candidate start resets these itself)
        if (this.phase === P_BEFORE) {
          this.o.emitFrom = i;
          this.o.pA = i;
        }
      } else {
        i = this.runAfter(s, i, len);
      }
    }
    this.endSegment(seg, len);
    this.charsScanned += len - from;
    return -1;
  }

  private endSegment(seg: Segment, len: number): void {
    const o = this.o;
    if (this.phase === P_BEFORE) {
      if (this.bstate === B_TEXT && this.proseFrom >= 0) this.proseText += seg.text.slice(this.proseFrom, len);
      this.proseFrom = -1;
    }
    if (this.phase === P_VALUE) {
      if (this.vstate === V_LINE_COMMENT || this.vstate === V_BLOCK_COMMENT || this.vstate === V_SLASH) {
        // comment text is dropped: nothing of it is committed or carried
        if (this.commentIdx >= 0) this.commentPos = o.pos(this.commentIdx);
        this.commentIdx = -1;
        o.emitFrom = len;
        o.pA = len;
      }
      if (this.tokIdx >= 0) {
        if (this.tokPos === null) this.tokPos = o.pos(this.tokIdx);
        this.tokIdx = -1;
      }
      if (this.unconfirmed) {
        this.candRaw += seg.text.slice(this.candIdx, len);
        if (this.candRaw.length > CONFIRM_WINDOW && !this.candTopScalar && this.vstate === V_STRING) this.confirm();
      }
    }
    o.endSegment(len);
  }

  // =====================================================================================
  // Before the value: reasoning blocks, fences, wrapper tags, prose
  // =====================================================================================

  private runBefore(s: string, i: number, len: number): number {
    switch (this.bstate) {
      case B_TEXT:
        return this.beforeText(s, i, len);
      case B_TAG:
        return this.beforeTag(s, i, len);
      case B_THINK:
        return this.beforeThink(s, i, len);
      case B_TICKS:
        return this.beforeTicks(s, i, len);
      default:
        return this.beforeFenceInfo(s, i, len);
    }
  }

  private flushProse(s: string, i: number): void {
    if (this.proseFrom >= 0 && i > this.proseFrom) this.proseText += s.slice(this.proseFrom, i);
    this.proseFrom = -1;
  }

  /** Add text that turned out to be prose (a non-tag `<…`, inline backticks, a rejected brace). */
  private proseAppend(text: string, at: Position): void {
    if (this.prosePos === null && text.trim() !== '') this.prosePos = at;
    this.proseText += text;
  }

  /** Close the current prose run: recorded as stripped prose (or reasoning) when not blank. */
  private finishProse(kind: StrippedKind = 'prose', suffix = ''): void {
    const text = this.proseText;
    const at = this.prosePos;
    this.proseText = '';
    this.prosePos = null;
    if (at === null) {
      if (suffix === '') return;
    }
    const start = at ?? this.tagPos!;
    let body: string;
    if (at === null) body = suffix;
    else {
      // the run's text from its first non-space character; trailing spaces are not part of the span
      const lead = text.length - text.trimStart().length;
      body = suffix === '' ? text.slice(lead).trimEnd() : text.slice(lead) + suffix;
    }
    if (kind === 'reasoning') {
      this.reasoningOut += at === null ? '' : text.slice(text.length - text.trimStart().length).trim();
    }
    this.strip(kind, start, body);
  }

  private strip(kind: StrippedKind, at: Position, text: string): void {
    const st: Stripped = { kind, offset: at.offset, length: text.length, line: at.line, column: at.column, text };
    this.stripped.push(st);
    this.newStripped.push(st);
    this.anythingBefore = true;
  }

  private beforeText(s: string, i: number, len: number): number {
    if (this.proseFrom < 0) this.proseFrom = i;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === LT) {
        this.flushProse(s, i);
        this.tagBuf = '<';
        this.tagPos = this.o.pos(i);
        this.bstate = B_TAG;
        return i + 1;
      }
      if (c === BACKTICK) {
        this.flushProse(s, i);
        this.ticks = 1;
        this.fencePos = this.o.pos(i);
        this.bstate = B_TICKS;
        return i + 1;
      }
      if (c === LBRACE || c === LBRACKET) {
        this.flushProse(s, i);
        this.startCandidate(i, false);
        return i;
      }
      if (this.confirmNext && (c === QUOTE || c === MINUS || isDigit(c) || c === 116 || c === 102 || c === 110)) {
        this.flushProse(s, i);
        this.startCandidate(i, true);
        return i;
      }
      if (!isSpace(c)) {
        if (this.prosePos === null) this.prosePos = this.o.pos(i);
        this.confirmNext = false;
      }
      i++;
    }
    return i;
  }

  private beforeTag(s: string, i: number, len: number): number {
    while (i < len) {
      const c = s.charCodeAt(i);
      const n = this.tagBuf.length;
      if (c === GT && n > 1) {
        this.tagBuf += '>';
        this.onTag();
        return i + 1;
      }
      const ok =
        n < 100 &&
        (n === 1
          ? c === SLASH || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
          : isWordChar(c) || c === SLASH || c === SPACE || c === 61 || c === QUOTE || c === APOS || c === DOT || c === COLON);
      if (!ok) {
        // not a tag: it was prose; the current character is read again as text
        this.proseAppend(this.tagBuf, this.tagPos!);
        this.confirmNext = false;
        this.tagBuf = '';
        this.bstate = B_TEXT;
        this.proseFrom = i;
        return i;
      }
      this.tagBuf += s[i];
      i++;
    }
    return i;
  }

  private onTag(): void {
    const tag = this.tagBuf;
    this.tagBuf = '';
    this.bstate = B_TEXT;
    const closing = tag.charCodeAt(1) === SLASH;
    const name = /^<\/?\s*([A-Za-z][\w:.-]*)/.exec(tag)?.[1]?.toLowerCase() ?? '';
    if (name === 'think' || name === 'thinking' || name === 'reasoning') {
      if (closing) {
        // a closing tag with no opening one: everything before it was reasoning
        this.finishProse('reasoning', tag);
        this.confirmNext = true;
        return;
      }
      this.finishProse();
      this.thinkClose = `</${name}>`;
      this.thinkMatch = 0;
      this.thinkText = tag;
      this.thinkPos = this.tagPos;
      this.bstate = B_THINK;
      return;
    }
    this.finishProse();
    this.strip('wrapper', this.tagPos!, tag);
    this.confirmNext = !closing;
  }

  private beforeThink(s: string, i: number, len: number): number {
    const close = this.thinkClose;
    while (i < len) {
      if (this.thinkMatch === 0) {
        const j = s.indexOf('<', i);
        const end = j === -1 ? len : j;
        if (end > i) {
          const t = s.slice(i, end);
          this.thinkText += t;
          this.reasoningOut += t;
          i = end;
          if (i === len) break;
        }
      }
      const c = s.charCodeAt(i) | (this.thinkMatch > 1 ? 0x20 : 0); // tag names match case-insensitively
      if (c === close.charCodeAt(this.thinkMatch)) {
        this.thinkMatch++;
        i++;
        if (this.thinkMatch === close.length) {
          this.thinkText += close;
          this.strip('reasoning', this.thinkPos!, this.thinkText);
          this.thinkText = '';
          this.thinkMatch = 0;
          this.bstate = B_TEXT;
          this.confirmNext = true;
          return i;
        }
      } else if (this.thinkMatch > 0) {
        // a false start: the matched characters were reasoning text; read this one again
        const t = close.slice(0, this.thinkMatch);
        this.thinkText += t;
        this.reasoningOut += t;
        this.thinkMatch = 0;
      } else {
        this.thinkText += s[i];
        this.reasoningOut += s[i];
        i++;
      }
    }
    return i;
  }

  private beforeTicks(s: string, i: number, len: number): number {
    while (i < len && s.charCodeAt(i) === BACKTICK) {
      this.ticks++;
      i++;
    }
    if (i === len) return i;
    this.endTicks();
    return i;
  }

  private endTicks(): void {
    const ticks = '`'.repeat(this.ticks);
    if (this.ticks >= 3) {
      if (this.inFence) {
        // an empty fence closes before any value
        this.finishProse();
        this.strip('fence', this.fencePos!, ticks);
        this.inFence = false;
        this.bstate = B_TEXT;
      } else {
        this.fenceText = ticks;
        this.bstate = B_FENCE_INFO;
      }
    } else {
      this.proseAppend(ticks, this.fencePos!);
      this.confirmNext = false;
      this.bstate = B_TEXT;
    }
  }

  private beforeFenceInfo(s: string, i: number, len: number): number {
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === LF) {
        this.fenceText += '\n';
        this.openFence();
        return i + 1;
      }
      if (!(isWordChar(c) || c === SPACE || c === TAB || c === CR || c === PLUS || c === DOT) || this.fenceText.length > 64) {
        this.openFence();
        return i;
      }
      this.fenceText += s[i];
      i++;
    }
    return i;
  }

  private openFence(): void {
    this.finishProse();
    this.strip('fence', this.fencePos!, this.fenceText);
    this.fenceText = '';
    this.inFence = true;
    this.confirmNext = true;
    this.bstate = B_TEXT;
  }

  /** A `{`, `[` or (at the start) a scalar begins what may be the JSON value. */
  private startCandidate(i: number, scalar: boolean): void {
    const o = this.o;
    this.phase = P_VALUE;
    this.vstate = V_VALUE;
    this.stack.length = 0;
    this.stackVer++;
    this.candTopScalar = scalar;
    const leading = !this.anythingBefore && this.prosePos === null ? this.proseText : '';
    if (this.confirmNext && !scalar) {
      this.unconfirmed = false;
      this.valueSeen = true;
      this.finishProse();
    } else {
      this.unconfirmed = true;
      this.candPos = o.pos(i);
      this.candRaw = '';
      this.candIdx = i;
      o.cand = '';
      this.candRepairs = [];
      o.repairSink = this.candRepairs;
    }
    o.emitFrom = i;
    o.pA = i;
    // valid JSON keeps its leading whitespace, byte for byte
    if (leading !== '') o.emit(leading);
    if (!this.unconfirmed) this.proseText = '';
  }

  /** The candidate is JSON after all: its buffered output and repairs go out. */
  private confirm(): void {
    if (!this.unconfirmed) return;
    this.unconfirmed = false;
    this.valueSeen = true;
    this.o.out += this.o.cand ?? '';
    this.o.cand = null;
    for (const r of this.candRepairs) this.newRepairs.push(r);
    this.candRepairs = [];
    this.o.repairSink = this.newRepairs;
    this.candRaw = '';
    const proseText = this.proseText;
    if (this.prosePos !== null) this.finishProse();
    else this.proseText = '';
    void proseText;
  }

  /** The candidate was prose: forget it and scan its text again (after its first character). */
  private reject(s: string, i: number): number {
    const raw = this.candRaw + s.slice(this.candIdx, i);
    const o = this.o;
    this.proseAppend(raw[0], this.candPos);
    this.confirmNext = false;
    this.unconfirmed = false;
    this.phase = P_BEFORE;
    this.bstate = B_TEXT;
    this.stack.length = 0;
    this.stackVer++;
    this.candRaw = '';
    this.candRepairs = [];
    o.cand = null;
    o.repairSink = this.newRepairs;
    o.pending = false;
    o.carry = '';
    o.pendRepairs = [];
    this.tokIdx = -1;
    this.tokLen = 0;
    this.tokPos = null;
    this.escBuf = '';
    this.escOwnPending = false;
    this.surrogateHeld = false;
    this.sqHeld = false;
    o.hasComma = false;
    o.commaIdx = -1;
    o.commaInCarry = -1;
    this.rescan = new Segment(raw.slice(1), this.candPos.offset + 1, this.candPos.line, this.candPos.column + 1);
    return i;
  }

  /** A repair is needed; before confirmation only some kinds are allowed, the others reject. */
  private rep(kind: RepairKind): boolean {
    return !this.unconfirmed || CANDIDATE_REPAIRS.has(kind);
  }

  // =====================================================================================
  // The value
  // =====================================================================================

  private runValue(s: string, i: number, len: number): number {
    const o = this.o;
    while (i < len) {
      switch (this.vstate) {
        case V_STRING: {
          const q = this.strQuote;
          let c = 0;
          if (this.surrogateHeld) {
            this.surrogateHeld = false;
            o.commitPending(i);
          }
          if (q === QUOTE) {
            while (i < len) {
              c = s.charCodeAt(i);
              if (c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          } else {
            while (i < len) {
              c = s.charCodeAt(i);
              if (c === q || c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          }
          if (i >= len) {
            // a high surrogate at the end of the segment waits for its pair
            const last = s.charCodeAt(len - 1);
            if (last >= 0xd800 && last <= 0xdbff && !o.pending && len > 0) {
              o.startPending(len - 1);
              this.surrogateHeld = true;
            }
            if (this.unconfirmed && s.length + this.candRaw.length > CONFIRM_WINDOW && !this.candTopScalar) this.confirm();
            return i;
          }
          if (c === q) {
            if (q === QUOTE) {
              i++;
              this.endString(i);
            } else if (q === APOS) {
              if (i + 1 < len) {
                const n = s.charCodeAt(i + 1);
                if ((n >= 97 && n <= 122) || (n >= 65 && n <= 90)) {
                  i++; // an apostrophe inside the word: `'it's'`
                } else {
                  if (!this.rep('single_quotes')) return this.reject(s, i);
                  o.record(o.repair('single_quotes', o.pos(i), 1, '"'));
                  o.edit(i, i + 1, '"');
                  i++;
                  this.endString(i);
                }
              } else {
                // the quote ends the segment: closing quote or apostrophe depends on what follows
                this.sqPos = o.pos(i);
                if (!o.pending) {
                  o.startPending(i);
                  this.sqHeld = true;
                }
                this.vstate = V_SQ_CLOSE;
                i++;
              }
            } else {
              // a typographic closing quote
              o.record(o.repair('smart_quotes', o.pos(i), 1, '"'));
              o.edit(i, i + 1, '"');
              i++;
              this.endString(i);
            }
          } else if (c === QUOTE) {
            // a double quote inside a single- or smart-quoted string must be escaped
            o.edit(i, i + 1, '\\"');
            o.record(o.repair(q === APOS ? 'single_quotes' : 'smart_quotes', o.pos(i), 1, '\\"'));
            i++;
          } else if (c === BACKSLASH) {
            i = this.escape(s, i, len);
          } else {
            // a raw control character: escape it
            if (!this.rep('control_character')) return this.reject(s, i);
            const r = escapeControl(c);
            o.record(o.repair('control_character', o.pos(i), 1, r));
            o.edit(i, i + 1, r);
            i++;
          }
          break;
        }
        case V_VALUE: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.valueStart(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_KEY: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.keyStart(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_COLON: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            this.colonWs++;
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.colon(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_AFTER: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.after(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_NUMBER:
          i = this.number(s, i, len);
          if (this.rescan) return i;
          break;
        case V_WORD:
          i = this.word(s, i, len);
          if (this.rescan) return i;
          break;
        case V_UQSTR:
          i = this.unquoted(s, i, len);
          break;
        case V_ESCAPE:
          i = this.escapeSlow(s, i, len);
          break;
        case V_SQ_CLOSE:
          i = this.singleQuoteClose(s, i);
          break;
        case V_SLASH:
        case V_LINE_COMMENT:
        case V_BLOCK_COMMENT:
          i = this.comment(s, i, len);
          if (this.rescan) return i;
          break;
        case V_DONE: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) this.doneNewline = true;
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          // a fence, a tag or a new line closes the text the scalar stood alone in
          if (c === BACKTICK || c === LT || this.doneNewline) {
            this.confirm();
            o.flushCommitted(o.pA);
            o.dropPending(i);
            this.phase = P_AFTER;
            this.trailStart = -2;
            return i;
          }
          return this.reject(s, i);
        }
      }
      if (this.rescan !== null || this.phase !== P_VALUE) return i;
    }
    return i;
  }

  // ---- strings

  private beginString(i: number, quote: number, isKey: boolean): void {
    this.strQuote = quote;
    this.strIsKey = isKey;
    this.vstate = V_STRING;
    void i;
  }

  /** An opening quote other than `"` at segment index i: replaced by `"`. Returns false to reject. */
  private openOddQuote(i: number, c: number): boolean {
    const o = this.o;
    const kind: RepairKind = c === APOS ? 'single_quotes' : 'smart_quotes';
    if (!this.rep(kind)) return false;
    o.record(o.repair(kind, o.pos(i), 1, '"'));
    o.edit(i, i + 1, '"');
    return true;
  }

  private endString(i: number): void {
    if (this.strIsKey) {
      this.vstate = V_COLON;
      this.colonWs = 0;
      this.keyEnd.save(this.o.seg, i);
    } else {
      this.afterValue(i);
    }
  }

  /** A `'` held at a segment end (the last character of the pending text) in a single-quoted string:
   * followed by a letter it is an apostrophe (`'it's'`), otherwise it closes the string. */
  private singleQuoteClose(s: string, i: number): number {
    const o = this.o;
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      this.vstate = V_STRING;
      if (this.sqHeld) o.commitPending(i);
      this.sqHeld = false;
      return i;
    }
    if (!this.rep('single_quotes')) return this.reject(s, i);
    o.replaceTail(i, 1, '"');
    o.record(o.repair('single_quotes', this.sqPos!, 1, '"'));
    if (this.sqHeld) o.commitPending(i);
    this.sqHeld = false;
    this.endString(i);
    return i;
  }

  // a `'` at a segment end: whether this string's value started the held text, and where the quote is
  private sqHeld = false;
  private sqPos: Position | null = null;

  /** A backslash at i inside a string. */
  private escape(s: string, i: number, len: number): number {
    const o = this.o;
    if (i + 1 < len) {
      const n = s.charCodeAt(i + 1);
      if (n === QUOTE || n === BACKSLASH || n === SLASH || n === 98 || n === 102 || n === 110 || n === 114 || n === 116) return i + 2;
      if (n === 117) {
        if (i + 5 < len) {
          if (isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)) && isHex(s.charCodeAt(i + 4)) && isHex(s.charCodeAt(i + 5))) return i + 6;
          return this.badEscape(i);
        }
      } else if (n === APOS && this.strQuote === APOS) {
        // `\'` in a single-quoted string is a plain apostrophe in JSON
        o.record(o.repair('single_quotes', o.pos(i), 2, "'"));
        o.edit(i, i + 2, "'");
        return i + 2;
      } else {
        return this.badEscape(i);
      }
    }
    // the escape runs past the segment end: hold it until it is complete
    if (!o.pending) {
      o.startPending(i);
      this.escOwnPending = true;
    } else this.escOwnPending = false;
    this.escBuf = '\\';
    this.tokPos = o.pos(i);
    this.vstate = V_ESCAPE;
    return i + 1;
  }

  private badEscape(i: number): number {
    const o = this.o;
    if (!this.rep('invalid_escape')) return this.reject(this.o.seg.text, i);
    o.record(o.repair('invalid_escape', o.pos(i), 1, '\\\\'));
    o.edit(i, i + 1, '\\\\');
    return i + 1;
  }

  private escapeSlow(s: string, i: number, len: number): number {
    const o = this.o;
    while (i < len) {
      const c = s.charCodeAt(i);
      const b = this.escBuf;
      if (b.length === 1) {
        if (c === QUOTE || c === BACKSLASH || c === SLASH || c === 98 || c === 102 || c === 110 || c === 114 || c === 116) {
          return this.escDone(i + 1, null, 2);
        }
        if (c === APOS && this.strQuote === APOS) return this.escDone(i + 1, "'", 2, 'single_quotes');
        if (c !== 117) return this.escDone(i, '\\\\', 1, 'invalid_escape');
        this.escBuf += 'u';
        i++;
      } else {
        if (!isHex(c)) return this.escDone(i, '\\\\' + b.slice(1), b.length, 'invalid_escape');
        this.escBuf += s[i];
        i++;
        if (this.escBuf.length === 6) return this.escDone(i, null, 6);
      }
    }
    void o;
    return i;
  }

  /** The held escape (its last `rawLen` characters end at i) is complete: replaced by `rep` if given. */
  private escDone(i: number, rep: string | null, tailLen: number, kind?: RepairKind): number {
    const o = this.o;
    this.vstate = V_STRING;
    if (rep !== null) {
      if (kind === 'invalid_escape') {
        if (!this.rep(kind)) return this.reject(o.seg.text, i);
        o.record(o.repair(kind, this.tokPos!, 1, '\\\\'));
      } else if (kind === 'single_quotes') o.record(o.repair(kind, this.tokPos!, 2, "'"));
      o.replaceTail(i, tailLen, rep);
    }
    this.tokPos = null;
    this.escBuf = '';
    if (this.escOwnPending) o.commitPending(i);
    this.escOwnPending = false;
    return i;
  }

  // ---- values

  /** The first character of a value (spaces skipped). */
  private valueStart(s: string, i: number, c: number): number {
    const o = this.o;
    switch (c) {
      case QUOTE:
        o.commitPending(i);
        this.beginString(i, QUOTE, false);
        return i + 1;
      case APOS:
      case LDQUO:
      case LSQUO:
        o.commitPending(i);
        if (!this.openOddQuote(i, c)) return this.reject(s, i);
        this.beginString(i, c === APOS ? APOS : c === LDQUO ? RDQUO : RSQUO, false);
        return i + 1;
      case LBRACE:
      case LBRACKET:
        o.commitPending(i);
        if (this.stack.length >= this.maxDepth) {
          throw new StreamFixError('DEPTH_LIMIT', `Nesting is deeper than maxDepth (${this.maxDepth})`, o.seg.base + i);
        }
        this.stack.push(c);
        this.stackVer++;
        if (this.unconfirmed && this.stack.length > CONFIRM_DEPTH) this.confirm();
        if (c === LBRACE) {
          this.vstate = V_KEY;
          o.startPending(i + 1);
        } else this.vstate = V_VALUE;
        return i + 1;
      case RBRACE:
      case RBRACKET:
        return this.closer(s, i, c);
      case COMMA: {
        if (this.stack.length === 0) return this.endRegion(s, i);
        if (this.stack[this.stack.length - 1] === LBRACE) {
          // `{"a": ,` — the value is missing
          if (!this.rep('missing_value')) return this.reject(s, i);
          o.record(o.repair('missing_value', o.pos(i), 0, 'null'));
          o.commitPending(i);
          o.edit(i, i, 'null');
          this.afterValue(i);
          return i;
        }
        // `[1,,2]` or `[,1]`: an extra comma
        if (!this.rep('trailing_comma')) return this.reject(s, i);
        o.record(o.repair('trailing_comma', o.pos(i), 1, ''));
        o.edit(i, i + 1, '');
        return i + 1;
      }
      case SLASH:
        return this.startComment(i, V_VALUE);
      default:
        if (isDigit(c) || c === MINUS || c === PLUS || c === DOT) {
          if (!o.pending) o.startPending(i);
          this.startToken(i, c);
          this.vstate = V_NUMBER;
          this.numState = 0;
          this.numBad = false;
          return i;
        }
        if (isWordStart(c)) {
          if (!o.pending) o.startPending(i);
          this.startToken(i, c);
          this.wordIsKey = false;
          this.vstate = V_WORD;
          return i;
        }
        return this.endRegion(s, i);
    }
  }

  private startToken(i: number, _c: number): void {
    this.tokLen = 0;
    this.tokPrefix = '';
    this.tokIdx = i;
    this.tokPos = null;
  }

  private tokenPos(): Position {
    return this.tokPos ?? this.o.pos(this.tokIdx);
  }

  /** A key or `}` expected (spaces skipped). */
  private keyStart(s: string, i: number, c: number): number {
    const o = this.o;
    if (c === QUOTE) {
      this.beginString(i, QUOTE, true);
      return i + 1;
    }
    if (c === APOS || c === LDQUO || c === LSQUO) {
      if (!this.openOddQuote(i, c)) return this.reject(s, i);
      this.beginString(i, c === APOS ? APOS : c === LDQUO ? RDQUO : RSQUO, true);
      return i + 1;
    }
    if (c === RBRACE || c === RBRACKET) return this.closer(s, i, c);
    if (c === COMMA) {
      if (!this.rep('trailing_comma')) return this.reject(s, i);
      o.record(o.repair('trailing_comma', o.pos(i), 1, ''));
      o.edit(i, i + 1, '');
      return i + 1;
    }
    if (c === SLASH) return this.startComment(i, V_KEY);
    if (isWordChar(c)) {
      this.startToken(i, c);
      this.wordIsKey = true;
      this.vstate = V_WORD;
      return i;
    }
    return this.endRegion(s, i);
  }

  private colon(s: string, i: number, c: number): number {
    const o = this.o;
    if (c === COLON) {
      this.vstate = V_VALUE;
      if (this.unconfirmed && !this.candTopScalar) this.confirm();
      return i + 1;
    }
    if (c === SLASH) return this.startComment(i, V_COLON);
    if (c === RBRACE || c === COMMA) {
      // `{"a"}` / `{"a", …`: a key without a value
      if (!this.rep('missing_value')) return this.reject(s, i);
      o.insertBeforeTail(i, this.colonWs, ': null');
      o.record(o.repair('missing_value', o.resolve(this.keyEnd), 0, ': null'));
      o.commitPending(i);
      this.afterValue(i);
      return i;
    }
    if (c === QUOTE || c === APOS || c === LBRACE || c === LBRACKET || c === MINUS || isDigit(c) || isWordStart(c) || c === LDQUO) {
      if (!this.rep('missing_colon')) return this.reject(s, i);
      o.record(o.repair('missing_colon', o.resolve(this.keyEnd), 0, ':'));
      o.insertBeforeTail(i, this.colonWs, ':');
      this.vstate = V_VALUE;
      return i;
    }
    return this.endRegion(s, i);
  }

  /** A value ended at i (exclusive). */
  private afterValue(i: number): void {
    const o = this.o;
    // a candidate that has gone on this long without proof is taken: rescanning it would cost more
    if (this.unconfirmed && !this.candTopScalar && o.seg.base + i - this.candPos.offset > CONFIRM_WINDOW) this.confirm();
    if (this.stack.length === 0) {
      if (this.unconfirmed) {
        this.vstate = V_DONE;
        this.doneNewline = false;
        o.startPending(i);
        return;
      }
      this.phase = P_AFTER;
      this.trailStart = -1;
      o.startPending(i);
      return;
    }
    this.vstate = V_AFTER;
    o.startPending(i);
  }

  /** After a value in a container (spaces skipped). */
  private after(s: string, i: number, c: number): number {
    const o = this.o;
    const inObject = this.stack[this.stack.length - 1] === LBRACE;
    if (c === COMMA) {
      o.markComma(i);
      this.vstate = inObject ? V_KEY : V_VALUE;
      if (this.unconfirmed) this.confirm();
      return i + 1;
    }
    if (c === RBRACE || c === RBRACKET) return this.closer(s, i, c);
    if (c === SLASH) return this.startComment(i, V_AFTER);
    const startsNext = inObject
      ? c === QUOTE || c === APOS || c === LDQUO || c === LSQUO || isWordStart(c)
      : c === QUOTE || c === APOS || c === LDQUO || c === LSQUO || c === LBRACE || c === LBRACKET || c === MINUS || isDigit(c) || isWordStart(c);
    if (startsNext) {
      // two values in a row: the comma between them is missing
      if (!this.rep('missing_comma')) return this.reject(s, i);
      o.pendRepairs.push(o.repair('missing_comma', o.pendingStart(), 0, ','));
      o.prependPending(i, ',');
      this.vstate = inObject ? V_KEY : V_VALUE;
      return i;
    }
    return this.endRegion(s, i);
  }

  /** A closing bracket at i, in any state where one may come. */
  private closer(s: string, i: number, c: number): number {
    const o = this.o;
    const stack = this.stack;
    const want = c === RBRACE ? LBRACE : LBRACKET;
    if (stack.length === 0) return this.endRegion(s, i);
    let k = stack.length - 1;
    while (k >= 0 && stack[k] !== want) k--;
    if (k < 0) {
      // nothing open matches: a stray bracket
      if (!this.rep('stray_bracket')) return this.reject(s, i);
      o.record(o.repair('stray_bracket', o.pos(i), 1, ''));
      o.edit(i, i + 1, '');
      return i + 1;
    }
    this.resolveBeforeCloser(s, i);
    if (this.rescan) return i;
    if (k < stack.length - 1) {
      if (!this.rep('mismatched_bracket')) return this.reject(s, i);
      let closers = '';
      for (let j = stack.length - 1; j > k; j--) closers += closerOf(stack[j]);
      o.record(o.repair('mismatched_bracket', o.pos(i), 0, closers));
      o.edit(i, i, closers);
      stack.length = k + 1;
      this.stackVer++;
    }
    stack.pop();
    this.stackVer++;
    if (this.unconfirmed && !this.candTopScalar) this.confirm();
    this.afterValue(i + 1);
    return i + 1;
  }

  /** Settle the held text before a closer: a trailing comma goes, a missing value becomes null. */
  private resolveBeforeCloser(s: string, i: number): void {
    const o = this.o;
    const st = this.vstate;
    if (o.hasComma && (st === V_VALUE || st === V_KEY)) {
      if (!this.rep('trailing_comma')) {
        this.reject(s, i);
        return;
      }
      const at = o.dropComma();
      o.pendRepairs.push(o.repair('trailing_comma', at, 1, ''));
    } else if (st === V_VALUE && o.pending && this.stack[this.stack.length - 1] === LBRACE) {
      if (!this.rep('missing_value')) {
        this.reject(s, i);
        return;
      }
      o.pendRepairs.push(o.repair('missing_value', o.pos(i), 0, 'null'));
      o.commitPending(i);
      o.edit(i, i, 'null');
      return;
    } else if (st === V_COLON) {
      if (!this.rep('missing_value')) {
        this.reject(s, i);
        return;
      }
      o.pendRepairs.push(o.repair('missing_value', o.resolve(this.keyEnd), 0, ': null'));
      o.insertBeforeTail(i, this.colonWs, ': null');
    }
    o.commitPending(i);
  }

  // ---- numbers

  private number(s: string, i: number, len: number): number {
    // a small DFA: 0 start, 1 minus, 2 zero, 3 int, 4 dot, 5 frac, 6 e, 7 e-sign, 8 exp
    let st = this.numState;
    let bad = this.numBad;
    const start = i;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c >= D0 && c <= D9) {
        if (st === 0 || st === 1) st = c === D0 ? 2 : 3;
        else if (st === 2) {
          bad = true; // a leading zero
          st = 3;
        } else if (st === 4) st = 5;
        else if (st === 6 || st === 7) st = 8;
      } else if (c === MINUS || c === PLUS) {
        if (st === 0) {
          if (c === PLUS) bad = true;
          st = 1;
        } else if (st === 6) st = 7;
        else break;
      } else if (c === DOT) {
        if (st === 2 || st === 3) st = 4;
        else if (st === 0 || st === 1) {
          bad = true; // `.5`
          st = 4;
        } else break;
      } else if (c === LOWER_E || c === UPPER_E) {
        if (st === 2 || st === 3 || st === 5) st = 6;
        else if (st === 4) {
          bad = true;
          st = 6;
        } else break;
      } else break;
      i++;
    }
    this.tokLen += i - start;
    this.numState = st;
    this.numBad = bad;
    if (i === len) return i;
    const c = s.charCodeAt(i);
    if (isWordChar(c) && !(c === MINUS)) {
      // `-Infinity`, `1st`, `12abc`: a word, not a number
      if (this.tokLen <= 1 || isWordStart(c)) {
        this.tokPrefix = this.tail(i, this.tokLen);
        this.wordIsKey = false;
        this.vstate = V_WORD;
        return i;
      }
    }
    return this.endNumber(s, i, false);
  }

  private tail(i: number, n: number): string {
    return this.o.tail(i, n);
  }

  private endNumber(s: string, i: number, atEnd: boolean): number {
    const o = this.o;
    const st = this.numState;
    const complete = st === 2 || st === 3 || st === 5 || st === 8;
    if (complete && !this.numBad) {
      this.tokIdx = -1;
      this.tokPos = null;
      o.commitPending(i);
      this.afterValue(i);
      return i;
    }
    const raw = this.tail(i, this.tokLen);
    const fixed = fixNumber(raw, atEnd);
    if (fixed === null) {
      if (atEnd) {
        // `-` or `1e` cut off at the end: the value is dropped with its key or comma
        const d = o.dropPending(i);
        o.record(o.repair('dropped_value', d.at, d.length, ''));
        this.tokIdx = -1;
        this.tokPos = null;
        this.afterDrop(i);
        return i;
      }
      // not a number at all (`1.2.3`, `--`): keep it as a string
      if (!this.rep('unquoted_string')) return this.reject(s, i);
      o.record(o.repair('unquoted_string', this.tokenPos(), raw.length, JSON.stringify(raw)));
      o.replaceTail(i, this.tokLen, JSON.stringify(raw));
    } else {
      if (!this.rep('invalid_number')) return this.reject(s, i);
      o.record(o.repair('invalid_number', this.tokenPos(), raw.length, fixed));
      o.replaceTail(i, this.tokLen, fixed);
    }
    this.tokIdx = -1;
    this.tokPos = null;
    o.commitPending(i);
    this.afterValue(i);
    return i;
  }

  /** After a value was dropped at the end, the container it was in is what is left. */
  private afterDrop(i: number): void {
    if (this.stack.length === 0) {
      // the only value there was is gone: there is no JSON
      this.valueSeen = false;
      this.phase = P_AFTER;
      this.trailStart = -1;
      return;
    }
    this.vstate = V_AFTER;
    void i;
  }

  // ---- words

  private word(s: string, i: number, len: number): number {
    const start = i;
    while (i < len && isWordChar(s.charCodeAt(i))) i++;
    this.tokLen += i - start;
    if (this.tokPrefix.length < 12) this.tokPrefix += s.slice(start, Math.min(i, start + 12));
    if (i === len) return i;
    return this.endWord(s, i, false);
  }

  private endWord(s: string, i: number, atEnd: boolean): number {
    const o = this.o;
    const raw = this.tokLen <= 12 ? this.tokPrefix.slice(0, this.tokLen) : '';
    if (this.wordIsKey) {
      if (atEnd) {
        this.truncated = true;
        return this.danglingKey(i);
      }
      if (!this.rep('unquoted_key')) return this.reject(s, i);
      const word = this.tail(i, this.tokLen);
      o.record(o.repair('unquoted_key', this.tokenPos(), word.length, JSON.stringify(word)));
      o.replaceTail(i, this.tokLen, JSON.stringify(word));
      this.tokIdx = -1;
      this.tokPos = null;
      this.vstate = V_COLON;
      this.colonWs = 0;
      this.keyEnd.save(o.seg, i);
      return i;
    }
    const kw = KEYWORDS.get(raw);
    if (kw !== undefined) {
      if (kw !== raw) {
        if (!this.rep('python_literal')) return this.reject(s, i);
        o.record(o.repair('python_literal', this.tokenPos(), raw.length, kw));
        o.replaceTail(i, this.tokLen, kw);
      }
      this.tokIdx = -1;
      this.tokPos = null;
      o.commitPending(i);
      this.afterValue(i);
      return i;
    }
    if (atEnd && raw !== '') {
      for (const full of ['true', 'false', 'null', 'True', 'False', 'None']) {
        if (full.startsWith(raw)) {
          const fixed = KEYWORDS.get(full)!;
          o.record(o.repair('incomplete_keyword', this.tokenPos(), raw.length, fixed));
          this.truncated = true;
          o.replaceTail(i, this.tokLen, fixed);
          this.tokIdx = -1;
          this.tokPos = null;
          o.commitPending(i);
          this.afterValue(i);
          return i;
        }
      }
    }
    // an unquoted string: it runs to a comma, a closer or the end of the line
    if (!this.rep('unquoted_string')) return this.reject(s, i);
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    if (atEnd) return this.endUnquoted(i);
    return i;
  }

  private unquoted(s: string, i: number, len: number): number {
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === RBRACE || c === RBRACKET || c === LF || c === CR) return this.endUnquoted(i);
      if (c === SPACE || c === TAB) this.uqTrail++;
      else this.uqTrail = 0;
      this.tokLen++;
      i++;
    }
    return i;
  }

  private endUnquoted(i: number): number {
    const o = this.o;
    const raw = this.tail(i, this.tokLen);
    const word = raw.slice(0, raw.length - this.uqTrail);
    const q = JSON.stringify(word);
    o.record(o.repair('unquoted_string', this.tokenPos(), word.length, q));
    o.replaceTail(i, this.tokLen, q + raw.slice(word.length));
    this.tokIdx = -1;
    this.tokPos = null;
    o.commitPending(i);
    this.afterValue(i);
    return i;
  }

  private danglingKey(i: number): number {
    const o = this.o;
    const d = o.dropPending(i);
    o.record(o.repair('dangling_key', d.at, d.length, ''));
    this.tokIdx = -1;
    this.tokPos = null;
    this.vstate = V_AFTER;
    return i;
  }

  // ---- comments

  private startComment(i: number, ret: number): number {
    const o = this.o;
    this.commentRet = ret;
    this.commentIdx = i;
    this.commentPos = null;
    this.commentStar = false;
    // what comes before the comment is settled apart from it
    if (o.pending) o.materialize(i);
    else o.flushCommitted(i);
    this.vstate = V_SLASH;
    return i + 1;
  }

  private comment(s: string, i: number, len: number): number {
    const o = this.o;
    if (this.vstate === V_SLASH) {
      const c = s.charCodeAt(i);
      if (c === SLASH) this.vstate = V_LINE_COMMENT;
      else if (c === STAR) this.vstate = V_BLOCK_COMMENT;
      else {
        // a lone `/` is not JSON: removed like a comment that never started, and the JSON region
        // ends at what follows it (the same wherever a chunk boundary falls)
        if (!this.rep('comment')) return this.reject(s, i);
        const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
        o.record(o.repair('comment', at, 1, ''));
        this.commentIdx = -1;
        this.vstate = this.commentRet;
        o.emitFrom = i;
        if (o.pending) o.pA = i;
        return this.endRegion(s, i);
      }
      i++;
    }
    if (this.vstate === V_LINE_COMMENT) {
      while (i < len) {
        const c = s.charCodeAt(i);
        if (c === LF || c === CR) return this.endComment(i);
        i++;
      }
      return i;
    }
    while (i < len) {
      const c = s.charCodeAt(i);
      if (this.commentStar && c === SLASH) return this.endComment(i + 1);
      this.commentStar = c === STAR;
      i++;
    }
    return i;
  }

  private endComment(i: number): number {
    const o = this.o;
    if (!this.rep('comment')) return this.reject(o.seg.text, i);
    const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
    o.record(o.repair('comment', at, o.seg.base + i - at.offset, ''));
    this.commentIdx = -1;
    this.commentPos = null;
    o.emitFrom = i;
    if (o.pending) o.pA = i;
    this.vstate = this.commentRet;
    return i;
  }

  // =====================================================================================
  // The end of the JSON region: the input ended, or text that cannot be JSON came
  // =====================================================================================

  /** Text that cannot continue the value starts at i: close what is open, the rest is trailing. */
  private endRegion(s: string, i: number): number {
    if (this.unconfirmed) return this.reject(s, i);
    this.finishValue(i);
    this.o.commitPending(i);
    this.phase = P_AFTER;
    this.trailStart = -2;
    return i;
  }

  /** Close everything open at segment index i (the end of the input or of the JSON region). */
  private finishValue(i: number): void {
    const o = this.o;
    for (let guard = 0; guard < 8 && this.phase === P_VALUE; guard++) {
      const st = this.vstate;
      if (st === V_STRING || st === V_ESCAPE || st === V_SQ_CLOSE) {
        if (st === V_SQ_CLOSE) {
          this.singleQuoteClose(o.seg.text, i);
          continue;
        }
        if (this.strIsKey) {
          this.danglingKey(i);
          continue;
        }
        if (st === V_ESCAPE || this.surrogateHeld) {
          // an escape or a surrogate pair cut off: replaced by the closing quote
          let cut: { at: Position; length: number };
          if (this.escOwnPending || this.surrogateHeld) cut = o.dropPending(i);
          else {
            cut = { at: this.tokPos!, length: this.escBuf.length };
            o.replaceTail(i, this.escBuf.length, '');
          }
          this.escBuf = '';
          this.escOwnPending = false;
          this.surrogateHeld = false;
          o.record(o.repair('unclosed_string', cut.at, cut.length, '"'));
        } else o.record(o.repair('unclosed_string', o.pos(i), 0, '"'));
        o.edit(i, i, '"');
        this.truncated = true;
        this.afterValue(i);
      } else if (st === V_NUMBER) {
        this.truncated = this.truncated || !(this.numState === 2 || this.numState === 3 || this.numState === 5 || this.numState === 8);
        this.endNumber(o.seg.text, i, true);
      } else if (st === V_WORD) {
        this.endWord(o.seg.text, i, true);
      } else if (st === V_UQSTR) {
        this.endUnquoted(i);
      } else if (st === V_SLASH || st === V_LINE_COMMENT || st === V_BLOCK_COMMENT) {
        const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
        o.record(o.repair('comment', at, o.seg.base + i - at.offset, ''));
        this.vstate = this.commentRet;
      } else if (st === V_VALUE) {
        if (o.pending) {
          const inObject = this.stack[this.stack.length - 1] === LBRACE;
          const d = o.dropPending(i);
          o.record(o.repair(inObject ? 'dangling_key' : 'trailing_comma', d.at, d.length, ''));
          this.truncated = true;
        }
        if (this.stack.length === 0) return; // nothing was ever there
        this.vstate = V_AFTER;
      } else if (st === V_KEY) {
        if (o.hasComma) {
          const at = o.dropComma();
          o.pendRepairs.push(o.repair('trailing_comma', at, 1, ''));
        }
        o.commitPending(i);
        this.vstate = V_AFTER;
      } else if (st === V_COLON) {
        this.danglingKey(i);
        this.truncated = true;
      } else if (st === V_AFTER) {
        o.commitPending(i);
        break;
      } else if (st === V_DONE) {
        this.confirm();
        o.commitPending(i);
        this.phase = P_AFTER;
        return;
      }
    }
    if (this.phase !== P_VALUE) return;
    const stack = this.stack;
    if (stack.length > 0) {
      let closers = '';
      for (let j = stack.length - 1; j >= 0; j--) closers += closerOf(stack[j]);
      o.commitPending(i);
      o.record(o.repair('unclosed_container', o.pos(i), 0, closers));
      o.edit(i, i, closers);
      stack.length = 0;
      this.stackVer++;
      this.truncated = true;
    }
    o.commitPending(i);
  }

  // =====================================================================================
  // After the value
  // =====================================================================================

  /** -1: only spaces so far (held: output if nothing else follows); -2: trailing text started at a
   * known position is being collected; >= 0 unused. */
  private trailStart = -1;
  private doneNewline = false; // a line break followed the top-level scalar
  private trailText = '';
  private trailPos: Position | null = null;

  private runAfter(s: string, i: number, len: number): number {
    const o = this.o;
    if (this.trailStart === -1) {
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      if (i === len) return i;
      // something other than spaces follows the value: the spaces are not part of the JSON
      if (o.pending) o.dropPending(i);
      this.trailStart = -2;
    }
    // from here on nothing is output
    if (this.trailPos === null) {
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      if (i === len) {
        o.emitFrom = o.pA = len;
        return i;
      }
      this.trailPos = o.pos(i);
    }
    this.trailText += s.slice(i);
    o.emitFrom = o.pA = len;
    return len;
  }

  /** Record the text after the value: a closing fence and wrapper tags by their kind, the rest as
   * trailing text. */
  private stripTrailing(at: Position, text: string): void {
    const seg = new Segment(text, at.offset, at.line, at.column);
    let i = 0;
    for (;;) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      const rest = text.slice(i);
      const m = /^`{3,}/.exec(rest) ?? /^<\/?[A-Za-z_][\w:.-]*>/.exec(rest);
      if (!m) break;
      this.strip(m[0].charCodeAt(0) === BACKTICK ? 'fence' : 'wrapper', { offset: at.offset + i, line: seg.line(i), column: seg.column(i) }, m[0]);
      i += m[0].length;
    }
    const rest = text.slice(i).trimEnd();
    if (rest !== '') this.strip('trailing', { offset: at.offset + i, line: seg.line(i), column: seg.column(i) }, rest);
  }

  private finishInput(seg: Segment): void {
    const o = this.o;
    if (this.phase === P_BEFORE) {
      switch (this.bstate) {
        case B_TAG:
          this.proseAppend(this.tagBuf, this.tagPos!);
          this.tagBuf = '';
          break;
        case B_THINK:
          // a reasoning block cut off by the end
          this.thinkText += this.thinkClose.slice(0, this.thinkMatch);
          this.reasoningOut += this.thinkClose.slice(0, this.thinkMatch);
          this.strip('reasoning', this.thinkPos!, this.thinkText);
          this.thinkText = '';
          break;
        case B_TICKS:
          this.endTicks();
          if ((this.bstate as number) === B_FENCE_INFO) this.openFence();
          break;
        case B_FENCE_INFO:
          this.openFence();
          break;
      }
      this.bstate = B_TEXT;
      this.finishProse();
      return;
    }
    if (this.phase === P_VALUE) {
      if (this.unconfirmed) this.confirm();
      this.finishValue(0);
      this.phase = P_AFTER;
      o.endSegment(0);
    }
    // after the value: held spaces are part of valid JSON text; trailing text is recorded
    if (o.pending) o.commitPending(0);
    o.endSegment(0);
    if (this.trailPos !== null) this.stripTrailing(this.trailPos, this.trailText);
    void seg;
  }
}

/** Make a number token valid, or null when nothing of it is a number. `atEnd`: the input ended in it. */
function fixNumber(raw: string, atEnd: boolean): string | null {
  let t = raw;
  if (t.startsWith('+')) t = t.slice(1);
  let sign = '';
  if (t.startsWith('-')) {
    sign = '-';
    t = t.slice(1);
  }
  if (atEnd) {
    // keep the longest valid prefix: `1.` -> `1`, `1e` / `1e-` -> `1`
    const m = /^(\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(t);
    if (!m || (m[1] === '' && !m[2])) return null;
    t = m[0];
  }
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return null;
  let int = m[1];
  const frac = m[2];
  const exp = m[3];
  if (int === '' && (frac === undefined || frac === '')) return null;
  if (int === '') int = '0';
  int = int.replace(/^0+(?=\d)/, '');
  let out = sign + int;
  if (frac !== undefined && frac !== '') out += '.' + frac;
  if (exp !== undefined) out += 'e' + exp;
  else if (/[eE]$/.test(t)) return null;
  return out;
}
