/**
 * The editor's built-in AI chat (the @streamfix participant) and language model provider, where the editor
 * has them (they need Copilot's chat); StreamFix's own chat view works without either.
 */
import * as vscode from 'vscode';
import type { EventLog } from './eventLog';
import { registerModelProvider, type ModelChatProvider } from './lmProvider';

export function registerEditorChat(chatHandler: vscode.ChatRequestHandler, modelProvider: ModelChatProvider, log: EventLog): vscode.Disposable[] {
  const subs: vscode.Disposable[] = [];
  try {
    const participant = vscode.chat.createChatParticipant('streamfix.chat', chatHandler);
    participant.iconPath = new vscode.ThemeIcon('json');
    subs.push(participant);
  } catch (err) {
    log.write('warn', `chat participant not available in this editor: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const registration = registerModelProvider(modelProvider);
    if (registration) subs.push(registration);
    else log.write('info', 'this editor has no language model provider API; @streamfix chat still works');
  } catch (err) {
    log.write('warn', `language model provider not registered: ${err instanceof Error ? err.message : String(err)}`);
  }

  return subs;
}
