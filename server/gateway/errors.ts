/**
 * Errors in the OpenAI shape: `{"error":{"message","type","code"}}`. Every error the gateway itself
 * produces goes through `GatewayError`, so the status, the type and the code are decided in one place
 * and the response always carries the request id header.
 */
import type { ServerResponse } from 'node:http';
import { writeJson } from './http';

export type GatewayErrorCode =
  | 'invalid_json' //          request body is not JSON
  | 'invalid_request' //       JSON, but not a chat completion request
  | 'invalid_mode' //          x-streamfix-mode header not one of the modes
  | 'invalid_schema' //        a response_format / tool schema that is not a JSON Schema
  | 'pattern_engine_unavailable' // a schema's patterns cannot be compiled: RE2 could not be started (503)
  | 'circuit_open' //          the model's circuit breaker is open (503 with Retry-After)
  | 'missing_api_key' //       OpenRouter upstream and no key anywhere
  | 'unauthorized' //          --token set and the request lacks it
  | 'forbidden_host' //        Host header not a loopback name (DNS rebinding)
  | 'forbidden_origin' //      browser Origin not in the allow-list
  | 'not_found' //             unknown route or artifact id
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'upstream_unreachable' //  connect error / timeout before any response
  | 'upstream_error' //        upstream answered with a non-2xx status, or broke mid-stream
  | 'upstream_invalid' //      upstream answered 200 with something we cannot read
  | 'engine_error' //          the repair engine hit a limit (StreamFixError)
  | 'overloaded' //            over the gateway's connection or upstream queue limits
  | 'request_timeout' //       the client did not send its request in time
  | 'client_closed' //         the client left before the answer (499: logged, never sent)
  | 'shutdown' //              the gateway shut down (past its grace) before the upstream answered
  | 'internal_error';

export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'upstream_error'
  | 'timeout_error'
  | 'server_error';

export interface OpenAiErrorBody {
  error: { message: string; type: OpenAiErrorType | string; code: string | number | null; [k: string]: unknown };
}

const TYPE_BY_STATUS: Record<number, OpenAiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  408: 'invalid_request_error',
  413: 'invalid_request_error',
  431: 'invalid_request_error',
  421: 'permission_error',
};

/** An error the gateway answers with itself (not one forwarded from the upstream). */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly status: number,
    readonly code: GatewayErrorCode,
    message: string,
    /** Anthropic's `error.details` (Messages API errors only: message threads' `error_code`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get type(): OpenAiErrorType {
    // an upstream's 408 is its time-out (OpenRouter: "request timed out"), not the client's bad request
    if (this.status === 408 && this.code.startsWith('upstream')) return 'timeout_error';
    return TYPE_BY_STATUS[this.status] ?? (this.status >= 500 && this.status < 600 && this.code.startsWith('upstream') ? 'upstream_error' : 'server_error');
  }

  toBody(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, code: this.code } };
  }
}

/** Writes `err` as a JSON response unless headers already went out (then the caller handles it). */
export function sendError(res: ServerResponse, err: GatewayError, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  writeJson(res, err.status, extraHeaders, err.toBody());
}

/** Turns anything thrown into a GatewayError, keeping GatewayErrors as they are. */
export function toGatewayError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new GatewayError(500, 'internal_error', `Internal gateway error: ${message}`);
}

/** Whether `bodyText` is an OpenAI-shaped error: a JSON object whose `error` is an object. */
export function isOpenAiError(bodyText: string): boolean {
  try {
    const parsed = JSON.parse(bodyText) as { error?: unknown };
    return typeof parsed === 'object' && parsed !== null && typeof parsed.error === 'object' && parsed.error !== null && !Array.isArray(parsed.error);
  } catch {
    return false;
  }
}

/** The error object of a body that is one (`{"error": {…}}`, no `choices`), else null. */
export function errorObjectOf(bodyText: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(bodyText) as { error?: unknown; choices?: unknown };
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Array.isArray(parsed.choices)) return null;
    return typeof parsed.error === 'object' && parsed.error !== null && !Array.isArray(parsed.error) ? (parsed.error as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The artifact's error code for an error object the upstream sent (an error event mid-stream, a 2xx body
 * that is an error): the upstream's own `code` when it gave one (a number or a non-empty string, as
 * written: OpenRouter's `502`, `"server_error"`), else `upstream_error`. One rule for the chat endpoint and
 * /v1/messages: before, the same error event was `502` on one and `upstream_error` on the other.
 * @example ownErrorCode(502) === '502'; ownErrorCode(undefined) === 'upstream_error'
 */
export function ownErrorCode(code: unknown): string {
  return (typeof code === 'number' && Number.isFinite(code)) || (typeof code === 'string' && code !== '') ? String(code) : 'upstream_error';
}

/** Characters of a non-JSON upstream error body kept in the message. */
const EXCERPT_CHARS = 200;

/**
 * The `message` of an upstream error body if it has the OpenAI shape, else a short excerpt of it (an
 * HTML error page from a proxy: tags dropped, whitespace collapsed).
 * @example upstreamErrorMessage(502, '<html><h1>502 Bad Gateway</h1></html>') === 'Upstream returned 502: 502 Bad Gateway'
 */
export function upstreamErrorMessage(status: number, bodyText: string): string {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { message?: unknown } };
    if (parsed && typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // not JSON: fall through to the excerpt
  }
  const text = /^\s*</.test(bodyText) ? bodyText.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ') : bodyText;
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
  return excerpt ? `Upstream returned ${status}: ${excerpt}` : `Upstream returned ${status}`;
}

/**
 * A request header that picks one of a fixed set of values (case and spaces ignored; the first of a
 * repeated header), else `fallback` when it is absent; any other value is a 400 naming the choices.
 * @example headerChoice('Repair', 'x-streamfix-mode', MODES, 'auto') === 'repair'
 */
export function headerChoice<T extends string>(header: string | string[] | undefined, name: string, choices: readonly T[], fallback: T, code: GatewayErrorCode = 'invalid_request'): T {
  if (header === undefined) return fallback;
  const v = (Array.isArray(header) ? header[0]! : header).trim().toLowerCase();
  if (!(choices as readonly string[]).includes(v)) {
    throw new GatewayError(400, code, `Header ${name} must be one of ${choices.join(', ')}; got "${Array.isArray(header) ? header.join(',') : header}"`);
  }
  return v as T;
}
