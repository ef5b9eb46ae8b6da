/**
 * The routing table of the Messages endpoint: which upstream model answers a request for a Claude model
 * name. Read from the daemon's config file (`--config streamfix.json`, key `routing`):
 *
 *   { "routing": { "models": { "claude-sonnet-4-5": "anthropic/claude-sonnet-4.5" },
 *                  "longContext": "google/gemini-2.5-pro", "longContextThreshold": 60000,
 *                  "background": "openai/gpt-4o-mini", "think": "deepseek/deepseek-r1",
 *                  "default": "anthropic/claude-sonnet-4.5" } }
 *
 * Precedence: a name with a `/` is an upstream id and goes as it is; then the map (an exact key, else the
 * longest key the name starts with: `claude-sonnet-4` takes `claude-sonnet-4-5-20250929`); then the rules
 * for the kind of request: `longContext` (estimated input tokens above the threshold; first, because a
 * request too long for the model a later rule picks would fail there), `background` (haiku-class names,
 * which Claude Code uses for its small background tasks), `think` (thinking enabled); then `default`;
 * with none of these the name goes upstream unchanged. The daemon's `--route <name>=<model>` flags (the
 * extension's `streamfix.messagesRouting` setting) add to the map, over the file's entries (withRoutes).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../gateway/config';

export interface RoutingTable {
  models: Record<string, string>;
  background?: string;
  think?: string;
  longContext?: string;
  longContextThreshold: number;
  default?: string;
}

export type RouteRule = 'as-is' | 'map' | 'prefix' | 'longContext' | 'background' | 'think' | 'default' | 'none';

export interface RouteDecision {
  requested: string;
  rule: RouteRule;
  upstream: string;
}

export const DEFAULT_LONG_CONTEXT_THRESHOLD = 60_000;

export const EMPTY_ROUTING: RoutingTable = { models: {}, longContextThreshold: DEFAULT_LONG_CONTEXT_THRESHOLD };

/** With the embedded demo and no config file: Claude names answer from the demo models. */
export const DEMO_ROUTING: RoutingTable = { models: {}, longContextThreshold: DEFAULT_LONG_CONTEXT_THRESHOLD, think: 'demo/msg-thinking', default: 'demo/msg-text' };

/** Picks the upstream model for a request. */
export function route(table: RoutingTable, model: string, request: { thinking: boolean; inputTokens: number }): RouteDecision {
  const pick = (rule: RouteRule, upstream: string): RouteDecision => ({ requested: model, rule, upstream });
  if (model.includes('/')) return pick('as-is', model);
  const mapped = Object.prototype.hasOwnProperty.call(table.models, model) ? table.models[model] : undefined;
  if (mapped !== undefined) return pick('map', mapped);
  const prefix = longestPrefix(table.models, model);
  if (prefix !== null) return pick('prefix', table.models[prefix]!);
  if (table.longContext !== undefined && request.inputTokens > table.longContextThreshold) return pick('longContext', table.longContext);
  if (table.background !== undefined && /haiku/i.test(model)) return pick('background', table.background);
  if (table.think !== undefined && request.thinking) return pick('think', table.think);
  if (table.default !== undefined) return pick('default', table.default);
  return pick('none', model);
}

/** The longest key of the map that `model` starts with, or null. */
function longestPrefix(models: Record<string, string>, model: string): string | null {
  let best: string | null = null;
  for (const k of Object.keys(models)) if (k !== '' && model.startsWith(k) && (best === null || k.length > best.length)) best = k;
  return best;
}

/** The table with `routes` added to its map (a route wins over the table's entry for the same name). */
export function withRoutes(table: RoutingTable, routes: Readonly<Record<string, string>>): RoutingTable {
  if (Object.keys(routes).length === 0) return table;
  return { ...table, models: { ...table.models, ...routes } };
}

/**
 * One `--route` value, `<claude model name or prefix>=<upstream model>` (split at the first `=`); throws
 * ConfigError naming it when either side is empty.
 * @example parseRoute('claude-sonnet-4=anthropic/claude-sonnet-4.5') // ['claude-sonnet-4', 'anthropic/claude-sonnet-4.5']
 */
export function parseRoute(value: string): [string, string] {
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const model = eq < 0 ? '' : value.slice(eq + 1);
  if (name.trim() === '') throw new ConfigError(`--route ${JSON.stringify(value)}: expected <claude model name or prefix>=<upstream model>`);
  if (model.trim() === '') throw new ConfigError(`--route ${JSON.stringify(value)}: the upstream model for "${name}" must be a model name (a non-empty string)`);
  return [name, model];
}

const RULE_KEYS = ['background', 'think', 'longContext', 'default'] as const;
const ROUTING_KEYS = new Set<string>(['models', 'longContextThreshold', ...RULE_KEYS]);
const TOP_KEYS = new Set(['routing']);

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

function modelName(v: unknown, key: string, file: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${file}: ${key} must be a model name (a non-empty string), got ${describe(v)}`);
  return v;
}

/** Checks a parsed config file's `routing`; throws ConfigError naming the bad key. */
export function parseRouting(config: unknown, file = 'config'): RoutingTable {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new ConfigError(`${file}: must be a JSON object such as {"routing": {...}}`);
  for (const k of Object.keys(config)) if (!TOP_KEYS.has(k)) throw new ConfigError(`${file}: unknown key "${k}" (known: ${[...TOP_KEYS].join(', ')})`);
  const r = (config as { routing?: unknown }).routing;
  if (r === undefined) return { ...EMPTY_ROUTING };
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new ConfigError(`${file}: routing must be an object, got ${describe(r)}`);
  const raw = r as Record<string, unknown>;
  for (const k of Object.keys(raw)) if (!ROUTING_KEYS.has(k)) throw new ConfigError(`${file}: unknown key "routing.${k}" (known: ${[...ROUTING_KEYS].map((x) => `routing.${x}`).join(', ')})`);
  const table: RoutingTable = { models: {}, longContextThreshold: DEFAULT_LONG_CONTEXT_THRESHOLD };
  if (raw.models !== undefined) {
    if (typeof raw.models !== 'object' || raw.models === null || Array.isArray(raw.models)) throw new ConfigError(`${file}: routing.models must be an object mapping model names to upstream models, got ${describe(raw.models)}`);
    for (const [from, to] of Object.entries(raw.models)) table.models[from] = modelName(to, `routing.models.${JSON.stringify(from)}`, file);
  }
  for (const k of RULE_KEYS) if (raw[k] !== undefined) table[k] = modelName(raw[k], `routing.${k}`, file);
  const t = raw.longContextThreshold;
  if (t !== undefined) {
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 1) throw new ConfigError(`${file}: routing.longContextThreshold must be a whole number of tokens ≥ 1, got ${describe(t)}`);
    table.longContextThreshold = t;
  }
  return table;
}

/** Reads and checks the config file; throws ConfigError naming the file and the bad key. */
export function loadRoutingFile(path: string): RoutingTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`--config: cannot read ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  return parseRouting(parsed, path);
}
