/**
 * An output channel that also remembers its last lines, so that when the daemon fails to start the
 * error message can quote what it printed (its stderr reaches us only through the client's channel).
 */
import type * as vscode from 'vscode';

const KEEP = 40;

/** The line Node prints for an uncaught error, before its stack: `Error: …`, `TypeError [ERR_X]: …`. */
const UNCAUGHT = /^(?:Uncaught )?(?:[A-Z][A-Za-z]*)?(?:Error|Exception)(?: \[[A-Z0-9_]+\])?: \S/;

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
   * Why the daemon stopped at start, from what it printed since `mark()`: its last `streamfix: ...` line
   * (how the daemon reports a fatal error); else, when Node printed an uncaught error (`Error: …`,
   * `TypeError [ERR_X]: …`, its stack after it), that error's line (`it crashed at start: Error: …`), not
   * the stack's last frames; else its last other lines. vscode-languageclient's own lines
   * (`[Error - 10:00:00] ...` and their indented details) are skipped: they say only that the
   * connection closed.
   */
  reason(): string | undefined {
    const own = this.tail(KEEP).filter((l) => !/^\[(Error|Warn|Info|Trace|Debug) - /.test(l) && !/^\s+(Message|Code):/.test(l));
    const fatal = own.filter((l) => l.startsWith('streamfix:'));
    if (fatal.length > 0) return fatal[fatal.length - 1]!.replace(/^streamfix:\s*/, '');
    const thrown = own.filter((l) => UNCAUGHT.test(l));
    if (thrown.length > 0) return `it crashed at start: ${thrown[thrown.length - 1]!.trim()}`;
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
