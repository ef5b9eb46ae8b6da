/**
 * auto mode and R1-style reasoning (no opening tag, only a lone `</think>`): the JSON after the tag decides
 * repair, streaming for the models whose prose is held for a lone tag, and non-streaming for every model.
 */
import { strict as assert } from 'node:assert';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const RAW = 'plan {x}</think>{"a": 1,}';

describe('gateway: auto mode after reasoning with no opening tag', () => {
  const { up, d } = useTestGateway();

  it('streaming, an R1 model: the answer is repaired and the reasoning moved, at every split point', async () => {
    for (let k = 0; k <= RAW.length; k++) {
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: RAW.slice(0, k) }), chunk({ content: RAW.slice(k) }), chunk({}, 'stop'), '[DONE]')] });
      const res = await postChat(d, { model: 'deepseek/deepseek-r1', stream: true, messages: [{ role: 'user', content: 'x' }] });
      const got = collect(await res.text());
      assert.deepEqual([got.content, got.reasoning, got.finish], ['{"a": 1}', 'plan {x}', 'stop'], `split at ${k}`);
      const a = await artifactOf(d, res);
      assert.deepEqual([a.status, a.mode, a.modeReason], ['REPAIRED', 'repair', 'auto: the answer starts as JSON ({)'], `split at ${k}`);
    }
  });

  it('non-streaming, any model: the whole text decides', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: RAW }, finish_reason: 'stop' }] })] });
    const res = await postChat(d, { model: 'm', messages: [{ role: 'user', content: 'x' }] });
    const body = (await res.json()) as { choices: { message: unknown }[] };
    assert.deepEqual(body.choices[0]!.message, { role: 'assistant', content: '{"a": 1}', reasoning: 'plan {x}' });
    assert.equal(res.headers.get('x-streamfix-status'), 'REPAIRED');
    const a = await artifactOf(d, res);
    assert.deepEqual([a.status, a.mode, a.modeReason], ['REPAIRED', 'repair', 'auto: the answer starts as JSON ({)']);
  });
});
