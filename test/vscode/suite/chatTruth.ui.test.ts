/**
 * The truth of what StreamFix Chat and the artifact inspector show, through the UI, against the artifact
 * the gateway kept: an upstream of the suite's own (a loopback server set as streamfix.upstreamBaseUrl,
 * with a key set in streamfix.apiKey that the upstream echoes back) answers with multi-byte text cut
 * inside its characters, a long answer, a think block, an answer the upstream's filter ended, a prose
 * answer with a code fence in JSON mode, a JSON answer with repairs, and errors that echo the key (a 401
 * and a mid-stream error event, the key also inside error.metadata.raw spelled at the second level).
 * Each: every character of the answer on the page, the labels and counts equal to the artifact's, the
 * key nowhere in either page. The settings are restored afterwards (the daemon back on the demo).
 */
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { GatewayInfo } from '../../../shared/protocol';
import { getApi } from './helpers';
import { askChat, inspectArtifact, texts, ui } from './ui';

const KEY = 'sk-or-v1-truth-trial-0123456789abcdef';
/** The key's secret part: nothing past its public `sk-or-v1-` may be on a page. */
const SECRET = KEY.slice('sk-or-v1-'.length);

const MULTIBYTE = 'Grüße 👋🏽 日本語のテキスト, e\u0301, 🇫🇷 and 𝄞 — the end';
const LONG_LINE = (i: number): string => `Line ${i}: the quick brown fox jumps over the lazy dog; ünïcödé ✓.`;
const LONG = Array.from({ length: 1500 }, (_, i) => LONG_LINE(i)).join('\n\n');
const THINK = 'plan: answer briefly 🙂';
const FENCED = 'Here is the script:\n\n```python\nprint("hi")\n```\n\nRun it with python3.';

/** `\uXXXX` of each character of `s` (one UTF-16 unit each), hex upper-case at odd positions. */
const escaped = (s: string): string => [...s].map((c, i) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')[i % 2 === 1 ? 'toUpperCase' : 'toLowerCase']()}`).join('');

function event(model: string, delta: unknown, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/** The suite's upstream. Each model answers one way; `auth` is the Authorization it received. */
function startUpstream(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => void answer(req, res, parts));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` })));
}

const MODELS = ['fake/multibyte', 'fake/long', 'fake/think', 'fake/filter', 'fake/fence', 'fake/repairs', 'fake/echo401', 'fake/echo-mid'];

async function answer(req: http.IncomingMessage, res: http.ServerResponse, parts: Buffer[]): Promise<void> {
  if (req.method === 'GET' && req.url === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ object: 'list', data: MODELS.map((id) => ({ id, object: 'model' })) }));
  }
  const auth = String(req.headers.authorization ?? '');
  const model = String((JSON.parse(Buffer.concat(parts).toString('utf8')) as { model?: unknown }).model);
  if (model === 'fake/echo401') {
    // OpenRouter's shape: the provider's own body as a string in metadata.raw, the key escaped inside it
    const raw = `{"error":{"message":"Incorrect API key provided: ${escaped(auth.slice(7))}"}}`;
    res.writeHead(401, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ error: { message: `No auth credentials found for ${auth}`, code: 401, metadata: { provider_name: 'P', raw } } }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = async (text: string, cuts: number[] = []): Promise<void> => {
    // the bytes written in pieces, each its own read (a pause between): cut where `cuts` say
    const bytes = Buffer.from(text);
    let from = 0;
    for (const at of [...cuts, bytes.length]) {
      res.write(bytes.subarray(from, at));
      from = at;
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  if (model === 'fake/multibyte') {
    const text = event(model, { role: 'assistant', content: MULTIBYTE.slice(0, 12) }) + event(model, { content: MULTIBYTE.slice(12) }) + event(model, {}, 'stop') + 'data: [DONE]\n\n';
    // inside 👋's and 🇫's UTF-8 bytes, inside 日
    const b = Buffer.from(text);
    await send(text, [b.indexOf(Buffer.from('👋')) + 2, b.indexOf(Buffer.from('日')) + 1, b.indexOf(Buffer.from('🇫')) + 3]);
  } else if (model === 'fake/long') {
    let text = event(model, { role: 'assistant', content: '' });
    for (let i = 0; i < LONG.length; i += 997) text += event(model, { content: LONG.slice(i, i + 997) });
    await send(text + event(model, {}, 'stop') + 'data: [DONE]\n\n');
  } else if (model === 'fake/think') {
    const content = `<think>${THINK}</think>The answer.`;
    await send(event(model, { role: 'assistant', content: content.slice(0, 5) }) + event(model, { content: content.slice(5, 20) }) + event(model, { content: content.slice(20) }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
  } else if (model === 'fake/filter') {
    await send(event(model, { role: 'assistant', content: 'The first half of an answer' }) + event(model, {}, 'content_filter') + 'data: [DONE]\n\n');
  } else if (model === 'fake/fence') {
    await send(event(model, { role: 'assistant', content: FENCED }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
  } else if (model === 'fake/repairs') {
    await send(event(model, { role: 'assistant', content: "{'name': 'Ada', 'langs': ['en', 'fr',],}" }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
  } else if (model === 'fake/echo-mid') {
    const raw = `{"error":{"message":"bad key ${escaped(auth.slice(7))}"}}`;
    await send(event(model, { role: 'assistant', content: 'Partial answer before the error. ' }) + `data: ${JSON.stringify({ error: { message: `Upstream saw ${auth}`, code: 502, metadata: { raw } } })}\n\n`);
  }
  res.end();
}

async function settle(update: () => Thenable<void>, ready: (info: GatewayInfo) => boolean): Promise<GatewayInfo> {
  const api = await getApi();
  const running = new Promise<GatewayInfo>((resolve) => {
    const sub = api.onDidChangeState((s) => {
      if (s.kind === 'running' && ready(s.info)) {
        sub.dispose();
        resolve(s.info);
      }
    });
  });
  await update();
  return running;
}



/** No secret character of the key anywhere in the chat page, the inspector page, or the workbench. */
async function keyNowhere(): Promise<void> {
  for (const frame of ['chat', 'inspector', undefined] as const) {
    const all = (await texts(frame, 'body')).join('');
    assert.equal(all.includes(SECRET), false, `the key is on the ${frame ?? 'workbench'} page`);
  }
}

const noSpace = (s: string): string => s.replace(/\s+/g, '');

describe('the truth of StreamFix Chat and the inspector against the artifact (through the UI)', () => {
  let up: Awaited<ReturnType<typeof startUpstream>>;
  const config = () => vscode.workspace.getConfiguration('streamfix');
  const G = vscode.ConfigurationTarget.Global;

  before(async () => {
    up = await startUpstream();
    await settle(() => config().update('upstreamBaseUrl', up.url, G), (i) => i.upstream === up.url);
    await settle(() => config().update('apiKey', KEY, G), (i) => i.upstream === up.url);
    // the conversation is kept (the runner checks chatView's turns after a window reload): each test
    // reads its own turn, the last one
  });

  after(async () => {
    await settle(() => config().update('apiKey', undefined, G), (i) => i.upstream === up.url);
    await settle(() => config().update('upstreamBaseUrl', undefined, G), (i) => i.demo);
    await new Promise((r) => up.server.close(r));
    await ui({ op: 'command', title: 'View: Close All Editors' });
  });

  it('multi-byte text cut inside its characters: every character in the chat, the inspector\'s raw content the same', async () => {
    const a = await askChat('fake/multibyte', 'answer', 'Greetings in many scripts');
    assert.equal(a.rawContent, MULTIBYTE);
    // markdown-it's paragraph ends with a line break
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), [`${MULTIBYTE}\n`]);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', 'pre.raw'), [MULTIBYTE]);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['¶ TEXT']);
  });

  it('a long answer (1,500 paragraphs) is all in the chat', async function () {
    this.timeout(120_000);
    const a = await askChat('fake/long', 'answer', 'Everything, at length');
    assert.equal(a.rawContent, LONG);
    const shown = (await texts('chat', '.turn:last-child .answer'))[0]!;
    assert.equal(noSpace(shown), noSpace(LONG));
    assert.deepEqual(await texts('chat', '.turn:last-child .answer p:last-child'), [LONG_LINE(1499)]);
  });

  it('a think block in Answer mode: in Thinking, not in the answer; the inspector says TEXT and counts the stripped span', async () => {
    const a = await askChat('fake/think', 'answer', 'Think, then answer');
    assert.equal(a.status, 'TEXT');
    assert.equal(a.reasoning, THINK);
    assert.deepEqual(await texts('chat', '.turn:last-child .thinking .reasoning'), [THINK]);
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), ['The answer.\n']);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['¶ TEXT']);
    const marks = a.repairs.length + a.stripped.length;
    assert.deepEqual(await texts('inspector', '#marks h2'), [`Repairs and stripped spans (${marks})`]);
    assert.equal(marks, 1);
  });

  it('an answer the upstream\'s filter ended says so under it, as the artifact\'s finish reason', async () => {
    const a = await askChat('fake/filter', 'answer', 'Something filtered');
    assert.equal(a.finishReason, 'content_filter');
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), ['The first half of an answer\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), ['cut off: the upstream ended the answer (finish reason content_filter)']);
  });

  it('JSON mode, a prose answer with a code fence (no JSON): one code block holding the whole answer as sent, badge "failed"', async () => {
    const a = await askChat('fake/fence', 'json', 'A script, not JSON');
    assert.equal(a.status, 'FAILED');
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), [`${FENCED}\n`]);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['failed: no JSON in the answer, shown as sent']);
  });

  it('JSON mode with repairs: the code block is the repaired content, the badge and the inspector count the artifact\'s repairs', async () => {
    const a = await askChat('fake/repairs', 'json', 'A record with repairs');
    assert.equal(a.status, 'REPAIRED');
    assert.deepEqual(await texts('chat', '.turn:last-child .answer code'), [`${a.repairedContent}\n`]);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), ['repaired: 10 single quotes, 2 trailing commas']);
    assert.deepEqual(a.repairs.map((r) => r.kind).sort().filter((k, i, all) => all.indexOf(k) === i).map((k) => [k, a.repairs.filter((r) => r.kind === k).length]), [['single_quotes', 10], ['trailing_comma', 2]]);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', 'dd[data-field="status"]'), ['✎ REPAIRED']);
    assert.deepEqual(await texts('inspector', '#marks h2'), [`Repairs and stripped spans (${a.repairs.length + a.stripped.length})`]);
    assert.deepEqual(await texts('inspector', 'pre.repaired'), [a.repairedContent!]);
  });

  it('a 401 that echoes the key (also inside metadata.raw, escaped): the chat\'s error and the inspector show [redacted], the key on no page', async () => {
    const a = await askChat('fake/echo401', 'answer', 'Who am I?', 'error');
    assert.equal(a.status, 'UPSTREAM_ERROR');
    assert.deepEqual(await texts('chat', '.turn:last-child .error .message'), ['The upstream refused the API key (HTTP 401): No auth credentials found for [redacted]']);
    assert.equal(JSON.stringify(a).includes(SECRET), false);
    await inspectArtifact(a.id);
    assert.deepEqual(await texts('inspector', '#errors li'), ['401 No auth credentials found for [redacted]']);
    await keyNowhere();
  });

  it('a mid-stream error event that echoes the key: the partial answer kept, the error with [redacted], the key on no page', async () => {
    const a = await askChat('fake/echo-mid', 'answer', 'Start, then fail', 'error');
    assert.equal(a.status, 'UPSTREAM_ERROR');
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), ['Partial answer before the error.\n']);
    assert.deepEqual(await texts('chat', '.turn:last-child .error .message'), ['The answer stream failed: Upstream saw [redacted]']);
    await inspectArtifact(a.id);
    assert.equal(JSON.stringify(a).includes(SECRET), false);
    await keyNowhere();
  });
});
