/**
 * /v1/messages, a structured output (output_config.format json_schema) with `x-streamfix-schema: coerce`
 * and tools: text written after the tool_use blocks (the JSON after a tool call, or the JSON's rest after
 * a tool call cut it in two: a second text block) is coerced as it is written, as a lone text block is.
 * Not streaming (the Anthropic SDK's messages.create), streamed at every byte split of the upstream body
 * (the events, trailers and artifact equal the non-streaming answer's), and the SDK's messages.stream().
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { assembleMessage } from '../../../server/anthropic/assemble';
import type { AnthropicEvent } from '../../../server/anthropic/translate';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, sse } from '../helpers/testUpstream';

const SCHEMA = { type: 'object', properties: { name: { type: 'string' }, born: { type: 'integer' } }, required: ['name', 'born'], additionalProperties: false };
const TOOLS = [{ name: 'read', input_schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } }];

/** A small upstream chunk (the byte splits cut its bytes, not its pieces). */
const piece = (delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });
const call = (args: string) => piece({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: args } }] });

/** The structured output as the client gets it, coerced. */
const JSON_TEXT = '{"name": "Ada", "born": 1815}';
const TOOL_USE = { type: 'tool_use', id: 'call_1', name: 'read', input: { n: 5 } };
const repair = (kind: string, offset: number, length: number, replacement: string) => ({ kind, offset, length, replacement });
const quote = (offset: number) => repair('single_quotes', offset, 1, '"');

interface Case {
  name: string;
  body: string;
  /** The message's blocks but thinking. */
  content: unknown[];
  /** The artifact's rawContent and content repairs (the coercion's position in the raw text). */
  raw: string;
  repairs: ReturnType<typeof repair>[];
}

const CASES: Case[] = [
  {
    name: 'the JSON after a tool call',
    body: sse(call('{"n": "5"}'), piece({ content: `{'name': 'Ada', ` }), piece({ content: `'born': "1815",}` }), piece({}, 'tool_calls'), '[DONE]'),
    content: [TOOL_USE, { type: 'text', text: JSON_TEXT }],
    raw: `{'name': 'Ada', 'born': "1815",}`,
    repairs: [quote(1), quote(6), quote(9), quote(13), quote(16), quote(21), repair('schema_coercion', 24, 6, '1815'), repair('trailing_comma', 30, 1, '')],
  },
  {
    name: 'the JSON cut in two by a tool call (a second text block)',
    body: sse(piece({ content: `{"name": "Ada", ` }), call('{"n": "5"}'), piece({ content: `"born": "1815"}` }), piece({}, 'tool_calls'), '[DONE]'),
    // the engine holds ", " (a trailing comma?) until the text goes on, after the tool call
    content: [{ type: 'text', text: '{"name": "Ada"' }, TOOL_USE, { type: 'text', text: ', "born": 1815}' }],
    raw: '{"name": "Ada", "born": "1815"}',
    repairs: [repair('schema_coercion', 24, 6, '1815')],
  },
  {
    name: 'the value to coerce cut by a tool call',
    body: sse(piece({ content: `{"name": "Ada", "born": "18` }), call('{"n": "5"}'), piece({ content: `15"}` }), piece({}, 'tool_calls'), '[DONE]'),
    // the coercion holds "18… until its string ends, after the tool call
    content: [{ type: 'text', text: '{"name": "Ada", "born": ' }, TOOL_USE, { type: 'text', text: '1815}' }],
    raw: '{"name": "Ada", "born": "1815"}',
    repairs: [repair('schema_coercion', 24, 6, '1815')],
  },
  {
    name: 'thinking, a tool call, then the JSON',
    body: sse(piece({ content: '<think>who?</think>' }), call(`{'n': "5",}`), piece({ content: `{"name": "Ada", "born": "18` }), piece({ content: `15"}` }), piece({}, 'tool_calls'), '[DONE]'),
    content: [TOOL_USE, { type: 'text', text: JSON_TEXT }],
    raw: '<think>who?</think>{"name": "Ada", "born": "1815"}',
    repairs: [repair('schema_coercion', 43, 6, '1815')],
  },
];

function eventsOf(text: string): AnthropicEvent[] {
  return text
    .split('\n\n')
    .filter((b) => b.includes('data: '))
    .map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as AnthropicEvent)
    .filter((e) => e.type !== 'ping');
}

describe('messages: a structured output written after tool calls, coerced as it is written (coerce)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const client = () => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-schema': 'coerce' } });
  const params = (user: string) => ({ model: 'test/structured', max_tokens: 200, messages: [{ role: 'user' as const, content: user }], tools: TOOLS, output_config: { format: { type: 'json_schema', schema: SCHEMA } } }) as unknown as Anthropic.MessageCreateParamsNonStreaming;
  const art = async (id: string | null | undefined) => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as Record<string, unknown>;

  /** A streamed message (undici: its trailers), its events folded as the SDK folds them. */
  async function streamed(k: number) {
    const r = await request(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' },
      body: JSON.stringify({ ...params(String(k)), stream: true }),
    });
    const events = eventsOf(await r.body.text());
    return { events, message: assembleMessage(events), trailers: r.trailers, artifact: await art(r.headers['request-id'] as string) };
  }

  /** What the artifact says of the answer (the same streamed or not). */
  const kept = (a: Record<string, unknown>) => [a.status, a.rawContent, a.repairedContent, (a.repairs as ReturnType<typeof repair>[]).map((r) => repair(r.kind, r.offset, r.length, r.replacement)), a.schema, a.toolCalls];

  for (const c of CASES) {
    it(`${c.name}: not streaming, streamed at every byte split, and the SDK's stream agree`, async function () {
      this.timeout(300_000); // a guard against a hang, not a speed check
      up.enqueue({ chunks: [c.body] });
      const { data, response } = await client().messages.create(params('whole')).withResponse();
      const whole = await art(response.headers.get('x-streamfix-request-id'));
      assert.deepEqual(data.content.filter((b) => b.type !== 'thinking'), c.content);
      assert.deepEqual([response.headers.get('x-streamfix-status'), response.headers.get('x-streamfix-schema')], ['REPAIRED', 'valid']);
      assert.deepEqual(kept(whole).slice(0, 5), ['REPAIRED', c.raw, JSON_TEXT, c.repairs, { valid: true, errors: [] }]);
      assert.deepEqual((whole.toolCalls as { repairedArguments: string; status: string }[]).map((t) => [t.repairedArguments, t.status]), [['{"n": 5}', 'REPAIRED']]);
      const body = Buffer.from(c.body);
      await atEveryByteSplit(up, body, 8, async (k) => {
        const s = await streamed(k);
        assert.deepEqual(s.message.content, data.content, `split ${k}`);
        // the text is coerced as it is written: no text delta ever held the string "1815"
        const texts = s.events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'text_delta').map((e) => (e.delta as { text: string }).text);
        assert.equal(texts.join(''), JSON_TEXT, `split ${k}`);
        assert.deepEqual(s.trailers, { 'x-streamfix-status': 'REPAIRED', 'x-streamfix-schema': 'valid' }, `split ${k}`);
        assert.deepEqual(kept(s.artifact), kept(whole), `split ${k}`);
        if (k % 3 === 0) {
          // the SDK folds the same stream into the same message (every third split: each is a second request)
          const m = await client().messages.stream(params(String(k)) as unknown as Anthropic.MessageStreamParams).finalMessage();
          assert.deepEqual(m.content, data.content, `split ${k}, the SDK's stream`);
        }
      });
    });
  }
});
