/**
 * The crash campaign's loopback upstream and clients. The upstream streams a seeded JSON answer in a few
 * content deltas (a short random pause between them), or answers it whole for non-streaming requests.
 * A client request is "acknowledged" only when it received the end of its response: `data: [DONE]` for
 * a stream, the whole body (content-length) for a non-streaming answer. Each acknowledgement keeps the
 * artifact id and the content the client saw, to check against the artifact after the crash.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 as rng } from '../random';

export { rng };

/** The answer for a request: deterministic from its `user` field, so the checker can rebuild it. */
export function answerFor(user: string): string[] {
  let h = 2166136261;
  for (let i = 0; i < user.length; i++) h = Math.imul(h ^ user.charCodeAt(i), 16777619);
  const r = rng(h);
  const n = 2 + Math.floor(r() * 5);
  const doc = { user, items: Array.from({ length: n }, (_, i) => ({ i, v: Math.floor(r() * 1e6), s: 'x'.repeat(Math.floor(r() * 200)) })) };
  const text = JSON.stringify(doc);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const len = 20 + Math.floor(r() * 100);
    pieces.push(text.slice(at, at + len));
    at += len;
  }
  return pieces;
}

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'gen-crash', object: 'chat.completion.chunk', created: 1700000000, model: 'crash/model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

export interface Upstream {
  url: string;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => (body += s));
    req.on('end', () => {
      const { user, stream } = JSON.parse(body) as { user: string; stream?: boolean };
      const pieces = answerFor(user);
      if (!stream) {
        const out = JSON.stringify({ id: 'gen-crash', object: 'chat.completion', created: 1700000000, model: 'crash/model', choices: [{ index: 0, message: { role: 'assistant', content: pieces.join('') }, finish_reason: 'stop' }] });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
        res.end(out);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const step = () => {
        if (res.destroyed) return;
        if (i < pieces.length) {
          res.write(chunk(i === 0 ? { role: 'assistant', content: pieces[i] } : { content: pieces[i] }, null));
          i++;
          if (i % 4 === 0) setTimeout(step, 1);
          else setImmediate(step);
          return;
        }
        res.end(chunk({}, 'stop') + 'data: [DONE]\n\n');
      };
      step();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export type Mode = 'repair' | 'strip' | 'passthrough';

export interface Ack {
  id: string;
  user: string;
  mode: Mode;
  stream: boolean;
  /** The answer's content as the client received it (repaired/stripped, or raw for passthrough). */
  content: string;
}

/** The content a client assembled from a response body. */
function contentOf(text: string, stream: boolean): string {
  if (!stream) return (JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0].message.content;
  let out = '';
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const c = (JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
    if (typeof c === 'string') out += c;
  }
  return out;
}

/** One request; resolves with its acknowledgement, or null when it did not get the end of its response. */
export function request(url: string, agent: http.Agent, user: string, mode: Mode, stream: boolean): Promise<Ack | null> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ model: 'crash/model', stream, user, messages: [{ role: 'user', content: 'answer' }], response_format: { type: 'json_object' } });
    const req = http.request(`${url}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => (text += s));
      res.on('error', () => resolve(null));
      res.on('aborted', () => resolve(null));
      res.on('end', () => {
        const ended = stream ? text.endsWith('data: [DONE]\n\n') : res.complete && Buffer.byteLength(text) === Number(res.headers['content-length']);
        if (res.statusCode !== 200 || !ended) return resolve(null);
        try {
          resolve({ id: String(res.headers['x-streamfix-request-id']), user, mode, stream, content: contentOf(text, stream) });
        } catch {
          resolve(null);
        }
      });
    });
    req.on('error', () => resolve(null));
    req.end(body);
  });
}
