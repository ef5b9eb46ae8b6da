/**
 * Rewrites an upstream chat-completion SSE stream event by event. Per choice index it keeps a
 * ContentProcessor (content per mode) and ToolCallRepairers (arguments per tool-call index). Chunks it
 * does not change are forwarded as the exact `data` text received. When a choice finishes, the text the
 * engine still owes (closing brackets, held-back characters) goes out in its own chunk just before the
 * chunk carrying `finish_reason`, so clients that stop at the finish chunk still get valid JSON. With
 * `x-streamfix-schema: coerce` (checkArguments) tool calls do not stream: each goes out whole in that
 * closer chunk, its arguments checked and coerced.
 */
import { HOLD_PROSE, StreamFixError } from '../../shared/engine';
import { DEFAULT_MAX_INPUT_LENGTH } from '../../shared/engine/state';
import type { Repair, RepairOptions } from '../../shared/engine';
import type { AppliedMode, ToolCallArtifact } from '../../shared/protocol';
import type { Pending } from './pending';
import { ARTIFACT_TEXT_LIMIT, BoundedText } from './boundedText';
import { ContentProcessor } from './content';
import type { StreamCoercion } from './schemaCoerce';
import * as contentFrame from './contentFrame';
import type { ContentFrame, FrameHit } from './contentFrame';
import type { Redactor, TextRedaction } from './redact';
import { ownErrorCode } from './errors';
import * as sse from './sse';
import { nameAfter, ToolCallRepairers, type ToolCallDelta } from './toolCalls';
import { isIndex } from './completion';
import { badIndexOf, UnreadChunks } from './unreadChunks';
import { cutCallsOf, failureRejectionBody, finishErrorCause, rejectionBody, type CutCall } from './truncatedTools';

type Json = Record<string, unknown>;

// Bound once here rather than imported by name: run from TypeScript source (tsx compiles to CommonJS),
// every use of a named import is a property read through two export getters, which on the per-chunk
// path cost as much as the function called.
const { frameOf, jsonString, matchFrame, TEMPLATE_KEYS } = contentFrame;
const { sseComment, sseData } = sse;

export interface ChoiceState {
  index: number;
  content: ContentProcessor;
  tools: ToolCallRepairers;
  /** Text of the upstream's own reasoning fields (`reasoning`, else `reasoning_content`), as kept for
   * the artifact (bounded). */
  fieldReasoning: BoundedText;
  /** The reasoning fields' redaction as they stream (redact.ts; null: nothing to redact, passthrough),
   * and the field the upstream used, for the tail it releases at the end. */
  reasoningRedaction: TextRedaction | null;
  reasoningKey: 'reasoning' | 'reasoning_content';
  /** OpenRouter's `reasoning_details` texts, redacted as they stream (null: nothing to redact,
   * passthrough): one channel per entry index and field (`text`, `summary`). */
  details: Map<string, DetailRedaction> | null;
  /** The `refusal` field's redaction as it streams (null: nothing to redact, passthrough). */
  refusalRedaction: TextRedaction | null;
  /** Each tool call's name's redaction as it streams, by call index (null: nothing to redact): some
   * providers (Gemini) stream a name in pieces. */
  names: Map<number, TextRedaction> | null;
  finishReason: string | null;
  closed: boolean;
  /** reject: its tool calls' repairs, published with its closers (a refused choice's calls were not
   * delivered, so their repairs were not applied: refusedRepairs.ts). */
  toolRepairs: [Repair, number][];
  /** Its closers went out (its tool calls were delivered whole, their repairs applied). */
  delivered: boolean;
  /** `coerce` (StreamRewriter.checkArguments): each call as it would have gone out (id, type, its name's
   * pieces, its arguments as the engine wrote them), held until the choice ends (null: not holding).
   * Bounded as the engine's input is (maxInputLength a call). */
  heldCalls: Map<number, HeldCall> | null;
}

/** A tool call held whole (coerce): what its deltas would have sent. */
interface HeldCall {
  id?: string;
  type?: string;
  name: string;
  args: string;
}

/**
 * coerce: a tool-call delta (rewritten: its name redacted, its arguments the engine's output) held until
 * its choice ends: a client must not see a call start before its whole arguments (the openai SDK's stream
 * helper takes a call as done when the next one starts, and parses its arguments then).
 */
function holdCall(st: ChoiceState, index: number, tc: Json): number {
  const held = st.heldCalls!;
  let h = held.get(index);
  if (h === undefined) held.set(index, (h = { name: '', args: '' }));
  if (typeof tc.id === 'string' && tc.id !== '' && h.id === undefined) h.id = tc.id;
  if (typeof tc.type === 'string' && h.type === undefined) h.type = tc.type;
  const fn = isObject(tc.function) ? tc.function : null;
  // the name as the artifact takes it (its pieces joined, a repeat of it not: nameAfter), as it came: it
  // goes out whole, redacted whole (heldClosers). Before, while names were redacted, the pieces the
  // redaction let out were joined, so a name repeated in every delta went out as `writewrite`
  if (typeof fn?.name === 'string' && fn.name !== '') h.name = nameAfter(h.name === '' ? undefined : h.name, fn.name);
  if (typeof fn?.arguments !== 'string') return 0;
  h.args += fn.arguments;
  return fn.arguments.length;
}

export interface RewriteHooks {
  onRepair(repair: Repair, toolCallIndex?: number): void;
}

/** One reasoning_details entry's text field as it streams, and the entry's shape for the held tail it
 * releases at the end. */
interface DetailRedaction {
  stage: TextRedaction;
  key: 'text' | 'summary';
  entry: Json;
}

const DETAIL_KEYS = ['text', 'summary'] as const;

interface Closers {
  content: string;
  reasoning: string;
  /** The tail of the upstream's reasoning field the redaction held, in the field the upstream used. */
  fieldReasoning?: { key: 'reasoning' | 'reasoning_content'; text: string };
  /** Each call by its index, or by its id when the upstream sent it without one. */
  toolCalls: { index?: number; id?: string; type?: string; function: { name?: string; arguments: string } }[];
  /** The tails of reasoning_details texts the redaction held, each as an entry of its own. */
  details: Json[];
  /** The tail of the refusal the redaction held. */
  refusal: string;
}

/** Upstream error events kept per stream (the artifact keeps at most MAX_ARTIFACT_ERRORS errors). */
const MAX_KEPT_ERRORS = 20;

export const OVER_LONG_CODE = 'upstream_event_too_large';

/** The error event that takes the place of an upstream event over the bound (repair, strip). */
export function overLongBody(max: number): { error: { message: string; type: string; code: string } } {
  return { error: { message: `The upstream sent an SSE event longer than ${max} characters: StreamFix skipped it, so this answer misses part of what the model sent`, type: 'upstream_error', code: OVER_LONG_CODE } };
}

/** The finish_reason of a choice the upstream stopped without finishing: the answer is cut short. */
export const CUT_FINISH_REASON = 'length';

/** Frames verified per stream at most (each costs a parse of the chunk's head). */
const MAX_FRAME_TRIES = 16;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The held tails of a choice's reasoning_details texts, each an entry like the last one of its index
 * (type, format, index) carrying only the tail; the redactions end. */
function detailTails(details: Map<string, DetailRedaction> | null): Json[] {
  const out: Json[] = [];
  if (details === null) return out;
  for (const d of details.values()) {
    const tail = d.stage.end();
    if (tail === '') continue;
    const { type, format, index } = d.entry;
    out.push({ ...(type !== undefined ? { type } : {}), [d.key]: tail, ...(format !== undefined ? { format } : {}), ...(index !== undefined ? { index } : {}) });
  }
  return out;
}

/** `text` after the string `o[key]` (or alone). */
function appendText(o: Json, key: string, text: string): void {
  o[key] = (typeof o[key] === 'string' ? o[key] : '') + text;
}

/** A delta that carries something of the answer (not just a role or an empty content). */
function hasText(delta: Json): boolean {
  return (typeof delta.content === 'string' && delta.content !== '') || typeof delta.reasoning === 'string' || Array.isArray(delta.tool_calls);
}

/**
 * What goes out for one upstream read, built from the read's own text: runs of it forwarded as they are,
 * with changed events spliced in and the events the parser delivered (their own strings) in between.
 * `begin` before each read; `changed` false after it means the read's text goes out as it came.
 */
export class ReadOutput {
  /** The output so far: runs of the read's text and replacement strings, in order. */
  readonly parts: string[] = [];
  /** Events going out (the artifact's client chunk count). */
  events = 0;
  /** Something was replaced or cut (every callback of one read passes the same text, the read's). */
  changed = false;
  /** Where the current run of unchanged text starts. */
  private run = 0;

  begin(): void {
    this.parts.length = 0;
    this.events = 0;
    this.changed = false;
    this.run = 0;
  }

  /** `text[from, to)` goes out as `s`. */
  replace(text: string, from: number, to: number, s: string): void {
    this.cut(text, from, to);
    this.parts.push(s);
  }

  /** `text[from, to)` goes to the parser; what it makes of it is pushed to `parts` by the caller. */
  cut(text: string, from: number, to: number): void {
    if (from > this.run) this.parts.push(text.slice(this.run, from));
    this.run = to;
    this.changed = true;
  }

  /** The read's output once its first `consumed` characters were split into events. */
  finish(text: string, consumed: number): string {
    if (consumed > this.run) this.parts.push(text.slice(this.run, consumed));
    const s = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts.length = 0;
    return s;
  }
}

/**
 * A StreamRewriter behind the SSE decoder: upstream reads in, what goes to the client out. Plain content
 * events take the rewriter's fast path inside the read's own text (onDataLine); the parser reads the rest.
 */
export class ReadRewriter {
  private readonly out = new ReadOutput();
  private readonly decoder: sse.SseDecoder;
  /** Events in what read() or end() returned last (the artifact's client chunk count). */
  events = 0;

  constructor(
    readonly rw: StreamRewriter,
    maxEventLength = sse.MAX_SSE_EVENT_BYTES,
  ) {
    const out = this.out;
    this.decoder = sse.createSseDecoder({
      onEvent: (data) => {
        const n = out.parts.length;
        rw.onDataInto(data, out.parts);
        out.events += out.parts.length - n;
      },
      onComment: (c) => {
        for (const e of rw.onComment(c)) {
          out.parts.push(e);
          out.events++;
        }
      },
      onMalformed: (m) => {
        rw.malformed++;
        if (rw.malformedSamples.length < 10) rw.malformedSamples.push(m);
      },
      onOverLong: (max) => {
        rw.overLong++;
        // passthrough forwards the bytes; the other modes cut the event out, and say so where it was
        if (rw.mode === 'passthrough') return;
        out.parts.push(sseData(JSON.stringify(overLongBody(max))));
        out.events++;
        out.changed = true;
      },
      onDataLine: (text, start, end) => rw.onDataLine(text, start, end, out),
      onParsed: (text, start, end) => out.cut(text, start, end),
    }, maxEventLength);
  }

  /**
   * One upstream read in; out, what the client gets for it: the read's own bytes when no event changed
   * and the text is exactly them (pure ASCII, nothing carried in from the read before), else a string;
   * null when there is nothing to send (always in passthrough, where the caller forwards the bytes).
   * May throw the engine's StreamFixError (limits).
   */
  read(buf: Buffer): Buffer | string | null {
    const out = this.out;
    const decoder = this.decoder;
    out.begin();
    decoder.push(buf);
    this.events = out.events;
    const consumed = decoder.consumed;
    const text = decoder.text;
    decoder.release();
    if (this.rw.mode === 'passthrough') return null;
    if (out.changed) return out.finish(text, consumed);
    if (consumed === 0) return null;
    if (decoder.exact) return consumed === buf.length ? buf : buf.subarray(0, consumed);
    return text.slice(0, consumed);
  }

  /** The upstream body ended: the last events and the closers still owed ('' for none, and in passthrough). */
  end(): string {
    const out = this.out;
    out.begin();
    this.decoder.end();
    // without [DONE] the upstream stopped short: the client's stream still ends as a stream should
    const closers = this.rw.sawDone ? [] : this.rw.finish(true);
    this.events = out.events + closers.length;
    const text = this.decoder.text;
    this.decoder.release();
    if (this.rw.mode === 'passthrough') return '';
    return (out.changed ? out.finish(text, this.decoder.consumed) : '') + closers.join('');
  }
}

export class StreamRewriter {
  readonly choices = new Map<number, ChoiceState>();
  usage: unknown = null;
  dataEvents = 0;
  malformed = 0;
  /** The repairs of the closers close() just made, until they are sure to go out (publishClosing). */
  private closing: [Repair, number | undefined][] = [];
  malformedSamples: string[] = [];
  /** Chunks skipped for a bad index (badIndexOf), read by no check and not sent (unreadChunks.ts). */
  readonly unread = new UnreadChunks();
  /** Upstream events over the SSE decoder's bound (skipped; in the rewriting modes an error event in place). */
  overLong = 0;
  /** Their message and code (errors.ts ownErrorCode: the upstream's own, else `upstream_error`). */
  upstreamErrors: { message: string; code: string }[] = [];
  sawDone = false;
  /** The body ended without [DONE] before some choice finished (finish(true) made up the end of the
   * client's stream). */
  cutShort = false;
  /** Fields copied into chunks the gateway makes up (closers at the end of a stream). */
  private template: Json = { object: 'chat.completion.chunk' };
  /** String values replaced in the chunk being rewritten (see reencode). */
  private edits: { key: string; from: string; to: string }[] = [];
  /** The chunk being rewritten changed in a way splicing cannot express (a field added, a chunk split). */
  private complex = false;
  /** passthrough: observe only, the caller forwards the upstream bytes. */
  private readonly observe: boolean;
  /** The fast path's frame (contentFrame.ts): the text the stream's plain content chunks start with. */
  private frame: ContentFrame | null = null;
  /** Frames tried so far: an upstream whose chunks never share a frame stops paying for the attempts. */
  private frameTries = 0;
  /** The template values last copied (a fast-path chunk's values are its frame's, the same object). */
  private templateFrom: Json | null = null;
  /** Chunks taken by the fast path (tests check it is used). */
  fastChunks = 0;
  /** auto mode without response_format: each choice's answer decides repair or strip (autoMode.ts). */
  auto = false;
  /** Streaming strip: characters of prose-started content held for a lone closing tag (0: none). */
  holdProse = HOLD_PROSE;
  /** Repair: the engine keeps each choice's whole output for a check at the end (a content schema);
   * otherwise only the artifact's bounded copy is kept. */
  keepContentOutput = false;
  /** Repair: the engine keeps each tool call's whole output, for a check of the whole arguments at the
   * end (a tool schema); otherwise only the artifact's bounded copy is kept. */
  keepToolOutput = false;
  /** x-streamfix-truncated-tools: reject (truncatedTools.ts): a choice that ends with cut tool calls ends
   * the client's stream with an error chunk instead of their closers. */
  rejectTruncated = false;
  /** The cut calls that ended the stream (reject); from then on nothing more goes out. */
  rejected: CutCall[] | null = null;
  /** An upstream error event ended the client's stream (closers, the error chunk, [DONE]); what the
   * upstream sends after it is not forwarded: counted, and its first events kept for the artifact. */
  endedByError = false;
  afterError = 0;
  afterErrorSamples: string[] = [];
  /** The request's secrets: the rewriting modes take them out of each text channel as it streams (a key
   * the upstream echoes across two events is in neither event's bytes whole, see redact.ts). */
  redactor: Redactor | null = null;
  /**
   * `x-streamfix-schema: coerce` (a rewriting mode, a tool with parameters): no tool call's arguments
   * stream; each call's deltas go out with `"arguments": ""` (its id, name and type as they came), and
   * when its choice ends its closer carries the whole arguments, checked and coerced: the text this
   * returns for the call's artifact (null: the engine's JSON unchanged). A promise (a check on the schema
   * thread) puts a placeholder in the closer's place (waits): the caller replaces it (settleWaits) before
   * the text goes out.
   */
  checkArguments: ((choice: number, call: ToolCallArtifact) => Pending<string | null>) | null = null;
  /** `x-streamfix-schema: coerce` with a content schema (repair mode): each choice's content coerced as it
   * streams (ContentProcessor.coercion); null: not coerced. */
  contentCoercion: (() => StreamCoercion) | null = null;
  /** Placeholders in the output, as JSON string literals, and the JSON literal of what replaces each. */
  readonly waits = new Map<string, Promise<string>>();
  /** Characters of arguments held (coerce), all choices' together, and their bound: the engine's
   * maxInputLength (what one call's arguments may hold; its repairer refuses more). Past it, INPUT_TOO_LARGE. */
  private heldChars = 0;
  /** What makes this stream's placeholders unlike any text an upstream could send. */
  private readonly nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;

  constructor(
    readonly mode: AppliedMode,
    private readonly hooks: RewriteHooks,
    private readonly engine: RepairOptions = {},
    /** false: every chunk takes the full-parse path (tests compare the two). */
    private readonly fastPath = true,
    /** Characters of each text the artifact keeps (BoundedText). */
    private readonly textLimit = ARTIFACT_TEXT_LIMIT,
  ) {
    this.observe = mode === 'passthrough';
  }

  choice(index: number): ChoiceState {
    let c = this.choices.get(index);
    if (!c) {
      const redactor = this.observe ? null : this.redactor;
      c = {
        index,
        content: new ContentProcessor(this.mode, this.keepContentOutput ? { ...this.engine, keepOutput: true } : this.engine, this.auto, this.textLimit, this.holdProse),
        tools: new ToolCallRepairers(this.mode !== 'passthrough', this.engine, this.textLimit, this.keepToolOutput, redactor),
        // the artifact's reasoning is this then the reasoning moved out of the content: half the limit each
        fieldReasoning: new BoundedText(this.textLimit / 2),
        reasoningRedaction: redactor?.textStage() ?? null,
        reasoningKey: 'reasoning',
        details: redactor === null || redactor.empty ? null : new Map(),
        refusalRedaction: redactor?.textStage() ?? null,
        names: redactor === null || redactor.empty ? null : new Map(),
        finishReason: null,
        closed: false,
        toolRepairs: [],
        delivered: false,
        heldCalls: this.checkArguments !== null && !this.observe ? new Map() : null,
      };
      c.content.redaction = redactor?.textStage() ?? null;
      if (this.contentCoercion !== null && this.mode === 'repair' && !this.auto) c.content.coercion = this.contentCoercion();
      this.choices.set(index, c);
    }
    return c;
  }

  /** Nothing more goes to the client: a rejection or an upstream error event ended its stream. */
  private get ended(): boolean {
    return this.rejected !== null || this.endedByError;
  }

  onComment(text: string): string[] {
    return this.observe || this.ended ? [] : [sseComment(text)];
  }

  /** One upstream `data:` payload in, the SSE events to send out (none in passthrough). */
  onData(data: string): string[] {
    const out: string[] = [];
    this.onDataInto(data, out);
    return out;
  }

  /** onData appending to `out`: the per-chunk path of the gateway, which allocates no array per event. */
  onDataInto(data: string, out: string[]): void {
    if (this.endedByError) return this.afterErrorEvent(data);
    if (this.rejected !== null) return;
    // substring + === rather than startsWith: V8's startsWith compares character by character in a
    // generic loop, several times slower than the memcmp of === on a ~200-character frame
    if (this.frame !== null && data.substring(0, this.frame.prefix.length) === this.frame.prefix) {
      const hit = matchFrame(this.frame, data);
      if (hit) {
        // A matched chunk holds no newline (no whitespace outside the literal, no raw control character
        // in it; JSON.stringify escapes them too), so its event is one `data:` line, as sseData writes it.
        const r = this.onPlainChunk(data, 0, data.length, hit);
        if (!this.observe) out.push(r === null ? `data: ${data}\n\n` : `data: ${data.slice(0, this.spliceFrom)}${r}${data.slice(this.spliceTo)}\n\n`);
        return;
      }
    }
    for (const s of this.onFullData(data)) out.push(s);
  }

  /** A chunk the fast path did not take: parsed whole. */
  private onFullData(data: string): string[] {
    if (data === '[DONE]') {
      this.sawDone = true;
      const out = this.finish();
      // a rejection (finish() ending the stream with its error) sent its own [DONE]
      if (!this.observe && this.rejected === null) out.push(sseData('[DONE]'));
      return out;
    }
    this.dataEvents++;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      chunk = undefined;
    }
    const bad = isObject(chunk) ? badIndexOf(chunk) : null;
    if (!isObject(chunk) || bad !== null) {
      // a malformed line is skipped (not forwarded: clients would choke on it), counted and recorded; a
      // choice or tool-call index that is not a whole number would mislabel a choice or merge two calls
      this.malformed++;
      if (this.malformedSamples.length < 10) this.malformedSamples.push(data.slice(0, 200));
      if (bad !== null) this.unread.add(bad);
      return [];
    }
    if (isObject(chunk.error)) {
      const e = chunk.error;
      // the first ones are kept for the artifact: an upstream repeating its error event must not grow memory
      if (this.upstreamErrors.length < MAX_KEPT_ERRORS) {
        const message = typeof e.message === 'string' ? e.message : JSON.stringify(e);
        this.upstreamErrors.push({ message: message.length > 2000 ? `${message.slice(0, 2000)}…` : message, code: ownErrorCode(e.code) });
      }
      if (!this.observe) {
        // the chunk's finish_reason ("error" beside the error object) is the choice's, as passthrough
        // records it; nothing else of the chunk is read (the stream ends with the error)
        if (Array.isArray(chunk.choices)) {
          const choices = chunk.choices as unknown[];
          for (let k = 0; k < choices.length; k++) {
            const ch = choices[k];
            if (!isObject(ch) || ch.finish_reason === null || ch.finish_reason === undefined) continue;
            const st = this.choices.get(typeof ch.index === 'number' ? ch.index : k);
            if (st !== undefined && st.finishReason === null) st.finishReason = String(ch.finish_reason);
          }
        }
        return this.endWithError(data, e);
      }
    }
    if (chunk.usage !== undefined && chunk.usage !== null) this.usage = chunk.usage;
    this.setTemplate(chunk);
    this.templateFrom = null;
    if (!Array.isArray(chunk.choices)) return this.observe ? [] : [sseData(data)];
    if (this.fastPath && this.frameTries < MAX_FRAME_TRIES && chunk.choices.length === 1 && isObject(chunk.choices[0]) && isObject(chunk.choices[0].delta) && typeof chunk.choices[0].delta.content === 'string') {
      // a content chunk on the full path: its frame probably starts the stream's next ones
      this.frameTries++;
      this.frame = frameOf(data) ?? this.frame;
    }

    let changed = false;
    this.edits = [];
    this.complex = false;
    const pre: Json[] = [];
    let rejectedHere = false;
    const choices = chunk.choices as unknown[];
    for (let k = 0; k < choices.length; k++) {
      const ch = choices[k];
      if (!isObject(ch)) continue;
      // by its index (badIndexOf checked it is a non-negative integer when present), never by its place
      const st = this.choice(typeof ch.index === 'number' ? ch.index : k);
      const delta = isObject(ch.delta) ? ch.delta : null;
      if (delta) changed = this.onDelta(st, delta) || changed;
      if (ch.finish_reason !== null && ch.finish_reason !== undefined) {
        st.finishReason = String(ch.finish_reason);
        if (this.observe || st.closed) continue;
        const closers = this.close(st);
        if (this.rejectTruncated && this.reject(st)) {
          // the chunk's own delta is the upstream's text (rewritten) and still goes out; its closers and
          // its finish_reason do not
          this.closing = [];
          rejectedHere = true;
          if (delta && hasText(delta)) pre.push({ index: st.index, delta, finish_reason: null });
          this.rejectFinishing(choices, k + 1, pre);
          break;
        }
        this.publishClosing(st);
        if (closers) {
          // this chunk's own (rewritten) delta moves into the closer chunk, ahead of the closers, so the
          // client sees: delta text, closers, then finish_reason
          const moved: Json = { ...(delta ?? {}) };
          // a tool-call-only delta keeps its `content: null`
          if (closers.content || typeof moved.content === 'string') moved.content = (typeof moved.content === 'string' ? moved.content : '') + closers.content;
          if (closers.fieldReasoning) appendText(moved, closers.fieldReasoning.key, closers.fieldReasoning.text);
          if (closers.reasoning) appendText(moved, 'reasoning', closers.reasoning);
          if (closers.toolCalls.length > 0) moved.tool_calls = [...(Array.isArray(moved.tool_calls) ? moved.tool_calls : []), ...closers.toolCalls];
          if (closers.details.length > 0) moved.reasoning_details = [...(Array.isArray(moved.reasoning_details) ? moved.reasoning_details : []), ...closers.details];
          if (closers.refusal) appendText(moved, 'refusal', closers.refusal);
          pre.push({ index: st.index, delta: moved, finish_reason: null });
          ch.delta = delta && 'content' in delta ? { content: '' } : {};
          changed = true;
          this.complex = true;
        }
      }
    }
    if (this.observe) return [];
    const out: string[] = [];
    if (pre.length > 0) {
      const p: Json = { ...chunk, choices: pre };
      delete p.usage;
      out.push(sseData(JSON.stringify(p)));
    }
    if (rejectedHere) return this.rejection(out);
    out.push(sseData(changed ? this.reencode(data, chunk) : data));
    return out;
  }

  private setTemplate(src: Json): void {
    for (const key of TEMPLATE_KEYS) if (src[key] !== undefined) this.template[key] = src[key];
  }

  /**
   * The fast path for one `data: ` event inside an upstream read (the SSE decoder's onDataLine):
   * `text[start, end)` is `data: <chunk>\n\n`. Returns false when the chunk is not a plain content
   * chunk of the stream's frame (the parser then reads it and onDataInto takes it). What goes out is
   * recorded in `out` as a change to the read's text, so an unchanged chunk costs no string at all.
   */
  onDataLine(text: string, start: number, end: number, out: ReadOutput): boolean {
    const frame = this.frame;
    if (frame === null || this.ended) return false;
    const from = start + 6;
    const to = end - 2;
    if (text.substring(from, from + frame.prefix.length) !== frame.prefix) return false;
    const hit = matchFrame(frame, text, from, to);
    if (hit === null) return false;
    out.events++;
    const r = this.onPlainChunk(text, from, to, hit);
    if (r !== null) out.replace(text, this.spliceFrom, this.spliceTo, r);
    return true;
  }

  /** Where onPlainChunk's replacement goes in the chunk's text (the content literal, or the whole chunk). */
  private spliceFrom = 0;
  private spliceTo = 0;

  /**
   * A chunk matched by the fast path: what the full path below does for a chunk whose only effect is
   * choice 0's content, without parsing the chunk. Returns null when the chunk goes out as received,
   * else the text that replaces `text[spliceFrom, spliceTo)`: the content literal spliced where the full
   * path would splice it, or, for the rare rest (reasoning moved out of the content, content escaped
   * otherwise than JSON.stringify), the whole chunk serialized again from a full parse as the full path
   * does. The chunk is `text[from, to)`.
   */
  private onPlainChunk(text: string, from: number, to: number, hit: FrameHit): string | null {
    this.fastChunks++;
    this.dataEvents++;
    if (hit.values !== this.templateFrom) {
      this.setTemplate(hit.values);
      this.templateFrom = hit.values;
    }
    const st = this.choice(0);
    const original = hit.content;
    if (original === '' || st.closed) return null;
    const step = st.content.push(original);
    if (step.repairs.length > 0) for (const r of step.repairs) this.hooks.onRepair(r);
    if (this.observe) return null;
    if (!step.reasoning) {
      if (step.content === original) return null;
      // the full path splices only where the upstream escaped the text as JSON.stringify does
      const literal = hit.verbatim ? null : JSON.stringify(original);
      if (literal === null || (hit.end - hit.start === literal.length && text.substring(hit.start, hit.end) === literal)) {
        this.spliceFrom = hit.start;
        this.spliceTo = hit.end;
        return jsonString(step.content);
      }
    }
    const chunk = JSON.parse(text.slice(from, to)) as { choices: { delta: Json }[] };
    const delta = chunk.choices[0]!.delta;
    delta.content = step.content;
    if (step.reasoning) delta.reasoning = step.reasoning;
    this.spliceFrom = from;
    this.spliceTo = to;
    return JSON.stringify(chunk);
  }

  /**
   * The changed chunk as JSON text. When the only changes are string values replaced (content, tool
   * arguments), they are spliced into the received text, which keeps every other byte as the upstream
   * wrote it and is cheaper than serializing the whole chunk again. A `"key":"value"` needle with an
   * unescaped quote can only be a member, never text inside a string; one that is not found exactly once
   * (other spacing or escaping than JSON.stringify's) falls back to serializing.
   */
  private reencode(data: string, chunk: Json): string {
    if (this.complex || this.edits.length === 0) return JSON.stringify(chunk);
    let text = data;
    for (const e of this.edits) {
      const needle = `"${e.key}":${JSON.stringify(e.from)}`;
      const at = text.indexOf(needle);
      if (at < 0 || text.indexOf(needle, at + needle.length) >= 0) return JSON.stringify(chunk);
      text = text.slice(0, at) + `"${e.key}":${JSON.stringify(e.to)}` + text.slice(at + needle.length);
    }
    return text;
  }

  /** Rewrites one delta in place; true when something changed. */
  private onDelta(st: ChoiceState, delta: Json): boolean {
    let changed = false;
    if (typeof delta.reasoning === 'string') changed = this.onReasoningField(st, delta, 'reasoning');
    else if (typeof delta.reasoning_content === 'string') changed = this.onReasoningField(st, delta, 'reasoning_content');
    if (st.details !== null && Array.isArray(delta.reasoning_details) && !st.closed) changed = this.onReasoningDetails(st.details, delta.reasoning_details as unknown[]) || changed;
    if (st.refusalRedaction !== null && typeof delta.refusal === 'string' && !st.closed) changed = this.onRefusal(st.refusalRedaction, delta) || changed;
    if (st.names !== null && Array.isArray(delta.annotations)) {
      // each annotation arrives whole: its strings are whole texts, redacted as a text's end is
      const a = this.redactor!.deep(delta.annotations);
      if (a !== delta.annotations) {
        delta.annotations = a;
        changed = true;
        this.complex = true;
      }
    }
    if (typeof delta.content === 'string' && delta.content !== '' && !st.closed) {
      const original = delta.content;
      const step = st.content.push(original);
      for (const r of step.repairs) this.hooks.onRepair(r);
      if (!this.observe) {
        if (step.content !== original) {
          delta.content = step.content;
          this.edits.push({ key: 'content', from: original, to: step.content });
          changed = true;
        }
        if (step.reasoning) {
          delta.reasoning = (typeof delta.reasoning === 'string' ? delta.reasoning : '') + step.reasoning;
          changed = true;
          this.complex = true;
        }
      }
    }
    if (Array.isArray(delta.tool_calls) && !st.closed) {
      const all = delta.tool_calls as unknown[];
      all.forEach((tc, k) => {
        if (!isObject(tc)) return;
        const before = isObject(tc.function) ? tc.function.arguments : undefined;
        const index = st.tools.indexOf(tc as ToolCallDelta, k, all.length);
        // (a held call's name goes out whole at the end, redacted then: heldClosers)
        if (st.names !== null && st.heldCalls === null && isObject(tc.function) && typeof tc.function.name === 'string' && tc.function.name !== '') changed = this.onName(st.names, index, tc.function) || changed;
        const repairs = st.tools.push(tc as ToolCallDelta, index);
        if (this.rejectTruncated) for (const r of repairs) st.toolRepairs.push([r, index]);
        else for (const r of repairs) this.hooks.onRepair(r, index);
        if (st.heldCalls !== null) return this.hold(st, index, tc);
        if (isObject(tc.function) && tc.function.arguments !== before) {
          changed = true;
          if (typeof before === 'string' && typeof tc.function.arguments === 'string') this.edits.push({ key: 'arguments', from: before, to: tc.function.arguments });
          else this.complex = true;
        }
      });
      if (st.heldCalls !== null) {
        // coerce: the calls went into heldCalls; the rest of the delta goes out
        delete delta.tool_calls;
        changed = true;
        this.complex = true;
      }
    }
    return changed;
  }

  /** coerce: a tool-call delta held (holdCall), within the bound on all held arguments. */
  private hold(st: ChoiceState, index: number, tc: Json): void {
    this.heldChars += holdCall(st, index, tc);
    const max = this.engine.maxInputLength ?? DEFAULT_MAX_INPUT_LENGTH;
    if (this.heldChars > max) throw new StreamFixError('INPUT_TOO_LARGE', `More than maxInputLength (${max}) characters of tool-call arguments wait for their schema check (x-streamfix-schema: coerce)`);
  }

  /** A reasoning field of a delta, recorded, and redacted in place (rewriting modes); true when changed. */
  private onReasoningField(st: ChoiceState, delta: Json, key: 'reasoning' | 'reasoning_content'): boolean {
    const from = delta[key] as string;
    const to = st.reasoningRedaction === null || st.closed ? from : st.reasoningRedaction.push(from);
    st.fieldReasoning.add(to);
    st.reasoningKey = key;
    if (to === from) return false;
    delta[key] = to;
    this.edits.push({ key, from, to });
    return true;
  }

  /** A tool call's name, redacted in place as it streams. */
  private onName(names: Map<number, TextRedaction>, index: number, fn: Json): boolean {
    let r = names.get(index);
    if (r === undefined) names.set(index, (r = this.redactor!.textStage()!));
    const from = fn.name as string;
    const to = r.push(from);
    if (to === from) return false;
    fn.name = to;
    this.complex = true;
    return true;
  }

  /** A delta's refusal, redacted in place as it streams (a key can be cut across two refusal deltas). */
  private onRefusal(r: TextRedaction, delta: Json): boolean {
    const from = delta.refusal as string;
    const to = r.push(from);
    if (to === from) return false;
    delta.refusal = to;
    this.edits.push({ key: 'refusal', from, to });
    return true;
  }

  /** The text fields of a delta's reasoning_details entries, redacted in place (per entry index and
   * field, as a key can be cut across two entries of one index); true when one changed. */
  private onReasoningDetails(details: Map<string, DetailRedaction>, entries: unknown[]): boolean {
    let changed = false;
    for (let j = 0; j < entries.length; j++) {
      const e = entries[j];
      if (!isObject(e)) continue;
      const index = isIndex(e.index) ? e.index : j;
      for (const key of DETAIL_KEYS) {
        const from = e[key];
        if (typeof from !== 'string' || from === '') continue;
        const id = `${index}/${key}`;
        let d = details.get(id);
        if (d === undefined) details.set(id, (d = { stage: this.redactor!.textStage()!, key, entry: e }));
        d.entry = e;
        const to = d.stage.push(from);
        if (to === from) continue;
        e[key] = to;
        this.edits.push({ key, from, to });
        changed = true;
      }
    }
    return changed;
  }

  /** Ends a choice's processors; returns what still has to be sent, or null when nothing. */
  private close(st: ChoiceState): Closers | null {
    st.closed = true;
    // the reasoning fields' held tail (it could have started a secret) goes out with the closers
    const reasoningTail = st.reasoningRedaction?.end() ?? '';
    st.fieldReasoning.add(reasoningTail);
    const c = st.content.end();
    const tools = st.tools.end();
    // published once the closers are sure to go out (closing): a refused choice's closure is never
    // applied, so its repairs are not counted as applied (the Messages translator alike)
    this.closing = [...st.toolRepairs, ...c.repairs.map((r): [Repair, number | undefined] => [r, undefined]), ...tools.flatMap((t) => t.repairs.map((r): [Repair, number] => [r, t.index]))];
    st.toolRepairs = [];
    // a call the upstream numbered otherwise (no index, or another call's) is named as it named it
    const toolCalls: Closers['toolCalls'] = st.heldCalls !== null ? this.heldClosers(st, tools) : tools.filter((t) => t.text !== '').map((t) => ({ ...(t.wire ?? { index: t.index }), function: { arguments: t.text } }));
    // a name's held tail goes with its call's closer
    for (const [index, r] of st.heldCalls === null ? (st.names ?? []) : []) {
      const tail = r.end();
      if (tail === '') continue;
      const call = toolCalls.find((c) => c.index === index);
      if (call) call.function.name = tail;
      else toolCalls.push({ index, function: { name: tail, arguments: '' } });
    }
    const details = detailTails(st.details);
    const refusal = st.refusalRedaction?.end() ?? '';
    if (!c.content && !c.reasoning && !reasoningTail && toolCalls.length === 0 && details.length === 0 && !refusal) return null;
    return { content: c.content, reasoning: c.reasoning, toolCalls, details, refusal, ...(reasoningTail ? { fieldReasoning: { key: st.reasoningKey, text: reasoningTail } } : {}) };
  }

  /** coerce: each held call whole (id, type, its whole name redacted), its arguments checked
   * (checkArguments), in index order. */
  private heldClosers(st: ChoiceState, ends: readonly { index: number; text: string }[]): Closers['toolCalls'] {
    const held = st.heldCalls!;
    const arts = st.tools.artifacts();
    const out: Closers['toolCalls'] = [];
    for (const art of arts) {
      const h = held.get(art.index) ?? { name: '', args: '' };
      const name = this.redactor?.textEnd(h.name) ?? h.name;
      const whole = h.args + (ends.find((t) => t.index === art.index)?.text ?? '');
      const checked = whole === '' ? null : this.checkArguments!(st.index, art);
      let args: string;
      if (!(checked instanceof Promise)) args = checked ?? whole;
      else {
        args = `\u0000streamfix-wait:${this.nonce}:${this.waits.size}\u0000`;
        this.waits.set(JSON.stringify(args), checked.then((c) => JSON.stringify(c ?? whole)));
      }
      const start = { ...(h.id !== undefined ? { id: h.id } : {}), ...(h.type !== undefined || h.id !== undefined ? { type: h.type ?? 'function' } : {}) };
      out.push({ ...st.tools.closerName(art.index), ...start, function: { ...(name !== '' ? { name } : {}), arguments: args } });
    }
    for (const h of held.values()) this.heldChars -= h.args.length;
    held.clear();
    return out;
  }

  /**
   * The upstream ended ([DONE] or end of body): closers for choices that never got a finish_reason.
   * `cut` (the body ended without [DONE]): also a finish chunk for each of them, with `length` (the answer
   * stopped short; nothing better is known), and `[DONE]`; the stream counts as cut short if there was
   * any such choice. `failure`: an upstream failure ends the stream here (its error event's error object, or
   * the gateway's description of a lost connection); under reject, the error chunk is that failure's,
   * naming the calls it cut (truncatedTools.ts failureRejectionBody).
   */
  finish(cut = false, failure: Json | null = null): string[] {
    const out: string[] = [];
    if (this.ended) return out;
    if (cut) {
      // a stream with no choice at all still gets its finish chunk, for choice 0
      if (this.choices.size === 0 && this.upstreamErrors.length === 0) this.choice(0);
      // the answer is cut only if some choice never finished: a missing [DONE] after every
      // finish_reason loses nothing of it
      for (const st of this.choices.values()) if (st.finishReason === null) this.cutShort = true;
    }
    for (const st of this.choices.values()) {
      const unfinished = st.finishReason === null;
      if (!st.closed) {
        if (this.observe) {
          st.closed = true;
          st.content.end();
          st.tools.end();
          continue;
        }
        const closers = this.close(st);
        if (this.rejectTruncated && this.reject(st)) {
          this.closing = [];
          // every other choice still open ends here too: its cut calls are named in the same error
          for (const other of this.choices.values()) {
            if (other.closed) continue;
            this.close(other);
            this.closing = [];
            this.reject(other);
          }
          return this.rejection(out, failure);
        }
        this.publishClosing(st);
        if (closers) {
          const delta: Json = { content: closers.content };
          if (closers.fieldReasoning) delta[closers.fieldReasoning.key] = closers.fieldReasoning.text;
          if (closers.reasoning) appendText(delta, 'reasoning', closers.reasoning);
          if (closers.toolCalls.length > 0) delta.tool_calls = closers.toolCalls;
          if (closers.details.length > 0) delta.reasoning_details = closers.details;
          if (closers.refusal) delta.refusal = closers.refusal;
          out.push(sseData(JSON.stringify({ ...this.template, choices: [{ index: st.index, delta, finish_reason: null }] })));
        }
      }
      if (cut && unfinished && !this.observe && this.upstreamErrors.length === 0) {
        out.push(sseData(JSON.stringify({ ...this.template, choices: [{ index: st.index, delta: {}, finish_reason: CUT_FINISH_REASON }] })));
      }
    }
    if (cut && !this.observe) out.push(sseData('[DONE]'));
    return out;
  }

  /** An upstream error event: the error chunk is the stream's last before [DONE] (DESIGN), so the closers
   * still owed go first, as when the gateway's own failure ends a stream; a rejection ends it instead. */
  private endWithError(data: string, error: Json): string[] {
    const out = this.finish(false, error);
    if (this.rejected !== null) return out;
    this.endedByError = true;
    // the error's message ends here: a key start at its end shows no more than the key's public start
    out.push(sseData(this.redactor?.jsonText(data) ?? data), sseData('[DONE]'));
    return out;
  }

  private afterErrorEvent(data: string): void {
    if (data === '[DONE]') {
      this.sawDone = true;
      return;
    }
    this.afterError++;
    if (this.afterErrorSamples.length < 10) this.afterErrorSamples.push(data.slice(0, 200));
  }

  /** The repairs of the closers close() made, as applied (see close). */
  private publishClosing(st: ChoiceState): void {
    st.delivered = true;
    for (const [r, index] of this.closing) this.hooks.onRepair(r, index);
    this.closing = [];
  }

  /** reject: whether the closed choice's tool calls were cut (then `rejected` names them, after the cut
   * calls of other choices that ended at the same point, in choice order). */
  private reject(st: ChoiceState): boolean {
    const cut = cutCallsOf(st.tools.artifacts(), st.finishReason, st.index > 0 ? st.index : undefined, (i) => st.tools.argumentBytes(i));
    if (cut.length === 0) return false;
    this.rejected = [...(this.rejected ?? []), ...cut].sort((a, b) => (a.choice ?? 0) - (b.choice ?? 0) || a.index - b.index);
    return true;
  }

  /**
   * reject, in a chunk whose choice `k - 1` was refused: the choices after it that this chunk finishes end
   * here too (the stream ends with the error), so their cut calls are named in the same error, and their
   * own text goes out before it as the refused choice's does. A choice the chunk does not finish is not
   * known to be cut: the upstream was still writing it.
   */
  private rejectFinishing(choices: unknown[], from: number, pre: Json[]): void {
    for (let j = from; j < choices.length; j++) {
      const ch = choices[j];
      if (!isObject(ch) || ch.finish_reason === null || ch.finish_reason === undefined) continue;
      const st = this.choice(typeof ch.index === 'number' ? ch.index : j);
      if (st.closed) continue;
      const delta = isObject(ch.delta) ? ch.delta : null;
      if (delta) this.onDelta(st, delta);
      st.finishReason = String(ch.finish_reason);
      this.close(st);
      this.closing = [];
      if (this.reject(st) && delta && hasText(delta)) pre.push({ index: st.index, delta, finish_reason: null });
    }
  }

  /** What ends a rejected stream: `out` so far, the error chunk naming the cut calls, then `[DONE]`. When
   * an upstream failure cut them (`failure`, or a cut choice the upstream ended with `finish_reason:
   * "error"`), the error chunk is the failure's, naming the calls too (before, the client got only
   * `truncated_tool_call`, told to raise max_tokens, the upstream's error in the artifact alone). */
  private rejection(out: string[], failure: Json | null = null): string[] {
    const cut = this.rejected!;
    const cause = failure ?? finishErrorCause(cut, (k) => this.choices.get(k)?.finishReason);
    // the upstream's message ends here: a key start at its end shows no more than the key's public start
    const body = cause === null ? JSON.stringify(rejectionBody(cut)) : JSON.stringify(failureRejectionBody(cause, cut));
    out.push(sseData(cause === null ? body : (this.redactor?.jsonText(body) ?? body)), sseData('[DONE]'));
    return out;
  }

  /** The client left mid-stream: every choice's checks end where the upstream was and nothing more is
   * written (ContentProcessor.abandon, ToolCallRepairers.abandon): the artifact keeps what went out. */
  abandon(): void {
    for (const st of this.choices.values()) {
      if (st.closed) continue;
      st.closed = true;
      try {
        st.content.abandon();
        st.tools.abandon();
      } catch (e) {
        // an engine limit that broke the stream may strike again; it is recorded already
        if (!(e instanceof StreamFixError)) throw e;
      }
    }
  }

  /**
   * Ends, without sending anything, what is still open after a stream broke off (the upstream
   * failed, an engine limit): the artifact then holds the engine's verdict on what arrived.
   */
  settle(): void {
    for (const st of this.choices.values()) {
      if (st.closed) continue;
      st.closed = true;
      try {
        st.content.end();
        st.tools.end();
      } catch (e) {
        // the engine limit that broke the stream may strike again; it is recorded already
        if (!(e instanceof StreamFixError)) throw e;
      }
    }
  }
}
