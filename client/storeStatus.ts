/**
 * Whether the daemon keeps its artifacts on disk, from what it said when it started (GatewayInfo's
 * `storeProblem`, read over the language server) and its `store` events since, and what the status bar
 * says about it. No `vscode` import: unit-tested under plain mocha.
 */
import type { GatewayEvent, GatewayInfo } from '../shared/protocol';

type StoreEvent = Extract<GatewayEvent, { type: 'store' }>;

export class StoreStatus {
  /** /health's `store:` line without its prefix while artifacts are kept in memory only; null otherwise. */
  private problem: string | null = null;

  /** A daemon (re)started: what its store's state was when the editor asked. */
  reset(info?: GatewayInfo): void {
    this.problem = info?.storeProblem ?? null;
  }

  /** Takes a `store` event; true when what the status bar shows changed. */
  onEvent(e: StoreEvent): boolean {
    const problem = e.durable ? null : e.problem ?? 'a write to the data directory failed';
    if (problem === this.problem) return false;
    // a run's count grows with every failed write: only its start and its end are events, so a text
    // that names no count never goes stale
    this.problem = problem;
    return true;
  }

  /**
   * The status bar text while artifacts are kept in memory only, else null.
   * @example "$(warning) StreamFix: artifacts in memory only"
   */
  text(): string | null {
    return this.problem === null ? null : '$(warning) StreamFix: artifacts in memory only';
  }

  /** Why, and what it means for the user. */
  tooltip(): string | null {
    if (this.problem === null) return null;
    return `The daemon is degraded: ${this.problem}\nWhile this lasts, each response says x-streamfix-artifact: memory-only and its artifact is lost when the daemon restarts (GET /health lists the problem).\nClick for the daemon's log.`;
  }
}
