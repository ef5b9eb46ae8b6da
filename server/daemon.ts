/**
 * The daemon: the artifact store, the event hub, the metrics registry, the embedded demo upstream when
 * needed, and the gateway; one object that closes them in the right order. `runDaemonCli` is the
 * command-line face (flags, banner, signals); the language server is attached by main.ts.
 */
import type { ThreadStore } from './anthropic/threads';
import type { RepairOptions } from '../shared/engine';
import type { GatewayInfo } from '../shared/protocol';
import { DEMO_ROUTING, EMPTY_ROUTING, withRoutes } from './anthropic/routing';
import { startDemoUpstream, type DemoUpstream } from './demo/server';
import { apiKeyProblem } from '../shared/apiKeyCheck';
import { DEFAULT_BREAKER } from './gateway/breaker';
import { ArtifactStore, type ArtifactStoreOptions } from './gateway/artifacts';
import { ConfigError, DEFAULT_PORT, HelpRequested, OPENROUTER_BASE_URL, parseDaemonArgs, type DaemonConfig } from './gateway/config';
import { EventHub } from './gateway/events';
import { createLogger, type Logger } from './gateway/log';
import { GatewayMetrics } from './gateway/metrics';
import { startGateway, type Gateway } from './gateway/server';
import type { UpstreamOptions } from './gateway/upstream';
import type { ClientLimits } from './gateway/limits';
import type { LspChannel } from './gateway/health';
import { Warnings } from './gateway/warnings';
import { DEFAULT_TRUNCATED_TOOLS } from './gateway/truncatedTools';

export interface DaemonOptions extends Partial<DaemonConfig> {
  /** Where log lines go (default: stderr). */
  logOut?: { write(s: string): unknown };
  upstreamOptions?: Omit<UpstreamOptions, 'baseUrl'>;
  /** How long open streams may run on at shutdown before they are aborted. Default 5 s. */
  shutdownGraceMs?: number;
  /** Artifact store bounds. */
  maxArtifacts?: number;
  maxArtifactBytes?: number;
  /** Demo piece size (code points); default an awkward pattern. */
  demoChunkSize?: number;
  /** Engine limits for the gateway's repairs. */
  engine?: RepairOptions;
  /** The model health window (default 10 min) and the clock breakers and health read (tests fake it). */
  healthWindowMs?: number;
  clock?: () => number;
  /** Messages API: quiet time before a `ping` event (default 10 s). */
  pingMs?: number;
  /** Messages API: where message threads are kept (default: a ThreadStore with its default bounds). */
  threads?: ThreadStore;
  /** Caps on clients (connections, header and request time-outs). */
  limits?: ClientLimits;
  /** Characters of each text an artifact keeps (head and tail of longer ones). */
  maxArtifactText?: number;
  /** Test hooks of the artifact store: its file calls (a failure injected there), segment size,
   * preallocation and commit wait bound (artifacts.ts). */
  storeHooks?: Pick<ArtifactStoreOptions, 'fs' | 'segmentBytes' | 'preallocBytes' | 'commitWaitMs'>;
}

export interface Daemon {
  info: GatewayInfo;
  config: DaemonConfig;
  store: ArtifactStore;
  events: EventHub;
  metrics: GatewayMetrics;
  /** Every warning after start-up (logged, counted, in /health and the metrics). */
  warnings: Warnings;
  gateway: Gateway;
  demo: DemoUpstream | null;
  log: Logger;
  /** The editor's language-server channel (--stdio / --node-ipc; null without one), as /health reports it. */
  lsp: LspChannel | null;
  /** The language server saw its channel close while the daemon runs on (--node-ipc): /health says so. */
  lspClosed(): void;
  close(): Promise<void>;
}

/** Fills what the options leave out. Without a key and without an upstream, the demo answers. */
export function resolveConfig(o: DaemonOptions): DaemonConfig {
  const apiKey = o.apiKey ?? null;
  const keyProblem = apiKey === null ? null : apiKeyProblem(apiKey);
  if (keyProblem !== null) throw new ConfigError(`The API key ${keyProblem}`);
  const demo = o.demo === true || ((o.upstream === undefined || o.upstream === null) && apiKey === null);
  return {
    port: o.port ?? DEFAULT_PORT,
    portFallback: o.portFallback ?? false,
    host: o.host ?? '127.0.0.1',
    upstream: demo ? null : (o.upstream ?? OPENROUTER_BASE_URL),
    demo,
    demoDelayMs: o.demoDelayMs ?? 30,
    dataDir: o.dataDir ?? null,
    apiKey,
    token: o.token ?? null,
    allowedOrigins: o.allowedOrigins ?? [],
    mode: o.mode ?? 'auto',
    logLevel: o.logLevel ?? 'info',
    schemaPolicy: o.schemaPolicy ?? 'report',
    truncatedTools: o.truncatedTools ?? DEFAULT_TRUNCATED_TOOLS,
    storeSyncWrites: o.storeSyncWrites ?? false,
    storeWriterThread: o.storeWriterThread ?? false,
    storeSegmentBytes: o.storeSegmentBytes ?? null,
    breaker: { ...DEFAULT_BREAKER, ...o.breaker },
    lsp: o.lsp ?? null,
    routing: o.routing ?? null,
    routes: o.routes ?? {},
  };
}

/**
 * Starts everything. Example: `const d = await startDaemon({ port: 0, demo: true, demoDelayMs: 0 });
 * fetch(d.info.url + '/models')`, then `await d.close()`.
 */
export async function startDaemon(opts: DaemonOptions = {}): Promise<Daemon> {
  const config = resolveConfig(opts);
  const log = createLogger(config.logLevel, opts.logOut ?? process.stderr, [config.apiKey]);
  const metrics = new GatewayMetrics();
  const warnings = new Warnings(log, (kind) => metrics.onWarning(kind));
  const events = new EventHub();
  // the store's warnings (start-up recovery included) are logged and counted as they happen
  const store = await ArtifactStore.open({
    dir: config.dataDir,
    maxCount: opts.maxArtifacts,
    maxBytes: opts.maxArtifactBytes,
    syncWrites: config.storeSyncWrites,
    writerThread: config.storeWriterThread,
    ...(config.storeSegmentBytes !== null ? { segmentBytes: config.storeSegmentBytes } : {}),
    ...opts.storeHooks,
    onWarning: (w, kind) => warnings.warn(kind, w),
    // evictions at the bounds are expected: an info line per deleted segment, streamfix_artifacts_evicted_total
    onNotice: (m) => log.info(`artifact store: ${m}`),
    // the start and the end of a run of memory-only artifacts: a line each (the failed writes themselves
    // are warnings, logged at most once per 10 s), and an event the editor's status bar shows
    // (and, `late`, an artifact whose slow write landed after its response said memory-only: on disk after all)
    onDurableChange: ({ durable, message, id, problem, late }) => {
      if (durable || late) log.info(`artifact store: ${message}`);
      else log.warn(`artifact store: ${message}`);
      events.publish({ type: 'store', id, durable, problem, ...(late ? { late } : {}) });
    },
  });
  const lsp: LspChannel | null = config.lsp === null ? null : { transport: config.lsp, closedAt: null };
  let demo: DemoUpstream | null = null;
  let gateway: Gateway;
  try {
    if (config.demo) demo = await startDemoUpstream({ delayMs: config.demoDelayMs, chunkSize: opts.demoChunkSize });
    gateway = await startGateway({
      port: config.port,
      portFallback: config.portFallback,
      host: config.host,
      upstream: demo ? demo.url : config.upstream!,
      demo: config.demo,
      apiKey: config.apiKey,
      token: config.token,
      allowedOrigins: config.allowedOrigins,
      mode: config.mode,
      store,
      events,
      metrics,
      log,
      upstreamOptions: opts.upstreamOptions,
      engine: opts.engine,
      warnings,
      limits: opts.limits,
      maxArtifactText: opts.maxArtifactText,
      lsp,
      schemaPolicy: config.schemaPolicy,
      truncatedTools: config.truncatedTools,
      breaker: config.breaker,
      healthWindowMs: opts.healthWindowMs,
      clock: opts.clock,
      // with the embedded demo and no routing table, Claude model names answer from the demo models
      messages: { routing: withRoutes(config.routing ?? (config.demo ? DEMO_ROUTING : EMPTY_ROUTING), config.routes), pingMs: opts.pingMs, threads: opts.threads },
    });
  } catch (e) {
    events.close();
    await demo?.close();
    await store.close();
    throw e;
  }
  let closing: Promise<void> | null = null;
  return {
    info: {
      url: gateway.url,
      port: gateway.port,
      upstream: demo ? demo.url : config.upstream!,
      demo: config.demo,
      token: config.token,
      ...(gateway.fallbackFrom !== undefined ? { fallbackFrom: gateway.fallbackFrom } : {}),
    },
    config,
    store,
    events,
    metrics,
    warnings,
    gateway,
    demo,
    log,
    lsp,
    lspClosed() {
      if (lsp === null || lsp.closedAt !== null || closing !== null) return; // (a shutdown closes it too)
      lsp.closedAt = new Date().toISOString();
      log.warn(`language server: the editor's channel (${lsp.transport}) closed: the gateway goes on answering HTTP; /health says "degraded"`);
    },
    close() {
      // events first: its SSE clients never end on their own and would hold the server open
      closing ??= (async () => {
        events.close();
        await gateway.close(opts.shutdownGraceMs ?? 5_000);
        await demo?.close();
        await store.close();
      })();
      return closing;
    },
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The banner: where the gateway listens, which upstream answers, and a curl to try. */
export function banner(d: Daemon): string {
  const { info, config } = d;
  const model = info.demo ? 'demo/fenced-prose' : 'openai/gpt-4o-mini';
  const body = JSON.stringify({
    model,
    stream: true,
    response_format: { type: 'json_object' },
    messages: [{ role: 'user', content: 'Describe Ada Lovelace as a JSON object with name, born and languages.' }],
  });
  const auth = info.token ? ` -H ${shellQuote(`authorization: Bearer ${info.token}`)}` : '';
  const upstreamLine = info.demo
    ? `embedded demo at ${info.upstream} (${config.apiKey ? '--demo given' : 'no OPENROUTER_API_KEY set'}; models demo/*)`
    : `${info.upstream}${config.apiKey ? '' : ' (no OPENROUTER_API_KEY: requests are sent without a key unless the client brings one)'}`;
  return [
    `StreamFix gateway listening on ${info.url}${info.fallbackFrom !== undefined ? ` (port ${info.fallbackFrom} is in use, so a free port was taken)` : ''}`,
    `Upstream: ${upstreamLine}`,
    `Default mode: ${config.mode}; artifacts: ${config.dataDir ?? 'in memory only'}`,
    `Claude Code / Anthropic SDK: ANTHROPIC_BASE_URL=${info.url.replace(/\/v1$/, '')} ANTHROPIC_API_KEY=${info.token ?? 'any'}`,
    `Try it:`,
    `  curl -N ${info.url}/chat/completions -H 'content-type: application/json'${auth} -d ${shellQuote(body)}`,
    '',
  ].join('\n');
}

export interface RunHooks {
  /** Called once the daemon is up (main.ts starts the language server here). */
  onStarted?(daemon: Daemon): void | Promise<void>;
}

/**
 * The command line: parses flags and environment, starts the daemon, prints the banner (to stderr when
 * stdout is an LSP pipe), and shuts down cleanly on SIGINT/SIGTERM (exit 0). Bad flags: message, exit 2;
 * `--help`: the usage on stdout, exit 0.
 */
export async function runDaemonCli(argv: string[], hooks: RunHooks = {}): Promise<void> {
  let config: DaemonConfig;
  try {
    config = parseDaemonArgs(argv, process.env);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      process.exit(0);
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`streamfix: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const out = config.lsp ? process.stderr : process.stdout;
  // Handlers go in before anything starts, so a signal during start-up or right after the banner is a
  // clean shutdown too (it waits for the start to finish, then closes).
  let started: Promise<Daemon | null> = Promise.resolve(null);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`streamfix: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    void started.then(async (d) => {
      if (!d) return process.exit(0);
      d.log.info(`${signal}: shutting down (open streams get up to 5 s)`);
      try {
        await d.close();
        process.exit(0);
      } catch (e) {
        process.stderr.write(`streamfix: shutdown failed: ${(e as Error).message}\n`);
        process.exit(1);
      }
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  started = startDaemon({ ...config, logOut: process.stderr }).catch((e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${config.port} is in use (choose another with --port, or --port 0 for a free one)` : err.message;
    process.stderr.write(`streamfix: could not start: ${why}\n`);
    process.exit(1);
  });
  const daemon = (await started)!;
  if (stopping) return;
  out.write(banner(daemon));
  if (hooks.onStarted) await hooks.onStarted(daemon);
}
