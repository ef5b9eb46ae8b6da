/**
 * The .vsix install test: installs streamfix.vsix (from `npm run package`) into a fresh code-server
 * extensions dir with code-server's own CLI, then runs vsixCheck.ts in the extension host with the
 * installed package as the only StreamFix extension. The workbench runs extensionTestsPath only when an
 * extensionDevelopmentPath is given too, so the development path is an empty carrier extension (a bare
 * package.json with another id), not the checkout.
 *
 *   npm run test:vsix        (= npm run package && node --import tsx test/vscode/runner/vsix.ts)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT, RunnerError, requireBuilt } from './codeServer';
import { EXIT_RUNNER, runSuite } from './runCodeServer';

async function main(): Promise<number> {
  const vsix = path.resolve(REPO_ROOT, process.argv[2] ?? 'streamfix.vsix');
  requireBuilt(vsix, 'run "npm run package" first');
  console.log(`[vsix] ${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB`);
  const outfile = path.join(REPO_ROOT, 'out/test/vscode/vsix-check/index.js');
  await build({
    entryPoints: [path.join(__dirname, 'vsixCheck.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    outfile,
    logLevel: 'warning',
  });
  const carrier = path.dirname(outfile);
  fs.writeFileSync(
    path.join(carrier, 'package.json'),
    JSON.stringify({ name: 'vsix-check-carrier', publisher: 'streamfix-test', version: '0.0.0', engines: { vscode: '^1.91.0' } }),
  );
  const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
  return runSuite({
    testsPath: outfile.replace(/\.js$/, ''),
    devPath: carrier,
    install: [vsix],
    timeoutSec: 180,
    env: { STREAMFIX_REPO_ROOT: REPO_ROOT, STREAMFIX_EXPECT_VERSION: version, STREAMFIX_VSCODE_HOST: 'code-server' },
    name: 'vsix',
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[vsix] ${err instanceof RunnerError ? `${err.code}: ${err.message}` : (err as Error).stack}`);
    process.exit(EXIT_RUNNER);
  },
);
