/**
 * The embedded demo upstream: an OpenAI-compatible HTTP server on loopback that streams the demo
 * scenarios in OpenRouter's stream format (keep-alive comments, `reasoning` / `reasoning_details`
 * deltas, content and tool-call deltas split at awkward places, a usage chunk on request, `[DONE]`).
 * No network: this is what the daemon talks to when there is no API key.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ALL_DEMO_SCENARIOS, findScenario, splitText, type DemoScenario } from './scenarios';

export interface DemoOptions {
  /** Pause between stream events (ms). 0 = as fast as possible (tests). */
  delayMs?: number;
  /** Fixed piece size in code points; default: an awkward cycling pattern. */
  chunkSize?: number;
  port?: number;
}

export interface DemoUpstream {
  /** Base URL, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export const DEMO_PROVIDER = 'StreamFix Demo';

type Json = Record<string, unknown>;

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function usageFor(s: DemoScenario, promptChars: number): Json {
  const completion = estimateTokens((s.reasoning ?? '') + (s.content ?? '') + (s.toolCalls ?? []).map((t) => t.arguments).join(''));
  const prompt = Math.max(1, Math.ceil(promptChars / 4));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    cost: 0,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: s.reasoning ? estimateTokens(s.reasoning) : 0 },
  };
}

/** The `data:` payloads (and comments, as `:`-prefixed strings) of one streamed answer. */
export function demoStreamEvents(s: DemoScenario, opts: { includeUsage: boolean; chunkSize?: number; promptChars?: number }): string[] {
  const id = `gen-${Math.floor(Date.now() / 1000)}-${randomBytes(8).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Json, finish: string | null = null, extra: Json = {}) =>
    JSON.stringify({
      id,
      provider: DEMO_PROVIDER,
      model: s.id,
      object: 'chat.completion.chunk',
      created,
      choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }],
      ...extra,
    });
  const events: string[] = [': OPENROUTER PROCESSING', ': OPENROUTER PROCESSING'];
  events.push(chunk({ role: 'assistant', content: '' }));
  if (s.reasoning) {
    for (const piece of splitText(s.reasoning, opts.chunkSize)) {
      events.push(chunk({ role: 'assistant', content: '', reasoning: piece, reasoning_details: [{ type: 'reasoning.text', text: piece, format: 'unknown', index: 0 }] }));
    }
  }
  if (s.content) {
    let soFar = '';
    for (const piece of splitText(s.content, opts.chunkSize)) {
      soFar += piece;
      events.push(chunk({ role: 'assistant', content: s.cumulative ? soFar : piece }));
      if (events.length === 12) events.push(': OPENROUTER PROCESSING');
    }
  }
  if (s.toolCalls) {
    const pieces = s.toolCalls.map((t) => splitText(t.arguments, opts.chunkSize));
    s.toolCalls.forEach((t, index) => {
      events.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index, id: t.id, type: 'function', function: { name: t.name, arguments: '' } }] }));
    });
    // parallel calls interleave: a piece of call 0, a piece of call 1, … (per-index repair must cope)
    const longest = Math.max(...pieces.map((p) => p.length));
    for (let k = 0; k < longest; k++) {
      pieces.forEach((p, index) => {
        if (k < p.length) events.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index, function: { arguments: p[k] } }] }));
      });
    }
  }
  events.push(chunk({ role: 'assistant', content: '' }, s.finishReason));
  if (opts.includeUsage) events.push(chunk({ role: 'assistant', content: '' }, null, { usage: usageFor(s, opts.promptChars ?? 0) }));
  events.push('[DONE]');
  return events;
}

/** The non-streaming `chat.completion` body. */
export function demoCompletion(s: DemoScenario, promptChars = 0): Json {
  const message: Json = { role: 'assistant', content: s.content ?? null, refusal: null, reasoning: s.reasoning ?? null };
  if (s.reasoning) message.reasoning_details = [{ type: 'reasoning.text', text: s.reasoning, format: 'unknown', index: 0 }];
  if (s.toolCalls) message.tool_calls = s.toolCalls.map((t, index) => ({ index, id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } }));
  return {
    id: `gen-${Math.floor(Date.now() / 1000)}-${randomBytes(8).toString('hex')}`,
    provider: DEMO_PROVIDER,
    model: s.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    choices: [{ logprobs: null, finish_reason: s.finishReason, native_finish_reason: s.finishReason, index: 0, message }],
    usage: usageFor(s, promptChars),
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function demoError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', code } });
}

async function readJson(req: IncomingMessage): Promise<{ value: unknown; chars: number } | null> {
  const parts: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) parts.push(c);
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return { value: JSON.parse(text), chars: text.length };
  } catch {
    return null;
  }
}

async function streamScenario(res: ServerResponse, s: DemoScenario, body: Json, chars: number, opts: DemoOptions): Promise<void> {
  const so = body.stream_options as { include_usage?: unknown } | undefined;
  const events = demoStreamEvents(s, { includeUsage: so?.include_usage === true, chunkSize: opts.chunkSize, promptChars: chars });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '999' });
  for (const e of events) {
    if (res.destroyed) return;
    res.write(e.startsWith(':') ? `${e}\n\n` : `data: ${e}\n\n`);
    if (opts.delayMs) await delay(opts.delayMs);
  }
  res.end();
}

export function modelList(): Json {
  return {
    object: 'list',
    data: ALL_DEMO_SCENARIOS.map((s) => ({ id: s.id, object: 'model', name: s.id, description: s.description, created: 0, owned_by: 'streamfix', context_length: 8192 })),
  };
}

/** Starts the demo upstream on a free loopback port (or `opts.port`). */
export async function startDemoUpstream(opts: DemoOptions = {}): Promise<DemoUpstream> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
      if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelList());
      if (req.method !== 'POST' || path !== '/v1/chat/completions') return demoError(res, 404, `Not found: ${req.method} ${path}`, 'not_found');
      const parsed = await readJson(req);
      if (!parsed || typeof parsed.value !== 'object' || parsed.value === null) return demoError(res, 400, 'Request body is not a JSON object', 'invalid_json');
      const body = parsed.value as Json;
      const s = findScenario(String(body.model));
      if (!s) {
        return demoError(res, 404, `"${String(body.model)}" is not a demo model; the demo upstream serves: ${ALL_DEMO_SCENARIOS.map((d) => d.id).join(', ')}`, 'model_not_found');
      }
      if (body.stream === true) return streamScenario(res, s, body, parsed.chars, opts);
      if (opts.delayMs) await delay(opts.delayMs);
      return sendJson(res, 200, demoCompletion(s, parsed.chars));
    })().catch((e: unknown) => {
      if (!res.headersSent) demoError(res, 500, `demo upstream failed: ${(e as Error).message}`, 'internal_error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
