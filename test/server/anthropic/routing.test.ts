/**
 * The Messages routing table: each rule, their precedence, the config file's errors (the daemon refuses
 * to start naming the bad key), and the decision logged and recorded in the artifact.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { DEMO_ROUTING, loadRoutingFile, parseRouting, route, type RoutingTable } from '../../../server/anthropic/routing';
import { ConfigError, parseDaemonArgs } from '../../../server/gateway/config';
import { artifactOf } from '../helpers/gateway';
import { withTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const TABLE: RoutingTable = {
  models: { 'claude-sonnet-4-6': 'anthropic/claude-sonnet-4.6', 'claude-3-5-haiku-latest': 'openai/gpt-4o-mini-mapped' },
  longContext: 'google/gemini-2.5-pro',
  longContextThreshold: 1000,
  background: 'openai/gpt-4o-mini',
  think: 'deepseek/deepseek-r1',
  default: 'qwen/qwen3-coder',
};
const plain = { thinking: false, inputTokens: 10 };

describe('messages: routing table', () => {
  it('a name with a slash goes upstream unchanged, before every rule', () => {
    assert.deepEqual(route(TABLE, 'meta/llama-4', { thinking: true, inputTokens: 5000 }), { requested: 'meta/llama-4', rule: 'as-is', upstream: 'meta/llama-4' });
  });

  it('the exact map comes before the rules', () => {
    assert.deepEqual(route(TABLE, 'claude-sonnet-4-6', { thinking: true, inputTokens: 5000 }), { requested: 'claude-sonnet-4-6', rule: 'map', upstream: 'anthropic/claude-sonnet-4.6' });
    assert.equal(route(TABLE, 'claude-3-5-haiku-latest', plain).rule, 'map');
  });

  it('longContext above the threshold, before background and think', () => {
    assert.deepEqual(route(TABLE, 'claude-haiku-4-5', { thinking: true, inputTokens: 1001 }), { requested: 'claude-haiku-4-5', rule: 'longContext', upstream: 'google/gemini-2.5-pro' });
    assert.equal(route(TABLE, 'claude-haiku-4-5', { thinking: false, inputTokens: 1000 }).rule, 'background');
  });

  it('background for haiku-class names, before think', () => {
    assert.deepEqual(route(TABLE, 'claude-haiku-4-5', { thinking: true, inputTokens: 10 }), { requested: 'claude-haiku-4-5', rule: 'background', upstream: 'openai/gpt-4o-mini' });
    assert.equal(route(TABLE, 'Claude-3-HAIKU', plain).rule, 'background');
  });

  it('think when thinking is enabled, then the default', () => {
    assert.deepEqual(route(TABLE, 'claude-opus-4-7', { thinking: true, inputTokens: 10 }), { requested: 'claude-opus-4-7', rule: 'think', upstream: 'deepseek/deepseek-r1' });
    assert.deepEqual(route(TABLE, 'claude-opus-4-7', plain), { requested: 'claude-opus-4-7', rule: 'default', upstream: 'qwen/qwen3-coder' });
  });

  it('a rule that is not configured is skipped; with no default the name goes as it is', () => {
    const t: RoutingTable = { models: {}, longContextThreshold: 60000, think: 'deepseek/deepseek-r1' };
    assert.deepEqual(route(t, 'claude-haiku-4-5', plain), { requested: 'claude-haiku-4-5', rule: 'none', upstream: 'claude-haiku-4-5' });
    assert.equal(route(t, 'claude-haiku-4-5', { thinking: true, inputTokens: 10 ** 6 }).rule, 'think');
    assert.equal(route(t, 'toString', plain).rule, 'none'); // the map is not read through the prototype
  });

  it('the demo routing: thinking to demo/msg-thinking, the rest to demo/msg-text', () => {
    assert.equal(route(DEMO_ROUTING, 'claude-sonnet-4-6', { thinking: true, inputTokens: 1 }).upstream, 'demo/msg-thinking');
    assert.equal(route(DEMO_ROUTING, 'claude-haiku-4-5', plain).upstream, 'demo/msg-text');
  });

  it('parses a config file, with the threshold defaulting to 60000', () => {
    assert.deepEqual(parseRouting({ routing: { models: { a: 'x/a' }, default: 'x/d' } }), { models: { a: 'x/a' }, longContextThreshold: 60000, default: 'x/d' });
    assert.deepEqual(parseRouting({}), { models: {}, longContextThreshold: 60000 });
  });

  const BAD: [unknown, string][] = [
    [[], 'f.json: must be a JSON object such as {"routing": {...}}'],
    [{ rooting: {} }, 'f.json: unknown key "rooting" (known: routing)'],
    [{ routing: 'x' }, 'f.json: routing must be an object, got "x"'],
    [{ routing: { defualt: 'x/y' } }, 'f.json: unknown key "routing.defualt" (known: routing.models, routing.longContextThreshold, routing.background, routing.think, routing.longContext, routing.default)'],
    [{ routing: { models: ['x'] } }, 'f.json: routing.models must be an object mapping model names to upstream models, got ["x"]'],
    [{ routing: { models: { 'claude-x': 3 } } }, 'f.json: routing.models."claude-x" must be a model name (a non-empty string), got 3'],
    [{ routing: { think: '' } }, 'f.json: routing.think must be a model name (a non-empty string), got ""'],
    [{ routing: { longContextThreshold: 1.5 } }, 'f.json: routing.longContextThreshold must be a whole number of tokens ≥ 1, got 1.5'],
  ];
  for (const [config, message] of BAD) {
    it(`refuses ${JSON.stringify(config)} naming the bad key`, () => {
      assert.throws(() => parseRouting(config, 'f.json'), (e: Error) => e instanceof ConfigError && e.message === message);
    });
  }

  describe('the config file', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'sfx-config-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('--config and STREAMFIX_CONFIG load it; a missing file or bad JSON is a ConfigError naming it', () => {
      const f = join(dir, 'streamfix.json');
      writeFileSync(f, JSON.stringify({ routing: { default: 'x/y' } }));
      assert.equal(parseDaemonArgs(['--config', f], {}).routing?.default, 'x/y');
      assert.equal(parseDaemonArgs([], { STREAMFIX_CONFIG: f }).routing?.default, 'x/y');
      assert.equal(parseDaemonArgs([], {}).routing, null);
      const missing = join(dir, 'nope.json');
      assert.throws(() => loadRoutingFile(missing), (e: Error) => e instanceof ConfigError && e.message.startsWith(`--config: cannot read ${missing}: ENOENT`));
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{"routing": {');
      assert.throws(() => loadRoutingFile(broken), (e: Error) => e instanceof ConfigError && e.message.startsWith(`${broken}: not valid JSON: `));
    });

    it('the daemon refuses to start with a bad config, naming the key (exit 2)', async () => {
      const f = join(dir, 'bad.json');
      writeFileSync(f, JSON.stringify({ routing: { background: 42 } }));
      const p = spawn(process.execPath, [join(__dirname, '../../../dist/main.js'), '--port', '0', '--config', f], { env: { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir } });
      let err = '';
      p.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => p.on('exit', resolve));
      assert.equal(code, 2);
      assert.equal(err, `streamfix: ${f}: routing.background must be a model name (a non-empty string), got 42\n`);
    });
  });

  it('through the daemon: the upstream gets the routed model; the decision is logged and in the artifact', async () => {
    let logs = '';
    await withTestGateway({ apiKey: 'sk-or-test', routing: TABLE, logLevel: 'info', logOut: { write: (s: string) => (logs += s) } }, async ({ up, d }) => {
      // the upstream answers as the model it was asked for (its chunks' `model`)
      up.respond((r) => ({ chunks: [sse(chunk({ content: 'ok' }, 'stop', { model: (JSON.parse(r.body) as { model: string }).model }), '[DONE]')] }));
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const cases: [Anthropic.MessageCreateParamsNonStreaming, string, string][] = [
        [{ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }, 'background', 'openai/gpt-4o-mini'],
        [{ model: 'claude-opus-4-7', max_tokens: 5000, thinking: { type: 'enabled', budget_tokens: 2000 }, messages: [{ role: 'user', content: 'hi' }] }, 'think', 'deepseek/deepseek-r1'],
        [{ model: 'claude-opus-4-7', max_tokens: 5, messages: [{ role: 'user', content: 'x'.repeat(4004) }] }, 'longContext', 'google/gemini-2.5-pro'],
      ];
      for (const [params, rule, upstream] of cases) {
        const { data, response } = await client.messages.create(params).withResponse();
        // the model that served the answer, not the name asked for (servedModel.test.ts)
        assert.equal(data.model, upstream);
        assert.equal(JSON.parse(up.requests[up.requests.length - 1]!.body).model, upstream);
        const a = await artifactOf(d, response as unknown as Response);
        assert.deepEqual(a.route, { requested: params.model, rule, upstream, served: upstream });
        assert.match(logs, new RegExp(`messages: ${params.model} -> ${upstream} \\(rule ${rule}\\)`));
      }
    });
  });
});
