import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore, ArtifactStoreError, isValidArtifactId, LOCK_FILE } from '../../../server/gateway/artifacts';
import { makeArtifact } from './fixtures/artifactFixture';

const WRITER = path.join(__dirname, 'fixtures', 'artifactWriter.ts');

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
      assert.deepEqual(store.get(name(1)), makeArtifact(1));
      assert.equal(store.get('sfx_unknown'), undefined);
      assert.deepEqual(store.list(2), [
        { id: 'sfx_test000002', createdAt: '2026-01-01T00:00:02.002Z', model: 'demo/model-2', mode: 'strip', status: 'VALID', repairs: 1, totalMs: 12 },
        { id: 'sfx_test000001', createdAt: '2026-01-01T00:00:01.001Z', model: 'demo/model-1', mode: 'repair', status: 'REPAIRED', repairs: 1, totalMs: 11 },
      ]);
      assert.deepEqual(ids(store), [name(2), name(1), name(0)]);
      assert.deepEqual(store.list(0), []);
      assert.deepEqual(store.list(-5), []);
      assert.equal(store.stats().count, 3);
      assert.equal(store.stats().dir, null);
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
      assert.equal(store.get(name(1)), undefined);
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

    it('refuses an artifact larger than maxBytes on its own, with a warning, and keeps the others', async () => {
      const small = await sizeOf(0);
      const store = await ArtifactStore.open({ dir: null, maxBytes: small + 100 });
      store.put(makeArtifact(0));
      store.put(makeArtifact(1, 5000));
      assert.deepEqual(ids(store), [name(0)]);
      assert.equal(store.warnings.length, 1);
      assert.match(store.warnings[0], /^artifact sfx_test000001 not stored: \d+ bytes is over the store limit of \d+$/);
    });

    it('replaces an artifact with the same id in place', async () => {
      const store = await ArtifactStore.open({ dir: null });
      for (let i = 0; i < 3; i++) store.put(makeArtifact(i));
      const updated = { ...makeArtifact(0, 500), status: 'TRUNCATED' as const };
      store.put(updated);
      assert.deepEqual(ids(store), [name(2), name(1), name(0)]);
      assert.equal(store.get(name(0))?.status, 'TRUNCATED');
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
        assert.equal(store.get(bad), undefined);
      }
      assert.equal(isValidArtifactId('sfx_lz3k9a_x-1'), true);
      assert.equal(store.stats().count, 0);
    });

    it('rejects nonsense bounds with a typed error', async () => {
      await assert.rejects(ArtifactStore.open({ dir: null, maxCount: 0 }), { code: 'INVALID_OPTIONS', message: 'maxCount must be a positive integer, got 0' });
      await assert.rejects(ArtifactStore.open({ dir: null, maxBytes: NaN }), { code: 'INVALID_OPTIONS', message: 'maxBytes must be a positive number, got NaN' });
    });
  });

  describe('on disk', () => {
    it('survives a restart with the same listing and contents', async () => {
      const d = await dir();
      const first = await ArtifactStore.open({ dir: d });
      for (let i = 0; i < 5; i++) first.put(makeArtifact(i));
      await first.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), [0, 1, 2, 3, 4].map((i) => name(i) + '.json'));

      const second = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(second), [4, 3, 2, 1, 0].map(name));
      for (let i = 0; i < 5; i++) assert.deepEqual(second.get(name(i)), makeArtifact(i));
      assert.equal(second.stats().bytes, first.stats().bytes);
      assert.deepEqual(second.warnings, []);
      // New artifacts after a restart still list as newest.
      second.put(makeArtifact(99));
      await second.close();
      const third = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(third).slice(0, 2), [name(99), name(4)]);
    });

    it('put returns before the disk write and flush waits for it', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d });
      store.put(makeArtifact(0, 100000));
      assert.equal(store.stats().pendingWrites > 0, true);
      assert.deepEqual((await fsp.readdir(d)).filter((n) => n.endsWith('.json')), []);
      await store.flush();
      assert.equal(store.stats().pendingWrites, 0);
      assert.deepEqual((await fsp.readdir(d)).sort(), [LOCK_FILE, name(0) + '.json']);
    });

    it('deletes evicted artifacts from disk', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d, maxCount: 2 });
      for (let i = 0; i < 6; i++) store.put(makeArtifact(i));
      await store.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), [name(4) + '.json', name(5) + '.json']);
    });

    it('applies smaller bounds when reopened', async () => {
      const d = await dir();
      const big = await ArtifactStore.open({ dir: d });
      for (let i = 0; i < 5; i++) big.put(makeArtifact(i));
      await big.close();
      const small = await ArtifactStore.open({ dir: d, maxCount: 2 });
      assert.deepEqual(ids(small), [name(4), name(3)]);
      await small.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), [name(3) + '.json', name(4) + '.json']);
    });

    it('skips torn, corrupt and mismatched files with a warning and removes leftover temp files', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d });
      for (let i = 0; i < 3; i++) store.put(makeArtifact(i));
      await store.close();
      const good = await fsp.readFile(path.join(d, name(1) + '.json'), 'utf8');
      await fsp.writeFile(path.join(d, 'sfx_torn.json'), good.slice(0, Math.floor(good.length / 2)));
      await fsp.writeFile(path.join(d, 'sfx_mismatch.json'), good);
      await fsp.writeFile(path.join(d, 'sfx_empty.json'), '');
      await fsp.writeFile(path.join(d, 'sfx_array.json'), '[1,2]');
      await fsp.writeFile(path.join(d, 'bad name.json'), good);
      await fsp.writeFile(path.join(d, `${name(3)}.json.tmp-123-1`), good.slice(0, 10));
      await fsp.writeFile(path.join(d, 'README.txt'), 'not an artifact');

      const reopened = await ArtifactStore.open({ dir: d });
      assert.deepEqual(ids(reopened), [2, 1, 0].map(name));
      const warnings = [...reopened.warnings].sort();
      assert.equal(warnings.length, 5);
      assert.equal(warnings[0], 'skipped bad name.json: not an artifact file name');
      assert.equal(warnings[1], 'skipped sfx_array.json: not a JSON object');
      assert.match(warnings[2], /^skipped sfx_empty\.json: corrupt or partial file \(Unexpected end of JSON input\)$/);
      assert.equal(warnings[3], 'skipped sfx_mismatch.json: artifact id "sfx_test000001" does not match the file name');
      assert.match(warnings[4], /^skipped sfx_torn\.json: corrupt or partial file \(/);
      assert.equal(reopened.stats().warnings, 5);
      const left = await fsp.readdir(d);
      assert.equal(left.some((n) => n.includes('.tmp-')), false);
      assert.equal(left.includes('README.txt'), true);
    });

    it('records a failed write as a warning and keeps serving from memory', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d });
      await fsp.rm(d, { recursive: true });
      store.put(makeArtifact(0));
      await store.flush();
      assert.deepEqual(store.get(name(0)), makeArtifact(0));
      assert.equal(store.warnings.length, 1);
      assert.match(store.warnings[0], /^could not write artifact sfx_test000000 in .*: ENOENT/);
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
      store.put(makeArtifact(0));
      await store.flush();
      assert.deepEqual(store.get(name(0)), makeArtifact(0));
      assert.deepEqual(await fsp.readdir(d), []);
      assert.deepEqual(store.warnings, ['artifact sfx_test000000 stored after close: memory only']);
    });
  });

  describe('one daemon per directory', () => {
    it('holds the directory with a lock file of its pid, released on close', async () => {
      const d = await dir();
      const store = await ArtifactStore.open({ dir: d });
      assert.equal(await fsp.readFile(path.join(d, LOCK_FILE), 'utf8'), `${process.pid}\n`);
      store.put(makeArtifact(0));
      await store.close();
      assert.deepEqual((await fsp.readdir(d)).sort(), [name(0) + '.json']);
    });

    it('keeps a second store on a held directory in memory only, with a warning saying why', async () => {
      const d = await dir();
      const first = await ArtifactStore.open({ dir: d });
      const second = await ArtifactStore.open({ dir: d });
      assert.equal(second.stats().dir, null);
      assert.deepEqual(second.warnings, [`artifact directory ${d} is already used by another store in this process: artifacts are kept in memory only`]);
      second.put(makeArtifact(1));
      first.put(makeArtifact(0));
      await Promise.all([first.close(), second.close()]);
      assert.deepEqual((await fsp.readdir(d)).sort(), [name(0) + '.json']);
    });

    it('refuses a directory whose lock belongs to another live process, and takes over one whose process is gone', async () => {
      const d = await dir();
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
      try {
        await fsp.writeFile(path.join(d, LOCK_FILE), `${other.pid}\n`);
        const busy = await ArtifactStore.open({ dir: d });
        assert.equal(busy.stats().dir, null);
        assert.deepEqual(busy.warnings, [`artifact directory ${d} is in use by another StreamFix daemon (pid ${other.pid}): this daemon keeps its artifacts in memory only`]);
        await busy.close();
        assert.equal(await fsp.readFile(path.join(d, LOCK_FILE), 'utf8'), `${other.pid}\n`, 'the other daemon keeps its lock');
      } finally {
        const gone = new Promise((r) => other.once('exit', r));
        other.kill('SIGKILL');
        await gone;
      }
      // the owner is gone (as after kill -9): the next daemon takes the directory over
      const next = await ArtifactStore.open({ dir: d });
      assert.equal(next.stats().dir, d);
      assert.deepEqual(next.warnings, []);
      assert.equal(await fsp.readFile(path.join(d, LOCK_FILE), 'utf8'), `${process.pid}\n`);
      await next.close();
    });
  });

  describe('crash safety', () => {
    /** Runs the writer child until it has flushed `minFlushed` artifacts, SIGKILLs it, returns the last flushed index. */
    async function writeAndKill(d: string, minFlushed: number, size: number): Promise<number> {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, d, String(size)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      let lastFlushed = -1;
      let buffered = '';
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          buffered += b.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) {
            const m = /^flushed (\d+)$/.exec(line);
            if (!m) return reject(new Error(`unexpected writer output: ${line}`));
            lastFlushed = Number(m[1]);
          }
          if (lastFlushed >= minFlushed) resolve();
        });
        child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
      });
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      return lastFlushed;
    }

    it('loses at most the artifacts being written when the writer is SIGKILLed, never older ones', async function () {
      this.timeout(30000);
      const size = 200000;
      for (const minFlushed of [3, 21]) {
        const d = await dir();
        const lastFlushed = await writeAndKill(d, minFlushed, size);
        const store = await ArtifactStore.open({ dir: d, maxCount: 100000, maxBytes: 1024 * 1024 * 1024 });
        assert.deepEqual(store.warnings, [], 'a killed write must never leave a visible partial file');
        const present = store.list().map((s) => Number(s.id.slice('sfx_test'.length))).reverse();
        // Everything flushed before the kill is there, in order, and at most the in-flight ones beyond it.
        assert.equal(present.length >= lastFlushed + 1, true, `present ${present.length}, flushed ${lastFlushed}`);
        assert.deepEqual(present, [...Array(present.length).keys()]);
        for (const i of present) assert.deepEqual(store.get(makeArtifact(i).id), makeArtifact(i, size), `artifact ${i}`);
        assert.equal((await fsp.readdir(d)).some((n) => n.includes('.tmp-')), false);
      }
    });
  });
});
