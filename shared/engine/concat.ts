/**
 * String concatenation as models write it from JavaScript and Python habits: `{"a": "x" + "y"}` means
 * `{"a": "xy"}`. After a value string's closing quote in a container, spaces and a `+` (the quote held
 * with them, strings.ts), the whitespace after the `+` (line breaks too: `"x" +\n  "y"`) is held, at
 * most CONCAT_SPACES characters, until a character decides: a `"` joins the strings (the closing quote,
 * the `+`, the whitespace and the opening quote go, repair kind `string_concat`) and the string goes on;
 * anything else makes the held text what it was before: the quote closes the string and the `+` is stray
 * text (structure.ts) up to the next `,`, closer or line end.
 */
import * as C from './chars';
import { MixedQuoteScanner } from './mixedQuotes';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { QUOTE, isSpace } = C;
const { V_AFTER, V_CONCAT, V_STRAY, V_STRING } = S;

/** The most whitespace held after a `+` between two strings. */
export const CONCAT_SPACES = 64;

export abstract class ConcatScanner extends MixedQuoteScanner {
  /** A `+` at i after a held closing quote and dqWs spaces (V_DQ_CLOSE). */
  protected concatPlus_(i: number): number {
    this.concatWs1 = this.dqWs;
    this.concatWs2 = 0;
    this.concatPlus.save(this.o.seg, i);
    this.vstate = V_CONCAT;
    return i + 1;
  }

  /** After the `+` (V_CONCAT): whitespace, then a `"` or not. */
  protected concat(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === QUOTE) return this.concatJoin(i);
      if (!isSpace(c) || this.concatWs2 >= CONCAT_SPACES) return this.concatFails(i);
      this.concatWs2++;
      i++;
    }
    return i;
  }

  /** The opening quote of the next string at i: the two strings are one. */
  private concatJoin(i: number): number {
    const o = this.o;
    if (!this.rep('string_concat')) return this.reject(o.seg.text, i);
    // repair: from the closing quote to the opening one, removed
    const cut = o.dropPending(i + 1);
    o.record(o.repair('string_concat', cut.at, cut.length, ''));
    this.dqInner = false;
    this.vstate = V_STRING;
    return i + 1;
  }

  /** No string follows the `+` (the character at i, or the end): the quote closes its string, and the
   * `+` is stray text as it was before, up to the line break held after it or on from i. */
  protected concatFails(i: number): number {
    const o = this.o;
    if (this.unconfirmed) return this.reject(o.seg.text, i); // a `+` after a value rejected a candidate, as before
    o.materialize(i);
    const held = o.carry;
    const plus = 1 + this.concatWs1;
    let nl = plus + 1;
    while (nl < held.length && held.charCodeAt(nl) !== 10 && held.charCodeAt(nl) !== 13) nl++;
    o.carry = held.slice(0, plus) + held.slice(nl);
    o.commitFirst();
    this.dqInner = false;
    this.afterValue(i, true);
    const at = o.resolve(this.concatPlus);
    if (nl < held.length) {
      o.record(o.repair('stray_text', at, nl - plus, ''));
      return i;
    }
    this.commentIdx = -1;
    this.commentPos = at;
    this.commentRet = V_AFTER;
    this.vstate = V_STRAY;
    return i;
  }
}
