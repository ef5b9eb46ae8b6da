/**
 * A key cut short where a refusal quotes a client's value. The gateway quotes a bad value back cut to 40
 * or 80 characters (so an over-long one cannot blow up the answer); a real OpenRouter key (73 characters)
 * pasted there was cut before the redactor saw it, and its first 62 (or 31) secret characters, no key the
 * redactor knows, went to the client and to the debug log. Found by fuzz:http's user-like requests (a key
 * pasted in the query and in the gateway's own headers; seeds 1003-1010 and 2001, 17:00-17:14 UTC).
 * Now every such cut is marked `…` and the text before the mark is redacted as a text that ends there.
 */
import { strict as assert } from 'node:assert';
import { useTestGateway } from '../helpers/testGateway';

const KEY = 'sk-or-v1-' + 'f00dfacec0ffee42'.repeat(4);
const CLIENT_KEY = 'sk-or-v1-' + 'c1e7c1e7ba5eba11'.repeat(4);
const LIST_TEXT = JSON.stringify({ data: [{ id: 'a/b', created: 1 }] });

/** Any 12 characters of either key's secret part. */
function leaks(s: string): boolean {
  for (const k of [KEY, CLIENT_KEY]) for (let i = 9; i + 12 <= k.length; i++) if (s.includes(k.slice(i, i + 12))) return true;
  return false;
}

describe('gateway: a key cut short in a refusal is redacted', () => {
  const { up, d, logs } = useTestGateway({ apiKey: KEY, logLevel: 'debug', record: true });
  beforeEach(() => up.respond((r) => (r.path.endsWith('/models') ? { headers: { 'content-type': 'application/json' }, chunks: [LIST_TEXT] } : undefined)));
  afterEach(() => up.respond(null));
  after(() => assert.equal(leaks(logs.join('')), false, logs.join('')));
  const root = () => d.info.url.replace(/\/v1$/, '');
  const CHAT = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const MSG = JSON.stringify({ model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });

  for (const [name, path, init, message] of [
    ['the listing, status', `/v1/streamfix/results?status=Bearer%20${KEY}`, {}, 'status must be one of VALID, REPAIRED, TRUNCATED, FAILED, TEXT, EMPTY, PASSTHROUGH, UPSTREAM_ERROR, CLIENT_ABORTED, got "Bearer [redacted]…'],
    ['the listing, mode', `/v1/streamfix/results?mode=openai%2F${KEY}`, {}, 'mode must be one of repair, strip, passthrough (an auto request records the mode it chose), got "openai/[redacted]…'],
    ['the listing, limit', `/v1/streamfix/results?limit=my-model%2F${KEY}`, {}, 'limit must be a whole number from 1 to 10000, got "my-model/[redacted]…"'],
    ['an artifact id', `/v1/streamfix/result/my-model%2F${KEY}`, {}, 'No artifact with id "my-model/[redacted]…" (artifacts are kept for the most recent requests only)'],
    ['one model', `/v1/models/my-model%2F${KEY}`, {}, 'model: no model "my-model/[redacted]…" in the upstream\'s list'],
    ['Anthropic models, limit', `/v1/models?limit=${KEY}`, { headers: { 'anthropic-version': '2023-06-01' } }, 'limit: must be a whole number from 1 to 1000, got "[redacted]…"'],
    ['Anthropic models, after_id', `/v1/models?after_id=my-model%2F${KEY}`, { headers: { 'anthropic-version': '2023-06-01' } }, 'after_id: no model "my-model/[redacted]…" in the list'],
    ['chat, x-streamfix-hold-prose', '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-hold-prose': KEY }, body: CHAT }, 'x-streamfix-hold-prose must be "on" or "off", not "[redacted]…"'],
    ['chat, the client\'s own key in x-streamfix-hold-prose', '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}`, 'x-streamfix-hold-prose': CLIENT_KEY }, body: CHAT }, 'x-streamfix-hold-prose must be "on" or "off", not "[redacted]…"'],
    ['messages, x-streamfix-hold-prose', '/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-hold-prose': `Bearer ${KEY}` }, body: MSG }, 'x-streamfix-hold-prose must be "on" or "off", not "Bearer [redacted]…"'],
  ] as [string, string, RequestInit, string][]) {
    it(`${name}: the cut key is [redacted] in the answer`, async () => {
      const res = await fetch(`${root()}${path}`, init);
      const text = await res.text();
      const body = JSON.parse(text) as { error: { message: string } };
      assert.deepEqual([res.status, body.error.message], [path.startsWith('/v1/models/') || path.startsWith('/v1/streamfix/result/') ? 404 : 400, message]);
      assert.equal(leaks(text), false, text);
    });
  }

  it('a cut value without a key is quoted as before, cut and marked', async () => {
    const res = await fetch(`${root()}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-hold-prose': 'x'.repeat(50) }, body: CHAT });
    assert.deepEqual([res.status, ((await res.json()) as { error: { message: string } }).error.message], [400, `x-streamfix-hold-prose must be "on" or "off", not "${'x'.repeat(40)}…"`]);
  });
});
