/**
 * Anthropic structured outputs on /v1/messages: `output_config.format` (and the older beta's top-level
 * `output_format`) `{type: "json_schema", schema}` goes upstream as the chat request's response_format
 * json_schema; auto mode repairs the text block (as response_format decides repair on the chat endpoint)
 * and the JSON is checked against the schema (artifact `schema`, x-streamfix-schema header or trailer,
 * streamfix_schema_failures_total). Through the Vercel AI SDK's @ai-sdk/anthropic (generateObject,
 * streamObject with a zod schema) and the Anthropic SDK, against an upstream on 127.0.0.1 that sends
 * broken JSON in OpenRouter's stream format. Before, the request was a 400.
 */
import { strict as assert } from 'node:assert';
import { createAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { generateObject, streamObject } from 'ai';
import { request } from 'undici';
import { z } from 'zod';
import { metric } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

/** Broken answers of one value, each in 4-character content pieces, and the status (a fence around
 * valid JSON is taken off, the JSON is VALID). */
const BROKEN: Record<string, [string, string]> = {
  'single quotes and a trailing comma': ["{'name': 'Ada', 'born': 1815,}", 'REPAIRED'],
  'a fence': ['```json\n{"name": "Ada", "born": 1815}\n```', 'VALID'],
  'think tags, then a fence': ["<think>The user wants a person.</think>```json\n{'name': 'Ada', 'born': 1815,}\n```", 'REPAIRED'],
  'prose around it': ['Here it is: {"name": "Ada", born: 1815} Hope that helps.', 'REPAIRED'],
};
const REPAIRED = '{"name": "Ada", "born": 1815}';
const SCHEMA = { type: 'object', properties: { name: { type: 'string' }, born: { type: 'integer' } }, required: ['name', 'born'], additionalProperties: false };

function textStream(text: string): string {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 4) pieces.push(chunk({ content: text.slice(i, i + 4) }));
  return sse(chunk({ role: 'assistant', content: '' }), ...pieces, chunk({}, 'stop'), '[DONE]');
}

interface Art {
  mode: string;
  modeReason: string;
  status: string;
  repairedContent: string;
  schema?: { valid: boolean | null; errors: { path: string; message: string }[] };
}

describe('messages: structured outputs (output_config.format) as response_format, repaired and checked', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const art = async (id: string | null | undefined) => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as Art;
  const schema = z.object({ name: z.string(), born: z.number().int() });
  const lastBody = () => JSON.parse(up.requests[up.requests.length - 1]!.body) as Record<string, unknown>;

  for (const [name, [text, status]] of Object.entries(BROKEN)) {
    it(`@ai-sdk/anthropic generateObject, ${name}: the object exactly; response_format upstream; the artifact valid`, async () => {
      up.enqueue({ chunks: [textStream(text)] });
      const anth = createAnthropic({ baseURL: d.info.url, apiKey: 'placeholder' });
      const r = await generateObject({ model: anth('claude-sonnet-4-5'), schema, prompt: 'a person', maxRetries: 0 });
      assert.deepEqual(r.object, { name: 'Ada', born: 1815 });
      const sent = lastBody();
      const format = (sent.response_format as { json_schema: { schema: unknown } }).json_schema;
      assert.deepEqual(sent.response_format, { type: 'json_schema', json_schema: { name: 'structured_output', strict: true, schema: format.schema } });
      assert.deepEqual((format.schema as { required: string[] }).required, ['name', 'born']);
      const headers = r.response.headers!;
      assert.equal(headers['x-streamfix-schema'], 'valid');
      assert.equal(headers['x-streamfix-status'], status);
      const a = await art(headers['x-streamfix-request-id']);
      assert.equal(a.mode, 'repair');
      assert.equal(a.modeReason, 'auto: output_config.format json_schema');
      assert.equal(a.repairedContent, REPAIRED);
      assert.deepEqual(a.schema, { valid: true, errors: [] });
    });

    it(`@ai-sdk/anthropic streamObject, ${name}: partial objects, then the object exactly`, async () => {
      up.enqueue({ chunks: [textStream(text)] });
      const anth = createAnthropic({ baseURL: d.info.url, apiKey: 'placeholder' });
      const errors: unknown[] = [];
      const s = streamObject({ model: anth('claude-sonnet-4-5'), schema, prompt: 'a person', maxRetries: 0, onError: (e) => void errors.push(e) });
      const partials: unknown[] = [];
      for await (const p of s.partialObjectStream) partials.push(p);
      assert.deepEqual(await s.object, { name: 'Ada', born: 1815 });
      assert.deepEqual(partials[partials.length - 1], { name: 'Ada', born: 1815 });
      assert.deepEqual(errors, []);
    });
  }

  it('the Anthropic SDK: output_config.format and output_format give the repaired JSON as the text block', async () => {
    const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
    for (const extra of [{ output_config: { format: { type: 'json_schema', schema: SCHEMA } } }, { output_format: { type: 'json_schema', schema: SCHEMA } }]) {
      up.enqueue({ chunks: [textStream(BROKEN['think tags, then a fence']![0])] });
      const params = { model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: 'a person' }], ...extra };
      const { data, response } = await client.messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
      // the think block is the thinking block before it (reasoning.ts)
      const signature = data.content[0]?.type === 'thinking' ? data.content[0].signature : '';
      assert.deepEqual(data.content, [
        { type: 'thinking', thinking: 'The user wants a person.', signature },
        { type: 'text', text: REPAIRED },
      ]);
      assert.equal(response.headers.get('x-streamfix-schema'), 'valid');
      assert.deepEqual(lastBody().response_format, { type: 'json_schema', json_schema: { name: 'structured_output', strict: true, schema: SCHEMA } });
      const a = await art(response.headers.get('x-streamfix-request-id'));
      assert.equal(a.modeReason, `auto: ${'output_config' in extra ? 'output_config.format' : 'output_format'} json_schema`);
    }
  });

  it('an answer the schema refuses: invalid in the trailer, the artifact and the metric (reported, the text as repaired)', async () => {
    const before = await metric(d, 'streamfix_schema_failures_total{model="test/structured"}');
    up.enqueue({ chunks: [textStream("{'name': 'Ada', 'born': 'soon'}")] });
    const r = await request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/structured', max_tokens: 100, stream: true, output_config: { format: { type: 'json_schema', schema: SCHEMA } }, messages: [{ role: 'user', content: 'go' }] }),
    });
    const body = await r.body.text();
    const text = body
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as { type: string; delta?: { type: string; text?: string } })
      .filter((e) => e.delta?.type === 'text_delta')
      .map((e) => e.delta!.text)
      .join('');
    assert.equal(text, '{"name": "Ada", "born": "soon"}');
    assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-schema, x-streamfix-artifact');
    assert.deepEqual(r.trailers, { 'x-streamfix-status': 'REPAIRED', 'x-streamfix-schema': 'invalid' });
    const a = await art(String(r.headers['x-streamfix-request-id']));
    assert.equal(a.repairedContent, '{"name": "Ada", "born": "soon"}');
    assert.deepEqual(a.schema, { valid: false, errors: [{ path: '/born', message: 'must be integer' }] });
    assert.equal(await metric(d, 'streamfix_schema_failures_total{model="test/structured"}'), before + 1);
  });

  it('strip mode asked for: the text as sent, no verdict claimed', async () => {
    up.enqueue({ chunks: [textStream("{'name': 'Ada', 'born': 1815}")] });
    const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': 'strip' } });
    const params = { model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: 'go' }], output_config: { format: { type: 'json_schema', schema: SCHEMA } } };
    const { data, response } = await client.messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: "{'name': 'Ada', 'born': 1815}" }]);
    assert.equal(response.headers.get('x-streamfix-schema'), null);
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ['a schema that is not a JSON Schema', { output_config: { format: { type: 'json_schema', schema: { type: 'strnig' } } } }, 'output_config.format.schema'],
    ['a format of another type', { output_config: { format: { type: 'text' } } }, 'output_config.format.type: must be "json_schema"'],
    ['a format without a schema', { output_format: { type: 'json_schema' } }, 'output_format.schema: Field required (a JSON Schema object)'],
    ['both forms', { output_config: { format: { type: 'json_schema', schema: SCHEMA } }, output_format: { type: 'json_schema', schema: SCHEMA } }, 'output_format: give the format once: output_config.format or output_format, not both'],
  ];
  for (const [name, extra, message] of refusals) {
    it(`${name}: a 400 invalid_request_error naming the field, nothing sent upstream`, async () => {
      const count = up.requests.length;
      const r = await request(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'test/structured', max_tokens: 100, messages: [{ role: 'user', content: 'go' }], ...extra }),
      });
      const body = (await r.body.json()) as { type: string; error: { type: string; message: string } };
      assert.equal(r.statusCode, 400);
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.ok(body.error.message.startsWith(message), body.error.message);
      assert.equal(up.requests.length, count);
    });
  }
});
