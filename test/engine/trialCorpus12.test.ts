import { describeTrial } from './trialRun';
import { TRIAL12_CASES } from './trial12/cases';
import { TRIAL12_ROUND2 } from './trial12/cases2';
import { TRIAL12_OPEN } from './trial12/open';

/** The twelfth new-user trial's texts (test/engine/trial12/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks
 * them: the wanted value and status one-shot except the open rows (trial12/open.ts, each with its reason),
 * and every row the same streamed at every split point and one character at a time. */
describeTrial('engine: the twelfth new-user trial, one-shot and at every split point', [...TRIAL12_CASES, ...TRIAL12_ROUND2], TRIAL12_OPEN);
