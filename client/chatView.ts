/**
 * StreamFix Chat: the extension's own chat view (a webview view in the StreamFix container), so editor
 * chat goes through the daemon in every VS Code, VSCodium and code-server, Copilot or not. The
 * conversation lives here (not in the webview) and is saved to workspace state after every turn, so it
 * survives the view being hidden and the window reloading.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GetArtifactMethod } from '../shared/protocol';
import type { Artifact } from '../shared/protocol';
import { chatErrorFrom, daemonDownError, isDemoModel, missingKeyError, repairsBadge } from './chatErrors';
import { jsonSystemPrompt, noSchemaError, schemaFile, schemaFootText } from './chatSchema';
import type { ChatJsonSchema } from './chatSchema';
import { readSettings } from './config';
import type { DaemonController } from './daemon';
import { GatewayHttpError, listModels, streamChat } from './gatewayHttp';
import type { ChatMessage } from './gatewayHttp';
import { webviewHtml } from './webview/html';
import type { ChatError, ChatFromWebview, ChatSchemaFile, ChatSnapshot, ChatToWebview, ChatTurn, FixAction } from './webview/messages';

export const CHAT_VIEW_ID = 'streamfix.chatView';
const STATE_KEY = 'streamfix.chat.conversation';
/** Earlier turns sent with each prompt (the newest ones): enough for a conversation, bounded. */
const HISTORY_TURNS = 20;

/** Finish reasons of an answer that ended as the model meant: no "cut off" under it. */
const ENDED = new Set(['stop', 'tool_calls', 'function_call']);

const FIX_COMMANDS: Record<Exclude<FixAction, 'retry'>, string> = {
  setKey: 'streamfix.setApiKey',
  restartDaemon: 'streamfix.restartDaemon',
};

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private snap: ChatSnapshot;
  private abort: AbortController | undefined;
  private modelLoads = 0;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: vscode.ExtensionContext,
    private readonly daemon: DaemonController,
  ) {
    const saved = ctx.workspaceState.get<ChatSnapshot>(STATE_KEY);
    this.snap = {
      turns: (saved?.turns ?? []).map((t) => (t.state === 'streaming' ? { ...t, state: 'stopped' } : t)),
      model: saved?.model || readSettings().defaultModel,
      mode: saved?.mode ?? 'answer',
      models: [],
      unavailable: {},
      attachSelection: saved?.attachSelection ?? false,
      ...(saved?.schema ? { schema: saved.schema } : {}),
      coerce: saved?.coerce ?? false,
    };
    this.subs.push(
      daemon.onDidChangeState(() => void this.loadModels()),
      // the picker lists the configured default model: a changed setting changes the list
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('streamfix.defaultModel')) void this.loadModels();
      }),
    );
  }

  /** The conversation as the view shows it (for the extension's tests). */
  get snapshot(): ChatSnapshot {
    return this.snap;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview')] };
    view.webview.html = webviewHtml(view.webview, this.ctx.extensionUri, 'chat', 'StreamFix Chat');
    this.subs.push(
      view.webview.onDidReceiveMessage((m: ChatFromWebview) => void this.onMessage(m)),
      view.onDidDispose(() => (this.view = undefined)),
    );
  }

  private post(m: ChatToWebview): void {
    void this.view?.webview.postMessage(m);
  }

  private publish(save = true): void {
    this.post({ type: 'snapshot', snapshot: this.snap });
    if (save) void this.ctx.workspaceState.update(STATE_KEY, { ...this.snap, models: [], unavailable: {} });
  }

  private async onMessage(m: ChatFromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.publish(false);
        return this.loadModels();
      case 'send':
        return this.send(m.prompt);
      case 'stop':
        this.abort?.abort();
        return;
      case 'retry':
        return this.retry();
      case 'newConversation':
        this.abort?.abort();
        this.snap.turns = [];
        // the schema is the conversation's: a new one picks its own
        delete this.snap.schema;
        return this.publish();
      case 'setModel':
        this.snap.model = m.model;
        return this.publish();
      case 'setMode':
        this.snap.mode = m.mode;
        return this.publish();
      case 'setAttach':
        this.snap.attachSelection = m.attach;
        return this.publish();
      case 'pickSchema':
        return this.pickSchema();
      case 'setCoerce':
        this.snap.coerce = m.coerce;
        return this.publish();
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        void vscode.window.setStatusBarMessage('StreamFix: copied', 2000);
        return;
      case 'insert':
        return insertAtCursor(m.text);
      case 'openArtifact':
        await vscode.commands.executeCommand('streamfix.openArtifact', m.id);
        return;
      case 'fix':
        if (m.action === 'retry') return this.retry();
        await vscode.commands.executeCommand(FIX_COMMANDS[m.action]);
        return;
    }
  }

  /** The model picker: the gateway's /v1/models, plus the configured default (which may need a key). */
  async loadModels(): Promise<void> {
    const s = this.daemon.state;
    if (s.kind !== 'running') return;
    const load = ++this.modelLoads;
    let models: string[] = [];
    try {
      models = await listModels(s.info.url, { token: s.info.token });
    } catch {
      // the picker keeps the default model; a request then shows the gateway's error in the conversation
    }
    // an older load that answers late must not undo a newer one (a setting changed meanwhile)
    if (load !== this.modelLoads) return;
    const wanted = readSettings().defaultModel;
    if (!models.includes(wanted)) models.unshift(wanted);
    if (this.snap.model && !models.includes(this.snap.model)) models.unshift(this.snap.model);
    this.snap.models = models;
    this.snap.unavailable = {};
    if (s.info.demo) for (const id of models) if (!isDemoModel(id)) this.snap.unavailable[id] = 'needs an OpenRouter API key';
    this.publish(false);
  }

  /**
   * JSON Schema mode's "Schema…": a quick pick of the workspace's JSON files (`*.schema.json` first), the
   * active editor's file on top when it is JSON; the pick is this conversation's schema.
   */
  private async pickSchema(): Promise<void> {
    const items: (vscode.QuickPickItem & { uri: string })[] = [];
    const doc = vscode.window.activeTextEditor?.document ?? vscode.window.visibleTextEditors[0]?.document;
    const isJson = doc && (doc.languageId === 'json' || doc.languageId === 'jsonc' || /\.json$/i.test(doc.uri.path));
    if (doc && isJson) items.push({ label: vscode.workspace.asRelativePath(doc.uri, false), description: 'active editor', uri: doc.uri.toString() });
    const found = await vscode.workspace.findFiles('**/*.json', '**/node_modules/**', 1000);
    const rank = (u: vscode.Uri): number => (/\.schema\.json$/i.test(u.path) ? 0 : 1);
    found.sort((a, b) => rank(a) - rank(b) || vscode.workspace.asRelativePath(a, false).localeCompare(vscode.workspace.asRelativePath(b, false)));
    for (const u of found) if (u.toString() !== items[0]?.uri) items.push({ label: vscode.workspace.asRelativePath(u, false), uri: u.toString() });
    if (items.length === 0) {
      void vscode.window.showWarningMessage('StreamFix Chat: no JSON file in the workspace to use as a schema. Open or create one (e.g. person.schema.json), then pick it with Schema….');
      return;
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'StreamFix Chat: JSON Schema for the answers', placeHolder: 'A JSON Schema file (*.schema.json, *.json)', matchOnDescription: true });
    if (!picked) return;
    this.snap.schema = { label: picked.label, uri: picked.uri };
    this.publish();
  }

  async send(prompt: string): Promise<void> {
    if (this.abort || prompt.trim() === '') return;
    const turn: ChatTurn = {
      id: (this.snap.turns.at(-1)?.id ?? 0) + 1,
      prompt,
      context: this.snap.attachSelection ? selectionContext() : undefined,
      model: this.snap.model,
      mode: this.snap.mode,
      ...(this.snap.mode === 'schema' && this.snap.schema ? { schema: this.snap.schema.label } : {}),
      answer: '',
      reasoning: '',
      state: 'streaming',
    };
    this.snap.turns.push(turn);
    await this.run(turn);
  }

  /** Asks the last turn again (same prompt, the model and mode now picked). */
  private async retry(): Promise<void> {
    const last = this.snap.turns.at(-1);
    if (this.abort || !last) return;
    Object.assign(last, { model: this.snap.model, mode: this.snap.mode, answer: '', reasoning: '', state: 'streaming' });
    for (const k of ['requestId', 'badge', 'status', 'finishReason', 'error', 'refusal', 'toolCalls', 'schema', 'schemaResult'] as const) delete last[k];
    if (this.snap.mode === 'schema' && this.snap.schema) last.schema = this.snap.schema.label;
    await this.run(last);
  }

  private async run(turn: ChatTurn): Promise<void> {
    const s = this.daemon.state;
    if (s.kind !== 'running') return this.finish(turn, { state: 'error', error: daemonDownError(s.kind) });
    if (s.info.demo && !isDemoModel(turn.model)) return this.finish(turn, { state: 'error', error: missingKeyError(turn.model) });
    let schema: ChatJsonSchema | undefined;
    if (turn.mode === 'schema') {
      // read when sent (an edit to the file counts, saved or not); a file that is no schema sends nothing
      const read = this.snap.schema ? await readSchema(this.snap.schema) : noSchemaError();
      if ('message' in read) return this.finish(turn, { state: 'error', error: read });
      schema = read;
    }
    const json = turn.mode !== 'answer';
    const abort = (this.abort = new AbortController());
    this.publish();
    try {
      const result = await streamChat(
        s.info.url,
        {
          model: turn.model,
          messages: this.messagesFor(turn, schema),
          json,
          mode: json ? 'repair' : 'strip',
          ...(schema ? { schema, schemaPolicy: this.snap.coerce ? 'coerce' : 'report' } : {}),
        },
        (content) => {
          turn.answer += content;
          this.post({ type: 'delta', turnId: turn.id, content });
        },
        {
          signal: abort.signal,
          token: s.info.token,
          onResponse: (id) => (turn.requestId = id ?? undefined),
          onReasoning: (reasoning) => {
            turn.reasoning += reasoning;
            this.post({ type: 'delta', turnId: turn.id, reasoning });
          },
          onRefusal: (refusal) => {
            turn.refusal = (turn.refusal ?? '') + refusal;
            this.post({ type: 'delta', turnId: turn.id, refusal });
          },
        },
      );
      this.finish(turn, { state: 'done', ...(await this.outcome(turn, result.finishReason)) });
    } catch (err) {
      if (abort.signal.aborted) this.finish(turn, { state: 'stopped' });
      else if (err instanceof GatewayHttpError) this.finish(turn, { state: 'error', error: chatErrorFrom(err) });
      else this.finish(turn, { state: 'error', error: { message: String(err), actions: ['retry'] } });
    }
  }

  private finish(turn: ChatTurn, patch: Partial<ChatTurn>): void {
    Object.assign(turn, patch);
    this.abort = undefined;
    this.publish();
  }

  /**
   * The artifact's status, its tool calls and, for a JSON answer, the repairs badge; and whether the answer
   * was cut (Answer mode has no badge, and a cut text reads like a whole one), said with the artifact's
   * finish reason, the upstream's own: a stream the upstream left unfinished reaches the chat with the
   * gateway's "length", which is no token limit (`streamed`: the finish reason the chat received).
   */
  private async outcome(turn: ChatTurn, streamed: string | null): Promise<Partial<ChatTurn>> {
    let artifact: Artifact | null = null;
    if (turn.requestId) {
      await this.daemon.waitForFinished(turn.requestId);
      artifact = await this.daemon.request<Artifact | null>(GetArtifactMethod, { id: turn.requestId }).catch(() => null);
    }
    const upstream = artifact && !ENDED.has(artifact.finishReason ?? '') ? artifact.finishReason : streamed;
    const cut = streamed !== null && !ENDED.has(streamed) ? { finishReason: upstream } : {};
    if (!artifact) return cut;
    const cutCalls = new Set((artifact.truncatedToolCalls ?? []).filter((r): r is number => typeof r === 'number'));
    const toolCalls = artifact.toolCalls.map((t) => ({ index: t.index, name: t.name ?? null, id: t.id ?? null, arguments: t.repairedArguments ?? t.rawArguments, status: t.status, cut: cutCalls.has(t.index) }));
    const schemaResult = turn.mode === 'schema' ? schemaFootText(artifact.schema) : null;
    return {
      ...cut,
      status: artifact.status,
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      ...(turn.mode !== 'answer' ? { badge: repairsBadge(artifact) } : {}),
      ...(schemaResult !== null ? { schemaResult } : {}),
      ...(artifact.memoryOnly ? { memoryOnly: true } : {}),
    };
  }

  private messagesFor(turn: ChatTurn, schema?: ChatJsonSchema): ChatMessage[] {
    const out: ChatMessage[] = [];
    if (turn.mode !== 'answer') out.push({ role: 'system', content: jsonSystemPrompt(schema) });
    // the conversation as shown: every answered turn, and a stopped one as far as it was shown
    const earlier = this.snap.turns.filter((t) => t.id < turn.id && (t.state === 'done' || (t.state === 'stopped' && (t.answer !== '' || (t.refusal ?? '') !== '')))).slice(-HISTORY_TURNS);
    for (const t of earlier) out.push({ role: 'user', content: promptText(t) }, { role: 'assistant', content: t.answer, ...(t.refusal ? { refusal: t.refusal } : {}) });
    out.push({ role: 'user', content: promptText(turn) });
    return out;
  }

  dispose(): void {
    this.abort?.abort();
    for (const d of this.subs.splice(0)) d.dispose();
  }
}

/** The picked schema file's text as the editor has it (unsaved edits too), read into a schema, or the error. */
async function readSchema(file: ChatSchemaFile): Promise<ChatJsonSchema | ChatError> {
  let text: string;
  try {
    text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(file.uri))).getText();
  } catch (err) {
    return { message: `The schema file ${file.label} cannot be read (${err instanceof Error ? err.message : String(err)}); nothing was sent. Pick another with Schema…, then retry.`, actions: ['retry'] };
  }
  return schemaFile(file.label, text);
}

function promptText(t: ChatTurn): string {
  if (!t.context) return t.prompt;
  return `${t.prompt}\n\nContext (selection from ${t.context.file}):\n\`\`\`\n${t.context.text}\n\`\`\``;
}

function selectionContext(): ChatTurn['context'] {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor || editor.selection.isEmpty) return undefined;
  return { file: path.basename(editor.document.uri.path), text: editor.document.getText(editor.selection) };
}

async function insertAtCursor(text: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showWarningMessage('StreamFix: open an editor to insert the code into.');
    return;
  }
  await editor.edit((b) => b.replace(editor.selection, text));
}
