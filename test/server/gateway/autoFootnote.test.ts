/**
 * auto mode: a short bracketed value followed on its line by a word is prose (`[1] is a footnote
 * marker.`), and goes as sent in chat and the Messages API, at every split of the content, streaming and
 * not; a short value followed by a line end is still repaired.
 */
import { strict as assert } from 'node:assert';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator } from '../../../server/anthropic/translate';
import { ContentProcessor } from '../../../server/gateway/content';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, parseSse, sse } from '../helpers/testUpstream';
import { normalize, translate } from '../anthropic/helpers';

const PROSE = '[1] is a footnote marker.';
const JSONISH = "[1, 'a']\nis the list.";
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

describe('gateway: auto mode, a short bracket in a sentence', () => {
  it('chat: the content processor sends it as it came (strip), and repairs the value on its own line, at every split', () => {
    for (const [text, mode, content] of [[PROSE, 'strip', PROSE], [JSONISH, 'repair', '[1, "a"]']] as const) {
      for (let k = 0; k <= text.length; k++) {
        const c = new ContentProcessor('strip', {}, true, undefined, 0);
        const got = [c.push(text.slice(0, k)), c.push(text.slice(k)), c.end()].map((p) => p.content).join('');
        assert.deepEqual([c.mode, got], [mode, content], `${JSON.stringify(text)} split at ${k}`);
      }
    }
  });

  it('Messages API: one text block as it came (strip), and the repaired value on its own line, at every split', () => {
    const upstream = (parts: string[]) => sse(...parts.map((p, i) => chunk(i === 0 ? { role: 'assistant', content: p } : { content: p })), chunk({}, 'stop'), '[DONE]');
    for (const [text, block] of [[PROSE, PROSE], [JSONISH, '[1, "a"]']] as const) {
      for (let k = 0; k <= text.length; k++) {
        const n = normalize(translate(upstream([text.slice(0, k), text.slice(k)]), [], { mode: 'auto' })) as unknown[][];
        assert.deepEqual(n.filter((e) => e[0] === 'text_delta').map((e) => e[2]).join(''), block, `${JSON.stringify(text)} split at ${k}`);
      }
    }
  });

  it('Messages API: an upstream failure while a value waits for its end sends what the text so far decides, then the error', () => {
    const t = new MessageTranslator({ id: 'm', model: 'c', inputTokens: 7, mode: 'auto', stopSequences: [] });
    const reader = new ChatStreamReader(t, true);
    t.start();
    const events = [...t.take(), ...reader.read(Buffer.from(sse(chunk({ role: 'assistant', content: '{"a": [1, 2' }))))];
    assert.equal(events.filter((e) => e.type === 'content_block_delta').length, 0, 'held until the value ends');
    t.fail('Upstream stream failed: reset');
    const n = normalize([...events, ...t.take()]) as unknown[][];
    // what the engine held (`, 2`) and the closers go out before the error, as the chat endpoint's (below)
    assert.deepEqual(n.slice(1), [['start', 0, { type: 'text', text: '' }], ['text_delta', 0, '{"a": [1, 2]}'], ['error']]);
    assert.deepEqual(t.decided, { mode: 'repair', reason: 'auto: the answer starts as JSON ({)' });
  });

  describe('through the daemon (chat)', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test' });

    it('an upstream that drops while a value waits for its end: the text so far (closed) goes out before the error chunk', async () => {
      for (const [mode, content] of [['auto', '{"a": [1, 2]}'], ['repair', '{"a": [1, 2]}'], ['strip', '{"a": [1, 2']] as const) {
        up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: '{"a": [1' }), chunk({ content: ', 2' }))], destroyAfter: true });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const text = await res.text();
        const { data } = parseSse(text);
        assert.equal(collect(text).content, content, mode);
        assert.equal(data[data.length - 1], '[DONE]');
        const err = JSON.parse(data[data.length - 2]!) as { error: { code: string; message: string } };
        assert.equal(err.error.code, 'upstream_error');
        assert.match(err.error.message, /^Upstream stream failed: /);
        const a = await artifactOf(d, res);
        assert.equal(a.status, 'UPSTREAM_ERROR');
        assert.equal(a.repairedContent, content, mode);
      }
    });

    it('streaming and not: the sentence as sent, mode strip with its reason', async () => {
      up.enqueue({ chunks: [sse(chunk({ content: '[1' }), chunk({ content: '] is a footnote marker.' }), chunk({}, 'stop'), '[DONE]')] });
      const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'auto' });
      assert.equal(collect(await res.text()).content, PROSE);
      const a = await artifactOf(d, res);
      assert.deepEqual([a.mode, a.modeReason], ['strip', 'auto: the answer starts with text']);
      up.enqueue({ chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: PROSE }, finish_reason: 'stop' }] })], headers: { 'content-type': 'application/json' } });
      const one = (await (await postChat(d, REQ, { 'x-streamfix-mode': 'auto' })).json()) as { choices: { message: { content: string } }[] };
      assert.equal(one.choices[0]!.message.content, PROSE);
    });
  });
});
