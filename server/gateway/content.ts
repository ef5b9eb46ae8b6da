/**
 * What happens to one choice's `content` deltas, per mode: `repair` runs the engine's stream repairer,
 * `strip` the engine's reasoning splitter (the same reasoning stage), `passthrough` only records. All modes undo "stuttering" (an upstream that
 * sends the whole content so far in every delta) before anything else sees the text.
 */
import { createReasoningSplitter, createStreamRepairer, HOLD_PROSE } from '../../shared/engine';
import type { ReasoningSplitter, Repair, RepairOptions, RepairResult, StreamRepairer, StreamUpdate, Stripped } from '../../shared/engine';
import type { AppliedMode, ArtifactCut } from '../../shared/protocol';
import { createAutoDecider, type AutoDecider } from './autoMode';
import { ARTIFACT_LIST_LIMIT, ARTIFACT_STRIPPED_LIMIT, ARTIFACT_TEXT_LIMIT, BoundedList, BoundedText, listCuts, type ListCut } from './boundedText';
import { hasText } from './record';
import type { TextRedaction } from './redact';
import { createDestutterer, type Destutterer } from './stutter';
import { createUnsentText, type UnsentText } from './unsent';
import { resultAsSent } from './unfinished';
import type { StreamCoercion } from './schemaCoerce';

export interface ContentStep {
  /** Text for the client's `content` (unused in passthrough). */
  content: string;
  /** Reasoning taken out of the content, for the client's `reasoning` field. */
  reasoning: string;
  repairs: Repair[];
  /** With `ordered` set (the Messages API, whose blocks show the order), when the delta held a `<`: its
   * content and reasoning in the order written, adjacent pieces of one kind joined. */
  pieces?: { kind: 'content' | 'reasoning'; text: string }[];
}

/** The repairs of a step that made none; frozen, since every such step shares it. */
const NO_REPAIRS: Repair[] = Object.freeze([]) as unknown as Repair[];

/**
 * Keeps the artifact's copies of the content bounded (BoundedText: head and tail, the cut recorded); what
 * the client gets is never cut.
 */
export class ContentProcessor {
  private readonly rawText: BoundedText;
  private readonly sentText: BoundedText;
  private readonly movedText: BoundedText;
  /** repair (and auto): the content while the engine has sent nothing, for the no-JSON answer (the text
   * as sent, reasoning removed) at the end; dropped at the first output. Bounded: see unsent.ts. */
  private unsent: UnsentText | null;
  /** The raw content received (stuttering undone), as kept for the artifact. */
  get raw(): string {
    return this.redaction === null ? this.rawText.toString() : this.rawText.toString() + this.redaction.pending;
  }
  /** The content sent to the client (repaired or stripped), as kept for the artifact. */
  get sent(): string {
    return this.sentText.toString();
  }
  /** Whether the content sent holds anything besides white space (reasoning is out of it): without, the
   * content is not checked (record.ts contentCheck), whatever the raw text held. Kept as the text passes
   * (the artifact's copy is bounded). */
  get hasText(): boolean {
    return this.sawText;
  }
  private sawText = false;
  /** Reasoning moved out of the content, as kept for the artifact. */
  get moved(): string {
    return this.movedText.toString();
  }
  /** The content sent, whole, for a check that must see all of it (the JSON Schema check at the end): the
   * artifact's copy while nothing was cut from it, else the whole copy `keepWhole` started when that one
   * was about to be cut. A verdict on the kept head and tail would be on text that was never sent. */
  get sentWhole(): string {
    return this.sentAll === null ? this.sent : this.sentAll.toString();
  }
  /** Asked for with `engine.keepOutput` (a content schema): the sent content is kept whole, in repair
   * mode, where the engine's limits (maxInputLength) bound it. The engine keeps no copy of its own: the
   * artifact's copy is the whole text up to its limit (the usual answer), and only past it does `sentAll`
   * begin, with that copy's text. (The engine's copy was a second one of every answer: 5 KiB allocated
   * per stream of the benchmark's 1 KB answer.) */
  private readonly keepWhole: boolean;
  private sentAll: BoundedText | null = null;
  private readonly textLimit: number;
  /** UTF-8 bytes of all the reasoning moved out of the content (not only of what the artifact keeps). */
  get movedBytes(): number {
    return this.movedText.bytes;
  }
  /** Content characters received and not (yet) given to the client as content or reasoning: held back by
   * the engine (or until auto mode decides), or stripped (tags, prose, fences). Floored at 0 (repairs add
   * characters). For the artifact's timeline. */
  get held(): number {
    return Math.max(0, this.rawText.length - this.sentText.length - this.movedText.length);
  }
  /** repair: where the engine was after the last push (before the JSON, inside it, past its end). */
  phase: 'before' | 'value' | 'after' = 'before';
  /** repair, while the engine has written no content: the text the client would get if it found no JSON
   * (the text so far as sent, reasoning removed); null once it wrote some, or when that text is no longer
   * kept as received (unsent.ts). */
  unsentSoFar(): string | null {
    return this.unsent?.peek() ?? null;
  }
  /** The upstream sent cumulative content (turned back into deltas). */
  get stuttering(): boolean {
    return this.stutter.cumulative;
  }
  private stutter: Destutterer;
  result: RepairResult | null = null;
  /** The stripped spans the engine's pushes reported, for an end that never came (a limit); bounded. */
  private strippedSoFar: BoundedList<Stripped>;
  /** At the end: the engine's (or the splitter's) own list, bounded alike, and its cut. */
  private strippedAtEnd: { list: Stripped[]; cut: ListCut | null } | null = null;
  /** Reasoning spans the engine reported (every one, also those the bounded lists dropped), and where
   * the last one started: the end reports its own only in its (bounded) result, after that offset. */
  private engineReasoning = 0;
  private lastReasoningAt = -1;
  /** Reasoning blocks taken out of the content, every one (the stripped list keeps the first and last). */
  get reasoningBlocks(): number {
    return this.splitter ? this.splitter.reasoningSpans : this.engineReasoning;
  }
  private countReasoning(spans: readonly Stripped[]): void {
    for (const s of spans) {
      if (s.kind !== 'reasoning' || s.offset <= this.lastReasoningAt) continue;
      this.engineReasoning++;
      this.lastReasoningAt = s.offset;
    }
  }
  /** The stripped spans, as kept for the artifact (ARTIFACT_STRIPPED_LIMIT: the first and the last). */
  get stripped(): Stripped[] {
    return this.strippedAtEnd?.list ?? this.strippedSoFar.toArray();
  }
  private repairer: StreamRepairer | null;
  /** engine.takeCorrections (a non-streaming Messages answer): the repairer holds its output until the
   * end (takeCorrection.ts), unless release() hands it out first; null after that, or without the option. */
  private taker: StreamRepairer | null = null;
  private splitter: ReasoningSplitter | null;
  /** auto mode deciding from the answer: until it decides, both the repairer and the splitter run and
   * their content is held (the reasoning, which both give alike, goes out as it comes). */
  private decider: AutoDecider | null = null;
  private heldRepair = '';
  private heldRepairs: Repair[] = [];
  private heldStrip = '';
  /** Why this mode applies (auto decided by the answer); null when the request decided it. */
  modeReason: string | null = null;
  private ended = false;

  /** `auto`: the mode is `strip` until the answer starts as JSON (autoMode.ts), then `repair`. The engine
   * keeps no copy of its output: the artifact's bounded copy is this object's, and with `engine.keepOutput`
   * (a check of the whole content at the end) so is the whole one (see keepWhole). */
  constructor(
    public mode: AppliedMode,
    engine: RepairOptions = {},
    auto = false,
    textLimit = ARTIFACT_TEXT_LIMIT,
    holdProse = HOLD_PROSE,
    listLimit = ARTIFACT_LIST_LIMIT,
    strippedLimit = ARTIFACT_STRIPPED_LIMIT,
  ) {
    this.rawText = new BoundedText(textLimit);
    this.stutter = createDestutterer(this.rawText);
    this.sentText = new BoundedText(textLimit);
    // the artifact's reasoning is the upstream's reasoning fields then this: half the limit each
    this.movedText = new BoundedText(textLimit / 2);
    this.unsent = mode === 'repair' || auto ? createUnsentText() : null;
    // the lists a stream builds (repairs, stripped spans) keep their first and last entries
    this.strippedSoFar = new BoundedList(strippedLimit);
    this.keepWhole = engine.keepOutput === true;
    this.textLimit = textLimit;
    // takeCorrections (a non-streaming answer: the client gets it whole): the engine holds the output
    // until the end and decides the lists there, so it keeps its copy and its lists are not bounded by
    // the stream's (it cannot go with either); the text is bounded by its maxInputLength
    const stream = engine.takeCorrections === true ? engine : { ...engine, keepOutput: false, maxListEntries: engine.maxListEntries ?? listLimit, maxStrippedEntries: engine.maxStrippedEntries ?? strippedLimit };
    this.repairer = mode === 'repair' || auto ? createStreamRepairer(stream) : null;
    if (this.repairer !== null && engine.takeCorrections === true) this.taker = this.repairer;
    this.splitter = mode === 'strip' ? createReasoningSplitter({ holdProse, maxListEntries: strippedLimit }) : null;
    // the decider waits for a lone closing tag as long as the splitter holds prose for one
    if (auto) this.decider = createAutoDecider(undefined, holdProse);
  }

  /** auto: the answer decided the mode; the other processor goes, the held content of this one goes out. */
  private settle(mode: AppliedMode, reason: string): ContentStep {
    this.decider = null;
    this.mode = mode;
    this.modeReason = reason;
    let content: string;
    let repairs: Repair[] = NO_REPAIRS;
    if (mode === 'repair') {
      this.splitter = null;
      content = this.heldRepair;
      repairs = this.heldRepairs;
    } else {
      this.repairer = null;
      this.strippedSoFar = new BoundedList(this.strippedSoFar.limit);
      content = this.heldStrip;
    }
    this.heldRepair = this.heldStrip = '';
    this.heldRepairs = [];
    this.addSent(content);
    return { content, reasoning: '', repairs };
  }

  /** The sent content into the artifact's bounded copy, and (keepWhole, repair mode) into the whole one
   * from the moment the bounded copy would pass its limit: until then it holds every character. */
  private addSent(s: string): void {
    if (!this.sawText && s !== '' && hasText(s)) this.sawText = true;
    if (this.sentAll === null && this.keepWhole && this.mode === 'repair' && this.sentText.length + s.length > this.textLimit) {
      this.sentAll = new BoundedText(Number.MAX_SAFE_INTEGER);
      this.sentAll.add(this.sentText.toString());
    }
    this.sentAll?.add(s);
    this.sentText.add(s);
  }

  /** The raw text is kept whole only until the engine's first output (see `unsent`). */
  private keepUnsent(d: string, output: string): void {
    if (this.unsent === null) return;
    if (output === '') this.unsent.push(d);
    else this.unsent = null;
  }

  /** The request's secrets taken out of the text before the engine (and so the client) sees it, a secret
   * cut between two deltas included (redact.ts TextRedaction); null: none (and in passthrough). Set before
   * the first push. */
  get redaction(): TextRedaction | null {
    return this.redactionStage;
  }
  set redaction(r: TextRedaction | null) {
    this.redactionStage = r;
    if (r === null) return;
    // the stutter check compares a delta with the content so far: the tail the redaction holds is part of it
    const raw = this.rawText;
    this.stutter = createDestutterer({
      get length() {
        return raw.length + r.pending.length;
      },
      isPrefixOf: (s) => raw.isPrefixOf(s) && s.startsWith(r.pending, raw.length),
    });
  }
  private redactionStage: TextRedaction | null = null;

  /** `x-streamfix-schema: coerce` with a content schema (repair mode, the mode decided by the request):
   * the engine's output goes through the schema's coercions as it streams (schemaCoerce.ts), a value
   * that may be coerced held until it ends. Set before the first push. */
  coercion: StreamCoercion | null = null;
  /** The coercions made, as repairs of the raw content (every one: the artifact merges them). */
  get coercions(): readonly Repair[] {
    return this.coercion?.repairs ?? NO_REPAIRS;
  }

  /** Feeds one upstream content delta. May throw the engine's StreamFixError (limits). */
  push(delta: string): ContentStep {
    const d = this.stutter.push(delta);
    return this.take(this.redaction === null ? d : this.redaction.push(d));
  }

  /** repair mode: steps list their content and reasoning in the order written (`pieces`). The engine's
   * update has no order: a delta is pushed in pieces from one `<` to the next (where a reasoning tag may
   * start), and within such a piece the reasoning (a block's text, its end) comes before the content the
   * engine writes after it. Characters the engine holds back go out where it decides them. */
  ordered = false;

  /** Feeds text the stutter check passed on. */
  private take(d: string): ContentStep {
    this.rawText.add(d);
    if (this.decider) return this.pushUndecided(d);
    if (this.repairer) return this.ordered && d.indexOf('<', 1) > 0 ? this.orderedStep(d) : this.repairStep(d);
    if (this.splitter) {
      const s = this.splitter.push(d);
      this.addSent(s.content);
      this.movedText.add(s.reasoning);
      return { content: s.content, reasoning: s.reasoning, repairs: [] };
    }
    return { content: d, reasoning: '', repairs: NO_REPAIRS };
  }

  private orderedStep(d: string): ContentStep {
    const pieces: NonNullable<ContentStep['pieces']> = [];
    const add = (kind: 'content' | 'reasoning', text: string): void => {
      const last = pieces[pieces.length - 1];
      if (text === '') return;
      if (last !== undefined && last.kind === kind) last.text += text;
      else pieces.push({ kind, text });
    };
    let repairs = NO_REPAIRS;
    for (let a = 0; a < d.length; ) {
      const lt = d.indexOf('<', a + 1);
      const b = lt < 0 ? d.length : lt;
      const step = this.repairStep(d.slice(a, b));
      if (step.pieces) for (const x of step.pieces) add(x.kind, x.text);
      else {
        add('reasoning', step.reasoning);
        add('content', step.content);
      }
      if (step.repairs.length > 0) repairs = [...repairs, ...step.repairs];
      a = b;
    }
    const joined = (kind: string) => pieces.filter((x) => x.kind === kind).map((x) => x.text).join('');
    return { content: joined('content'), reasoning: joined('reasoning'), repairs, pieces };
  }

  /** takeCorrections: the engine holds text it wrote (the answer's JSON started): something placed after
   * that text (thinking, a tool call) must release() it first. */
  get holdsText(): boolean {
    return this.taker !== null && this.taker.heldOutput !== '' && this.taker.heldOutput !== undefined;
  }

  /** takeCorrections: gives up taking a correction; the text the engine held goes out now (as the pushes
   * so far would have given it without the option), and from here on it streams: the answer is the first
   * value, as a stream's. An empty step without the option or after a release. */
  release(): ContentStep {
    const t = this.taker;
    if (t === null || this.ended) return { content: '', reasoning: '', repairs: NO_REPAIRS };
    this.taker = null;
    return this.applied('', t.release!());
  }

  private repairStep(d: string): ContentStep {
    const t = this.taker;
    // takeCorrections, reasoning after held text: the text goes first, in the order written (a piece's
    // reasoning comes before the text the engine writes after it, orderedStep)
    const prior = t === null ? 0 : t.heldOutput!.length;
    const u = this.repairer!.push(d);
    if (t === null || prior === 0 || u.reasoning === '') return this.applied(d, u);
    this.taker = null;
    const held = t.release!();
    const lead = this.applied('', { ...held, output: held.output.slice(0, prior) });
    const rest = this.applied(d, { ...u, output: held.output.slice(prior) });
    const pieces: NonNullable<ContentStep['pieces']> = [{ kind: 'content', text: lead.content }, { kind: 'reasoning', text: rest.reasoning }];
    if (rest.content !== '') pieces.push({ kind: 'content', text: rest.content });
    return { content: lead.content + rest.content, reasoning: rest.reasoning, repairs: lead.repairs.length === 0 ? rest.repairs : [...lead.repairs, ...rest.repairs], pieces };
  }

  /** One engine update (for the text `d` pushed) into the step the client gets. */
  private applied(d: string, u: StreamUpdate): ContentStep {
    this.keepUnsent(d, u.output);
    this.phase = u.phase;
    // reasoning as the engine streams it, not only when its block closes
    const reasoning = u.reasoning;
    // (guarded: a for-of over the engine's shared empty list still builds an iterator per push)
    if (u.stripped.length > 0) {
      for (const s of u.stripped) this.strippedSoFar.push(s);
      this.countReasoning(u.stripped);
    }
    // copied: the engine may reuse its array; most steps repair nothing and share one empty list
    let repairs = u.repairs.length === 0 ? NO_REPAIRS : u.repairs.slice();
    let output = u.output;
    if (this.coercion !== null) {
      output = this.coercion.push(d, u.repairs, u.stripped, u.output);
      const made = this.coercion.take();
      if (made.length > 0) repairs = [...repairs, ...made];
    }
    this.addSent(output);
    this.movedText.add(reasoning);
    return { content: output, reasoning, repairs };
  }

  private pushUndecided(d: string): ContentStep {
    const decided = this.decider!.push(d);
    const s = this.splitter!.push(d);
    this.heldStrip += s.content;
    if (decided?.mode === 'strip') {
      // the engine never sees the text that decided strip: past the whitespace bound auto decides on
      // (AUTO_WHITESPACE_LIMIT, the engine's default maxHoldBack) it would fail with HOLDBACK_LIMIT
      this.movedText.add(s.reasoning);
      return { ...this.settle(decided.mode, decided.reason), reasoning: s.reasoning };
    }
    const u = this.repairer!.push(d);
    this.keepUnsent(d, u.output);
    this.phase = u.phase;
    this.heldRepair += u.output;
    if (u.repairs.length > 0) this.heldRepairs = [...this.heldRepairs, ...u.repairs];
    if (u.stripped.length > 0) {
      for (const x of u.stripped) this.strippedSoFar.push(x);
      this.countReasoning(u.stripped);
    }
    this.movedText.add(u.reasoning);
    if (!decided) return { content: '', reasoning: u.reasoning, repairs: NO_REPAIRS };
    const step = this.settle(decided.mode, decided.reason);
    return { ...step, reasoning: u.reasoning };
  }

  /** The stream ended for this choice: the closers (repair), held-back text (strip). Idempotent. */
  end(): ContentStep {
    if (this.ended) return { content: '', reasoning: '', repairs: [] };
    // deltas still held by the stutter check (and a tail the redaction held) are real text: they go in
    // before the end
    const stutterHeld = this.stutter.end();
    const held = this.redaction === null ? stutterHeld : this.redaction.push(stutterHeld) + this.redaction.end();
    if (held !== '') {
      const step = this.take(held);
      const rest = this.end();
      return { content: step.content + rest.content, reasoning: step.reasoning + rest.reasoning, repairs: [...step.repairs, ...rest.repairs] };
    }
    if (this.decider) {
      const d = this.decider.end();
      const step = this.settle(d.mode, d.reason);
      const rest = this.end();
      return { content: step.content + rest.content, reasoning: rest.reasoning, repairs: [...step.repairs, ...rest.repairs] };
    }
    this.ended = true;
    if (this.repairer) {
      // the engine's output so far is what was sent (its copy is not kept)
      const sentNothing = this.sentText.length === 0;
      const r = this.repairer.end();
      this.result = r;
      this.strippedAtEnd = { list: r.stripped, cut: null };
      // the end's own (a block cut off by the end): in the kept tail, after every one reported before
      this.countReasoning(r.stripped);
      // reasoning the engine decided only at the end (a block cut off by the end of the stream)
      const reasoning = r.reasoning;
      let content = r.final;
      let repairs = r.finalRepairs.slice();
      if (this.coercion !== null) {
        // the end's stripped spans (prose, a fence) come in its list only, with those reported before
        content = this.coercion.push('', r.finalRepairs, r.stripped, r.final) + this.coercion.end();
        repairs = [...repairs, ...this.coercion.take()];
      }
      if (r.status === 'FAILED' && sentNothing && this.unsent !== null && this.rawText.length > 0) {
        // No JSON anywhere: the client gets the text the model sent (think blocks still removed) rather
        // than nothing; the artifact and x-streamfix-status say FAILED.
        content = this.unsent.end();
      }
      this.unsent = null;
      this.addSent(content);
      this.movedText.add(reasoning);
      return { content, reasoning, repairs };
    }
    if (this.splitter) {
      const s = this.splitter.end();
      this.strippedAtEnd = { list: this.splitter.stripped as Stripped[], cut: this.splitter.strippedCut };
      this.addSent(s.content);
      this.movedText.add(s.reasoning);
      return { content: s.content, reasoning: s.reasoning, repairs: [] };
    }
    return { content: '', reasoning: '', repairs: [] };
  }

  /**
   * The client left mid-stream (CLIENT_ABORTED): nothing more goes out, so the artifact keeps what did.
   * The engine's result is taken for the lists (the repairs and spans of the text it read), without what
   * only its end decides (closers, a comma it drops there, held text): none of it reached the client, so
   * the sent text stays as it went out and those repairs are not among the content's. An undecided auto
   * choice stays undecided (both sides held everything). Before, the end ran as for a finished stream:
   * `{"a": [1` delivered was recorded as `{"a": [1]}` with its closers' repair. Idempotent; nothing
   * after end().
   */
  abandon(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.decider) return;
    if (this.repairer) {
      // (the end's error is not kept)
      const { error: _e, ...r } = resultAsSent(this.repairer);
      this.result = r;
      this.strippedAtEnd = { list: r.stripped, cut: null };
      this.unsent = null;
    } else if (this.splitter) {
      this.strippedAtEnd = { list: this.splitter.stripped as Stripped[], cut: this.splitter.strippedCut };
    }
  }

  /** Where the artifact's copies were cut: raw and sent content, and the moved reasoning (stored after
   * `reasoningOffset` characters of the upstream's own reasoning). */
  cuts(reasoningOffset: number): ArtifactCut[] {
    const texts = [...this.rawText.cuts('rawContent'), ...(this.mode === 'passthrough' ? [] : this.sentText.cuts('repairedContent')), ...this.movedText.cuts('reasoning', reasoningOffset)];
    return [...texts, ...this.listCuts()];
  }

  /** Where the artifact's lists were cut: the engine's result says its own; else the splitter's or
   * what the pushes reported. */
  listCuts(): ArtifactCut[] {
    if (this.result) return listCuts(this.result);
    const cut = this.strippedAtEnd ? this.strippedAtEnd.cut : this.strippedSoFar.cut();
    return cut ? [{ field: 'stripped', ...cut }] : [];
  }
}
