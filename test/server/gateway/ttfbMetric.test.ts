/**
 * streamfix_upstream_ttfb_seconds is "Time from sending the upstream request to its first response byte":
 * every answer the upstream started counts once, streaming or not, on both APIs. Before, a non-streaming
 * chat request was never observed (only the streaming pumps observed it), so the histogram counted 2 of
 * these 3 answers while the artifacts of all 3 had their timings.ttfbMs.
 */
import { strict as assert } from 'node:assert';
import type { Artifact } from '../../../shared/protocol';
import { metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

describe('gateway metrics: time to first byte counts every answer the upstream started', () => {
  const { up, d } = useTestGateway();
  const art = async (res: Response) => (await (await fetch(`${d.info.url}/streamfix/result/${res.headers.get('x-streamfix-request-id')}`)).json()) as Artifact;

  it('a streaming and a non-streaming chat answer and a non-streaming Messages answer: count 3, each artifact with its timings.ttfbMs', async () => {
    const before = await metric(d, 'streamfix_upstream_ttfb_seconds_count');
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]')] });
    const s = await postChat(d, { model: 'm/t', stream: true, messages: [{ role: 'user', content: 'x' }] });
    await s.text();
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', model: 'm/t', choices: [{ index: 0, message: { role: 'assistant', content: '{"a": 1}' }, finish_reason: 'stop' }] })] });
    const n = await postChat(d, { model: 'm/t', messages: [{ role: 'user', content: 'x' }] });
    await n.text();
    up.enqueue({ chunks: [sse(chunk({ content: 'hi' }), chunk({}, 'stop'), '[DONE]')] });
    const m = await fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any' }, body: JSON.stringify({ model: 'm/t', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }) });
    await m.text();
    const ttfb = await Promise.all([s, n, m].map(async (r) => typeof (await art(r)).timings.ttfbMs));
    assert.deepEqual([ttfb, (await metric(d, 'streamfix_upstream_ttfb_seconds_count')) - before], [['number', 'number', 'number'], 3]);
  });

  it('a non-streaming chat answer whose body read fails partway (the connection lost) counts too: count 1, the artifact with its ttfbMs (before: 0)', async () => {
    const before = await metric(d, 'streamfix_upstream_ttfb_seconds_count');
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: ['{"id": "g", "object": "chat.completion", "choi'], destroyAfter: true });
    const n = await postChat(d, { model: 'm/t', messages: [{ role: 'user', content: 'x' }] });
    await n.text();
    const a = await art(n);
    assert.deepEqual([n.status, a.status, typeof a.timings.ttfbMs, (await metric(d, 'streamfix_upstream_ttfb_seconds_count')) - before], [502, 'UPSTREAM_ERROR', 'number', 1]);
  });
});
