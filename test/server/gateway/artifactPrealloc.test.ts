/**
 * Preallocated segments (artifactCommit.ts): zeros are written ahead of the records and made durable
 * before any record goes there, records are written by position inside them, a record that would go past
 * them waits for the extension, the next segment is opened ahead, and a closed segment is cut to its used
 * length. A full disk that cannot take the zeros falls back to plain appends.
 */
import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import { makeArtifact } from './fixtures/artifactFixture';
import { usedBytes } from './fixtures/logBytes';
import { testFs, type TestFs } from './fixtures/logFs';

const name = (i: number) => makeArtifact(i).id;
const seg = (d: string, no: number) => path.join(d, `artifacts-${String(no).padStart(8, '0')}.log`);
const sizeOnDisk = async (file: string) => (await fsp.stat(file)).size;

/** Framed size of artifact i's record (measured through an in-memory store, not derived from the layout). */
async function recordSize(i: number, contentSize?: number): Promise<number> {
  const s = await ArtifactStore.open({ dir: null });
  void s.put(makeArtifact(i, contentSize));
  return s.stats().bytes;
}

/** No record was ever written past the durable zeros of its file. */
function assertInsideZeros(fs: TestFs): void {
  for (const w of fs.recordWrites) assert.equal(w.position + w.bytes <= w.zerosEnd, true, `a write of ${w.bytes} bytes at ${w.position} went past the durable zeros (${w.zerosEnd})`);
}

describe('ArtifactStore: preallocated segments', () => {
  const dirs: string[] = [];
  async function dir(): Promise<string> {
    const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-prealloc-'));
    dirs.push(d);
    return d;
  }
  after(async () => {
    for (const d of dirs) await fsp.rm(d, { recursive: true, force: true });
  });

  it('opens the first segment at start-up with 1 MiB of durable zeros and writes the records inside them', async () => {
    const d = await dir();
    const fs = testFs();
    const store = await ArtifactStore.open({ dir: d, fs });
    assert.deepEqual({ preallocated: fs.preallocated, opens: fs.calls.opens, size: await sizeOnDisk(seg(d, 1)) }, { preallocated: [[0, 1 << 20]], opens: 1, size: 1 << 20 });
    const sizes = [await recordSize(0), await recordSize(1), await recordSize(2)];
    for (let i = 0; i < 3; i++) assert.equal(await store.put(makeArtifact(i)), true);
    assert.deepEqual(
      fs.recordWrites.map((w) => [w.position, w.bytes, w.zerosEnd]),
      [[0, sizes[0], 1 << 20], [sizes[0], sizes[1], 1 << 20], [sizes[0] + sizes[1], sizes[2], 1 << 20]],
    );
    assert.equal(await sizeOnDisk(seg(d, 1)), 1 << 20, 'written by position, not appended');
    assert.equal(usedBytes(seg(d, 1)), sizes[0] + sizes[1] + sizes[2]);
    assert.equal(store.stats().preallocations, 1);
    await store.close();
    assert.equal(await sizeOnDisk(seg(d, 1)), sizes[0] + sizes[1] + sizes[2], 'cut to its used length when closed');
    assert.deepEqual(store.warnings, []);
  });

  for (const sync of [false, true]) {
    it(`holds a record that would straddle the end of the durable zeros until the extension is durable (${sync ? 'synchronous writes' : 'thread pool'})`, async () => {
      await straddle(sync);
    });
  }

  async function straddle(sync: boolean): Promise<void> {
    const d = await dir();
    const fs = testFs({ sync });
    // a synchronous write never counts as slow here: the disk's real speed must not send it to the pool
    const store = await ArtifactStore.open({ dir: d, fs, preallocBytes: 4096, syncWrites: sync, slowSyncWriteMs: Infinity });
    let release!: () => void;
    fs.holdPreallocate = new Promise<void>((r) => (release = r));
    let used = 0;
    let i = 0;
    for (; used + (await recordSize(i, 700)) <= 4096; i++) {
      assert.equal(await store.put(makeArtifact(i, 700)), true);
      used += await recordSize(i, 700);
    }
    // the extension started once less than half of the zeros was left, before any record needed it
    assert.deepEqual(fs.preallocated, [[0, 4096], [4096, 4096]]);
    const straddling = store.put(makeArtifact(i, 700));
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual({ writes: fs.recordWrites.length, pending: store.stats().pendingWrites }, { writes: i, pending: 1 }, 'not written while its zeros are not durable');
    fs.holdPreallocate = null;
    release();
    assert.equal(await straddling, true);
    assert.deepEqual(fs.recordWrites.at(-1), { file: seg(d, 1), position: used, bytes: await recordSize(i, 700), zerosEnd: 8192 });
    assertInsideZeros(fs);
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), Array.from({ length: i + 1 }, (_, k) => name(i - k)));
    for (let k = 0; k <= i; k++) assert.deepEqual(await reopened.get(name(k)), makeArtifact(k, 700));
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
    assert.equal(sync ? fs.syncWrites : fs.calls.writes, i + 1, sync ? 'every group written synchronously' : 'every group on the thread pool');
  }

  it('extends for a record larger than a chunk, and writes it only once its zeros are durable', async () => {
    const d = await dir();
    const fs = testFs();
    const store = await ArtifactStore.open({ dir: d, fs, preallocBytes: 4096 });
    const big = await recordSize(0, 10000);
    assert.equal(await store.put(makeArtifact(0, 10000)), true);
    // then a chunk ahead again, as soon as it was written
    assert.deepEqual(fs.preallocated, [[0, 4096], [4096, big - 4096], [big, 4096]]);
    assert.deepEqual(fs.recordWrites.map((w) => [w.position, w.bytes, w.zerosEnd]), [[0, big, big]]);
    await store.close();
  });

  it('opens the next segment ahead once the active one is nearly full; a rotation cuts the old one to its used length', async () => {
    const d = await dir();
    const fs = testFs();
    const store = await ArtifactStore.open({ dir: d, fs, segmentBytes: 8192, preallocBytes: 4096 });
    let i = 0;
    while (fs.calls.opens < 2) assert.equal(await store.put(makeArtifact(i++, 700)), true);
    const inFirst = i;
    // opened when less than half a chunk was left in the first: zeros ready before a record needs them
    assert.equal(usedBytes(seg(d, 1)) + 2048 >= 8192, true);
    assert.deepEqual((await fsp.readdir(d)).filter((f) => f.endsWith('.log')).sort(), [seg(d, 1), seg(d, 2)].map((f) => path.basename(f)));
    while ((await sizeOnDisk(seg(d, 2))) < 4096) await new Promise((r) => setTimeout(r, 5)); // its zeros are being written
    assert.deepEqual(fs.preallocated.at(-1), [0, 4096]);
    while (fs.recordWrites.every((w) => w.file === seg(d, 1))) assert.equal(await store.put(makeArtifact(i++, 700)), true);
    await store.flush();
    assert.equal(await sizeOnDisk(seg(d, 1)), usedBytes(seg(d, 1)), 'the rotated segment is cut to its used length');
    assert.deepEqual(fs.recordWrites.at(-1)!.position, 0);
    assertInsideZeros(fs);
    await store.close();
    assert.equal(await sizeOnDisk(seg(d, 2)), usedBytes(seg(d, 2)));
    const reopened = await ArtifactStore.open({ dir: d });
    assert.equal(reopened.list().length, i);
    assert.equal(inFirst < i, true);
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
  });

  it('deletes the segments opened ahead that never held a record when it closes', async () => {
    const d = await dir();
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log', 'daemon.lock']);
    await store.close();
    assert.deepEqual(await fsp.readdir(d), []);
  });

  it('appends as before to a segment whose zeros cannot be written (a full disk), with a warning', async () => {
    const d = await dir();
    const fs = testFs();
    fs.failPreallocate = 'ENOSPC';
    const store = await ArtifactStore.open({ dir: d, fs });
    assert.deepEqual(store.warnings, ['could not preallocate 1048576 bytes at offset 0 of artifacts-00000001.log: ENOSPC: no space left on device, write; appending to it instead']);
    fs.failPreallocate = null;
    assert.equal(await store.put(makeArtifact(0)), true);
    assert.equal(await store.put(makeArtifact(1)), true);
    const used = (await recordSize(0)) + (await recordSize(1));
    assert.deepEqual(fs.recordWrites.map((w) => [w.position, w.zerosEnd]), [[0, 0], [await recordSize(0), 0]], 'appended: no zeros ahead');
    assert.equal(await sizeOnDisk(seg(d, 1)), used);
    assert.equal(fs.calls.preallocates, 1, 'not tried again for this segment');
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [name(1), name(0)]);
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
  });

  it('with preallocBytes 0 appends without zeros', async () => {
    const d = await dir();
    const fs = testFs();
    const store = await ArtifactStore.open({ dir: d, fs, preallocBytes: 0 });
    assert.equal(await store.put(makeArtifact(0)), true);
    assert.deepEqual({ preallocates: fs.calls.preallocates, size: await sizeOnDisk(seg(d, 1)) }, { preallocates: 0, size: await recordSize(0) });
    await store.close();
  });
});
