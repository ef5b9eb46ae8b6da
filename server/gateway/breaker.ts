/**
 * Circuit breakers per upstream and model (issue 10 §5). Closed: requests go through; `failures`
 * consecutive upstream failures (connect error, time-out, an upstream 408, 5xx, 429 once the upstream
 * client's retries are spent) within `windowMs` open it. Open: requests are refused at once (503 with Retry-After) until
 * `cooldownMs` has passed; then the next request is the one probe (half-open) and the others are still
 * refused; the probe's outcome closes the breaker or opens it for another cool-down. With `failedRate`
 * set, a model whose answers are FAILED more often than that (over the health window, since the breaker
 * last closed, at least MIN_RATE_SAMPLES answers) opens too.
 *
 * Hand-written rather than cockatiel's CircuitBreakerPolicy (README, "Circuit breaker"): the exact
 * Retry-After needs the time the breaker opened, which cockatiel keeps private; cockatiel reads
 * Date.now() itself, so transitions cannot be driven by an injected clock; its ConsecutiveBreaker has no
 * time window. The clock here is injected (`now`), so tests drive every transition.
 *
 * Example:
 *   const b = new Breakers({ failures: 5, windowMs: 60_000, cooldownMs: 30_000 }, health, onChange);
 *   const t = b.admit(requestId, upstream, model);   // { open: true, retryAfterSeconds } or a ticket
 *   if (!t.open) t.done(res.status);       // or t.done('error') / t.done('aborted')
 */
import { repairCount, type Artifact, type BreakerState, type ModelHealthEntry } from '../../shared/protocol';
import type { ModelHealth } from './modelHealth';

export interface BreakerOptions {
  /** Consecutive failures that open a breaker; 0 = breakers off. Default 5. */
  failures: number;
  /** The failures must fall within this many milliseconds. Default 60 s. */
  windowMs: number;
  /** How long an open breaker refuses before letting one probe through. Default 30 s. */
  cooldownMs: number;
  /** Open when the share of FAILED answers passes this (0-1); null = off (the default). */
  failedRate: number | null;
}

export const DEFAULT_BREAKER: BreakerOptions = { failures: 5, windowMs: 60_000, cooldownMs: 30_000, failedRate: null };
/** Answers a FAILED rate needs before it can open a breaker: one FAILED answer of one is no rate. */
export const MIN_RATE_SAMPLES = 10;
/** Breakers kept; model names come from clients, so past this the oldest closed one goes. */
export const MAX_BREAKERS = 1000;

/** A change of state, for the log, the event hub and the metric. */
export interface BreakerChange {
  /** The request whose outcome (or arrival, for half-open) moved the breaker. */
  id: string;
  upstream: string;
  model: string;
  previous: BreakerState;
  state: BreakerState;
  reason: string;
  /** Open: seconds until a probe may go through; else null. */
  retryAfterSeconds: number | null;
}

/** What the endpoint does with a request: refuse it now, or send it and report how it went. */
export type Admission = { open: true; retryAfterSeconds: number; message: string } | { open: false; probe: boolean; done(outcome: Outcome): void };

/** How a request went upstream: its status; `error`, unreachable (connect error, time-out); `broken`, a 2xx
 * whose body broke off or carried an error event; `invalid`, a 2xx whose body is not a chat completion the
 * gateway can read (the client got a 502); `aborted`, the client left (or the gateway shut down)
 * before the answer was whole, before or after the upstream's headers: says nothing about the upstream,
 * so it neither resets nor adds to the failure count, and a probe's slot is freed for the next request. */
export type Outcome = number | 'error' | 'broken' | 'invalid' | 'aborted';

/** How each failure that is not a status reads in the breaker's reason. */
const FAILURE_REASONS: Record<Exclude<Outcome, number | 'aborted'>, string> = {
  error: 'upstream unreachable',
  broken: 'the upstream stream failed after it started',
  invalid: 'the upstream answered 2xx with a body that is not a chat completion',
};

/** An upstream status that counts against the model (429 reaches here only after the retries): 5xx, 429,
 * and 408, the upstream's time-out (OpenRouter: "Request timed out": the provider did not answer in time),
 * a failure of the model's side as the gateway's own time-out is, not a fault of the request. */
export function isFailureStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** What the breaker hears of an error event inside a 2xx stream, by its `code`: an HTTP status that is
 * no failure (a 400 is the request's fault) is heard as that status, as the same status before the stream
 * would be; any other code (5xx, 429, one that is no status, none) as `broken`. */
export function errorEventOutcome(code: unknown): Outcome {
  const status = errorCodeStatus(code);
  return status !== null && !isFailureStatus(status) ? status : 'broken';
}

/** The HTTP error status an upstream's error object names in its `code` (OpenRouter: `"code": 429`, some
 * proxies `"code": "429"`), or null when the code is no HTTP error status. */
export function errorCodeStatus(code: unknown): number | null {
  const n = typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : code;
  return typeof n === 'number' && Number.isInteger(n) && n >= 400 && n <= 599 ? n : null;
}

class Breaker {
  state: BreakerState = 'closed';
  /** Times of the consecutive failures so far (closed), oldest first; at most `failures` kept. */
  failureTimes: number[] = [];
  openedAt = 0;
  /** Set while the half-open probe is out: everyone else is refused. */
  probing = false;
  /** When it last closed: a FAILED rate counts answers from here on. */
  closedAt: number;
  lastReason = '';
  /** Open or half-open: the consecutive failures that opened it (a failed probe adds one; 0 when a
   * FAILED rate opened it), shown in /v1/streamfix/models while `failureTimes` counts afresh. */
  openedAfter = 0;

  constructor(
    readonly upstream: string,
    readonly model: string,
    now: number,
  ) {
    this.closedAt = now;
  }
}

export class Breakers {
  private readonly map = new Map<string, Breaker>();

  constructor(
    readonly options: BreakerOptions,
    private readonly health: ModelHealth,
    private readonly onChange: (c: BreakerChange) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks whether a request for `model` may go to `upstream` now. */
  admit(id: string, upstream: string, model: string): Admission {
    if (this.options.failures <= 0 && this.options.failedRate === null) return { open: false, probe: false, done: () => undefined };
    const b = this.breaker(upstream, model);
    // a closed breaker (nearly every request) reads no clock
    const now = b.state === 'closed' ? 0 : this.now();
    if (b.state === 'open' && now - b.openedAt >= this.options.cooldownMs) this.move(b, id, 'half_open', 'cool-down over: one probe request goes through');
    if (b.state === 'open' || (b.state === 'half_open' && b.probing)) {
      const ms = b.state === 'open' ? b.openedAt + this.options.cooldownMs - now : this.options.cooldownMs;
      const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
      const message = `The circuit breaker for model "${model}" is ${b.state === 'open' ? 'open' : 'half-open (a probe request is out)'} (${b.lastReason}); retry after ${retryAfterSeconds} s`;
      return { open: true, retryAfterSeconds, message };
    }
    const probe = b.state === 'half_open';
    if (probe) b.probing = true;
    let settled = false;
    return {
      open: false,
      probe,
      done: (outcome) => {
        if (settled) return;
        settled = true;
        this.settle(b, id, probe, outcome);
      },
    };
  }

  private settle(b: Breaker, id: string, probe: boolean, outcome: Outcome): void {
    if (probe) b.probing = false;
    if (outcome === 'aborted') return; // says nothing about the upstream: the next request probes
    const failed = typeof outcome === 'string' || isFailureStatus(outcome);
    if (!failed) {
      if (b.failureTimes.length > 0) b.failureTimes.length = 0;
      if (b.state === 'half_open') this.move(b, id, 'closed', `probe answered ${outcome}`);
      return;
    }
    const why = typeof outcome === 'number' ? `upstream answered ${outcome}` : FAILURE_REASONS[outcome];
    if (b.state === 'half_open') return this.open(b, id, `probe failed: ${why}`, b.openedAfter + 1);
    if (this.options.failures <= 0) return;
    const now = this.now();
    b.failureTimes.push(now);
    while (b.failureTimes.length > 0 && now - b.failureTimes[0]! > this.options.windowMs) b.failureTimes.shift();
    if (b.failureTimes.length > this.options.failures) b.failureTimes.shift();
    if (b.failureTimes.length >= this.options.failures) this.open(b, id, `${this.options.failures} consecutive failures within ${this.options.windowMs / 1000} s, the last: ${why}`, b.failureTimes.length);
  }

  /** After an answer was recorded in the model's health: opens on a FAILED rate past the threshold. */
  afterAnswer(id: string, upstream: string, model: string): void {
    const limit = this.options.failedRate;
    if (limit === null) return;
    const b = this.breaker(upstream, model);
    if (b.state !== 'closed') return;
    const r = this.health.failedSince(model, b.closedAt);
    if (r.requests >= MIN_RATE_SAMPLES && r.failed / r.requests > limit) {
      this.open(b, id, `FAILED rate ${round(r.failed / r.requests)} over ${r.requests} answers is above ${limit}`, 0);
    }
  }

  /** A finished request: counted in its model's health (unless the breaker refused it, or its client
   * left before the answer was whole: neither says anything about the model's output, and counting them
   * would thin its rates), then the FAILED rate checked. */
  answered(upstream: string, a: Artifact): void {
    if (a.status === 'CLIENT_ABORTED' || a.errors.some((e) => e.code === 'circuit_open')) return;
    this.health.record(a.model, a.status, repairCount(a), a.schema?.valid === false);
    this.afterAnswer(a.id, upstream, a.model);
  }

  /** GET /v1/streamfix/models: every model with answers in the health window or a breaker not closed. */
  report(upstream: string): { object: 'list'; windowSeconds: number; data: ModelHealthEntry[] } {
    const data: ModelHealthEntry[] = this.health.snapshot().map((h) => ({ ...h, circuit: this.stateOf(upstream, h.model) }));
    for (const b of this.map.values()) {
      if (b.upstream !== upstream || b.state === 'closed' || data.some((d) => d.model === b.model)) continue;
      data.push({ model: b.model, requests: 0, repairs: 0, repairsPerRequest: 0, failedRate: 0, truncatedRate: 0, schemaFailures: 0, upstreamErrors: 0, circuit: this.stateOf(upstream, b.model) });
    }
    return { object: 'list', windowSeconds: this.health.windowMs / 1000, data };
  }

  /** The breakers not closed now (for /health's problems), in the order they were made. An open one past
   * its cool-down still reads open: it turns half-open when the next request asks. */
  notClosed(): { upstream: string; model: string; state: Exclude<BreakerState, 'closed'>; reason: string }[] {
    const out: { upstream: string; model: string; state: Exclude<BreakerState, 'closed'>; reason: string }[] = [];
    for (const b of this.map.values()) if (b.state !== 'closed') out.push({ upstream: b.upstream, model: b.model, state: b.state, reason: b.lastReason });
    return out;
  }

  /** The state of a model's breaker (closed when it has none), with the seconds until a probe. Closed: the
   * consecutive failures so far; open or half-open: those that opened it, and why (`reason`, the last
   * change's; null before any). */
  stateOf(upstream: string, model: string): ModelHealthEntry['circuit'] {
    const b = this.map.get(key(upstream, model));
    if (!b) return { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null, reason: null };
    const left = b.openedAt + this.options.cooldownMs - this.now();
    const failures = b.state === 'closed' ? b.failureTimes.length : b.openedAfter;
    return { state: b.state, consecutiveFailures: failures, retryAfterSeconds: b.state === 'open' ? Math.max(0, Math.ceil(left / 1000)) : null, reason: b.lastReason === '' ? null : b.lastReason };
  }

  private open(b: Breaker, id: string, reason: string, failures: number): void {
    b.openedAt = this.now();
    b.openedAfter = failures;
    b.failureTimes = [];
    this.move(b, id, 'open', reason);
  }

  private move(b: Breaker, id: string, state: BreakerState, reason: string): void {
    const previous = b.state;
    b.state = state;
    b.lastReason = reason;
    if (state === 'closed') b.closedAt = this.now();
    this.onChange({ id, upstream: b.upstream, model: b.model, previous, state, reason, retryAfterSeconds: state === 'open' ? Math.ceil(this.options.cooldownMs / 1000) : null });
  }

  private breaker(upstream: string, model: string): Breaker {
    const k = key(upstream, model);
    let b = this.map.get(k);
    if (b !== undefined) return b;
    b = new Breaker(upstream, model, this.now());
    this.map.set(k, b);
    if (this.map.size > MAX_BREAKERS) {
      for (const [k2, old] of this.map) {
        if (old.state === 'closed' && old !== b) {
          this.map.delete(k2);
          break;
        }
      }
    }
    return b;
  }
}

function key(upstream: string, model: string): string {
  return `${upstream}\u0000${model}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The gateway's breakers: each change logged, published as a `breaker` event, and set in the metric. */
export function gatewayBreakers(
  options: Partial<BreakerOptions> | undefined,
  health: ModelHealth,
  out: { log: { warn(s: string): void; info(s: string): void }; events: { publish(e: BreakerChange & { type: 'breaker' }): unknown }; metrics: { onCircuitState(model: string, state: BreakerState): void } },
  now?: () => number,
): Breakers {
  return new Breakers(
    { ...DEFAULT_BREAKER, ...options },
    health,
    (c) => {
      const line = `circuit breaker for ${c.model} at ${c.upstream}: ${c.previous} -> ${c.state} (${c.reason})`;
      if (c.state === 'open') out.log.warn(line);
      else out.log.info(line);
      out.events.publish({ type: 'breaker', ...c });
      out.metrics.onCircuitState(c.model, c.state);
    },
    now,
  );
}
