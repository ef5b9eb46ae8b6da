/** The status bar item: starting / running on :port with the repair count / a model's circuit breaker
 * open / artifacts kept in memory only (the daemon's store cannot write) / failed (click to restart). */
import * as vscode from 'vscode';
import type { GatewayEvent } from '../shared/protocol';
import { BreakerStatus } from './breakerStatus';
import { StoreStatus } from './storeStatus';
import type { DaemonState } from './daemon';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('streamfix.status', vscode.StatusBarAlignment.Right, 100);
  private repairs = 0;
  private state: DaemonState = { kind: 'stopped' };
  private readonly breakers = new BreakerStatus();
  private readonly store = new StoreStatus();

  constructor() {
    this.item.name = 'StreamFix';
    this.render();
    this.item.show();
  }

  setState(s: DaemonState): void {
    if (s.kind === 'starting') {
      this.repairs = 0;
      this.breakers.clear();
    }
    if (s.kind === 'running') this.store.reset(s.info);
    else if (s.kind !== 'starting') this.store.reset();
    this.state = s;
    this.render();
  }

  /** A model's circuit breaker changed state (the daemon's `breaker` event). */
  onBreaker(e: Extract<GatewayEvent, { type: 'breaker' }>): void {
    if (this.breakers.onEvent(e)) this.render();
  }

  /** The daemon's artifact store stopped or started again keeping artifacts on disk (its `store` event). */
  onStore(e: Extract<GatewayEvent, { type: 'store' }>): void {
    if (this.store.onEvent(e)) this.render();
  }

  addRepairs(n: number): void {
    this.repairs += n;
    this.render();
  }

  /** What the item shows (read by the tests). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const s = this.state;
    this.item.backgroundColor = undefined;
    switch (s.kind) {
      case 'starting':
        this.item.text = '$(sync~spin) StreamFix: starting';
        this.item.tooltip = 'Starting the StreamFix daemon';
        this.item.command = 'streamfix.showOutput';
        break;
      case 'running': {
        const open = this.breakers.text();
        const storeTip = this.store.tooltip();
        if (open !== null) {
          // an open breaker is why requests fail at once: it outranks the repair count (and the store's
          // trouble, which its tooltip still says) until it closes
          this.item.text = open;
          this.item.tooltip = storeTip === null ? this.breakers.tooltip() : `${this.breakers.tooltip()}\n\n${storeTip}`;
          this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
          this.item.command = 'streamfix.models.focus';
          break;
        }
        const memoryOnly = this.store.text();
        if (memoryOnly !== null) {
          // answers still come, but their artifacts are not kept: the daemon's /health says degraded
          this.item.text = memoryOnly;
          this.item.tooltip = storeTip!;
          this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
          this.item.command = 'streamfix.showDaemonLog';
          break;
        }
        const r = this.repairs === 1 ? '1 repair' : `${this.repairs} repairs`;
        this.item.text = `$(check) StreamFix :${s.info.port} · ${r}`;
        const md = new vscode.MarkdownString(
          `**StreamFix gateway** ${s.info.url}\n\nUpstream: ${s.info.demo ? 'embedded demo (no API key set)' : s.info.upstream}\n\n` +
            `Repairs since start: ${this.repairs}` +
            (s.fallbackFrom !== undefined ? `\n\nPort ${s.fallbackFrom} was in use, so a free port was taken.` : ''),
        );
        this.item.tooltip = md;
        this.item.command = 'streamfix.showArtifacts';
        break;
      }
      case 'failed':
        this.item.text = '$(error) StreamFix: failed';
        this.item.tooltip = `The daemon is not running: ${s.reason}\nClick to restart.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.item.command = 'streamfix.restartDaemon';
        break;
      default:
        this.item.text = '$(circle-slash) StreamFix: stopped';
        this.item.tooltip = 'Click to start the daemon';
        this.item.command = 'streamfix.restartDaemon';
    }
  }
}
