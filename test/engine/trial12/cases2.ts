// New-user trial 12, round 2: 14 texts written AFTER round 1's fixes (trial12TableCases.ts) to probe their
// edges — not blind, reported apart from round 1: non-answer tags in other spellings, example introductions,
// doubled braces, decimal commas, a regex's `\b` before a closing quote. Same row format as cases.ts;
// written before running them, never edited to match the engine.

import type { TrialCase } from '../trialRun';

const F = '```';
const R2 = 'round 2 (after the fixes)';

export const TRIAL12_ROUND2: TrialCase[] = [
  { id: 't12b-01', category: R2, status: 'VALID', note: 'an upper-case <SCRATCH> with an attribute', text: '<SCRATCH id="1">\n{"v": 0}\n</SCRATCH>\n{"v": 1}', want: { v: 1 } },
  { id: 't12b-02', category: R2, status: 'VALID', note: 'two drafts in a <brainstorm>, then <answer>', text: '<brainstorm>\nideas: {"a": 1} or {"a": 2}\n</brainstorm>\n<answer>{"a": 2}</answer>', want: { a: 2 } },
  { id: 't12b-03', category: R2, status: 'VALID', note: '"For instance, …:" above a fence after the answer', text: `Result:\n${F}json\n{"ok": true}\n${F}\nFor instance, a failure would look like:\n${F}json\n{"ok": false}\n${F}`, want: { ok: true } },
  { id: 't12b-04', category: R2, status: 'VALID', note: 'an e.g. before the answer', text: 'e.g. {"n": 1}\nAnswer: {"n": 2}', want: { n: 2 } },
  { id: 't12b-05', category: R2, status: 'VALID', note: '"One more example:" after the answer', text: 'Answer: {"n": 2}\nOne more example: {"n": 3}', want: { n: 2 } },
  { id: 't12b-06', category: R2, status: 'REPAIRED', note: 'doubled braces around an object with an array', text: '{{"a": 1, "b": [1, 2]}}', want: { a: 1, b: [1, 2] } },
  { id: 't12b-07', category: R2, status: ['VALID', 'REPAIRED'], note: 'doubled braces after prose, pretty-printed', text: 'Here is the JSON:\n{{\n  "name": "Bo"\n}}', want: { name: 'Bo' } },
  { id: 't12b-08', category: R2, status: 'REPAIRED', note: 'a decimal comma, then the next member', text: '{"temp": 21,5, "hum": 40}', want: { temp: 21.5, hum: 40 } },
  { id: 't12b-09', category: R2, status: 'VALID', note: 'in an array the comma separates', text: '{"prices": [3,50]}', want: { prices: [3, 50] } },
  { id: 't12b-10', category: R2, status: 'REPAIRED', note: 'a regex ending in \\b after \\d', text: String.raw`{"re": "^\d+\b"}`, want: { re: '^\\d+\\b' } },
  { id: 't12b-11', category: R2, status: 'REPAIRED', text: '{"a": 1,5}', want: { a: 1.5 } },
  { id: 't12b-12', category: R2, status: 'REPAIRED', note: 'a decimal comma after prose', text: 'Score: {"s": 7,5}', want: { s: 7.5 } },
  { id: 't12b-13', category: R2, status: 'REPAIRED', note: 'a path whose last folder is b', text: String.raw`{"path": "C:\Users\bob\b"}`, want: { path: 'C:\\Users\\bob\\b' } },
  { id: 't12b-14', category: R2, status: 'VALID', note: 'a reasoning <scratchpad> (not <scratch>) before the answer', text: '<scratchpad>{"x": 1}</scratchpad>{"x": 2}', want: { x: 2 } },
];
