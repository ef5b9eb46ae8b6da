/**
 * Schema patterns run on RE2 (schemaPattern.ts): linear time whatever the pattern, with ECMA-262 `u`
 * meaning, and a pattern RE2 cannot run refused when the schema is compiled. No timing here: a pattern
 * that backtracked would hang the test until mocha's timeout.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { GatewayError } from '../../../server/gateway/errors';
import { checkValue, SchemaCache } from '../../../server/gateway/schema';
import { linearRegExp, PATTERN_CACHE_SIZE, toRe2Source } from '../../../server/gateway/schemaPattern';

const CATASTROPHIC = { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } };

/** Each case's answers against V8's own `u` RegExp: the two engines must agree. */
function sameAsV8(pattern: string, inputs: string[]): boolean[] {
  const rx = linearRegExp(pattern, 'u');
  const got = inputs.map((s) => rx.test(s));
  assert.deepEqual(got, inputs.map((s) => new RegExp(pattern, 'u').test(s)), pattern);
  return got;
}

describe('schema patterns: RE2, linear time, ECMA u semantics', () => {
  it('a catastrophic pattern with a 40-character answer is simply invalid, with ajv\'s error', () => {
    const v = new SchemaCache().compile(CATASTROPHIC, 'schema');
    const answer = JSON.stringify({ a: 'a'.repeat(39) + '!' });
    assert.deepEqual(checkValue(v, answer, null), { valid: false, errors: [{ path: '/a', message: 'must match pattern "^(a+)+$"' }], text: '', coerced: [] });
    assert.deepEqual(checkValue(v, JSON.stringify({ a: 'a'.repeat(5000) }), null), { valid: true, errors: [], text: '', coerced: [] });
    assert.deepEqual(checkValue(v, JSON.stringify({ a: 'a'.repeat(5000) + '!' }), null).valid, false);
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

  it('patternProperties run on RE2 too', () => {
    const v = new SchemaCache().compile({ type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } }, 'schema');
    assert.deepEqual(checkValue(v, JSON.stringify({ ['a'.repeat(40) + '!']: 'x', aa: 1 }), null), { valid: true, errors: [], text: '', coerced: [] });
    assert.deepEqual(checkValue(v, '{"aaa": "x"}', null).errors, [{ path: '/aaa', message: 'must be integer' }]);
  });

  it('more distinct patterns than the cache holds: evicted ones are freed and compiled again when used', () => {
    const rxs = Array.from({ length: PATTERN_CACHE_SIZE + 50 }, (_, i) => linearRegExp(`^p${i}(x|y)*$`, 'u'));
    assert.deepEqual([rxs[0]!.test('p0xyx'), rxs[0]!.test('p1x'), rxs.at(-1)!.test(`p${PATTERN_CACHE_SIZE + 49}y`)], [true, false, true]);
  });
});

describe('schema patterns: when re2-wasm\'s fixed 16 MB heap runs out', () => {
  it('the pattern that did it and every new one are refused with the reason; compiled ones keep working; no crash', () => {
    // in a child process: the abort kills re2-wasm's module for the life of the process
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 're2Abort.ts')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [before, compile, after, next] = JSON.parse(r.stdout) as [unknown, string, unknown, string];
    const reason = /cannot be checked: (abort\(Cannot enlarge memory arrays .*)$/.exec(compile)?.[1];
    assert.match(reason!, /\(OOM\)/);
    assert.deepEqual(before, { valid: true, errors: [], text: '', coerced: [] });
    assert.equal(compile, `schema is not a valid JSON Schema: the pattern engine (RE2) failed, pattern "\\p{L}{1000}" cannot be checked: ${reason}`);
    assert.deepEqual(after, { valid: true, errors: [], text: '', coerced: [] });
    assert.equal(next, `schema is not a valid JSON Schema: the pattern engine (RE2) failed, pattern "^b$" cannot be checked: ${reason}`);
  });
});
