/**
 * Tool-call deltas without `index`, or with every call as index 0 (some providers do; the AI SDK's tracker
 * reads them by id and name): each call keeps its own arguments, on both APIs, streaming, with the real clients. Read by the
 * delta's place in its chunk, every call was call 0: the second call's arguments were merged into the
 * first's engine and dropped as an extra value (chat: the second call got ""; Messages: no second block).
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { request } from 'undici';
import { ToolCallRepairers } from '../../../server/gateway/toolCalls';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, parseSse, sse } from '../helpers/testUpstream';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** A chunk of tool-call deltas, each as given (no index added). */
const calls = (...tcs: Record<string, unknown>[]): string => chunk({ tool_calls: tcs });
const start = (id: string, name: string, args: string) => ({ id, type: 'function', function: { name, arguments: args } });
const more = (args: string) => ({ function: { arguments: args } });

/** Two calls without index, each in two pieces, both broken. */
const SPLIT = [chunk({ role: 'assistant', content: null }), calls(start('c1', 'read', "{'path': ")), calls(more("'a.txt',}")), calls(start('c2', 'write', '{"path": "b.txt", ')), calls(more('"force": True}'))];

interface Art {
  status: string;
  truncatedToolCalls?: unknown[];
  toolCalls: { index: number; id?: string; name?: string; rawArguments: string; repairedArguments: string; status: string }[];
}

/** The Vercel AI SDK (streamText, two steps) against the gateway at `baseURL`: its final text, and each
 * call it executed with tools `read` and `write`, with the input it gave. */
async function aiSdkRun(baseURL: string): Promise<{ text: string; executed: unknown[] }> {
  const executed: unknown[] = [];
  const provider = createOpenAICompatible({ name: 'streamfix', baseURL });
  const result = streamText({
    model: provider.chatModel('test/model'),
    prompt: 'go',
    stopWhen: stepCountIs(2),
    tools: {
      read: tool({ inputSchema: jsonSchema<Record<string, unknown>>({ type: 'object' }), execute: async (input) => {
        executed.push(['read', input]);
        return 'read';
      } }),
      write: tool({ inputSchema: jsonSchema<Record<string, unknown>>({ type: 'object' }), execute: async (input) => {
        executed.push(['write', input]);
        return 'written';
      } }),
    },
  });
  return { text: await result.text, executed };
}

describe('gateway: tool-call deltas without index', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function chat(events: string[], mode = 'auto'): Promise<{ toolDeltas: unknown[]; trailers: Record<string, unknown>; art: Art }> {
    up.enqueue({ chunks: [sse(...events, '[DONE]')] });
    const r = await request(`${d.info.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
      body: JSON.stringify({ model: 'test/model', stream: true, messages: [{ role: 'user', content: 'go' }] }),
    });
    const text = await r.body.text();
    const toolDeltas = parseSse(text)
      .data.filter((x) => x !== '[DONE]')
      .flatMap((x) => ((JSON.parse(x) as { choices: { delta: { tool_calls?: unknown[] } }[] }).choices[0]!.delta.tool_calls ?? []));
    const art = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as Art;
    return { toolDeltas, trailers: r.trailers, art };
  }

  it('chat, streaming: each call keeps its own repaired arguments; the artifact lists both', async () => {
    const { toolDeltas, trailers, art } = await chat([...SPLIT, chunk({}, 'tool_calls')]);
    assert.deepEqual(toolDeltas, [start('c1', 'read', '{'), more('"path": "a.txt"}'), start('c2', 'write', '{"path": "b.txt"'), more(', "force": true}')]);
    assert.equal(trailers['x-streamfix-status'], 'REPAIRED');
    assert.deepEqual(
      art.toolCalls.map((t) => [t.index, t.id, t.name, t.rawArguments, t.repairedArguments, t.status]),
      [
        [0, 'c1', 'read', "{'path': 'a.txt',}", '{"path": "a.txt"}', 'REPAIRED'],
        [1, 'c2', 'write', '{"path": "b.txt", "force": True}', '{"path": "b.txt", "force": true}', 'REPAIRED'],
      ],
    );
  });

  it('chat, streaming, cut at the token limit: the closer names the cut call by its id, and it is flagged', async () => {
    const { toolDeltas, trailers, art } = await chat([calls(start('c1', 'read', '{"path": "a.txt"}')), calls(start('c2', 'write', '{"path": "b.txt", "text": "hel')), chunk({}, 'length')]);
    assert.deepEqual(toolDeltas, [start('c1', 'read', '{"path": "a.txt"}'), start('c2', 'write', '{"path": "b.txt", "text": "hel'), { id: 'c2', function: { arguments: '"}' } }]);
    assert.equal(trailers['x-streamfix-truncated-tool-calls'], '1');
    assert.equal(trailers['x-streamfix-status'], 'TRUNCATED');
    assert.deepEqual(art.truncatedToolCalls, [1]);
    assert.deepEqual(art.toolCalls.map((t) => [t.index, t.id, t.repairedArguments, t.status]), [
      [0, 'c1', '{"path": "a.txt"}', 'VALID'],
      [1, 'c2', '{"path": "b.txt", "text": "hel"}', 'TRUNCATED'],
    ]);
  });

  it('chat, passthrough: the calls are recorded apart, bytes untouched', async () => {
    const { toolDeltas, art } = await chat([...SPLIT, chunk({}, 'tool_calls')], 'passthrough');
    assert.deepEqual(toolDeltas, [start('c1', 'read', "{'path': "), more("'a.txt',}"), start('c2', 'write', '{"path": "b.txt", '), more('"force": True}')]);
    assert.deepEqual(art.toolCalls.map((t) => [t.index, t.id, t.rawArguments]), [
      [0, 'c1', "{'path': 'a.txt',}"],
      [1, 'c2', '{"path": "b.txt", "force": True}'],
    ]);
  });

  it('the Vercel AI SDK (streamText with tools) executes both calls with their repaired inputs', async () => {
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: null }), calls(start('c1', 'read', "{'path': 'a.txt',}")), calls(start('c2', 'write', '{"path": "b.txt", "force": True}')), chunk({}, 'tool_calls'), '[DONE]')] });
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Done.' }), chunk({}, 'stop'), '[DONE]')] });
    const { text, executed } = await aiSdkRun(d.info.url);
    assert.equal(text, 'Done.');
    assert.deepEqual(executed, [
      ['read', { path: 'a.txt' }],
      ['write', { path: 'b.txt', force: true }],
    ]);
  });

  it('the Anthropic SDK (messages.stream) gets two tool_use blocks with their repaired inputs', async () => {
    up.enqueue({ chunks: [sse(...SPLIT, chunk({}, 'tool_calls'), '[DONE]')] });
    const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
    const s = client.messages.stream({ model: 'test/model', max_tokens: 100, messages: [{ role: 'user', content: 'go' }], tools: [{ name: 'read', input_schema: { type: 'object' } }, { name: 'write', input_schema: { type: 'object' } }] });
    const deltas: string[] = [];
    s.on('inputJson', (piece) => deltas.push(piece));
    const m = await s.finalMessage();
    assert.equal(m.stop_reason, 'tool_use');
    assert.deepEqual(
      m.content.map((b) => (b.type === 'tool_use' ? [b.id, b.name, b.input] : [b.type])),
      [
        ['c1', 'read', { path: 'a.txt' }],
        ['c2', 'write', { path: 'b.txt', force: true }],
      ],
    );
    assert.deepEqual(deltas, ['{', '"path": "a.txt"}', '{"path": "b.txt"', ', "force": true}']);
  });

  describe('an index reused for a new call (every call sent as index 0, each with its own id)', () => {
    const at0 = (tc: Record<string, unknown>) => ({ index: 0, ...tc });
    const REUSED = [chunk({ role: 'assistant', content: null }), calls(at0(start('c1', 'read', "{'path': "))), calls(at0(more("'a.txt',}"))), calls(at0(start('c2', 'write', '{"path": "b.txt", '))), calls(at0(more('"force": True}')))];

    it('chat, streaming: each call keeps its own repaired arguments, as the upstream numbered them', async () => {
      const { toolDeltas, trailers, art } = await chat([...REUSED, chunk({}, 'tool_calls')]);
      assert.deepEqual(toolDeltas, [at0(start('c1', 'read', '{')), at0(more('"path": "a.txt"}')), at0(start('c2', 'write', '{"path": "b.txt"')), at0(more(', "force": true}'))]);
      assert.equal(trailers['x-streamfix-status'], 'REPAIRED');
      assert.deepEqual(
        art.toolCalls.map((t) => [t.index, t.id, t.name, t.rawArguments, t.repairedArguments, t.status]),
        [
          [0, 'c1', 'read', "{'path': 'a.txt',}", '{"path": "a.txt"}', 'REPAIRED'],
          [1, 'c2', 'write', '{"path": "b.txt", "force": True}', '{"path": "b.txt", "force": true}', 'REPAIRED'],
        ],
      );
    });

    it('chat, streaming, cut: the closer names the call by the index the client saw and its id', async () => {
      const { toolDeltas, trailers, art } = await chat([calls(at0(start('c1', 'read', '{"path": "a.txt"}'))), calls(at0(start('c2', 'write', '{"text": "hel'))), chunk({}, 'length')]);
      assert.deepEqual(toolDeltas, [at0(start('c1', 'read', '{"path": "a.txt"}')), at0(start('c2', 'write', '{"text": "hel')), { index: 0, id: 'c2', function: { arguments: '"}' } }]);
      assert.equal(trailers['x-streamfix-truncated-tool-calls'], '1');
      assert.deepEqual(art.toolCalls.map((t) => [t.index, t.id, t.repairedArguments, t.status]), [
        [0, 'c1', '{"path": "a.txt"}', 'VALID'],
        [1, 'c2', '{"text": "hel"}', 'TRUNCATED'],
      ]);
    });

    it('the AI SDK executes both calls, and the Anthropic SDK gets two tool_use blocks', async () => {
      // each call in one delta: the AI SDK cannot tell which of two calls of one index a bare delta
      // continues (passthrough alike), so it gets its arguments whole
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: null }), calls(at0(start('c1', 'read', "{'path': 'a.txt',}"))), calls(at0(start('c2', 'write', '{"path": "b.txt", "force": True}'))), chunk({}, 'tool_calls'), '[DONE]')] });
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'Done.' }), chunk({}, 'stop'), '[DONE]')] });
      const { text, executed } = await aiSdkRun(d.info.url);
      assert.equal(text, 'Done.');
      assert.deepEqual(executed, [
        ['read', { path: 'a.txt' }],
        ['write', { path: 'b.txt', force: true }],
      ]);
      up.enqueue({ chunks: [sse(...REUSED, chunk({}, 'tool_calls'), '[DONE]')] });
      const client = new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0 });
      const m = await client.messages.create({ model: 'test/model', max_tokens: 100, messages: [{ role: 'user', content: 'go' }] });
      assert.deepEqual(
        m.content.map((b) => (b.type === 'tool_use' ? [b.id, b.name, b.input] : [b.type])),
        [
          ['c1', 'read', { path: 'a.txt' }],
          ['c2', 'write', { path: 'b.txt', force: true }],
        ],
      );
    });
  });

  describe('ToolCallRepairers.indexOf', () => {
    it('an index reused with a new id is a new call; later deltas of that index go to it; a known id is its call', () => {
      const t = new ToolCallRepairers(true);
      const seen = (tc: Record<string, unknown>): number => {
        const i = t.indexOf(tc, 0, 1);
        t.push(tc, i);
        return i;
      };
      assert.equal(seen({ index: 0, ...start('a', 'f', '{') }), 0);
      assert.equal(seen({ index: 0, id: 'a', function: { arguments: '}' } }), 0);
      assert.equal(seen({ index: 0, ...start('b', 'g', '{') }), 1);
      assert.equal(seen({ index: 0, ...more('}') }), 1);
      // another id without a name: the same call (an upstream that changes ids per delta), not a new one
      assert.equal(seen({ index: 0, id: 'b2', function: { arguments: '' } }), 1);
      // the upstream's index 1 is not the call numbered 1 here (b): a new id there is a new call too
      assert.equal(seen({ index: 1, ...start('c', 'h', '{') }), 2);
      assert.equal(seen({ index: 1, ...more('"k": 1') }), 2);
      assert.equal(seen({ index: 0, id: 'a', function: { arguments: '' } }), 0);
      // c is closed by the index the client saw, with its id
      assert.deepEqual(t.end().map((e) => [e.index, e.text, e.wire]), [[2, '"k": 1}', { index: 1, id: 'c' }]]);
    });

    it('an index is the index; a new id or a name starts the next call; a known id is its call; a bare delta continues the last', () => {
      const t = new ToolCallRepairers(true);
      const seen = (tc: Record<string, unknown>, k = 0, count = 1): number => {
        const i = t.indexOf(tc, k, count);
        t.push(tc, i);
        return i;
      };
      assert.equal(seen({ index: 3, id: 'x', function: { name: 'f', arguments: '{}' } }), 3);
      assert.equal(seen(start('a', 'f', '{')), 4);
      assert.equal(seen(more('"k": 1')), 4);
      assert.equal(seen({ function: { name: 'g', arguments: '{' } }), 5);
      assert.equal(seen({ id: 'a', function: { arguments: '}' } }), 4);
      assert.equal(seen(more('}')), 4);
      // several bare deltas in one chunk: read by their place, as before
      assert.equal(seen(more(''), 0, 2), 0);
      assert.equal(seen(more(''), 1, 2), 1);
    });
  });
});
