/**
 * Live diagnostics and the output panel's think-block lines, read through the UI against the engine: a
 * JSON file with a think block before it and repairs inside is opened with Quick Open, typed into, and
 * the Problems panel's rows and the editor's squiggles are read; each row is the engine's repair (its
 * message, kind and 1-based line and column) or stripped span. The "StreamFix" output panel's line for a
 * request whose answer opens with a think block gives the block's size, start, end and first line as the
 * engine's stripped span of that answer.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { repairJson } from '../../../shared/engine';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { getApi, postChat, scratchDir, waitForDiagnostics } from './helpers';
import { texts, ui } from './ui';

const DOC = "<think>check the keys</think>\n{\n  name: \"Ada\",\n  \"langs\": [\"en\", \"fr\",],\n  \"active\": True\n}\n";

/** 0-based line and column of `offset` in `text`. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, column: before.at(-1)!.length };
}

/** The Problems panel's StreamFix rows, as shown (message, source, code, position); VS Code's own JSON
 * checker reports its problems there too (the think block is no JSON to it), left out here. */
async function problemRows(): Promise<string[]> {
  const all = (await texts(undefined, '.markers-panel .monaco-list-row')).map((t) => t.replace(/\u00a0/g, ' '));
  return all.filter((t) => /streamfix[a-z_]+\[Ln \d+, Col \d+\]$/.test(t));
}

/** A diagnostic's row in the Problems panel. */
const row = (d: vscode.Diagnostic): string => `${d.message}streamfix${String(d.code)}[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`;

describe('live diagnostics and the output panel against the engine (through the UI)', () => {
  let dir: string;
  before(async () => {
    await (await getApi()).whenRunning();
    await ui({ op: 'command', title: 'View: Close All Editors' });
    dir = scratchDir();
  });
  after(async () => {
    await ui({ op: 'command', title: 'View: Close All Editors' });
  });

  it("the Problems panel and the squiggles show the engine's repairs and stripped spans, and follow an edit", async function () {
    this.timeout(120_000);
    const name = `live-${Date.now().toString(36)}.json`;
    const file = path.join(dir, name);
    fs.writeFileSync(file, DOC);
    const uri = vscode.Uri.file(file);
    // opened as a person opens it: Quick Open, its name, Enter
    await ui({ op: 'command', title: 'Go to File...' });
    await ui({ op: 'fill', selector: '.quick-input-widget input', value: name });
    await ui({ op: 'waitFor', selector: '.quick-input-list .monaco-list-row', hasText: name });
    await ui({ op: 'press', selector: '.quick-input-widget input', key: 'Enter' });
    await ui({ op: 'waitFor', selector: '.tab.active', hasText: name });

    // the engine's findings on the document
    const r = repairJson(DOC);
    assert.deepEqual(r.repairs.map((x) => [x.kind, x.line, x.column, x.message]), [
      ['unquoted_key', 2, 2, 'Unquoted key quoted'],
      ['trailing_comma', 3, 22, 'Trailing comma removed'],
      ['python_literal', 4, 12, 'Python/JavaScript literal replaced by its JSON spelling'],
    ]);
    assert.deepEqual(r.stripped.map((s) => [s.kind, s.offset, s.length]), [['reasoning', 0, 29]]);
    const diags = await waitForDiagnostics(uri, (d) => d.length === r.repairs.length + 1);
    const spans = diags.map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]);
    assert.deepEqual(spans, [
      ['reasoning', 0, 0, 0, 29, 'Reasoning block before the JSON value is not JSON'],
      ...r.repairs.map((x) => [x.kind, x.line, x.column, x.line, x.column + x.length, x.message]),
    ]);

    // the Problems panel, as a person reads it
    await ui({ op: 'command', title: 'View: Focus Problems (Errors, Warnings, Infos)' });
    await ui({ op: 'waitFor', selector: '.markers-panel .monaco-list-row', hasText: 'Trailing comma removed' });
    const rows = await problemRows();
    assert.deepEqual(rows, diags.map(row));
    assert.deepEqual(rows, [
      'Reasoning block before the JSON value is not JSONstreamfixreasoning[Ln 1, Col 1]',
      'Unquoted key quotedstreamfixunquoted_key[Ln 3, Col 3]',
      'Trailing comma removedstreamfixtrailing_comma[Ln 4, Col 23]',
      'Python/JavaScript literal replaced by its JSON spellingstreamfixpython_literal[Ln 5, Col 13]',
    ]);
    // one warning squiggle per StreamFix finding in the editor (VS Code's JSON checker draws an error one)
    const squiggles = await texts(undefined, '.editor-group-container.active .monaco-editor .view-overlays .squiggly-warning');
    assert.equal(squiggles.length, diags.length);

    // an edit: the trailing comma removed by hand (End of line 4, two Backspaces and the "]," typed again);
    // the panel follows the engine's findings on the new text
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    await ui({ op: 'click', selector: '.editor-group-container.active .monaco-editor .view-line', hasText: '"langs"' });
    await ui({ op: 'press', key: 'End' });
    await ui({ op: 'press', key: 'Backspace' });
    await ui({ op: 'press', key: 'Backspace' });
    await ui({ op: 'press', key: 'Backspace' });
    await ui({ op: 'press', key: ']' });
    await ui({ op: 'press', key: ',' });
    const edited = DOC.replace('"fr",],', '"fr"],');
    for (let i = 0; i < 100 && editor.document.getText() !== edited; i++) await new Promise((res) => setTimeout(res, 50));
    assert.equal(editor.document.getText(), edited);
    const r2 = repairJson(edited);
    const after = await waitForDiagnostics(uri, (d) => d.length === r2.repairs.length + 1);
    assert.deepEqual(after.map((d) => [String(d.code), d.message]), [['reasoning', 'Reasoning block before the JSON value is not JSON'], ...r2.repairs.map((x) => [x.kind, x.message])]);
    for (let i = 0; i < 100 && (await problemRows()).some((t) => t.startsWith('Trailing comma removed')); i++) await new Promise((res) => setTimeout(res, 100));
    assert.deepEqual(await problemRows(), after.map(row));
    await ui({ op: 'command', title: 'File: Revert File' });
  });

  it("the output panel's think-block line is the engine's stripped span of the answer", async function () {
    this.timeout(120_000);
    const api = await getApi();
    const info = await api.whenRunning();
    await ui({ op: 'command', title: 'StreamFix: Show Output' });
    const res = await postChat(info.url, { model: 'demo/reasoning-think', stream: true, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'a book' }] });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    // the engine on the answer the upstream sent: one think block, where and how long
    const spans = repairJson(a.rawContent).stripped.filter((s) => s.kind === 'reasoning');
    assert.equal(spans.length, 1);
    const s = spans[0]!;
    const block = a.rawContent.slice(s.offset, s.offset + s.length);
    assert.equal(block, s.text);
    const start = lineCol(a.rawContent, s.offset);
    const end = lineCol(a.rawContent, s.offset + s.length);
    const first = block.replace(/^<think>/, '').replace(/<\/think>$/, '').trim().split('\n')[0]!.trim();
    const shownFirst = first.length > 80 ? `${first.slice(0, 79)}…` : first;
    const want = `${a.id} reasoning stripped: ${Buffer.byteLength(block)} bytes at ${start.line + 1}:${start.column + 1}–${end.line + 1}:${end.column + 1}: '${shownFirst}'`;
    let shown = '';
    for (let i = 0; i < 100 && !shown.includes(want); i++) {
      shown = (await texts(undefined, '.part.panel .monaco-editor .view-lines .view-line')).join('').replace(/\u00a0/g, ' ');
      if (!shown.includes(want)) await new Promise((res2) => setTimeout(res2, 100));
    }
    assert.equal(shown.includes(want), true, `no line ${JSON.stringify(want)} in:\n${shown}`);
    // and the panel line is the artifact's: what the engine stripped is what the artifact says was stripped
    assert.deepEqual(a.stripped.filter((x) => x.kind === 'reasoning').map((x) => [x.offset, x.length, x.text]), [[s.offset, s.length, s.text]]);
  });
});
