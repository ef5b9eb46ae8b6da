import { describeTrial } from './trialRun';
import { TRIAL17_CASES } from './trial17/cases';
import { TRIAL17_ROUND2 } from './trial17/cases2';
import { TRIAL17_OPEN } from './trial17/open';

/** The seventeenth new-user trial's texts (test/engine/trial17/cases.ts, written before any run and before reading
 * the engine's code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them: the
 * wanted value and status one-shot except the open rows (trial17/open.ts, each with its reason), and every row
 * the same streamed at every split point and one character at a time. */
describeTrial('engine: the seventeenth new-user trial, one-shot and at every split point', [...TRIAL17_CASES, ...TRIAL17_ROUND2], TRIAL17_OPEN);
