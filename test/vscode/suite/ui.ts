/**
 * The suite's handle on the workbench UI: each call asks the runner's browser (uiDriver.ts) to do what a
 * person would (the command palette, clicks, typing, in the workbench and inside StreamFix's webviews).
 * Only the code-server runner provides it; index.ts loads the UI test files only when it is there.
 */
import { strict as assert } from 'node:assert';
import { GetArtifactMethod } from '../../../shared/protocol';
import type { Artifact } from '../../../shared/protocol';
import type { UiFrame, UiOp } from '../runner/uiOps';
import { getApi } from './helpers';

export const UI_DRIVER = process.env.STREAMFIX_UI_DRIVER;

export async function ui<T = unknown>(op: UiOp): Promise<T> {
  if (!UI_DRIVER) throw new Error('no UI driver in this host (STREAMFIX_UI_DRIVER is unset)');
  const res = await fetch(UI_DRIVER, { method: 'POST', body: JSON.stringify(op) });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: string };
  if (!r.ok) throw new Error(`UI ${op.op} failed: ${r.error}`);
  return r.value as T;
}

/** The text of every match of `selector` in a webview (or the workbench). */
export const texts = (frame: UiFrame | undefined, selector: string): Promise<string[]> => ui<string[]>({ op: 'texts', frame, selector });

/** The notification center's messages, newest first (the web workbench keeps messages there). */
export async function notifications(): Promise<string[]> {
  await ui({ op: 'command', title: 'Notifications: Show Notifications' });
  await ui({ op: 'waitFor', selector: '.notifications-center' });
  return texts(undefined, '.notifications-center .notification-list-item-message');
}

/**
 * Types `prompt` into StreamFix Chat (open) and presses Enter, as a person does, with `model` picked (once the
 * picker lists it) and `mode` (undefined: the mode picked already); does not wait for the answer.
 */
export async function typePrompt(model: string, mode: 'answer' | 'json' | 'schema' | undefined, prompt: string): Promise<void> {
  await ui({ op: 'waitFor', frame: 'chat', selector: `#model option[value="${model}"]`, state: 'attached' });
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  if (mode !== undefined) await ui({ op: 'select', frame: 'chat', selector: '#mode', value: mode });
  await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: prompt });
  await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
}

/** typePrompt, then waits until the turn ends as `end` (done, or error). */
export async function sendPrompt(model: string, mode: 'answer' | 'json' | 'schema' | undefined, prompt: string, end: 'done' | 'error' = 'done'): Promise<void> {
  await typePrompt(model, mode, prompt);
  await ui({ op: 'waitFor', frame: 'chat', selector: `.turn:last-child.${end}`, hasText: prompt, timeoutMs: 60_000 });
}

/** The last turn's artifact, once the gateway reported it finished. */
export async function lastArtifact(): Promise<Artifact> {
  const api = await getApi();
  const id = api.testing.chatView.snapshot.turns.at(-1)?.requestId;
  assert.ok(id, 'the last turn has no request id');
  assert.equal(await api.testing.waitForFinished(id), true);
  return api.testing.request<Artifact>(GetArtifactMethod, { id });
}

/**
 * Asks StreamFix Chat as a person does: opens it, picks `model` and `mode`, types `prompt` and presses Enter;
 * once the turn ends as `end` (done, or error), the turn's artifact, after the gateway reported it finished.
 */
export async function askChat(model: string, mode: 'answer' | 'json', prompt: string, end: 'done' | 'error' = 'done'): Promise<Artifact> {
  await ui({ op: 'command', title: 'StreamFix: Open Chat' });
  await sendPrompt(model, mode, prompt, end);
  return lastArtifact();
}

/** Clicks New: the conversation (and its schema) cleared. */
export async function newConversation(): Promise<void> {
  await ui({ op: 'click', frame: 'chat', selector: '#new' });
  await ui({ op: 'waitFor', frame: 'chat', selector: '.turn', state: 'detached' });
}

/** Picks `model` again once a suite with models of its own is done (the view keeps the picked model in its
 * list, so a fake model would stay after the demo upstream is back), and waits for the view to hold it. */
export async function pickModelBack(model: string): Promise<void> {
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  const api = await getApi();
  for (let i = 0; i < 100 && api.testing.chatView.snapshot.model !== model; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(api.testing.chatView.snapshot.model, model);
}

/** Opens artifact `id` in the inspector from the artifacts tree, as a person would. */
export async function inspectArtifact(id: string): Promise<void> {
  await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
  await ui({ op: 'click', selector: `.monaco-list-row[aria-label*="${id}"]` });
  await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: id });
}
