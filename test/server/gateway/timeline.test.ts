/**
 * The artifact's timeline of upstream reads (server/gateway/timeline.ts): exact entries first, then
 * buckets that merge and widen, never more than TIMELINE_EXACT + TIMELINE_BUCKETS entries; and what a
 * streamed request records through the gateway, with an upstream that pauses where the script says.
 */
import { strict as assert } from 'node:assert';
import { Timeline, TIMELINE_BUCKETS, TIMELINE_EXACT, TIMELINE_FIRST_BUCKET_MS } from '../../../server/gateway/timeline';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

describe('gateway: the timeline of upstream reads', () => {
  it('keeps each read of a short stream: time since the start (0.1 ms), bytes, one read, held content', () => {
    const t = new Timeline(1000);
    t.read(1012.34, 100, 0);
    t.read(1012.36, 5, 7);
    t.read(1500, 20, null);
    assert.deepEqual(t.toJSON(), { reads: 3, exact: 3, bucketMs: null, entries: [[12.3, 100, 1, 0], [12.4, 5, 1, 7], [500, 20, 1, null]] });
  });

  it(`sums reads after the first ${TIMELINE_EXACT} into ${TIMELINE_FIRST_BUCKET_MS} ms buckets, the last held count winning`, () => {
    const t = new Timeline(0);
    for (let i = 0; i < TIMELINE_EXACT; i++) t.read(i, 1, 0);
    t.read(2000, 10, 1); // bucket 2000
    t.read(2009.9, 20, 2); // same bucket
    t.read(2010, 30, null); // the next one
    const j = t.toJSON();
    assert.equal(j.entries.length, TIMELINE_EXACT + 2);
    assert.deepEqual(j.entries[TIMELINE_EXACT - 1], [TIMELINE_EXACT - 1, 1, 1, 0]);
    assert.deepEqual(j.entries.slice(TIMELINE_EXACT), [[2000, 30, 2, 2], [2010, 30, 1, null]]);
    assert.deepEqual([j.reads, j.exact, j.bucketMs], [TIMELINE_EXACT + 3, TIMELINE_EXACT, 10]);
  });

  it(`merges neighbouring buckets when ${TIMELINE_BUCKETS} are in use, doubling their width`, () => {
    const t = new Timeline(0);
    for (let i = 0; i < TIMELINE_EXACT; i++) t.read(0, 1, 0);
    for (let i = 0; i < TIMELINE_BUCKETS; i++) t.read(i * 10, 2, i); // one bucket each: all in use
    t.read(TIMELINE_BUCKETS * 10, 3, 0); // a new bucket: the merge makes room
    const j = t.toJSON();
    assert.equal(j.bucketMs, 20);
    const buckets = j.entries.slice(TIMELINE_EXACT);
    assert.equal(buckets.length, TIMELINE_BUCKETS / 2 + 1);
    assert.deepEqual(buckets.slice(0, 2), [[0, 4, 2, 1], [20, 4, 2, 3]]);
    assert.deepEqual(buckets.at(-1), [TIMELINE_BUCKETS * 10, 3, 1, 0]);
  });

  it('stays bounded over a million reads, losing no byte and no read', () => {
    const t = new Timeline(0);
    let bytes = 0;
    for (let i = 0; i < 1_000_000; i++) {
      t.read(i * 0.7, (i % 13) + 1, i % 5);
      bytes += (i % 13) + 1;
    }
    const j = t.toJSON();
    assert.ok(j.entries.length <= TIMELINE_EXACT + TIMELINE_BUCKETS, `${j.entries.length} entries`);
    assert.equal(j.entries.reduce((n, e) => n + e[1], 0), bytes);
    assert.equal(j.entries.reduce((n, e) => n + e[2], 0), 1_000_000);
    assert.equal(j.reads, 1_000_000);
    // buckets are aligned on their width and in time order
    const starts = j.entries.slice(TIMELINE_EXACT).map((e) => e[0]);
    assert.ok(starts.every((s, i) => s % j.bucketMs! === 0 && (i === 0 || s > starts[i - 1]!)));
  });

  describe('through the gateway', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

    const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };

    it('records each read with its bytes and the content held, and a pause as a gap at least that long', async () => {
      // pieces 20 ms apart, then a 400 ms stall before the last: each piece is its own read
      const pieces = [sse(chunk({ content: 'Sure: ' })), sse(chunk({ content: '{"a": [1,' })), sse(chunk({ content: ' 2,]}' })), sse(chunk({}, 'stop'), '[DONE]')];
      up.enqueue({ chunks: pieces, gapsMs: [20, 20, 400, 0] });
      const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
      await res.text();
      const a = await artifactOf(d, res);
      const tl = a.timeline!;
      assert.deepEqual([tl.reads, tl.exact, tl.bucketMs], [4, 4, null]);
      assert.deepEqual(tl.entries.map((e) => e[1]), pieces.map((p) => Buffer.byteLength(p)));
      assert.deepEqual(tl.entries.map((e) => e[2]), [1, 1, 1, 1]);
      // held: text that starts as prose holds its candidate value until it is known to be the answer, so
      // everything received waits (6, 6 + 9, 6 + 9 + 5) until the end sends the value; what stays is the
      // prose and the trailing comma dropped (7)
      assert.deepEqual(tl.entries.map((e) => e[3]), [6, 15, 20, 7]);
      const gaps = tl.entries.slice(1).map((e, i) => e[0] - tl.entries[i]![0]);
      // a read's time is when the gateway got to it, so a gap can be shorter than the pause by the delay of
      // the read before it: the stall is the longest gap by far, not exactly 400 ms
      assert.equal(Math.max(...gaps), gaps[2], `gaps ${gaps.join(', ')}`);
      assert.ok(gaps[2]! > 300, `the stall shows as a gap of ${gaps[2]} ms`);
    });

    it('records the reads of a Messages API stream, without a held count', async () => {
      const pieces = [sse(chunk({ role: 'assistant', content: 'Hel' })), sse(chunk({ content: 'lo' }, 'stop'), '[DONE]')];
      up.enqueue({ chunks: pieces, gapMs: 20 });
      const res = await fetch(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(res.status, 200);
      await res.text();
      const a = await artifactOf(d, res);
      assert.equal(a.api, 'messages');
      assert.deepEqual(a.timeline!.entries.map((e) => [e[1], e[2], e[3]]), pieces.map((p) => [Buffer.byteLength(p), 1, null]));
    });

    it('passthrough records the reads without a held count', async () => {
      const pieces = [sse(chunk({ content: '{"a":' })), sse(chunk({ content: '1}' }, 'stop'), '[DONE]')];
      up.enqueue({ chunks: pieces, gapMs: 50 });
      const res = await postChat(d, REQ, { 'x-streamfix-mode': 'passthrough' });
      await res.text();
      const a = await artifactOf(d, res);
      assert.deepEqual(a.timeline!.entries.map((e) => [e[1], e[2], e[3]]), pieces.map((p) => [Buffer.byteLength(p), 1, null]));
    });
  });
});
