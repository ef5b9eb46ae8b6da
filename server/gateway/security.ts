/**
 * The checks a local proxy that spends the user's credits needs before it does anything:
 * - Host must be a loopback name, so a web page whose DNS name is rebound to 127.0.0.1 gets refused;
 * - a browser request (it has an Origin header) must come from an allowed origin (CORS);
 * - with a gateway token configured, `Authorization: Bearer <token>` is required.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from './errors';

export interface SecurityOptions {
  allowedOrigins: string[];
  token: string | null;
}

const LOOPBACK_NAME = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/** Headers a browser may read from our responses. */
const EXPOSED = 'x-streamfix-request-id, x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact, x-should-retry, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after';

export function isLoopbackHost(host: string | undefined): boolean {
  return typeof host === 'string' && LOOPBACK_NAME.test(host);
}

function originAllowed(origin: string, allowed: string[]): boolean {
  return allowed.includes('*') || allowed.includes(origin);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Anthropic clients send their key as `x-api-key` (Claude Code: ANTHROPIC_API_KEY). */
function keyMatches(header: string | string[] | undefined, token: string): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header.trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * Runs the checks. Returns the CORS headers to add to the response (empty for non-browser clients),
 * or 'handled' when it answered a CORS preflight itself (with `headers` added). Throws GatewayError when
 * refused.
 */
export function checkRequest(req: IncomingMessage, res: ServerResponse, opts: SecurityOptions, headers: Record<string, string> = {}): Record<string, string> | 'handled' {
  if (!isLoopbackHost(req.headers.host)) {
    throw new GatewayError(403, 'forbidden_host', `Host "${req.headers.host ?? ''}" is not a loopback name; use http://127.0.0.1:<port> (requests for other host names are refused to stop DNS rebinding)`);
  }
  const origin = req.headers.origin;
  let cors: Record<string, string> = {};
  if (origin !== undefined) {
    if (!originAllowed(origin, opts.allowedOrigins)) {
      throw new GatewayError(403, 'forbidden_origin', `Origin "${origin}" is not allowed; add it with --allowed-origin or the streamfix.allowedOrigins setting`);
    }
    cors = { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...headers,
        ...cors,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-streamfix-mode',
        'access-control-max-age': '600',
      });
      res.end();
      return 'handled';
    }
  }
  if (opts.token !== null && !tokenMatches(req.headers.authorization, opts.token) && !keyMatches(req.headers['x-api-key'], opts.token)) {
    throw new GatewayError(401, 'unauthorized', 'This gateway requires "Authorization: Bearer <token>" (or, for Anthropic clients, "x-api-key: <token>") with the token it was started with (--token / STREAMFIX_TOKEN)');
  }
  return cors;
}
