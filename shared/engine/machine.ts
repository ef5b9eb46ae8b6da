/**
 * The streaming repair machine: push/end/view, and the driver that hands each segment to the stage its
 * phase and state name. The stages are the class chain state.ts -> before.ts -> strings.ts -> scalars.ts
 * -> structure.ts -> finish.ts -> here; one object holds all the state.
 */
import * as C from './chars';
import { StreamFixError } from './errors';
import { Finisher } from './finish';
import { createReasoningScanner, type ReasoningScanner } from './reasoning';
import { Segment } from './segment';
import * as S from './state';
import type { Position, RepairResult, StreamUpdate, Stripped, Repair } from './types';

// Local bindings of the character codes (and of the state codes): read as plain constants on the hot
// path, whether the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  APOS,
  BACKSLASH,
  BACKTICK,
  CR,
  LF,
  LT,
  QUOTE,
  SPACE,
  TAB,
  escapeControl,
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
  CONFIRM_WINDOW,
  closerOf,
} = S;

/** Pushes between two foldings of the recent output into the base (see MachineState.emittedBase).
 * Measured: with 512, a minor GC found megabytes of a rope's nodes alive and copied them (~7 ms pauses,
 * ~30% of a stream's time in GC, 0.29 us per 4-character push); with 64, pauses of ~1 ms and 0.19 us
 * per push, and the same time for 1.6 MB in 16-character chunks with a view after each push. */
const EMIT_FOLD = 64;

/** The empty list every update without repairs or stripped spans shares (frozen: one allocation less
 * per push on the hot path). */

const NONE: readonly never[] = Object.freeze([]);

export class Machine extends Finisher {
  /** The reasoning stage in front of the scanners: reasoning blocks and harmony markers never reach
   * them; a `<` inside a value's string is text. */
  private readonly scan: ReasoningScanner = createReasoningScanner({
    content: (seg) => this.process(seg),
    reasoning: (t) => {
      this.reasoningOut += t;
    },
    span: (st) => this.onSpan(st),
    loneClose: (tag, at) => this.onLoneClose(tag, at),
    literal: () => this.phase === P_VALUE && (!this.unconfirmed || this.vstate === V_STRING || this.vstate === V_ESCAPE || this.vstate === V_SQ_CLOSE),
  });

  // =====================================================================================
  // Public driver
  // =====================================================================================

  push(chunk: string): StreamUpdate {
    if (this.failure) throw this.failure;
    if (this.ended) throw new StreamFixError('STREAM_ENDED', 'push() called after end()', this.total);
    if (typeof chunk !== 'string') {
      throw new StreamFixError('INVALID_INPUT', `push() takes a string, got ${chunk === null ? 'null' : typeof chunk}`, this.total);
    }
    if (this.total + chunk.length > this.maxInputLength) {
      this.failure = new StreamFixError('INPUT_TOO_LARGE', `Input is longer than maxInputLength (${this.maxInputLength} characters)`, this.maxInputLength);
      throw this.failure;
    }
    try {
      this.total += chunk.length;
      this.scan.push(chunk);
      this.lineEnd = this.scan.line;
      this.colEnd = this.scan.column;
      if (this.o.heldLength() > this.maxHoldBack || this.candRaw.length > this.maxHoldBack) {
        throw new StreamFixError('HOLDBACK_LIMIT', `More than maxHoldBack (${this.maxHoldBack}) characters are held back undecided`, this.total);
      }
    } catch (e) {
      if (e instanceof StreamFixError) this.failure = e;
      throw e;
    }
    return this.takeUpdate();
  }

  end(): RepairResult & { final: string; reasoning: string } {
    if (this.ended) throw new StreamFixError('STREAM_ENDED', 'end() called twice', this.total);
    this.ended = true;
    if (this.failure) return this.failed(this.failure.code, this.failure.message, this.failure.offset);
    try {
      this.scan.end();
      const seg = new Segment('', this.total, this.lineEnd, this.colEnd);
      this.o.begin(seg, 0);
      this.finishInput();
    } catch (e) {
      if (e instanceof StreamFixError) return this.failed(e.code, e.message, e.offset);
      throw e;
    }
    const update = this.takeUpdate();
    if (!this.valueSeen) {
      return { ...this.failed('NO_JSON', 'No JSON value found in the input', this.total), stripped: this.stripped.slice(), reasoning: update.reasoning };
    }
    const json = this.emitted;
    const status = this.truncated ? 'TRUNCATED' : this.repairs.length > 0 ? 'REPAIRED' : 'VALID';
    return { status, json, repairs: this.repairs.slice(), stripped: this.stripped.slice(), final: update.output, reasoning: update.reasoning };
  }

  view(): string | null {
    if (!this.valueSeen || this.unconfirmed) return null;
    if (this.phase !== P_VALUE || this.vstate === V_DONE) return this.emitted;
    if (this.closersVer !== this.stackVer) {
      let closers = '';
      for (let k = this.stack.length - 1; k >= 0; k--) closers += closerOf(this.stack[k]);
      this.closers = closers;
      this.quotedClosers = '"' + closers;
      this.closersVer = this.stackVer;
    }
    const inString = (this.vstate === V_STRING || this.vstate === V_ESCAPE || this.vstate === V_SQ_CLOSE) && !this.strIsKey;
    return this.emitted + (inString ? this.quotedClosers : this.closers);
  }

  // =====================================================================================
  // What the reasoning stage reports
  // =====================================================================================

  /** A reasoning block or a marker was removed at `st`: close what runs before it, then record it. */
  private onSpan(st: Stripped): void {
    this.settle(st);
    if (this.phase === P_BEFORE) {
      this.finishProse();
      this.confirmNext = true;
    }
    this.stripped.push(st);
    this.newStripped.push(st);
    this.anythingBefore = true;
  }

  /** A closing tag with no opening one: before the value, the prose before it was reasoning. */
  private onLoneClose(tag: string, at: Position): boolean {
    if (this.phase === P_AFTER || (this.phase === P_VALUE && !this.unconfirmed)) return false;
    this.settle(at);
    if (this.phase !== P_BEFORE) return false;
    this.tagPos = at;
    this.finishProse('reasoning', tag);
    this.confirmNext = true;
    return true;
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
      } else this.finishValue(0);
      this.phase = P_AFTER;
      this.trailStart = -2;
      o.endSegment(0);
      return;
    }
    if (this.phase === P_AFTER) {
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

  private failed(code: StreamFixError['code'], message: string, offset: number): RepairResult & { final: string; reasoning: string } {
    return { status: 'FAILED', json: null, repairs: this.repairs.slice(), stripped: this.stripped.slice(), error: { code, message, offset }, final: '', reasoning: '' };
  }

  private takeUpdate(): StreamUpdate {
    const output = this.o.out;
    this.o.out = '';
    if (output !== '') {
      this.emittedRecent += output;
      if (++this.emittedPushes >= EMIT_FOLD) {
        // a numeric conversion makes V8 flatten the rope in place into one sequential string
        void ((this.emittedRecent as unknown as number) | 0);
        this.emittedBase += this.emittedRecent;
        this.emittedRecent = '';
        this.emittedPushes = 0;
      }
    }
    let repairs: readonly Repair[] = NONE;
    if (this.newRepairs.length > 0) {
      repairs = this.newRepairs;
      for (const r of repairs) this.repairs.push(r);
      this.newRepairs = [];
      if (!this.unconfirmed) this.o.repairSink = this.newRepairs;
    }
    let stripped: readonly Stripped[] = NONE;
    if (this.newStripped.length > 0) {
      stripped = this.newStripped;
      this.newStripped = [];
    }
    const reasoning = this.reasoningOut;
    this.reasoningOut = '';
    const phase = this.phase === P_BEFORE || this.unconfirmed ? 'before' : this.phase === P_VALUE ? 'value' : 'after';
    return { output, repairs, stripped, reasoning, phase };
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
    const len = s.length;
    this.o.begin(seg, from);
    this.candIdx = from;
    this.proseFrom = this.phase === P_BEFORE && this.bstate === B_TEXT ? from : -1;
    let i = from;
    while (i < len) {
      if (this.phase === P_VALUE) {
        i = this.runValue(s, i, len);
        if (this.rescan) {
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
      } else {
        i = this.runAfter(s, i, len);
      }
    }
    this.endSegment(seg, len);
    this.charsScanned += len - from;
    return -1;
  }

  private endSegment(seg: Segment, len: number): void {
    const o = this.o;
    if (this.phase === P_BEFORE) {
      if (this.bstate === B_TEXT && this.proseFrom >= 0) this.proseText += seg.text.slice(this.proseFrom, len);
      this.proseFrom = -1;
    }
    if (this.phase === P_VALUE) {
      if (this.vstate === V_LINE_COMMENT || this.vstate === V_BLOCK_COMMENT || this.vstate === V_SLASH) {
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
      if (this.unconfirmed) {
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
    while (i < len) {
      switch (this.vstate) {
        case V_STRING: {
          const q = this.strQuote;
          let c = 0;
          if (this.surrogateHeld) {
            this.surrogateHeld = false;
            o.commitPending(i);
          }
          if (q === QUOTE) {
            while (i < len) {
              c = s.charCodeAt(i);
              if (c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          } else {
            while (i < len) {
              c = s.charCodeAt(i);
              if (c === q || c === QUOTE || c === BACKSLASH || c < 32) break;
              i++;
            }
          }
          if (i >= len) {
            // a high surrogate at the end of the segment waits for its pair
            const last = s.charCodeAt(len - 1);
            if (last >= 0xd800 && last <= 0xdbff && !o.pending && len > 0) {
              o.startPending(len - 1);
              this.surrogateHeld = true;
            }
            if (this.unconfirmed && s.length + this.candRaw.length > CONFIRM_WINDOW && !this.candTopScalar) this.confirm();
            return i;
          }
          if (c === q) {
            if (q === QUOTE) {
              i++;
              this.endString(i);
            } else if (q === APOS) {
              if (i + 1 < len) {
                const n = s.charCodeAt(i + 1);
                if ((n >= 97 && n <= 122) || (n >= 65 && n <= 90)) {
                  i++; // an apostrophe inside the word: `'it's'`
                } else {
                  if (!this.rep('single_quotes')) return this.reject(s, i);
                  o.record(o.repair('single_quotes', o.pos(i), 1, '"'));
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
            } else {
              // a typographic closing quote
              o.record(o.repair('smart_quotes', o.pos(i), 1, '"'));
              o.edit(i, i + 1, '"');
              i++;
              this.endString(i);
            }
          } else if (c === QUOTE) {
            // a double quote inside a single- or smart-quoted string must be escaped
            o.edit(i, i + 1, '\\"');
            o.record(o.repair(q === APOS ? 'single_quotes' : 'smart_quotes', o.pos(i), 1, '\\"'));
            i++;
          } else if (c === BACKSLASH) {
            i = this.escape(s, i, len);
          } else {
            // a raw control character: escape it
            if (!this.rep('control_character')) return this.reject(s, i);
            const r = escapeControl(c);
            o.record(o.repair('control_character', o.pos(i), 1, r));
            o.edit(i, i + 1, r);
            i++;
          }
          break;
        }
        case V_VALUE: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.valueStart(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_KEY: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.keyStart(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_COLON: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            this.colonWs++;
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.colon(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_AFTER: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          i = this.after(s, i, c);
          if (this.rescan) return i;
          break;
        }
        case V_NUMBER:
          i = this.number(s, i, len);
          if (this.rescan) return i;
          break;
        case V_WORD:
          i = this.word(s, i, len);
          if (this.rescan) return i;
          break;
        case V_UQSTR:
          i = this.unquoted(s, i, len);
          break;
        case V_ESCAPE:
          i = this.escapeSlow(s, i, len);
          break;
        case V_SQ_CLOSE:
          i = this.singleQuoteClose(s, i);
          break;
        case V_SLASH:
        case V_LINE_COMMENT:
        case V_BLOCK_COMMENT:
          i = this.comment(s, i, len);
          if (this.rescan) return i;
          break;
        case V_DONE: {
          let c = s.charCodeAt(i);
          while (c === SPACE || c === LF || c === CR || c === TAB) {
            if (c === LF) this.doneNewline = true;
            if (++i === len) return i;
            c = s.charCodeAt(i);
          }
          // a fence, a tag or a new line closes the text the scalar stood alone in
          if (c === BACKTICK || c === LT || this.doneNewline) {
            this.confirm();
            o.flushCommitted(o.pA);
            o.dropPending(i);
            this.phase = P_AFTER;
            this.trailStart = -2;
            return i;
          }
          return this.reject(s, i);
        }
      }
      if (this.rescan !== null || this.phase !== P_VALUE) return i;
    }
    return i;
  }
}
