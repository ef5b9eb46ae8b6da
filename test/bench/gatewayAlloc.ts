/**
 * Where the gateway allocates (`BENCH_ONLY=alloc npm run bench`): this tree's gateway in this process,
 * the load process of the gateway benchmark (gatewayLoad.ts) beside it, and V8's sampling heap profiler
 * (through the inspector) counting every sampled allocation, also of the objects a scavenge or a full
 * collection has freed since, while 100-stream rounds of the benchmark document run in passthrough, repair and
 * repair + json_schema mode (and the bare proxy, as the anchor). Garbage collection is a large part of the gateway's
 * CPU at 100 streams, and what it costs grows with what is allocated; this says how much a stream
 * allocates and in which functions, so that a change can be judged by bytes, which are steadier than time
 * on a shared machine. `GATEWAY_ALLOC_ROUNDS` (default 10) rounds per target; `GATEWAY_ALLOC_TOP` (default
 * 30) the number of functions listed; `GATEWAY_ALLOC_PROFILE=<path prefix>` also writes each target's profile
 * (`<prefix>.<target>.heapprofile`, for Chrome's DevTools or a script); `GATEWAY_AB_KEY=<key>` configures a key, so
 * redaction runs.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as current from './abBase';
import { startBareProxy } from './bareProxy';
import { makeDoc, SCHEMA_FORMAT } from './gatewayDoc';
import type { LoadCommand, LoadReply, RunResult } from './gatewayLoad';
import { LoadProcess } from './loadProcess';

const ROUNDS = Number(process.env.GATEWAY_ALLOC_ROUNDS ?? 10);
const TOP = Number(process.env.GATEWAY_ALLOC_TOP ?? 30);
const STREAMS = 100;
const PIECES = 250;
const WARM_UP_ROUNDS = 15;
/** `GATEWAY_ALLOC_LIVE_MS=<ms>`: the profile is taken that long into the last round, of the objects still
 * alive then (allocated since the first round began): what the collector copies while streams run. */
const LIVE_MS = Number(process.env.GATEWAY_ALLOC_LIVE_MS ?? 0);

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

type Endpoint = { url: string; headers: Record<string, string>; responseFormat?: unknown };

/** Self sizes summed per function (name, file, line), bytes. */
function bySite(root: ProfileNode): Map<string, number> {
  const sites = new Map<string, number>();
  const walk = (n: ProfileNode) => {
    if (n.selfSize > 0) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
      sites.set(key, (sites.get(key) ?? 0) + n.selfSize);
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  return sites;
}

export async function runGatewayAlloc(): Promise<string> {
  const log = (s: string) => process.stderr.write(`[bench:alloc] ${s}\n`);
  const load: LoadProcess<LoadCommand, Extract<LoadReply, { id: number }>> = await LoadProcess.start(__dirname, 'gatewayLoad');
  const bare = await startBareProxy(load.upstream);
  const store = await current.ArtifactStore.open({ dir: null });
  const events = new current.EventHub();
  const gateway = await current.startGateway({ port: 0, upstream: load.upstream, demo: false, apiKey: process.env.GATEWAY_AB_KEY ?? null, token: null, allowedOrigins: [], mode: 'auto', store, events, metrics: new current.GatewayMetrics(), log: current.silentLogger });
  const targets: Record<string, Endpoint> = {
    'bare proxy': { url: `${bare.url}/chat/completions`, headers: {} },
    passthrough: { url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': 'passthrough' } },
    repair: { url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': 'repair' } },
    'repair + json_schema': { url: `${gateway.url}/chat/completions`, headers: { 'x-streamfix-mode': 'repair' }, responseFormat: SCHEMA_FORMAT },
  };
  const run = async (e: Endpoint, pieces: number): Promise<RunResult> => {
    const r = (await load.request({ cmd: 'run', ...e, streams: STREAMS, pieces, intervalMs: 0, collect: false })).result!;
    if (r.errors.length) throw new Error(`${e.url}: ${r.errors[0]}`);
    return r;
  };
  const session = new Session();
  session.connect();
  try {
    for (let k = 0; k < WARM_UP_ROUNDS; k++) for (const e of Object.values(targets)) await run(e, 100);
    const lines = [
      `### Gateway allocation per stream (${ROUNDS} rounds of ${STREAMS} streams of ${makeDoc(PIECES).pieces.length} chunks per target; V8's sampling heap profiler, collected objects included; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')})`,
      '',
    ];
    for (const [name, e] of Object.entries(targets)) {
      // live: what is still alive LIVE_MS into each round (what the scavenges copy), else all that was allocated
      await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: LIVE_MS === 0, includeObjectsCollectedByMinorGC: LIVE_MS === 0 } as object);
      let profile: { head: ProfileNode } | undefined;
      for (let k = 0; k < ROUNDS; k++) {
        const round = run(e, PIECES);
        if (LIVE_MS > 0 && k === ROUNDS - 1) {
          await new Promise((r) => setTimeout(r, LIVE_MS));
          ({ profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } });
        }
        await round;
      }
      if (LIVE_MS === 0) ({ profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } });
      if (profile === undefined) throw new Error('no profile');
      if (process.env.GATEWAY_ALLOC_PROFILE) writeFileSync(`${process.env.GATEWAY_ALLOC_PROFILE}.${name.replace(/\W+/g, '-')}.heapprofile`, JSON.stringify(profile));
      const streams = ROUNDS * STREAMS;
      const sites = [...bySite(profile.head)].sort((a, b) => b[1] - a[1]);
      const total = sites.reduce((s, [, v]) => s + v, 0);
      lines.push(`**${name}**: ${(total / streams / 1024).toFixed(1)} KiB a stream`, '', '| function | KiB a stream |', '|---|---:|');
      for (const [site, bytes] of sites.slice(0, name === 'bare proxy' ? 8 : TOP)) lines.push(`| ${site} | ${(bytes / streams / 1024).toFixed(2)} |`);
      lines.push('');
      log(`${name} done`);
    }
    return lines.join('\n');
  } finally {
    session.disconnect();
    await gateway.close(1000);
    events.close();
    await store.close();
    await bare.close();
    await load.exit();
  }
}

if (require.main === module) {
  runGatewayAlloc().then(
    (table) => process.stdout.write(table + '\n'),
    (err: Error) => {
      process.stderr.write(`gateway allocation bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
