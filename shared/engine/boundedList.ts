/**
 * A list of a stream's entries (repairs, stripped spans), bounded as BoundedText bounds a text: the first
 * and the last entries are kept and those between only counted, so a stream with a repair every few
 * characters costs a fixed amount of memory however long it runs. Unbounded by default (every entry
 * kept), which is what a caller repairing a whole text expects.
 *
 * Example:
 *   const l = new BoundedList<number>(4);   // keeps the first 2 and the last 2
 *   for (let i = 0; i < 10; i++) l.push(i);
 *   l.toArray();                            // [0, 1, 8, 9]
 *   l.cut();                                // { at: 2, entries: 6 }
 */

/** Where a kept list was cut: `entries` entries were dropped before index `at` of the kept list. */
export interface ListCut {
  at: number;
  entries: number;
}

export class BoundedList<T> {
  /** Entries pushed in all, the dropped ones included. */
  length = 0;
  private readonly head: T[] = [];
  /** The newest entries: up to twice `tailMax` between two compactions (amortized O(1) per push). */
  private tail: T[] = [];
  private readonly headMax: number;
  private readonly tailMax: number;

  /** `limit`: entries kept at most (the first half rounded up, then the last); Infinity keeps all. */
  constructor(readonly limit = Infinity) {
    this.headMax = limit === Infinity ? Infinity : Math.ceil(limit / 2);
    this.tailMax = limit === Infinity ? 0 : Math.floor(limit / 2);
  }

  push(x: T): void {
    this.length++;
    if (this.head.length < this.headMax) this.head.push(x);
    else if (this.tailMax > 0) {
      this.tail.push(x);
      if (this.tail.length >= 2 * this.tailMax) this.tail = this.tail.slice(this.tail.length - this.tailMax);
    }
  }

  /** Entries dropped so far (between the head and the tail kept). */
  get dropped(): number {
    return this.length - this.head.length - Math.min(this.tail.length, this.tailMax);
  }

  /** The entries kept, in the order pushed (a new array). */
  toArray(): T[] {
    return this.tail.length <= this.tailMax ? this.head.concat(this.tail) : this.head.concat(this.tail.slice(this.tail.length - this.tailMax));
  }

  /** The cut in toArray(), or null when nothing was dropped. */
  cut(): ListCut | null {
    const entries = this.dropped;
    return entries === 0 ? null : { at: this.head.length, entries };
  }

  /** Sorts what is kept. With nothing dropped, the whole list, as Array.sort would; after a cut the head
   * and the tail each (the dropped entries lie between them in the order pushed, not in `compare`'s). */
  sort(compare: (a: T, b: T) => number): void {
    if (this.tail.length > this.tailMax) this.tail = this.tail.slice(this.tail.length - this.tailMax);
    if (this.dropped === 0 && this.tail.length > 0) {
      const all = this.head.concat(this.tail).sort(compare);
      this.head.length = 0;
      for (let i = 0; i < this.headMax; i++) this.head.push(all[i]!);
      this.tail = all.slice(this.headMax);
      return;
    }
    this.head.sort(compare);
    this.tail.sort(compare);
  }
}
