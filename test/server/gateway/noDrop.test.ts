/**
 * Nothing the upstream sent is dropped or merged: real deltas that repeat the text before them, tool-call
 * chunks with an index that is not a whole number, a stream that ends without [DONE], an upstream error
 * page that is not JSON. Every mode, streaming and (where the case exists) not.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, parseSse, sse } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const MODES = ['repair', 'strip', 'passthrough', 'auto'] as const;

describe('gateway: never drop or merge text', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  describe('real deltas that repeat everything before them', () => {
    for (const mode of MODES) {
      it(`ha, haha, ! reaches the client as hahaha! (${mode})`, async () => {
        up.enqueue({ chunks: [sse(chunk({ content: 'ha' }), chunk({ content: 'haha' }), chunk({ content: '!' }), chunk({}, 'stop'), '[DONE]')] });
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        assert.equal(collect(await res.text()).content, 'hahaha!');
        const a = await artifactOf(d, res);
        assert.equal(a.rawContent, 'hahaha!');
        assert.equal(a.stuttering, false);
        // no JSON in it: repair says FAILED and sends the text as it came
        assert.equal(a.status, { repair: 'FAILED', strip: 'TEXT', passthrough: 'PASSTHROUGH', auto: 'TEXT' }[mode]);
      });
    }
  });

  describe('a tool-call index that is not a non-negative integer is a malformed line', () => {
    const good = chunk({ tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"a": 1' } }] });
    for (const [label, bad] of [
      ['"0"', '"0"'],
      ['1.5', '1.5'],
      ['null', 'null'],
      ['{}', '{}'],
      ['-1', '-1'],
    ] as const) {
      const badLine = `{"choices":[{"index":0,"delta":{"tool_calls":[{"index":${bad},"function":{"arguments":", \\"b\\": 2}"}}]}}]}`;
      for (const mode of ['repair', 'strip', 'passthrough'] as const) {
        it(`index ${label} is skipped, counted and recorded, never folded into call 0 (${mode})`, async () => {
          const body = sse(good, badLine, chunk({}, 'tool_calls'), '[DONE]');
          up.enqueue({ chunks: [body] });
          const before = await metric(d, 'streamfix_upstream_malformed_lines_total');
          const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
          const text = await res.text();
          if (mode === 'passthrough') assert.equal(text, body);
          else {
            assert.deepEqual([...collect(text).tools.entries()], [[0, '{"a": 1}']]);
            assert.equal(text.includes('\\"b\\"'), false, 'the malformed line is not forwarded');
          }
          const a = await artifactOf(d, res);
          assert.deepEqual(
            a.toolCalls.map((t) => [t.index, t.rawArguments]),
            [[0, '{"a": 1']],
          );
          assert.equal(a.chunks.malformed, 1);
          assert.deepEqual(a.errors, [{ message: `Skipped 1 malformed upstream line(s): ${JSON.stringify(badLine)}`, code: 'malformed_line' }]);
          assert.equal(await metric(d, 'streamfix_upstream_malformed_lines_total'), before + 1);
        });
      }
    }
  });

  describe('an upstream that closes cleanly without [DONE]', () => {
    const body = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: '{"a": [1' }));
    const sent = { repair: '{"a": [1]}', strip: '{"a": [1', auto: '{"a": [1]}' } as const;
    for (const mode of MODES) {
      it(`ends the client's stream with a finish chunk and [DONE]; TRUNCATED (${mode})`, async () => {
        up.enqueue({ chunks: [body] });
        const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify(REQ) });
        const text = await r.body.text();
        assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
        if (mode === 'passthrough') {
          assert.equal(text, body);
        } else {
          const c = collect(text);
          assert.equal(c.content, sent[mode]);
          assert.equal(c.done, true);
          const { data } = parseSse(text);
          assert.equal(data.at(-1), '[DONE]');
          const last = JSON.parse(data.at(-2)!) as Record<string, unknown>;
          assert.deepEqual(last, { id: 'gen-test-1', provider: 'Test', model: 'test/model', object: 'chat.completion.chunk', created: 1700000000, choices: [{ index: 0, delta: {}, finish_reason: 'length' }] });
        }
        const a = await artifactOf(d, { headers: new Headers({ 'x-streamfix-request-id': String(r.headers['x-streamfix-request-id']) }) } as Response);
        assert.equal(a.status, 'TRUNCATED');
        // the artifact keeps what the upstream said: it sent no finish_reason
        assert.equal(a.finishReason, null);
      });
    }

    it('adds only [DONE] when every choice finished: nothing was cut, the status is what was checked', async () => {
      up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1}' }), chunk({}, 'stop'))] });
      const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' }, body: JSON.stringify(REQ) });
      const { data } = parseSse(await r.body.text());
      assert.deepEqual(data, [chunk({ content: '{"a": 1}' }), chunk({}, 'stop'), '[DONE]']);
      assert.equal(r.trailers['x-streamfix-status'], 'VALID');
    });

    it('an empty stream still ends with a finish chunk for choice 0 and [DONE]', async () => {
      up.enqueue({ chunks: [': OPENROUTER PROCESSING\n\n'] });
      const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' }, body: JSON.stringify(REQ) });
      const { data } = parseSse(await r.body.text());
      assert.deepEqual(data, ['{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}', '[DONE]']);
      assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
    });
  });

  describe('an upstream error page that is not JSON', () => {
    const page = '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';
    for (const mode of MODES) {
      for (const stream of [true, false]) {
        it(`reaches the client in the OpenAI error shape with the upstream's status and an excerpt (${mode}, ${stream ? 'streaming' : 'non-streaming'})`, async () => {
          // 502 is retried twice before it is answered
          for (let i = 0; i < 3; i++) up.enqueue({ status: 502, headers: { 'content-type': 'text/html' }, chunks: [page] });
          // a model of its own per case, so the breaker's failure count of one case does not reach another
          const res = await postChat(d, { ...REQ, model: `test/html-${mode}-${stream}`, stream }, { 'x-streamfix-mode': mode });
          assert.equal(res.status, 502);
          const message = 'Upstream returned 502: 502 Bad Gateway 502 Bad Gateway nginx';
          if (mode === 'passthrough') {
            assert.equal(res.headers.get('content-type'), 'text/html');
            assert.equal(await res.text(), page);
          } else {
            assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
            assert.deepEqual(await res.json(), { error: { message, type: 'upstream_error', code: 'upstream_error' } });
          }
          const a = await artifactOf(d, res);
          assert.equal(a.status, 'UPSTREAM_ERROR');
          assert.deepEqual(a.errors, [{ message, status: 502 }]);
        });
      }
    }
  });
});
