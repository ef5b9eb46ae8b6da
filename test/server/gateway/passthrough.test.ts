/**
 * Passthrough stays a clean stream: an end or a failure inside an upstream event first closes that event,
 * so the client can parse what follows; an event over the decoder's length limit never cuts a stream.
 */
import { strict as assert } from 'node:assert';
import type { Daemon } from '../../../server/daemon';
import { MAX_SSE_EVENT_BYTES } from '../../../server/gateway/sse';
import { artifactOf, postChat, startTestDaemon } from '../helpers/gateway';
import { chunk, collect, sse, TestUpstream } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const PT = { 'x-streamfix-mode': 'passthrough' };

describe('gateway: passthrough stays a clean stream', () => {
  let up: TestUpstream;
  let d: Daemon;
  before(async () => {
    up = await TestUpstream.start();
    d = await startTestDaemon({ upstream: up.url, apiKey: 'sk-test-secret' });
  });
  after(async () => {
    await d.close();
    await up.close();
  });

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

    it('is dropped in strip mode and the stream goes on to [DONE]', async () => {
      up.enqueue({ chunks: pieces });
      const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
      const c = collect(await res.text());
      assert.equal(c.content, '{"a": 1}');
      assert.equal(c.finish, 'stop');
      assert.equal(c.done, true);
      const a = await artifactOf(d, res);
      assert.equal(a.status, 'TEXT'); // strip mode does not parse the content
      assert.equal(a.chunks.malformed, 1);
    });
  });
});
