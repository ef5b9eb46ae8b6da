/**
 * The "StreamFix" log channel: one line per gateway event as it happens. Keeps the last lines in memory
 * too, so the extension's tests (and the status tooltip) can read what was logged.
 */
import type * as vscode from 'vscode';
import type { GatewayEvent } from '../shared/protocol';
import { formatEvent } from './eventFormat';

const KEEP = 500;

export class EventLog {
  private readonly recent: string[] = [];

  constructor(readonly channel: vscode.LogOutputChannel) {}

  event(e: GatewayEvent): void {
    const { level, lines } = formatEvent(e);
    for (const line of lines) this.write(level, line);
  }

  write(level: 'info' | 'warn' | 'error', line: string): void {
    if (level === 'error') this.channel.error(line);
    else if (level === 'warn') this.channel.warn(line);
    else this.channel.info(line);
    this.recent.push(line);
    if (this.recent.length > KEEP) this.recent.splice(0, this.recent.length - KEEP);
  }

  /** The last lines written (without timestamps), oldest first. */
  lines(): string[] {
    return [...this.recent];
  }
}
