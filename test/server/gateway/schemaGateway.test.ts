/**
 * JSON Schema validation through the gateway against a scripted upstream: the header (non-streaming) or
 * trailer (streaming), the artifact's `schema`, the failure metric, coercion of answers streamed or not,
 * tool-call arguments, and a bad schema refused before anything goes upstream.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['name', 'age'],
};
const WEATHER = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] };
const JSON_REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } } };
const TOOL_REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'weather', parameters: WEATHER } }] };

function completion(message: Record<string, unknown>, finish = 'stop'): string {
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }] });
}

const FAILURES = 'streamfix_schema_failures_total{model="test/model"}';

describe('gateway: JSON Schema validation', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function nonStreaming(body: unknown, message: Record<string, unknown>, headers: Record<string, string> = {}) {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(message)] });
    const res = await postChat(d, body, headers);
    const json = (await res.json()) as { choices: { message: { content: string | null; tool_calls?: { function: { arguments: string } }[] } }[] };
    return { res, message: json.choices[0]!.message, artifact: await artifactOf(d, res) };
  }

  it('says valid in the header and the artifact when the repaired content matches', async () => {
    const { res, message, artifact } = await nonStreaming(JSON_REQ, { content: "{'name': 'Ada', 'age': 36,}" });
    assert.equal(res.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(res.headers.get('x-streamfix-status'), 'REPAIRED');
    assert.equal(message.content, '{"name": "Ada", "age": 36}');
    assert.deepEqual(artifact.schema, { valid: true, errors: [] });
  });

  it('reports an answer that does not match, unchanged, and counts it', async () => {
    const before = await metric(d, FAILURES);
    const { res, message, artifact } = await nonStreaming(JSON_REQ, { content: '{"name": "Ada", "age": "36"}' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'invalid');
    assert.equal(res.headers.get('x-streamfix-status'), 'VALID');
    assert.equal(message.content, '{"name": "Ada", "age": "36"}');
    assert.deepEqual(artifact.schema, { valid: false, errors: [{ path: '/age', message: 'must be integer' }] });
    assert.equal(await metric(d, FAILURES), before + 1);
  });

  it('coerces a non-streaming answer with x-streamfix-schema: coerce, as repairs with positions', async () => {
    const { res, message, artifact } = await nonStreaming(JSON_REQ, { content: '{"name": "Ada", "age": "36", "tags": "math"}' }, { 'x-streamfix-schema': 'coerce' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(res.headers.get('x-streamfix-status'), 'REPAIRED');
    assert.equal(message.content, '{"name": "Ada", "age": 36, "tags": ["math"]}');
    assert.equal(artifact.repairedContent, message.content);
    assert.deepEqual(
      artifact.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement, r.message]),
      [
        ['schema_coercion', 23, 4, '36', 'Value coerced to the type the schema asks for'],
        ['schema_coercion', 37, 6, '["math"]', 'Value coerced to the type the schema asks for'],
      ],
    );
    assert.deepEqual(artifact.schema, { valid: true, errors: [] });
  });

  it('checks the formats ajv-formats knows (date-time, email, uuid, …); a format it does not know is not checked', async () => {
    const EVENT = {
      type: 'object',
      properties: { when: { type: 'string', format: 'date-time' }, mail: { type: 'string', format: 'email' }, id: { type: 'string', format: 'uuid' }, phone: { type: 'string', format: 'phone-number' } },
    };
    const req = { ...JSON_REQ, response_format: { type: 'json_schema', json_schema: { name: 'event', schema: EVENT } } };
    const good = await nonStreaming(req, { content: '{"when": "2026-11-30T06:00:00Z", "mail": "ada@example.com", "id": "123e4567-e89b-12d3-a456-426614174000", "phone": "?"}' });
    assert.equal(good.res.headers.get('x-streamfix-schema'), 'valid');
    assert.deepEqual(good.artifact.schema, { valid: true, errors: [] });
    const bad = await nonStreaming(req, { content: '{"when": "yesterday", "mail": "ada at example", "id": "12", "phone": "?"}' }, { 'x-streamfix-schema': 'coerce' });
    assert.equal(bad.res.headers.get('x-streamfix-schema'), 'invalid');
    assert.equal(bad.message.content, '{"when": "yesterday", "mail": "ada at example", "id": "12", "phone": "?"}');
    assert.deepEqual(bad.artifact.schema, {
      valid: false,
      errors: [
        { path: '/when', message: 'must match format "date-time"' },
        { path: '/mail', message: 'must match format "email"' },
        { path: '/id', message: 'must match format "uuid"' },
      ],
    });
  });

  it('never invents a missing required property', async () => {
    const { res, message, artifact } = await nonStreaming(JSON_REQ, { content: '{"age": "36"}' }, { 'x-streamfix-schema': 'coerce' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'invalid');
    assert.equal(message.content, '{"age": 36}');
    assert.deepEqual(artifact.schema, { valid: false, errors: [{ path: '', message: "must have required property 'name'" }] });
  });

  it('refuses a bad schema with a 400 before anything goes upstream', async () => {
    const n = up.requests.length;
    const bad = { ...JSON_REQ, response_format: { type: 'json_schema', json_schema: { name: 'p', schema: { type: 'object', required: 'name' } } } };
    const res = await postChat(d, bad);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      error: { message: 'response_format.json_schema.schema is not a valid JSON Schema: schema is invalid: data/required must be array', type: 'invalid_request_error', code: 'invalid_schema' },
    });
    assert.equal(up.requests.length, n);
    const header = await postChat(d, JSON_REQ, { 'x-streamfix-schema': 'maybe' });
    assert.equal(header.status, 400);
    assert.equal(((await header.json()) as { error: { message: string } }).error.message, 'Header x-streamfix-schema must be one of report, coerce; got "maybe"');
  });

  async function streaming(body: unknown, events: string[], headers: Record<string, string> = {}) {
    up.enqueue({ chunks: [sse(...events, '[DONE]')] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ ...(body as object), stream: true }) });
    const text = await r.body.text();
    return { r, out: collect(text), id: r.headers['x-streamfix-request-id'] as string };
  }

  async function artifactById(id: string) {
    return (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as import('../../../shared/protocol').Artifact;
  }

  it('streams: the verdict is a trailer, and coerce coerces the content as it streams', async () => {
    const before = await metric(d, FAILURES);
    const events = [chunk({ content: '{"name": "Ada", ' }), chunk({ content: '"age": "36"}' }), chunk({}, 'stop')];
    const reported = await streaming(JSON_REQ, events);
    assert.equal(reported.r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-schema, x-streamfix-artifact');
    assert.equal(reported.out.content, '{"name": "Ada", "age": "36"}');
    assert.equal(reported.r.trailers['x-streamfix-schema'], 'invalid');
    assert.equal(reported.r.trailers['x-streamfix-status'], 'VALID');
    assert.deepEqual((await artifactById(reported.id)).schema, { valid: false, errors: [{ path: '/age', message: 'must be integer' }] });
    assert.equal(await metric(d, FAILURES), before + 1);

    const { r, out, id } = await streaming(JSON_REQ, events, { 'x-streamfix-schema': 'coerce' });
    assert.equal(out.content, '{"name": "Ada", "age": 36}');
    assert.equal(r.trailers['x-streamfix-schema'], 'valid');
    assert.equal(r.trailers['x-streamfix-status'], 'REPAIRED');
    const artifact = await artifactById(id);
    assert.deepEqual(artifact.schema, { valid: true, errors: [] });
    assert.equal(artifact.repairedContent, out.content);
    assert.deepEqual(artifact.repairs.map((x) => [x.kind, x.offset, x.length, x.replacement]), [['schema_coercion', 23, 4, '36']]);
    assert.equal(await metric(d, FAILURES), before + 1);

    const ok = await streaming(JSON_REQ, [chunk({ content: "{name: 'Ada', age: 36" }), chunk({}, 'length')]);
    assert.equal(ok.out.content, '{"name": "Ada", "age": 36}');
    assert.equal(ok.r.trailers['x-streamfix-schema'], 'valid');
    assert.equal(ok.r.trailers['x-streamfix-status'], 'TRUNCATED');
  });

  it('a catastrophic pattern (^(a+)+$, a 40-character answer) is checked at once, streaming and not: invalid with ajv\'s error', async () => {
    const req = { ...JSON_REQ, response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } } } } };
    const answer = JSON.stringify({ a: 'a'.repeat(39) + '!' });
    const errors = [{ path: '/a', message: 'must match pattern "^(a+)+$"' }];
    const { res, message, artifact } = await nonStreaming(req, { content: answer });
    assert.equal(res.headers.get('x-streamfix-schema'), 'invalid');
    assert.equal(message.content, answer);
    assert.deepEqual(artifact.schema, { valid: false, errors });
    const { r, out, id } = await streaming(req, [chunk({ content: answer.slice(0, 20) }), chunk({ content: answer.slice(20) }), chunk({}, 'stop')]);
    assert.equal(out.content, answer);
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
    assert.deepEqual((await artifactById(id)).schema, { valid: false, errors });
  });

  it('a pattern with \\p{L} and . means what it means with the u flag: one emoji is one character', async () => {
    const req = { ...JSON_REQ, response_format: { type: 'json_schema', json_schema: { name: 'e', schema: { type: 'object', properties: { e: { type: 'string', pattern: '^.$' }, w: { type: 'string', pattern: '^\\p{L}+$' } } } } } };
    const ok = await nonStreaming(req, { content: '{"e": "😀", "w": "日本語"}' });
    assert.equal(ok.res.headers.get('x-streamfix-schema'), 'valid');
    const bad = await nonStreaming(req, { content: '{"e": "😀😀", "w": "a1"}' });
    assert.deepEqual(bad.artifact.schema, { valid: false, errors: [{ path: '/e', message: 'must match pattern "^.$"' }, { path: '/w', message: 'must match pattern "^\\p{L}+$"' }] });
  });

  it('a pattern RE2 cannot run in linear time (a backreference) is a 400 naming it, before anything goes upstream', async () => {
    const n = up.requests.length;
    const req = { ...JSON_REQ, response_format: { type: 'json_schema', json_schema: { name: 'b', schema: { type: 'string', pattern: '^(a)\\1$' } } } };
    const res = await postChat(d, req);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      error: {
        message: 'response_format.json_schema.schema is not a valid JSON Schema: pattern "^(a)\\1$" cannot be checked in linear time (invalid escape sequence: \\1); backreferences, lookahead, lookbehind and repeat counts over 1000 are not supported',
        type: 'invalid_request_error',
        code: 'invalid_schema',
      },
    });
    assert.equal(up.requests.length, n);
  });

  it('declares only the status trailer when the request names no schema', async () => {
    const { r, out } = await streaming({ model: 'test/model', messages: [{ role: 'user', content: 'hi' }] }, [chunk({ content: '{"a": 1}' }), chunk({}, 'stop')], { 'x-streamfix-mode': 'repair' });
    assert.equal(out.content, '{"a": 1}');
    assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact');
    assert.equal(r.trailers['x-streamfix-schema'], undefined);
  });

  it('checks and coerces non-streaming tool-call arguments against their tool parameters', async () => {
    const calls = [
      { id: 'c0', type: 'function', function: { name: 'weather', arguments: "{city: 'Paris', days: \"3\"}" } },
      { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"days": 2}' } },
      { id: 'c2', type: 'function', function: { name: 'stocks', arguments: '{}' } },
    ];
    const { res, message, artifact } = await nonStreaming(TOOL_REQ, { content: null, tool_calls: calls }, { 'x-streamfix-schema': 'coerce', 'x-streamfix-mode': 'repair' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'invalid');
    assert.deepEqual(
      message.tool_calls!.map((t) => t.function.arguments),
      ['{"city": "Paris", "days": 3}', '{"days": 2}', '{}'],
    );
    assert.deepEqual(artifact.toolCalls[0]!.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]), [
      ['unquoted_key', 1, 4, '"city"'],
      ['single_quotes', 7, 1, '"'],
      ['single_quotes', 13, 1, '"'],
      ['unquoted_key', 16, 4, '"days"'],
      ['schema_coercion', 22, 3, '3'],
    ]);
    assert.equal(artifact.toolCalls[0]!.repairedArguments, '{"city": "Paris", "days": 3}');
    assert.deepEqual(artifact.schema, {
      valid: false,
      errors: [
        { path: '', message: "must have required property 'city'", toolCallIndex: 1 },
        { path: '', message: 'calls "stocks", a tool the request does not declare', toolCallIndex: 2 },
      ],
    });
  });

  it('claims no verdict where nothing was checked: passthrough, strip mode content, a tool without parameters', async () => {
    for (const mode of ['passthrough', 'strip']) {
      const { res, artifact } = await nonStreaming(JSON_REQ, { content: '{"age": "x"}' }, { 'x-streamfix-mode': mode });
      assert.equal(res.headers.get('x-streamfix-schema'), null, mode);
      assert.equal(artifact.schema, undefined, mode);
    }
    const req = { ...TOOL_REQ, tools: [...TOOL_REQ.tools, { type: 'function', function: { name: 'now' } }] };
    const calls = [{ id: 'c0', type: 'function', function: { name: 'now', arguments: '{}' } }];
    const { res, artifact } = await nonStreaming(req, { content: null, tool_calls: calls }, { 'x-streamfix-mode': 'repair' });
    assert.equal(res.headers.get('x-streamfix-schema'), null);
    assert.equal(artifact.schema, undefined);
    const { r, id } = await streaming(JSON_REQ, [chunk({ content: '{"age": "x"}' }), chunk({}, 'stop')], { 'x-streamfix-mode': 'passthrough' });
    assert.equal(r.trailers['x-streamfix-schema'], undefined);
    assert.equal((await artifactById(id)).schema, undefined);
  });

  it('reports streamed tool-call arguments by call index', async () => {
    const tc = (index: number, args: string, name?: string) => chunk({ tool_calls: [{ index, ...(name ? { id: `c${index}`, type: 'function' } : {}), function: { ...(name ? { name } : {}), arguments: args } }] });
    const events = [tc(0, '{"city": "Oslo"', 'weather'), tc(1, '{"city": 5}', 'weather'), tc(0, ', "days": 1}'), chunk({}, 'tool_calls')];
    const { r, out, id } = await streaming(TOOL_REQ, events);
    assert.deepEqual([...out.tools.entries()], [[0, '{"city": "Oslo", "days": 1}'], [1, '{"city": 5}']]);
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
    assert.deepEqual((await artifactById(id)).schema, { valid: false, errors: [{ path: '/city', message: 'must be string', toolCallIndex: 1 }] });
  });
});

describe('gateway: JSON Schema validation of every choice (n > 1)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const two = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [a, b].map((m, index) => ({ index, message: { role: 'assistant', ...m }, finish_reason: 'stop' })) });

  it('non-streaming: a second choice that does not match makes the answer invalid, its errors labelled', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [two({ content: '{"name": "Ada", "age": 36}' }, { content: "{'name': 'Bob', 'age': 'old'}" })] });
    const res = await postChat(d, { ...JSON_REQ, n: 2 });
    assert.equal(res.headers.get('x-streamfix-schema'), 'invalid');
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    assert.deepEqual(body.choices.map((c) => c.message.content), ['{"name": "Ada", "age": 36}', '{"name": "Bob", "age": "old"}']);
    assert.deepEqual((await artifactOf(d, res)).schema, { valid: false, errors: [{ path: '/age', message: 'must be integer', choiceIndex: 1 }] });
  });

  it('non-streaming with coerce: the second choice is coerced in the body too', async () => {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [two({ content: '{"name": "Ada", "age": "36"}' }, { content: '{"name": "Bob", "age": "41"}' })] });
    const res = await postChat(d, { ...JSON_REQ, n: 2 }, { 'x-streamfix-schema': 'coerce' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'valid');
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    assert.deepEqual(body.choices.map((c) => c.message.content), ['{"name": "Ada", "age": 36}', '{"name": "Bob", "age": 41}']);
  });

  it('non-streaming with coerce, body.choices listed index 1 then 0: each choice coerced by its index, in the body and the artifact', async () => {
    const choices = [
      { index: 1, message: { role: 'assistant', content: '{"name": "Bob", "age": "41"}' }, finish_reason: 'stop' },
      { index: 0, message: { role: 'assistant', content: '{"name": "Ada", "age": 36}' }, finish_reason: 'stop' },
    ];
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices })] });
    const res = await postChat(d, { ...JSON_REQ, n: 2 }, { 'x-streamfix-schema': 'coerce' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(res.headers.get('x-streamfix-status'), 'REPAIRED');
    const body = (await res.json()) as { choices: { index: number; message: { content: string } }[] };
    assert.deepEqual(body.choices.map((c) => [c.index, c.message.content]), [[1, '{"name": "Bob", "age": 41}'], [0, '{"name": "Ada", "age": 36}']]);
    const a = await artifactOf(d, res);
    assert.equal(a.repairedContent, '{"name": "Ada", "age": 36}');
    assert.deepEqual(a.repairs, []);
    assert.deepEqual(
      a.choices!.map((c) => [c.index, c.status, c.repairedContent, c.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement])]),
      [[1, 'REPAIRED', '{"name": "Bob", "age": 41}', [['schema_coercion', 23, 4, '41']]]],
    );
    assert.deepEqual(a.schema, { valid: true, errors: [] });
  });

  it('non-streaming: a second choice whose tool call does not match its parameters', async () => {
    const call = (args: string) => ({ content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'weather', arguments: args } }] });
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [two(call('{"city": "Bern"}'), call('{"days": 2}'))] });
    const res = await postChat(d, { ...TOOL_REQ, n: 2 });
    assert.equal(res.headers.get('x-streamfix-schema'), 'invalid');
    assert.deepEqual((await artifactOf(d, res)).schema, { valid: false, errors: [{ path: '', message: "must have required property 'city'", toolCallIndex: 0, choiceIndex: 1 }] });
  });

  it('streaming: every choice is checked at the end (the trailer and the artifact)', async () => {
    const ev = (index: number, content: string, finish: string | null = null) => JSON.stringify({ id: 'g', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices: [{ index, delta: { content }, finish_reason: finish }] });
    up.enqueue({ chunks: [sse(ev(0, '{"name": "Ada", '), ev(1, '{"name": "Bob"'), ev(0, '"age": 36}', 'stop'), ev(1, ', "age": true}', 'stop'), '[DONE]')] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...JSON_REQ, n: 2, stream: true }) });
    await r.body.text();
    assert.equal(r.trailers['x-streamfix-schema'], 'invalid');
    const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { schema: unknown };
    assert.deepEqual(a.schema, { valid: false, errors: [{ path: '/age', message: 'must be integer', choiceIndex: 1 }] });
  });
});
