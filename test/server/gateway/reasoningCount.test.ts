/**
 * The reasoning counts (the `reasoning` and `finished` events, streamfix_reasoning_stripped_bytes_total)
 * are of what passed, not of the bounded copy the artifact keeps, and of every choice of an n > 1 answer.
 */
import { strict as assert } from 'node:assert';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { collect, sse } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, n: 2, messages: [{ role: 'user', content: 'hi' }] };
const METRIC = 'streamfix_reasoning_stripped_bytes_total';
// each longer than the daemon's 16-character artifact texts; 1- to 4-byte characters
const THINK0 = 'ça va, très bien 😀 merci, et toi ?';
const THINK1 = 'un autre raisonnement € bien plus long que seize caractères';
const BYTES = Buffer.byteLength(THINK0) + Buffer.byteLength(THINK1);

const delta = (index: number, content: string, finish?: string) => JSON.stringify({ choices: [{ index, delta: { content }, ...(finish ? { finish_reason: finish } : {}) }] });

describe('gateway: reasoning counted on what passed, every choice', () => {
  const { up, d, events: seen } = useTestGateway({ apiKey: 'sk-test-secret', maxArtifactText: 16, record: true });

  function counts(id: string): { reasoning: number[]; finished: number | false } {
    const mine = seen.filter((e) => e.id === id);
    const fin = mine.find((e) => e.type === 'finished');
    return { reasoning: mine.flatMap((e) => (e.type === 'reasoning' ? [e.bytes] : [])), finished: fin?.type === 'finished' && fin.reasoningBytes };
  }

  it('counts the whole think blocks of both choices of a stream, at every byte split', async () => {
    const body = sse(
      delta(0, `<think>${THINK0.slice(0, 11)}`),
      delta(1, `<think>${THINK1.slice(0, 20)}`),
      delta(0, `${THINK0.slice(11)}</think>[1]`),
      delta(1, `${THINK1.slice(20)}</think>fin`),
      delta(0, '', 'stop'),
      delta(1, '', 'stop'),
      '[DONE]',
    );
    const bytes = Buffer.from(body, 'utf8');
    up.respond((r) => {
      const at = Number((JSON.parse(r.body) as { messages: { content: string }[] }).messages[0]!.content);
      return { chunks: [bytes.subarray(0, at), bytes.subarray(at)] };
    });
    const before = await metric(d, METRIC);
    const splits = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    try {
      for (let k = 0; k < splits.length; k += 8) {
        await Promise.all(
          splits.slice(k, k + 8).map(async (at) => {
            const res = await postChat(d, { ...REQ, messages: [{ role: 'user', content: String(at) }] }, { 'x-streamfix-mode': 'strip' });
            const text = await res.text();
            assert.equal(collect(text).done, true, `split ${at}`);
            const id = res.headers.get('x-streamfix-request-id')!;
            assert.deepEqual(counts(id), { reasoning: [BYTES], finished: BYTES }, `split ${at}`);
            if (at === 1) {
              // the artifact kept 8 characters of the moved reasoning (half the texts' bound) and recorded the cut
              const a = await artifactOf(d, res);
              assert.equal(a.reasoning, `${THINK0.slice(0, 4)}${THINK0.slice(-4)}`);
            }
          }),
        );
      }
    } finally {
      up.respond(null);
    }
    assert.equal(await metric(d, METRIC), before + splits.length * BYTES);
  });

  it('counts the think blocks of every choice of a non-streaming answer', async () => {
    const answer = {
      choices: [
        { index: 0, message: { role: 'assistant', content: `<think>${THINK0}</think>[1]` }, finish_reason: 'stop' },
        { index: 1, message: { role: 'assistant', content: `<think>${THINK1}</think>fin` }, finish_reason: 'stop' },
      ],
    };
    up.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(answer)] });
    const before = await metric(d, METRIC);
    const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'strip' });
    const out = (await res.json()) as { choices: { message: { content: string } }[] };
    assert.deepEqual(out.choices.map((c) => c.message.content), ['[1]', 'fin']);
    assert.deepEqual(counts(res.headers.get('x-streamfix-request-id')!), { reasoning: [BYTES], finished: BYTES });
    assert.equal(await metric(d, METRIC), before + BYTES);
  });

  it('counts a think block of choice 1 alone (choice 0 has none)', async () => {
    up.enqueue({ chunks: [sse(delta(0, '[1]'), delta(1, `<think>${THINK1}</think>x`), delta(0, '', 'stop'), delta(1, '', 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
    await res.text();
    assert.deepEqual(counts(res.headers.get('x-streamfix-request-id')!), { reasoning: [Buffer.byteLength(THINK1)], finished: Buffer.byteLength(THINK1) });
  });
});
