/** Host (DNS rebinding), Origin allow-list with CORS, the gateway token, and where the API key may go. */
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { postChat, startTestDaemon } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse, TestUpstream } from '../helpers/testUpstream';

/** A raw request with any Host/Origin (fetch does not let a client set Host). */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const SECRET = 'sk-or-v1-THIS-IS-THE-SECRET-KEY';

describe('gateway: security', () => {
  const { up, d, logs: logLines } = useTestGateway({ apiKey: SECRET, token: 'gateway-token-123', allowedOrigins: ['https://app.example'], logLevel: 'debug', record: true });
  before(() => {
    up.always({ chunks: [sse(chunk({ content: '{"a": 1' }), chunk({ content: '' }, 'stop'), '[DONE]')] });
  });
  const auth = { authorization: 'Bearer gateway-token-123' };

  it('listens on 127.0.0.1 only', () => {
    const addr = d.gateway.server.address() as { address: string };
    assert.equal(addr.address, '127.0.0.1');
  });

  for (const host of ['evil.example', 'evil.example:8787', '127.0.0.1.nip.io', '192.168.1.5:8787']) {
    it(`refuses Host "${host}" with 403 (DNS rebinding)`, async () => {
      const r = await raw(d.info.port, { path: '/health', headers: { host, ...auth } });
      assert.equal(r.status, 403);
      assert.match(String(r.headers['x-streamfix-request-id']), /^sfx_/);
      assert.deepEqual(JSON.parse(r.body).error.code, 'forbidden_host');
      assert.equal(JSON.parse(r.body).error.message, `Host "${host}" is not a loopback name; use http://127.0.0.1:<port> (requests for other host names are refused to stop DNS rebinding)`);
    });
  }

  for (const host of ['127.0.0.1:%p', 'localhost:%p', '[::1]:%p', 'LOCALHOST:%p']) {
    it(`accepts Host "${host}"`, async () => {
      const r = await raw(d.info.port, { path: '/health', headers: { host: host.replace('%p', String(d.info.port)), ...auth } });
      assert.equal(r.status, 200);
    });
  }

  it('refuses a browser Origin that is not allowed, with 403 and no CORS headers', async () => {
    const r = await fetch(`http://127.0.0.1:${d.info.port}/health`, { headers: { origin: 'https://evil.example', ...auth } });
    assert.equal(r.status, 403);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.equal(((await r.json()) as { error: { code: string; message: string } }).error.message, 'Origin "https://evil.example" is not allowed; add it with --allowed-origin or the streamfix.allowedOrigins setting');
  });

  it('answers a CORS preflight from an allowed origin without a token, and adds CORS headers to its requests', async () => {
    const pre = await fetch(`${d.info.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('x-streamfix-request-id') ?? '', /^sfx_/);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
    assert.equal(pre.headers.get('access-control-allow-headers'), 'authorization, content-type');
    const r = await fetch(`http://127.0.0.1:${d.info.port}/health`, { headers: { origin: 'https://app.example', ...auth } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example');
    // a browser client can read every header the gateway answers with (the status and truncated-calls
    // trailers, and the retry advice of a rejected truncated tool call, included)
    assert.equal(
      r.headers.get('access-control-expose-headers'),
      'x-streamfix-request-id, x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact, x-should-retry, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after',
    );
  });

  it('requires the gateway token: 401 without it or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-000' }, { authorization: 'gateway-token-123' }];
    for (const headers of attempts) {
      const r = await postChat(d, { model: 'm', messages: [{}] }, headers);
      assert.equal(r.status, 401);
      const body = (await r.json()) as { error: { type: string; code: string; message: string } };
      assert.deepEqual(body.error, {
        message: 'This gateway requires "Authorization: Bearer <token>" (or, for Anthropic clients, "x-api-key: <token>") with the token it was started with (--token / STREAMFIX_TOKEN)',
        type: 'authentication_error',
        code: 'unauthorized',
      });
    }
    assert.equal((await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).status, 401);
  });

  it('sends the configured key upstream, never the gateway token', async () => {
    const n = up.requests.length;
    const r = await postChat(d, { model: 'm', stream: true, messages: [{}] }, auth);
    await r.text();
    assert.equal(up.requests[n]!.headers.authorization, `Bearer ${SECRET}`);
  });

  it('never puts the key in artifacts, events, metrics, errors or logs', async () => {
    const events: string[] = [];
    const off = d.events.subscribe((e) => events.push(JSON.stringify(e)));
    const r1 = await postChat(d, { model: 'm', stream: true, messages: [{}] }, auth);
    await r1.text();
    up.enqueue({ status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"bad key","code":401}}'] });
    const r2 = await postChat(d, { model: 'm', messages: [{}] }, auth);
    await r2.text();
    off();
    const artifacts = await Promise.all(
      [r1, r2].map(async (r) => (await fetch(`${d.info.url}/streamfix/result/${r.headers.get('x-streamfix-request-id')}`, { headers: auth })).text()),
    );
    const metrics = await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`, { headers: auth })).text();
    const health = await (await fetch(`http://127.0.0.1:${d.info.port}/health`, { headers: auth })).text();
    for (const [what, text] of [['artifacts', artifacts.join('')], ['events', events.join('')], ['metrics', metrics], ['health', health], ['logs', logLines.join('')]] as const) {
      assert.equal(text.includes(SECRET), false, `${what} contain the key`);
      assert.equal(text.includes('THIS-IS-THE-SECRET'), false, `${what} contain part of the key`);
    }
    assert.ok(logLines.length > 0, 'the daemon logged something');
  });
});

describe('gateway: the client may bring its own key', () => {
  let up: TestUpstream;
  before(async () => {
    up = await TestUpstream.start();
    up.always({ status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}]}'] });
  });
  after(async () => {
    await up.close();
  });

  it('forwards an OpenRouter key the client sends, and replaces a placeholder with the configured key', async () => {
    const d = await startTestDaemon({ upstream: up.url, apiKey: 'sk-or-configured' });
    try {
      await (await postChat(d, { model: 'm', messages: [{}] }, { authorization: 'Bearer sk-or-client-own' })).text();
      await (await postChat(d, { model: 'm', messages: [{}] }, { authorization: 'Bearer placeholder' })).text();
      const n = up.requests.length;
      assert.deepEqual(up.requests.slice(n - 2).map((r) => r.headers.authorization), ['Bearer sk-or-client-own', 'Bearer sk-or-configured']);
    } finally {
      await d.close();
    }
  });

  it('forwards any client Authorization when the gateway has no key (local upstreams)', async () => {
    const d = await startTestDaemon({ upstream: up.url });
    try {
      await (await postChat(d, { model: 'm', messages: [{}] }, { authorization: 'Bearer local-key' })).text();
      await (await postChat(d, { model: 'm', messages: [{}] })).text();
      const n = up.requests.length;
      assert.deepEqual(up.requests.slice(n - 2).map((r) => r.headers.authorization), ['Bearer local-key', undefined]);
    } finally {
      await d.close();
    }
  });
});
