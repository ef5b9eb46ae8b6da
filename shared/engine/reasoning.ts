/**
 * The reasoning stage: recognises reasoning in model output and splits it from the content. One
 * implementation, used by the engine (before and after the JSON value) and, through
 * `createReasoningStage`, by the gateway's strip mode and any other caller that wants text split into
 * content and reasoning.
 *
 * Recognised: `<think>`, `<thinking>`, `<reasoning>`, `<thought>`, `<scratchpad>`, `<seed:think>` blocks (any case, with
 * attributes) and Cohere's `<|START_THINKING|>…<|END_THINKING|>` (its response tokens are markers) up
 * to their closing tag, or to the end of the input when unclosed; a lone closing tag of each (R1-style
 * templates put the opening tag into the prompt: the host decides what the text before it was); the
 * gpt-oss harmony channels (`<|channel|>analysis<|message|>…<|end|>` is reasoning, the header of any
 * other channel and the markers `<|start|>assistant`, `<|end|>`, `<|return|>`, `<|call|>` are removed).
 * A `<` the host says is inside a JSON string is text, and so is one inside markdown code (an inline
 * code span, or a fenced block; markdownCode.ts): an answer that mentions `` `<think>` `` or shows an
 * example in a fence is talking about the tag, and taking it for one would turn the rest of the answer
 * into reasoning. A `<` inside an inline span still open waits (HOLD_MAX) for the span to close on its
 * line: a span that never closes was literal backticks, and the `<` after them may open a block.
 */
import { BoundedText, utf8Length } from './boundedText';
import { CODE_FENCE, CODE_NONE, MarkdownCode } from './markdownCode';
import { Segment } from './segment';
import type { Position, Stripped } from './types';

/** Characters of a reasoning block's text kept for its stripped span (head and tail, half each; the
 * span's `cut` says what was dropped): the reasoning itself streams out whole as it comes, so a
 * 300 MB think block costs this much, not 300 MB. */
export const BLOCK_TEXT_KEEP = 64 * 1024;

/** What the scanner reports to its host, in input order. */
export interface ReasoningSink {
  /** Content: a piece of the input (its segment knows where it starts). */
  content(seg: Segment): void;
  /** A reasoning block's opening tag was read (its text follows in reasoning(), its end in span()).
   * Optional: only a host that holds text back needs to know (the splitter decides held prose here). */
  open?(): void;
  /** Reasoning text (inside a block, without the tags), as it streams. */
  reasoning(text: string): void;
  /** A removed span: a whole reasoning block (kind `reasoning`) or a harmony marker (kind `wrapper`). */
  span(st: Stripped): void;
  /** A closing reasoning tag with no opening one. True: the host took it (the text before it was
   * reasoning); false: the tag is content. */
  loneClose(tag: string, at: Position): boolean;
  /** Whether a `<` here (after all content so far) is text, because it is inside a JSON string. */
  literal(): boolean;
  /** Whether the content here is markdown, where code hides a tag (asked only inside code). Optional
   * (absent: always): the engine says no from its confirmed value on, whose chunks it passes by
   * without the stage (passed()), so that backticks in a string value count alike, one-shot or not. */
  markdown?(): boolean;
}

export interface ReasoningScanner {
  /** `from`: characters at the chunk's start the host has taken as content itself (see passed()).
   * `lazyEnd`: where a long chunk (4096 characters or more) ends is located only when locate() or the
   * next push() asks, not here: `line` and `column` are stale until then. For a host that may never
   * ask (a whole text repaired at once, whose end needs no position): counting the lines of the whole
   * text was ~12% of the time a valid 4 MB text took. */
  push(chunk: string, from?: number, lazyEnd?: boolean): void;
  /** Brings `line` and `column` up to date after a push with `lazyEnd`. */
  locate(): void;
  /** The host took a whole chunk of `length` characters as content itself, which it may do only when
   * the scanner is idle and every `<` in the chunk is text (`literal()` says so): the input now ends
   * at `line`, `column`. */
  passed(length: number, line: number, column: number): void;
  end(): void;
  /** Line and column (0-based) where the input so far ends. */
  readonly line: number;
  readonly column: number;
  /** In the text state with nothing half read: a chunk here is content up to its first `<`. */
  readonly idle: boolean;
}

/** The reasoning tag names recognised, lower case (matched in any case); the gateway's output panel strips the same tags. */
/** `scratchpad`: Anthropic's prompting guides have Claude reason in `<scratchpad>` before its answer.
 * `seed:think`: ByteDance Seed-OSS's block (trial 11: `<seed:think>…Draft {"count": 2}? No…</seed:think>`
 * then the answer gave the draft, streamed at once). */
export const REASONING_TAG_NAMES: readonly string[] = ['think', 'thinking', 'reasoning', 'thought', 'scratchpad', 'seed:think'];

/** Longest tag (or harmony header) buffered before it is taken for text. */
const TAG_MAX = 200;
const HARMONY_TOKEN = /<\|([a-z]+)\|>/g;

const T_TEXT = 0;
const T_TAG = 1; // `<…` that may be a reasoning tag or a harmony header
const T_BLOCK = 2; // inside a reasoning block, looking for its closing tag
const T_HOLD = 3; // a `<` inside an open inline code span: held until the span closes or its line ends

/** Characters held for a `<` inside an open inline code span (from the `<`) before it is taken for text
 * unseen: a span closes within a few words, and what waits here is delivered late. */
export const HOLD_MAX = 1024;

type TagVerdict = { kind: 'more' } | { kind: 'text' } | { kind: 'open'; close: string } | { kind: 'close' } | { kind: 'marker' };

const MORE: TagVerdict = { kind: 'more' };
const TEXT: TagVerdict = { kind: 'text' };

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** What a buffered `<…` is: still undecided, not ours, or a complete tag. */
function classify(buf: string): TagVerdict {
  if (buf.length > TAG_MAX) return TEXT;
  if (buf.length < 2) return MORE;
  if (String.prototype.charCodeAt.call(buf, 1) === 124) return classifyCohere(buf) ?? classifyHarmony(buf);
  const closing = String.prototype.charCodeAt.call(buf, 1) === 47;
  let i = closing ? 2 : 1;
  // a name's letters, and a namespace's colon (`seed:think`)
  while (i < buf.length && (isLetter(String.prototype.charCodeAt.call(buf, i)) || String.prototype.charCodeAt.call(buf, i) === 58)) i++;
  const name = buf.slice(closing ? 2 : 1, i).toLowerCase();
  if (i === buf.length) return REASONING_TAG_NAMES.some((n) => n.startsWith(name)) || (!closing && DETAILS.startsWith(name)) ? MORE : TEXT;
  if (name === DETAILS && !closing) return classifyDetails(buf, i);
  if (!REASONING_TAG_NAMES.includes(name)) return TEXT;
  const c = String.prototype.charCodeAt.call(buf, i);
  if (closing) {
    // `</think>` or `</think  >`
    let j = i;
    while (j < buf.length && String.prototype.charCodeAt.call(buf, j) === 32) j++;
    if (j === buf.length) return MORE;
    return String.prototype.charCodeAt.call(buf, j) === 62 && j === buf.length - 1 ? { kind: 'close' } : TEXT;
  }
  if (c === 62) return i === buf.length - 1 ? { kind: 'open', close: `</${name}>` } : TEXT;
  if (c !== 32 && c !== 9) return TEXT;
  // attributes: anything but a line break or another `<` up to `>`
  for (let j = i; j < buf.length; j++) {
    const d = String.prototype.charCodeAt.call(buf, j);
    if (d === 10 || d === 60) return TEXT;
    if (d === 62) return j === buf.length - 1 ? { kind: 'open', close: `</${name}>` } : TEXT;
  }
  return MORE;
}

/** Cohere Command A Reasoning's template tokens as raw endpoints leak them (trial 11:
 * `<|START_THINKING|>Maybe {"a": 0}? No…<|END_THINKING|><|START_RESPONSE|>{"a": 1, "b": 2}<|END_RESPONSE|>`
 * gave the draft): the thinking tokens open and close a block, the response tokens are markers. Exact
 * tokens (upper case, as the template writes them); a verdict, or null when buf is none of them. */
const COHERE_OPEN = '<|START_THINKING|>';
const COHERE_TOKENS: readonly [string, TagVerdict][] = [
  [COHERE_OPEN, { kind: 'open', close: '<|end_thinking|>' }],
  ['<|END_THINKING|>', { kind: 'close' }],
  ['<|START_RESPONSE|>', { kind: 'marker' }],
  ['<|END_RESPONSE|>', { kind: 'marker' }],
];
function classifyCohere(buf: string): TagVerdict | null {
  if (buf.length > 2 && String.prototype.charCodeAt.call(buf, 2) !== 83 && String.prototype.charCodeAt.call(buf, 2) !== 69) return null;
  for (const [t, v] of COHERE_TOKENS) if (t.startsWith(buf)) return buf.length === t.length ? v : MORE;
  return null;
}

/** Open WebUI's reasoning block as its chats export and its API's content carry it (trial 10:
 * `<details type="reasoning" done="true" duration="3">\n<summary>Thought for 3 seconds</summary>\n> …
 * </details>` then the answer gave a draft quoted in the reasoning): a `<details>` whose attributes say
 * `type="reasoning"` opens a block to its `</details>`; any other `<details>`, and a lone `</details>`, is
 * text (HTML's disclosure element). */
const DETAILS = 'details';
const DETAILS_REASONING = /\stype\s*=\s*(?:"reasoning"|'reasoning'|reasoning[\s>])/i;

/** A `<details` read up to buf[i]: a reasoning block's opening tag once its `>` comes with the type. */
function classifyDetails(buf: string, i: number): TagVerdict {
  const c = String.prototype.charCodeAt.call(buf, i);
  if (c !== 32 && c !== 9 && c !== 10) return TEXT;
  for (let j = i; j < buf.length; j++) {
    const d = String.prototype.charCodeAt.call(buf, j);
    if (d === 60) return TEXT;
    if (d === 62) return j === buf.length - 1 && DETAILS_REASONING.test(buf) ? { kind: 'open', close: '</details>' } : TEXT;
  }
  return MORE;
}

/** The channel a harmony header names, lower case (`<|start|>assistant<|channel|>commentary to=functions.x
 * <|message|>` → `commentary`), or null: what classifyHarmony reads (`analysis` is reasoning) and the
 * machine after a header's wrapper span (`commentary`: Machine.heldChannel). */
export function harmonyChannel(header: string): string | null {
  const m = /<\|channel\|>\s*([A-Za-z]+)/.exec(header);
  return m === null ? null : m[1].toLowerCase();
}

/** Harmony: `<|start|>role`, `<|channel|>name …`, `<|constrain|>x` up to `<|message|>` make a header;
 * `<|end|>`, `<|return|>`, `<|call|>` alone are markers. */
function classifyHarmony(buf: string): TagVerdict {
  HARMONY_TOKEN.lastIndex = 0;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = HARMONY_TOKEN.exec(buf)) !== null) {
    const between = buf.slice(at, m.index);
    if (at === 0 && m.index !== 0) return TEXT;
    if (between.includes('<') || between.includes('\n')) return TEXT;
    const name = m[1];
    at = m.index + m[0].length;
    if (name === 'end' || name === 'return' || name === 'call') {
      return m.index === 0 && at === buf.length ? { kind: 'marker' } : TEXT;
    }
    if (name === 'message') {
      if (at !== buf.length) return TEXT;
      return harmonyChannel(buf) === 'analysis' ? { kind: 'open', close: '<|end|>' } : { kind: 'marker' };
    }
    if (name !== 'start' && name !== 'channel' && name !== 'constrain') return TEXT;
  }
  // the unfinished rest: a token being written (`<|chan`) or the text after one (`assistant`)
  const rest = buf.slice(at);
  const lt = rest.indexOf('<');
  if (lt < 0) return at === 0 || rest.includes('\n') ? TEXT : MORE;
  if (rest.slice(0, lt).includes('\n') || rest.indexOf('<', lt + 1) >= 0) return TEXT;
  const tok = rest.slice(lt);
  if (tok.length === 1) return MORE;
  if (String.prototype.charCodeAt.call(tok, 1) !== 124) return TEXT;
  for (let k = 2; k < tok.length; k++) {
    const c = String.prototype.charCodeAt.call(tok, k);
    if (c === 124) return k === tok.length - 1 ? MORE : TEXT; // `<|x|` waits for `>`
    if (c < 97 || c > 122) return TEXT;
  }
  return MORE;
}

/** From this chunk length on, the end of a chunk is located with the segment's cursor instead of moveEnd
 * (short pushes keep moveEnd: the cursor's bookkeeping costs more per 16-character push). */
const CURSOR_END = 4096;

/** Move `p` past `text`: counted with indexOf (not the segment's cursor, which is for positions asked
 * inside a chunk, whose bookkeeping cost more per 16-character push). A module function, not a closure
 * per scanner: V8 keeps type feedback per closure, and each new stream's counting deoptimised once. */
function moveEnd(p: { line: number; column: number }, text: string): void {
  let nl = text.indexOf('\n');
  if (nl < 0) {
    p.column += text.length;
    return;
  }
  let last = nl;
  let line = p.line + 1;
  while ((nl = text.indexOf('\n', last + 1)) >= 0) {
    line++;
    last = nl;
  }
  p.line = line;
  p.column = text.length - last - 1;
}

/**
 * The scanner: push chunks, then end(). It calls the sink in input order. `keep`: characters of a
 * block's text kept for its span (0: none, for a host that ignores spans). State that survives a push:
 * a tag cut by a chunk end (`<thi`), a reasoning block still open and how much of its closing tag is
 * matched (`</thi`), and the position where the input so far ends.
 */
export function createReasoningScanner(sink: ReasoningSink, keep = BLOCK_TEXT_KEEP): ReasoningScanner {
  const seg = new Segment('', 0, 0, 0);
  // the text being scanned: the pushed chunk, or held text scanned again (see unclosed())
  let cur = seg;
  let state = T_TEXT;
  // the `<…` being read (a chunk end can cut it) and where it starts
  let tagBuf = '';
  let tagPos: Position = { offset: 0, line: 0, column: 0 };
  // the open block: its closing tag (lower case), how much of it is matched, its text so far (tags
  // included), where it starts
  let close = '';
  let match = 0;
  let matchText = ''; // the matched part as written (its case kept)
  let blockText = new BoundedText(keep);
  let blockPos: Position = tagPos;
  let total = 0;
  // markdown code in the content (see markdownCode.ts), and the `<` held inside an open inline span:
  // the text from it, where it starts, the backtick run at its end, and whether held text is being
  // scanned again (a `<` in a span opened there is text: each character is held at most once)
  const code = new MarkdownCode();
  let holdText = '';
  let holdPos: Position = tagPos;
  let holdTick = 0;
  let replaying = false;

  const pos = (i: number): Position => ({ offset: cur.base + i, line: cur.line(i), column: cur.column(i) });

  /** Content [a, b) of the current chunk. */
  const content = (s: string, a: number, b: number): void => {
    if (b <= a) return;
    if (a === 0 && b === s.length) sink.content(cur);
    else sink.content(new Segment(String.prototype.slice.call(s, a, b), cur.base + a, cur.line(a), cur.column(a)));
  };

  /** A buffered `<…` that is not ours goes to the host as content. */
  const release = (): void => {
    const t = tagBuf;
    tagBuf = '';
    state = T_TEXT;
    code.scan(t, 0, t.length);
    sink.content(new Segment(t, tagPos.offset, tagPos.line, tagPos.column));
  };

  const onTag = (v: TagVerdict): void => {
    const t = tagBuf;
    if (v.kind === 'text') return release();
    tagBuf = '';
    state = T_TEXT;
    if (v.kind === 'open') {
      close = v.close;
      match = 0;
      blockText = new BoundedText(keep);
      blockText.add(t);
      blockPos = tagPos;
      state = T_BLOCK;
      sink.open?.();
    } else if (v.kind === 'marker') {
      sink.span({ kind: 'wrapper', offset: tagPos.offset, length: t.length, line: tagPos.line, column: tagPos.column, text: t });
    } else if (!sink.loneClose(t, tagPos)) {
      code.scan(t, 0, t.length);
      sink.content(new Segment(t, tagPos.offset, tagPos.line, tagPos.column));
    }
  };

  const closeBlock = (): void => {
    const b = blockText;
    const st: Stripped = { kind: 'reasoning', offset: blockPos.offset, length: b.length, line: blockPos.line, column: blockPos.column, text: keep > 0 ? b.toString() : '' };
    // the size of what was dropped, counted as it passed (the block's size is then exact, not a bound)
    if (keep === 0) st.cut = { at: 0, chars: b.length, bytes: b.bytes };
    else if (b.cutChars > 0) st.cut = { at: b.cutAt, chars: b.cutChars, bytes: b.bytes - utf8Length(st.text, 0, st.text.length) };
    sink.span(st);
    matchText = '';
    match = 0;
    state = T_TEXT;
  };

  const text = (s: string, i: number, len: number): number => {
    let from = i;
    let j = String.prototype.indexOf.call(s, '<', i);
    while (j >= 0) {
      content(s, from, j);
      code.scan(s, from, j);
      let inCode = code.at();
      if (inCode !== CODE_NONE && sink.markdown?.() === false) inCode = CODE_NONE;
      if (inCode !== CODE_FENCE && !sink.literal()) {
        if (inCode === CODE_NONE) {
          tagBuf = '<';
          tagPos = pos(j);
          state = T_TAG;
          return j + 1;
        }
        if (!replaying) {
          holdText = '';
          holdPos = pos(j);
          holdTick = 0;
          state = T_HOLD;
          return j;
        }
      }
      from = j;
      j = String.prototype.indexOf.call(s, '<', j + 1);
    }
    content(s, from, len);
    code.scan(s, from, len);
    return len;
  };

  /** Held text from a `<` inside an open inline span: a run of the span's length closes it (the `<` was
   * code), a line end first leaves it unclosed (its backticks were text). */
  const hold = (s: string, i: number, len: number): number => {
    let k = i;
    while (k < len) {
      const c = String.prototype.charCodeAt.call(s, k);
      if (c === 96) {
        holdTick++;
        k++;
        continue;
      }
      if (holdTick === code.span) {
        holdText += s.slice(i, k);
        heldAsText();
        return k;
      }
      holdTick = 0;
      if (c === 10) {
        holdText += s.slice(i, k + 1);
        unclosed();
        return k + 1;
      }
      if (holdText.length + k - i >= HOLD_MAX) {
        holdText += s.slice(i, k);
        heldAsText();
        return k;
      }
      k++;
    }
    holdText += s.slice(i, len);
    return len;
  };

  /** The held text is content (inside the span, or past the bound). */
  const heldAsText = (): void => {
    const t = holdText;
    holdText = '';
    state = T_TEXT;
    code.scan(t, 0, t.length);
    sink.content(new Segment(t, holdPos.offset, holdPos.line, holdPos.column));
  };

  /** The span never closed: its backticks were text, and the held text is scanned again without it. */
  const unclosed = (): void => {
    const t = holdText;
    holdText = '';
    state = T_TEXT;
    code.spanIsText();
    const outer = cur;
    cur = new Segment(t, holdPos.offset, holdPos.line, holdPos.column);
    replaying = true;
    run(t, 0);
    replaying = false;
    cur = outer;
  };

  const tag = (s: string, i: number, len: number): number => {
    while (i < len) {
      tagBuf += s[i];
      const v = classify(tagBuf);
      if (v.kind === 'text') {
        // not ours: content. A `<` that decided it is read again (it may open a tag); any other character
        // goes with it, so the host sees the `<` with the character after it, however the text was cut
        // (the engine reads a template's `<name>` where a value is expected as a string by it)
        if (String.prototype.charCodeAt.call(s, i) === 60) {
          tagBuf = tagBuf.slice(0, -1);
          release();
          return i;
        }
        release();
        return i + 1;
      }
      i++;
      if (v.kind !== 'more') {
        onTag(v);
        return i;
      }
    }
    return i;
  };

  const block = (s: string, i: number, len: number): number => {
    while (i < len) {
      if (match === 0) {
        const j = String.prototype.indexOf.call(s, '<', i);
        const end = j === -1 ? len : j;
        if (end > i) {
          const t = s.slice(i, end);
          blockText.add(t);
          sink.reasoning(t);
          i = end;
          if (i === len) break;
        }
      }
      let c = String.prototype.charCodeAt.call(s, i);
      if (c >= 65 && c <= 90) c |= 0x20; // tag names match case-insensitively
      if (c === String.prototype.charCodeAt.call(close, match)) {
        matchText += s[i];
        match++;
        i++;
        if (match === close.length) {
          blockText.add(matchText);
          closeBlock();
          return i;
        }
      } else if (match > 0) {
        // a false start: the matched characters were reasoning text; this one is read again
        falseStart();
      } else {
        blockText.add(s[i]);
        sink.reasoning(s[i]);
        i++;
      }
    }
    return i;
  };

  const falseStart = (): void => {
    blockText.add(matchText);
    sink.reasoning(matchText);
    matchText = '';
    match = 0;
  };

  const run = (s: string, i: number): void => {
    const len = ('' + s).length;
    while (i < len) {
      if (state === T_TEXT) i = text(s, i, len);
      else if (state === T_TAG) i = tag(s, i, len);
      else if (state === T_BLOCK) i = block(s, i, len);
      else i = hold(s, i, len);
    }
  };

  // where the last chunk (a long one pushed with lazyEnd) ends is still to be located
  let endStale = false;

  // line and column are plain fields moved at the end of each push, not getters: an object literal
  // with accessors is kept in dictionary mode, and every read of it (push included) became a hash lookup
  const scanner = {
    push(chunk: string, from = 0, lazyEnd = false): void {
      if (endStale) scanner.locate();
      seg.reset(chunk, total, scanner.line, scanner.column);
      // a known string's length (see the machine's push)
      const len = ('' + chunk).length;
      total += len;
      let i = from;
      // the common chunk, text with no `<`, goes to the host whole without the state loop (what text()
      // does for it, measured ~2% of a 16-character push with a view after it)
      if (state === T_TEXT && len > i && String.prototype.indexOf.call(chunk, '<', i) < 0) {
        content(chunk, i, len);
        code.scan(chunk, i, len);
        i = len;
      }
      run(chunk, i);
      if (len < CURSOR_END) moveEnd(scanner, chunk);
      else {
        endStale = true;
        if (!lazyEnd) scanner.locate();
      }
      scanner.idle = state === T_TEXT;
    },
    locate(): void {
      if (!endStale) return;
      endStale = false;
      // a long chunk (one-shot): the segment's cursor has already counted the lines up to the last
      // position the host asked for (every repair's); it counts the rest, not the whole chunk again
      const len = seg.text.length;
      scanner.line = seg.line(len);
      scanner.column = seg.column(len);
    },
    passed(length: number, line: number, column: number): void {
      endStale = false;
      total += length;
      scanner.line = line;
      scanner.column = column;
    },
    end(): void {
      if (state === T_HOLD) {
        if (holdTick > 0 && holdTick === code.span) heldAsText();
        else unclosed();
      }
      if (state === T_TAG) release();
      else if (state === T_BLOCK) {
        // a block cut off by the end: reasoning to the end of the input
        if (match > 0) falseStart();
        closeBlock();
      }
      scanner.idle = state === T_TEXT;
    },
    line: 0,
    column: 0,
    idle: true,
  };
  return scanner;
}
