/**
 * /v1/messages: a chunk no check read is not silently gone. The translator reads choice 0 only; a chunk
 * whose choice has index "0" (or any index that is not a non-negative integer) was dropped without a
 * trace: `{"a": 1,` + a chunk of index "0" holding ` "b": 2` + `}` gave `{"a": 1}`, REPAIRED, no error. Now
 * such a chunk is a malformed line (skipped, counted, sampled in the errors) and, as a choice of another
 * index, counts as a choice left unread: the status is TEXT unless a worse check (FAILED, TRUNCATED)
 * decides, and a structured output's schema verdict is `error`, naming them (as on the chat endpoint).
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { useTestGateway } from '../helpers/testGateway';
import { sse } from '../helpers/testUpstream';

const piece = (index: unknown, delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index, delta, finish_reason: finish }] });

describe('messages: chunks of another choice or a bad index are labelled, not silently dropped', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const art = async (id: string) => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; chunks: { malformed: number }; errors: { code?: string }[]; schema?: unknown };

  const CASES: { name: string; body: string; mode: string; text: string; status: string; malformed: number }[] = [
    { name: 'a chunk of index "0" inside the JSON', body: sse(piece(0, { content: '{"a": 1,' }), piece('0', { content: ' "b": 2' }), piece(0, { content: '}' }), piece(0, {}, 'stop'), '[DONE]'), mode: 'repair', text: '{"a": 1}', status: 'TEXT', malformed: 1 },
    { name: 'a chunk of index 1.5 after valid JSON, strip', body: sse(piece(0, { content: '{"a": 1}' }), piece(1.5, { content: 'x' }), piece(0, {}, 'stop'), '[DONE]'), mode: 'strip', text: '{"a": 1}', status: 'TEXT', malformed: 1 },
    { name: 'a second choice (index 1) beside valid JSON', body: sse(piece(0, { content: '{"a": 1}' }), piece(1, { content: '{"b": 2}' }), piece(0, {}, 'stop'), piece(1, {}, 'stop'), '[DONE]'), mode: 'repair', text: '{"a": 1}', status: 'TEXT', malformed: 0 },
    { name: 'prose (FAILED) and a chunk of index null: FAILED still wins', body: sse(piece(0, { content: 'Hello' }), piece(null, { content: '{}' }), piece(0, {}, 'stop'), '[DONE]'), mode: 'repair', text: 'Hello', status: 'FAILED', malformed: 1 },
    { name: 'no bad chunk: its own verdict', body: sse(piece(0, { content: '{"a": 1}' }), piece(0, {}, 'stop'), '[DONE]'), mode: 'repair', text: '{"a": 1}', status: 'VALID', malformed: 0 },
  ];

  for (const c of CASES) {
    for (const stream of [false, true]) {
      it(`${c.name}, ${c.mode}, ${stream ? 'messages.stream' : 'messages.create'}: the text, ${c.status}, the malformed count`, async () => {
        up.enqueue({ chunks: [c.body] });
        const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': c.mode } });
        const params = { model: 'test/model', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };
        let id: string;
        let text: string;
        if (stream) {
          const s = client.messages.stream(params);
          const m = await s.finalMessage();
          id = (await s.withResponse()).response.headers.get('request-id')!;
          text = m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
        } else {
          const { data, response } = await client.messages.create(params).withResponse();
          assert.equal(response.headers.get('x-streamfix-status'), c.status);
          id = response.headers.get('request-id')!;
          text = data.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
        }
        assert.equal(text, c.text);
        const a = await art(id);
        assert.deepEqual([a.status, a.chunks.malformed], [c.status, c.malformed]);
      });
    }
  }

  it('a structured output with a chunk of index "0": the schema verdict is error naming it, in the trailer and the artifact', async () => {
    up.enqueue({ chunks: [sse(piece(0, { content: '{"name": "Ada"' }), piece('0', { content: ', "x": 1' }), piece(0, { content: '}' }), piece(0, {}, 'stop'), '[DONE]')] });
    const r = await request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/model', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }], output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } } }),
    });
    const id = String(r.headers['request-id']);
    await r.body.text();
    assert.deepEqual([r.trailers['x-streamfix-status'], r.trailers['x-streamfix-schema']], ['TEXT', 'error']);
    assert.deepEqual((await art(id)).schema, { valid: null, error: '1 chunk(s) skipped unread, not checked: a choice of index "0" (1 chunk)', errors: [] });
  });
});
