/**
 * A counting semaphore with a visible queue: the gateway's cap on concurrent upstream requests. undici
 * would queue past its connection pool without a word; here the queue is counted (`/health`, the
 * `streamfix_upstream_queued` gauge) and bounded (past `maxQueue` a request is refused with a 503), and
 * a waiter whose client goes away leaves the queue.
 *
 * Example:
 *   const slots = new Slots(512, 4096);
 *   const release = await slots.acquire(signal);
 *   try { … } finally { release(); }
 */
import { GatewayError } from './errors';

export interface SlotStats {
  max: number;
  /** Requests that may wait at once; with `queued` at it, one more is refused (503). */
  maxQueue: number;
  active: number;
  queued: number;
  /** Requests that had to wait for a slot, since start. */
  queuedTotal: number;
  /** Requests refused because the queue was full, since start. */
  refusedTotal: number;
}

export class Slots {
  private active = 0;
  private readonly waiting = new Set<() => void>();
  private queuedTotal = 0;
  private refusedTotal = 0;

  constructor(
    readonly max: number,
    readonly maxQueue: number,
  ) {}

  /** Resolves with the release function once a slot is free; rejects with the signal's reason if it is
   * aborted while waiting, and with a 503 GatewayError when the queue is full. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.max && this.waiting.size === 0) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.size >= this.maxQueue) {
      this.refusedTotal++;
      return Promise.reject(new GatewayError(503, 'overloaded', `The gateway has ${this.max} upstream requests open and ${this.waiting.size} waiting, its limit; retry later`));
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.queuedTotal++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(grant);
        reject(signal!.reason);
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.releaser());
      };
      this.waiting.add(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  stats(): SlotStats {
    return { max: this.max, maxQueue: this.maxQueue, active: this.active, queued: this.waiting.size, queuedTotal: this.queuedTotal, refusedTotal: this.refusedTotal };
  }

  /** A release function that works once (a second call is ignored). */
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.values().next();
      if (next.done) this.active--;
      else {
        // the slot passes straight to the oldest waiter
        this.waiting.delete(next.value);
        next.value();
      }
    };
  }
}
