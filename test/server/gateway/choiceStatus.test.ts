/**
 * `n > 1`: the artifact's `status` is the worst of every choice's, and choice 0 keeps its fields at the top
 * level, so a VALID choice 0 beside a choice 1 cut at max_tokens read TRUNCATED with choice 0's content and
 * `finishReason: "stop"`, and nothing said which choice was cut. `choiceStatus` is choice 0's own verdict
 * (each later choice has its own in `choices`); absent for a one-choice answer. Through the openai SDK,
 * streamed and not.
 */
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { artifactOf } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { sse } from '../helpers/testUpstream';

const C = (choice: Record<string, unknown>) => JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [choice] });

describe("gateway: n > 1, choice 0's own status beside the combined one", () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const client = () => new OpenAI({ baseURL: `http://127.0.0.1:${d.info.port}/v1`, apiKey: 'any', maxRetries: 0 });
  const ask = { model: 'm', n: 2, messages: [{ role: 'user' as const, content: 'x' }] };

  for (const [first, second, want] of [
    [['{"b": 1}', 'stop'], ['{"a": [1, 2', 'length'], ['TRUNCATED', 'VALID', 'TRUNCATED']],
    [['{"a": [1, 2', 'length'], ['{"b": 1,}', 'stop'], ['TRUNCATED', 'TRUNCATED', 'REPAIRED']],
    [['{"b": 1,}', 'stop'], ['{"c": 2}', 'stop'], ['REPAIRED', 'REPAIRED', 'VALID']],
  ] as const) {
    it(`choice 0 ${JSON.stringify(first[0])} (${first[1]}), choice 1 ${JSON.stringify(second[0])} (${second[1]}): status ${want[0]}, choiceStatus ${want[1]}, choices[0].status ${want[2]}`, async () => {
      up.enqueue({ chunks: [sse(C({ index: 0, delta: { role: 'assistant', content: first[0] } }), C({ index: 1, delta: { role: 'assistant', content: second[0] } }), C({ index: 1, delta: {}, finish_reason: second[1] }), C({ index: 0, delta: {}, finish_reason: first[1] }), '[DONE]')] });
      const s = await client().chat.completions.create({ ...ask, stream: true }, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
      for await (const _ of s.data);
      const a = await artifactOf(d, s.response as unknown as Response);
      assert.deepEqual([a.status, a.choiceStatus, a.choices?.map((c) => c.status)], [want[0], want[1], [want[2]]], 'streamed');

      const body = { id: 'g', object: 'chat.completion', created: 1, model: 'm', choices: [first, second].map(([content, finish], index) => ({ index, message: { role: 'assistant', content }, finish_reason: finish })) };
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(body)] });
      const r = await client().chat.completions.create(ask, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
      const b = await artifactOf(d, r.response as unknown as Response);
      assert.deepEqual([b.status, b.choiceStatus, b.choices?.map((c) => c.status)], [want[0], want[1], [want[2]]], 'not streamed');
    });
  }

  it('a one-choice answer has no choiceStatus', async () => {
    up.enqueue({ chunks: [sse(C({ index: 0, delta: { role: 'assistant', content: '{"b": 1}' }, finish_reason: 'stop' }), '[DONE]')] });
    const s = await client().chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
    for await (const _ of s.data);
    const a = await artifactOf(d, s.response as unknown as Response);
    assert.deepEqual([a.status, 'choiceStatus' in a], ['VALID', false]);
  });
});
