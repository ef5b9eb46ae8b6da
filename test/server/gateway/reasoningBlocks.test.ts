/**
 * The think blocks the output panel describes (server/gateway/reasoningBlocks.ts): first line, size and
 * where each stood, from the engine's stripped spans; and the `reasoning` event that carries them, in
 * repair and strip mode, streaming and not.
 */
import { strict as assert } from 'node:assert';
import { firstLineOf, MAX_REASONING_BLOCKS, reasoningBlocks } from '../../../server/gateway/reasoningBlocks';
import type { GatewayEvent } from '../../../shared/protocol';
import type { Stripped } from '../../../shared/engine';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const span = (text: string, offset = 0, line = 0, column = 0): Stripped => ({ kind: 'reasoning', offset, line, column, length: text.length, text });

describe('gateway: reasoning blocks in the output panel', () => {
  it('takes the first non-blank line without the tags, trimmed', () => {
    assert.equal(firstLineOf('<think>\n\n   Let me see: {"a": 1}  \nmore</think>'), 'Let me see: {"a": 1}');
    assert.equal(firstLineOf('<THINKING effort="high">one line</THINKING>'), 'one line');
    assert.equal(firstLineOf('before a lone closing tag\n</think>'), 'before a lone closing tag');
    assert.equal(firstLineOf('<|channel|>analysis<|message|>User wants JSON.<|end|>'), 'User wants JSON.');
    assert.equal(firstLineOf('<think>\t tab\u0007bell \r\nx</think>'), 'tab bell');
    assert.equal(firstLineOf('<think></think>'), '');
    assert.equal(firstLineOf('<think>\n  \n</think>'), '');
  });

  it('caps the first line at 80 characters, never splitting a surrogate pair', () => {
    const long = `${'é'.repeat(70)}${'😀'.repeat(20)}`;
    const got = firstLineOf(`<think>${long}</think>`);
    assert.equal(got, `${'é'.repeat(70)}${'😀'.repeat(9)}…`);
    assert.equal([...got].length, 80);
  });

  it('gives each block its start, the position past its end and its UTF-8 size', () => {
    const one = '<think>ça va</think>';
    const two = '<think>\nab\ncde</think>';
    assert.deepEqual(reasoningBlocks([span(one), { kind: 'prose', offset: 20, line: 0, column: 20, length: 3, text: 'hi\n' }, span(two, 23, 1, 0)]), {
      blocks: [
        { offset: 0, line: 0, column: 0, endLine: 0, endColumn: 20, bytes: 21, firstLine: 'ça va' },
        { offset: 23, line: 1, column: 0, endLine: 3, endColumn: 11, bytes: 22, firstLine: 'ab' },
      ],
      more: 0,
    });
  });

  it('gives a block whose middle was not kept a lower bound of its size and no end position', () => {
    // the engine keeps a long block's head and tail: 1,000 characters dropped at offset 9 of the kept text
    const kept = '<think>\nab\ncd</think>';
    const cut: Stripped = { kind: 'reasoning', offset: 5, line: 2, column: 1, length: kept.length + 1000, text: kept, cut: { at: 9, chars: 1000 } };
    assert.deepEqual(reasoningBlocks([cut]), { blocks: [{ offset: 5, line: 2, column: 1, bytes: kept.length + 1000, cut: 1000, firstLine: 'ab' }], more: 0 });
  });

  it('gives a block whose middle was not kept its whole size when the engine counted the middle\'s bytes', () => {
    const kept = '<think>\nab\ncd</think>';
    const cut: Stripped = { kind: 'reasoning', offset: 5, line: 2, column: 1, length: kept.length + 1000, text: kept, cut: { at: 9, chars: 1000, bytes: 2500 } };
    assert.deepEqual(reasoningBlocks([cut]), { blocks: [{ offset: 5, line: 2, column: 1, bytes: kept.length + 2500, cut: 1000, bytesExact: true, firstLine: 'ab' }], more: 0 });
  });

  it(`describes at most ${MAX_REASONING_BLOCKS} blocks and counts the rest`, () => {
    const many = Array.from({ length: MAX_REASONING_BLOCKS + 3 }, (_, i) => span(`<think>${i}</think>`, i * 16, 0, i * 16));
    const r = reasoningBlocks(many);
    assert.deepEqual(r.blocks.map((b) => b.firstLine), Array.from({ length: MAX_REASONING_BLOCKS }, (_, i) => String(i)));
    assert.equal(r.more, 3);
  });

  describe('the reasoning event', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

    const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
    const CONTENT = '<think>\nThe user wants\n{a list}.\n</think>\n[1, 2,]';
    const BLOCK = { offset: 0, line: 0, column: 0, endLine: 3, endColumn: 8, bytes: 41, firstLine: 'The user wants' };

    async function reasoningEventOf(mode: string, stream: boolean): Promise<GatewayEvent[]> {
      if (stream) up.enqueue({ chunks: [sse(chunk({ content: CONTENT.slice(0, 20) }), chunk({ content: CONTENT.slice(20) }), chunk({}, 'stop'), '[DONE]')] });
      else up.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ id: 'x', object: 'chat.completion', model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: CONTENT }, finish_reason: 'stop' }] })] });
      const seen: GatewayEvent[] = [];
      const off = d.events.subscribe((e) => seen.push(e));
      const res = await postChat(d, { ...REQ, stream }, { 'x-streamfix-mode': mode });
      await res.text();
      off();
      const id = res.headers.get('x-streamfix-request-id');
      return seen.filter((e) => e.id === id && e.type === 'reasoning');
    }

    // the Messages API (Claude Code, the Anthropic SDK): the same line in the output panel (before: no event)
    async function messagesReasoningEventOf(mode: string, stream: boolean): Promise<GatewayEvent[]> {
      up.enqueue({ chunks: [sse(chunk({ content: CONTENT.slice(0, 20) }), chunk({ content: CONTENT.slice(20) }), chunk({}, 'stop'), '[DONE]')] });
      const seen: GatewayEvent[] = [];
      const off = d.events.subscribe((e) => seen.push(e));
      const res = await fetch(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
        body: JSON.stringify({ ...REQ, max_tokens: 100, stream }),
      });
      assert.equal(res.status, 200);
      await res.text();
      off();
      const id = res.headers.get('x-streamfix-request-id');
      return seen.filter((e) => e.id === id && e.type === 'reasoning');
    }

    for (const mode of ['repair', 'strip']) {
      for (const stream of [true, false]) {
        it(`Messages API, ${mode}, ${stream ? 'streaming' : 'not streaming'}: says where the block was, its size and first line`, async () => {
          const events = await messagesReasoningEventOf(mode, stream);
          assert.deepEqual(events.map((e) => e.type === 'reasoning' && { bytes: e.bytes, blocks: e.blocks, more: e.moreBlocks }), [
            { bytes: Buffer.byteLength('\nThe user wants\n{a list}.\n'), blocks: [BLOCK], more: undefined },
          ]);
        });
      }
    }

    for (const mode of ['repair', 'strip']) {
      for (const stream of [true, false]) {
        it(`${mode}, ${stream ? 'streaming' : 'not streaming'}: says where the block was, its size and first line`, async () => {
          const events = await reasoningEventOf(mode, stream);
          assert.deepEqual(events.map((e) => e.type === 'reasoning' && { bytes: e.bytes, blocks: e.blocks, more: e.moreBlocks }), [
            { bytes: Buffer.byteLength('\nThe user wants\n{a list}.\n'), blocks: [BLOCK], more: undefined },
          ]);
        });
      }
    }
  });

  describe('the reasoning event of a stream with more blocks than the stripped list keeps (200)', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

    // 250 blocks, one per delta, then the answer; the last one left open in `open` (the end closes it)
    const blocks = (n: number, open: boolean) => Array.from({ length: n }, (_, i) => `<think>${i}</think>`.slice(0, open && i === n - 1 ? -8 : undefined));
    for (const mode of ['repair', 'strip', 'auto']) {
      for (const open of [false, true]) {
        it(`${mode}${open ? ', the last block cut off by the end' : ''}: counts all 250 blocks (8 described, moreBlocks 242), whatever the reads`, async () => {
          const deltas = open ? ['[1]', ...blocks(250, true)] : [...blocks(250, false), '[1]'];
          const body = Buffer.from(sse(...deltas.map((c) => chunk({ content: c })), chunk({}, 'stop'), '[DONE]'), 'utf8');
          for (const at of [1, 77, 5000, body.length - 30, body.length - 1]) {
            up.enqueue({ chunks: [body.subarray(0, at), body.subarray(at)] });
            const seen: GatewayEvent[] = [];
            const off = d.events.subscribe((e) => seen.push(e));
            const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { 'x-streamfix-mode': mode });
            await res.text();
            off();
            const id = res.headers.get('x-streamfix-request-id');
            const events = seen.filter((e) => e.id === id && e.type === 'reasoning');
            const first = open ? 3 : 0;
            assert.deepEqual(events.map((e) => e.type === 'reasoning' && { bytes: e.bytes, blocks: (e.blocks ?? []).map((b) => [b.offset, b.bytes, b.firstLine]), more: e.moreBlocks }), [
              { bytes: 640, blocks: Array.from({ length: 8 }, (_, i) => [first + 16 * i, 16, String(i)]), more: 242 },
            ], `${mode} split ${at}`);
            // the artifact keeps 200 of them, and says how many more it dropped
            const a = await artifactOf(d, res);
            assert.deepEqual(a.cuts?.filter((c) => c.field === 'stripped'), [{ field: 'stripped', at: 100, entries: 50 }], `${mode} split ${at}`);
          }
        });
      }
    }
  });
});
