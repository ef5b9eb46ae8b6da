/**
 * A daemon that exits at start for a reason no setting names, through the UI: it crashes at start (an
 * uncaught error, given it here by a NODE_OPTIONS preload in the environment the daemon inherits), and
 * its storage is unusable (the artifact store's lock in the extension's global storage is a directory).
 * Each: one notification saying why in the daemon's own words (not the tail of a stack trace), with Show
 * Log and Restart (no setting to open); not also the language client's notification; no unhandled
 * rejection in the extension host; once the cause is gone, Restart in the notification runs the daemon.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getApi, nextState } from './helpers';
import { notifications, texts, ui } from './ui';

const ITEM = '.notifications-center .notification-list-item';
const CRASH = 'simulated crash at start';

/** The daemon log's lines as the panel shows them, once every one of `want` is there. */
async function logShows(want: string[]): Promise<string> {
  let log = '';
  for (let i = 0; i < 100 && !want.every((w) => log.includes(w)); i++) {
    log = (await texts(undefined, '.part.panel .monaco-editor .view-lines .view-line')).join('').replace(/\u00a0/g, ' ');
    if (!want.every((w) => log.includes(w))) await new Promise((r) => setTimeout(r, 100));
  }
  for (const w of want) assert.ok(log.includes(w), `the daemon log shows:\n${log}`);
  return log;
}

describe('the daemon exits at start for a reason no setting names (through the UI)', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  const savedOptions = process.env.NODE_OPTIONS;
  const crashFile = path.join(os.tmpdir(), `streamfix-crash-${process.pid}.js`);
  let lockDir = '';

  /** The daemon started with NODE_OPTIONS preloading a script that throws. */
  function crashing(on: boolean): void {
    if (on) process.env.NODE_OPTIONS = `--require ${crashFile}`;
    else if (savedOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = savedOptions;
  }

  /** Restart Daemon from the palette; resolves once it failed. */
  async function restartFailing(): Promise<void> {
    const api = await getApi();
    const failed = nextState(api, 'failed');
    await ui({ op: 'command', title: 'StreamFix: Restart Daemon' });
    await failed;
  }

  /** The one notification and its buttons, the status bar, no rejection. */
  async function saysOnly(reason: string, shot: string): Promise<void> {
    const api = await getApi();
    assert.deepEqual(api.testing.state(), { kind: 'failed', reason });
    // the language client's own notification would come a moment later: give it the time
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await notifications(), [`StreamFix: the daemon is not running: ${reason}`]);
    assert.deepEqual(await texts(undefined, `${ITEM} .monaco-button`), ['Show Log', 'Restart']);
    await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: 'StreamFix: failed' });
    await ui({ op: 'screenshot', name: shot });
    assert.deepEqual(rejections, []);
  }

  before(async () => {
    fs.writeFileSync(crashFile, `throw new Error(${JSON.stringify(CRASH)});\n`);
    const api = await getApi();
    await api.whenRunning();
    lockDir = path.join(api.testing.dataDir(), 'daemon.lock');
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
    process.on('unhandledRejection', onRejection);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    crashing(false);
    fs.rmSync(crashFile, { force: true });
    if (lockDir !== '' && fs.existsSync(lockDir) && fs.statSync(lockDir).isDirectory()) fs.rmdirSync(lockDir);
    const api = await getApi();
    if (api.testing.state().kind !== 'running') {
      const running = nextState(api, 'running');
      await ui({ op: 'command', title: 'StreamFix: Restart Daemon' });
      await running;
    }
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });

  it('crashes at start: one notification quoting the uncaught error, Show Log and Restart; the log has the stack; Restart once the cause is gone runs it', async () => {
    crashing(true);
    try {
      await restartFailing();
    } finally {
      // only the daemon's start was to see it
      crashing(false);
    }
    await saysOnly(`it crashed at start: Error: ${CRASH}`, 'daemon-crashes-at-start');

    const running = nextState(await getApi(), 'running');
    await ui({ op: 'click', selector: `${ITEM} .monaco-button`, hasText: 'Restart' });
    await running;
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(rejections, []);
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });

  it('its storage is unusable (the artifact lock is a directory): one notification with the daemon\'s words naming the path, Show Log and Restart; the log has its line', async () => {
    // stop it (a crash at start), then put a directory where its lock file goes
    crashing(true);
    try {
      await restartFailing();
    } finally {
      crashing(false);
    }
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
    fs.rmSync(lockDir, { force: true });
    fs.mkdirSync(lockDir);

    await restartFailing();
    const says = `could not start: Path is a directory: rm returned EISDIR (is a directory) ${lockDir}`;
    await saysOnly(says, 'daemon-storage-unusable');

    await ui({ op: 'click', selector: `${ITEM} .monaco-button`, hasText: 'Show Log' });
    await logShows([`streamfix: ${says}`]);

    fs.rmdirSync(lockDir);
    const running = nextState(await getApi(), 'running');
    await ui({ op: 'command', title: 'StreamFix: Restart Daemon' });
    await running;
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(rejections, []);
  });
});
