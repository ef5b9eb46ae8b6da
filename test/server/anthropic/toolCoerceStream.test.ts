/**
 * /v1/messages streaming with `x-streamfix-schema: coerce`: each tool_use input is held until it is
 * whole, checked against its tool's input_schema, and sent coerced as one input_json_delta
 * (translate.ts checkInput, messages.ts checkHeldInput). A check moved to the schema thread (a long
 * pattern) is waited for by this stream alone, the blocks in order. Without `coerce` the inputs still
 * stream live.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { hasHeld, MessageTranslator, settleHeld, type AnthropicEvent } from '../../../server/anthropic/translate';
import type { ToolCallArtifact } from '../../../shared/protocol';
import { patternUnits } from '../../../server/gateway/patternSize';
import { EVENT_LOOP_PATTERN_BUDGET } from '../../../server/gateway/schema';
import { metric } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const PATTERN = '^[a-z]+( [a-z]+)*$';
const TOOLS = [
  { name: 'read', input_schema: { type: 'object' as const, properties: { n: { type: 'integer' } }, required: ['n'] } },
  { name: 'tag', input_schema: { type: 'object' as const, properties: { on: { type: 'boolean' }, s: { type: 'string', pattern: PATTERN } } } },
];

/** Text, then two calls (read's arguments in two pieces, then tag's), then the finish. */
function twoCalls(readArgs: string, tagArgs: string): string {
  const half = Math.floor(readArgs.length / 2);
  return sse(
    chunk({ role: 'assistant', content: 'Reading.' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: readArgs.slice(0, half) } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: readArgs.slice(half) } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'tag', arguments: tagArgs } }] }),
    chunk({}, 'tool_calls'),
    '[DONE]',
  );
}

/** What the translator's check gets and gives, in-process: `"5"` → `5` for read's input. */
function coerceRead(art: ToolCallArtifact): string | null {
  return art.name === 'read' ? (art.repairedArguments ?? '').replace('"5"', '5') : null;
}

const EXPECTED = [
  ['message_start', { input_tokens: 7, output_tokens: 0 }],
  ['start', 0, { type: 'text', text: '' }],
  ['text_delta', 0, 'Reading.'],
  ['stop', 0],
  ['start', 1, { type: 'tool_use', id: 'call_1', name: 'read', input: {} }],
  ['input_json_delta', 1, '{"n": 5}'],
  ['stop', 1],
  ['start', 2, { type: 'tool_use', id: 'call_2', name: 'tag', input: {} }],
  ['input_json_delta', 2, '{"on": "true"}'],
  ['stop', 2],
  ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 8 }],
  ['message_stop'],
];

describe('messages streaming, coerce: tool inputs held until whole, sent coerced in one delta', () => {
  it('at every byte split: the same events, one input_json_delta per call, the engine repairs before the check', () => {
    const text = twoCalls("{'n': \"5\",}", '{"on": "true"}');
    const seen: string[] = [];
    for (let cut = 0; cut <= Buffer.byteLength(text); cut++) {
      const events = translate(text, [cut], { checkInput: (art) => (seen.push(art.repairedArguments ?? ''), coerceRead(art)) });
      checkGrammar(events);
      assert.deepEqual(normalize(events), EXPECTED, `cut at ${cut}`);
      // one delta per call (not merged by normalize): the whole input at once
      assert.equal(events.filter((e) => e.type === 'content_block_delta' && (e.delta as { type: string }).type === 'input_json_delta').length, 2, `cut at ${cut}`);
    }
    // the check reads the engine's JSON of the whole arguments
    assert.deepEqual([...new Set(seen)], ['{"n": "5"}', '{"on": "true"}']);
  });

  it('a check that answers later (the schema thread): an input_wait in the delta\'s place, settled in order', async () => {
    const text = twoCalls('{"n": "5"}', '{"on": true}');
    for (const cut of [0, 40, 200, Buffer.byteLength(text)]) {
      const events = translate(text, [cut], { checkInput: (art) => Promise.resolve(coerceRead(art)) });
      assert.equal(hasHeld(events), true);
      // the events after a wait are there, in order, but must not go out before it is settled
      assert.deepEqual(events.map((e) => e.type).slice(4), ['content_block_start', 'input_wait', 'content_block_stop', 'content_block_start', 'input_wait', 'content_block_stop', 'message_delta', 'message_stop']);
      const settled = await settleHeld(events);
      checkGrammar(settled);
      assert.deepEqual(normalize(settled).slice(5, 9), [['input_json_delta', 1, '{"n": 5}'], ['stop', 1], ['start', 2, { type: 'tool_use', id: 'call_2', name: 'tag', input: {} }], ['input_json_delta', 2, '{"on": true}']]);
    }
  });

  it('without checkInput the inputs stream live (each upstream piece its delta)', () => {
    const events = translate(twoCalls('{"n": "5"}', '{"on": true}'), []);
    const deltas = events.filter((e) => e.type === 'content_block_delta' && (e.delta as { type: string }).type === 'input_json_delta').map((e) => (e.delta as { partial_json: string }).partial_json);
    assert.deepEqual(deltas, ['{', '"n": "5"}', '{"on": true}']);
  });

  it('a reader fed piece by piece sends each input once its value is whole (toolCoercePerCall.test.ts has the rest)', () => {
    const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [], checkInput: coerceRead });
    const reader = new ChatStreamReader(t);
    t.start();
    t.take();
    const parts = twoCalls('{"n": "5"}', '{"on": true}').split('\n\n').filter((p) => p !== '').map((p) => `${p}\n\n`);
    const got: AnthropicEvent[][] = parts.map((p) => reader.read(Buffer.from(p)));
    // nothing of a tool_use before read's last piece (parts[2]); tag's one piece (parts[3]) is whole
    for (const events of got.slice(0, 2)) assert.equal(events.some((e) => e.type === 'content_block_start' && (e.content_block as { type: string }).type === 'tool_use'), false);
    assert.deepEqual(normalize(got[2]!), [['start', 1, { type: 'tool_use', id: 'call_1', name: 'read', input: {} }], ['input_json_delta', 1, '{"n": 5}'], ['stop', 1]]);
    assert.deepEqual(normalize(got[3]!), [['start', 2, { type: 'tool_use', id: 'call_2', name: 'tag', input: {} }], ['input_json_delta', 2, '{"on": true}'], ['stop', 2]]);
    assert.deepEqual(got.slice(4).flat(), []);
    assert.deepEqual(normalize(reader.end()), [['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 8 }], ['message_stop']]);
  });
});

describe('messages streaming, coerce, through the gateway', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const client = (headers: Record<string, string> = {}) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: headers });
  const body = { model: 'test/coerce', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user' as const, content: 'go' }] };

  interface Art {
    status: string;
    toolCalls: { index: number; status: string; repairedArguments: string; repairs: { kind: string; offset: number; length: number; replacement: string }[] }[];
    schema: unknown;
  }
  const artifact = async (id: string): Promise<Art> => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as Art;

  it('the Anthropic SDK\'s finalMessage() gets the coerced inputs; artifact, repairs with positions, trailer, metric', async () => {
    up.enqueue({ chunks: [twoCalls("{'n': \"5\",}", '{"on": "true"}')] });
    const before = await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/coerce"}');
    const s = client({ 'x-streamfix-schema': 'coerce' }).messages.stream(body);
    const m = await s.finalMessage();
    assert.deepEqual(m.content, [
      { type: 'text', text: 'Reading.' },
      { type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } },
      { type: 'tool_use', id: 'call_2', name: 'tag', input: { on: true } },
    ]);
    const { response } = await s.withResponse();
    const art = await artifact(String(response.headers.get('x-streamfix-request-id')));
    assert.deepEqual(art.toolCalls.map((c) => [c.index, c.status, c.repairedArguments]), [[0, 'REPAIRED', '{"n": 5}'], [1, 'REPAIRED', '{"on": true}']]);
    // positions in the raw arguments: {'n': "5",} and {"on": "true"}
    assert.deepEqual(art.toolCalls[0]!.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]), [['single_quotes', 1, 1, '"'], ['single_quotes', 3, 1, '"'], ['schema_coercion', 6, 3, '5'], ['trailing_comma', 9, 1, '']]);
    assert.deepEqual(art.toolCalls[1]!.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]), [['schema_coercion', 7, 6, 'true']]);
    assert.deepEqual(art.schema, { valid: true, errors: [] });
    assert.equal(await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/coerce"}'), before + 2);
  });

  it('the exact events on the wire: each input in one delta; trailers x-streamfix-schema valid, REPAIRED', async () => {
    up.enqueue({ chunks: [twoCalls('{"n": "5"}', '{"on": true}')] });
    const r = await request(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' }, body: JSON.stringify({ ...body, stream: true }) });
    const text = await r.body.text();
    const deltas = [...text.matchAll(/"input_json_delta","partial_json":("(?:[^"\\]|\\.)*")/g)].map((x) => JSON.parse(x[1]!) as string);
    assert.deepEqual(deltas, ['{"n": 5}', '{"on": true}']);
    assert.equal(r.trailers['x-streamfix-schema'], 'valid');
    assert.equal(r.trailers['x-streamfix-status'], 'REPAIRED');
  });

  it('an input the schema still refuses after coercion goes out as coerced as it can be, invalid', async () => {
    up.enqueue({ chunks: [twoCalls('{"n": "five"}', '{"on": true}')] });
    const r = await request(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' }, body: JSON.stringify({ ...body, stream: true }) });
    const text = await r.body.text();
    const deltas = [...text.matchAll(/"input_json_delta","partial_json":("(?:[^"\\]|\\.)*")/g)].map((x) => JSON.parse(x[1]!) as string);
    assert.deepEqual(deltas, ['{"n": "five"}', '{"on": true}']);
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
    const art = await artifact(String(r.headers['x-streamfix-request-id']));
    assert.deepEqual(art.schema, { valid: false, errors: [{ path: '/n', message: 'must be integer', toolCallIndex: 0 }] });
    // the text block is strip mode's (TEXT); the input needed no engine repair
    assert.deepEqual([art.status, art.toolCalls[0]!.status], ['TEXT', 'VALID']);
  });

  it('a check on the schema thread (a long pattern): the stream waits for it, the SDK gets the coerced inputs in order', async () => {
    const words = 'ab cd efgh ijk lmnopq '.repeat(2_000).trim();
    // past the event loop's pattern budget: the check runs on the schema thread (schema.ts checkValue)
    assert.equal(patternUnits(PATTERN) * (words.length + 1) > EVENT_LOOP_PATTERN_BUDGET, true);
    up.enqueue({ chunks: [twoCalls('{"n": "5"}', JSON.stringify({ on: 'false', s: words }))] });
    const s = client({ 'x-streamfix-schema': 'coerce' }).messages.stream(body);
    const m = await s.finalMessage();
    assert.deepEqual(m.content.slice(1), [
      { type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } },
      { type: 'tool_use', id: 'call_2', name: 'tag', input: { on: false, s: words } },
    ]);
    const { response } = await s.withResponse();
    const art = await artifact(String(response.headers.get('x-streamfix-request-id')));
    assert.deepEqual(art.toolCalls[1]!.repairs.map((r) => [r.kind, r.offset, r.replacement]), [['schema_coercion', 6, 'false']]);
    assert.deepEqual(art.schema, { valid: true, errors: [] });
  });

  it('without coerce the inputs stream as they come (reported: invalid)', async () => {
    up.enqueue({ chunks: [twoCalls('{"n": "5"}', '{"on": true}')] });
    const r = await request(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, stream: true }) });
    const text = await r.body.text();
    const deltas = [...text.matchAll(/"input_json_delta","partial_json":("(?:[^"\\]|\\.)*")/g)].map((x) => JSON.parse(x[1]!) as string);
    assert.deepEqual(deltas, ['{', '"n": "5"}', '{"on": true}']);
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
  });
});
