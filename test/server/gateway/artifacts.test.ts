import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore, ArtifactStoreError, isValidArtifactId, LOCK_FILE } from '../../../server/gateway/artifacts';
import { cutMarker } from '../../../server/gateway/artifactTrim';
import { testFs } from './fixtures/logFs';
import { makeArtifact } from './fixtures/artifactFixture';
import { usedBytes } from './fixtures/logBytes';

async function tempDir(): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-store-'));
}

/** Bytes the store counts for artifact i (measured, so the tests don't depend on the file layout). */
async function sizeOf(i: number, contentSize?: number): Promise<number> {
  const s = await ArtifactStore.open({ dir: null });
  s.put(makeArtifact(i, contentSize));
  return s.stats().bytes;
}

const ids = (s: ArtifactStore) => s.list().map((a) => a.id);
const name = (i: number) => makeArtifact(i).id;

describe('ArtifactStore', () => {
  const dirs: string[] = [];
  async function dir(): Promise<string> {
    const d = await tempDir();
    dirs.push(d);
    return d;
  }
  after(async () => {
    for (const d of dirs) await fsp.rm(d, { recursive: true, force: true });
  });

  describe('in memory', () => {
    it('returns the artifact put and lists summaries newest first', async () => {
      const store = await ArtifactStore.open({ dir: null });
      for (let i = 0; i < 3; i++) store.put(makeArtifact(i));
      assert.deepEqual(await store.get(name(1)), makeArtifact(1));
      assert.equal(await store.get('sfx_unknown'), undefined);
      assert.deepEqual(store.list(2), [
        { id: 'sfx_test000002', createdAt: '2026-01-01T00:00:02.002Z', model: 'demo/model-2', mode: 'strip', status: 'VALID', repairs: 1, totalMs: 12, schema: null },
        { id: 'sfx_test000001', createdAt: '2026-01-01T00:00:01.001Z', model: 'demo/model-1', mode: 'repair', status: 'REPAIRED', repairs: 1, totalMs: 11, schema: null },
      ]);
      assert.deepEqual(ids(store), [name(2), name(1), name(0)]);
      assert.deepEqual(store.list(0), []);
      assert.deepEqual(store.list(-5), []);
      assert.equal(store.stats().count, 3);
      assert.equal(store.stats().dir, null);
    });

    it('lists the newest of the artifacts matching a status, model and mode, however old they are', async () => {
      const store = await ArtifactStore.open({ dir: null });
      // fixture: model demo/model-(i % 3); odd i repair + REPAIRED, even i strip + VALID
      for (let i = 0; i < 40; i++) store.put(makeArtifact(i));
      store.put({ ...makeArtifact(40), status: 'TEXT' });
      for (let i = 41; i < 60; i++) store.put(makeArtifact(i));
      assert.deepEqual(store.list(3, { status: 'VALID' }).map((s) => s.id), [58, 56, 54].map(name));
      assert.deepEqual(store.list(3, { status: 'REPAIRED', model: 'demo/model-1' }).map((s) => s.id), [55, 49, 43].map(name));
      assert.deepEqual(store.list(2, { mode: 'strip', model: 'demo/model-0' }).map((s) => s.id), [54, 48].map(name));
      // the one TEXT artifact is older than the newest 19: a listing of the newest 10 still finds it
      assert.deepEqual(store.list(10, { status: 'TEXT' }).map((s) => s.id), [name(40)]);
      assert.deepEqual(store.list(undefined, { status: 'FAILED' }), []);
      assert.deepEqual(store.list(undefined, { model: 'demo/model-2', mode: 'repair' }).map((s) => s.id), [59, 53, 47, 41, 35, 29, 23, 17, 11, 5].map(name));
      assert.deepEqual(store.list(60, {}).map((s) => s.id), ids(store));
    });

    it('counts tool-call repairs in the summary', async () => {
      const store = await ArtifactStore.open({ dir: null });
      const a = makeArtifact(7);
      a.toolCalls = [
        { index: 0, rawArguments: '{a:1', repairedArguments: '{"a":1}', status: 'REPAIRED', repairs: [a.repairs[0], a.repairs[0]] },
      ];
      store.put(a);
      assert.equal(store.list()[0].repairs, 3);
    });

    it('drops the oldest artifacts past maxCount', async () => {
      const store = await ArtifactStore.open({ dir: null, maxCount: 3 });
      for (let i = 0; i < 5; i++) store.put(makeArtifact(i));
      assert.deepEqual(ids(store), [name(4), name(3), name(2)]);
      assert.equal(await store.get(name(1)), undefined);
      assert.equal(store.stats().count, 3);
    });

    it('drops the oldest artifacts past maxBytes and keeps an exact byte count', async () => {
      const sizes = await Promise.all([0, 1, 2, 3].map((i) => sizeOf(i, 1000)));
      const maxBytes = sizes[1] + sizes[2] + sizes[3] + 10;
      const store = await ArtifactStore.open({ dir: null, maxBytes });
      for (let i = 0; i < 4; i++) store.put(makeArtifact(i, 1000));
      assert.deepEqual(ids(store), [name(3), name(2), name(1)]);
      assert.equal(store.stats().bytes, sizes[1] + sizes[2] + sizes[3]);
    });

    it('replaces an artifact with the same id in place', async () => {
      const store = await ArtifactStore.open({ dir: null });
      for (let i = 0; i < 3; i++) store.put(makeArtifact(i));
      const updated = { ...makeArtifact(0, 500), status: 'TRUNCATED' as const };
      store.put(updated);
      assert.deepEqual(ids(store), [name(2), name(1), name(0)]);
      assert.equal((await store.get(name(0)))?.status, 'TRUNCATED');
      const alone = await ArtifactStore.open({ dir: null });
      alone.put(updated);
      assert.equal(store.stats().bytes, (await sizeOf(1)) + (await sizeOf(2)) + alone.stats().bytes);
      assert.equal(store.stats().count, 3);
    });

    it('rejects ids that are not safe file names', async () => {
      const store = await ArtifactStore.open({ dir: null });
      for (const bad of ['../etc', 'a/b', 'a\\b', '', 'x'.repeat(129), 'a.json', 'nul\u0000']) {
        assert.equal(isValidArtifactId(bad), false, bad);
        assert.throws(
          () => store.put({ ...makeArtifact(0), id: bad }),
          (err: unknown) => err instanceof ArtifactStoreError && err.code === 'INVALID_ID' && /^Invalid artifact id /.test(err.message),
        );
        assert.equal(await store.get(bad), undefined);
      }
      assert.equal(isValidArtifactId('sfx_lz3k9a_x-1'), true);
      assert.equal(store.stats().count, 0);
    });

    it('rejects nonsense bounds with a typed error', async () => {
      await assert.rejects(ArtifactStore.open({ dir: null, maxCount: 0 }), { code: 'INVALID_OPTIONS', message: 'maxCount must be a positive integer, got 0' });
      await assert.rejects(ArtifactStore.open({ dir: null, maxBytes: NaN }), { code: 'INVALID_OPTIONS', message: 'maxBytes must be a positive number, got NaN' });
    });
  });


  it('a store in memory says once per maxCount evictions that it drops the oldest', async () => {
    const notices: string[] = [];
    const store = await ArtifactStore.open({ dir: null, maxCount: 3, onNotice: (m) => notices.push(m) });
    for (let i = 0; i < 10; i++) await store.put(makeArtifact(i));
    assert.equal(store.stats().evicted, 7);
    assert.deepEqual(notices, [1, 4, 7].map((n) => `at its bound (3 artifacts, 67108864 bytes): the oldest artifacts are dropped; ${n} evicted since start`));
    assert.deepEqual(store.warnings, []);
  });

  describe('cut, never dropped', () => {
    /** Checks that `stored` is `original` with one run of characters cut from its middle and marked. */
    function assertCut(original: string, stored: string): number {
      const m = /\n\[… (\d+) characters cut by the StreamFix artifact store …\]\n/.exec(stored);
      assert.ok(m, `no cut marker in ${JSON.stringify(stored.slice(0, 80))}`);
      const removed = Number(m[1]);
      assert.equal(m[0], cutMarker(removed));
      const head = stored.slice(0, m.index);
      const tail = stored.slice(m.index + m[0].length);
      assert.equal(original.startsWith(head), true);
      assert.equal(original.endsWith(tail), true);
      assert.equal(head.length + removed + tail.length, original.length);
      assert.equal(Math.abs(head.length - tail.length) <= 1, true, 'head and tail kept alike');
      return removed;
    }

    it('stores an artifact over the per-artifact bound cut with a marker, an error entry and a warning', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d, maxArtifactBytes: 40000 });
      const big = makeArtifact(5, 50000);
      const originalBytes = Buffer.byteLength(JSON.stringify(big));
      assert.equal(await store.put(big), true);
      await store.close();
      const reopened = await ArtifactStore.open({ dir: d });
      const got = (await reopened.get(big.id))!;
      const storedBytes = Buffer.byteLength(JSON.stringify(got));
      assert.equal(storedBytes <= 40000, true, `${storedBytes} bytes`);
      assertCut(big.rawContent, got.rawContent);
      assertCut(big.repairedContent!, got.repairedContent!);
      assert.deepEqual(got.errors, [
        {
          message: `The artifact was ${originalBytes} bytes, over the store's per-artifact bound of 40000: cut repairedContent, rawContent (head and tail kept)`,
          code: 'artifact_truncated',
        },
      ]);
      assert.deepEqual({ ...got, rawContent: '', repairedContent: '', errors: [] }, { ...big, rawContent: '', repairedContent: '', errors: [] });
      assert.deepEqual(store.warnings, [`artifact ${big.id} is ${originalBytes} bytes, over the per-artifact bound of 40000: stored cut to ${storedBytes} bytes (head and tail kept, marked)`]);
      assert.equal(store.stats().truncated, 1);
      assert.deepEqual(big, makeArtifact(5, 50000), 'the caller\'s artifact is not changed');
      await reopened.close();
    });

    it('cuts a later choice\'s long text as choice 0\'s (n > 1), never dropping the choice', async () => {
      const store = await ArtifactStore.open({ dir: null, maxArtifactBytes: 40000 });
      const big = makeArtifact(7);
      const later = makeArtifact(8, 50000);
      big.choices = [{ index: 1, mode: 'repair', status: 'REPAIRED', rawContent: later.rawContent, repairedContent: 'x', reasoning: '', repairs: [], stripped: [], toolCalls: [], finishReason: 'stop' }];
      const originalBytes = Buffer.byteLength(JSON.stringify(big));
      await store.put(big);
      const got = (await store.get(big.id))!;
      assert.equal(Buffer.byteLength(JSON.stringify(got)) <= 40000, true);
      assertCut(later.rawContent, got.choices![0]!.rawContent);
      assert.deepEqual({ ...got.choices![0]!, rawContent: '' }, { ...big.choices[0]!, rawContent: '' });
      assert.equal(got.rawContent, big.rawContent);
      assert.deepEqual(got.errors, [{ message: `The artifact was ${originalBytes} bytes, over the store's per-artifact bound of 40000: cut choices[0].rawContent (head and tail kept)`, code: 'artifact_truncated' }]);
    });

    it('cuts long lists keeping their first and last entries', async () => {
      const store = await ArtifactStore.open({ dir: null, maxArtifactBytes: 20000 });
      const a = makeArtifact(1);
      a.repairs = Array.from({ length: 1000 }, (_, i) => ({ ...makeArtifact(1).repairs[0], offset: i }));
      await store.put(a);
      const got = (await store.get(a.id))!;
      assert.equal(Buffer.byteLength(JSON.stringify(got)) <= 20000, true);
      const offsets = got.repairs.map((r) => r.offset);
      const head = offsets.findIndex((o, i) => o !== i);
      assert.equal(head > 0, true);
      assert.deepEqual(offsets, [...Array.from({ length: head }, (_, i) => i), ...Array.from({ length: offsets.length - head }, (_, i) => 1000 - (offsets.length - head) + i)]);
      assert.equal(Math.abs(head - (offsets.length - head)) <= 1, true);
      assert.equal(got.errors.at(-1)?.code, 'artifact_truncated');
      // the listing counts every repair the answer had, not the entries the cut copy keeps
      assert.equal(offsets.length < 1000, true);
      assert.equal(store.list()[0].repairs, 1000);
    });

    it('keeps an artifact larger than the whole store bound, cut, rather than dropping it', async () => {
      const small = await sizeOf(0);
      const store = await ArtifactStore.open({ dir: null, maxBytes: small + 600 });
      await store.put(makeArtifact(0));
      await store.put(makeArtifact(1, 5000));
      assert.deepEqual(ids(store), [name(1)]);
      const got = (await store.get(name(1)))!;
      assertCut(makeArtifact(1, 5000).rawContent, got.rawContent);
      assert.equal(store.stats().bytes <= small + 600, true);
      assert.equal(store.stats().truncated, 1);
    });
  });

  describe('on disk', () => {
    it('survives a restart with the same listing and contents', async () => {
      const d = await dir();
      const first = await ArtifactStore.open({ dir: d });
      for (let i = 0; i < 5; i++) void first.put(makeArtifact(i));
      await first.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log']);

      const second = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(second), [4, 3, 2, 1, 0].map(name));
      for (let i = 0; i < 5; i++) assert.deepEqual(await second.get(name(i)), makeArtifact(i));
      assert.equal(second.stats().bytes, first.stats().bytes);
      assert.deepEqual(second.warnings, []);
      // New artifacts after a restart still list as newest, in a new segment.
      await second.put(makeArtifact(99));
      await second.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log', 'artifacts-00000002.log']);
      const third = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(third).slice(0, 2), [name(99), name(4)]);
      assert.deepEqual(await third.get(name(99)), makeArtifact(99));
      await third.close();
    });

    it('put resolves true once the record is on disk; until then get serves it from memory', async () => {
      const d = await dir();
      const fs = testFs();
      const store = await ArtifactStore.open({ dir: d, fs });
      // the record's sync is held, so it cannot be on disk yet, whenever its write starts (a microtask)
      let release!: () => void;
      fs.holdSync = new Promise<void>((r) => (release = r));
      let settled = false;
      const durable = store.put(makeArtifact(0, 100000)).then((ok) => ((settled = true), ok));
      assert.equal(store.stats().pendingWrites, 1);
      assert.deepEqual(await store.get(name(0)), makeArtifact(0, 100000));
      while (fs.calls.datasyncs < 1) await new Promise((r) => setImmediate(r));
      assert.equal(settled, false, 'not resolved while its sync is held');
      assert.equal(store.stats().pendingWrites, 1);
      fs.holdSync = null;
      release();
      assert.equal(await durable, true);
      assert.equal(store.stats().pendingWrites, 0);
      assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log', LOCK_FILE]);
      assert.deepEqual(await store.get(name(0)), makeArtifact(0, 100000), 'read back from the log');
      await store.close();
    });

    it('commits a burst put in one synchronous run as one group; while a group is written every record finished meanwhile waits and they share the next', async () => {
      const d = await dir();
      const fs = testFs();
      const seen: { records: number; bytes: number }[] = [];
      const store = await ArtifactStore.open({ dir: d, fs, onCommit: (t) => seen.push({ records: t.records, bytes: t.bytes }) });
      assert.deepEqual(await Promise.all(Array.from({ length: 50 }, (_, i) => store.put(makeArtifact(i)))), Array(50).fill(true));
      assert.deepEqual(fs.calls, { writes: 1, datasyncs: 1, opens: 1, syncDirs: 1, truncates: 0, preallocates: 1 });

      let release!: () => void;
      fs.holdSync = new Promise<void>((r) => (release = r));
      const first = store.put(makeArtifact(50));
      while (fs.calls.datasyncs < 2) await new Promise((r) => setImmediate(r));
      // one group is written at a time: these are finished while it runs, on separate loop turns
      const waiting: Promise<boolean>[] = [];
      for (let i = 0; i < 30; i++) {
        waiting.push(store.put(makeArtifact(51 + i)));
        await new Promise((r) => setImmediate(r));
      }
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual({ writes: fs.calls.writes, datasyncs: fs.calls.datasyncs, pendingWrites: store.stats().pendingWrites }, { writes: 2, datasyncs: 2, pendingWrites: 31 });
      fs.holdSync = null;
      release();
      assert.deepEqual(await Promise.all([first, ...waiting]), Array(31).fill(true));
      assert.deepEqual(fs.calls, { writes: 3, datasyncs: 3, opens: 1, syncDirs: 1, truncates: 0, preallocates: 1 });
      assert.deepEqual(seen.map((g) => g.records), [50, 1, 30]);
      assert.equal(usedBytes(path.join(d, 'artifacts-00000001.log')), seen.reduce((n, g) => n + g.bytes, 0), 'no gap between the groups');
      await store.close();
      const reopened = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(reopened), Array.from({ length: 81 }, (_, i) => name(80 - i)), 'in put order');
      assert.deepEqual(reopened.warnings, []);
      await reopened.close();
    });

    it('a record queued behind a write slower than the commit wait bound resolves false at the bound too, and lands when the disk lets it', async () => {
      const d = await dir();
      const fs = testFs();
      const store = await ArtifactStore.open({ dir: d, fs, commitWaitMs: 50 });
      assert.equal(await store.put(makeArtifact(0)), true);
      let release!: () => void;
      fs.holdNextWrite = new Promise<void>((r) => (release = r));
      const held = store.put(makeArtifact(1));
      while (fs.calls.writes < 2) await new Promise((r) => setImmediate(r));
      const queued = store.put(makeArtifact(2)); // one write at a time: it waits behind the held one
      assert.deepEqual(await Promise.all([held, queued]), [false, false]);
      // the two bounds run out on separate timers (the held write's from its start, the queued record's from
      // its put): under load either may fire first
      assert.deepEqual([...store.warnings].sort(), [
        '1 artifact(s) not yet durable after 50 ms (slow disk): their responses end anyway',
        '1 artifact(s) queued behind a slower write not yet durable after 50 ms (slow disk): their responses end anyway',
      ]);
      assert.equal(fs.calls.writes, 2, 'the queued one is not written before the held one returns');
      release();
      await store.flush();
      assert.equal(fs.calls.writes, 3);
      await store.close();
      const reopened = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(reopened), [name(2), name(1), name(0)], 'both landed late');
      await reopened.close();
    });

    it('with maxWritesInFlight 4, a record finished while groups are written starts its own write at once; while four are written the rest wait and share the next', async () => {
      const d = await dir();
      const fs = testFs();
      const seen: { records: number; bytes: number }[] = [];
      const store = await ArtifactStore.open({ dir: d, fs, maxWritesInFlight: 4, onCommit: (t) => seen.push({ records: t.records, bytes: t.bytes }) });
      const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => store.put(makeArtifact(i))));
      assert.deepEqual(burst, Array(50).fill(true));
      assert.deepEqual(fs.calls, { writes: 1, datasyncs: 1, opens: 1, syncDirs: 1, truncates: 0, preallocates: 1 });

      let release!: () => void;
      fs.holdSync = new Promise<void>((r) => (release = r));
      // a record finished while groups are written starts its own write at once, at the next offset
      const running: Promise<boolean>[] = [];
      for (let i = 0; i < 4; i++) {
        running.push(store.put(makeArtifact(50 + i)));
        while (fs.calls.datasyncs < 2 + i) await new Promise((r) => setImmediate(r));
      }
      // with four writes running, these wait and share the next one
      const waiting = Array.from({ length: 30 }, (_, i) => store.put(makeArtifact(54 + i)));
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(fs.calls.datasyncs, 5);
      assert.equal(store.stats().pendingWrites, 34);
      fs.holdSync = null;
      release();
      assert.deepEqual(await Promise.all([...running, ...waiting]), Array(34).fill(true));
      assert.deepEqual(fs.calls, { writes: 6, datasyncs: 6, opens: 1, syncDirs: 1, truncates: 0, preallocates: 1 });
      assert.deepEqual({ commits: store.stats().commits, fsyncs: store.stats().fsyncs, pendingWrites: store.stats().pendingWrites }, { commits: 6, fsyncs: 6, pendingWrites: 0 });
      assert.deepEqual(seen.map((g) => g.records).sort((a, b) => a - b), [1, 1, 1, 1, 30, 50], 'the four held writes may return in any order');
      assert.equal(usedBytes(path.join(d, 'artifacts-00000001.log')), seen.reduce((n, g) => n + g.bytes, 0), 'no gap between the groups');
      await store.close();
      assert.equal((await fsp.stat(path.join(d, 'artifacts-00000001.log'))).size, seen.reduce((n, g) => n + g.bytes, 0), 'cut to its used length when closed');
      const reopened = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(reopened), Array.from({ length: 84 }, (_, i) => name(83 - i)), 'in put order: offsets are given out in order');
      assert.deepEqual(reopened.warnings, []);
      await reopened.close();
    });

    it('logs and counts a failed write, cuts it off the segment, keeps the artifact in memory and leaves no other file', async () => {
      const d = await dir();
      const fs = testFs();
      const seen: string[] = [];
      const store = await ArtifactStore.open({ dir: d, fs, onWarning: (m) => seen.push(m) });
      assert.equal(await store.put(makeArtifact(0)), true);
      assert.equal(await store.put(makeArtifact(1)), true);
      const segment = path.join(d, 'artifacts-00000001.log');
      const before = usedBytes(segment);
      fs.failNextWriteAfter = 100;
      assert.equal(await store.put(makeArtifact(2)), false);
      const warning = 'could not write 1 artifact(s) to artifacts-00000001.log: ENOSPC: no space left on device, write; they are kept in memory only';
      assert.deepEqual(store.warnings, [warning]);
      assert.deepEqual(seen, [warning], 'passed on as it happens (the daemon logs it)');
      assert.equal(store.stats().failedWrites, 1);
      assert.equal(store.stats().warnings, 1);
      assert.equal(fs.calls.truncates, 1);
      // The partial record is cut off. The segment's next zeros may be written again after the cut (the
      // preallocation runs on the thread pool): past the records there are zeros only, never its bytes.
      const bytes = await fsp.readFile(segment);
      assert.equal(usedBytes(segment), before, 'the partial record is cut off');
      assert.equal(bytes.subarray(before).every((b) => b === 0), true, 'nothing but zeros after the last whole record');
      assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log', LOCK_FILE]);
      assert.deepEqual(await store.get(name(2)), makeArtifact(2));
      assert.equal(await store.put(makeArtifact(3)), true, 'the next write works');
      await store.close();
      const reopened = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(reopened), [name(3), name(1), name(0)]);
      assert.deepEqual(reopened.warnings, []);
      await reopened.close();
    });

    it('keeps the records of a write that succeeded after an earlier one failed; the failed bytes are skipped when read', async () => {
      const d = await dir();
      const fs = testFs();
      // two writes at once (one at a time is the default; a store before 2026-12-03 ran four)
      const store = await ArtifactStore.open({ dir: d, fs, maxWritesInFlight: 2 });
      assert.equal(await store.put(makeArtifact(0)), true);
      const segment = path.join(d, 'artifacts-00000001.log');
      const failedAt = usedBytes(segment);
      fs.failNextWriteAfter = 100;
      const failed = store.put(makeArtifact(1, 5000));
      await new Promise<void>((r) => queueMicrotask(r)); // its write has started; the next record starts its own
      const after = store.put(makeArtifact(2));
      assert.deepEqual(await Promise.all([failed, after]), [false, true]);
      assert.deepEqual(store.warnings, [
        'could not write 1 artifact(s) to artifacts-00000001.log: ENOSPC: no space left on device, write; they are kept in memory only',
        `a failed write in artifacts-00000001.log at offset ${failedAt} is followed by whole records: its bytes stay there and are skipped when the log is read`,
      ]);
      assert.equal(fs.calls.truncates, 1, 'cut back to the end of the last whole record (nothing past it)');
      assert.deepEqual(await store.get(name(1)), makeArtifact(1, 5000), 'kept in memory');
      assert.equal(await store.put(makeArtifact(3)), true);
      await store.close();
      const reopened = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(reopened), [name(3), name(2), name(0)]);
      assert.deepEqual(await reopened.get(name(2)), makeArtifact(2));
      assert.deepEqual(reopened.warnings, [`recovery: artifacts-00000001.log: record at offset ${failedAt} skipped (checksum mismatch: ${await sizeOf(1, 5000)} bytes)`]);
      await reopened.close();
    });

    it('logs a segment that cannot be created and leaves nothing behind', async () => {
      const d = await dir();
      const fs = testFs();
      fs.failOpen = 'ENOSPC';
      // the first segment is opened ahead, at start-up: its failure is said when a record needs it
      const store = await ArtifactStore.open({ dir: d, fs });
      assert.deepEqual(store.warnings, []);
      assert.equal(await store.put(makeArtifact(0)), false);
      assert.deepEqual(store.warnings, ['could not write 1 artifact(s) to a new segment: ENOSPC: no space left on device, open; they are kept in memory only']);
      assert.equal(store.stats().failedWrites, 1);
      assert.deepEqual(await fsp.readdir(d), [LOCK_FILE]);
      fs.failOpen = null;
      assert.equal(await store.put(makeArtifact(1)), true);
      await store.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log']);
      assert.equal(fs.calls.opens, 3);
    });

    it('deletes a segment once eviction leaves no live record in it', async () => {
      const d = await dir();
      // a segment of 1 byte: every commit opens the next one
      const notices: string[] = [];
      const store = await ArtifactStore.open({ dir: d, maxCount: 4, segmentBytes: 1, onNotice: (m) => notices.push(m) });
      for (let i = 0; i < 12; i++) assert.equal(await store.put(makeArtifact(i)), true);
      await store.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), [9, 10, 11, 12].map((n) => `artifacts-000000${String(n).padStart(2, '0')}.log`));
      assert.equal(store.stats().evicted, 8);
      // expected at the bound, so not a warning: one line per deleted segment, and the count
      assert.deepEqual(notices, [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `deleted artifacts-0000000${n}.log: none of its artifacts is kept any more (the oldest are dropped at the bound of 4 artifacts, 67108864 bytes)`));
      assert.deepEqual(store.warnings, []);
      const reopened = await ArtifactStore.open({ dir: d, maxCount: 4 });
      assert.deepEqual(ids(reopened), [11, 10, 9, 8].map(name));
      await reopened.close();
    });

    it('applies smaller bounds when reopened and deletes the segments left without live records', async () => {
      const d = await dir();
      const big = await ArtifactStore.open({ dir: d, segmentBytes: 1 });
      for (let i = 0; i < 5; i++) await big.put(makeArtifact(i));
      await big.close();
      const notices: string[] = [];
      const small = await ArtifactStore.open({ dir: d, maxCount: 2, onNotice: (m) => notices.push(m) });
      assert.deepEqual(notices, [1, 2, 3].map((n) => `deleted artifacts-0000000${n}.log at start-up: none of its artifacts is kept (the oldest are dropped at the bound of 2 artifacts, 67108864 bytes)`));
      assert.equal(small.stats().evicted, 3);
      assert.deepEqual(ids(small), [name(4), name(3)]);
      await small.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000004.log', 'artifacts-00000005.log']);
    });

    it('migrates the old one-file-per-artifact layout into the log, skipping damaged files with a warning', async () => {
      const d = await dir();
      const old = (i: number, seq: number) => JSON.stringify({ format: 1, seq, artifact: makeArtifact(i) });
      await fsp.writeFile(path.join(d, name(0) + '.json'), old(0, 1));
      await fsp.writeFile(path.join(d, name(2) + '.json'), old(2, 3));
      await fsp.writeFile(path.join(d, name(1) + '.json'), old(1, 2));
      await fsp.writeFile(path.join(d, 'sfx_torn.json'), old(3, 4).slice(0, 50));
      await fsp.writeFile(path.join(d, 'sfx_mismatch.json'), old(1, 5));
      await fsp.writeFile(path.join(d, `${name(4)}.json.tmp-123-1`), 'partial');
      await fsp.writeFile(path.join(d, 'README.txt'), 'not an artifact');
      const store = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(store), [2, 1, 0].map(name));
      assert.deepEqual(await store.get(name(1)), makeArtifact(1));
      assert.deepEqual([...store.warnings].sort(), [
        'migrated 3 artifact(s) from the old one-file-per-artifact layout into the log',
        'skipped sfx_mismatch.json (old layout): artifact id "sfx_test000001" does not match the file name',
        `skipped sfx_torn.json (old layout): corrupt or partial file (${jsonError(old(3, 4).slice(0, 50))})`,
      ]);
      await store.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), ['README.txt', 'artifacts-00000001.log']);
      const again = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(again), [2, 1, 0].map(name));
      assert.deepEqual(again.warnings, []);
      await again.close();
    });

    it('fails to open with a typed error when the directory cannot be created', async () => {
      const d = await dir();
      const file = path.join(d, 'a-file');
      await fsp.writeFile(file, 'x');
      await assert.rejects(ArtifactStore.open({ dir: path.join(file, 'sub') }), (err: unknown) => {
        return err instanceof ArtifactStoreError && err.code === 'DIR_UNUSABLE' && err.message.startsWith(`Cannot create artifact directory ${path.join(file, 'sub')}: `);
      });
    });

    it('keeps puts after close in memory only', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d });
      await store.close();
      assert.equal(await store.put(makeArtifact(0)), false);
      assert.deepEqual(await store.get(name(0)), makeArtifact(0));
      assert.deepEqual(await fsp.readdir(d), []);
      assert.deepEqual(store.warnings, ['artifact sfx_test000000 stored after close: memory only']);
    });
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
