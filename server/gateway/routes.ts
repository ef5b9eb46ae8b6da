/**
 * The gateway's routes as a table (method + path → handler) and the small handlers that need no file of
 * their own. A path segment `:name` matches any one segment and is passed to the handler decoded.
 * Other endpoints add rows to the table in server.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from './context';
import { anthropicModel, anthropicModels, modelPage, upstreamModels } from '../anthropic/models';
import { GatewayError, upstreamErrorMessage } from './errors';
import { shortened } from './redact';
import { writeJson } from './http';
import { withMemoryOnly } from './memoryOnly';
import { artifactQueryError, type ArtifactQuery } from '../../shared/protocol';

export interface RouteCall {
  req: IncomingMessage;
  res: ServerResponse;
  id: string;
  url: URL;
  /** The path without trailing slashes. */
  path: string;
  /** The `:name` segments of the route's path, decoded. */
  params: Record<string, string>;
  /** Headers every answer carries: the request id and CORS. */
  base: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(call: RouteCall): void | Promise<void>;
}

/** The params when `path` matches the route's pattern, else null. */
function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w.startsWith(':')) {
      if (got[i] === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(got[i]!);
      } catch {
        throw new GatewayError(400, 'invalid_request', `Path segment "${got[i]}" is not valid percent-encoding`);
      }
    } else if (w !== got[i]) return null;
  }
  return params;
}

/**
 * The route for `method path`, with its params. A path served only with other methods is a 405, an
 * unknown path a 404 listing what the gateway serves.
 */
export function findRoute(routes: readonly Route[], method: string, path: string, origin = 'http://127.0.0.1:8787'): { route: Route; params: Record<string, string> } {
  const methods: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params === null) continue;
    if (route.method === method) return { route, params };
    methods.push(route.method);
  }
  if (methods.length > 0) throw new GatewayError(405, 'method_not_allowed', `${path} accepts ${methods.join(' or ')} only`);
  const served = routes.map((r) => `${r.method} ${r.path}`).join(', ');
  throw new GatewayError(404, 'not_found', `Unknown route ${method} ${path}${routeHint(routes, path, origin)}; the gateway serves ${served}`);
}

/**
 * What a client pointed at the wrong base URL should change, when the path is a route but for `/v1`
 * ('' otherwise). The daemon prints its `/v1` URL, the OpenAI clients' base URL; Anthropic clients add
 * `/v1` themselves (`/v1/v1/messages` from that URL), and an OpenAI client given the root asks for
 * `/chat/completions`. `origin` is the request's, as the client reached the gateway.
 */
function routeHint(routes: readonly Route[], path: string, origin: string): string {
  const served = (p: string) =>
    routes.some((r) => {
      try {
        return matchPath(r.path, p) !== null;
      } catch {
        return false;
      }
    });
  if (path.startsWith('/v1/v1/') && served(path.slice(3))) return `: the base URL has /v1 twice (an Anthropic client adds /v1 itself: give it the gateway's root, ${origin})`;
  if (!path.startsWith('/v1/') && served(`/v1${path}`)) return `: did you mean /v1${path}? (an OpenAI client's base URL ends in /v1: ${origin}/v1)`;
  return '';
}

/** GET /v1/streamfix/result/:id */
export async function getArtifact(ctx: GatewayContext, call: RouteCall): Promise<void> {
  const aid = call.params.id!;
  const a = await ctx.store.get(aid);
  if (!a) throw new GatewayError(404, 'not_found', `No artifact with id ${JSON.stringify(shorten(aid))} (artifacts are kept for the most recent requests only)`);
  writeJson(call.res, 200, call.base, withMemoryOnly(ctx.store, a));
}

/** GET /v1/streamfix/results?limit=n&status=s&model=m&mode=x: the newest n of those matching. */
export function listArtifacts(ctx: GatewayContext, call: RouteCall): void {
  const q = call.url.searchParams;
  const raw = q.get('limit');
  let limit: number | undefined;
  if (raw !== null) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10000) throw new GatewayError(400, 'invalid_request', `limit must be a whole number from 1 to 10000, got ${JSON.stringify(shorten(raw))}`);
    limit = Number(raw);
  }
  const query: Record<string, string> = {};
  for (const k of ['status', 'model', 'mode'] as const) {
    const all = q.getAll(k);
    if (all.length > 1) throw new GatewayError(400, 'invalid_request', `${k} may be given once, got it ${all.length} times`);
    if (all.length === 1) query[k] = all[0]!;
  }
  const refused = artifactQueryError(query);
  if (refused !== null) throw new GatewayError(400, 'invalid_request', refused);
  writeJson(call.res, 200, call.base, { object: 'list', data: ctx.store.list(limit, query as ArtifactQuery).map((s) => withMemoryOnly(ctx.store, s)) });
}

/** Routes that write their own answer (SSE, metrics text) take the base headers through setHeader. */
export function setBase(call: RouteCall): void {
  for (const [k, v] of Object.entries(call.base)) call.res.setHeader(k, v);
}

/** The upstream's `/models` answer: status, headers and body as they came (redacted). */
async function fetchModels(ctx: GatewayContext, call: RouteCall): Promise<{ status: number; contentType: string; body: Buffer }> {
  const { req, res } = call;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'streamfix/0.1' };
  const own = ctx.tokenSet ? undefined : req.headers.authorization;
  if (own && (ctx.apiKey === null || /^Bearer\s+sk-or-/i.test(own))) headers.authorization = own;
  else if (ctx.apiKey) headers.authorization = `Bearer ${ctx.apiKey}`;
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort('client');
  });
  let up: Awaited<ReturnType<typeof ctx.upstream.request>>;
  try {
    up = await ctx.upstream.request({ method: 'GET', path: '/models', headers, signal: abort.signal });
  } catch (e) {
    // the client left: nothing to answer, and no fault of the gateway's (was logged as an internal error)
    if (abort.signal.aborted) throw new GatewayError(499, 'client_closed', "The client closed the connection before the upstream's model list arrived");
    throw e;
  }
  const parts: Buffer[] = [];
  for await (const c of up.body as AsyncIterable<Buffer>) parts.push(c);
  const ct = up.headers['content-type'];
  return { status: up.status, contentType: typeof ct === 'string' ? ct : 'application/json', body: Buffer.concat(parts) };
}

/** An Anthropic client (the SDKs and Claude Code send `anthropic-version` on every request): its models and
 * its errors in Anthropic's shape. */
export function isAnthropicClient(req: IncomingMessage): boolean {
  return typeof req.headers['anthropic-version'] === 'string';
}

/** The upstream's models by id; its error (or an unreadable list) thrown as a GatewayError. */
async function modelsFor(ctx: GatewayContext, call: RouteCall): Promise<Map<string, Record<string, unknown>>> {
  const up = await fetchModels(ctx, call);
  if (up.status < 200 || up.status >= 300) throw new GatewayError(up.status, 'upstream_error', upstreamErrorMessage(up.status, up.body.toString('utf8')));
  let parsed: unknown;
  try {
    parsed = JSON.parse(up.body.toString('utf8'));
  } catch {
    throw new GatewayError(502, 'upstream_invalid', "The upstream's model list is not JSON");
  }
  return upstreamModels(parsed);
}

/** Runs an Anthropic client's models request. Its errors go to the gateway's request handler
 * (server.ts), which logs them as every route's and answers an Anthropic client in Anthropic's shape. */
async function asAnthropic(call: RouteCall, fn: () => Promise<unknown>): Promise<void> {
  writeJson(call.res, 200, call.base, (await fn()) as object);
}

/** GET /v1/models: the upstream's list (the demo's in demo mode), status and body as they are; for an
 * Anthropic client, in Anthropic's shape with the routing table's names first (anthropic/models.ts). */
export async function proxyModels(ctx: GatewayContext, call: RouteCall): Promise<void> {
  if (isAnthropicClient(call.req)) return asAnthropic(call, async () => modelPage(anthropicModels(ctx.messages.routing, await modelsFor(ctx, call)), call.url.searchParams));
  const up = await fetchModels(ctx, call);
  call.res.writeHead(up.status, { ...call.base, 'content-type': up.contentType, 'content-length': up.body.length });
  call.res.end(up.body);
}

/** GET /v1/models/:id (also an OpenRouter id's two segments unencoded, `/v1/models/openai/gpt-4o`): the
 * upstream's entry (OpenAI's shape), or for an Anthropic client the model in Anthropic's; else a 404. */
export async function getModel(ctx: GatewayContext, call: RouteCall): Promise<void> {
  const id = call.params.author !== undefined ? `${call.params.author}/${call.params.slug}` : call.params.id!;
  const missing = () => new GatewayError(404, 'not_found', `model: no model ${JSON.stringify(shorten(id))}${isAnthropicClient(call.req) ? ' in the routing table or the upstream\'s list' : ' in the upstream\'s list'}`);
  if (isAnthropicClient(call.req)) {
    return asAnthropic(call, async () => {
      const m = anthropicModel(ctx.messages.routing, await modelsFor(ctx, call), id);
      if (!m) throw missing();
      return m;
    });
  }
  const m = (await modelsFor(ctx, call)).get(id);
  if (!m) throw missing();
  writeJson(call.res, 200, call.base, m);
}

/** A client's value quoted back in an error, cut so an over-long one cannot blow up the answer (a key cut
 * there is redacted: redact.ts shortened). */
function shorten(s: string): string {
  return shortened(s, 80);
}
