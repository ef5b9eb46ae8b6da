import { strict as assert } from 'node:assert';
import { createThinkSplitter, innerReasoning, splitThink } from '../../../server/gateway/thinkSplit';

/** Runs the splitter over `text` cut at the given offsets and joins both sides. */
function run(text: string, cuts: number[]): { content: string; reasoning: string } {
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
  return { content: content + e.content, reasoning: reasoning + e.reasoning };
}

describe('gateway/thinkSplit', () => {
  const text = 'Hi <think>a {b} "c"</think>{"x": 1}<thinking>more</thinking> tail';

  it('moves think and thinking blocks to reasoning and keeps everything else as sent', () => {
    assert.deepEqual(splitThink(text), { content: 'Hi {"x": 1} tail', reasoning: 'a {b} "c"more' });
  });

  it('gives the same result for every single split point, including inside tags', () => {
    for (let i = 0; i <= text.length; i++) assert.deepEqual(run(text, [i]), { content: 'Hi {"x": 1} tail', reasoning: 'a {b} "c"more' }, `split at ${i}`);
  });

  it('gives the same result when fed one character at a time', () => {
    const cuts = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
    assert.deepEqual(run(text, cuts), { content: 'Hi {"x": 1} tail', reasoning: 'a {b} "c"more' });
  });

  it('holds back a possible partial tag and releases it when it is not a tag', () => {
    const s = createThinkSplitter();
    assert.deepEqual(s.push('a <thi'), { content: 'a ', reasoning: '' });
    assert.deepEqual(s.push('s is <b>'), { content: '<this is <b>', reasoning: '' });
    assert.deepEqual(s.end(), { content: '', reasoning: '' });
  });

  it('treats a think block cut off by the end of the stream as reasoning', () => {
    assert.deepEqual(run('<think>still thinking </thin', [3, 12]), { content: '', reasoning: 'still thinking </thin' });
  });

  it('matches tags case-insensitively', () => {
    assert.deepEqual(splitThink('<THINK>x</Think>{}'), { content: '{}', reasoning: 'x' });
  });

  it('strips the tags of a reasoning span recorded by the engine', () => {
    assert.equal(innerReasoning('<think>\nplan\n</think>'), '\nplan\n');
    assert.equal(innerReasoning('<thinking>p</thinking>\n'), 'p');
    assert.equal(innerReasoning('no tags</think>'), 'no tags');
  });
});
