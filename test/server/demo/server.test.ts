import { strict as assert } from 'node:assert';
import { demoStreamEvents, startDemoUpstream, type DemoUpstream } from '../../../server/demo/server';
import { DEMO_SCENARIOS, findScenario, splitText } from '../../../server/demo/scenarios';
import { collect, parseSse } from '../helpers/testUpstream';

describe('demo upstream', () => {
  let demo: DemoUpstream;
  before(async () => {
    demo = await startDemoUpstream({ delayMs: 0 });
  });
  after(async () => {
    await demo.close();
  });

  const post = (body: unknown) => fetch(`${demo.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('lists its models on GET /v1/models', async () => {
    const r = await fetch(`${demo.url}/models`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { object: string; data: { id: string }[] };
    assert.equal(body.object, 'list');
    assert.deepEqual(
      body.data.map((m) => m.id),
      ['demo/clean', 'demo/reasoning-think', 'demo/fenced-prose', 'demo/truncated', 'demo/tool-call-broken', 'demo/python-literals', 'demo/stutter', 'demo/msg-text', 'demo/msg-thinking', 'demo/msg-tools'],
    );
  });

  for (const s of DEMO_SCENARIOS) {
    it(`streams ${s.id} in OpenRouter's format and the pieces rebuild the raw output`, async () => {
      const r = await post({ model: s.id, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/event-stream');
      const text = await r.text();
      const { comments, data } = parseSse(text);
      assert.equal(comments[0], 'OPENROUTER PROCESSING');
      assert.equal(data[data.length - 1], '[DONE]');
      const c = collect(text);
      const first = c.chunks[0] as { id: string; provider: string; model: string; object: string; created: number };
      assert.equal(first.provider, 'StreamFix Demo');
      assert.equal(first.model, s.id);
      assert.equal(first.object, 'chat.completion.chunk');
      assert.match(first.id, /^gen-\d+-[0-9a-f]{16}$/);
      assert.equal(c.finish, s.finishReason);
      assert.equal(c.reasoning, s.reasoning ?? '');
      if (s.cumulative) {
        const deltas = c.chunks.map((k) => (k as { choices: { delta: { content?: string } }[] }).choices[0]!.delta.content ?? '').filter((x) => x !== '');
        assert.equal(deltas[deltas.length - 1], s.content);
        assert.ok(deltas.every((d, i) => i === 0 || d.startsWith(deltas[i - 1]!)), 'each delta repeats the previous one');
      } else {
        assert.equal(c.content, s.content ?? '');
      }
      assert.deepEqual([...c.tools.entries()], (s.toolCalls ?? []).map((t, i) => [i, t.arguments]));
      const usage = (c.chunks[c.chunks.length - 1] as { usage?: { total_tokens: number } }).usage;
      assert.ok(usage && usage.total_tokens > 0, 'usage chunk last');
    });
  }

  it('interleaves the two parallel tool calls of demo/tool-call-broken', () => {
    const events = demoStreamEvents(findScenario('demo/tool-call-broken')!, { includeUsage: false });
    const indices = events
      .filter((e) => e.startsWith('{'))
      .flatMap((e) => ((JSON.parse(e) as { choices: { delta: { tool_calls?: { index: number; function: { arguments: string } }[] } }[] }).choices[0]!.delta.tool_calls ?? []).filter((t) => t.function.arguments !== '').map((t) => t.index));
    assert.deepEqual(indices.slice(0, 4), [0, 1, 0, 1]);
  });

  it('sends no usage chunk unless stream_options.include_usage is set', async () => {
    const r = await post({ model: 'demo/clean', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const c = collect(await r.text());
    assert.equal(c.chunks.some((k) => 'usage' in k), false);
  });

  it('answers non-streaming requests with a chat.completion', async () => {
    const r = await post({ model: 'demo/fenced-prose', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.status, 200);
    const body = (await r.json()) as { object: string; choices: { message: { content: string; reasoning: string }; finish_reason: string }[] };
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0]!.message.content, findScenario('demo/fenced-prose')!.content);
    assert.equal(body.choices[0]!.message.reasoning, findScenario('demo/fenced-prose')!.reasoning);
    assert.equal(body.choices[0]!.finish_reason, 'stop');
  });

  it('answers an unknown model with 404 naming the demo models', async () => {
    const r = await post({ model: 'openai/gpt-4o', messages: [] });
    assert.equal(r.status, 404);
    const body = (await r.json()) as { error: { message: string; code: string } };
    assert.equal(body.error.code, 'model_not_found');
    assert.match(body.error.message, /^"openai\/gpt-4o" is not a demo model; the demo upstream serves: demo\/clean, /);
  });

  it('splits text by code points, never inside a surrogate pair', () => {
    assert.deepEqual(splitText('a🌤bcdéfghijk'), ['a🌤b', 'c', 'défghij', 'k']);
    assert.deepEqual(splitText('abcde', 2), ['ab', 'cd', 'e']);
  });
});
