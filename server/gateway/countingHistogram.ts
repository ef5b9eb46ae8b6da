/**
 * A Prometheus histogram without labels whose `observe` only counts: the gateway observes its own time once
 * per upstream read (`streamfix_added_seconds_per_chunk`), and prom-client's `Histogram.observe` costs
 * ~260 ns a call (it makes a closure, converts and validates labels, hashes them, and finds and bumps the
 * bucket through a number used as a property key), against ~10 ns here. The counts live in this object and
 * are written into the prom-client histogram when a scrape reads it (its `collect` hook), as absolute
 * values: the sum is added up in the order the values came, as prom-client adds it, so `/metrics` shows
 * the same text as a prom-client Histogram fed the same values
 * (test/server/gateway/countingHistogram.test.ts compares the two).
 *
 *   const h = new CountingHistogram({ name: 'x_seconds', help: '…', buckets: [0.001, 0.01], registers: [registry] });
 *   h.observe(0.002); // x_seconds_bucket{le="0.01"} 1 at the next scrape
 */
import { Histogram } from 'prom-client';

/** What a scrape writes into: prom-client's record of an unlabelled histogram (lib/histogram.js
 * createBaseValues; its bucket counts are per bucket, not cumulative, keyed by the upper bound). */
interface BaseValues {
  bucketValues: Record<number, number>;
  sum: number;
  count: number;
}

export class CountingHistogram {
  readonly histogram: Histogram;
  private readonly bounds: Float64Array;
  /** Values per bucket (not cumulative), by bucket index; values above the last bound count only in
   * `count`, as in prom-client. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(config: { name: string; help: string; buckets: number[]; registers: NonNullable<ConstructorParameters<typeof Histogram>[0]['registers']> }) {
    this.bounds = Float64Array.from(config.buckets);
    this.counts = new Float64Array(config.buckets.length);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.histogram = new Histogram({
      ...config,
      collect(this: Histogram) {
        self.writeInto(this);
      },
    });
  }

  /** Counts `value` (seconds); the caller passes finite values ≥ 0 only. */
  observe(value: number): void {
    const b = this.bounds;
    let i = 0;
    // the first bound the value is at most (prom-client findBound)
    while (i < b.length && !(value <= b[i]!)) i++;
    if (i < b.length) this.counts[i]!++;
    this.sum += value;
    this.count++;
  }

  private writeInto(h: Histogram): void {
    const entries = Object.values((h as unknown as { hashMap: Record<string, BaseValues> }).hashMap);
    // an unlabelled histogram has its one record from the start (prom-client's constructor makes it)
    if (entries.length !== 1) throw new Error(`CountingHistogram: expected one unlabelled record, found ${entries.length}`);
    const e = entries[0]!;
    for (let i = 0; i < this.bounds.length; i++) e.bucketValues[this.bounds[i]!] = this.counts[i]!;
    e.sum = this.sum;
    e.count = this.count;
  }
}
