/**
 * An upstream's 408 (OpenRouter: "Request timed out", the provider did not answer in time) is an upstream
 * failure, as a time-out of the gateway's own is: it counts toward the model's circuit breaker, before the
 * stream (its status) or inside it (an error event of code 408). Before, only 5xx and 429 counted and a 408
 * reset the count, though it says the model did not answer: a model timing out on every request never
 * opened its breaker. The gateway's own 408 to a slow client (limits.ts) is no upstream answer and is not
 * heard by the breaker. Driven through the openai SDK and the Anthropic SDK.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { errorEventOutcome, isFailureStatus } from '../../../server/gateway/breaker';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const OR_408 = { status: 408, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"Request timed out. Please try again.","code":408}}'] };
const EVENT_408 = { chunks: [sse(chunk({ role: 'assistant', content: 'Hel' }), JSON.stringify({ error: { code: 408, message: 'Provider timed out' } }), '[DONE]')] };

describe('gateway: an upstream 408 counts toward the circuit breaker', () => {
  it('isFailureStatus(408); an error event of code 408 is a broken stream; 400, 404, 422 are still the request\'s', () => {
    assert.deepEqual([408, 500, 429, 400, 404, 422].map(isFailureStatus), [true, true, true, false, false, false]);
    assert.deepEqual([408, '408', 400].map(errorEventOutcome), ['broken', 'broken', 400]);
  });

  describe('through the clients', () => {
    const now = 1_800_000_000_000;
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => now, breaker: { failures: 2, windowMs: 10_000, cooldownMs: 30_000, failedRate: null } });

    it('openai SDK: two 408s open the breaker; the next request is a 503 circuit_open naming the 408, nothing sent upstream', async () => {
      const client = new OpenAI({ baseURL: `http://127.0.0.1:${d.info.port}/v1`, apiKey: 'any', maxRetries: 0 });
      const ask = { model: 'test/slow', messages: [{ role: 'user' as const, content: 'hi' }] };
      up.always(OR_408);
      for (let i = 0; i < 2; i++) {
        const e = await client.chat.completions.create(ask).then(() => null, (x: unknown) => x);
        assert.ok(e instanceof OpenAI.APIError && e.status === 408, String(e));
      }
      const before = up.requests.length;
      const e = await client.chat.completions.create(ask).then(() => null, (x: unknown) => x);
      assert.ok(e instanceof OpenAI.APIError, String(e));
      assert.equal(e.status, 503);
      assert.equal(e.headers?.get('retry-after'), '30');
      assert.deepEqual(e.error, { message: 'The circuit breaker for model "test/slow" is open (2 consecutive failures within 10 s, the last: upstream answered 408); retry after 30 s', type: 'server_error', code: 'circuit_open' });
      assert.equal(up.requests.length, before);
    });

    it('Anthropic SDK: two streams ended by an error event of code 408 open the breaker; the next is a 529 overloaded_error', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const ask = { model: 'test/slow-stream', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };
      up.always(EVENT_408);
      for (let i = 0; i < 2; i++) {
        const e = await client.messages.stream(ask).finalMessage().then(() => null, (x: unknown) => x);
        assert.ok(e instanceof Anthropic.APIError, String(e));
        assert.deepEqual((e.error as { error: unknown }).error, { type: 'timeout_error', message: 'Upstream stream failed: Provider timed out' });
      }
      const before = up.requests.length;
      const e = await client.messages.create(ask).then(() => null, (x: unknown) => x);
      assert.ok(e instanceof Anthropic.APIError, String(e));
      assert.equal(e.status, 529);
      assert.deepEqual((e.error as { error: unknown }).error, { type: 'overloaded_error', message: 'The circuit breaker for model "test/slow-stream" is open (2 consecutive failures within 10 s, the last: the upstream stream failed after it started); retry after 30 s' });
      assert.equal(up.requests.length, before);
    });
  });
});
