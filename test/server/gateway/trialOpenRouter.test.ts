/**
 * A hostile trial of the gateway's truth (issue 10), as a new user with the real clients: upstream
 * streams shaped as OpenRouter sends them (`: OPENROUTER PROCESSING` comments, a role-only first chunk,
 * `reasoning` with `reasoning_details`, empty deltas, `finish_reason` in a chunk of its own, a usage-only
 * last chunk, tool calls whose id and name come only in their first chunk, refusals, an `error` object
 * mid-stream under HTTP 200, leading white space before a non-streaming body), through every mode of
 * the chat endpoint (the openai SDK, streaming and not; undici for the trailer and the raw bytes) and
 * of the Messages API (the Anthropic SDK, messages.create and messages.stream). What each client must
 * get, and the status, were written by hand for every case before the first run (notes/gwtruth13.md).
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { request } from 'undici';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import type { GatewayEvent } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { sse, type ScriptedResponse } from '../helpers/testUpstream';

type Json = Record<string, unknown>;
type Mode = 'passthrough' | 'strip' | 'repair' | 'auto';

const ENV = { id: 'gen-1764590000-Zx81QaBc', provider: 'OpenAI', model: 'openai/gpt-4o', object: 'chat.completion.chunk', created: 1764590000 };
const PROCESSING = ': OPENROUTER PROCESSING';
const USAGE = { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42, cost: 0.00041, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 8 } };

/** One OpenRouter chunk of choice `index`. */
const ch = (delta: Json, finish: string | null = null, index = 0, extra: Json = {}): string =>
  JSON.stringify({ ...ENV, choices: [{ index, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }], ...extra });
/** The usage-only last chunk (no choices). */
const usageOnly = JSON.stringify({ ...ENV, choices: [], usage: USAGE });
const reasoningDelta = (text: string): Json => ({ content: '', reasoning: text, reasoning_details: [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }] });
const call = (index: number, id: string, name: string, args: string): Json => ({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: args } }] });
const args = (index: number, a: string): Json => ({ tool_calls: [{ index, function: { arguments: a } }] });

/** What one choice must reach the client as (the openai SDK's fold of the stream, or the body's message). */
interface ChoiceWant {
  content: string;
  reasoning?: string;
  refusal?: string;
  /** Each call's arguments, by call index. */
  tools?: string[];
  finish: string;
}

interface ModeWant {
  choices: ChoiceWant[];
  status: string;
  /** The stream ends in an error (the SDK throws it, with this message) after the choices' text. */
  error?: string;
}

interface Case {
  name: string;
  events: string[];
  n?: number;
  want: Record<Mode, ModeWant>;
  /** The Messages API's blocks (brief) and stop reason, per mode (no passthrough there); absent: n > 1. */
  messages?: Record<Exclude<Mode, 'passthrough'>, { blocks: [string, unknown][]; stop: string; status: string; error?: string }>;
}

const same = (w: ModeWant): Record<Mode, ModeWant> => ({ passthrough: { ...w, status: 'PASSTHROUGH' }, strip: w, repair: w, auto: w });

const RAW_JSON = `{'name': 'Ada', "born": 1815,}`;
const FIXED_JSON = '{"name": "Ada", "born": 1815}';
const HAIKU = "Sure — here's a haiku:\n\nAutumn moonlight—\na worm digs silently\ninto the chestnut.";
const WEATHER = '{"location": "Paris, France", "unit": "celsius"}';
const SEARCH = '{"query": "café in Lisbon", "limit": 3}';

const CASES: Case[] = [
  {
    name: 'JSON with defects after reasoning (reasoning + reasoning_details), comments, an empty delta, finish alone, usage-only last chunk',
    events: [PROCESSING, ch({ role: 'assistant', content: '' }), ch(reasoningDelta('The user wants ')), ch(reasoningDelta('a record.')), PROCESSING, ch({ content: `{'name': 'Ada', ` }), ch({}), ch({ content: `"born": 1815,}` }), ch({}, 'stop'), usageOnly, '[DONE]'],
    want: {
      passthrough: { choices: [{ content: RAW_JSON, reasoning: 'The user wants a record.', finish: 'stop' }], status: 'PASSTHROUGH' },
      strip: { choices: [{ content: RAW_JSON, reasoning: 'The user wants a record.', finish: 'stop' }], status: 'TEXT' },
      repair: { choices: [{ content: FIXED_JSON, reasoning: 'The user wants a record.', finish: 'stop' }], status: 'REPAIRED' },
      auto: { choices: [{ content: FIXED_JSON, reasoning: 'The user wants a record.', finish: 'stop' }], status: 'REPAIRED' },
    },
    messages: {
      strip: { blocks: [['thinking', 'The user wants a record.'], ['text', RAW_JSON]], stop: 'end_turn', status: 'TEXT' },
      repair: { blocks: [['thinking', 'The user wants a record.'], ['text', FIXED_JSON]], stop: 'end_turn', status: 'REPAIRED' },
      auto: { blocks: [['thinking', 'The user wants a record.'], ['text', FIXED_JSON]], stop: 'end_turn', status: 'REPAIRED' },
    },
  },
  {
    name: 'prose, no JSON (a multi-byte dash), in pieces',
    events: [PROCESSING, ch({ role: 'assistant', content: '' }), ch({ content: 'Sure — here' }), ch({ content: "'s a haiku:\n\nAutumn moon" }), ch({ content: 'light—\na worm digs silently\ninto the chestnut.' }), ch({}, 'stop', 0, { usage: USAGE }), '[DONE]'],
    want: {
      passthrough: { choices: [{ content: HAIKU, finish: 'stop' }], status: 'PASSTHROUGH' },
      strip: { choices: [{ content: HAIKU, finish: 'stop' }], status: 'TEXT' },
      repair: { choices: [{ content: HAIKU, finish: 'stop' }], status: 'FAILED' },
      auto: { choices: [{ content: HAIKU, finish: 'stop' }], status: 'TEXT' },
    },
    messages: {
      strip: { blocks: [['text', HAIKU]], stop: 'end_turn', status: 'TEXT' },
      repair: { blocks: [['text', HAIKU]], stop: 'end_turn', status: 'FAILED' },
      auto: { blocks: [['text', HAIKU]], stop: 'end_turn', status: 'TEXT' },
    },
  },
  {
    name: 'two parallel tool calls, id and name only in their first chunk, arguments in pieces, content null, finish alone with usage',
    events: [
      ch({ role: 'assistant', content: null }),
      ch(call(0, 'call_Wx1', 'get_weather', '')),
      ch(args(0, '{"location": "Par')),
      ch(args(0, 'is, France", "unit": "celsius"}')),
      ch(call(1, 'call_Sr2', 'search', '{"query": ')),
      ch(args(1, '"café in Lisbon", "limit": 3}')),
      ch({}, 'tool_calls', 0, { usage: USAGE }),
      '[DONE]',
    ],
    want: {
      ...same({ choices: [{ content: '', tools: [WEATHER, SEARCH], finish: 'tool_calls' }], status: 'VALID' }),
    },
    messages: {
      strip: { blocks: [['tool_use', ['get_weather', JSON.parse(WEATHER)]], ['tool_use', ['search', JSON.parse(SEARCH)]]], stop: 'tool_use', status: 'VALID' },
      repair: { blocks: [['tool_use', ['get_weather', JSON.parse(WEATHER)]], ['tool_use', ['search', JSON.parse(SEARCH)]]], stop: 'tool_use', status: 'VALID' },
      auto: { blocks: [['tool_use', ['get_weather', JSON.parse(WEATHER)]], ['tool_use', ['search', JSON.parse(SEARCH)]]], stop: 'tool_use', status: 'VALID' },
    },
  },
  {
    name: 'white space content, then a tool call with broken arguments',
    events: [ch({ role: 'assistant', content: '' }), ch({ content: '\n\n' }), ch(call(0, 'call_Wx1', 'get_weather', `{'location': 'Paris',`)), ch(args(0, '}')), ch({}, 'tool_calls'), usageOnly, '[DONE]'],
    want: {
      passthrough: { choices: [{ content: '\n\n', tools: [`{'location': 'Paris',}`], finish: 'tool_calls' }], status: 'PASSTHROUGH' },
      strip: { choices: [{ content: '\n\n', tools: ['{"location": "Paris"}'], finish: 'tool_calls' }], status: 'REPAIRED' },
      repair: { choices: [{ content: '\n\n', tools: ['{"location": "Paris"}'], finish: 'tool_calls' }], status: 'REPAIRED' },
      auto: { choices: [{ content: '\n\n', tools: ['{"location": "Paris"}'], finish: 'tool_calls' }], status: 'REPAIRED' },
    },
    messages: {
      strip: { blocks: [['text', '\n\n'], ['tool_use', ['get_weather', { location: 'Paris' }]]], stop: 'tool_use', status: 'REPAIRED' },
      repair: { blocks: [['text', '\n\n'], ['tool_use', ['get_weather', { location: 'Paris' }]]], stop: 'tool_use', status: 'REPAIRED' },
      auto: { blocks: [['text', '\n\n'], ['tool_use', ['get_weather', { location: 'Paris' }]]], stop: 'tool_use', status: 'REPAIRED' },
    },
  },
  {
    name: 'a refusal (content null, the refusal in pieces)',
    events: [ch({ role: 'assistant', content: null, refusal: '' }), ch({ refusal: "I'm sorry, " }), ch({ refusal: "I can't help with that." }), ch({}, 'stop'), usageOnly, '[DONE]'],
    want: same({ choices: [{ content: '', refusal: "I'm sorry, I can't help with that.", finish: 'stop' }], status: 'EMPTY' }),
    messages: {
      strip: { blocks: [['text', "I'm sorry, I can't help with that."]], stop: 'refusal', status: 'EMPTY' },
      repair: { blocks: [['text', "I'm sorry, I can't help with that."]], stop: 'refusal', status: 'EMPTY' },
      auto: { blocks: [['text', "I'm sorry, I can't help with that."]], stop: 'refusal', status: 'EMPTY' },
    },
  },
  {
    name: 'an error object mid-stream under HTTP 200 (finish_reason error), after part of a JSON value',
    events: [
      ch({ role: 'assistant', content: '' }),
      ch({ content: '{"items": [1, 2' }),
      JSON.stringify({ ...ENV, error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'OpenAI' } }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: 'error' }] }),
      '[DONE]',
    ],
    want: {
      // (the SDK throws at the error chunk before it reads the chunk's finish_reason: none seen)
      passthrough: { choices: [{ content: '{"items": [1, 2', finish: '' }], status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
      strip: { choices: [{ content: '{"items": [1, 2', finish: '' }], status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
      repair: { choices: [{ content: '{"items": [1, 2]}', finish: '' }], status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
      auto: { choices: [{ content: '{"items": [1, 2]}', finish: '' }], status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
    },
    messages: {
      strip: { blocks: [['text', '{"items": [1, 2']], stop: '', status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
      repair: { blocks: [['text', '{"items": [1, 2]}']], stop: '', status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
      auto: { blocks: [['text', '{"items": [1, 2]}']], stop: '', status: 'UPSTREAM_ERROR', error: 'Provider returned error' },
    },
  },
  {
    name: 'n = 2, interleaved, each with a role-only first chunk and a finish chunk of its own, usage-only last chunk',
    n: 2,
    events: [
      PROCESSING,
      ch({ role: 'assistant', content: '' }, null, 0),
      ch({ role: 'assistant', content: '' }, null, 1),
      ch({ content: '{"a": ' }, null, 0),
      ch({ content: "{'a': " }, null, 1),
      ch({ content: '1}' }, null, 0),
      ch({ content: '2}' }, null, 1),
      ch({}, 'stop', 1),
      ch({}, 'stop', 0),
      usageOnly,
      '[DONE]',
    ],
    want: {
      passthrough: { choices: [{ content: '{"a": 1}', finish: 'stop' }, { content: "{'a': 2}", finish: 'stop' }], status: 'PASSTHROUGH' },
      strip: { choices: [{ content: '{"a": 1}', finish: 'stop' }, { content: "{'a': 2}", finish: 'stop' }], status: 'TEXT' },
      repair: { choices: [{ content: '{"a": 1}', finish: 'stop' }, { content: '{"a": 2}', finish: 'stop' }], status: 'REPAIRED' },
      auto: { choices: [{ content: '{"a": 1}', finish: 'stop' }, { content: '{"a": 2}', finish: 'stop' }], status: 'REPAIRED' },
    },
  },
  {
    name: 'a valid JSON answer whose upstream closes cleanly after its finish chunk, without [DONE]',
    events: [ch({ role: 'assistant', content: '' }), ch({ content: '{"ok": true}' }), ch({}, 'stop', 0, { usage: USAGE })],
    want: {
      passthrough: { choices: [{ content: '{"ok": true}', finish: 'stop' }], status: 'PASSTHROUGH' },
      strip: { choices: [{ content: '{"ok": true}', finish: 'stop' }], status: 'TEXT' },
      repair: { choices: [{ content: '{"ok": true}', finish: 'stop' }], status: 'VALID' },
      auto: { choices: [{ content: '{"ok": true}', finish: 'stop' }], status: 'VALID' },
    },
    messages: {
      strip: { blocks: [['text', '{"ok": true}']], stop: 'end_turn', status: 'TEXT' },
      repair: { blocks: [['text', '{"ok": true}']], stop: 'end_turn', status: 'VALID' },
      auto: { blocks: [['text', '{"ok": true}']], stop: 'end_turn', status: 'VALID' },
    },
  },
];

/** The non-streaming body OpenRouter sends for the same answer: leading white space (its keep-alive while
 * the model works), then the completion. */
function completionOf(events: string[]): string {
  const choices = new Map<number, { content: string | null; reasoning: string | null; refusal: string | null; tools: Map<number, Json>; finish: string | null }>();
  let usage: unknown;
  let error: unknown;
  for (const e of events) {
    if (e.startsWith(':') || e === '[DONE]') continue;
    const c = JSON.parse(e) as Json;
    if (c.usage) usage = c.usage;
    if (c.error) error = c.error;
    for (const x of c.choices as Json[]) {
      const i = x.index as number;
      const st = choices.get(i) ?? { content: null, reasoning: null, refusal: null, tools: new Map(), finish: null };
      choices.set(i, st);
      const d = x.delta as Json;
      if (typeof d.content === 'string' && d.content !== '') st.content = (st.content ?? '') + d.content;
      if (typeof d.reasoning === 'string') st.reasoning = (st.reasoning ?? '') + d.reasoning;
      if (typeof d.refusal === 'string' && d.refusal !== '') st.refusal = (st.refusal ?? '') + d.refusal;
      for (const tc of (d.tool_calls as Json[] | undefined) ?? []) {
        const t = st.tools.get(tc.index as number) ?? { id: tc.id, type: 'function', function: { name: (tc.function as Json).name, arguments: '' } };
        (t.function as Json).arguments += (tc.function as Json).arguments as string;
        st.tools.set(tc.index as number, t);
      }
      if (x.finish_reason) st.finish = x.finish_reason as string;
    }
  }
  if (error) return `\n\n${JSON.stringify({ error })}`;
  const body = {
    id: ENV.id,
    provider: ENV.provider,
    model: ENV.model,
    object: 'chat.completion',
    created: ENV.created,
    choices: [...choices].map(([index, st]) => ({
      index,
      message: { role: 'assistant', content: st.content, refusal: st.refusal, reasoning: st.reasoning, ...(st.tools.size > 0 ? { tool_calls: [...st.tools.values()] } : {}) },
      finish_reason: st.finish,
      native_finish_reason: st.finish,
      logprobs: null,
    })),
    usage,
  };
  return `\n         \n\n${JSON.stringify(body)}`;
}

describe('trial: OpenRouter-shaped upstreams through every mode, with the real clients', () => {
  // every request's error cases would open the model's breaker: off here (breaker.test.ts tests it)
  const { up, d, events } = useTestGateway({ apiKey: 'sk-test-secret', record: true, breaker: { ...DEFAULT_BREAKER, failures: 0 } });
  // each test's upstream answer by its user message (a test that fails leaves no answer for the next)
  const scripts = new Map<string, ScriptedResponse>();
  let keys = 0;
  const script = (r: ScriptedResponse): string => {
    const key = `trial-${++keys}`;
    scripts.set(key, r);
    return key;
  };
  before(() => up.respond((r) => scripts.get((JSON.parse(r.body) as { messages: { content: string }[] }).messages[0]!.content)));
  const finished = (id: string) => events.find((e): e is Extract<GatewayEvent, { type: 'finished' }> => e.type === 'finished' && e.id === id)?.status;
  const artifactStatus = async (id: string) => ((await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string }).status;
  const openai = (mode: Mode) => new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
  const anthropic = (mode: Mode) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
  const TOOLS = [
    { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } },
    { type: 'function' as const, function: { name: 'search', parameters: { type: 'object' } } },
  ];
  const chatParams = (c: Case, key: string) => ({ model: 'openai/gpt-4o', n: c.n ?? 1, tools: TOOLS, messages: [{ role: 'user' as const, content: key }] });

  for (const c of CASES) {
    describe(c.name, () => {
      const body = sse(...c.events);
      for (const mode of ['passthrough', 'strip', 'repair', 'auto'] as const) {
        const want = c.want[mode];

        it(`chat, ${mode}, streaming (openai SDK): every choice's text, reasoning, refusal, calls and finish; ${want.status}`, async () => {
          const key = script({ chunks: [body] });
          const { data: stream, response } = await openai(mode).chat.completions.create({ ...chatParams(c, key), stream: true, stream_options: { include_usage: true } }).withResponse();
          const got = new Map<number, ChoiceWant>();
          let usage: unknown = null;
          let error = '';
          try {
            for await (const chunk of stream) {
              if (chunk.usage) usage = chunk.usage;
              for (const x of chunk.choices) {
                const g = got.get(x.index) ?? { content: '', reasoning: '', refusal: '', tools: [], finish: '' };
                got.set(x.index, g);
                const dl = x.delta as { content?: string | null; reasoning?: string; refusal?: string | null; tool_calls?: { index: number; function?: { arguments?: string } }[] };
                g.content += dl.content ?? '';
                g.reasoning += dl.reasoning ?? '';
                g.refusal += dl.refusal ?? '';
                for (const tc of dl.tool_calls ?? []) g.tools![tc.index] = (g.tools![tc.index] ?? '') + (tc.function?.arguments ?? '');
                if (x.finish_reason) g.finish = x.finish_reason;
              }
            }
          } catch (e) {
            error = (e as Error).message;
          }
          const norm = (w: ChoiceWant) => ({ content: w.content, reasoning: w.reasoning ?? '', refusal: w.refusal ?? '', tools: w.tools ?? [], finish: w.finish });
          assert.deepEqual([...got.keys()].sort().map((k) => norm(got.get(k)!)), want.choices.map(norm));
          assert.equal(error === '' ? '' : error.includes(want.error ?? '\u0000') ? want.error : error, want.error ?? '');
          if (!want.error && c.events.includes(usageOnly)) assert.deepEqual(usage, USAGE);
          const id = response.headers.get('x-streamfix-request-id')!;
          assert.deepEqual([await artifactStatus(id), finished(id)], [want.status, want.status]);
        });

        it(`chat, ${mode}, streaming (undici): the trailer says ${want.status}${mode === 'passthrough' ? ', the bytes are the upstream\'s' : ''}`, async () => {
          const key = script({ chunks: [body] });
          const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify({ ...chatParams(c, key), stream: true }) });
          const text = await r.body.text();
          if (mode === 'passthrough') assert.equal(text, body);
          assert.equal(r.trailers['x-streamfix-status'], want.status);
        });

        it(`chat, ${mode}, not streaming (openai SDK; the body after OpenRouter's white space): ${want.status}`, async () => {
          const whole = completionOf(c.events);
          const key = script({ headers: { 'content-type': 'application/json' }, chunks: [whole] });
          if (mode === 'passthrough' && want.error) {
            // passthrough: the body as it came (the SDK reads a 200 without choices), the status says it
            const r = await fetch(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode }, body: JSON.stringify(chatParams(c, key)) });
            assert.deepEqual([await r.text(), r.headers.get('x-streamfix-status')], [whole, want.status]);
            return;
          }
          let error = '';
          try {
            const { data, response } = await openai(mode).chat.completions.create(chatParams(c, key)).withResponse();
            const got = data.choices.map((x) => {
              const m = x.message as { content: string | null; reasoning?: string | null; refusal: string | null; tool_calls?: { function: { arguments: string } }[] };
              return { content: m.content ?? '', reasoning: m.reasoning ?? '', refusal: m.refusal ?? '', tools: (m.tool_calls ?? []).map((t) => t.function.arguments), finish: x.finish_reason };
            });
            assert.deepEqual(got, want.choices.map((w) => ({ content: w.content, reasoning: w.reasoning ?? '', refusal: w.refusal ?? '', tools: w.tools ?? [], finish: w.finish })));
            assert.equal(response.headers.get('x-streamfix-status'), want.status);
            if (mode === 'passthrough') assert.equal(await (await fetch(`${d.info.url}/streamfix/result/${response.headers.get('x-streamfix-request-id')}`)).status, 200);
          } catch (e) {
            if (e instanceof assert.AssertionError) throw e;
            error = (e as Error).message;
          }
          // an error answered as an error: the SDK throws it
          assert.equal(error === '' ? '' : error.includes(want.error ?? '\u0000') ? want.error : error, want.error ?? '');
        });
      }

      if (!c.messages) return;
      for (const mode of ['strip', 'repair', 'auto'] as const) {
        const want = c.messages[mode];
        for (const stream of [false, true]) {
          it(`messages, ${mode}, ${stream ? 'messages.stream' : 'messages.create'} (Anthropic SDK): the blocks, stop reason ${want.stop || '(error)'}, ${want.status}`, async () => {
            const key = script({ chunks: [body] }); // the Messages API always streams from the upstream
            const params = { model: 'claude-sonnet-4-5', max_tokens: 1000, tools: [{ name: 'get_weather', input_schema: { type: 'object' as const } }, { name: 'search', input_schema: { type: 'object' as const } }], messages: [{ role: 'user' as const, content: key }] };
            let error = '';
            let blocks: [string, unknown][] = [];
            let stop = '';
            let id = '';
            try {
              if (stream) {
                const s = anthropic(mode).messages.stream(params);
                s.on('connect', () => undefined);
                const m = await s.finalMessage().catch((e: Error) => {
                  error = e.message;
                  return s.currentMessage ?? null;
                });
                id = (await s.withResponse()).response.headers.get('request-id') ?? '';
                if (m) {
                  blocks = m.content.map((b) => (b.type === 'text' ? ['text', b.text] : b.type === 'thinking' ? ['thinking', b.thinking] : b.type === 'tool_use' ? ['tool_use', [b.name, b.input]] : [b.type, null]));
                  stop = m.stop_reason ?? '';
                }
              } else {
                const { data: m, response } = await anthropic(mode).messages.create(params).withResponse();
                id = response.headers.get('request-id') ?? '';
                blocks = m.content.map((b) => (b.type === 'text' ? ['text', b.text] : b.type === 'thinking' ? ['thinking', b.thinking] : b.type === 'tool_use' ? ['tool_use', [b.name, b.input]] : [b.type, null]));
                stop = m.stop_reason ?? '';
              }
            } catch (e) {
              if (e instanceof assert.AssertionError) throw e;
              error = (e as Error).message;
            }
            assert.equal(error === '' ? '' : error.includes(want.error ?? '\u0000') ? want.error : error, want.error ?? '');
            if (!want.error || stream) assert.deepEqual(blocks, want.blocks);
            if (!want.error) assert.equal(stop, want.stop);
            if (id !== '') assert.deepEqual([await artifactStatus(id), finished(id)], [want.status, want.status]);
          });
        }
      }
    });
  }
});
