/**
 * A request nested deeper than the gateway reads (MAX_REQUEST_DEPTH levels of arrays and objects): a 400
 * in the endpoint's shape, before anything goes upstream. Before, a JSON Schema, a tool's parameters or
 * input_schema, or a tool_use input some thousands of levels deep overflowed the stack of the code that
 * reads them (ajv's compiler, the token estimate, the translation): a 500 "Internal gateway error:
 * Maximum call stack size exceeded", which the SDKs retry as a server fault. A request as deep as the
 * limit goes through. (The SDKs cannot serialize a request thousands of levels deep themselves; curl and
 * any raw HTTP client can: those are sent as text here.)
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import { MAX_REQUEST_DEPTH } from '../../../server/gateway/chatRequest';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

/** An object `levels` deep: {"a": {"a": … 1 …}}. */
const nested = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};
/** The same as JSON text, built without recursion. */
const deepText = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const MESSAGE = `Request body nests arrays and objects deeper than ${MAX_REQUEST_DEPTH} levels`;
const ANSWER = () => ({ chunks: [sse(chunk({ role: 'assistant', content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]')] });

describe('gateway: requests nested deeper than the gateway reads', () => {
  const { up, d } = useTestGateway();
  const post = (path: string, body: string) => request(`${d.info.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const openai = () => new OpenAI({ baseURL: d.info.url, apiKey: 'unused', maxRetries: 0 });
  const anthropic = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });

  it('chat: a json_schema 5000 levels deep (curl can send it; the SDKs cannot serialize it) is a 400 invalid_request_error naming the limit; nothing goes upstream', async () => {
    const before = up.requests.length;
    const r = await post('/chat/completions', `{"model":"test/model","stream":true,"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"deep","schema":${deepText(5000)}}}}`);
    assert.equal(r.statusCode, 400);
    assert.deepEqual(await r.body.json(), { error: { message: MESSAGE, type: 'invalid_request_error', code: 'invalid_request' } });
    assert.equal(up.requests.length, before);
  });

  it("chat: a tool's parameters one level past the limit are refused; at the limit the request goes through", async () => {
    // body > messages/tools array > tool > function > parameters: 4 levels above the parameters' own
    const tools = (levels: number) => [{ type: 'function' as const, function: { name: 'f', parameters: nested(levels - 4) as Record<string, unknown> } }];
    const e = await openai().chat.completions.create({ model: 'test/model', messages: [{ role: 'user', content: 'hi' }], tools: tools(MAX_REQUEST_DEPTH + 1) }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof OpenAI.BadRequestError, String(e));
    up.enqueue(ANSWER());
    const s = await openai().chat.completions.create({ model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }], tools: tools(MAX_REQUEST_DEPTH) });
    let text = '';
    for await (const c of s) text += c.choices[0]?.delta.content ?? '';
    assert.equal(text, '{"a": 1}');
  });

  const deepTurn = (levels: number) => [
    { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_1', name: 'f', input: nested(levels) }] },
    { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: 'ok' }] },
  ];

  it('messages and count_tokens: a tool_use input 5000 levels deep is a 400 invalid_request_error in the Anthropic shape; nothing goes upstream', async () => {
    const before = up.requests.length;
    const turn = `[{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":${deepText(5000)}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]`;
    for (const [path, body] of [['/messages', `{"model":"test/model","max_tokens":64,"stream":true,"messages":${turn}}`], ['/messages', `{"model":"test/model","max_tokens":64,"messages":${turn}}`], ['/messages/count_tokens', `{"model":"test/model","messages":${turn}}`]] as const) {
      const r = await post(path, body);
      assert.equal(r.statusCode, 400);
      assert.deepEqual(((await r.body.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: MESSAGE });
    }
    assert.equal(up.requests.length, before);
  });

  it('messages: an input_schema 5000 levels deep is refused too; a tool_use input at the limit goes through (the Anthropic SDK)', async () => {
    const r = await post('/messages', `{"model":"test/model","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"f","input_schema":{"type":"object","properties":{"a":${deepText(5000)}}}}]}`);
    assert.equal(r.statusCode, 400);
    assert.deepEqual(((await r.body.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: MESSAGE });
    // body > messages > message > content > block > input: 5 levels above the input's own
    up.enqueue(ANSWER());
    const m = await anthropic().messages.create({ model: 'test/model', max_tokens: 64, messages: deepTurn(MAX_REQUEST_DEPTH - 5) });
    assert.deepEqual(m.content, [{ type: 'text', text: '{"a": 1}' }]);
  });
});
