import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createDestutterer, STUTTER_MIN_PREFIX, STUTTER_STEPS } from '../../../server/gateway/stutter';

/** What a client receives for `deltas`: every push's text and the end's, plus whether the upstream was
 * taken for cumulative. */
function run(deltas: string[]): { text: string; steps: string[]; cumulative: boolean } {
  let text = '';
  const soFar = {
    get length() {
      return text.length;
    },
    isPrefixOf: (s: string) => s.startsWith(text),
  };
  const s = createDestutterer(soFar);
  const steps: string[] = [];
  for (const d of deltas) {
    const out = s.push(d);
    steps.push(out);
    text += out;
  }
  const tail = s.end();
  steps.push(tail);
  text += tail;
  return { text, steps, cumulative: s.cumulative };
}

/** The deltas a cumulative upstream sends for text cut into `pieces`: each the whole text so far. */
function cumulativeOf(pieces: string[]): string[] {
  let soFar = '';
  return pieces.map((p) => (soFar += p));
}

describe('gateway/stutter', () => {
  it('keeps a delta that repeats everything before it: ha, haha, ! is hahaha!', () => {
    const r = run(['ha', 'haha', '!']);
    assert.deepEqual(r, { text: 'hahaha!', steps: ['ha', '', 'haha!', ''], cumulative: false });
  });

  it('keeps doubling real text that never repeats STUTTER_MIN_PREFIX characters STUTTER_STEPS times', () => {
    assert.deepEqual(run(['ab', 'abab', 'abababab', 'x']), { text: 'ababababababab' + 'x', steps: ['ab', '', '', 'ababababababx', ''], cumulative: false });
  });

  it('gives held deltas back at the end of the stream as the real text they were', () => {
    assert.deepEqual(run(['ha', 'haha']), { text: 'hahaha', steps: ['ha', '', 'haha'], cumulative: false });
  });

  it('recognises a cumulative upstream on the third long repeat and passes on only the new text from then', () => {
    // lengths 3, 9, 15, 22, 28, 30: repeats of 3 (too short), 9, 15, 22 (the third long one decides)
    const full = '{"a": 1, "b": [true, false]}!!';
    const deltas = [3, 9, 15, 22, 28, 30].map((n) => full.slice(0, n));
    assert.deepEqual(run(deltas), { text: full, steps: ['{"a', '', '', '', full.slice(3, 28), '!!', ''], cumulative: true });
  });

  it('takes a delta that does not repeat the content whole once the upstream is cumulative', () => {
    const deltas = cumulativeOf(['0123456789', 'a', 'b', 'c']);
    assert.deepEqual(run([...deltas, 'XYZ', '0123456789abcXYZ!']), {
      text: '0123456789abcXYZ!',
      steps: ['0123456789', '', '', 'abc', 'XYZ', '!', ''],
      cumulative: true,
    });
  });

  it('does not take equal deltas for evidence (a repeated token is real text)', () => {
    assert.deepEqual(run(['0123456789', '0123456789', '0123456789', '0123456789']).text, '0123456789'.repeat(4));
  });

  it('passes any non-cumulative delta sequence on as exactly its concatenation', () => {
    // a small alphabet makes repeats (and so held chains) common
    const delta = fc.string({ unit: fc.constantFrom('h', 'a', '!', ' ', '{', '"', 'é', '🌤'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 40 }), (deltas) => {
        assert.equal(run(deltas).text, deltas.join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('passes any cumulative delta sequence with the evidence on as exactly the final text', () => {
    const piece = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
    // a head of at least STUTTER_MIN_PREFIX characters, then at least STUTTER_STEPS deltas that grow it
    const head = fc.array(piece, { minLength: 1, maxLength: 10 }).filter((p) => p.join('').length >= STUTTER_MIN_PREFIX);
    const tail = fc.array(piece, { minLength: STUTTER_STEPS, maxLength: 30 });
    fc.assert(
      fc.property(head, tail, (h, t) => {
        const r = run(cumulativeOf([...h, ...t]));
        assert.equal(r.text, [...h, ...t].join(''));
        assert.equal(r.cumulative, true);
      }),
      { numRuns: 1000 },
    );
  });
});
