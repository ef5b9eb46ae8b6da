import { strict as assert } from 'node:assert';
import { daemonArgs, daemonEnv } from '../../client/daemonArgs';

const settings = {
  apiKey: '',
  upstreamBaseUrl: 'https://openrouter.ai/api/v1',
  gatewayPort: 8787,
  defaultMode: 'auto',
  allowedOrigins: [] as string[],
  logLevel: 'info',
};

describe('client/daemonArgs', () => {
  it('leaves the OpenRouter default upstream out so the daemon can fall back to its demo', () => {
    assert.deepEqual(daemonArgs(settings, '/data', 8787), ['--port', '8787', '--data-dir', '/data', '--mode', 'auto', '--log-level', 'info']);
    assert.deepEqual(daemonArgs({ ...settings, upstreamBaseUrl: 'https://openrouter.ai/api/v1/' }, '/d', 0).includes('--upstream'), false);
  });

  it('passes another upstream, the mode, the level and each allowed origin', () => {
    assert.deepEqual(
      daemonArgs(
        { ...settings, upstreamBaseUrl: 'http://127.0.0.1:9000/v1/', defaultMode: 'repair', logLevel: 'debug', allowedOrigins: ['http://a.test', 'http://b.test'] },
        '/d',
        0,
      ),
      ['--port', '0', '--data-dir', '/d', '--mode', 'repair', '--log-level', 'debug', '--upstream', 'http://127.0.0.1:9000/v1', '--allowed-origin', 'http://a.test', '--allowed-origin', 'http://b.test'],
    );
  });

  it('puts the SecretStorage key before the setting into OPENROUTER_API_KEY', () => {
    assert.equal(daemonEnv({}, 'sk-secret', 'sk-setting').OPENROUTER_API_KEY, 'sk-secret');
    assert.equal(daemonEnv({}, undefined, ' sk-setting ').OPENROUTER_API_KEY, 'sk-setting');
    assert.equal(daemonEnv({ OPENROUTER_API_KEY: 'sk-env' }, undefined, '').OPENROUTER_API_KEY, 'sk-env');
    assert.equal('OPENROUTER_API_KEY' in daemonEnv({}, '', ''), false);
  });
});
