/**
 * JSON string escapes in bytes (`\u0073` for `s`, `\u00e9` or `\u00E9` for `é`, `\/` for `/`), for the
 * redaction (redact.ts). An upstream that echoes a key with needless escapes (an "ensure_ascii" serializer,
 * one that escapes every character, PHP's `\/`), or with some of its non-ASCII characters escaped and
 * others raw, or its escapes in mixed hex case, sends bytes that hold no whole form of the key, yet the
 * client's JSON.parse gives it back. A secret's form is matched here character by character: each of its
 * characters raw (its UTF-8) or as its escape in either hex case (a character outside the BMP as its two
 * surrogate escapes).
 *
 * Example:
 *   decodeEscapes(Buffer.from('a\\u0062\\/\\u00E9')).bytes.toString();   // 'ab/é'
 */

const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const QUOTE = 0x22;
const U = 0x75;
const ESCAPE_U00 = Buffer.from('\\u00');
const ESCAPE_U = Buffer.from('\\u');
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

/** The UTF-16 unit the escape at `buf[i]` stands for (`\uXXXX` in either hex case, `\/`), else -1 (also
 * for an escape `buf` ends inside). Whether that backslash starts an escape at all (no backslash before it
 * pairs with it) is the caller's to know. */
export function escapeAt(buf: Buffer, i: number): number {
  if (buf[i] !== BACKSLASH) return -1;
  const next = buf[i + 1];
  if (next === SLASH) return SLASH;
  if (next !== U) return -1;
  const a = hexValue(buf[i + 2]);
  const b = hexValue(buf[i + 3]);
  const c = hexValue(buf[i + 4]);
  const d = hexValue(buf[i + 5]);
  return (a | b | c | d) < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
}

const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;

/** Bytes of the UTF-8 character at `p[j]` (a pattern), set by charAt (a module slot, as `walked`). */
let charBytes = 0;

/** The code point of the UTF-8 character at `p[j]` (a lead byte), its bytes in `charBytes`; -1 when the
 * bytes there are no well-formed UTF-8 (a secret's raw latin1 header bytes: never written escaped). */
function charAt(p: Buffer, j: number): number {
  const b = p[j]!;
  const n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
  if (n === 0 || b > 0xf4 || j + n > p.length) return -1;
  let cp = b & (0x7f >> n);
  for (let k = 1; k < n; k++) {
    const c = p[j + k]!;
    if ((c & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (c & 0x3f);
  }
  charBytes = n;
  return cp;
}

/** The unit a pattern's byte `p[j]` is escaped as: itself (ASCII); its character's code point, or for one
 * outside the BMP its high surrogate (non-ASCII); -1 when it is never escaped. */
function unitAt(p: Buffer, j: number): number {
  const b = p[j]!;
  if (b < 0x80) return b;
  const cp = charAt(p, j);
  return cp > 0xffff ? 0xd800 + ((cp - 0x10000) >> 10) : cp;
}

function escapeLength(buf: Buffer, i: number): number {
  return buf[i + 1] === SLASH ? 2 : 6;
}

/** `c` as UTF-8 into `out[j…]`: how many bytes. */
function putUtf8(out: Buffer, j: number, c: number): number {
  if (c < 0x80) {
    out[j] = c;
    return 1;
  }
  if (c < 0x800) {
    out[j] = 0xc0 | (c >> 6);
    out[j + 1] = 0x80 | (c & 0x3f);
    return 2;
  }
  if (c < 0x10000) {
    out[j] = 0xe0 | (c >> 12);
    out[j + 1] = 0x80 | ((c >> 6) & 0x3f);
    out[j + 2] = 0x80 | (c & 0x3f);
    return 3;
  }
  out[j] = 0xf0 | (c >> 18);
  out[j + 1] = 0x80 | ((c >> 12) & 0x3f);
  out[j + 2] = 0x80 | ((c >> 6) & 0x3f);
  out[j + 3] = 0x80 | (c & 0x3f);
  return 4;
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
 * A search for the escapes of the ASCII characters `chars` marks (`chars[c] === 1`) and of the non-ASCII
 * UTF-16 units of a secret's forms (`wide`): `\uXXXX` in either hex case, and `\/` when `/` is one of them
 * (escapesOf). An escape of a non-ASCII unit counts only between bytes that can stand beside it in a
 * secret's spelling (`before`, `after`; null: any byte can), so ensure_ascii text full of `\u00e9` is not
 * decoded for a key with `é` unless an `é` stands where the key could have one.
 */
export interface EscapeSearch {
  chars: Uint8Array;
  wide: readonly number[];
  before: Uint8Array | null;
  after: Uint8Array | null;
  re: RegExp;
  /** `/` is one of the characters: `\/` is searched too. */
  slash: boolean;
  /** What each escape found starts with: `\u00`, or `\u` when a unit of `wide` is above U+00FF. */
  prefix: Buffer;
}

/** `hex` as a regular expression that takes each letter in either case. */
const anyCase = (hex: string): string => hex.replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

export function escapeSearch(chars: Uint8Array, forms: readonly string[] = []): EscapeSearch | null {
  const { wide, before, after } = wideNeighbours(forms);
  const alts: string[] = [];
  for (let c = 0; c < 128; c++) if (chars[c] === 1) alts.push(anyCase(c.toString(16).padStart(2, '0')));
  const wideAlts = wide.map((u) => anyCase(u.toString(16).padStart(4, '0')));
  if (alts.length === 0 && wideAlts.length === 0) return null;
  const slash = chars[SLASH] === 1;
  const u = [...(alts.length > 0 ? [`00(?:${alts.join('|')})`] : []), ...wideAlts].join('|');
  const re = new RegExp(`\\\\(?:u(?:${u})${slash ? '|/' : ''})`, 'g');
  return { chars, wide, before, after, re, slash, prefix: wide.some((w) => w > 0xff) ? ESCAPE_U : ESCAPE_U00 };
}

const HEX_DIGITS = Buffer.from('0123456789abcdefABCDEF');

/**
 * The non-ASCII UTF-16 units of `forms` (sorted), and the bytes that can stand right before and right
 * after an escape of one of them in any spelling of a form: before, the last byte of the character before
 * it as written raw, or an escape's end (a hex digit, the `/` of `\/`); after, the first byte of the
 * character after it as written raw, a backslash (that character escaped, a surrogate pair's second half)
 * or a quote (a text that ends with a secret's start). A unit that starts (ends) a form takes any byte
 * before (after) it: null.
 */
function wideNeighbours(forms: readonly string[]): { wide: number[]; before: Uint8Array | null; after: Uint8Array | null } {
  const units = new Set<number>();
  let before: Uint8Array | null = new Uint8Array(256);
  let after: Uint8Array | null = new Uint8Array(256);
  for (const b of HEX_DIGITS) before[b] = 1;
  before[SLASH] = 1;
  after[BACKSLASH] = 1;
  after[QUOTE] = 1;
  for (const f of forms) {
    for (let i = 0; i < f.length; i++) {
      const u = f.charCodeAt(i);
      if (u < 0x80) continue;
      units.add(u);
      // a pair's low half follows its high half's escape (a hex digit); its high half precedes a backslash
      if (!isLow(u) && before !== null) {
        if (i === 0) before = null;
        else {
          const prev = isLow(f.charCodeAt(i - 1)) && i >= 2 ? f.slice(i - 2, i) : f[i - 1]!;
          const raw = Buffer.from(prev);
          before[raw[raw.length - 1]!] = 1;
        }
      }
      if (!isHigh(u) && after !== null) {
        if (i + 1 === f.length) after = null;
        else after[Buffer.from(String.fromCodePoint(f.codePointAt(i + 1)!))[0]!] = 1;
      }
    }
  }
  return { wide: [...units].sort((a, b) => a - b), before, after };
}

/** Whether the escape of a non-ASCII unit at `buf[at]` has neighbours a secret's spelling can give it
 * (escapeSearch): the bytes beside it, where `buf` has them. */
function fitsNeighbours(buf: Buffer, at: number, search: EscapeSearch): boolean {
  const { before, after } = search;
  if (before !== null && at > 0 && before[buf[at - 1]!] === 0) return false;
  return after === null || at + 6 >= buf.length || after[buf[at + 6]!] === 1;
}

/** Escapes looked at one by one in a read before the rest of it goes to the regular expression. */
const ESCAPES_ONE_BY_ONE = 8;

/**
 * What escapesOf found in a read: where the escapes of a secret's characters are, and whether the read may
 * hold one at the second level. The caller owns it (a Redactor keeps one) and each call fills it anew, so a
 * read costs no allocation.
 */
export class EscapeScan {
  /** Where the read holds an escape the search finds, in order. */
  readonly at: number[] = [];
  /**
   * Whether the read may hold an escape at the second level (decodeString) of a character the search
   * looks for: found in the same pass, from each `\u00` (`\u`) it meets: after a backslash (`\\u0073`, the
   * inner escape's backslash written `\\`) when it is an escape of such a character, of `u`, `/` or `\`
   * (`\\\u0075…`), or no whole escape (cut, a hex digit escaped); with a `\\` a few bytes before it
   * (`\\u\u0030…`); `\u005c` (the inner backslash escaped). JSON text inside a string escapes characters no
   * key has (`\\u00e9`, `\\u003c`): false, at no cost beyond the pass itself. A read the regular expression
   * searched (more than a few escapes) is looked at whole (maySecondLevel).
   */
  hint = false;
  /**
   * Whether the read may hold a WHOLE second-level escape of such a character (`hint` without the cut
   * ones): what decides whether a read is decoded twice to find a key in it (Redactor.bytes). An escape cut
   * by the end of its string (`\\u0"`: a model's `\u00e9` cut between two token-sized content deltas, in
   * every few events of a JSON answer written with escapes) or of the read cannot be part of a key in the
   * same read: the hold across reads and events still sees it (`hint`), the decoding is spared.
   */
  wholeHint = false;
}

/** hintAt's answer: no hint, only a cut escape (a hold's concern), or a whole one (CUT < WHOLE). */
const NO_HINT = 0;
const CUT = 1;
const WHOLE = 2;

/** The `\u00` at `buf[at]` (an escape `c`, -1 when none) may be part of a second-level escape (EscapeScan.hint). */
function hintAt(buf: Buffer, at: number, c: number, search: EscapeSearch): number {
  if (c === BACKSLASH) return WHOLE;
  if (buf[at - 1] === BACKSLASH) {
    if (c < 0) {
      // no whole escape here: a hex digit written as an escape of its own (a backslash among the four) can
      // still make one with what follows in this read; cut by the string's or the read's end it cannot
      for (let k = at + 2; k < at + 6 && k < buf.length; k++) if (buf[k] === BACKSLASH) return WHOLE;
      return CUT;
    }
    return c === U || c === SLASH || (c < 0x80 ? search.chars[c] === 1 : search.wide.includes(c)) ? WHOLE : NO_HINT;
  }
  for (let k = Math.max(0, at - 6); k < at - 2; k++) if (buf[k] === BACKSLASH && buf[k + 1] === BACKSLASH) return WHOLE;
  return NO_HINT;
}

/**
 * Where `buf` holds an escape `search` (escapeSearch) finds, in order: the escapes a secret written with
 * them must contain. A read without `\u00` (`\u` for a secret with a character above U+00FF) or `\/`
 * (nearly every one) costs one or two native searches; a few are looked at one by one; past them
 * (ensure_ascii text full of `\u00e9`, `\u003c`) the rest of the read goes through one regular
 * expression. A literal `\\u0073` is found too (the decoding then skips it). Fills `into` (its hints too)
 * and returns it.
 */
export function escapesOf(buf: Buffer, search: EscapeSearch, into: EscapeScan = new EscapeScan()): EscapeScan {
  const out = into.at;
  out.length = 0;
  const { prefix, chars, wide } = search;
  let seen = 0;
  let hint = false;
  let wholeHint = false;
  for (let at = buf.indexOf(prefix); at >= 0; at = buf.indexOf(prefix, at + prefix.length)) {
    if (++seen > ESCAPES_ONE_BY_ONE) return scanWhole(buf, search, into);
    const c = escapeAt(buf, at);
    if (!wholeHint) {
      const h = hintAt(buf, at, c, search);
      if (h !== NO_HINT) hint = true;
      if (h === WHOLE) wholeHint = true;
    }
    if (c < 0) continue;
    if (c < 0x80 ? chars[c] === 1 : wide.length > 0 && wide.includes(c) && fitsNeighbours(buf, at, search)) out.push(at);
  }
  if (search.slash && buf.indexOf(ESCAPE_SLASH) >= 0) return scanWhole(buf, search, into);
  into.hint = hint;
  into.wholeHint = wholeHint;
  return into;
}

/** escapesOf for a read with many escapes or a `\/`: the regular expression over it, the hints of it whole. */
function scanWhole(buf: Buffer, search: EscapeSearch, into: EscapeScan): EscapeScan {
  into.at.length = 0;
  into.hint = into.wholeHint = maySecondLevel(buf, search) || hasEscapedBackslash(buf);
  scan(buf, search, into.at);
  return into;
}

/** Every match of `search.re` in `buf` (read as latin1: one character a byte) pushed to `out`, an escape
 * of a non-ASCII unit only where it fits its neighbours. */
function scan(buf: Buffer, search: EscapeSearch, out: number[]): number[] {
  const text = buf.toString('latin1');
  const re = search.re;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    if (search.wide.length > 0 && escapeAt(buf, at) >= 0x80 && !fitsNeighbours(buf, at, search)) continue;
    out.push(at);
  }
  return out;
}

/** escapedChar's answer: the code point in its low 21 bits, the escape's length in bytes above them. */
const LENGTH_SHIFT = 21;
const CODE_POINT = (1 << LENGTH_SHIFT) - 1;

/**
 * The character the escape at `buf[b]` (`\uXXXX` in either hex case, `\/`) stands for, a surrogate pair's
 * two escapes read as one character: its code point, plus its length in bytes (2, 6 or 12) shifted by
 * LENGTH_SHIFT; a lone surrogate's escape gives its unit (no character: the caller keeps the escape as it
 * is); -1 when no escape starts there. A number rather than an object: it runs for every escape of a read.
 */
function escapedChar(buf: Buffer, b: number): number {
  const c = escapeAt(buf, b);
  if (c < 0) return -1;
  if (isHigh(c)) {
    const low = escapeAt(buf, b + 6);
    if (isLow(low)) return (12 << LENGTH_SHIFT) + 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
  }
  return (escapeLength(buf, b) << LENGTH_SHIFT) + c;
}

/**
 * `buf` with every `\uXXXX` and `\/` that starts an escape decoded to its character's UTF-8 (a surrogate
 * pair's two escapes to one character; a lone surrogate's escape, `\\` pairs, `\"` and the other escapes
 * kept as they are), and `offsets`: for each decoded byte, where its escape or byte starts in `buf`
 * (`offsets[bytes.length]` is `buf.length`), so a match in the decoded bytes maps back to its range. No
 * escape is shorter than its character's UTF-8, so the decoded bytes are never more than `buf`.
 */
export function decodeEscapes(buf: Buffer): { bytes: Buffer; offsets: Int32Array } {
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
    const e = escapedChar(buf, b);
    const c = e & CODE_POINT;
    if (e >= 0 && !isHigh(c) && !isLow(c)) {
      for (let k = putUtf8(bytes, j, c); k > 0; k--) offsets[j++] = b;
      i = b + (e >>> LENGTH_SHIFT);
    } else if (e >= 0) {
      i = b + (e >>> LENGTH_SHIFT);
      copy(b, i);
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

/** What each JSON escape letter after a backslash stands for, besides `u` (-1: none). */
const SIMPLE_ESCAPES = new Int16Array(128).fill(-1);
for (const [k, v] of [['"', 0x22], ['\\', 0x5c], ['/', 0x2f], ['b', 0x08], ['f', 0x0c], ['n', 0x0a], ['r', 0x0d], ['t', 0x09]] as const) SIMPLE_ESCAPES[k.charCodeAt(0)] = v;

/**
 * `buf` as a JSON string's text: every escape decoded (`\\` to `\`, `\"` to `"`, `\n`…, `\uXXXX` and a
 * surrogate pair's two escapes to UTF-8; a lone surrogate's escape and a backslash before anything else
 * kept as they are), with `offsets` as decodeEscapes gives them. The second level of a key written inside
 * a string that is itself JSON (OpenRouter's `error.metadata.raw`): `caf\\u00E9` in the bytes is
 * `caf\u00E9` in this text, which a client that parses the string again reads as `café`. Nothing in the
 * decoded bytes is longer than its escape, so they are never more than `buf`.
 */
export function decodeString(buf: Buffer): { bytes: Buffer; offsets: Int32Array } {
  const bytes = Buffer.allocUnsafe(buf.length);
  const offsets = new Int32Array(buf.length + 1);
  let j = 0;
  let i = 0;
  for (let b = buf.indexOf(BACKSLASH); b >= 0; b = buf.indexOf(BACKSLASH, i)) {
    for (; i < b; i++) {
      bytes[j] = buf[i]!;
      offsets[j++] = i;
    }
    const next = buf[b + 1];
    const simple = next === undefined || next >= 128 ? -1 : SIMPLE_ESCAPES[next]!;
    if (simple >= 0) {
      bytes[j] = simple;
      offsets[j++] = b;
      i = b + 2;
      continue;
    }
    const e = escapedChar(buf, b);
    const c = e & CODE_POINT;
    if (e >= 0 && !isHigh(c) && !isLow(c)) {
      for (let k = putUtf8(bytes, j, c); k > 0; k--) offsets[j++] = b;
      i = b + (e >>> LENGTH_SHIFT);
    } else {
      // a lone surrogate's escape, an escape `buf` ends inside, a backslash before no escape: as it is
      const to = e >= 0 ? b + 6 : Math.min(buf.length, b + 1);
      for (; i < to; i++) {
        bytes[j] = buf[i]!;
        offsets[j++] = i;
      }
    }
  }
  for (; i < buf.length; i++) {
    bytes[j] = buf[i]!;
    offsets[j++] = i;
  }
  offsets[j] = buf.length;
  return { bytes: bytes.subarray(0, j), offsets: offsets.subarray(0, j + 1) };
}

const PAIR = Buffer.from('\\\\');
const ESCAPE_5 = Buffer.from('\\u005');

/**
 * Whether `buf` may hold an escape at the second level (decodeString) of a character `search` looks for
 * (escapeSearch), its inner backslash written `\\`: followed by `u` and the hex of such a character
 * (either case), by `/` when `/` is one, or by another escape or the end of `buf`; `quotable` (a secret has
 * `"` or `\`, escaped at the second level as `\\\"`, `\\\\`): any escape after a `\\`. (An inner
 * backslash written `\u005c`: hasEscapedBackslash.) False
 * for nearly every read: a `\\` in code or LaTeX is followed by a letter, and JSON text inside a string
 * escapes characters no key has (`\\u00e9`, `\\u003c`, `\\n`); true is only a hint, decodeString decides.
 */
export function maySecondLevel(buf: Buffer, search: EscapeSearch, quotable = false): boolean {
  for (let at = buf.indexOf(PAIR); at >= 0; at = buf.indexOf(PAIR, at + 1)) {
    const n = buf[at + 2];
    if (n === undefined) return true;
    if (n === U) {
      // the pair's second backslash starts `\uXXXX` as the first level reads it
      const c = escapeAt(buf, at + 1);
      if (c < 0) {
        // cut by the end, or a hex digit itself escaped
        if (at + 6 >= buf.length || buf.subarray(at + 3, at + 7).includes(BACKSLASH)) return true;
        continue;
      }
      if (c < 0x80 ? search.chars[c] === 1 : search.wide.includes(c)) return true;
      continue;
    }
    if (n === SLASH) {
      if (search.slash) return true;
      continue;
    }
    if (n === BACKSLASH) {
      const m = buf[at + 3];
      if (quotable || m === undefined || m === U || m === SLASH) return true;
    }
  }
  return false;
}

/** Where `buf` holds a `\\` or a `\u005` (an inner backslash at the second level), in order: the events a
 * read's EscapeScan.hint may be about (passthrough reads them: Redactor.startsEnding). */
export function secondLevelSpots(buf: Buffer): number[] {
  const out: number[] = [];
  for (let at = buf.indexOf(PAIR); at >= 0; at = buf.indexOf(PAIR, at + 2)) out.push(at);
  for (let at = buf.indexOf(ESCAPE_5); at >= 0; at = buf.indexOf(ESCAPE_5, at + 5)) out.push(at);
  return out;
}

/** Whether `buf` holds `\u005c` in either case (or its start at the end). */
export function hasEscapedBackslash(buf: Buffer): boolean {
  for (let at = buf.indexOf(ESCAPE_5); at >= 0; at = buf.indexOf(ESCAPE_5, at + 5)) {
    const c = buf[at + 5];
    if (c === undefined || (c | 0x20) === 0x63) return true;
  }
  return false;
}

/** Where an escape `buf` ends inside starts (a backslash that starts an escape, fewer than its bytes
 * after it), else `buf.length`. */
export function openEscapeAt(buf: Buffer): number {
  const n = buf.length;
  const b = buf.lastIndexOf(BACKSLASH, n - 1);
  if (b < 0 || b < n - 6) return n;
  // the backslash starts an escape only after an even run of them
  if (backslashesBefore(buf, b) % 2 === 1) return n;
  if (b === n - 1) return b;
  return buf[b + 1] === U && n - b < 6 ? b : n;
}

/** Whether `buf[i…]` (to its end) is the start of an escape of the unit `c` (either hex case). */
function startsEscapeOf(buf: Buffer, i: number, c: number): boolean {
  const n = buf.length;
  if (c < 0) return false;
  if (i + 1 >= n) return true;
  if (buf[i + 1] === SLASH) return c === SLASH;
  if (buf[i + 1] !== U) return false;
  for (let k = 2; k < 6 && i + k < n; k++) if (hexValue(buf[i + k]) !== ((c >> (4 * (5 - k))) & 0xf)) return false;
  return true;
}

/** The bytes of `buf` the last walkEscaped read (a module slot, not an object a call on the hot path). */
let walked = 0;

/**
 * Walks `buf[at…]` along `p` (a secret's form), any of its characters escaped (either hex case; a
 * non-ASCII one of `p`'s UTF-8, a character outside the BMP as two surrogate escapes): how many of `p`'s
 * bytes it spells before `buf` ends (an escape `buf` ends inside counts for none, and so does a surrogate
 * pair's first escape without its second; `p.length` when all of it), or -1 when `buf` leaves `p` first;
 * `walked` is the bytes read. `buf[at]` is taken to start a character (atCharBoundary). The one walk behind
 * matchEscaped and prefixMatched.
 */
function walkEscaped(buf: Buffer, at: number, p: Buffer): number {
  let i = at;
  let j = 0;
  for (; j < p.length && i < buf.length; j++) {
    if (buf[i] === BACKSLASH) {
      const c = escapeAt(buf, i);
      if (c >= 0 && c < 0x80) {
        if (c !== p[j]) return -1;
        i += escapeLength(buf, i);
        continue;
      }
      // a non-ASCII escape spells a non-ASCII character of `p` (one that `p` writes escaped itself, as the
      // `\u00e9` of a form, is compared byte by byte below)
      if (c >= 0 && p[j]! >= 0x80) {
        const cp = charAt(p, j);
        if (cp < 0) return -1;
        if (cp <= 0xffff) {
          if (c !== cp) return -1;
          i += 6;
        } else {
          if (c !== 0xd800 + ((cp - 0x10000) >> 10)) return -1;
          const low = 0xdc00 + ((cp - 0x10000) & 0x3ff);
          if (i + 6 + MAX_ESCAPE_BYTES > buf.length && startsEscapeOf(buf, i + 6, low)) break;
          if (escapeAt(buf, i + 6) !== low) return -1;
          i += 12;
        }
        j += charBytes - 1;
        continue;
      }
      if (c < 0 && i + MAX_ESCAPE_BYTES > buf.length && startsEscapeOf(buf, i, unitAt(p, j))) break;
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

/** The bytes of `buf` the last prefixMatched or matchEscaped call read: less than what is left of `buf`
 * when it ended inside an escape (`\u00`: one more character of the pattern, maybe). */
export function lastWalked(): number {
  return walked;
}
