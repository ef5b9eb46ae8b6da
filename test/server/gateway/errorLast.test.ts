/**
 * An upstream error event mid-stream (repair, strip and auto modes): the error chunk is the client's last
 * before `[DONE]` (DESIGN): the closers still owed go first, and what the upstream sends after its error
 * event is not forwarded but counted and kept in the artifact's errors. The same bytes at every split.
 */
import { strict as assert } from 'node:assert';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import { artifactOf, postChat } from '../helpers/gateway';
import { readThrough } from '../helpers/rewrite';
import { withTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const ERR = JSON.stringify({ error: { message: 'Provider returned error', code: 502 } });
const AFTER = chunk({ content: ', "b": 2}' });
const BODY = sse(chunk({ role: 'assistant', content: '{"a": 1' }), ERR, AFTER, '[DONE]');
const TEMPLATE = '"object":"chat.completion.chunk","id":"gen-test-1","created":1700000000,"model":"test/model","provider":"Test"';
// repair: the engine holds `"a": 1` back until it knows more; the closer chunk carries it and the `}`
const REPAIRED = sse(chunk({ role: 'assistant', content: '{' }), `{${TEMPLATE},"choices":[{"index":0,"delta":{"content":"\\"a\\": 1}"},"finish_reason":null}]}`, ERR, '[DONE]');

describe('gateway: an upstream error event ends the client stream', () => {
  function run(mode: 'repair' | 'strip', body: Buffer, split: number): string {
    return readThrough(new StreamRewriter(mode, { onRepair() {} }), body, [split]);
  }

  it('repair: the content, the closer chunk, the error chunk, [DONE], exactly, at every split; strip: no closer', () => {
    const body = Buffer.from(BODY);
    const expected = {
      repair: REPAIRED,
      strip: sse(chunk({ role: 'assistant', content: '{"a": 1' }), ERR, '[DONE]'),
    };
    for (const mode of ['repair', 'strip'] as const) {
      for (let k = 1; k <= body.length; k++) assert.equal(run(mode, body, k), expected[mode], `${mode} split ${k}`);
    }
  });

  it('through the daemon: the same bytes; the artifact records the error and the event after it', async () => {
    await withTestGateway({ apiKey: 'sk-test-secret' }, async ({ up, d }) => {
      up.enqueue({ chunks: [BODY] });
      const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-streamfix-mode': 'repair' });
      assert.equal(await res.text(), REPAIRED);
      const a = await artifactOf(d, res);
      assert.deepEqual([a.status, a.rawContent, a.repairedContent], ['UPSTREAM_ERROR', '{"a": 1', '{"a": 1}']);
      assert.deepEqual(a.errors, [
        { message: 'Provider returned error', code: '502' },
        { message: `The upstream sent 1 event(s) after its error event, not forwarded: ${JSON.stringify(AFTER.slice(0, 200))}`, code: 'after_upstream_error' },
      ]);
    });
  });
});
