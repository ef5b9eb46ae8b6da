// New-user trial 15, round 2: texts written AFTER round 1's fixes to probe their edges. NOT blind: written
// knowing the engine's rules; reported apart from round 1. Rows as in cases.ts.

import type { TrialCase } from '../trialRun';

export const TRIAL15_ROUND2: TrialCase[] = [];
