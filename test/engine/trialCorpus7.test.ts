import { describeTrial } from './trialRun';
import { TRIAL7_CASES } from './trial7/cases';
import { TRIAL7_OPEN } from './trial7/open';

/** The seventh new-user trial's texts (test/engine/trial7/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials), as trialRun.ts describeTrial checks them:
 * the wanted value and status one-shot except the open rows (trial7/open.ts, each with its reason), and every
 * row the same streamed at every split point and one character at a time. */
describeTrial('engine: the seventh new-user trial, one-shot and at every split point', TRIAL7_CASES, TRIAL7_OPEN);
