/**
 * The request headers an artifact keeps so that a replay (or "copy as curl") asks for what the request
 * asked for: the gateway's own policy headers only, by name. An allow-list, not "every x-streamfix-*":
 * a client may send any header under that prefix, and an artifact must never hold a key or a token.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { REQUEST_KEEP_BYTES, type Artifact } from '../../shared/protocol';
import { HOLD_PROSE_HEADER, MODE_HEADER } from './chatRequest';
import { SCHEMA_HEADER } from './schema';
import { TRUNCATED_POLICY_HEADER } from './truncatedTools';

/** The headers kept, in the order a curl command lists them. */
export const REPLAY_HEADERS = [MODE_HEADER, HOLD_PROSE_HEADER, SCHEMA_HEADER, TRUNCATED_POLICY_HEADER] as const;

/** Characters of a header value kept (the gateway's values are short words; a longer one is a 400 anyway). */
const MAX_VALUE = 100;

/**
 * The policy headers of a request, as sent (a repeated header joined with `, ` as Node joins it),
 * or undefined when it had none.
 * @example replayHeaders({ 'x-streamfix-mode': 'repair', authorization: 'Bearer k' }) → { 'x-streamfix-mode': 'repair' }
 */
export function replayHeaders(headers: IncomingHttpHeaders): Record<string, string> | undefined {
  let kept: Record<string, string> | undefined;
  for (const name of REPLAY_HEADERS) {
    const v = headers[name];
    if (v === undefined) continue;
    (kept ??= {})[name] = (Array.isArray(v) ? v.join(', ') : v).slice(0, MAX_VALUE);
  }
  return kept;
}

/**
 * The request as its artifact keeps it, the same for the chat endpoint and the Messages API: its size, its
 * body when at most REQUEST_KEEP_BYTES, and its policy headers (what replay and "copy as curl" send again).
 */
export function keptRequest(text: string, body: unknown, headers: IncomingHttpHeaders): NonNullable<Artifact['request']> {
  const bytes = Buffer.byteLength(text);
  const kept = replayHeaders(headers);
  return { bytes, ...(bytes <= REQUEST_KEEP_BYTES ? { body } : {}), ...(kept ? { headers: kept } : {}) };
}
