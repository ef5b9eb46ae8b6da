/**
 * An eleventh new user's trial (issue 8): the texts of test/engine/trial11/cases.ts, 134 written by hand with
 * the value and status a user wants before any run and before reading the engine's selection code, its corpus
 * or the earlier trials' texts, in 10 families the earlier trials may have been thin on: reasoning models as
 * different hosts serve them (R1's lone `</think>`, Qwen3's empty block, gpt-oss harmony with and without its
 * special tokens, Claude and Gemini thinking, Magistral's `[THINK]`), structured-output retries, JSON Lines
 * and several records, tool calls written as text, chat-template leaks, multilingual prose (CJK punctuation,
 * RTL marks, guillemets), code-model JSON (JSONC, JSON5, JS / Python literals), truncation at max_tokens in
 * every position, markdown containers, and things a user pastes; and round 2 (cases2.ts), 16 written after
 * round 1's fixes to probe their edges (not blind). Left out here: the ones the engine still gets wrong
 * (TRIAL11_OPEN, each classified).
 */
import { TRIAL11_CASES } from '../../engine/trial11/cases';
import { TRIAL11_ROUND2 } from '../../engine/trial11/cases2';
import { TRIAL11_OPEN } from '../../engine/trial11/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial11Cases(): Case[] {
  return trialCorpusCases('new-user trial 11', [...TRIAL11_CASES, ...TRIAL11_ROUND2], TRIAL11_OPEN);
}
