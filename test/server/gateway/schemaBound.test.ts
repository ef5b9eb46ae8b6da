/**
 * A schema check can neither block the gateway nor exhaust its memory (issue 10 §4). A check whose
 * patterns would run on long strings moves off the event loop to the schema thread, where it is stopped
 * at a deadline (time) and runs in its own RE2 heap and a limited JS heap (memory); a bound hit is
 * `error` naming the bound, counted as other errors, never a verdict. Through the daemon: the adversarial
 * pattern `^.*x.{50}$` against 200,000 characters (~11 s of CPU a match at load 13 when run, here stopped
 * at the 1 s deadline) while another stream is served; a long string with a normal pattern keeps its
 * verdict; the next check after a stop runs on a new thread.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { SCHEMA_CHECK_DEADLINE_MS } from '../../../server/gateway/schemaWorker';
import type { Artifact } from '../../../shared/protocol';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const FAILURES = 'streamfix_schema_failures_total{model="test/model"}';
const ERRORS = 'streamfix_schema_errors_total{model="test/model"}';
/** 200,000 characters of x, y and z in a fixed pseudo-random order (a period would let RE2's DFA cache
 * every state), with no x 51 from the end: `^.*x.{50}$` does not match. */
const LONG = (() => {
  let seed = 12345;
  const c: string[] = [];
  for (let i = 0; i < 200_000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    c.push('xyz'[seed % 3]!);
  }
  c[200_000 - 51] = 'y';
  return c.join('');
})();
const STOPPED = `the schema check stopped after ${SCHEMA_CHECK_DEADLINE_MS} ms (its time bound): its patterns had not finished on ${(LONG.length + 9).toLocaleString('en-US')} characters`;

function schemaRequest(pattern: string, extra: Record<string, unknown> = {}) {
  const schema = { type: 'object', properties: { s: { type: 'string', pattern }, n: { type: 'integer' } }, required: ['s'] };
  return { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 's', schema } }, ...extra };
}

function completion(content: string): string {
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
}

describe('gateway: a schema check is bounded in time and memory off the event loop', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test' });

  async function nonStreaming(body: unknown, content: string, headers: Record<string, string> = {}) {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(content)] });
    const res = await postChat(d, body, headers);
    const json = (await res.json()) as { choices: { message: { content: string } }[] };
    return { res, content: json.choices[0]!.message.content, artifact: await artifactOf(d, res) };
  }

  it('streaming: the adversarial pattern is stopped at the deadline (error, the trailer, the metric) while another stream is served', async () => {
    const [failures, errors] = [await metric(d, FAILURES), await metric(d, ERRORS)];
    const content = `{"s": "${LONG}"}`;
    up.enqueue({ chunks: [sse(chunk({ content }), chunk({}, 'stop'), '[DONE]')] });
    const a = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(schemaRequest('^.*x.{50}$', { stream: true })) });
    // the finish chunk goes out before the check at the end, [DONE] and the trailers after it
    const body = a.body[Symbol.asyncIterator]();
    let text = '';
    while (!text.includes('"finish_reason":"stop"')) {
      const { value, done } = await body.next();
      assert.equal(done, false, 'the stream ended before its finish chunk');
      text += Buffer.from(value as Uint8Array).toString();
    }
    let aEnded = false;
    const rest = (async () => {
      for (let r = await body.next(); !r.done; r = await body.next()) text += Buffer.from(r.value as Uint8Array).toString();
      aEnded = true;
    })();

    up.enqueue({ chunks: [sse(chunk({ content: '{"ok": true}' }), chunk({}, 'stop'), '[DONE]')] });
    const b = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'test/model', messages: [{ role: 'user', content: 'hi' }], stream: true }) });
    assert.equal(collect(await b.body.text()).content, '{"ok": true}');
    assert.equal(aEnded, false, 'the other stream was served while the check ran');

    await rest;
    const out = collect(text);
    assert.equal(out.content, content);
    assert.equal(out.done, true);
    assert.equal(a.trailers['x-streamfix-schema'], 'error');
    assert.equal(a.trailers['x-streamfix-status'], 'VALID');
    const artifact = (await (await fetch(`${d.info.url}/streamfix/result/${String(a.headers['x-streamfix-request-id'])}`)).json()) as Artifact;
    assert.deepEqual(artifact.schema, { valid: null, error: STOPPED, errors: [] });
    assert.deepEqual([await metric(d, FAILURES), await metric(d, ERRORS)], [failures, errors + 1]);
  });

  it('non-streaming with coerce: the header says error, nothing is coerced; the next long check runs on a new thread and keeps its verdicts', async () => {
    const [failures, errors] = [await metric(d, FAILURES), await metric(d, ERRORS)];
    const stopped = await nonStreaming(schemaRequest('^.*x.{50}$'), `{"s": "${LONG}", "n": "4"}`, { 'x-streamfix-schema': 'coerce' });
    assert.equal(stopped.res.headers.get('x-streamfix-schema'), 'error');
    assert.equal(stopped.content, `{"s": "${LONG}", "n": "4"}`);
    // the check ran on the coerced text ("4" -> 4: the coercions are decided from the schema before it),
    // which goes out only with a verdict
    assert.deepEqual(stopped.artifact.schema, { valid: null, error: STOPPED.replace((LONG.length + 9).toLocaleString('en-US'), (LONG.length + 17).toLocaleString('en-US')), errors: [] });
    assert.deepEqual(stopped.artifact.repairs, []);
    assert.deepEqual([await metric(d, FAILURES), await metric(d, ERRORS)], [failures, errors + 1]);

    // a normal pattern on the same 200,000 characters: over the event loop's budget, checked on the thread
    const valid = await nonStreaming(schemaRequest('^[xyz]+$'), `{"s": "${LONG}", "n": "4"}`, { 'x-streamfix-schema': 'coerce' });
    assert.equal(valid.res.headers.get('x-streamfix-schema'), 'valid');
    assert.equal(valid.content, `{"s": "${LONG}", "n": 4}`);
    assert.deepEqual(valid.artifact.schema, { valid: true, errors: [] });
    assert.deepEqual(
      valid.artifact.repairs.map((r) => [r.kind, r.offset, r.length, r.replacement]),
      [['schema_coercion', LONG.length + 15, 3, '4']],
    );
    const invalid = await nonStreaming(schemaRequest('^[xy]+$'), `{"s": "${LONG}"}`);
    assert.equal(invalid.res.headers.get('x-streamfix-schema'), 'invalid');
    assert.deepEqual(invalid.artifact.schema, { valid: false, errors: [{ path: '/s', message: 'must match pattern "^[xy]+$"' }] });
    assert.deepEqual([await metric(d, FAILURES), await metric(d, ERRORS)], [failures + 1, errors + 1]);
  });
});
