/**
 * Tool calls with empty arguments (a call to a tool without parameters; some providers send `""` rather
 * than `"{}"`). Before: the engine found no JSON, so the call and the whole response were FAILED, although
 * nothing had failed (and /v1/messages sent `input: {}` while its artifact said `""`). Now the arguments
 * are `{}`, with a repair of kind `empty_arguments` (toolCalls.ts emptyArguments), status REPAIRED, on chat
 * (streaming and not) and Messages; passthrough forwards them as they came.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const repairAt = (offset: number, column = offset, line = 0) => ({ kind: 'empty_arguments', offset, line, column, length: 0, replacement: '{}', message: 'Empty tool-call arguments (a call without parameters): {}' });

const streamed = (args: string[]) =>
  sse(
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'now', arguments: args[0] ?? '' } }] }),
    ...args.slice(1).map((a) => chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] })),
    chunk({}, 'tool_calls'),
    '[DONE]',
  );
const whole = (args: string) =>
  JSON.stringify({
    id: 'gen-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'test/model',
    choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'now', arguments: args } }] }, finish_reason: 'tool_calls' }],
  });
const REQ = { model: 'test/model', messages: [{ role: 'user' as const, content: 'what time is it?' }] };
const call = (raw: string, repair = repairAt(raw.length)) => ({ index: 0, id: 'call_1', name: 'now', rawArguments: raw, repairedArguments: '{}', status: 'REPAIRED', repairs: [repair], stripped: [] });

describe('tool calls with empty arguments', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  for (const mode of ['repair', 'strip', 'auto']) {
    it(`chat, ${mode}, streaming: the openai SDK's call has {} as arguments; status REPAIRED, never FAILED`, async () => {
      up.enqueue({ chunks: [streamed([''])] });
      const client = new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
      const { data, response } = await client.chat.completions.create({ ...REQ, stream: true }).withResponse();
      let args = '';
      for await (const c of data) for (const t of c.choices[0]?.delta.tool_calls ?? []) args += t.function?.arguments ?? '';
      assert.equal(args, '{}');
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(response.headers.get('x-streamfix-request-id'))}`)).json()) as { status: string; toolCalls: unknown };
      assert.equal(a.status, 'REPAIRED');
      assert.deepEqual(a.toolCalls, [call('')]);
    });
  }

  it('chat, repair, streaming (raw): white space only, in two deltas: the client gets {} (white space before a value is not sent, as for any arguments)', async () => {
    up.enqueue({ chunks: [streamed([' ', '\n '])] });
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair', te: 'trailers' });
    const got = collect(await res.text());
    assert.equal(got.tools.get(0), '{}');
    const a = await artifactOf(d, res);
    assert.deepEqual((a as { toolCalls: unknown }).toolCalls, [call(' \n ', repairAt(3, 1, 1))]);
  });

  it('chat, repair, not streaming: the message has {} as arguments; x-streamfix-status REPAIRED', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [whole('')] });
    const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'repair' });
    assert.equal(res.headers.get('x-streamfix-status'), 'REPAIRED');
    const body = (await res.json()) as { choices: { message: { tool_calls: { function: { arguments: unknown } }[] } }[] };
    assert.equal(body.choices[0]!.message.tool_calls[0]!.function.arguments, '{}');
    const a = await artifactOf(d, res);
    assert.deepEqual((a as { toolCalls: unknown }).toolCalls, [call('')]);
  });

  it('chat, passthrough: the bytes as they came; the artifact says PASSTHROUGH with no repair', async () => {
    const body = streamed(['']);
    up.enqueue({ chunks: [body] });
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough' });
    assert.equal(await res.text(), body);
    const a = await artifactOf(d, res);
    assert.deepEqual((a as { toolCalls: unknown }).toolCalls, [{ index: 0, id: 'call_1', name: 'now', rawArguments: '', repairedArguments: '', status: 'PASSTHROUGH', repairs: [], stripped: [] }]);
  });

  it('chat, repair: arguments that are not JSON and not empty stay FAILED (their text goes out)', async () => {
    up.enqueue({ chunks: [streamed(['ls -la'])] });
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair' });
    assert.equal(collect(await res.text()).tools.get(0), 'ls -la');
    const a = (await artifactOf(d, res)) as { toolCalls: { status: string; repairs: unknown[] }[] };
    assert.equal(a.toolCalls[0]!.status, 'FAILED');
    assert.deepEqual(a.toolCalls[0]!.repairs, []);
  });

  for (const stream of [true, false]) {
    it(`messages, ${stream ? 'streaming' : 'not streaming'}: the Anthropic SDK gets input {}; the artifact says {} REPAIRED`, async () => {
      up.enqueue({ chunks: [streamed([''])] });
      const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'x', maxRetries: 0 });
      const params = { model: 'test/model', max_tokens: 100, messages: [{ role: 'user' as const, content: 'what time is it?' }] };
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
      assert.deepEqual(msg.content, [{ type: 'tool_use', id: 'call_1', name: 'now', input: {} }]);
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as { status: string; toolCalls: unknown };
      assert.equal(a.status, 'REPAIRED');
      assert.deepEqual(a.toolCalls, [call('')]);
    });
  }
});
