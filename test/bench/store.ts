/**
 * The artifact store benchmark (part of `npm run bench`; alone: `node --import tsx test/bench/store.ts`).
 *
 * 1. Throughput: artifacts per second the durable store sustains (each one fsynced, group commit), with
 *    256 puts outstanding at a time (many streams ending together), realistic ~3 KB artifacts, the default
 *    bounds (so eviction and segment deletion run too).
 * 2. Added time at the end of a stream: 100 concurrent streams through the gateway, in process, against a
 *    loopback upstream that streams 10 content chunks 10 ms apart; every stream waits for its artifact's
 *    fsync before its `[DONE]`. Measured two ways: the store's commit wait per artifact (put → durable:
 *    exactly what the response's end waits for), and end to end (upstream writes `[DONE]` → client sees
 *    the end of the response, same clock) with the durable store against the in-memory store, rounds
 *    alternating. Then a burst: 100 streams that all end in the same instant.
 * Before timing: every artifact of a checked run must be readable back from the log, and the client
 * content must equal what the upstream sent.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../server/gateway/artifacts';
import { EventHub } from '../../server/gateway/events';
import { silentLogger } from '../../server/gateway/log';
import { GatewayMetrics } from '../../server/gateway/metrics';
import { startGateway } from '../../server/gateway/server';
import type { Artifact } from '../../shared/protocol';

const THROUGHPUT = { artifacts: 20000, outstanding: 256, repeats: 3 };
const STREAMS = { clients: 100, requestsEach: 12, pieces: 10, intervalMs: 10, rounds: 3 };
const log = (s: string) => process.stderr.write(`[bench:store] ${s}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const sortNum = (a: number[]) => [...a].sort((x, y) => x - y);
const ms = (v: number) => v.toFixed(2);
const range = (xs: number[], f: (v: number) => string) => (xs.length === 1 ? f(xs[0]) : `${f(Math.min(...xs))}–${f(Math.max(...xs))}`);

/** A typical artifact of a repaired stream: ~3 KB of JSON, mostly content. */
function artifact(i: number): Artifact {
  const raw = `{"name":"Ada Lovelace","born":1815,"languages":["English","French"],"note":"${'analytical engine '.repeat(60)}${i}"`;
  return {
    id: `sfx_bench${i.toString(36)}`,
    createdAt: new Date().toISOString(),
    model: 'openai/gpt-4o-mini',
    mode: 'repair',
    requestedMode: 'auto',
    stream: true,
    status: 'REPAIRED',
    rawContent: raw,
    repairedContent: raw + '}',
    reasoning: '',
    repairs: [{ kind: 'unclosed_container', offset: raw.length, length: 0, line: 0, column: raw.length, replacement: '}', message: 'Closed the object opened at offset 0' }],
    stripped: [],
    toolCalls: [],
    finishReason: 'length',
    usage: { prompt_tokens: 40, completion_tokens: 300, total_tokens: 340 },
    timings: { ttfbMs: 210.5, totalMs: 2450.25, addedMs: 0.42 },
    chunks: { upstream: 120, client: 121, malformed: 0 },
    stuttering: false,
    errors: [],
  };
}

async function tempDir(): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-bench-store-'));
}

/** The anchor: the disk's own cost, one 3 KB write + fdatasync at a time (what one group commit costs at
 * least), in ms, sorted. */
async function rawFsync(samples = 200): Promise<number[]> {
  const dir = await tempDir();
  const handle = await fsp.open(path.join(dir, 'anchor'), 'w');
  const buf = Buffer.alloc(3000, 0x61);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await handle.write(buf, 0, buf.length, i * buf.length);
    await handle.datasync();
    out.push(performance.now() - t);
  }
  await handle.close();
  await fsp.rm(dir, { recursive: true, force: true });
  return sortNum(out);
}

async function throughputOnce(): Promise<{ perSecond: number; fsyncs: number; cpuUsPerPut: number }> {
  const dir = await tempDir();
  const store = await ArtifactStore.open({ dir });
  const arts = Array.from({ length: THROUGHPUT.artifacts }, (_, i) => artifact(i));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < arts.length) if (!(await store.put(arts[next++]))) failed++;
  };
  await Promise.all(Array.from({ length: THROUGHPUT.outstanding }, worker));
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (failed > 0) throw new Error(`${failed} puts were not durable: ${store.warnings.join('; ')}`);
  const last = arts[arts.length - 1];
  const back = await store.get(last.id);
  if (JSON.stringify(back) !== JSON.stringify(last)) throw new Error('the last artifact does not read back as written');
  const { fsyncs } = store.stats();
  await store.close();
  await fsp.rm(dir, { recursive: true, force: true });
  return { perSecond: (arts.length / elapsed) * 1000, fsyncs, cpuUsPerPut: (cpu.user + cpu.system) / arts.length };
}

interface Upstream {
  url: string;
  /** performance.now() when the upstream wrote the `[DONE]` of each request (by its `user` field). */
  doneAt: Map<string, number>;
  close(): Promise<void>;
}

function chunk(content: string | null, finish: string | null): string {
  const delta = content === null ? {} : { content };
  return `data: ${JSON.stringify({ id: 'gen-bench', object: 'chat.completion.chunk', created: 1700000000, model: 'bench/model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

const PIECES = ['{"name":', '"Ada",', '"born":', '1815,', '"langs":', '["en",', '"fr"],', '"note":', '"ok"', '}'];
const CONTENT = PIECES.join('');

async function startUpstream(): Promise<Upstream> {
  const doneAt = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => (body += s));
    req.on('end', () => {
      const { user, metadata } = JSON.parse(body) as { user: string; metadata: { intervalMs: number } };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const step = () => {
        if (i < PIECES.length) {
          res.write(chunk(PIECES[i++], null));
          if (metadata.intervalMs > 0) setTimeout(step, metadata.intervalMs);
          else setImmediate(step);
          return;
        }
        doneAt.set(user, performance.now());
        res.end(chunk(null, 'stop') + 'data: [DONE]\n\n');
      };
      step();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    doneAt,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

interface StreamRun {
  /** put → durable per artifact (ms); empty for the in-memory store. */
  commitWaits: number[];
  /** upstream [DONE] written → client saw the end (ms). */
  endLatencies: number[];
  fsyncs: number;
  artifacts: number;
}

/** 100 clients, each running `requestsEach` streams one after the other (started spread over 100 ms), or
 * all at once with no pacing (`burst`). */
async function streamRun(durable: boolean, burst: boolean, check: boolean): Promise<StreamRun> {
  const dir = durable ? await tempDir() : null;
  const store = await ArtifactStore.open({ dir, maxCount: 100000, maxBytes: 1024 * 1024 * 1024 });
  const commitWaits: number[] = [];
  if (durable) {
    const put = store.put.bind(store);
    store.put = (a: Artifact) => {
      const t = performance.now();
      const p = put(a);
      void p.then(() => commitWaits.push(performance.now() - t));
      return p;
    };
  }
  const upstream = await startUpstream();
  const gateway = await startGateway({ port: 0, upstream: upstream.url, demo: false, apiKey: null, token: null, allowedOrigins: [], mode: 'repair', store, events: new EventHub(), metrics: new GatewayMetrics({ defaultMetrics: false }), log: silentLogger });
  const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS.clients });
  const endLatencies: number[] = [];
  const ids: string[] = [];
  const one = (user: string, intervalMs: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ model: 'bench/model', stream: true, user, metadata: { intervalMs }, messages: [{ role: 'user', content: 'hi' }] });
      const req = http.request(`${gateway.url}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (text += s));
        res.on('end', () => {
          const t = performance.now();
          if (res.statusCode !== 200 || !text.endsWith('data: [DONE]\n\n')) return reject(new Error(`stream ${user}: ${res.statusCode} ${text.slice(-200)}`));
          endLatencies.push(t - upstream.doneAt.get(user)!);
          ids.push(String(res.headers['x-streamfix-request-id']));
          if (check) {
            const content = [...text.matchAll(/"content":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string).join('');
            if (content !== CONTENT) reject(new Error(`stream ${user}: content ${JSON.stringify(content)}`));
          }
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const client = async (c: number) => {
    if (!burst) await new Promise((r) => setTimeout(r, Math.random() * 100));
    for (let n = 0; n < (burst ? 1 : STREAMS.requestsEach); n++) await one(`${c}-${n}`, burst ? 0 : STREAMS.intervalMs);
  };
  await Promise.all(Array.from({ length: STREAMS.clients }, (_, c) => client(c)));
  if (check) {
    for (const id of ids) if ((await store.get(id))?.repairedContent !== CONTENT) throw new Error(`artifact ${id} does not read back`);
    if (durable) {
      // what a crash now would leave: a fresh store on the directory (read-only, the lock is held) has them all
      const other = await ArtifactStore.open({ dir, maxCount: 100000, maxBytes: 1024 * 1024 * 1024 });
      if (other.stats().readOnly?.count !== ids.length) throw new Error(`a second reader sees ${other.stats().readOnly?.count} of ${ids.length} artifacts`);
      await other.close();
    }
  }
  const { fsyncs } = store.stats();
  agent.destroy();
  await gateway.close(100);
  await upstream.close();
  await store.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
  return { commitWaits, endLatencies, fsyncs, artifacts: ids.length };
}

export async function runStoreBench(): Promise<string> {
  log('checking output');
  await streamRun(true, false, true);
  await streamRun(false, false, true);

  log('disk anchor');
  const anchors = [await rawFsync()];
  log('throughput');
  const tp: Awaited<ReturnType<typeof throughputOnce>>[] = [];
  for (let r = 0; r < THROUGHPUT.repeats; r++) tp.push(await throughputOnce());

  log('end of stream, 100 streams');
  const paced: { durable: StreamRun; memory: StreamRun }[] = [];
  for (let r = 0; r < STREAMS.rounds; r++) {
    const memory = await streamRun(false, false, false);
    const durable = await streamRun(true, false, false);
    paced.push({ durable, memory });
  }
  const bursts: StreamRun[] = [];
  for (let r = 0; r < STREAMS.rounds; r++) bursts.push(await streamRun(true, true, false));
  anchors.push(await rawFsync());

  const waitP = (run: StreamRun, p: number) => percentile(sortNum(run.commitWaits), p);
  const endP = (run: StreamRun, p: number) => percentile(sortNum(run.endLatencies), p);
  const added99 = paced.map((x) => endP(x.durable, 99) - endP(x.memory, 99));
  const commit99 = paced.map((x) => waitP(x.durable, 99));
  const rate = tp.map((t) => t.perSecond);
  const lines = [
    `### Artifact store (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end)`,
    '',
    `The disk itself (anchor: one 3 KB write + fdatasync at a time, 200 samples, before and after the runs): ${anchors.map((a) => `p50 ${ms(percentile(a, 50))} / p99 ${ms(percentile(a, 99))} ms`).join(', then ')}. A durable artifact cannot end its stream sooner than one of these; one that arrives while a commit runs waits for that one and its own.`,
    '',
    `Throughput: ${THROUGHPUT.artifacts} artifacts of ~3 KB, ${THROUGHPUT.outstanding} puts outstanding, each durable (fsynced) before its put resolves; ${THROUGHPUT.repeats} runs:`,
    '',
    '| run | artifacts/s | fsyncs | artifacts per fsync | CPU µs per artifact |',
    '|---|---:|---:|---:|---:|',
    ...tp.map((t, i) => `| ${i + 1} | ${Math.round(t.perSecond).toLocaleString('en-US')} | ${t.fsyncs} | ${(THROUGHPUT.artifacts / t.fsyncs).toFixed(1)} | ${t.cpuUsPerPut.toFixed(1)} |`),
    '',
    `End of stream at ${STREAMS.clients} concurrent streams (each ${STREAMS.pieces} chunks ${STREAMS.intervalMs} ms apart, ${STREAMS.requestsEach} streams per client, repair mode; ${STREAMS.clients * STREAMS.requestsEach} artifacts per run). Commit wait = put → durable, what the final \`[DONE]\` waits for; end latency = upstream wrote \`[DONE]\` → client saw the end:`,
    '',
    '| round | commit wait p50 ms | p99 ms | max ms | fsyncs | end latency p50 / p99 ms, durable | in-memory store | added p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...paced.map(
      (x, i) =>
        `| ${i + 1} | ${ms(waitP(x.durable, 50))} | ${ms(waitP(x.durable, 99))} | ${ms(Math.max(...x.durable.commitWaits))} | ${x.durable.fsyncs} | ${ms(endP(x.durable, 50))} / ${ms(endP(x.durable, 99))} | ${ms(endP(x.memory, 50))} / ${ms(endP(x.memory, 99))} | ${ms(added99[i])} |`,
    ),
    '',
    `Burst: ${STREAMS.clients} unpaced streams ending together: commit wait p99 ${range(bursts.map((b) => waitP(b, 99)), ms)} ms, ${range(bursts.map((b) => b.fsyncs), String)} fsyncs for ${STREAMS.clients} artifacts.`,
    '',
    '| goal | measured | |',
    '|---|---:|---|',
    `| store sustains ≥ 5,000 artifacts/s | ${range(rate, (v) => Math.round(v).toLocaleString('en-US'))} | ${Math.min(...rate) >= 5000 ? 'met' : Math.max(...rate) >= 5000 ? 'met in some runs' : 'missed'} |`,
    `| added time at the end of a stream p99 ≤ 5 ms (100 streams): commit wait p99 | ${range(commit99, ms)} ms | ${Math.max(...commit99) <= 5 ? 'met' : Math.min(...commit99) <= 5 ? 'met in some runs' : 'missed'} |`,
    `| same, end to end: durable p99 minus in-memory p99 | ${range(added99, ms)} ms | informational (noisy) |`,
    `| the disk's own fdatasync p99 (anchor) | ${range(anchors.map((a) => percentile(a, 99)), ms)} ms | the floor of the two above |`,
  ];
  return lines.join('\n');
}

if (require.main === module) {
  runStoreBench().then(
    (out) => process.stdout.write(out + '\n'),
    (err: unknown) => {
      process.stderr.write(`store bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
