/** Strings in the value: closing quotes (double, single, typographic), escapes (also cut by a segment
 * end), raw control characters. */
import * as C from './chars';
import { BeforeScanner } from './before';
import { SavedPosition } from './output';
import { Segment } from './segment';
import * as S from './state';
import type { Position, RepairKind } from './types';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  AMP,
  APOS,
  BACKSLASH,
  UNDERSCORE,
  BACKTICK,
  LDQUO,
  RDQUO,
  RSQUO,
  COLON,
  COMMA,
  CR,
  DOT,
  LBRACE,
  LF,
  LT,
  PLUS,
  QUOTE,
  RBRACE,
  RBRACKET,
  SLASH,
  SPACE,
  TAB,
  isAsciiLetter,
  isHex,
  isJoinerOrMark,
  isWordChar,
  isWordStart,
} = C;
const {
  V_COLON,
  V_STRING,
  V_ESCAPE,
  V_DQ_CLOSE,
  V_GQ_SPACE,
  HELD_SMART,
} = S;

// What the character after a `"` in a double-quoted value string makes of it (quoteAfter).
export const Q_CLOSE = 0;
export const Q_INNER = 1;
export const Q_WAIT = 2;
export const Q_CONCAT = 3;

/** The most spaces right inside a guillemet that are removed (French typography puts one there, `« Paris »`);
 * a longer run is the string's text, so a stream holds at most this many. */
export const GUILLEMET_SPACES = 16;

/** A space French typography puts inside guillemets: a space, a no-break one (U+00A0), a narrow no-break
 * one (U+202F). */
export function isGuillemetSpace(c: number): boolean {
  return c === SPACE || c === 0xa0 || c === 0x202f;
}

/** Spaces after a quote held at most while an inner quote is open: past them the quote closes. */
const INNER_QUOTE_SPACES = 64;

/** Whether a `\b` / `\f` (escape letter e) in a string that had an invalid escape is a literal backslash,
 * from the character c after it: a letter (`\file` of a path), or, for `\b` once the string had an invalid
 * escape of a letter (`\s`, `\d`: a regex), the string's closing quote (`"\s+\bword\b"`). */
function literalBsAfter(e: number, c: number, letterEscape: boolean): boolean {
  return isAsciiLetter(c) || (e === 98 && c === QUOTE && letterEscape);
}

export abstract class StringScanner extends BeforeScanner {
  /** A word at i after a value string's held closing quote and spaces (loneQuote.ts). */
  protected abstract loneQuoteWord(i: number): number;
  /** A `+` at i after a value string's held closing quote (concat.ts): where to go on. */
  protected abstract concatPlus_(i: number): number;
  /** A `"` right after `, ` in a value string may end it (quoteProbe.ts): where to go on, or -1. */
  protected abstract quoteAfterComma(s: string, i: number): number;
  /** Triple-quoted strings (tripleQuotes.ts): whether a quote at i / the held quote follows the
   * opening one of a value string still empty, and the opening read when a third quote follows. */
  protected abstract emptySoFar(i: number): boolean;
  protected abstract heldEmptySoFar(): boolean;
  protected abstract openTriple(i: number): number;
  protected abstract openTripleHeld(i: number): number;
  /** A `"` closing an open inner quote in an object's value string is followed by a comma (at i): the
   * string's end or more of its text (quoteProbe.ts); `held`: the quote and spaces are pending already. */
  protected abstract innerQuoteComma(i: number, held: boolean): number;
  /** Whether a `"` of this string that closes an open inner quote, followed by a comma, is probed. */
  protected innerCommaProbed(): boolean {
    return this.strIsKey === false && this.unconfirmed === false && this.strQuote === QUOTE && this.stack[this.stack.length - 1] === LBRACE;
  }
  /** A `"` at i that closes an open inner quote is followed by c, which closes the string: unless a comma
   * in an object's value string, which is probed (quoteProbe.ts). */
  private innerQuoteCloses(i: number, c: number): number {
    if (c === COMMA && this.innerCommaProbed()) {
      this.o.startPending(i);
      return this.innerQuoteComma(i, false);
    }
    this.dqInner = false;
    if (this.strIsKey) this.endString(i + 1);
    else this.afterValue(i + 1, false);
    return i + 1;
  }
  /** A `&` at i in a string of an HTML-escaped value (htmlEntities.ts). */
  protected abstract entityInString(s: string, i: number, len: number): number;

  protected beginString(quote: number, isKey: boolean): void {
    this.strQuote = quote;
    this.strIsKey = isKey;
    this.dqInner = false;
    this.strBadEscape = false;
    this.strLetterEscape = false;
    this.vstate = V_STRING;
  }

  // ---- a `"` inside a double-quoted string: the closing quote, or a quote the model did not escape
  // (`"say "hi" now"`)? As with an apostrophe in a single-quoted string, what follows decides: a
  // closing quote is followed by what can follow a value (`,` `}` `]` `:`, a line break, `<` of a tag,
  // a fence, a comment, the end, or a space and no word: `["a" b]` is two values); a quote followed at
  // once by a word character opens an inner quote; while one is open, the next quote closes it unless a
  // delimiter follows (spaces in between are held with it: `"say "hi" now"`, `"He said "no"."`). A
  // quote that looks like an opening one (no word character before it, one after it) while an inner
  // quote is open opens another instead of closing it: `"He said "yes, "maybe" later"` has an inner
  // quote whose closing one is missing. After a value string in a container, a `+` may join the next
  // string (concat.ts). Spaces after a quote are held with it (at most INNER_QUOTE_SPACES) until a
  // character decides.

  /** Q_CLOSE, Q_INNER, Q_WAIT (a space: hold it) or Q_CONCAT (a `+`) for the character c after the
   * quote and `ws` spaces. */
  protected quoteAfter(c: number, ws: number): number {
    if (c === COMMA || c === RBRACE || c === RBRACKET || c === COLON || c === LF || c === CR || c === LT || c === BACKTICK || c === SLASH) return Q_CLOSE;
    if (c === SPACE || c === TAB) return ws < INNER_QUOTE_SPACES ? Q_WAIT : Q_CLOSE;
    if (this.dqInner) return c === QUOTE && ws > 0 ? Q_CLOSE : Q_INNER;
    if (c === PLUS) return Q_CONCAT;
    // a joiner (U+200C, U+200D) or a bidi mark right after the quote joins nothing: the quote closes, it is a gap
    return ws === 0 && isWordChar(c) && !(c > 127 && isJoinerOrMark(c)) ? Q_INNER : Q_CLOSE;
  }

  /** Whether the quote at i reads as an opening one by the character before it (no word character,
   * no `.` `!` `?` `)`): found only when an inner quote may follow, off the common closing path. */
  protected opensAt(s: string, i: number): boolean {
    const p = i > 0 ? String.prototype.charCodeAt.call(s, i - 1) : this.prevChar();
    return !isWordChar(p) && p !== DOT && p !== 33 && p !== 63 && p !== 41;
  }

  /** An inner quote was escaped before the character c (after ws spaces): whether one is open now. */
  private innerOpen(c: number, ws: number): boolean {
    return !this.dqInner || (ws === 0 && this.dqOpens && isWordChar(c));
  }

  /** A `"` at i in a double-quoted string (a key's, or a value's). */
  protected valueQuote(s: string, i: number, len: number): number {
    const o = this.o;
    if (!this.strIsKey) {
      const probe = this.quoteAfterComma(s, i);
      if (probe >= 0) return probe;
    }
    if (i + 1 < len) {
      const c = String.prototype.charCodeAt.call(s, i + 1);
      if (c === QUOTE && this.emptySoFar(i)) return this.openTriple(i);
      const d = this.quoteAfter(c, 0);
      if (d === Q_CLOSE || (d === Q_CONCAT && (this.strIsKey || this.stack.length === 0))) {
        // (an open inner quote's end: a method of its own, so that this one stays small)
        if (this.dqInner === true) return this.innerQuoteCloses(i, c);
        if (this.strIsKey) this.endString(i + 1);
        else this.afterValue(i + 1, false);
        return i + 1;
      }
      if (d === Q_INNER) {
        // repair: an inner quote escaped
        o.record(o.repairAt('unescaped_quote', i, 1, '\\"'));
        o.edit(i, i + 1, '\\"');
        this.dqOpens = this.opensAt(s, i);
        this.dqInner = this.innerOpen(c, 0);
        return i + 1;
      }
    }
    this.dqOpens = this.opensAt(s, i);
    // the next character is still to come (or spaces, or a `+`): the quote waits for it; a value
    // string's pending text starts at the quote, a key's (held text already) goes on
    if (!this.strIsKey || !o.pending) o.startPending(i);
    if (this.strIsKey) this.dqQuote.save(o.seg, i);
    this.dqWs = 0;
    this.vstate = V_DQ_CLOSE;
    return i + 1;
  }

  /** After a held `"` (V_DQ_CLOSE): spaces are held with it until a character decides. */
  protected heldQuote(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === QUOTE && this.dqWs === 0 && this.heldEmptySoFar()) return this.openTripleHeld(i);
      const d = this.quoteAfter(c, this.dqWs);
      if (d === Q_WAIT) {
        this.dqWs++;
        i++;
      } else if (d === Q_CLOSE || (d === Q_CONCAT && (this.strIsKey || this.stack.length === 0))) {
        // a word after spaces: a quote after it may make this one an inner quote (loneQuote.ts)
        if (this.dqWs > 0 && !this.dqInner && !this.strIsKey && this.stack.length > 0 && isWordStart(c)) return this.loneQuoteWord(i);
        if (this.dqInner && c === COMMA && this.innerCommaProbed()) return this.innerQuoteComma(i, true);
        this.heldQuoteCloses(i);
        return i;
      } else if (d === Q_CONCAT) {
        return this.concatPlus_(i);
      } else {
        // repair: an inner quote escaped (the spaces after it are the string's text)
        const o = this.o;
        if (this.strIsKey) {
          o.hold(o.repair('unescaped_quote', o.resolve(this.dqQuote), 1, '\\"'));
          o.insertBeforeTail(i, this.dqWs + 1, '\\');
        } else {
          o.hold(o.repair('unescaped_quote', o.pendingStart(), 1, '\\"'));
          o.prependPending(i, '\\');
          o.commitPending(i);
        }
        this.dqInner = this.innerOpen(c, this.dqWs);
        this.vstate = V_STRING;
        return i;
      }
    }
    return i;
  }

  /** The held `"` closes its string (the character at i, or the end, decided it): the spaces held after
   * it stay held as any after a value (after a key, they are spaces before its colon). */
  protected heldQuoteCloses(i: number): void {
    const o = this.o;
    this.dqInner = false;
    if (this.strIsKey) {
      this.vstate = V_COLON;
      this.colonWs = this.dqWs;
      this.keyEnd.copy(this.dqQuote);
      this.keyEnd.advance(1);
    } else if (this.dqWs === 0) {
      o.commitPending(i);
      this.afterValue(i, false);
    } else {
      o.commitFirst();
      this.afterValue(i, true);
    }
  }

  // ---- French spacing inside guillemets (`{« ville » : « Paris »}`): a run of spaces (isGuillemetSpace)
  // right after the `«` (nothing but spaces since it), or right before the `»`, is removed, kind
  // `guillemet_space`, one repair a run; a run between words is text, and so is one longer than
  // GUILLEMET_SPACES. A run that ends a push is held (V_GQ_SPACE) until the character after it decides;
  // the rule reads input positions only, so every split gives the same result. Only `«…»` strings: the
  // string loop (machine.ts) stops at these spaces in them alone.

  /** A guillemet string's text from i: where the string loop (machine.ts) goes on, at its closing `»`, a
   * `"`, a backslash, a control character or a space (French typography puts one inside: `« Paris »`),
   * or len. Nothing but spaces since the `«` makes a run a leading one (gqLead). */
  protected guillemetText(s: string, i: number, len: number): number {
    const start = i;
    let c = 0;
    while (i < len) {
      c = String.prototype.charCodeAt.call(s, i);
      if (c === 0xbb || c === QUOTE || c === BACKSLASH || c < 32 || isGuillemetSpace(c)) break;
      i++;
    }
    if (this.gqLead === true && (i !== start || !isGuillemetSpace(c))) this.gqLead = false;
    return i;
  }

  /** A run of spaces at i in a guillemet string (the string loop stopped there). */
  protected guillemetSpaces(s: string, i: number, len: number): number {
    let j = i + 1;
    while (j < len && isGuillemetSpace(String.prototype.charCodeAt.call(s, j))) j++;
    const n = j - i;
    if (n > GUILLEMET_SPACES) {
      // text; one that ends the push goes on as text in the next (V_GQ_SPACE, gqWs -1)
      this.gqLead = false;
      if (j === len) {
        this.gqWs = -1;
        this.gqOwn = false;
        this.vstate = V_GQ_SPACE;
      }
      return j;
    }
    if (j === len) {
      // the push ends in the run: held until what follows it decides
      const o = this.o;
      this.gqOwn = !o.pending;
      if (this.gqOwn) o.startPending(i);
      this.gqPos = o.pos(i);
      this.gqWs = n;
      this.vstate = V_GQ_SPACE;
      return j;
    }
    if (this.gqLead || String.prototype.charCodeAt.call(s, j) === 0xbb) {
      const o = this.o;
      o.record(o.repairAt('guillemet_space', i, n, ''));
      o.edit(i, j, '');
    }
    this.gqLead = false;
    return j;
  }

  /** The run held at a push's end (V_GQ_SPACE) goes on at i: more spaces, or the character that decides
   * it (NaN: the end of the input, after which it is text unless it follows the `«`). */
  protected guillemetHeld(s: string, i: number, len: number): number {
    const o = this.o;
    if (this.gqWs < 0) {
      // a run too long to remove: its text, up to its end
      while (i < len && isGuillemetSpace(String.prototype.charCodeAt.call(s, i))) i++;
      if (i < len) this.vstate = V_STRING;
      return i;
    }
    while (i < len && isGuillemetSpace(String.prototype.charCodeAt.call(s, i))) {
      i++;
      if (++this.gqWs > GUILLEMET_SPACES) {
        // past the bound: the run is text
        if (this.gqOwn) o.commitPending(i);
        this.gqOwn = false;
        this.gqWs = -1;
        this.gqLead = false;
        return this.guillemetHeld(s, i, len);
      }
    }
    if (i === len) return i;
    this.guillemetDecided(i, String.prototype.charCodeAt.call(s, i));
    return i;
  }

  /** The held run ends before segment index i, followed by c (NaN: the end of the input). */
  protected guillemetDecided(i: number, c: number): void {
    const o = this.o;
    if (this.gqWs > 0 && (this.gqLead || c === 0xbb)) {
      o.record(o.repair('guillemet_space', this.gqPos!, this.gqWs, ''));
      o.replaceTail(i, this.gqWs, '');
    }
    if (this.gqOwn) o.commitPending(i);
    this.gqOwn = false;
    this.gqPos = null;
    this.gqLead = false;
    this.vstate = V_STRING;
  }

  /** An opening quote other than `"` at segment index i: replaced by `"`. Returns false to reject. */
  protected openOddQuote(i: number, c: number): boolean {
    const o = this.o;
    const kind: RepairKind = c === APOS ? 'single_quotes' : 'smart_quotes';
    if (!this.rep(kind)) return false;
    o.record(o.repairAt(kind, i, 1, '"'));
    o.edit(i, i + 1, '"');
    if (c === LDQUO) {
      this.smartDepth = 0;
      this.smartFrom = o.seg.base + i + 1;
    }
    return true;
  }

  /** A typographic closing quote at i (`”`, `’`) or a template literal's closing backtick: the string
   * ends, unless it is an apostrophe or an inner quote's end (smartQuoteCloses); one that ends the
   * segment is held (HELD_SMART) for the next character to decide. */
  protected oddQuote(s: string, i: number, len: number): number {
    const o = this.o;
    const q = this.strQuote;
    if (q === AMP) return this.entityInString(s, i, len);
    if (q === RDQUO) this.smartCount(s, i);
    if (q === RSQUO || (q === RDQUO && this.smartDepth > 0)) {
      if (i + 1 === len) {
        this.smartHeld = !o.pending;
        if (this.smartHeld) o.startPending(i);
        this.held = HELD_SMART;
        this.heldPos = o.pos(i);
        return i + 1;
      }
      if (!this.smartQuoteCloses(String.prototype.charCodeAt.call(s, i + 1))) {
        if (q === RDQUO) {
          this.smartDepth--;
          this.smartFrom = o.seg.base + i + 1;
        }
        return i + 1;
      }
    }
    o.record(o.repairAt(q === BACKTICK ? 'backtick_quotes' : 'smart_quotes', i, 1, '"'));
    o.edit(i, i + 1, '"');
    this.endString(i + 1);
    return i + 1;
  }

  /** The `”` / `’` held at a segment end (HELD_SMART, at `at`) and the character c at i after it (NaN: the
   * end of the input): the string's closing quote, or its text. */
  protected smartHeldDecided(i: number, c: number, at: Position): number {
    const o = this.o;
    if (!this.smartQuoteCloses(c)) {
      if (this.strQuote === RDQUO) {
        this.smartDepth--;
        this.smartFrom = o.seg.base + i;
      }
      if (this.smartHeld) o.commitPending(i);
      this.smartHeld = false;
      return i;
    }
    o.replaceTail(i, 1, '"');
    o.record(o.repair('smart_quotes', at, 1, '"'));
    if (this.smartHeld) o.commitPending(i);
    this.smartHeld = false;
    this.endString(i);
    return i;
  }

  /** Whether a typographic closing quote (`’` in a string opened with `‘`, `”` in one opened with `“`)
   * followed by c (NaN: the end) closes its string. A `’` followed by a letter (any script) is an apostrophe
   * (`‘it’s fine’`, as `'it's'`); a `”` while an inner `“` is open closes that one unless a delimiter
   * follows (`“She called it “brilliant” twice”`). Trial 7: both closed the string, the rest of the
   * string became a key, or the members after it were lost. */
  private smartQuoteCloses(c: number): boolean {
    if (this.strQuote === RSQUO) return !C.isApostropheNext(c);
    if (this.smartDepth === 0) return true;
    return c !== c || c === COMMA || c === RBRACE || c === RBRACKET || c === COLON || c === LF || c === CR || c === LT || c === BACKTICK;
  }

  /** The inner `“` of a string opened with `“`, read since smartFrom up to segment index end (no `”` in
   * between: each one stops the string's scan, oddQuote). */
  protected smartCount(s: string, end: number): void {
    const base = this.o.seg.base;
    let k = this.smartFrom - base;
    if (k < 0) k = 0;
    let d = this.smartDepth;
    for (; k < end; k++) if (String.prototype.charCodeAt.call(s, k) === LDQUO) d++;
    this.smartDepth = d;
    if (base + end > this.smartFrom) this.smartFrom = base + end;
  }

  protected endString(i: number): void {
    if (this.strIsKey) {
      this.vstate = V_COLON;
      this.colonWs = 0;
      this.keyEnd.save(this.o.seg, i);
    } else {
      this.afterValue(i);
    }
  }

  /** A `'` held at a segment end (the last character of the pending text) in a single-quoted string:
   * followed by a letter it is an apostrophe (`'it's'`), otherwise it closes the string. */
  protected singleQuoteClose(s: string, i: number): number {
    const o = this.o;
    const c = String.prototype.charCodeAt.call(s, i);
    if (c === APOS && this.sqHeld && this.heldEmptySoFar()) return this.openTripleHeld(i);
    if (C.isApostropheNext(c)) {
      this.vstate = V_STRING;
      if (this.sqHeld) o.commitPending(i);
      this.sqHeld = false;
      return i;
    }
    if (!this.rep('single_quotes')) return this.reject(s, i);
    o.replaceTail(i, 1, '"');
    o.record(o.repair('single_quotes', this.sqPos!, 1, '"'));
    if (this.sqHeld) o.commitPending(i);
    this.sqHeld = false;
    this.endString(i);
    return i;
  }
  /** A backslash at i inside a string. */
  protected escape(s: string, i: number, len: number): number {
    const o = this.o;
    if (i + 1 < len) {
      const n = String.prototype.charCodeAt.call(s, i + 1);
      if (n === QUOTE) return this.escQuotes === true ? this.escapedQuoteCloses(i, i + 2) : i + 2;
      if (n === BACKSLASH || n === SLASH) return i + 2;
      if (n === 110 || n === 114 || n === 116) {
        // `\n` / `\r` / `\t`: a line break or tab, unless the string already had a backslash before a
        // letter taken for a literal one and a letter follows (`"C:\Users\new"`: a path, `\n` of `new`)
        if (!this.strLetterEscape) return i + 2;
        if (i + 2 < len) return isAsciiLetter(String.prototype.charCodeAt.call(s, i + 2)) ? this.badEscape(i) : i + 2;
      } else if (n === 98 || n === 102) {
        // `\b` / `\f`: a backspace or form feed, unless the string already had a literal backslash and a
        // letter follows (`"C:\Users\ana\file.txt"`: a path, `\f` of `file`), or a regex's `\b` ends a
        // string that had an invalid escape of a letter (`"\s+\bword\b"`; trial 12: a backspace at its end)
        if (!this.strBadEscape) return i + 2;
        if (i + 2 < len) return literalBsAfter(n, String.prototype.charCodeAt.call(s, i + 2), this.strLetterEscape) ? this.badEscape(i) : i + 2;
      } else if (n === 117) {
        if (i + 5 < len) {
          if (isHex(String.prototype.charCodeAt.call(s, i + 2)) && isHex(String.prototype.charCodeAt.call(s, i + 3)) && isHex(String.prototype.charCodeAt.call(s, i + 4)) && isHex(String.prototype.charCodeAt.call(s, i + 5))) {
            // an escaped high surrogate at the segment's end waits for what follows, as a raw one does
            // (machine.ts V_STRING): the end of the input after it cut its pair, and drops it; so does one a cut `\u` escape follows (`\ud83d\u`): its pair's start
            if (highSurrogateEscape(s, i) && !o.pending && (i + 6 === len || uEscapeStart(s, i + 6, len))) {
              o.startPending(i);
              this.surrogateHeld = true;
            }
            return i + 6;
          }
          return this.badEscape(i);
        }
      } else if (n === APOS) {
        // `\'` is a plain apostrophe in JSON, in a single-quoted string and in any other (Python's and
        // JavaScript's escape: `"it\'s"` means `it's`; escaping the backslash instead added one)
        const kind: RepairKind = (this.strQuote & 0xffff) === APOS ? 'single_quotes' : 'invalid_escape';
        if (!this.rep(kind)) return this.reject(s, i);
        o.record(o.repairAt(kind, i, 2, "'"));
        o.edit(i, i + 2, "'");
        return i + 2;
      } else if (n === BACKTICK && this.strQuote === BACKTICK) {
        // `\`` in a template literal is a plain backtick in JSON
        o.record(o.repairAt('backtick_quotes', i, 2, '`'));
        o.edit(i, i + 2, '`');
        return i + 2;
      } else if (n === UNDERSCORE && (this.strIsKey || this.mdEscape)) {
        // `{"user\_id": 5}`: markdown's escape of an underscore, which models write in JSON outside a
        // fence; no key means a backslash there (trial 10: it became `"user\\_id"`); a value string's
        // `\_` is one too once a key of the value had it (`"file\_name": "a\_b.txt"`), else a literal
        // backslash as any invalid escape (a path's `C:\_tmp`)
        if (!this.rep('invalid_escape')) return this.reject(s, i);
        this.mdEscape = true;
        o.record(o.repairAt('invalid_escape', i, 2, '_'));
        o.edit(i, i + 2, '_');
        return i + 2;
      } else {
        return this.badEscape(i);
      }
    }
    // the escape runs past the segment end: hold it until it is complete
    if (!o.pending) {
      if (i > 0 && isHighSurrogate(String.prototype.charCodeAt.call(s, i - 1)) && uEscapeStart(s, i, len)) {
        // a raw high surrogate before a cut `\u` escape: held with it, as when the segment ended after it
        o.startPending(i - 1);
        this.surrogateHeld = true;
        this.escOwnPending = false;
      } else {
        o.startPending(i);
        this.escOwnPending = true;
      }
    } else this.escOwnPending = false;
    this.escBuf = '\\';
    this.tokPos = o.pos(i);
    this.vstate = V_ESCAPE;
    return i + 1;
  }

  /** A `\"` at i (ending at end) in a string of a value whose quotes are escaped: its closing quote. */
  private escapedQuoteCloses(i: number, end: number): number {
    const o = this.o;
    // repair: `\"Oslo\"` -> `"Oslo"`
    o.record(o.repairAt('escaped_quotes', i, 2, '"'));
    o.edit(i, end, '"');
    this.endString(end);
    return end;
  }

  protected badEscape(i: number): number {
    const o = this.o;
    if (!this.rep('invalid_escape')) return this.reject(this.o.seg.text, i);
    this.strBadEscape = true;
    if (isAsciiLetter(String.prototype.charCodeAt.call(o.seg.text, i + 1))) this.strLetterEscape = true;
    o.record(o.repairAt('invalid_escape', i, 1, '\\\\'));
    o.edit(i, i + 1, '\\\\');
    return i + 1;
  }

  protected escapeSlow(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      const b = this.escBuf;
      if (b.length === 1) {
        if (c === QUOTE && this.escQuotes === true) {
          this.escDone(i + 1, '"', 2, 'escaped_quotes');
          this.endString(i + 1);
          return i + 1;
        }
        if (c === QUOTE || c === BACKSLASH || c === SLASH || ((c === 110 || c === 114 || c === 116) && !this.strLetterEscape) || ((c === 98 || c === 102) && !this.strBadEscape)) {
          return this.escDone(i + 1, null, 2);
        }
        if (c === 98 || c === 102 || c === 110 || c === 114 || c === 116) {
          // after a literal backslash in the string, the letter after `\b` / `\f` (`\n` / `\r` / `\t`)
          // decides (see escape())
          this.escBuf += s[i];
          i++;
          continue;
        }
        if (c === APOS) return this.escDone(i + 1, "'", 2, (this.strQuote & 0xffff) === APOS ? 'single_quotes' : 'invalid_escape');
        if (c === UNDERSCORE && (this.strIsKey || this.mdEscape)) {
          this.mdEscape = true;
          return this.escDone(i + 1, '_', 2, 'invalid_escape');
        }
        if (c === BACKTICK && this.strQuote === BACKTICK) return this.escDone(i + 1, '`', 2, 'backtick_quotes');
        if (c !== 117) return this.escDone(i, '\\\\', 1, 'invalid_escape');
        this.escBuf += 'u';
        i++;
      } else if (b !== '\\u' && b.length === 2) {
        const letter = b.charCodeAt(1);
        const literal = letter === 98 || letter === 102 ? literalBsAfter(letter, c, this.strLetterEscape) : isAsciiLetter(c);
        return literal ? this.escDone(i, '\\\\' + b.slice(1), 2, 'invalid_escape') : this.escDone(i, null, 2);
      } else {
        if (!isHex(c)) return this.escDone(i, '\\\\' + b.slice(1), b.length, 'invalid_escape');
        this.escBuf += s[i];
        i++;
        if (this.escBuf.length === 6) {
          const cut = i === len || uEscapeStart(s, i, len);
          if (this.surrogateHeld && cut && highSurrogateEscape(this.escBuf, 0)) {
            // a high surrogate held before it (its pair's start, it seemed) and this one another whose
            // pair may be coming: the first goes out, this one stays held, as when they came in one piece
            this.o.keepTail(i, 6, savedAt(this.tokPos!));
            this.vstate = V_STRING;
            this.tokPos = null;
            this.escBuf = '';
            return i;
          }
          if (cut && this.escOwnPending && highSurrogateEscape(this.escBuf, 0)) {
            // an escaped high surrogate at the segment's end: its own pending text stays held (see escape())
            this.vstate = V_STRING;
            this.tokPos = null;
            this.escBuf = '';
            this.escOwnPending = false;
            this.surrogateHeld = true;
            return i;
          }
          return this.escDone(i, null, 6);
        }
      }
    }
    return i;
  }

  /** The held escape (its last `rawLen` characters end at i) is complete: replaced by `rep` if given. */
  protected escDone(i: number, rep: string | null, tailLen: number, kind?: RepairKind): number {
    const o = this.o;
    this.vstate = V_STRING;
    if (rep !== null) {
      if (kind === 'invalid_escape' && rep !== "'" && rep !== '_') {
        if (!this.rep(kind)) return this.reject(o.seg.text, i);
        this.strBadEscape = true;
        // a backslash before a letter (the held one, or the character at i): a path's, a regex's
        if (tailLen > 1 || isAsciiLetter(String.prototype.charCodeAt.call(o.seg.text, i))) this.strLetterEscape = true;
        o.record(o.repair(kind, this.tokPos!, 1, '\\\\'));
      } else if (kind !== undefined) o.record(o.repair(kind, this.tokPos!, 2, rep));
      o.replaceTail(i, tailLen, rep);
    }
    this.tokPos = null;
    this.escBuf = '';
    // a high surrogate held before the escape (its pair's start, it seemed) goes out with it
    if (this.escOwnPending || this.surrogateHeld) o.commitPending(i);
    this.escOwnPending = false;
    this.surrogateHeld = false;
    return i;
  }
}

/** Whether the 6 characters at `at` (`\\uXXXX`, hex digits checked) escape a high surrogate (U+D800-U+DBFF),
 * the first half of a pair. */
function highSurrogateEscape(s: string, at: number): boolean {
  const d = String.prototype.charCodeAt.call(s, at + 2) | 0x20;
  const x = String.prototype.charCodeAt.call(s, at + 3) | 0x20;
  return d === 100 && (x === 56 || x === 57 || x === 97 || x === 98);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Whether s[from, len) is a `\u` escape cut by the segment's end (`\`, `\u`, `\uD`, … at most 5
 * characters, hex digits after the `u`): the low half of a surrogate pair may be starting. */
export function uEscapeStart(s: string, from: number, len: number): boolean {
  const n = len - from;
  if (n < 1 || n > 5 || String.prototype.charCodeAt.call(s, from) !== BACKSLASH) return false;
  if (n >= 2 && String.prototype.charCodeAt.call(s, from + 1) !== 117) return false;
  for (let k = from + 2; k < len; k++) if (!isHex(String.prototype.charCodeAt.call(s, k))) return false;
  return true;
}

/** A Position as a SavedPosition (keepTail's start of the text kept held). */
function savedAt(p: Position): SavedPosition {
  const at = new SavedPosition();
  at.save(new Segment('', p.offset, p.line, p.column), 0);
  return at;
}
