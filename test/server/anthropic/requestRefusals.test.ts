/**
 * No part of a Messages request is left out in silence: each is translated (documents, tool results with
 * images, strict tools), ignored on purpose (capacity, caching, context editing, effort), or refused
 * with a 400 in Anthropic's shape naming its path, streaming or not, before anything goes upstream.
 * Claude Code's own request shape (captured from Claude Code 2.1.332) still goes through unchanged.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const MODEL = 'anthropic/claude-sonnet-4.5';
const BASIC = { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };
const HELLO = sse(chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop'), '[DONE]');
const TOOL = { name: 'get_weather', input_schema: { type: 'object' } };
const CALL = { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }] };

type Json = Record<string, unknown>;
const user = (...content: unknown[]) => ({ messages: [{ role: 'user', content }] });
const afterCall = (...content: unknown[]) => ({ tools: [TOOL], messages: [{ role: 'user', content: 'go' }, CALL, { role: 'user', content }] });
const assistant = (...content: unknown[]) => ({ messages: [{ role: 'user', content: 'go' }, { role: 'assistant', content }, { role: 'user', content: 'on' }] });
const pdf = { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' };
const UNSUPPORTED = "is not supported by StreamFix's translation (refused rather than left out)";

/** [what, the fields over BASIC, the exact message] */
const REFUSED: [string, Json, string][] = [
  ['a cache_control that is no object', user({ type: 'text', text: 'a', cache_control: 'ephemeral' }), 'messages.0.content.0.cache_control: must be an object ({"type": "ephemeral"})'],
  ['an unknown block type', user({ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'bogus' }), 'messages.0.content.2.type: "bogus" is not a supported content block in a user message'],
  ['a block that is no object', user('hi'), 'messages.0.content.0: must be a content block (an object with a type)'],
  ['a block without a type', user({ text: 'a' }), 'messages.0.content.0.type: Field required (a string)'],
  ['no messages', { messages: [] }, 'messages: at least one message is required'],
  ['a search_result block', user({ type: 'search_result', source: 'https://x.test', title: 'T', content: [{ type: 'text', text: 'r' }] }), 'messages.0.content.0.type: "search_result" is not a supported content block in a user message'],
  ['a thinking block in a user message', user({ type: 'thinking', thinking: 'x', signature: 's' }), 'messages.0.content.0.type: "thinking" is not a supported content block in a user message'],
  ['a text block without text', user({ type: 'text' }), 'messages.0.content.0.text: Field required (a string)'],
  ['an image without a media type', user({ type: 'image', source: { type: 'base64', data: 'iVBO' } }), 'messages.0.content.0.source.media_type: must be one of image/jpeg, image/png, image/gif, image/webp'],
  ['a base64 image without data', user({ type: 'image', source: { type: 'base64', media_type: 'image/png' } }), 'messages.0.content.0.source.data: Field required (a string)'],
  ['an image without a source', user({ type: 'image' }), 'messages.0.content.0.source: Field required (an object with a type)'],
  ['an image from the Files API', user({ type: 'image', source: { type: 'file', file_id: 'file_1' } }), 'messages.0.content.0.source.type: "file" file sources (the Files API) are not supported: the upstream cannot read them'],
  ['an image URL that is no string', user({ type: 'image', source: { type: 'url', url: 7 } }), 'messages.0.content.0.source.url: Field required (a string)'],
  ['an image transformation', user({ type: 'image', source: { type: 'url', url: 'https://x.test/a.png' }, transformations: { crop: 1 } }), `messages.0.content.0.transformations: ${UNSUPPORTED}`],
  ['a document from the Files API', user({ type: 'document', source: { type: 'file', file_id: 'file_1' } }), 'messages.0.content.0.source.type: "file" file sources (the Files API) are not supported: the upstream cannot read them'],
  ['a base64 document that is no PDF', user({ type: 'document', source: { ...pdf, media_type: 'text/csv' } }), 'messages.0.content.0.source.media_type: must be "application/pdf" (a base64 document is a PDF)'],
  ['a document with context', user({ type: 'document', source: pdf, context: 'From 2019' }), `messages.0.content.0.context: ${UNSUPPORTED}`],
  ['a document with citations on', user({ type: 'document', source: pdf, citations: { enabled: true } }), 'messages.0.content.0.citations.enabled: citations are not supported: the upstream answers without them'],
  ['a text document with a title', user({ type: 'document', title: 'Notes', source: { type: 'text', media_type: 'text/plain', data: 'x' } }), "messages.0.content.0.title: is sent only with a PDF (as its file name); a text document's title has no place upstream"],
  ['a tool_result holding a search_result', afterCall({ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'search_result', source: 's', title: 't', content: [] }] }), 'messages.2.content.0.content.0.type: "search_result" is not a supported content block in a tool_result'],
  ['a tool_result image with a bad source', afterCall({ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/tiff', data: 'x' } }] }), 'messages.2.content.0.content.0.source.media_type: must be one of image/jpeg, image/png, image/gif, image/webp'],
  ['a tool_result without tool_use_id', afterCall({ type: 'tool_result', content: 'x' }), 'messages.2.content.0.tool_use_id: Field required (a string)'],
  ['a server tool call in an assistant message', assistant({ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }), 'messages.1.content.0.type: "server_tool_use" is not a supported content block in an assistant message'],
  ['an image in an assistant message', assistant({ type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } }), 'messages.1.content.0.type: "image" is not a supported content block in an assistant message'],
  ['a tool_use whose input is a string', assistant({ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: '{"a":1}' }), 'messages.1.content.0.input: Field required (an object)'],
  ['a tool_use without input', assistant({ type: 'tool_use', id: 'toolu_1', name: 'get_weather' }), 'messages.1.content.0.input: Field required (an object)'],
  ['a thinking block without its text', assistant({ type: 'thinking', signature: 'EqQB' }), 'messages.1.content.0.thinking: Field required (a string)'],
  ['a redacted_thinking block without data', assistant({ type: 'redacted_thinking' }), 'messages.1.content.0.data: Field required (a string)'],
  ['an image in a system message', { messages: [{ role: 'user', content: 'hi' }, { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } }] }] }, 'messages.1.content.0.type: "image" is not supported: system blocks must be text blocks'],
  ['a message of another role', { messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role: must be "user", "assistant" or "system"'],
  ['a message field beside role and content', { messages: [{ role: 'user', content: 'hi', name: 'bob' }] }, `messages.0.name: ${UNSUPPORTED}`],
  ['a tool without input_schema', { tools: [{ name: 'get_weather' }] }, 'tools.0.input_schema: Field required (tool "get_weather": a JSON Schema for its input)'],
  ['a server tool', { tools: [TOOL, { type: 'web_search_20250305', name: 'web_search' }] }, 'tools.1.type: "web_search_20250305" (tool "web_search"): server tools are not supported by StreamFix\'s translation'],
  ['a tool without a name', { tools: [{ input_schema: { type: 'object' } }] }, 'tools.0.name: Field required (a non-empty string)'],
  ['a tool with input_examples', { tools: [{ ...TOOL, input_examples: [{}] }] }, `tools.0.input_examples: ${UNSUPPORTED}`],
  ['tools that are no array', { tools: { get_weather: TOOL } }, 'tools: must be an array'],
  ['tool_choice "tool" without a name', { tools: [TOOL], tool_choice: { type: 'tool' } }, 'tool_choice.name: Field required (the name of one of the tools)'],
  ['tool_choice naming no tool', { tools: [TOOL], tool_choice: { type: 'tool', name: 'nope' } }, 'tool_choice.name: "nope" is not one of the tools'],
  ['tool_choice "any" without tools', { tool_choice: { type: 'any' } }, 'tool_choice.type: "any" needs tools, and the request has none'],
  ['tool_choice of an unknown type', { tools: [TOOL], tool_choice: { type: 'some' } }, 'tool_choice.type: must be "auto", "any", "tool" or "none"'],
  ['tool_choice that is a string', { tools: [TOOL], tool_choice: 'auto' }, 'tool_choice: must be an object with a type'],
  ['temperature "hot"', { temperature: 'hot' }, 'temperature: must be a number'],
  ['top_p as a string', { top_p: '0.9' }, 'top_p: must be a number'],
  ['top_k that is no whole number', { top_k: 1.5 }, 'top_k: must be a whole number'],
  ['max_tokens as a string', { max_tokens: '64' }, 'max_tokens: must be a whole number'],
  ['stop_sequences as a string', { stop_sequences: 'END' }, 'stop_sequences: must be an array of non-empty strings'],
  ['stream as a string', { stream: 'yes' }, 'stream: must be true or false'],
  ['system as a number', { system: 42 }, 'system: must be a string or an array of text blocks'],
  ['an image in the system prompt', { system: [{ type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } }] }, 'system.0.type: "image" is not supported: system blocks must be text blocks'],
  ['thinking of an unknown type', { thinking: { type: 'on' } }, 'thinking.type: must be "enabled", "adaptive" or "disabled"'],
  ['thinking enabled without a budget', { thinking: { type: 'enabled' } }, 'thinking.budget_tokens: Field required (a whole number ≥ 1)'],
  ['metadata as a string', { metadata: 'u-1' }, 'metadata: must be an object'],
  ['mcp_servers', { mcp_servers: [{ type: 'url', url: 'https://mcp.x.test', name: 'x' }] }, 'mcp_servers: MCP servers (the MCP connector) are not supported: the upstream cannot call them'],
  ['container', { container: 'cntr_1' }, 'container: code-execution containers are not supported: the upstream has none'],
  ['fallback_credit_token', { fallback_credit_token: 'fct_1' }, "fallback_credit_token: fallback credit tokens are Anthropic's refusal fallbacks: the upstream has none"],
  ['billing a user profile', { billing_policy: { bill_to: 'user_profile' } }, 'billing_policy.bill_to: "user_profile" is not supported: the gateway\'s OpenRouter key pays for every request'],
  ['billing_policy of an unknown kind', { billing_policy: { bill_to: 'team' } }, 'billing_policy.bill_to: must be "self" or "user_profile"'],
  ['billing_policy with an unknown key', { billing_policy: { bill_to: 'self', cap: 5 } }, `billing_policy.cap: ${UNSUPPORTED}`],
  ['output_config.format of another type', { output_config: { format: { type: 'text' } } }, 'output_config.format.type: must be "json_schema"'],
  ['a field StreamFix does not know', { temprature: 0.2 }, 'temprature: is not a Messages API field StreamFix knows (refused rather than ignored)'],
];

async function post(d: Daemon, body: unknown) {
  const r = await request(`http://127.0.0.1:${d.info.port}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'any', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  return { status: r.statusCode, requestId: r.headers['request-id'], text: await r.body.text() };
}

describe('messages: every part of a request is translated, ignored on purpose, or refused by name', () => {
  let client: Anthropic;
  const { up, d } = useTestGateway({ apiKey: 'sk-or-test' });
  before(() => {
    client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
  });

  /** The chat request the upstream got for a Messages request that succeeded. */
  async function sent(fields: Json): Promise<Json> {
    up.enqueue({ chunks: [HELLO] });
    const r = await post(d, { ...BASIC, ...fields });
    assert.equal(r.status, 200, r.text);
    return JSON.parse(up.requests.at(-1)!.body) as Json;
  }

  for (const [what, fields, message] of REFUSED) {
    it(`refuses ${what}: 400 "${message}", streaming or not, through the SDK too, nothing sent upstream`, async () => {
      const n = up.requests.length;
      for (const stream of [false, true]) {
        const r = await post(d, { ...BASIC, stream, ...fields });
        assert.equal(r.status, 400);
        assert.deepEqual(JSON.parse(r.text), { type: 'error', error: { type: 'invalid_request_error', message }, request_id: r.requestId });
        // the SDK itself reads tools as an array before it sends anything
        if (!Array.isArray(fields.tools) && fields.tools !== undefined) continue;
        const e = await client.messages.create({ ...BASIC, stream, ...fields } as never).then(
          () => assert.fail('the SDK call succeeded'),
          (err: unknown) => err,
        );
        assert.ok(e instanceof Anthropic.BadRequestError, String(e));
        assert.equal(e.status, 400);
        assert.equal(e.type, 'invalid_request_error');
        assert.equal(e.apiMessage, message);
      }
      // count_tokens reads the same request: the same refusal
      const count = await request(`http://127.0.0.1:${d.info.port}/v1/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'any' }, body: JSON.stringify({ ...BASIC, ...fields }) });
      assert.equal(count.statusCode, 400);
      assert.equal(((await count.body.json()) as { error: { message: string } }).error.message, message);
      assert.equal(up.requests.length, n);
    });
  }

  it('translates documents: a base64 PDF and a PDF URL as file parts (title → filename), a text source and a content source as parts', async () => {
    const body = await sent(
      user(
        { type: 'text', text: 'Read these:' },
        { type: 'document', title: 'report.pdf', source: pdf, cache_control: { type: 'ephemeral' } },
        { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' }, citations: { enabled: false } },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' } },
        { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'c1' }, { type: 'image', source: { type: 'url', url: 'https://x.test/c.png' } }] } },
        { type: 'document', source: { type: 'content', content: 'c2' } },
      ),
    );
    assert.deepEqual(body.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Read these:' },
          // its prompt-cache breakpoint on its part, where OpenRouter reads it
          { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' }, cache_control: { type: 'ephemeral' } },
          { type: 'file', file: { filename: 'document.pdf', file_data: 'https://x.test/a.pdf' } },
          { type: 'text', text: 'plain words' },
          { type: 'text', text: 'c1' },
          { type: 'image_url', image_url: { url: 'https://x.test/c.png' } },
          { type: 'text', text: 'c2' },
        ],
      },
    ]);
  });

  it('translates tool results with images or documents as parts of the tool message (is_error → a leading "Error:" part); text-only results stay strings', async () => {
    const body = await sent(
      afterCall(
        { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'the chart:' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } }] },
        { type: 'tool_result', tool_use_id: 'toolu_2', is_error: true, content: [{ type: 'document', source: pdf }] },
        { type: 'tool_result', tool_use_id: 'toolu_3', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
        { type: 'tool_result', tool_use_id: 'toolu_4' },
      ),
    );
    assert.deepEqual((body.messages as Json[]).slice(2), [
      { role: 'tool', tool_call_id: 'toolu_1', content: [{ type: 'text', text: 'the chart:' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } }] },
      { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: 'Error:' }, { type: 'file', file: { filename: 'document.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } }] },
      { role: 'tool', tool_call_id: 'toolu_3', content: 'a\nb' },
      { role: 'tool', tool_call_id: 'toolu_4', content: '' },
    ]);
  });

  it('translates a system message in the conversation into a system message in the same place', async () => {
    const body = await sent({
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'system', content: [{ type: 'text', text: 'From now on, answer in French.' }, { type: 'text', text: 'Keep it short.', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'How are you?' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello.' },
      // a block with a prompt-cache breakpoint keeps the blocks as parts
      { role: 'system', content: [{ type: 'text', text: 'From now on, answer in French.' }, { type: 'text', text: 'Keep it short.', cache_control: { type: 'ephemeral' } }] },
      { role: 'user', content: 'How are you?' },
    ]);
  });

  it('translates strict tools and a named tool_choice; tool_choice auto or none without tools sends nothing', async () => {
    const body = await sent({ ...BASIC, tools: [{ ...TOOL, description: 'Weather', strict: true }], tool_choice: { type: 'tool', name: 'get_weather' } });
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, strict: true } }]);
    assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    for (const type of ['auto', 'none']) {
      const plain = await sent({ ...BASIC, tool_choice: { type } });
      assert.deepEqual(Object.keys(plain).sort(), ['max_tokens', 'messages', 'model', 'stream', 'stream_options']);
    }
  });

  it('ignores the fields with no chat-API meaning: service_tier, inference_geo, speed, diagnostics, context_management, output_config.effort, thinking.display, billing_policy self, a refused field sent as null; sends a top-level cache_control (automatic caching)', async () => {
    const body = await sent({
      ...BASIC,
      service_tier: 'auto',
      inference_geo: 'us',
      speed: 'standard',
      cache_control: { type: 'ephemeral' },
      diagnostics: { previous_message_id: 'msg_1' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'high' },
      thinking: { type: 'enabled', budget_tokens: 2000, display: 'omitted' },
      container: null,
      fallback_credit_token: null,
      billing_policy: { bill_to: 'self' },
    });
    assert.deepEqual(body, { model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true }, max_tokens: 64, cache_control: { type: 'ephemeral' }, reasoning: { max_tokens: 2000 } });
  });

  it('keeps a prompt-cache breakpoint on an image and on an assistant text block (its text then as parts); a message without one stays a string', async () => {
    const body = await sent({
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x.test/a.png' }, cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Seen.' }, { type: 'text', text: ' Next?', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
        { role: 'user', content: [{ type: 'text', text: 'Go' }, { type: 'text', text: 'on.' }] },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' }, cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Seen.' }, { type: 'text', text: ' Next?', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
      { role: 'user', content: 'Go\non.' },
    ]);
  });

  it("Claude Code's request (2.1.332's shape: cached system blocks, deferred tools, adaptive thinking, context_management, effort, a cached tool_result) goes through with its prompt-cache breakpoints", async () => {
    const userId = JSON.stringify({ device_id: 'ca80', account_uuid: '', session_id: '3147' });
    const body = await sent({
      model: MODEL,
      messages: [
        { role: 'user', content: [{ type: 'text', text: '<system-reminder>env</system-reminder>' }, { type: 'text', text: 'Run echo hi', cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'echo hi', description: 'say hi' } }] },
        { role: 'user', content: [{ tool_use_id: 'toolu_1', type: 'tool_result', content: 'hi\n', is_error: false, cache_control: { type: 'ephemeral' } }] },
      ],
      system: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.332' },
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Long instructions.', cache_control: { type: 'ephemeral' } },
      ],
      tools: [
        { name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } },
        { name: 'DeferredToolPlaceholder', description: 'Deferred', input_schema: { type: 'object' }, defer_loading: true },
      ],
      metadata: { user_id: userId },
      max_tokens: 32000,
      thinking: { type: 'adaptive', display: 'omitted' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'high' },
      stream: true,
    });
    assert.deepEqual(body, {
      model: MODEL,
      messages: [
        // each breakpoint on its part, where OpenRouter reads it (before, all were dropped: no cache reads)
        {
          role: 'system',
          content: [
            { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.332' },
            { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'Long instructions.', cache_control: { type: 'ephemeral' } },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: '<system-reminder>env</system-reminder>' }, { type: 'text', text: 'Run echo hi', cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'Bash', arguments: '{"command":"echo hi","description":"say hi"}' } }] },
        { role: 'tool', tool_call_id: 'toolu_1', content: [{ type: 'text', text: 'hi\n', cache_control: { type: 'ephemeral' } }] },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 32000,
      user: userId,
      tools: [
        { type: 'function', function: { name: 'Bash', description: 'Run a command', parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } } },
        { type: 'function', function: { name: 'DeferredToolPlaceholder', description: 'Deferred', parameters: { type: 'object' } } },
      ],
      reasoning: { enabled: true },
    });
  });
});
