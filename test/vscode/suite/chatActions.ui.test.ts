/**
 * StreamFix Chat's ties to the editor, through the UI: a code block's Insert button puts the code at the
 * cursor of the editor that was active, and the editor's selection, attached with the "Selection" box,
 * reaches the gateway with the prompt. Runs after chatView.ui (whose conversation it adds to, never
 * clears: the runner checks that conversation after a reload).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { DEMO_SCENARIOS } from '../../../server/demo/scenarios';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { getApi } from './helpers';
import { texts, ui } from './ui';

async function ask(model: string, mode: 'answer' | 'json', prompt: string): Promise<void> {
  await ui({ op: 'command', title: 'StreamFix: Open Chat' });
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  await ui({ op: 'select', frame: 'chat', selector: '#mode', value: mode });
  await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: prompt });
  await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
  await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: prompt });
}

/** An untitled editor with `text`, its selection from `from` to `to` (offsets). */
async function editorWith(text: string, from: number, to: number): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  editor.selection = new vscode.Selection(doc.positionAt(from), doc.positionAt(to));
  return editor;
}

describe('StreamFix Chat and the editor (through the UI)', () => {
  // the fenced block of demo/fenced-prose, as an answer (strip mode) shows it: not repaired
  const content = DEMO_SCENARIOS.find((s) => s.id === 'demo/fenced-prose')!.content!;
  const block = content.slice(content.indexOf('```json\n') + 8, content.lastIndexOf('```'));

  it("inserts a code block at the active editor's cursor with the Insert button", async () => {
    const editor = await editorWith('before|after', 7, 7);
    await ask('demo/fenced-prose', 'answer', 'Show me the record as a code block');
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), [block]);
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .code-tools button[data-insert]' });
    for (let i = 0; i < 100 && editor.document.getText() === 'before|after'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(editor.document.getText(), `before|${block}after`);
  });

  it('sends the editor selection with the prompt when "Selection" is ticked', async () => {
    const api = await getApi();
    const text = 'const answer = 42;\nfunction ask() { return answer; }\n';
    const editor = await editorWith(text, 19, 52);
    const file = editor.document.uri.path.split('/').pop()!; // Untitled-N
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ui({ op: 'click', frame: 'chat', selector: '#attach' });
    try {
      await ask('demo/clean', 'answer', 'What does ask return?');
    } finally {
      await ui({ op: 'click', frame: 'chat', selector: '#attach' });
    }
    const turn = api.testing.chatView.snapshot.turns.at(-1)!;
    assert.deepEqual(turn.context, { file, text: 'function ask() { return answer; }' });
    // what the gateway received: the artifact keeps the request body as sent
    const artifact = await api.testing.request<Artifact>(GetArtifactMethod, { id: turn.requestId });
    const messages = (artifact.request?.body as { messages: { role: string; content: string }[] }).messages;
    assert.deepEqual(messages.at(-1), {
      role: 'user',
      content: `What does ask return?\n\nContext (selection from ${file}):\n\`\`\`\nfunction ask() { return answer; }\n\`\`\``,
    });
  });
});
