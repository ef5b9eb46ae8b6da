/**
 * The bench's defects figure in many fresh processes (not part of `npm run bench`): issue 8 saw it land at
 * ~0.27× JSON.parse in two quiet full runs of eleven instead of ~0.36–0.40×, for the same bundle. Each child
 * process does what test/bench/throughput.ts does up to that figure, in the same order (the output checks,
 * jsonrepair on the valid document, JSON.parse 2 + 9 runs, the valid document 2 + 9, the defects document
 * 1 + 9), and reports every timed run; the parent prints one line per process and the spread.
 *   npm run build:engine && node --expose-gc --import tsx test/bench/defectsModes.ts [processes, default 20]
 * `SPEED_ENGINE=file.cjs` times another build; `MODES_NODE_FLAGS="--trace-gc"` passes V8 flags to the children
 * (their output is kept in .bench-out/modes-<n>.log).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsonrepair } from 'jsonrepair';
import { deepEqual } from './corpus';
import { addDefects, makeDocument } from './docs';
import { engine as builtEngine } from './engineUnderTest';
import { bytes, collect, mbps } from './measure';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine: typeof builtEngine = process.env.SPEED_ENGINE ? require(path.resolve(process.env.SPEED_ENGINE)) : builtEngine;

const cpuMs = (fn: () => unknown): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
/** `warmup` untimed runs, then `runs` timed ones: timeMedian's order, every time kept. */
const times = (fn: () => unknown, runs: number, warmup: number): number[] => {
  for (let i = 0; i < warmup; i++) fn();
  return Array.from({ length: runs }, () => cpuMs(fn));
};

function child(): void {
  const doc = makeDocument(4 * 1024 * 1024);
  const broken = addDefects(doc.text, 200);
  collect();
  if (engine.repairJson(doc.text).json !== doc.text) throw new Error('streamfix changed the valid document');
  const b = engine.repairJson(broken.text);
  if (b.json === null || !deepEqual(JSON.parse(b.json), doc.value)) throw new Error('streamfix repaired the defects wrongly');
  if (!deepEqual(JSON.parse(jsonrepair(doc.text)), doc.value)) throw new Error('jsonrepair on the valid document');
  const parse = times(() => JSON.parse(doc.text), 9, 2);
  const valid = times(() => engine.repairJson(doc.text), 9, 2);
  const defects = times(() => engine.repairJson(broken.text), 9, 1);
  const parseMbps = mbps(bytes(doc.text), median(parse));
  const line = {
    parse: median(parse),
    valid: mbps(bytes(doc.text), median(valid)) / parseMbps,
    defects: mbps(bytes(broken.text), median(defects)) / parseMbps,
    defectRuns: defects,
    load: os.loadavg()[0],
  };
  process.stdout.write(`MODES ${JSON.stringify(line)}\n`);
}

function parent(): void {
  const n = Number(process.argv[2] ?? 20);
  const flags = (process.env.MODES_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const outDir = path.join(__dirname, '..', '..', '.bench-out');
  mkdirSync(outDir, { recursive: true });
  const ratios: number[] = [];
  for (let k = 0; k < n; k++) {
    const out = execFileSync(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', __filename, '--child'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: process.env,
    });
    if (flags.length > 0) writeFileSync(path.join(outDir, `modes-${k}.log`), out);
    const found = out.split('\n').find((l) => l.startsWith('MODES '));
    if (!found) throw new Error(`process ${k} reported nothing`);
    const r = JSON.parse(found.slice(6)) as { parse: number; valid: number; defects: number; defectRuns: number[]; load: number };
    ratios.push(r.defects);
    console.log(
      `${String(k).padStart(3)}: JSON.parse ${r.parse.toFixed(1)} ms | valid ${r.valid.toFixed(2)}× | defects ${r.defects.toFixed(2)}× ` +
        `(runs ${r.defectRuns.map((t) => t.toFixed(0)).join(' ')} ms) | load ${r.load.toFixed(1)}`,
    );
  }
  const s = [...ratios].sort((a, b) => a - b);
  console.log(
    `defects over ${n} processes: min ${s[0].toFixed(2)}×, median ${median(s).toFixed(2)}×, max ${s[s.length - 1].toFixed(2)}×; ` +
      `below 0.30×: ${s.filter((r) => r < 0.3).length}`,
  );
}

if (process.argv.includes('--child')) child();
else parent();
