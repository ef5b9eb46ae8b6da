/**
 * Routes from the command line (`--route <name>=<model>`, which the extension's
 * `streamfix.messagesRouting` setting becomes): prefixes, precedence over the config file, errors naming
 * the bad entry, and requests routed through the daemon.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { parseRoute, route, withRoutes, type RoutingTable } from '../../../server/anthropic/routing';
import { ConfigError, parseDaemonArgs } from '../../../server/gateway/config';
import { artifactOf, startTestDaemon } from '../helpers/gateway';
import { withTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const plain = { thinking: false, inputTokens: 10 };

describe('messages: routes from the command line and the extension setting', () => {
  it('a map key is also a prefix: an exact name first, then the longest key the name starts with, before the rules', () => {
    const t: RoutingTable = { models: { 'claude-sonnet-4': 'x/s4', 'claude-sonnet-4-5': 'x/s45', 'claude-haiku': 'x/h', 'claude-opus-4-7': 'x/o47' }, longContextThreshold: 100, background: 'x/bg', longContext: 'x/long', default: 'x/d' };
    assert.deepEqual(route(t, 'claude-sonnet-4-5-20250929', plain), { requested: 'claude-sonnet-4-5-20250929', rule: 'prefix', upstream: 'x/s45' });
    assert.deepEqual(route(t, 'claude-sonnet-4-6', plain), { requested: 'claude-sonnet-4-6', rule: 'prefix', upstream: 'x/s4' });
    assert.deepEqual(route(t, 'claude-sonnet-4', plain), { requested: 'claude-sonnet-4', rule: 'map', upstream: 'x/s4' });
    assert.deepEqual(route(t, 'claude-haiku-4-5', { thinking: false, inputTokens: 10 ** 6 }), { requested: 'claude-haiku-4-5', rule: 'prefix', upstream: 'x/h' });
    assert.deepEqual(route(t, 'claude-opus-4', plain), { requested: 'claude-opus-4', rule: 'default', upstream: 'x/d' }); // a key longer than the name is no prefix of it
  });

  it('parses --route (both spellings, repeatable, the last one for a name wins); routes override the file\'s map', () => {
    const c = parseDaemonArgs(['--route', 'claude-sonnet-4=anthropic/claude-sonnet-4.5', '--route=claude-haiku=openai/gpt-4o-mini', '--route', 'claude-haiku=meta/llama-4'], {});
    assert.deepEqual(c.routes, { 'claude-sonnet-4': 'anthropic/claude-sonnet-4.5', 'claude-haiku': 'meta/llama-4' });
    assert.deepEqual(parseDaemonArgs([], {}).routes, {});
    const file: RoutingTable = { models: { a: 'x/a', b: 'x/b' }, longContextThreshold: 60000, default: 'x/d' };
    assert.deepEqual(withRoutes(file, { b: 'y/b', c: 'y/c' }), { models: { a: 'x/a', b: 'y/b', c: 'y/c' }, longContextThreshold: 60000, default: 'x/d' });
    assert.equal(withRoutes(file, {}), file);
    assert.deepEqual(parseRoute('m=a/b=c'), ['m', 'a/b=c']); // split at the first '='
  });

  const BAD: [string, string][] = [
    ['claude-x=', '--route "claude-x=": the upstream model for "claude-x" must be a model name (a non-empty string)'],
    ['claude-x', '--route "claude-x": the upstream model for "claude-x" must be a model name (a non-empty string)'],
    ['=x/y', '--route "=x/y": expected <claude model name or prefix>=<upstream model>'],
  ];
  for (const [value, message] of BAD) {
    it(`refuses --route ${JSON.stringify(value)} naming it`, () => {
      assert.throws(() => parseDaemonArgs(['--route', value], {}), (e: Error) => e instanceof ConfigError && e.message === message);
    });
  }

  it('the daemon refuses to start with a bad --route (exit 2), naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfx-route-'));
    try {
      const p = spawn(process.execPath, [join(__dirname, '../../../dist/main.js'), '--port', '0', '--route', 'claude-opus='], { env: { PATH: process.env.PATH, HOME: dir, XDG_STATE_HOME: dir } });
      let err = '';
      p.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => p.on('exit', resolve));
      assert.equal(code, 2);
      assert.equal(err, 'streamfix: --route "claude-opus=": the upstream model for "claude-opus" must be a model name (a non-empty string)\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('through the daemon: a route over the config table, by prefix; recorded in the artifact', async () => {
    const table: RoutingTable = { models: { 'claude-sonnet-4': 'x/from-file' }, longContextThreshold: 60000, default: 'x/default' };
    await withTestGateway({ apiKey: 'sk-or-test', routing: table, routes: { 'claude-sonnet-4': 'anthropic/claude-sonnet-4.5' } }, async ({ up, d }) => {
      up.always({ chunks: [sse(chunk({ content: 'ok' }, 'stop'), '[DONE]')] });
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const { response } = await client.messages.create({ model: 'claude-sonnet-4-6-20260115', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      assert.equal(JSON.parse(up.requests[up.requests.length - 1]!.body).model, 'anthropic/claude-sonnet-4.5');
      assert.deepEqual((await artifactOf(d, response as unknown as Response)).route, { requested: 'claude-sonnet-4-6-20260115', rule: 'prefix', upstream: 'anthropic/claude-sonnet-4.5', served: 'test/model' });
      await client.messages.create({ model: 'claude-opus-4-7', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(JSON.parse(up.requests[up.requests.length - 1]!.body).model, 'x/default');
    });
  });

  it('with the demo: routes add to the demo routing (other Claude names still answer from the demo)', async () => {
    const d = await startTestDaemon({ demo: true, routes: { 'claude-opus': 'demo/msg-tools' } });
    try {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      const tools = await client.messages.create({ model: 'claude-opus-4-7', max_tokens: 256, messages: [{ role: 'user', content: 'x' }] });
      assert.deepEqual(tools.content.map((b) => b.type), ['text', 'tool_use', 'tool_use']);
      const text = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user', content: 'x' }] });
      assert.deepEqual(text.content.map((b) => b.type), ['text']);
    } finally {
      await d.close();
    }
  });
});
