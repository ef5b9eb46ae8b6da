/**
 * What StreamFix Chat and the artifact inspector say of the answers issues 8 and 10 were about, read
 * through the UI against the artifact, with an upstream of the suite's own: two values run together
 * (`{"a":1}{"b":2}`, the second stripped), a reasoning draft before a lone `</think>`, a tool call cut at
 * the token limit and a whole one, a stream the upstream ended without a finish reason or `[DONE]`, and an
 * answer that parses but fails the request's JSON Schema. Each: the value shown is the artifact's, and the
 * badge, the foot and the inspector's header claim only what the artifact says.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { chunk, useFakeUpstream } from './fakeUpstream';
import type { Answer, FakeUpstream } from './fakeUpstream';
import { getApi } from './helpers';
import { askChat, inspectArtifact, texts, ui } from './ui';

const MODELS = ['truth/two-values', 'truth/lone-think', 'truth/tool-cut', 'truth/tool-whole', 'truth/no-done', 'truth/schema', 'truth/text'];

const call = (args: string) => ({ index: 0, id: 'call_0', type: 'function', function: { name: 'search', arguments: args } });

/** Each model's stream, as the upstream writes it (`end`: false for a body closed with no finish and no [DONE]). */
const STREAMS: Record<string, { deltas: unknown[]; finish: string | null }> = {
  'truth/two-values': { deltas: [{ role: 'assistant', content: '{"a":1}' }, { content: '{"b":2}' }], finish: 'stop' },
  'truth/lone-think': { deltas: [{ role: 'assistant', content: 'Draft: {"draft": true}, no.' }, { content: '</think>{"answer": 42}' }], finish: 'stop' },
  'truth/tool-cut': { deltas: [{ role: 'assistant', content: null, tool_calls: [call('')] }, { tool_calls: [{ index: 0, function: { arguments: '{"query": "oslo wea' } }] }], finish: 'length' },
  'truth/tool-whole': { deltas: [{ role: 'assistant', content: null, tool_calls: [call('{"query": "oslo"}')] }], finish: 'tool_calls' },
  'truth/no-done': { deltas: [{ role: 'assistant', content: '{"items": [1, 2' }], finish: null },
  'truth/schema': { deltas: [{ role: 'assistant', content: '{"age": "forty"}' }], finish: 'stop' },
  'truth/text': { deltas: [{ role: 'assistant', content: 'Hello, Ada.' }], finish: 'stop' },
};

const answer: Answer = ({ model }, res) => {
  const s = STREAMS[model]!;
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const body = s.deltas.map((d) => chunk(model, d)).join('');
  // no finish: the body ends with neither a finish chunk nor [DONE]
  res.end(s.finish === null ? body : body + chunk(model, {}, s.finish) + 'data: [DONE]\n\n');
};

describe('StreamFix Chat and the inspector on issue 8/10 answers: the answer, and only what the artifact says (through the UI)', () => {
  let up: FakeUpstream;
  before(async () => {
    up = await useFakeUpstream(MODELS, answer);
  });
  after(() => up.close());

  it('two values run together: the first is the answer, the badge says the rest was stripped, the inspector folds it', async () => {
    const a = await askChat('truth/two-values', 'json', 'Two values, run together');
    assert.deepEqual([a.status, a.repairedContent, a.stripped.map((s) => [s.kind, s.text])], ['REPAIRED', '{"a":1}', [['extra_value', '{"b":2}']]]);
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), ['{"a":1}\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['repaired; stripped more top-level values']);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', '#marks li'), ['stripped extra_value · 7 chars at 7']);
    assert.deepEqual(await texts('inspector', 'pre.raw details.extra_value'), ['stripped extra_value · 7 chars{"b":2}']);
    assert.deepEqual(await texts('inspector', 'dd[data-field="mode"]'), ["repair: asked for by the request's header x-streamfix-mode: repair"]);
  });

  it('a draft before a lone </think>: Thinking holds it, the answer is the value after it, the badge says the block was stripped', async () => {
    const a = await askChat('truth/lone-think', 'json', 'Draft, then answer');
    assert.deepEqual([a.status, a.repairedContent, a.reasoning], ['VALID', '{"answer": 42}', 'Draft: {"draft": true}, no.']);
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), ['{"answer": 42}\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .thinking .reasoning'), ['Draft: {"draft": true}, no.']);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['JSON: no repairs needed; stripped a think block']);
  });

  it('a tool call cut at the token limit is shown, cut, with the arguments as closed; a whole one is shown and is no cut answer', async () => {
    const a = await askChat('truth/tool-cut', 'answer', 'Search, cut off');
    assert.deepEqual([a.status, a.truncatedToolCalls, a.toolCalls[0]!.repairedArguments], ['TRUNCATED', [0], '{"query": "oslo wea"}']);
    assert.deepEqual(await texts('chat', '.turn:last-child .tool-call .tool-head'), ['Tool call search (call_0): cut off inside its arguments, closed by StreamFix']);
    assert.deepEqual(await texts('chat', '.turn:last-child .tool-call .tool-args'), ['{"query": "oslo wea"}']);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), ['cut off: the model reached its token limit']);
    const whole = await askChat('truth/tool-whole', 'answer', 'Search, whole');
    assert.deepEqual([whole.status, whole.finishReason], ['VALID', 'tool_calls']);
    assert.deepEqual(await texts('chat', '.turn:last-child .tool-call'), ['Tool call search (call_0){"query": "oslo"}']);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), []);
  });

  it('a stream the upstream ended with no finish reason and no [DONE]: cut off, and not called a token limit', async () => {
    const a = await askChat('truth/no-done', 'json', 'Items, then the stream ends');
    assert.deepEqual([a.status, a.finishReason, a.repairedContent], ['TRUNCATED', null, '{"items": [1, 2]}']);
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), ['{"items": [1, 2]}\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), ['cut off: the upstream ended the stream before the answer finished (no finish reason)']);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['truncated: cut off, closed with 1 unclosed bracket']);
  });

  it('a strip-mode answer (Answer mode): no badge, and the inspector calls its text sent, never repaired JSON', async () => {
    const a = await askChat('truth/text', 'answer', 'Just say hello');
    assert.deepEqual([a.status, a.mode, a.repairedContent, a.repairs, a.stripped], ['TEXT', 'strip', 'Hello, Ada.', [], []]);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot > *'), ['artifact']);
    // the turn's own link, as a person opens it
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .foot .link' });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: a.id });
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['¶ TEXT']);
    assert.deepEqual(await texts('inspector', 'dd[data-field="mode"]'), ["strip: asked for by the request's header x-streamfix-mode: strip"]);
    // before: "No repairs and nothing stripped.", "Repaired" over the text, and Copy repaired JSON copying it
    assert.deepEqual(await texts('inspector', '#marks li'), ['Nothing stripped. The content went out as text, not parsed as JSON (strip mode): nothing in it was checked for repairs.']);
    assert.deepEqual(await texts('inspector', '#repaired-h'), ['Sent to the client (strip mode: text, not parsed as JSON)']);
    assert.deepEqual(await texts('inspector', 'pre.repaired'), ['Hello, Ada.']);
    assert.deepEqual(await texts('inspector', 'button[data-action="copyRepaired"]:disabled[title="Strip mode: the content went out as text, not parsed as JSON"]'), ['Copy repaired JSON']);
    assert.deepEqual(await texts('inspector', 'button[data-action="diff"]'), ['Raw vs sent diff']);
    await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="diff"]' });
    await ui({ op: 'waitFor', selector: '.tab.active', hasText: `${a.id}: raw ↔ sent (strip mode)` });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // the Artifacts view row's diff button says the same (before: "raw ↔ repaired")
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    const row = `.monaco-list-row[aria-label*="${a.id}"]`;
    await ui({ op: 'hover', selector: row });
    await ui({ op: 'click', selector: `${row} .action-label[aria-label="Open Raw vs Repaired"]` });
    await ui({ op: 'waitFor', selector: '.tab.active', hasText: `${a.id}: raw ↔ sent (strip mode)` });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('an answer that parses but fails the request\'s schema: the status says it is the JSON\'s, beside the schema\'s verdict', async () => {
    // StreamFix Chat sends no schema: the request goes to the gateway as a client's would
    const api = await getApi();
    const res = await fetch(`${api.gatewayUrl()}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(api.token() ? { authorization: `Bearer ${api.token()}` } : {}) },
      body: JSON.stringify({ model: 'truth/schema', stream: true, messages: [{ role: 'user', content: 'Your age' }], response_format: { type: 'json_schema', json_schema: { name: 'p', schema: { type: 'object', properties: { age: { type: 'integer' } } } } } }),
    });
    await res.text();
    const id = res.headers.get('x-streamfix-request-id')!;
    assert.equal(await api.testing.waitForFinished(id), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id });
    assert.deepEqual([a.status, a.schema?.valid], ['VALID', false]);
    // from the Artifacts view, as a person would (the view kept the row opened in the first test in view,
    // and this request's row above it out of sight, until Show Artifacts scrolled to the newest: 2026-12-03)
    await inspectArtifact(id);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['✓ VALID (as JSON; its schema check failed: see Schema)']);
    assert.deepEqual(await texts('inspector', 'dd[data-field="schema"]'), ['invalid: /age must be integer']);
  });
});
