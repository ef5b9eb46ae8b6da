/**
 * Circuit breakers and per-model health through the gateway, against a failing loopback upstream and a
 * fake clock: every transition, the exact 503 and Retry-After, the probe's success and failure, the
 * events and the metric, the FAILED-rate trip, and GET /v1/streamfix/models.
 */
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import type { Daemon } from '../../../server/daemon';
import type { GatewayEvent } from '../../../shared/protocol';
import { artifactOf, metric, postChat, startTestDaemon } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';

const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
const T0 = 1_800_000_000_000;

function completion(content: string): string {
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
}
const OK = { status: 200, headers: { 'content-type': 'application/json' }, chunks: [completion('{"a": 1}')] };
const E500 = { status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"boom","type":"server_error","code":500}}'] };

type BreakerEvent = Extract<GatewayEvent, { type: 'breaker' }>;

function breakerEvents(d: Daemon): BreakerEvent[] {
  const seen: BreakerEvent[] = [];
  d.events.subscribe((e) => {
    if (e.type === 'breaker') seen.push(e);
  });
  return seen;
}

const brief = (e: BreakerEvent) => [e.previous, e.state, e.reason, e.retryAfterSeconds];

/** A model's `circuit` in GET /v1/streamfix/models. */
async function circuitOf(d: Daemon, model: string): Promise<unknown> {
  const models = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; circuit: unknown }[] };
  return models.data.find((m) => m.model === model)?.circuit;
}

/** /health's verdict (status and problems). */
async function healthOf(d: Daemon): Promise<{ status: string; problems: string[] }> {
  const h = (await (await fetch(`http://127.0.0.1:${d.info.port}/health`)).json()) as { status: string; problems: string[] };
  return { status: h.status, problems: h.problems };
}

describe('gateway: circuit breaker (fake clock, failing upstream)', () => {
  let now = T0;
  let events: BreakerEvent[];
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => now, breaker: { failures: 3, windowMs: 10_000, cooldownMs: 30_000, failedRate: null } });
  before(() => {
    events = breakerEvents(d);
  });

  it('opens after 3 consecutive failures, refuses with an exact 503 and Retry-After, probes after the cool-down', async () => {
    up.always(E500);
    for (let i = 0; i < 3; i++) assert.equal((await postChat(d, REQ)).status, 500);
    assert.deepEqual(events.map(brief), [['closed', 'open', '3 consecutive failures within 10 s, the last: upstream answered 500', 30]]);
    assert.equal(await metric(d, 'streamfix_circuit_state{model="test/model"}'), 2);
    // while open, /v1/streamfix/models says why: the failures that opened it (it said 0 before) and the reason
    const opened = '3 consecutive failures within 10 s, the last: upstream answered 500';
    assert.deepEqual(await circuitOf(d, 'test/model'), { state: 'open', consecutiveFailures: 3, retryAfterSeconds: 30, reason: opened });
    // and /health does not say ok while the model's requests are refused (it did before)
    assert.deepEqual(await healthOf(d), { status: 'degraded', problems: [`breaker: the circuit breaker for model test/model at ${d.info.upstream} is open (${opened}): its requests are refused`] });

    const sent = up.requests.length;
    now = T0 + 12_345;
    const refused = await postChat(d, REQ);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '18');
    const message = 'The circuit breaker for model "test/model" is open (3 consecutive failures within 10 s, the last: upstream answered 500); retry after 18 s';
    assert.deepEqual(await refused.json(), { error: { message, type: 'server_error', code: 'circuit_open' } });
    assert.equal(up.requests.length, sent);
    const a = await artifactOf(d, refused);
    assert.equal(a.status, 'UPSTREAM_ERROR');
    assert.deepEqual(a.errors, [{ message, status: 503, code: 'circuit_open' }]);

    // the cool-down is over: the probe goes through and fails, the breaker opens again for 30 s
    now = T0 + 30_000;
    assert.equal((await postChat(d, REQ)).status, 500);
    assert.equal(up.requests.length, sent + 1);
    assert.deepEqual(events.slice(1).map(brief), [
      ['open', 'half_open', 'cool-down over: one probe request goes through', null],
      ['half_open', 'open', 'probe failed: upstream answered 500', 30],
    ]);
    assert.deepEqual(await circuitOf(d, 'test/model'), { state: 'open', consecutiveFailures: 4, retryAfterSeconds: 30, reason: 'probe failed: upstream answered 500' });
    now = T0 + 59_999;
    assert.equal((await postChat(d, REQ)).headers.get('retry-after'), '1');

    // next probe succeeds: closed again
    now = T0 + 60_000;
    up.always(OK);
    const probe = await postChat(d, REQ);
    assert.equal(probe.status, 200);
    assert.deepEqual(events.slice(3).map(brief), [
      ['open', 'half_open', 'cool-down over: one probe request goes through', null],
      ['half_open', 'closed', 'probe answered 200', null],
    ]);
    assert.equal(events[4]!.id, probe.headers.get('x-streamfix-request-id'));
    assert.equal(await metric(d, 'streamfix_circuit_state{model="test/model"}'), 0);
    assert.equal((await postChat(d, REQ)).status, 200);
    assert.deepEqual(await circuitOf(d, 'test/model'), { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null, reason: 'probe answered 200' });
    assert.deepEqual(await healthOf(d), { status: 'ok', problems: [] });
  });

  it('refuses others while the probe is out; a probe the client abandons lets the next request probe', async () => {
    up.always(E500);
    now = T0 + 100_000;
    for (let i = 0; i < 3; i++) await postChat(d, REQ);
    const n = events.length;
    now = T0 + 130_000;
    up.always({ hangBeforeHeaders: true });
    const abort = new AbortController();
    const arrived = up.waitForRequest();
    const probe = postChat(d, REQ, {}, abort.signal).catch(() => null);
    await arrived;
    const other = await postChat(d, REQ);
    assert.equal(other.status, 503);
    assert.equal(other.headers.get('retry-after'), '30');
    assert.match(((await other.json()) as { error: { message: string } }).error.message, /is half-open \(a probe request is out\)/);
    abort.abort();
    await probe;
    await up.waitForAbort();
    up.always(OK);
    // the abandoned probe said nothing about the upstream: still half-open, and this request probes
    await waitFor(async () => (await postChat(d, REQ)).status === 200);
    assert.deepEqual(events.slice(n).map((e) => [e.previous, e.state]), [
      ['open', 'half_open'],
      ['half_open', 'closed'],
    ]);
  });

  it('does not open on failures spread wider than the window, and a success resets the count', async () => {
    const n = events.length;
    up.always(E500);
    for (const t of [200_000, 206_000, 212_000, 218_000]) {
      now = T0 + t;
      assert.equal((await postChat(d, REQ)).status, 500);
    }
    up.always(OK);
    await postChat(d, REQ);
    up.always(E500);
    now = T0 + 219_000;
    await postChat(d, REQ);
    await postChat(d, REQ);
    assert.equal(events.length, n);
    assert.deepEqual(await circuitOf(d, 'test/model'), { state: 'closed', consecutiveFailures: 2, retryAfterSeconds: null, reason: 'probe answered 200' });
  });

  it('counts a 503 only once the upstream client has spent its retries', async () => {
    up.always({ status: 503, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"busy"}}'] });
    now = T0 + 300_000;
    const before = up.requests.length;
    const n = events.length;
    for (let i = 0; i < 3; i++) assert.equal((await postChat(d, { ...REQ, model: 'test/busy' })).status, 503);
    // 3 attempts per request (2 retries), and the third request opened the breaker
    assert.equal(up.requests.length, before + 9);
    assert.deepEqual(events.slice(n).map((e) => [e.model, e.state, e.reason]), [['test/busy', 'open', '3 consecutive failures within 10 s, the last: upstream answered 503']]);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never held');
}

describe('gateway: circuit breaker on an unreachable upstream', () => {
  it('opens on connect errors', async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const d = await startTestDaemon({ upstream: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test-secret', clock: () => T0, breaker: { failures: 2, windowMs: 10_000, cooldownMs: 5_000, failedRate: null } });
    try {
      const events = breakerEvents(d);
      assert.equal((await postChat(d, REQ)).status, 502);
      assert.equal((await postChat(d, REQ)).status, 502);
      assert.deepEqual(events.map(brief), [['closed', 'open', '2 consecutive failures within 10 s, the last: upstream unreachable', 5]]);
      const r = await postChat(d, REQ);
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('retry-after'), '5');
    } finally {
      await d.close();
    }
  });
});

describe('gateway: circuit breaker on the Messages API', () => {
  let now = T0;
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => now, breaker: { failures: 2, windowMs: 10_000, cooldownMs: 20_000, failedRate: null } });

  it('shares the upstream model\'s breaker and refuses in Anthropic\'s shape (529 overloaded_error) with Retry-After', async () => {
    up.always(E500);
    const messages = (model: string) =>
      fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
      });
    // one failure through each endpoint: the same upstream model, one breaker
    assert.equal((await postChat(d, { ...REQ, model: 'x/shared' })).status, 500);
    assert.equal((await messages('x/shared')).status, 500);
    now = T0 + 5_000;
    const r = await messages('x/shared');
    assert.equal(r.status, 529);
    assert.equal(r.headers.get('retry-after'), '15');
    const id = r.headers.get('x-streamfix-request-id');
    assert.deepEqual(await r.json(), {
      type: 'error',
      error: { type: 'overloaded_error', message: 'The circuit breaker for model "x/shared" is open (2 consecutive failures within 10 s, the last: upstream answered 500); retry after 15 s' },
      request_id: id,
    });
    assert.equal((await postChat(d, { ...REQ, model: 'x/shared' })).status, 503);
    assert.equal(up.requests.length, 2);
  });
});

describe('gateway: per-model health and GET /v1/streamfix/models', () => {
  let now = T0;
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => now, healthWindowMs: 60_000, breaker: { failures: 5, windowMs: 60_000, cooldownMs: 30_000, failedRate: 0.5 } });

  const answer = (model: string, content: string, extra: Record<string, unknown> = {}) => {
    up.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, chunks: [completion(content)] });
    return postChat(d, { ...REQ, model, ...extra }, { 'x-streamfix-mode': 'repair' });
  };

  it('serves the exact leaderboard, worst first, and forgets answers older than the window', async () => {
    await answer('m/bad', "{'a': 1,}");
    await answer('m/bad', 'no json at all');
    now += 1000;
    await answer('m/good', '{"a": 1}');
    const schema = { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', required: ['b'] } } } };
    await answer('m/good', '{"a": 2}', schema);
    up.enqueue({ status: 500, chunks: ['{"error":{"message":"boom"}}'] });
    await postChat(d, { ...REQ, model: 'm/good' });
    const body = await (await fetch(`${d.info.url}/streamfix/models`)).json();
    const closed = { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null, reason: null };
    assert.deepEqual(body, {
      object: 'list',
      windowSeconds: 60,
      data: [
        { model: 'm/bad', requests: 2, repairs: 3, repairsPerRequest: 1.5, failedRate: 0.5, truncatedRate: 0, schemaFailures: 0, upstreamErrors: 0, circuit: closed },
        { model: 'm/good', requests: 3, repairs: 0, repairsPerRequest: 0, failedRate: 0, truncatedRate: 0, schemaFailures: 1, upstreamErrors: 1, circuit: { ...closed, consecutiveFailures: 1 } },
      ],
    });
    now += 59_500;
    assert.deepEqual(((await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string }[] }).data.map((m) => m.model), ['m/good']);
    now += 1000;
    assert.deepEqual(await (await fetch(`${d.info.url}/streamfix/models`)).json(), { object: 'list', windowSeconds: 60, data: [] });
  });

  it('opens a model whose FAILED rate passes the threshold (at least 10 answers)', async () => {
    const events = breakerEvents(d);
    for (let i = 0; i < 6; i++) await answer('m/prose', 'just prose');
    for (let i = 0; i < 3; i++) await answer('m/prose', '{"ok": true}');
    assert.equal(events.length, 0);
    await answer('m/prose', '{"ok": true}');
    assert.deepEqual(events.map((e) => [e.model, e.state, e.reason]), [['m/prose', 'open', 'FAILED rate 0.6 over 10 answers is above 0.5']]);
    const r = await postChat(d, { ...REQ, model: 'm/prose' });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '30');
    const models = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; requests: number; circuit: unknown }[] };
    assert.deepEqual(models.data.find((m) => m.model === 'm/prose'), {
      model: 'm/prose',
      requests: 10,
      repairs: 0,
      repairsPerRequest: 0,
      failedRate: 0.6,
      truncatedRate: 0,
      schemaFailures: 0,
      upstreamErrors: 0,
      circuit: { state: 'open', consecutiveFailures: 0, retryAfterSeconds: 30, reason: 'FAILED rate 0.6 over 10 answers is above 0.5' },
    });
  });
});

describe('gateway: circuit breaker counts upstream failures after a 2xx started', () => {
  const BROKEN = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: ['data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\": "}}]}\n\n'], destroyAfter: true };
  const ERROR_EVENT = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: ['data: {"error":{"message":"provider overloaded","code":502}}\n\n', 'data: [DONE]\n\n'] };
  const STREAM_OK = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: ['data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":"stop"}]}\n\n', 'data: [DONE]\n\n'] };
  const BODY_CUT = { status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"id":"gen-1","choices":[{"index":0,'], destroyAfter: true };
  let now = T0;
  let events: BreakerEvent[];
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => now, breaker: { failures: 2, windowMs: 10_000, cooldownMs: 5_000, failedRate: null } });
  before(() => {
    events = breakerEvents(d);
  });
  const stream = (model: string) => postChat(d, { ...REQ, model, stream: true }).then((r) => r.text());
  const messages = (model: string, streamed: boolean) =>
    fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: JSON.stringify({ model, max_tokens: 16, stream: streamed, messages: [{ role: 'user', content: 'hi' }] }),
    }).then((r) => r.text());

  it('a streaming body that breaks off counts, and opens the breaker', async () => {
    up.always(BROKEN);
    await stream('m/broken');
    assert.deepEqual(events.map(brief), []);
    await stream('m/broken');
    assert.deepEqual(events.map(brief), [['closed', 'open', '2 consecutive failures within 10 s, the last: the upstream stream failed after it started', 5]]);
    assert.equal((await postChat(d, { ...REQ, model: 'm/broken', stream: true })).status, 503);
  });

  it('an error event inside a 2xx stream counts; a whole stream in between resets the count', async () => {
    const n = events.length;
    up.enqueue(ERROR_EVENT, STREAM_OK, ERROR_EVENT, ERROR_EVENT);
    await stream('m/event');
    await stream('m/event');
    await stream('m/event');
    assert.deepEqual(events.slice(n).map(brief), []);
    await stream('m/event');
    assert.deepEqual(events.slice(n).map(brief), [['closed', 'open', '2 consecutive failures within 10 s, the last: the upstream stream failed after it started', 5]]);
  });

  it('an error event whose code is a 4xx other than 429 does not count (five leave it closed, the request\'s fault); 500, 502 and 429 do, on both APIs', async () => {
    const event = (code: number | string) => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [`data: {"error":{"message":"bad","code":${JSON.stringify(code)}}}\n\n`, 'data: [DONE]\n\n'] });
    const circuit = async (model: string) => ((await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; circuit: unknown }[] }).data.find((x) => x.model === model)?.circuit;
    const sends: [string, (model: string) => Promise<unknown>][] = [
      ['chat', stream],
      ['messages-stream', (m) => messages(m, true)],
      ['messages', (m) => messages(m, false)],
    ];
    for (const [api, send] of sends) {
      const model = `m/4xx-${api}`;
      const n = events.length;
      for (const code of [400, 400, 422, 404, '400']) {
        up.enqueue(event(code));
        await send(model);
      }
      assert.deepEqual(events.slice(n), [], api);
      assert.deepEqual(await circuit(model), { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null, reason: null }, api);
      for (const [codes, failures] of [[[500, 502], 2], [[429, 400, 429], 1], [['500', 500], 2]] as const) {
        const m = `${model}-${codes.join('-')}`;
        const k = events.length;
        for (const code of codes) {
          up.enqueue(event(code));
          await send(m);
        }
        const opened = events.slice(k).map((e) => [e.model, e.previous, e.state, e.reason]);
        assert.deepEqual(opened, failures === 2 ? [[m, 'closed', 'open', '2 consecutive failures within 10 s, the last: the upstream stream failed after it started']] : [], `${api} ${codes.join(',')}`);
        if (failures === 1) assert.deepEqual(await circuit(m), { state: 'closed', consecutiveFailures: 1, retryAfterSeconds: null, reason: null }, `${api} ${codes.join(',')}: the 400 reset the count`);
      }
    }
  });

  it('a non-streaming body that breaks off counts', async () => {
    const n = events.length;
    up.always(BODY_CUT);
    assert.equal((await postChat(d, { ...REQ, model: 'm/body' })).status, 502);
    assert.equal((await postChat(d, { ...REQ, model: 'm/body' })).status, 502);
    assert.deepEqual(events.slice(n).map((e) => [e.model, e.state]), [['m/body', 'open']]);
  });

  it('a probe whose stream breaks off opens the breaker again; one that ends whole closes it', async () => {
    const n = events.length;
    now = T0 + 5_000;
    up.always(BROKEN);
    await stream('m/broken');
    up.always(STREAM_OK);
    now = T0 + 10_000;
    await stream('m/broken');
    assert.deepEqual(events.slice(n).map(brief), [
      ['open', 'half_open', 'cool-down over: one probe request goes through', null],
      ['half_open', 'open', 'probe failed: the upstream stream failed after it started', 5],
      ['open', 'half_open', 'cool-down over: one probe request goes through', null],
      ['half_open', 'closed', 'probe answered 200', null],
    ]);
  });

  it('a 2xx body that is not a chat completion counts (a 502 to the client), not streaming, streaming and Messages', async () => {
    const HTML = { status: 200, headers: { 'content-type': 'text/html' }, chunks: ['<html>proxy login</html>'] };
    const reason = '2 consecutive failures within 10 s, the last: the upstream answered 2xx with a body that is not a chat completion';
    for (const [model, send] of [
      ['m/html-body', () => postChat(d, { ...REQ, model: 'm/html-body' }).then((r) => r.status)],
      ['m/html-stream', () => postChat(d, { ...REQ, model: 'm/html-stream', stream: true }).then((r) => r.status)],
      ['m/html-messages', () => fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: JSON.stringify({ model: 'm/html-messages', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }) }).then((r) => r.status)],
    ] as const) {
      const n = events.length;
      up.enqueue(HTML, HTML);
      assert.deepEqual([await send(), await send()], [502, 502], model);
      assert.deepEqual(events.slice(n).map((e) => [e.model, e.previous, e.state, e.reason]), [[model, 'closed', 'open', reason]]);
    }
  });

  it('the Messages API counts them too (a broken stream and an error event)', async () => {
    const n = events.length;
    up.enqueue(BROKEN, ERROR_EVENT);
    await messages('m/messages', true);
    await messages('m/messages', false);
    assert.deepEqual(events.slice(n).map((e) => [e.model, e.previous, e.state]), [['m/messages', 'closed', 'open']]);
  });
});
