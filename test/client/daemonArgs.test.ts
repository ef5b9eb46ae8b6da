import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { daemonArgs, daemonEnv, keyChangeMessage, keyInUse, keyProblem, messagesRouting, RESTART_SETTINGS, settingOfDaemonError, typedKeyProblem } from '../../client/daemonArgs';
import { ConfigError, parseDaemonArgs } from '../../server/gateway/config';

const settings = {
  apiKey: '',
  upstreamBaseUrl: 'https://openrouter.ai/api/v1',
  gatewayPort: 8787,
  defaultMode: 'auto',
  allowedOrigins: [] as string[],
  logLevel: 'info',
  truncatedTools: 'close',
};

describe('client/daemonArgs', () => {
  it('leaves the OpenRouter default upstream out so the daemon can fall back to its demo', () => {
    assert.deepEqual(daemonArgs(settings, '/data', 8787), ['--port', '8787', '--port-fallback', '--data-dir', '/data', '--mode', 'auto', '--log-level', 'info', '--truncated-tools', 'close']);
    assert.deepEqual(daemonArgs({ ...settings, upstreamBaseUrl: 'https://openrouter.ai/api/v1/' }, '/d', 0).includes('--upstream'), false);
  });

  it('passes another upstream, the mode, the level, the truncated-tools policy and each allowed origin', () => {
    assert.deepEqual(
      daemonArgs(
        { ...settings, upstreamBaseUrl: 'http://127.0.0.1:9000/v1/', defaultMode: 'repair', logLevel: 'debug', truncatedTools: 'reject', allowedOrigins: ['http://a.test', 'http://b.test'] },
        '/d',
        0,
      ),
      ['--port', '0', '--data-dir', '/d', '--mode', 'repair', '--log-level', 'debug', '--truncated-tools', 'reject', '--upstream', 'http://127.0.0.1:9000/v1', '--allowed-origin', 'http://a.test', '--allowed-origin', 'http://b.test'],
    );
  });

  it('passes streamfix.messagesRouting as one --route per entry; a change restarts the daemon', () => {
    assert.deepEqual(daemonArgs({ ...settings, messagesRouting: { 'claude-sonnet-4': 'anthropic/claude-sonnet-4.5', 'claude-haiku': 'openai/gpt-4o-mini' } }, '/d', 0).slice(10), [
      '--route',
      'claude-sonnet-4=anthropic/claude-sonnet-4.5',
      '--route',
      'claude-haiku=openai/gpt-4o-mini',
    ]);
    assert.deepEqual(daemonArgs({ ...settings, messagesRouting: {} }, '/d', 0), ['--port', '0', '--data-dir', '/d', '--mode', 'auto', '--log-level', 'info', '--truncated-tools', 'close']);
    assert.ok((RESTART_SETTINGS as readonly string[]).includes('messagesRouting'));
  });

  it('reads the setting: an object of strings; a value that is not a string goes empty (the daemon refuses it by name); anything else is no routes', () => {
    assert.deepEqual(messagesRouting({ 'claude-opus': 'x/o', 'claude-haiku': 42 }), { 'claude-opus': 'x/o', 'claude-haiku': '' });
    assert.deepEqual(messagesRouting(['x']), {});
    assert.deepEqual(messagesRouting(null), {});
    assert.deepEqual(messagesRouting('claude=x/y'), {});
  });

  it('declares streamfix.messagesRouting in the manifest: an object of non-empty strings, empty by default', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } };
    const p = manifest.contributes.configuration.properties['streamfix.messagesRouting']!;
    assert.deepEqual([p.type, p.additionalProperties, p.default], ['object', { type: 'string', minLength: 1 }, {}]);
  });

  it('puts the SecretStorage key before the setting into OPENROUTER_API_KEY', () => {
    assert.equal(daemonEnv({}, 'sk-secret', 'sk-setting').OPENROUTER_API_KEY, 'sk-secret');
    assert.equal(daemonEnv({}, undefined, ' sk-setting ').OPENROUTER_API_KEY, 'sk-setting');
    assert.equal(daemonEnv({ OPENROUTER_API_KEY: 'sk-env' }, undefined, '').OPENROUTER_API_KEY, 'sk-env');
    assert.equal('OPENROUTER_API_KEY' in daemonEnv({}, '', ''), false);
  });

  it('says a removed key leaves the setting\'s key in use, when the setting has one', () => {
    assert.equal(keyChangeMessage(true, ''), 'StreamFix: API key stored; restarting the daemon.');
    assert.equal(keyChangeMessage(false, ''), 'StreamFix: API key removed; restarting the daemon.');
    assert.equal(keyChangeMessage(false, ' '), 'StreamFix: API key removed; restarting the daemon.');
    assert.equal(
      keyChangeMessage(false, 'sk-or-v1-in-settings'),
      'StreamFix: API key removed from SecretStorage; the streamfix.apiKey setting still holds one, which the daemon uses. Restarting the daemon.',
    );
  });
  it('names where a key the daemon would refuse is set (SecretStorage, the setting, the environment), never the key', () => {
    const bad = 'sk-or-v1-caf\u20ac-S3CRET0123';
    const why = 'holds U+20AC at character 13, which an HTTP header cannot carry (a header value is bytes 0-255 without control characters; OpenRouter keys are ASCII): check the key';
    assert.equal(keyProblem({}, bad, 'sk-or-v1-ok'), `The API key stored with "StreamFix: Set OpenRouter API Key" ${why}`);
    assert.equal(keyProblem({}, undefined, ` ${bad} `), `The streamfix.apiKey setting ${why}`);
    assert.equal(keyProblem({ OPENROUTER_API_KEY: bad }, '', ''), `OPENROUTER_API_KEY in the editor's environment ${why}`);
    // the key in use is the one checked: a good stored key wins over a bad setting
    assert.equal(keyProblem({ OPENROUTER_API_KEY: bad }, 'sk-or-v1-ok', bad), null);
    assert.equal(keyProblem({}, undefined, ''), null);
    // latin1 goes in a header as its bytes: sent
    assert.equal(keyProblem({}, 'sk-or-v1-caf\u00e9-0123', ''), null);
    assert.deepEqual(keyInUse({ OPENROUTER_API_KEY: ' sk-env ' }, ' ', ''), { key: 'sk-env', source: 'environment' });
    assert.equal(typedKeyProblem(` ${bad}`), `This key ${why}`);
    assert.equal(typedKeyProblem('sk-or-v1-ok'), undefined);
    assert.equal(typedKeyProblem(''), undefined);
  });
});

describe('settingOfDaemonError (the setting a daemon start failure names)', () => {
  /** What the daemon says (its ConfigError) of the command line daemonArgs makes from these settings. */
  function daemonSays(s: typeof settings & { messagesRouting?: Record<string, string> }): string {
    try {
      parseDaemonArgs(daemonArgs(s, '/d', 0), {});
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return 'started';
  }

  it('names the setting each refused value came from, the daemon\'s own text unchanged', () => {
    const origin = daemonSays({ ...settings, allowedOrigins: ['example.com'] });
    assert.equal(origin, 'allowed origin must look like "https://example.com" (scheme, host, optional port), got "example.com"');
    assert.equal(settingOfDaemonError(origin), 'allowedOrigins');
    const upstream = daemonSays({ ...settings, upstreamBaseUrl: 'ftp://x.test' });
    assert.equal(upstream, '--upstream must be an http(s) URL, got "ftp://x.test"');
    assert.equal(settingOfDaemonError(upstream), 'upstreamBaseUrl');
    const route = daemonSays({ ...settings, messagesRouting: { 'claude-': '' } });
    assert.equal(settingOfDaemonError(route), 'messagesRouting');
    for (const [key, value, setting] of [['defaultMode', 'nope', 'defaultMode'], ['logLevel', 'loud', 'logLevel'], ['truncatedTools', 'drop', 'truncatedTools']] as const) {
      assert.equal(settingOfDaemonError(daemonSays({ ...settings, [key]: value })), setting, key);
    }
    assert.equal(daemonSays(settings), 'started');
  });

  it('names none for a failure no setting causes', () => {
    assert.equal(settingOfDaemonError('could not start: listen EACCES'), null);
    assert.equal(settingOfDaemonError('the language server could not be loaded: boom'), null);
  });
});
