/**
 * With an upstream of the suite's own (a loopback HTTP server here, set as streamfix.upstreamBaseUrl, which
 * restarts the daemon): a 10 MB answer opens in the inspector capped, and StreamFix Chat shows an upstream
 * 401 and an open circuit breaker (HTTP 503) in the conversation with the actions that fix them, clicked.
 * The setting is restored afterwards (the daemon goes back to the embedded demo).
 */
import { strict as assert } from 'node:assert';
import type * as http from 'node:http';
import * as vscode from 'vscode';
import { RAW_SHOWN } from '../../../client/inspectorView';
import { timelineChart } from '../../../client/timelineChart';
import { DEMO_SCENARIOS } from '../../../server/demo/scenarios';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact, GatewayInfo } from '../../../shared/protocol';
import { chunk, useFakeUpstream } from './fakeUpstream';
import type { Answer, FakeUpstream } from './fakeUpstream';
import { getApi, postChat } from './helpers';
import { inspectArtifact, sendPrompt, texts, ui } from './ui';

const BIG_PIECE = 16 * 1024;
const BIG_PIECES = 640; // 10 MB of content
const MODELS = ['fake/big', 'fake/401', 'fake/500', 'fake/stall', 'fake/cut-n2', 'fake/json-n2'];
/** fake/stall: pieces 20 ms apart, then a 600 ms stall before the last two. */
const STALL_MS = 600;
const STALL_GAPS = [20, 20, 20, 20, 20, STALL_MS, 20, 0];

/** The suite's upstream: a 10 MB answer, upstream errors, a stall, two choices. */
const answer: Answer = ({ model }, res) => {
  if (model === 'fake/401') {
    res.writeHead(401, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ error: { message: 'No auth credentials found', code: 401 } }));
  }
  if (model === 'fake/500') {
    res.writeHead(500, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ error: { message: 'Internal Server Error', code: 500 } }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (model === 'fake/stall') return void stallingAnswer(res, model);
  if (model === 'fake/cut-n2') return void res.end(cutAnswer(model));
  if (model === 'fake/json-n2') return void res.end(twoJsonAnswers(model));
  const piece = 'x'.repeat(BIG_PIECE);
  let i = 0;
  const write = (): void => {
    while (i < BIG_PIECES) {
      const ok = res.write(chunk(model, { content: piece }));
      i++;
      if (!ok) return void res.once('drain', write);
    }
    res.end(chunk(model, {}, 'stop') + 'data: [DONE]\n\n');
  };
  write();
};

const stallPiece = (model: string, i: number): string => {
  const last = i === STALL_GAPS.length - 1;
  return chunk(model, { content: `part ${i} ` }, last ? 'stop' : null) + (last ? 'data: [DONE]\n\n' : '');
};

/** fake/cut-n2: two choices, each stopped at the token limit inside its tool call's arguments. */
function cutAnswer(model: string): string {
  const event = (index: number, delta: unknown, finish: string | null = null): string => chunk(model, delta, finish, index);
  const call = (index: number, args: string): unknown => ({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_${index}`, type: 'function', function: { name: 'write_file', arguments: args } }] });
  return event(0, call(0, '{"path": "a.txt", "content": "hel')) + event(1, call(1, '{"path": "b.txt", "cont')) + event(0, {}, 'length') + event(1, {}, 'length') + 'data: [DONE]\n\n';
}

/** n = 2, choice 1 sent first: choice 0 valid JSON (finish stop), choice 1 single-quoted with a trailing
 * comma (finish length). */
function twoJsonAnswers(model: string): string {
  const event = (index: number, delta: unknown, finish: string | null = null): string => chunk(model, delta, finish, index);
  return event(1, { role: 'assistant', content: "{'b': 2,}" }) + event(0, { role: 'assistant', content: '{"a": 1}' }) + event(1, {}, 'length') + event(0, {}, 'stop') + 'data: [DONE]\n\n';
}

async function stallingAnswer(res: http.ServerResponse, model: string): Promise<void> {
  for (const [i, gap] of STALL_GAPS.entries()) {
    res.write(stallPiece(model, i));
    await new Promise((r) => setTimeout(r, gap));
  }
  res.end();
}

/** Clicks the inspector's Copy repaired JSON; what reached the clipboard. */
async function copiedRepaired(): Promise<string> {
  await vscode.env.clipboard.writeText('-');
  await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="copyRepaired"]' });
  for (let i = 0; i < 100 && (await vscode.env.clipboard.readText()) === '-'; i++) await new Promise((r) => setTimeout(r, 50));
  return vscode.env.clipboard.readText();
}


/** Asks in Answer mode; the turn ends in an error. */
async function askInChat(model: string, prompt: string): Promise<void> {
  await ui({ op: 'command', title: 'StreamFix: Open Chat' });
  await sendPrompt(model, 'answer', prompt, 'error');
}

describe('an upstream of our own: a 10 MB answer and upstream errors (through the UI)', () => {
  let up: FakeUpstream;
  let info: GatewayInfo;
  before(async () => {
    up = await useFakeUpstream(MODELS, answer);
    info = up.info;
  });
  after(() => up.close());

  it('opens a 10 MB answer in the inspector capped, saying how much is not shown', async function () {
    this.timeout(180_000);
    const api = await getApi();
    const res = await postChat(info.url, { model: 'fake/big', stream: true, messages: [{ role: 'user', content: 'everything' }] }, { 'x-streamfix-mode': 'strip' });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    assert.equal(a.timeline!.entries.reduce((n, e) => n + e[1], 0) > BIG_PIECE * BIG_PIECES, true);
    await inspectArtifact(a.id);
    assert.ok(a.rawContent.length > RAW_SHOWN, `the stored raw content has ${a.rawContent.length} characters`);
    // of the 10 MB sent, not of the head and tail the artifact kept
    const sent = BIG_PIECE * BIG_PIECES;
    const cut = { at: a.rawContent.length / 2, chars: sent - a.rawContent.length };
    assert.deepEqual(a.cuts, [{ field: 'rawContent', ...cut }, { field: 'repairedContent', ...cut }]);
    assert.deepEqual(await texts('inspector', '#raw p.note'), [`${sent - RAW_SHOWN} more characters not shown (the inspector shows the first ${RAW_SHOWN} of ${sent}).`]);
    const shown = (await texts('inspector', 'pre.raw'))[0]!;
    assert.equal(shown.length, RAW_SHOWN);
  });

  it('draws an upstream stall in the timeline chart as a band with its gap', async () => {
    const api = await getApi();
    const res = await postChat(info.url, { model: 'fake/stall', stream: true, messages: [{ role: 'user', content: 'slowly' }] }, { 'x-streamfix-mode': 'strip' });
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    const chart = timelineChart(a)!;
    // the stall the upstream made: the one gap of at least half the pause it injected. A busy machine can
    // add stalls of its own between the pieces sent 20 ms apart (one of 101.7 ms was drawn at load 9, over
    // 4x the median and 50 ms): the chart draws them too, but none comes near the injected pause
    const made = chart.stalls.filter((s) => s.gapMs >= STALL_MS / 2);
    assert.equal(made.length, 1, chart.summary);
    // what came after it is exactly the two pieces sent after the pause (pieces 20 ms apart are usually one
    // read each, but a busy machine may read two at once: the test does not count reads)
    const after = chart.bars.filter((b) => b.at >= made[0]!.to).reduce((n, b) => n + b.bytes, 0);
    assert.equal(after, Buffer.byteLength(stallPiece('fake/stall', 6) + stallPiece('fake/stall', 7)));
    // a read's time is when the gateway got to it: the gap is the pause give or take that delay (a late read
    // of the piece before the pause shortens it)
    assert.ok(made[0]!.gapMs > STALL_MS - 100, chart.summary);
    await inspectArtifact(a.id);
    // every stall the chart found is drawn with its label (the injected one, and any the machine added)
    assert.deepEqual(await texts('inspector', '#timeline svg.chart rect.stall title'), chart.stalls.map((s) => s.label));
    assert.deepEqual(await texts('inspector', '#timeline figcaption'), [chart.summary]);
    const n = chart.stalls.length;
    assert.equal(chart.summary.includes(`; ${n} ${n === 1 ? 'stall' : 'stalls'} (gap over 4× the median): `), true, chart.summary);
  });

  it('names the cut tool calls of every choice in the inspector (n = 2, close mode)', async () => {
    const api = await getApi();
    const res = await postChat(info.url, { model: 'fake/cut-n2', stream: true, n: 2, messages: [{ role: 'user', content: 'write both' }] });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    assert.deepEqual(a.truncatedToolCalls, [0, { choice: 1, index: 0 }]);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', 'dd[data-field="cut-tool-calls"]'), ['choice 0: #0 · choice 1: #0 (the upstream stopped inside their arguments)']);
    assert.deepEqual(await texts('inspector', '.tool-call h3'), ['#0 write_file (call_0) · TRUNCATED · cut']);
    assert.deepEqual(await texts('inspector', '.tool-call.truncated h3'), ['#0 write_file (call_0) · TRUNCATED · cut']);
  });

  it("shows a later choice's content and repairs in the inspector, chosen with the choice selector (n = 2)", async () => {
    const api = await getApi();
    const res = await postChat(info.url, { model: 'fake/json-n2', stream: true, n: 2, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'two answers' }] });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    assert.equal(a.rawContent, '{"a": 1}');
    assert.deepEqual(a.choices!.map((c) => [c.index, c.status, c.rawContent, c.repairedContent, c.repairs.map((r) => [r.kind, r.offset])]), [
      [1, 'REPAIRED', "{'b': 2,}", '{"b": 2}', [['single_quotes', 1], ['single_quotes', 3], ['trailing_comma', 7]]],
    ]);
    await inspectArtifact(a.id);
    // each choice with its own verdict (choice 0's is the artifact's choiceStatus), the status the worst of them
    assert.equal(a.choiceStatus, 'VALID');
    assert.deepEqual(await texts('inspector', '#choices button'), ['Choice 0 · ✓ VALID', 'Choice 1 · ✎ REPAIRED']);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['✎ REPAIRED (the worst of the 2 choices)']);
    assert.deepEqual(await texts('inspector', '.choice-summary'), ['Choice 0: repair · VALID · finish stop']);
    // every choice's finish reason, and the diff names the choice it opens
    assert.deepEqual(await texts('inspector', 'dd[data-field="finish"]'), [`choice 0: stop · choice 1: length · ${a.createdAt}`]);
    assert.deepEqual(await texts('inspector', 'button[data-action="diff"]'), ['Raw vs repaired diff (choice 0)']);
    // choice 0 first, as for one choice
    assert.deepEqual(await texts('inspector', 'pre.raw'), ['{"a": 1}']);
    assert.deepEqual(await texts('inspector', '.marks li'), ['No repairs and nothing stripped.']);
    await ui({ op: 'click', frame: 'inspector', selector: 'button[data-choice="1"]' });
    await ui({ op: 'waitFor', frame: 'inspector', selector: '.choice-summary', hasText: 'Choice 1' });
    assert.deepEqual(await texts('inspector', '.choice-summary'), ['Choice 1: repair · REPAIRED · finish length']);
    assert.deepEqual(await texts('inspector', 'button[data-action="diff"]'), ['Raw vs repaired diff (choice 1)']);
    assert.deepEqual(await texts('inspector', 'pre.raw'), ["{'b': 2,}"]);
    assert.deepEqual(await texts('inspector', 'pre.raw mark.repair'), ["'", "'", ',']);
    assert.deepEqual(await texts('inspector', '.marks li button'), [
      'single_quotes at 1: Single quotes replaced by double quotes',
      'single_quotes at 3: Single quotes replaced by double quotes',
      'trailing_comma at 7: Trailing comma removed',
    ]);
    assert.deepEqual(await texts('inspector', 'pre.repaired'), ['{"b": 2}']);
    // Copy repaired JSON copies the choice shown
    assert.equal(await copiedRepaired(), '{"b": 2}');
    // and back
    await ui({ op: 'click', frame: 'inspector', selector: 'button[data-choice="0"]' });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'pre.raw', hasText: '{"a": 1}' });
    assert.deepEqual(await texts('inspector', '.choice-summary'), ['Choice 0: repair · VALID · finish stop']);
    assert.equal(await copiedRepaired(), '{"a": 1}');
    // the diff of the choice shown: choice 1's raw and repaired content, named in the tab
    await ui({ op: 'click', frame: 'inspector', selector: 'button[data-choice="1"]' });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'button[data-action="diff"]', hasText: '(choice 1)' });
    await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="diff"]' });
    await ui({ op: 'waitFor', selector: '.tab.active', hasText: `${a.id}: raw ↔ repaired (choice 1)` });
    // the diff tab as the extension host sees it (its tab groups follow the workbench's DOM a moment later)
    const diffsOf = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs.map((t) => t.input))
        .filter((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.original.path.startsWith(`/${a.id}/`));
    for (let i = 0; i < 100 && diffsOf().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const diffs = diffsOf();
    assert.deepEqual(diffs.map((i) => [i.original.path, i.modified.path]), [[`/${a.id}/choice-1/raw.txt`, `/${a.id}/choice-1/repaired.json`]]);
    const input = diffs[0]!;
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), "{'b': 2,}");
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), '{"b": 2}');
    await ui({ op: 'command', title: 'View: Close All Editors' });
  });

  it('shows an upstream 401 in the conversation with Set Key and Retry; Retry asks the upstream again', async () => {
    const api = await getApi();
    await askInChat('fake/401', 'Who am I?');
    const turn = api.testing.chatView.snapshot.turns.at(-1)!;
    assert.deepEqual(await texts('chat', '.turn:last-child .error .message'), [turn.error!.message]);
    assert.equal(turn.error!.message, 'The upstream refused the API key (HTTP 401): No auth credentials found');
    assert.deepEqual(await texts('chat', '.turn:last-child .error button'), ['Set Key', 'Retry']);
    assert.equal(up.calls('fake/401'), 1);
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .error button', hasText: 'Retry' });
    for (let i = 0; i < 100 && up.calls('fake/401') === 1; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(up.calls('fake/401'), 2);
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.error .error .message', hasText: 'HTTP 401' });
  });

  it('shows an open circuit breaker (HTTP 503) with Retry, which the breaker answers without asking the upstream', async () => {
    const api = await getApi();
    // five upstream failures in a row open the model's breaker
    for (let i = 0; i < 5; i++) assert.equal((await postChat(info.url, { model: 'fake/500', messages: [{ role: 'user', content: 'x' }] })).status, 500);
    await askInChat('fake/500', 'Are you there?');
    const turn = api.testing.chatView.snapshot.turns.at(-1)!;
    assert.match(turn.error!.message, /^The gateway is not sending requests to this model right now \(HTTP 503, circuit breaker open\): /);
    assert.deepEqual(await texts('chat', '.turn:last-child .error .message'), [turn.error!.message]);
    assert.deepEqual(await texts('chat', '.turn:last-child .error button'), ['Retry']);
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .error button', hasText: 'Retry' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.error .error .message', hasText: 'HTTP 503' });
    assert.equal(up.calls('fake/500'), 5);
  });
});

describe('StreamFix Chat with the daemon down (through the UI)', () => {
  const G = vscode.ConfigurationTarget.Global;

  it('shows the daemon down with Restart Daemon and Retry: Restart restarts it, Retry answers once it runs', async () => {
    const api = await getApi();
    await api.whenRunning();
    const config = vscode.workspace.getConfiguration('streamfix');
    const seen: string[] = [];
    const sub = api.onDidChangeState((s) => seen.push(s.kind === 'failed' ? `failed: ${s.reason}` : s.kind));
    try {
      // a setting the daemon refuses: it stops and cannot start again
      await config.update('allowedOrigins', ['not an origin'], G);
      await assert.rejects(api.whenRunning(), /allowed origin must look like/);
      await askInChat('demo/clean', 'Still there?');
      assert.deepEqual(await texts('chat', '.turn:last-child .error .message'), ['The StreamFix daemon is not running (failed). Restart it, then retry.']);
      assert.deepEqual(await texts('chat', '.turn:last-child .error button'), ['Restart Daemon', 'Retry']);

      seen.length = 0;
      await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .error button', hasText: 'Restart Daemon' });
      for (let i = 0; i < 200 && !seen.some((s) => s.startsWith('failed')); i++) await new Promise((r) => setTimeout(r, 50));
      // the restart ran, and failed for the same reason (the setting is still wrong)
      assert.equal(seen[0], 'starting');
      assert.match(seen.at(-1)!, /^failed: .*allowed origin must look like/);
    } finally {
      sub.dispose();
      await config.update('allowedOrigins', undefined, G);
    }
    await api.whenRunning();
    await ui({ op: 'click', frame: 'chat', selector: '.turn:last-child .error button', hasText: 'Retry' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: 'Still there?' });
    const turn = api.testing.chatView.snapshot.turns.at(-1)!;
    assert.equal(turn.answer, DEMO_SCENARIOS.find((s) => s.id === 'demo/clean')!.content);
  });
});
