import { describeTrial } from './trialRun';
import { TRIAL8_CASES } from './trial8/cases';
import { TRIAL8_ROUND2 } from './trial8/cases2';
import { TRIAL8_OPEN } from './trial8/open';

/** The eighth new-user trial's texts (test/engine/trial8/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials; round 2, cases2.ts, after round 1's fixes),
 * as trialRun.ts describeTrial checks them: the wanted value and status one-shot except the open rows
 * (trial8/open.ts, each with its reason), and every row the same streamed at every split point and one
 * character at a time. */
describeTrial('engine: the eighth new-user trial, one-shot and at every split point', [...TRIAL8_CASES, ...TRIAL8_ROUND2], TRIAL8_OPEN);
