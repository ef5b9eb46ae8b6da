/**
 * The `streamfix` command line: `streamfix repair [FILE]` prints the repaired JSON; `streamfix serve`
 * runs the daemon. Exit 0 for VALID/REPAIRED/TRUNCATED, 1 for FAILED (reason on stderr), 2 for usage
 * errors. Example:
 *
 *   echo "{name: 'Ada', tags: ['x',],}" | streamfix repair --report
 */
import { once } from 'node:events';
import { createReadStream, promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { version } from '../package.json';
import { createStreamRepairer, repairJson, StreamFixError } from '../shared/engine';
import type { RepairResult } from '../shared/engine/types';
import { type CliArgs, HELP, parseArgs, type RepairArgs, UsageError } from './cliArgs';
import { createPrettyPrinter } from './prettyPrint';
import { formatReport } from './cliReport';
import { createUtf8Check, utf8Warning } from './utf8Check';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** The engine's default maxInputLength (64 MiB of UTF-16 code units), see RepairOptions. */
const DEFAULT_MAX_INPUT = 64 * 1024 * 1024;

function err(text: string): void {
  process.stderr.write(text);
}

/** Writes to stdout, waiting when the pipe is full so a slow reader bounds our memory. */
async function out(text: string): Promise<void> {
  if (text !== '' && !process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Opens the input; a missing or unreadable file is a usage error naming it. */
async function openInput(file: string | null): Promise<Readable> {
  if (file === null) return process.stdin;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new UsageError(`cannot read '${file}': it is a directory`, false);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`cannot read '${file}': ${why}`, false);
  }
  return createReadStream(file);
}

/** Prints the outcome on stderr and returns the exit code. `warnings` are about the input itself (it
 * was not valid UTF-8): they go on stderr in every report form, in the JSON object with --report=json. */
function finish(args: RepairArgs, input: string, result: RepairResult, warnings: string[] = []): number {
  warnings = [...warnings, ...correctionWarnings(result)];
  if (args.report === 'json') {
    const { status, repairs, stripped, error } = result;
    const report: Record<string, unknown> = error ? { status, repairs, stripped, error } : { status, repairs, stripped };
    if (warnings.length > 0) report.warnings = warnings;
    err(JSON.stringify(report) + '\n');
  } else {
    for (const w of warnings) err(`streamfix: warning: ${w}\n`);
    if (args.report === 'text') err(formatReport(input, result));
  }
  if (result.status === 'FAILED') {
    // With --report=json stderr carries only the JSON object, whose `error` says why.
    if (args.report !== 'json' && result.error) err(`streamfix: ${result.error.message} (${result.error.code})\n`);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

/** A value the text gave later to correct its first one: with --stream (stripped span `correction`) not
 * the output, since the first value was written as it came (README, "Known limit"); whole, the output,
 * and the value it replaced is a `draft`. Said in every report form. */
function correctionWarnings(result: RepairResult): string[] {
  const short = (t: string): string => (t.length > 60 ? t.slice(0, 57) + '...' : t);
  const warnings = result.stripped
    .filter((s) => s.kind === 'correction')
    .map((s) => `the text corrects its JSON value later (line ${s.line + 1}, column ${s.column + 1}: ${short(s.text)}); the output is the first value`);
  const draft = result.stripped.find((s) => s.kind === 'draft');
  if (draft) warnings.push(`the text corrects its JSON value later; the output is the correction, not the first value (line ${draft.line + 1}, column ${draft.column + 1}: ${short(draft.text)})`);
  return warnings;
}

/** A limit error thrown by the engine becomes a FAILED result, so it is reported like any other. */
function failedResult(e: StreamFixError): RepairResult {
  return { status: 'FAILED', json: null, repairs: [], stripped: [], error: { code: e.code, message: e.message, offset: e.offset } };
}

async function repairWhole(args: RepairArgs, input: Readable): Promise<number> {
  // Decode once, at the end, so no UTF-8 sequence is split (and a BOM is dropped).
  const parts: Buffer[] = [];
  // A UTF-16 code unit takes at most 3 UTF-8 bytes, so past 3 bytes per allowed unit the input is
  // surely too large: stop reading instead of buffering an unbounded stdin.
  const maxBytes = 3 * (args.options.maxInputLength ?? DEFAULT_MAX_INPUT);
  let size = 0;
  for await (const b of input) {
    const buf = typeof b === 'string' ? Buffer.from(b) : (b as Buffer);
    size += buf.length;
    if (size > maxBytes) {
      const limit = args.options.maxInputLength ?? DEFAULT_MAX_INPUT;
      return finish(args, '', failedResult(new StreamFixError('INPUT_TOO_LARGE', `Input is longer than maxInputLength (${limit} characters)`, limit)));
    }
    parts.push(buf);
  }
  const bytes = Buffer.concat(parts);
  const text = new TextDecoder('utf-8').decode(bytes);
  const check = createUtf8Check();
  check.push(bytes, text);
  let result: RepairResult;
  try {
    // the whole text is read before anything is written: a value it corrects later is replaced by the
    // correction (--stream writes the first value as it comes and warns)
    result = repairJson(text, { ...args.options, takeCorrections: true });
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
    result = failedResult(e);
  }
  if (result.json !== null) {
    const json = args.pretty !== null ? prettyAll(result.json, args.pretty) : result.json;
    // one line end: the engine keeps the whitespace after the value (valid JSON stays byte for byte)
    await out(json.endsWith('\n') ? json : json + '\n');
  }
  return finish(args, text, result, check.replaced > 0 ? [utf8Warning(check.replaced)] : []);
}

function prettyAll(json: string, spaces: number): string {
  const p = createPrettyPrinter(' '.repeat(spaces));
  return p.push(json) + p.end();
}

async function repairStream(args: RepairArgs, input: Readable): Promise<number> {
  // `stream: true` keeps the bytes of a UTF-8 character split across two reads until it is whole.
  const decoder = new TextDecoder('utf-8');
  const check = createUtf8Check();
  const repairer = createStreamRepairer(args.options);
  const pretty = args.pretty !== null ? createPrettyPrinter(' '.repeat(args.pretty)) : null;
  const shown: string[] = []; // the input so far, for the text report's "was" column
  let wrote = false;
  // whether the output so far ends with a line end, so that the final newline is not a second one
  let endsLine = false;
  const emit = async (text: string) => {
    const o = pretty ? pretty.push(text) : text;
    if (o !== '') {
      wrote = true;
      endsLine = o.endsWith('\n');
    }
    await out(o);
  };
  let result: RepairResult;
  try {
    for await (const b of input) {
      const bytes = typeof b === 'string' ? Buffer.from(b) : (b as Buffer);
      const text = decoder.decode(bytes, { stream: true });
      check.push(bytes, text);
      if (text === '') continue;
      if (args.report === 'text') shown.push(text);
      await emit(repairer.push(text).output);
    }
    const tail = decoder.decode();
    check.end(tail);
    if (tail !== '') {
      if (args.report === 'text') shown.push(tail);
      await emit(repairer.push(tail).output);
    }
    const end = repairer.end();
    await emit(end.final);
    if (pretty) {
      const o = pretty.end();
      if (o !== '') endsLine = o.endsWith('\n');
      await out(o);
    }
    result = end;
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
    result = failedResult(e);
  }
  if ((wrote || result.json !== null) && !endsLine) await out('\n');
  return finish(args, shown.join(''), result, check.replaced > 0 ? [utf8Warning(check.replaced)] : []);
}

export async function runCli(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
    if (args.command === 'help') {
      await out(HELP);
      return EXIT_OK;
    }
    if (args.command === 'version') {
      await out(`streamfix ${version}\n`);
      return EXIT_OK;
    }
    if (args.command === 'serve') {
      const { runDaemonCli } = await import('./daemon');
      await runDaemonCli(args.args);
      return EXIT_OK;
    }
    // A reader that goes away (`streamfix repair big.json | head`) is not an error worth a stack trace.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(EXIT_OK);
      throw e;
    });
    const input = await openInput(args.file);
    return args.stream ? await repairStream(args, input) : await repairWhole(args, input);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`streamfix: ${e.message}${e.hint ? " (see 'streamfix --help')" : ''}\n`);
      return EXIT_USAGE;
    }
    err(`streamfix: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
