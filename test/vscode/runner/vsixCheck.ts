/**
 * Runs inside the extension host with NO extensionDevelopmentPath: the StreamFix extension in this host is
 * the one installed from the .vsix (vsix.ts installs it first). Checks that the package holds only what
 * runs and that it works from there: it activates, its daemon (the bundled dist/main.js) answers, and
 * Repair JSON Selection repairs a document. Plain asserts, no mocha: the .vsix has no node_modules and
 * this module must not lean on the checkout beyond the fixture workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'streamfix.streamfix';

interface Api {
  whenRunning(): Promise<{ port: number; demo: boolean }>;
}

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)),
  ]);
}

const checks: [string, () => Promise<void>][] = [];
const check = (name: string, fn: () => Promise<void>) => checks.push([name, fn]);
let ext: vscode.Extension<Api> | undefined;

check('the extension is the installed one, not the checkout', async () => {
  ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const repo = process.env.STREAMFIX_REPO_ROOT;
  assert.ok(repo, 'STREAMFIX_REPO_ROOT is not set');
  assert.ok(!ext.extensionPath.startsWith(repo), `${ext.extensionPath} is inside the checkout`);
  assert.equal(ext.packageJSON.version, process.env.STREAMFIX_EXPECT_VERSION);
});

check('the package holds the bundles, documents and images, and no node_modules or sources', async () => {
  const files = listFiles(ext!.extensionPath);
  const has = (re: RegExp) => files.some((f) => re.test(f));
  for (const needed of ['package.json', 'dist/extension.js', 'dist/main.js', 'dist/webview/chat.js', 'dist/webview/chat.css', 'dist/webview/inspector.js', 'dist/webview/inspector.css']) {
    assert.ok(files.includes(needed), `${needed} is missing from the package (has: ${files.join(', ')})`);
  }
  // vsce stores LICENSE as LICENSE.txt and lower-cases the changelog's name
  for (const doc of [/^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt)?$/i]) {
    assert.ok(has(doc), `no file matching ${doc} in the package (has: ${files.join(', ')})`);
  }
  // every image the manifest names (extension icon, view container and view icons) must be inside
  const images = new Set<string>();
  JSON.stringify(ext!.packageJSON, (key, value: unknown) => {
    if (key === 'icon' && typeof value === 'string' && !value.startsWith('$(')) images.add(path.normalize(value));
    return value;
  });
  assert.ok(images.size > 0, 'the manifest names no icon');
  for (const image of images) assert.ok(files.includes(image), `${image} is named in package.json but not packaged`);
  const unwanted = files.filter((f) => f.includes('node_modules') || /\.(ts|map)$/.test(f) || /^(test|out|server|shared|\.tools)\//.test(f));
  assert.deepEqual(unwanted, []);
});

check('it activates and its daemon answers /health', async () => {
  const api = await ext!.activate();
  const info = await withTimeout(api.whenRunning(), 30000, 'daemon start');
  const res = await fetch(`http://127.0.0.1:${info.port}/health`);
  assert.equal(res.status, 200);
});

check('Repair JSON Selection repairs a whole document', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  const broken = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'broken.json'));
  const expected = fs.readFileSync(path.join(folder.uri.fsPath, 'valid.json'), 'utf8');
  await vscode.window.showTextDocument(broken);
  await vscode.commands.executeCommand('streamfix.repairSelection');
  assert.equal(broken.getText(), expected);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

/** The entry the workbench calls (the @vscode/test-electron contract): rejects when any check failed. */
export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, fn] of checks) {
    try {
      await fn();
      console.log(`  ok   ${name}`);
    } catch (err) {
      failed++;
      console.log(`  FAIL ${name}\n       ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // mocha's summary wording, so .ci/run counts these with the other suites
  console.log(`  ${checks.length - failed} passing`);
  if (failed) console.log(`  ${failed} failing`);
  if (failed) throw new Error(`${failed} of ${checks.length} .vsix checks failed`);
}
