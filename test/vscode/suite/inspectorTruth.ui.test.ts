/**
 * The inspector's counts of what it does not show, against what the upstream sent, through the UI: an
 * upstream of the suite's own (a loopback server set as streamfix.upstreamBaseUrl) sends a 1 MiB answer
 * that opens with right-to-left text and control characters (the artifact keeps its head and tail, the
 * inspector its first 200,000 characters), 100,000 characters of reasoning, and a 60,000-character JSON
 * answer. Each page says how many characters it leaves out of the text the upstream sent, not of the
 * copy the artifact kept.
 */
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RAW_SHOWN, TEXT_SHOWN } from '../../../client/inspectorView';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact, GatewayInfo } from '../../../shared/protocol';
import { getApi, postChat, useUpstream } from './helpers';
import { texts, ui } from './ui';

const MODELS = ['fake/mib', 'fake/long-thought', 'fake/long-json'];
const ODD = 'RTL \u202Eevil.exe\u202C · עברית · العربية · ctrl \u0001\u0007\u001b[31mred\u001b[0m · tab\there · e\u0301\n';
/** 1 MiB: numbered lines after the odd opening, so a splice would show. */
const MIB = (() => {
  let s = ODD;
  for (let i = 0; s.length < 1024 * 1024; i++) s += `line ${String(i).padStart(6, '0')}: the quick brown fox\n`;
  return s.slice(0, 1024 * 1024);
})();
const THOUGHT = Array.from({ length: 5000 }, (_, i) => `step ${String(i).padStart(4, '0')}: think.\n`).join('');
const LONG_JSON = `{"items": [${Array.from({ length: 6000 }, (_, i) => `"${String(i).padStart(5, '0')}"`).join(', ')}]}`;

function event(model: string, delta: unknown, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

function pieces(model: string, key: 'content' | 'reasoning', text: string, size: number): string {
  let out = '';
  for (let i = 0; i < text.length; i += size) out += event(model, { [key]: text.slice(i, i + size) });
  return out;
}

function startUpstream(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: MODELS.map((id) => ({ id, object: 'model' })) }));
      }
      const model = String((JSON.parse(Buffer.concat(parts).toString('utf8')) as { model?: unknown }).model);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let body = event(model, { role: 'assistant', content: '' });
      if (model === 'fake/mib') body += pieces(model, 'content', MIB, 16 * 1024);
      else if (model === 'fake/long-thought') body += pieces(model, 'reasoning', THOUGHT, 4096) + event(model, { content: '{"done": true}' });
      else body += pieces(model, 'content', LONG_JSON, 4096);
      res.end(body + event(model, {}, 'stop') + 'data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` })));
}


describe('the inspector says how much of what the upstream sent it does not show (through the UI)', () => {
  let up: Awaited<ReturnType<typeof startUpstream>>;
  let info: GatewayInfo;
  before(async () => {
    up = await startUpstream();
    info = await useUpstream(up.url);
  });
  after(async () => {
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await useUpstream(undefined);
    await new Promise((r) => up.server.close(r));
  });

  async function open(model: string, mode: string, extra: object = {}): Promise<Artifact> {
    const api = await getApi();
    const res = await postChat(info.url, { model, stream: true, messages: [{ role: 'user', content: 'go' }], ...extra }, { 'x-streamfix-mode': mode });
    assert.equal(res.status, 200);
    assert.equal(await api.testing.waitForFinished(res.id!), true);
    const a = await api.testing.request<Artifact>(GetArtifactMethod, { id: res.id });
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    await ui({ op: 'click', selector: `.monaco-list-row[aria-label*="${a.id}"]` });
    await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: a.id });
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
});
