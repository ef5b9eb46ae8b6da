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
 * Asks StreamFix Chat as a person does: opens it, picks `model` (once the picker lists it) and `mode`, types
 * `prompt` and presses Enter; once the turn ends as `end` (done, or error), the turn's artifact, after the
 * gateway reported it finished.
 */
export async function askChat(model: string, mode: 'answer' | 'json', prompt: string, end: 'done' | 'error' = 'done'): Promise<Artifact> {
  await ui({ op: 'command', title: 'StreamFix: Open Chat' });
  await ui({ op: 'waitFor', frame: 'chat', selector: `#model option[value="${model}"]`, state: 'attached' });
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  await ui({ op: 'select', frame: 'chat', selector: '#mode', value: mode });
  await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: prompt });
  await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
  await ui({ op: 'waitFor', frame: 'chat', selector: `.turn:last-child.${end}`, hasText: prompt, timeoutMs: 60_000 });
  const api = await getApi();
  const id = api.testing.chatView.snapshot.turns.at(-1)!.requestId;
  assert.ok(id, `the turn "${prompt}" has no request id`);
  assert.equal(await api.testing.waitForFinished(id), true);
  return api.testing.request<Artifact>(GetArtifactMethod, { id });
}

/** Opens artifact `id` in the inspector from the artifacts tree, as a person would. */
export async function inspectArtifact(id: string): Promise<void> {
  await ui({ op: 'command', title: 'StreamFix: Show Artifacts' });
  await ui({ op: 'click', selector: `.monaco-list-row[aria-label*="${id}"]` });
  await ui({ op: 'waitFor', frame: 'inspector', selector: 'dd[data-field="request-id"]', hasText: id });
}
