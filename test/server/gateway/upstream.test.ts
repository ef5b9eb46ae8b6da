import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { GatewayError } from '../../../server/gateway/errors';
import { parseRetryAfter, REDACTORS_KEPT, Upstream } from '../../../server/gateway/upstream';
import { TestUpstream } from '../helpers/testUpstream';

const fast = { backoffBaseMs: 1, random: () => 1 };

describe('gateway/upstream', () => {
  let up: TestUpstream;
  beforeEach(async () => {
    up = await TestUpstream.start();
  });
  afterEach(async () => {
    await up.close();
  });

  it('retries 429, 502 and 503 before the first byte, then returns the answer', async () => {
    up.enqueue({ status: 429, chunks: ['slow down'] }, { status: 502, chunks: ['bad gateway'] }, { status: 200, chunks: ['ok'] });
    const u = new Upstream({ baseUrl: up.url, ...fast });
    const r = await u.request({ method: 'POST', path: '/chat/completions', headers: {}, body: '{}' });
    assert.equal(r.status, 200);
    assert.equal(await r.body.text(), 'ok');
    assert.equal(r.attempts, 3);
    assert.equal(up.requests.length, 3);
    assert.deepEqual(up.requests.map((q) => q.body), ['{}', '{}', '{}']);
    await u.close();
  });

  it('gives the last retryable status back once the retries are used up', async () => {
    up.always({ status: 503, chunks: ['{"error":{"message":"overloaded"}}'] });
    const u = new Upstream({ baseUrl: up.url, maxRetries: 1, ...fast });
    const r = await u.request({ method: 'POST', path: '/chat/completions', headers: {}, body: '{}' });
    assert.equal(r.status, 503);
    assert.equal(await r.body.text(), '{"error":{"message":"overloaded"}}');
    assert.equal(up.requests.length, 2);
    await u.close();
  });

  it('waits for Retry-After, and does not wait for one longer than the bound', async () => {
    up.enqueue({ status: 429, headers: { 'retry-after': '0' }, chunks: [''] }, { status: 200, chunks: ['ok'] });
    const u = new Upstream({ baseUrl: up.url, ...fast, maxRetryAfterMs: 1000 });
    assert.equal((await u.request({ method: 'GET', path: '/models', headers: {} })).status, 200);
    up.enqueue({ status: 429, headers: { 'retry-after': '3600' }, chunks: ['later'] });
    const r = await u.request({ method: 'GET', path: '/models', headers: {} });
    assert.equal(r.status, 429);
    assert.equal(r.attempts, 1);
    await u.close();
  });

  it('does not retry other statuses', async () => {
    up.enqueue({ status: 400, chunks: ['bad'] });
    const u = new Upstream({ baseUrl: up.url, ...fast });
    const r = await u.request({ method: 'POST', path: '/chat/completions', headers: {}, body: '{}' });
    assert.equal(r.status, 400);
    assert.equal(up.requests.length, 1);
    await u.close();
  });

  it('throws a 502 GatewayError naming the cause when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const u = new Upstream({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 2, ...fast });
    await assert.rejects(u.request({ method: 'GET', path: '/models', headers: {} }), (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.status, 502);
      assert.equal(e.code, 'upstream_unreachable');
      assert.match(e.message, new RegExp(`^Upstream http://127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED: .*\\) after 3 attempts$`));
      return true;
    });
    await u.close();
  });

  it('gives up with a 504 when the headers do not come in time', async () => {
    up.enqueue({ hangBeforeHeaders: true });
    const u = new Upstream({ baseUrl: up.url, headersTimeoutMs: 100, ...fast });
    await assert.rejects(u.request({ method: 'GET', path: '/models', headers: {} }), (e: unknown) => e instanceof GatewayError && e.status === 504 && /sent no response headers within 0.1 s/.test(e.message));
    await u.destroy();
  });

  it("keeps the redactor of a request's credential headers: the same headers share one, each redacts its own secrets", async () => {
    const KEY = 'sk-or-v1-' + 'c0ffee'.repeat(10) + 'abcd';
    const CLIENT = 'sk-or-v1-' + 'beef01'.repeat(10) + '2345';
    up.always({ status: 200, chunks: [`gateway ${KEY} client ${CLIENT} bearer Bearer ${KEY}`] });
    const u = new Upstream({ baseUrl: up.url, secrets: [KEY], ...fast });
    const ask = async (authorization?: string) => {
      const r = await u.request({ method: 'POST', path: '/chat/completions', headers: authorization ? { authorization } : {}, body: '{}' });
      return { redactor: r.redactor, text: await r.body.text() };
    };
    const plain = await ask();
    const a = await ask(`Bearer ${KEY}`);
    const b = await ask(`Bearer ${KEY}`);
    const c = await ask(`Bearer ${CLIENT}`);
    // as Redactor.with builds them: the configured key alone, with the header's forms, with the client's key
    assert.equal(plain.text, 'gateway [redacted] client ' + CLIENT + ' bearer Bearer [redacted]');
    assert.equal(a.text, 'gateway [redacted] client ' + CLIENT + ' bearer [redacted]');
    assert.equal(b.text, a.text);
    assert.equal(c.text, 'gateway [redacted] client [redacted] bearer Bearer [redacted]');
    assert.equal(b.redactor, a.redactor);
    assert.notEqual(c.redactor, a.redactor);
    assert.notEqual(plain.redactor, a.redactor);
    assert.equal((await ask(`Bearer ${CLIENT}`)).redactor, c.redactor);
    // past REDACTORS_KEPT distinct headers the oldest kept is built again (a, the first kept)
    for (let i = 0; i < REDACTORS_KEPT - 1; i++) await ask(`Bearer sk-or-v1-${String(i).padStart(64, '0')}`);
    assert.equal((await ask(`Bearer ${CLIENT}`)).redactor, c.redactor);
    const again = await ask(`Bearer ${KEY}`);
    assert.notEqual(again.redactor, a.redactor);
    assert.equal(again.text, a.text);
    await u.close();
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0.5'), 500);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon'), null);
    assert.equal(parseRetryAfter(undefined), null);
  });
});
