/**
 * A schema check that could not run is `error`, not a verdict (issue 10 §4): RE2 dying under the check
 * (the test seam fails the next call into the module as its abort does) gives the artifact
 * `{ valid: null, error, errors: [] }`, `x-streamfix-schema: error` as header or trailer,
 * streamfix_schema_errors_total and not the failures counter, no coercion; the engine is replaced and the
 * next request is checked again. Chat streaming and not, content and tool calls; the Messages API's
 * tool schemas (compiled, not checked against answers) keep compiling after a death and get the size bound.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { re2Engine } from '../../../server/gateway/re2Engine';
import type { Artifact } from '../../../shared/protocol';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const CODE = { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' }, n: { type: 'integer' } }, required: ['code'] };
const JSON_REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'code', schema: CODE } } };
const TOOL_REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'lookup', parameters: CODE } }] };
const FAILURES = 'streamfix_schema_failures_total{model="test/model"}';
const ERRORS = 'streamfix_schema_errors_total{model="test/model"}';
const DIED = 'the pattern engine (RE2) failed, pattern "^[A-Z]{3}$" could not be checked: abort(test: heap exhausted)';

function completion(message: Record<string, unknown>): string {
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }] });
}

describe('gateway: a schema check that could not run is an error, not a verdict', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function nonStreaming(body: unknown, message: Record<string, unknown>, headers: Record<string, string> = {}) {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(message)] });
    const res = await postChat(d, body, headers);
    const json = (await res.json()) as { choices: { message: { content: string | null } }[] };
    return { res, content: json.choices[0]!.message.content, artifact: await artifactOf(d, res) };
  }

  async function streaming(body: unknown, events: string[]) {
    up.enqueue({ chunks: [sse(...events, '[DONE]')] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...(body as object), stream: true }) });
    const out = collect(await r.body.text());
    const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as Artifact;
    return { r, out, artifact: a };
  }

  /** The model's schema failures and breaker state in the local leaderboard (GET /v1/streamfix/models). */
  async function health(): Promise<[number, unknown]> {
    const list = ((await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; schemaFailures: number; circuit: unknown }[] }).data;
    const m = list.find((x) => x.model === 'test/model')!;
    return [m.schemaFailures, m.circuit];
  }

  async function restartWarnings(): Promise<number> {
    const h = (await (await fetch(`http://127.0.0.1:${d.info.port}/health`)).json()) as { warnings: { byKind: Record<string, number> } };
    return h.warnings.byKind.pattern_engine_restarted ?? 0;
  }

  it('non-streaming: header error, artifact { valid: null, error }, the errors metric, no coercion; the next request is checked', async () => {
    // compiled (and checked once) first: the death then happens under the check, not the compile
    const first = await nonStreaming(JSON_REQ, { content: '{"code": "ABC"}' });
    assert.equal(first.res.headers.get('x-streamfix-schema'), 'valid');
    const [failures, errors, warnings, modelHealth] = [await metric(d, FAILURES), await metric(d, ERRORS), await restartWarnings(), await health()];
    re2Engine.failNextCall('test: heap exhausted');
    const { res, content, artifact } = await nonStreaming(JSON_REQ, { content: '{"code": "ABC", "n": "4"}' }, { 'x-streamfix-schema': 'coerce' });
    assert.equal(res.headers.get('x-streamfix-schema'), 'error');
    assert.equal(res.headers.get('x-streamfix-status'), 'VALID');
    assert.equal(content, '{"code": "ABC", "n": "4"}');
    assert.deepEqual(artifact.schema, { valid: null, error: DIED, errors: [] });
    assert.deepEqual(artifact.repairs, []);
    assert.deepEqual([await metric(d, FAILURES), await metric(d, ERRORS), await restartWarnings()], [failures, errors + 1, warnings + 1]);
    // not a schema failure of the model, and its breaker stays closed
    assert.deepEqual(await health(), modelHealth);
    assert.deepEqual(modelHealth[1], { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null, reason: null });

    const next = await nonStreaming(JSON_REQ, { content: '{"code": "abc"}' });
    assert.equal(next.res.headers.get('x-streamfix-schema'), 'invalid');
    assert.deepEqual(next.artifact.schema, { valid: false, errors: [{ path: '/code', message: 'must match pattern "^[A-Z]{3}$"' }] });
    assert.deepEqual([await metric(d, FAILURES), await metric(d, ERRORS)], [failures + 1, errors + 1]);
  });

  it('streaming: trailer error and the same artifact; the next stream is checked', async () => {
    await streaming(JSON_REQ, [chunk({ content: '{"code": "ABC"}' }), chunk({}, 'stop')]);
    const errors = await metric(d, ERRORS);
    re2Engine.failNextCall('test: heap exhausted');
    const { r, out, artifact } = await streaming(JSON_REQ, [chunk({ content: '{"code": ' }), chunk({ content: '"ABC"}' }), chunk({}, 'stop')]);
    assert.equal(out.content, '{"code": "ABC"}');
    assert.equal(r.trailers['x-streamfix-schema'], 'error');
    assert.equal(r.trailers['x-streamfix-status'], 'VALID');
    assert.deepEqual(artifact.schema, { valid: null, error: DIED, errors: [] });
    assert.equal(await metric(d, ERRORS), errors + 1);
    const next = await streaming(JSON_REQ, [chunk({ content: '{"code": "ABC"}' }), chunk({}, 'stop')]);
    assert.equal(next.r.trailers['x-streamfix-schema'], 'valid');
    assert.deepEqual(next.artifact.schema, { valid: true, errors: [] });
  });

  it('tool calls: the call whose check could not run is named; a call that failed its schema keeps the verdict invalid', async () => {
    const call = (i: number, args: string) => ({ index: i, id: `c${i}`, type: 'function', function: { name: 'lookup', arguments: args } });
    await streaming(TOOL_REQ, [chunk({ tool_calls: [call(0, '{"code": "ABC"}')] }), chunk({}, 'tool_calls')]);
    re2Engine.failNextCall('test: heap exhausted');
    const one = await streaming(TOOL_REQ, [chunk({ tool_calls: [call(0, '{"code": "ABC"}')] }), chunk({}, 'tool_calls')]);
    assert.equal(one.r.trailers['x-streamfix-schema'], 'error');
    assert.deepEqual(one.artifact.schema, { valid: null, error: `tool call 0: ${DIED}`, errors: [] });
    // call 0 fails on `required` (no pattern run), call 1's pattern check dies: invalid, and the error kept
    const calls = [call(0, '{"n": 1}'), call(1, '{"code": "ABC"}')].map(({ index: _i, ...c }) => c);
    assert.deepEqual((await nonStreaming(TOOL_REQ, { content: null, tool_calls: calls })).artifact.schema, { valid: false, errors: [{ path: '', message: "must have required property 'code'", toolCallIndex: 0 }] });
    re2Engine.failNextCall('test: heap exhausted');
    const two = await nonStreaming(TOOL_REQ, { content: null, tool_calls: calls });
    assert.equal(two.res.headers.get('x-streamfix-schema'), 'invalid');
    assert.deepEqual(two.artifact.schema, { valid: false, error: `tool call 1: ${DIED}`, errors: [{ path: '', message: "must have required property 'code'", toolCallIndex: 0 }] });
  });
});

describe('Messages API: tool input_schema patterns, the size bound and a death', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test' });

  const messages = (pattern: string) =>
    request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'find', input_schema: { type: 'object', properties: { q: { type: 'string', pattern } } } }] }),
    });

  it('a pattern over the bound is a 400 naming the tool and the pattern; after a death the next schema compiles', async () => {
    const big = await messages('^\\p{L}{100}$');
    assert.equal(big.statusCode, 400);
    assert.deepEqual(((await big.body.json()) as { error: unknown }).error, {
      type: 'invalid_request_error',
      message:
        'tools[0].input_schema (tool "find") is not a valid JSON Schema: pattern "^\\p{L}{100}$" is too large for the pattern engine (its program is estimated at 206,203 units, at most 10,000); a repeat count multiplies the size of what it repeats (. counts 28, \\p{L} 2062): use + or * with minLength / maxLength instead of a large count',
    });
    const restarts = re2Engine.restarts;
    re2Engine.failNextCall('test: heap exhausted');
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'ok' }), chunk({}, 'stop'), '[DONE]')] });
    const ok = await messages('^messages-[0-9]+$');
    assert.equal(ok.statusCode, 200, await ok.body.text());
    assert.equal(re2Engine.restarts, restarts + 1);
  });
});
