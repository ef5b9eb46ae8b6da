/**
 * /v1/messages with thinking on (Claude Code sends `thinking: {type: "adaptive"}`): the text a model writes
 * before a tool call comes before the tool_use block, as written. Prose is held for a lone closing tag
 * while thinking is on; a tool call decides it (text), so it goes out then. Before, it was released only
 * at the end of the message: "I'll read it." arrived after the tool_use block it introduced.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const TOOLS = [{ name: 'read', input_schema: { type: 'object' as const } }];
const CALL = chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: "{'path': 'a.txt',}" } }] });

/** The content as two deltas cut at `at`, then the tool call. */
function script(content: string, at: number, reasoning?: string): string {
  const parts = [content.slice(0, at), content.slice(at)].filter((p) => p !== '');
  return sse(chunk({ role: 'assistant', content: '' }), ...(reasoning ? [chunk({ reasoning })] : []), ...parts.map((p) => chunk({ content: p })), CALL, chunk({}, 'tool_calls'), '[DONE]');
}

type Brief = [string, unknown];
const brief = (blocks: Anthropic.ContentBlock[]): Brief[] =>
  blocks.map((b) => (b.type === 'text' ? ['text', b.text] : b.type === 'thinking' ? ['thinking', b.thinking] : b.type === 'tool_use' ? ['tool_use', b.input] : [b.type, null]));

describe('messages, thinking on: text before a tool call stays before it', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function blocks(body: string, mode: string, stream: boolean, thinking: 'enabled' | 'adaptive'): Promise<Brief[]> {
    up.enqueue({ chunks: [body] });
    const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
    const params = {
      model: 'test/model',
      max_tokens: 2000,
      thinking: (thinking === 'enabled' ? { type: 'enabled', budget_tokens: 1024 } : { type: 'adaptive' }) as Anthropic.ThinkingConfigParam,
      tools: TOOLS,
      messages: [{ role: 'user' as const, content: 'read a.txt' }],
    };
    const m = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
    assert.equal(m.stop_reason, 'tool_use');
    return brief(m.content);
  }

  const TEXT = "I'll read it.";
  for (const mode of ['auto', 'strip']) {
    for (const stream of [true, false]) {
      const how = `${mode}, ${stream ? 'streaming' : 'not streaming'}`;
      it(`${how}: text then tool_use, at every cut of the text into two deltas`, async () => {
        for (let at = 0; at < TEXT.length; at++) {
          assert.deepEqual(await blocks(script(TEXT, at), mode, stream, at % 2 === 0 ? 'adaptive' : 'enabled'), [['text', TEXT], ['tool_use', { path: 'a.txt' }]], `cut at ${at}`);
        }
      });

      it(`${how}: thinking (reasoning field), text, tool_use`, async () => {
        assert.deepEqual(await blocks(script(TEXT, 4, 'Plan: read.'), mode, stream, 'adaptive'), [['thinking', 'Plan: read.'], ['text', TEXT], ['tool_use', { path: 'a.txt' }]]);
      });

      it(`${how}: a lone closing tag still makes the prose before it thinking`, async () => {
        assert.deepEqual(await blocks(script(`plan it</think>${TEXT}`, 5), mode, stream, 'enabled'), [['thinking', 'plan it'], ['text', TEXT], ['tool_use', { path: 'a.txt' }]]);
      });
    }
  }
});
