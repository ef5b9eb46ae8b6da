/**
 * StreamFix Chat, driven through the UI as a person would: the command palette opens the view, the model
 * and mode are picked in its selects, the prompt typed and sent with Enter, buttons clicked. What the
 * view shows is read from its DOM (inside the webview's iframe).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { findScenario } from '../../../server/demo/scenarios';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { getApi } from './helpers';
import { texts, ui } from './ui';

const REPAIRED = '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}';
const PY_REPAIRED = '{"user": "grace", "admin": true, "suspended": false, "manager": null, "scores": [98, 87.5]}';
const REASONING = 'The user asked for a person record. I will answer in JSON with name, birth year, languages and a flag.';
const JSON_PROMPT = 'A person record, please';
const STOP_PROMPT = 'Tell me everything about Ada Lovelace';

async function ask(model: string, mode: 'answer' | 'json', prompt: string): Promise<void> {
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  await ui({ op: 'select', frame: 'chat', selector: '#mode', value: mode });
  await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: prompt });
  await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
}

describe('StreamFix Chat (through the UI)', () => {
  before(async () => {
    const api = await getApi();
    await api.whenRunning();
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    // the picker is filled from the gateway's /v1/models
    await ui({ op: 'waitFor', frame: 'chat', selector: '#model option[value="demo/fenced-prose"]', state: 'attached' });
    await ui({ op: 'click', frame: 'chat', selector: '#new' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn', state: 'detached' });
  });

  it('offers the demo models and the default model, marked as needing a key', async () => {
    // an earlier suite may have changed the default model and reset it: the picker follows the setting
    await ui({ op: 'waitFor', frame: 'chat', selector: '#model option:nth-child(2)[value="demo/clean"]', state: 'attached' });
    const options = await texts('chat', '#model option');
    assert.deepEqual(options.slice(0, 2), ['openai/gpt-4o-mini (needs an OpenRouter API key)', 'demo/clean']);
    assert.ok(options.includes('demo/reasoning-think'), options.join(', '));
  });

  it('follows the default model setting: a new default is offered, and goes once the setting is reset', async () => {
    const config = vscode.workspace.getConfiguration('streamfix');
    const option = '#model option[value="anthropic/claude-3.5-sonnet"]';
    await config.update('defaultModel', 'anthropic/claude-3.5-sonnet', vscode.ConfigurationTarget.Global);
    try {
      await ui({ op: 'waitFor', frame: 'chat', selector: option, state: 'attached' });
      assert.deepEqual(await texts('chat', option), ['anthropic/claude-3.5-sonnet (needs an OpenRouter API key)']);
    } finally {
      await config.update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
    }
    await ui({ op: 'waitFor', frame: 'chat', selector: option, state: 'detached' });
    const options = await texts('chat', '#model option');
    assert.deepEqual(options.slice(0, 2), ['openai/gpt-4o-mini (needs an OpenRouter API key)', 'demo/clean']);
  });

  it('streams a JSON answer token by token that ends as valid, repaired JSON with a repairs badge', async () => {
    const api = await getApi();
    await ask('demo/python-literals', 'json', 'A user record, please');
    // part of the answer is on screen while the turn is still streaming
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn.streaming .answer code', hasText: '"user"' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'A user record, please' });
    const answer = (await texts('chat', '.turn:last-child .answer code'))[0]!;
    assert.equal(answer, PY_REPAIRED + '\n');
    assert.deepEqual(JSON.parse(answer), { user: 'grace', admin: true, suspended: false, manager: null, scores: [98, 87.5] });
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['repaired: 12 single quotes, 3 Python literals, 1 trailing comma']);
    const turn = api.testing.chatView.snapshot.turns.at(-1)!;
    assert.equal(turn.answer, PY_REPAIRED);
    const artifact = await api.testing.request<Artifact>(GetArtifactMethod, { id: turn.requestId });
    assert.equal(artifact.mode, 'repair');
    assert.equal(artifact.status, 'REPAIRED');
    assert.ok(artifact.chunks.client > 5, `the answer came in ${artifact.chunks.client} chunks`);
  });

  it('shows the reasoning in a collapsed thinking section above the JSON answer', async () => {
    await ask('demo/fenced-prose', 'json', JSON_PROMPT);
    // the new turn is the last one once its prompt shows there; done once the answer ended
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: JSON_PROMPT });
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), [REPAIRED + '\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['repaired: 2 trailing commas; stripped a code fence, surrounding text']);
    assert.deepEqual(await texts('chat', '.turn:last-child .thinking .reasoning'), [REASONING]);
    // the thinking section starts collapsed
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child .thinking .reasoning', state: 'hidden' });
  });

  it('copies a code block with its Copy button', async () => {
    await vscode.env.clipboard.writeText('');
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .code-tools button[data-copy]' });
    for (let i = 0; i < 50 && (await vscode.env.clipboard.readText()) === ''; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await vscode.env.clipboard.readText(), REPAIRED + '\n');
  });

  it('opens the answer\'s artifact from the badge', async () => {
    const api = await getApi();
    const id = api.testing.chatView.snapshot.turns.at(-1)!.requestId!;
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .badge' });
    await ui({ op: 'waitFor', selector: '.tab.active', hasText: id });
    // the inspector shows it (and has taken the focus, which a palette opened earlier would lose)
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: id });
  });

  it('stops a streaming answer, which aborts the upstream request', async () => {
    const api = await getApi();
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ask('demo/fenced-prose', 'answer', STOP_PROMPT);
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn.streaming' });
    await ui({ op: 'click', frame: 'chat', selector: '#stop' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn.stopped', hasText: STOP_PROMPT });
    const turn = api.testing.chatView.snapshot.turns.at(-1)!;
    assert.equal(turn.state, 'stopped');
    assert.ok(turn.requestId, 'the request had started');
    assert.equal(await api.testing.waitForFinished(turn.requestId!), true);
    const artifact = await api.testing.request<Artifact>(GetArtifactMethod, { id: turn.requestId });
    assert.equal(artifact.status, 'CLIENT_ABORTED');
    assert.ok(!turn.answer.includes('Let me know if you need anything else!'), 'the answer ran to its end');
    // the view can ask again
    await ui({ op: 'waitFor', frame: 'chat', selector: '#send:not([disabled])' });
  });

  it('shows a missing key as an error in the conversation, with Set Key', async () => {
    await ask('openai/gpt-4o-mini', 'answer', 'hello');
    const message = 'No OpenRouter API key is set, so "openai/gpt-4o-mini" cannot answer (without a key only the demo/* models do). Set a key, or pick a demo model.';
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn.error .error .message', hasText: message });
    assert.deepEqual(await texts('chat', '.turn.error .error button'), ['Set Key']);
    await ui({ op: 'click', frame: 'chat', selector: '.turn.error .error button', hasText: 'Set Key' });
    // the key's input box opens in the workbench; Escape leaves the key unset
    await ui({ op: 'waitFor', selector: '.quick-input-widget', hasText: 'OpenRouter API key' });
    await ui({ op: 'press', key: 'Escape' });
    await ui({ op: 'waitFor', selector: '.quick-input-widget', state: 'hidden' });
  });

  it('keeps the conversation when the view is hidden and shown again', async () => {
    await ui({ op: 'command', title: 'View: Close Primary Side Bar' });
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn.done .prompt', hasText: JSON_PROMPT });
    assert.deepEqual(await texts('chat', '.turn .prompt'), ['YouA user record, please', `You${JSON_PROMPT}`, `You${STOP_PROMPT}`, 'Youhello']);
    // and after a window reload (checked by the runner once the suite has passed: a reload ends it)
    await ui({ op: 'checkAfterReload', name: 'StreamFix Chat shows the conversation again', openCommand: 'StreamFix: Open Chat', frame: 'chat', selector: '.turn.done .answer code', hasText: '"Ada Lovelace"' });
  });

  it('says under a JSON answer what the check found ("failed" when it holds no JSON, "truncated" when cut off), and under any answer cut at the token limit that it was', async () => {
    const text = findScenario('demo/msg-text')!.content!;
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ask('demo/msg-text', 'json', 'Words, not JSON');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Words, not JSON' });
    // the answer as sent (there was nothing to repair), and a badge that does not call it valid
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), [text + '\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['failed: no JSON in the answer, shown as sent']);
    await ask('demo/truncated', 'json', 'Items, cut off');
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Items, cut off' });
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['truncated: cut off, closed with 1 unclosed string, 1 unclosed bracket']);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), ['cut off: the model reached its token limit']);
    // (Answer mode: chatCut.ui.test.ts, after the Models view's health figures are checked)
  });
});
