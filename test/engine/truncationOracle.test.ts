/** The truncation oracle used by the property tests and the benchmark corpus: it must accept exactly
 * "everything complete kept, the cut value closed or dropped". */
import assert from 'node:assert/strict';
import { applyEverywhere, OPERATORS } from '../bench/corpus/corrupt';
import { truncationCandidates } from '../bench/corpus/truncationOracle';

const doc = '{"a": [1, 23], "s": "h\\u00e9llo", "k": true, "o": {"x": null}}';
const at = (prefix: string) => {
  assert.ok(doc.startsWith(prefix));
  return truncationCandidates(doc, prefix.length);
};

describe('truncation oracle', () => {
  it('closes or drops a cut number, never keeping a bare minus', () => {
    assert.deepEqual(at('{"a": [1, 2'), [{ a: [1, 2] }, { a: [1] }, { a: [1, 2] }]);
    assert.deepEqual(truncationCandidates('[1, -5]', 5), [[1], [1], [1]]);
  });

  it('closes a cut string with the characters read, dropping a half-read escape', () => {
    assert.deepEqual(at('{"a": [1, 23], "s": "h\\u00')[0], { a: [1, 23], s: 'h' });
    assert.deepEqual(at('{"a": [1, 23], "s": "h\\u00e9l')[0], { a: [1, 23], s: 'hél' });
    assert.deepEqual(at('{"a": [1, 23], "s": "h\\u00e9l')[1], { a: [1, 23] });
  });

  it('drops a dangling key or colon and completes a keyword prefix', () => {
    assert.deepEqual(at('{"a": [1, 23], "s'), [{ a: [1, 23] }, { a: [1, 23] }, { a: [1, 23] }]);
    assert.deepEqual(at('{"a": [1, 23], "s":'), [{ a: [1, 23] }, { a: [1, 23] }, { a: [1, 23] }]);
    assert.deepEqual(at('{"a": [1, 23], "s": "h\\u00e9llo", "k": tr')[0], { a: [1, 23], s: 'héllo', k: true });
  });

  it('keeps opened containers, closed, with their complete content', () => {
    assert.deepEqual(at('{"a": [1, 23], "s": "h\\u00e9llo", "k": true, "o": {'), [
      { a: [1, 23], s: 'héllo', k: true, o: {} },
      { a: [1, 23], s: 'héllo', k: true, o: {} },
      { a: [1, 23], s: 'héllo', k: true, o: {} },
    ]);
  });

  it('offers the string without a lone high surrogate as a third answer', () => {
    const j = '["😀"]';
    assert.deepEqual(truncationCandidates(j, 3), [['\ud83d'], [], ['']]);
  });
});

describe('corruption operators', () => {
  it('write each defect where intended', () => {
    const j = '{"a": [1, true], "b": "x\\ny"}';
    const by = (name: string) => applyEverywhere(j, OPERATORS.find((o) => o.name === name)!);
    assert.equal(by('trailing comma'), '{"a": [1, true,], "b": "x\\ny",}');
    assert.equal(by('missing comma'), '{"a": [1 true] "b": "x\\ny"}');
    assert.equal(by('unquoted key'), '{a: [1, true], b: "x\\ny"}');
    assert.equal(by('single quotes'), "{'a': [1, true], 'b': \"x\\ny\"}");
    assert.equal(by('python literal'), '{"a": [1, True], "b": "x\\ny"}');
    assert.equal(by('raw newline'), '{"a": [1, true], "b": "x\ny"}');
  });
});
