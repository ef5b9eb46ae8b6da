/**
 * The same in-host suite under desktop VS Code, via @vscode/test-electron, for machines that can download
 * VS Code (it fetches a build from Microsoft's update service, which this project's CI cannot reach: CI
 * uses runCodeServer.ts). On a Linux machine without a display, run it under xvfb-run.
 *
 *   npm run test:vscode:electron            (VSCODE_VERSION=1.91.0 to pin the oldest supported version)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRunFailedError, runTests } from '@vscode/test-electron';
import { REPO_ROOT, makeRunDirs, makeWorkspace, requireBuilt } from './codeServer';

async function main(): Promise<number> {
  const extensionTestsPath = path.join(REPO_ROOT, 'out/test/vscode/suite/index');
  requireBuilt(`${extensionTestsPath}.js`, 'run "npm run build:vscode-tests" first');
  requireBuilt(path.join(REPO_ROOT, 'dist/extension.js'), 'run "npm run build" first');
  const dirs = makeRunDirs('electron');
  const folder = makeWorkspace(dirs);
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath,
      extensionTestsEnv: { STREAMFIX_VSCODE_HOST: 'electron' },
      launchArgs: [
        folder,
        // only the extension under test: a user's other extensions must not change the results
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(dirs.tmp, 'user-data'),
      ],
    });
  } finally {
    fs.rmSync(dirs.tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // runTests rejects with TestRunFailedError when the suite fails, and with a download error offline
    const message = err instanceof Error ? err.message : String(err);
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(message);
    console.error(`[vscode-electron] ${message}${offline ? ' (desktop VS Code cannot be downloaded here: use npm run test:vscode, which runs the same suite in code-server)' : ''}`);
    process.exit(err instanceof TestRunFailedError && typeof err.code === 'number' && err.code !== 0 ? err.code : 1);
  },
);
