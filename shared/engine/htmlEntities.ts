/**
 * HTML-escaped JSON: `{&quot;name&quot;: &quot;Ana&quot;, &quot;admin&quot;: false}`, as a web page or a
 * template that escaped its output shows it. A `&quot;` where a key starts opens the key and puts the value
 * in this mode (entQuotes): from then on a `&quot;` where a value starts opens a string, and inside such a
 * string (strQuote AMP, so the scan stops at its `&`) `&quot;` closes it and `&amp;` `&lt;` `&gt;` `&#39;`
 * `&#x27;` `&apos;` are the characters they stand for, each a repair of kind `html_entities`. Any other
 * `&` is text. Outside this mode nothing changes: `{"q": "a &amp; b"}` keeps its `&amp;` (text in a JSON
 * string), and a `&` where a key starts with no `&quot;` ends the JSON as before.
 *
 * An entity may be cut by a push's end: its start is held (`held` HELD_ENT, the text in entBuf, pending)
 * until it is complete or cannot be one.
 */
import * as C from './chars';
import type { Position } from './types';
import { StringScanner } from './strings';
import * as S from './state';

const { AMP } = C;
const { HELD_ENT, V_UQSTR } = S;

/** The entities read inside a string of this mode, and what each stands for (`&quot;` closes it). */
const ENTITIES: readonly (readonly [string, string])[] = [
  ['&quot;', '"'],
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&#39;', "'"],
  ['&#x27;', "'"],
  ['&apos;', "'"],
];
const QUOT = '&quot;';

/** The entity `text` is (its index in ENTITIES), -2 while it may still become one, or -1. */
function entityOf(text: string, inString: boolean): number {
  let prefix = false;
  for (let k = 0; k < (inString ? ENTITIES.length : 1); k++) {
    const e = ENTITIES[k]![0];
    if (text === e) return k;
    if (e.startsWith(text)) prefix = true;
  }
  return prefix ? -2 : -1;
}

export abstract class HtmlEntityScanner extends StringScanner {
  // An entity's start held at a push's end (HELD_ENT): its text so far, whether inside a string (else
  // where a key, entKey, or a value starts), and whether the hold started the pending text.
  private entBuf = '';
  private entInString = false;
  private entKey = false;
  private entOwn = false;
  /** The `&` at i stands where a key (isKey) or, in an HTML-escaped value, a value starts: a `&quot;`
   * opens a string; anything else is what a `&` was there before. */
  protected entityOpens(s: string, i: number, isKey: boolean): number {
    const len = s.length;
    const end = Math.min(len, i + QUOT.length);
    const k = entityOf(String.prototype.slice.call(s, i, end), false);
    if (k === -2) return this.holdEntity(s, i, false, isKey);
    if (k !== 0) return isKey ? this.endRegion(s, i) : this.entityLoose(i, null, 0);
    const o = this.o;
    // repair: `&quot;name&quot;` -> `"name"`
    o.record(o.repairAt('html_entities', i, QUOT.length, '"'));
    if (!isKey) o.commitPending(i);
    o.edit(i, i + QUOT.length, '"');
    this.opensString(isKey, o.seg.base + i);
    return i + QUOT.length;
  }

  private opensString(isKey: boolean, at: number): void {
    this.entQuotes = true;
    this.beginString(AMP, isKey);
    if (!isKey) this.strOpenAt = at;
  }

  /** An unquoted string starts at the `&` at segment index i (at === null), as a `&` where a value is
   * expected did before, or with the `n` held characters from `at` (the last of the pending text). */
  private entityLoose(i: number, at: Position | null, n: number): number {
    if (at === null) {
      if (!this.o.pending) this.o.startPending(i);
      this.startToken(i);
    } else {
      this.uqRegex = 0;
      this.tokIdx = -1;
      this.tokPos = at;
      this.tokLen = n;
    }
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    return i;
  }

  /** A `&` at i inside a string of an HTML-escaped value (strQuote AMP). */
  protected entityInString(s: string, i: number, len: number): number {
    const end = Math.min(len, i + 6);
    let k = -2;
    for (let n = 2; n <= end - i && k === -2; n++) k = entityOf(String.prototype.slice.call(s, i, i + n), true);
    if (k < 0) {
      // the entity's start, up to the segment's end: held; else a `&` of the text
      if (k === -2 && end === len) return this.holdEntity(s, i, true, false);
      return i + 1;
    }
    const o = this.o;
    const [e, ch] = ENTITIES[k]!;
    o.record(o.repairAt('html_entities', i, e.length, ch));
    o.edit(i, i + e.length, ch);
    if (k === 0) this.endString(i + e.length);
    return i + e.length;
  }

  /** The entity's start from i to the segment's end is held (HELD_ENT) for the next push to decide. */
  private holdEntity(s: string, i: number, inString: boolean, isKey: boolean): number {
    const o = this.o;
    this.entOwn = !o.pending;
    if (this.entOwn) o.startPending(i);
    this.entBuf = String.prototype.slice.call(s, i);
    this.entInString = inString;
    this.entKey = isKey;
    this.held = HELD_ENT;
    this.heldPos = o.pos(i);
    return s.length;
  }

  /** The next push's text from i (NaN-free: the end when i === s.length) decides a held entity. */
  protected entityHeld(s: string, i: number, at: Position, atEnd: boolean): number {
    const o = this.o;
    const len = atEnd ? i : s.length;
    let buf = this.entBuf;
    let j = i;
    let k = -2;
    while (j < len) {
      const next = buf + s[j]!;
      const e = entityOf(next, this.entInString);
      if (e === -1) break;
      buf = next;
      j++;
      k = e;
      if (e >= 0) break;
    }
    if (k === -2 && j === len && !atEnd) {
      // still a possible entity's start: held on
      this.entBuf = buf;
      this.held = HELD_ENT;
      this.heldPos = at;
      return j;
    }
    if (k >= 0) {
      const [e, ch] = ENTITIES[k]!;
      o.replaceTail(j, e.length, ch);
      o.record(o.repair('html_entities', at, e.length, ch));
      if (this.entInString) {
        if (this.entOwn) o.commitPending(j);
        this.entOwn = false;
        if (k === 0) this.endString(j);
        return j;
      }
      if (!this.entKey) o.commitPending(j);
      this.entOwn = false;
      this.opensString(this.entKey, at.offset);
      return j;
    }
    // no entity: what the held text was before
    this.entBuf = '';
    if (this.entInString) {
      if (this.entOwn) o.commitPending(j);
      this.entOwn = false;
      return j;
    }
    this.entOwn = false;
    if (this.entKey) {
      o.replaceTail(j, buf.length, '');
      return this.entityEndsRegion(s, j, at, buf);
    }
    return this.entityLoose(j, at, buf.length);
  }

  /** The JSON ends at the held `&` (at `at`): its text is trailing (structure.ts tickEndsRegion). */
  /** A token starts at i (scalars.ts). */
  protected abstract startToken(i: number): void;
  protected abstract entityEndsRegion(s: string, i: number, at: Position, text: string): number;
}

