/**
 * The gateway's own limits on its clients, so no client can hold the daemon's sockets or memory:
 * - at most `maxConnections` open connections for any request, and `reserveConnections` more that may
 *   only ask `GET /health` or `GET /metrics` (one request each, then closed): so a checker still hears the
 *   daemon, and that it is at its cap, when clients hold every connection. Any other request on a reserve
 *   connection, and any connection past the reserve, gets a 503 in the OpenAI shape and is closed (counted
 *   as a `connection_refused` warning) instead of being dropped without a word. A reserve connection must
 *   send its whole request line and headers within `reserveRequestTimeoutMs` (1 s), or it gets a 408 and
 *   is closed (`connection_timeout`): so sockets that connect and send nothing cannot hold the reserve
 *   for the header time-out (10 s) and shut `/health` out too. Its body, if any, is not read;
 * - a client must send its request headers within `headersTimeoutMs` and its whole request within
 *   `requestTimeoutMs` (slowloris): past that it gets a 408 and is closed (`connection_timeout`). The
 *   response is not limited: a stream may run as long as the upstream does;
 * - a request Node's HTTP parser rejects (bad framing, headers too large) gets a 400 / 431 in the OpenAI
 *   shape instead of Node's empty answer.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { GatewayError } from './errors';
import type { Warnings } from './warnings';

export interface ClientLimits {
  /** Open connections at most (default 2048; each costs a file descriptor). */
  maxConnections?: number;
  /** Connections past `maxConnections` kept for `GET /health` and `GET /metrics` only (default 16). */
  reserveConnections?: number;
  /** Time a connection in the reserve has to send its whole request line and headers (default 1 s). */
  reserveRequestTimeoutMs?: number;
  /** Time to receive a request's headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (default 30 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 2048;
export const DEFAULT_RESERVE_CONNECTIONS = 16;
export const DEFAULT_RESERVE_REQUEST_TIMEOUT_MS = 1_000;

/** The requests a reserve connection may make: the daemon's own state, cheap and without a body. */
export function reserveServes(method: string | undefined, url: string | undefined): boolean {
  if (method !== 'GET' || url === undefined) return false;
  const path = url.split('?', 1)[0];
  return path === '/health' || path === '/metrics';
}

/** A complete HTTP response written straight to a socket that never reaches a request handler. */
function rawError(status: number, reason: string, err: GatewayError): string {
  const body = JSON.stringify(err.toBody());
  return `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

export interface ClientGuard {
  /** Connections open now. */
  readonly open: number;
  readonly max: number;
  readonly reserve: number;
  /** True for a socket that was refused (its request, if one arrives, is not served). */
  refused(socket: Socket): boolean;
  /** True for a socket opened past the cap, within the reserve: only /health and /metrics are served on it
   * (the caller checks with reserveServes, and refuses the rest with `refuse`). */
  inReserve(socket: Socket): boolean;
  /** Answers a request on a reserve socket that it may not make: 503 overloaded, closed. */
  refuse(socket: Socket): void;
  /** A reserve socket's request has arrived whole: its deadline no longer runs. */
  received(socket: Socket): void;
}

export function guardClients(server: Server, limits: ClientLimits, warnings: Warnings): ClientGuard {
  const max = limits.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const reserve = limits.reserveConnections ?? DEFAULT_RESERVE_CONNECTIONS;
  const reserveDeadlineMs = limits.reserveRequestTimeoutMs ?? DEFAULT_RESERVE_REQUEST_TIMEOUT_MS;
  server.headersTimeout = limits.headersTimeoutMs ?? 10_000;
  server.requestTimeout = limits.requestTimeoutMs ?? 30_000;
  const refusedSockets = new WeakSet<Socket>();
  const reserveSockets = new WeakSet<Socket>();
  /** The deadline of each reserve socket whose request has not arrived whole. */
  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  let open = 0;
  const refuse = (socket: Socket, why: string) => {
    refusedSockets.add(socket);
    warnings.warn('connection_refused', why);
    const err = new GatewayError(503, 'overloaded', `The gateway has ${max} connections open, its limit; retry when some have closed`);
    socket.end(rawError(503, 'Service Unavailable', err));
    // a client that never reads its answer must not keep the socket
    setTimeout(() => socket.destroy(), 2_000).unref();
  };

  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open <= max) return;
    if (open <= max + reserve) {
      reserveSockets.add(socket);
      const deadline = setTimeout(() => {
        deadlines.delete(socket);
        if (!socket.writable) return void socket.destroy();
        refusedSockets.add(socket); // a request completing now is not served
        warnings.warn('connection_timeout', `closed a connection kept for /health and /metrics that sent no complete request within ${reserveDeadlineMs} ms`);
        // answered, then closed at once: the slot is free as soon as the answer is written
        socket.end(rawError(408, 'Request Timeout', new GatewayError(408, 'request_timeout', 'The request did not arrive in time')), () => socket.destroy());
        setTimeout(() => socket.destroy(), 100).unref(); // a client that reads nothing cannot hold the write
      }, reserveDeadlineMs);
      deadline.unref();
      deadlines.set(socket, deadline);
      socket.once('close', () => clearTimeout(deadline));
      return;
    }
    refuse(socket, `refused a connection: ${max} connections are open (the limit), and the ${reserve} kept for /health and /metrics`);
  });

  // a CONNECT (a client taking the gateway for a proxy): Node drops the socket unanswered when nothing
  // listens for it; the answer is a 405 like any other method the gateway does not serve
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    if (refusedSockets.has(socket) || !socket.writable) return void socket.destroy();
    socket.end(rawError(405, 'Method Not Allowed', new GatewayError(405, 'method_not_allowed', 'CONNECT is not served: the gateway is no proxy (send requests to its /v1 routes)')));
    setTimeout(() => socket.destroy(), 2_000).unref();
  });

  server.on('clientError', (e: NodeJS.ErrnoException, socket: Socket) => {
    if (refusedSockets.has(socket) || !socket.writable) return void socket.destroy();
    let answer: string;
    if (e.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      warnings.warn('connection_timeout', `closed a connection that sent no complete request in time (headers within ${server.headersTimeout} ms, the whole request within ${server.requestTimeout} ms)`);
      answer = rawError(408, 'Request Timeout', new GatewayError(408, 'request_timeout', 'The request did not arrive in time'));
    } else if (e.code === 'HPE_HEADER_OVERFLOW') {
      answer = rawError(431, 'Request Header Fields Too Large', new GatewayError(431, 'invalid_request', 'The request headers are too large'));
    } else if (e.code === 'ECONNRESET' || e.code === 'EPIPE') {
      return void socket.destroy();
    } else {
      answer = rawError(400, 'Bad Request', new GatewayError(400, 'invalid_request', `The request is not valid HTTP (${e.code ?? e.message})`));
    }
    socket.end(answer);
    setTimeout(() => socket.destroy(), 2_000).unref();
  });

  return {
    get open() {
      return open;
    },
    max,
    reserve,
    refused: (socket) => refusedSockets.has(socket),
    inReserve: (socket) => reserveSockets.has(socket),
    refuse: (socket) => refuse(socket, `refused a request on a connection kept for /health and /metrics: ${max} connections are open (the limit)`),
    received: (socket) => {
      clearTimeout(deadlines.get(socket));
      deadlines.delete(socket);
    },
  };
}
