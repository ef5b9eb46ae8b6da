/**
 * Schema patterns run on RE2 (schemaPattern.ts): linear time whatever the pattern, with ECMA-262 `u`
 * meaning, and a pattern RE2 cannot run refused when the schema is compiled. No timing here: a pattern
 * that backtracked would hang the test until mocha's timeout.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { GatewayError } from '../../../server/gateway/errors';
import { checkValue, SchemaCache } from '../../../server/gateway/schema';
import { coerceValue } from '../../../server/gateway/schemaCoerce';
import { SchemaWorker } from '../../../server/gateway/schemaWorker';
import { MAX_PATTERN_UNITS, patternUnits } from '../../../server/gateway/patternSize';
import { freshWrappedRE2, PATTERN_CACHE_SIZE, re2Engine, Re2OutOfMemory } from '../../../server/gateway/re2Engine';
import { linearRegExp, toRe2Source } from '../../../server/gateway/schemaPattern';

/** Where checks over the event loop's pattern budget run (started only by those). */
const WORKER = new SchemaWorker();
after(() => WORKER.close());

const CATASTROPHIC = { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } };

/** Each case's answers against V8's own `u` RegExp: the two engines must agree. */
function sameAsV8(pattern: string, inputs: string[]): boolean[] {
  const rx = linearRegExp(pattern, 'u');
  const got = inputs.map((s) => rx.test(s));
  assert.deepEqual(got, inputs.map((s) => new RegExp(pattern, 'u').test(s)), pattern);
  return got;
}

describe('schema patterns: RE2, linear time, ECMA u semantics', () => {
  it('a catastrophic pattern with a 40-character answer is simply invalid, with ajv\'s error', async () => {
    const v = new SchemaCache().compile(CATASTROPHIC, 'schema');
    const answer = JSON.stringify({ a: 'a'.repeat(39) + '!' });
    assert.deepEqual(await checkValue(v, answer, null, WORKER), { valid: false, errors: [{ path: '/a', message: 'must match pattern "^(a+)+$"' }], text: '', coerced: [] });
    assert.deepEqual(await checkValue(v, JSON.stringify({ a: 'a'.repeat(5000) }), null, WORKER), { valid: true, errors: [], text: '', coerced: [] });
    assert.deepEqual((await checkValue(v, JSON.stringify({ a: 'a'.repeat(5000) + '!' }), null, WORKER)).valid, false);
  });

  it('. and ^.$ take one code point (an emoji, a lone surrogate), never a line terminator', () => {
    assert.deepEqual(sameAsV8('^.$', ['😀', '\ud800', 'x', '\n', '\r', '\u2028', '\u2029', 'ab', '']), [true, true, true, false, false, false, false, false, false]);
    assert.deepEqual(sameAsV8('^[.]$', ['.', 'x']), [true, false]);
  });

  it('\\p{…} property classes, astral ranges and escapes, escaped surrogate pairs', () => {
    assert.deepEqual(sameAsV8('^\\p{L}+$', ['héllo', '日本語', 'Ωmega', 'a1', '']), [true, true, true, false, false]);
    assert.deepEqual(sameAsV8('^\\p{Lu}\\P{Lu}$', ['Éa', 'éa', 'ÉÉ']), [true, false, false]);
    assert.deepEqual(sameAsV8('^[😀-😂]{2}$', ['😁😂', '😃😀', 'ab']), [true, false, false]);
    assert.deepEqual(sameAsV8('^\\u{1F600}\\uD83D\\uDE01$', ['😀😁', '😀']), [true, false]);
  });

  it('\\s and \\S are ECMA white space (no-break space, BOM, line separators), in and out of classes', () => {
    assert.deepEqual(sameAsV8('^\\s$', [' ', '\t', '\u00a0', '\ufeff', '\u2028', '\u3000', 'x', '\u200b']), [true, true, true, true, true, true, false, false]);
    assert.deepEqual(sameAsV8('^\\S$', ['x', '\u00a0', '😀']), [true, false, true]);
    assert.deepEqual(sameAsV8('^[a\\s]+$', ['a\u00a0a', 'ab']), [true, false]);
    assert.deepEqual(sameAsV8('^\\\\s$', ['\\s', ' ']), [true, false]);
  });

  it('[] matches nothing and [^] anything, as in ECMA', () => {
    assert.deepEqual(sameAsV8('^[]$', ['', 'x', ']']), [false, false, false]);
    assert.deepEqual(sameAsV8('^[^]$', ['\n', '😀', '']), [true, true, false]);
  });

  it('translates only what differs', () => {
    assert.equal(toRe2Source('^a\\.b[.]$'), '^a\\.b[.]$');
    assert.equal(toRe2Source('^.$'), '^[^\\n\\r\\x{2028}\\x{2029}]$');
  });

  it('a pattern RE2 cannot run in linear time is a 400 naming the pattern and the reason', () => {
    const cases: [string, string][] = [
      ['^(a)\\1$', 'invalid escape sequence: \\1'],
      ['^(?=a)a', 'invalid perl operator: (?='],
      ['(?<!a)b', 'invalid perl operator: (?<'],
      ['^a{1,1001}$', 'invalid repetition size: {1,1001}'],
      ['^[\\S]$', '\\S inside a character class'],
    ];
    for (const [pattern, reason] of cases) {
      const schema = { type: 'object', properties: { a: { type: 'string', pattern } } };
      assert.throws(
        () => new SchemaCache().compile(schema, 'response_format.json_schema.schema'),
        (e: unknown) => {
          assert.ok(e instanceof GatewayError);
          assert.equal(e.status, 400);
          assert.equal(
            e.message,
            `response_format.json_schema.schema is not a valid JSON Schema: pattern "${pattern}" cannot be checked in linear time (${reason}); backreferences, lookahead, lookbehind and repeat counts over 1000 are not supported`,
          );
          return true;
        },
      );
    }
  });

  it('a pattern that is not ECMA-262 stays a syntax error (V8 compiles it, never runs it)', () => {
    assert.throws(() => new SchemaCache().compile({ type: 'string', pattern: 'a{' }, 'schema'), {
      message: 'schema is not a valid JSON Schema: Invalid regular expression: /a{/u: Incomplete quantifier',
    });
  });

  it('patternProperties run on RE2 too', async () => {
    const v = new SchemaCache().compile({ type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } }, 'schema');
    assert.deepEqual(await checkValue(v, JSON.stringify({ ['a'.repeat(40) + '!']: 'x', aa: 1 }), null, WORKER), { valid: true, errors: [], text: '', coerced: [] });
    assert.deepEqual((await checkValue(v, '{"aaa": "x"}', null, WORKER)).errors, [{ path: '/aaa', message: 'must be integer' }]);
  });

  it('more distinct patterns than the cache holds: evicted ones are freed and compiled again when used', () => {
    const rxs = Array.from({ length: PATTERN_CACHE_SIZE + 50 }, (_, i) => linearRegExp(`^p${i}(x|y)*$`, 'u'));
    assert.deepEqual([rxs[0]!.test('p0xyx'), rxs[0]!.test('p1x'), rxs.at(-1)!.test(`p${PATTERN_CACHE_SIZE + 49}y`)], [true, false, true]);
  });
});

describe('schema patterns: a size bound, and recovery when RE2 dies anyway', () => {
  it("estimates a pattern's program: repeat counts multiply, classes weigh by their ranges", () => {
    const cases: [string, number][] = [
      ['^[a-z]{2,8}$', 11],
      ['^[A-Z]{2}\\d{6}$', 12],
      ['^\\S+@\\S+$', 61],
      ['a{1000}', 1001],
      ['.{1000}', 28001],
      ['(abc|def){1000}', 8001],
      ['[\\u0100-\\uffff]{10}', 81],
      ['[^]', 11],
      ['x{3,}', 5],
      ['\\p{Nd}', 226],
      ['\\p{L}{10}', 20621],
      ['(\\p{L}{3}){2}', 12377],
      ["[\\p{L} '-]{1,100}", 206501],
    ];
    assert.deepEqual(cases.map(([p]) => [p, patternUnits(p)]), cases);
  });

  it('a pattern over the bound is a 400 naming it, before RE2 compiles it', () => {
    for (const [pattern, units] of [['^\\p{L}{100}$', '206,203'], ['(.{100}){20}', '56,041']] as const) {
      assert.throws(
        () => new SchemaCache().compile({ type: 'object', properties: { a: { type: 'string', pattern } } }, 'response_format.json_schema.schema'),
        (e: unknown) => {
          assert.ok(e instanceof GatewayError);
          assert.equal(e.status, 400);
          assert.equal(
            e.message,
            `response_format.json_schema.schema is not a valid JSON Schema: pattern "${pattern}" is too large for the pattern engine (its program is estimated at ${units} units, at most 10,000); a repeat count multiplies the size of what it repeats (. counts 28, \\p{L} 2062): use + or * with minLength / maxLength instead of a large count`,
          );
          return true;
        },
      );
    }
    assert.equal(MAX_PATTERN_UNITS, 10_000);
    // just under it: compiles and runs
    assert.deepEqual([patternUnits('^\\p{L}{4}$'), linearRegExp('^\\p{L}{4}$', 'u').test('ébçd'), patternUnits('^.{350}$')], [8251, true, 9803]);
  });

  it('a real heap exhaustion (\\p{L}{100}, past the bound) replaces the instance: the pattern is too large, the next ones work', async function () {
    this.timeout(60_000);
    const messages: string[] = [];
    const off = re2Engine.onRestart((m) => messages.push(m));
    try {
      const before = new SchemaCache().compile({ type: 'string', pattern: '^c+$' }, 'schema');
      const restarts = re2Engine.restarts;
      // straight to the engine, past the size bound: the one way a pattern can still exhaust the heap
      assert.throws(
        () => re2Engine.compile('\\p{L}{100}', toRe2Source('\\p{L}{100}'), 0),
        (e: unknown) => {
          assert.ok(e instanceof Re2OutOfMemory);
          assert.match(e.reason, /^abort\(Cannot enlarge memory arrays to size \d+ bytes \(OOM\)\. Either/);
          return true;
        },
      );
      // once in the used instance, once more in a fresh one: both died and were replaced
      assert.equal(re2Engine.restarts - restarts, 2);
      assert.equal(messages.length, 2);
      assert.match(messages[0]!, /^the pattern engine \(RE2\) died \(abort\(Cannot enlarge memory arrays .*\) at pattern "\\p\{L\}\{100\}"; a new instance replaced it, compiled patterns are compiled again on their next use$/);
      assert.equal(linearRegExp('^b+\\p{L}$', 'u').test('bbé'), true);
      assert.deepEqual([(await checkValue(before, '"cc"', null, WORKER)), (await checkValue(before, '"cd"', null, WORKER)).valid], [{ valid: true, errors: [], text: '', coerced: [] }, false]);
    } finally {
      off();
    }
  });

  it('a death under a check is an error of that check (no verdict, no coercion), and the next check runs in a new instance', async () => {
    const v = new SchemaCache().compile({ type: 'object', properties: { a: { type: 'string', pattern: '^a+$' }, n: { type: 'integer' } } }, 'schema');
    assert.equal((await checkValue(v, '{"a": "b"}', null, WORKER)).valid, false);
    const restarts = re2Engine.restarts;
    re2Engine.failNextCall('test: died');
    assert.deepEqual(await checkValue(v, '{"a": "b", "n": "4"}', coerceValue(v.schema, '{"a": "b", "n": "4"}'), WORKER), {
      valid: null,
      error: 'the pattern engine (RE2) failed, pattern "^a+$" could not be checked: abort(test: died)',
      errors: [],
      text: '',
      coerced: [],
    });
    assert.equal(re2Engine.restarts, restarts + 1);
    assert.deepEqual(await checkValue(v, '{"a": "b"}', null, WORKER), { valid: false, errors: [{ path: '/a', message: 'must match pattern "^a+$"' }], text: '', coerced: [] });
    assert.deepEqual(await checkValue(v, '{"a": "aa"}', null, WORKER), { valid: true, errors: [], text: '', coerced: [] });
  });

  it('a death while a new schema compiles is recovered at once: the schema compiles again in a new instance', async () => {
    const restarts = re2Engine.restarts;
    re2Engine.failNextCall('test: died');
    const v = new SchemaCache().compile({ type: 'string', pattern: '^new-one$' }, 'schema');
    assert.equal(re2Engine.restarts, restarts + 1);
    assert.equal((await checkValue(v, '"new-one"', null, WORKER)).valid, true);
  });

  it('a value nested too deeply for ajv\'s recursion (20,000 arrays, a recursive schema) is a check that could not run, not a verdict', async () => {
    const v = new SchemaCache().compile({ $ref: '#/definitions/n', definitions: { n: { type: 'array', items: { $ref: '#/definitions/n' } } } }, 'schema');
    assert.deepEqual(await checkValue(v, '[[[]]]', null, WORKER), { valid: true, errors: [], text: '', coerced: [] });
    assert.deepEqual(await checkValue(v, '['.repeat(20_000) + ']'.repeat(20_000), null, WORKER), {
      valid: null,
      error: 'the schema check could not run: the value is nested too deeply (Maximum call stack size exceeded)',
      errors: [],
      text: '',
      coerced: [],
    });
  });

  it('the build puts the glue beside the bundle: dist/re2-glue.js evaluated with dist/re2.wasm is a working instance of its own', () => {
    // npm test builds first; the daemon's bundle (dist/main.js) makes its new instances from this file
    const W = freshWrappedRE2(join(__dirname, '..', '..', '..', 'dist', 're2-glue.js')) as new (p: string, i: boolean, m: boolean, d: boolean) => { ok(): boolean; match(s: string, at: number, groups: boolean): { index: number } };
    const rx = new W('^a+\\x{e9}$', false, false, false);
    assert.deepEqual([rx.ok(), rx.match('aaé', 0, false).index, rx.match('b', 0, false).index], [true, 0, -1]);
  });
});
