/**
 * A client that leaves says nothing about the upstream's health: the breaker counts it neither as a
 * success (which would reset the failure count, or close a half-open breaker) nor as a failure, and a
 * half-open breaker's probe that the client abandons frees the probe slot for the next request. Driven
 * with a fake clock and a loopback upstream, for chat and Messages, streaming and not, before and after
 * the upstream's 2xx headers. Nor does the model's health (GET /v1/streamfix/models) count it.
 */
import { strict as assert } from 'node:assert';
import type { Artifact, GatewayEvent } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import type { ScriptedResponse } from '../helpers/testUpstream';

const T0 = 1_800_000_000_000;
const E500: ScriptedResponse = { status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"boom","type":"server_error","code":500}}'] };
const CONTENT = 'data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\": "}}]}\n\n';
/** 2xx headers and the first event, then nothing until the client goes. */
const HANGING_STREAM: ScriptedResponse = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [CONTENT], hang: true };
/** 2xx headers and half a completion, then nothing until the client goes. */
const HANGING_BODY: ScriptedResponse = { status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"id":"gen-1","choices":[{"index":0,'], hang: true };
const STREAM_OK: ScriptedResponse = { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: ['data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":"stop"}]}\n\n', 'data: [DONE]\n\n'] };
const BODY_OK: ScriptedResponse = { status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"id":"gen-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}]}'] };
const OPEN_REASON = '2 consecutive failures within 10 s, the last: upstream answered 500';
const AFTER = 'The client disconnected; the upstream request was aborted';
const BEFORE = 'The client disconnected before the upstream answered';

type BreakerEvent = Extract<GatewayEvent, { type: 'breaker' }>;
type Api = 'chat' | 'messages';

describe('gateway: a client that leaves is neither a breaker success nor a failure', () => {
  let now = T0;
  const events: BreakerEvent[] = [];
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => now, breaker: { failures: 2, windowMs: 10_000, cooldownMs: 5_000, failedRate: null } });
  before(() => {
    d.events.subscribe((e) => {
      if (e.type === 'breaker') events.push(e);
    });
  });

  function send(api: Api, model: string, stream: boolean, signal?: AbortSignal): Promise<Response> {
    const body = api === 'chat' ? { model, stream, messages: [{ role: 'user', content: 'hi' }] } : { model, stream, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
    return fetch(`http://127.0.0.1:${d.info.port}/v1/${api === 'chat' ? 'chat/completions' : 'messages'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: JSON.stringify(body),
      signal,
    });
  }

  /** Until every request the gateway handles has ended (its breaker ticket settled after the artifact). */
  async function settled(): Promise<void> {
    for (let i = 0; i < 500 && d.gateway.inflight > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(d.gateway.inflight, 0);
  }

  async function artifact(id: string): Promise<Artifact> {
    return (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as Artifact;
  }

  /**
   * One request the client abandons; `when`: after the upstream's 2xx (streaming: once the client has
   * the first bytes, which the gateway sends only after the upstream's headers; not streaming: once the
   * upstream has sent its headers and half a body), or before the upstream answered at all. Returns the
   * artifact's errors, which say which of the two it was.
   */
  async function leave(api: Api, model: string, stream: boolean, when: 'after 2xx' | 'before headers'): Promise<Artifact['errors']> {
    // the Messages endpoint always streams from the upstream
    up.enqueue(when === 'before headers' ? { hangBeforeHeaders: true } : stream || api === 'messages' ? HANGING_STREAM : HANGING_BODY);
    const abort = new AbortController();
    const arrived = up.waitForRequest();
    const ids: string[] = [];
    const off = d.events.subscribe((e) => {
      if (e.type === 'started' && e.model === model) ids.push(e.id);
    });
    const pending = send(api, model, stream, abort.signal);
    await arrived;
    if (when === 'after 2xx' && stream) {
      const r = await pending;
      assert.equal(r.status, 200);
      const first = await r.body!.getReader().read();
      assert.equal(first.done, false);
    } else if (when === 'after 2xx') {
      // the upstream's headers and first piece go out right after its request was read: the gateway
      // (same process) has them after a few turns of the event loop; the artifact's message checks it
      await new Promise((r) => setTimeout(r, 250));
    }
    abort.abort();
    await pending.catch(() => null);
    await up.waitForAbort();
    await settled();
    off();
    assert.equal(ids.length, 1);
    const a = await artifact(ids[0]!);
    assert.equal(a.status, 'CLIENT_ABORTED');
    return a.errors;
  }

  const cases: [Api, boolean, 'after 2xx' | 'before headers'][] = [];
  for (const api of ['chat', 'messages'] as const) for (const stream of [true, false]) for (const when of ['after 2xx', 'before headers'] as const) cases.push([api, stream, when]);

  cases.forEach(([api, stream, when], k) => {
    const name = `${api}, ${stream ? 'streaming' : 'non-streaming'}, the client leaving ${when}`;
    const model = `left/${k}`;
    it(`${name}: does not reset the failure count (failure, leave, failure opens the breaker)`, async () => {
      now = T0 + k * 100_000;
      const n = events.length;
      up.enqueue(E500);
      assert.equal((await send(api, model, stream)).status, 500);
      assert.deepEqual(await leave(api, model, stream, when), [{ message: when === 'after 2xx' ? AFTER : BEFORE }]);
      assert.deepEqual(events.slice(n), []);
      up.enqueue(E500);
      assert.equal((await send(api, model, stream)).status, 500);
      assert.deepEqual(events.slice(n).map((e) => [e.model, e.previous, e.state, e.reason]), [[model, 'closed', 'open', OPEN_REASON]]);
    });

    it(`${name}: a half-open probe left by its client neither closes nor reopens, and the next request probes`, async () => {
      const n = events.length;
      now = T0 + k * 100_000 + 5_000;
      await leave(api, model, stream, when);
      assert.deepEqual(events.slice(n).map((e) => [e.previous, e.state]), [['open', 'half_open']]);
      // not refused as "a probe request is out": the slot is free
      up.enqueue(stream || api === 'messages' ? STREAM_OK : BODY_OK);
      const r = await send(api, model, stream);
      assert.equal(r.status, 200);
      await r.text();
      await settled();
      assert.deepEqual(events.slice(n).map((e) => [e.previous, e.state, e.reason]), [
        ['open', 'half_open', 'cool-down over: one probe request goes through'],
        ['half_open', 'closed', 'probe answered 200'],
      ]);
    });

    it(`${name}: a leave while closed is no failure either (leave, leave, failure: still closed)`, async () => {
      const n = events.length;
      now = T0 + k * 100_000 + 6_000;
      await leave(api, model, stream, when);
      await leave(api, model, stream, when);
      up.enqueue(E500);
      assert.equal((await send(api, model, stream)).status, 500);
      await settled();
      assert.deepEqual(events.slice(n), []);
      const models = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; requests: number; upstreamErrors: number; circuit: unknown }[] };
      const m = models.data.find((x) => x.model === model)!;
      assert.deepEqual(m.circuit, { state: 'closed', consecutiveFailures: 1, retryAfterSeconds: null, reason: 'probe answered 200' });
      // the model's health counts the answers only (three 500s and the probe's 200), never the four left
      assert.deepEqual([m.requests, m.upstreamErrors], [4, 3]);
    });
  });
});
