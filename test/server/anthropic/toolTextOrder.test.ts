/**
 * /v1/messages: the text a model writes around its tool calls keeps the upstream's order and bytes in
 * every mode. In repair mode the engine holds text it has not decided yet (white space or prose before
 * any JSON, white space after a JSON value, the rest of a JSON value a call cut in two): what it held from
 * before a call came out after the call's tool_use block (`\n\n` then a call gave tool_use, then text
 * "\n\n"; " " + call + "\n" gave tool_use, then " \n"), while strip mode kept the order. Now the tool_use
 * blocks wait for the engine's next text (or the end) and the part of it that came before the call goes
 * first. Checked on the translator at every cut of each text delta into two, and through the gateway with
 * the Anthropic SDK (messages.create, messages.stream) and as raw SSE at every byte split of the body.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { assembleMessage } from '../../../server/anthropic/assemble';
import { MessageTranslator, type AnthropicEvent } from '../../../server/anthropic/translate';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, sse } from '../helpers/testUpstream';

type Delta = Record<string, unknown>;
const C = (content: string): Delta => ({ content });
const R = (reasoning: string): Delta => ({ reasoning });
/** A tool call's first piece (id, name, the start of its arguments) and its later pieces (arguments only). */
const T = (index: number, args: string, name = index === 0 ? 'f' : 'g'): Delta => ({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name, arguments: args } }] });
const A = (index: number, args: string): Delta => ({ tool_calls: [{ index, function: { arguments: args } }] });

type Brief = [string, unknown];
const text = (t: string): Brief => ['text', t];
const thinking = (t: string): Brief => ['thinking', t];
const tool = (name: string, input: unknown): Brief => ['tool_use', [name, input]];

interface Case {
  name: string;
  deltas: Delta[];
  /** The message's blocks: the upstream's order and bytes (the engine changes nothing in these texts). */
  blocks: Brief[];
}

const CASES: Case[] = [
  { name: 'white space, then a call', deltas: [C('\n\n'), T(0, '{"q": 1}')], blocks: [text('\n\n'), tool('f', { q: 1 })] },
  { name: 'prose, then a call', deltas: [C('Let me check.'), T(0, '{"q": 1}')], blocks: [text('Let me check.'), tool('f', { q: 1 })] },
  { name: 'prose and white space, a call, more prose', deltas: [C('Let me check.\n\n'), T(0, '{"q": 1}'), C(' Done.')], blocks: [text('Let me check.\n\n'), tool('f', { q: 1 }), text(' Done.')] },
  { name: 'a JSON value and a newline, then a call', deltas: [C('{"a": 1}\n'), T(0, '{"q": 1}')], blocks: [text('{"a": 1}\n'), tool('f', { q: 1 })] },
  { name: 'a space, a call, a newline', deltas: [C(' '), T(0, '{"q": 1}'), C('\n')], blocks: [text(' '), tool('f', { q: 1 }), text('\n')] },
  { name: 'white space, a call, then a JSON value', deltas: [C('\n\n'), T(0, '{"q": 1}'), C('{"a": 1}')], blocks: [text('\n\n'), tool('f', { q: 1 }), text('{"a": 1}')] },
  { name: 'a think block and white space, then a call', deltas: [C('<think>x</think>\n\n'), T(0, '{"q": 1}')], blocks: [thinking('x'), text('\n\n'), tool('f', { q: 1 })] },
  { name: 'reasoning in its field, a newline, then a call', deltas: [R('x'), C('\n'), T(0, '{"q": 1}')], blocks: [thinking('x'), text('\n'), tool('f', { q: 1 })] },
  { name: 'a JSON value cut in two by a call', deltas: [C('{"a": '), T(0, '{"q": 1}'), C('1}')], blocks: [text('{"a": '), tool('f', { q: 1 }), text('1}')] },
  { name: 'a newline, then two calls', deltas: [C('\n'), T(0, '{"q": 1}'), T(1, '{"r": 2}')], blocks: [text('\n'), tool('f', { q: 1 }), tool('g', { r: 2 })] },
  { name: 'white space, then a call whose arguments stream (the id only in its first chunk)', deltas: [C('\n\n'), T(0, ''), A(0, '{"q"'), A(0, ': 1}')], blocks: [text('\n\n'), tool('f', { q: 1 })] },
];

const MODES = ['repair', 'strip', 'auto'] as const;

/** The blocks of a message (or of events folded as the SDK folds them), brief. */
const brief = (blocks: readonly { type: string; text?: string; thinking?: string; name?: string; input?: unknown }[]): Brief[] =>
  blocks.map((b) => (b.type === 'text' ? text(b.text!) : b.type === 'thinking' ? thinking(b.thinking!) : b.type === 'tool_use' ? tool(b.name!, b.input) : [b.type, null]));

/** The deltas with the text of delta `k` cut in two at `at` (two chunks). */
function cutAt(deltas: Delta[], k: number, at: number): Delta[] {
  const s = deltas[k]!.content as string;
  return [...deltas.slice(0, k), C(s.slice(0, at)), C(s.slice(at)), ...deltas.slice(k + 1)];
}

function translate(mode: (typeof MODES)[number], deltas: Delta[]): { blocks: Brief[]; sent: string } {
  const t = new MessageTranslator({ id: 'msg_test', model: 'm', inputTokens: 1, mode, stopSequences: [] });
  t.start();
  for (const d of deltas) t.chunk({ choices: [{ index: 0, delta: d, finish_reason: null }] });
  t.chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });
  t.end();
  return { blocks: brief(assembleMessage(t.take()).content as never), sent: t.sentText };
}

const upstreamBody = (deltas: Delta[]): string =>
  sse(...[{ role: 'assistant', content: '' }, ...deltas].map((d) => JSON.stringify({ choices: [{ index: 0, delta: d, finish_reason: null }] })), JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }), '[DONE]');

const textOf = (blocks: Brief[]) => blocks.filter((b) => b[0] === 'text').map((b) => b[1]).join('');

describe('messages: text around tool calls keeps the upstream order and bytes (every mode)', () => {
  describe('the translator, at every cut of each text delta into two', () => {
    for (const mode of MODES) {
      for (const c of CASES) {
        it(`${mode}: ${c.name}`, () => {
          assert.deepEqual(translate(mode, c.deltas).blocks, c.blocks, 'whole deltas');
          c.deltas.forEach((d, k) => {
            if (typeof d.content !== 'string') return;
            for (let at = 1; at < d.content.length; at++) {
              const { blocks, sent } = translate(mode, cutAt(c.deltas, k, at));
              assert.deepEqual(blocks, c.blocks, `delta ${k} cut at ${at}`);
              // the artifact's sent text is what the text blocks hold
              assert.equal(sent, textOf(c.blocks), `delta ${k} cut at ${at}: sent`);
            }
          });
        });
      }
    }
  });

  describe('through the gateway', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
    const TOOLS = [
      { name: 'f', input_schema: { type: 'object' as const } },
      { name: 'g', input_schema: { type: 'object' as const } },
    ];
    const params = (mode: string, user = 'hi') => ({ model: `order/${mode}`, max_tokens: 200, tools: TOOLS, messages: [{ role: 'user' as const, content: user }] });
    const client = (mode: string) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });

    async function streamed(mode: string, k: number): Promise<{ blocks: Brief[]; texts: string }> {
      const r = await request(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
        body: JSON.stringify({ ...params(mode, String(k)), stream: true }),
      });
      const events = (await r.body.text())
        .split('\n\n')
        .filter((b) => b.includes('data: '))
        .map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as AnthropicEvent);
      const texts = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'text_delta').map((e) => (e.delta as { text: string }).text);
      return { blocks: brief(assembleMessage(events).content as never), texts: texts.join('') };
    }

    for (const mode of MODES) {
      for (const c of CASES) {
        it(`${mode}: ${c.name}: messages.create, messages.stream${mode === 'repair' ? ', and raw SSE at every byte split' : ''}`, async function () {
          this.timeout(300_000); // a guard against a hang, not a speed check
          const body = upstreamBody(c.deltas);
          up.enqueue({ chunks: [body] });
          assert.deepEqual(brief((await client(mode).messages.create(params(mode))).content), c.blocks, 'messages.create');
          up.enqueue({ chunks: [body] });
          assert.deepEqual(brief((await client(mode).messages.stream(params(mode)).finalMessage()).content), c.blocks, 'messages.stream');
          if (mode !== 'repair') return;
          await atEveryByteSplit(up, Buffer.from(body), 8, async (k) => {
            const s = await streamed(mode, k);
            assert.deepEqual(s.blocks, c.blocks, `split ${k}`);
            assert.equal(s.texts, textOf(c.blocks), `split ${k}: the text deltas`);
          });
        });
      }
    }
  });
});
