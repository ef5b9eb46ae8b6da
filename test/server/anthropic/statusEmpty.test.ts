/**
 * /v1/messages: an answer with nothing besides reasoning (a think block, white space, an unclosed think
 * block) is EMPTY in every mode, streaming or not, as the same answer with its reasoning in the upstream's
 * `reasoning` field is (the chat endpoint's rule, record.ts contentCheck). With tool calls, their check
 * decides. Asserted in the trailer / header, the artifact and the `finished` event, with the message.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { assembleMessage } from '../../../server/anthropic/assemble';
import type { AnthropicEvent } from '../../../server/anthropic/translate';
import type { GatewayEvent } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

interface Shape {
  label: string;
  content: string;
  /** The upstream's `reasoning` field. */
  reasoning?: string;
  /** Tool-call arguments, one call each. */
  tools?: string[];
  /** The message's text and thinking, every mode (its text blocks joined, its thinking blocks joined). */
  text: string;
  thinking: string;
  want: string;
}

const SHAPES: Shape[] = [
  { label: 'a think block only', content: '<think>plan</think>', text: '', thinking: 'plan', want: 'EMPTY' },
  { label: 'a think block and white space', content: '<think>plan</think>\n\n', text: '\n\n', thinking: 'plan', want: 'EMPTY' },
  { label: 'white space only', content: ' \n\t', text: ' \n\t', thinking: '', want: 'EMPTY' },
  { label: 'two think blocks with white space between', content: '<think>a</think>\n<think>b</think> ', text: '\n ', thinking: 'ab', want: 'EMPTY' },
  { label: 'an unclosed think block cut by the end', content: '<think>plan', text: '', thinking: 'plan', want: 'EMPTY' },
  { label: 'reasoning in the field, no content', content: '', reasoning: 'plan', text: '', thinking: 'plan', want: 'EMPTY' },
  { label: 'reasoning in the field, white space content', content: '\n\n', reasoning: 'plan', text: '\n\n', thinking: 'plan', want: 'EMPTY' },
  { label: 'a think block and a tool call with valid arguments', content: '<think>plan</think>', tools: ['{"q": 1}'], text: '', thinking: 'plan', want: 'VALID' },
  { label: 'a think block and a tool call with broken arguments', content: '<think>plan</think>\n', tools: ['{q: 1}'], text: '\n', thinking: 'plan', want: 'REPAIRED' },
  { label: 'reasoning in the field and a tool call with valid arguments', content: '', reasoning: 'plan', tools: ['{"q": 1}'], text: '', thinking: 'plan', want: 'VALID' },
];

function toolCall(args: string, i: number) {
  return { index: i, id: `call_${i}`, type: 'function', function: { name: 'f', arguments: args } };
}

/** The content in pieces of three characters (a think tag split across deltas). */
function streamOf(s: Shape): string {
  const tools = s.tools ?? [];
  const events = [chunk({ role: 'assistant', content: '' })];
  if (s.reasoning) events.push(chunk({ content: '', reasoning: s.reasoning }));
  for (let i = 0; i < s.content.length; i += 3) events.push(chunk({ content: s.content.slice(i, i + 3) }));
  if (tools.length > 0) events.push(chunk({ tool_calls: tools.map(toolCall) }));
  events.push(chunk({}, tools.length > 0 ? 'tool_calls' : 'stop'), '[DONE]');
  return sse(...events);
}

/** A streamed answer's events (pings left out). */
function eventsOf(text: string): AnthropicEvent[] {
  return text
    .split('\n\n')
    .filter((b) => b.includes('data: '))
    .map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as AnthropicEvent)
    .filter((e) => e.type !== 'ping');
}

describe('messages: an answer of reasoning only is EMPTY in every mode', () => {
  const { up, d, events } = useTestGateway({ apiKey: 'sk-test-secret', record: true });

  for (const s of SHAPES) {
    for (const mode of ['repair', 'strip', 'passthrough', 'auto'] as const) {
      const got: Record<string, unknown> = {};
      // streaming with prose held for a lone closing tag (x-streamfix-hold-prose: on), as a non-streaming
      // answer always reads the text (the whole of it), and streaming as it comes (the default here)
      for (const [stream, hold] of [[false, false], [true, true], [true, false]] as const) {
        it(`${s.label}, ${mode}, ${stream ? `streaming${hold ? ' (prose held)' : ''}` : 'non-streaming'}: ${s.want}`, async () => {
          up.enqueue({ chunks: [streamOf(s)] });
          const r = await request(`${d.info.url}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode, ...(hold ? { 'x-streamfix-hold-prose': 'on' } : {}) },
            body: JSON.stringify({ model: 'test/model', max_tokens: 100, stream, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'f', input_schema: { type: 'object' } }] }),
          });
          const id = String(r.headers['x-streamfix-request-id'] ?? r.headers['request-id']);
          const text = await r.body.text();
          assert.equal(r.statusCode, 200);
          assert.equal(stream ? r.trailers['x-streamfix-status'] : r.headers['x-streamfix-status'], s.want);
          const a = (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; rawContent: string; errors: unknown[] };
          // no error either: nothing was looked for in no content (not "no JSON found")
          assert.deepEqual([a.status, a.rawContent, a.errors], [s.want, s.content, []]);
          const fin = events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id);
          assert.equal(fin?.status, s.want);
          const blocks = (stream ? assembleMessage(eventsOf(text)) : (JSON.parse(text) as { content: Record<string, unknown>[] })).content;
          const joined = (type: string, field: string) => blocks.filter((b) => b.type === type).map((b) => b[field]).join('');
          assert.deepEqual([joined('text', 'text'), joined('thinking', 'thinking'), blocks.filter((b) => b.type === 'tool_use').map((b) => b.input)], [s.text, s.thinking, (s.tools ?? []).map(() => ({ q: 1 }))]);
          // streamed with prose held, the same message as not (as it comes, whitespace between two blocks
          // goes out between them: the same text and thinking, asserted above, in more blocks)
          if (!stream) got.blocks = blocks;
          else if (hold) assert.deepEqual(blocks, got.blocks);
        });
      }
    }
  }
});
