/**
 * Where a 16-character push's time goes, and an A/B of engine builds on it (not part of `npm run bench`).
 * The bench's 1 MB streaming document in 16-character chunks, three ways, CPU time a push (median of
 * `PUSH_ROUNDS` streams, default 21, after 2 untimed): `view` (push, then view(), as the bench times it),
 * `push` (no view), `nokeep` (keepOutput: false, no view). `push − nokeep` is what keeping the output for
 * view()/emitted costs, `view − push` what view() costs. Given more builds (`dist/engine.cjs` of another
 * commit), every build runs each round, in alternating order, and each is reported against the first.
 * Each build and way has its own loop function: V8 keeps call feedback per function, and one loop
 * shared by several builds would time polymorphic calls none of them sees in use. The loops are the
 * bench's (test/bench/streaming.ts, streamfixTimed). Identical builds differ by up to ~3% here on a loaded
 * machine: give the first build twice to see that spread next to a change.
 *   npm run build:engine && node --import tsx test/bench/pushCost.ts [dist/engine.cjs /tmp/old/dist/engine.cjs …]
 */
import os from 'node:os';
import path from 'node:path';
import { makeDocument } from './docs';
import { chunked } from './streaming';

type Engine = typeof import('../../shared/engine');
type Loop = (engine: Engine, chunks: string[]) => unknown;

const WAYS = {
  view: 's.push(c); v = s.view();',
  push: 's.push(c);',
  nokeep: 's.push(c);',
} as const;
type Way = keyof typeof WAYS;

function loopFor(way: Way, id: number): Loop {
  const options = way === 'nokeep' ? '{ keepOutput: false }' : 'undefined';
  // a distinct source per loop (the comment) gives each its own function and feedback
  const body = `/* ${way} ${id} */ const s = engine.createStreamRepairer(${options}); let v = null;
    for (const c of chunks) { ${WAYS[way]} }
    s.end(); return v;`;
  return new Function('engine', 'chunks', body) as Loop;
}

function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) files.push(path.join(__dirname, '..', '..', 'dist', 'engine.cjs'));
  const rounds = Number(process.env.PUSH_ROUNDS ?? 21);
  const doc = makeDocument(1024 * 1024, 7);
  const chunks = chunked(doc.text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engines = files.map((f) => require(path.resolve(f)) as Engine);
  for (const [k, engine] of engines.entries()) {
    const s = engine.createStreamRepairer();
    for (const c of chunks) s.push(c);
    if (s.end().json !== doc.text) throw new Error(`${files[k]}: the streamed output differs from the document`);
  }
  const ways = Object.keys(WAYS) as Way[];
  const runs = engines.map((engine, k) => ways.map((way) => ({ way, loop: loopFor(way, k), times: [] as number[], engine })));
  for (let r = 0; r < rounds + 2; r++) {
    const order = r % 2 === 0 ? runs : [...runs].reverse();
    for (const build of order) {
      for (const run of r % 2 === 0 ? build : [...build].reverse()) {
        const t = cpuMs(() => run.loop(run.engine, chunks));
        if (r >= 2) run.times.push(t);
      }
    }
  }
  const nsPush = (ms: number) => (ms * 1e6) / chunks.length;
  const first = runs[0].map((run) => median(run.times));
  console.log(`${chunks.length} pushes of 16 characters, ${rounds} rounds, load ${os.loadavg()[0].toFixed(2)}`);
  for (const [k, build] of runs.entries()) {
    const m = build.map((run) => median(run.times));
    const byWay = Object.fromEntries(ways.map((w, i) => [w, m[i]])) as Record<Way, number>;
    const cells = ways.map((w, i) => `${w} ${nsPush(m[i]).toFixed(0)} ns` + (k > 0 ? ` (${(m[i] / first[i]).toFixed(3)}x)` : ''));
    const parts = `keep ${nsPush(byWay.push - byWay.nokeep).toFixed(0)} ns, view ${nsPush(byWay.view - byWay.push).toFixed(0)} ns`;
    console.log(`${files[k]}: ${cells.join(' | ')} | ${parts}`);
  }
}

main();
