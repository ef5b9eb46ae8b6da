/**
 * Before the JSON value: code fences, wrapper tags and prose (reasoning blocks are the reasoning
 * stage's, reasoning.ts, which reports them to the machine),
 * and the candidate a `{`/`[` in prose starts: confirmed as the JSON, or rejected and scanned again as prose.
 */
import * as C from './chars';
import { gutterStart } from './gutterLine';
import { Segment } from './segment';
import * as S from './state';
import type { Position, StrippedKind, Stripped } from './types';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  APOS,
  BACKTICK,
  COLON,
  CR,
  DOT,
  GT,
  LBRACE,
  LBRACKET,
  FW_LBRACE,
  FW_LBRACKET,
  LF,
  LT,
  MINUS,
  PLUS,
  QUOTE,
  SLASH,
  SPACE,
  TAB,
  isDigit,
  isSpace,
  isWordChar,
} = C;
const {
  P_BEFORE,
  P_VALUE,
  B_TEXT,
  B_TAG,
  B_TICKS,
  B_FENCE_INFO,
  V_VALUE,
} = S;

/** An XML CDATA section's opening (`<json><![CDATA[{"a": "<x>"}]]></json>`): a wrapper like a tag, so its
 * `[` is not taken for an array (before: `[{"a": "<x>"}]`). Its `]]>` after the value is trailing text. */
const CDATA_OPEN = '<![CDATA[';
const BANG = 33;
/** A line of nothing but a blockquote's markers and spaces before a value (before.ts lineIsQuote). */
const QUOTE_LINE = /^[ \t]*(?:>[ \t]*)+$/;
/** A line of nothing but an SSE event's `data:` field name before a value (before.ts lineSse). */
const SSE_LINE = /^([ \t]*)data:[ \t]*$/;

export abstract class BeforeScanner extends S.MachineState {
  protected runBefore(s: string, i: number, len: number): number {
    switch (this.bstate) {
      case B_TEXT:
        return this.beforeText(s, i, len);
      case B_TAG:
        return this.beforeTag(s, i, len);
      case B_TICKS:
        return this.beforeTicks(s, i, len);
      default:
        return this.beforeFenceInfo(s, i, len);
    }
  }

  protected flushProse(s: string, i: number): void {
    if (this.proseFrom >= 0 && i > this.proseFrom) this.proseText += s.slice(this.proseFrom, i);
    this.proseFrom = -1;
  }

  /** Add text that turned out to be prose (a non-tag `<…`, inline backticks, a rejected brace). */
  protected proseAppend(text: string, at: Position): void {
    if (this.prosePos === null && C.leadingSpaces(text) < text.length) this.prosePos = at;
    this.proseText += text;
  }

  /** Close the current prose run: recorded as stripped prose (or reasoning) when not blank. */
  protected finishProse(kind: StrippedKind = 'prose', suffix = ''): void {
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
      const lead = C.leadingSpaces(text);
      body = suffix === '' ? C.trimSpacesEnd(text.slice(lead)) : text.slice(lead) + suffix;
    }
    if (kind === 'reasoning') {
      this.reasoningOut += at === null ? '' : text.trim();
    }
    this.strip(kind, start, body);
  }

  protected strip(kind: StrippedKind, at: Position, text: string): void {
    const st: Stripped = { kind, offset: at.offset, length: text.length, line: at.line, column: at.column, text };
    this.stripped.push(st);
    this.newStripped.push(st);
    this.anythingBefore = true;
  }

  protected beforeText(s: string, i: number, len: number): number {
    if (this.proseFrom < 0) this.proseFrom = i;
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
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
      if (c === LBRACE || c === LBRACKET || c === FW_LBRACE || c === FW_LBRACKET) {
        this.flushProse(s, i);
        this.startCandidate(i, false);
        return i;
      }
      if (this.confirmNext && this.scalarStart && (c === QUOTE || c === MINUS || isDigit(c) || c === 116 || c === 102 || c === 110 || c === 84 || c === 70 || c === 78 || c === APOS)) {
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

  protected beforeTag(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      const n = this.tagBuf.length;
      if (n > 1 && String.prototype.charCodeAt.call(this.tagBuf, 1) === BANG) {
        if (String.prototype.charCodeAt.call(CDATA_OPEN, n) !== c) {
          this.notTag(i);
          return i;
        }
        this.tagBuf += s[i];
        if (n + 1 === CDATA_OPEN.length) {
          this.onTag();
          return i + 1;
        }
        i++;
        continue;
      }
      if (c === GT && n > 1) {
        this.tagBuf += '>';
        this.onTag();
        return i + 1;
      }
      const ok =
        n < 100 &&
        (n === 1
          ? c === SLASH || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === BANG
          : isWordChar(c) || c === SLASH || c === SPACE || c === 61 || c === QUOTE || c === APOS || c === DOT || c === COLON);
      if (!ok) {
        this.notTag(i);
        return i;
      }
      this.tagBuf += s[i];
      i++;
    }
    return i;
  }

  /** The `<…` held in tagBuf is no tag: it was prose; the character at i is read again as text. */
  private notTag(i: number): void {
    this.proseAppend(this.tagBuf, this.tagPos!);
    this.confirmNext = false;
    this.tagBuf = '';
    this.bstate = B_TEXT;
    this.proseFrom = i;
  }

  protected onTag(): void {
    const tag = this.tagBuf;
    this.tagBuf = '';
    this.bstate = B_TEXT;
    const closing = String.prototype.charCodeAt.call(tag, 1) === SLASH;
    this.finishProse();
    this.strip('wrapper', this.tagPos!, tag);
    this.confirmNext = !closing;
    this.scalarStart = true;
  }

  protected beforeTicks(s: string, i: number, len: number): number {
    while (i < len && String.prototype.charCodeAt.call(s, i) === BACKTICK) {
      this.ticks++;
      i++;
    }
    if (i === len) return i;
    this.endTicks();
    return i;
  }

  protected endTicks(): void {
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

  protected beforeFenceInfo(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
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

  protected openFence(): void {
    this.finishProse();
    this.strip('fence', this.fencePos!, this.fenceText);
    this.fenceText = '';
    this.inFence = true;
    this.confirmNext = true;
    this.scalarStart = true;
    this.bstate = B_TEXT;
  }

  /** A `{`, `[` or (at the start) a scalar begins what may be the JSON value. */
  protected startCandidate(i: number, scalar: boolean): void {
    const o = this.o;
    this.phase = P_VALUE;
    this.vstate = V_VALUE;
    this.stack.length = 0;
    this.stackVer++;
    this.candTopScalar = scalar;
    this.candApos = scalar && String.prototype.charCodeAt.call(this.o.seg.text, i) === APOS;
    this.candStart = o.seg.base + i;
    const leading = !this.anythingBefore && this.prosePos === null ? this.proseText : '';
    this.quoteCtx = this.lineIsQuote();
    this.quoteLine = false;
    this.sseCol = scalar ? -1 : this.lineSse();
    this.gutterNext = this.lineGutter();
    this.gutterLine = false;
    this.gutterNotAt = -1;
    this.citeNotAt = -1;
    // (a marker or notation probe a rejected candidate was in: citation.ts, sciNotation.ts)
    this.citeStage = 0;
    this.pyShaped = false;
    this.setAt = -1;
    this.setNotAt = -1;
    this.sciNotAt = -1;
    this.escQuotes = false;
    this.mdEscape = false;
    this.entQuotes = false;
    if (this.confirmNext && !scalar) {
      // a `{` starting a value taken at once may be a Python set's (pythonSet.ts: only when `'` follows it)
      this.pyShaped = this.jsonInput === false && String.prototype.charCodeAt.call(o.seg.text, i) === C.LBRACE;
      this.unconfirmed = false;
      this.valueSeen = true;
      this.answerStart = this.candStart;
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

  /** When the line the candidate starts on is, before it, an editor's line number and separator
   * (` 1 | `, `     1\t`; gutter.ts), the number the next line's must be; else 0. */
  private lineGutter(): number {
    const t = this.proseText;
    const nl = t.lastIndexOf('\n');
    const n = gutterStart(nl >= 0 ? t.slice(nl + 1) : t);
    if (n < 0) return 0;
    // no line break in the prose run: it must have begun at its line's start
    if (nl < 0 && (this.prosePos === null || this.prosePos.column !== C.leadingSpaces(t))) return 0;
    return n + 1;
  }

  /** Whether the line the candidate starts on is, before it, a blockquote's markers (`> `, `>> `, `> > `)
   * and spaces: the prose before it ends with such a line. */
  private lineIsQuote(): boolean {
    const t = this.proseText;
    const nl = t.lastIndexOf('\n');
    const line = nl >= 0 ? t.slice(nl + 1) : t;
    if (!QUOTE_LINE.test(line)) return false;
    // no line break in the prose run: it must have begun at its line's start
    return nl >= 0 || (this.prosePos !== null && this.prosePos.column === C.leadingSpaces(t));
  }

  /** When the line the candidate starts on is, before it, an SSE event's `data:` (and spaces): the column
   * of its `data:` (gutter.ts sseMayStart); else -1. */
  private lineSse(): number {
    const t = this.proseText;
    const nl = t.lastIndexOf('\n');
    const m = SSE_LINE.exec(nl >= 0 ? t.slice(nl + 1) : t);
    if (m === null) return -1;
    // no line break in the prose run: it must have begun at its line's start
    if (nl < 0 && (this.prosePos === null || this.prosePos.column !== C.leadingSpaces(t))) return -1;
    return m[1].length;
  }

  /** The candidate is JSON after all: its buffered output and repairs go out. */
  protected confirm(): void {
    if (!this.unconfirmed) return;
    this.unconfirmed = false;
    this.valueSeen = true;
    this.answerStart = this.candStart;
    this.o.out += this.o.cand ?? '';
    this.o.cand = null;
    for (const r of this.candRepairs) this.newRepairs.push(r);
    this.candRepairs = [];
    this.o.repairSink = this.newRepairs;
    this.candRaw = '';
    if (this.prosePos !== null) this.finishProse();
    else this.proseText = '';
  }

  /** The candidate was prose: forget it and scan its text again (after its first character). */
  protected reject(s: string, i: number): number {
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
    o.dropHeld();
    this.tokIdx = -1;
    this.tokLen = 0;
    this.tokPos = null;
    this.fwStage = 0;
    this.callKind = 0;
    this.parenTupleAt = -1;
    this.callNest = '';
    this.callQuote = 0;
    this.callEsc = false;
    this.callCmt = 0;
    this.escBuf = '';
    this.escOwnPending = false;
    this.surrogateHeld = false;
    this.sqHeld = false;
    this.held = 0;
    o.hasComma = false;
    o.commaIdx = -1;
    o.commaInCarry = -1;
    this.rescan = new Segment(raw.slice(1), this.candPos.offset + 1, this.candPos.line, this.candPos.column + 1);
    return i;
  }
}
