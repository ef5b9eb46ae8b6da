/**
 * The disk's floor measured beside a benchmark (store.ts: the model's-pace rounds and `STORE_BENCH=tail`):
 * a process of its own writing one 3,000-byte O_DSYNC record at a time into a preallocated file at random
 * moments (~100/s, exponential gaps: the groups of 100 streams ending at a model's pace) while a round
 * runs. It is the store's write at the same moments, waiting for nothing but the disk and a core: a
 * commit wait can be no better. (storeFloor.ts measures the same write under fixed conditions.)
 *
 * Run as `storeFloorProbe.js probe <json>` (bundled) or through tsx, forked with an IPC channel: it
 * preallocates, says `ready`, writes until it receives a message, then sends each write's duration (ms).
 */
import { closeSync, constants as fsc, openSync, writeSync } from 'node:fs';
import { fork } from 'node:child_process';
import * as path from 'node:path';

const RECORD = Buffer.alloc(3000, 0x61);
/** Zeros written ahead of the records (the probe wraps around inside them): every write an overwrite
 * inside the file's durable size, as the store's are. */
const PREALLOC = 4 * 1024 * 1024;
/** Mean gap between writes (ms). */
const GAP_MS = 10;

function probe(file: string, gapMs: number): void {
  const fd = openSync(file, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_DSYNC, 0o600);
  const zeros = Buffer.alloc(1024 * 1024);
  for (let at = 0; at < PREALLOC; at += zeros.length) writeSync(fd, zeros, 0, zeros.length, at);
  const out: number[] = [];
  const starts: number[] = [];
  let at = 0;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    const t = performance.now();
    writeSync(fd, RECORD, 0, RECORD.length, at);
    out.push(performance.now() - t);
    starts.push(performance.timeOrigin + t);
    at = (at + RECORD.length) % (PREALLOC - RECORD.length);
    timer = setTimeout(tick, -Math.log(1 - Math.random()) * gapMs);
  };
  process.once('message', () => {
    if (timer) clearTimeout(timer);
    closeSync(fd);
    process.send!({ took: out, at: starts }, () => process.exit(0));
  });
  process.send!('ready', () => (timer = setTimeout(tick, 0)));
}

/** Each write's duration (ms) and when it started (ms on the machine's clock, performance.timeOrigin +
 * now: comparable with the gateway's stamps). */
export interface FloorWrites {
  took: number[];
  at: number[];
}

/** Starts the probe writing into `file` (in the directory under test); `stop()` resolves with each
 * write's duration (ms), `stopTimed()` with when each started too. */
export async function startFloorProbe(file: string, gapMs = GAP_MS): Promise<{ stop: () => Promise<number[]>; stopTimed: () => Promise<FloorWrites> }> {
  const bundled = __filename.endsWith('.js');
  const script = bundled ? path.join(__dirname, 'storeFloorProbe.js') : __filename;
  const child = fork(script, ['probe', JSON.stringify({ file, gapMs })], { execArgv: bundled ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const failed = (code: number | null) => new Error(`the floor probe exited with ${code}`);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(failed(code)));
  });
  const stopTimed = () =>
    new Promise<FloorWrites>((resolve, reject) => {
      child.removeAllListeners('exit');
      child.once('message', (m) => resolve(m as FloorWrites));
      child.once('exit', (code) => (code === 0 ? undefined : reject(failed(code))));
      child.send('stop');
    });
  return { stop: () => stopTimed().then((w) => w.took), stopTimed };
}

// only as the forked probe (a bundle's modules all see require.main === module)
if (process.argv[2] === 'probe' && process.send) {
  const o = JSON.parse(process.argv[3]) as { file: string; gapMs: number };
  probe(o.file, o.gapMs);
}
