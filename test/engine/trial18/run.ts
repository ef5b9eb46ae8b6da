/**
 * Runs the eighteenth new-user trial (cases.ts) through trialRun.ts: every text one-shot, one-shot with
 * `takeCorrections`, and streamed (every split point into two chunks, sampled for texts over 4,000
 * characters, plus one character at a time), judged against the hand-written `want`/`alsoOk` AND the
 * status; prints a table per category and every miss as markdown.
 * Usage: node --import tsx test/engine/trial18/run.ts [--round2]  (round 2: cases2.ts, written after round 1's fixes)
 */
import { printTrial, runTrial, type TrialRow } from '../trialRun';
import { TRIAL18_CASES } from './cases';
import { TRIAL18_ROUND2 } from './cases2';

export function runTrial18(round2 = false): TrialRow[] {
  return runTrial(round2 ? TRIAL18_ROUND2 : TRIAL18_CASES);
}

if (process.argv[1] && /trial18[\\/]run\.ts$/.test(process.argv[1])) printTrial(runTrial18(process.argv.includes('--round2')));
