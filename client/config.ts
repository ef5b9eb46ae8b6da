/** Reading the `streamfix.*` settings with their defaults and types checked. */
import * as vscode from 'vscode';
import type { DaemonSettings } from './daemonArgs';
import { OPENROUTER_BASE_URL } from './daemonArgs';

export const SECTION = 'streamfix';
export const SECRET_KEY = 'streamfix.openRouterApiKey';
export const DEFAULT_PORT = 8787;

export interface Settings extends DaemonSettings {
  defaultModel: string;
}

const MODES = ['auto', 'repair', 'strip', 'passthrough'];
const LEVELS = ['silent', 'error', 'warn', 'info', 'debug'];

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const str = (k: string, d: string): string => {
    const v = c.get<unknown>(k);
    return typeof v === 'string' ? v : d;
  };
  const port = c.get<unknown>('gatewayPort');
  const origins = c.get<unknown>('allowedOrigins');
  const mode = str('defaultMode', 'auto');
  const level = str('logLevel', 'info');
  return {
    apiKey: str('apiKey', ''),
    upstreamBaseUrl: str('upstreamBaseUrl', OPENROUTER_BASE_URL),
    defaultModel: str('defaultModel', 'openai/gpt-4o-mini'),
    gatewayPort: typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_PORT,
    defaultMode: MODES.includes(mode) ? mode : 'auto',
    allowedOrigins: Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [],
    logLevel: LEVELS.includes(level) ? level : 'info',
  };
}
