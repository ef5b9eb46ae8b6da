/**
 * `n > 1`: the artifact keeps every choice (choice 0 in its own fields, as before; the others in
 * `choices`, by index, with the same fields), the `finished` event counts every choice's repairs, and a
 * choice is the entry whose `index` it carries, wherever it stands in the list (streaming: in a chunk or
 * across chunks; not streaming: in `body.choices`). An index that is not a non-negative integer, or one a
 * choice already has, is a malformed line (streaming) or a choice left as it came (not streaming).
 */
import { strict as assert } from 'node:assert';
import { laterChoices } from '../../../server/gateway/chat';
import { EMPTY_OUTCOME, RequestRecord } from '../../../server/gateway/record';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import type { Artifact, ChoiceArtifact, GatewayEvent } from '../../../shared/protocol';
import { artifactOf, postChat } from '../helpers/gateway';
import { readThrough } from '../helpers/rewrite';
import { useTestGateway } from '../helpers/testGateway';
import { parseSse, sse } from '../helpers/testUpstream';

type Json = Record<string, unknown>;

// choice 1: a think block, a trailing comma and a single-quoted tool call (é: a byte split may fall inside it)
const RAW1 = '<think>h\u00e9</think>{"b": 2,}';
const ARGS1 = "{'x': 1}";

const CHOICE1: ChoiceArtifact = {
  index: 1,
  mode: 'repair',
  status: 'REPAIRED',
  rawContent: RAW1,
  repairedContent: '{"b": 2}',
  reasoning: 'h\u00e9',
  repairs: [{ kind: 'trailing_comma', offset: 24, length: 1, line: 0, column: 24, replacement: '', message: 'Trailing comma removed' }],
  stripped: [{ kind: 'reasoning', offset: 0, length: 17, line: 0, column: 0, text: '<think>h\u00e9</think>' }],
  toolCalls: [
    {
      index: 0,
      id: 'c1',
      name: 'f',
      rawArguments: ARGS1,
      repairedArguments: '{"x": 1}',
      status: 'REPAIRED',
      repairs: [
        { kind: 'single_quotes', offset: 1, length: 1, line: 0, column: 1, replacement: '"', message: 'Single quotes replaced by double quotes' },
        { kind: 'single_quotes', offset: 3, length: 1, line: 0, column: 3, replacement: '"', message: 'Single quotes replaced by double quotes' },
      ],
      stripped: [],
    },
  ],
  finishReason: 'stop',
};

function chunkOf(choices: Json[]): string {
  return JSON.stringify({ id: 'gen-c', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices });
}
const one = (index: number, delta: Json, finish: string | null = null): string => chunkOf([{ index, delta, finish_reason: finish }]);

const STREAMS: { name: string; body: string }[] = [
  {
    name: 'choice 1 sent first',
    body: sse(
      one(1, { role: 'assistant', content: RAW1.slice(0, 12) }),
      one(0, { role: 'assistant', content: '{"a": 1}' }),
      one(1, { content: RAW1.slice(12), tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: ARGS1 } }] }),
      one(1, {}, 'stop'),
      one(0, {}, 'stop'),
      '[DONE]',
    ),
  },
  {
    name: 'both choices in each chunk, index 1 listed before index 0',
    body: sse(
      chunkOf([
        { index: 1, delta: { role: 'assistant', content: RAW1.slice(0, 12) }, finish_reason: null },
        { index: 0, delta: { role: 'assistant', content: '{"a": 1}' }, finish_reason: null },
      ]),
      chunkOf([{ index: 1, delta: { content: RAW1.slice(12), tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: ARGS1 } }] }, finish_reason: null }]),
      chunkOf([
        { index: 1, delta: {}, finish_reason: 'stop' },
        { index: 0, delta: {}, finish_reason: 'stop' },
      ]),
      '[DONE]',
    ),
  },
];

function completion(order: number[]): string {
  const messages: Record<number, Json> = {
    0: { index: 0, message: { role: 'assistant', content: '{"a": 1}' }, finish_reason: 'stop' },
    1: { index: 1, message: { role: 'assistant', content: RAW1, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: ARGS1 } }] }, finish_reason: 'stop' },
  };
  return JSON.stringify({ id: 'gen-c', object: 'chat.completion', created: 1, model: 'test/model', choices: order.map((i) => messages[i]) });
}

/** Each choice's text as the client got it, by index: content, reasoning, tool arguments. */
function sentByIndex(text: string, stream: boolean): Map<number, { content: string; reasoning: string; args: string }> {
  const out = new Map<number, { content: string; reasoning: string; args: string }>();
  const at = (i: number) => out.get(i) ?? (out.set(i, { content: '', reasoning: '', args: '' }).get(i)!);
  if (!stream) {
    for (const ch of (JSON.parse(text) as { choices: { index: number; message: { content: string; reasoning?: string; tool_calls?: { function: { arguments: string } }[] } }[] }).choices) {
      const s = at(ch.index);
      s.content = ch.message.content;
      s.reasoning = ch.message.reasoning ?? '';
      s.args = (ch.message.tool_calls ?? []).map((t) => t.function.arguments).join('|');
    }
    return out;
  }
  for (const data of parseSse(text).data) {
    if (data === '[DONE]') continue;
    for (const ch of (JSON.parse(data) as { choices: { index: number; delta: { content?: string | null; reasoning?: string; tool_calls?: { function?: { arguments?: string } }[] } }[] }).choices) {
      const s = at(ch.index);
      s.content += ch.delta.content ?? '';
      s.reasoning += ch.delta.reasoning ?? '';
      for (const t of ch.delta.tool_calls ?? []) s.args += t.function?.arguments ?? '';
    }
  }
  return out;
}

describe('gateway: every choice in the artifact, matched by its index (n > 1)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function run(stream: boolean, body: string): Promise<{ a: Artifact; text: string; fin: Extract<GatewayEvent, { type: 'finished' }>; status: string | undefined }> {
    const bytes = Buffer.from(body);
    up.enqueue(stream ? { chunks: [bytes.subarray(0, 57), bytes.subarray(57, 301), bytes.subarray(301)] } : { headers: { 'content-type': 'application/json' }, chunks: [body] });
    const events: GatewayEvent[] = [];
    const off = d.events.subscribe((e) => events.push(e));
    const r = await postChat(d, { model: 'test/model', stream, n: 2, messages: [{ role: 'user', content: 'json' }] }, { 'x-streamfix-mode': 'repair' });
    const text = await r.text();
    const status = stream ? undefined : (r.headers.get('x-streamfix-status') ?? undefined);
    const a = await artifactOf(d, r);
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'finished' && e.id === a.id); i++) await new Promise((res) => setTimeout(res, 10));
    off();
    return { a, text, fin: events.find((e) => e.type === 'finished' && e.id === a.id) as Extract<GatewayEvent, { type: 'finished' }>, status };
  }

  function assertAnswer(a: Artifact, fin: Extract<GatewayEvent, { type: 'finished' }>, text: string, stream: boolean): void {
    // choice 0 where it always was
    assert.equal(a.rawContent, '{"a": 1}');
    assert.equal(a.repairedContent, '{"a": 1}');
    assert.equal(a.reasoning, '');
    assert.deepEqual(a.repairs, []);
    assert.deepEqual(a.toolCalls, []);
    assert.equal(a.finishReason, 'stop');
    // choice 1 kept whole, by its index
    assert.deepEqual(a.choices, [CHOICE1]);
    assert.equal(a.status, 'REPAIRED');
    assert.equal(a.chunks.malformed, 0);
    // the finished event counts choice 1's three repairs
    assert.equal(fin.repairs, 3);
    assert.equal(fin.status, 'REPAIRED');
    const sent = sentByIndex(text, stream);
    assert.deepEqual(sent.get(0), { content: '{"a": 1}', reasoning: '', args: '' });
    assert.deepEqual(sent.get(1), { content: '{"b": 2}', reasoning: 'h\u00e9', args: '{"x": 1}' });
  }

  for (const s of STREAMS) {
    it(`streaming, ${s.name}: choice 1 in artifact.choices, choice 0 in the artifact's own fields, 3 repairs in finished`, async () => {
      const { a, fin, text } = await run(true, s.body);
      assertAnswer(a, fin, text, true);
    });
  }
  for (const order of [[0, 1], [1, 0]]) {
    it(`non-streaming, body.choices in index order ${order.join(', ')}: each choice rewritten and kept by its index`, async () => {
      const { a, fin, text, status } = await run(false, completion(order));
      assertAnswer(a, fin, text, false);
      assert.equal(status, 'REPAIRED');
      // the body keeps its order
      assert.deepEqual((JSON.parse(text) as { choices: { index: number }[] }).choices.map((c) => c.index), order);
    });
  }

  it("the listing's and the model health's repairs count every choice", async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion([1, 0])] });
    const r = await postChat(d, { model: 'test/n2-count', n: 2, messages: [{ role: 'user', content: 'json' }] }, { 'x-streamfix-mode': 'repair' });
    await r.text();
    const id = r.headers.get('x-streamfix-request-id');
    const listed = (await (await fetch(`${d.info.url}/streamfix/results`)).json()) as { data: { id: string; repairs: number }[] };
    assert.deepEqual(listed.data.filter((x) => x.id === id).map((x) => x.repairs), [3]);
    const models = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; requests: number; repairs: number }[] };
    assert.deepEqual(models.data.filter((m) => m.model === 'test/n2-count').map((m) => [m.requests, m.repairs]), [[1, 3]]);
  });

  it('non-streaming, only choice 1 in the body: choice 0 fields empty, choice 1 in choices', async () => {
    const body = JSON.parse(completion([1])) as Json;
    const { a, fin } = await run(false, JSON.stringify(body));
    assert.equal(a.rawContent, '');
    assert.equal(a.repairedContent, '');
    assert.deepEqual(a.choices, [CHOICE1]);
    assert.equal(a.status, 'REPAIRED');
    assert.equal(fin.repairs, 3);
  });

  describe('an index that cannot be read', () => {
    const BAD = ['"1"', '1.5', 'null', '{}', '-1'];
    for (const bad of BAD) {
      it(`streaming: a chunk whose choice has index ${bad} is a malformed line, not choice 0's text`, async () => {
        const badLine = `{"id":"gen-c","choices":[{"index":${bad},"delta":{"content":"[9]"},"finish_reason":null}]}`;
        const body = sse(one(0, { role: 'assistant', content: '{"a": 1}' }), badLine, one(0, {}, 'stop'), '[DONE]');
        const { a, text } = await run(true, body);
        assert.equal(a.rawContent, '{"a": 1}');
        assert.equal(a.choices, undefined);
        assert.equal(a.chunks.malformed, 1);
        assert.deepEqual(a.errors, [{ message: `Skipped 1 malformed upstream line(s): ${JSON.stringify(badLine)}`, code: 'malformed_line' }]);
        // skipped unread: no check covers it, so choice 0's VALID does not label the answer (statusUncheckedStream)
        assert.equal(a.status, 'TEXT');
        assert.deepEqual([...sentByIndex(text, true).keys()], [0]);
        assert.equal(sentByIndex(text, true).get(0)!.content, '{"a": 1}');
      });
    }

    it('streaming: a chunk listing one index twice is a malformed line', async () => {
      const badLine = chunkOf([
        { index: 1, delta: { content: '[1]' }, finish_reason: null },
        { index: 1, delta: { content: '[2]' }, finish_reason: null },
      ]);
      const body = sse(one(0, { role: 'assistant', content: '{"a": 1}' }), badLine, one(0, {}, 'stop'), '[DONE]');
      const { a } = await run(true, body);
      assert.equal(a.choices, undefined);
      assert.equal(a.chunks.malformed, 1);
      // the sample of a malformed line is its first 200 characters
      assert.deepEqual(a.errors, [{ message: `Skipped 1 malformed upstream line(s): ${JSON.stringify(badLine.slice(0, 200))}`, code: 'malformed_line' }]);
    });

    it('streaming: a choice without an index is its place in the list (choice 0 of a one-choice chunk), as a tool call\'s', async () => {
      const body = sse(chunkOf([{ delta: { role: 'assistant', content: '{"a": 1,}' } }]), chunkOf([{ delta: {}, finish_reason: 'stop' }]), '[DONE]');
      const { a } = await run(true, body);
      assert.equal(a.rawContent, '{"a": 1,}');
      assert.equal(a.repairedContent, '{"a": 1}');
      assert.equal(a.choices, undefined);
      assert.equal(a.chunks.malformed, 0);
    });

    for (const [name, index, described] of [
      ['index "1"', '"1"', 'choices[0] has index "1"'],
      ['index 0 twice', '0', 'choices[1] has index 0, as an earlier choice'],
    ] as const) {
      it(`non-streaming, ${name}: that choice goes out as it came, counted and recorded; the other is choice 0`, async () => {
        const bad = { index: JSON.parse(index) as unknown, message: { role: 'assistant', content: '{"z": 9,}' }, finish_reason: 'stop' };
        const good = { index: 0, message: { role: 'assistant', content: '{"a": 1,}' }, finish_reason: 'stop' };
        const choices = index === '0' ? [good, bad] : [bad, good];
        const { a, text } = await run(false, JSON.stringify({ id: 'gen-c', object: 'chat.completion', created: 1, model: 'test/model', choices }));
        assert.equal(a.rawContent, '{"a": 1,}');
        assert.equal(a.repairedContent, '{"a": 1}');
        assert.equal(a.choices, undefined);
        assert.equal(a.chunks.malformed, 1);
        assert.deepEqual(a.errors, [{ message: `Left 1 choice(s) as the upstream sent them, not rewritten or checked: ${described}`, code: 'malformed_line' }]);
        const sent = (JSON.parse(text) as { choices: { message: { content: string } }[] }).choices.map((c) => c.message.content);
        assert.deepEqual(sent, index === '0' ? ['{"a": 1}', '{"z": 9,}'] : ['{"z": 9,}', '{"a": 1}']);
      });
    }
  });
});

describe('gateway/streamRewrite: the artifact\'s later choices at every byte split', () => {
  function run(body: Buffer, split: number): { choices: ChoiceArtifact[] | undefined; out: string } {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    const out = readThrough(rw, body, [split]);
    rw.settle();
    const record = new RequestRecord('sfx_split');
    record.mode = 'repair';
    return { choices: record.build({ ...EMPTY_OUTCOME, laterChoices: laterChoices(rw) }).choices, out };
  }

  for (const s of STREAMS) {
    it(`${s.name}: choices = [choice 1 exactly], the same client text at every split`, () => {
      const body = Buffer.from(s.body);
      const whole = run(body, body.length);
      assert.deepEqual(whole.choices, [CHOICE1]);
      for (let k = 1; k < body.length; k++) {
        const r = run(body, k);
        assert.deepEqual(r.choices, [CHOICE1], `split ${k}`);
        assert.equal(r.out, whole.out, `split ${k}`);
      }
    });
  }
});

describe('gateway/streamRewrite: a choice index that cannot be read, at every byte split', () => {
  const body = Buffer.from(
    sse(
      one(0, { role: 'assistant', content: '{"\u00e9": 1}' }),
      `{"id":"gen-c","choices":[{"index":"1","delta":{"content":"[9]"},"finish_reason":null}]}`,
      chunkOf([
        { index: 1, delta: { content: '[1]' }, finish_reason: null },
        { index: 1, delta: { content: '[2]' }, finish_reason: null },
      ]),
      one(1, { content: '[3,]' }),
      one(1, {}, 'stop'),
      one(0, {}, 'stop'),
      '[DONE]',
    ),
  );

  function run(split: number): { malformed: number; indexes: number[]; raw: string[]; out: string } {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    const out = readThrough(rw, body, [split]);
    rw.settle();
    const states = [...rw.choices.values()].sort((a, b) => a.index - b.index);
    return { malformed: rw.malformed, indexes: states.map((c) => c.index), raw: states.map((c) => c.content.raw), out };
  }

  it('skips the two malformed lines (index "1", index 1 twice) and reads the rest by index, the same at every split', () => {
    const whole = run(body.length);
    assert.deepEqual({ ...whole, out: undefined }, { malformed: 2, indexes: [0, 1], raw: ['{"\u00e9": 1}', '[3,]'], out: undefined });
    assert.deepEqual([...sentByIndex(whole.out, true)].map(([i, s]) => [i, s.content]), [[0, '{"\u00e9": 1}'], [1, '[3]']]);
    for (let k = 1; k < body.length; k++) {
      const r = run(k);
      assert.deepEqual({ ...r, out: undefined }, { ...whole, out: undefined }, `split ${k}`);
      assert.equal(r.out, whole.out, `split ${k}`);
    }
  });
});

describe('gateway/record: later choices are bounded as choice 0', () => {
  it('clips a later choice\'s long texts to their head and tail, the cut named choices[k].field', () => {
    const record = new RequestRecord('sfx_clip');
    record.textLimit = 8;
    const long = 'abcdefghijklmnop';
    const a = record.build({
      ...EMPTY_OUTCOME,
      laterChoices: [
        { ...CHOICE1, index: 3, contentStatus: 'REPAIRED', rawContent: 'short', toolCalls: [] },
        { ...CHOICE1, index: 2, contentStatus: 'REPAIRED', rawContent: long, repairedContent: long, toolCalls: [{ ...CHOICE1.toolCalls[0]!, rawArguments: long }], cuts: [{ field: 'reasoning', at: 1, chars: 40 }] },
      ],
    });
    assert.deepEqual(
      a.choices!.map((c) => [c.index, c.rawContent, c.repairedContent, c.toolCalls.map((t) => t.rawArguments)]),
      [
        [2, 'abcdmnop', 'abcdmnop', ['abcdmnop']],
        [3, 'short', '{"b": 2}', []],
      ],
    );
    assert.deepEqual(a.cuts, [
      { field: 'choices[0].reasoning', at: 1, chars: 40 },
      { field: 'choices[0].rawContent', at: 4, chars: 8 },
      { field: 'choices[0].repairedContent', at: 4, chars: 8 },
      { field: 'choices[0].toolCalls[0].rawArguments', at: 4, chars: 8 },
    ]);
  });
});
