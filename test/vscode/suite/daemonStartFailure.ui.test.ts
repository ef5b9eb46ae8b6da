/**
 * A setting the daemon refuses at start, through the UI: one notification with the daemon's own words
 * naming the setting, with Open Settings and Show Log; not also the language client's "couldn't create
 * connection to server", and no unhandled rejection in the extension host. Put right, the daemon runs again.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { getApi, nextState } from './helpers';
import { notifications, texts, ui } from './ui';

const G = vscode.ConfigurationTarget.Global;

const CASES: { setting: string; value: unknown; says: string; click: 'Show Log' | 'Open Settings' }[] = [
  {
    click: 'Show Log',
    setting: 'allowedOrigins',
    value: ['example.com'],
    says: 'allowed origin must look like "https://example.com" (scheme, host, optional port), got "example.com"',
  },
  { click: 'Open Settings', setting: 'upstreamBaseUrl', value: 'ftp://x.test', says: '--upstream must be an http(s) URL, got "ftp://x.test"' },
];

describe('a setting the daemon refuses at start (through the UI)', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };

  before(async () => {
    await (await getApi()).whenRunning();
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
    process.on('unhandledRejection', onRejection);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    for (const c of CASES) await vscode.workspace.getConfiguration('streamfix').update(c.setting, undefined, G);
    await (await getApi()).whenRunning();
  });

  for (const c of CASES) {
    it(`streamfix.${c.setting}: one notification with the daemon's words and the setting, Open Settings and Show Log; nothing else`, async () => {
      const api = await getApi();
      const failed = nextState(api, 'failed');
      await vscode.workspace.getConfiguration('streamfix').update(c.setting, c.value, G);
      await failed;
      const reason = `The streamfix.${c.setting} setting is refused: ${c.says}`;
      assert.deepEqual(api.testing.state(), { kind: 'failed', reason });
      // the language client's own notification would come a moment later: give it the time
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(await notifications(), [`StreamFix: the daemon is not running: ${reason}`]);
      const item = '.notifications-center .notification-list-item';
      assert.deepEqual(await texts(undefined, `${item} .monaco-button`), ['Open Settings', 'Show Log']);
      await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: 'StreamFix: failed' });
      await ui({ op: 'screenshot', name: `daemon-refuses-${c.setting}` });
      assert.deepEqual(rejections, []);

      await ui({ op: 'click', selector: `${item} .monaco-button`, hasText: c.click });
      if (c.click === 'Open Settings') {
        // shows that setting
        await ui({ op: 'waitFor', selector: '.settings-editor .setting-item-contents', hasText: c.setting.replace(/([A-Z])/g, ' $1').replace(/^./, (x) => x.toUpperCase()) });
      } else {
        // the daemon's log: its own line, and the ordinary stop before it said plainly (not the language
        // client's "[Error] Server process exited with code 0")
        const want = [`streamfix: ${c.says}`, '[streamfix] the daemon stopped (exit code 0)'];
        let log = '';
        for (let i = 0; i < 100 && !want.every((w) => log.includes(w)); i++) {
          log = (await texts(undefined, '.part.panel .monaco-editor .view-lines .view-line')).join('').replace(/\u00a0/g, ' ');
          if (!want.every((w) => log.includes(w))) await new Promise((r) => setTimeout(r, 100));
        }
        for (const w of want) assert.ok(log.includes(w), `the daemon log shows:\n${log}`);
        assert.equal(log.includes('exited with code 0'), false, log);
      }
      await ui({ op: 'command', title: 'View: Close All Editors' });
      await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });

      const running = nextState(api, 'running');
      await vscode.workspace.getConfiguration('streamfix').update(c.setting, undefined, G);
      await running;
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(rejections, []);
    });
  }
});
