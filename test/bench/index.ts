/**
 * `npm run bench`: the engine benchmark, then the gateway benchmark when test/bench/gateway.ts exists.
 * Prints the markdown tables and writes them to .bench-out/results.md.
 * Run with `node --expose-gc --import tsx test/bench/index.ts`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEngineBench } from './engine';

async function main(): Promise<void> {
  const parts: string[] = [await runEngineBench()];
  const gateway = path.join(__dirname, 'gateway.ts');
  if (existsSync(gateway)) {
    // Imported only when present: the gateway benchmark is written separately.
    const mod = (await import(gateway)) as { runGatewayBench?: () => Promise<string> };
    if (typeof mod.runGatewayBench !== 'function') throw new Error('test/bench/gateway.ts does not export runGatewayBench()');
    parts.push(await mod.runGatewayBench());
  }
  const out = parts.join('\n\n');
  process.stdout.write(out + '\n');
  const dir = path.join(__dirname, '..', '..', '.bench-out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'results.md'), out + '\n');
  process.stderr.write(`[bench] written to ${path.relative(process.cwd(), path.join(dir, 'results.md'))}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
