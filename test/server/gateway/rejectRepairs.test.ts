/**
 * x-streamfix-truncated-tools: reject withholds the closure of a cut call, so the repairs that closure
 * would have made were never applied: no `repair` event, not in streamfix_repairs_total (chat as on
 * /v1/messages). Before, the chat endpoint published and counted them though the client never got them;
 * the Messages endpoint did not. Repairs applied to the bytes that did go out still count.
 */
import { strict as assert } from 'node:assert';
import type { Daemon } from '../../../server/daemon';
import type { GatewayEvent } from '../../../shared/protocol';
import { metric, startTestDaemon } from '../helpers/gateway';
import { chunk, sse, TestUpstream } from '../helpers/testUpstream';

/** A call cut at the token limit: single quotes the engine rewrites as they stream, then a cut string. */
const CUT = sse(
  chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'write', arguments: "{'path': 'a.txt', " } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"text": "hel' } }] }),
  chunk({}, 'length'),
  '[DONE]',
);

describe('gateway: a refused cut call\'s closing repairs are not counted as applied', () => {
  let up: TestUpstream;
  let d: Daemon;
  before(async () => {
    up = await TestUpstream.start();
    d = await startTestDaemon({ upstream: up.url, apiKey: 'sk-test-secret' });
  });
  after(async () => {
    await d.close();
    await up.close();
  });

  const kinds = ['single_quotes', 'unclosed_string', 'unclosed_container'];
  async function counts(): Promise<number[]> {
    return Promise.all(kinds.map((k) => metric(d, `streamfix_repairs_total{kind="${k}",model="test/reject"}`)));
  }

  for (const path of ['chat/completions', 'messages']) {
    for (const policy of ['close', 'reject']) {
      it(`${path}, streaming, ${policy}: ${policy === 'reject' ? 'only the repairs that went out' : 'every repair'} in events and the metric`, async () => {
        up.enqueue({ chunks: [CUT] });
        const events: GatewayEvent[] = [];
        const off = d.events.subscribe((e) => events.push(e));
        const before = await counts();
        const r = await fetch(`${d.info.url}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-streamfix-truncated-tools': policy },
          body: JSON.stringify({ model: 'test/reject', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'write' }] }),
        });
        await r.text();
        off();
        const id = r.headers.get('x-streamfix-request-id');
        const published = events.filter((e): e is Extract<GatewayEvent, { type: 'repair' }> => e.type === 'repair' && e.id === id).map((e) => [e.repair.kind, e.toolCallIndex]);
        const closing = policy === 'close' ? [['unclosed_string', 0], ['unclosed_container', 0]] : [];
        assert.deepEqual(published, [['single_quotes', 0], ['single_quotes', 0], ['single_quotes', 0], ['single_quotes', 0], ...closing]);
        const after = await counts();
        assert.deepEqual(after.map((n, i) => n - before[i]!), policy === 'close' ? [4, 1, 1] : [4, 0, 0]);
      });
    }
  }

  for (const policy of ['close', 'reject']) {
    it(`messages, not streaming, ${policy}: ${policy === 'reject' ? 'the 502 applied no repair: none published or counted' : 'every repair'}`, async () => {
      up.enqueue({ chunks: [CUT] });
      const events: GatewayEvent[] = [];
      const off = d.events.subscribe((e) => events.push(e));
      const before = await counts();
      const r = await fetch(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-truncated-tools': policy },
        body: JSON.stringify({ model: 'test/reject', max_tokens: 50, messages: [{ role: 'user', content: 'write' }] }),
      });
      await r.text();
      off();
      assert.equal(r.status, policy === 'close' ? 200 : 502);
      const id = r.headers.get('x-streamfix-request-id');
      const published = events.filter((e): e is Extract<GatewayEvent, { type: 'repair' }> => e.type === 'repair' && e.id === id).map((e) => [e.repair.kind, e.toolCallIndex]);
      assert.deepEqual(published, policy === 'close' ? [['single_quotes', 0], ['single_quotes', 0], ['single_quotes', 0], ['single_quotes', 0], ['unclosed_string', 0], ['unclosed_container', 0]] : []);
      const after = await counts();
      assert.deepEqual(after.map((n, i) => n - before[i]!), policy === 'close' ? [4, 1, 1] : [0, 0, 0]);
    });

    it(`chat/completions, not streaming, ${policy}: ${policy === 'reject' ? 'the 502 applied no repair: none published or counted' : 'every repair'}`, async () => {
      const completion = { id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/reject', choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'write', arguments: "{'path': 'a.txt', \"text\": \"hel" } }] } }] };
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(completion)] });
      const events: GatewayEvent[] = [];
      const off = d.events.subscribe((e) => events.push(e));
      const before = await counts();
      const r = await fetch(`${d.info.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-truncated-tools': policy },
        body: JSON.stringify({ model: 'test/reject', messages: [{ role: 'user', content: 'write' }] }),
      });
      await r.text();
      off();
      assert.equal(r.status, policy === 'close' ? 200 : 502);
      const id = r.headers.get('x-streamfix-request-id');
      const published = events.filter((e): e is Extract<GatewayEvent, { type: 'repair' }> => e.type === 'repair' && e.id === id).map((e) => e.repair.kind);
      assert.deepEqual(published, policy === 'close' ? ['single_quotes', 'single_quotes', 'single_quotes', 'single_quotes', 'unclosed_string', 'unclosed_container'] : []);
      const after = await counts();
      assert.deepEqual(after.map((n, i) => n - before[i]!), policy === 'close' ? [4, 1, 1] : [0, 0, 0]);
    });
  }
});
