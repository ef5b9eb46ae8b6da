/**
 * Write slots against the disk alone (`npm run bench:store-slots`): does a record wait less when up to k
 * group writes run at once on one file (the store's thread pool: four), or with one write in flight and
 * the next group collecting (classic group commit: the writer thread)? The question is the kernel's:
 * concurrent O_DSYNC writes to one file each flush the disk's cache (this disk: write-back cache, no FUA,
 * /sys/block/vda/queue), and the block layer joins flushes that wait for one in progress, so k writes in
 * flight may share flushes (group commit in the kernel) or queue behind each other.
 *
 * No event loop and no gateway: k worker threads in a process of their own write ~3 KB records that
 * "arrive" on a fixed schedule (waves: 100 arrivals within 100 ms once a second, as 100 streams at a
 * model's pace end; or spread: ~100/s at random moments). A thread that is free takes every record that
 * has arrived and no other thread took (at most `per` of them; 1: each record its own write), reserves
 * their bytes at the next offset of a preallocated file, writes them with one O_DSYNC write, and notes
 * each record's wait: arrival → its write returned. The variants alternate round by round.
 */
import { fork } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

interface Variant {
  name: string;
  /** Writes in flight at once (threads). */
  k: number;
  /** Most records per write (Infinity: every record that has arrived). */
  per: number;
  /** Each thread writes a file of its own (else all write one file at consecutive offsets). */
  ownFiles?: boolean;
}
const VARIANTS: Variant[] = [
  { name: '1 write in flight, groups', k: 1, per: Infinity },
  { name: '4 writes in flight, groups', k: 4, per: Infinity },
  { name: '4 writes in flight, one record each', k: 4, per: 1 },
  { name: '4 writes in flight, groups, a file each', k: 4, per: Infinity, ownFiles: true },
];
const RECORD_BYTES = 3000;
const PREALLOC = 32 * 1024 * 1024;
const ROUND_MS = 3000;
const ROUNDS = Number(process.env.STORE_ROUNDS ?? 6);

/** Arrival times (ms from the round's start): waves of 100 within 100 ms once a second, or ~100/s spread. */
function schedule(kind: 'waves' | 'spread'): Float64Array {
  const out: number[] = [];
  if (kind === 'waves') {
    for (let s = 0; s + 1000 <= ROUND_MS; s += 1000) for (let i = 0; i < 100; i++) out.push(s + Math.random() * 100);
  } else {
    for (let t = -Math.log(1 - Math.random()) * 10; t < ROUND_MS; t += -Math.log(1 - Math.random()) * 10) out.push(t);
  }
  return Float64Array.from(out.sort((a, b) => a - b));
}

// the writer threads: plain JS (no tsx in a worker); clock: performance.timeOrigin + now() (shared)
const THREAD = String.raw`
const { writeSync } = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const { fd, arrivals, start, claimed, offset, per, bytes } = workerData; // offset: this thread's own counter when it has a file of its own
const at = new Float64Array(arrivals);
const claim = new Int32Array(claimed);
const off = new Int32Array(offset);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const now = () => performance.timeOrigin + performance.now() - start;
const waits = [];
const sizes = [];
for (;;) {
  const first = Atomics.load(claim, 0);
  if (first >= at.length) break;
  const t = now();
  if (at[first] > t) { Atomics.wait(sleeper, 0, 0, Math.min(1, at[first] - t)); continue; }
  let last = first;
  while (last < at.length && at[last] <= t && last - first < per) last++;
  if (Atomics.compareExchange(claim, 0, first, last) !== first) continue;
  const n = last - first;
  const where = Atomics.add(off, 0, n * bytes);
  writeSync(fd, Buffer.alloc(n * bytes, 0x61), 0, n * bytes, where);
  const done = now();
  for (let i = first; i < last; i++) waits.push(done - at[i]);
  sizes.push(n);
}
parentPort.postMessage({ waits, sizes });
`;

interface RoundResult {
  waits: number[];
  writes: number;
}

/** One round in this (child) process: k threads on a fresh preallocated O_DSYNC file (or one each). */
async function round(v: Variant, kind: 'waves' | 'spread', file: string): Promise<RoundResult> {
  const { openSync, writeSync, fdatasyncSync, closeSync, constants: fsc } = await import('node:fs');
  const files = v.ownFiles ? Array.from({ length: v.k }, (_, i) => `${file}-${i}`) : [file];
  const fds = files.map((f) => openSync(f, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_DSYNC, 0o600));
  try {
    const zeros = Buffer.alloc(1024 * 1024);
    for (const fd of fds) {
      for (let at = 0; at < PREALLOC / fds.length; at += zeros.length) writeSync(fd, zeros, 0, zeros.length, at);
      fdatasyncSync(fd);
    }
    const times = schedule(kind);
    const arrivals = new SharedArrayBuffer(times.byteLength);
    new Float64Array(arrivals).set(times);
    const claimed = new SharedArrayBuffer(4);
    const offsets = fds.map(() => new SharedArrayBuffer(4));
    const start = performance.timeOrigin + performance.now() + 50;
    const results = await Promise.all(
      Array.from({ length: v.k }, (_, i) => new Promise<{ waits: number[]; sizes: number[] }>((resolve, reject) => {
        const j = v.ownFiles ? i : 0;
        const w = new Worker(THREAD, { eval: true, workerData: { fd: fds[j], arrivals, start, claimed, offset: offsets[j], per: v.per === Infinity ? 1e9 : v.per, bytes: RECORD_BYTES } });
        w.once('message', resolve);
        w.once('error', reject);
      })),
    );
    return { waits: results.flatMap((r) => r.waits), writes: results.reduce((t, r) => t + r.sizes.length, 0) };
  } finally {
    for (const fd of fds) closeSync(fd);
    for (const f of files) await fsp.rm(f, { force: true });
  }
}

function inChild(v: Variant, kind: 'waves' | 'spread', file: string): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const bundled = __filename.endsWith('.js');
    const child = fork(__filename, ['round', JSON.stringify({ v: { ...v, per: v.per === Infinity ? 1e9 : v.per }, kind, file })], { execArgv: bundled ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as RoundResult));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`slots round exited with ${code}`))));
  });
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const f = (v: number) => v.toFixed(2);

async function main(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(process.env.STORE_DIR ?? os.tmpdir(), 'sfx-bench-slots-'));
  const lines: string[] = [];
  try {
    for (const kind of ['waves', 'spread'] as const) {
      const runs = VARIANTS.map(() => [] as RoundResult[]);
      for (let r = 0; r < ROUNDS; r++) {
        // the order rotates each round, so no variant always follows the same one
        for (let j = 0; j < VARIANTS.length; j++) {
          const i = (j + r) % VARIANTS.length;
          runs[i].push(await inChild(VARIANTS[i], kind, path.join(dir, `r${r}-${i}`)));
        }
      }
      VARIANTS.forEach((v, i) => {
        const all = runs[i].flatMap((x) => x.waits);
        const p99s = runs[i].map((x) => q(x.waits, 0.99));
        const writes = runs[i].reduce((t, x) => t + x.writes, 0);
        lines.push(`| ${kind} | ${v.name} | ${all.length} | ${f(all.length / writes)} | ${f(q(all, 0.5))} | ${f(q(all, 0.99))} | ${p99s.map(f).join(', ')} | ${f(q(p99s, 0.5))} |`);
      });
    }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  return [
    `### Write slots on the disk alone (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} at the end)`,
    '',
    `Records of ${RECORD_BYTES} bytes arriving in waves (100 within 100 ms once a second) or spread (~100/s); wait = arrival → its O_DSYNC write returned; ${ROUNDS} rounds of ${ROUND_MS / 1000} s per variant, alternated (ms):`,
    '',
    '| arrivals | variant | records | records per write | wait p50 | p99 (pooled) | p99 per round | median round p99 |',
    '|---|---|---:|---:|---:|---:|---|---:|',
    ...lines,
  ].join('\n');
}

if (process.argv[2] === 'round') {
  const o = JSON.parse(process.argv[3]) as { v: Variant; kind: 'waves' | 'spread'; file: string };
  round(o.v, o.kind, o.file).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e: unknown) => {
      process.stderr.write(`slots round failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  main().then(
    (out) => process.stdout.write(out + '\n'),
    (err: unknown) => {
      process.stderr.write(`slots bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
