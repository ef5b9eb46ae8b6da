/**
 * Streaming through the gateway against a scripted upstream: chunk boundaries at every byte, what passes
 * through untouched, closers before finish_reason, malformed lines, failures before and during the
 * stream, and a client disconnect aborting the upstream.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import { repairJson } from '../../../shared/engine';
import type { GatewayEvent } from '../../../shared/protocol';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, parseSse, sse } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };

function finishedEvent(d: Daemon, id: string): Promise<GatewayEvent> {
  return new Promise((resolve) => {
    const off = d.events.subscribe((e) => {
      if (e.type === 'finished' && e.id === id) {
        off();
        resolve(e);
      }
    });
  });
}

describe('gateway: streaming against a scripted upstream', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  describe('chunk boundaries', () => {
    // compact chunks (no ids) keep the stream short: every byte split is one request
    const raw = "{'c': 'é🌤', \"n\": [1,]}";
    const small = (delta: object, finish?: string) => JSON.stringify({ choices: [{ delta, ...(finish ? { finish_reason: finish } : {}) }] });
    const body = sse(': OPENROUTER PROCESSING', small({ content: raw.slice(0, 9) }), small({ content: raw.slice(9) }), small({}, 'stop'), '[DONE]');
    const bytes = Buffer.from(body, 'utf8');
    const splits = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);

    /** One request per split offset, 8 at a time; the upstream picks the split from the request body. */
    async function everySplit(mode: string, check: (text: string, at: number) => void): Promise<void> {
      up.respond((r) => {
        const at = Number((JSON.parse(r.body) as { messages: { content: string }[] }).messages[0]!.content);
        return { chunks: [bytes.subarray(0, at), bytes.subarray(at)] };
      });
      try {
        for (let k = 0; k < splits.length; k += 8) {
          await Promise.all(
            splits.slice(k, k + 8).map(async (at) => {
              const res = await postChat(d, { ...REQ, messages: [{ role: 'user', content: String(at) }] }, { 'x-streamfix-mode': mode });
              check(await res.text(), at);
            }),
          );
        }
      } finally {
        up.respond(null);
      }
    }

    it('repairs the same at every byte split of the upstream stream (data lines and UTF-8 characters cut)', async () => {
      const want = repairJson(raw).json;
      assert.equal(want, '{"c": "é🌤", "n": [1]}');
      await everySplit('repair', (text, at) => {
        const c = collect(text);
        assert.equal(c.content, want, `split at byte ${at}`);
        assert.equal(c.finish, 'stop');
        assert.equal(c.done, true);
        assert.deepEqual(parseSse(text).comments, ['OPENROUTER PROCESSING']);
      });
    });

    it('forwards the exact upstream bytes in passthrough at every byte split', async () => {
      await everySplit('passthrough', (text, at) => assert.equal(text, body, `split at byte ${at}`));
    });

    it('repairs the same when every byte arrives on its own', async () => {
      up.enqueue({ chunks: [...bytes].map((b) => Buffer.from([b])) });
      const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
      assert.equal(collect(await res.text()).content, repairJson(raw).json);
    });
  });

  it('passes ids, created, model, provider, reasoning fields, comments, usage and [DONE] through untouched', async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12, cost: 0.0001 };
    const events = [
      ': OPENROUTER PROCESSING',
      chunk({ role: 'assistant', content: '', reasoning: 'plan', reasoning_details: [{ type: 'reasoning.text', text: 'plan', format: 'unknown', index: 0 }] }),
      chunk({ content: '{"ok": true}' }),
      chunk({ content: '' }, 'stop'),
      chunk({ content: '' }, null, { usage }),
      '[DONE]',
    ];
    up.enqueue({ chunks: [sse(...events)], headers: { 'x-ratelimit-remaining': '41', 'x-ratelimit-reset': '1700000000' } });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    assert.equal(res.headers.get('x-ratelimit-remaining'), '41');
    assert.equal(res.headers.get('x-ratelimit-reset'), '1700000000');
    const text = await res.text();
    const { data, comments } = parseSse(text);
    assert.deepEqual(comments, ['OPENROUTER PROCESSING']);
    assert.equal(data[0], events[1], 'reasoning chunk byte for byte');
    assert.equal(data[data.length - 1], '[DONE]');
    assert.equal(data[data.length - 2], events[4], 'usage chunk byte for byte');
    for (const dd of data.slice(0, -1)) {
      const k = JSON.parse(dd) as Record<string, unknown>;
      assert.deepEqual([k.id, k.created, k.model, k.provider, k.object], ['gen-test-1', 1700000000, 'test/model', 'Test', 'chat.completion.chunk']);
    }
    assert.equal(collect(text).content, '{"ok": true}');
    const a = await artifactOf(d, res);
    assert.deepEqual(a.usage, usage);
    assert.equal(a.reasoning, 'plan');
    assert.equal(a.status, 'VALID');
  });

  it('sends the closing brackets in a chunk of their own before the finish_reason chunk', async () => {
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: '{"a": [1, 2' }), chunk({ content: '' }, 'length'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    const want = repairJson('{"a": [1, 2').json!;
    assert.equal(c.content, want);
    const last = c.chunks[c.chunks.length - 1] as { choices: { delta: Record<string, unknown>; finish_reason: string }[] };
    assert.deepEqual(last.choices[0], { index: 0, delta: { content: '' }, finish_reason: 'length', native_finish_reason: 'length', logprobs: null });
    const closer = c.chunks[c.chunks.length - 2] as { choices: { delta: { content: string }; finish_reason: null }[] };
    assert.equal(closer.choices[0]!.finish_reason, null);
    assert.ok(want.endsWith(closer.choices[0]!.delta.content) && closer.choices[0]!.delta.content.endsWith(']}'), `closer chunk "${closer.choices[0]!.delta.content}"`);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'TRUNCATED');
    assert.equal(a.finishReason, 'length');
  });

  it('sends the closers before [DONE] when the upstream never sends a finish_reason', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": "x' }), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    assert.equal(c.content, repairJson('{"a": "x').json);
    assert.equal(c.done, true);
  });

  it('undoes stuttering (cumulative deltas) and records it', async () => {
    const full = '{"a": 1, "b": [true, false]}';
    const cuts = [3, 9, 15, 22, full.length];
    up.enqueue({ chunks: [sse(...cuts.map((n) => chunk({ content: full.slice(0, n) })), chunk({ content: '' }, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
    assert.equal(collect(await res.text()).content, full);
    const a = await artifactOf(d, res);
    assert.equal(a.stuttering, true);
    assert.equal(a.rawContent, full);
  });

  it('gives the text as sent when there is no JSON at all, with status FAILED and the reason', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '<think>hmm</think>Sorry, I cannot ' }), chunk({ content: 'help with that.' }), chunk({ content: '' }, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    assert.equal(c.content, 'Sorry, I cannot help with that.');
    assert.equal(c.reasoning, 'hmm');
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'FAILED');
    assert.deepEqual(a.errors.map((e) => e.code), ['NO_JSON']);
  });

  it('skips a malformed upstream line, counts it and records it', async () => {
    const before = await metric(d, 'streamfix_upstream_malformed_lines_total');
    up.enqueue({ chunks: [sse(chunk({ content: '[1, ' }), '{not json', chunk({ content: '2]' }), chunk({ content: '' }, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const text = await res.text();
    assert.equal(text.includes('{not json'), false);
    assert.equal(collect(text).content, '[1, 2]');
    const a = await artifactOf(d, res);
    assert.equal(a.chunks.malformed, 1);
    assert.equal(a.status, 'VALID');
    assert.deepEqual(a.errors, [{ message: 'Skipped 1 malformed upstream line(s): "{not json"', code: 'malformed_line' }]);
    assert.equal(await metric(d, 'streamfix_upstream_malformed_lines_total'), before + 1);
  });

  it('ends with an error chunk and [DONE] when the upstream connection drops mid-stream', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": ' }))], destroyAfter: true });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    assert.equal(res.status, 200);
    const { data } = parseSse(await res.text());
    assert.equal(data[data.length - 1], '[DONE]');
    const err = JSON.parse(data[data.length - 2]!) as { error: { message: string; type: string; code: string } };
    assert.equal(err.error.type, 'upstream_error');
    assert.equal(err.error.code, 'upstream_error');
    assert.match(err.error.message, /^Upstream stream failed: /);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'UPSTREAM_ERROR');
    assert.equal(a.errors[0]!.message, err.error.message);
  });

  it('forwards an error chunk the upstream sends mid-stream and records UPSTREAM_ERROR', async () => {
    const errChunk = JSON.stringify({ error: { message: 'Provider returned error', code: 502 } });
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": 1' }), errChunk, '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const { data } = parseSse(await res.text());
    assert.ok(data.includes(errChunk));
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'UPSTREAM_ERROR');
    assert.deepEqual(a.errors, [{ message: 'Provider returned error', code: '502' }]);
  });

  it('forwards an upstream error status and body before the stream, with rate-limit headers', async () => {
    const errBody = '{"error":{"message":"Rate limit exceeded","code":429}}';
    up.enqueue({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '3600', 'x-ratelimit-remaining': '0' }, chunks: [errBody] });
    const before = await metric(d, 'streamfix_upstream_errors_total{status="429"}');
    const res = await postChat(d, REQ);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3600');
    assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(await res.text(), errBody);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'UPSTREAM_ERROR');
    assert.deepEqual(a.errors, [{ message: 'Rate limit exceeded', status: 429 }]);
    assert.equal(await metric(d, 'streamfix_upstream_errors_total{status="429"}'), before + 1);
  });

  it('sends the status as an x-streamfix-status trailer at the end of a stream', async () => {
    const body = sse(chunk({ content: "{'a': [1, 2,]}" }), chunk({}, 'stop'), '[DONE]');
    const statusOf = async (mode: string) => {
      up.enqueue({ chunks: [body] });
      const r = await request(`${d.info.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
        body: JSON.stringify(REQ),
      });
      assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact');
      const text = await r.body.text();
      return { trailer: r.trailers['x-streamfix-status'], content: collect(text).content };
    };
    assert.deepEqual(await statusOf('repair'), { trailer: 'REPAIRED', content: '{"a": [1, 2]}' });
    assert.deepEqual(await statusOf('passthrough'), { trailer: 'PASSTHROUGH', content: "{'a': [1, 2,]}" });
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": [1, 2]}' }), chunk({}, 'stop'), '[DONE]')] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'x-streamfix-mode': 'repair' }, body: JSON.stringify(REQ) });
    await r.body.text();
    assert.equal(r.trailers['x-streamfix-status'], 'VALID');
  });

  it('sends the response headers on their own when the upstream is quiet after its headers', async () => {
    // The upstream answers 200 and then sends nothing: the headers must still reach the client (they
    // wait HEADER_FLUSH_MS for first events to travel with them, then go alone).
    up.enqueue({ chunks: [], hang: true });
    const ac = new AbortController();
    const aborted = up.waitForAbort();
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' }, ac.signal);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.match(res.headers.get('x-streamfix-request-id') ?? '', /^sfx_[0-9a-z]+[0-9a-f]{12}$/);
    ac.abort();
    await aborted;
  });

  it('aborts the upstream request when the client disconnects, and records CLIENT_ABORTED', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": ' }))], hang: true });
    const ac = new AbortController();
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' }, ac.signal);
    const id = res.headers.get('x-streamfix-request-id')!;
    const finished = finishedEvent(d, id);
    const reader = res.body!.getReader();
    await reader.read();
    const aborted = up.waitForAbort();
    ac.abort();
    await aborted;
    const e = await finished;
    assert.equal(e.type === 'finished' && e.status, 'CLIENT_ABORTED');
    const r = await fetch(`${d.info.url}/streamfix/result/${id}`);
    const a = (await r.json()) as { status: string; rawContent: string };
    assert.equal(a.status, 'CLIENT_ABORTED');
    assert.equal(a.rawContent, '{"a": ');
  });

  /** Sends `body`, aborts the client once the upstream has the request, and returns the finished event
   * after checking the fetch was aborted and the upstream saw its client go away. */
  async function abortOnceArrived(body: object): Promise<GatewayEvent> {
    const ac = new AbortController();
    const arrived = up.waitForRequest();
    const aborted = up.waitForAbort();
    const seen: GatewayEvent[] = [];
    const off = d.events.subscribe((e) => seen.push(e));
    const pending = postChat(d, body, {}, ac.signal).catch((e: Error) => e.name);
    await arrived;
    const started = seen.find((e) => e.type === 'started');
    assert.ok(started, 'started event published');
    const finished = finishedEvent(d, started.id);
    ac.abort();
    assert.equal(await pending, 'AbortError');
    await aborted;
    const e = await finished;
    off();
    return e;
  }

  it('aborts the upstream request when the client disconnects before the answer starts', async () => {
    up.enqueue({ hangBeforeHeaders: true });
    const e = await abortOnceArrived(REQ);
    assert.equal(e.type === 'finished' && e.status, 'CLIENT_ABORTED');
  });

  it('aborts a non-streaming upstream request when the client disconnects mid-body', async () => {
    up.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"choices": ['], hang: true });
    const e = await abortOnceArrived({ ...REQ, stream: false });
    assert.equal(e.type === 'finished' && e.status, 'CLIENT_ABORTED');
  });

  it('reports the size of the think blocks moved out of the content in the finished event', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '<think>ça va</think>[1]', reasoning: 'field' }), chunk({ content: '' }, 'stop'), '[DONE]')] });
    const seen: GatewayEvent[] = [];
    const off = d.events.subscribe((e) => seen.push(e));
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    off();
    assert.equal(c.content, '[1]');
    assert.equal(c.reasoning, 'fieldça va');
    const id = res.headers.get('x-streamfix-request-id');
    const mine = seen.filter((e) => e.id === id);
    assert.deepEqual(mine.filter((e) => e.type === 'reasoning').map((e) => e.type === 'reasoning' && e.bytes), [Buffer.byteLength('ça va')]);
    const fin = mine.find((e) => e.type === 'finished');
    assert.equal(fin?.type === 'finished' && fin.reasoningBytes, Buffer.byteLength('ça va'));
  });

  it('answers a non-streaming completion that is not JSON with 502', async () => {
    up.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, chunks: ['<html>oops</html>'] });
    const res = await postChat(d, { ...REQ, stream: false });
    assert.equal(res.status, 502);
    const body = (await res.json()) as { error: { code: string; type: string; message: string } };
    assert.equal(body.error.code, 'upstream_invalid');
    assert.equal(body.error.type, 'upstream_error');
    assert.match(body.error.message, /^Upstream returned a completion that is not a JSON object: /);
  });

  it('forwards a non-JSON completion untouched in passthrough', async () => {
    up.enqueue({ status: 200, headers: { 'content-type': 'text/plain' }, chunks: ['plain text answer'] });
    const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'passthrough' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain');
    assert.equal(await res.text(), 'plain text answer');
  });

  it('publishes started, repair and finished events for a request', async () => {
    const seen: GatewayEvent[] = [];
    const off = d.events.subscribe((e) => seen.push(e));
    up.enqueue({ chunks: [sse(chunk({ content: '[1, 2,]' }), chunk({ content: '' }, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    await res.text();
    off();
    const id = res.headers.get('x-streamfix-request-id');
    const mine = seen.filter((e) => e.id === id);
    const repairs = repairJson('[1, 2,]').repairs;
    assert.deepEqual(
      mine.map((e) => e.type),
      ['started', ...repairs.map(() => 'repair'), 'finished'],
    );
    const fin = mine[mine.length - 1]!;
    assert.ok(fin.type === 'finished' && fin.status === 'REPAIRED' && fin.repairs === repairs.length);
  });
});

describe('gateway: engine limits', () => {
  const { up, d } = useTestGateway({ engine: { maxInputLength: 16 } });

  it('ends the stream with an error chunk and [DONE] when the content passes an engine limit', async () => {
    up.enqueue({ chunks: [sse(chunk({ content: '{"a": "0123' }), chunk({ content: '456789abcdef"}' }), chunk({ content: '' }, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const { data } = parseSse(await res.text());
    assert.equal(data[data.length - 1], '[DONE]');
    const err = JSON.parse(data[data.length - 2]!) as { error: { message: string; type: string; code: string } };
    assert.equal(err.error.type, 'server_error');
    assert.equal(err.error.code, 'INPUT_TOO_LARGE');
    assert.match(err.error.message, /^StreamFix could not repair this stream: /);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'FAILED');
    assert.equal(a.errors[0]!.code, 'INPUT_TOO_LARGE');
  });

  it('answers a non-streaming completion past an engine limit unrepaired, with status FAILED', async () => {
    const content = '{"a": "0123456789abcdef",}';
    up.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] })] });
    const res = await postChat(d, { ...REQ, stream: false }, { 'x-streamfix-mode': 'repair' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-streamfix-status'), 'FAILED');
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    assert.equal(body.choices[0]!.message.content, content);
    const a = await artifactOf(d, res);
    assert.equal(a.errors[0]!.code, 'INPUT_TOO_LARGE');
  });
});
