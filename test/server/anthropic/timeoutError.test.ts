/**
 * Time-outs on `/v1/messages` are Anthropic's 504 `timeout_error` ("the request timed out while
 * processing"), as the chat endpoint's are 504: the upstream sending no headers within the gateway's
 * limit, an upstream's own 504, an error event whose code is 504. Before, they were 500 `api_error`, a
 * server fault of the gateway's, which it was not.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { withTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const BODY = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };

async function failure(p: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  const e = await p.then(() => null, (x: unknown) => x);
  assert.ok(e instanceof Anthropic.APIError, String(e));
  return e;
}

describe('messages: time-outs are 504 timeout_error', () => {
  it('the upstream sends no headers in time: 504 timeout_error (create and stream)', async () => {
    await withTestGateway({ upstreamOptions: { backoffBaseMs: 1, random: () => 0.5, headersTimeoutMs: 100 } }, async ({ up, d }) => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      up.always({ hangBeforeHeaders: true });
      const e = await failure(client.messages.create(BODY));
      assert.equal(e.status, 504);
      assert.deepEqual((e.error as { error: { type: string } }).error.type, 'timeout_error');
      assert.match((e.error as { error: { message: string } }).error.message, /sent no response headers within 0\.1 s/);
      const s = await failure(client.messages.stream(BODY).finalMessage());
      assert.equal(s.status, 504);
      assert.equal((s.error as { error: { type: string } }).error.type, 'timeout_error');
    });
  });

  it("an upstream's 504 (an HTML page from a proxy): 504 timeout_error with the excerpt", async () => {
    await withTestGateway({}, async ({ up, d }) => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      up.always({ status: 504, headers: { 'content-type': 'text/html' }, chunks: ['<html><body><h1>504 Gateway Time-out</h1></body></html>'] });
      const e = await failure(client.messages.create(BODY));
      assert.equal(e.status, 504);
      assert.deepEqual((e.error as { error: unknown }).error, { type: 'timeout_error', message: 'Upstream returned 504: 504 Gateway Time-out' });
    });
  });

  it('an error event of code 504 mid-stream: the event says timeout_error; not streaming, a 504', async () => {
    await withTestGateway({}, async ({ up, d }) => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      const body = sse(chunk({ role: 'assistant', content: 'Hel' }), JSON.stringify({ error: { code: 504, message: 'Provider timed out' } }), '[DONE]');
      up.always({ chunks: [body] });
      const s = await failure(client.messages.stream(BODY).finalMessage());
      assert.deepEqual(s.error, { type: 'error', error: { type: 'timeout_error', message: 'Upstream stream failed: Provider timed out' } });
      const e = await failure(client.messages.create(BODY));
      assert.equal(e.status, 504);
      assert.deepEqual((e.error as { error: unknown }).error, { type: 'timeout_error', message: 'Upstream stream failed: Provider timed out' });
    });
  });
});
