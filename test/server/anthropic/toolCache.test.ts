/**
 * A tool's prompt-cache breakpoint (`tools[i].cache_control`, which Claude Code and other agents put on
 * their last tool so that the tool definitions are cached) reaches OpenRouter on the chat tool, beside
 * `function`, where OpenRouter reads it for Anthropic's cache (its SDKs send it there: OpenRouter's
 * python-sdk issue 51, TanStack AI's OpenRouter adapter, PR 823, measured cache writes and reads with
 * it). Before, it was accepted and dropped in silence: the tools were never cached. One that is not an
 * object is a 400 naming it, as for a block's. The chat endpoint passes a tool's `cache_control` as sent.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const HELLO = sse(chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop'), '[DONE]');
const SCHEMA = { type: 'object' as const, properties: { command: { type: 'string' } } };

describe("messages: a tool's cache_control reaches the upstream", () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-or-test' });
  const anthropic = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });

  it('Anthropic SDK: the breakpoint goes on the chat tool, beside function (streamed and not; ttl kept)', async () => {
    for (const stream of [false, true]) {
      up.enqueue({ chunks: [HELLO] });
      const tools = [
        { name: 'Read', description: 'Read a file', input_schema: SCHEMA },
        { name: 'Bash', input_schema: SCHEMA, cache_control: { type: 'ephemeral' as const, ttl: '1h' as const } },
      ];
      const body = { model: 'anthropic/claude-sonnet-4.5', max_tokens: 64, tools, messages: [{ role: 'user' as const, content: 'hi' }] };
      if (stream) await anthropic().messages.stream(body).finalMessage();
      else await anthropic().messages.create(body);
      const sent = JSON.parse(up.requests.at(-1)!.body) as { tools: unknown };
      assert.deepEqual(sent.tools, [
        { type: 'function', function: { name: 'Read', description: 'Read a file', parameters: SCHEMA } },
        { type: 'function', function: { name: 'Bash', parameters: SCHEMA }, cache_control: { type: 'ephemeral', ttl: '1h' } },
      ], `stream ${stream}`);
    }
  });

  it('Anthropic SDK: a tool cache_control that is not an object is a 400 naming it, nothing sent upstream', async () => {
    const before = up.requests.length;
    const tools = [{ name: 'Bash', input_schema: SCHEMA, cache_control: 'ephemeral' }] as unknown as Anthropic.Tool[];
    const e = await anthropic().messages.create({ model: 'm', max_tokens: 8, tools, messages: [{ role: 'user', content: 'hi' }] }).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof Anthropic.BadRequestError, String(e));
    assert.equal((e.error as { error: { message: string } }).error.message, 'tools.0.cache_control: must be an object ({"type": "ephemeral"})');
    assert.equal(up.requests.length, before);
  });

  it('chat (openai SDK): a tool cache_control is passed on as sent', async () => {
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${d.info.port}/v1`, apiKey: 'any', maxRetries: 0 });
    const tool = { type: 'function' as const, function: { name: 'Bash', parameters: SCHEMA }, cache_control: { type: 'ephemeral' } };
    up.enqueue({ chunks: [HELLO] });
    for await (const _ of await client.chat.completions.create({ model: 'anthropic/claude-sonnet-4.5', stream: true, tools: [tool], messages: [{ role: 'user', content: 'hi' }] }));
    assert.deepEqual((JSON.parse(up.requests.at(-1)!.body) as { tools: unknown }).tools, [tool]);
  });
});
