/** The "Route your AI tools through StreamFix" walkthrough, opened and used from the Welcome page. */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { clientSnippet } from '../../../client/clientSnippets';
import { getApi } from './helpers';
import { ui } from './ui';

describe('the client set-up walkthrough (through the UI)', () => {
  it('opens from the palette and its copy buttons copy the set-up with the live gateway URL', async () => {
    const api = await getApi();
    const info = await api.whenRunning();
    await ui({ op: 'command', title: 'Welcome: Open Walkthrough...' });
    await ui({ op: 'fill', selector: '.quick-input-widget input', value: 'Route your AI tools through StreamFix' });
    await ui({ op: 'waitFor', selector: '.quick-input-list .monaco-list-row.focused', hasText: 'Route your AI tools through StreamFix' });
    await ui({ op: 'press', key: 'Enter' });
    for (const step of ['Route the terminal', 'Continue', 'Cline / Roo Code', 'The openai and Anthropic SDKs', 'Claude Code']) {
      await ui({ op: 'waitFor', selector: '.getting-started-step', hasText: step });
    }
    await ui({ op: 'click', selector: '.getting-started-step', hasText: 'Cline / Roo Code' });
    // The walkthrough expands the step at once but focuses it only once its animation is over (a timer in
    // selectStep), and the focus can scroll the steps: a click on the copy button before that could land
    // where the button no longer is (the clipboard then read back "-"). So: click once the step has focus.
    await ui({ op: 'waitFor', selector: '.getting-started-step.expanded:focus', hasText: 'Cline / Roo Code' });
    await vscode.env.clipboard.writeText('-');
    await ui({ op: 'click', selector: '.getting-started-step.expanded a, .getting-started-step.expanded .monaco-button', hasText: 'Copy Cline settings' });
    let copied = '-';
    for (let i = 0; i < 100 && copied === '-'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      copied = await vscode.env.clipboard.readText();
    }
    assert.equal(copied, clientSnippet('cline', info.url, 'openai/gpt-4o-mini', null));
    assert.match(copied, new RegExp(`Base URL: ${info.url.replace(/\/v1$/, '')}/v1\\n`));
  });
});
