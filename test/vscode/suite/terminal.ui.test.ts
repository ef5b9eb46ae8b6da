/**
 * Terminal routing: the command from the palette turns it on, and a shell in a new integrated terminal
 * then sees the gateway's URLs and reaches the gateway with curl; turned off, new shells see neither.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { getApi, scratchDir } from './helpers';
import { ui } from './ui';

/** Runs `command` in a new integrated terminal and returns what it wrote to a file. */
async function inTerminal(dir: string, name: string, command: string): Promise<string> {
  const out = path.join(dir, `${name}.out`);
  const done = path.join(dir, `${name}.done`);
  const term = vscode.window.createTerminal({ name: `streamfix-${name}`, cwd: dir });
  term.sendText(`${command} > '${out}' 2>&1; touch '${done}'`);
  for (let i = 0; i < 300 && !fs.existsSync(done); i++) await new Promise((r) => setTimeout(r, 100));
  term.dispose();
  assert.ok(fs.existsSync(done), `the terminal did not run: ${command}`);
  return fs.readFileSync(out, 'utf8');
}

describe('terminal routing (through the UI)', () => {
  const dir = scratchDir();

  it('gives new terminals the gateway URLs, and curl $OPENAI_BASE_URL/models reaches the gateway', async () => {
    const api = await getApi();
    const info = await api.whenRunning();
    const origin = info.url.replace(/\/v1$/, '');
    await ui({ op: 'command', title: 'StreamFix: Route Terminal AI Tools Through the Gateway' });
    for (let i = 0; i < 50 && !api.testing.terminalEnv().OPENAI_BASE_URL; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(api.testing.terminalEnv(), { OPENAI_BASE_URL: `${origin}/v1`, ANTHROPIC_BASE_URL: origin });
    assert.equal(await inTerminal(dir, 'env-on', 'echo "$OPENAI_BASE_URL|$ANTHROPIC_BASE_URL"'), `${origin}/v1|${origin}\n`);
    const models = JSON.parse(await inTerminal(dir, 'curl', 'curl -s "$OPENAI_BASE_URL/models"')) as { data: { id: string }[] };
    assert.ok(models.data.some((m) => m.id === 'demo/fenced-prose'), JSON.stringify(models).slice(0, 300));
  });

  it('leaves new terminals alone once turned off', async () => {
    const api = await getApi();
    await ui({ op: 'command', title: 'StreamFix: Stop Routing Terminal AI Tools' });
    for (let i = 0; i < 50 && api.testing.terminalEnv().OPENAI_BASE_URL; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(api.testing.terminalEnv(), {});
    assert.equal(await inTerminal(dir, 'env-off', 'echo "[$OPENAI_BASE_URL|$ANTHROPIC_BASE_URL]"'), '[|]\n');
  });
});
