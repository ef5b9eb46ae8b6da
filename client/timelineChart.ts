/**
 * The inspector's stream timeline, computed from the artifact's timeline of upstream reads on the
 * extension side (the webview only draws): one bar per read (or bucket of reads) at its time, the
 * content the gateway held after each, and the stalls: gaps between reads longer than STALL_FACTOR times
 * the median gap (and at least STALL_MIN_MS, below which timer noise is all a gap can show). No `vscode`
 * import: unit-tested under plain mocha.
 */
import type { Artifact } from '../shared/protocol';
import { formatSize } from './eventFormat';

export const STALL_FACTOR = 4;
export const STALL_MIN_MS = 50;

export interface ChartBar {
  at: number;
  bytes: number;
  reads: number;
  held: number | null;
  /** The bar's tooltip: `12.3 ms: 48 bytes, 20 chars held`. */
  label: string;
}

export interface ChartStall {
  from: number;
  to: number;
  gapMs: number;
  /** `stall: 500 ms without data (312.5–812.5 ms)`. */
  label: string;
}

export interface TimelineChart {
  /** The x axis runs from the request's arrival to here (ms). */
  spanMs: number;
  ttfbMs: number | null;
  bars: ChartBar[];
  /** Width of a bar in ms: a bucket's width, 0 for single reads (drawn at least 1 px wide). */
  bucketMs: number | null;
  /** Index of the first bucketed bar (bars before it are single reads). */
  exact: number;
  maxBytes: number;
  maxHeld: number;
  medianGapMs: number | null;
  stalls: ChartStall[];
  /** One sentence for the caption and screen readers. */
  summary: string;
}

const ms = (v: number): string => `${Math.round(v * 10) / 10} ms`;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The chart of an artifact's timeline, or null when it has none (not streamed, or recorded before). */
export function timelineChart(a: Pick<Artifact, 'timeline' | 'timings'>): TimelineChart | null {
  const tl = a.timeline;
  if (!tl || tl.entries.length === 0) return null;
  const bars = tl.entries.map(([at, bytes, reads, held], i): ChartBar => {
    const what = reads === 1 ? formatSize(bytes) : `${formatSize(bytes)} in ${reads} reads`;
    const bucket = i >= tl.exact && tl.bucketMs !== null ? ` (${tl.bucketMs} ms bucket)` : '';
    return { at, bytes, reads, held, label: `${ms(at)}: ${what}${bucket}${held === null ? '' : `, ${held} ${held === 1 ? 'char' : 'chars'} held`}` };
  });
  // a gap runs from the end of one bar (a bucket ends bucketMs after its start) to the next bar's start
  const end = (i: number): number => bars[i]!.at + (i >= tl.exact && tl.bucketMs !== null ? tl.bucketMs : 0);
  const gaps = bars.slice(1).map((b, i): ChartStall => {
    const gapMs = Math.round((b.at - end(i)) * 10) / 10;
    return { from: end(i), to: b.at, gapMs, label: `stall: ${ms(gapMs)} without data (${ms(end(i))}–${ms(b.at)})` };
  });
  const medianGapMs = median(gaps.map((g) => g.gapMs));
  const stalls = medianGapMs === null ? [] : gaps.filter((g) => g.gapMs >= STALL_MIN_MS && g.gapMs > STALL_FACTOR * medianGapMs);
  const bytes = bars.reduce((n, b) => n + b.bytes, 0);
  const maxHeld = Math.max(0, ...bars.map((b) => b.held ?? 0));
  const spanMs = Math.max(a.timings.totalMs, end(bars.length - 1));
  const parts = [
    `${tl.reads} upstream ${tl.reads === 1 ? 'read' : 'reads'}, ${formatSize(bytes)}, from ${ms(bars[0]!.at)} to ${ms(end(bars.length - 1))}`,
    medianGapMs === null ? null : `median gap ${ms(medianGapMs)}`,
    stalls.length === 0 ? 'no stalls' : `${stalls.length} ${stalls.length === 1 ? 'stall' : 'stalls'} (gap over ${STALL_FACTOR}× the median): ${stalls.map((s) => `${ms(s.gapMs)} at ${ms(s.from)}`).join(', ')}`,
    bars.some((b) => b.held !== null) ? `content held back or stripped: up to ${maxHeld} chars` : null,
    tl.bucketMs === null ? null : `reads after the first ${tl.exact} summed per ${tl.bucketMs} ms`,
  ];
  return {
    spanMs,
    ttfbMs: a.timings.ttfbMs,
    bars,
    bucketMs: tl.bucketMs,
    exact: tl.exact,
    maxBytes: Math.max(1, ...bars.map((b) => b.bytes)),
    maxHeld,
    medianGapMs,
    stalls,
    summary: `${parts.filter((p) => p !== null).join('; ')}.`,
  };
}
