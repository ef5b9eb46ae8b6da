/**
 * Reasoning through the gateway: one stage (shared/engine/reasoning.ts) behind repair and strip mode,
 * streaming and not, so every mode gives the client the same reasoning; repair mode forwards the
 * engine's reasoning as it streams.
 */
import { strict as assert } from 'node:assert';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';
import { STAGE_CASES } from '../../engine/stageCases';

const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

/** Each client chunk's [content, reasoning] for choice 0 (empty strings dropped). */
function deltas(chunks: Record<string, unknown>[]): [string, string][] {
  const out: [string, string][] = [];
  for (const c of chunks as { choices?: { delta?: { content?: string; reasoning?: string } }[] }[]) {
    const d = c.choices?.[0]?.delta;
    if (d && ((d.content ?? '') !== '' || (d.reasoning ?? '') !== '')) out.push([d.content ?? '', d.reasoning ?? '']);
  }
  return out;
}

describe('gateway: reasoning (one stage in every mode)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  const streamOf = (...contents: string[]) => ({ chunks: [sse(...contents.map((c) => chunk({ content: c })), chunk({}, 'stop'), '[DONE]')] });

  for (const mode of ['repair', 'strip']) {
    it(`${mode}: a <reasoning> block goes to delta.reasoning, streaming and not`, async () => {
      up.enqueue(streamOf('<reasoning>hm', 'm</reasoning>{"a":1}'));
      const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
      const c = collect(await res.text());
      assert.equal(c.content, '{"a":1}');
      assert.equal(c.reasoning, 'hmm');
      const a = await artifactOf(d, res);
      assert.deepEqual(a.stripped.map((x) => [x.kind, x.offset, x.length, x.text]), [['reasoning', 0, 26, '<reasoning>hmm</reasoning>']]);

      up.enqueue({ chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: '<reasoning>hmm</reasoning>{"a":1}' }, finish_reason: 'stop' }] })], headers: { 'content-type': 'application/json' } });
      const one = (await (await postChat(d, REQ, { 'x-streamfix-mode': mode })).json()) as { choices: { message: { content: string; reasoning: string } }[] };
      assert.equal(one.choices[0]!.message.content, '{"a":1}');
      assert.equal(one.choices[0]!.message.reasoning, 'hmm');
    });
  }

  it('repair: forwards the reasoning of a think block as it streams, before the block closes', async () => {
    up.enqueue(streamOf('<think>Let me ', 'think', '</think>{"a":', ' 1}'));
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    assert.deepEqual(deltas(c.chunks), [
      ['', 'Let me '],
      ['', 'think'],
      ['{', ''], // (the key waits for its value)
      ['"a": 1}', ''],
    ]);
  });

  it('repair: lone-</think> reasoning with a draft delivers the answer, the reasoning when the tag arrives', async () => {
    up.enqueue(streamOf('Let me sketch it: {"draft": true', '} No wait, that misses fields.\n</th', 'ink>\n{"draft": false, ', '"n": 2}'));
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    assert.deepEqual(deltas(c.chunks), [
      ['{"draft": false', 'Let me sketch it: {"draft": true} No wait, that misses fields.'],
      [', "n": 2}', ''],
    ]);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'VALID');
    assert.deepEqual(a.stripped.map((x) => [x.kind, x.offset, x.length]), [['reasoning', 0, 71]]);
  });

  it('strip: a lone </think> makes the prose before it reasoning (an R1-style model, or the header)', async () => {
    for (const [model, headers] of [
      ['deepseek/deepseek-r1', {}],
      ['qwen/qwq-32b', {}],
      ['test/model', { 'x-streamfix-hold-prose': 'on' }],
    ] as const) {
      up.enqueue(streamOf('The user wants ', 'a list.</th', 'ink>\n[1, 2]'));
      const res = await postChat(d, { ...REQ, model, stream: true }, { 'x-streamfix-mode': 'strip', ...headers });
      const c = collect(await res.text());
      assert.deepEqual([c.content, c.reasoning], ['\n[1, 2]', 'The user wants a list.'], model);
    }
  });

  it('strip, prose held: a block\'s opening tag sends the prose before it, in a chunk ahead of the block\'s reasoning', async () => {
    up.enqueue(streamOf('Step one. <thi', 'nk>', 'plan</think> Step two.'));
    const res = await postChat(d, { ...REQ, model: 'deepseek/deepseek-r1', stream: true }, { 'x-streamfix-mode': 'strip' });
    const c = collect(await res.text());
    // (the text after the block is held again, for a lone closing tag, until the end)
    assert.deepEqual(deltas(c.chunks), [['Step one. ', ''], ['', 'plan'], [' Step two.', '']]);
  });

  it('strip: other models get prose as it streams (no hold); a late lone tag only leaves the content', async () => {
    for (const [model, headers] of [
      ['openai/gpt-4o-mini', {}],
      ['deepseek/deepseek-r1', { 'x-streamfix-hold-prose': 'off' }],
    ] as const) {
      up.enqueue(streamOf('Sure! ', 'Here it is.', '</think>\n[1, 2]'));
      const res = await postChat(d, { ...REQ, model, stream: true }, { 'x-streamfix-mode': 'strip' , ...headers });
      const text = await res.text();
      // the first content delta is the first upstream delta, sent before the rest arrived
      assert.deepEqual(deltas(text.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)))), [['Sure! ', ''], ['Here it is.', ''], ['\n[1, 2]', '']], model);
    }
  });

  it('refuses an x-streamfix-hold-prose value other than on/off with a 400 naming it', async () => {
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-hold-prose': 'maybe' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: { message: 'x-streamfix-hold-prose must be "on" or "off", not "maybe"', type: 'invalid_request_error', code: 'invalid_request' } });
  });

  it('strip: the stage table through the gateway, streaming, the content split at every point', async function () {
    this.timeout(180_000); // ~1,100 requests: a guard against a hang, not a speed check
    for (const c of STAGE_CASES.filter((x) => x.holdProse === undefined)) {
      up.respond((r) => {
        const at = Number((JSON.parse(r.body) as { messages: { content: string }[] }).messages[0]!.content);
        return streamOf(c.input.slice(0, at), c.input.slice(at));
      });
      try {
        for (let k = 0; k <= c.input.length; k += 8) {
          await Promise.all(
            Array.from({ length: Math.min(8, c.input.length + 1 - k) }, async (_, j) => {
              const at = k + j;
              const res = await postChat(d, { ...REQ, stream: true, messages: [{ role: 'user', content: String(at) }] }, { 'x-streamfix-mode': 'strip', 'x-streamfix-hold-prose': 'on' });
              const got = collect(await res.text());
              assert.deepEqual([got.content, got.reasoning], [c.content, c.reasoning], `${c.name}: split at ${at}`);
            }),
          );
        }
      } finally {
        up.respond(null);
      }
    }
  });
});
