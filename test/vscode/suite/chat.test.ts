import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { getApi } from './helpers';

/** A ChatResponseStream that records what the participant streams (the chat UI itself is not drivable). */
class RecordingStream {
  readonly markdown: string[] = [];
  readonly buttons: vscode.Command[] = [];
  readonly stream = {
    markdown: (v: string | vscode.MarkdownString) => this.markdown.push(typeof v === 'string' ? v : v.value),
    button: (c: vscode.Command) => this.buttons.push(c),
    anchor: () => undefined,
    filetree: () => undefined,
    progress: () => undefined,
    reference: () => undefined,
    push: () => undefined,
  } as unknown as vscode.ChatResponseStream;
}

const REPAIRED = '{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French"],\n  "active": false\n}';

describe('@streamfix chat participant', () => {
  it('streams the repaired JSON answer, then the repairs and a button to the artifact', async () => {
    const api = await getApi();
    await api.whenRunning();
    const rec = new RecordingStream();
    const request = { prompt: 'A person record, please', command: 'json', references: [] } as unknown as vscode.ChatRequest;
    const token = new vscode.CancellationTokenSource().token;
    const result = (await api.testing.chatHandler(request, { history: [] }, rec.stream, token)) as vscode.ChatResult;
    assert.equal(result.errorDetails, undefined);
    const text = rec.markdown.join('');
    // The default model is not a demo model and no key is set: the demo answers, and says so.
    const note = '_No OpenRouter API key is set, so the embedded demo answers as `demo/fenced-prose`._\n\n';
    assert.ok(text.startsWith(note + '```json\n' + REPAIRED + '\n```\n'), text);
    assert.ok(rec.markdown.length > 4, 'the answer was not streamed in pieces');
    assert.equal(result.metadata?.content, REPAIRED);
    const id = result.metadata?.requestId as string;
    assert.match(text, /\*\*StreamFix\*\* REPAIRED · model demo\/fenced-prose · mode repair/);
    // the chat badge's words: what the check found (before, "Repaired: …" from the engine's summary, which said
    // "No repairs needed" under a strip-mode text and a FAILED answer too)
    assert.match(text, /\n\nrepaired: 2 trailing commas; stripped a code fence, surrounding text\n\n- line 7, column 36: Trailing comma removed\n- line 8, column 18: Trailing comma removed\n/);
    assert.deepEqual(rec.buttons[0], { command: 'streamfix.openArtifact', title: 'Open Artifact', arguments: [id] });
  });

  it('answers with a clear error when the gateway refuses the model', async () => {
    const api = await getApi();
    await api.whenRunning();
    const config = vscode.workspace.getConfiguration('streamfix');
    await config.update('defaultModel', 'demo/no-such-model', vscode.ConfigurationTarget.Global);
    try {
      const rec = new RecordingStream();
      const request = { prompt: 'hi', command: undefined, references: [] } as unknown as vscode.ChatRequest;
      const result = (await api.testing.chatHandler(request, { history: [] }, rec.stream, new vscode.CancellationTokenSource().token)) as vscode.ChatResult;
      assert.match(result.errorDetails?.message ?? '', /^StreamFix: gateway answered 404: "demo\/no-such-model" is not a demo model/);
    } finally {
      await config.update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
