/** Timing helpers shared by the benchmark sections. */

declare const gc: (() => void) | undefined;

/** Collects garbage when node runs with --expose-gc, so one section's garbage is not billed to the
 * next. Called at the start of a section, before its warm-up, never between warm-up and timed runs:
 * a forced full GC also throws away V8's type feedback, and the next runs would be timed
 * half-optimized (3x slower for the engine). */
export function collect(): void {
  if (typeof gc === 'function') gc();
}

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
