/**
 * `npm run crash`: kill -9 a real daemon (dist/main.js, a child process) at random moments under load,
 * restart it on the same data directory, and count the acknowledged artifacts that are missing or
 * differ (goal: 0). An acknowledged request is one whose client received the end of its response.
 *
 *   npm run crash -- [--rounds 20] [--seconds S] [--seed 1] [--streams 24]
 *
 * Each round: load on the running daemon (streaming and non-streaming requests in repair, strip and
 * passthrough, at most 800 per round so the store's 1000-artifact bound never evicts one of them), a
 * SIGKILL after a seeded random delay, a restart (in some rounds killed again during its start-up,
 * recovery included, and restarted once more), then every acknowledgement of the round is fetched from
 * the restarted daemon and compared with what the client received. Exits 1 on any loss.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Artifact } from '../../shared/protocol';
import { request, rng, startUpstream, type Ack, type Mode } from './load';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
const MAX_PER_ROUND = 800;
const MODES: Mode[] = ['repair', 'strip', 'passthrough'];

interface Options {
  rounds: number;
  seconds: number;
  seed: number;
  streams: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rounds: 20, seconds: Infinity, seed: 1, streams: 24 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '') as keyof Options;
    const value = Number(argv[++i]);
    if (!(key in o) || !Number.isFinite(value) || value <= 0) throw new Error(`crash: bad option ${argv[i - 1]} ${argv[i] ?? ''} (use --rounds N --seconds S --seed N --streams N)`);
    o[key] = value;
  }
  return o;
}

interface Daemon {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

function spawnDaemon(dir: string, upstream: string): { child: ChildProcess; ready: Promise<Daemon> } {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dir, '--upstream', upstream, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const ready = new Promise<Daemon>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start within 30 s: ${err}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+\/v1)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr: () => err });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited (${signal ?? code}) before it was ready: ${err}`));
    });
  });
  return { child, ready };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function fetchArtifact(url: string, id: string): Promise<Artifact | null> {
  const r = await fetch(`${url}/streamfix/result/${id}`);
  if (r.status === 404) return null;
  if (r.status !== 200) throw new Error(`GET result/${id}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Artifact;
}

/** Why the artifact does not hold what the client was told, or null. */
function mismatch(a: Artifact, ack: Ack): string | null {
  const kept = ack.mode === 'passthrough' ? a.rawContent : a.repairedContent;
  if (kept !== ack.content) return `content differs (${JSON.stringify(kept).slice(0, 60)} vs ${JSON.stringify(ack.content).slice(0, 60)})`;
  if (a.mode !== ack.mode) return `mode ${a.mode}, the request asked ${ack.mode}`;
  if (a.status === 'CLIENT_ABORTED' || a.status === 'UPSTREAM_ERROR') return `status ${a.status}`;
  return null;
}

interface RoundResult {
  acked: number;
  missing: string[];
  mismatched: string[];
  killAtMs: number;
  startupKill: boolean;
  recoveryLines: string[];
}

async function round(n: number, o: Options, random: () => number, dir: string, upstream: string, daemon: Daemon): Promise<{ result: RoundResult; next: Daemon }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.streams });
  const acks: Ack[] = [];
  let started = 0;
  let stop = false;
  let firstAck!: () => void;
  const warm = new Promise<void>((r) => (firstAck = r));
  const client = async (c: number) => {
    while (!stop && started < MAX_PER_ROUND) {
      const k = started++;
      const ack = await request(daemon.url, agent, `r${n}-c${c}-${k}`, MODES[k % 3], k % 4 !== 3);
      if (ack) acks.push(ack); // an end that arrived is acknowledged, whenever the kill lands
      if (ack) firstAck();
    }
  };
  // the kill lands a random time after the load is flowing (the first acknowledgement; a cold daemon
  // on a busy machine can take a second or two to answer at all)
  const killAtMs = Math.round(50 + random() * 2000);
  const load = Promise.all(Array.from({ length: o.streams }, (_, c) => client(c)));
  await Promise.race([warm, new Promise((r) => setTimeout(r, 10_000))]);
  await new Promise((r) => setTimeout(r, killAtMs));
  await killed(daemon.child);
  stop = true;
  await load;
  agent.destroy();

  const startupKill = random() < 0.3;
  if (startupKill) {
    // kill -9 during start-up (recovery, lock take-over), then start again
    const early = spawnDaemon(dir, upstream);
    early.ready.catch(() => undefined);
    await new Promise((r) => setTimeout(r, random() * 400));
    await killed(early.child);
  }
  const next = await spawnDaemon(dir, upstream).ready;
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const ack of acks) {
    const a = await fetchArtifact(next.url, ack.id);
    if (a === null) missing.push(`${ack.id} (${ack.user}, ${ack.mode}${ack.stream ? ' stream' : ''})`);
    else {
      const why = mismatch(a, ack);
      if (why) mismatched.push(`${ack.id}: ${why}`);
    }
  }
  // give the restarted daemon's start-up log a moment to be read
  await new Promise((r) => setTimeout(r, 50));
  // the store's warnings as the daemon logs them (warnings.ts kinds)
  const recoveryLines = next.stderr().split('\n').filter((l) => /\bwarn\s+(store|store_write_failed|artifact_truncated):/.test(l));
  return { result: { acked: acks.length, missing, mismatched, killAtMs, startupKill, recoveryLines }, next };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const random = rng(o.seed);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-crash-'));
  const up = await startUpstream();
  const t0 = Date.now();
  let daemon = await spawnDaemon(dir, up.url).ready;
  let rounds = 0;
  let acked = 0;
  const missing: string[] = [];
  const mismatched: string[] = [];
  let recoveries = 0;
  try {
    while (rounds < o.rounds && (Date.now() - t0) / 1000 < o.seconds) {
      const { result, next } = await round(rounds + 1, o, random, dir, up.url, daemon);
      daemon = next;
      rounds++;
      acked += result.acked;
      missing.push(...result.missing);
      mismatched.push(...result.mismatched);
      const torn = result.recoveryLines.filter((l) => l.includes('recovery:')).length;
      recoveries += torn;
      process.stdout.write(
        `round ${rounds}: killed ${result.killAtMs} ms into the load${result.startupKill ? ' and again during start-up' : ''}; ${result.acked} acknowledged, ${result.missing.length} missing, ${result.mismatched.length} differ; start-up log: ${result.recoveryLines.length ? result.recoveryLines.map((l) => l.replace(/^.*?warn\s+/, '')).join(' | ') : 'nothing to recover'}\n`,
      );
      for (const m of [...result.missing, ...result.mismatched].slice(0, 10)) process.stdout.write(`  LOST ${m}\n`);
    }
  } finally {
    daemon.child.kill('SIGTERM');
    await new Promise((r) => (daemon.child.exitCode !== null ? r(null) : daemon.child.once('exit', r)));
    await up.close();
    await fsp.rm(dir, { recursive: true, force: true });
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  process.stdout.write(
    `crash: ${rounds} rounds (seed ${o.seed}, ${o.streams} clients, ${secs} s): ${acked} acknowledged artifacts, ${missing.length} missing, ${mismatched.length} differing; ${recoveries} start-up recovery line(s)\n`,
  );
  if (missing.length > 0 || mismatched.length > 0 || acked === 0 || rounds === 0) process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`crash failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
