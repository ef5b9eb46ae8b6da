/**
 * The load campaign: the built daemon in its own process in front of a loopback upstream that answers at
 * once (a short streamed answer). 1,000 concurrent streams, then 10,000 sequential requests (streaming
 * and not, every mode). Reports throughput, latency p50/p99 through the gateway and the gateway's own
 * added time (the artifacts' addedMs), errors (goal 0), and the daemon's RSS and open file descriptors
 * before, at the peak and after (goal: back to baseline). Exits 1 on any error or leak.
 *
 *   npm run build && node --import tsx test/campaigns/load.ts [--concurrent 1000] [--sequential 10000]
 */
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { mb, startDaemonProcess } from './daemonProcess';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CONCURRENT = arg('concurrent', 1000);
const SEQUENTIAL = arg('sequential', 10000);

const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'gen-1', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
const STREAM = [chunk('{"name": '), chunk('"Ada", "born": 1815,'), chunk(' "langs": ["en",]'), chunk('}', 'stop'), 'data: [DONE]\n\n'].join('');
const COMPLETION = JSON.stringify({ id: 'gen-1', object: 'chat.completion', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: '{"name": "Ada",}' }, finish_reason: 'stop' }] });

async function startUpstream(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const stream = Buffer.concat(parts).includes('"stream":true');
      res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
      res.end(stream ? STREAM : COMPLETION);
    });
  });
  // short, so the daemon's idle pooled connections close soon after the run (their descriptors are counted)
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 2048, r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, close: () => server.close() };
}

async function upstreamQueued(url: string): Promise<number> {
  const h = (await (await fetch(`${new URL(url).origin}/health`)).json()) as { upstreamRequests: { queuedTotal: number } };
  return h.upstreamRequests.queuedTotal;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function main(): Promise<void> {
  const up = await startUpstream();
  const d = await startDaemonProcess(up.url);
  const agent = new Agent({ connections: CONCURRENT + 16, keepAliveTimeout: 30_000 });
  const modes = ['repair', 'strip', 'passthrough'];
  const errors: string[] = [];
  const one = async (i: number): Promise<number> => {
    const stream = i % 4 !== 3;
    const t = performance.now();
    const res = await request(`${d.url}/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', 'x-streamfix-mode': modes[i % 3]! },
      body: JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: String(i) }] }),
    });
    const text = await res.body.text();
    const ms = performance.now() - t;
    if (res.statusCode !== 200 || (stream ? !text.endsWith('data: [DONE]\n\n') : !text.includes('"choices"'))) errors.push(`${i}: ${res.statusCode} ${text.slice(0, 200)}`);
    return ms;
  };
  // warm-up (fills the artifact store to its 1,000-artifact bound and the event backlog), then the baseline
  for (let i = 0; i < 1100; i++) await one(i);
  await new Promise((r) => setTimeout(r, 500));
  const rss0 = d.rss();
  const fds0 = d.fds();
  let rssPeak = rss0;
  let fdsPeak = fds0;
  const sample = setInterval(() => {
    rssPeak = Math.max(rssPeak, d.rss());
    fdsPeak = Math.max(fdsPeak, d.fds());
  }, 50);

  let t0 = performance.now();
  const cpu0 = { daemon: d.cpuMs(), load: process.cpuUsage() };
  const queued0 = await upstreamQueued(d.url);
  const concurrent = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => one(i)));
  const concurrentS = (performance.now() - t0) / 1000;
  const load = process.cpuUsage(cpu0.load);
  // where the concurrent phase's time went: the daemon's CPU, this process's (the clients and the
  // upstream), and how many requests waited for an upstream slot
  const phase = { daemonCpuS: (d.cpuMs() - cpu0.daemon) / 1000, loadCpuS: (load.user + load.system) / 1e6, queued: (await upstreamQueued(d.url)) - queued0 };

  t0 = performance.now();
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await one(i));
  const sequentialS = (performance.now() - t0) / 1000;
  clearInterval(sample);

  const list = (await (await fetch(`${d.url}/streamfix/results?limit=1000`)).json()) as { data: { id: string }[] };
  const added: number[] = [];
  for (const a of list.data.slice(0, 300)) added.push(((await (await fetch(`${d.url}/streamfix/result/${a.id}`)).json()) as { timings: { addedMs: number } }).timings.addedMs);

  await agent.close();
  // the client sockets close at once; the daemon's idle upstream connections when their keep-alive
  // (30 s) runs out: wait for the descriptors to come back, at most 45 s
  const waitStart = performance.now();
  while (d.fds() > fds0 + 8 && performance.now() - waitStart < 45_000) await new Promise((r) => setTimeout(r, 500));
  const backS = (performance.now() - waitStart) / 1000;
  const rss1 = d.rss();
  const fds1 = d.fds();
  await d.stop();
  up.close();

  console.log(`load: ${CONCURRENT} concurrent requests in ${concurrentS.toFixed(2)} s (${(CONCURRENT / concurrentS).toFixed(0)}/s); latency p50 ${percentile(concurrent, 50).toFixed(1)} ms, p99 ${percentile(concurrent, 99).toFixed(1)} ms`);
  console.log(`load: during the ${CONCURRENT} concurrent: daemon CPU ${phase.daemonCpuS.toFixed(2)} s (${((phase.daemonCpuS * 1000) / CONCURRENT).toFixed(2)} ms per request, ${((phase.daemonCpuS / concurrentS) * 100).toFixed(0)}% of a core over the phase), load process (clients + upstream) CPU ${phase.loadCpuS.toFixed(2)} s; ${phase.queued} requests waited for an upstream slot; machine load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`load: ${SEQUENTIAL} sequential requests in ${sequentialS.toFixed(2)} s (${(SEQUENTIAL / sequentialS).toFixed(0)}/s); latency p50 ${percentile(sequential, 50).toFixed(2)} ms, p99 ${percentile(sequential, 99).toFixed(2)} ms`);
  console.log(`load: gateway added time per request (artifact addedMs, last 300): p50 ${percentile(added, 50).toFixed(3)} ms, p99 ${percentile(added, 99).toFixed(3)} ms`);
  console.log(`load: errors ${errors.length}${errors.length ? `: ${errors.slice(0, 5).join(' | ')}` : ''}`);
  console.log(`load: daemon RSS ${mb(rss0)} before, ${mb(rssPeak)} peak, ${mb(rss1)} after; file descriptors ${fds0} before, ${fdsPeak} peak, ${fds1} after (${backS.toFixed(1)} s after the last request)`);
  const fdLeak = fds1 > fds0 + 8;
  const rssLeak = rss1 > rss0 + 64 * 1024 * 1024;
  const ok = errors.length === 0 && !fdLeak && !rssLeak;
  console.log(ok ? 'load: PASS' : `load: FAIL${fdLeak ? ' (file descriptors not back to baseline)' : ''}${rssLeak ? ' (RSS 64 MB over baseline)' : ''}`);
  process.exit(ok ? 0 : 1);
}

void main();
