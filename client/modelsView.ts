/**
 * The "Models" view: per-model health from the gateway's GET /v1/streamfix/models (requests, repairs per
 * request, FAILED and TRUNCATED rates, schema failures, breaker state and why it opened), worst first as
 * the gateway sorts it. When the gateway does not serve that endpoint (404) the context key `streamfix.modelsAvailable`
 * is false and the view is hidden.
 */
import * as vscode from 'vscode';
import type { ModelHealthEntry } from '../shared/protocol';
import type { DaemonController } from './daemon';
import { gatewayOrigin } from './gatewayHttp';
import { describeHealth, healthTooltip } from './modelHealthText';

export class ModelItem extends vscode.TreeItem {
  /** `readAt`: when the gateway answered (ms), from which an open breaker's probe time is told. */
  constructor(readonly entry: ModelHealthEntry, readAt: number) {
    super(entry.model, vscode.TreeItemCollapsibleState.None);
    this.description = describeHealth(entry, readAt);
    this.tooltip = healthTooltip(entry, readAt);
    const bad = entry.circuit.state !== 'closed' || entry.failedRate > 0;
    this.iconPath = new vscode.ThemeIcon(bad ? 'warning' : 'pass', new vscode.ThemeColor(bad ? 'list.warningForeground' : 'testing.iconPassed'));
    this.accessibilityInformation = { label: `${entry.model} ${this.description}` };
  }
}

export class ModelsProvider implements vscode.TreeDataProvider<ModelItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Refreshes the view when an open breaker's cool-down ends (no event says so: the gateway moves it
   * to half-open only when the next request comes, and its answer then says the cool-down is over). */
  private coolDownTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the last fetch found the endpoint (undefined before the first). */
  available: boolean | undefined;

  constructor(private readonly daemon: DaemonController) {}

  getTreeItem(item: ModelItem): vscode.TreeItem {
    return item;
  }

  async getChildren(item?: ModelItem): Promise<ModelItem[]> {
    if (item) return [];
    const entries = await this.fetchHealth();
    const readAt = Date.now();
    this.refreshAfterCoolDown(entries);
    return entries.map((m) => new ModelItem(m, readAt));
  }

  /** The gateway's model health; also sets whether the view shows at all (the endpoint exists). */
  async fetchHealth(): Promise<ModelHealthEntry[]> {
    const s = this.daemon.state;
    if (s.kind !== 'running') return [];
    try {
      const headers: Record<string, string> = s.info.token ? { authorization: `Bearer ${s.info.token}` } : {};
      const res = await fetch(`${gatewayOrigin(s.info.url)}/v1/streamfix/models`, { headers });
      this.setAvailable(res.status !== 404);
      if (!res.ok) return [];
      const body = (await res.json()) as { data?: ModelHealthEntry[] };
      return body.data ?? [];
    } catch {
      return []; // the daemon is restarting: the view refreshes once it runs
    }
  }

  /** One refresh once the soonest open breaker's cool-down is over (the view shows that it is). */
  private refreshAfterCoolDown(entries: ModelHealthEntry[]): void {
    if (this.coolDownTimer) clearTimeout(this.coolDownTimer);
    this.coolDownTimer = undefined;
    const left = entries.flatMap((m) => (m.circuit.state === 'open' && m.circuit.retryAfterSeconds ? [m.circuit.retryAfterSeconds] : []));
    if (left.length === 0) return;
    this.coolDownTimer = setTimeout(() => {
      this.coolDownTimer = undefined;
      this.refresh();
    }, Math.min(...left) * 1000 + 100);
  }

  private setAvailable(v: boolean): void {
    if (this.available === v) return;
    this.available = v;
    void vscode.commands.executeCommand('setContext', 'streamfix.modelsAvailable', v);
  }

  /** Refreshes the view, and (while it is hidden, so getChildren is not called) finds out if it should show. */
  refresh(): void {
    if (!this.available) void this.fetchHealth();
    this.changed.fire();
  }

  /** A request finished: refresh soon, one refresh for a burst. */
  soon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 300);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.coolDownTimer) clearTimeout(this.coolDownTimer);
    this.changed.dispose();
  }
}
