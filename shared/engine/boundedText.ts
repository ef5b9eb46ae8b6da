/**
 * A copy of a stream's text, bounded: the first and the last characters are kept and what lies between
 * is cut, its size recorded. The stream itself is never cut (only this copy), so a 300 MB answer costs at
 * most a few MB, whatever its mode: the gateway's artifact texts (server/gateway/boundedText.ts) and the
 * text of a stripped reasoning block (reasoning.ts) are kept in one.
 *
 * Example:
 *   const t = new BoundedText(8);   // keeps 4 head + 4 tail characters
 *   for (const c of 'abcdefghijklmnopqrstuvwxyz') t.add(c);
 *   t.toString();                   // 'abcdwxyz'
 *   t.cutChars;                     // 18, cut at offset t.cutAt === 4
 */

/** Appends between two foldings of the recent rope into the tail. */
const FOLD = 64;

/** Where a stored text was cut: `chars` characters were dropped at offset `at` of the stored string
 * (the artifact's ArtifactCut). */
export interface TextCut {
  field: string;
  at: number;
  chars: number;
  /** The characters just before the kept tail (BoundedText.before), when the text keeps them: never
   * serialized (a symbol key, not enumerable: withSeam), read by whoever must see the tail's start as the
   * text went on. */
  [SEAM]?: string;
}

/** The key of a TextCut's seam context (TextCut[SEAM]). */
export const SEAM: unique symbol = Symbol('seam');

/** `cut` with `before` as its seam context: not enumerable, so neither JSON nor a spread nor a deep
 * comparison sees it (seamOf reads it; copy it with withSeam). */
export function withSeam<C extends TextCut>(cut: C, before: string | undefined): C {
  if (before !== undefined) Object.defineProperty(cut, SEAM, { value: before, enumerable: false, configurable: true });
  return cut;
}

/** A flat copy of `s` that holds no reference to a larger parent string (V8 keeps the parent of a slice). */
export function flat(s: string): string {
  const t = s + ' ';
  // a numeric conversion makes V8 flatten the rope in place into one sequential string
  void ((t as unknown as number) | 0);
  return t.slice(0, -1);
}

/** UTF-8 bytes of `s[from, to)`, as Buffer.byteLength counts them (a lone surrogate is the 3 bytes of
 * U+FFFD); the engine runs where Buffer is not. */
export function utf8Length(s: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 2 code units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/** `at`, or one less when `s` has a surrogate pair across `at` (a high surrogate before, a low one at it). */
function pairEnd(s: string, at: number): number {
  const c = s.charCodeAt(at - 1);
  if (c < 0xd800 || c > 0xdbff) return at;
  const d = s.charCodeAt(at);
  return d >= 0xdc00 && d <= 0xdfff ? at - 1 : at;
}

/**
 * A string built by appending one delta at a time. Kept as a tail plus a short rope of recent pieces,
 * flattened into the tail every FOLD appends: one long chain of concatenations per stream made the
 * garbage collector copy megabytes of live rope nodes per minor GC. Once the tail passes the limit, its
 * first half becomes the head (once) and its middle is dropped down to half the limit.
 */
export class BoundedText {
  /** Characters added in all. */
  length = 0;
  /** Characters dropped so far from the tail (the tail kept is up to 1.5 times the limit). */
  private cut = 0;
  /** UTF-8 bytes of the characters dropped (measured once, when dropped). */
  private cutBytes = 0;
  private head = '';
  private tail = '';
  private recent = '';
  private appends = 0;
  private readonly half: number;
  /** The last `seam` characters dropped before `tail` (the head's, when fewer were dropped). */
  private dropped = '';

  /** `seam`: characters kept beyond the limit just before the kept tail, never shown (before()): what a
   * reader of the tail needs to know how the text went on into it (the gateway redacts a secret the cut
   * goes through with them). */
  constructor(
    readonly limit: number,
    readonly seam = 0,
  ) {
    this.half = Math.max(1, Math.floor(limit / 2));
  }

  add(s: string): void {
    if (s === '') return;
    this.length += s.length;
    this.recent += s;
    if (++this.appends >= FOLD || this.recent.length > this.half) this.fold();
  }

  private fold(): void {
    void ((this.recent as unknown as number) | 0);
    this.tail += this.recent;
    this.recent = '';
    this.appends = 0;
    if (this.tail.length <= this.limit) return;
    let rest = this.tail;
    if (this.cut === 0 && this.head === '') {
      const h = pairEnd(rest, this.half);
      this.head = flat(rest.slice(0, h));
      rest = rest.slice(h);
      if (this.seam > 0) this.dropped = this.head.slice(-this.seam);
    }
    // never between the halves of a surrogate pair: each piece's UTF-8 size is then its share of the whole
    const drop = pairEnd(rest, rest.length - this.half);
    if (this.seam > 0) this.dropped = flat(drop >= this.seam ? rest.slice(drop - this.seam, drop) : (this.dropped + rest.slice(0, drop)).slice(-this.seam));
    this.cut += drop;
    this.cutBytes += utf8Length(rest, 0, drop);
    this.tail = flat(rest.slice(drop));
  }

  /** UTF-8 bytes of everything added (what passed, not what is kept): a count over a bounded copy is the
   * whole text's. Costs a measure of what is kept; what was dropped was measured once, when dropped. */
  get bytes(): number {
    const end = this.tail + this.recent;
    return utf8Length(this.head, 0, this.head.length) + this.cutBytes + utf8Length(end, 0, end.length);
  }

  /** What is kept: the whole text when nothing was cut, else the head and the last `limit / 2`
   * characters (at most `limit` in all). */
  toString(): string {
    const end = this.tail + this.recent;
    return this.cut === 0 ? end : this.head + end.slice(end.length - this.half);
  }

  /** Characters cut from toString(), between its head and its tail. */
  get cutChars(): number {
    return this.cut === 0 ? 0 : this.length - this.head.length - this.half;
  }

  /** Where the cut is in toString() (the head's length); meaningful only when something was cut. */
  get cutAt(): number {
    return this.head.length;
  }

  /** Whether `s` starts with the whole text added (compared on what is kept, at the same offsets). */
  isPrefixOf(s: string): boolean {
    if (s.length < this.length) return false;
    if (this.cut === 0) return s.startsWith(this.toString());
    const end = this.tail + this.recent;
    return s.startsWith(this.head) && s.substring(this.length - end.length, this.length) === end;
  }

  /** The `seam` characters of the text just before the tail toString() keeps (fewer when the text has
   * fewer); '' when nothing was cut. Not part of toString(). */
  before(): string {
    if (this.cut === 0 || this.seam === 0) return '';
    const end = this.tail + this.recent;
    const shownFrom = end.length - this.half;
    return shownFrom >= this.seam ? end.slice(shownFrom - this.seam, shownFrom) : (this.dropped + end.slice(0, shownFrom)).slice(-this.seam);
  }

  /** The cut of this text as stored under `field` from offset `offset`, or none (with before() under
   * SEAM when the text keeps a seam). */
  cuts(field: string, offset = 0): TextCut[] {
    if (this.cut === 0) return [];
    return [withSeam({ field, at: offset + this.cutAt, chars: this.cutChars }, this.seam > 0 ? this.before() : undefined)];
  }
}
