/**
 * A tenth new user's trial (issue 8): the texts of test/engine/trial10/cases.ts, 105 written by hand with the
 * value and status a user wants before any run and before reading the engine's selection code, its corpus
 * or the earlier trials' texts, in 8 families the earlier trials were thin on: agent-framework transcripts
 * (ReAct / LangChain / CrewAI / AutoGen / smolagents, Hermes tool calls then an answer), the answer in other
 * containers (`<answer>`, `<json>`, `<output>` beside `<draft>` / `<scratchpad>`, HTML `<pre><code>`, YAML front
 * matter, markdown tables, blockquotes, numbered lists), JSON built in code (`json.dumps`, `JSON.stringify`,
 * `as const`, a function's `return`, Python dicts, JS objects with functions), transport and tooling noise
 * (SSE, log prefixes, editor gutters, diffs, shell prompts, REPLs, ANSI colours), encoded answers (a JSON
 * string of JSON, escaped copies, base64 / URL blobs), edge literals and numbers, thinking interleaved with
 * answers (Ollama's "Thinking...", Open WebUI's `<details>`, DeepSeek's quoted reasoning), and others; and
 * round 2 (cases2.ts), 16 written after round 1's fixes to probe their edges (not blind). Left out here: the
 * ones the engine still gets wrong (TRIAL10_OPEN, each classified).
 */
import { TRIAL10_CASES } from '../../engine/trial10/cases';
import { TRIAL10_ROUND2 } from '../../engine/trial10/cases2';
import { TRIAL10_OPEN } from '../../engine/trial10/open';
import { trialCorpusCases } from './trialCases';
import type { Case } from './types';

export function newUserTrial10Cases(): Case[] {
  return trialCorpusCases('new-user trial 10', [...TRIAL10_CASES, ...TRIAL10_ROUND2], TRIAL10_OPEN);
}
