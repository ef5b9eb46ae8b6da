/**
 * The gateway A/B benchmark (`GATEWAY_AB=<git ref> BENCH_ONLY=ab npm run bench`; ref default `main`): this
 * tree's gateway against the ref's, both in this one process (each from its own bundle: abBase.ts), with
 * the bare proxy and the load process of the gateway benchmark (gatewayLoad.ts). On a machine shared with
 * other work, two builds measured in separate processes or minutes apart differ by more than most single
 * changes do; here the two run in the same conditions: in each round every target runs once (100
 * streams of the benchmark document), in alternating order, and each round's difference new − base is
 * taken. Reported per mode: the median CPU per stream of each build, and the median and quartiles of the
 * paired differences with the number of rounds the new build was cheaper. CPU is this process's main
 * thread (Linux: /proc/self/task/<pid>/schedstat, which excludes V8's helper threads and time spent
 * waiting for a core), and the whole process's (process.cpuUsage).
 *
 * `GATEWAY_AB_KEY=<key>`: both gateways have that key configured (sent upstream, so the redaction of
 * what comes back runs: redact.ts), on streams that hold no secret.
 *
 * The output is checked first, for both builds: repair and repair + schema parse to the expected value
 * (and the artifact says the schema was met), passthrough is byte-identical to what the upstream sent.
 */
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as current from './abBase';
import { startBareProxy } from './bareProxy';
import { makeDoc, SCHEMA_FORMAT } from './gatewayDoc';
import type { LoadCommand, LoadReply, RunResult } from './gatewayLoad';
import { LoadProcess } from './loadProcess';

type Build = typeof current;
type Mode = 'passthrough' | 'repair' | 'schema';
const MODES: Mode[] = ['passthrough', 'repair', 'schema'];
const ROUNDS = Number(process.env.GATEWAY_AB_ROUNDS ?? 40);
const WARM_UP_ROUNDS = 15;
const STREAMS = 100;
const PIECES = 250;

/** CPU time of this process's main thread so far, µs; null where /proc is not there. */
function mainThreadUs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
  } catch {
    return null;
  }
}

async function startBuild(b: Build, upstream: string) {
  const store = await b.ArtifactStore.open({ dir: null });
  const events = new b.EventHub();
  const gateway = await b.startGateway({ port: 0, upstream, demo: false, apiKey: process.env.GATEWAY_AB_KEY ?? null, token: null, allowedOrigins: [], mode: 'auto', store, events, metrics: new b.GatewayMetrics(), log: b.silentLogger });
  return {
    store,
    endpoint: (m: Mode) => ({ url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': m === 'passthrough' ? 'passthrough' : 'repair' }, responseFormat: m === 'schema' ? SCHEMA_FORMAT : undefined }),
    async close() {
      await gateway.close(1000);
      events.close();
      await store.close();
    },
  };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], p: number) => sorted(xs)[Math.floor(p * (xs.length - 1))]!;
const f1 = (n: number) => n.toFixed(1);

export async function runGatewayAB(): Promise<string> {
  const basePath = process.env.GATEWAY_AB_BASE;
  if (!basePath) throw new Error('GATEWAY_AB_BASE (the base build, bundled from abBase.ts) is not set: run through test/bench/index.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const base = require(basePath) as Build;
  const ref = process.env.GATEWAY_AB ?? 'main';
  const log = (s: string) => process.stderr.write(`[bench:ab] ${s}\n`);
  const load: LoadProcess<LoadCommand, Extract<LoadReply, { id: number }>> = await LoadProcess.start(__dirname, 'gatewayLoad');
  const bare = await startBareProxy(load.upstream);
  const builds = { base: await startBuild(base, load.upstream), new: await startBuild(current, load.upstream) };
  const run = async (e: { url: string; headers: Record<string, string>; responseFormat?: unknown }, streams: number, pieces: number, collect = false): Promise<RunResult> => {
    const r = (await load.request({ cmd: 'run', ...e, streams, pieces, intervalMs: 0, collect })).result!;
    if (r.errors.length) throw new Error(`${e.url}: ${r.errors[0]}`);
    return r;
  };
  try {
    const doc = makeDoc(300);
    for (const [name, b] of Object.entries(builds)) {
      for (const m of MODES) {
        const r = await run(b.endpoint(m), 2, 300, true);
        for (const content of r.contents) {
          if (m === 'passthrough') {
            if (content !== doc.raw) throw new Error(`${name} ${m}: content differs from what the upstream sent`);
          } else deepStrictEqual(JSON.parse(content), doc.expected, `${name} ${m}: repaired content is not the expected JSON`);
        }
        if (m === 'schema') for (const a of b.store.list(2)) deepStrictEqual((await b.store.get(a.id))?.schema, { valid: true, errors: [] }, `${name}: the artifact does not say the schema was met`);
      }
    }
    log(`output checked for both builds (${ref} and this tree)`);

    type Cell = { main: number[]; proc: number[] };
    const cells = new Map<string, Cell>();
    const timed = async (key: string, e: { url: string; headers: Record<string, string>; responseFormat?: unknown }) => {
      const c0 = process.cpuUsage();
      const m0 = mainThreadUs();
      await run(e, STREAMS, PIECES);
      const m1 = mainThreadUs();
      const c = process.cpuUsage(c0);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { main: [], proc: [] }));
      cell.proc.push((c.user + c.system) / STREAMS);
      if (m0 !== null && m1 !== null) cell.main.push((m1 - m0) / STREAMS);
    };
    const order = [...MODES.flatMap((m) => [`base|${m}`, `new|${m}`]), 'bare|'];
    const endpointOf = (key: string) => {
      const [b, m] = key.split('|') as ['base' | 'new' | 'bare', Mode];
      return b === 'bare' ? { url: `${bare.url}/chat/completions`, headers: {} } : builds[b].endpoint(m);
    };
    for (let k = 0; k < WARM_UP_ROUNDS; k++) for (const key of order) await run(endpointOf(key), STREAMS, 100);
    cells.clear();
    // alternating order: neither build always runs first after the other's garbage
    for (let k = 0; k < ROUNDS; k++) for (const key of k % 2 === 0 ? order : [...order].reverse()) await timed(key, endpointOf(key));

    const main = cells.get('bare|')!.main.length > 0;
    const pick = (c: Cell) => (main ? c.main : c.proc);
    const lines = [
      `### Gateway A/B: this tree against ${ref} (${ROUNDS} paired rounds of ${STREAMS} streams of ${makeDoc(PIECES).pieces.length} chunks; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end)`,
      '',
      `CPU µs per stream, ${main ? "this process's main thread" : 'the whole process'} (in brackets the whole process), medians; the bare proxy: ${f1(at(pick(cells.get('bare|')!), 0.5))} (${f1(at(cells.get('bare|')!.proc, 0.5))}).`,
      '',
      '| mode | base | new | new − base, median of the rounds (quartiles) | rounds new cheaper |',
      '|---|---:|---:|---:|---:|',
    ];
    for (const m of MODES) {
      const b = cells.get(`base|${m}`)!;
      const n = cells.get(`new|${m}`)!;
      const d = pick(n).map((x, i) => x - pick(b)[i]!);
      lines.push(`| ${m} | ${f1(at(pick(b), 0.5))} (${f1(at(b.proc, 0.5))}) | ${f1(at(pick(n), 0.5))} (${f1(at(n.proc, 0.5))}) | ${f1(at(d, 0.5))} (${f1(at(d, 0.25))} .. ${f1(at(d, 0.75))}) | ${d.filter((x) => x < 0).length} of ${d.length} |`);
    }
    return lines.join('\n');
  } finally {
    await builds.base.close();
    await builds.new.close();
    await bare.close();
    await load.exit();
  }
}

if (require.main === module) {
  runGatewayAB().then(
    (table) => process.stdout.write(table + '\n'),
    (err: Error) => {
      process.stderr.write(`gateway A/B bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
