/**
 * The artifact inspector, driven through the UI: each demo model's request is opened by clicking its row
 * in the artifacts tree, and what the panel shows is read from the webview's DOM; its buttons are clicked.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { timelineChart } from '../../../client/timelineChart';
import { getApi, postChat } from './helpers';
import { texts, ui } from './ui';

const REPAIRED = '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}';
const ICONS: Record<string, string> = { VALID: '✓', REPAIRED: '✎', TRUNCATED: '⚠', FAILED: '✗' };

async function request(model: string): Promise<Artifact> {
  const api = await getApi();
  const info = await api.whenRunning();
  const res = await postChat(info.url, { model, stream: true, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: `Answer as ${model}` }] });
  assert.equal(res.status, 200);
  assert.equal(await api.testing.waitForFinished(res.id!), true);
  return api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
}

/** Clicks the artifact's row in the artifacts tree (found by the id in its accessible label). */
async function openFromTree(id: string): Promise<void> {
  await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
  await ui({ op: 'click', selector: `.monaco-list-row[aria-label*="${id}"]` });
  await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: id });
}

async function clipboardChange(before: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const now = await vscode.env.clipboard.readText();
    if (now !== before) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  return vscode.env.clipboard.readText();
}

describe('the artifact inspector (through the UI)', () => {
  before(async () => {
    // the chat view shares the side bar with the tree: close it so the tree has the room
    await ui({ op: 'command', title: 'View: Close All Editors' });
  });

  const specific: Record<string, (a: Artifact) => Promise<void>> = {
    'demo/fenced-prose': async () => {
      assert.deepEqual(await texts('inspector', 'pre.raw mark.repair'), [',', ',']);
      assert.deepEqual(await texts('inspector', 'pre.raw details.stripped summary'), ['stripped prose · 37 chars', 'stripped fence · 8 chars', 'stripped fence · 3 chars', 'stripped trailing · 38 chars']);
      assert.deepEqual(await texts('inspector', '#reasoning summary'), ['Reasoning (102 chars)']);
    },
    'demo/reasoning-think': async () => {
      const summaries = await texts('inspector', 'pre.raw details.stripped summary');
      assert.deepEqual(summaries, ['stripped reasoning · 155 chars']);
    },
    'demo/tool-call-broken': async (a) => {
      assert.deepEqual(await texts('inspector', '.tool-call h3'), [
        `#0 get_weather (call_weather_1) · ${a.toolCalls[0]!.status}`,
        // left open by a model that finished with tool_calls: closed (TRUNCATED), but not cut by the upstream
        `#1 search_web (call_search_2) · TRUNCATED`,
      ]);
      assert.equal(a.truncatedToolCalls, undefined);
      assert.deepEqual(await texts('inspector', 'dd[data-field="cut-tool-calls"]'), []);
      assert.deepEqual(await texts('inspector', '.tool-call .before'), ["{location: 'Paris, France', unit: \"celsius\",}", '{"query": "best café in Lisbon", "limit": 3']);
      assert.deepEqual(await texts('inspector', '.tool-call .after'), ['{"location": "Paris, France", "unit": "celsius"}', '{"query": "best café in Lisbon", "limit": 3}']);
    },
    'demo/python-literals': async () => {
      assert.deepEqual(await texts('inspector', 'pre.raw mark.repair'), ["'", "'", "'", "'", "'", "'", 'True', "'", "'", 'False', "'", "'", 'None', "'", "'", ',']);
    },
    'demo/truncated': async () => {
      // the closing quote and brackets are insertions at the end: empty marks, shown by a caret
      assert.equal((await texts('inspector', 'pre.raw mark.repair.insertion')).length, 2);
    },
  };

  for (const model of ['demo/clean', 'demo/reasoning-think', 'demo/fenced-prose', 'demo/truncated', 'demo/tool-call-broken', 'demo/python-literals', 'demo/stutter']) {
    it(`shows a ${model} artifact opened from the tree: header, repairs and stripped spans in place`, async () => {
      const a = await request(model);
      await openFromTree(a.id);
      assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), [`${ICONS[a.status]} ${a.status}`]);
      assert.deepEqual(await texts('inspector', 'dd[data-field="model"]'), [model]);
      assert.deepEqual(await texts('inspector', 'dd[data-field="mode"]'), ['repair: auto mode, and the request asked for JSON (response_format json_object)']);
      const raw = a.rawContent;
      const placed = await texts('inspector', 'pre.raw mark.repair');
      assert.deepEqual(placed, a.repairs.map((r) => raw.slice(r.offset, r.offset + r.length)));
      assert.deepEqual(
        await texts('inspector', 'pre.raw details.stripped summary'),
        a.stripped.map((s) => `stripped ${s.kind} · ${s.length} chars`),
      );
      const listed = await texts('inspector', '.marks li button');
      assert.equal(listed.length, a.repairs.length + a.stripped.length);
      await specific[model]?.(a);
    });
  }

  it("draws the stream's timeline from the artifact's reads: a bar per read, the stalls, and the summary", async () => {
    const a = await request('demo/fenced-prose');
    await openFromTree(a.id);
    const chart = timelineChart(a)!;
    assert.ok(chart.bars.length > 1, `${chart.bars.length} reads recorded`);
    assert.deepEqual(await texts('inspector', '#timeline figcaption'), [chart.summary]);
    assert.deepEqual(await texts('inspector', '#timeline svg.chart rect.read title'), chart.bars.map((b) => b.label));
    assert.deepEqual(await texts('inspector', '#timeline svg.chart rect.stall title'), chart.stalls.map((s) => s.label));
    assert.deepEqual(await texts('inspector', '#timeline svg.chart rect.wait title'), [`waiting for the first byte: ${Math.round(a.timings.ttfbMs! * 10) / 10} ms`]);
    assert.equal(chart.bars.reduce((n, b) => n + b.reads, 0), a.chunks.upstream);
  });

  it("says the schema check in the header: invalid with ajv's error for a json_schema request, no row without a schema", async () => {
    const api = await getApi();
    const info = await api.whenRunning();
    const schema = { type: 'object', properties: { name: { type: 'string', pattern: '^\\p{L}+ \\p{L}+$' }, born: { type: 'string' } } };
    const res = await postChat(info.url, { model: 'demo/fenced-prose', stream: true, response_format: { type: 'json_schema', json_schema: { name: 'p', schema } }, messages: [{ role: 'user', content: 'schema' }] });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    await openFromTree(res.id!);
    assert.deepEqual(await texts('inspector', 'dd[data-field="schema"]'), ['invalid: /born must be string']);
    const plain = await request('demo/clean');
    await openFromTree(plain.id);
    assert.deepEqual(await texts('inspector', 'dd[data-field="schema"]'), []);
  });

  describe('actions', () => {
    let a: Artifact;
    before(async () => {
      a = await request('demo/fenced-prose');
      await openFromTree(a.id);
    });

    it('copies the repaired JSON', async () => {
      await vscode.env.clipboard.writeText('-');
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="copyRepaired"]' });
      assert.equal(await clipboardChange('-'), REPAIRED);
    });

    it('copies the request as curl, without any key', async () => {
      const api = await getApi();
      const origin = api.gatewayUrl()!.replace(/\/v1$/, '');
      await vscode.env.clipboard.writeText('-');
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="copyCurl"]' });
      const body = JSON.stringify({ model: 'demo/fenced-prose', stream: true, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Answer as demo/fenced-prose' }] });
      assert.equal(await clipboardChange('-'), `curl -N ${origin}/v1/chat/completions \\\n  -H 'content-type: application/json' \\\n  -d '${body}'`);
    });

    it('opens raw vs repaired in the diff editor, and the panel comes back when shown again', async () => {
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="diff"]' });
      await ui({ op: 'waitFor', selector: '.tab.active', hasText: `${a.id}: raw ↔ repaired` });
      // the inspector's tab is now hidden behind the diff: click it
      await ui({ op: 'click', selector: '.tab', hasText: `Artifact ${a.id}` });
      await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: a.id });
      assert.deepEqual(await texts('inspector', 'pre.raw mark.repair'), [',', ',']);
    });

    it("copies as curl and replays with the request's policy headers (x-streamfix-truncated-tools, x-streamfix-schema), never its key", async () => {
      const api = await getApi();
      const info = await api.whenRunning();
      const body = { model: 'demo/fenced-prose', stream: true, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'with headers' }] };
      const res = await postChat(info.url, body, { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-schema': 'coerce', authorization: 'Bearer sk-or-v1-NEVER-KEPT' });
      assert.equal(await api.testing.waitForFinished(res.id!), true);
      const withHeaders = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
      assert.deepEqual(withHeaders.request!.headers, { 'x-streamfix-schema': 'coerce', 'x-streamfix-truncated-tools': 'reject' });
      await openFromTree(withHeaders.id);
      const origin = api.gatewayUrl()!.replace(/\/v1$/, '');
      await vscode.env.clipboard.writeText('-');
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="copyCurl"]' });
      assert.equal(
        await clipboardChange('-'),
        `curl -N ${origin}/v1/chat/completions \\\n  -H 'content-type: application/json' \\\n  -H 'x-streamfix-schema: coerce' \\\n  -H 'x-streamfix-truncated-tools: reject' \\\n  -d '${JSON.stringify(body)}'`,
      );
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="replay"]' });
      for (let i = 0; i < 100 && api.testing.inspector.currentId === withHeaders.id; i++) await new Promise((r) => setTimeout(r, 50));
      const replayed = await api.testing.request<Artifact>(GetArtifactMethod, { id: api.testing.inspector.currentId! });
      assert.notEqual(replayed.id, withHeaders.id);
      assert.deepEqual(replayed.request, withHeaders.request);
      assert.equal(JSON.stringify(replayed).includes('NEVER-KEPT'), false);
      // back to the artifact the next test replays
      await openFromTree(a.id);
    });

    it('replays the request through the gateway, which gives a new artifact shown in the panel', async () => {
      const api = await getApi();
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="replay"]' });
      await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: 'sfx_' });
      for (let i = 0; i < 100 && api.testing.inspector.currentId === a.id; i++) await new Promise((r) => setTimeout(r, 50));
      const id = api.testing.inspector.currentId!;
      assert.notEqual(id, a.id);
      await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: id });
      const replayed = await api.testing.request<Artifact>(GetArtifactMethod, { id });
      assert.equal(replayed.model, 'demo/fenced-prose');
      assert.equal(replayed.repairedContent, REPAIRED);
      assert.deepEqual(replayed.request, a.request);
    });
  });
});
