/**
 * A daemon that keeps its artifacts in memory only, through the UI. Its data directory's writer slots
 * (`daemon.lock`, `daemon-2.lock` … `daemon-8.lock`) are held by a live process, as other windows' daemons
 * hold them, and the daemon is restarted from the palette: the status bar's text and tooltip, StreamFix
 * Chat's foot, the Artifacts view's row and the inspector say the artifact is in memory only. With the
 * slots free again and another restart, the status bar says the port again.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getApi, nextState } from './helpers';
import { askChat, inspectArtifact, texts, ui } from './ui';

const SLOTS = ['daemon.lock', ...[2, 3, 4, 5, 6, 7, 8].map((k) => `daemon-${k}.lock`)];

/** A lock naming this process (the extension host): alive, with its start time as a daemon's lock
 * records it (server/gateway/artifactLock.ts), so the daemon respects it. */
function ownLock(): string {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  return `${process.pid}\nproc:${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}\n`;
}

async function restart(): Promise<void> {
  const api = await getApi();
  const running = nextState(api, 'running');
  await ui({ op: 'command', title: 'StreamFix: Restart Daemon' });
  await running;
}

describe('a daemon that keeps its artifacts in memory only (through the UI)', () => {
  let dir = '';
  const lock = ownLock();
  before(async () => {
    const api = await getApi();
    await api.whenRunning();
    dir = api.testing.dataDir();
    await ui({ op: 'command', title: 'View: Close All Editors' });
    // the running daemon holds daemon.lock: its owner is replaced (a daemon removes only a lock naming itself)
    for (const f of SLOTS) fs.writeFileSync(path.join(dir, f), lock);
    await restart();
  });
  after(async () => {
    for (const f of SLOTS) {
      const file = path.join(dir, f);
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === lock) fs.rmSync(file);
    }
    await restart();
  });

  it('the status bar says so, with the daemon\'s problem in its tooltip; the chat\'s foot, the row and the inspector say the answer\'s artifact is in memory only', async () => {
    const api = await getApi();
    const state = api.testing.state();
    assert.equal(state.kind, 'running');
    const problem = state.kind === 'running' ? state.info.storeProblem : null;
    assert.match(problem ?? '', /^artifact directory .* is in use by 8 other StreamFix daemons \(pid (\d+, ){7}\d+\), the most that write to one directory: this daemon keeps its artifacts in memory only/);
    await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: 'StreamFix: artifacts in memory only' });
    await ui({ op: 'hover', selector: '.statusbar-item', hasText: 'StreamFix: artifacts in memory only' });
    await ui({ op: 'waitFor', selector: '.monaco-hover', hasText: 'The daemon is degraded' });
    const tip = (await texts(undefined, '.monaco-hover')).filter((t) => t.includes('The daemon is degraded')).join('\n');
    assert.equal(
      tip,
      `The daemon is degraded: ${problem}\nWhile this lasts, each response says x-streamfix-artifact: memory-only and its artifact is lost when the daemon restarts (GET /health lists the problem).\nClick for the daemon's log.`,
    );

    const a = await askChat('demo/clean', 'json', 'Kept in memory only');
    assert.equal(a.memoryOnly, true);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .memory-only'), ['artifact in memory only: lost when the daemon restarts']);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', 'dd[data-field="stored"]'), ['in memory only (its response said x-streamfix-artifact: memory-only): lost when the daemon restarts']);
    const row = await texts(undefined, `.monaco-list-row[aria-label*="${a.id}"]`);
    assert.deepEqual(row, [`demo/cleanVALID · 0 repairs · ${Math.round(a.timings.totalMs)} ms · memory only`]);
  });
});
