/**
 * Chunks of 4096 characters or more: the reasoning stage locates where such a chunk ends with the
 * segment's cursor, and for the repairer only when a position there is asked for (the next push, or an
 * end that repairs or records something). Every position below is checked against the line and column
 * counted in the text itself.
 */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, type Repair, type RepairResult } from '../../shared/engine';

/** Line and column (0-based) of `offset` in `text`, counted directly. */
function at(text: string, offset: number): { offset: number; line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { offset, line, column: offset - (before.lastIndexOf('\n') + 1) };
}

function where(r: Repair): { offset: number; line: number; column: number } {
  return { offset: r.offset, line: r.line, column: r.column };
}

/** A pretty-printed array of records, over 8,000 characters long. */
const DOC = JSON.stringify(
  Array.from({ length: 80 }, (_, i) => ({ id: i, name: `record-${i}`, tags: ['a', 'b'], nested: { ok: i % 2 === 0 } })),
  null,
  2,
);

/** The whole text pushed as `sizes` say (the last size repeats), then ended: the stream's result. */
function streamed(text: string, sizes: number[]): RepairResult & { out: string } {
  const s = createStreamRepairer();
  let out = '';
  let k = 0;
  for (let i = 0; i < text.length; k++) {
    const n = sizes[Math.min(k, sizes.length - 1)];
    out += s.push(text.slice(i, i + n)).output;
    i += n;
  }
  const e = s.end();
  return { ...e, out: out + e.final };
}

describe('engine: chunks of 4096 characters or more', () => {
  it('places the repairs at the end of a cut text one-shot at the end of the input', () => {
    assert.ok(DOC.length > 8000);
    const cut = DOC.slice(0, DOC.lastIndexOf('"record-') + 5); // inside a string, three containers open
    const r = repairJson(cut);
    assert.equal(r.status, 'TRUNCATED');
    assert.deepEqual(
      r.repairs.map((x) => x.kind),
      ['unclosed_string', 'unclosed_container'],
    );
    for (const x of r.repairs) assert.deepEqual(where(x), at(cut, cut.length));
    assert.equal(r.json, cut + '"}]');
  });

  it('gives the same repairs and positions whether a long text comes in one chunk, a long one and short ones, or short ones', () => {
    const cut = DOC.slice(0, DOC.lastIndexOf('"nested"') + 4);
    const whole = repairJson(cut);
    for (const sizes of [[cut.length], [5000, 16], [16], [4096, 4096, 7]]) {
      const s = streamed(cut, sizes);
      assert.equal(s.out, whole.json, `sizes ${sizes.join(',')}`);
      assert.deepEqual(s.repairs, whole.repairs, `sizes ${sizes.join(',')}`);
    }
    const last = whole.repairs[whole.repairs.length - 1];
    assert.equal(last.kind, 'unclosed_container');
    assert.deepEqual(where(last), at(cut, cut.length));
  });

  it('locates a long chunk before the repairs of the chunks after it', () => {
    // an unquoted key and a trailing comma past the first 5,000 characters
    const keyAt = DOC.indexOf('"name"', 6000);
    const commaAt = DOC.indexOf(']', 7000);
    const text = DOC.slice(0, keyAt) + 'name' + DOC.slice(keyAt + 6, commaAt) + ',' + DOC.slice(commaAt);
    for (const sizes of [[5000, 16], [5000, 5000], [4096, 100]]) {
      const s = streamed(text, sizes);
      assert.equal(s.status, 'REPAIRED');
      assert.equal(s.out, DOC, `sizes ${sizes.join(',')}`);
      assert.deepEqual(
        s.repairs.map((x) => [x.kind, where(x)]),
        [
          ['unquoted_key', at(text, keyAt)],
          ['trailing_comma', at(text, commaAt - 2)],
        ],
        `sizes ${sizes.join(',')}`,
      );
    }
  });

  it('places trailing text after a long complete value, and prose before it, where they are', () => {
    const text = `Here it is:\n${DOC}\nHope this helps.`;
    const r = repairJson(text);
    assert.equal(r.status, 'VALID');
    assert.equal(r.json, DOC);
    assert.deepEqual(
      r.stripped.map((x) => [x.kind, x.text, { offset: x.offset, line: x.line, column: x.column }]),
      [
        ['prose', 'Here it is:', at(text, 0)],
        ['trailing', 'Hope this helps.', at(text, text.length - 'Hope this helps.'.length)],
      ],
    );
    const s = streamed(text, [5000, 16]);
    assert.deepEqual(s.stripped, r.stripped);
  });
});
