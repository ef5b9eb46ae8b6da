/**
 * `npm run bench`: the engine benchmark, then the gateway benchmark, then the artifact store's.
 * Prints the markdown tables and writes them to .bench-out/results.md.
 * Run with `node --expose-gc --import tsx test/bench/index.ts`; `BENCH_ONLY=gateway,store` runs only the
 * parts named; `GATEWAY_AB=<git ref> BENCH_ONLY=ab` compares this tree's gateway with the ref's (gatewayAB.ts),
 * `GATEWAY_AB_FLAGS='<node options>' BENCH_ONLY=flags` this tree's gateway with and without the options (gatewayFlagsAB.ts),
 * `BENCH_ONLY=alloc` where this tree's gateway allocates per stream (gatewayAlloc.ts), `BENCH_ONLY=prof` where it
 * spends CPU (gatewayProf.ts), `BENCH_ONLY=gap` what json_schema's gap to repair is made of (schemaGap.ts).
 *
 * The gateway benchmark runs in a process of its own, from an esbuild bundle of test/bench/gateway.ts
 * (and of its load process): the daemon ships as a bundle (dist/main.js) and runs nothing but the
 * gateway, so that is what is measured, with its anchors (the bare proxy, the upstream) in that same
 * process run. Run in this process after the engine benchmark, the gateway measured 2x slower per chunk:
 * V8 had compiled the engine for the benchmark's varied corpus, and the source ran through tsx.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { runBreakerBench } from './breaker';
import { runEngineBench } from './engine';
import { DAEMON_NODE_FLAGS } from '../../shared/config';

/** The schema check's RE2 (re2-wasm) loads re2.wasm from beside the bundle that holds it, as dist/main.js
 * finds dist/re2.wasm, and a new instance after a death evaluates re2-glue.js there (npm run build:node
 * copies both). */
function copyWasm(dir: string): void {
  copyFileSync(require.resolve('re2-wasm/build/wasm/re2.wasm'), path.join(dir, 're2.wasm'));
  copyFileSync(require.resolve('re2-wasm/build/wasm/re2.js'), path.join(dir, 're2-glue.js'));
}

/** Bundles a benchmark (and its helpers) and runs it in a fresh Node process; resolves with its table. */
function runBundled(outDir: string, name: string, entries: string[]): Promise<string> {
  const dir = path.join(outDir, `${name}-bench`);
  buildSync({
    entryPoints: entries.map((e) => path.join(__dirname, e)),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: dir,
    logLevel: 'warning',
  });
  copyWasm(dir);
  return new Promise((resolve, reject) => {
    // with the daemon's Node options: what is measured runs as the daemon runs (its load process does not)
    const child = spawn(process.execPath, ['--expose-gc', ...DAEMON_NODE_FLAGS, path.join(dir, entries[0].replace(/\.ts$/, '.js'))], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${name} benchmark process exited with ${signal ?? code}`))));
  });
}

/** `BENCH_ONLY=gateway` (a comma-separated list of engine, gateway, breaker, store, ab): only those parts
 * run. `ab` (the gateway A/B against a git ref, gatewayAB.ts) runs only when asked for. */
const PARTS = ['engine', 'gateway', 'breaker', 'store'] as const;
const ASKED_ONLY = ['ab', 'flags', 'alloc', 'prof', 'gap'] as const;
function partsToRun(): Set<string> {
  const only = process.env.BENCH_ONLY;
  if (!only) return new Set(PARTS);
  const asked = only.split(',').map((s) => s.trim());
  const known: readonly string[] = [...PARTS, ...ASKED_ONLY];
  const unknown = asked.filter((p) => !known.includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')}; the parts are ${known.join(', ')}`);
  return new Set(asked);
}

/**
 * The base build of the gateway A/B: the ref's server/ and shared/ as committed (git archive), with this
 * tree's abBase.ts as the entry, bundled; returns the bundle's path. Packages resolve to this tree's
 * node_modules (.bench-out is inside it), so a ref that needs other package versions is not measured as
 * it shipped.
 */
function buildAbBase(outDir: string, ref: string): string {
  const root = path.join(__dirname, '..', '..');
  const dir = path.join(outDir, 'ab-base');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'test', 'bench'), { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', ref, 'server', 'shared'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  copyFileSync(path.join(__dirname, 'abBase.ts'), path.join(dir, 'test', 'bench', 'abBase.ts'));
  const out = path.join(dir, 'base.js');
  buildSync({ entryPoints: [path.join(dir, 'test', 'bench', 'abBase.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning' });
  copyWasm(dir);
  return out;
}

async function main(): Promise<void> {
  const run = partsToRun();
  const dir = path.join(__dirname, '..', '..', '.bench-out');
  mkdirSync(dir, { recursive: true });
  const parts: string[] = [];
  if (run.has('engine')) parts.push(await runEngineBench(dir));
  if (run.has('gateway')) parts.push(await runBundled(dir, 'gateway', ['gateway.ts', 'gatewayLoad.ts']));
  if (run.has('breaker')) parts.push(await runBreakerBench());
  // the artifact store (durability cost, throughput) in a process of its own too
  if (run.has('store')) parts.push(await runBundled(dir, 'store', ['store.ts', 'storeLoad.ts', 'storeFloorProbe.ts']));
  if (run.has('ab')) {
    // the child process reads both from its environment
    process.env.GATEWAY_AB ??= 'main';
    process.env.GATEWAY_AB_BASE = buildAbBase(dir, process.env.GATEWAY_AB);
    parts.push(await runBundled(dir, 'ab', ['gatewayAB.ts', 'gatewayLoad.ts']));
  }
  // one build in two processes, with and without GATEWAY_AB_FLAGS (gatewayFlagsAB.ts)
  if (run.has('flags')) parts.push(await runBundled(dir, 'flags', ['gatewayFlagsAB.ts', 'gatewayLoad.ts', 'gatewayHost.ts']));
  // where this tree's gateway allocates (gatewayAlloc.ts)
  if (run.has('alloc')) parts.push(await runBundled(dir, 'alloc', ['gatewayAlloc.ts', 'gatewayLoad.ts']));
  // where this tree's gateway spends CPU per stream (gatewayProf.ts)
  if (run.has('prof')) parts.push(await runBundled(dir, 'prof', ['gatewayProf.ts', 'gatewayLoad.ts']));
  // what the json_schema target's gap to repair is made of (schemaGap.ts)
  if (run.has('gap')) parts.push(await runBundled(dir, 'gap', ['schemaGap.ts', 'gatewayLoad.ts']));
  const out = parts.join('\n\n');
  process.stdout.write(out + '\n');
  // a partial run leaves the full run's results.md alone
  const file = path.join(dir, run.size === PARTS.length ? 'results.md' : `results.${[...run].join('-')}.md`);
  writeFileSync(file, out + '\n');
  process.stderr.write(`[bench] written to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
