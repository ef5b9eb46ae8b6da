/**
 * An output channel that also remembers its last lines, so that when the daemon fails to start the
 * error message can quote what it printed (its stderr reaches us only through the client's channel).
 */
import type * as vscode from 'vscode';

const KEEP = 40;

export class TailChannel implements vscode.OutputChannel {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly inner: vscode.OutputChannel) {}

  get name(): string {
    return this.inner.name;
  }

  append(value: string): void {
    this.inner.append(value);
    this.remember(value);
  }

  appendLine(value: string): void {
    this.inner.appendLine(value);
    this.remember(value + '\n');
  }

  replace(value: string): void {
    this.inner.replace(value);
    this.lines = [];
    this.partial = '';
    this.remember(value);
  }

  clear(): void {
    this.inner.clear();
    this.lines = [];
    this.partial = '';
  }

  show(columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined) this.inner.show(columnOrPreserve);
    else this.inner.show(columnOrPreserve, preserveFocus);
  }

  hide(): void {
    this.inner.hide();
  }

  dispose(): void {
    this.inner.dispose();
  }

  /** Forget what was printed so far (called before each start, so a failure quotes only that start). */
  mark(): void {
    this.lines = [];
    this.partial = '';
  }

  /**
   * Why the daemon stopped, from what it printed since `mark()`: its last `streamfix: ...` line (how the
   * daemon reports a fatal error), else its last other lines. vscode-languageclient's own lines
   * (`[Error - 10:00:00] ...` and their indented details) are skipped: they say only that the
   * connection closed.
   */
  reason(): string | undefined {
    const own = this.tail(KEEP).filter((l) => !/^\[(Error|Warn|Info|Trace|Debug) - /.test(l) && !/^\s+(Message|Code):/.test(l));
    const fatal = own.filter((l) => l.startsWith('streamfix:'));
    if (fatal.length > 0) return fatal[fatal.length - 1]!.replace(/^streamfix:\s*/, '');
    return own.length > 0 ? own.slice(-3).join(' | ') : undefined;
  }

  /** The last non-empty lines printed since `mark()`, newest last. */
  tail(n = 5): string[] {
    const all = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    return all.filter((l) => l.trim() !== '').slice(-n);
  }

  private remember(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP);
  }
}
