/**
 * Chat streaming with `x-streamfix-schema: coerce`: each tool call's arguments are held until its choice
 * ends, checked against the tool's parameters and sent coerced, whole, in the closer chunk before the
 * finish (streamRewrite.ts checkArguments, chat.ts holdArguments): the call starts there (id, type,
 * name), so the openai SDK never sees a call start before its whole arguments. A check on the schema thread is waited for by that stream
 * alone. Without `coerce` the arguments stream as they come.
 */
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { request } from 'undici';
import { patternUnits } from '../../../server/gateway/patternSize';
import { EVENT_LOOP_PATTERN_BUDGET } from '../../../server/gateway/schema';
import { ReadRewriter, StreamRewriter } from '../../../server/gateway/streamRewrite';
import { StreamFixError } from '../../../shared/engine';
import type { ToolCallArtifact } from '../../../shared/protocol';
import { metric } from '../helpers/gateway';
import { readThrough } from '../helpers/rewrite';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, parseSse, sse } from '../helpers/testUpstream';

const PATTERN = '^[a-z]+( [a-z]+)*$';
const WEATHER = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] };
const TAG = { type: 'object', properties: { on: { type: 'boolean' }, s: { type: 'string', pattern: PATTERN } } };
const TOOLS = [
  { type: 'function' as const, function: { name: 'weather', parameters: WEATHER } },
  { type: 'function' as const, function: { name: 'tag', parameters: TAG } },
];
const BODY = { model: 'test/model', messages: [{ role: 'user' as const, content: 'hi' }], tools: TOOLS };

const call = (index: number, id: string, name: string, args: string) => ({ index, id, type: 'function', function: { name, arguments: args } });
const more = (index: number, args: string) => ({ index, function: { arguments: args } });

/** Two calls: weather's arguments in two pieces, then tag's; then the finish. */
function twoCalls(weather: string, tag: string): string[] {
  const half = Math.floor(weather.length / 2);
  return [
    chunk({ role: 'assistant', content: null, tool_calls: [call(0, 'call_1', 'weather', weather.slice(0, half))] }),
    chunk({ tool_calls: [more(0, weather.slice(half))] }),
    chunk({ tool_calls: [call(1, 'call_2', 'tag', tag)] }),
    chunk({}, 'tool_calls'),
    '[DONE]',
  ];
}

/** The in-process check: `"3"` → `3` in weather's arguments. */
function coerceDays(_choice: number, art: ToolCallArtifact): string | null {
  return art.name === 'weather' ? (art.repairedArguments ?? '').replace('"3"', '3') : null;
}

function run(body: Buffer, splits: number[], check: StreamRewriter['checkArguments']): string[] {
  const rw = new StreamRewriter('repair', { onRepair() {} });
  rw.checkArguments = check;
  const out = readThrough(rw, body, splits);
  assert.equal(rw.waits.size, 0);
  return parseSse(out).data;
}

describe('gateway/streamRewrite, coerce: tool-call arguments held until the choice ends', () => {
  const upstream = twoCalls("{'city': 'Oslo', 'days': \"3\",}", '{"on": "true"}');
  const expected = [
    chunk({ role: 'assistant', content: null }),
    chunk({}),
    chunk({}),
    JSON.stringify({ id: 'gen-test-1', provider: 'Test', model: 'test/model', object: 'chat.completion.chunk', created: 1700000000, choices: [{ index: 0, delta: { tool_calls: [call(0, 'call_1', 'weather', '{"city": "Oslo", "days": 3}'), call(1, 'call_2', 'tag', '{"on": "true"}')] }, finish_reason: null }] }),
    JSON.stringify({ id: 'gen-test-1', provider: 'Test', model: 'test/model', object: 'chat.completion.chunk', created: 1700000000, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls', native_finish_reason: 'tool_calls', logprobs: null }] }),
    '[DONE]',
  ];

  it('at every byte split: the chunks without their tool calls, then one closer with each call whole, its arguments checked', () => {
    const body = Buffer.from(sse(...upstream));
    const seen = new Set<string>();
    for (let cut = 0; cut <= body.length; cut++) {
      const got = run(body, [cut], (k, art) => (seen.add(`${k}:${art.repairedArguments ?? ''}`), coerceDays(k, art)));
      assert.deepEqual(got.map((d) => (d === '[DONE]' ? d : JSON.parse(d))), expected.map((d) => (d === '[DONE]' ? d : JSON.parse(d))), `cut at ${cut}`);
    }
    // the check reads the engine's JSON of each call's whole arguments
    assert.deepEqual([...seen], ['0:{"city": "Oslo", "days": "3"}', '0:{"on": "true"}']);
  });

  it('the finish in the chunk with the last piece, [DONE] without a finish, the body cut: each call whole in the one closer chunk', () => {
    const pieces = twoCalls('{"city": "Oslo", "days": "3"}', '{"on": true}');
    const endings: Record<string, string[]> = {
      'finish with the last piece': [...pieces.slice(0, 2), chunk({ tool_calls: [call(1, 'call_2', 'tag', '{"on": true}')] }, 'tool_calls'), '[DONE]'],
      '[DONE] without a finish': [...pieces.slice(0, 3), '[DONE]'],
      'the body cut': pieces.slice(0, 3),
    };
    for (const [name, ending] of Object.entries(endings)) {
      const body = Buffer.from(sse(...ending));
      for (let cut = 0; cut <= body.length; cut += 7) {
        const data = run(body, [cut], coerceDays);
        const calls = data.filter((x) => x !== '[DONE]').map((x) => (JSON.parse(x) as { choices: { delta: { tool_calls?: unknown[] } }[] }).choices[0]?.delta.tool_calls ?? null);
        const withCalls = calls.filter((c) => c !== null);
        assert.deepEqual(withCalls, [[call(0, 'call_1', 'weather', '{"city": "Oslo", "days": 3}'), call(1, 'call_2', 'tag', '{"on": true}')]], `${name}, cut at ${cut}`);
        assert.equal(data[data.length - 1], '[DONE]', `${name}, cut at ${cut}`);
      }
    }
  });

  it('bounds the held arguments of all calls together by maxInputLength: INPUT_TOO_LARGE past it', () => {
    const body = Buffer.from(sse(...twoCalls('{"city": "Oslo"}', '{"on": true}')));
    const reading = (max: number) => () => {
      const rw = new StreamRewriter('repair', { onRepair() {} }, { maxInputLength: max });
      rw.checkArguments = coerceDays;
      const reader = new ReadRewriter(rw);
      reader.read(body);
      reader.end();
    };
    // 16 + 12 characters held: each call alone is within 20, both together are not
    assert.throws(reading(20), (e: unknown) => e instanceof StreamFixError && e.code === 'INPUT_TOO_LARGE' && e.message === 'More than maxInputLength (20) characters of tool-call arguments wait for their schema check (x-streamfix-schema: coerce)');
    assert.doesNotThrow(reading(28));
  });

  it('without checkArguments the arguments stream as the engine writes them', () => {
    const t = collect(run(Buffer.from(sse(...upstream)), [], null).map((d) => `data: ${d}\n\n`).join(''));
    assert.deepEqual([...t.tools.values()], ['{"city": "Oslo", "days": "3"}', '{"on": "true"}']);
    const first = run(Buffer.from(sse(...upstream)), [], null)[0]!;
    assert.equal((JSON.parse(first) as { choices: { delta: { tool_calls: { function: { arguments: string } }[] } }[] }).choices[0]!.delta.tool_calls[0]!.function.arguments, '{"city": "Oslo');
  });
});

describe('gateway: chat streaming with coerce', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const openai = () => new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-schema': 'coerce' } });

  interface Art {
    status: string;
    toolCalls: { index: number; status: string; repairedArguments: string; repairs: { kind: string; offset: number; length: number; replacement: string }[] }[];
    choices?: { index: number; toolCalls: { status: string; repairedArguments: string; repairs: { kind: string; offset: number }[] }[] }[];
    schema: unknown;
  }
  const artifact = async (id: string): Promise<Art> => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as Art;

  it('the openai SDK\'s stream helpers get the coerced arguments (finalChatCompletion, arguments.done with strict parsing); artifact, trailer, metric', async () => {
    up.enqueue({ chunks: [sse(...twoCalls("{'city': 'Oslo', 'days': \"3\",}", '{"on": "true"}'))] });
    const before = await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/model"}');
    const tools = TOOLS.map((t) => ({ ...t, function: { ...t.function, strict: true } }));
    const s = openai().chat.completions.stream({ ...BODY, tools });
    const done: [string, string, unknown][] = [];
    s.on('tool_calls.function.arguments.done', (e) => done.push([e.name, e.arguments, e.parsed_arguments]));
    const final = await s.finalChatCompletion();
    assert.deepEqual(final.choices[0]!.message.tool_calls!.map((c) => [c.id, c.type === 'function' ? c.function.arguments : null]), [['call_1', '{"city": "Oslo", "days": 3}'], ['call_2', '{"on": true}']]);
    assert.deepEqual(done, [['weather', '{"city": "Oslo", "days": 3}', { city: 'Oslo', days: 3 }], ['tag', '{"on": true}', { on: true }]]);
    assert.equal(await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/model"}'), before + 2);
  });

  it('the exact client text and trailers; the artifact\'s repairs with their positions in the raw arguments', async () => {
    up.enqueue({ chunks: [sse(...twoCalls("{'city': 'Oslo', 'days': \"3\",}", '{"on": "true"}'))] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' }, body: JSON.stringify({ ...BODY, stream: true }) });
    const out = collect(await r.body.text());
    assert.deepEqual([...out.tools.entries()], [[0, '{"city": "Oslo", "days": 3}'], [1, '{"on": true}']]);
    assert.equal(out.finish, 'tool_calls');
    assert.equal(r.trailers['x-streamfix-schema'], 'valid');
    assert.equal(r.trailers['x-streamfix-status'], 'REPAIRED');
    const art = await artifact(String(r.headers['x-streamfix-request-id']));
    assert.deepEqual(art.toolCalls.map((c) => [c.index, c.status, c.repairedArguments]), [[0, 'REPAIRED', '{"city": "Oslo", "days": 3}'], [1, 'REPAIRED', '{"on": true}']]);
    assert.deepEqual(art.toolCalls[0]!.repairs.map((x) => [x.kind, x.offset, x.length, x.replacement]), [
      ['single_quotes', 1, 1, '"'],
      ['single_quotes', 6, 1, '"'],
      ['single_quotes', 9, 1, '"'],
      ['single_quotes', 14, 1, '"'],
      ['single_quotes', 17, 1, '"'],
      ['single_quotes', 22, 1, '"'],
      ['schema_coercion', 25, 3, '3'],
      ['trailing_comma', 28, 1, ''],
    ]);
    assert.deepEqual(art.toolCalls[1]!.repairs.map((x) => [x.kind, x.offset, x.length, x.replacement]), [['schema_coercion', 7, 6, 'true']]);
    assert.deepEqual(art.schema, { valid: true, errors: [] });
  });

  it('n = 2: each choice\'s calls held and coerced in its own closer; errors of choice 1 labelled', async () => {
    const c1 = (delta: Record<string, unknown>, finish: string | null = null) => chunk(delta, finish, { choices: [{ index: 1, delta, finish_reason: finish }] });
    up.enqueue({
      chunks: [sse(
        chunk({ role: 'assistant', content: null, tool_calls: [call(0, 'call_1', 'weather', '{"city": "Oslo", "days": "3"}')] }),
        c1({ role: 'assistant', content: null, tool_calls: [call(0, 'call_9', 'weather', '{"city": "Rome", "days": "x"}')] }),
        chunk({}, 'tool_calls'),
        c1({}, 'tool_calls'),
        '[DONE]',
      )],
    });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' }, body: JSON.stringify({ ...BODY, n: 2, stream: true }) });
    const data = parseSse(await r.body.text()).data;
    const args = (k: number) => data.filter((x) => x !== '[DONE]').flatMap((x) => (JSON.parse(x) as { choices: { index: number; delta: { tool_calls?: { function: { arguments: string } }[] } }[] }).choices.filter((c) => c.index === k).flatMap((c) => (c.delta.tool_calls ?? []).map((t) => t.function.arguments)));
    assert.deepEqual(args(0), ['{"city": "Oslo", "days": 3}']);
    assert.deepEqual(args(1), ['{"city": "Rome", "days": "x"}']);
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
    const art = await artifact(String(r.headers['x-streamfix-request-id']));
    assert.deepEqual(art.schema, { valid: false, errors: [{ path: '/days', message: 'must be integer', toolCallIndex: 0, choiceIndex: 1 }] });
    assert.equal(art.toolCalls[0]!.repairedArguments, '{"city": "Oslo", "days": 3}');
    assert.deepEqual(art.choices!.map((c) => c.toolCalls.map((t) => [t.status, t.repairedArguments])), [[['VALID', '{"city": "Rome", "days": "x"}']]]);
  });

  it('a check on the schema thread (a long pattern): the stream waits for it, the calls in order', async () => {
    const words = 'ab cd efgh ijk lmnopq '.repeat(2_000).trim();
    assert.equal(patternUnits(PATTERN) * (words.length + 1) > EVENT_LOOP_PATTERN_BUDGET, true);
    up.enqueue({ chunks: [sse(...twoCalls('{"city": "Oslo", "days": "3"}', JSON.stringify({ on: 'false', s: words })))] });
    const final = await openai().chat.completions.stream(BODY).finalChatCompletion();
    assert.deepEqual(final.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? c.function.arguments : null)), ['{"city": "Oslo", "days": 3}', JSON.stringify({ on: false, s: words })]);
  });

  it('without coerce the arguments stream as they come, reported invalid', async () => {
    up.enqueue({ chunks: [sse(...twoCalls('{"city": "Oslo", "days": "3"}', '{"on": true}'))] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...BODY, stream: true }) });
    const data = parseSse(await r.body.text()).data;
    const first = JSON.parse(data[0]!) as { choices: { delta: { tool_calls: { function: { arguments: string } }[] } }[] };
    assert.equal(first.choices[0]!.delta.tool_calls[0]!.function.arguments, '{"city": "Oslo');
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
  });
});
