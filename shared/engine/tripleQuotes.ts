/**
 * Python triple-quoted strings: `{"a": """hello"""}` means `{"a": "hello"}`. Read one quote at a time,
 * `""` is an empty string and `"hello"` the next value after a missing comma (the text came back as
 * `{"a": "","hello":""}`). So a value string that is still empty when a second and a third quote follow
 * its opening one is a triple-quoted string: the two extra quotes are removed (kind `triple_quotes`),
 * and it runs, over line breaks (escaped as raw control characters are), to the next run of three or
 * more of its quotes, whose last three become one `"` (`triple_quotes`); one or two quotes inside, and
 * those before the last three of a longer run, are its text (a `"` escaped, kind `unescaped_quote`).
 * The same for `'''…'''`. A quote that ends a push waits for the next character (strings.ts holds it
 * already); a run of quotes inside the string is held (V_TRIPLE_END) to its end, at most
 * TRIPLE_RUN_MAX quotes.
 */
import * as C from './chars';
import * as S from './state';
import { HtmlEntityScanner } from './htmlEntities';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { QUOTE } = C;
const { V_STRING, V_TRIPLE_END } = S;

/** strQuote of a triple-quoted string is its quote character plus TRIPLE: no character equals it. */
export const TRIPLE = 0x10000;

/** The longest run of quotes read at once in a triple-quoted string: its last three close it, the
 * others before them are its text. */
export const TRIPLE_RUN_MAX = 8;

export abstract class TripleQuoteScanner extends HtmlEntityScanner {
  /** Whether the quote at segment index i comes right after the opening quote of a value string, which
   * is still empty: with one more quote after it, the string is triple-quoted. */
  protected emptySoFar(i: number): boolean {
    return !this.strIsKey && !this.unconfirmed && this.o.seg.base + i === this.strOpenAt + 1;
  }

  /** The same for the quote held as the pending text (strings.ts: it ended the last push). */
  protected heldEmptySoFar(): boolean {
    return !this.strIsKey && !this.unconfirmed && this.o.pendingStart().offset === this.strOpenAt + 1;
  }

  /** The second and third quotes of `"""` at i and i + 1: the string is triple-quoted. */
  protected openTriple(i: number): number {
    const o = this.o;
    // repair: the two extra quotes of the opening removed
    o.record(o.repairAt('triple_quotes', i, 2, ''));
    o.edit(i, i + 2, '');
    this.strQuote += TRIPLE;
    return i + 2;
  }

  /** The second quote was held (the pending text) and the third is at i. */
  protected openTripleHeld(i: number): number {
    const o = this.o;
    const d = o.dropPending(i + 1);
    // repair: the two extra quotes of the opening removed
    o.record(o.repair('triple_quotes', d.at, 2, ''));
    this.strQuote = (this.strQuote & 0xffff) + TRIPLE;
    this.sqHeld = false;
    this.vstate = V_STRING;
    return i + 1;
  }

  /** A quote of the string's kind at i in a triple-quoted string: the run of quotes it starts (read
   * to its end, at most TRIPLE_RUN_MAX) decides. */
  protected tripleQuote(s: string, i: number, len: number): number {
    const q = this.strQuote & 0xffff;
    let n = 1;
    while (n < TRIPLE_RUN_MAX && i + n < len && String.prototype.charCodeAt.call(s, i + n) === q) n++;
    this.o.startPending(i);
    this.tripleRun = n;
    if (i + n === len && n < TRIPLE_RUN_MAX) {
      // the run ends the push: the next character may be one more quote (held)
      this.vstate = V_TRIPLE_END;
      return len;
    }
    this.tripleRunEnds(i + n);
    return i + n;
  }

  /** After a run of quotes held at a push's end (V_TRIPLE_END): more quotes, or its end. */
  protected tripleEnd(s: string, i: number, len: number): number {
    const q = this.strQuote & 0xffff;
    while (i < len && this.tripleRun < TRIPLE_RUN_MAX && String.prototype.charCodeAt.call(s, i) === q) {
      this.tripleRun++;
      i++;
    }
    if (i < len || this.tripleRun === TRIPLE_RUN_MAX) this.tripleRunEnds(i);
    return i;
  }

  /** The run of tripleRun quotes (the pending text, ending at i) is complete: with three or more, its
   * last three close the string and any before them are its text (`"x""""` ends with `x"`); fewer are
   * text (a `"` escaped). */
  protected tripleRunEnds(i: number): void {
    const o = this.o;
    const n = this.tripleRun;
    const closes = n >= 3;
    const text = closes ? n - 3 : n;
    const at = o.pendingStart();
    let rep = '';
    if ((this.strQuote & 0xffff) === QUOTE) {
      if (text > 0) {
        // repair: quotes inside are text
        rep = '\\"'.repeat(text);
        o.record(o.repair('unescaped_quote', at, text, rep));
      }
    } else rep = "'".repeat(text);
    if (closes) {
      // repair: the closing three quotes are one `"`
      rep += '"';
      o.record(o.repair('triple_quotes', { offset: at.offset + text, line: at.line, column: at.column + text }, 3, '"'));
    }
    o.replaceTail(i, n, rep);
    o.commitPending(i);
    if (closes) {
      this.strQuote = QUOTE;
      this.afterValue(i);
    } else this.vstate = V_STRING;
  }
}
