/**
 * The OpenRouter key is never shown, set the way a person sets it: typed into "StreamFix: Set OpenRouter
 * API Key" (SecretStorage). An upstream of the suite's own (a loopback server set as
 * streamfix.upstreamBaseUrl) echoes the Authorization header it receives everywhere it can: the model ids
 * of /v1/models, a response header, a 401's body, content and think blocks (plain, \u-escaped inside a
 * JSON string, URL-encoded, base64 standard and URL-safe, split across two stream events), a tool call's
 * arguments and a mid-stream error event. Then every surface is read: the Settings UI and settings.json
 * (the key is in neither), both output panels (on screen and every log file VS Code wrote), StreamFix
 * Chat (its error and answers, the model picker), the artifact inspector (raw content, reasoning, tool
 * calls, errors), Copy as curl, the Models view, the artifact store on disk. No part of the secret (any 12
 * of its characters) and none of its forms in README's redaction promises may be in any of them. The key
 * is removed and the upstream restored afterwards (the daemon back on the demo).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { curlFor } from '../../../client/inspectorView';
import type { Artifact, GatewayInfo } from '../../../shared/protocol';
import { getApi, useUpstream } from './helpers';
import { askChat, inspectArtifact, texts, ui } from './ui';

/** A key of OpenRouter's shape: `sk-or-v1-` then 64 hex digits. */
const KEY = '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';
const SECRET = KEY.slice('sk-or-v1-'.length);
const WINDOW = 12;

/** `\uXXXX` of each character (lower-case hex). */
const escaped = (s: string): string => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/**
 * Every spelling of the secret that must never show: each run of WINDOW of its characters, as is and
 * \u-escaped; and of its base64 encodings (the key alone and `Bearer <key>`, at each of the 3 byte
 * alignments, standard and URL-safe) the characters that encode the secret's bytes alone, each run of
 * WINDOW of them.
 */
function forms(): string[] {
  const out = new Set<string>();
  const windows = (s: string): void => {
    for (let i = 0; i + WINDOW <= s.length; i++) out.add(s.slice(i, i + WINDOW));
  };
  windows(SECRET);
  for (let i = 0; i + WINDOW <= SECRET.length; i++) out.add(escaped(SECRET.slice(i, i + WINDOW)));
  for (const whole of [KEY, `Bearer ${KEY}`]) {
    for (let pad = 0; pad < 3; pad++) {
      const start = pad + whole.indexOf(SECRET);
      const end = start + SECRET.length;
      const enc = Buffer.from('x'.repeat(pad) + whole).toString('base64');
      const mid = enc.slice(Math.ceil(start / 3) * 4, Math.floor(end / 3) * 4);
      windows(mid);
      windows(mid.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...out];
}
const FORMS = forms();

/** The forms of the secret found in `text` (none is the only right answer). */
const leaks = (text: string): string[] => FORMS.filter((f) => text.includes(f));

const MODELS = ['echo/401', 'echo/json', 'echo/tool', 'echo/mid'];

function event(model: string, delta: unknown, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/** The suite's echoing upstream; `auths` are the Authorization headers it received, in order. */
function startUpstream(): Promise<{ server: http.Server; url: string; auths: string[] }> {
  const auths: string[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      auths.push(auth);
      const echo = { 'x-echo-authorization': auth, 'x-echo-base64': b64(auth) };
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json', ...echo });
        const ids = [...MODELS, `echo/key ${auth}`];
        return void res.end(JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, object: 'model', description: `for ${auth}` })) }));
      }
      const model = String((JSON.parse(Buffer.concat(parts).toString('utf8')) as { model?: unknown }).model);
      if (model === 'echo/401') {
        res.writeHead(401, { 'content-type': 'application/json', ...echo });
        return void res.end(JSON.stringify({ error: { message: `Invalid credentials: ${auth} (url ${encodeURIComponent(auth)}, base64 ${b64(auth)}, base64url ${b64url(auth)})`, code: 401 } }));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', ...echo });
      const key = auth.slice('Bearer '.length);
      if (model === 'echo/json') {
        const content = `<think>The header was ${auth}; as base64 ${b64(auth)}</think>{"auth": "${escaped(key)}", "url": "${encodeURIComponent(auth)}", "b64": "${b64url(key)}", "plain": "${key}",}`;
        // the plain key's first half ends one event, its second half starts the next
        const cut = content.lastIndexOf(key) + 20;
        return void res.end(event(model, { role: 'assistant', content: content.slice(0, cut) }) + event(model, { content: content.slice(cut) }) + event(model, {}, 'stop') + 'data: [DONE]\n\n');
      }
      if (model === 'echo/tool') {
        const call = { index: 0, id: 'call_0', type: 'function', function: { name: 'login', arguments: `{"authorization": "${auth}", "key": "${key}"}` } };
        return void res.end(event(model, { role: 'assistant', content: null, tool_calls: [call] }) + event(model, {}, 'tool_calls') + 'data: [DONE]\n\n');
      }
      // echo/mid: part of an answer, then an error event holding the header
      res.end(event(model, { role: 'assistant', content: 'Partial answer. ' }) + `data: ${JSON.stringify({ error: { message: `Upstream saw ${auth} (${b64(auth)})`, code: 502 } })}\n\n`);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, auths })));
}



/** The text of a page (the workbench, or a StreamFix webview), shown or not, with no form of the key. */
async function pageClean(frame: 'chat' | 'inspector' | undefined, where: string): Promise<void> {
  const all = (await texts(frame, 'body')).join('\n');
  assert.deepEqual(leaks(all), [], `${where}: the ${frame ?? 'workbench'} page holds the key`);
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

/** Waits until one file under `dir` holds `marker` (the write reached the disk); returns every file's text. */
async function filesOnceWritten(dir: string, marker: string): Promise<Map<string, string>> {
  for (let i = 0; ; i++) {
    const all = new Map(filesUnder(dir).map((f) => [f, fs.readFileSync(f, 'latin1')]));
    if ([...all.values()].some((t) => t.includes(marker))) return all;
    if (i === 200) assert.fail(`no file under ${dir} holds ${marker}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The output panel's visible lines. */
async function panelText(): Promise<string> {
  return (await texts(undefined, '.part.panel .monaco-editor .view-lines .view-line')).join('\n').replace(/\u00a0/g, ' ');
}

async function waitForPanel(part: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 150; i++) {
    text = await panelText();
    if (text.includes(part)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the output panel never showed ${JSON.stringify(part)}; it shows:\n${text}`);
}

describe('the OpenRouter key set through the UI is never shown (an upstream that echoes it everywhere)', () => {
  let up: Awaited<ReturnType<typeof startUpstream>>;
  let info: GatewayInfo;
  const artifacts: Artifact[] = [];

  before(async function () {
    this.timeout(120_000);
    up = await startUpstream();
    await useUpstream(up.url);
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });

  after(async function () {
    this.timeout(120_000);
    const api = await getApi();
    const running = new Promise<void>((resolve) => {
      const sub = api.onDidChangeState((s) => s.kind === 'running' && (sub.dispose(), resolve()));
    });
    await vscode.commands.executeCommand('streamfix.setApiKey', '');
    await running;
    await useUpstream(undefined);
    await new Promise((r) => up.server.close(r));
    await ui({ op: 'command', title: 'View: Close All Editors' });
    await ui({ op: 'command', title: 'Notifications: Clear All Notifications' });
  });

  it('typed into "Set OpenRouter API Key": stored in SecretStorage, sent upstream, in neither the Settings UI nor settings.json', async function () {
    this.timeout(120_000);
    const api = await getApi();
    const restarted = new Promise<GatewayInfo>((resolve) => {
      let stopped = false;
      const sub = api.onDidChangeState((s) => {
        if (s.kind !== 'running') stopped = true;
        else if (stopped && s.info.upstream === up.url) {
          sub.dispose();
          resolve(s.info);
        }
      });
    });
    await ui({ op: 'command', title: 'StreamFix: Set OpenRouter API Key' });
    await ui({ op: 'fill', selector: '.quick-input-widget input', value: KEY });
    // a password box: what is typed is not shown as text
    assert.deepEqual(await texts(undefined, '.quick-input-widget input[type="password"]'), ['']);
    await pageClean(undefined, 'the input box');
    await ui({ op: 'press', selector: '.quick-input-widget input', key: 'Enter' });
    await ui({ op: 'waitFor', selector: '.quick-input-widget', state: 'hidden' });
    info = await restarted;
    assert.equal(info.demo, false);

    // the upstream gets it
    up.auths.length = 0;
    const res = await fetch(`${info.url}/models`);
    assert.equal(res.status, 200);
    const models = await res.text();
    // (the gateway asks on its own too: every request it made carried the key)
    assert.deepEqual([...new Set(up.auths)], [`Bearer ${KEY}`]);
    const headers: string[] = [];
    res.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
    assert.deepEqual(leaks(`${headers.join('\n')}\n${models}`), []);

    // not a setting
    const inspected = vscode.workspace.getConfiguration('streamfix').inspect<string>('apiKey')!;
    assert.deepEqual([inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue], [undefined, undefined, undefined]);
    const settingsJson = path.resolve(api.testing.dataDir(), '..', '..', 'settings.json');
    assert.equal(fs.existsSync(settingsJson), true, settingsJson);
    assert.deepEqual(leaks(fs.readFileSync(settingsJson, 'utf8')), []);
    // the Settings UI at StreamFix's key setting (as its links open it)
    await vscode.commands.executeCommand('workbench.action.openSettings', 'streamfix.apiKey');
    await ui({ op: 'waitFor', selector: '.settings-editor .setting-item-contents', hasText: 'OpenRouter API key. Prefer' });
    await pageClean(undefined, 'the Settings UI');
    // settings.json in the editor
    await ui({ op: 'command', title: 'Preferences: Open User Settings (JSON)' });
    await ui({ op: 'waitFor', selector: '.tab.active', hasText: 'settings.json' });
    await pageClean(undefined, 'settings.json');
    await ui({ op: 'command', title: 'View: Close All Editors' });
  });

  it('StreamFix Chat: the model picker, a 401, a JSON answer, a tool call and a mid-stream error never show it', async function () {
    this.timeout(180_000);
    await ui({ op: 'command', title: 'StreamFix: Open Chat' });
    await ui({ op: 'waitFor', frame: 'chat', selector: '#model option[value="echo/401"]', state: 'attached' });
    // the model id that held the header, redacted by the gateway
    const options = await texts('chat', '#model option');
    assert.deepEqual(options.filter((o) => o.startsWith('echo/')), [...MODELS, 'echo/key [redacted]']);

    const e401 = await askChat('echo/401', 'answer', 'Who am I?', 'error');
    assert.equal(e401.status, 'UPSTREAM_ERROR');
    assert.deepEqual(await texts('chat', '.turn:last-child .error .message'), [(await getApi()).testing.chatView.snapshot.turns.at(-1)!.error!.message]);
    const shown401 = (await texts('chat', '.turn:last-child .error .message'))[0]!;
    // the upstream's message as the artifact keeps it (redacted where it entered the gateway), the header and
    // its URL-encoding replaced whole, each base64 form in its secret part
    assert.equal(shown401, `The upstream refused the API key (HTTP 401): ${e401.errors[0]!.message}`);
    assert.match(shown401, /^The upstream refused the API key \(HTTP 401\): Invalid credentials: \[redacted\] \(url \[redacted\], base64 [A-Za-z0-9+/=]*\[redacted\][A-Za-z0-9+/=]*, base64url [\w-]*\[redacted\][\w-]*\)$/);
    artifacts.push(e401);

    const json = await askChat('echo/json', 'json', 'Echo my key as JSON', 'done');
    assert.equal(json.status, 'REPAIRED');
    artifacts.push(json);
    const tool = await askChat('echo/tool', 'answer', 'Log me in', 'done');
    artifacts.push(tool);
    const mid = await askChat('echo/mid', 'answer', 'Start, then fail', 'error');
    assert.equal(mid.status, 'UPSTREAM_ERROR');
    assert.deepEqual(await texts('chat', '.turn:last-child .answer'), ['Partial answer.\n']);
    artifacts.push(mid);
    for (const a of artifacts) assert.deepEqual(leaks(JSON.stringify(a)), [], `artifact ${a.id} (${a.model})`);
    await pageClean('chat', 'StreamFix Chat');
    await pageClean(undefined, 'after the chat');
  });

  it('the artifact inspector (raw content, reasoning, tool calls, errors) and Copy as curl never show it', async function () {
    this.timeout(180_000);
    const api = await getApi();
    for (const a of artifacts) {
      await inspectArtifact(a.id);
      await pageClean('inspector', `the inspector of ${a.model}`);
      if (a.model === 'echo/json') {
        // the think block folded under its label, the rest as the artifact holds it
        const think = a.rawContent.slice(0, a.rawContent.indexOf('</think>') + '</think>'.length);
        assert.deepEqual(await texts('inspector', 'pre.raw'), [`stripped reasoning · ${think.length} chars${a.rawContent}`]);
        assert.equal(a.reasoning!.startsWith('The header was [redacted]'), true, a.reasoning!);
      }
      const curl = curlFor(a, new URL(info.url).origin, Boolean(info.token));
      if (curl === null) continue;
      await vscode.env.clipboard.writeText('-');
      await ui({ op: 'click', frame: 'inspector', selector: 'button[data-action="copyCurl"]' });
      for (let i = 0; i < 100 && (await vscode.env.clipboard.readText()) === '-'; i++) await new Promise((r) => setTimeout(r, 50));
      const copied = await vscode.env.clipboard.readText();
      assert.equal(copied, curl);
      assert.deepEqual(leaks(copied), [], `curl of ${a.model}`);
    }
    assert.equal(api.testing.inspector.currentId, artifacts.at(-1)!.id);
    await pageClean(undefined, 'after the inspector');
  });

  it('the output panels (on screen and every log file), the Models view and the artifact store never hold it', async function () {
    this.timeout(180_000);
    const api = await getApi();
    const json = artifacts.find((a) => a.model === 'echo/json')!;
    await ui({ op: 'command', title: 'StreamFix: Show Output' });
    const last = artifacts.at(-1)!;
    await waitForPanel(`${last.id} finished`);
    await pageClean(undefined, 'the StreamFix output panel');
    await ui({ op: 'command', title: 'StreamFix: Show Daemon Log' });
    await waitForPanel(`${last.id} echo/mid`);
    await pageClean(undefined, 'the StreamFix Daemon output panel');
    // every line either channel got, not only those on screen
    assert.deepEqual(leaks(api.testing.logLines().join('\n')), []);
    // every log VS Code wrote (the output channels' files, the extension host's log), once the request log's file holds the last request
    const userData = path.resolve(api.testing.dataDir(), '..', '..', '..');
    const logs = await filesOnceWritten(path.join(userData, 'logs'), `${last.id} finished`);
    for (const [file, text] of logs) assert.deepEqual(leaks(text), [], file);
    // the artifact store (what the inspector reads after a restart)
    const store = await filesOnceWritten(api.testing.dataDir(), json.id);
    for (const [file, text] of store) assert.deepEqual(leaks(text), [], file);

    // the Models view lists the models asked, with their health
    await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
    await ui({ op: 'waitFor', selector: '.monaco-list-row', hasText: 'echo/json' });
    await pageClean(undefined, 'the Models view');
    await pageClean('chat', 'the end');
  });
});
