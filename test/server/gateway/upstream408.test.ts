/**
 * An upstream's 408 (OpenRouter: "your request timed out"; a proxy's time-out page) is a time-out, in
 * each API's shape: the chat endpoint keeps the status (the openai SDK retries it) and, for a body that is
 * not an OpenAI error, says `timeout_error` with the excerpt; the Messages API answers 408 `timeout_error`
 * (the Anthropic SDK retries it), not the 500 `api_error` it was, a server fault of the gateway's. Both
 * clients' own retry is checked: the second attempt's answer is the one they return.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const OR_408 = '{"error":{"message":"Request timed out. Please try again.","code":408}}';
const PAGE_408 = '<html><head><title>408</title></head><body><h1>408 Request Time-out</h1>Your browser didn\'t send a complete request in time.</body></html>';
const EXCERPT = "Upstream returned 408: 408 408 Request Time-out Your browser didn't send a complete request in time.";
const OK = sse(chunk({ role: 'assistant', content: 'Hi.' }), chunk({}, 'stop'), '[DONE]');

describe('gateway: an upstream 408 is a time-out in both APIs', () => {
  // breakers off: every case here answers 408s, which count toward the breaker (breaker408.test.ts)
  const { up, d } = useTestGateway({ upstreamOptions: { backoffBaseMs: 1, random: () => 0.5 }, breaker: { failures: 0, windowMs: 60_000, cooldownMs: 30_000, failedRate: null } });
  const anthropic = (maxRetries = 0) => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries });
  const openai = (maxRetries = 0) => new OpenAI({ baseURL: `http://127.0.0.1:${d.info.port}/v1`, apiKey: 'unused', maxRetries });
  const MSG = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };
  const CHAT = { model: 'test/model', messages: [{ role: 'user' as const, content: 'hi' }] };

  async function failure<E>(p: Promise<unknown>, cls: new (...a: never[]) => E): Promise<E> {
    const e = await p.then(() => null, (x: unknown) => x);
    assert.ok(e instanceof cls, String(e));
    return e as E;
  }

  it("messages: an OpenRouter 408 is 408 timeout_error with the upstream's message (create and stream)", async () => {
    up.always({ status: 408, headers: { 'content-type': 'application/json' }, chunks: [OR_408] });
    const e = await failure(anthropic().messages.create(MSG), Anthropic.APIError);
    assert.equal(e.status, 408);
    assert.deepEqual((e.error as { error: unknown }).error, { type: 'timeout_error', message: 'Request timed out. Please try again.' });
    const s = await failure(anthropic().messages.stream(MSG).finalMessage(), Anthropic.APIError);
    assert.equal(s.status, 408);
    assert.deepEqual((s.error as { error: unknown }).error, { type: 'timeout_error', message: 'Request timed out. Please try again.' });
  });

  it("messages: a proxy's 408 page is 408 timeout_error with its excerpt", async () => {
    up.always({ status: 408, headers: { 'content-type': 'text/html' }, chunks: [PAGE_408] });
    const e = await failure(anthropic().messages.create(MSG), Anthropic.APIError);
    assert.equal(e.status, 408);
    assert.deepEqual((e.error as { error: unknown }).error, { type: 'timeout_error', message: EXCERPT });
  });

  it('messages: an error event of code 408 mid-stream says timeout_error', async () => {
    up.always({ chunks: [sse(chunk({ role: 'assistant', content: 'Hel' }), JSON.stringify({ error: { code: 408, message: 'Provider timed out' } }), '[DONE]')] });
    const s = await failure(anthropic().messages.stream(MSG).finalMessage(), Anthropic.APIError);
    assert.deepEqual(s.error, { type: 'error', error: { type: 'timeout_error', message: 'Upstream stream failed: Provider timed out' } });
  });

  it('messages: the Anthropic SDK retries the 408 and returns the answer of its second attempt', async () => {
    const before = up.requests.length;
    up.always({ status: 500, chunks: ['unscripted'] });
    up.enqueue({ status: 408, headers: { 'content-type': 'application/json' }, chunks: [OR_408] }, { chunks: [OK] });
    const m = await anthropic(1).messages.create(MSG);
    assert.deepEqual(m.content, [{ type: 'text', text: 'Hi.' }]);
    assert.equal(up.requests.length - before, 2);
  });

  it("chat: an OpenRouter 408 reaches the openai SDK as sent (status 408, the upstream's error)", async () => {
    up.always({ status: 408, headers: { 'content-type': 'application/json' }, chunks: [OR_408] });
    for (const stream of [false, true]) {
      const e = await failure(openai().chat.completions.create({ ...CHAT, stream }), OpenAI.APIError);
      assert.equal(e.status, 408, `stream ${stream}`);
      assert.deepEqual(e.error, { message: 'Request timed out. Please try again.', code: 408 }, `stream ${stream}`);
    }
  });

  it("chat: a proxy's 408 page is 408 timeout_error with its excerpt, in the OpenAI shape", async () => {
    up.always({ status: 408, headers: { 'content-type': 'text/html' }, chunks: [PAGE_408] });
    for (const mode of ['repair', 'strip', 'passthrough']) {
      const e = await failure(openai().chat.completions.create(CHAT, { headers: { 'x-streamfix-mode': mode } }), OpenAI.APIError);
      assert.equal(e.status, 408, mode);
      if (mode === 'passthrough') assert.equal(e.error, undefined, mode); // the page as it came: no JSON error
      else assert.deepEqual(e.error, { message: EXCERPT, type: 'timeout_error', code: 'upstream_error' }, mode);
    }
  });

  it('chat: the openai SDK retries the 408 and returns the answer of its second attempt', async () => {
    const before = up.requests.length;
    up.always({ status: 500, chunks: ['unscripted'] });
    up.enqueue({ status: 408, headers: { 'content-type': 'application/json' }, chunks: [OR_408] }, { chunks: [OK] });
    const c = await openai(1).chat.completions.create({ ...CHAT, stream: true });
    let text = '';
    for await (const ch of c) text += ch.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Hi.');
    assert.equal(up.requests.length - before, 2);
  });
});
