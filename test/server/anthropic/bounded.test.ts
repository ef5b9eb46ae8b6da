/** The Messages translator keeps bounded copies of the texts for the artifact (head and tail, the cut
 * recorded) while the client's events stay exactly those of an unbounded copy, at every read split. */
import { strict as assert } from 'node:assert';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator, type AnthropicEvent, type TranslatorOptions } from '../../../server/anthropic/translate';
import { chunk, sse } from '../helpers/testUpstream';
import { normalize } from './helpers';

function run(sseText: string, cut: number, opts: Partial<TranslatorOptions>): { events: AnthropicEvent[]; t: MessageTranslator } {
  const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [], thinking: true, ...opts });
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
