/**
 * A scriptable OpenAI-compatible upstream for gateway tests: a real HTTP server on 127.0.0.1 that answers
 * each request with the next scripted response (status, headers, raw body pieces written one by one),
 * records every request, can hang, cut the connection, and reports when a client aborts.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Body pieces, written with a pause between them (raw bytes: a Buffer may end inside a character). */
  chunks?: (string | Buffer)[];
  /** Milliseconds between pieces; default: one event-loop turn. */
  gapMs?: number;
  /** Milliseconds after each piece, by index (wins over gapMs where given). */
  gapsMs?: number[];
  /** Keep the response open after the pieces until the client goes away. */
  hang?: boolean;
  /** Never send headers (the client times out or aborts). */
  hangBeforeHeaders?: boolean;
  /** Destroy the socket after the pieces (a connection lost mid-stream). */
  destroyAfter?: boolean;
  /** Awaited before piece i is written: a test drives the stream step by step. */
  before?: (i: number) => Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class TestUpstream {
  readonly requests: RecordedRequest[] = [];
  /** Requests whose client went away before the response finished. */
  aborts = 0;
  private queue: ScriptedResponse[] = [];
  private fallback: ScriptedResponse = { status: 500, chunks: ['{"error":{"message":"no scripted response","type":"test","code":"unscripted"}}'] };
  private responder: ((r: RecordedRequest) => ScriptedResponse | undefined) | null = null;
  private abortWaiters: (() => void)[] = [];
  private requestWaiters: (() => void)[] = [];

  private constructor(
    readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<TestUpstream> {
    let self: TestUpstream | null = null;
    const server = createServer((req, res) => void self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    self = new TestUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
    return self;
  }

  /** Queues responses, used in order; when the queue is empty, `always` (if set) answers. */
  enqueue(...r: ScriptedResponse[]): this {
    this.queue.push(...r);
    return this;
  }

  /** Answers by request (used before the queue): lets concurrent requests each get their own script. */
  respond(fn: ((r: RecordedRequest) => ScriptedResponse | undefined) | null): this {
    this.responder = fn;
    return this;
  }

  always(r: ScriptedResponse): this {
    this.fallback = r;
    return this;
  }

  /** Resolves at the next client abort (or at once if one happened since the last call). */
  waitForAbort(): Promise<void> {
    return new Promise((resolve) => this.abortWaiters.push(resolve));
  }

  /** Resolves when a request has arrived (its body fully read). */
  waitForRequest(): Promise<void> {
    return new Promise((resolve) => this.requestWaiters.push(resolve));
  }

  private async handle(req: import('node:http').IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) parts.push(c);
    const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString('utf8') };
    this.requests.push(recorded);
    for (const w of this.requestWaiters.splice(0)) w();
    const script = this.responder?.(recorded) ?? this.queue.shift() ?? this.fallback;
    res.on('close', () => {
      if (!res.writableFinished) {
        this.aborts++;
        for (const w of this.abortWaiters.splice(0)) w();
      }
    });
    if (script.hangBeforeHeaders) return;
    res.writeHead(script.status ?? 200, { 'content-type': 'text/event-stream', ...script.headers });
    res.flushHeaders();
    for (const [i, piece] of (script.chunks ?? []).entries()) {
      if (script.before) await script.before(i);
      if (res.destroyed) return;
      res.write(piece);
      const gap = script.gapsMs?.[i] ?? script.gapMs;
      if (gap) await new Promise((r) => setTimeout(r, gap));
      else await tick();
    }
    if (script.destroyAfter) {
      res.socket?.destroy();
      return;
    }
    if (!script.hang) res.end();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** A chat.completion.chunk like OpenRouter's, for building scripted streams. */
export function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'gen-test-1',
    provider: 'Test',
    model: 'test/model',
    object: 'chat.completion.chunk',
    created: 1700000000,
    choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }],
    ...extra,
  });
}

/** The SSE text of `data:` payloads, each followed by a blank line. */
export function sse(...events: string[]): string {
  return events.map((e) => (e.startsWith(':') ? `${e}\n\n` : `data: ${e}\n\n`)).join('');
}

/** Parses an SSE body into its `data:` payloads and comments, in order. */
export function parseSse(text: string): { data: string[]; comments: string[] } {
  const data: string[] = [];
  const comments: string[] = [];
  for (const block of text.split('\n\n')) {
    if (!block) continue;
    const lines = block.split('\n');
    const d = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
    if (d.length) data.push(d.join('\n'));
    for (const l of lines) if (l.startsWith(':')) comments.push(l.slice(1).trim());
  }
  return { data, comments };
}

/** Joins the content deltas (choice 0) of an SSE body; also tool-call arguments by index and reasoning. */
export function collect(text: string): { content: string; reasoning: string; tools: Map<number, string>; finish: string | null; done: boolean; chunks: Record<string, unknown>[] } {
  const { data } = parseSse(text);
  let content = '';
  let reasoning = '';
  let finish: string | null = null;
  const tools = new Map<number, string>();
  const chunks: Record<string, unknown>[] = [];
  for (const d of data) {
    if (d === '[DONE]') continue;
    const c = JSON.parse(d) as { choices?: { delta?: { content?: unknown; reasoning?: unknown; tool_calls?: { index: number; function?: { arguments?: string } }[] }; finish_reason?: string | null }[] };
    chunks.push(c as Record<string, unknown>);
    for (const ch of c.choices ?? []) {
      if (typeof ch.delta?.content === 'string') content += ch.delta.content;
      if (typeof ch.delta?.reasoning === 'string') reasoning += ch.delta.reasoning;
      for (const tc of ch.delta?.tool_calls ?? []) tools.set(tc.index, (tools.get(tc.index) ?? '') + (tc.function?.arguments ?? ''));
      if (ch.finish_reason) finish = ch.finish_reason;
    }
  }
  return { content, reasoning, tools, finish, done: data[data.length - 1] === '[DONE]', chunks };
}

/**
 * Runs `check(k)` for every byte split k of `body` (1 to its length - 1), `parallel` at a time: the
 * upstream answers each request with `body` in two reads cut at the split the request names as its first
 * message's content (`String(k)`), so requests in flight together each get their own cut.
 */
export async function atEveryByteSplit(up: TestUpstream, body: Buffer, parallel: number, check: (k: number) => Promise<void>): Promise<void> {
  up.respond((r) => {
    const at = Number((JSON.parse(r.body) as { messages: { content: string }[] }).messages[0]!.content);
    return { chunks: [body.subarray(0, at), body.subarray(at)] };
  });
  try {
    for (let at = 1; at < body.length; at += parallel) {
      await Promise.all(Array.from({ length: Math.min(parallel, body.length - at) }, (_, j) => check(at + j)));
    }
  } finally {
    up.respond(null);
  }
}
