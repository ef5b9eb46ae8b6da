/**
 * The measurement behind the circuit breaker's choice (README, "Circuit breaker"): the cost per request of
 * the gateway's hand-written breakers (admit + done, with the per-model map) against cockatiel's
 * CircuitBreakerPolicy with a ConsecutiveBreaker (execute around the request), both closed, both with the
 * request itself an already-resolved promise so only the breaker is timed. Checked first: both open
 * after the same failures and refuse the next request.
 */
import { ConsecutiveBreaker, BrokenCircuitError, circuitBreaker, handleWhenResult } from 'cockatiel';
import { Breakers } from '../../server/gateway/breaker';
import { ModelHealth } from '../../server/gateway/modelHealth';

const N = 200_000;
const f1 = (n: number) => n.toFixed(2);

async function checkSameBehaviour(): Promise<void> {
  const ours = new Breakers({ failures: 3, windowMs: 60_000, cooldownMs: 30_000, failedRate: null }, new ModelHealth(), () => undefined);
  const theirs = circuitBreaker(handleWhenResult((r) => (r as number) >= 500), { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(3) });
  for (let i = 0; i < 3; i++) {
    const a = ours.admit('r', 'u', 'm');
    if (a.open) throw new Error('ours opened early');
    a.done(500);
    await theirs.execute(async () => 500);
  }
  if (!ours.admit('r', 'u', 'm').open) throw new Error('ours did not open after 3 failures');
  let refused = false;
  await theirs.execute(async () => 200).catch((e: unknown) => (refused = e instanceof BrokenCircuitError));
  if (!refused) throw new Error('cockatiel did not open after 3 failures');
}

export async function runBreakerBench(): Promise<string> {
  await checkSameBehaviour();
  const ours = new Breakers({ failures: 5, windowMs: 60_000, cooldownMs: 30_000, failedRate: null }, new ModelHealth(), () => undefined);
  const theirs = circuitBreaker(handleWhenResult((r) => (r as number) >= 500), { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) });
  const request = () => Promise.resolve(200);
  // the model names exist before the breaker sees them, as the request's model string does in the gateway
  const models = Array.from({ length: 8 }, (_, i) => `m${i}`);
  const oursOnce = async (i: number) => {
    const a = ours.admit('r', 'u', models[i & 7]!);
    if (a.open) throw new Error('open');
    a.done(await request());
  };
  const theirsOnce = async () => {
    await theirs.execute(request);
  };
  const time = async (fn: (i: number) => Promise<void>) => {
    for (let i = 0; i < 20_000; i++) await fn(i); // warm-up
    const t = performance.now();
    for (let i = 0; i < N; i++) await fn(i);
    return ((performance.now() - t) * 1000) / N;
  };
  const base = await time(async () => {
    await request();
  });
  const rows: [string, number][] = [];
  for (let round = 0; round < 3; round++) {
    rows.push(['hand-written', (await time(oursOnce)) - base], ['cockatiel', (await time(theirsOnce)) - base]);
  }
  const best = (name: string) => Math.min(...rows.filter((r) => r[0] === name).map((r) => r[1]));
  return [
    '### Circuit breaker: cost per request (closed breaker, µs above an awaited resolved promise; best of 3 rounds of 200,000)',
    '',
    '| breaker | µs per request |',
    '|---|---:|',
    `| hand-written (server/gateway/breaker.ts, 8 models) | ${f1(best('hand-written'))} |`,
    `| cockatiel CircuitBreakerPolicy + ConsecutiveBreaker (one policy) | ${f1(best('cockatiel'))} |`,
  ].join('\n');
}

if (require.main === module) {
  runBreakerBench().then(
    (t) => process.stdout.write(t + '\n'),
    (e: Error) => {
      process.stderr.write(`breaker bench failed: ${e.stack ?? e.message}\n`);
      process.exit(1);
    },
  );
}
