import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { getApi, postChat } from './helpers';

describe('Set OpenRouter API Key', () => {
  let upstream: Server;
  const seen: { path: string; authorization: string | undefined }[] = [];

  before(async () => {
    // A stand-in upstream on loopback that records what the daemon sends it.
    upstream = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'cmpl-1', object: 'chat.completion', created: 1, model: 'test/model',
          choices: [{ index: 0, message: { role: 'assistant', content: '{"ok": true,}' }, finish_reason: 'stop' }],
        }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('streamfix');
    await config.update('upstreamBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('streamfix.setApiKey', '');
    upstream.close();
    const info = await (await getApi()).whenRunning();
    assert.equal(info.demo, true, 'removing the key brings the demo back');
  });

  it('stores the key in SecretStorage and the restarted daemon sends it upstream', async () => {
    const api = await getApi();
    const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    await vscode.workspace.getConfiguration('streamfix').update('upstreamBaseUrl', base, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('streamfix.setApiKey', 'sk-or-test-key-123'), true);
    const info = await api.whenRunning();
    assert.equal(info.demo, false);
    assert.equal(info.upstream, base);
    const res = await postChat(info.url, { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } });
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(res.text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, '{"ok": true}');
    // The model picker may also have asked for /v1/models by now; every request must carry the key.
    assert.deepEqual(seen.filter((r) => r.path === '/v1/chat/completions'), [{ path: '/v1/chat/completions', authorization: 'Bearer sk-or-test-key-123' }]);
    assert.deepEqual(seen.filter((r) => r.authorization !== 'Bearer sk-or-test-key-123'), []);
  });

  it('removing the stored key leaves the streamfix.apiKey setting\'s key in use (the message says so)', async () => {
    const api = await getApi();
    const config = vscode.workspace.getConfiguration('streamfix');
    await config.update('apiKey', 'sk-or-setting-key-456', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand('streamfix.setApiKey', ''), true);
      const info = await api.whenRunning();
      assert.equal(info.demo, false);
      seen.length = 0;
      const res = await postChat(info.url, { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(res.status, 200);
      assert.deepEqual(seen.filter((r) => r.path === '/v1/chat/completions'), [{ path: '/v1/chat/completions', authorization: 'Bearer sk-or-setting-key-456' }]);
    } finally {
      await config.update('apiKey', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
