/**
 * Which models' circuit breakers are not closed, from the daemon's `breaker` events (pushed over the LSP
 * notification channel as they happen), and what the status bar says about them. No `vscode` import:
 * unit-tested under plain mocha.
 */
import type { BreakerState, GatewayEvent } from '../shared/protocol';

type BreakerEvent = Extract<GatewayEvent, { type: 'breaker' }>;

interface NotClosed {
  model: string;
  state: Exclude<BreakerState, 'closed'>;
  reason: string;
  retryAfterSeconds: number | null;
  /** When it opened (the event's time), for the tooltip. */
  time: string;
}

export class BreakerStatus {
  /** By upstream and model, in the order they opened (the first is the one the status bar names). */
  private readonly open = new Map<string, NotClosed>();

  /** Takes a `breaker` event; true when what the status bar shows changed. */
  onEvent(e: BreakerEvent): boolean {
    const key = `${e.upstream}\n${e.model}`;
    if (e.state === 'closed') return this.open.delete(key);
    this.open.set(key, { model: e.model, state: e.state, reason: e.reason, retryAfterSeconds: e.retryAfterSeconds, time: e.time });
    return true;
  }

  /** A new daemon starts with every breaker closed. */
  clear(): void {
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * The status bar text while some breaker is not closed, else null.
   * @example "$(warning) StreamFix: breaker open (demo/clean)", "$(warning) StreamFix: breaker half-open (a/b +1)"
   */
  text(): string | null {
    const first = this.open.values().next().value as NotClosed | undefined;
    if (!first) return null;
    const more = this.open.size > 1 ? ` +${this.open.size - 1}` : '';
    return `$(warning) StreamFix: breaker ${first.state === 'open' ? 'open' : 'half-open'} (${first.model}${more})`;
  }

  /** One line per model: what its breaker does and why it opened. */
  tooltip(): string {
    const lines = [...this.open.values()].map((b) =>
      b.state === 'open'
        ? `${b.model}: circuit breaker open since ${b.time}; requests get 503${b.retryAfterSeconds !== null ? ` for about ${b.retryAfterSeconds} s, then one probe goes through` : ''} (${b.reason})`
        : `${b.model}: circuit breaker half-open; one probe request decides (${b.reason})`,
    );
    return `${lines.join('\n')}\nClick for the per-model health.`;
  }
}
