/**
 * Tool-call arguments in the two forms a valid call may take that are not a JSON text, each on chat
 * (streaming and not, every mode) and /v1/messages:
 * - sent as a JSON object instead of a string (`"arguments": {"x": 1}`, as some OpenAI-compatible servers
 *   do). Before: forwarded unchanged (the openai SDK concatenated "[object Object]"), recorded as ""
 *   FAILED, left out of a non-streaming artifact, and /v1/messages made it `input: {}`. Now the rewriting
 *   modes send its JSON text, with a repair of kind `arguments_object` (toolCalls.ts argumentsText).
 * - empty (a call to a tool without parameters; some providers send `""` rather than `"{}"`). Before: the
 *   engine found no JSON, so the call and the whole response were FAILED, although nothing had failed (and
 *   /v1/messages sent `input: {}` while its artifact said `""`). Now the arguments are `{}`, with a repair
 *   of kind `empty_arguments` (toolCalls.ts emptyArguments), status REPAIRED.
 * Passthrough forwards both as they came and records their text.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const ARGS = { path: 'a.txt', lines: [1, 2] };
const TEXT = '{"path":"a.txt","lines":[1,2]}';

interface Form {
  name: string;
  /** The call's arguments as the upstream sends them: each streamed piece, and the whole in a completion. */
  pieces: unknown[];
  whole: unknown;
  /** What the rewriting modes send as the arguments, and the Messages API as the input. */
  text: string;
  input: unknown;
  /** The artifact's record of the call in the rewriting modes (streamed or whole). */
  repaired: Record<string, unknown>;
  /** The text passthrough records from `pieces` (it forwards the bytes as they came). */
  passthrough: string;
}

const call = (raw: string, repaired: string, status: string, repairs: unknown[]) => ({ index: 0, id: 'call_1', name: 'f', rawArguments: raw, repairedArguments: repaired, status, repairs, stripped: [] });
const objectRepair = { kind: 'arguments_object', offset: 0, line: 0, column: 0, length: 0, replacement: TEXT, message: 'Tool-call arguments sent as a JSON value, not a string: its JSON text' };
const emptyRepair = (offset: number, column = offset, line = 0) => ({ kind: 'empty_arguments', offset, line, column, length: 0, replacement: '{}', message: 'Empty tool-call arguments (a call without parameters): {}' });

const FORMS: Form[] = [
  { name: 'a JSON object', pieces: [ARGS], whole: ARGS, text: TEXT, input: ARGS, repaired: call(TEXT, TEXT, 'REPAIRED', [objectRepair]), passthrough: TEXT },
  { name: 'empty', pieces: [''], whole: '', text: '{}', input: {}, repaired: call('', '{}', 'REPAIRED', [emptyRepair(0)]), passthrough: '' },
  // white space only, in two deltas: the client gets {} (white space before a value is not sent, as for any arguments)
  { name: 'white space only', pieces: [' ', '\n '], whole: ' \n ', text: '{}', input: {}, repaired: call(' \n ', '{}', 'REPAIRED', [emptyRepair(3, 1, 1)]), passthrough: ' \n ' },
];

const streamed = (pieces: unknown[]) =>
  sse(
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: pieces[0] } }] }),
    ...pieces.slice(1).map((a) => chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] })),
    chunk({}, 'tool_calls'),
    '[DONE]',
  );
const completion = (args: unknown) =>
  JSON.stringify({
    id: 'gen-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'test/model',
    choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: args } }] }, finish_reason: 'tool_calls' }],
  });
const REQ = { model: 'test/model', messages: [{ role: 'user' as const, content: 'go' }] };
type Message = { choices: { message: { tool_calls: { function: { arguments: unknown } }[] } }[] };

describe('tool-call arguments as a JSON object, empty or white space', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  for (const form of FORMS) {
    describe(form.name, () => {
      for (const mode of ['repair', 'strip', 'auto']) {
        it(`chat, ${mode}, streaming: the openai SDK's final message has ${form.text} as arguments (never "[object Object]"); the artifact REPAIRED, never FAILED`, async () => {
          up.enqueue({ chunks: [streamed(form.pieces)] });
          let id: string | null = null;
          const client = new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode }, fetch: async (url, init) => {
            const r = await fetch(url, init);
            id = r.headers.get('x-streamfix-request-id');
            return r;
          } });
          const final = await client.chat.completions.stream({ ...REQ, stream: true }).finalChatCompletion();
          const c = final.choices[0]!.message.tool_calls![0]!;
          assert.equal(c.type === 'function' && c.function.arguments, form.text);
          const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as { status: string; toolCalls: unknown };
          assert.deepEqual([a.status, a.toolCalls], ['REPAIRED', [form.repaired]]);
        });
      }

      it('chat, repair, streaming (raw): the delta carries the text; the artifact has the repair', async () => {
        up.enqueue({ chunks: [streamed(form.pieces)] });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair', te: 'trailers' });
        assert.equal(collect(await res.text()).tools.get(0), form.text);
        assert.deepEqual((await artifactOf(d, res)).toolCalls, [form.repaired]);
      });

      it('chat, repair, not streaming: the message carries the text; x-streamfix-status REPAIRED; the artifact has the call', async () => {
        up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(form.whole)] });
        const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'repair' });
        assert.equal(res.headers.get('x-streamfix-status'), 'REPAIRED');
        assert.equal(((await res.json()) as Message).choices[0]!.message.tool_calls[0]!.function.arguments, form.text);
        assert.deepEqual((await artifactOf(d, res)).toolCalls, [form.repaired]);
      });

      it('chat, passthrough: the bytes as they came (streaming and not); the artifact records the text, no repair', async () => {
        const body = streamed(form.pieces);
        up.enqueue({ chunks: [body] });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough' });
        assert.equal(await res.text(), body);
        assert.deepEqual((await artifactOf(d, res)).toolCalls, [call(form.passthrough, form.passthrough, 'PASSTHROUGH', [])]);
        up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(form.whole)] });
        const res2 = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'passthrough' });
        assert.deepEqual(((await res2.json()) as Message).choices[0]!.message.tool_calls[0]!.function.arguments, form.whole);
        assert.deepEqual((await artifactOf(d, res2)).toolCalls, [call(form.passthrough, form.passthrough, 'PASSTHROUGH', [])]);
      });

      for (const stream of [true, false]) {
        it(`messages, ${stream ? 'streaming' : 'not streaming'}: the Anthropic SDK gets ${JSON.stringify(form.input)} as input; the artifact REPAIRED`, async () => {
          up.enqueue({ chunks: [streamed(form.pieces)] });
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
          assert.deepEqual(msg.content, [{ type: 'tool_use', id: 'call_1', name: 'f', input: form.input }]);
          const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as { status: string; toolCalls: unknown };
          assert.deepEqual([a.status, a.toolCalls], ['REPAIRED', [form.repaired]]);
        });
      }
    });
  }

  it('chat, repair: arguments that are not JSON and not empty stay FAILED (their text goes out)', async () => {
    up.enqueue({ chunks: [streamed(['ls -la'])] });
    const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'repair' });
    assert.equal(collect(await res.text()).tools.get(0), 'ls -la');
    const a = (await artifactOf(d, res)) as { toolCalls: { status: string; repairs: unknown[] }[] };
    assert.equal(a.toolCalls[0]!.status, 'FAILED');
    assert.deepEqual(a.toolCalls[0]!.repairs, []);
  });
});
