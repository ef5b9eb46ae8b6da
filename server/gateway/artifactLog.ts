/**
 * The artifact store's disk format: an append-only log of framed records in numbered segment files
 * (`artifacts-00000001.log`, …), appended with group commit (one write and one fdatasync for every record
 * that arrived while the previous commit was running), scanned at start-up with a checksum per record.
 *
 * A record:
 *   0  u32 LE  magic 0x31584653 ("SFX1")
 *   4  u32 LE  body length
 *   8  u32 LE  summary length (the first part of the body)
 *   12 u32 LE  CRC-32 of bytes 4..12 followed by the body
 *   16 body:   the summary JSON (seq, id, model, mode, status, …) then the artifact JSON, both UTF-8
 * The summary comes first so a start-up scan parses a few hundred bytes per record, not the artifact.
 *
 * Why this shape: appends are one sequential write per group (the cost that group commit shares); a crash
 * can only tear the end of the segment being appended, which the length and checksum detect; eviction is
 * oldest-first, so whole old segments die and are unlinked — no compaction rewrites live data.
 */
import { constants as fsConstants, promises as fsp, writeSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { WriterThread } from './artifactWriterThread';

export const MAGIC = 0x31584653;
export const HEADER_BYTES = 16;
/** `artifacts-00000001.log`: the series of the daemon holding `daemon.lock` (writer 1, the only one before
 * 2026-12-03); `artifacts-2-00000001.log`: writer 2's (it holds `daemon-2.lock`), and so on. An older
 * StreamFix matches only the first form, so it never reads, cuts or deletes another writer's segments. */
const SEGMENT_PATTERN = /^artifacts-(?:([2-9]|[1-9]\d+)-)?(\d{8})\.log$/;
/** Largest body a scan accepts: a length past this is corruption, not a record. */
const MAX_BODY_BYTES = 1024 * 1024 * 1024;

export interface Segment {
  /** The writer whose series it belongs to (1: `artifacts-NNNNNNNN.log`, k: `artifacts-k-NNNNNNNN.log`). */
  writer: number;
  no: number;
  file: string;
  /** Bytes of whole, checked records (where the next append goes, for the active segment). */
  size: number;
  /** Records in it that the index still points at; at 0 (and not active) the file is deleted. */
  live: number;
}

export interface RecordSummary {
  seq: number;
  id: string;
  createdAt: string;
  model: string;
  mode: string;
  status: string;
  repairs: number;
  totalMs: number;
  /** Absent in records stored before these fields. */
  schema?: unknown;
  schemaError?: unknown;
}

export interface ScannedRecord {
  segment: Segment;
  offset: number;
  bytes: number;
  summary: RecordSummary;
}

export function segmentName(no: number, writer = 1): string {
  return `artifacts-${writer === 1 ? '' : `${writer}-`}${String(no).padStart(8, '0')}.log`;
}

/** The writer and number of a segment file's name, or null when it is not one. */
export function segmentOf(name: string): { writer: number; no: number } | null {
  const m = SEGMENT_PATTERN.exec(name);
  return m ? { writer: m[1] === undefined ? 1 : Number(m[1]), no: Number(m[2]) } : null;
}

function checksum(header: Buffer, body: Buffer): number {
  return zlib.crc32(body, zlib.crc32(header.subarray(4, 12)));
}

/** One framed record (header and body in one buffer, ready to append). */
export function encodeRecord(summaryText: string, artifactText: string): Buffer {
  const sLen = Buffer.byteLength(summaryText);
  const aLen = Buffer.byteLength(artifactText);
  const buf = Buffer.allocUnsafe(HEADER_BYTES + sLen + aLen);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(sLen + aLen, 4);
  buf.writeUInt32LE(sLen, 8);
  buf.write(summaryText, HEADER_BYTES, 'utf8');
  buf.write(artifactText, HEADER_BYTES + sLen, 'utf8');
  buf.writeUInt32LE(checksum(buf, buf.subarray(HEADER_BYTES)), 12);
  return buf;
}

/** Framed size of a record, without building it (what the byte bound counts). */
export function recordBytes(summaryText: string, artifactText: string): number {
  return HEADER_BYTES + Buffer.byteLength(summaryText) + Buffer.byteLength(artifactText);
}

export type FrameCheck =
  | { kind: 'record'; bytes: number; summaryBytes: number }
  /** Not enough bytes for the header or the body: the end of a write a crash cut short (or still coming). */
  | { kind: 'short' }
  | { kind: 'bad'; why: string; bytes: number | null };

/** Checks the record at `at` in `buf`. `bytes` in a 'bad' answer is set when the length is plausible. */
export function checkFrame(buf: Buffer, at: number): FrameCheck {
  if (buf.length - at < HEADER_BYTES) return { kind: 'short' };
  if (buf.readUInt32LE(at) !== MAGIC) return { kind: 'bad', why: 'no record header', bytes: null };
  const bodyLen = buf.readUInt32LE(at + 4);
  const sLen = buf.readUInt32LE(at + 8);
  if (bodyLen > MAX_BODY_BYTES || sLen > bodyLen) return { kind: 'bad', why: 'impossible record length', bytes: null };
  if (buf.length - at < HEADER_BYTES + bodyLen) return { kind: 'short' };
  const header = buf.subarray(at, at + HEADER_BYTES);
  const body = buf.subarray(at + HEADER_BYTES, at + HEADER_BYTES + bodyLen);
  if (checksum(header, body) !== buf.readUInt32LE(at + 12)) return { kind: 'bad', why: 'checksum mismatch', bytes: HEADER_BYTES + bodyLen };
  return { kind: 'record', bytes: HEADER_BYTES + bodyLen, summaryBytes: sLen };
}

/** The segments in `dir` of the writers `which` accepts, by writer then oldest first. */
export async function listSegments(dir: string, which: (writer: number) => boolean = () => true): Promise<{ writer: number; no: number; file: string }[]> {
  const names: Dirent[] = await fsp.readdir(dir, { withFileTypes: true });
  const out: { writer: number; no: number; file: string }[] = [];
  for (const d of names) {
    const seg = d.isFile() ? segmentOf(d.name) : null;
    if (seg !== null && which(seg.writer)) out.push({ ...seg, file: path.join(dir, d.name) });
  }
  return out.sort((a, b) => a.writer - b.writer || a.no - b.no);
}

export interface ScanResult {
  records: ScannedRecord[];
  /** Where the checked records end (the segment's size once a torn tail is cut). */
  end: number;
  /** Bytes after `end` that are not whole records (a torn tail: up to the last byte that is not zero), 0
   * when none. */
  tornBytes: number;
  /** Zeros after that, up to the end of the file: free space (a segment is extended with zeros ahead of
   * its writes), not damage. */
  freeBytes: number;
  /** Problems met on the way (checksum mismatches, unreadable summaries), each already a sentence. */
  problems: string[];
  /** Where the first damage skipped in the middle starts (null when none). For a segment still being
   * written it may be a write not finished yet (a store with maxWritesInFlight over 1, or a StreamFix before 2026-12-03, runs several at once at consecutive offsets), so a
   * reader that comes back later rescans from here. */
  damagedAt: number | null;
}

/**
 * Reads `segment` from `from` to its end and checks every record. Damage in the middle (a bad checksum, a
 * header that makes no sense, zeros where a write had not landed) is skipped up to the next whole record,
 * found by its header and checksum, and reported; bytes after the last whole record are a torn tail (a
 * crash cut the last write short), to be cut by the caller, and the zeros after them are free space (the
 * segment's preallocated end). So nothing whole is ever thrown away.
 */
export async function scanSegment(segment: Segment, from: number): Promise<ScanResult> {
  const buf = await readFrom(segment.file, from);
  const name = path.basename(segment.file);
  const records: ScannedRecord[] = [];
  const problems: string[] = [];
  let at = 0;
  let end = 0;
  let damagedAt: number | null = null;
  while (at < buf.length) {
    const f = checkFrame(buf, at);
    if (f.kind !== 'record') {
      const next = nextRecord(buf, at + 1);
      if (next < 0) {
        if (f.kind === 'bad' && !isZeros(buf, at)) problems.push(`${name}: ${f.why} at offset ${from + at}`);
        break;
      }
      damagedAt ??= from + at;
      const why = f.kind === 'bad' ? f.why : 'length past the next record';
      problems.push(next === at + (f.kind === 'bad' ? (f.bytes ?? -1) : -1)
        ? `${name}: record at offset ${from + at} skipped (${why}: ${next - at} bytes)`
        : `${name}: ${next - at} damaged bytes skipped at offset ${from + at} (${why})`);
      at = end = next;
      continue;
    }
    const summary = parseSummary(buf, at, f.summaryBytes);
    if (summary === null) problems.push(`${name}: record at offset ${from + at} skipped (its summary is not valid)`);
    else records.push({ segment, offset: from + at, bytes: f.bytes, summary });
    at += f.bytes;
    end = at;
  }
  const torn = dataEnd(buf, end) - end;
  return { records, end: from + end, tornBytes: torn, freeBytes: buf.length - end - torn, problems, damagedAt };
}

const MAGIC_BYTES = Buffer.from([MAGIC & 0xff, (MAGIC >>> 8) & 0xff, (MAGIC >>> 16) & 0xff, MAGIC >>> 24]);

/** Offset of the next whole, checked record at or after `from`, or -1. */
function nextRecord(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(MAGIC_BYTES, from); i >= 0; i = buf.indexOf(MAGIC_BYTES, i + 1)) {
    if (checkFrame(buf, i).kind === 'record') return i;
  }
  return -1;
}

function isZeros(buf: Buffer, from: number): boolean {
  return dataEnd(buf, from) === from;
}

/** One past the last byte at or after `from` that is not zero (`from` when all are zeros). */
function dataEnd(buf: Buffer, from: number): number {
  let i = buf.length;
  while (i > from && buf[i - 1] === 0) i--;
  return i;
}

async function readFrom(file: string, from: number): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.allocUnsafe(Math.max(0, size - from));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, from + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await handle.close();
  }
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

function parseSummary(buf: Buffer, at: number, len: number): RecordSummary | null {
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8', at + HEADER_BYTES, at + HEADER_BYTES + len));
  } catch {
    return null;
  }
  const s = v as Record<string, unknown>;
  if (typeof s !== 'object' || s === null) return null;
  if (!Number.isSafeInteger(s.seq) || typeof s.id !== 'string' || !ID_PATTERN.test(s.id)) return null;
  for (const k of ['createdAt', 'model', 'mode', 'status'] as const) if (typeof s[k] !== 'string') return null;
  if (typeof s.repairs !== 'number' || typeof s.totalMs !== 'number') return null;
  return s as unknown as RecordSummary;
}

export class RecordReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordReadError';
  }
}

/** The artifact JSON of the record at `offset`, checked against its checksum. */
export async function readRecord(file: string, offset: number, bytes: number): Promise<string> {
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    let got = 0;
    while (got < bytes) {
      const { bytesRead } = await handle.read(buf, got, bytes - got, offset + got);
      if (bytesRead === 0) throw new RecordReadError(`${path.basename(file)}: the record at offset ${offset} is cut short`);
      got += bytesRead;
    }
    const f = checkFrame(buf, 0);
    if (f.kind !== 'record' || f.bytes !== bytes) {
      throw new RecordReadError(`${path.basename(file)}: the record at offset ${offset} is damaged (${f.kind === 'bad' ? f.why : 'cut short'})`);
    }
    return buf.toString('utf8', HEADER_BYTES + f.summaryBytes);
  } finally {
    await handle.close();
  }
}

/** The file system calls the writer makes, replaceable so tests can count fsyncs and inject ENOSPC. */
export interface LogFs {
  open(file: string, flags: string): Promise<LogFile>;
  syncDir(dir: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export interface LogFile {
  /** True when every write is durable when it returns (O_DSYNC): then no datasync is needed. */
  readonly dsync: boolean;
  write(buf: Buffer, position: number): Promise<number>;
  /** The same write, synchronous and durable when it returns; only where that costs one system call
   * (O_DSYNC), so the writer may block the event loop for it. */
  writeSync?(buf: Buffer, position: number): number;
  datasync(): Promise<void>;
  /** Writes zeros over [from, from + bytes), durable when it resolves (the segment's preallocated end:
   * a record later written there is an overwrite of allocated blocks inside the file's durable size). */
  preallocate(from: number, bytes: number): Promise<void>;
  truncate(len: number): Promise<void>;
  close(): Promise<void>;
}

/** Zeros written by preallocate, one buffer repeated (allocated on first use). */
const ZEROS_BYTES = 1024 * 1024;
let zeros: Buffer | null = null;

/** `bytes` of zeros as a list of views on one shared buffer (for one writev). */
function zeroVectors(bytes: number): Buffer[] {
  zeros ??= Buffer.alloc(ZEROS_BYTES);
  const out: Buffer[] = [];
  for (let left = bytes; left > 0; left -= ZEROS_BYTES) out.push(left >= ZEROS_BYTES ? zeros : zeros.subarray(0, left));
  return out;
}

/** Opens a segment (O_DSYNC where the platform has it); with a writer thread, its durable writes (records
 * and zeros) go to that thread while it lives, and through the thread pool once it has died. */
async function openLogFile(file: string, flags: string, thread: WriterThread | null): Promise<LogFile> {
  // O_DSYNC: a group's write is its fdatasync, one system call and one thread-pool round trip instead
  // of two (on a busy machine each round trip waits for an event-loop turn)
  const dsync = flags === 'wx' && fsConstants.O_DSYNC !== undefined;
  const { O_WRONLY, O_CREAT, O_EXCL, O_DSYNC } = fsConstants;
  const h = await fsp.open(file, dsync ? O_WRONLY | O_CREAT | O_EXCL | O_DSYNC : flags, 0o600);
  const viaThread = () => dsync && thread !== null && thread.alive;
  return {
    dsync,
    write: async (buf, position) => {
      if (viaThread()) return thread!.write(h.fd, buf, position).then(() => buf.length);
      return (await h.write(buf, 0, buf.length, position)).bytesWritten;
    },
    writeSync: dsync ? (buf, position) => writeSync(h.fd, buf, 0, buf.length, position) : undefined,
    datasync: () => h.datasync(),
    async preallocate(from, bytes) {
      if (viaThread()) return thread!.zeros(h.fd, from, bytes);
      const vectors = zeroVectors(bytes);
      let done = 0;
      while (done < bytes) {
        const { bytesWritten } = await h.writev(done === 0 ? vectors : zeroVectors(bytes - done), from + done);
        if (bytesWritten <= 0) throw new Error(`short write (${done} of ${bytes} bytes of zeros)`);
        done += bytesWritten;
      }
      if (!dsync) await h.datasync();
    },
    truncate: (len) => h.truncate(len),
    close: () => h.close(),
  };
}

/** The file system through Node's async API (libuv's thread pool). */
export const nodeLogFs: LogFs = threadedLogFs(null);

/** The same, with the segments' durable writes on a writer thread (artifactWriterThread.ts). */
export function threadedLogFs(thread: WriterThread | null): LogFs {
  return {
    open: (file, flags) => openLogFile(file, flags, thread),
    syncDir,
    unlink: (file) => fsp.rm(file, { force: true }),
  };
}

async function syncDir(dir: string): Promise<void> {
  // a new segment's name must be durable too, or a crash could lose the file with its records
  const h = await fsp.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Writes all of `buf` at `position` (a write may take less than asked, e.g. near a full disk). */
export async function writeFully(file: LogFile, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const n = await file.write(done === 0 ? buf : buf.subarray(done), position + done);
    if (n <= 0) throw new Error(`short write (${done} of ${buf.length} bytes)`);
    done += n;
  }
}
