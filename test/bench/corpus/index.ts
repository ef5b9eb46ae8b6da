/** The benchmark's correctness corpus: realistic LLM-style failures, each with the value a correct
 * repair gives. See types.ts for the case shape and truncationOracle.ts for the truncation rule. */
import { llmCases } from './llmCases';
import { newUserTrialCases } from './newUserTrialCases';
import { newUserTrial2Cases } from './newUserTrial2Cases';
import { newUserTrial3Cases } from './newUserTrial3Cases';
import { newUserTrial4Cases } from './newUserTrial4Cases';
import { newUserTrial5Cases } from './newUserTrial5Cases';
import { newUserTrial6Cases } from './newUserTrial6Cases';
import { newUserTrial7Cases } from './newUserTrial7Cases';
import { newUserTrial8Cases } from './newUserTrial8Cases';
import { newUserTrial9Cases } from './newUserTrial9Cases';
import { newUserTrial10Cases } from './newUserTrial10Cases';
import { newUserTrial11Cases } from './newUserTrial11Cases';
import { newUserTrial12Cases } from './newUserTrial12Cases';
import { newUserTrial13Cases } from './newUserTrial13Cases';
import { newUserTrial14Cases } from './newUserTrial14Cases';
import { newUserTrial15Cases } from './newUserTrial15Cases';
import { newUserTrial16Cases } from './newUserTrial16Cases';
import { newUserTrial17Cases } from './newUserTrial17Cases';
import { newUserTrial18Cases } from './newUserTrial18Cases';
import { proseExampleCases } from './proseExampleCases';
import { reasoningFormatCases } from './reasoningFormatCases';
import { repairCases } from './repairCases';
import type { Case } from './types';
import { untaggedReasoningCases } from './untaggedReasoningCases';
import { valueCases } from './valueCases';

export * from './types';

export function buildCorpus(): Case[] {
  return [...llmCases(), ...repairCases(), ...valueCases(), ...untaggedReasoningCases(), ...proseExampleCases(), ...reasoningFormatCases(), ...newUserTrialCases(), ...newUserTrial2Cases(), ...newUserTrial3Cases(), ...newUserTrial4Cases(), ...newUserTrial5Cases(), ...newUserTrial6Cases(), ...newUserTrial7Cases(), ...newUserTrial8Cases(), ...newUserTrial9Cases(), ...newUserTrial10Cases(), ...newUserTrial11Cases(), ...newUserTrial12Cases(), ...newUserTrial13Cases(), ...newUserTrial14Cases(), ...newUserTrial15Cases(), ...newUserTrial16Cases(), ...newUserTrial17Cases(), ...newUserTrial18Cases()];
}

export { heldOutCorpus, heldOutSeed, HELD_OUT_PER_CATEGORY } from './heldOut';
