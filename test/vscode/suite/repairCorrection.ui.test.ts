/**
 * Repair JSON Selection, run from the command palette as a person runs it, on a model's answer that
 * corrects its JSON value later: the whole text is there, so the correction replaces the document's
 * text (not the first value), and the notification says what was stripped.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { scratchDir, writeAndOpen } from './helpers';
import { notifications, ui } from './ui';

const ANSWER = '{"city": "Paris", "pop": 2.1}\n\nWait, that\'s wrong, the population is an integer:\n{"city": "Paris", "pop": 2100000}\n';

describe('Repair JSON Selection on an answer that corrects itself (through the UI)', () => {
  before(async () => {
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });

  it('replaces the text with the corrected value, and says the first value was a draft', async () => {
    const editor = await writeAndOpen(scratchDir(), 'corrected-answer.json', ANSWER);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await ui({ op: 'command', title: 'StreamFix: Repair JSON Selection' });
    for (let i = 0; i < 100 && editor.document.getText() === ANSWER; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(editor.document.getText(), '{"city": "Paris", "pop": 2100000}\n');
    let shown: string[] = [];
    for (let i = 0; i < 100; i++) {
      shown = await notifications();
      if (shown.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(shown, ['StreamFix: No repairs needed; stripped surrounding text, a value the text corrected (the correction taken)']);
    await ui({ op: 'command', title: 'File: Revert File' });
  });
});
