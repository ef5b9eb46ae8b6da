import { describeTrial } from './trialRun';
import { TRIAL15_CASES } from './trial15/cases';
import { TRIAL15_ROUND2 } from './trial15/cases2';
import { TRIAL15_OPEN } from './trial15/open';

/** The fifteenth new-user trial's texts (test/engine/trial15/cases.ts, written before any run and before reading
 * the engine's code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them: the
 * wanted value and status one-shot except the open rows (trial15/open.ts, each with its reason), and every row
 * the same streamed at every split point and one character at a time. */
describeTrial('engine: the fifteenth new-user trial, one-shot and at every split point', [...TRIAL15_CASES, ...TRIAL15_ROUND2], TRIAL15_OPEN);
