/**
 * The extension's commands (package.json `contributes.commands`), registered once for the extension's
 * lifetime; each acts on the daemon of the moment (DaemonController) and its views.
 */
import * as vscode from 'vscode';
import { ArtifactItem, idFromArg, openArtifact, openArtifactDiff, type ArtifactsProvider } from './artifacts';
import { CHAT_VIEW_ID } from './chatView';
import { CLIENT_KINDS, clientSnippet, type ClientKind } from './clientSnippets';
import { SECRET_KEY, SECTION, readSettings } from './config';
import type { DaemonController } from './daemon';
import { apiKeyProblem } from '../shared/apiKeyCheck';
import { keyChangeMessage, typedKeyProblem } from './daemonArgs';
import type { EventLog } from './eventLog';
import type { InspectorPanel } from './inspector';
import { repairSelection, targetEditor } from './repairCommand';
import type { TailChannel } from './tailChannel';
import { ROUTE_SETTING } from './terminalRouting';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  daemon: DaemonController;
  log: EventLog;
  daemonLog: TailChannel;
  artifacts: ArtifactsProvider;
  inspector: InspectorPanel;
}

export function registerCommands({ context, daemon, log, daemonLog, artifacts, inspector }: CommandDeps): vscode.Disposable[] {
  const subs: vscode.Disposable[] = [];
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
  command('streamfix.refreshArtifacts', () => artifacts.showNewest());
  command('streamfix.showArtifacts', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.streamfix');
    await artifacts.showNewest();
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
        // a key an HTTP header cannot carry is refused as it is typed (the daemon would refuse to start)
        validateInput: typedKeyProblem,
      });
      if (key === undefined) return false;
    }
    key = key.trim();
    const problem = key ? apiKeyProblem(key) : null;
    if (problem !== null) {
      void vscode.window.showErrorMessage(`StreamFix: the API key was not stored: it ${problem}`);
      return false;
    }
    if (key) await context.secrets.store(SECRET_KEY, key);
    else await context.secrets.delete(SECRET_KEY);
    void vscode.window.showInformationMessage(keyChangeMessage(Boolean(key), readSettings().apiKey));
    await daemon.restart();
    return true;
  });
  /** A command on the artifact picked in the Artifacts view (its tree item, or an id from another caller). */
  const artifactCommand = (id: string, open: (artifactId: string, arg?: unknown) => Promise<unknown>, what: string): void =>
    command(id, async (arg?: unknown) => {
      const artifactId = idFromArg(arg);
      if (!artifactId) return void vscode.window.showErrorMessage('StreamFix: pick an artifact in the StreamFix Artifacts view.');
      try {
        await open(artifactId, arg);
      } catch (err) {
        void vscode.window.showErrorMessage(`StreamFix: cannot open ${what} ${artifactId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  artifactCommand('streamfix.openArtifact', (id) => inspector.open(id), 'the inspector for');
  artifactCommand('streamfix.openArtifactJson', openArtifact, 'artifact');
  // the view's row knows its mode: a strip-mode diff is titled as the inspector's ("raw ↔ sent (strip mode)")
  artifactCommand('streamfix.openArtifactDiff', (id, arg) => openArtifactDiff(id, undefined, arg instanceof ArtifactItem && arg.summary.mode === 'strip'), 'the diff for');
  return subs;
}
