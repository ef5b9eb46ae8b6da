/**
 * Per-model output health over a sliding time window: how many answers, how many repairs each, how
 * often FAILED or TRUNCATED, how many failed their schema, how many were upstream errors. Served at
 * GET /v1/streamfix/models (a local defect leaderboard: worst first) and read by the breaker's FAILED
 * rate. The clock is injected so tests can move the window.
 */
import type { ArtifactStatus, ModelHealthEntry } from '../../shared/protocol';

export const DEFAULT_HEALTH_WINDOW_MS = 10 * 60_000;
/** Models tracked; names come from clients, so the least recently seen go past this. */
export const MAX_HEALTH_MODELS = 200;
/** Answers kept per model inside the window (the oldest go first past this). */
export const MAX_HEALTH_SAMPLES = 10_000;

interface Sample {
  t: number;
  status: ArtifactStatus;
  repairs: number;
  schemaFailed: boolean;
}

export class ModelHealth {
  private readonly models = new Map<string, Sample[]>();

  constructor(
    readonly windowMs: number = DEFAULT_HEALTH_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  record(model: string, status: ArtifactStatus, repairs: number, schemaFailed: boolean): void {
    let list = this.models.get(model);
    if (list !== undefined) this.models.delete(model);
    else list = [];
    this.models.set(model, list);
    list.push({ t: this.now(), status, repairs, schemaFailed });
    if (list.length > MAX_HEALTH_SAMPLES) list.shift();
    if (this.models.size > MAX_HEALTH_MODELS) this.models.delete(this.models.keys().next().value!);
  }

  /** Answers and FAILED answers of `model` in the window, counting only those at or after `since`. */
  failedSince(model: string, since: number): { requests: number; failed: number } {
    let requests = 0;
    let failed = 0;
    for (const s of this.window(model)) {
      if (s.t < since) continue;
      requests++;
      if (s.status === 'FAILED') failed++;
    }
    return { requests, failed };
  }

  /** Every model with answers in the window: highest FAILED rate first, then TRUNCATED rate, repairs
   * per answer, schema failures, then by name. */
  snapshot(): Omit<ModelHealthEntry, 'circuit'>[] {
    const out: Omit<ModelHealthEntry, 'circuit'>[] = [];
    for (const model of [...this.models.keys()]) {
      const w = this.window(model);
      if (w.length === 0) {
        this.models.delete(model);
        continue;
      }
      let repairs = 0;
      let failed = 0;
      let truncated = 0;
      let schemaFailures = 0;
      let upstreamErrors = 0;
      for (const s of w) {
        repairs += s.repairs;
        if (s.status === 'FAILED') failed++;
        if (s.status === 'TRUNCATED') truncated++;
        if (s.status === 'UPSTREAM_ERROR') upstreamErrors++;
        if (s.schemaFailed) schemaFailures++;
      }
      const n = w.length;
      out.push({ model, requests: n, repairs, repairsPerRequest: round(repairs / n), failedRate: round(failed / n), truncatedRate: round(truncated / n), schemaFailures, upstreamErrors });
    }
    return out.sort(
      (a, b) =>
        b.failedRate - a.failedRate ||
        b.truncatedRate - a.truncatedRate ||
        b.repairsPerRequest - a.repairsPerRequest ||
        b.schemaFailures - a.schemaFailures ||
        (a.model < b.model ? -1 : a.model > b.model ? 1 : 0),
    );
  }

  /** The model's samples inside the window (older ones are dropped here). */
  private window(model: string): Sample[] {
    const list = this.models.get(model);
    if (!list) return [];
    const from = this.now() - this.windowMs;
    let i = 0;
    while (i < list.length && list[i]!.t <= from) i++;
    if (i > 0) list.splice(0, i);
    return list;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
