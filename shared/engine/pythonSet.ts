/**
 * A Python set inside a value (trial 13's t13-lit-02): `{'tags': {'a', 'b'}, 'n': 2}`, a Python repr,
 * gave `{"tags": {"a": null, "b": null}, "n": 2}` (each element a key with a missing value); a user wants
 * the list, `{"tags": ["a", "b"], "n": 2}`, its braces repair kind `python_set`.
 *
 * A set and a dict differ only at their first member: a `,` or `}` after the first element is a set, a
 * `:` a dict. So the `{` is held until then, but only where the text is already Python-shaped (a
 * single-quoted key read before this `{` in the value, as Python's repr of a dict writes every string key:
 * pyShaped), or the value's own `{` followed at once by `'` (engine24: `{'a', 'b'}` at the top level, in
 * a value taken at once — not a prose-started candidate, not jsonInput; startCandidate marks it pyShaped,
 * and the mark goes when that `{` opens an object; a `{` followed by anything else is not held): valid JSON and JSON-shaped text never hold anything (nor JSON with a single-quoted value or a `True`
 * here and there, the benchmark's defect document: each of its nested `{` probed and scanned again cost
 * +12% instructions when those counted), `{"a", "b"}` stays keys with missing values, as before (in
 * JSON a string before a comma in braces is more often a key whose value was left out than a set).
 *
 * The probe reads, after the `{`, spaces, one element (a single- or double-quoted string, escapes and a
 * Python apostrophe (`'it's'`) allowed, or a number), spaces, then the character that decides; line breaks
 * may stand before and after the element (engine24: members one a line), not inside it; at most
 * SET_PROBE_MAX characters, held outside the output (V_STRAY with citeStage, citation.ts).
 * A `,` or `}` there makes it a set: the held text is scanned again from the `{` (setAt), which then
 * opens a container that reads as an array (PYSET on the stack: its elements, commas and repairs are an
 * array's) and whose `}` closes as `]`, each brace a `python_set` repair. Anything else (a `:`, `{}`, a
 * word, a line break inside the element, the bound, the end of the input) makes it an object: scanned again, read as before
 * (setNotAt). An empty set is `set()`, a call (call_text, as before).
 */
import * as C from './chars';
import { GutterScanner } from './gutter';
import * as S from './state';

const { APOS, BACKSLASH, COMMA, CR, D0, D9, DOT, LF, MINUS, PLUS, QUOTE, RBRACE, SPACE, TAB } = C;
const { V_STRAY } = S;

/** The longest text held to tell a set from a dict. */
const SET_PROBE_MAX = 256;

// citeStage values of the set probe (citation.ts's stages are below SET_OPEN)
export const SET_OPEN = 16; // the `{`
const SET_FIRST = 17; // spaces, then the first element
const SET_SQ = 18; // inside a single-quoted element
const SET_SQ_ESC = 19; // after a backslash in it
const SET_SQ_END = 20; // after a `'` in it: its end, or an apostrophe (a letter next)?
const SET_DQ = 21; // inside a double-quoted element
const SET_DQ_ESC = 22;
const SET_NUM = 23; // a number element
const SET_AFTER = 24; // spaces after the element, then the character that decides

/** Whether a top-level `{` before text[i] may open a set: a `'` follows it, after spaces and tabs (or
 * the segment ends first, and the probe decides). */
function aposNext(text: string, i: number): boolean {
  while (i < text.length) {
    const c = String.prototype.charCodeAt.call(text, i);
    if (c !== SPACE && c !== TAB) return c === APOS;
    i++;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export abstract class PythonSetScanner extends GutterScanner {
  /** The probe's text so far (at most SET_PROBE_MAX characters). */
  private setText = '';
  /** The `{` probed starts the value (a top-level set: `'` must follow it at once). */
  private setTop = false;

  /** A `{` at i where a value is expected, in Python-shaped text (pyShaped; the caller checks it): -1 to
   * read it as always, else where to go on (the set's `{` opened, or the probe started). */
  protected pySetStart(i: number): number {
    const o = this.o;
    const top = this.stack.length === 0;
    const at = o.seg.base + i;
    if (at === this.setNotAt || (top && !aposNext(o.seg.text, i + 1))) {
      // the value's own `{` read as an object: nothing before it was Python-shaped (startCandidate)
      if (top) this.pyShaped = false;
      return -1;
    }
    if (at === this.setAt) {
      this.setAt = -1;
      o.commitPending(i);
      this.openSet(i);
      // repair: the set's `{` is the list's `[`
      o.record(o.repairAt('python_set', i, 1, '['));
      o.edit(i, i + 1, '[');
      return i + 1;
    }
    if (!this.rep('python_set')) {
      if (top) this.pyShaped = false;
      return -1;
    }
    this.startComment(i, this.vstate);
    this.vstate = V_STRAY;
    this.citeStage = SET_OPEN;
    this.setText = '';
    this.setTop = top;
    return i;
  }

  /** Open the set's container at i (structure.ts: the stack and its bounds). */
  protected abstract openSet(i: number): void;

  /** The probe's characters from i: returns where it stopped (the segment's end while undecided). */
  protected setProbe(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      let next = this.citeStage;
      // a line break inside an element, or after the first one's end, decides a dict; before the first
      // element and after it, a set's members may stand one a line (`{\n  'a',\n  'b'\n}`)
      if (((c === LF || c === CR) && next !== SET_FIRST && next !== SET_AFTER && next !== SET_SQ_END && next !== SET_NUM) || this.setText.length >= SET_PROBE_MAX) return this.setDecided(i, false);
      switch (next) {
        case SET_OPEN:
          next = SET_FIRST;
          break;
        case SET_FIRST:
          if (c === APOS) next = SET_SQ;
          else if (this.setTop) {
            // a top-level set's first member: spaces before it on the `{`'s line (`{ 'a', 'b'}`), no line break
            if (c !== SPACE && c !== TAB) return this.setDecided(i, false);
          }
          else if (c === QUOTE) next = SET_DQ;
          else if ((c >= D0 && c <= D9) || c === MINUS) next = SET_NUM;
          else if (c !== SPACE && c !== TAB && c !== LF && c !== CR) return this.setDecided(i, false);
          break;
        case SET_SQ:
          if (c === BACKSLASH) next = SET_SQ_ESC;
          else if (c === APOS) next = SET_SQ_END;
          break;
        case SET_SQ_ESC:
          next = SET_SQ;
          break;
        case SET_SQ_END:
          if (isLetter(c) || (c > 127 && C.isApostropheNext(c))) next = SET_SQ;
          else if (c === SPACE || c === TAB || c === LF || c === CR) next = SET_AFTER;
          else return this.setDecided(i, c === COMMA || c === RBRACE);
          break;
        case SET_DQ:
          if (c === BACKSLASH) next = SET_DQ_ESC;
          else if (c === QUOTE) next = SET_AFTER;
          break;
        case SET_DQ_ESC:
          next = SET_DQ;
          break;
        case SET_NUM:
          if (c === SPACE || c === TAB || c === LF || c === CR) next = SET_AFTER;
          else if (!((c >= D0 && c <= D9) || c === DOT || c === MINUS || c === PLUS || c === 101 || c === 69)) {
            return this.setDecided(i, c === COMMA || c === RBRACE);
          }
          break;
        case SET_AFTER:
          if (c !== SPACE && c !== TAB && c !== LF && c !== CR) return this.setDecided(i, c === COMMA || c === RBRACE);
          break;
      }
      this.citeStage = next;
      this.setText += String.fromCharCode(c);
      // a line break read here is counted as runValue counts those between tokens (machine.ts)
      if (c === LF) this.lineBreak(i, c);
      i++;
    }
    return i;
  }

  /** The probe decided at i (the held text ends before it): a set (setAt) or an object (setNotAt); either
   * way the held text is scanned again from its `{`. */
  protected setDecided(i: number, isSet: boolean): number {
    const text = this.setText;
    this.setText = '';
    const at = this.endHeld(i);
    if (isSet) this.setAt = at.offset;
    else this.setNotAt = at.offset;
    return this.rescanHeld(i, text, at);
  }

}
