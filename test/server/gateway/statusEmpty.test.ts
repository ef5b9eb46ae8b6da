/**
 * An answer with nothing besides reasoning (a think block, white space, an unclosed think block) is
 * EMPTY in every mode but passthrough, streaming or not, as the same answer with its reasoning in the
 * upstream's `reasoning` field is: strip mode has no text to call TEXT, repair mode no text to call
 * FAILED. With tool calls, their check decides, as for an answer with no content. Asserted in the
 * trailer / header, the artifact and the `finished` event, with what the client got.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { GatewayEvent } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

type Mode = 'repair' | 'strip' | 'passthrough' | 'auto';

interface Shape {
  label: string;
  content: string;
  /** The upstream's `reasoning` field. */
  reasoning?: string;
  /** Tool-call arguments, one call each. */
  tools?: string[];
  /** The content the client gets outside passthrough (every mode: the same; reasoning moved out). */
  sent: string;
  /** The status outside passthrough (every mode: the same). */
  want: string;
}

const SHAPES: Shape[] = [
  { label: 'a think block only', content: '<think>plan</think>', sent: '', want: 'EMPTY' },
  { label: 'a think block and white space', content: '<think>plan</think>\n\n', sent: '\n\n', want: 'EMPTY' },
  { label: 'white space only', content: ' \n\t', sent: ' \n\t', want: 'EMPTY' },
  { label: 'two think blocks with white space between', content: '<think>a</think>\n<think>b</think> ', sent: '\n ', want: 'EMPTY' },
  { label: 'an unclosed think block cut by the end', content: '<think>plan', sent: '', want: 'EMPTY' },
  { label: 'reasoning in the field, no content', content: '', reasoning: 'plan', sent: '', want: 'EMPTY' },
  { label: 'reasoning in the field, white space content', content: '\n\n', reasoning: 'plan', sent: '\n\n', want: 'EMPTY' },
  { label: 'a think block and a tool call with valid arguments', content: '<think>plan</think>', tools: ['{"q": 1}'], sent: '', want: 'VALID' },
  { label: 'a think block and a tool call with broken arguments', content: '<think>plan</think>\n', tools: ['{q: 1}'], sent: '\n', want: 'REPAIRED' },
  { label: 'reasoning in the field and a tool call with valid arguments', content: '', reasoning: 'plan', tools: ['{"q": 1}'], sent: '', want: 'VALID' },
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

function completionOf(s: Shape): string {
  const tools = s.tools ?? [];
  const message: Record<string, unknown> = { role: 'assistant', content: s.content === '' ? null : s.content };
  if (s.reasoning) message.reasoning = s.reasoning;
  if (tools.length > 0) message.tool_calls = tools.map((a, i) => ({ id: `call_${i}`, type: 'function', function: { name: 'f', arguments: a } }));
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message, finish_reason: tools.length > 0 ? 'tool_calls' : 'stop' }] });
}

describe('gateway: an answer of reasoning only is EMPTY in every mode', () => {
  const { up, d, events } = useTestGateway({ apiKey: 'sk-test-secret', record: true });

  for (const s of SHAPES) {
    for (const mode of ['repair', 'strip', 'passthrough', 'auto'] as Mode[]) {
      for (const stream of [true, false]) {
        const want = mode === 'passthrough' ? 'PASSTHROUGH' : s.want;
        it(`${s.label}, ${mode}, ${stream ? 'streaming' : 'non-streaming'}: ${want}`, async () => {
          up.enqueue(stream ? { chunks: [streamOf(s)] } : { headers: { 'content-type': 'application/json' }, chunks: [completionOf(s)] });
          const r = await request(`${d.info.url}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
            body: JSON.stringify({ model: 'test/model', stream, messages: [{ role: 'user', content: 'hi' }] }),
          });
          const id = String(r.headers['x-streamfix-request-id']);
          const text = await r.body.text();
          assert.equal(r.statusCode, 200);
          assert.equal(stream ? r.trailers['x-streamfix-status'] : r.headers['x-streamfix-status'], want);
          const a = (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; rawContent: string; repairedContent: string | null; errors: unknown[] };
          // no error either: nothing was looked for in no content (not "no JSON found")
          assert.deepEqual([a.status, a.errors], [want, []]);
          const fin = events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id);
          assert.equal(fin?.status, want);
          const content = stream ? collect(text).content : ((JSON.parse(text) as { choices: { message: { content: string | null } }[] }).choices[0]!.message.content ?? '');
          assert.deepEqual([content, a.rawContent, a.repairedContent], mode === 'passthrough' ? [s.content, s.content, null] : [s.sent, s.content, s.sent]);
        });
      }
    }
  }

  for (const stream of [true, false]) {
    it(`n = 2, repair, ${stream ? 'streaming' : 'non-streaming'}: JSON and a think block only are VALID (the empty choice EMPTY), as JSON and no content`, async () => {
      const contents = ['{"a": 1}', '<think>plan</think>'];
      const body = stream
        ? sse(...contents.map((content, index) => JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta: { role: 'assistant', content }, finish_reason: 'stop' }] })), '[DONE]')
        : JSON.stringify({ id: 'gen-n', object: 'chat.completion', created: 1, model: 'm', choices: contents.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })) });
      up.enqueue(stream ? { chunks: [body] } : { headers: { 'content-type': 'application/json' }, chunks: [body] });
      const r = await request(`${d.info.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' },
        body: JSON.stringify({ model: 'test/model', n: 2, stream, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const id = String(r.headers['x-streamfix-request-id']);
      await r.body.text();
      assert.equal(stream ? r.trailers['x-streamfix-status'] : r.headers['x-streamfix-status'], 'VALID');
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; choices: { mode: string; status: string; repairedContent: string }[] };
      assert.deepEqual([a.status, a.choices.map((c) => [c.mode, c.status, c.repairedContent])], ['VALID', [['repair', 'EMPTY', '']]]);
      const fin = events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id);
      assert.equal(fin?.status, 'VALID');
    });
  }
});
