/** The Messages translator keeps bounded copies of the texts for the artifact (head and tail, the cut
 * recorded) while the client's events stay exactly those of an unbounded copy, at every read split. */
import { HOLD_PROSE } from '../../../shared/engine';
import { strict as assert } from 'node:assert';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator, type AnthropicEvent, type TranslatorOptions } from '../../../server/anthropic/translate';
import { overLongBody } from '../../../server/gateway/streamRewrite';
import { chunk, sse } from '../helpers/testUpstream';
import { normalize } from './helpers';

function run(sseText: string, cut: number, opts: Partial<TranslatorOptions>): { events: AnthropicEvent[]; t: MessageTranslator } {
  const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [], holdProse: HOLD_PROSE, ...opts });
  const reader = new ChatStreamReader(t, true);
  t.start();
  const events = t.take();
  const bytes = Buffer.from(sseText, 'utf8');
  events.push(...reader.read(bytes.subarray(0, cut)), ...reader.read(bytes.subarray(cut)), ...reader.end());
  return { events, t };
}

describe('messages: bounded artifact texts', () => {
  const body = sse(chunk({ content: '<think>abcdefghij' }), chunk({ content: 'klmnop</think>' }), chunk({ content: 'ABCDEFGHIJKLMNOPQRST' }), chunk({}, 'stop'), '[DONE]');

  it('keeps head and tail of the content, the text sent and the reasoning, the cuts recorded, at every split', () => {
    const whole = run(body, 0, { textLimit: Infinity });
    assert.equal(whole.t.rawContent, '<think>abcdefghijklmnop</think>ABCDEFGHIJKLMNOPQRST');
    assert.deepEqual(whole.t.cuts(), []);
    for (let k = 0; k <= Buffer.byteLength(body); k++) {
      const { events, t } = run(body, k, { textLimit: 8 });
      assert.deepEqual(normalize(events), normalize(whole.events), `split ${k}`);
      assert.equal(t.rawContent, '<thiQRST', `split ${k}`);
      assert.equal(t.sentText, 'ABCDQRST', `split ${k}`);
      assert.equal(t.reasoning, 'abcdmnop', `split ${k}`);
      assert.deepEqual(
        t.cuts(),
        [
          { field: 'rawContent', at: 4, chars: 43 },
          { field: 'repairedContent', at: 4, chars: 12 },
          { field: 'reasoning', at: 4, chars: 8 },
        ],
        `split ${k}`,
      );
    }
  });

  for (const mode of ['repair', 'strip'] as const) {
    it(`${mode}: 6,000 think blocks keep the first and last 100 spans, the cut named`, () => {
      const many = sse(...Array.from({ length: 6000 }, (_, i) => chunk({ content: `<think>${i}</think>` })), chunk({ content: '{"a":1}' }), chunk({}, 'stop'), '[DONE]');
      const { t } = run(many, 0, { mode });
      const stripped = t.contentResult().stripped;
      assert.equal(stripped.length, 200);
      assert.deepEqual([stripped[99]!.text, stripped[100]!.text], ['<think>99</think>', '<think>5900</think>']);
      assert.deepEqual(t.cuts(), [{ field: 'stripped', at: 100, entries: 5800 }]);
    });
  }
});

describe('messages: an upstream event over the SSE bound', () => {
  it('ends the message with an error event naming it, at every read split, for LF and CR line ends', () => {
    for (const eol of ['\n', '\r']) {
      const body = sse(chunk({ content: 'Hi' }), chunk({ content: 'x'.repeat(1000) }), chunk({ content: ' there' }), chunk({}, 'stop'), '[DONE]').replace(/\n/g, eol);
      const bytes = Buffer.from(body);
      for (let k = 0; k <= bytes.length; k++) {
        const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [] });
        const reader = new ChatStreamReader(t, true, 400);
        t.start();
        const events = [...t.take(), ...reader.read(bytes.subarray(0, k)), ...reader.read(bytes.subarray(k)), ...reader.end()];
        const n = normalize(events);
        assert.deepEqual(n.slice(1), [['start', 0, { type: 'text', text: '' }], ['text_delta', 0, 'Hi'], ['error']], `${JSON.stringify(eol)} split ${k}`);
        assert.deepEqual(events.at(-1), { type: 'error', error: { type: 'api_error', message: `Upstream stream failed: ${overLongBody(400).error.message}` } });
        assert.equal(reader.overLong, 1);
        assert.equal(reader.upstreamErrorCode, 'upstream_event_too_large');
      }
    }
  });
});
