/**
 * Auto mode and an answer whose first content comes after a tool call: the text after the calls decides
 * the mode, as on the chat endpoint. Before, the first call decided on no content at all (`auto: no answer
 * content`, strip), so `{"a": 1,}` after a call reached the client unrepaired and the artifact said TEXT
 * while the chat endpoint repaired the same answer.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const CALL = chunk({ tool_calls: [{ index: 0, id: 'toolu_01', type: 'function', function: { name: 'Read', arguments: '{"file_path": "/a"}' } }] });
const after = (...pieces: string[]) => sse(chunk({ role: 'assistant', content: '' }), CALL, ...pieces.map((p) => chunk({ content: p })), chunk({}, 'stop'), '[DONE]');
const READ = [['start', 0, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }], ['input_json_delta', 0, '{"file_path": "/a"}'], ['stop', 0]];

describe('messages, auto: content that first comes after a tool call decides the mode', () => {
  const cases: [string, string[], unknown[]][] = [
    ['JSON after the call is repaired', ['{"a": ', '1,}'], [['start', 1, { type: 'text', text: '' }], ['text_delta', 1, '{"a": 1}'], ['stop', 1]]],
    ['prose after the call goes as sent', ['Done', ' {x}.'], [['start', 1, { type: 'text', text: '' }], ['text_delta', 1, 'Done {x}.'], ['stop', 1]]],
    ['no content at all: the call alone', [], []],
  ];
  for (const [name, pieces, text] of cases) {
    it(`${name}, at every byte split`, () => {
      const body = after(...pieces);
      for (let k = 1; k < Buffer.byteLength(body); k++) {
        const events = translate(body, [k], { mode: 'auto' });
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1, -2), [...READ, ...text], `cut at ${k}`);
      }
    });
  }

  describe('through the Anthropic SDK', () => {
    const { up, d } = useTestGateway();
    const client = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
    const req = { model: 'x/model', max_tokens: 50, tools: [{ name: 'Read', input_schema: { type: 'object' as const } }], messages: [{ role: 'user' as const, content: 'read' }] };
    const read = { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: '/a' } };
    const wants: [string[], unknown[], string[]][] = [
      [['{"a": ', '1,}'], [read, { type: 'text', text: '{"a": 1}' }], ['REPAIRED', 'repair', 'auto: the answer starts as JSON ({)', '{"a": 1,}', '{"a": 1}']],
      [['Done', ' {x}.'], [read, { type: 'text', text: 'Done {x}.' }], ['TEXT', 'strip', 'auto: the answer starts with text', 'Done {x}.', 'Done {x}.']],
      [[], [read], ['VALID', 'strip', 'auto: no answer content', '', '']],
    ];
    for (const [pieces, content, art] of wants) {
      it(`${JSON.stringify(pieces.join(''))} after the call, streamed and not: ${art[0]}, ${art[2]}`, async () => {
        for (const stream of [true, false]) {
          up.enqueue({ chunks: [after(...pieces)] });
          const m = stream ? await client().messages.stream(req).finalMessage() : await client().messages.create(req);
          assert.deepEqual(m.content, content, `stream ${stream}`);
          const list = (await (await fetch(`${d.info.url}/streamfix/results?limit=1`)).json()) as { data: { id: string }[] };
          const a = (await (await fetch(`${d.info.url}/streamfix/result/${list.data[0]!.id}`)).json()) as Artifact;
          assert.deepEqual([a.status, a.mode, a.modeReason, a.rawContent, a.repairedContent], art, `stream ${stream}`);
        }
      });
    }
  });
});
