/**
 * Where the json_schema target's gap to repair comes from (`BENCH_ONLY=gap npm run bench`): one gateway of
 * this tree, the bare proxy and the load process of the gateway benchmark, and five targets in paired,
 * alternating rounds of 100 streams of the benchmark document: the bare proxy with the benchmark's request
 * (json_object) and with the json_schema request, the gateway in repair mode with the json_object request,
 * with a json_object request padded to the json_schema request's size, and with the json_schema request.
 * The output is checked first. Per target: main-thread CPU per stream of this process, the load process's CPU per stream, chunks/s;
 * per pair, the paired differences (median and quartiles). `GATEWAY_GAP_ROUNDS` (default 30).
 */
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as current from './abBase';
import { startBareProxy } from './bareProxy';
import { makeDoc, SCHEMA_FORMAT } from './gatewayDoc';
import type { LoadCommand, LoadReply, RunResult } from './gatewayLoad';
import { LoadProcess } from './loadProcess';

const ROUNDS = Number(process.env.GATEWAY_GAP_ROUNDS ?? 30);
const STREAMS = 100;
const PIECES = 250;
const WARM_UP_ROUNDS = 15;

function mainThreadUs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], p: number) => sorted(xs)[Math.floor(p * (xs.length - 1))]!;
const f1 = (n: number) => n.toFixed(1);

export async function runSchemaGap(): Promise<string> {
  const log = (s: string) => process.stderr.write(`[bench:gap] ${s}\n`);
  const load: LoadProcess<LoadCommand, Extract<LoadReply, { id: number }>> = await LoadProcess.start(__dirname, 'gatewayLoad');
  const bare = await startBareProxy(load.upstream);
  const store = await current.ArtifactStore.open({ dir: null });
  const events = new current.EventHub();
  const gateway = await current.startGateway({ port: 0, upstream: load.upstream, demo: false, apiKey: process.env.GATEWAY_AB_KEY ?? null, token: null, allowedOrigins: [], mode: 'auto', store, events, metrics: new current.GatewayMetrics(), log: current.silentLogger });
  // a json_object request as long as the json_schema one (the pad is a field the gateway forwards untouched)
  const schemaBody = JSON.stringify(SCHEMA_FORMAT).length;
  const padded = { type: 'json_object', pad: '' };
  padded.pad = 'x'.repeat(schemaBody - JSON.stringify(padded).length);
  const repair = { 'x-streamfix-mode': 'repair' };
  const targets: Record<string, { url: string; headers: Record<string, string>; responseFormat?: unknown }> = {
    bare: { url: `${bare.url}/chat/completions`, headers: {} },
    'bare, json_schema request': { url: `${bare.url}/chat/completions`, headers: {}, responseFormat: SCHEMA_FORMAT },
    repair: { url: `${gateway.url}/chat/completions`, headers: repair },
    'repair, padded request': { url: `${gateway.url}/chat/completions`, headers: repair, responseFormat: padded },
    'repair + json_schema': { url: `${gateway.url}/chat/completions`, headers: repair, responseFormat: SCHEMA_FORMAT },
  };
  const run = async (e: (typeof targets)[string], pieces: number): Promise<RunResult> => {
    const r = (await load.request({ cmd: 'run', ...e, streams: STREAMS, pieces, intervalMs: 0, collect: false })).result!;
    if (r.errors.length) throw new Error(`${e.url}: ${r.errors[0]}`);
    return r;
  };
  const names = Object.keys(targets);
  const cpu = new Map<string, number[]>(names.map((n) => [n, []]));
  const loadCpu = new Map<string, number[]>(names.map((n) => [n, []]));
  const rate = new Map<string, number[]>(names.map((n) => [n, []]));
  try {
    // the output first: repair targets parse to the document's value (json_schema: and meet the schema), the
    // bare proxy's is the upstream's bytes
    const doc = makeDoc(300);
    for (const n of names) {
      const r = (await load.request({ cmd: 'run', ...targets[n]!, streams: 2, pieces: 300, intervalMs: 0, collect: true })).result!;
      if (r.errors.length) throw new Error(`${n}: ${r.errors[0]}`);
      for (const content of r.contents) {
        if (n.startsWith('bare')) {
          if (content !== doc.raw) throw new Error(`${n}: content differs from what the upstream sent`);
        } else deepStrictEqual(JSON.parse(content), doc.expected, `${n}: repaired content is not the expected JSON`);
      }
      if (n === 'repair + json_schema') for (const a of store.list(2)) deepStrictEqual((await store.get(a.id))?.schema, { valid: true, errors: [] }, `${n}: the artifact does not say the schema was met`);
    }
    log('output checked');
    for (let k = 0; k < WARM_UP_ROUNDS; k++) for (const n of names) await run(targets[n]!, 100);
    for (let k = 0; k < ROUNDS; k++) {
      for (const n of k % 2 === 0 ? names : [...names].reverse()) {
        const m0 = mainThreadUs();
        const r = await run(targets[n]!, PIECES);
        cpu.get(n)!.push((mainThreadUs() - m0) / STREAMS);
        loadCpu.get(n)!.push(r.loadCpuUs / STREAMS);
        rate.get(n)!.push(r.sent / (r.ms / 1000));
      }
    }
    log('done');
    const lines = [
      `### json_schema gap (${ROUNDS} paired rounds of ${STREAMS} streams of ${makeDoc(PIECES).pieces.length} chunks; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end)`,
      '',
      '| target | main-thread CPU µs a stream | load process CPU µs a stream | chunks/s | ratio to bare, median of the rounds (quartiles) |',
      '|---|---:|---:|---:|---:|',
    ];
    const bareRate = rate.get('bare')!;
    for (const n of names) {
      const ratio = rate.get(n)!.map((x, i) => x / bareRate[i]!);
      lines.push(`| ${n} | ${f1(at(cpu.get(n)!, 0.5))} | ${f1(at(loadCpu.get(n)!, 0.5))} | ${at(rate.get(n)!, 0.5).toFixed(0)} | ${at(ratio, 0.5).toFixed(3)} (${at(ratio, 0.25).toFixed(3)} .. ${at(ratio, 0.75).toFixed(3)}) |`);
    }
    lines.push('', '| pair (b − a) | main-thread CPU µs, median (quartiles) | load CPU µs, median (quartiles) | rate ratio b/a, median (quartiles) |', '|---|---:|---:|---:|');
    const pairs: [string, string][] = [
      ['bare', 'bare, json_schema request'],
      ['repair', 'repair, padded request'],
      ['repair, padded request', 'repair + json_schema'],
      ['repair', 'repair + json_schema'],
    ];
    for (const [a, b] of pairs) {
      const d = (m: Map<string, number[]>) => m.get(b)!.map((x, i) => x - m.get(a)![i]!);
      const q = (xs: number[]) => `${f1(at(xs, 0.5))} (${f1(at(xs, 0.25))} .. ${f1(at(xs, 0.75))})`;
      const rr = rate.get(b)!.map((x, i) => x / rate.get(a)![i]!);
      lines.push(`| ${b} − ${a} | ${q(d(cpu))} | ${q(d(loadCpu))} | ${at(rr, 0.5).toFixed(3)} (${at(rr, 0.25).toFixed(3)} .. ${at(rr, 0.75).toFixed(3)}) |`);
    }
    return lines.join('\n');
  } finally {
    await gateway.close(1000);
    events.close();
    await store.close();
    await bare.close();
    await load.exit();
  }
}

if (require.main === module) {
  runSchemaGap().then(
    (table) => process.stdout.write(table + '\n'),
    (err: Error) => {
      process.stderr.write(`json_schema gap bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
