import type { TrialCase } from '../trialRun';

/** Round 2 of new-user trial 18: written after round 1's fixes (filled in later). */
export const TRIAL18_ROUND2: TrialCase[] = [];
