/**
 * The gateway's HTTP server: security checks, routing, request ids, and a shutdown that stops accepting,
 * lets open streams finish within a bound, then aborts them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RepairOptions } from '../../shared/engine';
import type { GatewayMode } from '../../shared/protocol';
import type { ArtifactStore } from './artifacts';
import { handleCountTokens, handleMessages, DEFAULT_PING_MS } from '../anthropic/messages';
import { ThreadStore } from '../anthropic/threads';
import { isMessagesPath, sendAnthropicError } from '../anthropic/errors';
import { EMPTY_ROUTING, type RoutingTable } from '../anthropic/routing';
import { handleChat, type ChatCall } from './chat';
import { isOpenRouter } from './config';
import type { GatewayContext } from './context';
import { GatewayError, sendError, toGatewayError } from './errors';
import type { EventHub } from './events';
import { HeaderFlusher } from './headerFlush';
import { REQUEST_ID_HEADER, RequestIds, writeJson } from './http';
import type { Logger } from './log';
import type { GatewayMetrics } from './metrics';
import { RequestRecord } from './record';
import { gatewayBreakers, type BreakerOptions } from './breaker';
import { ModelHealth } from './modelHealth';
import { SchemaCache, type SchemaPolicy } from './schema';
import { DEFAULT_TRUNCATED_TOOLS, type TruncatedToolPolicy } from './truncatedTools';
import { findRoute, getArtifact, isAnthropicClient, getModel, listArtifacts, proxyModels, setBase, type Route, type RouteCall } from './routes';
import { guardClients, reserveServes, type ClientLimits } from './limits';
import { healthVerdict, type LspChannel } from './health';
import { checkRequest } from './security';
import { Warnings } from './warnings';
import { Upstream, type UpstreamOptions } from './upstream';
import { shortened, type Redactor } from './redact';
import { ARTIFACT_TEXT_LIMIT } from './boundedText';

export interface GatewayOptions {
  port: number;
  /** When `port` is in use, listen on a free one instead (Gateway.fallbackFrom says so). */
  portFallback?: boolean;
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
  /** What a request without x-streamfix-truncated-tools gets (default close). */
  truncatedTools?: TruncatedToolPolicy;
  /** Circuit breaker thresholds (defaults: DEFAULT_BREAKER) and the health window (10 min). */
  breaker?: Partial<BreakerOptions>;
  healthWindowMs?: number;
  /** Milliseconds now, for the breakers and the health window (tests pass a fake clock). */
  clock?: () => number;
  /** The Messages API's routing table (default: none, names go upstream as they are) and ping interval. */
  messages?: { routing?: RoutingTable; pingMs?: number; threads?: ThreadStore };
  /** Where warnings go (counted, logged, in /health); default: a new one on `log` and `metrics`. */
  warnings?: Warnings;
  /** Caps on clients: connections, header and request time-outs (limits.ts). */
  limits?: ClientLimits;
  /** Characters of each text an artifact keeps (head and tail of longer ones); default 512 Ki. */
  maxArtifactText?: number;
  /** The editor's language-server channel, read by /health (the daemon updates it; absent: none). */
  lsp?: LspChannel | null;
}

export interface Gateway {
  url: string;
  port: number;
  /** The port asked for, when it was in use and `portFallback` took a free one. */
  fallbackFrom?: number;
  server: Server;
  /** Chat requests in flight. */
  readonly inflight: number;
  /** Stops accepting, waits up to `graceMs` (default 5 s) for open requests, aborts the rest. */
  close(graceMs?: number): Promise<void>;
}

export { REQUEST_ID_HEADER };

interface Inflight {
  abort: AbortController;
  done: Promise<void>;
}

/** Error codes of requests refused before a model was known, counted under model "unknown". */
const REFUSED_CODES = new Set(['invalid_json', 'invalid_request', 'invalid_mode', 'invalid_schema', 'pattern_engine_unavailable', 'missing_api_key', 'payload_too_large']);

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const upstream = new Upstream({ baseUrl: opts.upstream, ...opts.upstreamOptions, secrets: [opts.apiKey] });
  const warnings = opts.warnings ?? new Warnings(opts.log, (kind) => opts.metrics.onWarning(kind));
  const ctx = gatewayContext(opts, upstream, warnings);
  const requests = new InflightRequests();
  const ids = new RequestIds();
  // the request and header time-outs (limits.ts) are checked every second rather than Node's 30 s
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    // over the connection cap: already answered 503 on the socket
    if (guard.refused(req.socket)) return void res.destroy();
    if (guard.inReserve(req.socket)) {
      // past the cap, within the reserve: /health and /metrics only, one request, then closed
      guard.received(req.socket);
      if (!reserveServes(req.method, req.url)) return void guard.refuse(req.socket);
      res.shouldKeepAlive = false;
    }
    void answer(req, res, ids.next());
  });
  const guard = guardClients(server, opts.limits ?? {}, warnings);
  const answer = requestHandler(opts, gatewayRoutes(ctx, opts, requests, guard), (req) => upstream.redactorFor(credentialHeaders(req)));
  // Idle keep-alive connections stay open well past what clients and pools keep them (Node's agents and
  // undici use 4-60 s): with Node's 5 s default a client reusing a socket just as the server closes it
  // gets ECONNRESET (seen at 500 streams). (On Node 20 the idle time does not count towards the headers
  // time-out, so that one can be short.)
  server.keepAliveTimeout = 65_000;
  opts.metrics.watchGateway(() => ({ connections: guard.open, upstream: upstream.stats() }));
  const storeStats = opts.store.stats();
  opts.metrics.watchStore(() => opts.store.stats(), storeStats.dir !== null || storeStats.readOnly !== null);
  const fallbackFrom = await listenWithFallback(server, opts, guard.max);
  const port = (server.address() as AddressInfo).port;
  const hostPart = (opts.host ?? '127.0.0.1') === '::1' ? '[::1]' : (opts.host ?? '127.0.0.1');

  return {
    url: `http://${hostPart}:${port}/v1`,
    port,
    ...(fallbackFrom !== undefined ? { fallbackFrom } : {}),
    server,
    get inflight() {
      return requests.size;
    },
    async close(graceMs = 5_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await requests.drain(graceMs, opts.log);
      server.closeAllConnections();
      await closed;
      ctx.headerFlush.close();
      ctx.schemas.close();
      await upstream.destroy();
    },
  };
}

/** The state every request's handler reads: options with their defaults, and the objects that own the
 * gateway's shared state (schema cache, breakers, header flusher). */
function gatewayContext(opts: GatewayOptions, upstream: Upstream, warnings: Warnings): GatewayContext {
  return {
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
    schemas: new SchemaCache((message) => warnings.warn('pattern_engine_restarted', message)),
    schemaPolicy: opts.schemaPolicy ?? 'report',
    truncatedTools: opts.truncatedTools ?? DEFAULT_TRUNCATED_TOOLS,
    breakers: gatewayBreakers(opts.breaker, new ModelHealth(opts.healthWindowMs, opts.clock), opts, opts.clock),
    messages: { routing: opts.messages?.routing ?? EMPTY_ROUTING, pingMs: opts.messages?.pingMs ?? DEFAULT_PING_MS, threads: opts.messages?.threads ?? new ThreadStore() },
    headerFlush: new HeaderFlusher(),
    warnings,
    artifactTextLimit: opts.maxArtifactText ?? ARTIFACT_TEXT_LIMIT,
  };
}

/** The requests that call the upstream (chat, messages), tracked so that shutdown can wait for them and
 * abort them past the grace. */
class InflightRequests {
  private readonly open = new Set<Inflight>();
  private closing = false;
  readonly startedAt = Date.now();

  get size(): number {
    return this.open.size;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  track(ctx: GatewayContext, handler: (call: ChatCall) => Promise<void>): Route['handle'] {
    return async ({ req, res, id, base }: RouteCall): Promise<void> => {
      if (this.closing) throw new GatewayError(503, 'internal_error', 'The gateway is shutting down');
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort('client');
      });
      const done = handler({ req, res, ctx, baseHeaders: base, record: new RequestRecord(id), abort });
      const entry: Inflight = { abort, done: done.then(() => undefined, () => undefined) };
      this.open.add(entry);
      try {
        await done;
      } finally {
        this.open.delete(entry);
      }
    };
  }

  /** Refuses new requests, waits up to `graceMs` for the open ones, then aborts the rest. */
  async drain(graceMs: number, log: Logger): Promise<void> {
    this.closing = true;
    const waitAll = () => Promise.all([...this.open].map((f) => f.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      waitAll().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      log.warn(`shutdown: aborting ${this.open.size} open request(s) after ${graceMs} ms`);
      for (const f of this.open) f.abort.abort('shutdown');
      await waitAll();
    }
  }
}

/** The gateway's routes (routes.ts matches them). */
function gatewayRoutes(ctx: GatewayContext, opts: GatewayOptions, requests: InflightRequests, guard: ReturnType<typeof guardClients>): Route[] {
  const { upstream, warnings } = ctx;
  const health = ({ res, base }: RouteCall): void => {
    const upstreamRequests = upstream.stats();
    // 200 whatever the status: the gateway answers (health.ts says why)
    writeJson(res, 200, base, {
      ...healthVerdict({ closing: requests.isClosing, store: opts.store.problem(), upstream: upstreamRequests, breakers: ctx.breakers.notClosed(), connections: { open: guard.open, max: guard.max, reserve: guard.reserve }, lsp: opts.lsp }),
      upstream: opts.demo ? 'demo' : opts.upstream,
      demo: opts.demo,
      store: opts.store.stats(),
      inflight: requests.size,
      connections: { open: guard.open, max: guard.max, reserve: guard.reserve },
      upstreamRequests,
      lsp: opts.lsp ?? null,
      warnings: warnings.stats(),
      uptimeSeconds: Math.round((Date.now() - requests.startedAt) / 1000),
    });
  };
  return [
    { method: 'POST', path: '/v1/chat/completions', handle: requests.track(ctx, handleChat) },
    { method: 'POST', path: '/v1/messages', handle: requests.track(ctx, handleMessages) },
    { method: 'POST', path: '/v1/messages/count_tokens', handle: requests.track(ctx, handleCountTokens) },
    { method: 'GET', path: '/v1/models', handle: (c) => proxyModels(ctx, c) },
    { method: 'GET', path: '/v1/models/:id', handle: (c) => getModel(ctx, c) },
    { method: 'GET', path: '/v1/models/:author/:slug', handle: (c) => getModel(ctx, c) },
    { method: 'GET', path: '/v1/streamfix/result/:id', handle: (c) => getArtifact(ctx, c) },
    { method: 'GET', path: '/v1/streamfix/results', handle: (c) => listArtifacts(ctx, c) },
    { method: 'GET', path: '/v1/streamfix/models', handle: (c) => writeJson(c.res, 200, c.base, ctx.breakers.report(upstream.baseUrl)) },
    {
      method: 'GET',
      path: '/v1/streamfix/events',
      handle: (c) => {
        setBase(c);
        opts.events.handleSse(c.req, c.res);
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: (c) => {
        setBase(c);
        return opts.metrics.handle(c.req, c.res);
      },
    },
    { method: 'GET', path: '/health', handle: health },
  ];
}

/** One request: the security checks, its route, and any error in the endpoint's own shape (the Messages
 * API's for /v1/messages, OpenAI's otherwise). Every answer carries the request id: each writer gets it in
 * its headers (not set here with setHeader, which would put every writeHead on Node's slower merging path:
 * ~25 us per request measured). */
function requestHandler(opts: GatewayOptions, routes: Route[], redactorOf: (req: IncomingMessage) => Redactor) {
  return async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    let cors: Record<string, string> = {};
    try {
      const checked = checkRequest(req, res, { allowedOrigins: opts.allowedOrigins, token: opts.token }, { [REQUEST_ID_HEADER]: id });
      if (checked === 'handled') return;
      cors = checked;
      const url = requestUrl(req.url);
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const { route, params } = findRoute(routes, req.method ?? 'GET', path, `http://${req.headers.host ?? '127.0.0.1'}`);
      await route.handle({ req, res, id, url, path, params, base: { [REQUEST_ID_HEADER]: id, ...cors } });
    } catch (e) {
      // a refusal may repeat what the request held (a tool's name, a schema's value): a key pasted there
      // leaves redacted, as everything else the gateway answers or logs
      const err = redacted(toGatewayError(e), redactorOf(req));
      if (err.status >= 500) opts.log.error(`${id} ${req.method} ${req.url}: ${err.message}`);
      else opts.log.debug(`${id} ${req.method} ${req.url}: ${err.status} ${err.message}`);
      if (e instanceof GatewayError && REFUSED_CODES.has(err.code)) {
        opts.metrics.onRequest('unknown', 'none', err.status, isMessagesPath(req.url) ? 'messages' : 'chat');
      }
      // the Anthropic clients' shape for theirs: the Messages paths, and any request with their version
      // header (a 404 for a wrong base URL, say)
      if (isMessagesPath(req.url) || isAnthropicClient(req)) sendAnthropicError(res, err, { [REQUEST_ID_HEADER]: id, ...cors }, id);
      else sendError(res, err, { [REQUEST_ID_HEADER]: id, ...cors });
    }
  };
}

/** The request's credential headers (redact.ts headerSecrets picks them): what the gateway would send on. */
function credentialHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') out[name] = value;
  return out;
}

/** The error with its message redacted; the same error when nothing in it was a secret. */
function redacted(err: GatewayError, redactor: Redactor): GatewayError {
  const message = redactor.message(err.message);
  return message === err.message ? err : new GatewayError(err.status, err.code, message, err.details);
}

/** Listens on `opts.port`, or on a free port when it is in use and `portFallback` allows (the port asked
 * for is returned then). The backlog is as deep as the connection cap: with Node's 511, a burst of 1,000
 * connects overflowed it and the rest waited for SYN retransmits (seconds). */
async function listenWithFallback(server: Server, opts: GatewayOptions, backlog: number): Promise<number | undefined> {
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: opts.host ?? '127.0.0.1', backlog }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(opts.port);
    return undefined;
  } catch (e) {
    // Decided at the bind itself: a probe before it (the extension's, once) lost the race when two
    // windows started at once, or when another daemon took the port while this one restarted.
    if (!(opts.portFallback && opts.port !== 0 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw e;
    await listen(0);
    return opts.port;
  }
}

/** The request target as a URL: an origin-form path taken as a path even when it starts with `//`; an
 * absolute-form target parsed as one; anything unparsable a 400 (never a 500). */
export function requestUrl(target: string | undefined): URL {
  const t = target ?? '/';
  try {
    return t.startsWith('/') ? new URL(`http://127.0.0.1${t}`) : new URL(t);
  } catch {
    throw new GatewayError(400, 'invalid_request', `The request target ${JSON.stringify(shortened(t, 80))} is not a valid URL`);
  }
}
