/**
 * Claude's interleaved thinking (thinking between tool calls: "First read." → Read → "Then grep." → Grep)
 * keeps its order in the Messages answer: a thinking block between two tool_use blocks, as Anthropic
 * sends it. The upstream's chat stream gives the reasoning after the first call's arguments and before the
 * second call; the first call's value is complete, so its block stops there (as it does when a piece of
 * another call comes) and the thinking goes out in its place. Before, every thinking after the first tool
 * call went after the last tool_use block ([thinking, Read, Grep, thinking]): Claude Code showed the
 * reasoning for Grep after it, and the message ended with a thinking block, which Anthropic never sends.
 * Thinking that comes while a call's value is still open (`{"file_path": `, reasoning, `"/a"}`) goes out
 * once that call's block stops, before the next call's block (before, it waited for all the calls: Read,
 * Grep, thinking); thinking that comes after two calls began goes after both; text after the calls still
 * waits for them.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { signatureOf } from '../../../server/anthropic/thinkingRoundTrip';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const tc = (index: number, f: Record<string, unknown>, id?: string) => chunk({ tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: f }] });

/** Thinking, Read, thinking, Grep (the second thinking signed by the upstream, as Anthropic's is). */
const INTERLEAVED = sse(
  chunk({ role: 'assistant', content: '', reasoning: 'First read.' }),
  tc(0, { name: 'Read', arguments: '' }, 'toolu_01'),
  tc(0, { arguments: '{"file_path": "/a"}' }),
  chunk({ reasoning: 'Then grep.', reasoning_details: [{ type: 'reasoning.text', text: 'Then grep.', signature: 'EqQBsig2', format: 'anthropic-claude-v1', index: 1 }] }),
  tc(1, { name: 'Grep', arguments: '{"pattern": "x"}' }, 'toolu_02'),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

/** The reasoning comes while call 0's value is still open: it waits for the calls. */
const OPEN_CALL = sse(
  chunk({ role: 'assistant', content: '' }),
  tc(0, { name: 'Read', arguments: '{"file_path": ' }, 'toolu_01'),
  chunk({ reasoning: 'Hm.' }),
  tc(0, { arguments: '"/a"}' }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

/** The reasoning comes while Read's value is open, before Grep begins: Read, thinking, Grep. */
const OPEN_THEN_NEXT = sse(
  chunk({ role: 'assistant', content: '' }),
  tc(0, { name: 'Read', arguments: '{"file_path": ' }, 'toolu_01'),
  chunk({ reasoning: 'Hm.', reasoning_details: [{ type: 'reasoning.text', text: 'Hm.', signature: 'EqQBsig3', format: 'anthropic-claude-v1', index: 0 }] }),
  tc(0, { arguments: '"/a"}' }),
  chunk({ reasoning: 'Then grep.' }),
  tc(1, { name: 'Grep', arguments: '{"pattern": "x"}' }, 'toolu_02'),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

/** Both calls begun before the reasoning (truly interleaved): it comes after Grep's start, so after Grep. */
const BOTH_OPEN = sse(
  chunk({ role: 'assistant', content: '' }),
  tc(0, { name: 'Read', arguments: '{"file_path": ' }, 'toolu_01'),
  tc(1, { name: 'Grep', arguments: '{"pattern": ' }, 'toolu_02'),
  chunk({ reasoning: 'Hm.' }),
  tc(0, { arguments: '"/a"}' }),
  tc(1, { arguments: '"x"}' }),
  chunk({}, 'tool_calls'),
  '[DONE]',
);

describe('messages: interleaved thinking stays between the tool_use blocks', () => {
  it('thinking, Read, thinking, Grep at every byte split, in every mode', () => {
    const want = [
      ['start', 0, { type: 'thinking', thinking: '', signature: '' }],
      ['thinking_delta', 0, 'First read.'],
      ['signature_delta', 0, 'sig'],
      ['stop', 0],
      ['start', 1, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }],
      ['input_json_delta', 1, '{"file_path": "/a"}'],
      ['stop', 1],
      ['start', 2, { type: 'thinking', thinking: '', signature: '' }],
      ['thinking_delta', 2, 'Then grep.'],
      ['signature_delta', 2, 'sig'],
      ['stop', 2],
      ['start', 3, { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: {} }],
      ['input_json_delta', 3, '{"pattern": "x"}'],
      ['stop', 3],
    ];
    for (const mode of ['strip', 'repair', 'auto'] as const) {
      for (let k = 1; k < Buffer.byteLength(INTERLEAVED); k++) {
        const events = translate(INTERLEAVED, [k], { mode });
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1, 15), want, `${mode}, cut at ${k}`);
        const sigs = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
        assert.deepEqual(sigs, [signatureOf('First read.'), 'EqQBsig2'], `${mode}, cut at ${k}`);
      }
    }
  });

  it('thinking that comes while a call is still open waits for the calls (its block is open), at every byte split', () => {
    for (let k = 1; k < Buffer.byteLength(OPEN_CALL); k++) {
      const events = translate(OPEN_CALL, [k], { mode: 'strip' });
      checkGrammar(events);
      assert.deepEqual(normalize(events).slice(1, 8), [['start', 0, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }], ['input_json_delta', 0, '{"file_path": "/a"}'], ['stop', 0], ['start', 1, { type: 'thinking', thinking: '', signature: '' }], ['thinking_delta', 1, 'Hm.'], ['signature_delta', 1, 'sig'], ['stop', 1]], `cut at ${k}`);
    }
  });

  it('thinking that comes while a call is open goes out once its block stops, before the next call (every byte split, every mode)', () => {
    const read = ['start', 0, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }];
    for (const mode of ['strip', 'repair', 'auto'] as const) {
      for (let k = 1; k < Buffer.byteLength(OPEN_THEN_NEXT); k++) {
        const events = translate(OPEN_THEN_NEXT, [k], { mode });
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1, 15), [
          read,
          ['input_json_delta', 0, '{"file_path": "/a"}'],
          ['stop', 0],
          ['start', 1, { type: 'thinking', thinking: '', signature: '' }],
          ['thinking_delta', 1, 'Hm.'],
          ['signature_delta', 1, 'sig'],
          ['stop', 1],
          ['start', 2, { type: 'thinking', thinking: '', signature: '' }],
          ['thinking_delta', 2, 'Then grep.'],
          ['signature_delta', 2, 'sig'],
          ['stop', 2],
          ['start', 3, { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: {} }],
          ['input_json_delta', 3, '{"pattern": "x"}'],
          ['stop', 3],
        ], `${mode}, cut at ${k}`);
        const sigs = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
        assert.deepEqual(sigs, ['EqQBsig3', signatureOf('Then grep.')], `${mode}, cut at ${k}`);
      }
    }
  });

  it('thinking that comes after two calls began goes after both (every byte split)', () => {
    for (let k = 1; k < Buffer.byteLength(BOTH_OPEN); k++) {
      const events = translate(BOTH_OPEN, [k], { mode: 'strip' });
      checkGrammar(events);
      assert.deepEqual(normalize(events).slice(1, 11), [
        ['start', 0, { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} }],
        ['input_json_delta', 0, '{"file_path": "/a"}'],
        ['stop', 0],
        ['start', 1, { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: {} }],
        ['input_json_delta', 1, '{"pattern": "x"}'],
        ['stop', 1],
        ['start', 2, { type: 'thinking', thinking: '', signature: '' }],
        ['thinking_delta', 2, 'Hm.'],
        ['signature_delta', 2, 'sig'],
        ['stop', 2],
      ], `cut at ${k}`);
    }
  });

  describe('through the Anthropic SDK', () => {
    const { up, d } = useTestGateway();

    it('streamed and not: the blocks in the order written; next turn the reasoning goes back in that order', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      const body = { model: 'anthropic/claude-sonnet-4.5', max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 }, messages: [{ role: 'user' as const, content: 'find x' }] };
      for (const stream of [true, false]) {
        up.enqueue({ chunks: [INTERLEAVED] });
        const m = stream ? await client.messages.stream(body).finalMessage() : await client.messages.create(body);
        assert.deepEqual(m.content, [
          { type: 'thinking', thinking: 'First read.', signature: signatureOf('First read.') },
          { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: '/a' } },
          { type: 'thinking', thinking: 'Then grep.', signature: 'EqQBsig2' },
          { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: { pattern: 'x' } },
        ], `stream ${stream}`);
        assert.equal(m.stop_reason, 'tool_use');
        up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Found.' }), chunk({}, 'stop'), '[DONE]')] });
        const results = [{ type: 'tool_result' as const, tool_use_id: 'toolu_01', content: 'a' }, { type: 'tool_result' as const, tool_use_id: 'toolu_02', content: 'x' }];
        await client.messages.create({ ...body, messages: [...body.messages, { role: 'assistant', content: m.content }, { role: 'user', content: results }] });
        const sent = JSON.parse(up.requests.at(-1)!.body) as { messages: { reasoning_details?: unknown; tool_calls?: { id: string }[] }[] };
        assert.deepEqual(sent.messages[1]!.reasoning_details, [
          { type: 'reasoning.text', text: 'First read.', index: 0 },
          { type: 'reasoning.text', text: 'Then grep.', signature: 'EqQBsig2', format: 'anthropic-claude-v1', index: 1 },
        ], `stream ${stream}`);
        assert.deepEqual(sent.messages[1]!.tool_calls!.map((c) => c.id), ['toolu_01', 'toolu_02']);
      }
    });

    it('thinking written inside a call\'s arguments: Read, thinking, Grep, streamed and not', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });
      const body = { model: 'anthropic/claude-sonnet-4.5', max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 }, messages: [{ role: 'user' as const, content: 'find x' }] };
      for (const stream of [true, false]) {
        up.enqueue({ chunks: [OPEN_THEN_NEXT] });
        const m = stream ? await client.messages.stream(body).finalMessage() : await client.messages.create(body);
        assert.deepEqual(m.content, [
          { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: '/a' } },
          { type: 'thinking', thinking: 'Hm.', signature: 'EqQBsig3' },
          { type: 'thinking', thinking: 'Then grep.', signature: signatureOf('Then grep.') },
          { type: 'tool_use', id: 'toolu_02', name: 'Grep', input: { pattern: 'x' } },
        ], `stream ${stream}`);
        assert.equal(m.stop_reason, 'tool_use');
      }
    });
  });
});
