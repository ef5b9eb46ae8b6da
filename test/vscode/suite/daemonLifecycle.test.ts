import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { getApi, postChat, sseContent } from './helpers';

const G = vscode.ConfigurationTarget.Global;

/** The daemon: the child of this extension host that runs the bundled dist/main.js. */
function daemonPid(): number {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
  const own = rows.map((r) => r.trim().split(/\s+/)).filter(([, ppid, ...args]) => Number(ppid) === process.pid && args.join(' ').includes('main.js'));
  assert.equal(own.length, 1, `one daemon child of ${process.pid}: ${JSON.stringify(own)}`);
  return Number(own[0]![0]);
}

describe('daemon lifecycle', () => {
  it('restarts a daemon that was killed, says so while it is down, and the next request is repaired', async () => {
    const api = await getApi();
    await api.whenRunning();
    const before = daemonPid();
    const seen: string[] = [];
    const sub = api.onDidChangeState((s) => seen.push(s.kind === 'failed' ? `failed: ${s.reason}` : s.kind));
    try {
      process.kill(before, 'SIGKILL');
      const deadline = Date.now() + 20_000;
      while (!(seen.includes('running') && api.testing.state().kind === 'running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      sub.dispose();
    }
    assert.deepEqual(seen, ['failed: the daemon exited unexpectedly; restarting it in 1 s', 'starting', 'running']);
    const after = daemonPid();
    assert.notEqual(after, before);
    const info = await api.whenRunning();
    const res = await postChat(info.url, { model: 'demo/python-literals', stream: true, messages: [{ role: 'user', content: 'a record' }] }, { 'x-streamfix-mode': 'repair' });
    assert.equal(res.status, 200);
    JSON.parse(sseContent(res.text));
    assert.equal(await api.testing.waitForFinished(res.id!), true);
  });

  it('falls back to a free port when the configured one is taken, and says which', async () => {
    const api = await getApi();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as AddressInfo).port;
    const config = vscode.workspace.getConfiguration('streamfix');
    try {
      await config.update('gatewayPort', taken, G);
      const info = await api.whenRunning();
      assert.notEqual(info.port, taken);
      const state = api.testing.state();
      assert.equal(state.kind === 'running' && state.fallbackFrom, taken);
      assert.equal(api.testing.statusText().startsWith(`$(check) StreamFix :${info.port} · `), true);
    } finally {
      await config.update('gatewayPort', undefined, G);
      blocker.close();
    }
    await api.whenRunning();
  });

  it('shows the reason when the daemon cannot start, and recovers once the setting is fixed', async () => {
    const api = await getApi();
    const config = vscode.workspace.getConfiguration('streamfix');
    try {
      await config.update('allowedOrigins', ['not an origin'], G);
      await assert.rejects(api.whenRunning(), /allowed origin must look like/);
      const state = api.testing.state();
      assert.equal(state.kind, 'failed');
      assert.equal(api.testing.statusText(), '$(error) StreamFix: failed');
      assert.equal(api.gatewayUrl(), undefined);
    } finally {
      await config.update('allowedOrigins', undefined, G);
    }
    const info = await api.whenRunning();
    assert.equal(api.gatewayUrl(), info.url);
  });
});
