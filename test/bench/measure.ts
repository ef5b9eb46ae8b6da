/** Timing helpers shared by the benchmark sections. */

declare const gc: (() => void) | undefined;

/** Collects garbage when node runs with --expose-gc, so one section's garbage is not billed to the
 * next. Called at the start of a section, before its warm-up. (It used to throw away the engine's
 * optimized code: V8 holds the shapes of objects weakly, and with no repairer alive a full collection
 * freed them and deoptimized every engine function that embedded them, ~5-10x slower runs until V8 had
 * learnt the new shapes. The engine keeps one machine alive for that, shared/engine/index.ts.) Not
 * between a warm-up and the runs it warms for other tools: theirs may embed shapes that die the same way. */
export function collect(): void {
  if (typeof gc === 'function') gc();
}

/** Milliseconds to wait after a forced collection before a timed run: V8 sweeps the freed pages on
 * helper threads after `gc()` returns, and CPU time counts every thread of the process, so a run started
 * at once was billed the sweep (measured: +3 ms, ~25%, on the 1 MB stream in 16-character chunks). */
const SETTLE_MS = 25;

/** A collection, then a pause for its concurrent sweep: a timed run starts from a clean heap and pays
 * only for its own garbage. The pause leaves caches cold, which costs a run a fixed ~0.3 ms: used only
 * before runs of several milliseconds. */
export async function settle(): Promise<void> {
  collect();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
}

/**
 * `a` and `b` timed in pairs, `rounds` times (after `warmup` untimed rounds), the order alternating from
 * one round to the next: CPU ms of each, in round order. Each side's timed run follows `settle()` and one
 * untimed run of the same function, so both are timed as in contiguous runs (the first run after a forced
 * collection was slower: the engine's 1 MB stream in 16-character chunks read 18-19 ms against 13-14 in the
 * same bench process). For a ratio whose two sides must see the same machine: the speed a process gets
 * moves over seconds on this shared host (JSON.parse of the 4 MB document had a median of ~11 ms in some
 * processes and ~19-21 ms in others, every run of a process alike, same flags; after the throughput
 * section's 47-second jsonrepair run, both JSON.parse and the 1 MB stream ran ~1.8x slower than before it in
 * one process), so two medians taken a minute apart can differ by ~1.8x with no change in the code.
 */
export async function timePaired(a: () => unknown, b: () => unknown, rounds: number, warmup = 4): Promise<{ a: number[]; b: number[] }> {
  const [ta, tb] = await timeRounds([a, b], rounds, warmup);
  return { a: ta, b: tb };
}

/**
 * `fns` timed in interleaved rounds, as timePaired does for two: in each round every function is timed once
 * (after `settle()` and one untimed run of the same), the order rotating from one round to the next (round
 * k starts at function k mod n, so each one runs first, last and between equally often). Returns CPU ms per
 * function, in round order: a ratio taken round by round compares two runs seconds apart, so a process that
 * switches between this host's fast and slow modes spoils one round's ratio, which the median then drops,
 * not a whole figure.
 */
export async function timeRounds(fns: (() => unknown)[], rounds: number, warmup = 4): Promise<number[][]> {
  const times: number[][] = fns.map(() => []);
  for (let k = 0; k < warmup + rounds; k++) {
    for (let j = 0; j < fns.length; j++) {
      const i = (k + j) % fns.length;
      await settle();
      await fns[i]();
      const t = await timeOnce(fns[i]);
      if (k >= warmup) times[i].push(t);
    }
  }
  return times;
}

export const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** CPU milliseconds (user + system of this process) taken by one call of `fn`. CPU time, not wall
 * time: the benchmark machine is shared (2 cores, other jobs running), and wall time would bill their
 * load to whichever tool happened to be running. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Median milliseconds of `runs` calls after `warmup` untimed calls. When a warm-up call takes longer
 * than `slowMs`, one timed call is enough: it keeps the whole benchmark within a few minutes. */
export async function timeMedian(fn: () => unknown, runs: number, warmup = 1, slowMs = 2000): Promise<number> {
  for (let i = 0; i < warmup; i++) {
    if ((await timeOnce(fn)) > slowMs) runs = 1;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(fn));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const MB = 1024 * 1024;

/** Size of a text as UTF-8 bytes. */
export const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export const mbps = (byteCount: number, ms: number): number => byteCount / MB / (ms / 1000);

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export function fmtMs(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
