/**
 * Thousands separators inside an object's value: `{"item": "TV", "price": 1,299.99, "qty": 2}`. Read as
 * JSON the number ends at the comma, `299.99` stands where a key should and the members after it are
 * lost. The number is `1299.99` (repair kind `thousands_separator`) when, in an object's value, an
 * integer of 1-3 digits (no leading zero, a `-` allowed) is followed by a comma and groups of exactly 3
 * digits (`,299`, `,234,567`), an optional fraction (`.99`), and then a `,`, a `}`, a space or a line
 * break, or the end of the input: what follows the comma cannot be a member then. One or two digits after
 * the only comma, then a `,`, a `}`, a space or a line break, are a decimal comma (`{"preis": 3,50}` ->
 * `3.50`, kind `invalid_number`; trial 12). Anything else (`1,2345`, `{"a": 1,234: 5}`, a numeric key, a
 * decimal comma cut by the end of the input) reads as before: the number ends at the comma. In an
 * array, `[1,299]` is two numbers; it is never looked at.
 *
 * The comma and the digits after it are held with the number (pending) until a character decides, so
 * nothing is taken back: a push may end anywhere in `1,299,999.5`. When the text after the comma turns
 * out to be no group, the number ends before the comma and the held text is scanned again from it
 * (a rescan, as a rejected candidate's text is) — only after digits were held; a comma ending a push and
 * followed by no digit (pretty-printed JSON's `1,\n`) is decided without one. Only in a confirmed value:
 * a value in prose is not held (its candidate text would be scanned twice).
 *
 * A space may separate the groups the same way (engine21; trial 12: `{"count": 1 000}` gave `{"count": 1 }`,
 * the digits trailing text and every member after them lost): an object's value of 1-3 digits, then
 * groups of one separator and exactly 3 digits, the separator a space, a no-break space (U+00A0) or a
 * narrow no-break space (U+202F), the same one throughout, an optional `.` fraction, then a `,`, a `}`,
 * white space or the end: `{"count": 1 000, "b": 2}` -> `1000`, kind `thousands_separator`. A comma after
 * space groups followed by one or two digits, then a `,`, a `}` or white space, is a decimal comma
 * (engine22: `1 000,50` -> `1000.50`, same kind; it gave the key `"50"`); anything else after that comma
 * (a third digit, a letter, the end) ends the number at it, as before. Anything else reads as before: `{"a": 1 2}`,
 * `1 2345`, `1234 567`; a group cut by the end of the input is scanned again from the first space (as
 * before: trailing text). In an array a space between numbers is a missing comma as before (`[1 2 3]`,
 * `[1 000]` -> `[1, 0]`). A space that ends a push after such a number (or after a group) is held with
 * it until the next character decides; a non-digit then ends the number before that space (with the
 * groups read so far) and the space is scanned again.
 */
import * as C from './chars';
import { NUM_THOU, NUM_THOU_DEC, NUM_THOU_FRAC } from './numberTokens';
import { SavedPosition } from './output';
import { ScalarScanner } from './scalars';
import { Segment } from './segment';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { COMMA, CR, D0, D9, DOT, LBRACE, LF, MINUS, RBRACE, SPACE, TAB } = C;
const { V_KEY } = S;

export abstract class ThousandsScanner extends ScalarScanner {
  // Kept across pushes while the number's groups are read (a push may end after any character of
  // `1,299,999.5`): thouTok is the number's length before its first comma, thouDigits the digits of the
  // group (or fraction) being read, thouFirst / thouLast where the first and the latest comma stand.
  private thouTok = 0;
  private thouDigits = 0;
  /** The separator (`,`, a space, U+00A0, U+202F) and the number's length before the latest one. */
  private thouSep = COMMA;
  private thouLastTok = 0;
  private readonly thouFirst = new SavedPosition();
  private readonly thouLast = new SavedPosition();

  /** The number (numState 3, not bad) stopped before a comma or a space at i: a group may follow
   * (held), or not. */
  protected thousandsMayStart(s: string, i: number, len: number): number {
    const o = this.o;
    const sep = String.prototype.charCodeAt.call(s, i);
    if (this.stack[this.stack.length - 1] !== LBRACE || this.tokLen > 4 || this.unconfirmed === true) return this.endNumber(s, i, false);
    if (i + 1 < len) {
      const n = String.prototype.charCodeAt.call(s, i + 1);
      if (n < D0 || n > D9) return this.endNumber(s, i, false);
    }
    if (this.tokLen === 4 && String.prototype.charCodeAt.call(o.tail(i, 4), 0) !== MINUS) return this.endNumber(s, i, false);
    this.thouSep = sep;
    this.thouTok = this.tokLen;
    this.thouLastTok = this.tokLen;
    this.thouDigits = 0;
    this.thouFirst.save(o.seg, i);
    this.thouLast.save(o.seg, i);
    this.numState = NUM_THOU;
    this.tokLen++;
    return this.thousands(s, i + 1, len);
  }

  /** The groups after the comma (NUM_THOU) and the fraction after them (NUM_THOU_FRAC), up to the
   * character that decides. */
  protected thousands(s: string, i: number, len: number): number {
    const start = i;
    const sep = this.thouSep;
    let st = this.numState;
    let d = this.thouDigits;
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c >= D0 && c <= D9) {
        if (st === NUM_THOU && d === 3) break; // a fourth digit: no group
        if (st === NUM_THOU_DEC && d === 2) break; // a third digit after a decimal comma: none
        d++;
      } else if ((st === NUM_THOU || st === NUM_THOU_DEC) && d === 0) {
        // no digit after a comma or space (one that ended a push): the number ended before it
        this.tokLen += i - start;
        return sep === COMMA ? this.beforeComma(i) : this.beforeSpace(s, i);
      } else if (c === COMMA && sep !== COMMA && st === NUM_THOU && d === 3) {
        // after space groups, a decimal comma (`1 000,50`) or the member's comma: a digit after it decides
        if (i + 1 < len) {
          const n = String.prototype.charCodeAt.call(s, i + 1);
          if (n < D0 || n > D9) break;
        }
        this.thouLast.save(this.o.seg, i);
        this.thouLastTok = this.tokLen + i - start;
        st = NUM_THOU_DEC;
        d = 0;
      } else if (c === sep && st === NUM_THOU && d === 3) {
        // another group, or the member's comma: a digit after it decides
        if (i + 1 < len) {
          const n = String.prototype.charCodeAt.call(s, i + 1);
          if (n < D0 || n > D9) break;
        }
        this.thouLast.save(this.o.seg, i);
        this.thouLastTok = this.tokLen + i - start;
        d = 0;
      } else if (c === DOT && st === NUM_THOU && d === 3) {
        st = NUM_THOU_FRAC;
        d = 0;
      } else break;
      i++;
    }
    this.tokLen += i - start;
    this.numState = st;
    this.thouDigits = d;
    if (i === len) return i;
    const c = String.prototype.charCodeAt.call(s, i);
    const complete = st === NUM_THOU ? d === 3 : d > 0;
    const ends = c === COMMA || c === RBRACE || c === SPACE || c === LF || c === CR || c === TAB || c === sep;
    if (complete && ends) return this.grouped(i);
    // a comma after space groups and no decimal digits that end the member: the number ends at the comma
    if (st === NUM_THOU_DEC) return this.beforeSpace(s, i);
    // `3,50`: a decimal comma (one or two digits after the only comma, then the member's end)
    if (ends && sep === COMMA && st === NUM_THOU && (d === 1 || d === 2) && this.tokLen === this.thouTok + 1 + d) return this.decimalComma(i);
    return this.noGroups(s, i);
  }

  /** The held text is a number with thousands separators, ending at i: written without them. */
  private grouped(i: number): number {
    this.joinGroups(i);
    return this.tokenDone(i);
  }

  /** The held number ending at i (its groups whole) is written without its separators. */
  private joinGroups(i: number): void {
    const o = this.o;
    const raw = o.tail(i, this.tokLen);
    const fixed = this.thouSep === COMMA ? raw.replace(/,/g, '') : raw.split(String.fromCharCode(this.thouSep)).join('').replace(',', '.');
    // repair: `1,299.99` -> `1299.99`, `1 000` -> `1000`, `1 000,50` -> `1000.50`, the number kept whole
    o.record(this.tokenRepair('thousands_separator', raw.length, fixed));
    o.replaceTail(i, this.tokLen, fixed);
    this.numState = 3;
  }

  /** A space that ended a push after the number (or after a whole group) is followed by no digit (at i,
   * or the end): the number ends before that space, with the groups before it, and the space is scanned
   * again from where it stands. */
  private beforeSpace(s: string, i: number): number {
    const o = this.o;
    const held = o.tail(i, this.tokLen - this.thouLastTok);
    o.replaceTail(i, held.length, '');
    this.tokLen = this.thouLastTok;
    this.numState = 3;
    if (this.thouLastTok > this.thouTok) {
      this.joinGroups(i);
      this.tokenDone(i);
    } else this.endNumber(s, i, false);
    o.pStartIdx = -1;
    o.pStartPos.copy(this.thouLast);
    o.endSegment(i);
    this.segLast = D0;
    this.segLastIdx = -1;
    const at = this.thouLast.get();
    this.rescan = new Segment(held, at.offset, at.line, at.column);
    return i;
  }

  /** The held text is a number written with a decimal comma, ending at i (trial 12: `{"preis": 3,50}` gave
   * `{"preis": 3, "50": null}`): the comma is its point, kind `invalid_number`. */
  private decimalComma(i: number): number {
    const o = this.o;
    const raw = o.tail(i, this.tokLen);
    const fixed = raw.replace(',', '.');
    // repair: `3,50` -> `3.50`
    o.record(this.tokenRepair('invalid_number', raw.length, fixed));
    o.replaceTail(i, this.tokLen, fixed);
    this.numState = 3;
    return this.tokenDone(i);
  }

  /** A comma that ended a push is followed by no digit (at i, or the end): the number ended before it
   * (with its groups, if any), and the comma is the member's, held as after() holds one at a push's end. */
  private beforeComma(i: number): number {
    const o = this.o;
    const raw = o.tail(i, this.tokLen);
    const num = raw.slice(0, -1);
    const fixed = num.replace(/,/g, '');
    if (fixed !== num) o.record(this.tokenRepair('thousands_separator', num.length, fixed));
    o.replaceTail(i, this.tokLen, fixed);
    this.numState = 3;
    this.tokenDone(i);
    o.carry = ',';
    o.commaIdx = -1;
    o.commaInCarry = 0;
    o.commaPos.copy(this.thouLast);
    o.hasComma = true;
    o.pStartIdx = -1;
    o.pStartPos.copy(this.thouLast);
    this.vstate = V_KEY;
    return i;
  }

  /** What followed the comma is no group (at i): the number ends at the comma and the held text is
   * scanned again from it, as if a push had ended there. */
  private noGroups(s: string, i: number): number {
    const o = this.o;
    const held = o.tail(i, this.tokLen - this.thouTok);
    o.replaceTail(i, held.length, '');
    this.tokLen = this.thouTok;
    this.numState = 3;
    this.endNumber(s, i, false);
    // the pending text after the number starts at the comma
    o.pStartIdx = -1;
    o.pStartPos.copy(this.thouFirst);
    o.endSegment(i);
    this.segLast = D0;
    this.segLastIdx = -1;
    const at = this.thouFirst.get();
    this.rescan = new Segment(held, at.offset, at.line, at.column);
    return i;
  }

  /** The input ends inside the held text: groups read so far make the number; a cut group reads as
   * before (the number ends at the comma, the rest is a key the end cut: dropped). */
  protected thousandsAtEnd(i: number): void {
    const o = this.o;
    const st = this.numState;
    const d = this.thouDigits;
    if (st === NUM_THOU_DEC) {
      // `1 000,50` cut by the end: the number ends at the comma, which is scanned again (as a cut `3,50`)
      this.beforeSpace(o.seg.text, i);
      return;
    }
    if (st === NUM_THOU && d === 0) {
      if (this.thouSep === COMMA) this.beforeComma(i);
      else this.beforeSpace(o.seg.text, i);
      return;
    }
    if (st === NUM_THOU ? d === 3 : d > 0) {
      this.grouped(i);
      return;
    }
    if (this.thouSep !== COMMA) {
      // a cut group after a space: the space and the digits are scanned again, as before
      this.noGroups(o.seg.text, i);
      return;
    }
    const heldLen = this.tokLen - this.thouTok;
    o.replaceTail(i, heldLen, '');
    this.tokLen = this.thouTok;
    this.numState = 3;
    this.endNumber(o.seg.text, i, false);
    o.record(o.repair('dangling_key', this.thouFirst.get(), heldLen, ''));
    this.truncated = true;
  }
}
