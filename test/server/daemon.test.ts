/** The daemon: shutdown with open streams, artifacts across a restart, and the command line. */
import { strict as assert } from 'node:assert';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { USAGE } from '../../server/gateway/config';
import { ArtifactStore } from '../../server/gateway/artifacts';
import { artifactOf, postChat, startTestDaemon } from './helpers/gateway';
import { chunk, collect, parseSse, sse, TestUpstream } from './helpers/testUpstream';

const ROOT = resolve(__dirname, '..', '..');
const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };

describe('daemon: shutdown', () => {
  let up: TestUpstream;
  before(async () => {
    up = await TestUpstream.start();
  });
  after(async () => {
    await up.close();
  });

  it('lets an open stream finish within the grace period', async () => {
    const d = await startTestDaemon({ upstream: up.url, shutdownGraceMs: 5000 });
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": ' })), sse(chunk({ content: '1}' }), chunk({ content: '' }, 'stop'), '[DONE]')], gapMs: 150 });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const closed = d.close();
    const c = collect(await res.text());
    await closed;
    assert.equal(c.content, '{"a": 1}');
    assert.equal(c.done, true);
  });

  it('aborts a stream still open after the grace period: error chunk, [DONE], upstream aborted', async () => {
    const d = await startTestDaemon({ upstream: up.url, shutdownGraceMs: 100 });
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": ' }))], hang: true });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const aborted = up.waitForAbort();
    await d.close();
    await aborted;
    const { data } = parseSse(await res.text());
    assert.equal(data[data.length - 1], '[DONE]');
    assert.deepEqual(JSON.parse(data[data.length - 2]!), { error: { message: 'The gateway is shutting down; the stream was cut', type: 'upstream_error', code: 'shutdown' } });
  });

  const SHUTDOWN = 'The gateway is shutting down; the request was aborted before the upstream answered';
  for (const [api, stream] of [['chat', true], ['chat', false], ['messages', true], ['messages', false]] as const) {
    it(`${api}, ${stream ? 'streaming' : 'not streaming'}: a request still waiting for the upstream at the end of the grace gets a ${api === 'chat' ? 503 : 529} saying so, not a CLIENT_ABORTED artifact`, async () => {
      const d = await startTestDaemon({ upstream: up.url, apiKey: 'sk-test-secret', shutdownGraceMs: 100 });
      up.enqueue({ hangBeforeHeaders: true });
      const arrived = up.waitForRequest();
      const pending =
        api === 'chat'
          ? postChat(d, { ...REQ, stream })
          : fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: JSON.stringify({ model: 'test/model', max_tokens: 16, stream, messages: [{ role: 'user', content: 'hi' }] }) });
      await arrived;
      const aborted = up.waitForAbort();
      await d.close();
      await aborted;
      const res = await pending;
      const id = res.headers.get('x-streamfix-request-id');
      if (api === 'chat') {
        assert.equal(res.status, 503);
        assert.deepEqual(await res.json(), { error: { message: SHUTDOWN, type: 'server_error', code: 'shutdown' } });
      } else {
        // Anthropic's status for an unavailable upstream: overloaded_error, which its clients retry
        assert.equal(res.status, 529);
        assert.deepEqual(await res.json(), { type: 'error', error: { type: 'overloaded_error', message: SHUTDOWN }, request_id: id });
      }
      const a = (await d.store.get(id!))!;
      assert.equal(a.status, 'UPSTREAM_ERROR');
      assert.deepEqual(a.errors, [{ message: SHUTDOWN, status: 503, code: 'shutdown' }]);
    });
  }
});

describe('daemon: artifacts survive a restart', () => {
  it('serves an artifact recorded before the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfx-daemon-'));
    try {
      const d1 = await startTestDaemon({ demo: true, dataDir: dir });
      const res = await postChat(d1, { model: 'demo/fenced-prose', stream: true, response_format: { type: 'json_object' }, messages: [{}] });
      await res.text();
      const before = await artifactOf(d1, res);
      await d1.close();
      const d2 = await startTestDaemon({ demo: true, dataDir: dir });
      try {
        const after = await artifactOf(d2, res);
        assert.deepEqual(after, before);
        assert.equal(after.status, 'REPAIRED');
      } finally {
        await d2.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const stateDirs: string[] = [];
after(() => {
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs server/main.ts through tsx with a clean environment (its own state dir, no API key). */
function runMain(args: string[], env: Record<string, string> = {}): ChildProcess {
  const state = mkdtempSync(join(tmpdir(), 'sfx-state-'));
  stateDirs.push(state);
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: state, XDG_STATE_HOME: state, ...env };
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), ...args], { cwd: ROOT, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Forked daemons still running: killed after each test, so that one timing out cannot keep mocha from exiting. */
const forked = new Set<ChildProcess>();

/** The same with an IPC channel, as the extension's language client starts it (--node-ipc). */
function forkMain(args: string[]): ChildProcess {
  const state = mkdtempSync(join(tmpdir(), 'sfx-state-'));
  stateDirs.push(state);
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: state, XDG_STATE_HOME: state };
  const child = fork(join(ROOT, 'server', 'main.ts'), args, { cwd: ROOT, env: childEnv, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  forked.add(child);
  child.once('exit', () => forked.delete(child));
  return child;
}

function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (c: Buffer) => {
      text += c.toString('utf8');
      if (pattern.test(text)) {
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
    stream.on('end', () => reject(new Error(`stream ended before ${pattern}: ${text}`)));
  });
}

function exitCode(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.on('exit', (code) => resolve(code))));
}

function sh(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('sh', ['-c', command]);
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    p.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`"${command}" exited ${code}: ${err}`))));
  });
}

describe('daemon: port fallback', () => {
  it('takes a free port when the port is in use and portFallback is on, and reports the port asked for', async () => {
    const a = await startTestDaemon({ demo: true });
    const b = await startTestDaemon({ demo: true, port: a.info.port, portFallback: true });
    try {
      assert.notEqual(b.info.port, a.info.port);
      assert.equal(b.info.fallbackFrom, a.info.port);
      assert.equal(b.info.url, `http://127.0.0.1:${b.info.port}/v1`);
      assert.equal(a.info.fallbackFrom, undefined);
      assert.equal((await fetch(`${b.info.url}/models`)).status, 200);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('still fails with EADDRINUSE without portFallback', async () => {
    const a = await startTestDaemon({ demo: true });
    try {
      await assert.rejects(startTestDaemon({ demo: true, port: a.info.port }), (e: NodeJS.ErrnoException) => e.code === 'EADDRINUSE');
    } finally {
      await a.close();
    }
  });
});

describe('daemon: keep-alive', () => {
  // Waiting 6 s for a real idle reuse would add 6 s to the suite: the test checks what the server
  // announces and that a kept-alive socket is reused, and that shutdown does not wait for idle sockets.
  it('announces a 65 s keep-alive, reuses the socket, and closes idle sockets at shutdown', async () => {
    const d = await startTestDaemon();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ keepAlive: string; reused: boolean }>((resolve, reject) => {
        const req = http.get(`http://127.0.0.1:${d.info.port}/health`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ keepAlive: String(res.headers['keep-alive']), reused: req.reusedSocket }));
        });
        req.on('error', reject);
      });
    try {
      assert.deepEqual(await get(), { keepAlive: 'timeout=65', reused: false });
      assert.deepEqual(await get(), { keepAlive: 'timeout=65', reused: true });
    } finally {
      await d.close();
      agent.destroy();
    }
  });
});

describe('daemon: command line', function () {
  // starting node with tsx takes a moment on a loaded machine
  this.timeout(30_000);
  afterEach(() => {
    for (const child of forked) child.kill('SIGKILL');
  });

  it('starts with the demo upstream, prints the URL and a curl that streams repaired JSON, exits 0 on SIGTERM', async () => {
    const p = runMain(['--port', '0', '--demo-delay-ms', '0']);
    const banner = await waitFor(p.stdout!, /curl -N .*\n/);
    const url = /StreamFix gateway listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(banner)?.[1];
    assert.ok(url, banner);
    assert.match(banner, /^Upstream: embedded demo at http:\/\/127\.0\.0\.1:\d+\/v1 \(no OPENROUTER_API_KEY set; models demo\/\*\)$/m);
    assert.ok(banner.includes(`\nClaude Code / Anthropic SDK: ANTHROPIC_BASE_URL=${url!.replace(/\/v1$/, '')} ANTHROPIC_API_KEY=any\n`), banner);
    const curl = /^ {2}(curl -N .*)$/m.exec(banner)![1]!;
    assert.ok(curl.startsWith(`curl -N ${url}/chat/completions -H 'content-type: application/json' -d '{"model":"demo/fenced-prose","stream":true,"response_format":{"type":"json_object"}`), curl);
    const c = collect(await sh(curl));
    assert.equal(c.content, '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}');
    p.kill('SIGTERM');
    assert.equal(await exitCode(p), 0);
  });

  it('with --store-writer-thread stores each artifact durably through its writer thread and exits 0 on SIGTERM, its store closed (the lock released)', async () => {
    const p = runMain(['--port', '0', '--demo-delay-ms', '0', '--store-writer-thread']);
    const state = stateDirs[stateDirs.length - 1]!;
    const banner = await waitFor(p.stdout!, /curl -N .*\n/);
    const url = /StreamFix gateway listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(banner)![1]!;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'demo/fenced-prose', stream: i !== 1, messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(res.status, 200);
      await res.text();
      ids.push(res.headers.get('x-streamfix-request-id')!);
    }
    p.kill('SIGTERM');
    assert.equal(await exitCode(p), 0);
    const store = await ArtifactStore.open({ dir: join(state, 'streamfix') });
    try {
      assert.deepEqual(store.list().map((s) => s.id), [...ids].reverse());
      assert.deepEqual(store.warnings, []);
    } finally {
      await store.close();
    }
  });

  it('exits 2 with a message for a bad flag', async () => {
    const p = runMain(['--port', 'eighty']);
    let err = '';
    p.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
    assert.equal(await exitCode(p), 2);
    assert.equal(err, 'streamfix: --port must be a port number 0-65535, got "eighty"\n');
  });

  it('prints the usage on stdout and exits 0 for --help and -h (no error)', async () => {
    for (const flag of ['--help', '-h']) {
      const p = runMain(['--port', '0', flag]);
      let out = '';
      let err = '';
      p.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
      p.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
      assert.equal(await exitCode(p), 0, flag);
      assert.equal(out, `${USAGE}\n`, flag);
      assert.equal(err, '', flag);
    }
  });

  it('exits 1 naming the problem when the port is taken', async () => {
    const d = await startTestDaemon({ demo: true });
    try {
      const p = runMain(['--port', String(d.info.port)]);
      let err = '';
      p.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
      assert.equal(await exitCode(p), 1);
      assert.equal(err, `streamfix: could not start: port ${d.info.port} is in use (choose another with --port, or --port 0 for a free one)\n`);
    } finally {
      await d.close();
    }
  });

  it('with --port-fallback takes a free port when the port is taken, and says so in the banner', async () => {
    const d = await startTestDaemon({ demo: true });
    const p = runMain(['--port', String(d.info.port), '--port-fallback', '--demo-delay-ms', '0']);
    try {
      const banner = await waitFor(p.stdout!, /curl -N .*\n/);
      const m = /^StreamFix gateway listening on http:\/\/127\.0\.0\.1:(\d+)\/v1 \(port (\d+) is in use, so a free port was taken\)$/m.exec(banner);
      assert.ok(m, banner);
      assert.notEqual(Number(m![1]), d.info.port);
      assert.equal(Number(m![2]), d.info.port);
      const res = await fetch(`http://127.0.0.1:${m![1]}/v1/models`);
      assert.equal(res.status, 200);
    } finally {
      p.kill('SIGTERM');
      assert.equal(await exitCode(p), 0);
      await d.close();
    }
  });

  it("says in /health when the editor's language-server channel (--node-ipc) closes while it runs: degraded, the problem named, a warning logged; it goes on answering", async () => {
    const p = forkMain(['--port', '0', '--node-ipc']);
    try {
      const url = /listening on (http:\/\/\S+)\/v1/.exec(await waitFor(p.stderr!, /curl -N .*\n/))![1];
      type Health = { status: string; problems: string[]; lsp: { transport: string; closedAt: string | null } | null };
      const health = async () => (await (await fetch(`${url}/health`)).json()) as Health;
      const before = await health();
      assert.deepEqual([before.status, before.problems, before.lsp], ['ok', [], { transport: 'node-ipc', closedAt: null }]);
      const logged = waitFor(p.stderr!, /language server: .*\n/);
      p.disconnect(); // the editor's end of the channel closes (its process lives on)
      const line = /warn  (language server: .*)\n/.exec(await logged)?.[1];
      const after = await health();
      const closedAt = after.lsp?.closedAt ?? '';
      const problem = `lsp: the editor's language-server channel (node-ipc) closed at ${closedAt}: the editor that started this daemon no longer hears from it (no events, artifact listings or status); the gateway still answers HTTP`;
      assert.deepEqual([after.status, after.problems, after.lsp, line], ['degraded', [problem], { transport: 'node-ipc', closedAt }, `language server: the editor's channel (node-ipc) closed: the gateway goes on answering HTTP; /health says "degraded"`]);
      assert.equal(Number.isNaN(Date.parse(closedAt)), false, closedAt);
      p.kill('SIGTERM');
      assert.equal(await exitCode(p), 0);
    } finally {
      p.kill('SIGKILL');
    }
  });

  it('says so too when the channel closes before the language server has loaded (at once after the start)', async () => {
    const p = forkMain(['--port', '0', '--node-ipc']);
    p.disconnect(); // before the daemon listens, so before its language server module is even loaded
    const url = /listening on (http:\/\/\S+)\/v1/.exec(await waitFor(p.stderr!, /curl -N .*\n/))![1];
    const h = (await (await fetch(`${url}/health`)).json()) as { status: string; lsp: { transport: string; closedAt: string | null } | null };
    assert.deepEqual([h.status, h.lsp?.transport, typeof h.lsp?.closedAt], ['degraded', 'node-ipc', 'string']);
    p.kill('SIGTERM');
    assert.equal(await exitCode(p), 0);
  });

  it('exits 0 on SIGINT, and under --stdio prints nothing on stdout (the LSP pipe)', async () => {
    const p = runMain(['--port', '0', '--stdio']);
    let out = '';
    p.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    await waitFor(p.stderr!, /curl -N .*\n/);
    p.kill('SIGINT');
    assert.equal(await exitCode(p), 0);
    assert.equal(out.includes('StreamFix gateway listening'), false);
    assert.equal(/^Content-Length/.test(out) || out === '', true, `stdout: ${out}`);
  });
});
