/**
 * Thinking blocks both ways, through OpenRouter's `reasoning_details` (its format for handing reasoning
 * back to the model that wrote it: a `reasoning.text` entry with its `signature`, a `reasoning.encrypted`
 * entry with its `data`).
 *
 * - Out (the upstream's stream → the client): a `reasoning.text` detail's signature becomes the thinking
 *   block's `signature_delta`; a `reasoning.encrypted` detail becomes a `redacted_thinking` block. Thinking
 *   the upstream did not sign (a `reasoning` string, a `<think>` block) is signed by the gateway
 *   (`streamfix:` and a digest), because clients require the field.
 * - In (the client's next turn → the upstream): each thinking block becomes a `reasoning.text` entry of the
 *   assistant message, in block order, with its signature unless the gateway issued it (it means nothing
 *   to any model); each redacted_thinking block becomes a `reasoning.encrypted` entry with its data.
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

/** An incoming assistant content block as a reasoning_details entry (position `index`), or null when it
 * is not a thinking block or carries nothing to hand back. */
export function reasoningDetailOf(block: Json, index: number): Json | null {
  if (block.type === 'redacted_thinking') return typeof block.data === 'string' && block.data !== '' ? { type: 'reasoning.encrypted', data: block.data, index } : null;
  if (block.type !== 'thinking') return null;
  const text = typeof block.thinking === 'string' ? block.thinking : '';
  const sig = typeof block.signature === 'string' && block.signature !== '' && !block.signature.startsWith(OWN) ? block.signature : null;
  if (text === '' && sig === null) return null;
  return sig === null ? { type: 'reasoning.text', text, index } : { type: 'reasoning.text', text, signature: sig, index };
}

/** What one streamed delta's reasoning_details carry that the `reasoning` string does not. */
export interface DetailParts {
  /** reasoning.text / reasoning.summary text (used only when the delta has no reasoning string). */
  text: string;
  /** The signature that ends the current thinking block. */
  signature: string | null;
  /** reasoning.encrypted data, one redacted_thinking block each. */
  encrypted: string[];
}

export function detailParts(details: unknown[]): DetailParts {
  const out: DetailParts = { text: '', signature: null, encrypted: [] };
  for (const d of details) {
    if (typeof d !== 'object' || d === null) continue;
    const e = d as Json;
    if (e.type === 'reasoning.encrypted' && typeof e.data === 'string' && e.data !== '') out.encrypted.push(e.data);
    else if (e.type === 'reasoning.text') {
      if (typeof e.text === 'string') out.text += e.text;
      if (typeof e.signature === 'string' && e.signature !== '') out.signature = e.signature;
    } else if (e.type === 'reasoning.summary' && typeof e.summary === 'string') out.text += e.summary;
  }
  return out;
}
