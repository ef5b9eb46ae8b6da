/**
 * Defaults and value lists that the daemon and the extension must agree on, kept in one place. The
 * extension's package.json cannot import them (its `enum`s and `default`s are JSON), so a test checks
 * that package.json says the same as this file.
 * Imports nothing from Node, VS Code or the LSP libraries.
 */
import type { GatewayMode } from './protocol';

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
export const DEFAULT_PORT = 8787;
/** The modes a request or the default may name (error messages list them in this order). */
export const MODES: readonly GatewayMode[] = ['repair', 'strip', 'passthrough', 'auto'];
export const DEFAULT_MODE: GatewayMode = 'auto';
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';
/** The model the extension's chat participant asks when the setting is empty. */
export const DEFAULT_MODEL = 'openai/gpt-4o-mini';
/** What the gateway does with a tool call whose arguments were cut (the upstream stopped inside them):
 * `close` sends them closed by the engine and flags them; `reject` ends the answer with an error instead
 * (server/gateway/truncatedTools.ts). */
export const TRUNCATED_TOOL_POLICIES = ['close', 'reject'] as const;
export type TruncatedToolPolicy = (typeof TRUNCATED_TOOL_POLICIES)[number];
export const DEFAULT_TRUNCATED_TOOLS: TruncatedToolPolicy = 'close';
/** Node options the daemon runs with: `npm start`, the extension's server options (client/daemon.ts), the
 * campaigns' daemon (test/campaigns/daemonProcess.ts) and the benchmark's gateway process (test/bench/index.ts),
 * so that what is measured runs as the daemon does. None today: a larger semi-space
 * (`--max-semi-space-size=64`) made the gateway 3-12% cheaper per stream at 100 streams, but the young
 * generation it lets grow broke the memory goal (two 300 MB think-block streams: peak 297.9-350.7 MB resident
 * against 169.6-184.1 MB without; README "gateway performance"). A V8 option must be given at start:
 * v8.setFlagsFromString changes nothing once the heap is set up. */
export const DAEMON_NODE_FLAGS: readonly string[] = [];
