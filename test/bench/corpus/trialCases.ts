/** A new-user trial's rows (test/engine/trialN/cases.ts) as corpus cases of `category`, the open ones left out. */
import type { Case, Category } from './types';

interface TrialRow {
  id: string;
  category: string;
  text: string;
  want: unknown;
  status: string | string[];
  alsoOk?: unknown[];
}

export function trialCorpusCases(category: Category, rows: readonly TrialRow[], open: ReadonlyMap<string, string>): Case[] {
  return rows.filter((t) => !open.has(t.id)).map((t) => ({
    category,
    name: `${t.category} ${t.id}`,
    input: t.text,
    expected:
      t.status === 'FAILED'
        ? { kind: 'failed' }
        : t.alsoOk === undefined
          ? { kind: 'value', value: t.want }
          : { kind: 'oneOf', values: [t.want, ...t.alsoOk] },
  }));
}
