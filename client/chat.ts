/**
 * The `@streamfix` chat participant: sends the chat request through the gateway to the default model,
 * streams the answer into the chat, then lists the repairs the gateway made with a button that opens
 * the request's artifact. `/json` asks the model for a JSON object (the gateway then repairs it).
 */
import * as vscode from 'vscode';
import { GetArtifactMethod } from '../shared/protocol';
import type { Artifact } from '../shared/protocol';
import { readSettings } from './config';
import type { DaemonController } from './daemon';
import type { ChatMessage } from './gatewayHttp';
import { repairsMarkdown } from './participantText';
import { streamChat } from './gatewayHttp';

/** The demo model asked when no key is set and the default model is not a demo model. */
export const DEMO_FALLBACK_MODEL = 'demo/fenced-prose';

/** The turns of the history as OpenAI-style messages (only this participant's turns are given to us). */
export function historyMessages(history: vscode.ChatContext['history']): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of history) {
    if (turn instanceof vscode.ChatRequestTurn) {
      out.push({ role: 'user', content: turn.prompt });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response
        .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : ''))
        .join('');
      if (text) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}

export function createChatHandler(daemon: DaemonController): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const client = daemon.languageClient;
    const state = daemon.state;
    if (!client || state.kind !== 'running') {
      const message = 'The StreamFix daemon is not running. Run "StreamFix: Restart Daemon" and try again.';
      stream.markdown(message);
      return { errorDetails: { message } };
    }
    const json = request.command === 'json';
    const configured = readSettings().defaultModel;
    // Without a key the embedded demo answers, and it only knows its own demo/* models.
    const model = state.info.demo && !configured.startsWith('demo/') ? DEMO_FALLBACK_MODEL : configured;
    if (model !== configured) {
      stream.markdown(`_No OpenRouter API key is set, so the embedded demo answers as \`${model}\`._\n\n`);
    }
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      if (json) stream.markdown('```json\n');
      const result = await streamChat(
        state.info.url,
        { model, json, messages: [...historyMessages(context.history), { role: 'user', content: request.prompt }] },
        (text) => stream.markdown(text),
        { signal: abort.signal, token: state.info.token },
      );
      if (json) stream.markdown('\n```\n');
      let artifact: Artifact | null = null;
      if (result.requestId) {
        await daemon.waitForFinished(result.requestId);
        artifact = await daemon.request<Artifact | null>(GetArtifactMethod, { id: result.requestId }).catch(() => null);
      }
      if (artifact) {
        stream.markdown(repairsMarkdown(artifact));
        stream.button({ command: 'streamfix.openArtifact', title: 'Open Artifact', arguments: [artifact.id] });
        stream.button({ command: 'streamfix.openArtifactDiff', title: 'Raw vs Repaired', arguments: [artifact.id] });
      }
      return { metadata: { requestId: result.requestId, content: result.content, status: artifact?.status ?? null } };
    } catch (err) {
      const message = `StreamFix: ${err instanceof Error ? err.message : String(err)}`;
      if (json) stream.markdown('\n```\n');
      stream.markdown(message);
      return { errorDetails: { message } };
    } finally {
      cancel.dispose();
    }
  };
}
