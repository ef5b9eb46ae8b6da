/**
 * Writers of a data directory: `daemon.lock` names the first one's owner (`daemon-2.lock` … the others'),
 * and an owner must prove it is still the process that wrote it. A pid alone proves nothing: after a crash the pid can be reused by any process,
 * and a zombie answers `kill(pid, 0)`. So the lock holds the pid and the process's start time (from
 * /proc/<pid>/stat, or `ps -o lstart=` where there is no /proc); a lock is respected only while a live,
 * non-zombie process with that pid has that start time. A lock from an older StreamFix (pid only) is
 * respected only while its process's command line looks like a StreamFix daemon.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** The lock file that keeps one daemon per data directory. */
export const LOCK_FILE = 'daemon.lock';
/** Directories this process holds, with the writer slot it holds in each (a second store in the same
 * process is refused: it keeps its artifacts in memory only). */
const heldDirs = new Map<string, number>();

type ProcessState = 'gone' | 'zombie' | 'alive';

function stateOf(pid: number): ProcessState {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  const stat = procStat(pid);
  return stat !== null && stat[0] === 'Z' ? 'zombie' : 'alive';
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function procStat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** When the process started, as an opaque string that differs between two processes with one pid. */
export function processStart(pid: number): string | null {
  const stat = procStat(pid);
  if (stat !== null) return `proc:${stat[19]}`; // field 22 of stat: start time in clock ticks since boot
  if (process.platform === 'win32') return null;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? null : `ps:${out}`;
  } catch {
    return null;
  }
}

function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    if (process.platform === 'win32') return null;
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
    } catch {
      return null;
    }
  }
}

/** The daemon's own entry points (dist/main.js, dist/cli.js, the bin) or anything named streamfix. */
function looksLikeStreamFix(cmd: string): boolean {
  return /streamfix|[\\/](main|cli)\.js\b/i.test(cmd);
}

const ownStart = (() => {
  let cached: string | null | undefined;
  return () => (cached === undefined ? (cached = processStart(process.pid)) : cached);
})();

/** Why the lock's owner is not (or no longer) a live StreamFix daemon, or null when it is one. */
export function staleReason(text: string): string | null {
  const [pidLine, startLine] = text.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return 'the lock file is unreadable';
  if (pid === process.pid) return `pid ${pid} is this process, which does not hold it`;
  const state = stateOf(pid);
  if (state !== 'alive') return `pid ${pid} is ${state === 'gone' ? 'gone' : 'a zombie'}`;
  const recorded = (startLine ?? '').trim();
  if (recorded !== '') {
    const actual = processStart(pid);
    if (actual !== null && actual !== recorded) return `pid ${pid} now belongs to another process (started ${actual}, the lock says ${recorded})`;
    return null;
  }
  const cmd = commandLine(pid);
  if (cmd !== null && !looksLikeStreamFix(cmd)) return `pid ${pid} is not a StreamFix daemon (${JSON.stringify(cmd.slice(0, 120))})`;
  return null;
}

export type LockResult = { held: true; writer: number; lockFile: string; tookOver: string | null } | { held: false; why: string; owner: number | null };

/** Daemons that may write to one directory at once, each its own segment series (writers 1 to 8). */
export const MAX_WRITERS = 8;

/** Writer 1's lock is `daemon.lock` (the only one before 2026-12-03, which older daemons respect); writer
 * k's is `daemon-k.lock`. */
export function lockFileOf(writer: number): string {
  return writer === 1 ? LOCK_FILE : `daemon-${writer}.lock`;
}

type SlotResult = { kind: 'held'; tookOver: string | null } | { kind: 'live'; owner: number } | { kind: 'error'; why: string };

/**
 * Takes `dir` for this process as one of its writers: the first of `daemon.lock`, `daemon-2.lock`, …
 * `daemon-8.lock` that is free, or whose owner is not a live StreamFix daemon any more (taken over, saying
 * why). Each writer appends its own segment series and deletes only its own segments, so several daemons
 * (one per editor window) keep their artifacts durable in one directory. Refused (the store keeps its
 * artifacts in memory only): a second store of this process on the same directory (a lock names a
 * process, so two of one process could not tell each other apart), a lock that cannot be created (a
 * read-only directory), and a directory whose eight writer slots are all held by live daemons.
 */
export async function lockDir(dir: string): Promise<LockResult> {
  if (heldDirs.has(dir)) return { held: false, why: `artifact directory ${dir} is already used by another store in this process`, owner: process.pid };
  const owners: number[] = [];
  for (let writer = 1; writer <= MAX_WRITERS; writer++) {
    const r = await lockSlot(dir, writer);
    if (r.kind === 'held') {
      heldDirs.set(dir, writer);
      return { held: true, writer, lockFile: lockFileOf(writer), tookOver: r.tookOver };
    }
    if (r.kind === 'error') {
      const held = owners.length === 0 ? '' : ` (in use by another StreamFix daemon, pid ${owners.join(', pid ')}, and this one cannot be another writer)`;
      return { held: false, why: `${r.why}${held}`, owner: owners[0] ?? null };
    }
    owners.push(r.owner);
  }
  return { held: false, why: `artifact directory ${dir} is in use by ${MAX_WRITERS} other StreamFix daemons (pid ${owners.join(', ')}), the most that write to one directory`, owner: owners[0]! };
}

/** Creates (or takes over) one writer's lock file. */
async function lockSlot(dir: string, writer: number): Promise<SlotResult> {
  const name = lockFileOf(writer);
  const file = path.join(dir, name);
  const content = `${process.pid}\n${ownStart() ?? ''}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (await createWith(file, content)) return { kind: 'held', tookOver: null };
    } catch (err) {
      return { kind: 'error', why: `cannot lock artifact directory ${dir} (${(err as Error).message})` };
    }
    const text = await fsp.readFile(file, 'utf8').catch(() => '');
    const stale = staleReason(text);
    if (stale === null) return { kind: 'live', owner: Number.parseInt(text, 10) };
    const taken = await takeOver(file, text, content);
    if (taken === 'held') return { kind: 'held', tookOver: `took over ${name} in ${dir}: ${stale}` };
    if (taken === 'busy') {
      // another daemon is taking this slot over right now: look again once it is done
      attempt--;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return { kind: 'error', why: `cannot lock artifact directory ${dir}: the lock file ${name} keeps changing` };
}

/**
 * Creates `file` holding `content` if it does not exist, atomically: the content is written to a file of
 * this process's and hard-linked to the lock's name (a link fails when the name exists). Opening the lock
 * with `wx` and then writing it would leave a moment in which another daemon reads an empty lock, judges it
 * unreadable (stale) and takes it over while its creator believes it holds it. False: the file exists.
 */
async function createWith(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temp, content, { mode: 0o600 });
  try {
    await fsp.link(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
    // a file system without hard links: create with `wx` (the short empty moment above is back there)
    try {
      await fsp.writeFile(file, content, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err2;
    }
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

/** A takeover mutex left by a daemon killed while it held it is removed after this long. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Replaces a stale lock file with this process's, but only the one that was judged stale. Two daemons that
 * read the same stale lock at once must not both take the slot (before 2026-12-03 the first removed it and
 * created its own, and the second then removed the first's new lock and created its own: both held it). A
 * takeover holds `<lock>.takeover` (a directory: `mkdir` is atomic and fails when it exists) while it reads
 * the file again and, if it still says what was judged stale, renames this process's lock over it (so
 * there is no moment without a lock file in which another daemon's create could succeed). Creating a lock
 * where there is none needs no mutex: `createWith` fails while any lock file exists. 'busy': another daemon
 * holds the mutex (look again); 'changed': the file is not the stale one any more.
 */
async function takeOver(file: string, judged: string, content: string): Promise<'held' | 'changed' | 'busy'> {
  const mutex = `${file}.takeover`;
  try {
    await fsp.mkdir(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const since = await fsp.stat(mutex).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (since > TAKEOVER_STALE_MS) await fsp.rmdir(mutex).catch(() => undefined);
    return 'busy';
  }
  try {
    let now: string | null;
    try {
      now = await fsp.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'changed';
      // not a readable file (a directory where the lock goes, no permission): remove it as any stale lock;
      // what cannot be removed ends the start with rm's own words naming the path
      await fsp.rm(file, { force: true });
      return 'changed';
    }
    if (now !== judged) return 'changed';
    const temp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(temp, content, { mode: 0o600 });
    await fsp.rename(temp, file);
    return 'held';
  } finally {
    await fsp.rmdir(mutex).catch(() => undefined);
  }
}

export async function unlockDir(dir: string): Promise<void> {
  const writer = heldDirs.get(dir);
  if (writer === undefined) return;
  heldDirs.delete(dir);
  const file = path.join(dir, lockFileOf(writer));
  const owner = await fsp.readFile(file, 'utf8').catch(() => '');
  if (Number.parseInt(owner, 10) === process.pid) await fsp.rm(file, { force: true });
}
