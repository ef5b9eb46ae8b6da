/**
 * Group commit for the artifact log: records appended while a commit is running wait and go together in
 * the next one — one write and one fdatasync for the whole group — so the cost of durability is shared
 * by every artifact finished in the same few milliseconds. When idle, a record is committed at once (after
 * the current tick, so records of the same tick still share it): no timer adds latency at low load.
 *
 * The writer also owns the segment files: it opens the next one when the active one is full (and fsyncs
 * the directory so the new name survives a crash), and unlinks segments the index no longer points at.
 * A failed write is cut back off the file (truncate to the last whole record), reported, and its records
 * resolve `false`: nothing partial stays behind and the caller keeps the artifact in memory.
 */
import * as path from 'node:path';
import { nodeLogFs, segmentName, writeFully, type LogFile, type LogFs, type Segment } from './artifactLog';

/** Largest group written at once; more waits for the next group (bounds the copy made per write). */
const MAX_GROUP_BYTES = 16 * 1024 * 1024;

interface Pending {
  buf: Buffer;
  placed: (segment: Segment, offset: number) => void;
  resolve: (durable: boolean) => void;
}

export interface CommitStats {
  /** Groups committed (each one write + one fdatasync). */
  commits: number;
  fsyncs: number;
  records: number;
  failedRecords: number;
}

export interface LogWriterOptions {
  dir: string;
  /** Number of the first segment this writer creates (one past the highest on disk). */
  nextSegment: number;
  segmentBytes: number;
  fs?: LogFs;
  warn: (message: string, kind: 'store_write_failed' | 'store') => void;
  /** A commit taking longer than this resolves its records `false` (not yet durable) with a warning, so a
   * stuck disk cannot hold a response open; the write still completes later. */
  commitWaitMs: number;
}

export class LogWriter {
  private queue: Pending[] = [];
  private unlinks: Segment[] = [];
  private running: Promise<void> | null = null;
  private inFlight = 0;
  private active: { segment: Segment; file: LogFile } | null = null;
  private nextNo: number;
  private readonly fs: LogFs;
  readonly stats: CommitStats = { commits: 0, fsyncs: 0, records: 0, failedRecords: 0 };

  constructor(private readonly o: LogWriterOptions) {
    this.nextNo = o.nextSegment;
    this.fs = o.fs ?? nodeLogFs;
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
   * Queues a framed record. `placed` runs (synchronously, before any other record is committed) once it
   * is on disk; the promise says whether it became durable within `commitWaitMs`.
   */
  append(buf: Buffer, placed: (segment: Segment, offset: number) => void): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.queue.push({ buf, placed, resolve });
      this.kick();
    });
  }

  /** Deletes a segment once no record in it is live (after the writes queued before). */
  retire(segment: Segment): void {
    if (segment === this.active?.segment) return;
    this.unlinks.push(segment);
    this.kick();
  }

  /** Resolves when everything queued so far is written (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    await this.flush();
    const a = this.active;
    this.active = null;
    if (a) await a.file.close().catch((e: Error) => this.o.warn(`could not close ${path.basename(a.segment.file)}: ${e.message}`, 'store'));
  }

  private kick(): void {
    if (this.running) return;
    // setImmediate, not a microtask: records put in the same tick (a burst of finished streams) join it
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** The one loop that touches the files. Clears `running` in the same tick it finds nothing to do. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.unlinks.length > 0) {
        const seg = this.unlinks.shift()!;
        if (seg.live === 0 && seg !== this.active?.segment) {
          await this.fs.unlink(seg.file).catch((e: Error) => this.o.warn(`could not delete ${path.basename(seg.file)}: ${e.message}`, 'store'));
        }
        continue;
      }
      if (this.queue.length === 0) {
        this.running = null;
        return;
      }
      const group = this.takeGroup();
      this.inFlight = group.length;
      await this.commit(group);
    }
  }

  private takeGroup(): Pending[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || bytes + this.queue[n].buf.length <= MAX_GROUP_BYTES)) bytes += this.queue[n++].buf.length;
    return this.queue.splice(0, n);
  }

  private async commit(group: Pending[]): Promise<void> {
    const bytes = group.reduce((n, p) => n + p.buf.length, 0);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.o.warn(`${group.length} artifact(s) not yet durable after ${this.o.commitWaitMs} ms (slow disk): their responses end anyway`, 'store_write_failed');
      for (const p of group) p.resolve(false);
    }, this.o.commitWaitMs);
    let target: { segment: Segment; file: LogFile } | null = null;
    try {
      target = await this.segmentFor(bytes);
      const at = target.segment.size;
      await writeFully(target.file, group.length === 1 ? group[0].buf : Buffer.concat(group.map((p) => p.buf), bytes), at);
      if (!target.file.dsync) await target.file.datasync();
      this.stats.fsyncs++;
      this.stats.commits++;
      this.stats.records += group.length;
      let offset = at;
      for (const p of group) {
        p.placed(target.segment, offset);
        offset += p.buf.length;
      }
      target.segment.size = offset;
      this.inFlight = 0;
      clearTimeout(timer);
      if (!timedOut) for (const p of group) p.resolve(true);
    } catch (e) {
      clearTimeout(timer);
      this.inFlight = 0;
      this.stats.failedRecords += group.length;
      const where = target ? path.basename(target.segment.file) : 'a new segment';
      this.o.warn(`could not write ${group.length} artifact(s) to ${where}: ${(e as Error).message}; they are kept in memory only`, 'store_write_failed');
      if (target) await this.cutBack(target);
      for (const p of group) p.resolve(false);
    }
  }

  /** Removes whatever a failed write left past the last whole record; if even that fails, the segment is
   * abandoned (the next write opens a new one) so no later record lands behind the garbage. */
  private async cutBack(target: { segment: Segment; file: LogFile }): Promise<void> {
    try {
      await target.file.truncate(target.segment.size);
    } catch (e) {
      this.o.warn(`could not cut a failed write off ${path.basename(target.segment.file)}: ${(e as Error).message}; starting a new segment`, 'store_write_failed');
      if (this.active === target) this.active = null;
      await target.file.close().catch(() => undefined);
    }
  }

  private async segmentFor(bytes: number): Promise<{ segment: Segment; file: LogFile }> {
    const a = this.active;
    if (a && (a.segment.size === 0 || a.segment.size + bytes <= this.o.segmentBytes)) return a;
    if (a) {
      this.active = null;
      await a.file.close().catch((e: Error) => this.o.warn(`could not close ${path.basename(a.segment.file)}: ${e.message}`, 'store'));
      if (a.segment.live === 0) this.unlinks.push(a.segment);
    }
    const no = this.nextNo++;
    const file = path.join(this.o.dir, segmentName(no));
    const handle = await this.fs.open(file, 'wx');
    try {
      await this.fs.syncDir(this.o.dir);
    } catch (e) {
      await handle.close().catch(() => undefined);
      await this.fs.unlink(file).catch(() => undefined);
      throw e;
    }
    this.active = { segment: { no, file, size: 0, live: 0 }, file: handle };
    return this.active;
  }
}
