/**
 * Streaming responses whose headers wait for their first events, so both leave in one write (one
 * packet). An upstream quiet after its headers must not keep the client guessing: one sweeping interval
 * (running only while some response waits) flushes the headers of those that waited HEADER_FLUSH_MS.
 * One per gateway, which closes it on shutdown.
 */
import type { ServerResponse } from 'node:http';

/** How long a streaming response's headers wait for the first events to go out with them (at most
 * twice this: one sweep every HEADER_FLUSH_MS flushes those that waited at least that long). */
export const HEADER_FLUSH_MS = 20;

export class HeaderFlusher {
  /** Responses waiting, with the time they started waiting. */
  private readonly held = new Map<ServerResponse, number>();
  private sweep: NodeJS.Timeout | null = null;

  /** `res` has written its head but not flushed it: flush it if nothing is written within the bound. */
  hold(res: ServerResponse): void {
    this.held.set(res, performance.now());
    if (this.sweep === null) {
      this.sweep = setInterval(() => this.flushDue(), HEADER_FLUSH_MS);
      this.sweep.unref();
    }
  }

  /** The first events are going out (with the headers), or the response is over. */
  release(res: ServerResponse): void {
    this.held.delete(res);
  }

  close(): void {
    this.held.clear();
    this.stop();
  }

  private flushDue(): void {
    const now = performance.now();
    for (const [res, since] of this.held) {
      if (now - since < HEADER_FLUSH_MS) continue;
      this.held.delete(res);
      if (!res.destroyed && !res.writableEnded) res.flushHeaders();
    }
    if (this.held.size === 0) this.stop();
  }

  private stop(): void {
    if (this.sweep !== null) clearInterval(this.sweep);
    this.sweep = null;
  }
}
