import { strict as assert } from 'node:assert';
import type { Stripped } from '../../../shared/engine';
import { createThinkSplitter, innerReasoning, splitThink } from '../../../server/gateway/thinkSplit';

/** Runs the splitter over `text` cut at the given offsets and joins both sides; the spans it recorded. */
function run(text: string, cuts: number[]): { content: string; reasoning: string; stripped: Stripped[] } {
  const s = createThinkSplitter();
  let content = '';
  let reasoning = '';
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    const o = s.push(text.slice(from, cut));
    content += o.content;
    reasoning += o.reasoning;
    from = cut;
  }
  const e = s.end();
  const stripped = s.stripped.slice();
  // the spans, taken out of the input, leave exactly the content
  let rest = text;
  for (const sp of [...stripped].reverse()) {
    assert.equal(text.slice(sp.offset, sp.offset + sp.length), sp.text);
    rest = rest.slice(0, sp.offset) + rest.slice(sp.offset + sp.length);
  }
  assert.equal(rest, content + e.content);
  return { content: content + e.content, reasoning: reasoning + e.reasoning, stripped };
}

describe('gateway/thinkSplit', () => {
  const text = 'Hi <think>a {b} "c"</think>{"x": 1}\n<thinking>more</thinking> tail';
  const want = {
    content: 'Hi {"x": 1}\n tail',
    reasoning: 'a {b} "c"more',
    stripped: [
      { kind: 'reasoning', offset: 3, line: 0, column: 3, length: 24, text: '<think>a {b} "c"</think>' },
      { kind: 'reasoning', offset: 36, line: 1, column: 0, length: 25, text: '<thinking>more</thinking>' },
    ],
  };

  it('moves think and thinking blocks to reasoning, keeps everything else as sent, and records each block', () => {
    assert.deepEqual(splitThink(text), want);
  });

  it('gives the same result for every single split point, including inside tags', () => {
    for (let i = 0; i <= text.length; i++) assert.deepEqual(run(text, [i]), want, `split at ${i}`);
  });

  it('gives the same result when fed one character at a time', () => {
    const cuts = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
    assert.deepEqual(run(text, cuts), want);
  });

  it('holds back a possible partial tag and releases it when it is not a tag', () => {
    const s = createThinkSplitter();
    assert.deepEqual(s.push('a <thi'), { content: 'a ', reasoning: '' });
    assert.deepEqual(s.push('s is <b>'), { content: '<this is <b>', reasoning: '' });
    assert.deepEqual(s.end(), { content: '', reasoning: '' });
  });

  it('treats a think block cut off by the end of the stream as reasoning', () => {
    assert.deepEqual(run('ok\n<think>still thinking </thin', [5, 15]), {
      content: 'ok\n',
      reasoning: 'still thinking </thin',
      stripped: [{ kind: 'reasoning', offset: 3, line: 1, column: 0, length: 28, text: '<think>still thinking </thin' }],
    });
  });

  it('matches tags case-insensitively', () => {
    assert.deepEqual(splitThink('<THINK>x</Think>{}'), { content: '{}', reasoning: 'x', stripped: [{ kind: 'reasoning', offset: 0, line: 0, column: 0, length: 16, text: '<THINK>x</Think>' }] });
  });

  it('strips the tags of a reasoning span recorded by the engine', () => {
    assert.equal(innerReasoning('<think>\nplan\n</think>'), '\nplan\n');
    assert.equal(innerReasoning('<thinking>p</thinking>\n'), 'p');
    assert.equal(innerReasoning('no tags</think>'), 'no tags');
  });
});
