/** Bad requests of every kind are 4xx in the OpenAI shape, never 500: a sweep of the router's inputs. */
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { useTestDaemon, useTestGateway } from '../helpers/testGateway';

/** Sends one raw request line (fetch would normalise the target) and returns status and body. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('close', () => {
      const out = Buffer.concat(parts).toString('utf8');
      resolve({ status: Number(out.slice(9, 12)), body: out.slice(out.indexOf('\r\n\r\n') + 4) });
    });
    s.on('error', reject);
  });
}

describe('gateway: bad requests are 4xx, never 500', () => {
  const { d } = useTestDaemon({ demo: true });

  const cases: [string, number, string][] = [
    ['/v1/streamfix/result/%ff%fe', 400, 'Path segment "%ff%fe" is not valid percent-encoding'],
    ['/v1/streamfix/result/%', 400, 'Path segment "%" is not valid percent-encoding'],
    [`/v1/streamfix/result/${'a'.repeat(5000)}`, 404, `No artifact with id "${'a'.repeat(80)}…" (artifacts are kept for the most recent requests only)`],
    ['/v1/streamfix/result/%00', 404, 'No artifact with id "\\u0000" (artifacts are kept for the most recent requests only)'],
    [`/v1/streamfix/results?limit=${'9'.repeat(400)}`, 400, `limit must be a whole number from 1 to 10000, got "${'9'.repeat(80)}…"`],
    ['http://[::1/v1/models', 400, 'The request target "http://[::1/v1/models" is not a valid URL'],
    ['/v1/streamfix/results?status=OK', 400, 'status must be one of VALID, REPAIRED, TRUNCATED, FAILED, TEXT, EMPTY, PASSTHROUGH, UPSTREAM_ERROR, CLIENT_ABORTED, got "OK"'],
    ['/v1/streamfix/results?status=valid', 400, 'status must be one of VALID, REPAIRED, TRUNCATED, FAILED, TEXT, EMPTY, PASSTHROUGH, UPSTREAM_ERROR, CLIENT_ABORTED, got "valid"'],
    ['/v1/streamfix/results?mode=auto', 400, 'mode must be one of repair, strip, passthrough (an auto request records the mode it chose), got "auto"'],
    ['/v1/streamfix/results?model=', 400, 'model must be a model name of 1 to 256 characters, got ""'],
    [`/v1/streamfix/results?model=${'m'.repeat(300)}`, 400, `model must be a model name of 1 to 256 characters, got "${'m'.repeat(78)}…`],
    ['/v1/streamfix/results?status=TEXT&status=VALID', 400, 'status may be given once, got it 2 times'],
  ];
  for (const [target, status, message] of cases) {
    it(`${target.slice(0, 60)} -> ${status}`, async () => {
      const r = await rawGet(d.info.port, target);
      assert.equal(r.status, status);
      assert.equal(JSON.parse(r.body).error.message, message);
    });
  }

  it('takes a path starting with // as a path, not as a host', async () => {
    const r = await rawGet(d.info.port, '//x/v1/models');
    assert.equal(r.status, 404);
    assert.equal(JSON.parse(r.body).error.code, 'not_found');
  });

  it('answers every target of a sweep with a status below 500', async () => {
    const pieces = ['%', '%f', '%ff', '%00', '..', '//', '?', '#', '%2F', 'é', ' ', '\u0001', 'a'.repeat(300)];
    const bases = ['/v1/streamfix/result/', '/v1/streamfix/results?limit=', '/v1/models', '/health?', '/v1/streamfix/models?', '/'];
    for (const b of bases) {
      for (const p of pieces) {
        const target = encodeURI(b + p).replace(/%25/g, '%');
        const r = await rawGet(d.info.port, target);
        assert.ok(r.status >= 200 && r.status < 500, `${target}: ${r.status} ${r.body.slice(0, 200)}`);
      }
    }
  });
});

/** Sends `head` on a raw socket and resolves with everything the gateway sent back before it closed. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(head));
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
    s.on('error', reject);
  });
}

describe('gateway: a CONNECT request is a 405, not a dropped connection', () => {
  const { d } = useTestDaemon({ demo: true });

  for (const target of ['127.0.0.1:443', 'example.com:443', '/v1/models', '*']) {
    it(`CONNECT ${target}`, async () => {
      const out = await rawExchange(d.info.port, `CONNECT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      const body = '{"error":{"message":"CONNECT is not served: the gateway is no proxy (send requests to its /v1 routes)","type":"invalid_request_error","code":"method_not_allowed"}}';
      assert.equal(out, `HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    });
  }

  it('the next request on a new connection works', async () => {
    const r = await fetch(`http://127.0.0.1:${d.info.port}/health`);
    assert.equal(r.status, 200);
  });
});

describe('gateway: a client that leaves while /v1/models waits for the upstream is no internal error', () => {
  const { up, d, logs } = useTestGateway({ logLevel: 'debug', record: true });

  for (const path of ['/v1/models', '/v1/models/m', '/v1/models/a/b']) {
    for (const anthropic of [false, true]) {
      it(`${path}${anthropic ? ' (Anthropic client)' : ''}: logged at debug as the client leaving, no error line`, async () => {
        up.always({ hangBeforeHeaders: true });
        logs.length = 0;
        const ac = new AbortController();
        const res = fetch(`http://127.0.0.1:${d.info.port}${path}`, { signal: ac.signal, headers: anthropic ? { 'anthropic-version': '2023-06-01' } : {} }).catch((e: Error) => e.name);
        await up.waitForRequest();
        const upstreamAborted = up.waitForAbort();
        ac.abort();
        assert.equal(await res, 'AbortError');
        await upstreamAborted;
        await new Promise((r) => setTimeout(r, 50));
        const lines = logs.join('').split('\n').filter((l) => l !== '').map((l) => l.replace(/^\S+ (\S+) +sfx_\w+ /, '$1 '));
        assert.deepEqual(lines, [`debug GET ${path}: 499 The client closed the connection before the upstream's model list arrived`]);
      });
    }
  }
});

describe('gateway: a client that leaves in the middle of its request body is no internal error', () => {
  const { d, logs } = useTestGateway({ logLevel: 'debug', record: true });

  for (const path of ['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens']) {
    it(`${path}: logged at debug as a body that did not arrive whole, no error line`, async () => {
      logs.length = 0;
      const s = connect(d.info.port, '127.0.0.1');
      await new Promise<void>((resolve) => s.once('connect', resolve));
      s.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"model": "m", `);
      await new Promise((r) => setTimeout(r, 50));
      s.destroy();
      for (let i = 0; i < 200 && !logs.join('').includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
      const lines = logs.join('').split('\n').filter((l) => l !== '').map((l) => l.replace(/^\S+ (\S+) +sfx_\w+ /, '$1 '));
      assert.deepEqual(lines, [`debug POST ${path}: 408 The request body did not arrive whole (aborted, after 15 bytes): the client left or was slower than the request time-out`]);
    });
  }
});

