/**
 * The runner's side of the UI tests: a loopback HTTP endpoint (its URL goes to the extension host as
 * STREAMFIX_UI_DRIVER) that performs UiOps on the workbench page with playwright, one at a time. Webview
 * content lives in nested iframes; a webview is found by the `data-streamfix-view` of its body.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { UiFrame, UiOp, UiResult } from './uiOps';

const DEFAULT_TIMEOUT = 30_000;

export interface ReloadCheck {
  name: string;
  openCommand: string;
  frame: UiFrame;
  selector: string;
  hasText: string;
}

export interface UiDriver {
  url: string;
  attach(page: Page): void;
  /** Checks the suite asked for after a window reload (run by the runner once the suite passed). */
  readonly reloadChecks: ReloadCheck[];
  close(): Promise<void>;
}

/** Runs a command from the palette, waiting for its row so a half-typed title never runs another one. */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  // the palette closes when something takes the focus while it opens (the workbench opening a view of its own
  // after start-up, a notification): then open it again; nothing has run until Enter is pressed
  for (let attempt = 1; ; attempt++) {
    try {
      await openPaletteWith(page, `>${title}`, title);
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  }
  await page.keyboard.press('Enter');
  // done when the palette closed, or when the command opened its own quick pick / input box in its place
  await page.waitForFunction(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const box = widget?.querySelector<HTMLInputElement>('input');
    return !widget || widget.style.display === 'none' || !box || !box.value.startsWith('>');
  });
}

async function openPaletteWith(page: Page, text: string, row: string): Promise<void> {
  // keys typed while a webview's iframe has the focus go to the webview: hand the focus back first
  await page.evaluate(() => (document.activeElement as { blur?: () => void } | null)?.blur?.());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  // a webview can still swallow the key: then open the palette from the title bar's command center
  const opened = await input.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
  if (!opened) {
    await page.locator('.command-center-center').click();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
  }
  await input.fill(text, { timeout: 10_000 });
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).waitFor({ timeout: 10_000 });
}

/** The newest frame showing StreamFix webview `name` (webviews sit two iframes deep in the workbench). */
export async function findWebview(page: Page, name: UiFrame, timeoutMs = DEFAULT_TIMEOUT): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frames = page.frames().reverse();
    for (const f of frames) {
      if (f.isDetached()) continue;
      const hit = await f.$(`body[data-streamfix-view="${name}"]`).catch(() => null);
      if (hit && (await hit.isVisible().catch(() => false))) return f;
    }
    if (Date.now() > end) throw new Error(`no visible "${name}" webview within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function locate(page: Page, frame: UiFrame | undefined, selector: string, hasText?: string): Promise<Locator> {
  const root = frame ? await findWebview(page, frame) : page;
  return root.locator(selector, hasText === undefined ? undefined : { hasText });
}

async function perform(page: Page, op: UiOp, checks: ReloadCheck[], shotsDir: string): Promise<unknown> {
  switch (op.op) {
    case 'command':
      return runPaletteCommand(page, op.title);
    case 'click': {
      const l = await locate(page, op.frame, op.selector, op.hasText);
      return (op.last ? l.last() : l.first()).click({ timeout: DEFAULT_TIMEOUT, ...(op.modifiers ? { modifiers: op.modifiers } : {}) });
    }
    case 'hover':
      return (await locate(page, op.frame, op.selector, op.hasText)).first().hover({ timeout: DEFAULT_TIMEOUT });
    case 'fill':
      return (await locate(page, op.frame, op.selector)).first().fill(op.value, { timeout: DEFAULT_TIMEOUT });
    case 'select':
      return (await locate(page, op.frame, op.selector)).first().selectOption(op.value, { timeout: DEFAULT_TIMEOUT });
    case 'press':
      if (!op.selector) return page.keyboard.press(op.key);
      return (await locate(page, op.frame, op.selector)).first().press(op.key, { timeout: DEFAULT_TIMEOUT });
    case 'waitFor':
      return (await locate(page, op.frame, op.selector, op.hasText)).first().waitFor({ state: op.state ?? 'visible', timeout: op.timeoutMs ?? DEFAULT_TIMEOUT });
    case 'texts':
      return (await locate(page, op.frame, op.selector)).allTextContents();
    case 'checkAfterReload':
      checks.push({ name: op.name, openCommand: op.openCommand, frame: op.frame, selector: op.selector, hasText: op.hasText });
      return undefined;
    case 'screenshot':
      return page.screenshot({ path: path.join(shotsDir, `${op.name.replace(/[^\w.-]/g, '_')}.png`) }).then(() => undefined);
  }
}

export async function startUiDriver(shotsDir: string): Promise<UiDriver> {
  let page: Page | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const reloadChecks: ReloadCheck[] = [];
  let failures = 0;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const run = async (): Promise<UiResult> => {
        if (!page) return { ok: false, error: 'the workbench page is not open yet' };
        try {
          const op = JSON.parse(Buffer.concat(parts).toString('utf8')) as UiOp;
          return { ok: true, value: await perform(page, op, reloadChecks, shotsDir) };
        } catch (err) {
          failures++;
          await page.screenshot({ path: path.join(shotsDir, `ui-FAILED-${failures}.png`) }).catch(() => undefined);
          return { ok: false, error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
        }
      };
      // one operation at a time, in arrival order: two clicks must not interleave their waits
      const result = queue.then(run);
      queue = result.catch(() => undefined);
      void result.then((r) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attach: (p) => (page = p),
    reloadChecks,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
