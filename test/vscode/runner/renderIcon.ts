/**
 * Renders client/media/icon.svg to the 128x128 client/media/icon.png that the .vsix and the marketplace
 * show (vsce rejects SVG icons). Run after editing the SVG: node --import tsx test/vscode/runner/renderIcon.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from './codeServer';

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(REPO_ROOT, 'client/media/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const out = path.join(REPO_ROOT, 'client/media/icon.png');
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
    console.log(`wrote ${out} (${fs.statSync(out).size} bytes)`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
