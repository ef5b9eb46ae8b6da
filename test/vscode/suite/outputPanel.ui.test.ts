/**
 * The "StreamFix" output panel, read as a person reads it: the lines of a request with a think block and
 * of one with repairs, then a repair line's `[open in inspector]` link, Ctrl+clicked, opens the inspector.
 */
import { strict as assert } from 'node:assert';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { getApi, postChat } from './helpers';
import { texts, ui } from './ui';

async function request(model: string): Promise<Artifact> {
  const api = await getApi();
  const info = await api.whenRunning();
  const res = await postChat(info.url, { model, stream: true, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: `Answer as ${model}` }] });
  assert.equal(res.status, 200);
  assert.equal(await api.testing.waitForFinished(res.id!), true);
  return api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
}

/** The panel's visible text: view lines joined (a wrapped line is several), the editor's spaces made plain. */
async function panelText(): Promise<string> {
  return (await texts(undefined, '.part.panel .monaco-editor .view-lines .view-line')).join('').replace(/\u00a0/g, ' ');
}

async function waitForPanelText(part: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = await panelText();
    if (text.includes(part)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the output panel never showed ${JSON.stringify(part)}; it shows:\n${text}`);
}

describe('the output panel (through the UI)', () => {
  before(async () => {
    await ui({ op: 'command', title: 'View: Close All Editors' });
  });

  it("shows a think block's size, place and first line, and each repair with a link that opens the inspector", async () => {
    const api = await getApi();
    // the panel is a few lines high and follows the end of the log: read each request's lines as they come
    await ui({ op: 'command', title: 'StreamFix: Show Output' });
    const think = await request('demo/reasoning-think');
    await waitForPanelText(`${think.id} reasoning stripped: 155 bytes at 1:1–4:9: 'The user wants a JSON object describing a book. I need "title", "author" and a …'`);
    const fixed = await request('demo/python-literals');
    const r = fixed.repairs.at(-1)!;
    const last = `${fixed.id} repair ${r.kind} at ${r.line + 1}:${r.column + 1}: ${r.message} [open in inspector]`;
    const shown = await waitForPanelText(`${fixed.id} finished REPAIRED: ${fixed.repairs.length} repairs,`);
    assert.ok(shown.includes(last), `no line ${JSON.stringify(last)} in:\n${shown}`);

    await ui({ op: 'click', selector: '.part.panel .monaco-editor .detected-link', hasText: 'inspector', last: true, modifiers: ['Control'] });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: fixed.id });
    assert.equal(api.testing.inspector.currentId, fixed.id);
  });
});
