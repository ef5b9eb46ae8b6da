/**
 * One workload of the engine benchmark's documents, repeated, for instruction counts under callgrind:
 * the difference between two run counts is what the runs themselves cost (start-up, document building and
 * compilation cancel out). Used by engine24 to compare two builds:
 *
 *   for n in 3 11; do valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.$n node --single-threaded \
 *     --import tsx test/bench/engineInstr.ts /tmp/engine.cjs stream $n; done
 *   # (Ir of 11 - Ir of 3) / 8 = instructions a run
 *
 * Workloads: `valid` (repairJson of the 3.83 MB valid document), `broken` (the same with a defect every
 * ~200 B), `stream` (the 1 MB document in 16-character chunks, a view() after each push).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { addDefects, chunked, makeDocument } from './docs';

type Engine = {
  repairJson(text: string): { status: string; json: string | null };
  createStreamRepairer(): { push(chunk: string): unknown; view(): string | null; end(): { json: string | null } };
};
const [path, mode, count] = process.argv.slice(2);
const e = createRequire(__filename)(resolve(path)) as Engine;
const runs = Number(count);
if (mode === 'stream') {
  const chunks = chunked(makeDocument(1024 * 1024, 7).text);
  for (let k = 0; k < runs; k++) {
    const s = e.createStreamRepairer();
    for (const c of chunks) {
      s.push(c);
      s.view();
    }
    s.end();
  }
} else {
  const valid = makeDocument(3.83e6).text;
  const text = mode === 'broken' ? addDefects(valid).text : valid;
  for (let k = 0; k < runs; k++) e.repairJson(text);
}
