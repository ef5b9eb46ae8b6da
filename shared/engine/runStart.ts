/**
 * How a run of content that starts with `[` starts: an array, or a log line's or a shell prompt's bracketed
 * prefix (prose). Shared by the engine (machine.ts: a prose-started run is held and its answer picked at
 * the end) and the splitter (split.ts: held until a lone closing tag or the end decides it), so that both
 * read the same text the same way.
 */
import * as C from './chars';

/** Tags whose content is no answer (any case): a draft, an example or sample, an earlier attempt, the
 * input or schema echoed, an analysis, a plan, notes, a critique, scratch work, a brainstorm, or the source
 * material a prompt quotes, a document, context, a source or a quote (trial 15: `<document>` held a value
 * the result after it was meant to replace) (trial 12:
 * `<scratch>\nmaybe {"n": 2}\n</scratch>\n<answer>{"n": 3}</answer>` gave the draft, streamed at once). A
 * run that starts with one is held as prose (machine.ts), and a value inside one ranks below any other
 * candidate (answer.ts). */
export const NON_ANSWER_TAGS: ReadonlySet<string> = new Set(['draft', 'drafts', 'example', 'examples', 'sample', 'samples', 'attempt', 'analysis', 'plan', 'notes', 'critique', 'reflection', 'input', 'schema', 'scratch', 'brainstorm', 'document', 'documents', 'context', 'source', 'quote']);
/** The longest name in NON_ANSWER_TAGS. */
export const TAG_NAME_MAX = Math.max(...[...NON_ANSWER_TAGS].map((n) => n.length));
/** An opening or closing tag of NON_ANSWER_TAGS, with or without attributes (answer.ts: is a value inside one?). */
export const NON_ANSWER_TAG = new RegExp(`<(\\/?)(${[...NON_ANSWER_TAGS].join('|')})(?:\\s[^<>]*)?>`, 'gi');

/** The words a JSON (or Python / JavaScript) value may start with right after a `[` (a few, each at most 9
 * characters: a word that is no prefix of one is decided at once). */
const BRACKET_KEYWORDS = new Set(['true', 'false', 'null', 'True', 'False', 'None', 'NaN', 'Infinity', 'undefined']);
function keywordPrefix(w: string): boolean {
  for (const k of BRACKET_KEYWORDS) if (k.startsWith(w)) return true;
  return false;
}
/** A letter outside ASCII (any script). */
const NON_ASCII_LETTER = /^\p{L}$/u;
/** The longest number read after a run's first `[` before it is decided. */
const BRACKET_PEEK = 32;

/** Whether a run whose first character is a `[` (head[j] the one after it) starts with prose: a log
 * line's or a shell prompt's bracketed prefix, not an array. A word that starts no value (`[INFO] started
 * …`, `[dev@build-01 ~/proj]$ cat out.json`), or a date or a time (`[2026-11-30 14:02:11] ERROR …`,
 * `[14:02] …`): held like any prose-started run, so the end picks the answer among its values (trial 6:
 * before, `["INFO"]` or `["2026-11-30 14:02:11"]`, the value after it trailing); a letter of another script
 * first is such a word too (`[ГОТОВО]`, `[完成]`). A keyword (`[true`,
 * `[None`, `[NaN`), a number, a quote, a bracket, a space or anything else starts the array, as before;
 * null (the run waits) while a keyword's prefix or a number (and a `-`, `:` or `/` right after it) reaches
 * the end of `head`: a stream that starts `[tr` or `[20` shows no view until the next character decides. */
export function bracketStartsProse(head: string, j: number): boolean | null {
  if (j === head.length) return null;
  const c = String.prototype.charCodeAt.call(head, j);
  let k = j;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
    // decided at the first character no keyword goes on with (`[IN` is prose, `[Inf` may be Infinity)
    while (k < head.length && C.isWordChar(String.prototype.charCodeAt.call(head, k)) && String.prototype.charCodeAt.call(head, k) !== 45) {
      k++;
      if (!keywordPrefix(head.slice(j, k))) return true;
    }
    if (k === head.length) return null;
    return !BRACKET_KEYWORDS.has(head.slice(j, k));
  }
  // a letter of another script (`[ГОТОВО]`, `[完成]`, `[Éxito]`): no keyword starts with one (engine21; it was
  // an array, `["ГОТОВО"]`, and after the answer an `extra_value`)
  if (c > 127 && NON_ASCII_LETTER.test(String.prototype.charAt.call(head, j))) return true;
  if (c === 91) return dspyMarker(head, j);
  if (c < 48 || c > 57) return false;
  while (k < head.length && k - j < BRACKET_PEEK && C.isDigit(String.prototype.charCodeAt.call(head, k))) k++;
  if (k === head.length) return k - j < BRACKET_PEEK ? null : false;
  const d = String.prototype.charCodeAt.call(head, k);
  // `2026-11-30`, `14:02`, `11/30`: a date or a time (no JSON number has a digit right after these)
  if (d !== 45 && d !== 58 && d !== 47) return false;
  if (k + 1 === head.length) return null;
  return C.isDigit(String.prototype.charCodeAt.call(head, k + 1));
}

/** The rest of DSPy's field marker after its first `[`: `[ ## ` (the ChatAdapter writes each output field as
 * `[[ ## name ## ]]` on a line of its own, then the field's value, and ends with `[[ ## completed ## ]]`).
 * Whether head[j…] starts it: true, false, or null while it is a prefix that reaches the end of `head`
 * (trial 18: `[[ ## label ## ]]\n{"label": "spam"}` gave `[[ "## label ##" ]]`, the answer an extra value). */
const DSPY_REST = '[ ## ';
function dspyMarker(head: string, j: number): boolean | null {
  for (let t = 1; t < DSPY_REST.length; t++) {
    if (j + t === head.length) return null;
    if (String.prototype.charCodeAt.call(head, j + t) !== DSPY_REST.charCodeAt(t)) return false;
  }
  return true;
}

/** DeepSeek's chat-template tokens (full-width bars), leaked by raw endpoints: `<｜Assistant｜>` before an
 * R1-style answer whose `<think>` was in the prompt (trial 9: `<｜Assistant｜>Okay, … [2, 3, 5, 7, 9]? Wait, …
 * </think>\n\n[2, 3, 5, 7]` gave the draft, the `<` read as a tag that starts JSON, so the run was not held
 * and the lone `</think>` came too late). At a run's start they are markers, as `[INST]`: the text after
 * them starts the run. */
const DEEPSEEK_MARKERS = ['<｜begin▁of▁sentence｜>', '<｜User｜>', '<｜Assistant｜>', '<｜end▁of▁sentence｜>'];

/** Mistral's raw tool-call marker (its templates' control token, leaked as text by raw endpoints): the
 * calls follow it as a JSON array. At a run's start (the text's, or after reasoning or a marker) it is a
 * marker like harmony's, a `wrapper` span, not the first value (`["TOOL_CALLS"]`, the calls lost as an
 * extra value). Later on a line of its own it is prose before the calls (answer.ts picks them). The
 * Llama 2 / Mistral instruction markers `[INST]` and `[/INST]`, echoed by a model at the start of its
 * answer, are markers alike (before: `[INST] … [/INST] {…}` gave `["INST"]`), and so is the sentence-start
 * token `<s>` they come after in a raw completion (trial 7: `<s>[INST] … [/INST]{…}</s>` gave `["INST"]`). */
const MARKERS = ['[TOOL_CALLS]', '[INST]', '[/INST]', '<s>', ...DEEPSEEK_MARKERS];

/** Whether head[i…] is one of the markers (its length), may still become one (0: a prefix that ends the
 * text so far, held like a backtick), or not (-1). */
export function markerAt(head: string, i: number): number {
  const c = String.prototype.charCodeAt.call(head, i);
  if (c !== 91 && c !== 60) return -1;
  let r = -1;
  for (const m of MARKERS) {
    const n = Math.min(head.length - i, m.length);
    if (head.slice(i, i + n) !== m.slice(0, n)) continue;
    if (n === m.length) return n;
    r = 0;
  }
  return r;
}
