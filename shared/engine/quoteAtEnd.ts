/**
 * A string element whose closing quote the model forgot right before the closers that end the text:
 * `["a", "b", "c]` means `["a", "b", "c"]`. A text cut right after a `]` inside a string (max_tokens)
 * looks the same, and the truncation rule (close the cut value, invent nothing) kept the `]` as the
 * string's text: `["a", "b", "c]"]`, TRUNCATED. What tells them apart is taken from the text: the run
 * of `]` and `}` at the end of the string ends with exactly the closers of every container still open, the
 * string is an element of an array (not an object's value: `{"a": "b}` stays a cut string), and the
 * array's elements before it were strings too (at least one). Then the string's closing quote goes
 * before the run (kind `missing_quote`) and the run closes the containers, REPAIRED. So a value string
 * in an array whose text ends a push with `]` or `}` holds that run (at most CLOSER_RUN_MAX
 * characters) until the next character (the string goes on) or the end of the input decides.
 */
import * as C from './chars';
import { OpenArrayScanner } from './openArray';
import { SavedPosition } from './output';
import { Segment } from './segment';
import * as S from './state';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const { LBRACKET, QUOTE, RBRACE, RBRACKET } = C;
const { V_STRING, V_STR_CLOSERS, closerOf } = S;

/** The longest run of closers held at the end of a string element. */
export const CLOSER_RUN_MAX = 64;

/** strRun of an array with an element that is no string (or of no array): never counts up to 2. */
export const NOT_STRINGS = -(1 << 30);

export abstract class QuoteAtEndScanner extends OpenArrayScanner {
  /** A value string's text ended the segment at len with a `]` or `}`: hold the run of closers when the
   * string is an element of an array of strings (strRun), and nothing else is held. */
  protected closersAtSegmentEnd(s: string, len: number): void {
    const o = this.o;
    if (o.pending || this.strIsKey || this.strRun < 2 || this.stack[this.stack.length - 1] !== LBRACKET) return;
    let j = len - 1;
    while (j > 0 && j > o.emitFrom && len - j < CLOSER_RUN_MAX && isCloser(String.prototype.charCodeAt.call(s, j - 1))) j--;
    o.startPending(j);
    this.closerRun = len - j;
    this.vstate = V_STR_CLOSERS;
  }

  /** After a held run of closers (V_STR_CLOSERS): more closers, or the string's text goes on. */
  protected strClosers(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (!isCloser(c) || this.closerRun >= CLOSER_RUN_MAX) {
        this.o.commitPending(i);
        this.vstate = V_STRING;
        return i;
      }
      this.closerRun++;
      i++;
    }
    return i;
  }

  /** The input ends inside a string element held as a possible key (openArray.ts): a run of closers at
   * the end of its word is held alone, as closersAtSegmentEnd holds one, for closersAtEnd. */
  protected elemEnds(i: number): void {
    const o = this.o;
    const word = o.tail(i, this.elemLen);
    let run = 0;
    while (run < word.length && run < CLOSER_RUN_MAX && isCloser(word.charCodeAt(word.length - 1 - run))) run++;
    if (run === 0 || this.strRun < 2) {
      this.elemIsString(i);
      return;
    }
    // the word has no line break: the run's start is `run` columns before the end
    const end = o.pos(i);
    const at = new SavedPosition();
    at.save(new Segment(word.slice(word.length - run), end.offset - run, end.line, end.column - run), 0);
    o.keepTail(i, run, at);
    this.beginString(QUOTE, false);
    this.closerRun = run;
    this.vstate = V_STR_CLOSERS;
  }

  /** The input ends after the held run: when the run ends with exactly the closers of what is open,
   * the string's closing quote is missing before them (closers before those are its text); otherwise
   * the run is the text of a cut string, as before. */
  protected closersAtEnd(i: number): void {
    const o = this.o;
    const stack = this.stack;
    let want = '';
    for (let j = stack.length - 1; j >= 0; j--) want += closerOf(stack[j]);
    const run = o.tail(i, this.closerRun);
    if (!run.endsWith(want)) {
      o.commitPending(i);
      this.vstate = V_STRING;
      return;
    }
    // repair: the string's closing quote goes before the closers (output before them, after any
    // closers that are its text; the run has no line break)
    const k = run.length - want.length;
    const start = o.pendingStart();
    o.materialize(i);
    o.emit(o.carry.slice(0, k) + '"');
    o.carry = o.carry.slice(k);
    o.repairSink.push(o.repair('missing_quote', { offset: start.offset + k, line: start.line, column: start.column + k }, 0, '"'));
    o.commitPending(i);
    stack.length = 0;
    this.stackVer++;
    this.afterValue(i);
  }
}

function isCloser(c: number): boolean {
  return c === RBRACKET || c === RBRACE;
}
