/**
 * Streaming, the same truth as not streaming (statusUnchecked.test.ts): a chunk skipped for a bad index (a
 * choice's `index` not a non-negative integer, two choices of one index in a chunk, or a tool call's bad
 * index) was read by no check and never reached the client. Its choice counts as one left unread: the
 * status is TEXT unless another choice is TRUNCATED or FAILED (trailer, artifact, finished event, the
 * request metric), never VALID through the other choices' checks nor EMPTY when nothing else came; with a
 * json_schema the verdict is error, naming what was skipped.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { GatewayEvent } from '../../../shared/protocol';
import { metric } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { collect, sse } from '../helpers/testUpstream';

/** One chunk of choice `index` (any value: the bad ones are the point). */
function choiceChunk(index: unknown, delta: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta, finish_reason: finish }] });
}

/** Choice 0 says `zero`, a second choice of index `bad` says `other` (role chunk, text, finish, each). */
function twoChoices(zero: string, bad: unknown, other: string): string {
  return sse(
    choiceChunk(0, { role: 'assistant', content: '' }),
    choiceChunk(bad, { role: 'assistant', content: '' }),
    choiceChunk(0, { content: zero }),
    choiceChunk(bad, { content: other }),
    choiceChunk(0, {}, 'stop'),
    choiceChunk(bad, {}, 'stop'),
    '[DONE]',
  );
}

describe('gateway, streaming: a chunk skipped for a bad index is labelled as a choice left unread', () => {
  const { up, d, events } = useTestGateway({ apiKey: 'sk-test-secret', record: true });

  const finished = (id: string) => events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id);
  const artifact = async (id: string) => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; errors: { code?: string }[]; schema?: unknown; chunks: { malformed: number }; unreadChoices?: number };

  async function post(model: string, mode: string, extra: Record<string, unknown> = {}) {
    const r = await request(`${d.info.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
      body: JSON.stringify({ model, stream: true, n: 2, messages: [{ role: 'user', content: 'hi' }], ...extra }),
    });
    const id = String(r.headers['x-streamfix-request-id']);
    const text = await r.body.text();
    return { id, text, trailers: r.trailers };
  }

  const CASES: { name: string; body: string; mode: string; want: string; content: string; skipped: number }[] = [
    ...(['"1"', '1.5', 'null', '{}', '-1'] as const).map((bad) => ({ name: `JSON and a choice of index ${bad}`, body: twoChoices('{"a": 1}', JSON.parse(bad), "{'b': 2}"), mode: 'repair', want: 'TEXT', content: '{"a": 1}', skipped: 3 })),
    { name: 'a choice of index "0" only (nothing else came)', body: sse(choiceChunk('0', { role: 'assistant', content: '' }), choiceChunk('0', { content: '{"a": 1}' }), choiceChunk('0', {}, 'stop'), '[DONE]'), mode: 'repair', want: 'TEXT', content: '', skipped: 3 },
    {
      name: 'two choices of index 0 in one chunk',
      body: sse(choiceChunk(0, { role: 'assistant', content: '' }), JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: '{"a": 1}' }, finish_reason: null }, { index: 0, delta: { content: 'x' }, finish_reason: null }] }), choiceChunk(0, { content: '{"b": 2}' }), choiceChunk(0, {}, 'stop'), '[DONE]'),
      mode: 'repair',
      want: 'TEXT',
      content: '{"b": 2}',
      skipped: 1,
    },
    {
      name: 'a tool call of index 1.5 (its arguments skipped), strip',
      body: sse(
        choiceChunk(0, { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: '' } }] }),
        choiceChunk(0, { tool_calls: [{ index: 0, function: { arguments: '{"q": 1}' } }] }),
        choiceChunk(0, { tool_calls: [{ index: 1.5, id: 'call_1', type: 'function', function: { name: 'g', arguments: '{"r": 2}' } }] }),
        choiceChunk(0, {}, 'tool_calls'),
        '[DONE]',
      ),
      mode: 'strip',
      want: 'TEXT',
      content: '',
      skipped: 1,
    },
    { name: 'repaired JSON and a choice of index -1, auto', body: twoChoices('{"a": 1,}', -1, '{"b": 2}'), mode: 'auto', want: 'TEXT', content: '{"a": 1}', skipped: 3 },
    { name: 'prose (FAILED) and a choice of index 1.5: FAILED still wins', body: twoChoices('Hello', 1.5, '{"b": 2}'), mode: 'repair', want: 'FAILED', content: 'Hello', skipped: 3 },
    { name: 'a choice cut short (TRUNCATED) and a choice of index "1": TRUNCATED still wins', body: twoChoices('{"a": [1, 2', '1', 'x'), mode: 'repair', want: 'TRUNCATED', content: '{"a": [1, 2]}', skipped: 3 },
    { name: 'passthrough: nothing checked anyway', body: twoChoices('{"a": 1}', '1', 'x'), mode: 'passthrough', want: 'PASSTHROUGH', content: '{"a": 1}', skipped: 3 },
  ];
  CASES.forEach((c, k) => {
    it(`${c.name}, ${c.mode}: ${c.want} in the trailer, the artifact, the finished event and the metric`, async () => {
      const model = `unread/stream-${k}`;
      up.enqueue({ chunks: [c.body] });
      const r = await post(model, c.mode);
      // the skipped chunks never reach the client (passthrough forwards every byte as it came)
      if (c.mode === 'passthrough') assert.equal(r.text, c.body);
      else assert.equal(collect(r.text).content, c.content);
      assert.equal(r.trailers['x-streamfix-status'], c.want);
      const a = await artifact(r.id);
      // the choices the status counts unread (a choice per kind of chunk skipped), none in passthrough
      assert.deepEqual([a.status, a.chunks.malformed, a.errors.map((e) => e.code), a.unreadChoices], [c.want, c.skipped, c.want === 'FAILED' ? ['malformed_line', 'NO_JSON'] : ['malformed_line'], c.mode === 'passthrough' ? undefined : 1]);
      assert.equal(finished(r.id)?.status, c.want);
      assert.equal(await metric(d, `streamfix_requests_total{model="${model}",mode="${c.mode === 'auto' ? 'repair' : c.mode}",status="${c.want}",api="chat"}`), 1);
    });
  });

  const PERSON = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  const SCHEMA = { response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } } };

  it('json_schema, a valid choice 0 and a choice of index "1": the schema verdict is error naming the skipped chunks, status TEXT, the schema-error metric', async () => {
    const model = 'unread/schema';
    up.enqueue({ chunks: [twoChoices('{"name": "Ada"}', '1', '{"name": 1}')] });
    const r = await post(model, 'repair', SCHEMA);
    assert.equal(collect(r.text).content, '{"name": "Ada"}');
    assert.deepEqual([r.trailers['x-streamfix-status'], r.trailers['x-streamfix-schema']], ['TEXT', 'error']);
    const a = await artifact(r.id);
    assert.deepEqual([a.status, a.schema], ['TEXT', { valid: null, error: '3 chunk(s) skipped unread, not checked: a choice of index "1" (3 chunks)', errors: [] }]);
    assert.equal(await metric(d, `streamfix_schema_errors_total{model="${model}"}`), 1);
  });

  it('json_schema, two kinds of bad index: each named with its chunk count, in the order first seen', async () => {
    up.enqueue({
      chunks: [
        sse(
          choiceChunk(0, { role: 'assistant', content: '{"name": "Ada"}' }),
          choiceChunk(null, { content: 'x' }),
          JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 1, delta: { content: 'a' }, finish_reason: null }, { index: 1, delta: { content: 'b' }, finish_reason: null }] }),
          choiceChunk(null, { content: 'y' }),
          choiceChunk(0, {}, 'stop'),
          '[DONE]',
        ),
      ],
    });
    const r = await post('unread/schema-two', 'repair', SCHEMA);
    assert.deepEqual([r.trailers['x-streamfix-status'], r.trailers['x-streamfix-schema']], ['TEXT', 'error']);
    assert.deepEqual((await artifact(r.id)).schema, { valid: null, error: '3 chunk(s) skipped unread, not checked: a choice of index null (2 chunks); two choices of index 1 in one chunk (1 chunk)', errors: [] });
  });

  it('json_schema, an invalid choice 0 and a skipped chunk: invalid wins over the error (a check that ran and failed)', async () => {
    up.enqueue({ chunks: [twoChoices('{"name": 1}', '1', '{"name": "Ada"}')] });
    const r = await post('unread/schema-invalid', 'repair', SCHEMA);
    assert.deepEqual([r.trailers['x-streamfix-status'], r.trailers['x-streamfix-schema']], ['TEXT', 'invalid']);
    const a = (await artifact(r.id)) as { schema: { valid: unknown; error: string; errors: { path: string }[] } };
    assert.deepEqual([a.schema.valid, a.schema.error, a.schema.errors.map((e) => e.path)], [false, '3 chunk(s) skipped unread, not checked: a choice of index "1" (3 chunks)', ['/name']]);
  });

  it('a stream without a bad index keeps its own verdict (VALID, no unread count)', async () => {
    up.enqueue({ chunks: [twoChoices('{"a": 1}', 1, '{"b": 2}')] });
    const r = await post('unread/none', 'repair');
    assert.equal(r.trailers['x-streamfix-status'], 'VALID');
    const a = await artifact(r.id);
    assert.deepEqual([a.status, a.chunks.malformed, a.errors], ['VALID', 0, []]);
  });
});
