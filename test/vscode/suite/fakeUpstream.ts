/**
 * The suites' own upstream: a loopback OpenAI-compatible server set as streamfix.upstreamBaseUrl (the daemon
 * restarts with it), which lists the suite's models and answers each chat request as the suite says. Shared
 * by the suites that read what the chat and the inspector say against what an upstream sent (before, each
 * kept a copy of this server and of the SSE chunk writer).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayInfo } from '../../../shared/protocol';
import { useUpstream } from './helpers';

/** A chat request as the upstream received it from the gateway. */
export interface ChatBody {
  model: string;
  messages: { role: string; content: string; refusal?: string }[];
  response_format?: unknown;
  [key: string]: unknown;
}

/** Writes the whole response to one chat request (status, headers, body). */
export type Answer = (body: ChatBody, res: http.ServerResponse) => void;

export interface FakeUpstream {
  /** The upstream's base URL (`http://127.0.0.1:<port>/v1`). */
  url: string;
  /** The gateway the daemon runs with this upstream. */
  info: GatewayInfo;
  /** Each chat request's body, in the order they came. */
  bodies: ChatBody[];
  /** How many chat requests asked `model`. */
  calls(model: string): number;
  /** Puts the daemon back on the embedded demo, then closes the server. */
  close(): Promise<void>;
}

/**
 * One SSE chunk of a streamed chat completion: choice `index`'s delta, with its finish reason.
 * @example chunk('m', { content: 'Hi' }) === 'data: {"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n'
 */
export function chunk(model: string, delta: unknown, finish: string | null = null, index = 0): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model, choices: [{ index, delta, finish_reason: finish }] })}\n\n`;
}

/** Starts the upstream (GET /v1/models lists `models`; every other request is a chat request for `answer`,
 * its body kept) and sets it as the daemon's, once the daemon runs with it. */
export async function useFakeUpstream(models: string[], answer: Answer): Promise<FakeUpstream> {
  const bodies: ChatBody[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model' })) }));
      }
      let body: ChatBody;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatBody;
      } catch (err) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { message: `the suite's upstream got no JSON body: ${(err as Error).message}` } }));
      }
      bodies.push(body);
      answer(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const info = await useUpstream(url);
  return {
    url,
    info,
    bodies,
    calls: (model) => bodies.filter((b) => b.model === model).length,
    close: async () => {
      await useUpstream(undefined);
      await new Promise((r) => server.close(r));
    },
  };
}
