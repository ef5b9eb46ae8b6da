/**
 * Two editor windows, two daemons, one data directory — for real: two built daemons (dist/main.js, child
 * processes) on the same directory. The first holds `daemon.lock` and appends `artifacts-NNNNNNNN.log`, the
 * second holds `daemon-2.lock` and appends `artifacts-2-NNNNNNNN.log`: both answer with durable artifacts
 * (no `x-streamfix-artifact: memory-only`), `/health` is `ok` in both, each serves and lists the other's.
 * `kill -9` of either under load loses no acknowledged artifact (a response whose client received its
 * end): the survivor still serves the dead one's, and the restarted daemon takes its writer slot back
 * (the lock taken over, its segments recovered) and serves them too.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import type { Artifact } from '../../../shared/protocol';
import { chunk, sse, TestUpstream } from '../helpers/testUpstream';

const MAIN = path.join(__dirname, '..', '..', '..', 'dist', 'main.js');

/** About 3 KB of JSON, different per n. */
const answer = (n: number) => JSON.stringify({ n, text: `${n}:`.padEnd(3_000, String.fromCharCode(97 + (n % 26))) });

interface Child {
  proc: ChildProcess;
  url: string;
  port: number;
  log: () => string;
}

function spawnDaemon(dataDir: string, upstream: string): Promise<Child> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OPENROUTER_API_KEY;
  const proc = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir, '--upstream', upstream, '--log-level', 'info'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the daemon did not start within 20 s: ${err}`)), 20_000);
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

function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
}

interface Sent {
  n: number;
  id: string;
  /** The header or trailer x-streamfix-artifact ('durable' when absent). */
  artifact: string;
}

/** One request (even n streams); resolves once the client has received the end of the response. */
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

/** `count` requests, `concurrency` at a time, to `url`; SIGKILL of `victim` once `killAfter` have been
 * acknowledged. Returns the acknowledged ones (requests cut by the kill are not). */
async function loadThenKill(url: string, from: number, count: number, concurrency: number, killAfter: number, victim: ChildProcess): Promise<Sent[]> {
  const acked: Sent[] = [];
  let next = from;
  const worker = async () => {
    while (next < from + count && victim.exitCode === null && victim.signalCode === null) {
      const n = next++;
      try {
        acked.push(await send(url, n));
      } catch {
        return; // cut by the kill
      }
      if (acked.length === killAfter) victim.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await exited(victim);
  return acked;
}

interface Health {
  status: string;
  problems: string[];
  store: { durable: boolean; memoryOnly: unknown; writer: { number: number; lock: string; others: number } | null; readOnly: unknown };
}

async function health(c: Child): Promise<Health> {
  const r = await fetch(`http://127.0.0.1:${c.port}/health`);
  assert.equal(r.status, 200);
  return (await r.json()) as Health;
}

/** Every artifact in `sent` is served by `c` whole (the answer the upstream gave). */
async function servesAll(c: Child, sent: Sent[], who: string): Promise<void> {
  for (const s of sent) {
    const r = await fetch(`${c.url}/streamfix/result/${s.id}`);
    assert.equal(r.status, 200, `${who}: request ${s.n} (${s.id})`);
    const a = (await r.json()) as Artifact;
    assert.equal(a.rawContent === answer(s.n), true, `${who}: request ${s.n} holds its answer`);
  }
}

async function listed(c: Child): Promise<string[]> {
  const r = await fetch(`${c.url}/streamfix/results`);
  return ((await r.json()) as { data: { id: string }[] }).data.map((a) => a.id).sort();
}

const warnLines = (c: Child) => c.log().split('\n').filter((l) => / warn /.test(l)).map((l) => l.slice(25));

describe('two daemons on one data directory (two editor windows, the real daemon twice)', function () {
  this.timeout(120_000);
  let dir = '';
  let up: TestUpstream | null = null;
  const children: ChildProcess[] = [];

  before(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-two-'));
    up = await TestUpstream.start();
    up.respond((r) => {
      const { user, stream } = JSON.parse(r.body) as { user: string; stream: boolean };
      const text = answer(Number(user));
      if (!stream) return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] })] };
      return { chunks: [sse(chunk({ role: 'assistant', content: text.slice(0, 1000) }), chunk({ content: text.slice(1000) }), chunk({}, 'stop'), '[DONE]')] };
    });
  });
  after(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await exited(c);
    }
    await up?.close();
    if (dir !== '') await fsp.rm(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const c = await spawnDaemon(dir, up!.url);
    children.push(c.proc);
    return c;
  };

  it('both durable and ok, each serving and listing the other\'s; kill -9 of either under load loses no acknowledged artifact, and its restart takes its slot back', async () => {
    const a = await start();
    const b = await start();
    const ha = await health(a);
    const hb = await health(b);
    assert.deepEqual([ha.status, ha.problems, ha.store.durable, ha.store.readOnly, ha.store.writer], ['ok', [], true, null, { number: 1, lock: 'daemon.lock', others: 0 }]);
    assert.deepEqual([hb.status, hb.problems, hb.store.durable, hb.store.readOnly, hb.store.writer], ['ok', [], true, null, { number: 2, lock: 'daemon-2.lock', others: 0 }]);
    assert.deepEqual((await fsp.readdir(dir)).sort(), ['artifacts-00000001.log', 'artifacts-2-00000001.log', 'daemon-2.lock', 'daemon.lock']);

    const fromA = [await send(a.url, 0), await send(a.url, 1), await send(a.url, 2), await send(a.url, 3)];
    const fromB = [await send(b.url, 4), await send(b.url, 5), await send(b.url, 6), await send(b.url, 7)];
    assert.deepEqual([...fromA, ...fromB].map((s) => s.artifact), Array(8).fill('durable'));
    await servesAll(a, fromB, 'the first daemon');
    await servesAll(b, fromA, 'the second daemon');
    const all = [...fromA, ...fromB].map((s) => s.id).sort();
    assert.deepEqual([await listed(a), await listed(b)], [all, all]);
    assert.deepEqual([(await health(a)).store.writer?.others, (await health(b)).store.writer?.others], [4, 4]);
    assert.deepEqual([warnLines(a), warnLines(b)], [[], []]);

    // kill -9 of the second under load: the first still serves every acknowledged one
    const bPid = b.proc.pid!;
    const ackedB = await loadThenKill(b.url, 100, 60, 6, 20, b.proc);
    assert.equal(ackedB.length >= 20, true, `${ackedB.length} acknowledged`);
    assert.deepEqual(ackedB.filter((s) => s.artifact !== 'durable'), []);
    await servesAll(a, ackedB, 'the first daemon after the second was killed');
    // restarted: it takes daemon-2.lock back (its owner is gone) and recovers its series
    const b2 = await start();
    const hb2 = await health(b2);
    assert.deepEqual([hb2.status, hb2.problems, hb2.store.durable, hb2.store.writer?.number, hb2.store.writer?.lock], ['ok', [], true, 2, 'daemon-2.lock']);
    assert.deepEqual(warnLines(b2).filter((l) => l.includes('took over')), [`warn  store: took over daemon-2.lock in ${dir}: pid ${bPid} is gone\n`.trimEnd()]);
    await servesAll(b2, [...fromA, ...fromB, ...ackedB], 'the second daemon restarted');

    // kill -9 of the first under load: the restarted second serves every acknowledged one
    const aPid = a.proc.pid!;
    const ackedA = await loadThenKill(a.url, 200, 60, 6, 20, a.proc);
    assert.equal(ackedA.length >= 20, true, `${ackedA.length} acknowledged`);
    assert.deepEqual(ackedA.filter((s) => s.artifact !== 'durable'), []);
    await servesAll(b2, ackedA, 'the second daemon after the first was killed');
    const a2 = await start();
    const ha2 = await health(a2);
    assert.deepEqual([ha2.status, ha2.problems, ha2.store.durable, ha2.store.writer?.number, ha2.store.writer?.lock], ['ok', [], true, 1, 'daemon.lock']);
    assert.deepEqual(warnLines(a2).filter((l) => l.includes('took over')), [`warn  store: took over daemon.lock in ${dir}: pid ${aPid} is gone`]);
    const everything = [...fromA, ...fromB, ...ackedB, ...ackedA];
    await servesAll(a2, everything, 'the first daemon restarted');
    await servesAll(b2, everything, 'the second daemon restarted');
    // listed: every acknowledged one, and at most the 12 cut by the kills (6 in flight each) whose write had landed
    const list = await listed(a2);
    assert.deepEqual(everything.filter((s) => !list.includes(s.id)), []);
    assert.equal(list.length - everything.length <= 12, true, `${list.length - everything.length} listed that were not acknowledged`);
    // both answer durable after it all
    assert.deepEqual([(await send(a2.url, 300)).artifact, (await send(b2.url, 301)).artifact], ['durable', 'durable']);
  });
});
