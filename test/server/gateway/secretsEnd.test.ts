/**
 * A key start at the very end of a text: an upstream that echoes `Bearer <key>` and whose text ends inside
 * the key (the stream ends, a choice finishes, an error message or a JSON string closes) shows no more of
 * the key than its public `sk-or-v1-` (keyPrefix.ts); past it the held characters go as `[redacted]`.
 * Through the daemon against a loopback upstream, the key cut after every one of its characters, in every
 * channel (content, reasoning, tool arguments, refusal, reasoning_details, error.message,
 * error.metadata.raw) and every mode, on /v1/chat/completions and /v1/messages, streaming and not, error
 * bodies and /v1/models; exact bytes where the gateway forwards the upstream's (passthrough, error bodies,
 * the model list), exact texts where it re-serializes them, and the artifact.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { parseSse, sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-ECHOED-SECRET-0123456789';
const AUTH = `Bearer ${KEY}`;
/** The key's public start: every OpenRouter key starts so. */
const PUBLIC = 'sk-or-v1-'.length;
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
/** Every cut inside the key: after its first k characters. */
const CUTS = [...Array(KEY.length - 1).keys()].map((i) => i + 1);

/** The header the upstream got, cut after the key's first `k` characters. */
function head(r: RecordedRequest, k: number): string {
  assert.equal(r.headers.authorization, AUTH);
  return AUTH.slice(0, 'Bearer '.length + k);
}

/** What the client is shown of `head(…, k)` at a text's end. */
const shown = (k: number): string => (k <= PUBLIC ? AUTH.slice(0, 'Bearer '.length + k) : 'Bearer [redacted]');

/** No secret character of the key (one past its public start) in `s`. */
const leaks = (s: string): boolean => s.includes(KEY.slice(0, PUBLIC + 1)) || s.includes(KEY.slice(PUBLIC, PUBLIC + 6));

function delta(d: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({ id: 'gen-end', object: 'chat.completion.chunk', model: 'test/model', choices: [{ index: 0, delta: d, finish_reason: finish }] });
}

/** Each chat channel: the delta carrying text `t`, and the text read back from the client's stream. */
const CHAT_CHANNELS: Record<string, { delta(t: string): Record<string, unknown>; read(d: Record<string, unknown>): string }> = {
  content: { delta: (t) => ({ content: t }), read: (d) => (typeof d.content === 'string' ? d.content : '') },
  reasoning: { delta: (t) => ({ reasoning: t }), read: (d) => (typeof d.reasoning === 'string' ? d.reasoning : '') },
  'tool arguments': {
    delta: (t) => ({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: t } }] }),
    read: (d) => ((d.tool_calls as { function?: { arguments?: string } }[] | undefined) ?? []).map((c) => c.function?.arguments ?? '').join(''),
  },
  'reasoning_details text': {
    delta: (t) => ({ reasoning_details: [{ type: 'reasoning.text', text: t, format: 'unknown', index: 0 }] }),
    read: (d) => ((d.reasoning_details as { text?: string }[] | undefined) ?? []).map((e) => e.text ?? '').join(''),
  },
  refusal: { delta: (t) => ({ refusal: t }), read: (d) => (typeof d.refusal === 'string' ? d.refusal : '') },
  'tool name': {
    delta: (t) => ({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: t, arguments: '{}' } }] }),
    read: (d) => ((d.tool_calls as { function?: { name?: string } }[] | undefined) ?? []).map((c) => c.function?.name ?? '').join(''),
  },
};

/** A delta with one url_citation annotation whose url is `url`. */
const annotated = (url: string): Record<string, unknown> => ({ content: '', annotations: [{ type: 'url_citation', url_citation: { url, title: 'T', start_index: 0, end_index: 1 } }] });

/** A channel's text over the client's stream (choice 0). */
function channelText(body: string, read: (d: Record<string, unknown>) => string): string {
  let out = '';
  for (const data of parseSse(body).data) {
    if (data === '[DONE]') continue;
    const c = JSON.parse(data) as { choices?: { delta?: Record<string, unknown> }[] };
    for (const ch of c.choices ?? []) if (ch.delta) out += read(ch.delta);
  }
  return out;
}

/** How an upstream's stream ends after the event whose text ends inside the key. */
const ENDINGS: Record<string, string> = { 'the body ends': '', 'a finish_reason, [DONE]': sse(delta({}, 'stop'), '[DONE]'), '[DONE]': sse('[DONE]') };

describe('gateway: a key start at the very end of a text shows no more than the key\'s public start', () => {
  // the error answers would open the model's circuit breaker: off
  const { up, d } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 } });
  afterEach(() => up.respond(null));

  for (const [name, ch] of Object.entries(CHAT_CHANNELS)) {
    it(`passthrough, ${name}: exact bytes, the stream ending inside the key at every cut, three ways`, async () => {
      for (const [how, ending] of Object.entries(ENDINGS)) {
        for (const k of CUTS) {
          let sent = '';
          up.respond((r): ScriptedResponse => {
            sent = sse(delta({ role: 'assistant', content: '' }), delta(ch.delta(`echo ${head(r, k)}`)));
            return { headers: { 'content-type': 'text/event-stream' }, chunks: [sent, ...(ending === '' ? [] : [ending])] };
          });
          const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'passthrough' });
          const body = await res.text();
          const where = `${how}, cut after ${k}`;
          assert.equal(body, sse(delta({ role: 'assistant', content: '' }), delta(ch.delta(`echo ${shown(k)}`))) + ending, where);
          if (name === 'content') assert.equal((await artifactOf(d, res)).rawContent, `echo ${shown(k)}`, where);
        }
      }
    });
  }

  for (const mode of ['repair', 'strip'] as const) {
    for (const [name, ch] of Object.entries(CHAT_CHANNELS)) {
      it(`${mode}, ${name}: the text the client and the artifact get, the stream ending inside the key at every cut, three ways`, async () => {
        for (const [how, ending] of Object.entries(ENDINGS)) {
          for (const k of CUTS) {
            up.respond((r): ScriptedResponse => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta({ role: 'assistant', content: '' }), delta(ch.delta(name === 'tool arguments' ? `{"k": "${head(r, k)}` : `echo ${head(r, k)}`))), ...(ending === '' ? [] : [ending])] }));
            const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
            const body = await res.text();
            const where = `${how}, cut after ${k}`;
            assert.equal(leaks(body), false, where);
            // cut arguments are closed by the repair
            assert.equal(channelText(body, ch.read), name === 'tool arguments' ? `{"k": "${shown(k)}"}` : `echo ${shown(k)}`, where);
            const a = await artifactOf(d, res);
            assert.equal(leaks(JSON.stringify(a)), false, where);
            if (name === 'content') assert.equal(a.rawContent, `echo ${shown(k)}`, where);
          }
        }
      });
    }
  }

  for (const mode of ['repair', 'strip', 'passthrough'] as const) {
    it(`${mode}: a key cut across two tool-name deltas at every position is replaced (Gemini streams names in pieces)`, async () => {
      const call = (name: string, args: string, first: boolean) => ({ tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' } : {}), function: { name, arguments: args } }] });
      for (let at = 1; at < AUTH.length; at++) {
        up.respond((r): ScriptedResponse => {
          assert.equal(r.headers.authorization, AUTH);
          return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta({ role: 'assistant', ...call(`f_${AUTH.slice(0, at)}`, '', true) })), sse(delta(call(`${AUTH.slice(at)}_g`, '{}', false)), delta({}, 'tool_calls'), '[DONE]')] };
        });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const body = await res.text();
        assert.equal(leaks(body), false, `cut at ${at}`);
        // passthrough sends 1-3 of the key's characters ending an event (PASSTHROUGH_MIN_HOLD), the rest replaced
        const sent = at - 'Bearer '.length;
        const want = mode === 'passthrough' && sent >= 1 && sent < 4 ? `f_Bearer ${KEY.slice(0, sent)}[redacted]_g` : 'f_Bearer [redacted]_g';
        assert.equal(channelText(body, CHAT_CHANNELS['tool name']!.read), want, `cut at ${at}`);
      }
    });

    it(`${mode}: a url_citation annotation holding the key whole, or ending inside it at every cut`, async () => {
      for (let k = 1; k <= KEY.length; k++) {
        const url = (h: string) => `https://example.com/search?key=${h}`;
        up.respond((r): ScriptedResponse => {
          assert.equal(r.headers.authorization, AUTH);
          return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta({ role: 'assistant', content: 'see [1]' }), delta(annotated(url(KEY.slice(0, k)))), delta({}, 'stop'), '[DONE]')] };
        });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const body = await res.text();
        const want = url(k <= PUBLIC ? KEY.slice(0, k) : '[redacted]');
        assert.equal(leaks(body), false, `k ${k}`);
        if (mode === 'passthrough') assert.equal(body, sse(delta({ role: 'assistant', content: 'see [1]' }), delta(annotated(want)), delta({}, 'stop'), '[DONE]'), `k ${k}`);
        else assert.deepEqual(parseSse(body).data.flatMap((x) => (x === '[DONE]' ? [] : ((JSON.parse(x) as { choices: { delta: { annotations?: unknown[] } }[] }).choices[0]?.delta.annotations ?? []))), (annotated(want).annotations as unknown[]), `k ${k}`);
      }
    });
  }

  for (const mode of ['repair', 'strip'] as const) {
    it(`${mode}: a key cut across two refusal deltas at every position is replaced (the refusal is followed like content)`, async () => {
      for (let at = 1; at < AUTH.length; at++) {
        up.respond((r): ScriptedResponse => {
          assert.equal(r.headers.authorization, AUTH);
          return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta({ role: 'assistant', refusal: `no ${AUTH.slice(0, at)}` })), sse(delta({ refusal: `${AUTH.slice(at)} end` }), delta({}, 'stop'), '[DONE]')] };
        });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const body = await res.text();
        assert.equal(leaks(body), false, `cut at ${at}`);
        assert.equal(channelText(body, CHAT_CHANNELS.refusal!.read), 'no Bearer [redacted] end', `cut at ${at}`);
      }
    });
  }

  for (const mode of ['repair', 'strip', 'passthrough'] as const) {
    it(`${mode}: an error event whose message and metadata.raw end inside the key, at every cut: exact bytes`, async () => {
      for (const k of CUTS) {
        const error = (h: string) => JSON.stringify({ error: { code: 401, message: `No auth credentials: ${h}`, metadata: { provider_name: 'P', raw: `{"auth":"${h}` } } });
        up.respond((r): ScriptedResponse => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta({ role: 'assistant', content: 'ok' })), sse(error(head(r, k)), '[DONE]')] }));
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const body = await res.text();
        const where = `cut after ${k}`;
        assert.equal(leaks(body), false, where);
        assert.equal(body.endsWith(sse(error(shown(k)), '[DONE]')), true, `${where}: ${body}`);
        // (repair adds its own error: no JSON in `ok`)
        assert.deepEqual((await artifactOf(d, res)).errors[0], { message: `No auth credentials: ${shown(k)}`, code: '401' }, where);
      }
    });

    it(`${mode}: a non-streaming answer whose content ends inside the key, at every cut`, async () => {
      for (const k of CUTS) {
        const answer = (h: string) => JSON.stringify({ id: 'x', object: 'chat.completion', model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: `echo ${h}` }, finish_reason: 'stop' }] });
        up.respond((r): ScriptedResponse => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(head(r, k))] }));
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        const body = await res.text();
        const where = `cut after ${k}`;
        if (mode === 'passthrough') assert.equal(body, answer(shown(k)), where);
        else assert.equal((JSON.parse(body) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, `echo ${shown(k)}`, where);
        assert.equal((await artifactOf(d, res)).rawContent, `echo ${shown(k)}`, where);
      }
    });
  }

  it('a 401 body whose message ends inside the key, and the model list, at every cut: exact bytes', async () => {
    for (const k of CUTS) {
      const where = `cut after ${k}`;
      const error = (h: string) => `{"error":{"message":"No auth credentials found for ${h}","code":401}}`;
      up.respond((r) => ({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [error(head(r, k))] }));
      const res = await postChat(d, { ...REQ, stream: true });
      assert.equal(res.status, 401, where);
      assert.equal(await res.text(), error(shown(k)), where);
      const models = (h: string) => JSON.stringify({ data: [{ id: 'm', owner: h }] });
      up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [models(head(r, k))] }));
      assert.equal(await (await fetch(`${d.info.url}/models`)).text(), models(shown(k)), where);
    }
  });

  it('/v1/messages streaming: a tool name in two deltas (joined: toolCalls.ts nameAfter), the key cut between them at every position', async () => {
    for (let at = 1; at < AUTH.length; at++) {
      up.respond((r): ScriptedResponse => {
        assert.equal(r.headers.authorization, AUTH);
        const call = (name: string, args: string, first: boolean) => ({ tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' } : {}), function: { name, arguments: args } }] });
        return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta({ role: 'assistant', ...call(`f_${AUTH.slice(0, at)}`, '', true) })), sse(delta(call(`${AUTH.slice(at)}_g`, '{}', false)), delta({}, 'tool_calls'), '[DONE]')] };
      });
      const res = await fetch(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const body = await res.text();
      const names = parseSse(body).data.flatMap((x) => {
        const e = JSON.parse(x) as { type: string; content_block?: { type: string; name?: string } };
        return e.type === 'content_block_start' && e.content_block?.type === 'tool_use' ? [e.content_block.name] : [];
      });
      assert.equal(leaks(body), false, `cut at ${at}`);
      // the name is both pieces, the key in it redacted whole
      assert.deepEqual(names, ['f_Bearer [redacted]_g'], `cut at ${at}`);
    }
  });

  it('/v1/messages streaming: text, thinking, tool input and an error message ending inside the key, at every cut', async () => {
    for (const k of CUTS) {
      for (const withError of [false, true]) {
        up.respond((r): ScriptedResponse => {
          const h = head(r, k);
          const events = [delta({ role: 'assistant', reasoning: `plan ${h}` }), delta({ content: `hi ${h}` }), delta({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: `{"k": "${h}` } }] })];
          const end = withError ? [JSON.stringify({ error: { code: 401, message: `No auth: ${h}` } })] : [delta({}, 'tool_calls'), '[DONE]'];
          return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(...events), sse(...end)] };
        });
        const res = await fetch(`${d.info.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hi' }] }),
        });
        const body = await res.text();
        const where = `cut after ${k}${withError ? ', an error' : ''}`;
        assert.equal(leaks(body), false, where);
        const texts: Record<string, string> = {};
        let error = '';
        for (const data of parseSse(body).data) {
          const e = JSON.parse(data) as { type: string; delta?: { type: string; text?: string; thinking?: string; partial_json?: string }; error?: { message: string } };
          if (e.type === 'error') error = e.error!.message;
          if (e.type !== 'content_block_delta' || !e.delta || e.delta.type === 'signature_delta') continue;
          texts[e.delta.type] = (texts[e.delta.type] ?? '') + (e.delta.text ?? e.delta.thinking ?? e.delta.partial_json ?? '');
        }
        if (withError) assert.equal(error, `Upstream stream failed: No auth: ${shown(k)}`, where);
        else assert.deepEqual(texts, { thinking_delta: `plan ${shown(k)}`, text_delta: `hi ${shown(k)}`, input_json_delta: `{"k": "${shown(k)}"}` }, where);
        assert.equal(leaks(JSON.stringify(await artifactOf(d, res))), false, where);
      }
    }
  });
});
