/**
 * POST /v1/messages/count_tokens answers an estimate, not a tokenizer's count: the upstream model is any
 * OpenRouter model, each with its own tokenizer, and none of them is Anthropic's. The estimate is
 * ceil(characters / 4) over the text the model reads (system, message text, tool_use names and inputs as
 * JSON, tool_result text, thinking text, a document's text (a PDF: its base64 characters; a PDF URL:
 * nothing), and each tool's name, description and input_schema as JSON), plus 1,600 tokens per image (Anthropic's figure for an image of about 1.15 megapixels). Four
 * characters per token is the usual figure for English text with BPE tokenizers; code and non-Latin
 * scripts take more tokens per character, so read it as a rough size, good for routing and for budgets.
 */
type Json = Record<string, unknown>;

export const CHARS_PER_TOKEN = 4;
export const TOKENS_PER_IMAGE = 1600;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function blockChars(b: unknown, images: { n: number }): number {
  if (typeof b === 'string') return b.length;
  if (!isObject(b)) return 0;
  switch (b.type) {
    case 'text':
      return typeof b.text === 'string' ? b.text.length : 0;
    case 'thinking':
      return typeof b.thinking === 'string' ? b.thinking.length : 0;
    case 'image':
      images.n++;
      return 0;
    case 'tool_use':
      return String(b.name ?? '').length + JSON.stringify(b.input ?? {}).length;
    case 'tool_result':
      return Array.isArray(b.content) ? b.content.reduce((n: number, c) => n + blockChars(c, images), 0) : typeof b.content === 'string' ? b.content.length : 0;
    case 'document':
      return documentChars(b.source, images);
    default:
      return 0;
  }
}

/** A document's source: its data (plain text, or a PDF's base64), or a content source's blocks; a PDF URL
 * counts nothing (its size is not known here). */
function documentChars(src: unknown, images: { n: number }): number {
  if (!isObject(src)) return 0;
  if (typeof src.data === 'string') return src.data.length;
  return src.type === 'content' ? contentChars(src.content, images) : 0;
}

function contentChars(content: unknown, images: { n: number }): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  return content.reduce((n: number, b) => n + blockChars(b, images), 0);
}

/** The estimated input tokens of a Messages request body (already checked by parseMessagesRequest). */
export function estimateInputTokens(body: Json): number {
  const images = { n: 0 };
  let chars = contentChars(body.system, images);
  for (const m of Array.isArray(body.messages) ? body.messages : []) if (isObject(m)) chars += contentChars(m.content, images);
  for (const t of Array.isArray(body.tools) ? body.tools : []) {
    if (isObject(t)) chars += JSON.stringify({ name: t.name, description: t.description, input_schema: t.input_schema }).length;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + images.n * TOKENS_PER_IMAGE;
}
