import { describeTrial } from './trialRun';
import { TRIAL9_CASES } from './trial9/cases';
import { TRIAL9_ROUND2 } from './trial9/cases2';
import { TRIAL9_OPEN } from './trial9/open';

/** The ninth new-user trial's texts (test/engine/trial9/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them:
 * the wanted value and status one-shot except the open rows (trial9/open.ts, each with its reason), and
 * every row the same streamed at every split point and one character at a time. */
describeTrial('engine: the ninth new-user trial, one-shot and at every split point', [...TRIAL9_CASES, ...TRIAL9_ROUND2], TRIAL9_OPEN);
