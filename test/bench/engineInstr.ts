/**
 * One workload of the engine benchmark's documents, for instruction counts under callgrind: `warm` runs
 * first, then `runs` runs inside a `reduceRight` callback, so that callgrind's --toggle-collect on that
 * builtin counts those runs only (start-up, document building and the warm-up left out). Used by engine24
 * to compare two builds:
 *
 *   npx esbuild test/bench/engineInstr.ts --bundle --platform=node --outfile=/tmp/instr.cjs
 *   valgrind --tool=callgrind --toggle-collect=Builtins_ArrayReduceRight --callgrind-out-file=/tmp/cg.out \
 *     node --single-threaded /tmp/instr.cjs /tmp/engine.cjs stream 3 2
 *   # the summary's Ir / 2 = instructions a run
 *
 * Workloads: `valid` (repairJson of the 3.83 MB valid document), `broken` (the same with a defect every
 * ~200 B), `stream` (the 1 MB document in 16-character chunks, a view() after each push). A fifth argument
 * `after` runs the bench's corpus first (every case one-shot and in 16-character chunks, as engineAB.ts's
 * "after the corpus"), so the counted runs see the steady state of a process that has met varied input.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { runCorpus, type Engine } from './builtEngine';
import { addDefects, chunked, makeDocument } from './docs';

const [path, mode, warm, count, after] = process.argv.slice(2);
const e = createRequire(__filename)(resolve(path)) as Engine;
let run: () => void;
if (mode === 'stream') {
  const chunks = chunked(makeDocument(1024 * 1024, 7).text);
  run = () => {
    const s = e.createStreamRepairer();
    for (const c of chunks) {
      s.push(c);
      s.view();
    }
    s.end();
  };
} else {
  const valid = makeDocument(3.83e6).text;
  const text = mode === 'broken' ? addDefects(valid).text : valid;
  run = () => e.repairJson(text);
}
for (let k = 0; k < Number(warm); k++) run();
if (after === 'after') {
  runCorpus(e);
  for (let k = 0; k < Number(warm); k++) run();
}
// the measured runs, inside the builtin callgrind toggles collection on
[0].reduceRight((acc: number) => {
  for (let k = 0; k < Number(count); k++) run();
  return acc;
}, 0);
