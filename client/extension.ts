/**
 * StreamFix for VS Code. `activate` builds everything once (extension lifetime: `context.subscriptions`);
 * the DaemonController owns what belongs to one daemon run, so a restart leaks nothing.
 */
import * as vscode from 'vscode';
import type { FinishedEvent, StreamFixApi } from './api';
import { ARTIFACT_SCHEME, ArtifactContentProvider, ArtifactsProvider } from './artifacts';
import { createChatHandler } from './chat';
import { registerCommands } from './commands';
import { registerEditorChat } from './editorChat';
import { CHAT_VIEW_ID, ChatViewProvider } from './chatView';
import { InspectorPanel } from './inspector';
import { registerOutputLinks } from './outputLinks';
import { TerminalRouting } from './terminalRouting';
import { registerFilterCommands } from './artifactFilterCommands';
import { ModelsProvider } from './modelsView';
import { SECTION } from './config';
import { DaemonController } from './daemon';
import { RESTART_SETTINGS } from './daemonArgs';
import { EventLog } from './eventLog';
import { createModelProvider } from './lmProvider';
import { StatusBar } from './statusBar';
import { TailChannel } from './tailChannel';

let running: DaemonController | undefined;

export function activate(context: vscode.ExtensionContext): StreamFixApi {
  const subs = context.subscriptions;
  const log = new EventLog(vscode.window.createOutputChannel('StreamFix', { log: true }));
  const daemonLog = new TailChannel(vscode.window.createOutputChannel('StreamFix Daemon'));
  subs.push(log.channel, daemonLog);

  const daemon = new DaemonController(context, daemonLog);
  running = daemon;
  const status = new StatusBar();
  const artifacts = new ArtifactsProvider(daemon, (m) => log.write('warn', m));
  const repaired = new vscode.EventEmitter<FinishedEvent>();
  const modelsChanged = new vscode.EventEmitter<void>();
  subs.push(daemon, status, artifacts, repaired, modelsChanged);

  subs.push(
    daemon.onDidChangeState((s) => {
      status.setState(s);
      artifacts.refresh();
      models.refresh();
      modelsChanged.fire();
      if (s.kind === 'running') {
        log.write('info', `daemon running: gateway ${s.info.url}, upstream ${s.info.demo ? 'embedded demo (no API key)' : s.info.upstream}`);
      } else if (s.kind === 'failed') {
        log.write('error', `daemon failed: ${s.reason}`);
      }
    }),
    daemon.onGatewayEvent((e) => {
      log.event(e);
      artifacts.onEvent(e);
      if (e.type === 'finished') models.soon();
      if (e.type === 'store') status.onStore(e);
      if (e.type === 'breaker') {
        status.onBreaker(e);
        models.soon();
      }
      if (e.type === 'finished') {
        status.addRepairs(e.repairs);
        repaired.fire(e);
      }
    }),
  );

  const chatView = new ChatViewProvider(context, daemon);
  const inspector = new InspectorPanel(context, daemon);
  const routing = new TerminalRouting(context.environmentVariableCollection, daemon);
  const artifactsView = vscode.window.createTreeView('streamfix.artifacts', { treeDataProvider: artifacts });
  artifacts.view = artifactsView;
  artifacts.onFilter = (message) => (artifactsView.message = message || undefined);
  // "3 new": rows that arrived above the selected row (client/newRows.ts)
  subs.push(artifactsView.onDidChangeSelection((e) => artifacts.onSelection(e.selection)));
  const models = new ModelsProvider(daemon);
  subs.push(
    routing,
    chatView,
    inspector,
    // not retained while hidden: the conversation lives in chatView and is sent again when shown
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView),
    artifactsView,
    ...registerFilterCommands(artifacts),
    models,
    vscode.window.registerTreeDataProvider('streamfix.models', models),
    vscode.workspace.registerTextDocumentContentProvider(ARTIFACT_SCHEME, new ArtifactContentProvider(daemon)),
    ...registerOutputLinks((id) => inspector.open(id)),
  );

  subs.push(...registerCommands({ context, daemon, log, daemonLog, artifacts, inspector }));

  subs.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) void daemon.restart();
    }),
  );

  const chatHandler = createChatHandler(daemon);
  const modelProvider = createModelProvider(daemon, modelsChanged.event);
  subs.push(...registerEditorChat(chatHandler, modelProvider, log));

  void daemon.start();

  return {
    gatewayUrl: () => (daemon.state.kind === 'running' ? daemon.state.info.url : undefined),
    token: () => (daemon.state.kind === 'running' ? daemon.state.info.token ?? undefined : undefined),
    onDidRepair: repaired.event,
    onDidChangeState: daemon.onDidChangeState,
    whenRunning: () => daemon.whenRunning(),
    testing: {
      state: () => daemon.state,
      statusText: () => status.text,
      logLines: () => log.lines(),
      dataDir: () => context.globalStorageUri.fsPath,
      artifacts,
      chatView,
      inspector,
      terminalEnv: () => routing.current(),
      models,
      chatHandler,
      modelProvider,
      waitForFinished: (id, ms) => daemon.waitForFinished(id, ms),
      request: (method, params) => daemon.request(method, params),
    },
  };
}

/** Stop the daemon cleanly (shutdown lets it flush the artifact store) before the host goes away. */
export function deactivate(): Promise<void> | undefined {
  const daemon = running;
  running = undefined;
  return daemon?.stop();
}
