/**
 * Streamed structured output under `x-streamfix-schema: coerce` through the gateway, with real clients:
 * the openai SDK sees the content coerced as it streams, the Vercel AI SDK's streamObject (zod) still gets
 * several partial objects and a final object that matches its schema; and the same answer streamed and
 * not streamed gives the same content, artifact repairs, status and schema verdict.
 */
import { strict as assert } from 'node:assert';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamObject } from 'ai';
import OpenAI from 'openai';
import { request } from 'undici';
import { z } from 'zod';
import type { Artifact } from '../../../shared/protocol';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' }, admin: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['name', 'age', 'admin', 'tags'],
  additionalProperties: false,
};
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } } };
const COERCE = { 'x-streamfix-schema': 'coerce' };
/** A model's answer, one piece per delta: `"36"`, `"true"` and `"math"` where the schema wants 36, true, ["math"]. */
const PIECES = ['{"name": "A', 'da", "ag', 'e": "3', '6", "admin": "tr', 'ue", "tags": "ma', 'th"}'];
const COERCED = '{"name": "Ada", "age": 36, "admin": true, "tags": ["math"]}';

function streamBody(pieces: string[]): string {
  return sse(chunk({ role: 'assistant', content: '' }), ...pieces.map((p) => chunk({ content: p })), chunk({}, 'stop'), '[DONE]');
}

describe('gateway coerce: streamed structured output with real clients', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  it('the openai SDK gets the content coerced as it streams, each piece as soon as it is decided', async () => {
    up.enqueue({ chunks: [streamBody(PIECES)] });
    const client = new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0, defaultHeaders: COERCE });
    const stream = await client.chat.completions.create({ ...(REQ as object), model: 'test/model', messages: [{ role: 'user', content: 'hi' }], stream: true } as OpenAI.ChatCompletionCreateParamsStreaming);
    const deltas: string[] = [];
    for await (const c of stream) {
      const t = c.choices[0]?.delta?.content;
      if (t) deltas.push(t);
    }
    assert.equal(deltas.join(''), COERCED);
    // only the values being coerced wait ("3" + "6" goes out as 36 once its string closed; the engine
    // holds a key until its colon)
    assert.deepEqual(deltas, ['{"name": "A', 'da"', ', "age": ', '36, "admin": ', 'true, "tags": ', '["math"]}']);
  });

  it('streamObject sees several partial objects and a final object with age 36, admin true, tags ["math"]', async () => {
    up.enqueue({ chunks: [streamBody(PIECES)] });
    const provider = createOpenAICompatible({ name: 'streamfix', baseURL: d.info.url, apiKey: 'placeholder', headers: COERCE, supportsStructuredOutputs: true });
    const result = streamObject({ model: provider.chatModel('test/model'), schema: z.object({ name: z.string(), age: z.number().int(), admin: z.boolean(), tags: z.array(z.string()) }), prompt: 'hi' });
    const partials: unknown[] = [];
    for await (const p of result.partialObjectStream) partials.push(p);
    assert.deepEqual(partials, [{ name: 'A' }, { name: 'Ada' }, { name: 'Ada', age: 36 }, { name: 'Ada', age: 36, admin: true }, { name: 'Ada', age: 36, admin: true, tags: ['math'] }]);
    assert.deepEqual(await result.object, { name: 'Ada', age: 36, admin: true, tags: ['math'] });
    // the request asked for the schema (json_schema), which is what the gateway coerces to
    const sent = JSON.parse(up.requests[up.requests.length - 1]!.body) as { response_format: { type: string } };
    assert.equal(sent.response_format.type, 'json_schema');
  });

  it('without coerce streamObject fails on the same answer: the final object does not match its schema', async () => {
    up.enqueue({ chunks: [streamBody(PIECES)] });
    const provider = createOpenAICompatible({ name: 'streamfix', baseURL: d.info.url, apiKey: 'placeholder', supportsStructuredOutputs: true });
    const result = streamObject({ model: provider.chatModel('test/model'), schema: z.object({ name: z.string(), age: z.number().int(), admin: z.boolean(), tags: z.array(z.string()) }), prompt: 'hi' });
    for await (const _ of result.partialObjectStream) void _;
    await assert.rejects(result.object, (e: Error) => e.name === 'AI_NoObjectGeneratedError');
  });

  it('streamed and not: the same content, artifact repairs, status and schema verdict', async () => {
    const answer = "Sure:\n```json\n{name: 'Ada', \"age\": \"36\", \"admin\": 'true', \"tags\": \"math\",}\n```";
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }] })] });
    const res = await postChat(d, REQ, COERCE);
    const whole = ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
    const one: Artifact = await artifactOf(d, res);

    up.enqueue({ chunks: [streamBody(answer.match(/[^]{1,5}/g)!)] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...COERCE }, body: JSON.stringify({ ...REQ, stream: true }) });
    const streamed = collect(await r.body.text()).content;
    const two = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as Artifact;

    // 'true' was rewritten by the engine (single quotes): reported, not coerced, both ways
    assert.equal(whole, '{"name": "Ada", "age": 36, "admin": "true", "tags": ["math"]}');
    assert.equal(streamed, whole);
    assert.deepEqual(two.repairs, one.repairs);
    assert.deepEqual(
      one.repairs.filter((x) => x.kind === 'schema_coercion').map((x) => [x.offset, x.length, x.replacement]),
      [
        [35, 4, '36'],
        [66, 6, '["math"]'],
      ],
    );
    assert.equal(r.trailers['x-streamfix-status'], res.headers.get('x-streamfix-status'));
    assert.equal(r.trailers['x-streamfix-schema'], res.headers.get('x-streamfix-schema'));
    assert.deepEqual([two.status, two.schema], [one.status, one.schema]);
    assert.deepEqual(one.schema, { valid: false, errors: [{ path: '/admin', message: 'must be boolean' }] });
    assert.equal(one.status, 'REPAIRED');
  });
});
