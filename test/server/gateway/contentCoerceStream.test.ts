/**
 * Streamed content under `x-streamfix-schema: coerce` (response_format json_schema) is coerced as it goes
 * out, and equals the one-shot (non-streaming) coercion of the same upstream content: the same bytes, the
 * same `schema_coercion` repairs with the same positions, the same verdict. Each case is run at every
 * split of the content into two deltas, with one-character deltas, and at every byte split of the SSE
 * body the upstream sends; then random schemas and values.
 */
import { strict as assert } from 'node:assert';
import type { Repair } from '../../../shared/engine';
import { rewriteCompletion } from '../../../server/gateway/completion';
import { requestSchemas, SchemaCache, type RequestSchemas } from '../../../server/gateway/schema';
import { checkAnswer, checkStreamed, mergeRepairs } from '../../../server/gateway/schemaCheck';
import { HELD_VALUE_LIMIT, StreamCoercion } from '../../../server/gateway/schemaCoerce';
import { schemaPlan } from '../../../server/gateway/schemaPlan';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import { readThrough } from '../helpers/rewrite';
import { chunk, collect, sse } from '../helpers/testUpstream';
import { mulberry32 as random } from '../../random';

const cache = new SchemaCache();
after(() => cache.close());

function schemasOf(schema: unknown): RequestSchemas {
  return requestSchemas({ response_format: { type: 'json_schema', json_schema: { name: 's', schema } } }, cache, 'coerce')!;
}

/** What a test compares of a repair (the message is the kind's). */
function r4(r: Repair): [string, number, number, string, number, number] {
  return [r.kind, r.offset, r.length, r.replacement, r.line, r.column];
}

interface Answer {
  text: string;
  repairs: ReturnType<typeof r4>[];
  coercions: ReturnType<typeof r4>[];
  status: string;
  verdict: unknown;
}

/** The non-streaming gateway's answer: the body rewritten whole (completion.ts), checked and coerced. */
async function oneShot(s: RequestSchemas, content: string): Promise<Answer> {
  const body = { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
  const o = rewriteCompletion(body, 'repair');
  const engine = o.result!.repairs;
  const r = await checkAnswer(s, 'repair', { raw: o.rawContent, sent: o.sentContent, repairs: engine, stripped: o.stripped }, [], true);
  const coercions = r.content?.repairs ?? [];
  const status = coercions.length > 0 && o.result!.status === 'VALID' ? 'REPAIRED' : o.result!.status;
  return { text: r.content?.text ?? o.sentContent, repairs: mergeRepairs(engine, coercions).map(r4), coercions: coercions.map(r4), status, verdict: r.report };
}

/** The streaming gateway's answer for `content` sent in `deltas`, its SSE body read in pieces cut at `cuts`. */
function streamed(s: RequestSchemas, deltas: string[], cuts: (body: Buffer) => number[] = () => []): Answer & { events: ReturnType<typeof r4>[] } {
  const events: Repair[] = [];
  const rw = new StreamRewriter('repair', { onRepair: (r) => void events.push(r) });
  rw.keepContentOutput = true;
  rw.contentCoercion = () => new StreamCoercion(schemaPlan(s.content!.schema));
  const body = Buffer.from(sse(...deltas.map((d) => chunk({ content: d })), chunk({}, 'stop'), '[DONE]'));
  const out = collect(readThrough(rw, body, cuts(body)));
  const c = rw.choices.get(0)!.content;
  const verdict = checkStreamed(s, [{ index: 0, mode: 'repair', content: { raw: c.raw, sent: c.sentWhole, repairs: [], stripped: [] }, tools: [] }]);
  assert.ok(!(verdict instanceof Promise));
  const status = c.coercions.length > 0 && c.result!.status === 'VALID' ? 'REPAIRED' : c.result!.status;
  assert.equal(c.sent, out.content, 'the artifact keeps what the client got');
  return {
    text: out.content,
    repairs: mergeRepairs(c.result!.repairs, c.coercions).map(r4),
    coercions: c.coercions.map(r4),
    status,
    verdict,
    events: events.filter((r) => r.kind === 'schema_coercion').map(r4),
  };
}

/** Runs `content` against `schema` at every split; returns the one-shot answer (all splits equal it). */
async function everySplit(schema: unknown, content: string): Promise<Answer> {
  const s = schemasOf(schema);
  const want = await oneShot(s, content);
  const same = (got: Answer & { events: unknown[] }, how: string) => {
    const { events, ...rest } = got;
    assert.deepEqual(rest, want, how);
    // every coercion is published as a repair event, once
    assert.deepEqual(events, want.coercions, `${how}: events`);
  };
  same(streamed(s, [content]), 'one delta');
  for (let k = 1; k < content.length; k++) same(streamed(s, [content.slice(0, k), content.slice(k)]), `two deltas cut at ${k}`);
  same(streamed(s, [...content]), 'one-character deltas');
  // the upstream's bytes (deltas of 16 characters), read in two pieces cut at every byte
  const pieces = content.match(/[^]{1,16}/g) ?? [];
  const size = Buffer.byteLength(sse(...pieces.map((d) => chunk({ content: d })), chunk({}, 'stop'), '[DONE]'));
  for (let b = 1; b < size; b++) same(streamed(s, pieces, () => [b]), `reads cut at byte ${b}`);
  return want;
}

const PERSON = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer' },
    admin: { type: 'boolean' },
    score: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    ids: { type: 'array', items: { type: 'integer' } },
    home: { type: 'object', properties: { floor: { type: 'integer' } } },
    pets: { type: 'array', items: { type: 'object', properties: { legs: { type: 'integer' } } } },
    either: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
    both: { type: ['integer', 'array'] },
    count: { $ref: '#/$defs/count' },
    all: { allOf: [{ type: 'integer' }] },
  },
  $defs: { count: { type: 'integer', minimum: 0 } },
};

describe('gateway coerce: streamed content equals the one-shot coercion, at every split', () => {
  it('coerces "36", "true", "-1.5e3" and wraps "math" as they stream', async () => {
    const a = await everySplit(PERSON, '{"name": "Ada", "age": "36", "admin": "true", "score": "-1.5e3", "tags": "math"}');
    assert.equal(a.text, '{"name": "Ada", "age": 36, "admin": true, "score": -1.5e3, "tags": ["math"]}');
    assert.deepEqual(a.coercions, [
      ['schema_coercion', 23, 4, '36', 0, 23],
      ['schema_coercion', 38, 6, 'true', 0, 38],
      ['schema_coercion', 55, 8, '-1.5e3', 0, 55],
      ['schema_coercion', 73, 6, '["math"]', 0, 73],
    ]);
    assert.equal(a.status, 'REPAIRED');
    assert.deepEqual(a.verdict, { valid: true, errors: [] });
  });

  it('leaves strings that are not a clear value alone, and reports them', async () => {
    const a = await everySplit(PERSON, '{"age": "36 years", "admin": "yes", "score": "1e400", "name": 7}');
    assert.equal(a.text, '{"age": "36 years", "admin": "yes", "score": "1e400", "name": 7}');
    assert.deepEqual(a.coercions, []);
    assert.equal(a.status, 'VALID');
    assert.deepEqual(a.verdict, {
      valid: false,
      errors: [
        { path: '/name', message: 'must be string' },
        { path: '/age', message: 'must be integer' },
        { path: '/admin', message: 'must be boolean' },
        { path: '/score', message: 'must be number' },
      ],
    });
  });

  it('does not coerce where the schema is ambiguous: anyOf, allOf, two types that could take the value', async () => {
    const a = await everySplit(PERSON, '{"either": "1", "all": "2", "both": "3", "count": "4"}');
    assert.equal(a.text, '{"either": "1", "all": "2", "both": "3", "count": 4}');
    assert.deepEqual(a.coercions, [['schema_coercion', 50, 3, '4', 0, 50]]);
  });

  it('reports a value the engine itself rewrote (single quotes) and coerces the one next to it', async () => {
    const a = await everySplit(PERSON, `{'age': '36', "admin": "false"}`);
    assert.equal(a.text, '{"age": "36", "admin": false}');
    assert.deepEqual(a.repairs.map((r) => r[0]), ['single_quotes', 'single_quotes', 'single_quotes', 'single_quotes', 'schema_coercion']);
    assert.deepEqual(a.coercions, [['schema_coercion', 23, 7, 'false', 0, 23]]);
    assert.deepEqual(a.verdict, { valid: false, errors: [{ path: '/age', message: 'must be integer' }] });
  });

  it('coerces nested values, items of arrays, a $ref, and one pass only: "42" for an array of integers becomes ["42"]', async () => {
    const a = await everySplit(PERSON, '{"home": {"floor": "3"}, "pets": [{"legs": "4"}, {"legs": 2}], "ids": ["1", 2, "x"], "count": "0"}');
    assert.equal(a.text, '{"home": {"floor": 3}, "pets": [{"legs": 4}, {"legs": 2}], "ids": [1, 2, "x"], "count": 0}');
    assert.deepEqual(a.verdict, { valid: false, errors: [{ path: '/ids/2', message: 'must be integer' }] });
    const b = await everySplit(PERSON, '{"ids": "42"}');
    assert.equal(b.text, '{"ids": ["42"]}');
    assert.deepEqual(b.verdict, { valid: false, errors: [{ path: '/ids/0', message: 'must be integer' }] });
  });

  it('coerces inside an answer the engine repairs around it (prose, a fence, a think block, unquoted keys, a trailing comma)', async () => {
    const a = await everySplit(PERSON, "<think>age?</think>Sure!\n```json\n{name: 'Ada', \"age\": \"36\", \"tags\": \"x\",}\n```");
    assert.equal(a.text, '{"name": "Ada", "age": 36, "tags": ["x"]}');
    assert.deepEqual(a.coercions, [
      ['schema_coercion', 54, 4, '36', 2, 21],
      ['schema_coercion', 68, 3, '["x"]', 2, 35],
    ]);
  });

  it('a string cut by the end of the stream is not coerced (its closing quote is the engine\'s); a value before the cut is', async () => {
    const a = await everySplit(PERSON, '{"age": "36", "admin": "tr');
    assert.equal(a.text, '{"age": 36, "admin": "tr"}');
    assert.equal(a.status, 'TRUNCATED');
    const b = await everySplit(PERSON, '{"age": "36"');
    assert.equal(b.text, '{"age": 36}');
  });

  it('coerces a value that is the whole answer, a number wrapped at the end of the text', async () => {
    assert.equal((await everySplit({ type: 'integer' }, '"42"')).text, '42');
    assert.equal((await everySplit({ type: 'array', items: { type: 'number' } }, '  -2.5')).text, '  [-2.5]');
    assert.equal((await everySplit({ type: ['integer', 'array'] }, '2.5')).text, '[2.5]');
    assert.equal((await everySplit({ type: ['integer', 'array'] }, '25')).text, '25');
  });

  it('sends a string longer than the held limit as it is (reported), and never wraps an object', async () => {
    const long = 'x'.repeat(HELD_VALUE_LIMIT);
    const a = await everySplit(PERSON, `{"tags": "${long}", "home": 5, "pets": {"legs": 4}}`);
    assert.equal(a.text, `{"tags": "${long}", "home": 5, "pets": {"legs": 4}}`);
    assert.deepEqual(a.coercions, []);
    const b = await everySplit(PERSON, `{"tags": "${long.slice(3)}"}`);
    assert.equal(b.text, `{"tags": ["${long.slice(3)}"]}`);
  });

  it('coerces an escaped string by its value, and every one of duplicate keys', async () => {
    const a = await everySplit(PERSON, '{"age": "\\u0033\\u0036", "age": "37"}');
    assert.equal(a.text, '{"age": 36, "age": 37}');
  });
});


describe('gateway coerce: random schemas and values, streamed at random splits, equal the one-shot', () => {
  it('gives the same text, repairs and verdict for 300 random cases, and coerces only where ajv finds a type error', async () => {
    const rnd = random(10);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const scalarTypes = ['integer', 'number', 'boolean', 'string', 'null', 'array'] as const;
    const schemaOf = (depth: number): Record<string, unknown> => {
      const r = rnd();
      if (depth > 0 && r < 0.3) {
        const props: Record<string, unknown> = {};
        for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) props[`k${k}`] = schemaOf(depth - 1);
        return { type: 'object', properties: props, ...(rnd() < 0.3 ? { additionalProperties: schemaOf(depth - 1) } : {}) };
      }
      if (depth > 0 && r < 0.45) return { type: 'array', items: schemaOf(depth - 1) };
      if (r < 0.5) return { anyOf: [{ type: pick(scalarTypes) }, { type: 'string' }] };
      if (r < 0.6) {
        const a = pick(scalarTypes);
        return { type: [a, pick(scalarTypes.filter((t) => t !== a))] };
      }
      return { type: pick(scalarTypes) };
    };
    const scalars = ['"42"', '"-7"', '"1.5e2"', '"true"', '"false"', '"x"', '"01"', '3', '2.5', 'true', 'null', '"9007199254740993"', '"\\u0034"'];
    const valueOf = (schema: Record<string, unknown>, depth: number): string => {
      if (schema.type === 'object' && rnd() < 0.85) {
        const keys = [...Object.keys(schema.properties as object), ...(rnd() < 0.3 ? ['extra'] : [])];
        return `{${keys.map((k) => `"${k}":${pick(['', ' '])}${valueOf((schema.properties as Record<string, Record<string, unknown>>)[k] ?? (schema.additionalProperties as Record<string, unknown>) ?? {}, depth + 1)}`).join(', ')}}`;
      }
      if (schema.type === 'array' && schema.items && rnd() < 0.7) return `[${Array.from({ length: Math.floor(rnd() * 3) }, () => valueOf(schema.items as Record<string, unknown>, depth + 1)).join(',')}]`;
      if (depth < 3 && rnd() < 0.1) return `{"k0": ${pick(scalars)}}`;
      const v = pick(scalars);
      // sometimes single quotes: the engine rewrites the value, which is then not coerced
      return rnd() < 0.15 && v.startsWith('"') && !v.includes('\\') ? `'${v.slice(1, -1)}'` : v;
    };
    let checked = 0;
    for (let n = 0; n < 300; n++) {
      const schema = schemaOf(3);
      let content = valueOf(schema, 0);
      if (rnd() < 0.2) content = content.slice(0, Math.floor(rnd() * content.length) + 1);
      if (rnd() < 0.2) content = `Here: ${content}`;
      const s = schemasOf(schema);
      const want = await oneShot(s, content);
      const cuts = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Math.floor(rnd() * content.length)).sort((a, b) => a - b);
      const deltas = [0, ...cuts].map((c, k, all) => content.slice(c, all[k + 1] ?? content.length)).filter((d) => d !== '');
      const { events, ...got } = streamed(s, deltas.length > 0 ? deltas : [content]);
      assert.deepEqual(got, want, `${JSON.stringify(schema)} ${JSON.stringify(content)} cut ${cuts}`);
      assert.deepEqual(events, want.coercions);
      if (want.coercions.length > 0) {
        // each coercion is at a place where ajv finds a type error in the answer as the engine wrote it
        const body = { choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
        const validate = s.content!;
        assert.equal(validate(JSON.parse(rewriteCompletion(body, 'repair').sentContent)), false);
        const typeErrors = (validate.errors ?? []).filter((e) => e.keyword === 'type').length;
        assert.ok(typeErrors >= want.coercions.length, `${JSON.stringify(schema)} ${JSON.stringify(content)}: ${typeErrors} type errors, ${want.coercions.length} coercions`);
        checked++;
      }
    }
    // the property held for cases that coerced something, not only for ones that did not
    assert.ok(checked > 30, `${checked} cases coerced`);
  });
});
