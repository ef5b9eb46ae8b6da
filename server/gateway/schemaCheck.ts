/**
 * Where the gateway checks an answer against the request's schemas: the content of every choice (repair
 * mode only: other modes do not parse it) and every tool call's arguments (all modes but passthrough).
 * Errors in choices after the first (`n > 1`) carry their `choiceIndex`.
 *
 * Non-streaming answers are whole before they go out, so `coerce` rewrites them: the coerced text
 * replaces the content / the arguments in the body, and each coercion is a `schema_coercion` repair with
 * its position in the raw text, like the engine's own. Streamed content is coerced as it goes out, by the
 * same code over the same text (content.ts `coercion`, schemaCoerce.ts ValueCoercer), and checked at the
 * end (artifact, trailer, metric). Streamed tool calls under `coerce`
 * are held until whole and checked (coerced) one by one before they go out (chat: streamRewrite.ts
 * checkArguments; Messages: translate.ts checkInput); their outcomes join the report (`done`).
 */
import { repairJson, type Repair, type Stripped } from '../../shared/engine';
import type { AppliedMode, SchemaReport, ToolCallArtifact } from '../../shared/protocol';
import type { OtherChoice } from './completion';
import { hasText, type LaterChoice, type RecordOutcome } from './record';
import { checkValue, schemaReport, schemaVerdict, SCHEMA_HEADER, type ReportPart, type RequestSchemas, type ValueCheck } from './schema';
import { coerceWhole } from './schemaCoerce';
import { schemaPlan } from './schemaPlan';
import { after, inOrder, type Pending } from './pending';

/** One value as the engine left it: its raw text, what was sent, and the engine's edits between them. */
export interface CheckedText {
  raw: string;
  sent: string;
  repairs: readonly Repair[];
  stripped: readonly Stripped[];
}

export interface SchemaOutcome {
  /** Null when no value was checked (passthrough; strip mode with only a content schema; no content
   * and no tool call): no verdict is claimed then. */
  report: SchemaReport | null;
  /** The content after coercion, its coercion repairs (null: unchanged). */
  content: { text: string; repairs: Repair[] } | null;
  /** Per tool-call index, the arguments after coercion and their coercion repairs. */
  tools: Map<number, { text: string; repairs: Repair[] }>;
}

/** Checks (with `coerce`, coerces) one value; the coercion repairs are positioned in `t.raw`. The
 * coercions are those a stream of the same value gets (schemaCoerce.ts ValueCoercer, run over the whole
 * text), decided from the schema, then the value is validated once. */
function checkText(validate: Parameters<typeof checkValue>[0], t: CheckedText, coerce: boolean, worker: RequestSchemas['worker']): Pending<{ check: ValueCheck; repairs: Repair[] }> {
  const coerced = coerce ? coerceWhole(schemaPlan(validate.schema), t.raw, t.repairs, t.stripped, t.sent) : null;
  return after(checkValue(validate, t.sent, coerced, worker), (check) => ({ check, repairs: check.coerced }));
}

/**
 * Content and tool calls of one answer against the request's schemas, one value after the other.
 * Synchronous (the outcome, not a promise) when every check stays on the event loop.
 */
export function checkAnswer(
  s: RequestSchemas,
  mode: AppliedMode,
  content: CheckedText | null,
  tools: readonly (ToolCallArtifact & { stripped?: readonly Stripped[] })[],
  coerce: boolean,
  /** Coerce the tool calls' arguments (default: as `coerce`): a non-streaming Messages answer coerces its
   * tool inputs, not its streamed-as-events text. */
  coerceTools = coerce,
  /** Tool calls checked already, by index (a streamed Messages answer's held inputs, checked one by one
   * before they went out): their outcome is taken as it is, not checked again. */
  done?: ReadonlyMap<number, SchemaOutcome>,
  /** Tool calls refused, by index (x-streamfix-truncated-tools: reject: cut by the upstream, their
   * closure withheld; a Messages call an upstream failure cut, its block never stopped). Not checked: the
   * check would read the closure the gateway invented, or a cut value, and no client got either whole. */
  refused?: ReadonlySet<number>,
): Pending<SchemaOutcome> {
  const out: SchemaOutcome = { report: null, content: null, tools: new Map() };
  if (mode === 'passthrough') return out;
  const steps: (() => Pending<ReportPart>)[] = [];
  // content: checked in repair mode, when there is some or nothing else answered (content of reasoning
  // and white space only is none, as for the status: record.ts hasText; a Messages prefill is in `sent`
  // but not in `raw`)
  if (s.content && mode === 'repair' && content && ((content.raw !== '' && hasText(content.sent)) || tools.length === 0)) {
    const validate = s.content;
    steps.push(() =>
      after(checkText(validate, content, coerce, s.worker), ({ check, repairs }) => {
        if (repairs.length > 0) out.content = { text: check.text, repairs };
        return check;
      }),
    );
  }
  for (const t of tools) {
    if (refused?.has(t.index)) continue;
    const pre = done?.get(t.index);
    if (pre !== undefined) {
      const report = pre.report;
      if (report !== null) steps.push(() => report);
      const c = pre.tools.get(t.index);
      if (c !== undefined) out.tools.set(t.index, c);
      continue;
    }
    const validate = t.name !== undefined ? s.tools.get(t.name) : undefined;
    if (validate === undefined) {
      if (t.name !== undefined && !s.declared.has(t.name)) steps.push(() => ({ valid: false, errors: [{ path: '', message: `calls "${t.name}", a tool the request does not declare`, toolCallIndex: t.index }] }));
      continue;
    }
    steps.push(() => checkToolCall(validate, t, coerceTools, s.worker, out));
  }
  return after(
    inOrder(steps, (step) => step()),
    (parts) => {
      if (parts.length > 0) out.report = schemaReport(parts);
      return out;
    },
  );
}

/** One tool call's arguments checked; with `coerce`, their coerced text goes into `out.tools`. */
function checkToolCall(validate: Parameters<typeof checkValue>[0], t: ToolCallArtifact & { stripped?: readonly Stripped[] }, coerce: boolean, worker: RequestSchemas['worker'], out: SchemaOutcome): Pending<ReportPart> {
  const sent = t.repairedArguments ?? t.rawArguments;
  // the stripped spans of the arguments are not kept in the artifact: asked of the engine again, only
  // when coercing and only when the arguments were changed at all
  const stripped = t.stripped ?? (coerce && sent !== t.rawArguments ? repairJson(t.rawArguments).stripped : []);
  return after(checkText(validate, { raw: t.rawArguments, sent, repairs: t.repairs, stripped }, coerce, worker), ({ check, repairs }) => {
    if (repairs.length > 0) out.tools.set(t.index, { text: check.text, repairs });
    return { valid: check.valid, ...(check.error !== undefined ? { error: `tool call ${t.index}: ${check.error}` } : {}), errors: check.errors.map((e) => ({ ...e, toolCallIndex: t.index })) };
  });
}

/** One streamed choice as its check needs it. */
export interface StreamedAnswer {
  index: number;
  mode: AppliedMode;
  content: CheckedText;
  tools: readonly ToolCallArtifact[];
  /** Its tool calls checked already (held and coerced as they went out, `coerce`), by call index. */
  checked?: ReadonlyMap<number, SchemaOutcome>;
  /** Its tool calls refused (checkAnswer's `refused`), by call index. */
  refused?: ReadonlySet<number>;
}

/**
 * A streamed answer's choices (in index order) against the request's schemas, as one report. Streamed
 * text went out already, coerced as it streamed (`coerce`; tool calls held for it come checked). Synchronous
 * when every check stays on the event loop.
 */
export function checkStreamed(s: RequestSchemas, choices: readonly StreamedAnswer[]): Pending<SchemaReport | null> {
  return after(
    inOrder(choices, (c) => after(checkAnswer(s, c.mode, c.content, c.tools, false, false, c.checked, c.refused), (r) => ({ index: c.index, report: r.report }))),
    mergeReports,
  );
}

/** A report with a part no check covered (choices left unread, chunks skipped): the verdict is error
 * unless a check that ran found the value invalid. */
export function withUnchecked(report: SchemaReport | null, error: string): SchemaReport {
  return schemaReport([...(report ? [report] : []), { valid: null, error, errors: [] }]);
}

/** The reports of several choices as one; `index` labels the errors of choices after the first. */
export function mergeReports(reports: { index: number; report: SchemaReport | null }[]): SchemaReport | null {
  const parts = reports.filter((r): r is { index: number; report: SchemaReport } => r.report !== null);
  if (parts.length === 0) return null;
  return schemaReport(
    parts.map(({ index, report }) => ({
      valid: report.valid,
      ...(report.error !== undefined ? { error: index === 0 ? report.error : `choice ${index}, ${report.error}` } : {}),
      errors: index === 0 ? report.errors : report.errors.map((e) => ({ ...e, choiceIndex: index })),
    })),
  );
}

/** The engine's repairs and the coercions, in input order. */
export function mergeRepairs(a: readonly Repair[], b: readonly Repair[]): Repair[] {
  return [...a, ...b].sort((x, y) => x.offset - y.offset);
}

/**
 * One held tool call (streaming, `coerce`), whole: checked against its tool's schema and coerced; `keep`
 * gets the outcome (for the answer's report). Gives the text the client gets (null: the engine's JSON
 * unchanged). A check on the schema thread is a promise the stream waits for; one that fails to run gives
 * null (the arguments go out unchanged) and its reason, `label` first, goes to `errors`.
 */
export function checkHeldCall(
  s: RequestSchemas,
  mode: AppliedMode,
  art: ToolCallArtifact,
  keep: (o: SchemaOutcome) => void,
  errors: { message: string }[],
  label: string,
): Pending<string | null> {
  const took = (o: SchemaOutcome): string | null => {
    keep(o);
    return o.tools.get(art.index)?.text ?? null;
  };
  const r = after(checkAnswer(s, mode, null, [art], false, true), took);
  if (!(r instanceof Promise)) return r;
  return r.catch((e: unknown) => {
    errors.push({ message: `${label}tool call ${art.index}: the schema check could not run: ${(e as Error).message}` });
    return null;
  });
}

/** A coerced value was changed: VALID no longer says what happened. */
export function coercedStatus<S extends string>(s: S): S | 'REPAIRED' {
  return s === 'VALID' ? 'REPAIRED' : s;
}

/** One choice of a non-streaming answer as the artifact keeps it (RecordOutcome for choice 0, a LaterChoice
 * for the others): coercion changes it as it changes the body. */
type ChoiceView = Pick<LaterChoice, 'rawContent' | 'repairedContent' | 'repairs' | 'stripped' | 'contentStatus' | 'toolCalls'>;

/** One choice checked, and with `coerce` coerced in its message and its view. */
async function checkChoice(s: RequestSchemas, mode: AppliedMode, view: ChoiceView, msg: Record<string, unknown> | null): Promise<SchemaReport | null> {
  const content = view.repairedContent === null ? null : { raw: view.rawContent, sent: view.repairedContent, repairs: view.repairs, stripped: view.stripped };
  const r = await checkAnswer(s, mode, content, view.toolCalls, s.policy === 'coerce');
  if (r.content && msg) {
    msg.content = r.content.text;
    view.repairedContent = r.content.text;
    view.repairs = mergeRepairs(view.repairs, r.content.repairs);
    if (view.contentStatus) view.contentStatus = coercedStatus(view.contentStatus);
  }
  for (const [index, t] of r.tools) {
    const call = (msg?.tool_calls as { function?: { arguments?: unknown } }[] | undefined)?.[index];
    const art = view.toolCalls.find((a) => a.index === index);
    if (!call?.function || !art) continue;
    call.function.arguments = t.text;
    art.repairedArguments = t.text;
    art.repairs = mergeRepairs(art.repairs, t.repairs);
    art.status = coercedStatus(art.status);
  }
  return r.report;
}

/**
 * A non-streaming answer: every choice checked, and with the `coerce` policy coerced in `body` and in the
 * outcome the artifact is made of (choice 0's fields, `laterChoices`). `at` says where each choice is in
 * `body.choices` (choice 0 by its index: null when the answer has none). Returns the response header
 * saying the verdict.
 */
export async function checkCompletion(
  s: RequestSchemas,
  mode: AppliedMode,
  body: Record<string, unknown>,
  outcome: RecordOutcome,
  at: { zero: number | null; others: readonly Pick<OtherChoice, 'index' | 'position'>[]; unread?: readonly string[] },
): Promise<Record<string, string>> {
  const reports: { index: number; report: SchemaReport | null }[] = [];
  // an answer without any choice is still checked (as empty content) as it always was
  if (at.zero !== null || at.others.length === 0) reports.push({ index: 0, report: await checkChoice(s, mode, outcome, at.zero === null ? null : messageOf(body, at.zero)) });
  for (const o of at.others) {
    const view = outcome.laterChoices?.find((c) => c.index === o.index);
    if (view) reports.push({ index: o.index, report: await checkChoice(s, view.mode, view, messageOf(body, o.position)) });
  }
  outcome.schema = mergeReports(reports);
  // choices left unread went out unchecked: no verdict covers them (as a check that could not run)
  const unread = at.unread ?? [];
  if (mode !== 'passthrough' && unread.length > 0) outcome.schema = withUnchecked(outcome.schema ?? null, `${unread.length} choice(s) left unread, not checked: ${unread.join('; ')}`);
  return outcome.schema ? { [SCHEMA_HEADER]: schemaVerdict(outcome.schema) } : {};
}

function messageOf(body: Record<string, unknown>, position: number): Record<string, unknown> | null {
  const ch = Array.isArray(body.choices) ? (body.choices[position] as { message?: unknown } | undefined) : undefined;
  const m = ch?.message;
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : null;
}
