/**
 * Throughput: MB/s on a ~4 MB pretty document, valid and with a defect every ~200 bytes, for
 * streamfix, jsonrepair and JSON.parse (the physical reference, on the valid document only).
 * Every tool's output is checked once before it is timed.
 */
import { jsonrepair } from 'jsonrepair';
import { engine } from './engineUnderTest';
import { deepEqual } from './corpus';
import { addDefects, makeDocument } from './docs';
import { bytes, collect, fmt, mbps, table, timeMedian, timeOnce } from './measure';

export interface ThroughputResult {
  markdown: string;
  /** streamfix MB/s divided by JSON.parse MB/s in the same run. */
  validRatio: number;
  defectRatio: number;
  jsonParseMbps: number;
  /** The valid document, JSON.parse's reference (the streaming section times its own pairs against it). */
  anchor: string;
  /** Times streamfix again on both documents (used after the corpus run) and returns a markdown note. */
  remeasure(label: string): Promise<string>;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark output check failed: ${what}`);
}

export async function runThroughput(log: (s: string) => void): Promise<ThroughputResult> {
  const doc = makeDocument(4 * 1024 * 1024);
  const broken = addDefects(doc.text, 200);
  const validBytes = bytes(doc.text);
  const brokenBytes = bytes(broken.text);
  log(`throughput: document ${(validBytes / 1e6).toFixed(2)} MB, ${broken.defects} defects in the broken copy`);

  collect();
  // Check every output before timing it.
  const sfValid = engine.repairJson(doc.text);
  check(sfValid.status === 'VALID' && sfValid.json === doc.text, 'streamfix changed the valid document');
  const sfBroken = engine.repairJson(broken.text);
  check(sfBroken.json !== null && deepEqual(JSON.parse(sfBroken.json), doc.value), 'streamfix repaired the defects wrongly');
  check(deepEqual(JSON.parse(jsonrepair(doc.text)), doc.value), 'jsonrepair on the valid document');

  const runs = 9;
  const tParse = await timeMedian(() => JSON.parse(doc.text), runs, 2);
  const tSfValid = await timeMedian(() => engine.repairJson(doc.text), runs, 2);
  const tSfBroken = await timeMedian(() => engine.repairJson(broken.text), runs, 1);
  const tJrValid = await timeMedian(() => jsonrepair(doc.text), 3, 1);
  log(`throughput: JSON.parse ${tParse.toFixed(1)} ms, streamfix ${tSfValid.toFixed(1)} / ${tSfBroken.toFixed(1)} ms, jsonrepair valid ${tJrValid.toFixed(0)} ms`);

  // jsonrepair on the broken document can be slow (it walks back over output on some repairs): one
  // checked, timed run.
  let jrBrokenOut = '';
  const tJrBroken = await timeOnce(() => {
    jrBrokenOut = jsonrepair(broken.text);
  });
  check(deepEqual(JSON.parse(jrBrokenOut), doc.value), 'jsonrepair repaired the defects wrongly');

  const parseMbps = mbps(validBytes, tParse);
  const row = (name: string, ms: number, b: number, note = '') => [
    name,
    `${ms.toFixed(1)} ms`,
    fmt(mbps(b, ms)),
    `${fmt(mbps(b, ms) / parseMbps, 2)}×`,
    note,
  ];
  const markdown = table(
    ['input', 'time', 'MB/s', 'ratio to JSON.parse', 'note'],
    [
      row('JSON.parse, valid', tParse, validBytes, 'reference'),
      row('**streamfix, valid**', tSfValid, validBytes, 'output byte-identical, VALID'),
      row('jsonrepair, valid', tJrValid, validBytes),
      row('**streamfix, defect every ~200 B**', tSfBroken, brokenBytes, `${sfBroken.repairs.length} repairs`),
      row('jsonrepair, defect every ~200 B', tJrBroken, brokenBytes, 'one run'),
    ],
  );
  return {
    markdown: `Document: ${(validBytes / 1e6).toFixed(2)} MB pretty-printed records (${(brokenBytes / 1e6).toFixed(2)} MB with ${broken.defects} defects: unquoted keys, single quotes, Python literals, trailing commas, comments). Times are CPU time, median of ${runs} runs after warm-up (jsonrepair: 3 runs; on the broken document 1 run).\n\n${markdown}`,
    validRatio: mbps(validBytes, tSfValid) / parseMbps,
    defectRatio: mbps(brokenBytes, tSfBroken) / parseMbps,
    jsonParseMbps: parseMbps,
    anchor: doc.text,
    // JSON.parse is timed again beside them: a process on this host can run in a fast or a slow mode as a
    // whole, and switch at a collection (README, engine A/B), so a ratio to the first JSON.parse would be
    // a ratio across two modes (one run read 0.32× / 0.18×, the next 1.20× / 0.37×, the same build)
    remeasure: async (label: string) => {
      const p = await timeMedian(() => JSON.parse(doc.text), runs, 2);
      const v = await timeMedian(() => engine.repairJson(doc.text), runs, 2);
      const b = await timeMedian(() => engine.repairJson(broken.text), runs, 2);
      const again = mbps(validBytes, p);
      const ratio = (ms: number, n: number) => `${fmt(mbps(n, ms))} MB/s = ${fmt(mbps(n, ms) / again, 2)}×`;
      return `${label}: JSON.parse timed again ${p.toFixed(1)} ms (${fmt(again)} MB/s; the ratios are to it), streamfix valid ${v.toFixed(1)} ms (${ratio(v, validBytes)}), with defects ${b.toFixed(1)} ms (${ratio(b, brokenBytes)}).`;
    },
  };
}
