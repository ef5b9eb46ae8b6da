/**
 * x-streamfix-truncated-tools: reject through the daemon, for the chat and Messages APIs, streaming and
 * not, with raw HTTP (exact bytes and events) and with the openai and Anthropic SDKs (they must raise,
 * and must not retry); the daemon default; a bad header value.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import type { TruncatedToolCallRef } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, parseSse, sse } from '../helpers/testUpstream';

const CUT = '{"path": "a.txt", "content": "h\u00e9l';
const BYTES = Buffer.byteLength(CUT); // 34
const CALL = { index: 0, id: 'call_7', type: 'function', function: { name: 'write_file', arguments: CUT } };
const MESSAGE = `Tool call 0 (id call_7, function write_file) was cut after ${BYTES} bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.`;
const ERROR = { error: { message: MESSAGE, type: 'upstream_error', code: 'truncated_tool_call', truncated_tool_calls: [{ index: 0, id: 'call_7', name: 'write_file', bytes: BYTES }] } };

const START = chunk({ role: 'assistant', content: null, tool_calls: [{ ...CALL, function: { ...CALL.function, arguments: '' } }] });
const PIECE = chunk({ tool_calls: [{ index: 0, function: { arguments: CUT } }] });
const streamed = (finish: string | null = 'length') => ({ chunks: [sse(START, PIECE, ...(finish ? [chunk({}, finish)] : []), '[DONE]')] });
const completion = (finish = 'length') => ({
  headers: { 'content-type': 'application/json' },
  chunks: [JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'write_file', arguments: CUT } }] }, finish_reason: finish }] })],
});
const BODY = { model: 'test/model', messages: [{ role: 'user', content: 'write it' }] };

async function post(d: Daemon, body: unknown, headers: Record<string, string> = {}) {
  const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { r, text: await r.body.text() };
}

async function artifact(d: Daemon, id: string) {
  return (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; truncatedToolCalls?: TruncatedToolCallRef[]; errors: { message: string; code?: string; status?: number }[]; toolCalls: { rawArguments: string }[] };
}

describe('gateway: truncated tool calls rejected (chat)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  it('streaming: the arguments as far as they came, the error chunk, [DONE]; no closers, no finish chunk', async () => {
    up.enqueue(streamed());
    const { r, text } = await post(d, { ...BODY, stream: true }, { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'repair' });
    assert.equal(r.statusCode, 200);
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify(ERROR)}\n\ndata: [DONE]\n\n`);
    assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    assert.equal(r.trailers['x-streamfix-truncated-tool-calls'], '0');
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.equal(a.status, 'TRUNCATED');
    assert.deepEqual(a.truncatedToolCalls, [0]);
    assert.deepEqual(a.errors, [{ message: MESSAGE, code: 'truncated_tool_call' }]);
    assert.equal(a.toolCalls[0]!.rawArguments, CUT);
  });

  it('streaming, n > 1: a later choice cut inside its arguments ends the stream with the error naming its choice', async () => {
    const c1 = (delta: Record<string, unknown>, finish: string | null = null) => chunk(delta, finish, { choices: [{ index: 1, delta, finish_reason: finish }] });
    const first = chunk({ role: 'assistant', content: '{}' }, 'stop');
    const start1 = c1({ role: 'assistant', content: null, tool_calls: [{ ...CALL, id: 'call_8', function: { ...CALL.function, arguments: '' } }] });
    const piece1 = c1({ tool_calls: [{ index: 0, function: { arguments: CUT } }] });
    up.enqueue({ chunks: [sse(first, start1, piece1, c1({}, 'length'), '[DONE]')] });
    const { r, text } = await post(d, { ...BODY, n: 2, stream: true }, { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'repair' });
    const message = `Tool call 0 (id call_8, function write_file, choice 1) was cut after ${BYTES} bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.`;
    const error = { error: { message, type: 'upstream_error', code: 'truncated_tool_call', truncated_tool_calls: [{ index: 0, id: 'call_8', name: 'write_file', bytes: BYTES, choice: 1 }] } };
    assert.equal(text, `data: ${first}\n\ndata: ${start1}\n\ndata: ${piece1}\n\ndata: ${JSON.stringify(error)}\n\ndata: [DONE]\n\n`);
    assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    assert.equal(r.trailers['x-streamfix-truncated-tool-calls'], '1:0');
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.equal(a.status, 'TRUNCATED');
    assert.deepEqual(a.truncatedToolCalls, [{ choice: 1, index: 0 }]);
    assert.deepEqual(a.errors, [{ message, code: 'truncated_tool_call' }]);
  });

  it('streaming, n > 1: a call of another choice still open at the refusal is not listed as cut (the upstream finished it; the gateway stopped reading)', async () => {
    const c = (index: number, delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ id: 'gen-2', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices: [{ index, delta, finish_reason: finish }] });
    const open0 = c(0, { role: 'assistant', content: null, tool_calls: [{ ...CALL, id: 'call_0', function: { name: 'write_file', arguments: '{"path": "b' } }] });
    const cut1 = c(1, { role: 'assistant', content: null, tool_calls: [{ ...CALL, id: 'call_8' }] });
    up.enqueue({ chunks: [sse(open0, cut1, c(1, {}, 'length'), c(0, { tool_calls: [{ index: 0, function: { arguments: '.txt"}' } }] }), c(0, {}, 'tool_calls'), '[DONE]')] });
    const { r, text } = await post(d, { ...BODY, n: 2, stream: true }, { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'repair' });
    const data = parseSse(text).data;
    assert.deepEqual(data.slice(0, 2), [open0, cut1]);
    assert.deepEqual((JSON.parse(data[2]!) as { error: { truncated_tool_calls: unknown } }).error.truncated_tool_calls, [{ index: 0, id: 'call_8', name: 'write_file', bytes: BYTES, choice: 1 }]);
    assert.equal(data.length, 4);
    assert.equal(r.trailers['x-streamfix-truncated-tool-calls'], '1:0');
    assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.deepEqual(a.truncatedToolCalls, [{ choice: 1, index: 0 }]);
    assert.equal(a.status, 'TRUNCATED');
  });

  it('streaming, the body ending inside the arguments: the same end', async () => {
    up.enqueue({ chunks: [sse(START, PIECE)] });
    const { text } = await post(d, { ...BODY, stream: true }, { 'x-streamfix-truncated-tools': 'REJECT ' });
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify(ERROR)}\n\ndata: [DONE]\n\n`);
  });

  it('streaming, an upstream error event with finish_reason "error" inside the arguments: no closure (before, its closers went out), the upstream\'s error naming the call', async () => {
    // OpenRouter's mid-stream error: an error object beside a choice finished with "error". The call is cut
    // (record.ts cutCalls); before, "error" was no cut, so the closers the gateway invented went out before
    // the upstream's error chunk, under reject. The error chunk is the upstream's, naming the withheld call
    // (rejectUpstreamFailure.test.ts has every kind of failure)
    const event = { id: 'gen-test-1', error: { code: 502, message: 'Provider returned error' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] };
    up.enqueue({ chunks: [sse(START, PIECE) + `data: ${JSON.stringify(event)}\n\n`] });
    const { r, text } = await post(d, { ...BODY, model: 'test/reject-error', stream: true }, { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'repair' });
    const failure = `Provider returned error. Tool call 0 (id call_7, function write_file) was cut after ${BYTES} bytes of arguments: the upstream failed inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself.`;
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify({ error: { code: 502, message: failure, truncated_tool_calls: ERROR.error.truncated_tool_calls } })}\n\ndata: [DONE]\n\n`);
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.deepEqual([a.status, a.truncatedToolCalls, a.errors], ['UPSTREAM_ERROR', [0], [{ message: 'Provider returned error', code: '502' }, { message: MESSAGE, code: 'truncated_tool_call' }]]);
  });

  it('non-streaming: 502 with the error, x-should-retry false, and none of the answer', async () => {
    up.enqueue(completion());
    const { r, text } = await post(d, BODY, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(r.statusCode, 502);
    assert.deepEqual(JSON.parse(text), ERROR);
    assert.equal(r.headers['x-should-retry'], 'false');
    assert.equal(r.headers['x-streamfix-status'], 'TRUNCATED');
    assert.equal(r.headers['x-streamfix-truncated-tool-calls'], '0');
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.equal(a.status, 'TRUNCATED');
    assert.deepEqual(a.errors, [{ message: MESSAGE, status: 502, code: 'truncated_tool_call' }]);
  });

  it('non-streaming, n > 1: a call cut in a later choice is refused too, named with its choice', async () => {
    const whole = { id: 'call_1', type: 'function', function: { name: 'write_file', arguments: '{"path": "b.txt"}' } };
    const two = (second: string) => ({
      headers: { 'content-type': 'application/json' },
      chunks: [JSON.stringify({ id: 'gen-2', object: 'chat.completion', created: 1, model: 'test/model', choices: [
        { index: 0, message: { role: 'assistant', content: null, tool_calls: [whole] }, finish_reason: 'tool_calls' },
        { index: 1, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_8', type: 'function', function: { name: 'write_file', arguments: CUT } }] }, finish_reason: second },
      ] })],
    });
    up.enqueue(two('length'), two('tool_calls'));
    const { r, text } = await post(d, { ...BODY, n: 2 }, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(r.statusCode, 502);
    const message = `Tool call 0 (id call_8, function write_file, choice 1) was cut after ${BYTES} bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.`;
    assert.deepEqual(JSON.parse(text), { error: { message, type: 'upstream_error', code: 'truncated_tool_call', truncated_tool_calls: [{ index: 0, id: 'call_8', name: 'write_file', bytes: BYTES, choice: 1 }] } });
    assert.equal(r.headers['x-streamfix-truncated-tool-calls'], '1:0');
    assert.equal(r.headers['x-streamfix-status'], 'TRUNCATED');
    assert.equal(r.headers['x-should-retry'], 'false');
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.equal(a.status, 'TRUNCATED');
    assert.deepEqual(a.errors, [{ message, status: 502, code: 'truncated_tool_call' }]);
    // the later choice finished normally: nothing was cut, the answer goes out
    const ok = await post(d, { ...BODY, n: 2 }, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(ok.r.statusCode, 200);
    assert.equal((JSON.parse(ok.text) as { choices: unknown[] }).choices.length, 2);
  });

  it('close (the default, or the header) closes and flags as before; finish_reason tool_calls is no cut', async () => {
    up.enqueue(streamed(), completion(), completion('tool_calls'));
    const s = await post(d, { ...BODY, stream: true }, { 'x-streamfix-truncated-tools': 'close' });
    assert.ok(s.text.includes('"finish_reason":"length"'));
    assert.equal(s.r.trailers['x-streamfix-truncated-tool-calls'], '0');
    const n = await post(d, BODY);
    assert.equal(n.r.statusCode, 200);
    assert.equal((JSON.parse(n.text) as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] }).choices[0]!.message.tool_calls[0]!.function.arguments, `${CUT}"}`);
    const t = await post(d, BODY, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(t.r.statusCode, 200);
    assert.equal(t.r.headers['x-streamfix-truncated-tool-calls'], undefined);
  });

  it('passthrough parses no arguments and so rejects nothing', async () => {
    up.enqueue(streamed());
    const { text } = await post(d, { ...BODY, stream: true }, { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'passthrough' });
    assert.equal(text, streamed().chunks[0]);
  });

  it('a header value that is not a policy is a 400 naming the choices, before any upstream request', async () => {
    const before = up.requests.length;
    const { r, text } = await post(d, BODY, { 'x-streamfix-truncated-tools': 'drop' });
    assert.equal(r.statusCode, 400);
    assert.deepEqual(JSON.parse(text), { error: { message: 'Header x-streamfix-truncated-tools must be one of close, reject; got "drop"', type: 'invalid_request_error', code: 'invalid_request' } });
    assert.equal(up.requests.length, before);
  });

  it('the openai SDK raises the error chunk while streaming, and the 502 without retrying', async () => {
    const client = new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', defaultHeaders: { 'x-streamfix-truncated-tools': 'reject' } });
    up.enqueue(streamed());
    const stream = await client.chat.completions.create({ ...BODY, messages: [{ role: 'user', content: 'write it' }], stream: true });
    const seen: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of stream) seen.push(c.choices[0]?.finish_reason);
      })(),
      (e: unknown) => e instanceof OpenAI.APIError && e.message === MESSAGE && (e.error as { code: string }).code === 'truncated_tool_call',
    );
    assert.deepEqual(seen, [null, null]);
    up.enqueue(completion(), completion());
    const before = up.requests.length;
    // default maxRetries (2): x-should-retry: false keeps it to one request
    await assert.rejects(client.chat.completions.create({ ...BODY, messages: [{ role: 'user', content: 'write it' }] }), (e: unknown) => e instanceof OpenAI.InternalServerError && e.status === 502 && e.message === `502 ${MESSAGE}`);
    assert.equal(up.requests.length, before + 1);
    up.enqueue(completion()); // the second scripted answer was not asked for; the next test's queue starts clean
    await post(d, BODY);
  });
});

describe('gateway: truncated tool calls rejected by the daemon default (--truncated-tools reject)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', truncatedTools: 'reject' });

  it('rejects without the header; the header close overrides the default', async () => {
    up.enqueue(completion(), completion());
    assert.equal((await post(d, BODY)).r.statusCode, 502);
    const c = await post(d, BODY, { 'x-streamfix-truncated-tools': 'close' });
    assert.equal(c.r.statusCode, 200);
    assert.equal(c.r.headers['x-streamfix-truncated-tool-calls'], '0');
  });
});

describe('messages: truncated tool calls rejected', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const url = () => `http://127.0.0.1:${d.info.port}/v1/messages`;
  const MSG = { model: 'x/model', max_tokens: 40, messages: [{ role: 'user', content: 'write it' }] };
  const postMessages = async (body: unknown, headers: Record<string, string>) => {
    const r = await request(url(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any', ...headers }, body: JSON.stringify(body) });
    return { r, text: await r.body.text() };
  };

  it('streaming: the tool_use block as far as it came, never stopped, then an error event', async () => {
    up.enqueue(streamed());
    const { r, text } = await postMessages({ ...MSG, stream: true }, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(r.statusCode, 200);
    const events = text.split('\n\n').filter((b) => b !== '').map((b) => b.split('\n')[0]!.slice('event: '.length));
    assert.deepEqual(events, ['message_start', 'content_block_start', 'content_block_delta', 'error']);
    const data = parseSse(text).data.map((s) => JSON.parse(s) as Record<string, unknown>);
    assert.deepEqual(data[1], { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'call_7', name: 'write_file', input: {} } });
    assert.deepEqual(data[2], { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: CUT } });
    // the error event's exact bytes: Anthropic's shape, with the chat endpoint's truncated_tool_calls
    assert.equal(text.slice(text.lastIndexOf('event: error')), `event: error\ndata: {"type":"error","error":{"type":"api_error","message":${JSON.stringify(MESSAGE)},"truncated_tool_calls":[{"index":0,"id":"call_7","name":"write_file","bytes":${BYTES}}]}}\n\n`);
    assert.deepEqual(data[3], { type: 'error', error: { type: 'api_error', message: MESSAGE, truncated_tool_calls: ERROR.error.truncated_tool_calls } });
    assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact');
    assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    assert.equal(r.trailers['x-streamfix-truncated-tool-calls'], '0');
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.equal(a.status, 'TRUNCATED');
    assert.deepEqual(a.truncatedToolCalls, [0]);
    assert.deepEqual(a.errors, [{ message: MESSAGE, code: 'truncated_tool_call' }]);
  });

  it('non-streaming: 502 api_error naming the call, x-should-retry false, no message', async () => {
    up.enqueue(streamed(null));
    const { r, text } = await postMessages(MSG, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(r.statusCode, 502);
    const id = String(r.headers['x-streamfix-request-id']);
    assert.equal(text, `{"type":"error","error":{"type":"api_error","message":${JSON.stringify(MESSAGE)},"truncated_tool_calls":[{"index":0,"id":"call_7","name":"write_file","bytes":${BYTES}}]},"request_id":"${id}"}`);
    assert.equal(r.headers['x-should-retry'], 'false');
    assert.equal(r.headers['x-streamfix-truncated-tool-calls'], '0');
    assert.equal(r.headers['x-streamfix-status'], 'TRUNCATED');
  });

  it('a bad header value is a 400 in Anthropic shape', async () => {
    const { r, text } = await postMessages(MSG, { 'x-streamfix-truncated-tools': 'yes' });
    assert.equal(r.statusCode, 400);
    assert.deepEqual((JSON.parse(text) as { error: unknown }).error, { type: 'invalid_request_error', message: 'Header x-streamfix-truncated-tools must be one of close, reject; got "yes"' });
  });

  it('the Anthropic SDK raises the error event while streaming, and the 502 without retrying', async () => {
    const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', defaultHeaders: { 'x-streamfix-truncated-tools': 'reject' } });
    up.enqueue(streamed());
    const stream = client.messages.stream({ ...MSG, messages: [{ role: 'user', content: 'write it' }] });
    const calls = ERROR.error.truncated_tool_calls;
    // the SDK parses the event: its type and message, and the body with the structured list
    await assert.rejects(stream.finalMessage(), (e: unknown) => {
      assert.ok(e instanceof Anthropic.APIError);
      // an error event has no status: the SDK's message is the event's JSON
      assert.equal(e.message, JSON.stringify({ type: 'error', error: { type: 'api_error', message: MESSAGE, truncated_tool_calls: calls } }));
      assert.equal(e.type, 'api_error');
      assert.equal(e.apiMessage, MESSAGE);
      assert.deepEqual(e.error, { type: 'error', error: { type: 'api_error', message: MESSAGE, truncated_tool_calls: calls } });
      return true;
    });
    up.enqueue(streamed(), streamed());
    const before = up.requests.length;
    await assert.rejects(client.messages.create({ ...MSG, messages: [{ role: 'user', content: 'write it' }] }), (e: unknown) => {
      assert.ok(e instanceof Anthropic.InternalServerError);
      assert.equal(e.status, 502);
      const body = e.error as { request_id: string };
      assert.deepEqual(body, { type: 'error', error: { type: 'api_error', message: MESSAGE, truncated_tool_calls: calls }, request_id: e.requestID });
      assert.match(body.request_id, /^sfx_/);
      // the SDK's message is the status and the body's JSON when the body's top level has no `message`
      assert.equal(e.message, `502 ${JSON.stringify(body)}`);
      assert.equal(e.type, 'api_error');
      return true;
    });
    assert.equal(up.requests.length, before + 1);
    await postMessages(MSG, {}); // takes the answer not asked for
  });

  it('without reject the block is closed and stopped with stop_reason max_tokens, as before, and flagged', async () => {
    up.enqueue(streamed());
    const { r, text } = await postMessages(MSG, {});
    const m = JSON.parse(text) as { content: { type: string; input: unknown }[]; stop_reason: string };
    assert.equal(m.stop_reason, 'max_tokens');
    assert.deepEqual(m.content[0]!.input, { path: 'a.txt', content: 'h\u00e9l' });
    assert.equal(r.headers['x-streamfix-truncated-tool-calls'], '0');
    assert.equal(r.headers['x-streamfix-status'], 'TRUNCATED');
  });

  it('without reject, streaming: the closed block, message_delta max_tokens, and the trailer naming the cut call', async () => {
    up.enqueue(streamed());
    const { r, text } = await postMessages({ ...MSG, stream: true }, {});
    const data = parseSse(text).data.map((s) => JSON.parse(s) as { type: string; delta?: { stop_reason?: string } });
    assert.deepEqual(data.map((e) => e.type), ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(data[5]!.delta!.stop_reason, 'max_tokens');
    assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    assert.equal(r.trailers['x-streamfix-truncated-tool-calls'], '0');
  });

  it('a whole tool call: no x-streamfix-truncated-tool-calls, streaming or not', async () => {
    const whole = { chunks: [sse(START, chunk({ tool_calls: [{ index: 0, function: { arguments: `${CUT}"}` } }] }), chunk({}, 'tool_calls'), '[DONE]')] };
    up.enqueue(whole, whole);
    const a = await postMessages(MSG, {});
    assert.equal(a.r.statusCode, 200);
    assert.equal(a.r.headers['x-streamfix-truncated-tool-calls'], undefined);
    assert.equal(a.r.headers['x-streamfix-status'], 'VALID');
    const b = await postMessages({ ...MSG, stream: true }, { 'x-streamfix-truncated-tools': 'reject' });
    assert.equal(b.r.trailers['x-streamfix-truncated-tool-calls'], undefined);
    assert.equal(b.r.trailers['x-streamfix-status'], 'VALID');
    assert.ok(b.text.includes('event: message_stop'));
  });
});
