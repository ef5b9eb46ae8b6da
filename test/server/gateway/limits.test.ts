/**
 * Bounded memory and caps: the artifact keeps a bounded copy of a long stream (head and tail, the cut
 * recorded) while the client gets every byte; connections over the cap are refused politely; slowloris
 * clients are cut; upstream requests over the cap wait in a visible queue. Every one of these is a
 * warning: logged, counted in /health and in the metrics.
 */
import { strict as assert } from 'node:assert';
import { connect, type Socket } from 'node:net';
import type { Daemon } from '../../../server/daemon';
import { artifactOf, metric, postChat, startTestDaemon } from '../helpers/gateway';
import { useTestDaemon, useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };

/** Writes `text` on a fresh socket and returns everything the gateway answers until it closes. */
function rawExchange(port: number, text: string, keepOpenMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      if (text) s.write(text);
    });
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    if (keepOpenMs) setTimeout(() => s.destroy(), keepOpenMs);
  });
}

interface Health {
  connections: { open: number; max: number; reserve: number };
  upstreamRequests: { max: number; maxQueue: number; active: number; queued: number; queuedTotal: number; refusedTotal: number };
  status: string;
  problems: string[];
  warnings: { total: number; byKind: Record<string, number>; recent: { kind: string; message: string }[] };
}

async function health(d: Daemon): Promise<Health> {
  return (await (await fetch(`http://127.0.0.1:${d.info.port}/health`)).json()) as Health;
}

/** Polls /health until `ok` holds for it (the test's time-out bounds the wait). */
async function healthWhen(d: Daemon, ok: (h: Health) => boolean): Promise<Health> {
  for (;;) {
    const h = await health(d);
    if (ok(h)) return h;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('gateway: bounded artifacts of long streams', () => {
  const logLines: string[] = [];
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', maxArtifactText: 16, logLevel: 'warn', logOut: { write: (s: string) => logLines.push(s) } });

  // 26 deltas of 10 characters: 260 characters of content, in a think block then as the answer
  const pieces = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(10));
  const content = pieces.join('');

  for (const mode of ['strip', 'passthrough'] as const) {
    it(`${mode}: the client gets all of it, the artifact its head and tail with the cut`, async () => {
      const body = sse(...pieces.map((p) => chunk({ content: p })), chunk({}, 'stop'), '[DONE]');
      up.enqueue({ chunks: [body] });
      const before = (await health(d)).warnings.byKind.artifact_truncated ?? 0;
      const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
      const text = await res.text();
      if (mode === 'passthrough') assert.equal(text, body);
      assert.equal(collect(text).content, content);
      const a = await artifactOf(d, res);
      assert.equal(a.rawContent, 'aaaaaaaazzzzzzzz');
      assert.equal(a.repairedContent, mode === 'passthrough' ? null : 'aaaaaaaazzzzzzzz');
      const cut = { at: 8, chars: 244 };
      assert.deepEqual(a.cuts, mode === 'passthrough' ? [{ field: 'rawContent', ...cut }] : [{ field: 'rawContent', ...cut }, { field: 'repairedContent', ...cut }]);
      const h = await health(d);
      assert.equal(h.warnings.byKind.artifact_truncated, before + 1);
      assert.equal(h.warnings.recent.at(-1)!.message, `${a.id}: ${a.cuts!.map((c) => `${c.field} cut by 244 characters`).join(', ')} (head and tail kept)`);
      assert.equal(await metric(d, 'streamfix_warnings_total{kind="artifact_truncated"}'), before + 1);
    });
  }

  it('strip: reasoning from the upstream field and from a think block, each cut where it is long', async () => {
    const body = sse(
      ...pieces.slice(0, 3).map((p) => chunk({ reasoning: p })),
      chunk({ content: `<think>${pieces.slice(3, 6).join('')}</think>` }),
      chunk({ content: 'answer' }),
      chunk({}, 'stop'),
      '[DONE]',
    );
    up.enqueue({ chunks: [body] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
    const c = collect(await res.text());
    assert.equal(c.content, 'answer');
    const a = await artifactOf(d, res);
    // each part gets half the limit: field reasoning, 30 characters kept as 4 + 4; moved, 30 characters
    // kept as 4 + 4, stored after it
    assert.equal(a.reasoning, 'aaaacccc' + 'ddddffff');
    assert.deepEqual(a.cuts?.filter((x) => x.field === 'reasoning'), [
      { field: 'reasoning', at: 12, chars: 22 },
      { field: 'reasoning', at: 4, chars: 22 },
    ]);
  });

  for (const mode of ['strip', 'repair', 'auto']) {
    it(`${mode}: a think block longer than 64 Ki characters streams out whole; its stripped span keeps head and tail with the cut`, async () => {
      const thought = 'r'.repeat(100000);
      const text = `<think>${thought}</think>{"a":1}`;
      const cut = Array.from({ length: 10 }, (_, i) => text.slice(0, 7 + 10000 * (i + 1)).slice(7 + 10000 * i));
      up.enqueue({ chunks: [sse(chunk({ content: '<think>' }), ...cut.map((p) => chunk({ content: p })), chunk({ content: '</think>{"a":1}' }), chunk({}, 'stop'), '[DONE]')] });
      const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
      const c = collect(await res.text());
      assert.deepEqual({ content: c.content, reasoning: c.reasoning === thought }, { content: '{"a":1}', reasoning: true });
      const a = await artifactOf(d, res);
      assert.deepEqual(a.stripped, [{ kind: 'reasoning', offset: 0, length: 100015, line: 0, column: 0, text: text.slice(0, 32768) + text.slice(100015 - 32768, 100015), cut: { at: 32768, chars: 100015 - 65536, bytes: 100015 - 65536 } }]);
    });
  }

  it('undoes a stuttering upstream past the limit (cumulative deltas compared on what is kept)', async () => {
    let sofar = '';
    const deltas = pieces.map((p) => (sofar += p));
    up.enqueue({ chunks: [sse(...deltas.map((p) => chunk({ content: p })), chunk({}, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
    assert.equal(collect(await res.text()).content, content);
    const a = await artifactOf(d, res);
    assert.equal(a.stuttering, true);
    assert.equal(a.rawContent, 'aaaaaaaazzzzzzzz');
  });

  it('a non-streaming answer is clipped the same way', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] })] });
    const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'strip' });
    assert.equal(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, content);
    const a = await artifactOf(d, res);
    assert.equal(a.rawContent, 'aaaaaaaazzzzzzzz');
    assert.deepEqual(a.cuts, [
      { field: 'rawContent', at: 8, chars: 244 },
      { field: 'repairedContent', at: 8, chars: 244 },
    ]);
  });

  it('logged the truncations as warnings', () => {
    assert.match(logLines.join(''), / warn  artifact_truncated: sfx_\w+: rawContent cut by 244 characters/);
  });
});

describe('gateway: caps on clients', () => {
  const { d } = useTestDaemon({ demo: true, limits: { maxConnections: 3, reserveConnections: 1, headersTimeoutMs: 300, requestTimeoutMs: 600 } });

  it('at the cap serves /health (degraded: the cap named) and /metrics on the reserve, refuses any other request there and any connection past it with a 503 in the OpenAI shape, counts them, and serves the next one', async () => {
    const held = [connect(d.info.port, '127.0.0.1'), connect(d.info.port, '127.0.0.1'), connect(d.info.port, '127.0.0.1')];
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    await new Promise((r) => setTimeout(r, 50)); // (the server counts a connection a tick after the client)
    const overloaded = '{"error":{"message":"The gateway has 3 connections open, its limit; retry when some have closed","type":"server_error","code":"overloaded"}}';
    const refused = `HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${overloaded.length}\r\n\r\n${overloaded}`;

    // the fourth connection is the reserve's: /health answers, says the cap, and closes the connection
    const answer = await rawExchange(d.info.port, `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    assert.equal(answer.startsWith('HTTP/1.1 200 OK\r\n'), true, answer.slice(0, 200));
    assert.equal(/\r\nconnection: close\r\n/i.test(answer), true, 'one request on a reserve connection');
    const h = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Health;
    assert.deepEqual([h.status, h.problems, h.connections], ['degraded', ['connections: 4 open, the limit is 3: a new connection gets 503 (overloaded) unless it asks GET /health or /metrics (0 of the 1 kept for them free)'], { open: 4, max: 3, reserve: 1 }]);
    const metrics = await rawExchange(d.info.port, `GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    assert.equal(metrics.startsWith('HTTP/1.1 200 OK\r\n') && /\r\nconnection: close\r\n/i.test(metrics), true, metrics.slice(0, 200));
    assert.equal(metrics.includes('\nstreamfix_connections_open 4\n'), true, 'the metrics count the reserve connection');
    // any other request on the reserve is refused
    const chat = await rawExchange(d.info.port, `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`);
    assert.equal(chat, refused);
    const openNow = () => new Promise<number>((r) => d.gateway.server.getConnections((_e, n) => r(n)));
    while ((await openNow()) > 3) await new Promise((r) => setTimeout(r, 20)); // (the server sees a close a tick after the client)
    // with the reserve held too, a connection is refused before any request, /health's included
    const idle = connect(d.info.port, '127.0.0.1');
    await new Promise((r) => idle.once('connect', r));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await rawExchange(d.info.port, `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), refused);
    idle.destroy();
    for (const s of held) s.destroy();
    while ((await openNow()) > 0) await new Promise((r) => setTimeout(r, 20));
    const after = await health(d);
    assert.equal(after.warnings.byKind.connection_refused, 2, JSON.stringify(after.warnings.recent));
    assert.deepEqual(after.warnings.recent.filter((w) => w.kind === 'connection_refused').map((w) => w.message), [
      'refused a request on a connection kept for /health and /metrics: 3 connections are open (the limit)',
      'refused a connection: 3 connections are open (the limit), and the 1 kept for /health and /metrics',
    ]);
    assert.deepEqual([after.status, after.problems, after.connections], ['ok', [], { open: 1, max: 3, reserve: 1 }]);
  });

  it('answers 408 to a client that sends its headers too slowly (slowloris) and closes it', async () => {
    const answer = await rawExchange(d.info.port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.ok(answer.endsWith('{"error":{"message":"The request did not arrive in time","type":"invalid_request_error","code":"request_timeout"}}'));
    assert.equal((await health(d)).warnings.byKind.connection_timeout, 1);
  });

  it('answers 408 to a request whose body does not arrive in time', async () => {
    const answer = await rawExchange(d.info.port, 'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"model"');
    assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.equal((await health(d)).warnings.byKind.connection_timeout, 2);
  });

  it('answers 400 in the OpenAI shape to a request that is not HTTP', async () => {
    const answer = await rawExchange(d.info.port, 'HELLO\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(answer, /\{"error":\{"message":"The request is not valid HTTP \(HPE_[A-Z_]+\)","type":"invalid_request_error","code":"invalid_request"\}\}$/);
  });

  it('lets a stream run longer than the request time-out (only the request is timed)', async () => {
    const slow = await startTestDaemon({ demo: true, demoDelayMs: 100, limits: { requestTimeoutMs: 300, headersTimeoutMs: 300 } });
    try {
      const res = await postChat(slow, { model: 'demo/clean', stream: true, messages: [{ role: 'user', content: 'x' }] });
      const c = collect(await res.text());
      assert.equal(c.done, true);
      assert.equal((await artifactOf(slow, res)).status, 'VALID');
      assert.ok(((await artifactOf(slow, res)).timings.totalMs ?? 0) > 300);
    } finally {
      await slow.close();
    }
  });
});

describe('gateway: the reserve connections have a deadline', () => {
  // the default reserve (16) and its default deadline (1 s); the ordinary header time-out far past both
  const { d } = useTestDaemon({ demo: true, limits: { maxConnections: 2, headersTimeoutMs: 30_000, requestTimeoutMs: 60_000 } });

  /** A socket that sends `text` (maybe nothing) and then nothing more; `closed` is all it was answered. */
  function quietSocket(port: number, text: string): { socket: Socket; connected: Promise<void>; closed: Promise<string> } {
    const s = connect(port, '127.0.0.1');
    const connected = new Promise<void>((r) => s.once('connect', () => (text && s.write(text), r())));
    let out = '';
    s.on('data', (b) => (out += b.toString('latin1')));
    const closed = new Promise<string>((resolve) => s.on('close', () => resolve(out)));
    s.on('error', () => undefined);
    return { socket: s, connected, closed };
  }

  it('a reserve socket that sends no whole request within 1 s gets a 408 and is closed: 16 silent sockets cannot shut /health out', async () => {
    const openNow = () => new Promise<number>((r) => d.gateway.server.getConnections((_e, n) => r(n)));
    /** One socket at a time, each counted by the server before the next (the listen backlog is the cap). */
    const open = async (text: string) => {
      const before = await openNow();
      const s = quietSocket(d.info.port, text);
      await s.connected;
      while ((await openNow()) === before) await new Promise((r) => setTimeout(r, 5));
      return s;
    };
    const held = [await open(''), await open('')];
    // all 16 reserve connections taken: silent, or a request line or headers begun and never finished
    const silent: ReturnType<typeof quietSocket>[] = [];
    for (let i = 0; i < 16; i++) silent.push(await open(i % 4 === 0 ? 'GET /hea' : i % 4 === 1 ? 'GET /health HTTP/1.1\r\nHost: x\r\n' : ''));
    const overloaded = '{"error":{"message":"The gateway has 2 connections open, its limit; retry when some have closed","type":"server_error","code":"overloaded"}}';
    assert.equal(await rawExchange(d.info.port, `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), `HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${overloaded.length}\r\n\r\n${overloaded}`);
    // each is answered 408 and closed at its deadline (1 s; the header time-out, 30 s, would be too late)
    const timedOut = '{"error":{"message":"The request did not arrive in time","type":"invalid_request_error","code":"request_timeout"}}';
    const expected = `HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${timedOut.length}\r\n\r\n${timedOut}`;
    const answers = await Promise.race([Promise.all(silent.map((s) => s.closed)), new Promise<string>((r) => setTimeout(() => r('still open after 5 s'), 5_000))]);
    assert.deepEqual(answers, Array.from({ length: 16 }, () => expected));
    // the reserve is free again while the two ordinary connections are still held: /health answers
    const answer = await rawExchange(d.info.port, `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    assert.equal(answer.startsWith('HTTP/1.1 200 OK\r\n'), true, answer.slice(0, 200));
    const h = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Health;
    assert.deepEqual([h.status, h.connections], ['degraded', { open: 3, max: 2, reserve: 16 }]);
    assert.equal(h.warnings.byKind.connection_timeout, 16);
    assert.deepEqual([...new Set(h.warnings.recent.filter((w) => w.kind === 'connection_timeout').map((w) => w.message))], ['closed a connection kept for /health and /metrics that sent no complete request within 1000 ms']);
    for (const s of held) s.socket.destroy();
  });
});

describe('gateway: the upstream request cap', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', upstreamOptions: { backoffBaseMs: 1, random: () => 0.5, headersTimeoutMs: 5000, maxStreams: 1, maxQueue: 1 } });

  it('queues a request over the cap (visible in /health and the metrics) and serves it when the slot frees', async () => {
    const body = sse(chunk({ content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]');
    up.enqueue({ chunks: [body], hang: true }, { chunks: [body] });
    const first = await postChat(d, REQ);
    const reader = first.body!.getReader();
    await reader.read();
    const second = postChat(d, REQ);
    let h = await healthWhen(d, (x) => x.upstreamRequests.queued === 1);
    assert.deepEqual(h.upstreamRequests, { max: 1, maxQueue: 1, active: 1, queued: 1, queuedTotal: 1, refusedTotal: 0 });
    // the queue is at its limit: /health says the next request would be refused
    assert.deepEqual([h.status, h.problems], ['degraded', ['upstream: 1 requests open and 1 waiting, the queue\'s limit: the next request over the pool is refused (503)']]);
    assert.equal(await metric(d, 'streamfix_upstream_requests_queued'), 1);
    assert.equal(up.requests.length, 1);

    // the queue is full: one more is refused at once
    const third = await postChat(d, REQ);
    assert.equal(third.status, 503);
    assert.equal(((await third.json()) as { error: { code: string } }).error.code, 'overloaded');

    await reader.cancel();
    const res = await second;
    assert.equal(collect(await res.text()).content, '{"a": 1}');
    h = await health(d);
    assert.deepEqual(h.upstreamRequests, { max: 1, maxQueue: 1, active: 0, queued: 0, queuedTotal: 1, refusedTotal: 1 });
    assert.deepEqual([h.status, h.problems], ['ok', []]);
  });

  it('a queued request whose client leaves gives its place up', async () => {
    const body = sse(chunk({ content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]');
    up.enqueue({ chunks: [body], hang: true });
    const first = await postChat(d, REQ);
    const reader = first.body!.getReader();
    await reader.read();
    const abort = new AbortController();
    const queued = postChat(d, REQ, {}, abort.signal).catch((e: Error) => e.name);
    await healthWhen(d, (x) => x.upstreamRequests.queued === 1);
    abort.abort();
    assert.equal(await queued, 'AbortError');
    const h = await healthWhen(d, (x) => x.upstreamRequests.queued === 0);
    assert.equal(h.upstreamRequests.active, 1);
    await reader.cancel();
    await healthWhen(d, (x) => x.upstreamRequests.active === 0);
    assert.equal(up.requests.length, 3);
  });
});
