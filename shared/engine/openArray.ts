/**
 * An array the model left open before the enclosing object's next key: `{"b": [1, 2\n "c": 3}` means
 * `{"b": [1, 2], "c": 3}`. Read one character at a time, `"c"` is the array's next element after a
 * missing comma, and the `:` after it ended the JSON there: `3` and every member after it were lost.
 * What tells them apart is the colon. In an array directly inside an object, a `"` after an element
 * and a missing comma, or after a comma when an element before it was no string (structure.ts: an
 * array of strings, common in valid JSON, is not looked at), is held with the word after it (at most PROBE_MAX characters, no
 * quote, backslash, control character or comma), its closing quote and the spaces after it (at most
 * PROBE_MAX), until a character decides: a `:` proves a key, so the array closes where its last element
 * ended (a `]` inserted there, kind `missing_bracket`) and the key is the object's next one; anything
 * else makes the held text what reading it as a string element gives (strings.ts), as before. A valid
 * element is held only when its closing quote and the character after it are not in the same push as
 * its opening quote: elementMayBeKey looks ahead within the push first.
 *
 * Not for an object left open (`{"a": {"b": 1\n "c": 2}`): `c` may belong to either object, and
 * nothing in the text says which, so it stays in the inner one as before.
 */
import * as C from './chars';
import { LoneQuoteScanner } from './loneQuote';
import { PROBE_MAX } from './quoteProbe';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { BACKSLASH, COLON, COMMA, LBRACE, LBRACKET, QUOTE, SPACE, TAB } = C;
const { V_DQ_CLOSE, V_ELEM_KEY, V_ELEM_KEY_END } = S;

export abstract class OpenArrayScanner extends LoneQuoteScanner {
  /** A `"` at i where an array element starts after another (the pending text holds the comma, or the
   * missing one): whether it may be the enclosing object's next key. False as soon as the push shows
   * the string is no such key; the held probe decides the rest. */
  protected elementMayBeKey(s: string, i: number): boolean {
    const st = this.stack;
    const n = st.length;
    if (n < 2 || st[n - 1] !== LBRACKET || st[n - 2] !== LBRACE || this.o.pending === false || this.unconfirmed === true) return false;
    const len = s.length;
    let j = i + 1;
    for (;;) {
      if (j === len) return true;
      const c = String.prototype.charCodeAt.call(s, j);
      if (c === QUOTE) break;
      if (c === BACKSLASH || c === COMMA || c < 32 || j - i - 1 >= PROBE_MAX) return false;
      j++;
    }
    for (let k = j + 1; ; k++) {
      if (k === len) return true;
      const c = String.prototype.charCodeAt.call(s, k);
      if (c === COLON) return true;
      if ((c !== SPACE && c !== TAB) || k - j - 1 >= PROBE_MAX) return false;
    }
  }

  /** The quote at i is held, with what is held before it, and the word after it is read. */
  protected elementKeyStart(i: number): number {
    this.strOpenAt = this.o.seg.base + i;
    this.elemLen = 0;
    this.vstate = V_ELEM_KEY;
    return i + 1;
  }

  /** The word after the quote (V_ELEM_KEY), up to its closing quote. */
  protected elemKey(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === QUOTE) {
        this.elemQuote2.save(this.o.seg, i);
        this.elemOpens = this.opensAt(s, i);
        this.elemWs = 0;
        this.vstate = V_ELEM_KEY_END;
        return i + 1;
      }
      if (c === BACKSLASH || c === COMMA || c < 32 || this.elemLen >= PROBE_MAX) return this.elemIsString(i);
      this.elemLen++;
      i++;
    }
    return i;
  }

  /** After the word's closing quote (V_ELEM_KEY_END): spaces, then a colon or not. */
  protected elemKeyEnd(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === COLON) return this.elemIsKey(i);
      if ((c !== SPACE && c !== TAB) || this.elemWs >= PROBE_MAX) {
        this.elemQuoteHeld(i);
        return this.heldQuote(s, i, len);
      }
      this.elemWs++;
      i++;
    }
    return i;
  }

  /** No closing quote came (the character at i, or the end, cannot be in a key): the held text is a
   * string element's start, and the string goes on from i. */
  protected elemIsString(i: number): number {
    this.o.commitPending(i);
    this.beginString(QUOTE, false);
    return i;
  }

  /** The closing quote came and no colon after it: the element is a string whose closing quote (with
   * the spaces after it) is held as strings.ts holds one, which the character at i (or the end) decides. */
  protected elemQuoteHeld(i: number): void {
    this.o.keepTail(i, 1 + this.elemWs, this.elemQuote2);
    this.strIsKey = false;
    this.strQuote = QUOTE;
    this.dqInner = false;
    this.dqOpens = this.elemOpens;
    this.dqWs = this.elemWs;
    this.vstate = V_DQ_CLOSE;
  }

  /** `"key"` and a colon: the array closed after its last element; the key is the object's. */
  private elemIsKey(i: number): number {
    const o = this.o;
    // repair: the array's `]` goes where its last element ended (output before the held text)
    o.flushCommitted(o.pA);
    o.emit(']');
    o.repairSink.push(o.repair('missing_bracket', o.pendingStart(), 0, ']'));
    this.stack.pop();
    this.stackVer++;
    // the held text is now the object's comma, spaces and key: the colon after it was read
    this.vstate = S.V_VALUE;
    return i + 1;
  }
}
