/**
 * A fifteenth new user's trial (issue 8): the texts of test/engine/trial15/cases.ts, 195 written by hand with
 * the value and status a user wants before any run and before reading the engine's code, its corpus or the
 * earlier trials' texts, in 12 families the earlier trials were likely thin on: "fix my JSON" tasks, answers
 * copied from chat web UIs, a markdown table and JSON, extraction from a quoted source, multi-turn pastes,
 * patches and before/after answers, Mongo / GraphQL / query DSLs, log lines with JSON, LaTeX and math, fields
 * explained afterwards, YAML / TOML / other formats given instead of JSON, and very small answers; and round 2
 * (cases2.ts), written after round 1's fixes to probe their edges (not blind). Left out here: the ones the
 * engine still gets wrong (TRIAL15_OPEN, each classified).
 */
import { TRIAL15_CASES } from '../../engine/trial15/cases';
import { TRIAL15_ROUND2 } from '../../engine/trial15/cases2';
import { TRIAL15_OPEN } from '../../engine/trial15/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial15Cases(): Case[] {
  return trialCorpusCases('new-user trial 15', [...TRIAL15_CASES, ...TRIAL15_ROUND2], TRIAL15_OPEN);
}
