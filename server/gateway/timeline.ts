/**
 * When the upstream's bytes arrived, for the inspector's timeline chart: one entry per upstream read
 * (ms since the request arrived, bytes, and the content the gateway held after it), bounded. The first
 * TIMELINE_EXACT reads are kept one entry each; later reads are summed into time buckets of `bucketMs`,
 * and when TIMELINE_BUCKETS buckets are in use neighbouring pairs merge and the width doubles. A stream
 * of any length keeps at most TIMELINE_EXACT + TIMELINE_BUCKETS entries, 4 numbers each in one flat
 * array (64 KB at most), turned into tuples only for the artifact.
 *
 *   const t = new Timeline(performance.now());
 *   t.read(performance.now(), 512, 0); // per upstream read
 *   t.toJSON() // { reads: 1, exact: 1, bucketMs: null, entries: [[12.3, 512, 1, 0]] }
 */
import type { ArtifactTimeline, TimelineEntry } from '../../shared/protocol';

export const TIMELINE_EXACT = 1500;
export const TIMELINE_BUCKETS = 500;
/** The first bucket width; it doubles at each merge, so a stream of hours still fits. */
export const TIMELINE_FIRST_BUCKET_MS = 10;
/** Fields per entry in the flat arrays: at, bytes, reads, held (-1: not counted). */
const F = 4;

export class Timeline {
  /** Every upstream read, also those merged into buckets. */
  reads = 0;
  private readonly exact: number[] = [];
  private buckets: number[] = [];
  private bucketMs = TIMELINE_FIRST_BUCKET_MS;

  constructor(private readonly startedAt: number) {}

  /** One upstream read at time `now` (the clock of `startedAt`); `held`: content characters received and
   * not yet given to the client (held back or stripped), null when the endpoint does not count them. */
  read(now: number, bytes: number, held: number | null): void {
    this.reads++;
    const at = Math.round((now - this.startedAt) * 10) / 10;
    const h = held ?? -1;
    if (this.exact.length < TIMELINE_EXACT * F) this.exact.push(at, bytes, 1, h);
    else this.bucket(at, bytes, h);
  }

  private bucket(at: number, bytes: number, held: number): void {
    for (;;) {
      const b = this.buckets; // merge() replaces the array
      const start = Math.floor(at / this.bucketMs) * this.bucketMs;
      const last = b.length - F;
      if (last >= 0 && b[last] === start) {
        b[last + 1]! += bytes;
        b[last + 2]!++;
        b[last + 3] = held;
        return;
      }
      if (b.length < TIMELINE_BUCKETS * F) {
        b.push(start, bytes, 1, held);
        return;
      }
      this.merge(); // then the read finds its (wider) bucket
    }
  }

  /** Neighbouring buckets merge (the width doubles): about half the buckets are free again. */
  private merge(): void {
    this.bucketMs *= 2;
    const b = this.buckets;
    const out: number[] = [];
    for (let i = 0; i < b.length; i += F) {
      const start = Math.floor(b[i]! / this.bucketMs) * this.bucketMs;
      const last = out.length - F;
      if (last >= 0 && out[last] === start) {
        out[last + 1]! += b[i + 1]!;
        out[last + 2]! += b[i + 2]!;
        out[last + 3] = b[i + 3]!;
      } else out.push(start, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    }
    this.buckets = out;
  }

  toJSON(): ArtifactTimeline {
    const entries: TimelineEntry[] = [];
    for (const a of [this.exact, this.buckets]) {
      for (let i = 0; i < a.length; i += F) entries.push([a[i]!, a[i + 1]!, a[i + 2]!, a[i + 3]! < 0 ? null : a[i + 3]!]);
    }
    return { reads: this.reads, exact: this.exact.length / F, bucketMs: this.buckets.length > 0 ? this.bucketMs : null, entries };
  }
}
