/**
 * Tool-call `arguments` sent as a JSON object instead of a string (`"arguments": {"x": 1}`, as some
 * OpenAI-compatible servers do). Before: forwarded unchanged (the openai SDK concatenated
 * "[object Object]"), recorded as "" FAILED, left out of a non-streaming artifact, and /v1/messages made
 * it `input: {}`. Now the rewriting modes send its JSON text, with a repair of kind `arguments_object`
 * in the artifact; passthrough forwards the bytes and records the text (toolCalls.ts argumentsText).
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const ARGS = { path: 'a.txt', lines: [1, 2] };
const TEXT = '{"path":"a.txt","lines":[1,2]}';
const REPAIR = { kind: 'arguments_object', offset: 0, line: 0, column: 0, length: 0, replacement: TEXT, message: 'Tool-call arguments sent as a JSON value, not a string: its JSON text' };

const streamed = sse(
  chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: ARGS } }] }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);
const whole = JSON.stringify({
  id: 'gen-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'test/model',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read', arguments: ARGS } }] }, finish_reason: 'tool_calls' }],
});
const REQ = { model: 'test/model', messages: [{ role: 'user' as const, content: 'go' }] };

describe('tool-call arguments sent as a JSON object', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  for (const mode of ['repair', 'strip', 'auto']) {
    it(`chat, ${mode}, streaming: the openai SDK's final message has the JSON text as arguments (not "[object Object]")`, async () => {
      up.enqueue({ chunks: [streamed] });
      const client = new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
      const stream = client.chat.completions.stream({ ...REQ, stream: true });
      const final = await stream.finalChatCompletion();
      const call = final.choices[0]!.message.tool_calls![0]!;
      assert.equal(call.type === 'function' && call.function.arguments, TEXT);
    });
  }

  it('chat, repair, streaming (raw): the delta carries the text; artifact REPAIRED with the arguments_object repair', async () => {
    up.enqueue({ chunks: [streamed] });
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair' });
    const got = collect(await res.text());
    assert.equal(got.tools.get(0), TEXT);
    const a = await artifactOf(d, res);
    assert.deepEqual(a.toolCalls, [{ index: 0, id: 'call_1', name: 'read', rawArguments: TEXT, repairedArguments: TEXT, status: 'REPAIRED', repairs: [REPAIR], stripped: [] }]);
  });

  it('chat, repair, not streaming: the message carries the text; the artifact has the call', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [whole] });
    const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'repair' });
    const body = (await res.json()) as { choices: { message: { tool_calls: { function: { arguments: unknown } }[] } }[] };
    assert.equal(body.choices[0]!.message.tool_calls[0]!.function.arguments, TEXT);
    const a = await artifactOf(d, res);
    assert.deepEqual(a.toolCalls, [{ index: 0, id: 'call_1', name: 'read', rawArguments: TEXT, repairedArguments: TEXT, status: 'REPAIRED', repairs: [REPAIR], stripped: [] }]);
  });

  it('chat, passthrough: the bytes as they came (streaming and not); the artifact records the text, no repair', async () => {
    up.enqueue({ chunks: [streamed] });
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough' });
    assert.equal(await res.text(), streamed);
    const a = await artifactOf(d, res);
    assert.deepEqual(a.toolCalls, [{ index: 0, id: 'call_1', name: 'read', rawArguments: TEXT, repairedArguments: TEXT, status: 'PASSTHROUGH', repairs: [], stripped: [] }]);
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [whole] });
    const res2 = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'passthrough' });
    const body = (await res2.json()) as { choices: { message: { tool_calls: { function: { arguments: unknown } }[] } }[] };
    assert.deepEqual(body.choices[0]!.message.tool_calls[0]!.function.arguments, ARGS);
    const a2 = await artifactOf(d, res2);
    assert.deepEqual(a2.toolCalls, [{ index: 0, id: 'call_1', name: 'read', rawArguments: TEXT, repairedArguments: TEXT, status: 'PASSTHROUGH', repairs: [], stripped: [] }]);
  });

  for (const stream of [true, false]) {
    it(`messages, ${stream ? 'streaming' : 'not streaming'}: the Anthropic SDK gets the object as input (never {})`, async () => {
      up.enqueue({ chunks: [streamed] });
      const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'x', maxRetries: 0 });
      const params = { model: 'test/model', max_tokens: 100, messages: [{ role: 'user' as const, content: 'go' }] };
      let msg: Anthropic.Message;
      let id: string | null;
      if (stream) {
        const s = client.messages.stream(params);
        msg = await s.finalMessage();
        id = (await s.withResponse()).response.headers.get('x-streamfix-request-id');
      } else {
        const r = await client.messages.create(params).withResponse();
        msg = r.data;
        id = r.response.headers.get('x-streamfix-request-id');
      }
      assert.deepEqual(msg.content, [{ type: 'tool_use', id: 'call_1', name: 'read', input: ARGS }]);
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as { toolCalls: unknown };
      assert.deepEqual(a.toolCalls, [{ index: 0, id: 'call_1', name: 'read', rawArguments: TEXT, repairedArguments: TEXT, status: 'REPAIRED', repairs: [REPAIR], stripped: [] }]);
    });
  }
});
