/**
 * A tool call waiting behind a lower-index call keeps its arguments until its block starts: they are the
 * client's bytes still to send, so they are not cut. They are kept as one string per call (sent as one
 * delta) and bounded by the engine's maxInputLength for all the waiting calls together (one call's
 * arguments are bounded by it already): past it the message ends with an error event. At every byte split.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { artifactOf } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

type Tc = { index: number; id?: string; name?: string; args?: string };
const call = ({ index, id, name, args }: Tc) => ({ index, ...(id ? { id, type: 'function' } : {}), function: { ...(name ? { name } : {}), arguments: args ?? '' } });
const tools = (...tcs: Tc[]) => JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: tcs.map(call) }, finish_reason: null }] });
const finish = JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });

/** Call 0 streams live and completes last; calls 1 (in three pieces) and 2 wait behind it with 21 and `last` characters. */
function body(last: string): string {
  return sse(
    tools({ index: 0, id: 'call_a', name: 'f', args: '{"x": "' }),
    tools({ index: 1, id: 'call_b', name: 'g', args: '{"y": ' }),
    tools({ index: 1, args: '"abcdef' }),
    tools({ index: 1, args: 'ghijkl"}' }),
    tools({ index: 2, id: 'call_c', name: 'h', args: last }),
    tools({ index: 0, args: 'done"}' }),
    finish,
    '[DONE]',
  );
}
const FITS = body('{"z": "mnopqrstuvw"}'); // 21 + 20 = 41 characters waiting: the bound
const OVER = body('{"z": "mnopqrstuvwx"}'); // 21 + 21 = 42

describe('messages: tool calls waiting behind a lower-index call', () => {
  it('keeps their arguments whole and sends each as one delta when its block starts, at every byte split', () => {
    const want = [
      ['start', 0, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }],
      ['input_json_delta', 0, '{"x": "done"}'],
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }],
      ['input_json_delta', 1, '{"y": "abcdefghijkl"}'],
      ['stop', 1],
      ['start', 2, { type: 'tool_use', id: 'call_c', name: 'h', input: {} }],
      ['input_json_delta', 2, '{"z": "mnopqrstuvw"}'],
      ['stop', 2],
      ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 14 }],
      ['message_stop'],
    ];
    for (let k = 1; k < Buffer.byteLength(FITS); k++) {
      const events = translate(FITS, [k], { engine: { maxInputLength: 41 } });
      checkGrammar(events);
      assert.deepEqual(normalize(events).slice(1), want, `cut at ${k}`);
      // one delta per waiting call, whatever the reads
      assert.equal(events.filter((e) => e.type === 'content_block_delta' && e.index !== 0).length, 2, `cut at ${k}`);
    }
  });

  describe('past maxInputLength characters waiting, all calls together', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', engine: { maxInputLength: 41 } });

    it('ends the message with an error event naming the bound, the artifact says why, at every byte split', async function () {
      this.timeout(60_000);
      const bytes = Buffer.from(OVER, 'utf8');
      up.respond((r) => {
        const at = Number((JSON.parse(r.body) as { messages: { content: string }[] }).messages.at(-1)!.content);
        return { chunks: [bytes.subarray(0, at), bytes.subarray(at)] };
      });
      const message = 'StreamFix could not translate this stream: More than maxInputLength (41) characters of tool-call arguments wait behind a lower-index call';
      try {
        for (let at = 1; at < bytes.length; at++) {
          const r = await request(`${d.info.url.replace(/\/v1$/, '')}/v1/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
            body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: String(at) }] }),
          });
          const text = await r.body.text();
          const events = text.split('\n\n').filter((b) => b.trim() !== '').map((b) => JSON.parse(b.split('\n')[1]!.replace(/^data: /, '')) as { type: string; index?: number; delta?: { partial_json?: string }; error?: unknown });
          // call 0's block got what came before the error; the waiting calls got nothing, not a cut part
          assert.deepEqual(events.filter((e) => e.type === 'content_block_delta').map((e) => [e.index, e.delta!.partial_json]).reduce((s, [, p]) => s + p, ''), '{"x": "', `split ${at}`);
          assert.deepEqual(events.at(-1), { type: 'error', error: { type: 'api_error', message } }, `split ${at}`);
          const a = await artifactOf(d, { headers: new Headers({ 'x-streamfix-request-id': String(r.headers['x-streamfix-request-id']) }) } as Response);
          assert.equal(a.status, 'UPSTREAM_ERROR', `split ${at}`);
          assert.deepEqual(a.errors.filter((e) => e.code === 'INPUT_TOO_LARGE').map((e) => e.message), [message.replace('StreamFix could not translate this stream: ', '')], `split ${at}`);
        }
      } finally {
        up.respond(null);
      }
    });
  });
});
