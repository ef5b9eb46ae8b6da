/**
 * Types shared by the daemon (gateway + language server) and the extension: the gateway's artifact and
 * event shapes, and the custom LSP messages. Typed once here; both sides import them.
 * Imports nothing from Node, VS Code or the LSP libraries (method names are plain strings).
 */
import type { Repair, RepairStatus, Stripped, RepairResult } from './engine/types';

export type GatewayMode = 'repair' | 'strip' | 'passthrough' | 'auto';
/** The mode actually applied (auto resolved). */
export type AppliedMode = Exclude<GatewayMode, 'auto'>;
/**
 * What a status claims, by the check that ran: VALID / REPAIRED / TRUNCATED / FAILED are the engine's
 * verdict on what it parsed (VALID: it parsed everything and changed nothing); TEXT: content went out as
 * text without being parsed (strip mode); EMPTY: no content (nothing but reasoning and white space) and no
 * tool calls, nothing to check;
 * PASSTHROUGH: nothing checked by request; UPSTREAM_ERROR / CLIENT_ABORTED: the request did not complete.
 * A stream the upstream ended without `[DONE]` is TRUNCATED whatever else was checked.
 */
export type ArtifactStatus = RepairStatus | 'TEXT' | 'EMPTY' | 'UPSTREAM_ERROR' | 'CLIENT_ABORTED' | 'PASSTHROUGH';
/** One entry per status (a status added to the type without one here does not compile). */
const STATUS_SET: Record<ArtifactStatus, true> = {
  VALID: true,
  REPAIRED: true,
  TRUNCATED: true,
  FAILED: true,
  TEXT: true,
  EMPTY: true,
  PASSTHROUGH: true,
  UPSTREAM_ERROR: true,
  CLIENT_ABORTED: true,
};
/** Every artifact status, in the order the extension's filter offers them. */
export const ARTIFACT_STATUSES = Object.keys(STATUS_SET) as readonly ArtifactStatus[];
/** Every mode an artifact can record (auto is resolved to one of them). */
export const APPLIED_MODES: readonly AppliedMode[] = ['repair', 'strip', 'passthrough'];

export interface ToolCallArtifact {
  index: number;
  id?: string;
  name?: string;
  rawArguments: string;
  repairedArguments: string | null;
  /** The engine's verdict on the arguments; PASSTHROUGH when they were not parsed (passthrough mode, or
   * an engine limit). */
  status: RepairStatus | 'PASSTHROUGH';
  /** The repairs applied: in what the client got of this call. */
  repairs: Repair[];
  /** The engine's repairs of a call the client did not get whole (refused: a cut call with
   * x-streamfix-truncated-tools: reject, a /v1/messages input that is not an object, or an answer refused
   * or failed before it went out); `repairs` is then empty. Not counted as applied (repairCount, metrics,
   * events). Absent when none. */
  refusedRepairs?: Repair[];
  /** Text the engine left out of the arguments, with positions (e.g. `extra_value`: a second
   * top-level value, as when parallel calls are concatenated into one string). */
  stripped?: Stripped[];
  /** Why the call was not delivered (a /v1/messages tool input that is not a JSON object). */
  error?: string;
}

/** One way a value fails its JSON Schema: `path` is a JSON pointer into the value ('' = the whole
 * value); for a tool call's arguments `toolCallIndex` says which call. */
export interface SchemaError {
  path: string;
  message: string;
  toolCallIndex?: number;
  /** The choice the error is in, for choices after the first (`n > 1`); absent for choice 0. */
  choiceIndex?: number;
}
/** The artifact's `schema`: present when the request named a schema (response_format json_schema, or
 * tools with parameters). `valid` true or false is the verdict; null when a check could not run (the
 * pattern engine failed) and no value failed: `error` says why, and is also kept beside a false verdict. */
export interface SchemaReport { valid: boolean | null; error?: string; errors: SchemaError[] }

/** One cut tool call in an artifact's `truncatedToolCalls`: its index for the first choice; for a later
 * choice (`n > 1`) the choice and the index (x-streamfix-truncated-tool-calls writes it `choice:index`). */
export type TruncatedToolCallRef = number | { choice: number; index: number };

/** What GET /v1/streamfix/result/:id returns. Never contains the API key. */
export interface Artifact {
  id: string;
  createdAt: string; // ISO time the request arrived
  /** Set when served, never stored: this artifact's response said `x-streamfix-artifact: memory-only` (its
   * write failed or was too slow, or other daemons hold every writer slot of the data directory), so it is
   * in memory only and lost when the daemon restarts (server/gateway/memoryOnly.ts). */
  memoryOnly?: true;
  model: string;
  mode: AppliedMode;
  requestedMode: GatewayMode;
  /** Why `mode` applies: `requested: repair`, `auto: response_format json_object`, `auto: the answer
   * starts as JSON ({)`, `auto: the answer starts with text`, … */
  modeReason?: string;
  stream: boolean;
  status: ArtifactStatus;
  rawContent: string;
  repairedContent: string | null;
  reasoning: string; // reasoning stripped from content plus reasoning fields forwarded
  repairs: Repair[];
  /** The content's repairs when none of the answer went out (a non-streaming answer refused or failed);
   * `repairs` is then empty. Not counted as applied. Absent when none. */
  refusedRepairs?: Repair[];
  stripped: Stripped[];
  toolCalls: ToolCallArtifact[];
  finishReason: string | null;
  usage: unknown | null;
  timings: { ttfbMs: number | null; totalMs: number; addedMs: number };
  chunks: { upstream: number; client: number; malformed: number };
  stuttering: boolean; // upstream sent cumulative content; turned into deltas
  /** The tool calls whose arguments were cut (engine TRUNCATED, the choice ended by length or not at all)
   * and closed (or, with x-streamfix-truncated-tools: reject, refused); absent when none. The first
   * choice's calls are bare indexes (as before `n > 1` was covered: a reader that knows only those reads
   * them as it did), a later choice's are `{ choice, index }`; first choice first, then by choice. */
  truncatedToolCalls?: TruncatedToolCallRef[];
  errors: { message: string; status?: number; code?: string }[];
  /**
   * The request body as the client sent it, for replay and "copy as curl", and the gateway's policy
   * headers it had (`headers`: x-streamfix-mode, -hold-prose, -schema, -truncated-tools, by name, absent
   * when none; never any other header, so never a key or a token). `body` is left out when the body was
   * larger than REQUEST_KEEP_BYTES. Absent in artifacts recorded before it existed; `headers` absent in
   * those recorded before it was kept.
   */
  request?: { bytes: number; body?: unknown; headers?: Record<string, string> };
  /** The JSON Schema check, when the request named a schema. */
  schema?: SchemaReport;
  /** Present for Messages API requests (`POST /v1/messages`); absent means the chat API. */
  api?: 'messages';
  /** Messages API: the model the client asked for, the routing rule that applied, the upstream model, and
   * the model the upstream said served it (its first chunk's `model`; absent when it named none). */
  route?: { requested: string; rule: string; upstream: string; served?: string };
  /** When the upstream's bytes arrived (server/gateway/timeline.ts); absent in artifacts recorded before
   * it existed and for answers that never started. */
  timeline?: ArtifactTimeline;
  /** The choices after the first of an `n > 1` answer (every choice whose index is not 0), by index; absent
   * when the answer had choice 0 only. Choice 0 stays in the fields above (as before `n > 1` was kept), so
   * a reader that knows only those reads what it did. Each text is bounded as choice 0's; a cut names the
   * field as `choices[k].rawContent`, k its place in this list. */
  choices?: ChoiceArtifact[];
  /** Choice 0's own verdict (its content's and tool calls' checks alone), present when the answer has other
   * choices (`choices`, or choices left unread): `status` is then the worst of every choice's, so a
   * VALID choice 0 beside a TRUNCATED choice 1 read TRUNCATED with nothing saying which was cut. */
  choiceStatus?: ArtifactStatus;
  /** Choices the gateway left unread (a choice or tool-call `index` that is not a non-negative integer, or
   * one an earlier choice has: a non-streaming choice sent on as it came, a stream's chunks skipped, a
   * choice per kind): no check read them, and `status` counts each as text that went out unparsed (TEXT
   * unless a read choice is TRUNCATED or FAILED). The errors say which. Absent when none, in passthrough
   * (nothing is checked), and when the status is not the choices' (an upstream error, a client abort, a
   * stream cut short). */
  unreadChoices?: number;
  /** Present when a text was too long to keep whole: its head and tail are kept, and each cut says which
   * field (`rawContent`, `toolCalls[0].rawArguments`, …), where in the stored string, and how many
   * characters were dropped there. The stream itself was never cut. */
  cuts?: ArtifactCut[];
}

/** A choice after the first (`n > 1`), as the artifact keeps it: the fields choice 0 has at the top level of
 * the artifact, with the same meaning, plus its index, the mode applied to it (auto decides per choice)
 * and the verdict of its own checks (content and tool calls; EMPTY: nothing checked, PASSTHROUGH: not
 * checked by request). The artifact's `status` is the worst of every choice's. */
export interface ChoiceArtifact {
  index: number;
  mode: AppliedMode;
  status: ArtifactStatus;
  rawContent: string;
  repairedContent: string | null;
  reasoning: string;
  repairs: Repair[];
  /** As the artifact's: the content's repairs when none of the answer went out. */
  refusedRepairs?: Repair[];
  stripped: Stripped[];
  toolCalls: ToolCallArtifact[];
  finishReason: string | null;
}

/** Repairs of an answer, every choice counted (content and tool calls): the `finished` event's, the
 * listing's and the model health's count. The repairs a stream's bounded lists did not keep are counted
 * too (their `cuts` entries: `repairs`, `toolCalls[i].repairs`, `choices[k].repairs`, …). Tolerates
 * artifacts stored before a field existed. */
export function repairCount(a: Partial<Pick<Artifact, 'repairs' | 'toolCalls' | 'choices' | 'cuts'>>): number {
  const one = (c: Partial<Pick<ChoiceArtifact, 'repairs' | 'toolCalls'>>) => (c.repairs?.length ?? 0) + (c.toolCalls ?? []).reduce((n, t) => n + (t.repairs?.length ?? 0), 0);
  const dropped = (a.cuts ?? []).reduce((n, c) => n + ('entries' in c && (c.field === 'repairs' || c.field.endsWith('.repairs')) ? c.entries : 0), 0);
  return (a.choices ?? []).reduce((n, c) => n + one(c), one(a) + dropped);
}

/** Upstream reads at one time: [ms since the request arrived (a bucket's start for merged reads), bytes,
 * reads, content characters the gateway held after them (received, not yet sent as content or reasoning:
 * held back by the engine, or stripped) or null where the endpoint does not count it]. */
export type TimelineEntry = [atMs: number, bytes: number, reads: number, held: number | null];
/** The upstream reads over time: the first `exact` entries are one read each; the rest are buckets of
 * `bucketMs` (null when there are none). `reads` counts every read. */
export interface ArtifactTimeline {
  reads: number;
  exact: number;
  bucketMs: number | null;
  entries: TimelineEntry[];
}

/** Request bodies up to this size are kept in the artifact (larger ones only by size). */
export const REQUEST_KEEP_BYTES = 64 * 1024;
/** One cut in a stored artifact text: `chars` characters dropped at offset `at` of `field`. */
export type ArtifactCut =
  | { field: string; at: number; chars: number }
  /** A list (repairs, stripped spans) cut while the stream ran: `entries` dropped before index `at`. */
  | { field: string; at: number; entries: number };

/** A short listing entry (GET /v1/streamfix/results). */
export interface ArtifactSummary {
  id: string;
  createdAt: string;
  model: string;
  mode: AppliedMode;
  status: ArtifactStatus;
  repairs: number;
  totalMs: number;
  /** The JSON Schema check (the artifact's `schema`): `valid`, `invalid`, `unchecked` (the check could not
   * run), or null when the request named no schema (or the record was stored before this field). The daemon
   * sends it in every row; optional for a listing from a daemon that predates it. */
  schema?: SchemaVerdict | null;
  /** With `invalid`: the first error, `path: message` (`(the value)` for the whole value), the others
   * counted (`(+1 more)`); with `unchecked`: why. At most 200 characters. */
  schemaError?: string;
  /** Set when served, never stored: this artifact's response said `x-streamfix-artifact: memory-only` (its
   * write failed or was too slow, or other daemons hold every writer slot of the data directory), so it is
   * in memory only and lost when the daemon restarts (server/gateway/memoryOnly.ts). */
  memoryOnly?: true;
}

export type SchemaVerdict = 'valid' | 'invalid' | 'unchecked';
export const SCHEMA_VERDICTS: readonly SchemaVerdict[] = ['valid', 'invalid', 'unchecked'];
const MAX_SCHEMA_ERROR = 200;

/** The listing's schema fields of a schema check (none: `{ schema: null }`). */
export function schemaSummary(report: SchemaReport | undefined): Pick<ArtifactSummary, 'schema' | 'schemaError'> {
  if (report === undefined) return { schema: null };
  if (report.valid === true) return { schema: 'valid' };
  const first = report.errors[0];
  let why: string | undefined;
  if (report.valid === null) why = report.error;
  else if (first) why = `${first.path || '(the value)'}: ${first.message}${report.errors.length > 1 ? ` (+${report.errors.length - 1} more)` : ''}`;
  if (why !== undefined && why.length > MAX_SCHEMA_ERROR) why = `${why.slice(0, MAX_SCHEMA_ERROR - 1)}…`;
  return { schema: report.valid === null ? 'unchecked' : 'invalid', ...(why !== undefined ? { schemaError: why } : {}) };
}

/** One think block taken out of the content: where it stood in the raw content (start, and the position
 * just past its end; 0-based lines and columns, as a Repair's), its size in UTF-8 bytes with its tags, and
 * its first line of text without tags (trimmed, at most 80 characters, `…` marking a cut). */
export interface ReasoningBlock {
  offset: number;
  line: number;
  column: number;
  /** Where the block ends; absent when its kept text was cut (`cut`): the middle's lines are not known. */
  endLine?: number;
  endColumn?: number;
  /** UTF-8 bytes of the whole block (with `cut`, the dropped middle's counted as it passed; for a span
   * stored without that count, a lower bound: one per character not kept). */
  bytes: number;
  /** Characters in the middle of the block the gateway did not keep (a block over 64 Ki characters). */
  cut?: number;
  /** With `cut`: true when `bytes` is the block's exact size (the middle's bytes were counted as it
   * passed), absent when it is a lower bound. */
  bytesExact?: boolean;
  firstLine: string;
}

/** Events on GET /v1/streamfix/events (SSE `event:` name = `type`, `id:` = seq). */
export type GatewayEvent =
  | { type: 'started'; seq: number; id: string; time: string; model: string; mode: AppliedMode; stream: boolean }
  /** Think blocks moved out of the content: `bytes` of reasoning in all (tags excluded); `blocks` says
   * where each was (the first MAX_REASONING_BLOCKS), `moreBlocks` how many more were not described. */
  | { type: 'reasoning'; seq: number; id: string; time: string; bytes: number; blocks?: ReasoningBlock[]; moreBlocks?: number }
  | { type: 'repair'; seq: number; id: string; time: string; repair: Repair; toolCallIndex?: number }
  | {
      type: 'finished';
      seq: number;
      id: string;
      time: string;
      model: string;
      mode: AppliedMode;
      status: ArtifactStatus;
      /** Every choice's repairs (content and tool calls). */
      repairs: number;
      reasoningBytes: number;
      timings: Artifact['timings'];
      /** As the artifact's: present when a tool call's arguments were cut (in any choice). */
      truncatedToolCalls?: TruncatedToolCallRef[];
    }
  /** A model's circuit breaker changed state; `id` is the request whose outcome (or arrival, for
   * half-open) moved it. */
  | {
      type: 'breaker';
      seq: number;
      id: string;
      time: string;
      upstream: string;
      model: string;
      previous: BreakerState;
      state: BreakerState;
      reason: string;
      retryAfterSeconds: number | null;
    }
  /** The artifact store stopped keeping artifacts on disk (`durable` false: a write failed or was too
   * slow, and from artifact `id` on they are kept in memory only; `problem` is /health's line for it) or
   * started again (`durable` true, `problem` null: the write of `id` succeeded). `late`: the write of `id`
   * landed after its response had said memory-only (too slow): that artifact is on disk after all and no
   * longer `memoryOnly`; `durable` false then means a later write failed and the run goes on. */
  | { type: 'store'; seq: number; id: string; time: string; durable: boolean; problem: string | null; late?: true };

/** A circuit breaker's state (server/gateway/breaker.ts). */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** One model in GET /v1/streamfix/models: its answers over the health window, and its breaker. */
export interface ModelHealthEntry {
  model: string;
  requests: number;
  repairs: number;
  repairsPerRequest: number;
  failedRate: number;
  truncatedRate: number;
  schemaFailures: number;
  upstreamErrors: number;
  /** consecutiveFailures: closed, the consecutive failures so far; open or half-open, those that opened it
   * (a failed probe adds one; 0 when a FAILED rate opened it). reason: why the breaker last changed state
   * (`3 consecutive failures within 60 s, the last: upstream answered 500`); null when it never did
   * (absent from daemons before it was added). */
  circuit: { state: BreakerState; consecutiveFailures: number; retryAfterSeconds: number | null; reason?: string | null };
}

// ---- custom LSP messages (server = daemon, client = extension) ----

/** Request `streamfix/repair`: repair a text with the engine in the daemon. */
export const RepairRequestMethod = 'streamfix/repair';
export interface RepairRequestParams { text: string }
export type RepairRequestResult = RepairResult;

/** Request `streamfix/listArtifacts`: recent artifacts, newest first. */
export const ListArtifactsMethod = 'streamfix/listArtifacts';
export interface ListArtifactsParams extends ArtifactQuery { limit?: number }

/** Which artifacts a listing keeps (each field absent: any): the newest `limit` of those that match. */
export interface ArtifactQuery {
  status?: ArtifactStatus;
  model?: string;
  mode?: AppliedMode;
}

/** The longest model name a query takes (OpenRouter's ids are far shorter). */
const MAX_QUERY_MODEL = 256;

/** Why a listing's query is refused (null: it is fine), the same for `GET /v1/streamfix/results` and
 * `streamfix/listArtifacts`: a status or mode the daemon never records, or a model that is not a short string. */
export function artifactQueryError(q: { status?: unknown; model?: unknown; mode?: unknown }): string | null {
  if (q.status !== undefined && !(ARTIFACT_STATUSES as readonly unknown[]).includes(q.status)) {
    return `status must be one of ${ARTIFACT_STATUSES.join(', ')}, got ${shortJson(q.status)}`;
  }
  if (q.mode !== undefined && !(APPLIED_MODES as readonly unknown[]).includes(q.mode)) {
    return `mode must be one of ${APPLIED_MODES.join(', ')} (an auto request records the mode it chose), got ${shortJson(q.mode)}`;
  }
  if (q.model !== undefined && (typeof q.model !== 'string' || q.model === '' || q.model.length > MAX_QUERY_MODEL)) {
    return `model must be a model name of 1 to ${MAX_QUERY_MODEL} characters, got ${shortJson(q.model)}`;
  }
  return null;
}

/** An artifact's listing entry. */
export function artifactSummary(a: Artifact): ArtifactSummary {
  return { id: a.id, createdAt: a.createdAt, model: a.model, mode: a.mode, status: a.status, repairs: repairCount(a), totalMs: a.timings.totalMs, ...schemaSummary(a.schema), ...(a.memoryOnly ? { memoryOnly: true } : {}) };
}

/** Whether a listing entry matches the query. */
export function matchesQuery(s: Pick<ArtifactSummary, 'status' | 'model' | 'mode'>, q: ArtifactQuery): boolean {
  return (q.status === undefined || s.status === q.status) && (q.model === undefined || s.model === q.model) && (q.mode === undefined || s.mode === q.mode);
}

function shortJson(v: unknown): string {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}
export type ListArtifactsResult = ArtifactSummary[];

/** Request `streamfix/getArtifact`: one artifact, or null when the id is unknown. */
export const GetArtifactMethod = 'streamfix/getArtifact';
export interface GetArtifactParams { id: string }
export type GetArtifactResult = Artifact | null;

/** Request `streamfix/gatewayInfo`: where the gateway listens. */
export const GatewayInfoMethod = 'streamfix/gatewayInfo';
export interface GatewayInfo {
  url: string;
  port: number;
  upstream: string;
  demo: boolean;
  token: string | null;
  /** The port asked for, when it was in use and the daemon (started with --port-fallback) took a free one. */
  fallbackFrom?: number;
  /** Over the language server only, read when asked: the artifact store's problem then (/health's `store:`
   * line without its prefix: artifacts kept in memory only), null when it has none; later changes come as
   * `store` events. Absent from daemons before it was added. */
  storeProblem?: string | null;
}

/** Notification `streamfix/gatewayEvent`: each gateway event, forwarded to the client. */
export const GatewayEventNotification = 'streamfix/gatewayEvent';
