// New-user trial 13, round 2: texts written AFTER round 1's fixes (trial13TableCases.ts) to probe their edges
// (a bare Python literal or single-quoted string alone; a markdown list of values as a run of records) and
// a few more of round 1's families. Not blind: written knowing the engine's rules for these. Each row as in
// cases.ts; never edited to match the engine.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';
const R2 = 'round 2: edges of the fixes';

function c(id: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t13r2-${id}`, category: R2, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

export const TRIAL13_ROUND2: TrialCase[] = [
  c('01', 'FALSE', false, 'REPAIRED'),
  c('02', '<think>yes or no?</think>\nTrue', true, 'REPAIRED'),
  c('03', "<think>name it</think>\n'Oslo'", 'Oslo', 'REPAIRED'),
  c('04', F + 'json\nNone\n' + F, null, 'REPAIRED'),
  c('05', "'x', 'y'", 'x', 'REPAIRED', undefined, 'two quoted words: the first, the second an extra value'),
  c('06', 'Nope, I cannot do that.', null, 'FAILED'),
  c('07', 'Fine.', null, 'FAILED'),
  c('08', "'Hello,' she said.", null, 'FAILED'),
  c('09', '* {"id": 1}\n* {"id": 2}\n* {"id": 3}', { id: 1 }, 'REPAIRED', [[{ id: 1 }, { id: 2 }, { id: 3 }]]),
  c('10', '1) {"a": 1}\n2) {"a": 2}', { a: 1 }, 'REPAIRED'),
  c('11', 'Results:\n\n1. {"ok": true}\n2. {"ok": false}\n\nBoth records were checked.', { ok: true }, 'REPAIRED'),
  c('12', '- Before: {"v": 1}\n- After: {"v": 2}', { v: 2 }, 'VALID', undefined, 'labelled items: not records'),
  c('13', 'Options:\n- {"mode": "fast"}\n- {"mode": "safe"}\n\nI recommend the second.', { mode: 'safe' }, ['VALID', 'REPAIRED'], undefined, 'the text picks one of the listed values'),
  c('14', '1. Parse the file.\n2. Return {"status": "ok"}.', { status: 'ok' }, 'VALID'),
  c('15', '- {"a": 1,\n  "b": 2}\n- {"a": 3,\n  "b": 4}', { a: 1, b: 2 }, 'REPAIRED', undefined, 'multi-line list items'),
  c('16', '```diff\n+ {"added": true}\n- {"removed": true}\n```', { added: true }, 'VALID', undefined, 'a diff: the + line is the new value, whatever the order'),
];
