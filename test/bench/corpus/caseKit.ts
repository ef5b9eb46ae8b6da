/**
 * Small helpers for writing hand-made corpus cases: a row is `[name, input, expected]`, and these build
 * the expectation from the answer's own text, so the expected value is never typed twice.
 */
import { truncationCandidates } from './truncationOracle';
import type { Case, Category, Expectation } from './types';

export type Row = [name: string, input: string, expected: Expectation];

/** The answer is this JSON text (valid JSON): the repaired output must parse to its value. */
export const answer = (json: string): Expectation => ({ kind: 'value', value: JSON.parse(json) });

/** The answer is `json` (valid JSON, a container first) but the input ends `cut` characters into it:
 * the truncation oracle's values (everything complete kept, the cut value closed or dropped). */
export const cutAnswer = (json: string, cut: number): Expectation => ({ kind: 'oneOf', values: truncationCandidates(json, cut) });

/** Nothing in the text is the answer: the engine must say FAILED. */
export const NO_ANSWER: Expectation = { kind: 'failed' };

/** The same text with Windows line endings. */
export const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

/** Cases of one category from rows; a repeated name is a mistake in the corpus (ids must be unique). */
export function casesOf(category: Category, rows: Row[]): Case[] {
  const seen = new Set<string>();
  return rows.map(([name, input, expected]) => {
    if (seen.has(name)) throw new Error(`corpus: the case name "${category} / ${name}" is used twice`);
    seen.add(name);
    return { category, name, input, expected };
  });
}
