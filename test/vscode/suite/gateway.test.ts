import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Artifact } from '../../../shared/protocol';
import { getApi, postChat, sseContent } from './helpers';

const REPAIRED = '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}';

describe('a gateway request', () => {
  let id: string;
  let artifact: Artifact;

  let treeRefreshed: Promise<void>;
  let repairedEvent: Promise<{ id: string; repairs: number; status: string }>;

  before(async () => {
    const api = await getApi();
    const info = await api.whenRunning();
    treeRefreshed = new Promise((resolve) => {
      const sub = api.testing.artifacts.onDidChangeTreeData(() => {
        sub.dispose();
        resolve();
      });
    });
    repairedEvent = new Promise((resolve) => {
      const sub = api.onDidRepair((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    const res = await postChat(info.url, {
      model: 'demo/fenced-prose',
      stream: true,
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'A person record as JSON' }],
    });
    assert.equal(res.status, 200);
    assert.ok(res.id);
    id = res.id;
    assert.equal(sseContent(res.text), REPAIRED);
    assert.equal(await api.testing.waitForFinished(id), true);
  });

  it('is logged in the StreamFix output channel: model, mode, each repair, status and timings', async () => {
    const lines = (await getApi()).testing.logLines().filter((l) => l.startsWith(id));
    assert.equal(lines[0], `${id} started: model demo/fenced-prose, mode repair, streaming`);
    assert.deepEqual(lines.slice(1, -1), [
      `${id} repair trailing_comma at 7:36: Trailing comma removed [open in inspector]`,
      `${id} repair trailing_comma at 8:18: Trailing comma removed [open in inspector]`,
    ]);
    const last = lines[lines.length - 1]!;
    assert.match(last, new RegExp(`^${id} finished REPAIRED: 2 repairs, reasoning 0 bytes, first byte [\\d.]+ ms, total [\\d.]+ ms, added [\\d.]+ ms \\[open in inspector\\]$`));
  });

  it('fires the API event for other extensions', async () => {
    const e = await repairedEvent;
    assert.deepEqual([e.id, e.status, e.repairs], [id, 'REPAIRED', 2]);
  });

  it('appears first in the artifacts view, refreshed live, with its status', async () => {
    await treeRefreshed;
    const items = await (await getApi()).testing.artifacts.getChildren();
    const first = items[0]!;
    // (instanceof cannot be used: this test is bundled with its own copy of the class)
    assert.equal(first.contextValue, 'streamfixArtifact');
    assert.equal(first.id, id);
    assert.equal(first.label, 'demo/fenced-prose');
    assert.match(String(first.description), /^REPAIRED · 2 repairs · \d+ ms$/);
    assert.equal((first.iconPath as vscode.ThemeIcon).id, 'wrench');
    assert.deepEqual(first.command?.arguments, [id]);
  });

  it('shows the artifacts view on command', async () => {
    await vscode.commands.executeCommand('streamfix.showArtifacts');
  });

  it('opens in the inspector panel', async () => {
    const api = await getApi();
    const isInspector = (t: vscode.Tab | undefined) => t?.input instanceof vscode.TabInputWebview && /streamfix\.inspector$/.test(t.input.viewType);
    const opened = new Promise<vscode.Tab>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
        const tab = [...e.opened, ...e.changed].find(isInspector);
        if (!tab) return;
        sub.dispose();
        resolve(tab);
      });
    });
    await vscode.commands.executeCommand('streamfix.openArtifact', id);
    const tab = await opened;
    assert.equal(tab.label, `Artifact ${id}`);
    assert.equal(api.testing.inspector.currentId, id);
  });

  it('opens as a JSON document with the same id', async () => {
    await vscode.commands.executeCommand('streamfix.openArtifactJson', id);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.scheme, 'streamfix-artifact');
    artifact = JSON.parse(doc.getText()) as Artifact;
    assert.equal(artifact.id, id);
    assert.equal(artifact.status, 'REPAIRED');
    assert.equal(artifact.repairedContent, REPAIRED);
    assert.equal(doc.languageId, 'json');
  });

  it('opens raw against repaired in the diff editor', async () => {
    await vscode.commands.executeCommand('streamfix.openArtifactDiff', id);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'the active tab is not a diff');
    const input = tab.input;
    assert.equal(input.original.path, `/${id}/raw.txt`);
    assert.equal(input.modified.path, `/${id}/repaired.json`);
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), artifact.rawContent);
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), REPAIRED);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
