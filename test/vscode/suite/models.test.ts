import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { getApi } from './helpers';

const CLEAN = '{\n  "city": "Zürich",\n  "country": "Switzerland",\n  "population": 443037,\n  "landmarks": ["Grossmünster", "Lake Zürich"],\n  "weather": "🌤 mild"\n}';

describe('language model provider', () => {
  it('offers the gateway models and streams an answer through the gateway', async () => {
    const api = await getApi();
    await api.whenRunning();
    const provider = api.testing.modelProvider;
    const token = new vscode.CancellationTokenSource().token;
    const models = await provider.provideLanguageModelChatInformation({ silent: true }, token);
    assert.deepEqual(models.map((m) => m.id).sort(), [
      'demo/clean',
      'demo/fenced-prose',
      'demo/msg-text',
      'demo/msg-thinking',
      'demo/msg-tools',
      'demo/python-literals',
      'demo/reasoning-think',
      'demo/stutter',
      'demo/tool-call-broken',
      'demo/truncated',
    ]);
    const clean = models.find((m) => m.id === 'demo/clean')!;
    assert.equal(clean.name, 'demo/clean (StreamFix)');
    const parts: unknown[] = [];
    await provider.provideLanguageModelChatResponse(clean, [{ role: 1, content: 'a city as JSON' }], {}, { report: (p) => parts.push(p) }, token);
    const text = parts.map((p) => (typeof p === 'string' ? p : (p as { value: string }).value)).join('');
    assert.equal(text, CLEAN);
    assert.equal(await provider.provideTokenCount(clean, 'abcdefgh', token), 2);
  });
});
