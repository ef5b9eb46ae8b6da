/** What the request handlers share: configuration, the upstream client, the store, events and metrics. */
import type { ThreadStore } from '../anthropic/threads';
import type { RepairOptions } from '../../shared/engine';
import type { GatewayMode } from '../../shared/protocol';
import type { ArtifactStore } from './artifacts';
import type { Breakers } from './breaker';
import type { EventHub } from './events';
import type { HeaderFlusher } from './headerFlush';
import type { Logger } from './log';
import type { SchemaCache, SchemaPolicy } from './schema';
import type { TruncatedToolPolicy } from './truncatedTools';
import type { GatewayMetrics } from './metrics';
import type { Upstream } from './upstream';
import type { RoutingTable } from '../anthropic/routing';
import type { Warnings } from './warnings';

export interface GatewayContext {
  /** Default mode when the request has no x-streamfix-mode header. */
  mode: GatewayMode;
  /** The OpenRouter (or other upstream) key. Only ever put in the upstream Authorization header. */
  apiKey: string | null;
  upstream: Upstream;
  upstreamIsOpenRouter: boolean;
  demo: boolean;
  /** With a gateway token, the client's Authorization header is the token and is never forwarded. */
  tokenSet: boolean;
  store: ArtifactStore;
  events: EventHub;
  metrics: GatewayMetrics;
  log: Logger;
  /** Largest request body accepted (bytes). */
  maxRequestBytes: number;
  /** Largest non-streaming upstream body read (bytes). */
  maxResponseBytes: number;
  /** Engine limits (input size, depth, hold-back); engine defaults when empty. */
  engine: RepairOptions;
  /** Compiled JSON Schemas of requests, and what a request without x-streamfix-schema gets. */
  schemas: SchemaCache;
  schemaPolicy: SchemaPolicy;
  /** What a request without x-streamfix-truncated-tools gets (truncatedTools.ts). */
  truncatedTools: TruncatedToolPolicy;
  /** Circuit breakers per upstream and model, with the per-model health they read. */
  breakers: Breakers;
  /** The Messages API: its routing table, and the quiet time after which a `ping` event goes out. */
  messages: { routing: RoutingTable; pingMs: number; threads: ThreadStore };
  /** Flushes the held headers of streaming responses whose upstream stays quiet. */
  headerFlush: HeaderFlusher;
  /** Every warning after start-up: logged, counted, in /health. */
  warnings: Warnings;
  /** Characters of each text an artifact keeps (boundedText.ts). */
  artifactTextLimit: number;
}

/** Why a request's AbortController fired. */
export type AbortReason = 'client' | 'shutdown';
