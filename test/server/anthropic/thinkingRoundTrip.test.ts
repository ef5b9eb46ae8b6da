/**
 * Thinking both ways through OpenRouter's reasoning_details: the upstream's signatures and encrypted
 * reasoning reach the client (signature_delta, redacted_thinking) at every byte split, and the client's
 * next turn hands them back (request translation exact; the SDK over two turns against a scripted
 * upstream that records what it received).
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { reasoningDetailOf, signatureOf, ThinkingSigner } from '../../../server/anthropic/thinkingRoundTrip';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const ev = (delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });
const rt = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'reasoning.text', text, format: 'anthropic-claude-v1', index: 0, ...extra });

/** Signed thinking over two chunks, encrypted reasoning, thinking from reasoning_details alone (no
 * `reasoning` string), a `<think>` block in the content (the gateway signs that one), then text. */
const STREAM = [
  { role: 'assistant', content: '', reasoning: 'Let me ', reasoning_details: [rt('Let me ')] },
  { reasoning: 'think.', reasoning_details: [rt('think.', { signature: 'SIG-A' })] },
  { reasoning_details: [{ type: 'reasoning.encrypted', data: 'ENC-B', format: 'anthropic-claude-v1', index: 1 }] },
  { reasoning_details: [rt('More.', { signature: 'SIG-C', index: 2 })] },
  { content: '<think>own</think>Answer.' },
];

function upstreamText(compact: boolean): string {
  const mk = compact ? ev : (d: Record<string, unknown>, f: string | null = null) => chunk(d, f);
  return sse(...STREAM.map((d) => mk(d)), mk({}, 'stop'), '[DONE]');
}

describe('messages: thinking round-trip through reasoning_details', () => {
  it('streams the upstream signatures in signature_delta and encrypted reasoning as redacted_thinking, at every byte split', () => {
    const text = upstreamText(true);
    const bytes = Buffer.byteLength(text);
    const want = [
      ['message_start', { input_tokens: 7, output_tokens: 0 }],
      ['start', 0, { type: 'thinking', thinking: '', signature: '' }],
      ['thinking_delta', 0, 'Let me think.'],
      ['signature_delta', 0, 'sig'],
      ['stop', 0],
      ['start', 1, { type: 'redacted_thinking', data: 'ENC-B' }],
      ['stop', 1],
      ['start', 2, { type: 'thinking', thinking: '', signature: '' }],
      ['thinking_delta', 2, 'More.'],
      ['signature_delta', 2, 'sig'],
      ['stop', 2],
      ['start', 3, { type: 'thinking', thinking: '', signature: '' }],
      ['thinking_delta', 3, 'own'],
      ['signature_delta', 3, 'sig'],
      ['stop', 3],
      ['start', 4, { type: 'text', text: '' }],
      ['text_delta', 4, 'Answer.'],
      ['stop', 4],
      ['message_delta', { stop_reason: 'end_turn', stop_sequence: null }, { output_tokens: 7 }],
      ['message_stop'],
    ];
    for (let k = 1; k < bytes; k++) {
      const events = translate(text, [k]);
      checkGrammar(events);
      assert.deepEqual(normalize(events), want, `cut at ${k}`);
      const sigs = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
      assert.deepEqual(sigs, ['SIG-A', 'SIG-C', signatureOf('own')], `cut at ${k}`);
    }
  });

  it('signs unsigned thinking with non-ASCII text (reasoning fields and a think block) as signatureOf its whole text, at every byte split', () => {
    const first = 'Ça: é€😀, 😀';
    const text = sse(ev({ role: 'assistant', content: '', reasoning: first.slice(0, 5) }), ev({ reasoning: first.slice(5) }), ev({ content: '<think>deux 😀 €</think>{"a": 1}' }), ev({}, 'stop'), '[DONE]');
    const bytes = Buffer.byteLength(text);
    for (let k = 1; k < bytes; k++) {
      const events = translate(text, [k]);
      const thinking = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'thinking_delta').map((e) => (e.delta as { thinking: string }).thinking).join('');
      assert.equal(thinking, `${first}deux 😀 €`, `cut at ${k}`);
      const sigs = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta').map((e) => (e.delta as { signature: string }).signature);
      assert.deepEqual(sigs, [signatureOf(`${first}deux 😀 €`)], `cut at ${k}`);
    }
  });

  it('signs a block fed in pieces as signatureOf signs its whole text, at every split (inside surrogate pairs too), block after block', () => {
    const text = 'Hm, é€ 😀 then 😀😀 and a lone \ud83d here';
    const whole = signatureOf(text);
    assert.equal(whole, `streamfix:${createHash('sha256').update(text).digest('base64url')}`);
    const signer = new ThinkingSigner();
    for (let a = 0; a <= text.length; a++) {
      for (const b of [a, Math.min(text.length, a + 1), Math.min(text.length, a + 7)]) {
        signer.add(text.slice(0, a));
        signer.add(text.slice(a, b));
        signer.add(text.slice(b));
        assert.equal(signer.sign(), whole, `split ${a}, ${b}`);
      }
    }
    // one code unit at a time, then a second block: each sign() starts afresh
    for (const c of text) for (let i = 0; i < c.length; i++) signer.add(c[i]!);
    assert.equal(signer.sign(), whole);
    signer.add('\ud83d');
    assert.equal(signer.sign(), signatureOf('\ud83d'));
    assert.equal(signer.sign(), signatureOf(''));
  });

  it('maps incoming blocks: thinking → reasoning.text (foreign signature kept, the gateway\'s left out), redacted_thinking → reasoning.encrypted', () => {
    // a signature or data that is no envelope is Anthropic's: it goes back with Anthropic's format (reasoningFields.test.ts)
    assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: 'a', signature: 'EqQBCkYI' }, 0), { type: 'reasoning.text', text: 'a', signature: 'EqQBCkYI', format: 'anthropic-claude-v1', index: 0 });
    assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: 'b', signature: signatureOf('b') }, 1), { type: 'reasoning.text', text: 'b', index: 1 });
    assert.deepEqual(reasoningDetailOf({ type: 'thinking', thinking: '', signature: 'S' }, 2), { type: 'reasoning.text', text: '', signature: 'S', format: 'anthropic-claude-v1', index: 2 });
    assert.deepEqual(reasoningDetailOf({ type: 'redacted_thinking', data: 'ENC' }, 3), { type: 'reasoning.encrypted', data: 'ENC', format: 'anthropic-claude-v1', index: 3 });
    // nothing to hand back, or not a thinking block: no entry
    assert.equal(reasoningDetailOf({ type: 'thinking', thinking: '', signature: 'streamfix:x' }, 0), null);
    assert.equal(reasoningDetailOf({ type: 'redacted_thinking' }, 0), null);
    assert.equal(reasoningDetailOf({ type: 'text', text: 'x' }, 0), null);
  });

  describe('two turns through the SDK', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test' });

    it("turn 2 sends turn 1's thinking back (streamed or not, the same blocks); the upstream receives it as reasoning_details, in block order", async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      up.enqueue({ chunks: [upstreamText(false)] });
      const ask = { role: 'user' as const, content: 'Think, then answer.' };
      const first = await client.messages.stream({ model: 'x/model', max_tokens: 500, thinking: { type: 'enabled', budget_tokens: 100 }, messages: [ask] }).finalMessage();
      assert.deepEqual(first.content, [
        { type: 'thinking', thinking: 'Let me think.', signature: 'SIG-A' },
        { type: 'redacted_thinking', data: 'ENC-B' },
        { type: 'thinking', thinking: 'More.', signature: 'SIG-C' },
        { type: 'thinking', thinking: 'own', signature: signatureOf('own') },
        { type: 'text', text: 'Answer.' },
      ]);
      // not streaming: the same blocks, folded from the same events
      up.enqueue({ chunks: [upstreamText(false)] });
      const folded = await client.messages.create({ model: 'x/model', max_tokens: 500, thinking: { type: 'enabled', budget_tokens: 100 }, messages: [ask] });
      assert.deepEqual(folded.content, first.content);
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Done.' }), chunk({}, 'stop'), '[DONE]')] });
      const second = await client.messages.create({ model: 'x/model', max_tokens: 500, messages: [ask, { role: 'assistant', content: first.content }, { role: 'user', content: 'And?' }] });
      assert.deepEqual(second.content, [{ type: 'text', text: 'Done.' }]);
      const sent = JSON.parse(up.requests[up.requests.length - 1]!.body) as { messages: unknown[] };
      assert.deepEqual(sent.messages, [
        { role: 'user', content: 'Think, then answer.' },
        {
          role: 'assistant',
          content: 'Answer.',
          reasoning_details: [
            // with the format the upstream gave them (Anthropic's: their signatures and data went out as they were)
            { type: 'reasoning.text', text: 'Let me think.', signature: 'SIG-A', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.encrypted', data: 'ENC-B', format: 'anthropic-claude-v1', index: 1 },
            { type: 'reasoning.text', text: 'More.', signature: 'SIG-C', format: 'anthropic-claude-v1', index: 2 },
            { type: 'reasoning.text', text: 'own', index: 3 },
          ],
        },
        { role: 'user', content: 'And?' },
      ]);
    });
  });
});
