/**
 * The artifact log's writer thread: a worker_threads thread that does the log's durable writes (records
 * and preallocated zeros) with synchronous system calls in a loop of its own, so a commit waits for the
 * disk and not for libuv's 4-thread pool (shared with every other file call, DNS and zlib of the daemon).
 *
 * Protocol (one message per batch each way):
 * - the main thread posts each write (`fd`, offset, bytes) on a MessagePort and rings a doorbell (a
 *   SharedArrayBuffer counter, Atomics.notify) so the thread, asleep in Atomics.wait, wakes at once;
 * - the thread takes every write posted since its last one (receiveMessageOnPort), joins those at
 *   consecutive offsets of a file into one write (O_DSYNC: the write is the fdatasync — group commit of
 *   whatever arrived while the last write ran), writes them, and posts one message naming the writes done,
 *   counted in a second shared counter; every put takes the reports counted there (`poll`: one atomic load
 *   when there are none), so a write done while the loop is busy resolves at the next put instead of
 *   when the port's message event gets its turn (when many streams end at once, behind every other
 *   callback of the same loop turn);
 * - zeros (a segment's preallocation) are written in slices between record writes, never ahead of a
 *   record that is waiting: a 1 MiB zero write holds the disk ~2 ms, which a record should not wait for.
 *   (A record is only ever written inside zeros already durable, so the order between the two is free.)
 * The descriptors stay the main thread's (opened, truncated and closed there, never while a write of
 * theirs is pending here).
 *
 * If the thread dies (an exception, a terminate), every write not yet reported done fails with a
 * WriterThreadError once the thread has stopped — an artifact is never acknowledged unless its write
 * returned — and later writes go through the thread pool (LogFile in artifactLog.ts), with a warning.
 *
 * The thread's code is a plain string run with `eval`: it needs only node:fs and node:worker_threads, and
 * the same code runs from the daemon's bundle, from tsx and from the extension host.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export class WriterThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriterThreadError';
  }
}

/** Slice of zeros the thread writes at a time between record writes (bytes). */
const ZERO_SLICE_BYTES = 128 * 1024;

type Order = { op: 'write'; id: number; fd: number; at: number; buf: Uint8Array } | { op: 'zeros'; id: number; fd: number; at: number; bytes: number } | { op: 'stop' } | { op: 'crash' };
/** Writes done (`ids`), or failed with `error`; a record write's report also says when the thread took
 * it, started and ended its write (ms since the epoch, performance.timeOrigin + now()). */
type Report = { ids: number[]; error?: string; tookAt?: number; startedAt?: number; doneAt?: number };

/** Where one record write's time went (ms): posted → the thread took it (its wake-up, or the write
 * before), its write (the disk), and the write's end → its report reached the main thread. */
export interface ThreadWriteTiming {
  wake: number;
  disk: number;
  back: number;
}

const THREAD_SOURCE = String.raw`
const { writeSync } = require('node:fs');
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { port, bell, reports, zeroSlice } = workerData;
const ring = new Int32Array(bell);
const reported = new Int32Array(reports);
// every report is counted after it is posted: the main thread may take it at once (WriterThread.poll)
function report(m) {
  port.postMessage(m);
  Atomics.add(reported, 0, 1);
}
const zeros = Buffer.alloc(zeroSlice);
const records = [];
const now = () => performance.timeOrigin + performance.now();
let tookAt = 0;
const zeroJobs = [];
let stopping = false;

function take() {
  tookAt = now();
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    const o = m.message;
    if (o.op === 'write') records.push(o);
    else if (o.op === 'zeros') zeroJobs.push({ id: o.id, fd: o.fd, at: o.at, left: o.bytes });
    else if (o.op === 'stop') stopping = true;
    else if (o.op === 'crash') throw new Error('writer thread crash (test hook)');
  }
}

function writeAll(fd, buf, at) {
  for (let done = 0; done < buf.length; ) {
    const n = writeSync(fd, buf, done, buf.length - done, at + done);
    if (n <= 0) throw new Error('short write (' + done + ' of ' + buf.length + ' bytes)');
    done += n;
  }
}

// every record posted so far, those at consecutive offsets of one file in one write
function writeRecords() {
  const batch = records.splice(0).sort((a, b) => a.fd - b.fd || a.at - b.at);
  for (let i = 0; i < batch.length; ) {
    let j = i + 1;
    let end = batch[i].at + batch[i].buf.length;
    while (j < batch.length && batch[j].fd === batch[i].fd && batch[j].at === end) end += batch[j++].buf.length;
    const run = batch.slice(i, j);
    const ids = run.map((o) => o.id);
    try {
      const startedAt = now();
      writeAll(batch[i].fd, run.length === 1 ? run[0].buf : Buffer.concat(run.map((o) => o.buf)), batch[i].at);
      report({ ids, tookAt, startedAt, doneAt: now() });
    } catch (e) {
      report({ ids, error: e.message });
    }
    i = j;
  }
}

// one slice of the oldest preallocation
function writeZeros() {
  const z = zeroJobs[0];
  const n = Math.min(z.left, zeros.length);
  try {
    writeAll(z.fd, n === zeros.length ? zeros : zeros.subarray(0, n), z.at);
  } catch (e) {
    zeroJobs.shift();
    report({ ids: [z.id], error: e.message });
    return;
  }
  z.at += n;
  z.left -= n;
  if (z.left === 0) {
    zeroJobs.shift();
    report({ ids: [z.id] });
  }
}

for (;;) {
  const seen = Atomics.load(ring, 0);
  take();
  if (records.length > 0) writeRecords();
  else if (zeroJobs.length > 0) writeZeros();
  else if (stopping) break;
  else Atomics.wait(ring, 0, seen);
}
port.close();
`;

/** The thread and the writes posted to it. */
export class WriterThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly ring = new Int32Array(new SharedArrayBuffer(4));
  /** Reports the thread has posted (it counts each after posting it), and those taken here. */
  private readonly reported = new Int32Array(new SharedArrayBuffer(4));
  private taken = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void; postedAt: number }>();
  private nextId = 1;
  private failure: Error | null = null;
  private stopped = false;
  private readonly exited: Promise<void>;

  /** `onDeath` runs once if the thread stops other than by `stop()` (its pending writes have failed). */
  constructor(
    onDeath: (e: WriterThreadError) => void,
    private readonly onTiming?: (t: ThreadWriteTiming) => void,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { port: port2, bell: this.ring.buffer, reports: this.reported.buffer, zeroSlice: ZERO_SLICE_BYTES }, transferList: [port2] });
    this.port.on('message', (r: Report) => this.settle(r));
    // an idle thread does not keep the daemon alive; a pending write does (the port is ref'd while any
    // is, as a pending fs call would be). After on('message'), which refs the port.
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', (e) => (this.failure ??= e));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        // the thread has stopped: no write of its can still land. Writes it reported done before it
        // stopped are done (their messages may still be queued); the others failed.
        for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) this.settle(m.message as Report);
        const why = this.failure?.message ?? `exit code ${code}`;
        const err = new WriterThreadError(`the artifact writer thread stopped (${why}); ${this.pending.size} write(s) not acknowledged`);
        const wasStopped = this.stopped;
        this.stopped = true;
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.port.close();
        if (!wasStopped) onDeath(err);
        resolve();
      }),
    );
  }

  /** Reports the thread has posted that this side has not taken yet. The thread counts a report just
   * after posting it, so for a moment this side may have taken one not counted yet (the port's message
   * event ran in between): that reads as none waiting, not as -1. */
  get reportsWaiting(): number {
    return Math.max(0, Atomics.load(this.reported, 0) - this.taken);
  }

  /** True while the thread takes writes. */
  get alive(): boolean {
    return !this.stopped;
  }

  /** Writes `buf` at `at` of `fd` (opened O_DSYNC): resolves once it is durable. */
  write(fd: number, buf: Buffer, at: number): Promise<void> {
    return this.post((id) => ({ op: 'write', id, fd, at, buf }));
  }

  /** Writes `bytes` zeros from `at` of `fd` (opened O_DSYNC), in slices between record writes. */
  zeros(fd: number, at: number, bytes: number): Promise<void> {
    return this.post((id) => ({ op: 'zeros', id, fd, at, bytes }));
  }

  /**
   * Takes the reports the thread has posted and not yet delivered (one atomic load when there are none):
   * their writes resolve now, in the caller's run, instead of when the port's message event gets its turn
   * in the event loop — behind every other callback ready in the same turn. Called on every put (the
   * store's append): when many streams end at once the loop is busiest, and puts come most often.
   */
  poll(): void {
    while (this.taken !== Atomics.load(this.reported, 0)) {
      const m = receiveMessageOnPort(this.port);
      if (m === undefined) return;
      this.settle(m.message as Report);
    }
  }

  /** Lets the thread finish what was posted, then end; resolves once it has. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      // the thread keeps the process alive until it has ended, or a daemon whose last work is closing
      // the store would exit here, before the rest of its shutdown (the lock's release) ran
      this.worker.ref();
      this.send({ op: 'stop' });
    }
    await this.exited;
  }

  /** Test hook: the thread throws the next time it takes its orders, as a crash would. */
  crashForTest(): void {
    this.send({ op: 'crash' });
  }

  private post(order: (id: number) => Order): Promise<void> {
    if (this.stopped) return Promise.reject(new WriterThreadError('the artifact writer thread has stopped'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      if (this.pending.size === 0) this.port.ref();
      this.pending.set(id, { resolve, reject, postedAt: performance.timeOrigin + performance.now() });
      this.send(order(id));
    });
  }

  private send(o: Order): void {
    this.port.postMessage(o);
    Atomics.add(this.ring, 0, 1);
    Atomics.notify(this.ring, 0);
  }

  private settle(r: Report): void {
    this.taken++;
    const at = performance.timeOrigin + performance.now();
    for (const id of r.ids) {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (p && this.onTiming && r.doneAt !== undefined) this.onTiming({ wake: r.tookAt! - p.postedAt, disk: r.doneAt - r.startedAt!, back: at - r.doneAt });
      if (r.error === undefined) p?.resolve();
      else p?.reject(new Error(r.error));
    }
    if (this.pending.size === 0) this.port.unref();
  }
}
