/** Shared helpers for the in-host suite: the extension's API and event-driven waits (no sleeps). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StreamFixApi } from '../../../client/api';
import type { GatewayInfo } from '../../../shared/protocol';

export const EXTENSION_ID = 'streamfix.streamfix';

export async function getApi(): Promise<StreamFixApi> {
  const ext = vscode.extensions.getExtension<StreamFixApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** The StreamFix diagnostics of a document, once `pred` holds for them. */
export function waitForDiagnostics(uri: vscode.Uri, pred: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'streamfix');
  return new Promise((resolve) => {
    const now = ours();
    if (pred(now)) return resolve(now);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = ours();
      if (pred(d)) {
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** A folder for files the tests write: the workspace folder when there is one, else a temp dir. */
export function scratchDir(): string {
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const dir = fs.mkdtempSync(path.join(ws ?? os.tmpdir(), 'streamfix-suite-'));
  return dir;
}

export async function writeAndOpen(dir: string, name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

/** Read a whole streamed HTTP response from the gateway. */
export async function postChat(gatewayUrl: string, body: object, headers: Record<string, string> = {}): Promise<{ status: number; id: string | null; text: string }> {
  const res = await fetch(`${gatewayUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, id: res.headers.get('x-streamfix-request-id'), text: await res.text() };
}

/** The content deltas of an SSE chat completion, concatenated. */
export function sseContent(text: string): string {
  let out = '';
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const chunk = JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] };
    out += chunk.choices?.[0]?.delta?.content ?? '';
  }
  return out;
}

/** Resolves at the daemon's next state of `kind`. */
export function nextState(api: StreamFixApi, kind: 'failed' | 'running'): Promise<void> {
  return new Promise((resolve) => {
    const sub = api.onDidChangeState((s) => {
      if (s.kind === kind) {
        sub.dispose();
        resolve();
      }
    });
  });
}

/** Sets the upstream (`streamfix.upstreamBaseUrl`; undefined: the demo) and waits for the daemon to run with it. */
export async function useUpstream(url: string | undefined): Promise<GatewayInfo> {
  const api = await getApi();
  const running = new Promise<GatewayInfo>((resolve) => {
    const sub = api.onDidChangeState((s) => {
      if (s.kind === 'running' && (url === undefined ? s.info.demo : s.info.upstream === url)) {
        sub.dispose();
        resolve(s.info);
      }
    });
  });
  await vscode.workspace.getConfiguration('streamfix').update('upstreamBaseUrl', url, vscode.ConfigurationTarget.Global);
  return running;
}
