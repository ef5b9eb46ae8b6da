/**
 * Repairs count as applied only in what the client got whole. x-streamfix-truncated-tools: reject refuses
 * a cut call (its closure and the arguments streamed before it); /v1/messages refuses a tool input that
 * is not an object: the refused calls' repairs are no `repair` event, not in streamfix_repairs_total, not
 * in /v1/streamfix/models, and the artifact keeps them as the call's `refusedRepairs` (its `repairs`
 * empty). A refused or failed answer that sent nothing (not streaming) keeps all its repairs refused. A
 * call delivered whole before the refusal (its tool_use block stopped) keeps its repairs applied.
 * Before, chat and /v1/messages counted the repairs of the arguments streamed before the refusal, and
 * /v1/streamfix/models (from the artifact) the withheld closure too.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import type { Artifact, GatewayEvent } from '../../../shared/protocol';
import { artifactOf, metric } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

/** A call cut at the token limit: single quotes the engine rewrites as they stream, then a cut string. */
const CUT = sse(
  chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'write', arguments: "{'path': 'a.txt', " } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"text": "hel' } }] }),
  chunk({}, 'length'),
  '[DONE]',
);

const ALL = ['single_quotes', 'single_quotes', 'single_quotes', 'single_quotes', 'unclosed_string', 'unclosed_container'];
const kinds = ['single_quotes', 'unclosed_string', 'unclosed_container', 'trailing_comma'];

describe('gateway: the repairs of a refused tool call are recorded as refused, not applied', () => {
  let n = 0;
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function counts(model: string): Promise<number[]> {
    return Promise.all(kinds.map((k) => metric(d, `streamfix_repairs_total{kind="${k}",model="${model}"}`)));
  }
  async function modelRepairs(model: string): Promise<number | undefined> {
    const list = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; repairs: number }[] };
    return list.data.find((m) => m.model === model)?.repairs;
  }

  /** One request on a model of its own; what it published, counted and recorded. */
  async function run(path: string, headers: Record<string, string>, body: Record<string, unknown>, chunks: string[], contentType?: string) {
    const model = `test/reject${++n}`;
    up.enqueue(contentType ? { headers: { 'content-type': contentType }, chunks } : { chunks });
    const events: GatewayEvent[] = [];
    const off = d.events.subscribe((e) => events.push(e));
    const before = await counts(model);
    const r = await fetch(`${d.info.url}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: 'user', content: 'write' }], ...body }),
    });
    const text = await r.text();
    off();
    const id = r.headers.get('x-streamfix-request-id');
    const published = events.filter((e): e is Extract<GatewayEvent, { type: 'repair' }> => e.type === 'repair' && e.id === id).map((e) => [e.repair.kind, e.toolCallIndex]);
    const finished = events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id)!;
    const after = await counts(model);
    const art = await artifactOf(d, r);
    return { r, text, published, finishedRepairs: finished.repairs, metric: after.map((x, i) => x - before[i]!), models: await modelRepairs(model), art };
  }
  const toolKinds = (a: Artifact, i: number) => ({ repairs: a.toolCalls[i]!.repairs.map((x) => x.kind), refused: a.toolCalls[i]!.refusedRepairs?.map((x) => x.kind) });

  for (const path of ['chat/completions', 'messages']) {
    it(`${path}, streaming, close: every repair applied (events, metric, artifact, /v1/streamfix/models)`, async () => {
      const o = await run(path, { 'x-streamfix-truncated-tools': 'close' }, { stream: true }, [CUT]);
      assert.deepEqual(o.published, ALL.map((k) => [k, 0]));
      assert.deepEqual(o.metric, [4, 1, 1, 0]);
      assert.deepEqual(toolKinds(o.art, 0), { repairs: ALL, refused: undefined });
      assert.deepEqual([o.finishedRepairs, o.models], [6, 6]);
    });

    it(`${path}, streaming, reject: the refused call's repairs (streamed before the refusal and the closure) are refused`, async () => {
      const o = await run(path, { 'x-streamfix-truncated-tools': 'reject' }, { stream: true }, [CUT]);
      assert.deepEqual(o.published, []);
      assert.deepEqual(o.metric, [0, 0, 0, 0]);
      assert.deepEqual(toolKinds(o.art, 0), { repairs: [], refused: ALL });
      assert.deepEqual(o.art.toolCalls[0]!.refusedRepairs!.map((x) => [x.kind, x.offset]), [['single_quotes', 1], ['single_quotes', 6], ['single_quotes', 9], ['single_quotes', 15], ['unclosed_string', 30], ['unclosed_container', 30]]);
      assert.deepEqual([o.finishedRepairs, o.models, o.art.status], [0, 0, 'TRUNCATED']);
    });
  }

  for (const policy of ['close', 'reject']) {
    it(`messages, not streaming, ${policy}: ${policy === 'reject' ? 'the 502 applied no repair' : 'every repair'}`, async () => {
      const o = await run('messages', { 'x-streamfix-truncated-tools': policy }, {}, [CUT]);
      assert.equal(o.r.status, policy === 'close' ? 200 : 502);
      assert.deepEqual(o.published, policy === 'close' ? ALL.map((k) => [k, 0]) : []);
      assert.deepEqual(o.metric, policy === 'close' ? [4, 1, 1, 0] : [0, 0, 0, 0]);
      assert.deepEqual(toolKinds(o.art, 0), policy === 'close' ? { repairs: ALL, refused: undefined } : { repairs: [], refused: ALL });
      assert.deepEqual([o.finishedRepairs, o.models], policy === 'close' ? [6, 6] : [0, 0]);
    });

    it(`chat/completions, not streaming, ${policy}: ${policy === 'reject' ? 'the 502 applied no repair, content included' : 'every repair'}`, async () => {
      const completion = { id: 'gen-1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: "{'ok': 1}", tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'write', arguments: "{'path': 'a.txt', \"text\": \"hel" } }] } }] };
      const o = await run('chat/completions', { 'x-streamfix-truncated-tools': policy, 'x-streamfix-mode': 'repair' }, {}, [JSON.stringify(completion)], 'application/json');
      assert.equal(o.r.status, policy === 'close' ? 200 : 502);
      assert.deepEqual(o.published.map((x) => x[0]), policy === 'close' ? ['single_quotes', 'single_quotes', ...ALL] : []);
      assert.deepEqual(o.metric, policy === 'close' ? [6, 1, 1, 0] : [0, 0, 0, 0]);
      assert.deepEqual(toolKinds(o.art, 0), policy === 'close' ? { repairs: ALL, refused: undefined } : { repairs: [], refused: ALL });
      assert.deepEqual([o.art.repairs.length, o.art.refusedRepairs?.length], policy === 'close' ? [2, undefined] : [0, 2]);
      assert.deepEqual([o.finishedRepairs, o.models], policy === 'close' ? [8, 8] : [0, 0]);
    });
  }

  /** Call 0 (a trailing comma) is whole before call 1 (an array, not a tool_use input) starts. */
  const NOT_OBJECT = sse(
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: '{"a": 1,}' } }] }),
    chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'list', arguments: "['x',]" } }] }),
    chunk({}, 'tool_calls'),
    '[DONE]',
  );

  for (const stream of [true, false]) {
    it(`messages, ${stream ? 'streaming' : 'not streaming'}: a tool input that is not an object is refused with its repairs; ${stream ? 'the call delivered whole before it keeps its repair' : 'nothing went out, so nothing applied'}`, async () => {
      const o = await run('messages', {}, { stream }, [NOT_OBJECT]);
      if (stream) assert.match(o.text, /event: content_block_stop\ndata: \{"type":"content_block_stop","index":0\}[\s\S]*"type":"error"[\s\S]*tool_use input must be a JSON object; the arguments held an array/);
      else assert.equal(o.r.status, 502);
      assert.deepEqual(o.published, stream ? [['trailing_comma', 0]] : []);
      assert.deepEqual(o.metric, stream ? [0, 0, 0, 1] : [0, 0, 0, 0]);
      assert.deepEqual(toolKinds(o.art, 0), stream ? { repairs: ['trailing_comma'], refused: undefined } : { repairs: [], refused: ['trailing_comma'] });
      assert.deepEqual(toolKinds(o.art, 1), { repairs: [], refused: ['single_quotes', 'single_quotes', 'trailing_comma'] });
      assert.deepEqual([o.finishedRepairs, o.models], stream ? [1, 1] : [0, 0]);
    });
  }

  it('messages, the Anthropic SDK streaming with reject: the SDK raises the refusal; nothing of the cut call counted', async () => {
    const model = `test/reject${++n}`;
    up.enqueue({ chunks: [CUT] });
    const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-truncated-tools': 'reject' } });
    const before = await counts(model);
    const s = client.messages.stream({ model, max_tokens: 50, messages: [{ role: 'user', content: 'write' }] });
    await assert.rejects(s.finalMessage(), (e: Error) => e instanceof Anthropic.APIError && /Tool call 0 \(id call_1, function write\) was cut after 30 bytes of arguments/.test(e.message));
    const after = await counts(model);
    assert.deepEqual(after.map((x, i) => x - before[i]!), [0, 0, 0, 0]);
    assert.equal(await modelRepairs(model), 0);
  });
});
