/**
 * A segment is a piece of input the machine scans: a pushed chunk, or the raw text of a rejected JSON
 * candidate scanned again as prose. It knows its absolute offset and the line and column it starts
 * at, and turns an index into a line and column with a cursor that only moves forward (positions are
 * asked for in increasing order while scanning), so locating costs O(segment) in total, not per call.
 */
export class Segment {
  // The cursor: `cIdx` is an index already located, `cLine` its line, `cLineStart` the index where that
  // line starts (-1: the line started before this segment, so the column continues from `col0`).
  private cIdx = 0;
  private cLine: number;
  private cLineStart = -1;
  // The first newline at or after `cIdx` (text.length when there is none): cached so that a run of
  // calls between two far-apart newlines does not search the same stretch again.
  private nextNl = -2;

  constructor(
    public text: string,
    public base: number,
    public line0: number,
    public col0: number,
  ) {
    this.cLine = line0;
  }

  /** Reuse this object for the next chunk (one allocation less per push). */
  reset(text: string, base: number, line0: number, col0: number): this {
    this.text = text;
    this.base = base;
    this.line0 = line0;
    this.col0 = col0;
    this.cIdx = 0;
    this.cLine = line0;
    this.cLineStart = -1;
    this.nextNl = -2;
    return this;
  }

  line(idx: number): number {
    this.advance(idx);
    return this.cLine;
  }

  column(idx: number): number {
    this.advance(idx);
    return this.cLineStart < 0 ? this.col0 + idx : idx - this.cLineStart;
  }

  private find(from: number): number {
    const nl = String.prototype.indexOf.call(this.text, '\n', from);
    return nl === -1 ? this.text.length : nl;
  }

  private advance(idx: number): void {
    if (idx < this.cIdx) {
      // step back line by line (positions asked for out of order are close to each other)
      while (this.cLineStart > idx) {
        this.nextNl = this.cLineStart - 1;
        const prev = this.cLineStart >= 2 ? String.prototype.lastIndexOf.call(this.text, '\n', this.cLineStart - 2) : -1;
        this.cLine--;
        this.cLineStart = prev === -1 ? -1 : prev + 1;
      }
      this.cIdx = idx;
      return;
    }
    let nl = this.nextNl;
    if (nl === -2) nl = this.find(0);
    while (nl < idx) {
      this.cLine++;
      this.cLineStart = nl + 1;
      nl = this.find(nl + 1);
    }
    this.nextNl = nl;
    this.cIdx = idx;
  }
}
