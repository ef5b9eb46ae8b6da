/**
 * `x-streamfix-schema: coerce` on the chat endpoint holds each tool call until its choice ends and sends
 * it whole in one closer (streamRewrite.ts heldClosers). An upstream that repeats the call's name in every
 * delta (some providers do: toolCalls.ts nameAfter) gave that closer the name joined, `writewrite`, when
 * the gateway had a key to redact (every daemon with OPENROUTER_API_KEY set): the Vercel AI SDK then
 * reported a call of an unknown tool (invalid), the openai SDK a call of `writewrite`, while the artifact
 * named `write`. The name is now the call's name as the artifact takes it (a repeat is the name, a
 * piece continues it), redacted whole. Through the real clients, the upstream's body cut at every byte.
 */
import { strict as assert } from 'node:assert';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText, tool } from 'ai';
import OpenAI from 'openai';
import { z } from 'zod';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, chunk, sse } from '../helpers/testUpstream';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const SECRET = 'sk-or-v1-0123456789abcdef0123456789abcdef';
const tc = (name: string, args: string) => chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name, arguments: args } }] });
const PARAMS = { type: 'object', properties: { path: { type: 'string' }, n: { type: 'integer' } }, required: ['path', 'n'] };
const TOOLS = [{ type: 'function' as const, function: { name: 'write', parameters: PARAMS } }];

// [upstream name pieces, the name the client and the artifact hold]
const NAMES: [string, string[], string][] = [
  ['the name repeated in every delta', ['write', 'write', 'write'], 'write'],
  ['the name in pieces', ['wr', 'ite', ''], 'write'],
];

describe('gateway coerce: a held tool call goes out under its name as the artifact takes it (chat, with a key)', () => {
  const { up, d } = useTestGateway({ apiKey: SECRET });
  const art = async (id: string | null) => (await (await fetch(`${d.info.url}/streamfix/result/${String(id)}`)).json()) as Artifact;

  for (const [label, names, name] of NAMES) {
    const body = Buffer.from(sse(chunk({ role: 'assistant', content: '' }), tc(names[0]!, '{"path": "a.txt", '), tc(names[1]!, '"n": "2"'), tc(names[2]!, '}'), chunk({}, 'tool_calls'), '[DONE]'), 'utf8');

    it(`${label}: the openai SDK gets ${name} with {"path": "a.txt", "n": 2}, as the artifact, at every byte split`, async function () {
      this.timeout(240_000);
      const client = new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0 });
      await atEveryByteSplit(up, body, 4, async (k) => {
        const r = await client.chat.completions.create({ model: 'm/n', stream: true, tools: TOOLS, messages: [{ role: 'user', content: String(k) }] }, { headers: { 'x-streamfix-mode': 'repair', 'x-streamfix-schema': 'coerce' } }).withResponse();
        let got = '';
        let args = '';
        for await (const c of r.data) {
          for (const t of c.choices[0]?.delta?.tool_calls ?? []) {
            got += t.function?.name ?? '';
            args += t.function?.arguments ?? '';
          }
        }
        const a = await art(r.response.headers.get('x-streamfix-request-id'));
        assert.deepEqual([got, args], [name, '{"path": "a.txt", "n": 2}'], `split ${k}`);
        assert.deepEqual(
          a.toolCalls.map((t) => [t.name, t.repairedArguments, t.status]),
          [[name, '{"path": "a.txt", "n": 2}', 'REPAIRED']],
          `split ${k}`,
        );
      });
    });
  }

  it('the Vercel AI SDK (openai-compatible) streamText: a valid call of write with {path: "a.txt", n: 2}', async () => {
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: '' }), tc('write', '{"path": "a.txt", '), tc('write', '"n": "2"}'), chunk({}, 'tool_calls'), '[DONE]')] });
    const provider = createOpenAICompatible({ name: 'streamfix', baseURL: d.info.url, includeUsage: true });
    const result = streamText({
      model: provider.chatModel('m/n'),
      prompt: 'write',
      headers: { 'x-streamfix-mode': 'repair', 'x-streamfix-schema': 'coerce' },
      tools: { write: tool({ inputSchema: z.object({ path: z.string(), n: z.number().int() }) }) },
      maxRetries: 0,
    });
    const calls = await result.toolCalls;
    assert.deepEqual(
      calls.map((c) => [c.toolName, c.input, (c as { invalid?: boolean }).invalid ?? false]),
      [['write', { path: 'a.txt', n: 2 }, false]],
    );
  });
});
