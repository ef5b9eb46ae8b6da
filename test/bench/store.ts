/**
 * The artifact store benchmark (part of `npm run bench`; alone: `npm run bench:store`).
 *
 * 1. Throughput: artifacts per second the durable store sustains (each one fsynced, group commit), with
 *    256 puts outstanding at a time (many streams ending together), realistic ~3 KB artifacts, the default
 *    bounds (so eviction and segment deletion run too).
 * 2. The store alone: 100 finishers putting an artifact every 50–150 ms each and awaiting it, in a
 *    process doing nothing else: the commit wait the store itself adds. Then the same with two stores side
 *    by side, one preallocating its segments (the default) and one appending (preallocBytes 0), the
 *    finishers alternating between them: what preallocation changes, both under the same load
 *    (`STORE_BENCH=prealloc`: these rows alone).
 * 3. Added time at the end of a stream: 100 concurrent streams through the gateway (in this process)
 *    from a load process (storeLoad.ts: the loopback upstream streaming 10 content chunks 10 ms apart, and
 *    the clients), so this process runs the gateway and nothing else, as the daemon does. Every stream
 *    waits for its artifact's fsync before its `[DONE]`. Measured two ways: the store's commit wait per
 *    artifact (put → the stream resumes: exactly what the response's end waits for), split into its
 *    parts (queued before its group's write started, the write, the resume) beside the event loop's delay
 *    and utilization; and end to end (upstream writes `[DONE]` → client sees the end of the response, one
 *    clock in the load process) with the durable store against the in-memory store, rounds alternating.
 *    Then a burst: 100 streams that all end in the same instant.
 * The disk's floor at the same moments: through each durable round at a model's pace, the floor probe
 * (storeFloorProbe.ts, a process of its own) writes one 3 KB O_DSYNC record at a time, ~100/s at random
 * moments: the store's write waiting for nothing but the disk and a core. (The disk's own fdatasync back
 * to back, before and after, is printed too: a paced write is slower than one right after another.)
 * `STORE_BENCH=quick`: the goal's rows only; `STORE_BENCH=writer`: the thread pool against the writer
 * thread (artifactWriterThread.ts), alternated round by round; `STORE_BENCH=prealloc`: preallocated against
 * appending segments; `STORE_BENCH=tail`: rounds at a model's pace beside the floor probe, the tail split
 * into its parts (and `STORE_TAIL_B` alternates rounds with other store options). The disk's floor without the gateway: storeFloor.ts (`npm run bench:store-floor`).
 * Before timing: every artifact of a checked run must be readable back from the log, and the client
 * content must equal what the upstream sent.
 */
import { promises as fsp } from 'node:fs';
import { ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ArtifactStore, type ArtifactStoreOptions } from '../../server/gateway/artifacts';
import type { CommitTrace } from '../../server/gateway/artifactCommit';
import type { ThreadWriteTiming } from '../../server/gateway/artifactWriterThread';
import { EventHub } from '../../server/gateway/events';
import { silentLogger } from '../../server/gateway/log';
import { GatewayMetrics } from '../../server/gateway/metrics';
import { startGateway } from '../../server/gateway/server';
import type { Artifact } from '../../shared/protocol';
import { LoadProcess } from './loadProcess';
import { startFloorProbe } from './storeFloorProbe';
import { CONTENT, type StoreLoadCommand, type StoreLoadReply } from './storeLoad';

/** `STORE_SYNC_WRITES=1`: the daemon's --store-sync-writes (small groups written with fs.writeSync on the
 * event loop); the default measures the default, the thread pool. */
const SYNC_WRITES = process.env.STORE_SYNC_WRITES === '1';
/** `STORE_WRITER_THREAD=1` / `=0`: the durable writes on the store's writer thread, or on libuv's thread
 * pool (unset: the store's default). */
const WRITER_THREAD = process.env.STORE_WRITER_THREAD === undefined ? undefined : process.env.STORE_WRITER_THREAD === '1';
const THROUGHPUT = { artifacts: 20000, outstanding: 256, repeats: 3 };
const FINISHERS = { count: 100, artifacts: 3000, rounds: 3 };
const STREAMS = { clients: 100, requestsEach: 12, pieces: 10, intervalMs: 10, rounds: 3 };
/** 100 streams at a model's pace: each 1 s long (10 chunks 100 ms apart), ~100 streams ending per second.
 * (A model streaming 50 tokens/s for a 500-token answer ends 100 concurrent streams at ~10/s; the rounds
 * above end 1,000/s, which saturates the gateway's event loop with request work on this machine.) */
const MODEL_PACE: Pace = { requestsEach: 3, intervalMs: 100 };
/** The same streams with the clients' first starts spread over a stream's length (1 s) instead of 100 ms.
 * MODEL_PACE's streams all last 1 s and start within 100 ms, so they end in waves: 100 ends within
 * ~100 ms once a second (1,000/s while a wave lasts; measured: a put's neighbours within 10 ms p50 4–9).
 * Spread, they end ~100/s evenly, as independent users' streams would. 4 per client: 100 run at once
 * for over 2 s of the round. */
const SPREAD_PACE: Pace = { requestsEach: 4, intervalMs: 100, spreadMs: 1000 };
interface Pace {
  requestsEach: number;
  intervalMs: number;
  /** The clients' first starts, spread over this many ms (100 unless set). */
  spreadMs?: number;
}
const log = (s: string) => process.stderr.write(`[bench:store] ${s}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const sortNum = (a: number[]) => [...a].sort((x, y) => x - y);
const ms = (v: number) => v.toFixed(2);
const range = (xs: number[], f: (v: number) => string) => (xs.length === 1 ? f(xs[0]) : `${f(Math.min(...xs))}–${f(Math.max(...xs))}`);

/** A typical artifact of a repaired stream: ~3 KB of JSON, mostly content. */
function artifact(i: number): Artifact {
  const raw = `{"name":"Ada Lovelace","born":1815,"languages":["English","French"],"note":"${'analytical engine '.repeat(60)}${i}"`;
  return {
    id: `sfx_bench${i.toString(36)}`,
    createdAt: new Date().toISOString(),
    model: 'openai/gpt-4o-mini',
    mode: 'repair',
    requestedMode: 'auto',
    stream: true,
    status: 'REPAIRED',
    rawContent: raw,
    repairedContent: raw + '}',
    reasoning: '',
    repairs: [{ kind: 'unclosed_container', offset: raw.length, length: 0, line: 0, column: raw.length, replacement: '}', message: 'Closed the object opened at offset 0' }],
    stripped: [],
    toolCalls: [],
    finishReason: 'length',
    usage: { prompt_tokens: 40, completion_tokens: 300, total_tokens: 340 },
    timings: { ttfbMs: 210.5, totalMs: 2450.25, addedMs: 0.42 },
    chunks: { upstream: 120, client: 121, malformed: 0 },
    stuttering: false,
    errors: [],
  };
}

async function tempDir(): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-bench-store-'));
}

/** The anchor: the disk's own cost, one 3 KB write + fdatasync at a time (what one group commit costs at
 * least), in ms, sorted. */
async function rawFsync(samples = 200): Promise<number[]> {
  const dir = await tempDir();
  const handle = await fsp.open(path.join(dir, 'anchor'), 'w');
  const buf = Buffer.alloc(3000, 0x61);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await handle.write(buf, 0, buf.length, i * buf.length);
    await handle.datasync();
    out.push(performance.now() - t);
  }
  await handle.close();
  await fsp.rm(dir, { recursive: true, force: true });
  return sortNum(out);
}

async function throughputOnce(): Promise<{ perSecond: number; fsyncs: number; cpuUsPerPut: number }> {
  const dir = await tempDir();
  const store = await ArtifactStore.open({ dir, syncWrites: SYNC_WRITES });
  const arts = Array.from({ length: THROUGHPUT.artifacts }, (_, i) => artifact(i));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < arts.length) if (!(await store.put(arts[next++]))) failed++;
  };
  await Promise.all(Array.from({ length: THROUGHPUT.outstanding }, worker));
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (failed > 0) throw new Error(`${failed} puts were not durable: ${store.warnings.join('; ')}`);
  const last = arts[arts.length - 1];
  const back = await store.get(last.id);
  if (JSON.stringify(back) !== JSON.stringify(last)) throw new Error('the last artifact does not read back as written');
  const { fsyncs } = store.stats();
  await store.close();
  await fsp.rm(dir, { recursive: true, force: true });
  return { perSecond: (arts.length / elapsed) * 1000, fsyncs, cpuUsPerPut: (cpu.user + cpu.system) / arts.length };
}

/** The store alone, in a process doing nothing else: 100 finishers, each putting an artifact every
 * 50–150 ms (about 1,000 artifacts/s in all, the rate of 100 busy streams) and awaiting it, as a stream's
 * end does. Commit wait per artifact (put → resumed), in ms. */
async function finisherRun(): Promise<{ waits: number[]; fsyncs: number; loop: { p50: number; p99: number } }> {
  const dir = await tempDir();
  const store = await ArtifactStore.open({ dir, syncWrites: SYNC_WRITES, writerThread: WRITER_THREAD, maxCount: 100000, maxBytes: 1024 * 1024 * 1024 });
  const waits: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let n = 0;
  const finisher = async () => {
    while (n < FINISHERS.artifacts) {
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      const a = artifact(n++);
      const t = performance.now();
      if (!(await store.put(a))) throw new Error(`put not durable: ${store.warnings.join('; ')}`);
      waits.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: FINISHERS.count }, finisher));
  delay.disable();
  const { fsyncs } = store.stats();
  await store.close();
  await fsp.rm(dir, { recursive: true, force: true });
  return { waits: sortNum(waits), fsyncs, loop: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6 } };
}

interface PairSide {
  waits: number[];
  /** Each artifact's group write (started → returned), ms. */
  writes: number[];
  fsyncs: number;
}

/** Two stores side by side in this process, one preallocated (the default) and one appending
 * (preallocBytes 0), each on its own directory; 100 finishers alternate between them (each artifact to
 * the other store than the last), so both see the same load. */
async function pairedFinisherRun(): Promise<{ preallocated: PairSide; appending: PairSide }> {
  const open = async (preallocBytes: number | undefined) => {
    const dir = await tempDir();
    const side: PairSide = { waits: [], writes: [], fsyncs: 0 };
    const onCommit = (t: CommitTrace) => {
      for (let k = 0; k < t.records; k++) side.writes.push(t.writtenAt - t.startedAt);
    };
    const store = await ArtifactStore.open({ dir, syncWrites: SYNC_WRITES, writerThread: WRITER_THREAD, maxCount: 100000, maxBytes: 1024 * 1024 * 1024, preallocBytes, onCommit });
    return { dir, store, side };
  };
  const sides = [await open(undefined), await open(0)];
  let n = 0;
  const finisher = async (k: number) => {
    for (let turn = k; n < FINISHERS.artifacts; turn++) {
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      const s = sides[turn % 2];
      const a = artifact(n++);
      const t = performance.now();
      if (!(await s.store.put(a))) throw new Error(`put not durable: ${s.store.warnings.join('; ')}`);
      s.side.waits.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: FINISHERS.count }, (_, k) => finisher(k)));
  for (const s of sides) {
    s.side.fsyncs = s.store.stats().fsyncs;
    await s.store.close();
    await fsp.rm(s.dir, { recursive: true, force: true });
  }
  return { preallocated: sides[0].side, appending: sides[1].side };
}

function pairTable(pairs: Awaited<ReturnType<typeof pairedFinisherRun>>[]): string[] {
  const pp = (xs: number[]) => `${ms(percentile(sortNum(xs), 50))} / ${ms(percentile(sortNum(xs), 99))}`;
  return [
    `Preallocated segments against plain appends, side by side in this process (the same ${FINISHERS.count} finishers alternating between a preallocating store and one with \`preallocBytes: 0\`, ~${Math.round((FINISHERS.count * 10) / 2)} artifacts/s each). Commit wait and its write part (group started → write returned), p50 / p99 ms:`,
    '',
    '| run | commit wait, preallocated | appending | write, preallocated | appending | fsyncs, preallocated / appending |',
    '|---|---:|---:|---:|---:|---:|',
    ...pairs.map((x, i) => `| ${i + 1} | ${pp(x.preallocated.waits)} | ${pp(x.appending.waits)} | ${pp(x.preallocated.writes)} | ${pp(x.appending.writes)} | ${x.preallocated.fsyncs} / ${x.appending.fsyncs} |`),
  ];
}

/** The load process (storeLoad.ts): upstream and clients, forked once for the whole benchmark. */
type StoreLoad = LoadProcess<StoreLoadCommand, Extract<StoreLoadReply, { id: number }>>;

interface StreamRun {
  /** put → durable per artifact (ms); empty for the in-memory store. */
  commitWaits: number[];
  /** The same wait in three parts per artifact: queued before its group started, its group's write,
   * write returned → the waiting stream resumed. */
  parts: { queue: number[]; write: number[]; resume: number[]; zeros: number[]; others: number[] };
  /** Artifacts whose group was written synchronously (fs.writeSync), of those traced. */
  synced: number;
  /** On the writer thread, per record write: posted → taken, the write itself, written → reported. */
  thread: { wake: number[]; disk: number[]; back: number[] };
  /** Event-loop delay p50/p99 (ms) and utilization over the run, and the process's CPU time over the
   * run's wall time (a loop busy far more than its CPU share is waiting for a core, not working). */
  loop: { p50: number; p99: number; elu: number; cpu: number };
  /** upstream [DONE] written → client saw the end (ms). */
  endLatencies: number[];
  /** Each read before the end: the upstream's last write → the client's read (ms): what the other
   * streams pay for whatever blocks the gateway's loop. */
  chunkLatencies: number[];
  /** For each put, how many other puts came within 10 ms of it: ends in waves or spread. */
  neighbours: number[];
  /** The rest of a stream's end, per artifact in put order (aligned with `parts`; NaN where a stamp is
   * missing): upstream wrote `[DONE]` → the gateway called put (reading the end, finishing the engine,
   * building the artifact; across processes, on the machine's clock), put's own synchronous run
   * (serializing and framing the record), the stream resumed → the gateway's res.end, res.end → the
   * client saw the end (across processes). */
  ends: { pre: number[]; ser: number[]; send: number[]; deliver: number[] };
  /** When each put was called, on the machine's clock (performance.timeOrigin + now), in order. */
  putTimes: number[];
  fsyncs: number;
  artifacts: number;
}

/** 100 clients (in the load process), each running `requestsEach` streams one after the other (started
 * spread over 100 ms), or all at once with no pacing (`burst`). */
async function streamRun(load: StoreLoad, durable: boolean, burst: boolean, check: boolean, pace: Pace = STREAMS, writerThread = WRITER_THREAD, extra: Partial<ArtifactStoreOptions> = {}): Promise<StreamRun> {
  const dir = durable ? await tempDir() : null;
  const commitWaits: number[] = [];
  const parts = { queue: [] as number[], write: [] as number[], resume: [] as number[], zeros: [] as number[], others: [] as number[] };
  const traced: { appendedAt: number; startedAt: number; writtenAt: number; sync: boolean; zeros: boolean; others: number }[] = [];
  const resumed: number[] = [];
  const putAt: number[] = [];
  const putIds: string[] = [];
  const putDone: number[] = [];
  /** performance.now() of each response's res.end, by artifact id (the gateway's last bytes). */
  const endCalled = new Map<string, number>();
  const realEnd = ServerResponse.prototype.end;
  if (durable) {
    ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
      // the gateway passes its headers to writeHead, so the id is read from the header block sent
      const id = /x-streamfix-request-id: ([A-Za-z0-9_-]+)/i.exec(String((this as unknown as { _header?: string })._header ?? ''))?.[1];
      if (id !== undefined && !endCalled.has(id)) endCalled.set(id, performance.now());
      return (realEnd as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof realEnd;
  }
  const onCommit = (t: CommitTrace) => {
    for (const a of t.appendedAt) traced.push({ appendedAt: a, startedAt: t.startedAt, writtenAt: t.writtenAt, sync: t.sync === true, zeros: t.zeros, others: t.others });
  };
  const thread = { wake: [] as number[], disk: [] as number[], back: [] as number[] };
  const onThreadWrite = (t: ThreadWriteTiming) => (thread.wake.push(t.wake), thread.disk.push(t.disk), thread.back.push(t.back));
  const store = await ArtifactStore.open({ dir, syncWrites: SYNC_WRITES, writerThread, maxCount: 100000, maxBytes: 1024 * 1024 * 1024, onCommit, onThreadWrite, ...extra });
  if (durable) {
    const put = store.put.bind(store);
    store.put = (a: Artifact) => {
      const t = performance.now();
      const i = resumed.length;
      resumed.push(NaN);
      putAt.push(t);
      putIds.push(a.id);
      const p = put(a);
      putDone.push(performance.now());
      void p.then(() => {
        resumed[i] = performance.now();
        commitWaits.push(resumed[i] - t);
      });
      return p;
    };
  }
  const gateway = await startGateway({ port: 0, upstream: load.upstream, demo: false, apiKey: null, token: null, allowedOrigins: [], mode: 'repair', store, events: new EventHub(), metrics: new GatewayMetrics({ defaultMetrics: false }), log: silentLogger });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const { endLatencies, chunkLatencies, ids, ends: clientEnds } = (await load.request({ cmd: 'run', url: gateway.url, clients: STREAMS.clients, requestsEach: burst ? 1 : pace.requestsEach, intervalMs: burst ? 0 : pace.intervalMs, spreadMs: pace.spreadMs, burst, check })).result!;
  delay.disable();
  ServerResponse.prototype.end = realEnd;
  const ends = { pre: [] as number[], ser: [] as number[], send: [] as number[], deliver: [] as number[] };
  if (durable) {
    const byId = new Map(clientEnds.map((e) => [e.id, e]));
    const origin = performance.timeOrigin;
    putIds.forEach((id, i) => {
      const c = byId.get(id);
      const endAt = endCalled.get(id);
      ends.pre.push(c ? origin + putAt[i] - c.doneAt : NaN);
      ends.ser.push(putDone[i] - putAt[i]);
      ends.send.push(endAt === undefined ? NaN : endAt - resumed[i]);
      ends.deliver.push(c && endAt !== undefined ? c.endAt - (origin + endAt) : NaN);
    });
  }
  const cpu = process.cpuUsage(cpu0);
  const loop = { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, elu: performance.eventLoopUtilization(elu0).utilization, cpu: (cpu.user + cpu.system) / 1000 / (performance.now() - wall0) };
  const synced = traced.filter((t) => t.sync).length;
  // groups may return out of order (several writes in flight): the i-th record appended is the i-th put
  traced.sort((a, b) => a.appendedAt - b.appendedAt);
  traced.forEach((t, i) => {
    parts.queue.push(t.startedAt - t.appendedAt);
    parts.write.push(t.writtenAt - t.startedAt);
    parts.resume.push(resumed[i] - t.writtenAt);
    parts.zeros.push(t.zeros ? 1 : 0);
    parts.others.push(t.others);
  });
  if (check) {
    for (const id of ids) if ((await store.get(id))?.repairedContent !== CONTENT) throw new Error(`artifact ${id} does not read back`);
    if (durable) {
      // what a crash now would leave: a fresh store on the directory (read-only, the lock is held) has them all
      const other = await ArtifactStore.open({ dir, syncWrites: SYNC_WRITES, writerThread: WRITER_THREAD, maxCount: 100000, maxBytes: 1024 * 1024 * 1024 });
      if (other.stats().readOnly?.count !== ids.length) throw new Error(`a second reader sees ${other.stats().readOnly?.count} of ${ids.length} artifacts`);
      await other.close();
    }
  }
  const { fsyncs } = store.stats();
  await gateway.close(100);
  await store.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
  putAt.sort((x, y) => x - y);
  const neighbours: number[] = [];
  for (let i = 0, lo = 0, hi = 0; i < putAt.length; i++) {
    while (putAt[lo] < putAt[i] - 10) lo++;
    while (hi < putAt.length && putAt[hi] <= putAt[i] + 10) hi++;
    neighbours.push(hi - lo - 1);
  }
  return { commitWaits, parts, synced, thread, loop, endLatencies, chunkLatencies, neighbours, ends, putTimes: putAt.map((t) => performance.timeOrigin + t), fsyncs, artifacts: ids.length };
}

/** `STORE_BENCH=quick`: the goal's rows only (100 streams at a model's pace, then ending 1,000/s), each
 * durable round beside an in-memory one, for A/B runs of two builds alternated. */
async function quickRows(load: StoreLoad): Promise<string> {
  const anchor = await rawFsync();
  const rows: string[] = [];
  for (const [what, pace] of [["model's pace", MODEL_PACE], ['1,000/s', STREAMS]] as const) {
    for (let r = 0; r < STREAMS.rounds; r++) {
      const m = await streamRun(load, false, false, false, pace);
      const d = await streamRun(load, true, false, false, pace);
      const p = (xs: number[], q: number) => ms(percentile(sortNum(xs), q));
      rows.push(`| ${what} ${r + 1} | ${p(d.commitWaits, 50)} / ${p(d.commitWaits, 99)} | ${p(d.parts.queue, 99)} | ${p(d.parts.write, 50)} / ${p(d.parts.write, 99)} | ${p(d.parts.resume, 99)} | ${(d.synced / Math.max(1, d.parts.queue.length)).toFixed(2)} | ${p(d.endLatencies, 99)} / ${p(m.endLatencies, 99)} | ${ms(d.loop.p99)} / ${ms(m.loop.p99)} | ${d.thread.disk.length === 0 ? '–' : `${p(d.thread.wake, 99)} · ${p(d.thread.disk, 50)} / ${p(d.thread.disk, 99)} · ${p(d.thread.back, 99)}`} |`);
    }
  }
  await load.exit();
  return [
    `load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}, disk anchor p50 ${ms(percentile(anchor, 50))} / p99 ${ms(percentile(anchor, 99))} ms`,
    '| round | commit wait p50 / p99 | queued p99 | write p50 / p99 | resume p99 | written synchronously | end latency p99, durable / memory | loop delay p99, durable / memory | writer thread: wake p99 · disk p50 / p99 · report p99 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** `STORE_BENCH=writer`: the thread pool and the writer thread (artifactWriterThread.ts) side by side in
 * one run: rounds of 100 streams (durable) at a model's pace and ending 1,000/s, the two write paths
 * alternated round by round (which goes first alternates too), so both see the same machine.
 * `STORE_ROUNDS` rounds per pace and path (default 6). */
async function writerRows(load: StoreLoad): Promise<string> {
  const rounds = Number(process.env.STORE_ROUNDS ?? 6);
  const anchors = [await rawFsync()];
  const rows: string[] = [];
  const summary: string[] = [];
  const median = (xs: number[]) => percentile(sortNum(xs), 50);
  for (const [what, pace] of [["model's pace", MODEL_PACE], ['1,000/s', STREAMS]] as const) {
    const seen = { pool: { p50: [] as number[], p99: [] as number[] }, thread: { p50: [] as number[], p99: [] as number[] } };
    for (let r = 0; r < rounds; r++) {
      for (const thread of r % 2 === 0 ? [false, true] : [true, false]) {
        const d = await streamRun(load, true, false, false, pace, thread);
        const w = sortNum(d.commitWaits);
        const side = thread ? seen.thread : seen.pool;
        side.p50.push(percentile(w, 50));
        side.p99.push(percentile(w, 99));
        const p = (xs: number[], q: number) => ms(percentile(sortNum(xs), q));
        rows.push(`| ${what} ${r + 1} | ${thread ? 'writer thread' : 'thread pool'} | ${ms(percentile(w, 50))} / ${ms(percentile(w, 99))} | ${p(d.parts.queue, 99)} | ${p(d.parts.write, 50)} / ${p(d.parts.write, 99)} | ${p(d.parts.resume, 99)} | ${ms(d.loop.p99)} | ${d.thread.disk.length === 0 ? '–' : `${p(d.thread.wake, 99)} · ${p(d.thread.disk, 50)} / ${p(d.thread.disk, 99)} · ${p(d.thread.back, 99)}`} |`);
      }
    }
    const met = (xs: number[]) => xs.filter((v) => v <= 5).length;
    summary.push(`| ${what} | ${ms(median(seen.pool.p50))} / ${ms(median(seen.thread.p50))} | ${ms(median(seen.pool.p99))} / ${ms(median(seen.thread.p99))} | ${met(seen.pool.p99)} / ${met(seen.thread.p99)} of ${rounds} |`);
  }
  await load.exit();
  anchors.push(await rawFsync());
  return [
    `load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end; disk anchor (3 KB write + fdatasync, before / after) ${anchors.map((a) => `p50 ${ms(percentile(a, 50))} p99 ${ms(percentile(a, 99))}`).join(' / ')} ms`,
    '',
    '| pace | commit wait p50, median of rounds: thread pool / writer thread | p99, median | rounds with p99 ≤ 5 ms |',
    '|---|---:|---:|---:|',
    ...summary,
    '',
    '| round | write path | commit wait p50 / p99 | queued p99 | write p50 / p99 | resume p99 | loop delay p99 | writer thread: wake p99 · disk p50 / p99 · report p99 |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** `STORE_BENCH=tail`: where the commit wait's tail goes, beside the disk's own floor at the same
 * moments. `STORE_ROUNDS` rounds (default 8) of 100 streams at a model's pace (durable), each with the
 * floor probe (storeFloor.ts: a process of its own writing one 3,000-byte O_DSYNC record at a time into
 * a preallocated file, ~100/s at random moments, as the store's groups come) running through the round.
 * Per round and pooled over all rounds: the floor's p50 / p99, the commit wait's, and its parts; then the
 * slowest 1% of commits (pooled) split into their parts: what the tail is made of.
 * `STORE_TAIL_B='{"preallocBytes":0}'` (store options as JSON): rounds alternate between the default
 * store (A) and one with these options (B), which goes first alternating too; pooled figures per side.
 * `STORE_TAIL_B=noprobe`: B is the default store without the probe running (what its writes cost).
 * `STORE_TAIL_A='{…}'`: A is a store with these options instead of the default (two variants side by side).
 * `STORE_PACE=spread`: the streams' ends spread evenly over the round (SPREAD_PACE) instead of in waves.
 * Beside the commit wait, what a variant costs the other streams: each round's end latency (upstream
 * `[DONE]` → client) and chunk latency (upstream write → client read, every read before the end) p99,
 * the loop's delay, and the share of artifacts written synchronously (on the loop). Last, the whole end
 * of each stream split into its parts, joined by artifact id across the two processes on the machine's
 * clock (performance.timeOrigin + now): upstream wrote `[DONE]` → the gateway called put (reading the
 * end, finishing, building the artifact), put's own run (serializing), queued, write, resume, resumed →
 * res.end, res.end → the client saw the end; p50 / p99 of each, and the mean of each in the slowest 1%.
 * And the floor probe's writes split by moment: while streams end fast (10 or more puts within 10 ms of
 * the write: a wave) and the rest. */
async function tailRows(load: StoreLoad): Promise<string> {
  const rounds = Number(process.env.STORE_ROUNDS ?? 8);
  // `STORE_TAIL_B=noprobe`: B is the default store without the floor probe (what the probe's writes cost the store)
  const noProbe = process.env.STORE_TAIL_B === 'noprobe';
  const variant = noProbe ? {} : process.env.STORE_TAIL_B ? (JSON.parse(process.env.STORE_TAIL_B) as Partial<ArtifactStoreOptions>) : null;
  // `STORE_TAIL_A='{…}'`: A is the store with these options instead of the default (two variants side by side)
  // `STORE_PACE=spread`: the streams' ends spread evenly (SPREAD_PACE) instead of in waves
  const pace = process.env.STORE_PACE === 'spread' ? SPREAD_PACE : MODEL_PACE;
  const base = process.env.STORE_TAIL_A ? (JSON.parse(process.env.STORE_TAIL_A) as Partial<ArtifactStoreOptions>) : {};
  const probeDir = await tempDir();
  const rows: string[] = [];
  const side = () => ({ floor: [] as number[], floorWave: [] as number[], floorCalm: [] as number[], waits: [] as number[], queue: [] as number[], write: [] as number[], resume: [] as number[], zeros: [] as number[], others: [] as number[], wake: [] as number[], disk: [] as number[], back: [] as number[], loop99: [] as number[], end: [] as number[], chunk: [] as number[], pre: [] as number[], ser: [] as number[], send: [] as number[], deliver: [] as number[], synced: 0, met: 0, rounds: 0 });
  const sides = { A: side(), B: side() };
  const p = (xs: number[], q: number) => ms(percentile(sortNum(xs), q));
  const threadCell = (t: { wake: number[]; disk: number[]; back: number[] }) => (t.disk.length === 0 ? '–' : `${p(t.wake, 50)} / ${p(t.wake, 99)} · ${p(t.disk, 50)} / ${p(t.disk, 99)} · ${p(t.back, 50)} / ${p(t.back, 99)}`);
  for (let r = 0; r < rounds; r++) {
    for (const which of variant === null ? (['A'] as const) : r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const file = path.join(probeDir, `floor${r}${which}`);
      const probe = noProbe && which === 'B' ? null : await startFloorProbe(file);
      const d = await streamRun(load, true, false, false, pace, WRITER_THREAD, which === 'B' ? variant! : base);
      const timed = probe ? await probe.stopTimed() : { took: [], at: [] };
      const floor = timed.took;
      await fsp.rm(file, { force: true });
      const all = sides[which];
      all.floor.push(...floor);
      // the floor in a wave: probe writes started while the streams were ending fast (10 or more puts
      // within 10 ms either side: 0.5/ms; a wave ends ~1/ms, ends spread ~0.1/ms)
      for (let i = 0, lo = 0, hi = 0; i < timed.at.length; i++) {
        const s = timed.at[i];
        while (lo < d.putTimes.length && d.putTimes[lo] < s - 10) lo++;
        while (hi < d.putTimes.length && d.putTimes[hi] <= s + 10) hi++;
        (hi - lo >= 10 ? all.floorWave : all.floorCalm).push(timed.took[i]);
      }
      all.waits.push(...d.commitWaits);
      all.queue.push(...d.parts.queue);
      all.write.push(...d.parts.write);
      all.resume.push(...d.parts.resume);
      all.zeros.push(...d.parts.zeros);
      all.others.push(...d.parts.others);
      all.wake.push(...d.thread.wake);
      all.disk.push(...d.thread.disk);
      all.back.push(...d.thread.back);
      all.loop99.push(d.loop.p99);
      all.end.push(...d.endLatencies);
      all.chunk.push(...d.chunkLatencies);
      all.pre.push(...d.ends.pre);
      all.ser.push(...d.ends.ser);
      all.send.push(...d.ends.send);
      all.deliver.push(...d.ends.deliver);
      all.synced += d.synced;
      all.rounds++;
      if (percentile(sortNum(d.commitWaits), 99) <= 5) all.met++;
      rows.push(`| ${r + 1}${variant ? ` ${which}` : ''} | ${floor.length} | ${p(floor, 50)} / ${p(floor, 99)} | ${p(d.commitWaits, 50)} / ${p(d.commitWaits, 99)} | ${p(d.parts.queue, 50)} / ${p(d.parts.queue, 99)} | ${p(d.parts.write, 50)} / ${p(d.parts.write, 99)} | ${p(d.parts.resume, 50)} / ${p(d.parts.resume, 99)} | ${d.fsyncs} | ${percentile(sortNum(d.neighbours), 50)} | ${(d.synced / Math.max(1, d.parts.queue.length)).toFixed(2)} | ${ms(d.loop.p99)} / ${d.loop.elu.toFixed(2)} | ${p(d.endLatencies, 99)} / ${p(d.chunkLatencies, 99)} | ${threadCell(d.thread)} |`);
    }
  }
  await load.exit();
  await fsp.rm(probeDir, { recursive: true, force: true });
  const summary = (which: 'A' | 'B') => {
    const all = sides[which];
    // the slowest 1% of commits: the mean of each part (the parts are per artifact, in put order)
    const total = all.queue.map((q, i) => all.ser[i] + q + all.write[i] + all.resume[i]);
    const slowest = (t: number[]) => t.map((_, i) => i).filter((i) => !Number.isNaN(t[i])).sort((x, y) => t[y] - t[x]).slice(0, Math.max(1, Math.ceil(t.length / 100)));
    const worst = slowest(total);
    const meanOf = (idx: number[], xs: number[]) => ms(idx.reduce((t, i) => t + xs[i], 0) / idx.length);
    const mean = (xs: number[]) => meanOf(worst, xs);
    // the whole end: upstream [DONE] → client saw the end, its slowest 1% split into every part
    const whole = all.queue.map((q, i) => all.pre[i] + all.ser[i] + q + all.write[i] + all.resume[i] + all.send[i] + all.deliver[i]);
    const worstEnd = slowest(whole);
    const endParts = [['before put', all.pre], ['put (serialize)', all.ser], ['queued', all.queue], ['write', all.write], ['resume', all.resume], ['resumed → res.end', all.send], ['res.end → client', all.deliver]] as const;
    const pp = (xs: number[]) => { const v = xs.filter((x) => !Number.isNaN(x)); return `${p(v, 50)} / ${p(v, 99)}`; };
    const over5 = (xs: number[]) => ((100 * xs.filter((v) => v > 5).length) / Math.max(1, xs.length)).toFixed(1);
    return [
      `| all${variant ? ` ${which}` : ''} | ${all.floor.length} | ${p(all.floor, 50)} / ${p(all.floor, 99)} | ${p(all.waits, 50)} / ${p(all.waits, 99)} | ${p(all.queue, 50)} / ${p(all.queue, 99)} | ${p(all.write, 50)} / ${p(all.write, 99)} | ${p(all.resume, 50)} / ${p(all.resume, 99)} | | | ${(all.synced / Math.max(1, all.queue.length)).toFixed(2)} | ${p(all.loop99, 50)} (median) | ${p(all.end, 99)} / ${p(all.chunk, 99)} | ${threadCell(all)} |`,
      `${variant ? `${which}: ` : ''}the floor while streams end fast (10+ puts within 10 ms of the probe's write) p50 / p90 / p99 ${all.floorWave.length === 0 ? '– (no such moment)' : `${p(all.floorWave, 50)} / ${p(all.floorWave, 90)} / ${p(all.floorWave, 99)} ms (${all.floorWave.length} writes)`}, at other moments ${p(all.floorCalm, 50)} / ${p(all.floorCalm, 90)} / ${p(all.floorCalm, 99)} (${all.floorCalm.length}).`,
      `${variant ? `${which}: ` : ''}the whole end per part, p50 / p99 ms: ${endParts.map(([n, xs]) => `${n} ${pp(xs)}`).join(', ')}; upstream [DONE] → client ${pp(whole)}. Its slowest 1% (${worstEnd.length}), mean of each part: ${endParts.map(([n, xs]) => `${n} ${meanOf(worstEnd, xs)}`).join(', ')}.`,
      `${variant ? `${which}: ` : ''}the slowest 1% of commits (${worst.length} of ${total.length}), mean of each part: put ${mean(all.ser)}, queued ${mean(all.queue)}, write ${mean(all.write)}, resume ${mean(all.resume)} ms, share whose write overlapped a preallocation ${mean(all.zeros)} (all commits ${(all.zeros.reduce((t, v) => t + v, 0) / Math.max(1, all.zeros.length)).toFixed(3)}), other writes running at its start ${mean(all.others)} (all ${(all.others.reduce((t, v) => t + v, 0) / Math.max(1, all.others.length)).toFixed(2)}); rounds with commit wait p99 ≤ 5 ms: ${all.met} of ${all.rounds}; over 5 ms: floor writes ${over5(all.floor)}%, commits ${over5(all.waits)}%.`,
    ];
  };
  const sums = variant ? [summary('A'), summary('B')] : [summary('A')];
  return [
    `load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end; ${rounds} rounds of ${STREAMS.clients} streams at a model's pace${pace === SPREAD_PACE ? ', their ends spread evenly (STORE_PACE=spread)' : ' (their ends in waves)'}, ${WRITER_THREAD ? 'writer thread' : SYNC_WRITES ? 'synchronous writes' : 'thread pool'}${noProbe ? '; A: the default store, B: the same without the floor probe' : variant ? `; A: ${process.env.STORE_TAIL_A ? JSON.stringify(base) : 'the default store'}, B: ${JSON.stringify(variant)}` : ''}; ms`,
    '',
    '| round | floor writes | floor p50 / p99 | commit wait p50 / p99 | queued p50 / p99 | write p50 / p99 | resume p50 / p99 | fsyncs | other ends within 10 ms, p50 | written synchronously | loop delay p99 / utilization | end latency p99 / chunk latency p99 | writer thread: wake p50 / p99 · disk p50 / p99 · report p50 / p99 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ...sums.map((x) => x[0]),
    '',
    ...sums.flatMap((x) => x.slice(1)),
  ].join('\n');
}

export async function runStoreBench(): Promise<string> {
  if (process.env.STORE_BENCH === 'prealloc') {
    // the side-by-side rows alone (no load process needed)
    const pairs: Awaited<ReturnType<typeof pairedFinisherRun>>[] = [];
    for (let r = 0; r < FINISHERS.rounds; r++) pairs.push(await pairedFinisherRun());
    return [`load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}${SYNC_WRITES ? ', synchronous writes' : ''}`, ...pairTable(pairs)].join('\n');
  }
  const load: StoreLoad = await LoadProcess.start(__dirname, 'storeLoad');
  if (process.env.STORE_BENCH === 'quick') return quickRows(load);
  if (process.env.STORE_BENCH === 'writer') return writerRows(load);
  if (process.env.STORE_BENCH === 'tail') return tailRows(load);
  log('checking output');
  await streamRun(load, true, false, true);
  await streamRun(load, false, false, true);

  log('disk anchor');
  const anchors = [await rawFsync()];
  log('throughput');
  const tp: Awaited<ReturnType<typeof throughputOnce>>[] = [];
  for (let r = 0; r < THROUGHPUT.repeats; r++) tp.push(await throughputOnce());

  log('100 finishers');
  const finishers: Awaited<ReturnType<typeof finisherRun>>[] = [];
  for (let r = 0; r < FINISHERS.rounds; r++) finishers.push(await finisherRun());
  log('preallocated and appending stores side by side');
  const pairs: Awaited<ReturnType<typeof pairedFinisherRun>>[] = [];
  for (let r = 0; r < FINISHERS.rounds; r++) pairs.push(await pairedFinisherRun());
  log('end of stream, 100 streams');
  const paced: { durable: StreamRun; memory: StreamRun }[] = [];
  for (let r = 0; r < STREAMS.rounds; r++) {
    const memory = await streamRun(load, false, false, false);
    const durable = await streamRun(load, true, false, false);
    paced.push({ durable, memory });
  }
  log('end of stream, 100 streams at a model\'s pace');
  const modelPaced: { durable: StreamRun; memory: StreamRun; floor: number[] }[] = [];
  const probeDir = await tempDir();
  for (let r = 0; r < STREAMS.rounds; r++) {
    const memory = await streamRun(load, false, false, false, MODEL_PACE);
    // the disk's floor at the same moments: the floor probe (storeFloor.ts) writes through the round
    const probe = await startFloorProbe(path.join(probeDir, `floor${r}`));
    const durable = await streamRun(load, true, false, false, MODEL_PACE);
    const floor = sortNum(await probe.stop());
    modelPaced.push({ durable, memory, floor });
  }
  // the same streams with their ends spread evenly (independent users' streams), beside the disk's floor
  log("end of stream, 100 streams at a model's pace, ends spread");
  const spreadPaced: { durable: StreamRun; floor: number[] }[] = [];
  for (let r = 0; r < STREAMS.rounds; r++) {
    const probe = await startFloorProbe(path.join(probeDir, `spread${r}`));
    const durable = await streamRun(load, true, false, false, SPREAD_PACE);
    spreadPaced.push({ durable, floor: sortNum(await probe.stop()) });
  }
  await fsp.rm(probeDir, { recursive: true, force: true });
  const bursts: StreamRun[] = [];
  for (let r = 0; r < STREAMS.rounds; r++) bursts.push(await streamRun(load, true, true, false));
  await load.exit();
  anchors.push(await rawFsync());

  const waitP = (run: StreamRun, p: number) => percentile(sortNum(run.commitWaits), p);
  const endP = (run: StreamRun, p: number) => percentile(sortNum(run.endLatencies), p);
  const added99 = paced.map((x) => endP(x.durable, 99) - endP(x.memory, 99));
  const commit99 = paced.map((x) => waitP(x.durable, 99));
  const modelCommit99 = modelPaced.map((x) => waitP(x.durable, 99));
  const modelAdded99 = modelPaced.map((x) => endP(x.durable, 99) - endP(x.memory, 99));
  const floor99 = modelPaced.map((x) => percentile(x.floor, 99));
  const spreadCommit99 = spreadPaced.map((x) => waitP(x.durable, 99));
  const spreadFloor99 = spreadPaced.map((x) => percentile(x.floor, 99));
  const rate = tp.map((t) => t.perSecond);
  const lines = [
    `### Artifact store (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end)`,
    '',
    `The disk itself (anchor: one 3 KB write + fdatasync at a time, 200 samples, before and after the runs): ${anchors.map((a) => `p50 ${ms(percentile(a, 50))} / p99 ${ms(percentile(a, 99))} ms`).join(', then ')}. A durable artifact cannot end its stream sooner than one of these; one that arrives while a commit runs waits for that one and its own.`,
    '',
    `Throughput: ${THROUGHPUT.artifacts} artifacts of ~3 KB, ${THROUGHPUT.outstanding} puts outstanding, each durable (fsynced) before its put resolves; ${THROUGHPUT.repeats} runs:`,
    '',
    '| run | artifacts/s | fsyncs | artifacts per fsync | CPU µs per artifact |',
    '|---|---:|---:|---:|---:|',
    ...tp.map((t, i) => `| ${i + 1} | ${Math.round(t.perSecond).toLocaleString('en-US')} | ${t.fsyncs} | ${(THROUGHPUT.artifacts / t.fsyncs).toFixed(1)} | ${t.cpuUsPerPut.toFixed(1)} |`),
    '',
    `The store alone (this process does nothing else): ${FINISHERS.count} finishers, each putting a ~3 KB artifact every 50–150 ms and awaiting it (~1,000 artifacts/s), ${FINISHERS.artifacts} artifacts per run. Commit wait = put → the finisher resumes:`,
    '',
    '| run | commit wait p50 ms | p99 ms | max ms | fsyncs | loop delay p50 / p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...finishers.map((f, i) => `| ${i + 1} | ${ms(percentile(f.waits, 50))} | ${ms(percentile(f.waits, 99))} | ${ms(f.waits[f.waits.length - 1])} | ${f.fsyncs} | ${ms(f.loop.p50)} / ${ms(f.loop.p99)} |`),
    '',
    ...pairTable(pairs),
    '',
    `End of stream at ${STREAMS.clients} concurrent streams (each ${STREAMS.pieces} chunks ${STREAMS.intervalMs} ms apart, ${STREAMS.requestsEach} streams per client, repair mode; ${STREAMS.clients * STREAMS.requestsEach} artifacts per run). Commit wait = put → durable, what the final \`[DONE]\` waits for; end latency = upstream wrote \`[DONE]\` → client saw the end:`,
    '',
    '| round | commit wait p50 ms | p99 ms | max ms | fsyncs | end latency p50 / p99 ms, durable | in-memory store | added p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...paced.map(
      (x, i) =>
        `| ${i + 1} | ${ms(waitP(x.durable, 50))} | ${ms(waitP(x.durable, 99))} | ${ms(Math.max(...x.durable.commitWaits))} | ${x.durable.fsyncs} | ${ms(endP(x.durable, 50))} / ${ms(endP(x.durable, 99))} | ${ms(endP(x.memory, 50))} / ${ms(endP(x.memory, 99))} | ${ms(added99[i])} |`,
    ),
    '',
    'Where the commit wait goes (durable rounds; p50 / p99 ms per artifact) and the event loop of the process running the gateway:',
    '',
    '| round | queued before its group started | its group\'s write (disk + return to the loop) | write returned → stream resumed | loop delay p50 / p99 ms | loop utilization | CPU, share of a core |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[...paced.map((x) => ['1,000/s', x] as const), ...modelPaced.map((x) => ["model's pace", x] as const)].map(([what, x], i) => {
      const pp = (xs: number[]) => `${ms(percentile(sortNum(xs), 50))} / ${ms(percentile(sortNum(xs), 99))}`;
      const d = x.durable;
      return `| ${(i % STREAMS.rounds) + 1}, ${what} | ${pp(d.parts.queue)} | ${pp(d.parts.write)} | ${pp(d.parts.resume)} | ${ms(d.loop.p50)} / ${ms(d.loop.p99)} | ${d.loop.elu.toFixed(2)} | ${d.loop.cpu.toFixed(2)} |`;
    }),
    '',
    `At a model's pace: ${STREAMS.clients} concurrent streams, each ${STREAMS.pieces} chunks ${MODEL_PACE.intervalMs} ms apart (1 s), ${MODEL_PACE.requestsEach} per client (~${Math.round((STREAMS.clients * 1000) / (STREAMS.pieces * MODEL_PACE.intervalMs))} streams ending per second):`,
    '',
    '| round | commit wait p50 ms | p99 ms | max ms | fsyncs | end latency p50 / p99 ms, durable | in-memory store | added p99 ms | loop utilization | the disk\'s floor p50 / p99 ms, same moments |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...modelPaced.map(
      (x, i) =>
        `| ${i + 1} | ${ms(waitP(x.durable, 50))} | ${ms(waitP(x.durable, 99))} | ${ms(Math.max(...x.durable.commitWaits))} | ${x.durable.fsyncs} | ${ms(endP(x.durable, 50))} / ${ms(endP(x.durable, 99))} | ${ms(endP(x.memory, 50))} / ${ms(endP(x.memory, 99))} | ${ms(modelAdded99[i])} | ${x.durable.loop.elu.toFixed(2)} | ${ms(percentile(x.floor, 50))} / ${ms(percentile(x.floor, 99))} |`,
    ),
    '',
    `The same ${STREAMS.clients} streams at a model's pace with their ends spread evenly over the round (the clients' first starts spread over a stream's length, 1 s, ${SPREAD_PACE.requestsEach} per client): above, all start within 100 ms, so their ends come in waves, 100 within ~100 ms once a second; independent users' streams end spread like this. Commit wait p50 / p99 / max ms, the disk's floor p50 / p99 at the same moments: ${spreadPaced.map((x, i) => `round ${i + 1}: ${ms(waitP(x.durable, 50))} / ${ms(waitP(x.durable, 99))} / ${ms(Math.max(...x.durable.commitWaits))}, floor ${ms(percentile(x.floor, 50))} / ${ms(percentile(x.floor, 99))}`).join('; ')}.`,
    '',
    `The disk's floor: a process of its own (storeFloorProbe.ts) writing one 3,000-byte O_DSYNC record at a time into a preallocated file at random moments, ~100/s, through each durable round — the store's write at the same moments, waiting for nothing but the disk and a core. A commit wait p99 below it is out of reach; one above it is the store's or the process's (\`STORE_BENCH=tail\`: more rounds, the tail split into its parts).`,
    '',
    `Burst: ${STREAMS.clients} unpaced streams ending together: commit wait p99 ${range(bursts.map((b) => waitP(b, 99)), ms)} ms, ${range(bursts.map((b) => b.fsyncs), String)} fsyncs for ${STREAMS.clients} artifacts.`,
    '',
    '| goal | measured | |',
    '|---|---:|---|',
    `| store sustains ≥ 5,000 artifacts/s | ${range(rate, (v) => Math.round(v).toLocaleString('en-US'))} | ${Math.min(...rate) >= 5000 ? 'met' : Math.max(...rate) >= 5000 ? 'met in some runs' : 'missed'} |`,
    `| added time at the end of a stream p99 ≤ 5 ms (100 streams at a model's pace, their ends in waves): commit wait p99 | ${range(modelCommit99, ms)} ms | ${Math.max(...modelCommit99) <= 5 ? 'met' : Math.min(...modelCommit99) <= 5 ? 'met in some runs' : 'missed'} |`,
    `| same, the streams' ends spread evenly (no waves): commit wait p99 | ${range(spreadCommit99, ms)} ms (floor p99 ${range(spreadFloor99, ms)}) | ${Math.max(...spreadCommit99) <= 5 ? 'met' : Math.min(...spreadCommit99) <= 5 ? 'met in some runs' : 'missed'} |`,
    `| same, 100 streams ending 1,000/s (the gateway's loop saturated): commit wait p99 | ${range(commit99, ms)} ms | ${Math.max(...commit99) <= 5 ? 'met' : Math.min(...commit99) <= 5 ? 'met in some runs' : 'missed'} |`,
    `| same, end to end: durable p99 minus in-memory p99 | ${range(added99, ms)} ms | informational (noisy) |`,
    `| the disk's own O_DSYNC write p99 at the same moments (the floor probe, model's pace rounds) | ${range(floor99, ms)} ms | the floor of the commit wait |`,
    `| the disk's own fdatasync p99 (anchor: back to back, before and after) | ${range(anchors.map((a) => percentile(a, 99)), ms)} ms | informational |`,
  ];
  return lines.join('\n');
}

if (require.main === module) {
  runStoreBench().then(
    (out) => process.stdout.write(out + '\n'),
    (err: unknown) => {
      process.stderr.write(`store bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
