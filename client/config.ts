/** Reading the `streamfix.*` settings with their defaults and types checked. */
import * as vscode from 'vscode';
import { messagesRouting, type DaemonSettings } from './daemonArgs';
import { DEFAULT_LOG_LEVEL, DEFAULT_MODE, DEFAULT_MODEL, DEFAULT_PORT, DEFAULT_TRUNCATED_TOOLS, LOG_LEVELS, MODES, OPENROUTER_BASE_URL, TRUNCATED_TOOL_POLICIES } from '../shared/config';

export const SECTION = 'streamfix';
export const SECRET_KEY = 'streamfix.openRouterApiKey';

export interface Settings extends DaemonSettings {
  defaultModel: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const str = (k: string, d: string): string => {
    const v = c.get<unknown>(k);
    return typeof v === 'string' ? v : d;
  };
  const port = c.get<unknown>('gatewayPort');
  const origins = c.get<unknown>('allowedOrigins');
  const mode = str('defaultMode', DEFAULT_MODE);
  const level = str('logLevel', DEFAULT_LOG_LEVEL);
  const routing = c.get<unknown>('messagesRouting');
  const truncated = str('truncatedTools', DEFAULT_TRUNCATED_TOOLS);
  return {
    apiKey: str('apiKey', ''),
    upstreamBaseUrl: str('upstreamBaseUrl', OPENROUTER_BASE_URL),
    defaultModel: str('defaultModel', DEFAULT_MODEL),
    gatewayPort: typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_PORT,
    defaultMode: (MODES as readonly string[]).includes(mode) ? mode : DEFAULT_MODE,
    allowedOrigins: Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [],
    logLevel: (LOG_LEVELS as readonly string[]).includes(level) ? level : DEFAULT_LOG_LEVEL,
    messagesRouting: messagesRouting(routing),
    truncatedTools: (TRUNCATED_TOOL_POLICIES as readonly string[]).includes(truncated) ? truncated : DEFAULT_TRUNCATED_TOOLS,
  };
}
