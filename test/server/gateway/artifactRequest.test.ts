/** The request body kept in the artifact (for the inspector's replay and "copy as curl"). */
import { strict as assert } from 'node:assert';
import { REQUEST_KEEP_BYTES } from '../../../shared/protocol';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestDaemon } from '../helpers/testGateway';

describe('gateway: the request in the artifact', () => {
  const { d } = useTestDaemon({ demo: true });

  it('keeps the body as sent and the policy headers, never another header', async () => {
    const body = { model: 'demo/clean', stream: true, messages: [{ role: 'user', content: 'A city, please' }], temperature: 0.2 };
    const res = await postChat(d, body, { 'x-streamfix-mode': 'repair', authorization: 'Bearer sk-or-v1-secret' });
    assert.equal(res.status, 200);
    await res.text();
    const a = await artifactOf(d, res);
    assert.deepEqual(a.request, { bytes: Buffer.byteLength(JSON.stringify(body)), body, headers: { 'x-streamfix-mode': 'repair' } });
    assert.equal(JSON.stringify(a).includes('sk-or-v1-secret'), false);
  });

  for (const stream of [true, false]) {
    it(`${stream ? 'streaming' : 'non-streaming'}: keeps each of the four policy headers as sent, and no x-streamfix-* header the gateway does not read`, async () => {
      const body = { model: 'demo/clean', stream, messages: [{ role: 'user', content: 'A city, please' }] };
      const res = await postChat(d, body, {
        'X-StreamFix-Mode': 'Repair',
        'x-streamfix-hold-prose': 'off',
        'x-streamfix-schema': 'coerce',
        'x-streamfix-truncated-tools': 'reject',
        'x-streamfix-note': 'not a policy',
      });
      assert.equal(res.status, 200);
      await res.text();
      const a = await artifactOf(d, res);
      assert.deepEqual(a.request?.headers, { 'x-streamfix-mode': 'Repair', 'x-streamfix-hold-prose': 'off', 'x-streamfix-schema': 'coerce', 'x-streamfix-truncated-tools': 'reject' });
    });
  }

  it('keeps a Messages API request the same way (its body, the policy headers, no key)', async () => {
    const body = { model: 'demo/msg-text', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
    const res = await fetch(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-or-v1-secret', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': 'strip' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200);
    await res.text();
    const a = await artifactOf(d, res);
    assert.equal(a.api, 'messages');
    assert.deepEqual(a.request, { bytes: Buffer.byteLength(JSON.stringify(body)), body, headers: { 'x-streamfix-mode': 'strip' } });
    assert.equal(JSON.stringify(a).includes('sk-or-v1-secret'), false);
  });

  it('keeps no headers field when the request had no policy header', async () => {
    const body = { model: 'demo/clean', messages: [{ role: 'user', content: 'A city, please' }] };
    const res = await postChat(d, body);
    await res.text();
    assert.deepEqual((await artifactOf(d, res)).request, { bytes: Buffer.byteLength(JSON.stringify(body)), body });
  });

  it('keeps only the size of a body larger than REQUEST_KEEP_BYTES', async () => {
    const big = 'x'.repeat(REQUEST_KEEP_BYTES);
    const body = { model: 'demo/clean', stream: false, messages: [{ role: 'user', content: big }] };
    const res = await postChat(d, body);
    assert.equal(res.status, 200);
    await res.text();
    const a = await artifactOf(d, res);
    assert.deepEqual(a.request, { bytes: Buffer.byteLength(JSON.stringify(body)) });
  });
});
