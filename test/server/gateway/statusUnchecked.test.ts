/**
 * No verdict claims a check that did not run. A choice of a non-streaming `n > 1` answer left unread (its
 * `index` not a non-negative integer, or one an earlier choice has) goes out as the upstream sent it:
 * the status counts it as text that went out unparsed (TEXT unless another choice is TRUNCATED or FAILED),
 * never VALID through the other choices' checks, nor EMPTY when it is the only one. And a structured
 * output's schema verdict treats content of reasoning only as no content, as the status does: with a
 * tool call, the call's check is the verdict, on both APIs, whether the reasoning came in a think block
 * or in the upstream's `reasoning` field.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { GatewayEvent } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

describe('gateway: no verdict from a check that did not run', () => {
  const { up, d, events } = useTestGateway({ apiKey: 'sk-test-secret', record: true });

  const finished = (id: string) => events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id);
  const artifact = async (id: string) => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; errors: { code?: string }[]; schema?: unknown; unreadChoices?: number };

  const PERSON = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };

  const UNREAD: { name: string; choices: Record<string, unknown>[]; mode: string; want: string }[] = [
    { name: 'JSON and a choice of index "1" (unread)', choices: [{ index: 0, content: '{"a": 1}' }, { index: '1', content: "{'b': 2}" }], mode: 'repair', want: 'TEXT' },
    { name: 'JSON and a second choice of index 0 (unread)', choices: [{ index: 0, content: '{"a": 1}' }, { index: 0, content: 'Hello' }], mode: 'repair', want: 'TEXT' },
    { name: 'only a choice of index null (unread)', choices: [{ index: null, content: '{"a": 1}' }], mode: 'repair', want: 'TEXT' },
    { name: 'repaired JSON and an unread choice', choices: [{ index: 0, content: '{"a": 1,}' }, { index: -1, content: '{"b": 2}' }], mode: 'repair', want: 'TEXT' },
    { name: 'prose (FAILED) and an unread choice: FAILED still wins', choices: [{ index: 0, content: 'Hello' }, { index: 1.5, content: '{"b": 2}' }], mode: 'repair', want: 'FAILED' },
    { name: 'passthrough: nothing checked anyway', choices: [{ index: 0, content: '{"a": 1}' }, { index: '1', content: 'x' }], mode: 'passthrough', want: 'PASSTHROUGH' },
  ];
  for (const c of UNREAD) {
    it(`not streaming, ${c.name}, ${c.mode}: ${c.want} in the header, the artifact and the finished event`, async () => {
      const body = { id: 'gen-n', object: 'chat.completion', created: 1, model: 'm', choices: c.choices.map(({ index, content }) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })) };
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(body)] });
      const r = await request(`${d.info.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-mode': c.mode },
        body: JSON.stringify({ model: 'test/model', n: 2, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const id = String(r.headers['x-streamfix-request-id']);
      await r.body.text();
      assert.equal(r.headers['x-streamfix-status'], c.want);
      const a = await artifact(id);
      // the choices the status counts unread, for the inspector to say (none in passthrough: nothing counted)
      assert.deepEqual([a.status, a.errors.map((e) => e.code), a.unreadChoices], [c.want, c.want === 'FAILED' ? ['malformed_line', 'NO_JSON'] : ['malformed_line'], c.mode === 'passthrough' ? undefined : 1]);
      assert.equal(finished(id)?.status, c.want);
    });
  }

  it('not streaming, json_schema, JSON and a choice left unread: the schema verdict is error (the unread choice was not checked), not valid', async () => {
    const body = { id: 'gen-n', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: '{"name": "Ada"}' }, finish_reason: 'stop' }, { index: '1', message: { role: 'assistant', content: '{"name": 1}' }, finish_reason: 'stop' }] };
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(body)] });
    const r = await request(`${d.info.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/model', n: 2, messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } } }),
    });
    const id = String(r.headers['x-streamfix-request-id']);
    await r.body.text();
    assert.deepEqual([r.headers['x-streamfix-status'], r.headers['x-streamfix-schema']], ['TEXT', 'error']);
    const a = await artifact(id);
    assert.deepEqual([a.status, a.schema], ['TEXT', { valid: null, error: '1 choice(s) left unread, not checked: choices[1] has index "1"', errors: [] }]);
  });

  // a structured output and a tool with parameters; the answer: reasoning, then a valid tool call
  const TOOL_PARAMS = { type: 'object', properties: { q: { type: 'integer' } }, required: ['q'] };
  const CALL = { index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"q": 1}' } };
  for (const [how, delta] of [
    ['a think block', { content: '<think>plan</think>\n' }],
    ['the reasoning field', { content: '', reasoning: 'plan' }],
  ] as const) {
    const upstream = sse(chunk({ role: 'assistant', content: '' }), chunk(delta), chunk({ tool_calls: [CALL] }), chunk({}, 'tool_calls'), '[DONE]');
    for (const stream of [false, true]) {
      it(`chat, json_schema, repair, ${stream ? 'streaming' : 'non-streaming'}: reasoning in ${how} and a valid tool call: schema valid (the call checked, no content), VALID`, async () => {
        if (stream) up.enqueue({ chunks: [upstream] });
        else {
          const message = { role: 'assistant', content: delta.content === '' ? null : delta.content, ...('reasoning' in delta ? { reasoning: delta.reasoning } : {}), tool_calls: [{ id: CALL.id, type: 'function', function: CALL.function }] };
          up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message, finish_reason: 'tool_calls' }] })] });
        }
        const r = await request(`${d.info.url}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' },
          body: JSON.stringify({
            model: 'test/model',
            stream,
            messages: [{ role: 'user', content: 'hi' }],
            response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } },
            tools: [{ type: 'function', function: { name: 'f', parameters: TOOL_PARAMS } }],
          }),
        });
        const id = String(r.headers['x-streamfix-request-id']);
        await r.body.text();
        const h = stream ? r.trailers : r.headers;
        assert.deepEqual([h['x-streamfix-status'], h['x-streamfix-schema']], ['VALID', 'valid']);
        const a = await artifact(id);
        assert.deepEqual([a.status, a.schema], ['VALID', { valid: true, errors: [] }]);
        assert.equal(finished(id)?.status, 'VALID');
      });

      it(`messages, a structured output, ${stream ? 'streaming' : 'non-streaming'}: reasoning in ${how} and a valid tool call: schema valid, VALID`, async () => {
        up.enqueue({ chunks: [upstream] });
        const r = await request(`${d.info.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'test/model',
            max_tokens: 100,
            stream,
            messages: [{ role: 'user', content: 'hi' }],
            output_config: { format: { type: 'json_schema', schema: PERSON } },
            tools: [{ name: 'f', input_schema: TOOL_PARAMS }],
          }),
        });
        const id = String(r.headers['request-id']);
        await r.body.text();
        const h = stream ? r.trailers : r.headers;
        assert.deepEqual([h['x-streamfix-status'], h['x-streamfix-schema']], ['VALID', 'valid']);
        const a = await artifact(id);
        assert.deepEqual([a.status, a.schema], ['VALID', { valid: true, errors: [] }]);
        assert.equal(finished(id)?.status, 'VALID');
      });
    }
  }

  // the upstream closed cleanly before any content: no [DONE], no finish_reason (thinking only, or nothing)
  for (const [what, body] of [
    ['nothing', sse(chunk({ role: 'assistant', content: '' }))],
    ['thinking only', sse(chunk({ role: 'assistant', content: '' }), chunk({ content: '', reasoning: 'plan' }))],
    ['a think block only', sse(chunk({ role: 'assistant', content: '<think>plan</think>' }))],
  ] as const) {
    for (const mode of ['repair', 'strip', 'auto', 'passthrough']) {
      it(`chat, streaming, ${mode}: a stream cut before any content (${what}) is TRUNCATED, never EMPTY`, async () => {
        up.enqueue({ chunks: [body] });
        const r = await request(`${d.info.url}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
          body: JSON.stringify({ model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
        });
        const id = String(r.headers['x-streamfix-request-id']);
        await r.body.text();
        assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
        assert.equal((await artifact(id)).status, 'TRUNCATED');
        assert.equal(finished(id)?.status, 'TRUNCATED');
      });
      if (mode === 'passthrough') continue;
      for (const stream of [false, true]) {
        it(`messages, ${stream ? 'streaming' : 'non-streaming'}, ${mode}: a stream cut before any content (${what}) is TRUNCATED (max_tokens), never EMPTY`, async () => {
          up.enqueue({ chunks: [body] });
          const r = await request(`${d.info.url}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
            body: JSON.stringify({ model: 'test/model', max_tokens: 100, stream, messages: [{ role: 'user', content: 'hi' }] }),
          });
          const id = String(r.headers['request-id']);
          const text = await r.body.text();
          assert.match(text, /"stop_reason":"max_tokens"/);
          assert.equal((stream ? r.trailers : r.headers)['x-streamfix-status'], 'TRUNCATED');
          assert.equal((await artifact(id)).status, 'TRUNCATED');
          assert.equal(finished(id)?.status, 'TRUNCATED');
        });
      }
    }
  }
});
