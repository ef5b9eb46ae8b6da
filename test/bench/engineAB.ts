/**
 * The engine of two builds on the benchmark's documents (3.83 MB valid, and with a defect every ~200 B),
 * each in a process of its own, the processes alternated (6 each): CPU ms of `repairJson`, median of the
 * processes' medians of 9 runs. Two builds in ONE process are not comparable: whichever is loaded second ran
 * ~18% faster on the defect document, whichever build it was (measured 2026-12-01). Output is checked first.
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
import { addDefects, makeDocument } from './docs';

type Engine = { repairJson(text: string): { status: string; json: string | null } };
const [basePath, newPath] = process.argv.slice(2);
if (!basePath || !newPath) {
  console.error('usage: node --import tsx test/bench/engineAB.ts <base engine.cjs> <new engine.cjs>');
  process.exit(2);
}
const load = createRequire(__filename);
const valid = makeDocument(3.83e6).text;
const broken = addDefects(valid).text;
const cpuMs = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;

if (process.env.ENGINE_AB_ONE) {
  // a child: one build, its medians as JSON
  const e = load(resolve(process.env.ENGINE_AB_ONE)) as Engine;
  for (let w = 0; w < 3; w++) for (const doc of [valid, broken]) e.repairJson(doc);
  const v: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < 9; k++) {
    v.push(cpuMs(() => e.repairJson(valid)));
    b.push(cpuMs(() => e.repairJson(broken)));
  }
  console.log(JSON.stringify({ valid: median(v), broken: median(b) }));
} else {
  const base = load(resolve(basePath)) as Engine;
  const next = load(resolve(newPath)) as Engine;
  // both builds give the same answer before either is timed
  for (const doc of [valid, broken]) assert.equal(next.repairJson(doc).json, base.repairJson(doc).json);
  const runs: Record<'base' | 'next', { valid: number; broken: number }[]> = { base: [], next: [] };
  for (let round = 0; round < 6; round++) {
    for (const which of round % 2 === 0 ? (['base', 'next'] as const) : (['next', 'base'] as const)) {
      const out = execFileSync(process.execPath, [...process.execArgv, __filename, basePath, newPath], { env: { ...process.env, ENGINE_AB_ONE: which === 'base' ? basePath : newPath }, encoding: 'utf8' });
      runs[which].push(JSON.parse(out.trim().split('\n').pop()!));
    }
  }
  const row = (name: string, key: 'valid' | 'broken'): string => {
    const b = median(runs.base.map((r) => r[key]));
    const n = median(runs.next.map((r) => r[key]));
    return `| ${name} | ${b.toFixed(1)} | ${n.toFixed(1)} | ${(((n - b) / b) * 100).toFixed(1)}% |`;
  };
  console.log(['| document | base ms | new ms | new − base |', '|---|---:|---:|---:|', row('valid', 'valid'), row('defect every ~200 B', 'broken')].join('\n'));
}
