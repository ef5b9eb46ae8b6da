/**
 * Test helper: starts the BUILT daemon (`dist/main.js --stdio`) as a child process and speaks LSP to it
 * with vscode-languageserver-protocol's client-side connection. Waiting is done on received messages,
 * never on timers.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ConfigurationRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { InitializeResult, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { GatewayEventNotification } from '../../../shared/protocol';
import type { GatewayEvent } from '../../../shared/protocol';

export const MAIN = resolve(__dirname, '../../../dist/main.js');

type Waiter<T> = { pred: (v: T) => boolean; resolve: (v: T) => void };

/** A list of received values that a test can wait on (resolves at once if a match already arrived). */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Waiter<T>[] = [];
  push(v: T): void {
    this.items.push(v);
    this.waiters = this.waiters.filter((w) => (w.pred(v) ? (w.resolve(v), false) : true));
  }
  wait(pred: (v: T) => boolean, from = 0): Promise<T> {
    const found = this.items.slice(from).find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
}

export interface LspHarness {
  conn: ProtocolConnection;
  child: ChildProcess;
  init: InitializeResult;
  diagnostics: Inbox<PublishDiagnosticsParams>;
  events: Inbox<GatewayEvent>;
  /** What the server gets for `workspace/configuration` (section streamfix.diagnostics). */
  settings: Record<string, unknown>;
  configurationRequests: number;
  stderr(): string;
  /** shutdown + exit; resolves with the process exit code. */
  stop(): Promise<number | null>;
}

export async function startLsp(): Promise<LspHarness> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'streamfix-lsp-'));
  const child = spawn(process.execPath, [MAIN, '--stdio', '--port', '0', '--demo', '--demo-delay-ms', '0', '--data-dir', dataDir, '--log-level', 'warn'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, OPENROUTER_API_KEY: '' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const h: LspHarness = {
    conn,
    child,
    init: undefined as unknown as InitializeResult,
    diagnostics: new Inbox(),
    events: new Inbox(),
    settings: { enable: true, debounceMs: 30, jsoncTrailingCommas: false },
    configurationRequests: 0,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      }
      const code = await exited;
      conn.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => h.diagnostics.push(p));
  conn.onNotification(GatewayEventNotification, (e: GatewayEvent) => h.events.push(e));
  conn.onRequest(ConfigurationRequest.type, (p) => {
    h.configurationRequests++;
    return p.items.map(() => h.settings);
  });
  conn.onRequest(RegistrationRequest.type, () => null);
  conn.listen();
  const early = exited.then((code) => ({ exitedEarly: code }));
  const first = await Promise.race([
    conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { dataSupport: true } },
      },
    }),
    early,
  ]);
  if ('exitedEarly' in first) throw new Error(`the daemon exited (${first.exitedEarly}) before initialize answered: ${stderr}`);
  h.init = first;
  await conn.sendNotification('initialized', {});
  return h;
}
