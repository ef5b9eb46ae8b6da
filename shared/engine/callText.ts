/**
 * A call or a function where a value is expected, as Python's repr and JavaScript object literals write
 * them: `{'when': datetime.datetime(2026, 11, 30, 9, 0)}`, `{'scores': array([0.1, 0.2])}`,
 * `{onClick: function () { return 1; }}`. They start as an unquoted string (scalars.ts); before, that
 * string ended at the first comma inside the parentheses and the call's arguments became keys. Here,
 * once an unquoted value's text so far is a dotted name (or `new Name`) followed at once by `(`, or is
 * `function` (its parameter list or body next), `async` before an arrow's parameters, or an arrow's head
 * before its `{` body (`x => {`), the brackets in it are counted: inside them a `,` or a
 * closer is the call's text, and so is a line break in a function or inside a list or dict of a call; strings (`'…'`, `"…"`, `` `…` ``, escapes respected) and
 * comments (`//`, `/* *\/`) in them are skipped over. When the brackets balance, the value ends as any
 * unquoted string does (at a `,`, a closer or a line end). A closer that closes no bracket of the call
 * (`foo(1}`) ends the value before it, and so does a line break with only the call's own `(` open; the end of the input inside the call closes it as a cut value
 * (TRUNCATED), its text kept. The value is held to its end, as any unquoted value is, so nothing is taken
 * back; its state survives a push (callNest and callQuote below).
 *
 * What the value becomes (scalars.ts endUnquoted, kinds in types.ts): the call's source text as one
 * string (`call_text`), or a JS function's (`js_function`); `Decimal('1.5')` the number 1.5
 * (`python_decimal`), `UUID('…')` its hex string (`python_uuid`).
 */
import * as C from './chars';
import { ConcatScanner } from './concat';
import { Segment } from './segment';
import * as S from './state';

const { APOS, BACKSLASH, BACKTICK, CR, EQUALS, GT, LBRACE, LBRACKET, LF, LPAREN, QUOTE, RBRACE, RBRACKET, RPAREN, SLASH, SPACE, STAR, TAB } = C;
const { V_VALUE } = S;

/** callKind: what the unquoted value is. */
export const CALL_NONE = 0;
export const CALL_CALL = 1; // `name(…)`
export const CALL_FUNCTION = 2; // `function (…) {…}`
/** A `(` where a value is expected (structure.ts): an arrow function's parameters (`(a, b) => …`) or a
 * Python tuple (`(1, 2)`)? Held, its brackets read as a call's, until what follows its `)` decides:
 * CALL_PAREN while the brackets and the spaces after them are read, CALL_PAREN_EQ after a `=` there. */
export const CALL_PAREN = 3;
export const CALL_PAREN_EQ = 4;
/** How much of a `(…)` is held undecided (the parenthesis, its text, the spaces after it): a parameter
 * list is short; past it the text is a tuple, read as one at once (its `[` goes out). */
export const PAREN_PROBE_MAX = 256;

/** callCmt: a comment inside the call's brackets. */
const CMT_NONE = 0;
const CMT_SLASH = 1; // a `/`: a comment if `/` or `*` follows
const CMT_LINE = 2;
const CMT_BLOCK = 3;
const CMT_STAR = 4; // a `*` in a block comment: its end if `/` follows

/** The text of an unquoted value before a `(` that makes it a call: a dotted name, or `new` and one. */
const CALLEE = /^(?:new\s+)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
/** ... or a JS function's head, before its parameter list (`async` alone: an async arrow function's). */
const FUNCTION_HEAD = /^(?:async\s+function\s*\*?\s*(?:[A-Za-z_$][\w$]*\s*)?|function\s*\*?\s*(?:[A-Za-z_$][\w$]*\s*)?|async\s+)$/;
/** An arrow function's head before its `{` body: `x => `, `async (a, b) => `. */
const ARROW_HEAD = /^(?:async\s+)?(?:[A-Za-z_$][\w$]*|\([^()]*\))\s*=>\s*$/;

export abstract class CallTextScanner extends ConcatScanner {
  /** A line break at i read inside the call (machine.ts: pushValue's fast mode counts it, as runValue's
   * loops over the spaces between tokens do). */
  protected abstract lineBreak(i: number, c: number): void;
  /** The value (whose text so far the pending text's last tokLen characters are) ended before i. */
  protected abstract endUnquoted(i: number): number;

  /** A `(` (or, after a function's parameters, a `{`) at i of an unquoted value: does it open a call's
   * brackets? Sets callKind when it does. */
  protected callOpens(i: number, c: number): boolean {
    if (this.stack.length === 0 || this.uqRegex !== 0) return false;
    if (c === LBRACE) {
      if (this.callKind === CALL_NONE && ARROW_HEAD.test(this.o.tail(i, this.tokLen))) this.callKind = CALL_FUNCTION;
      return this.callKind === CALL_FUNCTION;
    }
    if (this.callKind !== CALL_NONE) return true;
    const head = this.o.tail(i, this.tokLen);
    if (this.uqTrail === 0 && CALLEE.test(head)) this.callKind = CALL_CALL;
    else if (FUNCTION_HEAD.test(head)) this.callKind = CALL_FUNCTION;
    return this.callKind !== CALL_NONE;
  }

  /** The call's text from i while a bracket of it is open. Returns where it stopped: its brackets
   * balanced (callNest ''), the value ended (a closer of no bracket of the call), or the segment's end. */
  protected callText(s: string, i: number, len: number): number {
    let nest = this.callNest;
    let q = this.callQuote;
    let cmt = this.callCmt;
    const start = i;
    let stop = -1;
    // a `(` probe reads no further than its bound (parenIsTuple below decides at it)
    const lim = this.callKind === CALL_PAREN ? Math.min(len, start + PAREN_PROBE_MAX - this.tokLen) : len;
    while (i < lim) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (c === LF || c === CR) {
        // a call's line break with only its own `(` open ends the value there, as an unquoted value's does:
        // Python's reprs break lines only inside a list or dict (numpy's `array([1, 2,\n 3])`), and a `(`
        // never closed (`{"a": f(x\n "b": 2}`) must not take the members after it for its text
        if (q === 0 && cmt === CMT_NONE && nest.length === 1 && this.callKind === CALL_CALL) {
          stop = i;
          break;
        }
        this.lineBreak(i, c);
      }
      if (q !== 0) {
        if (this.callEsc) this.callEsc = false;
        else if (c === BACKSLASH) this.callEsc = true;
        else if (c === q) q = 0;
      } else if (cmt !== CMT_NONE) {
        if (cmt === CMT_SLASH) {
          cmt = c === SLASH ? CMT_LINE : c === STAR ? CMT_BLOCK : CMT_NONE;
          if (cmt === CMT_NONE) continue; // read c again
        } else if (cmt === CMT_LINE) {
          if (c === LF || c === CR) cmt = CMT_NONE;
        } else if (cmt === CMT_BLOCK) {
          if (c === STAR) cmt = CMT_STAR;
        } else cmt = c === SLASH ? CMT_NONE : c === STAR ? CMT_STAR : CMT_BLOCK;
      } else if (c === QUOTE || c === APOS || c === BACKTICK) q = c;
      else if (c === SLASH) cmt = CMT_SLASH;
      else if (c === LPAREN || c === LBRACKET || c === LBRACE) nest += s[i];
      else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        const open = String.prototype.charCodeAt.call(nest, nest.length - 1);
        if (open !== (c === RPAREN ? LPAREN : c === RBRACKET ? LBRACKET : LBRACE)) {
          // `foo(1}`: a closer of no bracket of the call ends the value before it (the call is cut)
          if (c !== RPAREN) {
            stop = i;
            break;
          }
        } else {
          nest = nest.slice(0, -1);
          if (nest === '') {
            i++;
            break;
          }
        }
      }
      i++;
    }
    this.tokLen += i - start;
    this.uqTrail = 0;
    this.callNest = nest;
    this.callQuote = q;
    this.callCmt = cmt;
    if (stop >= 0) return this.endUnquoted(stop);
    if (i === lim && i < len && nest !== '') return this.parenIsTuple(i);
    return i;
  }

  /** After a held `(…)`'s `)` (CALL_PAREN, CALL_PAREN_EQ), from i: spaces, then `=>` makes it an arrow
   * function's parameters (its text goes on as a function's, to the value's end); anything else, a tuple.
   * Returns where it stopped (the segment's end while undecided). */
  protected parenAfter(s: string, i: number, len: number): number {
    while (i < len) {
      const c = String.prototype.charCodeAt.call(s, i);
      if (this.callKind === CALL_PAREN_EQ) {
        if (c !== GT) return this.parenIsTuple(i);
        // `(a, b) =>`: an arrow function (its body next, `{…}` or an expression)
        this.callKind = CALL_FUNCTION;
        this.tokLen++;
        this.uqTrail = 0;
        return i + 1;
      }
      if (this.tokLen >= PAREN_PROBE_MAX) return this.parenIsTuple(i);
      if (c === EQUALS) this.callKind = CALL_PAREN_EQ;
      else if (c !== SPACE && c !== TAB) return this.parenIsTuple(i);
      this.tokLen++;
      i++;
    }
    return i;
  }

  /** The held `(…)` ending before i is a tuple: its text is taken out of the pending text and scanned
   * again from its `(`, which then opens the tuple (parenTupleAt; structure.ts), as if a push had ended
   * before it. Only in a confirmed value (a candidate in prose rejects a tuple), so no candidate's raw
   * text is kept twice. */
  protected parenIsTuple(i: number): number {
    const o = this.o;
    const held = o.tail(i, this.tokLen);
    const at = this.tokPos === null ? o.pos(this.tokIdx) : this.tokPos;
    o.replaceTail(i, held.length, '');
    this.callDone();
    this.tokIdx = -1;
    this.tokPos = null;
    this.tokLen = 0;
    this.uqTrail = 0;
    this.vstate = V_VALUE;
    this.parenTupleAt = at.offset;
    o.endSegment(i);
    this.rescan = new Segment(held, at.offset, at.line, at.column);
    return i;
  }

  /** Whether the value being read is a call still open (its brackets, a string or a comment in it):
   * the end of the input cuts it. */
  protected callCut(): boolean {
    return this.callNest !== '' || this.callQuote !== 0;
  }

  /** The value's end: no call state is left for the next token. */
  protected callDone(): void {
    this.callKind = CALL_NONE;
    this.callNest = '';
    this.callQuote = 0;
    this.callEsc = false;
    this.callCmt = CMT_NONE;
  }
}
