/**
 * The correctness corpus alone, for whoever is changing the engine: streamfix's pass rate per category
 * and every failing case in full (id, input, expected, got), then the cases it gets right one-shot but
 * not streamed in 16-character chunks, in seconds instead of `npm run bench`'s
 * minutes. Runs the built bundle, like the benchmark:
 *
 *   npm run build:engine && npx tsx test/bench/corpusCheck.ts [--held-out[=SEED]] [CATEGORY-SUBSTRING…]
 *
 * `--held-out` checks a held-out corpus (a new seed, or SEED) instead of the fixed one; the
 * substrings keep the categories whose name contains one of them. Exits 1 when a selected case fails.
 */
import { buildCorpus, type Case, heldOutCorpus, heldOutSeed } from './corpus';
import { describeFailure, runCorrectness } from './correctness';

function selectCorpus(args: string[]): { corpus: Case[]; label: string } {
  const held = args.find((a) => a === '--held-out' || a.startsWith('--held-out='));
  const filters = args.filter((a) => !a.startsWith('--'));
  let corpus: Case[];
  let label: string;
  if (held) {
    if (held.includes('=')) process.env.BENCH_SEED = held.slice('--held-out='.length);
    const seed = heldOutSeed();
    corpus = heldOutCorpus(seed);
    label = `held-out corpus, seed ${seed}`;
  } else {
    corpus = buildCorpus();
    label = 'corpus';
  }
  if (filters.length > 0) corpus = corpus.filter((c) => filters.some((f) => c.category.includes(f)));
  if (corpus.length === 0) throw new Error(`no case in a category matching ${filters.map((f) => `"${f}"`).join(', ')}`);
  return { corpus, label };
}

const { corpus, label } = selectCorpus(process.argv.slice(2));
const result = runCorrectness(corpus);
const lines = Object.entries(result.streamfixRates).map(([cat, rate]) => `  ${cat}: ${(100 * rate).toFixed(1)}%`);
process.stdout.write(`streamfix on the ${label} (${result.total} cases): ${(100 * result.streamfixOverall).toFixed(1)}%\n${lines.join('\n')}\n`);
if (result.streamedOnlyFailures.length > 0) {
  const ids = result.streamedOnlyFailures.map((c) => `  ${c.category} / ${c.name}`).join('\n');
  process.stdout.write(`\nstreamed in 16-character chunks, ${result.streamedOnlyFailures.length} case(s) fail that pass one-shot:\n${ids}\n`);
  process.exitCode = 1;
}
if (result.streamfixFailures.length > 0) {
  process.stdout.write(`\n${result.streamfixFailures.length} failing case(s):\n\n${result.streamfixFailures.map((c) => describeFailure(c)).join('\n')}\n`);
  process.exitCode = 1;
}
