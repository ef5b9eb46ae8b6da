/**
 * Argument parsing for the `streamfix` CLI. Hand-written: the grammar is small, and every mistake must
 * become a usage error (exit 2) with a message naming what was wrong.
 */
import type { RepairOptions } from '../shared/engine/types';

export class UsageError extends Error {
  readonly code = 'USAGE';
  /** Whether to point at --help: yes for a bad argument, no for a file that cannot be read. */
  constructor(
    message: string,
    readonly hint = true,
  ) {
    super(message);
  }
}

export interface RepairArgs {
  command: 'repair';
  /** A path, or null for stdin (no FILE or `-`). */
  file: string | null;
  report: 'none' | 'text' | 'json';
  stream: boolean;
  /** Spaces of indentation (0: compact, as JSON.stringify with 0), or null: the output as repaired. */
  pretty: number | null;
  options: RepairOptions;
}

export type CliArgs =
  | RepairArgs
  | { command: 'serve'; args: string[] }
  | { command: 'help' }
  | { command: 'version' };

const LIMIT_FLAGS: Record<string, 'maxInputLength' | 'maxDepth' | 'maxHoldBack'> = {
  '--max-input': 'maxInputLength',
  '--max-depth': 'maxDepth',
  '--max-hold-back': 'maxHoldBack',
};

/** `--pretty` alone indents by this many spaces; `--pretty=N` by N, up to PRETTY_MAX (JSON.stringify's limit). */
export const PRETTY_DEFAULT = 2;
const PRETTY_MAX = 10;

function prettyIndent(raw: string | undefined): number {
  if (raw === undefined) return PRETTY_DEFAULT;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > PRETTY_MAX) throw new UsageError(`option '--pretty' takes a number of spaces from 0 to ${PRETTY_MAX}, got '${raw}'`);
  return Number(raw);
}

function positiveInt(flag: string, raw: string | undefined): number {
  if (raw === undefined || raw === '') throw new UsageError(`option '${flag}' needs a number`);
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`option '${flag}' needs a positive whole number, got '${raw}'`);
  return n;
}

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('missing command');
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  // Everything after `serve` belongs to the daemon, which parses its own flags.
  if (command === 'serve') return { command: 'serve', args: rest };
  if (command !== 'repair') {
    throw new UsageError(command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`);
  }

  const out: RepairArgs = { command: 'repair', file: null, report: 'none', stream: false, pretty: null, options: {} };
  let fileSeen = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (name === '--report') {
      if (inline === undefined || inline === 'text') out.report = 'text';
      else if (inline === 'json') out.report = 'json';
      else throw new UsageError(`option '--report' takes 'text' or 'json', got '${inline}'`);
    } else if (arg === '--stream') {
      out.stream = true;
    } else if (name === '--pretty') {
      out.pretty = prettyIndent(inline);
    } else if (name in LIMIT_FLAGS) {
      const raw = inline ?? rest[++i];
      out.options[LIMIT_FLAGS[name]] = positiveInt(name, raw);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'`);
    } else {
      if (fileSeen) throw new UsageError(`only one FILE can be given, got '${out.file ?? '-'}' and '${arg}'`);
      fileSeen = true;
      out.file = arg === '-' ? null : arg;
    }
  }
  return out;
}

export const HELP = `Usage:
  streamfix repair [FILE] [options]   repair the JSON in FILE (or stdin) and print it on stdout
  streamfix serve [daemon options]    run the StreamFix daemon (gateway + language server)
  streamfix --help | --version

Repair options:
  --report[=text|json]  report repairs and stripped spans on stderr (text: one line each,
                        1-based line:column; json: one object {status, repairs, stripped, error?}
                        with the engine's 0-based positions, and nothing else on stderr)
  --stream              repair stdin (or FILE) as it arrives, writing output as soon as it is decided
  --pretty[=N]          pretty-print the output, N spaces deep (0-10, default 2; 0: compact);
                        number spellings and escapes kept
  --max-input N         largest input in UTF-16 code units (default 64 MiB)
  --max-depth N         deepest nesting (default 512)
  --max-hold-back N     most text held back undecided while streaming (default 1 MiB)

Exit status: 0 VALID, REPAIRED or TRUNCATED; 1 FAILED (reason on stderr); 2 usage error.
`;
