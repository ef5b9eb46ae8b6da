/**
 * OpenAI chat-completion chunks in, Anthropic Messages stream events out, in Anthropic's exact order:
 * `message_start`, then per block `content_block_start` / `content_block_delta`… / `content_block_stop`
 * (blocks numbered from 0 in the order they start), then `message_delta` (stop reason, usage) and
 * `message_stop`.
 *
 * - Thinking comes from the upstream's `reasoning` field (or its `reasoning_details` text) and from think
 *   blocks in the content; each thinking block is closed with a `signature_delta`: the upstream's own
 *   signature when its reasoning_details carried one, else the gateway's. The upstream's encrypted
 *   reasoning becomes a `redacted_thinking` block. Both go back upstream next turn (thinkingRoundTrip.ts).
 * - Text goes through the reasoning splitter (strip) or the engine (repair: the text is the repaired
 *   JSON), then the stop-sequence scanner.
 * - Tool-call arguments go through the engine per upstream tool-call index (ToolCallRepairers, as in the
 *   chat endpoint): each `input_json_delta` is the output the engine decided from one upstream piece, so
 *   pieces are only appended and their concatenation at the block's stop is the engine's JSON for the
 *   whole input (`{}` when there was none). Blocks never interleave, so one call streams live (the
 *   lowest-index one with a name) and the others' pieces are held. The live call's block closes as soon
 *   as its JSON value is complete (the engine read its end) and the upstream sends a piece of another call:
 *   OpenAI-style streams send calls one after another, so each then streams as it comes. A call whose
 *   value is not complete when others start (pieces truly interleaved) keeps its block open, the others
 *   wait and go out when it completes (the lowest held one is flushed and streams on) or at the end, in
 *   index order. Past its value's end the engine writes nothing for a call but the whitespace that
 *   followed it, which an early-closed block leaves out. Text that arrives after the tool calls started
 *   goes out after them; thinking goes out where the grammar lets it keep its order: between the calls
 *   when they are settled (toolsSettled), else once the blocks of the calls begun before it stopped,
 *   before the next call's block (releaseThinking). With `x-streamfix-schema: coerce` (checkInput) no call streams
 *   live: each waits until its value is whole (the engine read its end) and goes out checked and coerced,
 *   in one delta, in index order (releaseWhole); one never whole (cut, prose before it) waits for the end.
 */
import { StreamFixError, type Repair, type RepairOptions, type Stripped } from '../../shared/engine';
import { DEFAULT_MAX_INPUT_LENGTH } from '../../shared/engine/state';
import type { ArtifactCut, ToolCallArtifact } from '../../shared/protocol';
import { createAutoDecider, type AutoDecider, type AutoDecision } from '../gateway/autoMode';
import { ARTIFACT_TEXT_LIMIT, BoundedText } from '../gateway/boundedText';
import { ContentProcessor, type ContentStep } from '../gateway/content';
import { hasText } from '../gateway/record';
import type { Redactor, TextRedaction } from '../gateway/redact';
import type { Pending } from '../gateway/pending';
import { coercedStatus, mergeRepairs, type CheckedText } from '../gateway/schemaCheck';
import { StreamCoercion } from '../gateway/schemaCoerce';
import type { PlanNode } from '../gateway/schemaPlan';
import { ToolCallRepairers, type ToolCallDelta } from '../gateway/toolCalls';
import { cutCallsOf, failureRejectionMessage, type CutCall } from '../gateway/truncatedTools';
import { rejectionError } from './errors';
import { ARGUMENTS_SHOWN, invalidInputError, kindOf, invalidReason, renamedError, renamedReason, type InvalidToolInput, type RenamedToolCall } from './toolInputCheck';
import { createThinkingSplitter, type Segment, type ThinkingSplitter } from './reasoning';
import { createStopScanner, upstreamStopSequence, type StopScanner } from './stopSequences';
import { detailParts, ThinkingSigner } from './thinkingRoundTrip';

type Json = Record<string, unknown>;
export type AnthropicEvent = { type: string } & Json;

export interface TranslatorOptions {
  /** The message id (`msg_…`) and the model name the gateway asked the upstream for (the client's name
   * unless a routing rule changed it). */
  id: string;
  model: string;
  /** message_start names the model the upstream says served the request (the `model` of its first chunk:
   * OpenRouter's routes, `openrouter/auto` and `models: [...]` fallbacks, name the one that answered), so
   * it waits for that chunk (or the end, an error, beginNow()); `model` when the chunk names none. Off:
   * message_start goes out at start() with `model`. */
  servedModel?: boolean;
  /** Estimated input tokens for message_start (the upstream's count replaces it in message_delta). */
  inputTokens: number;
  /** `repair`: the text block is the repaired JSON; `strip`: text as sent, reasoning removed; `auto`: the
   * answer decides (repair when it starts as JSON after any reasoning, the chat endpoint's rule). */
  mode: 'repair' | 'strip' | 'auto';
  stopSequences: readonly string[];
  /** Characters of text that starts as prose held back for a lone closing reasoning tag (R1-style
   * reasoning without its opening tag; reasoning.ts), in strip mode and while auto decides. Default 0. */
  holdProse?: number;
  /** repair mode: the prefill the answer continues. The engine reads it first; the client has it already,
   * so the text block is what the engine writes after it. */
  prefill?: string;
  engine?: RepairOptions;
  /** A non-streaming answer (the client gets the message whole) without a prefill: the text's engine
   * takes a correction the text makes after its first value (engine option takeCorrections), as the
   * chat endpoint's non-streaming answers do. The text then comes out at the upstream's end. */
  takeCorrections?: boolean;
  /** The request's secrets, taken out of the text, the thinking and each tool input as they stream (a key
   * the upstream echoes across two events is in neither event's bytes whole; redact.ts). */
  redactor?: Redactor | null;
  /** Characters of each text the artifact keeps (head and tail; default ARTIFACT_TEXT_LIMIT). */
  textLimit?: number;
  /** Not streaming (the client gets the message whole): a tool name that grew after its block started is
   * written whole into the message (messages.ts, renamedCalls) instead of ending it with an error. */
  whole?: boolean;
  /** x-streamfix-truncated-tools: reject: cut tool calls end the message with an error event instead of
   * tool_use blocks the gateway would have to close itself (truncatedTools.ts). */
  rejectTruncated?: boolean;
  /** The engine keeps each tool call's whole input, for the schema check at the end (messages.ts). */
  keepToolOutput?: boolean;
  /** The text's repaired JSON is kept whole, for the structured output's schema check at the end. */
  keepContentOutput?: boolean;
  /** `x-streamfix-schema: coerce` with a structured output (`output_config.format` json_schema): the
   * schema's plan (schemaPlan.ts); the text's JSON is coerced as the engine writes it (ContentProcessor
   * `coercion`), streaming or not. After a prefill, only values after the prefill's share of the JSON
   * (the client has that part already: a value starting in it goes out as it came). */
  coerceText?: PlanNode | null;
  /**
   * `x-streamfix-schema: coerce`, streaming: every tool call's input is held until it is whole (the
   * engine read its value's end, or the upstream finished) and goes out as one `input_json_delta`, in
   * index order (releaseWhole): the text this returns for the
   * call's artifact (its coerced input; null: the engine's JSON unchanged). A promise (a check moved to
   * the schema thread) becomes an `input_wait` event in its delta's place: settleHeld() turns it into the
   * delta once it resolves, so the events after it wait and keep their order (messages.ts pump).
   */
  checkInput?(call: ToolCallArtifact): Pending<string | null>;
  onRepair?(repair: Repair, toolCallIndex?: number): void;
}

/** A held tool input whose check is still running: its delta, once `input` resolves (checkInput). */
export interface InputWait {
  type: 'input_wait';
  index: number;
  input: Promise<string>;
}

/** Whether `events` hold an input still being checked (settleHeld must run before they go out). */
export function hasHeld(events: readonly AnthropicEvent[]): boolean {
  return events.some((e) => e.type === 'input_wait');
}

/** `events` with each `input_wait` replaced by its `input_json_delta` once its check is done, in order. */
export async function settleHeld(events: readonly AnthropicEvent[]): Promise<AnthropicEvent[]> {
  const out: AnthropicEvent[] = [];
  for (const e of events) {
    if (e.type !== 'input_wait') out.push(e);
    else out.push({ type: 'content_block_delta', index: e.index, delta: { type: 'input_json_delta', partial_json: await (e as unknown as InputWait).input } });
  }
  return out;
}

type BlockKind = 'text' | 'thinking' | 'tool_use' | 'redacted_thinking';

/** What waits for the tool calls (see the file comment): text and thinking, the upstream's signature for
 * the thinking before it, its encrypted reasoning. `calls`: how many tool calls the upstream had begun
 * when it came (releaseThinking: thinking goes out once those calls' blocks stopped, before a later one). */
type DeferredPiece = Segment | { kind: 'signature' | 'redacted' | 'meta' | 'refusal'; text: string };
type Deferred = DeferredPiece & { calls: number };

interface ToolBlock {
  index: number;
  id: string | null;
  name: string | null;
  /** Arguments not sent yet (the call is not the one streaming live): the client's bytes still to send,
   * one string (its pieces joined and flattened as they come: a rope of many small pieces cost more than
   * their text, and a piece may keep a whole upstream event alive); sent as one delta when the block starts. */
  pending: string;
  /** Pieces added to `pending` since it was last flattened. */
  pendingPieces: number;
  /** Characters sent or pending, to know whether any JSON went out (counted, not kept: the input streams
   * out as it comes, the artifact keeps its bounded copy). */
  chars: number;
  /** Its content_block_start went out. */
  started: boolean;
  /** Its content_block_stop went out before the upstream finished (its value was complete). */
  closed: boolean;
  /** The first significant character the engine wrote for it (null: none yet). Its block starts only on
   * `{`: any other value is not a tool_use input and waits for the end (toolInputCheck.ts). */
  first: string | null;
  /** Its repairs, published once its content_block_stop went out: a call refused before (an error event
   * ends the message) was not delivered, and its repairs stay refused (refusedRepairs.ts). */
  repairs: Repair[];
  /** Its content_block_stop went out (early or at the end): its input was delivered whole. */
  stopped: boolean;
  /** The name as read when the block started (`name` is it as sent: a key start at its end cut). */
  nameRead: string | null;
  /** The whole name, when a piece of it came after the block started (named `name`): renamedCalls(). */
  renamed: string | null;
}

/** A content step as segments, in the order written (see ContentProcessor.ordered). */
function segmentsOf(step: ContentStep): Segment[] {
  if (step.pieces !== undefined) return step.pieces.map((p) => ({ kind: p.kind === 'content' ? 'text' : 'thinking', text: p.text }));
  const out: Segment[] = [];
  if (step.reasoning) out.push({ kind: 'thinking', text: step.reasoning });
  if (step.content) out.push({ kind: 'text', text: step.content });
  return out;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const VALID_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Pieces of a waiting call's arguments between two flattenings of its pending text. */
const PENDING_FOLD = 64;

export class MessageTranslator {
  /** Events produced since the last take(). */
  private out: AnthropicEvent[] = [];
  private nextBlock = 0;
  private open: { kind: BlockKind; index: number } | null = null;
  /** The gateway's signature of the open thinking block, fed as it comes (its text is not kept). */
  private readonly signer = new ThinkingSigner();
  /** The upstream's signature for the open thinking block (it comes with the block's last piece). */
  private upstreamSig: string | null = null;
  /** The envelope of the open thinking block's reasoning_details entry when it is not Anthropic's (an id,
   * a format: thinkingRoundTrip.ts), its signature when the upstream sends none. */
  private upstreamMeta: string | null = null;
  private readonly tools: ToolCallRepairers;
  private readonly calls = new Map<number, ToolBlock>();
  private liveTool: ToolBlock | null = null;
  /** Set once a tool call started: text and thinking wait for the tools (see the file comment). */
  private toolsStarted = false;
  /**
   * Repair mode: the engine held text from before the first tool call when the call came (white space
   * or prose before any JSON, white space after a value, the rest of a value the call cut in two), which
   * it writes only once it decides it. The tool_use blocks wait for the engine's next text (or the end),
   * and the text block stays open, so that the part of that text that came before the call goes out
   * before them, in the upstream's order (releaseTools). `before`: the held text as the client would get
   * it if no JSON follows (before any JSON; null when not known); `after`: the text given to the engine
   * since the call came. null: nothing waits.
   */
  private toolsWait: { before: string | null; after: string } | null = null;
  private deferred: Deferred[] = [];
  /** The tool calls' checks ended (endTools): at the finish, or at a failure. */
  private toolsEnded = false;
  private splitter: ThinkingSplitter | null;
  private repairer: ContentProcessor | null;
  /** auto, until the answer decides: both processors run and their output waits here. */
  private decider: AutoDecider | null = null;
  private heldStrip: Segment[] = [];
  private heldRepair: Segment[] = [];
  private heldRepairs: Repair[] = [];
  /** auto: what the answer decided. */
  decided: AutoDecision | null = null;
  private readonly stops: StopScanner;
  private readonly hasStops: boolean;
  /** Repair mode: the stop sequences are watched in the model's text before the engine reads it, as an
   * upstream applying `stop` cuts it, so the engine closes the JSON cut there (watched in the repaired
   * text, a match left the client `{"a": [1, ` and a status of TRUNCATED for JSON that was not closed).
   * In auto mode too while the answer has not decided (the engine's side of it). */
  private readonly rawStops: StopScanner;
  /** auto, undecided: the sequence that cut the engine's side (the engine has ended); a decision for
   * repair stops the answer there, as repair mode does. */
  private rawCut: string | null = null;
  /** Upstream finish_reason, usage, and what was sent (for the artifact and output estimates). */
  finishReason: string | null = null;
  /** The upstream body ended without a finish_reason and without `[DONE]`: the answer is cut (stop_reason
   * max_tokens, status TRUNCATED, as on the chat endpoint). */
  cutShort = false;
  usage: Json | null = null;
  /** The content received, the text sent and the reasoning, as the artifact keeps them: BoundedTexts
   * (head and tail, the cut recorded), which also spare the garbage collector the one live rope node per
   * delta that a `+=` chain per stream left. */
  private readonly raw: BoundedText;
  private readonly sent: BoundedText;
  private readonly reasoningText: BoundedText;
  get rawContent(): string {
    // with the tail the text's redaction still holds (a stream that broke off)
    return this.raw.toString() + (this.textRedaction?.pending ?? '');
  }
  get sentText(): string {
    return this.sent.toString();
  }
  get reasoning(): string {
    return this.reasoningText.toString();
  }
  /** UTF-8 bytes of all the thinking text (not only of what the artifact keeps). */
  get reasoningBytes(): number {
    return this.reasoningText.bytes;
  }
  /** The text holds something besides white space (thinking is out of it), counted as it is decided
   * (sent now or after the tool calls): without, the text is not checked (record.ts contentCheck). */
  get hasText(): boolean {
    return this.textSeen;
  }
  private textSeen = false;
  /** A stop sequence matched: the answer is complete, the upstream may be cut off. */
  stopSequence: string | null = null;
  /** The upstream stopped on a sequence (upstreamStopSequence(): which, null when it did not say which). */
  private upstreamStop: string | null | undefined = undefined;
  private blocksClosed = false;
  /** The text's and the thinking's redaction as they stream (null: no secrets). */
  private readonly textRedaction: TextRedaction | null;
  private readonly thinkingRedaction: TextRedaction | null;
  /** The upstream's `refusal` (an OpenAI model declining): its redaction as it streams, and whether any
   * came (the message then stops with `refusal`). Its text goes out as text, not through the engine. */
  private readonly refusalRedaction: TextRedaction | null;
  private refused = false;
  private ended = false;
  /** reject: the cut tool calls that ended the message (end() then sends the error event). */
  rejected: CutCall[] | null = null;
  /** `input_wait` events produced and not settled yet (the pump settles them and sets this to 0). */
  waits = 0;
  /** Tool calls whose input is not a JSON object: end() sends the error event (toolInputCheck.ts). */
  invalidInputs: InvalidToolInput[] | null = null;
  /** Streaming: tool calls whose name grew after their block started: end() sends the error event. */
  renamed: RenamedToolCall[] | null = null;

  /** Characters of every waiting call's pending arguments, and their bound (see toolPiece). */
  private pendingChars = 0;
  private readonly maxPending: number;

  constructor(private readonly opts: TranslatorOptions) {
    this.maxPending = opts.engine?.maxInputLength ?? DEFAULT_MAX_INPUT_LENGTH;
    const limit = opts.textLimit ?? ARTIFACT_TEXT_LIMIT;
    this.raw = new BoundedText(limit);
    this.sent = new BoundedText(limit);
    this.reasoningText = new BoundedText(limit);
    // coerce: a held call goes out once its value is whole, checked on a snapshot (releaseWhole)
    this.tools = new ToolCallRepairers(true, opts.engine ?? {}, undefined, opts.keepToolOutput === true || opts.checkInput !== undefined, opts.redactor ?? null, opts.checkInput !== undefined);
    this.textRedaction = opts.redactor?.textStage() ?? null;
    this.thinkingRedaction = opts.redactor?.textStage() ?? null;
    this.refusalRedaction = opts.redactor?.textStage() ?? null;
    this.splitter = opts.mode !== 'repair' ? createThinkingSplitter({ holdProse: opts.holdProse ?? 0 }) : null;
    const base = opts.takeCorrections === true && !opts.prefill ? { ...opts.engine, takeCorrections: true } : (opts.engine ?? {});
    const engine = opts.keepContentOutput ? { ...base, keepOutput: true } : base;
    this.repairer = opts.mode !== 'strip' ? new ContentProcessor('repair', engine) : null;
    // text and thinking blocks in the order written, also when one upstream piece holds both
    if (this.repairer) this.repairer.ordered = true;
    // the decider waits for a lone closing tag as long as the thinking splitter holds prose for one
    if (opts.mode === 'auto') this.decider = createAutoDecider(undefined, opts.holdProse ?? 0);
    this.stops = createStopScanner(opts.stopSequences);
    this.rawStops = createStopScanner(opts.stopSequences);
    this.hasStops = opts.stopSequences.length > 0;
    // after a prefill the engine's first prefill.length characters are the client's already (afterPrefill):
    // a value starting in them is not coerced, one after them is (positions from the prefill's start)
    if (this.repairer && opts.coerceText !== undefined) this.repairer.coercion = new StreamCoercion(opts.coerceText, opts.prefill?.length ?? 0);
    this.prefillLeft = this.repairer && opts.prefill ? opts.prefill.length : 0;
    // what the engine writes of the prefill itself counts against it (it may hold a key back for later)
    if (this.prefillLeft > 0) this.afterPrefill(this.repairer!.push(opts.prefill!).content);
  }

  /** The answer continues a prefill (repair mode): the client has the start of the JSON already. */
  get prefilled(): boolean {
    return this.repairer !== null && (this.opts.prefill ?? '') !== '';
  }

  /** Characters of the engine's output that are still the prefill's (not sent: the client has them). */
  private prefillLeft: number;

  /** The engine's output less the prefill. The engine writes the prefill back as it was (valid JSON so
   * far is kept byte for byte); a prefill it had to change is still not sent twice. */
  private afterPrefill(out: string): string {
    if (this.prefillLeft === 0 || out === '') return out;
    const n = Math.min(this.prefillLeft, out.length);
    this.prefillLeft -= n;
    return out.slice(n);
  }

  get done(): boolean {
    return this.stopSequence !== null || this.ended || this.rejected !== null || this.invalidInputs !== null || this.renamed !== null;
  }

  /** The events produced since the last call. */
  take(): AnthropicEvent[] {
    const e = this.out;
    this.out = [];
    return e;
  }

  /** message_start waits for the upstream's first chunk (servedModel). */
  private startHeld = false;
  /** servedModel: the model the upstream's first chunk named (null: none, or not read yet). */
  servedBy: string | null = null;
  /** The model message_start named (null until it went out). */
  model: string | null = null;

  start(): void {
    if (this.opts.servedModel) this.startHeld = true;
    else this.pushStart(this.opts.model);
  }

  /** A held message_start goes out now, naming `model` (a ping is due, the stream ends or fails). */
  beginNow(model = this.opts.model): void {
    if (!this.startHeld) return;
    this.startHeld = false;
    this.pushStart(model);
  }

  private pushStart(model: string): void {
    this.model = model;
    this.out.push({
      type: 'message_start',
      message: {
        id: this.opts.id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: this.opts.inputTokens, output_tokens: 0 },
      },
    });
  }

  /** One parsed upstream chunk (`chat.completion.chunk`). May throw the engine's StreamFixError (limits). */
  chunk(c: Json): void {
    if (this.startHeld) {
      if (typeof c.model === 'string' && c.model !== '') this.servedBy = c.model;
      this.beginNow(this.servedBy ?? this.opts.model);
    }
    if (isObject(c.usage)) this.usage = c.usage;
    if (this.done || this.blocksClosed || !Array.isArray(c.choices)) return;
    const ch = c.choices.find((x): x is Json => isObject(x) && (x.index === undefined || x.index === 0));
    if (!ch) return;
    const delta = isObject(ch.delta) ? ch.delta : isObject(ch.message) ? ch.message : null;
    if (delta) this.delta(delta);
    if (typeof ch.finish_reason === 'string' && !this.done) {
      this.finishReason = ch.finish_reason;
      this.upstreamStop = upstreamStopSequence(ch, this.opts.stopSequences);
      this.closeBlocks();
    }
  }

  private delta(d: Json): void {
    let r = typeof d.reasoning === 'string' ? d.reasoning : typeof d.reasoning_content === 'string' ? d.reasoning_content : '';
    const details = Array.isArray(d.reasoning_details) ? detailParts(d.reasoning_details) : null;
    if (r === '' && details !== null && typeof d.reasoning !== 'string') r = details.text;
    if (r !== '' && this.thinkingRedaction !== null) r = this.thinkingRedaction.push(r);
    if (r !== '' || details !== null) this.releaseHeld();
    if (r !== '') this.segment({ kind: 'thinking', text: r });
    if (details !== null) {
      if (details.meta !== null) this.piece({ kind: 'meta', text: details.meta });
      if (details.signature !== null) this.piece({ kind: 'signature', text: details.signature });
      for (const data of details.encrypted) this.piece({ kind: 'redacted', text: data });
    }
    if (typeof d.content === 'string') this.contentDelta(d.content);
    if (typeof d.refusal === 'string' && d.refusal !== '') this.refusal(d.refusal);
    if (Array.isArray(d.tool_calls)) d.tool_calls.forEach((tc, k, all) => isObject(tc) && !this.done && this.toolDelta(tc as ToolCallDelta, k, all.length));
  }

  /** A piece of the upstream's refusal: text of the message as the model wrote it (an Anthropic model's
   * refusal is text with stop_reason `refusal`), never repaired nor counted as content to check. */
  private refusal(s: string): void {
    if (this.done || this.blocksClosed) return;
    this.refused = true;
    const t = this.refusalRedaction === null ? s : this.refusalRedaction.push(s);
    if (t === '') return;
    this.releaseHeld();
    if (this.toolsStarted) return void this.deferred.push({ kind: 'refusal', text: t, calls: this.calls.size });
    this.flushStops();
    this.emitText(t);
  }

  /** A chunk whose only effect is choice 0's content (the reader's fast path, and delta() above). */
  contentDelta(s: string): void {
    if (s === '' || this.done || this.blocksClosed) return;
    const t = this.textRedaction === null ? s : this.textRedaction.push(s);
    if (t === '') return;
    this.raw.add(t);
    this.content(t);
  }

  private content(s: string): void {
    if (this.decider) {
      // both run until the answer decides; the decision comes with its first characters after reasoning
      const d = this.decider.push(s);
      const segs = this.splitter!.push(s);
      if (d?.mode === 'strip') {
        // the engine never sees the text that decided strip: past the whitespace bound auto decides on
        // (the engine's default maxHoldBack) it would fail with HOLDBACK_LIMIT
        this.heldStrip.push(...segs);
        return this.settle(d);
      }
      const repair = this.undecidedRepair(s);
      if (!this.thinkingAlike(segs, repair)) {
        this.heldStrip.push(...segs);
        this.heldRepairs.push(...repair.repairs);
        this.heldRepair.push(...repair.segs);
      }
      if (d) this.settle(d);
      return;
    }
    if (this.splitter) {
      for (const seg of this.splitter.push(s)) this.segment(seg);
      return;
    }
    // repair mode: the stop sequences cut the model's text before the engine reads it
    const { text: piece, matched } = this.hasStops ? this.rawStops.push(s) : { text: s, matched: null };
    if (this.toolsWait !== null) this.toolsWait.after += piece;
    this.repaired(this.repairer!.push(piece));
    if (matched !== null) {
      this.repaired(this.repairer!.end());
      this.stopAt(matched);
    }
  }

  /**
   * takeCorrections (a non-streaming answer, translate opts): the engine holds the JSON it wrote until the
   * end, to answer with a correction the text makes later. Something else about to go out after that JSON
   * (thinking, a signature, a refusal, a tool call) would overtake it: the held text goes out first, and
   * the answer is the first value, as streamed. The message keeps the stream's order of blocks.
   */
  private releaseHeld(): void {
    const r = this.repairer;
    if (r === null || !r.holdsText) return;
    const step = r.release();
    if (this.decider === null) return this.repaired(step);
    // auto, undecided: the engine's side waits with the rest of it (undecidedRepair)
    this.heldRepairs.push(...step.repairs);
    this.heldRepair.push(...segmentsOf(step));
  }

  /** What the engine decided from a piece (or at its end) goes out: repairs, then reasoning and the JSON
   * in the order written. */
  private repaired(step: ContentStep): void {
    for (const r of step.repairs) this.opts.onRepair?.(r);
    if (this.toolsWait !== null && step.content !== '') return this.releaseTools(segmentsOf(step));
    for (const seg of segmentsOf(step)) {
      if (seg.kind === 'thinking') this.segment(seg);
      else {
        const text = this.afterPrefill(seg.text);
        if (text) this.segment({ kind: 'text', text });
      }
    }
  }

  /** auto, undecided: the engine's side of a piece, cut at a stop sequence as repair mode cuts it (then
   * the engine ends and reads nothing more). */
  private undecidedRepair(s: string): { segs: Segment[]; repairs: Repair[] } {
    const out: { segs: Segment[]; repairs: Repair[] } = { segs: [], repairs: [] };
    if (this.rawCut !== null) return out;
    const add = (step: ContentStep): void => {
      out.repairs.push(...step.repairs);
      out.segs.push(...segmentsOf(step));
    };
    const { text: piece, matched } = this.hasStops ? this.rawStops.push(s) : { text: s, matched: null };
    add(this.repairer!.push(piece));
    if (matched !== null) {
      this.rawCut = matched;
      add(this.repairer!.end());
    }
    return out;
  }

  /** The text block is the engine's JSON (repair mode, or auto decided repair): the stop sequences were
   * watched in the model's text (content()), not in the JSON the engine wrote. */
  private get repairing(): boolean {
    return this.repairer !== null && this.splitter === null && this.decider === null;
  }

  /** auto, undecided: with nothing held yet, thinking that both processors give alike (one piece, the same
   * text, nothing else) goes out now, as either would replay it: a long think block before the answer is
   * not held (twice) until the answer decides. Whitespace held before it keeps the order: then it waits. */
  private thinkingAlike(segs: Segment[], repair: { segs: Segment[]; repairs: Repair[] }): boolean {
    if (this.heldStrip.length > 0 || this.heldRepair.length > 0 || repair.repairs.length > 0) return false;
    if (segs.length === 0) return repair.segs.length === 0;
    const r = repair.segs;
    if (segs.length !== 1 || segs[0]!.kind !== 'thinking' || r.length !== 1 || r[0]!.kind !== 'thinking' || segs[0]!.text !== r[0]!.text) return false;
    this.segment(segs[0]!);
    return true;
  }

  /** auto: the answer decided; the other processor goes, the held output of this one goes out. */
  private settle(d: AutoDecision): void {
    this.decider = null;
    this.decided = d;
    const held = d.mode === 'repair' ? this.heldRepair : this.heldStrip;
    if (d.mode === 'repair') {
      this.splitter = null;
      for (const r of this.heldRepairs) this.opts.onRepair?.(r);
    } else this.repairer = null;
    this.heldStrip = [];
    this.heldRepair = [];
    this.heldRepairs = [];
    for (const seg of held) this.segment(seg);
    // a stop sequence cut the engine's side before the answer decided: repair mode stops there
    if (d.mode === 'repair' && this.rawCut !== null) this.stopAt(this.rawCut);
  }

  /** A signature or encrypted reasoning from the upstream's reasoning_details. */
  private piece(p: DeferredPiece): void {
    if (this.done) return;
    if (this.toolsStarted && !this.toolsSettled()) {
      this.deferred.push({ ...p, calls: this.calls.size });
      return;
    }
    if (p.kind === 'signature') this.signThinking(p.text);
    else if (p.kind === 'redacted') this.redacted(p.text);
    // the open thinking block's entry fields (its first), its signature unless the upstream signs it
    else if (p.kind === 'meta') {
      if (this.open?.kind === 'thinking') this.upstreamMeta ??= p.text;
    }
    else this.segment(p as Segment);
  }

  private segment(seg: Segment): void {
    if (this.done) return;
    if (!this.textSeen && seg.kind === 'text' && hasText(seg.text)) this.textSeen = true;
    if (this.toolsStarted && (seg.kind === 'text' || !this.toolsSettled())) {
      const last = this.deferred[this.deferred.length - 1];
      // (thinking from before a call began and from after it stay apart: releaseThinking)
      if (last && last.kind === seg.kind && last.calls === this.calls.size) last.text += seg.text;
      else this.deferred.push({ ...seg, calls: this.calls.size });
      return;
    }
    if (seg.kind === 'thinking') {
      this.flushStops();
      this.emitThinking(seg.text);
      return;
    }
    this.text(seg.text);
  }

  /** Text for the text block (segment() without a Segment: the per-chunk path of repair mode). */
  private text(s: string): void {
    if (this.done) return;
    if (this.toolsStarted) return this.segment({ kind: 'text', text: s });
    // without stop sequences the scanner has nothing to hold back or match
    if (!this.hasStops || this.repairing) return this.emitText(s);
    const { text, matched } = this.stops.push(s);
    if (text !== '') this.emitText(text);
    if (matched !== null) this.stopAt(matched);
  }

  /**
   * Thinking between tool calls (Claude's interleaved thinking: reasoning after one call, before the next)
   * goes out in its place when the calls so far are settled: every one has its block, none waits, and the
   * live one's value is complete (the upstream moved on from it, as when a piece of another call comes:
   * its block stops here). Otherwise, and for text, it waits for the calls (deferred). Before, all of it
   * went after the last tool_use block: [thinking, Read, Grep, thinking] for [thinking, Read, thinking, Grep].
   */
  private toolsSettled(): boolean {
    if (this.toolsWait !== null || this.deferred.length > 0) return false;
    for (const c of this.calls.values()) if (!c.started || (!c.closed && c !== this.liveTool)) return false;
    const live = this.liveTool;
    if (live !== null) {
      if (!this.tools.complete(live.index)) return false;
      this.closeOpen();
      live.closed = true;
      this.liveTool = null;
    }
    return true;
  }

  private emitThinking(text: string): void {
    // thinking after a signed block is the upstream's next block (a signature ends one)
    if (this.open?.kind === 'thinking' && this.upstreamSig !== null) this.closeOpen();
    this.blockDelta('thinking', { type: 'thinking_delta', thinking: text });
    this.signer.add(text);
    this.reasoningText.add(text);
  }

  /** The upstream's signature for the thinking so far; with no thinking block open, an empty block
   * carries it (so that it goes back next turn). */
  private signThinking(sig: string): void {
    this.flushStops();
    if (this.open?.kind !== 'thinking' || this.upstreamSig !== null) {
      this.closeOpen();
      this.startBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
    }
    this.upstreamSig = sig;
  }

  /** The upstream's encrypted reasoning: one redacted_thinking block, whole. */
  private redacted(data: string): void {
    this.flushStops();
    this.closeOpen();
    this.startBlock('redacted_thinking', { type: 'redacted_thinking', data });
    this.closeOpen();
  }

  private emitText(text: string): void {
    this.blockDelta('text', { type: 'text_delta', text });
    this.sent.add(text);
  }

  /** Text held by the stop scanner goes out before any other block starts. */
  private flushStops(): void {
    const rest = this.stops.end();
    if (rest !== '') this.emitText(rest);
  }

  private blockDelta(kind: BlockKind, delta: Json): void {
    if (this.open?.kind !== kind) {
      this.closeOpen();
      this.startBlock(kind, kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
    }
    this.out.push({ type: 'content_block_delta', index: this.open!.index, delta });
  }

  private startBlock(kind: BlockKind, block: Json): void {
    this.open = { kind, index: this.nextBlock++ };
    this.out.push({ type: 'content_block_start', index: this.open.index, content_block: block });
  }

  private closeOpen(): void {
    if (!this.open) return;
    if (this.open.kind === 'tool_use') this.stopTool();
    if (this.open.kind === 'thinking') {
      const own = this.signer.sign();
      this.out.push({ type: 'content_block_delta', index: this.open.index, delta: { type: 'signature_delta', signature: this.upstreamSig ?? this.upstreamMeta ?? own } });
      this.upstreamSig = null;
      this.upstreamMeta = null;
    }
    this.out.push({ type: 'content_block_stop', index: this.open.index });
    this.open = null;
  }

  private toolDelta(tc: ToolCallDelta, k: number, count: number): void {
    const index = this.tools.indexOf(tc, k, count);
    let call = this.calls.get(index);
    if (!call) {
      call = { index, id: null, name: null, pending: '', pendingPieces: 0, chars: 0, started: false, closed: false, first: null, repairs: [], stopped: false, nameRead: null, renamed: null };
      this.calls.set(index, call);
    }
    if (typeof tc.id === 'string' && tc.id !== '' && call.id === null) call.id = tc.id;
    const named = typeof tc.function?.name === 'string' && tc.function.name !== '';
    this.toolRepairs(call, this.tools.push(tc, index));
    // the name may come in pieces (toolCalls.ts nameAfter): the block's start waits for its input's first
    // `{` (nextLiveTool) or the end, and names the call as known then; a piece after it is a name the
    // block cannot carry (renamedCalls). A key start at its end shows no more than its public start.
    if (named) {
      const whole = this.tools.nameOf(index)!;
      if (!call.started) {
        call.nameRead = whole;
        call.name = this.opts.redactor?.textEnd(whole) ?? whole;
      } else if (whole !== call.nameRead) call.renamed = this.opts.redactor?.textEnd(whole) ?? whole;
    }
    const piece = typeof tc.function?.arguments === 'string' ? tc.function.arguments : '';
    if (!this.toolsStarted) {
      this.releaseHeld();
      this.decideText();
      this.flushStops();
      this.toolsWait = this.heldBeforeTools();
      if (this.toolsWait === null) this.closeOpen();
      this.toolsStarted = true;
    }
    this.toolPiece(call, piece);
    // the upstream moved on from a live call whose value is complete: it will not come back to it
    while (this.liveTool !== null && this.liveTool !== call && this.tools.complete(this.liveTool.index)) {
      this.closeOpen();
      this.liveTool.closed = true;
      this.liveTool = null;
      this.nextLiveTool();
    }
    if (this.liveTool === null) this.nextLiveTool();
    if (this.opts.checkInput) this.releaseWhole();
  }

  /**
   * coerce: held calls whose input is whole go out, each checked (coerced) and in one delta, in index
   * order. Whole: the engine read the end of its value (after it, it writes nothing more for the call but
   * the whitespace that followed, and strips whatever else the upstream may still send for it), and it
   * has a name and is an object. The first call that is not whole holds the ones after it: a later
   * block never overtakes an earlier one. The rest go out at the finish (closeBlocks).
   */
  private releaseWhole(): void {
    if (this.toolsWait !== null) return;
    for (;;) {
      let next: ToolBlock | null = null;
      for (const c of this.calls.values()) if (!c.started && (next === null || c.index < next.index)) next = c;
      if (next === null || next.name === null || next.first !== '{' || !this.tools.complete(next.index)) return;
      this.startTool(next, this.tools.snapshot(next.index));
      this.closeOpen();
      next.closed = true;
      this.liveTool = null;
    }
  }

  /**
   * The first tool call decides the text before it: the model moved on from that text, so it is the
   * answer's, not reasoning a lone closing tag could still claim. Held prose (thinking on) goes out now,
   * ahead of the tool_use blocks, in the order written (it went after them, at the end), and auto mode
   * decides on the text so far. With no content yet there is nothing to decide on: the text after the
   * calls decides, as on the chat endpoint (before, `no answer content` decided strip, and a JSON answer
   * after the calls went out unrepaired, TEXT).
   */
  private decideText(): void {
    if (this.decider && this.raw.length > 0) this.settle(this.decider.end());
    if (this.splitter) for (const seg of this.splitter.decide()) this.segment(seg);
  }

  /** Repair mode, the first tool call: whether the engine holds text from before it (toolsWait). Before
   * any JSON, the text so far as the client would get it without JSON (none: reasoning and nothing else);
   * inside or after a value, whether more text came than went out (a guess on the safe side: a wait for
   * nothing ends at the engine's next text, the order unchanged). */
  private heldBeforeTools(): { before: string | null; after: string } | null {
    const r = this.repairer;
    if (!this.repairing || r === null || this.prefillLeft > 0) return null;
    if (r.phase === 'before') {
      const before = r.unsentSoFar();
      if (before === '') return null;
      return before === null ? (r.held > 0 ? { before: null, after: '' } : null) : { before, after: '' };
    }
    return r.held > 0 ? { before: null, after: '' } : null;
  }

  /**
   * The engine wrote text (segs) while the tool calls waited for it, or the message ends (none): the part
   * of that text that came before the calls goes out in the open text block, then the calls' blocks
   * start, then the rest waits for them as any text after the calls does. The part before the calls is
   * known when the engine wrote the text after them unchanged (it ends with `after`), or, before any JSON,
   * when it starts with the text held then (`before`: no JSON followed, or white space before it);
   * otherwise (the engine changed or dropped it) all of it goes after the calls, as before.
   */
  private releaseTools(segs: Segment[]): void {
    const w = this.toolsWait!;
    this.toolsWait = null;
    let first = '';
    // (no prefill: heldBeforeTools waits only when the engine's output is no longer the prefill's)
    if (segs.length === 1 && segs[0]!.kind === 'text') {
      const o = segs[0]!.text;
      if (w.before !== null) first = o.startsWith(w.before) ? w.before : '';
      else if (o.endsWith(w.after)) first = o.slice(0, o.length - w.after.length);
      const rest = o.slice(first.length);
      segs = rest === '' ? [] : [{ kind: 'text', text: rest }];
    }
    if (first !== '') {
      if (!this.textSeen && hasText(first)) this.textSeen = true;
      this.emitText(first);
    }
    this.closeOpen();
    if (this.opts.checkInput) this.releaseWhole();
    else this.nextLiveTool();
    for (const seg of segs) if (seg.text !== '') this.segment(seg);
  }

  /** The lowest-index call that has a name and no block yet streams live (until it has a name, it waits),
   * once its input is known to be an object (until then, it and the calls after it wait). */
  private nextLiveTool(): void {
    // coerce: no call streams live, each waits for its check (checkInput); none while the text before
    // the calls is held (toolsWait)
    if (this.opts.checkInput || this.toolsWait !== null) return;
    let next: ToolBlock | null = null;
    for (const c of this.calls.values()) if (!c.started && (next === null || c.index < next.index)) next = c;
    // a call without its name yet holds the calls after it, as one whose input has not begun does
    if (next !== null && next.name !== null && next.first === '{') this.startTool(next);
  }

  private toolPiece(call: ToolBlock, piece: string): void {
    if (piece === '' || call.closed) return;
    if (call.first === null) call.first = /\S/.exec(piece)?.[0] ?? null;
    call.chars += piece.length;
    if (call === this.liveTool) return void this.out.push({ type: 'content_block_delta', index: this.open!.index, delta: { type: 'input_json_delta', partial_json: piece } });
    // Bytes the client must get, so not cut: bounded by the engine's maxInputLength (what one call's
    // arguments may hold, its repairer refuses more) for all the waiting calls together
    this.pendingChars += piece.length;
    if (this.pendingChars > this.maxPending) {
      const why = this.opts.checkInput ? 'wait for their schema check (x-streamfix-schema: coerce)' : 'wait behind a lower-index call';
      throw new StreamFixError('INPUT_TOO_LARGE', `More than maxInputLength (${this.maxPending}) characters of tool-call arguments ${why}`);
    }
    call.pending += piece;
    if (++call.pendingPieces === PENDING_FOLD) {
      // reading a character makes V8 flatten the rope in place (as the engine's emitted text)
      void String.prototype.charCodeAt.call(call.pending, 0);
      call.pendingPieces = 0;
    }
  }

  /** The live tool call's block stops: its input went out whole, its repairs were applied. */
  private stopTool(): void {
    const call = this.liveTool;
    if (!call) return;
    call.stopped = true;
    for (const r of call.repairs) this.opts.onRepair?.(r, call.index);
    call.repairs = [];
  }

  /** A call's repairs wait for its block's stop (stopTool); past it, they are applied at once. */
  private toolRepairs(call: ToolBlock, repairs: readonly Repair[]): void {
    if (call.stopped) for (const r of repairs) this.opts.onRepair?.(r, call.index);
    else for (const r of repairs) call.repairs.push(r);
  }

  /**
   * Thinking that waited because a call's value was still open when it came (pieces truly interleaved:
   * `{"file_path": `, reasoning, `"/a"}`) goes out once the blocks of the calls begun before it stopped,
   * before the next call's block starts: Read, thinking, Grep, as written. A block cannot stop before its
   * value is whole nor take a thinking delta, so that is the earliest place the Messages grammar has for
   * it. Before, it went after the last tool_use block (Read, Grep, thinking: the message ended with a
   * thinking block). Text, and what came after it, still waits for all the calls (closeBlocks).
   */
  private releaseThinking(): void {
    while (this.deferred.length > 0) {
      const p = this.deferred[0]!;
      if (p.kind === 'text' || p.kind === 'refusal') return;
      let i = 0;
      for (const c of this.calls.values()) {
        if (i++ >= p.calls) break;
        if (!c.stopped) return;
      }
      this.deferred.shift();
      if (p.kind === 'thinking') this.emitThinking(p.text);
      else if (p.kind === 'signature') this.signThinking(p.text);
      else if (p.kind === 'redacted') this.redacted(p.text);
      else if (this.open?.kind === 'thinking') this.upstreamMeta ??= p.text;
    }
  }

  /** `art`: the call's artifact, for its schema check (coerce: checkInput), once its value is whole. */
  private startTool(call: ToolBlock, art?: ToolCallArtifact): void {
    this.releaseThinking();
    // thinking that went out between the calls (toolsSettled, releaseThinking) ends before the next call's block
    if (this.open?.kind === 'thinking') this.closeOpen();
    this.liveTool = call;
    call.started = true;
    const id = call.id !== null && VALID_ID.test(call.id) ? call.id : `toolu_sfx${this.opts.id.slice(-12)}${call.index}`;
    this.blockIds.set(call.index, id);
    this.startBlock('tool_use', { type: 'tool_use', id, name: call.name ?? '', input: {} });
    const checked = art && this.opts.checkInput ? this.opts.checkInput(art) : null;
    if (checked instanceof Promise) {
      const text = call.pending;
      const wait: InputWait = { type: 'input_wait', index: this.open!.index, input: checked.then((c) => c ?? text) };
      this.out.push(wait as unknown as AnthropicEvent);
      this.waits++;
    } else if ((checked ?? call.pending) !== '') this.out.push({ type: 'content_block_delta', index: this.open!.index, delta: { type: 'input_json_delta', partial_json: checked ?? call.pending } });
    this.pendingChars -= call.pending.length;
    call.pending = '';
    call.pendingPieces = 0;
  }

  private stopAt(sequence: string): void {
    this.stopSequence = sequence;
    this.finishReason ??= 'stop';
    this.closeBlocks();
  }

  /** The upstream finished (or a stop sequence matched): the rest of every block, then their stops. */
  private closeBlocks(): void {
    if (this.blocksClosed) return;
    this.endText();
    // the engine wrote no more text: what it held before the calls came to nothing
    if (this.toolsWait !== null) this.releaseTools([]);
    const ends = this.endTools();
    if (this.opts.rejectTruncated) {
      const cut = cutCallsOf(this.tools.artifacts(), this.finishReason, undefined, (i) => this.tools.argumentBytes(i));
      // the open block is never stopped: no tool_use block is completed with closure the gateway invented
      if (cut.length > 0) return void (this.rejected = cut);
    }
    for (const t of ends) {
      const call = this.calls.get(t.index);
      if (call) this.toolRepairs(call, t.repairs);
      else for (const r of t.repairs) this.opts.onRepair?.(r, t.index);
      // FAILED with nothing decided: the raw text is not JSON, and tool input must be (see artifacts)
      const failed = this.tools.artifacts().find((a) => a.index === t.index)?.status === 'FAILED';
      if (call && !(failed && call.chars === 0)) this.toolPiece(call, t.text);
    }
    const invalid = this.invalidCalls();
    // no tool_use block gets an input that is not an object, nor `{}` in place of what came
    if (invalid.length > 0) return void (this.invalidInputs = invalid);
    // streaming, a block that went out under part of its name is not left for the client to run
    const renamed = this.opts.whole === true ? [] : this.renamedCalls();
    if (renamed.length > 0) return void (this.renamed = renamed);
    // the live call ends first; the held ones follow whole, in index order
    // (empty arguments came out of tools.end() as `{}`: toolCalls.ts emptyArguments)
    const live = this.liveTool;
    if (live) this.closeOpen();
    // coerce: each held call's artifact (whole now) for its check
    const arts = this.opts.checkInput ? this.tools.artifacts() : null;
    for (const call of [...this.calls.values()].sort((a, b) => a.index - b.index)) {
      if (call.started) continue;
      this.startTool(call, arts?.find((a) => a.index === call.index));
      this.closeOpen();
    }
    // text or thinking that came after the tool calls; the text through the stop scanner, as before them
    // (repair mode scanned it before the engine, and may have matched already): a match ends the answer there
    this.toolsStarted = false;
    const matchedBefore = this.stopSequence;
    for (const p of this.deferred) {
      if (this.stopSequence !== matchedBefore) break;
      if (p.kind === 'thinking') this.emitThinking(p.text);
      else if (p.kind === 'text' && matchedBefore === null) this.text(p.text);
      else if (p.kind === 'text' || p.kind === 'refusal') this.emitText(p.text);
      else this.piece(p);
    }
    this.deferred = [];
    if (this.stopSequence === matchedBefore) this.flushStops();
    this.closeOpen();
  }

  /** The end of the thinking and the text: the tails their redactions held (they could have started a
   * secret), then what the engine (or the splitter) held until the end. No content is read after it. */
  private endText(): void {
    const thinkingTail = this.thinkingRedaction?.end() ?? '';
    if (thinkingTail !== '') this.segment({ kind: 'thinking', text: thinkingTail });
    const refusalTail = this.refusalRedaction?.end() ?? '';
    if (refusalTail !== '' && !this.done) {
      if (this.toolsStarted) this.deferred.push({ kind: 'refusal', text: refusalTail, calls: this.calls.size });
      else this.emitText(refusalTail);
    }
    const textTail = this.textRedaction?.end() ?? '';
    if (textTail !== '' && !this.done) {
      this.raw.add(textTail);
      this.content(textTail);
    }
    this.blocksClosed = true;
    if (this.decider) this.settle(this.decider.end());
    if (this.stopSequence === null) {
      if (this.repairer) {
        // the start of a sequence held back at the end of the text was text after all
        const rest = this.rawStops.end();
        if (rest !== '') this.repaired(this.repairer.push(rest));
        this.repaired(this.repairer.end());
      } else for (const seg of this.splitter!.end()) this.segment(seg);
      if (this.stopSequence === null) this.flushStops();
    }
  }

  /** The upstream body ended: message_delta (stop reason, usage) and message_stop. `withoutDone`: it ended
   * without `[DONE]`; with no finish_reason either the answer stopped short (cutShort). */
  end(withoutDone = false): void {
    if (this.ended) return;
    this.beginNow();
    if (withoutDone && this.finishReason === null && !this.stoppedOnSequence) this.cutShort = true;
    this.closeBlocks();
    if (this.rejected !== null) {
      this.ended = true;
      return void this.out.push({ type: 'error', error: rejectionError(this.rejected) });
    }
    if (this.invalidInputs !== null) {
      this.ended = true;
      return void this.out.push({ type: 'error', error: invalidInputError(this.invalidInputs) });
    }
    if (this.renamed !== null) {
      this.ended = true;
      return void this.out.push({ type: 'error', error: renamedError(this.renamed) });
    }
    this.ended = true;
    const usage: Json = { ...inputUsage(this.usage), output_tokens: this.outputTokens() };
    this.out.push({ type: 'message_delta', delta: { stop_reason: this.stopReason(), stop_sequence: this.stopSequence ?? this.upstreamStop ?? null }, usage });
    this.out.push({ type: 'message_stop' });
  }

  /** The tool calls' checks end (once): the closers the engine owes each call, with its last repairs. */
  private endTools(): ReturnType<ToolCallRepairers['end']> {
    if (this.toolsEnded) return [];
    this.toolsEnded = true;
    return this.tools.end();
  }

  /** A failure after the stream started: the `error` event, after which the stream ends. */
  fail(message: string, type = 'api_error', flush = true): void {
    this.beginNow();
    // the calls' checks end where the upstream stopped, without what only their ends decide: nothing of
    // the closers goes out (an open block stays open before the error), so the artifact keeps the input
    // as sent, TRUNCATED for a call cut here, its repairs refused (its block never stopped), as for a
    // client that left (abandon); never PASSTHROUGH with the raw arguments. Before, the closed `{"p":
    // "ab"}` was the artifact's while the client had `{"p": "ab`.
    if (flush) this.abandonTools();
    // auto, still undecided (a value's first characters wait for its end): what the text so far decides
    // goes out before the error, as it would have without the wait
    if (this.decider && !this.done) {
      const d = this.decider.end();
      this.rawCut = null;
      this.settle(d);
    }
    // the text the engine held (a number that could go on, a key before its value) and the closers of a
    // cut value go out before the error, as the chat endpoint sends them before its error chunk; not with
    // tool calls started (their blocks are open or waiting: the text would follow them), nor after an
    // engine limit (`flush` false: the engine ended with it)
    if (flush && !this.done && !this.blocksClosed && !this.toolsStarted) this.endText();
    this.ended = true;
    // reject: the calls this failure cut are named beside it, as the chat endpoint names them in the
    // upstream's error chunk (before, the event said nothing of the tool_use block left open)
    const cut = flush && this.opts.rejectTruncated ? cutCallsOf(this.tools.artifacts(), this.finishReason, undefined, (i) => this.tools.argumentBytes(i)) : [];
    const text = cut.length > 0 ? failureRejectionMessage(message, cut) : message;
    // the message ends here (an upstream error's): a key start at its end shows no more than its public start
    const error = { type, message: this.opts.redactor?.textEnd(text) ?? text };
    this.out.push({ type: 'error', error: cut.length > 0 ? { ...error, truncated_tool_calls: cut } : error });
  }

  /**
   * The client left mid-stream (CLIENT_ABORTED): nothing more goes out. The tool calls' and the text's
   * checks end where the upstream was, without what only their ends decide (closers, held text), so the
   * artifact keeps what went out (ToolCallRepairers.abandon, ContentProcessor.abandon); an undecided auto
   * answer stays undecided. Before, the calls were never ended: `PASSTHROUGH` with the raw arguments
   * (`{'p': 'ab`), no repairs, and a schema check of that raw text (`invalid`).
   */
  abandon(): void {
    if (this.ended) return;
    this.ended = true;
    this.abandonTools();
    if (!this.decider) this.repairer?.abandon();
  }

  /** The tool calls' checks end (once) where the upstream was, without the closers (ToolCallRepairers.abandon). */
  private abandonTools(): void {
    if (this.toolsEnded) return;
    this.toolsEnded = true;
    this.tools.abandon();
  }

  /** A stop sequence ended the answer (matched here, or the upstream said so). */
  get stoppedOnSequence(): boolean {
    return this.stopSequence !== null || this.upstreamStop !== undefined;
  }

  stopReason(): string {
    if (this.stoppedOnSequence) return 'stop_sequence';
    // the chat endpoint's finish_reason length for the same body: nothing better is known
    if (this.cutShort) return 'max_tokens';
    switch (this.finishReason) {
      case 'length':
        return 'max_tokens';
      case 'tool_calls':
      case 'function_call':
        return 'tool_use';
      case 'content_filter':
        return 'refusal';
      default:
        return this.calls.size > 0 ? 'tool_use' : this.refused ? 'refusal' : 'end_turn';
    }
  }

  private outputTokens(): number {
    const n = this.usage?.completion_tokens;
    if (typeof n === 'number') return n;
    let chars = this.sent.length + this.reasoningText.length;
    for (const c of this.calls.values()) chars += c.chars;
    return Math.ceil(chars / 4);
  }

  /** Where the artifact's copies were cut: its texts, the content's lists and the tool calls'. */
  cuts(): ArtifactCut[] {
    const lists = this.repairer ? this.repairer.listCuts() : this.splitter!.strippedCut ? [{ field: 'stripped', ...this.splitter!.strippedCut }] : [];
    return [...this.raw.cuts('rawContent'), ...this.sent.cuts('repairedContent'), ...this.reasoningText.cuts('reasoning'), ...lists, ...this.tools.cuts()];
  }

  /** The calls whose input is not a JSON object (empty arguments are `{}` by then: toolCalls.ts emptyArguments). */
  private invalidCalls(): InvalidToolInput[] {
    const out: InvalidToolInput[] = [];
    for (const a of this.tools.artifacts()) {
      const call = this.calls.get(a.index);
      if (!call || call.first === '{') continue;
      out.push({ index: a.index, id: call.id, name: call.name, got: kindOf(call.first), arguments: a.rawArguments.slice(0, ARGUMENTS_SHOWN) });
    }
    return out;
  }

  /** The calls whose name grew after their block started, with the name the block carries and the whole one. */
  renamedCalls(): RenamedToolCall[] {
    const out: RenamedToolCall[] = [];
    for (const c of this.calls.values()) if (c.renamed !== null) out.push({ index: c.index, id: this.blockIds.get(c.index) ?? c.id, sent: c.name ?? '', name: c.renamed });
    return out.sort((a, b) => a.index - b.index);
  }

  /** The tool_use block id each call's block got (by call index). */
  readonly blockIds = new Map<number, string>();

  /** Whether a call's block stopped: its input went out whole (else its repairs were not applied). */
  delivered(index: number): boolean {
    return this.calls.get(index)?.stopped === true;
  }

  /** The tool calls as the artifact keeps them; a refused input is FAILED, with the reason. */
  toolArtifacts(): ToolCallArtifact[] {
    const arts = this.tools.artifacts();
    if (this.renamed !== null) {
      return arts.map((a) => {
        const r = this.renamed!.find((c) => c.index === a.index);
        return r ? { ...a, status: 'FAILED', error: renamedReason(r) } : a;
      });
    }
    if (this.invalidInputs === null) return arts;
    return arts.map((a) => {
      const bad = this.invalidInputs!.find((c) => c.index === a.index);
      // nothing of it was delivered
      return bad ? { ...a, repairedArguments: null, status: 'FAILED', error: invalidReason(bad) } : a;
    });
  }

  /** The text as the structured output's schema check reads it: the engine's whole JSON (with the
   * prefill it continues); null when the text was not repaired (strip, or auto deciding strip). */
  checkedContent(): CheckedText | null {
    if (!this.repairer) return null;
    const r = this.contentResult();
    return { raw: this.rawContent, sent: this.repairer.sentWhole, repairs: r.repairs, stripped: r.stripped };
  }

  /** The engine's error on the text (repair mode: no JSON in it, a limit), as the chat endpoint records it. */
  contentError(): { message: string; code: string } | null {
    return this.repairer?.result?.error ?? null;
  }

  /** The content's repair result (repair mode) or the think blocks removed (strip mode). */
  contentResult(): { status: 'VALID' | 'REPAIRED' | 'TRUNCATED' | 'FAILED' | null; repairs: Repair[]; stripped: Stripped[] } {
    if (this.repairer) {
      const r = this.repairer.result;
      const status = this.raw.length === 0 ? null : (r?.status ?? 'TRUNCATED');
      // coerce: the coercions made as the text went out, among the engine's repairs (a coerced VALID text
      // is REPAIRED)
      const coerced = this.repairer.coercions;
      if (coerced.length > 0) return { status: status === null ? null : coercedStatus(status), repairs: mergeRepairs(r?.repairs ?? [], coerced), stripped: r?.stripped ?? this.repairer.stripped };
      return { status, repairs: r?.repairs ?? [], stripped: r?.stripped ?? this.repairer.stripped };
    }
    return { status: null, repairs: [], stripped: this.splitter!.stripped.slice() };
  }
}

/** A whole non-negative count, else null (an upstream's field is passed on only when it is one). */
function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * The input side of a message's usage from the upstream's: OpenRouter counts cache reads and writes inside
 * `prompt_tokens` (`prompt_tokens_details.cached_tokens`, `cache_write_tokens`), Anthropic apart from
 * `input_tokens` (`cache_read_input_tokens`, `cache_creation_input_tokens`), so the uncached input is the
 * prompt count less the two. A count the upstream does not report is left out, never made up; cache
 * counts that together exceed the prompt count were evidently not inside it, which is then the uncached
 * input as it stands.
 */
export function inputUsage(u: Json | null): Json {
  const out: Json = {};
  const prompt = count(u?.prompt_tokens);
  const details = isObject(u?.prompt_tokens_details) ? u.prompt_tokens_details : null;
  const read = count(details?.cached_tokens);
  const write = count(details?.cache_write_tokens);
  if (prompt !== null) {
    const cached = (read ?? 0) + (write ?? 0);
    out.input_tokens = cached <= prompt ? prompt - cached : prompt;
  }
  if (write !== null) out.cache_creation_input_tokens = write;
  if (read !== null) out.cache_read_input_tokens = read;
  return out;
}
