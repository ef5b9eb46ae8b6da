/**
 * `/v1/messages` and a chat stream whose choice ends with `finish_reason: "error"` and no `error` object
 * (OpenRouter's finish reason for a generation that failed): the message did not finish, so it ends as
 * for an upstream error event: what the engine held goes out, then `event: error` (`api_error`), no
 * `message_delta`; not streaming, a 500 `api_error`. Status `UPSTREAM_ERROR`. Before, the message said
 * `stop_reason: "end_turn"` (a finished turn) and the status was the text's check.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const BODY = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };
const MESSAGE = 'Upstream stream failed: the upstream ended the answer with finish_reason "error" and no error object';
const PROSE = sse(chunk({ role: 'assistant', content: 'Hello wor' }), chunk({}, 'error'), '[DONE]');
// the finish arrives in the chunk that carries the last text
const JSON_CUT = sse(chunk({ role: 'assistant', content: '{"a": [1' }), chunk({ content: ', 2' }, 'error'), '[DONE]');

describe('messages: a chat stream ended with finish_reason "error" and no error object', () => {
  const { up, d } = useTestGateway();
  const client = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
  const artifact = async (id: unknown): Promise<Artifact> => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as Artifact;

  // mode, body -> the text that went out before the error
  const CASES: [string, string, string][] = [
    ['strip', PROSE, 'Hello wor'],
    ['auto', PROSE, 'Hello wor'],
    ['repair', JSON_CUT, '{"a": [1, 2]}'],
    ['auto', JSON_CUT, '{"a": [1, 2]}'],
  ];
  for (const [i, [mode, body, text]] of CASES.entries()) {
    // a model per case: each failure counts for its model's breaker
    const req = { ...BODY, model: `test/finish-error-${i}` };
    it(`${mode}, streaming, ${JSON.stringify(text)}: the text, then an error event; no message_delta; UPSTREAM_ERROR`, async () => {
      up.enqueue({ chunks: [body] });
      const r = await request(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify({ ...req, stream: true }) });
      const events = (await r.body.text()).split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { type: string; delta?: { text?: string }; error?: unknown });
      assert.equal(events.filter((e) => e.type === 'content_block_delta').map((e) => e.delta!.text).join(''), text);
      assert.deepEqual(events[events.length - 1], { type: 'error', error: { type: 'api_error', message: MESSAGE } });
      assert.equal(events.some((e) => e.type === 'message_delta' || e.type === 'message_stop'), false);
      assert.equal(r.trailers['x-streamfix-status'], 'UPSTREAM_ERROR');
      const a = await artifact(r.headers['x-streamfix-request-id']);
      assert.equal(a.status, 'UPSTREAM_ERROR');
      assert.deepEqual(a.errors.filter((e) => e.code === 'finish_reason_error'), [{ message: 'the upstream ended the answer with finish_reason "error" and no error object', code: 'finish_reason_error' }]);

      up.enqueue({ chunks: [body] });
      const s = client().messages.stream(req, { headers: { 'x-streamfix-mode': mode } });
      let streamed = '';
      s.on('text', (t) => (streamed += t));
      await assert.rejects(s.finalMessage(), (e: Error) => e instanceof Anthropic.APIError && JSON.stringify(e.error) === JSON.stringify({ type: 'error', error: { type: 'api_error', message: MESSAGE } }));
      assert.equal(streamed, text);
    });
  }

  it('messages.create(): a 500 api_error, x-streamfix-status UPSTREAM_ERROR, never end_turn', async () => {
    up.enqueue({ chunks: [PROSE] });
    const e = await client().messages.create({ ...BODY, model: 'test/finish-error-create' }, { headers: { 'x-streamfix-mode': 'strip' } }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof Anthropic.InternalServerError);
    assert.equal(e.status, 500);
    assert.deepEqual((e.error as { error: unknown }).error, { type: 'api_error', message: MESSAGE });
    assert.equal(e.headers?.get('x-streamfix-status'), 'UPSTREAM_ERROR');
  });
});
