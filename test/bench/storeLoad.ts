/**
 * The store benchmark's load process (forked by store.ts): the loopback upstream and the 100 clients,
 * so the process under test (the gateway and its durable store, in the parent) runs nothing else — as
 * the daemon does. Run in one process, the three saturated its event loop (utilization 0.93–0.95, loop
 * delay p99 17–21 ms) and the commit wait measured mostly that. Upstream and clients share this clock, so
 * the end latency (upstream wrote `[DONE]` → client saw the end of the response) is exact.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StoreLoadCommand =
  | {
      cmd: 'run';
      id: number;
      /** The gateway's base URL (…/v1). */
      url: string;
      clients: number;
      /** Streams each client runs one after the other (1 and no pacing for a burst). */
      requestsEach: number;
      intervalMs: number;
      /** Each client's first stream starts at a random moment in this many ms (100 unless set). */
      spreadMs?: number;
      burst: boolean;
      /** Check every stream's content against what the upstream sent. */
      check: boolean;
    }
  | { cmd: 'exit' };

export interface StoreLoadResult {
  /** upstream [DONE] written → client saw the end (ms), per stream. */
  endLatencies: number[];
  /** Each read of a response before its end: the upstream's last write for that stream → the client's
   * read (ms). With chunks 100 ms apart this is each chunk's way through the gateway: what a loop
   * blocked by another stream's work (a synchronous write) costs the streams going on. */
  chunkLatencies: number[];
  /** The artifact ids (x-streamfix-request-id) of the streams. */
  ids: string[];
  /** Per stream, on the machine's clock (performance.timeOrigin + now, ms, comparable across processes):
   * when the upstream wrote its `[DONE]` and when the client saw the end; the gateway's own stamps of the
   * same artifact id split the end's way into its parts (store.ts, STORE_BENCH=tail). */
  ends: { id: string; doneAt: number; endAt: number }[];
}

export type StoreLoadReply = { ready: true; upstream: string } | { id: number; result?: StoreLoadResult; error?: string };

export const PIECES = ['{"name":', '"Ada",', '"born":', '1815,', '"langs":', '["en",', '"fr"],', '"note":', '"ok"', '}'];
export const CONTENT = PIECES.join('');

function chunk(content: string | null, finish: string | null): string {
  const delta = content === null ? {} : { content };
  return `data: ${JSON.stringify({ id: 'gen-bench', object: 'chat.completion.chunk', created: 1700000000, model: 'bench/model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/** performance.now() when the upstream wrote the `[DONE]` of each request (by its `user` field). */
const doneAt = new Map<string, number>();
/** performance.now() of the upstream's latest write of each request (by its `user` field). */
const wroteAt = new Map<string, number>();

function startUpstream(): Promise<string> {
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
          wroteAt.set(user, performance.now());
          if (metadata.intervalMs > 0) setTimeout(step, metadata.intervalMs);
          else setImmediate(step);
          return;
        }
        doneAt.set(user, performance.now());
        wroteAt.delete(user);
        res.end(chunk(null, 'stop') + 'data: [DONE]\n\n');
      };
      step();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`)));
}

async function run(c: Extract<StoreLoadCommand, { cmd: 'run' }>): Promise<StoreLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: c.clients });
  const endLatencies: number[] = [];
  const chunkLatencies: number[] = [];
  const ids: string[] = [];
  const ends: StoreLoadResult['ends'] = [];
  const one = (user: string, intervalMs: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ model: 'bench/model', stream: true, user, metadata: { intervalMs }, messages: [{ role: 'user', content: 'hi' }] });
      const req = http.request(`${c.url}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => {
          const w = wroteAt.get(user);
          if (w !== undefined && !s.includes('[DONE]')) chunkLatencies.push(performance.now() - w);
          text += s;
        });
        res.on('end', () => {
          const t = performance.now();
          if (res.statusCode !== 200 || !text.endsWith('data: [DONE]\n\n')) return reject(new Error(`stream ${user}: ${res.statusCode} ${text.slice(-200)}`));
          const done = doneAt.get(user)!;
          endLatencies.push(t - done);
          doneAt.delete(user);
          const id = String(res.headers['x-streamfix-request-id']);
          ids.push(id);
          ends.push({ id, doneAt: performance.timeOrigin + done, endAt: performance.timeOrigin + t });
          if (c.check) {
            const content = [...text.matchAll(/"content":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string).join('');
            if (content !== CONTENT) reject(new Error(`stream ${user}: content ${JSON.stringify(content)}`));
          }
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const client = async (k: number) => {
    if (!c.burst) await new Promise((r) => setTimeout(r, Math.random() * (c.spreadMs ?? 100)));
    for (let n = 0; n < c.requestsEach; n++) await one(`${c.id}-${k}-${n}`, c.burst ? 0 : c.intervalMs);
  };
  try {
    await Promise.all(Array.from({ length: c.clients }, (_, k) => client(k)));
  } finally {
    agent.destroy();
  }
  return { endLatencies, chunkLatencies, ids, ends };
}

if (require.main === module && process.send) {
  process.on('message', (m: StoreLoadCommand) => {
    if (m.cmd === 'exit') process.exit(0);
    run(m).then(
      (result) => process.send!({ id: m.id, result } satisfies StoreLoadReply),
      (e: unknown) => process.send!({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies StoreLoadReply),
    );
  });
  void startUpstream().then((upstream) => process.send!({ ready: true, upstream } satisfies StoreLoadReply));
}
