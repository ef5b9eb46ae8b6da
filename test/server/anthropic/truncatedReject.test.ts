/**
 * x-streamfix-truncated-tools: reject in the Messages translation: a tool call cut inside its arguments
 * (finish_reason length, or the stream ending) never gets its block stopped with invented closure; the
 * message ends with an `error` event (its message and the cut calls' `truncated_tool_calls`) instead of
 * message_delta / message_stop. Every cut of the
 * arguments, and every byte split of the upstream body.
 */
import { strict as assert } from 'node:assert';
import { rejectionMessage } from '../../../server/gateway/truncatedTools';
import { translate } from './helpers';

const ARGS = '{"path": "a.txt", "content": "h\u00e9llo \u20ac"}';
const ev = (delta: Record<string, unknown>, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const START = ev({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_7', type: 'function', function: { name: 'write_file', arguments: '' } }] });
const piece = (args: string) => ev({ tool_calls: [{ index: 0, function: { arguments: args } }] });
const ENDINGS: Record<string, (k: number) => string> = {
  'finish_reason length': (k) => START + piece(ARGS.slice(0, k)) + ev({}, 'length') + 'data: [DONE]\n\n',
  'the body ending inside the arguments': (k) => START + piece(ARGS.slice(0, k)),
};
const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('messages: truncated tool calls rejected', () => {
  for (const [name, body] of Object.entries(ENDINGS)) {
    it(`${name}: at every cut, the block as far as it came, never stopped, then the error event`, () => {
      for (let k = 1; k < ARGS.length; k++) {
        const got = translate(body(k), [], { rejectTruncated: true });
        const closed = translate(body(k), [], {});
        const cut = ARGS.slice(0, k);
        const calls = [{ index: 0, id: 'call_7', name: 'write_file', bytes: Buffer.byteLength(cut) }];
        // the chat endpoint's structured list, in Anthropic's error shape
        const error = { type: 'error', error: { type: 'api_error', message: rejectionMessage(calls), truncated_tool_calls: calls } };
        // close: ... the closure delta, content_block_stop, message_delta, message_stop; reject: what came
        // before the closure, then the error
        const stopAt = closed.findIndex((e) => e.type === 'content_block_stop');
        assert.deepEqual(types(closed.slice(stopAt)), ['content_block_stop', 'message_delta', 'message_stop'], `cut ${k}`);
        assert.deepEqual(got, [...closed.slice(0, stopAt - 1), error], `cut ${k}`);
        const sent = got.filter((e) => e.type === 'content_block_delta').map((e) => (e.delta as { partial_json: string }).partial_json).join('');
        assert.ok(cut.startsWith(sent), `cut ${k}: sent ${JSON.stringify(sent)}`);
      }
    });
  }

  it('gives the same events at every byte split of the upstream body', () => {
    for (const body of Object.values(ENDINGS)) {
      const text = body(33);
      const whole = translate(text, [], { rejectTruncated: true });
      for (let s = 1; s < Buffer.byteLength(text); s++) assert.deepEqual(translate(text, [s], { rejectTruncated: true }).map((e) => JSON.stringify(e)).join(''), whole.map((e) => JSON.stringify(e)).join(''), `split ${s}`);
    }
  });

  it('leaves whole arguments and a call left open by finish_reason tool_calls as they were', () => {
    for (const text of [START + piece(ARGS) + ev({}, 'length'), START + piece(ARGS.slice(0, 20)) + ev({}, 'tool_calls')]) {
      assert.deepEqual(translate(text, [], { rejectTruncated: true }), translate(text, [], {}));
    }
  });
});
