/**
 * The daemon's command line and environment from the extension's settings. No `vscode` import:
 * unit-tested under plain mocha.
 */
import { apiKeyProblem } from '../shared/apiKeyCheck';
import { OPENROUTER_BASE_URL } from '../shared/config';

export interface DaemonSettings {
  apiKey: string;
  upstreamBaseUrl: string;
  gatewayPort: number;
  defaultMode: string;
  allowedOrigins: string[];
  logLevel: string;
  /** streamfix.messagesRouting: Claude model name or prefix → upstream model (a value that is not a
   * non-empty string is passed empty, so that the daemon refuses to start and names it). */
  messagesRouting?: Record<string, string>;
  /** What the gateway does with tool calls the upstream cut (shared/config.ts TRUNCATED_TOOL_POLICIES). */
  truncatedTools: string;
}

/** Settings whose change restarts the daemon (defaultModel is read per chat request instead). */
export const RESTART_SETTINGS = ['apiKey', 'upstreamBaseUrl', 'gatewayPort', 'defaultMode', 'allowedOrigins', 'logLevel', 'messagesRouting', 'truncatedTools'] as const;

/**
 * Flags for `dist/main.js` (vscode-languageclient adds `--node-ipc` and `--clientProcessId`).
 * The upstream is passed only when it is not OpenRouter's default, so that with no key the daemon
 * falls back to its embedded demo instead of answering 401.
 */
export function daemonArgs(s: DaemonSettings, dataDir: string, port: number): string[] {
  // --port-fallback: another window's daemon usually holds the default port; take a free one then
  const args = ['--port', String(port), ...(port !== 0 ? ['--port-fallback'] : []), '--data-dir', dataDir, '--mode', s.defaultMode, '--log-level', s.logLevel, '--truncated-tools', s.truncatedTools];
  const upstream = s.upstreamBaseUrl.trim().replace(/\/+$/, '');
  if (upstream !== '' && upstream !== OPENROUTER_BASE_URL) args.push('--upstream', upstream);
  for (const origin of s.allowedOrigins) args.push('--allowed-origin', origin);
  for (const [name, model] of Object.entries(s.messagesRouting ?? {})) args.push('--route', `${name}=${model}`);
  return args;
}

/**
 * The daemon's environment: the key from SecretStorage wins over the setting; with neither, an
 * OPENROUTER_API_KEY already in the editor's environment is left to the daemon.
 */
export function daemonEnv(base: NodeJS.ProcessEnv, secretKey: string | undefined, settingKey: string): NodeJS.ProcessEnv {
  const env = { ...base };
  const k = keyInUse(base, secretKey, settingKey);
  if (k !== null && k.source !== 'environment') env.OPENROUTER_API_KEY = k.key;
  return env;
}

/** Where the key the daemon gets comes from (daemonEnv's order). */
export type KeySource = 'secret' | 'setting' | 'environment';

/** How a message names each place, so the person knows where to change the key. */
const KEY_SOURCES: Record<KeySource, string> = {
  secret: 'The API key stored with "StreamFix: Set OpenRouter API Key"',
  setting: 'The streamfix.apiKey setting',
  environment: "OPENROUTER_API_KEY in the editor's environment",
};

/** The key daemonEnv gives the daemon and where it comes from; null when there is none (the demo answers). */
export function keyInUse(base: NodeJS.ProcessEnv, secretKey: string | undefined, settingKey: string): { key: string; source: KeySource } | null {
  const secret = secretKey?.trim();
  if (secret) return { key: secret, source: 'secret' };
  const setting = settingKey.trim();
  if (setting) return { key: setting, source: 'setting' };
  const env = base.OPENROUTER_API_KEY?.trim();
  return env ? { key: env, source: 'environment' } : null;
}

/**
 * Why the daemon would refuse the key daemonEnv gives it (a character an HTTP header cannot carry:
 * shared/apiKeyCheck.ts), named by where it is set and never shown; null when it can be sent. The daemon's
 * own message names OPENROUTER_API_KEY, the variable the extension passes any key in, which the person
 * never set.
 *   keyProblem({}, 'sk-or-v1-€1', '')  // 'The API key stored with "StreamFix: Set OpenRouter API Key" holds U+20AC at character 10, …'
 */
export function keyProblem(base: NodeJS.ProcessEnv, secretKey: string | undefined, settingKey: string): string | null {
  const k = keyInUse(base, secretKey, settingKey);
  const problem = k === null ? null : apiKeyProblem(k.key);
  return k === null || problem === null ? null : `${KEY_SOURCES[k.source]} ${problem}`;
}

/** What the key input box says of a key the daemon would refuse; undefined when it can be sent. */
export function typedKeyProblem(typed: string): string | undefined {
  const problem = apiKeyProblem(typed.trim());
  return problem === null ? undefined : `This key ${problem}`;
}

/**
 * What "Set OpenRouter API Key" says it did. Removing the stored key leaves the streamfix.apiKey setting's,
 * which the daemon then uses (daemonEnv): the message says so rather than "removed" alone.
 */
export function keyChangeMessage(stored: boolean, settingKey: string): string {
  if (stored) return 'StreamFix: API key stored; restarting the daemon.';
  if (settingKey.trim()) return 'StreamFix: API key removed from SecretStorage; the streamfix.apiKey setting still holds one, which the daemon uses. Restarting the daemon.';
  return 'StreamFix: API key removed; restarting the daemon.';
}

/** streamfix.messagesRouting as name → model; a value that is not a string goes as '' (the daemon then
 * refuses to start and names the entry, rather than a typo being routed nowhere in silence). */
export function messagesRouting(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, m]) => [k, typeof m === 'string' ? m : '']));
}

/**
 * The streamfix.* setting a fatal error of the daemon is about (its message names the flag or value the
 * setting is passed as: daemonArgs), so the notification can name the setting the person changes, and
 * offer to open it; null when the error is about none (the daemon crashed, a file, the environment).
 *   settingOfDaemonError('allowed origin must look like "https://example.com" …, got "x"')  // 'allowedOrigins'
 */
export function settingOfDaemonError(message: string): string | null {
  const table: [RegExp, string][] = [
    [/^allowed origin\b/, 'allowedOrigins'],
    [/^--upstream\b/, 'upstreamBaseUrl'],
    [/^--route\b/, 'messagesRouting'],
    [/^--port\b/, 'gatewayPort'],
    [/^mode must\b/, 'defaultMode'],
    [/^log level must\b/, 'logLevel'],
    [/^truncated-tools policy\b/, 'truncatedTools'],
  ];
  for (const [re, setting] of table) if (re.test(message)) return setting;
  return null;
}
