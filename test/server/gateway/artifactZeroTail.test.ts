/**
 * The log's preallocated layout: a segment is extended with zeros ahead of its writes, so recovery and
 * the read-only view must take zeros after the last whole record as free space, not as damage, and
 * still skip a write that had not landed between whole records.
 */
import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import { scanSegment } from '../../../server/gateway/artifactLog';
import { makeArtifact } from './fixtures/artifactFixture';
import { recordSizes } from './fixtures/logBytes';

const SEGMENT = 'artifacts-00000001.log';
const ids = (s: ArtifactStore) => s.list().map((a) => a.id);
const name = (i: number) => makeArtifact(i).id;

describe('ArtifactStore log: zeros after the last record are free space', () => {
  const dirs: string[] = [];
  /** A directory whose first segment holds artifacts 0..n-1 (500 characters of content each). */
  async function dirWith(n: number): Promise<{ d: string; file: string; sizes: number[]; used: number }> {
    const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-zeros-'));
    dirs.push(d);
    const store = await ArtifactStore.open({ dir: d });
    for (let i = 0; i < n; i++) assert.equal(await store.put(makeArtifact(i, 500)), true);
    await store.close();
    const file = path.join(d, SEGMENT);
    const sizes = recordSizes(await fsp.readFile(file));
    assert.equal(sizes.length, n);
    return { d, file, sizes, used: sizes.reduce((a, b) => a + b, 0) };
  }
  after(async () => {
    for (const d of dirs) await fsp.rm(d, { recursive: true, force: true });
  });

  it('a scan reports the zero tail as free bytes, apart from a torn tail before it', async () => {
    const { file, sizes, used } = await dirWith(2);
    const record = (await fsp.readFile(file)).subarray(0, sizes[0]);
    await fsp.appendFile(file, Buffer.concat([record.subarray(0, 100), Buffer.alloc(5000)]));
    const r = await scanSegment({ writer: 1, no: 1, file, size: 0, live: 0 }, 0);
    assert.deepEqual(
      { records: r.records.map((x) => [x.offset, x.bytes, x.summary.id]), end: r.end, tornBytes: r.tornBytes, freeBytes: r.freeBytes, damagedAt: r.damagedAt },
      { records: [[0, sizes[0], name(0)], [sizes[0], sizes[1], name(1)]], end: used, tornBytes: 100, freeBytes: 5000, damagedAt: null },
    );
    const zerosOnly = await scanSegment({ writer: 1, no: 1, file, size: 0, live: 0 }, used + 100);
    assert.deepEqual({ records: zerosOnly.records.length, end: zerosOnly.end, tornBytes: zerosOnly.tornBytes, freeBytes: zerosOnly.freeBytes, problems: zerosOnly.problems }, { records: 0, end: used + 100, tornBytes: 0, freeBytes: 5000, problems: [] });
  });

  it('cuts a torn record followed by zeros (a write a crash cut short in the preallocated end), saying so', async () => {
    const { d, file, sizes, used } = await dirWith(3);
    const record = (await fsp.readFile(file)).subarray(0, sizes[0]);
    await fsp.appendFile(file, Buffer.concat([record.subarray(0, 100), Buffer.alloc(1 << 20)]));
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [2, 1, 0].map(name));
    // its header promises more bytes than the zeros hold: the checksum fails
    assert.deepEqual(store.warnings, [
      `recovery: ${SEGMENT}: checksum mismatch at offset ${used}`,
      `recovery: ${SEGMENT} ended in 100 bytes of an unfinished write (a crash); cut at offset ${used}`,
    ]);
    assert.equal((await fsp.stat(file)).size, used);
    for (let i = 0; i < 3; i++) assert.deepEqual(await store.get(name(i)), makeArtifact(i, 500));
    await store.close();
  });

  it('skips zeros between whole records (a write that had not landed) and keeps the record after them', async () => {
    const { d, file, sizes, used } = await dirWith(3);
    const buf = await fsp.readFile(file);
    // the second record never landed: zeros where it was; the third, written at the next offset, did
    buf.fill(0, sizes[0], sizes[0] + sizes[1]);
    await fsp.writeFile(file, Buffer.concat([buf, Buffer.alloc(65536)]));
    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(store), [name(2), name(0)]);
    assert.deepEqual(store.warnings, [`recovery: ${SEGMENT}: ${sizes[1]} damaged bytes skipped at offset ${sizes[0]} (no record header)`]);
    assert.equal((await fsp.stat(file)).size, used, 'the zero tail is cut; the damage in the middle stays');
    assert.deepEqual(await store.get(name(2)), makeArtifact(2, 500));
    await store.close();
  });

  it('reopens a segment with a zero tail and goes on appending; every record is there after each restart', async () => {
    const { d, file, used } = await dirWith(2);
    await fsp.appendFile(file, Buffer.alloc(1 << 20));
    const first = await ArtifactStore.open({ dir: d });
    for (let i = 2; i < 5; i++) assert.equal(await first.put(makeArtifact(i, 500)), true);
    await first.close();
    assert.equal((await fsp.stat(file)).size, used);
    const second = await ArtifactStore.open({ dir: d });
    assert.deepEqual(ids(second), [4, 3, 2, 1, 0].map(name));
    for (let i = 0; i < 5; i++) assert.deepEqual(await second.get(name(i)), makeArtifact(i, 500));
    assert.deepEqual(second.warnings, []);
    assert.equal(second.stats().bytes, used + recordSizes(await fsp.readFile(path.join(d, 'artifacts-00000002.log'))).reduce((a, b) => a + b, 0));
    await second.close();
  });

  it('deletes a segment holding only zeros (created ahead of its first write) at start-up, without a notice', async () => {
    const { d } = await dirWith(1);
    await fsp.writeFile(path.join(d, 'artifacts-00000002.log'), Buffer.alloc(1 << 20));
    const notices: string[] = [];
    const store = await ArtifactStore.open({ dir: d, onNotice: (m) => notices.push(m) });
    assert.deepEqual({ ids: ids(store), warnings: store.warnings, notices }, { ids: [name(0)], warnings: [], notices: [] });
    assert.equal(await store.put(makeArtifact(1)), true);
    await store.close();
    assert.deepEqual((await fsp.readdir(d)).sort(), [SEGMENT, 'artifacts-00000003.log']);
  });

  it('a read-only view lists a segment with a zero tail and picks up records written into the zeros', async () => {
    const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-zeros-'));
    dirs.push(d);
    const owner = await ArtifactStore.open({ dir: d });
    for (let i = 0; i < 2; i++) assert.equal(await owner.put(makeArtifact(i, 500)), true);
    const file = path.join(d, SEGMENT);
    const used = (await fsp.stat(file)).size;
    // the segment's preallocated end: the owner writes its next records into it by position
    await fsp.appendFile(file, Buffer.alloc(1 << 20));
    const view = await ArtifactStore.open({ dir: d });
    assert.deepEqual(view.warnings, [`artifact directory ${d} is already used by another store in this process: this daemon keeps its artifacts in memory only and lists the ones on disk read-only`]);
    assert.deepEqual({ ids: ids(view), readOnly: view.stats().readOnly }, { ids: [1, 0].map(name), readOnly: { dir: d, count: 2 } });
    assert.equal(await owner.put(makeArtifact(2, 500)), true);
    assert.equal((await fsp.stat(file)).size, used + (1 << 20), 'written inside the zeros, not appended');
    await view.refresh();
    assert.deepEqual({ ids: ids(view), readOnly: view.stats().readOnly }, { ids: [2, 1, 0].map(name), readOnly: { dir: d, count: 3 } });
    assert.deepEqual(await view.get(name(2)), makeArtifact(2, 500));
    assert.equal(view.warnings.length, 1);
    await Promise.all([owner.close(), view.close()]);
  });
});
