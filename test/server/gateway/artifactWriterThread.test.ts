import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { closeSync, constants as fsc, openSync, promises as fsp, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogWriter } from '../../../server/gateway/artifactCommit';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import { WriterThread, WriterThreadError, type ThreadWriteTiming } from '../../../server/gateway/artifactWriterThread';
import { makeArtifact } from './fixtures/artifactFixture';
import { usedBytes } from './fixtures/logBytes';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const name = (i: number) => makeArtifact(i).id;
const threadOf = (store: ArtifactStore) => (store as unknown as { writer: LogWriter }).writer.thread!;

describe('ArtifactStore: durable writes on a writer thread', () => {
  const dirs: string[] = [];
  let d: string;

  beforeEach(async () => {
    d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-thread-'));
    dirs.push(d);
  });
  after(async () => {
    for (const dir of dirs) await fsp.rm(dir, { recursive: true, force: true });
  });

  it('writes every record and the preallocated zeros on its thread, across segments; each put is durable, and the thread ends with the store', async () => {
    const timings: ThreadWriteTiming[] = [];
    const store = await ArtifactStore.open({ dir: d, writerThread: true, segmentBytes: 64 * 1024, preallocBytes: 16 * 1024, maxCount: 1000, onThreadWrite: (t) => timings.push(t) });
    const thread = threadOf(store);
    assert.equal(thread.alive, true);
    for (let batch = 0; batch < 10; batch++) {
      const puts = Array.from({ length: 20 }, (_, k) => store.put(makeArtifact(batch * 20 + k, 500)));
      assert.deepEqual(await Promise.all(puts), Array(20).fill(true));
    }
    const stats = store.stats();
    assert.equal(stats.failedWrites, 0);
    assert.equal(stats.warnings, 0);
    assert.ok(stats.preallocations > 4, `preallocations ${stats.preallocations}`);
    assert.equal(timings.length, stats.commits, 'one timing per group written by the thread');
    assert.ok(timings.every((t) => t.disk >= 0 && Number.isFinite(t.wake) && Number.isFinite(t.back)));
    await store.close();
    assert.equal(thread.alive, false);
    const segments = (await fsp.readdir(d)).filter((f) => f.endsWith('.log')).sort();
    assert.ok(segments.length >= 3, segments.join(' '));
    // closed segments are cut to their records: no zeros, nothing torn
    for (const s of segments) assert.equal(statSync(path.join(d, s)).size, usedBytes(path.join(d, s)), s);
    const reopened = await ArtifactStore.open({ dir: d, maxCount: 1000 });
    assert.deepEqual(reopened.list(1000).map((s) => s.id), Array.from({ length: 200 }, (_, i) => name(199 - i)));
    assert.deepEqual(await reopened.get(name(123)), makeArtifact(123, 500));
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
  });

  it('a put takes the reports of writes the thread finished while the event loop was busy: those puts resolve in that same run, not after the port\'s message gets its turn', async () => {
    const store = await ArtifactStore.open({ dir: d, writerThread: true });
    assert.equal(await store.put(makeArtifact(0)), true);
    const thread = threadOf(store);
    let first: boolean | null = null;
    void store.put(makeArtifact(1)).then((ok) => (first = ok));
    for (let i = 0; i < 20; i++) await null; // the group is posted to the thread in microtasks
    // the loop stays busy (this synchronous run) until the thread has written it and reported
    const nap = new Int32Array(new SharedArrayBuffer(4));
    const until = Date.now() + 10_000;
    while (thread.reportsWaiting === 0 && Date.now() < until) Atomics.wait(nap, 0, 0, 1);
    assert.equal(thread.reportsWaiting, 1);
    assert.equal(first, null);
    const second = store.put(makeArtifact(2));
    assert.equal(thread.reportsWaiting, 0);
    for (let i = 0; i < 20; i++) await null; // microtasks only: no message event can have run
    assert.equal(first, true);
    assert.equal(await second, true);
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [name(2), name(1), name(0)]);
    await reopened.close();
  });

  it('a crashed writer thread fails the write it had not done (never acknowledged), says so, and the store goes on through the thread pool', async () => {
    const store = await ArtifactStore.open({ dir: d, writerThread: true });
    assert.equal(await store.put(makeArtifact(0)), true);
    const thread = threadOf(store);
    thread.crashForTest();
    const lost = store.put(makeArtifact(1));
    assert.equal(await lost, false, 'its write was posted to a thread that died before writing it');
    assert.equal(thread.alive, false);
    const why = 'the artifact writer thread stopped (writer thread crash (test hook)); 1 write(s) not acknowledged';
    assert.deepEqual(store.warnings, [`${why}; the store writes through the thread pool from now on`, `could not write 1 artifact(s) to artifacts-00000001.log: ${why}; they are kept in memory only`]);
    assert.deepEqual(await store.get(name(1)), makeArtifact(1), 'kept in memory');
    assert.deepEqual(await Promise.all([store.put(makeArtifact(2)), store.put(makeArtifact(3))]), [true, true]);
    assert.equal(store.stats().failedWrites, 1);
    await store.close();
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [3, 2, 0].map(name));
    assert.deepEqual(await reopened.get(name(2)), makeArtifact(2));
    assert.deepEqual(reopened.warnings, []);
    await reopened.close();
  });

  it('a store left open with its writer thread does not keep the process alive', async () => {
    const script = [
      `const { ArtifactStore } = require(${JSON.stringify(path.join(ROOT, 'server/gateway/artifacts.ts'))});`,
      `const { makeArtifact } = require(${JSON.stringify(path.join(ROOT, 'test/server/gateway/fixtures/artifactFixture.ts'))});`,
      `ArtifactStore.open({ dir: ${JSON.stringify(d)}, writerThread: true }).then((s) => s.put(makeArtifact(7))).then((ok) => console.log(ok));`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.equal(out, 'true\n');
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [name(7)]);
    await reopened.close();
  });
});

describe('WriterThread', () => {
  let d: string;
  before(async () => {
    d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-wthread-'));
  });
  after(async () => {
    await fsp.rm(d, { recursive: true, force: true });
  });

  it('writes records and zeros where asked, in any files; a failed write reports its error and the thread goes on; stop ends it', async () => {
    const deaths: Error[] = [];
    const thread = new WriterThread((e) => deaths.push(e));
    const open = (f: string, flags: number) => openSync(path.join(d, f), flags, 0o600);
    const a = open('a', fsc.O_WRONLY | fsc.O_CREAT | fsc.O_DSYNC);
    const b = open('b', fsc.O_WRONLY | fsc.O_CREAT | fsc.O_DSYNC);
    const readOnly = open('c', fsc.O_RDONLY | fsc.O_CREAT);
    try {
      const zeroBytes = 300 * 1024; // three slices
      await thread.zeros(a, 0, zeroBytes);
      await Promise.all([thread.write(a, Buffer.from('abc'), 10), thread.write(a, Buffer.from('def'), 13), thread.write(b, Buffer.from('xyz'), 5), thread.write(a, Buffer.from('!'), 100)]);
      await assert.rejects(thread.write(readOnly, Buffer.from('no'), 0), /EBADF/);
      await thread.write(b, Buffer.from('after'), 8);
      const expectA = Buffer.alloc(zeroBytes);
      expectA.write('abcdef', 10);
      expectA.write('!', 100);
      assert.deepEqual(readFileSync(path.join(d, 'a')), expectA);
      assert.equal(readFileSync(path.join(d, 'b')).toString('latin1'), '\0\0\0\0\0xyzafter');
      assert.equal(thread.alive, true);
      await thread.stop();
      assert.equal(thread.alive, false);
      await assert.rejects(thread.write(a, Buffer.from('late'), 0), (e: Error) => e instanceof WriterThreadError && e.message === 'the artifact writer thread has stopped');
      assert.deepEqual(deaths, [], 'a stop is not a death');
    } finally {
      for (const fd of [a, b, readOnly]) closeSync(fd);
    }
  });
});
