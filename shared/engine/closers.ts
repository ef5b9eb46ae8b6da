/**
 * The closing brackets view() appends for the open containers, kept per depth: the closers of the
 * bottom k containers are built once and reused while that part of the stack stays, so a stack that
 * changes at its top (a bracket opened or closed, the common case) costs at most one short string,
 * not a string per open container and a quoted copy at every change.
 */
import { LBRACE } from './chars';

export class Closers {
  /** plain[k]: the closers of stack[0..k], innermost first; quoted[k]: the same after a `"` ('' until
   * asked); opener[k]: the bracket plain[k] was built for. Entries [0, valid) were built for the
   * stack as it was, and stay right while the stack below them is unchanged. */
  private readonly plain: string[] = [];
  private readonly quoted: string[] = [];
  private readonly opener: number[] = [];
  private valid = 0;
  private depth = 0;

  /** The stack changed: entries of its unchanged bottom part are kept, the rest rebuilt. O(depth). */
  update(stack: readonly number[]): void {
    const n = stack.length;
    const same = Math.min(n, this.valid);
    let k = 0;
    while (k < same && this.opener[k] === stack[k]) k++;
    if (k < n) {
      for (let j = k; j < n; j++) {
        const c = stack[j];
        this.plain[j] = (c === LBRACE ? '}' : ']') + (j > 0 ? this.plain[j - 1] : '');
        this.quoted[j] = '';
        this.opener[j] = c;
      }
      this.valid = n;
    }
    this.depth = n;
  }

  /** What closes the stack given to update(); `inString`: a value string is open, a `"` goes first. */
  text(inString: boolean): string {
    const k = this.depth - 1;
    if (!inString) return k < 0 ? '' : this.plain[k];
    if (k < 0) return '"';
    let q = this.quoted[k];
    if (q === '') q = this.quoted[k] = '"' + this.plain[k];
    return q;
  }
}
