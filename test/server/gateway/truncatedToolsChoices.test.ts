/**
 * Close mode (the default) with `n > 1`: the cut tool calls of every choice are flagged, not only the
 * first choice's. The artifact's truncatedToolCalls keeps the first choice's as bare indexes (as before)
 * and lists a later choice's as `{ choice, index }`; the `finished` event carries the same list; the
 * x-streamfix-truncated-tool-calls trailer (streaming) or header (not) writes them `1,1:0`. Every choice is
 * checked for the status too. The stream rewriter's end-of-stream list is the same at every byte split.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { laterChoices } from '../../../server/gateway/chat';
import { truncatedToolCalls } from '../../../server/gateway/record';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import type { GatewayEvent, TruncatedToolCallRef } from '../../../shared/protocol';
import { metric } from '../helpers/gateway';
import { readThrough } from '../helpers/rewrite';
import { useTestGateway } from '../helpers/testGateway';
import { parseSse, sse } from '../helpers/testUpstream';

// characters outside ASCII: a byte split may fall inside one
const WHOLE = ['{"path": "\u00e9.txt"}', '{"path": "a.txt", "content": "h\u20ac"}', '{"path": "b.txt", "content": "w\u00f6"}'];
const CUT = ['{"path": "\u00e9.txt"', '{"path": "a.txt", "content": "h\u20ac', '{"path": "b.txt", "content": "w\u00f6'];

/** One choice's answer: tool calls (call 0 whole, the last one cut or whole) and how it finished. */
interface ChoiceScript {
  index: number;
  calls: number;
  cut: boolean;
  /** null: no finish chunk (the stream ends with [DONE]). */
  finish: string | null;
}

function argsOf(c: ChoiceScript): string[] {
  return Array.from({ length: c.calls }, (_, k) => (k === c.calls - 1 && c.cut ? CUT : WHOLE)[(c.index + k) % 3]!);
}

function chunkOf(index: number, delta: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices: [{ index, delta, finish_reason: finish }] });
}

/** The choices interleaved as a provider sends them: every choice's start, then their arguments in the
 * given order, then their finishes. */
function streamOf(choices: ChoiceScript[]): string {
  const events: string[] = [];
  for (const c of choices) events.push(chunkOf(c.index, { role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_${c.index}_0`, type: 'function', function: { name: 'write_file', arguments: '' } }] }));
  for (const c of choices) {
    argsOf(c).forEach((a, k) => {
      const head = k === 0 ? {} : { id: `call_${c.index}_${k}`, type: 'function' };
      events.push(chunkOf(c.index, { tool_calls: [{ index: k, ...head, function: { ...(k === 0 ? {} : { name: 'write_file' }), arguments: a } }] }));
    });
  }
  for (const c of choices) if (c.finish !== null) events.push(chunkOf(c.index, {}, c.finish));
  return sse(...events, '[DONE]');
}

function completionOf(choices: ChoiceScript[]): string {
  const out = [...choices].sort((a, b) => a.index - b.index).map((c) => ({
    index: c.index,
    message: { role: 'assistant', content: null, tool_calls: argsOf(c).map((a, k) => ({ id: `call_${c.index}_${k}`, type: 'function', function: { name: 'write_file', arguments: a } })) },
    finish_reason: c.finish,
  }));
  return JSON.stringify({ id: 'gen-n', object: 'chat.completion', created: 1, model: 'test/model', choices: out });
}

interface Case {
  name: string;
  choices: ChoiceScript[];
  list: TruncatedToolCallRef[] | undefined;
  header: string | undefined;
  status: string;
}

const CASES: Case[] = [
  {
    name: 'both choices cut at the token limit',
    choices: [{ index: 0, calls: 2, cut: true, finish: 'length' }, { index: 1, calls: 1, cut: true, finish: 'length' }],
    list: [1, { choice: 1, index: 0 }],
    header: '1,1:0',
    status: 'TRUNCATED',
  },
  {
    name: 'only the second choice cut (the first whole: its status alone would be VALID)',
    choices: [{ index: 0, calls: 2, cut: false, finish: 'tool_calls' }, { index: 1, calls: 2, cut: true, finish: 'length' }],
    list: [{ choice: 1, index: 1 }],
    header: '1:1',
    status: 'TRUNCATED',
  },
  {
    name: 'only the first choice cut',
    choices: [{ index: 0, calls: 2, cut: true, finish: 'length' }, { index: 1, calls: 1, cut: false, finish: 'tool_calls' }],
    list: [1],
    header: '1',
    status: 'TRUNCATED',
  },
  {
    name: 'the second choice left a call open but finished normally (a slip the engine closed, not a cut)',
    choices: [{ index: 0, calls: 1, cut: false, finish: 'tool_calls' }, { index: 1, calls: 1, cut: true, finish: 'tool_calls' }],
    list: undefined,
    header: undefined,
    status: 'TRUNCATED',
  },
  {
    name: 'every choice whole',
    choices: [{ index: 0, calls: 1, cut: false, finish: 'tool_calls' }, { index: 1, calls: 2, cut: false, finish: 'tool_calls' }],
    list: undefined,
    header: undefined,
    status: 'VALID',
  },
  {
    name: 'three choices, the third sent first, the second without a finish before [DONE]',
    choices: [{ index: 2, calls: 1, cut: true, finish: 'length' }, { index: 0, calls: 1, cut: false, finish: 'tool_calls' }, { index: 1, calls: 2, cut: true, finish: null }],
    list: [{ choice: 1, index: 1 }, { choice: 2, index: 0 }],
    header: '1:1,2:0',
    status: 'TRUNCATED',
  },
];

describe('gateway: truncated tool calls of every choice (close, n > 1)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  for (const c of CASES) {
    for (const stream of [true, false]) {
      it(`${c.name}, ${stream ? 'streaming' : 'non-streaming'}: artifact ${JSON.stringify(c.list ?? null)}, ${stream ? 'trailer' : 'header'} ${c.header ?? 'absent'}, status ${c.status}`, async () => {
        // streaming: the body in pieces that split events and characters
        const body = stream ? streamOf(c.choices) : completionOf(c.choices);
        const bytes = Buffer.from(body);
        const pieces = stream ? [bytes.subarray(0, 101), bytes.subarray(101, 333), bytes.subarray(333)] : [body];
        up.enqueue(stream ? { chunks: pieces } : { headers: { 'content-type': 'application/json' }, chunks: pieces });
        const events: GatewayEvent[] = [];
        const off = d.events.subscribe((e) => events.push(e));
        const r = await request(`${d.info.url}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'test/model', stream, n: c.choices.length, messages: [{ role: 'user', content: 'write them' }] }),
        });
        const text = await r.body.text();
        assert.equal(r.statusCode, 200);
        const id = String(r.headers['x-streamfix-request-id']);
        const trailers = stream ? r.trailers : r.headers;
        assert.equal(trailers['x-streamfix-truncated-tool-calls'], c.header);
        assert.equal(trailers['x-streamfix-status'], c.status);
        if (stream) assert.equal(r.headers.trailer, 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact');
        const a = (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; truncatedToolCalls?: TruncatedToolCallRef[] };
        assert.deepEqual(a.truncatedToolCalls, c.list);
        assert.equal(a.status, c.status);
        for (let i = 0; i < 100 && !events.some((e) => e.type === 'finished' && e.id === id); i++) await new Promise((res) => setTimeout(res, 10));
        off();
        const fin = events.find((e) => e.type === 'finished' && e.id === id) as Extract<GatewayEvent, { type: 'finished' }>;
        assert.deepEqual(fin.truncatedToolCalls, c.list);
        assert.equal(fin.status, c.status);
        // still closed, as before: every choice's every call is valid JSON for the client
        const args = stream ? streamedArgs(text) : completionArgs(text);
        for (const s of c.choices) argsOf(s).forEach((_, k) => assert.doesNotThrow(() => JSON.parse(args.get(`${s.index}/${k}`)!), `choice ${s.index} call ${k}: ${args.get(`${s.index}/${k}`)}`));
      });
    }
  }
});

describe('gateway: the status checks every choice (n > 1)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  // choice 0 valid JSON, choice 1 JSON with a trailing comma: the answer as a whole was repaired
  const CONTENTS = ['{"a": 1}', '{"b": 2,}'];
  for (const stream of [true, false]) {
    it(`${stream ? 'streaming' : 'non-streaming'}: a later choice's repaired content makes the answer REPAIRED, not choice 0's VALID, and its repair is counted`, async () => {
      const body = stream
        ? sse(...CONTENTS.map((t, i) => chunkOf(i, { role: 'assistant', content: t })), ...CONTENTS.map((_, i) => chunkOf(i, {}, 'stop')), '[DONE]')
        : JSON.stringify({ id: 'gen-n', object: 'chat.completion', created: 1, model: 'test/model', choices: CONTENTS.map((t, i) => ({ index: i, message: { role: 'assistant', content: t }, finish_reason: 'stop' })) });
      up.enqueue(stream ? { chunks: [body] } : { headers: { 'content-type': 'application/json' }, chunks: [body] });
      const model = `test/n2-${stream ? 'stream' : 'body'}`;
      const r = await request(`${d.info.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' },
        body: JSON.stringify({ model, stream, n: 2, messages: [{ role: 'user', content: 'json' }] }),
      });
      const text = await r.body.text();
      assert.equal((stream ? r.trailers : r.headers)['x-streamfix-status'], 'REPAIRED');
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { status: string };
      assert.equal(a.status, 'REPAIRED');
      const sent = stream ? parseSse(text).data.filter((x) => x !== '[DONE]').map((x) => JSON.parse(x) as { choices: { index: number; delta: { content?: string } }[] }).filter((x) => x.choices[0]!.index === 1).map((x) => x.choices[0]!.delta.content ?? '').join('') : (JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[1]!.message.content;
      assert.equal(sent, '{"b": 2}');
      // and its repair is counted, streaming or not
      assert.equal(await metric(d, `streamfix_repairs_total{kind="trailing_comma",model="${model}"}`), 1);
    });
  }
});

/** The arguments each (choice, call) received over the stream, joined. */
function streamedArgs(text: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const data of parseSse(text).data) {
    if (data === '[DONE]') continue;
    for (const ch of (JSON.parse(data) as { choices: { index: number; delta: { tool_calls?: { index: number; function?: { arguments?: string } }[] } }[] }).choices) {
      for (const tc of ch.delta.tool_calls ?? []) args.set(`${ch.index}/${tc.index}`, (args.get(`${ch.index}/${tc.index}`) ?? '') + (tc.function?.arguments ?? ''));
    }
  }
  return args;
}

function completionArgs(text: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const ch of (JSON.parse(text) as { choices: { index: number; message: { tool_calls: { function: { arguments: string } }[] } }[] }).choices) {
    ch.message.tool_calls.forEach((tc, k) => args.set(`${ch.index}/${k}`, tc.function.arguments));
  }
  return args;
}

describe('gateway/streamRewrite: the cut list of every choice at every byte split', () => {
  /** What finishStream (chat.ts) lists, for the body read in two pieces at `split`; and the client's text. */
  function run(body: Buffer, split: number): { list: TruncatedToolCallRef[]; out: string } {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    const out = readThrough(rw, body, [split]);
    rw.settle();
    const st = rw.choices.get(0)!;
    return { list: truncatedToolCalls({ toolCalls: st.tools.artifacts(), finishReason: st.finishReason, laterChoices: laterChoices(rw) }), out };
  }

  for (const c of CASES) {
    it(`${c.name}: ${JSON.stringify(c.list ?? [])} and the same client text at every split`, () => {
      const body = Buffer.from(streamOf(c.choices));
      const whole = run(body, body.length);
      assert.deepEqual(whole.list, c.list ?? []);
      for (let k = 1; k < body.length; k++) {
        const r = run(body, k);
        assert.deepEqual(r.list, c.list ?? [], `split ${k}`);
        assert.equal(r.out, whole.out, `split ${k}`);
      }
    });
  }
});
