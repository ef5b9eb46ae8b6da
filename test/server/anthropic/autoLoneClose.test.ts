/** Messages API, auto mode with thinking: R1-style reasoning (no opening tag, a lone `</think>`) before a
 * JSON answer is a thinking block, and the JSON after the tag decides repair, at every split point. */
import { HOLD_PROSE } from '../../../shared/engine';
import { strict as assert } from 'node:assert';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

describe('anthropic: auto mode after reasoning with no opening tag', () => {
  const text = sse(chunk({ role: 'assistant', content: 'plan {x}</think>{"a": 1,}' }), chunk({}, 'stop'), '[DONE]');
  const expected = (thinking: boolean) => [
    ['message_start', { input_tokens: 7, output_tokens: 0 }],
    ...(thinking
      ? [['start', 0, { type: 'thinking', thinking: '', signature: '' }], ['thinking_delta', 0, 'plan {x}'], ['signature_delta', 0, 'sig'], ['stop', 0], ['start', 1, { type: 'text', text: '' }], ['text_delta', 1, '{"a": 1}'], ['stop', 1]]
      : [['start', 0, { type: 'text', text: '' }], ['text_delta', 0, 'plan {x}{"a": 1,}'], ['stop', 0]]),
  ];

  for (const thinking of [true, false]) {
    it(`thinking ${thinking ? 'on: a thinking block, then the JSON repaired' : 'off: the text as the strip splitter leaves it (prose is not held)'}, at every split point`, () => {
      for (let k = 0; k <= Buffer.byteLength(text); k++) {
        const events = translate(text, [k], { mode: 'auto', holdProse: thinking ? HOLD_PROSE : 0 });
        checkGrammar(events);
        const got = normalize(events);
        assert.deepEqual(got.slice(0, -2), expected(thinking), `split at ${k}`);
      }
    });
  }
});
