/**
 * Every mode x streaming/non-streaming x demo model through the real gateway and the embedded demo
 * upstream: the exact content the client receives (computed with the engine on the demo's raw text),
 * tool-call arguments, reasoning, headers and the artifact.
 */
import { strict as assert } from 'node:assert';
import { DEMO_SCENARIOS, type DemoScenario } from '../../../server/demo/scenarios';
import { decideAuto } from '../../../server/gateway/autoMode';
import { createStreamRepairer, repairJson, splitReasoning } from '../../../shared/engine';
import type { AppliedMode, GatewayMode } from '../../../shared/protocol';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestDaemon } from '../helpers/testGateway';
import { collect } from '../helpers/testUpstream';

interface Expected {
  content: string;
  reasoning: string;
  tools: string[];
  status: string;
}

function expected(s: DemoScenario, mode: AppliedMode): Expected {
  const raw = s.content ?? '';
  const fields = s.reasoning ?? '';
  const toolResults = (s.toolCalls ?? []).map((t) => repairJson(t.arguments));
  const tools = (s.toolCalls ?? []).map((t, i) => (mode === 'passthrough' ? t.arguments : (toolResults[i]!.json ?? t.arguments)));
  const status = STATUS[s.id]![mode];
  if (mode === 'passthrough') return { content: raw, reasoning: fields, tools, status };
  if (mode === 'strip') {
    const sp = splitReasoning(raw);
    return { content: sp.content, reasoning: fields + sp.reasoning, tools, status };
  }
  const r = repairJson(raw);
  const engine = createStreamRepairer();
  const moved = engine.push(raw).reasoning + engine.end().reasoning;
  return {
    content: raw === '' ? '' : (r.json ?? splitReasoning(raw).content),
    reasoning: fields + moved,
    tools,
    status,
  };
}

/**
 * The status of every demo answer per mode, literally: strip never parses the content, so it says TEXT
 * (only tool-call arguments, which every mode but passthrough repairs, give it an engine verdict);
 * passthrough checks nothing.
 */
const STATUS: Record<string, Record<AppliedMode, string>> = {
  'demo/clean': { repair: 'VALID', strip: 'TEXT', passthrough: 'PASSTHROUGH' },
  'demo/reasoning-think': { repair: 'VALID', strip: 'TEXT', passthrough: 'PASSTHROUGH' },
  'demo/fenced-prose': { repair: 'REPAIRED', strip: 'TEXT', passthrough: 'PASSTHROUGH' },
  'demo/truncated': { repair: 'TRUNCATED', strip: 'TEXT', passthrough: 'PASSTHROUGH' },
  'demo/tool-call-broken': { repair: 'TRUNCATED', strip: 'TRUNCATED', passthrough: 'PASSTHROUGH' },
  'demo/python-literals': { repair: 'REPAIRED', strip: 'TEXT', passthrough: 'PASSTHROUGH' },
  'demo/stutter': { repair: 'REPAIRED', strip: 'TEXT', passthrough: 'PASSTHROUGH' },
};

const CASES: { label: string; header: GatewayMode | null; json: boolean; applied: AppliedMode }[] = [
  { label: 'repair', header: 'repair', json: false, applied: 'repair' },
  { label: 'strip', header: 'strip', json: false, applied: 'strip' },
  { label: 'passthrough', header: 'passthrough', json: false, applied: 'passthrough' },
  { label: 'auto with response_format json_object', header: null, json: true, applied: 'repair' },
  { label: 'auto without response_format', header: 'auto', json: false, applied: 'strip' }, // (or repair: the answer decides)
];

/** Literal outputs, so a wrong engine or gateway cannot agree with itself. */
const LITERAL: Record<string, { content?: string; tools?: string[] }> = {
  'demo/fenced-prose': { content: '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}' },
  'demo/python-literals': { content: '{"user": "grace", "admin": true, "suspended": false, "manager": null, "scores": [98, 87.5]}' },
  'demo/stutter': { content: '{"status": "ok", "count": 3, "items": ["a", "b", "c"]}' },
  'demo/reasoning-think': { content: '{"title": "Dune", "author": "Frank Herbert", "year": 1965, "tags": ["sci-fi", "desert", "épopée"]}' },
  'demo/truncated': { content: '{"items": [{"id": 1, "name": "Widget", "price": 9.99}, {"id": 2, "name": "Gadget", "price": 24.5}, {"id": 3, "name": "Gizmo — deluxe ed"}]}' },
  'demo/tool-call-broken': { tools: ['{"location": "Paris, France", "unit": "celsius"}', '{"query": "best café in Lisbon", "limit": 3}'] },
};

describe('gateway: modes x streaming x demo models', () => {
  const { d } = useTestDaemon({ demo: true });

  for (const s of DEMO_SCENARIOS) {
    for (const c of CASES) {
      for (const stream of [true, false]) {
        it(`${s.id}, ${c.label}, ${stream ? 'streaming' : 'non-streaming'}`, async () => {
          // auto without response_format: the answer's first characters decide (autoMode.ts)
          const decided = c.header === 'auto' ? decideAuto(s.content ?? '') : null;
          const applied: AppliedMode = decided ? decided.mode : c.applied;
          const body: Record<string, unknown> = { model: s.id, stream, messages: [{ role: 'user', content: 'Answer in JSON.' }] };
          if (stream) body.stream_options = { include_usage: true };
          if (c.json) body.response_format = { type: 'json_object' };
          const res = await postChat(d, body, c.header ? { 'x-streamfix-mode': c.header } : {});
          assert.equal(res.status, 200);
          assert.match(res.headers.get('x-streamfix-request-id') ?? '', /^sfx_[0-9a-z]+$/);
          const want = expected(s, applied);
          let got: { content: string; reasoning: string; tools: string[] };
          if (stream) {
            // passthrough keeps the upstream's own headers
            assert.equal(res.headers.get('content-type'), applied === 'passthrough' ? 'text/event-stream' : 'text/event-stream; charset=utf-8');
            assert.equal(res.headers.get('x-accel-buffering'), 'no');
            assert.equal(res.headers.get('x-ratelimit-limit'), '1000');
            const text = await res.text();
            const col = collect(text);
            assert.equal(col.done, true, 'ends with [DONE]');
            assert.equal(col.finish, s.finishReason);
            assert.match(text, /^: OPENROUTER PROCESSING\n\n/);
            // nothing but the finish chunk and the usage chunk after the last text
            const idxFinish = col.chunks.findIndex((k) => (k as { choices: { finish_reason: unknown }[] }).choices[0]?.finish_reason);
            const hasText = col.chunks.map((k) => {
              const delta = (k as { choices: { delta?: { content?: unknown; tool_calls?: { function?: { arguments?: string } }[] } }[] }).choices[0]?.delta;
              return (typeof delta?.content === 'string' && delta.content !== '') || (delta?.tool_calls ?? []).some((t) => t.function?.arguments);
            });
            const lastText = hasText.lastIndexOf(true);
            assert.ok(lastText < idxFinish, `text (chunk ${lastText}) comes before finish_reason (chunk ${idxFinish})`);
            assert.ok((col.chunks[col.chunks.length - 1] as { usage?: unknown }).usage, 'usage chunk passed through');
            const contents = col.chunks.map((k) => (k as { choices: { delta?: { content?: unknown } }[] }).choices[0]?.delta?.content).filter((x): x is string => typeof x === 'string' && x !== '');
            got = {
              // a stuttering upstream in passthrough reaches the client as sent: the last delta is the whole text
              content: applied === 'passthrough' && s.cumulative ? contents[contents.length - 1]! : col.content,
              reasoning: col.reasoning,
              tools: [...col.tools.values()],
            };
          } else {
            assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
            const json = (await res.json()) as { choices: { message: { content: string | null; reasoning: string | null; tool_calls?: { function: { arguments: string } }[] }; finish_reason: string }[] };
            const m = json.choices[0]!.message;
            assert.equal(json.choices[0]!.finish_reason, s.finishReason);
            got = { content: m.content ?? '', reasoning: m.reasoning ?? '', tools: (m.tool_calls ?? []).map((t) => t.function.arguments) };
            assert.equal(res.headers.get('x-streamfix-status'), want.status);
          }
          assert.deepEqual(got, { content: want.content, reasoning: want.reasoning, tools: want.tools });
          const lit = LITERAL[s.id];
          if (lit && applied === 'repair') {
            if (lit.content !== undefined) assert.equal(got.content, lit.content);
            if (lit.tools !== undefined) assert.deepEqual(got.tools, lit.tools);
          }
          if (lit?.tools && applied === 'strip') assert.deepEqual(got.tools, lit.tools);
          if (s.id === 'demo/reasoning-think' && applied !== 'passthrough') {
            assert.equal(got.reasoning, '\nThe user wants a JSON object describing a book. I need "title", "author" and a list {of} tags.\nLet me make sure every brace } is balanced.\n');
          }

          const a = await artifactOf(d, res);
          assert.equal(a.model, s.id);
          assert.equal(a.mode, applied);
          assert.equal(a.modeReason, decided ? decided.reason : c.json ? 'auto: response_format json_object' : `requested: ${c.header}`);
          if (decided && s.id === 'demo/clean') assert.equal(a.modeReason, 'auto: the answer starts as JSON ({)');
          if (decided && s.id === 'demo/fenced-prose') assert.equal(a.modeReason, 'auto: the answer starts with text');
          assert.equal(a.requestedMode, c.header ?? 'auto');
          assert.equal(a.stream, stream);
          assert.equal(a.status, want.status);
          assert.equal(a.rawContent, s.content ?? '');
          assert.equal(a.repairedContent, applied === 'passthrough' ? null : want.content);
          assert.equal(a.reasoning, want.reasoning);
          // what left the content, as spans of the raw content: the engine's in repair, the think splitter's in strip
          const raw = s.content ?? '';
          const stripped = applied === 'passthrough' || raw === '' ? [] : applied === 'strip' ? splitReasoning(raw).stripped : repairJson(raw).stripped;
          assert.deepEqual(a.stripped, stripped);
          if (s.id === 'demo/reasoning-think' && applied !== 'passthrough') assert.deepEqual(a.stripped.map((x) => [x.kind, x.offset, x.line, x.column]), [['reasoning', 0, 0, 0]]);
          assert.equal(a.finishReason, s.finishReason);
          assert.equal(a.stuttering, stream && s.cumulative === true);
          assert.deepEqual(
            a.toolCalls.map((t) => [t.index, t.id, t.name, t.rawArguments, t.repairedArguments]),
            (s.toolCalls ?? []).map((t, i) => [i, t.id, t.name, t.arguments, applied === 'passthrough' ? t.arguments : want.tools[i]]),
          );
          assert.ok(a.usage !== null, 'usage recorded');
          assert.deepEqual(a.errors, []);
          assert.equal(a.chunks.malformed, 0);
          assert.ok(a.timings.totalMs >= a.timings.addedMs && a.timings.addedMs >= 0);
        });
      }
    }
  }
});
