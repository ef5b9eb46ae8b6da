/**
 * Bounded memory, measured: two long streams (default 300 MB each) through the daemon at once, one in
 * strip mode and one in passthrough, from a loopback upstream; the daemon's resident memory is sampled
 * every 100 ms. Goal: the peak stays under 300 MB. Exits 1 when it does not, or when a client got less
 * than everything. `--think 1`: each stream is one reasoning block (`<think>` … `</think>{"ok":true}`),
 * which strip mode moves to the reasoning field as it streams while keeping the block for its span.
 * `--repairs N`: instead, two repair-mode streams of a JSON array of N Python `True`s each (one repair
 * every 5 characters), whose repair lists the daemon keeps bounded while they run.
 *
 * `--blocks 1`: every delta is a whole think block of ~4 KB (some 77,000 blocks per 300 MB), whose stripped
 * spans the daemon keeps bounded while the stream runs.
 * `--modes a,b`: the two streams' modes (default strip,passthrough; repair,repair with --repairs).
 *
 *   npm run build && node --import tsx test/campaigns/memory.ts [--mb 300] [--limit-mb 300] [--think 1] [--repairs N] [--modes a,b]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mb, startDaemonProcess } from './daemonProcess';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const STREAM_BYTES = arg('mb', 300) * 1024 * 1024;
const LIMIT = arg('limit-mb', 300) * 1024 * 1024;
const THINK = arg('think', 0) === 1;
const BLOCKS = arg('blocks', 0) === 1;
const REPAIRS = arg('repairs', 0);
/** Python literals per delta in the --repairs streams. */
const PER_DELTA = 200;

/** An upstream streaming `STREAM_BYTES` of content deltas, honouring backpressure. */
async function startUpstream(): Promise<{ url: string; close(): void }> {
  // deltas that differ (identical ones would look like a stuttering upstream repeating its content)
  const text = 'lorem ipsum dolor sit amet, '.repeat(140);
  const delta = (content: string) => `data: ${JSON.stringify({ id: 'gen-1', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
  const event = (n: number) => delta(BLOCKS ? `<think>${n} ${text}</think>` : `${THINK && n === 0 ? '<think>' : ''}${n} ${text}`);
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    let n = 0;
    if (REPAIRS > 0) {
      const pumpRepairs = () => {
        while (n < REPAIRS) {
          const k = Math.min(PER_DELTA, REPAIRS - n);
          const e = delta(`${n === 0 ? '[' : ','}${Array(k).fill('True').join(',')}${n + k === REPAIRS ? ']' : ''}`);
          n += k;
          sent += e.length;
          if (!res.write(e)) return void res.once('drain', pumpRepairs);
        }
        res.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
      };
      return pumpRepairs();
    }
    const pump = () => {
      while (sent < STREAM_BYTES) {
        const e = event(n++);
        sent += e.length;
        if (!res.write(e)) return void res.once('drain', pump);
      }
      res.end(`${THINK ? delta('</think>{"ok":true}') : BLOCKS ? delta('{"ok":true}') : ''}data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, close: () => server.close() };
}

async function stream(url: string, mode: string): Promise<number> {
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'long' }] }),
  });
  let bytes = 0;
  for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) bytes += c.length;
  return bytes;
}

async function main(): Promise<void> {
  const up = await startUpstream();
  const d = await startDaemonProcess(up.url);
  const baseline = d.rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, d.rss())), 100);
  const t0 = performance.now();
  const i = process.argv.indexOf('--modes');
  const modes = i > 0 ? process.argv[i + 1]!.split(',') : REPAIRS > 0 ? ['repair', 'repair'] : ['strip', 'passthrough'];
  const [strip, pass] = await Promise.all(modes.map((m) => stream(d.url, m)));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, d.rss());
  const after = d.rss();
  await d.stop();
  up.close();
  const what = REPAIRS > 0 ? `two repair streams of ${REPAIRS} repairs each` : `two streams of ${mb(STREAM_BYTES)}${THINK ? ', each one think block,' : BLOCKS ? ', each ~77,000 think blocks,' : ''}`;
  console.log(`${what} (${modes[0]}: ${mb(strip)} received, ${modes[1]}: ${mb(pass)} received) in ${seconds.toFixed(1)} s`);
  console.log(`daemon RSS: baseline ${mb(baseline)}, peak ${mb(peak)}, after ${mb(after)} (goal: peak under ${mb(LIMIT)})`);
  // a repair stream sends `true` for each `True`: one character less per literal than it received
  const least = REPAIRS > 0 ? REPAIRS * 5 : STREAM_BYTES;
  const ok = peak < LIMIT && strip >= least && pass >= least;
  console.log(ok ? 'memory: PASS' : 'memory: FAIL');
  process.exit(ok ? 0 : 1);
}

void main();
