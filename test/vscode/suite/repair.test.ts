import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RepairCommandResult } from '../../../client/repairCommand';
import { scratchDir, writeAndOpen } from './helpers';

let dir: string;
let n = 0;
/** A new file per test: reusing an untitled editor's name races with the previous test's close. */
const openFile = (content: string): Promise<vscode.TextEditor> => writeAndOpen(dir, `model-output-${++n}.json`, content);

/** Run the command on that editor's document (as the editor context menu does, passing its URI). */
const repair = (editor: vscode.TextEditor): Thenable<RepairCommandResult> =>
  vscode.commands.executeCommand<RepairCommandResult>('streamfix.repairSelection', editor.document.uri);

describe('Repair JSON Selection', () => {
  before(() => {
    dir = scratchDir();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('repairs only the selection, in one undoable edit', async () => {
    const before = 'Model said:\n{name: \'Ada\', "tags": ["a", "b",],}\nThanks!\n';
    const editor = await openFile(before);
    const start = before.indexOf('{');
    const end = before.lastIndexOf('}') + 1;
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
    const result = await repair(editor);
    assert.equal(editor.document.getText(), 'Model said:\n{"name": "Ada", "tags": ["a", "b"]}\nThanks!\n');
    assert.deepEqual(result, {
      changed: true,
      status: 'REPAIRED',
      message: 'StreamFix: Repaired: 1 unquoted key, 2 single quotes, 2 trailing commas',
    });
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('repairs the whole document when nothing is selected, stripping the think block', async () => {
    const before = '<think>\nThe user wants {json}.\n</think>\n{"ok": True, "items": [1, 2 3]}\n';
    const editor = await openFile(before);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const result = await repair(editor);
    assert.equal(editor.document.getText(), '{"ok": true, "items": [1, 2, 3]}\n');
    assert.deepEqual(result, {
      changed: true,
      status: 'REPAIRED',
      message: 'StreamFix: Repaired: 1 Python literal, 1 missing comma; stripped a think block',
    });
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('keeps the line break a selection of whole lines ended with (a fenced block), so the next line stays its own', async () => {
    const before = 'Text\n```json\n{a: 1}\n```\nMore text\n';
    const editor = await openFile(before);
    editor.selection = new vscode.Selection(1, 0, 4, 0); // lines 2-4, as Shift+Down selects them
    const result = await repair(editor);
    assert.equal(editor.document.getText(), 'Text\n{"a": 1}\nMore text\n');
    assert.deepEqual(result, { changed: true, status: 'REPAIRED', message: 'StreamFix: Repaired: 1 unquoted key; stripped a code fence' });
  });

  it('says what it removed when only a no-break space stood next to valid JSON', async () => {
    const editor = await openFile('\u00a0{"a": 1}\n');
    const result = await repair(editor);
    assert.equal(editor.document.getText(), '{"a": 1}\n');
    assert.deepEqual(result, { changed: true, status: 'VALID', message: 'StreamFix: No repairs needed; stripped surrounding text' });
  });

  it('changes nothing and says why when the repair fails', async () => {
    const before = 'no json here at all';
    const editor = await openFile(before);
    const result = await repair(editor);
    assert.equal(editor.document.getText(), before);
    assert.equal(result.changed, false);
    assert.equal(result.status, 'FAILED');
    assert.match(result.message, /^StreamFix: nothing changed\. Could not repair: .+/);
  });

  it('with several selections, changes none when one has no JSON, and says which', async () => {
    const before = '{a: 1}\nnot json here\n[1, 2,]\n';
    const editor = await openFile(before);
    editor.selections = [new vscode.Selection(0, 0, 0, 6), new vscode.Selection(1, 0, 1, 13), new vscode.Selection(2, 0, 2, 7)];
    const result = await repair(editor);
    assert.equal(editor.document.getText(), before);
    assert.deepEqual(result, {
      changed: false,
      status: 'FAILED',
      message: 'StreamFix: nothing changed. The selection at line 2: Could not repair: No JSON value found in the input',
    });
  });

  it('with several selections, repairs each in one undoable edit', async () => {
    const before = '{a: 1}\nprose\n[1, 2,]\n';
    const editor = await openFile(before);
    editor.selections = [new vscode.Selection(2, 0, 2, 7), new vscode.Selection(0, 0, 0, 6)];
    const result = await repair(editor);
    assert.equal(editor.document.getText(), '{"a": 1}\nprose\n[1, 2]\n');
    assert.deepEqual(result, { changed: true, status: 'REPAIRED', message: 'StreamFix: Repaired: 1 trailing comma, 1 unquoted key' });
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('in a jsonc document (settings.json, tsconfig.json) fixes what is broken and keeps the comments', async () => {
    const before = '{\n  // my font\n  "editor.fontSize": 14\n  "editor.tabSize": 2, // two\n}\n';
    const editor = await writeAndOpen(dir, `settings-${++n}.jsonc`, before);
    assert.equal(editor.document.languageId, 'jsonc');
    const result = await repair(editor);
    // before: the engine's JSON replaced the document, both comments and the (legal) trailing comma gone
    assert.equal(editor.document.getText(), '{\n  // my font\n  "editor.fontSize": 14,\n  "editor.tabSize": 2, // two\n}\n');
    assert.deepEqual(result, { changed: true, status: 'REPAIRED', message: 'StreamFix: Repaired the jsonc document, comments kept (1 fix)' });
  });

  it('says so when the JSON is already valid', async () => {
    const editor = await openFile('{"a": [1, 2]}');
    const result = await repair(editor);
    assert.equal(editor.document.getText(), '{"a": [1, 2]}');
    assert.deepEqual(result, { changed: false, status: 'VALID', message: 'StreamFix: Already valid JSON: nothing to change' });
  });
});
