/**
 * The artifact store: every gateway request's repair record, bounded by count and bytes (oldest dropped
 * first), kept in memory for reads and persisted in a data directory so it survives a restart.
 *
 * Persistence is one file per artifact, written to a temp name, fsynced, then renamed over `<id>.json`.
 * Why not an append-only log: eviction would need compaction (rewriting the log), and a log's recovery
 * needs framing and checksums to find a torn tail. With one file per artifact a rename is atomic on POSIX,
 * so after a SIGKILL a final name always holds a complete file; the worst case is a leftover temp file,
 * which `open` deletes. Evicting is an unlink. Older files are never rewritten, so they cannot be hurt by
 * a crash while a newer one is being written.
 *
 * Writes never block the caller: `put` updates memory and queues the disk work; one async worker drains
 * the queue (serially, so at most one file is in flight and ordering per id is kept). `flush()` and
 * `close()` wait for the queue.
 *
 * Example:
 *   const store = await ArtifactStore.open({ dir: '/tmp/sfx', maxCount: 500 });
 *   store.put(artifact);           // returns at once
 *   store.get(artifact.id);        // the same object
 *   await store.close();           // everything on disk
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Artifact, ArtifactSummary } from '../../shared/protocol';

export const DEFAULT_MAX_COUNT = 1000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Warnings kept for /health and tests; older ones are dropped so a broken disk can't grow memory. */
const MAX_WARNINGS = 100;
/** Files read in parallel at open: enough to hide latency, few enough not to exhaust descriptors. */
const LOAD_CONCURRENCY = 16;
const FILE_FORMAT = 1;
const SUFFIX = '.json';
const TMP_MARK = '.tmp-';

/** Ids become file names, so only a safe alphabet is accepted (no `/`, `..`, NUL, or huge names). */
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
}

export interface ArtifactStoreStats {
  count: number;
  bytes: number;
  dir: string | null;
  maxCount: number;
  maxBytes: number;
  /** Disk operations queued and not yet done. */
  pendingWrites: number;
  /** Warnings recorded since open (skipped files, failed writes); the text is in `warnings`. */
  warnings: number;
}

/** True when `id` can be used as an artifact id (and so as a file name). */
export function isValidArtifactId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

interface Entry {
  artifact: Artifact;
  /** Insertion order, persisted so the newest-first listing is the same after a restart. */
  seq: number;
  /** Size of the serialized file: what the byte bound counts. */
  bytes: number;
  /** The serialized file, kept only until written (then dropped to halve memory). */
  pendingText: string | null;
}

type DiskOp = { kind: 'write'; text: string } | { kind: 'delete' };

interface StoredFile {
  format: number;
  seq: number;
  artifact: Artifact;
}

export class ArtifactStore {
  /** Map iteration order = insertion order = oldest first; eviction takes from the front. */
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  private nextSeq = 1;
  /** Latest disk operation per id, in queue order. A later op for the same id replaces the earlier one
   * (write then evict before the worker ran = just a delete), so the queue is bounded by distinct ids. */
  private readonly queue = new Map<string, DiskOp>();
  private worker: Promise<void> | null = null;
  private closed = false;
  private tmpCounter = 0;
  private readonly warningList: string[] = [];
  private warningCount = 0;

  private constructor(
    readonly dir: string | null,
    readonly maxCount: number,
    readonly maxBytes: number,
  ) {}

  /** Opens a store, loading what `dir` holds. Corrupt or partial files are skipped with a warning. */
  static async open(options: ArtifactStoreOptions): Promise<ArtifactStore> {
    const maxCount = options.maxCount ?? DEFAULT_MAX_COUNT;
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isInteger(maxCount) || maxCount < 1) {
      throw new ArtifactStoreError('INVALID_OPTIONS', `maxCount must be a positive integer, got ${maxCount}`);
    }
    if (!Number.isFinite(maxBytes) || maxBytes < 1) {
      throw new ArtifactStoreError('INVALID_OPTIONS', `maxBytes must be a positive number, got ${maxBytes}`);
    }
    let dir = options.dir === null ? null : path.resolve(options.dir);
    let busy: string | null = null;
    if (dir !== null) {
      try {
        await fsp.mkdir(dir, { recursive: true });
      } catch (err) {
        throw new ArtifactStoreError('DIR_UNUSABLE', `Cannot create artifact directory ${dir}: ${(err as Error).message}`);
      }
      busy = await lockDir(dir);
      if (busy !== null) dir = null;
    }
    const store = new ArtifactStore(dir, maxCount, maxBytes);
    if (busy !== null) store.warn(busy);
    if (dir !== null) await store.load(dir);
    return store;
  }

  /** Warnings recorded (newest last, at most 100 kept). */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /**
   * Stores an artifact (replacing one with the same id, which keeps its place in the listing) and queues
   * the write. Returns at once. Throws ArtifactStoreError INVALID_ID for an id that is not a safe name.
   * An artifact larger than maxBytes on its own is not stored (a warning says so).
   */
  put(artifact: Artifact): void {
    if (!isValidArtifactId(artifact?.id)) {
      throw new ArtifactStoreError(
        'INVALID_ID',
        `Invalid artifact id ${JSON.stringify(String(artifact?.id)).slice(0, 80)}: use 1-128 of A-Z a-z 0-9 _ -`,
      );
    }
    const previous = this.entries.get(artifact.id);
    const file: StoredFile = { format: FILE_FORMAT, seq: previous?.seq ?? this.nextSeq++, artifact };
    const text = JSON.stringify(file);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxBytes) {
      this.warn(`artifact ${artifact.id} not stored: ${bytes} bytes is over the store limit of ${this.maxBytes}`);
      return;
    }
    if (previous) this.totalBytes -= previous.bytes;
    const persist = this.dir !== null && !this.closed;
    this.entries.set(artifact.id, { artifact, seq: file.seq, bytes, pendingText: persist ? text : null });
    this.totalBytes += bytes;
    if (persist) this.enqueue(artifact.id, { kind: 'write', text });
    else if (this.closed && this.dir !== null) this.warn(`artifact ${artifact.id} stored after close: memory only`);
    this.evict(artifact.id);
  }

  get(id: string): Artifact | undefined {
    return this.entries.get(id)?.artifact;
  }

  /** Summaries, newest first. `limit` defaults to all; values below 1 give an empty list. */
  list(limit?: number): ArtifactSummary[] {
    const all = [...this.entries.values()];
    const max = limit === undefined ? all.length : Math.max(0, Math.floor(limit));
    const out: ArtifactSummary[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < max; i--) out.push(summarize(all[i].artifact));
    return out;
  }

  stats(): ArtifactStoreStats {
    return {
      count: this.entries.size,
      bytes: this.totalBytes,
      dir: this.dir,
      maxCount: this.maxCount,
      maxBytes: this.maxBytes,
      pendingWrites: this.queue.size + (this.worker ? 1 : 0),
      warnings: this.warningCount,
    };
  }

  /** Resolves when every put so far is on disk (or failed with a warning). */
  async flush(): Promise<void> {
    while (this.worker) await this.worker;
  }

  /** Flushes and stops persisting; later puts stay in memory only. */
  async close(): Promise<void> {
    await this.flush();
    if (this.dir !== null && !this.closed) await unlockDir(this.dir);
    this.closed = true;
  }

  // ---- internals ----

  private evict(keep: string): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxCount && this.totalBytes <= this.maxBytes) break;
      if (id === keep) continue; // the one just put fits on its own (checked in put)
      this.entries.delete(id);
      this.totalBytes -= entry.bytes;
      if (this.dir !== null && !this.closed) this.enqueue(id, { kind: 'delete' });
    }
  }

  private enqueue(id: string, op: DiskOp): void {
    this.queue.delete(id); // re-insert at the back: the newest op for an id runs after older ids' ops
    this.queue.set(id, op);
    if (!this.worker) this.worker = this.drain();
  }

  /** The single disk worker. It clears `worker` itself, in the same tick as it finds the queue empty, so a
   * put arriving just after can never see a finished worker and leave its op stranded. */
  private async drain(): Promise<void> {
    const dir = this.dir as string;
    for (;;) {
      const next = this.queue.entries().next();
      if (next.done) {
        this.worker = null;
        return;
      }
      const [id, op] = next.value;
      this.queue.delete(id);
      const final = path.join(dir, id + SUFFIX);
      try {
        if (op.kind === 'write') {
          await this.writeAtomically(dir, id, final, op.text);
          const entry = this.entries.get(id);
          if (entry && entry.pendingText === op.text) entry.pendingText = null;
        } else {
          await fsp.rm(final, { force: true });
        }
      } catch (err) {
        this.warn(`could not ${op.kind} artifact ${id} in ${dir}: ${(err as Error).message}`);
      }
    }
  }

  private async writeAtomically(dir: string, id: string, final: string, text: string): Promise<void> {
    const tmp = path.join(dir, `${id}${SUFFIX}${TMP_MARK}${process.pid}-${++this.tmpCounter}`);
    const handle = await fsp.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync(); // the bytes are durable before the name points at them
    } finally {
      await handle.close();
    }
    try {
      await fsp.rename(tmp, final);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  private async load(dir: string): Promise<void> {
    try {
      await fsp.mkdir(dir, { recursive: true });
    } catch (err) {
      throw new ArtifactStoreError('DIR_UNUSABLE', `Cannot create artifact directory ${dir}: ${(err as Error).message}`);
    }
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch (err) {
      throw new ArtifactStoreError('DIR_UNUSABLE', `Cannot read artifact directory ${dir}: ${(err as Error).message}`);
    }
    const loaded: StoredFile[] = [];
    const candidates: string[] = [];
    for (const name of names) {
      if (name.includes(TMP_MARK)) {
        // A temp file is a write that a crash interrupted before its rename: never visible, so drop it.
        await fsp.rm(path.join(dir, name), { force: true }).catch((err: Error) => this.warn(`could not remove ${name}: ${err.message}`));
      } else if (name.endsWith(SUFFIX)) {
        candidates.push(name);
      }
    }
    for (let i = 0; i < candidates.length; i += LOAD_CONCURRENCY) {
      const batch = candidates.slice(i, i + LOAD_CONCURRENCY);
      const files = await Promise.all(batch.map((name) => this.readFile(dir, name)));
      for (const f of files) if (f) loaded.push(f.file);
    }
    loaded.sort((a, b) => a.seq - b.seq);
    for (const file of loaded) {
      const text = JSON.stringify(file);
      const bytes = Buffer.byteLength(text);
      this.entries.set(file.artifact.id, { artifact: file.artifact, seq: file.seq, bytes, pendingText: null });
      this.totalBytes += bytes;
      this.nextSeq = Math.max(this.nextSeq, file.seq + 1);
    }
    // The bounds may have shrunk since the files were written: apply them now (deletes the oldest files).
    this.evict('');
  }

  private async readFile(dir: string, name: string): Promise<{ file: StoredFile } | null> {
    const id = name.slice(0, -SUFFIX.length);
    if (!isValidArtifactId(id)) {
      this.warn(`skipped ${name}: not an artifact file name`);
      return null;
    }
    let text: string;
    try {
      text = await fsp.readFile(path.join(dir, name), 'utf8');
    } catch (err) {
      this.warn(`skipped ${name}: ${(err as Error).message}`);
      return null;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.warn(`skipped ${name}: corrupt or partial file (${(err as Error).message})`);
      return null;
    }
    const problem = checkStoredFile(value, id);
    if (problem) {
      this.warn(`skipped ${name}: ${problem}`);
      return null;
    }
    return { file: value as StoredFile };
  }

  /** Records a warning (kept for /health and tests). */
  warn(message: string): void {
    this.warningCount++;
    this.warningList.push(message);
    if (this.warningList.length > MAX_WARNINGS) this.warningList.shift();
  }
}

/** The lock file that keeps one daemon per data directory; it holds the owner's pid. */
export const LOCK_FILE = 'daemon.lock';
/** Directories this process holds (a second store in the same process is refused like another daemon). */
const heldDirs = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process: creates `daemon.lock` with our pid, or takes over one left by
 * a process that is gone (a crash, `kill -9`). Returns null when the directory is ours, else why it is not
 * (another live daemon holds it): two daemons writing and evicting in one directory would delete each
 * other's files, so the second keeps its artifacts in memory only and says so.
 */
async function lockDir(dir: string): Promise<string | null> {
  const file = path.join(dir, LOCK_FILE);
  if (heldDirs.has(dir)) return `artifact directory ${dir} is already used by another store in this process: artifacts are kept in memory only`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fsp.writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      heldDirs.add(dir);
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot lock artifact directory ${dir} (${(err as Error).message}): artifacts are kept in memory only`;
    }
    const owner = Number.parseInt(await fsp.readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      return `artifact directory ${dir} is in use by another StreamFix daemon (pid ${owner}): this daemon keeps its artifacts in memory only`;
    }
    // stale (its process is gone) or unreadable: remove it and try again
    await fsp.rm(file, { force: true });
  }
  return `cannot lock artifact directory ${dir}: the lock file keeps changing; artifacts are kept in memory only`;
}

async function unlockDir(dir: string): Promise<void> {
  if (!heldDirs.delete(dir)) return;
  const file = path.join(dir, LOCK_FILE);
  const owner = await fsp.readFile(file, 'utf8').catch(() => '');
  if (Number.parseInt(owner, 10) === process.pid) await fsp.rm(file, { force: true });
}

/** Why `value` is not a stored artifact file for `id`, or null when it is one. */
function checkStoredFile(value: unknown, id: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.format !== FILE_FORMAT) return `unknown format ${JSON.stringify(v.format)}`;
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return 'missing sequence number';
  const a = v.artifact as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null) return 'missing artifact';
  if (a.id !== id) return `artifact id ${JSON.stringify(a.id)} does not match the file name`;
  for (const key of ['createdAt', 'model', 'mode', 'status'] as const) {
    if (typeof a[key] !== 'string') return `artifact field ${key} is missing`;
  }
  if (!Array.isArray(a.repairs)) return 'artifact field repairs is missing';
  const t = a.timings as Record<string, unknown> | null;
  if (typeof t !== 'object' || t === null || typeof t.totalMs !== 'number') return 'artifact field timings is missing';
  return null;
}

function summarize(a: Artifact): ArtifactSummary {
  return {
    id: a.id,
    createdAt: a.createdAt,
    model: a.model,
    mode: a.mode,
    status: a.status,
    repairs: a.repairs.length + (a.toolCalls ?? []).reduce((n, t) => n + t.repairs.length, 0),
    totalMs: a.timings.totalMs,
  };
}
