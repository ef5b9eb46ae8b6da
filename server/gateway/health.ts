/**
 * GET /health's verdict: `status` and the `problems` behind it. A status is a claim, so it says only what
 * was checked: `ok` means the gateway answers and nothing listed here is wrong now; `degraded` means it
 * answers but does not do all it is configured to do, each reason one line in `problems`:
 *
 * - `store:` artifacts kept in memory only although a data directory is set — a run of failed (or too
 *   slow) writes since the last durable one (a full disk, a directory made read-only), or a directory
 *   it cannot be a writer of (eight live daemons hold its writer slots, its lock cannot be created);
 * - `connections:` the client connections are at the cap (a new one is refused, 503, unless it asks
 *   /health or /metrics on one of the few kept for them, limits.ts);
 * - `upstream:` the upstream request queue is full (the next request over the pool is refused, 503);
 * - `breaker:` a model's circuit breaker is open or half-open (its requests are refused, 503/529);
 * - `lsp:` the language-server channel of the editor that started the daemon (--node-ipc) has closed while
 *   the daemon runs on (the editor no longer hears its events, listings, status). Over --stdio the daemon
 *   ends when its stdin closes, so it never answers in that state.
 *
 * `closing` (shutting down) outranks both. The HTTP status stays 200 in every case: the gateway answers,
 * and a checker that restarts or unroutes a daemon on a non-2xx would restart one whose disk is full into
 * the same full disk, and take away the answers it still gives (the Health Check Response Format draft,
 * draft-inadarei-api-health-check, keeps `warn` in the 2xx range too; its `fail` is for a service that
 * cannot answer).
 *
 * Example: healthVerdict({ closing: false, store: 'store: 3 artifact(s) kept in memory only since …',
 *   upstream: { queued: 0, maxQueue: 4096, max: 512 }, breakers: [] })
 *   → { status: 'degraded', problems: ['store: 3 artifact(s) kept in memory only since …'] }
 */
import type { BreakerState } from '../../shared/protocol';

export type HealthStatus = 'ok' | 'degraded' | 'closing';

/** Breakers listed one line each up to this many; the rest in one line. */
const MAX_BREAKER_LINES = 10;

export interface HealthInputs {
  closing: boolean;
  /** The artifact store's problem (ArtifactStore.problem()), or null. */
  store: string | null;
  upstream: { max: number; queued: number; maxQueue: number };
  breakers: { upstream: string; model: string; state: Exclude<BreakerState, 'closed'>; reason: string }[];
  /** Client connections open (this request's included), the cap, and the reserve past it kept for /health
   * and /metrics (limits.ts). */
  connections?: { open: number; max: number; reserve: number };
  /** The editor's language-server channel (null: the daemon was not started by an editor). */
  lsp?: LspChannel | null;
}

/** The language-server channel of the editor that started the daemon (--stdio or --node-ipc): its transport,
 * and when it closed (null while open). */
export interface LspChannel {
  transport: 'stdio' | 'node-ipc';
  closedAt: string | null;
}

export function healthVerdict(h: HealthInputs): { status: HealthStatus; problems: string[] } {
  const problems: string[] = [];
  if (h.store !== null) problems.push(`store: ${h.store}`);
  const c = h.connections;
  if (c !== undefined && c.open >= c.max) {
    problems.push(`connections: ${c.open} open, the limit is ${c.max}: a new connection gets 503 (overloaded) unless it asks GET /health or /metrics (${c.max + c.reserve - Math.min(c.open, c.max + c.reserve)} of the ${c.reserve} kept for them free)`);
  }
  if (h.upstream.queued >= h.upstream.maxQueue) {
    problems.push(`upstream: ${h.upstream.max} requests open and ${h.upstream.queued} waiting, the queue's limit: the next request over the pool is refused (503)`);
  }
  for (const b of h.breakers.slice(0, MAX_BREAKER_LINES)) {
    problems.push(
      b.state === 'open'
        ? `breaker: the circuit breaker for model ${b.model} at ${b.upstream} is open (${b.reason}): its requests are refused`
        : `breaker: the circuit breaker for model ${b.model} at ${b.upstream} is half-open (${b.reason}): one probe request decides`,
    );
  }
  if (h.lsp?.closedAt != null) {
    problems.push(`lsp: the editor's language-server channel (${h.lsp.transport}) closed at ${h.lsp.closedAt}: the editor that started this daemon no longer hears from it (no events, artifact listings or status); the gateway still answers HTTP`);
  }
  if (h.breakers.length > MAX_BREAKER_LINES) problems.push(`breaker: ${h.breakers.length - MAX_BREAKER_LINES} more models' circuit breakers are not closed (GET /v1/streamfix/models)`);
  return { status: h.closing ? 'closing' : problems.length > 0 ? 'degraded' : 'ok', problems };
}
