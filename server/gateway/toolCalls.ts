/**
 * Tool-call arguments are JSON, streamed per tool-call index (`delta.tool_calls[i].index`), and parallel
 * calls interleave: one stream repairer per index, so each call's arguments are repaired on their own.
 */
import { createStreamRepairer, repairJson } from '../../shared/engine';
import { REPAIR_MESSAGES } from '../../shared/engine/messages';
import type { Repair, RepairOptions, RepairResult, StreamRepairer, Stripped } from '../../shared/engine';
import type { ArtifactCut, ToolCallArtifact } from '../../shared/protocol';
import { ARTIFACT_LIST_LIMIT, ARTIFACT_STRIPPED_LIMIT, ARTIFACT_TEXT_LIMIT, BoundedText, listCuts } from './boundedText';
import type { Redactor, TextRedaction } from './redact';
import { resultAsSent } from './unfinished';

interface ToolCallState {
  index: number;
  id?: string;
  name?: string;
  /** The arguments as received, as the artifact keeps them (bounded: head and tail). */
  kept: BoundedText;
  /** Repairing: the arguments as received while the engine has sent nothing of them, for the no-JSON
   * answer (the text as sent); null from its first output on (the engine holds what it has not decided,
   * up to its maxHoldBack, so this is bounded alike). */
  unsent: string | null;
  repairer: StreamRepairer | null;
  /** Repairing: the engine's output, as the artifact keeps it (bounded: head and tail); the engine keeps
   * no copy of its own unless the whole arguments are checked at the end (`keepWhole`). */
  repaired: BoundedText;
  result: RepairResult | null;
  /** The request's secrets taken out of the arguments before the engine sees them (redact.ts). */
  redaction: TextRedaction | null;
  /** The engine read the end of the arguments' JSON value (past it, it writes nothing more but the
   * whitespace that followed, at the end). */
  complete: boolean;
  /** The index the client sees for this call, when it is not `index` (indexOf): null when the upstream
   * sent none, the upstream's when it reused another call's index for this one. */
  wireIndex?: number | null;
  /** Arguments the upstream sent as a JSON value, not a string (argumentsText), in the artifact's repairs. */
  objectRepairs: Repair[];
  /** With `snapshots`, until its snapshot was taken: the engine's repairs and stripped spans so far. */
  soFar: { repairs: Repair[]; stripped: Stripped[] } | null;
  /** Ended by abandon() (the client left): its repaired arguments are what the engine wrote before. */
  abandoned?: true;
}

export interface ToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  /** `arguments` is a string; some OpenAI-compatible servers send the JSON object itself (argumentsText). */
  function?: { name?: string; arguments?: string | Record<string, unknown> | unknown[] };
  [k: string]: unknown;
}

/**
 * A tool call's `arguments` as text. The chat API sends a string; some OpenAI-compatible servers send the
 * JSON object itself (`"arguments": {"x": 1}`), which the openai SDK concatenates as "[object Object]".
 * Such a value is its JSON text, with a repair of kind `arguments_object` at `offset` (where the text
 * starts in the call's arguments) that says so; the rewriting modes send the text, passthrough only
 * records it. null: no arguments (absent, null, or another type).
 */
export function argumentsText(args: unknown, offset = 0): { text: string; repair: Repair | null } | null {
  if (typeof args === 'string') return { text: args, repair: null };
  if (typeof args !== 'object' || args === null) return null;
  const text = JSON.stringify(args);
  const repair: Repair = { kind: 'arguments_object', offset, line: 0, column: offset, length: 0, replacement: text, message: REPAIR_MESSAGES.arguments_object };
  return { text, repair };
}

/**
 * Arguments that are empty or only white space: a call to a tool without parameters, which the engine
 * finds no JSON in (FAILED). Its arguments are `{}`, with a repair of kind `empty_arguments` at the text's
 * end, so the client gets an object and the status says what was done (REPAIRED), not that a check failed.
 * Anything else that is not JSON stays FAILED.
 */
function emptyArguments<R extends RepairResult>(raw: string, r: R): R {
  if (r.status !== 'FAILED' || r.error?.code !== 'NO_JSON' || raw.trim() !== '') return r;
  const lines = raw.split('\n');
  const repair: Repair = { kind: 'empty_arguments', offset: raw.length, length: 0, line: lines.length - 1, column: lines[lines.length - 1].length, replacement: '{}', message: REPAIR_MESSAGES.empty_arguments };
  const { error: _none, ...rest } = r;
  return { ...rest, status: 'REPAIRED', json: '{}', repairs: [...r.repairs, repair] } as R;
}

/**
 * A call's name after one more delta's `function.name`. Most providers send the name whole in the call's
 * first delta and repeat it or leave it out after; some split it across deltas (`get_`, then `weather`).
 * A piece that repeats the name so far, or starts with it (a name sent whole again, or cumulatively), is
 * the name; any other piece continues it.
 * @example nameAfter('get_', 'weather') === 'get_weather'; nameAfter('read', 'read') === 'read'
 */
export function nameAfter(soFar: string | undefined, piece: string): string {
  return soFar === undefined || piece.startsWith(soFar) ? piece : soFar + piece;
}

/** What a call still owes at its end (ToolCallRepairers.end). */
export interface ToolCallEnd {
  index: number;
  text: string;
  repairs: Repair[];
  /** A call whose index the client does not see as `index` (indexOf): the closer names it by `id`, with
   * the upstream's index when it sent one (`wire`). */
  wire?: { index?: number; id?: string };
}

export class ToolCallRepairers {
  private readonly calls = new Map<number, ToolCallState>();
  /** The call the last delta without `index` went to (see indexOf). */
  private lastUnindexed: number | null = null;
  /** An upstream index reused for a new call: the call its deltas go to now (see indexOf). */
  private readonly reused = new Map<number, number>();

  constructor(
    private readonly repair: boolean,
    private readonly engine: RepairOptions = {},
    private readonly textLimit = ARTIFACT_TEXT_LIMIT,
    /** The engine keeps each call's whole output, for a check of the whole arguments at the end (a tool
     * schema); otherwise only the bounded copy is kept. */
    private readonly keepWhole = false,
    /** Repairing: each call's arguments are redacted as they stream (TextRedaction) with these secrets. */
    private readonly redactor: Redactor | null = null,
    /** Each call's repairs and stripped spans are kept as they come, for snapshot() (with keepWhole). */
    private readonly snapshots = false,
  ) {}

  private state(index: number): ToolCallState {
    let s = this.calls.get(index);
    if (!s) {
      const repairer = this.repair ? createStreamRepairer({ ...this.engine, jsonInput: true, keepOutput: this.keepWhole, maxListEntries: this.engine.maxListEntries ?? ARTIFACT_LIST_LIMIT, maxStrippedEntries: this.engine.maxStrippedEntries ?? ARTIFACT_STRIPPED_LIMIT }) : null;
      s = { index, kept: new BoundedText(this.textLimit), unsent: this.repair ? '' : null, repairer, repaired: new BoundedText(this.textLimit), result: null, complete: false, redaction: repairer && this.redactor ? this.redactor.textStage() : null, objectRepairs: [], soFar: repairer && this.snapshots ? { repairs: [], stripped: [] } : null };
      this.calls.set(index, s);
    }
    return s;
  }

  /**
   * The call a delta belongs to: its `index`, unless the upstream numbers calls otherwise. Some providers
   * send no `index` at all, some send every call as index 0; read by index (or by the delta's place in
   * the chunk), every call would be call 0 and the next call's arguments would be merged into the first
   * (and dropped as an extra value). So, as the AI SDK's tool-call tracker reads them: a delta with a
   * name whose `id` differs from its index's call's starts a new call (a known `id` is that call; a new id
   * without a name is the same call, ids changed per delta); without an index, a
   * new `id` (or, without an id, a `name`) starts a new call; a new call is numbered after the calls so
   * far. A delta with neither continues the last call of its index (or, without one, the last such call;
   * among several in one chunk, read by its place, as before).
   */
  indexOf(tc: ToolCallDelta, k: number, count: number): number {
    const id = typeof tc.id === 'string' && tc.id !== '' ? tc.id : null;
    const known = id === null ? undefined : [...this.calls.values()].find((c) => c.id === id);
    const named = typeof tc.function?.name === 'string' && tc.function.name !== '';
    if (typeof tc.index === 'number') {
      const at = this.reused.get(tc.index) ?? tc.index;
      const current = this.calls.get(at)?.id;
      // a new id starts a call only with a name (a call's start): an upstream that sends another id with
      // every delta of one call must not split it
      if (id === null || current === undefined || current === id || (known === undefined && !named)) return at;
      const index = known?.index ?? this.nextIndex();
      this.reused.set(tc.index, index);
      if (known === undefined) this.state(index).wireIndex = tc.index;
      return index;
    }
    let index: number;
    if (known !== undefined) index = known.index;
    else if (id !== null || named) index = this.nextIndex();
    else index = count > 1 || this.lastUnindexed === null ? k : this.lastUnindexed;
    this.state(index).wireIndex = null;
    this.lastUnindexed = index;
    return index;
  }

  private nextIndex(): number {
    return this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
  }

  /**
   * Records one tool-call delta of call `index` (indexOf) and rewrites its `function.arguments` in place
   * with the repaired output decided so far. Returns the repairs decided by this delta.
   */
  push(tc: ToolCallDelta, index: number): Repair[] {
    const s = this.state(index);
    if (typeof tc.id === 'string' && tc.id) s.id = tc.id;
    if (typeof tc.function?.name === 'string' && tc.function.name) s.name = nameAfter(s.name, tc.function.name);
    const got = argumentsText(tc.function?.arguments, s.kept.length);
    if (got === null || got.text === '') return [];
    // passthrough forwards the bytes and records the text, changed in nothing: no repair
    if (got.repair !== null && s.repairer) {
      s.objectRepairs.push(got.repair);
      // the rewriting modes send the text (the engine's output replaces it below)
      tc.function!.arguments = got.text;
    }
    const args = s.redaction === null ? got.text : s.redaction.push(got.text);
    s.kept.add(args);
    if (!s.repairer) return [];
    const repairs = this.feed(s, args, tc);
    return got.repair !== null ? [got.repair, ...repairs] : repairs;
  }

  /** Repairing: `args` to the call's engine; `tc`'s arguments become what it decided. */
  private feed(s: ToolCallState, args: string, tc: ToolCallDelta): Repair[] {
    // before the push: a delta the engine refuses (a limit) is still part of the text as sent
    if (s.unsent !== null) s.unsent += args;
    const u = s.repairer!.push(args);
    if (u.output !== '') s.unsent = null;
    s.repaired.add(u.output);
    tc.function!.arguments = u.output;
    s.complete = u.phase === 'after';
    if (s.soFar !== null) {
      for (const r of u.repairs) s.soFar.repairs.push(r);
      for (const x of u.stripped) s.soFar.stripped.push(x);
    }
    return u.repairs.slice();
  }

  /**
   * Call `index`'s artifact as it stands, for the check of a value the engine read whole (complete(): past
   * its end the engine writes nothing more for it but the whitespace that followed, so its JSON is final;
   * what the upstream may still send for it is stripped, recorded at end()). Needs `snapshots` and
   * `keepWhole`; taken once (the lists kept for it are let go).
   * @example after `{'n': "5",}`: { rawArguments: `{'n': "5",}`, repairedArguments: '{"n": "5"}', status: 'REPAIRED', repairs: [single_quotes ×2, trailing_comma], stripped: [] }
   */
  snapshot(index: number): ToolCallArtifact {
    const s = this.calls.get(index)!;
    const soFar = s.soFar ?? { repairs: [], stripped: [] };
    s.soFar = null;
    const repairs = [...s.objectRepairs, ...soFar.repairs];
    return {
      index: s.index,
      ...(s.id !== undefined ? { id: s.id } : {}),
      ...(s.name !== undefined ? { name: s.name } : {}),
      rawArguments: s.kept.toString(),
      repairedArguments: s.repairer!.emitted,
      status: repairs.length > 0 || soFar.stripped.length > 0 ? 'REPAIRED' : 'VALID',
      repairs,
      stripped: soFar.stripped,
    };
  }

  /**
   * Ends every open call: returns the closing text per index (only non-empty ones), in index order.
   * When no JSON could be found in a call's arguments (FAILED), its raw text goes out instead so the
   * client still gets what the model sent.
   */
  end(): ToolCallEnd[] {
    const out: ToolCallEnd[] = [];
    for (const s of [...this.calls.values()].sort((a, b) => a.index - b.index)) {
      if (!s.repairer || s.result) continue;
      // a tail the redaction held (it could have been a secret's start) is the arguments' end
      const held = s.redaction?.end() ?? '';
      const tail: ToolCallDelta = { function: { arguments: held } };
      let early: Repair[] = [];
      if (held !== '') {
        s.kept.add(held);
        early = this.feed(s, held, tail);
      }
      const ended = s.repairer.end();
      const r = emptyArguments(s.kept.toString(), ended);
      s.result = r;
      // (the engine's output so far is the bounded copy's: its own is not kept)
      const text = r.status === 'FAILED' && s.repaired.length === 0 ? (s.unsent ?? '') : (tail.function!.arguments as string) + (r === ended ? r.final : '{}');
      s.repaired.add(r.final);
      const repairs = r === ended ? [...early, ...r.finalRepairs] : [...early, ...r.finalRepairs, r.repairs[r.repairs.length - 1]];
      // a call the client knows by another index (or none) is named as the upstream named it, with its id
      const wire = this.wireOf(s);
      if (text || repairs.length > 0) out.push({ index: s.index, text, repairs, ...wire });
    }
    return out;
  }

  /**
   * The client left mid-stream (CLIENT_ABORTED): every open call's check ends where the upstream was, and
   * nothing more is written for it. Its result keeps the repairs of what the engine wrote, without those
   * only the end decides (the closers, a comma dropped there), and its repaired arguments are what the
   * engine wrote before (never the `{}` of empty arguments, nor the raw text of a FAILED call: neither went
   * out). Before, the end ran as for a finished stream: `{"p": "ab` delivered was recorded as
   * `{"p": "ab"}`.
   */
  abandon(): void {
    for (const s of this.calls.values()) {
      if (!s.repairer || s.result) continue;
      s.result = resultAsSent(s.repairer);
      s.abandoned = true;
    }
  }

  /** How the client knows call `s` when not by `index` (indexOf): by its id, with the upstream's index
   * when it sent one. */
  private wireOf(s: ToolCallState): { wire?: { index?: number; id?: string } } {
    return s.wireIndex === undefined ? {} : { wire: { ...(s.wireIndex !== null ? { index: s.wireIndex } : {}), ...(s.id !== undefined ? { id: s.id } : {}) } };
  }

  /** The closer's name for call `index`: `{ index }`, or how the client knows it (wireOf). */
  closerName(index: number): { index?: number; id?: string } {
    const s = this.calls.get(index);
    return (s && this.wireOf(s).wire) ?? { index };
  }

  /** Call `index`'s name so far (nameAfter), null before any. */
  nameOf(index: number): string | null {
    return this.calls.get(index)?.name ?? null;
  }

  /** UTF-8 bytes of call `index`'s arguments as received, all of them (the artifact keeps head and tail). */
  argumentBytes(index: number): number {
    return this.calls.get(index)?.kept.bytes ?? 0;
  }

  /** Where the artifact's copies of the calls were cut: the raw arguments and (unless kept whole) the
   * repaired ones, bounded while they came, and the engine's lists. Whole repaired arguments are clipped
   * when the artifact is built. */
  cuts(): ArtifactCut[] {
    const out: ArtifactCut[] = [];
    for (const s of [...this.calls.values()].sort((a, b) => a.index - b.index)) {
      out.push(...s.kept.cuts(`toolCalls[${s.index}].rawArguments`));
      if (this.boundedRepaired(s)) out.push(...s.repaired.cuts(`toolCalls[${s.index}].repairedArguments`));
      out.push(...listCuts(s.result, `toolCalls[${s.index}].`));
    }
    return out;
  }

  /** Whether the artifact's repaired arguments of `s` are the bounded copy (the engine kept none). */
  private boundedRepaired(s: ToolCallState): boolean {
    return s.result !== null && s.result.json === null && (s.result.status !== 'FAILED' || s.abandoned === true);
  }

  /** Whether the call's arguments are a complete JSON value so far (repairing only). */
  complete(index: number): boolean {
    return this.calls.get(index)?.complete === true;
  }

  get size(): number {
    return this.calls.size;
  }

  artifacts(): ToolCallArtifact[] {
    return [...this.calls.values()]
      .sort((a, b) => a.index - b.index)
      .map((s) => {
        const r = s.result;
        const raw = s.kept.toString();
        return {
          index: s.index,
          ...(s.id !== undefined ? { id: s.id } : {}),
          ...(s.name !== undefined ? { name: s.name } : {}),
          rawArguments: raw,
          repairedArguments: r ? (s.abandoned ? s.repaired.toString() : (r.json ?? (r.status === 'FAILED' ? raw : s.repaired.toString()))) : raw,
          // arguments sent as a JSON value were changed into text: VALID would not say so
          status: r ? (r.status === 'VALID' && s.objectRepairs.length > 0 ? 'REPAIRED' : r.status) : 'PASSTHROUGH',
          repairs: [...s.objectRepairs, ...(r ? r.repairs : [])],
          // what the engine left out of the arguments (more top-level values: parallel calls in one string)
          stripped: r ? r.stripped : [],
        };
      });
  }
}

/** Repairs the arguments of complete (non-streamed) tool calls in place; returns their artifacts. */
export function repairToolCallsOnce(calls: unknown, repair: boolean, engine: RepairOptions = {}): ToolCallArtifact[] {
  if (!Array.isArray(calls)) return [];
  const out: ToolCallArtifact[] = [];
  calls.forEach((c: { id?: unknown; function?: { name?: unknown; arguments?: unknown } }, i) => {
    const got = argumentsText(c?.function?.arguments);
    if (got === null) return;
    const raw = got.text;
    // arguments sent as a JSON value: their text in the rewriting modes (passthrough: as they came)
    if (repair && got.repair !== null) c.function!.arguments = raw;
    // engine limits (StreamFixError) leave the arguments as sent; the caller records the error
    const r = repair ? emptyArguments(raw, repairJson(raw, { ...engine, jsonInput: true })) : null;
    if (r && r.json !== null) c.function!.arguments = r.json;
    const own = repair && got.repair !== null ? [got.repair] : [];
    out.push({
      index: i,
      ...(typeof c.id === 'string' ? { id: c.id } : {}),
      ...(typeof c.function?.name === 'string' ? { name: c.function.name } : {}),
      rawArguments: raw,
      repairedArguments: r ? (r.json ?? raw) : raw,
      status: r ? (r.status === 'VALID' && own.length > 0 ? 'REPAIRED' : r.status) : 'PASSTHROUGH',
      repairs: [...own, ...(r ? r.repairs : [])],
      stripped: r ? r.stripped : [],
    });
  });
  return out;
}
