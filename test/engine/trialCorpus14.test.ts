import { describeTrial } from './trialRun';
import { TRIAL14_CASES } from './trial14/cases';
import { TRIAL14_ROUND2 } from './trial14/cases2';
import { TRIAL14_OPEN } from './trial14/open';

/** The fourteenth new-user trial's texts (test/engine/trial14/cases.ts, written before any run and before reading
 * the engine's code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them: the
 * wanted value and status one-shot except the open rows (trial14/open.ts, each with its reason), and every row
 * the same streamed at every split point and one character at a time. */
describeTrial('engine: the fourteenth new-user trial, one-shot and at every split point', [...TRIAL14_CASES, ...TRIAL14_ROUND2], TRIAL14_OPEN);
