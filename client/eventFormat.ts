/**
 * The log lines for each gateway event in the "StreamFix" output channel, and where in them the links to
 * the artifact inspector are. No `vscode` import: unit-tested under plain mocha.
 */
import type { GatewayEvent, ReasoningBlock } from '../shared/protocol';

export type LogLevelName = 'info' | 'warn' | 'error';

/** Ends each line that can open its request in the inspector; outputLinks.ts makes it a link. */
export const INSPECT_LINK = '[open in inspector]';

const ms = (v: number | null): string => (v === null ? '-' : `${Math.round(v * 10) / 10} ms`);

/** 999 bytes, 1.2 KB, 3.4 MB (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `1.2 KB at 1:1–14:9: 'Let me think…'` (1-based line:column of the block's start and of just past its end). */
function describeBlock(b: ReasoningBlock): string {
  const text = b.firstLine === '' ? '' : `: '${b.firstLine}'`;
  const start = `${b.line + 1}:${b.column + 1}`;
  if (b.cut !== undefined || b.endLine === undefined || b.endColumn === undefined) {
    // the size is exact when the middle's bytes were counted as they passed, else a lower bound
    return `${b.bytesExact ? '' : 'at least '}${formatSize(b.bytes)} from ${start} (${b.cut ?? 0} characters in its middle not kept)${text}`;
  }
  return `${formatSize(b.bytes)} at ${start}–${b.endLine + 1}:${b.endColumn + 1}${text}`;
}

function reasoningLines(e: Extract<GatewayEvent, { type: 'reasoning' }>): string[] {
  const blocks = e.blocks ?? [];
  const head = `${e.id} reasoning stripped: ${formatSize(e.bytes)}`;
  if (blocks.length === 0) return [head];
  if (blocks.length === 1 && !e.moreBlocks) return [`${e.id} reasoning stripped: ${describeBlock(blocks[0]!)}`];
  const count = blocks.length + (e.moreBlocks ?? 0);
  const lines = [`${head} in ${count} blocks`, ...blocks.map((b, i) => `${e.id}   block ${i + 1}: ${describeBlock(b)}`)];
  if (e.moreBlocks) lines.push(`${e.id}   ${e.moreBlocks} more ${e.moreBlocks === 1 ? 'block' : 'blocks'} not described`);
  return lines;
}

/** The lines (without timestamp: the log channel adds one) and their level. */
export function formatEvent(e: GatewayEvent): { level: LogLevelName; lines: string[] } {
  switch (e.type) {
    case 'started':
      return { level: 'info', lines: [`${e.id} started: model ${e.model}, mode ${e.mode}, ${e.stream ? 'streaming' : 'not streaming'}`] };
    case 'reasoning':
      return { level: 'info', lines: reasoningLines(e) };
    case 'repair': {
      const r = e.repair;
      const where = e.toolCallIndex === undefined ? '' : ` in tool call ${e.toolCallIndex}`;
      return { level: 'info', lines: [`${e.id} repair ${r.kind} at ${r.line + 1}:${r.column + 1}${where}: ${r.message} ${INSPECT_LINK}`] };
    }
    case 'finished': {
      const bad = e.status === 'FAILED' || e.status === 'UPSTREAM_ERROR';
      const t = e.timings;
      return {
        level: bad ? 'error' : e.status === 'TRUNCATED' || e.status === 'CLIENT_ABORTED' ? 'warn' : 'info',
        lines: [
          `${e.id} finished ${e.status}: ${e.repairs} ${e.repairs === 1 ? 'repair' : 'repairs'}, ` +
            `reasoning ${formatSize(e.reasoningBytes)}, first byte ${ms(t.ttfbMs)}, total ${ms(t.totalMs)}, added ${ms(t.addedMs)} ${INSPECT_LINK}`,
        ],
      };
    }
    case 'breaker': {
      const retry = e.retryAfterSeconds === null ? '' : `, probe in ${e.retryAfterSeconds} s`;
      return { level: e.state === 'open' ? 'warn' : 'info', lines: [`circuit breaker for ${e.model}: ${e.previous} -> ${e.state} (${e.reason})${retry}`] };
    }
    case 'store':
      if (e.late) {
        const landed = `artifact store: ${e.id} reached the disk late (its response had said memory-only): it is on disk after all`;
        return e.durable ? { level: 'info', lines: [`${landed}; artifacts are durable again`] } : { level: 'info', lines: [`${landed}; still degraded: ${e.problem ?? 'a later write failed'}`] };
      }
      return e.durable
        ? { level: 'info', lines: [`artifact store: artifacts are durable again (${e.id} was written to disk)`] }
        : { level: 'warn', lines: [`artifact store: degraded from ${e.id} on: ${e.problem ?? 'a write failed'}`] };
    default: {
      const unknown = e as { type?: unknown };
      return { level: 'warn', lines: [`unknown gateway event ${String(unknown.type)}`] };
    }
  }
}

// `<id> repair …` / `<id> finished …` ending in the link text; the channel puts a timestamp and level first
const LINKED_LINE = /(?:^|\s)(sfx_[\w-]+) (?:repair|finished) .*(\[open in inspector\])\s*$/;

/** The inspector link in one output line: the request id and the link text's [start, end) columns. */
export function inspectorLink(line: string): { id: string; start: number; end: number } | null {
  const m = LINKED_LINE.exec(line);
  if (!m) return null;
  const end = line.lastIndexOf(INSPECT_LINK) + INSPECT_LINK.length;
  return { id: m[1]!, start: end - INSPECT_LINK.length, end };
}
