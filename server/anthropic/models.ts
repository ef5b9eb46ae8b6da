/**
 * `GET /v1/models` and `GET /v1/models/{id}` for Anthropic clients (a request with an `anthropic-version`
 * header: the Anthropic SDKs, Claude Code's gateway model discovery), in Anthropic's shape: each model
 * `{type: "model", id, display_name, created_at}`, a page `{data, has_more, first_id, last_id}` cut by `limit`
 * (default 20, at most 1000), `after_id` and `before_id`. The models are the names the routing table maps
 * (what a Claude client asks for: `claude-sonnet-4-6`, displayed with the model that answers it), then the
 * upstream's list (OpenRouter's ids, which a Messages request may name as they are). One model is any of those,
 * or any name the table routes (a `default` rule answers every Claude name). OpenAI clients get the upstream's
 * list as it is (routes.ts), and one model from it by id.
 *
 * Example: `curl -H 'anthropic-version: 2023-06-01' localhost:8787/v1/models?limit=2` →
 *   {"data": [{"type": "model", "id": "claude-sonnet-4-6", "display_name": "claude-sonnet-4-6 → anthropic/claude-sonnet-4.6",
 *    "created_at": "2025-09-29T00:00:00Z"}, …], "has_more": true, "first_id": "claude-sonnet-4-6", "last_id": "…"}
 */
import { GatewayError } from '../gateway/errors';
import { shortened } from '../gateway/redact';
import { route, type RoutingTable } from './routing';

type Json = Record<string, unknown>;

export interface AnthropicModel {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

export interface AnthropicModelPage {
  data: AnthropicModel[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

export const DEFAULT_MODEL_PAGE = 20;
export const MAX_MODEL_PAGE = 1000;
const EPOCH = '1970-01-01T00:00:00Z';

/** The upstream's models by id, from its `/models` body (OpenAI's / OpenRouter's `{data: [{id, name?, created?}]}`). */
export function upstreamModels(body: unknown): Map<string, Json> {
  const out = new Map<string, Json>();
  const data = typeof body === 'object' && body !== null ? (body as Json).data : undefined;
  if (!Array.isArray(data)) throw new GatewayError(502, 'upstream_invalid', 'The upstream\'s model list is not {"data": [...]}');
  for (const m of data) if (typeof m === 'object' && m !== null && typeof (m as Json).id === 'string' && !out.has((m as Json).id as string)) out.set((m as Json).id as string, m as Json);
  return out;
}

function createdAt(m: Json | undefined): string {
  const c = m?.created;
  return typeof c === 'number' && Number.isFinite(c) && c > 0 ? new Date(c * 1000).toISOString().replace(/\.000Z$/, 'Z') : EPOCH;
}

function upstreamEntry(id: string, m: Json): AnthropicModel {
  return { type: 'model', id, display_name: typeof m.name === 'string' && m.name !== '' ? m.name : id, created_at: createdAt(m) };
}

function routedEntry(name: string, upstream: string, models: Map<string, Json>): AnthropicModel {
  return { type: 'model', id: name, display_name: `${name} → ${upstream}`, created_at: createdAt(models.get(upstream)) };
}

/** Every model, in order: the routing table's names, then the upstream's ids not among them. */
export function anthropicModels(table: RoutingTable, models: Map<string, Json>): AnthropicModel[] {
  const out: AnthropicModel[] = [];
  const seen = new Set<string>();
  for (const [name, upstream] of Object.entries(table.models)) {
    out.push(routedEntry(name, upstream, models));
    seen.add(name);
  }
  for (const [id, m] of models) if (!seen.has(id)) out.push(upstreamEntry(id, m));
  return out;
}

/** One page of `all` for the query's `limit`, `after_id`, `before_id` (a bad one: 400 naming it). */
export function modelPage(all: AnthropicModel[], q: URLSearchParams): AnthropicModelPage {
  const raw = q.get('limit');
  let limit = DEFAULT_MODEL_PAGE;
  if (raw !== null) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_MODEL_PAGE) throw new GatewayError(400, 'invalid_request', `limit: must be a whole number from 1 to ${MAX_MODEL_PAGE}, got ${JSON.stringify(shortened(raw, 40))}`);
    limit = Number(raw);
  }
  const after = q.get('after_id');
  const before = q.get('before_id');
  if (after !== null && before !== null) throw new GatewayError(400, 'invalid_request', 'after_id, before_id: give one of them, not both');
  const at = (id: string, name: string): number => {
    const i = all.findIndex((m) => m.id === id);
    if (i < 0) throw new GatewayError(400, 'invalid_request', `${name}: no model ${JSON.stringify(shortened(id, 80))} in the list`);
    return i;
  };
  let data: AnthropicModel[];
  let hasMore: boolean;
  if (before !== null) {
    const end = at(before, 'before_id');
    data = all.slice(Math.max(0, end - limit), end);
    hasMore = end - limit > 0;
  } else {
    const start = after === null ? 0 : at(after, 'after_id') + 1;
    data = all.slice(start, start + limit);
    hasMore = start + limit < all.length;
  }
  return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}

/** One model by id for an Anthropic client: a listed one, or a name the table routes; else null. */
export function anthropicModel(table: RoutingTable, models: Map<string, Json>, id: string): AnthropicModel | null {
  const listed = anthropicModels(table, models).find((m) => m.id === id);
  if (listed) return listed;
  const d = route(table, id, { thinking: false, inputTokens: 0 });
  return d.rule === 'none' || d.rule === 'as-is' ? null : routedEntry(id, d.upstream, models);
}
