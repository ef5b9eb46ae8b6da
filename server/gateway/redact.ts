/**
 * Secrets redaction at the gateway's upstream edge. The configured key and every credential header the
 * gateway sends upstream (`Authorization`, `x-api-key`, …) are replaced by `[redacted]` in whatever the
 * upstream sends back (body bytes, response headers) before anything else reads it, so what the client
 * receives, the artifacts, the events and the logs are all clean without each of them having to care.
 *
 * Bodies are redacted as bytes while they stream: a secret cut between two reads is caught because the
 * end of a read that could be the start of a secret is held back until the next read decides it (the
 * hold-back is empty unless the read ends with a secret's first bytes, so a stream is not delayed). A
 * secret some of whose characters the upstream wrote as JSON escapes (`\u0073k-…`, `\/`, `\u00E9` beside
 * a raw `ü`) is caught too (jsonEscapes.ts): the whole escaped run is replaced.
 *
 * Example:
 *   const r = new Redactor(['sk-live-123456']);
 *   r.text('echo: Bearer sk-live-123456');      // 'echo: Bearer [redacted]'
 *   for await (const b of r.body(upstreamBody)) client.write(b);
 */

import { atCharBoundary, decodeEscapes, decodeString, EscapeScan, escapeSearch, escapesOf, type EscapeSearch, hasEscapedBackslash, lastWalked, matchEscaped, MAX_ESCAPE_BYTES, maySecondLevel, openEscapeAt, PARTIAL, prefixMatched, secondLevelSpots } from './jsonEscapes';
import { publicLength, SHOWN_OF_ANY_SECRET } from './keyPrefix';

export const REDACTED = '[redacted]';

/** What ends a value cut short where the gateway quotes it back in a message (`shortened`). */
export const CUT_MARK = '…';

/**
 * `s`, or its first `max` characters and CUT_MARK: a client's value quoted back in an error, cut so an
 * over-long one cannot blow up the answer. The mark is what lets Redactor.message redact a key cut there
 * (the key's first 71 characters are no key the redactor knows).
 */
export function shortened(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}${CUT_MARK}` : s;
}

/** startsEnding's answer for a read without any (nearly every read): no array made. */
const NO_STARTS: number[] = [];

/** RedactableBody.scanned's answer: the escape search's hints (EscapeScan hint, wholeHint) as bits. */
const SCAN_HINT = 1;
const SCAN_WHOLE = 2;

/** Shorter values are not redacted: replacing a 3-letter "key" everywhere would corrupt the content. */
export const MIN_SECRET_LENGTH = 8;

/** Header names whose values are credentials. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-goog-api-key']);

const REDACTED_BYTES = Buffer.from(REDACTED);
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const U = 0x75;
/** A text's backslash as JSON writes it: where a text may write an escape of its own (the second level). */
const PAIR = Buffer.from('\\\\');
const ESCAPE_00 = Buffer.from('\\u00');
const ESCAPED_SLASH = Buffer.from('\\/');

/**
 * The forms a secret can take in what an upstream echoes: as sent, escaped inside a JSON string (a key
 * with `"`, `\` or non-ASCII characters), with `/` escaped as `\/` (some JSON encoders), URL-encoded.
 * Each form written character by character, so the form of the secret's public start (keyPrefix.ts) is
 * the form's own public start: each form with how many of its characters that is.
 */
function variants(secret: string, out: Map<string, number>): void {
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const ascii = (s: string) => json(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const upper = (s: string) => json(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  const slash = (s: string) => json(s).replace(/\//g, '\\/');
  const head = secret.slice(0, publicLength(secret));
  for (const form of [(s: string) => s, json, ascii, upper, slash, encodeURIComponent]) {
    const f = form(secret);
    const shown = form(head).length;
    // the same form of two secrets: the lesser public start
    out.set(f, Math.min(out.get(f) ?? shown, shown));
  }
}

/** A base64 form keeps at least this many of its first characters: a read's or a text's end is held for
 * one only when it has more of it (keep + 1 characters: 30 bits or more), so text that happens to end
 * with a few of them is not held. */
const MIN_ENCODED_KEEP = 4;
/** encodedTail's answer: a tail's length above, its form's keep in the low KEEP_BITS. */
const KEEP_BITS = 12;
const KEEP_MASK = (1 << KEEP_BITS) - 1;
/** A form's replaced part is no shorter than this (a short secret keeps fewer characters instead). */
const MIN_ENCODED_TAIL = 8;

/**
 * A secret base64-encoded (an upstream echoing a header in a request dump, a `Basic` credential, a debug
 * header): the characters that depend on the secret's bytes alone, at each of the three byte alignments it
 * can have in the encoded text, in standard base64, URL-safe base64 and with `/` escaped as `\/`. The one
 * or two characters it shares with the bytes around it at each end are left (at most 4 bits of its first
 * byte and of its last two). Each form with how many of its first characters stand for the secret's public
 * start alone (keyPrefix.ts; at least MIN_ENCODED_KEEP): they stay when the form is replaced, so the text is
 * the same wherever a stream cut it (a cut before them needs no hold: the rest holds the whole replaced part).
 */
function base64Forms(secret: string, out: Map<string, number>): void {
  // a header's bytes: latin1 where it can be (apiKeyCheck.ts), else UTF-8
  const enc = /[^\u0000-\u00ff]/.test(secret) ? 'utf8' : 'latin1';
  const bytes = Buffer.from(secret, enc);
  const shown = Buffer.byteLength(secret.slice(0, publicLength(secret)), enc);
  for (let pad = 0; pad < 3; pad++) {
    const text = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    // characters before `from` hold bits of the bytes before; from the last whole group on, of those after
    const from = pad === 0 ? 0 : pad + 1;
    const core = text.slice(from, Math.floor((pad + bytes.length) / 3) * 4);
    // character i stands for bits [6i, 6i + 6) of `text`: those that end within the public start stay
    const keep = Math.max(0, Math.min(Math.max(Math.floor((8 * (pad + shown)) / 6) - from, MIN_ENCODED_KEEP), core.length - MIN_ENCODED_TAIL));
    const url = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');
    const slash = (s: string) => s.replace(/\//g, '\\/');
    for (const [f, k] of [[core, keep], [url(core), keep], [slash(core), slash(core.slice(0, keep)).length]] as const) out.set(f, Math.min(out.get(f) ?? k, k));
  }
}

/** A base64 form of a secret (base64Forms): `form`, its first `keep` characters (left where it is
 * replaced), `tail` (the rest, what is searched and replaced: a read or a text holding it is redacted even
 * when its start went out with an earlier one), `head` (the first keep + 1: a read's or a text's end holds
 * back a form's start only from there on), each also as bytes. */
interface EncodedForm {
  form: string;
  keep: number;
  tail: string;
  head: string;
  formBytes: Buffer;
  tailBytes: Buffer;
  headBytes: Buffer;
  /** `headBytes` from `anchor` on: searched instead of the whole head, from a byte rarer in JSON text than
   * its first (`c2stb3I…`, base64 of `sk-or-`, is searched as `2stb3I…`: a `c` is in most JSON names). */
  anchor: number;
  anchorBytes: Buffer;
}

/** How common a byte is in an event stream's JSON (names, ids, English text), roughly: 0 rarest. */
function commonness(b: number): number {
  if (b >= 0x41 && b <= 0x5a) return 'AEIOST'.includes(String.fromCharCode(b)) ? 2 : 0;
  if (b >= 0x32 && b <= 0x39) return 1;
  if (b === 0x30 || b === 0x31) return 3;
  return 4;
}

/** Where in `head` to start its search: the first of its rarest bytes with at least 4 bytes from it on. */
function anchorOf(head: Buffer): number {
  let best = 0;
  for (let i = 1; i + 4 <= head.length; i++) if (commonness(head[i]!) < commonness(head[best]!)) best = i;
  return best;
}

/** A byte string searched from its anchor (anchorOf): `bytes` from `anchor` on, its bytes before compared
 * at each place that is found. */
interface AnchoredNeedle {
  bytes: Buffer;
  anchor: number;
  from: Buffer;
}

function anchored(bytes: Buffer): AnchoredNeedle {
  const anchor = anchorOf(bytes);
  return { bytes, anchor, from: bytes.subarray(anchor) };
}

/** Whether `buf` holds `n.bytes`. */
function holds(buf: Buffer, n: AnchoredNeedle): boolean {
  const o = n.anchor;
  if (o === 0) return buf.indexOf(n.bytes) >= 0;
  for (let a = buf.indexOf(n.from, o); a >= 0; a = buf.indexOf(n.from, a + 1)) if (buf.compare(n.bytes, 0, o, a - o, a) === 0) return true;
  return false;
}

function encodedForm(form: string, keep: number): EncodedForm {
  const tail = form.slice(keep);
  const head = form.slice(0, keep + 1);
  const headBytes = Buffer.from(head);
  const anchor = anchorOf(headBytes);
  return { form, keep, tail, head, formBytes: Buffer.from(form), tailBytes: Buffer.from(tail), headBytes, anchor, anchorBytes: headBytes.subarray(anchor) };
}

/**
 * A secret with latin1 characters (U+0080–U+00FF) goes upstream in a header as one byte each
 * (apiKeyCheck.ts): an upstream that reads those bytes as UTF-8 echoes this text (invalid bytes as
 * U+FFFD; a client's own UTF-8 key, which the daemon read as latin1, comes back as the client wrote it).
 * Null for a secret of ASCII only.
 */
function readAsUtf8(secret: string): string | null {
  if (!/[\u0080-\u00ff]/.test(secret) || /[^\u0000-\u00ff]/.test(secret)) return null;
  return Buffer.from(secret, 'latin1').toString('utf8');
}

/** The header bytes of a latin1 secret when they are not UTF-8 (an upstream echoing them as they came);
 * null when readAsUtf8's text has these very bytes. */
function latin1Bytes(secret: string): Buffer | null {
  const u = readAsUtf8(secret);
  if (u === null) return null;
  const b = Buffer.from(secret, 'latin1');
  return Buffer.from(u).equals(b) ? null : b;
}

/** The secret values in upstream request headers: each credential header's value, and the token after
 * its scheme (`Bearer <token>`) on its own. */
export function headerSecrets(headers: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase()) || typeof value !== 'string') continue;
    out.push(value.trim());
    const m = /^\S+\s+(\S.*)$/.exec(value.trim());
    if (m) out.push(m[1]!.trim());
  }
  return out;
}

/** The body type the redactor wraps: what undici's response body offers and the gateway uses. */
export interface RedactableBody extends AsyncIterable<Buffer> {
  dump(): Promise<void>;
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /**
   * When `read` is the read this body yielded last, as the redaction searched it (nothing replaced or held
   * back), and it holds no escape of a secret's character: that search's hints (Redactor.startsEnding's
   * `scanned`); else -1. The passthrough guard, fed each read before the body is read on, need not search
   * the read for escapes again. A verdict handed on with the read, not a cache: the gateway sends those
   * very bytes, by reference, so bytes changed after the search would reach the client unredacted anyway.
   */
  scanned?(read: Buffer): number;
}

/**
 * One text channel's redaction as it streams (a choice's content, its reasoning, one tool call's
 * arguments): `push` a piece of the text, get it back redacted, less the tail that could start a secret
 * (held until the next piece decides it); `end` releases the held tail. A text without secrets is not held
 * unless a piece ends with a secret's first characters.
 */
export interface TextRedaction {
  push(s: string): string;
  /** The text ended: the held tail, as text, or `[redacted]` for its part past a secret's public start
   * (keyPrefix.ts; `Bearer sk-or-v1-` stays, `Bearer sk-or-v1-0123` ends `Bearer [redacted]`). */
  end(): string;
  /** The held tail, released now as `[redacted]` (it is, with what went before it, `minHold` or more of a
   * secret's first characters, itself part of the secret), and remembered: when the secret's rest comes
   * it is dropped, so the text reads `[redacted]` once, as if nothing had been held; when the rest does
   * not come, `[redacted]` stays where the held characters were (passthrough's bound on what it holds,
   * passthroughGuard.ts). */
  release(): string;
  /** The held tail, not released: what arrived of a stream that broke off is still recorded whole. */
  readonly pending: string;
  /** Something is held or remembered as sent: the next piece must be pushed, whatever it holds. */
  readonly open: boolean;
  /**
   * Marks in `marks` (by byte) the first UTF-8 byte of each character that would go on with what is
   * remembered as sent (a secret's or a base64 form's start, or a start inside it): a next piece that
   * begins with none of them (nor with an escape) leaves no start behind unless its own end is one.
   * False when that cannot be told (a start written with escapes, or something held).
   */
  continuations(marks: Uint8Array): boolean;
}

export class Redactor {
  /** Byte patterns, longest first, so `Bearer <key>` is replaced whole before `<key>` alone. */
  private readonly patterns: Buffer[];
  private readonly strings: string[];
  /** The secrets as given (with() adds to them). */
  private readonly secrets: string[];
  /** Longest pattern, minus one: the most a read's end can hold back (as sent). */
  private readonly maxHold: number;
  /** The most bytes a pattern takes with every character escaped (`\u0073` for `s`). */
  private readonly maxEscaped: number;
  /** The same at the second level (a string inside a string: each byte of `\u0073` escaped again). */
  private readonly maxEscaped2: number;
  /** Some pattern has a `"` or `\`: at the second level it is there without any escape of a key's character. */
  private readonly quotable: boolean;
  /** The ASCII characters in some pattern: an escape of one of them may be part of a secret. */
  private readonly escapable = new Uint8Array(128);
  /** The bytes a pattern starts with: where a secret written with escapes can start, beside a backslash. */
  private readonly firstBytes = new Uint8Array(256);
  /** The search for their escapes (jsonEscapes.ts escapeSearch; null: no secret). */
  private readonly escapeRe: EscapeSearch | null;
  /** The secret forms that contain no other (`<key>`, not `Bearer <key>`). A text redaction replaces only
   * these, so its result does not depend on where the text was cut (`Bearer ` may have gone out already);
   * and when none of them is in a read, no pattern is: a read without a secret (nearly every one) costs one
   * search per secret (`minimal`, the same as bytes). */
  private readonly minimalStrings: string[];
  private readonly minimal: Buffer[];
  /** For each minimal form, how many of its first characters are public (keyPrefix.ts: a text whose end
   * cuts it after more shows `[redacted]` instead), and in bytes. */
  private readonly minimalShown: number[];
  private readonly minimalShownBytes: number[];
  /** The ASCII characters in some minimal form: a text ending in none of them ends in no secret's start. */
  private readonly minimalChars = new Uint8Array(128);
  /** The bytes that occur in some pattern: a read whose last byte is none of them holds nothing back
   * (an SSE read ends in a newline, which no key contains). */
  private readonly patternBytes = new Uint8Array(256);
  /** The base64 forms of the secrets (base64Forms) that contain no other: each one's tail replaced where a
   * read or a text holds it (a byte search each per read); a read's, an event's text's or a text piece's end
   * that is a form's head or more held (README). */
  private readonly encoded: EncodedForm[];
  /** The bytes in some base64 form: a read whose last byte is none of them ends in no form's start. */
  private readonly encodedLast = new Uint8Array(256);
  /** The most characters a base64 form keeps (encodedSent). */
  private readonly maxKeep: number;
  /** The base64 forms by their first byte (startsEnding: a text ending with one or more of a form's first
   * characters, one byte search for each such byte). */
  private readonly encodedFirst: [number, EncodedForm[]][];
  /** The ASCII characters of the base64 forms as a text reads them (a `\/` is `/`): an event that writes one
   * of them as an escape (`\u0063` for `c`, `\/`) is read (startsEnding), its text seen decoded. */
  private readonly encodedChars = new Uint8Array(128);
  /** Some base64 form has a `/`: a `\/` in an event may be part of one. */
  private readonly encodedSlash: boolean;
  /**
   * The base64 forms written without a backslash (standard, URL-safe; a `\/` form is the standard one
   * decoded): what a read or a text that writes some of a form's characters as JSON escapes is matched
   * against, at the first level (`\u0063` for `c` in a text the gateway decoded, `\\u0063` in the bytes:
   * a text that is itself JSON) and, in the bytes, at the second. Such a form is held from its first
   * character (not from its head): escapes of base64 characters are rare (no serializer writes them but
   * one that escapes every character), so holding there costs nothing a stream notices.
   */
  private readonly plainEncoded: EncodedForm[];
  /** The bytes the plain forms start with. */
  private readonly plainFirst = new Uint8Array(256);
  /** For d = 0…3, the values of the first d hex digits of `\u00XX` for each character of a base64 form. */
  private readonly encodedHeads: Set<number>[];
  /** The most bytes a plain form takes with every character escaped once. */
  private readonly maxEncodedEscaped: number;
  /** What the decoded bytes of a read (escapedBytes) or of a text (textEscaped) are searched for: the
   * patterns (the minimal forms) and the plain forms' tails. */
  private readonly escapedPatterns: Buffer[];
  private readonly escapedMinimal: Buffer[];
  /** The escapes of a secret's character a text may end inside (`\u` and d < 4 of its hex digits, at
   * the second level): `escapeHeads[d]`, the values of the first d digits of each UTF-16 unit some pattern
   * has (startsEnding; null: any, some pattern has a backslash). */
  private readonly escapeHeads: Set<number>[] | null;
  /** What literalBytes searches each read for (each minimal form, each base64 form's tail), each from
   * a byte of it rarer in JSON than its first (anchorOf: `sk-or-v1-…` from its first hex digit on). */
  private readonly literalNeedles: AnchoredNeedle[];
  private readonly tailNeedles: AnchoredNeedle[];
  /** What the last escapes() call found (filled anew by each: no allocation per read); its hints are read
   * right after it, before anything else searches. */
  private readonly scan = new EscapeScan();
  /** The minimal forms and the base64 forms by their first byte (literalMayStart), and the longest of them. */
  private readonly formsByFirst: (Buffer[] | undefined)[] = [];
  private readonly maxFormBytes: number;
  /** What the last bytes() call's escape search found in the read it was given (read by body() right after
   * it): how many escapes of a secret's character (escapesOf), and its hints (SCAN_HINT, SCAN_WHOLE). */
  private readEscapes = 0;
  private readHints = 0;
  /** Whether the read the last bytes() call looked at may hold a second-level escape: read by body() right
   * after it (what this read's own pass saw, a cut escape too, whatever was searched after it). */
  private readSecond = false;
  /** What every text stage (textStage) shares, made once: the shortest form (a piece shorter holds none
   * whole), the ASCII characters a tail that may be held ends with (a secret's, and those an escape of one
   * is cut after), and the base64 forms as text. */
  private readonly stageShortest: number;
  private readonly stageChars = new Uint8Array(128);
  private readonly encodedFormStrings: string[];
  /**
   * The ASCII characters any spelling of a form's start can hold: a minimal form's, a base64 form's, and
   * the bytes of its escapes (`\`, `u`, hex digits, `/`). A text stage in its clean state given a piece
   * whose last character is none of them (and is ASCII) holds and remembers nothing: every tail it holds
   * back or remembers is such a spelling, to the text's end.
   */
  private readonly spellingChars = new Uint8Array(128);
  /** The base64 forms' characters (encodedTail: a tail that is a form's start has only these), and the
   * forms by their first character's code (ASCII: a base64 form's characters are). */
  private readonly encodedCharsText = new Uint8Array(128);
  private readonly encodedByFirst: (EncodedForm[] | undefined)[] = [];
  /** The fewest characters a text's end that stringEnd replaces has: a base64 form's head (its kept
   * characters and one), a minimal form past its public start. */
  private readonly endMin: number;

  constructor(secrets: readonly (string | null | undefined)[]) {
    const all = new Map<string, number>();
    const encoded = new Map<string, number>();
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
    for (const s of this.secrets) {
      variants(s, all);
      base64Forms(s, encoded);
      const u = readAsUtf8(s);
      if (u !== null && u !== s) variants(u, all);
    }
    const forms = [...encoded.keys()];
    this.encoded = forms.filter((p) => !forms.some((q) => q !== p && q.length < p.length && p.includes(q))).map((f) => encodedForm(f, encoded.get(f)!));
    for (const f of this.encoded) for (const b of f.formBytes) this.encodedLast[b] = 1;
    this.maxKeep = this.encoded.reduce((m, f) => Math.max(m, f.keep), 0);
    const byFirst = new Map<number, EncodedForm[]>();
    for (const f of this.encoded) byFirst.set(f.formBytes[0]!, [...(byFirst.get(f.formBytes[0]!) ?? []), f]);
    this.encodedFirst = [...byFirst];
    for (const f of this.encoded) for (const b of f.formBytes) if (b !== BACKSLASH && b < 128) this.encodedChars[b] = 1;
    this.encodedSlash = this.encodedChars[0x2f] === 1;
    this.strings = [...all.keys()].sort((a, b) => b.length - a.length);
    this.minimalStrings = this.strings.filter((p, i) => !this.strings.some((q, j) => j !== i && q.length < p.length && p.includes(q)));
    this.minimal = this.minimalStrings.map((s) => Buffer.from(s));
    this.minimalShown = this.minimalStrings.map((s) => all.get(s)!);
    this.minimalShownBytes = this.minimalStrings.map((s) => Buffer.byteLength(s.slice(0, all.get(s))));
    // latin1 header bytes that are no UTF-8: matched as bytes only (a text reads them as U+FFFD, a form above)
    const raw: Buffer[] = [];
    for (const s of [...this.secrets].sort((a, b) => a.length - b.length)) {
      const b = latin1Bytes(s);
      if (b === null || raw.some((r) => r.equals(b))) continue;
      raw.push(b);
      if (this.minimal.some((m) => b.includes(m))) continue;
      this.minimal.push(b);
      this.minimalShownBytes.push(publicLength(s));
    }
    this.patterns = [...this.strings.map((s) => Buffer.from(s)), ...raw].sort((a, b) => b.length - a.length);
    this.maxHold = this.patterns.reduce((m, p) => Math.max(m, p.length - 1), 0);
    for (const p of this.minimalStrings) for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) < 128) this.minimalChars[p.charCodeAt(i)] = 1;
    for (const p of this.patterns) for (const b of p) if (b < 128) this.escapable[b] = 1;
    for (const p of this.patterns) this.firstBytes[p[0]!] = 1;
    // the escapes searched: of a secret's characters and of a base64 form's (a form written with escapes)
    const searched = this.escapable.slice();
    for (let c = 0; c < 128; c++) if (this.encodedChars[c] === 1) searched[c] = 1;
    this.escapeRe = escapeSearch(searched, this.strings);
    this.maxEscaped = this.patterns.reduce((m, p) => Math.max(m, p.length * MAX_ESCAPE_BYTES), 0);
    this.maxEscaped2 = this.maxEscaped * MAX_ESCAPE_BYTES;
    this.quotable = this.patterns.some((p) => p.includes(QUOTE) || p.includes(BACKSLASH));
    for (const p of this.patterns) for (const b of p) this.patternBytes[b] = 1;
    // a read can end inside an escape (`\u00`): its bytes may end a secret's start too
    if (this.patterns.length > 0) for (const b of Buffer.from('\\/u0123456789abcdefABCDEF')) this.patternBytes[b] = 1;
    this.escapeHeads = this.quotable ? null : escapeHeadsOf(searched, this.escapeRe?.wide ?? []);
    this.encodedHeads = escapeHeadsOf(this.encodedChars, []);
    this.plainEncoded = this.encoded.filter((f) => !f.form.includes('\\'));
    for (const f of this.plainEncoded) this.plainFirst[f.formBytes[0]!] = 1;
    this.maxEncodedEscaped = this.plainEncoded.reduce((m, f) => Math.max(m, f.formBytes.length * MAX_ESCAPE_BYTES), 0);
    const plainTails = this.plainEncoded.map((f) => f.tailBytes);
    this.escapedPatterns = [...this.patterns, ...plainTails];
    this.escapedMinimal = [...this.minimal, ...plainTails];
    this.tailNeedles = this.encoded.map((f) => anchored(f.tailBytes));
    this.literalNeedles = [...this.minimal.map(anchored), ...this.tailNeedles];
    for (const f of [...this.minimal, ...this.encoded.map((e) => e.formBytes)]) (this.formsByFirst[f[0]!] ??= []).push(f);
    this.maxFormBytes = Math.max(0, ...this.minimal.map((m) => m.length), ...this.encoded.map((e) => e.formBytes.length));
    this.stageShortest = Math.min(...this.minimalStrings.map((p) => p.length), ...this.encoded.map((f) => f.tail.length));
    this.encodedFormStrings = this.encoded.map((f) => f.form);
    for (const p of this.minimalStrings) for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) < 128) this.stageChars[p.charCodeAt(i)] = 1;
    if (this.escapeRe !== null) for (const c of '\\u0123456789abcdefABCDEF') this.stageChars[c.charCodeAt(0)] = 1;
    for (const f of this.encoded) {
      for (let i = 0; i < f.form.length; i++) this.encodedCharsText[f.form.charCodeAt(i)] = 1;
      (this.encodedByFirst[f.form.charCodeAt(0)] ??= []).push(f);
    }
    this.endMin = Math.max(1, Math.min(...this.encoded.map((f) => f.keep + 1), ...this.minimalShown.map((k) => k + 1)));
    this.spellingChars.set(this.stageChars);
    for (let c = 0; c < 128; c++) if (this.encodedCharsText[c] === 1) this.spellingChars[c] = 1;
    if (this.patterns.length > 0) for (const c of '\\u0123456789abcdefABCDEF/') this.spellingChars[c.charCodeAt(0)] = 1;
  }

  /** `s` with every secret's minimal form replaced (`Bearer <key>` → `Bearer [redacted]`): what the text
   * redactions give, the same wherever the text was cut. */
  private textMinimal(s: string): string {
    let out = s.includes('\\') ? this.textEscaped(s) : s;
    for (const p of this.minimalStrings) if (out.includes(p)) out = out.split(p).join(REDACTED);
    return out;
  }

  /**
   * `s`, a text that holds a backslash, with every secret's minimal form written in it with JSON escapes
   * replaced (`sk-or-v1-caf\u00E9-\u00fc…`: a text that is itself JSON, read once more by the client, or
   * the key's two halves the byte redaction saw in two events): the second level of the bytes, in a text
   * the gateway decoded (content, an artifact's strings).
   */
  private textEscaped(s: string): string {
    if (this.escapeRe === null || !textMayEscape(s, this.escapeRe)) return s;
    const b = Buffer.from(s);
    if (this.escapes(b) === 0) return s;
    const out = this.escapedBytes(b, this.escapedMinimal);
    return out === b ? s : out.toString();
  }

  /** How many characters at the end of `t` are a proper prefix of a minimal form written with JSON escapes
   * (cut inside an escape too): held as heldChars holds one written as sent. */
  private textEscapedHeld(t: string): number {
    const from = Math.max(0, t.length - this.maxEscaped);
    if (this.escapeRe === null || t.indexOf('\\', from) < 0 || !textMayEscape(t, this.escapeRe, from)) return 0;
    const b = Buffer.from(t.slice(from));
    const n = this.escapedHeldLength(b, this.minimal);
    return n === 0 ? 0 : b.subarray(b.length - n).toString().length;
  }

  /** restOfSecret for a minimal form written with escapes: where its rest ends in `t` (after `sent`, its
   * start already sent), or -1. */
  private textEscapedRest(sent: string, t: string): number {
    if (!t.includes('\\') && !sent.includes('\\')) return -1;
    const u = Buffer.from(sent + t);
    const sentBytes = Buffer.byteLength(sent);
    for (let at = 0; at < sentBytes; at++) {
      if (!atCharBoundary(u, at)) continue;
      for (const p of this.minimal) {
        const m = matchEscaped(u, at, p);
        if (m > 0 && at + m > sentBytes) return u.subarray(sentBytes, at + m).toString().length;
      }
    }
    return -1;
  }

  /** Whether `held` (a text's held end) is a minimal form's start written with escapes past its public
   * start: where it starts, else -1. */
  private textEscapedEnd(held: string): number {
    if (!held.includes('\\')) return -1;
    const b = Buffer.from(held);
    for (let at = 0; at < b.length; at++) {
      if (!atCharBoundary(b, at)) continue;
      for (let i = 0; i < this.minimal.length; i++) if (prefixMatched(b, at, this.minimal[i]!) > this.minimalShownBytes[i]!) return b.subarray(0, at).toString().length;
    }
    return -1;
  }

  /**
   * A streaming redaction of one text channel (TextRedaction); null when there is nothing to redact.
   * `minHold`: a tail matching fewer of a secret's first characters is not held but sent, and remembered,
   * so that if the next piece goes on with the secret, its rest is replaced (`sk` + `[redacted]`): at most
   * `minHold - 1` characters of a secret go out (passthrough, which holds whole events, uses 4; 1 holds
   * every possible start). `across`: a base64 form's start is followed across pieces (the piece that brings
   * it to its head, with what went out of it before, is held; a start shorter than that is remembered, and
   * `open`), so a form that comes a few characters a piece is caught; false: only a piece that holds a form's
   * head is.
   */
  textStage(minHold = 1, across = true): TextRedaction | null {
    if (this.empty) return null;
    // (this redactor's own: a stage is made per text channel, three or more a stream)
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const secrets = this.minimalStrings;
    const shown = this.minimalShown;
    const encodedForms = this.encodedFormStrings;
    // a piece shorter than every form (as sent, escaped or base64; no spelling is shorter than the form as
    // sent) holds none whole: nearly every piece of a model's text, a token or a few
    const shortest = this.stageShortest;
    const redact = (t: string) => cutEscapes(t.length < shortest ? t : self.textEncoded(self.textMinimal(t)));
    // the ASCII characters in some secret, and those an escape of one is cut after (a backslash, `u`, a hex
    // digit): a piece ending in none of them (most do) holds nothing back
    const chars = this.stageChars;
    // and with a base64 form's: a piece pushed with nothing held or remembered that ends in none of them
    // (and is ASCII there) leaves nothing held or remembered (spellingChars)
    const spelling = this.spellingChars;
    // Across pushes: `held`, the end of the text that could start a secret, not sent yet; `sent`, the end
    // of what was sent that is a secret's first characters (shorter than minHold, or released), for the
    // piece that may go on with the rest. Together they are a proper prefix of a secret.
    let held = '';
    let sent = '';
    // `sent` went out as `[redacted]` (release): the rest of its secret, when it comes, is dropped, and
    // what is held after it, if the text ends there, too
    let hidden = false;
    // The same for a base64 form (`across`): `encSent`, the end of what was sent that is a form's first
    // characters, no more than it keeps (a model's tokens bring a form a few characters a piece: the piece
    // that reaches its head with them is held); `encKeep`, when `held` is a form's start, how many of its
    // characters the text's end shows (-1: it is none).
    let encSent = '';
    let encKeep = -1;
    return {
      push(s: string): string {
        encKeep = -1;
        let t: string;
        let before = sent;
        const wasHidden = hidden;
        const encBefore = encSent;
        if (held === '' && before === '' && encBefore === '') {
          // nothing held or remembered (nearly every piece; `hidden` is never without `sent`): a piece whose
          // end no spelling of a form's start can end with goes out as it is (redacted), the stage clean
          t = redact(s);
          const end = t.charCodeAt(t.length - 1);
          if (t === '' || (end < 128 && spelling[end] === 0)) return t;
        } else {
          t = held === '' ? s : held + s;
          held = '';
          sent = '';
          hidden = false;
          encSent = '';
          if (before !== '') {
            let rest = restOfSecret(before, t, secrets);
            if (rest < 0) rest = self.textEscapedRest(before, t);
            if (rest < 0) rest = self.encodedRest(before, t);
            if (rest >= 0) {
              t = (wasHidden ? '' : REDACTED) + t.slice(rest);
              before = '';
            }
          }
          t = redact(t);
        }
        if (t === '') {
          sent = before;
          encSent = encBefore;
          hidden = wasHidden && before !== '';
          return t;
        }
        // a base64 form's head or more at the end (with what went out of it before) is held: a shorter
        // start goes, the form's tail is whole after it (encodedTail: its length, and the form's keep)
        const encAll = encBefore === '' ? t : encBefore + t;
        const m = across ? self.encodedTailAny(encAll) : self.encodedHeadTail(encAll);
        const mLength = Math.floor(m / (KEEP_MASK + 1));
        const mKeep = m & KEEP_MASK;
        const b = mLength > mKeep ? Math.min(mLength, t.length) : 0;
        const last = t.charCodeAt(t.length - 1);
        let h = 0;
        let counted = 0;
        let all = t;
        if (b > 0 || last >= 128 || chars[last] === 1) {
          all = before === '' ? t : before + t;
          // a secret's start written with escapes is held whole (never sent in part): as long as it is
          // written, counted as the characters it stands for (a cut `\u00` is at most one)
          // (with what went out of it before: a piece may go on with a start that ended inside an escape)
          const raw = heldChars(all, secrets);
          const e = self.textEscapedHeld(all);
          h = Math.max(raw, e);
          counted = e > raw ? Math.max(raw, escapedLength(all.slice(all.length - e))) : raw;
        }
        // the base64 form's start held (a minimal form's start inside it is held with it), or the secret's
        const minimal = counted >= minHold ? Math.min(h, t.length) : 0;
        const hold = b > minimal ? b : minimal;
        if (mLength > hold) encSent = encAll.slice(encAll.length - mLength, encAll.length - hold);
        if (b > minimal) encKeep = Math.max(0, mKeep - (mLength - b));
        if (hold === 0) {
          if (h === 0) return t;
          // the secret's start goes on from what went out as [redacted]
          hidden = wasHidden && before !== '' && h === all.length;
          sent = all.slice(all.length - h);
          return t;
        }
        if (b <= minimal) {
          hidden = wasHidden && before !== '' && h === all.length;
          sent = all.slice(all.length - h, all.length - hold);
        }
        held = t.slice(t.length - hold);
        return t.slice(0, t.length - hold);
      },
      end(): string {
        // the text ends inside a secret: past its public start, the held characters are secret
        const cut = hidden || held === '' || encKeep >= 0 ? -1 : self.textEscapedEnd(held);
        const t = hidden || held === '' ? '' : encKeep >= 0 ? held.slice(0, encKeep) + REDACTED : cut >= 0 ? held.slice(0, cut) + REDACTED : endShown(sent, held, secrets, shown);
        held = '';
        sent = '';
        hidden = false;
        encSent = '';
        encKeep = -1;
        return t;
      },
      release(): string {
        if (held === '') return '';
        sent += held;
        held = '';
        encSent = '';
        encKeep = -1;
        if (hidden) return '';
        hidden = true;
        return REDACTED;
      },
      get pending(): string {
        return held;
      },
      get open(): boolean {
        return held !== '' || sent !== '' || encSent !== '';
      },
      continuations(marks: Uint8Array): boolean {
        if (held !== '') return false;
        for (const [r, forms] of [[sent, secrets], [encSent, encodedForms]] as const) {
          continuing(r, forms, marks);
          if (!r.includes('\\')) continue;
          // a start written with escapes (the text is itself JSON): cut inside one, what completes it; else
          // what goes on with the characters they stand for
          if (/(^|[^\\])(\\\\)*\\(u[0-9a-fA-F]{0,3})?$/.test(r)) for (const c of 'u0123456789abcdefABCDEF"\\/bfnrt') marks[c.charCodeAt(0)] = 1;
          else continuing(decodeText(r), forms, marks);
        }
        return true;
      },
    };
  }


  /**
   * Whether a JSON string in `bytes` (an SSE event) may end with a secret's first characters: some of
   * them, in one of the forms the bytes are searched for, right before a `"` that no `:` follows (a
   * value, not a key). False means no text in the event could start a secret, so a text redaction in
   * its clean state would give every text back unchanged (a whole secret in it the byte redaction
   * replaced already): passthrough need not read the event.
   */
  mayEndWithStart(bytes: Buffer): boolean {
    return this.startsEnding(bytes).length > 0;
  }

  /** Where in `bytes` such a string end starts (mayEndWithStart), in order: one search of a read that
   * holds many events, each then looked up by its range. `scanned`: what body() found of escapes in these
   * very bytes (RedactableBody.scanned; -1: not known), so they are not searched for escapes again. */
  startsEnding(bytes: Buffer, scanned = -1): readonly number[] {
    let out: number[] | null = null;
    for (const p of this.minimal) {
      for (let at = bytes.indexOf(p[0]!); at >= 0; at = bytes.indexOf(p[0]!, at + 1)) {
        let k = 1;
        while (k < p.length - 1 && bytes[at + k] === p[k]) k++;
        if (valueEnd(bytes, at + k)) (out ??= []).push(at);
      }
    }
    // a text may end with one or more of a base64 form's first characters (across events they add up to
    // its head: the text stage follows the form from there, TextRedaction.open): one byte search for each
    // first byte the forms have
    for (const [first, forms] of this.encodedFirst) {
      for (let at = bytes.indexOf(first); at >= 0; at = bytes.indexOf(first, at + 1)) {
        for (const f of forms) {
          let k = 1;
          while (k < f.form.length - 1 && bytes[at + k] === f.formBytes[k]) k++;
          if (valueEnd(bytes, at + k)) {
            (out ??= []).push(at);
            break;
          }
        }
      }
    }
    // a base64 form's character written as an escape (`\u0063`, `\/` when a form has a `/`): the event is
    // read, its text seen decoded (JSON encoders write none of them so: rare)
    if (this.encoded.length > 0) {
      for (let at = bytes.indexOf(ESCAPE_00); at >= 0; at = bytes.indexOf(ESCAPE_00, at + 4)) {
        const v = (hexDigit(bytes[at + 4]!) << 4) | hexDigit(bytes[at + 5]!);
        if (v >= 0 && v < 128 && this.encodedChars[v] === 1) (out ??= []).push(at);
      }
      if (this.encodedSlash) for (let at = bytes.indexOf(ESCAPED_SLASH); at >= 0; at = bytes.indexOf(ESCAPED_SLASH, at + 2)) (out ??= []).push(at);
    }
    // a text with an escape of a secret's character may end with its start written with escapes: such
    // an event is read (the text redaction sees its decoded text), rare enough to cost nothing
    if (scanned >= 0) {
      this.scan.at.length = 0;
      this.scan.hint = (scanned & SCAN_HINT) !== 0;
      this.scan.wholeHint = (scanned & SCAN_WHOLE) !== 0;
    } else if (this.escapes(bytes) > 0) for (const at of this.scan.at) (out ??= []).push(at);
    // the same at the second level (a text that is itself JSON may end with the start); an escape there cut
    // by its text's end (the search's hint without wholeHint: `\\u00"`) is the search below's, one cut by the
    // read's end is in an event that is not whole in this read
    if (this.scan.wholeHint) for (const at of secondLevelSpots(bytes)) (out ??= []).push(at);
    // a text that ends inside an escape it writes, before its hex digits are there (`\`, `\u`, `\u0`,
    // `\u00`, `\u007` as the text reads: a key's first character escaped, cut by the event's end)
    if (this.escapeRe !== null) {
      for (let at = bytes.indexOf(PAIR); at >= 0; at = bytes.indexOf(PAIR, at + 2)) {
        let k = at + 2;
        let v = 0;
        if (bytes[k] === U) for (k++; k < at + 6 && hexDigit(bytes[k]!) >= 0; k++) v = (v << 4) | hexDigit(bytes[k]!);
        if (!valueEnd(bytes, k)) continue;
        // a lone backslash may begin any escape; `\u` and its d (< 4) digits only one of a character some
        // secret has (`\u00e` none of an ASCII key's)
        const d = k - at - 3;
        if (d < 0 || this.escapeHeads === null || this.escapeHeads[d]!.has(v)) (out ??= []).push(at);
      }
    }
    return out === null ? NO_STARTS : out.length > 1 ? out.sort((a, b) => a - b) : out;
  }



  /**
   * startsEnding for one JSON string of an event, `bytes[open…close]` (`open`, `close`: its quotes, a byte
   * after `close`): whether it may end with a secret's first characters. `plain`: its only escapes are
   * `\"`, `\n`, `\r`, `\t`, `\b`, `\f` (no `\\`, `\/`, `\u`); such a string, when no form of a secret
   * has a quote or a backslash (nor then a control character), can only end with a form's first bytes as
   * they are (an escape of none of a secret's characters starts or ends in it, at either level): a look
   * at its last bytes, no search. Any other is searched as startsEnding searches an event (`scanned` as
   * there).
   */
  stringMayStart(bytes: Buffer, open: number, close: number, plain: boolean, scanned = -1): boolean {
    if (!plain || this.quotable) return this.startsEnding(bytes.subarray(open, close + 2), scanned).length > 0;
    for (let at = close - 1, from = Math.max(open + 1, close - this.maxFormBytes + 1); at >= from; at--) {
      const forms = this.formsByFirst[bytes[at]!];
      if (forms === undefined) continue;
      const k = close - at;
      for (const f of forms) {
        if (k >= f.length) continue;
        let j = 1;
        while (j < k && bytes[at + j] === f[j]) j++;
        if (j === k) return true;
      }
    }
    return false;
  }

  /** This redactor's secrets and `more` (a request's own credential headers). */
  with(more: readonly string[]): Redactor {
    return more.length === 0 ? this : new Redactor([...this.secrets, ...more]);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** `s`, a message that may quote a value cut short (each cut marked CUT_MARK, `shortened`), with every
   * secret replaced, one cut there too: the text before each mark is read as a text that ends there, so a
   * secret's start before it, past its public characters, is `[redacted]` (`got "Bearer sk-or-v1-f00d…"`
   * → `got "Bearer [redacted]…"`). text() would leave such a start: it is no secret whole. */
  message(s: string): string {
    if (!s.includes(CUT_MARK) || this.empty) return this.text(s);
    const parts = s.split(CUT_MARK);
    for (let i = 0; i < parts.length - 1; i++) {
      const stage = this.textStage()!;
      parts[i] = stage.push(parts[i]!) + stage.end();
    }
    parts[parts.length - 1] = this.text(parts[parts.length - 1]!);
    return parts.join(CUT_MARK);
  }

  /** `s` with every secret replaced. */
  text(s: string): string {
    let out = s;
    for (const p of this.strings) if (out.includes(p)) out = out.split(p).join(REDACTED);
    return this.textEncoded(out.includes('\\') ? this.textEscaped(out) : out);
  }

  /** `s` with every base64 form of a secret replaced (its tail: the first characters, public, stay). */
  private textEncoded(s: string): string {
    let out = s;
    for (const f of this.encoded) if (out.includes(f.tail)) out = out.split(f.tail).join(REDACTED);
    return out;
  }

  /** `buf` with every base64 form's tail replaced: an event the passthrough guard joined from two reads
   * (body() holds a form's head at a read's end, not the middle of a tail whose start went out before). */
  encodedIn(buf: Buffer): Buffer {
    let found = false;
    for (const n of this.tailNeedles) if (holds(buf, n)) found = true;
    return found ? this.replaceAll(buf, this.encoded.map((f) => f.tailBytes)) : buf;
  }

  /** The longest tail of `t` that is a proper prefix of a base64 form (any length): its length shifted by
   * KEEP_BITS, and that form's keep below (a number, not an object: it runs for every piece of a text). */
  private encodedTail(t: string): number {
    const n = t.length;
    // such a tail has only the forms' characters: it starts within the run of them that ends the text
    // (a word at most, mostly), the earliest start the longest; at one start, the first form (as listed)
    let r = n;
    while (r > 0 && r > n - this.maxFormBytes) {
      const c = t.charCodeAt(r - 1);
      if (c >= 128 || this.encodedCharsText[c] === 0) break;
      r--;
    }
    for (let at = r; at < n; at++) {
      const forms = this.encodedByFirst[t.charCodeAt(at)];
      if (forms === undefined) continue;
      for (const f of forms) {
        const p = f.form;
        if (n - at >= p.length) continue;
        let k = 1;
        while (at + k < n && t.charCodeAt(at + k) === p.charCodeAt(k)) k++;
        if (at + k === n) return (n - at) * (KEEP_MASK + 1) + f.keep;
      }
    }
    return 0;
  }

  /** encodedTail, and of a form written with escapes (`\u0063` in a text that is itself JSON: the second
   * level of the bytes), counted in the text's characters: its length, and the characters that spell its
   * kept ones (all of it when it spells no more; an escape the text's end cuts after them counts as the
   * next character, so the start is held). */
  private encodedTailAny(t: string): number {
    const raw = this.encodedTail(t);
    const n = t.length;
    const from = Math.max(0, n - this.maxEncodedEscaped);
    if (this.plainEncoded.length === 0 || t.indexOf('\\', from) < 0 || !this.mayEscapeEncoded(t, from)) return raw;
    const b = Buffer.from(t.slice(from));
    const last = b.lastIndexOf(BACKSLASH);
    for (let at = 0; at <= last; at++) {
      const c = b[at]!;
      if (c !== BACKSLASH && this.plainFirst[c] === 0) continue;
      if (!atCharBoundary(b, at)) continue;
      let best = -1;
      for (const f of this.plainEncoded) {
        const j = prefixMatched(b, at, f.formBytes);
        if (j < 0) continue;
        const keep = spelledPast(b, at, f.formBytes, f.keep) ? matchEscaped(b, at, f.formBytes.subarray(0, f.keep)) : b.length - at;
        if (best < 0 || keep < best) best = keep;
      }
      if (best < 0) continue;
      // what a form's start spells is ASCII: its bytes are the text's characters
      const length = b.length - at;
      if (length <= Math.floor(raw / (KEEP_MASK + 1))) return raw;
      return length * (KEEP_MASK + 1) + best;
    }
    return raw;
  }

  /** encodedTail of a tail that is a form's head or more (a text stage that sees only some pieces:
   * passthrough's, which reads only the events that may end with a start). */
  private encodedHeadTail(t: string): number {
    const n = this.encodedHeldChars(t);
    return n === 0 ? 0 : n * (KEEP_MASK + 1) + this.encodedKeepOf(t.slice(t.length - n));
  }

  /** The characters a base64 form that `start` begins keeps shown (encodedKeep of text): the fewest of the
   * forms it begins, at most its length. */
  private encodedKeepOf(start: string): number {
    let keep = start.length;
    for (const f of this.encoded) if (f.form.startsWith(start)) keep = Math.min(keep, f.keep);
    return keep;
  }

  /** How many characters at the end of `t` are a proper prefix of a base64 form, its head or more. */
  private encodedHeldChars(t: string): number {
    const n = t.length;
    let hold = 0;
    for (const f of this.encoded) {
      const p = f.form;
      for (let at = t.indexOf(f.head, Math.max(0, n - p.length + 1)); at >= 0 && n - at > hold; at = t.indexOf(f.head, at + 1)) {
        if (p.startsWith(t.slice(at))) {
          hold = n - at;
          break;
        }
      }
    }
    return hold;
  }

  /** `held`, a text's held end, as the text's end shows it when it is a base64 form's head or more: the
   * form's first characters, then `[redacted]`; null when it is none. */
  private encodedEnd(held: string): string | null {
    const n = this.encodedHeldChars(held);
    if (n === 0) return null;
    const at = held.length - n;
    return held.slice(0, at + this.encodedKeepOf(held.slice(at))) + REDACTED;
  }

  /** restOfSecret for a base64 form whose start went out as `[redacted]` (release): where its rest ends in `t`. */
  private encodedRest(sent: string, t: string): number {
    for (const f of this.encoded) {
      for (let at = Math.max(0, sent.length - f.form.length + 1); at < sent.length; at++) {
        if (f.form.startsWith(sent.slice(at)) && t.startsWith(f.form.slice(sent.length - at))) return f.form.length - (sent.length - at);
      }
    }
    return -1;
  }

  /**
   * `v` (JSON-like: objects, arrays, strings, numbers) with every string in it redacted, at any depth: an
   * artifact, an event. Text the gateway assembled from several upstream events (a content delta ending
   * inside the key, the next one starting with its rest) was never contiguous in the bytes body() saw.
   * Returns `v` itself when nothing in it held a secret; else copies only the objects on the way to a change.
   */
  deep<T>(v: T): T {
    return this.empty ? v : (this.deepValue(v) as T);
  }

  private deepValue(v: unknown): unknown {
    if (typeof v === 'string') return v.length <= SHOWN_OF_ANY_SECRET ? v : this.whole(v);
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = this.deepValue(v[i]);
        if (x !== v[i]) (out ??= v.slice())[i] = x;
      }
      return out ?? v;
    }
    let out: Record<string, unknown> | null = null;
    const o = v as Record<string, unknown>;
    let renamed = false;
    for (const k in o) {
      const x = this.deepValue(o[k]);
      if (x !== o[k]) (out ??= { ...o })[k] = x;
      // a property's name too (a tool's parameter or a schema's property named with a key, kept in an
      // artifact's request body): before, only values were redacted
      if (k.length > SHOWN_OF_ANY_SECRET && this.whole(k) !== k) renamed = true;
    }
    if (!renamed) return out ?? v;
    // rebuilt in order, each name redacted (fromEntries defines each: a `__proto__` name stays a property)
    const from = out ?? o;
    return Object.fromEntries(Object.keys(from).map((k) => [k.length > SHOWN_OF_ANY_SECRET ? this.whole(k) : k, from[k]]));
  }

  /** `s`, a whole text (an error's message), redacted as a text channel's end is (stringEnd). */
  textEnd(s: string): string {
    return this.empty || s.length <= SHOWN_OF_ANY_SECRET ? s : this.whole(s);
  }

  /** `s`, a whole text, redacted: each secret's form in it replaced (none in a text shorter than every
   * form), then its end (stringEnd) unless it ends in fewer than `endMin` characters that may spell a form
   * (spellingChars; a short word: an artifact's repair messages and kinds, most texts). */
  private whole(s: string): string {
    const t = s.length < this.stageShortest ? s : this.textEncoded(this.textMinimal(s));
    const n = t.length;
    let k = 0;
    while (k < n && k < this.endMin) {
      const c = t.charCodeAt(n - 1 - k);
      if (c < 128 && this.spellingChars[c] === 0) break;
      k++;
    }
    return k < this.endMin ? t : this.stringEnd(t);
  }

  /** `s`, a whole text, with a secret's start that ends it past the secret's public start (keyPrefix.ts)
   * replaced by `[redacted]` (`Bearer sk-or-v1-0123` → `Bearer [redacted]`). */
  private stringEnd(s: string): string {
    const last = s.charCodeAt(s.length - 1);
    const b = last < 128 && this.encodedLast[last] === 1 ? this.encodedEnd(s) : null;
    if (b !== null) return b;
    const from = Math.max(0, s.length - this.maxEncodedEscaped);
    if (this.plainEncoded.length > 0 && s.indexOf('\\', from) >= 0 && this.mayEscapeEncoded(s, from)) {
      // a base64 form written with escapes, past its kept characters (its end is ASCII: characters are bytes)
      const u = Buffer.from(s.slice(from));
      const cut = this.escapedFormEnd(u);
      if (cut >= 0) return s.slice(0, s.length - (u.length - cut)) + REDACTED;
    }
    // a minimal form's start written with escapes (a text that is itself JSON: `x \u0073k-or-v1-1d`), as a
    // text stage's end cuts it (its held end: the longest start, as sent or escaped)
    const e = this.textEscapedHeld(s);
    if (e > 0) {
      const h = Math.max(e, heldChars(s, this.minimalStrings));
      const cut = this.textEscapedEnd(s.slice(s.length - h));
      if (cut >= 0) return s.slice(0, s.length - h + cut) + REDACTED;
    }
    if (last < 128 && this.minimalChars[last] === 0) return s;
    const n = secretTail(s, this.minimalStrings, this.minimalShown);
    return n === 0 ? s : s.slice(0, s.length - n) + REDACTED;
  }

  /**
   * `buf`, JSON text (a body that is not an event stream, an error event's data), with every string in it
   * that ends inside a secret past its public start (keyPrefix.ts) ending in `[redacted]` instead: a
   * string's end is its text's end (an error message, a non-streaming answer), as a stream's end is. The
   * secret's start may be written with escapes.
   */
  valueEnds(buf: Buffer): Buffer {
    if (this.empty) return buf;
    const dec = this.escapes(buf) > 0 ? decodeEscapes(buf) : null;
    const b = dec?.bytes ?? buf;
    const ranges: [number, number][] = [];
    for (let q = b.indexOf(QUOTE); q >= 0; q = b.indexOf(QUOTE, q + 1)) {
      if (q === 0) continue;
      // a base64 form's head or more: from past its kept characters
      const n = this.encodedLast[b[q - 1]!] === 1 ? this.encodedHeld(b.subarray(0, q)) : 0;
      if (n > 0) {
        const from = q - n + this.encodedKeep(b.subarray(q - n, q));
        ranges.push(dec === null ? [from, q] : [dec.offsets[from]!, dec.offsets[q]!]);
        continue;
      }
      if (this.patternBytes[b[q - 1]!] === 0) continue;
      const from = this.tailStart(b, q);
      if (from >= 0) ranges.push(dec === null ? [from, q] : [dec.offsets[from]!, dec.offsets[q]!]);
    }
    return ranges.length === 0 ? buf : replaceRanges(buf, ranges);
  }

  /** valueEnds of a string. */
  jsonText(s: string): string {
    if (this.empty) return s;
    const b = Buffer.from(s);
    const out = this.valueEnds(b);
    return out === b ? s : out.toString();
  }

  /** Where the earliest secret start (a minimal form) that ends at `b[q]` past its public start begins, or -1. */
  private tailStart(b: Buffer, q: number): number {
    let best = -1;
    for (let i = 0; i < this.minimal.length; i++) {
      const p = this.minimal[i]!;
      const last = q - 1 - this.minimalShownBytes[i]!;
      for (let at = last >= 0 ? b.lastIndexOf(p[0]!, last) : -1; at >= 0 && q - at < p.length; at = at > 0 ? b.lastIndexOf(p[0]!, at - 1) : -1) {
        if ((best < 0 || at < best) && b.compare(p, 0, q - at, at, q) === 0) best = at;
      }
    }
    return best;
  }

  /** The bytes a body held at its end (a proper prefix of a secret's form, heldLength), as they go out:
   * past a minimal form's public start, from that form's start on, `[redacted]` (`Bearer [redacted]`, as
   * the text redactions end). */
  private heldEnd(held: Buffer, sent: Buffer | null = null): Buffer {
    const cut = (at: number) => Buffer.concat([held.subarray(0, at), REDACTED_BYTES]);
    // a base64 form whose start went out before (body(): `sent`), held since: the rest of its kept
    // characters, then [redacted]
    if (sent !== null) {
      const s = sent.toString('latin1') + held.toString('latin1');
      const n = this.encodedHeldChars(s);
      const at = s.length - n;
      if (n > 0 && at < sent.length) {
        const to = at + this.encodedKeepOf(s.slice(at));
        return to >= sent.length ? Buffer.from(s.slice(sent.length, to) + REDACTED, 'latin1') : REDACTED_BYTES;
      }
    }
    // a base64 form's head or more (its bytes are ASCII): its first characters stay
    const b = this.encodedEnd(held.toString('latin1'));
    if (b !== null) return Buffer.from(b, 'latin1');
    // one written with escapes (at either level), from its start past its kept characters (a start that
    // went out, `sent`, is no more than them: the rest is cut from `held`)
    if (this.plainEncoded.length > 0 && held.includes(BACKSLASH)) {
      const all = sent === null ? held : Buffer.concat([sent, held]);
      const at = this.escapedFormEnd(all);
      const from = all.length - held.length;
      if (at >= 0) return at > from ? Buffer.concat([held.subarray(0, at - from), REDACTED_BYTES]) : REDACTED_BYTES;
    }
    // the second level too (secondLevelBytes), from an earlier start when it has one
    const t = this.escapeRe === null ? null : this.secondLevelTail(held);
    let second = -1;
    if (t !== null) {
      for (let at = 0; at < t.bytes.length && second < 0; at++) {
        if (!atCharBoundary(t.bytes, at)) continue;
        for (let i = 0; i < this.minimal.length; i++) {
          if (prefixMatched(t.bytes, at, this.minimal[i]!) > this.minimalShownBytes[i]!) {
            second = t.from + t.offsets[at]!;
            break;
          }
        }
      }
    }
    for (let at = 0; at < held.length && (second < 0 || at < second); at++) {
      if (!atCharBoundary(held, at)) continue;
      for (let i = 0; i < this.minimal.length; i++) {
        if (prefixMatched(held, at, this.minimal[i]!) > this.minimalShownBytes[i]!) return cut(at);
      }
    }
    return second >= 0 ? cut(second) : held;
  }

  /** Header values redacted (an upstream echoing the request's headers into its response headers). */
  headers<T extends Record<string, string | string[] | undefined>>(h: T): T {
    if (this.empty) return h;
    const out: Record<string, string | string[] | undefined> = {};
    for (const [k, v] of Object.entries(h)) out[k] = typeof v === 'string' ? this.text(v) : Array.isArray(v) ? v.map((x) => this.text(x)) : v;
    return out as T;
  }

  /** `buf` with every secret replaced (the same Buffer when none is in it), also one written with JSON
   * escapes of its ASCII characters (the whole escaped run replaced). */
  bytes(buf: Buffer): Buffer {
    // the second level first (a key inside a string that is itself JSON), then escapes: `B\u0065arer <key>`
    // goes whole, as `Bearer <key>` does
    const first = this.escapes(buf);
    this.readEscapes = first;
    this.readHints = (this.scan.hint ? SCAN_HINT : 0) | (this.scan.wholeHint ? SCAN_WHOLE : 0);
    const quoted = this.escapeRe !== null && this.quotable && maySecondLevel(buf, this.escapeRe, true);
    // for the hold (body()): what this read's own pass saw (a cut escape too), whatever is searched after it
    this.readSecond = this.escapeRe !== null && (this.scan.hint || quoted);
    // decoded twice only where a whole second-level escape may be (a cut one cannot make a key in this read)
    const b = this.escapeRe !== null && (this.scan.wholeHint || quoted) ? this.secondLevelBytes(buf) : buf;
    return this.literalBytes((b === buf ? first : this.escapes(b)) > 0 ? this.escapedBytes(b) : b);
  }

  /**
   * `buf` with every secret written inside a JSON string that is itself the text of a JSON string
   * (OpenRouter's `error.metadata.raw`: `caf\\u00E9` in the bytes, `caf\u00E9` in the first string, `café`
   * in the second) replaced, each character spelled in any way at both levels (raw, `\uXXXX` in either hex
   * case, the inner backslash as `\\` or `\u005c`): the patterns are searched in the bytes decoded twice
   * (decodeString, then decodeEscapes), each match replaced in `buf` by its range there.
   */
  private secondLevelBytes(buf: Buffer): Buffer {
    const outer = decodeString(buf);
    if (!this.quotable && this.escapes(outer.bytes) === 0) return buf;
    const inner = decodeEscapes(outer.bytes);
    const ranges: [number, number][] = [];
    for (const p of this.escapedPatterns) {
      for (let at = inner.bytes.indexOf(p); at >= 0; at = inner.bytes.indexOf(p, at + p.length)) {
        const from = outer.offsets[inner.offsets[at]!]!;
        const to = outer.offsets[inner.offsets[at + p.length]!]!;
        if (!ranges.some(([a, b]) => from < b && a < to)) ranges.push([from, to]);
      }
    }
    return ranges.length === 0 ? buf : replaceRanges(buf, ranges);
  }

  /** How many escapes of a character some secret has `buf` holds (jsonEscapes.ts escapesOf): where, and
   * the second-level hints, in `scan` until the next call. */
  private escapes(buf: Buffer): number {
    if (this.escapeRe === null) {
      this.scan.at.length = 0;
      this.scan.hint = this.scan.wholeHint = false;
      return 0;
    }
    return escapesOf(buf, this.escapeRe, this.scan).at.length;
  }

  /** `buf` with every secret as sent replaced. */
  private literalBytes(buf: Buffer): Buffer {
    let found = false;
    for (const n of this.literalNeedles) if (holds(buf, n)) found = true;
    return found ? this.replaceAll(buf, [...this.patterns, ...this.encoded.map((f) => f.tailBytes)]) : buf;
  }

  /** `buf` with every one of `patterns` (in order) replaced. */
  private replaceAll(buf: Buffer, patterns: readonly Buffer[]): Buffer {
    let out = buf;
    for (const p of patterns) {
      let at = out.indexOf(p);
      if (at < 0) continue;
      const parts: Buffer[] = [];
      let from = 0;
      while (at >= 0) {
        // a match that begins inside an escape (`\u0030b2tl…`: a base64 tail from the escape's last digit
        // on, which the text reads as `0b2tl…`) is replaced from the escape's backslash: a cut escape is no JSON
        parts.push(out.subarray(from, Math.max(from, escapeAround(out, at))), REDACTED_BYTES);
        from = at + p.length;
        at = out.indexOf(p, from);
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
    }
    return out;
  }

  /** `buf` with every secret written with escapes replaced: the patterns are searched in its decoded
   * bytes (longest first, so `Bearer <key>` goes whole), each match replaced in `buf` by its range. */
  private escapedBytes(buf: Buffer, patterns: readonly Buffer[] = this.escapedPatterns): Buffer {
    const { bytes: decoded, offsets } = decodeEscapes(buf);
    const ranges: [number, number][] = [];
    for (const p of patterns) {
      for (let at = decoded.indexOf(p); at >= 0; at = decoded.indexOf(p, at + p.length)) {
        const from = offsets[at]!;
        const to = offsets[at + p.length]!;
        if (!ranges.some(([a, b]) => from < b && a < to)) ranges.push([from, to]);
      }
    }
    return ranges.length === 0 ? buf : replaceRanges(buf, ranges);
  }

  /** How many bytes at the end of `buf` are a proper prefix of some pattern (to hold for the next read). */
  private heldLength(buf: Buffer, second = true): number {
    let hold = 0;
    const n = buf.length;
    if (this.patternBytes[buf[n - 1]!] === 0) return 0;
    for (const p of this.patterns) {
      const first = p[0]!;
      // candidate starts: the last bytes equal to the pattern's first byte, within reach of its length
      for (let at = buf.lastIndexOf(first, n - 1); at >= 0 && n - at < p.length; at = at > 0 ? buf.lastIndexOf(first, at - 1) : -1) {
        const len = n - at;
        if (len > hold && buf.compare(p, 0, len, at, n) === 0) hold = len;
      }
    }
    return Math.max(hold, this.escapedHeldLength(buf), second || endsInsideEscape(buf) ? this.secondLevelHeldLength(buf) : 0);
  }

  /** The bytes at the end of `buf` as the second level reads them (decodeString): from a character's
   * start at most `maxEscaped2` back, up to an escape `buf` ends inside (null when no second-level escape
   * can be there); `from` is where the decoded bytes start in `buf`. */
  private secondLevelTail(buf: Buffer, span = this.maxEscaped2): { from: number; bytes: Buffer; offsets: Int32Array } | null {
    const n = buf.length;
    let from = Math.max(0, n - span);
    const open = openEscapeAt(buf);
    const tail = buf.subarray(from);
    if (open === n && !maySecondLevel(tail, this.escapeRe!, this.quotable) && !hasEscapedBackslash(tail)) return null;
    while (from > 0 && !atCharBoundary(buf, from)) from--;
    return { from, ...decodeString(buf.subarray(from, open)) };
  }

  /** How many bytes at the end of `buf` are a proper prefix of some pattern written at the second level
   * (secondLevelBytes), cut anywhere, also inside an escape at either level. */
  private secondLevelHeldLength(buf: Buffer): number {
    if (this.escapeRe === null) return 0;
    const t = this.secondLevelTail(buf);
    if (t === null) return 0;
    const { bytes } = t;
    // the earliest start is the longest hold
    for (let at = 0; at < bytes.length; at++) {
      const b = bytes[at]!;
      if (b !== BACKSLASH && this.firstBytes[b] === 0) continue;
      if (!atCharBoundary(bytes, at)) continue;
      for (const p of this.patterns) {
        if (bytes.length - at < p.length * MAX_ESCAPE_BYTES && matchEscaped(bytes, at, p) === PARTIAL) return buf.length - (t.from + t.offsets[at]!);
      }
    }
    return 0;
  }

  /** How many of its first characters `start`, a base64 form's head or more, keeps (the least of the forms it starts). */
  private encodedKeep(start: Buffer): number {
    let keep = start.length;
    for (const f of this.encoded) if (f.formBytes.length > start.length && f.formBytes.compare(start, 0, start.length, 0, start.length) === 0) keep = Math.min(keep, f.keep);
    return keep;
  }

  /** How many bytes at the end of `buf` are a proper prefix of a base64 form of a secret, its head or more
   * (`any`: of any length; a read ending in a byte no form has, as an event stream's does, costs one look). */
  private encodedHeld(buf: Buffer, any = false): number {
    const n = buf.length;
    if (n === 0 || this.encodedLast[buf[n - 1]!] === 0) return 0;
    let hold = 0;
    for (const f of this.encoded) {
      const p = f.formBytes;
      if (any) {
        // any start of it (a JSON body: a string's end shows the form's kept characters, so the whole of
        // it must reach valueEnds)
        for (let at = buf.lastIndexOf(p[0]!, n - 1); at >= 0 && n - at < p.length; at = at > 0 ? buf.lastIndexOf(p[0]!, at - 1) : -1) {
          if (n - at > hold && buf.compare(p, 0, n - at, at, n) === 0) hold = n - at;
        }
        continue;
      }
      for (let at = buf.indexOf(f.headBytes, Math.max(0, n - p.length + 1)); at >= 0 && n - at > hold; at = buf.indexOf(f.headBytes, at + 1)) {
        if (buf.compare(p, 0, n - at, at, n) === 0) {
          hold = n - at;
          break;
        }
      }
    }
    return hold;
  }

  /** Whether `buf` (a read, redacted) goes on with a base64 form that `sent` (what went out before it,
   * encodedSent) starts, and ends inside it past its kept characters: the whole read is held (body()). */
  private encodedContinues(sent: Buffer, buf: Buffer): boolean {
    const j = sent.length;
    const n = j + buf.length;
    for (const f of this.encoded) {
      const p = f.formBytes;
      if (n > f.keep && n < p.length && p.compare(sent, 0, j, 0, j) === 0 && p.compare(buf, 0, buf.length, j, n) === 0) return true;
    }
    // the rest written with escapes, at the first level or the second (`sent` is as sent: a start written
    // with escapes is held, never sent)
    if (this.plainEncoded.length === 0 || buf.indexOf(BACKSLASH) < 0) return false;
    let second: Buffer | null = null;
    for (const f of this.plainEncoded) {
      const p = f.formBytes;
      if (j >= p.length || p.compare(sent, 0, j, 0, j) !== 0) continue;
      const rest = p.subarray(j);
      if (spelledPast(buf, 0, rest, f.keep - j)) return true;
      second ??= decodeString(buf).bytes;
      if (spelledPast(second, 0, rest, f.keep - j)) return true;
    }
    return false;
  }

  /** Whether `t[from…]` may write a base64 form's character as an escape: `\u` and the hex of one, or cut
   * by the text's end after digits that may begin one (`\u00`, not `\u00e`), `\/` when a form has a `/`,
   * a backslash at its end. Text full of escapes of other characters (`\u00e9`) costs no Buffer. */
  private mayEscapeEncoded(t: string, from: number): boolean {
    const n = t.length;
    if (t.charCodeAt(n - 1) === 0x5c) return true;
    for (let at = t.indexOf('\\u', from); at >= 0; at = t.indexOf('\\u', at + 2)) {
      let v = 0;
      let k = at + 2;
      for (; k < at + 6 && k < n; k++) {
        const d = hexDigit(t.charCodeAt(k));
        if (d < 0) break;
        v = (v << 4) | d;
      }
      if (k === at + 6) {
        if (v < 128 && this.encodedChars[v] === 1) return true;
      } else if (k === n && this.encodedHeads[k - at - 2]!.has(v)) return true;
    }
    return this.encodedSlash && t.includes('\\/', from);
  }

  /** encodedHeld for a base64 form written with escapes (plainEncoded): how many bytes at the end of `buf`
   * are a proper prefix of one whose spelling has an escape at the first level or (`second`: the read may
   * hold a second-level escape) at the second, from its first character. */
  private encodedEscapedHeld(buf: Buffer, second: boolean): number {
    const n = buf.length;
    if (this.plainEncoded.length === 0 || n === 0) return 0;
    const last = buf[n - 1]!;
    // (an escape cut by the read's end ends in `\\`, `u` or a hex digit)
    if (this.encodedLast[last] === 0 && last !== BACKSLASH && last !== U && hexDigit(last) < 0) return 0;
    const from = Math.max(0, n - this.maxEncodedEscaped);
    const bs = buf.lastIndexOf(BACKSLASH, n - 1);
    if (bs < from) return 0;
    let hold = 0;
    const at = this.escapedFormStart(buf, from, bs);
    if (at >= 0) hold = n - at;
    if (second || endsInsideEscape(buf)) {
      const t = this.secondLevelTail(buf, this.maxEncodedEscaped * MAX_ESCAPE_BYTES);
      const lb = t === null ? -1 : t.bytes.lastIndexOf(BACKSLASH);
      const at2 = lb < 0 ? -1 : this.escapedFormStart(t!.bytes, 0, lb);
      if (at2 >= 0) hold = Math.max(hold, n - (t!.from + t!.offsets[at2]!));
    }
    return hold;
  }

  /** The earliest place in `b[from, to]` where a plain base64 form starts that `b` ends inside of (spelled
   * with or without escapes, cut inside one too), or -1. */
  private escapedFormStart(b: Buffer, from: number, to: number): number {
    for (let at = from; at <= to; at++) {
      const c = b[at]!;
      if (c !== BACKSLASH && this.plainFirst[c] === 0) continue;
      if (!atCharBoundary(b, at)) continue;
      for (const f of this.plainEncoded) if (prefixMatched(b, at, f.formBytes) >= 0) return at;
    }
    return -1;
  }

  /** Where `[redacted]` goes in `b`, a text's or a body's end that is a plain base64 form's start written
   * with escapes past its kept characters (at the first level, else the second): right after them; -1 when
   * it ends inside none. */
  private escapedFormEnd(b: Buffer): number {
    const n = b.length;
    const from = Math.max(0, n - this.maxEncodedEscaped);
    for (let at = from; at < n; at++) {
      const c = b[at]!;
      if (c !== BACKSLASH && this.plainFirst[c] === 0) continue;
      if (!atCharBoundary(b, at)) continue;
      for (const f of this.plainEncoded) if (spelledPast(b, at, f.formBytes, f.keep)) return at + matchEscaped(b, at, f.formBytes.subarray(0, f.keep));
    }
    if (!b.includes(PAIR) && !hasEscapedBackslash(b)) return -1;
    let start = Math.max(0, n - this.maxEncodedEscaped * MAX_ESCAPE_BYTES);
    while (start > 0 && !atCharBoundary(b, start)) start--;
    const t = decodeString(b.subarray(start));
    for (let at = 0; at < t.bytes.length; at++) {
      const c = t.bytes[at]!;
      if (c !== BACKSLASH && this.plainFirst[c] === 0) continue;
      if (!atCharBoundary(t.bytes, at)) continue;
      for (const f of this.plainEncoded) {
        if (!spelledPast(t.bytes, at, f.formBytes, f.keep)) continue;
        return start + t.offsets[at + matchEscaped(t.bytes, at, f.formBytes.subarray(0, f.keep))]!;
      }
    }
    return -1;
  }

  /** The bytes at the end of what went out (`prev`, what went out before, then `buf[0, n)`) that are a
   * base64 form's start no longer than its kept characters (shorter than its head: not held), or null. */
  private encodedSent(prev: Buffer | null, buf: Buffer, n: number): Buffer | null {
    if (n === 0) return prev;
    if (this.encodedLast[buf[n - 1]!] === 0) return null;
    const tail = prev === null || n >= this.maxKeep ? buf.subarray(Math.max(0, n - this.maxKeep), n) : Buffer.concat([prev, buf.subarray(0, n)]);
    let best = 0;
    for (const f of this.encoded) {
      const p = f.formBytes;
      for (let len = Math.min(f.keep, tail.length); len > best; len--) {
        if (p.compare(tail, tail.length - len, tail.length, 0, len) === 0) {
          best = len;
          break;
        }
      }
    }
    return best === 0 ? null : Buffer.from(tail.subarray(tail.length - best));
  }

  /** How many bytes at the end of `buf` are a proper prefix of some pattern written with escapes (cut
   * inside an escape too). Only a tail with a backslash can be: one search of the tail decides most reads. */
  private escapedHeldLength(buf: Buffer, patterns: readonly Buffer[] = this.patterns): number {
    const n = buf.length;
    const from = Math.max(0, n - this.maxEscaped);
    if (buf.lastIndexOf(BACKSLASH, n - 1) < from) return 0;
    // the earliest start is the longest hold
    for (let at = from; at < n; at++) {
      const b = buf[at]!;
      if (b !== BACKSLASH && this.firstBytes[b] === 0) continue;
      for (const p of patterns) {
        if (n - at < p.length * MAX_ESCAPE_BYTES && matchEscaped(buf, at, p) === PARTIAL && atCharBoundary(buf, at)) return n - at;
      }
    }
    return 0;
  }

  /**
   * The body, redacted read by read. A read ending in the first bytes of a secret keeps them until the
   * next read; the end of the body releases them, as `[redacted]` from the secret's start on when they are
   * more than its public start (keyPrefix.ts: `Bearer sk-or-v1-` goes as itself, `…-0` does not). If the
   * body fails, the held bytes are dropped with it (they may be most of a secret). `json`: the body is JSON
   * (not an event stream): each string's end is its text's end (valueEnds). `dump()` discards the rest,
   * as undici's does.
   */
  body(src: RedactableBody, json = false): RedactableBody {
    if (this.empty) return src;
    const self = this;
    // the read yielded last when its escape search can be handed on (scanned), and that search's hints
    let scannedRead: Buffer | null = null;
    let scannedHints = 0;
    const body: RedactableBody = {
      dump: () => src.dump(),
      scanned: (read) => (read === scannedRead ? scannedHints : -1),
      async text() {
        const parts: Buffer[] = [];
        for await (const b of body) parts.push(b);
        return Buffer.concat(parts).toString('utf8');
      },
      // An iterator rather than an async generator: a generator's yield costs a promise more per read,
      // and this runs for every upstream read.
      [Symbol.asyncIterator](): AsyncIterator<Buffer> {
        const it = src[Symbol.asyncIterator]();
        let held: Buffer | null = null;
        // The last bytes that went out when they are a base64 form's start shorter than its head (not held:
        // the form's tail is whole after it), so a read that goes on with the form and ends inside it (the
        // body ends, or the next read brings the rest) is held (encodedContinues), and ends as the form's
        // kept characters then [redacted] (heldEnd). Null: none (a read ending in a newline, nearly all).
        let sent: Buffer | null = null;
        let ended = false;
        return {
          async next(): Promise<IteratorResult<Buffer>> {
            for (;;) {
              if (ended) {
                const last = held === null ? null : self.heldEnd(held, sent);
                held = null;
                sent = null;
                return last !== null ? { value: last, done: false } : { value: undefined, done: true };
              }
              const r = await it.next();
              if (r.done === true) {
                ended = true;
                continue;
              }
              scannedRead = null;
              const chunk = r.value;
              const input = held === null ? chunk : Buffer.concat([held, chunk]);
              let buf: Buffer = self.bytes(input);
              const asSearched = buf === input && self.readEscapes === 0;
              const hints = self.readHints;
              // whether the bytes may hold a second-level escape, from the pass bytes() made
              let second = self.readSecond;
              if (json) {
                buf = self.valueEnds(buf);
                second ||= self.scan.hint;
              }
              let hold = buf.length > 0 && self.maxHold > 0 ? Math.max(self.heldLength(buf, second), self.encodedHeld(buf, json), self.encodedEscapedHeld(buf, second)) : 0;
              if (sent !== null && hold < buf.length && self.encodedContinues(sent, buf)) hold = buf.length;
              held = hold > 0 ? Buffer.from(buf.subarray(buf.length - hold)) : null;
              if (buf.length > hold) {
                if (asSearched && hold === 0 && !json) {
                  scannedRead = buf;
                  scannedHints = hints;
                }
                if (!json) sent = self.encodedSent(sent, buf, buf.length - hold);
                return { value: hold > 0 ? buf.subarray(0, buf.length - hold) : buf, done: false };
              }
            }
          },
          // the reader stopped early (break, a throw): the upstream body is closed as a generator's
          // for-await would close it
          async return(): Promise<IteratorResult<Buffer>> {
            ended = true;
            held = null;
            await it.return?.();
            return { value: undefined, done: true };
          },
        };
      },
    };
    return body;
  }
}

/** An escape cut right before `[redacted]`, its backslash not itself escaped: the byte redaction replaced a
 * base64 tail from an escape's last hex digit in an event whose text began there (`\u003` + `0b2tl…` in
 * the next event, the text `\u003[redacted]`), as one event is replaced from the escape's backslash. */
const CUT_ESCAPE = /(^|[^\\])((?:\\\\)*)\\u[0-9a-fA-F]{0,3}\[redacted\]/g;

/** `s` with an escape cut right before `[redacted]` dropped (CUT_ESCAPE): the text as one piece gives it. */
function cutEscapes(s: string): string {
  return s.includes(REDACTED) && s.includes('\\u') ? s.replace(CUT_ESCAPE, `$1$2${REDACTED}`) : s;
}

/** Whether `b[at…]` spells a proper prefix of `p` (any of its characters escaped) to its end, more than
 * `keep` of `p`'s characters: an escape cut by `b`'s end counts as one more. */
function spelledPast(b: Buffer, at: number, p: Buffer, keep: number): boolean {
  const j = prefixMatched(b, at, p);
  if (j < 0) return false;
  return j + (at + lastWalked() < b.length ? 1 : 0) > keep;
}

/** `buf` with each of `ranges` (not overlapping) replaced by `[redacted]`. */
function replaceRanges(buf: Buffer, ranges: [number, number][]): Buffer {
  ranges.sort((x, y) => x[0] - y[0]);
  const parts: Buffer[] = [];
  let from = 0;
  for (const [a, b] of ranges) {
    parts.push(buf.subarray(from, a), REDACTED_BYTES);
    from = b;
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}

/** Where the escape that `buf[at]` is inside begins (its backslash: `at` is past it, within its `u` and hex
 * digits or right after a lone backslash), else `at`. */
function escapeAround(buf: Buffer, at: number): number {
  let i = at - 1;
  let digits = 0;
  while (digits < 3 && i >= 0 && hexDigit(buf[i]!) >= 0) {
    i--;
    digits++;
  }
  let bs: number;
  if (digits === 0 && i >= 0 && buf[i] === BACKSLASH) bs = i;
  else if (i >= 1 && buf[i] === U && buf[i - 1] === BACKSLASH) bs = i - 1;
  else return at;
  // a backslash after an odd run of them is itself escaped (`\\u0030` is text)
  let n = 0;
  while (bs - n - 1 >= 0 && buf[bs - n - 1] === BACKSLASH) n++;
  return n % 2 === 0 ? bs : at;
}

/** Whether `bytes[at]` is a `"` that ends a JSON string value (no `:` after it: not a key). */
function valueEnd(bytes: Buffer, at: number): boolean {
  if (bytes[at] !== QUOTE) return false;
  let after = at + 1;
  while (bytes[after] === SPACE || bytes[after] === TAB) after++;
  return bytes[after] !== COLON;
}

/** `s` as a JSON string's text reads it once more (its `\uXXXX`, `\\`, `\/` and the other escapes decoded). */
function decodeText(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (m, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (SIMPLE_ESCAPES[e] ?? e)));
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Marks the first UTF-8 byte of each character that goes on with a tail of `sent` that is a proper prefix of
 * one of `forms` (TextRedaction.continuations). */
function continuing(sent: string, forms: readonly string[], marks: Uint8Array): void {
  if (sent === '') return;
  for (const p of forms) {
    for (let at = Math.max(0, sent.length - p.length + 1); at < sent.length; at++) {
      const k = sent.length - at;
      if (!p.startsWith(k === sent.length ? sent : sent.slice(at))) continue;
      const c = p.codePointAt(k)!;
      marks[c < 0x80 ? c : c < 0x800 ? 0xc0 | (c >> 6) : c < 0x10000 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18)] = 1;
      // a lone surrogate of a key is written as an escape: the backslash the guard always marks
    }
  }
}

/** How many characters at the end of `t` are a proper prefix of one of `secrets` (the longest such tail). */
function heldChars(t: string, secrets: readonly string[]): number {
  let hold = 0;
  const n = t.length;
  for (const p of secrets) {
    const first = p.charCodeAt(0);
    // candidate starts: the last characters equal to the secret's first, within reach of its length
    for (let at = n - 1; at >= 0 && n - at < p.length; at--) {
      if (t.charCodeAt(at) !== first) continue;
      const len = n - at;
      if (len > hold && p.startsWith(t.slice(at))) hold = len;
    }
  }
  return hold;
}

/** The longest tail of `t` that is a proper prefix of one of `secrets` longer than its public start
 * (`shown[i]` characters), 0 when none. */
function secretTail(t: string, secrets: readonly string[], shown: readonly number[]): number {
  let best = 0;
  const n = t.length;
  for (let i = 0; i < secrets.length; i++) {
    const p = secrets[i]!;
    const first = p.charCodeAt(0);
    for (let at = n - 1 - shown[i]!; at >= 0 && n - at < p.length; at--) {
      if (t.charCodeAt(at) === first && n - at > best && p.startsWith(t.slice(at))) best = n - at;
    }
  }
  return best;
}

/** `held`, a text's held end after `sent` (what went out of a secret's start before it), as the text's
 * end shows it: when a tail of `sent + held` is more of a secret than its public start, that tail's part
 * in `held` goes as `[redacted]`. */
function endShown(sent: string, held: string, secrets: readonly string[], shown: readonly number[]): string {
  const n = secretTail(sent + held, secrets, shown);
  if (n === 0) return held;
  return n >= held.length ? REDACTED : held.slice(0, held.length - n) + REDACTED;
}

/** Where the rest of a secret that starts inside `sent` (text already sent) ends in `t` (the text after
 * it), or -1 when none does: the earliest start, the longest overlap. */
function restOfSecret(sent: string, t: string, secrets: readonly string[]): number {
  const u = sent + t;
  for (let at = 0; at < sent.length; at++) for (const p of secrets) if (at + p.length > sent.length && u.startsWith(p, at)) return at + p.length - sent.length;
  return -1;
}

/** How many characters `s`, a secret's start written with JSON escapes (textEscapedHeld), stands for:
 * an escape (`\uXXXX`, `\/`) one, an escape its end cuts at most one (`\u00` may be the start of `\u0073`,
 * one `s`), any other character one. */
function escapedLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; n++) {
    if (s.charCodeAt(i) !== 0x5c) i++;
    else if (s.charCodeAt(i + 1) === 0x75) i += 6;
    else i += 2;
  }
  return n;
}

/** Whether `buf` ends inside an escape or right after a `\\` (a second-level escape may start there):
 * a backslash among its last 6 bytes. */
function endsInsideEscape(buf: Buffer): boolean {
  for (let k = buf.length - 1; k >= 0 && k >= buf.length - 6; k--) if (buf[k] === BACKSLASH) return true;
  return false;
}

/** Whether the text `s` may hold a secret's character written as a JSON escape (`\u0073`, `\/`): a
 * `\u` before the hex of a character `search` looks for, or cut by the end; `\/` when it looks for `/`.
 * Text full of escapes of other characters (`\u00e9` in JSON a model wrote) costs no Buffer. */
function textMayEscape(s: string, search: EscapeSearch, from = 0): boolean {
  // an escape cut right after its backslash
  if (s.charCodeAt(s.length - 1) === 0x5c) return true;
  for (let at = s.indexOf('\\u', from); at >= 0; at = s.indexOf('\\u', at + 2)) {
    if (at + 6 > s.length) return true;
    let c = 0;
    for (let k = at + 2; k < at + 6 && c >= 0; k++) {
      const d = hexDigit(s.charCodeAt(k));
      c = d < 0 ? -1 : (c << 4) | d;
    }
    if (c >= 0 && (c < 0x80 ? search.chars[c] === 1 : search.wide.includes(c))) return true;
  }
  return search.slash && s.includes('\\/', from);
}

/** For d = 0…4, the values of the first d hex digits of `\uXXXX` for each ASCII character marked in
 * `chars` and each unit in `wide` (Redactor.escapeHeads). */
function escapeHeadsOf(chars: Uint8Array, wide: readonly number[]): Set<number>[] {
  const heads = [0, 1, 2, 3, 4].map(() => new Set<number>());
  const units = [...wide];
  for (let c = 0; c < 128; c++) if (chars[c] === 1) units.push(c);
  for (const u of units) for (let d = 0; d <= 4; d++) heads[d]!.add(u >> (4 * (4 - d)));
  return heads;
}

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}
