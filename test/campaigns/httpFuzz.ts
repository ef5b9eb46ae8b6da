/**
 * `npm run fuzz:http`: a seeded fuzz of the daemon's HTTP surface over raw sockets. Random methods
 * (CONNECT and unknown ones included), paths and targets (percent-encoding good and bad, absolute form,
 * query strings), headers (huge, duplicated, non-ASCII, conflicting lengths, chunked, the key itself in
 * `authorization`, `x-api-key` and others), bodies (empty, not JSON, 100,000-deep nesting, invalid UTF-8,
 * wrong types in every field of both APIs, cut and mutated JSON), against a daemon with a key in front of
 * an upstream that echoes every request header, the URL and the body back in its answers and errors.
 * 40% of requests are what users send: a well-formed request of chat, Messages or count_tokens (streaming
 * or not), or a read of the gateway's own routes, with a key pasted where people paste one (the model
 * name, a tool's name, description or parameter, a schema, `metadata` / `user`, the content, the system
 * prompt, a stop sequence, the gateway's headers, `x-title`, `http-referer`, `anthropic-beta`, the query
 * string, an artifact id, a listing's filter): the configured key, or on chat the client's own key that it
 * sends as `Authorization: Bearer` (which the gateway forwards).
 * Fails (exit 1) on: a 5xx, a connection closed with no answer, no answer within 15 s, either key's secret
 * part in any answer, in /metrics, in a log line (the daemon logs at debug), in the events stream followed
 * for the whole run, in the artifact listing or in any artifact (each fetched at the end), the daemon not
 * answering /health at the end.
 *
 *   node --import tsx test/campaigns/httpFuzz.ts [--seconds 30] [--seed 1]
 */
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startDaemon } from '../../server/daemon';
import { mulberry32 } from '../random';

const KEY = 'sk-or-v1-' + 'f00dfacec0ffee42'.repeat(4);
const SECRET = KEY.slice(9, 40);
/** A client's own OpenRouter key: sent as its credential (forwarded upstream), so never to be repeated either. */
const CLIENT_KEY = 'sk-or-v1-' + 'c1e7c1e7ba5eba11'.repeat(4);
const CLIENT_SECRET = CLIENT_KEY.slice(9, 40);
const SECRETS = [SECRET, CLIENT_SECRET];
/** The first secret `text` holds, with 200 characters before it; null when none. */
function leak(text: string): string | null {
  for (const s of SECRETS) {
    const at = text.indexOf(s);
    if (at >= 0) return text.slice(Math.max(0, at - 200), at + 40);
  }
  return null;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`fuzz:http: bad --${name} (use --seconds S --seed N)`);
  return v;
}

async function main(): Promise<void> {
  const seconds = option('seconds', 30);
  const seed = option('seed', 1);
  const r = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;

  // the upstream: echoes the request's headers (the key the gateway sends) everywhere it can
  const up = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      // the request's body too (what a client pasted in a field), as upstreams quote it in their errors
      const echo = JSON.stringify({ headers: req.headers, url: req.url, body: Buffer.concat(parts).toString().slice(0, 3000) });
      let stream = false;
      try {
        stream = (JSON.parse(Buffer.concat(parts).toString()) as { stream?: unknown }).stream === true;
      } catch {
        /* not JSON: answered as not streaming */
      }
      if (req.url!.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-echo': String(req.headers.authorization) });
        return res.end(JSON.stringify({ data: [{ id: 'm', echo }, { id: 'a/b' }] }));
      }
      if (r() < 0.25) {
        res.writeHead(401, { 'content-type': 'application/json', 'x-echo': String(req.headers.authorization) });
        return res.end(JSON.stringify({ error: { message: `bad key ${echo}`, code: 401 } }));
      }
      const content = `{"a": 1, "echo": ${JSON.stringify(echo)}}`;
      if (stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const c = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id: 'g', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        return res.end(c({ role: 'assistant', content: content.slice(0, 40) }, null) + c({ content: content.slice(40) }, null) + c({}, 'stop') + 'data: [DONE]\n\n');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'g', object: 'chat.completion', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
    });
  });
  await new Promise<void>((resolve) => up.listen(0, '127.0.0.1', resolve));
  let logs = '';
  const d = await startDaemon({
    port: 0,
    upstream: `http://127.0.0.1:${(up.address() as AddressInfo).port}/v1`,
    apiKey: KEY,
    dataDir: null,
    logLevel: 'debug',
    logOut: { write: (s: string) => (logs += s.length > 2000 ? s.slice(0, 1000) + s.slice(-1000) : s) },
    upstreamOptions: { bodyIdleTimeoutMs: 2000, headersTimeoutMs: 3000, maxRetries: 0 },
    limits: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 },
  });
  const port = d.info.port;
  // the events the extension follows, for the whole run
  let eventText = '';
  const events = new AbortController();
  void fetch(`http://127.0.0.1:${port}/v1/streamfix/events`, { signal: events.signal }).then(async (res) => {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      eventText += Buffer.from(chunk).toString();
    }
  }).catch(() => undefined);

  const paths = ['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/models', '/v1/models/m', '/v1/models/a/b', '/v1/models/%ff', '/v1/models/%2e%2e', '/v1/streamfix/result/x', `/v1/streamfix/result/${'z'.repeat(300)}`, '/v1/streamfix/result/%', '/v1/streamfix/results', '/v1/streamfix/results?limit=-1&model=%ff', '/v1/streamfix/results?limit=1e3', '/v1/streamfix/results?status=VALID&status=TEXT', '/v1/streamfix/models', '/v1/streamfix/events', '/metrics', '/health', '/', '/v1/', '/v1//chat/completions', '/v1/chat/completions/', '/V1/chat/completions', '/v1/chat%2Fcompletions', '/v1/v1/messages', '/chat/completions', '/v1/streamfix/result/sfx_%C3%A9', '*', 'http://127.0.0.1/v1/models', 'http://[::1/v1/models', '/v1/chat/completions?x=%zz&x=1'];
  const methods = ['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'FOO', 'get'];
  const value = (): unknown => pick<unknown>([null, true, false, 0, -1, 1.5, 1e308, '', 'x', 'é\u0000\ud800', [], [1], {}, { a: 1 }, 'a'.repeat(100_000), [[[]]], { role: 'user' }, KEY, `Bearer ${KEY}`]);
  const fields = ['model', 'messages', 'stream', 'response_format', 'tools', 'tool_choice', 'n', 'max_tokens', 'stream_options', 'temperature', 'stop', 'user', 'parallel_tool_calls', 'messages.0', 'messages.0.content', 'messages.0.role', 'messages.0.tool_calls', 'response_format.json_schema', 'response_format.json_schema.schema', 'tools.0', 'tools.0.function', 'tools.0.function.name', 'tools.0.function.parameters', 'tools.0.input_schema', 'system', 'thinking', 'tool_choice.type', 'tool_choice.name', 'output_format', 'output_config.format', 'metadata', 'stop_sequences'];
  const apiBody = (): unknown => {
    const b: Record<string, unknown> = { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], stream: r() < 0.5 };
    for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
      const f = pick(fields).split('.');
      let o = b as Record<string, unknown>;
      for (let j = 0; j < f.length - 1; j++) {
        if (typeof o[f[j]!] !== 'object' || o[f[j]!] === null) o[f[j]!] = /^\d+$/.test(f[j + 1]!) ? [] : {};
        o = o[f[j]!] as Record<string, unknown>;
      }
      o[f[f.length - 1]!] = r() < 0.3 ? { type: pick(['json_schema', 'json_object', 'text', 'function', 'tool', 'any', 'auto', 'enabled', 'none']), json_schema: { name: 'x', schema: value() }, function: { name: value(), parameters: value() }, name: value(), input_schema: value() } : value();
    }
    return b;
  };
  const body = (): Buffer => {
    const k = Math.floor(r() * 10);
    if (k === 0) return Buffer.alloc(0);
    if (k === 1) return Buffer.from('not json');
    if (k === 2) return Buffer.from('['.repeat(100_000) + ']'.repeat(100_000));
    if (k === 3) return Buffer.from('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
    if (k === 4) return Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3]);
    if (k === 5) return Buffer.from(JSON.stringify(value()));
    const s = JSON.stringify(apiBody());
    if (k === 6) {
      const at = Math.floor(r() * s.length);
      return Buffer.from(s.slice(0, at) + pick(['', '"', '\\', '\u0000', '}', '\ud800', ',']) + s.slice(at + 1));
    }
    return Buffer.from(s);
  };
  const headers = (len: number): string[] => {
    const out: string[] = [];
    switch (Math.floor(r() * 9)) {
      case 0: out.push(`x-big: ${'a'.repeat(Math.floor(r() * 20_000))}`); break;
      case 1: out.push('x-streamfix-mode: repair', 'x-streamfix-mode: strip'); break;
      case 2: out.push(`x-streamfix-mode: ${pick(['REPAIR', 'é', '', 'auto,strip', 'passthrough ', '\u00ff'])}`); break;
      case 3: out.push(`authorization: Bearer ${KEY}`, `x-api-key: ${KEY}`); break;
      case 4: out.push(`content-type: ${pick(['text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', ''])}`); break;
      case 5: out.push(`x-streamfix-schema: ${pick(['coerce', 'x', ''])}`, `x-streamfix-truncated-tools: ${pick(['reject', 'close', 'y'])}`, `x-streamfix-hold-prose: ${pick(['1', 'x', '-1', '999999999999'])}`); break;
      case 6: out.push('transfer-encoding: chunked'); break;
      case 7: out.push(`x-title: ${KEY}`, `anthropic-version: ${pick(['2023-06-01', 'x'])}`, `anthropic-beta: ${KEY}`); break;
      default: out.push(`content-length: ${len + pick([1, -1, 1000])}`);
    }
    if (!out.some((h) => h.startsWith('transfer-encoding') || h.startsWith('content-length'))) out.push(`content-length: ${len}`);
    return out;
  };

  // what users send: a well-formed request of one of the APIs (streaming or not) with a key pasted where
  // a person pastes one by mistake, and where the gateway may repeat it: the model name, a tool's name or
  // description, a schema, `metadata`, `user`, the content, a stop sequence, a header the gateway reads or
  // forwards, the query string, an artifact id or a listing's filter; the key is the configured one or
  // the client's own, which it then sends as its credential
  const userRequest = (): { method: string; target: string; head: string[]; b: Buffer } => {
    // the client's own key is a credential the gateway forwards only on the chat API (`Authorization:
    // Bearer sk-or-…`; Messages uses the configured key): there it is a secret to keep, elsewhere it would
    // be only text the client sent
    const api = pick(['chat', 'messages', 'count_tokens', 'read']);
    const k = api === 'chat' && r() < 0.5 ? CLIENT_KEY : KEY;
    // the key whole (a part of one is no key the gateway knows)
    const v = pick([k, `Bearer ${k}`, `openai/${k}`, ` ${k}\n`, `${k}é`]);
    const head: string[] = [];
    const auth = k === CLIENT_KEY ? `authorization: Bearer ${k}` : pick(['', `authorization: Bearer ${k}`, `x-api-key: ${k}`]);
    if (auth !== '') head.push(auth);
    if (api === 'read') {
      const target = pick([`/v1/models/${encodeURIComponent(v)}`, `/v1/streamfix/result/${encodeURIComponent(v)}`, `/v1/streamfix/results?model=${encodeURIComponent(v)}`, `/v1/streamfix/results?status=${encodeURIComponent(v)}`, `/v1/streamfix/results?limit=${encodeURIComponent(v)}`, `/v1/streamfix/results?mode=${encodeURIComponent(v)}`, `/v1/models?key=${k}`, `/health?key=${k}`, `/v1/${k}`]);
      return { method: 'GET', target, head, b: Buffer.alloc(0) };
    }
    const stream = r() < 0.5;
    const anthropic = api !== 'chat';
    const tool = (name: unknown, description: unknown, prop: string) => (anthropic ? { name, description, input_schema: { type: 'object', properties: { [prop]: { type: 'string' } } } } : { type: 'function', function: { name, description, parameters: { type: 'object', properties: { [prop]: { type: 'string' } } } } });
    const b: Record<string, unknown> = anthropic ? { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] } : { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    if (api !== 'count_tokens') b.stream = stream;
    let query = '';
    switch (pick(['model', 'tool', 'description', 'property', 'tool_choice', 'schema', 'metadata', 'content', 'system', 'stop', 'mode', 'hold', 'schemaHeader', 'truncated', 'title', 'referer', 'beta', 'version', 'query'])) {
      case 'model': b.model = v; break;
      case 'tool': b.tools = [tool(v, 'd', 'p')]; break;
      case 'description': b.tools = [tool('t', v, 'p')]; break;
      case 'property': b.tools = [tool('t', 'd', v)]; break;
      case 'tool_choice':
        b.tools = [tool('t', 'd', 'p')];
        b.tool_choice = anthropic ? { type: 'tool', name: v } : { type: 'function', function: { name: v } };
        break;
      case 'schema':
        if (anthropic) b.output_format = { type: 'json_schema', schema: { type: 'object', properties: { [v]: { enum: [v] } }, required: [v] } };
        else b.response_format = { type: 'json_schema', json_schema: { name: v, schema: { type: 'object', properties: { [v]: { enum: [v] } }, required: [v] } } };
        break;
      case 'metadata': if (anthropic) b.metadata = { user_id: v }; else b.user = v; break;
      case 'content': b.messages = [{ role: 'user', content: v }]; break;
      case 'system': if (anthropic) b.system = v; else b.messages = [{ role: 'system', content: v }, { role: 'user', content: 'hi' }]; break;
      case 'stop': if (anthropic) b.stop_sequences = [v]; else b.stop = [v]; break;
      case 'mode': head.push(`x-streamfix-mode: ${v}`); break;
      case 'hold': head.push(`x-streamfix-hold-prose: ${v}`); break;
      case 'schemaHeader': head.push(`x-streamfix-schema: ${v}`); break;
      case 'truncated': head.push(`x-streamfix-truncated-tools: ${v}`); break;
      case 'title': head.push(`x-title: ${v}`); break;
      case 'referer': head.push(`http-referer: https://x.test/?k=${k}`); break;
      case 'beta': head.push(`anthropic-beta: ${v}`); break;
      case 'version': head.push(`anthropic-version: ${v}`); break;
      default: query = `?key=${encodeURIComponent(v)}`;
    }
    const bytes = Buffer.from(JSON.stringify(b));
    head.push('content-type: application/json', `content-length: ${bytes.length}`);
    const target = (api === 'chat' ? '/v1/chat/completions' : api === 'messages' ? '/v1/messages' : '/v1/messages/count_tokens') + query;
    // a header value holds no line break: one that would is sent trimmed (as clients do)
    return { method: 'POST', target, head: head.map((h) => h.replace(/[\r\n]+/g, ' ').trim()), b: bytes };
  };

  let nUser = 0;
  interface Outcome { status: number; text: string; request: string }
  const once = (): Promise<Outcome> =>
    new Promise((resolve) => {
      const user = r() < 0.4 ? userRequest() : null;
      if (user !== null) nUser++;
      const method = user?.method ?? pick(methods);
      const target = user?.target ?? pick(paths);
      const b = user?.b ?? (['POST', 'PUT', 'PATCH', 'FOO'].includes(method) || r() < 0.1 ? body() : Buffer.alloc(0));
      const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${(user?.head ?? headers(b.length)).join('\r\n')}\r\n\r\n`;
      const chunked = head.includes('transfer-encoding: chunked');
      const events = target === '/v1/streamfix/events' && method === 'GET';
      const request = `${head.slice(0, 400)}${b.length > 0 ? ` [body ${b.length} bytes: ${b.toString('latin1').slice(0, 120)}]` : ''}`.replace(/\r\n/g, ' | ');
      const s = connect(port, '127.0.0.1', () => {
        s.write(head);
        s.write(chunked ? (b.length > 0 ? Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n0\r\n\r\n')]) : Buffer.from('0\r\n\r\n')) : b);
      });
      const parts: Buffer[] = [];
      // the events route is an open stream: its answer is its status line
      const timer = setTimeout(() => (s.destroy(), resolve({ status: -1, text: 'no answer within 15 s', request })), 15_000);
      s.on('data', (x: Buffer) => {
        parts.push(x);
        const text = Buffer.concat(parts).toString('latin1');
        if (events && text.includes('\r\n\r\n')) {
          clearTimeout(timer);
          s.destroy();
          resolve({ status: Number(text.slice(9, 12)), text, request });
        }
      });
      s.on('error', () => undefined);
      s.on('close', () => {
        clearTimeout(timer);
        const text = Buffer.concat(parts).toString('latin1');
        resolve({ status: text.startsWith('HTTP/1.1 ') ? Number(text.slice(9, 12)) : 0, text, request });
      });
    });

  const failures: string[] = [];
  const fail = (s: string) => {
    if (failures.length < 20) failures.push(s);
    else failures.length++;
  };
  const byStatus: Record<string, number> = {};
  let n = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    for (const o of await Promise.all(Array.from({ length: 4 }, once))) {
      n++;
      byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
      if (!(o.status >= 100 && o.status < 500)) fail(`${o.status === 0 ? 'closed with no answer' : o.status === -1 ? o.text : `status ${o.status}`}: ${o.request} => ${o.text.slice(0, 300)}`);
      const l = leak(o.text);
      if (l !== null) fail(`a key in an answer: ${o.request} => ${l}`);
    }
  }
  const base = `http://127.0.0.1:${port}`;
  const health = await fetch(`${base}/health`).then((x) => x.status, (e: Error) => e.message);
  if (health !== 200) fail(`/health answered ${health} at the end`);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const inMetrics = leak(metrics);
  if (inMetrics !== null) fail(`a key in /metrics: ${inMetrics}`);
  const inLogs = leak(logs);
  if (inLogs !== null) fail(`a key in a log line: ${inLogs}`);
  events.abort();
  const inEvents = leak(eventText);
  if (inEvents !== null) fail(`a key in /v1/streamfix/events: ${inEvents}`);
  // every artifact the run left (the newest 1,000: the store's bound), listed and fetched one by one
  const listing = await (await fetch(`${base}/v1/streamfix/results?limit=1000`)).text();
  const inListing = leak(listing);
  if (inListing !== null) fail(`a key in /v1/streamfix/results: ${inListing}`);
  const ids = [...listing.matchAll(/"id":"(sfx_[^"]+)"/g)].map((m) => m[1]!);
  for (const id of ids) {
    const a = await (await fetch(`${base}/v1/streamfix/result/${id}`)).text();
    const inArtifact = leak(a);
    if (inArtifact !== null) fail(`a key in artifact ${id}: ${inArtifact}`);
  }
  const errorLines = logs.split('\n').filter((l) => / error /.test(l));
  for (const l of errorLines.slice(0, 5)) fail(`an error log line: ${l.slice(0, 300)}`);
  await d.close();
  up.close();
  console.log(`fuzz:http seed ${seed}, ${seconds} s: ${n} requests (${nUser} user-like), ${ids.length} artifacts read, ${eventText.length} characters of events, statuses ${JSON.stringify(byStatus)}, error log lines ${errorLines.length}, failures ${failures.length}`);
  for (const f of failures) if (f !== undefined) console.log(`  FAIL ${f}`);
  process.exit(failures.length > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
