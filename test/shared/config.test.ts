import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAEMON_NODE_FLAGS, DEFAULT_LOG_LEVEL, DEFAULT_MODE, DEFAULT_MODEL, DEFAULT_PORT, DEFAULT_TRUNCATED_TOOLS, LOG_LEVELS, MODES, OPENROUTER_BASE_URL, TRUNCATED_TOOL_POLICIES } from '../../shared/config';

// package.json is JSON and cannot import shared/config.ts: this is what keeps the two in step.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  contributes: { configuration: { properties: Record<string, { enum?: string[]; enumDescriptions?: string[]; default?: unknown }> } };
};
const settings = manifest.contributes.configuration.properties;

describe('shared/config against the extension manifest', () => {
  it('offers exactly the daemon modes in streamfix.defaultMode (the settings UI lists the default first)', () => {
    const p = settings['streamfix.defaultMode']!;
    assert.deepEqual([...p.enum!].sort(), [...MODES].sort());
    assert.equal(p.enum![0], DEFAULT_MODE);
    assert.equal(p.enumDescriptions!.length, MODES.length);
    assert.equal(p.default, DEFAULT_MODE);
  });

  it('offers exactly the daemon log levels, in order, in streamfix.logLevel', () => {
    const p = settings['streamfix.logLevel']!;
    assert.deepEqual(p.enum, [...LOG_LEVELS]);
    assert.equal(p.default, DEFAULT_LOG_LEVEL);
  });

  it('offers exactly the daemon truncated-tools policies in streamfix.truncatedTools, the default first', () => {
    const p = settings['streamfix.truncatedTools']!;
    assert.deepEqual(p.enum, [...TRUNCATED_TOOL_POLICIES]);
    assert.equal(p.enum![0], DEFAULT_TRUNCATED_TOOLS);
    assert.equal(p.enumDescriptions!.length, TRUNCATED_TOOL_POLICIES.length);
    assert.equal(p.default, DEFAULT_TRUNCATED_TOOLS);
  });

  it('has the same port, upstream and model defaults as the daemon', () => {
    assert.equal(settings['streamfix.gatewayPort']!.default, DEFAULT_PORT);
    assert.equal(settings['streamfix.upstreamBaseUrl']!.default, OPENROUTER_BASE_URL);
    assert.equal(settings['streamfix.defaultModel']!.default, DEFAULT_MODEL);
  });

  it('npm start runs the daemon with its Node options, as the extension does', () => {
    assert.equal(manifest.scripts.start, `npm run build && ${['node', ...DAEMON_NODE_FLAGS, 'dist/main.js'].join(' ')}`);
  });
});
