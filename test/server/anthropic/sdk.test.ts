/**
 * The Messages endpoint through the official Anthropic SDK against the daemon's demo upstream: create,
 * stream (text, thinking, two parallel tools, finalMessage), countTokens. The SDK's stream helpers throw
 * on any event out of order, so every stream here is also a protocol check.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { findScenario } from '../../../server/demo/scenarios';
import { artifactOf, metric } from '../helpers/gateway';
import { useTestDaemon } from '../helpers/testGateway';

const MODEL = 'claude-sonnet-4-6';
const TEXT = findScenario('demo/msg-text')!.content!;

describe('messages: the Anthropic SDK against the demo upstream', () => {
  let client: Anthropic;
  const { d } = useTestDaemon({ demo: true });
  before(() => {
    client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
  });

  it('messages.create: a Claude name routes to the demo default; one text block, end_turn, request-id', async () => {
    const { data, response } = await client.messages.create({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: TEXT }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.equal(data.stop_sequence, null);
    // the model that served it, as the demo upstream names it (servedModel.test.ts)
    assert.equal(data.model, 'demo/msg-text');
    assert.equal(data.role, 'assistant');
    assert.match(data.id, /^msg_/);
    assert.equal(data.usage.input_tokens, 36); // the demo upstream's prompt_tokens: its request body's characters / 4
    assert.ok(data.usage.output_tokens > 0);
    const id = response.headers.get('x-streamfix-request-id')!;
    assert.equal(response.headers.get('request-id'), id);
    const a = await artifactOf(d, response as unknown as Response);
    assert.equal(a.api, 'messages');
    assert.deepEqual(a.route, { requested: MODEL, rule: 'default', upstream: 'demo/msg-text', served: 'demo/msg-text' });
    assert.equal(a.model, 'demo/msg-text');
    assert.equal(a.repairedContent, TEXT);
    // strip mode does not parse text: TEXT, never VALID
    assert.equal(await metric(d, 'streamfix_requests_total{model="demo/msg-text",mode="strip",status="TEXT",api="messages"}'), 1);
  });

  it('messages.stream: text deltas, then finalMessage', async () => {
    const stream = client.messages.stream({ model: 'demo/msg-text', max_tokens: 256, messages: [{ role: 'user', content: 'hello' }] });
    let text = '';
    const types: string[] = [];
    stream.on('text', (t) => (text += t));
    stream.on('streamEvent', (e) => types.push(e.type));
    const final = await stream.finalMessage();
    assert.equal(text, TEXT);
    assert.deepEqual(final.content, [{ type: 'text', text: TEXT }]);
    assert.deepEqual([...new Set(types)], ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('messages.stream with thinking: the think rule routes to demo/msg-thinking; a signed thinking block, then text', async () => {
    const s = findScenario('demo/msg-thinking')!;
    const stream = client.messages.stream({ model: MODEL, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hello' }] });
    let thinking = '';
    stream.on('thinking', (t) => (thinking += t));
    const final = await stream.finalMessage();
    assert.equal(final.content.length, 2);
    const [a, b] = final.content;
    assert.equal(a!.type, 'thinking');
    assert.equal(a!.type === 'thinking' && a!.thinking, s.reasoning + 'Double-check: no JSON was asked for, so plain text is right.');
    assert.equal(thinking, s.reasoning + 'Double-check: no JSON was asked for, so plain text is right.');
    assert.match(a!.type === 'thinking' ? a!.signature : '', /^streamfix:[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(b, { type: 'text', text: 'Hi! Here is a short, friendly greeting.' });
    assert.equal(final.stop_reason, 'end_turn');
  });

  it('messages.stream with two parallel tool calls: repaired input objects, stop_reason tool_use', async () => {
    const stream = client.messages.stream({
      model: 'demo/msg-tools',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'weather and search' }],
      tools: [
        { name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } },
        { name: 'search_web', input_schema: { type: 'object', properties: { query: { type: 'string' } } } },
      ],
    });
    const snapshots: unknown[] = [];
    stream.on('inputJson', (_partial, snapshot) => snapshots.push(snapshot));
    const final = await stream.finalMessage();
    assert.deepEqual(
      final.content.map((b) => (b.type === 'tool_use' ? { id: b.id, name: b.name, input: b.input } : b.type === 'text' ? b.text : b.type)),
      [
        'Let me check the weather and search the web at the same time.',
        { id: 'call_weather_1', name: 'get_weather', input: { location: 'Paris, France', unit: 'celsius' } },
        { id: 'call_search_2', name: 'search_web', input: { query: 'best café in Lisbon', limit: 3 } },
      ],
    );
    assert.equal(final.stop_reason, 'tool_use');
    assert.ok(snapshots.length >= 2);
    const a = await artifactOf(d, { headers: new Headers({ 'x-streamfix-request-id': `sfx_${final.id.slice(4)}` }) } as Response);
    assert.deepEqual(a.toolCalls.map((t) => [t.index, t.status, t.repairedArguments]), [
      [0, 'REPAIRED', '{"location": "Paris, France", "unit": "celsius"}'],
      [1, 'TRUNCATED', '{"query": "best café in Lisbon", "limit": 3}'],
    ]);
    assert.equal(a.status, 'TRUNCATED');
  });

  it('messages.create with tools (not streaming): the same blocks', async () => {
    const m = await client.messages.create({ model: 'demo/msg-tools', max_tokens: 256, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'get_weather', input_schema: { type: 'object' } }] });
    assert.deepEqual(m.content.map((b) => (b.type === 'tool_use' ? b.input : b.type)), ['text', { location: 'Paris, France', unit: 'celsius' }, { query: 'best café in Lisbon', limit: 3 }]);
    assert.equal(m.stop_reason, 'tool_use');
  });

  it('stop reasons: max_tokens for a cut answer, stop_sequence with the sequence that matched', async () => {
    const cut = await client.messages.create({ model: 'demo/truncated', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(cut.stop_reason, 'max_tokens');
    const stopped = await client.messages.stream({ model: 'demo/msg-text', max_tokens: 256, stop_sequences: ['nothing here', 'Messages API'], messages: [{ role: 'user', content: 'x' }] }).finalMessage();
    assert.equal(stopped.stop_reason, 'stop_sequence');
    assert.equal(stopped.stop_sequence, 'Messages API');
    assert.deepEqual(stopped.content, [{ type: 'text', text: 'Hello from the StreamFix demo! This answer came through the ' }]);
  });

  it('repair mode (x-streamfix-mode: repair): the text block is the repaired JSON', async () => {
    const m = await client.messages.create({ model: 'demo/fenced-prose', max_tokens: 256, messages: [{ role: 'user', content: 'Ada as JSON' }] }, { headers: { 'x-streamfix-mode': 'repair' } });
    assert.deepEqual(m.content.map((b) => b.type), ['thinking', 'text']);
    assert.equal(m.content[1]!.type === 'text' && m.content[1]!.text, '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}');
  });

  it('auto mode: an answer that starts as JSON is repaired; the artifact says why', async () => {
    const { data, response } = await client.messages.create({ model: 'demo/python-literals', max_tokens: 256, messages: [{ role: 'user', content: 'JSON please' }] }).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: '{"user": "grace", "admin": true, "suspended": false, "manager": null, "scores": [98, 87.5]}' }]);
    const a = await artifactOf(d, response as unknown as Response);
    assert.equal(a.mode, 'repair');
    assert.equal(a.requestedMode, 'auto');
    assert.equal(a.modeReason, 'auto: the answer starts as JSON ({)');
    assert.equal(a.status, 'REPAIRED');
  });

  it('messages.countTokens: the estimate (characters / 4, rounded up)', async () => {
    const system = 'You are terse.'; // 14
    const r = await client.messages.countTokens({
      model: MODEL,
      system,
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' }, // 29
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] }, // 11 + 16
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny, 21 °C' }] }, // 12
      ],
    });
    assert.equal(r.input_tokens, Math.ceil((14 + 29 + 11 + 16 + 12) / 4));
  });
});
