/**
 * Unquoted keys of several words (`{first name: "Ada"}`). A bare key ended at a space used to be a key
 * of one word, and the words after it a value without a colon (`{"first": "name: \"Ada\""}`). Now the
 * words are read on, held, while they may still be one key: a colon after them makes them one key
 * (`"first name"`); anything else, or more than KEY_WORDS_MAX characters, splits them exactly as
 * before (the first word is the key, a colon is missing, the rest is its value: `{a b}` -> `{"a": "b"}`),
 * so only text that ends in a colon reads differently. Trial 17 let such a key hold some punctuation and
 * words that start with a digit (`{server.port: 8080}`, `{Price (USD): 12.5}`, `{Date/Time: …}`, `{Q1 2024:
 * 1200}`); when those words end with no colon, the text from the first word's end is scanned again as it
 * was read before (keyPunctFails), so that too reads as before.
 */
import * as C from './chars';
import { KEYWORDS } from './scalars';
import { ThousandsScanner } from './thousands';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { AMP, COLON, DOT, EQUALS, LPAREN, RPAREN, SLASH, SPACE, TAB, isDigit, isWordStart } = C;
const { V_COLON, V_WORD, V_UQSTR, V_KEY_SPACE } = S;

/** Punctuation a key of several words may hold right after a word (`server.port`, `Date/Time`, `R&D`,
 * `(USD)`; trial 17: the key ended there, and the JSON with it). */
function keyPunctAfterWord(c: number): boolean {
  return c === DOT || c === SLASH || c === LPAREN || c === RPAREN || c === AMP;
}

/** ... and after a space (`Price (USD)`, `Q & A`): no `/` there, which may start a comment after the key. */
function keyPunctAfterSpace(c: number): boolean {
  return c === LPAREN || c === RPAREN || c === AMP;
}

/** The longest unquoted key of several words (spaces included) read before it is split. */
export const KEY_WORDS_MAX = 64;

export abstract class KeyScanner extends ThousandsScanner {
  /** A word of an unquoted key ended at i, before the character c (no word character). Returns the
   * index to go on from, or -1 when the key is one word ending here as always. */
  protected keyWordEnded(s: string, i: number, c: number): number {
    if (this.keyW1 === 0) {
      if ((c !== SPACE && c !== TAB && !keyPunctAfterWord(c)) || this.tokLen >= KEY_WORDS_MAX) return -1;
      if ((this.tokIdx >= 0 ? this.o.seg.base + this.tokIdx : this.tokPos!.offset) === this.gapKeyAt) return -1;
      // the first word, and a space: the key may go on
      this.keyW1 = this.tokLen;
      this.keyW2At = 0;
      this.keyWords = 0;
      this.keyWordEnd = this.tokLen;
      this.keyEnd.save(this.o.seg, i);
      this.keyPunct = false;
      this.vstate = V_KEY_SPACE;
      if (c !== SPACE && c !== TAB) return this.keyPunctAt(i);
      return i;
    }
    this.keyWordEnd = this.tokLen;
    if (c === COLON) return this.keyJoin(i);
    if (keyPunctAfterWord(c) && this.tokLen < KEY_WORDS_MAX) {
      this.vstate = V_KEY_SPACE;
      return this.keyPunctAt(i);
    }
    // a value word after the first (`{a true}`) is that key's value, as before
    if (this.keyWords === 1 && KEYWORDS.has(this.o.tail(i, this.tokLen - this.keyW2At))) return this.keySplit(s, i);
    if (c === SPACE || c === TAB) {
      this.vstate = V_KEY_SPACE;
      return i;
    }
    return this.keySplit(s, i);
  }

  /** Spaces after a word of the key (V_KEY_SPACE). */
  protected keySpace(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === SPACE || c === TAB) {
        if (this.tokLen >= KEY_WORDS_MAX) return this.keySplit(s, i);
        this.tokLen++;
        i++;
      } else if (c === COLON && this.keyWords > 0) {
        return this.keyJoin(i);
      } else if (keyPunctAfterSpace(c) && this.tokLen < KEY_WORDS_MAX) {
        i = this.keyPunctAt(i);
      } else if ((isWordStart(c) || isDigit(c)) && this.tokLen < KEY_WORDS_MAX) {
        // one more word of the key (one that starts with a digit only joins it with a colon: keyPunctFails)
        if (isDigit(c)) this.keyPunct = true;
        if (this.keyW2At === 0) {
          this.keyW2At = this.tokLen;
          this.keyW2Pos.save(this.o.seg, i);
        }
        this.keyWords++;
        this.vstate = V_WORD;
        return i;
      } else return this.keySplit(s, i);
    }
    return i;
  }

  /** Whether the key's words hold punctuation or a word that starts with a digit (keyPunctFails). */
  protected keyPunct = false;

  /** A punctuation character of the key at i (keyPunctAfterWord / keyPunctAfterSpace): part of it. */
  private keyPunctAt(i: number): number {
    if (this.keyW2At === 0) {
      this.keyW2At = this.tokLen;
      this.keyW2Pos.save(this.o.seg, i);
    }
    this.keyPunct = true;
    this.keyWords++;
    this.tokLen++;
    this.keyWordEnd = this.tokLen;
    return i + 1;
  }

  /** The words read are one key, and a colon follows (after the spaces past the last word). */
  protected keyJoin(i: number): number {
    const o = this.o;
    const raw = o.tail(i, this.tokLen);
    const key = raw.slice(0, this.keyWordEnd);
    const quoted = JSON.stringify(key);
    // repair: an unquoted key of several words quoted whole
    o.record(this.tokenRepair('unquoted_key', key.length, quoted));
    o.replaceTail(i, this.tokLen, quoted + raw.slice(key.length));
    this.colonWs = this.tokLen - this.keyWordEnd;
    this.keyDone();
    return i;
  }

  /** The words read are no key of several words: the state becomes what reading the first word as the
   * key gave before (a missing colon, the rest a value), and the character at i is read in it. */
  protected keySplit(s: string, i: number): number {
    if (this.keyPunct) return this.keyPunctFails(i);
    // a missing colon rejects a candidate, as before; a key's word and spaces before a `=` (`{ name = "Ada" }`,
    // a Lua table, an HCL block) wait for the colon spelt so, as `{name="Ada"}` did (trial 8)
    if (this.unconfirmed && (this.keyW2At !== 0 || String.prototype.charCodeAt.call(s, i) !== EQUALS)) return this.reject(s, i);
    const o = this.o;
    const raw = o.tail(i, this.tokLen);
    const w1 = this.keyW1;
    const quoted = JSON.stringify(raw.slice(0, w1));
    o.record(this.tokenRepair('unquoted_key', w1, quoted));
    if (this.keyW2At === 0) {
      // only spaces after the word: the key ended at it
      o.replaceTail(i, this.tokLen, quoted + raw.slice(w1));
      this.colonWs = this.tokLen - w1;
      this.keyDone();
      return i;
    }
    // repair: the colon after the first word is missing; the words after it are its value
    o.record(o.repair('missing_colon', o.resolve(this.keyEnd), 0, ':'));
    const value = raw.slice(this.keyW2At);
    o.replaceTail(i, this.tokLen, quoted + ':' + raw.slice(w1, this.keyW2At) + value);
    const inW2 = this.vstate === V_WORD && this.keyWords === 1;
    this.keyW1 = 0;
    if (this.keyW2Pos.isIn(o.seg)) {
      this.tokIdx = this.keyW2Pos.index;
      this.tokPos = null;
    } else {
      this.tokIdx = -1;
      this.tokPos = this.keyW2Pos.get();
    }
    this.tokLen = value.length;
    this.wordIsKey = false;
    if (inW2) {
      // the second word is the value word being read (a keyword, or the start of an unquoted string)
      this.tokPrefix = value.slice(0, 12);
      this.vstate = V_WORD;
    } else {
      this.vstate = V_UQSTR;
      this.uqTrail = value.length - C.trimSpacesEnd(value).length;
    }
    return i;
  }

  /** Words holding punctuation or a digit word ended with no colon: the first word is the key, as before,
   * and the text after it is taken out of the output and scanned again from there (rescanHeld), read as it
   * was before such words joined a key (`{a.b}`, `{a 1}`, `{"x": 1, a (b)}` read as they did). */
  private keyPunctFails(i: number): number {
    const o = this.o;
    this.keyPunct = false;
    const raw = o.tail(i, this.tokLen);
    const w1 = this.keyW1;
    const at = o.resolve(this.keyEnd);
    const quoted = JSON.stringify(raw.slice(0, w1));
    o.record(this.tokenRepair('unquoted_key', w1, quoted));
    o.replaceTail(i, this.tokLen, quoted);
    this.keyDone();
    this.colonWs = 0;
    return this.rescanHeld(i, raw.slice(w1), at);
  }

  private keyDone(): void {
    this.keyW1 = 0;
    this.tokIdx = -1;
    this.tokPos = null;
    this.vstate = V_COLON;
  }
}
