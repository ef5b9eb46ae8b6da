/**
 * The reasoning stage's behaviour table, through the splitter (the gateway's strip mode, the Messages
 * API) at every split point and in 1-character chunks; the same inputs through the engine are in
 * cases.ts (category "reasoning").
 */
import { strict as assert } from 'node:assert';
import { createReasoningSplitter, splitReasoning } from '../../shared/engine';
import { STAGE_CASES, type StageCase } from './stageCases';

function run(c: StageCase, chunks: string[]) {
  const s = createReasoningSplitter({ holdProse: c.holdProse });
  let content = '';
  let reasoning = '';
  for (const ch of chunks) {
    const o = s.push(ch);
    content += o.content;
    reasoning += o.reasoning;
  }
  const e = s.end();
  return { content: content + e.content, reasoning: reasoning + e.reasoning, stripped: s.stripped.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.text]) };
}

describe('reasoning stage (splitter)', () => {
  for (const c of STAGE_CASES) {
    it(`${c.name}: whole text, every split point and 1-character chunks`, () => {
      const want = { content: c.content, reasoning: c.reasoning, stripped: c.stripped.map((x) => [...x, c.input.slice(x[1], x[1] + x[2])]) };
      const whole = splitReasoning(c.input, { holdProse: c.holdProse });
      assert.deepEqual({ content: whole.content, reasoning: whole.reasoning, stripped: whole.stripped.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.text]) }, want);
      for (let k = 0; k <= c.input.length; k++) assert.deepEqual(run(c, [c.input.slice(0, k), c.input.slice(k)]), want, `split at ${k}`);
      assert.deepEqual(run(c, c.input.split('')), want, '1-character chunks');
      // the spans, taken out of the input, leave the content
      let rest = c.input;
      for (const sp of [...whole.stripped].reverse()) rest = rest.slice(0, sp.offset) + rest.slice(sp.offset + sp.length);
      assert.equal(rest, c.content);
    });
  }

  it('holds prose back until a lone closing tag decides it, and streams block reasoning as it comes', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('The user wants a list.</thi'), { content: '', reasoning: '' });
    assert.equal(s.held, 22);
    assert.deepEqual(s.push('nk>\n[1, 2]'), { content: '\n[1, 2]', reasoning: 'The user wants a list.' });
    assert.deepEqual(s.push('<think>more '), { content: '', reasoning: 'more ' });
    assert.deepEqual(s.push('thought</think>'), { content: '', reasoning: 'thought' });
    assert.deepEqual(s.end(), { content: '', reasoning: '' });
  });

  it('sends text that starts as JSON at once', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('  {"a": '), { content: '  {"a": ', reasoning: '' });
    assert.equal(s.held, 0);
  });

  it('releases held prose at the end of the input', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('Hello there.'), { content: '', reasoning: '' });
    assert.deepEqual(s.end(), { content: 'Hello there.', reasoning: '' });
  });
});
