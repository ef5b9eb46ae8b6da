/**
 * /v1/messages: tool inputs are checked against their tool's input_schema, as chat tool-call arguments
 * are against `parameters` (report only): the artifact's `schema`, the x-streamfix-schema trailer
 * (streaming) or header, streamfix_schema_failures_total, the model's schemaFailures. Before, the
 * input_schema was only compiled (a bad one a 400) and `x-streamfix-schema` was ignored there.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { metric } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const TOOLS = [{ name: 'read', input_schema: { type: 'object' as const, properties: { n: { type: 'integer' } }, required: ['n'] } }];

/** One tool call with these arguments, in two pieces. */
function callStream(name: string, args: string, finish = 'tool_calls'): string {
  const half = Math.floor(args.length / 2);
  return sse(
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name, arguments: args.slice(0, half) } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] }),
    chunk({}, finish),
    '[DONE]',
  );
}

interface Art {
  status: string;
  schema?: { valid: boolean | null; errors: { path: string; message: string; toolCallIndex?: number }[] };
}

describe('messages: tool inputs against their input_schema', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const client = (headers: Record<string, string> = {}) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: headers });

  /** The model's schema failures in /v1/streamfix/models. */
  async function schemaFailures(): Promise<number> {
    const list = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; schemaFailures: number }[] };
    return list.data.find((m) => m.model === 'test/schema')?.schemaFailures ?? 0;
  }

  async function messages(stream: boolean, name: string, args: string): Promise<{ verdict: unknown; status: unknown; art: Art }> {
    up.enqueue({ chunks: [callStream(name, args)] });
    const r = await request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/schema', max_tokens: 100, stream, tools: TOOLS, messages: [{ role: 'user', content: 'go' }] }),
    });
    await r.body.text();
    const where = stream ? r.trailers : r.headers;
    const art = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as Art;
    if (stream) assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-schema, x-streamfix-artifact');
    return { verdict: where['x-streamfix-schema'], status: where['x-streamfix-status'], art };
  }

  for (const stream of [true, false]) {
    const how = stream ? 'streaming' : 'not streaming';
    it(`${how}: an input the schema refuses is invalid (trailer or header, artifact, metric, model health)`, async () => {
      const before = await metric(d, 'streamfix_schema_failures_total{model="test/schema"}');
      const healthBefore = await schemaFailures();
      const { verdict, status, art } = await messages(stream, 'read', "{'n': '5',}");
      assert.equal(verdict, 'invalid');
      assert.equal(status, 'REPAIRED');
      assert.deepEqual(art.schema, { valid: false, errors: [{ path: '/n', message: 'must be integer', toolCallIndex: 0 }] });
      assert.equal(await metric(d, 'streamfix_schema_failures_total{model="test/schema"}'), before + 1);
      assert.equal(await schemaFailures(), healthBefore + 1);
    });

    it(`${how}: a valid input is valid; a call to an undeclared tool is invalid`, async () => {
      const ok = await messages(stream, 'read', '{"n": 5}');
      assert.equal(ok.verdict, 'valid');
      assert.deepEqual(ok.art.schema, { valid: true, errors: [] });
      const other = await messages(stream, 'write', '{"n": 5}');
      assert.equal(other.verdict, 'invalid');
      assert.deepEqual(other.art.schema, { valid: false, errors: [{ path: '', message: 'calls "write", a tool the request does not declare', toolCallIndex: 0 }] });
    });
  }

  it('not streaming, coerce: the Anthropic SDK gets the coerced input; the coercion is a schema_coercion repair with its position, counted', async () => {
    up.enqueue({ chunks: [callStream('read', '{"n": "5",}')] });
    const before = await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/schema"}');
    const { data, response } = await client({ 'x-streamfix-schema': 'coerce' })
      .messages.create({ model: 'test/schema', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user', content: 'go' }] })
      .withResponse();
    assert.deepEqual(data.content, [{ type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } }]);
    assert.equal(response.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(response.headers.get('x-streamfix-status'), 'REPAIRED');
    const art = (await (await fetch(`${d.info.url}/streamfix/result/${String(response.headers.get('x-streamfix-request-id'))}`)).json()) as { toolCalls: { repairedArguments: string; repairs: { kind: string; offset: number; replacement: string }[] }[]; schema: unknown };
    assert.equal(art.toolCalls[0]!.repairedArguments, '{"n": 5}');
    assert.deepEqual(art.toolCalls[0]!.repairs.map((r) => [r.kind, r.offset, r.replacement]), [['schema_coercion', 6, '5'], ['trailing_comma', 9, '']]);
    assert.deepEqual(art.schema, { valid: true, errors: [] });
    assert.equal(await metric(d, 'streamfix_repairs_total{kind="schema_coercion",model="test/schema"}'), before + 1);
  });

  it('streaming, coerce: the input is held and sent coerced (toolCoerceStream.test.ts has the rest)', async () => {
    up.enqueue({ chunks: [callStream('read', '{"n": "5"}')] });
    const s = client({ 'x-streamfix-schema': 'coerce' }).messages.stream({ model: 'test/schema', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user', content: 'go' }] });
    const m = await s.finalMessage();
    assert.deepEqual(m.content, [{ type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } }]);
  });

  it('a bad x-streamfix-schema value is a 400 invalid_request_error naming the choices', async () => {
    await assert.rejects(
      client({ 'x-streamfix-schema': 'bogus' }).messages.create({ model: 'test/schema', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user', content: 'go' }] }),
      (e: InstanceType<typeof Anthropic.BadRequestError>) => {
        assert.equal(e.status, 400);
        assert.deepEqual((e.error as { error: unknown }).error, { type: 'invalid_request_error', message: 'Header x-streamfix-schema must be one of report, coerce; got "bogus"' });
        return true;
      },
    );
  });

  it('no tools: no schema trailer is declared, no verdict', async () => {
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'hi' }), chunk({}, 'stop'), '[DONE]')] });
    const r = await request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/schema', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'go' }] }),
    });
    await r.body.text();
    assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact');
    assert.equal(r.trailers['x-streamfix-schema'], undefined);
  });
});
