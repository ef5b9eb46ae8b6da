// New-user trial 14, round 2: texts written AFTER round 1's fixes (citations around the JSON) to probe their
// edges, and a few more of the families round 1 found thin. NOT blind: written knowing the engine's rules for
// citations; reported apart from round 1. Rows as in cases.ts.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';
const R2 = 'round 2 (after the fixes)';

function c(id: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t14r2-${id}`, category: R2, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

export const TRIAL14_ROUND2: TrialCase[] = [
  c('01', `{"a": 1}\n\nReferences:\n1. Smith, J. (2020). Data.\n2. Doe, A. (2021). More data.`, { a: 1 }, 'VALID'),
  c('02', `{"a": "x" [1][2], "b": 2}`, { a: 'x', b: 2 }, 'REPAIRED', undefined, 'two markers inside an object'),
  c('03', `{"a": 1 [1], "b": [2, 3]}`, { a: 1, b: [2, 3] }, 'REPAIRED'),
  c('04', `{"a": 1}\n\n[1]: https://example.org "Example title"`, { a: 1 }, 'VALID'),
  c('05', `Per the 2020 census [1], here is the data:\n{"n": 5}`, { n: 5 }, 'VALID'),
  c('06', `According to [1] and [2]:\n{"n": 5} [3]`, { n: 5 }, 'VALID'),
  c('07', `{"quote": "To be or not to be" [Shakespeare], "year": 1600}`, { quote: 'To be or not to be', year: 1600 }, 'REPAIRED', undefined, 'a bracketed note inside an object'),
  c('08', `{"a": 1}\n[^note]: see the docs`, { a: 1 }, 'VALID'),
  c('09', `{"city": {"name": "Oslo" [1], "pop": 709037 [2]}, "country": "Norway"}`, { city: { name: 'Oslo', pop: 709037 }, country: 'Norway' }, 'REPAIRED'),
  c('10', `The capital is Oslo [1].\n\n{"capital": "Oslo"}`, { capital: 'Oslo' }, 'VALID'),
  c('11', `I couldn't find reliable data on this [1][2].`, null, 'FAILED'),
  c('12', `{"answer": [1]}`, { answer: [1] }, 'VALID'),
  c('13', `Answer: [1]`, [1], 'VALID'),
  c('14', `The result is [2].`, [2], 'VALID', undefined, 'a one-element array after "is", not a citation'),
  c('15', `${F}json\n{"gdp": 1.2}\n${F}\n\n**Sources**\n[1] IMF World Economic Outlook\n[2] World Bank`, { gdp: 1.2 }, 'VALID'),
  c('16', `{"items": ["a", "b"] [1], "count": 2}`, { items: ['a', 'b'], count: 2 }, 'REPAIRED'),
  c('17', `{"a": 1}\n[1] https://example.org/a\n[2] https://example.org/b\n[3] https://example.org/c`, { a: 1 }, 'VALID'),
  c('18', `{"a": 1 [2]\n, "b": 2}`, { a: 1, b: 2 }, 'REPAIRED', undefined, 'the comma on the next line'),
  c('19', `Here you go [1]:\n${F}json\n{"ok": true}\n${F}`, { ok: true }, 'VALID'),
  c('20', `{"a": 1}\n\n[1] {"a": 2}`, { a: 1 }, 'REPAIRED', [{ a: 2 }], 'a marker before another value is no reference entry'),
];
