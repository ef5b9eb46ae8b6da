/**
 * What engine19's probes hold while a stream is undecided, and where they stop holding: a `(` where a
 * value is expected (arrow function or tuple, callText.ts), an editor's line number (gutter.ts).
 */
import { strict as assert } from 'node:assert';
import { createStreamRepairer } from '../../shared/engine';
import { PAREN_PROBE_MAX } from '../../shared/engine/callText';

describe('engine19: held while undecided, bounded', () => {
  it('holds a `(` until what follows its `)` decides, then sends the tuple or the function', () => {
    const t = createStreamRepairer();
    assert.equal(t.push('{"a": (1, 2').output, '{');
    assert.equal(t.view(), '{}');
    assert.equal(t.push(')').output, '');
    assert.equal(t.push(',').output, '"a": [1, 2]');
    const f = createStreamRepairer();
    assert.equal(f.push('{"a": (x) =').output, '{');
    assert.equal(f.push('> x, "b": 1}').output, '"a": "(x) => x", "b": 1}');
  });

  it(`reads a \`(\` as a tuple once ${PAREN_PROBE_MAX} characters of it are held, before its \`)\``, () => {
    const open = '{"pts": (' + Array.from({ length: 100 }, (_, k) => k).join(', ');
    const r = createStreamRepairer();
    const out = r.push(open).output;
    assert.ok(open.length - '{"pts": '.length > PAREN_PROBE_MAX);
    assert.ok(out.startsWith('{"pts": [0, 1, 2'), out.slice(0, 40));
  });

  it("holds an editor's line number at a line's start until its separator, and removes it", () => {
    // (the text starts with prose, the gutter: its value goes out at the end, as any value in prose does)
    const r = createStreamRepairer();
    const out = r.push(' 1 | {\n 2').output + r.push(' |   "a": 1\n 3').output + r.push(' | }').output + r.end().final;
    assert.equal(out, '{\n    "a": 1\n  }');
    const j = createStreamRepairer();
    const jout = j.push('```json\n1 {\n2').output + j.push('   "a": 1,\n').output;
    assert.equal(jout, '{\n   "a": 1');
  });
});
