import { strict as assert } from 'node:assert';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import { createStreamRepairer, repairJson } from '../../../shared/engine';

const data = (out: string[]) => out.map((s) => s.replace(/^data: /, '').replace(/\n\n$/, ''));

describe('gateway/streamRewrite', () => {
  it('splices the repaired content into the received text, keeping every other byte', () => {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    const input = '{"id":"a","created":1.50,"choices":[{"index":0,"delta":{"content":"[1,"}}]}';
    const expectedOut = createStreamRepairer().push('[1,').output;
    assert.notEqual(expectedOut, '[1,');
    assert.deepEqual(data(rw.onData(input)), [`{"id":"a","created":1.50,"choices":[{"index":0,"delta":{"content":${JSON.stringify(expectedOut)}}}]}`]);
  });

  it('serializes the chunk again when the upstream escapes differently', () => {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    const input = '{"created":1.50,"choices":[{"index":0,"delta":{"content":"\\u005b1,"}}]}';
    const out = createStreamRepairer().push('[1,').output;
    assert.deepEqual(data(rw.onData(input)), [JSON.stringify({ created: 1.5, choices: [{ index: 0, delta: { content: out } }] })]);
  });

  it('forwards a chunk it does not change byte for byte', () => {
    const rw = new StreamRewriter('strip', { onRepair() {} });
    // (content that starts as JSON: strip mode holds prose-started content back, see README)
    const input = '{"created":1.50,"choices":[{"index":0,"delta":{"content":"[1, 2] "}}]}';
    assert.deepEqual(data(rw.onData(input)), [input]);
  });

  it('repairs each choice of an n=2 stream on its own, closers before each finish', () => {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    const ev = (index: number, content: string, finish: string | null = null) => JSON.stringify({ choices: [{ index, delta: { content }, finish_reason: finish }] });
    const out = [
      ...rw.onData(ev(0, '{"a": [1')),
      ...rw.onData(ev(1, "{'b': tru")),
      ...rw.onData(ev(1, '', 'length')),
      ...rw.onData(ev(0, ', 2', 'length')),
      ...rw.onData('[DONE]'),
    ];
    const text = new Map<number, string>();
    const finishedAfter = new Map<number, string>();
    for (const d of data(out)) {
      if (d === '[DONE]') continue;
      for (const ch of (JSON.parse(d) as { choices: { index: number; delta: { content?: string }; finish_reason: string | null }[] }).choices) {
        assert.equal(finishedAfter.has(ch.index) && (ch.delta.content ?? '') !== '', false, 'no text after finish');
        text.set(ch.index, (text.get(ch.index) ?? '') + (ch.delta.content ?? ''));
        if (ch.finish_reason) finishedAfter.set(ch.index, ch.finish_reason);
      }
    }
    assert.equal(text.get(0), repairJson('{"a": [1, 2').json);
    assert.equal(text.get(1), repairJson("{'b': tru").json);
    assert.equal(text.get(1), '{"b": true}');
    assert.deepEqual([...finishedAfter.entries()].sort(), [
      [0, 'length'],
      [1, 'length'],
    ]);
    assert.equal(data(out).at(-1), '[DONE]');
  });

  it('counts and skips a data line that is not a JSON object', () => {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    assert.deepEqual(rw.onData('[1, 2]'), []);
    assert.deepEqual(rw.onData('oops'), []);
    assert.equal(rw.malformed, 2);
    assert.deepEqual(rw.malformedSamples, ['[1, 2]', 'oops']);
  });
});
