/**
 * /v1/messages structured outputs (output_config.format json_schema) with `x-streamfix-schema: coerce`:
 * the message's text block is the coerced JSON (as chat content is), a schema_coercion repair with its
 * position in the raw text, REPAIRED; streamed, the text_delta events carry it coerced as it is written,
 * and stream and message agree at every split of the upstream's pieces. After a prefill (the client has
 * the JSON's start) a value after the prefill's share of the JSON is coerced, one starting in it reported.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { metric } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, chunk, sse } from '../helpers/testUpstream';

const SCHEMA = { type: 'object', properties: { name: { type: 'string' }, born: { type: 'integer' } }, required: ['name', 'born'], additionalProperties: false };
const FORMAT = { output_config: { format: { type: 'json_schema', schema: SCHEMA } } };

function textStream(text: string): string {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 4) pieces.push(chunk({ content: text.slice(i, i + 4) }));
  return sse(chunk({ role: 'assistant', content: '' }), ...pieces, chunk({}, 'stop'), '[DONE]');
}

interface Art {
  status: string;
  repairedContent: string;
  repairs: { kind: string; offset: number; length: number; replacement: string }[];
  schema?: unknown;
}

describe('messages: a structured output\'s text block coerced with x-streamfix-schema: coerce', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const art = async (id: string | null | undefined) => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as Art;
  const client = () => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-schema': 'coerce' } });

  it('not streaming: the Anthropic SDK gets the coerced JSON; the engine\'s repairs and the coercion with their positions; valid, REPAIRED, counted', async () => {
    up.enqueue({ chunks: [textStream("<think>A person.</think>{'name': 'Ada', 'born': \"1815\",}")] });
    const before = await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/structured"}');
    const params = { model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: 'a person' }], ...FORMAT };
    const { data, response } = await client().messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
    assert.deepEqual(data.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['thinking', '{"name": "Ada", "born": 1815}']);
    assert.equal(response.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(response.headers.get('x-streamfix-status'), 'REPAIRED');
    const a = await art(response.headers.get('x-streamfix-request-id'));
    assert.equal(a.repairedContent, '{"name": "Ada", "born": 1815}');
    // positions in the raw text (the think block is 24 characters of it)
    assert.deepEqual(a.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]), [
      ['single_quotes', 25, 1, '"'],
      ['single_quotes', 30, 1, '"'],
      ['single_quotes', 33, 1, '"'],
      ['single_quotes', 37, 1, '"'],
      ['single_quotes', 40, 1, '"'],
      ['single_quotes', 45, 1, '"'],
      ['schema_coercion', 48, 6, '1815'],
      ['trailing_comma', 54, 1, ''],
    ]);
    assert.deepEqual(a.schema, { valid: true, errors: [] });
    assert.equal(await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/structured"}'), before + 1);
  });

  it('not streaming, valid JSON coerced: VALID becomes REPAIRED', async () => {
    up.enqueue({ chunks: [textStream('{"name": "Ada", "born": "1815"}')] });
    const params = { model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: 'a person' }], ...FORMAT };
    const { data, response } = await client().messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: '{"name": "Ada", "born": 1815}' }]);
    assert.equal(response.headers.get('x-streamfix-status'), 'REPAIRED');
    const a = await art(response.headers.get('x-streamfix-request-id'));
    assert.deepEqual(a.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]), [['schema_coercion', 24, 6, '1815']]);
  });

  it('without coerce: reported, the text as repaired', async () => {
    up.enqueue({ chunks: [textStream('{"name": "Ada", "born": "1815"}')] });
    const c = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
    const params = { model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: 'a person' }], ...FORMAT };
    const { data, response } = await c.messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: '{"name": "Ada", "born": "1815"}' }]);
    assert.equal(response.headers.get('x-streamfix-schema'), 'invalid');
    assert.equal(response.headers.get('x-streamfix-status'), 'VALID');
  });

  /** A request whose last message is an assistant prefill (`user` is the user message's text). */
  const prefilled = (prefill: string, user = 'a person') =>
    ({ model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: user }, { role: 'assistant' as const, content: prefill }], ...FORMAT }) as Anthropic.MessageCreateParamsNonStreaming;
  const tuples = (a: Art) => a.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]);

  it('after a prefill: a value wholly after it is coerced in the text block (prefill + text is the coerced JSON); positions count from the prefill\'s start', async () => {
    up.enqueue({ chunks: [textStream('"Ada", "born": "1815"}')] });
    const { data, response } = await client().messages.create(prefilled('{"name": ')).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: '"Ada", "born": 1815}' }]);
    assert.deepEqual(JSON.parse(`{"name": ${(data.content[0] as { text: string }).text}`), { name: 'Ada', born: 1815 });
    assert.equal(response.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(response.headers.get('x-streamfix-status'), 'REPAIRED');
    const a = await art(response.headers.get('x-streamfix-request-id'));
    assert.equal(a.repairedContent, '"Ada", "born": 1815}');
    // the prefill is 9 characters: "1815" is at 15 of the answer
    assert.deepEqual(tuples(a), [['schema_coercion', 24, 6, '1815']]);
  });

  it('after a prefill the engine rewrote, its repairs and the coercion in the answer, streamed and not, at every byte split of the upstream body', async function () {
    this.timeout(120_000); // a guard against a hang, not a speed check
    // small chunks (the upstream's bytes, not its pieces, are what every split cuts)
    const piece = (delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });
    const body = Buffer.from(sse(piece({ content: `'Ada', 'bo` }), piece({ content: `rn': "1815",}` }), piece({}, 'stop'), '[DONE]'));
    const repairs = [
      ['single_quotes', 1, 1, '"'],
      ['single_quotes', 6, 1, '"'],
      ['single_quotes', 9, 1, '"'],
      ['single_quotes', 13, 1, '"'],
      ['single_quotes', 16, 1, '"'],
      ['single_quotes', 21, 1, '"'],
      ['schema_coercion', 24, 6, '1815'],
      ['trailing_comma', 30, 1, ''],
    ];
    let checked = 0;
    await atEveryByteSplit(up, body, 8, async (k) => {
      const { data, response } = await client().messages.create(prefilled("{'name': ", String(k))).withResponse();
      assert.deepEqual(data.content, [{ type: 'text', text: '"Ada", "born": 1815}' }], `split ${k}`);
      assert.equal(response.headers.get('x-streamfix-schema'), 'valid', `split ${k}`);
      const m = await client().messages.stream(prefilled("{'name': ", String(k))).finalMessage();
      assert.deepEqual(m.content, [{ type: 'text', text: '"Ada", "born": 1815}' }], `split ${k}, streamed`);
      if (k % 23 === 1) {
        assert.deepEqual(tuples(await art(response.headers.get('x-streamfix-request-id'))), repairs, `split ${k}`);
        checked++;
      }
    });
    assert.ok(checked > 5);
  });

  for (const [name, prefill, answer, text] of [
    ['the value in the prefill', '{"born": "1815", ', '"name": "Ada"}', '"name": "Ada"}'],
    ['the value begun in the prefill', '{"name": "Ada", "born": "18', '15"}', '15"}'],
  ] as const) {
    it(`after a prefill, ${name}: reported, not coerced (the client has those bytes), the text as repaired`, async () => {
      up.enqueue({ chunks: [textStream(answer)] });
      const { data, response } = await client().messages.create(prefilled(prefill)).withResponse();
      assert.deepEqual(data.content, [{ type: 'text', text }]);
      assert.equal(response.headers.get('x-streamfix-schema'), 'invalid');
      assert.equal(response.headers.get('x-streamfix-status'), 'VALID');
      const a = await art(response.headers.get('x-streamfix-request-id'));
      assert.deepEqual([a.repairedContent, tuples(a)], [text, []]);
      assert.deepEqual(a.schema, { valid: false, errors: [{ path: '/born', message: 'must be integer' }] });
    });
  }

  /** A streamed message's text (its text_delta events), trailers and artifact. */
  async function streamed(upstream: string) {
    up.enqueue({ chunks: [upstream] });
    const r = await request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' },
      body: JSON.stringify({ model: 'test/structured', max_tokens: 100, stream: true, ...FORMAT, messages: [{ role: 'user', content: 'go' }] }),
    });
    const deltas = (await r.body.text())
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as { delta?: { type: string; text?: string } })
      .filter((e) => e.delta?.type === 'text_delta')
      .map((e) => e.delta!.text!);
    return { deltas, trailers: r.trailers, artifact: await art(r.headers['x-streamfix-request-id'] as string) };
  }

  it('streaming: the text_delta events carry the coerced JSON as it is written; the same repairs, status and verdict as not streaming', async () => {
    const answer = "<think>A person.</think>{'name': 'Ada', 'born': \"1815\",}";
    up.enqueue({ chunks: [textStream(answer)] });
    const params = { model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: 'a person' }], ...FORMAT };
    const whole = await client().messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
    const one = await art(whole.response.headers.get('x-streamfix-request-id'));
    // every split of the answer into two upstream pieces
    for (let k = 1; k < answer.length; k++) {
      const pieces = [answer.slice(0, k), answer.slice(k)].map((p) => chunk({ content: p }));
      const { deltas, trailers, artifact } = await streamed(sse(chunk({ role: 'assistant', content: '' }), ...pieces, chunk({}, 'stop'), '[DONE]'));
      assert.equal(deltas.join(''), '{"name": "Ada", "born": 1815}', `cut at ${k}`);
      assert.deepEqual(trailers, { 'x-streamfix-status': whole.response.headers.get('x-streamfix-status'), 'x-streamfix-schema': whole.response.headers.get('x-streamfix-schema') }, `cut at ${k}`);
      assert.deepEqual([artifact.repairs, artifact.status, artifact.schema, artifact.repairedContent], [one.repairs, one.status, one.schema, one.repairedContent], `cut at ${k}`);
    }
    assert.deepEqual([one.status, one.schema], ['REPAIRED', { valid: true, errors: [] }]);
  });

  it('streaming with the Anthropic SDK: the text grows coerced, "1815" held only until its string closes', async () => {
    up.enqueue({ chunks: [textStream('{"name": "Ada", "born": "1815"}')] });
    const stream = client().messages.stream({ model: 'test/structured', max_tokens: 200, messages: [{ role: 'user', content: 'a person' }], ...FORMAT } as Anthropic.MessageStreamParams);
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    const final = await stream.finalMessage();
    assert.deepEqual(final.content, [{ type: 'text', text: '{"name": "Ada", "born": 1815}' }]);
    // (the engine holds a key until its colon; the other text goes out as it comes)
    assert.deepEqual(texts, ['{', '"name": "Ad', 'a"', ', "born": ', '1815}']);
  });
});
