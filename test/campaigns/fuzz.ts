/**
 * The engine fuzz campaign: seeded, bounded by --seconds. Inputs are valid JSON values (random shapes,
 * unicode, numbers) mutated into every defect class (cut anywhere, quotes changed, characters deleted or
 * inserted, trailing commas, comments, Python literals, prose / fences / think blocks around, random
 * code units and lone surrogates, deep nesting) plus large inputs fed in streaming mode. Each input is
 * checked: nothing thrown but the typed StreamFixError; a non-FAILED result parses; valid input comes
 * back unchanged; streaming in random chunks equals one-shot; the work (charsScanned) is linear in the
 * input; the heap stays bounded. A failure prints the seed, the iteration and the input, and exits 1.
 *
 *   node --expose-gc --import tsx test/campaigns/fuzz.ts [--seconds 60] [--seed 1]
 */
import { createStreamRepairer, repairJson, StreamFixError, type RepairResult } from '../../shared/engine';
import { mulberry32 as rng } from '../random';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 60);
const SEED = arg('seed', 1);
/** charsScanned per input character at most (the engine rescans rejected candidates a few times). */
const MAX_WORK_RATIO = 12;

let random = rng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const WORDS = ['name', 'a', 'é', '日本', '😀', 'x y', 'quote"d', 'back\\slash', 'line\nbreak', '', 'tab\t', '\u2028'];
function value(depth: number): unknown {
  const r = random();
  if (depth > 4 || r < 0.35) {
    return pick<unknown>([pick(WORDS), int(1000) - 500, random() * 1e6, 1e-7, -0.5, true, false, null, 12345678901234567890]);
  }
  if (r < 0.7) return Object.fromEntries(Array.from({ length: int(5) }, (_, i) => [`${pick(WORDS)}${i}`, value(depth + 1)]));
  return Array.from({ length: int(5) }, () => value(depth + 1));
}

const INSERTS = ['{', '}', '[', ']', '"', "'", ',', ':', ' ', '\n', '//c\n', '/*c*/', 'None', 'True', 'undefined', 'NaN', '\\', '\\u12', '“', '”', '```', '<think>', '</think>', '\ud800', '\udfff', '\u0000', '\u0007', '0x1F', '+1', '.5', '1.', 'e'];
const WRAPS: ((s: string) => string)[] = [
  (s) => `Here is the JSON:\n${s}\nHope this helps!`,
  (s) => '```json\n' + s + '\n```',
  (s) => `<think>let me think {"draft": 1}</think>${s}`,
  (s) => `${s}\n\nExplanation: done.`,
  (s) => `Answer: ${s}`,
];
type Mutation = (s: string) => string;
const MUTATIONS: Mutation[] = [
  (s) => s.slice(0, int(s.length + 1)), // truncation
  (s) => s.replace(/"/g, "'"),
  (s) => {
    const i = int(s.length + 1);
    return s.slice(0, i) + s.slice(i + 1);
  },
  (s) => {
    const i = int(s.length + 1);
    return s.slice(0, i) + pick(INSERTS) + s.slice(i);
  },
  (s) => s.replace(/([}\]])/, ',$1'),
  (s) => s.replace(/null/g, 'None').replace(/true/g, 'True'),
  (s) => {
    const i = int(s.length + 1);
    return s.slice(0, i) + String.fromCharCode(int(0x10000)) + s.slice(i);
  },
  (s) => s.replace(/"(\w+)":/g, '$1:'),
  (s) => pick(WRAPS)(s),
];

class Failure extends Error {}
function check(cond: unknown, what: string, input: string): void {
  if (!cond) throw new Failure(`${what}\n  input (${input.length} chars): ${JSON.stringify(input.length > 2000 ? input.slice(0, 2000) + '…' : input)}`);
}

/** One-shot and streaming in random chunks; returns the one-shot result (null when it threw the typed error). */
function run(input: string, valid: boolean, stats: { maxRatio: number; typedErrors: number }): void {
  let whole: RepairResult | null = null;
  let wholeError: string | null = null;
  try {
    whole = repairJson(input);
  } catch (e) {
    check(e instanceof StreamFixError, `threw ${(e as Error)?.name}: ${(e as Error)?.message}, not StreamFixError`, input);
    wholeError = (e as StreamFixError).code;
  }
  if (whole !== null) {
    if (whole.status !== 'FAILED') {
      check(whole.json !== null, 'non-FAILED result without json', input);
      try {
        JSON.parse(whole.json!);
      } catch {
        check(false, `non-FAILED result does not parse: ${JSON.stringify(whole.json!.slice(0, 300))}`, input);
      }
    }
    if (valid) check(whole.status === 'VALID' && whole.json === input, `valid input changed: ${whole.status} ${JSON.stringify(whole.json?.slice(0, 200))}`, input);
  }
  // streaming, random chunk sizes (1 character to a tenth of the input)
  const s = createStreamRepairer();
  let streamed = '';
  let streamError: string | null = null;
  let end: (RepairResult & { final: string }) | null = null;
  try {
    for (let i = 0; i < input.length; ) {
      const n = 1 + int(Math.max(1, Math.min(64, input.length / 10)));
      streamed += s.push(input.slice(i, i + n)).output;
      i += n;
    }
    end = s.end();
    streamed += end.final;
  } catch (e) {
    check(e instanceof StreamFixError, `streaming threw ${(e as Error)?.name}: ${(e as Error)?.message}, not StreamFixError`, input);
    streamError = (e as StreamFixError).code;
  }
  // a limit the stream throws, the one-shot call reports in its result (status FAILED, error)
  const oneShotError = wholeError ?? (streamError !== null ? (whole?.error?.code ?? null) : null);
  check(streamError === oneShotError, `streaming error ${streamError} != one-shot ${oneShotError}`, input);
  if (streamError !== null) {
    stats.typedErrors++;
    return;
  }
  if (whole !== null && end !== null) {
    check(end.status === whole.status, `streaming status ${end.status} != one-shot ${whole.status}`, input);
    check((end.json ?? '') === (whole.json ?? ''), `streaming json != one-shot: ${JSON.stringify(end.json?.slice(0, 200))} vs ${JSON.stringify(whole.json?.slice(0, 200))}`, input);
    if (end.json !== null) check(streamed === end.json, 'streamed output != its own result json', input);
    const ratio = s.charsScanned / Math.max(1, input.length);
    if (input.length > 200) {
      stats.maxRatio = Math.max(stats.maxRatio, ratio);
      check(ratio <= MAX_WORK_RATIO, `work not linear: ${s.charsScanned} characters scanned for ${input.length}`, input);
    }
  }
}

function generate(i: number): { input: string; valid: boolean } {
  const kind = i % 10;
  if (kind === 0) {
    const v = JSON.stringify(value(0), null, random() < 0.5 ? 2 : undefined) ?? 'null';
    return { input: v, valid: true };
  }
  if (kind === 1) {
    // deep nesting, around the engine's depth limit
    const d = 400 + int(300);
    const open = random() < 0.5 ? '[' : '{"k":';
    return { input: open.repeat(d) + '1' + (open === '[' ? ']' : '}').repeat(int(d + 1)), valid: false };
  }
  if (kind === 2 && i % 50 === 2) {
    // large input, streaming: an array of many values, cut or not
    const items = Array.from({ length: 2000 + int(20000) }, () => JSON.stringify(value(3)));
    const text = `[${items.join(',')}]`;
    return { input: random() < 0.5 ? text : text.slice(0, int(text.length)), valid: false };
  }
  if (kind === 3) {
    // random code units, lone surrogates included
    return { input: Array.from({ length: int(60) }, () => (random() < 0.3 ? pick(INSERTS) : String.fromCharCode(int(0x10000)))).join(''), valid: false };
  }
  let s = JSON.stringify(value(0)) ?? 'null';
  const n = 1 + int(3);
  for (let k = 0; k < n; k++) s = pick(MUTATIONS)(s);
  return { input: s, valid: false };
}

function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let heapPeak = heap0;
  const stats = { maxRatio: 0, typedErrors: 0 };
  const deadline = performance.now() + SECONDS * 1000;
  let i = 0;
  let chars = 0;
  for (; performance.now() < deadline; i++) {
    const { input, valid } = generate(i);
    chars += input.length;
    try {
      run(input, valid, stats);
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      console.error(`fuzz: FAIL (seed ${SEED}, iteration ${i}): ${e.message}`);
      process.exit(1);
    }
    if (i % 500 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  gc?.();
  const heapEnd = process.memoryUsage().heapUsed;
  console.log(`fuzz: ${i} inputs (${(chars / 1e6).toFixed(1)} M characters) in ${SECONDS} s, seed ${SEED}: 0 failures`);
  console.log(`fuzz: ${stats.typedErrors} inputs ended in a typed engine error (limits); most work ${stats.maxRatio.toFixed(2)} characters scanned per input character (limit ${MAX_WORK_RATIO})`);
  console.log(`fuzz: heap ${(heap0 / 1e6).toFixed(1)} MB at start, peak ${(heapPeak / 1e6).toFixed(1)} MB, ${(heapEnd / 1e6).toFixed(1)} MB at the end${gc ? '' : ' (run with --expose-gc for exact figures)'}`);
  if (gc && heapEnd - heap0 > 64e6) {
    console.error('fuzz: FAIL: the heap grew by more than 64 MB over the run');
    process.exit(1);
  }
}

main();
