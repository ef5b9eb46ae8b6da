import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { GatewayInfoMethod } from '../../../shared/protocol';
import type { GatewayInfo } from '../../../shared/protocol';
import { getApi } from './helpers';

describe('activation', () => {
  it('activates on startup and starts the daemon on a loopback port with the demo upstream', async () => {
    const api = await getApi();
    const info = await api.whenRunning();
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(info.demo, true);
    assert.equal(api.gatewayUrl(), info.url);
    assert.equal(api.token(), undefined);
    assert.match(api.testing.statusText(), new RegExp(`^\\$\\(check\\) StreamFix :${info.port} · \\d+ repairs?$`));
    const again = await api.testing.request<GatewayInfo>(GatewayInfoMethod);
    assert.deepEqual(again, info);
  });

  it('copies the gateway URL', async () => {
    const api = await getApi();
    const url = await vscode.commands.executeCommand<string>('streamfix.copyGatewayUrl');
    assert.equal(url, api.gatewayUrl());
    assert.equal(await vscode.env.clipboard.readText(), url);
  });

  it('restarts the daemon on command and runs again', async () => {
    const api = await getApi();
    const states: string[] = [];
    const sub = api.onDidChangeState((s) => states.push(s.kind));
    await vscode.commands.executeCommand('streamfix.restartDaemon');
    sub.dispose();
    assert.deepEqual(states, ['stopped', 'starting', 'running']);
    assert.equal(api.testing.state().kind, 'running');
  });
});
