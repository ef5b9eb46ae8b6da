/**
 * A schema whose patterns cannot be compiled because RE2 itself cannot be started is the gateway's fault
 * and temporary (issue 10 §4): a 503 `pattern_engine_unavailable` in the OpenAI shape (529
 * `overloaded_error` on /v1/messages, the project's mapping of a 503 there, which Anthropic clients retry),
 * never a 400 blaming the schema, nothing sent upstream; the next request starts a fresh instance and is
 * served. The seams: the next call into the module aborts (the instance dies) and the next fresh instance
 * cannot be made.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { re2Engine } from '../../../server/gateway/re2Engine';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const REASON = 'abort(test: heap exhausted); a new instance could not be started: test: no memory for a new instance';

function chatBody(pattern: string) {
  return { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'c', schema: { type: 'object', properties: { code: { type: 'string', pattern } } } } } };
}

describe('gateway: RE2 that cannot be started is a 503, and the next request starts it', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test' });

  function breakEngine(): void {
    re2Engine.failNextCall('test: heap exhausted');
    re2Engine.failNextStart('test: no memory for a new instance');
  }

  it('chat: 503 in the OpenAI shape, nothing upstream, counted; the next request is checked', async () => {
    const sent = up.requests.length;
    const counted = await metric(d, 'streamfix_requests_total{model="unknown",mode="none",status="503",api="chat"}');
    breakEngine();
    const res = await postChat(d, chatBody('^start-[a-z]{2}$'));
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), {
      error: {
        message: `response_format.json_schema.schema could not be compiled: the pattern engine (RE2) is not available (${REASON}); the gateway's own fault, temporary: retry the request`,
        type: 'server_error',
        code: 'pattern_engine_unavailable',
      },
    });
    assert.equal(up.requests.length, sent);
    assert.equal(await metric(d, 'streamfix_requests_total{model="unknown",mode="none",status="503",api="chat"}'), counted + 1);

    const restarts = re2Engine.restarts;
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: '{"code": "start-ab"}' }, finish_reason: 'stop' }] })] });
    const next = await postChat(d, chatBody('^start-[a-z]{2}$'));
    assert.equal(next.status, 200);
    assert.equal(next.headers.get('x-streamfix-schema'), 'valid');
    assert.deepEqual((await artifactOf(d, next)).schema, { valid: true, errors: [] });
    assert.equal(re2Engine.restarts, restarts + 1);
  });

  it('messages: 529 overloaded_error with the same message; the next request is served', async () => {
    const messages = () =>
      request(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'find', input_schema: { type: 'object', properties: { q: { type: 'string', pattern: '^start-m[0-9]+$' } } } }] }),
      });
    const sent = up.requests.length;
    breakEngine();
    const res = await messages();
    assert.equal(res.statusCode, 529);
    const body = (await res.body.json()) as { type: string; error: unknown; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.request_id, res.headers['request-id']);
    assert.deepEqual(body.error, {
      type: 'overloaded_error',
      message: `tools[0].input_schema (tool "find") could not be compiled: the pattern engine (RE2) is not available (${REASON}); the gateway's own fault, temporary: retry the request`,
    });
    assert.equal(up.requests.length, sent);

    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'ok' }), chunk({}, 'stop'), '[DONE]')] });
    const ok = await messages();
    assert.equal(ok.statusCode, 200, await ok.body.text());
  });
});
