/**
 * The Messages API keeps no whole text of a stream it only passes on: a thinking block's gateway-made
 * signature is hashed as the thinking comes, a tool call's input is counted, not kept; what passed is
 * still counted whole (reasoningBytes, the truncated call's bytes).
 */
import { strict as assert } from 'node:assert';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { signatureOf } from '../../../server/anthropic/thinkingRoundTrip';
import { MessageTranslator, type AnthropicEvent, type TranslatorOptions } from '../../../server/anthropic/translate';
import { sse } from '../helpers/testUpstream';
import { translate } from './helpers';

const ev = (delta: Record<string, unknown>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });

/** The translator, its events for `deltas` read one event per read, and the longest string it held
 * while they came (looked at every 100 reads). */
function run(deltas: Record<string, unknown>[], finish: string, opts: Partial<TranslatorOptions> = {}, probe = longestHeld): { t: MessageTranslator; events: AnthropicEvent[]; held: number } {
  const t = new MessageTranslator({ id: 'msg_test', model: 'claude-test', inputTokens: 7, mode: 'strip', stopSequences: [], ...opts });
  const reader = new ChatStreamReader(t, true);
  t.start();
  const events = t.take();
  let held = 0;
  [...deltas.map((x) => ev(x)), ev({}, finish), '[DONE]'].forEach((d, i) => {
    events.push(...reader.read(Buffer.from(sse(d))));
    if (i % 100 === 99) held = Math.max(held, probe(t));
  });
  events.push(...reader.end());
  return { t, events, held: Math.max(held, probe(t)) };
}

/** The longest string the translator holds, looking through its fields (one level into objects, maps, arrays). */
function longestHeld(t: MessageTranslator): number {
  let max = 0;
  const see = (v: unknown, depth: number): void => {
    if (typeof v === 'string') max = Math.max(max, v.length);
    else if (depth > 0 && v instanceof Map) for (const x of v.values()) see(x, depth - 1);
    else if (depth > 0 && Array.isArray(v)) for (const x of v) see(x, depth - 1);
    else if (depth > 0 && typeof v === 'object' && v !== null) for (const x of Object.values(v)) see(x, depth - 1);
  };
  for (const v of Object.values(t)) if (!(v instanceof Object && v.constructor?.name === 'BoundedText') && !Array.isArray(v)) see(v, 2);
  return max;
}

const deltaText = (events: AnthropicEvent[], type: string, key: string) =>
  events.filter((e) => (e.delta as { type?: string } | undefined)?.type === type).map((e) => (e.delta as Record<string, string>)[key]).join('');

describe('messages: no whole copy of a long thinking block or tool input', () => {
  it('signs 1 Mi characters of thinking as signatureOf the whole, counting its bytes, keeping none of it whole', () => {
    const piece = 'é😀 pensée '.repeat(100); // 1,100 characters, 1,500 bytes
    const deltas = Array.from({ length: 1000 }, () => ({ reasoning: piece }));
    const { t, events, held } = run([{ role: 'assistant', content: '' }, ...deltas, { content: 'ok' }], 'stop');
    const whole = piece.repeat(1000);
    assert.equal(deltaText(events, 'thinking_delta', 'thinking'), whole);
    assert.equal(deltaText(events, 'signature_delta', 'signature'), signatureOf(whole));
    assert.equal(t.reasoningBytes, Buffer.byteLength(whole));
    assert.equal(t.reasoningBytes, 1_500_000);
    assert.ok(held < 2000, `held a string of ${held} characters`);
  });

  it('streams 1 Mi characters of tool input live, counting it, keeping none of it whole', () => {
    const args = `{"content": "${'x'.repeat(1_048_576)}"}`;
    const call = (a: string, first: boolean) => ({ tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' } : {}), function: { ...(first ? { name: 'write' } : {}), arguments: a } }] });
    const pieces = Array.from({ length: Math.ceil(args.length / 4096) }, (_, i) => args.slice(i * 4096, (i + 1) * 4096));
    const { t, events, held } = run([{ role: 'assistant', content: null }, ...pieces.map((p, i) => call(p, i === 0))], 'tool_calls');
    assert.equal(deltaText(events, 'input_json_delta', 'partial_json'), args);
    const block = (t as unknown as { calls: Map<number, { chars: number; pending: string }> }).calls.get(0)!;
    assert.deepEqual({ chars: block.chars, pending: block.pending }, { chars: args.length, pending: '' });
    assert.ok(held < 5000, `held a string of ${held} characters`);
  });

  it('auto: holds at most 1 Mi characters of whitespace before the answer decides, then streams as strip', () => {
    const piece = ' \n'.repeat(512);
    const heldText = (t: MessageTranslator) => (t as unknown as { heldStrip: { text: string }[] }).heldStrip.reduce((n, s) => n + s.text.length, 0);
    for (const [pieces, mode, text] of [[1024, 'repair', '{"a": 1}'], [1025, 'strip', '{"a": 1,}']] as const) {
      const deltas = Array.from({ length: pieces }, () => ({ content: piece }));
      const { t, events, held } = run([{ role: 'assistant', content: '' }, ...deltas, { content: '{"a": 1,}' }], 'stop', { mode: 'auto' }, heldText);
      assert.equal(t.decided?.mode, mode);
      assert.equal(t.decided?.reason, mode === 'strip' ? 'auto: over 1048576 characters of whitespace before the answer' : 'auto: the answer starts as JSON ({)');
      assert.equal(deltaText(events, 'text_delta', 'text'), piece.repeat(pieces) + text);
      assert.ok(held <= 1024 * 1024 + piece.length, `held ${held}`);
    }
  });
});

describe('messages auto: a think block before the answer streams as it comes', () => {
  const ev2 = (content: string, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] });
  const CASES: [string, 'repair' | 'strip'][] = [
    ['<think>Plan: é😀 a long plan.</think>\n{"a": [1, 2,}', 'repair'],
    ['<think>Plan.</think><think>More.</think>Sure: {"a": 1}', 'strip'],
    ['  <think>Plan.</think> {"a": 1,}', 'repair'],
    ['<think>Plan.</think>  \n  Well.', 'strip'],
  ];
  for (const [content, mode] of CASES) {
    it(`gives the events of ${mode} mode itself for ${JSON.stringify(content)}, at every byte split`, () => {
      const text = sse(ev2(content.slice(0, 9)), ev2(content.slice(9)), ev2('', 'stop'), '[DONE]');
      for (let k = 1; k < Buffer.byteLength(text); k++) {
        const auto = translate(text, [k], { mode: 'auto' });
        assert.deepEqual(auto, translate(text, [k], { mode }), `split ${k}`);
      }
    });
  }
});

describe('messages auto: holds no think block until the answer decides', () => {
  it('sends 1 Mi characters of a think block in the content as they come, holding none of it', () => {
    const heldText = (t: MessageTranslator) => {
      const h = t as unknown as { heldStrip: { text: string }[]; heldRepair: { text: string }[] };
      return [...h.heldStrip, ...h.heldRepair].reduce((n, s) => n + s.text.length, 0);
    };
    const piece = 'pensée '.repeat(150);
    const deltas = [{ content: '<think>' }, ...Array.from({ length: 1000 }, () => ({ content: piece })), { content: '</think>{"a": 1,}' }];
    const { t, events, held } = run([{ role: 'assistant', content: '' }, ...deltas], 'stop', { mode: 'auto' }, heldText);
    assert.equal(held, 0);
    assert.equal(t.decided?.mode, 'repair');
    assert.equal(deltaText(events, 'thinking_delta', 'thinking'), piece.repeat(1000));
    assert.equal(deltaText(events, 'text_delta', 'text'), '{"a": 1}');
  });
});
