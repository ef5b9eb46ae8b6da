/**
 * tool_use blocks go out in the upstream's index order, as the chat endpoint's calls and the artifact's
 * are: a call whose name has not come yet holds the calls after it (as one whose input has not begun
 * does). Before, call 0 sent with only its id, then call 1 whole, then call 0's name and input gave
 * Grep, Read: the lowest-index call *with a name* streamed live, though the README promised index order.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const tc = (index: number, f: Record<string, unknown>, id?: string) => chunk({ tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: f }] });
const NAME_LATE = sse(
  chunk({ role: 'assistant', content: '' }),
  tc(0, { arguments: '' }, 'toolu_01'),
  tc(1, { name: 'Grep', arguments: '{"pattern": "x"}' }, 'toolu_02'),
  tc(0, { name: 'Read' }),
  tc(0, { arguments: '{"file_path": "/a"}' }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

describe('messages: a call whose name comes late keeps its place before the calls after it', () => {
  it('Read, then Grep, at every byte split, in every mode', () => {
    for (const mode of ['strip', 'repair', 'auto'] as const) {
      for (let k = 1; k < Buffer.byteLength(NAME_LATE); k++) {
        const events = translate(NAME_LATE, [k], { mode });
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1, 7), [
          ['start', 0, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }],
          ['input_json_delta', 0, '{"file_path": "/a"}'],
          ['stop', 0],
          ['start', 1, { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: {} }],
          ['input_json_delta', 1, '{"pattern": "x"}'],
          ['stop', 1],
        ], `${mode}, cut at ${k}`);
      }
    }
  });

  describe('through the Anthropic SDK', () => {
    const { up, d } = useTestGateway();
    it('streamed and not: Read, Grep', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const req = { model: 'x/model', max_tokens: 50, messages: [{ role: 'user' as const, content: 'find' }] };
      for (const stream of [true, false]) {
        up.enqueue({ chunks: [NAME_LATE] });
        const m = stream ? await client.messages.stream(req).finalMessage() : await client.messages.create(req);
        assert.deepEqual(m.content, [
          { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: '/a' } },
          { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: { pattern: 'x' } },
        ], `stream ${stream}`);
      }
    });
  });
});
