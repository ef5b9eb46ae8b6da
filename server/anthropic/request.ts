/**
 * A Messages API request (Anthropic's shape) checked and translated into an OpenAI chat request for the
 * upstream. Every part is translated, ignored on purpose or refused with a 400 naming its path, at parse
 * time (so before routing, and for count_tokens too): the top-level fields and tools in
 * requestFields.ts, the content blocks in requestContent.ts. The first 4 stop sequences go as `stop`;
 * the gateway watches the text for all of them too (stopSequences.ts).
 */
import { checkRequestDepth } from '../gateway/chatRequest';
import { GatewayError } from '../gateway/errors';
import type { SchemaCache } from '../gateway/schema';
import { assistantMessage, invalid, isObject, onlyKeys, userMessages } from './requestContent';
import { chatTools, checkFields, outputSchema, responseFormat, systemText } from './requestFields';
import { UPSTREAM_STOP_LIMIT } from './stopSequences';
import type { ThreadStore, ThreadTurn } from './threads';

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
  /** Structured outputs: the JSON Schema of the answer (output_config.format), and where it was given. */
  output: { schema: Json; path: string } | null;
  /** The chat request's messages, translated (and so checked) at parse time: a part that cannot go
   * upstream is a 400 before anything is routed or sent (requestContent.ts). */
  messages: Json[];
  /** A message thread's turn (threads.ts): the body is then the whole conversation, without `thread`. */
  thread: ThreadTurn | null;
}

/** Parses and checks the body; throws GatewayError 400 naming the field that is wrong. With `threads`, a
 * `thread` field is taken (a continue's kept conversation put before its messages); without, refused. */
export function parseMessagesRequest(text: string, threads?: ThreadStore): MessagesRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new GatewayError(400, 'invalid_json', `Request body is not valid JSON: ${text.trim() === '' ? 'the body is empty' : (e as Error).message}`);
  }
  checkRequestDepth(body);
  if (!isObject(body)) throw new GatewayError(400, 'invalid_request', 'Request body must be a JSON object with "model", "max_tokens" and "messages"');
  const thread = threads ? threads.open(body) : null;
  if (typeof body.model !== 'string' || body.model.trim() === '') throw invalid('model', 'Field required (a model name such as "claude-sonnet-4-5" or an OpenRouter id such as "anthropic/claude-sonnet-4.5")');
  if (!Array.isArray(body.messages)) throw invalid('messages', 'Field required (an array of {role, content})');
  // with no message there is nothing to answer (the upstream would refuse it, or answer the system prompt)
  if (body.messages.length === 0) throw invalid('messages', 'at least one message is required');
  body.messages.forEach((m, i) => {
    if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant' && m.role !== 'system')) throw invalid(`messages.${i}.role`, 'must be "user", "assistant" or "system"');
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) throw invalid(`messages.${i}.content`, 'must be a string or an array of content blocks');
    onlyKeys(m, `messages.${i}`, ['role', 'content']);
  });
  checkFields(body);
  const messages: Json[] = [];
  const system = systemText(body.system);
  if (system !== '') messages.push({ role: 'system', content: system });
  (body.messages as Json[]).forEach((m, i) => {
    // a system message in the conversation (Anthropic's SystemMessageParam) stays where it is
    if (m.role === 'system') messages.push({ role: 'system', content: systemText(m.content, `messages.${i}.content`) });
    else if (m.role === 'user') messages.push(...userMessages(m.content, `messages.${i}.content`));
    else messages.push(assistantMessage(m.content, `messages.${i}.content`));
  });
  const last = body.messages[body.messages.length - 1] as Json | undefined;
  return {
    prefill: last?.role === 'assistant' ? textOf(last.content) : '',
    output: outputSchema(body),
    body,
    model: body.model,
    stream: body.stream === true,
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : 0,
    stopSequences: (body.stop_sequences as string[] | undefined) ?? [],
    thinking: isObject(body.thinking) && (body.thinking.type === 'enabled' || body.thinking.type === 'adaptive'),
    messages,
    thread,
  };
}

/**
 * The mode of the text block: `repair` when asked for (x-streamfix-mode) or when the answer continues a
 * prefill that starts a JSON value (`{` or `[`: the client asks for JSON that way); with `auto` and no
 * prefill the answer decides (translate.ts, the chat endpoint's rule); else `strip`.
 */
export function messagesMode(requested: string, r: MessagesRequest): { mode: 'repair' | 'strip' | 'auto'; reason: string } {
  if (requested === 'repair') return { mode: 'repair', reason: 'requested: repair' };
  // a structured output is JSON by request, as response_format is on the chat endpoint
  if (requested === 'auto' && r.output !== null) return { mode: 'repair', reason: `auto: ${r.output.path.replace(/\.schema$/, '')} json_schema` };
  if (requested === 'auto' && /^\s*[[{]/.test(r.prefill)) return { mode: 'repair', reason: 'auto: the prefill starts a JSON value' };
  // auto otherwise: the answer decides (as on the chat endpoint: repair when it starts as JSON)
  if (requested === 'auto' && r.prefill === '') return { mode: 'auto', reason: 'auto: the answer decides' };
  return { mode: 'strip', reason: `${requested === 'auto' ? 'auto: a text prefill' : `requested: ${requested}`}: text as sent, reasoning removed` };
}

/** Checks the fields count_tokens does not need but messages does. */
export function requireMaxTokens(r: MessagesRequest): void {
  const m = r.body.max_tokens;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1) throw invalid('max_tokens', 'Field required (a whole number ≥ 1)');
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
  // the structured output's schema too, named as the client gave it (not as response_format)
  if (r.output !== null) cache.compile(r.output.schema, r.output.path);
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

/** The OpenAI chat request for the upstream, for `upstreamModel`. Always streamed (see messages.ts). */
export function toChatRequest(r: MessagesRequest, upstreamModel: string): Json {
  const b = r.body;
  const out: Json = { model: upstreamModel, messages: r.messages, stream: true, stream_options: { include_usage: true } };
  if (typeof b.max_tokens === 'number') out.max_tokens = b.max_tokens;
  for (const k of ['temperature', 'top_p', 'top_k'] as const) if (typeof b[k] === 'number') out[k] = b[k];
  if (r.stopSequences.length > 0) out.stop = r.stopSequences.slice(0, UPSTREAM_STOP_LIMIT);
  if (isObject(b.metadata) && typeof b.metadata.user_id === 'string') out.user = b.metadata.user_id;
  // automatic prompt caching (a breakpoint on the last cacheable block), which OpenRouter takes as Anthropic does
  if (isObject(b.cache_control)) out.cache_control = b.cache_control;
  Object.assign(out, chatTools(b));
  if (r.output !== null) out.response_format = responseFormat(r.output.schema);
  if (r.thinking) {
    const budget = (b.thinking as Json).budget_tokens;
    out.reasoning = typeof budget === 'number' ? { max_tokens: budget } : { enabled: true };
  }
  return out;
}
