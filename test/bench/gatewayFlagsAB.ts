/**
 * The flags A/B (`GATEWAY_AB_FLAGS='--max-semi-space-size=64' BENCH_ONLY=flags npm run bench`): this
 * tree's gateway in two processes (gatewayHost.ts), one started with the given Node/V8 options and one
 * without, for what a process option changes (garbage collection sizes, which cannot be set once a
 * process runs, so the one-process A/B of gatewayAB.ts cannot compare them). One load process
 * (gatewayLoad.ts) drives both in alternating rounds: in each round every target of each process runs
 * once (100 streams of the benchmark document), the two processes in alternating order, so the two
 * sides of a pair run within seconds of each other. Reported per target: each side's median CPU per
 * stream (main thread; in brackets the whole process, which includes V8's GC helper threads), and the
 * median and quartiles of the paired differences flags − none; also each side's gateway CPU over its
 * own bare proxy's, round by round.
 */
import { deepStrictEqual, strictEqual } from 'node:assert';
import * as os from 'node:os';
import { makeDoc, SCHEMA_FORMAT } from './gatewayDoc';
import type { HostCommand, HostReply } from './gatewayHost';
import type { LoadCommand, LoadReply, RunResult } from './gatewayLoad';
import { LoadProcess } from './loadProcess';

type Target = 'bare' | 'repair' | 'schema';
const TARGETS: Target[] = ['bare', 'repair', 'schema'];
const ROUNDS = Number(process.env.GATEWAY_AB_ROUNDS ?? 30);
const WARM_UP_ROUNDS = 15;
const STREAMS = 100;
const PIECES = 250;

type Host = LoadProcess<HostCommand, Extract<HostReply, { id: number }>>;
type Side = 'none' | 'flags';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], p: number) => sorted(xs)[Math.floor(p * (xs.length - 1))]!;
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

export async function runFlagsAB(): Promise<string> {
  const flags = (process.env.GATEWAY_AB_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  if (flags.length === 0) throw new Error("GATEWAY_AB_FLAGS (the Node/V8 options to compare, e.g. '--max-semi-space-size=64') is not set");
  const log = (s: string) => process.stderr.write(`[bench:flags] ${s}\n`);
  const load: LoadProcess<LoadCommand, Extract<LoadReply, { id: number }>> = await LoadProcess.start(__dirname, 'gatewayLoad');
  const hosts: Record<Side, Host> = { none: await LoadProcess.start(__dirname, 'gatewayHost'), flags: await LoadProcess.start(__dirname, 'gatewayHost', flags) };
  try {
    const urls = {} as Record<Side, { gateway: string; bare: string }>;
    for (const side of ['none', 'flags'] as Side[]) {
      const r = await hosts[side].request({ cmd: 'start', upstream: load.upstream });
      urls[side] = { gateway: r.gateway!, bare: r.bare! };
    }
    const endpoint = (side: Side, t: Target): { url: string; headers: Record<string, string>; responseFormat?: unknown } =>
      t === 'bare' ? { url: `${urls[side].bare}/chat/completions`, headers: {} } : { url: `${urls[side].gateway}/chat/completions`, headers: { 'x-streamfix-mode': 'repair' }, responseFormat: t === 'schema' ? SCHEMA_FORMAT : undefined };
    const run = async (side: Side, t: Target, pieces: number, collect = false): Promise<RunResult> => {
      const r = (await load.request({ cmd: 'run', ...endpoint(side, t), streams: STREAMS, pieces, intervalMs: 0, collect })).result!;
      if (r.errors.length) throw new Error(`${side} ${t}: ${r.errors[0]}`);
      return r;
    };
    // the output first: both sides' repaired content is the document's value (the bare proxy's is the raw text)
    const doc = makeDoc(300);
    for (const side of ['none', 'flags'] as Side[]) {
      for (const t of TARGETS) for (const c of (await run(side, t, 300, true)).contents) t === 'bare' ? strictEqual(c, doc.raw) : deepStrictEqual(JSON.parse(c), doc.expected);
    }
    log(`output checked; flags: ${flags.join(' ')}`);
    const rss: Record<Side, number> = { none: 0, flags: 0 };
    const cpu = async (side: Side) => {
      const r = (await hosts[side].request({ cmd: 'cpu' })) as { main: number; proc: number; rss: number };
      rss[side] = Math.max(rss[side], r.rss);
      return r;
    };
    const cells = new Map<string, { main: number[]; proc: number[] }>();
    const timed = async (side: Side, t: Target) => {
      const a = await cpu(side);
      await run(side, t, PIECES);
      const b = await cpu(side);
      const key = `${side}|${t}`;
      if (!cells.has(key)) cells.set(key, { main: [], proc: [] });
      cells.get(key)!.main.push((b.main - a.main) / STREAMS);
      cells.get(key)!.proc.push((b.proc - a.proc) / STREAMS);
    };
    for (let k = 0; k < WARM_UP_ROUNDS; k++) for (const side of ['none', 'flags'] as Side[]) for (const t of TARGETS) await run(side, t, 100);
    for (let k = 0; k < ROUNDS; k++) {
      const sides: Side[] = k % 2 === 0 ? ['none', 'flags'] : ['flags', 'none'];
      for (const side of sides) for (const t of TARGETS) await timed(side, t);
    }
    const cell = (side: Side, t: Target) => cells.get(`${side}|${t}`)!;
    const lines = [
      `### Gateway flags A/B: \`${flags.join(' ')}\` against none (${ROUNDS} paired rounds of ${STREAMS} streams; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end)`,
      '',
      `CPU µs per stream, the main thread (in brackets the whole process), medians; the ratios are the gateway over its own process's bare proxy in the same round (median). Resident memory at most (sampled between runs): none ${(rss.none / 2 ** 20).toFixed(0)} MB, flags ${(rss.flags / 2 ** 20).toFixed(0)} MB.`,
      '',
      '| target | none | flags | flags − none, median (quartiles), main thread | whole process | rounds flags cheaper (main) | ratio to bare, none → flags |',
      '|---|---:|---:|---:|---:|---:|---:|',
    ];
    for (const t of TARGETS) {
      const n = cell('none', t);
      const f = cell('flags', t);
      const dm = f.main.map((x, i) => x - n.main[i]!);
      const dp = f.proc.map((x, i) => x - n.proc[i]!);
      const ratio = (side: Side) => cell(side, t).main.map((x, i) => x / cell(side, 'bare').main[i]!);
      lines.push(
        `| ${t} | ${f1(at(n.main, 0.5))} (${f1(at(n.proc, 0.5))}) | ${f1(at(f.main, 0.5))} (${f1(at(f.proc, 0.5))}) | ${f1(at(dm, 0.5))} (${f1(at(dm, 0.25))} .. ${f1(at(dm, 0.75))}) | ${f1(at(dp, 0.5))} (${f1(at(dp, 0.25))} .. ${f1(at(dp, 0.75))}) | ${dm.filter((x) => x < 0).length} of ${dm.length} | ${t === 'bare' ? '—' : `${f2(at(ratio('none'), 0.5))} → ${f2(at(ratio('flags'), 0.5))}`} |`,
      );
    }
    return lines.join('\n');
  } finally {
    for (const h of Object.values(hosts)) await h.exit();
    await load.exit();
  }
}

if (require.main === module) {
  runFlagsAB().then(
    (table) => process.stdout.write(table + '\n'),
    (err: Error) => {
      process.stderr.write(`gateway flags A/B bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
