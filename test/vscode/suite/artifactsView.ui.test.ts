/**
 * The Artifacts view, through the UI: the newest request is on screen when a person asks for the view,
 * whatever row they opened before (the tree keeps its selected row in view, and renders only the rows in
 * view: the newer rows, above it, were neither shown nor in the DOM).
 */
import { strict as assert } from 'node:assert';
import { getApi, postChat } from './helpers';
import { askChat, inspectArtifact, ui } from './ui';

const row = (id: string) => `.monaco-list-row[aria-label*="${id}"]`;

/** A client's request through the gateway (not StreamFix Chat), once the gateway reported it finished. */
async function request(n: number): Promise<string> {
  const api = await getApi();
  const info = await api.whenRunning();
  const res = await postChat(info.url, { model: 'demo/clean', stream: true, messages: [{ role: 'user', content: `outside the chat ${n}` }] });
  assert.equal(res.status, 200);
  assert.equal(await api.testing.waitForFinished(res.id!), true);
  return res.id!;
}

describe('the Artifacts view shows the newest request (through the UI)', () => {
  it('after a row was opened and 16 requests came from outside the chat, Show Artifacts shows the newest at the top, and it opens', async function () {
    // 17 requests and the clicks: 21 s at load 14, over 60 s at load 11-14 with the extension host unresponsive
    this.timeout(180_000);
    await ui({ op: 'command', title: 'View: Close All Editors' });
    // a person asks in the chat (which shares the side bar with the view) and opens that answer's row
    const asked = await askChat('demo/clean', 'json', 'The row opened first');
    await inspectArtifact(asked.id);
    // then a client's requests through the gateway, more than the view has room for
    await Promise.all(Array.from({ length: 15 }, (_, n) => request(n)));
    const newest = await request(15);
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    // before: the view kept the opened row in view, the 16 newer ones above it scrolled out (not in the DOM)
    await ui({ op: 'waitFor', selector: row(newest), timeoutMs: 10_000 });
    await ui({ op: 'click', selector: row(newest) });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: newest });
  });
});
