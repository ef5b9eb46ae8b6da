import { describeTrial } from './trialRun';
import { TRIAL11_CASES } from './trial11/cases';
import { TRIAL11_ROUND2 } from './trial11/cases2';
import { TRIAL11_OPEN } from './trial11/open';

/** The eleventh new-user trial's texts (test/engine/trial11/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them:
 * the wanted value and status one-shot except the open rows (trial11/open.ts, each with its reason), and
 * every row the same streamed at every split point and one character at a time. */
describeTrial('engine: the eleventh new-user trial, one-shot and at every split point', [...TRIAL11_CASES, ...TRIAL11_ROUND2], TRIAL11_OPEN);
