/**
 * A key pasted into the model name (the configured key, or the client's own key it sends upstream as its
 * credential) never shows where the gateway itself repeats the name: the `/metrics` labels, the `started`
 * and `finished` events, the artifact and its listing, `/v1/streamfix/models` and the logs. The upstream still
 * receives the name as the client wrote it (the gateway never changes what it forwards).
 */
import { strict as assert } from 'node:assert';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-MODEL-NAME-SECRET-0123456789';
const CLIENT_KEY = 'sk-or-v1-CLIENT-MODEL-KEY-987654321';
const secretIn = (s: string) => s.includes('MODEL-NAME-SECRET') || s.includes('CLIENT-MODEL-KEY');

describe('gateway: a key in the model name is redacted wherever the gateway repeats the name', () => {
  const { up, d, logs, events } = useTestGateway({ apiKey: KEY, logLevel: 'debug', record: true });
  const stream = { chunks: [sse(chunk({ role: 'assistant', content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]')] };
  const whole = { headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: '{"a": 1}' }, finish_reason: 'stop' }] })] };

  const cases: { name: string; model: string; shown: string; auth?: string; stream: boolean }[] = [
    { name: 'the configured key as the model, streaming', model: KEY, shown: '[redacted]', stream: true },
    { name: 'the configured key after a provider, not streaming', model: `openai/${KEY}`, shown: 'openai/[redacted]', stream: false },
    { name: "the client's own key (its credential) in the model, streaming", model: `x/${CLIENT_KEY}:free`, shown: 'x/[redacted]:free', auth: `Bearer ${CLIENT_KEY}`, stream: true },
  ];
  for (const c of cases) {
    it(`chat: ${c.name}`, async () => {
      up.always(c.stream ? stream : whole);
      const before = events.length;
      const res = await postChat(d, { model: c.model, stream: c.stream, messages: [{ role: 'user', content: 'x' }] }, { 'x-streamfix-mode': 'repair', ...(c.auth ? { authorization: c.auth } : {}) });
      assert.equal(res.status, 200);
      await res.text();
      assert.equal(JSON.parse(up.requests[up.requests.length - 1]!.body).model, c.model);
      const a = await artifactOf(d, res);
      assert.equal(a.model, c.shown);
      const mine = events.slice(before).filter((e) => e.type === 'started' || e.type === 'finished');
      assert.deepEqual(mine.map((e) => [e.type, (e as { model: string }).model]), [['started', c.shown], ['finished', c.shown]]);
      const listed = (await (await fetch(`${d.info.url}/streamfix/results?limit=1`)).json()) as { data: { model: string }[] };
      assert.equal(listed.data[0]!.model, c.shown);
    });
  }

  it('messages: the configured key as the model', async () => {
    up.always(stream);
    const before = events.length;
    const res = await fetch(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: KEY, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'x' }] }) });
    assert.equal(res.status, 200);
    await res.text();
    assert.equal(JSON.parse(up.requests[up.requests.length - 1]!.body).model, KEY);
    assert.equal((await artifactOf(d, res)).model, '[redacted]');
    const mine = events.slice(before).filter((e) => e.type === 'started' || e.type === 'finished');
    assert.deepEqual(mine.map((e) => [e.type, (e as { model: string }).model]), [['started', '[redacted]'], ['finished', '[redacted]']]);
  });

  it('metrics labels, the model report and the logs hold the names redacted', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).text();
    const labelled = [...new Set([...metrics.matchAll(/model="([^"]*)"/g)].map((m) => m[1]))].sort();
    assert.deepEqual(labelled, ['[redacted]', 'openai/[redacted]', 'x/[redacted]:free']);
    const report = await (await fetch(`${d.info.url}/streamfix/models`)).text();
    assert.equal(secretIn(report), false, report);
    assert.equal(secretIn(logs.join('')), false);
    assert.equal(secretIn(JSON.stringify(events)), false);
  });
});
