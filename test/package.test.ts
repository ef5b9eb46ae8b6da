/**
 * The npm package as a user gets it: the files `npm pack` puts in the tarball, then the engine imported
 * from a separate directory (ESM, CommonJS, and type-checked against the declarations) and the CLI run
 * through the `bin`, using only those files. Before .npmignore, the tarball had no dist/ at all.
 * npm test builds dist/ first; `npm pack --dry-run --ignore-scripts` lists the files without a build.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return pack!.files.map((f) => f.path).sort();
}

function node(cwd: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the npm package (npm pack)', function () {
  this.timeout(120_000);
  let files: string[];
  let consumer: string;

  before(() => {
    files = packedFiles();
    // A project of its own with the package installed as npm would unpack it (only the packed files).
    consumer = mkdtempSync(path.join(os.tmpdir(), 'sfx-consumer-'));
    const installed = path.join(consumer, 'node_modules', 'streamfix');
    for (const f of files) {
      mkdirSync(path.dirname(path.join(installed, f)), { recursive: true });
      cpSync(path.join(ROOT, f), path.join(installed, f));
    }
    writeFileSync(path.join(consumer, 'package.json'), '{"name": "consumer", "private": true}\n');
  });
  after(() => rmSync(consumer, { recursive: true, force: true }));

  it('holds the engine bundles, their type declarations and the CLI, and no sources or tests', () => {
    const types = files.filter((f) => f.startsWith('dist/types/'));
    assert.deepEqual(
      files.filter((f) => !f.startsWith('dist/types/')),
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/cli.js',
        'dist/engine.cjs',
        'dist/engine.mjs',
        'dist/main.js',
        'dist/re2-glue.js',
        'dist/re2.wasm',
        'dist/schemaThread.js',
        'package.json',
        'server/bin/streamfix.cjs',
      ],
    );
    assert.ok(types.includes('dist/types/shared/engine/index.d.ts'));
    assert.deepEqual(types.filter((f) => !/^dist\/types\/shared\/engine\/\w+\.d\.ts$/.test(f)), []);
  });

  it("imports 'streamfix/engine' as ESM and as CommonJS", () => {
    const esm = node(consumer, [
      '--input-type=module',
      '-e',
      "import { repairJson, createStreamRepairer } from 'streamfix/engine'; const s = createStreamRepairer(); " +
        "const out = s.push('{a: 1,').output + s.end().final; console.log(repairJson(\"{name: 'Ada',}\").json, out);",
    ]);
    assert.deepEqual(esm, { status: 0, stdout: '{"name": "Ada"} {"a": 1}\n', stderr: '' });
    const cjs = node(consumer, ['-e', "const { repairJson } = require('streamfix'); console.log(repairJson('[1, 2,]').status);"]);
    assert.deepEqual(cjs, { status: 0, stdout: 'REPAIRED\n', stderr: '' });
  });

  for (const [mod, resolution] of [['nodenext', 'nodenext'], ['commonjs', 'node10']] as const) {
    it(`type-checks a consumer against the declarations (strict, module ${mod}, moduleResolution ${resolution})`, () => {
      writeFileSync(
        path.join(consumer, 'use.ts'),
        "import { repairJson, createStreamRepairer, summarizeRepairs, type RepairResult } from 'streamfix/engine';\n" +
          "import { repairJson as sameEngine } from 'streamfix';\n" +
          "const r: RepairResult = repairJson('{a: 1}');\n" +
          "const out: string = createStreamRepairer().push('{').output;\n" +
          'export const shown = [r.status, out, summarizeRepairs(r), sameEngine(out).status];\n' +
          '// @ts-expect-error: the declarations say what push returns\n' +
          "const wrong: number = createStreamRepairer().push('{').output;\n",
      );
      const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = [tsc, '--strict', '--noEmit', '--module', mod, '--moduleResolution', resolution, '--target', 'es2022', '--lib', 'es2022', '--skipLibCheck', 'use.ts'];
      assert.deepEqual(node(consumer, args), { status: 0, stdout: '', stderr: '' });
    });
  }

  it("runs the CLI through the package's bin", () => {
    const r = node(consumer, ['node_modules/streamfix/server/bin/streamfix.cjs', 'repair'], "{a: 1, b: [2,],}\n");
    assert.deepEqual(r, { status: 0, stdout: '{"a": 1, "b": [2]}\n', stderr: '' });
  });
});
