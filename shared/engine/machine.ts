/**
 * The streaming repair machine: push/end/view, and the driver that hands each segment to the stage its
 * phase and state name. The stages are the class chain state.ts -> before.ts -> strings.ts -> scalars.ts
 * -> structure.ts -> finish.ts -> here; one object holds all the state.
 */
import * as C from './chars';
import { StreamFixError } from './errors';
import { Finisher } from './finish';
import { type Candidate, pickAnswer, type Region } from './answer';
import { createReasoningScanner, harmonyChannel, type ReasoningScanner } from './reasoning';
import { bracketStartsProse, markerAt, NON_ANSWER_TAGS, TAG_NAME_MAX } from './runStart';
import { lineOfSpaces } from './gutterLine';
import { isTimesSign } from './sciNotation';
import { Segment } from './segment';
import { uEscapeStart } from './strings';
import * as S from './state';
import type { ListCutOf, Position, RepairOptions, RepairResult, StreamUpdate, Stripped, Repair } from './types';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  APOS,
  BACKSLASH,
  BACKTICK,
  BDQUO,
  LDQUO,
  RDQUO,
  RAQUO,
  COLON,
  COMMA,
  CR,
  LF,
  LT,
  QUOTE,
  RBRACE,
  RBRACKET,
  SPACE,
  TAB,
  escapeControl,
} = C;
const {
  EMIT_FOLD,
  KeptOutput,
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
  V_ELISION,
  V_GUTTER,
  V_SLASH,
  V_LINE_COMMENT,
  V_BLOCK_COMMENT,
  V_DONE,
  V_SQ_CLOSE,
  V_DQ_CLOSE,
  V_KEY_SPACE,
  V_STRAY,
  V_STR_COMMA,
  V_KEY_PROBE,
  V_KEY_PROBE_END,
  V_IQ_COMMA,
  V_IQ_WORD,
  V_IQ_END,
  V_IQ_BARE,
  V_CONCAT,
  V_DQ_WORD,
  V_TRIPLE_END,
  V_ELEM_KEY,
  V_ELEM_KEY_END,
  V_STR_CLOSERS,
  V_SQ_DQ,
  V_GQ_SPACE,
  CONFIRM_WINDOW,
} = S;
const { isSpace } = C;

// On the per-push path a boolean or nullable field is tested with a strict comparison (`=== true`,
// `!== null`), not by its truthiness: V8 records no field type for booleans and null, so `if (this.flag)`
// compiles to a full ToBoolean (false, '', an undetectable map, a number, a bigint: up to 11
// instructions), a strict comparison to one.

/** A machine run over part of the text (held prose, see answer.ts): where it starts, whether it stops
 * at the end of its first value, and whether it starts in the middle of the held text (after a
 * candidate: no scalar starts there). It has no reasoning stage and holds nothing back. */
interface Sub {
  at: Position;
  stopAfter: boolean;
  midText: boolean;
}

/** The info words of a fence that opens a JSON answer (lower case); any other (`js`, `python`) is code. */
const JSON_FENCE_INFO = new Set(['', 'json', 'json5', 'jsonc', 'jsonl', 'ndjson']);
/** The longest fence info word read before the run is decided (what before.ts reads as info, at most). */
const FENCE_INFO_MAX = 64;

/** Whether text[0, len) ends on a line of nothing but spaces, tabs and `>` (a blockquote's markers):
 * `before` when all of it is such characters (the line began in an earlier segment). */
function lineOfMarkers(text: string, len: number, before: boolean): boolean {
  for (let k = len - 1; k >= 0; k--) {
    const c = String.prototype.charCodeAt.call(text, k);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62) return false;
  }
  return before;
}

/** Whether a run whose first character is the `<` at head[i] starts with prose: a tag whose name says its
 * content is not the answer (`<draft>`, `<example>`; trial 10: `<draft>\n{"title": "Hello"}\n</draft>\n<final>
 * {…}</final>` gave the draft, the run taken for JSON at its first tag), so the run is held and the end picks
 * its answer among the values as in prose. Any other tag (`<answer>`, `<json>`, `<tool_call>`) starts JSON
 * as before; null while the name is still being read. */
function tagStartsProse(head: string, i: number): boolean | null {
  let j = i + 1;
  while (j < head.length && j - i <= TAG_NAME_MAX + 1) {
    const c = String.prototype.charCodeAt.call(head, j) | 0x20;
    if (c < 97 || c > 122) break;
    j++;
  }
  if (j === i + 1 || j - i > TAG_NAME_MAX + 1) return false;
  if (j === head.length) return null;
  const c = String.prototype.charCodeAt.call(head, j);
  return (c === 62 || c === 32 || c === 9 || c === 10 || c === 13) && NON_ANSWER_TAGS.has(head.slice(i + 1, j).toLowerCase());
}

/** Whether a run whose first character is a `{` (head[j] the one after it) starts a LaTeX group: a
 * backslash and two ASCII letters (`{\text{a}}`, `{\frac{1}{2}}`, `{\bf x}`, `{\nu}`), which no JSON
 * value starts with; JSON written with escaped quotes or line breaks (`{\"a\": 1}`, `{\n  \"a\"…`,
 * `{\t\"a\"…`) has no second letter there. null (the run waits: at most 3 characters) while the
 * characters after the `{` end the text so far and may still be one. */
function braceStartsLatex(head: string, j: number): boolean | null {
  for (let k = 0; k < 3; k++) {
    if (j + k === head.length) return null;
    const c = String.prototype.charCodeAt.call(head, j + k);
    if (k === 0 ? c !== BACKSLASH : !C.isAsciiLetter(c)) return false;
  }
  return true;
}

/** Whether `text` starts (after spaces) with a LaTeX group (braceStartsLatex). */
function latexStart(text: string): boolean {
  const i = C.leadingSpaces(text);
  return String.prototype.charCodeAt.call(text, i) === 123 && braceStartsLatex(text, i + 1) === true;
}

/** Whether a run of content whose first non-space character is head[i] starts with prose (held until
 * decided) rather than as JSON (`{`, `[`), a JSON fence or a tag; null while a backtick or two cannot tell
 * a fence from inline code yet, or a fence's info word is still being read. A bare scalar (`42`,
 * `"text"`), a list (`1.`, `- `) or a fence of other code (```` ```js ````: its object is code, the answer
 * may follow) is held too: the end decides it exactly as it would have; so is a `[` that starts a log
 * line's or a shell prompt's prefix (`[INFO] …`, `[2026-11-30 14:02:11] …`; runStart.ts). */
function runStartsProse(head: string, i: number, latex: boolean): boolean | null {
  const c = String.prototype.charCodeAt.call(head, i);
  if (c === 91) return bracketStartsProse(head, i + 1);
  if (c === 60) return tagStartsProse(head, i);
  if (c === 123) return latex && braceStartsLatex(head, i + 1);
  if (c !== 96) return true;
  let j = i;
  while (j < head.length && String.prototype.charCodeAt.call(head, j) === 96) j++;
  if (j - i < 3) return j === head.length ? null : true;
  const m = /^[ \t]*([\w+.-]*)/.exec(head.slice(j, j + FENCE_INFO_MAX + 1))!;
  if (j + m[0].length === head.length && m[0].length <= FENCE_INFO_MAX) return null;
  return !JSON_FENCE_INFO.has(m[1].toLowerCase());
}

/** Runs of prose (split by reasoning blocks) held back at most before the answer is decided: a real
 * answer has a few; past it HOLDBACK_LIMIT, as for held characters. */
export const MAX_HELD_RUNS = 4096;

/** The empty list every update without repairs or stripped spans shares (frozen: one allocation less
 * per push on the hot path). */

const NONE: readonly never[] = Object.freeze([]);

export class Machine extends Finisher {
  /** The reasoning stage in front of the scanners: reasoning blocks and harmony markers never reach
   * them; a `<` inside a value's string is text. */
  private readonly scan: ReasoningScanner = createReasoningScanner({
    content: (seg) => this.onContent(seg),
    reasoning: (t) => {
      this.reasoningOut += t;
    },
    span: (st) => this.onSpan(st),
    loneClose: (tag, at) => this.onLoneClose(tag, at),
    literal: () =>
      this.gathering
        ? this.gDepth > 0 && this.gInString
        : this.phase === P_VALUE &&
          (!this.unconfirmed || this.vstate === V_STRING || this.vstate === V_ESCAPE || this.vstate === V_SQ_CLOSE || this.vstate >= V_STR_COMMA) &&
          // where a value is expected inside a container, a `<` may be a tag, or a placeholder the
          // engine reads as a string (`{"name": <name>}`, structure.ts): the stage hands it over with
          // the character after it, whatever the chunking (not while a held character, a backtick or a
          // `#`, waits for it: the `<` decides that one, as before)
          (this.vstate !== V_VALUE || this.stack.length === 0 || this.held !== 0),
    // markdown code hides a tag before the value only: the confirmed value's chunks skip the stage
    markdown: () => this.gathering || this.phase === P_BEFORE || this.unconfirmed,
  });

  // ---- held prose (see answer.ts). A run of content (from the start, or after a reasoning span)
  // that starts with prose is gathered here instead of scanned: a lone closing tag makes it reasoning,
  // the end decides its answer. State surviving a push: whether the run's first character is still to
  // come (and the spaces before it), the text gathered and where it starts, the closed runs.
  private runOpen = true;
  /** The last marker was a harmony header of the `commentary` channel (a tool call, `to=functions.x`, a
   * tool's result, or a preamble to the user): the run after it is held as prose-started text even when it
   * starts as JSON, so a `final` channel's value after it is the answer (trial 9: a tool call's arguments,
   * the tool's result, then the final answer gave the call's arguments); with no final channel the end
   * picks among the held runs (a text that is only a tool call gives its arguments). */
  private heldChannel = false;
  private runWs = '';
  private runWsLead = 0;
  private runWsPos: Position | null = null;
  private gathering = false;
  private gatherText = '';
  private gatherPos: Position = { offset: 0, line: 0, column: 0 };
  // just enough JSON to know whether a `<` in gathered text is inside a string (as split.ts)
  private gDepth = 0;
  private gInString = false;
  private gEscaped = false;
  private readonly regions: Region[] = [];
  /** Characters of the closed held runs: with the open one, held text (maxHoldBack), however many runs
   * reasoning blocks split it into; and at most MAX_HELD_RUNS runs (each is an object, however short). */
  private regionChars = 0;
  /** The candidates tentative() found in closed runs, kept: it scans only the open run again. */
  private readonly knownCandidates = new Map<Region, Candidate[]>();

  // ---- pushValue's mode (runValue stops where the reasoning stage or a line count is needed) and the
  // line breaks runValue read between tokens: how many, the index of the last
  private fast = false;
  private nl = 0;
  private nlAt = 0;
  /** Characters pushValue took past the reasoning stage since it was last told (scan.passed): told
   * before the stage is next used (syncScan), not at every push (its closure's stores, ~45 instructions
   * a 16-character push). lineEnd and colEnd are where they end. */
  private passedLen = 0;
  /** lineEnd and colEnd are still to be taken from the reasoning stage, which locates a long chunk's end
   * only when asked (its lazyEnd): a whole text repaired at once whose end needs no position (the
   * value complete, see end()) never counts its lines past the last repair. */
  private endStale = false;

  constructor(
    private readonly options: RepairOptions = {},
    private readonly sub: Sub | null = null,
  ) {
    super(options);
    if (sub) {
      this.total = sub.at.offset;
      this.lineEnd = sub.at.line;
      this.colEnd = sub.at.column;
      if (sub.midText) this.scalarStart = false;
    }
  }

  // =====================================================================================
  // Public driver
  // =====================================================================================

  push(chunk: string): StreamUpdate {
    if (this.failure !== null) throw this.failure;
    if (this.ended === true) throw new StreamFixError('STREAM_ENDED', 'push() called after end()', this.total);
    if (typeof chunk !== 'string') {
      throw new StreamFixError('INVALID_INPUT', `push() takes a string, got ${chunk === null ? 'null' : typeof chunk}`, this.total);
    }
    // `'' + chunk` is known to be a string, whose length is one field load; `chunk.length` was a lookup in
    // an inline cache keyed on the string's representation, megamorphic once a process has seen varied
    // input (as heldLength())
    const n = ('' + chunk).length;
    if (this.total + n > this.maxInputLength) {
      this.failure = new StreamFixError('INPUT_TOO_LARGE', `Input is longer than maxInputLength (${this.maxInputLength} characters)`, this.maxInputLength);
      throw this.failure;
    }
    try {
      if (this.sub !== null) {
        const seg = new Segment(chunk, this.total, this.lineEnd, this.colEnd);
        this.total += n;
        this.process(seg);
        this.lineEnd = seg.line(n);
        this.colEnd = seg.column(n);
      } else {
        this.total += n;
        if (this.endStale === true) this.locateEnd();
        if (this.phase === P_VALUE && this.unconfirmed === false && this.stack.length > 0 && this.gathering === false && this.scan.idle === true) this.pushValue(chunk, n);
        else {
          if (this.passedLen !== 0) this.syncScan();
          this.scan.push(chunk, 0, true);
          this.endStale = true;
        }
      }
      if (this.o.heldLength() > this.maxHoldBack || this.candRaw.length > this.maxHoldBack || this.regionChars + ('' + this.gatherText).length > this.maxHoldBack) {
        throw new StreamFixError('HOLDBACK_LIMIT', `More than maxHoldBack (${this.maxHoldBack}) characters are held back undecided`, this.total);
      }
    } catch (e) {
      this.fast = false; // a throw out of pushValue must not leave runValue stopping short
      if (e instanceof StreamFixError) this.failure = e;
      throw e;
    }
    return this.takeUpdate();
  }

  /**
   * A chunk inside a confirmed value, the common case of a stream, scanned without the reasoning
   * stage: there every `<` is text (its `literal()`), so the stage would pass the chunk on as it is,
   * and what it costs per push is its plumbing and its end-of-chunk line count (~45 ns of a ~240 ns
   * 16-character push measured). runValue counts the line breaks it reads in the spaces between tokens
   * (where pretty-printed JSON has them) and in this mode stops where the stage or a line count is
   * needed: before a `<` outside a string (the value may end there, and the stage must see what
   * follows), and before a string's raw control character and a comment (their text may hold a line
   * break; no other state consumes one). It stops where the value ends too. The rest of the chunk from
   * there goes to the stage as usual, which counts the whole chunk itself; to the machine the stop is
   * one more chunk boundary. Only inside a container: a top-level number or word would end the value on
   * the peek of a `<` after it, which the stage must see first.
   */
  protected lineBreak(i: number, c: number): void {
    if (this.fast === true && c === LF) {
      this.nl++;
      this.nlAt = i;
    }
  }

  private pushValue(chunk: string, len: number): void {
    // not the segment the last character before this chunk may still be read from (prevChar)
    const b = this.segLastB === false;
    const seg = (b ? this.valueSegB : this.valueSegA).reset(chunk, this.total - len, this.lineEnd, this.colEnd);
    this.o.begin(seg, 0);
    this.candIdx = 0;
    this.proseFrom = -1;
    this.nl = 0;
    this.fast = true;
    const i = this.runValue(chunk, 0, len);
    this.fast = false;
    this.charsScanned += i;
    this.endSegment(seg, i);
    if (i > 0) {
      this.segLastIdx = i - 1;
      this.segLastB = b;
    }
    if (i === len) {
      if (this.nl > 0) {
        this.lineEnd += this.nl;
        this.colEnd = len - this.nlAt - 1;
      } else this.colEnd += len;
      this.passedLen += len;
      return;
    }
    this.pushRest(chunk, i);
  }

  /** The value stopped at i, before the chunk's end: a held text to scan again first (if any), then the
   * rest of the chunk through the reasoning stage. Not in pushValue: push() inlines pushValue only while
   * its bytecode is small (with the rescan here it grew 269 -> 295 bytes and push() called it, +50
   * instructions a push). */
  private pushRest(chunk: string, i: number): void {
    if (this.rescan !== null) {
      // held text scanned again (thousands.ts: what followed a number's comma was no group)
      const again = this.rescan;
      this.rescan = null;
      this.process(again);
    }
    if (this.passedLen !== 0) this.syncScan();
    this.scan.push(chunk, i);
    this.lineEnd = this.scan.line;
    this.colEnd = this.scan.column;
  }

  /** The reasoning stage told of the characters pushValue took past it (passedLen). */
  private syncScan(): void {
    this.scan.passed(this.passedLen, this.lineEnd, this.colEnd);
    this.passedLen = 0;
  }

  private locateEnd(): void {
    if (this.passedLen !== 0) this.syncScan();
    this.scan.locate();
    this.lineEnd = this.scan.line;
    this.colEnd = this.scan.column;
    this.endStale = false;
  }

  end(): RepairResult & { final: string; reasoning: string; finalRepairs: readonly Repair[] } {
    if (this.ended) throw new StreamFixError('STREAM_ENDED', 'end() called twice', this.total);
    this.ended = true;
    if (this.failure) return this.failed(this.failure.code, this.failure.message, this.failure.offset);
    try {
      if (!this.sub) {
        if (this.passedLen !== 0) this.syncScan();
        this.scan.end();
      }
      this.flushRunWs();
      this.closeRegion();
      // after the value (P_AFTER) finishInput asks no position at the end (the held text is committed,
      // trailing text has its own): the end of a whole text is located only when something may be
      // repaired or recorded there
      if (this.endStale && this.phase !== P_AFTER) this.locateEnd();
      const seg = new Segment('', this.total, this.lineEnd, this.colEnd);
      this.o.begin(seg, 0);
      this.finishInput();
      if (this.regions.length > 0) this.decideRegions();
    } catch (e) {
      if (e instanceof StreamFixError) return this.failed(e.code, e.message, e.offset);
      throw e;
    }
    const update = this.takeUpdate();
    if (!this.valueSeen) {
      return { ...this.failed('NO_JSON', 'No JSON value found in the input', this.total), reasoning: update.reasoning, finalRepairs: update.repairs };
    }
    const json = this.keepOutput ? this.emitted : null;
    const status = this.truncated ? 'TRUNCATED' : this.repairs.length > 0 || this.extraValue ? 'REPAIRED' : 'VALID';
    return { status, json, ...this.lists(), final: update.output, reasoning: update.reasoning, finalRepairs: update.repairs };
  }

  view(): string | null {
    if (this.keepOutput === false) throw this.outputNotKept();
    if (this.valueSeen === false || this.unconfirmed === true) return null;
    if (this.phase !== P_VALUE || this.vstate === V_DONE) return this.kept.all;
    // the value's own `{` held while its first member tells a Python set from a dict (pythonSet.ts)
    if (this.vstate === V_STRAY && this.stack.length === 0) return null;
    if (this.closersVer !== this.stackVer) {
      this.closers.update(this.stack);
      this.closersVer = this.stackVer;
    }
    const inString = (this.vstate === V_STRING || this.vstate === V_ESCAPE || this.vstate === V_SQ_CLOSE || this.vstate === V_DQ_CLOSE || this.vstate >= V_STR_COMMA) && this.strIsKey === false;
    // a comma and spaces held in a string (quoteProbe.ts) are its text until a key or element follows
    // them; with the quote after them, they ended it
    if (this.vstate === V_STR_COMMA) return this.kept.all + this.o.carry + this.closers.text(true);
    if (this.vstate === V_KEY_PROBE && this.probeHeldQuote()) return this.kept.all + this.o.carry + this.closers.text(false);
    return this.kept.all + this.closers.text(inString);
  }

  // =====================================================================================
  // What the reasoning stage reports
  // =====================================================================================

  /** A reasoning block or a marker was removed at `st`: close what runs before it, then record it. */
  private onSpan(st: Stripped): void {
    this.flushRunWs();
    this.closeRegion();
    this.settle(st);
    // interleaved thinking: the text after a reasoning block that follows the value may give it again
    // (a harmony header between them, `<|start|>assistant<|channel|>final<|message|>`, keeps it so)
    this.trailAfterReasoning = this.phase === P_AFTER && (st.kind === 'reasoning' || (st.kind === 'wrapper' && this.trailAfterReasoning));
    if (this.phase === P_BEFORE) {
      this.finishProse();
      this.confirmNext = true;
      this.runOpen = true;
      this.heldChannel = st.kind === 'wrapper' && harmonyChannel(st.text) === 'commentary';
    }
    this.stripped.push(st);
    this.newStripped.push(st);
    this.anythingBefore = true;
  }

  /** A closing tag with no opening one: before the value, the prose before it was reasoning. */
  private onLoneClose(tag: string, at: Position): boolean {
    if (this.gathering) {
      const text = this.gatherText;
      const lead = C.leadingSpaces(text);
      const seg = new Segment(text, this.gatherPos.offset, this.gatherPos.line, this.gatherPos.column);
      const from = lead < text.length ? { offset: seg.base + lead, line: seg.line(lead), column: seg.column(lead) } : at;
      this.strip('reasoning', from, text.slice(lead) + tag);
      this.reasoningOut += text.trim();
      this.gathering = false;
      this.gatherText = '';
      this.runOpen = true;
      this.confirmNext = true;
      return true;
    }
    if (this.phase === P_AFTER || (this.phase === P_VALUE && !this.unconfirmed)) return false;
    this.flushRunWs();
    this.settle(at);
    if (this.phase !== P_BEFORE) return false;
    this.tagPos = at;
    this.finishProse('reasoning', tag);
    this.confirmNext = true;
    this.runOpen = true;
    return true;
  }

  /** Content from the reasoning stage: scanned, or gathered when its run starts with prose. */
  private onContent(seg: Segment): void {
    if (this.gathering) {
      this.gather(seg.text);
      return;
    }
    if (this.runOpen && this.phase === P_BEFORE) {
      const t = seg.text;
      // the characters held so far are not scanned again (runWsLead: where the first one that is not a
      // space is in runWs): whitespace arriving in many small pushes before the value was quadratic
      let i: number;
      if (this.runWsLead === this.runWs.length) {
        let j = 0;
        while (j < t.length && isSpace(String.prototype.charCodeAt.call(t, j))) j++;
        this.charsScanned += j;
        i = this.runWs.length + j;
      } else i = this.runWsLead;
      // whitespace before the value waits with it (it goes out when JSON follows): held text, bounded alike,
      // counted whatever the chunking (one-shot and streaming fail alike)
      if (i > this.maxHoldBack) {
        throw new StreamFixError('HOLDBACK_LIMIT', `More than maxHoldBack (${this.maxHoldBack}) characters of whitespace before the value are held back undecided`, seg.base - this.runWs.length + this.maxHoldBack);
      }
      const head = this.runWs + t;
      const marker = i === head.length ? -1 : markerAt(head, i);
      if (marker > 0) {
        this.startMarker(head, i, marker, seg);
        return;
      }
      const prose = i === head.length || marker === 0 ? null : this.heldChannel || runStartsProse(head, i, this.sub === null && this.options.jsonInput !== true);
      if (prose === null) {
        // only spaces, or a backtick or two: the next characters decide what they belong to
        if (this.runWsPos === null) this.runWsPos = { offset: seg.base, line: seg.line0, column: seg.col0 };
        this.runWs = head;
        this.runWsLead = i;
        return;
      }
      this.runOpen = false;
      this.heldChannel = false;
      if (prose) {
        this.gathering = true;
        this.gatherPos = this.runWsPos ?? { offset: seg.base, line: seg.line0, column: seg.col0 };
        this.gatherText = '';
        this.gDepth = 0;
        this.gInString = false;
        this.gEscaped = false;
        this.runWs = '';
        this.runWsLead = 0;
        this.runWsPos = null;
        this.gather(head);
        return;
      }
      this.flushRunWs();
    }
    this.process(seg);
  }

  /** The marker head[i, i + n) (head: the held run start and the new content `seg`): removed as a
   * marker span, and the text after it starts a run of its own. */
  private startMarker(head: string, i: number, n: number, seg: Segment): void {
    const p = this.runWsPos ?? { offset: seg.base, line: seg.line0, column: seg.col0 };
    const hs = new Segment(head, p.offset, p.line, p.column);
    const j = i + n;
    this.runWs = '';
    this.runWsLead = 0;
    this.runWsPos = null;
    this.onSpan({ kind: 'wrapper', offset: hs.base + i, length: n, line: hs.line(i), column: hs.column(i), text: head.slice(i, j) });
    if (j < head.length) this.onContent(new Segment(head.slice(j), hs.base + j, hs.line(j), hs.column(j)));
  }

  private flushRunWs(): void {
    if (this.runWs === '') return;
    const p = this.runWsPos!;
    const ws = this.runWs;
    this.runWs = '';
    this.runWsLead = 0;
    this.runWsPos = null;
    this.process(new Segment(ws, p.offset, p.line, p.column));
  }

  private gather(t: string): void {
    this.gatherText += t;
    for (let i = 0; i < t.length; i++) {
      const c = String.prototype.charCodeAt.call(t, i);
      if (this.gInString) {
        if (this.gEscaped) this.gEscaped = false;
        else if (c === BACKSLASH) this.gEscaped = true;
        else if (c === QUOTE || c === LF) this.gInString = false;
      } else if (c === 123 || c === 91) this.gDepth++;
      else if ((c === 125 || c === 93) && this.gDepth > 0) this.gDepth--;
      else if (c === QUOTE && this.gDepth > 0) this.gInString = true;
    }
  }

  /** The gathered run ends (a reasoning span or the end): kept, undecided, for decideRegions. */
  private closeRegion(): void {
    if (!this.gathering) return;
    if (this.regions.length === MAX_HELD_RUNS) {
      throw new StreamFixError('HOLDBACK_LIMIT', `More than ${MAX_HELD_RUNS} runs of prose split by reasoning blocks are held back undecided`, this.total);
    }
    this.regions.push({ text: this.gatherText, at: this.gatherPos });
    this.regionChars += this.gatherText.length;
    this.gathering = false;
    this.gatherText = '';
  }

  /** A machine over part of the text, up to the end of its first value (its output is the candidate). */
  private get unboundedOptions(): RepairOptions {
    const o = this.options;
    return o.maxListEntries === undefined && o.maxStrippedEntries === undefined && o.keepOutput !== false ? o : { ...o, maxListEntries: undefined, maxStrippedEntries: undefined, keepOutput: true };
  }

  private subRun = (text: string, at: Position, midText: boolean) => {
    // unbounded lists: its repairs go into this machine's update, which lists every one
    const m = new Machine(this.unboundedOptions, { at, stopAfter: true, midText });
    // a run that starts with a LaTeX group (onContent: prose) holds no value starting there: its `{` is
    // a candidate to prove itself, as one after prose (`x {\text{a}}` is no JSON)
    if (!midText && latexStart(text)) m.confirmNext = false;
    m.push(text);
    const r = m.end();
    return { ...r, answerStart: m.answerStart, answerEnd: m.answerEnd, scanned: m.charsScanned };
  };

  /** The end: the held runs' answer goes out (unless a value after them already did), the rest of
   * them is recorded as prose before the answer or trailing text after it. */
  private decideRegions(): void {
    const work = { scanned: 0 };
    const pick = this.valueSeen ? null : pickAnswer(this.regions, this.subRun, work);
    this.charsScanned += work.scanned;
    this.regions.forEach((r, k) => {
      if (pick === null || k !== pick.region) {
        const after = pick === null ? this.valueSeen && r.at.offset > this.answerStart : k > pick.region;
        this.stripRegion(r, 0, r.text.length, after ? 'trailing' : 'prose');
        return;
      }
      const res = pick.res;
      this.stripRegion(r, 0, pick.from, 'prose');
      this.valueSeen = true;
      this.answerStart = res.answerStart;
      let json = res.json ?? '';
      if (res.status === 'TRUNCATED') this.truncated = true;
      for (const x of res.repairs) this.newRepairs.push(x);
      for (const x of res.stripped) {
        this.stripped.push(x);
        this.newStripped.push(x);
      }
      // the text after the value: spaces alone at the end of the input stay (valid JSON byte for
      // byte); anything else is trailing text, or more values in the answer's own block (stripTrailing)
      const rest = r.text.slice(pick.end);
      const lead = C.leadingSpaces(rest);
      if (lead === rest.length) {
        if (r.at.offset + r.text.length === this.total) json += rest;
      } else {
        const seg = new Segment(r.text, r.at.offset, r.at.line, r.at.column);
        const i = pick.end + lead;
        // (an answer on a diff's `+` line: a `- {…}` line after it is the removed value, no further one)
        const diffPlus = /^[ \t]*\+[ \t]*$/.test(r.text.slice(r.text.lastIndexOf('\n', pick.start - 1) + 1, pick.start));
        this.stripTrailing({ offset: r.at.offset + i, line: seg.line(i), column: seg.column(i) }, r.text.slice(i), true, rest.slice(0, lead).includes('\n'), diffPlus);
      }
      this.o.out += json;
    });
    this.regions.length = 0;
    this.regionChars = 0;
    this.knownCandidates.clear();
    this.stripped.sort((a, b) => a.offset - b.offset);
  }

  /** Record text [a, b) of a held run (without its outer spaces) as a stripped span. */
  private stripRegion(r: Region, a: number, b: number, kind: 'prose' | 'trailing'): void {
    const part = r.text.slice(a, b);
    const lead = C.leadingSpaces(part);
    const body = C.trimSpacesEnd(part.slice(lead));
    if (body === '') return;
    const seg = new Segment(r.text, r.at.offset, r.at.line, r.at.column);
    this.strip(kind, { offset: r.at.offset + a + lead, line: seg.line(a + lead), column: seg.column(a + lead) }, body);
  }

  /** The answer the held text would give if the stream ended now (null: none, or nothing held). */
  tentative(): string | null {
    if (this.valueSeen && !this.unconfirmed) return null;
    const regions = this.gathering ? [...this.regions, { text: this.gatherText, at: this.gatherPos }] : this.regions;
    if (regions.length === 0) return null;
    return pickAnswer(regions, this.subRun, { scanned: 0 }, this.knownCandidates, this.regions.length)?.json ?? null;
  }

  /** Bring the machine to a point where a span starting at `at` can be recorded in input order: a
   * candidate is rejected (or, a scalar standing alone, taken), an open before-state completed, the
   * trailing text so far recorded. */
  private settle(at: Position): void {
    const o = this.o;
    const seg = new Segment('', at.offset, at.line, at.column);
    while (this.phase === P_VALUE && this.unconfirmed && this.vstate !== V_DONE) {
      this.reject('', 0);
      const again = this.rescan!;
      this.rescan = null;
      this.process(again);
    }
    if (this.phase === P_VALUE) {
      o.begin(seg, 0);
      if (this.vstate === V_DONE) {
        this.confirm();
        o.flushCommitted(o.pA);
        o.dropPending(0);
      } else {
        // a value left open before a tag the stage took (`{"a": <think>…`, see literal()) was not cut
        const truncated = this.truncated;
        this.finishValue(0);
        this.truncated = truncated;
      }
      // where the value ended (takeCorrection.ts): a reasoning block right after it is not part of it
      if (this.answerEnd < 0) this.answerEnd = at.offset;
      this.phase = P_AFTER;
      this.trailStart = -2;
      o.endSegment(0);
      return;
    }
    if (this.phase === P_AFTER) {
      // (a value that ended its segment: nothing after it was read yet)
      if (this.answerEnd < 0) this.answerEnd = at.offset;
      o.begin(seg, 0);
      if (this.trailStart === -1 && o.pending) o.dropPending(0);
      this.trailStart = -2;
      o.endSegment(0);
      if (this.trailPos !== null) this.stripTrailing(this.trailPos, this.trailText);
      this.trailPos = null;
      this.trailText = '';
      return;
    }
    if (this.bstate === B_TAG) {
      this.proseAppend(this.tagBuf, this.tagPos!);
      this.tagBuf = '';
    } else if (this.bstate === B_TICKS) {
      this.endTicks();
      if ((this.bstate as number) === B_FENCE_INFO) this.openFence();
    } else if (this.bstate === B_FENCE_INFO) this.openFence();
    this.bstate = B_TEXT;
  }

  private failed(code: StreamFixError['code'], message: string, offset: number): RepairResult & { final: string; reasoning: string; finalRepairs: readonly Repair[] } {
    return { status: 'FAILED', json: null, ...this.lists(), error: { code, message, offset }, final: '', reasoning: '', finalRepairs: NONE };
  }

  /** The result's lists, and their cuts when maxListEntries bounded them. */
  private lists(): Pick<RepairResult, 'repairs' | 'stripped' | 'cuts'> {
    const cuts: ListCutOf[] = [];
    const r = this.repairs.cut();
    if (r) cuts.push({ field: 'repairs', ...r });
    const s = this.stripped.cut();
    if (s) cuts.push({ field: 'stripped', ...s });
    return { repairs: this.repairs.toArray(), stripped: this.stripped.toArray(), ...(cuts.length > 0 ? { cuts } : {}) };
  }

  private takeUpdate(): StreamUpdate {
    const output = this.o.out;
    this.o.out = '';
    if (output !== '' && this.keepOutput === true) {
      const k = this.kept;
      k.all += output;
      k.recent = k.recent === '' ? output : k.recent + output;
      if (++k.n >= EMIT_FOLD) this.foldKept(k);
    }
    let repairs: readonly Repair[] = NONE;
    if (this.newRepairs.length > 0) {
      repairs = this.newRepairs;
      // an index loop, not for-of: takeUpdate runs once per push, mostly unoptimized, where for-of
      // allocated an iterator result per repair (a one-shot text with 18,000 repairs: ~40 bytes each)
      for (let k = 0; k < repairs.length; k++) this.repairs.push(repairs[k]);
      this.newRepairs = [];
      if (this.unconfirmed === false) this.o.repairSink = this.newRepairs;
    }
    let stripped: readonly Stripped[] = NONE;
    if (this.newStripped.length > 0) {
      stripped = this.newStripped;
      this.newStripped = [];
    }
    const reasoning = this.reasoningOut;
    this.reasoningOut = '';
    const phase = this.phase === P_BEFORE || this.unconfirmed === true ? 'before' : this.phase === P_VALUE ? 'value' : 'after';
    return { output, repairs, stripped, reasoning, phase };
  }

  /** The window's outputs become one flat block of the base: a character read makes V8 flatten the rope
   * `recent` in place (`Array.prototype.join` of the outputs from an array, as before, cost ~130
   * instructions a push in its own per-element loop, callgrind). Not in takeUpdate, which push() inlines
   * while it is small. */
  private foldKept(k: S.KeptOutput): void {
    const recent = k.recent;
    // the read's result is stored (into the window's last use of k) so that no compiler drops the read
    k.n = String.prototype.charCodeAt.call(recent, 0);
    this.emittedBase += recent;
    this.kept = new KeptOutput(this.emittedBase);
  }

  /** Scan a segment; a rejected candidate's text is scanned again (as prose) before the rest. */
  protected process(seg: Segment): void {
    const first = this.run(seg, 0);
    if (first < 0) return;
    const work: [Segment, number][] = [[seg, first], [this.rescan!, 0]];
    this.rescan = null;
    while (work.length > 0) {
      const [sg, from] = work.pop()!;
      const stop = this.run(sg, from);
      if (stop >= 0) {
        work.push([sg, stop]);
        work.push([this.rescan!, 0]);
        this.rescan = null;
      }
    }
  }

  /** Scan `seg` from `from`. Returns -1 at its end, or the index where a candidate was rejected. */
  private run(seg: Segment, from: number): number {
    const s = seg.text;
    const len = ('' + s).length;
    this.o.begin(seg, from);
    this.candIdx = from;
    this.proseFrom = this.phase === P_BEFORE && this.bstate === B_TEXT ? from : -1;
    let i = from;
    while (i < len) {
      if (this.phase === P_VALUE) {
        i = this.runValue(s, i, len);
        if (this.rescan !== null) {
          this.charsScanned += i - from;
          return i;
        }
      } else if (this.phase === P_BEFORE) {
        i = this.runBefore(s, i, len);
        // nothing before the value is output (a candidate start resets these itself)
        if (this.phase === P_BEFORE) {
          this.o.emitFrom = i;
          this.o.pA = i;
        }
      } else if (this.sub !== null && this.sub.stopAfter) {
        // a sub-run that only looks for the value's extent: the text after it is not its business
        // (the first time: a rescan ends the value before the rest of the chunk comes back here)
        if (this.answerEnd < 0) this.answerEnd = seg.base + i;
        if (this.o.pending) this.o.dropPending(i);
        this.o.emitFrom = this.o.pA = len;
        this.o.endSegment(len);
        this.charsScanned += i - from;
        return -1;
      } else {
        // where the value ended (takeCorrection.ts records it when a correction replaces it)
        if (this.answerEnd < 0) this.answerEnd = seg.base + i;
        i = this.runAfter(s, i, len);
      }
    }
    this.endSegment(seg, len);
    if (len > 0) {
      // read now: the reasoning stage's segment is reset at its next push (pushValue's: prevChar)
      this.segLast = String.prototype.charCodeAt.call(s, len - 1);
      this.segLastIdx = -1;
    }
    this.charsScanned += len - from;
    return -1;
  }

  /** A held high surrogate goes out with the next character (at i), unless that starts a `\u` escape the
   * segment's end cuts (its pair's start: strings.ts escape()). */
  private surrogateNext(s: string, i: number, len: number): void {
    if (uEscapeStart(s, i, len)) return;
    this.surrogateHeld = false;
    this.o.commitPending(i);
  }

  /** Text after a top-level scalar found at the start, on its line (V_DONE): scientific notation after a
   * number (`5.97 × 10^24` alone, sciNotation.ts), else the scalar was prose after all. */
  private doneText(s: string, i: number, c: number): number {
    if ((c === BACKSLASH || isTimesSign(c)) && !this.doneNewline && this.sciStarts(i)) return i;
    return this.reject(s, i);
  }

  /** The segment ends at len inside a value in a blockquote (quoteCtx): whether on a line of markers. */
  private quoteSegmentEnd(len: number): void {
    this.quoteLine = lineOfMarkers(this.o.seg.text, len, this.quoteLine);
  }

  private endSegment(seg: Segment, len: number): void {
    const o = this.o;
    if (this.phase === P_BEFORE) {
      if (this.bstate === B_TEXT && this.proseFrom >= 0) this.proseText += seg.text.slice(this.proseFrom, len);
      this.proseFrom = -1;
    }
    if (this.phase === P_VALUE) {
      if (this.quoteCtx === true) this.quoteSegmentEnd(len);
      if (this.gutterNext !== 0 || this.sseCol !== -1) this.gutterLine = lineOfSpaces(seg.text, len, this.gutterLine);
      if (this.strQuote === RDQUO) this.smartCount(seg.text, len);
      if (this.vstate === V_LINE_COMMENT || this.vstate === V_BLOCK_COMMENT || this.vstate === V_SLASH || this.vstate === V_STRAY) {
        // comment text is dropped: nothing of it is committed or carried
        if (this.commentIdx >= 0) this.commentPos = o.pos(this.commentIdx);
        this.commentIdx = -1;
        o.emitFrom = len;
        o.pA = len;
      }
      if (this.tokIdx >= 0) {
        if (this.tokPos === null) this.tokPos = o.pos(this.tokIdx);
        this.tokIdx = -1;
      }
      if (this.unconfirmed === true) {
        this.candRaw += seg.text.slice(this.candIdx, len);
        if (this.candRaw.length > CONFIRM_WINDOW && !this.candTopScalar && this.vstate === V_STRING) this.confirm();
      }
    }
    o.endSegment(len);
  }

  // =====================================================================================
  // The value
  // =====================================================================================

  private runValue(s: string, i: number, len: number): number {
    const o = this.o;
    // a `=` or backtick that ended the last segment is decided by this one's first character
    if (this.held !== 0 && i < len) {
      i = this.resolveHeld(s, i);
      if (this.rescan !== null || this.phase !== P_VALUE) return i;
    }
    while (i < len) {
      switch (this.vstate) {
        case V_STRING: {
          const q = this.strQuote;
          let c = 0;
          if (this.surrogateHeld === true) this.surrogateNext(s, i, len);
          if (q === QUOTE) {
            while (i < len) {
              c = String.prototype.charCodeAt.call(s, i);
              if (c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          } else if (q === BDQUO) {
            // a string opened with a German / Polish `„` closes at `“` or `”` (structure.ts valueStart)
            while (i < len) {
              c = String.prototype.charCodeAt.call(s, i);
              if (c === LDQUO || c === RDQUO) {
                c = q;
                break;
              }
              if (c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          } else if (q === RAQUO) {
            // a guillemet string stops at a space too (strings.ts guillemetText: a method of its own, so
            // that this loop's function stays small for the common strings)
            i = this.guillemetText(s, i, len);
            if (i < len) c = String.prototype.charCodeAt.call(s, i);
          } else {
            // a triple-quoted string's strQuote is its quote plus TRIPLE (tripleQuotes.ts): it stops here
            const qq = q & 0xffff;
            while (i < len) {
              c = String.prototype.charCodeAt.call(s, i);
              if (c === qq || c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          }
          if (i >= len) {
            // a high surrogate at the end of the segment waits for its pair (the loops above stopped at
            // the end after reading its last character; a guillemet string's helper did not say it)
            const last = q === RAQUO ? String.prototype.charCodeAt.call(s, len - 1) : c;
            if (last >= 0xd800 && last <= 0xdbff && !o.pending && len > 0) {
              o.startPending(len - 1);
              this.surrogateHeld = true;
            } else if ((last === COMMA || last === SPACE) && q === QUOTE) this.stringSegmentEnd(s, len);
            else if ((last === RBRACKET || last === RBRACE) && q === QUOTE) this.closersAtSegmentEnd(s, len);
            if (this.unconfirmed === true && s.length + this.candRaw.length > CONFIRM_WINDOW && !this.candTopScalar) this.confirm();
            return i;
          }
          if (c === q) {
            if (q === QUOTE) {
              if (this.strIsKey && i + 1 < len && String.prototype.charCodeAt.call(s, i + 1) === COLON) {
                // the common key's end (`"key":`), decided without the inner-quote rule's look
                i++;
                this.endString(i);
              } else {
                i = this.valueQuote(s, i, len);
                if (this.rescan !== null) return i;
              }
            } else if (q === APOS) {
              if (i + 1 < len) {
                const n = String.prototype.charCodeAt.call(s, i + 1);
                if (C.isApostropheNext(n)) {
                  i++; // an apostrophe inside the word: `'it's'`, `'L'été'`
                } else if (n === APOS && this.emptySoFar(i)) {
                  i = this.openTriple(i);
                } else {
                  if (!this.rep('single_quotes')) return this.reject(s, i);
                  o.record(o.repairAt('single_quotes', i, 1, '"'));
                  o.edit(i, i + 1, '"');
                  i++;
                  this.endString(i);
                }
              } else {
                // the quote ends the segment: closing quote or apostrophe depends on what follows
                this.sqPos = o.pos(i);
                if (!o.pending) {
                  o.startPending(i);
                  this.sqHeld = true;
                }
                this.vstate = V_SQ_CLOSE;
                i++;
              }
            } else i = this.oddQuote(s, i, len);
          } else if (q > 0xffff && c === (q & 0xffff)) {
            i = this.tripleQuote(s, i, len);
          } else if (c === QUOTE) {
            // a `"` in a single-quoted string may close it (mixedQuotes.ts: what follows decides)
            if (q === APOS && this.strIsKey) {
              i = this.mixedKeyQuote(i);
              break;
            }
            if (q === APOS && this.mixedQuoteStarts()) {
              i = this.mixedQuote(i);
              break;
            }
            // a double quote inside a single- or smart-quoted string must be escaped
            o.edit(i, i + 1, '\\"');
            o.record(o.repairAt((q & 0xffff) === APOS ? 'single_quotes' : q === BACKTICK ? 'backtick_quotes' : 'smart_quotes', i, 1, '\\"'));
            i++;
          } else if (c === BACKSLASH) {
            i = this.escape(s, i, len);
          } else if (c >= 32) {
            // a space in a guillemet string (its loop alone stops at one)
            i = this.guillemetSpaces(s, i, len);
          } else {
            // a raw control character: escape it
            if (this.fast === true) return i;
            if (!this.rep('control_character')) return this.reject(s, i);
            const r = escapeControl(c);
            o.record(o.repairAt('control_character', i, 1, r));
            o.edit(i, i + 1, r);
            i++;
          }
          break;
        }
        case V_VALUE: {
          let c = String.prototype.charCodeAt.call(s, i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) {
              this.nl++;
              this.nlAt = i;
            }
            if (++i === len) return i;
            c = String.prototype.charCodeAt.call(s, i);
          }
          if (c === LT && this.fast === true) return i;
          if (c >= 0xa0 && C.isTokenGap(c) && this.rep('unicode_space')) {
            i = this.unicodeSpace(i);
            break;
          }
          i = this.valueStart(s, i, c);
          if (this.rescan !== null) return i;
          break;
        }
        case V_KEY: {
          let c = String.prototype.charCodeAt.call(s, i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) {
              this.nl++;
              this.nlAt = i;
            }
            if (++i === len) return i;
            c = String.prototype.charCodeAt.call(s, i);
          }
          if (c === LT && this.fast === true) return i;
          if (c >= 0xa0 && C.isTokenGap(c) && this.rep('unicode_space')) {
            i = this.unicodeSpace(i);
            break;
          }
          i = this.keyStart(s, i, c);
          if (this.rescan !== null) return i;
          break;
        }
        case V_COLON: {
          let c = String.prototype.charCodeAt.call(s, i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) {
              this.nl++;
              this.nlAt = i;
            }
            this.colonWs++;
            if (++i === len) return i;
            c = String.prototype.charCodeAt.call(s, i);
          }
          if (c === LT && this.fast === true) return i;
          if (c >= 0xa0 && C.isTokenGap(c) && this.rep('unicode_space')) {
            i = this.unicodeSpace(i);
            break;
          }
          i = this.colon(s, i, c);
          if (this.rescan !== null) return i;
          break;
        }
        case V_AFTER: {
          let c = String.prototype.charCodeAt.call(s, i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) {
              this.nl++;
              this.nlAt = i;
            }
            if (++i === len) return i;
            c = String.prototype.charCodeAt.call(s, i);
          }
          if (c === LT && this.fast === true) return i;
          if (c >= 0xa0 && C.isTokenGap(c) && this.rep('unicode_space')) {
            i = this.unicodeSpace(i);
            break;
          }
          i = this.after(s, i, c);
          if (this.rescan !== null) return i;
          break;
        }
        case V_NUMBER:
          i = this.number(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_WORD:
          i = this.word(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_UQSTR:
          i = this.unquoted(s, i, len);
          break;
        case V_ELISION:
          i = this.elision(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_GUTTER:
          i = this.gutter(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_ESCAPE:
          i = this.escapeSlow(s, i, len);
          break;
        case V_SQ_CLOSE:
          i = this.singleQuoteClose(s, i);
          break;
        case V_DQ_CLOSE:
          i = this.heldQuote(s, i, len);
          break;
        case V_GQ_SPACE:
          i = this.guillemetHeld(s, i, len);
          break;
        case V_STRAY:
          i = this.stray(s, i, len);
          break;
        case V_STR_COMMA:
          i = this.commaHeld(s, i, len);
          break;
        case V_KEY_PROBE:
          i = this.keyProbe(s, i, len);
          break;
        case V_KEY_PROBE_END:
          i = this.keyProbeEnd(s, i, len);
          break;
        case V_IQ_COMMA:
          i = this.iqComma(s, i, len);
          break;
        case V_IQ_WORD:
          i = this.iqWord(s, i, len);
          break;
        case V_IQ_END:
          i = this.iqEnd(s, i, len);
          break;
        case V_IQ_BARE:
          i = this.iqBare(s, i, len);
          break;
        case V_TRIPLE_END:
          i = this.tripleEnd(s, i, len);
          break;
        case V_STR_CLOSERS:
          i = this.strClosers(s, i, len);
          break;
        case V_SQ_DQ:
          // its text may hold a line break, which only the stage counts (see pushValue)
          if (this.fast === true) return i;
          i = this.mixedHeld(s, i, len);
          break;
        case V_ELEM_KEY:
          i = this.elemKey(s, i, len);
          break;
        case V_ELEM_KEY_END:
          i = this.elemKeyEnd(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_DQ_WORD:
          i = this.loneWord(s, i, len);
          if (this.rescan) return i;
          break;
        case V_CONCAT:
          i = this.concat(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_KEY_SPACE:
          i = this.keySpace(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_SLASH:
        case V_LINE_COMMENT:
        case V_BLOCK_COMMENT:
          if (this.fast === true) return i;
          i = this.comment(s, i, len);
          if (this.rescan !== null) return i;
          break;
        case V_DONE: {
          let c = String.prototype.charCodeAt.call(s, i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) this.doneNewline = true;
            if (++i === len) return i;
            c = String.prototype.charCodeAt.call(s, i);
          }
          // a fence, a tag or a new line closes the text the scalar stood alone in
          // (not a single-quoted one with another `'` in it: `'90s music is 'great'` is prose)
          if ((c === BACKTICK || c === LT || this.doneNewline) && !(this.candApos && (o.cand ?? '').includes("'"))) {
            this.confirm();
            o.flushCommitted(o.pA);
            o.dropPending(i);
            this.phase = P_AFTER;
            this.trailStart = -2;
            return i;
          }
          return this.doneText(s, i, c);
        }
      }
      if (this.rescan !== null || this.phase !== P_VALUE) return i;
    }
    return i;
  }
}
