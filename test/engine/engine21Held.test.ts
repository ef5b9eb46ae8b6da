/**
 * What engine21's rules hold while a stream is undecided (a space after a number in an object's value, a
 * quote that closed an inner quote and the comma after it), where they stop holding, and a seeded mix of
 * such objects streamed against one-shot at every split (thousands.ts, quoteProbe.ts).
 */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson } from '../../shared/engine';
import { PROBE_MAX } from '../../shared/engine/quoteProbe';
import { mulberry32 as rng } from '../random';
import { assertSameStreamed } from './sameStreamed';

describe('engine21: thousands spaces and quoted identifiers, held while undecided, bounded', () => {
  it('holds a space after a number in an object value until the next character decides', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{"a": 5, "count": 1 ').output, '{"a": 5');
    assert.equal(r.view(), '{"a": 5}');
    assert.equal(r.push('000').output, '');
    assert.equal(r.push(', "b": 2}').output, ', "count": 1000, "b": 2}');
    assert.deepEqual(r.end().repairs.map((x) => [x.kind, x.offset, x.length, x.replacement]), [['thousands_separator', 18, 5, '1000']]);
    // a character that is no digit ends the number before the space, which is the value's white space
    const t = createStreamRepairer();
    assert.equal(t.push('{"a": 5, "count": 1 ').output, '{"a": 5');
    assert.equal(t.push('}').output, ', "count": 1 }');
    assert.equal(t.end().status, 'VALID');
  });

  it('does not hold a space after a number in an array, nor in a value of 4 digits', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('[1 ').output, '[1');
    const t = createStreamRepairer();
    assert.equal(t.push('{"a": 1234 ').output, '{"a": 1234');
  });

  it('holds a quote that closed an inner quote, its comma and the quoted word after it, until a colon or a word decides', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{"sql": "SELECT "id", "name"').output, '{"sql": "SELECT \\"id');
    assert.equal(r.view(), '{"sql": "SELECT \\"id"}');
    assert.equal(r.push(' FROM t"}').output, '\\", \\"name\\" FROM t"}');
    const k = createStreamRepairer();
    assert.equal(k.push('{"a": "say "hi", "b"').output, '{"a": "say \\"hi');
    assert.equal(k.push(': 1}').output, '", "b": 1}');
  });

  it(`holds at most ${PROBE_MAX} spaces or characters of the word: past them the quote closes the string, as before`, () => {
    const long = 'w'.repeat(PROBE_MAX + 1);
    const text = `{"a": "x "y", "${long}" z"}`;
    const r = repairJson(text);
    assert.equal(r.json, `{"a": "x \\"y", "${long}": "z\\""}`);
    assertSameStreamed(text, r);
    const spaced = `{"a": "x "y",${' '.repeat(PROBE_MAX + 1)}"b" z"}`;
    assertSameStreamed(spaced, repairJson(spaced));
  });

  it('streams as it repairs one-shot: seeded objects with spaced numbers and strings with inner quotes and commas', function () {
    this.timeout(120000);
    const next = rng(21);
    const pick = <T>(a: T[]): T => a[Math.floor(next() * a.length)];
    const seps = [' ', '\u00a0', '\u202f', '  ', ','];
    const groups = ['000', '00', '0000', '5', '250', ''];
    const number = () => pick(['1', '-12', '999', '1234', '0', '7']) + (next() < 0.8 ? pick(seps) + pick(groups) : '') + (next() < 0.3 ? pick(seps) + pick(groups) : '') + (next() < 0.2 ? '.5' : '');
    const words = ['id', 'name', 'users', 'x y', ''];
    const string = () => {
      let t = '"SELECT ' + pick(['"', '', '\'']) + pick(words) + pick(['"', '']);
      const n = Math.floor(next() * 3);
      for (let k = 0; k < n; k++) t += pick([', "', ' , "', ',"', ' "', ', ']) + pick(words) + pick(['"', '" ', '"', '": ', '']);
      return t + pick([' FROM "t"', ' x', '', ': 1', ', "z": 2']) + pick(['"', '""', '']);
    };
    for (let n = 0; n < 250; n++) {
      const members: string[] = [];
      const m = 1 + Math.floor(next() * 3);
      for (let k = 0; k < m; k++) members.push(`"k${k}": ${next() < 0.5 ? number() : string()}`);
      let text = '{' + members.join(pick([', ', ',', ' ', ',\n'])) + pick(['}', '', ' }', '\n}']);
      if (next() < 0.2) text = '[' + text + ', ' + number() + ']';
      assertSameStreamed(text, repairJson(text));
    }
  });
});
