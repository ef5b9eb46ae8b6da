/**
 * Reading and checking a chat completion request before anything goes upstream: the body (bounded),
 * its JSON, the fields the gateway relies on, the mode, and the upstream headers (with the key policy).
 */
import type { IncomingMessage } from 'node:http';
import type { AppliedMode, GatewayMode } from '../../shared/protocol';
import { MODES } from './config';
import type { GatewayContext } from './context';
import { GatewayError, headerChoice } from './errors';
import { shortened } from './redact';
import { duplicateToolName } from './toolNames';

export interface ChatRequest {
  /** The body exactly as received; forwarded unchanged. */
  text: string;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  requestedMode: GatewayMode;
  /** The mode applied; with `autoByContent` it is `strip` until the answer starts as JSON. */
  mode: AppliedMode;
  /** auto without `response_format`: the answer's first characters decide (autoMode.ts). */
  autoByContent: boolean;
  /** Why the mode applies, for the artifact's `modeReason` (the answer may refine it). */
  modeReason: string;
  /** Streaming strip: hold prose-started content for a lone closing reasoning tag (see holdsProse). */
  holdProse: boolean;
}

export const HOLD_PROSE_HEADER = 'x-streamfix-hold-prose';

/** Model families whose chat templates put `<think>` into the prompt, so their content can begin with
 * reasoning that only a lone `</think>` ends (DeepSeek-R1 and its distills, QwQ, "reasoner"/"thinking"
 * variants, Magistral). Matched on the model's name after its provider. */
const LONE_CLOSE_MODELS = /r1|qwq|reason|think|magistral/i;

/**
 * Whether streaming strip mode holds text that starts as prose until a lone closing reasoning tag, a
 * block, the end or HOLD_PROSE characters decide it. Holding is right for models that emit R1-style
 * reasoning without its opening tag, but it delays every other prose answer (up to 4096 characters
 * arrive at once), so it is on for those model families and off for the rest; the header
 * `x-streamfix-hold-prose: on|off` decides for one request.
 */
export function holdsProse(model: string, header: string | string[] | undefined): boolean {
  const h = Array.isArray(header) ? header[0] : header;
  if (h !== undefined) {
    const v = h.trim().toLowerCase();
    if (v === 'on') return true;
    if (v === 'off') return false;
    throw new GatewayError(400, 'invalid_request', `${HOLD_PROSE_HEADER} must be "on" or "off", not ${JSON.stringify(shortened(h, 40))}`);
  }
  return LONE_CLOSE_MODELS.test(model.slice(model.lastIndexOf('/') + 1));
}

export const MODE_HEADER = 'x-streamfix-mode';

/** Reads the whole body, refusing more than `limit` bytes. Bytes are decoded once, at the end. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new GatewayError(413, 'payload_too_large', `Request body is larger than ${limit} bytes`);
      parts.push(chunk);
    }
  } catch (e) {
    if (e instanceof GatewayError) throw e;
    // the client left in the middle of its body, or sent it slower than the request time-out (Node
    // answered that one 408): the client's doing, not an internal error (was logged at error level)
    throw new GatewayError(408, 'request_timeout', `The request body did not arrive whole (${(e as Error).message}, after ${size} bytes): the client left or was slower than the request time-out`);
  }
  return Buffer.concat(parts).toString('utf8');
}

export function requestedMode(header: string | string[] | undefined, fallback: GatewayMode): GatewayMode {
  return headerChoice(header, MODE_HEADER, MODES, fallback, 'invalid_mode');
}

/** auto = repair when the request asks for JSON output; else the answer decides (autoMode.ts), strip
 * until it does. */
export function resolveMode(mode: GatewayMode, body: Record<string, unknown>): AppliedMode {
  return modeDecision(mode, body).mode;
}

export function modeDecision(mode: GatewayMode, body: Record<string, unknown>): { mode: AppliedMode; autoByContent: boolean; reason: string } {
  if (mode !== 'auto') return { mode, autoByContent: false, reason: `requested: ${mode}` };
  const rf = body.response_format as { type?: unknown } | undefined;
  if (rf && (rf.type === 'json_object' || rf.type === 'json_schema')) return { mode: 'repair', autoByContent: false, reason: `auto: response_format ${rf.type}` };
  return { mode: 'strip', autoByContent: true, reason: 'auto: no response_format; the answer decides' };
}

/**
 * Levels of arrays and objects a request may nest (the body itself is level 1): deeper than anything
 * the gateway writes (the engine's maxDepth, 512, plus the request's own levels around a tool input),
 * and far from where the code that reads a request (ajv's compiler, the token estimate, the Messages
 * translation) would overflow the stack, some thousands of levels down: a 500 the SDKs retry as a fault
 * of the server's. Checked once per request, over its arrays and objects only (strings are not walked).
 */
export const MAX_REQUEST_DEPTH = 1024;

/** Throws a 400 when `body` nests arrays and objects deeper than MAX_REQUEST_DEPTH (no recursion here). */
export function checkRequestDepth(body: unknown): void {
  const values: unknown[] = [body];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_REQUEST_DEPTH) throw new GatewayError(400, 'invalid_request', `Request body nests arrays and objects deeper than ${MAX_REQUEST_DEPTH} levels`);
    for (const c of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof c === 'object' && c !== null) {
        values.push(c);
        depths.push(depth + 1);
      }
    }
  }
}

export function parseChatRequest(text: string, modeHeader: string | string[] | undefined, defaultMode: GatewayMode, holdHeader?: string | string[]): ChatRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    const why = text.trim() === '' ? 'the body is empty' : (e as Error).message;
    throw new GatewayError(400, 'invalid_json', `Request body is not valid JSON: ${why}`);
  }
  checkRequestDepth(body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request', 'Request body must be a JSON object with "model" and "messages"');
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model.trim() === '') {
    throw new GatewayError(400, 'invalid_request', '"model" is required: a model id such as "openai/gpt-4o-mini" (or "demo/fenced-prose" on the demo upstream)');
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw new GatewayError(400, 'invalid_request', '"messages" is required: a non-empty array of chat messages');
  }
  if (b.stream !== undefined && typeof b.stream !== 'boolean') {
    throw new GatewayError(400, 'invalid_request', '"stream" must be true or false');
  }
  uniqueToolNames(b.tools);
  const req = requestedMode(modeHeader, defaultMode);
  const m = modeDecision(req, b);
  return { text, body: b, model: b.model, stream: b.stream === true, requestedMode: req, mode: m.mode, autoByContent: m.autoByContent, modeReason: m.reason, holdProse: holdsProse(b.model, holdHeader) };
}

/** A 400 when two of the request's functions share a name (toolNames.ts). */
function uniqueToolNames(tools: unknown): void {
  if (!Array.isArray(tools)) return;
  const names = tools.map((t: { function?: { name?: unknown } } | null) => (typeof t?.function?.name === 'string' ? t.function.name : null));
  const dup = duplicateToolName(names);
  if (dup) throw new GatewayError(400, 'invalid_request', `tools[${dup.again}].function.name: ${JSON.stringify(dup.name)} is the name of tools[${dup.first}] too; tool names must be unique`);
}

/**
 * Headers for the upstream request. The client's own Authorization goes upstream when the gateway has
 * no key, or when it carries an OpenRouter key (`sk-or-…`); otherwise the configured key is used, so an
 * OpenAI SDK client can keep a placeholder apiKey. With a gateway token, Authorization is the token and
 * never leaves the gateway.
 */
export function upstreamHeaders(req: IncomingMessage, ctx: GatewayContext, accept: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept,
    'user-agent': 'streamfix/0.1',
    'x-title': typeof req.headers['x-title'] === 'string' ? req.headers['x-title'] : 'StreamFix',
  };
  if (typeof req.headers['http-referer'] === 'string') headers['http-referer'] = req.headers['http-referer'];
  const own = ctx.tokenSet ? undefined : req.headers.authorization;
  if (own && (ctx.apiKey === null || /^Bearer\s+sk-or-/i.test(own))) headers.authorization = own;
  else if (ctx.apiKey) headers.authorization = `Bearer ${ctx.apiKey}`;
  else if (ctx.upstreamIsOpenRouter) {
    throw new GatewayError(401, 'missing_api_key', "No OpenRouter API key: set OPENROUTER_API_KEY or run 'StreamFix: Set OpenRouter API Key'");
  }
  return headers;
}

/** Upstream headers a client may want to see: rate limits and Retry-After. */
export function forwardedHeaders(h: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined && (k.startsWith('x-ratelimit-') || k === 'retry-after')) out[k] = v;
  }
  return out;
}
