/**
 * The inspector's counts of what it does not show, against what the upstream sent, through the UI: an
 * upstream of the suite's own (a loopback server set as streamfix.upstreamBaseUrl) sends a 1 MiB answer
 * that opens with right-to-left text and control characters (the artifact keeps its head and tail, the
 * inspector its first 200,000 characters), 100,000 characters of reasoning, and a 60,000-character JSON
 * answer. Each page says how many characters it leaves out of the text the upstream sent, not of the
 * copy the artifact kept.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RAW_SHOWN, TEXT_SHOWN } from '../../../client/inspectorView';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import { chunk, useFakeUpstream } from './fakeUpstream';
import type { Answer, FakeUpstream } from './fakeUpstream';
import { getApi, nextState, postChat } from './helpers';
import { inspectArtifact, texts, ui } from './ui';

const MODELS = ['fake/mib', 'fake/long-thought', 'fake/long-json', 'fake/long-args', 'fake/unread'];
const ODD = 'RTL \u202Eevil.exe\u202C · עברית · العربية · ctrl \u0001\u0007\u001b[31mred\u001b[0m · tab\there · e\u0301\n';
/** 1 MiB: numbered lines after the odd opening, so a splice would show. */
const MIB = (() => {
  let s = ODD;
  for (let i = 0; s.length < 1024 * 1024; i++) s += `line ${String(i).padStart(6, '0')}: the quick brown fox\n`;
  return s.slice(0, 1024 * 1024);
})();
const THOUGHT = Array.from({ length: 5000 }, (_, i) => `step ${String(i).padStart(4, '0')}: think.\n`).join('');
const LONG_JSON = `{"items": [${Array.from({ length: 6000 }, (_, i) => `"${String(i).padStart(5, '0')}"`).join(', ')}]}`;

/** Tool-call arguments: 60,000 characters (the inspector shows 50,000), and 600,000 (the artifact keeps its
 * head and tail, 512 KiB). */
const ARGS = (n: number): string => {
  const items: string[] = [];
  for (let len = 12; len < n; len += 8) items.push(`"${String(items.length).padStart(5, '0')}"`);
  const s = `{"items": [${items.join(',')}]}`;
  return s.length <= n ? s : `{"items": [${items.slice(0, -1).join(',')}]}`;
};
const ARGS_60K = ARGS(60_000);
const ARGS_600K = ARGS(600_000);
/** A non-streaming n = 2 answer: valid JSON, and a choice of index "1" the gateway leaves unread. */
const UNREAD_BODY = { id: 'gen-n', object: 'chat.completion', created: 1, model: 'fake/unread', choices: [
  { index: 0, message: { role: 'assistant', content: '{"a": 1}' }, finish_reason: 'stop' },
  { index: '1', message: { role: 'assistant', content: "{'b': 2}" }, finish_reason: 'stop' },
] };

function pieces(model: string, key: 'content' | 'reasoning', text: string, size: number): string {
  let out = '';
  for (let i = 0; i < text.length; i += size) out += chunk(model, { [key]: text.slice(i, i + size) });
  return out;
}

const answer: Answer = ({ model }, res) => {
  if (model === 'fake/unread') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(UNREAD_BODY));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let body = chunk(model, { role: 'assistant', content: '' });
  if (model === 'fake/mib') body += pieces(model, 'content', MIB, 16 * 1024);
  else if (model === 'fake/long-thought') body += pieces(model, 'reasoning', THOUGHT, 4096) + chunk(model, { content: '{"done": true}' });
  else if (model === 'fake/long-args') {
    for (const [index, args] of [ARGS_60K, ARGS_600K].entries()) {
      body += chunk(model, { tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: 'put', arguments: '' } }] });
      for (let i = 0; i < args.length; i += 8192) body += chunk(model, { tool_calls: [{ index, function: { arguments: args.slice(i, i + 8192) } }] });
    }
    return void res.end(body + chunk(model, {}, 'tool_calls') + 'data: [DONE]\n\n');
  } else body += pieces(model, 'content', LONG_JSON, 4096);
  res.end(body + chunk(model, {}, 'stop') + 'data: [DONE]\n\n');
};

describe('the inspector says how much of what the upstream sent it does not show (through the UI)', () => {
  let up: FakeUpstream;
  before(async () => {
    up = await useFakeUpstream(MODELS, answer);
  });
  after(async () => {
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await up.close();
  });

  async function open(model: string, mode: string, extra: object = {}): Promise<Artifact> {
    const api = await getApi();
    const res = await postChat(up.info.url, { model, stream: model !== 'fake/unread', messages: [{ role: 'user', content: 'go' }], ...extra }, { 'x-streamfix-mode': mode });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    await inspectArtifact(a.id);
    return a;
  }

  it('a 1 MiB answer opening with RTL and control characters: its first 200,000 characters exactly, and the rest of the 1 MiB counted', async function () {
    this.timeout(120_000);
    const a = await open('fake/mib', 'strip');
    // the artifact kept the head and tail, and says so
    assert.equal(a.rawContent.length, 512 * 1024);
    const cut = { at: 256 * 1024, chars: MIB.length - 512 * 1024 };
    assert.deepEqual(a.cuts, [{ field: 'rawContent', ...cut }, { field: 'repairedContent', ...cut }]);
    assert.deepEqual(await texts('inspector', 'pre.raw'), [MIB.slice(0, RAW_SHOWN)]);
    assert.deepEqual(await texts('inspector', '#raw p.note'), [`${MIB.length - RAW_SHOWN} more characters not shown (the inspector shows the first ${RAW_SHOWN} of ${MIB.length}).`]);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['¶ TEXT']);
  });

  it('100,000 characters of reasoning: the summary counts them all, the part not shown is said', async () => {
    const a = await open('fake/long-thought', 'repair');
    assert.equal(a.reasoning, THOUGHT);
    assert.deepEqual(await texts('inspector', '#reasoning summary'), [`Reasoning (${THOUGHT.length} chars)`]);
    assert.deepEqual(await texts('inspector', '#reasoning pre'), [THOUGHT.slice(0, TEXT_SHOWN)]);
    assert.deepEqual(await texts('inspector', '#reasoning p.note'), [`${THOUGHT.length - TEXT_SHOWN} more characters not shown (the inspector shows the first ${TEXT_SHOWN} of ${THOUGHT.length}).`]);
  });

  it('a 54,011-character repaired JSON: the part not shown is said under it', async () => {
    const a = await open('fake/long-json', 'repair');
    assert.equal(a.status, 'VALID');
    assert.equal(a.repairedContent, LONG_JSON);
    assert.deepEqual(await texts('inspector', 'pre.repaired'), [LONG_JSON.slice(0, TEXT_SHOWN)]);
    assert.deepEqual(await texts('inspector', '#repaired p.note'), [`${LONG_JSON.length - TEXT_SHOWN} more characters not shown (the inspector shows the first ${TEXT_SHOWN} of ${LONG_JSON.length}).`]);
  });

  const note = (omitted: number, total: number): string => `${omitted} more characters not shown (the inspector shows the first ${TEXT_SHOWN} of ${total}).`;

  it("tool calls' arguments of 60,000 and 600,000 characters: the part not shown is said under each, counted on what the upstream sent", async function () {
    this.timeout(120_000);
    const a = await open('fake/long-args', 'repair');
    assert.equal(a.status, 'VALID');
    assert.deepEqual(a.toolCalls.map((t) => [t.index, t.status, t.rawArguments.length, t.repairedArguments?.length]), [
      [0, 'VALID', ARGS_60K.length, ARGS_60K.length],
      [1, 'VALID', 512 * 1024, 512 * 1024],
    ]);
    const cut = { at: 256 * 1024, chars: ARGS_600K.length - 512 * 1024 };
    assert.deepEqual(a.cuts, [{ field: 'toolCalls[1].rawArguments', ...cut }, { field: 'toolCalls[1].repairedArguments', ...cut }]);
    assert.deepEqual(await texts('inspector', '.tool-call pre.before'), [ARGS_60K.slice(0, TEXT_SHOWN), ARGS_600K.slice(0, TEXT_SHOWN)]);
    assert.deepEqual(await texts('inspector', '.tool-call pre.after'), [ARGS_60K.slice(0, TEXT_SHOWN), ARGS_600K.slice(0, TEXT_SHOWN)]);
    assert.deepEqual(await texts('inspector', '.tool-call p.note'), [
      note(ARGS_60K.length - TEXT_SHOWN, ARGS_60K.length),
      note(ARGS_60K.length - TEXT_SHOWN, ARGS_60K.length),
      note(ARGS_600K.length - TEXT_SHOWN, ARGS_600K.length),
      note(ARGS_600K.length - TEXT_SHOWN, ARGS_600K.length),
    ]);
  });

  it('n = 2 with a choice left unread: the status says it counts a choice it did not read, choice 0 has its own verdict', async () => {
    const a = await open('fake/unread', 'repair');
    assert.deepEqual([a.status, a.choiceStatus, a.choices, a.unreadChoices], ['TEXT', 'VALID', undefined, 1]);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['¶ TEXT (the worst of the 1 choice read and 1 left unread, which counts as TEXT)']);
    assert.deepEqual(await texts('inspector', '.choice-summary'), ['Choice 0: repair · VALID · finish stop']);
    assert.deepEqual(await texts('inspector', '#errors li'), ['malformed_line Left 1 choice(s) as the upstream sent them, not rewritten or checked: choices[1] has index "1"']);
  });

  it('an artifact from before unreadChoices (migrated from an old data dir): the status names choices left unread without a number', async function () {
    this.timeout(120_000);
    const api = await getApi();
    // the same answer as a daemon between choiceStatus and unreadChoices recorded it: status TEXT over a
    // VALID choice 0 and no count of the choices left unread; put where the first store layout kept it
    const current = await open('fake/unread', 'repair');
    const { unreadChoices, ...old } = { ...current, id: `sfx_legacy${Date.now().toString(36)}` };
    assert.equal(unreadChoices, 1);
    fs.writeFileSync(path.join(api.testing.dataDir(), `${old.id}.json`), JSON.stringify({ format: 1, seq: 1, artifact: old }));
    const restarted = nextState(api, 'running');
    await ui({ op: 'command', title: 'StreamFix: Restart Daemon' });
    await restarted;
    assert.deepEqual(await api.testing.request<Artifact>(GetArtifactMethod, { id: old.id }), old);
    await inspectArtifact(old.id);
    // before: "¶ TEXT" alone beside a VALID choice 0, with no choice-0 line
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['¶ TEXT (the worst of the 1 choice read and of choices left unread, which count as TEXT; this artifact is from before their number was kept)']);
    assert.deepEqual(await texts('inspector', '.choice-summary'), ['Choice 0: repair · VALID · finish stop']);
  });
});
