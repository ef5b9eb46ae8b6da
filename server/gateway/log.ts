/**
 * A small levelled logger. Lines go to one writable stream (stderr when stdout is an LSP pipe).
 * `redact` strings are replaced wherever they appear, so a key that slips into a message
 * (an upstream echoing a header, say) still never reaches the log.
 */
import type { LogLevel } from './config';
import { Redactor } from './redact';

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function createLogger(level: LogLevel, out: { write(s: string): unknown }, redact: (string | null)[] = []): Logger {
  const redactor = new Redactor(redact);
  const line = (lvl: Exclude<LogLevel, 'silent'>, msg: string) => {
    if (RANK[lvl] > RANK[level]) return;
    out.write(`${new Date().toISOString()} ${lvl.padEnd(5)} ${redactor.text(msg)}\n`);
  };
  return {
    error: (m) => line('error', m),
    warn: (m) => line('warn', m),
    info: (m) => line('info', m),
    debug: (m) => line('debug', m),
  };
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
