import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { getApi } from './helpers';

const G = vscode.ConfigurationTarget.Global;

describe('daemon lifecycle', () => {
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
