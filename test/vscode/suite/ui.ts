/**
 * The suite's handle on the workbench UI: each call asks the runner's browser (uiDriver.ts) to do what a
 * person would (the command palette, clicks, typing, in the workbench and inside StreamFix's webviews).
 * Only the code-server runner provides it; index.ts loads the UI test files only when it is there.
 */
import type { UiFrame, UiOp } from '../runner/uiOps';

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
