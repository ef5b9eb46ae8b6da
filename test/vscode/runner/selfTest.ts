/**
 * Checks the runner itself: a suite that passes must give exit code 0, and one with a failing test must
 * give 1 — a runner that always said 0 would turn CI green over a broken extension. Uses a throwaway
 * extension written to a temp dir (one command) and a plain suite module, so it does not depend on the
 * StreamFix build.
 *
 *   node --import tsx test/vscode/runner/selfTest.ts        (about 20 s; needs setup.sh's tools)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunnerError } from './codeServer';
import { EXIT_RUNNER, runSuite } from './runCodeServer';

const PROBE_MANIFEST = {
  name: 'runner-probe',
  publisher: 'streamfix-test',
  version: '0.0.1',
  engines: { vscode: '^1.91.0' },
  main: './ext.js',
  activationEvents: ['onStartupFinished'],
  contributes: { commands: [{ command: 'runnerProbe.version', title: 'Runner Probe: Node version' }] },
};

const PROBE_EXTENSION = `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('runnerProbe.version', () => process.version));
};
`;

/** Passes unless PROBE_FAIL is set. (No mocha-style "N failing" line: .ci/run sums those.) */
const PROBE_SUITE = `const vscode = require('vscode');
exports.run = async () => {
  const ext = vscode.extensions.getExtension('streamfix-test.runner-probe');
  if (!ext) throw new Error('the probe extension is not loaded');
  await ext.activate();
  const version = await vscode.commands.executeCommand('runnerProbe.version');
  if (version !== process.version) throw new Error('the command answered ' + version);
  if (process.env.PROBE_FAIL) throw new Error('the probe suite fails here on purpose');
  console.log('probe suite: all checks hold');
};
`;

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-probe-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(PROBE_MANIFEST));
    fs.writeFileSync(path.join(dir, 'ext.js'), PROBE_EXTENSION);
    fs.writeFileSync(path.join(dir, 'suite.js'), PROBE_SUITE);
    const base = { testsPath: path.join(dir, 'suite'), devPath: dir, timeoutSec: 120 };
    const passing = await runSuite({ ...base, env: {}, name: 'selftest-pass' });
    const failing = await runSuite({ ...base, env: { PROBE_FAIL: '1' }, name: 'selftest-fail', keepFailed: false });
    const ok = passing === 0 && failing === 1;
    console.log(`[runner self-test] passing suite -> ${passing} (want 0), failing suite -> ${failing} (want 1): ${ok ? 'ok' : 'WRONG'}`);
    return ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[runner self-test] ${err instanceof RunnerError ? `${err.code}: ${err.message}` : (err as Error).stack}`);
    process.exit(EXIT_RUNNER);
  },
);
