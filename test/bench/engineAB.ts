/**
 * The engine of two builds on the benchmark's documents (3.83 MB valid, and with a defect every ~200 B;
 * and 1 MB pushed in 16-character chunks with a view() after each push), each in a process of its own, the
 * processes alternated (6 each): CPU ms, median of the processes' medians of 9 runs. Each process times
 * the documents fresh, then runs the bench's corpus through the engine (every case one-shot and in
 * 16-character chunks, as the bench's correctness section does) and times them again: a long-running
 * daemon's state, where V8 has seen varied input (the bench's "measured again after the corpus run").
 * Two builds in ONE process are not comparable: whichever is loaded second ran ~18% faster on the defect
 * document, whichever build it was (measured 2026-12-01). Output is checked first.
 *
 * Each process also times JSON.parse of the valid document beside every run, and the second table gives
 * each figure divided by that process's own JSON.parse median (new − base of those ratios). On this host a
 * process runs either in a fast or in a slow mode for its whole life, ~1.6× apart, and JSON.parse slows
 * with the engine (2026-12-02: the 1 MB stream 13–14 ms in one process, 21–23 ms in the next, the same
 * build; JSON.parse 10.5 vs 17–18 ms, also with `--single-threaded`): a median of 6 processes then moves by
 * how many of them drew the slow mode, which read as +23..59% between builds whose instruction counts
 * differ by 2%. The ratio to JSON.parse cancels the mode; read that table first.
 *
 *   git worktree add --detach /tmp/base <rev> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   (cd /tmp/base && npx esbuild shared/engine/index.ts --bundle --platform=node --format=cjs --outfile=/tmp/engine-base.cjs)
 *   npx esbuild shared/engine/index.ts --bundle --platform=node --format=cjs --outfile=/tmp/engine-new.cjs
 *   nice -n -19 node --expose-gc --import tsx test/bench/engineAB.ts /tmp/engine-base.cjs /tmp/engine-new.cjs
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { runCorpus, type Engine } from './builtEngine';
import { addDefects, chunked, makeDocument } from './docs';

const [basePath, newPath] = process.argv.slice(2);
if (!basePath || !newPath) {
  console.error('usage: node --import tsx test/bench/engineAB.ts <base engine.cjs> <new engine.cjs>');
  process.exit(2);
}
const load = createRequire(__filename);
const valid = makeDocument(3.83e6).text;
const broken = addDefects(valid).text;
const streamed = makeDocument(1024 * 1024, 7).text;
const chunks = chunked(streamed);
/** The 1 MB document in 16-character chunks, view() after each push (the bench's streaming loop). */
const stream = (e: Engine): string | null => {
  const s = e.createStreamRepairer();
  let view: string | null = null;
  for (const c of chunks) {
    s.push(c);
    view = s.view();
  }
  s.end();
  return view;
};
const KEYS = ['valid', 'broken', 'stream'] as const;
type Times = Record<(typeof KEYS)[number] | 'validAfter' | 'brokenAfter' | 'streamAfter', number>;
/** A process's figures: ms, and ms over the same process's JSON.parse median (`rel`). */
type Out = Times & { rel: Times };
const cpuMs = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;

if (process.env.ENGINE_AB_ONE) {
  // a child: one build, its medians as JSON, fresh and after the corpus
  const e = load(resolve(process.env.ENGINE_AB_ONE)) as Engine;
  // the control: JSON.parse of the valid document, timed beside every run
  const parses: number[] = [];
  const time = (): Record<(typeof KEYS)[number], number> => {
    for (let w = 0; w < 3; w++) {
      for (const doc of [valid, broken]) e.repairJson(doc);
      stream(e);
      JSON.parse(valid);
    }
    const t: Record<(typeof KEYS)[number], number[]> = { valid: [], broken: [], stream: [] };
    for (let k = 0; k < 9; k++) {
      t.valid.push(cpuMs(() => e.repairJson(valid)));
      t.broken.push(cpuMs(() => e.repairJson(broken)));
      t.stream.push(cpuMs(() => stream(e)));
      parses.push(cpuMs(() => JSON.parse(valid)));
    }
    return { valid: median(t.valid), broken: median(t.broken), stream: median(t.stream) };
  };
  const fresh = time();
  runCorpus(e);
  const after = time();
  const ms: Times = { ...fresh, validAfter: after.valid, brokenAfter: after.broken, streamAfter: after.stream };
  const p = median(parses);
  const rel = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v / p])) as Times;
  console.log(JSON.stringify({ ...ms, rel }));
} else {
  const base = load(resolve(basePath)) as Engine;
  const next = load(resolve(newPath)) as Engine;
  // both builds give the same answer before either is timed
  for (const doc of [valid, broken]) assert.equal(next.repairJson(doc).json, base.repairJson(doc).json);
  assert.equal(stream(next), stream(base));
  const runs: Record<'base' | 'next', Out[]> = { base: [], next: [] };
  for (let round = 0; round < 6; round++) {
    for (const which of round % 2 === 0 ? (['base', 'next'] as const) : (['next', 'base'] as const)) {
      const out = execFileSync(process.execPath, [...process.execArgv, __filename, basePath, newPath], { env: { ...process.env, ENGINE_AB_ONE: which === 'base' ? basePath : newPath }, encoding: 'utf8' });
      runs[which].push(JSON.parse(out.trim().split('\n').pop()!));
    }
  }
  const table = (head: string, digits: number, get: (r: Out) => Times): string => {
    const row = (name: string, key: keyof Times): string => {
      const b = median(runs.base.map((r) => get(r)[key]));
      const n = median(runs.next.map((r) => get(r)[key]));
      return `| ${name} | ${b.toFixed(digits)} | ${n.toFixed(digits)} | ${(((n - b) / b) * 100).toFixed(1)}% |`;
    };
    return [
      head,
      '|---|---:|---:|---:|',
      row('valid', 'valid'),
      row('defect every ~200 B', 'broken'),
      row('1 MB in 16-character chunks', 'stream'),
      row('valid, after the corpus', 'validAfter'),
      row('defect every ~200 B, after the corpus', 'brokenAfter'),
      row('1 MB in 16-character chunks, after the corpus', 'streamAfter'),
    ].join('\n');
  };
  console.log(table('| document | base ms | new ms | new − base |', 1, (r) => r));
  console.log('');
  console.log(table("| document | base / JSON.parse | new / JSON.parse | new − base |", 3, (r) => r.rel));
}
