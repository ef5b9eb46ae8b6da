/**
 * A quick look at the engine's speed goals only (not part of `npm run bench`): throughput on the ~4 MB
 * document (valid, defect every ~200 B), 16-character streaming with view() after each push (128 KB,
 * 1 MB), then the same after the corpus run (a process that has seen varied input). Every figure is a
 * ratio to JSON.parse timed in the same process, CPU time, median of `SPEED_RUNS` (default 7) runs.
 *   npm run build:engine && node --expose-gc --import tsx test/bench/speedCheck.ts [--no-corpus]
 */
import os from 'node:os';
import { buildCorpus, heldOutCorpus, heldOutSeed } from './corpus';
import { addDefects, makeDocument } from './docs';
import { engine as builtEngine } from './engineUnderTest';

// SPEED_ENGINE=path/to/engine.cjs measures another build (e.g. an older commit's) the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine: typeof builtEngine = process.env.SPEED_ENGINE ? require(process.env.SPEED_ENGINE) : builtEngine;
import { bytes, collect, mbps, timeMedian } from './measure';
import { chunked } from './streaming';

const runs = Number(process.env.SPEED_RUNS ?? 7);
const doc = makeDocument(4 * 1024 * 1024);
const broken = addDefects(doc.text, 200);
const s1m = makeDocument(1024 * 1024, 7);
const s128 = makeDocument(128 * 1024, 7);
const c1m = chunked(s1m.text);
const c1mSlices = chunked(s1m.text, 'slices');
const c128 = chunked(s128.text);

function stream(chunks: string[]): string | null {
  const s = engine.createStreamRepairer();
  let view: string | null = null;
  for (const c of chunks) {
    s.push(c);
    view = s.view();
  }
  s.end();
  return view;
}

async function measure(label: string): Promise<void> {
  const tParse = await timeMedian(() => JSON.parse(doc.text), runs, 2);
  const parseMbps = mbps(bytes(doc.text), tParse);
  const tValid = await timeMedian(() => engine.repairJson(doc.text), runs, 2);
  const tBroken = await timeMedian(() => engine.repairJson(broken.text), runs, 2);
  const t1m = await timeMedian(() => stream(c1m), runs, 2);
  const t128 = await timeMedian(() => stream(c128), runs, 2);
  const tSlices = await timeMedian(() => stream(c1mSlices), runs, 2);
  const r = (b: number, ms: number) => (mbps(b, ms) / parseMbps).toFixed(3);
  console.log(
    `${label}: parse ${tParse.toFixed(1)} ms | valid ${tValid.toFixed(1)} ms ${r(bytes(doc.text), tValid)}x | defects ${tBroken.toFixed(1)} ms ${r(bytes(broken.text), tBroken)}x | ` +
      `stream 1MB ${t1m.toFixed(1)} ms ${r(bytes(s1m.text), t1m)}x (slices ${r(bytes(s1m.text), tSlices)}x) | growth ${(t1m / t128).toFixed(2)}x | load ${os.loadavg()[0].toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  collect();
  await measure('fresh');
  if (process.argv.includes('--no-corpus')) return;
  // what the bench's correctness section does with streamfix: every case one-shot and in 16-character chunks
  for (const c of [...buildCorpus(), ...heldOutCorpus(heldOutSeed())]) {
    engine.repairJson(c.input);
    const s = engine.createStreamRepairer();
    for (const chunk of chunked(c.input)) s.push(chunk);
    s.end();
  }
  await measure('after corpus');
}

void main();
