/**
 * The Artifacts view, through the UI: the newest request is on screen when a person asks for the view,
 * whatever row they opened before (the tree keeps its selected row in view, and renders only the rows in
 * view: the newer rows, above it, were neither shown nor in the DOM).
 */
import { strict as assert } from 'node:assert';
import { getApi, postChat } from './helpers';
import { askChat, inspectArtifact, texts, ui } from './ui';

const row = (id: string) => `.monaco-list-row[aria-label*="${id}"]`;
/** The Artifacts view's header (its description says how many rows arrived above the selected one). */
const HEADER = '.pane-header[aria-label^="Artifacts"]';
const NEW = `${HEADER} .description`;

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
    // the view says that rows arrived above the one opened (before: nothing did)
    await ui({ op: 'waitFor', selector: NEW, hasText: '16 new', timeoutMs: 10_000 });
    assert.deepEqual(await texts(undefined, NEW), ['16 new']);
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    // the newest revealed: nothing is new
    await ui({ op: 'waitFor', selector: NEW, hasText: 'new', state: 'detached' });
    // before: the view kept the opened row in view, the 16 newer ones above it scrolled out (not in the DOM)
    await ui({ op: 'waitFor', selector: row(newest), timeoutMs: 10_000 });
    await ui({ op: 'click', selector: row(newest) });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: newest });
  });

  it('counts the rows that arrive above the selected row as "N new" until the view is refreshed or the newest row selected', async function () {
    this.timeout(120_000);
    const opened = await request(100);
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    await ui({ op: 'click', selector: row(opened) });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: opened });
    await request(101);
    await request(102);
    await ui({ op: 'waitFor', selector: NEW, hasText: '2 new', timeoutMs: 10_000 });
    assert.deepEqual(await texts(undefined, NEW), ['2 new']);
    // the view's refresh button reveals the newest: cleared
    await ui({ op: 'hover', selector: HEADER });
    await ui({ op: 'click', selector: `${HEADER} .action-label[aria-label="Refresh Artifacts"]` });
    await ui({ op: 'waitFor', selector: NEW, hasText: 'new', state: 'detached' });
    // the row opened is still selected: a later arrival counts again, until the newest row is selected
    const newest = await request(103);
    await ui({ op: 'waitFor', selector: NEW, hasText: '1 new', timeoutMs: 10_000 });
    await ui({ op: 'click', selector: row(newest) });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: newest });
    await ui({ op: 'waitFor', selector: NEW, hasText: 'new', state: 'detached' });
    assert.deepEqual((await texts(undefined, NEW)).filter((t) => t !== ''), []);
  });
});
