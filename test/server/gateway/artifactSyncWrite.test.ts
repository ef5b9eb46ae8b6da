import { strict as assert } from 'node:assert';
import { promises as fsp, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import type { CommitTrace } from '../../../server/gateway/artifactCommit';
import { testFs, type TestFs } from './fixtures/logFs';
import { makeArtifact } from './fixtures/artifactFixture';
import { usedBytes } from './fixtures/logBytes';

const name = (i: number) => makeArtifact(i).id;
const microtask = () => new Promise<void>((r) => queueMicrotask(r));
const loopTurn = () => new Promise<void>((r) => setImmediate(r));

/** Framed size of artifact i's record, as the store writes it (measured, not derived from the layout). */
async function recordSize(i: number, contentSize?: number): Promise<number> {
  const s = await ArtifactStore.open({ dir: null });
  void s.put(makeArtifact(i, contentSize));
  return s.stats().bytes;
}

describe('ArtifactStore: synchronous group writes (O_DSYNC segments)', () => {
  const dirs: string[] = [];
  let d: string;
  let fs: TestFs;
  let groups: { records: number; sync: boolean }[];
  const onCommit = (t: CommitTrace) => groups.push({ records: t.records, sync: t.sync });
  const segment = () => path.join(d, 'artifacts-00000001.log');
  /** No write counts as slow (the disk's real speed must not switch a test to the thread pool). */
  const neverSlow = { slowSyncWriteMs: Infinity };

  beforeEach(async () => {
    d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-sync-'));
    dirs.push(d);
    fs = testFs({ sync: true });
    groups = [];
  });
  after(async () => {
    for (const dir of dirs) await fsp.rm(dir, { recursive: true, force: true });
  });

  it('writes a group in the microtask after its put, before any I/O callback; once a loop turn spent 1 ms on such writes, its later records go together at its end', async () => {
    let clock = 0;
    fs.duringSyncWrite = () => (clock += 0.6); // each write takes 0.6 ms
    const store = await ArtifactStore.open({ dir: d, fs, syncWrites: true, onCommit, now: () => clock });
    assert.equal(await store.put(makeArtifact(0)), true, 'the first put opens the segment');
    const expected = usedBytes(segment()) + (await recordSize(1));
    await loopTurn();
    const one = store.put(makeArtifact(1));
    await microtask(); // the writer's microtask was queued first and has run
    assert.equal(fs.syncWrites, 2);
    assert.equal(usedBytes(segment()), expected, 'on disk already');
    const two = store.put(makeArtifact(2));
    await microtask();
    assert.equal(fs.syncWrites, 3, 'this loop turn has written for 0.6 ms: under its budget');
    const later = [store.put(makeArtifact(3)), store.put(makeArtifact(4))];
    await microtask();
    assert.equal(fs.syncWrites, 3, 'this loop turn has written for 1.2 ms: the next group waits for its end');
    assert.equal(store.stats().pendingWrites, 2);
    assert.deepEqual(await Promise.all([one, two, ...later]), [true, true, true, true]);
    assert.equal(fs.syncWrites, 4);
    assert.equal(fs.calls.writes, 0, 'nothing went to the thread pool');
    assert.deepEqual(groups, [{ records: 1, sync: true }, { records: 1, sync: true }, { records: 1, sync: true }, { records: 2, sync: true }]);
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [4, 3, 2, 1, 0].map(name));
    assert.deepEqual(await reopened.get(name(3)), makeArtifact(3));
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
  });

  it('writes on the thread pool unless syncWrites is set (the default), even on a file that could be written synchronously', async () => {
    const store = await ArtifactStore.open({ dir: d, fs, onCommit, ...neverSlow });
    assert.deepEqual(await Promise.all([store.put(makeArtifact(0)), store.put(makeArtifact(1))]), [true, true]);
    await loopTurn();
    assert.equal(await store.put(makeArtifact(2)), true);
    assert.equal(fs.syncWrites, 0);
    assert.ok(groups.length >= 2 && groups.every((g) => !g.sync), JSON.stringify(groups));
    assert.equal(store.stats().syncCommits, 0);
    await store.close();
  });

  it('sends a group over 64 KiB (a burst) to the thread pool', async () => {
    const store = await ArtifactStore.open({ dir: d, fs, syncWrites: true, onCommit, ...neverSlow });
    assert.equal(await store.put(makeArtifact(0)), true);
    await loopTurn();
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => store.put(makeArtifact(1 + i, 10000))));
    assert.deepEqual(burst, Array(8).fill(true));
    assert.deepEqual(groups, [{ records: 1, sync: true }, { records: 8, sync: false }]);
    assert.deepEqual({ writes: fs.calls.writes, syncWrites: fs.syncWrites }, { writes: 1, syncWrites: 1 });
    await store.close();
  });

  it('after a slow synchronous write, groups go to the thread pool for a backoff, doubled after each slow write and halved by each fast one', async () => {
    let clock = 0;
    const slowWrite = () =>
      (fs.duringSyncWrite = () => {
        clock += 30;
        fs.duringSyncWrite = null;
      });
    const store = await ArtifactStore.open({ dir: d, fs, syncWrites: true, onCommit, now: () => clock, slowSyncWriteMs: 20, asyncAfterSlowMs: 100 });
    const put = async (i: number) => {
      await loopTurn();
      assert.equal(await store.put(makeArtifact(i)), true);
    };
    await put(0);
    slowWrite();
    await put(1); // written synchronously in 30 ms: to the thread pool for 100 ms
    await put(2);
    clock += 99;
    await put(3);
    clock += 1;
    slowWrite();
    await put(4); // slow again: 200 ms
    clock += 199;
    await put(5);
    clock += 1;
    await put(6); // fast: the backoff halves to 100
    slowWrite();
    await put(7); // slow: 200 ms again, not 100
    clock += 199;
    await put(8);
    clock += 1;
    await put(9); // fast: 100
    await put(10); // fast: 50, below the first backoff, so none
    slowWrite();
    await put(11); // slow: the first backoff, 100 ms
    clock += 99;
    await put(12);
    assert.deepEqual(
      groups.map((g) => g.sync),
      [true, true, false, false, true, false, true, true, false, true, true, true, false],
    );
    assert.deepEqual({ writes: fs.calls.writes, syncWrites: fs.syncWrites }, { writes: 5, syncWrites: 8 });
    assert.deepEqual({ commits: store.stats().commits, syncCommits: store.stats().syncCommits, slowSyncWrites: store.stats().slowSyncWrites }, { commits: 13, syncCommits: 8, slowSyncWrites: 4 });
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.equal(reopened.stats().count, 13);
    await reopened.close();
  });

  it('warns when a synchronous write took longer than the commit wait bound (the loop was blocked that long)', async () => {
    let clock = 0;
    const warnings: string[] = [];
    const store = await ArtifactStore.open({ dir: d, fs, syncWrites: true, now: () => clock, commitWaitMs: 5000, onWarning: (m) => warnings.push(m) });
    assert.equal(await store.put(makeArtifact(0)), true);
    await loopTurn();
    fs.duringSyncWrite = () => (clock += 6000);
    assert.equal(await store.put(makeArtifact(1)), true, 'durable: it was written');
    assert.deepEqual(warnings, ['a synchronous write of 1 artifact(s) took 6000 ms (slow disk), blocking the event loop; the next writes go to the thread pool for 0.1 s']);
    fs.duringSyncWrite = null;
    assert.equal(await store.put(makeArtifact(2)), true);
    assert.deepEqual({ writes: fs.calls.writes, syncWrites: fs.syncWrites }, { writes: 1, syncWrites: 2 });
    await store.close();
  });

  it('cuts a failed synchronous write back off the segment; its artifact stays in memory and the next write works', async () => {
    const warnings: string[] = [];
    const store = await ArtifactStore.open({ dir: d, fs, syncWrites: true, onCommit, onWarning: (m) => warnings.push(m), ...neverSlow });
    assert.equal(await store.put(makeArtifact(0)), true);
    await loopTurn();
    const before = usedBytes(segment());
    fs.failNextWriteAfter = 100;
    assert.equal(await store.put(makeArtifact(1)), false);
    assert.deepEqual(warnings, ['could not write 1 artifact(s) to artifacts-00000001.log: ENOSPC: no space left on device, write; they are kept in memory only']);
    assert.equal(fs.calls.truncates, 1);
    assert.equal(statSync(segment()).size, before, 'the partial record is cut off (with the zeros after it)');
    assert.equal(store.stats().failedWrites, 1);
    assert.deepEqual(await store.get(name(1)), makeArtifact(1));
    await loopTurn();
    assert.equal(await store.put(makeArtifact(2)), true);
    assert.deepEqual({ writes: fs.calls.writes, syncWrites: fs.syncWrites }, { writes: 0, syncWrites: 3 });
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [2, 0].map(name));
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
  });
});
