/**
 * Claude Code itself as a client of the Messages endpoint (npm run test:claude-code; kept out of npm test:
 * it installs a ~400 MB native binary once and spawns it).
 *
 * Claude Code (the npm package @anthropic-ai/claude-code, its native binary from the platform package)
 * runs in print mode with ANTHROPIC_BASE_URL at a daemon, a throwaway HOME and ANTHROPIC_API_KEY=any.
 * The daemon's upstream is a scripted loopback server speaking OpenAI chat: a request that offers the
 * Bash tool gets a streamed tool call whose arguments are broken (unquoted keys, single quotes, a
 * trailing comma, cut into small pieces); a request that carries the tool's result gets a final answer
 * quoting it; anything else (Claude Code's small background requests) gets a short text. The run passes
 * when Claude Code ran the command (its output, computed by the shell, is in the tool result it sent
 * back), printed the final answer, and exited 0. Exit code: 0 passed, 1 failed (the reason on stderr).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDaemon } from '../../server/daemon';
import { chunk, sse, TestUpstream, type RecordedRequest, type ScriptedResponse } from '../server/helpers/testUpstream';

const VERSION = process.env.CLAUDE_CODE_VERSION ?? '2.1.332';
const ROOT = resolve(__dirname, '../..');
const TOOLS = join(ROOT, '.tools', 'claude-code');
const TIMEOUT_MS = 120_000;
/** The shell computes this (6 * 7): seeing it in the tool result proves the command ran. */
const PROOF = 'streamfix-42';

function binary(): string {
  const platform = `${process.platform}-${process.arch}`;
  const bin = join(TOOLS, 'node_modules', '@anthropic-ai', `claude-code-${platform}`, process.platform === 'win32' ? 'claude.exe' : 'claude');
  if (!existsSync(bin)) {
    console.log(`[claude-code] installing @anthropic-ai/claude-code@${VERSION} into ${TOOLS}`);
    // The package's postinstall only copies the platform binary over a placeholder; the binary itself
    // comes from the optional platform package, which npm installs without running scripts.
    const r = spawnSync('npm', ['install', '--prefix', TOOLS, '--no-audit', '--no-fund', '--no-save', `@anthropic-ai/claude-code@${VERSION}`], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm install @anthropic-ai/claude-code@${VERSION} failed (exit ${r.status})`);
  }
  if (!existsSync(bin)) throw new Error(`no native Claude Code binary for ${platform} at ${bin}`);
  return bin;
}

type Json = Record<string, unknown>;

/** The upstream's answer to one chat request from the gateway. */
function answer(r: RecordedRequest): ScriptedResponse {
  const body = JSON.parse(r.body) as { messages: Json[]; tools?: { function: { name: string } }[] };
  const last = body.messages[body.messages.length - 1]!;
  const head = chunk({ role: 'assistant', content: '' });
  if (last.role === 'tool') {
    const result = String(last.content);
    return { chunks: [sse(head, chunk({ content: `The command printed: ${result.trim()}` }), chunk({}, 'stop'), '[DONE]')] };
  }
  if ((body.tools ?? []).some((t) => t.function.name === 'Bash')) {
    // broken on purpose: unquoted keys, single quotes, a trailing comma; streamed in 5-character pieces
    const args = `{command: 'echo streamfix-$((6*7))', description: 'Print the proof',}`;
    const pieces: string[] = [];
    for (let i = 0; i < args.length; i += 5) pieces.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 5) } }] }));
    return {
      chunks: [sse(head, chunk({ tool_calls: [{ index: 0, id: 'call_bash_1', type: 'function', function: { name: 'Bash', arguments: '' } }] }), ...pieces, chunk({}, 'tool_calls'), '[DONE]')],
    };
  }
  return { chunks: [sse(head, chunk({ content: 'ok' }), chunk({}, 'stop'), '[DONE]')] };
}

async function main(): Promise<void> {
  const bin = binary();
  const up = await TestUpstream.start();
  up.respond(answer);
  const home = mkdtempSync(join(tmpdir(), 'sfx-claude-home-'));
  const d = await startDaemon({ port: 0, upstream: up.url, apiKey: 'sk-or-unused', dataDir: null, logLevel: 'warn' });
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${d.info.port}`,
      ANTHROPIC_API_KEY: 'any',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    const args = ['-p', 'Run the shell command that prints the proof, then tell me what it printed.', '--model', 'claude-sonnet-4-6', '--allowedTools', 'Bash'];
    console.log(`[claude-code] ${bin} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
    const child = spawn(bin, args, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    clearTimeout(timer);
    const toolResult = up.requests
      .map((r) => (JSON.parse(r.body) as { messages: Json[] }).messages)
      .flat()
      .find((m) => m.role === 'tool' && m.tool_call_id === 'call_bash_1');
    const artifacts = d.store.list(100);
    const failures: string[] = [];
    if (code !== 0) failures.push(`claude exited ${code}`);
    if (!toolResult) failures.push('no request carried the Bash tool result back');
    else if (!String(toolResult.content).includes(PROOF)) failures.push(`the tool result does not hold ${PROOF}: ${JSON.stringify(toolResult.content)}`);
    if (!out.includes(`The command printed: ${PROOF}`)) failures.push('the final answer was not printed');
    const repaired = (await Promise.all(artifacts.map((a) => d.store.get(a.id)))).map((a) => a!).find((a) => a.toolCalls.some((t) => t.name === 'Bash'));
    if (!repaired || repaired.toolCalls[0]!.repairedArguments !== `{"command": "echo streamfix-$((6*7))", "description": "Print the proof"}`) failures.push(`the Bash call's input was not repaired as expected: ${JSON.stringify(repaired?.toolCalls)}`);
    const first = up.requests.map((r) => JSON.parse(r.body) as { model: string; tools?: { function: { name: string } }[]; reasoning?: unknown; messages: Json[] }).find((b) => b.tools);
    console.log(
      `[claude-code] ${up.requests.length} upstream requests, ${artifacts.length} artifacts; the first with tools: model ${first?.model}, ` +
        `${first?.tools?.length} tools (${first?.tools?.slice(0, 8).map((t) => t.function.name).join(', ')}…), system prompt ${String(first?.messages[0]?.content ?? '').length} characters, ` +
        `reasoning ${JSON.stringify(first?.reasoning ?? null)}; stdout:\n${out.trim()}`,
    );
    if (failures.length > 0) {
      console.error(`[claude-code] FAILED: ${failures.join('; ')}\nstderr:\n${err.slice(-4000)}`);
      process.exitCode = 1;
    } else console.log('[claude-code] passed: Claude Code ran the repaired tool call, sent its result back and printed the answer');
  } finally {
    await d.close();
    await up.close();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`[claude-code] error: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
