/**
 * Nothing silent: every warning after start-up goes through here, is logged, counted by kind (for
 * `/health` and the `streamfix_warnings_total{kind}` metric) and kept among the recent ones. A kind that
 * fires in a burst (a full disk failing every write) is logged once per `logEveryMs` with how many more
 * were counted meanwhile, so the log stays readable while every occurrence is still counted.
 *
 * Example:
 *   const w = new Warnings(log, (kind) => metrics.onWarning(kind));
 *   w.warn('store_write_failed', 'could not write sfx_1.json: ENOSPC');
 *   w.stats(); // { total: 1, byKind: { store_write_failed: 1 }, recent: [ … ] }
 */
import type { Logger } from './log';

/** The kinds in use; a kind is a short snake_case name, also the metric's label value. */
export type WarningKind =
  | 'store_write_failed' //    an artifact could not be written (or deleted) on disk
  | 'store' //                 anything else the artifact store reports
  | 'artifact_truncated' //    an artifact text was too long to keep whole (head and tail kept)
  | 'connection_refused' //    over the concurrent connection cap
  | 'connection_timeout' //    a client too slow to send its request (slowloris) was cut
  | 'upstream_queued' //       a stream waited for a free upstream slot
  | 'upstream_event_too_large' // an upstream SSE event over the decoder's bound was skipped
  | 'pattern_engine_restarted' // the schema patterns' RE2 died (its heap ran out) and a new instance replaced it
  | (string & {});

export interface WarningRecord {
  time: string;
  kind: string;
  message: string;
}

export interface WarningStats {
  total: number;
  byKind: Record<string, number>;
  /** The newest warnings, oldest first (at most 20). */
  recent: WarningRecord[];
}

const RECENT = 20;
/** Distinct kinds tracked; more are counted as "other" (kinds are ours, so this is only a guard). */
const MAX_KINDS = 50;

export class Warnings {
  private total = 0;
  private readonly byKind = new Map<string, number>();
  private readonly recent: WarningRecord[] = [];
  /** Per kind: when it was last logged, how many were counted since without a log line (the last of them
   * kept), and whether a line for them is scheduled at the interval's end. */
  private readonly logged = new Map<string, { at: number; quiet: number; last: string; flushing: boolean }>();

  constructor(
    private readonly log: Logger,
    private readonly onCount: (kind: string) => void = () => undefined,
    private readonly logEveryMs = 10_000,
    private readonly clock: () => number = Date.now,
    /** Runs `fn` after `ms` (a timer that does not keep the process alive; replaced in tests). */
    private readonly schedule: (fn: () => void, ms: number) => void = (fn, ms) => void setTimeout(fn, ms).unref(),
  ) {}

  warn(kind: WarningKind, message: string): void {
    const k = this.byKind.has(kind) || this.byKind.size < MAX_KINDS ? kind : 'other';
    this.total++;
    this.byKind.set(k, (this.byKind.get(k) ?? 0) + 1);
    this.onCount(k);
    const now = this.clock();
    this.recent.push({ time: new Date(now).toISOString(), kind: k, message });
    if (this.recent.length > RECENT) this.recent.shift();
    const l = this.logged.get(k);
    if (l !== undefined && now - l.at < this.logEveryMs) {
      l.quiet++;
      l.last = message;
      // the interval's end says how many more came, even when the burst ends there (before, that count
      // waited for the next warning of the kind, and a burst that was the last stayed out of the log)
      if (!l.flushing) {
        l.flushing = true;
        this.schedule(() => this.flush(k), l.at + this.logEveryMs - now);
      }
      return;
    }
    const more = l !== undefined && l.quiet > 0 ? ` (and ${l.quiet} more like it in the last ${Math.round((now - l.at) / 1000)} s)` : '';
    this.logged.set(k, { at: now, quiet: 0, last: message, flushing: l?.flushing ?? false });
    this.log.warn(`${k}: ${message}${more}`);
  }

  /** At the end of a kind's interval: the warnings counted without a line since its last one, if any. */
  private flush(kind: string): void {
    const l = this.logged.get(kind);
    if (l === undefined) return;
    l.flushing = false;
    if (l.quiet === 0) return;
    const now = this.clock();
    this.log.warn(`${kind}: ${l.quiet} more like it in the last ${Math.round((now - l.at) / 1000)} s, the last: ${l.last}`);
    this.logged.set(kind, { at: now, quiet: 0, last: l.last, flushing: false });
  }

  count(kind: string): number {
    return this.byKind.get(kind) ?? 0;
  }

  stats(): WarningStats {
    return { total: this.total, byKind: Object.fromEntries(this.byKind), recent: this.recent.slice() };
  }
}
