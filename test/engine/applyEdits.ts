import { strict as assert } from 'node:assert';
import type { Repair, Stripped } from '../../shared/engine';

/** Apply the repairs to the input and remove the stripped spans: the result must be the JSON (up to
 * the whitespace around it), so each repair is a real, self-contained edit (what the quick fixes use). */
export function applyEdits(input: string, r: { repairs: readonly Repair[]; stripped: readonly Stripped[] }): string {
  const edits = [
    ...r.repairs.map((x) => ({ offset: x.offset, length: x.length, text: x.replacement })),
    ...r.stripped.map((x) => ({ offset: x.offset, length: x.length, text: '' })),
  ].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    assert.ok(e.offset >= pos || e.length === 0, `edits overlap at ${e.offset}`);
    out += input.slice(pos, Math.max(pos, e.offset)) + e.text;
    pos = Math.max(pos, e.offset + e.length);
  }
  return out + input.slice(pos);
}
