/**
 * A streaming request answered with a 2xx JSON body that is an error object (not an event stream): the
 * client gets the upstream's own error, as a non-streaming request does — its message, the status its
 * `code` names (else 502) — in the endpoint's error shape, and the artifact records it as UPSTREAM_ERROR
 * with that message. Before, both APIs answered "Upstream answered a streaming request with content-type
 * "application/json", not text/event-stream" and the upstream's message was lost (gwtruth20's audit). A
 * key the upstream echoes there is never shown. A JSON body that is no error (a whole completion) keeps
 * the 502 upstream_invalid.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import { useTestGateway } from '../helpers/testGateway';

const KEY = 'sk-test-secret-4e1d';
const errorBody = (code: unknown) => JSON.stringify({ error: { message: `Provider returned error: rate limited for key ${KEY}`, code } });
const SHOWN = 'Provider returned error: rate limited for key [redacted]';

/** A model of its own per request: the failures must not open the breaker of one model. */
let n = 0;

async function post(d: Daemon, api: 'chat' | 'messages', mode: string) {
  const model = `test/model-${n++}`;
  const body = api === 'chat' ? { model, stream: true, messages: [{ role: 'user', content: 'go' }] } : { model, stream: true, max_tokens: 50, messages: [{ role: 'user', content: 'go' }] };
  const r = await request(`${d.info.url}/${api === 'chat' ? 'chat/completions' : 'messages'}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify(body) });
  const text = await r.body.text();
  const art = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { status: string; errors: { message: string; status?: number; code?: string }[] };
  return { status: r.statusCode, body: JSON.parse(text) as unknown, art: { status: art.status, errors: art.errors } };
}

describe('gateway: a streaming request answered with a JSON error body', () => {
  const { up, d } = useTestGateway({ apiKey: KEY });

  for (const mode of ['repair', 'strip', 'auto']) {
    it(`chat, ${mode}: the upstream's error with the status its code names (429), else 502`, async () => {
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [errorBody(429)] });
      assert.deepEqual(await post(d, 'chat', mode), {
        status: 429,
        body: { error: { message: SHOWN, code: 429 } },
        art: { status: 'UPSTREAM_ERROR', errors: [{ message: SHOWN, status: 429, code: '429' }] },
      });
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [errorBody('provider_down')] });
      assert.deepEqual(await post(d, 'chat', mode), {
        status: 502,
        body: { error: { message: SHOWN, code: 'provider_down' } },
        art: { status: 'UPSTREAM_ERROR', errors: [{ message: SHOWN, status: 502, code: 'provider_down' }] },
      });
    });

    it(`messages, ${mode}: the upstream's error in Anthropic's shape`, async () => {
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [errorBody(429)] });
      const got = await post(d, 'messages', mode);
      const body = got.body as { type: string; error: { type: string; message: string } };
      assert.deepEqual({ status: got.status, type: body.type, error: body.error, art: got.art }, {
        status: 429,
        type: 'error',
        error: { type: 'rate_limit_error', message: SHOWN },
        art: { status: 'UPSTREAM_ERROR', errors: [{ message: SHOWN, status: 429, code: '429' }] },
      });
    });
  }

  it('through the SDKs: the openai and Anthropic SDKs raise the upstream message', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [errorBody(400)] });
    const openai = new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0 });
    await assert.rejects(
      (async () => {
        for await (const _ of await openai.chat.completions.create({ model: 'test/sdk-1', stream: true, messages: [{ role: 'user', content: 'go' }] })) void _;
      })(),
      (e: unknown) => e instanceof OpenAI.APIError && e.status === 400 && e.message === `400 ${SHOWN}`,
    );
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [errorBody(400)] });
    const anthropic = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
    await assert.rejects(
      (async () => {
        for await (const _ of anthropic.messages.stream({ model: 'test/sdk-2', max_tokens: 50, messages: [{ role: 'user', content: 'go' }] })) void _;
      })(),
      (e: unknown) => e instanceof Anthropic.APIError && e.status === 400 && (e.error as { error: { message: string } }).error.message === SHOWN,
    );
  });

  it('a JSON body that is no error (a whole completion) is still the 502 upstream_invalid', async () => {
    const whole = JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }] });
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [whole] });
    const got = await post(d, 'chat', 'repair');
    assert.equal(got.status, 502);
    assert.deepEqual((got.body as { error: { code: string } }).error.code, 'upstream_invalid');
  });
});
