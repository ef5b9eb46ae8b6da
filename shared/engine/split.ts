/**
 * Text split into content and reasoning, for callers that do not parse JSON (the gateway's strip mode,
 * the Messages API): the reasoning stage (reasoning.ts) with a host that knows JSON strings only well
 * enough to leave a tag inside one alone, and decides what text before a lone closing tag was.
 *
 * A lone closing tag (`plan</think>answer`) says the text before it was reasoning, but it arrives
 * after that text. So text that starts with prose is held back (not sent as content) until something
 * decides it: a lone closing tag (it was reasoning), the opening tag of a reasoning block or a harmony
 * marker (it was content: it goes out then, before the block's reasoning; whitespace alone goes out at
 * the block's end, after it), the end of the input (content), or `holdProse` characters without a decision (content,
 * sent at once; a lone closing tag after that point only removes the tag). Text that starts as JSON
 * (`{`, `[`, a code fence) is never held (a `[` that starts a log prefix, `[INFO] …`, is prose, as in the
 * engine: runStart.ts); nor are spaces past `holdProse`. So what is held is bounded, and
 * a reasoning block's text is kept for its span only up to `keepBlockText` (head and tail). The rule depends on input positions only, so any split
 * into chunks gives the same result.
 *
 * Each push's output also lists its pieces in input order (`pieces`): content before a block and the
 * block's reasoning can come out of one push, and a caller that keeps them apart (the Messages API's
 * text and thinking blocks) needs to know which came first. `content` and `reasoning` are the same
 * pieces joined by kind, for callers that send both in one message (the gateway's strip mode).
 *
 * @example
 *   const s = createReasoningSplitter();
 *   s.push('The user wants a list.</thi');   // { content: '', reasoning: '', pieces: [] }
 *   s.push('nk>\n[1, 2]');                   // { content: '\n[1, 2]', reasoning: 'The user wants a list.',
 *                                            //   pieces: [reasoning 'The user wants a list.', content '\n[1, 2]'] }
 *   s.end();                                 // { content: '', reasoning: '', pieces: [] }
 */
import { BoundedList, type ListCut } from './boundedList';
import { BLOCK_TEXT_KEEP, createReasoningScanner } from './reasoning';
import { bracketStartsProse } from './runStart';
import type { Segment } from './segment';
import type { Position, Stripped } from './types';

export interface SplitPiece {
  kind: 'content' | 'reasoning';
  text: string;
}

export interface SplitOutput {
  content: string;
  reasoning: string;
  /** The same text in input order, adjacent pieces of one kind joined, none empty. */
  pieces: SplitPiece[];
}

export interface ReasoningSplitter {
  push(chunk: string): SplitOutput;
  end(): SplitOutput;
  /** Reasoning blocks, harmony markers and text before a lone closing tag removed so far, in input order
   * (a copy; with `maxListEntries`, the first and last of them). */
  readonly stripped: readonly Stripped[];
  /** With `maxListEntries`: where `stripped` was cut and how many spans were dropped, or null. */
  readonly strippedCut: ListCut | null;
  /** Reasoning spans removed so far, every one (also those `maxListEntries` dropped from `stripped`). */
  readonly reasoningSpans: number;
  /** Characters held back undecided right now (prose that a lone closing tag may still turn into reasoning). */
  readonly held: number;
  /** The caller knows held prose (or held whitespace) is content (the Messages API: a tool call came after it): it goes out
   * now, and later prose streams as it comes (a lone closing tag after this only removes the tag). */
  decide(): SplitOutput;
}

export interface SplitOptions {
  /** Most characters of prose-started text held back waiting for a lone closing tag. Default 4096. */
  holdProse?: number;
  /** Characters of a reasoning block's text its stripped span keeps (head and tail; `cut` says what was
   * dropped). Default BLOCK_TEXT_KEEP (64 Ki). */
  keepBlockText?: number;
  /** Most stripped spans kept (the first and last half; BoundedList). Default: all. */
  maxListEntries?: number;
}

/** Default for `holdProse`: R1-style reasoning shorter than this is never shown as content. */
export const HOLD_PROSE = 4096;

const R_BLANK = 0; // only whitespace so far in this run
const R_HOLD = 1; // the run started with prose: held
const R_PASS = 2; // the run started as JSON, or was released: sent as it comes
const R_BRACKET = 3; // the run starts with `[` and what follows does not yet tell an array from a log prefix

export function createReasoningSplitter(options: SplitOptions = {}): ReasoningSplitter {
  const holdProse = options.holdProse ?? HOLD_PROSE;
  const stripped = new BoundedList<Stripped>(options.maxListEntries ?? Infinity);
  let reasoningSpans = 0;
  // this push's output, in input order
  let pieces: SplitPiece[] = [];
  // The current run (text since the start or since the last removed span): how it started, its text
  // while held, where it begins in the input and where its first non-space character is.
  let run = R_BLANK;
  let runText = '';
  let runBegin = 0;
  let runFirst: Position | null = null;
  // R_BRACKET: where the run's `[` is in runText
  let bracketAt = 0;
  // Just enough JSON to know whether a `<` is inside a string: nesting depth and an open string on
  // this line (a raw line break ends it: LLM JSON strings do not hold one, prose often has a lone `"`).
  let depth = 0;
  let inString = false;
  let escaped = false;

  const track = (t: string): void => {
    for (let i = 0; i < t.length; i++) {
      const c = String.prototype.charCodeAt.call(t, i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34 || c === 10) inString = false;
      } else if (c === 123 || c === 91) depth++;
      else if ((c === 125 || c === 93) && depth > 0) depth--;
      else if (c === 34 && depth > 0) inString = true;
    }
  };

  const newRun = (at: number): void => {
    run = R_BLANK;
    runText = '';
    runBegin = at;
    runFirst = null;
  };

  const emit = (kind: SplitPiece['kind'], text: string): void => {
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last !== undefined && last.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };

  const release = (): void => {
    emit('content', runText);
    runText = '';
    run = R_PASS;
  };

  const onContent = (seg: Segment): void => {
    const t = seg.text;
    track(t);
    if (run === R_PASS) {
      emit('content', t);
      return;
    }
    if (run === R_BLANK) {
      let i = 0;
      while (i < t.length && (String.prototype.charCodeAt.call(t, i) === 32 || String.prototype.charCodeAt.call(t, i) === 10 || String.prototype.charCodeAt.call(t, i) === 13 || String.prototype.charCodeAt.call(t, i) === 9)) i++;
      if (i < t.length) {
        const c = String.prototype.charCodeAt.call(t, i);
        runFirst = { offset: seg.base + i, line: seg.line(i), column: seg.column(i) };
        run = c === 123 || c === 96 ? R_PASS : c === 91 ? R_BRACKET : R_HOLD;
        bracketAt = runText.length + i;
        if (run === R_PASS) {
          emit('content', runText + t);
          runText = '';
          return;
        }
      }
    }
    if (run === R_BRACKET) {
      // as the engine reads it (runStart.ts): a log prefix (`[INFO] …`) is prose, held; an array passes
      const prose = bracketStartsProse(runText + t, bracketAt + 1);
      if (prose === false) {
        release();
        emit('content', t);
        return;
      }
      if (prose === true) run = R_HOLD;
    }
    runText += t;
    if (seg.base + t.length - runBegin <= holdProse) return;
    if (run === R_HOLD || run === R_BRACKET) release();
    else {
      // only spaces so far, past the hold: they go out (held, an endless run of them grew without bound);
      // a lone closing tag after this point removes only the tag
      emit('content', runText);
      runText = '';
    }
  };

  const scanner = createReasoningScanner({
    content: onContent,
    // the opening tag decides held prose before it (content): it goes out now, ahead of the block's
    // reasoning (released at the block's end, it came after that reasoning). Whitespace alone waits for
    // the block's end and goes out after it, with the text that follows: an answer that opens with a
    // block does not start with a text of only whitespace, and the Messages API's auto mode streams the
    // thinking at once (its two processors agree on it) instead of holding it for the answer.
    open: () => {
      if (run === R_HOLD) release();
    },
    reasoning: (t) => {
      emit('reasoning', t);
    },
    span: (st) => {
      // a harmony marker decides the text before it too, and a block's end the whitespace before it
      if (run !== R_PASS) release();
      if (st.kind === 'reasoning') reasoningSpans++;
      stripped.push(st);
      newRun(st.offset + st.length);
    },
    loneClose: (tag, at) => {
      let st: Stripped;
      // an undecided `[` is JSON at a tag, as in the engine (its held start is scanned as the value)
      if (run === R_BRACKET) release();
      if (run === R_PASS) {
        // past the hold (or after JSON): the text before already went out as content; the tag goes
        st = { kind: 'reasoning', offset: at.offset, length: tag.length, line: at.line, column: at.column, text: tag };
      } else {
        const from = runFirst ?? at;
        const body = runText.slice(runText.length - (at.offset - from.offset)) + tag;
        st = { kind: 'reasoning', offset: from.offset, length: body.length, line: from.line, column: from.column, text: body };
        emit('reasoning', runText.trim());
      }
      reasoningSpans++;
      stripped.push(st);
      newRun(at.offset + tag.length);
      depth = 0;
      inString = false;
      return true;
    },
    literal: () => depth > 0 && inString,
  }, options.keepBlockText ?? BLOCK_TEXT_KEEP);

  const take = (): SplitOutput => {
    const out = pieces;
    pieces = [];
    let content = '';
    let reasoning = '';
    for (const p of out) {
      if (p.kind === 'content') content += p.text;
      else reasoning += p.text;
    }
    return { content, reasoning, pieces: out };
  };

  return {
    push(chunk: string): SplitOutput {
      scanner.push(chunk);
      return take();
    },
    end(): SplitOutput {
      scanner.end();
      release();
      return take();
    },
    decide(): SplitOutput {
      // held prose, or held whitespace alone: text, decided now (the Messages API at a tool call: the
      // text before the call goes out before its block)
      if (run !== R_PASS) release();
      return take();
    },
    get stripped() {
      return stripped.toArray();
    },
    get strippedCut() {
      return stripped.cut();
    },
    get reasoningSpans() {
      return reasoningSpans;
    },
    get held() {
      return runText.length;
    },
  };
}

/** Splits a whole text at once (non-streaming responses): the same rules as the stream. */
export function splitReasoning(text: string, options?: SplitOptions): SplitOutput & { stripped: Stripped[] } {
  const s = createReasoningSplitter(options);
  const a = s.push(text);
  const b = s.end();
  return { content: a.content + b.content, reasoning: a.reasoning + b.reasoning, pieces: joinPieces([...a.pieces, ...b.pieces]), stripped: s.stripped as Stripped[] };
}

/** Pieces of several outputs as one list: adjacent pieces of one kind joined. */
function joinPieces(list: readonly SplitPiece[]): SplitPiece[] {
  const out: SplitPiece[] = [];
  for (const p of list) {
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === p.kind) last.text += p.text;
    else if (p.text !== '') out.push({ kind: p.kind, text: p.text });
  }
  return out;
}
