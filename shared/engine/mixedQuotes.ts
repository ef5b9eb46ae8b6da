/**
 * A single-quoted value string closed with a double quote: `{"a": 'x", "b": 1}`. Read as before, the
 * `"` is text of the string (escaped), and so is everything after it: the string runs on to the end
 * and swallows every member after it. What proves the `"` a closing quote is what follows it: the
 * container's continuation. So inside a single-quoted value string in an object or array, a `"` is held
 * with what follows it (each run bounded by MIX_MAX) until a character decides:
 *
 *   - spaces and the container's closer (`}` in an object, `]` in an array): the `"` closes the string;
 *   - spaces, `,`, spaces, `"`, a word (no quote, backslash or control character), `"`, spaces, and then
 *     a `:` in an object (the next key) or a `,` / `]` in an array (the next element): likewise;
 *   - anything else (a `'` too: the string's own closing quote may come first): the held text is the
 *     string's, each `"` in it escaped (kind `single_quotes`, as before).
 *
 * The closing `"` needs no edit (the opening `'` already has its `single_quotes` repair). A `"` that
 * ends the text is held until the end decides: text, as before.
 *
 * In a single-quoted key, a `"` followed by spaces and a colon is the key's closing quote (`{'a": 1}` kept
 * its key in the string and lost the member); followed by anything else it is the key's text as before.
 */
import * as C from './chars';
import { SavedPosition } from './output';
import { QuoteProbeScanner } from './quoteProbe';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { APOS, BACKSLASH, COLON, COMMA, CR, LBRACE, LF, QUOTE, RBRACE, RBRACKET, SPACE, TAB, escapeControl, isWordChar } = C;
const { V_COLON, V_SQ_DQ, V_STRING } = S;

/** The most spaces in each run, and the longest word, held after the `"`. */
export const MIX_MAX = 64;

// What has been read after the held `"` (mixStage).
const M_QUOTE = 0; // spaces: a closer or a comma decides
const M_COMMA = 1; // the comma and spaces: the next key's or element's opening quote?
const M_WORD = 2; // that quote and the word after it, up to its closing quote
const M_END = 3; // its closing quote and spaces: a colon (object) or a comma or closer (array)?
const M_KEY = 4; // in a single-quoted key, the `"` and spaces: a colon makes it the key's closing quote

export abstract class MixedQuoteScanner extends QuoteProbeScanner {
  // The held `"` and what follows it (mixStage; the pending text starts at the `"`): whitespace read in
  // the current run or the word's length, and where the word's closing quote is. Kept because the character that decides may come in a
  // later push.
  private mixStage = M_QUOTE;
  private mixRun = 0;
  private readonly mixQ3 = new SavedPosition();

  /** A `"` at i inside a single-quoted value string: whether it is looked at (see above). */
  protected mixedQuoteStarts(): boolean {
    return this.strQuote === APOS && this.strIsKey === false && this.o.pending === false && this.stack.length > 0;
  }

  /** The `"` at i is held (V_SQ_DQ) with what follows it. */
  protected mixedQuote(i: number): number {
    this.o.startPending(i);
    this.mixStage = M_QUOTE;
    this.mixRun = 0;
    this.vstate = V_SQ_DQ;
    return i + 1;
  }

  /** A `"` at i inside a single-quoted key (`{'a": 1}`): held (V_SQ_DQ) with the spaces after it; a
   * colon then makes it the key's closing quote, anything else the key's text (escaped, as before). The
   * key's text is held already (keys are, until their value starts), so it goes on. */
  protected mixedKeyQuote(i: number): number {
    const o = this.o;
    if (!o.pending) o.startPending(i);
    this.mixQ3.save(o.seg, i);
    this.mixStage = M_KEY;
    this.mixRun = 0;
    this.vstate = V_SQ_DQ;
    return i + 1;
  }

  /** What follows the held `"` (V_SQ_DQ). */
  protected mixedHeld(s: string, i: number, len: number): number {
    const inObject = this.stack[this.stack.length - 1] === LBRACE;
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      const st = this.mixStage;
      if (st === M_KEY) {
        if (c === SPACE && this.mixRun < MIX_MAX) {
          this.mixRun++;
          i++;
          continue;
        }
        return c === COLON ? this.mixedKeyCloses(i) : this.mixedKeyText(i);
      }
      if (st === M_WORD) {
        if (c === QUOTE && this.mixRun > 0) {
          this.mixQ3.save(this.o.seg, i);
          this.mixStage = M_END;
          this.mixRun = 0;
          i++;
          continue;
        }
        if (this.mixRun === 0 ? !isWordChar(c) : c === APOS || c === BACKSLASH || c < 32 || this.mixRun >= MIX_MAX) return this.mixedFails(i);
        this.mixRun++;
        i++;
        continue;
      }
      if ((c === SPACE || c === LF || c === CR || c === TAB) && this.mixRun < MIX_MAX) {
        this.mixRun++;
        i++;
        continue;
      }
      if (st === M_QUOTE) {
        if (c === (inObject ? RBRACE : RBRACKET)) return this.mixedCloses(i);
        if (c !== COMMA) return this.mixedFails(i);
        this.mixStage = M_COMMA;
      } else if (st === M_COMMA) {
        if (c !== QUOTE) return this.mixedFails(i);
        this.mixStage = M_WORD;
      } else {
        if (inObject ? c === COLON : c === COMMA || c === RBRACKET) return inObject ? this.mixedKey(i) : this.mixedElement(i);
        return this.mixedFails(i);
      }
      this.mixRun = 0;
      i++;
    }
    return i;
  }

  /** The input ends while a `"` is held: it was the string's text. */
  protected mixedEnd(i: number): void {
    if (this.mixStage === M_KEY) this.mixedKeyText(i);
    else this.mixedFails(i);
  }

  /** The colon: the `"` at mixQ3 closed a key (no repair of its own: the opening `'` has its
   * `single_quotes` one); the spaces after it are the spaces before the colon. */
  private mixedKeyCloses(i: number): number {
    this.keyEnd.copy(this.mixQ3);
    this.keyEnd.advance(1);
    this.colonWs = this.mixRun;
    this.vstate = V_COLON;
    return i;
  }

  /** Anything else: the held `"` is the key's text, escaped as a `"` in a single-quoted string is. */
  private mixedKeyText(i: number): number {
    const o = this.o;
    o.hold(o.repair('single_quotes', o.resolve(this.mixQ3), 1, '\\"'));
    o.insertBeforeTail(i, this.mixRun + 1, '\\');
    this.vstate = V_STRING;
    return i;
  }

  /** Spaces and the closer: the `"` closed the string, the spaces stay held as after any value. */
  private mixedCloses(i: number): number {
    this.dqWs = this.mixRun;
    this.heldQuoteCloses(i);
    return i;
  }

  /** `, "key"` and a colon: the `"` closed the string (it goes out); the rest is held as after any key,
   * the key's closing quote at mixQ3, as in a single-quoted key. */
  private mixedKey(i: number): number {
    this.o.commitFirst();
    return this.mixedKeyCloses(i);
  }

  /** `, "b"` and a comma or `]`: the `"` closed the string and `"b"` is the next element. */
  private mixedElement(i: number): number {
    const o = this.o;
    o.materialize(i);
    const k = o.carry.length - this.mixRun;
    o.emit(o.carry.slice(0, k));
    o.carry = o.carry.slice(k);
    this.strRun++;
    if (this.mixRun === 0) {
      o.commitPending(i);
      this.afterValue(i, false);
    } else {
      // the spaces after the element's closing quote stay held, as after any value
      o.pStartIdx = this.mixQ3.isIn(o.seg) ? this.mixQ3.index + 1 : -1;
      if (o.pStartIdx < 0) {
        o.pStartPos.copy(this.mixQ3);
        o.pStartPos.advance(1);
      }
      this.afterValue(i, true);
    }
    return i;
  }

  /** Anything else (the character at i, or the end): the held text is the string's, its quotes and
   * line breaks or tabs escaped as the string's loop would have (the held text is the input as it was,
   * from the `"`: each repair's position is counted from there). */
  private mixedFails(i: number): number {
    const o = this.o;
    o.materialize(i);
    const raw = o.carry;
    const at = o.pendingStart();
    let line = at.line;
    let column = at.column;
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = String.prototype.charCodeAt.call(raw, k);
      const p = { offset: at.offset + k, line, column };
      if (c === QUOTE) {
        o.hold(o.repair('single_quotes', p, 1, '\\"'));
        out += '\\"';
      } else if (c < 32) {
        const r = escapeControl(c);
        o.hold(o.repair('control_character', p, 1, r));
        out += r;
      } else out += raw[k];
      if (c === LF) {
        line++;
        column = 0;
      } else column++;
    }
    o.carry = out;
    o.commitPending(i);
    this.vstate = V_STRING;
    return i;
  }
}
