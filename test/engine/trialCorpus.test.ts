import { strict as assert } from 'node:assert';
import { repairJson } from '../../shared/engine';
import { assertSameStreamed } from './sameStreamed';
import { newUserTrialCases } from '../bench/corpus/newUserTrialCases';
import { matchesValue } from '../bench/corpus/types';

/** The new-user trial's texts (never seen by the engine when they were written, see the corpus file) are
 * the bench's; here each one also has to come out the same streamed, split into two chunks at every
 * point and one character at a time, as one-shot: the answer of held text is chosen at the end, whatever
 * the chunks. */
describe('engine: the new-user trial corpus, one-shot and at every split point', () => {
  for (const c of newUserTrialCases()) {
    it(c.name, () => {
      const whole = repairJson(c.input);
      if (c.expected.kind === 'failed') assert.equal(whole.status, 'FAILED');
      else assert.ok(whole.json !== null && matchesValue(c.expected, JSON.parse(whole.json)), `one-shot gave ${whole.status} ${whole.json}`);
      assertSameStreamed(c.input, whole);
    });
  }
});
