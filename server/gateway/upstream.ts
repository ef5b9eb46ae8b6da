/**
 * The HTTP client towards the upstream (OpenRouter or any OpenAI-compatible server): one undici Agent
 * (keep-alive pools per origin) with connect, headers and body-idle time-outs, and bounded retries that
 * happen only before the first response byte, so a retry can never duplicate streamed output.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import { GatewayError } from './errors';
import { headerSecrets, Redactor, type RedactableBody } from './redact';
import { Slots, type SlotStats } from './slots';

export interface UpstreamOptions {
  /** Base URL such as https://openrouter.ai/api/v1 (no trailing slash). */
  baseUrl: string;
  connectTimeoutMs?: number; // default 10 s
  headersTimeoutMs?: number; // time to the response headers; default 120 s (slow first tokens)
  bodyIdleTimeoutMs?: number; // longest silence inside a body; default 120 s (OpenRouter keep-alives are far more frequent)
  keepAliveMs?: number; // default 30 s
  /** Retries after the first attempt (connect errors, 429, 502, 503). Default 2. */
  maxRetries?: number;
  /** First backoff; doubles each retry, with full jitter. Default 250 ms. */
  backoffBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the status goes back to the client. Default 10 s. */
  maxRetryAfterMs?: number;
  /** Random source for jitter (tests pass a fixed one). */
  random?: () => number;
  /** Values redacted from every response (the configured key), besides each request's credential headers. */
  secrets?: (string | null)[];
  /** Upstream requests open at once (each holds a pooled connection until its body ends); more wait in a
   * visible queue. Default 512. */
  maxStreams?: number;
  /** Requests waiting for a slot at most; more are refused with 503. Default 4096. */
  maxQueue?: number;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, e.g. "/chat/completions". */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  /** Redacted: no credential the request sent (nor the configured key) is in them. */
  headers: Record<string, string | string[] | undefined>;
  /** Redacted as it streams, likewise. */
  body: RedactableBody;
  /** Attempts made (1 = no retry). */
  attempts: number;
  /** What redacted headers and body: the request's record redacts what it stores with it too. */
  redactor: Redactor;
}

const RETRY_STATUS = new Set([429, 502, 503]);
/** Redactors kept for distinct credential headers (Upstream.redactorFor). */
export const REDACTORS_KEPT = 32;
// Errors that happen before the request reached the server (or on a stale keep-alive socket), so a
// retry cannot make the model run twice.
const RETRY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function errorCode(e: unknown): string {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  if (typeof err?.code === 'string') return err.code;
  if (typeof err?.cause?.code === 'string') return err.cause.code;
  return 'UNKNOWN';
}

/** Milliseconds to wait for a Retry-After value (seconds or an HTTP date), or null when absent/invalid. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v.trim()) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export class Upstream {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly opts: Required<Omit<UpstreamOptions, 'baseUrl' | 'secrets' | 'maxStreams' | 'maxQueue'>>;
  private readonly redactor: Redactor;
  /** `redactor` with a request's credential headers, by those secrets: building one costs 40–60 µs (a
   * Redactor works out every form of every secret), and a gateway with a key sends that key with every
   * request, so nearly every request shares one. Bounded (clients sending their own keys): the oldest goes. */
  private readonly withHeaders = new Map<string, Redactor>();
  private readonly slots: Slots;

  constructor(options: UpstreamOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const url = new URL(this.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.opts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      headersTimeoutMs: options.headersTimeoutMs ?? 120_000,
      bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 120_000,
      keepAliveMs: options.keepAliveMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      backoffBaseMs: options.backoffBaseMs ?? 250,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      random: options.random ?? Math.random,
    };
    this.redactor = new Redactor(options.secrets ?? []);
    this.slots = new Slots(options.maxStreams ?? 512, options.maxQueue ?? 4096);
    this.agent = new Agent({
      connect: { timeout: this.opts.connectTimeoutMs },
      headersTimeout: this.opts.headersTimeoutMs,
      bodyTimeout: this.opts.bodyIdleTimeoutMs,
      keepAliveTimeout: this.opts.keepAliveMs,
      // our own Slots cap (and count) what waits; undici never queues behind its pool
      connections: this.slots.max,
    });
  }

  /** The redactor of a response to a request sent with `headers`: this upstream's secrets and the
   * request's credential headers (redact.ts headerSecrets). Also what the gateway repeats of the request
   * itself (its model name: metrics labels, events, artifacts) goes through it. */
  redactorFor(headers: Record<string, string>): Redactor {
    const more = headerSecrets(headers);
    if (more.length === 0) return this.redactor;
    // header values hold no line break: the joined list names one list
    const key = more.join('\n');
    let r = this.withHeaders.get(key);
    if (r === undefined) {
      if (this.withHeaders.size >= REDACTORS_KEPT) this.withHeaders.delete(this.withHeaders.keys().next().value!);
      this.withHeaders.set(key, (r = this.redactor.with(more)));
    }
    return r;
  }

  /**
   * Sends the request, retrying connect errors and 429/502/503 (honouring Retry-After) a bounded
   * number of times. Throws GatewayError 502/504 when the upstream cannot be reached, or the
   * AbortSignal's reason when aborted.
   */
  async request(r: UpstreamRequest): Promise<UpstreamResponse> {
    const release = await this.slots.acquire(r.signal);
    try {
      const { res, attempts } = await this.attempt(r);
      // the slot is held until the body is done: ended, dumped, or destroyed by an abort
      if (res.body.destroyed) release();
      else res.body.once('close', release);
      // the edge: whatever the upstream sends back is redacted before anything in the gateway reads it
      const redactor = this.redactorFor(r.headers);
      // a body that is no event stream is read as JSON: each string's end is its text's end (redact.ts)
      const json = !String(res.headers['content-type'] ?? '').includes('text/event-stream');
      return { status: res.statusCode, headers: redactor.headers(res.headers), body: redactor.body(res.body, json), attempts, redactor };
    } catch (e) {
      release();
      throw e;
    }
  }

  /** Upstream requests open and waiting for a slot. */
  stats(): SlotStats {
    return this.slots.stats();
  }

  private async attempt(r: UpstreamRequest): Promise<{ res: Dispatcher.ResponseData; attempts: number }> {
    let attempt = 0;
    for (;;) {
      attempt++;
      const last = attempt > this.opts.maxRetries;
      let res: Dispatcher.ResponseData;
      try {
        res = await this.agent.request({
          origin: this.origin,
          path: this.basePath + r.path,
          method: r.method,
          headers: r.headers,
          body: r.body,
          signal: r.signal,
        });
      } catch (e) {
        if (r.signal?.aborted) throw e;
        const code = errorCode(e);
        if (code === 'UND_ERR_HEADERS_TIMEOUT') {
          throw new GatewayError(504, 'upstream_unreachable', `Upstream ${this.origin} sent no response headers within ${this.opts.headersTimeoutMs / 1000} s`);
        }
        if (!RETRY_CODES.has(code) || last) {
          const msg = e instanceof Error ? e.message : String(e);
          throw new GatewayError(502, 'upstream_unreachable', `Upstream ${this.origin} is unreachable (${code}: ${msg}) after ${attempt} attempt${attempt === 1 ? '' : 's'}`);
        }
        await this.backoff(attempt, null, r.signal);
        continue;
      }
      if (RETRY_STATUS.has(res.statusCode) && !last) {
        const retryAfter = parseRetryAfter(res.headers['retry-after']);
        if (retryAfter === null || retryAfter <= this.opts.maxRetryAfterMs) {
          // drain so the keep-alive socket can be reused
          await res.body.dump().catch(() => undefined);
          await this.backoff(attempt, retryAfter, r.signal);
          continue;
        }
      }
      return { res, attempts: attempt };
    }
  }

  private async backoff(attempt: number, retryAfterMs: number | null, signal?: AbortSignal): Promise<void> {
    const ms = retryAfterMs ?? Math.round(this.opts.random() * this.opts.backoffBaseMs * 2 ** (attempt - 1));
    await delay(ms, undefined, { signal });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Ends every open upstream request now (shutdown after the grace period). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }
}
