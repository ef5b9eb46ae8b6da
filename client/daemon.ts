/**
 * Owns the daemon process (gateway + language server) started through vscode-languageclient over IPC:
 * start, stop, restart (serialised, so a burst of setting changes cannot start two daemons), its state,
 * and the gateway events it forwards. Everything made for one daemon goes into `serverSubs`, disposed on
 * stop, so a restart leaks nothing; the controller itself lives as long as the extension.
 */
import { mkdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { DAEMON_NODE_FLAGS } from '../shared/config';
import { GatewayEventNotification, GatewayInfoMethod } from '../shared/protocol';
import type { GatewayEvent, GatewayInfo } from '../shared/protocol';
import { SECRET_KEY, readSettings } from './config';
import { daemonArgs, daemonEnv, keyProblem, settingOfDaemonError } from './daemonArgs';
import type { TailChannel } from './tailChannel';

/**
 * The language client, quiet: the controller says itself, once, why the daemon did not start or stopped
 * (`fail`, `crashed`), so the client's own notifications ("couldn't create connection to server", forced
 * whatever the error handler answers) only go to the log. An exit the controller asked for is logged
 * plainly rather than as the client's "[Error] Server process exited with code 0". And the promises the
 * client drops when the daemon exits during a start (the start's, which its close handler forgets, and
 * the stop it tries after the failed initialize) are marked handled: the start's failure reaches the
 * controller through `start()` or the next request instead.
 */
class DaemonClient extends LanguageClient {
  /** Set once the controller stops this client: its daemon's exit from then on is the ordinary one. */
  private stopAsked = false;

  constructor(serverOptions: ServerOptions, clientOptions: LanguageClientOptions) {
    super('streamfix', 'StreamFix', serverOptions, clientOptions);
    const self = this as unknown as { createOnStartPromise: () => [Promise<void>, () => void, (e: unknown) => void] };
    const create = self.createOnStartPromise.bind(this);
    self.createOnStartPromise = () => {
      const made = create();
      made[0].catch(() => undefined);
      return made;
    };
  }

  /**
   * The client itself stops after a failed initialize with `void this.stop()`, which rejects while it is
   * still starting: marked handled here (a caller that awaits the stop still gets its rejection).
   */
  override stop(timeout?: number): Promise<void> {
    this.stopAsked = true;
    const stopped = super.stop(timeout);
    stopped.catch(() => undefined);
    return stopped;
  }

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    if (/^Server process exited with code 0\.$/.test(message) && this.stopAsked) {
      this.outputChannel.appendLine('[streamfix] the daemon stopped (exit code 0)');
      return;
    }
    super.error(message, data, showNotification === 'force' ? false : showNotification);
  }
}

export type DaemonState =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  | { kind: 'running'; info: GatewayInfo; fallbackFrom?: number }
  | { kind: 'failed'; reason: string };

/** After a crash the daemon is restarted after 1 s, 2 s, 4 s, … up to this. */
const RESTART_MAX_DELAY_MS = 30_000;
/** Crashes in a row (without a run this long in between) before the extension stops restarting it. */
const RESTART_MAX = 5;
const RESTART_STABLE_MS = 60_000;

export class DaemonController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private serverSubs: vscode.Disposable[] = [];
  private current: DaemonState = { kind: 'stopped' };
  private queue: Promise<void> = Promise.resolve();
  /** Ids of recently finished gateway requests, so a caller can wait for one whose event already came. */
  private readonly finished: string[] = [];
  /** Set while we stop the client on purpose, so its close is not reported as a crash. */
  private stopping = false;
  /** Crashes since the daemon last ran for RESTART_STABLE_MS: picks the next restart delay. */
  private crashes = 0;
  private runningSince = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<DaemonState>();
  private readonly eventEmitter = new vscode.EventEmitter<GatewayEvent>();
  /** Fires on every state change. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Every gateway event the daemon forwards (`streamfix/gatewayEvent`). */
  readonly onGatewayEvent = this.eventEmitter.event;

  constructor(
    private readonly ext: vscode.ExtensionContext,
    private readonly daemonLog: TailChannel,
  ) {}

  get state(): DaemonState {
    return this.current;
  }

  get languageClient(): LanguageClient | undefined {
    return this.current.kind === 'running' ? this.client : undefined;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  /**
   * Once every queued start/stop/restart is done: resolves with the gateway info when the daemon runs,
   * rejects with the reason when it failed or is stopped.
   */
  async whenRunning(): Promise<GatewayInfo> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue) break;
    }
    const s = this.current;
    if (s.kind === 'running') return s.info;
    throw new Error(s.kind === 'failed' ? s.reason : `the StreamFix daemon is ${s.kind}`);
  }

  /**
   * Resolves once the gateway reported request `id` finished (its artifact is then in the store), or
   * after `timeoutMs` (resolving false) so a lost event cannot hang a caller.
   */
  waitForFinished(id: string, timeoutMs = 3000): Promise<boolean> {
    if (this.finished.includes(id)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(false);
      }, timeoutMs);
      const sub = this.onGatewayEvent((e) => {
        if (e.type === 'finished' && e.id === id) {
          clearTimeout(timer);
          sub.dispose();
          resolve(true);
        }
      });
    });
  }

  /** Send a request to the running daemon; a clear error when it is not running. */
  async request<R>(method: string, params?: unknown): Promise<R> {
    const client = this.languageClient;
    if (!client) throw new Error(`the StreamFix daemon is not running (${this.current.kind})`);
    return client.sendRequest<R>(method, params);
  }

  dispose(): void {
    clearTimeout(this.restartTimer);
    void this.stop();
    this.stateEmitter.dispose();
    this.eventEmitter.dispose();
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private setState(s: DaemonState): void {
    this.current = s;
    this.stateEmitter.fire(s);
  }

  private async doStart(): Promise<void> {
    this.setState({ kind: 'starting' });
    this.daemonLog.mark();
    let client: LanguageClient | undefined;
    try {
      const settings = readSettings();
      const secret = await this.ext.secrets.get(SECRET_KEY);
      // A key the daemon would refuse: said with where it is set, and the daemon not started (it would
      // exit at once, and the language client add a notification of its own that says nothing)
      const keyError = keyProblem(process.env, secret, settings.apiKey);
      if (keyError !== null) {
        this.daemonLog.appendLine(`[streamfix] not starting the daemon: ${keyError}`);
        this.fail(keyError, 'key');
        return;
      }
      // Another window's daemon usually holds the default port: the daemon takes a free one rather than
      // fail (--port-fallback, decided at its bind, so two windows starting at once cannot both miss it).
      const port = settings.gatewayPort;
      const dataDir = this.ext.globalStorageUri.fsPath;
      await mkdir(dataDir, { recursive: true });
      const module = this.ext.asAbsolutePath('dist/main.js');
      const run = {
        module,
        transport: TransportKind.ipc,
        args: daemonArgs(settings, dataDir, port),
        options: { env: daemonEnv(process.env, secret, settings.apiKey), execArgv: [...DAEMON_NODE_FLAGS] },
      };
      const serverOptions: ServerOptions = { run, debug: run };
      const clientOptions: LanguageClientOptions = {
        // Files and untitled editors only: artifact documents, diffs and settings are not checked.
        documentSelector: ['file', 'untitled'].flatMap((scheme) => [
          { scheme, language: 'json' },
          { scheme, language: 'jsonc' },
        ]),
        outputChannel: this.daemonLog,
        initializationFailedHandler: () => false,
        errorHandler: {
          error: () => ({ action: ErrorAction.Continue, handled: true }),
          closed: () => {
            if (!this.stopping && this.current.kind === 'running') this.crashed();
            return { action: CloseAction.DoNotRestart, handled: true };
          },
        },
      };
      client = new DaemonClient(serverOptions, clientOptions);
      this.client = client;
      this.serverSubs.push(
        client.onNotification(GatewayEventNotification, (e: GatewayEvent) => {
          if (e.type === 'finished') {
            this.finished.push(e.id);
            if (this.finished.length > 200) this.finished.shift();
          }
          this.eventEmitter.fire(e);
        }),
      );
      await client.start();
      const info = await client.sendRequest<GatewayInfo>(GatewayInfoMethod);
      const fallbackFrom = info.fallbackFrom;
      this.setState({ kind: 'running', info, fallbackFrom });
      this.runningSince = Date.now();
      if (fallbackFrom !== undefined) {
        void vscode.window.showWarningMessage(
          `StreamFix: port ${fallbackFrom} is in use (another window?), so the gateway listens on ${info.url} instead.`,
        );
      }
    } catch (err) {
      // One path for every start that fails: the daemon's own words (its last `streamfix:` line), naming
      // the setting when they are about one, with what fixes it
      const said = this.daemonLog.reason() ?? (err instanceof Error ? err.message : String(err));
      const setting = settingOfDaemonError(said);
      await this.disposeClient();
      if (setting !== null) this.fail(`The streamfix.${setting} setting is refused: ${said}`, { setting });
      else this.fail(said);
    }
  }

  /**
   * The daemon died on its own (killed, out of memory): say so, and start it again after a delay that
   * doubles with each crash (1 s … 30 s) until it has run RESTART_STABLE_MS; after RESTART_MAX crashes in
   * a row it stays down with the Restart action, so a daemon that cannot live does not loop for ever.
   */
  private crashed(): void {
    if (Date.now() - this.runningSince >= RESTART_STABLE_MS) this.crashes = 0;
    this.crashes++;
    if (this.crashes > RESTART_MAX) {
      this.fail(`the daemon exited unexpectedly ${RESTART_MAX} times in a row; not restarting it again`);
      return;
    }
    const delay = Math.min(RESTART_MAX_DELAY_MS, 1000 * 2 ** (this.crashes - 1));
    const reason = `the daemon exited unexpectedly; restarting it in ${delay / 1000} s`;
    this.setState({ kind: 'failed', reason });
    this.daemonLog.appendLine(`[streamfix] ${reason} (crash ${this.crashes} of at most ${RESTART_MAX} in a row)`);
    void vscode.window.showWarningMessage(`StreamFix: ${reason}.`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.daemonLog.show(true);
    });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      // a start, stop or restart asked for meanwhile has already decided
      if (this.current.kind === 'failed' && this.current.reason === reason) void this.restart();
    }, delay);
  }

  /**
   * The one notification of a daemon that is not running. `key`: the API key is what is wrong, and
   * setting another is what fixes it; `setting`: that streamfix.* setting is (Open Settings shows it).
   * Neither is fixed by a restart, so Restart is offered only for the other failures.
   */
  private fail(reason: string, cause: 'key' | { setting: string } | 'other' = 'other'): void {
    this.setState({ kind: 'failed', reason });
    const actions = cause === 'key' ? ['Set API Key', 'Show Log'] : cause === 'other' ? ['Show Log', 'Restart'] : ['Open Settings', 'Show Log'];
    void vscode.window.showErrorMessage(`StreamFix: the daemon is not running: ${reason}`, ...actions).then((choice) => {
      if (choice === 'Show Log') this.daemonLog.show(true);
      if (choice === 'Restart') void this.restart();
      if (choice === 'Set API Key') void vscode.commands.executeCommand('streamfix.setApiKey');
      if (choice === 'Open Settings' && typeof cause === 'object') void vscode.commands.executeCommand('workbench.action.openSettings', `streamfix.${cause.setting}`);
    });
  }

  private async doStop(): Promise<void> {
    await this.disposeClient();
    if (this.current.kind !== 'failed') this.setState({ kind: 'stopped' });
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.stopping = true;
    try {
      if (client?.needsStop()) await client.stop(3000);
    } catch (err) {
      this.daemonLog.appendLine(`[streamfix] stopping the daemon: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.stopping = false;
      for (const d of this.serverSubs.splice(0)) d.dispose();
    }
  }
}
