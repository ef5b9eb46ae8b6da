/**
 * A string whose closing quote the model left out before the next member: `{"a": "x, "b": 2}`. Read
 * one character at a time, `, "b"` is text of the string, and `"b` looks like an inner quote. What
 * proves the missing quote is further on: a key, a closing quote and a colon. So inside a value string
 * in an object, a comma followed by spaces (at most PROBE_MAX) and a `"` is held, with the word after
 * the quote (at most PROBE_MAX characters, no quote, backslash or control character), its closing
 * quote and the spaces after it, until a character decides: a `:` proves a key (the string's quote
 * goes before the comma, repair kind `missing_quote`); anything else makes the held text what the
 * inner-quote rule (strings.ts) would have made of it. The string's hot loop pays nothing: the comma
 * is found by looking back from a quote, or at the end of a segment.
 *
 * The other way round (engine21; trial 12): SQL's quoted identifiers left unescaped,
 * `{"sql": "SELECT "id", "name" FROM "users""}`. The `"` after `id` closes the inner quote `"id` opened,
 * and a comma follows it, which made it the string's closing quote and `"name"` the next key. So in an
 * object's value string, a `"` that closes an open inner quote and is followed (after spaces) by a comma
 * is held with the comma, spaces (at most PROBE_MAX), a `"`, the word after it (the same word as above)
 * and its closing quote, and the spaces after that: a colon, `=`, `：` or the start of a value there (a
 * quote, a digit, `-`, `{`, `[`: a key with its colon missing) proves the next key, and so does anything
 * else before the word's closing quote (the end of the input too): the string ended at the first quote,
 * as before. Anything else after the word (a word: `FROM`, a comma, a closer) makes the first quote the
 * inner quote's end, `\"` (kind `unescaped_quote`), and the string goes on: the held text after it is
 * scanned again as the string's text (so `"name"` is an inner quote, and a comma after it is probed the
 * same way). Not in keys, arrays (`"name"` after a comma is the next element there) or a value still in
 * prose.
 */
import * as C from './chars';
import { SavedPosition } from './output';
import { Segment } from './segment';
import * as S from './state';
import { Q_CLOSE, Q_INNER, Q_WAIT } from './strings';
import { TripleQuoteScanner } from './tripleQuotes';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { APOS, BACKSLASH, COLON, COMMA, CR, D0, D9, EQUALS, FW_COLON, LBRACE, LBRACKET, LF, MINUS, QUOTE, RBRACE, RBRACKET, SPACE, TAB, isWordChar } = C;
const { V_STRING, V_COLON, V_STR_COMMA, V_KEY_PROBE, V_KEY_PROBE_END, V_IQ_COMMA, V_IQ_WORD, V_IQ_END, V_IQ_BARE } = S;

/** The most spaces between the comma and the quote, and the longest key, held to look for `":`. */
export const PROBE_MAX = 64;

export abstract class QuoteProbeScanner extends TripleQuoteScanner {
  /** The `"` that closed an inner quote and has a comma after it (V_IQ_COMMA…V_IQ_END). */
  private readonly iqQuote = new SavedPosition();
  /** Whether a `"` here may end a string whose closing quote is missing (a member's or an element's). */
  private probing(): boolean {
    return !this.strIsKey && !this.dqInner && this.strQuote === QUOTE && this.stack.length > 0;
  }

  /** Segment index of a comma in the string's text before index i with only spaces (at most
   * PROBE_MAX) between, still in the segment and not yet output; -1 when there is none. */
  private commaBefore(s: string, i: number): number {
    let j = i - 1;
    let n = 0;
    while (j >= 0 && String.prototype.charCodeAt.call(s, j) === SPACE) {
      if (++n > PROBE_MAX) return -1;
      j--;
    }
    return j >= 0 && String.prototype.charCodeAt.call(s, j) === COMMA && j >= this.o.emitFrom ? j : -1;
  }

  /** A value string's text ends the segment with a comma and spaces: held (V_STR_COMMA) in case a
   * quote follows in the next one. */
  protected stringSegmentEnd(s: string, len: number): void {
    if (this.o.pending || !this.probing()) return;
    const j = this.commaBefore(s, len);
    if (j < 0) return;
    this.o.startPending(j);
    this.probeSp = len - 1 - j;
    this.vstate = V_STR_COMMA;
  }

  /** A `"` at i in a value string (strings.ts): when a comma came just before it, the probe starts
   * and returns where to go on; else -1. */
  protected quoteAfterComma(s: string, i: number): number {
    if (i === 0 || !this.probing()) return -1;
    const p = String.prototype.charCodeAt.call(s, i - 1);
    if (p !== SPACE && p !== COMMA) return -1;
    const j = this.commaBefore(s, i);
    if (j < 0) return -1;
    this.o.startPending(j);
    return this.probeStart(i);
  }

  /** The comma and spaces held at a segment end (V_STR_COMMA): more spaces, a quote, or text. */
  protected commaHeld(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === SPACE && this.probeSp < PROBE_MAX) {
        this.probeSp++;
        i++;
      } else if (c === QUOTE) {
        return this.probeStart(i);
      } else {
        this.o.commitPending(i);
        this.vstate = V_STRING;
        return i;
      }
    }
    return i;
  }

  /** The held text is a comma, spaces and a quote and nothing after it yet (for view()). */
  protected probeHeldQuote(): boolean {
    return this.probeLen === 0;
  }

  /** The quote at i: held with the comma before it (the pending text), and the key after it is read. */
  private probeStart(i: number): number {
    const o = this.o;
    this.probeK = o.heldLength() + i - o.pA;
    this.probeQuote.save(o.seg, i);
    this.probeLen = 0;
    this.vstate = V_KEY_PROBE;
    return i + 1;
  }

  /** The word after the quote (V_KEY_PROBE), up to its closing quote. */
  protected keyProbe(s: string, i: number, len: number): number {
    const o = this.o;
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.probeLen === 0 && !isWordChar(c)) {
        // no word after the quote: it closes the string (the comma before it was the string's text)
        o.commitPending(i);
        this.afterValue(i, false);
        return i;
      }
      if (c === QUOTE) {
        this.probeK2 = o.heldLength() + i - o.pA;
        this.probeQuote2.save(o.seg, i);
        this.keyEnd.save(o.seg, i + 1);
        this.probeWs = 0;
        // what the held text is if no colon comes: the first quote opened an inner quote
        this.dqInner = true;
        this.vstate = V_KEY_PROBE_END;
        return i + 1;
      }
      if (c === BACKSLASH || c < 32 || this.probeLen >= PROBE_MAX) return this.probeFails(i);
      this.probeLen++;
      i++;
    }
    return i;
  }

  /** After the key's closing quote (V_KEY_PROBE_END): spaces, then a colon or not. */
  protected keyProbeEnd(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.stack[this.stack.length - 1] === LBRACE) {
        if (c === COLON) return this.probeProves(i);
      } else if (c === COMMA || c === RBRACKET) return this.elementProves(i);
      const d = this.quoteAfter(c, this.probeWs);
      if (d !== Q_WAIT) return this.probeFailsAtQuote(i, d, c === COMMA);
      this.probeWs++;
      i++;
    }
    return i;
  }

  /** The input ends while something is held: no key followed. */
  protected probeEnd(i: number): void {
    const st = this.vstate;
    if (st >= V_IQ_COMMA) {
      // an inner quote's end and a comma, cut by the end: the string ended there, as before
      this.iqCloses(i);
      return;
    }
    if (st === V_STR_COMMA) {
      this.o.commitPending(i);
      this.vstate = V_STRING;
    } else if (st === V_KEY_PROBE) {
      if (this.probeLen === 0) {
        this.o.commitPending(i);
        this.afterValue(i, false);
      } else this.probeFails(i);
    } else this.probeFailsAtQuote(i, Q_CLOSE);
  }

  /** `, "key"` and a colon: the string ended before the comma. */
  private probeProves(i: number): number {
    const o = this.o;
    // repair: the string's closing quote goes before the comma (output before the held text)
    o.flushCommitted(o.pA);
    o.emit('"');
    o.repairSink.push(o.repair('missing_quote', o.pendingStart(), 0, '"'));
    this.dqInner = false;
    // the held text is now `, "key"` and spaces: as after any key
    this.colonWs = this.probeWs;
    this.vstate = V_COLON;
    return i;
  }

  /** In an array, `, "b"` and a comma or `]`: the string ended before the comma, and `"b"` is the next
   * element (`["a, "b"]` -> `["a", "b"]`). */
  private elementProves(i: number): number {
    const o = this.o;
    // repair: the string's closing quote goes before the comma (output before the held text)
    o.flushCommitted(o.pA);
    o.emit('"');
    o.repairSink.push(o.repair('missing_quote', o.pendingStart(), 0, '"'));
    o.materialize(i);
    const k2 = this.probeK2 + 1;
    o.emit(o.carry.slice(0, k2));
    o.carry = o.carry.slice(k2);
    this.dqInner = false;
    return this.afterHeldWord(i);
  }

  /** The probed word's closing quote ended a string (at keyEnd); the spaces after it stay held. */
  private afterHeldWord(i: number): number {
    const o = this.o;
    if (this.probeWs === 0) {
      o.commitPending(i);
      this.afterValue(i, false);
    } else {
      // the spaces after the closing quote stay held, as after any value
      o.pStartIdx = this.keyEnd.isIn(o.seg) ? this.keyEnd.index : -1;
      if (o.pStartIdx < 0) o.pStartPos.copy(this.keyEnd);
      this.afterValue(i, true);
    }
    return i;
  }

  /** No second quote came (the text held so far is the string's): the first quote was an inner one. */
  private probeFails(i: number): number {
    const o = this.o;
    o.materialize(i);
    const k = this.probeK;
    o.carry = o.carry.slice(0, k) + '\\' + o.carry.slice(k);
    o.hold(o.repair('unescaped_quote', o.resolve(this.probeQuote), 1, '\\"'));
    o.commitPending(i);
    this.dqInner = true;
    this.vstate = V_STRING;
    return i;
  }

  /** A second quote came, and no colon after it: the inner-quote rule decides it (Q_INNER: it closes
   * the inner quote; Q_CLOSE: it closes the string, and the spaces after it stay held; `comma`: a comma
   * at i decided it, so the second quote closes the inner quote the first opened and may be an inner
   * one too, `"id", "name" FROM`: probed as such). */
  private probeFailsAtQuote(i: number, d: number, comma = false): number {
    const o = this.o;
    o.materialize(i);
    const k = this.probeK;
    const k2 = this.probeK2 + 1; // after the backslash put before the first quote
    const t = o.carry.slice(0, k) + '\\' + o.carry.slice(k);
    const first = o.repair('unescaped_quote', o.resolve(this.probeQuote), 1, '\\"');
    this.dqInner = false;
    if (d === Q_INNER) {
      o.carry = t.slice(0, k2) + '\\' + t.slice(k2);
      o.hold(first);
      o.hold(o.repair('unescaped_quote', o.resolve(this.probeQuote2), 1, '\\"'));
      o.commitPending(i);
      this.vstate = V_STRING;
      return i;
    }
    if (comma && this.innerCommaProbed()) {
      // the second quote (and the spaces after it) stays held: its comma is probed (innerQuoteComma)
      o.emit(t.slice(0, k2));
      o.carry = t.slice(k2);
      o.repairSink.push(first);
      o.pStartIdx = -1;
      o.pStartPos.copy(this.probeQuote2);
      return this.innerQuoteComma(i, true);
    }
    o.emit(t.slice(0, k2 + 1));
    o.carry = t.slice(k2 + 1);
    o.repairSink.push(first);
    return this.afterHeldWord(i);
  }

  // ---- `"id", "name" FROM`: a quote that closes an inner quote, then a comma (see the top)

  /** The comma at i after such a quote (pending from it, with the spaces after it when `held`). */
  protected innerQuoteComma(i: number, held: boolean): number {
    const o = this.o;
    if (held && o.pStartIdx >= 0) this.iqQuote.save(o.seg, o.pStartIdx);
    else if (held) this.iqQuote.copy(o.pStartPos);
    else this.iqQuote.save(o.seg, i);
    this.probeSp = 0;
    this.vstate = V_IQ_COMMA;
    return held ? i + 1 : i + 2;
  }

  /** After the comma (V_IQ_COMMA): spaces, then a quote, or the string ended at the first quote. */
  protected iqComma(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === SPACE && this.probeSp < PROBE_MAX) {
        this.probeSp++;
        i++;
      } else if (c === QUOTE) {
        this.probeLen = 0;
        this.vstate = V_IQ_WORD;
        return i + 1;
      } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && isWordChar(c))) {
        // a word: an unquoted key, or more words of the value (V_IQ_BARE)
        this.probeLen = 0;
        this.vstate = V_IQ_BARE;
        return i;
      } else return this.iqCloses(i);
    }
    return i;
  }

  /** Words after the comma (V_IQ_BARE; trial 18): a `:` (or `=`, `：`) makes them an unquoted key, and so
   * does anything a key's words end at, a `,`, a bracket, a line end, a backslash, the bound, the end of
   * the input (the string ended at the first quote, as before); a `"` before any of these makes them the
   * value's text, `"--force", then retry the install"`: the first quote closed the inner quote, and the
   * `"` is decided as any in the string (scanned again from the comma). */
  protected iqBare(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === QUOTE) return this.iqInner(i);
      if (
        c === COLON || c === EQUALS || c === FW_COLON || c === COMMA || c === LBRACE || c === RBRACE || c === LBRACKET || c === RBRACKET ||
        c === LF || c === CR || c === BACKSLASH || c < 32 || this.probeLen >= PROBE_MAX
      ) {
        return this.iqCloses(i);
      }
      this.probeLen++;
      i++;
    }
    return i;
  }

  /** The word after that quote (V_IQ_WORD), up to its closing quote. */
  protected iqWord(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.probeLen === 0 && !isWordChar(c)) return this.iqCloses(i);
      if (c === QUOTE) {
        this.probeWs = 0;
        this.vstate = V_IQ_END;
        return i + 1;
      }
      if (c === BACKSLASH || c < 32 || this.probeLen >= PROBE_MAX) return this.iqCloses(i);
      this.probeLen++;
      i++;
    }
    return i;
  }

  /** After the word's closing quote (V_IQ_END): spaces, then a colon or a value (the next key) or text. */
  protected iqEnd(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === SPACE || c === TAB) {
        if (this.probeWs >= PROBE_MAX) return this.iqCloses(i);
        this.probeWs++;
        i++;
      } else if (
        c === COLON || c === EQUALS || c === FW_COLON || c === QUOTE || c === APOS || c === LBRACE || c === LBRACKET || c === MINUS || (c >= D0 && c <= D9)
      ) {
        return this.iqCloses(i);
      } else return this.iqInner(i);
    }
    return i;
  }

  /** The first quote closed the string (what followed it is the next member): the held text after it is
   * scanned again after the value, as if nothing had been held. */
  private iqCloses(i: number): number {
    const o = this.o;
    o.materialize(i);
    const rest = o.carry.slice(1);
    o.carry = o.carry.slice(0, 1);
    o.commitPending(i);
    this.dqInner = false;
    this.afterValue(i);
    return this.iqRescan(i, rest);
  }

  /** The first quote closed the inner quote (`"id",` in `"SELECT "id", "name" FROM`): escaped, and the
   * held text after it is scanned again as the string's text. */
  private iqInner(i: number): number {
    const o = this.o;
    o.materialize(i);
    const rest = o.carry.slice(1);
    o.carry = '\\"';
    // repair: the inner quote's closing quote escaped
    o.hold(o.repair('unescaped_quote', this.iqQuote.get(), 1, '\\"'));
    o.commitPending(i);
    this.dqInner = false;
    this.vstate = V_STRING;
    return this.iqRescan(i, rest);
  }

  private iqRescan(i: number, rest: string): number {
    const o = this.o;
    const at = this.iqQuote.get();
    o.pStartIdx = -1;
    o.pStartPos.copy(this.iqQuote);
    o.pStartPos.advance(1);
    o.endSegment(i);
    this.segLast = QUOTE;
    this.segLastIdx = -1;
    this.rescan = new Segment(rest, at.offset + 1, at.line, at.column + 1);
    return i;
  }
}
