/**
 * `takeCorrections`: the answer of a text that starts as JSON and corrects it later.
 *
 * A live stream sends a JSON-started text's first value as it comes, and output is never taken back,
 * so a later correction (`{"a": 1}` `Actually, use {"a": 2} instead.`) is only recorded, as a stripped
 * span of kind `correction` (finish.ts). A caller that has the whole text before it shows anything (a
 * non-streaming response, the CLI without --stream, Repair JSON Selection) can take the correction
 * instead: this repairer holds every output until the end, then answers with the last correction,
 * repaired on its own, and records the value it replaces as a `draft` (the words leading to the
 * correction become prose before the answer). The same repairer runs one-shot (`repairJson`) and chunk by chunk,
 * so the two stay byte-identical with the option as without it.
 *
 *   repairJson('{"a": 1}\n\nActually, use {"a": 2} instead.', { takeCorrections: true })
 *   // => VALID '{"a": 2}', stripped: draft '{"a": 1}', prose 'Actually, use', trailing 'instead.'
 */
import { StreamFixError } from './errors';
import { Machine } from './machine';
import { Segment } from './segment';
import type { Repair, RepairOptions, RepairResult, StreamRepairer, StreamUpdate, Stripped } from './types';

type EndResult = RepairResult & { final: string; reasoning: string; finalRepairs: readonly Repair[] };

const NONE: readonly never[] = Object.freeze([]);

/** Rejects options that cannot go with takeCorrections: it holds the whole output and lists. */
export function checkTakeOptions(options: RepairOptions): void {
  const t = options.takeCorrections;
  if (t !== undefined && typeof t !== 'boolean') {
    throw new StreamFixError('INVALID_OPTION', `Option takeCorrections must be a boolean, got ${String(t)}`);
  }
  if (t !== true) return;
  if (options.keepOutput === false) {
    throw new StreamFixError('INVALID_OPTION', 'Option takeCorrections holds the whole output until the end: it cannot go with keepOutput: false');
  }
  if (options.maxListEntries !== undefined || options.maxStrippedEntries !== undefined) {
    throw new StreamFixError('INVALID_OPTION', 'Option takeCorrections decides the lists at the end: it cannot go with maxListEntries / maxStrippedEntries');
  }
}

export class CorrectionTaker implements StreamRepairer {
  private readonly m: Machine;
  private readonly inner: RepairOptions;
  /** The input so far (the replaced value's text is recorded from it). */
  private input = '';
  private out = '';
  private ended = false;
  private extraScanned = 0;

  constructor(options: RepairOptions) {
    this.inner = { ...options, takeCorrections: undefined };
    this.m = new Machine(this.inner);
  }

  /** What the inner repairer wrote so far, held (release() hands it out); dropped at the release. */
  private heldOut = '';
  private heldRepairs: Repair[] = [];
  private heldStripped: Stripped[] = [];
  private released = false;
  private phase: StreamUpdate['phase'] = 'before';

  // push, end, view and tentative are prototype methods, as the plain repairer's (index.ts Repairer)
  push(chunk: string): StreamUpdate {
    const u = this.m.push(chunk);
    if (this.released) return u;
    this.input += chunk;
    this.phase = u.phase;
    // nothing is decided until the end: the output, its repairs and spans are held; reasoning is
    // reasoning whichever value is the answer, so it still streams
    if (u.output !== '') this.heldOut += u.output;
    // (copied: the engine may reuse its arrays)
    for (const x of u.repairs) this.heldRepairs.push(x);
    for (const x of u.stripped) this.heldStripped.push(x);
    return { output: '', repairs: NONE, stripped: NONE, reasoning: u.reasoning, phase: u.phase };
  }

  /** The output the inner repairer wrote so far and this one holds ('' after release()). */
  get heldOutput(): string {
    return this.heldOut;
  }

  /**
   * Gives up taking a correction: the held output, repairs and spans go out now, as one update (what the
   * pushes so far would have given without the option), and from here on this is a plain stream
   * repairer: pushes give their output, end() the first value, a correction only recorded. For a caller
   * that must place something after the text before the end (a Messages answer's thinking or tool_use
   * block after its JSON started): its order is the stream's. Empty after the end or a release.
   */
  release(): StreamUpdate {
    if (this.released || this.ended) return { output: '', repairs: NONE, stripped: NONE, reasoning: '', phase: this.phase };
    const u: StreamUpdate = { output: this.heldOut, repairs: this.heldRepairs, stripped: this.heldStripped, reasoning: '', phase: this.phase };
    this.released = true;
    this.input = this.heldOut = '';
    this.heldRepairs = [];
    this.heldStripped = [];
    return u;
  }

  end(): EndResult {
    const r = this.m.end();
    this.ended = true;
    if (this.released) return r;
    const result = r.status === 'FAILED' ? r : this.taken(r);
    const json = result.json ?? '';
    this.out = json;
    return { ...result, final: json, reasoning: r.reasoning, finalRepairs: result.repairs };
  }

  /** The held output as the inner repairer has it (what the answer is if no correction follows). */
  view(): string | null {
    return this.ended && !this.released ? this.out : this.m.view();
  }

  tentative(): string | null {
    return this.ended ? null : (this.m.tentative() ?? this.m.view());
  }

  get emitted(): string {
    return this.released ? this.m.emitted : this.out;
  }

  get charsScanned(): number {
    return this.m.charsScanned + this.extraScanned;
  }

  /** The result with its last correction as the answer (unchanged when there is none). */
  private taken(r: EndResult): RepairResult {
    const { final: _f, reasoning: _r, finalRepairs: _fr, ...result } = r;
    const spans = result.stripped;
    let k = spans.length - 1;
    while (k >= 0 && spans[k]!.kind !== 'correction') k--;
    if (k < 0) return result;
    const c = spans[k]!;
    const sub = new Machine(this.inner, { at: { offset: c.offset, line: c.line, column: c.column }, stopAfter: true, midText: false });
    sub.push(c.text);
    const v = sub.end();
    this.extraScanned += sub.charsScanned;
    // the value given again unchanged (a check between them confirmed it): nothing to take
    if (v.status === 'FAILED' || v.json === null || v.json === result.json) return result;
    const from = this.m.answerStart;
    let to = this.m.answerEnd < 0 ? this.input.length : this.m.answerEnd;
    // (the spaces before a reasoning block that ended the value are not the draft's)
    while (to > from && /\s/.test(this.input[to - 1]!)) to--;
    // the replaced value is a `draft` (so are earlier corrections the last one replaced), the words
    // between it and the correction taken are prose before the answer
    const at = new Segment(this.input, 0, 0, 0);
    const draft: Stripped = { kind: 'draft', offset: from, length: to - from, line: at.line(from), column: at.column(from), text: this.input.slice(from, to) };
    const stripped: Stripped[] = [];
    let placed = false;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      if (i === k) continue;
      if (!placed && s.offset >= from) {
        stripped.push(draft);
        placed = true;
      }
      const before = i < k && s.offset >= from;
      stripped.push(before && s.kind === 'trailing' ? { ...s, kind: 'prose' } : before && s.kind === 'correction' ? { ...s, kind: 'draft' } : s);
    }
    if (!placed) stripped.push(draft);
    stripped.sort((a, b) => a.offset - b.offset);
    // the replaced value's repairs were made to a draft: only the answer's are the answer's
    const repairs = result.repairs.filter((x) => x.offset < from || x.offset >= c.offset + c.length).concat(v.repairs);
    repairs.sort((a, b) => a.offset - b.offset);
    const extra = stripped.some((s) => s.kind === 'extra_value');
    const status = v.status === 'VALID' && (extra || repairs.length > 0) ? 'REPAIRED' : v.status;
    return { status, json: v.json, repairs, stripped };
  }
}
