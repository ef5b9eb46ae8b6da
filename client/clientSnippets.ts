/**
 * Set-up snippets for pointing other AI tools at the gateway, with the live URL filled in (the
 * walkthrough's copy buttons). No `vscode` import: unit-tested under plain mocha.
 */
import { gatewayOrigin } from './gatewayHttp';

export type ClientKind = 'continue' | 'cline' | 'openai' | 'anthropic' | 'claudeCode';
export const CLIENT_KINDS: readonly ClientKind[] = ['continue', 'cline', 'openai', 'anthropic', 'claudeCode'];

/**
 * The snippet for `kind` against the gateway at `url`. The key the tools send is the gateway token when
 * there is one; otherwise any placeholder (the gateway uses its own OpenRouter key).
 */
export function clientSnippet(kind: ClientKind, url: string, model: string, token: string | null): string {
  const origin = gatewayOrigin(url);
  const key = token ?? 'streamfix';
  switch (kind) {
    case 'continue':
      return `models:\n  - name: StreamFix ${model}\n    provider: openai\n    model: ${model}\n    apiBase: ${origin}/v1\n    apiKey: ${key}\n`;
    case 'cline':
      return `API Provider: OpenAI Compatible\nBase URL: ${origin}/v1\nAPI Key: ${key}\nModel ID: ${model}\n`;
    case 'openai':
      return `from openai import OpenAI\nclient = OpenAI(base_url="${origin}/v1", api_key="${key}")\n`;
    case 'anthropic':
      return `import anthropic\nclient = anthropic.Anthropic(base_url="${origin}", api_key="${key}")\n`;
    case 'claudeCode':
      return `ANTHROPIC_BASE_URL=${origin} ANTHROPIC_AUTH_TOKEN=${key} claude\n`;
  }
}
