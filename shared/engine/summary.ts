import { REPAIR_LABELS } from './messages';
import type { RepairKind, RepairResult } from './types';

/**
 * A one-line account of what a repair changed, for messages such as
 * "Repaired: 2 trailing commas, 1 unquoted key; stripped a think block".
 */
export function summarizeRepairs(result: Pick<RepairResult, 'repairs' | 'stripped'>): string {
  const counts = new Map<RepairKind, number>();
  for (const r of result.repairs) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const parts: string[] = [];
  for (const [kind, n] of counts) parts.push(`${n} ${REPAIR_LABELS[kind][n === 1 ? 0 : 1]}`);
  const strips = strippedParts(result.stripped);
  let out = parts.length > 0 ? `Repaired: ${parts.join(', ')}` : 'No repairs needed';
  if (strips.length > 0) out += `; stripped ${strips.join(', ')}`;
  return out;
}

/**
 * What was stripped around the value, in words, in a fixed order; [] when nothing was.
 * @example strippedParts([{ kind: 'extra_value' }]) → ['more top-level values']
 */
export function strippedParts(stripped: readonly Pick<RepairResult['stripped'][number], 'kind'>[]): string[] {
  const strips: string[] = [];
  const nThink = stripped.filter((s) => s.kind === 'reasoning').length;
  if (nThink > 0) strips.push(nThink === 1 ? 'a think block' : `${nThink} think blocks`);
  if (stripped.some((s) => s.kind === 'fence')) strips.push('a code fence');
  if (stripped.some((s) => s.kind === 'prose' || s.kind === 'trailing')) strips.push('surrounding text');
  if (stripped.some((s) => s.kind === 'wrapper')) strips.push('wrapper tags');
  if (stripped.some((s) => s.kind === 'extra_value')) strips.push('more top-level values');
  if (stripped.some((s) => s.kind === 'correction')) strips.push('a later correction (not taken)');
  if (stripped.some((s) => s.kind === 'draft')) strips.push('a value the text corrected (the correction taken)');
  return strips;
}
