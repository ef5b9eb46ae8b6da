/** The API the extension exports from `activate` (for other extensions, and hooks for its own tests). */
import type * as vscode from 'vscode';
import type { GatewayEvent, GatewayInfo } from '../shared/protocol';
import type { ArtifactsProvider } from './artifacts';
import type { ChatViewProvider } from './chatView';
import type { InspectorPanel } from './inspector';
import type { ModelsProvider } from './modelsView';
import type { DaemonState } from './daemon';
import type { ModelChatProvider } from './lmProvider';

export type FinishedEvent = Extract<GatewayEvent, { type: 'finished' }>;

export interface StreamFixApi {
  /** The gateway's OpenAI-style base URL (e.g. `http://127.0.0.1:8787/v1`) while the daemon runs. */
  gatewayUrl(): string | undefined;
  /** The bearer token the gateway requires, if it requires one. */
  token(): string | undefined;
  /** Fires when a gateway request finishes (status, repair count, timings). */
  onDidRepair: vscode.Event<FinishedEvent>;
  /** Fires when the daemon starts, runs, fails or stops. */
  onDidChangeState: vscode.Event<DaemonState>;
  /** Resolves with the gateway info once the daemon runs; rejects with the reason when its start fails. */
  whenRunning(): Promise<GatewayInfo>;
  /** Hooks for the extension's own integration tests: not a stable API. */
  testing: {
    state(): DaemonState;
    statusText(): string;
    logLines(): string[];
    /** The daemon's data dir (the extension's global storage: the artifact store and its lock). */
    dataDir(): string;
    artifacts: ArtifactsProvider;
    /** StreamFix Chat's conversation (the tests drive the view itself through the UI). */
    chatView: ChatViewProvider;
    /** The artifact inspector panel. */
    inspector: InspectorPanel;
    /** The variables new terminals get from the extension (terminal routing). */
    terminalEnv(): Record<string, string>;
    models: ModelsProvider;
    chatHandler: vscode.ChatRequestHandler;
    /** The language model provider (registered only where the editor has the API). */
    modelProvider: ModelChatProvider;
    /** Resolves when the gateway reports request `id` finished. */
    waitForFinished(id: string, timeoutMs?: number): Promise<boolean>;
    request<R>(method: string, params?: unknown): Promise<R>;
  };
}
