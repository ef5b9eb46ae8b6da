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
