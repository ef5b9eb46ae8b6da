import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { repairJson, type RepairResult } from '../../shared/engine';
import { assertSameRun, assertSameStreamed } from './sameStreamed';
import { TRIAL7_CASES } from './trial7/cases';
import { TRIAL7_OPEN } from './trial7/open';

/** The seventh new-user trial's texts (test/engine/trial7/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials): each gives the value a user wants (or one
 * of the others the row accepts) and one of the statuses the row names, one-shot, except the open rows
 * (trial7/open.ts: design limits and open defects, each with its reason); every row, open ones too, gives
 * the same output, status, repairs and stripped spans split into two chunks at every point and pushed one
 * character at a time. */
describe('engine: the seventh new-user trial, one-shot and at every split point', () => {
  for (const t of TRIAL7_CASES) {
    const open = TRIAL7_OPEN.get(t.id);
    it(`${t.category} ${t.id}${open === undefined ? '' : ` (open: ${open.slice(0, open.indexOf(':'))})`}`, () => {
      const whole = repairJson(t.text);
      if (open === undefined) {
        const statuses = Array.isArray(t.status) ? t.status : [t.status];
        assert.ok(statuses.includes(whole.status as never), `status ${whole.status}`);
        if (t.status === 'FAILED') assert.equal(whole.json, null);
        else assert.ok(whole.json !== null && [t.want, ...(t.alsoOk ?? [])].some((w) => isDeepStrictEqual(JSON.parse(whole.json!), w)), `one-shot gave ${whole.status} ${whole.json?.slice(0, 200)}`);
      }
      if (t.text.length > 4000) sampledSameStreamed(t.text, whole);
      else assertSameStreamed(t.text, whole);
    });
  }
});

/** assertSameStreamed for a 200 KB text: every split point would be 200,000 runs of 200 KB; this splits at
 * 201 evenly spread points and the first and last 200, then pushes one character at a time. */
function sampledSameStreamed(text: string, whole: RepairResult): void {
  const points = new Set<number>();
  for (let i = 0; i <= 200; i++) points.add(Math.round((text.length * i) / 200));
  for (let i = 1; i <= 200; i++) { points.add(i); points.add(text.length - i); }
  const runs: [string[], string][] = [...points].filter((k) => k > 0 && k < text.length).map((k) => [[text.slice(0, k), text.slice(k)], `split at ${k}`]);
  runs.push([text.split(''), 'one character at a time']);
  for (const [chunks, label] of runs) assertSameRun(chunks, whole, label);
}
