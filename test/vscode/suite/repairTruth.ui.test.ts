/**
 * Repair JSON Selection as a person runs it: a selection of whole lines inside a larger document
 * (prose, a think block and a fence around a broken value), several selections made with "Add Selection
 * To Next Find Match", and nothing selected; the command from the palette, Ctrl+Z after it. The editor's
 * text is exactly the engine's output (repairJson with takeCorrections, as the command runs it) put in
 * place of each selection, and the notification says the engine's repairs.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeResult } from '../../../client/describe';
import { repairJson } from '../../../shared/engine';
import type { RepairResult } from '../../../shared/engine';
import { scratchDir, writeAndOpen } from './helpers';
import { notifications, ui } from './ui';

async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
}

async function lastNotification(): Promise<string> {
  let shown: string[] = [];
  for (let i = 0; i < 100; i++) {
    shown = await notifications();
    if (shown.length > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  return shown[0] ?? '';
}

const engine = (text: string): RepairResult => repairJson(text, { takeCorrections: true });

describe('Repair JSON Selection against the engine (through the UI)', () => {
  let dir: string;
  before(async () => {
    dir = scratchDir();
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('a selection of whole lines inside a larger document (a think block, a fence, prose): the engine output in its place, Ctrl+Z brings it back', async () => {
    const lines = ['# Notes', 'Sure! <think>they want {a: 1}</think>', '```json', "{'name': 'Ada', tags: ['x', 'y',], ok: True,}", '```', 'Hope this helps.', 'The end.', ''];
    const before = lines.join('\n');
    const editor = await writeAndOpen(dir, 'notes.md', before);
    editor.selection = new vscode.Selection(1, 0, 6, 0); // lines 2-6, as Shift+Down selects them
    const selected = lines.slice(1, 6).join('\n') + '\n';
    assert.equal(editor.document.getText(editor.selection), selected);
    const r = engine(selected);
    await ui({ op: 'command', title: 'StreamFix: Repair JSON Selection' });
    await until(() => editor.document.getText() !== before);
    assert.equal(editor.document.getText(), `${lines[0]}\n${r.json}\n${lines[6]}\n`);
    assert.equal(await lastNotification(), `StreamFix: ${describeResult(r)}`);
    await ui({ op: 'press', key: 'Control+z' });
    await until(() => editor.document.getText() === before);
    assert.equal(editor.document.getText(), before);
  });

  it('two selections made with Add Selection To Next Find Match: each the engine output, one undo step', async () => {
    const before = "a: {'k': [1, 2,],} b\nc: {'k': [1, 2,],} d\n";
    const editor = await writeAndOpen(dir, 'two.txt', before);
    const start = before.indexOf('{');
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(before.indexOf('}') + 1));
    await ui({ op: 'command', title: 'Add Selection To Next Find Match' });
    await until(() => editor.selections.length === 2);
    assert.deepEqual(editor.selections.map((s) => editor.document.getText(s)), ["{'k': [1, 2,],}", "{'k': [1, 2,],}"]);
    const one = engine("{'k': [1, 2,],}");
    await ui({ op: 'command', title: 'StreamFix: Repair JSON Selection' });
    await until(() => editor.document.getText() !== before);
    assert.equal(editor.document.getText(), `a: ${one.json} b\nc: ${one.json} d\n`);
    assert.equal(await lastNotification(), `StreamFix: ${describeResult({ ...one, repairs: [...one.repairs, ...one.repairs] })}`);
    await ui({ op: 'press', key: 'Control+z' });
    await until(() => editor.document.getText() === before);
    assert.equal(editor.document.getText(), before);
  });

  it('nothing selected, a cut answer with a correction after it: the whole document is the engine output', async () => {
    const before = '{"city": "Paris", "pop": 2.1}\nActually: {"city": "Paris", "pop": 2100000, "tags": ["cap", "big\n';
    const editor = await writeAndOpen(dir, 'cut.json', before);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const r = engine(before);
    await ui({ op: 'command', title: 'StreamFix: Repair JSON Selection' });
    await until(() => editor.document.getText() !== before);
    assert.equal(editor.document.getText(), `${r.json}\n`);
    assert.equal(await lastNotification(), `StreamFix: ${describeResult(r)}`);
  });
});
