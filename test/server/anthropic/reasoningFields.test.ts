/**
 * Reasoning that is not Anthropic's keeps every field on the way back upstream. OpenRouter's
 * reasoning_details entries carry the `format` of the provider that wrote them and, for some, an `id` the
 * provider needs back (OpenAI's reasoning item `rs_…`, with its encrypted content; Gemini's thought
 * signature tied to a call id). A Messages client gets them as blocks that have no place for these
 * fields: the gateway puts them in an envelope (thinkingRoundTrip.ts) in the signature or the data and
 * gives them back whole next turn; Anthropic's own entries go out as they are and come back with their
 * format. Before, `id` and `format` were dropped and the provider rejected or ignored the reasoning. A chat
 * client gets the entries as sent and sends them back as it likes: the gateway passes both ways unchanged.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { ANTHROPIC_FORMAT, ENVELOPE, reasoningDetailOf, signatureOf } from '../../../server/anthropic/thinkingRoundTrip';
import { postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const OAI = 'openai-responses-v1';
const SUMMARY = { type: 'reasoning.summary', summary: 'Plan: look it up.', id: 'rs_0abc', format: OAI, index: 0 };
const ENCRYPTED = { type: 'reasoning.encrypted', data: 'gAAAAABo-enc==', id: 'rs_0abc', format: OAI, index: 1 };
const GEMINI = { type: 'reasoning.encrypted', data: 'CiQB0e2Kb==', id: 'tool_get_weather_0', format: 'google-gemini-v1', index: 0 };
const SIGNED_OTHER = { type: 'reasoning.text', text: 'Hm.', signature: 'c2lnLXg=', id: null, format: 'xai-responses-v1', index: 0 };

const env = (fields: Record<string, unknown>) => ENVELOPE + Buffer.from(JSON.stringify(fields)).toString('base64url');

/** OpenAI through OpenRouter: a summary, then its encrypted item, then text. */
const OPENAI_STREAM = sse(
  chunk({ role: 'assistant', content: '', reasoning: 'Plan: ', reasoning_details: [{ ...SUMMARY, summary: 'Plan: ' }] }),
  chunk({ reasoning: 'look it up.', reasoning_details: [{ ...SUMMARY, summary: 'look it up.' }] }),
  chunk({ reasoning_details: [ENCRYPTED] }),
  chunk({ content: 'Sunny.' }),
  chunk({}, 'stop'),
  '[DONE]',
);

describe('messages: reasoning_details fields survive the round trip', () => {
  it('out: an entry not Anthropic\'s goes out in an envelope (summary → the thinking block\'s signature, encrypted → redacted_thinking data), at every byte split', () => {
    const want = [
      ['start', 0, { type: 'thinking', thinking: '', signature: '' }],
      ['thinking_delta', 0, 'Plan: look it up.'],
      ['signature_delta', 0, 'sig'],
      ['stop', 0],
      ['start', 1, { type: 'redacted_thinking', data: env({ type: 'reasoning.encrypted', data: 'gAAAAABo-enc==', id: 'rs_0abc', format: OAI }) }],
      ['stop', 1],
      ['start', 2, { type: 'text', text: '' }],
      ['text_delta', 2, 'Sunny.'],
      ['stop', 2],
    ];
    for (let k = 1; k < Buffer.byteLength(OPENAI_STREAM); k++) {
      const events = translate(OPENAI_STREAM, [k]);
      checkGrammar(events);
      assert.deepEqual(normalize(events).slice(1, 10), want, `cut at ${k}`);
      const sigs = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
      assert.deepEqual(sigs, [env({ type: 'reasoning.summary', id: 'rs_0abc', format: OAI })], `cut at ${k}`);
    }
  });

  it("out: unsigned text whose entry has only a format (many providers' `unknown`) keeps the gateway's signature: there is nothing else to hand back", () => {
    const text = sse(chunk({ role: 'assistant', content: '', reasoning: 'x', reasoning_details: [{ type: 'reasoning.text', text: 'x', format: 'unknown', index: 0 }] }), chunk({ content: 'y' }), chunk({}, 'stop'), '[DONE]');
    const sigs = translate(text, []).filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
    assert.deepEqual(sigs, [signatureOf('x')]);
  });

  it('out: a summary without an id (a format only, or none) goes out in an envelope of its type: as the gateway-signed text it came back as reasoning.text, at every byte split', () => {
    for (const entry of [{ type: 'reasoning.summary', format: 'unknown' }, { type: 'reasoning.summary' }]) {
      const text = sse(chunk({ role: 'assistant', content: '', reasoning_details: [{ ...entry, summary: 'Plan: ', index: 0 }] }), chunk({ reasoning_details: [{ ...entry, summary: 'go.', index: 0 }] }), chunk({ content: 'Ok.' }), chunk({}, 'stop'), '[DONE]');
      for (let k = 1; k < Buffer.byteLength(text); k++) {
        const events = translate(text, [k]);
        checkGrammar(events);
        assert.deepEqual(normalize(events).slice(1, 5), [['start', 0, { type: 'thinking', thinking: '', signature: '' }], ['thinking_delta', 0, 'Plan: go.'], ['signature_delta', 0, 'sig'], ['stop', 0]], `cut at ${k}`);
        const sigs = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
        assert.deepEqual(sigs, [env(entry)], `${JSON.stringify(entry)}, cut at ${k}`);
      }
      assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: 'Plan: go.', signature: env(entry) }, 0), { ...entry, summary: 'Plan: go.', index: 0 });
    }
  });

  it('in: envelopes give back every field; Anthropic\'s own signature and data come back with their format; a broken envelope throws', () => {
    assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: 'Plan.', signature: env({ type: 'reasoning.summary', id: 'rs_0abc', format: OAI }) }, 0), { type: 'reasoning.summary', summary: 'Plan.', id: 'rs_0abc', format: OAI, index: 0 });
    assert.deepEqual(reasoningDetailOf({ type: 'redacted_thinking', data: env({ type: 'reasoning.encrypted', data: 'D', id: 'x', format: 'google-gemini-v1' }) }, 1), { type: 'reasoning.encrypted', data: 'D', id: 'x', format: 'google-gemini-v1', index: 1 });
    assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: 'Hm.', signature: env({ type: 'reasoning.text', signature: 'c2lnLXg=', id: null, format: 'xai-responses-v1' }) }, 2), { ...SIGNED_OTHER, index: 2 });
    assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: 'a', signature: 'EqQBCkYI' }, 0), { type: 'reasoning.text', text: 'a', signature: 'EqQBCkYI', format: ANTHROPIC_FORMAT, index: 0 });
    assert.deepEqual(reasoningDetailOf({ type: 'redacted_thinking', data: 'EmwK' }, 3), { type: 'reasoning.encrypted', data: 'EmwK', format: ANTHROPIC_FORMAT, index: 3 });
    assert.throws(() => reasoningDetailOf({ type: 'redacted_thinking', data: `${ENVELOPE}e30` }, 0), /changed on the way/); // {} has no type
    assert.throws(() => reasoningDetailOf({ type: 'thinking', thinking: '', signature: `${ENVELOPE}%%` }, 0), /changed on the way/);
  });

  describe('two turns through the clients', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test' });

    it('Anthropic SDK: OpenAI\'s summary and encrypted item, Gemini\'s call-bound signature, another provider\'s signed text and a summary without an id go back upstream with every field (streamed and not)', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const ask = { role: 'user' as const, content: 'Weather?' };
      const PLAIN_SUMMARY = { type: 'reasoning.summary', summary: 'Plan.', format: 'unknown', index: 0 };
      const SUMMARY_STREAM = sse(chunk({ role: 'assistant', content: '', reasoning: 'Plan.', reasoning_details: [PLAIN_SUMMARY] }), chunk({ content: 'Ok.' }), chunk({}, 'stop'), '[DONE]');
      const GEMINI_STREAM = sse(chunk({ role: 'assistant', content: '', reasoning_details: [GEMINI] }), chunk({ reasoning_details: [SIGNED_OTHER], reasoning: 'Hm.' }), chunk({ content: 'Ok.' }), chunk({}, 'stop'), '[DONE]');
      for (const [body, details] of [
        [OPENAI_STREAM, [{ ...SUMMARY, summary: 'Plan: look it up.', index: 0 }, ENCRYPTED]],
        [GEMINI_STREAM, [GEMINI, { ...SIGNED_OTHER, index: 1 }]],
        // a summary without an id stays a summary (it went back as reasoning.text)
        [SUMMARY_STREAM, [PLAIN_SUMMARY]],
      ] as const) {
        for (const stream of [true, false]) {
          up.enqueue({ chunks: [body] });
          const first = stream ? await client.messages.stream({ model: 'x/model', max_tokens: 500, messages: [ask] }).finalMessage() : await client.messages.create({ model: 'x/model', max_tokens: 500, messages: [ask] });
          up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Done.' }), chunk({}, 'stop'), '[DONE]')] });
          await client.messages.create({ model: 'x/model', max_tokens: 500, messages: [ask, { role: 'assistant', content: first.content }, { role: 'user', content: 'And?' }] });
          const sent = JSON.parse(up.requests[up.requests.length - 1]!.body) as { messages: { reasoning_details?: unknown }[] };
          assert.deepEqual(sent.messages[1]!.reasoning_details, details, `stream ${stream}`);
        }
      }
    });

    it('Anthropic SDK: an envelope changed on the way is a 400 naming the block, before anything goes upstream', async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const before = up.requests.length;
      const e = await client.messages.create({ model: 'x/model', max_tokens: 50, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: [{ type: 'redacted_thinking', data: `${ENVELOPE}e30` }, { type: 'text', text: 'b' }] }, { role: 'user', content: 'c' }] }).then(() => null, (x: unknown) => x);
      assert.ok(e instanceof Anthropic.BadRequestError, String(e));
      assert.equal((e.error as { error: { type: string } }).error.type, 'invalid_request_error');
      assert.match((e.error as { error: { message: string } }).error.message, /^messages\.1\.content\.0\.data: .*changed on the way/);
      assert.equal(up.requests.length, before);
    });

    it('chat: the client gets reasoning_details as sent in every mode, and what it sends back reaches the upstream unchanged', async () => {
      for (const mode of ['repair', 'strip', 'passthrough']) {
        up.enqueue({ chunks: [OPENAI_STREAM] });
        const res = await postChat(d, { model: 'x/model', stream: true, messages: [{ role: 'user', content: 'Weather?' }] }, { 'x-streamfix-mode': mode });
        const got = collect(await res.text());
        const details = got.chunks.flatMap((c) => ((c.choices as { delta?: { reasoning_details?: unknown[] } }[])[0]?.delta?.reasoning_details ?? []));
        assert.deepEqual(details, [{ ...SUMMARY, summary: 'Plan: ' }, { ...SUMMARY, summary: 'look it up.' }, ENCRYPTED], mode);
      }
      const back = { role: 'assistant', content: 'Sunny.', reasoning_details: [{ ...SUMMARY, summary: 'Plan: look it up.' }, ENCRYPTED] };
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Done.' }), chunk({}, 'stop'), '[DONE]')] });
      await (await postChat(d, { model: 'x/model', stream: true, messages: [{ role: 'user', content: 'Weather?' }, back, { role: 'user', content: 'And?' }] })).text();
      const sent = JSON.parse(up.requests[up.requests.length - 1]!.body) as { messages: unknown[] };
      assert.deepEqual(sent.messages[1], back);
    });
  });
});
