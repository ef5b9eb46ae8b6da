/**
 * The process's RE2 (re2-wasm) instance, the expressions compiled in it, and its recovery when it dies.
 *
 * re2-wasm is an Emscripten module with a fixed 16 MB WebAssembly heap. When a compile or a match runs
 * out of it, the module aborts (a WebAssembly.RuntimeError) in the middle of C++ code: what that call had
 * allocated is never freed, so the heap stays full and every later compile fails. The heap cannot grow,
 * but a second instance can be made without a restart: the Emscripten glue (re2-wasm/build/wasm/re2.js)
 * instantiates its module synchronously when it is evaluated, so evaluating its text again gives a fresh
 * instance with an empty heap. re2-wasm's RE2 class reads `WrappedRE2` off the glue's module object at
 * each compile, so replacing that property moves every later compile to the fresh instance; the
 * expressions of the dead one are dropped with it (never freed into a dead heap), and the dead instance's
 * memory goes once nothing refers to it. Patterns are compiled again on their next use.
 *
 * The glue's text is read from beside the bundle (dist/re2-glue.js, copied there by `npm run build:node`
 * with dist/re2.wasm) or, unbundled, from node_modules; the glue reads re2.wasm from its own directory.
 *
 * Example:
 *   const rx = re2Engine.compile('^a+$', '^a+$', 1);   // cached: the same object until evicted
 *   re2Engine.test('^a+$', '^a+$', 1, 'aa')             // -> true; throws PatternEngineFailed if it dies
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RE2 } from 're2-wasm';

/** Compiled RE2 expressions kept (each holds WebAssembly memory outside the JS heap). */
export const PATTERN_CACHE_SIZE = 512;
/** The compiled expressions' estimated sizes (patternSize.ts) kept at most: six at the size bound, each
 * measured at ~1 MB of heap or less, so that compiling one more still has room in the 16 MB. */
export const PATTERN_CACHE_UNITS = 60_000;

/** The Emscripten module object RE2 compiles through (the same module as re2-wasm's own require). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const glue = require('re2-wasm/build/wasm/re2.js') as { WrappedRE2: unknown };

/** The pattern engine died under a check or could not be started again: the check could not run. */
export class PatternEngineFailed extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`the pattern engine (RE2) failed, pattern "${pattern}" could not be checked: ${reason}`);
  }
}

/** The check's pattern work went past its budget (Re2Engine.withBudget): it is run again off the event
 * loop, on the check's own thread (schemaWorker.ts). */
export class OverBudget extends Error {
  constructor() {
    super('the pattern work of this check is over its budget on the event loop');
  }
}

/** RE2 refused the pattern (its syntax, or a feature it cannot run): `reason` is RE2's own message. */
export class Re2Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** RE2 ran out of its heap compiling the pattern in a fresh instance: the pattern alone is too large. */
export class Re2OutOfMemory extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 200);
}

/** re2-wasm's glue, resolved at run time only when this code is not bundled (a variable: esbuild leaves it). */
const GLUE_MODULE = 're2-wasm/build/wasm/re2.js';

/** The glue's file: beside the bundle when this code is bundled, else re2-wasm's own. */
function glueFile(): string {
  const beside = join(__dirname, 're2-glue.js');
  return existsSync(beside) && existsSync(join(__dirname, 're2.wasm')) ? beside : require.resolve(GLUE_MODULE);
}

/** Evaluates the glue (`file`, re2.wasm beside it) again: a new module instance with its own, empty heap;
 * returns its WrappedRE2 class. */
export function freshWrappedRE2(file = glueFile()): unknown {
  const module = { exports: {} as { WrappedRE2?: unknown } };
  // a CommonJS module's own wrapper: the glue sets module.exports and reads re2.wasm from __dirname
  const run = new Function('module', 'exports', 'require', '__filename', '__dirname', readFileSync(file, 'utf8')) as (...a: unknown[]) => void;
  run(module, module.exports, require, file, dirname(file));
  if (typeof module.exports.WrappedRE2 !== 'function') throw new Error(`${file} did not define WrappedRE2`);
  return module.exports.WrappedRE2;
}

/** Frees the WebAssembly object behind `rx`, which re2-wasm never frees (its wrapper is not in the typings). */
function freeRE2(rx: RE2): void {
  (rx as unknown as { wrapper: { delete(): void } }).wrapper.delete();
}

export class Re2Engine {
  private readonly compiled = new Map<string, { rx: RE2; units: number }>();
  private units = 0;
  /** Why the engine is unusable (it died and a new instance could not be made), or null. */
  private dead: string | null = null;
  private readonly listeners = new Set<(message: string) => void>();
  /** Test seam: the next call into the module throws this instead, as an abort would. */
  private fault: string | null = null;
  /** Test seam: the next start of a fresh instance throws this instead. */
  private startFault: string | null = null;
  /** New instances made after a death. */
  restarts = 0;
  /** Pattern work the current check may still do, in characters × pattern units (withBudget). */
  private budget = Infinity;

  /** `listener(message)` on each death (a warning for the log and /health); returns the unsubscribe. */
  onRestart(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Test seam: the next compile or match fails as re2-wasm's abort does (the instance is replaced). */
  failNextCall(reason: string): void {
    this.fault = reason;
  }

  /** The expression of `source` (RE2 syntax), compiled at most once while cached. Throws Re2Refused,
   * Re2OutOfMemory (too large even for an empty heap) or PatternEngineFailed (no instance could be made). */
  compile(pattern: string, source: string, units: number): RE2 {
    const hit = this.compiled.get(source);
    if (hit !== undefined) {
      // re-inserted: Map order is the recency order
      this.compiled.delete(source);
      this.compiled.set(source, hit);
      return hit.rx;
    }
    if (this.dead !== null) this.restart(pattern, this.dead);
    if (this.dead !== null) throw new PatternEngineFailed(pattern, this.dead);
    let rx: RE2;
    try {
      rx = this.newRE2(source);
    } catch (e) {
      if (e instanceof Re2Refused) throw e;
      // the heap may have been full of other expressions (or left full by an earlier death): once more in
      // a fresh instance; if it dies there too, the pattern alone is too large
      this.restart(pattern, firstLine(e));
      if (this.dead !== null) throw new PatternEngineFailed(pattern, this.dead);
      try {
        rx = this.newRE2(source);
      } catch (e2) {
        if (e2 instanceof Re2Refused) throw e2;
        this.restart(pattern, firstLine(e2));
        throw new Re2OutOfMemory(firstLine(e2));
      }
    }
    this.keep(source, rx, units);
    return rx;
  }

  /** Test seam: the next fresh instance cannot be made (`reason`), as when the process has no memory for it. */
  failNextStart(reason: string): void {
    this.startFault = reason;
  }

  /**
   * Runs `f` (one check) with at most `cost` of pattern work, counted before each match as the pattern's
   * units (patternSize.ts) × (the string's length + 1); past it the match throws OverBudget instead of
   * running. Why the product: RE2 is linear in the string, but its DFA can run out of its state cache
   * and fall back to the NFA, whose cost per character grows with the program (measured up to ~1 µs of
   * CPU per character and unit, load 13), so the product bounds a check's time on the event loop.
   */
  withBudget<T>(cost: number, f: () => T): T {
    const before = this.budget;
    this.budget = cost;
    try {
      return f();
    } finally {
      this.budget = before;
    }
  }

  /** Frees every compiled expression with its DFA state cache (a thread that ran a check starts the next
   * one with an empty heap). */
  clear(): void {
    for (const { rx } of this.compiled.values()) freeRE2(rx);
    this.compiled.clear();
    this.units = 0;
  }

  /** `source` against `s`. A death under the match is PatternEngineFailed (the instance is replaced);
   * past the check's budget, OverBudget (nothing run). */
  test(pattern: string, source: string, units: number, s: string): boolean {
    this.budget -= units * (s.length + 1);
    if (this.budget < 0) throw new OverBudget();
    let rx: RE2;
    try {
      rx = this.compile(pattern, source, units);
    } catch (e) {
      if (e instanceof PatternEngineFailed) throw e;
      // it compiled when its schema did: failing now is the engine's state, not the pattern's
      throw new PatternEngineFailed(pattern, (e as Error).message);
    }
    try {
      return this.call(() => rx.test(s));
    } catch (e) {
      const reason = firstLine(e);
      this.restart(pattern, reason);
      throw new PatternEngineFailed(pattern, reason);
    }
  }

  private newRE2(source: string): RE2 {
    try {
      return this.call(() => new RE2(source, 'u'));
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      // re2-wasm's message is "Invalid regular expression: /<source>/u: <RE2's reason>"
      throw new Re2Refused(e.message.slice(e.message.lastIndexOf('/u: ') + 4));
    }
  }

  private call<T>(f: () => T): T {
    const fault = this.fault;
    if (fault !== null) {
      this.fault = null;
      throw new WebAssembly.RuntimeError(`abort(${fault})`);
    }
    return f();
  }

  private keep(source: string, rx: RE2, units: number): void {
    this.compiled.set(source, { rx, units });
    this.units += units;
    while (this.compiled.size > PATTERN_CACHE_SIZE || (this.units > PATTERN_CACHE_UNITS && this.compiled.size > 1)) {
      const [oldest, old] = this.compiled.entries().next().value!;
      this.compiled.delete(oldest);
      this.units -= old.units;
      freeRE2(old.rx);
    }
  }

  /** The instance died (`reason`): a fresh one replaces it, its expressions are dropped. */
  private restart(pattern: string, reason: string): void {
    this.compiled.clear();
    this.units = 0;
    let message: string;
    try {
      const fault = this.startFault;
      this.startFault = null;
      if (fault !== null) throw new Error(fault);
      glue.WrappedRE2 = freshWrappedRE2();
      this.dead = null;
      this.restarts++;
      message = `the pattern engine (RE2) died (${reason}) at pattern "${pattern}"; a new instance replaced it, compiled patterns are compiled again on their next use`;
    } catch (e) {
      this.dead = `${reason}; a new instance could not be started: ${firstLine(e)}`;
      message = `the pattern engine (RE2) died (${reason}) at pattern "${pattern}" and could not be started again (${firstLine(e)}): pattern checks report an error until it can`;
    }
    for (const l of this.listeners) l(message);
  }
}

/** The one engine of the process (re2-wasm's module is one per process). */
export const re2Engine = new Re2Engine();
