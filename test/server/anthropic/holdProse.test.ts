/**
 * /v1/messages: R1-style reasoning (no opening tag, a lone `</think>`) in strip and auto mode. A
 * non-streaming answer reads the whole text before the client gets anything, so the reasoning before the
 * tag is a thinking block and the text after it the answer, whatever the model and the thinking setting
 * (as the chat endpoint's non-streaming answers). Before, prose was held for a lone tag only when the client
 * asked for thinking: `messages.create()` without thinking got the reasoning and the answer run together as
 * one text (the tag dropped). Streaming holds prose as the chat endpoint decides (the header
 * x-streamfix-hold-prose, else the model families that write such reasoning) or when thinking is on.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { createReasoningSplitter, HOLD_PROSE } from '../../../shared/engine';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, translate } from './helpers';
import { assembleMessage } from '../../../server/anthropic/assemble';

type Brief = [string, string];
const brief = (blocks: readonly { type: string; text?: string; thinking?: string }[]): Brief[] => blocks.map((b) => [b.type, b.type === 'text' ? b.text! : (b.thinking ?? '')]);

const PROSE = 'Let me plan. Draft {"a": 1}? No wait.';
const CASES = [
  { name: 'prose after the tag', content: `${PROSE}</think>Hello there.`, modes: { strip: [['thinking', PROSE], ['text', 'Hello there.']], auto: [['thinking', PROSE], ['text', 'Hello there.']] } },
  { name: 'broken JSON after the tag', content: `${PROSE}</think>{'a': 2,}`, modes: { strip: [['thinking', PROSE], ['text', "{'a': 2,}"]], auto: [['thinking', PROSE], ['text', '{"a": 2}']] } },
  { name: 'no tag: the prose is the answer', content: 'Just an answer.', modes: { strip: [['text', 'Just an answer.']], auto: [['text', 'Just an answer.']] } },
] as const;
/** What the text becomes when prose is not held: the tag dropped, the reasoning left in the text. */
const unheld = (content: string) => content.replace('</think>', '');

const body = (content: string) => sse(chunk({ role: 'assistant', content: '' }), chunk({ content }), chunk({}, 'stop'), '[DONE]');

describe('messages: reasoning without its opening tag (strip and auto)', () => {
  describe('the translator, holding the whole text (not streaming), at every split point', () => {
    for (const c of CASES) {
      for (const mode of ['strip', 'auto'] as const) {
        it(`${mode}: ${c.name}`, () => {
          const text = body(c.content);
          for (let k = 0; k <= Buffer.byteLength(text); k++) {
            const events = translate(text, [k], { mode, holdProse: 64 * 1024 * 1024 });
            checkGrammar(events);
            assert.deepEqual(brief(assembleMessage(events).content as never), c.modes[mode], `split at ${k}`);
          }
        });
      }
    }
  });

  it('a non-streaming answer holds past HOLD_PROSE (the whole text); a stream only up to it', () => {
    const long = 'x'.repeat(HOLD_PROSE + 10);
    const text = body(`${long}</think>{"a": 1}`);
    assert.deepEqual(brief(assembleMessage(translate(text, [], { mode: 'auto', holdProse: 64 * 1024 * 1024 })).content as never), [['thinking', long], ['text', '{"a": 1}']]);
    assert.deepEqual(brief(assembleMessage(translate(text, [], { mode: 'auto', holdProse: HOLD_PROSE })).content as never), [['text', `${long}{"a": 1}`]]);
  });

  it('with prose held, white space before a tool call goes before its block (decide() releases held white space)', () => {
    const s = createReasoningSplitter({ holdProse: HOLD_PROSE });
    assert.deepEqual(s.push('\n\n').pieces, []);
    assert.deepEqual(s.decide().pieces, [{ kind: 'content', text: '\n\n' }]);
    const call = chunk({ tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"q": 1}' } }] });
    const text = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: '\n\n' }), call, chunk({}, 'tool_calls'), '[DONE]');
    for (const holdProse of [0, HOLD_PROSE, 64 * 1024 * 1024]) {
      for (let k = 0; k <= Buffer.byteLength(text); k++) {
        const m = assembleMessage(translate(text, [k], { mode: 'strip', holdProse })).content as { type: string; text?: string; input?: unknown }[];
        assert.deepEqual(m.map((b) => [b.type, b.text ?? b.input]), [['text', '\n\n'], ['tool_use', { q: 1 }]], `hold ${holdProse}, split at ${k}`);
      }
    }
  });

  describe('through the gateway, with the Anthropic SDK', () => {
    const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
    const client = (headers: Record<string, string> = {}) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: headers });
    const params = (model: string) => ({ model, max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] });

    for (const c of CASES) {
      for (const mode of ['strip', 'auto'] as const) {
        it(`${mode}: ${c.name}: messages.create always reads the whole text; messages.stream holds for R1-style models and x-streamfix-hold-prose: on, not for others`, async () => {
          const want = c.modes[mode] as unknown as Brief[];
          const unheldWant: Brief[] = c.content.includes('</think>') ? [['text', unheld(c.content)]] : want;
          const runs: [string, Record<string, string>, boolean, Brief[]][] = [
            ['test/model', {}, false, want],
            ['test/model', { 'x-streamfix-hold-prose': 'off' }, false, want],
            ['deepseek/deepseek-r1', {}, true, want],
            ['test/model', { 'x-streamfix-hold-prose': 'on' }, true, want],
            ['test/model', {}, true, unheldWant],
            ['deepseek/deepseek-r1', { 'x-streamfix-hold-prose': 'off' }, true, unheldWant],
          ];
          for (const [model, headers, stream, expected] of runs) {
            up.enqueue({ chunks: [body(c.content)] });
            const cl = client({ 'x-streamfix-mode': mode, ...headers });
            const m = stream ? await cl.messages.stream(params(model)).finalMessage() : await cl.messages.create(params(model));
            assert.deepEqual(brief(m.content as never), expected, `${model} ${JSON.stringify(headers)} ${stream ? 'stream' : 'create'}`);
          }
        });
      }
    }

    for (const stream of [false, true]) {
      it(`a hold-prose header other than on/off is a 400 in the Messages error shape (${stream ? 'streaming' : 'not streaming'}), nothing sent upstream`, async () => {
        const before = up.requests.length;
        const r = await request(`${d.info.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-streamfix-hold-prose': 'maybe' },
          body: JSON.stringify({ ...params('test/model'), stream }),
        });
        assert.equal(r.statusCode, 400);
        const e = (await r.body.json()) as { type: string; error: { type: string; message: string } };
        assert.deepEqual([e.type, e.error.type, e.error.message], ['error', 'invalid_request_error', 'x-streamfix-hold-prose must be "on" or "off", not "maybe"']);
        assert.equal(up.requests.length, before);
      });
    }
  });
});
