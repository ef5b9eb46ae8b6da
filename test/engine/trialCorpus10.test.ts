import { describeTrial } from './trialRun';
import { TRIAL10_CASES } from './trial10/cases';
import { TRIAL10_ROUND2 } from './trial10/cases2';
import { TRIAL10_OPEN } from './trial10/open';

/** The tenth new-user trial's texts (test/engine/trial10/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them:
 * the wanted value and status one-shot except the open rows (trial10/open.ts, each with its reason), and
 * every row the same streamed at every split point and one character at a time. */
describeTrial('engine: the tenth new-user trial, one-shot and at every split point', [...TRIAL10_CASES, ...TRIAL10_ROUND2], TRIAL10_OPEN);
