import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { repairJson } from '../../shared/engine';
import { assertSameStreamed } from './sameStreamed';
import { STATUS_OF, TRIAL3_CASES } from './trial3/cases';
import { TRIAL3_ROUND2 } from './trial3/cases2';

/** The third new-user trial's texts (test/engine/trial3/cases.ts and cases2.ts, written before reading
 * the engine): each gives the value the user expects and its status one-shot (except the `open` ones:
 * a known limit or an ambiguous expectation, see the case), and the same output, status, repairs and
 * stripped spans split into two chunks at every point and pushed one character at a time. */
describe('engine: the third new-user trial, one-shot and at every split point', () => {
  const count = new Map<string, number>();
  for (const [round, t] of [...TRIAL3_CASES.map((c) => [1, c] as const), ...TRIAL3_ROUND2.map((c) => [2, c] as const)]) {
    const n = (count.get(t.category) ?? 0) + 1;
    count.set(t.category, n);
    it(`round ${round} ${t.category} #${n}${t.open ? ` (value not asserted: ${t.open})` : ''}`, () => {
      const whole = repairJson(t.text);
      if (!t.open) assert.ok(whole.json !== null && isDeepStrictEqual(JSON.parse(whole.json), t.expected), `one-shot gave ${whole.status} ${whole.json}`);
      if (!t.open) assert.equal(whole.status, STATUS_OF(t));
      // the known limit: the first value was streamed, the corrected one is kept as a `correction` span
      if (t.open?.startsWith('known limit')) assert.ok(whole.stripped.some((s) => s.kind === 'correction' && isDeepStrictEqual(JSON.parse(s.text), t.expected)), JSON.stringify(whole.stripped));
      assertSameStreamed(t.text, whole);
    });
  }
});
