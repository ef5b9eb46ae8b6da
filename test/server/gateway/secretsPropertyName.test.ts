/**
 * A key pasted as a property name: a tool's parameter or a schema's property named with it. The artifact
 * keeps the request body as sent (for replay), every string redacted, but the names of an object's
 * properties were not: the key went whole into the artifact, its listing and the inspector. Found by
 * fuzz:http's user-like requests (seed 2001, 17:16 UTC: 24 artifacts of 220). Now Redactor.deep redacts
 * property names too, in order.
 */
import { strict as assert } from 'node:assert';
import { Redactor } from '../../../server/gateway/redact';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-' + 'f00dfacec0ffee42'.repeat(4);

describe('Redactor.deep: property names', () => {
  it('redacts a name holding a secret, keeps the order, the values and every other name', () => {
    const r = new Redactor([KEY]);
    const v = { a: 1, [KEY]: { [`Bearer ${KEY}`]: [KEY, { b: KEY }] }, z: 'x' };
    const out = r.deep(v);
    assert.deepEqual(out, { a: 1, '[redacted]': { 'Bearer [redacted]': ['[redacted]', { b: '[redacted]' }] }, z: 'x' });
    assert.deepEqual(Object.keys(out), ['a', '[redacted]', 'z']);
  });

  it('keeps a `__proto__` property a property when it renames one beside it', () => {
    const v = JSON.parse(`{"__proto__": {"x": 1}, "${KEY}": 2}`) as Record<string, unknown>;
    const out = new Redactor([KEY]).deep(v);
    assert.deepEqual(Object.keys(out), ['__proto__', '[redacted]']);
    assert.deepEqual(JSON.stringify(out), '{"__proto__":{"x":1},"[redacted]":2}');
  });

  it('returns the same object when no name nor value holds a secret', () => {
    const v = { a: { 'sk-or-v1-': ['x'] } };
    assert.equal(new Redactor([KEY]).deep(v), v);
  });
});

describe('gateway: a key as a property name in the request is redacted in the artifact', () => {
  const { up, d } = useTestGateway({ apiKey: KEY });
  const props = { type: 'object', properties: { [KEY]: { type: 'string' } } };
  for (const [api, body] of [
    ['chat, a tool parameter', { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 't', parameters: props } }] }],
    ['chat, a response_format property', { model: 'm', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 's', schema: props } } }],
    ['messages, a tool input_schema property', { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 't', input_schema: props }] }],
  ] as const) {
    it(api, async () => {
      up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1}' }, 'stop'), '[DONE]')] });
      const res = api.startsWith('chat')
        ? await postChat(d, { ...body, stream: true })
        : await fetch(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, stream: true }) });
      assert.equal(res.status, 200);
      await res.text();
      const a = await artifactOf(d, res);
      const kept = JSON.stringify(a.request);
      assert.equal(kept.includes(KEY.slice(9, 30)), false, kept);
      assert.equal(kept.includes('"properties":{"[redacted]":{"type":"string"}}'), true, kept);
      // the upstream got the body as sent
      assert.equal(up.requests[up.requests.length - 1]!.body.includes(`"properties":{"${KEY}":{"type":"string"}}`), true);
    });
  }
});
