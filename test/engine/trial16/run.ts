/**
 * Runs the sixteenth new-user trial (cases.ts) through trialRun.ts: every text one-shot, one-shot with
 * `takeCorrections`, and streamed (every split point into two chunks, sampled for texts over 4,000
 * characters, plus one character at a time), judged against the hand-written `want`/`alsoOk` AND the
 * status; prints a table per category and every miss as markdown.
 * Usage: node --import tsx test/engine/trial16/run.ts
 */
import { printTrial, runTrial, type TrialRow } from '../trialRun';
import { TRIAL16_CASES } from './cases';

export function runTrial16(): TrialRow[] {
  return runTrial(TRIAL16_CASES);
}

if (process.argv[1] && /trial16[\\/]run\.ts$/.test(process.argv[1])) printTrial(runTrial16());
