/**
 * streamfix_upstream_errors_total{status} counts upstream failures "by HTTP status or error code". An error
 * object the upstream sends mid-stream (OpenRouter's `{"error": {"code": 502, …}}` after its 200) is one, as
 * the same object sent as a 2xx body is (counted under the status its code names) and as a lost connection
 * is (`stream_error`). Before, an error event was counted on neither API: after these four streams the
 * counter said nothing. Now each stream's error object counts once, under the status its code names, else
 * `stream_error`, on both APIs.
 */
import { strict as assert } from 'node:assert';
import { metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const WITH_CODE = `data: ${JSON.stringify({ error: { code: 502, message: 'Provider returned error' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}\n\n`;
const NO_CODE = `data: ${JSON.stringify({ error: { message: 'Provider returned error' } })}\n\n`;

describe('gateway metrics: an upstream error event mid-stream is an upstream error (chat and messages)', () => {
  const { up, d } = useTestGateway({ breaker: { failures: 100, windowMs: 60_000, cooldownMs: 30_000, failedRate: null } });
  const series = ['streamfix_upstream_errors_total{status="502"}', 'streamfix_upstream_errors_total{status="stream_error"}'];
  const counts = () => Promise.all(series.map((s) => metric(d, s)));

  it('chat streaming and /v1/messages streaming, an error event with code 502 and one without: 502 twice, stream_error twice', async () => {
    const before = await counts();
    for (const end of [WITH_CODE, NO_CODE]) {
      up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1' })) + end] });
      await (await postChat(d, { model: 'm/e', stream: true, messages: [{ role: 'user', content: 'x' }] })).text();
      up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1' })) + end] });
      const m = await fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any' }, body: JSON.stringify({ model: 'm/e', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'x' }] }) });
      await m.text();
    }
    const after = await counts();
    assert.deepEqual(after.map((n, i) => n - before[i]!), [2, 2]);
  });

  it('the unit is one failed request: a stream with three error events (502, 429, 502) counts once, under its first (the one that ended it), in passthrough (which forwards all three) and repair, on both APIs', async () => {
    const three = ['502', '429', 'stream_error'].map((s) => `streamfix_upstream_errors_total{status="${s}"}`);
    const before = await Promise.all(three.map((s) => metric(d, s)));
    const events = [502, 429, 502].map((code) => `data: ${JSON.stringify({ error: { code, message: `e${code}` } })}\n\n`).join('');
    for (const mode of ['passthrough', 'repair']) {
      up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1' })) + events] });
      await (await postChat(d, { model: 'm/e', stream: true, messages: [{ role: 'user', content: 'x' }] }, { 'x-streamfix-mode': mode })).text();
    }
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1' })) + events] });
    const m = await fetch(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any' }, body: JSON.stringify({ model: 'm/e', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'x' }] }) });
    await m.text();
    const after = await Promise.all(three.map((s) => metric(d, s)));
    assert.deepEqual(after.map((n, i) => n - before[i]!), [3, 0, 0]);
  });
});
