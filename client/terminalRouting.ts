/**
 * Routes AI tools started in the integrated terminal through the gateway: while the setting
 * `streamfix.terminal.routeAiTools` is on and the daemon runs, new terminals get OPENAI_BASE_URL (the
 * gateway's /v1), ANTHROPIC_BASE_URL (the gateway's root, where the Messages API is served) and, when
 * the gateway requires one, STREAMFIX_TOKEN. Updated when the port changes; removed when turned off or
 * when the daemon stops. Not persisted: a stale port must not outlive the window.
 */
import * as vscode from 'vscode';
import { SECTION } from './config';
import type { DaemonController } from './daemon';
import { gatewayOrigin } from './gatewayHttp';

export const ROUTE_SETTING = 'terminal.routeAiTools';

/** The variables new terminals get for a gateway at `url` (e.g. http://127.0.0.1:8787/v1). */
export function routingVariables(url: string, token: string | null): Record<string, string> {
  const origin = gatewayOrigin(url);
  const vars: Record<string, string> = { OPENAI_BASE_URL: `${origin}/v1`, ANTHROPIC_BASE_URL: origin };
  if (token) vars.STREAMFIX_TOKEN = token;
  return vars;
}

export function isRoutingOn(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(ROUTE_SETTING) === true;
}

export class TerminalRouting implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly env: vscode.GlobalEnvironmentVariableCollection,
    private readonly daemon: DaemonController,
  ) {
    env.persistent = false;
    this.subs.push(
      daemon.onDidChangeState(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${ROUTE_SETTING}`)) this.update();
      }),
    );
    this.update();
  }

  /** What new terminals get now (empty when routing is off or the daemon is not running). */
  current(): Record<string, string> {
    const out: Record<string, string> = {};
    this.env.forEach((name, m) => (out[name] = m.value));
    return out;
  }

  update(): void {
    const s = this.daemon.state;
    this.env.clear();
    if (!isRoutingOn() || s.kind !== 'running') return;
    const vars = routingVariables(s.info.url, s.info.token);
    for (const [name, value] of Object.entries(vars)) this.env.replace(name, value);
    this.env.description = new vscode.MarkdownString(
      `StreamFix routes AI tools through its gateway: \`OPENAI_BASE_URL=${vars.OPENAI_BASE_URL}\`, \`ANTHROPIC_BASE_URL=${vars.ANTHROPIC_BASE_URL}\`${vars.STREAMFIX_TOKEN ? ', `STREAMFIX_TOKEN`' : ''}. Turn off with the setting \`streamfix.terminal.routeAiTools\`.`,
    );
  }

  dispose(): void {
    for (const d of this.subs.splice(0)) d.dispose();
  }
}
