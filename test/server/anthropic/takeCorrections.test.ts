/**
 * /v1/messages, not streaming: the client gets the message whole, so a value the text corrects after its
 * first JSON value is replaced by its correction (engine option takeCorrections), as on the chat
 * endpoint's non-streaming answers. Messages answers are always streamed from the upstream, and the
 * translator used to give the first value, as a stream must. Streaming requests keep the first value.
 * When something must go out after the JSON before the end (thinking, a tool call), the engine releases
 * what it held and the message keeps the stream's order, and so its first value: those cases are
 * asserted equal to the streamed message. The translator's cases run at every cut of each text delta.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { assembleMessage } from '../../../server/anthropic/assemble';
import { MessageTranslator, type TranslatorOptions } from '../../../server/anthropic/translate';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

type Delta = Record<string, unknown>;
const C = (content: string): Delta => ({ content });
const R = (reasoning: string): Delta => ({ reasoning });
const T = (args: string): Delta => ({ tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: args } }] });

type Brief = [string, unknown];
const text = (t: string): Brief => ['text', t];
const thinking = (t: string): Brief => ['thinking', t];
const tool = (input: unknown): Brief => ['tool_use', input];
const brief = (blocks: readonly { type: string; text?: string; thinking?: string; input?: unknown }[]): Brief[] =>
  blocks.map((b) => (b.type === 'text' ? text(b.text!) : b.type === 'thinking' ? thinking(b.thinking!) : b.type === 'tool_use' ? tool(b.input) : [b.type, null]));

const FIXED = '{"a": 1}\n\nActually, use {"a": 2} instead.';

interface Case {
  name: string;
  deltas: Delta[];
  /** Not streaming (takeCorrections); null: the same blocks as streamed (the engine released its text). */
  whole: Brief[] | null;
  /** Streamed. */
  streamed: Brief[];
  opts?: Partial<TranslatorOptions>;
  /** false: auto mode decides strip here (text after a short value on its line, prose first, a tool call
   * before any text: autoMode.ts), so the case is repair mode's only. */
  auto?: false;
}

const CASES: Case[] = [
  { name: 'a JSON value, then its correction', deltas: [C(FIXED)], whole: [text('{"a": 2}')], streamed: [text('{"a": 1}')] },
  { name: 'a correction line with broken JSON after it', deltas: [C("{'v': 1}\nCorrection: {v: 2,}")], whole: [text('{"v": 2}')], streamed: [text('{"v": 1}')] },
  { name: 'a think block, then the corrected value', deltas: [C(`<think>plan</think>${FIXED}`)], whole: [thinking('plan'), text('{"a": 2}')], streamed: [thinking('plan'), text('{"a": 1}')] },
  { name: 'reasoning in its field, then the corrected value', deltas: [R('plan'), C(FIXED)], whole: [thinking('plan'), text('{"a": 2}')], streamed: [thinking('plan'), text('{"a": 1}')] },
  { name: 'a fenced value and a corrected fenced value', deltas: [C('```json\n{"a": 1}\n```\nNo wait, that is wrong:\n```json\n{"a": 2}\n```')], whole: [text('{"a": 2}')], streamed: [text('{"a": 1}')] },
  { name: 'no correction: the value as streamed', deltas: [C('{"a": 1} For example, {"b": 2} also works.')], whole: null, streamed: [text('{"a": 1}')] , auto: false },
  { name: 'a draft in prose-started text (the answer either way)', deltas: [C('Something like {"draft": true}? No wait. {"a": 2}')], whole: null, streamed: [text('{"a": 2}')] , auto: false },
  // released: the message keeps the stream's order (and first value)
  { name: 'the value, reasoning in its field, then the correction', deltas: [C('{"a": 1}\n\n'), R('hmm'), C('Actually, use {"a": 2} instead.')], whole: null, streamed: [text('{"a": 1}'), thinking('hmm')] },
  { name: 'the value, a think block, then the correction', deltas: [C('{"a": 1}<think>late</think> Actually, use {"a": 2}.')], whole: null, streamed: [text('{"a": 1}'), thinking('late')] , auto: false },
  { name: 'the value, a tool call', deltas: [C('{"a": 1}\n\nActually, use {"a": 2}.'), T('{"q": 1}')], whole: null, streamed: [text('{"a": 1}'), tool({ q: 1 })] },
  // not released: nothing of the text was written when the call came
  { name: 'a tool call, then the corrected value', deltas: [T('{"q": 1}'), C(FIXED)], whole: [tool({ q: 1 }), text('{"a": 2}')], streamed: [tool({ q: 1 }), text('{"a": 1}')] , auto: false },
  // a prefill: the client has the JSON's start already, so its value cannot be replaced
  { name: 'after a prefill', deltas: [C('1}\n\nActually, use {"a": 2} instead.')], whole: null, streamed: [text('1}')], opts: { prefill: '{"a": ' } , auto: false },
];

function run(c: Case, deltas: Delta[], mode: 'repair' | 'auto', whole: boolean): Brief[] {
  const t = new MessageTranslator({ id: 'msg_test', model: 'm', inputTokens: 1, mode, stopSequences: [], takeCorrections: whole, ...c.opts });
  t.start();
  for (const d of deltas) t.chunk({ choices: [{ index: 0, delta: d, finish_reason: null }] });
  t.chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  t.end();
  return brief(assembleMessage(t.take()).content as never);
}

function cutAt(deltas: Delta[], k: number, at: number): Delta[] {
  const s = deltas[k]!.content as string;
  return [...deltas.slice(0, k), C(s.slice(0, at)), C(s.slice(at)), ...deltas.slice(k + 1)];
}

describe('messages, not streaming: a value the text corrects is replaced by its correction', () => {
  describe('the translator, at every cut of each text delta into two', () => {
    for (const mode of ['repair', 'auto'] as const) {
      for (const c of CASES) {
        if (mode === 'auto' && c.auto === false) continue;
        it(`${mode}: ${c.name}`, () => {
          const want = { whole: c.whole ?? c.streamed, streamed: c.streamed };
          const both = (deltas: Delta[]) => ({ whole: run(c, deltas, mode, true), streamed: run(c, deltas, mode, false) });
          assert.deepEqual(both(c.deltas), want, 'whole deltas');
          c.deltas.forEach((d, k) => {
            if (typeof d.content !== 'string') return;
            for (let at = 1; at < d.content.length; at++) assert.deepEqual(both(cutAt(c.deltas, k, at)), want, `delta ${k} cut at ${at}`);
          });
        });
      }
    }
  });

  describe('through the gateway, with the Anthropic SDK', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
    const client = (headers: Record<string, string> = {}) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: headers });
    const art = async (id: string | null) => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as { status: string; repairedContent: string; stripped: { kind: string; offset: number; text: string }[]; repairs: { kind: string; offset: number }[] };
    const body = (content: string) => {
      const pieces: string[] = [];
      for (let i = 0; i < content.length; i += 5) pieces.push(chunk({ content: content.slice(i, i + 5) }));
      return sse(chunk({ role: 'assistant', content: '' }), ...pieces, chunk({}, 'stop'), '[DONE]');
    };
    const params = { model: 'test/model', max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };

    for (const mode of ['repair', 'auto']) {
      it(`${mode}: messages.create gets the correction (VALID, the first value a draft); messages.stream the first value (REPAIRED)`, async () => {
        up.enqueue({ chunks: [body(FIXED)] });
        const { data, response } = await client({ 'x-streamfix-mode': mode }).messages.create(params).withResponse();
        assert.deepEqual(brief(data.content), [text('{"a": 2}')]);
        assert.equal(response.headers.get('x-streamfix-status'), 'VALID');
        const a = await art(response.headers.get('x-streamfix-request-id'));
        assert.deepEqual([a.status, a.repairedContent], ['VALID', '{"a": 2}']);
        assert.deepEqual(a.stripped.map((s) => [s.kind, s.offset, s.text]), [
          ['draft', 0, '{"a": 1}'],
          ['prose', 10, 'Actually, use'],
          ['trailing', 33, 'instead.'],
        ]);

        up.enqueue({ chunks: [body(FIXED)] });
        const s = client({ 'x-streamfix-mode': mode }).messages.stream(params);
        const m = await s.finalMessage();
        assert.deepEqual(brief(m.content), [text('{"a": 1}')]);
        const b = await art(((await s.withResponse()).response as Response).headers.get('x-streamfix-request-id'));
        assert.deepEqual([b.status, b.repairedContent], ['REPAIRED', '{"a": 1}']);
        assert.deepEqual(b.stripped.map((x) => x.kind), ['trailing', 'correction', 'trailing']);
      });
    }

    it('with x-streamfix-schema: coerce and a structured output, the correction is coerced, its coercion at its place in the raw text', async () => {
      const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false };
      const raw = '{"n": "1"}\nCorrection: {"n": "2"}';
      up.enqueue({ chunks: [body(raw)] });
      const { data, response } = await client({ 'x-streamfix-schema': 'coerce' })
        .messages.create({ ...params, output_config: { format: { type: 'json_schema', schema } } } as Anthropic.MessageCreateParamsNonStreaming)
        .withResponse();
      assert.deepEqual(brief(data.content), [text('{"n": 2}')]);
      assert.equal(response.headers.get('x-streamfix-schema'), 'valid');
      const a = await art(response.headers.get('x-streamfix-request-id'));
      assert.equal(a.repairedContent, '{"n": 2}');
      assert.deepEqual(a.repairs.map((r) => [r.kind, r.offset]), [['schema_coercion', raw.lastIndexOf('"2"')]]);
      assert.equal(a.status, 'REPAIRED');
    });
  });
});
