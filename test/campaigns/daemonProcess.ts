/**
 * The campaigns' daemon: the built daemon (dist/main.js) in its own process, so its memory and file
 * descriptors are measured alone, on a free port, in front of a loopback upstream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { DAEMON_NODE_FLAGS } from '../../shared/config';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface DaemonProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Resident memory now, in bytes (/proc). */
  rss(): number;
  /** Open file descriptors now (/proc). */
  fds(): number;
  /** CPU time the daemon has used (user + system), ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** The daemon's Node options (DAEMON_NODE_FLAGS), or SFX_DAEMON_NODE_FLAGS when set (space-separated; empty for
 * none): what the campaigns measure with other options, e.g. the memory campaign with a larger semi-space. */
function nodeFlags(): readonly string[] {
  const env = process.env.SFX_DAEMON_NODE_FLAGS;
  return env === undefined ? DAEMON_NODE_FLAGS : env.split(' ').filter(Boolean);
}

export async function startDaemonProcess(upstream: string, extra: string[] = []): Promise<DaemonProcess> {
  const main = path.join(__dirname, '..', '..', 'dist', 'main.js');
  const child = spawn(process.execPath, [...nodeFlags(), main, '--port', '0', '--upstream', upstream, '--log-level', 'warn', '--data-dir', path.join(process.env.SFX_CAMPAIGN_DIR ?? require('node:os').tmpdir(), `sfx-campaign-${process.pid}-${Date.now()}`), ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, OPENROUTER_API_KEY: 'sk-campaign-key-0123456789' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`daemon exited with ${code} before listening: ${out}`)));
  });
  child.stdout!.resume();
  const pid = child.pid!;
  return {
    url,
    port: Number(new URL(url).port),
    pid,
    child,
    rss: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024,
    fds: () => readdirSync(`/proc/${pid}/fd`).length,
    // utime + stime (fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses), in clock ticks (100 per second)
    cpuMs: () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((n, t) => n + Number(t) * 10, 0),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
