/** The end of the JSON region (the input ended, or text that cannot be JSON came) and the text after it. */
import { correctionCue } from './answer';
import { CALL_PAREN } from './callText';
import * as C from './chars';
import { NUM_THOU } from './numberTokens';
import { SET_OPEN } from './pythonSet';
import { SCI_OPEN } from './sciNotation';
import { bracketStartsProse, markerAt } from './runStart';
import { Segment } from './segment';
import * as S from './state';
import { StructureScanner } from './structure';
import type { Position } from './types';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  BACKTICK,
  LBRACE,
  LBRACKET,
  RBRACE,
  RBRACKET,
  isSpace,
} = C;
const {
  P_BEFORE,
  P_VALUE,
  P_AFTER,
  B_TEXT,
  B_TAG,
  B_TICKS,
  B_FENCE_INFO,
  V_VALUE,
  V_KEY,
  V_COLON,
  V_AFTER,
  V_STRING,
  V_ESCAPE,
  V_NUMBER,
  V_WORD,
  V_UQSTR,
  V_SLASH,
  V_LINE_COMMENT,
  V_BLOCK_COMMENT,
  V_DONE,
  V_SQ_CLOSE,
  V_DQ_CLOSE,
  V_KEY_SPACE,
  V_STRAY,
  V_STR_COMMA,
  V_GQ_SPACE,
  V_CONCAT,
  HELD_EQ,
  HELD_HASH,
  HELD_SMART,
  HELD_ENT,
  HELD_BSQ,
  HELD_SLASH,
  V_DQ_WORD,
  V_TRIPLE_END,
  V_ELEM_KEY,
  V_ELEM_KEY_END,
  V_STR_CLOSERS,
  V_SQ_DQ,
  V_ELISION,
  V_GUTTER,
  closerOf,
} = S;

export abstract class Finisher extends StructureScanner {
  /** Text that cannot continue the value starts at i: close what is open, the rest is trailing. The
   * value was not cut (the input goes on), so closing it here is a repair, not a truncation: TRUNCATED
   * says the input ended inside the value. */
  protected endRegion(s: string, i: number): number {
    // a blockquote's `>` starting a line inside the value (structure.ts quoteMarker)
    if (this.quoteCtx === true && this.quoteMarker(s, i)) return i + 1;
    if (this.unconfirmed) return this.reject(s, i);
    const truncated = this.truncated;
    this.finishValue(i);
    this.truncated = truncated;
    this.o.commitPending(i);
    this.phase = P_AFTER;
    this.trailStart = -2;
    return i;
  }

  /** The end decided a held text (an editor's line number that is none, a `(…)` with no arrow): it is
   * scanned again (rescan), then the end goes on in `seg` at i, where it was. */
  private rescanAtEnd(seg: Segment, i: number): void {
    const again = this.rescan;
    if (again === null) return;
    this.rescan = null;
    this.process(again);
    this.o.begin(seg, i);
  }

  /** Close everything open at segment index i (the end of the input or of the JSON region). */
  protected finishValue(i: number): void {
    const o = this.o;
    if (this.held === HELD_BSQ) {
      // a `\` the input ends after, where a key or value starts: no quote after it (escapedQuoteOpens)
      this.held = 0;
      if (this.escapedQuoteHeld(o.seg.text, i, NaN, this.heldPos!) !== i || this.phase !== P_VALUE) return;
    }
    if (this.held === HELD_ENT) {
      // an entity's start the input ends in: no entity (htmlEntities.ts)
      this.held = 0;
      this.entityHeld(o.seg.text, i, this.heldPos!, true);
      if (this.phase !== P_VALUE) return;
    }
    if (this.held === HELD_SMART) {
      // a `’` / `”` the input ends after closes its string (smartQuoteCloses: the end is a delimiter)
      this.held = 0;
      this.smartHeldDecided(i, NaN, this.heldPos!);
    }
    if (this.held !== 0) {
      // a held `=` goes with its dangling key (V_COLON below); a held backtick ends the JSON at it
      const tick = this.held !== HELD_EQ && this.held !== HELD_HASH && this.held !== HELD_SLASH;
      if (this.held === HELD_HASH || this.held === HELD_SLASH) {
        // a `#` (a `/`) the input ends after: an empty comment, removed
        o.replaceTail(i, 1, '');
        o.record(o.repair('comment', this.heldPos!, 1, ''));
      }
      this.held = 0;
      if (tick) {
        o.replaceTail(i, 1, '');
        this.tickEndsRegion(o.seg.text, i, this.heldPos!);
        return;
      }
    }
    for (let guard = 0; guard < 8 && this.phase === P_VALUE; guard++) {
      const st = this.vstate;
      if (st === V_DQ_CLOSE) {
        this.heldQuoteCloses(i);
        continue;
      }
      if (st === V_DQ_WORD) {
        this.loneQuoteCloses(i);
        continue;
      }
      if (st === V_CONCAT) {
        this.concatFails(i);
        continue;
      }
      if (st === V_STR_CLOSERS) {
        this.closersAtEnd(i);
        continue;
      }
      if (st === V_ELEM_KEY) {
        this.elemEnds(i);
        continue;
      }
      if (st === V_ELEM_KEY_END) {
        this.elemQuoteHeld(i);
        continue;
      }
      if (st === V_TRIPLE_END) {
        this.tripleRunEnds(i);
        continue;
      }
      if (st === V_SQ_DQ) {
        this.mixedEnd(i);
        continue;
      }
      if (st === V_GUTTER) {
        // the input ends inside an editor's line number (gutter.ts): one if complete, else read again
        const seg = o.seg;
        this.gutterAtEnd(i);
        this.rescanAtEnd(seg, i);
        continue;
      }
      if (st === V_STRAY && this.citeStage >= SCI_OPEN) {
        // the input ends inside scientific notation after a number (sciNotation.ts): a number when its
        // exponent is whole, else read as before
        const seg = o.seg;
        this.sciAtEnd(i);
        this.rescanAtEnd(seg, i);
        continue;
      }
      if (st === V_STRAY && this.citeStage >= SET_OPEN) {
        // the input ends inside the probe of a Python set's `{` (pythonSet.ts): an object, read as before
        const seg = o.seg;
        this.setDecided(i, false);
        this.rescanAtEnd(seg, i);
        continue;
      }
      if (st === V_ELISION) {
        this.endElision(i);
        continue;
      }
      if (st === V_GQ_SPACE) {
        // spaces held in a guillemet string: removed after its `«` only (no `»` follows them)
        if (this.gqWs < 0) this.vstate = V_STRING;
        else this.guillemetDecided(i, NaN);
        continue;
      }
      if (st >= V_STR_COMMA) {
        // (an inner quote's end held with a comma is scanned again after it: quoteProbe.ts)
        const seg = o.seg;
        this.probeEnd(i);
        this.rescanAtEnd(seg, i);
        continue;
      }
      if (st === V_KEY_SPACE || (st === V_WORD && this.wordIsKey && this.keyW1 > 0)) {
        // the words of an unquoted key end without a colon: split as always (keys.ts), or scanned again
        const seg = o.seg;
        this.keySplit(o.seg.text, i);
        this.rescanAtEnd(seg, i);
        continue;
      }
      if (st === V_STRING || st === V_ESCAPE || st === V_SQ_CLOSE) {
        if (st === V_SQ_CLOSE) {
          this.singleQuoteClose(o.seg.text, i);
          continue;
        }
        if (this.strIsKey) {
          this.danglingKey(i);
          continue;
        }
        if (st === V_ESCAPE && this.escBuf.length === 2 && this.escBuf !== '\\u') {
          // a held `\f` / `\b` / `\n` / `\r` / `\t` (strings.ts escapeSlow) the input ends after: no letter follows, a valid escape
          this.escDone(i, null, 2);
          continue;
        }
        if (st === V_ESCAPE || this.surrogateHeld) {
          // an escape or a surrogate pair cut off: replaced by the closing quote
          let cut: { at: Position; length: number };
          if (this.escOwnPending || this.surrogateHeld) cut = o.dropPending(i);
          else {
            cut = { at: this.tokPos!, length: this.escBuf.length };
            o.replaceTail(i, this.escBuf.length, '');
          }
          this.escBuf = '';
          this.escOwnPending = false;
          this.surrogateHeld = false;
          o.record(o.repair('unclosed_string', cut.at, cut.length, '"'));
        } else o.record(o.repairAt('unclosed_string', i, 0, '"'));
        o.edit(i, i, '"');
        this.truncated = true;
        this.afterValue(i);
      } else if (st === V_NUMBER && this.numState >= NUM_THOU) {
        // (a space and what followed it may be held text to scan again: thousands.ts)
        const seg = o.seg;
        this.thousandsAtEnd(i);
        this.rescanAtEnd(seg, i);
        continue;
      } else if (st === V_NUMBER) {
        this.truncated = this.truncated || this.numberCut(i);
        this.endNumber(o.seg.text, i, true);
      } else if (st === V_WORD) {
        this.endWord(o.seg.text, i, true);
      } else if (st === V_UQSTR) {
        if (this.callKind >= CALL_PAREN) {
          // a held `(…)` the input ends in (or after) without an arrow: a tuple, its text read again as one
          // (callText.ts); then the end comes again, here
          const seg = o.seg;
          this.parenIsTuple(i);
          this.rescanAtEnd(seg, i);
          continue;
        }
        // a call whose brackets the end cut (callText.ts) is a cut value, kept as far as it came
        if (this.callCut()) this.truncated = true;
        this.endUnquoted(i);
      } else if (st === V_SLASH || st === V_LINE_COMMENT || st === V_BLOCK_COMMENT || st === V_STRAY) {
        const at = this.commentIdx >= 0 ? o.pos(this.commentIdx) : this.commentPos!;
        // (a citation marker the input ends in is stray text too: citation.ts)
        if (this.citeStage !== 0) this.citeCut();
        o.record(o.repair(st === V_STRAY ? 'stray_text' : 'comment', at, o.seg.base + i - at.offset, ''));
        this.vstate = this.commentRet;
      } else if (st === V_VALUE) {
        if (o.pending) {
          const inObject = this.stack[this.stack.length - 1] === LBRACE;
          const d = o.dropPending(i);
          o.record(o.repair(inObject ? 'dangling_key' : 'trailing_comma', d.at, d.length, ''));
          this.truncated = true;
        }
        if (this.stack.length === 0) return; // nothing was ever there
        this.vstate = V_AFTER;
      } else if (st === V_KEY) {
        if (o.hasComma) this.dropTrailingComma();
        o.commitPending(i);
        this.vstate = V_AFTER;
      } else if (st === V_COLON) {
        this.danglingKey(i);
        this.truncated = true;
      } else if (st === V_AFTER) {
        o.commitPending(i);
        break;
      } else if (st === V_DONE) {
        this.confirm();
        o.commitPending(i);
        this.phase = P_AFTER;
        return;
      }
    }
    if (this.phase !== P_VALUE) return;
    const stack = this.stack;
    if (stack.length > 0) {
      let closers = '';
      for (let j = stack.length - 1; j >= 0; j--) closers += closerOf(stack[j]);
      o.commitPending(i);
      o.record(o.repairAt('unclosed_container', i, 0, closers));
      o.edit(i, i, closers);
      stack.length = 0;
      this.stackVer++;
      this.truncated = true;
    }
    o.commitPending(i);
  }

  // =====================================================================================
  // After the value
  // =====================================================================================

  // ---- after the value: trailing text (the fields it keeps are in state.ts)

  protected runAfter(s: string, i: number, len: number): number {
    const o = this.o;
    if (this.trailStart === -1) {
      while (i < len && isSpace(String.prototype.charCodeAt.call(s, i))) i++;
      if (i === len) return i;
      // something other than spaces follows the value: the spaces are not part of the JSON
      if (o.pending) o.dropPending(i);
      this.trailStart = -2;
    }
    // from here on nothing is output
    if (this.trailPos === null) {
      while (i < len && isSpace(String.prototype.charCodeAt.call(s, i))) i++;
      if (i === len) {
        o.emitFrom = o.pA = len;
        return i;
      }
      this.trailPos = o.pos(i);
    }
    this.trailText += s.slice(i);
    o.emitFrom = o.pA = len;
    return len;
  }

  /** Record the text after the value: a closing fence and wrapper tags by their kind, more top-level
   * values as `extra_value`, the rest as trailing text. `held`: the value was chosen among the
   * candidates of prose-started text (answer.ts), where a value after it counts as another top-level
   * value only inside the answer's block (before a closing fence) and alone on its line; after the block,
   * or with words after it on its line (`[1] Annual report.`, a footnote marker), it is trailing text.
   * `lineStart`: `text` starts a line (a list item's marker there may lead in a further value).
   * `diffPlus`: the answer stood on a diff's `+` line (answer.ts diffLines): a `- {…}` line is the
   * removed value, trailing text, not a further value. */
  protected stripTrailing(at: Position, text: string, held = false, lineStart = false, diffPlus = false): void {
    const seg = new Segment(text, at.offset, at.line, at.column);
    const here = (i: number): Position => ({ offset: at.offset + i, line: seg.line(i), column: seg.column(i) });
    let i = 0;
    let inBlock = true; // held: before the answer's closing fence
    const again = this.trailAfterReasoning && !held;
    this.trailAfterReasoning = false;
    let first = true;
    for (;;) {
      while (i < text.length && isSpace(String.prototype.charCodeAt.call(text, i))) i++;
      const rest = text.slice(i);
      const m = /^`{3,}/.exec(rest) ?? /^<\/?[A-Za-z_][\w:.-]*>/.exec(rest);
      if (m) {
        const fence = m[0].charCodeAt(0) === BACKTICK;
        this.strip(fence ? 'fence' : 'wrapper', here(i), m[0]);
        i += m[0].length;
        if (fence) inBlock = false;
        continue;
      }
      // a chat template's marker after the value (`{"id": 7}</s>[INST] thanks [/INST]`: a base model running
      // on into the next turn) is a wrapper like a tag, not another value (trial 11: `["INST"]` was an
      // `extra_value`, REPAIRED)
      const mk = markerAt(rest, 0);
      if (mk > 0) {
        this.strip('wrapper', here(i), rest.slice(0, mk));
        i += mk;
        continue;
      }
      if (held && !inBlock) break;
      // a log line's or a shell prompt's bracketed prefix (`[INFO] done`, `[2026-11-30 14:02] …`) is text,
      // as at a run's start (runStart.ts), not another value (trial 11: `["INFO"]` an `extra_value`)
      if (String.prototype.charCodeAt.call(rest, 0) === 91 && bracketStartsProse(rest, 1) === true) break;
      // citation markers on the value's own line (`{"a": 1} [1][2]`, as answers from a search write
      // them): trailing text, not more values (trial 7: REPAIRED, `[1]` and `[2]` extra values)
      if (i === C.leadingSpaces(text) && !/[\r\n]/.test(text.slice(0, i)) && FOOTNOTES.test(rest)) break;
      // a reference list's entry starting a line (`[1] https://…`, `[1]: https://…`, `[^1]: At sea level.`,
      // as search answers end): trailing text, not another value (trial 14: `[1]` an `extra_value`, REPAIRED)
      if (REFERENCE.test(rest) && (i === 0 ? at.column === 0 || lineStart : /\n[ \t]*$/.test(text.slice(Math.max(0, i - 64), i)))) break;
      // another top-level value (`{"a":1}{"b":2}`: parallel tool calls in one arguments string) is
      // not trailing prose: it gets a kind of its own, and the status says the text was not one value
      // (also after a comma: `{"a":1}, {"b":2}` is a list the model did not bracket, not prose)
      // (held: the next item of a markdown list of records, its marker trailing text: `1. {"id": 1}\n2. {"id": 2}`)
      const item = held ? LIST_ITEM.exec(rest) : null;
      if (item !== null && (i === 0 ? lineStart : /\n[ \t]*$/.test(text.slice(Math.max(0, i - 64), i)))) {
        if (diffPlus && item[0].charCodeAt(0) === 45) {
          // a diff's removed line after the added one (t13r2-16): its text to the line's end is trailing
          const e = rest.indexOf('\n');
          const line = C.trimSpacesEnd(e < 0 ? rest : rest.slice(0, e));
          this.strip('trailing', here(i), line);
          i += line.length;
          continue;
        }
        const n = valueExtent(rest.slice(item[0].length));
        if (n < 0 || wordsAfter(rest.slice(item[0].length + n, item[0].length + n + 64))) break;
        this.strip('trailing', here(i), item[0].replace(/[ \t]+$/, ''));
        i += item[0].length;
        continue;
      }
      const sep = /^,\s*/.exec(rest);
      const from = sep ? sep[0].length : 0;
      const value = from > 0 ? rest.slice(from) : rest;
      let n = valueExtent(value);
      const balanced = n >= 0;
      // a further value cut by the end (`{"a": 1}{"b": 2`: a second tool call's arguments cut at
      // max_tokens) is another value all the same, not prose, when it starts like JSON (`{oops` does not)
      if (n === OPEN_AT_END && !held && CUT_VALUE.test(value)) n = C.trimSpacesEnd(value).length;
      if (n < 0 || (held && wordsAfter(rest.slice(from + n, from + n + 64)))) break;
      this.extraValue = true;
      // the first value right after a reasoning block that followed the answer (interleaved thinking:
      // `{"a": 1}<think>Wait, b is missing.</think>{"a": 1, "b": 2}`) is the answer given again after
      // more thought: a correction (takeCorrections takes it, as any, only when balanced), not a further
      // value (trial 10)
      this.strip(again && first && from === 0 && balanced ? 'correction' : 'extra_value', here(i), rest.slice(0, from + n));
      first = false;
      i += from + n;
    }
    // a value the text corrects the streamed one with (`Actually, use {"a": 2} instead.`): text that
    // starts as JSON cannot take it back, so it is recorded apart, not lost in the trailing text, and the
    // status says REPAIRED
    for (let found = 0; !held && found < MAX_CORRECTIONS; found++) {
      const cue = correctionCue(text.slice(i));
      if (cue < 0) break;
      const v = valueAfter(text, i + cue);
      if (v === null) break;
      const before = C.trimSpacesEnd(text.slice(i, v.start));
      this.strip('trailing', here(i), before);
      this.strip('correction', here(v.start), text.slice(v.start, v.end));
      // the output is a value the text itself takes back: not VALID (as with a second value, REPAIRED),
      // so a caller that reads only the status (the gateway's x-streamfix-status) learns it too
      this.extraValue = true;
      i = v.end;
      while (i < text.length && isSpace(String.prototype.charCodeAt.call(text, i))) i++;
    }
    const rest = C.trimSpacesEnd(text.slice(i));
    if (rest !== '') this.strip('trailing', here(i), rest);
  }

  protected finishInput(): void {
    const o = this.o;
    if (this.phase === P_BEFORE) {
      switch (this.bstate) {
        case B_TAG:
          this.proseAppend(this.tagBuf, this.tagPos!);
          this.tagBuf = '';
          break;
        case B_TICKS:
          this.endTicks();
          if ((this.bstate as number) === B_FENCE_INFO) this.openFence();
          break;
        case B_FENCE_INFO:
          this.openFence();
          break;
      }
      this.bstate = B_TEXT;
      this.finishProse();
      return;
    }
    if (this.phase === P_VALUE) {
      // (a lone number's scientific notation cut before its exponent is whole, `5 x 10`: prose, as before)
      if (this.unconfirmed && this.candTopScalar && !(this.vstate === V_STRAY ? this.sciWhole() : this.scalarStandsAtEnd())) {
        // a word at the start that is no JSON value (`nothing`, `tomorrow`): it was prose after all
        this.reject('', 0);
        const again = this.rescan!;
        this.rescan = null;
        // the rescan runs in a segment of its own; the end is located in the end's (a value found in the
        // rescanned text, `'x [1, 2`, was closed at the rescan's first position)
        const end = o.seg;
        this.process(again);
        o.begin(end, 0);
        this.finishInput();
        return;
      }
      if (this.unconfirmed) this.confirm();
      this.finishValue(0);
      this.phase = P_AFTER;
      o.endSegment(0);
    }
    // after the value: held spaces are part of valid JSON text; trailing text is recorded
    if (o.pending) o.commitPending(0);
    o.endSegment(0);
    if (this.trailPos !== null) this.stripTrailing(this.trailPos, this.trailText);
  }
}

/** A markdown list item's marker and the spaces after it, before a value (a number and `.` or `)`, or `-` `*` `+`). */
const LIST_ITEM = /^(?:\d{1,3}[.)]|[-*+])[ \t]+(?=[{[])/;

/** Whether text follows a value on its line (`[1] Annual report.`), other than a comma or a closing fence. */
function wordsAfter(after: string): boolean {
  return /^[ \t]*[^\s,`]/.test(after);
}

/** Later corrections recorded after a streamed value, and brackets tried after each cue: each try may
 * read the rest of the text once, so the bounds keep the work linear. */
const MAX_CORRECTIONS = 4;
const MAX_BRACKET_TRIES = 8;

/** The first balanced value in `text` from `from` on (its range), or null. */
function valueAfter(text: string, from: number): { start: number; end: number } | null {
  const open = /[{[]/g;
  open.lastIndex = from;
  for (let k = 0; k < MAX_BRACKET_TRIES; k++) {
    const m = open.exec(text);
    if (m === null) return null;
    const n = valueExtent(text.slice(m.index));
    if (n >= 0) return { start: m.index, end: m.index + n };
  }
  return null;
}

/** valueExtent: the value's brackets are still open where the text ends. */
const OPEN_AT_END = -2;
/** How a value cut by the end starts when it is JSON, not a note in brackets (`[Note: …`, `{oops`): a
 * key (quoted, or a word and a colon) or `}` after `{`, a value or `]` after `[`, or nothing more. */
/** A run of citation or footnote markers (`[1]`, `[12][3]`, `[^1]`) that ends its line. */
const FOOTNOTES = /^(?:\[(?:\d{1,3}|\^[\w-]{1,32})\][ \t]*)+(?:\r?\n|$)/;
/** A reference list entry's start: a marker (`[1]`, `[^note]`), then a colon or words on its line. */
const REFERENCE = /^\[(?:\d{1,3}|\^[\w-]{1,32})\](?::|[ \t]+[^\s[{,])/;
const CUT_VALUE = /^(?:\{\s*(?:$|["'}]|[A-Za-z_$][\w$]*\s*:)|\[\s*(?:$|["'{[\]\d-]|(?:true|false|null)\b))/;

/** Length of the bracketed value `text` starts with (strings respected), or -1 when it starts with
 * none or its brackets do not balance, OPEN_AT_END when the text ends inside it. */
function valueExtent(text: string): number {
  const c0 = String.prototype.charCodeAt.call(text, 0);
  if (c0 !== LBRACE && c0 !== LBRACKET) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = String.prototype.charCodeAt.call(text, i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === LBRACE || c === LBRACKET) depth++;
    else if (c === RBRACE || c === RBRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  return depth > 0 ? OPEN_AT_END : -1;
}
