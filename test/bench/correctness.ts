/**
 * Correctness: pass rate per corpus category for streamfix (one-shot, and streamed in 16-character
 * chunks), jsonrepair, partial-json and JSON.parse.
 * A tool passes a case when its output parses to the expected value; for valid JSON streamfix and
 * jsonrepair must also return the text unchanged (surrounding whitespace aside), and for cases where
 * nothing can be recovered streamfix must say FAILED and the others must throw.
 */
import { jsonrepair } from 'jsonrepair';
import { Allow, parse as partialParse } from 'partial-json';
import { engine } from './engineUnderTest';
import { type Case, matchesValue } from './corpus';
import { table } from './measure';
import { chunked } from './streaming';

type Tool = { name: string; run: (c: Case) => boolean };

const sameText = (out: string, input: string) => out === input || out === input.trim();

/** Runs `produce`; a throw passes only when the case expects failure. */
function judge(c: Case, produce: () => { value: unknown; text?: string }): boolean {
  let got: { value: unknown; text?: string };
  try {
    got = produce();
  } catch {
    return c.expected.kind === 'failed';
  }
  if (c.expected.kind === 'failed') return false;
  if (c.expected.kind === 'identical' && got.text !== undefined && !sameText(got.text, c.input)) return false;
  return matchesValue(c.expected, got.value);
}

/** streamfix's verdict on its result for a case, whether one-shot or streamed. */
function streamfixPasses(c: Case, r: { status: string; json: string | null }): boolean {
  if (c.expected.kind === 'failed') return r.status === 'FAILED' && r.json === null;
  if (r.json === null) return false;
  if (c.expected.kind === 'identical' && r.status !== 'VALID') return false;
  const json = r.json;
  return judge(c, () => ({ value: JSON.parse(json), text: json }));
}

/** The case streamed in 16-character chunks, as a model delivers it. The outputs of every push plus
 * end()'s `final` must equal end()'s `json` (output is never taken back); when they do not, the
 * streamed text is what a client got, so that is what is judged. */
function streamedResult(c: Case): { status: string; json: string | null } {
  const s = engine.createStreamRepairer();
  let out = '';
  for (const chunk of chunked(c.input)) out += s.push(chunk).output;
  const end = s.end();
  if (end.json === null) return { status: end.status, json: out === '' ? null : out + end.final };
  return { status: end.status, json: out + end.final };
}

const TOOLS: Tool[] = [
  { name: 'streamfix', run: (c) => streamfixPasses(c, engine.repairJson(c.input)) },
  { name: 'streamfix, streamed', run: (c) => streamfixPasses(c, streamedResult(c)) },
  {
    name: 'jsonrepair',
    run: (c) =>
      judge(c, () => {
        const text = jsonrepair(c.input);
        return { value: JSON.parse(text), text };
      }),
  },
  { name: 'partial-json', run: (c) => judge(c, () => ({ value: partialParse(c.input, Allow.ALL) })) },
  { name: 'JSON.parse', run: (c) => judge(c, () => ({ value: JSON.parse(c.input) })) },
];

export interface CorrectnessResult {
  markdown: string;
  /** streamfix pass rate per category, 0..1. */
  streamfixRates: Record<string, number>;
  /** streamfix pass rate over every case, 0..1. */
  streamfixOverall: number;
  streamfixFailures: Case[];
  /** Cases streamfix gets right one-shot but not streamed in 16-character chunks. */
  streamedOnlyFailures: Case[];
  total: number;
}

/** Runs every tool on every case of `corpus`. A failing case is counted and reported, never thrown. */
export function runCorrectness(corpus: Case[]): CorrectnessResult {
  const categories = [...new Set(corpus.map((c) => c.category))];
  const passed: Record<string, Record<string, number>> = {};
  const failures: Case[] = [];
  const streamedFailures = new Set<Case>();
  for (const tool of TOOLS) {
    passed[tool.name] = {};
    for (const c of corpus) {
      let ok: boolean;
      try {
        ok = tool.run(c);
      } catch {
        ok = false; // a throw from a tool on a case that expects a value (already handled in judge)
      }
      if (ok) passed[tool.name][c.category] = (passed[tool.name][c.category] ?? 0) + 1;
      else if (tool.name === 'streamfix') failures.push(c);
      else if (tool.name === 'streamfix, streamed') streamedFailures.add(c);
    }
  }
  const count = (cat: string) => corpus.filter((c) => c.category === cat).length;
  const pct = (tool: string, cat: string) => `${((100 * (passed[tool][cat] ?? 0)) / count(cat)).toFixed(1)}%`;
  const rows = categories.map((cat) => [cat, String(count(cat)), ...TOOLS.map((t) => pct(t.name, cat))]);
  const sum = (tool: string) => Object.values(passed[tool]).reduce((a, b) => a + b, 0);
  rows.push(['**all**', String(corpus.length), ...TOOLS.map((t) => `**${((100 * sum(t.name)) / corpus.length).toFixed(1)}%**`)]);
  const rates: Record<string, number> = {};
  for (const cat of categories) rates[cat] = (passed.streamfix[cat] ?? 0) / count(cat);
  return {
    markdown: table(['category', 'cases', ...TOOLS.map((t) => t.name)], rows),
    streamfixRates: rates,
    streamfixOverall: sum('streamfix') / corpus.length,
    streamfixFailures: failures,
    streamedOnlyFailures: corpus.filter((c) => streamedFailures.has(c) && !failures.includes(c)),
    total: corpus.length,
  };
}

/** `s` as a markdown code span, however many backticks it holds. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${s} ${fence}`;
}

/** A failing case in full, for the failure list: its id (`category / name`), the input, what was
 * expected and what streamfix returned (texts as JSON strings, so line ends and tabs show). */
export function describeFailure(c: Case, prefix = ''): string {
  let got: string;
  try {
    const r = engine.repairJson(c.input);
    got = r.json === null ? `${r.status} (${r.error?.code ?? 'no error code'})` : `${r.status} ${code(JSON.stringify(r.json))}`;
  } catch (e) {
    got = `threw ${e instanceof Error ? e.message : String(e)}`;
  }
  const want =
    c.expected.kind === 'failed'
      ? 'FAILED'
      : c.expected.kind === 'oneOf'
        ? `one of ${c.expected.values.map((v) => code(JSON.stringify(v))).join(', ')}`
        : code(JSON.stringify(c.expected.value));
  return [`- **${prefix}${c.category} / ${c.name}**`, `  - input: ${code(JSON.stringify(c.input))}`, `  - expected: ${want}`, `  - got: ${got}`].join('\n');
}
