/**
 * A fourteenth new user's trial (issue 8): the texts of test/engine/trial14/cases.ts, 179 written by hand with
 * the value and status a user wants before any run and before reading the engine's code, its corpus or the
 * earlier trials' texts, in 10 families the earlier trials were likely thin on: structured-output answers as
 * users paste them, tool calls that small local models write as text, citations and footnotes around the
 * JSON, JSON Lines asked for, config answers with comments and trailing commas, numbers / dates / escapes /
 * emoji / NaN, answers wrapped twice, streaming cuts, reasoning with drafts, and texts with no answer; and
 * round 2 (cases2.ts), 20 written after round 1's fixes to probe their edges (not blind). Left out here: the ones the engine still gets wrong (TRIAL14_OPEN, each classified).
 */
import { TRIAL14_CASES } from '../../engine/trial14/cases';
import { TRIAL14_ROUND2 } from '../../engine/trial14/cases2';
import { TRIAL14_OPEN } from '../../engine/trial14/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial14Cases(): Case[] {
  return trialCorpusCases('new-user trial 14', [...TRIAL14_CASES, ...TRIAL14_ROUND2], TRIAL14_OPEN);
}
