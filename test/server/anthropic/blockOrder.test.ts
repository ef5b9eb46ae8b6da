/**
 * Messages API with thinking: text and thinking blocks in the order the model wrote them (trial2 F7).
 * Prose before a think block is held (a lone `</think>` may still make it reasoning); the block's opening
 * tag decides it was text, and it goes out then, before the block's thinking. Checked streaming (the
 * upstream content cut into two events at every point, and read in 1-3 byte pieces), folded into the
 * non-streaming message, and through the daemon both ways.
 */
import { HOLD_PROSE } from '../../../shared/engine';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { assembleMessage } from '../../../server/anthropic/assemble';
import { ChatStreamReader } from '../../../server/anthropic/chatStreamReader';
import { MessageTranslator } from '../../../server/anthropic/translate';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

/** The gateway's own signature of a thinking block: its text's SHA-256 (thinkingRoundTrip.ts). */
const own = (thinking: string) => 'streamfix:' + createHash('sha256').update(thinking).digest('base64url');

interface Case {
  content: string;
  /** The blocks: [text before, thinking, text after]. */
  blocks: [string, string, string];
}

const CASES: Case[] = [
  { content: 'Step one.<think>r</think>Step two.', blocks: ['Step one.', 'r', 'Step two.'] },
  // the finding's input: the whitespace stays where the model put it (the thinking is not trimmed)
  { content: 'Step one.\n\n<think>\nreal reasoning\n</think>\nStep two.', blocks: ['Step one.\n\n', '\nreal reasoning\n', '\nStep two.'] },
  { content: 'You can wrap reasoning in <think>like this</think> tags', blocks: ['You can wrap reasoning in ', 'like this', ' tags'] },
];

const upstream = (parts: string[]) => sse(...parts.map((p, i) => chunk(i === 0 ? { role: 'assistant', content: p } : { content: p })), chunk({}, 'stop'), '[DONE]');

const events = ([before, thinking, after]: Case['blocks']) => [
  ['start', 0, { type: 'text', text: '' }],
  ['text_delta', 0, before],
  ['stop', 0],
  ['start', 1, { type: 'thinking', thinking: '', signature: '' }],
  ['thinking_delta', 1, thinking],
  ['signature_delta', 1, 'sig'],
  ['stop', 1],
  ['start', 2, { type: 'text', text: '' }],
  ['text_delta', 2, after],
  ['stop', 2],
];

const message = ([before, thinking, after]: Case['blocks']) => [
  { type: 'text', text: before },
  { type: 'thinking', thinking, signature: own(thinking) },
  { type: 'text', text: after },
];

describe('messages: text and thinking blocks in the order written', () => {
  for (const c of CASES) {
    for (const mode of ['strip', 'auto'] as const) {
      it(`${JSON.stringify(c.content)}, thinking on, ${mode}: text, thinking, text at every cut into two upstream events, streaming and folded`, () => {
        for (let k = 0; k <= c.content.length; k++) {
          const got = translate(upstream([c.content.slice(0, k), c.content.slice(k)]), [], { mode, holdProse: HOLD_PROSE });
          checkGrammar(got);
          assert.deepEqual(normalize(got).slice(1, -2), events(c.blocks), `content cut at ${k}`);
          assert.deepEqual(assembleMessage(got).content, message(c.blocks), `non-streaming, content cut at ${k}`);
        }
      });
    }

    it(`${JSON.stringify(c.content)}, thinking on: the same in 1, 2 and 3 byte reads; thinking off gives the same blocks`, () => {
      const text = upstream([c.content]);
      for (let size = 1; size <= 3; size++) {
        const cuts: number[] = [];
        for (let k = size; k < Buffer.byteLength(text); k += size) cuts.push(k);
        assert.deepEqual(normalize(translate(text, cuts, { holdProse: HOLD_PROSE })).slice(1, -2), events(c.blocks), `${size}-byte reads`);
      }
      assert.deepEqual(normalize(translate(text, [], { holdProse: 0 })).slice(1, -2), events(c.blocks), 'thinking off');
    });
  }

  it('auto mode, thinking on: a block after a leading newline streams as it comes (the newline goes after it), before the answer decides', () => {
    const t = new MessageTranslator({ id: 'm', model: 'c', inputTokens: 7, mode: 'auto', stopSequences: [], holdProse: HOLD_PROSE });
    const reader = new ChatStreamReader(t, true);
    t.start();
    t.take();
    const read = (content: string) => normalize([{ type: 'message_start', message: { usage: {} } }, ...reader.read(Buffer.from(sse(chunk({ content }))))]).slice(1);
    assert.deepEqual(read('\n<think>long '), [['start', 0, { type: 'thinking', thinking: '', signature: '' }], ['thinking_delta', 0, 'long ']]);
    // the block's end releases the newline: text the engine would drop, so this piece waits for the decision
    assert.deepEqual(read('thought</think>'), []);
    // prose: held for a lone closing tag until the end, which decides strip
    assert.deepEqual(read('Sure.'), []);
    const end = normalize([{ type: 'message_start', message: { usage: {} } }, ...reader.end()]).slice(1, -2);
    assert.deepEqual(end, [['thinking_delta', 0, 'thought'], ['signature_delta', 0, 'sig'], ['stop', 0], ['start', 1, { type: 'text', text: '' }], ['text_delta', 1, '\nSure.'], ['stop', 1]]);
  });

  // repair mode: the text block is the engine's JSON, and a think block after it (or between two) keeps
  // its place also when one upstream event holds both (before, the event's thinking went out first)
  const REPAIR_CASES: [string, ['text' | 'thinking', string][]][] = [
    ['{"a": 1}\n<think>late</think>\n', [['text', '{"a": 1}'], ['thinking', 'late']]],
    ['<think>r</think>{"a": 1}<think>s</think>', [['thinking', 'r'], ['text', '{"a": 1}'], ['thinking', 's']]],
    ['{"a": "x"} <thinking>after</thinking> ', [['text', '{"a": "x"}'], ['thinking', 'after']]],
    ['[1, 2]<think>a</think>', [['text', '[1, 2]'], ['thinking', 'a']]],
  ];
  const repairEvents = (blocks: ['text' | 'thinking', string][]): unknown[][] =>
    blocks.flatMap(([kind, text], i): unknown[][] =>
      kind === 'text'
        ? [['start', i, { type: 'text', text: '' }], ['text_delta', i, text], ['stop', i]]
        : [['start', i, { type: 'thinking', thinking: '', signature: '' }], ['thinking_delta', i, text], ['signature_delta', i, 'sig'], ['stop', i]],
    );
  const repairMessage = (blocks: ['text' | 'thinking', string][]) => blocks.map(([kind, text]) => (kind === 'text' ? { type: 'text', text } : { type: 'thinking', thinking: text, signature: own(text) }));
  for (const [content, blocks] of REPAIR_CASES) {
    it(`repair mode, ${JSON.stringify(content)}: blocks ${blocks.map((b) => b[0]).join(', ')} at every cut into two upstream events and in 1-3 byte reads, streaming and folded`, () => {
      for (let k = 0; k <= content.length; k++) {
        const got = translate(upstream([content.slice(0, k), content.slice(k)]), [], { mode: 'repair' });
        checkGrammar(got);
        assert.deepEqual(normalize(got).slice(1, -2), repairEvents(blocks), `content cut at ${k}`);
        assert.deepEqual(assembleMessage(got).content, repairMessage(blocks), `non-streaming, content cut at ${k}`);
      }
      const text = upstream([content]);
      for (let size = 1; size <= 3; size++) {
        const cuts: number[] = [];
        for (let k = size; k < Buffer.byteLength(text); k += size) cuts.push(k);
        assert.deepEqual(normalize(translate(text, cuts, { mode: 'repair' })).slice(1, -2), repairEvents(blocks), `${size}-byte reads`);
      }
    });
  }

  describe('through the daemon', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-or-v1-test', token: 'tok' });

    const post = async (stream: boolean) => {
      const r = await request(`http://127.0.0.1:${d.info.port}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'tok', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hi' }] }),
      });
      return { status: r.statusCode, text: await r.body.text() };
    };
    const c = CASES[1]!;

    it('non-streaming: the message\'s content is text, thinking, text', async () => {
      up.enqueue({ chunks: [upstream(['Step one.\n\n<thi', 'nk>\nreal reasoning\n</think>\nStep two.'])] });
      const r = await post(false);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((JSON.parse(r.text) as { content: unknown }).content, message(c.blocks));
    });

    it('repair mode, one upstream event with the JSON then a think block: text then thinking, non-streaming and streaming', async () => {
      const post2 = async (stream: boolean) => {
        up.enqueue({ chunks: [upstream(['{"a": 1}\n<think>late</think>\n'])] });
        const r = await request(`http://127.0.0.1:${d.info.port}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': 'tok', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': 'repair' },
          body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream, messages: [{ role: 'user', content: 'hi' }] }),
        });
        return { status: r.statusCode, text: await r.body.text() };
      };
      const whole = await post2(false);
      assert.equal(whole.status, 200, whole.text);
      assert.deepEqual((JSON.parse(whole.text) as { content: unknown }).content, [{ type: 'text', text: '{"a": 1}' }, { type: 'thinking', thinking: 'late', signature: own('late') }]);
      const streamed = await post2(true);
      const blocks = streamed.text
        .split('\n\n')
        .filter((b) => b.includes('"content_block_delta"'))
        .map((b) => (JSON.parse(b.split('\n')[1]!.replace(/^data: /, '')) as { delta: { type: string } }).delta.type);
      assert.deepEqual(blocks, ['text_delta', 'thinking_delta', 'signature_delta']);
    });

    it('streaming: the blocks start in the order text, thinking, text', async () => {
      up.enqueue({ chunks: [upstream(['Step one.\n\n<thi', 'nk>\nreal reasoning\n</think>\nStep two.'])] });
      const r = await post(true);
      assert.equal(r.status, 200, r.text);
      const starts = r.text
        .split('\n\n')
        .filter((b) => b.includes('"content_block_start"'))
        .map((b) => (JSON.parse(b.split('\n')[1]!.replace(/^data: /, '')) as { content_block: { type: string } }).content_block.type);
      assert.deepEqual(starts, ['text', 'thinking', 'text']);
    });
  });
});
