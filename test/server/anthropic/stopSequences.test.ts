/**
 * Stop sequences go upstream as `stop` (the first 4) and are still watched by the gateway, so the text is
 * exact either way; the stop reason says `stop_sequence` only when it is known that a sequence ended the
 * answer, and names the sequence only when it is known which.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { createStopScanner, upstreamStopSequence } from '../../../server/anthropic/stopSequences';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway, withTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

/** An upstream stream whose finishing choice carries `finish` (its finish_reason and extra fields). */
function stream(pieces: string[], finish: Record<string, unknown>): string {
  const ev = (choice: Record<string, unknown>) => `data: ${JSON.stringify({ choices: [{ index: 0, ...choice }] })}\n\n`;
  return pieces.map((p) => ev({ delta: { content: p }, finish_reason: null })).join('') + ev({ delta: {}, ...finish }) + 'data: [DONE]\n\n';
}

function tail(events: ReturnType<typeof translate>): unknown[] {
  return normalize(events).slice(-4);
}

describe('messages: stop sequences sent upstream', () => {
  const text = ['Hello', ' there.'];
  const cases: [string, Record<string, unknown>, string[], string, string | null][] = [
    ['vLLM stop_reason names the sequence', { finish_reason: 'stop', stop_reason: '\n\nHuman:' }, ['END', '\n\nHuman:'], 'stop_sequence', '\n\nHuman:'],
    ['SGLang matched_stop names the sequence', { finish_reason: 'stop', matched_stop: 'END' }, ['END', 'STOP'], 'stop_sequence', 'END'],
    ["native_finish_reason stop_sequence with one sequence sent: that one", { finish_reason: 'stop', native_finish_reason: 'stop_sequence' }, ['END'], 'stop_sequence', 'END'],
    ['native_finish_reason stop_sequence with two sent: a sequence, not which', { finish_reason: 'stop', native_finish_reason: 'stop_sequence' }, ['END', 'STOP'], 'stop_sequence', null],
    ['a plain finish_reason stop says nothing: end_turn', { finish_reason: 'stop', native_finish_reason: 'stop' }, ['END'], 'end_turn', null],
    ['a stop_reason that is not one of the sequences (a token id, an EOS string): end_turn', { finish_reason: 'stop', stop_reason: '<|im_end|>' }, ['END'], 'end_turn', null],
    ['a fifth sequence was never sent, so it cannot be the one the upstream names', { finish_reason: 'stop', stop_reason: 'E5' }, ['E1', 'E2', 'E3', 'E4', 'E5'], 'end_turn', null],
    ['finish_reason length stays max_tokens', { finish_reason: 'length', native_finish_reason: 'stop_sequence' }, ['END'], 'max_tokens', null],
  ];
  for (const [name, finish, stops, reason, seq] of cases) {
    it(`${name}, at every byte split`, () => {
      const sseText = stream(text, finish);
      for (let k = 1; k < Buffer.byteLength(sseText); k++) {
        const events = translate(sseText, [k], { stopSequences: stops });
        checkGrammar(events);
        assert.deepEqual(tail(events), [['text_delta', 0, 'Hello there.'], ['stop', 0], ['message_delta', { stop_reason: reason, stop_sequence: seq }, { output_tokens: 3 }], ['message_stop']], `cut at ${k}`);
      }
    });
  }

  it('upstreamStopSequence reads only a finish_reason stop', () => {
    assert.equal(upstreamStopSequence({ finish_reason: 'tool_calls', stop_reason: 'END' }, ['END']), undefined);
    assert.equal(upstreamStopSequence({ finish_reason: 'stop', stop_reason: 'END' }, []), undefined);
    assert.equal(upstreamStopSequence({ finish_reason: 'stop', stop_reason: 151643 }, ['END']), undefined);
  });

  it('a partial match held at the end of an upstream-stopped text goes out at the end (the scanner still runs)', () => {
    const s = createStopScanner(['\n\nHuman:']);
    assert.deepEqual(s.push('Bye.\n\nHu'), { text: 'Bye.', matched: null });
    assert.equal(s.end(), '\n\nHu');
  });

  describe('repair mode: a sequence cuts the model\'s text before the engine reads it, so the JSON is closed there', () => {
    // [mode, the model's text, sequences, the text block, stop_reason, stop_sequence]
    const cases: [string, string, string[], string, string, string | null][] = [
      ['repair', '{"a": [1, 2, 3,]}', ['2'], '{"a": [1]}', 'stop_sequence', '2'],
      ['auto', '{"a": 1, "b": "x END y", c: 2}', ['END'], '{"a": 1, "b": "x "}', 'stop_sequence', 'END'],
      ['auto', '{"a": 1}\nEND\nmore', ['END'], '{"a": 1}\n', 'stop_sequence', 'END'],
      // the start of a sequence at the end of the text was text after all: the engine reads it
      ['repair', '{"a": "x EN', ['END'], '{"a": "x EN"}', 'end_turn', null],
      ['repair', '{"a": 1}', ['END'], '{"a": 1}', 'end_turn', null],
    ];
    for (const [mode, model, stops, block, reason, seq] of cases) {
      it(`${mode}: ${JSON.stringify(model)} with ${JSON.stringify(stops)} gives ${JSON.stringify(block)}, at every byte split`, () => {
        const sseText = stream([model.slice(0, 5), model.slice(5)], { finish_reason: 'stop' });
        for (let k = 1; k < Buffer.byteLength(sseText); k++) {
          const events = translate(sseText, [k], { stopSequences: stops, mode: mode as 'repair' | 'auto' });
          checkGrammar(events);
          const n = normalize(events);
          assert.deepEqual(n.filter((e) => (e as unknown[])[0] === 'text_delta'), [['text_delta', 0, block]], `split at ${k}`);
          assert.deepEqual((n.at(-2) as unknown[])[1], { stop_reason: reason, stop_sequence: seq }, `split at ${k}`);
        }
      });
    }
  });

  describe('auto mode: a sequence in the first characters, before the answer decided the mode, stops it as that mode does', () => {
    // [the model's text, sequences, the mode auto decides, thinking, the text block, stop_sequence]
    const cases: [string, string[], 'repair' | 'strip', string, string, string][] = [
      ['{"a": 1, "b": 2}', ['{"a'], 'repair', '', '', '{"a'],
      ['\n\n{"a": 1}', ['\n\n'], 'repair', '', '', '\n\n'],
      ['<think>plan END</think>{"a": 1}', ['END'], 'repair', 'plan ', '', 'END'],
      ['[1, 2]', ['[1, 2]', '2]'], 'repair', '', '', '[1, 2]'],
      ['Sure END {"a": 1}', ['END'], 'strip', '', 'Sure ', 'END'],
    ];
    const deltas = (events: ReturnType<typeof translate>) => {
      const n = normalize(events) as unknown[][];
      const join = (type: string) => n.filter((e) => e[0] === type).map((e) => e[2]).join('');
      return [join('thinking_delta'), join('text_delta'), n.at(-2)![1]];
    };
    for (const [model, stops, decided, thinking, text, seq] of cases) {
      it(`${JSON.stringify(model)} with ${JSON.stringify(stops)}: thinking ${JSON.stringify(thinking)}, text ${JSON.stringify(text)}, stop_sequence ${JSON.stringify(seq)}, as ${decided} mode, at every split into two events and every byte read`, () => {
        const want = [thinking, text, { stop_reason: 'stop_sequence', stop_sequence: seq }];
        for (let m = 0; m <= model.length; m++) {
          const sseText = stream([model.slice(0, m), model.slice(m)], { finish_reason: 'stop' });
          const auto = translate(sseText, [], { stopSequences: stops, mode: 'auto' });
          checkGrammar(auto);
          assert.deepEqual(deltas(auto), want, `split at ${m}`);
          assert.deepEqual(normalize(auto), normalize(translate(sseText, [], { stopSequences: stops, mode: decided })), `the same events as ${decided} mode, split at ${m}`);
        }
        const sseText = stream([model.slice(0, 2), model.slice(2)], { finish_reason: 'stop' });
        for (let k = 1; k < Buffer.byteLength(sseText); k++) assert.deepEqual(deltas(translate(sseText, [k], { stopSequences: stops, mode: 'auto' })), want, `byte split at ${k}`);
      });
    }
  });

  describe('text after a tool call is watched as text before it is (before: strip and auto sent it whole, stop_reason tool_use)', () => {
    const AFTER_CALL = sse(
      chunk({ role: 'assistant', content: '' }),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_01', type: 'function', function: { name: 'Read', arguments: '{"file_path": "/a"}' } }] }),
      chunk({ content: 'Done.\n\nHu' }),
      chunk({ content: 'man: more' }),
      chunk({}, 'stop'),
      '[DONE]',
    );
    for (const mode of ['strip', 'repair', 'auto'] as const) {
      it(`${mode}: the text ends before the sequence, stop_sequence, at every byte split`, () => {
        for (let k = 1; k < Buffer.byteLength(AFTER_CALL); k++) {
          const events = translate(AFTER_CALL, [k], { mode, stopSequences: ['\n\nHuman:'] });
          checkGrammar(events);
          assert.deepEqual(normalize(events).slice(1), [
            ['start', 0, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }],
            ['input_json_delta', 0, '{"file_path": "/a"}'],
            ['stop', 0],
            ['start', 1, { type: 'text', text: '' }],
            ['text_delta', 1, 'Done.'],
            ['stop', 1],
            ['message_delta', { stop_reason: 'stop_sequence', stop_sequence: '\n\nHuman:' }, { output_tokens: 6 }],
            ['message_stop'],
          ], `cut at ${k}`);
        }
      });
    }

    it('through the Anthropic SDK, streamed and not: the text and the artifact end before the sequence', async () => {
      await withTestGateway({}, async ({ up, d }) => {
        const strip = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': 'strip' } });
        const req = { model: 'x/model', max_tokens: 50, stop_sequences: ['\n\nHuman:'], tools: [{ name: 'Read', input_schema: { type: 'object' as const } }], messages: [{ role: 'user' as const, content: 'read' }] };
        for (const stream of [true, false]) {
          up.enqueue({ chunks: [AFTER_CALL] });
          const m = stream ? await strip.messages.stream(req).finalMessage() : await strip.messages.create(req);
          assert.deepEqual([m.content, m.stop_reason, m.stop_sequence], [[{ type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: '/a' } }, { type: 'text', text: 'Done.' }], 'stop_sequence', '\n\nHuman:'], `stream ${stream}`);
          const list = (await (await fetch(`${d.info.url}/streamfix/results?limit=1`)).json()) as { data: { id: string }[] };
          const art = (await (await fetch(`${d.info.url}/streamfix/result/${list.data[0]!.id}`)).json()) as Artifact;
          assert.deepEqual([art.status, art.rawContent, art.repairedContent, art.finishReason], ['TEXT', 'Done.\n\nHuman: more', 'Done.', 'stop_sequence'], `stream ${stream}`);
        }
      });
    });
  });

  describe('through the gateway', () => {
    let client: Anthropic;
    const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test' });
    before(() => {
      client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
    });

    it('sends the first 4 as stop and still applies the fifth to the text', async () => {
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'one two ' }), chunk({ content: 'five six' }), chunk({}, 'stop'), '[DONE]')] });
      const m = await client.messages.create({ model: 'x/model', max_tokens: 50, stop_sequences: ['a1', 'a2', 'a3', 'a4', 'five'], messages: [{ role: 'user', content: 'count' }] });
      assert.deepEqual(JSON.parse(up.requests[up.requests.length - 1]!.body).stop, ['a1', 'a2', 'a3', 'a4']);
      assert.deepEqual(m.content, [{ type: 'text', text: 'one two ' }]);
      assert.equal(m.stop_reason, 'stop_sequence');
      assert.equal(m.stop_sequence, 'five');
    });

    it('auto mode: a sequence in the first characters, before the answer decided, stops it (non-streaming and streaming)', async () => {
      const body = () => sse(chunk({ role: 'assistant', content: '{' }), chunk({ content: '"a": 1, "b": 2}' }), chunk({}, 'stop'), '[DONE]');
      const auto = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': 'auto' } });
      const req = { model: 'x/model', max_tokens: 50, stop_sequences: ['{"a'], messages: [{ role: 'user' as const, content: 'json' }] };
      up.enqueue({ chunks: [body()] });
      const m = await auto.messages.create(req);
      up.enqueue({ chunks: [body()] });
      const s = await auto.messages.stream(req).finalMessage();
      for (const got of [m, s]) assert.deepEqual([got.content, got.stop_reason, got.stop_sequence], [[], 'stop_sequence', '{"a']);
    });

    it('an upstream that stopped on the one sequence (native_finish_reason) streams stop_sequence with it', async () => {
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Dear Ada,' }), JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'stop_sequence' }] }), '[DONE]')] });
      const m = await client.messages.stream({ model: 'x/model', max_tokens: 50, stop_sequences: ['\n'], messages: [{ role: 'user', content: 'a letter' }] }).finalMessage();
      assert.equal(JSON.stringify(JSON.parse(up.requests[up.requests.length - 1]!.body).stop), '["\\n"]');
      assert.deepEqual(m.content, [{ type: 'text', text: 'Dear Ada,' }]);
      assert.equal(m.stop_reason, 'stop_sequence');
      assert.equal(m.stop_sequence, '\n');
    });
  });
});
