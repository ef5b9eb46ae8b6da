/**
 * The thread a schema check moves to when its patterns would run on long strings (issue 10 §4): there a
 * check can neither block the event loop nor take the daemon's RE2 heap with it. RE2 is linear in the
 * string, but when its DFA runs out of state cache it falls back to the NFA: `^[ab]*a[ab]{18}$` against
 * 200,000 a/b took ~2 s of CPU a match, and a few such matches exhausted the 16 MB WebAssembly heap. A
 * check starts on the event loop with a budget of pattern work (re2Engine.ts withBudget); past it, the
 * whole check runs here instead, on one thread with its own RE2 instance, its own heap and a deadline:
 *
 * - time: a check not answered within `deadlineMs` (timed from when the thread takes it) is stopped:
 *   the thread is terminated and the next check starts a new one;
 * - memory: the thread's JS heap is limited (`resourceLimits`), its RE2 heap is its own 16 MB, and every
 *   compiled expression (with its DFA cache) is freed after each check, so each check starts empty.
 *
 * Either bound hit is a CheckStopped naming it: the check reports `error`, never a verdict. Checks are
 * run one at a time, in order; the thread is started on the first and unref'd (it never keeps the
 * process alive).
 *
 * Example:
 *   const w = new SchemaWorker();
 *   await w.validate({ type: 'string', pattern: '^a+$' }, '"aaa"')  // -> { valid: true, errors: [] }
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ErrorObject } from 'ajv';

/** A check's time on the thread at most. */
export const SCHEMA_CHECK_DEADLINE_MS = 1000;
/** The thread's JS heap (old generation) at most: the value parsed again, ajv's errors. */
export const SCHEMA_THREAD_HEAP_MB = 256;
/** How long the thread may take to load ajv and RE2 before checks give up on it. */
const STARTUP_MS = 30_000;

/** ajv's outcome of one validation. */
export interface Verdict {
  valid: boolean;
  errors: ErrorObject[];
}

/** What the thread is sent: a schema and a JSON text to check against it. */
export interface ThreadJob {
  id: number;
  schema: unknown;
  text: string;
}

/** What the thread answers: `ready` once loaded, then per job a verdict or why the check could not run
 * (`memory`: RE2 ran out of its heap). */
export type ThreadReply = { ready: true } | { id: number; verdict: Verdict } | { id: number; error: string; memory: boolean };

/** A check stopped at a bound or not run on the thread: `error`, never a verdict. */
export class CheckStopped extends Error {}

interface Pending {
  job: ThreadJob;
  resolve(v: Verdict): void;
  reject(e: CheckStopped): void;
}

/** tsx's CommonJS hook, resolved at run time only when this code is not bundled (a variable: esbuild leaves it). */
const TSX_HOOK = 'tsx/cjs';

/** A new thread: the bundled entry beside this code (dist/schemaThread.js), else its source through tsx
 * (tests: a worker given a .ts file does not get the parent's tsx loader). */
function newThread(options: WorkerOptions): Worker {
  const bundled = join(__dirname, 'schemaThread.js');
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = join(__dirname, 'schemaThread.ts');
  return new Worker(`require(${JSON.stringify(require.resolve(TSX_HOOK))}); require(${JSON.stringify(source)});`, { ...options, eval: true });
}

export class SchemaWorker {
  private worker: Worker | null = null;
  private ready = false;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  /** Checks run on the thread (tests: which checks moved). */
  checks = 0;
  /** Threads started. */
  starts = 0;

  constructor(readonly deadlineMs = SCHEMA_CHECK_DEADLINE_MS) {}

  /** `text` (JSON) against `schema` on the thread; rejects with CheckStopped at a bound. */
  validate(schema: unknown, text: string): Promise<Verdict> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, schema, text }, resolve, reject });
      this.pump();
    });
  }

  /** Stops the thread; checks waiting for it are stopped too. */
  close(): void {
    this.stopThread();
    for (const p of this.queue.splice(0)) p.reject(new CheckStopped('the schema check was stopped: the gateway closed'));
  }

  private pump(): void {
    if (this.current !== null || this.queue.length === 0) return;
    if (this.worker === null) this.startThread();
    if (!this.ready) return;
    const p = (this.current = this.queue.shift()!);
    this.checks++;
    this.worker!.postMessage(p.job);
    // stopped: a new thread is started at once, so the next check does not wait for its start-up (~1 s at load 12)
    this.arm(this.deadlineMs, () => `the schema check stopped after ${this.deadlineMs} ms (its time bound): its patterns had not finished on ${p.job.text.length.toLocaleString('en-US')} characters`, true);
  }

  private startThread(): void {
    this.starts++;
    this.ready = false;
    const w = newThread({ resourceLimits: { maxOldGenerationSizeMb: SCHEMA_THREAD_HEAP_MB } });
    w.unref();
    this.worker = w;
    w.on('message', (m: ThreadReply) => this.onReply(w, m));
    w.on('error', (e: Error & { code?: string }) => {
      if (this.worker !== w) return;
      const why = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the schema check stopped at its memory bound: its thread ran out of its ${SCHEMA_THREAD_HEAP_MB} MB heap` : `the schema check's thread failed: ${e.message}`;
      this.fail(why);
    });
    w.on('exit', (code) => {
      if (this.worker === w) this.fail(`the schema check's thread exited (code ${code})`);
    });
    this.arm(STARTUP_MS, () => `the schema check's thread did not start within ${STARTUP_MS / 1000} s`, false);
  }

  private onReply(w: Worker, m: ThreadReply): void {
    if (this.worker !== w) return;
    this.disarm();
    if ('ready' in m) {
      this.ready = true;
      return this.pump();
    }
    const p = this.current;
    this.current = null;
    if (p !== null && p.job.id === m.id) {
      if ('verdict' in m) p.resolve(m.verdict);
      else p.reject(new CheckStopped(m.memory ? `the schema check stopped at its memory bound: ${m.error}` : m.error));
    }
    this.pump();
  }

  /** The thread is gone or must go (`why`): the check it had (or, at start-up, every waiting one) is
   * stopped with `why`; a new thread is started now (`restart`) or by the next check. */
  private fail(why: string, restart = false): void {
    const stopped = this.current !== null ? [this.current] : this.queue.splice(0);
    this.current = null;
    this.stopThread();
    for (const p of stopped) p.reject(new CheckStopped(why));
    if (restart) this.startThread();
    this.pump();
  }

  private stopThread(): void {
    this.disarm();
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    if (w !== null) void w.terminate();
  }

  private arm(ms: number, why: () => string, restart: boolean): void {
    this.disarm();
    this.timer = setTimeout(() => this.fail(why(), restart), ms);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
