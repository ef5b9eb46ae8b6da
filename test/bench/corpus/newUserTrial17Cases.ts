/**
 * A seventeenth new user's trial (issue 8): the texts of test/engine/trial17/cases.ts, 192 written by hand with
 * the value and status a user wants before any run and before reading the engine's code, its corpus or the
 * earlier trials' texts, in 12 families the earlier trials did not cover: unquoted enum / date / time / unit
 * values, unquoted keys with spaces or hyphens, extraction with N/A / unknown / dash / empty cells, OCR and
 * vision outputs, classification with scores and percentages, small models looping at the end, JSON inside
 * e-mail / HTML / XML, other languages' struct and map literals, JSON followed by a self-check list, inline
 * per-field explanations, translation tasks, and long arrays of records with one defect deep inside; and round
 * 2 (cases2.ts), written after round 1's fixes to probe their edges (not blind). Left out here: the ones the engine still gets wrong (TRIAL17_OPEN, each classified).
 */
import { TRIAL17_CASES } from '../../engine/trial17/cases';
import { TRIAL17_ROUND2 } from '../../engine/trial17/cases2';
import { TRIAL17_OPEN } from '../../engine/trial17/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial17Cases(): Case[] {
  return trialCorpusCases('new-user trial 17', [...TRIAL17_CASES, ...TRIAL17_ROUND2], TRIAL17_OPEN);
}
