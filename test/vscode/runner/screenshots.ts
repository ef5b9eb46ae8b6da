/**
 * Drives the real workbench (code-server + the extension from this checkout) the way a person would and
 * saves the README's pictures to client/media/screenshots/:
 *   repair-command.png     Repair JSON Selection on a model's answer, with its "Repaired: ..." message
 *   diagnostics.png        squiggles, the Problems panel and the quick-fix menu on a broken JSON file
 *   output-panel.png       the StreamFix output channel with gateway requests logged live
 *   artifacts-view.png     the artifacts view listing recent requests, one open in the inspector
 *   diff.png               raw against repaired content of one request in the diff editor
 *   inspector.png          the artifact inspector on one request (repairs in place, a stripped span open)
 *   inspector-timeline.png the inspector's stream timeline chart (reads over time, stalls, content held)
 *   models-view.png        the Models view (per-model health from the gateway)
 *   chat.png               StreamFix Chat: a JSON answer with its thinking and repairs badge
 *   walkthrough.png        the client set-up walkthrough
 *
 *   npm run screenshots      (builds, sets up the tools if needed; about a minute)
 * Each step waits for what it shows to be on screen, so a PNG is never of a half-drawn workbench; a step
 * that fails saves <name>-FAILED.png in the log dir and the script exits 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  REPO_ROOT,
  RunnerError,
  findTools,
  launchBrowser,
  makeLogger,
  makeRunDirs,
  makeWorkspace,
  requireBuilt,
  startCodeServer,
  workbenchUrl,
} from './codeServer';
import { findWebview, runPaletteCommand } from './uiDriver';

const OUT = path.join(REPO_ROOT, 'client/media/screenshots');
const VIEWPORT = { width: 1280, height: 760 };
const log = makeLogger('screenshots');

/** What a reasoning model wrote when asked for a config object: a think block and four slips. */
const MODEL_ANSWER = `<think>
The user wants the retry config as JSON. Keep "retries" at 3 and list both models.
</think>
{
  name: "streamfix-demo",
  "retries": 3,
  "models": ['openai/gpt-4o-mini', "deepseek/deepseek-r1",],
  "stream": True,
}
`;

/** A settings file with the mistakes people and models make by hand. */
const BROKEN_CONFIG = `{
  "gateway": {
    "port": 8787,
    "mode": 'repair',
  },
  // models to try, in order
  "models": ["openai/gpt-4o-mini" "deepseek/deepseek-r1"],
  "verbose": False
}
`;

const runCommand = runPaletteCommand;

async function closeEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-list-item-message').first().waitFor({ state: 'hidden' });
}

/** Drags the sash between the side bar and the editor, so tree rows show their descriptions in full. */
async function widenSideBar(page: Page, x: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not visible');
  const edge = box.x + box.width;
  await page.mouse.move(edge, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function shot(page: Page, name: string): Promise<void> {
  // the cursor blinks: hide it so the pictures do not change from run to run
  await page.addStyleTag({ content: '.monaco-editor .cursors-layer .cursor { visibility: hidden !important; }' });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  log(`saved ${path.relative(REPO_ROOT, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);
}

/** Sends chat requests through the gateway the way any OpenAI client would (demo upstream: no key). */
async function sendGatewayRequests(port: number): Promise<void> {
  // the last one's lines end the log, so it is the one with a few readable repairs
  for (const model of ['demo/tool-call-broken', 'demo/reasoning-think', 'demo/fenced-prose']) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        stream: true,
        response_format: { type: 'json_object' },
        messages: [{ role: 'user', content: 'Answer in JSON.' }],
      }),
    });
    if (res.status !== 200) throw new Error(`gateway answered ${res.status} for ${model}: ${await res.text()}`);
    await res.text(); // read the stream to its end: the request is finished and logged
  }
}

async function main(): Promise<void> {
  requireBuilt(path.join(REPO_ROOT, 'dist/extension.js'), 'run "npm run build" first');
  requireBuilt(path.join(REPO_ROOT, 'dist/main.js'), 'run "npm run build" first');
  const tools = findTools();
  const dirs = makeRunDirs('screenshots');
  const folder = makeWorkspace(dirs);
  fs.writeFileSync(path.join(folder, 'llm-answer.json'), MODEL_ANSWER);
  fs.writeFileSync(path.join(folder, 'gateway-config.json'), BROKEN_CONFIG);
  // a tidy window: no "port forwarded" notice for the daemon's port, no minimap
  fs.writeFileSync(
    path.join(folder, '.vscode/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'remote.autoForwardPorts': false,
      'editor.minimap.enabled': false,
      'diffEditor.useInlineViewWhenSpaceIsLimited': false, // raw and repaired side by side
    }),
  );
  fs.mkdirSync(OUT, { recursive: true });

  const server = await startCodeServer({ tools, dirs, folder });
  const browser = await launchBrowser(tools, server.env);
  let page: Page | undefined;
  let step = 'start';
  try {
    page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(workbenchUrl(server.url, { folder, devPath: REPO_ROOT }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    const status = page.locator('.statusbar-item', { hasText: /StreamFix :\d+/ });
    await status.waitFor({ timeout: 60000 });
    const port = Number(/:(\d+)/.exec((await status.textContent()) ?? '')?.[1]);
    log(`workbench up, daemon on port ${port}`);
    // the chat view opens in the secondary side bar on a first start; the pictures are about the editor
    await runCommand(page, 'View: Hide Secondary Side Bar');

    step = 'repair-command';
    await openFile(page, 'llm-answer.json');
    await runCommand(page, 'StreamFix: Repair JSON Selection');
    // the web workbench keeps information messages in the notification center rather than as toasts
    await runCommand(page, 'Notifications: Show Notifications');
    const note = page.locator('.notification-list-item', { hasText: 'Repaired' });
    await note.waitFor();
    // expanded, the message shows in full instead of cut at the toast's width
    await note.hover();
    const expand = note.locator('.codicon-notifications-expand');
    if (await expand.isVisible()) await expand.click();
    await page.locator('.view-line', { hasText: '"name": "streamfix-demo"' }).waitFor();
    await shot(page, step);
    await clearNotifications(page);

    step = 'diagnostics';
    await openFile(page, 'gateway-config.json');
    await page.locator('.squiggly-error, .squiggly-warning').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'streamfix' }).first().waitFor();
    // only StreamFix's own diagnostics in the list (VS Code's JSON service reports some of the same spots)
    const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await filter.fill('streamfix');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'json(' }).first().waitFor({ state: 'hidden' });
    // the quick-fix menu on the last broken line opens over empty space, leaving every squiggle in view
    await page.locator('.view-line span', { hasText: 'False' }).first().click();
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row').first().waitFor();
    await shot(page, step);
    await page.keyboard.press('Escape');
    await filter.fill(''); // the panel's filter box is shared with the output view

    step = 'output-panel';
    await sendGatewayRequests(port);
    // the status bar counts the gateway's repairs: it moves once the requests' events reached the client
    await page.locator('.statusbar-item', { hasText: /StreamFix :\d+ · [1-9]\d* repairs/ }).waitFor();
    await runCommand(page, 'StreamFix: Show Output');
    await runCommand(page, 'View: Toggle Maximized Panel');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.output-view .view-line', { hasText: 'finished' }).last().waitFor();
    await shot(page, step);

    step = 'artifacts-view';
    await runCommand(page, 'View: Toggle Panel Visibility');
    await runCommand(page, 'StreamFix: Show Artifacts');
    const rows = page.locator('.pane-body .monaco-list-row', { hasText: 'demo/' });
    await rows.nth(2).waitFor();
    await widenSideBar(page, 560);
    // a click opens the request in the artifact inspector beside the list
    await page.locator('.pane-body .monaco-list-row', { hasText: 'demo/fenced-prose' }).first().click();
    await page.locator('.tab.active', { hasText: 'sfx_' }).waitFor();
    await (await findWebview(page, 'inspector')).locator('pre.raw mark.repair').first().waitFor();
    await shot(page, step);

    step = 'diff';
    await widenSideBar(page, 400); // back to narrow: the diff needs the room
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'demo/fenced-prose' }).first();
    await row.hover();
    await row.locator('.action-label[aria-label*="Raw vs Repaired"]').click();
    await page.locator('.monaco-diff-editor').first().waitFor();
    await page.locator('.monaco-diff-editor .view-line', { hasText: 'Ada Lovelace' }).first().waitFor();
    await shot(page, step);

    step = 'inspector';
    await closeEditors(page);
    await page.locator('.pane-body .monaco-list-row', { hasText: 'demo/fenced-prose' }).first().click();
    const inspector = await findWebview(page, 'inspector');
    await inspector.locator('pre.raw mark.repair').first().waitFor();
    await inspector.locator('pre.raw details.stripped').nth(1).locator('summary').click();
    await shot(page, step);

    step = 'inspector-timeline';
    await inspector.locator('#timeline svg.chart rect.read').first().waitFor();
    await inspector.locator('#timeline').scrollIntoViewIfNeeded();
    await shot(page, step);

    step = 'models-view';
    await closeEditors(page);
    await runCommand(page, 'StreamFix: Show Artifacts');
    await page.locator('.pane-header', { hasText: 'Chat' }).first().click(); // fold the chat: room for the lists
    await widenSideBar(page, 620);
    await page.locator('.monaco-list-row[aria-label^="demo/fenced-prose "]', { hasText: 'repairs/request' }).first().waitFor();
    await shot(page, step);

    step = 'chat';
    // the chat unfolded, the two lists folded: the conversation gets the side bar's height
    await page.locator('.pane-header', { hasText: 'Chat' }).first().click();
    await page.locator('.pane-header', { hasText: 'Artifacts' }).first().click();
    await page.locator('.pane-header', { hasText: 'Models' }).first().click();
    await runCommand(page, 'StreamFix: Open Chat');
    const chat = await findWebview(page, 'chat');
    await chat.locator('#model option[value="demo/fenced-prose"]').waitFor({ state: 'attached' });
    await chat.locator('#model').selectOption('demo/fenced-prose');
    await chat.locator('#mode').selectOption('json');
    await chat.locator('#prompt').fill('A person record for Ada Lovelace, please');
    await chat.locator('#prompt').press('Enter');
    await chat.locator('.turn.done .badge').waitFor();
    await chat.locator('.turn.done .thinking summary').click();
    await shot(page, step);

    step = 'walkthrough';
    await widenSideBar(page, 400);
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-widget input').fill('Route your AI tools through StreamFix');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Route your AI tools' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.getting-started-step', { hasText: 'Continue' }).first().click();
    await page.locator('.getting-started-step.expanded', { hasText: 'Copy Continue config' }).waitFor();
    await shot(page, step);
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(dirs.logs, `${step}-FAILED.png`) }).catch(() => undefined);
    throw new Error(`step "${step}" failed (see ${dirs.logs}): ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(dirs.tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[screenshots] ${err instanceof RunnerError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
