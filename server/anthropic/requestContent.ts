/**
 * A Messages request's content blocks translated into chat messages and content parts, or refused: every
 * block, source and field is either translated, ignored because it changes nothing the model reads
 * (a text block's `citations`: where its text came from), or a 400 naming its path (`messages.0.content.2.type: "bogus" is not a supported content block`).
 * Nothing is left out in silence: a model that answers without the PDF or the tool result it was sent
 * answers wrongly, and the client cannot tell.
 *
 * - text → a text part; image (base64 with an image media type, or a URL) → an image_url part.
 * - document: a base64 PDF or a PDF URL → OpenRouter's file part (`file_data`: a data URL or the URL
 *   itself; OpenRouter reads both), its `title` the file name; a plain-text source → a text part; a
 *   content source → its text and image blocks as parts. File (Files API) sources, `context` and
 *   citations turned on are refused: nothing upstream can carry them.
 * - tool_result → a tool message: its text, or (with images or documents) the parts, which OpenRouter's
 *   tool messages take; `is_error` → an `Error:` prefix.
 * - tool_use → an assistant tool call; thinking / redacted_thinking → reasoning_details (thinkingRoundTrip.ts).
 * - `cache_control` on a block → the same field on its (last) content part, where OpenRouter reads prompt-cache
 *   breakpoints (Anthropic's and Gemini's caches need them: left out, every turn paid the whole prompt);
 *   a message whose parts carry one keeps them as parts (no longer joined into one string).
 */
import { GatewayError } from '../gateway/errors';
import { reasoningDetailOf } from './thinkingRoundTrip';

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The 400 for one part of the request: `<path>: <why>`, as Anthropic names fields. */
export function invalid(path: string, why: string): GatewayError {
  return new GatewayError(400, 'invalid_request', `${path}: ${why}`);
}

/** Refuses every key of `b` that is not translated (`keys`, and `cache_control`: withCache). */
export function onlyKeys(b: Json, path: string, keys: readonly string[]): void {
  for (const k of Object.keys(b)) {
    if (k !== 'type' && k !== 'cache_control' && !keys.includes(k)) throw invalid(`${path}.${k}`, "is not supported by StreamFix's translation (refused rather than left out)");
  }
}

/**
 * `part` with block `b`'s prompt-cache breakpoint (`cache_control`), which OpenRouter reads on content
 * parts as Anthropic does on blocks. A cache_control that is not an object is a 400.
 * @example withCache({ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'x' }) → { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }
 */
export function withCache(b: Json, part: Json, path: string): Json {
  const c = b.cache_control;
  if (c === undefined || c === null) return part;
  if (!isObject(c)) throw invalid(`${path}.cache_control`, 'must be an object ({"type": "ephemeral"})');
  return { ...part, cache_control: c };
}

/** `parts` with block `b`'s breakpoint on the last one (a document may give several parts). */
function cacheLast(b: Json, parts: Json[], path: string): Json[] {
  if (parts.length === 0) return parts;
  parts[parts.length - 1] = withCache(b, parts[parts.length - 1]!, path);
  return parts;
}

function requireString(b: Json, key: string, path: string): string {
  if (typeof b[key] !== 'string') throw invalid(`${path}.${key}`, 'Field required (a string)');
  return b[key] as string;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

function sourceOf(b: Json, path: string): Json {
  if (!isObject(b.source)) throw invalid(`${path}.source`, 'Field required (an object with a type)');
  return b.source;
}

function unsupportedSource(src: Json, path: string): GatewayError {
  const why = src.type === 'file' ? 'file sources (the Files API) are not supported: the upstream cannot read them' : 'is not a supported source type';
  return invalid(`${path}.source.type`, `${JSON.stringify(src.type ?? null)} ${why}`);
}

function textPart(b: Json, path: string): Json {
  onlyKeys(b, path, ['text', 'citations']);
  return withCache(b, { type: 'text', text: requireString(b, 'text', path) }, path);
}

function imagePart(b: Json, path: string): Json {
  onlyKeys(b, path, ['source']);
  const src = sourceOf(b, path);
  const at = `${path}.source`;
  if (src.type === 'base64') {
    onlyKeys(src, at, ['media_type', 'data']);
    if (typeof src.media_type !== 'string' || !IMAGE_TYPES.includes(src.media_type)) throw invalid(`${at}.media_type`, `must be one of ${IMAGE_TYPES.join(', ')}`);
    return { type: 'image_url', image_url: { url: `data:${src.media_type};base64,${requireString(src, 'data', at)}` } };
  }
  if (src.type === 'url') {
    onlyKeys(src, at, ['url']);
    return { type: 'image_url', image_url: { url: requireString(src, 'url', at) } };
  }
  throw unsupportedSource(src, path);
}

function documentParts(b: Json, path: string): Json[] {
  onlyKeys(b, path, ['source', 'title', 'citations']);
  if (isObject(b.citations) && b.citations.enabled === true) throw invalid(`${path}.citations.enabled`, 'citations are not supported: the upstream answers without them');
  const src = sourceOf(b, path);
  const at = `${path}.source`;
  const pdf = src.type === 'base64' || src.type === 'url';
  if (b.title !== undefined && b.title !== null && (!pdf || typeof b.title !== 'string')) throw invalid(`${path}.title`, pdf ? 'must be a string' : "is sent only with a PDF (as its file name); a text document's title has no place upstream");
  const file = (data: string): Json => ({ type: 'file', file: { filename: (b.title as string | undefined) || 'document.pdf', file_data: data } });
  if (src.type === 'base64') {
    onlyKeys(src, at, ['media_type', 'data']);
    if (src.media_type !== 'application/pdf') throw invalid(`${at}.media_type`, 'must be "application/pdf" (a base64 document is a PDF)');
    return [file(`data:application/pdf;base64,${requireString(src, 'data', at)}`)];
  }
  if (src.type === 'url') {
    onlyKeys(src, at, ['url']);
    return [file(requireString(src, 'url', at))];
  }
  if (src.type === 'text') {
    onlyKeys(src, at, ['media_type', 'data']);
    if (src.media_type !== undefined && src.media_type !== 'text/plain') throw invalid(`${at}.media_type`, 'must be "text/plain"');
    return [{ type: 'text', text: requireString(src, 'data', at) }];
  }
  if (src.type === 'content') {
    onlyKeys(src, at, ['content']);
    if (typeof src.content === 'string') return [{ type: 'text', text: src.content }];
    if (!Array.isArray(src.content)) throw invalid(`${at}.content`, 'must be a string or an array of text and image blocks');
    return src.content.map((c, i) => blockPart(c, `${at}.content.${i}`, ['text', 'image']));
  }
  throw unsupportedSource(src, path);
}

function typeOf(b: unknown, path: string): string {
  if (!isObject(b)) throw invalid(path, 'must be a content block (an object with a type)');
  if (typeof b.type !== 'string') throw invalid(`${path}.type`, 'Field required (a string)');
  return b.type;
}

function unsupportedBlock(type: string, path: string, where: string): GatewayError {
  return invalid(`${path}.type`, `${JSON.stringify(type)} is not a supported content block${where}`);
}

/** One block of the kinds in `kinds` as content parts (a document may give several). */
function blockParts(b: unknown, path: string, kinds: readonly string[], where = ''): Json[] {
  const type = typeOf(b, path);
  if (!kinds.includes(type)) throw unsupportedBlock(type, path, where);
  if (type === 'text') return [textPart(b as Json, path)];
  if (type === 'image') return [withCache(b as Json, imagePart(b as Json, path), path)];
  return cacheLast(b as Json, documentParts(b as Json, path), path);
}

function blockPart(b: unknown, path: string, kinds: readonly string[]): Json {
  return blockParts(b, path, kinds)[0]!;
}

/** Parts as a message's content: a string when they are all text without a cache breakpoint (joined by
 * newlines), else the parts. */
export function partsContent(parts: Json[]): string | Json[] {
  return parts.every((p) => p.type === 'text' && p.cache_control === undefined) ? parts.map((p) => p.text).join('\n') : parts;
}

function toolMessage(b: Json, path: string): Json {
  onlyKeys(b, path, ['tool_use_id', 'content', 'is_error']);
  const id = requireString(b, 'tool_use_id', path);
  if (b.is_error !== undefined && typeof b.is_error !== 'boolean') throw invalid(`${path}.is_error`, 'must be true or false');
  const c = b.content;
  let content: string | Json[];
  if (c === undefined || typeof c === 'string') content = c ?? '';
  else if (Array.isArray(c)) content = partsContent(c.flatMap((x, i) => blockParts(x, `${path}.content.${i}`, ['text', 'image', 'document'], ' in a tool_result')));
  else throw invalid(`${path}.content`, 'must be a string or an array of content blocks');
  if (b.is_error === true) content = typeof content === 'string' ? `Error: ${content}` : [{ type: 'text', text: 'Error:' }, ...content];
  // the tool_result's own breakpoint: on its last part
  if (b.cache_control !== undefined && b.cache_control !== null) content = cacheLast(b, typeof content === 'string' ? [{ type: 'text', text: content }] : content, path);
  return { role: 'tool', tool_call_id: id, content };
}

const USER_KINDS = ['text', 'image', 'document'];

/** A user turn: its tool results as tool messages first (the chat API wants them right after the
 * assistant's calls), then one user message with the rest. */
export function userMessages(content: unknown, path: string): Json[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const out: Json[] = [];
  const parts: Json[] = [];
  (content as unknown[]).forEach((b, i) => {
    const at = `${path}.${i}`;
    if (typeOf(b, at) === 'tool_result') out.push(toolMessage(b as Json, at));
    else parts.push(...blockParts(b, at, USER_KINDS, ' in a user message'));
  });
  if (parts.length > 0) out.push({ role: 'user', content: partsContent(parts) });
  return out;
}

function toolCall(b: Json, path: string): Json {
  onlyKeys(b, path, ['id', 'name', 'input']);
  if (!isObject(b.input)) throw invalid(`${path}.input`, 'Field required (an object)');
  return { id: requireString(b, 'id', path), type: 'function', function: { name: requireString(b, 'name', path), arguments: JSON.stringify(b.input) } };
}

/** An assistant turn: text, tool calls, and its thinking as reasoning_details in block order. */
export function assistantMessage(content: unknown, path: string): Json {
  if (typeof content === 'string') return { role: 'assistant', content };
  const texts: Json[] = [];
  const calls: Json[] = [];
  const details: Json[] = [];
  (content as unknown[]).forEach((b, i) => {
    const at = `${path}.${i}`;
    const type = typeOf(b, at);
    const block = b as Json;
    if (type === 'text') texts.push(textPart(block, at));
    else if (type === 'tool_use') calls.push(toolCall(block, at));
    else if (type === 'thinking' || type === 'redacted_thinking') {
      onlyKeys(block, at, type === 'thinking' ? ['thinking', 'signature'] : ['data']);
      requireString(block, type === 'thinking' ? 'thinking' : 'data', at);
      if (block.signature !== undefined) requireString(block, 'signature', at);
      // a block with no text and only the gateway's own signature carries nothing to hand back; an
      // envelope that does not decode was changed on the way
      let d: Json | null;
      try {
        d = reasoningDetailOf(block, details.length);
      } catch (e) {
        throw invalid(`${at}.${type === 'thinking' ? 'signature' : 'data'}`, (e as Error).message);
      }
      if (d) details.push(d);
    } else throw unsupportedBlock(type, at, ' in an assistant message');
  });
  // text parts joined as before (no separator), unless a breakpoint keeps them as parts
  const cached = texts.some((p) => p.cache_control !== undefined);
  const text = cached ? texts : texts.map((p) => p.text).join('');
  const m: Json = { role: 'assistant', content: text === '' && calls.length > 0 ? null : text };
  if (details.length > 0) m.reasoning_details = details;
  if (calls.length > 0) m.tool_calls = calls;
  return m;
}
