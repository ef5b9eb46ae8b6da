/**
 * A tool call's `function.name` split across upstream chunks of one index (`"name":"get_"`, then
 * `"name":"weather"`, as some providers stream it) is one name, `get_weather`: in the chat endpoint's
 * artifact (the client gets every piece as sent, in every mode) and in the Messages API's tool_use block,
 * whose content_block_start waits until the name is known (the call's arguments began, or the stream
 * ended). Before, only the first piece was kept: `get_`. A name repeated whole in later chunks (other
 * providers) stays itself.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from '../anthropic/helpers';
import { ToolCallRepairers } from '../../../server/gateway/toolCalls';
import { renamedError, renamedMessage } from '../../../server/anthropic/toolInputCheck';

type Tc = { index: number; id?: string; name?: string; args?: string };
const call = ({ index, id, name, args }: Tc) => ({ index, ...(id ? { id, type: 'function' } : {}), function: { ...(name !== undefined ? { name } : {}), ...(args !== undefined ? { arguments: args } : {}) } });
const tools = (...tcs: Tc[]) => chunk({ tool_calls: tcs.map(call) });

/** Two calls, each name in pieces; the second's last piece comes after its arguments began. */
const SPLIT = sse(
  chunk({ role: 'assistant', content: null }),
  tools({ index: 0, id: 'call_a', name: 'get_' }),
  tools({ index: 0, name: 'wea' }),
  tools({ index: 0, name: 'ther', args: '' }),
  tools({ index: 0, args: '{"city": ' }),
  tools({ index: 0, args: '"Oslo"}' }),
  tools({ index: 1, id: 'call_b', name: 'search_' }),
  tools({ index: 1, name: 'web', args: '{"q": "fjords"}' }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

/** One call whose name comes whole in every chunk (repeated, not split). */
const REPEATED = sse(
  tools({ index: 0, id: 'call_a', name: 'get_weather', args: '' }),
  tools({ index: 0, name: 'get_weather', args: '{"city": "Oslo"}' }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

/** A name piece after the call's arguments began (its block has started, named `get_`). */
const LATE = sse(
  chunk({ role: 'assistant', content: null }),
  tools({ index: 0, id: 'call_a', name: 'get_', args: '{"city": ' }),
  tools({ index: 0, name: 'weather', args: '"Oslo"}' }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);
const LATE_CALL = { index: 0, id: 'call_a', sent: 'get_', name: 'get_weather' };

describe('gateway: a tool name split across chunks is one name', () => {
  it('ToolCallRepairers: pieces are joined; a piece that repeats the name so far (or starts with it) is the name', () => {
    for (const repair of [true, false]) {
      const t = new ToolCallRepairers(repair);
      for (const [i, name] of [[0, 'get_'], [0, 'weather'], [1, 'read'], [1, 'read'], [2, 'wr'], [2, 'write_file']] as const) t.push({ index: i, function: { name } }, i);
      assert.deepEqual(t.artifacts().map((a) => a.name), ['get_weather', 'read', 'write_file']);
      assert.equal(t.nameOf(0), 'get_weather');
      assert.equal(t.nameOf(5), null);
    }
  });

  it('messages: the tool_use block names the whole name, its start waiting for the arguments, at every byte split', () => {
    const want = [
      ['start', 0, { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} }],
      ['input_json_delta', 0, '{"city": "Oslo"}'],
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'call_b', name: 'search_web', input: {} }],
      ['input_json_delta', 1, '{"q": "fjords"}'],
      ['stop', 1],
      ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 8 }],
      ['message_stop'],
    ];
    for (const mode of ['strip', 'repair', 'auto'] as const) {
      for (let k = 1; k < Buffer.byteLength(SPLIT); k++) {
        const events = translate(SPLIT, [k], { mode });
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1), want, `${mode}, cut at ${k}`);
      }
    }
    const events = translate(REPEATED, [], { mode: 'repair' });
    assert.deepEqual(normalize(events)[1], ['start', 0, { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} }]);
  });

  it('messages: a call whose name comes in pieces and no arguments starts at the end, named whole, input {}', () => {
    const text = sse(tools({ index: 0, id: 'call_a', name: 'list_' }), tools({ index: 0, name: 'files' }), chunk({}, 'tool_calls'), '[DONE]');
    for (let k = 1; k < Buffer.byteLength(text); k++) {
      const events = translate(text, [k], { mode: 'repair' });
      assert.deepEqual(normalize(events).slice(1, 4), [['start', 0, { type: 'tool_use', id: 'call_a', name: 'list_files', input: {} }], ['input_json_delta', 0, '{}'], ['stop', 0]], `cut at ${k}`);
    }
  });

  it('messages, streaming: a name piece after the block started ends the message with an error naming both names (the block cannot be renamed), at every byte split', () => {
    for (const mode of ['strip', 'repair', 'auto'] as const) {
      for (let k = 1; k < Buffer.byteLength(LATE); k++) {
        const events = translate(LATE, [k], { mode });
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1), [['start', 0, { type: 'tool_use', id: 'call_a', name: 'get_', input: {} }], ['input_json_delta', 0, '{"city": "Oslo"}'], ['error']], `${mode}, cut at ${k}`);
        assert.deepEqual(events.at(-1), { type: 'error', error: renamedError([LATE_CALL]) }, `${mode}, cut at ${k}`);
      }
    }
    assert.equal(renamedMessage([LATE_CALL]), 'Tool call 0 (id call_a): a piece of its name came after its tool_use block started: the block is named "get_", the whole name is "get_weather". The message is not delivered (the block cannot be renamed, and a client would run another tool with its input); send the request again.');
  });

  describe('through the clients', () => {
    const { up, d } = useTestGateway();

    it('messages: a name piece after the block started: streamed, the Anthropic SDK gets the error (artifact FAILED, the call\'s reason); not streamed, the block named whole (artifact VALID)', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      const body = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'weather?' }] };
      up.enqueue({ chunks: [LATE] });
      const s = client.messages.stream(body);
      const e = await s.finalMessage().then(() => null, (x: unknown) => x);
      assert.ok(e instanceof Anthropic.APIError, String(e));
      assert.deepEqual(e.error, { type: 'error', error: renamedError([LATE_CALL]) });
      const art = await artifactOf(d, (await s.withResponse()).response as unknown as Response);
      assert.equal(art.status, 'FAILED');
      assert.deepEqual(art.toolCalls!.map((c) => [c.name, c.status, c.error]), [['get_weather', 'FAILED', 'a piece of its name came after its tool_use block started: the block is named "get_", the whole name is "get_weather"']]);
      assert.deepEqual(art.errors, [{ message: renamedMessage([LATE_CALL]), status: 502, code: 'tool_name_after_start' }]);

      up.enqueue({ chunks: [LATE] });
      const { data, response } = await client.messages.create(body).withResponse();
      assert.deepEqual(data.content, [{ type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Oslo' } }]);
      assert.equal(data.stop_reason, 'tool_use');
      const a = await artifactOf(d, response as unknown as Response);
      assert.deepEqual([a.status, a.toolCalls!.map((c) => [c.name, c.status])], ['VALID', [['get_weather', 'VALID']]]);
    });

    it('messages: the Anthropic SDK gets tool_use blocks named whole, streamed or not; the artifact names them so', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      const body = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'weather?' }] };
      const want = [
        { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Oslo' } },
        { type: 'tool_use', id: 'call_b', name: 'search_web', input: { q: 'fjords' } },
      ];
      up.enqueue({ chunks: [SPLIT] });
      const streamed = await client.messages.stream(body).finalMessage();
      assert.deepEqual(streamed.content, want);
      up.enqueue({ chunks: [SPLIT] });
      const { data, response } = await client.messages.create(body).withResponse();
      assert.deepEqual(data.content, want);
      const a = await artifactOf(d, response as unknown as Response);
      assert.deepEqual(a.toolCalls!.map((c) => c.name), ['get_weather', 'search_web']);
    });

    it('chat: every mode sends every name piece as it came; the artifact names the calls whole', async () => {
      for (const mode of ['repair', 'strip', 'passthrough']) {
        up.enqueue({ chunks: [SPLIT] });
        const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'weather?' }] }, { 'x-streamfix-mode': mode });
        const got = collect(await res.text());
        const names = new Map<number, string>();
        for (const c of got.chunks) {
          for (const tc of ((c.choices as { delta?: { tool_calls?: { index: number; function?: { name?: string } }[] } }[])[0]?.delta?.tool_calls ?? [])) {
            if (tc.function?.name !== undefined) names.set(tc.index, (names.get(tc.index) ?? '') + tc.function.name);
          }
        }
        assert.deepEqual([...names], [[0, 'get_weather'], [1, 'search_web']], mode);
        const a = await artifactOf(d, res);
        assert.deepEqual(a.toolCalls!.map((c) => [c.name, c.repairedArguments]), [['get_weather', '{"city": "Oslo"}'], ['search_web', '{"q": "fjords"}']], mode);
      }
    });

    it('chat, x-streamfix-schema: coerce: each call is held and goes out in one delta, named whole (split or repeated)', async () => {
      const tool = (name: string) => ({ type: 'function', function: { name, parameters: { type: 'object', properties: { city: { type: 'string' }, q: { type: 'string' } } } } });
      for (const [body, want] of [[SPLIT, [[0, 'get_weather'], [1, 'search_web']]], [REPEATED, [[0, 'get_weather']]]] as const) {
        up.enqueue({ chunks: [body] });
        const res = await postChat(d, { model: 'test/model', stream: true, tools: [tool('get_weather'), tool('search_web')], messages: [{ role: 'user', content: 'weather?' }] }, { 'x-streamfix-mode': 'repair', 'x-streamfix-schema': 'coerce' });
        const got = collect(await res.text());
        const names: [number, string][] = [];
        for (const c of got.chunks) {
          for (const tc of ((c.choices as { delta?: { tool_calls?: { index: number; function?: { name?: string } }[] } }[])[0]?.delta?.tool_calls ?? [])) {
            if (tc.function?.name !== undefined) names.push([tc.index, tc.function.name]);
          }
        }
        assert.deepEqual(names, want);
      }
    });
  });
});
