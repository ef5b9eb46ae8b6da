/**
 * The gateway's configuration and its parsing from command-line flags and environment variables.
 * Flags win over the environment; bad values throw `ConfigError` (the daemon CLI exits 2 on it).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOG_LEVEL, DEFAULT_MODE, DEFAULT_PORT, DEFAULT_TRUNCATED_TOOLS, LOG_LEVELS, MODES, OPENROUTER_BASE_URL, TRUNCATED_TOOL_POLICIES, type LogLevel, type TruncatedToolPolicy } from '../../shared/config';
import type { GatewayMode } from '../../shared/protocol';
import { DEFAULT_BREAKER, type BreakerOptions } from './breaker';
import { apiKeyProblem } from '../../shared/apiKeyCheck';
import { loadRoutingFile, parseRoute, type RoutingTable } from '../anthropic/routing';

export { DEFAULT_PORT, LOG_LEVELS, MODES, OPENROUTER_BASE_URL, type LogLevel };
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;
/** What happens to an answer that does not match the request's JSON Schema (schema.ts): `report` says so
 * (artifact, header or trailer, metric); `coerce` also applies the safe coercions (schemaCoerce.ts). */
export const SCHEMA_POLICIES = ['report', 'coerce'] as const;
export type SchemaPolicy = (typeof SCHEMA_POLICIES)[number];

/** Everything the daemon needs to start. The API key lives here and nowhere else (never logged). */
export interface DaemonConfig {
  port: number;
  /** When `port` is taken, listen on a free port instead of failing (the extension asks for this). */
  portFallback: boolean;
  host: string;
  /** Base URL of the OpenAI-compatible upstream, without a trailing slash. Null = embedded demo. */
  upstream: string | null;
  /** True when the embedded demo upstream serves the requests. */
  demo: boolean;
  demoDelayMs: number;
  dataDir: string | null;
  apiKey: string | null;
  token: string | null;
  allowedOrigins: string[];
  mode: GatewayMode;
  logLevel: LogLevel;
  /** What a request without x-streamfix-schema gets: report schema failures, or also coerce. */
  schemaPolicy: SchemaPolicy;
  /** What a request without x-streamfix-truncated-tools gets: close cut tool calls and flag them, or reject. */
  truncatedTools: TruncatedToolPolicy;
  /** Circuit breaker thresholds (breaker.ts). */
  breaker: BreakerOptions;
  /** Started by an LSP client (--stdio / --node-ipc): stdout may be the LSP pipe, so log to stderr. */
  lsp: 'stdio' | 'node-ipc' | null;
  /** Write the artifact store's small commit groups synchronously (--store-sync-writes). */
  storeSyncWrites: boolean;
  /** Write the artifact store's records on a writer thread of its own (--store-writer-thread). */
  storeWriterThread: boolean;
  /** The artifact store's segment size in bytes (env STREAMFIX_STORE_SEGMENT_BYTES; null: the store's
   * 8 MiB). For tests that fill a segment: storeReadOnly.test.ts. */
  storeSegmentBytes: number | null;
  /** The Messages API routing table from --config (null: none given). */
  routing: RoutingTable | null;
  /** `--route <name>=<model>` entries (the extension's streamfix.messagesRouting), added to the map. */
  routes: Record<string, string>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
}

/** `--help` / `-h`: not an error; the usage goes to stdout and the process exits 0 (runDaemonCli). */
export class HelpRequested extends ConfigError {
  constructor() {
    super(USAGE);
  }
}

export const USAGE = `Usage: streamfix-daemon [options]

  --port <n>              gateway port (env STREAMFIX_PORT, default ${DEFAULT_PORT}; 0 = a free port)
  --port-fallback         when the port is in use, take a free one instead of failing (and say so)
  --host <h>              loopback address to listen on: 127.0.0.1 (default), localhost or ::1
  --upstream <url>        OpenAI-compatible base URL (env STREAMFIX_UPSTREAM, default ${OPENROUTER_BASE_URL})
  --data-dir <dir>        artifact store directory (env STREAMFIX_DATA_DIR)
  --store-sync-writes     write each small commit group with a synchronous O_DSYNC write on the event loop
                          instead of the thread pool (env STREAMFIX_STORE_SYNC_WRITES=1; default off)
  --store-writer-thread   write the artifact store's records on a writer thread of its own instead of the
                          thread pool (env STREAMFIX_STORE_WRITER_THREAD=1; default off)
  --token <t>             require "Authorization: Bearer <t>" from clients (env STREAMFIX_TOKEN)
  --allowed-origin <o>    browser origin allowed to call the gateway, repeatable (env STREAMFIX_ALLOWED_ORIGINS, comma list)
  --mode <m>              default mode: auto | repair | strip | passthrough (env STREAMFIX_MODE, default ${DEFAULT_MODE})
  --demo                  use the embedded demo upstream even when a key is set
  --demo-delay-ms <n>     pause between demo chunks (default 30)
  --schema <p>            JSON Schema policy: report | coerce (env STREAMFIX_SCHEMA, default report)
  --truncated-tools <p>   tool calls cut by the upstream: close (flag them) | reject (an error instead)
                          (env STREAMFIX_TRUNCATED_TOOLS, default ${DEFAULT_TRUNCATED_TOOLS})
  --breaker-failures <n>  consecutive upstream failures that open a model's circuit breaker (default 5; 0 = off)
  --breaker-window-ms <n> ... within this many milliseconds (default 60000)
  --breaker-cooldown-ms <n>  how long an open breaker refuses before one probe (default 30000)
                          (env STREAMFIX_BREAKER_FAILURES, STREAMFIX_BREAKER_WINDOW_MS, STREAMFIX_BREAKER_COOLDOWN_MS)
  --breaker-failed-rate <r>  also open when a model's share of FAILED answers passes r, 0-1 (default off)
  --log-level <l>         silent | error | warn | info | debug (env STREAMFIX_LOG_LEVEL, default ${DEFAULT_LOG_LEVEL})
  --config <file>         config file (JSON) with the Messages API routing table (env STREAMFIX_CONFIG)
  --route <name>=<model>  Messages API: route a Claude model name or prefix to an upstream model
                          (repeatable; over the config file's routing.models)

The OpenRouter key comes from OPENROUTER_API_KEY. Without it and without --upstream, the embedded demo
upstream answers (models demo/*).`;

/** The default artifact directory: $XDG_STATE_HOME/streamfix, else ~/.local/state/streamfix. */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.trim() ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'streamfix');
}

function parsePort(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new ConfigError(`${what} must be a port number 0-65535, got "${value}"`);
  return Number(value);
}

function parseNonNegative(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${what} must be a whole number of milliseconds, got "${value}"`);
  return Number(value);
}

/** A segment size: whole bytes from 64 KiB (a segment holds at least a few artifacts' records) to 1 GiB. */
function parseSegmentBytes(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 65_536 && n <= 1024 ** 3)) throw new ConfigError(`STREAMFIX_STORE_SEGMENT_BYTES must be a whole number of bytes from 65536 to 1073741824, got "${value}"`);
  return n;
}

function parseCount(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${what} must be a whole number, got "${value}"`);
  return Number(value);
}

function parseUpstream(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${what} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${what} must be an http(s) URL, got "${value}"`);
  if (url.username || url.password) throw new ConfigError(`${what} must not carry credentials; use OPENROUTER_API_KEY`);
  // the routes are appended to the path, so a query would swallow them; and a key there would be shown
  // wherever the upstream is named (/health, the start-up lines, the breaker's log lines)
  if (/[?#]/.test(url.href)) {
    throw new ConfigError(`${what} must be a base URL without a query or a fragment (the gateway adds /chat/completions and /models to its path); a key goes in OPENROUTER_API_KEY`);
  }
  return url.href.replace(/\/+$/, '');
}

function parseOrigin(value: string): string {
  const v = value.trim();
  if (v === '*') return v;
  try {
    const url = new URL(v);
    if (url.origin === 'null' || url.origin !== v.replace(/\/$/, '')) throw new Error('not an origin');
    return url.origin;
  } catch {
    throw new ConfigError(`allowed origin must look like "https://example.com" (scheme, host, optional port), got "${value}"`);
  }
}

export function isOpenRouter(upstream: string | null): boolean {
  if (!upstream) return false;
  try {
    const host = new URL(upstream).hostname;
    return host === 'openrouter.ai' || host.endsWith('.openrouter.ai');
  } catch {
    return false;
  }
}

/**
 * Parses flags (argv without node and script) and environment into a DaemonConfig.
 * @example parseDaemonArgs(['--port', '0', '--demo'], {}).demo === true
 */
export function parseDaemonArgs(argv: string[], env: NodeJS.ProcessEnv): DaemonConfig {
  const flags = new Map<string, string>();
  const origins: string[] = [];
  const routes: Record<string, string> = {};
  let demoFlag = false;
  let portFallback = false;
  let storeSyncFlag = false;
  let storeThreadFlag = false;
  let lsp: DaemonConfig['lsp'] = null;
  const valued = new Set(['--port', '--host', '--upstream', '--data-dir', '--token', '--allowed-origin', '--mode', '--demo-delay-ms', '--log-level', '--schema', '--truncated-tools', '--breaker-failures', '--breaker-window-ms', '--breaker-cooldown-ms', '--breaker-failed-rate', '--config', '--route']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--demo') demoFlag = true;
    else if (name === '--port-fallback') portFallback = true;
    else if (name === '--store-sync-writes') storeSyncFlag = true;
    else if (name === '--store-writer-thread') storeThreadFlag = true;
    else if (name === '--stdio') lsp = 'stdio';
    else if (name === '--node-ipc') lsp = 'node-ipc';
    else if (name === '--clientProcessId' || name === '--socket' || name === '--pipe') {
      // passed by vscode-languageclient; the language server reads them itself
      if (eq < 0 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
    } else if (valued.has(name)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new ConfigError(`${name} needs a value`);
      if (name === '--allowed-origin') origins.push(value);
      else if (name === '--route') {
        const [from, to] = parseRoute(value);
        routes[from] = to;
      }
      else flags.set(name, value);
    } else if (name === '--help' || name === '-h') {
      throw new HelpRequested();
    } else {
      throw new ConfigError(`unknown option "${arg}"\n\n${USAGE}`);
    }
  }

  const pick = (flag: string, envName: string): string | undefined => {
    const f = flags.get(flag);
    if (f !== undefined) return f;
    const e = env[envName];
    return e !== undefined && e !== '' ? e : undefined;
  };

  const portText = pick('--port', 'STREAMFIX_PORT');
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText, flags.has('--port') ? '--port' : 'STREAMFIX_PORT');

  const host = flags.get('--host') ?? '127.0.0.1';
  const bareHost = host.replace(/^\[|\]$/g, '');
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(bareHost)) {
    throw new ConfigError(`--host must be a loopback address (127.0.0.1, localhost or ::1), got "${host}": the gateway spends your credits and must not be reachable from other machines`);
  }

  const modeText = pick('--mode', 'STREAMFIX_MODE') ?? DEFAULT_MODE;
  if (!(MODES as readonly string[]).includes(modeText)) throw new ConfigError(`mode must be one of ${MODES.join(', ')}, got "${modeText}"`);

  const logLevel = (pick('--log-level', 'STREAMFIX_LOG_LEVEL') ?? DEFAULT_LOG_LEVEL) as LogLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`log level must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const schemaText = pick('--schema', 'STREAMFIX_SCHEMA') ?? 'report';
  if (!(SCHEMA_POLICIES as readonly string[]).includes(schemaText)) throw new ConfigError(`schema policy must be one of ${SCHEMA_POLICIES.join(', ')}, got "${schemaText}"`);

  const syncEnv = env.STREAMFIX_STORE_SYNC_WRITES;
  if (syncEnv !== undefined && syncEnv !== '' && syncEnv !== '0' && syncEnv !== '1') throw new ConfigError(`STREAMFIX_STORE_SYNC_WRITES must be 1 or 0, got "${syncEnv}"`);
  const storeSyncWrites = storeSyncFlag || syncEnv === '1';
  const threadEnv = env.STREAMFIX_STORE_WRITER_THREAD;
  if (threadEnv !== undefined && threadEnv !== '' && threadEnv !== '0' && threadEnv !== '1') throw new ConfigError(`STREAMFIX_STORE_WRITER_THREAD must be 1 or 0, got "${threadEnv}"`);
  const storeWriterThread = storeThreadFlag || threadEnv === '1';
  const segmentEnv = env.STREAMFIX_STORE_SEGMENT_BYTES;
  const storeSegmentBytes = segmentEnv === undefined || segmentEnv === '' ? null : parseSegmentBytes(segmentEnv);
  const truncatedText = pick('--truncated-tools', 'STREAMFIX_TRUNCATED_TOOLS') ?? DEFAULT_TRUNCATED_TOOLS;
  if (!(TRUNCATED_TOOL_POLICIES as readonly string[]).includes(truncatedText)) throw new ConfigError(`truncated-tools policy must be one of ${TRUNCATED_TOOL_POLICIES.join(', ')}, got "${truncatedText}"`);

  // the breaker thresholds also come from the environment (STREAMFIX_BREAKER_FAILURES, …), which the
  // extension passes on to the daemon it starts
  const breakerText = (flag: string): { text: string; what: string } | undefined => {
    const envName = `STREAMFIX_${flag.slice(2).replace(/-/g, '_').toUpperCase()}`;
    const text = pick(flag, envName);
    return text === undefined ? undefined : { text, what: flags.has(flag) ? flag : envName };
  };
  const whole = (flag: string, fallback: number) => {
    const v = breakerText(flag);
    return v ? parseNonNegative(v.text, v.what) : fallback;
  };
  const failuresText = breakerText('--breaker-failures');
  const rateText = flags.get('--breaker-failed-rate');
  if (rateText !== undefined && !(/^(0|1|0?\.\d+|1\.0*)$/.test(rateText))) throw new ConfigError(`--breaker-failed-rate must be a number from 0 to 1, got "${rateText}"`);
  const breaker: BreakerOptions = {
    failures: failuresText ? parseCount(failuresText.text, failuresText.what) : DEFAULT_BREAKER.failures,
    windowMs: whole('--breaker-window-ms', DEFAULT_BREAKER.windowMs),
    cooldownMs: whole('--breaker-cooldown-ms', DEFAULT_BREAKER.cooldownMs),
    failedRate: rateText === undefined ? DEFAULT_BREAKER.failedRate : Number(rateText),
  };

  const delayText = flags.get('--demo-delay-ms');
  const demoDelayMs = delayText === undefined ? 30 : parseNonNegative(delayText, '--demo-delay-ms');

  const apiKey = env.OPENROUTER_API_KEY && env.OPENROUTER_API_KEY.trim() ? env.OPENROUTER_API_KEY.trim() : null;
  const keyProblem = apiKey === null ? null : apiKeyProblem(apiKey);
  if (keyProblem !== null) throw new ConfigError(`OPENROUTER_API_KEY ${keyProblem}`);
  const upstreamText = pick('--upstream', 'STREAMFIX_UPSTREAM');
  const explicitUpstream = upstreamText === undefined ? null : parseUpstream(upstreamText, flags.has('--upstream') ? '--upstream' : 'STREAMFIX_UPSTREAM');
  // No key and nobody asked for a particular upstream: OpenRouter would answer 401 to everything, so the
  // demo answers instead. An explicit upstream is used as given (local servers need no key).
  const demo = demoFlag || (explicitUpstream === null && apiKey === null);
  const upstream = demo ? null : (explicitUpstream ?? OPENROUTER_BASE_URL);

  const originsEnv = env.STREAMFIX_ALLOWED_ORIGINS;
  const originList = origins.length > 0 ? origins : originsEnv ? originsEnv.split(',').filter((o) => o.trim() !== '') : [];

  const dataDirText = pick('--data-dir', 'STREAMFIX_DATA_DIR');
  const token = pick('--token', 'STREAMFIX_TOKEN') ?? null;
  if (token !== null && !/^[\x21-\x7e]{8,}$/.test(token)) throw new ConfigError('token must be at least 8 printable ASCII characters without spaces');

  const configFile = pick('--config', 'STREAMFIX_CONFIG');

  return {
    routing: configFile === undefined ? null : loadRoutingFile(configFile),
    routes,
    port,
    portFallback,
    host: bareHost,
    upstream,
    demo,
    demoDelayMs,
    dataDir: dataDirText ?? defaultDataDir(env),
    apiKey,
    token,
    allowedOrigins: originList.map(parseOrigin),
    mode: modeText as GatewayMode,
    logLevel,
    schemaPolicy: schemaText as SchemaPolicy,
    storeSyncWrites,
    storeWriterThread,
    storeSegmentBytes,
    truncatedTools: truncatedText as TruncatedToolPolicy,
    breaker,
    lsp,
  };
}
