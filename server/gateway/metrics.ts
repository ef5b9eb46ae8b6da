/**
 * Prometheus metrics for GET /metrics. Each GatewayMetrics owns its own prom-client Registry (never the
 * global one) so several gateways in one process, as in the tests, do not clash over metric names.
 *
 * Label values that come from clients (model names) or upstreams (status text, repair kinds) are bounded:
 * after a cap of distinct values new ones are counted as "other", so a client sending random model names
 * cannot grow the registry without bound. The API key is never a parameter here, so it cannot become a
 * label.
 *
 * Example:
 *   const m = new GatewayMetrics();
 *   m.onRequest('openai/gpt-4o', 'repair', '200', 'chat');
 *   server.on('request', (req, res) => void m.handle(req, res)); // GET /metrics
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CountingHistogram } from './countingHistogram';

export const DEFAULT_MAX_LABEL_VALUES = 100;
/** A label value longer than this is cut: no legitimate model name or status is this long. */
const MAX_LABEL_LENGTH = 120;
export const OTHER_LABEL = 'other';

/** Seconds; from a fast local model (~5 ms) to a slow reasoning model's first byte. */
const TTFB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds; the gateway's own work per chunk is microseconds, so the buckets start at 10 µs. */
const ADDED_BUCKETS = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];

export interface GatewayMetricsOptions {
  /** Cap on distinct values per client-controlled label (model, kind, status). Default 100. */
  maxLabelValues?: number;
  /** Collect Node process metrics (CPU, memory, event loop lag, GC). Default true. */
  defaultMetrics?: boolean;
}

/** Keeps at most `max` distinct values; the rest map to "other". */
class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  value(raw: unknown): string {
    let v = typeof raw === 'string' ? raw : String(raw);
    if (v === '') v = 'unknown';
    if (v.length > MAX_LABEL_LENGTH) v = v.slice(0, MAX_LABEL_LENGTH);
    if (this.seen.has(v)) return v;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(v);
    return v;
  }
}

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly models: BoundedLabel;
  private readonly kinds: BoundedLabel;
  private readonly statuses: BoundedLabel;
  private readonly modes: BoundedLabel;
  private readonly requests: Counter<'model' | 'mode' | 'status' | 'api'>;
  /** Repairs counted since the counter was last read, by kind label then model label (both bounded). */
  private readonly pendingRepairs = new Map<string, Map<string, number>>();
  private readonly reasoningBytes: Counter;
  private readonly truncations: Counter<'model'>;
  private readonly schemaFailures: Counter<'model'>;
  private readonly schemaErrors: Counter<'model'>;
  private readonly circuitState: Gauge<'model'>;
  private readonly circuitRefusals: Counter<'model'>;
  private readonly malformedLines: Counter;
  private readonly upstreamErrors: Counter<'status'>;
  private readonly activeStreams: Gauge;
  private readonly warnings: Counter<'kind'>;
  private readonly warningKinds: BoundedLabel;
  private readonly ttfb: Histogram;
  private readonly addedPerChunk: CountingHistogram;

  constructor(options: GatewayMetricsOptions = {}) {
    const max = options.maxLabelValues ?? DEFAULT_MAX_LABEL_VALUES;
    this.models = new BoundedLabel(max);
    this.kinds = new BoundedLabel(max);
    this.statuses = new BoundedLabel(max);
    this.modes = new BoundedLabel(8);
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'streamfix_requests_total',
      help: 'Requests, by model, applied mode, final status (HTTP status or engine status) and API (chat or messages)',
      labelNames: ['model', 'mode', 'status', 'api'],
      registers,
    });
    const pendingRepairs = this.pendingRepairs;
    // Registered, not kept: onRepair only fills pendingRepairs, which collect() below adds in.
    new Counter({
      name: 'streamfix_repairs_total',
      help: 'Repairs applied to content and tool-call arguments, by repair kind and model',
      labelNames: ['kind', 'model'],
      registers,
      // Repairs are counted in pendingRepairs (a repair-mode stream has one per few chunks, and
      // prom-client's inc hashes and validates its labels each time) and added here, when read.
      collect() {
        for (const [kind, byModel] of pendingRepairs) for (const [model, n] of byModel) this.inc({ kind, model }, n);
        pendingRepairs.clear();
      },
    });
    this.reasoningBytes = new Counter({
      name: 'streamfix_reasoning_stripped_bytes_total',
      help: 'Bytes of reasoning (think blocks) moved out of content',
      registers,
    });
    this.truncations = new Counter({
      name: 'streamfix_truncations_total',
      help: 'Responses whose JSON was cut off and closed (status TRUNCATED), by model',
      labelNames: ['model'],
      registers,
    });
    this.schemaFailures = new Counter({
      name: 'streamfix_schema_failures_total',
      help: 'Answers whose content or tool-call arguments did not match the request\'s JSON Schema, by model',
      labelNames: ['model'],
      registers,
    });
    this.schemaErrors = new Counter({
      name: 'streamfix_schema_errors_total',
      help: "Answers with a JSON Schema check that could not run (the pattern engine failed): no verdict, by model",
      labelNames: ['model'],
      registers,
    });
    this.circuitState = new Gauge({
      name: 'streamfix_circuit_state',
      help: "A model's circuit breaker: 0 closed, 1 half-open, 2 open (models whose breaker never moved are absent)",
      labelNames: ['model'],
      registers,
    });
    // not an upstream error: nothing went upstream (streamfix_upstream_errors_total counts what did)
    this.circuitRefusals = new Counter({
      name: 'streamfix_circuit_refusals_total',
      help: "Requests an open circuit breaker refused at once (503, or 529 on /v1/messages) without asking the upstream, by model",
      labelNames: ['model'],
      registers,
    });
    this.malformedLines = new Counter({
      name: 'streamfix_upstream_malformed_lines_total',
      help: 'Upstream SSE data lines that were not valid JSON chunks (skipped)',
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'streamfix_upstream_errors_total',
      help: 'Requests the upstream failed, one each (retried attempts that then succeeded are not counted; a stream with several error events counts once, under the first), by HTTP status or error code (e.g. 429, 502, connect_error)',
      labelNames: ['status'],
      registers,
    });
    this.activeStreams = new Gauge({
      name: 'streamfix_active_streams',
      help: 'Streaming responses currently open',
      registers,
    });
    this.warningKinds = new BoundedLabel(50);
    this.warnings = new Counter({
      name: 'streamfix_warnings_total',
      help: 'Warnings after start-up, by kind (failed store writes, truncated artifacts, refused connections, …); the text is in the log and /health',
      labelNames: ['kind'],
      registers,
    });
    this.ttfb = new Histogram({
      name: 'streamfix_upstream_ttfb_seconds',
      help: 'Time from sending the upstream request to its first response byte',
      buckets: TTFB_BUCKETS,
      registers,
    });
    // observed once per upstream read: counted cheaply, handed to prom-client at a scrape
    this.addedPerChunk = new CountingHistogram({
      name: 'streamfix_added_seconds_per_chunk',
      help: "The gateway's own processing time per upstream chunk (parse, repair, re-encode)",
      buckets: ADDED_BUCKETS,
      registers,
    });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  onRequest(model: string, mode: string, status: string | number, api: 'chat' | 'messages' = 'chat'): void {
    this.requests.inc({ model: this.models.value(model), mode: this.modes.value(mode), status: this.statuses.value(status), api });
  }

  onRepair(kind: string, model: string): void {
    const k = this.kinds.value(kind);
    const m = this.models.value(model);
    let byModel = this.pendingRepairs.get(k);
    if (byModel === undefined) this.pendingRepairs.set(k, (byModel = new Map()));
    byModel.set(m, (byModel.get(m) ?? 0) + 1);
  }

  onReasoningBytes(n: number): void {
    if (Number.isFinite(n) && n > 0) this.reasoningBytes.inc(n);
  }

  onTruncation(model: string): void {
    this.truncations.inc({ model: this.models.value(model) });
  }

  onSchemaFailure(model: string): void {
    this.schemaFailures.inc({ model: this.models.value(model) });
  }

  onSchemaError(model: string): void {
    this.schemaErrors.inc({ model: this.models.value(model) });
  }

  onCircuitState(model: string, state: 'closed' | 'half_open' | 'open'): void {
    this.circuitState.set({ model: this.models.value(model) }, state === 'open' ? 2 : state === 'half_open' ? 1 : 0);
  }

  onCircuitRefusal(model: string): void {
    this.circuitRefusals.inc({ model: this.models.value(model) });
  }

  onMalformedLine(): void {
    this.malformedLines.inc();
  }

  onUpstreamError(status: string): void {
    this.upstreamErrors.inc({ status: this.statuses.value(status) });
  }

  /**
   * Gauges read when /metrics is scraped: open client connections, upstream requests open and waiting
   * for a slot (the queue), and counters of the requests that had to wait or were refused.
   */
  watchGateway(read: () => { connections: number; upstream: { active: number; queued: number; queuedTotal: number; refusedTotal: number } }): void {
    const registers = [this.registry];
    new Gauge({ name: 'streamfix_connections_open', help: 'Client connections open', registers, collect() { this.set(read().connections); } });
    new Gauge({ name: 'streamfix_upstream_requests_active', help: 'Upstream requests open (each holds a pooled connection)', registers, collect() { this.set(read().upstream.active); } });
    new Gauge({ name: 'streamfix_upstream_requests_queued', help: 'Requests waiting for a free upstream slot', registers, collect() { this.set(read().upstream.queued); } });
    new Gauge({ name: 'streamfix_upstream_requests_queued_total', help: 'Requests that had to wait for an upstream slot, since start', registers, collect() { this.set(read().upstream.queuedTotal); } });
    new Gauge({ name: 'streamfix_upstream_requests_refused_total', help: 'Requests refused (503) because the upstream queue was full, since start', registers, collect() { this.set(read().upstream.refusedTotal); } });
  }

  /**
   * The artifact store's evictions (expected at its bounds, so counted here rather than as warnings) and,
   * for a store given a data directory (`onDisk`), whether it keeps its artifacts there now:
   * `streamfix_store_durable` 1 while it does, 0 while they are kept in memory only (failed or too slow
   * writes since the last durable one, or a directory it cannot be a writer of (eight live daemons hold its writer slots, or another store of this process holds it)), and
   * `streamfix_store_memory_only_artifacts`, the artifacts of the current run of failed writes (0 when
   * none). A daemon without a data directory promises no durability and has neither.
   */
  watchStore(read: () => { evicted: number; durable: boolean; memoryOnly: { count: number } | null }, onDisk = true): void {
    if (onDisk) {
      const registers = [this.registry];
      new Gauge({ name: 'streamfix_store_durable', help: '1 while artifacts are written to the data directory, 0 while they are kept in memory only (failed writes since the last durable one, or a directory it cannot be a writer of (eight live daemons hold its writer slots, or another store of this process holds it); /health lists the problem)', registers, collect() { this.set(read().durable ? 1 : 0); } });
      new Gauge({ name: 'streamfix_store_memory_only_artifacts', help: 'Artifacts kept in memory only since the last durable write (each answered with x-streamfix-artifact: memory-only); 0 while writes succeed', registers, collect() { this.set(read().memoryOnly?.count ?? 0); } });
    }
    new Counter({
      name: 'streamfix_artifacts_evicted_total',
      help: 'Artifacts dropped (oldest first) to keep the store within its count and byte bounds, since start',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read().evicted);
      },
    });
  }

  onWarning(kind: string): void {
    this.warnings.inc({ kind: this.warningKinds.value(kind) });
  }

  streamOpened(): void {
    this.activeStreams.inc();
  }

  streamClosed(): void {
    this.activeStreams.dec();
  }

  observeTtfb(seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= 0) this.ttfb.observe(seconds);
  }

  observeAddedPerChunk(seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= 0) this.addedPerChunk.observe(seconds);
  }

  /** Serves GET /metrics in the Prometheus text format. Never throws; a failure is a 500 with the reason. */
  async handle(_req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await this.registry.metrics();
      res.writeHead(200, { 'content-type': this.registry.contentType });
      res.end(body);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`metrics collection failed: ${(err as Error).message}\n`);
    }
  }
}
