/** One line per model for the Models view, and its tooltip. No `vscode` import: unit-tested under plain mocha. */
import type { ModelHealthEntry } from '../shared/protocol';

const pct = (r: number): string => `${Math.round(r * 1000) / 10}%`;
const stateText = (s: ModelHealthEntry['circuit']['state']): string => (s === 'half_open' ? 'half-open' : s);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A time of day as the view shows it, local and 24-hour: "16:05:09". */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * When an open breaker lets a probe through, from the gateway's answer read at `readAt` (ms): a time of
 * day, which stays true while the view is not refreshed (a count of seconds left did not: "(20 s)" stayed
 * on the line long after the cool-down), or that the cool-down is over (the gateway's `retryAfterSeconds`
 * 0: the breaker stays open until the next request, which is the probe).
 */
function retryText(c: ModelHealthEntry['circuit'], readAt: number, lead: string): string {
  if (c.retryAfterSeconds === null) return '';
  if (c.retryAfterSeconds === 0) return ', cool-down over: the next request is the probe';
  return `${lead}${clockTime(readAt + c.retryAfterSeconds * 1000)}`;
}

/** "12 requests · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0% · 1 schema failure", and a breaker that
 * is not closed with why it opened ("· breaker open until 16:05:09: 3 consecutive failures within 60 s, the
 * last: upstream answered 500"); `readAt`: when the gateway answered (ms). */
export function describeHealth(m: ModelHealthEntry, readAt: number): string {
  const parts = [
    plural(m.requests, 'request', 'requests'),
    `${Math.round(m.repairsPerRequest * 100) / 100} repairs/request`,
    `FAILED ${pct(m.failedRate)}`,
    `TRUNCATED ${pct(m.truncatedRate)}`,
  ];
  if (m.schemaFailures > 0) parts.push(plural(m.schemaFailures, 'schema failure', 'schema failures'));
  const c = m.circuit;
  if (c.state !== 'closed') parts.push(`breaker ${stateText(c.state)}${retryText(c, readAt, ' until ')}${c.reason ? `: ${c.reason}` : ''}`);
  return parts.join(' · ');
}

/**
 * The breaker's line in the tooltip: its state, the consecutive failures (closed: so far; open or
 * half-open: those that opened it) and why it last changed state (the daemon's `reason`, absent from
 * daemons before it was added).
 *   "breaker open after 3 consecutive failures, retry at 16:05:09: 3 consecutive failures within 60 s, the last: upstream answered 500"
 *   "breaker closed, 1 consecutive failure so far (last change: probe answered 200)"
 */
export function describeBreaker(m: ModelHealthEntry, readAt: number): string {
  const c = m.circuit;
  const failures = plural(c.consecutiveFailures, 'consecutive failure', 'consecutive failures');
  if (c.state === 'closed') {
    const head = c.consecutiveFailures > 0 ? `breaker closed, ${failures} so far` : 'breaker closed';
    return c.reason ? `${head} (last change: ${c.reason})` : head;
  }
  const state = stateText(c.state);
  const after = c.consecutiveFailures > 0 ? ` after ${failures}` : '';
  const retry = retryText(c, readAt, ', retry at ');
  return `breaker ${state}${after}${retry}${c.reason ? `: ${c.reason}` : ''}`;
}

/** The Models view item's tooltip: the model, its health line, its upstream errors, its breaker. */
export function healthTooltip(m: ModelHealthEntry, readAt: number): string {
  return `${m.model}\n${describeHealth(m, readAt)}\nupstream errors: ${m.upstreamErrors}\n${describeBreaker(m, readAt)}`;
}
