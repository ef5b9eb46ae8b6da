import { describeTrial } from './trialRun';
import { TRIAL16_CASES } from './trial16/cases';
import { TRIAL16_ROUND2 } from './trial16/cases2';
import { TRIAL16_OPEN } from './trial16/open';

/** The sixteenth new-user trial's texts (test/engine/trial16/cases.ts, written before any run and before reading
 * the engine's code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them: the
 * wanted value and status one-shot except the open rows (trial16/open.ts, each with its reason), and every row
 * the same streamed at every split point and one character at a time. */
describeTrial('engine: the sixteenth new-user trial, one-shot and at every split point', [...TRIAL16_CASES, ...TRIAL16_ROUND2], TRIAL16_OPEN);
