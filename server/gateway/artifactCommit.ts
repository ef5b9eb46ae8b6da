/**
 * Group commit for the artifact log: records appended in the same synchronous run go together in one
 * group — one write (O_DSYNC: the write is the fdatasync) for the whole group — so the cost of durability
 * is shared by every artifact finished at the same moment. A record is written as soon as the synchronous
 * run that put it ends (a microtask): no timer and no event-loop turn before its write starts.
 *
 * Two ways to write a group:
 * - Synchronously (fs.writeSync on the O_DSYNC segment), when the daemon runs with --store-sync-writes
 *   (off by default: on this machine's shared disk it was not better, README): the commit wait is the write
 *   itself (~0.2 ms here). Measured at 100 streams, the thread pool's round trip — and above all the wait
 *   for the busy event loop to run the write's callback — was most of the commit wait's p99, not the
 *   disk. The loop is blocked for the write, so a loop turn writes synchronously for about 1 ms at most:
 *   records finished later in the same turn wait for its end (setImmediate) and go together, however many
 *   streams end. A group over 64 KiB (a burst) is never written synchronously.
 * - On the thread pool (async), the default; with synchronous writes on, for big groups, file systems
 *   without O_DSYNC, and for a while after a synchronous write was slow (a busy disk must not freeze the
 *   loop: at most one slow write per backoff, the backoff doubling while the disk stays slow). One group
 *   is written at a time: records finished while it runs wait and go together in the next group as soon
 *   as it returns (classic group commit; four at once, the default until 2026-12-03, flushed the disk
 *   twice as often in a wave of ends and waited longer for it: MAX_WRITES_IN_FLIGHT).
 *
 * Each write is durable when it returns, whatever happens to the others: a crash with the first of two
 * writes unfinished leaves its bytes as damage between whole records, which recovery skips by checksum;
 * the records of the second were acknowledged and are kept.
 *
 * Preallocation: a segment is extended with zeros ahead of its writes (PREALLOC_BYTES at a time, on the
 * thread pool, durable before any record goes there), and records are written by position into those
 * zeros: an O_DSYNC write inside the file's durable size and allocated blocks commits only its data,
 * where an append must also commit the new size and extent (measured on this disk: a 3 KB overwrite p99
 * 0.28–0.35 ms, an append 0.6–2.9 ms). A group never goes past the durable zeros: one that would waits
 * for the extension, which starts when less than half a chunk is left. The zeros after the last record
 * are free space to recovery and to a read-only view (artifactLog.ts); a segment is cut to its used
 * length when it is closed. A segment whose zeros cannot be written (a full disk) is appended to as
 * before, with a warning.
 *
 * The writer also owns the segment files: it opens the next one ahead of need (at start, and when the
 * active one is nearly full: the name fsynced in the directory, its first zeros written), so a rotation
 * costs no disk wait, and unlinks segments the index no longer points at.
 * A failed write is cut back off the file (truncate to the last whole record), reported, and its records
 * resolve `false`: nothing partial stays behind and the caller keeps the artifact in memory.
 */
import * as path from 'node:path';
import { nodeLogFs, segmentName, threadedLogFs, writeFully, type LogFile, type LogFs, type Segment } from './artifactLog';
import { WriterThread, type ThreadWriteTiming } from './artifactWriterThread';

/** Largest group written at once; more waits for the next group (bounds the copy made per write). */
const MAX_GROUP_BYTES = 16 * 1024 * 1024;

/** Groups written at the same time on the thread pool, each its own write at its own offset. One: a
 * record finished while a group is written waits for it and goes in the next, with every other record
 * finished meanwhile. Each O_DSYNC write is a write plus a flush of the disk's write-back cache (this
 * disk has no FUA), so concurrent writes are concurrent flushes, and in a wave of ends (100 streams
 * ending within ~100 ms) they made every write slower: the disk alone (storeSlots.ts, 3 KB records
 * arriving in such waves, no event loop) waited p99 2.3–9.4 ms (median round) with one write in flight
 * against 23–56 ms with four; through the gateway at a model's pace, half the flushes (~70 against
 * ~130 per 300 artifacts) and commit wait p99 55 against 67 ms pooled over 8 alternated rounds on a busy
 * disk (README, "Write slots"). Four (libuv's thread pool size) was the default before 2026-12-03: at
 * ~1,000 artifacts/s from 100 finishers its p50 was lower (0.6–1.1 ms against 1.1–7.5), as a record
 * never waited for another group's write to come back through the event loop. */
const MAX_WRITES_IN_FLIGHT = 1;

/** Groups posted to the writer thread at once (it joins those at consecutive offsets into one write);
 * a bound only so a stuck disk cannot queue without limit there. */
const THREAD_WRITES_IN_FLIGHT = 64;

/** Zeros written ahead of the write position at a time (bytes): about 1.5 ms of writing here, a few
 * seconds of ~3 KB artifacts at a model's pace, a third of a second at 1,000/s. The next extension starts
 * when half of it is left. */
const PREALLOC_BYTES = 1024 * 1024;

/** Largest group written synchronously; a larger one (a burst) goes to the thread pool, so the loop is
 * never blocked for a big write. 64 KiB: about twenty 3 KB artifacts. */
const SYNC_MAX_GROUP_BYTES = 64 * 1024;
/** Synchronous writing one loop turn may do (ms) before the turn's later records wait for its end and go
 * together: a few 0.2 ms writes at once, then one group per turn however many streams end. (Deferring
 * every record after the turn's first write made them wait for the rest of the turn's callbacks: queued
 * p99 15–110 ms at 100 streams on a starved machine, against 0.1–0.7 ms for the write itself.) */
const TURN_SYNC_BUDGET_MS = 1;
/** A synchronous write slower than this means the disk is busy (an O_DSYNC 3 KB append takes 0.15–0.5 ms
 * here): the following groups go to the thread pool for a while. */
const SLOW_SYNC_WRITE_MS = 2;
/** How long after a slow synchronous write groups go to the thread pool, doubled after each slow write
 * up to the maximum. Short at first: on a loaded machine one write in a few is "slow" because the process
 * lost its core mid-write (a daemon on tmpfs, 40 sequential streams at load 8: one such write sent 25 of the
 * 40 commits to the thread pool with a 1 s backoff); a disk that stays slow reaches the maximum after ten
 * slow writes, about two minutes. */
const ASYNC_AFTER_SLOW_MS = 100;
const MAX_ASYNC_AFTER_SLOW_MS = 60_000;

interface Pending {
  buf: Buffer;
  /** performance.now() when it was appended. */
  at: number;
  placed: (segment: Segment, offset: number) => void;
  resolve: (durable: boolean) => void;
  /** Resolved `false` at the commit wait bound (while queued or written); its write still lands later. */
  expired?: boolean;
}

/** The segment appends go to, with the writes issued to it. */
interface Active {
  segment: Segment;
  file: LogFile;
  /** Where the next group goes: past every write issued so far (some may still be running). */
  tail: number;
  /** Writes issued to it that have not returned. */
  writes: number;
  /** Zeros are durable up to here: groups go only below it (Infinity when the segment is not
   * preallocated: then each write appends, committing the file's size itself). */
  allocated: number;
  /** The extension being written (zeros past `allocated`), or null. */
  extending: Promise<void> | null;
  /** Offset of the earliest failed write not yet cut back, or -1. */
  failedAt: number;
  /** The records of failed writes: they resolve `false` once the failed bytes are cut back. */
  failed: Pending[];
}

export interface CommitStats {
  /** Groups committed (each one write + one fdatasync). */
  commits: number;
  fsyncs: number;
  records: number;
  failedRecords: number;
  /** Groups written synchronously, and those of them slower than the bound (each starts a backoff). */
  syncCommits: number;
  slowSyncWrites: number;
  /** Extensions of a segment with zeros (its first one included). */
  preallocations: number;
}

/** The counts of a writer that has written nothing (also the store's without a writer). */
export function emptyCommitStats(): CommitStats {
  return { commits: 0, fsyncs: 0, records: 0, failedRecords: 0, syncCommits: 0, slowSyncWrites: 0, preallocations: 0 };
}

export interface LogWriterOptions {
  dir: string;
  /** Number of the first segment this writer creates (one past the highest of its series on disk). */
  nextSegment: number;
  /** The writer slot whose segment series this writer appends (artifactLog.ts segmentName; 1 when unset). */
  writer?: number;
  segmentBytes: number;
  fs?: LogFs;
  warn: (message: string, kind: 'store_write_failed' | 'store') => void;
  /** A commit taking longer than this resolves its records `false` (not yet durable) with a warning, so a
   * stuck disk cannot hold a response open; the write still completes later. */
  commitWaitMs: number;
  /** Timing of each group, for the benchmark's breakdown of the commit wait (called before its records
   * resolve). */
  onCommit?: (t: CommitTrace) => void;
  /** Write small groups synchronously (the daemon's --store-sync-writes; off by default: see README,
   * "Synchronous group writes"). */
  syncWrites?: boolean;
  /** Test hooks: the bound of a fast synchronous write, the first backoff after a slow one, and the
   * clock (ms) that times synchronous writes and backoffs. */
  slowSyncWriteMs?: number;
  asyncAfterSlowMs?: number;
  now?: () => number;
  /** A segment was deleted (no live record left in it). */
  onRetired?: (segment: Segment) => void;
  /** Test hook: zeros written ahead at a time (PREALLOC_BYTES); 0 appends without preallocating. */
  preallocBytes?: number;
  /** Benchmark and test hook: groups written at once on the thread pool (MAX_WRITES_IN_FLIGHT, 1). */
  maxWritesInFlight?: number;
  /** Durable writes on a writer thread of the store's own (artifactWriterThread.ts) instead of libuv's
   * thread pool; only with the real file system (`fs` unset). */
  writerThread?: boolean;
  /** Benchmark hook: where each record write's time went on the writer thread. */
  onThreadWrite?: (t: ThreadWriteTiming) => void;
}

export interface CommitTrace {
  records: number;
  bytes: number;
  /** performance.now() of each record's append, of the group's start, and when its write returned. */
  appendedAt: number[];
  startedAt: number;
  writtenAt: number;
  /** Written synchronously (fs.writeSync, the event loop blocked for it) rather than on the thread pool. */
  sync: boolean;
  /** A preallocation (zeros) was being written at some moment of this group's write. */
  zeros: boolean;
  /** Other group writes running when this one started. */
  others: number;
}

export class LogWriter {
  private queue: Pending[] = [];
  private unlinks: Segment[] = [];
  private unlinking: Promise<void> | null = null;
  /** Opening the next segment or cutting a failed write back: no group starts meanwhile. */
  private chore: Promise<void> | null = null;
  private scheduled = false;
  /** Ends the wait of records queued behind a write slower than the bound (a stuck disk), or null. */
  private queueTimer: NodeJS.Timeout | null = null;
  private writes = 0;
  private inFlight = 0;
  /** Preallocations started, and those running (for CommitTrace.zeros). */
  private zerosStarted = 0;
  private zerosRunning = 0;
  private active: Active | null = null;
  /** The next segment, opened ahead of need (an Error when that failed: it is tried again when needed). */
  private next: Promise<Active | Error> | null = null;
  /** Segments being closed in the background after a rotation. */
  private readonly closing = new Set<Promise<void>>();
  private readonly preallocBytes: number;
  private readonly maxWrites: number;
  private idleWaiters: (() => void)[] = [];
  /** Time spent in synchronous writes in this loop turn (ms; null when none, zeroed at the turn's end by
   * setImmediate). */
  private turnSyncMs: number | null = null;
  /** Until then groups go to the thread pool (after a slow synchronous write), and the current backoff. */
  private asyncUntil = 0;
  private backoffMs = 0;
  private readonly slowSyncWriteMs: number;
  private readonly asyncAfterSlowMs: number;
  private readonly now: () => number;
  private nextNo: number;
  private readonly fs: LogFs;
  /** The writer thread, when the writes go to one (null: the thread pool). */
  readonly thread: WriterThread | null;
  readonly stats: CommitStats = emptyCommitStats();
  /** Why the last records that resolved `false` did (the error, where it happened), for the store's
   * /health problem; null until one did. */
  lastFailure: string | null = null;

  constructor(private readonly o: LogWriterOptions) {
    this.nextNo = o.nextSegment;
    this.thread = o.writerThread === true && o.fs === undefined ? new WriterThread((e) => o.warn(`${e.message}; the store writes through the thread pool from now on`, 'store_write_failed'), o.onThreadWrite) : null;
    this.fs = o.fs ?? (this.thread ? threadedLogFs(this.thread) : nodeLogFs);
    this.slowSyncWriteMs = o.slowSyncWriteMs ?? SLOW_SYNC_WRITE_MS;
    this.asyncAfterSlowMs = o.asyncAfterSlowMs ?? ASYNC_AFTER_SLOW_MS;
    this.now = o.now ?? (() => performance.now());
    this.preallocBytes = o.preallocBytes ?? PREALLOC_BYTES;
    // the writer thread groups every write posted since its last one itself: post each group at once
    this.maxWrites = o.maxWritesInFlight ?? (this.thread ? THREAD_WRITES_IN_FLIGHT : MAX_WRITES_IN_FLIGHT);
  }

  /** Opens the first segment ahead of the first record (a failure is tried again, and reported, when a
   * record needs the segment). */
  async start(): Promise<void> {
    this.next ??= this.openNext();
    await this.next;
  }

  /** Records queued or being written. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** The segment appends go to now (never deleted while active). */
  get activeSegment(): Segment | null {
    return this.active?.segment ?? null;
  }

  /**
   * Queues a framed record. `placed` runs once it is on disk, before its promise resolves; the promise
   * says whether it became durable within `commitWaitMs`.
   */
  append(buf: Buffer, placed: (segment: Segment, offset: number) => void): Promise<boolean> {
    // writes the thread finished while the loop was busy resolve now (their streams end in this turn)
    this.thread?.poll();
    return new Promise<boolean>((resolve) => {
      this.queue.push({ buf, at: performance.now(), placed, resolve });
      this.schedule();
    });
  }

  /** Deletes a segment once no record in it is live. */
  retire(segment: Segment): void {
    if (segment === this.active?.segment) return;
    this.unlinks.push(segment);
    this.schedule();
  }

  /** Resolves when everything queued so far is written (or failed) and retired segments are deleted. */
  flush(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    const a = this.active;
    const next = this.next;
    this.active = this.next = null;
    if (a) await this.closeSegment(a);
    const n = await next;
    if (n && !(n instanceof Error)) await this.closeSegment(n);
    await this.thread?.stop();
  }

  private idle(): boolean {
    return !this.scheduled && this.queue.length === 0 && this.writes === 0 && this.chore === null && this.unlinking === null && this.unlinks.length === 0 && this.closing.size === 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // a microtask, not setImmediate or a timer: records put in the same synchronous run (a burst resolved
    // together) share the group, and no record waits for an event-loop turn before its write starts
    queueMicrotask(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Starts whatever can start now; runs whenever a record is queued or a write or chore ends. */
  private pump(): void {
    if (this.unlinks.length > 0 && this.unlinking === null) this.unlinking = this.unlinkRetired().finally(() => ((this.unlinking = null), this.pump()));
    while (this.chore === null) {
      const a = this.active;
      const next = this.queue.length > 0 ? this.queue[0].buf.length : 0;
      if ((a !== null && a.failedAt >= 0) || (next > 0 && (a === null || (a.tail > 0 && a.tail + next > this.o.segmentBytes)))) {
        // a failed write is cut back, and the next segment opened, once every write to this one returned
        if (this.writes === 0) this.chore = this.prepareSegment().finally(() => ((this.chore = null), this.pump()));
        break;
      }
      if (next === 0) break;
      const sync = this.syncAllowed(a!);
      if (sync && this.turnSyncMs !== null && this.turnSyncMs >= TURN_SYNC_BUDGET_MS) break; // the rest of this turn's records go together at its end
      const { n, bytes } = this.nextGroup(a!);
      if (n === 0) break; // past the durable zeros: waits for the extension (started below)
      if (sync && bytes <= SYNC_MAX_GROUP_BYTES) this.commitSync(a!, this.queue.splice(0, n), bytes);
      else if (this.writes < this.maxWrites) this.startGroup(a!, this.queue.splice(0, n), bytes);
      else break;
    }
    if (this.chore === null && this.active !== null) this.prepareAhead(this.active);
    this.armQueueTimer();
    if (this.idle()) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** A record waiting in the queue (behind a running write) gets the same bound as one being written:
   * `commitWaitMs` after its append it resolves `false` (its response ends, saying memory-only), and it is
   * written when the disk lets it (landing late). */
  private armQueueTimer(): void {
    const oldest = this.queue.find((p) => !p.expired);
    if (oldest === undefined) {
      if (this.queueTimer !== null) clearTimeout(this.queueTimer);
      this.queueTimer = null;
      return;
    }
    if (this.queueTimer !== null) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = null;
      const now = performance.now();
      const late = this.queue.filter((p) => !p.expired && now - p.at >= this.o.commitWaitMs);
      if (late.length > 0) this.expire(late, ' queued behind a slower write');
      this.armQueueTimer();
    }, Math.max(0, oldest.at + this.o.commitWaitMs - performance.now()));
    this.queueTimer.unref();
  }

  /** Resolves records `false` at the commit wait bound, with a warning. */
  private expire(records: Pending[], where: string): void {
    this.lastFailure = `not durable within ${this.o.commitWaitMs} ms (a slow disk)`;
    this.o.warn(`${records.length} artifact(s)${where} not yet durable after ${this.o.commitWaitMs} ms (slow disk): their responses end anyway`, 'store_write_failed');
    for (const p of records) {
      p.expired = true;
      p.resolve(false);
    }
  }

  /** The next group: the records at the head of the queue that fit in one write, in the segment and in
   * its durable zeros (none when the first record does not fit in the zeros). */
  private nextGroup(a: Active): { n: number; bytes: number } {
    const room = a.tail === 0 ? Infinity : this.o.segmentBytes - a.tail;
    const zeros = a.allocated - a.tail;
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length) {
      const len = this.queue[n].buf.length;
      if (bytes + len > zeros || (n > 0 && (bytes + len > MAX_GROUP_BYTES || bytes + len > room))) break;
      bytes += len;
      n++;
    }
    return { n, bytes };
  }

  /** Keeps zeros ahead of the writes: extends the segment when the next record does not fit in them or
   * less than half a chunk is left, and opens the next segment once this one is nearly full. */
  private prepareAhead(a: Active): void {
    const need = a.tail + (this.queue.length > 0 ? this.queue[0].buf.length : 0);
    const half = this.preallocBytes / 2;
    const low = a.allocated < this.o.segmentBytes && a.allocated - a.tail < half;
    if (a.extending === null && a.allocated !== Infinity && (need > a.allocated || low)) {
      this.extend(a, Math.max(need, Math.min(a.allocated + this.preallocBytes, this.o.segmentBytes)));
    }
    if (this.next === null && a.tail + half >= this.o.segmentBytes) this.next = this.openNext();
  }

  /** Writes zeros from the segment's durable end up to `to` on the thread pool; groups past the old end
   * wait for it. A failure (a full disk) leaves the segment appended to as before, with a warning. */
  private extend(a: Active, to: number): void {
    const from = a.allocated;
    this.zerosStarted++;
    this.zerosRunning++;
    a.extending = a.file
      .preallocate(from, to - from)
      .then(
        () => {
          a.allocated = to;
          this.stats.preallocations++;
        },
        (e: Error) => {
          a.allocated = Infinity;
          this.o.warn(`could not preallocate ${to - from} bytes at offset ${from} of ${path.basename(a.segment.file)}: ${e.message}; appending to it instead`, 'store');
        },
      )
      .finally(() => {
        this.zerosRunning--;
        a.extending = null;
        this.pump();
      });
  }

  /** True when the next group may be written synchronously: the file can, and no recent synchronous
   * write was slow. */
  private syncAllowed(a: Active): boolean {
    return this.o.syncWrites === true && a.file.writeSync !== undefined && this.now() >= this.asyncUntil;
  }

  private startGroup(a: Active, group: Pending[], bytes: number): void {
    const at = a.tail;
    a.tail += bytes;
    const others = this.writes;
    a.writes++;
    this.writes++;
    this.inFlight += group.length;
    void this.commit(a, group, at, bytes, others);
  }

  /** One group written with fs.writeSync (O_DSYNC: durable when it returns), the event loop blocked for
   * it. Once a loop turn has spent its budget on such writes, its later records wait for its end
   * (setImmediate) and go together. */
  private commitSync(a: Active, group: Pending[], bytes: number): void {
    const at = a.tail;
    a.tail += bytes;
    const startedAt = performance.now();
    const clock = this.now();
    let error: Error | null = null;
    try {
      const buf = group.length === 1 ? group[0].buf : Buffer.concat(group.map((p) => p.buf), bytes);
      for (let done = 0; done < buf.length; ) {
        const n = a.file.writeSync!(done === 0 ? buf : buf.subarray(done), at + done);
        if (n <= 0) throw new Error(`short write (${done} of ${buf.length} bytes)`);
        done += n;
      }
    } catch (e) {
      error = e as Error;
    }
    const took = this.now() - clock;
    this.noteSyncWrite(took);
    if (took > this.o.commitWaitMs) {
      // the bound an async commit has cannot stop a synchronous one: say that the loop was frozen
      this.o.warn(`a synchronous write of ${group.length} artifact(s) took ${Math.round(took)} ms (slow disk), blocking the event loop; the next writes go to the thread pool for ${this.backoffMs / 1000} s`, 'store');
    }
    if (this.turnSyncMs === null) {
      this.turnSyncMs = 0;
      setImmediate(() => {
        this.turnSyncMs = null;
        this.pump();
      });
    }
    this.turnSyncMs += took;
    this.finish(a, group, at, bytes, startedAt, error, false, true, this.zerosRunning > 0, this.writes);
  }

  /** A synchronous write slower than `slowSyncWriteMs` (the disk is busy): groups go to the thread pool
   * for a backoff, twice the last one after each slow write, so a slow disk blocks the loop for one write
   * per backoff at most. Each fast write halves the backoff (below the first one: none), so a disk whose
   * slow writes come back now and then gets ever longer backoffs rather than a loop stall every second. */
  private noteSyncWrite(ms: number): void {
    if (ms <= this.slowSyncWriteMs) {
      this.backoffMs = this.backoffMs / 2 < this.asyncAfterSlowMs ? 0 : this.backoffMs / 2;
      return;
    }
    this.stats.slowSyncWrites++;
    this.backoffMs = this.backoffMs === 0 ? this.asyncAfterSlowMs : Math.min(MAX_ASYNC_AFTER_SLOW_MS, this.backoffMs * 2);
    this.asyncUntil = this.now() + this.backoffMs;
  }

  /** One group: one write (and one fdatasync unless the file is O_DSYNC) at `at`. Never rejects. */
  private async commit(a: Active, group: Pending[], at: number, bytes: number, others: number): Promise<void> {
    const startedAt = performance.now();
    const zeros0 = this.zerosStarted;
    const zerosRunning = this.zerosRunning > 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      const live = group.filter((p) => !p.expired); // those that waited in the queue past it already ended
      if (live.length > 0) this.expire(live, '');
    }, this.o.commitWaitMs);
    let error: Error | null = null;
    try {
      await writeFully(a.file, group.length === 1 ? group[0].buf : Buffer.concat(group.map((p) => p.buf), bytes), at);
      if (!a.file.dsync) await a.file.datasync();
    } catch (e) {
      error = e as Error;
    }
    clearTimeout(timer);
    a.writes--;
    this.writes--;
    this.inFlight -= group.length;
    this.finish(a, group, at, bytes, startedAt, error, timedOut, false, zerosRunning || this.zerosRunning > 0 || this.zerosStarted !== zeros0, others);
    this.pump();
  }

  private finish(a: Active, group: Pending[], at: number, bytes: number, startedAt: number, error: Error | null, timedOut: boolean, sync: boolean, zeros: boolean, others: number): void {
    if (error) {
      this.stats.failedRecords += group.length;
      if (a.failedAt < 0 || at < a.failedAt) a.failedAt = at;
      a.failed.push(...group);
      this.lastFailure = `could not write to ${path.basename(a.segment.file)}: ${error.message}`;
      this.o.warn(`could not write ${group.length} artifact(s) to ${path.basename(a.segment.file)}: ${error.message}; they are kept in memory only`, 'store_write_failed');
      return;
    }
    this.stats.fsyncs++;
    this.stats.commits++;
    if (sync) this.stats.syncCommits++;
    this.stats.records += group.length;
    a.segment.size = Math.max(a.segment.size, at + bytes);
    let offset = at;
    for (const p of group) {
      p.placed(a.segment, offset);
      offset += p.buf.length;
    }
    this.o.onCommit?.({ records: group.length, bytes, appendedAt: group.map((p) => p.at), startedAt, writtenAt: performance.now(), sync, zeros, others });
    if (!timedOut) for (const p of group) if (!p.expired) p.resolve(true);
  }

  /** With no write running: cuts failed writes back off the active segment; opens the next segment when
   * records wait and there is none, it is full, or the cut failed. A segment that cannot be opened fails
   * the group waiting for it. */
  private async prepareSegment(): Promise<void> {
    const a = this.active;
    if (a && a.failedAt >= 0 && (await this.cutBack(a))) return;
    if (a) {
      this.active = null;
      // cut to its used length and closed in the background: the next segment is ready meanwhile
      if (a.segment.live === 0 && a.segment.size > 0) this.unlinks.push(a.segment);
      const closing = this.closeSegment(a).finally(() => {
        this.closing.delete(closing);
        this.pump();
      });
      this.closing.add(closing);
    }
    if (this.queue.length === 0) return;
    const ready = await this.next;
    this.next = null;
    try {
      // opened ahead; if that failed, tried again now (and reported with the records it fails)
      this.active = ready && !(ready instanceof Error) ? ready : await this.openSegment();
    } catch (e) {
      const group = this.takeFailed();
      this.stats.failedRecords += group.length;
      this.lastFailure = `could not create a new segment: ${(e as Error).message}`;
      this.o.warn(`could not write ${group.length} artifact(s) to a new segment: ${(e as Error).message}; they are kept in memory only`, 'store_write_failed');
      for (const p of group) p.resolve(false);
    }
  }

  /** Cuts what failed writes left past the last whole record, so nothing partial stays behind. (If a
   * later write to the segment succeeded, a failed one's bytes sit between whole records: a read skips
   * them by their checksum, and they are logged.) True when the segment can take appends again; if the
   * cut itself fails the segment is abandoned, so no later record lands behind garbage. */
  private async cutBack(a: Active): Promise<boolean> {
    const name = path.basename(a.segment.file);
    await a.extending;
    const cut = Math.max(a.segment.size, a.failedAt);
    if (a.segment.size > a.failedAt) this.o.warn(`a failed write in ${name} at offset ${a.failedAt} is followed by whole records: its bytes stay there and are skipped when the log is read`, 'store');
    const failed = a.failed.splice(0);
    a.failedAt = -1;
    try {
      await a.file.truncate(cut);
      a.tail = a.segment.size = cut;
      if (a.allocated !== Infinity) a.allocated = Math.min(a.allocated, cut); // the zeros past it are gone
      return true;
    } catch (e) {
      this.o.warn(`could not cut a failed write off ${name}: ${(e as Error).message}; starting a new segment`, 'store_write_failed');
      return false;
    } finally {
      for (const p of failed) p.resolve(false);
    }
  }

  /** The records the group that could not get a segment would have held. */
  private takeFailed(): Pending[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || bytes + this.queue[n].buf.length <= MAX_GROUP_BYTES)) bytes += this.queue[n++].buf.length;
    return this.queue.splice(0, n);
  }

  /** The next segment, opened ahead: never rejects (an Error is kept, and the open tried again when a
   * record needs the segment). */
  private openNext(): Promise<Active | Error> {
    return this.openSegment().catch((e: Error) => e);
  }

  /** Creates the next segment, makes its name durable and writes its first zeros. */
  private async openSegment(): Promise<Active> {
    const no = this.nextNo++;
    const writer = this.o.writer ?? 1;
    const file = path.join(this.o.dir, segmentName(no, writer));
    let handle: LogFile;
    try {
      handle = await this.fs.open(file, 'wx');
    } catch (e) {
      this.nextNo = no; // nothing was created: the number is free for the next try
      throw e;
    }
    try {
      // a new segment's name must be durable too, or a crash could lose the file with its records
      await this.fs.syncDir(this.o.dir);
    } catch (e) {
      await handle.close().catch(() => undefined);
      await this.fs.unlink(file).catch(() => undefined);
      this.nextNo = no;
      throw e;
    }
    const a: Active = { segment: { writer, no, file, size: 0, live: 0 }, file: handle, tail: 0, allocated: Infinity, extending: null, writes: 0, failedAt: -1, failed: [] };
    if (this.preallocBytes > 0) {
      a.allocated = 0;
      this.extend(a, Math.min(this.preallocBytes, this.o.segmentBytes));
      await a.extending;
    }
    return a;
  }

  /** Closes a segment no longer appended to: cut to its used length (the zeros past its last record are
   * of no use any more), or deleted when it never held a record. */
  private async closeSegment(a: Active): Promise<void> {
    const name = path.basename(a.segment.file);
    await a.extending;
    try {
      if (a.segment.size > 0 && a.allocated !== Infinity) await a.file.truncate(a.segment.size);
    } catch (e) {
      this.o.warn(`could not cut ${name} to its used length: ${(e as Error).message} (the zeros past it are read as free space)`, 'store');
    }
    await a.file.close().catch((e: Error) => this.o.warn(`could not close ${name}: ${e.message}`, 'store'));
    if (a.segment.size === 0 && a.segment.live === 0) await this.fs.unlink(a.segment.file).catch((e: Error) => this.o.warn(`could not delete ${name}: ${e.message}`, 'store'));
  }

  private async unlinkRetired(): Promise<void> {
    while (this.unlinks.length > 0) {
      const seg = this.unlinks.shift()!;
      if (seg.live === 0 && seg !== this.active?.segment) {
        try {
          await this.fs.unlink(seg.file);
          this.o.onRetired?.(seg);
        } catch (e) {
          this.o.warn(`could not delete ${path.basename(seg.file)}: ${(e as Error).message}`, 'store');
        }
      }
    }
  }
}
