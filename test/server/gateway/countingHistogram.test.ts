import { strict as assert } from 'node:assert';
import { Histogram, Registry } from 'prom-client';
import { CountingHistogram } from '../../../server/gateway/countingHistogram';
import { GatewayMetrics } from '../../../server/gateway/metrics';
import { mulberry32 as random } from '../../random';

const BUCKETS = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];

/** The two histograms, each in a registry of its own, under one name. */
function pair(): { counting: CountingHistogram; plain: Histogram; text: () => Promise<[string, string]> } {
  const a = new Registry();
  const b = new Registry();
  const config = { name: 'x_seconds', help: 'a help text', buckets: BUCKETS };
  const counting = new CountingHistogram({ ...config, registers: [a] });
  const plain = new Histogram({ ...config, registers: [b] });
  return { counting, plain, text: async () => [await a.metrics(), await b.metrics()] };
}


describe('CountingHistogram: the same /metrics text as a prom-client Histogram fed the same values', () => {
  it('with no value observed', async () => {
    const { text } = pair();
    const [got, want] = await text();
    assert.equal(got, want);
    assert.match(got, /x_seconds_bucket\{le="\+Inf"\} 0\nx_seconds_sum 0\nx_seconds_count 0/);
  });

  it('on every bound, just above it, zero, and above the last bound', async () => {
    const { counting, plain, text } = pair();
    const values = [0, ...BUCKETS, ...BUCKETS.map((b) => b * 1.000001), 0.1000001, 7, 1e-12];
    for (const v of values) {
      counting.observe(v);
      plain.observe(v);
    }
    const [got, want] = await text();
    assert.equal(got, want);
    assert.match(got, /x_seconds_bucket\{le="0.00001"\} 3\n/);
    assert.match(got, /x_seconds_bucket\{le="\+Inf"\} 28\n/);
    assert.match(got, /x_seconds_count 28\n$/);
  });

  it('on 100,000 random values over the whole range, scraped three times as they come (the sum to the last digit)', async () => {
    const { counting, plain, text } = pair();
    const next = random(8);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 100_000 / 3; i++) {
        // log-uniform from 1 µs to 1 s: every bucket and the overflow get values
        const v = 10 ** (-6 + 6 * next());
        counting.observe(v);
        plain.observe(v);
      }
      const [got, want] = await text();
      assert.equal(got, want);
    }
  });

  it('is what GatewayMetrics observes the per-chunk time with (NaN and negative values left out)', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    const { plain, text } = pair();
    for (const v of [0.000004, 0.00002, 0.0008, NaN, -1, 0.3]) {
      m.observeAddedPerChunk(v);
      if (Number.isFinite(v) && v >= 0) plain.observe(v);
    }
    const want = (await text())[1].replace(/x_seconds/g, 'streamfix_added_seconds_per_chunk').replace('a help text', "The gateway's own processing time per upstream chunk (parse, repair, re-encode)");
    const all = await m.registry.metrics();
    const block = all.slice(all.indexOf('# HELP streamfix_added_seconds_per_chunk'));
    assert.equal(block.slice(0, want.length), want);
  });
});
