/**
 * A client pointed at the wrong base URL gets a 404 that says what is wrong, in its own API's shape.
 * The daemon prints `http://127.0.0.1:8787/v1`, the OpenAI clients' base URL; the Anthropic clients add
 * `/v1` themselves (`ANTHROPIC_BASE_URL` is the root), so that URL gives them `/v1/v1/messages`, and an
 * OpenAI client given the root asks for `/chat/completions`. Before, both got "Unknown route …" and the list
 * of routes, an Anthropic client in the OpenAI shape (its SDK's message then held the raw body).
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { useTestGateway } from '../helpers/testGateway';

describe('gateway: a wrong base URL gets a 404 naming the fix', () => {
  const { up, d } = useTestGateway();

  it('the Anthropic SDK given the /v1 URL: not_found_error in its shape, "the base URL has /v1 twice"; nothing goes upstream', async () => {
    const before = up.requests.length;
    const client = new Anthropic({ baseURL: d.info.url, apiKey: 'unused', maxRetries: 0 });
    const e = await client.messages.create({ model: 'test/model', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof Anthropic.NotFoundError, String(e));
    const body = e.error as { type: string; error: { type: string; message: string }; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'not_found_error');
    assert.match(body.error.message, /^Unknown route POST \/v1\/v1\/messages: the base URL has \/v1 twice \(an Anthropic client adds \/v1 itself: give it the gateway's root, http:\/\/127\.0\.0\.1:\d+\); the gateway serves POST \/v1\/chat\/completions, /);
    assert.equal(body.request_id, e.headers?.get('x-streamfix-request-id'));
    assert.equal(up.requests.length, before);
  });

  it('the OpenAI SDK given the root: "did you mean /v1/chat/completions?"', async () => {
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
    const e = await client.chat.completions.create({ model: 'test/model', messages: [{ role: 'user', content: 'hi' }] }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof OpenAI.NotFoundError, String(e));
    assert.match((e.error as { message: string }).message, /^Unknown route POST \/chat\/completions: did you mean \/v1\/chat\/completions\? \(an OpenAI client's base URL ends in \/v1: http:\/\/127\.0\.0\.1:\d+\/v1\); the gateway serves /);
  });

  it('an unknown path with no near route keeps the plain message', async () => {
    const r = await fetch(`${d.info.url}/completions`, { method: 'POST' });
    assert.equal(r.status, 404);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /^Unknown route POST \/v1\/completions; the gateway serves /);
  });
});
