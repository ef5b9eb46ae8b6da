/**
 * x-streamfix-truncated-tools: reject, when an upstream FAILURE cut a tool call (an error event, a lost
 * connection, `finish_reason: "error"`), not the token limit. Before, the chat client got only the
 * `truncated_tool_call` error chunk ("raise max_tokens and send the request again": wrong advice, the
 * upstream's own error in the artifact alone), and the Messages client the upstream's error without a word
 * of the tool_use block left open. Now both get the failure as the cause, first (its own message, code and
 * fields on chat), then the withheld calls named, in the message and in `truncated_tool_calls`; a
 * non-streaming 502 of such a failure carries no `x-should-retry: false` (a failure need not repeat).
 * Raw bytes and the openai / @anthropic-ai/sdk SDKs.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, parseSse, sse } from '../helpers/testUpstream';

const CUT = '{"path": "a.txt", "content": "h\u00e9l';
const BYTES = Buffer.byteLength(CUT); // 34
const CALLS = [{ index: 0, id: 'call_7', name: 'write_file', bytes: BYTES }];
const CALL = { index: 0, id: 'call_7', type: 'function', function: { name: 'write_file', arguments: '' } };
const START = chunk({ role: 'assistant', content: null, tool_calls: [CALL] });
const PIECE = chunk({ tool_calls: [{ index: 0, function: { arguments: CUT } }] });
const WITHHELD = `Tool call 0 (id call_7, function write_file) was cut after ${BYTES} bytes of arguments: the upstream failed inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself.`;
const FINISH_ERROR = 'The upstream ended choice 0 with finish_reason "error" and no error object: the answer did not complete';
/** OpenRouter's mid-stream error: an error object beside a choice finished with "error". */
const ERROR_EVENT = JSON.stringify({ id: 'gen-test-1', error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Test' } }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] });
const BARE_ERROR_EVENT = JSON.stringify({ error: { message: 'Upstream overloaded.' } });
const REJECT = { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'repair' };
/** Every case here is an upstream failure: the breaker must not open between them. */
const BREAKER = { failures: 100, windowMs: 60_000, cooldownMs: 30_000, failedRate: null };
const BODY = { model: 'test/model', messages: [{ role: 'user', content: 'write it' }] };

async function post(d: Daemon, path: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await request(`http://127.0.0.1:${d.info.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any', ...headers }, body: JSON.stringify(body) });
  return { r, text: await r.body.text() };
}

async function artifact(d: Daemon, id: string) {
  return (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; truncatedToolCalls?: unknown; errors: { message: string; code?: string; status?: number }[] };
}

describe('gateway: reject, a tool call cut by an upstream failure: the client learns the failure and the withheld call (chat)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', breaker: BREAKER });

  it('an error event with code 502 and finish_reason "error": the upstream\'s error object, its message naming the call, truncated_tool_calls', async () => {
    up.enqueue({ chunks: [sse(START, PIECE, ERROR_EVENT, '[DONE]')] });
    const { r, text } = await post(d, '/v1/chat/completions', { ...BODY, stream: true }, REJECT);
    const error = { error: { code: 502, message: `Provider returned error. ${WITHHELD}`, metadata: { provider_name: 'Test' }, truncated_tool_calls: CALLS } };
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify(error)}\n\ndata: [DONE]\n\n`);
    assert.deepEqual([r.trailers['x-streamfix-status'], r.trailers['x-streamfix-truncated-tool-calls']], ['UPSTREAM_ERROR', '0']);
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    assert.deepEqual([a.status, a.truncatedToolCalls, a.errors], ['UPSTREAM_ERROR', [0], [{ message: 'Provider returned error', code: '502' }, { message: `Tool call 0 (id call_7, function write_file) was cut after ${BYTES} bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.`, code: 'truncated_tool_call' }]]);
  });

  it('an error event with neither code nor finish_reason: its message (trailing period once), the call named', async () => {
    up.enqueue({ chunks: [sse(START, PIECE, BARE_ERROR_EVENT)] });
    const { text } = await post(d, '/v1/chat/completions', { ...BODY, stream: true }, REJECT);
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify({ error: { message: `Upstream overloaded. ${WITHHELD}`, truncated_tool_calls: CALLS } })}\n\ndata: [DONE]\n\n`);
  });

  it('finish_reason "error" and no error object: the gateway says so, code finish_reason_error', async () => {
    up.enqueue({ chunks: [sse(START, PIECE, chunk({}, 'error'), '[DONE]')] });
    const { text } = await post(d, '/v1/chat/completions', { ...BODY, stream: true }, REJECT);
    const error = { error: { message: `${FINISH_ERROR}. ${WITHHELD}`, type: 'upstream_error', code: 'finish_reason_error', truncated_tool_calls: CALLS } };
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify(error)}\n\ndata: [DONE]\n\n`);
  });

  it('the connection lost inside the arguments: "Upstream stream failed: …", code upstream_error, the call named', async () => {
    up.enqueue({ chunks: [sse(START, PIECE)], destroyAfter: true });
    const { r, text } = await post(d, '/v1/chat/completions', { ...BODY, stream: true }, REJECT);
    const a = await artifact(d, String(r.headers['x-streamfix-request-id']));
    // the lost connection's own words are undici's (the artifact's first error)
    const cause = a.errors[0]!.message;
    assert.equal(cause.startsWith('Upstream stream failed: '), true);
    const error = { error: { message: `${cause.replace(/[\s.]+$/, '')}. ${WITHHELD}`, type: 'upstream_error', code: 'upstream_error', truncated_tool_calls: CALLS } };
    assert.equal(text, `data: ${START}\n\ndata: ${PIECE}\n\ndata: ${JSON.stringify(error)}\n\ndata: [DONE]\n\n`);
  });

  it('not streaming, finish_reason "error": 502 with the failure first, no x-should-retry: false', async () => {
    const completion = JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'write_file', arguments: CUT } }] }, finish_reason: 'error' }] });
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion] });
    const { r, text } = await post(d, '/v1/chat/completions', BODY, REJECT);
    assert.deepEqual([r.statusCode, r.headers['x-should-retry'], r.headers['x-streamfix-truncated-tool-calls']], [502, undefined, '0']);
    assert.deepEqual(JSON.parse(text), { error: { message: `${FINISH_ERROR}. ${WITHHELD}`, type: 'upstream_error', code: 'finish_reason_error', truncated_tool_calls: CALLS } });
  });

  it('the openai SDK raises the upstream\'s error, code 502, the call in its message and in error.truncated_tool_calls', async () => {
    const client = new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', defaultHeaders: REJECT, maxRetries: 0 });
    up.enqueue({ chunks: [sse(START, PIECE, ERROR_EVENT, '[DONE]')] });
    const stream = await client.chat.completions.create({ ...BODY, messages: [{ role: 'user', content: 'write it' }], stream: true });
    const seen: unknown[] = [];
    let caught: unknown = null;
    try {
      for await (const c of stream) seen.push(c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments);
    } catch (e) {
      caught = e;
    }
    assert.equal(caught instanceof OpenAI.APIError, true);
    const e = caught as InstanceType<typeof OpenAI.APIError>;
    assert.deepEqual([seen, e.message, e.code, e.error], [['', CUT], `Provider returned error. ${WITHHELD}`, 502, { code: 502, message: `Provider returned error. ${WITHHELD}`, metadata: { provider_name: 'Test' }, truncated_tool_calls: CALLS }]);
  });
});

describe('gateway: reject, a tool call cut by an upstream failure (Messages)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', breaker: BREAKER });
  const MSG = { model: 'x/model', max_tokens: 40, stream: true, messages: [{ role: 'user', content: 'write it' }] };

  // a code 502 is Anthropic's overloaded_error (errors.ts errorType), as before
  for (const [name, end, cause, type] of [
    ['an error event with code 502', ERROR_EVENT, 'Provider returned error', 'overloaded_error'],
    ['finish_reason "error" and no error object', chunk({}, 'error'), 'the upstream ended the answer with finish_reason "error" and no error object', 'api_error'],
  ] as const) {
    it(`${name}: the tool_use block as far as it came, then the upstream's error naming the call`, async () => {
      up.enqueue({ chunks: [sse(START, PIECE, end, '[DONE]')] });
      const { text } = await post(d, '/v1/messages', MSG, { 'x-streamfix-truncated-tools': 'reject' });
      const data = parseSse(text).data.map((s) => JSON.parse(s) as Record<string, unknown>);
      assert.deepEqual(data.slice(1), [
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'call_7', name: 'write_file', input: {} } },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: CUT } },
        { type: 'error', error: { type, message: `Upstream stream failed: ${cause}. ${WITHHELD}`, truncated_tool_calls: CALLS } },
      ]);
    });
  }

  it('not streaming: the error body as the stream\'s error event, the list included (before, the list was dropped: the message alone)', async () => {
    up.enqueue({ chunks: [sse(START, PIECE, ERROR_EVENT, '[DONE]')] });
    const { r, text } = await post(d, '/v1/messages', { ...MSG, stream: false }, { 'x-streamfix-truncated-tools': 'reject' });
    const id = String(r.headers['request-id']);
    assert.deepEqual([r.statusCode, r.headers['x-should-retry'], JSON.parse(text)], [529, undefined, { type: 'error', error: { type: 'overloaded_error', message: `Upstream stream failed: Provider returned error. ${WITHHELD}`, truncated_tool_calls: CALLS }, request_id: id }]);
  });

  it('close: the same error event names nothing (the policy did not ask)', async () => {
    up.enqueue({ chunks: [sse(START, PIECE, ERROR_EVENT, '[DONE]')] });
    const { text } = await post(d, '/v1/messages', MSG, { 'x-streamfix-truncated-tools': 'close' });
    const data = parseSse(text).data.map((s) => JSON.parse(s) as Record<string, unknown>);
    assert.deepEqual(data.at(-1), { type: 'error', error: { type: 'overloaded_error', message: 'Upstream stream failed: Provider returned error' } });
  });

  it('the Anthropic SDK raises it with the list in its error', async () => {
    const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', defaultHeaders: { 'x-streamfix-truncated-tools': 'reject' }, maxRetries: 0 });
    up.enqueue({ chunks: [sse(START, PIECE, ERROR_EVENT, '[DONE]')] });
    const stream = await client.messages.create({ ...MSG, messages: [{ role: 'user', content: 'write it' }], stream: true });
    let caught: unknown = null;
    try {
      for await (const _ of stream) void _;
    } catch (e) {
      caught = e;
    }
    assert.equal(caught instanceof Anthropic.APIError, true);
    const e = caught as InstanceType<typeof Anthropic.APIError>;
    const body = { type: 'error', error: { type: 'overloaded_error', message: `Upstream stream failed: Provider returned error. ${WITHHELD}`, truncated_tool_calls: CALLS } };
    assert.deepEqual([e.message, e.error], [JSON.stringify(body), body]);
  });
});
