/**
 * Claude Code itself as a client of the Messages endpoint (npm run test:claude-code; kept out of npm test:
 * it installs a ~400 MB native binary once and spawns it).
 *
 * Claude Code (the npm package @anthropic-ai/claude-code, its native binary from the platform package)
 * runs in print mode with ANTHROPIC_BASE_URL at a daemon, a throwaway HOME and ANTHROPIC_API_KEY=any.
 * The daemon's upstream is a scripted loopback server speaking OpenAI chat: a request that offers the
 * Bash tool gets streamed tool calls (each in 5-character pieces, one after the other); a request that
 * carries the tools' results gets a final answer quoting Bash's; anything else (Claude Code's small
 * background requests) gets a short text. Six cases, each a daemon and a run of Claude Code:
 *
 * - repair: Bash's arguments are broken (unquoted keys, single quotes, a trailing comma); Claude Code ran
 *   the command (its output, computed by the shell, is in the tool result it sent back), printed the
 *   final answer, and exited 0.
 * - coerce: the daemon's default is `--schema coerce`; the message holds a Bash call and a
 *   ReportFindings call whose finding has `"line": "1"` where its input_schema asks for an integer. The
 *   gateway sends it coerced (`"line": 1`, a schema_coercion repair), each input as soon as it is whole:
 *   Claude Code accepts it ("1 finding reported."), sends it back next turn as it received it, and runs
 *   Bash as above.
 * - report (the control): the same calls with the default `report`: Claude Code refuses the finding
 *   (`InputValidationError: … findings[0].line … expected as number but provided as string`), which shows
 *   the coerce case passes because of the coercion. (Claude Code coerces some mistyped values itself, a
 *   string `timeout` for Bash, a string `limit` for Read: those would not show it.)
 * - reasoning without its opening tag: the daemon routes Claude names to `deepseek/deepseek-r1`, whose
 *   content starts with R1-style reasoning (a draft of the answer in it) ended by a lone `</think>`, before
 *   the tool call and before the final answer. The gateway holds prose for a lone closing tag (Claude Code
 *   asks for thinking, and the routed model is of a family that writes such reasoning: either holds), so
 *   the reasoning is thinking: Claude Code's printed answer starts with the answer and holds no reasoning. Its control sends `x-streamfix-hold-prose: off` (ANTHROPIC_CUSTOM_HEADERS): the
 *   reasoning is then text and is printed, which shows the first case passes because of the hold.
 *
 * - thinking in the stream: the upstream sends OpenRouter's `reasoning` pieces with their signed
 *   `reasoning_details` entry, then Bash's broken arguments. Claude Code gets a signed thinking block
 *   (not printed), runs the repaired command, and hands the thinking back next turn, which goes upstream
 *   as the signed `reasoning.text` detail it came as.
 *
 * Three more cases, a Write call cut at the token limit (the model's first answer streams Write's arguments and
 * stops inside its `content` with `finish_reason: "length"`; asked again, it writes the whole call):
 * - truncated Write call refused (`x-streamfix-truncated-tools: reject` through ANTHROPIC_CUSTOM_HEADERS):
 *   the gateway ends the message with its error event instead of inventing the call's closure; Claude Code
 *   writes nothing from the cut call, asks the model to resume, runs the whole call of the second answer
 *   (the file holds the whole text) and exits 0.
 * - truncated Write call closed (the control: the default `close`): Claude Code runs the closed call and the
 *   file holds the cut text, which shows the refusal is what kept the half file out.
 * - a Write call cut by an upstream error event (`{"error": {"code": 502}}`) instead: the block was open, so
 *   Claude Code runs nothing of it and asks the model to resume; the file holds the whole text of the second
 *   answer, and the first answer's artifact (UPSTREAM_ERROR) keeps the call's input as it went out, cut,
 *   TRUNCATED (before, the closed input no client got).
 *
 * CLAUDE_CODE_ONLY=<text> runs only the cases whose name holds it.
 *
 * Exit code: 0 passed, 1 failed (the reasons on stderr).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDaemon } from '../../server/daemon';
import type { SchemaPolicy } from '../../server/gateway/schema';
import { TRUNCATED_POLICY_HEADER, type TruncatedToolPolicy } from '../../server/gateway/truncatedTools';
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

/** A message's text as OpenRouter reads it: a string, or text parts (the gateway sends a tool_result that
 * carries a prompt-cache breakpoint as parts, the breakpoint on its last part). */
function textOf(content: unknown): string {
  if (Array.isArray(content)) return content.map((p) => (typeof (p as Json)?.text === 'string' ? ((p as Json).text as string) : '')).join('');
  return String(content ?? '');
}

/** One tool call the upstream sends (its arguments as the model wrote them), and what must come of it. */
interface Call {
  id: string;
  tool: string;
  args: string;
  /** The input the artifact must say the call got, and the kinds of its repairs. */
  repaired: string;
  repairs: string[];
  /** What Claude Code's tool result for it must hold, and must not. */
  result: string;
  notResult?: string;
  /** The input Claude Code sends back next turn as the call's (what it received). */
  echoed?: unknown;
}

interface Case {
  name: string;
  /** The daemon's default schema policy (`--schema`). */
  schema: SchemaPolicy;
  calls: Call[];
  /** R1-style reasoning (no opening tag, a lone `</think>`) the model writes before each answer's content
   * and tool calls; with it the daemon routes every Claude name to `deepseek/deepseek-r1`. */
  reasoning?: string;
  /** Headers Claude Code sends with every request (ANTHROPIC_CUSTOM_HEADERS). */
  headers?: string;
  /** Whether the reasoning must reach Claude Code's printed answer (the control) or not. */
  reasoningShown?: boolean;
  /** Thinking the upstream sends as OpenRouter does for a Claude model: `reasoning` pieces, each with its
   * `reasoning_details` text entry, the last one signed (SIGNATURE), before the answer's content and calls. */
  thinking?: string;
}

const COMMAND = 'echo streamfix-$((6*7))';
const BASH_ID = 'call_bash_1';
/** ReportFindings' input_schema (Claude Code's): a finding's `line` is an integer; the model sends "1". */
const FINDING = { file: 'proof.txt', line: 1, summary: 'The proof is printed', failure_scenario: 'none' };
const MISTYPED_FINDING = `{"file": "proof.txt", "line": "1", "summary": "The proof is printed", "failure_scenario": "none"}`;
const REFUSED = 'The parameter `findings[0].line` type is expected as `number` but provided as `string`';
const MISTYPED: Omit<Call, 'repaired' | 'repairs' | 'result' | 'notResult' | 'echoed'>[] = [
  { id: BASH_ID, tool: 'Bash', args: `{"command": "${COMMAND}", "description": "Print the proof"}` },
  { id: 'call_findings_1', tool: 'ReportFindings', args: `{"findings": [${MISTYPED_FINDING}]}` },
];
/** The reasoning case's reasoning (a draft of the answer in it): it must not reach the printed answer. */
const R1_REASONING = 'The user wants the proof. Draft answer: it printed streamfix-41? No wait, run it first.';
/** The thinking case's reasoning, and the signature the upstream gives it. */
const THINKING = 'The user wants the proof. I will run the command with Bash and quote its output.';
const SIGNATURE = 'EqQBCkYIBxgCKkCsig-test';
const CASES: Case[] = [
  {
    name: 'repair',
    schema: 'report',
    calls: [
      {
        id: BASH_ID,
        tool: 'Bash',
        // broken on purpose: unquoted keys, single quotes, a trailing comma
        args: `{command: '${COMMAND}', description: 'Print the proof',}`,
        repaired: `{"command": "${COMMAND}", "description": "Print the proof"}`,
        repairs: ['unquoted_key', 'single_quotes', 'single_quotes', 'unquoted_key', 'single_quotes', 'single_quotes', 'trailing_comma'],
        result: PROOF,
      },
    ],
  },
  {
    name: 'coerce',
    schema: 'coerce',
    calls: [
      { ...MISTYPED[0]!, repaired: MISTYPED[0]!.args, repairs: [], result: PROOF },
      { ...MISTYPED[1]!, repaired: `{"findings": [${MISTYPED_FINDING.replace('"1"', '1')}]}`, repairs: ['schema_coercion'], result: '', notResult: 'InputValidationError', echoed: { findings: [FINDING] } },
    ],
  },
  {
    name: 'report (the control: the same calls without coerce)',
    schema: 'report',
    calls: [
      { ...MISTYPED[0]!, repaired: MISTYPED[0]!.args, repairs: [], result: PROOF },
      { ...MISTYPED[1]!, repaired: MISTYPED[1]!.args, repairs: [], result: REFUSED, echoed: { findings: [{ ...FINDING, line: '1' }] } },
    ],
  },
  {
    // a model whose template opens the reasoning in the prompt: its content starts with the reasoning and
    // only the closing tag arrives; the gateway holds prose for such models (the chat endpoint's rule, on
    // the routed model), so Claude Code gets it as thinking, and prints only the answer
    name: 'reasoning without its opening tag',
    schema: 'report',
    reasoning: R1_REASONING,
    calls: [{ id: BASH_ID, tool: 'Bash', args: MISTYPED[0]!.args, repaired: MISTYPED[0]!.args, repairs: [], result: PROOF }],
  },
  {
    // thinking in the stream (OpenRouter's reasoning field and signed reasoning_details) before a broken
    // tool input: Claude Code gets a signed thinking block (not printed), runs the repaired call, and
    // hands the thinking back next turn, which the gateway sends upstream as the signed detail it was
    name: 'thinking in the stream (reasoning and signed reasoning_details) before a broken input',
    schema: 'report',
    thinking: THINKING,
    calls: [
      {
        id: BASH_ID,
        tool: 'Bash',
        args: `{command: '${COMMAND}', description: 'Print the proof',}`,
        repaired: `{"command": "${COMMAND}", "description": "Print the proof"}`,
        repairs: ['unquoted_key', 'single_quotes', 'single_quotes', 'unquoted_key', 'single_quotes', 'single_quotes', 'trailing_comma'],
        result: PROOF,
        echoed: { command: COMMAND, description: 'Print the proof' },
      },
    ],
  },
  {
    name: 'reasoning without its opening tag, prose not held (the control: x-streamfix-hold-prose: off)',
    schema: 'report',
    reasoning: R1_REASONING,
    headers: 'x-streamfix-hold-prose: off',
    reasoningShown: true,
    calls: [{ id: BASH_ID, tool: 'Bash', args: MISTYPED[0]!.args, repaired: MISTYPED[0]!.args, repairs: [], result: PROOF }],
  },
];

/** The upstream's answer to one chat request from the gateway. */
function answer(c: Case, r: RecordedRequest): ScriptedResponse {
  const body = JSON.parse(r.body) as { messages: Json[]; tools?: { function: { name: string } }[] };
  const last = body.messages[body.messages.length - 1]!;
  const head = chunk({ role: 'assistant', content: '' });
  // R1-style: the reasoning, in pieces of 7 characters, and its lone closing tag before the content
  const thought: string[] = [];
  if (c.reasoning !== undefined) {
    const r = `${c.reasoning}</think>`;
    for (let i = 0; i < r.length; i += 7) thought.push(chunk({ content: r.slice(i, i + 7) }));
  }
  if (c.thinking !== undefined && last.role !== 'tool') {
    const t = c.thinking;
    for (let i = 0; i < t.length; i += 9) {
      const piece = t.slice(i, i + 9);
      const end = i + 9 >= t.length;
      thought.push(chunk({ reasoning: piece, reasoning_details: [{ type: 'reasoning.text', text: piece, ...(end ? { signature: SIGNATURE } : {}), format: 'anthropic-claude-v1', index: 0 }] }));
    }
  }
  if (last.role === 'tool') {
    const bash = body.messages.find((m) => m.role === 'tool' && m.tool_call_id === BASH_ID);
    return { chunks: [sse(head, ...thought, chunk({ content: `The command printed: ${textOf(bash?.content).trim()}` }), chunk({}, 'stop'), '[DONE]')] };
  }
  if ((body.tools ?? []).some((t) => t.function.name === 'Bash')) {
    // each call streamed in 5-character pieces, one call after the other
    const pieces: string[] = [];
    c.calls.forEach((call, index) => {
      pieces.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.tool, arguments: '' } }] }));
      for (let i = 0; i < call.args.length; i += 5) pieces.push(chunk({ tool_calls: [{ index, function: { arguments: call.args.slice(i, i + 5) } }] }));
    });
    return { chunks: [sse(head, ...thought, ...pieces, chunk({}, 'tool_calls'), '[DONE]')] };
  }
  return { chunks: [sse(head, chunk({ content: 'ok' }), chunk({}, 'stop'), '[DONE]')] };
}

/** Claude Code in print mode against the daemon on `port`, in `home` (its HOME and working directory). */
async function runClaude(bin: string, port: number, home: string, args: string[], headers?: string): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
    ANTHROPIC_API_KEY: 'any',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    ...(headers !== undefined ? { ANTHROPIC_CUSTOM_HEADERS: headers } : {}),
  };
  const child = spawn(bin, args, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearTimeout(timer);
  return { code, out, err };
}

/** One case: a daemon, a run of Claude Code; the reasons it failed (none: passed). */
async function runCase(bin: string, c: Case): Promise<string[]> {
  const up = await TestUpstream.start();
  up.respond((r) => answer(c, r));
  const home = mkdtempSync(join(tmpdir(), 'sfx-claude-home-'));
  const routing = c.reasoning === undefined ? {} : { routing: { models: {}, longContextThreshold: 60_000, default: 'deepseek/deepseek-r1' } };
  const d = await startDaemon({ port: 0, upstream: up.url, apiKey: 'sk-or-unused', dataDir: null, logLevel: 'warn', schemaPolicy: c.schema, ...routing });
  try {
    const args = ['-p', 'Run the shell command that prints the proof, then tell me what it printed.', '--model', 'claude-sonnet-4-6', '--allowedTools', 'Bash,ReportFindings'];
    console.log(`[claude-code] ${c.name}: ${bin} ${args.map((a) => JSON.stringify(a)).join(' ')} (daemon --schema ${c.schema})`);
    const { code, out, err } = await runClaude(bin, d.info.port, home, args, c.headers);
    const messages = up.requests.map((r) => (JSON.parse(r.body) as { messages: Json[] }).messages).flat();
    const artifacts = (await Promise.all(d.store.list(100).map((a) => d.store.get(a.id)))).map((a) => a!);
    const answered = artifacts.find((a) => a.toolCalls.length > 0);
    const failures: string[] = [];
    if (code !== 0) failures.push(`claude exited ${code}`);
    if (!out.includes(`The command printed: ${PROOF}`)) failures.push('the final answer was not printed');
    if (c.reasoning !== undefined) {
      // the reasoning is thinking (not printed in print mode), or, in the control, text run into the answer
      const shown = out.includes(c.reasoning);
      if (shown !== (c.reasoningShown === true)) failures.push(`the reasoning was ${shown ? '' : 'not '}printed: ${JSON.stringify(out.trim())}`);
      // (the tool result it quotes carries Claude Code's own system reminder after the proof)
      if (c.reasoningShown !== true && !out.trim().startsWith(`The command printed: ${PROOF}`)) failures.push(`the printed answer does not start with the answer: ${JSON.stringify(out.trim())}`);
    }
    if (c.thinking !== undefined) {
      if (out.includes(c.thinking)) failures.push(`the thinking was printed: ${JSON.stringify(out.trim())}`);
      if (answered?.reasoning !== c.thinking) failures.push(`the artifact's reasoning is ${JSON.stringify(answered?.reasoning)}`);
      // Claude Code's next turn hands the thinking block back: upstream, the signed detail it came as
      const back = messages.find((m) => m.role === 'assistant' && Array.isArray(m.tool_calls));
      const want = [{ type: 'reasoning.text', text: c.thinking, signature: SIGNATURE, format: 'anthropic-claude-v1', index: 0 }];
      if (JSON.stringify(back?.reasoning_details) !== JSON.stringify(want)) failures.push(`the thinking went back upstream as ${JSON.stringify(back?.reasoning_details)}, not ${JSON.stringify(want)}`);
      console.log(`[claude-code] ${c.name}: reasoning_details back upstream ${JSON.stringify(back?.reasoning_details)}`);
    }
    c.calls.forEach((call, i) => {
      const result = messages.find((m) => m.role === 'tool' && m.tool_call_id === call.id);
      const text = result === undefined ? '' : textOf(result.content);
      if (!result) failures.push(`no request carried the ${call.tool} tool result back`);
      else if (!text.includes(call.result) || (call.notResult !== undefined && text.includes(call.notResult))) failures.push(`the ${call.tool} tool result is not as expected: ${JSON.stringify(text)}`);
      // what Claude Code received: the input it sends back as the call's next turn
      const sent = messages.flatMap((m) => (m.tool_calls as { id: string; function: { arguments: string } }[] | undefined) ?? []).find((t) => t.id === call.id);
      if (call.echoed !== undefined && JSON.stringify(sent && (JSON.parse(sent.function.arguments) as unknown)) !== JSON.stringify(call.echoed)) failures.push(`Claude Code sent the ${call.tool} input back as ${sent?.function.arguments}, not ${JSON.stringify(call.echoed)}`);
      const art = answered?.toolCalls[i];
      if (art?.repairedArguments !== call.repaired) failures.push(`the ${call.tool} call's input is not ${call.repaired} in the artifact: ${JSON.stringify(art?.repairedArguments)}`);
      const kinds = (art?.repairs ?? []).map((r) => r.kind);
      if (JSON.stringify(kinds) !== JSON.stringify(call.repairs)) failures.push(`the ${call.tool} call's repairs are ${JSON.stringify(kinds)}, not ${JSON.stringify(call.repairs)}`);
      console.log(`[claude-code] ${c.name}: ${call.tool}: input ${art?.repairedArguments}; tool result ${JSON.stringify(text.slice(0, 200))}`);
    });
    console.log(`[claude-code] ${c.name}: ${up.requests.length} upstream requests, ${artifacts.length} artifacts; schema ${JSON.stringify(answered?.schema ?? null)}; stdout:\n${out.trim()}`);
    if (failures.length > 0) console.error(`[claude-code] ${c.name}: stderr:\n${err.slice(-4000)}`);
    return failures;
  } finally {
    await d.close();
    await up.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** A Write call cut at the token limit: the policy for cut calls, and what must come of it. */
interface WriteCase {
  name: string;
  policy: TruncatedToolPolicy;
  /** Sent as the request header (ANTHROPIC_CUSTOM_HEADERS) rather than as the daemon's default. */
  asHeader: boolean;
  /** The file Claude Code must leave: the whole text (the cut call refused, the second answer run) or the cut one. */
  file: 'whole' | 'cut';
  /** The first answer ends with an upstream error event (OpenRouter's mid-stream `{"error": {"code": 502}}`)
   * after the cut arguments instead of `finish_reason: "length"`; every later one is whole. */
  upstreamError?: boolean;
}

const NOTES = 'first line\nsecond line\nthird line\n';
/** Where the model's first answer stops: inside the third line of `content`. */
const CUT_AT = 'first line\\nsecond line\\nthird li';
const WRITE_CASES: WriteCase[] = [
  { name: 'truncated Write call refused (x-streamfix-truncated-tools: reject)', policy: 'reject', asHeader: true, file: 'whole' },
  { name: 'truncated Write call closed (the control: the default close)', policy: 'close', asHeader: false, file: 'cut' },
  { name: 'Write call cut by an upstream error mid-stream (the default close)', policy: 'close', asHeader: false, file: 'whole', upstreamError: true },
];
/** The upstream's mid-stream error event (upstreamError). */
const ERROR_EVENT = `data: ${JSON.stringify({ error: { code: 502, message: 'Provider returned error' } })}\n\n`;
/** Claude Code's message asking the model to go on after a response that ended in an error. */
const RESUME = 'cut off mid-stream';

/** The upstream's answer in the Write cases: the first call cut inside `content` with `finish_reason: "length"`;
 * asked to resume, the whole call; after the tool's result, a final answer quoting it. */
function writeAnswer(file: string, r: RecordedRequest, c: WriteCase, first: boolean): ScriptedResponse {
  const body = JSON.parse(r.body) as { messages: Json[]; tools?: { function: { name: string } }[] };
  const last = body.messages[body.messages.length - 1]!;
  const head = chunk({ role: 'assistant', content: '' });
  if (last.role === 'tool') return { chunks: [sse(head, chunk({ content: `Done: ${textOf(last.content).split('\n')[0]}` }), chunk({}, 'stop'), '[DONE]')] };
  if (!(body.tools ?? []).some((t) => t.function.name === 'Write')) return { chunks: [sse(head, chunk({ content: 'ok' }), chunk({}, 'stop'), '[DONE]')] };
  const whole = JSON.stringify({ file_path: file, content: NOTES });
  const resumed = JSON.stringify(last.content).includes(RESUME) || (c.upstreamError === true && !first);
  const args = resumed ? whole : whole.slice(0, whole.indexOf(CUT_AT) + CUT_AT.length);
  const pieces = [chunk({ content: 'Writing the notes.' }), chunk({ tool_calls: [{ index: 0, id: resumed ? 'call_write_2' : 'call_write_1', type: 'function', function: { name: 'Write', arguments: '' } }] })];
  for (let i = 0; i < args.length; i += 7) pieces.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 7) } }] }));
  if (c.upstreamError === true && !resumed) return { chunks: [sse(head, ...pieces) + ERROR_EVENT] };
  return { chunks: [sse(head, ...pieces, chunk({}, resumed ? 'tool_calls' : 'length'), '[DONE]')] };
}

async function runWriteCase(bin: string, c: WriteCase): Promise<string[]> {
  const home = mkdtempSync(join(tmpdir(), 'sfx-claude-home-'));
  const file = join(home, 'notes.txt');
  const up = await TestUpstream.start();
  let writeAnswers = 0;
  up.respond((r) => {
    const offersWrite = (JSON.parse(r.body) as { tools?: { function: { name: string } }[] }).tools?.some((t) => t.function.name === 'Write') === true;
    return writeAnswer(file, r, c, offersWrite && writeAnswers++ === 0);
  });
  const d = await startDaemon({ port: 0, upstream: up.url, apiKey: 'sk-or-unused', dataDir: null, logLevel: 'warn', truncatedTools: c.asHeader ? 'close' : c.policy });
  try {
    const args = ['-p', 'Write my notes to notes.txt.', '--model', 'claude-sonnet-4-6', '--allowedTools', 'Write'];
    const headers = c.asHeader ? `${TRUNCATED_POLICY_HEADER}: ${c.policy}` : undefined;
    console.log(`[claude-code] ${c.name}: ${bin} ${args.map((a) => JSON.stringify(a)).join(' ')} (${headers ?? `daemon --truncated-tools ${c.policy}`})`);
    const { code, out, err } = await runClaude(bin, d.info.port, home, args, headers);
    const written = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const artifacts = (await Promise.all(d.store.list(100).map((a) => d.store.get(a.id)))).map((a) => a!);
    const cut = artifacts.filter((a) => a.truncatedToolCalls !== undefined && a.truncatedToolCalls.length > 0);
    const writes = up.requests.filter((r) => (JSON.parse(r.body) as { tools?: { function: { name: string } }[] }).tools?.some((t) => t.function.name === 'Write'));
    const resumed = writes.filter((r) => JSON.stringify((JSON.parse(r.body) as { messages: Json[] }).messages.at(-1)?.content).includes(RESUME)).length;
    const failures: string[] = [];
    if (code !== 0) failures.push(`claude exited ${code}`);
    const want = c.file === 'whole' ? NOTES : NOTES.slice(0, NOTES.indexOf('third li') + 'third li'.length);
    if (written !== want) failures.push(`notes.txt holds ${JSON.stringify(written)}, not ${JSON.stringify(want)}`);
    if (!out.includes('Done: File created successfully')) failures.push(`the final answer was not printed: ${JSON.stringify(out.trim())}`);
    // the cut answer is flagged in both; refused, Claude Code asked the model to resume (once), closed, never
    const status = c.upstreamError === true ? 'UPSTREAM_ERROR' : 'TRUNCATED';
    if (cut.length !== 1 || JSON.stringify(cut[0]!.truncatedToolCalls) !== '[0]' || cut[0]!.status !== status) failures.push(`not one ${status} artifact naming call 0: ${JSON.stringify(cut.map((a) => [a.status, a.truncatedToolCalls]))}`);
    if (c.upstreamError === true) {
      // the call's block was open at the error: the artifact keeps the input as it went out, no closers
      const sent = JSON.stringify({ file_path: file, content: NOTES }).slice(0, JSON.stringify({ file_path: file, content: NOTES }).indexOf(CUT_AT) + CUT_AT.length);
      const call = cut[0]?.toolCalls[0];
      if (call?.repairedArguments !== sent || call.status !== 'TRUNCATED') failures.push(`the cut call is ${JSON.stringify([call?.status, call?.repairedArguments])} in the artifact, not TRUNCATED ${JSON.stringify(sent)}`);
    } else if (resumed !== (c.policy === 'reject' ? 1 : 0)) failures.push(`${resumed} requests asked the model to resume`);
    console.log(`[claude-code] ${c.name}: notes.txt ${JSON.stringify(written)}; ${up.requests.length} upstream requests (${resumed} resuming); stdout:\n${out.trim()}`);
    if (failures.length > 0) console.error(`[claude-code] ${c.name}: stderr:\n${err.slice(-4000)}`);
    return failures;
  } finally {
    await d.close();
    await up.close();
    rmSync(home, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const bin = binary();
  const failed: string[] = [];
  // CLAUDE_CODE_ONLY=<text>: only the cases whose name holds it
  const only = process.env.CLAUDE_CODE_ONLY;
  const runs: [string, () => Promise<string[]>][] = [...CASES.map((c) => [c.name, () => runCase(bin, c)] as [string, () => Promise<string[]>]), ...WRITE_CASES.map((c) => [c.name, () => runWriteCase(bin, c)] as [string, () => Promise<string[]>])].filter(([name]) => only === undefined || name.includes(only));
  for (const [name, run] of runs) {
    const f = await run();
    if (f.length > 0) failed.push(`${name}: ${f.join('; ')}`);
    else console.log(`[claude-code] ${name}: passed`);
  }
  if (failed.length > 0) {
    console.error(`[claude-code] FAILED:\n${failed.join('\n')}`);
    process.exitCode = 1;
  } else console.log(`[claude-code] passed: ${runs.map(([name]) => name).join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(`[claude-code] error: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
