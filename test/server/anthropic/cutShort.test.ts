/**
 * An upstream body that ends without a finish_reason and without `[DONE]` (the connection closed cleanly in
 * the middle of the answer) on `/v1/messages`: the answer stopped short, so the message says
 * `stop_reason: "max_tokens"` (the chat endpoint's `finish_reason: "length"` for the same body) and the
 * artifact and `x-streamfix-status` say `TRUNCATED`, whatever the text's own check gave. Before, the
 * client got `end_turn` (a finished answer) and the status was the text's check (`VALID`, `TEXT`).
 * A body that finished (a finish_reason, or `[DONE]`) keeps its own stop reason and status.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { artifactOf } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { translate } from './helpers';

const BODY = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };
const CUT = sse(chunk({ role: 'assistant', content: '{"a": 1' }), chunk({ content: ', "b": "h\u00e9"}' }));

describe('messages: an upstream body that ends before the answer finished', () => {
  const { up, d } = useTestGateway();
  const client = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });

  // mode -> the text's own check, which the cut overrides
  const MODES: [string, string][] = [
    ['repair', 'VALID'],
    ['auto', 'VALID'],
    ['strip', 'TEXT'],
  ];
  for (const [mode, checked] of MODES) {
    it(`${mode}, streaming: stop_reason max_tokens, the text as it came, TRUNCATED in the trailer and the artifact (the text's check: ${checked})`, async () => {
      up.enqueue({ chunks: [CUT] });
      const stream = client().messages.stream(BODY, { headers: { 'x-streamfix-mode': mode } });
      const msg = await stream.finalMessage();
      assert.equal(msg.stop_reason, 'max_tokens');
      assert.deepEqual(msg.content, [{ type: 'text', text: '{"a": 1, "b": "h\u00e9"}' }]);
      const res = (await stream.withResponse()).response;
      const a = await artifactOf(d, res);
      assert.equal(a.status, 'TRUNCATED');
      assert.equal(a.finishReason, null);

      up.enqueue({ chunks: [CUT] });
      const r = await request(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify({ ...BODY, stream: true }) });
      const text = await r.body.text();
      assert.match(text, /"stop_reason":"max_tokens"/);
      assert.doesNotMatch(text, /end_turn/);
      assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    });

    it(`${mode}, not streaming: stop_reason max_tokens, x-streamfix-status TRUNCATED`, async () => {
      up.enqueue({ chunks: [CUT] });
      const { data, response } = await client().messages.create(BODY, { headers: { 'x-streamfix-mode': mode } }).withResponse();
      assert.equal(data.stop_reason, 'max_tokens');
      assert.equal(response.headers.get('x-streamfix-status'), 'TRUNCATED');
      assert.equal((await artifactOf(d, response)).status, 'TRUNCATED');
    });
  }

  it('a body that finished keeps its stop reason and status: a finish_reason without [DONE], [DONE] without a finish_reason', async () => {
    for (const body of [sse(chunk({ role: 'assistant', content: '{"a": 1}' }), chunk({}, 'stop')), sse(chunk({ role: 'assistant', content: '{"a": 1}' }), '[DONE]')]) {
      up.enqueue({ chunks: [body] });
      const { data, response } = await client().messages.create(BODY, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
      assert.equal(data.stop_reason, 'end_turn');
      assert.equal(response.headers.get('x-streamfix-status'), 'VALID');
    }
  });

  it('the same events at every byte split of the upstream body (in-process)', () => {
    const whole = translate(CUT, [], { mode: 'repair' });
    const delta = whole.find((e) => e.type === 'message_delta') as unknown as { delta: { stop_reason: string } };
    assert.equal(delta.delta.stop_reason, 'max_tokens');
    const n = Buffer.byteLength(CUT);
    for (let s = 1; s < n; s++) assert.deepEqual(translate(CUT, [s], { mode: 'repair' }), whole, `split ${s}`);
  });
});
