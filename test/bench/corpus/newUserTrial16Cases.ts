/**
 * A sixteenth new user's trial (issue 8): the texts of test/engine/trial16/cases.ts, 186 written by hand with
 * the value and status a user wants before any run and before reading the engine's code, its corpus or the
 * earlier trials' texts, in 11 families the earlier trials were thin on: ReAct and agent logs, several options
 * with one picked, a schema before its instance, typographic punctuation (smart quotes, guillemets, no-break
 * spaces, full-width and ideographic punctuation), placeholders and elisions, API response bodies pasted whole,
 * streaming leftovers (SSE `data:` lines, NDJSON chunks), step-by-step plans with intermediate JSON, partial
 * refusals, long prose and answers in two languages, and emoji and right-to-left text; and round 2 (cases2.ts),
 * written after round 1's fixes to probe their edges (not blind). Left out here: the ones the engine still gets
 * wrong (TRIAL16_OPEN, each classified).
 */
import { TRIAL16_CASES } from '../../engine/trial16/cases';
import { TRIAL16_ROUND2 } from '../../engine/trial16/cases2';
import { TRIAL16_OPEN } from '../../engine/trial16/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial16Cases(): Case[] {
  return trialCorpusCases('new-user trial 16', [...TRIAL16_CASES, ...TRIAL16_ROUND2], TRIAL16_OPEN);
}
