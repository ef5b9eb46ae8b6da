import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore, LOCK_FILE } from '../../../server/gateway/artifacts';
import { processStart } from '../../../server/gateway/artifactLock';
import { metric, startTestDaemon } from '../helpers/gateway';
import { testFs } from './fixtures/logFs';
import { makeArtifact } from './fixtures/artifactFixture';

const MAIN = path.join(__dirname, '..', '..', '..', 'dist', 'main.js');

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Reads the child's stdout until `pattern` matches; returns the match. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (b: Buffer) => {
      text += b.toString();
      const m = pattern.exec(text);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${text}`)));
  });
}

describe('ArtifactStore lock: the owner must prove it is a live StreamFix daemon', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  async function dir(): Promise<string> {
    const d = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-lock-'));
    dirs.push(d);
    return d;
  }
  function start(cmd: string, args: string[]): ChildProcess {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(c);
    return c;
  }
  afterEach(async () => {
    for (const c of children.splice(0)) {
      c.kill('SIGKILL');
      await exited(c);
    }
  });
  after(async () => {
    for (const d of dirs) await fsp.rm(d, { recursive: true, force: true });
  });

  async function takesOver(d: string, why: string): Promise<void> {
    const store = await ArtifactStore.open({ dir: d });
    assert.equal(store.stats().dir, d);
    assert.equal(store.stats().readOnly, null);
    assert.deepEqual(store.warnings, [`took over ${LOCK_FILE} in ${d}: ${why}`]);
    assert.equal(await fsp.readFile(path.join(d, LOCK_FILE), 'utf8'), `${process.pid}\n${processStart(process.pid)}\n`);
    assert.equal(await store.put(makeArtifact(0)), true);
    await store.close();
  }

  it('takes over a lock naming a live process that is not a StreamFix daemon (pid reuse)', async () => {
    const d = await dir();
    const sleeper = start('sleep', ['30']);
    await fsp.writeFile(path.join(d, LOCK_FILE), `${sleeper.pid}\n`);
    await takesOver(d, `pid ${sleeper.pid} is not a StreamFix daemon ("sleep 30")`);
  });

  it('logs a take-over in the daemon log as it happens and counts it in streamfix_warnings_total', async () => {
    const d = await dir();
    const sleeper = start('sleep', ['30']);
    await fsp.writeFile(path.join(d, LOCK_FILE), `${sleeper.pid}\n`);
    const lines: string[] = [];
    const daemon = await startTestDaemon({ dataDir: d, logLevel: 'warn', logOut: { write: (s: string) => lines.push(s) } });
    try {
      assert.deepEqual(
        lines.map((l) => l.replace(/^\S+ /, '')),
        [`warn  store: took over ${LOCK_FILE} in ${d}: pid ${sleeper.pid} is not a StreamFix daemon ("sleep 30")\n`],
      );
      assert.equal(await metric(daemon, 'streamfix_warnings_total{kind="store"}'), 1);
      assert.equal(await metric(daemon, 'streamfix_warnings_total{kind="store_write_failed"}'), 0);
      assert.deepEqual(daemon.warnings.stats().byKind, { store: 1 });
    } finally {
      await daemon.close();
    }
  });

  it('takes over a lock whose pid now belongs to a process started at another time', async () => {
    const d = await dir();
    const sleeper = start('sleep', ['30']);
    await fsp.writeFile(path.join(d, LOCK_FILE), `${sleeper.pid}\nproc:1\n`);
    await takesOver(d, `pid ${sleeper.pid} now belongs to another process (started ${processStart(sleeper.pid!)}, the lock says proc:1)`);
  });

  it('takes over a lock whose process is gone, or a zombie', async () => {
    const d = await dir();
    const gone = start('sleep', ['30']);
    gone.kill('SIGKILL');
    await exited(gone);
    await fsp.writeFile(path.join(d, LOCK_FILE), `${gone.pid}\n`);
    await takesOver(d, `pid ${gone.pid} is gone`);

    // `sleep 0.3` exits after its parent has exec'd into `sleep 30`, which never reaps it: a zombie that
    // answers kill(pid, 0)
    const parent = start('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30']);
    const zombie = Number((await waitFor(parent, /^(\d+)\n/))[1]);
    while (!(await fsp.readFile(`/proc/${zombie}/stat`, 'utf8')).includes(') Z ')) await new Promise((r) => setTimeout(r, 20));
    await fsp.writeFile(path.join(d, LOCK_FILE), `${zombie}\n`);
    await takesOver(d, `pid ${zombie} is a zombie`);
  });

  it('a read-only view picks up a record whose write was still running between whole records when it scanned', async () => {
    const d = await dir();
    const fs = testFs();
    // two writes at once (one at a time is the default; a store before 2026-12-03 ran four)
    const first = await ArtifactStore.open({ dir: d, fs, maxWritesInFlight: 2 });
    assert.equal(await first.put(makeArtifact(0)), true);
    let release!: () => void;
    fs.holdNextWrite = new Promise<void>((r) => (release = r));
    const slow = first.put(makeArtifact(1));
    await new Promise<void>((r) => queueMicrotask(r)); // its write has started (held before writing)
    assert.equal(await first.put(makeArtifact(2)), true, 'written after the held one, at the next offset');
    const second = await ArtifactStore.open({ dir: d });
    assert.deepEqual(second.list().map((s) => s.id), [2, 0].map((i) => makeArtifact(i).id));
    release();
    assert.equal(await slow, true);
    await second.refresh();
    assert.deepEqual(second.list().map((s) => s.id), [2, 1, 0].map((i) => makeArtifact(i).id));
    assert.deepEqual(await second.get(makeArtifact(1).id), makeArtifact(1));
    assert.deepEqual(second.stats().readOnly, { dir: d, count: 3 });
    await Promise.all([first.close(), second.close()]);
  });

  it('keeps a second store on a directory held in this process in memory only, listing the first one\'s artifacts', async () => {
    const d = await dir();
    const first = await ArtifactStore.open({ dir: d });
    await first.put(makeArtifact(0));
    const second = await ArtifactStore.open({ dir: d });
    assert.equal(second.stats().dir, null);
    assert.deepEqual(second.warnings, [`artifact directory ${d} is already used by another store in this process: this daemon keeps its artifacts in memory only and lists the ones on disk read-only`]);
    assert.deepEqual(second.list().map((s) => s.id), [makeArtifact(0).id]);
    assert.equal(await second.put(makeArtifact(1)), false);
    // a query applies to both: its own (memory) and the read-only view's, merged by time
    await second.put(makeArtifact(2));
    assert.deepEqual(second.list(undefined, { status: 'VALID' }).map((s) => s.id), [2, 0].map((i) => makeArtifact(i).id));
    assert.deepEqual(second.list(undefined, { status: 'REPAIRED' }).map((s) => s.id), [makeArtifact(1).id]);
    assert.deepEqual(second.list(1, { mode: 'strip' }).map((s) => s.id), [makeArtifact(2).id]);
    await Promise.all([first.close(), second.close()]);
    const reopened = await ArtifactStore.open({ dir: d });
    assert.deepEqual(reopened.list().map((s) => s.id), [makeArtifact(0).id]);
    await reopened.close();
  });

  it('takes over a dead second writer\'s lock and recovers its series (a torn tail cut), leaving the first writer\'s segment to its owner', async () => {
    const d = await dir();
    const sleeper = start('sleep', ['30']);
    // the first writer: a live process (its start time proves it), with a torn tail of its own
    const first = await ArtifactStore.open({ dir: d });
    assert.equal(await first.put(makeArtifact(0)), true);
    await first.close();
    await fsp.appendFile(path.join(d, 'artifacts-00000001.log'), Buffer.from('torn write of writer 1'));
    await fsp.writeFile(path.join(d, LOCK_FILE), `${sleeper.pid}\n${processStart(sleeper.pid!)}\n`);
    const second = await ArtifactStore.open({ dir: d });
    assert.deepEqual(second.stats().writer, { number: 2, lock: 'daemon-2.lock', others: 1 });
    assert.equal(await second.put(makeArtifact(1)), true);
    await second.close();
    // the second writer dies (kill -9): its lock stays, its segment ends in a torn write
    const gone = start('sleep', ['30']);
    gone.kill('SIGKILL');
    await exited(gone);
    await fsp.writeFile(path.join(d, 'daemon-2.lock'), `${gone.pid}\nproc:1\n`);
    await fsp.appendFile(path.join(d, 'artifacts-2-00000001.log'), Buffer.from('torn'));
    const before1 = (await fsp.stat(path.join(d, 'artifacts-00000001.log'))).size;

    const next = await ArtifactStore.open({ dir: d });
    assert.deepEqual(next.stats().writer, { number: 2, lock: 'daemon-2.lock', others: 1 });
    const used = (await fsp.stat(path.join(d, 'artifacts-2-00000001.log'))).size;
    assert.deepEqual(next.warnings, [
      `took over daemon-2.lock in ${d}: pid ${gone.pid} is gone`,
      `recovery: artifacts-2-00000001.log ended in 4 bytes of an unfinished write (a crash); cut at offset ${used}`,
    ]);
    assert.deepEqual(next.list().map((s) => s.id), [1, 0].map((i) => makeArtifact(i).id));
    assert.deepEqual([await next.get(makeArtifact(0).id), await next.get(makeArtifact(1).id)], [makeArtifact(0), makeArtifact(1)]);
    assert.equal((await fsp.stat(path.join(d, 'artifacts-00000001.log'))).size, before1, 'the first writer\'s segment is its owner\'s to recover');
    assert.equal(await next.put(makeArtifact(2)), true);
    await next.close();
    assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log', 'artifacts-2-00000001.log', 'artifacts-2-00000002.log', LOCK_FILE]);
  });

  it('leaves the old one-file-per-artifact layout to the first writer to migrate (a second writer would put the same artifacts again)', async () => {
    const d = await dir();
    const sleeper = start('sleep', ['30']);
    await fsp.writeFile(path.join(d, LOCK_FILE), `${sleeper.pid}\n${processStart(sleeper.pid!)}\n`);
    const legacy = `${makeArtifact(0).id}.json`;
    await fsp.writeFile(path.join(d, legacy), JSON.stringify({ format: 1, seq: 1, artifact: makeArtifact(0) }));
    const second = await ArtifactStore.open({ dir: d });
    assert.deepEqual([second.stats().writer?.number, second.warnings, second.list().length], [2, [], 0]);
    await second.close();
    assert.deepEqual((await fsp.readdir(d)).sort(), [LOCK_FILE, legacy]);
    await fsp.rm(path.join(d, LOCK_FILE));
    const first = await ArtifactStore.open({ dir: d });
    assert.deepEqual([first.stats().writer?.number, first.warnings, first.list().map((s) => s.id)], [1, ['migrated 1 artifact(s) from the old one-file-per-artifact layout into the log'], [makeArtifact(0).id]]);
    await first.close();
  });

  it('keeps its artifacts in memory only when all eight writer slots are held by live daemons', async () => {
    const d = await dir();
    const sleeper = start('sleep', ['30']);
    const lock = `${sleeper.pid}\n${processStart(sleeper.pid!)}\n`;
    for (const f of [LOCK_FILE, 'daemon-2.lock', 'daemon-3.lock', 'daemon-4.lock', 'daemon-5.lock', 'daemon-6.lock', 'daemon-7.lock', 'daemon-8.lock']) await fsp.writeFile(path.join(d, f), lock);
    const store = await ArtifactStore.open({ dir: d });
    const why = `artifact directory ${d} is in use by 8 other StreamFix daemons (pid ${Array(8).fill(sleeper.pid).join(', ')}), the most that write to one directory`;
    assert.deepEqual([store.stats().dir, store.stats().writer, store.stats().readOnly], [null, null, { dir: d, count: 0 }]);
    assert.deepEqual(store.warnings, [`${why}: this daemon keeps its artifacts in memory only and lists the ones on disk read-only`]);
    assert.equal(store.problem(), `${why}: this daemon keeps its artifacts in memory only (lost at a restart) and lists the directory's read-only`);
    assert.equal(await store.put(makeArtifact(0)), false);
    await store.close();
    assert.equal((await fsp.readdir(d)).some((f) => f.startsWith('artifacts-') || f === 'daemon-9.lock'), false);
  });

  it('respects the lock of a live daemon and becomes the directory\'s second writer: its own artifacts durable in a series of its own, the daemon\'s listed read-only, each seeing the other\'s', async function () {
    this.timeout(30000);
    const d = await dir();
    const daemon = start(process.execPath, [MAIN, '--port', '0', '--demo', '--demo-delay-ms', '0', '--data-dir', d, '--log-level', 'warn']);
    const url = (await waitFor(daemon, /listening on (http:\/\/\S+\/v1)/))[1];
    const ask = async () => {
      const r = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'demo/clean', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(r.status, 200);
      await r.text();
      return r.headers.get('x-streamfix-request-id')!;
    };
    const first = await ask();

    const store = await ArtifactStore.open({ dir: d });
    assert.deepEqual([store.stats().dir, store.stats().readOnly, store.stats().writer, store.problem()], [d, null, { number: 2, lock: 'daemon-2.lock', others: 1 }, null]);
    assert.deepEqual(store.warnings, []);
    assert.equal(await fsp.readFile(path.join(d, 'daemon-2.lock'), 'utf8'), `${process.pid}\n${processStart(process.pid)}\n`);
    assert.deepEqual(store.list().map((s) => [s.id, s.model, s.status]), [[first, 'demo/clean', 'VALID']]);
    assert.equal((await store.get(first))?.model, 'demo/clean');

    const own = { ...makeArtifact(1), createdAt: new Date(Date.now() + 60_000).toISOString() };
    assert.equal(await store.put(own), true, 'durable, in its own series');
    const second = await ask();
    // an id not listed yet is looked for at once (the list itself is rescanned at most once a second)
    assert.equal((await store.get(second))?.id, second);
    assert.deepEqual(store.list().map((s) => s.id), [own.id, second, first]);
    assert.equal(store.stats().writer?.others, 2);
    // the daemon lists and serves the second writer's artifact
    const got = await fetch(`${url}/streamfix/result/${own.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(await got.json(), own);
    await store.close();

    const lock = await fsp.readFile(path.join(d, LOCK_FILE), 'utf8');
    assert.equal(lock, `${daemon.pid}\n${processStart(daemon.pid!)}\n`, 'the daemon keeps its lock');
    assert.deepEqual((await fsp.readdir(d)).sort(), ['artifacts-00000001.log', 'artifacts-2-00000001.log', LOCK_FILE], 'the second writer\'s lock is gone, its segment stays');
    const again = await ArtifactStore.open({ dir: d });
    assert.deepEqual([again.stats().writer, again.list().map((s) => s.id)], [{ number: 2, lock: 'daemon-2.lock', others: 2 }, [own.id, second, first]]);
    await again.close();
  });
});
