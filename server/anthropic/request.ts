/**
 * A Messages API request (Anthropic's shape) checked and translated into an OpenAI chat request for the
 * upstream: system → a system message, tool_result blocks → tool messages, tool_use → assistant
 * tool_calls, images → image_url parts, tools → functions, tool_choice, thinking → OpenRouter's
 * `reasoning` parameter. An assistant turn's thinking / redacted_thinking blocks go back as OpenRouter's
 * `reasoning_details` (thinkingRoundTrip.ts). The first 4 stop sequences go as `stop`; the gateway
 * watches the text for all of them too (stopSequences.ts).
 */
import { GatewayError } from '../gateway/errors';
import type { SchemaCache } from '../gateway/schema';
import { checkTranslatable } from './requestCheck';
import { UPSTREAM_STOP_LIMIT } from './stopSequences';
import { reasoningDetailOf } from './thinkingRoundTrip';

type Json = Record<string, unknown>;

export interface MessagesRequest {
  body: Json;
  model: string;
  stream: boolean;
  maxTokens: number;
  stopSequences: string[];
  thinking: boolean;
  /** The text of a last assistant message (a prefill the answer continues), else ''. */
  prefill: string;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): GatewayError {
  return new GatewayError(400, 'invalid_request', message);
}

/** Parses and checks the body; throws GatewayError 400 naming the field that is wrong. */
export function parseMessagesRequest(text: string): MessagesRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new GatewayError(400, 'invalid_json', `Request body is not valid JSON: ${text.trim() === '' ? 'the body is empty' : (e as Error).message}`);
  }
  if (!isObject(body)) throw invalid('Request body must be a JSON object with "model", "max_tokens" and "messages"');
  if (typeof body.model !== 'string' || body.model.trim() === '') throw invalid('model: Field required (a model name such as "claude-sonnet-4-5" or an OpenRouter id such as "anthropic/claude-sonnet-4.5")');
  if (!Array.isArray(body.messages)) throw invalid('messages: Field required (an array of {role, content})');
  body.messages.forEach((m, i) => {
    if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant')) throw invalid(`messages.${i}.role: must be "user" or "assistant"`);
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) throw invalid(`messages.${i}.content: must be a string or an array of content blocks`);
  });
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalid('stream: must be true or false');
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) throw invalid('system: must be a string or an array of text blocks');
  if (body.tools !== undefined && !Array.isArray(body.tools)) throw invalid('tools: must be an array');
  const stops = body.stop_sequences;
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((s) => typeof s === 'string' && s !== ''))) throw invalid('stop_sequences: must be an array of non-empty strings');
  const thinking = isObject(body.thinking) && (body.thinking.type === 'enabled' || body.thinking.type === 'adaptive');
  checkTranslatable(body);
  const last = body.messages[body.messages.length - 1] as Json | undefined;
  return {
    prefill: last?.role === 'assistant' ? textOf(last.content) : '',
    body,
    model: body.model,
    stream: body.stream === true,
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : 0,
    stopSequences: (stops as string[] | undefined) ?? [],
    thinking,
  };
}

/**
 * The mode of the text block: `repair` when asked for (x-streamfix-mode) or when the answer continues a
 * prefill that starts a JSON value (`{` or `[`: the client asks for JSON that way); with `auto` and no
 * prefill the answer decides (translate.ts, the chat endpoint's rule); else `strip`.
 */
export function messagesMode(requested: string, r: MessagesRequest): { mode: 'repair' | 'strip' | 'auto'; reason: string } {
  if (requested === 'repair') return { mode: 'repair', reason: 'requested: repair' };
  if (requested === 'auto' && /^\s*[[{]/.test(r.prefill)) return { mode: 'repair', reason: 'auto: the prefill starts a JSON value' };
  // auto otherwise: the answer decides (as on the chat endpoint: repair when it starts as JSON)
  if (requested === 'auto' && r.prefill === '') return { mode: 'auto', reason: 'auto: the answer decides' };
  return { mode: 'strip', reason: `${requested === 'auto' ? 'auto: a text prefill' : `requested: ${requested}`}: text as sent, reasoning removed` };
}

/** Checks the fields count_tokens does not need but messages does. */
export function requireMaxTokens(r: MessagesRequest): void {
  const m = r.body.max_tokens;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1) throw invalid('max_tokens: Field required (a whole number ≥ 1)');
}

/** Each tool's `input_schema` compiled through the chat endpoint's cache (schema.ts), as that endpoint
 * checks `function.parameters`: a bad one is a 400 naming the tool before anything goes upstream (the
 * upstream would refuse it, or the model would be asked to follow a schema that is none). */
export function checkToolSchemas(r: MessagesRequest, cache: SchemaCache): void {
  const tools = Array.isArray(r.body.tools) ? r.body.tools : [];
  tools.forEach((t: unknown, i: number) => {
    if (!isObject(t) || t.input_schema === undefined) return;
    cache.compile(t.input_schema, `tools[${i}].input_schema (tool ${JSON.stringify(typeof t.name === 'string' ? t.name : null)})`);
  });
}

/** The text of a string or an array of blocks (text blocks only). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((b): b is Json => isObject(b) && b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n');
}

function imagePart(block: Json): Json | null {
  const src = block.source;
  if (!isObject(src)) return null;
  if (src.type === 'base64' && typeof src.data === 'string') return { type: 'image_url', image_url: { url: `data:${String(src.media_type ?? 'image/png')};base64,${src.data}` } };
  if (src.type === 'url' && typeof src.url === 'string') return { type: 'image_url', image_url: { url: src.url } };
  return null;
}

/**
 * A document block (its source checked by requestCheck.ts): text as text; a PDF (base64 or a URL) as
 * OpenRouter's `file` part, which it reads with the model's own file support or its PDF parser.
 */
function documentPart(block: Json): Json {
  const src = block.source as Json;
  if (src.type === 'text') return { type: 'text', text: src.data };
  if (src.type === 'content') return { type: 'text', text: (src.content as Json[]).map((c) => c.text as string).join('\n') };
  const filename = typeof block.title === 'string' && block.title !== '' ? block.title : 'document.pdf';
  const data = src.type === 'url' ? src.url : `data:${String(src.media_type ?? 'application/pdf')};base64,${String(src.data)}`;
  return { type: 'file', file: { filename, file_data: data } };
}

/** tool_result content: a string, or blocks (text joined; images become a note, the chat tool role takes text). */
function toolResultText(block: Json): string {
  const c = block.content;
  const text = typeof c === 'string' ? c : Array.isArray(c) ? c.map((b) => (isObject(b) && b.type === 'text' ? String(b.text ?? '') : isObject(b) && b.type === 'image' ? '[image]' : '')).join('\n') : '';
  return block.is_error === true ? `Error: ${text}` : text;
}

function userMessages(content: unknown): Json[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const out: Json[] = [];
  const parts: Json[] = [];
  for (const b of content as unknown[]) {
    if (!isObject(b)) continue;
    if (b.type === 'tool_result') out.push({ role: 'tool', tool_call_id: String(b.tool_use_id ?? ''), content: toolResultText(b) });
    else if (b.type === 'text' && typeof b.text === 'string') parts.push({ type: 'text', text: b.text });
    else if (b.type === 'image') {
      const p = imagePart(b);
      if (p) parts.push(p);
    } else if (b.type === 'document') parts.push(documentPart(b));
  }
  // tool results answer the assistant's calls, so they come first (the chat API wants them right after)
  if (parts.length > 0) out.push({ role: 'user', content: parts.every((p) => p.type === 'text') ? parts.map((p) => p.text).join('\n') : parts });
  return out;
}

function assistantMessage(content: unknown): Json {
  if (typeof content === 'string') return { role: 'assistant', content };
  let text = '';
  const calls: Json[] = [];
  const details: Json[] = [];
  for (const b of content as unknown[]) {
    if (!isObject(b)) continue;
    if (b.type === 'text' && typeof b.text === 'string') text += b.text;
    else if (b.type === 'tool_use') calls.push({ id: String(b.id ?? ''), type: 'function', function: { name: String(b.name ?? ''), arguments: JSON.stringify(b.input ?? {}) } });
    else {
      const d = reasoningDetailOf(b, details.length);
      if (d) details.push(d);
    }
  }
  const m: Json = { role: 'assistant', content: text === '' && calls.length > 0 ? null : text };
  if (details.length > 0) m.reasoning_details = details;
  if (calls.length > 0) m.tool_calls = calls;
  return m;
}

function toolChoice(tc: unknown): unknown {
  if (!isObject(tc)) return undefined;
  if (tc.type === 'auto') return 'auto';
  if (tc.type === 'any') return 'required';
  if (tc.type === 'none') return 'none';
  if (tc.type === 'tool' && typeof tc.name === 'string') return { type: 'function', function: { name: tc.name } };
  return undefined;
}

/** The OpenAI chat request for the upstream, for `upstreamModel`. Always streamed (see messages.ts). */
export function toChatRequest(r: MessagesRequest, upstreamModel: string): Json {
  const b = r.body;
  const messages: Json[] = [];
  const system = textOf(b.system);
  if (system !== '') messages.push({ role: 'system', content: system });
  for (const m of b.messages as Json[]) {
    if (m.role === 'user') messages.push(...userMessages(m.content));
    else messages.push(assistantMessage(m.content));
  }
  const out: Json = { model: upstreamModel, messages, stream: true, stream_options: { include_usage: true } };
  if (typeof b.max_tokens === 'number') out.max_tokens = b.max_tokens;
  for (const k of ['temperature', 'top_p', 'top_k'] as const) if (typeof b[k] === 'number') out[k] = b[k];
  if (r.stopSequences.length > 0) out.stop = r.stopSequences.slice(0, UPSTREAM_STOP_LIMIT);
  if (isObject(b.metadata) && typeof b.metadata.user_id === 'string') out.user = b.metadata.user_id;
  const tools = (Array.isArray(b.tools) ? b.tools : []).filter((t): t is Json => isObject(t) && typeof t.name === 'string' && isObject(t.input_schema));
  if (tools.length > 0) {
    out.tools = tools.map((t) => ({ type: 'function', function: { name: t.name, ...(typeof t.description === 'string' ? { description: t.description } : {}), parameters: t.input_schema } }));
    const choice = toolChoice(b.tool_choice);
    if (choice !== undefined) out.tool_choice = choice;
    if (isObject(b.tool_choice) && b.tool_choice.disable_parallel_tool_use === true) out.parallel_tool_calls = false;
  }
  if (r.thinking) {
    const budget = (b.thinking as Json).budget_tokens;
    out.reasoning = typeof budget === 'number' ? { max_tokens: budget } : { enabled: true };
  }
  return out;
}
