/**
 * Citation markers after array elements (trial 14's t14-ci-11): a model that cites its sources inline
 * writes `{"cities": ["Oslo" [1], "Bergen" [2]]}`, which gave `["Oslo", [1], "Bergen", [2]]` (each
 * marker an element, a comma inserted before it). In an object a `[` after a member's value can be no key
 * and is stray text already (structure.ts after()); in an array a `[` right after an element with no comma
 * is as often the next element with its comma missing (`[[1] [2]]`, `[[1, 2] [3, 4]]`).
 *
 * The evidence that makes it a citation: the `[` follows a string, number or literal element (not an
 * array or object: strRun AFTER_CONTAINER) on the element's line, with no comma between, and what it
 * holds up to its `]` is a marker's text: 1-3 digits, several of them separated by commas (`[1, 2]`), a
 * footnote `[^1]` or Gemini's `[cite: 1, 3]`. Only on that path (after an element with no comma, a `[`)
 * is anything held: the marker's text is read as stray text (V_STRAY, its characters never output) into a
 * buffer of its own, at most CITE_MAX characters; its `]` makes it a `stray_text` repair of exactly its
 * range (the element before it and the spaces between stay), the first character that fits no marker
 * makes the buffer scanned again from its `[` (citeNotAt), read as before: the next element, a comma
 * missing. The input ending inside the marker: stray text to the end (finish.ts), TRUNCATED, as a cut
 * object's stray text is, so `["Oslo" [1` gives `["Oslo"]` whatever the chunking.
 */
import * as C from './chars';
import { SET_OPEN } from './pythonSet';
import { SCI_OPEN, SciNotationScanner } from './sciNotation';
import { NOT_STRINGS } from './quoteAtEnd';
import * as S from './state';

const { COLON, COMMA, CR, D0, D9, LF, RBRACKET, SPACE } = C;
const { V_AFTER, V_STRAY } = S;

/** strRun right after a container closed in an array (structure.ts closer): negative like NOT_STRINGS
 * (the array is no array of strings), and told apart from it for the citation rule. */
export const AFTER_CONTAINER = NOT_STRINGS - 1;

/** The longest marker text held (`[cite: 12, 345, 6]` is 19). */
const CITE_MAX = 24;

// citeStage: where in a marker the next character is read (0: no marker being read)
const CITE_OPEN = 1; // the `[`
const CITE_FIRST = 2; // after `[`: a digit, `^` or `cite:`
const CITE_CARET = 3; // after `[^`: a digit
const CITE_WORD = 4; // inside `cite`, then its `:`
const CITE_DIGITS = 5; // digits of a number: more, `,` or `]`
const CITE_GAP = 6; // after `cite:` or a `,`: spaces, then a digit
const CITE_CARET_DIGITS = 7; // digits after `[^`: more or `]`

const CITE_WORD_TEXT = 'cite';

export abstract class CitationScanner extends SciNotationScanner {
  /** A marker's text so far; the digits of its current number (or the letters of `cite` read). Where it
   * is in the marker (citeStage) and where a `[` is no marker (citeNotAt) are in state.ts. */
  private citeText = '';
  private citeRun = 0;

  protected abstract endComment(i: number): number;

  /** A `[` at i after an array element with no comma between (structure.ts after(), the missing-comma
   * path): whether it may be a citation marker, which then starts being read (V_STRAY with citeStage). */
  protected citeStarts(i: number): boolean {
    const o = this.o;
    if (this.strRun === AFTER_CONTAINER || o.seg.base + i === this.citeNotAt) return false;
    if (o.pending && o.tail(i, o.heldLength() + i - o.pA).includes('\n')) return false;
    this.startComment(i, V_AFTER);
    this.vstate = V_STRAY;
    this.citeStage = CITE_OPEN;
    this.citeText = '';
    this.citeRun = 0;
    return true;
  }

  /** The marker's characters from i (V_STRAY with citeStage): its `]` ends it (stray text), a character
   * no marker has there makes it no marker (scanned again). */
  protected cite(s: string, i: number, len: number): number {
    // (the same state holds a Python set's probe, pythonSet.ts, and scientific notation's, sciNotation.ts)
    if (this.citeStage >= SET_OPEN) return this.citeStage >= SCI_OPEN ? this.sciProbe(s, i, len) : this.setProbe(s, i, len);
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      const digit = c >= D0 && c <= D9;
      let next = 0;
      switch (this.citeStage) {
        case CITE_OPEN:
          next = CITE_FIRST;
          break;
        case CITE_FIRST:
          if (digit) next = CITE_DIGITS;
          else if (c === 0x5e) next = CITE_CARET;
          else if (c === 0x63) next = CITE_WORD;
          break;
        case CITE_CARET:
          if (digit) next = CITE_CARET_DIGITS;
          break;
        case CITE_WORD:
          if (this.citeRun < CITE_WORD_TEXT.length - 1) {
            if (c === CITE_WORD_TEXT.charCodeAt(this.citeRun + 1)) {
              this.citeRun++;
              next = CITE_WORD;
            }
          } else if (c === COLON) next = CITE_GAP;
          break;
        case CITE_GAP:
          if (c === SPACE) next = CITE_GAP;
          else if (digit) next = CITE_DIGITS;
          break;
        case CITE_DIGITS:
        case CITE_CARET_DIGITS:
          if (digit) {
            if (this.citeRun < 3) next = this.citeStage;
          } else if (c === RBRACKET) {
            return this.citeDone(i + 1);
          } else if (c === COMMA && this.citeStage === CITE_DIGITS) next = CITE_GAP;
          break;
      }
      if (next === 0 || this.citeText.length >= CITE_MAX || c === LF || c === CR) return this.citeFails(i);
      // digits of one number are counted (a fourth makes it no marker); the letters of `cite` count apart
      if (next === CITE_DIGITS || next === CITE_CARET_DIGITS) this.citeRun = next === this.citeStage ? this.citeRun + 1 : 1;
      else if (next !== CITE_WORD) this.citeRun = 0;
      this.citeStage = next;
      this.citeText += String.fromCharCode(c);
      i++;
    }
    return i;
  }

  /** The marker's `]` was read (the marker ends before i): it is stray text, removed. */
  private citeDone(i: number): number {
    const o = this.o;
    this.citeStage = 0;
    this.citeText = '';
    // as endComment, with no candidate's check: a marker is stray text a prose-started value may hold
    // (`Cities: ["Oslo" [1]]`), where other stray text proves prose
    const ci = this.commentIdx;
    if (ci >= 0) o.record(o.repairAt('stray_text', ci, i - ci, ''));
    else {
      const at = this.commentPos!;
      o.record(o.repair('stray_text', at, o.seg.base + i - at.offset, ''));
    }
    this.commentIdx = -1;
    this.commentPos = null;
    o.emitFrom = i;
    if (o.pending) o.pA = i;
    this.vstate = this.commentRet;
    return i;
  }

  /** The input ends inside a marker: stray text to the end like any (finish.ts). */
  protected citeCut(): void {
    this.citeStage = 0;
    this.citeText = '';
  }

  /** What was read from the `[` up to i is no marker: scanned again from its `[`, read as before (the
   * next element, its comma missing). */
  private citeFails(i: number): number {
    const text = this.citeText;
    this.citeText = '';
    // (the marker's startComment returns to V_AFTER)
    const at = this.endHeld(i);
    this.citeNotAt = at.offset;
    return this.rescanHeld(i, text, at);
  }
}
