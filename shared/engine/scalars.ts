/** Numbers, bare words (keywords, Python literals, unquoted keys) and unquoted strings in the value. */
import * as C from './chars';
import { CALL_CALL, CALL_FUNCTION, CALL_PAREN, CallTextScanner } from './callText';
import { isNumberGlue, NUM_SEP, NUM_SEP_E, NUM_SLASH, NUM_THOU, sciValue, separatedDigits } from './numberTokens';
import { SavedPosition } from './output';
import * as S from './state';
import type { Repair, RepairKind } from './types';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  BACKSLASH,
  COLON,
  COMMA,
  CR,
  D0,
  D9,
  DOT,
  ELLIPSIS,
  FW_COLON,
  FW_COMMA,
  FW_RBRACE,
  FW_RBRACKET,
  LBRACE,
  LBRACKET,
  LF,
  LOWER_E,
  MINUS,
  UMINUS,
  PLUS,
  QUOTE,
  RBRACE,
  RBRACKET,
  RPAREN,
  SLASH,
  SPACE,
  STAR,
  TAB,
  UNDERSCORE,
  UPPER_E,
  isJoinerOrMark,
  isWordChar,
  isWordStart,
} = C;
const {
  LPAREN,
} = C;
const {
  RX_BODY,
  RX_CLASS,
  RX_ESCAPED,
  RX_OPEN,
  P_AFTER,
  P_VALUE,
  V_COLON,
  V_AFTER,
  V_WORD,
  V_UQSTR,
  V_STRING,
  V_ELISION,
  V_VALUE,
} = S;

/** Bare words that are values, and their JSON spelling (a Map: a word like `toString` is no key). */
export const KEYWORDS = new Map<string, string>([
  ['true', 'true'], ['false', 'false'], ['null', 'null'],
  ['True', 'true'], ['False', 'false'], ['None', 'null'],
  ['TRUE', 'true'], ['FALSE', 'false'], ['NULL', 'null'],
  ['undefined', 'null'], ['NaN', 'null'], ['Infinity', 'null'], ['-Infinity', 'null'],
]);

/** What has been read after a full-width comma in an unquoted value (fwStage): a `"key"` and a colon
 * make it the comma before the object's next key. */
const FW_NONE = 0;
const FW_SPACE = 1; // the comma and spaces: the key's opening quote?
const FW_WORD = 2; // the quote and the key's text, up to its closing quote
const FW_END = 3; // the closing quote and spaces: a colon (`:` or `：`)?
/** The most spaces in each run, and the longest key, read after the comma. */
const FW_MAX = 64;

export abstract class ScalarScanner extends CallTextScanner {
  // An unquoted value reads on past a full-width comma (`{"a": 你好，世界}` is one value); after one, in an
  // object, fwStage follows what comes (each run at most FW_MAX) in case it is the next key,
  // `{"a": 你好，"b"：1}`. The whole token is pending (an unquoted value is held to its end), so nothing
  // is taken back: fwAt / fwTrail are the token's length at the comma and the spaces before it, fwPos
  // the comma's position, fwRun the current run. Kept across pushes: the key may come in the next one.
  private fwAt = 0;
  private fwTrail = 0;
  private fwRun = 0;
  private readonly fwPos = new SavedPosition();
  /** A word of an unquoted key ended at i before c (keys.ts): where to go on, or -1 (a one-word key). */
  protected abstract keyWordEnded(s: string, i: number, c: number): number;
  /** A comment or lone `/` starts at i (structure.ts); returns where to go on. */
  protected abstract startComment(i: number, ret: number): number;
  /** A number stopped before a comma at i (thousands.ts): `1,299.99` in an object's value, or not. */
  protected abstract thousandsMayStart(s: string, i: number, len: number): number;
  /** The groups of such a number (numState NUM_THOU, NUM_THOU_FRAC), read on from i (thousands.ts). */
  protected abstract thousands(s: string, i: number, len: number): number;

  protected startToken(i: number): void {
    this.uqRegex = 0;
    this.fwStage = FW_NONE;
    this.tokLen = 0;
    this.tokPrefix = '';
    this.tokIdx = i;
    this.tokPos = null;
  }

  /** A repair at the token's start (`repair(kind, tokenPos(), …)` without a Position in between while
   * the token started in this segment). */
  protected tokenRepair(kind: RepairKind, length: number, replacement: string): Repair {
    const o = this.o;
    return this.tokPos === null ? o.repairAt(kind, this.tokIdx, length, replacement) : o.repair(kind, this.tokPos, length, replacement);
  }
  /** At the end of the input, does the top-level scalar being read stand as a JSON value (a keyword,
   * a cut keyword) rather than a word of prose that would need quoting? */
  protected scalarStandsAtEnd(): boolean {
    if (this.vstate === V_UQSTR) return false;
    // a single-quoted string (`'hello'`, trial 13) only closed and with no other `'` in it: an apostrophe
    // that starts prose (`'Tis the season`, `'90s music is 'great'`) is no value
    if (this.candApos) return this.vstate !== V_STRING && !(this.o.cand ?? '').includes("'");
    if (this.vstate !== V_WORD) return true;
    const raw = this.tokLen <= 12 ? String.prototype.slice.call(this.tokPrefix, 0, this.tokLen) : '';
    if (KEYWORDS.has(raw)) return true;
    // a cut keyword: `tr`, `nul`; a capital one only whole (`No`, `Tr` are words of prose, trial 13)
    return raw !== '' && ['true', 'false', 'null'].some((k) => k.startsWith(raw));
  }

  /** The token (number, word, unquoted string) ending at i is settled: it and what was held before it
   * go out, and a value has ended. */
  protected tokenDone(i: number): number {
    this.tokIdx = -1;
    this.tokPos = null;
    this.o.commitPending(i);
    this.afterValue(i);
    return i;
  }



  // ---- numbers

  protected number(s: string, i: number, len: number): number {
    // a small DFA: 0 start, 1 minus, 2 zero, 3 int, 4 dot, 5 frac, 6 e, 7 e-sign, 8 exp; past it the
    // states of numberTokens.ts (separators, a held `/`), each read by its own helper
    let st = this.numState;
    if (st >= NUM_SEP) return st === NUM_SLASH ? this.slashDecided(s, i) : this.separated(s, i, len);
    let bad = this.numBad;
    const start = i;
    // the character the loop stopped at (the loop reads one at least: i < len here), not read again
    let c = 0;
    while (i < len) {
      c = String.prototype.charCodeAt.call(s, i);
      if (c >= D0 && c <= D9) {
        if (st === 0 || st === 1) st = c === D0 ? 2 : 3;
        else if (st === 2) {
          bad = true; // a leading zero
          st = 3;
        } else if (st === 4) st = 5;
        else if (st === 6 || st === 7) st = 8;
      } else if (c === MINUS || c === PLUS) {
        if (st === 0) {
          if (c === PLUS) bad = true;
          st = 1;
        } else if (st === 6) st = 7;
        else break;
      } else if (c === DOT) {
        if (st === 2 || st === 3) st = 4;
        else if (st === 0 || st === 1) {
          bad = true; // `.5`
          st = 4;
        } else break;
      } else if (c === LOWER_E || c === UPPER_E) {
        if (st === 2 || st === 3 || st === 5) st = 6;
        else if (st === 4) {
          bad = true;
          st = 6;
        } else break;
      } else if (c === UMINUS && (st === 0 || st === 6)) {
        bad = true; // `−5`, `1e−3`: the typographic minus sign, written `-`
        st = st === 0 ? 1 : 7;
      } else break;
      i++;
    }
    this.tokLen += i - start;
    this.numState = st;
    this.numBad = bad;
    if (i === len) return i;
    if (c === UNDERSCORE && (st === 2 || st === 3 || st === 5 || st === 8)) {
      // `1_000`: digit separators
      this.numState = NUM_SEP;
      return this.separated(s, i, len);
    }
    // `1,299.99` in an object's value (thousands.ts). Tested here, not in numberStops: there it made
    // numberStops 460 bytecode bytes, and number()'s optimised code, which inlines numberStops and
    // endNumber, had no inlining budget left (920 bytes in all) for isNumberGlue and tokenDone's callees.
    // (A space may separate thousands too, `1 000`: tested in numberStops, which number() does not inline;
    // a test here changed what V8 inlines into number(), engine21.)
    if (c === COMMA && st === 3 && bad === false && this.stack[this.stack.length - 1] === LBRACE) return this.thousandsMayStart(s, i, len);
    return this.numberStops(s, i, len, c);
  }

  /** The number token stopped before c (no character of a number): a word, text glued on, or its end.
   * (A number with `_` separators comes here from separated(), never in numState 3: no thousands.) */
  protected numberStops(s: string, i: number, len: number, c: number): number {
    // `..` as an array element: the start of an elision (`[1, 2, ...]`), not a number
    if (c === DOT && this.numState === 4 && this.tokLen === 1 && this.stack[this.stack.length - 1] === LBRACKET && this.unconfirmed === false) return this.startElision(i, V_VALUE);
    // a joiner (U+200C, U+200D) or a bidi mark after a number joins nothing: the number ends, it is a gap
    if (isWordChar(c) && !(c === MINUS) && !(c > 127 && isJoinerOrMark(c))) {
      // `-Infinity`, `1st`, `12abc`: a word, not a number
      if (this.tokLen <= 1 || isWordStart(c)) {
        this.tokPrefix = this.tail(i, this.tokLen);
        this.wordIsKey = false;
        this.vstate = V_WORD;
        return i;
      }
    }
    // `36\n}` in a value whose quotes are escaped: the number ends at the `\` (structure.ts escapedSpaceAfter)
    if (c === BACKSLASH && this.escQuotes === true) return this.endNumber(s, i, false);
    if (this.stack.length > 0 && isNumberGlue(c)) {
      if (c !== SLASH) return this.glued(s, i);
      if (i + 1 === len) {
        // `1/` ends the segment: `1/3` is one token, `1//` a comment; the next character says which
        this.numSlashFrom = this.numState;
        this.numSlashPos = this.o.pos(i);
        this.numState = NUM_SLASH;
        this.tokLen++;
        return len;
      }
      const n = String.prototype.charCodeAt.call(s, i + 1);
      if (n !== SLASH && n !== STAR) return this.glued(s, i);
    }
    if (c === SPACE || c === 0xa0 || c === 0x202f) {
      // where a space ends the number: scientific notation may follow (`5.97 × 10^24`, sciNotation.ts)
      this.sciFrom = this.o.seg.base + i;
      // `1 000` in an object's value: a space (U+0020, U+00A0, U+202F) may separate thousands (thousands.ts)
      if (this.numState === 3 && this.numBad === false && this.stack[this.stack.length - 1] === LBRACE) return this.thousandsMayStart(s, i, len);
    }
    return this.endNumber(s, i, false);
  }

  /** Text glued to a number (`2024-01-05`, `12:30`, `10%`): the whole token is a string, read on as an
   * unquoted one (to a `,`, a closer or the line end), nothing of it dropped. */
  private glued(s: string, i: number): number {
    if (!this.rep('unquoted_string')) return this.reject(s, i);
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    return i;
  }

  /** Digits with `_` separators (NUM_SEP), up to the first character no such number has. */
  private separated(s: string, i: number, len: number): number {
    let st = this.numState;
    if (st >= NUM_THOU) return this.thousands(s, i, len);
    const start = i;
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if ((c >= D0 && c <= D9) || c === UNDERSCORE || c === DOT) st = NUM_SEP;
      else if (c === LOWER_E || c === UPPER_E) st = NUM_SEP_E;
      else if ((c === MINUS || c === PLUS) && st === NUM_SEP_E) st = NUM_SEP;
      else break;
      i++;
    }
    this.tokLen += i - start;
    this.numState = st;
    if (i === len) return i;
    return this.numberStops(s, i, len, String.prototype.charCodeAt.call(s, i));
  }

  /** The character after a `/` held at a segment end (NUM_SLASH): a comment starts at the `/`, or the
   * token goes on as text (`1/3`). */
  private slashDecided(s: string, i: number): number {
    const c = String.prototype.charCodeAt.call(s, i);
    this.numState = this.numSlashFrom;
    if (c !== SLASH && c !== STAR) return this.glued(s, i);
    return this.slashStartsComment(s, i);
  }

  /** The held `/` starts a comment (or, at the end of the input, is a lone `/`, which finishValue then
   * records as a comment): the number ends before it, as when the `/` and what follows came together. */
  private slashStartsComment(s: string, i: number): number {
    const at = this.numSlashPos!;
    this.numState = this.numSlashFrom;
    this.tokLen--;
    this.o.replaceTail(i, 1, '');
    const r = this.endNumber(s, i, false);
    if (this.rescan !== null || this.phase !== P_VALUE || this.vstate !== V_AFTER) return r;
    this.startComment(i, V_AFTER);
    this.commentIdx = -1;
    this.commentPos = at;
    return i;
  }

  /** Is the number being read cut off (the input ended inside it)? */
  protected numberCut(i: number): boolean {
    const st = this.numState;
    if (st === NUM_SLASH) return false;
    if (st >= NUM_SEP) return !isDigitCode(String.prototype.charCodeAt.call(this.o.tail(i, 1), 0));
    return !(st === 2 || st === 3 || st === 5 || st === 8);
  }

  protected tail(i: number, n: number): string {
    return this.o.tail(i, n);
  }

  protected endNumber(s: string, i: number, atEnd: boolean): number {
    const o = this.o;
    const st = this.numState;
    if (st >= NUM_SEP) return st === NUM_SLASH ? this.slashStartsComment(s, i) : this.endSeparated(s, i, atEnd);
    const complete = st === 2 || st === 3 || st === 5 || st === 8;
    if (complete && !this.numBad) {
      return this.tokenDone(i);
    }
    const raw = this.tail(i, this.tokLen);
    const fixed = fixNumber(raw);
    if (fixed === null) {
      // `-` or `.` cut off at the end: the value is dropped with its key or comma
      if (atEnd) return this.dropCut(i);
      // no digit at all (`-`, `.`, `--`): no number to keep, it stays as written, as a string
      if (!this.rep('unquoted_string')) return this.reject(s, i);
      const quoted = JSON.stringify(raw);
      o.record(this.tokenRepair('unquoted_string', raw.length, quoted));
      o.replaceTail(i, this.tokLen, quoted);
    } else {
      if (!this.rep('invalid_number')) return this.reject(s, i);
      o.record(this.tokenRepair('invalid_number', raw.length, fixed));
      o.replaceTail(i, this.tokLen, fixed);
    }
    return this.tokenDone(i);
  }

  /** A value cut off at the end that holds nothing to keep (`-`, `.`, `0x`): dropped with its key or comma. */
  private dropCut(i: number): number {
    const o = this.o;
    const d = o.dropPending(i);
    o.record(o.repair('dropped_value', d.at, d.length, ''));
    this.tokIdx = -1;
    this.tokPos = null;
    this.afterDrop();
    return i;
  }

  /** A number with digit separators ends: the number without them (`1_000` -> `1000`, kind
   * number_separator); a token that is no such number (`1__0`, `1_`) stays as written, a string. */
  private endSeparated(s: string, i: number, atEnd: boolean): number {
    const o = this.o;
    const raw = this.tail(i, this.tokLen);
    const digits = separatedDigits(raw, atEnd);
    const fixed = digits === null ? null : fixNumber(digits);
    if (fixed !== null) {
      // repair: `1_000` -> `1000`, a number stays a number
      if (!this.rep('number_separator')) return this.reject(s, i);
      o.record(this.tokenRepair('number_separator', raw.length, fixed));
      o.replaceTail(i, this.tokLen, fixed);
      return this.tokenDone(i);
    }
    if (!this.rep('unquoted_string')) return this.reject(s, i);
    const quoted = JSON.stringify(raw);
    o.record(this.tokenRepair('unquoted_string', raw.length, quoted));
    o.replaceTail(i, this.tokLen, quoted);
    return this.tokenDone(i);
  }

  /** After a value was dropped at the end, the container it was in is what is left. */
  protected afterDrop(): void {
    if (this.stack.length === 0) {
      // the only value there was is gone: there is no JSON
      this.valueSeen = false;
      this.phase = P_AFTER;
      this.trailStart = -1;
      return;
    }
    this.vstate = V_AFTER;
  }

  // ---- words

  protected word(s: string, i: number, len: number): number {
    const start = i;
    while (i < len && isWordChar(String.prototype.charCodeAt.call(s, i))) i++;
    this.tokLen += i - start;
    if (this.tokPrefix.length < 12) this.tokPrefix += String.prototype.slice.call(s, start, Math.min(i, start + 12));
    if (i === len) return i;
    return this.endWord(s, i, false);
  }

  protected endWord(s: string, i: number, atEnd: boolean): number {
    const o = this.o;
    const raw = this.tokLen <= 12 ? String.prototype.slice.call(this.tokPrefix, 0, this.tokLen) : '';
    if (this.wordIsKey) {
      if (atEnd) {
        this.truncated = true;
        return this.danglingKey(i);
      }
      const more = this.keyWordEnded(s, i, String.prototype.charCodeAt.call(s, i));
      if (more >= 0) return more;
      if (!this.rep('unquoted_key')) return this.reject(s, i);
      // `raw` is the whole word when it is that short (the prefix kept for the keyword check)
      const word = this.tokLen <= 12 ? raw : this.tail(i, this.tokLen);
      const quoted = JSON.stringify(word);
      o.record(this.tokenRepair('unquoted_key', word.length, quoted));
      o.replaceTail(i, this.tokLen, quoted);
      this.tokIdx = -1;
      this.tokPos = null;
      this.vstate = V_COLON;
      this.colonWs = 0;
      this.keyEnd.save(o.seg, i);
      return i;
    }
    const c0 = String.prototype.charCodeAt.call(this.tokPrefix, 0);
    if ((c0 === D0 || c0 === MINUS || c0 === PLUS) && this.tokLen <= 80) {
      let word = this.tail(i, this.tokLen);
      if (atEnd && RADIX_CUT.test(word)) {
        // `0x` (or `-0b`) cut off at the end holds no number: dropped with its key or comma, as `-` alone
        if (RADIX_PREFIX.test(word)) return this.dropCut(i);
        // `0xFF_` cut off after a separator: the number before it (as `1e` -> `1`)
        word = word.slice(0, -1);
      }
      const dec = radixNumber(word);
      if (dec !== null) {
        // repair: `0x1F` -> `31`, a number stays a number
        if (!this.rep('number_base')) return this.reject(s, i);
        o.record(this.tokenRepair('number_base', this.tokLen, dec));
        o.replaceTail(i, this.tokLen, dec);
        return this.tokenDone(i);
      }
    }
    // the JSON keywords themselves, before the map: a lookup hashes `raw`, a new string each time
    if (raw === 'true' || raw === 'false' || raw === 'null') return this.tokenDone(i);
    const kw = KEYWORDS.get(raw);
    if (kw !== undefined) {
      if (kw !== raw) {
        if (!this.rep('python_literal')) return this.reject(s, i);
        o.record(this.tokenRepair('python_literal', raw.length, kw));
        o.replaceTail(i, this.tokLen, kw);
      }
      return this.tokenDone(i);
    }
    if (atEnd && raw !== '') {
      for (const full of ['true', 'false', 'null', 'True', 'False', 'None']) {
        if (full.startsWith(raw)) {
          const fixed = KEYWORDS.get(full)!;
          o.record(this.tokenRepair('incomplete_keyword', raw.length, fixed));
          this.truncated = true;
          o.replaceTail(i, this.tokLen, fixed);
          return this.tokenDone(i);
        }
      }
    }
    // an unquoted string: it runs to a comma, a closer or the end of the line
    if (!this.rep('unquoted_string')) return this.reject(s, i);
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    if (atEnd) return this.endUnquoted(i);
    return i;
  }

  protected unquoted(s: string, i: number, len: number): number {
    if (this.uqRegex !== 0) i = this.regexPattern(s, i, len);
    else if (this.callNest !== '' || this.callKind >= CALL_PAREN) {
      // a call's brackets still open (callText.ts), or a held `(…)` undecided
      if (this.callNest !== '') i = this.callText(s, i, len);
      if (this.callNest !== '' || this.vstate !== V_UQSTR) return i;
      if (this.callKind >= CALL_PAREN) {
        i = this.parenAfter(s, i, len);
        if (this.callKind >= CALL_PAREN || this.vstate !== V_UQSTR) return i;
      }
    }
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === COMMA || c === RBRACE || c === RBRACKET || c === LF || c === CR || c === FW_RBRACE || c === FW_RBRACKET) return this.endUnquoted(i);
      // a tuple's `)` ends it too (structure.ts: `(a, b)` -> `["a", "b"]`)
      if (c === RPAREN && this.stack[this.stack.length - 1] === LPAREN) return this.endUnquoted(i);
      if ((c === LPAREN || c === LBRACE) && this.callOpens(i, c)) {
        // `datetime.datetime(2026, 11, 30)`, `function () {…}`: the call's brackets (callText.ts)
        i = this.callText(s, i, len);
        if (this.callNest !== '' || this.vstate !== V_UQSTR) return i;
        if (this.callKind >= CALL_PAREN) {
          // a `(` where the value starts (structure.ts): what follows its `)` decides
          i = this.parenAfter(s, i, len);
          if (this.callKind >= CALL_PAREN || this.vstate !== V_UQSTR) return i;
        }
        continue;
      }
      if ((c === FW_COMMA || this.fwStage !== FW_NONE) && this.fullwidthKey(c, i)) return this.fullwidthKeyProves(i);
      if (c === SPACE || c === TAB) this.uqTrail++;
      else this.uqTrail = 0;
      this.tokLen++;
      i++;
    }
    return i;
  }

  /** A regular expression literal's pattern (uqRegex), up to its closing `/` (a line end ends it too):
   * the characters are the string's text, a `,` `]` `}` in it included. Returns where it stopped. */
  private regexPattern(s: string, i: number, len: number): number {
    let st = this.uqRegex;
    while (i < len && st !== 0) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === LF || c === CR) {
        st = 0;
        break;
      }
      if (st >= RX_ESCAPED) st -= RX_ESCAPED;
      else if (c === BACKSLASH) st += RX_ESCAPED;
      else if (st === RX_OPEN) st = RX_BODY;
      else if (st === RX_CLASS) {
        if (c === RBRACKET) st = RX_BODY;
      } else if (c === LBRACKET) st = RX_CLASS;
      else if (c === SLASH) st = 0;
      this.uqTrail = 0;
      this.tokLen++;
      i++;
    }
    this.uqRegex = st;
    return i;
  }

  /** The character c at i of an unquoted value, after a full-width comma (or one): whether it is the colon
   * that proves a `"key"` after that comma (see fwStage). */
  private fullwidthKey(c: number, i: number): boolean {
    const st = this.fwStage;
    if (st === FW_SPACE) {
      if ((c === SPACE || c === TAB) && this.fwRun < FW_MAX) {
        this.fwRun++;
        return false;
      }
      if (c === QUOTE) {
        this.fwStage = FW_WORD;
        this.fwRun = 0;
        return false;
      }
    } else if (st === FW_WORD) {
      if (c === QUOTE && this.fwRun > 0) {
        this.keyEnd.save(this.o.seg, i + 1);
        this.fwStage = FW_END;
        this.fwRun = 0;
        return false;
      }
      if (c !== QUOTE && c !== BACKSLASH && c >= 32 && this.fwRun < FW_MAX) {
        this.fwRun++;
        return false;
      }
    } else if (st === FW_END) {
      if (c === COLON || c === FW_COLON) return true;
      if ((c === SPACE || c === TAB) && this.fwRun < FW_MAX) {
        this.fwRun++;
        return false;
      }
    }
    // anything else: the comma was the value's text; another one may start the look again
    this.fwStage = FW_NONE;
    if (c === FW_COMMA && this.stack[this.stack.length - 1] === LBRACE && this.tokLen > this.uqTrail) {
      this.fwStage = FW_SPACE;
      this.fwAt = this.tokLen;
      this.fwTrail = this.uqTrail;
      this.fwRun = 0;
      this.fwPos.save(this.o.seg, i);
    }
    return false;
  }

  /** `，"key"` and the colon at i: the value ended before the full-width comma, which is the comma before
   * the key (kind `fullwidth_punctuation`); the comma, the key and the spaces stay held as after any key. */
  private fullwidthKeyProves(i: number): number {
    const o = this.o;
    const raw = this.tail(i, this.tokLen);
    const word = raw.slice(0, this.fwAt - this.fwTrail);
    const q = JSON.stringify(word);
    o.record(this.tokenRepair('unquoted_string', word.length, q));
    const rest = ',' + raw.slice(this.fwAt + 1);
    o.replaceTail(i, this.tokLen, q + raw.slice(word.length, this.fwAt) + rest);
    o.keepTail(i, rest.length, this.fwPos);
    // repair: `，` -> `,` (held with the key: a key never followed by its value drops it)
    o.hold(o.repair('fullwidth_punctuation', o.resolve(this.fwPos), 1, ','));
    this.fwStage = FW_NONE;
    this.callDone();
    this.tokIdx = -1;
    this.tokPos = null;
    this.colonWs = this.fwRun;
    this.vstate = V_COLON;
    return i;
  }

  // ---- elisions

  /** An elision starts (its first `.` or `…` already in the token, or at i): the state to return to
   * when it is dropped. */
  protected startElision(i: number, ret: number): number {
    this.elisionRet = ret;
    this.elisionWs = 0;
    this.vstate = V_ELISION;
    return i;
  }

  /** `...` / `…` where an array element or an object's key is expected, as models write omitted items
   * (`[1, 2, ...]`, `{"a": 1, …}`, a `...` line between members): dots and ellipses, then spaces, read
   * until a `,`, closer or line end proves an elision, dropped (kind `elision`; the comma before it is
   * then a trailing one, or the next member's); anything else makes it what it was before: an unquoted
   * string in an array (`...abc`), the end of the JSON where a key is expected. */
  protected elision(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if ((c === DOT || c === ELLIPSIS) && this.elisionWs === 0) {
        this.tokLen++;
        i++;
      } else if (c === SPACE || c === TAB) {
        this.elisionWs++;
        this.tokLen++;
        i++;
      } else if (c === COMMA || c === RBRACE || c === RBRACKET || c === LF || c === CR) return this.endElision(i);
      else if (this.elisionRet === V_VALUE) {
        // text after the dots: an unquoted string, as before (`...abc`, `... 98 more`)
        const r = this.glued(s, i);
        this.uqTrail = this.elisionWs;
        return r;
      } else return this.endRegion(s, i);
    }
    return i;
  }

  /** The elision read ends at i (a `,`, closer or line end, or the end of the input): removed, its spaces
   * kept, and the state is what it was before it. */
  protected endElision(i: number): number {
    const o = this.o;
    const n = this.tokLen - this.elisionWs;
    o.record(this.tokenRepair('elision', n, ''));
    o.replaceTail(i, this.tokLen, o.tail(i, this.elisionWs));
    this.tokIdx = -1;
    this.tokPos = null;
    this.vstate = this.elisionRet;
    return i;
  }

  protected endUnquoted(i: number): number {
    // a held `(…)` ended by a closer of no bracket of it (`(1, 2]`): a tuple, read as one
    if (this.callKind >= CALL_PAREN) return this.parenIsTuple(i);
    this.fwStage = FW_NONE;
    const o = this.o;
    const raw = this.tail(i, this.tokLen);
    const word = raw.slice(0, raw.length - this.uqTrail);
    let kind: RepairKind = 'unquoted_string';
    let q: string;
    if (this.callKind === 0) {
      // `5.97*10^24`: scientific notation glued to its number (sciNotation.ts), the number with an exponent
      const sci = word.length <= 40 ? sciValue(word) : null;
      if (sci !== null) return this.sciUnquoted(i, raw, sci[0], word.length - sci[0], sci[1]);
      q = JSON.stringify(word);
    } else {
      // a call or function (callText.ts): what it means, or its source text as one string
      const call = this.callKind === CALL_CALL && !this.callCut() ? callValue(word) : null;
      if (call !== null) {
        kind = call[0];
        q = call[1];
      } else {
        kind = this.callKind === CALL_FUNCTION ? 'js_function' : 'call_text';
        q = JSON.stringify(word);
      }
      this.callDone();
    }
    o.record(this.tokenRepair(kind, word.length, q));
    o.replaceTail(i, this.tokLen, q + raw.slice(word.length));
    return this.tokenDone(i);
  }

  /** The unquoted value `raw` (ending at i) is a number (its first `n` characters) and scientific notation
   * (the next `len`, written `exp`): `5.97*10^24` -> `5.97e24`, the repair's range the notation's. */
  private sciUnquoted(i: number, raw: string, n: number, len: number, exp: string): number {
    const o = this.o;
    const r = this.tokenRepair('scientific_notation', len, exp);
    r.offset += n;
    r.column += n;
    o.record(r);
    o.replaceTail(i, this.tokLen, raw.slice(0, n) + exp + raw.slice(n + len));
    return this.tokenDone(i);
  }

  protected danglingKey(i: number): number {
    const o = this.o;
    const d = o.dropPending(i);
    o.record(o.repair('dangling_key', d.at, d.length, ''));
    this.tokIdx = -1;
    this.tokPos = null;
    this.vstate = V_AFTER;
    return i;
  }
}

/** Make a number token valid, or null when nothing of it is a number. The token is what the DFA in
 * number() took, so a dangling part can only be at its end: an exponent without digits (`1e`, `1e+`)
 * or a dot without digits (`2.`) is cut off, wherever the token ended (at the end of the input or
 * before a `,` or closer), so the number keeps its value and stays a number. */
function fixNumber(raw: string): string | null {
  let t = raw.replace(/\u2212/g, '-');
  if (t.startsWith('+')) t = t.slice(1);
  let sign = '';
  if (t.startsWith('-')) {
    sign = '-';
    t = t.slice(1);
  }
  t = t.replace(/[eE][+-]?$/, '').replace(/\.$/, '');
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return null;
  let int = m[1];
  const frac = m[2];
  const exp = m[3];
  if (int === '' && (frac === undefined || frac === '')) return null;
  if (int === '') int = '0';
  int = int.replace(/^0+(?=\d)/, '');
  let out = sign + int;
  if (frac !== undefined && frac !== '') out += '.' + frac;
  if (exp !== undefined) out += 'e' + exp;
  return out;
}

/** A hex, octal or binary literal, with `_` digit separators between digits as JS and Python write
 * them (`0xFF_FF`, `0b1010_0101`). */
const RADIX = /^([+-]?)0(?:[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|[oO][0-7]+(?:_[0-7]+)*|[bB][01]+(?:_[01]+)*)$/;

/** A hex, octal or binary literal cut off by the end of the input: its prefix alone (`0x`, `-0b`), or
 * after a digit separator (`0xFF_`). */
const RADIX_CUT = /^[+-]?0(?:[xX](?:[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*_)?|[oO](?:[0-7]+(?:_[0-7]+)*_)?|[bB](?:[01]+(?:_[01]+)*_)?)$/;
const RADIX_PREFIX = /^[+-]?0[xXoObB]$/;

/** `0x1F`, `-0o17`, `0b101`, `0xFF_FF` in decimal (exact, however large); null for anything else. */
function radixNumber(word: string): string | null {
  const m = RADIX.exec(word);
  if (m === null) return null;
  const v = BigInt(word.slice(m[1].length).replace(/_/g, '')).toString();
  return m[1] === '-' && v !== '0' ? '-' + v : v;
}

/** `Decimal('1.5')` (Python's decimal, its repr): the number, as JSON encoders write it. */
const DECIMAL_CALL = /^(?:decimal\.)?Decimal\(\s*(['"]?)([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\1\s*\)$/;
/** `UUID('…')` (Python's uuid, its repr): its text, as JSON encoders write it. */
const UUID_CALL = /^(?:uuid\.)?UUID\(\s*(['"])([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})\1\s*\)$/;

/** `set()` / `frozenset()`: an empty Python set, as its repr writes it. */
const EMPTY_SET_CALL = /^(?:frozen)?set\(\s*\)$/;

/** A wrapper call whose meaning is plain, as its repair kind and JSON value; null for any other call. */
function callValue(text: string): [RepairKind, string] | null {
  let m = DECIMAL_CALL.exec(text);
  if (m !== null) {
    const n = fixNumber(m[2]);
    if (n !== null) return ['python_decimal', n];
  }
  m = UUID_CALL.exec(text);
  if (m !== null) return ['python_uuid', JSON.stringify(m[2])];
  // an empty Python set's repr, `set()` (a set with members is `{…}`: pythonSet.ts): the empty list
  if (EMPTY_SET_CALL.test(text)) return ['python_set', '[]'];
  return null;
}

function isDigitCode(c: number): boolean {
  return c >= D0 && c <= D9;
}
