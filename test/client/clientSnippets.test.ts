import { strict as assert } from 'node:assert';
import { clientSnippet } from '../../client/clientSnippets';

const URL = 'http://127.0.0.1:8799/v1';

describe('client/clientSnippets', () => {
  it('fills the live gateway URL and model into each tool\'s set-up', () => {
    assert.equal(clientSnippet('continue', URL, 'demo/clean', null), 'models:\n  - name: StreamFix demo/clean\n    provider: openai\n    model: demo/clean\n    apiBase: http://127.0.0.1:8799/v1\n    apiKey: streamfix\n');
    assert.equal(clientSnippet('cline', URL, 'demo/clean', null), 'API Provider: OpenAI Compatible\nBase URL: http://127.0.0.1:8799/v1\nAPI Key: streamfix\nModel ID: demo/clean\n');
    assert.equal(clientSnippet('openai', URL, 'demo/clean', null), 'from openai import OpenAI\nclient = OpenAI(base_url="http://127.0.0.1:8799/v1", api_key="streamfix")\n');
    assert.equal(clientSnippet('anthropic', URL, 'demo/clean', null), 'import anthropic\nclient = anthropic.Anthropic(base_url="http://127.0.0.1:8799", api_key="streamfix")\n');
    assert.equal(clientSnippet('claudeCode', URL, 'demo/clean', null), 'ANTHROPIC_BASE_URL=http://127.0.0.1:8799 ANTHROPIC_AUTH_TOKEN=streamfix claude\n');
  });

  it('uses the gateway token as the key when the gateway has one', () => {
    assert.equal(clientSnippet('cline', URL, 'm', 'tok123'), 'API Provider: OpenAI Compatible\nBase URL: http://127.0.0.1:8799/v1\nAPI Key: tok123\nModel ID: m\n');
  });
});
