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
 */
import * as C from './chars';
import { SavedPosition } from './output';
import { QuoteAtEndScanner } from './quoteAtEnd';
import { Segment } from './segment';
import * as S from './state';

const { CR, D0, D9, LF, SPACE, TAB } = C;
const { V_GUTTER } = S;

/** A separator character after a line number (`|`, `│`, `→`). */
const PIPE = 0x7c;
const BOX_BAR = 0x2502;
const ARROW = 0x2192;
/** Spaces and tabs read after a number before the separator decides (`  12    |`): past this, none. */
const GUTTER_SPACES_MAX = 8;

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
  private readonly gutterPos = new SavedPosition();

  /** A digit at i where a key, a value or what follows a value is expected, in a value whose first line
   * had a gutter (gutterCtx; the caller checks it): the start of the next line's number? Only when
   * nothing but spaces and tabs stands before it on its line. Starts reading it (V_GUTTER) if so. */
  protected gutterMayStart(s: string, i: number): boolean {
    const o = this.o;
    if (o.seg.base + i === this.gutterNotAt) return false;
    let k = i - 1;
    while (k >= 0) {
      const c = String.prototype.charCodeAt.call(s, k);
      if (c === LF || c === CR) break;
      if (c !== SPACE && c !== TAB) return false;
      k--;
    }
    // the segment began on this line: what the one before it ended with says (gutterLine, machine.ts)
    if (k < 0 && this.gutterLine === false) return false;
    this.gutterOwn = !o.pending;
    if (this.gutterOwn) o.startPending(i);
    this.gutterRet = this.vstate;
    this.gutterNum = 0;
    this.gutterLen = 0;
    this.gutterWs = 0;
    this.gutterPos.save(o.seg, i);
    this.vstate = V_GUTTER;
    return true;
  }

  /** The gutter's number and separator from i, up to the character that decides (or the segment's end). */
  protected gutter(s: string, i: number, len: number): number {
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

  /** The input ends inside a gutter: a number complete is one (an empty last line's), else no gutter. */
  protected gutterAtEnd(i: number): number {
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
    // repair: `  2 |   "name"` -> `     "name"` (the editor's line number is no part of the JSON)
    o.record(o.repair('line_number', this.gutterPos.get(), n, ''));
    o.replaceTail(i, held.length, held.slice(n));
    if (this.gutterOwn) o.commitPending(i);
    this.gutterOwn = false;
    this.gutterNext++;
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
    this.vstate = this.gutterRet;
    this.gutterNotAt = at.offset;
    return this.rescanHeld(i, held, at);
  }

  /** Held text that turned out to be none of a rule's (taken out of the output already, its state reset)
   * is scanned again from `at`, read as before: the segment ends at i, and an unconfirmed candidate's raw
   * text gets `text` again from the rescan (machine.ts endSegment). Shared by the gutter and Python sets. */
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
