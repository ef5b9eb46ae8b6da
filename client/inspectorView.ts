/**
 * What the artifact inspector shows, computed from an artifact on the extension side: a bounded copy
 * (a 10 MB stream must not be posted into a webview whole), the repairs and stripped spans placed in the
 * raw content, why the mode was chosen, and the request as curl. No `vscode` import: unit-tested under
 * plain mocha.
 */
import type { Artifact, ChoiceArtifact, ToolCallArtifact } from '../shared/protocol';
import { timelineChart } from './timelineChart';
import type { InspectorChoice, InspectorMark, InspectorToolCall, InspectorView } from './webview/messages';

/** Characters of raw content put into the page; the rest is counted, not shown. */
export const RAW_SHOWN = 200_000;
/** Characters of any other text (reasoning, repaired content, tool arguments, stripped text). */
export const TEXT_SHOWN = 50_000;
/** Marks placed in the raw content and listed beside it. */
export const MARKS_SHOWN = 2_000;

const cap = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/**
 * A text as the page shows it, from the artifact's copy: at most `max` characters, never past the first
 * place the artifact cut it (its head and tail were kept, the middle counted in `cuts`), and how many
 * characters of the text as sent are not shown and how many it had.
 * @example shownText('abcdef', 4, []) → { text: 'abcd', omitted: 2, total: 6 }
 * @example shownText('abcdef', 100, [{ field: 'f', at: 3, chars: 10 }]) → { text: 'abc', omitted: 13, total: 16 }
 */
export function shownText(text: string, max: number, cuts: { at: number; chars: number }[]): { text: string; omitted: number; total: number } {
  const total = text.length + cuts.reduce((n, c) => n + c.chars, 0);
  const end = Math.min(max, text.length, ...cuts.map((c) => c.at));
  return { text: text.slice(0, end), omitted: total - end, total };
}

/** The artifact's character cuts of `field` (`rawContent`, `choices[0].reasoning`, …). */
function cutsOf(a: Pick<Artifact, 'cuts'>, field: string): { at: number; chars: number }[] {
  return (a.cuts ?? []).flatMap((c) => (c.field === field && 'chars' in c ? [{ at: c.at, chars: c.chars }] : []));
}

/** A tool call's arguments as the page shows them (`at`: the choice's prefix in the artifact's cut
 * fields, '' or `choices[k].`): at most TEXT_SHOWN characters each, and how many of the arguments as the
 * upstream sent them (and as repaired) are left out. */
function capToolCall(a: Pick<Artifact, 'cuts'>, t: ToolCallArtifact, at: string): InspectorToolCall {
  const raw = shownText(t.rawArguments, TEXT_SHOWN, cutsOf(a, `${at}toolCalls[${t.index}].rawArguments`));
  const repaired = t.repairedArguments === null ? null : shownText(t.repairedArguments, TEXT_SHOWN, cutsOf(a, `${at}toolCalls[${t.index}].repairedArguments`));
  return {
    ...t,
    rawArguments: raw.text,
    repairedArguments: repaired === null ? null : repaired.text,
    repairs: t.repairs.slice(0, MARKS_SHOWN),
    rawOmitted: raw.omitted,
    rawChars: raw.total,
    repairedOmitted: repaired === null ? 0 : repaired.omitted,
    repairedChars: repaired === null ? 0 : repaired.total,
  };
}

/** The marks of the raw content, in order: repairs and stripped spans (reasoning, fences, prose). */
export function marksOf(a: Pick<Artifact, 'repairs' | 'stripped'>): InspectorMark[] {
  const marks: InspectorMark[] = [
    ...a.repairs.map((r): InspectorMark => ({ what: 'repair', kind: r.kind, offset: r.offset, length: r.length, label: r.message, replacement: r.replacement })),
    ...a.stripped.map((s): InspectorMark => ({ what: 'stripped', kind: s.kind, offset: s.offset, length: s.length, label: `${s.kind} · ${s.length} chars` })),
  ];
  // a stripped span before a repair at the same offset: the span folds, the repair stays in the list
  return marks.sort((x, y) => x.offset - y.offset || (x.what === y.what ? 0 : x.what === 'stripped' ? -1 : 1));
}

/** Why the gateway applied this mode: the request's response_format, else what the gateway recorded
 * (auto also decides by the answer's first characters: "the answer starts as JSON ({)"). */
export function modeReason(a: Pick<Artifact, 'mode' | 'requestedMode' | 'request' | 'modeReason'>): string {
  if (a.requestedMode !== 'auto') {
    // the request's own header when the artifact kept it (StreamFix Chat sends one); an artifact keeps no
    // headers when the request had none, nor when recorded before they were kept: either may be the case
    const header = a.request?.headers?.['x-streamfix-mode'];
    if (header !== undefined) return `${a.mode}: asked for by the request's header x-streamfix-mode: ${header}`;
    return `${a.mode}: asked for (x-streamfix-mode header or the gateway's default mode)`;
  }
  const asked = (a.request?.body as { response_format?: { type?: unknown } } | undefined)?.response_format?.type;
  if (a.mode === 'repair' && (asked === 'json_object' || asked === 'json_schema')) return `repair: auto mode, and the request asked for JSON (response_format ${asked})`;
  // decided by the answer (or a body not kept): the gateway's own reason, never a request it did not see
  if (a.modeReason?.startsWith('auto: ')) return `${a.mode}: auto mode, ${a.modeReason.slice('auto: '.length)}`;
  return a.mode === 'repair' ? 'repair: auto mode' : `${a.mode}: auto mode, and the request did not ask for JSON`;
}

/**
 * The artifact's cut tool calls in words, choice by choice; null when none. The first choice's alone
 * name no choice (as for `n = 1`).
 * @example truncatedCallsText([1]) === '#1'
 * @example truncatedCallsText([1, { choice: 1, index: 0 }, { choice: 1, index: 2 }]) === 'choice 0: #1 · choice 1: #0, #2'
 */
export function truncatedCallsText(list: Artifact['truncatedToolCalls']): string | null {
  if (list === undefined || list.length === 0) return null;
  const byChoice = new Map<number, number[]>();
  for (const r of list) {
    const [choice, index] = typeof r === 'number' ? [0, r] : [r.choice, r.index];
    byChoice.set(choice, [...(byChoice.get(choice) ?? []), index]);
  }
  const calls = (xs: number[]): string => xs.map((i) => `#${i}`).join(', ');
  if (byChoice.size === 1 && byChoice.has(0)) return calls(byChoice.get(0)!);
  return [...byChoice].sort(([x], [y]) => x - y).map(([choice, xs]) => `choice ${choice}: ${calls(xs)}`).join(' · ');
}

/**
 * The artifact's JSON Schema check in words; null when the request named no schema. A check that could
 * not run (`valid: null`) is said so, never as valid or invalid.
 * @example schemaText({ valid: false, errors: [{ path: '/age', message: 'must be integer' }] }) === 'invalid: /age must be integer'
 * @example schemaText({ valid: null, error: 'the pattern engine (RE2) failed, …', errors: [] }) === 'schema check could not run: the pattern engine (RE2) failed, …'
 */
export function schemaText(report: Artifact['schema']): string | null {
  if (report === undefined) return null;
  const notRun = report.error !== undefined ? `schema check could not run: ${report.error}` : null;
  if (report.valid === true) return 'valid';
  if (report.valid === null) return notRun ?? 'schema check could not run';
  const shown = report.errors.slice(0, 3).map((e) => `${e.choiceIndex !== undefined ? `choice ${e.choiceIndex} ` : ''}${e.toolCallIndex !== undefined ? `tool call #${e.toolCallIndex} ` : ''}${e.path || '(the value)'} ${e.message}`);
  const more = report.errors.length > 3 ? ` · ${report.errors.length - 3} more` : '';
  return `invalid: ${shown.join(' · ')}${more}${notRun !== null ? ` · also ${notRun}` : ''}`;
}

/** A choice after the first (`place`: its place in the artifact's `choices`), bounded as the first
 * choice's texts are. */
function inspectorChoice(a: Pick<Artifact, 'cuts' | 'truncatedToolCalls'>, c: ChoiceArtifact, place: number): InspectorChoice {
  const cut = a.truncatedToolCalls;
  const raw = shownText(c.rawContent, RAW_SHOWN, cutsOf(a, `choices[${place}].rawContent`));
  const repaired = c.repairedContent === null ? null : shownText(c.repairedContent, TEXT_SHOWN, cutsOf(a, `choices[${place}].repairedContent`));
  const reasoning = shownText(c.reasoning, TEXT_SHOWN, cutsOf(a, `choices[${place}].reasoning`));
  return {
    index: c.index,
    mode: c.mode,
    status: c.status,
    finishReason: c.finishReason,
    shownRaw: raw.text,
    omittedChars: raw.omitted,
    rawChars: raw.total,
    marks: marksOf(c).slice(0, MARKS_SHOWN),
    repairedContent: repaired === null ? null : repaired.text,
    repairedOmitted: repaired === null ? 0 : repaired.omitted,
    reasoning: reasoning.text,
    reasoningOmitted: reasoning.omitted,
    reasoningChars: reasoning.total,
    toolCalls: c.toolCalls.map((t) => capToolCall(a, t, `choices[${place}].`)),
    cutToolCalls: (cut ?? []).flatMap((r) => (typeof r === 'object' && r.choice === c.index ? [r.index] : [])),
  };
}

/**
 * Which choices the status covers, said after it in the header, and whether choice 0's own verdict (the
 * artifact's choiceStatus) is shown above its content. `n > 1`: the worst of the choices read. Choices the
 * gateway left unread (a bad `index`) are said apart, as the status counts them (text that went out
 * unparsed). An artifact recorded before `unreadChoices` was kept (between choiceStatus and it) has choice
 * 0's verdict differing from the status with no other choice kept: only choices left unread cause that, so
 * they are named, without a number the artifact does not hold.
 * @example statusScope({ status: 'TEXT', choiceStatus: 'VALID', unreadChoices: 1 }).text → ' (the worst of the 1 choice read and 1 left unread, which counts as TEXT)'
 */
export function statusScope(a: Pick<Artifact, 'status' | 'choiceStatus' | 'choices' | 'unreadChoices'> & Partial<Pick<Artifact, 'schema'>>): { text: string; choiceZero: boolean } {
  const scope = choicesScope(a);
  return { ...scope, text: scope.text + schemaScope(a) };
}

/**
 * A status that says the JSON parsed (VALID, REPAIRED, TRUNCATED) beside a schema check that failed or could
 * not run: the status is the JSON's, not the schema's (before, "✓ VALID" above "Schema: invalid: /age must be
 * integer", nothing saying which the status was of).
 * @example schemaScope({ status: 'VALID', schema: { valid: false, errors: [] } }) === ' (as JSON; its schema check failed: see Schema)'
 */
export function schemaScope(a: Pick<Artifact, 'status'> & Partial<Pick<Artifact, 'schema'>>): string {
  if (a.schema === undefined || a.schema.valid === true || !['VALID', 'REPAIRED', 'TRUNCATED'].includes(a.status)) return '';
  return a.schema.valid === false ? ' (as JSON; its schema check failed: see Schema)' : ' (as JSON; its schema check could not run: see Schema)';
}

function choicesScope(a: Pick<Artifact, 'status' | 'choiceStatus' | 'choices' | 'unreadChoices'>): { text: string; choiceZero: boolean } {
  const read = (a.choices?.length ?? 0) + 1;
  const unread = a.unreadChoices ?? 0;
  const choices = `${read} ${read === 1 ? 'choice' : 'choices'} read`;
  if (unread > 0) return { text: ` (the worst of the ${choices} and ${unread} left unread, which ${unread === 1 ? 'counts' : 'count'} as TEXT)`, choiceZero: true };
  if (read > 1) return { text: ` (the worst of the ${read} choices)`, choiceZero: true };
  if (a.unreadChoices === undefined && a.choiceStatus !== undefined && a.choiceStatus !== a.status) {
    return { text: ` (the worst of the ${choices} and of choices left unread, which count as TEXT; this artifact is from before their number was kept)`, choiceZero: true };
  }
  return { text: '', choiceZero: false };
}

export function inspectorView(a: Artifact): InspectorView {
  const marks = marksOf(a);
  const raw = shownText(a.rawContent, RAW_SHOWN, cutsOf(a, 'rawContent'));
  const repaired = a.repairedContent === null ? null : shownText(a.repairedContent, TEXT_SHOWN, cutsOf(a, 'repairedContent'));
  const reasoning = shownText(a.reasoning, TEXT_SHOWN, cutsOf(a, 'reasoning'));
  return {
    artifact: {
      ...a,
      choices: undefined, // in `choices`, bounded
      rawContent: '',
      repairedContent: repaired === null ? null : repaired.text,
      reasoning: reasoning.text,
      repairs: a.repairs.slice(0, MARKS_SHOWN),
      stripped: a.stripped.slice(0, MARKS_SHOWN).map((s) => ({ ...s, text: cap(s.text, TEXT_SHOWN) })),
      toolCalls: a.toolCalls.map((t) => capToolCall(a, t, '')),
      request: a.request ? { bytes: a.request.bytes } : undefined,
      timeline: undefined, // drawn from `chart`
    },
    shownRaw: raw.text,
    omittedChars: raw.omitted,
    rawChars: raw.total,
    repairedOmitted: repaired === null ? 0 : repaired.omitted,
    reasoningOmitted: reasoning.omitted,
    reasoningChars: reasoning.total,
    marks: marks.slice(0, MARKS_SHOWN),
    modeReason: modeReason(a),
    replayable: a.request?.body !== undefined,
    chart: timelineChart(a),
    truncatedCalls: truncatedCallsText(a.truncatedToolCalls),
    schema: schemaText(a.schema),
    cutToolCalls: (a.truncatedToolCalls ?? []).filter((r): r is number => typeof r === 'number'),
    choices: (a.choices ?? []).map((c, place) => inspectorChoice(a, c, place)),
    statusScope: statusScope(a),
  };
}

/** `'it'\''s'`: one shell word, whatever the text holds. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The gateway path a recorded request was sent to (replay and curl send it there again). */
export function requestPath(a: Pick<Artifact, 'api'>): string {
  return a.api === 'messages' ? '/v1/messages' : '/v1/chat/completions';
}

/**
 * The gateway headers a replay sends again: the request's own (the artifact's `request.headers`: the
 * x-streamfix-* policy headers, never a key), or, for an artifact recorded before they were kept,
 * x-streamfix-mode from the mode asked for. Only x-streamfix-* names pass, whatever an artifact holds.
 * @example replayHeaders({ requestedMode: 'auto', request: { bytes: 2, headers: { 'x-streamfix-schema': 'coerce' } } }) → { 'x-streamfix-schema': 'coerce' }
 */
export function replayHeaders(a: Pick<Artifact, 'requestedMode' | 'request'>): Record<string, string> {
  const kept = a.request?.headers;
  if (kept === undefined) return a.requestedMode !== 'auto' ? { 'x-streamfix-mode': a.requestedMode } : {};
  return Object.fromEntries(Object.entries(kept).filter(([k, v]) => k.toLowerCase().startsWith('x-streamfix-') && typeof v === 'string'));
}

/**
 * The request as a curl command against the gateway, with the body and policy headers as sent and no
 * key (a gateway token is left as $STREAMFIX_TOKEN for the shell to fill), or null when the artifact did
 * not keep the body.
 */
export function curlFor(a: Pick<Artifact, 'requestedMode' | 'request' | 'api'>, gatewayOrigin: string, needsToken: boolean): string | null {
  if (a.request?.body === undefined) return null;
  const lines = [`curl -N ${gatewayOrigin}${requestPath(a)}`, `-H 'content-type: application/json'`];
  for (const [k, v] of Object.entries(replayHeaders(a))) lines.push(`-H ${shellQuote(`${k}: ${v}`)}`);
  if (needsToken) lines.push(`-H "authorization: Bearer $STREAMFIX_TOKEN"`);
  lines.push(`-d ${shellQuote(JSON.stringify(a.request.body))}`);
  return lines.join(' \\\n  ');
}
