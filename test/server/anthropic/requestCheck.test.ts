/**
 * What a Messages request's translation cannot carry is a 400 naming the field, never left out in silence
 * (the model would answer without the PDF, the image or the tool); documents go upstream as text or as
 * OpenRouter's `file` part.
 */
import { strict as assert } from 'node:assert';
import { parseMessagesRequest, toChatRequest } from '../../../server/anthropic/request';
import { GatewayError } from '../../../server/gateway/errors';
import { startTestDaemon } from '../helpers/gateway';
import { TestUpstream } from '../helpers/testUpstream';

const user = (...content: unknown[]) => ({ role: 'user', content });
const assistant = (...content: unknown[]) => ({ role: 'assistant', content });
const body = (extra: Record<string, unknown>) => JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], ...extra });

const REFUSED: [string, string, string][] = [
  ['no messages', body({ messages: [] }), 'messages: at least one message is required'],
  ['a block of an unknown type', body({ messages: [user({ type: 'text', text: 'a' }, { type: 'bogus' })] }), 'messages.0.content.1.type: "bogus" is not a block the gateway can send upstream in a user message (it takes text, image, document, tool_result)'],
  ['a block with no type', body({ messages: [user({ text: 'a' })] }), 'messages.0.content.0.type: null is not a block the gateway can send upstream in a user message (it takes text, image, document, tool_result)'],
  ['a block that is no object', body({ messages: [user('text')] }), 'messages.0.content.0: must be a content block (an object with "type")'],
  ['an image block in an assistant message', body({ messages: [user({ type: 'text', text: 'a' }), assistant({ type: 'image', source: { type: 'url', url: 'u' } })] }), 'messages.1.content.0.type: "image" is not a block the gateway can send upstream in an assistant message (it takes text, tool_use, thinking, redacted_thinking)'],
  ['a text block without text', body({ messages: [user({ type: 'text' })] }), 'messages.0.content.0.text: Field required (a string)'],
  ['an image without a source', body({ messages: [user({ type: 'image' })] }), 'messages.0.content.0.source: must be {"type": "base64", "media_type", "data"} or {"type": "url", "url"}'],
  ['an image whose base64 source has no data', body({ messages: [user({ type: 'image', source: { type: 'base64', media_type: 'image/png' } })] }), 'messages.0.content.0.source: must be {"type": "base64", "media_type", "data"} or {"type": "url", "url"}'],
  ['a document of an unknown source', body({ messages: [user({ type: 'document', source: { type: 'file', file_id: 'f' } })] }), 'messages.0.content.0.source: must be a text, base64 (PDF), url or content source with its data'],
  ['a tool result without the id of its call', body({ messages: [user({ type: 'tool_result', content: 'ok' })] }), 'messages.0.content.0.tool_use_id: Field required (the id of the tool_use it answers)'],
  ['a tool_use whose input is no object', body({ messages: [user({ type: 'text', text: 'a' }), assistant({ type: 'tool_use', id: 't1', name: 'f', input: '{"a":1}' })] }), 'messages.1.content.0: a tool_use block needs "id", "name" and an object "input"'],
  ['a system block that is no text block', body({ system: [{ type: 'image' }] }), 'system.0: must be a text block ({"type": "text", "text"})'],
  ['a tool without input_schema', body({ tools: [{ name: 'f' }] }), 'tools.0.input_schema: Field required (a JSON Schema)'],
  ['a server tool', body({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }), 'tools.0.input_schema: Field required (a JSON Schema) ("web_search_20250305" is a server tool: the gateway\'s upstream models cannot run it)'],
  ['a tool without a name', body({ tools: [{ input_schema: { type: 'object' } }] }), 'tools.0.name: Field required (a non-empty string)'],
  ['tool_choice of type tool without a name', body({ tool_choice: { type: 'tool' } }), 'tool_choice.name: Field required when tool_choice.type is "tool"'],
  ['tool_choice of an unknown type', body({ tool_choice: { type: 'some' } }), 'tool_choice.type: must be "auto", "any", "tool" or "none"'],
  ['a temperature that is no number', body({ temperature: 'hot' }), 'temperature: must be a number'],
  ['a top_k that is no number', body({ top_k: '5' }), 'top_k: must be a number'],
];

describe('messages: a request the translation cannot carry is a 400 naming the field', () => {
  for (const [what, text, message] of REFUSED) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseMessagesRequest(text), (e: unknown) => {
        assert.ok(e instanceof GatewayError);
        assert.deepEqual([e.status, e.code, e.message], [400, 'invalid_request', message]);
        return true;
      });
    });
  }

  it('takes every block it can carry: text, image, document, tool_result, tool_use, thinking, redacted_thinking', () => {
    const r = parseMessagesRequest(body({
      system: [{ type: 'text', text: 'be brief' }],
      messages: [
        user({ type: 'text', text: 'a' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }, { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' } }),
        assistant({ type: 'thinking', thinking: 'hm', signature: 's' }, { type: 'redacted_thinking', data: 'xx' }, { type: 'text', text: 'b' }, { type: 'tool_use', id: 't1', name: 'f', input: {} }),
        user({ type: 'tool_result', tool_use_id: 't1', content: 'ok' }),
      ],
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'f' },
      temperature: 0.2,
    }));
    assert.equal(r.model, 'm');
  });

  it('sends documents upstream: text and content sources as text, a PDF (base64 or URL) as a file part', () => {
    const r = parseMessagesRequest(body({
      messages: [user(
        { type: 'text', text: 'Summarise these.' },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain doc' } },
        { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] } },
        { type: 'document', title: 'report.pdf', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
        { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
      )],
    }));
    assert.deepEqual(toChatRequest(r, 'up/m').messages, [{
      role: 'user',
      content: [
        { type: 'text', text: 'Summarise these.' },
        { type: 'text', text: 'plain doc' },
        { type: 'text', text: 'one\ntwo' },
        { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
        { type: 'file', file: { filename: 'document.pdf', file_data: 'https://example.com/a.pdf' } },
      ],
    }]);
  });

  it('answers the 400 in Anthropic\'s shape and sends nothing upstream (messages and count_tokens)', async () => {
    const up = await TestUpstream.start();
    const d = await startTestDaemon({ upstream: up.url, apiKey: 'sk-or-test' });
    try {
      for (const path of ['/v1/messages', '/v1/messages/count_tokens']) {
        const res = await fetch(`http://127.0.0.1:${d.info.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body({ messages: [user({ type: 'document', source: { type: 'file', file_id: 'f' } })] }) });
        assert.equal(res.status, 400, path);
        const j = (await res.json()) as { type: string; error: unknown };
        assert.deepEqual([j.type, j.error], ['error', { type: 'invalid_request_error', message: 'messages.0.content.0.source: must be a text, base64 (PDF), url or content source with its data' }], path);
      }
      assert.equal(up.requests.length, 0);
    } finally {
      await d.close();
      up.server.close();
    }
  });
});
