/**
 * POST /v1/chat/completions: send the request upstream, rewrite the answer per mode (streaming or not),
 * then record the artifact, the events and the metrics. Errors before the response started are
 * answered with a status in the OpenAI shape; errors after it started end the stream with an error
 * chunk and `[DONE]`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOLD_PROSE, StreamFixError } from '../../shared/engine';
import type { Repair, Stripped } from '../../shared/engine';
import { repairCount, type ArtifactCut, type ArtifactStatus } from '../../shared/protocol';
import { forwardedHeaders, parseChatRequest, readBody, upstreamHeaders, HOLD_PROSE_HEADER, MODE_HEADER, type ChatRequest } from './chatRequest';
import { rewriteCompletion, type OtherChoice } from './completion';
import { errorCodeStatus, errorEventOutcome, type Outcome } from './breaker';
import type { AbortReason, GatewayContext } from './context';
import { errorObjectOf, GatewayError, isOpenAiError, ownErrorCode, upstreamErrorMessage } from './errors';
import { drained, trailerHeader, writeJson } from './http';
import { contentCheck, contentError, EMPTY_OUTCOME, hasText, RequestRecord, truncatedToolCalls, type LaterChoice, type RecordOutcome } from './record';
import { reasoningBlocks } from './reasoningBlocks';
import { keptRequest } from './replayHeaders';
import { createPassthroughGuard, type PassthroughGuard } from './passthroughGuard';
import { createBoundaryTracker, MAX_SSE_EVENT_BYTES, sseData } from './sse';
import { refuseAnswer, refuseChoices } from './refusedRepairs';
import { requestSchemas, schemaPolicy, schemaVerdict, SCHEMA_HEADER, type RequestSchemas } from './schema';
import { StreamCoercion } from './schemaCoerce';
import { schemaPlan } from './schemaPlan';
import { checkCompletion, checkHeldCall, checkStreamed, coercedStatus, mergeRepairs, type SchemaOutcome, type StreamedAnswer, withUnchecked } from './schemaCheck';
import type { ToolCallArtifact } from '../../shared/protocol';
import { OVER_LONG_CODE, ReadRewriter, StreamRewriter, type ChoiceState } from './streamRewrite';
import { cutCallsOf, cutHeaderValue, cutRefs, failureRejectionBody, finishErrorCause, finishedInErrorMessage, FINISH_ERROR_CODE, NO_RETRY_HEADERS, rejectionBody, rejectionMessage, truncatedToolPolicy, TRUNCATED_CODE, TRUNCATED_POLICY_HEADER, type CutCall, type TruncatedToolPolicy } from './truncatedTools';
import type { UpstreamResponse } from './upstream';
import { noteMemoryOnly } from './memoryOnly';

export interface ChatCall {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: GatewayContext;
  /** Headers every response carries (request id, CORS). */
  baseHeaders: Record<string, string>;
  record: RequestRecord;
  /** Aborted by the server on client disconnect ('client') or at the end of the shutdown grace ('shutdown'). */
  abort: AbortController;
  /** The request's JSON Schemas (set by handleChat; null when it names none). */
  schemas?: RequestSchemas | null;
  /** What a cut tool call gets (truncatedTools.ts; set by handleChat from the header or the default). */
  truncatedTools?: TruncatedToolPolicy;
  /** Set when the upstream failed after its 2xx headers (the body broke off, an error event in the
   * stream): the model's breaker counts it as a failure, not as the success the headers looked like. */
  failedMidStream?: boolean;
  /** Set when an error event in the 2xx stream named a status that is no upstream failure (a 400): the
   * breaker hears that status, as before the stream (errorEventSeen). */
  errorEventStatus?: number;
  /** Set when the client left (or the gateway shut down) before the upstream's answer came whole: that
   * says nothing about the upstream, so the breaker hears `aborted` (neither success nor failure; a
   * half-open breaker's probe slot is freed), not the 2xx the headers looked like. */
  leftEarly?: boolean;
  /** Set when the upstream's 2xx body is not an answer the gateway can read (a completion that is not a
   * JSON object, a stream that is not text/event-stream): the client gets a 502, the breaker a failure. */
  invalidAnswer?: boolean;
  /** Set when the store keeps artifacts on disk but this one's write failed or timed out (a full disk, a
   * stuck one): it is served from memory only and lost at a restart; the response says so
   * (ARTIFACT_HEADER). */
  notDurable?: boolean;
}

/** The repair status of a response: a header on non-streaming responses, a trailer on streaming ones. */
export const STATUS_HEADER = 'x-streamfix-status';

/** The indexes of tool calls whose arguments were cut (record.ts cutCalls), comma-separated: a header on
 * non-streaming responses, a trailer on streaming ones; absent when none. */
export const TRUNCATED_TOOLS_HEADER = 'x-streamfix-truncated-tool-calls';

/** `memory-only` when the artifact could not be made durable though the daemon was given a data directory
 * (a full or stuck disk, a directory made read-only, one it cannot be a writer of): a header on non-streaming
 * responses, a trailer on streaming ones; absent otherwise. A client
 * that got the end of its response without it can fetch the artifact even after a crash. */
export const ARTIFACT_HEADER = 'x-streamfix-artifact';

/** The artifact header of a finished call (empty when its artifact is durable, or the store keeps none on disk). */
export function artifactHeader(call: ChatCall): Record<string, string> {
  return call.notDurable === true ? { [ARTIFACT_HEADER]: 'memory-only' } : {};
}

/** The trailers a streamed answer declares (its `Trailer` header), on both APIs: the status, the cut
 * calls, the schema verdict when a schema applies, and the artifact's durability. */
export function streamTrailerNames(call: ChatCall): string {
  return call.schemas ? `${STATUS_HEADER}, ${TRUNCATED_TOOLS_HEADER}, ${SCHEMA_HEADER}, ${ARTIFACT_HEADER}` : `${STATUS_HEADER}, ${TRUNCATED_TOOLS_HEADER}, ${ARTIFACT_HEADER}`;
}

function reasonOf(signal: AbortSignal): AbortReason | null {
  if (!signal.aborted) return null;
  return signal.reason === 'shutdown' ? 'shutdown' : 'client';
}


export async function handleChat(call: ChatCall): Promise<void> {
  const { req, ctx, record } = call;
  const text = await readBody(req, ctx.maxRequestBytes);
  const chat = parseChatRequest(text, req.headers[MODE_HEADER], ctx.mode, req.headers[HOLD_PROSE_HEADER]);
  call.schemas = requestSchemas(chat.body, ctx.schemas, schemaPolicy(req.headers[SCHEMA_HEADER], ctx.schemaPolicy));
  call.truncatedTools = truncatedToolPolicy(req.headers[TRUNCATED_POLICY_HEADER], ctx.truncatedTools);
  record.mode = chat.mode;
  record.requestedMode = chat.requestedMode;
  record.modeReason = chat.modeReason;
  record.stream = chat.stream;
  record.request = keptRequest(chat.text, chat.body, req.headers);
  const headers = upstreamHeaders(req, ctx, chat.stream ? 'text/event-stream' : 'application/json');
  // the name as the gateway repeats it (metrics labels, events, artifact, breaker): a key pasted into it
  // redacted; the upstream gets the body as sent
  record.model = ctx.upstream.redactorFor(headers).text(chat.model);

  ctx.events.publish({ type: 'started', id: record.id, model: record.model, mode: chat.mode, stream: chat.stream });
  const gate = ctx.breakers.admit(record.id, ctx.upstream.baseUrl, record.model);
  if (gate.open) return circuitOpen(call, gate.message, gate.retryAfterSeconds);
  let upstream: UpstreamResponse;
  try {
    upstream = await ctx.upstream.request({ method: 'POST', path: '/chat/completions', headers, body: chat.text, signal: call.abort.signal });
    record.redactor = upstream.redactor;
  } catch (e) {
    const why = reasonOf(call.abort.signal);
    gate.done(why ? 'aborted' : 'error');
    if (why) return leftBeforeStream(call, why, 'The client disconnected before the upstream answered');
    const err = e instanceof GatewayError ? e : new GatewayError(502, 'upstream_unreachable', `Upstream request failed: ${(e as Error).message}`);
    return failBeforeStream(call, err, err.status === 504 ? 'timeout' : 'unreachable');
  }

  if (upstream.status < 200 || upstream.status >= 300) {
    gate.done(upstream.status);
    return forwardUpstreamError(call, chat, upstream);
  }
  // a 2xx is a success only once its body came whole: the breaker hears the outcome at the end
  try {
    await (chat.stream ? streamResponse(call, chat, upstream) : completeResponse(call, chat, upstream));
  } finally {
    gate.done(twoXxOutcome(call, upstream.status));
  }
}

/** What the breaker hears of a 2xx answer once it ended (breaker.ts Outcome). */
export function twoXxOutcome(call: ChatCall, status: number): Outcome {
  if (call.failedMidStream) return 'broken';
  if (call.invalidAnswer) return 'invalid';
  return call.leftEarly ? 'aborted' : (call.errorEventStatus ?? status);
}

/** An error event inside a 2xx stream, by its `code`: a failure of the upstream unless the code is a
 * status that is none (issue 10 §5 counts connect errors, time-outs, 5xx and 429 only). */
export function errorEventSeen(call: ChatCall, code: unknown): void {
  const o = errorEventOutcome(code);
  if (typeof o === 'number') call.errorEventStatus ??= o;
  else call.failedMidStream = true;
}

/** The streamfix_upstream_errors_total label of an error object the upstream sent mid-stream: the HTTP
 * status its `code` names (breaker.ts errorCodeStatus), else `stream_error` (a lost connection's). */
export function errorEventLabel(code: unknown): string {
  const status = errorCodeStatus(code);
  return status === null ? 'stream_error' : String(status);
}

export { FINISH_ERROR_CODE };

/**
 * Choices the upstream ended with `finish_reason: "error"` and no error object beside it (with one, the
 * error event is recorded already): the answer did not complete, so the status is `UPSTREAM_ERROR` and the
 * breaker hears a failure, whatever the text's own check said. The client got the finish reason as it came.
 */
function finishedInError(call: ChatCall, indexes: number[]): void {
  if (indexes.length === 0) return;
  call.record.fail('UPSTREAM_ERROR', finishedInErrorMessage(indexes), { code: FINISH_ERROR_CODE });
  call.failedMidStream = true;
}

/** The model's breaker is open: an immediate 503 saying when to come back. */
async function circuitOpen(call: ChatCall, message: string, retryAfterSeconds: number): Promise<void> {
  const err = new GatewayError(503, 'circuit_open', message);
  call.record.fail('UPSTREAM_ERROR', message, { status: 503, code: 'circuit_open' });
  call.ctx.metrics.onCircuitRefusal(call.record.model);
  await finish(call, EMPTY_OUTCOME, 503);
  writeJson(call.res, 503, { ...call.baseHeaders, 'retry-after': String(retryAfterSeconds) }, err.toBody());
}

/** The request ends before the response started: the artifact says why, the metric counts the kind of
 * upstream failure, and the client gets the error in the OpenAI shape. */
async function failBeforeStream(call: ChatCall, err: GatewayError, metric: string): Promise<void> {
  call.record.fail('UPSTREAM_ERROR', err.message, { status: err.status, code: err.code });
  call.ctx.metrics.onUpstreamError(metric);
  await finish(call, EMPTY_OUTCOME, err.status);
  writeJson(call.res, err.status, call.baseHeaders, err.toBody());
}

/** The gateway's answer when its shutdown grace ends before the response started. */
export function shutdownError(): GatewayError {
  return new GatewayError(503, 'shutdown', 'The gateway is shutting down; the request was aborted before the upstream answered');
}

/**
 * The request ended before the response started, the upstream's answer not whole: the client left
 * (recorded with `clientMessage`, nobody to answer) or the gateway's shutdown grace ended (the client, still
 * there, gets a 503 saying so; the artifact does not blame the client). The breaker hears neither.
 */
async function leftBeforeStream(call: ChatCall, why: AbortReason, clientMessage: string): Promise<void> {
  call.leftEarly = true;
  if (why === 'shutdown') return failBeforeStream(call, shutdownError(), 'shutdown');
  call.record.fail('CLIENT_ABORTED', clientMessage);
  await finish(call, EMPTY_OUTCOME, 499);
}

/** The upstream's body read whole, up to the response bound (past it, a 502 `upstream_invalid`). */
export async function readAll(call: ChatCall, upstream: UpstreamResponse): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of upstream.body as AsyncIterable<Buffer>) {
    call.record.markFirstByte();
    size += chunk.length;
    if (size > call.ctx.maxResponseBytes) {
      throw new GatewayError(502, 'upstream_invalid', `Upstream response is larger than ${call.ctx.maxResponseBytes} bytes`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A streaming request answered with a 2xx body that is no event stream: the body read whole (bounded;
 * past the bound, or when the read fails, the rest is dropped) and its error object when it is one
 * (errors.ts errorObjectOf), else null. Both APIs read it so (chat.ts, messages.ts).
 */
export async function streamedErrorBody(call: ChatCall, upstream: UpstreamResponse): Promise<{ text: string; error: Record<string, unknown> } | null> {
  let text: string;
  try {
    text = await readAll(call, upstream);
  } catch {
    await upstream.body.dump().catch(() => undefined);
    return null;
  }
  const error = errorObjectOf(text);
  return error === null ? null : { text, error };
}

/**
 * A 2xx body that is an error object, not an answer, on either API: UPSTREAM_ERROR with its message, the
 * status its `code` names (else 502) and its code (ownErrorCode), counted, heard by the breaker as the
 * error event of a stream, and the artifact finished. Returns the status and message the endpoint
 * answers with (in its own shape) and the status the artifact recorded.
 */
export async function failedInBody(call: ChatCall, error: Record<string, unknown>): Promise<{ status: number; message: string; recorded: string | null }> {
  const status = errorCodeStatus(error.code) ?? 502;
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(error).slice(0, 2000);
  call.record.fail('UPSTREAM_ERROR', message, { status, code: ownErrorCode(error.code) });
  call.ctx.metrics.onUpstreamError(String(status));
  errorEventSeen(call, error.code);
  return { status, message, recorded: await finish(call, EMPTY_OUTCOME, status) };
}

/** A 2xx body that is an error object, not a completion (failedInBody); the client gets the error with
 * the status its `code` names (else 502), so that its SDK raises it; passthrough, the bytes and the status
 * as they came. */
async function errorInBody(call: ChatCall, chat: ChatRequest, upstream: UpstreamResponse, text: string, error: Record<string, unknown>): Promise<void> {
  const { res } = call;
  const { status, recorded } = await failedInBody(call, error);
  const ct = upstream.headers['content-type'];
  // the status header as an answer's (a 200 in passthrough would otherwise read as one)
  const headers = { ...call.baseHeaders, ...forwardedHeaders(upstream.headers), ...(typeof ct === 'string' ? { 'content-type': ct } : {}), ...(recorded !== null ? { [STATUS_HEADER]: recorded } : {}) };
  if (chat.mode === 'passthrough') return writeJson(res, upstream.status, headers, text);
  writeJson(res, status, headers, JSON.stringify({ error }));
}

/** Upstream said no before the answer started: its status goes to the client, with its body when that
 * is an OpenAI-shaped error (or in passthrough), else (an HTML page from a proxy, say) an OpenAI-shaped
 * error with a short excerpt of it. */
async function forwardUpstreamError(call: ChatCall, chat: ChatRequest, upstream: UpstreamResponse): Promise<void> {
  const { res, record, ctx } = call;
  let body = '';
  try {
    body = await readAll(call, upstream);
  } catch (e) {
    body = '';
    record.errors.push({ message: `Reading the upstream error body failed: ${(e as Error).message}` });
  }
  const message = upstreamErrorMessage(upstream.status, body);
  record.fail('UPSTREAM_ERROR', message, { status: upstream.status });
  ctx.metrics.onUpstreamError(String(upstream.status));
  const ct = upstream.headers['content-type'];
  const asSent = body !== '' && (chat.mode === 'passthrough' || isOpenAiError(body));
  const headers = { ...call.baseHeaders, ...forwardedHeaders(upstream.headers), ...(asSent && typeof ct === 'string' ? { 'content-type': ct } : {}) };
  await finish(call, EMPTY_OUTCOME, upstream.status);
  writeJson(res, upstream.status, headers, asSent ? body : new GatewayError(upstream.status, 'upstream_error', message).toBody());
}

async function completeResponse(call: ChatCall, chat: ChatRequest, upstream: UpstreamResponse): Promise<void> {
  const { res, record, ctx } = call;
  let text: string;
  try {
    text = await readAll(call, upstream);
    // the histogram counts every answer the upstream started, as the streaming pumps do at their first read
    // (before, a non-streaming chat answer was never observed)
    if (record.ttfbMs !== null) ctx.metrics.observeTtfb(record.ttfbMs / 1000);
  } catch (e) {
    // an answer the upstream started and did not finish (a lost connection, over the size bound) is an
    // answer started all the same (before, the histogram missed it)
    if (record.ttfbMs !== null) ctx.metrics.observeTtfb(record.ttfbMs / 1000);
    const why = reasonOf(call.abort.signal);
    if (why) return leftBeforeStream(call, why, 'The client disconnected; the upstream request was aborted');
    call.failedMidStream = true;
    const err = e instanceof GatewayError ? e : new GatewayError(502, 'upstream_error', `Reading the upstream response failed: ${(e as Error).message}`);
    return failBeforeStream(call, err, 'stream_error');
  }
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    body = parsed as Record<string, unknown>;
  } catch (e) {
    if (chat.mode === 'passthrough') {
      // passthrough forwards whatever came, readable or not
      const ct = upstream.headers['content-type'];
      record.errors.push({ message: `Upstream completion is not a JSON object: ${(e as Error).message}`, code: 'upstream_invalid' });
      await finish(call, EMPTY_OUTCOME, upstream.status);
      return writeJson(res, upstream.status, { ...call.baseHeaders, ...forwardedHeaders(upstream.headers), ...(typeof ct === 'string' ? { 'content-type': ct } : {}) }, text);
    }
    call.invalidAnswer = true;
    return failBeforeStream(call, new GatewayError(502, 'upstream_invalid', `Upstream returned a completion that is not a JSON object: ${(e as Error).message}`), 'invalid_body');
  }
  // an error in place of the completion, under a 2xx (OpenRouter: a provider failing after its keep-alive
  // white space went out): no answer, whatever the mode
  if (!Array.isArray(body.choices) && typeof body.error === 'object' && body.error !== null) return errorInBody(call, chat, upstream, text, body.error as Record<string, unknown>);
  let o;
  let engineFailed = false;
  try {
    o = record.timed(() => rewriteCompletion(body, chat.mode, ctx.engine, chat.autoByContent));
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
    // an engine limit (huge or too deep content): the answer goes out unrepaired, the artifact says why
    record.errors.push({ message: e.message, code: e.code });
    engineFailed = true;
    o = rewriteCompletion(body, 'passthrough');
  }
  if (o.decided) {
    record.mode = o.decided.mode;
    record.modeReason = o.decided.reason;
  }
  const mode = record.mode;
  const result = o.result;
  // every choice's reasoning, not only the first's
  const choices = [o, ...o.others];
  const movedBytes = choices.reduce((n, x) => n + Buffer.byteLength(x.movedReasoning), 0);
  const outcome: RecordOutcome = {
    rawContent: o.rawContent,
    repairedContent: mode === 'passthrough' ? null : o.sentContent,
    reasoning: o.reasoning,
    repairs: o.result?.repairs ?? [],
    stripped: o.stripped,
    toolCalls: o.toolCalls,
    finishReason: o.finishReason,
    usage: o.usage,
    stuttering: false,
    movedReasoningBytes: movedBytes,
    contentStatus: engineFailed ? 'FAILED' : contentCheck(mode, hasText(o.sentContent), () => result?.status ?? 'FAILED'),
    laterChoices: o.others.map(laterChoiceOf),
    // sent on unread: no check labels them (record.ts)
    ...(o.malformed.length > 0 ? { unreadChoices: o.malformed.length } : {}),
  };
  if (o.malformed.length > 0) malformedChoices(call, o.malformed);
  finishedInError(call, [...(o.finishReason === 'error' ? [0] : []), ...o.others.filter((x) => x.finishReason === 'error').map((x) => x.index)]);
  const schemaHeaders = call.schemas ? await checkCompletion(call.schemas, mode, body, outcome, { zero: o.position, others: o.others, unread: o.malformed }) : {};
  if (o.result?.error && contentError(o.result.error, hasText(o.sentContent))) record.errors.push({ message: o.result.error.message, code: o.result.error.code });
  // every later choice's too, named (before, a FAILED choice 1 left the answer FAILED with no error)
  for (const x of [...o.others].sort((a, b) => a.index - b.index)) if (x.result?.error && contentError(x.result.error, hasText(x.sent))) record.errors.push({ message: `choice ${x.index}: ${x.result.error.message}`, code: x.result.error.code });
  if (movedBytes > 0) reasoningEvent(call, movedBytes, choices.flatMap((x) => (x.movedReasoning ? x.stripped : [])));
  const status = record.status(outcome);
  const out = chat.mode === 'passthrough' ? text : JSON.stringify(body);
  record.clientChunks = 1;
  if (call.truncatedTools === 'reject') {
    // every choice of an n > 1 answer: a cut call in any of them is refused, not only in the first (the
    // status says TRUNCATED then too: record.ts checks every choice)
    const all = [...cutCallsOf(outcome.toolCalls, outcome.finishReason), ...o.others.flatMap((x) => cutCallsOf(x.toolCalls, x.finishReason, x.index))];
    // none of the answer goes out: no schema verdict claims a check of it (the cut calls' closures were the
    // gateway's own, refused)
    if (all.length > 0) {
      outcome.schema = null;
      const cause = finishErrorCause(all, (k) => (k === 0 ? outcome.finishReason : o.others.find((x) => x.index === k)?.finishReason));
      return rejectCompletion(call, outcome, all, cause, { ...forwardedHeaders(upstream.headers), [STATUS_HEADER]: status });
    }
  }
  // every choice's repairs are events and metrics, as in a stream (whose hooks see every choice); a
  // refused answer (above) applied none: nothing of it went out
  for (const c of [outcome, ...(outcome.laterChoices ?? [])]) {
    for (const r of c.repairs) onRepair(call, r);
    for (const t of c.toolCalls) for (const r of t.repairs) onRepair(call, r, t.index);
  }
  await finish(call, outcome, upstream.status);
  // every choice's cut calls, as the artifact lists them
  const cut = cutHeaderValue(truncatedToolCalls(outcome));
  const cutHeader: Record<string, string> = cut !== '' ? { [TRUNCATED_TOOLS_HEADER]: cut } : {};
  writeJson(res, upstream.status, { ...call.baseHeaders, ...forwardedHeaders(upstream.headers), [STATUS_HEADER]: status, ...schemaHeaders, ...cutHeader, ...artifactHeader(call) }, out);
}

/** A choice of a non-streaming answer, other than choice 0, as the artifact keeps it. */
function laterChoiceOf(x: OtherChoice): LaterChoice {
  return {
    index: x.index,
    mode: x.mode,
    rawContent: x.raw,
    repairedContent: x.mode === 'passthrough' ? null : x.sent,
    reasoning: x.reasoning,
    repairs: x.result?.repairs ?? [],
    stripped: x.stripped,
    toolCalls: x.toolCalls,
    finishReason: x.finishReason,
    contentStatus: contentCheck(x.mode, hasText(x.sent), () => x.result?.status ?? 'FAILED'),
  };
}

/** Choices of a non-streaming answer whose index could not be read: sent on as they came, counted and
 * recorded as the stream's malformed lines are. */
function malformedChoices(call: ChatCall, described: string[]): void {
  call.record.malformed += described.length;
  for (let i = 0; i < described.length; i++) call.ctx.metrics.onMalformedLine();
  call.record.errors.push({ message: `Left ${described.length} choice(s) as the upstream sent them, not rewritten or checked: ${described.join('; ')}`, code: 'malformed_line' });
}

/** reject, not streaming: a 502 naming the cut calls, and none of the answer (truncatedTools.ts). When the
 * upstream ended a cut call's choice with `finish_reason: "error"` (`cause`: finishErrorCause), the failure is
 * the cause the body names first (failureRejectionBody), and no `x-should-retry: false`: a failure need not
 * repeat, as the token limit would. */
async function rejectCompletion(call: ChatCall, outcome: RecordOutcome, cut: CutCall[], cause: Record<string, unknown> | null, headers: Record<string, string | string[]>): Promise<void> {
  call.record.errors.push({ message: rejectionMessage(cut), status: 502, code: TRUNCATED_CODE });
  // none of the answer went out: its repairs were not applied
  await finish(call, refuseAnswer(outcome), 502);
  const cutHeader = { [TRUNCATED_TOOLS_HEADER]: cutHeaderValue(cut) };
  if (cause === null) return writeJson(call.res, 502, { ...call.baseHeaders, ...headers, ...NO_RETRY_HEADERS, ...cutHeader }, rejectionBody(cut));
  writeJson(call.res, 502, { ...call.baseHeaders, ...headers, ...cutHeader }, failureRejectionBody(cause, cut));
}

function onRepair(call: ChatCall, repair: Repair, toolCallIndex?: number): void {
  // Two literals rather than a conditional spread: a spread in an object literal is V8's slow generic
  // path, and this runs per repair.
  call.ctx.events.publish(
    toolCallIndex !== undefined ? { type: 'repair', id: call.record.id, repair, toolCallIndex } : { type: 'repair', id: call.record.id, repair },
  );
  call.ctx.metrics.onRepair(repair.kind, call.record.model);
}

/** `bytes` of reasoning moved out of the content of every choice; the blocks of each choice in turn;
 * `total`: how many blocks in all, when `stripped` may have lost some (a stream's bounded lists). */
export function reasoningEvent(call: ChatCall, bytes: number, stripped: Stripped[], total?: number): void {
  // the block's text redacted before its first line is capped (a base64 form cut by the cap is not whole)
  const { blocks: described, more: kept } = reasoningBlocks(stripped, (t) => call.record.redact(t));
  // a block's first line is text assembled from several events: redacted as the artifact is
  const blocks = call.record.redact(described);
  const more = total === undefined ? kept : total - blocks.length;
  call.ctx.events.publish({ type: 'reasoning', id: call.record.id, bytes, blocks, ...(more > 0 ? { moreBlocks: more } : {}) });
  call.ctx.metrics.onReasoningBytes(bytes);
}

function errorChunk(message: string, code: string, type = 'upstream_error'): string {
  return sseData(JSON.stringify({ error: { message, type, code } })) + sseData('[DONE]');
}

/** The client's side of one streaming response: its writes, counted, with the held headers released on the
 * first one. */
class ClientStream {
  /** The headers wait in the gateway's HeaderFlusher until the first write. */
  private holding = true;
  /** The closing `data: [DONE]` (and anything after it) waits here until the artifact is durable: a
   * client that saw the end of its stream can always fetch the artifact, even after a crash right after. */
  private done: (string | Buffer)[] | null = null;
  /** passthrough forwards raw bytes: an end or an error inside an upstream event first closes the event */
  readonly boundary: ReturnType<typeof createBoundaryTracker> | null;

  constructor(
    private readonly call: ChatCall,
    passthrough: boolean,
    /** passthrough with secrets: a key echoed across events is replaced (passthroughGuard.ts) */
    private readonly guard: PassthroughGuard | null = null,
  ) {
    this.boundary = passthrough ? createBoundaryTracker() : null;
  }

  /** passthrough: one upstream read forwarded (what the guard lets out of it); false: wait for drain. */
  forward(buf: Buffer): boolean {
    const out = this.guard === null ? buf : this.guard.push(buf);
    if (out === null) return true;
    this.boundary!.push(out);
    return this.send(out);
  }

  /** `after` (the last events, an error chunk), preceded in passthrough by what the guard still held and
   * what closes an event the upstream left cut. */
  closing(after: string): string | Buffer {
    if (this.boundary === null) return after;
    const held = this.guard?.end() ?? null;
    if (held !== null) this.boundary.push(held);
    const tail = this.boundary.closer() + after;
    return held === null ? tail : tail === '' ? held : Buffer.concat([held, Buffer.from(tail)]);
  }

  /** Synchronous; false when the socket wants a pause. The hot loop awaits only then, so a read that
   * the socket takes at once costs no promise. */
  send(s: string | Buffer, events = 1): boolean {
    const { res, record } = this.call;
    if (this.holding) {
      this.holding = false;
      this.call.ctx.headerFlush.release(res);
    }
    if (res.destroyed || res.writableEnded) return true;
    record.clientChunks += events;
    if (this.done !== null) return this.done.push(s) > 0;
    const cut = doneEventAt(s);
    if (cut < 0) return res.write(s);
    this.done = [s.slice(cut)];
    return cut === 0 || res.write(s.slice(0, cut));
  }

  /** What was held back, to go out with the response's end (once the artifact is durable): ending with it,
   * the last events, the chunked terminator and the trailers leave in one write, not two. */
  takeDone(): string | Buffer {
    const done = this.done ?? [];
    this.done = null;
    if (done.length === 1) return done[0]!;
    return done.every((s) => typeof s === 'string') ? done.join('') : Buffer.concat(done.map((s) => (typeof s === 'string' ? Buffer.from(s) : s)));
  }

  async write(s: string | Buffer, events = 1): Promise<void> {
    if (s.length !== 0 && !this.send(s, events)) await drained(this.call.res);
  }
}

async function streamResponse(call: ChatCall, chat: ChatRequest, upstream: UpstreamResponse): Promise<void> {
  const { res, ctx } = call;
  const passthrough = chat.mode === 'passthrough';
  const ct = upstream.headers['content-type'];
  if (!passthrough && !(typeof ct === 'string' && ct.includes('text/event-stream'))) {
    // an error object in place of the stream (a 2xx JSON body): the upstream's own error, as for a
    // non-streaming request (before, its message was lost behind "not text/event-stream")
    const body = await streamedErrorBody(call, upstream);
    if (body !== null) return errorInBody(call, chat, upstream, body.text, body.error);
    call.invalidAnswer = true;
    return failBeforeStream(call, new GatewayError(502, 'upstream_invalid', `Upstream answered a streaming request with content-type "${String(ct ?? '')}", not text/event-stream`), 'invalid_body');
  }
  res.writeHead(upstream.status, {
    ...call.baseHeaders,
    ...forwardedHeaders(upstream.headers),
    'content-type': passthrough && typeof ct === 'string' ? ct : 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    // the status is known only at the end of the stream: it comes as a trailer (HTTP/1.1)
    ...trailerHeader(res, streamTrailerNames(call)),
  });
  // The headers leave with the first events (one write, one packet) when those follow at once, as they
  // do from a streaming upstream; an upstream quiet after its headers gets them flushed on their own
  // after HEADER_FLUSH_MS, so the client still learns early that the request was accepted.
  ctx.headerFlush.hold(res);
  ctx.metrics.streamOpened();
  const rw = new StreamRewriter(chat.mode, { onRepair: (r, i) => onRepair(call, r, i) }, ctx.engine, true, ctx.artifactTextLimit);
  rw.redactor = upstream.redactor;
  rw.auto = chat.autoByContent;
  rw.holdProse = chat.holdProse ? HOLD_PROSE : 0;
  // the content schema is checked on the whole answer at the end: the engine keeps it then
  rw.keepContentOutput = (call.schemas?.content ?? null) !== null;
  rw.keepToolOutput = (call.schemas?.tools.size ?? 0) > 0;
  rw.rejectTruncated = call.truncatedTools === 'reject';
  const content = call.schemas?.policy === 'coerce' ? call.schemas.content : null;
  // coerce: the content is coerced as it streams (the held tool calls below are coerced whole)
  if (content && !chat.autoByContent) rw.contentCoercion = () => new StreamCoercion(schemaPlan(content.schema));
  const held = holdArguments(call, chat, rw);
  // passthrough with a secret to redact reads events whole (not another stream: a JSON error, say)
  const guard = passthrough && typeof ct === 'string' && ct.includes('text/event-stream') ? createPassthroughGuard(upstream.redactor, upstream.body) : null;
  const client = new ClientStream(call, passthrough, guard);
  let engineFailed = false;
  try {
    engineFailed = await pumpStream(call, upstream, rw, client);
  } catch (e) {
    await streamFailed(call, client, e, rw);
  } finally {
    ctx.headerFlush.release(res);
    ctx.metrics.streamClosed();
  }
  await finishStream(call, chat, rw, engineFailed, upstream.status, client, held);
}

/** Streaming with `coerce`: the held tool calls' checks, by choice, then by call index. */
type HeldChecks = Map<number, Map<number, SchemaOutcome>>;

/**
 * `x-streamfix-schema: coerce`, streaming, a tool with parameters (not passthrough): tool-call arguments
 * are held until their choice ends, checked and coerced, and go out whole in the closer chunk
 * (streamRewrite.ts checkArguments). The checks are kept for the report and the artifact (finishStream).
 * A check on the schema thread that fails sends the engine's JSON unchanged, its reason in the errors.
 */
function holdArguments(call: ChatCall, chat: ChatRequest, rw: StreamRewriter): HeldChecks {
  const checks: HeldChecks = new Map();
  const s = call.schemas;
  if (!s || s.policy !== 'coerce' || s.tools.size === 0 || chat.mode === 'passthrough') return checks;
  rw.checkArguments = (choice: number, art: ToolCallArtifact) =>
    checkHeldCall(s, chat.mode, art, (o) => {
      let m = checks.get(choice);
      if (m === undefined) checks.set(choice, (m = new Map()));
      m.set(art.index, o);
    }, call.record.errors, choice > 0 ? `choice ${choice}, ` : '');
  return checks;
}

/** `s` with the placeholders of held checks on the schema thread replaced by their arguments (the time
 * waited is the gateway's own, in addedMs). */
async function settleWaits(call: ChatCall, rw: StreamRewriter, s: string): Promise<string> {
  if (rw.waits.size === 0) return s;
  const t = performance.now();
  for (const [literal, text] of rw.waits) {
    const at = s.indexOf(literal);
    if (at >= 0) s = s.slice(0, at) + (await text) + s.slice(at + literal.length);
  }
  rw.waits.clear();
  call.record.addedMs += performance.now() - t;
  return s;
}

/** The held calls' coercions in the artifact (choice 0's calls, the later choices'), and published as
 * applied: only for choices whose closers went out. */
function applyHeld(call: ChatCall, rw: StreamRewriter, outcome: RecordOutcome, held: HeldChecks): void {
  for (const [choice, checks] of held) {
    if (rw.choices.get(choice)?.delivered !== true) continue;
    const arts = choice === 0 ? outcome.toolCalls : outcome.laterChoices?.find((c) => c.index === choice)?.toolCalls;
    for (const [index, o] of checks) {
      const c = o.tools.get(index);
      const art = arts?.find((a) => a.index === index);
      if (c === undefined || art === undefined) continue;
      art.repairedArguments = c.text;
      art.repairs = mergeRepairs(art.repairs, c.repairs);
      art.status = coercedStatus(art.status);
      for (const r of c.repairs) onRepair(call, r, index);
    }
  }
}

/**
 * Upstream reads in, the client's events out, until the upstream body ends. Returns true when the
 * engine hit a limit (the stream then ended with an error chunk). Throws on upstream or client failure.
 */
async function pumpStream(call: ChatCall, upstream: UpstreamResponse, rw: StreamRewriter, client: ClientStream): Promise<boolean> {
  const { res, record, ctx } = call;
  const reader = new ReadRewriter(rw);
  try {
    // Events decided from one upstream read arrived together and leave together: one write (one
    // syscall) per read, never held back for a later one.
    for await (const buf of upstream.body as AsyncIterable<Buffer>) {
      record.markFirstByte();
      if (record.upstreamChunks === 0) ctx.metrics.observeTtfb((record.ttfbMs ?? 0) / 1000);
      record.upstreamChunks++;
      if (client.boundary !== null && !client.forward(buf)) await drained(res);
      const t = performance.now();
      let sent = reader.read(buf);
      const spent = performance.now() - t;
      // a held call's check on the schema thread: this stream waits for it, no other does
      if (rw.waits.size > 0) sent = typeof sent === 'string' ? await settleWaits(call, rw, sent) : (rw.waits.clear(), sent);
      record.upstreamRead(t, buf.length, client.boundary === null ? (rw.choices.get(0)?.content.held ?? 0) : null);
      record.addedMs += spent;
      ctx.metrics.observeAddedPerChunk(spent / 1000);
      if (sent !== null && !client.send(sent, reader.events)) await drained(res);
      // the client is gone: stop reading; the caller records it and the abort ends the upstream
      if (res.destroyed) throw new Error('client disconnected');
    }
    await client.write(client.closing(await settleWaits(call, rw, reader.end())), reader.events);
    return false;
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
    record.errors.push({ message: e.message, code: e.code });
    call.abort.abort('engine');
    await client.write(client.closing(errorChunk(`StreamFix could not repair this stream: ${e.message}`, e.code, 'server_error')));
    return true;
  }
}

/** The stream broke after it started: recorded, and the client (if still there) gets what is still owed of
 * the answer (text the gateway held to decide on: auto mode's first characters, prose held for a closing
 * tag or for the answer's choice; the closers of a cut value), as before an upstream's own error event,
 * then an error chunk. */
async function streamFailed(call: ChatCall, client: ClientStream, e: unknown, rw: StreamRewriter): Promise<void> {
  const { res, record, ctx } = call;
  const why = reasonOf(call.abort.signal);
  if (why === 'client' || res.destroyed) {
    call.leftEarly = true;
    record.fail('CLIENT_ABORTED', 'The client disconnected; the upstream request was aborted');
    return;
  }
  if (why === 'shutdown') call.leftEarly = true;
  else call.failedMidStream = true;
  const code = why === 'shutdown' ? 'shutdown' : 'upstream_error';
  const message = why === 'shutdown' ? 'The gateway is shutting down; the stream was cut' : `Upstream stream failed: ${(e as Error).message}`;
  record.fail('UPSTREAM_ERROR', message, { code });
  ctx.metrics.onUpstreamError(why === 'shutdown' ? 'shutdown' : 'stream_error');
  let owed: string[] = [];
  try {
    // under reject, the error chunk is this failure's, naming the calls it cut
    owed = rw.finish(false, { message, type: 'upstream_error', code });
  } catch (err) {
    // an engine limit at the end: recorded; the error chunk still goes out
    if (!(err instanceof StreamFixError)) throw err;
    record.errors.push({ message: err.message, code: err.code });
  }
  // a truncated tool call refused (x-streamfix-truncated-tools: reject) ends the stream with its own error
  const owedText = await settleWaits(call, rw, owed.join(''));
  await client.write(client.closing(rw.rejected !== null ? owedText : owedText + errorChunk(message, code)));
}

/** Upstream events over the SSE bound: a warning; outside passthrough (where the client got their bytes)
 * the answer misses them, which the artifact's status says. */
function overLongEvents(call: ChatCall, n: number, passthrough: boolean): void {
  const message = `The upstream sent ${n} SSE event(s) longer than ${MAX_SSE_EVENT_BYTES} characters: ${passthrough ? 'forwarded, not in the artifact' : 'skipped, an error event in place'}`;
  call.ctx.warnings.warn(OVER_LONG_CODE, `${call.record.id}: ${message}`);
  if (!passthrough) call.record.fail('UPSTREAM_ERROR', message, { code: OVER_LONG_CODE });
}

/** What the stream did goes into the artifact (stored before the last byte leaves, so a client may
 * fetch it as soon as it sees the end), then the response ends with the status trailer. */
async function finishStream(call: ChatCall, chat: ChatRequest, rw: StreamRewriter, engineFailed: boolean, upstreamStatus: number, client: ClientStream, held: HeldChecks): Promise<void> {
  const { res, record, ctx } = call;
  const passthrough = chat.mode === 'passthrough';
  if (rw.malformed > 0) {
    record.malformed = rw.malformed;
    for (let i = 0; i < rw.malformed; i++) ctx.metrics.onMalformedLine();
    record.errors.push({ message: `Skipped ${rw.malformed} malformed upstream line(s): ${rw.malformedSamples.map((s) => JSON.stringify(s)).join(', ')}`, code: 'malformed_line' });
  }
  if (rw.overLong > 0) overLongEvents(call, rw.overLong, passthrough);
  for (const e of rw.upstreamErrors) record.fail('UPSTREAM_ERROR', e.message, { code: e.code });
  for (const e of rw.upstreamErrors) errorEventSeen(call, e.code);
  // an upstream failure, as a 2xx error body or a lost connection is: counted once a stream (the first)
  if (rw.upstreamErrors.length > 0) ctx.metrics.onUpstreamError(errorEventLabel(rw.upstreamErrors[0]!.code));
  if (rw.upstreamErrors.length === 0) finishedInError(call, [...rw.choices.values()].filter((x) => x.finishReason === 'error').map((x) => x.index).sort((a, b) => a - b));
  if (rw.afterError > 0) record.errors.push({ message: `The upstream sent ${rw.afterError} event(s) after its error event, not forwarded: ${rw.afterErrorSamples.map((x) => JSON.stringify(x)).join(', ')}`, code: 'after_upstream_error' });
  if (rw.rejected !== null) record.errors.push({ message: rejectionMessage(rw.rejected), code: TRUNCATED_CODE });
  // the client left: the artifact keeps what went out, nothing the end would have made (closers, held
  // text), and no check of a value it never got whole
  const aborted = record.override === 'CLIENT_ABORTED';
  if (aborted) rw.abandon();
  else rw.settle();

  const st = rw.choices.get(0) ?? rw.choice(0);
  const c = st.content;
  if (c.modeReason !== null) {
    record.mode = c.mode;
    record.modeReason = c.modeReason;
  }
  // (an engine limit that ended the stream is recorded already: the end reports the same error again)
  if (c.result?.error && c.raw !== '' && !engineFailed && contentError(c.result.error, c.hasText)) record.errors.push({ message: c.result.error.message, code: c.result.error.code });
  // every choice of an n > 1 stream, counted on what passed (the texts kept are bounded)
  const sorted = [...rw.choices.values()].sort((a, b) => a.index - b.index);
  // a later choice's error too, named (before, a FAILED choice 1 left the answer FAILED with no error)
  for (const x of sorted) {
    const e = x.content.result?.error;
    if (x.index !== 0 && e && x.content.raw !== '' && !engineFailed && contentError(e, x.content.hasText)) record.errors.push({ message: `choice ${x.index}: ${e.message}`, code: e.code });
  }
  const movedBytes = sorted.reduce((n, x) => n + x.content.movedBytes, 0);
  if (movedBytes > 0) {
    const moved = sorted.filter((x) => x.content.movedBytes > 0);
    // counted as they passed: the stripped lists keep only their first and last spans
    reasoningEvent(call, movedBytes, moved.flatMap((x) => x.content.result?.stripped ?? x.content.stripped), moved.reduce((n, x) => n + x.content.reasoningBlocks, 0));
  }
  const streamed: RecordOutcome = {
    ...streamedChoice(st, passthrough),
    contentStatus: engineFailed ? 'FAILED' : choiceStatus(st),
    usage: rw.usage,
    stuttering: c.stuttering,
    movedReasoningBytes: movedBytes,
    cutShort: rw.cutShort,
    laterChoices: laterChoices(rw),
    // chunks skipped for a bad index: no check read them (record.ts), as a non-streaming choice left unread
    ...(rw.unread.count > 0 ? { unreadChoices: rw.unread.choices } : {}),
    ...(rw.rejected !== null ? { refused: cutRefs(rw.rejected) } : {}),
    // a call the client stopped reading was cut by the client, not by the upstream: none is flagged
    ...(aborted ? { refused: [] } : {}),
  };
  // reject: the calls of a choice whose closers did not go out were not delivered (refusedRepairs.ts)
  const outcome = rw.rejected !== null ? refuseChoices(streamed, (k) => rw.choices.get(k)?.delivered === true) : streamed;
  applyHeld(call, rw, outcome, held);
  /** A choice's held checks, when its calls went out (coerce). */
  const checkedOf = (k: number) => (rw.choices.get(k)?.delivered === true ? held.get(k) : undefined);
  if (call.schemas && !aborted) {
    // the gateway's own time, as the per-read work is: in the artifact and the per-chunk histogram
    const t = performance.now();
    // reject: the cut calls the error chunk named went out without their closure: not checked (schemaCheck.ts)
    const refusedOf = (k: number) => (rw.rejected === null ? undefined : new Set(rw.rejected.filter((x) => (x.choice ?? 0) === k).map((x) => x.index)));
    const answers: StreamedAnswer[] = [{ index: 0, mode: c.mode, content: { raw: c.raw, sent: c.sentWhole, repairs: [], stripped: [] }, tools: outcome.toolCalls, checked: checkedOf(0), refused: refusedOf(0) }];
    // every choice of an n > 1 stream, not only the first
    for (const o of sorted) if (o.index !== 0) answers.push({ index: o.index, mode: o.content.mode, content: { raw: o.content.raw, sent: o.content.sentWhole, repairs: [], stripped: [] }, tools: o.tools.artifacts(), checked: checkedOf(o.index), refused: refusedOf(o.index) });
    // awaited only when a check moved to the schema thread: the common case ends without a promise turn
    const checked = checkStreamed(call.schemas, answers);
    outcome.schema = checked instanceof Promise ? await checked : checked;
    if (!passthrough && rw.unread.count > 0) outcome.schema = withUnchecked(outcome.schema, rw.unread.text());
    const spent = performance.now() - t;
    record.addedMs += spent;
    ctx.metrics.observeAddedPerChunk(spent / 1000);
  }
  const status = await finish(call, outcome, upstreamStatus);
  if (!res.writableEnded && !res.destroyed) {
    const done = client.takeDone();
    // every choice's cut calls, as the artifact lists them (reject: those the error chunk named)
    const cut = cutHeaderValue(truncatedToolCalls(outcome));
    if (status !== null) res.addTrailers({ [STATUS_HEADER]: status, ...(cut !== '' ? { [TRUNCATED_TOOLS_HEADER]: cut } : {}), ...(outcome.schema ? { [SCHEMA_HEADER]: schemaVerdict(outcome.schema) } : {}), ...artifactHeader(call) });
    if (done.length > 0) res.end(done);
    else res.end();
  }
}

/** What the artifact keeps of one streamed choice (the texts bounded as they came: where they were cut). */
function streamedChoice(st: ChoiceState, passthrough: boolean): Omit<LaterChoice, 'index' | 'mode' | 'contentStatus'> & { cuts: ArtifactCut[] } {
  const c = st.content;
  const fieldReasoning = st.fieldReasoning.toString();
  return {
    rawContent: c.raw,
    repairedContent: passthrough ? null : c.sent,
    reasoning: fieldReasoning + c.moved,
    cuts: [...c.cuts(fieldReasoning.length), ...st.fieldReasoning.cuts('reasoning'), ...st.tools.cuts()],
    // coerce: the coercions made as the content streamed, among the engine's repairs
    repairs: c.coercions.length > 0 ? mergeRepairs(c.result?.repairs ?? [], c.coercions) : (c.result?.repairs ?? []),
    stripped: c.result?.stripped ?? c.stripped,
    toolCalls: st.tools.artifacts(),
    finishReason: st.finishReason,
  };
}

/** A streamed choice's content status; a coerced value was changed (coercedStatus), as not streaming. */
function choiceStatus(st: ChoiceState): LaterChoice['contentStatus'] {
  const c = st.content;
  const status = contentCheck(c.mode, c.hasText, () => c.result?.status ?? 'TRUNCATED');
  return status !== null && c.coercions.length > 0 ? coercedStatus(status) : status;
}

/** The stream's choices other than choice 0 (`n > 1`), for the artifact (its `choices`, cut list and
 * status); at the end. */
export function laterChoices(rw: StreamRewriter): LaterChoice[] | undefined {
  if (rw.choices.size < 2 && rw.choices.has(0)) return undefined;
  const later: LaterChoice[] = [];
  for (const st of rw.choices.values()) {
    const c = st.content;
    if (st.index !== 0) later.push({ index: st.index, mode: c.mode, ...streamedChoice(st, rw.mode === 'passthrough'), contentStatus: choiceStatus(st) });
  }
  return later;
}

const DONE_TAIL = /(?:^|\n)data: ?\[DONE\][\r\n]*$/;

/** Where a closing `data: [DONE]` event at the end of `s` starts, or -1. Checks the last byte first: a
 * content event ends in `}` and costs one comparison. */
export function doneEventAt(s: string | Buffer): number {
  let i = s.length - 1;
  const at = (k: number) => (typeof s === 'string' ? s.charCodeAt(k) : s[k]);
  while (i >= 0 && (at(i) === 0x0a || at(i) === 0x0d)) i--;
  if (i < 0 || at(i) !== 0x5d /* ] */) return -1;
  const from = Math.max(0, i - 16);
  const tail = typeof s === 'string' ? s.slice(from) : s.toString('latin1', from);
  const m = DONE_TAIL.exec(tail);
  if (m === null) return -1;
  return from + m.index + (m[0].charCodeAt(0) === 0x0a ? 1 : 0);
}

/** Records the artifact, the finished event and the request metric; resolves to the artifact's status
 * (null if recording failed) once the artifact is durable: callers send the response's last bytes after
 * it. Never throws. */
export async function finish(call: ChatCall, outcome: RecordOutcome, _httpStatus: number): Promise<ArtifactStatus | null> {
  const { ctx, record } = call;
  let durable: Promise<boolean> | null = null;
  let status: ArtifactStatus | null = null;
  try {
    record.textLimit = ctx.artifactTextLimit;
    const artifact = record.build(outcome);
    if (artifact.cuts) ctx.warnings.warn('artifact_truncated', `${record.id}: ${artifact.cuts.map((c) => `${c.field} cut by ${'chars' in c ? `${c.chars} characters` : `${c.entries} entries`}`).join(', ')} (head and tail kept)`);
    durable = ctx.store.put(artifact);
    ctx.events.publish({
      type: 'finished',
      id: record.id,
      model: record.model,
      mode: record.mode,
      status: artifact.status,
      repairs: repairCount(artifact),
      reasoningBytes: outcome.movedReasoningBytes ?? 0,
      timings: artifact.timings,
      ...(artifact.truncatedToolCalls ? { truncatedToolCalls: artifact.truncatedToolCalls } : {}),
    });
    ctx.metrics.onRequest(record.model, record.mode, artifact.status, record.api);
    if (artifact.schema?.valid === false) ctx.metrics.onSchemaFailure(record.model);
    if (artifact.schema?.error !== undefined) ctx.metrics.onSchemaError(record.model);
    ctx.breakers.answered(ctx.upstream.baseUrl, artifact);
    if (artifact.status === 'TRUNCATED' || artifact.finishReason === 'length') ctx.metrics.onTruncation(record.model);
    ctx.log.info(`${record.id} ${record.model} ${record.mode}${record.stream ? ' stream' : ''} -> ${artifact.status} (${repairCount(artifact)} repairs, ${artifact.timings.totalMs.toFixed(1)} ms)`);
    status = artifact.status;
  } catch (e) {
    ctx.log.error(`${record.id}: recording the artifact failed: ${(e as Error).message}`);
  }
  // never rejects: a failed or slow write is a store warning, and the response says so: every response
  // written after this, an error response too (a refusal, an open breaker, an upstream's error: each is
  // written after its artifact), carries the header; a stream already started, the trailer (artifactHeader)
  if (durable !== null && !(await durable) && ctx.store.promisesDurability) {
    call.notDurable = true;
    noteMemoryOnly(ctx.store, record.id);
    if (!call.res.headersSent && !call.res.writableEnded) call.res.setHeader(ARTIFACT_HEADER, 'memory-only');
  }
  return status;
}
