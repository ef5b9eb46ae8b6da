/**
 * A disk that fills, for real: the daemon's data directory on a 2 MiB tmpfs mounted for the test, filled
 * to the last byte by another file while the daemon runs. Every response still ends normally (the stream is
 * never cut for the store's sake), and the responses whose artifact could not be made durable say so
 * (`x-streamfix-artifact: memory-only`, a header or a trailer): after a restart exactly those are gone (404)
 * and every other is there, byte for byte. `/health` counts the failed writes and says `degraded` with the
 * cause and the count of memory-only artifacts (`streamfix_store_durable` 0, a warn line where the run
 * starts); freeing space lets the next write through, and /health is `ok` again (an info line says so). Needs root (mount); skipped with the reason otherwise. CI runs as root.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import type { Artifact } from '../../../shared/protocol';
import { startTestDaemon } from '../helpers/gateway';
import { chunk, sse, TestUpstream } from '../helpers/testUpstream';

/** About 150 KB of JSON, different per n: seven of them do not fit in the segment's first MiB of zeros. */
const answer = (n: number) => JSON.stringify({ n, text: `${n}:`.padEnd(150_000, String.fromCharCode(97 + (n % 26))) });

/** Writes `file` until the file system has no byte left (ENOSPC at every write size down to one byte). */
async function fillDisk(file: string): Promise<void> {
  const filler = await fsp.open(file, 'w');
  for (const size of [65536, 4096, 512, 1]) {
    try {
      for (;;) await filler.write(Buffer.alloc(size, 1));
    } catch (e) {
      assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
    }
  }
  await filler.close();
}

interface Sent {
  id: string;
  stream: boolean;
  status: number;
  /** The header or trailer x-streamfix-artifact (undefined when absent). */
  artifact: string | undefined;
}

describe('artifact store on a disk that fills (a real tmpfs)', function () {
  let mnt = '';
  let up: TestUpstream | null = null;
  /** Daemons started on the tmpfs: closed before it is unmounted, whatever the test did. */
  const daemons: Daemon[] = [];
  const start = async (o: Parameters<typeof startTestDaemon>[0]) => {
    const d = await startTestDaemon(o);
    daemons.push(d);
    return d;
  };
  before(async function () {
    if (process.getuid?.() !== 0) {
      console.log('      (skipped: mounting a tmpfs needs root; CI runs as root)');
      return this.skip();
    }
    mnt = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-fulldisk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'pipe' });
    } catch (e) {
      await fsp.rm(mnt, { recursive: true, force: true });
      const why = `mount -t tmpfs failed as root: ${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim()}`;
      // A container without CAP_SYS_ADMIN cannot mount even as root: said plainly, not a failure of the daemon
      console.log(`      (skipped: ${why})`);
      mnt = '';
      return this.skip();
    }
    up = await TestUpstream.start();
    up.respond((r) => {
      const { user, stream } = JSON.parse(r.body) as { user: string; stream: boolean };
      // the error answers of the second test
      // an answer of `size` characters (the second test uses up the segment's zeros with them)
      if (user?.startsWith('size')) return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'x'.repeat(Number(user.slice(4))) }, finish_reason: 'stop' }] })] };
      if (user === 'e500' || r.body.includes('"x-e500"')) return { status: 500, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ error: { message: 'provider down', code: 500 } })] };
      if (user === 'e200') return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ error: { message: 'provider failed after keep-alive', code: 502 } })] };
      if (user === 'cut') return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a": [1, 2' } }] }, finish_reason: 'length' }] })] };
      const text = answer(Number(user));
      if (!stream) return { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] })] };
      return { chunks: [sse(chunk({ role: 'assistant', content: text.slice(0, 1000) }), chunk({ content: text.slice(1000) }), chunk({}, 'stop'), '[DONE]')] };
    });
  });
  after(async () => {
    for (const d of daemons) await d.close();
    await up?.close();
    if (mnt !== '') {
      execFileSync('umount', [mnt]);
      await fsp.rm(mnt, { recursive: true, force: true });
    }
  });

  async function send(d: Daemon, n: number, stream: boolean): Promise<Sent> {
    const r = await request(`${d.info.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' },
      body: JSON.stringify({ model: 'm', stream, user: String(n), messages: [{ role: 'user', content: 'x' }] }),
    });
    const text = await r.body.text();
    const content = stream
      ? text.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]!.delta.content ?? '').join('')
      : (JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
    assert.equal(content, answer(n), `request ${n}: the client got its whole answer`);
    if (stream) assert.equal(text.endsWith('data: [DONE]\n\n'), true);
    const artifact = stream ? r.trailers['x-streamfix-artifact'] : r.headers['x-streamfix-artifact'];
    return { id: String(r.headers['x-streamfix-request-id']), stream, status: r.statusCode, artifact: artifact === undefined ? undefined : String(artifact) };
  }

  async function fetched(d: Daemon, id: string): Promise<{ status: number; raw?: string }> {
    const r = await fetch(`${d.info.url}/streamfix/result/${id}`);
    if (r.status !== 200) return { status: r.status };
    return { status: 200, raw: ((await r.json()) as Artifact).rawContent };
  }

  it('ends every response, says which artifacts are memory-only, and after a restart has exactly the others', async function () {
    this.timeout(60_000);
    const dataDir = path.join(mnt, 'data');
    const logs: string[] = [];
    let d = await start({ upstream: up!.url, dataDir, logLevel: 'info', logOut: { write: (s: string) => logs.push(s) } });
    const scrape = async (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).text())?.[1]);
    assert.equal(await scrape('streamfix_store_durable'), 1);
    // fill the file system to its last byte (the segment's first MiB of zeros is already written)
    await fillDisk(path.join(mnt, 'filler'));

    const sent: Sent[] = [];
    for (let n = 0; n < 10; n++) sent.push(await send(d, n, n % 2 === 0));
    const memoryOnly = sent.filter((s) => s.artifact !== undefined);
    assert.deepEqual(sent.map((s) => [s.status, s.artifact ?? 'durable']), [...Array(3).fill([200, 'durable']), ...Array(7).fill([200, 'memory-only'])]);
    // the store says the same, and /health does not say ok (it did before)
    type Health = { status: string; problems: string[]; store: { failedWrites: number; count: number; durable: boolean; memoryOnly: { since: string; count: number; cause: string } | null } };
    const healthOf = async () => (await (await fetch(`http://127.0.0.1:${d.info.port}/health`)).json()) as Health;
    const health = await healthOf();
    assert.deepEqual([health.store.failedWrites, health.store.count], [memoryOnly.length, 10]);
    const cause = 'could not write to artifacts-00000001.log: ENOSPC: no space left on device, write';
    const since = health.store.memoryOnly?.since ?? '';
    assert.deepEqual([health.status, health.store.durable, health.store.memoryOnly], ['degraded', false, { since, count: 7, cause }]);
    assert.deepEqual(health.problems, [`store: 7 artifact(s) kept in memory only since ${since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${cause}`]);
    assert.deepEqual([await scrape('streamfix_store_durable'), await scrape('streamfix_store_memory_only_artifacts')], [0, 7]);
    assert.deepEqual(
      logs.filter((l) => l.includes('artifact store: artifacts are kept in memory only')).map((l) => l.slice(25)),
      [`warn  artifact store: artifacts are kept in memory only from artifact ${memoryOnly[0]!.id} on (${cause}); /health says "degraded" until a write to disk succeeds\n`],
    );
    // before a restart every artifact is served (the failed ones from memory)
    for (const [n, s] of sent.entries()) assert.deepEqual(await fetched(d, s.id), { status: 200, raw: answer(n) });
    assert.equal(logs.some((l) => / warn  store_write_failed: could not write 1 artifact\(s\) to artifacts-00000001\.log: ENOSPC: no space left on device, write; they are kept in memory only/.test(l)), true, logs.join(''));

    // space freed while it runs: the next artifact is durable, and /health is ok again
    await fsp.rm(path.join(mnt, 'filler'));
    const freed = await send(d, 11, false);
    assert.equal(freed.artifact, undefined);
    const back = await healthOf();
    assert.deepEqual([back.status, back.problems, back.store.durable, back.store.memoryOnly], ['ok', [], true, null]);
    assert.deepEqual([await scrape('streamfix_store_durable'), await scrape('streamfix_store_memory_only_artifacts')], [1, 0]);
    assert.deepEqual(
      logs.filter((l) => l.includes('artifacts are durable again')).map((l) => l.slice(25)),
      [`info  artifact store: artifact ${freed.id} was written to disk: artifacts are durable again (the 7 kept in memory only since ${since} are not on disk and are lost at a restart)\n`],
    );
    await fillDisk(path.join(mnt, 'filler'));

    // a restart (the same as a kill -9 for them: memory-only artifacts are not on disk)
    await d.close();
    d = await start({ upstream: up!.url, dataDir, logLevel: 'silent' });
    try {
      for (const [n, s] of sent.entries()) assert.deepEqual(await fetched(d, s.id), s.artifact === undefined ? { status: 200, raw: answer(n) } : { status: 404 }, `request ${n}`);
      assert.deepEqual(await fetched(d, freed.id), { status: 200, raw: answer(11) });
      // space freed: the next artifact is durable again
      await fsp.rm(path.join(mnt, 'filler'));
      const next = await send(d, 10, true);
      assert.equal(next.artifact, undefined);
      await d.close();
      d = await start({ upstream: up!.url, dataDir, logLevel: 'silent' });
      assert.deepEqual(await fetched(d, next.id), { status: 200, raw: answer(10) });
    } finally {
      await d.close();
      await fsp.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says memory-only on error responses too (an upstream error, an error body under a 200, a refusal, an open breaker; both APIs), and after a restart exactly those are gone', async function () {
    this.timeout(60_000);
    const dataDir = path.join(mnt, 'errors');
    let d = await start({ upstream: up!.url, dataDir, logLevel: 'silent', breaker: { failures: 3, windowMs: 60_000, cooldownMs: 60_000, failedRate: null } });
    await fillDisk(path.join(mnt, 'filler2'));
    const ask = async (what: string, user: string, api: 'chat' | 'messages', headers: Record<string, string> = {}) => {
      const r = await request(`${d.info.url}/${api === 'chat' ? 'chat/completions' : 'messages'}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
        body: JSON.stringify(api === 'chat' ? { model: 'm', stream: false, user, messages: [{ role: 'user', content: 'x' }] } : { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: `x-${user}` }] }),
      });
      await r.body.text();
      return { what, id: String(r.headers['x-streamfix-request-id']), status: r.statusCode, artifact: String(r.headers['x-streamfix-artifact'] ?? 'durable') };
    };
    // answers, each size until one is memory-only, use up the segment's preallocated zeros: an artifact
    // smaller than an empty answer's would still fit in what is left, and no error artifact is
    for (const size of [100_000, 10_000, 1000, 100, 0]) {
      for (let n = 0; ; n++) {
        assert.equal(n < 100, true, `an answer of ${size} characters that is memory-only`);
        if ((await ask('an answer', `size${size}`, 'chat')).artifact === 'memory-only') break;
      }
    }
    const got = [
      await ask('an upstream 500', 'e500', 'chat'),
      await ask('an error body under a 200', 'e200', 'chat'),
      await ask('a cut tool call refused', 'cut', 'chat', { 'x-streamfix-truncated-tools': 'reject' }),
      await ask('an upstream 500 on /v1/messages', 'e500', 'messages'),
    ];
    // upstream failures until the model's breaker opens (3 in its window), on each API
    for (const api of ['chat', 'messages'] as const) {
      for (let n = 0; ; n++) {
        assert.equal(n < 5, true, `the breaker opens (${api})`);
        const g = await ask(`an open breaker on ${api}`, 'e500', api);
        if (g.status === 500) continue;
        got.push(g);
        break;
      }
    }
    assert.deepEqual(
      got.map((g) => [g.what, g.status, g.artifact]),
      [
        ['an upstream 500', 500, 'memory-only'],
        ['an error body under a 200', 502, 'memory-only'],
        ['a cut tool call refused', 502, 'memory-only'],
        ['an upstream 500 on /v1/messages', 500, 'memory-only'],
        ['an open breaker on chat', 503, 'memory-only'],
        ['an open breaker on messages', 529, 'memory-only'],
      ],
    );
    await fsp.rm(path.join(mnt, 'filler2'));
    await d.close();
    d = await start({ upstream: up!.url, dataDir, logLevel: 'silent' });
    try {
      for (const g of got) assert.equal((await fetch(`${d.info.url}/streamfix/result/${g.id}`)).status, 404, g.what);
    } finally {
      await d.close();
      await fsp.rm(dataDir, { recursive: true, force: true });
    }
  });
});
