/**
 * Passthrough stays a clean stream: an end or a failure inside an upstream event first closes that event,
 * so the client can parse what follows; an event over the decoder's length limit never cuts a stream.
 */
import { strict as assert } from 'node:assert';
import { MAX_SSE_EVENT_BYTES } from '../../../server/gateway/sse';
import { OVER_LONG_CODE, overLongBody } from '../../../server/gateway/streamRewrite';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const PT = { 'x-streamfix-mode': 'passthrough' };

describe('gateway: passthrough stays a clean stream', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  const first = sse(chunk({ content: '{"a":' }));
  const partial = `data: ${chunk({ content: ' 1}' }).slice(0, 30)}`;

  for (const [name, cut] of [
    ['inside a line', partial],
    ['after a line end', `${partial}\n`],
    ['after a CR line end', `${partial}\r`],
    ['at an event boundary', ''],
  ] as const) {
    it(`closes the event before the error when the upstream breaks ${name}`, async () => {
      up.enqueue({ chunks: [first + cut], destroyAfter: true });
      const res = await postChat(d, REQ, PT);
      const text = await res.text();
      const closer = cut === '' ? '' : cut.endsWith('\n') ? '\n' : cut.endsWith('\r') ? '\r\n' : '\n\n';
      const tail = text.slice(first.length + cut.length);
      assert.equal(text.slice(0, first.length + cut.length), first + cut);
      assert.match(tail, new RegExp(`^${JSON.stringify(closer).slice(1, -1)}data: \\{"error":\\{"message":"Upstream stream failed: [^"]+","type":"upstream_error","code":"upstream_error"\\}\\}\\n\\ndata: \\[DONE\\]\\n\\n$`));
      assert.equal((await artifactOf(d, res)).status, 'UPSTREAM_ERROR');
    });
  }

  it('closes a last event that lacks its blank line at the end of the stream', async () => {
    const body = sse(chunk({ content: '{"a": 1}' })) + `data: ${chunk({}, 'stop')}\n`;
    up.enqueue({ chunks: [body] });
    const res = await postChat(d, REQ, PT);
    assert.equal(await res.text(), `${body}\n`);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'PASSTHROUGH');
    assert.equal(a.finishReason, 'stop');
  });

  it('forwards the exact bytes of a stream ending at an event boundary', async () => {
    const body = sse(chunk({ content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]');
    up.enqueue({ chunks: [body] });
    assert.equal(await (await postChat(d, REQ, PT)).text(), body);
  });

  describe(`an event over the length limit (${MAX_SSE_EVENT_BYTES} characters)`, () => {
    const huge = chunk({ content: 'x'.repeat(MAX_SSE_EVENT_BYTES + 1000) });
    const body = sse(chunk({ content: '{"a": ' }), huge, chunk({ content: '1}' }), chunk({}, 'stop'), '[DONE]');
    const pieces = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.slice(i * 65536, (i + 1) * 65536));

    it('passes through byte for byte in passthrough; the artifact skips it and says so', async () => {
      up.enqueue({ chunks: pieces });
      const res = await postChat(d, REQ, PT);
      const text = await res.text();
      assert.equal(text.length, body.length);
      assert.equal(text === body, true);
      const a = await artifactOf(d, res);
      assert.equal(a.status, 'PASSTHROUGH');
      assert.equal(a.rawContent, '{"a": 1}');
      assert.equal(a.chunks.malformed, 1);
      assert.deepEqual(a.errors, [{ message: `Skipped 1 malformed upstream line(s): "An SSE event longer than ${MAX_SSE_EVENT_BYTES} characters was skipped"`, code: 'malformed_line' }]);
    });

    it('is cut out in strip and repair mode, an error event in its place, a warning, status UPSTREAM_ERROR', async () => {
      // what each mode sends of the content around the hole (repair holds `"a": ` until the value decides)
      for (const [mode, first, second] of [['strip', '{"a": ', '1}'], ['repair', '{', '"a": 1}']]) {
        up.enqueue({ chunks: pieces });
        const before = await metric(d, `streamfix_warnings_total{kind="${OVER_LONG_CODE}"}`);
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        assert.equal(await res.text(), sse(chunk({ content: first }), JSON.stringify(overLongBody(MAX_SSE_EVENT_BYTES)), chunk({ content: second }), chunk({}, 'stop'), '[DONE]'));
        const a = await artifactOf(d, res);
        assert.equal(a.status, 'UPSTREAM_ERROR');
        assert.equal(a.rawContent, '{"a": 1}');
        assert.equal(a.chunks.malformed, 1);
        const message = `The upstream sent 1 SSE event(s) longer than ${MAX_SSE_EVENT_BYTES} characters: skipped, an error event in place`;
        assert.deepEqual(a.errors, [{ message: `Skipped 1 malformed upstream line(s): "An SSE event longer than ${MAX_SSE_EVENT_BYTES} characters was skipped"`, code: 'malformed_line' }, { message, code: OVER_LONG_CODE }]);
        assert.equal((await metric(d, `streamfix_warnings_total{kind="${OVER_LONG_CODE}"}`)) - before, 1, mode);
      }
    });

    it('is a warning in passthrough too (its bytes went through, the artifact misses it)', async () => {
      up.enqueue({ chunks: pieces });
      const before = await metric(d, `streamfix_warnings_total{kind="${OVER_LONG_CODE}"}`);
      const res = await postChat(d, REQ, PT);
      assert.equal((await res.text()) === body, true);
      await artifactOf(d, res);
      assert.equal((await metric(d, `streamfix_warnings_total{kind="${OVER_LONG_CODE}"}`)) - before, 1);
    });
  });
});
