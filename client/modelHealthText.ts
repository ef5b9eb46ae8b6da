/** One line per model for the Models view, and its tooltip. No `vscode` import: unit-tested under plain mocha. */
import type { ModelHealthEntry } from '../shared/protocol';

const pct = (r: number): string => `${Math.round(r * 1000) / 10}%`;
const stateText = (s: ModelHealthEntry['circuit']['state']): string => (s === 'half_open' ? 'half-open' : s);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "12 requests · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0% · 1 schema failure", and a breaker that
 * is not closed with why it opened ("· breaker open (20 s): 3 consecutive failures within 60 s, the last:
 * upstream answered 500"). */
export function describeHealth(m: ModelHealthEntry): string {
  const parts = [
    plural(m.requests, 'request', 'requests'),
    `${Math.round(m.repairsPerRequest * 100) / 100} repairs/request`,
    `FAILED ${pct(m.failedRate)}`,
    `TRUNCATED ${pct(m.truncatedRate)}`,
  ];
  if (m.schemaFailures > 0) parts.push(plural(m.schemaFailures, 'schema failure', 'schema failures'));
  const c = m.circuit;
  if (c.state !== 'closed') parts.push(`breaker ${stateText(c.state)}${c.retryAfterSeconds !== null ? ` (${c.retryAfterSeconds} s)` : ''}${c.reason ? `: ${c.reason}` : ''}`);
  return parts.join(' · ');
}

/**
 * The breaker's line in the tooltip: its state, the consecutive failures (closed: so far; open or
 * half-open: those that opened it) and why it last changed state (the daemon's `reason`, absent from
 * daemons before it was added).
 *   "breaker open after 3 consecutive failures, retry in 20 s: 3 consecutive failures within 60 s, the last: upstream answered 500"
 *   "breaker closed, 1 consecutive failure so far (last change: probe answered 200)"
 */
export function describeBreaker(m: ModelHealthEntry): string {
  const c = m.circuit;
  const failures = plural(c.consecutiveFailures, 'consecutive failure', 'consecutive failures');
  if (c.state === 'closed') {
    const head = c.consecutiveFailures > 0 ? `breaker closed, ${failures} so far` : 'breaker closed';
    return c.reason ? `${head} (last change: ${c.reason})` : head;
  }
  const state = stateText(c.state);
  const after = c.consecutiveFailures > 0 ? ` after ${failures}` : '';
  const retry = c.retryAfterSeconds !== null ? `, retry in ${c.retryAfterSeconds} s` : '';
  return `breaker ${state}${after}${retry}${c.reason ? `: ${c.reason}` : ''}`;
}

/** The Models view item's tooltip: the model, its health line, its upstream errors, its breaker. */
export function healthTooltip(m: ModelHealthEntry): string {
  return `${m.model}\n${describeHealth(m)}\nupstream errors: ${m.upstreamErrors}\n${describeBreaker(m)}`;
}
