import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { repairJson } from '../../shared/engine';
import { assertSameStreamed } from './sameStreamed';
import { TRIAL5_DESIGN_LIMITS, trial5Cases } from './trial5/cases';
import { trial5Round2 } from './trial5/cases2';

/** The fifth new-user trial's texts (test/engine/trial5/cases.ts, written before any run and before
 * reading the engine or the corpus; cases2.ts, round 2, written after round 1's fixes to probe them): each gives the value (and, where a row pins it, the exact text) and
 * the status the user expects one-shot (`value: null`: FAILED), except the design limits (their wanted
 * value is found in a `correction` span, the status REPAIRED), and the same output, status, repairs and
 * stripped spans split into two chunks at every point and pushed one character at a time. */
describe('engine: the fifth new-user trial, one-shot and at every split point', () => {
  for (const [round, t] of [...trial5Cases.map((x) => [1, x] as const), ...trial5Round2.map((x) => [2, x] as const)]) {
    const limit = TRIAL5_DESIGN_LIMITS.has(t.name);
    it(`round ${round} ${t.category}: ${t.name}${limit ? ' (the design limit: wanted value in a correction span)' : ''}`, () => {
      const whole = repairJson(t.text);
      if (limit) {
        assert.ok(whole.stripped.some((s) => s.kind === 'correction' && isDeepStrictEqual(JSON.parse(s.text), t.value)), JSON.stringify(whole.stripped));
        assert.equal(whole.status, 'REPAIRED');
      } else {
        if (t.value === null) assert.equal(whole.json, null);
        else assert.ok(whole.json !== null && isDeepStrictEqual(JSON.parse(whole.json), t.value), `one-shot gave ${whole.status} ${whole.json}`);
        if (t.json !== undefined) assert.equal(whole.json, t.json);
        assert.equal(whole.status, t.status);
      }
      assertSameStreamed(t.text, whole);
    });
  }
});
