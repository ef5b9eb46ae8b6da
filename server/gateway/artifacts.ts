/**
 * The artifact store: every gateway request's record, bounded by count and bytes (oldest dropped first),
 * durable in a data directory before the response that produced it ends.
 *
 * On disk it is an append-only log of checksummed records in segment files (artifactLog.ts) written with
 * group commit (artifactCommit.ts); in memory it is an index by id with each artifact's summary (model,
 * mode, status, time) and its place in the log, so listings and filters never touch the disk and `get`
 * reads one record. Until its record is on disk (and for a store without a directory) the artifact
 * itself is kept in memory. `put` returns a promise that resolves once the record is durable: the
 * gateway awaits it before sending the last bytes of a response.
 *
 * At open: segments are scanned, a torn tail (a write a crash cut short) is cut off and logged, records
 * whose checksum fails are skipped and logged, segments with no live record are deleted, and a directory
 * in the old one-file-per-artifact layout is migrated. A directory another live daemon holds is listed
 * read-only (refreshed as it is listed) while this store keeps its own artifacts in memory.
 *
 * Example:
 *   const store = await ArtifactStore.open({ dir: '/tmp/sfx', maxCount: 500 });
 *   await store.put(artifact);         // true: on disk
 *   await store.get(artifact.id);      // the artifact
 *   await store.close();
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { artifactSummary, matchesQuery, SCHEMA_VERDICTS, type SchemaVerdict, type Artifact, type ArtifactQuery, type ArtifactStatus, type ArtifactSummary, type AppliedMode } from '../../shared/protocol';
import { emptyCommitStats, LogWriter, type CommitStats, type CommitTrace } from './artifactCommit';
import { readLegacy } from './artifactLegacy';
import { lockDir, lockFileOf, unlockDir } from './artifactLock';
import type { ThreadWriteTiming } from './artifactWriterThread';
import { encodeRecord, listSegments, readRecord, recordBytes, scanSegment, type LogFs, type ScannedRecord, type Segment } from './artifactLog';
import { trimArtifact } from './artifactTrim';
import { forgetMemoryOnly } from './memoryOnly';

export { LOCK_FILE } from './artifactLock';

export const DEFAULT_MAX_COUNT = 1000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Default per-artifact bound (capped by maxBytes): one artifact may not push out more than a quarter. */
export const DEFAULT_MAX_ARTIFACT_BYTES = 16 * 1024 * 1024;
/** Segment size: small enough that a dead segment frees space soon, big enough to keep the file count low. */
const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;
const DEFAULT_COMMIT_WAIT_MS = 5_000;
/** Warnings kept for /health and tests; older ones are dropped so a broken disk can't grow memory. */
const MAX_WARNINGS = 100;
/** A read-only view is rescanned at most this often, when listed. */
const VIEW_REFRESH_MS = 1_000;

/** Ids are validated once here and in the log's scan: a safe alphabet, bounded length. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export type ArtifactStoreErrorCode = 'INVALID_ID' | 'INVALID_OPTIONS' | 'DIR_UNUSABLE';

export class ArtifactStoreError extends Error {
  constructor(
    readonly code: ArtifactStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArtifactStoreError';
  }
}

export interface ArtifactStoreOptions {
  /** Directory to persist in; null keeps artifacts in memory only. Created if missing. */
  dir: string | null;
  maxCount?: number;
  maxBytes?: number;
  /** Largest artifact stored whole (bytes of JSON); a larger one is stored cut, with a marker. */
  maxArtifactBytes?: number;
  /** Every warning as it happens (the daemon logs and counts them); also counted in `stats` and kept in
   * `warnings`. */
  onWarning?: (message: string, kind: StoreWarningKind) => void;
  /** Expected events a user should still see, as one line each (the daemon logs them at info): a
   * segment deleted because eviction left none of its artifacts; in a memory-only store, every
   * `maxCount` evictions. Evictions are counted in `stats().evicted` (streamfix_artifacts_evicted_total). */
  onNotice?: (message: string) => void;
  /** The store stopped keeping its artifacts on disk (`durable` false: a write failed or was too slow, so
   * from that artifact on they are kept in memory only) or started again (true: a write succeeded after
   * such failures); `id` is the artifact whose write decided, `message` says it for the log, `problem` is
   * the store's problem() after it. Not called for a store that never writes (no directory, or one another
   * daemon holds: problem() says so from the start). Also called, with `late: true`, for every artifact whose
   * write landed after its response had said memory-only (too slow): it is on disk after all (no longer
   * memoryOnly), `durable` says whether that ended the run (true) or a later write still failed (false). */
  onDurableChange?: (change: { durable: boolean; message: string; id: string; problem: string | null; late?: true }) => void;
  /** Test hooks: the file calls the writer makes, the segment size, the commit wait bound, the bound of a
   * fast synchronous write, the first backoff after a slow one and the clock that times them
   * (artifactCommit.ts). */
  fs?: LogFs;
  segmentBytes?: number;
  /** Zeros written ahead of the log's writes at a time (artifactCommit.ts; 0: plain appends). */
  preallocBytes?: number;
  /** Benchmark and test hook: groups written at once on the thread pool (artifactCommit.ts; 1 unless set). */
  maxWritesInFlight?: number;
  commitWaitMs?: number;
  /** Small groups written with fs.writeSync on the event loop instead of the thread pool (artifactCommit.ts;
   * off by default). */
  syncWrites?: boolean;
  /** Durable writes on a writer thread of the store's own instead of libuv's thread pool
   * (artifactWriterThread.ts). */
  writerThread?: boolean;
  /** Benchmark hook: where each record write's time went on the writer thread. */
  onThreadWrite?: (t: ThreadWriteTiming) => void;
  slowSyncWriteMs?: number;
  asyncAfterSlowMs?: number;
  now?: () => number;
  /** Benchmark hook: the timing of each group commit. */
  onCommit?: (t: CommitTrace) => void;
}

/** What a warning is about: the daemon's warning kinds (warnings.ts; the label of streamfix_warnings_total). */
export type StoreWarningKind = 'store_write_failed' | 'artifact_truncated' | 'store';

export interface ArtifactStoreStats {
  count: number;
  bytes: number;
  dir: string | null;
  maxCount: number;
  maxBytes: number;
  maxArtifactBytes: number;
  /** Records queued or being committed. */
  pendingWrites: number;
  /** Warnings since open (failed writes, cut artifacts, recoveries, …); the text is in `warnings`. */
  warnings: number;
  failedWrites: number;
  truncated: number;
  evicted: number;
  /** Group commits done and fsyncs they cost. */
  commits: number;
  fsyncs: number;
  /** Of the commits, those written synchronously (on the event loop), and the synchronous writes slower
   * than the bound that sent the following groups to the thread pool for a backoff (artifactCommit.ts). */
  syncCommits: number;
  slowSyncWrites: number;
  /** Zeros written ahead of the records (each extension of a segment, its first one included). */
  preallocations: number;
  /** The directory other daemons hold, listed read-only while this store keeps its own artifacts in memory
   * (null when this store writes to its directory). */
  readOnly: { dir: string; count: number } | null;
  /** This store's writer slot in its directory (1: `daemon.lock` and `artifacts-NNNNNNNN.log`; k:
   * `daemon-k.lock` and `artifacts-k-NNNNNNNN.log`) and the artifacts of the other writers (daemons of
   * other editor windows) it lists read-only; null when it writes to no directory. */
  writer: { number: number; lock: string; others: number } | null;
  /** True while artifacts are written to disk: a directory this store owns, and the last write to it
   * succeeded. False without a directory, in a directory it cannot be a writer of, and from a failed (or too
   * slow) write until the next one succeeds. */
  durable: boolean;
  /** Since the first of a run of artifacts that could not be made durable (each answered with
   * `x-streamfix-artifact: memory-only`), until a write succeeds: when it started, how many, and why the
   * last one failed. Null while writes succeed. */
  memoryOnly: MemoryOnlyRun | null;
}

/** A run of artifacts kept in memory only although the store writes to disk (ArtifactStoreStats.memoryOnly). */
export interface MemoryOnlyRun {
  since: string;
  count: number;
  cause: string;
}

/** The run as the store tracks it: also the order of its latest failed put, and how many of its writes
 * landed late (on disk after all). */
interface Run extends MemoryOnlyRun {
  lastOrder: number;
  late: number;
}

/** True when `id` can be used as an artifact id. */
export function isValidArtifactId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

interface Entry {
  summary: ArtifactSummary;
  /** Insertion order, persisted so the newest-first listing is the same after a restart. */
  seq: number;
  /** Size of the framed record: what the byte bound counts. */
  bytes: number;
  /** Where the record is (null until it is on disk, and always in a memory-only store). */
  segment: Segment | null;
  offset: number;
  /** The artifact while it is not on disk. */
  artifact: Artifact | null;
}

type Role = 'memory' | 'disk' | 'view';

export class ArtifactStore {
  /** Map iteration order = insertion order = oldest first; eviction takes from the front. */
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  private nextSeq = 1;
  private closed = false;
  private writer: LogWriter | null = null;
  /** Another daemon's directory, listed read-only. */
  private view: ArtifactStore | null = null;
  /** For a view: the segments scanned, by file, with how far. */
  private readonly scanned = new Map<string, Segment>();
  /** The writer slot whose segments this store appends (null: none); a view lists every other one's. */
  private writerNo: number | null = null;
  private lastRefresh = 0;
  private refreshing: Promise<void> | null = null;
  private readonly warningList: string[] = [];
  private readonly counts = { warnings: 0, failedWrites: 0, truncated: 0, evicted: 0 };
  /** Artifacts kept in memory only since the last durable write (null while writes succeed). */
  private memoryOnlyRun: Run | null = null;
  /** Why this store writes nothing though it was given a directory (eight live daemons hold its writer slots, another store of this process holds it, or its lock cannot be created). */
  private lockProblem: string | null = null;
  /** Puts numbered in order, so a write that lands late can tell whether a later one failed. */
  private putOrder = 0;

  private constructor(
    readonly dir: string | null,
    private readonly role: Role,
    readonly maxCount: number,
    readonly maxBytes: number,
    readonly maxArtifactBytes: number,
    private readonly options: ArtifactStoreOptions,
  ) {}

  /** Opens a store, loading (and recovering) what `dir` holds. */
  static async open(options: ArtifactStoreOptions): Promise<ArtifactStore> {
    const maxCount = options.maxCount ?? DEFAULT_MAX_COUNT;
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isInteger(maxCount) || maxCount < 1) {
      throw new ArtifactStoreError('INVALID_OPTIONS', `maxCount must be a positive integer, got ${maxCount}`);
    }
    if (!Number.isFinite(maxBytes) || maxBytes < 1) {
      throw new ArtifactStoreError('INVALID_OPTIONS', `maxBytes must be a positive number, got ${maxBytes}`);
    }
    const perArtifact = Math.min(options.maxArtifactBytes ?? DEFAULT_MAX_ARTIFACT_BYTES, maxBytes);
    if (!Number.isFinite(perArtifact) || perArtifact < 1) {
      throw new ArtifactStoreError('INVALID_OPTIONS', `maxArtifactBytes must be a positive number, got ${options.maxArtifactBytes}`);
    }
    const make = (dir: string | null, role: Role) => new ArtifactStore(dir, role, maxCount, maxBytes, perArtifact, options);
    if (options.dir === null) return make(null, 'memory');
    const dir = path.resolve(options.dir);
    try {
      await fsp.mkdir(dir, { recursive: true });
    } catch (err) {
      throw new ArtifactStoreError('DIR_UNUSABLE', `Cannot create artifact directory ${dir}: ${(err as Error).message}`);
    }
    const lock = await lockDir(dir);
    if (!lock.held) {
      const store = make(null, 'memory');
      store.lockProblem = `${lock.why}: this daemon keeps its artifacts in memory only (lost at a restart) and lists the directory's read-only`;
      store.warn(`${lock.why}: this daemon keeps its artifacts in memory only and lists the ones on disk read-only`, 'store');
      store.view = make(dir, 'view');
      await store.view.scanView();
      return store;
    }
    const store = make(dir, 'disk');
    store.writerNo = lock.writer;
    if (lock.tookOver) store.warn(lock.tookOver, 'store');
    try {
      await store.load();
      // the other writers' segments (daemons of other editor windows), listed read-only
      store.view = make(dir, 'view');
      store.view.writerNo = lock.writer;
      await store.view.scanView();
    } catch (err) {
      await store.writer?.close().catch(() => undefined);
      await unlockDir(dir);
      throw err instanceof ArtifactStoreError ? err : new ArtifactStoreError('DIR_UNUSABLE', `Cannot read artifact directory ${dir}: ${(err as Error).message}`);
    }
    return store;
  }

  /** Warnings recorded (newest last, at most 100 kept). */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /**
   * Stores an artifact (replacing one with the same id, which keeps its place in the listing). The
   * promise resolves true once it is durable, false when it stays in memory only (no directory, a failed
   * or too slow write: each said in a warning); it never rejects. Throws ArtifactStoreError INVALID_ID
   * for an id that is not a safe name. An artifact over maxArtifactBytes is stored cut (artifactTrim.ts).
   */
  put(artifact: Artifact): Promise<boolean> {
    if (!isValidArtifactId(artifact?.id)) {
      throw new ArtifactStoreError(
        'INVALID_ID',
        `Invalid artifact id ${JSON.stringify(String(artifact?.id)).slice(0, 80)}: use 1-128 of A-Z a-z 0-9 _ -`,
      );
    }
    const id = artifact.id;
    // the listing counts what the answer had (its repairs), not what the cut copy keeps
    const summary = summarize(artifact);
    let text = JSON.stringify(artifact);
    if (text.length > this.maxArtifactBytes / 3 && Buffer.byteLength(text) > this.maxArtifactBytes) {
      const original = Buffer.byteLength(text);
      ({ artifact, text } = trimArtifact(artifact, text, this.maxArtifactBytes));
      this.counts.truncated++;
      this.warn(`artifact ${id} is ${original} bytes, over the per-artifact bound of ${this.maxArtifactBytes}: stored cut to ${Buffer.byteLength(text)} bytes (head and tail kept, marked)`, 'artifact_truncated');
    }
    const previous = this.entries.get(id);
    const seq = previous?.seq ?? this.nextSeq++;
    const summaryText = JSON.stringify({ seq, ...summary });
    const persist = this.writer !== null && !this.closed;
    const record = persist ? encodeRecord(summaryText, text) : null;
    const entry: Entry = { summary, seq, bytes: record ? record.length : recordBytes(summaryText, text), segment: null, offset: 0, artifact };
    this.insert(id, entry);
    if (!record) {
      if (this.closed && this.role === 'disk') this.warn(`artifact ${id} stored after close: memory only`);
      return Promise.resolve(false);
    }
    const writer = this.writer!;
    const order = ++this.putOrder;
    /** Set once the put has resolved (false: its response said memory-only). */
    let resolved: boolean | null = null;
    return writer
      .append(record, (segment, offset) => {
        const current = this.entries.get(id) === entry; // else replaced or evicted while it was being written
        if (current) {
          entry.segment = segment;
          entry.offset = offset;
          entry.artifact = null;
          segment.live++;
          // its response may have said memory-only (a slow write): it is served as on disk from now on
          forgetMemoryOnly(this, id);
        }
        // a write that lands after its response said memory-only (slower than commitWaitMs): on disk after all
        if (resolved === false) this.noteLate(id, order);
      })
      .then((durable) => {
        resolved = durable;
        this.noteOutcome(id, durable, writer.lastFailure, order);
        return durable;
      });
  }

  /** What /health lists about the store, or null when it keeps every artifact as it promises (on disk, or
   * no directory was given): a run of artifacts kept in memory only since a write failed, or a directory
   * it cannot be a writer of (its lock refused). */
  problem(): string | null {
    const run = this.memoryOnlyRun;
    if (run) return `${run.count} artifact(s) kept in memory only since ${run.since} (each answered with x-streamfix-artifact: memory-only; lost at a restart): ${run.cause}`;
    return this.lockProblem;
  }

  /** A write's outcome: the first failure starts a run of memory-only artifacts (said once, through
   * onDurableChange), further ones count in it, and the next durable write ends it. */
  private noteOutcome(id: string, durable: boolean, cause: string | null, order: number): void {
    const run = this.memoryOnlyRun;
    if (durable) {
      if (run === null) return;
      this.memoryOnlyRun = null;
      const message = `artifact ${id} was written to disk: artifacts are durable again (the ${run.count} kept in memory only since ${run.since} are not on disk and are lost at a restart)`;
      this.options.onDurableChange?.({ durable: true, message, id, problem: this.problem() });
      return;
    }
    if (this.closed) return;
    const why = cause ?? 'the write failed';
    if (run !== null) {
      run.count++;
      run.cause = why;
      run.lastOrder = Math.max(run.lastOrder, order);
      return;
    }
    this.memoryOnlyRun = { since: new Date().toISOString(), count: 1, cause: why, lastOrder: order, late: 0 };
    const message = `artifacts are kept in memory only from artifact ${id} on (${why}); /health says "degraded" until a write to disk succeeds`;
    this.options.onDurableChange?.({ durable: false, message, id, problem: this.problem() });
  }

  /** A write whose put had resolved false (too slow: its response said memory-only) landed: that artifact
   * is on disk after all. It counts in the run, and ends it when no later put failed (the disk works
   * again: the same proof as the next durable write's). */
  private noteLate(id: string, order: number): void {
    if (this.closed) return;
    const run = this.memoryOnlyRun;
    if (run !== null) run.late++;
    if (run !== null && order < run.lastOrder) {
      // a later write failed too: the run goes on, but this artifact is on disk (said, so the editor's
      // listing drops its memory-only mark)
      const message = `artifact ${id} reached the disk after its response had said memory-only (a slow write); still degraded: a later write failed`;
      this.options.onDurableChange?.({ durable: false, message, id, problem: this.problem(), late: true });
      return;
    }
    this.memoryOnlyRun = null;
    const message =
      run === null
        ? `artifact ${id} reached the disk after its response had said memory-only (a slow write)`
        : `artifact ${id} reached the disk after its response had said memory-only (a slow write): artifacts are durable again (${run.late} of the ${run.count} answered memory-only since ${run.since} reached the disk late; any other is not on disk and is lost at a restart)`;
    this.options.onDurableChange?.({ durable: true, message, id, problem: this.problem(), late: true });
  }

  /** True when artifact `id` is kept and its record is on disk (written by this store). */
  onDisk(id: string): boolean {
    return this.entries.get(id)?.segment != null;
  }

  /** True while artifacts are written to disk (a directory this daemon owns, not closed): a `put` that
   * resolves false then means a failed or too slow write, not a store that keeps none on disk. */
  get persistent(): boolean {
    return this.writer !== null && !this.closed;
  }

  /** True when this store was given a directory to keep its artifacts in and is not closed: it writes them
   * there, or it would but it cannot be a writer of the directory (its lock refused). A `put` that resolves false then means an
   * artifact the daemon was asked to keep on disk and did not (x-streamfix-artifact: memory-only). */
  get promisesDurability(): boolean {
    return this.persistent || (this.lockProblem !== null && !this.closed);
  }

  /** The artifact with this id (from this store, else from the read-only view), or undefined. */
  async get(id: string): Promise<Artifact | undefined> {
    const e = this.entries.get(id);
    if (e) return e.artifact ?? this.readEntry(id, e);
    if (!this.view) return undefined;
    // another writer's artifact finished since the last scan: rescanned now (one scan at a time)
    if (!this.view.entries.has(id)) await this.view.rescan();
    return this.view.get(id);
  }

  /** Summaries, newest first: the newest `limit` (default all; below 1, none) of those matching `query`
   * (by status, model and mode, from the in-memory index: no disk read). */
  list(limit?: number, query: ArtifactQuery = {}): ArtifactSummary[] {
    const max = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
    const own = this.newest(max, query);
    if (!this.view) return own;
    this.view.refreshSoon();
    const others = this.view.newestByTime(max, query);
    if (others.length === 0) return own;
    // several writers, several sequence spaces: merged by time, each list keeping its own order
    const out: ArtifactSummary[] = [];
    let i = 0;
    let j = 0;
    while (out.length < max && (i < own.length || j < others.length)) {
      if (j >= others.length || (i < own.length && own[i].createdAt >= others[j].createdAt)) out.push(own[i++]);
      else out.push(others[j++]);
    }
    return out;
  }

  /** A view's: its writers' sequence spaces differ, so by time (newest first; in scan order on a tie). */
  private newestByTime(max: number, query: ArtifactQuery): ArtifactSummary[] {
    if (max <= 0) return [];
    const all: ArtifactSummary[] = [];
    for (const e of this.entries.values()) if (matchesQuery(e.summary, query)) all.push(e.summary);
    return all.reverse().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, max);
  }

  private newest(max: number, query: ArtifactQuery): ArtifactSummary[] {
    const out: ArtifactSummary[] = [];
    if (max <= 0) return out;
    const all = [...this.entries.values()];
    for (let i = all.length - 1; i >= 0 && out.length < max; i--) if (matchesQuery(all[i].summary, query)) out.push(all[i].summary);
    return out;
  }

  stats(): ArtifactStoreStats {
    const c: CommitStats = this.writer?.stats ?? emptyCommitStats();
    return {
      count: this.entries.size,
      bytes: this.totalBytes,
      dir: this.dir,
      maxCount: this.maxCount,
      maxBytes: this.maxBytes,
      maxArtifactBytes: this.maxArtifactBytes,
      pendingWrites: this.writer?.pending ?? 0,
      warnings: this.counts.warnings,
      failedWrites: c.failedRecords,
      truncated: this.counts.truncated,
      evicted: this.counts.evicted,
      commits: c.commits,
      fsyncs: c.fsyncs,
      syncCommits: c.syncCommits,
      slowSyncWrites: c.slowSyncWrites,
      preallocations: c.preallocations,
      readOnly: this.view && this.role === 'memory' ? { dir: this.view.dir!, count: this.view.entries.size } : null,
      writer: this.writerNo !== null && this.writer !== null ? { number: this.writerNo, lock: lockFileOf(this.writerNo), others: this.view?.entries.size ?? 0 } : null,
      durable: this.persistent && this.memoryOnlyRun === null,
      memoryOnly: this.memoryOnlyRun === null ? null : { since: this.memoryOnlyRun.since, count: this.memoryOnlyRun.count, cause: this.memoryOnlyRun.cause },
    };
  }

  /** Resolves when every put so far is on disk (or failed with a warning). */
  async flush(): Promise<void> {
    await this.writer?.flush();
  }

  /** Flushes and stops persisting; later puts stay in memory only. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.refreshing;
    await this.view?.close();
    if (this.writer) {
      await this.writer.close();
      await unlockDir(this.dir!);
    }
  }

  /** Records a warning: counted, kept for /health, and passed to `onWarning`. */
  warn(message: string, kind: StoreWarningKind = 'store'): void {
    this.counts.warnings++;
    this.warningList.push(message);
    if (this.warningList.length > MAX_WARNINGS) this.warningList.shift();
    this.options.onWarning?.(message, kind);
  }

  // ---- internals ----

  private insert(id: string, entry: Entry): void {
    const previous = this.entries.get(id);
    if (previous) {
      this.totalBytes -= previous.bytes;
      this.release(previous);
    }
    this.entries.set(id, entry);
    this.totalBytes += entry.bytes;
    this.evict(id);
  }

  private evict(keep: string): void {
    // a view lists what the other writers keep on disk: their own bounds decide, and a segment they delete
    // leaves the view at its next scan
    if (this.role === 'view') return;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxCount && this.totalBytes <= this.maxBytes) break;
      if (id === keep) continue; // the one just put fits on its own (maxArtifactBytes <= maxBytes)
      this.entries.delete(id);
      this.totalBytes -= entry.bytes;
      this.counts.evicted++;
      this.release(entry);
      // a store on disk says so per deleted segment (writer's onRetired); one in memory per maxCount
      if (this.role === 'memory' && this.counts.evicted % this.maxCount === 1 % this.maxCount) {
        this.notice(`at its bound (${this.bounds()}): the oldest artifacts are dropped; ${this.counts.evicted} evicted since start`);
      }
    }
  }

  private bounds(): string {
    return `${this.maxCount} artifacts, ${this.maxBytes} bytes`;
  }

  private notice(message: string): void {
    this.options.onNotice?.(message);
  }

  /** The entry no longer points at its record: a segment left without live records is deleted. */
  private release(entry: Entry): void {
    const seg = entry.segment;
    if (seg === null) return;
    entry.segment = null;
    if (--seg.live === 0 && this.writer) this.writer.retire(seg);
  }

  private async readEntry(id: string, e: Entry): Promise<Artifact | undefined> {
    const seg = e.segment;
    if (seg === null) return undefined;
    try {
      return JSON.parse(await readRecord(seg.file, e.offset, e.bytes)) as Artifact;
    } catch (err) {
      if (this.entries.get(id) !== e) return undefined; // evicted while being read
      if (this.role === 'view' && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // its owner deleted the segment
      this.warn(`could not read artifact ${id}: ${(err as Error).message}`, 'store');
      return undefined;
    }
  }

  private addScanned(r: ScannedRecord): void {
    const { seq, ...rest } = r.summary;
    const summary: ArtifactSummary = {
      id: rest.id,
      createdAt: rest.createdAt,
      model: rest.model,
      mode: rest.mode as AppliedMode,
      status: rest.status as ArtifactStatus,
      repairs: rest.repairs,
      totalMs: rest.totalMs,
      // a record stored before the field has none: not known, listed as null
      schema: (SCHEMA_VERDICTS as readonly unknown[]).includes(rest.schema) ? (rest.schema as SchemaVerdict) : null,
      ...(typeof rest.schemaError === 'string' ? { schemaError: rest.schemaError } : {}),
    };
    r.segment.live++;
    this.insert(summary.id, { summary, seq, bytes: r.bytes, segment: r.segment, offset: r.offset, artifact: null });
    this.nextSeq = Math.max(this.nextSeq, seq + 1);
  }

  /** Start-up of an owned directory: scan and recover the segments, migrate the old layout, start the writer. */
  private async load(): Promise<void> {
    const dir = this.dir!;
    const segments: { seg: Segment; hadRecords: boolean }[] = [];
    const own = this.writerNo ?? 1;
    for (const { writer, no, file } of await listSegments(dir, (w) => w === own)) {
      const seg: Segment = { writer, no, file, size: 0, live: 0 };
      const r = await scanSegment(seg, 0);
      for (const p of r.problems) this.warn(`recovery: ${p}`, 'store');
      for (const rec of r.records) this.addScanned(rec);
      seg.size = r.end;
      // a zero tail is the segment's preallocated free space: cut quietly (appends go to a new segment)
      if (r.tornBytes + r.freeBytes > 0) await fsp.truncate(file, r.end);
      if (r.tornBytes > 0) this.warn(`recovery: ${path.basename(file)} ended in ${r.tornBytes} bytes of an unfinished write (a crash); cut at offset ${r.end}`, 'store');
      segments.push({ seg, hadRecords: r.records.length > 0 });
    }
    for (const { seg, hadRecords } of segments) {
      if (seg.live > 0) continue;
      await fsp.rm(seg.file, { force: true });
      // a segment that never held a record (created ahead of its first write) goes without a word
      if (hadRecords) this.notice(`deleted ${path.basename(seg.file)} at start-up: none of its artifacts is kept (the oldest are dropped at the bound of ${this.bounds()})`);
    }
    // every start appends to a new segment, so nothing is ever written behind a damaged record
    const next = segments.length ? segments[segments.length - 1].seg.no + 1 : 1;
    this.writer = new LogWriter({
      dir,
      nextSegment: next,
      writer: own,
      segmentBytes: this.options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
      fs: this.options.fs,
      warn: (m, kind) => this.warn(m, kind),
      commitWaitMs: this.options.commitWaitMs ?? DEFAULT_COMMIT_WAIT_MS,
      syncWrites: this.options.syncWrites,
      writerThread: this.options.writerThread,
      onThreadWrite: this.options.onThreadWrite,
      slowSyncWriteMs: this.options.slowSyncWriteMs,
      asyncAfterSlowMs: this.options.asyncAfterSlowMs,
      now: this.options.now,
      onCommit: this.options.onCommit,
      onRetired: (seg) => this.notice(`deleted ${path.basename(seg.file)}: none of its artifacts is kept any more (the oldest are dropped at the bound of ${this.bounds()})`),
      preallocBytes: this.options.preallocBytes,
      maxWritesInFlight: this.options.maxWritesInFlight,
    });
    await this.writer.start();
    // the old layout is migrated by the first writer only (two would each put the same artifacts)
    if (own === 1) await this.migrateLegacy(dir);
  }

  private async migrateLegacy(dir: string): Promise<void> {
    const legacy = await readLegacy(dir, await fsp.readdir(dir), (m) => this.warn(m, 'store'));
    if (legacy.files.length === 0) return;
    const durable = await Promise.all(legacy.artifacts.map((a) => this.put(a)));
    if (durable.every(Boolean)) {
      for (const f of legacy.files) await fsp.rm(f, { force: true });
      this.warn(`migrated ${legacy.artifacts.length} artifact(s) from the old one-file-per-artifact layout into the log`, 'store');
    } else {
      this.warn('migrating the old one-file-per-artifact layout failed part-way; its files are kept and will be read again next start', 'store');
    }
  }

  /** Re-reads the other writers' segments (done by itself, at most once a second, as it is listed). */
  async refresh(): Promise<void> {
    if (this.view) await this.view.scanView();
  }

  /** A view: picks up what the owning daemon appended since the last scan, drops segments it deleted. */
  private async scanView(): Promise<void> {
    const dir = this.dir!;
    this.lastRefresh = Date.now();
    let present: { writer: number; no: number; file: string }[];
    const own = this.writerNo;
    try {
      present = await listSegments(dir, (w) => w !== own);
    } catch (err) {
      this.warn(`could not list ${dir}: ${(err as Error).message}`);
      return;
    }
    const files = new Set(present.map((p) => p.file));
    for (const [file, seg] of this.scanned) {
      if (files.has(file)) continue;
      this.scanned.delete(file);
      for (const [id, e] of this.entries) if (e.segment === seg) this.drop(id, e);
    }
    for (const { writer, no, file } of present) {
      let seg = this.scanned.get(file);
      if (!seg) this.scanned.set(file, (seg = { writer, no, file, size: 0, live: 0 }));
      try {
        const r = await scanSegment(seg, seg.size);
        for (const rec of r.records) this.addScanned(rec);
        // a tail still being written, or a write still running between whole records, is read again next time
        seg.size = r.damagedAt ?? r.end;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`could not read ${path.basename(file)}: ${(err as Error).message}`);
      }
    }
  }

  private drop(id: string, e: Entry): void {
    this.entries.delete(id);
    this.totalBytes -= e.bytes;
  }

  private refreshSoon(): void {
    if (this.refreshing || this.closed || Date.now() - this.lastRefresh < VIEW_REFRESH_MS) return;
    this.refreshing = this.scanView().finally(() => (this.refreshing = null));
  }

  /** A scan now (joining one under way): a `get` of an id not listed yet. */
  private rescan(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.refreshing ??= this.scanView().finally(() => (this.refreshing = null));
    return this.refreshing;
  }
}

const summarize = artifactSummary;
