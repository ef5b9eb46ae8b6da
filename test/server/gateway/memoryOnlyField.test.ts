/**
 * An artifact whose response said `x-streamfix-artifact: memory-only` says so when served: `memoryOnly: true`
 * on GET /v1/streamfix/result/:id and on its /results entry; an artifact on disk has no such field. The
 * failure is injected in the store's file calls (as storeDegraded.test.ts): the next segment cannot be
 * created, EACCES.
 */
import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Daemon } from '../../../server/daemon';
import type { Artifact, ArtifactSummary, GatewayEvent } from '../../../shared/protocol';
import { startTestDaemon } from '../helpers/gateway';
import { TestUpstream } from '../helpers/testUpstream';
import { testFs } from './fixtures/logFs';

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

describe('memoryOnly on a served artifact whose response said memory-only', function () {
  this.timeout(30_000);
  let dir = '';
  let up: TestUpstream;
  let d: Daemon | undefined;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-memonly-'));
    up = await TestUpstream.start();
    up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(Number((JSON.parse(r.body) as { user: string }).user))] }));
  });
  afterEach(async () => {
    await d?.close();
    d = undefined;
    await up.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('GET /v1/streamfix/result/:id and /results say memoryOnly: true of those artifacts, and nothing of the ones on disk', async () => {
    const fs = testFs();
    const daemon = await startTestDaemon({ upstream: up.url, dataDir: dir, storeHooks: { fs, segmentBytes: 100_000, preallocBytes: 0 } });
    d = daemon;
    const first = await send(daemon, 0);
    assert.equal(first.artifact, 'durable');
    // the directory refuses new files from now on: the open segment takes what fits, then every artifact fails
    fs.failOpen = 'EACCES';
    const sent = [first];
    for (let n = 1; sent.filter((s) => s.artifact === 'memory-only').length < 2; n++) {
      assert.equal(n < 10, true, 'the segment fills within 10 answers');
      sent.push(await send(daemon, n));
    }
    const memoryOnly = sent.filter((s) => s.artifact === 'memory-only').map((s) => s.id);
    const onDisk = sent.filter((s) => s.artifact === 'durable').map((s) => s.id);
    assert.equal(onDisk.length >= 1, true);
    for (const s of sent) {
      const r = await fetch(`${daemon.info.url}/streamfix/result/${s.id}`);
      assert.equal(r.status, 200);
      const a = (await r.json()) as Artifact;
      assert.equal(a.memoryOnly, s.artifact === 'memory-only' ? true : undefined, `${s.id} (${s.artifact})`);
    }
    const list = (await (await fetch(`${daemon.info.url}/streamfix/results?limit=100`)).json()) as { data: ArtifactSummary[] };
    assert.deepEqual(
      list.data.filter((e) => e.memoryOnly === true).map((e) => e.id),
      [...memoryOnly].reverse(),
    );
    assert.deepEqual(list.data.filter((e) => !('memoryOnly' in e)).map((e) => e.id), [...onDisk].reverse());
  });

  /** What the daemon serves of `id` now: the artifact's memoryOnly, and its listing entry's. */
  async function served(daemon: Daemon, id: string): Promise<[boolean | undefined, boolean | undefined]> {
    const a = (await (await fetch(`${daemon.info.url}/streamfix/result/${id}`)).json()) as Artifact;
    const list = (await (await fetch(`${daemon.info.url}/streamfix/results?limit=100`)).json()) as { data: ArtifactSummary[] };
    return [a.memoryOnly, list.data.find((e) => e.id === id)?.memoryOnly];
  }

  it('a write too slow for its response that lands later clears memoryOnly and says so in a store event (late: true), whether or not the run of memory-only artifacts ends with it', async () => {
    const fs = testFs();
    const daemon = await startTestDaemon({ upstream: up.url, dataDir: dir, storeHooks: { fs, commitWaitMs: 300 } });
    d = daemon;
    const events: GatewayEvent[] = [];
    daemon.events.subscribe((e) => events.push(e));
    assert.equal((await send(daemon, 0)).artifact, 'durable');
    // two writes held past the commit wait (a stuck disk): both responses say memory-only
    const release: (() => void)[] = [];
    try {
      await slowWrites(daemon, fs, events, release);
    } finally {
      for (const r of release) r(); // (a failed check leaves no write held for the daemon's close)
    }
  });

  async function slowWrites(daemon: Daemon, fs: ReturnType<typeof testFs>, events: GatewayEvent[], release: (() => void)[]): Promise<void> {
    fs.holdNextWrite = new Promise<void>((r) => release.push(r));
    const first = await send(daemon, 1);
    fs.holdNextWrite = new Promise<void>((r) => release.push(r));
    const second = await send(daemon, 2);
    assert.deepEqual([first.artifact, second.artifact], ['memory-only', 'memory-only']);
    assert.deepEqual([await served(daemon, first.id), await served(daemon, second.id)], [[true, true], [true, true]]);
    const storeEvents = () => events.filter((e) => e.type === 'store').map((e) => e.type === 'store' && [e.id, e.durable, e.problem === null ? null : e.problem.replace(/since \S+/, 'since …'), e.late ?? false]);
    const problem = (n: number) => `${n} artifact(s) kept in memory only since … (each answered with x-streamfix-artifact: memory-only; lost at a restart): not durable within 300 ms (a slow disk)`;
    const until = async (n: number) => {
      const deadline = Date.now() + 5_000;
      while (storeEvents().length < n) {
        assert.equal(Date.now() < deadline, true, `${n} store events`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    // the first lands while the second is still held: it is on disk, the run goes on
    release[0]();
    await until(2);
    assert.deepEqual(storeEvents(), [
      [first.id, false, problem(1), false],
      [first.id, false, problem(2), true],
    ]);
    assert.deepEqual([await served(daemon, first.id), await served(daemon, second.id)], [[undefined, undefined], [true, true]]);
    // the second lands: on disk too, and the run is over
    release[1]();
    await until(3);
    assert.deepEqual(storeEvents()[2], [second.id, true, null, true]);
    assert.deepEqual([await served(daemon, first.id), await served(daemon, second.id)], [[undefined, undefined], [undefined, undefined]]);
  }
});
