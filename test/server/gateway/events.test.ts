import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventHub, formatEvent, IsoClock, type GatewayEventInput } from '../../../server/gateway/events';
import type { GatewayEvent } from '../../../shared/protocol';

/** A raw SSE reader over a real socket: keeps every byte received and resolves waits on new data. */
class SseClient {
  raw = '';
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  ended = false;
  private readonly req: http.ClientRequest;
  private waiters: (() => void)[] = [];

  private constructor(url: string, headers: Record<string, string>, ready: (c: SseClient) => void, fail: (e: Error) => void) {
    this.req = http.get(url, { headers }, (res) => {
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (s: string) => {
        this.raw += s;
        this.wake();
      });
      res.on('end', () => {
        this.ended = true;
        this.wake();
      });
      ready(this);
    });
    this.req.on('error', (err) => {
      if (!this.ended) fail(err);
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => new SseClient(url, headers, resolve, reject));
  }

  /** Frames (blocks separated by a blank line) received so far, complete ones only. */
  frames(): string[] {
    const parts = this.raw.split('\n\n');
    parts.pop();
    return parts;
  }

  /** Resolves once `pred` holds, re-checking on every chunk received (no timers). */
  async until(pred: (c: SseClient) => boolean): Promise<void> {
    while (!pred(this)) {
      if (this.ended) throw new Error(`stream ended before the condition held; received:\n${this.raw}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  close(): void {
    this.req.destroy();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}

const started = (id: string): GatewayEventInput => ({ type: 'started', id, model: 'demo/clean', mode: 'repair', stream: true });

describe('EventHub', () => {
  let hub: EventHub;
  let server: http.Server;
  let base: string;
  const clients: SseClient[] = [];

  async function listen(h: EventHub): Promise<void> {
    hub = h;
    server = http.createServer((req, res) => {
      // What the gateway's security layer does before calling the hub: CORS must survive handleSse.
      res.setHeader('access-control-allow-origin', 'http://localhost:3000');
      hub.handleSse(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/streamfix/events`;
  }
  async function connect(headers: Record<string, string> = {}, query = ''): Promise<SseClient> {
    const c = await SseClient.open(base + query, headers);
    clients.push(c);
    await c.until((x) => x.raw.includes('\n\n')); // the retry preamble
    return c;
  }
  /** Resolves when the hub has exactly `n` clients; checked on each server-side socket close. */
  async function clientCountBecomes(n: number): Promise<void> {
    while (hub.clientCount !== n) await new Promise((r) => setImmediate(r));
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    hub?.close();
    if (server) await new Promise((r) => server.close(r));
  });

  it('assigns monotonic seqs and ISO times, and delivers to subscribers until they unsubscribe', async () => {
    const h = new EventHub();
    const got: GatewayEvent[] = [];
    const off = h.subscribe((e) => got.push(e));
    const a = h.publish(started('sfx_a'));
    const b = h.publish({ type: 'reasoning', id: 'sfx_a', bytes: 42 });
    off();
    h.publish({ type: 'reasoning', id: 'sfx_a', bytes: 1 });
    assert.equal(a.seq, 1);
    assert.equal(b.seq, 2);
    assert.match(a.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(got, [a, b]);
    assert.deepEqual(b, { type: 'reasoning', id: 'sfx_a', bytes: 42, seq: 2, time: b.time });
    assert.equal(h.latestSeq, 3);
    h.close();
  });

  it('keeps delivering when a subscriber throws, and counts it', () => {
    const h = new EventHub();
    const got: number[] = [];
    h.subscribe(() => {
      throw new Error('boom');
    });
    h.subscribe((e) => got.push(e.seq));
    h.publish(started('sfx_a'));
    assert.deepEqual(got, [1]);
    assert.equal(h.counters.subscriberErrors, 1);
    h.close();
  });

  it('streams events with id, event and data lines, keeping headers set before', async () => {
    await listen(new EventHub());
    const c = await connect();
    assert.equal(c.status, 200);
    assert.equal(c.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(c.headers['cache-control'], 'no-cache, no-transform');
    assert.equal(c.headers['access-control-allow-origin'], 'http://localhost:3000');
    const e = hub.publish(started('sfx_1'));
    await c.until((x) => x.frames().length === 2);
    assert.deepEqual(c.frames(), [
      'retry: 2000\n: streamfix events',
      `id: 1\nevent: started\ndata: {"type":"started","id":"sfx_1","model":"demo/clean","mode":"repair","stream":true,"seq":1,"time":"${e.time}"}`,
    ]);
    assert.equal(formatEvent(e), c.frames()[1] + '\n\n');
  });

  it('resumes after Last-Event-ID from the backlog, then continues live', async () => {
    await listen(new EventHub());
    for (let i = 1; i <= 5; i++) hub.publish(started(`sfx_${i}`));
    const c = await connect({ 'last-event-id': '2' });
    hub.publish(started('sfx_6'));
    await c.until((x) => x.frames().length === 5);
    assert.deepEqual(
      c.frames().slice(1).map((f) => f.split('\n')[0]),
      ['id: 3', 'id: 4', 'id: 5', 'id: 6'],
    );
  });

  it('accepts the resume point as ?lastEventId= for clients that cannot set headers', async () => {
    await listen(new EventHub());
    for (let i = 1; i <= 3; i++) hub.publish(started(`sfx_${i}`));
    const c = await connect({}, '?lastEventId=1');
    await c.until((x) => x.frames().length === 3);
    assert.deepEqual(c.frames().slice(1).map((f) => f.split('\n')[0]), ['id: 2', 'id: 3']);
  });

  it('sends nothing old to a client without a resume point, and the whole backlog for lastEventId=0', async () => {
    await listen(new EventHub());
    hub.publish(started('sfx_1'));
    const fresh = await connect();
    const all = await connect({ 'last-event-id': '0' });
    hub.publish(started('sfx_2'));
    await fresh.until((x) => x.frames().length === 2);
    await all.until((x) => x.frames().length === 3);
    assert.deepEqual(fresh.frames().slice(1).map((f) => f.split('\n')[0]), ['id: 2']);
    assert.deepEqual(all.frames().slice(1).map((f) => f.split('\n')[0]), ['id: 1', 'id: 2']);
  });

  it('bounds the backlog and sends a reset when the resume point is older than it', async () => {
    await listen(new EventHub({ backlog: 3 }));
    for (let i = 1; i <= 10; i++) hub.publish(started(`sfx_${i}`));
    assert.deepEqual(hub.since(0).map((e) => e.seq), [8, 9, 10]);

    const old = await connect({ 'last-event-id': '2' });
    await old.until((x) => x.frames().length === 5);
    assert.deepEqual(old.frames()[1], 'event: reset\ndata: {"reason":"missed","lastEventId":2,"oldestSeq":8,"latestSeq":10}');
    assert.deepEqual(old.frames().slice(2).map((f) => f.split('\n')[0]), ['id: 8', 'id: 9', 'id: 10']);

    // Just before the backlog: nothing was missed, so no reset.
    const edge = await connect({ 'last-event-id': '7' });
    await edge.until((x) => x.frames().length === 4);
    assert.deepEqual(edge.frames().slice(1).map((f) => f.split('\n')[0]), ['id: 8', 'id: 9', 'id: 10']);

    // An id from a previous daemon run (larger than any seq issued).
    const stale = await connect({ 'last-event-id': '500' });
    await stale.until((x) => x.frames().length === 5);
    assert.equal(stale.frames()[1], 'event: reset\ndata: {"reason":"unknown-id","lastEventId":500,"oldestSeq":8,"latestSeq":10}');
  });

  it('treats a malformed Last-Event-ID as a fresh connection', async () => {
    await listen(new EventHub());
    hub.publish(started('sfx_1'));
    const c = await connect({ 'last-event-id': '-1x' });
    hub.publish(started('sfx_2'));
    await c.until((x) => x.frames().length === 2);
    assert.deepEqual(c.frames().slice(1).map((f) => f.split('\n')[0]), ['id: 2']);
  });

  it('sends keep-alive comments while clients are connected', async () => {
    await listen(new EventHub({ keepAliveMs: 20 }));
    const c = await connect();
    await c.until((x) => x.frames().filter((f) => f === ': keep-alive').length >= 2);
    assert.deepEqual(c.frames().slice(1, 3), [': keep-alive', ': keep-alive']);
  });

  it('delivers to a second client, and forgets a client that disconnects', async () => {
    await listen(new EventHub());
    const a = await connect();
    const b = await connect();
    assert.equal(hub.clientCount, 2);
    hub.publish(started('sfx_1'));
    await a.until((x) => x.frames().length === 2);
    await b.until((x) => x.frames().length === 2);
    assert.equal(a.frames()[1], b.frames()[1]);
    a.close();
    await clientCountBecomes(1);
    hub.publish(started('sfx_2'));
    await b.until((x) => x.frames().length === 3);
    assert.equal(b.frames()[2].split('\n')[0], 'id: 2');
  });

  it('keeps a client whose request body was consumed and closed', async () => {
    hub = new EventHub();
    let requestClosed!: () => void;
    const closed = new Promise<void>((r) => (requestClosed = r));
    server = http.createServer((req, res) => {
      req.resume(); // as a body-reading middleware would
      req.on('close', requestClosed);
      hub.handleSse(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const c = await connect();
    await closed;
    hub.publish(started('sfx_1'));
    await c.until((x) => x.frames().length === 2);
    assert.equal(c.frames()[1].split('\n')[0], 'id: 1');
    assert.equal(hub.clientCount, 1);
  });

  it('ends every stream on close and refuses new clients with 503', async () => {
    await listen(new EventHub());
    const c = await connect();
    hub.close();
    await c.until((x) => x.ended);
    assert.equal(hub.clientCount, 0);
    const late = await SseClient.open(base);
    clients.push(late);
    await late.until((x) => x.ended);
    assert.equal(late.status, 503);
    assert.equal(late.raw, '{"error":{"message":"The event hub is shut down","type":"server_error","code":"shutting_down"}}');
  });

  it('rejects nonsense options with a RangeError', () => {
    assert.throws(() => new EventHub({ backlog: -1 }), { name: 'RangeError', message: 'backlog must be an integer >= 0, got -1' });
    assert.throws(() => new EventHub({ keepAliveMs: 0 }), { name: 'RangeError', message: 'keepAliveMs must be > 0, got 0' });
  });
});

describe('IsoClock', () => {
  it('writes every millisecond as toISOString does, across second, day, year and sign boundaries', () => {
    const clock = new IsoClock();
    const starts = [0, -1500, Date.UTC(2026, 10, 30, 23, 59, 58, 990), Date.UTC(2027, 11, 31, 23, 59, 59, 500), Date.UTC(9999, 11, 31, 23, 59, 59, 0), Date.UTC(1969, 11, 31, 23, 59, 59, 998)];
    for (const start of starts) {
      for (let ms = start; ms < start + 2100; ms++) assert.equal(clock.now(ms), new Date(ms).toISOString(), `at ${ms}`);
      // time going back (a clock step) and repeating a millisecond
      assert.equal(clock.now(start + 5), new Date(start + 5).toISOString());
      assert.equal(clock.now(start + 5), new Date(start + 5).toISOString());
    }
  });

  it('is the clock of the events the hub publishes', () => {
    const hub = new EventHub();
    const before = Date.now();
    const e = hub.publish({ type: 'started', id: 'sfx_1', model: 'm', mode: 'repair', stream: true });
    const at = Date.parse(e.time);
    assert.ok(at >= before && at <= Date.now(), e.time);
    assert.equal(e.time, new Date(at).toISOString());
    hub.close();
  });
});
