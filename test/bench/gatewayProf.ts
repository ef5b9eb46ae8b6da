/**
 * Where the gateway spends CPU (`BENCH_ONLY=prof npm run bench`): this tree's gateway in this process, the
 * load process of the gateway benchmark (gatewayLoad.ts) beside it, and V8's sampling CPU profiler (through
 * the inspector, one sample per 100 µs) while 100-stream rounds of the benchmark document run through the
 * bare proxy and the gateway in passthrough, repair and repair + json_schema mode, one target at a time.
 * Lists self time per function, µs a stream. The profiler's own cost inflates every figure (about 2x against
 * the A/B's CPU per stream), so compare functions within one run, not with other benchmarks.
 * `GATEWAY_PROF_ROUNDS` (default 10) rounds per target; `GATEWAY_PROF_TOP` (default 40) the functions
 * listed; `GATEWAY_PROF_PIECES` (default 250) content pieces a stream (1: the per-stream part alone);
 * `GATEWAY_PROF_OUT=<path prefix>` also writes each target's profile (`<prefix>.<target>.cpuprofile`, for
 * Chrome's DevTools or a script); `GATEWAY_AB_KEY=<key>` configures a key, so redaction runs.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as current from './abBase';
import { startBareProxy } from './bareProxy';
import { makeDoc, SCHEMA_FORMAT } from './gatewayDoc';
import type { LoadCommand, LoadReply, RunResult } from './gatewayLoad';
import { LoadProcess } from './loadProcess';

const ROUNDS = Number(process.env.GATEWAY_PROF_ROUNDS ?? 10);
const TOP = Number(process.env.GATEWAY_PROF_TOP ?? 40);
const STREAMS = 100;
const PIECES = Number(process.env.GATEWAY_PROF_PIECES ?? 250);
const WARM_UP_ROUNDS = 15;

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}
type Endpoint = { url: string; headers: Record<string, string>; responseFormat?: unknown };

export async function runGatewayProf(): Promise<string> {
  const log = (s: string) => process.stderr.write(`[bench:prof] ${s}\n`);
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
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    const lines = [`### Gateway CPU profile (${ROUNDS} rounds of ${STREAMS} streams of ${makeDoc(PIECES).pieces.length} chunks per target; self time µs a stream; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')})`, ''];
    for (const [name, e] of Object.entries(targets)) {
      await session.post('Profiler.start');
      for (let k = 0; k < ROUNDS; k++) await run(e, PIECES);
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      if (process.env.GATEWAY_PROF_OUT) writeFileSync(`${process.env.GATEWAY_PROF_OUT}.${name.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify(profile));
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<number, number>();
      for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
      const sites = new Map<string, number>();
      let total = 0;
      for (const [id, us] of self) {
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
        sites.set(key, (sites.get(key) ?? 0) + us);
        if (f.functionName !== '(idle)') total += us;
      }
      const streams = ROUNDS * STREAMS;
      lines.push(`**${name}**: ${(total / streams).toFixed(0)} µs a stream (not idle)`, '', '| function | µs a stream |', '|---|---:|');
      for (const [site, us] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, TOP)) lines.push(`| ${site} | ${(us / streams).toFixed(1)} |`);
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
  runGatewayProf().then(
    (table) => process.stdout.write(table + '\n'),
    (err: Error) => {
      process.stderr.write(`gateway profile bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
