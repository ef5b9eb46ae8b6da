import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { repairJson } from '../../shared/engine';
import { assertSameStreamed } from './sameStreamed';
import { NEW_USER_TRIAL_2 } from '../bench/corpus/newUserTrial2Cases';

/** The second new-user trial's texts (see the corpus file): each gives its expected value and status
 * one-shot, and the same output, status, repairs and stripped spans split into two chunks at every point
 * and pushed one character at a time. */
describe('engine: the second new-user trial corpus, one-shot and at every split point', () => {
  const count = new Map<string, number>();
  for (const t of NEW_USER_TRIAL_2) {
    const n = (count.get(t.style) ?? 0) + 1;
    count.set(t.style, n);
    it(`${t.style} #${n}`, () => {
      const whole = repairJson(t.text);
      assert.ok(whole.json !== null && isDeepStrictEqual(JSON.parse(whole.json), t.want), `one-shot gave ${whole.status} ${whole.json}`);
      assert.equal(whole.status, t.status);
      assertSameStreamed(t.text, whole);
    });
  }
});
