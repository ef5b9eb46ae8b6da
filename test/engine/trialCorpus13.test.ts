import { describeTrial } from './trialRun';
import { TRIAL13_CASES } from './trial13/cases';
import { TRIAL13_ROUND2 } from './trial13/cases2';
import { TRIAL13_OPEN } from './trial13/open';

/** The thirteenth new-user trial's texts (test/engine/trial13/cases.ts, written before any run and before reading
 * the engine's code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them: the
 * wanted value and status one-shot except the open rows (trial13/open.ts, each with its reason), and every row
 * the same streamed at every split point and one character at a time. */
describeTrial('engine: the thirteenth new-user trial, one-shot and at every split point', [...TRIAL13_CASES, ...TRIAL13_ROUND2], TRIAL13_OPEN);
