/**
 * `/health` tells the truth about the artifact store: a daemon whose writes fail (here a failure injected in
 * the store's file calls: the next segment cannot be created, EACCES, as in a directory made read-only) says
 * `status: "degraded"` with the cause and the count of memory-only artifacts in `problems`, logs the start
 * and the end of the run, publishes a `store` event and sets `streamfix_store_durable` 0; the next durable
 * write makes it `ok` again. A directory another store of this process holds is a problem too (another daemon's is not: two daemons are two writers, storeTwoWriters.test.ts). No root needed: the real
 * read-only directory, with a daemon running as `nobody`, is storeReadOnly.test.ts.
 */
import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Daemon } from '../../../server/daemon';
import type { GatewayEvent } from '../../../shared/protocol';
import { metric, startTestDaemon } from '../helpers/gateway';
import { TestUpstream } from '../helpers/testUpstream';
import { testFs } from './fixtures/logFs';

interface Health {
  status: string;
  problems: string[];
  store: { durable: boolean; memoryOnly: { since: string; count: number; cause: string } | null; failedWrites: number; count: number };
}

async function health(d: Daemon): Promise<Health> {
  const r = await fetch(`http://127.0.0.1:${d.info.port}/health`);
  assert.equal(r.status, 200, 'GET /health is a 200 in every state (the gateway answers)');
  return (await r.json()) as Health;
}

/** A non-streaming answer of about 30 KB: three fill a 100 KB segment. */
const answer = (n: number) => JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: `${n}:`.padEnd(30_000, 'x') }, finish_reason: 'stop' }] });

async function send(d: Daemon, n: number): Promise<{ id: string; artifact: string }> {
  const r = await fetch(`${d.info.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'strip' },
    body: JSON.stringify({ model: 'm', user: String(n), messages: [{ role: 'user', content: 'x' }] }),
  });
  assert.equal(r.status, 200);
  await r.text();
  return { id: String(r.headers.get('x-streamfix-request-id')), artifact: r.headers.get('x-streamfix-artifact') ?? 'durable' };
}

describe('/health when the artifact store cannot write (a failure injected in its file calls)', function () {
  this.timeout(30_000);
  let dir = '';
  let up: TestUpstream;
  const daemons: Daemon[] = [];
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-degraded-'));
    up = await TestUpstream.start();
    up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(Number((JSON.parse(r.body) as { user: string }).user))] }));
  });
  afterEach(async () => {
    for (const d of daemons.splice(0)) await d.close();
    await up.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('says degraded with the cause and the count while artifacts are memory-only, logs it, publishes it, and is ok again after the next durable write', async () => {
    const fs = testFs();
    const logs: string[] = [];
    const d = await startTestDaemon({ upstream: up.url, dataDir: dir, logLevel: 'info', logOut: { write: (s: string) => logs.push(s) }, storeHooks: { fs, segmentBytes: 100_000, preallocBytes: 0 } });
    daemons.push(d);
    const events: GatewayEvent[] = [];
    d.events.subscribe((e) => events.push(e));
    const fresh = await health(d);
    assert.deepEqual([fresh.status, fresh.problems, fresh.store.durable, fresh.store.memoryOnly], ['ok', [], true, null]);
    assert.equal(await metric(d, 'streamfix_store_durable'), 1);

    // the directory refuses new files from now on: the open segment takes what fits, then every artifact fails
    fs.failOpen = 'EACCES';
    const before = new Date().toISOString();
    const sent: { id: string; artifact: string }[] = [];
    for (let n = 0; sent.filter((s) => s.artifact === 'memory-only').length < 3; n++) {
      assert.equal(n < 10, true, 'the segment fills within 10 answers');
      sent.push(await send(d, n));
    }
    const memoryOnly = sent.filter((s) => s.artifact === 'memory-only');
    const first = sent.indexOf(memoryOnly[0]!);
    // durable until the segment is full, memory-only from the first that needed a new segment on
    assert.deepEqual(sent.map((s) => s.artifact), [...Array(first).fill('durable'), 'memory-only', 'memory-only', 'memory-only']);
    assert.equal(first > 0, true);

    const h = await health(d);
    const cause = 'could not create a new segment: EACCES: injected failure, open';
    const since = h.store.memoryOnly?.since ?? '';
    assert.deepEqual(h.store.memoryOnly, { since, count: 3, cause });
    assert.equal(since >= before && since <= new Date().toISOString(), true, since);
    assert.equal(h.status, 'degraded');
    assert.deepEqual(h.problems, [`store: 3 artifact(s) kept in memory only since ${since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${cause}`]);
    assert.deepEqual([h.store.durable, h.store.failedWrites, h.store.count], [false, 3, sent.length]);
    assert.equal(await metric(d, 'streamfix_store_durable'), 0);
    assert.equal(await metric(d, 'streamfix_store_memory_only_artifacts'), 3);
    const started = logs.filter((l) => l.includes(' artifact store: artifacts are kept in memory only'));
    assert.deepEqual(
      started.map((l) => l.slice(25)),
      [`warn  artifact store: artifacts are kept in memory only from artifact ${memoryOnly[0]!.id} on (${cause}); /health says "degraded" until a write to disk succeeds\n`],
    );
    const storeEvents = () => events.filter((e) => e.type === 'store').map((e) => e.type === 'store' && { id: e.id, durable: e.durable, problem: e.problem });
    assert.deepEqual(storeEvents(), [{ id: memoryOnly[0]!.id, durable: false, problem: `1 artifact(s) kept in memory only since ${since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${cause}` }]);

    // the directory takes new files again: the next artifact is durable, and the run is over
    fs.failOpen = null;
    const next = await send(d, 20);
    assert.equal(next.artifact, 'durable');
    const after = await health(d);
    assert.deepEqual([after.status, after.problems, after.store.durable, after.store.memoryOnly], ['ok', [], true, null]);
    assert.equal(await metric(d, 'streamfix_store_durable'), 1);
    assert.equal(await metric(d, 'streamfix_store_memory_only_artifacts'), 0);
    assert.deepEqual(
      logs.filter((l) => l.includes('artifacts are durable again')).map((l) => l.slice(25)),
      [`info  artifact store: artifact ${next.id} was written to disk: artifacts are durable again (the 3 kept in memory only since ${since} are not on disk and are lost at a restart)\n`],
    );
    assert.deepEqual(storeEvents().slice(1), [{ id: next.id, durable: true, problem: null }]);

    // after a restart exactly the artifacts acknowledged durable are there
    await d.close();
    const again = await startTestDaemon({ upstream: up.url, dataDir: dir });
    daemons.push(again);
    for (const s of [...sent, next]) {
      assert.equal((await fetch(`${again.info.url}/streamfix/result/${s.id}`)).status, s.artifact === 'durable' ? 200 : 404, s.id);
    }
  });

  it('ends the run when a write that was too slow lands after its response said memory-only (the artifact is on disk after all), and says so in the log', async () => {
    const fs = testFs();
    const logs: string[] = [];
    const d = await startTestDaemon({ upstream: up.url, dataDir: dir, logLevel: 'info', logOut: { write: (s: string) => logs.push(s) }, storeHooks: { fs, commitWaitMs: 300 } });
    daemons.push(d);
    const events: GatewayEvent[] = [];
    d.events.subscribe((e) => events.push(e));
    assert.equal((await send(d, 0)).artifact, 'durable');

    // the next write is held past the commit wait (a stuck disk): its response says memory-only
    let release!: () => void;
    fs.holdNextWrite = new Promise<void>((r) => (release = r));
    const slow = await send(d, 1);
    assert.equal(slow.artifact, 'memory-only');
    const h = await health(d);
    const since = h.store.memoryOnly?.since ?? '';
    const cause = 'not durable within 300 ms (a slow disk)';
    assert.deepEqual([h.status, h.problems, h.store.memoryOnly], ['degraded', [`store: 1 artifact(s) kept in memory only since ${since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${cause}`], { since, count: 1, cause }]);

    // the write lands: that artifact is on disk after all, and the run is over without another request
    release();
    const deadline = Date.now() + 5_000;
    while ((await health(d)).status !== 'ok') {
      assert.equal(Date.now() < deadline, true, 'the run ends when the late write lands');
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await health(d);
    assert.deepEqual([after.status, after.problems, after.store.durable, after.store.memoryOnly], ['ok', [], true, null]);
    assert.equal(await metric(d, 'streamfix_store_durable'), 1);
    assert.deepEqual(
      logs.filter((l) => l.includes(' artifact store: ')).map((l) => l.slice(25)),
      [
        `warn  artifact store: artifacts are kept in memory only from artifact ${slow.id} on (${cause}); /health says "degraded" until a write to disk succeeds\n`,
        `info  artifact store: artifact ${slow.id} reached the disk after its response had said memory-only (a slow write): artifacts are durable again (1 of the 1 answered memory-only since ${since} reached the disk late; any other is not on disk and is lost at a restart)\n`,
      ],
    );
    assert.deepEqual(events.filter((e) => e.type === 'store').map((e) => e.type === 'store' && [e.id, e.durable, e.problem]), [
      [slow.id, false, `1 artifact(s) kept in memory only since ${since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${cause}`],
      [slow.id, true, null],
    ]);
    // it is read from disk, and there after a restart
    await d.close();
    const again = await startTestDaemon({ upstream: up.url, dataDir: dir });
    daemons.push(again);
    const r = await fetch(`${again.info.url}/streamfix/result/${slow.id}`);
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { id: string }).id, slow.id);
  });

  it('says degraded when another store of this process holds the data directory (its artifacts are kept in memory only; two daemons are two writers: storeTwoWriters.test.ts)', async () => {
    const owner = await startTestDaemon({ upstream: up.url, dataDir: dir });
    daemons.push(owner);
    const second = await startTestDaemon({ upstream: up.url, dataDir: dir });
    daemons.push(second);
    const h = await health(second);
    assert.equal(h.status, 'degraded');
    assert.deepEqual(h.problems, [`store: artifact directory ${dir} is already used by another store in this process: this daemon keeps its artifacts in memory only (lost at a restart) and lists the directory's read-only`]);
    assert.deepEqual([h.store.durable, h.store.memoryOnly], [false, null]);
    assert.equal(await metric(second, 'streamfix_store_durable'), 0);
    const o = await health(owner);
    assert.deepEqual([o.status, o.problems, o.store.durable], ['ok', [], true]);
    assert.equal(await metric(owner, 'streamfix_store_durable'), 1);
    // each response says so: the second daemon was given the directory and keeps nothing there (before,
    // its answers carried no header, which promised an artifact on disk)
    assert.deepEqual([(await send(second, 1)).artifact, (await send(owner, 2)).artifact], ['memory-only', 'durable']);
  });

  it('a daemon without a data directory promises no durability: ok, no problem, no durability gauge', async () => {
    const d = await startTestDaemon({ upstream: up.url, dataDir: null });
    daemons.push(d);
    await send(d, 1);
    const h = await health(d);
    assert.deepEqual([h.status, h.problems, h.store.durable, h.store.memoryOnly], ['ok', [], false, null]);
    const text = await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).text();
    assert.equal(text.includes('streamfix_store_durable'), false);
  });
});
