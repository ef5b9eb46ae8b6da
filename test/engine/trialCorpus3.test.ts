import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { createStreamRepairer, repairJson } from '../../shared/engine';
import { STATUS_OF, TRIAL3_CASES } from './trial3/cases';

/** The third new-user trial's texts (test/engine/trial3/cases.ts, written before reading the engine):
 * each gives the value the user expects and its status one-shot, and the same output, status, repairs
 * and stripped spans split into two chunks at every point and pushed one character at a time. */
describe('engine: the third new-user trial, one-shot and at every split point', () => {
  const count = new Map<string, number>();
  for (const t of TRIAL3_CASES) {
    const n = (count.get(t.category) ?? 0) + 1;
    count.set(t.category, n);
    it(`${t.category} #${n}`, () => {
      const whole = repairJson(t.text);
      assert.ok(whole.json !== null && isDeepStrictEqual(JSON.parse(whole.json), t.expected), `one-shot gave ${whole.status} ${whole.json}`);
      assert.equal(whole.status, STATUS_OF(t));
      const same = (chunks: string[], label: string) => {
        const s = createStreamRepairer();
        let out = '';
        for (const ch of chunks) out += s.push(ch).output;
        const end = s.end();
        assert.equal(out + end.final, whole.json, label);
        assert.equal(end.status, whole.status, label);
        assert.deepEqual(end.repairs, whole.repairs, label);
        assert.deepEqual(end.stripped, whole.stripped, label);
      };
      for (let k = 1; k < t.text.length; k++) same([t.text.slice(0, k), t.text.slice(k)], `split at ${k}`);
      same(t.text.split(''), 'one character at a time');
    });
  }
});
