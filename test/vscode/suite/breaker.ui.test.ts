/**
 * A model's circuit breaker in the status bar, through the UI: a stand-in upstream on loopback fails until
 * the daemon's breaker for the model opens (the daemon the extension starts reads its thresholds from the
 * environment it inherits), the status bar item says so; the upstream recovers, the probe after the
 * cool-down closes the breaker, and the item is back to the port and repair count.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { getApi, postChat } from './helpers';
import { ui } from './ui';

const G = vscode.ConfigurationTarget.Global;
const MODEL = 'test/breaker';
// The cool-down must outlast the three requests that open the breaker and see it refuse (under load they
// took over 1 s when the status bar wait came between them); the recovery loop below waits up to 10 s.
const ENV = { STREAMFIX_BREAKER_FAILURES: '2', STREAMFIX_BREAKER_COOLDOWN_MS: '4000' };

describe('circuit breaker in the status bar (through the UI)', () => {
  let upstream: Server;
  let failing = true;
  let base = '';

  before(async () => {
    upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (failing) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'stand-in upstream down', type: 'server_error', code: 500 } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'cmpl-1', object: 'chat.completion', created: 1, model: MODEL, choices: [{ index: 0, message: { role: 'assistant', content: '{"ok": true}' }, finish_reason: 'stop' }] }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    Object.assign(process.env, ENV);
    const api = await getApi();
    const running = new Promise<void>((resolve) => {
      const sub = api.onDidChangeState((s) => {
        if (s.kind === 'running' && s.info.upstream === base) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.workspace.getConfiguration('streamfix').update('upstreamBaseUrl', base, G);
    await running;
  });

  after(async () => {
    for (const k of Object.keys(ENV)) delete process.env[k];
    await vscode.workspace.getConfiguration('streamfix').update('upstreamBaseUrl', undefined, G);
    upstream.close();
    const info = await (await getApi()).whenRunning();
    assert.equal(info.demo, true);
  });

  it('shows the open breaker, then the normal item once the probe closes it', async () => {
    const api = await getApi();
    const info = await api.whenRunning();
    const ask = () => postChat(info.url, { model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((await ask()).status, 500);
    assert.equal((await ask()).status, 500);
    // refused at once, asked before the UI wait (a breaker goes half-open only when a request arrives after
    // the cool-down, so the status bar below still says open however long the UI takes)
    const refused = await ask();
    assert.equal(refused.status, 503);
    assert.equal((JSON.parse(refused.text) as { error: { code: string } }).error.code, 'circuit_open');
    await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: `StreamFix: breaker open (${MODEL})` });
    assert.equal(api.testing.statusText(), `$(warning) StreamFix: breaker open (${MODEL})`);

    failing = false;
    // refused at once until the cool-down (4 s) has passed; then this request is the probe, and succeeds
    let r = await ask();
    for (let i = 0; i < 100 && r.status === 503; i++) {
      await new Promise((res) => setTimeout(res, 100));
      r = await ask();
    }
    assert.equal(r.status, 200);
    await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: `StreamFix :${info.port} · ` });
    assert.match(api.testing.statusText(), new RegExp(`^\\$\\(check\\) StreamFix :${info.port} · \\d+ repairs?$`));
    await ui({ op: 'waitFor', selector: '.statusbar-item', hasText: 'breaker open', state: 'detached' });
  });
});
