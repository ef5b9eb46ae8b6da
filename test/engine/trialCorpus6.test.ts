import { describeTrial } from './trialRun';
import { TRIAL6_CASES } from './trial6/cases';
import { TRIAL6_OPEN } from './trial6/open';

/** The sixth new-user trial's texts (test/engine/trial6/cases.ts, written before any run and before reading
 * the engine's selection code, the corpus or the earlier trials), as trialRun.ts describeTrial checks them:
 * the wanted value and status one-shot except the open rows (trial6/open.ts, each with its reason), and every
 * row the same streamed at every split point and one character at a time. */
describeTrial('engine: the sixth new-user trial, one-shot and at every split point', TRIAL6_CASES, TRIAL6_OPEN);
