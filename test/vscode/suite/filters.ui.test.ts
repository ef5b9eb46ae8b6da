/**
 * The artifacts tree's filters and the Models view, through the UI: the filter commands run from the
 * palette, their quick pick and input box are answered by typing, and the tree's rows are read from the
 * workbench (each row's accessible label holds its request id).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { getApi, postChat } from './helpers';
import { ui } from './ui';

async function request(model: string, json = true): Promise<string> {
  const api = await getApi();
  const info = await api.whenRunning();
  const res = await postChat(info.url, { model, stream: true, ...(json ? { response_format: { type: 'json_object' } } : {}), messages: [{ role: 'user', content: 'filters' }] });
  assert.equal(res.status, 200);
  assert.equal(await api.testing.waitForFinished(res.id!), true);
  return res.id!;
}

const row = (id: string) => `.monaco-list-row[aria-label*="${id}"]`;

async function answer(command: string, text: string): Promise<void> {
  await ui({ op: 'command', title: command });
  await ui({ op: 'waitFor', selector: '.quick-input-widget input' });
  await ui({ op: 'fill', selector: '.quick-input-widget input', value: text });
  if (text !== '' && !command.includes('Search')) await ui({ op: 'waitFor', selector: '.quick-input-list .monaco-list-row.focused', hasText: text });
  await ui({ op: 'press', key: 'Enter' });
  await ui({ op: 'waitFor', selector: '.quick-input-widget', state: 'hidden' });
}

describe('artifact filters and the Models view (through the UI)', () => {
  let text: string;
  let truncated: string;
  let clean: string;
  before(async () => {
    await ui({ op: 'command', title: 'View: Close All Editors' });
    // a prose answer in auto mode: strip, status TEXT; then more than the tree's 100 newer artifacts
    text = await request('demo/msg-text', false);
    for (let i = 0; i < 105; i += 15) await Promise.all(Array.from({ length: 15 }, () => request('demo/clean')));
    truncated = await request('demo/truncated');
    clean = await request('demo/clean');
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    // the tree keeps an earlier test's opened artifact in view, below the newer rows once enough requests
    // came after it (only the rows in view exist in the DOM): back to the top, where the newest are
    await vscode.commands.executeCommand('streamfix.artifacts.focus');
    await ui({ op: 'press', key: 'Home' });
    await ui({ op: 'waitFor', selector: row(clean) });
  });

  it('filters by status', async () => {
    await answer('StreamFix: Filter Artifacts by Status', 'TRUNCATED');
    await ui({ op: 'waitFor', selector: row(clean), state: 'detached' });
    await ui({ op: 'waitFor', selector: row(truncated) });
    await ui({ op: 'waitFor', selector: '.pane-body .message', hasText: 'Filtered: status TRUNCATED' });
  });

  it('filters by every status the daemon records, over all its artifacts, not the newest 100 only', async () => {
    // TEXT (strip mode's status) was not offered; and the filter applied to the newest 100 listed, where
    // the TEXT artifact, 107 requests ago, is not
    await answer('StreamFix: Filter Artifacts by Status', 'TEXT');
    await ui({ op: 'waitFor', selector: row(text) });
    await ui({ op: 'waitFor', selector: row(truncated), state: 'detached' });
    await ui({ op: 'waitFor', selector: '.pane-body .message', hasText: 'Filtered: status TEXT' });
    await answer('StreamFix: Filter Artifacts by Gateway Mode', 'strip');
    await ui({ op: 'waitFor', selector: row(text) });
    await ui({ op: 'command', title: 'StreamFix: Clear Artifact Filters' });
    await answer('StreamFix: Filter Artifacts by Status', 'TRUNCATED');
  });

  it('searches the content of the filtered artifacts', async () => {
    await answer('StreamFix: Search Artifacts', 'Gizmo — deluxe');
    await ui({ op: 'waitFor', selector: '.pane-body .message', hasText: 'Filtered: status TRUNCATED · “Gizmo — deluxe”' });
    await ui({ op: 'waitFor', selector: row(truncated) });
    await answer('StreamFix: Search Artifacts', 'no such text anywhere');
    await ui({ op: 'waitFor', selector: row(truncated), state: 'detached' });
  });

  it('searches by request id, filters by model and mode, and clears', async () => {
    await ui({ op: 'command', title: 'StreamFix: Clear Artifact Filters' });
    await answer('StreamFix: Search Artifacts', clean);
    await ui({ op: 'waitFor', selector: row(clean) });
    await ui({ op: 'waitFor', selector: row(truncated), state: 'detached' });
    // a whole id is found however old (the TEXT artifact is 107 requests back, past the newest 100 searched)
    await answer('StreamFix: Search Artifacts', text);
    await ui({ op: 'waitFor', selector: row(text) });
    await ui({ op: 'waitFor', selector: row(clean), state: 'detached' });
    await ui({ op: 'command', title: 'StreamFix: Clear Artifact Filters' });
    await answer('StreamFix: Filter Artifacts by Model', 'demo/truncated');
    await ui({ op: 'waitFor', selector: row(truncated) });
    await ui({ op: 'waitFor', selector: row(clean), state: 'detached' });
    await answer('StreamFix: Filter Artifacts by Gateway Mode', 'passthrough');
    await ui({ op: 'waitFor', selector: row(truncated), state: 'detached' });
    await ui({ op: 'command', title: 'StreamFix: Clear Artifact Filters' });
    await ui({ op: 'waitFor', selector: row(truncated) });
    await ui({ op: 'waitFor', selector: row(clean) });
  });

  it('shows per-model health in the Models view', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('streamfix.models.focus');
    await ui({ op: 'waitFor', selector: '.monaco-list-row[aria-label^="demo/truncated "]', hasText: 'TRUNCATED 100%' });
    await ui({ op: 'waitFor', selector: '.monaco-list-row[aria-label^="demo/clean "]', hasText: 'FAILED 0% · TRUNCATED 0%' });
    assert.equal(api.testing.models.available, true);
  });

  it('hides the Models view when the gateway answers 404 there, and shows it again once it serves it', async () => {
    const api = await getApi();
    const header = { selector: '.pane-header .title', hasText: 'Models' };
    await ui({ op: 'waitFor', ...header });
    // a gateway without GET /v1/streamfix/models (an older daemon): the extension host's fetch answers 404
    // for that path only (the extension and this suite share the host's global fetch)
    const real = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      String(input instanceof Request ? input.url : input).endsWith('/v1/streamfix/models')
        ? Promise.resolve(new Response('{"error":{"message":"Not found","code":"not_found"}}', { status: 404 }))
        : real(input, init);
    try {
      await request('demo/clean'); // a finished request refreshes the view, which asks the gateway again
      await ui({ op: 'waitFor', ...header, state: 'detached' });
      assert.equal(api.testing.models.available, false);
    } finally {
      globalThis.fetch = real;
    }
    await request('demo/clean');
    await ui({ op: 'waitFor', ...header });
    assert.equal(api.testing.models.available, true);
  });
});
