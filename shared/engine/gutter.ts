/**
 * An editor's or a terminal's line numbers pasted with the JSON (trial 10 noise-05: FAILED):
 *
 *    1 | {                    1  {                     1→{          (Claude Code's Read tool)
 *    2 |   "name": "api",     2    "name": "api",      2→  "name": "api",
 *    3 | }                    3  }        (vim, less)  3→}          `cat -n`: `     1\t{`
 *
 * When the line a value starts on holds, before its `{` / `[`, nothing but a number and a separator
 * (`|`, `│`, `→`, or spaces and tabs alone; before.ts startCandidate, gutterStart below), the value is
 * in a gutter: each later line of it (outside strings: a string's text is text) that starts, after
 * spaces, with the next line number followed by a separator or a space has that number and separator
 * removed (repair kind `line_number`), as a blockquote's `>` is (structure.ts quoteMarker). The number
 * must be exactly the one after the last (the first line's, then one more each line): `2` and `3` that
 * are the value's own (an array's elements one a line) never match both the place and the count.
 *
 * The digits and what follows them are held (pending) until a character decides, so a push may end
 * anywhere in `  12 |`; when they turn out to be no gutter (another number, a digit more, no separator)
 * they are scanned again from the first digit as a rescan (as thousands.ts does), that digit then read
 * as it was before (gutterNotAt).
 *
 * An SSE event whose data spans several `data:` lines (trial 16's t16-ss-09, `data: {\ndata:   "a": 1,\n
 * data: }`, read the prefixes as keys) is read the same way: when the value's first line has nothing but
 * `data:` before its `{` / `[` (before.ts lineSse), a later line of it that starts with `data:` at that
 * line's column (spaces and tabs before it only) has the field's name, its colon and the one space after
 * it removed (the SSE spec strips that space; repair kind `sse_prefix`), held the same way (gutterSse)
 * until the character after the colon decides. The guard costs a `d` test where a key, a value or what
 * follows a value starts with a word, off the paths valid JSON takes with a quoted key or a comma.
 */
import * as C from './chars';
import { SavedPosition } from './output';
import { QuoteAtEndScanner } from './quoteAtEnd';
import { Segment } from './segment';
import * as S from './state';
import type { Position } from './types';

const { CR, D0, D9, LF, SPACE, TAB } = C;
const { V_GUTTER } = S;

/** A separator character after a line number (`|`, `│`, `→`). */
const PIPE = 0x7c;
const BOX_BAR = 0x2502;
const ARROW = 0x2192;
/** Spaces and tabs read after a number before the separator decides (`  12    |`): past this, none. */
const GUTTER_SPACES_MAX = 8;
/** An SSE event's data field prefix. */
const SSE_DATA = 'data:';

export abstract class GutterScanner extends QuoteAtEndScanner {
  // The gutter being read (V_GUTTER), kept across pushes (a push may end inside `  12 |`): the state it
  // returns to, the number's digits read, the characters held (digits, spaces, separator), the spaces
  // after the number, whether this gutter started the pending text.
  private gutterRet = 0;
  private gutterNum = 0;
  private gutterLen = 0;
  private gutterWs = 0;
  private gutterOwn = false;
  private gutterTab = false; // the first space after the number was a tab: `cat -n`'s separator, removed with it
  private gutterSse = false; // the held text is an SSE event's `data:` prefix, not a line number
  private readonly gutterPos = new SavedPosition();

  /** A digit at i where a key, a value or what follows a value is expected, in a value whose first line
   * had a gutter (gutterCtx; the caller checks it): the start of the next line's number? Only when
   * nothing but spaces and tabs stands before it on its line. Starts reading it (V_GUTTER) if so. */
  protected gutterMayStart(s: string, i: number): boolean {
    if (this.o.seg.base + i === this.gutterNotAt || !this.lineStartsAt(s, i)) return false;
    this.gutterSse = false;
    this.holdGutter(i);
    return true;
  }

  /** A `d` at i where a key, a value or what follows a value is expected, in a value whose first line was
   * an SSE event's (`data: {`, sseCol; the caller checks it): at that line's `data:` column with only
   * spaces and tabs before it, the start of the next line's `data:`? Starts reading it if so. */
  protected sseMayStart(s: string, i: number): boolean {
    const o = this.o;
    if (o.seg.base + i === this.gutterNotAt || o.seg.column(i) !== this.sseCol || !this.lineStartsAt(s, i)) return false;
    this.gutterSse = true;
    this.holdGutter(i);
    return true;
  }

  /** Whether nothing but spaces and tabs stands before i on its line. */
  private lineStartsAt(s: string, i: number): boolean {
    let k = i - 1;
    while (k >= 0) {
      const c = String.prototype.charCodeAt.call(s, k);
      if (c === LF || c === CR) return true;
      if (c !== SPACE && c !== TAB) return false;
      k--;
    }
    // the segment began on this line: what the one before it ended with says (gutterLine, machine.ts)
    return this.gutterLine;
  }

  /** Start holding a line's prefix at i (V_GUTTER). */
  private holdGutter(i: number): void {
    const o = this.o;
    this.gutterOwn = !o.pending;
    if (this.gutterOwn) o.startPending(i);
    this.gutterRet = this.vstate;
    this.gutterNum = 0;
    this.gutterLen = 0;
    this.gutterWs = 0;
    this.gutterPos.save(o.seg, i);
    this.vstate = V_GUTTER;
  }

  /** The gutter's number and separator from i, up to the character that decides (or the segment's end). */
  protected gutter(s: string, i: number, len: number): number {
    if (this.gutterSse) return this.sseData(s, i, len);
    const want = this.gutterNext;
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.gutterWs === 0 && c >= D0 && c <= D9) {
        this.gutterNum = this.gutterNum * 10 + (c - D0);
        if (this.gutterNum > want) return this.gutterFails(i);
        this.gutterLen++;
        i++;
        continue;
      }
      if (this.gutterNum !== want) return this.gutterFails(i);
      if (c === PIPE || c === BOX_BAR || c === ARROW) {
        this.gutterLen++;
        return this.gutterRemoved(i + 1, this.gutterLen);
      }
      if (c === SPACE || c === TAB) {
        if (this.gutterWs === GUTTER_SPACES_MAX) return this.gutterRemoved(i, this.gutterBare());
        if (this.gutterWs === 0) this.gutterTab = c === TAB;
        this.gutterWs++;
        this.gutterLen++;
        i++;
        continue;
      }
      // the number and a space or tab: a gutter with no separator character (`cat -n`, vim); a line
      // break right after the number: an empty line's
      if (this.gutterWs > 0 || c === LF || c === CR) return this.gutterRemoved(i, this.gutterBare());
      return this.gutterFails(i);
    }
    return i;
  }

  /** An SSE `data:` prefix from i, up to the character after its colon (or the segment's end). */
  private sseData(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      const n = this.gutterLen;
      if (n === SSE_DATA.length) {
        // the one space after the colon is the field's (the SSE spec strips it); more are the line's
        if (c !== SPACE) return this.gutterRemoved(i, n);
        this.gutterLen = n + 1;
        return this.gutterRemoved(i + 1, n + 1);
      }
      if (c !== SSE_DATA.charCodeAt(n)) return this.gutterFails(i);
      this.gutterLen = n + 1;
      i++;
    }
    return i;
  }

  /** The input ends inside a gutter: a number complete is one (an empty last line's), else no gutter;
   * an SSE prefix read to its colon is one. */
  protected gutterAtEnd(i: number): number {
    if (this.gutterSse) return this.gutterLen === SSE_DATA.length ? this.gutterRemoved(i, this.gutterLen) : this.gutterFails(i);
    if (this.gutterNum === this.gutterNext) return this.gutterRemoved(i, this.gutterBare());
    return this.gutterFails(i);
  }

  /** How much of a gutter with no separator character is removed: the number, and a tab right after it. */
  private gutterBare(): number {
    return this.gutterLen - this.gutterWs + (this.gutterWs > 0 && this.gutterTab ? 1 : 0);
  }

  /** The gutter's first `n` held characters (the number, its spaces and separator) are removed (kind
   * `line_number`); the spaces after the number when no separator follows (but a tab) stay as the line's indentation. */
  private gutterRemoved(i: number, n: number): number {
    const o = this.o;
    const held = o.tail(i, this.gutterLen);
    // repair: `  2 |   "name"` -> `     "name"` (the editor's line number is no part of the JSON), and
    // `data:   "a"` -> `  "a"` (an SSE event's field prefix)
    o.record(o.repair(this.gutterSse ? 'sse_prefix' : 'line_number', this.gutterPos.get(), n, ''));
    o.replaceTail(i, held.length, held.slice(n));
    if (this.gutterOwn) o.commitPending(i);
    this.gutterOwn = false;
    if (this.gutterSse) this.gutterSse = false;
    else this.gutterNext++;
    this.vstate = this.gutterRet;
    return i;
  }

  /** What was held is no gutter (at i): it is scanned again from its first digit, read as before. */
  private gutterFails(i: number): number {
    const o = this.o;
    const held = o.tail(i, this.gutterLen);
    const at = this.gutterPos.get();
    o.replaceTail(i, held.length, '');
    if (this.gutterOwn) o.commitPending(i);
    this.gutterOwn = false;
    this.gutterSse = false;
    this.vstate = this.gutterRet;
    this.gutterNotAt = at.offset;
    return this.rescanHeld(i, held, at);
  }

  /** A run held outside the output (V_STRAY with citeStage: a citation marker, a Python set's `{`,
   * scientific notation; startComment) ends before i: its probe stage and comment state are cleared, the
   * state it interrupted comes back and the output goes on from i. Returns where the run began (a rescan
   * of its text starts there). Shared by citation.ts, pythonSet.ts and sciNotation.ts. */
  protected endHeld(i: number): Position {
    const o = this.o;
    const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
    this.citeStage = 0;
    this.commentIdx = -1;
    this.commentPos = null;
    this.vstate = this.commentRet;
    o.emitFrom = i;
    if (o.pending) o.pA = i;
    return at;
  }

  /** Held text that turned out to be none of a rule's (taken out of the output already, its state reset)
   * is scanned again from `at`, read as before: the segment ends at i, and an unconfirmed candidate's raw
   * text gets `text` again from the rescan (machine.ts endSegment). Shared by the gutter, Python sets, citation markers and scientific notation. */
  protected rescanHeld(i: number, text: string, at: { offset: number; line: number; column: number }): number {
    const o = this.o;
    if (this.unconfirmed === true) {
      const raw = this.candRaw + String.prototype.slice.call(o.seg.text, this.candIdx, i);
      this.candRaw = raw.slice(0, raw.length - text.length);
      this.candIdx = i;
    }
    o.endSegment(i);
    this.rescan = new Segment(text, at.offset, at.line, at.column);
    return i;
  }
}
