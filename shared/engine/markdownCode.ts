/**
 * Markdown code in content, as the reasoning stage needs it: whether a `<` is inside a fenced block or an
 * inline code span, where a tag is text the answer shows (`` `<think>` ``), not reasoning. One pass over
 * content only (never inside a reasoning block), CommonMark's rules with two bounds:
 * - a fence opens at a run of 3 or more backticks that starts its line (after up to 3 spaces) and closes
 *   at a run at least as long that starts a line; a backtick later on its opening line makes the run an
 *   inline span instead (a backtick fence's info string has none);
 * - LLM idiom, as the engine reads it: a run of 3 or more in the middle of a line that ends its line, or
 *   is followed there only by one info word written against it (`Here it is: ```json`), opens a fence on
 *   the next line;
 * - any other run opens an inline span, closed by the next run of exactly its length on the same line; a
 *   line end first makes the run literal text. (CommonMark lets a span cross a single line break: ending
 *   it at the line keeps one stray backtick from hiding the tags of later lines, and the reasoning stage's
 *   hold for a `<` inside an open span short.)
 */

export const CODE_NONE = 0;
export const CODE_FENCE = 1;
export const CODE_SPAN = 2;

function isInfoChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 43 || c === 46 || c === 35;
}

/**
 * The backtick runs of a text at line start (after up to 3 spaces) or not. `lead` is what the position
 * where the text so far ends needs: the spaces since its line started, -1 when anything else came.
 */
export class MarkdownCode {
  /** The open fence's run length (0: none), and whether its opening line is still being read. */
  fence = 0;
  private fenceLine = false;
  /** The open inline span's run length (0: none). */
  span = 0;
  /** A run of 3 or more in the middle of a line that opens a fence if its line ends in one info word:
   * its length, and where the info is (0: right after the run, 1: in the word, 2: spaces after it). */
  private pend = 0;
  private pendAt = 0;
  /** The backtick run being read (a chunk end can cut it) and whether it starts its line. */
  private tick = 0;
  private tickHead = false;
  private lead = 0;

  /** Moves over content s[a, b). */
  scan(s: string, a: number, b: number): void {
    const leadA = this.lead;
    let k = a;
    while (k < b) {
      if (this.tick > 0) {
        if (String.prototype.charCodeAt.call(s, k) === 96) {
          this.tick++;
          k++;
          continue;
        }
        this.endRun();
      }
      let bt = String.prototype.indexOf.call(s, '`', k);
      if (bt < 0 || bt > b) bt = b;
      if (this.span > 0 || this.pend > 0 || this.fenceLine) {
        let nl = String.prototype.indexOf.call(s, '\n', k);
        if (nl >= bt) nl = -1;
        if (this.pend > 0) this.info(s, k, nl >= 0 ? nl : bt);
        if (nl >= 0) {
          this.lineEnd();
          k = nl + 1;
          continue;
        }
      }
      if (bt === b) break;
      this.tick = 1;
      this.tickHead = headAt(s, a, bt, leadA);
      k = bt + 1;
    }
    if (b > a) this.lead = leadAt(s, a, b, leadA);
  }

  /** What a `<` after the content so far is in (it ends a backtick run before it, and is no info word). */
  at(): number {
    if (this.tick > 0) this.endRun();
    if (this.pend > 0) this.toSpan();
    return this.fence > 0 ? CODE_FENCE : this.span > 0 ? CODE_SPAN : CODE_NONE;
  }

  /** The open inline span turned out never to close: its backticks were text. */
  spanIsText(): void {
    this.span = 0;
  }

  private toSpan(): void {
    this.span = this.pend;
    this.pend = 0;
  }

  private endRun(): void {
    const n = this.tick;
    this.tick = 0;
    if (this.fence > 0) {
      if (this.fenceLine) {
        // a backtick on a fence's opening line: it was an inline span, which this run may close
        this.span = this.fence;
        this.fence = 0;
        this.fenceLine = false;
        if (n === this.span) this.span = 0;
      } else if (this.tickHead && n >= this.fence) this.fence = 0;
      return;
    }
    if (this.pend > 0) this.toSpan();
    if (this.span > 0) {
      if (n === this.span) this.span = 0;
    } else if (n >= 3 && this.tickHead) {
      this.fence = n;
      this.fenceLine = true;
    } else if (n >= 3) {
      this.pend = n;
      this.pendAt = 0;
    } else this.span = n;
  }

  /** The characters s[a, b) after a pending run, up to a line end or a backtick. */
  private info(s: string, a: number, b: number): void {
    for (let k = a; k < b; k++) {
      const c = String.prototype.charCodeAt.call(s, k);
      if (c === 32 || c === 9 || c === 13) this.pendAt = 2;
      else if (isInfoChar(c) && this.pendAt < 2) this.pendAt = 1;
      else return this.toSpan();
    }
  }

  private lineEnd(): void {
    if (this.pend > 0) {
      this.fence = this.pend;
      this.pend = 0;
    }
    this.span = 0;
    this.fenceLine = false;
  }
}

/** Whether s[i] starts its line after up to 3 spaces; `leadA`: the spaces before s[a] on its line. */
function headAt(s: string, a: number, i: number, leadA: number): boolean {
  const n = spacesBefore(s, a, i, leadA);
  return n >= 0 && n <= 3;
}

/** The spaces before s[b] on its line, -1 when anything else (or more than 3 spaces) is there. */
function leadAt(s: string, a: number, b: number, leadA: number): number {
  const n = spacesBefore(s, a, b, leadA);
  return n > 3 ? -1 : n;
}

function spacesBefore(s: string, a: number, i: number, leadA: number): number {
  let n = 0;
  for (let j = i - 1; j >= a; j--) {
    const c = String.prototype.charCodeAt.call(s, j);
    if (c === 10) return n;
    if (c !== 32 || n === 3) return -1;
    n++;
  }
  return leadA < 0 ? -1 : leadA + n;
}
