/**
 * A fourth new user's trial of answer selection (issue 8): the texts of test/engine/trial4 (cases.ts: 77
 * written before running any or reading the engine, its corpus or the earlier trials' texts; cases2.ts: 31
 * harder ones written blind after round 1's run), in 13 categories: DeepSeek-R1 lone `</think>` with drafts,
 * Qwen `<think>` (empty, two blocks, cut), Claude `<thinking>` / `<answer>` with notes, gpt-oss harmony
 * (also with its special tokens stripped: `analysis…assistantfinal{…}`), o-series prose and fences, Gemini,
 * tool-call arguments holding two or three concatenated values (the last one cut too), inline-code
 * examples, prose-started drafts with retractions (also in German), JSON-started texts corrected later,
 * truncation at max_tokens, lenient JSON (hex / octal / binary, separators, `\'`, apostrophes in
 * single-quoted strings, Python, comments, escapes, smart quotes) and `<|python_tag|>`. Before any fix
 * 100 of the 108 values were right (92.6%; value and status 98, 90.7%); the fixes they led to: a second
 * value cut by the end is `extra_value` (REPAIRED, was VALID with it trailing), `0xFF_FF` is a number,
 * and a "Correction:" lead-in records the corrected value. Left out here: the 7 that begin with a value
 * the model then corrects (the design limit: the corrected value is a `correction` span, checked by
 * test/engine/trialCorpus4.test.ts).
 */
import { TRIAL4_CASES } from '../../engine/trial4/cases';
import { TRIAL4_ROUND2 } from '../../engine/trial4/cases2';
import type { Case } from './types';

export function newUserTrial4Cases(): Case[] {
  const count = new Map<string, number>();
  return [...TRIAL4_CASES, ...TRIAL4_ROUND2]
    .filter((t) => t.open === undefined)
    .map((t) => {
      const n = (count.get(t.category) ?? 0) + 1;
      count.set(t.category, n);
      return {
        category: 'new-user trial 4',
        name: `${t.category} #${n}`,
        input: t.text,
        expected: t.expected === null ? { kind: 'failed' } : { kind: 'value', value: t.expected },
      };
    });
}
