/**
 * Collects what one chat request did (timings, chunk counts, errors) and turns it into the Artifact that
 * the store keeps. Only bodies and upstream outputs go in; the request's Redactor (its secrets, to take
 * them out) is the one thing of the key it holds.
 */
import type { RepairStatus } from '../../shared/engine';
import type { AppliedMode, Artifact, ArtifactCut, ArtifactStatus, ChoiceArtifact, GatewayMode, SchemaReport, ToolCallArtifact, TruncatedToolCallRef } from '../../shared/protocol';
import { ARTIFACT_TEXT_LIMIT, clipText, SEAM, withSeam, type TextCut } from './boundedText';
import type { Redactor } from './redact';
import { Timeline } from './timeline';

/** Errors an artifact keeps (an upstream repeating an error event must not grow it without bound). */
export const MAX_ARTIFACT_ERRORS = 20;

/** A check's verdict on one part of the answer (content or one tool call's arguments). */
export type CheckStatus = RepairStatus | 'TEXT';

const SEVERITY: Record<CheckStatus, number> = { VALID: 0, TEXT: 1, REPAIRED: 2, TRUNCATED: 3, FAILED: 4 };

/** The worst of the verdicts (FAILED > TRUNCATED > REPAIRED > TEXT > VALID); EMPTY when no check ran. */
export function worstStatus(statuses: CheckStatus[]): CheckStatus | 'EMPTY' {
  if (statuses.length === 0) return 'EMPTY';
  return statuses.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
}

/** Across the choices of an `n > 1` answer a text outranks REPAIRED and VALID: those would claim a parse
 * that one choice did not get. */
const ACROSS_CHOICES: Record<CheckStatus, number> = { VALID: 0, REPAIRED: 1, TEXT: 2, TRUNCATED: 3, FAILED: 4 };

/** The status of several choices (each its mode and checks): the label claims only what was checked in
 * every one, so a choice that went out as unparsed text (TEXT, or strip mode with nothing to check) makes
 * it TEXT unless another is TRUNCATED or FAILED; EMPTY when no choice had anything to check. */
export function combinedStatus(choices: { mode: AppliedMode; checks: CheckStatus[] }[]): CheckStatus | 'EMPTY' {
  const each = choices.map((c) => worstStatus(c.checks));
  const checked = each.filter((s): s is CheckStatus => s !== 'EMPTY');
  if (checked.length === 0) return 'EMPTY';
  if (choices.some((c, i) => each[i] === 'EMPTY' && c.mode === 'strip')) checked.push('TEXT');
  return checked.reduce((a, b) => (ACROSS_CHOICES[b] > ACROSS_CHOICES[a] ? b : a));
}

/**
 * The check the content went through: the engine's verdict in repair mode, TEXT when it went out as
 * text without being parsed (strip), null when there was nothing to check (or in passthrough).
 * `hasText`: the content holds something besides reasoning and white space (what the client got as
 * content, hasText()). An answer of a think block only is as empty as one whose reasoning came in the
 * upstream's `reasoning` field: neither is text (TEXT) nor a failure to find JSON in text (FAILED).
 * @example contentCheck('strip', hasText('\n\n'), verdict) → null (EMPTY unless a tool call was checked)
 */
export function contentCheck(mode: AppliedMode, hasText: boolean, engineVerdict: () => RepairStatus): CheckStatus | null {
  if (!hasText || mode === 'passthrough') return null;
  return mode === 'repair' ? engineVerdict() : 'TEXT';
}

/** Whether the engine's error on the content goes in the artifact: "no JSON found" in content that had
 * none to look in (reasoning and white space only: contentCheck null) is no error, as with no content at
 * all; a limit is one whatever the content held. */
export function contentError(error: { code: string } | null | undefined, hasText: boolean): boolean {
  return error != null && (hasText || error.code !== 'NO_JSON');
}

const NOT_WHITE = /\S/;

/** Whether `s` holds a character that is not white space (of the content sent: reasoning is out of it). */
export function hasText(s: string): boolean {
  return NOT_WHITE.test(s);
}

/** Choice 0's answer as the artifact keeps every choice's (ChoiceArtifact's texts and lists), and what
 * only the whole response has. */
export interface RecordOutcome extends Omit<ChoiceArtifact, 'index' | 'mode' | 'status'> {
  usage: unknown;
  stuttering: boolean;
  /** UTF-8 bytes of the reasoning taken out of the content (think blocks; not the upstream's reasoning
   * fields), of every choice, counted on what passed (the texts kept are bounded). */
  movedReasoningBytes?: number;
  /** The content's check (contentCheck): the engine's verdict, TEXT, or null for no content. */
  contentStatus: CheckStatus | null;
  /** The upstream ended the stream without `[DONE]`: the answer is cut, whatever was checked. */
  cutShort?: boolean;
  /** The JSON Schema check (schemaCheck.ts), when the request named a schema. */
  schema?: SchemaReport | null;
  /** Where the streamed texts were cut already (BoundedText). */
  cuts?: ArtifactCut[];
  /** The choices after the first (`n > 1`): their checks count in the status as choice 0's do, and their
   * cut tool calls are listed. */
  laterChoices?: LaterChoice[];
  /** Choices of a non-streaming answer left unread (an `index` that is not a non-negative integer, or one
   * an earlier choice has): sent on as they came, not checked. Each counts in the status as a choice that
   * went out as unparsed text (TEXT), so the other choices' checks do not label it. */
  unreadChoices?: number;
  /** The cut calls when the rule cannot tell them from what was received: a stream refused for cut calls
   * (reject) was read no further, so another choice's call still open then was left open by the gateway,
   * not cut by the upstream; the list is the refused calls. */
  refused?: TruncatedToolCallRef[];
}

/** A choice after the first: what the status, the cut list and the artifact's `choices` keep of it (the
 * artifact's fields, its status still to be worked out from its checks). */
export interface LaterChoice extends Omit<ChoiceArtifact, 'status'> {
  /** Its content's check (contentCheck), as RecordOutcome's. */
  contentStatus: CheckStatus | null;
  /** Where its streamed texts were cut already (BoundedText), fields named as choice 0's (`rawContent`). */
  cuts?: ArtifactCut[];
}

/** The verdicts of one choice's checks: its tool calls' (a call whose arguments were not parsed is no
 * check: the engine limit that caused it is the content's FAILED) and its content's. */
function checksOf(c: Pick<LaterChoice, 'toolCalls' | 'contentStatus'>): CheckStatus[] {
  const statuses: CheckStatus[] = [];
  for (const t of c.toolCalls) if (t.status !== 'PASSTHROUGH') statuses.push(t.status);
  if (c.contentStatus) statuses.push(c.contentStatus);
  return statuses;
}

/** A choice sent on unread (RecordOutcome.unreadChoices), as combinedStatus counts it: unparsed text. */
const UNREAD_CHOICE: { mode: AppliedMode; checks: CheckStatus[] } = { mode: 'strip', checks: ['TEXT'] };

const now = () => performance.now();

export class RequestRecord {
  readonly createdAt = new Date().toISOString();
  readonly startedAt = now();
  model = '';
  mode: AppliedMode = 'strip';
  requestedMode: GatewayMode = 'auto';
  modeReason: string | null = null;
  stream = false;
  ttfbMs: number | null = null;
  /** Time spent in the gateway's own processing of upstream chunks. */
  addedMs = 0;
  upstreamChunks = 0;
  clientChunks = 0;
  malformed = 0;
  errors: Artifact['errors'] = [];
  /** Which API the client spoke (the `api` label of the request metric). */
  api: 'chat' | 'messages' = 'chat';
  /** Messages API: how the requested model was routed to the upstream one. */
  route: Artifact['route'] | undefined = undefined;
  request: Artifact['request'];
  /** Set when the request ended for a reason other than the engine's verdict. */
  override: Extract<ArtifactStatus, 'UPSTREAM_ERROR' | 'CLIENT_ABORTED'> | null = null;

  /** The request's secrets (the configured key, the credential headers sent upstream: Upstream.request);
   * null until the request went upstream. */
  redactor: Redactor | null = null;

  constructor(readonly id: string) {}

  /** `v` with the request's secrets redacted (Redactor.deep): what is stored or published of the answer. */
  redact<T>(v: T): T {
    return this.redactor === null ? v : this.redactor.deep(v);
  }

  /** When the upstream's bytes arrived (the inspector's chart). */
  readonly timeline = new Timeline(this.startedAt);

  /** One upstream read of `bytes` that arrived at `at` (performance.now()); `held`: content received and
   * not yet sent (Timeline.read). */
  upstreamRead(at: number, bytes: number, held: number | null): void {
    this.timeline.read(at, bytes, held);
  }

  markFirstByte(): void {
    if (this.ttfbMs === null) this.ttfbMs = now() - this.startedAt;
  }

  /** Times `fn` as gateway-added time. */
  timed<T>(fn: () => T): T {
    const t = now();
    try {
      return fn();
    } finally {
      this.addedMs += now() - t;
    }
  }

  fail(status: 'UPSTREAM_ERROR' | 'CLIENT_ABORTED', message: string, extra: { status?: number; code?: string } = {}): void {
    if (this.override === null) this.override = status;
    this.errors.push({ message, ...extra });
  }

  /** Whether the status counts choices left unread (not when it is not the choices': an override, a cut
   * stream, passthrough). */
  private countsUnread(o: RecordOutcome): boolean {
    return (o.unreadChoices ?? 0) > 0 && !this.override && !o.cutShort && this.mode !== 'passthrough';
  }

  status(o: RecordOutcome): ArtifactStatus {
    const own = this.firstChoiceStatus(o);
    const unread = this.countsUnread(o) ? o.unreadChoices! : 0;
    if (this.override || o.cutShort || this.mode === 'passthrough' || ((!o.laterChoices || o.laterChoices.length === 0) && unread === 0)) return own;
    // every choice of an n > 1 answer is checked, and the label claims only what every one got
    const choices = [{ mode: this.mode, checks: checksOf(o) }, ...(o.laterChoices ?? []).map((c) => ({ mode: c.mode, checks: checksOf(c) }))];
    for (let i = 0; i < unread; i++) choices.push(UNREAD_CHOICE);
    return combinedStatus(choices);
  }

  /** Choice 0's own verdict (its checks alone); the status of a one-choice answer. */
  private firstChoiceStatus(o: RecordOutcome): ArtifactStatus {
    if (this.override) return this.override;
    if (o.cutShort) return 'TRUNCATED';
    if (this.mode === 'passthrough') return 'PASSTHROUGH';
    return worstStatus(checksOf(o));
  }

  /** Characters of each text the artifact keeps; longer ones keep their head and tail (clipText). */
  textLimit = ARTIFACT_TEXT_LIMIT;

  /** The artifact, every text in it redacted: a secret the upstream echoed across two stream events is in
   * the text assembled from them, though in neither event's bytes (redact.ts). */
  build(o: RecordOutcome): Artifact {
    return this.redact(seamed(this.assemble(o), this.redactor));
  }

  private assemble(o: RecordOutcome): Artifact {
    const cuts: ArtifactCut[] = [...(o.cuts ?? [])];
    const clip = (s: string, field: string) => clipText(s, field, cuts, this.textLimit);
    const toolCalls = clipToolCalls(o.toolCalls, '', clip);
    // the later choices by index, each bounded as choice 0 (its cuts named by its place in the list)
    const later = o.laterChoices ? [...o.laterChoices].sort((a, b) => a.index - b.index) : [];
    const choices = later.map((c, k) => {
      const at = `choices[${k}].`;
      for (const cut of c.cuts ?? []) cuts.push('chars' in cut ? withSeam({ ...cut, field: at + cut.field }, (cut as TextCut)[SEAM]) : { ...cut, field: at + cut.field });
      return {
        index: c.index,
        mode: c.mode,
        status: c.mode === 'passthrough' ? ('PASSTHROUGH' as const) : worstStatus(checksOf(c)),
        rawContent: clip(c.rawContent, `${at}rawContent`),
        repairedContent: c.repairedContent === null ? null : clip(c.repairedContent, `${at}repairedContent`),
        reasoning: clip(c.reasoning, `${at}reasoning`),
        repairs: c.repairs,
        ...(c.refusedRepairs ? { refusedRepairs: c.refusedRepairs } : {}),
        stripped: c.stripped,
        toolCalls: clipToolCalls(c.toolCalls, at, clip),
        finishReason: c.finishReason,
      };
    });
    const truncated = truncatedToolCalls(o);
    const errors = this.errors.length <= MAX_ARTIFACT_ERRORS ? this.errors : [...this.errors.slice(0, MAX_ARTIFACT_ERRORS), { message: `${this.errors.length - MAX_ARTIFACT_ERRORS} more errors not kept`, code: 'errors_cut' }];
    return {
      id: this.id,
      createdAt: this.createdAt,
      model: this.model,
      mode: this.mode,
      requestedMode: this.requestedMode,
      ...(this.modeReason !== null ? { modeReason: this.modeReason } : {}),
      stream: this.stream,
      status: this.status(o),
      rawContent: clip(o.rawContent, 'rawContent'),
      repairedContent: o.repairedContent === null ? null : clip(o.repairedContent, 'repairedContent'),
      reasoning: clip(o.reasoning, 'reasoning'),
      repairs: o.repairs,
      ...(o.refusedRepairs ? { refusedRepairs: o.refusedRepairs } : {}),
      stripped: o.stripped,
      toolCalls,
      finishReason: o.finishReason,
      usage: o.usage ?? null,
      timings: {
        ttfbMs: this.ttfbMs === null ? null : round(this.ttfbMs),
        totalMs: round(now() - this.startedAt),
        addedMs: round(this.addedMs),
      },
      chunks: { upstream: this.upstreamChunks, client: this.clientChunks, malformed: this.malformed },
      stuttering: o.stuttering,
      ...(truncated.length > 0 ? { truncatedToolCalls: truncated } : {}),
      ...(choices.length > 0 ? { choices } : {}),
      // n > 1: `status` is the worst of every choice's; choice 0's own verdict beside its fields
      ...(choices.length > 0 || (o.unreadChoices ?? 0) > 0 ? { choiceStatus: this.firstChoiceStatus(o) } : {}),
      // counted in `status` as text: the inspector says the status covers choices it did not read
      ...(this.countsUnread(o) ? { unreadChoices: o.unreadChoices } : {}),
      errors,
      ...(o.schema ? { schema: o.schema } : {}),
      ...(this.api === 'messages' ? { api: this.api, route: this.route } : {}),
      ...(this.request ? { request: this.request } : {}),
      ...(cuts.length > 0 ? { cuts } : {}),
      ...(this.timeline.reads > 0 ? { timeline: this.timeline.toJSON() } : {}),
    };
  }
}

/** A text field a cut names: `rawContent`, `toolCalls[3].rawArguments` (3: the call's index), and either
 * prefixed by `choices[k].` (k: the choice's place in the list). */
const CUT_FIELD = /^(?:choices\[(\d+)\]\.)?(?:toolCalls\[(\d+)\]\.)?(\w+)$/;

/** The fields that may hold the same string (one cut recorded for both). */
const TWINS = ['rawContent', 'repairedContent', 'rawArguments', 'repairedArguments'];

/**
 * `a` with each text its bound cut redacted piece by piece: the piece before a cut as a text that ends
 * there (a secret's start that ends it, past its public characters, is `[redacted]`: `… Bearer
 * sk-or-v1-5e0c` → `… Bearer [redacted]`), the piece after it read on from the characters just before it
 * (the cut's seam context, BoundedText.before), so a secret the cut goes through is `[redacted]` at the
 * tail's start too (`0c9b…d0e7 end` → `[redacted] end`). Before, the joined text was redacted whole, and a
 * key cut by the seam was in neither piece whole: passthrough, whose artifact texts are not redacted as
 * they stream, stored its two ends. Each cut's `at` is where it is in the redacted text; its `chars` what
 * was dropped. The seam contexts are dropped (never stored), with or without a redactor.
 */
export function seamed(a: Artifact, redactor: Redactor | null): Artifact {
  if (!a.cuts) return a;
  const cuts: ArtifactCut[] = a.cuts.map((c) => ('chars' in c ? { field: c.field, at: c.at, chars: c.chars } : c));
  if (redactor === null || redactor.empty) return { ...a, cuts };
  const byField = new Map<string, number[]>();
  a.cuts.forEach((c, i) => {
    if ('chars' in c) byField.set(c.field, [...(byField.get(c.field) ?? []), i]);
  });
  const out: Artifact = { ...a, cuts };
  for (const [field, list] of byField) {
    const m = CUT_FIELD.exec(field);
    if (m === null) continue;
    let holder = out as unknown as Record<string, unknown>;
    if (m[1] !== undefined) {
      const choices = (out.choices = [...(out.choices ?? [])]);
      const k = Number(m[1]);
      if (choices[k] === undefined) continue;
      holder = (choices[k] = { ...choices[k]! }) as unknown as Record<string, unknown>;
    }
    if (m[2] !== undefined) {
      const calls = [...(holder.toolCalls as ToolCallArtifact[])];
      holder.toolCalls = calls;
      const j = calls.findIndex((t) => t.index === Number(m[2]));
      if (j < 0) continue;
      holder = (calls[j] = { ...calls[j]! }) as unknown as Record<string, unknown>;
    }
    const s = holder[m[3]!];
    if (typeof s !== 'string') continue;
    list.sort((x, y) => a.cuts![x]!.at - a.cuts![y]!.at);
    let text = '';
    let from = 0;
    let before: string | null = null;
    for (const i of list) {
      const at = Math.min(Math.max(from, a.cuts[i]!.at), s.length);
      text += seamPiece(redactor, before, s.slice(from, at));
      cuts[i] = { ...cuts[i]!, at: text.length };
      from = at;
      before = (a.cuts[i] as TextCut)[SEAM] ?? '';
    }
    const redacted = text + seamPiece(redactor, before, s.slice(from));
    holder[m[3]!] = redacted;
    // a text kept twice, the cut recorded once (passthrough's repairedArguments is its rawArguments)
    for (const twin of TWINS) if (twin !== m[3] && holder[twin] === s && !byField.has(field.slice(0, field.length - m[3]!.length) + twin)) holder[twin] = redacted;
  }
  return out;
}

/** `piece`, redacted as a whole text that went on from `before` (null: the text's start). */
function seamPiece(redactor: Redactor, before: string | null, piece: string): string {
  const stage = redactor.textStage()!;
  let held = '';
  if (before) {
    stage.push(before);
    held = stage.pending;
  }
  const t = stage.push(piece) + stage.end();
  // what `before` left held goes out with the piece (as it was, or its public characters before
  // `[redacted]`): those characters are the context's, not the piece's
  let n = 0;
  while (n < held.length && n < t.length && held.charCodeAt(n) === t.charCodeAt(n)) n++;
  return t.slice(n);
}

/** Tool calls with their argument texts bounded (`at`: the field prefix of a later choice). */
function clipToolCalls(calls: ToolCallArtifact[], at: string, clip: (s: string, field: string) => string): ToolCallArtifact[] {
  return calls.map((t) => {
    const raw = clip(t.rawArguments, `${at}toolCalls[${t.index}].rawArguments`);
    const repaired = t.repairedArguments === null ? null : clip(t.repairedArguments, `${at}toolCalls[${t.index}].repairedArguments`);
    return raw === t.rawArguments && repaired === t.repairedArguments ? t : { ...t, rawArguments: raw, repairedArguments: repaired };
  });
}

/**
 * The tool calls whose arguments were cut: the engine found them TRUNCATED (closed what was open) and the
 * choice stopped at the token limit (`length`), in a failure (`error`: OpenRouter's finish reason beside
 * a mid-stream error object) or not at all. A call left unclosed by a choice that finished normally is a
 * model's slip the engine repaired, not a cut. (Before, `error` was not a cut: the same failing stream
 * flagged the call on /v1/messages, which reads no finish reason from the error chunk, and on the chat
 * endpoint when the error object came without a choice, but not when it came with `finish_reason: "error"`.)
 */
export function cutCalls(o: Pick<RecordOutcome, 'toolCalls' | 'finishReason'>): number[] {
  if (o.finishReason !== null && o.finishReason !== 'length' && o.finishReason !== 'error') return [];
  return o.toolCalls.filter((t) => t.status === 'TRUNCATED').map((t) => t.index);
}

/**
 * The cut calls of every choice, as the artifact lists them: choice 0's indexes, then each later choice's
 * `{ choice, index }` in choice order.
 * @example truncatedToolCalls({ ...cut0, laterChoices: [cut2] }) → [1, { choice: 2, index: 0 }]
 */
export function truncatedToolCalls(o: Pick<RecordOutcome, 'toolCalls' | 'finishReason' | 'laterChoices' | 'refused'>): TruncatedToolCallRef[] {
  if (o.refused !== undefined) return o.refused;
  const refs: TruncatedToolCallRef[] = cutCalls(o);
  if (o.laterChoices === undefined) return refs;
  for (const c of [...o.laterChoices].sort((a, b) => a.index - b.index)) for (const index of cutCalls(c)) refs.push({ choice: c.index, index });
  return refs;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export const EMPTY_OUTCOME: RecordOutcome = {
  rawContent: '',
  repairedContent: null,
  reasoning: '',
  repairs: [],
  stripped: [],
  toolCalls: [],
  finishReason: null,
  usage: null,
  stuttering: false,
  contentStatus: null,
};
