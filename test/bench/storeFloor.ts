/**
 * The disk's floor under the commit wait (`npm run bench:store-floor`): how long one ~3 KB durable write
 * takes on this machine's disk, in a tight loop (write after write, each at the next offset of a
 * preallocated file, as the store writes its records), under three conditions:
 *   (a) alone: a process doing nothing else, the machine otherwise as it is;
 *   (b) beside the load: the same loop in a process of its own while this process runs the gateway (with
 *       the in-memory store) under the store benchmark's load process (100 streams at a model's pace);
 *   (c) from a worker thread of the process running that gateway (its main thread busy);
 * and (d), for comparison, the store's default path: the same writes through the thread pool
 * (fs.promises) from that busy main thread, each awaited.
 * Two kinds of write: O_DSYNC (the write is the fdatasync, what the store does) and a plain write followed
 * by fdatasync. If (a) already misses 5 ms at p99, no write path can meet the goal on this disk.
 */
import { closeSync, fdatasyncSync, openSync, constants as fsc, promises as fsp, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fork } from 'node:child_process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ArtifactStore } from '../../server/gateway/artifacts';
import { EventHub } from '../../server/gateway/events';
import { silentLogger } from '../../server/gateway/log';
import { GatewayMetrics } from '../../server/gateway/metrics';
import { startGateway } from '../../server/gateway/server';
import { LoadProcess } from './loadProcess';
import type { StoreLoadCommand, StoreLoadReply } from './storeLoad';

type Kind = 'dsync' | 'fdatasync';
interface LoopOrder {
  file: string;
  kind: Kind;
  ms: number;
  /** Mean pause between writes (ms, random exponential gaps: writes arriving as streams end), 0 for
   * back to back. */
  gapMs: number;
}
const RECORD = Buffer.alloc(3000, 0x61);
/** Zeros written ahead of the loop, so every write is an overwrite inside the file's durable size. */
const PREALLOC = 32 * 1024 * 1024;
const ROUNDS = 3;
const ALONE_MS = 3000;
/** Mean gap of the paced rows: ~100 writes/s, the groups of 100 streams ending at a model's pace. */
const GAP_MS = 10;

/** Opens `file`, writes PREALLOC zeros durably, then writes RECORD at consecutive offsets for `ms` ms;
 * each write's duration (ms). Synchronous: the thread running it does nothing else. */
function loop(o: LoopOrder): number[] {
  const fd = openSync(o.file, fsc.O_WRONLY | fsc.O_CREAT | (o.kind === 'dsync' ? fsc.O_DSYNC : 0), 0o600);
  try {
    const zeros = Buffer.alloc(1024 * 1024);
    for (let at = 0; at < PREALLOC; at += zeros.length) writeSync(fd, zeros, 0, zeros.length, at);
    fdatasyncSync(fd);
    const out: number[] = [];
    const end = performance.now() + o.ms;
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    for (let at = 0; performance.now() < end; at = (at + RECORD.length) % (PREALLOC - RECORD.length)) {
      if (o.gapMs > 0) Atomics.wait(sleeper, 0, 0, -Math.log(1 - Math.random()) * o.gapMs);
      const t = performance.now();
      writeSync(fd, RECORD, 0, RECORD.length, at);
      if (o.kind === 'fdatasync') fdatasyncSync(fd);
      out.push(performance.now() - t);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** The store's default path: the same writes through the thread pool, awaited one at a time. */
async function asyncLoop(o: LoopOrder): Promise<number[]> {
  const h = await fsp.open(o.file, fsc.O_WRONLY | fsc.O_CREAT | (o.kind === 'dsync' ? fsc.O_DSYNC : 0), 0o600);
  try {
    const zeros = Buffer.alloc(1024 * 1024);
    for (let at = 0; at < PREALLOC; at += zeros.length) await h.write(zeros, 0, zeros.length, at);
    await h.datasync();
    const out: number[] = [];
    const end = performance.now() + o.ms;
    for (let at = 0; performance.now() < end; at = (at + RECORD.length) % (PREALLOC - RECORD.length)) {
      if (o.gapMs > 0) await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * o.gapMs));
      const t = performance.now();
      await h.write(RECORD, 0, RECORD.length, at);
      if (o.kind === 'fdatasync') await h.datasync();
      out.push(performance.now() - t);
    }
    return out;
  } finally {
    await h.close();
  }
}

function inWorker(o: LoopOrder): Promise<number[]> {
  return new Promise((resolve, reject) => {
    // run through tsx, which a worker does not inherit for a .ts entry
    const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: o });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

function inChild(o: LoopOrder): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const bundled = __filename.endsWith('.js');
    const child = fork(__filename, ['loop', JSON.stringify(o)], { execArgv: bundled ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as number[]));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`floor loop exited with ${code}`))));
  });
}

type StoreLoad = LoadProcess<StoreLoadCommand, Extract<StoreLoadReply, { id: number }>>;

/** Runs `during` while this process runs the gateway (in-memory store) under 100 streams at a model's
 * pace from the load process; the loop lasts as long as the streams, about 3 s. */
async function underLoad(load: StoreLoad, during: (ms: number) => Promise<number[]>): Promise<number[]> {
  const store = await ArtifactStore.open({ dir: null });
  const gateway = await startGateway({ port: 0, upstream: load.upstream, demo: false, apiKey: null, token: null, allowedOrigins: [], mode: 'repair', store, events: new EventHub(), metrics: new GatewayMetrics({ defaultMetrics: false }), log: silentLogger });
  const streams = load.request({ cmd: 'run', url: gateway.url, clients: 100, requestsEach: 3, intervalMs: 100, burst: false, check: false });
  const samples = await during(2800);
  await streams;
  await gateway.close(100);
  await store.close();
  return samples;
}

function row(what: string, kind: Kind, runs: number[][]): string {
  const all = runs.flat().sort((x, y) => x - y);
  const pooled = all[Math.min(all.length - 1, Math.floor(0.99 * all.length))];
  const f = (v: number) => v.toFixed(2);
  const stats = runs.map((r) => {
    const s = [...r].sort((x, y) => x - y);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return { n: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1], over5: s.filter((v) => v > 5).length / s.length };
  });
  const span = (k: 'p50' | 'p99' | 'max') => stats.map((s) => f(s[k])).join(', ');
  return `| ${what} | ${kind} | ${stats.map((s) => s.n).join(', ')} | ${span('p50')} | ${span('p99')} | ${f(pooled)} | ${span('max')} | ${stats.map((s) => (100 * s.over5).toFixed(1)).join(', ')} |`;
}

async function main(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-bench-floor-'));
  const file = (n: string) => path.join(dir, n);
  const load: StoreLoad = await LoadProcess.start(__dirname, 'storeLoad');
  const rows: string[] = [];
  try {
    for (const [kind, gapMs] of [['dsync', 0], ['dsync', GAP_MS], ['fdatasync', 0], ['fdatasync', GAP_MS]] as const) {
      const runs: Record<string, number[][]> = { alone: [], child: [], worker: [], pool: [] };
      for (let r = 0; r < ROUNDS; r++) {
        runs.alone.push(await inChild({ file: file(`a${r}`), kind, ms: ALONE_MS, gapMs }));
        runs.child.push(await underLoad(load, (ms) => inChild({ file: file(`b${r}`), kind, ms, gapMs })));
        runs.worker.push(await underLoad(load, (ms) => inWorker({ file: file(`c${r}`), kind, ms, gapMs })));
        runs.pool.push(await underLoad(load, (ms) => asyncLoop({ file: file(`d${r}`), kind, ms, gapMs })));
        for (const n of ['a', 'b', 'c', 'd']) await fsp.rm(file(`${n}${r}`), { force: true });
      }
      const how = gapMs === 0 ? 'back to back' : `~${1000 / gapMs}/s`;
      rows.push(row(`(a) alone, own process, ${how}`, kind, runs.alone));
      rows.push(row(`(b) own process, beside the gateway under load, ${how}`, kind, runs.child));
      rows.push(row(`(c) worker thread of the gateway under load, ${how}`, kind, runs.worker));
      rows.push(row(`(d) thread pool from the gateway's busy loop, ${how}`, kind, runs.pool));
    }
  } finally {
    await load.exit();
    await fsp.rm(dir, { recursive: true, force: true });
  }
  return [
    `### The disk's floor (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end)`,
    '',
    `One ${RECORD.length}-byte durable write at a time into a preallocated file, back to back or at random moments ~${1000 / GAP_MS}/s; ${ROUNDS} runs of ~3 s each (figures per run, ms):`,
    '',
    '| where | write | writes | p50 | p99 | p99 of all runs | max | % over 5 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

if (!isMainThread) {
  parentPort!.postMessage(loop(workerData as LoopOrder));
} else if (process.argv[2] === 'loop') {
  process.send!(loop(JSON.parse(process.argv[3]) as LoopOrder), () => process.exit(0));
} else if (require.main === module) {
  main().then(
    (out) => process.stdout.write(out + '\n'),
    (err: unknown) => {
      process.stderr.write(`floor bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
