/**
 * JSON Schema validation of what the gateway sends (issue 10 §4): the content against
 * `response_format.json_schema.schema`, each tool call's arguments against its tool's
 * `function.parameters`. ajv compiles each schema once; compiled validators are cached by the schema's
 * text, so a client repeating the same request pays for the compile once (and a schema one of the last
 * few requests used is found by a walk, without its text: schemaKey.ts). A schema ajv cannot compile
 * is the client's mistake: a 400 before anything goes upstream.
 *
 * Example:
 *   const cache = new SchemaCache();
 *   const s = requestSchemas(body, cache);     // null when the request names no schema
 *   checkValue(s!.content!, '{"age":42}', null, worker) // -> { valid: true, errors: [], text: '', coerced: [] }
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SchemaError, SchemaReport } from '../../shared/protocol';
import { SCHEMA_POLICIES, type SchemaPolicy } from './config';
import { GatewayError, headerChoice } from './errors';
export { SCHEMA_POLICIES, type SchemaPolicy };
import type { Repair } from '../../shared/engine';
import { OverBudget, re2Engine } from './re2Engine';
import { linearRegExp, PatternEngineFailed } from './schemaPattern';
import { schemaTape, TapeWalker, type SchemaTape } from './schemaKey';
import { CheckStopped, SchemaWorker, type Verdict } from './schemaWorker';
import type { Pending } from './pending';

/** Request header choosing what happens to a value the schema rejects. */
export const SCHEMA_HEADER = 'x-streamfix-schema';

/** Compiled validators kept; past this the least recently used goes (clients may send a new schema per
 * request, and each compiled function holds generated code). */
export const SCHEMA_CACHE_SIZE = 256;
/** Errors listed per value at most: a wrong array of 10,000 items must not make a 10,000-entry artifact. */
export const MAX_SCHEMA_ERRORS = 20;
/** Pattern work one validation may do on the event loop, in characters × pattern units (re2Engine.ts
 * withBudget); a check that needs more runs on the schema thread (schemaWorker.ts). At the measured worst
 * of ~1 µs of CPU per character and unit (load 13), ~10 ms; a few patterns on short fields take < 1,000. */
export const EVENT_LOOP_PATTERN_BUDGET = 10_000;

type Validator = ValidateFunction;

/** A compiled schema: its validator, its text (the cache's key) and its tape (schemaKey.ts). */
interface Entry {
  key: string;
  validator: Validator;
  tape: SchemaTape;
}

/** The entries a schema is walked against before its text is made (a request's content schema and its
 * tools' parameters, repeated request after request). */
const RECENT = 4;

export class SchemaCache {
  private readonly cache = new Map<string, Entry>();
  /** The entries the last compiles returned, newest first. */
  private readonly recent: Entry[] = [];
  /** Walks a request's schema against the recent entries' tapes. */
  private readonly walker = new TapeWalker();
  private readonly engines = new Map<string, Ajv>();
  /** Compiles (tests check the cache is used). */
  compiles = 0;
  /** Lookups that wrote the schema out as text: it was none of the recent ones (tests check the walk is used). */
  keyed = 0;
  /** Where checks over the event loop's pattern budget run (a thread started on the first). */
  readonly worker: SchemaWorker;
  private readonly unsubscribe: () => void;

  /** `onEngineRestart(message)`: the pattern engine died and was replaced (re2Engine.ts), for a warning. */
  constructor(onEngineRestart?: (message: string) => void, worker = new SchemaWorker()) {
    this.unsubscribe = onEngineRestart ? re2Engine.onRestart(onEngineRestart) : () => undefined;
    this.worker = worker;
  }

  /** Stops hearing of engine restarts and stops the schema thread (the gateway closed). */
  close(): void {
    this.unsubscribe();
    this.worker.close();
  }

  /** The validator of `schema`, compiled at most once per distinct text. Throws GatewayError 400
   * naming `where` and ajv's reason when the schema is not one. */
  compile(schema: unknown, where: string): Validator {
    if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
      throw new GatewayError(400, 'invalid_schema', `${where} must be a JSON Schema (an object or a boolean), got ${schema === null ? 'null' : Array.isArray(schema) ? 'an array' : typeof schema}`);
    }
    // the same JSON as a recent one (schemaKey.ts): found without making its text
    let hit: Entry | undefined;
    for (const e of this.recent) {
      if (!this.walker.onTape(schema, e.tape)) continue;
      hit = e;
      break;
    }
    let key = '';
    if (hit === undefined) {
      this.keyed++;
      key = JSON.stringify(schema);
      hit = this.cache.get(key);
    }
    if (hit !== undefined) {
      // re-inserted: Map order is the recency order
      this.cache.delete(hit.key);
      this.cache.set(hit.key, hit);
      return this.used(hit);
    }
    // (its walk as it is now, as its text: before ajv has seen it)
    const tape = schemaTape(schema);
    let v: Validator;
    try {
      // ajv keeps schemas with an $id in the instance: compiled in a fresh one per schema that has one,
      // so two requests with the same $id and different content do not clash
      const ajv = hasId(schema) ? newAjv(draftOf(schema)) : this.engine(draftOf(schema));
      v = ajv.compile(schema as object);
    } catch (e) {
      // the pattern engine could not be started: the gateway's own fault and temporary, not the schema's
      // (the next compile tries a fresh instance again)
      if (e instanceof PatternEngineFailed) throw new GatewayError(503, 'pattern_engine_unavailable', `${where} could not be compiled: the pattern engine (RE2) is not available (${e.reason}); the gateway's own fault, temporary: retry the request`);
      throw new GatewayError(400, 'invalid_schema', `${where} is not a valid JSON Schema: ${(e as Error).message}`);
    }
    this.compiles++;
    const entry: Entry = { key, validator: v, tape };
    this.cache.set(key, entry);
    if (this.cache.size > SCHEMA_CACHE_SIZE) {
      const old = this.cache.keys().next().value!;
      this.cache.delete(old);
      const i = this.recent.findIndex((e) => e.key === old);
      if (i >= 0) this.recent.splice(i, 1);
    }
    return this.used(entry);
  }

  /** `e`'s validator, `e` made the newest of the recent entries. */
  private used(e: Entry): Validator {
    if (this.recent[0] !== e) {
      const i = this.recent.indexOf(e);
      if (i >= 0) this.recent.splice(i, 1);
      else if (this.recent.length === RECENT) this.recent.pop();
      this.recent.unshift(e);
    }
    return e.validator;
  }

  private engine(draft: Draft): Ajv {
    let a = this.engines.get(draft);
    if (a === undefined) this.engines.set(draft, (a = newAjv(draft)));
    return a;
  }
}

type Draft = '07' | '2019' | '2020';

function draftOf(schema: unknown): Draft {
  const s = typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof s !== 'string') return '07';
  if (s.includes('2020-12')) return '2020';
  if (s.includes('2019-09')) return '2019';
  return '07';
}

function hasId(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && ('$id' in schema || 'id' in schema);
}

function newAjv(draft: Draft): Ajv {
  // strict: false: schemas written for OpenAI carry keywords ajv does not know ("strict" hints, titles in
  // odd places); they are ignored rather than refused. The formats ajv-formats knows (date-time, date,
  // time, duration, email, hostname, ipv4, ipv6, uri, uuid, regex, …: the ones OpenAI's structured
  // outputs accept among them) are checked; a format it does not know is not, and strict: false keeps
  // it from refusing the schema.
  // code.regExp: patterns run on RE2, in linear time (schemaPattern.ts): one must not freeze the daemon
  const opts = { allErrors: true, strict: false, logger: false as const, code: { regExp: linearRegExp } };
  const ajv = draft === '2020' ? new Ajv2020(opts) : draft === '2019' ? new Ajv2019(opts) : new Ajv(opts);
  addFormats(ajv);
  return ajv;
}

/** The schemas one request asks its answer to follow. */
export interface RequestSchemas {
  /** `response_format.json_schema.schema`, when the request has one. */
  content: Validator | null;
  /** Tool name -> its `function.parameters` validator (tools without parameters are left out). */
  tools: Map<string, Validator>;
  /** Every tool name the request declares (with parameters or not). */
  declared: Set<string>;
  policy: SchemaPolicy;
  /** Where checks over the event loop's pattern budget run. */
  worker: SchemaWorker;
}

/** The schemas in a chat request, compiled (400 on a bad one); null when it names none. */
export function requestSchemas(body: Record<string, unknown>, cache: SchemaCache, policy: SchemaPolicy): RequestSchemas | null {
  let content: Validator | null = null;
  const rf = body.response_format as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (rf && typeof rf === 'object' && rf.type === 'json_schema') {
    const js = rf.json_schema;
    if (js !== undefined && (typeof js !== 'object' || js === null)) throw new GatewayError(400, 'invalid_schema', 'response_format.json_schema must be an object with a "schema"');
    if (js && js.schema !== undefined) content = cache.compile(js.schema, 'response_format.json_schema.schema');
  }
  const tools = new Map<string, Validator>();
  const declared = new Set<string>();
  if (Array.isArray(body.tools)) {
    body.tools.forEach((t: { function?: { name?: unknown; parameters?: unknown } }, i: number) => {
      const f = t?.function;
      if (f && typeof f.name === 'string') declared.add(f.name);
      if (!f || f.parameters === undefined || typeof f.name !== 'string') return;
      tools.set(f.name, cache.compile(f.parameters, `tools[${i}].function.parameters`));
    });
  }
  if (content === null && tools.size === 0) return null;
  return { content, tools, declared, policy, worker: cache.worker };
}

/** The request's choice: the header, else the daemon's default. A value that is neither is a 400. */
export function schemaPolicy(header: string | string[] | undefined, fallback: SchemaPolicy): SchemaPolicy {
  return headerChoice(header, SCHEMA_HEADER, SCHEMA_POLICIES, fallback);
}

export interface ValueCheck {
  /** null: the check could not run (`error` says why); no verdict. */
  valid: boolean | null;
  error?: string;
  errors: SchemaError[];
  /** The value's text after coercion ('' when none was applied: the text is unchanged). */
  text: string;
  /** The coercions applied, as repairs of the value's raw text. */
  coerced: Repair[];
}

/** A value's text after its coercions (schemaCoerce.ts coerceWhole) and the coercions as repairs. */
export interface Coerced {
  text: string;
  repairs: Repair[];
}

/**
 * Validates one JSON text, or (`coerced`, with coercions) its coerced text instead, which `text` and
 * `coerced` of the result then carry. On the event loop while its pattern work stays within
 * EVENT_LOOP_PATTERN_BUDGET, and then synchronously (the result, not a promise); else (the same check,
 * from the start) on `worker`'s thread, bounded there in time and memory: a bound hit is `error`, never
 * a verdict.
 */
export function checkValue(validate: Validator, text: string, coerced: Coerced | null, worker: SchemaWorker): Pending<ValueCheck> {
  const changed = coerced !== null && coerced.repairs.length > 0 ? coerced : null;
  const checked = changed?.text ?? text;
  let value: unknown;
  try {
    value = JSON.parse(checked);
  } catch (e) {
    if (!(e instanceof SyntaxError)) return notRun(`the schema check could not run: ${(e as Error).message}`);
    return { valid: false, errors: [{ path: '', message: 'is not JSON, so it cannot match the schema' }], text: '', coerced: [] };
  }
  const done = (v: Verdict): ValueCheck => ({ valid: v.valid, errors: v.valid ? [] : toErrors(v.errors), text: changed?.text ?? '', coerced: changed?.repairs ?? [] });
  try {
    // each validation synchronous under its budget (an await inside withBudget would leave it)
    return done(re2Engine.withBudget(EVENT_LOOP_PATTERN_BUDGET, () => ajvVerdict(validate, value)));
  } catch (e) {
    if (!(e instanceof OverBudget)) return notRunOr(e);
  }
  return worker.validate(validate.schema, checked).then(done, notRunOr);
}

function ajvVerdict(validate: Validator, value: unknown): Verdict {
  const valid = validate(value) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []) };
}

/** The check that could not run (`e`), or `e` thrown on when it is not such a reason. */
function notRunOr(e: unknown): ValueCheck {
  const why = e instanceof CheckStopped ? e.message : notRunReason(e);
  if (why === null) throw e;
  return notRun(why);
}

/**
 * Why a check could not run, as its `error` says (null: `e` is not such a reason): the pattern engine
 * failed (re2Engine.ts), or ajv's recursion ran out of stack (thousands of levels: far past the engine's
 * default maxDepth of 512). No verdict and no coercion then.
 */
export function notRunReason(e: unknown): string | null {
  if (e instanceof PatternEngineFailed) return e.message;
  if (e instanceof RangeError) return `the schema check could not run: the value is nested too deeply (${e.message})`;
  if (e instanceof GatewayError) return `the schema check could not run: ${e.message}`;
  return null;
}

function notRun(error: string): ValueCheck {
  return { valid: null, error, errors: [], text: '', coerced: [] };
}

function toErrors(errors: ErrorObject[] | null | undefined): SchemaError[] {
  return (errors ?? []).slice(0, MAX_SCHEMA_ERRORS).map((e) => ({ path: e.instancePath, message: e.message ?? e.keyword }));
}

/** One checked value's part of a report: a verdict (`valid` true or false), or a check that could not
 * run (`valid` null, `error`). */
export interface ReportPart {
  valid: boolean | null;
  error?: string;
  errors: SchemaError[];
}

/**
 * Joins the reports of the content and the tool calls into the artifact's `schema`. A value that failed
 * is a verdict on the answer whatever else could not be checked: invalid, then (no value failed) the
 * first check that could not run makes it `{ valid: null, error }`, else valid. `error` is kept beside an
 * invalid verdict too, so the artifact says what was not checked.
 */
export function schemaReport(parts: readonly ReportPart[]): SchemaReport {
  const errors = parts.flatMap((p) => p.errors);
  const error = parts.find((p) => p.error !== undefined)?.error;
  const valid = parts.some((p) => p.valid === false) ? false : error !== undefined ? null : true;
  return error !== undefined ? { valid, error, errors } : { valid, errors };
}

/** What the x-streamfix-schema header and trailer say of a report. */
export function schemaVerdict(report: SchemaReport): 'valid' | 'invalid' | 'error' {
  return report.valid === true ? 'valid' : report.valid === false ? 'invalid' : 'error';
}
