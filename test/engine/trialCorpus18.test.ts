import { describeTrial } from './trialRun';
import { TRIAL18_CASES } from './trial18/cases';
import { TRIAL18_ROUND2 } from './trial18/cases2';
import { TRIAL18_OPEN } from './trial18/open';

/** The eighteenth new-user trial's texts (test/engine/trial18/cases.ts, written before any run and before reading
 * the engine's code, the corpus or the earlier trials' texts; round 2, cases2.ts, after round 1's fixes), as trialRun.ts describeTrial checks them: the
 * wanted value and status one-shot except the open rows (trial18/open.ts, each with its reason), and every row
 * the same streamed at every split point and one character at a time. */
describeTrial('engine: the eighteenth new-user trial, one-shot and at every split point', [...TRIAL18_CASES, ...TRIAL18_ROUND2], TRIAL18_OPEN);
