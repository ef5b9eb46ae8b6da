/**
 * The benchmark's anchor: a bare pass-through proxy written with undici, doing what any reverse proxy
 * does and nothing more (forward the body, stream the response bytes back with backpressure, abort the
 * upstream when the client leaves). The gateway's figures are reported as ratios to this.
 */
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export interface BareProxy {
  url: string;
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port in front of `upstream` (a base URL ending in /v1). */
export async function startBareProxy(upstream: string): Promise<BareProxy> {
  const origin = new URL(upstream).origin;
  const dispatcher = new Agent({ keepAliveTimeout: 30000, connections: null });
  const server = http.createServer((req, res) => {
    void forward(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `bare proxy: ${err.message}`, type: 'server_error', code: 'upstream_error' } }));
    });
  });

  async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const up = await request(origin + req.url, {
      method: req.method as 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      body: Buffer.concat(parts),
      dispatcher,
      signal: abort.signal,
    });
    res.writeHead(up.statusCode, {
      'content-type': String(up.headers['content-type'] ?? 'application/octet-stream'),
      'cache-control': 'no-cache',
    });
    try {
      for await (const chunk of up.body) {
        if (!res.write(chunk)) await once(res, 'drain', { signal: abort.signal });
      }
      res.end();
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await dispatcher.close();
    },
  };
}
