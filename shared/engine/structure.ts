/** The shape of the value: where values start, keys, colons, commas, closing brackets, comments. */
import { CALL_PAREN } from './callText';
import * as C from './chars';
import { StreamFixError } from './errors';
import { AFTER_CONTAINER, CitationScanner } from './citation';
import { NOT_STRINGS } from './quoteAtEnd';
import { isTimesSign } from './sciNotation';
import { Segment } from './segment';
import * as S from './state';
import type { Position } from './types';

/** `d`: an SSE event's `data:` field prefix may start with it (gutter.ts sseMayStart). */
const LOWER_D = 0x64;

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  AMP,
  APOS,
  BDQUO,
  BACKSLASH,
  BACKTICK,
  COLON,
  COMMA,
  CR,
  DOT,
  ELLIPSIS,
  EQUALS,
  FW_COLON,
  FW_COMMA,
  IDEO_COMMA,
  ARABIC_COMMA,
  FW_LBRACE,
  FW_LBRACKET,
  FW_RBRACE,
  FW_RBRACKET,
  GT,
  HASH,
  LBRACE,
  LBRACKET,
  LAQUO,
  LDQUO,
  LF,
  LPAREN,
  LSQUO,
  LT,
  MINUS,
  PLUS,
  UMINUS,
  QUOTE,
  RAQUO,
  RBRACE,
  RBRACKET,
  RDQUO,
  RPAREN,
  RSQUO,
  SEMICOLON,
  SLASH,
  SPACE,
  STAR,
  TAB,
  isDigit,
  isWordChar,
  isWordStart,
} = C;
const {
  P_AFTER,
  V_VALUE,
  V_KEY,
  V_COLON,
  V_AFTER,
  V_NUMBER,
  V_WORD,
  V_SLASH,
  V_LINE_COMMENT,
  V_BLOCK_COMMENT,
  V_STRAY,
  V_UQSTR,
  V_DONE,
  HELD_EQ,
  HELD_HASH,
  HELD_SLASH,
  HELD_BSQ,
  HELD_SMART,
  HELD_ENT,
  RX_BODY,
  RX_OPEN,
  HELD_TICK,
  HELD_TICK_GAP,
  CONFIRM_WINDOW,
  CONFIRM_DEPTH,
  PYSET,
  closerOf,
} = S;

/** Punctuation that starts no JSON value nor any repaired one (`! % & * ; > ? @ \\ ^ | ~`): where a value is
 * expected inside a container, the start of an unquoted string. (`<` is a tag, reasoning.ts.) */
function isLooseValueStart(c: number): boolean {
  return c === 33 || c === 37 || c === 38 || c === STAR || c === 59 || c === GT || c === 63 || c === 64 || c === 92 || c === 94 || c === 124 || c === 126;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** An arrow pointing back at the member before it at i (c the character there): `←`, `⟵`, `⇐`, and where a
 * value is expected `<-`, `<--`, `<=`, `<==`, as a model marks a field it changed (`"mode": "fast",   ←
 * changed`). There the `<` comes with the character after it (the reasoning stage hands it over so,
 * machine.ts literal()). */
function arrowAt(s: string, i: number, c: number): boolean {
  if (c === LT) {
    if (i + 1 >= s.length) return false;
    const n = String.prototype.charCodeAt.call(s, i + 1);
    return n === MINUS || n === 61;
  }
  return c === 0x2190 || c === 0x27f5 || c === 0x21d0;
}

/** Characters after a value that start stray text (operators, punctuation) rather than end the JSON. */
function isStrayStart(c: number): boolean {
  return c === PLUS || c === MINUS || c === STAR || c === DOT || c === 61 || c === 37 || c === 94 || c === 38 || c === 124 || c === 59 || c === 33 || c === 63 || c === 40 || c === 41 || c === 126;
}

/** What `\` and the character c stand for as white space in JSON written as a string's text: `\n`, `\t`,
 * `\r`; '' for any other. */
function escapedSpace(c: number): string {
  return c === 110 ? '\n' : c === 116 ? '\t' : c === 114 ? '\r' : '';
}

export abstract class StructureScanner extends CitationScanner {

  /** The first character of a value (spaces skipped). */
  protected valueStart(s: string, i: number, c: number): number {
    const o = this.o;
    switch (c) {
      case QUOTE:
        // a string after an element that was no string may be the object's next key (openArray.ts; an
        // array of strings is not looked at, so valid ones cost nothing)
        if (++this.strRun <= 0 && this.elementMayBeKey(s, i)) return this.elementKeyStart(i);
        o.commitPending(i);
        this.beginString(QUOTE, false);
        this.strOpenAt = o.seg.base + i;
        return i + 1;
      case APOS:
      case LDQUO:
      case LSQUO:
        o.commitPending(i);
        this.strRun++;
        this.strOpenAt = o.seg.base + i;
        if (!this.openOddQuote(i, c)) return this.reject(s, i);
        this.beginString(c === APOS ? APOS : c === LDQUO ? RDQUO : RSQUO, false);
        return i + 1;
      case LAQUO:
      case BDQUO:
        // a guillemet opens a string closed by `»`, a German or Polish `„` one closed by `“` or `”` (strQuote BDQUO; trial 11:
        // `{«город»: «Москва»}` kept them as text, `{"«город»": "«Москва»"}`; `{„stadt“: „Berlin“}` was
        // FAILED), kind `smart_quotes` as for `“…”`
        o.commitPending(i);
        this.strRun++;
        this.strOpenAt = o.seg.base + i;
        if (!this.openOddQuote(i, c)) return this.reject(s, i);
        this.beginString(c === LAQUO ? RAQUO : BDQUO, false);
        this.gqLead = true;
        return i + 1;
      case LBRACE:
      case LBRACKET:
        if (this.pyShaped === true && c === LBRACE) {
          // a Python set's `{`? (pythonSet.ts: held until its first member decides)
          const r = this.pySetStart(i);
          if (r >= 0) return r;
        }
        o.commitPending(i);
        this.open(i, c);
        if (c === LBRACE) {
          this.vstate = V_KEY;
          o.startPending(i + 1);
        } else this.vstate = V_VALUE;
        return i + 1;
      case RBRACE:
      case RBRACKET:
      case FW_RBRACE:
      case FW_RBRACKET:
        return this.closer(s, i, c);
      case FW_LBRACE:
      case FW_LBRACKET: {
        // repair: `｛` / `［`, typed full-width as CJK input methods do (trial 7: `｛"name"："张三"｝` FAILED)
        if (!this.rep('fullwidth_punctuation')) return this.endRegion(s, i);
        const ascii = c === FW_LBRACE ? LBRACE : LBRACKET;
        o.commitPending(i);
        this.open(i, ascii);
        o.record(o.repairAt('fullwidth_punctuation', i, 1, ascii === LBRACE ? '{' : '['));
        o.edit(i, i + 1, ascii === LBRACE ? '{' : '[');
        if (ascii === LBRACE) {
          this.vstate = V_KEY;
          o.startPending(i + 1);
        } else this.vstate = V_VALUE;
        return i + 1;
      }
      case LPAREN:
        // repair: a Python tuple `(1, 2)` is the array `[1, 2]` (only where a value is expected inside
        // JSON: a `(` at the top level is prose)
        if (this.stack.length === 0 || !this.rep('python_tuple')) return this.endRegion(s, i);
        if (o.seg.base + i !== this.parenTupleAt) {
          // `(a, b) => {…}` is an arrow function, `(1, 2)` a tuple: the `(` is held until what follows
          // its `)` decides (callText.ts parenAfter); a tuple's text comes back here (parenTupleAt)
          if (!o.pending) o.startPending(i);
          this.startToken(i);
          this.vstate = V_UQSTR;
          this.uqTrail = 0;
          this.callKind = CALL_PAREN;
          this.callNest = '(';
          this.tokLen = 1;
          return i + 1;
        }
        this.parenTupleAt = -1;
        o.commitPending(i);
        this.open(i, c);
        o.record(o.repairAt('python_tuple', i, 1, '['));
        o.edit(i, i + 1, '[');
        this.vstate = V_VALUE;
        return i + 1;
      case RPAREN:
        // `()` and `(1,)`: the tuple ends where a value could start
        if (this.stack[this.stack.length - 1] === LPAREN) return this.closer(s, i, c);
        return this.endRegion(s, i);
      case COLON:
        // repair: `{"a":: 1}` / `{"a": : 1}`: a colon where the value should start is one too many
        if (this.stack[this.stack.length - 1] !== LBRACE || !this.rep('wrong_colon')) return this.endRegion(s, i);
        o.record(o.repairAt('wrong_colon', i, 1, ''));
        o.edit(i, i + 1, '');
        return i + 1;
      case BACKTICK:
        return this.backtick(s, i);
      case EQUALS: {
        // repair: `{"a" := 1}`: the `=` of a colon spelt `:=` (right after the colon) is dropped
        const p = i > 0 ? String.prototype.charCodeAt.call(s, i - 1) : this.prevChar();
        if (p !== COLON || this.stack[this.stack.length - 1] !== LBRACE || !this.rep('wrong_colon')) return this.endRegion(s, i);
        o.record(o.repairAt('wrong_colon', i, 1, ''));
        o.edit(i, i + 1, '');
        return i + 1;
      }
      case COMMA: {
        if (this.stack.length === 0) return this.endRegion(s, i);
        if (this.stack[this.stack.length - 1] === LBRACE) {
          // `{"a": ,` — the value is missing
          if (!this.rep('missing_value')) return this.reject(s, i);
          o.record(o.repairAt('missing_value', i, 0, 'null'));
          o.commitPending(i);
          o.edit(i, i, 'null');
          this.afterValue(i);
          return i;
        }
        // `[1,,2]` or `[,1]`: an extra comma
        if (!this.rep('trailing_comma')) return this.reject(s, i);
        o.record(o.repairAt('trailing_comma', i, 1, ''));
        o.edit(i, i + 1, '');
        return i + 1;
      }
      case SLASH:
        return this.slashValue(s, i);
      case HASH:
        return this.hashValue(s, i);
      default:
        // an element that is no string: the array is no array of strings (quoteAtEnd.ts)
        this.strRun = NOT_STRINGS;
        if (c === ELLIPSIS && this.stack[this.stack.length - 1] === LBRACKET && this.unconfirmed === false) {
          // `[1, 2, …]`: an elision (scalars.ts)
          if (!o.pending) o.startPending(i);
          this.startToken(i);
          return this.startElision(i, V_VALUE);
        }
        if (isDigit(c) || c === MINUS || c === PLUS || c === DOT || c === UMINUS) {
          // an editor's line number starting a line (gutter.ts)
          if (this.gutterNext !== 0 && isDigit(c) && this.gutterMayStart(s, i)) return i;
          if (!o.pending) o.startPending(i);
          this.startToken(i);
          this.vstate = V_NUMBER;
          this.numState = 0;
          this.numBad = false;
          return i;
        }
        if (isWordStart(c)) {
          // an SSE event's `data:` starting a line (gutter.ts)
          if (c === LOWER_D && this.sseCol !== -1 && this.sseMayStart(s, i)) return i;
          if (!o.pending) o.startPending(i);
          this.startToken(i);
          this.wordIsKey = false;
          this.vstate = V_WORD;
          return i;
        }
        if (c === BACKSLASH && this.escQuotes === true && this.stack.length > 0) return this.escapedQuoteOpens(s, i, false);
        if (c === AMP && this.entQuotes === true && this.stack.length > 0) return this.entityOpens(s, i, false);
        if (isLooseValueStart(c) && this.stack.length > 0 && this.rep('unquoted_string')) {
          if (this.quoteCtx === true && this.quoteMarker(s, i)) return i + 1;
          // `{"v": ^1.2.0}`, `{"a": ?}`, `{"h": @user}`: text where a value is expected inside a
          // container is kept as an unquoted string (to a `,`, closer or line end), not taken for the
          // end of the JSON, which dropped the key and every member after it
          if (!o.pending) o.startPending(i);
          this.startToken(i);
          this.vstate = V_UQSTR;
          this.uqTrail = 0;
          return i;
        }
        if (c === LT && this.stack.length > 0 && i + 1 < s.length && isLetter(String.prototype.charCodeAt.call(s, i + 1)) && this.rep('unquoted_string')) {
          // `{"name": <name>}`, `{"n": <your name>}`: a template's placeholder where a value is expected
          // inside a container is an unquoted string (to a `,`, closer or line end), not a tag that ended
          // the JSON and dropped every member. The reasoning stage hands `<` over with the character
          // after it (machine.ts literal(): it reads a `<` here as a possible tag); a reasoning tag is
          // the stage's, a closing tag (`</tool_call>`) still ends the JSON.
          if (!o.pending) o.startPending(i);
          this.startToken(i);
          this.vstate = V_UQSTR;
          this.uqTrail = 0;
          return i;
        }
        // `"read",   <-- can view`: an arrow's note after an element's comma on its line (as after a member's)
        if (c === LT && arrowAt(s, i, c) && this.annotationAfterComma(i)) return this.hashComment(i, V_VALUE);
        return this.endRegion(s, i);
    }
  }
  /** Open a Python set's container at i (pythonSet.ts): on the stack as PYSET, read as an array. */
  protected openSet(i: number): void {
    this.open(i, PYSET);
    this.vstate = V_VALUE;
  }

  /** Open a container (`{`, `[` or a tuple's `(`) at i. */
  private open(i: number, c: number): void {
    if (this.stack.length >= this.maxDepth) {
      throw new StreamFixError('DEPTH_LIMIT', `Nesting is deeper than maxDepth (${this.maxDepth})`, this.o.seg.base + i);
    }
    this.stack.push(c);
    this.stackVer++;
    this.strRun = c === LBRACKET ? 0 : NOT_STRINGS;
    if (this.unconfirmed && this.stack.length > CONFIRM_DEPTH) this.confirm();
  }

  /** A backtick where a value is expected in a container: a JavaScript template literal opens (its
   * backticks become double quotes, `${…}` stays text) unless a second backtick follows at once (a
   * fence, or an empty literal: the JSON ends there, as before). The next character decides; when the
   * backtick ends the segment it is held (HELD_TICK) and the next segment's scan decides. */
  private backtick(s: string, i: number): number {
    const o = this.o;
    if (this.stack.length === 0 || !this.rep('backtick_quotes')) return this.endRegion(s, i);
    if (i + 1 === s.length) {
      return this.holdLast(i, HELD_TICK);
    }
    if (String.prototype.charCodeAt.call(s, i + 1) === BACKTICK) return this.endRegion(s, i);
    o.commitPending(i);
    o.record(o.repairAt('backtick_quotes', i, 1, '"'));
    o.edit(i, i + 1, '"');
    this.beginString(BACKTICK, false);
    return i + 1;
  }

  /** `[1 \`x\`]`: a backtick after an array element opens a template literal after a missing comma,
   * unless a second backtick follows (a fence after a cut value: the JSON ends, as before). When the
   * backtick ends the segment it is held (HELD_TICK_GAP) and the next segment's scan decides. */
  private tickAfterElement(s: string, i: number): number {
    const o = this.o;
    if (i + 1 === s.length) {
      return this.holdLast(i, HELD_TICK_GAP);
    }
    if (String.prototype.charCodeAt.call(s, i + 1) === BACKTICK) return this.endRegion(s, i);
    // repair: the comma before the template literal is missing (valueStart reads the literal)
    o.hold(o.repair('missing_comma', o.pendingStart(), 0, ','));
    o.prependPending(i, ',');
    this.vstate = V_VALUE;
    return i;
  }

  /** A Unicode space between tokens (chars.ts isUnicodeSpace): JSON allows none there, so it is removed
   * (repair `unicode_space`) and the state stays: `{"a":\u00A01}` -> `{"a":1}`. Before, U+00A0 after a
   * colon ended the JSON (`{}`, the member lost) and U+200B started a bare word (trial 6, b06 / b02). */
  protected unicodeSpace(i: number): number {
    const o = this.o;
    this.sciGapSpace(o.seg.base + i);
    o.record(o.repairAt('unicode_space', i, 1, ''));
    o.edit(i, i + 1, '');
    return i + 1;
  }

  /** A `>` at i where a key, a colon, a value or what follows one is expected, inside a value whose first
   * line was a blockquote's (`> {`, quoteCtx; the caller checks it): when only spaces,
   * tabs and other `>` stand before it on its line, it is the quote's marker on a line the value goes on
   * over, no JSON: removed (repair `quote_marker`), the state stays. `> {\n>   "a": 1\n> }` gave FAILED
   * (trial 6 m02); the nested `>> ` alike. Anything else is what it was (a `>` after text on its line).
   * Called where such a `>` would end the value (finish.ts endRegion) or start an unquoted string
   * (valueStart), off the paths valid JSON takes. */
  protected quoteMarker(s: string, i: number): boolean {
    const v = this.vstate;
    if (String.prototype.charCodeAt.call(s, i) !== GT || !(v === V_KEY || v === V_VALUE || v === V_AFTER || v === V_COLON)) return false;
    let k = i - 1;
    while (k >= 0) {
      const c = String.prototype.charCodeAt.call(s, k);
      if (c === LF || c === CR) break;
      if (c !== SPACE && c !== TAB && c !== GT) return false;
      k--;
    }
    // the segment began on this line: what the one before it ended with says (quoteLine, machine.ts)
    if (k < 0 && this.quoteLine === false) return false;
    const o = this.o;
    o.record(o.repairAt('quote_marker', i, 1, ''));
    o.edit(i, i + 1, '');
    return true;
  }

  /** The character at i (a `=`, `#`, `/` or backtick) ends the segment, and the next segment's first
   * character decides what it is: held (MachineState.held), in the pending text. */
  private holdLast(i: number, kind: number): number {
    const o = this.o;
    if (!o.pending) o.startPending(i);
    this.held = kind;
    this.heldPos = o.pos(i);
    return i + 1;
  }

  /** The first character of a segment after a held `=` or backtick (see MachineState.held) decides it. */
  protected resolveHeld(s: string, i: number): number {
    const o = this.o;
    const at = this.heldPos!;
    const c = String.prototype.charCodeAt.call(s, i);
    const kind = this.held;
    this.held = 0;
    if (kind === HELD_HASH) {
      if (C.isSpace(c)) {
        // the held `#` starts a comment (it leaves the pending text, as a comment's text does; a pending
        // text it started is gone with it: `[# note` has no comma to drop, as in one segment)
        o.replaceTail(i, 1, '');
        if (o.pending && o.pendingStart().offset === at.offset) o.dropPending(i);
        this.startComment(i, V_VALUE);
        this.commentIdx = -1;
        this.commentPos = at;
        this.vstate = V_LINE_COMMENT;
        return i;
      }
      // the held `#` starts an unquoted string (the last character of the pending text)
      this.uqRegex = 0;
      this.tokIdx = -1;
      this.tokPos = at;
      this.tokLen = 1;
      this.vstate = V_UQSTR;
      this.uqTrail = 0;
      return i;
    }
    if (kind === HELD_SLASH) {
      if (c === SLASH || c === STAR) {
        // the held `/` starts a comment (it leaves the pending text, as the held `#` does)
        o.replaceTail(i, 1, '');
        if (o.pending && o.pendingStart().offset === at.offset) o.dropPending(i);
        this.startComment(i, V_VALUE);
        this.commentIdx = -1;
        this.commentPos = at;
        this.vstate = c === SLASH ? V_LINE_COMMENT : V_BLOCK_COMMENT;
        return i + 1;
      }
      // the held `/` starts an unquoted string (the last character of the pending text), a pattern's
      this.tokIdx = -1;
      this.tokPos = at;
      this.tokLen = 1;
      this.vstate = V_UQSTR;
      this.uqTrail = 0;
      this.uqRegex = RX_BODY;
      return i;
    }
    if (kind === HELD_BSQ) return this.escapedQuoteHeld(s, i, c, at);
    if (kind === HELD_SMART) return this.smartHeldDecided(i, c, at);
    if (kind === HELD_ENT) return this.entityHeld(s, i, at, false);
    if (kind === HELD_EQ) {
      const arrow = c === GT || c === EQUALS;
      const end = arrow ? i + 1 : i;
      o.replaceTail(end, arrow ? 2 : 1, ':');
      o.record(o.repair('wrong_colon', at, arrow ? 2 : 1, ':'));
      this.colonDone(false);
      return end;
    }
    if (c === BACKTICK) {
      o.replaceTail(i, 1, '');
      return this.tickEndsRegion(s, i, at);
    }
    if (kind === HELD_TICK_GAP) {
      // repair: the comma before the template literal is missing
      o.hold(o.repair('missing_comma', o.pendingStart(), 0, ','));
      o.prependPending(i, ',');
    }
    o.replaceTail(i, 1, '"');
    o.record(o.repair('backtick_quotes', at, 1, '"'));
    o.commitPending(i);
    this.beginString(BACKTICK, false);
    return i;
  }

  /** A held backtick is followed by another (or by the end of the input): the JSON ends at it, and the
   * backticks are text after it, as when they came in one segment. */
  protected tickEndsRegion(s: string, i: number, at: Position, text = '`'): number {
    if (this.unconfirmed) return this.reject(s, i);
    // the JSON is closed where the backtick is, in the segment before this one (nothing of this one is
    // committed yet: the held backtick is decided by its first character)
    const o = this.o;
    const seg = o.seg;
    // a pending text the held backtick started is gone with it (`[` then ```` ``` ````: no comma to drop,
    // as when the backticks came in one segment)
    if (o.pending && o.pendingStart().offset === at.offset) o.dropPending(i);
    o.begin(new Segment('', at.offset, at.line, at.column), 0);
    this.endRegion('', 0);
    o.endSegment(0);
    o.begin(seg, i);
    this.trailPos = at;
    this.trailText = text;
    return i;
  }

  protected entityEndsRegion(s: string, i: number, at: Position, text: string): number {
    return this.tickEndsRegion(s, i, at, text);
  }

  /** A key or `}` expected (spaces skipped). */
  protected keyStart(s: string, i: number, c: number): number {
    const o = this.o;
    if (c === LBRACE && this.doubledBrace(i)) {
      // repair: `{{"name": "Ana"}}`, a template's doubled braces left in the output (trial 12: `{}`, the
      // JSON ended at the second `{`): the second `{` is dropped, and its `}` after the object is trailing
      // text, as any closer after the value; in a confirmed value only (a brace in prose, `{{name}}`, must
      // prove itself as before)
      o.record(o.repairAt('stray_bracket', i, 1, ''));
      o.edit(i, i + 1, '');
      return i + 1;
    }
    if (c === LBRACE && o.hasComma && this.unconfirmed === false && this.objectLeftOpen()) return i;
    if (c === QUOTE) {
      this.beginString(QUOTE, true);
      return i + 1;
    }
    if (c === APOS || c === LDQUO || c === LSQUO || c === LAQUO || c === BDQUO) {
      if (!this.openOddQuote(i, c)) return this.reject(s, i);
      // a single-quoted key: a Python repr (a nested `{` may be a set: pythonSet.ts)
      if (c === APOS) this.pyShaped = true;
      this.beginString(c === APOS ? APOS : c === LDQUO ? RDQUO : c === LAQUO ? RAQUO : c === BDQUO ? BDQUO : RSQUO, true);
      this.gqLead = true;
      return i + 1;
    }
    if (c === RBRACE || c === RBRACKET || c === FW_RBRACE || c === FW_RBRACKET) return this.closer(s, i, c);
    if (c === COMMA) {
      if (!this.rep('trailing_comma')) return this.reject(s, i);
      o.record(o.repairAt('trailing_comma', i, 1, ''));
      o.edit(i, i + 1, '');
      return i + 1;
    }
    if (c === SLASH) return this.startComment(i, V_KEY);
    if (c === HASH && !this.unconfirmed) return this.hashComment(i, V_KEY);
    if ((c === LPAREN || c >= 0x2190) && (c === LPAREN ? o.seg.base + i !== this.parenNotAt : arrowAt(s, i, c)) && this.annotationAfterComma(i)) {
      // `"mode": "fast",   ← changed`, `"plan": "pro", (upgraded)`: a note on the member before it, on its
      // line after the comma (trial 17: the arrow became a key, or the JSON ended there), removed to the
      // line end like a `#` comment (kind `comment`). Not `<--` here: the reasoning stage hands a `<` where
      // a key is expected over alone (a tag after a value is the stage's to see), so a `<` ending a push
      // could not wait for its `-` without changing what a tag there gives. A `(` note ends at its `)`
      // when that comes on its line (`{"a": 1, (see note)}` keeps its `}`), and is one only when a letter
      // follows the `(` (a Python tuple key, `(0, 1): 'b'`, reads as before: parenNoteScan)
      if (c === LPAREN) this.parenNote = -1;
      return this.hashComment(i, V_KEY);
    }
    if ((c === DOT || c === ELLIPSIS) && this.unconfirmed === false) {
      // `{"a": 1, …}`, a `...` line between members: an elision (scalars.ts)
      if (!o.pending) o.startPending(i);
      this.startToken(i);
      return this.startElision(i, V_KEY);
    }
    // an editor's line number starting a line (gutter.ts)
    if (this.gutterNext !== 0 && isDigit(c) && this.gutterMayStart(s, i)) return i;
    // an SSE event's `data:` starting a line (gutter.ts)
    if (c === LOWER_D && this.sseCol !== -1 && this.sseMayStart(s, i)) return i;
    if (isWordChar(c)) {
      this.startToken(i);
      this.keyW1 = 0;
      this.wordIsKey = true;
      this.vstate = V_WORD;
      return i;
    }
    if (c === BACKSLASH && this.rep('escaped_quotes')) return this.escapedQuoteOpens(s, i, true);
    if (c === AMP && this.rep('html_entities')) return this.entityOpens(s, i, true);
    if (c === COLON && this.unconfirmed === false && this.rep('stray_text')) {
      // repair: a Ruby symbol key as `inspect` prints a hash, `{:port=>8080}` (trial 15: `{}`, the JSON
      // ended at the `:`): the symbol's `:` is dropped and the word after it read as a key (`=>` is the colon)
      o.record(o.repairAt('stray_text', i, 1, ''));
      o.edit(i, i + 1, '');
      return i + 1;
    }
    return this.endRegion(s, i);
  }

  /** A `{` where a key is expected after a comma, in an object that is an array's element: the model left
   * the object open before the array's next element (`[{"id": 48, "score": 76,\n {"id": 49, …}]`; trial 17:
   * the JSON ended there, `}]`, and every element after it was an extra value). A `{` cannot start a key, and
   * the array is the one container it can start an element of, so the object closes where its last member
   * ended (a `}` inserted before the held comma, kind `missing_bracket`), the comma is the array's, and the
   * `{` is read again as the next element. Looked at only when a `{` stands there, so a key costs nothing. */
  private objectLeftOpen(): boolean {
    const st = this.stack;
    const n = st.length;
    if (n < 2 || st[n - 1] !== LBRACE || st[n - 2] !== LBRACKET || !this.rep('missing_bracket')) return false;
    const o = this.o;
    o.flushCommitted(o.pA);
    o.emit('}');
    o.repairSink.push(o.repair('missing_bracket', o.pendingStart(), 0, '}'));
    st.pop();
    this.stackVer++;
    this.vstate = V_VALUE;
    return true;
  }

  /** Whether a `{` at i where a key is expected stands right after its object's own `{`: the text held
   * since that `{` (pending from it on, valueStart) is white space only, no comma in it (after a member the
   * held text starts at its comma). Looked at only when a `{` stands there, so a key costs nothing. */
  private doubledBrace(i: number): boolean {
    const o = this.o;
    if (!o.pending || o.hasComma || !this.rep('stray_bracket')) return false;
    const held = o.tail(i, o.heldLength() + i - o.pA);
    for (let k = 0; k < held.length; k++) if (!C.isSpace(held.charCodeAt(k))) return false;
    return true;
  }

  /** A `\` at i where a key (isKey) or, in a value whose quotes are escaped, a value is expected: with a
   * `"` after it, the value's quotes are written escaped (JSON copied from a log where it was a string,
   * `{\"city\": \"Oslo\"}`) and the string opens; with anything else, it is what it was before (a key's
   * place: the end of the JSON; a value's: an unquoted string). Held when it ends the segment. */
  /** Whether a `\` held where a value starts (HELD_BSQ) stands where a key is expected. */
  private bsqKey = false;
  /** ... or after a value in a value whose quotes are escaped (escapedSpaceAfter). */
  private bsqAfter = false;

  private escapedQuoteOpens(s: string, i: number, isKey: boolean): number {
    if (i + 1 === s.length) {
      this.bsqKey = isKey;
      this.bsqAfter = false;
      return this.holdLast(i, HELD_BSQ);
    }
    const n = String.prototype.charCodeAt.call(s, i + 1);
    if (n !== QUOTE) {
      // (where a key is expected, only in a confirmed value: a brace in prose before LaTeX, `{\text{…}}`,
      // `{\n}`, stays prose)
      if ((isKey && this.unconfirmed === false) || this.escQuotes === true) {
        const w = escapedSpace(n);
        if (w !== '') return this.escapedSpace(i, w);
      }
      return isKey ? this.endRegion(s, i) : this.looseValue(i);
    }
    const o = this.o;
    // repair: `\"city\"` -> `"city"`
    o.record(o.repairAt('escaped_quotes', i, 2, '"'));
    if (!isKey) o.commitPending(i);
    o.edit(i, i + 2, '"');
    this.escQuotes = true;
    this.beginString(QUOTE, isKey);
    if (!isKey) this.strOpenAt = o.seg.base + i;
    return i + 2;
  }

  /** An unquoted string starts at i (a `\` where a value is expected and no `"` after it). */
  private looseValue(i: number): number {
    const o = this.o;
    if (!o.pending) o.startPending(i);
    this.startToken(i);
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    return i;
  }

  /** `\n` / `\t` / `\r` written out where white space may stand, in JSON copied from a log where it was a
   * string (`{\n  \"name\": \"Ada\"\n}`; trial 10: `{}`): the line break or tab it stands for (kind
   * `escaped_quotes`, one repair per escape). Where a key is expected, and where a value is expected or one
   * ended in a value whose quotes are escaped. */
  private escapedSpace(i: number, w: string): number {
    const o = this.o;
    o.record(o.repairAt('escaped_quotes', i, 2, w));
    o.edit(i, i + 2, w);
    return i + 2;
  }

  /** A `\` at i after a value, in a value whose quotes are escaped: an escaped line break or tab is white
   * space (escapedSpace); anything else ends the JSON, as before. Held when it ends the segment. */
  private escapedSpaceAfter(s: string, i: number): number {
    if (i + 1 === s.length) {
      this.bsqKey = false;
      this.bsqAfter = true;
      return this.holdLast(i, HELD_BSQ);
    }
    const w = escapedSpace(String.prototype.charCodeAt.call(s, i + 1));
    return w === '' ? this.endRegion(s, i) : this.escapedSpace(i, w);
  }

  /** The character at i decides a `\` held where a key or value is expected (escapedQuoteOpens), or after a
   * value (escapedSpaceAfter). */
  protected escapedQuoteHeld(s: string, i: number, c: number, at: Position): number {
    const o = this.o;
    const w = escapedSpace(c);
    if (w !== '' && ((this.bsqKey && this.unconfirmed === false) || this.bsqAfter || this.escQuotes === true)) {
      // the held `\` and the letter at i: the white space they stand for
      o.replaceTail(i + 1, 2, w);
      o.record(o.repair('escaped_quotes', at, 2, w));
      return i + 1;
    }
    if (this.bsqAfter) {
      this.bsqAfter = false;
      o.replaceTail(i, 1, '');
      return this.tickEndsRegion(s, i, at, '\\');
    }
    if (c === QUOTE) {
      // the held `\` goes; the `"` at i stays
      o.replaceTail(i, 1, '');
      o.record(o.repair('escaped_quotes', at, 2, '"'));
      if (!this.bsqKey) o.commitPending(i);
      this.escQuotes = true;
      this.beginString(QUOTE, this.bsqKey);
      if (!this.bsqKey) this.strOpenAt = at.offset;
      return i + 1;
    }
    if (this.bsqKey) {
      o.replaceTail(i, 1, '');
      return this.tickEndsRegion(s, i, at, '\\');
    }
    // the held `\` starts an unquoted string (the last character of the pending text)
    this.uqRegex = 0;
    this.tokIdx = -1;
    this.tokPos = at;
    this.tokLen = 1;
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    return i;
  }

  protected colon(s: string, i: number, c: number): number {
    const o = this.o;
    if (c === COLON) {
      this.colonDone();
      return i + 1;
    }
    if (c === FW_COLON) {
      // repair: `{"名称"："示例"}`: the colon typed full-width
      o.record(o.repairAt('fullwidth_punctuation', i, 1, ':'));
      o.edit(i, i + 1, ':');
      this.colonDone();
      return i + 1;
    }
    if (c === EQUALS && this.rep('wrong_colon')) {
      // repair: `{"a" = 1}` / `{"a" => 1}` / `{"a" == 1}`: the colon spelt as an assignment, an arrow
      // or a comparison
      if (i + 1 === s.length) {
        // the next character decides `=`, `=>` or `==`: held (the pending text holds the key before it)
        return this.holdLast(i, HELD_EQ);
      }
      const n1 = String.prototype.charCodeAt.call(s, i + 1);
      const n = n1 === GT || n1 === EQUALS ? 2 : 1;
      o.record(o.repairAt('wrong_colon', i, n, ':'));
      o.edit(i, i + n, ':');
      this.colonDone(false);
      return i + n;
    }
    if (c === SLASH) return this.startComment(i, V_COLON);
    if (c === RBRACE || c === COMMA) {
      // `{"a"}` / `{"a", …`: a key without a value
      if (!this.rep('missing_value')) return this.reject(s, i);
      o.insertBeforeTail(i, this.colonWs, ': null');
      o.record(o.repair('missing_value', o.resolve(this.keyEnd), 0, ': null'));
      o.commitPending(i);
      this.afterValue(i);
      return i;
    }
    if (c === QUOTE || c === APOS || c === LBRACE || c === LBRACKET || c === MINUS || isDigit(c) || isWordStart(c) || c === LDQUO) {
      if (!this.rep('missing_colon')) return this.reject(s, i);
      o.record(o.repair('missing_colon', o.resolve(this.keyEnd), 0, ':'));
      o.insertBeforeTail(i, this.colonWs, ':');
      this.vstate = V_VALUE;
      return i;
    }
    return this.endRegion(s, i);
  }

  /** The colon after a key was read: the value comes next. A colon spelt otherwise (`=`, `=>`: a Ruby or
   * PHP hash, a Lua table in prose) does not confirm a candidate: it must still close with no repair a
   * prose brace would need (`${VAR=default}` is no value). */
  private colonDone(confirm = true): void {
    this.vstate = V_VALUE;
    if (confirm && this.unconfirmed && !this.candTopScalar) this.confirm();
  }

  /** A value ended at i (exclusive); `held`: the pending text already holds what followed it (the
   * spaces after a held closing quote, strings.ts), else it starts at i. */
  protected afterValue(i: number, held = false): void {
    const o = this.o;
    // a candidate that has gone on this long without proof is taken: rescanning it would cost more
    if (this.unconfirmed && !this.candTopScalar && o.seg.base + i - this.candPos.offset > CONFIRM_WINDOW) this.confirm();
    if (this.stack.length === 0) {
      if (this.unconfirmed) {
        this.vstate = V_DONE;
        this.doneNewline = false;
        if (!held) o.startPending(i);
        return;
      }
      this.phase = P_AFTER;
      this.trailStart = -1;
      if (!held) o.startPending(i);
      return;
    }
    this.vstate = V_AFTER;
    if (!held) o.startPending(i);
  }

  /** After a value in a container (spaces skipped). */
  protected after(s: string, i: number, c: number): number {
    const o = this.o;
    const inObject = this.stack[this.stack.length - 1] === LBRACE;
    if (c === COMMA) {
      o.markComma(i);
      this.vstate = inObject ? V_KEY : V_VALUE;
      if (this.unconfirmed) this.confirm();
      return i + 1;
    }
    if (c === RBRACE || c === RBRACKET || c === FW_RBRACE || c === FW_RBRACKET) return this.closer(s, i, c);
    if (c === RPAREN && this.stack[this.stack.length - 1] === LPAREN) return this.closer(s, i, c);
    if (c === SLASH) {
      // a `/` that starts no comment is stray text when it is on the value's line (comment())
      const stray = !this.unconfirmed && !(o.pending && o.tail(i, o.heldLength() + i - o.pA).includes('\n'));
      const r = this.startComment(i, V_AFTER);
      this.slashStray = stray;
      return r;
    }
    if (c === SEMICOLON && !this.unconfirmed) return this.semicolon(i, inObject, 'wrong_separator');
    if (c === FW_COMMA || c === IDEO_COMMA || c === ARABIC_COMMA) return this.semicolon(i, inObject, 'fullwidth_punctuation');
    if (c === HASH && !this.unconfirmed && !(o.pending && o.tail(i, o.heldLength() + i - o.pA).includes('\n'))) {
      // `{"a": 1 # note\n, …}`: a Python comment on the value's line (on a line of its own it ends the
      // JSON, as a markdown heading after a cut value does)
      return this.hashComment(i, V_AFTER);
    }
    if (c >= 0x2190 && arrowAt(s, i, c) && !this.unconfirmed && !(o.pending && o.tail(i, o.heldLength() + i - o.pA).includes('\n'))) {
      // `"level": 2   ← changed`: an arrow's note on the value's line, stray text dropped up to the next `,`,
      // closer or the line end (kind `stray_text`), as an operator there is (trial 17: the JSON ended there)
      this.startComment(i, V_AFTER);
      this.vstate = V_STRAY;
      return i + 1;
    }
    if (c === BACKTICK && !inObject && !this.unconfirmed) return this.tickAfterElement(s, i);
    if (c === BACKSLASH && this.escQuotes === true) return this.escapedSpaceAfter(s, i);
    // `5.97 \times 10^{24}`: LaTeX's sign in scientific notation (sciNotation.ts)
    if (c === BACKSLASH && this.sciStarts(i)) return i;
    // an editor's line number starting a line (gutter.ts)
    if (this.gutterNext !== 0 && isDigit(c) && this.gutterMayStart(s, i)) return i;
    // an SSE event's `data:` starting a line (gutter.ts)
    if (c === LOWER_D && this.sseCol !== -1 && this.sseMayStart(s, i)) return i;
    const startsNext = inObject
      ? c === QUOTE || c === APOS || c === LDQUO || c === LSQUO || isWordStart(c)
      : c === QUOTE || c === APOS || c === LDQUO || c === LSQUO || c === LBRACE || c === LBRACKET || c === MINUS || isDigit(c) || isWordStart(c);
    if (startsNext) {
      // `["Oslo" [1], …]`: a citation marker after an element (citation.ts), held until its `]`
      if (c === LBRACKET && !inObject && this.citeStarts(i)) return i;
      // `5.97 × 10^24` after a number: scientific notation (sciNotation.ts), held until its exponent ends
      if (isTimesSign(c) && this.sciStarts(i)) return i;
      // two values in a row: the comma between them is missing
      if (!this.rep('missing_comma')) return this.reject(s, i);
      o.hold(o.repair('missing_comma', o.pendingStart(), 0, ','));
      o.prependPending(i, ',');
      if (inObject) this.gapKeyAt = o.seg.base + i;
      this.vstate = inObject ? V_KEY : V_VALUE;
      if (c === QUOTE && !inObject && this.elementMayBeKey(s, i)) {
        // after any element, a string with no comma before it may be the object's next key (openArray.ts)
        this.strRun++;
        return this.elementKeyStart(i);
      }
      return i;
    }
    if (c === STAR && this.sciStarts(i)) return i;
    if ((isStrayStart(c) || (c === LBRACKET && inObject)) && !this.unconfirmed && !(o.pending && o.tail(i, o.heldLength() + i - o.pA).includes('\n'))) {
      // `{"a": 1 - 2}`: an operator or punctuation on the value's line, not the end of the JSON (a fence,
      // a tag or a new line after the value still end it): dropped up to the next `,` or closer; so is a
      // bracket after a member's value on its line (`{"population": 709037 [2], "area": 454}`: a citation
      // marker, `[cite: 1, 3]`, a note), up to its `]` first (trial 14: the JSON ended there, every member
      // after it lost; one condition with the operators', so this hot function grows by one test)
      this.startComment(i, V_AFTER);
      this.vstate = V_STRAY;
      return i;
    }
    return this.endRegion(s, i);
  }

  /** Whether a note at i where a key is expected stands after the comma of a member on that member's line,
   * in a value the engine has taken as the JSON (a comma held, no line break since it). */
  private annotationAfterComma(i: number): boolean {
    const o = this.o;
    return this.unconfirmed === false && o.pending && o.hasComma && !o.tail(i, o.heldLength() + i - o.pA).includes('\n');
  }

  /** A Python `#` comment at i: removed to the line end (kind `comment`), then the state `ret`. */
  private hashComment(i: number, ret: number): number {
    this.startComment(i, ret);
    this.vstate = V_LINE_COMMENT;
    return i + 1;
  }

  /** A `#` where a value is expected inside a container: a comment when a space or line break follows
   * (`[1, # note`), else the start of an unquoted string (`#fff`). When it ends the segment it is held
   * (HELD_HASH) and the next segment's first character decides. */
  private hashValue(s: string, i: number): number {
    const o = this.o;
    if (this.stack.length === 0 || this.unconfirmed) return this.endRegion(s, i);
    if (i + 1 === s.length) {
      return this.holdLast(i, HELD_HASH);
    }
    if (C.isSpace(String.prototype.charCodeAt.call(s, i + 1))) return this.hashComment(i, V_VALUE);
    if (!o.pending) o.startPending(i);
    this.startToken(i);
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    return i;
  }

  /** A `/` where a value is expected inside a container: a comment when `/` or `*` follows, else the
   * start of an unquoted string, to a `,`, closer or line end (a JavaScript regular expression literal
   * `/^[a-z]+$/i`, a path `/usr/bin`). Before, it was a lone `/` that ended the JSON: the key and every
   * member after it were lost (`{ pattern: /^[a-z]+$/i, flags: "i" }` gave `{}`; trial 6 j05). When it ends
   * the segment it is held (HELD_SLASH) and the next segment's first character decides. */
  private slashValue(s: string, i: number): number {
    const o = this.o;
    if (this.stack.length === 0 || this.unconfirmed || !this.rep('unquoted_string')) return this.startComment(i, V_VALUE);
    if (i + 1 === s.length) {
      return this.holdLast(i, HELD_SLASH);
    }
    const n = String.prototype.charCodeAt.call(s, i + 1);
    if (n === SLASH || n === STAR) return this.startComment(i, V_VALUE);
    if (!o.pending) o.startPending(i);
    this.startToken(i);
    this.vstate = V_UQSTR;
    this.uqTrail = 0;
    this.uqRegex = RX_OPEN;
    return i;
  }

  /** `{"a": 1; "b": 2}` / `[1; 2]`: a `;` after a value in a container is the comma (as models write
   * from C-like habits), and so is a full-width `，` (kind `fullwidth_punctuation`); it is held like a
   * comma, so a closer after it drops it (dropTrailingComma). */
  private semicolon(i: number, inObject: boolean, kind: 'wrong_separator' | 'fullwidth_punctuation'): number {
    const o = this.o;
    if (!o.pending) o.startPending(i);
    // repair: the separator replaced by a comma
    const r = o.repairAt(kind, i, 1, ',');
    o.hold(r);
    this.semiRep = r;
    o.edit(i, i + 1, ',');
    o.markCarriedComma(i);
    this.vstate = inObject ? V_KEY : V_VALUE;
    return i + 1;
  }

  /** The comma held in the pending text is trailing (a closer or the end follows): removed. A `;` or `，`
   * read as that comma keeps one repair of its own kind, now the one that removes it. */
  protected dropTrailingComma(): void {
    const o = this.o;
    const at = o.dropComma();
    const semi = this.semiRep;
    this.semiRep = null;
    if (semi !== null && semi.offset === at.offset) {
      o.unhold(semi);
      o.hold(o.repair(semi.kind, at, 1, ''));
    } else o.hold(o.repair('trailing_comma', at, 1, ''));
  }

  /** A closing bracket at i, in any state where one may come. */
  protected closer(s: string, i: number, closing: number): number {
    const o = this.o;
    // `｝` / `］`: the closer typed full-width (repaired below, once it closes something)
    const fw = closing === FW_RBRACE || closing === FW_RBRACKET;
    const c = closing === FW_RBRACE ? RBRACE : closing === FW_RBRACKET ? RBRACKET : closing;
    const stack = this.stack;
    const want = c === RBRACE ? LBRACE : c === RBRACKET ? LBRACKET : LPAREN;
    if (c === RPAREN && !this.rep('python_tuple')) return this.reject(s, i);
    if (stack.length === 0) return this.endRegion(s, i);
    let k = stack.length - 1;
    while (k >= 0 && stack[k] !== want) k--;
    // a Python set's `}` (pythonSet.ts)
    if (k !== stack.length - 1 && c === RBRACE && stack[stack.length - 1] === PYSET) return this.setCloser(s, i);
    if (k < 0) {
      // nothing open matches: a stray bracket
      if (!this.rep('stray_bracket')) return this.reject(s, i);
      o.record(o.repairAt('stray_bracket', i, 1, ''));
      o.edit(i, i + 1, '');
      return i + 1;
    }
    this.resolveBeforeCloser(s, i);
    if (this.rescan) return i;
    if (k < stack.length - 1) {
      if (!this.rep('mismatched_bracket')) return this.reject(s, i);
      let closers = '';
      for (let j = stack.length - 1; j > k; j--) closers += closerOf(stack[j]);
      o.record(o.repairAt('mismatched_bracket', i, 0, closers));
      o.edit(i, i, closers);
      stack.length = k + 1;
      this.stackVer++;
    }
    stack.pop();
    this.stackVer++;
    // the element that closed is a container: the array around it is no array of strings (and a `[`
    // after it with no comma is the next element, not a citation: citation.ts)
    this.strRun = AFTER_CONTAINER;
    if (c === RPAREN) {
      // repair: the tuple's `)` is the array's `]`
      o.record(o.repairAt('python_tuple', i, 1, ']'));
      o.edit(i, i + 1, ']');
    } else if (fw) {
      o.record(o.repairAt('fullwidth_punctuation', i, 1, c === RBRACE ? '}' : ']'));
      o.edit(i, i + 1, c === RBRACE ? '}' : ']');
    }
    if (this.unconfirmed && !this.candTopScalar) this.confirm();
    this.afterValue(i + 1);
    return i + 1;
  }

  /** The `}` at i closes the Python set open innermost (pythonSet.ts): written `]`, kind `python_set`. */
  private setCloser(s: string, i: number): number {
    const o = this.o;
    this.resolveBeforeCloser(s, i);
    if (this.rescan) return i;
    this.stack.pop();
    this.stackVer++;
    this.strRun = AFTER_CONTAINER;
    // repair: the set's `}` is the list's `]`
    o.record(o.repairAt('python_set', i, 1, ']'));
    o.edit(i, i + 1, ']');
    if (this.unconfirmed && !this.candTopScalar) this.confirm();
    this.afterValue(i + 1);
    return i + 1;
  }

  /** Settle the held text before a closer: a trailing comma goes, a missing value becomes null. */
  protected resolveBeforeCloser(s: string, i: number): void {
    const o = this.o;
    const st = this.vstate;
    // In an object, V_VALUE means a key and its colon were read (`{"a": 1, "b": }`): the comma before them
    // is no trailing comma, the value is missing.
    if (o.hasComma && (st === V_KEY || (st === V_VALUE && this.stack[this.stack.length - 1] !== LBRACE))) {
      if (!this.rep('trailing_comma')) {
        this.reject(s, i);
        return;
      }
      this.dropTrailingComma();
    } else if (st === V_VALUE && o.pending && this.stack[this.stack.length - 1] === LBRACE) {
      if (!this.rep('missing_value')) {
        this.reject(s, i);
        return;
      }
      o.hold(o.repairAt('missing_value', i, 0, 'null'));
      o.commitPending(i);
      o.edit(i, i, 'null');
      return;
    } else if (st === V_COLON) {
      if (!this.rep('missing_value')) {
        this.reject(s, i);
        return;
      }
      o.hold(o.repair('missing_value', o.resolve(this.keyEnd), 0, ': null'));
      o.insertBeforeTail(i, this.colonWs, ': null');
    }
    o.commitPending(i);
  }

  // ---- comments

  protected startComment(i: number, ret: number): number {
    const o = this.o;
    this.commentRet = ret;
    this.commentIdx = i;
    this.commentPos = null;
    this.commentStar = false;
    this.slashStray = false;
    this.strayDepth = 0;
    // what comes before the comment is settled apart from it
    if (o.pending) o.materialize(i);
    else o.flushCommitted(i);
    this.vstate = V_SLASH;
    return i + 1;
  }

  protected comment(s: string, i: number, len: number): number {
    const o = this.o;
    if (this.vstate === V_SLASH) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === SLASH) this.vstate = V_LINE_COMMENT;
      else if (c === STAR) this.vstate = V_BLOCK_COMMENT;
      else if (this.slashStray === true) {
        // `{"a": 1 /3}`: a `/` on the value's line that starts no comment is stray text, dropped up to
        // the next `,` or closer (with a trace: its repair's range), and the JSON goes on
        this.vstate = V_STRAY;
        return i;
      } else {
        // a lone `/` is not JSON: removed like a comment that never started, and the JSON region
        // ends at what follows it (the same wherever a chunk boundary falls)
        if (!this.rep('comment')) return this.reject(s, i);
        const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
        o.record(o.repair('comment', at, 1, ''));
        this.commentIdx = -1;
        this.vstate = this.commentRet;
        o.emitFrom = i;
        if (o.pending) o.pA = i;
        return this.endRegion(s, i);
      }
      i++;
    }
    if (this.vstate === V_LINE_COMMENT) {
      if (this.parenNote !== 0) return this.parenNoteScan(s, i, len);
      while (i < len) {
        const c = String.prototype.charCodeAt.call(s, i);
        if (c === LF || c === CR) return this.endComment(i);
        i++;
      }
      return i;
    }
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.commentStar && c === SLASH) return this.endComment(i + 1);
      this.commentStar = c === STAR;
      i++;
    }
    return i;
  }

  /** Stray text (V_STRAY) runs to a `,` or closer, the line end, a tag or a fence; a `,` or `]` inside a
   * bracket it opened is its own text (`[cite: 1, 3]`). */
  protected stray(s: string, i: number, len: number): number {
    if (this.citeStage !== 0) return this.cite(s, i, len);
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === LBRACKET) this.strayDepth++;
      else if (this.strayDepth > 0 && (c === RBRACKET || c === COMMA)) {
        if (c === RBRACKET) this.strayDepth--;
      } else if (c === COMMA || c === RBRACE || c === RBRACKET || c === LF || c === CR || c === LT || c === BACKTICK) return this.endComment(i);
      i++;
    }
    return i;
  }

  /** Depth of the parentheses of a `(` note after a member's comma (keyStart), 0 in any other comment; -1
   * before the character after its `(` is read. */
  private parenNote = 0;
  /** Where a `(` was found to start no note (read again from there as before). */
  private parenNotAt = -1;

  /** A `(` note's text from i: it ends after its matching `)`, or at the line end. */
  private parenNoteScan(s: string, i: number, len: number): number {
    if (this.parenNote === -1 && i < len) {
      // the character after the `(`: a letter makes it a note; anything else, the `(` is read again as before
      if (!C.isApostropheNext(String.prototype.charCodeAt.call(s, i))) {
        const o = this.o;
        const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
        this.commentIdx = -1;
        this.commentPos = null;
        this.parenNote = 0;
        this.vstate = this.commentRet;
        o.emitFrom = i;
        if (o.pending) o.pA = i;
        this.parenNotAt = at.offset;
        return this.rescanHeld(i, '(', at);
      }
      this.parenNote = 1;
    }
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === LF || c === CR) {
        this.parenNote = 0;
        return this.endComment(i);
      }
      i++;
      if (c === LPAREN) this.parenNote++;
      else if (c === RPAREN && --this.parenNote === 0) return this.endComment(i);
    }
    return i;
  }

  /** A comment or stray text ends at i: removed, with a repair for its range. */
  protected endComment(i: number): number {
    const o = this.o;
    const kind = this.vstate === V_STRAY ? 'stray_text' : 'comment';
    if (!this.rep(kind)) return this.reject(o.seg.text, i);
    const ci = this.commentIdx;
    if (ci >= 0) o.record(o.repairAt(kind, ci, i - ci, ''));
    else {
      const at = this.commentPos!;
      o.record(o.repair(kind, at, o.seg.base + i - at.offset, ''));
    }
    this.commentIdx = -1;
    this.commentPos = null;
    o.emitFrom = i;
    if (o.pending) o.pA = i;
    this.vstate = this.commentRet;
    return i;
  }
}
