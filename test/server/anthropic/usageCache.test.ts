/**
 * Prompt-cache usage on `/v1/messages`: OpenRouter reports cache reads and writes inside the prompt count
 * (`usage.prompt_tokens` is every input token; `prompt_tokens_details.cached_tokens` of them were read from
 * the cache, `cache_write_tokens` written to it), Anthropic apart from it (`input_tokens` is the uncached
 * input only, beside `cache_read_input_tokens` and `cache_creation_input_tokens`). Clients price and show
 * the context by the three: Claude Code's cost, the AI SDK's `inputTokens.cacheRead`. Before, the message
 * said `input_tokens: prompt_tokens` and no cache fields: cached input counted as uncached, at full price.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, streamText } from 'ai';
import { request } from 'undici';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const BODY = { model: 'test/model', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };

/** A text answer whose usage chunk comes after the finish, as OpenRouter sends it. */
function answer(usage: Record<string, unknown>): string {
  return sse(': OPENROUTER PROCESSING', chunk({ role: 'assistant', content: 'Hi' }), chunk({ content: ' there' }), chunk({}, 'stop'), JSON.stringify({ id: 'gen-test-1', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices: [], usage }), '[DONE]');
}

const CACHED = { prompt_tokens: 1000, completion_tokens: 7, total_tokens: 1007, cost: 0.001, prompt_tokens_details: { cached_tokens: 900, cache_write_tokens: 60, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
const CACHED_USAGE = { input_tokens: 40, cache_creation_input_tokens: 60, cache_read_input_tokens: 900, output_tokens: 7 };

describe('messages: prompt-cache usage in Anthropic terms', () => {
  const { up, d } = useTestGateway();
  const client = () => new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'unused', maxRetries: 0 });

  it('messages.stream(): the message_delta splits the prompt into uncached input, cache reads and cache writes', async () => {
    up.enqueue({ chunks: [answer(CACHED)] });
    const msg = await client().messages.stream(BODY).finalMessage();
    assert.deepEqual(msg.content, [{ type: 'text', text: 'Hi there' }]);
    assert.deepEqual(msg.usage, { ...CACHED_USAGE });
  });

  it('messages.create(): the same usage', async () => {
    up.enqueue({ chunks: [answer(CACHED)] });
    const msg = await client().messages.create(BODY);
    assert.deepEqual(msg.usage, CACHED_USAGE);
  });

  it('the raw message_delta event carries the three counts', async () => {
    up.enqueue({ chunks: [answer(CACHED)] });
    const r = await request(`http://127.0.0.1:${d.info.port}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...BODY, stream: true }) });
    const delta = (await r.body.text()).split('\n').find((l) => l.startsWith('data: {"type":"message_delta"'));
    assert.deepEqual(JSON.parse(delta!.slice(6)).usage, CACHED_USAGE);
  });

  it('only cache reads reported (no cache_write_tokens): the creation count is not invented', async () => {
    up.enqueue({ chunks: [answer({ prompt_tokens: 50, completion_tokens: 2, total_tokens: 52, prompt_tokens_details: { cached_tokens: 30 } })] });
    const msg = await client().messages.create(BODY);
    assert.deepEqual(msg.usage, { input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 2 });
  });

  it('no details (or zero): input_tokens is the prompt count, as before', async () => {
    up.enqueue({ chunks: [answer({ prompt_tokens: 50, completion_tokens: 2, total_tokens: 52 })] });
    assert.deepEqual((await client().messages.create(BODY)).usage, { input_tokens: 50, output_tokens: 2 });
    up.enqueue({ chunks: [answer({ prompt_tokens: 50, completion_tokens: 2, total_tokens: 52, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } })] });
    assert.deepEqual((await client().messages.create(BODY)).usage, { input_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 });
  });

  it('cache counts larger than the prompt count (a provider that reports them apart from it): the prompt count is the uncached input', async () => {
    up.enqueue({ chunks: [answer({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 5 } })] });
    assert.deepEqual((await client().messages.create(BODY)).usage, { input_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 30, output_tokens: 2 });
  });

  it('counts that are not whole non-negative numbers are left out, never passed on', async () => {
    up.enqueue({ chunks: [answer({ prompt_tokens: 50, completion_tokens: 2, total_tokens: 52, prompt_tokens_details: { cached_tokens: '30', cache_write_tokens: -1 } })] });
    assert.deepEqual((await client().messages.create(BODY)).usage, { input_tokens: 50, output_tokens: 2 });
  });

  it("the AI SDK's Anthropic provider: inputTokens split into cache reads and writes, streaming and not", async () => {
    const model = createAnthropic({ baseURL: `http://127.0.0.1:${d.info.port}/v1`, apiKey: 'unused' })('claude-sonnet-4-5');
    up.enqueue({ chunks: [answer(CACHED)] });
    const g = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    assert.equal(g.text, 'Hi there');
    assert.deepEqual(g.usage.inputTokenDetails, { noCacheTokens: 40, cacheReadTokens: 900, cacheWriteTokens: 60 });
    assert.equal(g.usage.inputTokens, 1000);
    up.enqueue({ chunks: [answer(CACHED)] });
    const s = streamText({ model, prompt: 'hi', maxRetries: 0 });
    assert.equal(await s.text, 'Hi there');
    const u = await s.usage;
    assert.deepEqual(u.inputTokenDetails, { noCacheTokens: 40, cacheReadTokens: 900, cacheWriteTokens: 60 });
    assert.equal(u.inputTokens, 1000);
  });
});
