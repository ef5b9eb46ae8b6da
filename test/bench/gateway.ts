/**
 * The gateway benchmark (`npm run bench`; alone, bundled as in the full run: `BENCH_ONLY=gateway npm run
 * bench`; its 100-stream throughput rows only: `GATEWAY_BENCH=quick BENCH_ONLY=gateway npm run bench`).
 *
 * Targets stream the same OpenRouter-style chunks: the upstream directly, a bare undici pass-through
 * proxy (the anchor), and the StreamFix gateway in `passthrough` and in `repair` mode (also with a
 * json_schema request, through /v1/messages, and with an OpenRouter key configured). The proxies run in
 * this process; the upstream and the load client run in a forked child (gatewayLoad.ts), so on a 2-core
 * machine the process under test has a core to itself and the load generator does not steal its CPU.
 *
 * Measured: chunks per second (upstream content chunks delivered end to end) on one fast stream and at
 * 100 and 500 concurrent streams; CPU of the proxy process per chunk; per-chunk transit time at a paced
 * 100-stream load (added latency = gateway minus bare proxy, and the gateway's own histogram); memory per
 * open idle stream; errors. The output is checked before anything is timed: the content through the
 * gateway in repair mode must parse to the expected value, and the pass-through targets must deliver the
 * raw content byte for byte.
 */
import { deepStrictEqual } from 'node:assert';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ArtifactStore } from '../../server/gateway/artifacts';
import { EventHub } from '../../server/gateway/events';
import { silentLogger } from '../../server/gateway/log';
import { GatewayMetrics } from '../../server/gateway/metrics';
import { startGateway } from '../../server/gateway/server';
import { startBareProxy } from './bareProxy';
import { makeDoc, SCHEMA_FORMAT } from './gatewayDoc';
import type { LoadCommand, LoadReply, RunResult } from './gatewayLoad';
import { LoadProcess } from './loadProcess';

type Target = 'upstream' | 'bare proxy' | 'gateway passthrough' | 'gateway repair' | 'gateway repair + schema' | 'gateway messages' | 'gateway passthrough, key' | 'gateway repair, key';
/** `gateway messages`: the same upstream stream through POST /v1/messages (server/anthropic/), the text
 * block in repair mode, so it compares with `gateway repair` (the same engine work, plus the translation
 * into Anthropic events). */
const TARGETS: Target[] = ['upstream', 'bare proxy', 'gateway passthrough', 'gateway repair', 'gateway repair + schema', 'gateway messages', 'gateway passthrough, key', 'gateway repair, key'];
/** `…, key`: a second gateway with an OpenRouter key configured, as every user's daemon that talks to
 * OpenRouter has: it sends the key upstream and redacts it (and its escaped, percent- and base64-encoded
 * forms) from everything it forwards, stores and logs, so each read and event is searched. The key is a
 * realistic one in form (`sk-or-v1-` and 64 hex digits); the upstream never echoes it. */
const BENCH_KEY = 'sk-or-v1-' + '3f9a0c7e51b2d8461e0f7a9c3b5d2e8f'.repeat(2);


/** Concurrency -> content chunks per stream: 25-30k chunks per run, well under a second each when quiet
 * (0.1-0.2 s at 100 streams). `repeats`: timed rounds, every target once in each. One run is short enough
 * that a burst of work elsewhere on the machine moves it by 20-30% (the bare proxy's 7 runs of one quick
 * run: 136-250k chunks/s at load 2), so the 100-stream load, which the goals are judged on, gets 31 rounds:
 * the median of 31 per-round ratios varies about half as much as the median of 7 (bootstrap over the 63
 * rounds of one run at load 12: standard deviation 0.11 -> 0.05). `GATEWAY_BENCH_ROUNDS=<n>` sets that
 * load's rounds; each round's ratios are logged (stderr). */
const LOADS: { streams: number; pieces: number; repeats: number }[] = [
  { streams: 1, pieces: 25000, repeats: 7 },
  { streams: 100, pieces: 250, repeats: Number(process.env.GATEWAY_BENCH_ROUNDS ?? 31) },
  { streams: 500, pieces: 60, repeats: 7 },
];
const GOAL_LOAD = LOADS.find((l) => l.streams === 100)!;
/** Warm-up runs of 100 streams per target before anything is timed (1,500 streams each, see below). */
const WARM_UP_ROUNDS = 15;
const PACED_ROUNDS = 2;
const PACED = { streams: 100, pieces: 100, intervalMs: 20 };
const HELD_STREAMS = 500;

const getGc: () => () => void = () => {
  if (typeof (globalThis as { gc?: () => void }).gc === 'function') return (globalThis as unknown as { gc: () => void }).gc;
  // Run alone without --expose-gc: switch it on at run time (V8 allows this before first use).
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
};

type GatewayLoad = LoadProcess<LoadCommand, Extract<LoadReply, { id: number }>>;

/** One run of the load process's clients against an endpoint. */
async function runLoad(
  load: GatewayLoad,
  endpoint: { url: string; headers: Record<string, string>; responseFormat?: unknown; api?: 'messages' },
  o: { streams: number; pieces: number; intervalMs?: number; collect?: boolean },
): Promise<RunResult> {
  const { url, headers, responseFormat, api } = endpoint;
  const r = await load.request({ cmd: 'run', url, headers, streams: o.streams, pieces: o.pieces, intervalMs: o.intervalMs ?? 0, collect: o.collect ?? false, responseFormat, api });
  return r.result!;
}

const pct = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The p-quantile of xs (nearest rank below), for the spread of the per-round ratios. */
const quantile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const f2 = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '—');

/** p-th percentile of a prom-client histogram (cumulative buckets, diffed between two scrapes), with
 * linear interpolation inside the bucket. */
function histogramPercentile(before: Map<number, number>, after: Map<number, number>, p: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const total = counts[counts.length - 1];
  if (!total) return NaN;
  const rank = (p / 100) * total;
  let lower = 0;
  let below = 0;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i] >= rank) {
      const upper = Number.isFinite(bounds[i]) ? bounds[i] : lower * 2;
      const inBucket = counts[i] - below;
      return lower + ((upper - lower) * (rank - below)) / Math.max(1, inBucket);
    }
    lower = bounds[i];
    below = counts[i];
  }
  return NaN;
}

async function scrapeAddedHistogram(metrics: GatewayMetrics): Promise<Map<number, number>> {
  const text = await metrics.registry.metrics();
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^streamfix_added_seconds_per_chunk_bucket\{le="([^"]+)"\} (\d+)$/gm)) {
    out.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  }
  return out;
}

/** `GATEWAY_BENCH=quick`: the 100-stream throughput rows only (about a minute), with the proxy process's
 * CPU per 1,000 streams, for A/B runs of two builds alternated. */
function quickTable(rate: Record<string, number>, paired: Record<string, number>, spread: Record<string, string>, cpu: Record<string, number>): string {
  const chunks = makeDoc(GOAL_LOAD.pieces).pieces.length;
  const lines = [
    `### Gateway benchmark, quick (100 streams of ${chunks} chunks, median of ${GOAL_LOAD.repeats} rounds; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end)`,
    '',
    '| target | chunks/s | ratio to the bare proxy (quartiles of the rounds) | CPU µs/chunk | CPU s per 1,000 streams |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const t of TARGETS) {
    const c = cpu[`${t}|100`];
    lines.push(`| ${t} | ${f0(rate[`${t}|100`])} | ${t === 'upstream' || t === 'bare proxy' ? '—' : `${f2(paired[`${t}|100`])} (${spread[`${t}|100`]})`} | ${t === 'upstream' ? '—' : f2(c)} | ${t === 'upstream' ? '—' : f2((c * chunks * 1000) / 1e6, 3)} |`);
  }
  return lines.join('\n');
}

export async function runGatewayBench(): Promise<string> {
  const quick = process.env.GATEWAY_BENCH === 'quick';
  const gc = getGc();
  const log = (s: string) => process.stderr.write(`[bench:gateway] ${s}\n`);
  const load: GatewayLoad = await LoadProcess.start(__dirname, 'gatewayLoad');
  const bare = await startBareProxy(load.upstream);
  const metrics = new GatewayMetrics();
  const store = await ArtifactStore.open({ dir: null });
  const events = new EventHub();
  const gateway = await startGateway({
    port: 0,
    upstream: load.upstream,
    demo: false,
    apiKey: null,
    token: null,
    allowedOrigins: [],
    mode: 'auto',
    store,
    events,
    metrics,
    log: silentLogger,
  });
  const keyed = await startGateway({
    port: 0,
    upstream: load.upstream,
    demo: false,
    apiKey: BENCH_KEY,
    token: null,
    allowedOrigins: [],
    mode: 'auto',
    store,
    events,
    metrics: new GatewayMetrics(),
    log: silentLogger,
  });
  const endpoints: Record<Target, { url: string; headers: Record<string, string>; responseFormat?: unknown; api?: 'messages' }> = {
    upstream: { url: `${load.upstream}/chat/completions`, headers: {} },
    'bare proxy': { url: `${bare.url}/chat/completions`, headers: {} },
    'gateway passthrough': { url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': 'passthrough' } },
    'gateway repair': { url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': 'repair' } },
    'gateway repair + schema': { url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': 'repair' }, responseFormat: SCHEMA_FORMAT },
    'gateway messages': { url: `${gateway.url}/messages`, headers: { 'x-streamfix-mode': 'repair' }, api: 'messages' },
    'gateway passthrough, key': { url: `${keyed.url}/chat/completions`, headers: { 'x-streamfix-mode': 'passthrough' } },
    'gateway repair, key': { url: `${keyed.url}/chat/completions`, headers: { 'x-streamfix-mode': 'repair' } },
  };

  try {
    // ---- check the output before timing anything ----
    const checkDoc = makeDoc(300);
    for (const t of TARGETS) {
      const r = await runLoad(load, endpoints[t], { streams: 2, pieces: 300, collect: true });
      if (r.errors.length) throw new Error(`${t}: ${r.errors[0]}`);
      if (t === 'gateway repair + schema') {
        for (const a of store.list(2)) deepStrictEqual((await store.get(a.id))?.schema, { valid: true, errors: [] }, `${t}: the artifact does not say the schema was checked and met`);
      }
      for (const content of r.contents) {
        if (t.startsWith('gateway repair') || t === 'gateway messages') deepStrictEqual(JSON.parse(content), checkDoc.expected, `${t}: repaired content is not the expected JSON`);
        else if (content !== checkDoc.raw) throw new Error(`${t}: content differs from what the upstream sent`);
      }
    }
    log('output checked: repair parses to the expected value (and meets the schema), pass-through targets are byte-identical');

    // ---- throughput ----
    const rate: Record<string, number> = {};
    const paired: Record<string, number> = {};
    /** The ratio's first and third quartile over the rounds ("0.81–0.92"). */
    const spread: Record<string, string> = {};
    const loadCpu: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    const errors: Record<string, number> = {};
    // Warm-up: the steady state of a daemon that has served a while. The per-request code (request
    // parsing, the upstream call, the artifact, the stream's setup) runs once per stream, so V8 optimizes
    // it only after a thousand or so streams. With two warm-up runs per target, V8's background threads
    // (its optimizing compiler, and GC helpers) took 1.9 us CPU per chunk of the gateway's timed 100-stream
    // repair runs, 0.9 us after twenty (bare proxy: 0.8 and 0.5; per thread, /proc/self/task/*/schedstat).
    for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const t of TARGETS) await runLoad(load, endpoints[t], { streams: 100, pieces: 100 });
    // Targets take turns within each round, so a burst of load from elsewhere on the machine hits all
    // of them alike instead of one target's runs; the order is reversed every other round, so no target
    // always runs right after the bare proxy (or always right after a gateway's garbage), and a load that
    // rises or falls through a round favours no side of a ratio over the rounds.
    for (const { streams, pieces, repeats } of quick ? [GOAL_LOAD] : LOADS) {
      const rates = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
      const cpus = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
      const loadCpus = new Map<Target, number[]>(TARGETS.map((t) => [t, []]));
      for (let k = 0; k < repeats; k++) {
        for (const t of k % 2 === 0 ? TARGETS : [...TARGETS].reverse()) {
          // No forced gc() before a run: a full collection from gc() also shrinks the young generation,
          // and the run after it paid for growing it again (measured: bare proxy 4.3 -> 7.1, gateway
          // 8.9 -> 14.6 us CPU per chunk). A daemon never collects that way; its steady state is measured.
          const c0 = process.cpuUsage();
          const r = await runLoad(load, endpoints[t], { streams, pieces });
          const c = process.cpuUsage(c0);
          errors[`${t}|${streams}`] = (errors[`${t}|${streams}`] ?? 0) + r.errors.length;
          if (r.errors.length) log(`${t} x${streams}: ${r.errors.length} errors, first: ${r.errors[0]}`);
          rates.get(t)!.push(r.sent / (r.ms / 1000));
          cpus.get(t)!.push((c.user + c.system) / r.sent);
          loadCpus.get(t)!.push(r.loadCpuUs / r.sent);
        }
      }
      for (const t of TARGETS) {
        rate[`${t}|${streams}`] = median(rates.get(t)!);
        // The ratio to the bare proxy is the median of the per-round ratios: the targets of one round
        // run back to back, so a slow stretch of the machine hits both sides of each ratio alike.
        const bare = rates.get('bare proxy')!;
        const ratios = rates.get(t)!.map((r, k) => r / bare[k]!);
        paired[`${t}|${streams}`] = median(ratios);
        spread[`${t}|${streams}`] = `${f2(quantile(ratios, 0.25))}–${f2(quantile(ratios, 0.75))}`;
        if (t !== 'upstream' && t !== 'bare proxy') log(`${t} x${streams}: ratio to the bare proxy by round ${ratios.map((x) => f2(x)).join(' ')}`);
        cpu[`${t}|${streams}`] = median(cpus.get(t)!);
        loadCpu[`${t}|${streams}`] = median(loadCpus.get(t)!);
        log(`${t} x${streams}: ${f0(rate[`${t}|${streams}`])} chunks/s, ${f2(cpu[`${t}|${streams}`])} us CPU/chunk in the proxy process`);
      }
    }

    if (quick) return quickTable(rate, paired, spread, cpu);

    // ---- latency at a paced 100-stream load ----
    // Two rounds, targets taking turns; each target keeps its least disturbed round (lowest p99), since
    // what other processes do to the scheduler shows up in p99 as much as the proxy itself does.
    const lat: Record<string, { p50: number; p99: number; n: number; errors: number }> = {};
    /** Bucket counts of the gateway's own histogram over the repair-mode paced rounds only. */
    const ownCounts = new Map<number, number>();
    const ownSchemaCounts = new Map<number, number>();
    const ownMessagesCounts = new Map<number, number>();
    for (let round = 0; round < PACED_ROUNDS; round++) {
      for (const t of TARGETS) {
        const before = await scrapeAddedHistogram(metrics);
        const r = await runLoad(load, endpoints[t], PACED);
        const after = await scrapeAddedHistogram(metrics);
        const sorted = r.latencies.sort((x, y) => x - y);
        const m = { p50: pct(sorted, 50), p99: pct(sorted, 99), n: sorted.length, errors: r.errors.length };
        if (r.errors.length) log(`${t} paced: ${r.errors.length} errors, first: ${r.errors[0]}`);
        if (!lat[t] || m.p99 < lat[t].p99) lat[t] = m;
        const counts = t === 'gateway repair' ? ownCounts : t === 'gateway repair + schema' ? ownSchemaCounts : t === 'gateway messages' ? ownMessagesCounts : null;
        if (counts) for (const [le, n] of after) counts.set(le, (counts.get(le) ?? 0) + n - (before.get(le) ?? 0));
        log(`${t} paced x${PACED.streams}, round ${round + 1}: transit p50 ${f2(m.p50, 3)} ms, p99 ${f2(m.p99, 3)} ms (${sorted.length} chunks)`);
      }
    }
    const own = { p50: histogramPercentile(new Map(), ownCounts, 50) * 1000, p99: histogramPercentile(new Map(), ownCounts, 99) * 1000 };
    const ownSchema = { p50: histogramPercentile(new Map(), ownSchemaCounts, 50) * 1000, p99: histogramPercentile(new Map(), ownSchemaCounts, 99) * 1000 };
    const ownMessages = { p50: histogramPercentile(new Map(), ownMessagesCounts, 50) * 1000, p99: histogramPercentile(new Map(), ownMessagesCounts, 99) * 1000 };

    // ---- memory per open idle stream ----
    const mem: Record<string, { heap: number; rss: number }> = {};
    for (const t of ['bare proxy', 'gateway repair'] as Target[]) {
      gc();
      const m0 = process.memoryUsage();
      await load.request({ cmd: 'hold', url: endpoints[t].url, headers: endpoints[t].headers, streams: HELD_STREAMS });
      gc();
      const m1 = process.memoryUsage();
      mem[t] = { heap: (m1.heapUsed - m0.heapUsed) / HELD_STREAMS, rss: (m1.rss - m0.rss) / HELD_STREAMS };
      await load.request({ cmd: 'release' });
      log(`${t}: ${f2(mem[t].heap / 1024, 1)} KiB heap, ${f2(mem[t].rss / 1024, 1)} KiB RSS per open stream`);
    }

    // ---- the table ----
    const ratio = (t: Target, s: number) => paired[`${t}|${s}`]!;
    /** How many times more chunks per CPU-second the proxy process can handle than the bare proxy: the
     * throughput ratio it would reach where the proxy is the bottleneck, insensitive to other load. */
    const cpuRatio = (t: Target) => cpu['bare proxy|100'] / cpu[`${t}|100`];
    const lines: string[] = [];
    const cpuModel = os.cpus()[0]?.model.trim() ?? 'cpu';
    lines.push(`### Gateway benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores ${cpuModel}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end)`);
    lines.push('');
    lines.push(`Content chunks per second end to end, median of ${LOADS.map((l) => l.repeats).join(' / ')} rounds (in brackets the ratio to the bare undici proxy: the median of the per-round ratios, targets taking turns in each round, in reverse order every other round; the quartiles of the 100-stream ratios are in the goal rows); the proxy process's CPU time per chunk at 100 streams, and the ratio of CPU efficiency to the bare proxy:`);
    lines.push('');
    lines.push('| target | 1 stream | 100 streams | 500 streams | CPU µs/chunk @100 | CPU ratio | errors |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const t of TARGETS) {
      const cells = LOADS.map(({ streams }) => {
        const r = f0(rate[`${t}|${streams}`]);
        return t === 'upstream' || t === 'bare proxy' ? r : `${r} (${f2(ratio(t, streams))}x)`;
      });
      const totalErrors = LOADS.reduce((n, { streams }) => n + errors[`${t}|${streams}`], 0);
      const cpuCells = t === 'upstream' ? ['—', '—'] : [f2(cpu[`${t}|100`]), `${f2(cpuRatio(t))}x`];
      lines.push(`| ${t} | ${cells.join(' | ')} | ${cpuCells.join(' | ')} | ${totalErrors} |`);
    }
    lines.push('');
    lines.push(
      `The load process (upstream and clients, one core) spent ${f2(loadCpu['bare proxy|100'])} µs CPU per chunk at 100 streams through the bare proxy (${f2(loadCpu['gateway repair|100'])} µs through the gateway in repair mode): ` +
        `it, not the bare proxy (${f2(cpu['bare proxy|100'])} µs), sets the ceiling of about ${f0(1e6 / loadCpu['bare proxy|100'])} chunks/s, so a proxy that needs more than ${f2(loadCpu['bare proxy|100'] * 1.25)} µs per chunk cannot reach 0.8x.`,
    );
    lines.push('');
    lines.push(`Per-chunk transit time (upstream write to client read, same clock) at ${PACED.streams} streams, one chunk per ${PACED.intervalMs} ms each (${f0(PACED.streams * (1000 / PACED.intervalMs))} chunks/s in all), the better of ${PACED_ROUNDS} rounds:`);
    lines.push('');
    lines.push('| target | p50 ms | p99 ms | added p50 ms | added p99 ms |');
    lines.push('|---|---:|---:|---:|---:|');
    for (const t of TARGETS) {
      const added = t.startsWith('gateway') ? [f2(lat[t].p50 - lat['bare proxy'].p50, 3), f2(lat[t].p99 - lat['bare proxy'].p99, 3)] : ['—', '—'];
      lines.push(`| ${t} | ${f2(lat[t].p50, 3)} | ${f2(lat[t].p99, 3)} | ${added.join(' | ')} |`);
    }
    lines.push('');
    lines.push(`The gateway's own processing time per upstream read (histogram \`streamfix_added_seconds_per_chunk\`, repair mode, all paced rounds): p50 ${f2(own.p50, 3)} ms, p99 ${f2(own.p99, 3)} ms; with the json_schema request (the ajv check at the end of each stream is one more sample): p50 ${f2(ownSchema.p50, 3)} ms, p99 ${f2(ownSchema.p99, 3)} ms.`);
    lines.push('');
    lines.push(`Memory per open idle stream (${HELD_STREAMS} streams held open, after GC): bare proxy ${f2(mem['bare proxy'].heap / 1024, 1)} KiB heap / ${f2(mem['bare proxy'].rss / 1024, 1)} KiB RSS; gateway (repair) ${f2(mem['gateway repair'].heap / 1024, 1)} KiB heap / ${f2(mem['gateway repair'].rss / 1024, 1)} KiB RSS.`);
    lines.push('');
    const addedP99 = lat['gateway repair'].p99 - lat['bare proxy'].p99;
    const goal = (ok: boolean) => (ok ? 'met' : '**not met**');
    lines.push('| goal | measured | |');
    lines.push('|---|---:|---|');
    lines.push(`| repair ≥ 0.8x bare proxy throughput (100 streams) | ${f2(ratio('gateway repair', 100))}x (rounds' quartiles ${spread['gateway repair|100']}; CPU ratio ${f2(cpuRatio('gateway repair'))}x) | ${goal(ratio('gateway repair', 100) >= 0.8)} |`);
    lines.push(`| passthrough ≥ 0.9x bare proxy throughput (100 streams) | ${f2(ratio('gateway passthrough', 100))}x (rounds' quartiles ${spread['gateway passthrough|100']}; CPU ratio ${f2(cpuRatio('gateway passthrough'))}x) | ${goal(ratio('gateway passthrough', 100) >= 0.9)} |`);
    lines.push(`| same with an OpenRouter key configured (redaction on, as for every user of OpenRouter): repair ≥ 0.8x | ${f2(ratio('gateway repair, key', 100))}x (rounds' quartiles ${spread['gateway repair, key|100']}; CPU ratio ${f2(cpuRatio('gateway repair, key'))}x) | ${goal(ratio('gateway repair, key', 100) >= 0.8)} |`);
    lines.push(`| same with a key: passthrough ≥ 0.9x | ${f2(ratio('gateway passthrough, key', 100))}x (rounds' quartiles ${spread['gateway passthrough, key|100']}; CPU ratio ${f2(cpuRatio('gateway passthrough, key'))}x) | ${goal(ratio('gateway passthrough, key', 100) >= 0.9)} |`);
    lines.push(`| repair with a json_schema request (ajv) ≥ 0.8x bare proxy throughput (100 streams) | ${f2(ratio('gateway repair + schema', 100))}x (rounds' quartiles ${spread['gateway repair + schema|100']}; CPU ratio ${f2(cpuRatio('gateway repair + schema'))}x) | ${goal(ratio('gateway repair + schema', 100) >= 0.8)} |`);
    lines.push(`| repair adds ≤ 1 ms p99 per chunk (100 streams), gateway's own time | ${f2(own.p99, 3)} ms | ${goal(own.p99 <= 1)} |`);
    lines.push(`| same, with the json_schema request (ajv at each stream's end) | ${f2(ownSchema.p99, 3)} ms | ${goal(ownSchema.p99 <= 1)} |`);
    // The Messages endpoint against the chat endpoint doing the same engine work: the CPU each adds to
    // a chunk over the bare proxy, and the gateway's own time per read (its events carry no upstream
    // stamp, so there is no end-to-end transit figure for it).
    const overMsg = cpu['gateway messages|100'] - cpu['bare proxy|100'];
    const overChat = cpu['gateway repair|100'] - cpu['bare proxy|100'];
    lines.push(`| messages overhead within 20% of chat: CPU µs/chunk over the bare proxy, /v1/messages vs /v1/chat/completions (repair, 100 streams) | ${f2(overMsg)} vs ${f2(overChat)} µs (${f2(overMsg / overChat)}x) | ${goal(overMsg <= overChat * 1.2)} |`);
    lines.push(`| messages throughput (100 streams), informational | ${f2(ratio('gateway messages', 100))}x bare proxy, ${f2(ratio('gateway messages', 100) / ratio('gateway repair', 100))}x chat repair | informational |`);
    lines.push(`| messages adds ≤ 1 ms p99 per chunk (100 streams), gateway's own time | ${f2(ownMessages.p99, 3)} ms (p50 ${f2(ownMessages.p50, 3)}) | ${goal(ownMessages.p99 <= 1)} |`);
    // End to end, p99 of two separate runs differ by scheduling noise of the same size as the goal (a
    // negative difference is common), so this row informs and the gateway's own time decides.
    lines.push(`| same, end to end: repair p99 minus bare proxy p99 | ${f2(addedP99, 3)} ms | informational (noisy) |`);
    const errors500 = TARGETS.filter((t) => t !== 'upstream').reduce((n, t) => n + errors[`${t}|500`], 0);
    lines.push(`| no errors at 500 streams (all targets, ${LOADS.find((l) => l.streams === 500)!.repeats} runs each) | ${errors500} | ${goal(errors500 === 0)} |`);
    return lines.join('\n');
  } finally {
    await gateway.close(1000);
    await keyed.close(1000);
    events.close();
    await store.close();
    await bare.close();
    await load.exit();
  }
}

if (require.main === module) {
  runGatewayBench().then(
    (table) => process.stdout.write(table + '\n'),
    (err: Error) => {
      process.stderr.write(`gateway bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
