/**
 * The live event hub behind GET /v1/streamfix/events: the gateway publishes per-request events, in-process
 * subscribers (the language server forwarding to the extension) get them synchronously, and SSE clients
 * get them as `id: <seq>` / `event: <type>` / `data: <json>` frames.
 *
 * A bounded backlog lets a client that reconnects resume with `Last-Event-ID` (header, or `?lastEventId=`
 * for clients that cannot set headers). When the id is older than the backlog (or from a previous daemon
 * run: larger than any seq issued) the client first gets an `event: reset` saying it missed events, then
 * everything the backlog still has. Without an id a client gets live events only; `lastEventId=0` asks
 * for the whole backlog.
 *
 * Example:
 *   const hub = new EventHub({ backlog: 500 });
 *   hub.publish({ type: 'reasoning', id: 'sfx_1', bytes: 120 }); // -> { ..., seq: 1, time: '2026-…' }
 *   server.on('request', (req, res) => hub.handleSse(req, res));
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayEvent } from '../../shared/protocol';

/** Omit that distributes over a union, so each event variant keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What `publish` takes: an event without the `seq` and `time` the hub assigns. */
export type GatewayEventInput = DistributiveOmit<GatewayEvent, 'seq' | 'time'>;

export const DEFAULT_BACKLOG = 1000;
export const DEFAULT_KEEP_ALIVE_MS = 15000;
/** What EventSource clients wait before reconnecting (the SSE `retry:` field). */
export const RETRY_MS = 2000;
/** A client whose socket has this much unsent data is too slow: it is dropped and may resume from the
 * backlog with Last-Event-ID, instead of the hub buffering for it without bound. */
export const MAX_CLIENT_BUFFER_BYTES = 1024 * 1024;

export interface EventHubOptions {
  backlog?: number;
  keepAliveMs?: number;
}

/** The payload of `event: reset`. */
export interface ResetEventData {
  reason: 'missed' | 'unknown-id';
  /** The Last-Event-ID the client sent. */
  lastEventId: number;
  /** The oldest seq still in the backlog (what is replayed next), or null when the backlog is empty. */
  oldestSeq: number | null;
  /** The newest seq issued so far (0 before any event). */
  latestSeq: number;
}

export class EventHub {
  private readonly backlogSize: number;
  private readonly keepAliveMs: number;
  /** The last events, oldest first: up to twice `backlogSize` are kept and the older half is cut in one
   * splice, so a publish costs O(1) amortized instead of a shift of the whole array each time. Only
   * the last `backlogSize` of them count (see `window()`). */
  private readonly backlog: GatewayEvent[] = [];
  private seq = 0;
  private readonly subscribers = new Set<(e: GatewayEvent) => void>();
  private readonly clients = new Set<ServerResponse>();
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly clock = new IsoClock();
  /** Subscriber exceptions and dropped slow clients, counted for /health and tests. */
  readonly counters = { subscriberErrors: 0, droppedClients: 0 };

  constructor(options: EventHubOptions = {}) {
    const backlog = options.backlog ?? DEFAULT_BACKLOG;
    const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    if (!Number.isInteger(backlog) || backlog < 0) throw new RangeError(`backlog must be an integer >= 0, got ${backlog}`);
    if (!Number.isFinite(keepAliveMs) || keepAliveMs <= 0) throw new RangeError(`keepAliveMs must be > 0, got ${keepAliveMs}`);
    this.backlogSize = backlog;
    this.keepAliveMs = keepAliveMs;
  }

  /** Number of connected SSE clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** The newest seq issued (0 before any event). */
  get latestSeq(): number {
    return this.seq;
  }

  /** Assigns the next seq and the current time, stores the event in the backlog and delivers it. */
  publish(input: GatewayEventInput): GatewayEvent {
    // Object.assign, not `{ ...input, seq, time }`: on Node 20 that spread-plus-properties literal takes
    // a slow generic path (~0.7 µs against ~0.04 µs), and a repair-mode stream publishes per repair.
    // Same keys in the same order, so the JSON clients see is unchanged.
    const event = Object.assign({}, input) as GatewayEvent;
    event.seq = ++this.seq;
    event.time = this.clock.now();
    if (this.closed) return event;
    if (this.backlogSize > 0) {
      this.backlog.push(event);
      if (this.backlog.length >= 2 * this.backlogSize) this.backlog.splice(0, this.backlog.length - this.backlogSize);
    }
    for (const fn of this.subscribers) {
      try {
        fn(event);
      } catch {
        // A broken subscriber must not stop the gateway's request or the other subscribers; it is counted.
        this.counters.subscriberErrors++;
      }
    }
    if (this.clients.size > 0) {
      const frame = formatEvent(event);
      for (const res of this.clients) this.send(res, frame);
    }
    return event;
  }

  /** Calls `fn` for every event published from now on; returns the unsubscribe function. */
  subscribe(fn: (e: GatewayEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => {
      this.subscribers.delete(fn);
    };
  }

  /** Events in the backlog with seq > `after`, oldest first. */
  since(after: number): GatewayEvent[] {
    return this.window().filter((e) => e.seq > after);
  }

  /** The backlog proper: the last `backlogSize` events. */
  private window(): GatewayEvent[] {
    const b = this.backlog;
    return b.length > this.backlogSize ? b.slice(b.length - this.backlogSize) : b;
  }

  /**
   * Serves one SSE client. Headers the caller set before (CORS) are kept: writeHead merges them.
   */
  handleSse(req: IncomingMessage, res: ServerResponse): void {
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The event hub is shut down', type: 'server_error', code: 'shutting_down' } }));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Sent first so the client learns the retry delay and the headers leave at once (some clients only
    // report "open" after the first bytes).
    res.write(`retry: ${RETRY_MS}\n: streamfix events\n\n`);
    const lastId = parseLastEventId(req);
    if (lastId !== null) {
      const backlog = this.window();
      const oldest = backlog.length ? backlog[0].seq : null;
      const unknown = lastId > this.seq;
      // Events lastId+1 .. oldest-1 are gone (or, with an id from before a restart, seqs mean nothing).
      const missed = unknown || (oldest !== null ? lastId < oldest - 1 : lastId < this.seq);
      if (missed) {
        const data: ResetEventData = { reason: unknown ? 'unknown-id' : 'missed', lastEventId: lastId, oldestSeq: oldest, latestSeq: this.seq };
        res.write(`event: reset\ndata: ${JSON.stringify(data)}\n\n`);
      }
      const replay = missed ? backlog : this.since(lastId);
      if (replay.length) res.write(replay.map(formatEvent).join(''));
    }
    this.clients.add(res);
    this.startKeepAlive();
    const cleanup = () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopKeepAlive();
    };
    // res 'close' fires when the client goes away (or the response ends). Not req 'close': that can
    // fire once the request body has been consumed, while the stream is still wanted.
    res.on('close', cleanup);
    res.on('error', cleanup);
  }

  /** Ends every SSE stream, stops the keep-alive timer and drops subscribers. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopKeepAlive();
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.subscribers.clear();
  }

  private send(res: ServerResponse, text: string): void {
    if (res.destroyed || res.writableEnded) {
      this.clients.delete(res);
      return;
    }
    if (res.writableLength > MAX_CLIENT_BUFFER_BYTES) {
      this.counters.droppedClients++;
      this.clients.delete(res);
      res.destroy();
      return;
    }
    res.write(text);
  }

  private startKeepAlive(): void {
    if (this.keepAliveTimer) return;
    this.keepAliveTimer = setInterval(() => {
      for (const res of this.clients) this.send(res, ': keep-alive\n\n');
    }, this.keepAliveMs);
    // The hub must never be what keeps a process alive (the http server is).
    this.keepAliveTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = null;
  }
}

/** `new Date().toISOString()`, formatted once per millisecond: events published in the same millisecond
 * share the string (the format has millisecond precision, so the text is the same). */
export class IsoClock {
  private ms = Number.NaN;
  private text = '';
  /** The current second as toISOString writes it, up to and including its '.' (what precedes the ms). */
  private second = Number.NaN;
  private secondText = '';

  /** `new Date(ms).toISOString()`, rendered in full once per second: a repair-mode stream publishes an
   * event per repair, and nearly every one falls in a new millisecond. */
  now(ms = Date.now()): string {
    if (ms !== this.ms) {
      this.ms = ms;
      const second = Math.floor(ms / 1000);
      if (second !== this.second) {
        this.second = second;
        // toISOString ends in '.mmmZ' whatever the year's width
        this.secondText = new Date(second * 1000).toISOString().slice(0, -4);
      }
      const f = ms - second * 1000;
      this.text = `${this.secondText}${f < 10 ? '00' : f < 100 ? '0' : ''}${f}Z`;
    }
    return this.text;
  }
}

/** One SSE frame. JSON.stringify escapes newlines, so `data:` is always one line. */
export function formatEvent(e: GatewayEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}

/** The resume point: the Last-Event-ID header, else `?lastEventId=`. Anything but a non-negative
 * integer is ignored (treated as a fresh connection), since a bad id cannot name a position. */
function parseLastEventId(req: IncomingMessage): number | null {
  let raw = req.headers['last-event-id'];
  if (Array.isArray(raw)) raw = raw[0];
  if (raw === undefined || raw === '') {
    const q = (req.url ?? '').indexOf('?');
    if (q >= 0) raw = new URLSearchParams(req.url!.slice(q + 1)).get('lastEventId') ?? undefined;
  }
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}
