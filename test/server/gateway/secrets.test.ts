/**
 * The key never leaks: an upstream that echoes the credential header it received in every place it can
 * (error bodies before the stream, SSE error events mid-stream, content cut inside the key, the model
 * list, response headers) reaches the client, the artifacts, the events and the logs redacted.
 */
import { strict as assert } from 'node:assert';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-ECHOED-SECRET-0123456789';
const CLIENT_KEY = 'sk-or-v1-CLIENT-OWN-KEY-987654321';
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

/** What the upstream received as its credential (the gateway's key, or the client's own). */
function authOf(r: RecordedRequest): string {
  return String(r.headers.authorization ?? '');
}

/** A stream that carries the header in a content delta cut inside the key, then an SSE error event. */
function echoStream(r: RecordedRequest): ScriptedResponse {
  const auth = authOf(r);
  const text = sse(chunk({ content: `{"echo": "${auth}"` }), chunk({ content: '}' }), JSON.stringify({ error: { message: `Invalid credentials: ${auth}`, code: 401 } }), '[DONE]');
  const at = text.indexOf(auth) + 14; // inside the key itself
  return { headers: { 'x-ratelimit-limit': auth }, chunks: [Buffer.from(text.slice(0, at)), Buffer.from(text.slice(at))] };
}

function leaks(s: string): boolean {
  return s.includes(KEY) || s.includes(KEY.slice(9)) || s.includes(CLIENT_KEY) || s.includes(CLIENT_KEY.slice(9));
}

describe('gateway: secrets redaction against an upstream that echoes the key', () => {
  const { up, d, logs, events } = useTestGateway({ apiKey: KEY, logLevel: 'debug', record: true });
  after(() => {
    assert.equal(leaks(logs.join('')), false, 'a log line has the key');
    assert.equal(leaks(JSON.stringify(events)), false, 'an event has the key');
  });

  for (const mode of ['strip', 'repair', 'passthrough'] as const) {
    it(`${mode}: a stream echoing the key in content (cut inside it), an error event and a header`, async () => {
      up.respond(echoStream);
      try {
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(authOf(up.requests[up.requests.length - 1]!), `Bearer ${KEY}`);
        assert.equal(res.headers.get('x-ratelimit-limit'), '[redacted]');
        assert.equal(leaks(text), false);
        const c = collect(text.replace(/data: \{"error".*\n\n/, ''));
        assert.equal(c.content, '{"echo": "[redacted]"}');
        assert.match(text, /data: \{"error":\{"message":"Invalid credentials: \[redacted\]","code":401\}\}\n\n/);
        const a = await artifactOf(d, res);
        assert.equal(leaks(JSON.stringify(a)), false);
        assert.equal(a.rawContent, '{"echo": "[redacted]"}');
        assert.equal(a.status, 'UPSTREAM_ERROR');
        assert.deepEqual(a.errors, [{ message: 'Invalid credentials: [redacted]', code: '401' }]);
      } finally {
        up.respond(null);
      }
    });
  }

  it('a 401 error body echoing the key, before the stream', async () => {
    up.enqueue({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [`{"error":{"message":"No auth credentials found for Bearer ${KEY}","code":401}}`] });
    const res = await postChat(d, { ...REQ, stream: true });
    assert.equal(res.status, 401);
    assert.equal(await res.text(), '{"error":{"message":"No auth credentials found for [redacted]","code":401}}');
    const a = await artifactOf(d, res);
    assert.deepEqual(a.errors, [{ message: 'No auth credentials found for [redacted]', status: 401 }]);
  });

  it('an HTML error page echoing the key, non-streaming', async () => {
    up.enqueue({ status: 500, headers: { 'content-type': 'text/html' }, chunks: [`<html><body>upstream saw Authorization: Bearer ${KEY}</body></html>`] });
    const res = await postChat(d, REQ);
    assert.equal(res.status, 500);
    // not JSON: the client gets it in the OpenAI error shape, an excerpt of the page (redacted) as the message
    assert.equal(await res.text(), '{"error":{"message":"Upstream returned 500: upstream saw Authorization: [redacted]","type":"upstream_error","code":"upstream_error"}}');
  });

  it('a non-streaming completion echoing the key in its content', async () => {
    up.respond((r) => ({
      headers: { 'content-type': 'application/json' },
      chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: `key=${authOf(r)}` }, finish_reason: 'stop' }] })],
    }));
    try {
      const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
      const body = (await res.json()) as { choices: { message: { content: string } }[] };
      assert.equal(body.choices[0]!.message.content, 'key=[redacted]');
      assert.equal((await artifactOf(d, res)).rawContent, 'key=[redacted]');
    } finally {
      up.respond(null);
    }
  });

  // httpFuzz (CI run of 0116c74) found the key in a 400: a tool named with the key, echoed in the message
  const MSG = { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
  for (const [path, body, headers] of [
    ['/messages/count_tokens', { ...MSG, tools: [{ type: 'any', name: KEY }] }, {}],
    ['/messages', { ...MSG, tools: [{ type: 'any', name: KEY }] }, {}],
    ['/messages', MSG, { 'x-streamfix-mode': KEY }],
    ['/chat/completions', REQ, { 'x-streamfix-mode': KEY }],
    ['/chat/completions', REQ, { 'x-streamfix-schema': KEY }],
  ] as const) {
    it(`a refused request echoing the key in the message (${path}, ${Object.keys(headers)[0] ?? 'body'}): redacted`, async () => {
      const res = await fetch(`${d.info.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await res.text();
      assert.equal(res.status, 400, text);
      assert.equal(leaks(text), false, text);
      assert.match(text, /\[redacted\]/, text);
    });
  }

  it('the model list echoing the key', async () => {
    up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ data: [{ id: 'm', owner: authOf(r) }] })] }));
    try {
      const res = await fetch(`${d.info.url}/models`);
      assert.equal(await res.text(), '{"data":[{"id":"m","owner":"[redacted]"}]}');
    } finally {
      up.respond(null);
    }
  });
});

describe('gateway: secrets redaction of a client key forwarded upstream', () => {
  const { up, d } = useTestGateway({ apiKey: null });

  it('keeps no key sent in any request header in the artifact (authorization, x-api-key, a made-up x-streamfix-* header), only the policy headers', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]')] });
    const res = await postChat(d, { ...REQ, stream: true }, {
      authorization: `Bearer ${CLIENT_KEY}`,
      'x-api-key': CLIENT_KEY,
      'x-streamfix-key': CLIENT_KEY,
      'x-streamfix-token': CLIENT_KEY,
      'x-streamfix-mode': 'repair',
    });
    await res.text();
    const a = await artifactOf(d, res);
    assert.deepEqual(a.request?.headers, { 'x-streamfix-mode': 'repair' });
    assert.equal(leaks(JSON.stringify(a)), false);
    assert.equal(leaks(JSON.stringify(await (await fetch(`${d.info.url}/streamfix/results`)).json())), false);
  });

  it("redacts the client's own Authorization from the stream and the artifact", async () => {
    up.respond(echoStream);
    try {
      const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough', authorization: `Bearer ${CLIENT_KEY}` });
      const text = await res.text();
      assert.equal(authOf(up.requests[up.requests.length - 1]!), `Bearer ${CLIENT_KEY}`);
      assert.equal(leaks(text), false);
      assert.equal(collect(text.replace(/data: \{"error".*\n\n/, '')).content, '{"echo": "[redacted]"}');
      assert.equal(leaks(JSON.stringify(await artifactOf(d, res))), false);
    } finally {
      up.respond(null);
    }
  });
});
