import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson } from '../../shared/engine';
import { newUserTrialCases } from '../bench/corpus/newUserTrialCases';
import { matchesValue } from '../bench/corpus/types';

/** The new-user trial's texts (never seen by the engine when they were written, see the corpus file) are
 * the bench's; here each one also has to come out the same streamed, split into two chunks at every
 * point, as one-shot: the answer of held text is chosen at the end, whatever the chunks. */
describe('engine: the new-user trial corpus, one-shot and at every split point', () => {
  for (const c of newUserTrialCases()) {
    it(c.name, () => {
      const whole = repairJson(c.input);
      if (c.expected.kind === 'failed') assert.equal(whole.status, 'FAILED');
      else assert.ok(whole.json !== null && matchesValue(c.expected, JSON.parse(whole.json)), `one-shot gave ${whole.status} ${whole.json}`);
      for (let k = 1; k < c.input.length; k++) {
        const s = createStreamRepairer();
        const out = s.push(c.input.slice(0, k)).output + s.push(c.input.slice(k)).output;
        const end = s.end();
        assert.equal(out + end.final, whole.json ?? '', `split at ${k}`);
        assert.equal(end.status, whole.status, `split at ${k}`);
        assert.deepEqual(end.stripped, whole.stripped, `split at ${k}`);
      }
    });
  }
});
