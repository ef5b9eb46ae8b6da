/**
 * /v1/messages streaming with `x-streamfix-schema: coerce`, per call: a held tool input goes out (its
 * content_block_start, one coerced input_json_delta, its content_block_stop) as soon as the engine read
 * the end of its value, not when the message ends; in index order (a later call never overtakes an
 * earlier one still held); a call never whole (cut at max_tokens) waits for the end, and with
 * `x-streamfix-truncated-tools: reject` is refused there. In-process (the translator with the real
 * schema check, at every byte split and read by read) and through the gateway with the Anthropic SDK
 * (every byte split; an upstream driven step by step for the time order).
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator, type AnthropicEvent } from '../../../server/anthropic/translate';
import { requestSchemas, SchemaCache } from '../../../server/gateway/schema';
import { checkAnswer, checkHeldCall, type SchemaOutcome } from '../../../server/gateway/schemaCheck';
import { rejectionMessage } from '../../../server/gateway/truncatedTools';
import type { Repair } from '../../../shared/engine';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize } from './helpers';

const SCHEMAS = {
  read: { type: 'object' as const, properties: { n: { type: 'integer' } }, required: ['n'] },
  tag: { type: 'object' as const, properties: { on: { type: 'boolean' } } },
  list: { type: 'object' as const, properties: { ids: { type: 'array', items: { type: 'integer' } } } },
};
const TOOLS = Object.entries(SCHEMAS).map(([name, input_schema]) => ({ name, input_schema }));
const NAMES = Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[];

/** A call as the upstream sends it: its index, and its arguments in pieces (the first with id and name). */
interface Call {
  index: number;
  args: string[];
}

/** A chat chunk as small as the translator reads it (the gateway tests run at every byte split of the body). */
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });
const first = (c: Call, name: string) => chunk({ tool_calls: [{ index: c.index, id: `call_${c.index + 1}`, type: 'function', function: { name, arguments: c.args[0] } }] });
const more = (index: number, args: string) => chunk({ tool_calls: [{ index, function: { arguments: args } }] });

/** The upstream's SSE events: text, then the calls' pieces in the order given (`order`: call index per piece). */
function upstreamEvents(calls: Call[], order: number[], finish = 'tool_calls'): string[] {
  const next = new Map(calls.map((c) => [c.index, 0]));
  const pieces = order.map((i) => {
    const c = calls.find((x) => x.index === i)!;
    const k = next.get(i)!;
    next.set(i, k + 1);
    return k === 0 ? first(c, NAMES[i]!) : more(i, c.args[k]!);
  });
  return [chunk({ role: 'assistant', content: 'Reading.' }), ...pieces, chunk({}, finish), '[DONE]'].map((e) => sse(e));
}

// the model's arguments, each in two pieces, with engine repairs before the coercion
const READ: Call = { index: 0, args: ["{'n': ", '"5",}'] };
const TAG: Call = { index: 1, args: ['```json\n{"on": ', '"true"}\n```'] };
const LIST: Call = { index: 2, args: ['{ids: ', '7}'] };
const COERCED = ['{"n": 5}', '{"on": true}', '{"ids": [7]}'];

const cache = new SchemaCache();
const schemas = requestSchemas({ tools: TOOLS.map((t) => ({ type: 'function', function: { name: t.name, parameters: t.input_schema } })) }, cache, 'coerce')!;

interface Run {
  /** The events of each read. */
  reads: AnthropicEvent[][];
  /** The held calls' checks (by call index) and the artifacts at the end. */
  checks: Map<number, SchemaOutcome>;
  translator: MessageTranslator;
}

/** The translator with the real schema check, fed the upstream body in the given reads. */
function run(body: string, cuts: number[], rejectTruncated = false): Run {
  const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [], keepToolOutput: true, rejectTruncated, checkInput: (art) => checkHeldCall(schemas, 'strip', art, (o) => checks.set(art.index, o), [], '') });
  const checks = new Map<number, SchemaOutcome>();
  const reader = new ChatStreamReader(t);
  t.start();
  const reads: AnthropicEvent[][] = [t.take()];
  const bytes = Buffer.from(body);
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    reads.push(reader.read(bytes.subarray(at, c)));
    at = c;
  }
  reads.push(reader.end());
  return { reads, checks, translator: t };
}

/** The read in which call `index`'s tool_use block started (its block index is index + 1: text first). */
const readOfCall = (reads: AnthropicEvent[][], index: number) => reads.findIndex((r) => r.some((e) => e.type === 'content_block_start' && e.index === index + 1));

const toolBlocks = (calls: Call[]) =>
  calls.flatMap((c, k) => [
    ['start', k + 1, { type: 'tool_use', id: `call_${c.index + 1}`, name: NAMES[c.index], input: {} }],
    ['input_json_delta', k + 1, COERCED[c.index]],
    ['stop', k + 1],
  ]);
// output_tokens: the characters sent over 4, rounded up ('Reading.' and the engine's JSON of each input)
const expected = (calls: Call[], stop: unknown[] = [['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: calls.length === 2 ? 8 : 11 }], ['message_stop']]) => [
  ['message_start', { input_tokens: 7, output_tokens: 0 }],
  ['start', 0, { type: 'text', text: '' }],
  ['text_delta', 0, 'Reading.'],
  ['stop', 0],
  ...toolBlocks(calls),
  ...stop,
];

const deltaCount = (events: AnthropicEvent[]) => events.filter((e) => e.type === 'content_block_delta' && (e.delta as { type: string }).type === 'input_json_delta').length;
const tuples = (rs: readonly Repair[]) => rs.map((r) => [r.kind, r.offset, r.length, r.replacement]);

/**
 * The early checks give what a check of the whole answer at the end gives (the non-streaming path's
 * checkAnswer over the final artifacts): the same coerced text and the same coercions, positioned alike.
 */
function sameAsAtTheEnd(r: Run, label: string): void {
  const atEnd = checkAnswer(schemas, 'strip', null, r.translator.toolArtifacts(), false, true) as SchemaOutcome;
  assert.ok(!(atEnd instanceof Promise));
  for (const [index, c] of atEnd.tools) {
    const early = r.checks.get(index)?.tools.get(index);
    assert.ok(early, `${label}: call ${index} was checked when it went out`);
    assert.equal(early.text, c.text, label);
    assert.deepEqual(tuples(early.repairs), tuples(c.repairs), label);
  }
  // and no call was coerced early that the end would not coerce
  assert.deepEqual([...r.checks].filter(([i, o]) => o.tools.has(i)).map(([i]) => i).sort(), [...atEnd.tools.keys()].sort(), label);
}

describe('messages streaming, coerce, per call: each input goes out once its value is whole', () => {
  after(() => cache.close());

  for (const [name, calls] of [
    ['two calls', [READ, TAG]],
    ['three calls', [READ, TAG, LIST]],
  ] as const) {
    const events = upstreamEvents([...calls], calls.flatMap((c) => [c.index, c.index]));
    const body = events.join('');

    it(`${name}, read event by event: call k goes out in the read of its last piece, before the next call's pieces`, () => {
      const cuts: number[] = [];
      for (let i = 0, at = 0; i < events.length - 1; i++) cuts.push((at += Buffer.byteLength(events[i]!)));
      const r = run(body, cuts);
      // reads: 0 message_start, then one per upstream event: 1 'Reading.', 2 and 3 call 0's pieces, 4 and 5 call 1's…
      calls.forEach((c, k) => {
        assert.equal(readOfCall(r.reads, c.index), 3 + 2 * k, `call ${c.index}`);
        // that read holds the call's whole block and nothing else
        assert.deepEqual(normalize(r.reads[readOfCall(r.reads, c.index)]!), toolBlocks([...calls]).slice(3 * k, 3 * k + 3));
      });
      checkGrammar(r.reads.flat());
      assert.deepEqual(normalize(r.reads.flat()), expected([...calls]));
      sameAsAtTheEnd(r, name);
    });

    it(`${name}, at every byte split: the same events, one delta per call, the same coercions as a check at the end`, function () {
      this.timeout(120_000); // a guard against a hang, not a speed check
      for (let cut = 0; cut <= Buffer.byteLength(body); cut++) {
        const r = run(body, [cut]);
        const all = r.reads.flat();
        checkGrammar(all);
        assert.deepEqual(normalize(all), expected([...calls]), `cut at ${cut}`);
        assert.equal(deltaCount(all), calls.length, `cut at ${cut}`);
        sameAsAtTheEnd(r, `cut at ${cut}`);
      }
    });
  }

  it('interleaved upstream indexes (0, 1, 0, 1): call 0 goes out when its value ends, call 1 at its own end', function () {
    this.timeout(120_000);
    const events = upstreamEvents([READ, TAG], [0, 1, 0, 1]);
    const cuts: number[] = [];
    for (let i = 0, at = 0; i < events.length - 1; i++) cuts.push((at += Buffer.byteLength(events[i]!)));
    const r = run(events.join(''), cuts);
    // reads: 0 message_start, 1 text, 2 read's start, 3 tag's start, 4 read's end, 5 tag's end
    assert.deepEqual([readOfCall(r.reads, 0), readOfCall(r.reads, 1)], [4, 5]);
    assert.deepEqual(normalize(r.reads.flat()), expected([READ, TAG]));
    sameAsAtTheEnd(r, 'interleaved');
    for (let cut = 0; cut <= events.join('').length; cut++) assert.deepEqual(normalize(run(events.join(''), [cut]).reads.flat()), expected([READ, TAG]), `cut at ${cut}`);
  });

  it('interleaved, a later call whole first (1 ends before 0): it waits behind call 0 and follows it in the same read', () => {
    const events = upstreamEvents([READ, TAG], [0, 1, 1, 0]);
    const cuts: number[] = [];
    for (let i = 0, at = 0; i < events.length - 1; i++) cuts.push((at += Buffer.byteLength(events[i]!)));
    const r = run(events.join(''), cuts);
    // tag's value ended in read 4, but read's block (index 1) comes first: both in read 5
    assert.deepEqual([readOfCall(r.reads, 0), readOfCall(r.reads, 1)], [5, 5]);
    assert.deepEqual(normalize(r.reads.flat()), expected([READ, TAG]));
    sameAsAtTheEnd(r, 'later call whole first');
  });

  it('interleaved, a call never whole until the finish (its closing brace never came): it goes out at the end, and the calls after it with it', () => {
    const open: Call = { index: 0, args: ["{'n': ", '"5"'] };
    const events = upstreamEvents([open, TAG], [0, 1, 0, 1]);
    const cuts: number[] = [];
    for (let i = 0, at = 0; i < events.length - 1; i++) cuts.push((at += Buffer.byteLength(events[i]!)));
    const r = run(events.join(''), cuts);
    // the finish chunk is read 6: the engine closes call 0 there, then both go out
    assert.deepEqual([readOfCall(r.reads, 0), readOfCall(r.reads, 1)], [6, 6]);
    assert.deepEqual(normalize(r.reads.flat()), expected([READ, TAG]));
    sameAsAtTheEnd(r, 'never whole');
  });

  it('truncated (finish_reason length) with reject: the whole calls went out, the cut one is refused by the error event', function () {
    this.timeout(120_000);
    const cutCall: Call = { index: 2, args: ['{ids: ', '[7, 8'] };
    const events = upstreamEvents([READ, TAG, cutCall], [0, 0, 1, 1, 2, 2], 'length');
    const body = events.join('');
    const calls = [{ index: 2, id: 'call_3', name: 'list', bytes: Buffer.byteLength('{ids: [7, 8') }];
    const error = ['error'];
    for (let cut = 0; cut <= Buffer.byteLength(body); cut++) {
      const r = run(body, [cut], true);
      const all = r.reads.flat();
      checkGrammar(all);
      // the cut call's block never starts: no tool_use block with closure the gateway invented
      assert.deepEqual(normalize(all), expected([READ, TAG], [error]), `cut at ${cut}`);
      assert.deepEqual(all[all.length - 1], { type: 'error', error: { type: 'api_error', message: rejectionMessage(calls), truncated_tool_calls: calls } });
      assert.deepEqual([r.translator.delivered(0), r.translator.delivered(1), r.translator.delivered(2)], [true, true, false]);
    }
  });
});

describe('messages streaming, coerce, per call, through the gateway with the Anthropic SDK', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const client = new Proxy({} as Anthropic, { get: (_, k) => sdk()[k as keyof Anthropic] });
  const sdk = () => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-schema': 'coerce' } });
  const request = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'test/coerce', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user' as const, content }], ...extra });
  const INPUTS = [{ n: 5 }, { on: true }, { ids: [7] }];

  interface Art {
    toolCalls: { index: number; status: string; repairedArguments: string; repairs: Repair[] }[];
    schema: unknown;
    truncatedToolCalls?: unknown;
  }
  const artifact = async (id: string | null): Promise<Art> => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as Art;

  it('three calls at every byte split: finalMessage() and the event stream get each input coerced, in one delta; the artifact positions every coercion', async function () {
    this.timeout(240_000); // ~500 requests through the SDK: a guard against a hang, not a speed check
    const body = Buffer.from(upstreamEvents([READ, TAG, LIST], [0, 0, 1, 1, 2, 2]).join(''));
    let checkedArtifacts = 0;
    await atEveryByteSplit(up, body, 8, async (k) => {
      const s = client.messages.stream(request(String(k)));
      const kinds: string[] = [];
      s.on('streamEvent', (e) => void (e.type === 'content_block_delta' && kinds.push(e.delta.type)));
      const m = await s.finalMessage();
      assert.deepEqual(
        m.content,
        [{ type: 'text', text: 'Reading.' }, ...INPUTS.map((input, i) => ({ type: 'tool_use', id: `call_${i + 1}`, name: NAMES[i], input }))],
        `split ${k}`,
      );
      assert.equal(kinds.filter((x) => x === 'input_json_delta').length, 3, `split ${k}`);
      if (k % 37 === 1) {
        const { response } = await s.withResponse();
        const art = await artifact(response.headers.get('x-streamfix-request-id'));
        assert.deepEqual(
          art.toolCalls.map((c) => [c.index, c.status, c.repairedArguments, tuples(c.repairs)]),
          [
            [0, 'REPAIRED', '{"n": 5}', [['single_quotes', 1, 1, '"'], ['single_quotes', 3, 1, '"'], ['schema_coercion', 6, 3, '5'], ['trailing_comma', 9, 1, '']]],
            [1, 'REPAIRED', '{"on": true}', [['schema_coercion', 15, 6, 'true']]],
            [2, 'REPAIRED', '{"ids": [7]}', [['unquoted_key', 1, 3, '"ids"'], ['schema_coercion', 6, 1, '[7]']]],
          ],
          `split ${k}`,
        );
        assert.deepEqual(art.schema, { valid: true, errors: [] });
        checkedArtifacts++;
      }
    });
    assert.ok(checkedArtifacts > 5);
  });

  it('two calls interleaved (0, 1, 0, 1) at every byte split: the SDK\'s per-event stream gets the blocks whole and in order', async function () {
    this.timeout(240_000);
    const body = Buffer.from(upstreamEvents([READ, TAG], [0, 1, 0, 1]).join(''));
    await atEveryByteSplit(up, body, 8, async (k) => {
      const s = await client.messages.create({ ...request(String(k)), stream: true });
      const got: unknown[] = [];
      for await (const e of s) {
        if (e.type === 'content_block_start' && e.content_block.type === 'tool_use') got.push(['start', e.index, e.content_block.name]);
        else if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') got.push(['input', e.index, e.delta.partial_json]);
        else if (e.type === 'content_block_stop' && e.index > 0) got.push(['stop', e.index]);
        else if (e.type === 'message_delta') got.push(['end', e.delta.stop_reason]);
      }
      assert.deepEqual(got, [['start', 1, 'read'], ['input', 1, '{"n": 5}'], ['stop', 1], ['start', 2, 'tag'], ['input', 2, '{"on": true}'], ['stop', 2], ['end', 'tool_use']], `split ${k}`);
    });
  });

  it('truncated with x-streamfix-truncated-tools: reject, at every byte split: the whole calls arrive, then the error names the cut call', async function () {
    this.timeout(240_000);
    const cutCall: Call = { index: 1, args: ['{"on": ', 'tr'] };
    const body = Buffer.from(upstreamEvents([READ, cutCall], [0, 0, 1, 1], 'length').join(''));
    await atEveryByteSplit(up, body, 8, async (k) => {
      const s = client.messages.stream(request(String(k)), { headers: { 'x-streamfix-truncated-tools': 'reject' } });
      const blocks: unknown[] = [];
      s.on('contentBlock', (b) => void blocks.push(b));
      await assert.rejects(s.finalMessage(), (e: Error) => e.message.includes('Tool call 1 (id call_2, function tag) was cut after 9 bytes of arguments'), `split ${k}`);
      assert.deepEqual(blocks, [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } }], `split ${k}`);
    });
  });

  it('time order: call 0\'s coerced delta reaches the client before the upstream sends call 1\'s last piece', async () => {
    const events = upstreamEvents([READ, TAG], [0, 0, 1, 1]);
    // the upstream writes piece i once the test lets it (steps); the client's events are timestamped in order
    const log: string[] = [];
    let allow = 0;
    const waiters: (() => void)[] = [];
    const step = (n: number) => {
      allow = n;
      for (const w of waiters.splice(0)) w();
    };
    up.enqueue({
      chunks: events,
      before: async (i) => {
        while (i >= allow) await new Promise<void>((r) => waiters.push(r));
        log.push(`upstream ${i}`);
      },
    });
    const seen = new Map<string, () => void>();
    const when = (what: string) => new Promise<void>((r) => seen.set(what, r));
    const call0 = when('input 1');
    const s = client.messages.stream(request('go'));
    s.on('streamEvent', (e) => {
      const what = e.type === 'content_block_delta' && e.delta.type === 'input_json_delta' ? `input ${e.index}` : e.type;
      log.push(`client ${what}`);
      seen.get(what)?.();
    });
    // text, call 0's two pieces, call 1's first piece: call 0 is whole
    step(4);
    await call0;
    step(events.length);
    const m = await s.finalMessage();
    assert.deepEqual(m.content.slice(1), [
      { type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } },
      { type: 'tool_use', id: 'call_2', name: 'tag', input: { on: true } },
    ]);
    const at = (x: string) => log.indexOf(x);
    assert.ok(at('client input 1') >= 0 && at('client input 1') < at('upstream 4'), log.join(', '));
    // call 1 waited for its own last piece (upstream 4)
    assert.ok(at('client input 2') > at('upstream 4'), log.join(', '));
  });
});
