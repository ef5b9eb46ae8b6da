/**
 * The parts of a Messages request the translation (request.ts) would otherwise leave out without a word:
 * a block of a type it cannot translate, a block missing what it carries (a text block without text, an
 * image without a usable source, a tool result without its call's id), a tool without `input_schema`, a
 * `tool_choice` naming no tool, a sampling field that is not a number. Left out, the model answers without
 * the PDF, the image or the tool and the client cannot tell; so each is a 400 naming the field, as
 * Anthropic's own API answers.
 */
import { GatewayError } from '../gateway/errors';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): GatewayError {
  return new GatewayError(400, 'invalid_request', message);
}

/** The block types each role's translation carries (request.ts userMessages / assistantMessage). */
const BLOCK_TYPES: Record<'user' | 'assistant', readonly string[]> = {
  user: ['text', 'image', 'document', 'tool_result'],
  assistant: ['text', 'tool_use', 'thinking', 'redacted_thinking'],
};

const str = (v: unknown): boolean => typeof v === 'string';

/** A document source the translation carries: text, a base64 PDF, a URL, or content blocks of text. */
function documentSourceOk(src: unknown): boolean {
  if (!isObject(src)) return false;
  if (src.type === 'text' || src.type === 'base64') return str(src.data);
  if (src.type === 'url') return str(src.url);
  if (src.type === 'content') return Array.isArray(src.content) && src.content.every((b) => isObject(b) && b.type === 'text' && str(b.text));
  return false;
}

function checkBlock(b: unknown, role: 'user' | 'assistant', at: string): void {
  if (!isObject(b)) throw invalid(`${at}: must be a content block (an object with "type")`);
  if (!BLOCK_TYPES[role].includes(String(b.type))) {
    throw invalid(`${at}.type: ${JSON.stringify(b.type ?? null)} is not a block the gateway can send upstream in ${role === 'user' ? 'a user' : 'an assistant'} message (it takes ${BLOCK_TYPES[role].join(', ')})`);
  }
  if (b.type === 'text' && !str(b.text)) throw invalid(`${at}.text: Field required (a string)`);
  if (b.type === 'image') {
    const s = b.source;
    if (!(isObject(s) && ((s.type === 'base64' && str(s.data)) || (s.type === 'url' && str(s.url))))) throw invalid(`${at}.source: must be {"type": "base64", "media_type", "data"} or {"type": "url", "url"}`);
  }
  if (b.type === 'document' && !documentSourceOk(b.source)) throw invalid(`${at}.source: must be a text, base64 (PDF), url or content source with its data`);
  if (b.type === 'tool_result' && !str(b.tool_use_id)) throw invalid(`${at}.tool_use_id: Field required (the id of the tool_use it answers)`);
  if (b.type === 'tool_use' && !(str(b.id) && str(b.name) && isObject(b.input))) throw invalid(`${at}: a tool_use block needs "id", "name" and an object "input"`);
}

/** Throws GatewayError 400 naming the first field the translation could not carry. `messages` is an
 * array of {role, content} already (parseMessagesRequest checked that). */
export function checkTranslatable(body: Json): void {
  const messages = body.messages as Json[];
  if (messages.length === 0) throw invalid('messages: at least one message is required');
  messages.forEach((m, i) => {
    if (Array.isArray(m.content)) m.content.forEach((b, j) => checkBlock(b, m.role as 'user' | 'assistant', `messages.${i}.content.${j}`));
  });
  if (Array.isArray(body.system)) {
    body.system.forEach((b, j) => {
      if (!(isObject(b) && b.type === 'text' && str(b.text))) throw invalid(`system.${j}: must be a text block ({"type": "text", "text"})`);
    });
  }
  (Array.isArray(body.tools) ? body.tools : []).forEach((t: unknown, i: number) => {
    if (!isObject(t) || !str(t.name) || t.name === '') throw invalid(`tools.${i}.name: Field required (a non-empty string)`);
    // present; whether it is a JSON Schema is checkToolSchemas' to say (request.ts, the chat endpoint's cache)
    if (t.input_schema === undefined) {
      const kind = str(t.type) && t.type !== 'custom' ? ` (${JSON.stringify(t.type)} is a server tool: the gateway's upstream models cannot run it)` : '';
      throw invalid(`tools.${i}.input_schema: Field required (a JSON Schema)${kind}`);
    }
  });
  const tc = body.tool_choice;
  if (tc !== undefined) {
    if (!isObject(tc) || !['auto', 'any', 'tool', 'none'].includes(String(tc.type))) throw invalid('tool_choice.type: must be "auto", "any", "tool" or "none"');
    if (tc.type === 'tool' && !(str(tc.name) && tc.name !== '')) throw invalid('tool_choice.name: Field required when tool_choice.type is "tool"');
  }
  for (const k of ['temperature', 'top_p', 'top_k'] as const) {
    if (body[k] !== undefined && !(typeof body[k] === 'number' && Number.isFinite(body[k]))) throw invalid(`${k}: must be a number`);
  }
}
