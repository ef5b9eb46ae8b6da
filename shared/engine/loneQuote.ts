/**
 * An inner closing quote whose opening one the model left out: `{"a": "5" screen"}` means
 * `{"a": "5\" screen"}`. Read one character at a time, `"5"` is a string and `screen` the next key (a
 * missing comma). What tells them apart is the next quote: after a value string's closing quote in a
 * container, spaces and a word (held, at most LONE_WORD_MAX characters), a `"` right after the word
 * makes the first quote an inner one (escaped, kind `unescaped_quote`) and the string goes on; anything
 * else makes the held text what it was before: the string closed at its quote, a comma is missing and
 * the word starts the next key or value (keys.ts, scalars.ts go on reading it).
 */
import * as C from './chars';
import { KeyScanner } from './keys';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { LBRACE, QUOTE, isWordChar } = C;
const { V_DQ_WORD, V_STRING, V_WORD } = S;

/** The longest word held after a closing quote and spaces while a quote after it may still come. */
export const LONE_WORD_MAX = 64;

export abstract class LoneQuoteScanner extends KeyScanner {
  /** A word starts at i after a value string's held closing quote and spaces (strings.ts). */
  protected loneQuoteWord(i: number): number {
    this.dqWordAt.save(this.o.seg, i);
    this.dqWordLen = 0;
    this.vstate = V_DQ_WORD;
    return i;
  }

  /** The word (V_DQ_WORD), up to the character after it. */
  protected loneWord(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === QUOTE) return this.loneQuoteInner(i);
      if (!isWordChar(c) || this.dqWordLen >= LONE_WORD_MAX) return this.loneQuoteCloses(i);
      this.dqWordLen++;
      i++;
    }
    return i;
  }

  /** A `"` right after the word: the held quote was an inner one, and the string goes on. */
  private loneQuoteInner(i: number): number {
    const o = this.o;
    // repair: an inner quote escaped (the spaces and the word after it are the string's text)
    o.hold(o.repair('unescaped_quote', o.pendingStart(), 1, '\\"'));
    o.prependPending(i, '\\');
    o.commitPending(i);
    this.dqInner = false;
    this.vstate = V_STRING;
    return i;
  }

  /** No quote after the word (the character at i, or the end): the held quote closed its string, and
   * the word is read as it was before, the next key or value after a missing comma. */
  protected loneQuoteCloses(i: number): number {
    const o = this.o;
    const inObject = this.stack[this.stack.length - 1] === LBRACE;
    this.dqInner = false;
    o.commitFirst();
    this.afterValue(i, true);
    if (!this.rep('missing_comma')) return this.reject(o.seg.text, i);
    o.hold(o.repair('missing_comma', o.pendingStart(), 0, ','));
    o.prependPending(i, ',');
    const at = this.dqWordAt;
    if (at.isIn(o.seg)) {
      this.tokIdx = at.index;
      this.tokPos = null;
    } else {
      this.tokIdx = -1;
      this.tokPos = at.get();
    }
    if (inObject) this.gapKeyAt = this.tokIdx >= 0 ? o.seg.base + this.tokIdx : this.tokPos!.offset;
    this.tokLen = this.dqWordLen;
    this.tokPrefix = o.tail(i, this.dqWordLen).slice(0, 12);
    this.wordIsKey = inObject;
    this.keyW1 = 0;
    this.vstate = V_WORD;
    return i;
  }
}
