import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createPrettyPrinter } from '../../server/prettyPrint';

function prettyAll(text: string, cuts: number[] = [], indent?: string): string {
  const p = createPrettyPrinter(indent);
  let out = '';
  let last = 0;
  for (const c of [...cuts.map((x) => x % (text.length + 1)).sort((a, b) => a - b), text.length]) {
    out += p.push(text.slice(last, c));
    last = c;
  }
  return out + p.end();
}

describe('streaming pretty-printer', () => {
  it('lays out like JSON.stringify(value, null, 2)', () => {
    const text = '{"a":[1,{"b":null},[]],"c":{},"d":"x, y: {z}"}';
    assert.equal(prettyAll(text), JSON.stringify(JSON.parse(text), null, 2));
  });

  it('keeps number spellings and escapes as written', () => {
    assert.equal(prettyAll('[1.50, 1e3, 12345678901234567890, "\\u00e9\\"\\\\"]'), '[\n  1.50,\n  1e3,\n  12345678901234567890,\n  "\\u00e9\\"\\\\"\n]');
  });

  it('drops the input whitespace and honours a tab indent', () => {
    assert.equal(prettyAll('{ "a" :\n [ ] ,\t"b": [ 1 ] }', [], '\t'), '{\n\t"a": [],\n\t"b": [\n\t\t1\n\t]\n}');
  });

  it('holds an opening bracket back across a chunk boundary to write an empty container as {}', () => {
    const p = createPrettyPrinter();
    assert.equal(p.push('{"a": ['), '{\n  "a": ');
    assert.equal(p.push(']'), '[]');
    assert.equal(p.push('}') + p.end(), '\n}');
  });

  it('matches JSON.stringify for any JSON value at any split into chunks', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 6 }), (v, cuts) => {
        assert.equal(prettyAll(JSON.stringify(v), cuts), JSON.stringify(v, null, 2));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('with any number of spaces from 0 (compact) to 10, matches JSON.stringify(value, null, n) at any split into chunks', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 10 }), fc.array(fc.nat(), { maxLength: 6 }), (v, n, cuts) => {
        assert.equal(prettyAll(JSON.stringify(v, null, 1), cuts, ' '.repeat(n)), JSON.stringify(v, null, n));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
