/**
 * An eighteenth new user's trial (issue 8): the texts of test/engine/trial18/cases.ts, 192 written by hand with
 * the value and status a user wants before any run and before reading the engine's code, its corpus or the
 * earlier trials' texts, in 12 families the earlier trials did not cover: unescaped quotes inside string
 * values, raw line breaks and tabs inside strings, numbers written for humans, Yes/No/On/Off booleans,
 * stringified JSON inside a value, function-calling framework outputs and parse retries, backslashes in
 * paths / regexes / SQL, byte order marks and zero-width characters, quiz generation, recipes and product
 * catalogues, code-review findings, and answers ending with a follow-up question; and round 2 (cases2.ts),
 * written after round 1's fixes (not blind). Left out here: the ones the engine still gets wrong
 * (TRIAL18_OPEN, each classified).
 */
import { TRIAL18_CASES } from '../../engine/trial18/cases';
import { TRIAL18_ROUND2 } from '../../engine/trial18/cases2';
import { TRIAL18_OPEN } from '../../engine/trial18/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial18Cases(): Case[] {
  return trialCorpusCases('new-user trial 18', [...TRIAL18_CASES, ...TRIAL18_ROUND2], TRIAL18_OPEN);
}
