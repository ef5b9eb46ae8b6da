/** Small HTTP helpers every route shares: one way to write a JSON answer, and the request ids. */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-streamfix-request-id';

/**
 * Writes a whole JSON answer: `body` is an object to serialize, or text already serialized (a body
 * forwarded as received). `headers` come after the default content-type, so a forwarded one wins.
 * @example writeJson(res, 404, { [REQUEST_ID_HEADER]: id }, { error: { message: 'no such artifact' } })
 */
export function writeJson(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | object): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The `Trailer` header of a streaming response, when it can have trailers: an HTTP/1.1 response is
 * chunked and ends with them; one to an HTTP/1.0 request (`curl --http1.0`, nginx's `proxy_pass` by
 * default) cannot be chunked (it ends when the connection closes) and has no place for them, and Node
 * refuses a `Trailer` header on it (ERR_HTTP_TRAILER_INVALID: the stream would be a 500). Its status is in
 * the artifact and the `finished` event; `addTrailers` on it sends nothing.
 */
export function trailerHeader(res: ServerResponse, names: string): { trailer: string } | Record<string, never> {
  return res.useChunkedEncodingByDefault ? { trailer: names } : {};
}

/** Request ids `sfx_<time><12 hex>`, the random part drawn in batches (one randomBytes call per 512 ids
 * instead of one per id). One per gateway: the pool is its state. */
export class RequestIds {
  private pool = Buffer.alloc(0);
  private at = 0;

  next(): string {
    if (this.at + 6 > this.pool.length) {
      this.pool = randomBytes(6 * 512);
      this.at = 0;
    }
    const hex = this.pool.toString('hex', this.at, this.at + 6);
    this.at += 6;
    return `sfx_${Date.now().toString(36)}${hex}`;
  }
}

/** Waits until the response can take more (or is gone), so a slow client bounds our memory. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
