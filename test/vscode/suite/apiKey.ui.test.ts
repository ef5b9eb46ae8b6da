/**
 * A key with a character an HTTP header cannot carry (€: shared/apiKeyCheck.ts), through the UI as a person
 * meets it. Typed into "StreamFix: Set OpenRouter API Key": the input box says why and stores nothing.
 * Set where the command cannot check it (the streamfix.apiKey setting): the daemon is not started, and
 * the notification, the status bar and the daemon's log say what is wrong and where the key is set, with
 * the action that fixes it. The key itself is in none of the workbench's text.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { getApi, nextState } from './helpers';
import { notifications, texts, ui } from './ui';

const G = vscode.ConfigurationTarget.Global;
/** The secret part is what must never show; `sk-or-v1-` is every OpenRouter key's start. */
const SECRET = 'caf\u20ac-S3CRETPART0123456789';
const KEY = `sk-or-v1-${SECRET}`;
const PROBLEM = 'holds U+20AC at character 13, which an HTTP header cannot carry (a header value is bytes 0-255 without control characters; OpenRouter keys are ASCII): check the key';

/** The whole workbench page's text (the DOM's text content, shown or not): no part of the key in it. */
async function assertNoKeyShown(where: string): Promise<void> {
  const all = (await texts(undefined, 'body')).join('\n');
  for (const part of [SECRET, 'S3CRETPART', 'caf\u20ac']) assert.equal(all.includes(part), false, `${where}: the page shows ${JSON.stringify(part)}`);
}

describe('an API key an HTTP header cannot carry (through the UI)', () => {
  before(async () => {
    await (await getApi()).whenRunning();
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });

  after(async () => {
    await vscode.workspace.getConfiguration('streamfix').update('apiKey', undefined, G);
    const info = await (await getApi()).whenRunning();
    assert.equal(info.demo, true, 'without the key the demo answers again');
  });

  it('"Set OpenRouter API Key" refuses it as it is typed, says why, and stores nothing', async () => {
    const api = await getApi();
    await ui({ op: 'command', title: 'StreamFix: Set OpenRouter API Key' });
    await ui({ op: 'fill', selector: '.quick-input-widget input', value: KEY });
    await ui({ op: 'waitFor', selector: '.quick-input-widget .quick-input-message', hasText: 'U+20AC' });
    assert.deepEqual(await texts(undefined, '.quick-input-widget .quick-input-message'), [`This key ${PROBLEM}`]);
    // Enter does not take it: the box stays open, the daemon is not restarted
    await ui({ op: 'press', selector: '.quick-input-widget input', key: 'Enter' });
    await ui({ op: 'waitFor', selector: '.quick-input-widget .quick-input-message', hasText: 'U+20AC' });
    await assertNoKeyShown('the input box');
    await ui({ op: 'press', selector: '.quick-input-widget input', key: 'Escape' });
    await ui({ op: 'waitFor', selector: '.quick-input-widget', state: 'hidden' });
    assert.equal(api.testing.state().kind, 'running');
    assert.equal((await api.whenRunning()).demo, true);
    // the command given the key (other extensions, tests) refuses it too
    assert.equal(await vscode.commands.executeCommand('streamfix.setApiKey', KEY), false);
    assert.equal((await notifications())[0], `StreamFix: the API key was not stored: it ${PROBLEM}`);
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
    assert.equal((await api.whenRunning()).demo, true);
  });

  it('set in streamfix.apiKey: the daemon is not started; the notification, status bar and log say what is wrong and where, never the key', async () => {
    const api = await getApi();
    const failed = nextState(api, 'failed');
    await vscode.workspace.getConfiguration('streamfix').update('apiKey', KEY, G);
    await failed;
    const reason = `The streamfix.apiKey setting ${PROBLEM}`;
    assert.deepEqual(api.testing.state(), { kind: 'failed', reason });
    await assert.rejects(api.whenRunning(), (e: Error) => e.message === reason);

    // one notification (not also the language client's "couldn't create connection"), with the action that fixes it
    const shown = await notifications();
    assert.deepEqual(shown, [`StreamFix: the daemon is not running: ${reason}`]);
    const item = '.notifications-center .notification-list-item';
    assert.deepEqual(await texts(undefined, `${item} .monaco-button`), ['Set API Key', 'Show Log']);
    await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: 'StreamFix: failed' });
    assert.equal(api.testing.statusText(), '$(error) StreamFix: failed');
    await assertNoKeyShown('the notification and status bar');

    // Show Log: the daemon's log says why it was not started
    await ui({ op: 'click', selector: `${item} .monaco-button`, hasText: 'Show Log' });
    const want = `[streamfix] not starting the daemon: ${reason}`;
    let log = '';
    for (let i = 0; i < 100 && !log.includes(want); i++) {
      log = (await texts(undefined, '.part.panel .monaco-editor .view-lines .view-line')).join('').replace(/\u00a0/g, ' ');
      if (!log.includes(want)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(log.includes(want), `the daemon log shows:\n${log}`);
    await assertNoKeyShown('the daemon log');
    await ui({ op: 'screenshot', name: 'api-key-refused' });

    const running = nextState(api, 'running');
    await vscode.workspace.getConfiguration('streamfix').update('apiKey', undefined, G);
    await running;
  });
});
