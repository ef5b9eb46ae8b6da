/**
 * The key never shown, through the daemon, against a loopback upstream that echoes the Authorization it
 * received: written with needless JSON escapes (`\u0073k-…`, every character escaped) in a 401 body, a
 * non-streaming answer, the model list, stream content and an SSE error event; in passthrough cut across
 * two error events at every position; and held past the guard's bound (passthroughGuard.ts).
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { MAX_HELD_EVENTS } from '../../../server/gateway/passthroughGuard';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-ECHOED-SECRET-0123456789';
const AUTH = `Bearer ${KEY}`;
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

/** `s` with every character written as `\uXXXX` (inside a JSON string). */
function escapeAll(s: string): string {
  return [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

/** `s` with its letters and digits written as `\uXXXX`, upper-case hex (an "ensure_ascii"-style mix). */
function escapeSome(s: string): string {
  return s.replace(/[a-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

function authOf(r: RecordedRequest): string {
  const auth = String(r.headers.authorization ?? '');
  assert.equal(auth, AUTH);
  return auth;
}

/** Whether the key is in `text` in any form a JSON reader would give back: as sent, or in any string of
 * any JSON document in it (each SSE event's data, or the whole body). */
function leaks(text: string): boolean {
  if (text.includes(KEY.slice(9))) return true;
  const docs = text.includes('data: ') ? text.split('\n\n').map((b) => b.replace(/^data: /, '')) : [text];
  return docs.some((d) => {
    try {
      return JSON.stringify(JSON.parse(d)).includes(KEY.slice(9));
    } catch {
      return false;
    }
  });
}

describe('gateway: a key echoed with JSON escapes is never shown', () => {
  // the error streams would open the model's circuit breaker: off
  const { up, d } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 } });

  it('a 401 body with the whole header escaped', async () => {
    up.respond((r) => ({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [`{"error":{"message":"No auth credentials found for ${escapeAll(authOf(r))}","code":401}}`] }));
    try {
      const res = await postChat(d, { ...REQ, stream: true });
      assert.equal(res.status, 401);
      assert.equal(await res.text(), '{"error":{"message":"No auth credentials found for [redacted]","code":401}}');
      assert.deepEqual((await artifactOf(d, res)).errors, [{ message: 'No auth credentials found for [redacted]', status: 401 }]);
    } finally {
      up.respond(null);
    }
  });

  for (const mode of ['strip', 'repair', 'passthrough'] as const) {
    it(`${mode}: a non-streaming answer with the key's letters escaped`, async () => {
      up.respond((r) => ({
        headers: { 'content-type': 'application/json' },
        chunks: [`{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"key=${escapeSome(authOf(r).slice(7))}"},"finish_reason":"stop"}]}`],
      }));
      try {
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(leaks(text), false);
        assert.equal((JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, 'key=[redacted]');
        assert.equal((await artifactOf(d, res)).rawContent, 'key=[redacted]');
      } finally {
        up.respond(null);
      }
    });

    it(`${mode}: a stream with the key escaped in content (each read cut inside an escape) and in an error event`, async () => {
      up.respond((r): ScriptedResponse => {
        const esc = escapeAll(authOf(r));
        const text = sse(chunk({ content: 'a' }).replace('"a"', `"{\\"k\\": \\"${esc}\\"}"`), JSON.stringify({ error: { message: 'x' } }).replace('"x"', `"Invalid credentials: ${escapeSome(authOf(r))}"`), '[DONE]');
        const cuts = [text.indexOf(esc) + 3, text.indexOf(esc) + 40, text.indexOf('Invalid') + 30];
        return { headers: { 'content-type': 'text/event-stream' }, chunks: [0, ...cuts].map((c, i) => text.slice(c, [...cuts, text.length][i])) };
      });
      try {
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(leaks(text), false);
        assert.equal(collect(text.replace(/data: \{"error".*\n\n/, '')).content, '{"k": "[redacted]"}');
        assert.match(text, /data: \{"error":\{"message":"Invalid credentials: \[redacted\]"\}\}\n\n/);
        const a = await artifactOf(d, res);
        assert.equal(a.rawContent, '{"k": "[redacted]"}');
        // no code in the error object: upstream_error (errors.ts ownErrorCode), as on /v1/messages
        assert.deepEqual(a.errors, [{ message: 'Invalid credentials: [redacted]', code: 'upstream_error' }]);
      } finally {
        up.respond(null);
      }
    });

    it(`${mode}: the key escaped and cut across two content events`, async () => {
      up.respond((r): ScriptedResponse => {
        const auth = authOf(r);
        return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(chunk({ content: 'x' }).replace('"x"', `"echo ${escapeAll(auth.slice(0, 20))}"`)), sse(chunk({ content: 'x' }).replace('"x"', `"${escapeSome(auth.slice(20))} end"`), chunk({}, 'stop'), '[DONE]')] };
      });
      try {
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(leaks(text), false);
        assert.equal(collect(text).content, 'echo Bearer [redacted] end');
        assert.equal((await artifactOf(d, res)).rawContent, 'echo Bearer [redacted] end');
      } finally {
        up.respond(null);
      }
    });
  }

  it('the model list with the key escaped', async () => {
    up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [`{"data":[{"id":"m","owner":"${escapeSome(authOf(r).slice(7))}"}]}`] }));
    try {
      const res = await fetch(`${d.info.url}/models`);
      assert.equal(await res.text(), '{"data":[{"id":"m","owner":"[redacted]"}]}');
    } finally {
      up.respond(null);
    }
  });

  it('passthrough: the key cut across two error events at every position, as exact bytes', async () => {
    const errorEvent = (message: string, raw: string) => JSON.stringify({ id: 'gen-e', object: 'chat.completion.chunk', error: { code: 502, message, metadata: { provider_name: 'P', raw } }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] });
    for (let at = 1; at < AUTH.length; at++) {
      up.respond((r) => {
        const auth = authOf(r);
        return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(errorEvent(`bad ${auth.slice(0, at)}`, `{"h": "${auth.slice(0, at)}`)), sse(errorEvent(`${auth.slice(at)}.`, `${auth.slice(at)}"}`), '[DONE]')] };
      });
      try {
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough' });
        const text = await res.text();
        const where = `cut at ${at}`;
        assert.equal(leaks(text), false, where);
        // the key alone is replaced (`Bearer [redacted]`, wherever it was cut); its first 1-3 characters go
        // out before the rest is known (PASSTHROUGH_MIN_HOLD); 4 or more hold the event
        const head = at < 11 ? AUTH.slice(0, at) : 'Bearer ';
        const rest = `${at < 7 ? AUTH.slice(at, 7) : ''}[redacted]`;
        assert.equal(text, sse(errorEvent(`bad ${head}`, `{"h": "${head}`), errorEvent(`${rest}.`, `${rest}"}`), '[DONE]'), where);
      } finally {
        up.respond(null);
      }
    }
  });

  it(`passthrough: a key's start held past ${MAX_HELD_EVENTS} events goes out as [redacted], its rest dropped`, async () => {
    up.respond((r): ScriptedResponse => {
      const auth = authOf(r);
      const reasoning = Array.from({ length: MAX_HELD_EVENTS + 1 }, () => chunk({ reasoning: '.' }));
      return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(chunk({ content: `echo ${auth.slice(0, 20)}` })), sse(...reasoning), sse(chunk({ content: `${auth.slice(20)} end` }), chunk({}, 'stop'), '[DONE]')] };
    });
    try {
      const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough' });
      const text = await res.text();
      assert.equal(leaks(text), false);
      assert.equal(text.includes(AUTH.slice(7, 11)), false);
      assert.equal(text.startsWith(sse(chunk({ content: 'echo Bearer [redacted]' }), chunk({ reasoning: '.' }))), true);
      assert.equal(text.endsWith(sse(chunk({ content: ' end' }), chunk({}, 'stop'), '[DONE]')), true);
      const c = collect(text);
      assert.deepEqual([c.content, c.reasoning.length], ['echo Bearer [redacted] end', MAX_HELD_EVENTS + 1]);
      assert.equal((await artifactOf(d, res)).rawContent, 'echo Bearer [redacted] end');
    } finally {
      up.respond(null);
    }
  });
});
