/**
 * The CLI as a child process, through the package's `bin` launcher and the built dist/cli.js (npm test
 * builds first). Output is compared with the engine's own result where the engine decides the text.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { version } from '../../package.json';
import { USAGE } from '../../server/gateway/config';
import { repairJson } from '../../shared/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'server', 'bin', 'streamfix.cjs');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], bin = BIN): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], { cwd: ROOT, stdio: 'pipe' });
}

/** Runs the CLI to completion with `stdin` as its whole input. */
function run(args: string[], stdin: string | Buffer = '', bin = BIN): Promise<Ran> {
  const child = start(args, bin);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdin.on('error', (e: NodeJS.ErrnoException) => {
    // The CLI may exit before reading all of stdin (a usage error, an input past --max-input).
    if (e.code !== 'EPIPE') throw e;
  });
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Collects a child's stdout and lets a test wait for a condition on it, failing if the child exits
 * first. Driven by 'data' events, no timers. */
function watch(child: ChildProcessWithoutNullStreams) {
  let stdout = '';
  let stderr = '';
  const waiters: { pred: (s: string) => boolean; resolve: () => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.pred(stdout)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString('utf8');
    check();
  });
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const closed = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code}) before the output arrived; stdout: ${JSON.stringify(stdout)}`));
      resolve(code);
    }),
  );
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    until: (pred: (s: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pred, resolve, reject });
        check();
      }),
    closed,
  };
}

const BROKEN = `{name: 'Ada', "tags": ["x",],}`;

describe('CLI: streamfix repair', () => {
  let tmp: string;

  before(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'streamfix-cli-'));
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints valid JSON from stdin unchanged, with a newline, and exits 0', async () => {
    const input = '{"a": [1, 2.50, true], "b": {"c": null}}';
    assert.deepEqual(await run(['repair'], input), { code: 0, stdout: input + '\n', stderr: '' });
  });

  it('adds no second line end when the JSON (its trailing whitespace kept) already ends with one, whole and --stream', async () => {
    for (const flags of [[], ['--stream']]) {
      assert.deepEqual(await run(['repair', ...flags], '{"a": 1}\n'), { code: 0, stdout: '{"a": 1}\n', stderr: '' }, flags.join(' '));
      assert.deepEqual(await run(['repair', ...flags], "{a: 1,}\n"), { code: 0, stdout: '{"a": 1}\n', stderr: '' }, flags.join(' '));
      assert.deepEqual(await run(['repair', ...flags], '{"a": 1}  \n\n'), { code: 0, stdout: '{"a": 1}  \n\n', stderr: '' }, flags.join(' '));
      assert.deepEqual(await run(['repair', ...flags], '{"a": 1} '), { code: 0, stdout: '{"a": 1} \n', stderr: '' }, flags.join(' '));
      assert.deepEqual(await run(['repair', '--pretty', ...flags], '{"a": 1}\n'), { code: 0, stdout: '{\n  "a": 1\n}\n', stderr: '' }, flags.join(' '));
    }
  });

  it('repairs broken JSON from stdin', async () => {
    assert.deepEqual(await run(['repair'], BROKEN), { code: 0, stdout: '{"name": "Ada", "tags": ["x"]}\n', stderr: '' });
  });

  it('reads a FILE (whole or streamed), and `-` as stdin', async () => {
    const file = path.join(tmp, 'broken.json');
    writeFileSync(file, BROKEN);
    assert.deepEqual(await run(['repair', file]), { code: 0, stdout: '{"name": "Ada", "tags": ["x"]}\n', stderr: '' });
    assert.deepEqual(await run(['repair', '-'], BROKEN), { code: 0, stdout: '{"name": "Ada", "tags": ["x"]}\n', stderr: '' });
    assert.deepEqual(await run(['repair', '--stream', file]), { code: 0, stdout: '{"name": "Ada", "tags": ["x"]}\n', stderr: '' });
  });

  it('strips a think block and a fence, exiting 0', async () => {
    const r = await run(['repair'], '<think>{"draft": 1}</think>\n```json\n{"a": 1}\n```\n');
    assert.deepEqual(r, { code: 0, stdout: '{"a": 1}\n', stderr: '' });
  });

  it('exits 0 for a truncated document and closes it', async () => {
    const r = await run(['repair'], '{"a": [1, 2');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '{"a": [1, 2]}\n');
  });

  it('pretty-prints with --pretty, keeping number spellings', async () => {
    const r = await run(['repair', '--pretty'], "{a: [1.50, {}, []], 'b': {\"c\": 1e3,},}");
    assert.deepEqual(r, { code: 0, stdout: '{\n  "a": [\n    1.50,\n    {},\n    []\n  ],\n  "b": {\n    "c": 1e3\n  }\n}\n', stderr: '' });
  });

  it('reports repairs human-readably with --report, 1-based positions on stderr', async () => {
    const r = await run(['repair', '--report'], BROKEN);
    const engine = repairJson(BROKEN);
    const msg = engine.repairs.map((x) => x.message);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '{"name": "Ada", "tags": ["x"]}\n');
    // Each quote character is its own repair: edits are minimal.
    assert.deepEqual(engine.repairs.map((x) => x.kind), ['unquoted_key', 'single_quotes', 'single_quotes', 'trailing_comma', 'trailing_comma']);
    assert.equal(
      r.stderr,
      [
        'status: REPAIRED (5 repairs, 0 stripped spans)',
        `  1:2 unquoted_key: "name" -> "\\"name\\"" (${msg[0]})`,
        `  1:8 single_quotes: "'" -> "\\"" (${msg[1]})`,
        `  1:12 single_quotes: "'" -> "\\"" (${msg[2]})`,
        `  1:27 trailing_comma: "," -> "" (${msg[3]})`,
        `  1:29 trailing_comma: "," -> "" (${msg[4]})`,
        '',
      ].join('\n'),
    );
  });

  it('lists stripped spans in the text report', async () => {
    const input = '<think>hmm</think>\n{"a": 1}';
    const r = await run(['repair', '--report=text'], input);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '{"a": 1}\n');
    const s = repairJson(input).stripped;
    assert.equal(s[0].kind, 'reasoning');
    assert.equal(r.stderr.split('\n')[0], `status: VALID (0 repairs, ${s.length} stripped span${s.length === 1 ? '' : 's'})`);
    assert.equal(r.stderr.split('\n')[1], `  1:1 stripped reasoning: ${s[0].length} chars ${JSON.stringify(s[0].text)}`);
  });

  it('lists repairs and stripped spans together in input order', async () => {
    const input = '<think>x</think>{a: 1,}';
    const r = await run(['repair', '--report'], input);
    const msg = repairJson(input).repairs.map((x) => x.message);
    assert.deepEqual(r, {
      code: 0,
      stdout: '{"a": 1}\n',
      stderr: [
        'status: REPAIRED (2 repairs, 1 stripped span)',
        '  1:1 stripped reasoning: 16 chars "<think>x</think>"',
        `  1:18 unquoted_key: "a" -> "\\"a\\"" (${msg[0]})`,
        `  1:22 trailing_comma: "," -> "" (${msg[1]})`,
        '',
      ].join('\n'),
    });
  });

  it('reports one JSON object on stderr with --report=json', async () => {
    const r = await run(['repair', '--report=json'], BROKEN);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '{"name": "Ada", "tags": ["x"]}\n');
    const report = JSON.parse(r.stderr);
    const engine = repairJson(BROKEN);
    assert.deepEqual(report, { status: 'REPAIRED', repairs: engine.repairs, stripped: engine.stripped });
    assert.deepEqual(
      report.repairs.map((x: { kind: string; offset: number; length: number; replacement: string }) => [x.kind, x.offset, x.length, x.replacement]),
      [
        ['unquoted_key', 1, 4, '"name"'],
        ['single_quotes', 7, 1, '"'],
        ['single_quotes', 11, 1, '"'],
        ['trailing_comma', 26, 1, ''],
        ['trailing_comma', 28, 1, ''],
      ],
    );
  });

  it('exits 1 with the reason on stderr when no JSON can be recovered', async () => {
    const engine = repairJson('no json here');
    assert.equal(engine.error?.code, 'NO_JSON');
    assert.deepEqual(await run(['repair'], 'no json here'), { code: 1, stdout: '', stderr: `streamfix: ${engine.error?.message} (NO_JSON)\n` });
  });

  it('keeps stderr pure JSON for --report=json when FAILED', async () => {
    const r = await run(['repair', '--report=json'], '');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const report = JSON.parse(r.stderr);
    assert.equal(report.status, 'FAILED');
    assert.equal(report.error.code, 'NO_JSON');
  });

  it('exits 1 with the typed error when a limit is exceeded', async () => {
    const r = await run(['repair', '--max-depth', '3'], '[[[[1]]]]');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^streamfix: .+ \(DEPTH_LIMIT\)\n$/);
  });

  it('exits 1 with INPUT_TOO_LARGE past --max-input, whole or streamed', async () => {
    const small = await run(['repair', '--max-input', '10'], '{"a": "0123456789"}');
    assert.equal(small.code, 1);
    assert.match(small.stderr, /^streamfix: .+ \(INPUT_TOO_LARGE\)\n$/);
    // Far past 3 bytes per allowed character: the CLI stops buffering stdin before the engine sees it.
    const big = await run(['repair', '--max-input', '10'], '[' + '1,'.repeat(5000) + '1]');
    assert.deepEqual(big, { code: 1, stdout: '', stderr: 'streamfix: Input is longer than maxInputLength (10 characters) (INPUT_TOO_LARGE)\n' });
    const streamed = await run(['repair', '--stream', '--max-input', '10'], '{"a": "0123456789"}');
    assert.equal(streamed.code, 1);
    assert.match(streamed.stderr, /^streamfix: .+ \(INPUT_TOO_LARGE\)\n$/);
  });

  it('exits 2 naming an unknown option, command or a bad value', async () => {
    assert.deepEqual(await run(['repair', '--bogus']), { code: 2, stdout: '', stderr: "streamfix: unknown option '--bogus' (see 'streamfix --help')\n" });
    assert.deepEqual(await run(['fix']), { code: 2, stdout: '', stderr: "streamfix: unknown command 'fix' (see 'streamfix --help')\n" });
    assert.deepEqual(await run(['repair', '--report=xml']), {
      code: 2,
      stdout: '',
      stderr: "streamfix: option '--report' takes 'text' or 'json', got 'xml' (see 'streamfix --help')\n",
    });
    assert.deepEqual(await run(['repair', '--max-depth', '0']), {
      code: 2,
      stdout: '',
      stderr: "streamfix: option '--max-depth' needs a positive whole number, got '0' (see 'streamfix --help')\n",
    });
    assert.deepEqual(await run(['repair', 'a.json', 'b.json']), {
      code: 2,
      stdout: '',
      stderr: "streamfix: only one FILE can be given, got 'a.json' and 'b.json' (see 'streamfix --help')\n",
    });
    const none = await run([]);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, "streamfix: missing command (see 'streamfix --help')\n");
  });

  it('exits 2 naming a missing file or a directory', async () => {
    const missing = path.join(tmp, 'nope.json');
    assert.deepEqual(await run(['repair', missing]), { code: 2, stdout: '', stderr: `streamfix: cannot read '${missing}': no such file\n` });
    assert.deepEqual(await run(['repair', tmp]), { code: 2, stdout: '', stderr: `streamfix: cannot read '${tmp}': it is a directory\n` });
  });

  it('prints --version and --help', async () => {
    assert.deepEqual(await run(['--version']), { code: 0, stdout: `streamfix ${version}\n`, stderr: '' });
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.stdout.split('\n')[0], 'Usage:');
    assert.match(help.stdout, /--report\[=text\|json\]/);
  });

  it('prints the daemon\'s usage for `serve --help` on stdout, exit 0', async () => {
    assert.deepEqual(await run(['serve', '--help']), { code: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it('hands `serve` and its flags to the daemon, which rejects an unknown flag with exit 2', async () => {
    const r = await run(['serve', '--bogus']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n')[0], 'streamfix: unknown option "--bogus"');
  });

  it('says to build when dist/cli.js is missing, exiting 2', async () => {
    const bin = path.join(tmp, 'pkg', 'server', 'bin', 'streamfix.cjs');
    mkdirSync(path.dirname(bin), { recursive: true });
    copyFileSync(BIN, bin);
    const r = await run(['repair'], '{}', bin);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `streamfix: ${path.join(tmp, 'pkg', 'dist', 'cli.js')} is missing; run npm run build\n`);
  });
});

describe('CLI: streamfix repair --stream', () => {
  it('writes output for a complete prefix before stdin closes', async () => {
    const child = start(['repair', '--stream']);
    const w = watch(child);
    child.stdin.write('<think>plan {</think>{"id": 1, "items": [true, ');
    // The engine decides `{"id": 1, "items": [true` now; the comma may still turn out trailing.
    await w.until((s) => s.startsWith('{"id": 1, "items": [true'));
    assert.equal(child.stdin.writableEnded, false);
    child.stdin.write("'two',");
    await w.until((s) => s.includes('"two"'));
    child.stdin.end(']}');
    assert.equal(await w.closed, 0);
    assert.equal(w.stdout, '{"id": 1, "items": [true, "two"]}\n');
    assert.equal(w.stderr, '');
  });

  it('keeps a UTF-8 character split across two reads', async () => {
    const child = start(['repair', '--stream']);
    const w = watch(child);
    const emoji = Buffer.from('😀', 'utf8');
    child.stdin.write(Buffer.concat([Buffer.from('{"a": "x", "e": "'), emoji.subarray(0, 2)]));
    // Seeing output proves the first read was processed before the rest of the emoji is sent.
    await w.until((s) => s.startsWith('{"a": "x"'));
    child.stdin.end(Buffer.concat([emoji.subarray(2), Buffer.from('"}')]));
    assert.equal(await w.closed, 0);
    assert.equal(w.stdout, '{"a": "x", "e": "😀"}\n');
  });

  it('gives the same output as the one-shot repair, and closes a truncated stream', async () => {
    const input = "{a: [1, 2,], b: 'text', c: {d: None";
    const r = await run(['repair', '--stream'], input);
    assert.deepEqual(r, { code: 0, stdout: repairJson(input).json + '\n', stderr: '' });
    assert.equal(r.stdout, '{"a": [1, 2], "b": "text", "c": {"d": null}}\n');
  });

  it('--pretty=N indents by N spaces (0: compact, 2: as --pretty), whole and --stream', async () => {
    const input = "{a: [1.50, {}], 'b': 2,}";
    for (const flags of [[], ['--stream']]) {
      assert.deepEqual(await run(['repair', '--pretty=4', ...flags], input), { code: 0, stdout: '{\n    "a": [\n        1.50,\n        {}\n    ],\n    "b": 2\n}\n', stderr: '' }, flags.join(' '));
      assert.deepEqual(await run(['repair', '--pretty=0', ...flags], input), { code: 0, stdout: '{"a":[1.50,{}],"b":2}\n', stderr: '' }, flags.join(' '));
      assert.deepEqual(await run(['repair', '--pretty=2', ...flags], input), await run(['repair', '--pretty', ...flags], input), flags.join(' '));
    }
  });

  it('--pretty with a value that is not 0-10 is a usage error naming it (exit 2)', async () => {
    for (const bad of ['11', 'x', '', '-1', '1.5', '010']) {
      assert.deepEqual(await run(['repair', `--pretty=${bad}`], '{}'), {
        code: 2,
        stdout: '',
        stderr: `streamfix: option '--pretty' takes a number of spaces from 0 to 10, got '${bad}' (see 'streamfix --help')\n`,
      });
    }
  });

  it('pretty-prints as it streams with --pretty', async () => {
    const r = await run(['repair', '--stream', '--pretty'], '[{"a": 1}, []]');
    assert.deepEqual(r, { code: 0, stdout: '[\n  {\n    "a": 1\n  },\n  []\n]\n', stderr: '' });
  });

  it('reports with --report=json at the end of the stream', async () => {
    const r = await run(['repair', '--stream', '--report=json'], '[1, 2,]');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '[1, 2]\n');
    const report = JSON.parse(r.stderr);
    assert.equal(report.status, 'REPAIRED');
    assert.deepEqual(report.repairs.map((x: { kind: string; offset: number }) => [x.kind, x.offset]), [['trailing_comma', 5]]);
  });

  it('whole, takes the value the text corrects its JSON value with, and says so on stderr, text and JSON reports', async () => {
    const input = '{"a": 1}\n\nActually, use {"a": 2} instead.';
    const warning = 'the text corrects its JSON value later; the output is the correction, not the first value (line 1, column 1: {"a": 1})';
    const engine = repairJson(input, { takeCorrections: true });
    assert.deepEqual(engine.stripped.map((s) => [s.kind, s.text]), [['draft', '{"a": 1}'], ['prose', 'Actually, use'], ['trailing', 'instead.']]);
    assert.deepEqual(await run(['repair'], input), { code: 0, stdout: '{"a": 2}\n', stderr: `streamfix: warning: ${warning}\n` });
    const json = await run(['repair', '--report=json'], input);
    assert.deepEqual(JSON.parse(json.stderr), { status: 'VALID', repairs: [], stripped: engine.stripped, warnings: [warning] });
    const text = await run(['repair', '--report'], input);
    assert.deepEqual(text.stderr.split('\n').slice(0, 5), [`streamfix: warning: ${warning}`, 'status: VALID (0 repairs, 3 stripped spans)', '  1:1 stripped draft: 8 chars "{\\"a\\": 1}"', '  3:1 stripped prose: 13 chars "Actually, use"', '  3:24 stripped trailing: 8 chars "instead."']);
  });

  it('streamed, warns on stderr when the text corrects its JSON value later (status REPAIRED), text and JSON reports', async () => {
    const input = '{"a": 1}\n\nActually, use {"a": 2} instead.';
    const warning = 'the text corrects its JSON value later (line 3, column 15: {"a": 2}); the output is the first value';
    const engine = repairJson(input);
    assert.deepEqual(engine.stripped.map((s) => [s.kind, s.text]), [['trailing', 'Actually, use'], ['correction', '{"a": 2}'], ['trailing', 'instead.']]);
    for (const mode of [['--stream']]) {
      assert.deepEqual(await run(['repair', ...mode], input), { code: 0, stdout: '{"a": 1}\n', stderr: `streamfix: warning: ${warning}\n` }, mode.join(''));
      const json = await run(['repair', ...mode, '--report=json'], input);
      assert.deepEqual(JSON.parse(json.stderr), { status: 'REPAIRED', repairs: [], stripped: engine.stripped, warnings: [warning] });
      const text = await run(['repair', ...mode, '--report'], input);
      assert.deepEqual(text.stderr.split('\n').slice(0, 4), [`streamfix: warning: ${warning}`, 'status: REPAIRED (0 repairs, 3 stripped spans)', '  3:1 stripped trailing: 13 chars "Actually, use"', '  3:15 stripped correction: 8 chars "{\\"a\\": 2}"']);
    }
  });

  it('warns on stderr when the input is not valid UTF-8, whole or streamed, text and JSON reports', async () => {
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": "'), Buffer.from([0xc3]), Buffer.from('", "b": "\ufffd"}')]);
    const warning = 'the input is not valid UTF-8: 3 invalid byte sequences replaced by U+FFFD';
    const engine = repairJson('\ufffd\ufffd{"a": "\ufffd", "b": "\ufffd"}');
    assert.equal(engine.json, '{"a": "\ufffd", "b": "\ufffd"}');
    for (const mode of [[], ['--stream']]) {
      assert.deepEqual(await run(['repair', ...mode], input), { code: 0, stdout: engine.json + '\n', stderr: `streamfix: warning: ${warning}\n` }, mode.join(''));
      const json = await run(['repair', ...mode, '--report=json'], input);
      assert.deepEqual(JSON.parse(json.stderr), { status: engine.status, repairs: engine.repairs, stripped: engine.stripped, warnings: [warning] });
      const text = await run(['repair', ...mode, '--report'], input);
      assert.equal(text.stderr.split('\n')[0], `streamfix: warning: ${warning}`);
      assert.equal(text.stderr.split('\n')[1], 'status: VALID (0 repairs, 1 stripped span)');
    }
    // Valid UTF-8 that spells U+FFFD itself is no warning.
    assert.deepEqual(await run(['repair'], '["\ufffd"]'), { code: 0, stdout: '["\ufffd"]\n', stderr: '' });
  });

  it('exits 1 when the stream holds no JSON', async () => {
    const engine = repairJson('just words');
    assert.deepEqual(await run(['repair', '--stream'], 'just words'), { code: 1, stdout: '', stderr: `streamfix: ${engine.error?.message} (NO_JSON)\n` });
  });
});
