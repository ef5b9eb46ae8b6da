/**
 * Errors in Anthropic's shape: `{"type":"error","error":{"type","message"}}`, with the type decided by the
 * status as Anthropic's API does, and a `request-id` header beside `x-streamfix-request-id` (the
 * Anthropic SDKs show `request-id` in their error messages). The gateway's own errors (GatewayError,
 * decided in one place for both APIs) are mapped here; upstream failures keep their message.
 */
import type { ServerResponse } from 'node:http';
import { GatewayError } from '../gateway/errors';
import { rejectionMessage, type CutCall } from '../gateway/truncatedTools';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/** Anthropic's statuses and their error types. */
const TYPE_BY_STATUS: Record<number, AnthropicErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** Statuses that are not Anthropic's but keep their own status, with a type of Anthropic's: an upstream's
 * 408 is a time-out (OpenRouter's "request timed out"), which the Anthropic SDK retries as sent. Apart
 * from TYPE_BY_STATUS so that statusOfType('timeout_error') stays Anthropic's 504. */
const KEPT_STATUS: Record<number, AnthropicErrorType> = {
  408: 'timeout_error',
};

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string; details?: Record<string, unknown> };
  request_id?: string;
}

/**
 * The status a Messages client gets for a gateway or upstream status: Anthropic's own statuses stay (504
 * `timeout_error` among them: the upstream's time-out, or the gateway's waiting for its headers), and so
 * does an upstream's 408 (`timeout_error`, KEPT_STATUS); an upstream that is overloaded or unreachable
 * (502, 503) is 529 `overloaded_error`, which Anthropic clients retry; any other 5xx is 500 `api_error`;
 * other 4xx are 400.
 */
export function anthropicStatus(status: number): number {
  if (TYPE_BY_STATUS[status] !== undefined || KEPT_STATUS[status] !== undefined) return status;
  if (status === 502 || status === 503) return 529;
  if (status >= 500) return 500;
  return 400;
}

export function errorType(status: number): AnthropicErrorType {
  const s = anthropicStatus(status);
  return TYPE_BY_STATUS[s] ?? KEPT_STATUS[s] ?? 'api_error';
}

/** The status of an error type (the first that has it): a non-streaming answer whose stream ended with an
 * `error` event is answered with it. */
export function statusOfType(type: string): number {
  for (const [status, t] of Object.entries(TYPE_BY_STATUS)) if (t === type) return Number(status);
  return 500;
}


/**
 * The error of an answer refused for cut tool calls (x-streamfix-truncated-tools: reject): `api_error`
 * with the message, and the cut calls in the chat endpoint's `truncated_tool_calls` (index, id, name,
 * bytes): one shape for both APIs. In the stream's `error` event and in the 502 body.
 */
export function rejectionError(cut: CutCall[]): { type: 'api_error'; message: string; truncated_tool_calls: CutCall[] } {
  return { type: 'api_error', message: rejectionMessage(cut), truncated_tool_calls: cut };
}

export function errorBody(status: number, message: string, requestId?: string, details?: Record<string, unknown>): AnthropicErrorBody {
  return { type: 'error', error: { type: errorType(status), message, ...(details ? { details } : {}) }, ...(requestId ? { request_id: requestId } : {}) };
}

/** Writes a GatewayError (or anything thrown) as an Anthropic error, unless the response already started. */
export function sendAnthropicError(res: ServerResponse, e: unknown, headers: Record<string, string>, requestId: string): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const err = e instanceof GatewayError ? e : new GatewayError(500, 'internal_error', `Internal gateway error: ${e instanceof Error ? e.message : String(e)}`);
  const status = anthropicStatus(err.status);
  const body = JSON.stringify(errorBody(status, err.message, requestId, err.details));
  res.writeHead(status, {
    ...headers,
    'request-id': requestId,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** True for the paths whose errors take Anthropic's shape. */
export function isMessagesPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!.replace(/\/+$/, '');
  return path === '/v1/messages' || path.startsWith('/v1/messages/');
}
