import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { repairJson } from '../../shared/engine';
import { assertSameStreamed } from './sameStreamed';
import { TRIAL4_CASES } from './trial4/cases';
import { TRIAL4_ROUND2 } from './trial4/cases2';

/** The fourth new-user trial's texts (test/engine/trial4/cases.ts and cases2.ts, written before reading
 * the engine or the corpus): each gives the value and the status the user expects one-shot (`expected:
 * null`: FAILED, no answer in the text), except the `open` ones (the design limit: the value corrected
 * after a JSON-started text, which the test finds in a `correction` span instead), and the same output,
 * status, repairs and stripped spans split into two chunks at every point and pushed one character at a time. */
describe('engine: the fourth new-user trial, one-shot and at every split point', () => {
  const count = new Map<string, number>();
  for (const [round, t] of [...TRIAL4_CASES.map((c) => [1, c] as const), ...TRIAL4_ROUND2.map((c) => [2, c] as const)]) {
    const n = (count.get(t.category) ?? 0) + 1;
    count.set(t.category, n);
    it(`round ${round} ${t.category} #${n}${t.open ? ' (the design limit: corrected value in a correction span)' : ''}`, () => {
      const whole = repairJson(t.text);
      if (t.open) {
        assert.ok(whole.stripped.some((s) => s.kind === 'correction' && isDeepStrictEqual(JSON.parse(s.text), t.expected)), JSON.stringify(whole.stripped));
      } else {
        if (t.expected === null) assert.equal(whole.json, null);
        else assert.ok(whole.json !== null && isDeepStrictEqual(JSON.parse(whole.json), t.expected), `one-shot gave ${whole.status} ${whole.json}`);
        assert.equal(whole.status, t.status);
      }
      assertSameStreamed(t.text, whole);
    });
  }
});
