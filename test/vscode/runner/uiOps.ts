/**
 * The operations the in-host suite asks the runner's browser to perform (uiDriver.ts), typed once: the
 * suite runs inside the extension host and cannot reach the workbench page, so it drives the UI the way a
 * person does (command palette, clicks and keys in the workbench and in webviews) through the runner.
 */

/** A StreamFix webview, found by its `<body data-streamfix-view="...">`; omitted = the workbench page. */
export type UiFrame = 'chat' | 'inspector';

export type UiOp =
  /** Runs a command from the command palette by its title ("StreamFix: Open Chat"). */
  | { op: 'command'; title: string }
  /** `modifiers` are held during the click (an editor link opens on Ctrl+click). */
  | { op: 'click'; frame?: UiFrame; selector: string; hasText?: string; last?: boolean; modifiers?: ('Control' | 'Meta' | 'Shift' | 'Alt')[] }
  /** Moves the mouse over the first match (a tree item's tooltip shows after the hover delay). */
  | { op: 'hover'; frame?: UiFrame; selector: string; hasText?: string }
  | { op: 'fill'; frame?: UiFrame; selector: string; value: string }
  | { op: 'select'; frame?: UiFrame; selector: string; value: string }
  | { op: 'press'; frame?: UiFrame; selector?: string; key: string }
  /** Resolves once `selector` (with `hasText`) reaches `state` (default visible). */
  | { op: 'waitFor'; frame?: UiFrame; selector: string; hasText?: string; state?: 'visible' | 'hidden' | 'attached' | 'detached'; timeoutMs?: number }
  /** The text content of every match, in document order. */
  | { op: 'texts'; frame?: UiFrame; selector: string }
  /** After the suite passed, the runner reloads the window and checks that this text is shown again. */
  | { op: 'checkAfterReload'; name: string; openCommand: string; frame: UiFrame; selector: string; hasText: string }
  | { op: 'screenshot'; name: string };

export type UiResult = { ok: true; value?: unknown } | { ok: false; error: string };
