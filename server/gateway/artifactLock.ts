/**
 * One daemon per data directory: `daemon.lock` names its owner, and the owner must prove it is still the
 * process that wrote it. A pid alone proves nothing: after a crash the pid can be reused by any process,
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
/** Directories this process holds (a second store in the same process is refused like another daemon). */
const heldDirs = new Set<string>();

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

export type LockResult = { held: true; tookOver: string | null } | { held: false; why: string; owner: number | null };

/**
 * Takes `dir` for this process: creates `daemon.lock` (pid and start time), or takes over one whose owner
 * is not a live StreamFix daemon any more (saying why). Two daemons writing and evicting in one directory
 * would delete each other's segments, so a directory held by a live daemon is refused.
 */
export async function lockDir(dir: string): Promise<LockResult> {
  const file = path.join(dir, LOCK_FILE);
  if (heldDirs.has(dir)) return { held: false, why: `artifact directory ${dir} is already used by another store in this process`, owner: process.pid };
  let tookOver: string | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fsp.writeFile(file, `${process.pid}\n${ownStart() ?? ''}\n`, { flag: 'wx', mode: 0o600 });
      heldDirs.add(dir);
      return { held: true, tookOver };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { held: false, why: `cannot lock artifact directory ${dir} (${(err as Error).message})`, owner: null };
    }
    const text = await fsp.readFile(file, 'utf8').catch(() => '');
    const stale = staleReason(text);
    if (stale === null) {
      const owner = Number.parseInt(text, 10);
      return { held: false, why: `artifact directory ${dir} is in use by another StreamFix daemon (pid ${owner})`, owner };
    }
    tookOver = `took over ${LOCK_FILE} in ${dir}: ${stale}`;
    await fsp.rm(file, { force: true });
  }
  return { held: false, why: `cannot lock artifact directory ${dir}: the lock file keeps changing`, owner: null };
}

export async function unlockDir(dir: string): Promise<void> {
  if (!heldDirs.delete(dir)) return;
  const file = path.join(dir, LOCK_FILE);
  const owner = await fsp.readFile(file, 'utf8').catch(() => '');
  if (Number.parseInt(owner, 10) === process.pid) await fsp.rm(file, { force: true });
}
