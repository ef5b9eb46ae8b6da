/**
 * Two tools of one name are a 400 before any upstream request, in each API's error shape, naming the
 * name and both places. Before, chat accepted them (the last tool's parameters checked calls of both)
 * and /v1/messages sent them upstream, where Anthropic's API answers 400.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { duplicateToolName } from '../../../server/gateway/toolNames';
import { useTestGateway } from '../helpers/testGateway';

const fn = (name: string, parameters: Record<string, unknown>) => ({ type: 'function' as const, function: { name, parameters } });
const tool = (name: string, props: Record<string, unknown>) => ({ name, input_schema: { type: 'object' as const, properties: props } });

describe('gateway: duplicate tool names are a 400 on both endpoints', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  it('duplicateToolName: the first name given twice and both places; null when unique', () => {
    assert.deepEqual(duplicateToolName(['a', 'b', null, 'b', 'a']), { name: 'b', first: 1, again: 3 });
    assert.equal(duplicateToolName(['a', 'b', null, null]), null);
    assert.equal(duplicateToolName([]), null);
  });

  for (const stream of [false, true]) {
    it(`chat/completions (openai SDK, ${stream ? 'streaming' : 'not streaming'}): BadRequestError, invalid_request_error, nothing upstream`, async () => {
      const sent = up.requests.length;
      const client = new OpenAI({ baseURL: d.info.url, apiKey: 'placeholder', maxRetries: 0 });
      const tools = [fn('read', { type: 'object', properties: { n: { type: 'integer' } } }), fn('write', {}), fn('read', { type: 'object', properties: { n: { type: 'string' } } })];
      const err = await client.chat.completions.create({ model: 'test/m', messages: [{ role: 'user', content: 'hi' }], tools, stream }).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof OpenAI.BadRequestError);
      const message = 'tools[2].function.name: "read" is the name of tools[0] too; tool names must be unique';
      assert.equal(err.message, `400 ${message}`);
      assert.deepEqual(err.error, { message, type: 'invalid_request_error', code: 'invalid_request' });
      assert.equal(up.requests.length, sent);
    });
  }

  for (const stream of [false, true]) {
    it(`messages (Anthropic SDK, ${stream ? 'streaming' : 'not streaming'}): BadRequestError, invalid_request_error, nothing upstream`, async () => {
      const sent = up.requests.length;
      const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
      const tools = [tool('read', { n: { type: 'integer' } }), tool('write', {}), tool('list', {}), tool('write', { x: { type: 'string' } })];
      const err = await client.messages.create({ model: 'test/m', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], tools, stream }).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof Anthropic.BadRequestError);
      const message = 'tools.3.name: "write" is the name of tools.1 too; tool names must be unique';
      assert.equal(err.status, 400);
      assert.deepEqual((err.error as { error: unknown }).error, { type: 'invalid_request_error', message });
      assert.equal(up.requests.length, sent);
    });
  }

  it('messages/count_tokens: the same 400', async () => {
    const r = await fetch(`${d.info.url}/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/m', messages: [{ role: 'user', content: 'hi' }], tools: [tool('a', {}), tool('a', {})] }),
    });
    assert.equal(r.status, 400);
    assert.deepEqual(((await r.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: 'tools.1.name: "a" is the name of tools.0 too; tool names must be unique' });
  });
});
