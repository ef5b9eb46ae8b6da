/**
 * The artifact inspector: one webview panel showing one artifact (header, raw content with the repairs
 * and stripped spans in place, reasoning, tool calls, timings) with its actions (copy the repaired JSON,
 * raw vs repaired diff, copy as curl, replay). The panel is not kept alive while hidden: it asks for the
 * artifact again when shown ("ready"), and a serializer reopens it after a window reload.
 */
import * as vscode from 'vscode';
import { GetArtifactMethod } from '../shared/protocol';
import type { Artifact } from '../shared/protocol';
import { choiceOf, openArtifactDiff } from './artifacts';
import type { DaemonController } from './daemon';
import { gatewayOrigin } from './gatewayHttp';
import { curlFor, inspectorView, replayHeaders, requestPath } from './inspectorView';
import { webviewHtml } from './webview/html';
import type { InspectorAction, InspectorFromWebview, InspectorToWebview } from './webview/messages';

export const INSPECTOR_VIEW_TYPE = 'streamfix.inspector';

export class InspectorPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private id: string | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly shown = new vscode.EventEmitter<string>();
  /** Fires with the artifact id each time the panel has posted an artifact to its webview. */
  readonly onDidShow = this.shown.event;

  constructor(
    private readonly ctx: vscode.ExtensionContext,
    private readonly daemon: DaemonController,
  ) {
    this.subs.push(
      this.shown,
      vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const id = typeof (state as { id?: unknown } | undefined)?.id === 'string' ? (state as { id: string }).id : undefined;
          this.adopt(panel);
          if (id) this.id = id;
        },
      }),
    );
  }

  /** The artifact the panel shows (for the extension's tests). */
  get currentId(): string | undefined {
    return this.panel ? this.id : undefined;
  }

  /** Shows artifact `id`, opening the panel beside the editor or reusing it. */
  async open(id: string): Promise<void> {
    this.id = id;
    if (!this.panel) {
      this.adopt(vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, `Artifact ${id}`, { viewColumn: vscode.ViewColumn.Active }, {}));
    } else {
      this.panel.reveal();
      await this.sendCurrent();
    }
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview')] };
    panel.webview.html = webviewHtml(panel.webview, this.ctx.extensionUri, 'inspector', 'StreamFix Artifact');
    const subs = [
      panel.webview.onDidReceiveMessage((m: InspectorFromWebview) => void this.onMessage(m)),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        for (const d of subs) d.dispose();
      }),
    ];
  }

  private post(m: InspectorToWebview): void {
    void this.panel?.webview.postMessage(m);
  }

  private async fetch(id: string): Promise<Artifact | null> {
    return this.daemon.request<Artifact | null>(GetArtifactMethod, { id });
  }

  private async sendCurrent(): Promise<void> {
    const id = this.id;
    if (!id || !this.panel) return;
    this.panel.title = `Artifact ${id}`;
    let artifact: Artifact | null;
    try {
      artifact = await this.fetch(id);
    } catch (err) {
      return this.post({ type: 'notice', text: `Cannot load artifact ${id}: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (!artifact) return this.post({ type: 'notice', text: `No artifact with id ${id} (it may have been dropped from the store).` });
    this.post({ type: 'show', view: inspectorView(artifact) });
    this.shown.fire(id);
  }

  private async onMessage(m: InspectorFromWebview): Promise<void> {
    if (m.type === 'ready') return this.sendCurrent();
    if (m.type === 'action' && this.id) {
      try {
        await this.act(m.action, this.id, m.choice);
      } catch (err) {
        void vscode.window.showErrorMessage(`StreamFix: ${m.action} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** `choice`: the choice the page shows, named by an `n > 1` answer's page only. */
  private async act(action: InspectorAction, id: string, choice: number | undefined): Promise<void> {
    const artifact = await this.fetch(id);
    if (!artifact) throw new Error(`no artifact with id ${id}`);
    if (action === 'diff') {
      const mode = choice === undefined || choice === 0 ? artifact.mode : artifact.choices?.find((c) => c.index === choice)?.mode;
      return openArtifactDiff(id, choice, mode === 'strip');
    }
    if (action === 'copyRepaired') {
      // the choice shown
      const repaired = choiceOf(artifact, choice)?.repairedContent;
      await vscode.env.clipboard.writeText(repaired ?? '');
      void vscode.window.setStatusBarMessage('StreamFix: repaired JSON copied', 2000);
      return;
    }
    const s = this.daemon.state;
    if (s.kind !== 'running') throw new Error('the daemon is not running');
    if (action === 'copyCurl') {
      const curl = curlFor(artifact, gatewayOrigin(s.info.url), Boolean(s.info.token));
      if (!curl) throw new Error('this artifact did not keep its request body (older artifact, or a body over 64 KB)');
      await vscode.env.clipboard.writeText(curl);
      void vscode.window.setStatusBarMessage('StreamFix: request copied as curl', 2000);
      return;
    }
    this.post({ type: 'busy', busy: true });
    try {
      await this.open(await this.replay(artifact, s.info.url, s.info.token));
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  /** Sends the recorded request through the gateway again; resolves with the new artifact's id. */
  private async replay(a: Artifact, url: string, token: string | null): Promise<string> {
    if (a.request?.body === undefined) throw new Error('this artifact did not keep its request body (older artifact, or a body over 64 KB)');
    const headers: Record<string, string> = { 'content-type': 'application/json', ...replayHeaders(a) };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${gatewayOrigin(url)}${requestPath(a)}`, { method: 'POST', headers, body: JSON.stringify(a.request.body) });
    const newId = res.headers.get('x-streamfix-request-id');
    await res.text(); // to its end: the artifact is recorded once the request finishes
    if (!newId) throw new Error(`the gateway answered ${res.status} without a request id`);
    await this.daemon.waitForFinished(newId);
    return newId;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subs.splice(0)) d.dispose();
  }
}
