/**
 * The Messages translation against the demo upstream's streams, read at every byte split: the exact
 * event sequence per demo model (deltas merged per block, since their number follows the reads), the
 * grammar of every run, and tool input through the engine.
 */
import { HOLD_PROSE } from '../../../shared/engine';
import { strict as assert } from 'node:assert';
import { demoStreamEvents } from '../../../server/demo/server';
import { findScenario } from '../../../server/demo/scenarios';
import { repairJson } from '../../../shared/engine';
import { eventText } from '../../../server/anthropic/chatStreamReader';
import { checkGrammar, normalize, translate } from './helpers';

/**
 * The demo upstream's stream for a model, each chunk cut down to what the translation reads (choices and
 * usage; ids, model and provider dropped) so that every byte split stays affordable.
 */
function demoSse(model: string, chunkSize = 24): { text: string; usage: { prompt_tokens: number; completion_tokens: number } } {
  const events = demoStreamEvents(findScenario(model)!, { includeUsage: true, chunkSize, promptChars: 100 }).map((e) => {
    if (e.startsWith(':') || e === '[DONE]') return e;
    const c = JSON.parse(e) as { choices: { index: number; delta: Record<string, unknown>; finish_reason: unknown }[]; usage?: unknown };
    const choices = c.choices.map((ch) => {
      const { reasoning_details: _drop, ...delta } = ch.delta;
      return { index: ch.index, delta, finish_reason: ch.finish_reason };
    });
    return JSON.stringify(c.usage ? { choices, usage: c.usage } : { choices });
  });
  const text = events.map((e) => (e.startsWith(':') ? `${e}\n\n` : `data: ${e}\n\n`)).join('');
  const usage = JSON.parse(events[events.length - 2]!).usage;
  return { text, usage };
}

const SIG = ['signature_delta', 0, 'sig'];
const thinkingStart = (i: number) => ['start', i, { type: 'thinking', thinking: '', signature: '' }];
const textStart = (i: number) => ['start', i, { type: 'text', text: '' }];
const toolStart = (i: number, id: string, name: string) => ['start', i, { type: 'tool_use', id, name, input: {} }];

/** Every split of the stream into two reads, and reads of every size from 1 to 3 bytes. */
function splits(length: number): number[][] {
  const out: number[][] = [];
  for (let k = 1; k < length; k++) out.push([k]);
  for (let size = 1; size <= 3; size++) {
    const cuts: number[] = [];
    for (let k = size; k < length; k += size) cuts.push(k);
    out.push(cuts);
  }
  return out;
}

function expectEverySplit(model: string, expected: (usage: { prompt_tokens: number; completion_tokens: number }) => unknown[], opts = {}): void {
  const { text, usage } = demoSse(model);
  const want = expected(usage);
  const bytes = Buffer.byteLength(text);
  for (const cuts of splits(bytes)) {
    const events = translate(text, cuts, opts);
    checkGrammar(events);
    assert.deepEqual(normalize(events), want, `reads cut at ${cuts.slice(0, 3).join(',')}${cuts.length > 3 ? '…' : ''}`);
  }
}

const end = (stop: string, usage: { prompt_tokens: number; completion_tokens: number }, seq: string | null = null) => [
  // the demo reports `prompt_tokens_details: {cached_tokens: 0}`: no cache reads, said in Anthropic's terms
  ['message_delta', { stop_reason: stop, stop_sequence: seq }, { output_tokens: usage.completion_tokens, input_tokens: usage.prompt_tokens, cache_read_input_tokens: 0 }],
  ['message_stop'],
];

describe('messages: translation of the demo streams at every byte split', () => {
  it('demo/msg-text: one text block, end_turn', () => {
    const s = findScenario('demo/msg-text')!;
    expectEverySplit('demo/msg-text', (u) => [['message_start', { input_tokens: 7, output_tokens: 0 }], textStart(0), ['text_delta', 0, s.content], ['stop', 0], ...end('end_turn', u)]);
  });

  it('demo/msg-text with a stop sequence: the text ends before it, stop_reason stop_sequence', () => {
    const { text } = demoSse('demo/msg-text');
    for (const cuts of splits(Buffer.byteLength(text))) {
      const events = translate(text, cuts, { stopSequences: ['\n\nTry', 'Messages API'] });
      checkGrammar(events);
      // the upstream's usage never arrives (the gateway stops reading): output tokens are estimated
      assert.deepEqual(normalize(events), [
        ['message_start', { input_tokens: 7, output_tokens: 0 }],
        textStart(0),
        ['text_delta', 0, 'Hello from the StreamFix demo! This answer came through the '],
        ['stop', 0],
        ['message_delta', { stop_reason: 'stop_sequence', stop_sequence: 'Messages API' }, { output_tokens: 15 }],
        ['message_stop'],
      ]);
    }
  });

  // auto: the answer starts with text, so it goes as sent after the thinking block, as in strip mode
  for (const mode of ['strip', 'auto'] as const) {
    it(`${mode} mode, demo/msg-thinking: the reasoning field and the <think> block become one thinking block with a signature, then text`, () => {
      const s = findScenario('demo/msg-thinking')!;
      expectEverySplit(
        'demo/msg-thinking',
        (u) => [
          ['message_start', { input_tokens: 7, output_tokens: 0 }],
          thinkingStart(0),
          ['thinking_delta', 0, s.reasoning + 'Double-check: no JSON was asked for, so plain text is right.'],
          SIG,
          ['stop', 0],
          textStart(1),
          ['text_delta', 1, 'Hi! Here is a short, friendly greeting.'],
          ['stop', 1],
          ...end('end_turn', u),
        ],
        { mode },
      );
    });
  }

  it('demo/reasoning-think: a think block with braces inside the content becomes thinking; the JSON is text', () => {
    const s = findScenario('demo/reasoning-think')!;
    const close = s.content!.indexOf('</think>');
    expectEverySplit('demo/reasoning-think', (u) => [
      ['message_start', { input_tokens: 7, output_tokens: 0 }],
      thinkingStart(0),
      ['thinking_delta', 0, s.content!.slice('<think>'.length, close)],
      SIG,
      ['stop', 0],
      textStart(1),
      ['text_delta', 1, s.content!.slice(close + '</think>'.length)],
      ['stop', 1],
      ...end('end_turn', u),
    ]);
  });

  it('demo/msg-tools: text, then two parallel tool calls with broken and truncated input, each one block, stop_reason tool_use', () => {
    const s = findScenario('demo/msg-tools')!;
    expectEverySplit('demo/msg-tools', (u) => [
      ['message_start', { input_tokens: 7, output_tokens: 0 }],
      textStart(0),
      ['text_delta', 0, s.content],
      ['stop', 0],
      toolStart(1, 'call_weather_1', 'get_weather'),
      ['input_json_delta', 1, '{"location": "Paris, France", "unit": "celsius"}'],
      ['stop', 1],
      toolStart(2, 'call_search_2', 'search_web'),
      ['input_json_delta', 2, '{"query": "best café in Lisbon", "limit": 3}'],
      ['stop', 2],
      ...end('tool_use', u),
    ]);
    assert.equal(repairJson(s.toolCalls![0]!.arguments).json, '{"location": "Paris, France", "unit": "celsius"}');
    assert.equal(repairJson(s.toolCalls![1]!.arguments).json, '{"query": "best café in Lisbon", "limit": 3}');
  });

  it('demo/truncated: finish_reason length is stop_reason max_tokens (strip mode: the text as sent)', () => {
    const s = findScenario('demo/truncated')!;
    expectEverySplit('demo/truncated', (u) => [['message_start', { input_tokens: 7, output_tokens: 0 }], textStart(0), ['text_delta', 0, s.content], ['stop', 0], ...end('max_tokens', u)]);
  });

  // auto: the answer starts as JSON, so it is repaired as in repair mode
  for (const mode of ['auto', 'repair'] as const) {
    it(`${mode} mode, demo/truncated: the text block is the engine's closed JSON`, () => {
      const s = findScenario('demo/truncated')!;
      expectEverySplit(
        'demo/truncated',
        (u) => [['message_start', { input_tokens: 7, output_tokens: 0 }], textStart(0), ['text_delta', 0, repairJson(s.content!).json], ['stop', 0], ...end('max_tokens', u)],
        { mode },
      );
    });
  }

  it('auto mode: an answer that starts with a markdown link is text, sent as it came, at every split of one piece', () => {
    const answer = '[Docs](https://example.com) explain {name}.';
    const sse = `data: ${JSON.stringify({ id: 'c', choices: [{ index: 0, delta: { content: answer }, finish_reason: null }] })}\n\n` +
      `data: ${JSON.stringify({ id: 'c', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
    const at = sse.indexOf(answer);
    for (let k = 0; k <= answer.length; k++) {
      const events = translate(sse, [at + k], { mode: 'auto' });
      checkGrammar(events);
      assert.deepEqual(normalize(events), [
        ['message_start', { input_tokens: 7, output_tokens: 0 }],
        textStart(0),
        ['text_delta', 0, answer],
        ['stop', 0],
        ['message_delta', { stop_reason: 'end_turn', stop_sequence: null }, { output_tokens: 11 }], // no usage: estimated, 43 characters / 4
        ['message_stop'],
      ], `read cut at ${k}`);
    }
  });

  it('thinking on: a think block between two texts lands between them (held prose goes out when the block opens), at every split into two reads and in 1-3 byte reads', () => {
    const answer = 'Step one.\n\n<think>\nreal reasoning\n</think>\nStep two.';
    const sse = `data: ${JSON.stringify({ id: 'c', choices: [{ index: 0, delta: { content: answer }, finish_reason: null }] })}\n\n` +
      `data: ${JSON.stringify({ id: 'c', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
    for (const cuts of splits(Buffer.byteLength(sse))) {
      const events = translate(sse, cuts, { holdProse: HOLD_PROSE });
      checkGrammar(events);
      assert.deepEqual(normalize(events).slice(1, -2), [
        textStart(0),
        ['text_delta', 0, 'Step one.\n\n'],
        ['stop', 0],
        thinkingStart(1),
        ['thinking_delta', 1, '\nreal reasoning\n'],
        ['signature_delta', 1, 'sig'],
        ['stop', 1],
        textStart(2),
        ['text_delta', 2, '\nStep two.'],
        ['stop', 2],
      ], `reads cut at ${cuts.slice(0, 3).join(',')}${cuts.length > 3 ? '…' : ''}`);
    }
  });

});

describe('messages: the fast path for plain content chunks', () => {
  const models = ['demo/msg-text', 'demo/msg-thinking', 'demo/reasoning-think', 'demo/msg-tools', 'demo/fenced-prose', 'demo/truncated'];
  for (const model of models) {
    it(`${model} in OpenRouter's full chunk format: the same events with and without it, in reads of 1 to 9 bytes, in both modes`, () => {
      const events = demoStreamEvents(findScenario(model)!, { includeUsage: true, promptChars: 100 });
      const text = events.map((e) => (e.startsWith(':') ? `${e}\n\n` : `data: ${e}\n\n`)).join('');
      const bytes = Buffer.byteLength(text);
      for (const mode of ['strip', 'repair'] as const) {
        for (let size = 1; size <= 9; size++) {
          const cuts: number[] = [];
          for (let k = size; k < bytes; k += size) cuts.push(k);
          const stats = { fastChunks: 0 };
          const fast = translate(text, cuts, { mode }, true, stats);
          assert.deepEqual(fast, translate(text, cuts, { mode }, false), `${mode}, reads of ${size}`);
          checkGrammar(fast);
          if (findScenario(model)!.content) assert.ok(stats.fastChunks > 0, 'the fast path took chunks');
        }
      }
    });
  }

  it('eventText writes deltas exactly as JSON.stringify would', () => {
    for (const text of ['plain', 'quote " backslash \\ newline \n tab \t', 'é 🌤 \u2028 \u0000', '']) {
      for (const [type, key] of [['text_delta', 'text'], ['thinking_delta', 'thinking'], ['input_json_delta', 'partial_json']]) {
        const e = { type: 'content_block_delta', index: 3, delta: { type, [key!]: text } };
        assert.equal(eventText(e), `event: content_block_delta\ndata: ${JSON.stringify(e)}\n\n`);
      }
    }
  });
});

describe('messages: repair mode continuing a JSON prefill', () => {
  it('the text block is what the engine writes after the prefill: prefill + text is the repaired JSON, at every byte split', () => {
    const prefill = '{"name": ';
    const content = "'Ada Lovelace', born: 1815, \"langs\": ['en', 'fr',],}";
    const ev = (delta: unknown, f: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: f }] })}\n\n`;
    const pieces = content.match(/.{1,4}/gs)!;
    const text = ev({ role: 'assistant', content: '' }) + pieces.map((p) => ev({ content: p })).join('') + ev({}, 'stop') + 'data: [DONE]\n\n';
    const want = repairJson(prefill + content).json!;
    assert.equal(want, '{"name": "Ada Lovelace", "born": 1815, "langs": ["en", "fr"]}');
    for (const cuts of splits(Buffer.byteLength(text))) {
      const events = translate(text, cuts, { mode: 'repair', prefill });
      checkGrammar(events);
      const n = normalize(events);
      assert.deepEqual(n.slice(1, 4), [textStart(0), ['text_delta', 0, want.slice(prefill.length)], ['stop', 0]]);
    }
  });
});
