/**
 * The gateway's HTTP server: security checks, routing, request ids, and a shutdown that stops accepting,
 * lets open streams finish within a bound, then aborts them.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RepairOptions } from '../../shared/engine';
import type { GatewayMode } from '../../shared/protocol';
import type { ArtifactStore } from './artifacts';
import { handleCountTokens, handleMessages, DEFAULT_PING_MS } from '../anthropic/messages';
import { isMessagesPath, sendAnthropicError } from '../anthropic/errors';
import { EMPTY_ROUTING, type RoutingTable } from '../anthropic/routing';
import { handleChat, type ChatCall } from './chat';
import { isOpenRouter } from './config';
import type { GatewayContext } from './context';
import { GatewayError, sendError, toGatewayError } from './errors';
import type { EventHub } from './events';
import type { Logger } from './log';
import type { GatewayMetrics } from './metrics';
import { RequestRecord } from './record';
import { gatewayBreakers, type BreakerOptions } from './breaker';
import { ModelHealth } from './modelHealth';
import { SchemaCache, type SchemaPolicy } from './schema';
import { checkRequest } from './security';
import { Upstream, type UpstreamOptions } from './upstream';

export interface GatewayOptions {
  port: number;
  host?: string;
  /** OpenAI-compatible base URL (for the demo: the demo server's /v1 URL). */
  upstream: string;
  demo: boolean;
  apiKey: string | null;
  token: string | null;
  allowedOrigins: string[];
  mode: GatewayMode;
  store: ArtifactStore;
  events: EventHub;
  metrics: GatewayMetrics;
  log: Logger;
  /** Upstream client tuning (tests shorten retries and time-outs). */
  upstreamOptions?: Omit<UpstreamOptions, 'baseUrl'>;
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  /** Engine limits for the repairs (defaults: the engine's). */
  engine?: RepairOptions;
  /** What a request without x-streamfix-schema gets (default report). */
  schemaPolicy?: SchemaPolicy;
  /** Circuit breaker thresholds (defaults: DEFAULT_BREAKER) and the health window (10 min). */
  breaker?: Partial<BreakerOptions>;
  healthWindowMs?: number;
  /** Milliseconds now, for the breakers and the health window (tests pass a fake clock). */
  clock?: () => number;
  /** The Messages API's routing table (default: none, names go upstream as they are) and ping interval. */
  messages?: { routing?: RoutingTable; pingMs?: number };
}

export interface Gateway {
  url: string;
  port: number;
  server: Server;
  /** Chat requests in flight. */
  readonly inflight: number;
  /** Stops accepting, waits up to `graceMs` (default 5 s) for open requests, aborts the rest. */
  close(graceMs?: number): Promise<void>;
}

export const REQUEST_ID_HEADER = 'x-streamfix-request-id';

/** Random bytes for request ids, drawn in batches (one randomBytes call per 512 ids instead of per id). */
let idPool = Buffer.alloc(0);
let idPoolAt = 0;

export function newRequestId(): string {
  if (idPoolAt + 6 > idPool.length) {
    idPool = randomBytes(6 * 512);
    idPoolAt = 0;
  }
  const hex = idPool.toString('hex', idPoolAt, idPoolAt + 6);
  idPoolAt += 6;
  return `sfx_${Date.now().toString(36)}${hex}`;
}

interface Inflight {
  abort: AbortController;
  done: Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const upstream = new Upstream({ baseUrl: opts.upstream, ...opts.upstreamOptions, secrets: [opts.apiKey] });
  const ctx: GatewayContext = {
    mode: opts.mode,
    apiKey: opts.apiKey,
    upstream,
    upstreamIsOpenRouter: isOpenRouter(opts.upstream),
    demo: opts.demo,
    tokenSet: opts.token !== null,
    store: opts.store,
    events: opts.events,
    metrics: opts.metrics,
    log: opts.log,
    maxRequestBytes: opts.maxRequestBytes ?? 32 * 1024 * 1024,
    maxResponseBytes: opts.maxResponseBytes ?? 64 * 1024 * 1024,
    engine: opts.engine ?? {},
    schemas: new SchemaCache(),
    schemaPolicy: opts.schemaPolicy ?? 'report',
    breakers: gatewayBreakers(opts.breaker, new ModelHealth(opts.healthWindowMs, opts.clock), opts, opts.clock),
    messages: { routing: opts.messages?.routing ?? EMPTY_ROUTING, pingMs: opts.messages?.pingMs ?? DEFAULT_PING_MS },
  };
  const inflight = new Set<Inflight>();
  const startedAt = Date.now();
  let closing = false;

  const route = async (req: IncomingMessage, res: ServerResponse, id: string, cors: Record<string, string>): Promise<void> => {
    const base = { [REQUEST_ID_HEADER]: id, ...cors };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const only = (m: string) => {
      if (method !== m) throw new GatewayError(405, 'method_not_allowed', `${path} accepts ${m} only`);
    };

    const handler = path === '/v1/chat/completions' ? handleChat : path === '/v1/messages' ? handleMessages : path === '/v1/messages/count_tokens' ? handleCountTokens : null;
    if (handler !== null) {
      only('POST');
      if (closing) throw new GatewayError(503, 'internal_error', 'The gateway is shutting down');
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort('client');
      });
      const call: ChatCall = { req, res, ctx, baseHeaders: base, record: new RequestRecord(id), abort };
      const done = handler(call);
      const entry: Inflight = { abort, done: done.then(() => undefined, () => undefined) };
      inflight.add(entry);
      try {
        await done;
      } finally {
        inflight.delete(entry);
      }
      return;
    }
    if (path === '/v1/models') {
      only('GET');
      return proxyModels(ctx, req, res, base);
    }
    if (path.startsWith('/v1/streamfix/result/')) {
      only('GET');
      const aid = decodeURIComponent(path.slice('/v1/streamfix/result/'.length));
      const a = opts.store.get(aid);
      if (!a) throw new GatewayError(404, 'not_found', `No artifact with id "${aid}" (artifacts are kept for the most recent requests only)`);
      return json(res, 200, base, a);
    }
    if (path === '/v1/streamfix/models') {
      only('GET');
      return json(res, 200, base, ctx.breakers.report(upstream.baseUrl));
    }
    if (path === '/v1/streamfix/results') {
      only('GET');
      const raw = url.searchParams.get('limit');
      let limit: number | undefined;
      if (raw !== null) {
        if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10000) throw new GatewayError(400, 'invalid_request', `limit must be a whole number from 1 to 10000, got "${raw}"`);
        limit = Number(raw);
      }
      return json(res, 200, base, { object: 'list', data: opts.store.list(limit) });
    }
    if (path === '/v1/streamfix/events') {
      only('GET');
      for (const [k, v] of Object.entries(base)) res.setHeader(k, v);
      opts.events.handleSse(req, res);
      return;
    }
    if (path === '/metrics') {
      only('GET');
      for (const [k, v] of Object.entries(base)) res.setHeader(k, v);
      return opts.metrics.handle(req, res);
    }
    if (path === '/health') {
      only('GET');
      return json(res, 200, base, {
        status: closing ? 'closing' : 'ok',
        upstream: opts.demo ? 'demo' : opts.upstream,
        demo: opts.demo,
        store: opts.store.stats(),
        inflight: inflight.size,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
    }
    throw new GatewayError(404, 'not_found', `Unknown route ${method} ${path}; the gateway serves POST /v1/chat/completions, POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models, /v1/streamfix/*, /metrics and /health`);
  };

  const server = createServer((req, res) => {
    const id = newRequestId();
    // Every answer carries the id: each writer gets it in its headers (not set here with setHeader, which
    // would put every writeHead on Node's slower merging path: ~25 us per request measured).
    let cors: Record<string, string> = {};
    void (async () => {
      try {
        const checked = checkRequest(req, res, { allowedOrigins: opts.allowedOrigins, token: opts.token }, { [REQUEST_ID_HEADER]: id });
        if (checked === 'handled') return;
        cors = checked;
        await route(req, res, id, cors);
      } catch (e) {
        const err = toGatewayError(e);
        if (err.status >= 500) opts.log.error(`${id} ${req.method} ${req.url}: ${err.message}`);
        else opts.log.debug(`${id} ${req.method} ${req.url}: ${err.status} ${err.message}`);
        if (e instanceof GatewayError && (err.code === 'invalid_json' || err.code === 'invalid_request' || err.code === 'invalid_mode' || err.code === 'invalid_schema' || err.code === 'missing_api_key' || err.code === 'payload_too_large')) {
          opts.metrics.onRequest('unknown', 'none', err.status, isMessagesPath(req.url) ? 'messages' : 'chat');
        }
        if (isMessagesPath(req.url)) sendAnthropicError(res, err, { [REQUEST_ID_HEADER]: id, ...cors }, id);
        else sendError(res, err, { [REQUEST_ID_HEADER]: id, ...cors });
      }
    })();
  });
  // Idle keep-alive connections stay open well past what clients and pools keep them (Node's agents and
  // undici use 4-60 s): with Node's 5 s default a client reusing a socket just as the server closes it
  // gets ECONNRESET (seen at 500 streams). headersTimeout must exceed keepAliveTimeout, or a request
  // arriving late on a kept-alive socket is cut by the headers timer instead.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // a streamed answer can be quiet for long stretches while the model thinks
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = (opts.host ?? '127.0.0.1') === '::1' ? '[::1]' : (opts.host ?? '127.0.0.1');

  return {
    url: `http://${hostPart}:${port}/v1`,
    port,
    server,
    get inflight() {
      return inflight.size;
    },
    async close(graceMs = 5_000) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const waitAll = () => Promise.all([...inflight].map((f) => f.done));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        waitAll().then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        opts.log.warn(`shutdown: aborting ${inflight.size} open request(s) after ${graceMs} ms`);
        for (const f of inflight) f.abort.abort('shutdown');
        await waitAll();
      }
      server.closeAllConnections();
      await closed;
      await upstream.destroy();
    },
  };
}

function json(res: ServerResponse, status: number, headers: Record<string, string>, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** GET /v1/models: the upstream's list (the demo's in demo mode), status and body as they are. */
async function proxyModels(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse, base: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'streamfix/0.1' };
  const own = ctx.tokenSet ? undefined : req.headers.authorization;
  if (own && (ctx.apiKey === null || /^Bearer\s+sk-or-/i.test(own))) headers.authorization = own;
  else if (ctx.apiKey) headers.authorization = `Bearer ${ctx.apiKey}`;
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort('client');
  });
  const up = await ctx.upstream.request({ method: 'GET', path: '/models', headers, signal: abort.signal });
  const parts: Buffer[] = [];
  for await (const c of up.body as AsyncIterable<Buffer>) parts.push(c);
  const body = Buffer.concat(parts);
  const ct = up.headers['content-type'];
  res.writeHead(up.status, { ...base, 'content-type': typeof ct === 'string' ? ct : 'application/json', 'content-length': body.length });
  res.end(body);
}
