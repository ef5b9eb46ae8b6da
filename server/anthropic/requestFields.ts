/**
 * A Messages request's top-level fields: each one translated, ignored on purpose, or refused with a 400
 * naming it. Ignored are the fields with no chat-API meaning whose absence takes nothing from what the
 * model reads (capacity, region, diagnostics, Anthropic's server-side context editing: the
 * gateway sends the whole conversation), and the thinking `effort` / `display` hints (the upstream's
 * `reasoning` is turned on or given the budget, at its own depth; its thinking is shown). Refused are
 * the fields whose meaning the upstream cannot give (MCP servers, code-execution containers, automatic
 * compaction, fallbacks), and any field this list does not know, as Anthropic refuses
 * extra inputs: a field left out would leave the client believing it applied. Wrongly typed known fields
 * are refused too (`temperature: must be a number`).
 */
import { duplicateToolName } from '../gateway/toolNames';
import { invalid, isObject, onlyKeys, partsContent, withCache } from './requestContent';

type Json = Record<string, unknown>;

/** Fields translated into the chat request (request.ts, requestContent.ts, below). */
const TRANSLATED = ['model', 'messages', 'max_tokens', 'system', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k', 'tools', 'tool_choice', 'thinking', 'metadata', 'output_config', 'output_format', 'billing_policy', 'cache_control'];

/** Fields with no meaning upstream whose absence takes nothing from what the model reads (README: "ignored"). */
export const IGNORED_FIELDS = ['service_tier', 'inference_geo', 'speed', 'diagnostics', 'context_management', 'user_profile_id', 'workspace_id'];

/** Fields Anthropic takes whose meaning the upstream cannot give: why each is refused (null: not asked for). */
const REFUSED: Record<string, string> = {
  mcp_servers: 'MCP servers (the MCP connector) are not supported: the upstream cannot call them',
  container: 'code-execution containers are not supported: the upstream has none',
  compaction: 'automatic compaction is not supported: the upstream would not compact the conversation',
  fallbacks: 'fallback models are not supported: route them with the routing table instead',
  fallback_credit_token: "fallback credit tokens are Anthropic's refusal fallbacks: the upstream has none",
};

/** `billing_policy`: billing yourself (the default) is what the gateway does, its key pays; billing the
 * customer behind a user profile cannot be done through it, so that is refused rather than billed to the key. */
function checkBilling(b: unknown): void {
  if (b === undefined || b === null) return;
  if (!isObject(b)) throw invalid('billing_policy', 'must be an object {bill_to}');
  onlyKeys(b, 'billing_policy', ['bill_to']);
  if (b.bill_to === undefined || b.bill_to === 'self') return;
  if (b.bill_to === 'user_profile') throw invalid('billing_policy.bill_to', '"user_profile" is not supported: the gateway\'s OpenRouter key pays for every request');
  throw invalid('billing_policy.bill_to', 'must be "self" or "user_profile"');
}

function checkNumber(body: Json, key: string, integer: boolean): void {
  const v = body[key];
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) throw invalid(key, integer ? 'must be a whole number' : 'must be a number');
}

function checkThinking(t: unknown): void {
  if (t === undefined) return;
  if (!isObject(t)) throw invalid('thinking', 'must be an object with a type');
  if (t.type === 'enabled') {
    onlyKeys(t, 'thinking', ['budget_tokens', 'display']);
    if (typeof t.budget_tokens !== 'number' || !Number.isInteger(t.budget_tokens) || t.budget_tokens < 1) throw invalid('thinking.budget_tokens', 'Field required (a whole number ≥ 1)');
  } else if (t.type === 'adaptive') onlyKeys(t, 'thinking', ['display']);
  else if (t.type === 'disabled') onlyKeys(t, 'thinking', []);
  else throw invalid('thinking.type', 'must be "enabled", "adaptive" or "disabled"');
}

function checkOutputConfig(c: unknown): void {
  if (c === undefined) return;
  if (!isObject(c)) throw invalid('output_config', 'must be an object');
  // effort says how much to think; the upstream's reasoning is on (or has its budget) either way
  onlyKeys(c, 'output_config', ['effort', 'format']);
}

/** A structured-output format (`{type: "json_schema", schema}`) at `path`: its schema, null when absent. */
function formatSchema(f: unknown, path: string): Json | null {
  if (f === undefined || f === null) return null;
  if (!isObject(f)) throw invalid(path, 'must be an object {type: "json_schema", schema}');
  if (f.type !== 'json_schema') throw invalid(`${path}.type`, 'must be "json_schema"');
  onlyKeys(f, path, ['schema']);
  if (!isObject(f.schema)) throw invalid(`${path}.schema`, 'Field required (a JSON Schema object)');
  return f.schema;
}

/**
 * Structured outputs: `output_config.format` (or the older beta's top-level `output_format`), as the
 * chat request's `response_format` json_schema: the upstream is asked for JSON of that schema, the text
 * block is repaired (auto decides repair, as the chat endpoint does for response_format) and checked
 * against it (messages.ts). Returns the schema and where it was given, null without one.
 */
export function outputSchema(body: Json): { schema: Json; path: string } | null {
  const config = isObject(body.output_config) ? formatSchema(body.output_config.format, 'output_config.format') : null;
  const beta = formatSchema(body.output_format, 'output_format');
  if (config !== null && beta !== null) throw invalid('output_format', 'give the format once: output_config.format or output_format, not both');
  if (config !== null) return { schema: config, path: 'output_config.format.schema' };
  return beta !== null ? { schema: beta, path: 'output_format.schema' } : null;
}

/** The chat API's response_format for a structured-output schema (the name is the chat API's, required
 * there). Strict: Anthropic's structured outputs constrain the text to the schema, and OpenRouter (as
 * OpenAI) enforces a json_schema only with `strict: true`. */
export function responseFormat(schema: Json): Json {
  return { type: 'json_schema', json_schema: { name: 'structured_output', strict: true, schema } };
}

/** Throws the 400 for the first top-level field that is refused, unknown or wrongly typed. */
export function checkFields(body: Json): void {
  for (const k of Object.keys(body)) {
    if (REFUSED[k] !== undefined && body[k] !== null) throw invalid(k, REFUSED[k]!);
    if (!TRANSLATED.includes(k) && !IGNORED_FIELDS.includes(k) && REFUSED[k] === undefined) throw invalid(k, 'is not a Messages API field StreamFix knows (refused rather than ignored)');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalid('stream', 'must be true or false');
  if (body.cache_control !== undefined && body.cache_control !== null && !isObject(body.cache_control)) throw invalid('cache_control', 'must be an object ({"type": "ephemeral"})');
  checkNumber(body, 'max_tokens', true);
  checkNumber(body, 'temperature', false);
  checkNumber(body, 'top_p', false);
  checkNumber(body, 'top_k', true);
  const stops = body.stop_sequences;
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((s) => typeof s === 'string' && s !== ''))) throw invalid('stop_sequences', 'must be an array of non-empty strings');
  if (body.metadata !== undefined) {
    if (!isObject(body.metadata)) throw invalid('metadata', 'must be an object');
    onlyKeys(body.metadata, 'metadata', ['user_id']);
    const id = body.metadata.user_id;
    if (id !== undefined && id !== null && typeof id !== 'string') throw invalid('metadata.user_id', 'must be a string');
  }
  checkThinking(body.thinking);
  checkBilling(body.billing_policy);
  checkOutputConfig(body.output_config);
  outputSchema(body);
  chatTools(body);
}

/** A system prompt (the `system` field, or a message with role `system`, at `path`): a string, or text
 * blocks joined by newlines; text parts when a block has a prompt-cache breakpoint (`cache_control`,
 * kept on its part: requestContent.ts withCache). */
export function systemText(system: unknown, path = 'system'): string | Json[] {
  if (system === undefined || typeof system === 'string') return system ?? '';
  if (!Array.isArray(system)) throw invalid(path, 'must be a string or an array of text blocks');
  return partsContent(
    system.map((b, i) => {
      const at = `${path}.${i}`;
      if (!isObject(b) || b.type !== 'text') throw invalid(`${at}.type`, `${JSON.stringify(isObject(b) ? (b.type ?? null) : b)} is not supported: system blocks must be text blocks`);
      onlyKeys(b, at, ['text', 'citations']);
      if (typeof b.text !== 'string') throw invalid(`${at}.text`, 'Field required (a string)');
      return withCache(b, { type: 'text', text: b.text }, at);
    }),
  );
}

/** One custom tool as a chat function; a server tool (any other type) is refused by name. */
function chatTool(t: unknown, i: number): Json {
  const at = `tools.${i}`;
  if (!isObject(t)) throw invalid(at, 'must be a tool (an object with a name and an input_schema)');
  const name = typeof t.name === 'string' ? t.name : null;
  if (t.type !== undefined && t.type !== null && t.type !== 'custom') throw invalid(`${at}.type`, `${JSON.stringify(t.type)} (tool ${JSON.stringify(name)}): server tools are not supported by StreamFix's translation`);
  if (name === null || name === '') throw invalid(`${at}.name`, 'Field required (a non-empty string)');
  if (t.input_schema === undefined) throw invalid(`${at}.input_schema`, `Field required (tool ${JSON.stringify(name)}: a JSON Schema for its input)`);
  if (t.description !== undefined && typeof t.description !== 'string') throw invalid(`${at}.description`, 'must be a string');
  if (t.strict !== undefined && typeof t.strict !== 'boolean') throw invalid(`${at}.strict`, 'must be true or false');
  // defer_loading and eager_input_streaming change when Anthropic loads or streams the tool, not what it is
  onlyKeys(t, at, ['name', 'description', 'input_schema', 'strict', 'defer_loading', 'eager_input_streaming']);
  const fn: Json = { name, ...(typeof t.description === 'string' ? { description: t.description } : {}), parameters: t.input_schema };
  if (typeof t.strict === 'boolean') fn.strict = t.strict;
  // a prompt-cache breakpoint on a tool: OpenRouter reads it on the chat tool, beside `function` (README)
  return withCache(t, { type: 'function', function: fn }, at);
}

function toolChoice(tc: Json, names: string[]): unknown {
  onlyKeys(tc, 'tool_choice', ['name', 'disable_parallel_tool_use']);
  if (tc.disable_parallel_tool_use !== undefined && typeof tc.disable_parallel_tool_use !== 'boolean') throw invalid('tool_choice.disable_parallel_tool_use', 'must be true or false');
  if (tc.type === 'auto') return 'auto';
  if (tc.type === 'none') return 'none';
  if (names.length === 0) throw invalid('tool_choice.type', `${JSON.stringify(tc.type)} needs tools, and the request has none`);
  if (tc.type === 'any') return 'required';
  if (tc.type !== 'tool') throw invalid('tool_choice.type', 'must be "auto", "any", "tool" or "none"');
  if (typeof tc.name !== 'string') throw invalid('tool_choice.name', 'Field required (the name of one of the tools)');
  if (!names.includes(tc.name)) throw invalid('tool_choice.name', `${JSON.stringify(tc.name)} is not one of the tools`);
  return { type: 'function', function: { name: tc.name } };
}

/** tools, tool_choice and disable_parallel_tool_use as the chat request's fields (none without tools). */
export function chatTools(body: Json): Json {
  if (body.tools !== undefined && !Array.isArray(body.tools)) throw invalid('tools', 'must be an array');
  const tools = ((body.tools as unknown[] | undefined) ?? []).map(chatTool);
  const dup = duplicateToolName(tools.map((t) => (t.function as Json).name as string));
  if (dup) throw invalid(`tools.${dup.again}.name`, `${JSON.stringify(dup.name)} is the name of tools.${dup.first} too; tool names must be unique`);
  const tc = body.tool_choice;
  if (tc !== undefined && !isObject(tc)) throw invalid('tool_choice', 'must be an object with a type');
  const choice = tc === undefined ? undefined : toolChoice(tc, tools.map((t) => (t.function as Json).name as string));
  if (tools.length === 0) return {};
  const out: Json = { tools };
  if (choice !== undefined) out.tool_choice = choice;
  if (tc?.disable_parallel_tool_use === true) out.parallel_tool_calls = false;
  return out;
}
