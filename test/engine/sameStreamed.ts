/** Streaming must give what one-shot gives: one check for the tests that run a text every way. */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, type RepairResult } from '../../shared/engine';

/**
 * Pushes `text` split into two chunks at every point, then one character at a time, and asserts each run
 * gives `whole`'s output (FAILED: nothing), status, repairs and stripped spans.
 */
export function assertSameStreamed(text: string, whole: RepairResult): void {
  for (let k = 1; k < text.length; k++) assertSameRun([text.slice(0, k), text.slice(k)], whole, `split at ${k}`);
  assertSameRun(text.split(''), whole, 'one character at a time');
}

/** One run: `chunks` pushed in order give `whole`'s output, status, repairs and stripped spans. */
export function assertSameRun(chunks: string[], whole: RepairResult, label: string): void {
  const s = createStreamRepairer();
  let out = '';
  for (const ch of chunks) out += s.push(ch).output;
  const end = s.end();
  assert.equal(out + end.final, whole.json ?? '', label);
  assert.equal(end.status, whole.status, label);
  assert.deepEqual(end.repairs, whole.repairs, label);
  assert.deepEqual(end.stripped, whole.stripped, label);
}
