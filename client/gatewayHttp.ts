/**
 * Streaming chat completions through the gateway over HTTP (the chat participant and the language
 * model provider use it). Bytes are decoded once with a streaming TextDecoder; SSE is parsed with
 * eventsource-parser. No `vscode` import: unit-tested under plain mocha against a loopback server.
 */
import { createParser } from 'eventsource-parser';

export class GatewayHttpError extends Error {
  override readonly name = 'GatewayHttpError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** An assistant turn's refusal (OpenAI's `refusal` field), sent back as it came. */
  refusal?: string;
}

export interface ChatStreamRequest {
  model: string;
  messages: ChatMessage[];
  /** Ask for a JSON object (the gateway's auto mode then repairs the content). */
  json?: boolean;
  mode?: 'auto' | 'repair' | 'strip' | 'passthrough';
  /** Ask for JSON following this schema (`response_format: json_schema`; takes the place of `json`). */
  schema?: { name: string; schema: Record<string, unknown> };
  /** `x-streamfix-schema`: what the gateway does with a value the schema rejects (report, or also coerce). */
  schemaPolicy?: 'report' | 'coerce';
}

export interface ChatStreamResult {
  requestId: string | null;
  content: string;
  reasoning: string;
  /** The model's refusal (`delta.refusal`, OpenAI's models declining), '' when none. */
  refusal: string;
  finishReason: string | null;
}

/** `http://127.0.0.1:8787/v1` and `http://127.0.0.1:8787/` both give `http://127.0.0.1:8787`. */
export function gatewayOrigin(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function errorMessage(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (parsed.error && typeof parsed.error.message === 'string') return parsed.error.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.trim().slice(0, 300) || `HTTP ${status}`;
}

export interface StreamOptions {
  signal?: AbortSignal;
  token?: string | null;
  /** Each reasoning delta as it arrives (`reasoning`, or `reasoning_content` as DeepSeek's API, vLLM and
   * llama.cpp's server name it, and think blocks the gateway moved there). */
  onReasoning?: (text: string) => void;
  /** Each refusal delta as it arrives (`delta.refusal`: the model declining, in place of content). */
  onRefusal?: (text: string) => void;
  /** The request id, as soon as the response headers arrive (before the first delta). */
  onResponse?: (requestId: string | null) => void;
}

/**
 * POST /v1/chat/completions with `stream: true`, calling `onContent` with each content delta as it
 * arrives. Rejects with GatewayHttpError on an HTTP error, an error chunk, or a dropped connection.
 */
export async function streamChat(
  baseUrl: string,
  req: ChatStreamRequest,
  onContent: (text: string) => void,
  opts: StreamOptions = {},
): Promise<ChatStreamResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (req.mode) headers['x-streamfix-mode'] = req.mode;
  if (req.schemaPolicy) headers['x-streamfix-schema'] = req.schemaPolicy;
  const body = {
    model: req.model,
    stream: true,
    messages: req.messages,
    ...(req.schema ? { response_format: { type: 'json_schema', json_schema: req.schema } } : req.json ? { response_format: { type: 'json_object' } } : {}),
  };
  let res: Response;
  try {
    res = await fetch(`${gatewayOrigin(baseUrl)}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    throw new GatewayHttpError(`cannot reach the StreamFix gateway: ${err instanceof Error ? err.message : String(err)}`, null, 'UNREACHABLE');
  }
  const requestId = res.headers.get('x-streamfix-request-id');
  opts.onResponse?.(requestId);
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    throw new GatewayHttpError(`gateway answered ${res.status}: ${errorMessage(text, res.status)}`, res.status, 'HTTP_ERROR');
  }
  const result: ChatStreamResult = { requestId, content: '', reasoning: '', refusal: '', finishReason: null };
  let failure: GatewayHttpError | null = null;
  const parser = createParser({
    onEvent(ev) {
      if (ev.data === '[DONE]' || failure) return;
      let chunk: {
        error?: { message?: string; code?: unknown };
        choices?: { delta?: { content?: string | null; reasoning?: string | null; reasoning_content?: string | null; refusal?: string | null }; finish_reason?: string | null }[];
      };
      try {
        chunk = JSON.parse(ev.data);
      } catch {
        return; // a malformed line is skipped, as the gateway itself does
      }
      if (chunk.error) {
        failure = new GatewayHttpError(chunk.error.message ?? 'the stream ended with an error', null, String(chunk.error.code ?? 'STREAM_ERROR'));
        return;
      }
      const choice = chunk.choices?.[0];
      if (!choice) return;
      const content = choice.delta?.content;
      if (typeof content === 'string' && content !== '') {
        result.content += content;
        onContent(content);
      }
      // the gateway passes the upstream's own field: `reasoning` (OpenRouter), else `reasoning_content`
      const reasoning = typeof choice.delta?.reasoning === 'string' ? choice.delta.reasoning : choice.delta?.reasoning_content;
      if (typeof reasoning === 'string' && reasoning !== '') {
        result.reasoning += reasoning;
        opts.onReasoning?.(reasoning);
      }
      const refusal = choice.delta?.refusal;
      if (typeof refusal === 'string' && refusal !== '') {
        result.refusal += refusal;
        opts.onRefusal?.(refusal);
      }
      if (choice.finish_reason) result.finishReason = choice.finish_reason;
    },
  });
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } catch (err) {
    if (opts.signal?.aborted) throw new GatewayHttpError('the request was cancelled', null, 'CANCELLED');
    throw new GatewayHttpError(`the stream broke: ${err instanceof Error ? err.message : String(err)}`, null, 'STREAM_BROKEN');
  }
  if (failure) throw failure;
  return result;
}

/** GET /v1/models: the model ids the gateway offers. */
export async function listModels(baseUrl: string, opts: { token?: string | null; signal?: AbortSignal } = {}): Promise<string[]> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${gatewayOrigin(baseUrl)}/v1/models`, { headers, signal: opts.signal });
  const text = await res.text();
  if (!res.ok) throw new GatewayHttpError(`gateway answered ${res.status}: ${errorMessage(text, res.status)}`, res.status, 'HTTP_ERROR');
  const parsed = JSON.parse(text) as { data?: { id?: unknown }[] };
  return (parsed.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
}
