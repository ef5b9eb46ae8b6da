/**
 * StreamFix engine: pulls valid JSON out of raw LLM output, whole or as a stream.
 *
 * @example
 *   import { repairJson, createStreamRepairer } from 'streamfix/engine';
 *   repairJson("<think>…</think>\n```json\n{name: 'Ada', tags: ['x',],}\n```").json
 *   // => '{"name": "Ada", "tags": ["x"]}'
 *
 *   const r = createStreamRepairer();
 *   for await (const chunk of modelStream) process.stdout.write(r.push(chunk).output);
 *   process.stdout.write(r.end().final);
 */
import { Machine } from './machine';
import { StreamFixError } from './errors';
import { CorrectionTaker, checkTakeOptions } from './takeCorrection';
import type { RepairOptions, RepairResult, StreamRepairer, StreamUpdate } from './types';

export * from './types';
export { StreamFixError } from './errors';
export { REPAIR_MESSAGES, REPAIR_LABELS } from './messages';
export { strippedParts, summarizeRepairs } from './summary';
export { createReasoningScanner, type ReasoningScanner, type ReasoningSink } from './reasoning';
export { createReasoningSplitter, splitReasoning, HOLD_PROSE, type ReasoningSplitter, type SplitOptions, type SplitOutput, type SplitPiece } from './split';

/** A repairer for a stream: push chunks as they arrive, then end(). The concatenated outputs of every
 * push plus `end().final` equal `repairJson` of the whole text, for any split into chunks. */
export function createStreamRepairer(options?: RepairOptions): StreamRepairer {
  if (options !== undefined && options.takeCorrections !== undefined) {
    checkTakeOptions(options);
    if (options.takeCorrections) return new CorrectionTaker(options);
  }
  return new Repairer(new Machine(options));
}

/** The repairer handed out: its methods and getters live on the prototype, shared by every repairer, so
 * a caller's `r.push(c)` / `r.view()` has one call target whichever repairer `r` is (an own function per
 * repairer, as bound methods were, changed the target with each new repairer and deoptimised the caller's
 * loop: "wrong call target"). Taken off the repairer a method needs `.bind(r)`. An object literal with
 * getters is kept in dictionary mode, and every push() and view() call on it was a hash lookup. */
class Repairer implements StreamRepairer {
  /**
   * One repairer kept alive for the module's life, never pushed to. V8 holds the shapes (maps) of
   * objects weakly, and optimized code embeds them: a full garbage collection while no repairer is alive
   * (a daemon between streams, a bench's `gc()`) frees the engine's shapes and throws away every
   * optimized engine function that embedded one ("weak objects"), and the caller's own loop around
   * `push()`; the next repairer gets new shapes, whose feedback V8 must learn again. Measured with
   * `gc()` before each run: `repairJson` of the bench's 4 MB document 80-110 ms instead of 16-20, the
   * 1 MB stream in 16-character chunks 120-160 ms instead of 12-13; with this repairer alive, unchanged.
   */
  static readonly keepShapes: Repairer = new Repairer(new Machine());
  constructor(private readonly m: Machine) {}
  push(chunk: string): StreamUpdate {
    return this.m.push(chunk);
  }
  end(): ReturnType<StreamRepairer['end']> {
    return this.m.end();
  }
  view(): string | null {
    return this.m.view();
  }
  tentative(): string | null {
    return this.m.tentative();
  }
  get emitted(): string {
    return this.m.emitted;
  }
  get charsScanned(): number {
    return this.m.charsScanned;
  }
}

/** Repair a whole text: push it all, then end. Never throws for any string input: a limit exceeded
 * or no JSON found gives status FAILED with `error`. */
export function repairJson(text: string, options?: RepairOptions): RepairResult {
  if (typeof text !== 'string') {
    throw new StreamFixError('INVALID_INPUT', `repairJson() takes a string, got ${text === null ? 'null' : typeof text}`);
  }
  if (options !== undefined && options.takeCorrections !== undefined) checkTakeOptions(options);
  const m = options !== undefined && options.takeCorrections === true ? new CorrectionTaker(options) : new Machine(options);
  try {
    m.push(text);
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
  }
  const { final: _final, reasoning: _reasoning, finalRepairs: _finalRepairs, ...result } = m.end();
  return result;
}
