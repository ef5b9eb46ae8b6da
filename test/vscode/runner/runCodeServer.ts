/**
 * Runs the extension's mocha suite (a module exporting run(): Promise<void>, the @vscode/test-electron
 * contract) inside the real extension host of code-server, opened by headless chromium.
 *
 *   node --import tsx test/vscode/runner/runCodeServer.ts [--tests out/test/vscode/suite/index]
 *        [--ext .] [--no-dev] [--install x.vsix] [--timeout 1800] [--env K=V]... [--name run]
 *
 * Exit code: the suite's (0 all passed, 1 failures), 124 on time-out, 2 when the runner itself failed.
 * The full logs stay in test-results/vscode/<name>-<time>-<pid>/ (workbench.log, code-server.log, VS Code's
 * own logs with the extension host's), the last five runs of each name.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import {
  REPO_ROOT,
  RunnerError,
  codeServerDirs,
  codeServerEnv,
  findTools,
  isNoise,
  launchBrowser,
  makeLogger,
  makeRunDirs,
  makeWorkspace,
  requireBuilt,
  startCodeServer,
  workbenchUrl,
  type RunDirs,
  type Tools,
} from './codeServer';
import { findWebview, runPaletteCommand, startUiDriver, type ReloadCheck } from './uiDriver';
import type { Page } from 'playwright-core';

export const EXIT_TIMEOUT = 124;
export const EXIT_RUNNER = 2;

export interface SuiteRun {
  /** Module exporting run(): Promise<void>, absolute, without .js. */
  testsPath: string;
  /** Extension under development; undefined runs only installed extensions (the .vsix check). */
  devPath?: string;
  /** .vsix files installed into this run's extensions dir before code-server starts. */
  install?: string[];
  timeoutSec: number;
  env: Record<string, string>;
  name: string;
  /** Keep the run's temp dir (user data, extension host logs) when the suite fails; default true. */
  keepFailed?: boolean;
}

/** Installs a .vsix with code-server's own CLI into the run's extensions dir. */
export function installVsix(tools: Tools, dirs: RunDirs, vsix: string): string {
  const { userData, extensions } = codeServerDirs(dirs);
  const out = execFileSync(
    tools.node,
    [tools.codeServerEntry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
    { env: codeServerEnv(tools, dirs), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 },
  );
  return out.trim();
}

/** Runs one suite to completion and returns the exit code; never throws for a failing test. */
export async function runSuite(run: SuiteRun): Promise<number> {
  const log = makeLogger('vscode-runner');
  const tools = findTools();
  requireBuilt(`${run.testsPath}.js`, 'run "npm run build:vscode-tests" first');
  if (run.devPath) requireBuilt(path.join(run.devPath, 'package.json'), 'not an extension folder');
  const dirs = makeRunDirs(run.name);
  const folder = makeWorkspace(dirs);
  for (const vsix of run.install ?? []) log(installVsix(tools, dirs, vsix));

  // the UI tests in the suite drive the workbench through this (uiDriver.ts)
  const ui = await startUiDriver(dirs.logs);
  const env = { ...run.env, STREAMFIX_UI_DRIVER: ui.url };
  const server = await startCodeServer({ tools, dirs, folder, env });
  log(`code-server up at ${server.url} (pid ${server.pid}); logs in ${dirs.logs}`);
  let code = EXIT_RUNNER;
  const browser = await launchBrowser(tools, server.env);
  try {
    // the suite reads what the UI copied (vscode.env.clipboard is the browser's clipboard here)
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    ui.attach(page);
    const wbLog = fs.createWriteStream(path.join(dirs.logs, 'workbench.log'));
    // the page may still log (and throw) after the suite's end closed the log (a failed suite's screenshot
    // is taken after it): those lines are dropped, not written after the end (an unhandled stream error
    // that killed the runner's self-test once, in its deliberately failing run)
    const wbWrite = (text: string): void => {
      if (!wbLog.writableEnded) wbLog.write(text);
    };
    let finish!: (code: number) => void;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    // The smoke-test driver sends every extension-host console line here (mocha's reporter included)...
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const line = format(...(Array.isArray(args) ? args : [args])).replace(/%c/g, '');
      wbWrite(line + '\n');
      if (!isNoise(line)) console.log(line);
    });
    // ...and the exit code of run() (0 resolved, 1 rejected) here.
    await page.exposeFunction('codeAutomationExit', (exitCode: number) => finish(exitCode));
    page.on('crash', () => {
      log('the workbench page crashed');
      finish(EXIT_RUNNER);
    });
    page.on('pageerror', (err) => wbWrite(`[pageerror] ${err.stack ?? err.message}\n`));
    const timer = setTimeout(() => {
      log(`time-out after ${run.timeoutSec} s`);
      finish(EXIT_TIMEOUT);
    }, run.timeoutSec * 1000);

    const url = workbenchUrl(server.url, { folder, devPath: run.devPath, testsPath: run.testsPath, env });
    log('opening the workbench');
    // the page load is bounded by the run's own time-out above, not playwright's 30 s default (on a loaded
    // 2-core machine code-server can take longer than that to serve the workbench)
    await page.goto(url, { timeout: run.timeoutSec * 1000 });
    code = await finished;
    clearTimeout(timer);
    if (code === 0 && ui.reloadChecks.length > 0) {
      code = await runReloadChecks(page, workbenchUrl(server.url, { folder, devPath: run.devPath, env }), ui.reloadChecks, log, dirs.logs);
    }
    wbLog.end();
    log(`suite result: exit code ${code}`);
    if (code !== 0) await page.screenshot({ path: path.join(dirs.logs, 'last-screen.png') }).catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    await ui.close();
    await server.stop();
    copyExtHostLogs(dirs);
    if (code === 0 || run.keepFailed === false) fs.rmSync(dirs.tmp, { recursive: true, force: true });
    else log(`kept the run's files in ${dirs.tmp}`);
  }
  return code;
}

/**
 * What the suite cannot check from inside the extension host, whose reload ends it: reloads the window
 * (same user data, no tests this time) and looks for each text the suite registered. Prints mocha-style
 * lines, so CI's pass/fail totals count them. Exit code 0 when all were found, else 1.
 */
async function runReloadChecks(page: Page, url: string, checks: ReloadCheck[], log: (...p: unknown[]) => void, logs: string): Promise<number> {
  log('reloading the window for the after-reload checks');
  await page.goto(url, { timeout: 120_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  // the palette lists the extension's commands once its host is up; its status bar item says when
  await page.locator('.statusbar-item', { hasText: /StreamFix :\d+/ }).waitFor({ timeout: 60000 });
  let failed = 0;
  console.log('\n  after a window reload');
  for (const c of checks) {
    try {
      await runPaletteCommand(page, c.openCommand);
      const frame = await findWebview(page, c.frame, 60000);
      await frame.locator(c.selector, { hasText: c.hasText }).first().waitFor({ timeout: 30000 });
      console.log(`    ✔ ${c.name}`);
    } catch (err) {
      failed++;
      console.log(`    ✗ ${c.name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      await page.screenshot({ path: path.join(logs, `after-reload-FAILED.png`) }).catch(() => undefined);
    }
  }
  console.log(`\n  ${checks.length - failed} passing`);
  if (failed > 0) console.log(`  ${failed} failing`);
  return failed > 0 ? 1 : 0;
}

/** The extension host's own logs (activation errors land there) next to ours. */
function copyExtHostLogs(dirs: RunDirs): void {
  const logsRoot = path.join(codeServerDirs(dirs).userData, 'logs');
  if (!fs.existsSync(logsRoot)) return;
  fs.cpSync(logsRoot, path.join(dirs.logs, 'vscode-logs'), { recursive: true });
}

const USAGE = `usage: node --import tsx test/vscode/runner/runCodeServer.ts [options]
  --tests PATH     module exporting run(): Promise<void> (default out/test/vscode/suite/index)
  --ext DIR        extension under development (default: the checkout)
  --no-dev         no extension under development (only installed ones)
  --install VSIX   install a .vsix into this run's extensions dir first (repeatable)
  --timeout SEC    give up after SEC seconds, exit 124 (default 1800: at load 10 the suite took over 600 s to reach its middle, 2026-12-02)
  --env KEY=VALUE  environment for the extension host (repeatable)
  --name NAME      name of the log dir under test-results/vscode/ (default suite)`;

function parseCli(argv: string[]): SuiteRun | null {
  let parsed;
  try {
    parsed = parseFlags(argv);
  } catch (err) {
    // node's parseArgs throws TypeError with a code for unknown flags and missing values
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new RunnerError('BAD_ARGS', `${(err as Error).message}\n${USAGE}`);
    throw err;
  }
  if (parsed.help) {
    console.log(USAGE);
    return null;
  }
  return parsed.run;
}

function parseFlags(argv: string[]): { help: boolean; run: SuiteRun } {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      tests: { type: 'string', default: 'out/test/vscode/suite/index' },
      ext: { type: 'string', default: '.' },
      'no-dev': { type: 'boolean', default: false },
      install: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string', default: '1800' },
      env: { type: 'string', multiple: true, default: [] },
      name: { type: 'string', default: 'suite' },
    },
  });
  const timeoutSec = Number(values.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new RunnerError('BAD_ARGS', `--timeout must be a positive number of seconds, got "${values.timeout}"`);
  const env: Record<string, string> = {};
  for (const pair of values.env) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new RunnerError('BAD_ARGS', `--env expects KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  // tells the suite which host it runs in (some checks differ in the web workbench)
  env.STREAMFIX_VSCODE_HOST ??= 'code-server';
  const abs = (p: string) => path.resolve(REPO_ROOT, p);
  return { help: values.help, run: {
    testsPath: abs(values.tests).replace(/\.js$/, ''),
    devPath: values['no-dev'] ? undefined : abs(values.ext),
    install: values.install.map(abs),
    timeoutSec,
    env,
    name: values.name.replace(/[^\w.-]/g, '_'),
  } };
}

if (require.main === module) {
  (async () => {
    const t0 = Date.now();
    const run = parseCli(process.argv.slice(2));
    if (!run) process.exit(0);
    const code = await runSuite(run);
    console.log(`[vscode-runner] finished with exit code ${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    process.exit(code);
  })().catch((err: unknown) => {
    console.error(`[vscode-runner] ${err instanceof RunnerError ? `${err.code}: ${err.message}` : (err as Error).stack}`);
    process.exit(EXIT_RUNNER);
  });
}
