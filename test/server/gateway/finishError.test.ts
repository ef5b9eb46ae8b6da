/**
 * A choice the upstream ends with `finish_reason: "error"` (OpenRouter's finish reason for a generation
 * that failed) and no `error` object beside it: the answer did not complete, whatever its text's check
 * would say. The client gets the upstream's bytes as they came (the finish reason says it; nothing is
 * invented), and the status, the artifact and the breaker say what happened: `UPSTREAM_ERROR` (code
 * `finish_reason_error`), a failure of the model. Before, the status was the text's own check (`TEXT`,
 * `FAILED`, `TRUNCATED`), as for an answer that finished, and the breaker heard a success.
 * With an error object the stream ends as for any upstream error event (errorLast.test.ts): one error.
 */
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { request } from 'undici';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const MESSAGE = 'The upstream ended choice 0 with finish_reason "error" and no error object: the answer did not complete';
const PROSE = sse(chunk({ role: 'assistant', content: 'Hello wor' }), chunk({}, 'error'), '[DONE]');
const JSON_CUT = sse(chunk({ role: 'assistant', content: '{"a": [1' }), chunk({}, 'error'), '[DONE]');
const completion = (choices: unknown[]) => JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices });

describe('gateway: a choice ended with finish_reason "error" and no error object', () => {
  const { up, d } = useTestGateway({ breaker: { failures: 1, windowMs: 60_000, cooldownMs: 60_000, failedRate: null } });
  const artifactOf = async (id: unknown): Promise<Artifact> => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as Artifact;
  const post = (body: unknown, mode: string) =>
    request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify(body) });

  // mode -> [the upstream body, the client's text, the text's own check before]
  const CASES: [string, string, string, string][] = [
    ['strip', PROSE, 'Hello wor', 'TEXT'],
    ['auto', PROSE, 'Hello wor', 'TEXT'],
    ['repair', PROSE, 'Hello wor', 'FAILED'],
    ['repair', JSON_CUT, '{"a": [1]}', 'TRUNCATED'],
    ['passthrough', PROSE, 'Hello wor', 'PASSTHROUGH'],
  ];
  for (const [i, [mode, body, text, before]] of CASES.entries()) {
    it(`${mode}, streaming, ${JSON.stringify(text)}: the bytes as before, UPSTREAM_ERROR in the trailer and the artifact (was ${before}); the breaker heard a failure`, async () => {
      const model = `test/finish-error-${i}`;
      up.enqueue({ chunks: [body] });
      const r = await post({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }, mode);
      const got = collect(await r.body.text());
      assert.deepEqual([got.content, got.finish, got.done], [text, 'error', true]);
      assert.equal(r.trailers['x-streamfix-status'], 'UPSTREAM_ERROR');
      const a = await artifactOf(r.headers['x-streamfix-request-id']);
      assert.equal(a.status, 'UPSTREAM_ERROR');
      assert.equal(a.finishReason, 'error');
      assert.deepEqual(a.errors.filter((e) => e.code === 'finish_reason_error'), [{ message: MESSAGE, code: 'finish_reason_error' }]);
      // one failure opens this model's breaker (failures: 1): the next request is refused at once
      const next = await post({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }, mode);
      assert.equal(next.statusCode, 503);
      assert.equal(((await next.body.json()) as { error: { code: string } }).error.code, 'circuit_open');
    });
  }

  it('the openai SDK: finalChatCompletion() has the text and finish_reason "error", as the upstream sent them', async () => {
    up.enqueue({ chunks: [PROSE] });
    const client = new OpenAI({ baseURL: d.info.url, apiKey: 'unused', maxRetries: 0 });
    const s = client.chat.completions.stream({ model: 'test/finish-error-sdk', messages: [{ role: 'user', content: 'hi' }] });
    const f = await s.finalChatCompletion();
    assert.deepEqual([f.choices[0]!.message.content, f.choices[0]!.finish_reason], ['Hello wor', 'error']);
  });

  it('not streaming: the body as it came, x-streamfix-status UPSTREAM_ERROR; with n = 2 the message names the choice', async () => {
    const body = completion([{ index: 0, message: { role: 'assistant', content: '{"a": 1}' }, finish_reason: 'stop' }, { index: 1, message: { role: 'assistant', content: 'Hel' }, finish_reason: 'error' }]);
    up.enqueue({ chunks: [body], headers: { 'content-type': 'application/json' } });
    const r = await post({ model: 'test/finish-error-n', n: 2, messages: [{ role: 'user', content: 'hi' }] }, 'auto');
    assert.equal(r.statusCode, 200);
    const j = (await r.body.json()) as { choices: { message: { content: string }; finish_reason: string }[] };
    assert.deepEqual(j.choices.map((c) => [c.message.content, c.finish_reason]), [['{"a": 1}', 'stop'], ['Hel', 'error']]);
    assert.equal(r.headers['x-streamfix-status'], 'UPSTREAM_ERROR');
    const a = await artifactOf(r.headers['x-streamfix-request-id']);
    assert.deepEqual(a.errors.filter((e) => e.code === 'finish_reason_error'), [{ message: MESSAGE.replace('choice 0', 'choice 1'), code: 'finish_reason_error' }]);
  });

  for (const mode of ['strip', 'auto', 'repair', 'passthrough']) {
    it(`${mode}: with an error object the upstream error is the one error recorded (not a second for its finish_reason), and the choice's finish_reason is "error"`, async () => {
      const err = JSON.stringify({ id: 'gen-test-1', object: 'chat.completion.chunk', created: 1, model: 'test/model', error: { code: 'server_error', message: 'Provider disconnected' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] });
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Hello' }), err, '[DONE]')] });
      const r = await post({ model: `test/finish-error-obj-${mode}`, stream: true, messages: [{ role: 'user', content: 'hi' }] }, mode);
      await r.body.text();
      assert.equal(r.trailers['x-streamfix-status'], 'UPSTREAM_ERROR');
      const a = await artifactOf(r.headers['x-streamfix-request-id']);
      // (repair mode also says what its check of the text found, as before)
      const own = mode === 'repair' ? [{ message: 'No JSON value found in the input', code: 'NO_JSON' }] : [];
      assert.deepEqual(a.errors, [{ message: 'Provider disconnected', code: 'server_error' }, ...own]);
      // (the rewriting modes left it null: the error object ended the stream before the choices were read)
      assert.equal(a.finishReason, 'error');
    });
  }

  it('a choice that finished otherwise keeps its check: stop is TEXT', async () => {
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop'), '[DONE]')] });
    const r = await post({ model: 'test/finish-error-stop', stream: true, messages: [{ role: 'user', content: 'hi' }] }, 'strip');
    await r.body.text();
    assert.equal(r.trailers['x-streamfix-status'], 'TEXT');
  });
});
