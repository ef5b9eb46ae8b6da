/**
 * The gateway benchmark's load process (forked by gateway.ts): a fast OpenAI/OpenRouter-style upstream
 * and the load client, both here, so the process under test (bare proxy or StreamFix gateway, in the
 * parent) has a core to itself on a 2-core machine. Upstream and client share this process's clock, so
 * each chunk's transit time is measured exactly: the upstream stamps `sfx_sent` (performance.now()) into
 * every chunk and the client subtracts it on arrival.
 *
 * The model name carries the stream's parameters (the body is forwarded untouched by every proxy):
 *   bench-<pieces>-<intervalMs>   stream a document of about <pieces> content deltas, one per interval
 *                                 (0 = as fast as the socket takes them)
 *   bench-hold                    send the first chunks, then keep the stream open and idle
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeDoc, type BenchDoc } from './gatewayDoc';

export type LoadCommand =
  | {
      cmd: 'run';
      id: number;
      url: string;
      headers: Record<string, string>;
      streams: number;
      pieces: number;
      intervalMs: number;
      /** Collect each stream's content (for the output check) instead of only counting events. */
      collect: boolean;
      /** The request's response_format (default json_object). */
      responseFormat?: unknown;
      /** `messages`: an Anthropic Messages request to /v1/messages, its events read back (default: chat). */
      api?: 'messages';
    }
  | { cmd: 'hold'; id: number; url: string; headers: Record<string, string>; streams: number }
  | { cmd: 'release'; id: number }
  | { cmd: 'exit' };

export interface RunResult {
  ms: number;
  /** Data events received (all streams), [DONE] excluded. */
  events: number;
  /** Upstream content chunks sent (all streams). */
  sent: number;
  errors: string[];
  /** Per-chunk transit times in ms (only chunks whose sfx_sent survived). */
  latencies: number[];
  /** Content per stream when `collect`. */
  contents: string[];
  /** CPU time of this load process (upstream + clients) during the run, microseconds. */
  loadCpuUs: number;
}

export type LoadReply = { ready: true; upstream: string } | { id: number; result?: RunResult; error?: string; held?: number };

const docs = new Map<number, BenchDoc>();
function doc(pieces: number): BenchDoc {
  let d = docs.get(pieces);
  if (!d) docs.set(pieces, (d = makeDoc(pieces)));
  return d;
}

const CREATED = 1763770000;
/** Everything in an OpenRouter chunk before the delta, and after it up to the timestamp. */
const head = (n: number) =>
  `data: {"id":"gen-${CREATED}-bench${n}","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":${CREATED},"choices":[{"index":0,"delta":`;
const TAIL = `,"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"sfx_sent":`;

// ---- upstream ----

let streamCounter = 0;
const held = new Set<http.ServerResponse>();

function upstreamHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (s: string) => (body += s));
  req.on('end', () => {
    let model = '';
    try {
      model = String((JSON.parse(body) as { model?: unknown }).model ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json","type":"invalid_request_error","code":"bad_json"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const n = ++streamCounter;
    const h = head(n);
    res.write(': OPENROUTER PROCESSING\n\n');
    res.write(`${h}{"role":"assistant","content":""}${TAIL}${performance.now()}}\n\n`);
    if (model === 'bench-hold') {
      res.write(`${h}{"content":"{\\"held\\": "}${TAIL}${performance.now()}}\n\n`);
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const m = /^bench-(\d+)-(\d+)$/.exec(model);
    const d = doc(m ? Number(m[1]) : 100);
    const interval = m ? Number(m[2]) : 0;
    const events = d.pieces.map((p) => `${h}{"content":${JSON.stringify(p)}}${TAIL}`);
    const finish = `${h}{},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}],"sfx_sent":0}\n\n`;
    const usage =
      `data: {"id":"gen-${CREATED}-bench${n}","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":${CREATED},` +
      `"choices":[{"index":0,"delta":{"content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],` +
      `"usage":{"prompt_tokens":42,"completion_tokens":${d.pieces.length},"total_tokens":${42 + d.pieces.length}}}\n\n`;
    let i = 0;
    let closed = false;
    res.on('close', () => (closed = true));
    const end = () => {
      res.write(finish.replace('"sfx_sent":0', `"sfx_sent":${performance.now()}`));
      res.write(usage);
      res.end('data: [DONE]\n\n');
    };
    if (interval > 0) {
      const tick = () => {
        if (closed) return;
        if (i < events.length) {
          res.write(events[i++] + performance.now() + '}\n\n');
          setTimeout(tick, interval);
        } else end();
      };
      setTimeout(tick, interval);
      return;
    }
    // As fast as the socket takes them: write until backpressure, then wait for drain. Yield every 32
    // chunks so hundreds of concurrent streams share the loop fairly.
    const pump = () => {
      for (let k = 0; !closed && i < events.length; k++) {
        if (k === 32) return void setImmediate(pump);
        if (!res.write(events[i++] + performance.now() + '}\n\n')) return void res.once('drain', pump);
      }
      if (!closed) end();
    };
    pump();
  });
}

// ---- load client ----

/** Each run gets a fresh keep-alive agent, destroyed at its end: a socket left idle between runs could
 * meet the server's keep-alive time-out just as it is reused ("socket hang up"), which would be an
 * artefact of the benchmark, not an error of the proxy under test. */
let agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
function freshAgent(): void {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
}
const SENT = '"sfx_sent":';

interface StreamOutcome {
  events: number;
  error: string | null;
  content: string;
}

/** One streaming request; resolves when the stream ends, with what arrived. Never rejects. */
function oneStream(
  url: string,
  headers: Record<string, string>,
  model: string,
  collect: boolean,
  latencies: number[] | null,
  onFirstChunk?: (req: http.ClientRequest) => void,
  responseFormat: unknown = { type: 'json_object' },
  api?: 'messages',
): Promise<StreamOutcome> {
  const body =
    api === 'messages'
      ? JSON.stringify({ model, max_tokens: 100000, stream: true, messages: [{ role: 'user', content: 'List the widgets as JSON.' }] })
      : JSON.stringify({ model, stream: true, response_format: responseFormat, messages: [{ role: 'user', content: 'List the widgets as JSON.' }] });
  return new Promise((resolve) => {
    const out: StreamOutcome = { events: 0, error: null, content: '' };
    let buffer = '';
    let done = false;
    let settled = false;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      out.error = error;
      resolve(out);
    };
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (text += s));
        res.on('end', () => finish(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        return;
      }
      res.setEncoding('utf8');
      let first = true;
      res.on('data', (s: string) => {
        buffer += s;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (api === 'messages') {
            if (messagesEvent(event, out, collect)) done = true;
            else if (out.error) return finish(out.error);
            continue;
          }
          if (!event.startsWith('data: ')) continue; // a comment
          if (event === 'data: [DONE]') {
            done = true;
            continue;
          }
          out.events++;
          if (event.startsWith('data: {"error"')) return finish(`error chunk: ${event.slice(6, 200)}`);
          if (latencies) {
            const at = event.lastIndexOf(SENT);
            if (at >= 0) {
              const sent = parseFloat(event.slice(at + SENT.length));
              if (sent > 0) latencies.push(performance.now() - sent);
            }
          }
          if (collect) {
            const chunk = JSON.parse(event.slice(6)) as { choices?: { delta?: { content?: string } }[] };
            out.content += chunk.choices?.[0]?.delta?.content ?? '';
          }
        }
        if (first && onFirstChunk && out.events >= 2) {
          first = false;
          onFirstChunk(req);
        }
      });
      res.on('end', () => finish(done ? null : 'stream ended without [DONE]'));
      res.on('error', (err) => finish(`response error: ${err.message}`));
    });
    req.on('error', (err) => finish(`request error: ${err.message}`));
    req.end(body);
  });
}

/** One Messages API event (`event: <type>` then `data: <json>`); true at message_stop. An error event sets
 * `out.error`. Transit times are not measured here: the Anthropic events do not carry the upstream's stamp. */
function messagesEvent(event: string, out: StreamOutcome, collect: boolean): boolean {
  const nl = event.indexOf('\n');
  const type = event.slice(7, nl);
  if (type === 'message_stop') return true;
  if (type === 'ping') return false;
  out.events++;
  if (type === 'error') out.error = `error event: ${event.slice(nl + 7, nl + 200)}`;
  else if (collect && type === 'content_block_delta') {
    const d = (JSON.parse(event.slice(nl + 7)) as { delta: { type: string; text?: string } }).delta;
    if (d.type === 'text_delta') out.content += d.text;
  }
  return false;
}

async function run(c: Extract<LoadCommand, { cmd: 'run' }>): Promise<RunResult> {
  freshAgent();
  const latencies: number[] = [];
  const model = `bench-${c.pieces}-${c.intervalMs}`;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: c.streams }, async (_, i) => {
      // Paced streams start spread over one interval, as independent clients would.
      if (c.intervalMs > 0) await new Promise((r) => setTimeout(r, (i * c.intervalMs) / c.streams));
      return oneStream(c.url, c.headers, model, c.collect, c.intervalMs > 0 ? latencies : null, undefined, c.responseFormat, c.api);
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const errors = outcomes.filter((o) => o.error).map((o) => o.error as string);
  return {
    ms,
    events: outcomes.reduce((n, o) => n + o.events, 0),
    sent: c.streams * doc(c.pieces).pieces.length,
    errors,
    latencies,
    contents: c.collect ? outcomes.map((o) => o.content) : [],
    loadCpuUs: cpu.user + cpu.system,
  };
}

const holding: http.ClientRequest[] = [];
let holdDone: Promise<StreamOutcome[]> | null = null;

async function hold(c: Extract<LoadCommand, { cmd: 'hold' }>): Promise<number> {
  freshAgent();
  let opened = 0;
  let allOpen!: () => void;
  const ready = new Promise<void>((r) => (allOpen = r));
  holdDone = Promise.all(
    Array.from({ length: c.streams }, () =>
      oneStream(c.url, c.headers, 'bench-hold', false, null, (req) => {
        holding.push(req);
        if (++opened === c.streams) allOpen();
      }),
    ),
  );
  // A stream that fails before its first chunks would leave `ready` pending: race it with the outcomes.
  const failed = holdDone.then((outs) => {
    throw new Error(`hold streams ended early: ${outs.find((o) => o.error)?.error ?? 'ended'}`);
  });
  await Promise.race([ready, failed]);
  failed.catch(() => undefined);
  return opened;
}

async function release(): Promise<void> {
  for (const req of holding.splice(0)) req.destroy();
  if (holdDone) await holdDone;
  holdDone = null;
}

async function main(): Promise<void> {
  const upstream = http.createServer(upstreamHandler);
  upstream.keepAliveTimeout = 30000;
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as AddressInfo).port;
  const send = (m: LoadReply) => process.send!(m);
  process.on('message', (m: LoadCommand) => {
    if (m.cmd === 'exit') {
      agent.destroy();
      for (const res of held) res.destroy();
      upstream.close();
      upstream.closeAllConnections();
      process.disconnect();
      return;
    }
    const work =
      m.cmd === 'run' ? run(m).then((result) => ({ id: m.id, result })) : m.cmd === 'hold' ? hold(m).then((n) => ({ id: m.id, held: n })) : release().then(() => ({ id: m.id }));
    work.then(send, (err: Error) => send({ id: m.id, error: err.message }));
  });
  send({ ready: true, upstream: `http://127.0.0.1:${port}/v1` });
}

void main();
