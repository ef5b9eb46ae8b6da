import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { getApi, scratchDir, waitForDiagnostics, writeAndOpen } from './helpers';

const BROKEN = '{\n  name: "Ada",\n  "langs": ["en", "fr",],\n  "active": True\n}\n';

const brief = (d: vscode.Diagnostic): string =>
  `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return all.filter((a) => a.title.startsWith('Fix: ') || a.title.startsWith('Repair whole document') || a.title.startsWith('Close the truncated'));
}

describe('diagnostics and quick fixes', () => {
  let dir: string;
  before(async () => {
    await (await getApi()).whenRunning();
    dir = scratchDir();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('reports every repair with its message, kind and exact range, and a quick fix applies exactly one', async () => {
    const editor = await writeAndOpen(dir, 'broken.json', BROKEN);
    const uri = editor.document.uri;
    const diags = await waitForDiagnostics(uri, (d) => d.length === 3);
    assert.deepEqual(diags.map(brief), [
      'unquoted_key 1:2-1:6 Unquoted key quoted',
      'trailing_comma 2:22-2:23 Trailing comma removed',
      'python_literal 3:12-3:16 Python/JavaScript literal replaced by its JSON spelling',
    ]);
    assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));

    const fixes = await quickFixes(uri, diags[1]!.range);
    const fix = fixes.find((a) => a.title === 'Fix: Trailing comma removed');
    assert.ok(fix?.edit, `no quick fix among ${fixes.map((f) => f.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.getText(), '{\n  name: "Ada",\n  "langs": ["en", "fr"],\n  "active": True\n}\n');
    const after = await waitForDiagnostics(uri, (d) => d.length === 2);
    assert.deepEqual(after.map((d) => String(d.code)), ['unquoted_key', 'python_literal']);
  });

  it('repairs the whole document with one action and the diagnostics clear', async () => {
    const editor = await writeAndOpen(dir, 'whole.json', BROKEN);
    const uri = editor.document.uri;
    const diags = await waitForDiagnostics(uri, (d) => d.length === 3);
    const whole = (await quickFixes(uri, diags[0]!.range)).find((a) => a.title === 'Repair whole document (3 fixes)');
    assert.ok(whole?.edit);
    assert.ok(await vscode.workspace.applyEdit(whole.edit));
    assert.equal(editor.document.getText(), '{\n  "name": "Ada",\n  "langs": ["en", "fr"],\n  "active": true\n}\n');
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('closes a truncated document with one fix for the whole tail', async () => {
    const editor = await writeAndOpen(dir, 'truncated.json', '{"items": [{"id": 1, "name": "Wid');
    const uri = editor.document.uri;
    const diags = await waitForDiagnostics(uri, (d) => d.length > 0);
    const fix = (await quickFixes(uri, diags[0]!.range)).find((a) => a.title.startsWith('Close the truncated JSON') || a.title.startsWith('Fix: '));
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.getText(), '{"items": [{"id": 1, "name": "Wid"}]}');
  });

  it('checks untitled JSON editors too', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": 1,}' });
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length === 1);
    assert.deepEqual(diags.map(brief), ['trailing_comma 0:7-0:8 Trailing comma removed']);
  });

  it('clears the diagnostics when the document is closed for the server (here: it stops being JSON)', async () => {
    // Closing an editor does not close its document right away (VS Code keeps the model a while), but a
    // language change makes the client send didClose at once.
    const editor = await writeAndOpen(dir, 'closing.json', '[1, 2,]');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length === 1);
    await vscode.languages.setTextDocumentLanguage(editor.document, 'plaintext');
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });
});
