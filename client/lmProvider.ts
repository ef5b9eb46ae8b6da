/**
 * A language model chat provider offering the gateway's models to the editor's own chat, so any chat
 * request can route through StreamFix. The API (`vscode.lm.registerLanguageModelChatProvider`) is newer
 * than the @types/vscode this project builds against (1.91), so the few types it needs are declared
 * here and the registration is skipped when the running editor lacks it.
 */
import * as vscode from 'vscode';
import type { DaemonController } from './daemon';
import type { ChatMessage } from './gatewayHttp';
import { listModels, streamChat } from './gatewayHttp';

export const VENDOR = 'streamfix';

export interface ModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  tooltip?: string;
  capabilities: { imageInput?: boolean; toolCalling?: boolean | number };
}

export interface RequestMessage {
  role: number;
  content: string | readonly unknown[];
}

export interface ModelChatProvider {
  onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: unknown, token: vscode.CancellationToken): Promise<ModelInfo[]>;
  provideLanguageModelChatResponse(
    model: ModelInfo,
    messages: readonly RequestMessage[],
    options: unknown,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Promise<void>;
  provideTokenCount(model: ModelInfo, text: string | RequestMessage, token: vscode.CancellationToken): Promise<number>;
}

type LmWithProvider = { registerLanguageModelChatProvider?: (vendor: string, p: ModelChatProvider) => vscode.Disposable };
type TextPartCtor = new (value: string) => unknown;

/** Text of a message whatever shape this editor version uses (a string, or parts with `value`). */
export function messageText(content: RequestMessage['content']): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part && typeof part === 'object' && typeof (part as { value?: unknown }).value === 'string' ? (part as { value: string }).value : ''))
    .join('');
}

const ROLES: Record<number, ChatMessage['role']> = { 1: 'user', 2: 'assistant', 3: 'system' };

export function createModelProvider(daemon: DaemonController, changed: vscode.Event<void>): ModelChatProvider {
  return {
    onDidChangeLanguageModelChatInformation: changed,
    async provideLanguageModelChatInformation() {
      const s = daemon.state;
      if (s.kind !== 'running') return [];
      const ids = await listModels(s.info.url, { token: s.info.token }).catch(() => [] as string[]);
      return ids.map((id) => ({
        id,
        name: `${id} (StreamFix)`,
        family: id.split('/')[0] ?? id,
        version: '1',
        maxInputTokens: 128_000,
        maxOutputTokens: 16_000,
        tooltip: `${id} through the StreamFix gateway (${s.info.url})`,
        capabilities: {},
      }));
    },
    async provideLanguageModelChatResponse(model, messages, _options, progress, token) {
      const s = daemon.state;
      if (s.kind !== 'running') throw new Error('The StreamFix daemon is not running');
      const TextPart = (vscode as unknown as { LanguageModelTextPart?: TextPartCtor }).LanguageModelTextPart;
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        await streamChat(
          s.info.url,
          { model: model.id, messages: messages.map((m) => ({ role: ROLES[m.role] ?? 'user', content: messageText(m.content) })) },
          (text) => progress.report(TextPart ? new TextPart(text) : text),
          { signal: abort.signal, token: s.info.token },
        );
      } finally {
        cancel.dispose();
      }
    },
    async provideTokenCount(_model, text) {
      // A rough count (about 4 characters a token): the gateway serves many model families.
      const s = typeof text === 'string' ? text : messageText(text.content);
      return Math.ceil(s.length / 4);
    },
  };
}

/** Register the provider when this editor has the API; returns undefined otherwise. */
export function registerModelProvider(provider: ModelChatProvider): vscode.Disposable | undefined {
  const lm = vscode.lm as unknown as LmWithProvider | undefined;
  if (typeof lm?.registerLanguageModelChatProvider !== 'function') return undefined;
  return lm.registerLanguageModelChatProvider(VENDOR, provider);
}
