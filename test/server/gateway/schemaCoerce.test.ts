/**
 * The schema pieces on their own: the compile cache, the 400 on a bad schema, the value locator, the safe
 * coercions and their positions in the engine's input.
 */
import { strict as assert } from 'node:assert';
import { GatewayError } from '../../../server/gateway/errors';
import { checkValue, requestSchemas, SchemaCache, schemaPolicy } from '../../../server/gateway/schema';
import { SchemaWorker } from '../../../server/gateway/schemaWorker';
import { checkAnswer } from '../../../server/gateway/schemaCheck';
import { coerceText, coerceValue, OutputMapper } from '../../../server/gateway/schemaCoerce';
import { repairJson, type Repair } from '../../../shared/engine';
import { applyEdits } from '../../engine/applyEdits';

/** Where checks over the event loop's pattern budget run (started only by those). */
const WORKER = new SchemaWorker();
after(() => WORKER.close());

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' }, admin: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } }, score: { type: 'number' } },
  required: ['name', 'age'],
};

describe('gateway schema: compile cache and bad schemas', () => {
  it('compiles a schema once per distinct text', () => {
    const cache = new SchemaCache();
    const a = cache.compile(PERSON, 'x');
    const b = cache.compile(JSON.parse(JSON.stringify(PERSON)), 'x');
    assert.equal(a, b);
    assert.equal(cache.compiles, 1);
    cache.compile({ type: 'string' }, 'x');
    assert.equal(cache.compiles, 2);
  });

  it('a schema of the last requests is found without its text; one that differs anywhere is not taken for it', () => {
    const cache = new SchemaCache();
    const tool = { type: 'object', properties: { q: { type: 'string', minLength: 2 } }, required: ['q'] };
    const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
    const person = cache.compile(copy(PERSON), 'x');
    const q = cache.compile(copy(tool), 'x');
    assert.deepEqual([cache.compiles, cache.keyed], [2, 2]);
    // a content schema and a tool's, request after request: found by the walk, no text made
    for (let i = 0; i < 3; i++) {
      assert.equal(cache.compile(copy(PERSON), 'x'), person);
      assert.equal(cache.compile(copy(tool), 'x'), q);
    }
    assert.deepEqual([cache.compiles, cache.keyed], [2, 2]);
    // the same members in another order are another text: compiled on their own, as before
    const reordered = { required: ['name', 'age'], type: 'object', properties: PERSON.properties };
    assert.notEqual(cache.compile(reordered, 'x'), person);
    assert.deepEqual([cache.compiles, cache.keyed], [3, 3]);
    // schemas that differ from a recent one in one value, a name, an extra member or item: their own validators
    const variants: [unknown, unknown, boolean][] = [
      [{ ...tool, properties: { q: { type: 'string', minLength: 3 } } }, { q: 'ab' }, false],
      [{ ...tool, properties: { q: { type: 'string', minLength: 2, maxLength: 2 } } }, { q: 'abc' }, false],
      [{ ...tool, required: ['q', 'r'] }, { q: 'ab' }, false],
      [{ ...tool, required: [] }, {}, true],
      [{ ...tool, properties: { r: { type: 'string', minLength: 2 } } }, { q: 'ab', r: 'b' }, false],
      [{ ...tool, properties: { q: { type: 'integer', minLength: 2 } } }, { q: 'ab' }, false],
      [{ ...tool, properties: { q: { type: 'string', minLength: 2 } }, additionalProperties: false }, { q: 'ab', z: 1 }, false],
    ];
    for (const [schema, value, valid] of variants) {
      const v = cache.compile(schema, 'x');
      assert.equal(v(value), valid, JSON.stringify(schema));
      assert.equal(q(value), !valid, `the tool's own validator, ${JSON.stringify(value)}`);
    }
    assert.equal(cache.compiles, 3 + variants.length);
    // and each is found again, by its walk
    const keyed = cache.keyed;
    assert.equal(cache.compile(copy(variants[variants.length - 1]![0]), 'x')({ q: 'ab', z: 1 }), false);
    assert.equal(cache.keyed, keyed);
  });

  it('walks a schema against the last 4 distinct schemas returned; an older one is found by its text', () => {
    const cache = new SchemaCache();
    const schemas = [1, 2, 3, 4, 5].map((n) => ({ type: 'string', maxLength: n }));
    const validators = schemas.map((s) => cache.compile(JSON.parse(JSON.stringify(s)), 'x'));
    assert.deepEqual([cache.compiles, cache.keyed], [5, 5]);
    // the 4 newest (maxLength 2..5): walked, no text made
    for (const i of [1, 2, 3, 4]) assert.equal(cache.compile(JSON.parse(JSON.stringify(schemas[i])), 'x'), validators[i]);
    assert.deepEqual([cache.compiles, cache.keyed], [5, 5]);
    // the fifth (maxLength 1) fell out of the walk: its text is made, the cache still has it
    assert.equal(cache.compile(JSON.parse(JSON.stringify(schemas[0])), 'x'), validators[0]);
    assert.deepEqual([cache.compiles, cache.keyed], [5, 6]);
  });

  it('refuses a schema ajv cannot compile with a 400 naming where and why', () => {
    const body = { response_format: { type: 'json_schema', json_schema: { name: 'p', schema: { type: 'object', properties: { a: { type: 'integr' } } } } } };
    assert.throws(
      () => requestSchemas(body, new SchemaCache(), 'report'),
      (e: unknown) =>
        e instanceof GatewayError &&
        e.status === 400 &&
        e.code === 'invalid_schema' &&
        e.message === 'response_format.json_schema.schema is not a valid JSON Schema: schema is invalid: data/properties/a/type must be equal to one of the allowed values, data/properties/a/type must be array, data/properties/a/type must match a schema in anyOf',
    );
    const tools = { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }, { type: 'function', function: { name: 'g', parameters: 'nope' } }] };
    assert.throws(
      () => requestSchemas(tools, new SchemaCache(), 'report'),
      (e: unknown) => e instanceof GatewayError && e.status === 400 && e.message === 'tools[1].function.parameters must be a JSON Schema (an object or a boolean), got string',
    );
  });

  it('finds no schema in a request without json_schema or tool parameters', () => {
    assert.equal(requestSchemas({ response_format: { type: 'json_object' }, tools: [{ type: 'function', function: { name: 'f' } }] }, new SchemaCache(), 'report'), null);
  });

  it('takes the policy from the header, else the default, and refuses another value', () => {
    assert.equal(schemaPolicy(undefined, 'coerce'), 'coerce');
    assert.equal(schemaPolicy(' Coerce ', 'report'), 'coerce');
    assert.throws(() => schemaPolicy('fix', 'report'), (e: unknown) => e instanceof GatewayError && e.status === 400 && e.message === 'Header x-streamfix-schema must be one of report, coerce; got "fix"');
  });
});

describe('gateway schema: validation and safe coercion of one value', () => {
  const v = new SchemaCache().compile(PERSON, 'x');

  it('says valid for a matching value and lists the errors of one that does not', async () => {
    assert.deepEqual(await checkValue(v, '{"name": "Ada", "age": 36}', null, WORKER), { valid: true, errors: [], text: '', coerced: [] });
    assert.deepEqual((await checkValue(v, '{"age": "old", "admin": 1}', null, WORKER)).errors, [
      { path: '', message: "must have required property 'name'" },
      { path: '/age', message: 'must be integer' },
      { path: '/admin', message: 'must be boolean' },
    ]);
    assert.deepEqual(await checkValue(v, 'not json', null, WORKER), { valid: false, errors: [{ path: '', message: 'is not JSON, so it cannot match the schema' }], text: '', coerced: [] });
  });

  it('coerces "42" to 42, "true" to true and a single value to an array, keeping the rest of the text', async () => {
    const text = '{"name": "Ada", "age": "36", "admin": "true", "tags": "math", "score": "-1.5e3"}';
    const c = await checkValue(v, text, coerceValue(v.schema, text), WORKER);
    assert.equal(c.text, '{"name": "Ada", "age": 36, "admin": true, "tags": ["math"], "score": -1.5e3}');
    assert.equal(c.valid, true);
    assert.deepEqual(
      c.coerced.map((x) => [x.kind, x.offset, x.length, x.replacement]),
      [
        ['schema_coercion', 23, 4, '36'],
        ['schema_coercion', 38, 6, 'true'],
        ['schema_coercion', 54, 6, '["math"]'],
        ['schema_coercion', 71, 8, '-1.5e3'],
      ],
    );
  });

  it('never invents a missing required property and leaves unclear strings alone', async () => {
    const text = '{"age": "36 years", "admin": "yes", "score": "1e400"}';
    const c = await checkValue(v, text, coerceValue(v.schema, text), WORKER);
    assert.equal(c.valid, false);
    assert.deepEqual(c.coerced, []);
    assert.deepEqual(c.errors.map((e) => e.path), ['', '/age', '/admin', '/score']);
  });

  it('does not coerce under anyOf, nor a value two types could take', async () => {
    const any = new SchemaCache().compile({ type: 'object', properties: { n: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] } } }, 'x');
    assert.deepEqual((await checkValue(any, '{"n": "1"}', coerceValue(any.schema, '{"n": "1"}'), WORKER)).coerced, []);
    assert.equal(coerceText('1', '"1"', ['integer', 'array']), null);
    assert.equal(coerceText('1', '"1"', ['integer', 'null']), '1');
    assert.equal(coerceText('01', '"01"', ['integer']), null);
    assert.equal(coerceText(null, 'null', ['array']), null);
  });

  it('coerces one pass only: a wrapped "42" in an array of integers is still reported', async () => {
    const arr = new SchemaCache().compile({ type: 'array', items: { type: 'integer' } }, 'x');
    const c = await checkValue(arr, '"42"', coerceValue(arr.schema, '"42"'), WORKER);
    assert.equal(c.text, '["42"]');
    assert.deepEqual(c.errors, [{ path: '/0', message: 'must be integer' }]);
  });
});

describe('gateway schema: coercions as repairs of the raw text', () => {
  const schemas = requestSchemas(
    { response_format: { type: 'json_schema', json_schema: { name: 'p', schema: PERSON } } },
    new SchemaCache(),
    'coerce',
  )!;

  it('positions a coercion in the raw text so that all edits rebuild the output', async () => {
    const raw = "Sure!\n```json\n{name: 'Ada', \"age\": \"36\", \"tags\": \"x\",}\n```";
    const r = repairJson(raw);
    const out = await checkAnswer(schemas, 'repair', { raw, sent: r.json!, repairs: r.repairs, stripped: r.stripped }, [], true);
    assert.equal(out.content!.text, '{"name": "Ada", "age": 36, "tags": ["x"]}');
    assert.deepEqual(
      out.content!.repairs.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.replacement]),
      [
        ['schema_coercion', 35, 4, 2, 21, '36'],
        ['schema_coercion', 49, 3, 2, 35, '["x"]'],
      ],
    );
    assert.equal(applyEdits(raw, { repairs: [...r.repairs, ...out.content!.repairs], stripped: r.stripped }).trim(), out.content!.text);
    assert.deepEqual(out.report, { valid: true, errors: [] });
  });

  it('reports a value the engine itself rewrote instead of coercing it (the edits would overlap)', async () => {
    const raw = "{\"name\": \"Ada\", \"age\": '36'}";
    const r = repairJson(raw);
    const out = await checkAnswer(schemas, 'repair', { raw, sent: r.json!, repairs: r.repairs, stripped: r.stripped }, [], true);
    assert.equal(out.content, null);
    assert.deepEqual(out.report, { valid: false, errors: [{ path: '/age', message: 'must be integer' }] });
  });

  it('maps only spans copied verbatim', () => {
    const raw = '  {a: 1}';
    const r = repairJson(raw);
    const m = new OutputMapper();
    m.feed(raw, r.repairs, r.stripped, r.json!);
    assert.equal(r.json, '  {"a": 1}');
    assert.equal(m.toInput(8, 9, '1'), 6);
    assert.equal(m.toInput(3, 6, '"a"'), null);
    // the input there must read as the span does
    assert.equal(m.toInput(8, 9, '2'), null);
  });

  it('maps each span as a walk from the start would, asked in any order, edits arriving late (random)', () => {
    // toInput goes on from where its last walk stood (spans come in output order); an edit inserted before
    // that place, or a span before it, must give what a fresh walk over all the edits gives.
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    for (let round = 0; round < 300; round++) {
      const raw = Array.from({ length: 20 + rand(60) }, () => 'abcxyz'[rand(6)]).join('');
      const edits: { offset: number; length: number; text: string }[] = [];
      for (let at = 1 + rand(4); at < raw.length; at += 1 + rand(6)) {
        const length = rand(3);
        edits.push({ offset: at, length, text: ['', 'Q', 'RR', 'S'][rand(4)]! });
        at += length;
      }
      // the edited text, to ask spans that are (or are not) verbatim copies
      let edited = '';
      let pos = 0;
      for (const e of edits) {
        edited += raw.slice(pos, e.offset) + e.text;
        pos = e.offset + e.length;
      }
      edited += raw.slice(pos);
      // three feeds; one edit of a later feed now and then belongs to an earlier place
      const cuts = [0, Math.floor(raw.length / 3), Math.floor((2 * raw.length) / 3), raw.length];
      const feeds = [0, 1, 2].map((f) => ({ raw: raw.slice(cuts[f], cuts[f + 1]), edits: edits.filter((e) => e.offset >= cuts[f]! && e.offset < cuts[f + 1]!) }));
      if (feeds[0]!.edits.length > 1 && rand(2) === 0) feeds[2]!.edits.push(feeds[0]!.edits.pop()!);
      const asRepairs = (list: typeof edits): Repair[] => list.map((e) => ({ kind: 'trailing_comma', offset: e.offset, length: e.length, line: 0, column: 0, replacement: e.text, message: '' }));
      const m = new OutputMapper();
      for (let f = 0; f < 3; f++) {
        m.feed(feeds[f]!.raw, asRepairs(feeds[f]!.edits), [], f === 0 ? edited : '');
        let start = rand(4);
        for (let q = 0; q < 6; q++) {
          if (rand(5) === 0) start = rand(edited.length);
          const end = Math.min(edited.length, start + 1 + rand(5));
          const text = rand(4) === 0 ? 'zz' : edited.slice(start, end);
          const fresh = new OutputMapper();
          for (let g = 0; g <= f; g++) fresh.feed(feeds[g]!.raw, asRepairs(feeds[g]!.edits), [], g === 0 ? edited : '');
          assert.equal(m.toInput(start, end, text), fresh.toInput(start, end, text), `round ${round}, feed ${f}, span ${start}..${end} of ${JSON.stringify(edited)}`);
          start = end + rand(4);
        }
      }
    }
  });
});
