/**
 * StreamFix for VS Code. `activate` builds everything once (extension lifetime: `context.subscriptions`);
 * the DaemonController owns what belongs to one daemon run, so a restart leaks nothing.
 */
import * as vscode from 'vscode';
import type { FinishedEvent, StreamFixApi } from './api';
import {
  ARTIFACT_SCHEME,
  ArtifactContentProvider,
  ArtifactsProvider,
  idFromArg,
  openArtifact,
  openArtifactDiff,
} from './artifacts';
import { createChatHandler } from './chat';
import { CHAT_VIEW_ID, ChatViewProvider } from './chatView';
import { InspectorPanel } from './inspector';
import { registerOutputLinks } from './outputLinks';
import { ROUTE_SETTING, TerminalRouting } from './terminalRouting';
import { registerFilterCommands } from './artifactFilterCommands';
import { ModelsProvider } from './modelsView';
import { CLIENT_KINDS, clientSnippet, type ClientKind } from './clientSnippets';
import { SECRET_KEY, SECTION, readSettings } from './config';
import { DaemonController } from './daemon';
import { keyChangeMessage, RESTART_SETTINGS } from './daemonArgs';
import { EventLog } from './eventLog';
import { createModelProvider, registerModelProvider } from './lmProvider';
import { repairSelection, targetEditor } from './repairCommand';
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
  artifacts.onFilter = (message) => (artifactsView.message = message || undefined);
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

  const command = (id: string, fn: (...args: unknown[]) => unknown): void => {
    subs.push(vscode.commands.registerCommand(id, fn));
  };
  command('streamfix.repairSelection', (target?: unknown) => repairSelection(targetEditor(target)));
  command('streamfix.openChat', () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`));
  command('streamfix.routeTerminal', async () => {
    await vscode.workspace.getConfiguration(SECTION).update(ROUTE_SETTING, true, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage('StreamFix: new terminals get OPENAI_BASE_URL and ANTHROPIC_BASE_URL pointing at the gateway.');
  });
  command('streamfix.stopRoutingTerminal', async () => {
    await vscode.workspace.getConfiguration(SECTION).update(ROUTE_SETTING, false, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage('StreamFix: new terminals no longer get the gateway URLs.');
  });
  command('streamfix.copyClientSetup', async (kind?: unknown) => {
    const s = daemon.state;
    if (s.kind !== 'running') return void vscode.window.showErrorMessage('StreamFix: the daemon is not running, so there is no gateway URL yet.');
    const k: ClientKind = CLIENT_KINDS.includes(kind as ClientKind) ? (kind as ClientKind) : 'openai';
    const text = clientSnippet(k, s.info.url, readSettings().defaultModel, s.info.token);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(`StreamFix: copied the ${k} set-up for ${s.info.url}`);
    return text;
  });
  command('streamfix.restartDaemon', () => daemon.restart());
  command('streamfix.showOutput', () => log.channel.show(true));
  command('streamfix.showDaemonLog', () => daemonLog.show(true));
  command('streamfix.refreshArtifacts', () => artifacts.refresh());
  command('streamfix.showArtifacts', async () => {
    artifacts.refresh();
    await vscode.commands.executeCommand('workbench.view.extension.streamfix');
  });
  command('streamfix.copyGatewayUrl', async () => {
    const s = daemon.state;
    if (s.kind !== 'running') {
      void vscode.window.showErrorMessage(`StreamFix: the daemon is not running (${s.kind}), so there is no gateway URL yet.`);
      return undefined;
    }
    await vscode.env.clipboard.writeText(s.info.url);
    void vscode.window.showInformationMessage(`StreamFix: copied ${s.info.url}`);
    return s.info.url;
  });
  // The key argument lets tests (and other extensions) set a key without the input box.
  command('streamfix.setApiKey', async (arg?: unknown) => {
    let key = typeof arg === 'string' ? arg : undefined;
    if (key === undefined) {
      key = await vscode.window.showInputBox({
        title: 'StreamFix: OpenRouter API key',
        prompt: 'Stored in VS Code SecretStorage (it wins over the streamfix.apiKey setting). Leave empty to remove it.',
        placeHolder: 'sk-or-v1-…',
        password: true,
        ignoreFocusOut: true,
      });
      if (key === undefined) return false;
    }
    key = key.trim();
    if (key) await context.secrets.store(SECRET_KEY, key);
    else await context.secrets.delete(SECRET_KEY);
    void vscode.window.showInformationMessage(keyChangeMessage(Boolean(key), readSettings().apiKey));
    await daemon.restart();
    return true;
  });
  command('streamfix.openArtifact', async (arg?: unknown) => {
    const id = idFromArg(arg);
    if (!id) return void vscode.window.showErrorMessage('StreamFix: pick an artifact in the StreamFix Artifacts view.');
    await inspector.open(id);
  });
  command('streamfix.openArtifactJson', async (arg?: unknown) => {
    const id = idFromArg(arg);
    if (!id) return void vscode.window.showErrorMessage('StreamFix: pick an artifact in the StreamFix Artifacts view.');
    try {
      await openArtifact(id);
    } catch (err) {
      void vscode.window.showErrorMessage(`StreamFix: cannot open artifact ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  command('streamfix.openArtifactDiff', async (arg?: unknown) => {
    const id = idFromArg(arg);
    if (!id) return void vscode.window.showErrorMessage('StreamFix: pick an artifact in the StreamFix Artifacts view.');
    try {
      await openArtifactDiff(id);
    } catch (err) {
      void vscode.window.showErrorMessage(`StreamFix: cannot open the diff for ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  subs.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) void daemon.restart();
    }),
  );

  const chatHandler = createChatHandler(daemon);
  try {
    const participant = vscode.chat.createChatParticipant('streamfix.chat', chatHandler);
    participant.iconPath = new vscode.ThemeIcon('json');
    subs.push(participant);
  } catch (err) {
    log.write('warn', `chat participant not available in this editor: ${err instanceof Error ? err.message : String(err)}`);
  }
  const modelProvider = createModelProvider(daemon, modelsChanged.event);
  try {
    const registration = registerModelProvider(modelProvider);
    if (registration) subs.push(registration);
    else log.write('info', 'this editor has no language model provider API; @streamfix chat still works');
  } catch (err) {
    log.write('warn', `language model provider not registered: ${err instanceof Error ? err.message : String(err)}`);
  }

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
