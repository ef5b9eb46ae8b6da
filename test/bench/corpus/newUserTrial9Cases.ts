/**
 * A ninth new user's trial (issue 8): the texts of test/engine/trial9/cases.ts, 111 written by hand with the
 * value and status a user wants before any run and before reading the engine's selection code, its corpus
 * or the earlier trials' texts, in 9 families the earlier trials were thin on: retractions in other
 * languages (Chinese, Japanese, Korean, German, Spanish, French, Russian, Portuguese, Italian; with and
 * without `<think>`), think variants (Qwen3's empty block, interleaved thinking, a cut inside reasoning),
 * echoed schemas, echoed input / request / template / patch, documents with several values (options,
 * variants, request/response docs, JSON Lines), chat-template leftovers (harmony channels with commentary
 * tool calls, ChatML, Gemma, Llama 3, DeepSeek, Magistral `[THINK]`), retries and self-critique loops, cuts
 * inside a candidate, a retraction or a tag, and others; and round 2 (cases2.ts), 24 written after round 1's
 * fixes to probe their edges (not blind). Left out here: the ones the engine still gets wrong
 * (TRIAL9_OPEN, each classified).
 */
import { TRIAL9_CASES } from '../../engine/trial9/cases';
import { TRIAL9_ROUND2 } from '../../engine/trial9/cases2';
import { TRIAL9_OPEN } from '../../engine/trial9/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial9Cases(): Case[] {
  return trialCorpusCases('new-user trial 9', [...TRIAL9_CASES, ...TRIAL9_ROUND2], TRIAL9_OPEN);
}
