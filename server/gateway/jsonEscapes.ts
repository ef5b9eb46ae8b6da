/**
 * JSON string escapes of ASCII characters in bytes (`\u0073` for `s`, `\/` for `/`), for the redaction
 * (redact.ts). An upstream that echoes a key with needless escapes (an "ensure_ascii" serializer, one that
 * escapes every character, PHP's `\/`) sends bytes that hold no form of the key, yet the client's
 * JSON.parse gives it back whole. Only escapes of ASCII characters are decoded here: a secret's non-ASCII
 * characters are matched in their escaped form already (redact.ts variants).
 *
 * Example:
 *   decodeAsciiEscapes(Buffer.from('a\\u0062\\/c')).bytes.toString();   // 'ab/c'
 */

const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const U = 0x75;
const ZERO = 0x30;
const ESCAPE_U00 = Buffer.from('\\u00');
const ESCAPE_SLASH = Buffer.from('\\/');

/** The longest escape of one character (`\u0073`): a secret of n characters spans at most 6n bytes. */
export const MAX_ESCAPE_BYTES = 6;

/** What matchEscaped returns when `buf` ended before the pattern did, every byte so far consistent. */
export const PARTIAL = -2;

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** The ASCII character the escape at `buf[i]` stands for (`\u0000`–`\u007f`, `\/`), else -1. Whether
 * that backslash starts an escape at all (no backslash before it pairs with it) is the caller's to know. */
export function asciiEscapeAt(buf: Buffer, i: number): number {
  if (buf[i] !== BACKSLASH) return -1;
  const next = buf[i + 1];
  if (next === SLASH) return SLASH;
  if (next !== U || buf[i + 2] !== ZERO || buf[i + 3] !== ZERO) return -1;
  const hi = hexValue(buf[i + 4]);
  const lo = hexValue(buf[i + 5]);
  return hi < 0 || hi > 7 || lo < 0 ? -1 : hi * 16 + lo;
}

function escapeLength(buf: Buffer, i: number): number {
  return buf[i + 1] === SLASH ? 2 : 6;
}

/** How many backslashes are right before `buf[i]`. */
function backslashesBefore(buf: Buffer, i: number): number {
  let k = 0;
  while (i - k - 1 >= 0 && buf[i - k - 1] === BACKSLASH) k++;
  return k;
}

/**
 * Whether a string's character can start at `buf[at]`: not the character after an escape's backslash,
 * not inside a `\uXXXX`. Held bytes start only there (redact.ts body()): the redaction of `\\u0073k…`
 * must not take the second backslash for an escape's and leave `\[redacted]`, which no JSON reader takes.
 */
export function atCharBoundary(buf: Buffer, at: number): boolean {
  if (backslashesBefore(buf, at) % 2 === 1) return false;
  for (let k = 2; k <= 5 && at - k >= 0; k++) {
    if (buf[at - k] === BACKSLASH && buf[at - k + 1] === U && backslashesBefore(buf, at - k) % 2 === 0) return false;
  }
  return true;
}

/**
 * A search for the ASCII escapes of the characters `chars` marks (`chars[c] === 1`): `\u00XX` in either
 * hex case, and `\/` when `/` is one of them (escapesOf).
 */
export interface EscapeSearch {
  chars: Uint8Array;
  re: RegExp;
  /** `/` is one of the characters: `\/` is searched too. */
  slash: boolean;
}

export function escapeSearch(chars: Uint8Array): EscapeSearch | null {
  const alts: string[] = [];
  for (let c = 0; c < 128; c++) {
    if (chars[c] !== 1) continue;
    const hex = c.toString(16).padStart(2, '0');
    const lo = hex[1]!;
    alts.push(`${hex[0]}${/[a-f]/.test(lo) ? `[${lo}${lo.toUpperCase()}]` : lo}`);
  }
  if (alts.length === 0) return null;
  const slash = chars[SLASH] === 1;
  return { chars, re: new RegExp(`\\\\(?:u00(?:${alts.join('|')})${slash ? '|/' : ''})`, 'g'), slash };
}

/** Escapes looked at one by one in a read before the rest of it goes to the regular expression. */
const ESCAPES_ONE_BY_ONE = 8;

/**
 * Where `buf` holds an escape `search` (escapeSearch) finds, in order: the escapes a secret written with
 * them must contain. A read without `\u00` or `\/` (nearly every one) costs one or two native searches;
 * a few `\u00` are looked at one by one; past them (ensure_ascii text full of `\u00e9`, `\u003c`) the rest
 * of the read goes through one regular expression. A literal `\\u0073` is found too (the decoding then
 * skips it).
 */
export function escapesOf(buf: Buffer, search: EscapeSearch): number[] {
  const out: number[] = [];
  let seen = 0;
  for (let at = buf.indexOf(ESCAPE_U00); at >= 0; at = buf.indexOf(ESCAPE_U00, at + 4)) {
    if (++seen > ESCAPES_ONE_BY_ONE) {
      out.length = 0;
      return scan(buf, 0, search.re, out);
    }
    const c = asciiEscapeAt(buf, at);
    if (c >= 0 && search.chars[c] === 1) out.push(at);
  }
  if (!search.slash) return out;
  const slash = buf.indexOf(ESCAPE_SLASH);
  if (slash < 0) return out;
  out.length = 0;
  return scan(buf, 0, search.re, out);
}

/** Every match of `re` in `buf[from…]` (read as latin1: one character a byte), pushed to `out`. */
function scan(buf: Buffer, from: number, re: RegExp, out: number[]): number[] {
  const text = buf.toString('latin1', from);
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m.index + from);
  return out;
}

/**
 * `buf` with every ASCII escape that starts an escape decoded to its character (`\\` pairs, `\"` and
 * the other escapes kept as they are), and `offsets`: for each decoded byte, where it starts in `buf`
 * (`offsets[bytes.length]` is `buf.length`), so a match in the decoded bytes maps back to its range.
 */
export function decodeAsciiEscapes(buf: Buffer): { bytes: Buffer; offsets: Int32Array } {
  const bytes = Buffer.allocUnsafe(buf.length);
  const offsets = new Int32Array(buf.length + 1);
  let j = 0;
  const copy = (from: number, to: number): void => {
    buf.copy(bytes, j, from, to);
    for (let i = from; i < to; i++) offsets[j++] = i;
  };
  let i = 0;
  for (let b = buf.indexOf(BACKSLASH); b >= 0; b = buf.indexOf(BACKSLASH, i)) {
    copy(i, b);
    const c = asciiEscapeAt(buf, b);
    if (c >= 0) {
      bytes[j] = c;
      offsets[j++] = b;
      i = b + escapeLength(buf, b);
    } else {
      // `\\` is one escape: its second backslash starts none
      i = Math.min(buf.length, b + 2);
      copy(b, i);
    }
  }
  copy(i, buf.length);
  offsets[j] = buf.length;
  return { bytes: bytes.subarray(0, j), offsets: offsets.subarray(0, j + 1) };
}

/** Whether `buf[i…]` (to its end) is the start of an ASCII escape of `c`. */
function startsEscapeOf(buf: Buffer, i: number, c: number): boolean {
  const n = buf.length;
  if (i + 1 >= n) return true;
  if (buf[i + 1] === SLASH) return c === SLASH;
  if (buf[i + 1] !== U) return false;
  for (let k = 2; k < 4 && i + k < n; k++) if (buf[i + k] !== ZERO) return false;
  if (i + 4 < n && hexValue(buf[i + 4]) !== c >> 4) return false;
  return true;
}

/** The bytes of `buf` the last walkEscaped read (a module slot, not an object a call on the hot path). */
let walked = 0;

/**
 * Walks `buf[at…]` along `p` (a secret's form), any of its ASCII characters escaped: how many of `p`'s
 * bytes it spells before `buf` ends (an escape `buf` ends inside counts for none; `p.length` when all of
 * it), or -1 when `buf` leaves `p` first; `walked` is the bytes read. `buf[at]` is taken to start a
 * character (atCharBoundary). The one walk behind matchEscaped and prefixMatched.
 */
function walkEscaped(buf: Buffer, at: number, p: Buffer): number {
  let i = at;
  let j = 0;
  for (; j < p.length && i < buf.length; j++) {
    if (buf[i] === BACKSLASH) {
      const c = asciiEscapeAt(buf, i);
      if (c >= 0) {
        if (c !== p[j]) return -1;
        i += escapeLength(buf, i);
        continue;
      }
      if (i + MAX_ESCAPE_BYTES > buf.length && startsEscapeOf(buf, i, p[j]!)) break;
      if (buf[i + 1] === BACKSLASH) {
        // a `\\` pair is two bytes of the pattern (its JSON-escaped form), never an escape's start
        if (p[j] !== BACKSLASH || p[j + 1] !== BACKSLASH) return -1;
        i += 2;
        j++;
        continue;
      }
    }
    if (buf[i] !== p[j]) return -1;
    i++;
  }
  walked = i - at;
  return j;
}

/**
 * The bytes `buf[at…]` that spell `p` (a secret's form) with any of its ASCII characters escaped: how
 * many bytes the match takes, PARTIAL when `buf` ends inside it (inside an escape too), -1 when it is not
 * there.
 */
export function matchEscaped(buf: Buffer, at: number, p: Buffer): number {
  const j = walkEscaped(buf, at, p);
  return j < 0 ? -1 : j < p.length ? PARTIAL : walked;
}

/**
 * How many of `p`'s bytes `buf[at…]` spells, with any of its ASCII characters escaped, before `buf`
 * ends, or -1 when `buf` leaves `p` first or spells all of it (not a start that the end cut): what a text
 * cut inside a secret's form shows of it (redact.ts, the end of a body).
 */
export function prefixMatched(buf: Buffer, at: number, p: Buffer): number {
  const j = walkEscaped(buf, at, p);
  return j < p.length ? j : -1;
}
