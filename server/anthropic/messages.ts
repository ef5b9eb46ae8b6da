/**
 * POST /v1/messages and /v1/messages/count_tokens. A Messages request is routed to an upstream model,
 * translated into a chat request (always streamed upstream, so streaming and non-streaming answers come
 * from one translation), and the chunks are translated back: written as Anthropic events as they are
 * decided (streaming), or folded into one message (not). Artifacts, events and metrics are the chat
 * endpoint's, with `api: "messages"` and the routing decision in the artifact.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOLD_PROSE, StreamFixError } from '../../shared/engine';
import { DEFAULT_MAX_INPUT_LENGTH } from '../../shared/engine/state';
import type { Repair } from '../../shared/engine';
import { artifactHeader, errorEventSeen, failedInBody, finish, reasoningEvent, shutdownError, STATUS_HEADER, streamedErrorBody, streamTrailerNames, TRUNCATED_TOOLS_HEADER, twoXxOutcome, type ChatCall } from '../gateway/chat';
import { forwardedHeaders, holdsProse, HOLD_PROSE_HEADER, MODE_HEADER, readBody, requestedMode } from '../gateway/chatRequest';
import type { GatewayContext } from '../gateway/context';
import { GatewayError, upstreamErrorMessage } from '../gateway/errors';
import { drained, trailerHeader } from '../gateway/http';
import { contentError, EMPTY_OUTCOME, truncatedToolCalls, type RecordOutcome } from '../gateway/record';
import { refuseAnswer, refuseToolCalls } from '../gateway/refusedRepairs';
import { keptRequest } from '../gateway/replayHeaders';
import { requestSchemas, schemaPolicy, schemaVerdict, SCHEMA_HEADER } from '../gateway/schema';
import { schemaPlan } from '../gateway/schemaPlan';
import { checkAnswer, checkHeldCall, coercedStatus, mergeRepairs, type SchemaOutcome, withUnchecked } from '../gateway/schemaCheck';
import type { ToolCallArtifact } from '../../shared/protocol';
import type { Pending } from '../gateway/pending';
import { MAX_SSE_EVENT_BYTES } from '../gateway/sse';
import { OVER_LONG_CODE } from '../gateway/streamRewrite';
import { cutHeaderValue, NO_RETRY_HEADERS, rejectionMessage, truncatedToolPolicy, TRUNCATED_CODE, TRUNCATED_POLICY_HEADER } from '../gateway/truncatedTools';
import type { UpstreamResponse } from '../gateway/upstream';
import { assembleMessage } from './assemble';
import { ChatStreamReader, eventText } from './chatStreamReader';
import { estimateInputTokens } from './countTokens';
import { anthropicStatus, errorBody, rejectionError, statusOfType } from './errors';
import { checkToolSchemas, messagesMode, parseMessagesRequest, requireMaxTokens, toChatRequest } from './request';
import { route } from './routing';
import { INVALID_INPUT_CODE, invalidInputError, invalidInputMessage, RENAMED_CODE, renamedMessage } from './toolInputCheck';
import { MessageTranslator, settleHeld, type AnthropicEvent } from './translate';

export type MessagesCall = ChatCall;

/** Without a write for this long, a `ping` event goes out (clients and proxies see the stream alive). */
export const DEFAULT_PING_MS = 10_000;

/** The client's key (x-api-key, else Authorization: Bearer). */
function clientKey(req: IncomingMessage): string | null {
  const k = req.headers['x-api-key'];
  if (typeof k === 'string' && k !== '') return k;
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]!.trim() : null;
}

/**
 * The upstream request's headers. The key is the gateway's: Anthropic clients must send a key, and theirs
 * (often a placeholder, or the gateway token) is not an OpenRouter key. Only when the gateway has no key,
 * has no token, and the client's key is an OpenRouter key (`sk-or-…`), is the client's key used.
 */
function upstreamHeaders(req: IncomingMessage, ctx: GatewayContext): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream', 'user-agent': 'streamfix/0.1', 'x-title': 'StreamFix' };
  const own = ctx.tokenSet ? null : clientKey(req);
  if (ctx.apiKey) headers.authorization = `Bearer ${ctx.apiKey}`;
  else if (own && own.startsWith('sk-or-')) headers.authorization = `Bearer ${own}`;
  else if (ctx.upstreamIsOpenRouter) throw new GatewayError(401, 'missing_api_key', "No OpenRouter API key: set OPENROUTER_API_KEY for the daemon (or 'StreamFix: Set OpenRouter API Key'); the client's x-api-key is not forwarded unless it is an OpenRouter key (sk-or-…)");
  return headers;
}

function sendJson(res: ServerResponse, status: number, headers: Record<string, string | string[]>, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function withRequestId(call: MessagesCall): Record<string, string> {
  return { ...call.baseHeaders, 'request-id': call.record.id };
}

/** An error before the answer started: Anthropic's shape, the status mapped (errors.ts). */
function sendError(call: MessagesCall, status: number, message: string, extra: Record<string, string | string[]> = {}): void {
  const s = anthropicStatus(status);
  sendJson(call.res, s, { ...withRequestId(call), ...extra }, errorBody(s, message, call.record.id));
}

export async function handleCountTokens(call: MessagesCall): Promise<void> {
  const r = parseMessagesRequest(await readBody(call.req, call.ctx.maxRequestBytes), call.ctx.messages.threads);
  sendJson(call.res, 200, withRequestId(call), { input_tokens: estimateInputTokens(r.body) });
}

export async function handleMessages(call: MessagesCall): Promise<void> {
  const { req, ctx } = call;
  const text = await readBody(req, ctx.maxRequestBytes);
  const r = parseMessagesRequest(text, ctx.messages.threads);
  requireMaxTokens(r);
  checkToolSchemas(r, ctx.schemas);
  call.truncatedTools = truncatedToolPolicy(req.headers[TRUNCATED_POLICY_HEADER], ctx.truncatedTools);
  const turn = r.thread;
  if (turn === null) return serve(call, r, text, null);
  // a message thread (threads.ts): the reply is kept once the client has it whole; a failed turn leaves the
  // previous reply's id open for the client's retry
  const threads = ctx.messages.threads;
  threads.begin(turn);
  const reply: ThreadReply = { content: null };
  try {
    // the artifact keeps the conversation answered (a continue's whole history), replayable without the thread
    await serve(call, r, turn.previous === null ? text : JSON.stringify(r.body), reply);
  } finally {
    threads.end(turn, messageId(call), reply.content);
  }
}

/** Where a threaded turn's reply is put once the client has it whole (its content blocks). */
interface ThreadReply {
  content: Record<string, unknown>[] | null;
}

/** The message id of a call's answer. */
function messageId(call: MessagesCall): string {
  return `msg_${call.record.id.slice(4)}`;
}

async function serve(call: MessagesCall, r: ReturnType<typeof parseMessagesRequest>, text: string, reply: ThreadReply | null): Promise<void> {
  const { req, ctx, record } = call;
  const requested = requestedMode(req.headers[MODE_HEADER], ctx.mode);
  const { mode, reason } = messagesMode(requested, r);
  const inputTokens = estimateInputTokens(r.body);
  const decision = route(ctx.messages.routing, r.model, { thinking: r.thinking, inputTokens });
  const holdProse = proseHold(call, r, decision.upstream);
  record.api = 'messages';
  record.route = decision;
  record.model = decision.upstream; // redacted below, once the credential headers are known
  // auto: strip until the answer decides (the translator says, recorded at the end)
  record.mode = mode === 'auto' ? 'strip' : mode;
  record.modeReason = reason;
  record.requestedMode = requested;
  record.stream = r.stream;
  record.request = keptRequest(text, r.body, req.headers);
  const chatBody = toChatRequest(r, decision.upstream);
  // tool inputs are checked against their input_schema as chat tool-call arguments are; with `coerce`
  // they are coerced: not streaming, in the message (pump); streaming, each input is held until it is
  // whole (its value ended, or the upstream finished) and goes out coerced (checkHeldInput)
  call.schemas = requestSchemas(chatBody, ctx.schemas, schemaPolicy(req.headers[SCHEMA_HEADER], ctx.schemaPolicy));
  const headers = upstreamHeaders(req, ctx);
  // the name as the gateway repeats it (metrics labels, events, artifact, breaker, log): a key pasted into
  // it redacted; the upstream gets the model as routed
  const redactor = ctx.upstream.redactorFor(headers);
  record.model = redactor.text(decision.upstream);
  ctx.log.info(`${record.id} messages: ${redactor.text(decision.requested)} -> ${record.model} (rule ${decision.rule})`);
  ctx.events.publish({ type: 'started', id: record.id, model: record.model, mode: record.mode, stream: r.stream });
  // the upstream model's circuit breaker (breaker.ts): open, a 503 (529 overloaded_error here) at once
  const gate = ctx.breakers.admit(record.id, ctx.upstream.baseUrl, record.model);
  if (gate.open) {
    record.fail('UPSTREAM_ERROR', gate.message, { status: 503, code: 'circuit_open' });
    ctx.metrics.onCircuitRefusal(record.model);
    await finish(call, EMPTY_OUTCOME, 503);
    return sendError(call, 503, gate.message, { 'retry-after': String(gate.retryAfterSeconds) });
  }

  let upstream: UpstreamResponse;
  try {
    upstream = await ctx.upstream.request({ method: 'POST', path: '/chat/completions', headers, body: JSON.stringify(chatBody), signal: call.abort.signal });
    record.redactor = upstream.redactor;
  } catch (e) {
    gate.done(call.abort.signal.aborted ? 'aborted' : 'error');
    call.leftEarly = call.abort.signal.aborted;
    const shutdown = call.abort.signal.reason === 'shutdown';
    if (call.abort.signal.aborted && !shutdown) {
      record.fail('CLIENT_ABORTED', 'The client disconnected before the upstream answered');
      await finish(call, EMPTY_OUTCOME, 499);
      return;
    }
    const err = shutdown ? shutdownError() : e instanceof GatewayError ? e : new GatewayError(502, 'upstream_unreachable', `Upstream request failed: ${(e as Error).message}`);
    record.fail('UPSTREAM_ERROR', err.message, { status: err.status, code: err.code });
    ctx.metrics.onUpstreamError(shutdown ? 'shutdown' : err.status === 504 ? 'timeout' : 'unreachable');
    await finish(call, EMPTY_OUTCOME, err.status);
    return sendError(call, err.status, err.message);
  }
  if (upstream.status < 200 || upstream.status >= 300) {
    gate.done(upstream.status);
    return upstreamRefused(call, upstream);
  }
  // a 2xx is a success only once its body came whole (chat.ts): the breaker hears the outcome at the end
  try {
    return await answer(call, r, upstream, mode, inputTokens, holdProse, reply);
  } finally {
    gate.done(twoXxOutcome(call, upstream.status));
  }
}

/**
 * Characters of text that starts as prose held back for a lone closing reasoning tag (R1-style reasoning
 * without its opening tag), in strip mode and while auto decides. Not streaming, the whole text (up to the
 * engine's input limit): the client gets nothing before the end, so the text always decides right, as on
 * the chat endpoint's non-streaming answers. Streaming, as the chat endpoint decides (`x-streamfix-hold-prose:
 * on|off`, else the model families that write such reasoning: chatRequest.ts holdsProse), or, without the
 * header, when the client asked for thinking; else none (a prose answer streams as it comes). A header
 * other than on/off is a 400, streaming or not.
 */
function proseHold(call: MessagesCall, r: ReturnType<typeof parseMessagesRequest>, upstreamModel: string): number {
  const header = call.req.headers[HOLD_PROSE_HEADER];
  const holds = holdsProse(upstreamModel, header);
  if (!r.stream) return call.ctx.engine.maxInputLength ?? DEFAULT_MAX_INPUT_LENGTH;
  return holds || (header === undefined && r.thinking) ? HOLD_PROSE : 0;
}

/** The upstream's 2xx answer, translated: streamed as events or folded into one message. */
async function answer(call: MessagesCall, r: ReturnType<typeof parseMessagesRequest>, upstream: UpstreamResponse, mode: ReturnType<typeof messagesMode>['mode'], inputTokens: number, holdProse: number, reply: ThreadReply | null): Promise<void> {
  const { record, ctx } = call;
  const ct = upstream.headers['content-type'];
  if (!(typeof ct === 'string' && ct.includes('text/event-stream'))) {
    // an error object in place of the stream (a 2xx JSON body): the upstream's own error, in Anthropic's
    // shape with the status its code names (before, its message was lost behind "not text/event-stream")
    const body = await streamedErrorBody(call, upstream);
    if (body !== null) {
      const { status, message } = await failedInBody(call, body.error);
      return sendError(call, status, message);
    }
    call.invalidAnswer = true;
    const message = `Upstream answered a streaming request with content-type "${String(ct ?? '')}", not text/event-stream`;
    record.fail('UPSTREAM_ERROR', message, { status: 502, code: 'upstream_invalid' });
    ctx.metrics.onUpstreamError('invalid_body');
    await finish(call, EMPTY_OUTCOME, 502);
    // the chat endpoint's 502 upstream_invalid, as a 502 api_error: not the 529 overloaded_error a 502 maps
    // to (sendError), which clients retry as a busy upstream
    return sendJson(call.res, 502, withRequestId(call), { type: 'error', error: { type: 'api_error', message }, request_id: call.record.id });
  }
  const held: HeldRepair[] = [];
  /** Streaming with `coerce`: the held inputs' checks, by call index (checkHeldInput). */
  const inputChecks = new Map<number, SchemaOutcome>();
  const schemas = call.schemas;
  const holdInputs = r.stream && schemas !== null && schemas !== undefined && schemas.policy === 'coerce' && schemas.tools.size > 0;
  const translator = new MessageTranslator({
    id: messageId(call),
    // the model that served the request as the upstream names it (translate.ts servedModel), else the
    // one the gateway asked for (the client's unless a routing rule changed it)
    model: record.route?.upstream ?? record.model,
    servedModel: true,
    inputTokens,
    mode,
    stopSequences: r.stopSequences,
    holdProse,
    prefill: mode === 'repair' ? r.prefill : '',
    engine: ctx.engine,
    // not streaming: the whole answer is read before the client gets it, so a value the text corrects
    // later is replaced by its correction, as on the chat endpoint (completion.ts)
    takeCorrections: !r.stream,
    // not streaming, a tool name that grows after its block started is written whole into the message
    whole: !r.stream,
    redactor: upstream.redactor,
    textLimit: ctx.artifactTextLimit,
    rejectTruncated: call.truncatedTools === 'reject',
    keepToolOutput: (call.schemas?.tools.size ?? 0) > 0,
    keepContentOutput: (call.schemas?.content ?? null) !== null,
    // coerce: the structured output's JSON is coerced as it is written, streaming or not
    ...(schemas?.policy === 'coerce' && schemas.content ? { coerceText: schemaPlan(schemas.content.schema) } : {}),
    // not streaming, the repairs wait for the answer: a refused or failed one applied none
    onRepair: r.stream ? (rep, i) => onRepair(call, rep, i) : (rep, i) => void held.push([rep, i]),
    ...(holdInputs ? { checkInput: (art: ToolCallArtifact) => checkHeldInput(call, art, inputChecks) } : {}),
  });
  return pump(call, new ChatStreamReader(translator), upstream, r.stream, held, inputChecks, reply);
}

/**
 * A held tool input (streaming, `coerce`), whole (its value ended, or the upstream finished: translate.ts
 * releaseWhole): checked against its tool's input_schema and coerced;
 * the outcome kept for the answer's report (pump). Returns the text the client gets (null: the engine's
 * JSON unchanged). A check on the schema thread is a promise the stream waits for (translate.ts
 * settleHeld); one that fails sends the input unchanged, its reason in the artifact's errors.
 */
function checkHeldInput(call: MessagesCall, art: ToolCallArtifact, checks: Map<number, SchemaOutcome>): Pending<string | null> {
  // (its time on the event loop is the read's, counted there; a wait for the schema thread, the pump's)
  return checkHeldCall(call.schemas!, call.record.mode, art, (o) => checks.set(art.index, o), call.record.errors, '');
}

function onRepair(call: MessagesCall, repair: Repair, toolCallIndex?: number): void {
  call.ctx.events.publish(toolCallIndex !== undefined ? { type: 'repair', id: call.record.id, repair, toolCallIndex } : { type: 'repair', id: call.record.id, repair });
  call.ctx.metrics.onRepair(repair.kind, call.record.model);
}

async function upstreamRefused(call: MessagesCall, upstream: UpstreamResponse): Promise<void> {
  const { record, ctx } = call;
  let body = '';
  try {
    for await (const c of upstream.body as AsyncIterable<Buffer>) body += c.toString('utf8');
  } catch (e) {
    record.errors.push({ message: `Reading the upstream error body failed: ${(e as Error).message}` });
  }
  const message = upstreamErrorMessage(upstream.status, body);
  record.fail('UPSTREAM_ERROR', message, { status: upstream.status });
  ctx.metrics.onUpstreamError(String(upstream.status));
  await finish(call, EMPTY_OUTCOME, upstream.status);
  sendError(call, upstream.status, message, forwardedHeaders(upstream.headers));
}


/**
 * Reads the upstream body into the translator. Streaming: the headers and message_start go out at once,
 * each read's events in one write, a `ping` when nothing was written for the ping interval. Not
 * streaming: the events are kept and folded into the message at the end.
 */
/** A repair decided while a non-streaming answer is read, and the tool call it is in. */
type HeldRepair = [Repair, number | undefined];

async function pump(call: MessagesCall, reader: ChatStreamReader, upstream: UpstreamResponse, stream: boolean, held: HeldRepair[], inputChecks: ReadonlyMap<number, SchemaOutcome>, reply: ThreadReply | null): Promise<void> {
  const { res, record, ctx } = call;
  const t = reader.translator;
  const kept: AnthropicEvent[] = [];
  let lastWrite = performance.now();
  // a threaded turn's events are kept streaming too (the reply, as the client got it, is the thread's), up
  // to what the thread store could keep: past it the turn keeps none (its next continue is a replay)
  let threadBytes = reply !== null && stream ? 0 : -1;
  const write = (events: AnthropicEvent[], now = performance.now()): boolean => {
    if (events.length === 0) return true;
    if (!stream) {
      kept.push(...events);
      return true;
    }
    if (res.destroyed || res.writableEnded) return true;
    record.clientChunks += events.length;
    lastWrite = now;
    const text = events.length === 1 ? eventText(events[0]!) : events.map(eventText).join('');
    if (threadBytes >= 0) {
      threadBytes += text.length;
      if (threadBytes <= ctx.messages.threads.maxBytes) kept.push(...events);
      else {
        threadBytes = -1;
        kept.length = 0;
      }
    }
    return res.write(text);
  };
  let ping: NodeJS.Timeout | null = null;
  t.start();
  if (stream) {
    // the status is known only at the end of the stream: it comes as a trailer, as on the chat endpoint
    res.writeHead(200, { ...withRequestId(call), ...forwardedHeaders(upstream.headers), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...trailerHeader(res, streamTrailerNames(call)) });
    write(t.take());
    const pingMs = ctx.messages.pingMs;
    ping = setInterval(() => {
      if (performance.now() - lastWrite < pingMs * 0.9) return;
      // message_start waits for the upstream's first chunk (servedModel), a ping no longer
      t.beginNow();
      write([...t.take(), { type: 'ping' }]);
    }, pingMs);
    ping.unref();
    ctx.metrics.streamOpened();
  }
  let failed: string | null = null;
  /** Not streaming, with `coerce`: the coerced tool inputs by call index (written into the message). */
  let coerced: Map<number, { text: string; repairs: Repair[] }> = new Map();
  /** Not streaming, with `coerce`: the structured output's text, coerced (the message's text block). */
  // The closing events (message_delta and message_stop, or the error event) wait for the artifact to be
  // durable: a client that saw the end of its stream can fetch the artifact after a crash.
  let tail: AnthropicEvent[] = [];
  try {
    for await (const buf of upstream.body as AsyncIterable<Buffer>) {
      record.markFirstByte();
      if (record.upstreamChunks === 0) ctx.metrics.observeTtfb((record.ttfbMs ?? 0) / 1000);
      record.upstreamChunks++;
      const t0 = performance.now();
      let events = reader.read(buf);
      let t1 = performance.now();
      const spent = t1 - t0;
      // a held input's check on the schema thread: this stream's next events wait for it, no other's
      if (t.waits > 0) {
        t.waits = 0;
        events = await settleHeld(events);
        const waited = performance.now();
        record.addedMs += waited - t1;
        t1 = waited;
      }
      record.upstreamRead(t0, buf.length, null);
      record.addedMs += spent;
      ctx.metrics.observeAddedPerChunk(spent / 1000);
      if (!write(events, t1)) await drained(res);
      if (res.destroyed) throw new Error('client disconnected');
      if (t.done) break;
    }
    if (t.stopSequence !== null || t.rejected !== null || t.invalidInputs !== null || t.renamed !== null || reader.upstreamError !== null) call.abort.abort('done');
    tail = reader.end();
  } catch (e) {
    if (e instanceof StreamFixError) {
      record.errors.push({ message: e.message, code: e.code });
      failed = `StreamFix could not translate this stream: ${e.message}`;
    } else if (call.abort.signal.reason === 'client' || res.destroyed) {
      call.leftEarly = true;
      record.fail('CLIENT_ABORTED', 'The client disconnected; the upstream request was aborted');
      t.abandon();
    } else {
      const shutdown = call.abort.signal.reason === 'shutdown';
      failed = shutdown ? 'The gateway is shutting down; the stream was cut' : `Upstream stream failed: ${(e as Error).message}`;
      if (shutdown) call.leftEarly = true;
      else call.failedMidStream = true;
      ctx.metrics.onUpstreamError(shutdown ? 'shutdown' : 'stream_error');
    }
    if (failed !== null) {
      call.abort.abort('engine');
      record.fail('UPSTREAM_ERROR', failed, { code: 'upstream_error' });
      // after an engine limit the engine has ended: nothing more of it goes out
      t.fail(failed, undefined, !(e instanceof StreamFixError));
      tail = t.take();
    }
  } finally {
    if (ping) clearInterval(ping);
    if (stream) ctx.metrics.streamClosed();
  }
  if (t.waits > 0) {
    t.waits = 0;
    tail = await settleHeld(tail);
  }
  if (t.rejected !== null) record.errors.push({ message: rejectionMessage(t.rejected), code: TRUNCATED_CODE });
  if (t.invalidInputs !== null) record.errors.push({ message: invalidInputMessage(t.invalidInputs), status: 502, code: INVALID_INPUT_CODE });
  if (t.renamed !== null) record.errors.push({ message: renamedMessage(t.renamed), status: 502, code: RENAMED_CODE });
  // why the text is FAILED (no JSON in it), as on the chat endpoint; not for text of thinking and white
  // space only (EMPTY), nor twice for a limit the engine threw (recorded where it was caught)
  const engineError = t.contentError();
  if (engineError && contentError(engineError, t.hasText) && !record.errors.some((e) => e.code === engineError.code)) record.errors.push({ message: engineError.message, code: engineError.code });
  if (reader.upstreamError !== null) {
    record.fail('UPSTREAM_ERROR', reader.upstreamError, { code: reader.upstreamErrorCode });
    errorEventSeen(call, reader.upstreamErrorStatus);
    if (reader.errorEventLabel !== null) ctx.metrics.onUpstreamError(reader.errorEventLabel);
  }
  if (reader.overLong > 0) ctx.warnings.warn(OVER_LONG_CODE, `${record.id}: The upstream sent ${reader.overLong} SSE event(s) longer than ${MAX_SSE_EVENT_BYTES} characters: the message ended with an error event`);
  if (reader.malformed > 0) {
    record.malformed = reader.malformed;
    for (let i = 0; i < reader.malformed; i++) ctx.metrics.onMalformedLine();
    record.errors.push({ message: `Skipped ${reader.malformed} malformed upstream line(s): ${reader.malformedSamples.map((s) => JSON.stringify(s)).join(', ')}`, code: 'malformed_line' });
  }
  if (t.servedBy !== null && record.route) record.route = { ...record.route, served: t.servedBy };
  if (t.decided) {
    record.mode = t.decided.mode;
    record.modeReason = t.decided.reason;
  }
  if (stream) record.clientChunks += tail.length; // counted in the artifact, sent once it is durable
  // chunks no check read (a bad index, another choice): as a choice left unread (record.ts)
  // the client left: a call it stopped reading was cut by the client, not by the upstream (none is
  // flagged), and no value it never got whole is checked
  const aborted = record.override === 'CLIENT_ABORTED';
  const outcome = { ...outcomeOf(t), ...(reader.unread.count > 0 ? { unreadChoices: reader.unread.choices } : {}), ...(aborted ? { refused: [] } : {}) };
  if (call.schemas && !aborted) {
    // the gateway's own time, as on the chat endpoint
    const t0 = performance.now();
    // the structured output's text (repair mode) as the chat endpoint's json_schema content; with `coerce`
    // it was coerced as it was written (translate.ts coerceText), streaming or not. Not streaming, `coerce`
    // coerces the tool inputs (the message is built after the check); streaming, the held inputs were
    // checked (and coerced) as they went out: inputChecks
    const coerceTools = !stream && call.schemas.policy === 'coerce';
    // reject: the cut calls went out without their closure (streaming) or not at all: not checked; an
    // upstream failure: a call whose block never stopped went out cut (its input as sent), not checked
    const broke = failed !== null || reader.upstreamError !== null;
    const refused = t.rejected !== null ? new Set(t.rejected.map((x) => x.index)) : broke ? new Set(outcome.toolCalls.filter((a) => !t.delivered(a.index)).map((a) => a.index)) : undefined;
    const checked = await checkAnswer(call.schemas, record.mode, t.checkedContent(), outcome.toolCalls, false, coerceTools, inputChecks, refused);
    outcome.schema = reader.unread.count > 0 ? withUnchecked(checked.report, reader.unread.text()) : checked.report;
    // reject or an upstream failure, not streaming: none of the message goes out (an error answer), so
    // no verdict claims a check of it
    if (!stream && (t.rejected !== null || broke)) outcome.schema = null;
    coerced = checked.tools;
    for (const [index, c] of coerced) {
      const art = outcome.toolCalls.find((a) => a.index === index);
      if (!art) continue;
      art.repairedArguments = c.text;
      art.repairs = mergeRepairs(art.repairs, c.repairs);
      art.status = coercedStatus(art.status);
      // streaming: a delivered input's coercions were applied (its block went out)
      if (!stream) for (const rep of c.repairs) held.push([rep, index]);
      else if (t.delivered(index)) for (const rep of c.repairs) onRepair(call, rep, index);
    }
    const spent = performance.now() - t0;
    record.addedMs += spent;
    ctx.metrics.observeAddedPerChunk(spent / 1000);
  }
  const schemaHeader: Record<string, string> = outcome.schema ? { [SCHEMA_HEADER]: schemaVerdict(outcome.schema) } : {};
  // the output panel's "reasoning stripped: … at 1:1–4:9: '…'" line, as for a chat request
  if ((outcome.movedReasoningBytes ?? 0) > 0) reasoningEvent(call, outcome.movedReasoningBytes!, outcome.stripped);
  // not streaming: the repairs count once the message goes out (not for a 502 refusal or an error answer,
  // whose artifact keeps them as refusedRepairs)
  const sent = stream || (!aborted && t.rejected === null && t.invalidInputs === null && ![...kept, ...tail].some((e) => e.type === 'error'));
  if (!stream && sent) for (const [rep, i] of held) onRepair(call, rep, i);
  const status = await finish(call, sent ? outcome : refuseAnswer(outcome), 200);
  // the cut tool calls, as on the chat endpoint: those the error named (reject), else those closed
  const cut = cutHeaderValue(t.rejected ?? truncatedToolCalls(outcome));
  const cutHeader: Record<string, string> = cut !== '' ? { [TRUNCATED_TOOLS_HEADER]: cut } : {};
  if (!stream || threadBytes >= 0) kept.push(...tail);
  if (stream && tail.length > 0 && !res.destroyed && !res.writableEnded) res.write(tail.map(eventText).join(''));
  if (stream) {
    if (!res.writableEnded && !res.destroyed) {
      if (status !== null) res.addTrailers({ [STATUS_HEADER]: status, ...cutHeader, ...schemaHeader, ...artifactHeader(call) });
      res.end();
      if (reply !== null && failed === null && threadBytes >= 0) reply.content = wholeReply(kept);
    }
    return;
  }
  if (res.destroyed) return;
  if (t.rejected !== null) return rejectMessage(call, t, status, { ...cutHeader, ...schemaHeader });
  if (t.invalidInputs !== null) {
    // a 502 api_error (not the 529 overloaded_error a 502 maps to), not retried by the SDK behind the
    // client's back: the tokens are spent and the client decides, as for the streamed error event
    const body = { type: 'error', error: invalidInputError(t.invalidInputs), request_id: record.id };
    return sendJson(res, 502, { ...withRequestId(call), ...NO_RETRY_HEADERS, ...(status ? { [STATUS_HEADER]: status } : {}), ...schemaHeader }, body);
  }
  const error = kept.find((e) => e.type === 'error');
  if (error) {
    const e = error.error as { type: string; message: string; truncated_tool_calls?: unknown };
    const extra = status ? { [STATUS_HEADER]: status, ...schemaHeader } : schemaHeader;
    if (e.truncated_tool_calls === undefined) return sendError(call, statusOfType(e.type), e.message, extra);
    // reject, calls an upstream failure cut: the body is the streamed error event, the list included
    const s = anthropicStatus(statusOfType(e.type));
    const body = errorBody(s, e.message, record.id);
    return sendJson(res, s, { ...withRequestId(call), ...extra }, { ...body, error: { ...body.error, truncated_tool_calls: e.truncated_tool_calls } });
  }
  record.clientChunks = 1;
  const message = assembleMessage(kept);
  // a name that grew after its block started: nothing went out yet, the block takes the whole name
  for (const r of t.renamedCalls()) {
    const block = message.content.find((b) => b.type === 'tool_use' && b.id === r.id);
    if (block) block.name = r.name;
  }
  for (const [index, c] of coerced) {
    const block = message.content.find((b) => b.type === 'tool_use' && b.id === t.blockIds.get(index));
    if (block) block.input = JSON.parse(c.text) as unknown;
  }
  sendJson(res, 200, { ...withRequestId(call), ...forwardedHeaders(upstream.headers), ...(status ? { [STATUS_HEADER]: status } : {}), ...cutHeader, ...schemaHeader, ...artifactHeader(call) }, message);
  if (reply !== null && failed === null) reply.content = message.content;
}

/** A streamed threaded turn's content blocks, when the client got the message whole: its message_stop, no
 * error event; else null (the thread keeps no partial reply). */
function wholeReply(events: readonly AnthropicEvent[]): Record<string, unknown>[] | null {
  if (events.length === 0 || events[events.length - 1]!.type !== 'message_stop' || events.some((e) => e.type === 'error')) return null;
  try {
    return assembleMessage(events).content;
  } catch {
    return null; // a tool input that is not JSON (FAILED): no reply to continue from
  }
}

/** reject, not streaming: a 502 in Anthropic's shape naming the cut calls, none of the message. The
 * status is not mapped to 529 (anthropicStatus): that is `overloaded_error`, which clients retry, and
 * the same request stops at the same max_tokens. */
function rejectMessage(call: MessagesCall, t: MessageTranslator, status: string | null, cutHeader: Record<string, string>): void {
  const body = { type: 'error', error: rejectionError(t.rejected!), request_id: call.record.id };
  sendJson(call.res, 502, { ...withRequestId(call), ...NO_RETRY_HEADERS, ...(status ? { [STATUS_HEADER]: status } : {}), ...cutHeader }, body);
}

function outcomeOf(t: MessageTranslator): RecordOutcome {
  const c = t.contentResult();
  // a call whose tool_use block did not stop was not delivered: its repairs were not applied
  return refuseToolCalls(outcomeFields(t, c), (i) => !t.delivered(i));
}

function outcomeFields(t: MessageTranslator, c: ReturnType<MessageTranslator['contentResult']>): RecordOutcome {
  return {
    rawContent: t.rawContent,
    repairedContent: t.sentText,
    reasoning: t.reasoning,
    repairs: c.repairs,
    stripped: c.stripped,
    toolCalls: t.toolArtifacts(),
    finishReason: t.stoppedOnSequence ? 'stop_sequence' : t.finishReason,
    cutShort: t.cutShort,
    usage: t.usage,
    stuttering: false,
    movedReasoningBytes: t.reasoningBytes,
    cuts: t.cuts(),
    // strip mode does not parse the text: TEXT (a check that did not run says nothing); text of thinking
    // and white space only is no text (EMPTY unless a tool call was checked), as on the chat endpoint
    contentStatus: t.rawContent === '' || !t.hasText ? null : (c.status ?? 'TEXT'),
  };
}
