/**
 * Thinking blocks both ways, through OpenRouter's `reasoning_details` (its format for handing reasoning
 * back to the model that wrote it: a `reasoning.text` entry with its `signature`, a `reasoning.encrypted`
 * entry with its `data`, a `reasoning.summary`; each with the `format` of the provider that wrote it and,
 * for some, an `id` the provider needs back: OpenAI's reasoning item `rs_…`, Gemini's call id).
 *
 * - Out (the upstream's stream → the client): a `reasoning.text` detail's signature becomes the thinking
 *   block's `signature_delta`; a `reasoning.encrypted` detail becomes a `redacted_thinking` block. Thinking
 *   the upstream did not sign (a `reasoning` string, a `<think>` block) is signed by the gateway
 *   (`streamfix:` and a digest), because clients require the field. An Anthropic block has no place for
 *   an entry's other fields: an entry that is Anthropic's own (format `anthropic-claude-v1` or none, no
 *   id) goes out as it is (its signature or data is Anthropic's, valid at Anthropic too); any other goes
 *   out as an envelope, `streamfix-details:` and the entry's fields (all but its text and index) as
 *   base64url JSON, in the signature (of a signed text, of unsigned text that has an id, or of any summary,
 *   whose type is itself a field to keep: the block's signature is then the envelope, not the gateway's
 *   digest) or the data.
 * - In (the client's next turn → the upstream): each thinking block becomes a `reasoning.text` entry of the
 *   assistant message (or the envelope's type, `reasoning.summary`), in block order, with its signature
 *   unless the gateway issued it (it means nothing to any model); each redacted_thinking block becomes a
 *   `reasoning.encrypted` entry with its data. An envelope gives back every field it holds; a signature or
 *   data that is none is Anthropic's (format `anthropic-claude-v1`). An envelope that does not decode is a
 *   400 (it was changed on the way).
 */
import { createHash, type Hash } from 'node:crypto';

type Json = Record<string, unknown>;

const OWN = 'streamfix:';

/** The gateway's signature for thinking it produced: a digest of its text. The gateway never checks it. */
export function signatureOf(thinking: string): string {
  return OWN + createHash('sha256').update(thinking).digest('base64url');
}

/**
 * signatureOf() of a thinking block that arrives in pieces, without keeping its text (a block may be
 * hundreds of MB): the digest is fed as the pieces come. A piece ending in the first half of a surrogate
 * pair keeps that half back for the next one, so the bytes hashed are the whole text's UTF-8, as
 * signatureOf hashes them (two halves hashed apart would each become U+FFFD).
 */
export class ThinkingSigner {
  private hash: Hash = createHash('sha256');
  private high = '';

  add(piece: string): void {
    if (piece === '') return;
    let s = this.high === '' ? piece : this.high + piece;
    this.high = '';
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.high = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (s !== '') this.hash.update(s);
  }

  /** The signature of everything added since the last sign(); starts the next block. */
  sign(): string {
    if (this.high !== '') this.hash.update(this.high);
    const sig = OWN + this.hash.digest('base64url');
    this.hash = createHash('sha256');
    this.high = '';
    return sig;
  }
}

/** The format of Anthropic's reasoning in OpenRouter's reasoning_details. */
export const ANTHROPIC_FORMAT = 'anthropic-claude-v1';

/** The prefix of an envelope (see the file comment); no base64 signature or data has a `:` in it. */
export const ENVELOPE = 'streamfix-details:';

/** Whether entry `e` is Anthropic's own: no field but its type, index and `own` ones, a format of
 * Anthropic's (or none) and no id. Its signature or data then goes out as it is. */
function plainAnthropic(e: Json, own: readonly string[]): boolean {
  for (const k of Object.keys(e)) {
    if (k === 'type' || k === 'index' || own.includes(k)) continue;
    if ((k === 'format' && (e.format === ANTHROPIC_FORMAT || e.format === null)) || (k === 'id' && e.id === null)) continue;
    return false;
  }
  return true;
}

/** Whether an unsigned text entry has something to hand back beyond its text: an id, or a field besides its
 * type, text, format and index. Its format alone (`unknown` from many providers) is no reason to replace the
 * gateway's signature: unsigned text goes back as text either way. (A summary always has: its type.) */
function worthKeeping(e: Json): boolean {
  for (const k of Object.keys(e)) {
    if (k === 'id' ? e.id !== null : !['type', 'text', 'summary', 'signature', 'format', 'index'].includes(k)) return true;
  }
  return false;
}

/** Entry `e`'s fields less `leave` (its text, its index), as an envelope. */
function envelope(e: Json, leave: readonly string[]): string {
  const fields: Json = {};
  for (const [k, v] of Object.entries(e)) if (!leave.includes(k)) fields[k] = v;
  return ENVELOPE + Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/** The fields an envelope holds, or null when `s` is no envelope; a string that starts as one but does not
 * decode to a JSON object with a string type throws (its message says why). */
export function openEnvelope(s: string): Json | null {
  if (!s.startsWith(ENVELOPE)) return null;
  const body = s.slice(ENVELOPE.length);
  let fields: unknown;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new Error('not base64url');
    fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    fields = null;
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || typeof (fields as Json).type !== 'string') {
    throw new Error(`starts as the gateway's envelope (${ENVELOPE}) but is not one: it was changed on the way`);
  }
  return fields as Json;
}

/**
 * An incoming assistant content block as a reasoning_details entry (position `index`), or null when it
 * is not a thinking block or carries nothing to hand back. Throws (openEnvelope) for a broken envelope.
 * @example reasoningDetailOf({ type: 'redacted_thinking', data: 'EmwK' }, 0) → { type: 'reasoning.encrypted', data: 'EmwK', format: 'anthropic-claude-v1', index: 0 }
 */
export function reasoningDetailOf(block: Json, index: number): Json | null {
  if (block.type === 'redacted_thinking') {
    if (typeof block.data !== 'string' || block.data === '') return null;
    const fields = openEnvelope(block.data);
    return fields !== null ? { ...fields, index } : { type: 'reasoning.encrypted', data: block.data, format: ANTHROPIC_FORMAT, index };
  }
  if (block.type !== 'thinking') return null;
  const text = typeof block.thinking === 'string' ? block.thinking : '';
  const sig = typeof block.signature === 'string' && block.signature !== '' && !block.signature.startsWith(OWN) ? block.signature : null;
  const fields = sig === null ? null : openEnvelope(sig);
  if (fields !== null) return { type: fields.type, [fields.type === 'reasoning.summary' ? 'summary' : 'text']: text, ...fields, index };
  if (text === '' && sig === null) return null;
  return sig === null ? { type: 'reasoning.text', text, index } : { type: 'reasoning.text', text, signature: sig, format: ANTHROPIC_FORMAT, index };
}

/** What one streamed delta's reasoning_details carry that the `reasoning` string does not. */
export interface DetailParts {
  /** reasoning.text / reasoning.summary text (used only when the delta has no reasoning string). */
  text: string;
  /** The signature that ends the current thinking block (an envelope for an entry not Anthropic's own). */
  signature: string | null;
  /** The envelope of an unsigned text entry that is not Anthropic's own (an id), or of a summary (its type):
   * the signature of its thinking block unless a signature comes for it. */
  meta: string | null;
  /** reasoning.encrypted data (or envelopes), one redacted_thinking block each. */
  encrypted: string[];
}

export function detailParts(details: unknown[]): DetailParts {
  const out: DetailParts = { text: '', signature: null, meta: null, encrypted: [] };
  for (const d of details) {
    if (typeof d !== 'object' || d === null) continue;
    const e = d as Json;
    if (e.type === 'reasoning.encrypted' && typeof e.data === 'string' && e.data !== '') out.encrypted.push(plainAnthropic(e, ['data']) ? e.data : envelope(e, ['index']));
    else if (e.type === 'reasoning.text') {
      if (typeof e.text === 'string') out.text += e.text;
      if (typeof e.signature === 'string' && e.signature !== '') out.signature = plainAnthropic(e, ['text', 'signature']) ? e.signature : envelope(e, ['text', 'index']);
      else if (out.meta === null && worthKeeping(e)) out.meta = envelope(e, ['text', 'signature', 'index']);
    } else if (e.type === 'reasoning.summary' && typeof e.summary === 'string') {
      out.text += e.summary;
      // always: its type is itself worth keeping (a block the gateway signed goes back as reasoning.text)
      if (out.meta === null) out.meta = envelope(e, ['summary', 'index']);
    }
  }
  return out;
}
