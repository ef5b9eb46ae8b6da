import { strict as assert } from 'node:assert';
import { STALL_FACTOR, timelineChart } from '../../client/timelineChart';
import type { ArtifactTimeline, TimelineEntry } from '../../shared/protocol';

const timings = { ttfbMs: 10, totalMs: 1000, addedMs: 1 };
const of = (entries: TimelineEntry[], extra: Partial<ArtifactTimeline> = {}) => ({
  timings,
  timeline: { reads: entries.reduce((n, e) => n + e[2], 0), exact: entries.length, bucketMs: null, entries, ...extra },
});

describe('client/timelineChart', () => {
  it('has no chart for an artifact without a timeline', () => {
    assert.equal(timelineChart({ timings }), null);
    assert.equal(timelineChart(of([])), null);
  });

  it(`marks a gap over ${STALL_FACTOR}× the median as a stall, with bars, held content and a summary`, () => {
    const c = timelineChart(of([[10, 100, 1, 0], [20, 50, 1, 6], [30, 50, 1, 12], [40, 2048, 1, 3], [540, 10, 1, 0]]))!;
    assert.deepEqual(c.bars.map((b) => b.label), [
      '10 ms: 100 bytes, 0 chars held',
      '20 ms: 50 bytes, 6 chars held',
      '30 ms: 50 bytes, 12 chars held',
      '40 ms: 2.0 KB, 3 chars held',
      '540 ms: 10 bytes, 0 chars held',
    ]);
    assert.equal(c.medianGapMs, 10);
    assert.deepEqual(c.stalls, [{ from: 40, to: 540, gapMs: 500, label: 'stall: 500 ms without data (40 ms–540 ms)' }]);
    assert.deepEqual([c.spanMs, c.ttfbMs, c.maxBytes, c.maxHeld], [1000, 10, 2048, 12]);
    assert.equal(c.summary, '5 upstream reads, 2.2 KB, from 10 ms to 540 ms; median gap 10 ms; 1 stall (gap over 4× the median): 500 ms at 40 ms; content held back or stripped: up to 12 chars.');
  });

  it('never calls a gap under 50 ms a stall, however small the median', () => {
    const c = timelineChart(of([[1, 1, 1, null], [1.1, 1, 1, null], [1.2, 1, 1, null], [41.2, 1, 1, null]]))!;
    assert.deepEqual(c.stalls, []);
    assert.equal(c.summary, '4 upstream reads, 4 bytes, from 1 ms to 41.2 ms; median gap 0.1 ms; no stalls.');
  });

  it('measures gaps from the end of a bucket, and says where buckets start', () => {
    const c = timelineChart(of([[5, 10, 1, 1], [2000, 300, 3, 2], [2010, 30, 1, 2], [2500, 7, 2, null]], { exact: 1, bucketMs: 10, reads: 7 }))!;
    assert.deepEqual(c.bars.map((b) => b.label), ['5 ms: 10 bytes, 1 char held', '2000 ms: 300 bytes in 3 reads (10 ms bucket), 2 chars held', '2010 ms: 30 bytes (10 ms bucket), 2 chars held', '2500 ms: 7 bytes in 2 reads (10 ms bucket)']);
    // gaps: 5 → 2000 (1995), the first bucket's end 2010 → 2010 (0), 2020 → 2500 (480); median 480
    assert.equal(c.medianGapMs, 480);
    assert.deepEqual(c.stalls, [{ from: 5, to: 2000, gapMs: 1995, label: 'stall: 1995 ms without data (5 ms–2000 ms)' }]);
    assert.equal(c.spanMs, 2510);
    assert.match(c.summary, /; reads after the first 1 summed per 10 ms\.$/);
  });
});
