/**
 * Real clients read the repaired output through the gateway without error: the openai SDK, the Vercel
 * AI SDK (OpenAI-compatible provider) and curl -N in a child process.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateObject, streamObject, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { z } from 'zod';
import { useTestDaemon } from '../helpers/testGateway';
import { collect } from '../helpers/testUpstream';

const ADA = { name: 'Ada Lovelace', born: 1815, languages: ['English', 'French'], active: false };
const ADA_TEXT = '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}';
const TOOL_ARGS = [
  { location: 'Paris, France', unit: 'celsius' },
  { query: 'best café in Lisbon', limit: 3 },
];
// the provider warns that it sends json_object instead of a schema: expected here, and noise in the output
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const FENCED_REASONING = 'The user asked for a person record. I will answer in JSON with name, birth year, languages and a flag.';

describe('gateway: real clients', () => {
  const { d } = useTestDaemon({ demo: true });

  describe('openai SDK', () => {
    const client = () => new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0 });

    it('streams repaired JSON content', async () => {
      const stream = await client().chat.completions.create({
        model: 'demo/fenced-prose',
        stream: true,
        response_format: { type: 'json_object' },
        messages: [{ role: 'user', content: 'Ada as JSON' }],
      });
      let text = '';
      let finish: string | null = null;
      for await (const c of stream) {
        text += c.choices[0]?.delta?.content ?? '';
        finish = c.choices[0]?.finish_reason ?? finish;
      }
      assert.equal(text, ADA_TEXT);
      assert.deepEqual(JSON.parse(text), ADA);
      assert.equal(finish, 'stop');
    });

    it('gets repaired JSON content without streaming', async () => {
      const { data, response } = await client()
        .chat.completions.create({ model: 'demo/python-literals', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'x' }] })
        .withResponse();
      assert.equal(data.choices[0]!.message.content, '{"user": "grace", "admin": true, "suspended": false, "manager": null, "scores": [98, 87.5]}');
      assert.equal(response.headers.get('x-streamfix-status'), 'REPAIRED');
    });

    it('accumulates two parallel streamed tool calls with repaired arguments', async () => {
      const runner = client().chat.completions.stream({
        model: 'demo/tool-call-broken',
        messages: [{ role: 'user', content: 'weather and search' }],
        tools: [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
          { type: 'function', function: { name: 'search_web', parameters: { type: 'object', properties: {} } } },
        ],
      });
      const final = await runner.finalChatCompletion();
      const calls = final.choices[0]!.message.tool_calls!;
      assert.deepEqual(
        calls.map((c) => (c.type === 'function' ? [c.id, c.function.name, JSON.parse(c.function.arguments)] : null)),
        [
          ['call_weather_1', 'get_weather', TOOL_ARGS[0]],
          ['call_search_2', 'search_web', TOOL_ARGS[1]],
        ],
      );
      assert.equal(final.choices[0]!.finish_reason, 'tool_calls');
    });
  });

  describe('Vercel AI SDK (OpenAI-compatible provider)', () => {
    const provider = () => createOpenAICompatible({ name: 'streamfix', baseURL: d.info.url, includeUsage: true });

    it('streamText reads repaired text and the reasoning moved out of the content', async () => {
      const result = streamText({ model: provider().chatModel('demo/reasoning-think'), prompt: 'a book', headers: { 'x-streamfix-mode': 'repair' } });
      assert.equal(await result.text, '{"title": "Dune", "author": "Frank Herbert", "year": 1965, "tags": ["sci-fi", "desert", "épopée"]}');
      assert.equal(
        await result.reasoningText,
        '\nThe user wants a JSON object describing a book. I need "title", "author" and a list {of} tags.\nLet me make sure every brace } is balanced.\n',
      );
      assert.equal(await result.finishReason, 'stop');
    });

    it('streamText passes reasoning fields through', async () => {
      const result = streamText({ model: provider().chatModel('demo/fenced-prose'), prompt: 'Ada', headers: { 'x-streamfix-mode': 'repair' } });
      assert.equal(await result.text, ADA_TEXT);
      assert.equal(await result.reasoningText, FENCED_REASONING);
    });

    it('streamObject gets a schema-valid object from a broken answer, in several partial objects', async () => {
      const result = streamObject({
        model: provider().chatModel('demo/python-literals'),
        schema: z.object({ user: z.string(), admin: z.boolean(), suspended: z.boolean(), manager: z.null(), scores: z.array(z.number()) }),
        prompt: 'grace',
      });
      let partials = 0;
      for await (const partial of result.partialObjectStream) {
        assert.equal(typeof partial, 'object');
        partials++;
      }
      assert.ok(partials > 1, `several partial objects (${partials})`);
      assert.deepEqual(await result.object, { user: 'grace', admin: true, suspended: false, manager: null, scores: [98, 87.5] });
    });

    it('streamObject gets a schema-valid object from a fenced answer after prose (held until the end decides it)', async () => {
      const result = streamObject({
        model: provider().chatModel('demo/fenced-prose'),
        schema: z.object({ name: z.string(), born: z.number(), languages: z.array(z.string()), active: z.boolean() }),
        prompt: 'Ada',
      });
      const partials: unknown[] = [];
      for await (const partial of result.partialObjectStream) partials.push(partial);
      // prose came first, so the engine holds the value until the stream ends: one object, complete
      assert.deepEqual(partials, [ADA]);
      assert.deepEqual(await result.object, ADA);
    });

    it('generateObject gets a schema-valid object without streaming', async () => {
      const { object } = await generateObject({
        model: provider().chatModel('demo/python-literals'),
        schema: z.object({ user: z.string(), admin: z.boolean(), suspended: z.boolean(), manager: z.null(), scores: z.array(z.number()) }),
        prompt: 'grace',
      });
      assert.deepEqual(object, { user: 'grace', admin: true, suspended: false, manager: null, scores: [98, 87.5] });
    });

    it('streamText returns both parallel tool calls with parsed arguments', async () => {
      const result = streamText({
        model: provider().chatModel('demo/tool-call-broken'),
        prompt: 'weather and search',
        tools: {
          get_weather: tool({ inputSchema: z.object({ location: z.string(), unit: z.string() }) }),
          search_web: tool({ inputSchema: z.object({ query: z.string(), limit: z.number() }) }),
        },
      });
      const calls = await result.toolCalls;
      assert.deepEqual(
        calls.map((c) => [c.toolCallId, c.toolName, c.input]),
        [
          ['call_weather_1', 'get_weather', TOOL_ARGS[0]],
          ['call_search_2', 'search_web', TOOL_ARGS[1]],
        ],
      );
    });
  });

  describe('curl', () => {
    it('curl -N streams repaired JSON', async () => {
      const body = JSON.stringify({ model: 'demo/fenced-prose', stream: true, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Ada' }] });
      const out = await new Promise<string>((resolve, reject) => {
        const p = spawn('curl', ['-N', '-sS', '--fail-with-body', `${d.info.url}/chat/completions`, '-H', 'content-type: application/json', '-d', body]);
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        p.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        p.on('error', (e: NodeJS.ErrnoException) =>
          reject(new Error(e.code === 'ENOENT' ? 'curl is not installed: install it (apt-get install curl) to run this test' : `curl failed to start: ${e.message}`)),
        );
        p.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`curl exited ${code}: ${stderr}`))));
      });
      const c = collect(out);
      assert.equal(c.content, ADA_TEXT);
      assert.equal(c.reasoning, FENCED_REASONING);
      assert.equal(c.done, true);
    });
  });
});
