/** The benchmark's correctness corpus: realistic LLM-style failures, each with the value a correct
 * repair gives. See types.ts for the case shape and truncationOracle.ts for the truncation rule. */
import { llmCases } from './llmCases';
import { repairCases } from './repairCases';
import type { Case } from './types';
import { valueCases } from './valueCases';

export * from './types';

export function buildCorpus(): Case[] {
  return [...llmCases(), ...repairCases(), ...valueCases()];
}
