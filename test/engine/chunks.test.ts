import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, type RepairResult } from '../../shared/engine';
import { CASES } from './cases';

/** Feed `chunks` to a stream repairer; check that output never goes back and the view stays valid. */
function stream(chunks: string[]): { out: string; result: RepairResult } {
  const r = createStreamRepairer();
  let out = '';
  for (const chunk of chunks) {
    const u = r.push(chunk);
    out += u.output;
    assert.equal(r.emitted, out, 'emitted is the concatenation of outputs');
    const view = r.view();
    if (view !== null) {
      assert.ok(view.startsWith(out), 'the view extends what was emitted');
      JSON.parse(view); // throws if the view is not valid JSON
    }
  }
  const end = r.end();
  out += end.final;
  return { out, result: end };
}

function comparable(r: RepairResult) {
  return {
    json: r.json,
    status: r.status,
    repairs: r.repairs.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.replacement]),
    stripped: r.stripped.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.text]),
  };
}

describe('engine chunk invariance', () => {
  for (const c of CASES) {
    it(`${c.category}: ${c.name} — same result at every split point and in 1-character chunks`, () => {
      const whole = comparable(repairJson(c.input));
      for (let k = 0; k <= c.input.length; k++) {
        const { out, result } = stream([c.input.slice(0, k), c.input.slice(k)]);
        assert.equal(out, c.json ?? '', `split at ${k}`);
        assert.deepEqual(comparable({ ...result, json: result.json }), whole, `split at ${k}`);
      }
      const { out, result } = stream([...c.input.split('')]);
      assert.equal(out, c.json ?? '', '1-character chunks');
      assert.deepEqual(comparable(result), whole, '1-character chunks');
    });
  }

  it('splits a surrogate pair across chunks without breaking it', () => {
    const input = '{"e": "😀"}';
    const at = input.indexOf('😀') + 1; // between the two halves
    const { out } = stream([input.slice(0, at), input.slice(at)]);
    assert.equal(out, input);
  });

  it('holds back only what it cannot decide yet', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{"a": [1, 2').output, '{"a": [1'); // `, 2` may still grow: `, 23`
    assert.equal(r.view(), '{"a": [1]}');
    assert.equal(r.push(', 3],').output, ', 2, 3]');
    assert.equal(r.view(), '{"a": [1, 2, 3]}');
    assert.equal(r.push(' "b": "long').output, ', "b": "long'); // strings stream as they come
    assert.equal(r.view(), '{"a": [1, 2, 3], "b": "long"}');
    const end = r.end();
    assert.equal(end.final, '"}');
    assert.equal(end.json, '{"a": [1, 2, 3], "b": "long"}');
    assert.equal(end.status, 'TRUNCATED');
  });

  it('streams reasoning text out of a think block as it arrives', () => {
    const r = createStreamRepairer();
    const a = r.push('<think>Let me ');
    assert.equal(a.reasoning, 'Let me ');
    assert.equal(a.phase, 'before');
    const b = r.push('think</thi');
    assert.equal(b.reasoning, 'think'); // `</thi` may be the closing tag: held
    const c = r.push('nk>{"a": 1}');
    assert.equal(c.reasoning, '');
    assert.equal(c.output, '{"a": 1}');
    assert.equal(c.stripped.length, 1);
    assert.equal(c.stripped[0].kind, 'reasoning');
    assert.equal(c.stripped[0].text, '<think>Let me think</think>');
    assert.equal(r.end().status, 'VALID');
  });

  it('reports a lone closing tag\'s reasoning when the tag arrives', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('The user wants JSON.').reasoning, '');
    const u = r.push('</think>\n{"ok": true}');
    assert.equal(u.reasoning, 'The user wants JSON.');
    assert.equal(u.output, '{"ok": true}');
  });
});
