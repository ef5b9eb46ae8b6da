/**
 * `auto` mode without `response_format`: the answer decides. Repair when the first content after
 * reasoning starts as JSON (`{` or `[` that opens a value, see opensJsonValue, and does not turn out to be
 * a short bracket in a sentence, see standsAlone; or a ```` ```json ```` fence), else strip. The decision
 * is made on those first characters (after any reasoning, which the engine's reasoning stage recognises
 * as it does everywhere): nothing more than they (a value's first 64 characters and the spaces after
 * it, at most) is held back for it. Except with `holdProse` (the models whose content
 * can begin with reasoning only a lone `</think>` ends, and the whole text of a non-streaming response):
 * content that starts with text waits up to that many characters for a lone closing tag, which makes it
 * reasoning and lets the content after the tag decide, as the strip splitter and the engine read it.
 */
import { createReasoningScanner } from '../../shared/engine';
import type { AppliedMode } from '../../shared/protocol';

export interface AutoDecision {
  mode: AppliedMode;
  /** Why, for the artifact's `modeReason`. */
  reason: string;
}

export interface AutoDecider {
  /** The decision once the content so far allows one, else null. */
  push(delta: string): AutoDecision | null;
  /** The decision at the end of the content (strip when it never started as JSON). */
  end(): AutoDecision;
}

/** Longest fence info string read before the fence is decided to be something other than ```json. */
const FENCE_MAX = 16;

/** Whitespace outside reasoning read before the answer starts, at most, before auto decides strip: until
 * it decides, the gateway holds what each mode would send (the whitespace, in ContentProcessor and the
 * Messages translator), so an upstream sending only whitespace must not be held without bound. The
 * engine's own bound on text held undecided (maxHoldBack's default), 1 Mi characters. */
export const AUTO_WHITESPACE_LIMIT = 1024 * 1024;

const TEXT_REASON = 'auto: the answer starts with text';

/** Longest bare word (and run of spaces after it) read after the opening bracket: past it, text. */
const WORD_MAX = 64;

/** A value that opened at the start and closes within this many characters is JSON only when what follows
 * it on its line is not a word (see standsAlone); past it, the value is JSON. */
const SHORT_VALUE = 64;

/** The bare words that start a JSON array's first value (the Python spellings are repaired). */
const KEYWORDS = ['true', 'false', 'null', 'True', 'False', 'None'];

/**
 * Whether `lead` (starting with `{` or `[`) opens a JSON value, on what follows the bracket: null until
 * that is known. Prose starts with brackets too (`[Docs](https://…)`, `[x] done`, `{name} is a
 * placeholder`, `{{user}}`), and repair mode would send the client `["Docs"]` instead of the sentence, while
 * strip mode sends text as it came: what is not clearly JSON is text. JSON: `{` then a quote, `}`, a
 * comment (`//`, `/*`) or a bare key followed by `:`; `[` then a quote, a bracket, `-`, a digit, a comment
 * or a keyword (`true`, `None`, …) followed by `,` or `]`. Each test reads a bounded prefix and gives the
 * same answer on any longer one, so the decision does not depend on where the reads were cut. Whitespace
 * after the bracket past `whitespaceLimit` decides JSON (the bound on what is held).
 */
function opensJsonValue(lead: string, atEnd: boolean, whitespaceLimit: number): boolean | null {
  const space = /^[{[][ \t\n\r]*/.exec(lead)![0].length;
  const next = lead[space];
  if (next === undefined) return atEnd || space > whitespaceLimit ? true : null;
  if (/["'\u201c\u2018]/.test(next)) return true;
  if (next === '/') return lead.length > space + 1 ? /[/*]/.test(lead[space + 1]!) : atEnd ? false : null;
  if (lead[0] === '{' ? next === '}' : /[[{\]\d-]/.test(next)) return true;
  const word = /^[A-Za-z_$][\w$-]*/.exec(lead.slice(space))?.[0];
  if (word === undefined || word.length > WORD_MAX) return false;
  // the character after the word and the spaces after it: `:` after a key, `,` or `]` after a keyword
  const after = lead.slice(space + word.length);
  if (lead[0] === '[' && !(after === '' ? KEYWORDS.some((k) => k.startsWith(word)) : KEYWORDS.includes(word))) return false;
  const gap = /^[ \t]*/.exec(after)![0].length;
  if (gap > WORD_MAX) return false;
  if (gap === after.length) return atEnd ? false : null;
  return lead[0] === '{' ? after[gap] === ':' : /[,\]]/.test(after[gap]!);
}

/** Where the bracketed value at the start of `lead` ends (the index after its closing bracket), reading at
 * most `max` characters; -1 when it does not end there. Brackets in strings (`"…"`, `'…'`) do not count. */
function valueEnd(lead: string, max: number): number {
  let depth = 0;
  let quote = '';
  let escaped = false;
  const n = Math.min(lead.length, max);
  for (let i = 0; i < n; i++) {
    const c = lead[i]!;
    if (quote !== '') {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Whether a value that opens JSON-like (opensJsonValue) stands alone: null until known. A short one
 * (closed within SHORT_VALUE characters) followed on its line by a word, `:` or `(` is prose: `[1] is a
 * footnote marker.`, `[2]: https://…`, `[3](https://…)`, `{"a": 1} is the object`. Followed by the end,
 * a line end, `,`, a fence or anything else, or not closed within the bound, it is JSON. What it reads is
 * bounded (the value, then at most WORD_MAX spaces) and the answer is the same on any longer prefix.
 */
function standsAlone(lead: string, atEnd: boolean): boolean | null {
  const end = valueEnd(lead, SHORT_VALUE);
  if (end < 0) return lead.length >= SHORT_VALUE || atEnd ? true : null;
  const gap = /^[ \t]*/.exec(lead.slice(end))![0].length;
  const next = lead[end + gap];
  if (next === undefined) return atEnd || gap > WORD_MAX ? true : null;
  return gap > WORD_MAX || !/[\p{L}:(]/u.test(next);
}

export function createAutoDecider(whitespaceLimit = AUTO_WHITESPACE_LIMIT, holdProse = 0): AutoDecider {
  // the content after reasoning, from its first non-space character, until it decides
  let lead = '';
  // whitespace outside reasoning before it
  let blank = 0;
  let decision: AutoDecision | null = null;
  // holdProse: the text-started verdict, waiting for a lone closing tag, and the characters it has read
  let textVerdict: AutoDecision | null = null;
  let textRead = 0;

  const decide = (atEnd: boolean): AutoDecision | null => {
    if (lead === '') return atEnd ? { mode: 'strip', reason: 'auto: no answer content' } : null;
    const c = lead[0];
    if (c === '{' || c === '[') {
      const opens = opensJsonValue(lead, atEnd, whitespaceLimit);
      const json = opens === true ? standsAlone(lead, atEnd) : opens;
      if (json === null) return null;
      return json ? { mode: 'repair', reason: `auto: the answer starts as JSON (${c})` } : { mode: 'strip', reason: TEXT_REASON };
    }
    if (c !== '`') return { mode: 'strip', reason: TEXT_REASON };
    const m = /^(`{0,3})([^\n`]*)(\n?)/.exec(lead)!;
    if (m[1].length < 3 && (lead.length > m[1].length || atEnd)) return { mode: 'strip', reason: TEXT_REASON };
    const info = m[2].trim().toLowerCase();
    const settled = m[3] === '\n' || lead.length > m[1].length + m[2].length || m[2].length > FENCE_MAX || atEnd || (info !== '' && !'json'.startsWith(info.slice(0, 4)));
    if (!settled) return null;
    return /^json\b/.test(info) ? { mode: 'repair', reason: 'auto: the answer starts with a ```json fence' } : { mode: 'strip', reason: 'auto: the answer starts with a fence that is not ```json' };
  };

  const scanner = createReasoningScanner({
    content: (seg) => {
      if (decision) return;
      if (textVerdict) {
        textRead += seg.text.length;
        if (textRead > holdProse) decision = textVerdict;
        return;
      }
      if (lead === '') {
        lead = seg.text.trimStart();
        blank += seg.text.length - lead.length;
        // on the count, not on where the reads were cut: the same decision whatever the chunking
        if (blank > whitespaceLimit) return void (decision = { mode: 'strip', reason: `auto: over ${whitespaceLimit} characters of whitespace before the answer` });
      } else lead += seg.text;
      decision = decide(false);
      if (holdProse > 0 && decision?.reason === TEXT_REASON) {
        textVerdict = decision;
        textRead = lead.length;
        decision = textRead > holdProse ? textVerdict : null;
      }
    },
    reasoning: () => {},
    // a reasoning block (or marker) after the text: the text was content, as the splitter decides
    span: () => {
      if (textVerdict && !decision) decision = textVerdict;
    },
    // a lone closing tag before any content, or after text held for one: what came before it was
    // reasoning, and the content after it decides
    loneClose: () => {
      if (textVerdict && !decision) {
        textVerdict = null;
        lead = '';
      }
      return true;
    },
    literal: () => false,
    // the spans are ignored: no block text is kept (a 300 MB think block before the answer costs nothing)
  }, 0);

  return {
    push(delta: string): AutoDecision | null {
      if (!decision) scanner.push(delta);
      return decision;
    },
    end(): AutoDecision {
      if (!decision) {
        scanner.end();
        decision = decision ?? textVerdict ?? decide(true)!;
      }
      return decision;
    },
  };
}

/** The decision for a whole content text (non-streaming responses): the same rule, with the whole text
 * seen (`plan</think>{"a": 1,}` is JSON after reasoning, whatever the model). */
export function decideAuto(text: string, whitespaceLimit = AUTO_WHITESPACE_LIMIT): AutoDecision {
  const d = createAutoDecider(whitespaceLimit, Infinity);
  return d.push(text) ?? d.end();
}
