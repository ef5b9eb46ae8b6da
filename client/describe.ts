/**
 * Plain-language summaries of an engine result, for the "Repair JSON Selection" message and the chat
 * participant ("Repaired: 2 trailing commas, 1 unquoted key; stripped a think block").
 * No `vscode` import: unit-tested under plain mocha.
 */
import { REPAIR_LABELS } from '../shared/engine/messages';
import type { Repair, RepairResult, Stripped, StrippedKind } from '../shared/engine/types';

const STRIPPED_NOUNS: Record<StrippedKind, [string, string]> = {
  reasoning: ['a think block', 'think blocks'],
  fence: ['a markdown fence', 'markdown fences'],
  prose: ['prose before the JSON', 'prose before the JSON'],
  wrapper: ['a wrapper tag', 'wrapper tags'],
  trailing: ['text after the JSON', 'text after the JSON'],
};

/** Count items by key, keeping the order in which each key first appears. */
function countInOrder<T extends string>(keys: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** "2 trailing commas, 1 unquoted key" (empty string for no repairs). */
export function describeRepairs(repairs: readonly Repair[]): string {
  return [...countInOrder(repairs.map((r) => r.kind))]
    .map(([kind, n]) => `${n} ${REPAIR_LABELS[kind]?.[n === 1 ? 0 : 1] ?? kind}`)
    .join(', ');
}

/** "a think block, 2 markdown fences" (empty string when nothing was stripped). */
export function describeStripped(stripped: readonly Stripped[]): string {
  return [...countInOrder(stripped.filter((s) => s.text.trim() !== '').map((s) => s.kind))]
    .map(([kind, n]) => {
      const [one, many] = STRIPPED_NOUNS[kind] ?? [kind, kind];
      if (n === 1) return one;
      return one === many ? many : `${n} ${many}`;
    })
    .join(', ');
}

/**
 * One sentence saying what a repair changed, e.g.
 * `Repaired: 2 trailing commas, 1 unquoted key; stripped a think block`.
 */
export function describeResult(result: RepairResult): string {
  if (result.status === 'FAILED') return `Could not repair: ${result.error?.message ?? 'no JSON value found'}`;
  const repairs = describeRepairs(result.repairs);
  const stripped = describeStripped(result.stripped);
  const truncated = result.status === 'TRUNCATED' ? ' (the input was cut off; its end was closed)' : '';
  if (repairs && stripped) return `Repaired: ${repairs}; stripped ${stripped}${truncated}`;
  if (repairs) return `Repaired: ${repairs}${truncated}`;
  if (stripped) return `Stripped ${stripped}${truncated}`;
  return 'Already valid JSON: nothing to change';
}

/** `json`, keeping a final newline the original text had (editors and POSIX tools expect it). */
export function keepFinalNewline(original: string, json: string): string {
  return original.endsWith('\n') && !json.endsWith('\n') ? json + '\n' : json;
}
