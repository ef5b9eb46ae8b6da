/**
 * Where a schema check runs (schema.ts checkValue, schemaWorker.ts): on the event loop while its pattern
 * work (pattern units × (string length + 1), summed over the matches) stays within
 * EVENT_LOOP_PATTERN_BUDGET, else from the start on the schema thread, with the same verdicts; on the
 * thread a check that runs RE2 out of its 16 MB heap is stopped at the memory bound, and the next check
 * starts with an empty heap.
 */
import { strict as assert } from 'node:assert';
import { patternUnits } from '../../../server/gateway/patternSize';
import { re2Engine } from '../../../server/gateway/re2Engine';
import { checkValue, EVENT_LOOP_PATTERN_BUDGET, requestSchemas, SchemaCache } from '../../../server/gateway/schema';
import { checkStreamed, type StreamedAnswer } from '../../../server/gateway/schemaCheck';
import { coerceValue } from '../../../server/gateway/schemaCoerce';
import { SchemaWorker } from '../../../server/gateway/schemaWorker';

/** A fixed pseudo-random string of `n` characters from `alphabet` (a period would let RE2's DFA cache every state). */
function scrambled(n: number, alphabet: string, seed: number): string {
  const c: string[] = [];
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // the high bits: an LCG's low bits have short periods
    c.push(alphabet[(seed >>> 16) % alphabet.length]!);
  }
  return c.join('');
}

describe('schema checks: the event loop within the budget, the schema thread past it', () => {
  const worker = new SchemaWorker(60_000);
  after(() => worker.close());

  it('keeps each verdict and coercion where it runs: on the event loop up to the budget, on the thread past it', async () => {
    const pattern = '^[a-z]+( [a-z]+)*$';
    const units = patternUnits(pattern);
    const v = new SchemaCache().compile({ type: 'object', properties: { s: { type: 'string', pattern }, n: { type: 'integer' } } }, 'schema');
    // lengths around the budget: the last under it, the first over it, and far over
    const under = Math.floor(EVENT_LOOP_PATTERN_BUDGET / units) - 1;
    assert.equal(units * (under + 1) <= EVENT_LOOP_PATTERN_BUDGET && units * (under + 2) > EVENT_LOOP_PATTERN_BUDGET, true);
    for (const length of [under, under + 1, 50_000]) {
      const words = 'ab cd efgh ijk lmnopq '.repeat(length).slice(0, length).replace(/ $/, 'z');
      for (const [s, accept] of [[words, null], [words + '1', null], [words, () => true]] as const) {
        const text = `{"s": ${JSON.stringify(s)}, "n": "7"}`;
        // the reference: ajv on the event loop without a budget
        const value = JSON.parse(text) as unknown;
        const expected = re2Engine.withBudget(Infinity, () => v(value));
        const expectedErrors = (v.errors ?? []).map((e) => ({ path: e.instancePath, message: e.message }));
        const before = worker.checks;
        const over = units * (s.length + 1) > EVENT_LOOP_PATTERN_BUDGET;
        const pending = checkValue(v, text, accept ? coerceValue(v.schema, text) : null, worker);
        // on the event loop the check is done when checkValue returns: no promise
        assert.equal(pending instanceof Promise, over, `${s.length} characters`);
        const got = await pending;
        // coerced or not, one validation: the coercions are decided from the schema before it
        assert.equal(worker.checks - before, over ? 1 : 0, `${s.length} characters`);
        if (accept) {
          assert.deepEqual(got.coerced.map((c) => [c.offset, c.length, c.replacement]), [[text.length - 4, 3, '7']]);
          assert.equal(got.valid, !s.endsWith('1'));
        } else {
          assert.equal(expected, false);
          assert.deepEqual(got.errors, expectedErrors);
          assert.deepEqual(got.errors, s.endsWith('1') ? [{ path: '/s', message: `must match pattern "${pattern}"` }, { path: '/n', message: 'must be integer' }] : [{ path: '/n', message: 'must be integer' }]);
        }
      }
    }
  });

  it('a check that runs RE2 out of its heap on the thread is stopped at the memory bound; the next check runs', async function () {
    this.timeout(120_000);
    // six expressions whose DFA caches fill (measured: the fifth or sixth exhausts the 16 MB heap)
    const props: Record<string, unknown> = {};
    const value: Record<string, string> = {};
    for (let k = 18; k < 26; k++) {
      props[`p${k}`] = { type: 'string', pattern: `^[ab]*a[ab]{${k}}$` };
      value[`p${k}`] = scrambled(20_000, 'ab', k);
    }
    const v = new SchemaCache().compile({ type: 'object', properties: props }, 'schema');
    const got = await checkValue(v, JSON.stringify(value), null, worker);
    assert.equal(got.valid, null);
    assert.match(got.error!, /^the schema check stopped at its memory bound: the pattern engine \(RE2\) ran out of its 16 MB heap on pattern "\^\[ab\]\*a\[ab\]\{2[0-5]\}\$"$/);
    assert.deepEqual(got.errors, []);
    const next = new SchemaCache().compile({ type: 'object', properties: { s: { type: 'string', pattern: '^[ab]+$' } } }, 'schema');
    assert.deepEqual(await checkValue(next, JSON.stringify({ s: value.p18 }), null, worker), { valid: true, errors: [], text: '', coerced: [] });
  });

  it("a streamed answer's check is synchronous while every value stays on the event loop; one value over the budget moves and the report is the same", async () => {
    const pattern = '^[a-z]+$';
    const cache = new SchemaCache(undefined, worker);
    const body = {
      response_format: { type: 'json_schema', json_schema: { schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } } },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { s: { type: 'string', pattern } } } } }],
    };
    const schemas = requestSchemas(body, cache, 'report')!;
    // the tool call's string: a few characters, or past the budget (it moves to the thread)
    const [fits, long] = ['abc', 'a'.repeat(EVENT_LOOP_PATTERN_BUDGET)];
    const answers = (s: string): StreamedAnswer[] => [
      { index: 0, mode: 'repair', content: { raw: '{"n": 1}', sent: '{"n": 1}', repairs: [], stripped: [] }, tools: [{ index: 0, name: 'f', rawArguments: `{"s": "${s}1"}`, repairedArguments: null, status: 'VALID', repairs: [] }] },
      { index: 1, mode: 'repair', content: { raw: '{"n": "x"}', sent: '{"n": "x"}', repairs: [], stripped: [] }, tools: [{ index: 0, name: 'g', rawArguments: '{}', repairedArguments: null, status: 'VALID', repairs: [] }] },
    ];
    const expected = {
      valid: false,
      errors: [
        { path: '/s', message: `must match pattern "${pattern}"`, toolCallIndex: 0 },
        { path: '/n', message: 'must be integer', choiceIndex: 1 },
        { path: '', message: 'calls "g", a tool the request does not declare', toolCallIndex: 0, choiceIndex: 1 },
      ],
    };
    const before = worker.checks;
    const now = checkStreamed(schemas, answers(fits));
    assert.equal(now instanceof Promise, false);
    assert.deepEqual(now, expected);
    assert.equal(worker.checks, before);
    const later = checkStreamed(schemas, answers(long));
    assert.equal(later instanceof Promise, true);
    assert.deepEqual(await later, expected);
    assert.equal(worker.checks, before + 1);
  });
});
