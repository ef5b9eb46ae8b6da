/**
 * A data directory made read-only while the daemon runs, for real: the built daemon (dist/main.js) runs as
 * `nobody` (uid 65534: root ignores permissions) on a directory it owns, with 1 MiB segments; mid-run the directory is made
 * `555` and its files `444`. The open segment's descriptor stays writable, so artifacts stay durable until
 * the segment is full; the next segment cannot be created (EACCES) and from then on every response says
 * `x-streamfix-artifact: memory-only`, `/health` says `degraded` with the cause and the count, a warn line
 * says where the run started, `streamfix_store_durable` is 0. The permissions back, the next artifact is
 * durable and /health is `ok` (an info line says so); after a restart exactly the artifacts acknowledged
 * durable are there. Needs root to start a process as another user: fails saying so otherwise (CI runs
 * as root); the same logic without root, by a failure injected in the store's file calls, is
 * storeDegraded.test.ts.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import type { Artifact } from '../../../shared/protocol';
import { startTestDaemon } from '../helpers/gateway';
import { chunk, sse, TestUpstream } from '../helpers/testUpstream';

const MAIN = path.join(__dirname, '..', '..', '..', 'dist', 'main.js');
const NOBODY = 65534;
/** The copy of dist/main.js nobody runs (before()). */
let main = MAIN;

const SEGMENT_BYTES = 1024 * 1024;

/** About 100 KB of JSON, different per n: the 1 MiB segment (STREAMFIX_STORE_SEGMENT_BYTES) fills within
 * about ten answers (passthrough: the artifact holds it once, as raw content). */
const answer = (n: number) => JSON.stringify({ n, text: `${n}:`.padEnd(100_000, String.fromCharCode(97 + (n % 26))) });

/** The artifact's raw content is the answer (compared without printing half a megabyte on a failure). */
const sameAnswer = (a: Artifact, n: number) => assert.equal(a.rawContent === answer(n), true, `request ${n}: the artifact holds the answer (${a.rawContent?.length} characters)`);

interface Sent {
  n: number;
  id: string;
  /** The header or trailer x-streamfix-artifact ('durable' when absent). */
  artifact: string;
}

interface Health {
  status: string;
  problems: string[];
  store: { durable: boolean; memoryOnly: { since: string; count: number; cause: string } | null; failedWrites: number; count: number };
  warnings: { total: number; byKind: Record<string, number> };
}

interface Child {
  proc: ChildProcess;
  url: string;
  port: number;
  /** Everything it wrote to stderr (its log) so far. */
  log: () => string;
}

/** Starts the built daemon as `nobody`; resolves once its banner says where it listens. */
function spawnAsNobody(dataDir: string, upstream: string, cwd: string): Promise<Child> {
  // 1 MiB segments (8 MiB by default): the open one fills within a few answers
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: cwd, STREAMFIX_STORE_SEGMENT_BYTES: String(SEGMENT_BYTES) };
  delete env.OPENROUTER_API_KEY;
  const proc = spawn(process.execPath, [main, '--port', '0', '--data-dir', dataDir, '--upstream', upstream, '--log-level', 'info'], { uid: NOBODY, gid: NOBODY, cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the daemon did not start within 15 s: ${err}`)), 15_000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/v1)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, port: Number(m[2]), log: () => err });
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the daemon exited (${signal ?? code}) before it was ready: ${err}`));
    });
  });
}

function exited(proc: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode ?? proc.signalCode);
    proc.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

/** Sets the mode of the directory and of every file in it. */
async function chmodAll(dir: string, dirMode: number, fileMode: number): Promise<void> {
  for (const f of await fsp.readdir(dir)) await fsp.chmod(path.join(dir, f), fileMode);
  await fsp.chmod(dir, dirMode);
}

describe('a data directory made read-only while the daemon runs (the real daemon as nobody)', function () {
  this.timeout(60_000);
  let root = '';
  let up: TestUpstream | null = null;
  let child: Child | null = null;
  let restarted: Daemon | null = null;

  before(async function () {
    // not a skip: a test that cannot see permissions would pass whatever the daemon does
    if (process.getuid?.() !== 0) {
      throw new Error(`storeReadOnly.test.ts must run as root (it is uid ${process.getuid?.()}): it starts the daemon as nobody (uid 65534) so that a read-only directory refuses it (root ignores permissions); CI runs as root. Without root, storeDegraded.test.ts covers the same logic through a failure injected in the store's file calls.`);
    }
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-readonly-'));
    await fsp.chmod(root, 0o755);
    // nobody must read the daemon: a checkout under a private directory (/root is 0700) is out of its
    // reach, so the built files (dist's .js and .wasm: the bundle needs nothing else) run from a copy here
    const bin = path.join(root, 'dist');
    await fsp.mkdir(bin, { mode: 0o755 });
    for (const f of await fsp.readdir(path.dirname(MAIN))) {
      if (f.endsWith('.js') || f.endsWith('.wasm')) await fsp.copyFile(path.join(path.dirname(MAIN), f), path.join(bin, f));
    }
    await chmodAll(bin, 0o755, 0o644);
    main = path.join(bin, 'main.js');
    up = await TestUpstream.start();
    up.respond((r) => {
      const { user, stream } = JSON.parse(r.body) as { user: string; stream: boolean };
      const text = answer(Number(user));
      if (!stream) return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] })] };
      return { chunks: [sse(chunk({ role: 'assistant', content: text.slice(0, 1000) }), chunk({ content: text.slice(1000) }), chunk({}, 'stop'), '[DONE]')] };
    });
  });
  after(async () => {
    if (child) {
      child.proc.kill('SIGKILL');
      await exited(child.proc);
    }
    await restarted?.close();
    await up?.close();
    if (root !== '') {
      await chmodAll(path.join(root, 'data'), 0o755, 0o644).catch(() => undefined);
      await fsp.rm(root, { recursive: true, force: true });
    }
  });

  async function send(url: string, n: number): Promise<Sent> {
    const stream = n % 2 === 0;
    const r = await request(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'passthrough' },
      body: JSON.stringify({ model: 'm', stream, user: String(n), messages: [{ role: 'user', content: 'x' }] }),
    });
    const text = await r.body.text();
    assert.equal(r.statusCode, 200, text.slice(0, 300));
    if (stream) assert.equal(text.endsWith('data: [DONE]\n\n'), true, `request ${n}: the stream ended`);
    const artifact = stream ? r.trailers['x-streamfix-artifact'] : r.headers['x-streamfix-artifact'];
    return { n, id: String(r.headers['x-streamfix-request-id']), artifact: artifact === undefined ? 'durable' : String(artifact) };
  }

  const healthOf = async (port: number) => {
    const r = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(r.status, 200, '/health answers 200 in every state');
    return (await r.json()) as Health;
  };
  const metricsOf = async (port: number, names: string[]) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return names.map((name) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]));
  };
  const GAUGES = ['streamfix_store_durable', 'streamfix_store_memory_only_artifacts', 'streamfix_warnings_total{kind="store_write_failed"}'];

  it('durable until the open segment is full, then memory-only with /health degraded; durable and ok again once writable; after a restart exactly the durable artifacts', async () => {
    const dataDir = path.join(root, 'data');
    await fsp.mkdir(dataDir);
    await fsp.chown(dataDir, NOBODY, NOBODY);
    child = await spawnAsNobody(dataDir, up!.url, root);
    const c = child;
    const sent: Sent[] = [await send(c.url, 0), await send(c.url, 1)];
    assert.deepEqual(sent.map((s) => s.artifact), ['durable', 'durable']);
    assert.deepEqual([(await healthOf(c.port)).status, await metricsOf(c.port, GAUGES)], ['ok', [1, 0, NaN]]);

    // the directory and its files made read-only while the daemon runs
    await chmodAll(dataDir, 0o555, 0o444);
    let n = 2;
    while (sent.filter((s) => s.artifact === 'memory-only').length < 3) {
      assert.equal(n < 40, true, 'the open segment fills within 40 answers');
      sent.push(await send(c.url, n++));
    }
    const memoryOnly = sent.filter((s) => s.artifact === 'memory-only');
    const first = sent.indexOf(memoryOnly[0]!);
    // the open segment's descriptor stays writable: durable until it is full, then memory-only each
    assert.deepEqual(sent.map((s) => s.artifact), [...Array(first).fill('durable'), 'memory-only', 'memory-only', 'memory-only']);
    assert.equal(first > 2, true, `artifacts were durable after the chmod (${first - 2})`);

    const h = await healthOf(c.port);
    const cause = `could not create a new segment: EACCES: permission denied, open '${path.join(dataDir, 'artifacts-00000002.log')}'`;
    const since = h.store.memoryOnly?.since ?? '';
    assert.equal(h.status, 'degraded');
    assert.deepEqual(h.problems, [`store: 3 artifact(s) kept in memory only since ${since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${cause}`]);
    assert.deepEqual([h.store.durable, h.store.memoryOnly, h.store.failedWrites, h.store.count], [false, { since, count: 3, cause }, 3, sent.length]);
    assert.equal(h.warnings.byKind.store_write_failed, 3);
    assert.deepEqual(await metricsOf(c.port, GAUGES), [0, 3, 3]);
    const lines = (re: RegExp) => c.log().split('\n').filter((l) => re.test(l)).map((l) => l.slice(25));
    assert.deepEqual(lines(/artifact store: artifacts are kept in memory only/), [
      `warn  artifact store: artifacts are kept in memory only from artifact ${memoryOnly[0]!.id} on (${cause}); /health says "degraded" until a write to disk succeeds`,
    ]);
    assert.deepEqual(lines(/store_write_failed/), [`warn  store_write_failed: could not write 1 artifact(s) to a new segment: EACCES: permission denied, open '${path.join(dataDir, 'artifacts-00000002.log')}'; they are kept in memory only`]);
    // the memory-only ones are served from memory meanwhile
    for (const s of memoryOnly) sameAnswer((await (await fetch(`${c.url}/streamfix/result/${s.id}`)).json()) as Artifact, s.n);

    // the permissions back: the next artifact is durable, /health ok again
    await chmodAll(dataDir, 0o755, 0o644);
    const next = await send(c.url, n++);
    assert.equal(next.artifact, 'durable');
    sent.push(next);
    const back = await healthOf(c.port);
    assert.deepEqual([back.status, back.problems, back.store.durable, back.store.memoryOnly], ['ok', [], true, null]);
    assert.deepEqual(await metricsOf(c.port, GAUGES), [1, 0, 3]);
    assert.deepEqual(lines(/artifacts are durable again/), [
      `info  artifact store: artifact ${next.id} was written to disk: artifacts are durable again (the 3 kept in memory only since ${since} are not on disk and are lost at a restart)`,
    ]);

    // a clean stop (SIGTERM), then a restart on the directory: exactly the durable artifacts are there
    c.proc.kill('SIGTERM');
    assert.equal(await exited(c.proc), 0);
    child = null;
    const again = await startTestDaemon({ upstream: up!.url, dataDir });
    restarted = again;
    for (const s of sent) {
      const r = await fetch(`${again.info.url}/streamfix/result/${s.id}`);
      if (s.artifact === 'memory-only') assert.equal(r.status, 404, `request ${s.n}`);
      else sameAnswer((await r.json()) as Artifact, s.n);
    }
    assert.equal((await healthOf(again.info.port)).status, 'ok');
  });
});
