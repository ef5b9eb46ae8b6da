/**
 * The truncation oracle: what a correct engine may return for a valid JSON text cut at some offset.
 *
 * The rule ("prefix-consistent repair"), following DESIGN.md's "everything complete before the cut is
 * kept; the cut value is closed or dropped, never invented":
 * - every value, member and element that is complete in the prefix is kept unchanged (a number or
 *   keyword is complete once a delimiter follows it: at the cut, `12` may be the start of `123`);
 * - every container opened in the prefix is kept and closed (its complete content kept);
 * - a member whose key or colon is cut (`{"a": 1, "b"`, `{"b":`) is dropped;
 * - the one scalar cut by the end is either CLOSED or DROPPED (with its key, in an object):
 *   a string keeps the characters read so far (a half-read escape is dropped, and a lone high
 *   surrogate at the end may be kept or dropped); a number keeps its longest valid prefix (`1.` -> 1,
 *   `1e` -> 1, `-` cannot be closed and is dropped); a keyword prefix (`tr`) becomes the keyword.
 * So the accepted answers are the "close" completion and the "drop" completion (plus the
 * lone-surrogate variant); both are computed here by a small tolerant parser.
 */

type Mode = 'close' | 'drop' | 'close-no-lone-surrogate';

/** A parsed piece: `complete` is false when the end of the prefix cut it. `closeable` tells whether a
 * cut scalar has a closed form (a lone `-` has none). */
interface Piece {
  value: unknown;
  complete: boolean;
  closeable: boolean;
  scalar: boolean;
}

class PrefixParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly mode: Mode,
  ) {}

  parse(): unknown {
    this.ws();
    const p = this.value();
    if (p === null) throw new Error('oracle: the prefix holds no value start');
    return p.value;
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }

  private eof(): boolean {
    return this.i >= this.s.length;
  }

  /** Returns null at the end of input (no value started). */
  private value(): Piece | null {
    if (this.eof()) return null;
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      const r = this.string();
      return { value: r.text, complete: r.complete, closeable: true, scalar: true };
    }
    if (c === 't' || c === 'f' || c === 'n') return this.keyword();
    return this.number();
  }

  /** Keep a cut scalar or not, per mode. */
  private keep(p: Piece): boolean {
    if (p.complete || !p.scalar) return true;
    return this.mode !== 'drop' && p.closeable;
  }

  private array(): Piece {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.eof()) return { value: out, complete: false, closeable: true, scalar: false };
      if (this.s[this.i] === ']') {
        this.i++;
        return { value: out, complete: true, closeable: true, scalar: false };
      }
      const p = this.value()!;
      if (this.keep(p)) out.push(p.value);
      if (!p.complete) return { value: out, complete: false, closeable: true, scalar: false };
      this.ws();
      if (this.eof()) return { value: out, complete: false, closeable: true, scalar: false };
      if (this.s[this.i] === ',') this.i++;
    }
  }

  private object(): Piece {
    const out: Record<string, unknown> = {};
    const cut = { value: out, complete: false, closeable: true, scalar: false };
    this.i++;
    for (;;) {
      this.ws();
      if (this.eof()) return cut;
      if (this.s[this.i] === '}') {
        this.i++;
        return { value: out, complete: true, closeable: true, scalar: false };
      }
      const key = this.string();
      if (!key.complete) return cut; // dangling key
      this.ws();
      if (this.eof()) return cut;
      this.i++; // ':'
      this.ws();
      const p = this.value();
      if (p === null) return cut; // dangling colon
      // defineProperty, as JSON.parse does: `out["__proto__"] = v` would set the prototype instead.
      if (this.keep(p)) Object.defineProperty(out, key.text, { value: p.value, enumerable: true, writable: true, configurable: true });
      if (!p.complete) return cut;
      this.ws();
      if (this.eof()) return cut;
      if (this.s[this.i] === ',') this.i++;
    }
  }

  private string(): { text: string; complete: boolean } {
    this.i++;
    let text = '';
    while (!this.eof()) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return { text, complete: true };
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          const hex = this.s.slice(this.i + 2, this.i + 6);
          if (hex.length < 4) break;
          text += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
          continue;
        }
        text += JSON.parse(`"\\${e}"`) as string;
        this.i += 2;
        continue;
      }
      text += c;
      this.i++;
    }
    this.i = this.s.length;
    if (this.mode === 'close-no-lone-surrogate' && /[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
    return { text, complete: false };
  }

  private keyword(): Piece {
    const word = this.s[this.i] === 't' ? 'true' : this.s[this.i] === 'f' ? 'false' : 'null';
    let n = 0;
    while (n < word.length && !this.eof() && this.s[this.i] === word[n]) {
      this.i++;
      n++;
    }
    const value = word === 'true' ? true : word === 'false' ? false : null;
    // Like a number, a keyword is only known complete once a delimiter follows: at the cut, `null`
    // could still be the start of a longer word.
    return { value, complete: n === word.length && !this.eof(), closeable: true, scalar: true };
  }

  private number(): Piece {
    const start = this.i;
    while (!this.eof() && '+-0123456789.eE'.includes(this.s[this.i])) this.i++;
    let text = this.s.slice(start, this.i);
    // A number is only known complete once a delimiter follows it: `12` may be the start of `123`.
    if (!this.eof()) return { value: Number(text), complete: true, closeable: true, scalar: true };
    while (text.length > 0 && '+-.eE'.includes(text[text.length - 1])) text = text.slice(0, -1);
    const closeable = text !== '' && text !== '-';
    return { value: closeable ? Number(text) : undefined, complete: false, closeable, scalar: true };
  }
}

/** The accepted values for `json.slice(0, cut)`; `json` must be valid JSON with a container at top. */
export function truncationCandidates(json: string, cut: number): unknown[] {
  const prefix = json.slice(0, cut);
  const modes: Mode[] = ['close', 'drop', 'close-no-lone-surrogate'];
  const out: unknown[] = [];
  for (const m of modes) out.push(new PrefixParser(prefix, m).parse());
  return out;
}
