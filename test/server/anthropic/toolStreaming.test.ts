/**
 * Parallel tool calls: a call streams live, the next one starts streaming as soon as the upstream moved on
 * from a call whose JSON value is complete (OpenAI-style streams send calls one after another); calls
 * whose pieces truly interleave are held until the live one completes, or to the end. Exact events per
 * upstream chunk (one read each), and the same blocks at every byte split.
 */
import { strict as assert } from 'node:assert';
import { repairJson } from '../../../shared/engine';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator, type AnthropicEvent } from '../../../server/anthropic/translate';
import { checkGrammar, normalize, translate } from './helpers';

type Tc = { index: number; id?: string; name?: string; args?: string };
const call = ({ index, id, name, args }: Tc) => ({ index, ...(id ? { id, type: 'function' } : {}), function: { ...(name ? { name } : {}), arguments: args ?? '' } });
const ev = (delta: Record<string, unknown>, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const tools = (...tcs: Tc[]) => ev({ tool_calls: tcs.map(call) });

/** The stream's chunks, each one read: the events each read produced (message_start left out). */
function perChunk(chunks: string[]): { events: AnthropicEvent[][]; translator: MessageTranslator } {
  const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [] });
  const reader = new ChatStreamReader(t);
  t.start();
  t.take();
  const events = chunks.map((c) => reader.read(Buffer.from(c)));
  events.push(reader.end());
  return { events, translator: t };
}

const start = (i: number, id: string, name: string) => ({ type: 'content_block_start', index: i, content_block: { type: 'tool_use', id, name, input: {} } });
const json = (i: number, partial_json: string) => ({ type: 'content_block_delta', index: i, delta: { type: 'input_json_delta', partial_json } });
const stop = (i: number) => ({ type: 'content_block_stop', index: i });
const end = (output_tokens: number) => [{ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens } }, { type: 'message_stop' }];

function everySplit(text: string, want: unknown[]): void {
  for (let k = 1; k < Buffer.byteLength(text); k++) {
    const events = translate(text, [k]);
    checkGrammar(events);
    assert.deepEqual(normalize(events).slice(1), want, `cut at ${k}`);
  }
}

describe('messages: parallel tool calls stream as the upstream sends them', () => {
  // OpenAI's order: each call whole (its start, then its pieces), then the next; broken input in both
  const sequential = [
    tools({ index: 0, id: 'call_a', name: 'read_file' }),
    tools({ index: 0, args: "{path: 'a" }),
    tools({ index: 0, args: ".txt'}" }),
    tools({ index: 1, id: 'call_b', name: 'write_file' }),
    tools({ index: 1, args: '{"path": "b.txt", ' }),
    tools({ index: 1, args: '"text": "hi",}' }),
    ev({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ];

  it('sequential calls: block 0 closes when the upstream starts call 1, whose pieces then stream as they come', () => {
    const { events } = perChunk(sequential);
    assert.deepEqual(events, [
      // a block starts on its input's first `{` (an input that is not an object never starts one)
      [],
      [start(0, 'call_a', 'read_file'), json(0, '{"path": "a')],
      [json(0, '.txt"}')],
      [stop(0)],
      // the engine holds a comma until what follows shows it is not a trailing one
      [start(1, 'call_b', 'write_file'), json(1, '{"path": "b.txt"')],
      [json(1, ', "text": "hi"}')],
      [stop(1)],
      [],
      end(12),
    ]);
    assert.equal(repairJson("{path: 'a.txt'}").json, '{"path": "a.txt"}');
    assert.equal(repairJson('{"path": "b.txt", "text": "hi",}').json, '{"path": "b.txt", "text": "hi"}');
  });

  it('sequential calls: the same blocks at every byte split', () => {
    everySplit(sequential.join(''), [
      ['start', 0, { type: 'tool_use', id: 'call_a', name: 'read_file', input: {} }],
      ['input_json_delta', 0, '{"path": "a.txt"}'],
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'call_b', name: 'write_file', input: {} }],
      ['input_json_delta', 1, '{"path": "b.txt", "text": "hi"}'],
      ['stop', 1],
      ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 12 }],
      ['message_stop'],
    ]);
  });

  // the demo upstream's order: both starts, then a piece of each in turn
  const interleaved = [
    tools({ index: 0, id: 'call_a', name: 'f' }),
    tools({ index: 1, id: 'call_b', name: 'g' }),
    tools({ index: 0, args: '{"x": ' }),
    tools({ index: 1, args: '{"y": [1, ' }),
    tools({ index: 0, args: '1}' }),
    tools({ index: 1, args: '2' }),
    tools({ index: 1, args: ']}' }),
    ev({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ];

  it('interleaved calls: call 1 is held while call 0 is incomplete, then flushed and streamed once call 0 completed', () => {
    const { events } = perChunk(interleaved);
    assert.deepEqual(events, [
      [],
      [],
      [start(0, 'call_a', 'f'), json(0, '{')],
      [],
      [json(0, '"x": 1}')],
      // call 1's held piece, then its own (the number 2 is not decided until the next character)
      [stop(0), start(1, 'call_b', 'g'), json(1, '{"y": [1')],
      [json(1, ', 2]}')],
      [stop(1)],
      [],
      end(6),
    ]);
    everySplit(interleaved.join(''), [
      ['start', 0, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }],
      ['input_json_delta', 0, '{"x": 1}'],
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }],
      ['input_json_delta', 1, '{"y": [1, 2]}'],
      ['stop', 1],
      ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 6 }],
      ['message_stop'],
    ]);
  });

  it('a live call that never completes keeps its block open: the others go out whole at the end, in index order', () => {
    const chunks = [
      tools({ index: 0, id: 'call_a', name: 'f', args: '{"x": "cut' }),
      tools({ index: 2, id: 'call_c', name: 'h', args: '{"z": 3}' }),
      tools({ index: 1, id: 'call_b', name: 'g', args: '{"y": 2}' }),
      ev({}, 'tool_calls'),
    ];
    const { events } = perChunk(chunks);
    assert.deepEqual(events, [
      [start(0, 'call_a', 'f'), json(0, '{"x": "cut')],
      [],
      [],
      [json(0, '"}'), stop(0), start(1, 'call_b', 'g'), json(1, '{"y": 2}'), stop(1), start(2, 'call_c', 'h'), json(2, '{"z": 3}'), stop(2)],
      end(7),
    ]);
  });

  it('whitespace the upstream sends for a call after its block closed is left out; the artifact keeps it', () => {
    const chunks = [tools({ index: 0, id: 'call_a', name: 'f', args: '{"a":1}' }), tools({ index: 1, id: 'call_b', name: 'g', args: '{"b":2}' }), tools({ index: 0, args: '  ' }), ev({}, 'tool_calls')];
    const { events, translator } = perChunk(chunks);
    // call 0's whitespace is a piece of another call for the live call 1, whose value is complete: it closes
    assert.deepEqual(events, [[start(0, 'call_a', 'f'), json(0, '{"a":1}')], [stop(0), start(1, 'call_b', 'g'), json(1, '{"b":2}')], [stop(1)], [], end(4)]);
    assert.deepEqual(translator.toolArtifacts().map((a) => [a.index, a.status, a.repairedArguments]), [[0, 'VALID', '{"a":1}  '], [1, 'VALID', '{"b":2}']]);
  });
});
