/**
 * Scientific notation as people write it (trial 15's t15-mx-09): `{"mass_kg": 5.97 × 10^24, "body":
 * "Earth"}` gave `{"mass_kg": 5.97, "×": "10^24", "body": "Earth"}` (nothing lost, the shape wrong: the
 * number ended at the space, the `×` was a key whose comma was missing). The number is `5.97e24`, repair
 * kind `scientific_notation`, its range the notation after the number (` × 10^24` -> `e24`).
 *
 * The notation: after a number with no exponent (`5.97`, `-3`, `0.5`) in a container's value, spaces (at
 * least one, on its line), a multiplication sign (`×`, `x`, `X`, `*`, `·`, `⋅`), spaces, `10`, then the
 * exponent: `^` and an optional sign (`+`, `-`, `−`) and 1-4 digits, optionally in braces (`10^{-3}`), or
 * `**` and the same (Python), or superscript digits with an optional superscript sign (`10²⁴`, `10⁻³`);
 * then a `,`, `}`, `]`, a space, a line break or the end of the input. The number has gone out by the
 * time the sign comes, but it is a prefix of the repaired one: the spaces after it are pending (as after
 * any value) and become `e24`, the notation's text is held outside the output (V_STRAY with citeStage,
 * as a citation marker is) until a character decides. Anything else (`{"a": 5 x 3}`, `{"a": 2 xyz: 1}`,
 * `10^24kg`, a line break inside, the input ending before the exponent's digits) is scanned again from
 * the sign (sciNotAt), read as before.
 *
 * Nothing is read on the hot path: numberStops (scalars.ts) notes where a space ends a number (sciFrom, a
 * store under the test for a space that thousands separators already make), and the probe starts only
 * on after()'s paths for text that no valid JSON has after a value (a missing comma's word, stray text).
 * Written with no space (`5.97*10^24`, `5.97×10^24`), the token is an unquoted string held to its end
 * already: endUnquoted (scalars.ts) reads the same notation in it (sciValue).
 */
import * as C from './chars';
import { supDigit } from './numberTokens';
import { PythonSetScanner } from './pythonSet';
import * as S from './state';

const { BACKSLASH, CR, COMMA, D0, D9, LBRACE, LF, MINUS, PLUS, RBRACE, RBRACKET, SPACE, STAR, TAB, UMINUS } = C;
const { V_STRAY } = S;

/** The longest notation held (`× 10^{-1234}` is 12; spaces around the sign count). */
const SCI_MAX = 40;

// citeStage values of the probe (above pythonSet.ts's and citation.ts's)
export const SCI_OPEN = 32; // the multiplication sign
const SCI_GAP = 33; // spaces after it, then `1`
const SCI_ONE = 34; // `1`: `0` next
const SCI_TEN = 35; // `10`: `^`, `*` or a superscript next
const SCI_STAR = 36; // `10*`: a second `*`
const SCI_CARET = 37; // `10^` / `10**`: a sign, a digit or `{`
const SCI_BRACE = 38; // `10^{`: a sign or a digit
const SCI_SIGN = 39; // a sign: a digit
const SCI_DIGITS = 40; // the exponent's digits: more, or (with a brace) `}`, or what decides
const SCI_CLOSED = 41; // `10^{24}`: what decides
const SCI_SUP_SIGN = 42; // a superscript sign: a superscript digit
const SCI_SUP = 43; // superscript digits: more, or what decides
const SCI_TEX = 44; // `\` and a LaTeX command's letters: `\times` or `\cdot` is the sign
const SCI_EXP_MAX = 4;

/** A multiplication sign that may start the notation after a number and a space. */
export function isTimesSign(c: number): boolean {
  return c === 0xd7 || c === 0x78 || c === 0x58 || c === STAR || c === 0xb7 || c === 0x22c5;
}

export abstract class SciNotationScanner extends PythonSetScanner {
  /** The probe's text so far (from the sign), and the exponent's JSON text (`e-3`) read so far. */
  private sciText = '';
  private sciExp = '';
  private sciBrace = false;
  private sciDigits = 0;
  /** No-break spaces removed (unicode_space) right after the number where the notation's spaces begin
   * (sciGapSpace): how many since sciGapAt (the sciFrom they follow), the offset after the last, and how
   * many the notation's repair starts after (its range must not overlap theirs). */
  private sciGapAt = -1;
  private sciGapN = 0;
  private sciGapEnd = -1;
  private sciSkip = 0;

  /** A multiplication sign at i after a value in a container (structure.ts after(); isTimesSign): the
   * start of the notation when the value was a number with no exponent followed by spaces (sciFrom) on
   * its line. Starts reading it (V_STRAY with citeStage) if so. */
  protected sciStarts(i: number): boolean {
    const o = this.o;
    if (!o.pending || o.seg.base + i === this.sciNotAt) return false;
    const st = this.numState;
    if (st !== 2 && st !== 3 && st !== 5) return false;
    const from = o.pStartIdx >= 0 ? o.seg.base + o.pStartIdx : o.pStartPos.get().offset;
    if (from !== this.sciFrom || !this.rep('scientific_notation')) return false;
    const ws = o.tail(i, o.heldLength() + i - o.pA);
    // the spaces as written, after no-break spaces removed right after the number (`unicode_space`: the
    // notation's range starts after them); anything else removed there (a comment) is no notation
    const skip = o.seg.base + i - from - ws.length;
    if (skip !== 0 && !(this.sciGapAt === from && this.sciGapN === skip && this.sciGapEnd === from + skip)) return false;
    for (let k = 0; k < ws.length; k++) {
      const c = ws.charCodeAt(k);
      if (c !== SPACE && c !== TAB) return false;
    }
    this.sciSkip = skip;
    // (the state it returns to: V_AFTER in a container, V_DONE after a lone top-level number)
    this.startComment(i, this.vstate);
    this.vstate = V_STRAY;
    this.citeStage = SCI_OPEN;
    this.sciText = '';
    this.sciExp = 'e';
    this.sciBrace = false;
    this.sciDigits = 0;
    return true;
  }

  /** The notation's characters from i: returns where it stopped (the segment's end while undecided). */
  protected sciProbe(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.sciText.length >= SCI_MAX) return this.sciDecided(i, false);
      let next = this.citeStage;
      switch (next) {
        case SCI_OPEN:
          next = c === BACKSLASH ? SCI_TEX : SCI_GAP;
          break;
        case SCI_TEX:
          if (c >= 0x61 && c <= 0x7a && this.sciText.length < 6) break;
          if (this.sciText !== '\\times' && this.sciText !== '\\cdot') return this.sciDecided(i, false);
          // the command's name ends here: c is read as after any sign
          this.citeStage = SCI_GAP;
          continue;
        case SCI_GAP:
          if (c === 0x31) next = SCI_ONE;
          else if (c !== SPACE && c !== TAB && c !== 0xa0 && c !== 0x202f) return this.sciDecided(i, false);
          break;
        case SCI_ONE:
          if (c !== D0) return this.sciDecided(i, false);
          next = SCI_TEN;
          break;
        case SCI_TEN:
          if (c === 0x5e) next = SCI_CARET;
          else if (c === STAR) next = SCI_STAR;
          else if (c === 0x207a || c === 0x207b) {
            if (c === 0x207b) this.sciExp += '-';
            next = SCI_SUP_SIGN;
          } else if (supDigit(c) >= 0) {
            this.sciExp += String(supDigit(c));
            this.sciDigits = 1;
            next = SCI_SUP;
          } else return this.sciDecided(i, false);
          break;
        case SCI_STAR:
          if (c !== STAR) return this.sciDecided(i, false);
          next = SCI_CARET;
          break;
        case SCI_CARET:
        case SCI_BRACE:
          if (c === LBRACE && next === SCI_CARET) {
            this.sciBrace = true;
            next = SCI_BRACE;
          } else if (c === PLUS || c === MINUS || c === UMINUS) {
            if (c !== PLUS) this.sciExp += '-';
            next = SCI_SIGN;
          } else if (c >= D0 && c <= D9) {
            this.sciExp += String.fromCharCode(c);
            this.sciDigits = 1;
            next = SCI_DIGITS;
          } else return this.sciDecided(i, false);
          break;
        case SCI_SIGN:
          if (c < D0 || c > D9) return this.sciDecided(i, false);
          this.sciExp += String.fromCharCode(c);
          this.sciDigits = 1;
          next = SCI_DIGITS;
          break;
        case SCI_DIGITS:
          if (c >= D0 && c <= D9 && this.sciDigits < SCI_EXP_MAX) {
            this.sciExp += String.fromCharCode(c);
            this.sciDigits++;
          } else if (this.sciBrace) {
            if (c !== RBRACE) return this.sciDecided(i, false);
            next = SCI_CLOSED;
          } else return this.sciDecided(i, sciEnds(c));
          break;
        case SCI_CLOSED:
          return this.sciDecided(i, sciEnds(c));
        case SCI_SUP_SIGN:
          if (supDigit(c) < 0) return this.sciDecided(i, false);
          this.sciExp += String(supDigit(c));
          this.sciDigits = 1;
          next = SCI_SUP;
          break;
        case SCI_SUP:
          if (supDigit(c) >= 0 && this.sciDigits < SCI_EXP_MAX) {
            this.sciExp += String(supDigit(c));
            this.sciDigits++;
          } else return this.sciDecided(i, sciEnds(c));
          break;
      }
      this.citeStage = next;
      this.sciText += String.fromCharCode(c);
      i++;
    }
    return i;
  }

  /** A no-break space at input offset `at` was removed (structure.ts unicodeSpace): counted when it
   * follows the number's end (sciFrom) with no other character between. */
  protected sciGapSpace(at: number): void {
    if (this.sciGapAt !== this.sciFrom) {
      this.sciGapAt = this.sciFrom;
      this.sciGapN = 0;
      this.sciGapEnd = this.sciFrom;
    }
    if (at !== this.sciGapEnd) return;
    this.sciGapN++;
    this.sciGapEnd = at + 1;
  }

  /** Whether the notation read so far has a whole exponent (the input ending here makes it a number). */
  protected sciWhole(): boolean {
    const st = this.citeStage;
    return st === SCI_CLOSED || st === SCI_SUP || (st === SCI_DIGITS && !this.sciBrace);
  }

  /** The input ends inside the notation (finish.ts): a number when its exponent is whole; cut after the
   * sign and a `1` (`5.97 × 10^`), the notation is dropped as a cut value (the number as far as it came,
   * as a cut `1e` keeps `1`); cut right after the sign (`5.97 ×`), read as before. */
  protected sciAtEnd(i: number): void {
    const st = this.citeStage;
    if (this.sciWhole()) this.sciDecided(i, true);
    else if (st === SCI_OPEN || st === SCI_GAP || st === SCI_TEX) this.sciDecided(i, false);
    else {
      this.sciExp = '';
      this.sciDecided(i, true);
      this.truncated = true;
    }
  }

  /** The probe decided at i (the held notation ends before it): the spaces pending after the number and
   * the notation become the exponent, or the held text is scanned again from the sign, read as before. */
  private sciDecided(i: number, isSci: boolean): number {
    const o = this.o;
    const text = this.sciText;
    this.sciText = '';
    const at = this.endHeld(i);
    if (!isSci) {
      this.sciNotAt = at.offset;
      return this.rescanHeld(i, text, at);
    }
    let from = o.pendingStart();
    const skip = this.sciSkip;
    // (after no-break spaces removed as unicode_space: on the number's line, so a column apart)
    if (skip !== 0) from = { offset: from.offset + skip, line: from.line, column: from.column + skip };
    const exp = this.sciExp;
    // repair: `5.97 × 10^24` -> `5.97e24` (the spaces after the number and the notation: the exponent);
    // cut by the end of the input (sciAtEnd, no exponent), the notation is dropped
    o.record(o.repair(exp === '' ? 'dropped_value' : 'scientific_notation', from, o.seg.base + i - from.offset, exp));
    o.replaceTail(i, o.heldLength(), exp);
    o.commitPending(i);
    this.afterValue(i);
    return i;
  }
}

/** A character after the exponent that ends the notation as a number's end: `,` `}` `]`, white space. */
function sciEnds(c: number): boolean {
  return c === COMMA || c === RBRACE || c === RBRACKET || c === SPACE || c === TAB || c === LF || c === CR;
}
