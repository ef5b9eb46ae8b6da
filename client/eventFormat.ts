/**
 * One log line per gateway event for the "StreamFix" output channel. No `vscode` import: unit-tested
 * under plain mocha.
 */
import type { GatewayEvent } from '../shared/protocol';

export type LogLevelName = 'info' | 'warn' | 'error';

const ms = (v: number | null): string => (v === null ? '-' : `${Math.round(v * 10) / 10} ms`);

/** The line (without timestamp: the log channel adds one) and its level. */
export function formatEvent(e: GatewayEvent): { level: LogLevelName; line: string } {
  switch (e.type) {
    case 'started':
      return { level: 'info', line: `${e.id} started: model ${e.model}, mode ${e.mode}, ${e.stream ? 'streaming' : 'not streaming'}` };
    case 'reasoning':
      return { level: 'info', line: `${e.id} reasoning stripped: ${e.bytes} bytes` };
    case 'repair': {
      const r = e.repair;
      const where = e.toolCallIndex === undefined ? '' : ` in tool call ${e.toolCallIndex}`;
      return { level: 'info', line: `${e.id} repair ${r.kind} at ${r.line + 1}:${r.column + 1}${where}: ${r.message}` };
    }
    case 'finished': {
      const bad = e.status === 'FAILED' || e.status === 'UPSTREAM_ERROR';
      const t = e.timings;
      return {
        level: bad ? 'error' : e.status === 'TRUNCATED' || e.status === 'CLIENT_ABORTED' ? 'warn' : 'info',
        line:
          `${e.id} finished ${e.status}: ${e.repairs} ${e.repairs === 1 ? 'repair' : 'repairs'}, ` +
          `reasoning ${e.reasoningBytes} bytes, first byte ${ms(t.ttfbMs)}, total ${ms(t.totalMs)}, added ${ms(t.addedMs)}`,
      };
    }
    case 'breaker': {
      const retry = e.retryAfterSeconds === null ? '' : `, probe in ${e.retryAfterSeconds} s`;
      return { level: e.state === 'open' ? 'warn' : 'info', line: `circuit breaker for ${e.model}: ${e.previous} -> ${e.state} (${e.reason})${retry}` };
    }
    default: {
      const unknown = e as { type?: unknown };
      return { level: 'warn', line: `unknown gateway event ${String(unknown.type)}` };
    }
  }
}
