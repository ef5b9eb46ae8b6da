/**
 * The state of the streaming repair machine: one object that every stage reads and writes (the stages
 * are a chain of classes over it: before.ts, strings.ts, scalars.ts, structure.ts, finish.ts, machine.ts).
 * Every field that survives a push says which split it exists for.
 */
import { BoundedList } from './boundedList';
import { Closers } from './closers';
import * as C from './chars';
import { StreamFixError } from './errors';
import { Output, SavedPosition } from './output';
import { Segment } from './segment';
import type { Position, RepairKind, RepairOptions, Repair, Stripped } from './types';

// Local bindings of the character codes and classes: read as plain constants on the hot path, whether
// the engine runs bundled or module by module (where a namespace read goes through a getter).
const {
  LBRACE,
  QUOTE,
} = C;

// Phases: before the JSON value (reasoning, fences, prose), inside it, after it.
export const P_BEFORE = 0;
export const P_VALUE = 1;
export const P_AFTER = 2;

// Before-phase states.
export const B_TEXT = 0;
export const B_TAG = 1; // inside `<…` that may be a tag
export const B_TICKS = 3; // a run of backticks that may open or close a fence
export const B_FENCE_INFO = 4; // the info string after an opening fence

// Value-phase states.
export const V_VALUE = 0; // a value is expected (top level, array element, object value)
export const V_KEY = 1; // in an object: a key or `}` is expected
export const V_COLON = 2; // after a key
export const V_AFTER = 3; // after a value inside a container: `,` or a closer is expected
export const V_STRING = 4;
export const V_ESCAPE = 5; // inside an escape sequence that a segment end cut
export const V_NUMBER = 6;
export const V_WORD = 7; // a bare word: keyword, Python literal, unquoted key, start of an unquoted string
export const V_UQSTR = 8; // an unquoted string value, up to `,` `}` `]` or a line end
export const V_SLASH = 9; // a `/` that may start a comment
export const V_LINE_COMMENT = 10;
export const V_BLOCK_COMMENT = 11;
export const V_DONE = 12; // a top-level scalar found at the start, waiting for the end to confirm it
export const V_SQ_CLOSE = 13; // a `'` inside a single-quoted string: a closing quote or an apostrophe?
export const V_DQ_CLOSE = 14; // a `"` inside a double-quoted value string: closing, or an inner quote left unescaped?
export const V_STRAY = 16; // text after a value that cannot continue it (`{"a": 1 - 2}`): dropped up to `,` `}` `]` or the line end
export const V_ELEM_KEY = 17; // a `"` after an array element in an object, and the word after it: the object's next key? (openArray.ts)
export const V_ELEM_KEY_END = 18; // after that word's closing quote: a colon proves the key (the array was left open)
export const V_ELISION = 19; // `...` / `…` where an array element or a key is expected: an elision to drop, or text? (scalars.ts)
export const V_GUTTER = 20; // an editor's line number starting a line in a value whose first line had one: its digits and separator (gutter.ts)
// From V_STR_COMMA on, the states are inside a value string (held text of quoteProbe.ts).
export const V_STR_COMMA = 21; // a comma and spaces ending a segment inside a value string (quoteProbe.ts)
export const V_KEY_PROBE = 22; // a `"` after `, ` inside a value string, and the word after it: a key?
export const V_KEY_PROBE_END = 23; // after that word's closing quote: a colon proves the key
export const V_KEY_SPACE = 15; // spaces after a word of an unquoted key: more words of the key (`first name:`), or its end?
export const V_CONCAT = 24; // `"x" + ` after a value string: a `"` next joins the two strings (concat.ts); its closing quote is held
export const V_DQ_WORD = 25; // a word after a value string's held closing quote and spaces: a `"` after it makes that quote an inner one (loneQuote.ts)
export const V_STR_CLOSERS = 27; // `]` / `}` ending a push inside a string element of an array of strings: its text, or closers after a missing quote? (quoteAtEnd.ts)
export const V_SQ_DQ = 28; // a `"` inside a single-quoted value string and what follows it: its closing quote, or text? (mixedQuotes.ts)
export const V_TRIPLE_END = 26; // a run of quotes that ended a push inside a triple-quoted string (tripleQuotes.ts): its text, or its end?
export const V_GQ_SPACE = 29; // spaces ending a push inside a guillemet string: removed (before `»`, or right after `«`), or its text? (strings.ts)
// A `"` closing an open inner quote, a comma after it: the string's end, or `"id", "name" FROM` (quoteProbe.ts)
export const V_IQ_COMMA = 30; // after that comma: spaces, then a `"`?
export const V_IQ_WORD = 31; // the word after that `"`, up to its closing quote
export const V_IQ_END = 32; // after the word's closing quote: a colon or a value (the next key), or text?
export const V_IQ_BARE = 33; // a word after that comma and spaces: a `:` (an unquoted key), or a `"` (words of the value: `"--force", then retry`)?
// What `held` holds (see MachineState.held).
export const HELD_EQ = 1;
export const HELD_TICK = 2;
export const HELD_HASH = 4; // a `#` where a value is expected: a comment (`# note`) or an unquoted string (`#fff`)?
/** uqRegex's states: a regular expression literal's `/` next, its pattern, a `[…]` class in it; plus
 * RX_ESCAPED after a backslash. */
export const RX_OPEN = 1;
export const RX_BODY = 2;
export const RX_CLASS = 3;
export const RX_ESCAPED = 4;
export const HELD_SLASH = 5; // a `/` where a value is expected: a comment (`//`, `/*`) or an unquoted string (`/^a+$/i`, `/usr/bin`)?
export const HELD_TICK_GAP = 3; // a backtick after an array element and spaces: a template literal after a missing comma, or a fence
export const HELD_SMART = 7; // a `’` / `”` ending a segment in a string opened with `‘` / `“` (and an inner `“` open): closing, or text? (strings.ts)
export const HELD_ENT = 8; // an HTML entity's start at a segment end, where a key or value starts or in a string of an HTML-escaped value (htmlEntities.ts)
export const HELD_BSQ = 6; // a `\` where a key (or, in a value whose quotes are escaped, a value) is expected: `\"` opens a string?

/** How far a JSON candidate found in prose may run before it is taken without further proof. */
export const CONFIRM_WINDOW = 2048;
export const CONFIRM_DEPTH = 32;

/** maxInputLength's default (64 Mi characters), also the gateway's bound on text it must send whole. */
export const DEFAULT_MAX_INPUT_LENGTH = 64 * 1024 * 1024;

const DEFAULTS = { maxInputLength: DEFAULT_MAX_INPUT_LENGTH, maxDepth: 512, maxHoldBack: 1024 * 1024, maxListEntries: Infinity, maxStrippedEntries: Infinity };

/** Repairs that a real JSON value in prose may need; any other repair before confirmation means the
 * brace was prose (`{name, age}`, `[see above]`), and the text is scanned again as prose. */
const CANDIDATE_REPAIRS = new Set<RepairKind>(['unquoted_key', 'single_quotes', 'smart_quotes', 'guillemet_space', 'python_literal', 'control_character', 'invalid_escape', 'comment', 'number_base', 'number_separator', 'escaped_quotes', 'html_entities', 'unescaped_quote', 'missing_quote', 'string_concat', 'fullwidth_punctuation', 'unicode_space', 'quote_marker', 'line_number', 'sse_prefix', 'wrong_colon', 'scientific_notation']);

/** What the stack holds for a Python set's `{` (pythonSet.ts): read as an array, closed by `}` written `]`. */
export const PYSET = 0x1007b;

export function closerOf(open: number): string {
  return open === LBRACE ? '}' : ']';
}

/** Pushes between two foldings of the recent output into the base (see MachineState.kept). Measured: with
 * 512, a minor GC found megabytes of a rope's nodes alive and copied them (~7 ms pauses, ~30% of a
 * stream's time in GC, 0.29 us per 4-character push); with 64, pauses of ~1 ms and 0.19 us per push, and
 * the same time for 1.6 MB in 16-character chunks with a view after each push. */
export const EMIT_FOLD = 64;

/**
 * The kept output since the last fold: `all` (everything output so far, a rope of the base and the recent
 * outputs) and `recent` (the outputs since the last fold, a rope of their own, which the fold flattens into
 * one block). A new one at every fold, so that it is young for the window's pushes (a push's output
 * stored into it needs no write-barrier call while it is; into the old machine it did).
 */
export class KeptOutput {
  n = 0;
  recent = '';
  constructor(public all: string) {}
}

export abstract class MachineState {
  protected readonly o = new Output();
  protected readonly maxInputLength: number;
  protected readonly maxDepth: number;
  protected readonly maxHoldBack: number;

  // ---- whole-stream state
  protected total = 0; // characters pushed so far
  protected lineEnd = 0; // line and column where the input so far ends
  protected colEnd = 0;
  protected ended = false;
  protected failure: StreamFixError | null = null;
  /** Everything output so far is `kept.all`: a rope of `emittedBase` and the outputs of the pushes since
   * the last fold, which `kept.recent` also holds. Every EMIT_FOLD pushes those are flattened into one
   * block appended to the base, and the rope restarts from the base in a new KeptOutput, so a long
   * stream keeps a rope of a few large blocks instead of one node per push (the nodes and pieces of the
   * recent outputs die young instead of being copied by the garbage collector), and view() adds its
   * closers to it with one concatenation. */
  emittedBase = '';
  protected kept: KeptOutput;
  /** keepOutput (default true): false keeps no copy of the output (a long stream's caller keeps its own). */
  protected readonly keepOutput: boolean;
  /** jsonInput (default false): the input is a JSON value (types.ts); a `{` starting it goes out at once. */
  protected readonly jsonInput: boolean;
  get emitted(): string {
    if (!this.keepOutput) throw this.outputNotKept();
    return this.kept.all;
  }
  /** What emitted and view() throw with keepOutput: false. */
  protected outputNotKept(): StreamFixError {
    return new StreamFixError('INVALID_OPTION', 'The output is not kept (keepOutput: false): emitted and view() are not available');
  }
  /** Characters handed to the scanners, rescans of rejected candidates included: the engine's work
   * in operations (tests check it stays linear in the input). */
  charsScanned = 0;
  /** Every repair and stripped span, for end()'s result: bounded by maxListEntries (all by default). */
  protected readonly repairs: BoundedList<Repair>;
  protected newRepairs: Repair[] = [];
  protected readonly stripped: BoundedList<Stripped>;
  protected newStripped: Stripped[] = [];
  protected reasoningOut = '';
  protected phase = P_BEFORE;
  protected valueSeen = false; // a JSON value was confirmed
  /** Input offset where the confirmed value starts, and where the text after it starts (-1: not yet). */
  answerStart = -1;
  answerEnd = -1;
  protected candStart = 0; // input offset of the current candidate
  protected truncated = false;
  protected extraValue = false; // more top-level values followed the first, or a later one corrects it (status REPAIRED)

  // ---- before phase (state surviving a push: partial tags, fences, reasoning blocks, prose runs)
  protected bstate = B_TEXT;
  /** The next `{`/`[` (or scalar) starts the JSON without proof: true at the start of the text, after
   * a reasoning block (reasoning.ts finds them), a fence line or a wrapper tag. */
  protected confirmNext = true;
  /** Whether confirmNext lets a scalar start the value too: not at the start of a sub-run in the middle
   * of held text (answer.ts), where the text follows a candidate (`"[1, 2]" is wrong` must not make
   * `" is wrong…` a string); again after a fence line or a wrapper tag. */
  protected scalarStart = true;
  protected inFence = false;
  protected tagBuf = ''; // `<…` read so far (a tag can be cut by a segment end)
  protected tagPos: Position | null = null;
  protected ticks = 0;
  protected fenceText = '';
  protected fencePos: Position | null = null;
  /** The current prose run: its text (whitespace included), where its first non-space character is. */
  protected proseText = '';
  protected prosePos: Position | null = null;
  protected proseFrom = -1; // segment index where the unflushed part of the run starts
  protected anythingBefore = false; // something non-space (stripped or prose) came before the value

  // ---- value phase
  protected vstate = V_VALUE;
  protected readonly stack: number[] = [];
  /** Bumped on every change of `stack`, so view() rebuilds its closers only when they change. */
  protected stackVer = 0;
  protected closersVer = -1;
  protected readonly closers = new Closers();
  protected unconfirmed = false;
  protected candTopScalar = false;
  /** The top-level scalar candidate opened with `'` (scalars.ts scalarStandsAtEnd). */
  protected candApos = false;
  protected candPos: Position = { offset: 0, line: 0, column: 0 };
  protected candRaw = ''; // raw text of an unconfirmed candidate from earlier segments
  protected candIdx = 0; // segment index where the unsaved part of the candidate's raw text starts
  protected candRepairs: Repair[] = [];
  protected rescan: Segment | null = null;

  protected strQuote = QUOTE; // the character that closes the current string
  protected strIsKey = false;
  /** Input offset of the opening quote of the last value string: a second and third quote right after
   * it open a triple-quoted string (tripleQuotes.ts). */
  protected strOpenAt = -2;
  /** Quotes read of a run inside a triple-quoted string that ended a push (V_TRIPLE_END). */
  protected tripleRun = 0;
  /** A string after an array element in an object, held while it may be the object's next key
   * (openArray.ts): its word's length so far, where its closing quote is, the spaces after that, and
   * whether the closing quote reads as an opening one (strings.ts dqOpens, if it turns out a value). */
  protected elemLen = 0;
  protected readonly elemQuote2 = new SavedPosition();
  protected elemWs = 0;
  protected elemOpens = false;
  /** How many string elements the innermost open array has had so far, or negative once it has had
   * another element (quoteAtEnd.ts: only an array of strings takes closers at the end as structure). */
  protected strRun = 0;
  /** Closers held at the end of a string element (V_STR_CLOSERS). */
  protected closerRun = 0;
  /** The current string had an invalid escape taken for a literal backslash (`"C:\Users"`): a `\f` or
   * `\b` followed by a letter later in it is a backslash too (`\file`, `\bin`). Kept across pushes: the
   * string goes on in the next one. */
  protected strBadEscape = false;
  /** Likewise, an invalid escape of a letter (`\U`, `\d`; not `\$` or `\%`, which escape text that has
   * its line breaks as `\n`): a `\n`, `\r` or `\t` followed by a letter later in it is a backslash
   * too (`"C:\Users\new"`). Kept across pushes like strBadEscape. */
  protected strLetterEscape = false;
  protected escBuf = ''; // an escape sequence cut by a segment end
  protected escOwnPending = false; // the escape started the pending text (value strings are not held)
  protected surrogateHeld = false; // a high surrogate held at a segment end (value strings)
  protected tokLen = 0; // length of the current word / number (its text is the tail of the pending text)
  protected tokPrefix = ''; // the first characters of the current word (keyword check)
  protected tokPos: Position | null = null;
  protected tokIdx = -1;
  protected wordIsKey = false;
  protected numState = 0;
  protected numBad = false;
  /** A `/` right after a number ended a segment (numState NUM_SLASH, scalars.ts): `1/3` is one token,
   * `1//` a comment, which the next character decides. The number's state before it, the `/`'s place. */
  protected numSlashFrom = 0;
  protected numSlashPos: Position | null = null;
  /** A character whose meaning the next one decides ended a segment (structure.ts, resolved where the
   * next segment's value scan starts): HELD_EQ, a `=` after a key (`=>` or `=` is the colon); HELD_TICK,
   * a backtick where a value is expected (a template literal opens unless a second backtick follows: a
   * fence); HELD_TICK_GAP, the same after an array element (a comma is missing before the literal);
   * HELD_HASH, a `#` where a value is expected (a space after it: a comment; else a string). It
   * is the last character of the pending text while held; heldPos is where it is. */
  protected held = 0;
  protected heldPos: Position | null = null;
  /** The value's quotes are written escaped (`{\"city\": \"Oslo\"}`, JSON copied from a log where it was a
   * string): a `\"` opened a key, so each `\"` where a key or value starts opens a string and each `\"`
   * inside a string closes it (structure.ts escapedQuoteOpens, strings.ts escapedQuoteCloses). */
  protected escQuotes = false;
  /** A key of this value had markdown's `\_` (strings.ts): a `\_` in its value strings is one too. */
  protected mdEscape = false;
  /** The value's quotes are written `&quot;` (htmlEntities.ts). */
  protected entQuotes = false;
  /** In a string opened with `“`: the inner `“` open (each ` ”` closes one unless a delimiter follows it), and the
   * offset up to which the string's text was counted for them. Counted lazily (strings.ts smartCount) where a
   * `”` stops the string's scan and where a segment ends, so the scan loop itself is the same for every string. */
  protected smartDepth = 0;
  protected smartFrom = 0;
  /** A `’` / `”` held at a segment end (HELD_SMART) started the pending text. */
  protected smartHeld = false;
  protected uqTrail = 0; // trailing spaces at the end of an unquoted string
  protected elisionRet = 0; // the state an elision (V_ELISION) returns to when dropped: V_VALUE or V_KEY
  protected elisionWs = 0; // spaces after an elision's dots, read so far
  /** An unquoted string that is a JavaScript regular expression literal (`/^[a-z]+$/i`, structure.ts
   * slashValue), while its pattern is read: RX_OPEN (its `/` next), RX_BODY, RX_CLASS (in `[…]`), with
   * RX_ESCAPED added after a backslash. Inside the pattern a `,` `]` `}` is its text; after the closing
   * `/` (0 again) the flags and the rest end as any unquoted string's. */
  protected uqRegex = 0;
  /** An unquoted value that is a call or a function (callText.ts), kept across pushes (the value is held
   * to its end): its kind (0: none; always 0 outside such a value), the openers of its brackets still open
   * (innermost last), the quote of a string inside them, an escape in that string, a comment in them.
   * Cleared by the value's end and a rejected candidate. */
  protected callKind = 0;
  /** A held `(…)` turned out a tuple (callText.ts parenIsTuple): the input offset of its `(`, which the
   * rescan of its text then opens as one without holding it again (-1: none). */
  protected parenTupleAt = -1;
  /** The value's first line was a blockquote's (`> {`; before.ts startCandidate): a `>` that starts a
   * later line inside it is the quote's marker (structure.ts quoteMarker). quoteLine: while quoteCtx, the
   * last segment ended on a line of nothing but spaces, tabs and `>` (for a marker the next one starts
   * with; machine.ts endSegment). */
  protected quoteCtx = false;
  protected quoteLine = false;
  /** The value's first line was an SSE event's (`data: {`; before.ts startCandidate): the column of that
   * line's `data:`, where a later line's `data:` inside the value is the field's prefix (gutter.ts
   * sseMayStart; the line test shares gutterLine); -1: none. */
  protected sseCol = -1;
  /** The value's first line had an editor's line number before it (` 1 | {`; before.ts startCandidate):
   * the number the next line's must be (0: no gutter), whether the last segment ended on a line of
   * nothing but spaces and tabs (machine.ts endSegment), and the input offset of a digit that turned out
   * no gutter (its rescan reads it as before; -1: none). gutter.ts. */
  protected gutterNext = 0;
  protected gutterLine = false;
  protected gutterNotAt = -1;
  /** A citation marker after an array element being read (citation.ts; 0: none), and the input offset of a
   * `[` that turned out no marker (its rescan reads it as before; -1: none). */
  protected citeStage = 0;
  protected citeNotAt = -1;
  /** Python-shaped text (pythonSet.ts): a single-quoted key was read in this value (as Python's repr of a
   * dict writes every string key), so a nested `{` is held until its first member tells a set from a dict; the input offset
   * of a `{` that turned out a set (its rescan opens one), of one that turned out a dict (-1: none). */
  protected pyShaped = false;
  protected setAt = -1;
  protected setNotAt = -1;
  /** Scientific notation after a number (sciNotation.ts): the input offset where a space ended a number
   * (scalars.ts numberStops), and of a multiplication sign that turned out no notation (-1: none). */
  protected sciFrom = -1;
  protected sciNotAt = -1;
  protected callNest = '';
  protected callQuote = 0;
  protected callEsc = false;
  protected callCmt = 0;
  /** After a full-width comma in an unquoted value: how far a `"key"` and colon after it have been read
   * (scalars.ts; 0: not looking). Reset with every token and a rejected candidate. */
  protected fwStage = 0;
  protected colonWs = 0; // spaces read after a key (a missing colon goes before them)
  protected readonly keyEnd = new SavedPosition(); // where the last key ended (a missing colon goes there)
  protected commentRet = V_VALUE;
  protected commentPos: Position | null = null;
  protected commentIdx = -1;
  protected commentStar = false;
  /** The `/` being read followed a value on its line in a container: if no comment starts with it,
   * it is stray text (`{"a": 1 /3}`), not the end of the JSON. Kept because the character after the
   * `/`, which decides, may come in the next push. */
  protected slashStray = false;
  /** Brackets open in stray text (`{"a": 1 [cite: 1, 3], …}`: a citation's own `,` and `]` are its text). */
  protected strayDepth = 0;
  /** The repair of the last `;` read as a comma (structure.ts), while that comma may still be dropped
   * as a trailing one (a closer after it): then this repair is withdrawn for the one removing it. */
  protected semiRep: Repair | null = null;

  // a `'` at a segment end: whether this string's value started the held text, and where the quote is
  protected sqHeld = false;
  protected sqPos: Position | null = null;

  // a `"` in a double-quoted value string that may be an inner quote (`"say "hi" now"`, strings.ts):
  // whether an inner quote is open in this string (its closing one may be followed by a space and a
  // word), and how many spaces after a held quote were read (the quote and they are the pending text,
  // which starts at the quote: its position is the pending start)
  protected dqInner = false;
  protected dqWs = 0;
  // the spaces of a guillemet string (`« Paris »`, strings.ts guillemetSpaces): whether nothing but spaces
  // came since its `«`; a run held at a push's end: its length (-1: a run past GUILLEMET_SPACES, text up to
  // its end), where it starts, and whether its string's text started the held text
  protected gqLead = false;
  protected gqWs = 0;
  protected gqPos: Position | null = null;
  protected gqOwn = false;
  /** The held quote may open an inner quote while one is open (`"yes, "maybe" later"`): the character
   * before it is no word character (strings.ts). Kept because the next character, which decides, may
   * come in the next push. */
  protected dqOpens = false;
  /** Where a held key quote is (keys are held text: the quote is not where that text starts). */
  protected readonly dqQuote = new SavedPosition();
  /** The last character of the last segment scanned: what comes before a quote at a segment's start
   * (prevChar). After pushValue's segment it is read lazily: the index of its last character in
   * valueSegB (segLastB) or valueSegA (a read at every chunk's end cost ~40 instructions a 16-character
   * push, and it is asked for rarely); with segLastIdx -1, the character in segLast (other segments',
   * and a held text scanned again). */
  protected segLast = 0;
  protected segLastIdx = -1;
  protected segLastB = false;
  // pushValue's segment: two, taken in turn, so that the one the last character is read from later is
  // never the one reset for the next chunk
  protected readonly valueSegA = new Segment('', 0, 0, 0);
  protected readonly valueSegB = new Segment('', 0, 0, 0);

  /** The character before index 0 of the segment being scanned (see segLast). */
  protected prevChar(): number {
    if (this.segLastIdx < 0) return this.segLast;
    return String.prototype.charCodeAt.call((this.segLastB ? this.valueSegB : this.valueSegA).text, this.segLastIdx);
  }

  // a word after a held closing quote and spaces (loneQuote.ts): where it starts, its length
  protected readonly dqWordAt = new SavedPosition();
  protected dqWordLen = 0;

  // `"x" + "y"` (concat.ts): the spaces between the closing quote and the `+`, the whitespace after the
  // `+` (the quote and both are the pending text), and where the `+` is
  protected concatWs1 = 0;
  protected concatWs2 = 0;
  protected readonly concatPlus = new SavedPosition();

  // an unquoted key read on past a space (`{first name: "Ada"}`, keys.ts): its words are the current
  // token (tokLen counts them and the spaces between, all held), bounded by KEY_WORDS_MAX. The first
  // word's length (0: a one-word key), where the second word starts in the token (0: not yet) and in
  // the input, how many words followed the first, and where the last word ended in the token
  // a comma, a quote and a key held inside a value string (quoteProbe.ts): spaces after the comma,
  // where the quote and the key's closing quote are in the held text and in the input, the key's
  // length, the spaces after it
  protected probeSp = 0;
  protected probeK = 0;
  protected probeK2 = 0;
  protected readonly probeQuote = new SavedPosition();
  protected readonly probeQuote2 = new SavedPosition();
  protected probeLen = 0;
  protected probeWs = 0;

  protected keyW1 = 0;
  /** Where a key that follows a value without a comma starts (-1: none): its words are not read as one
   * key (a line of prose after a draft's member, `For your request:`, is no member of several words). */
  protected gapKeyAt = -1;
  protected keyW2At = 0;
  protected readonly keyW2Pos = new SavedPosition();
  protected keyWords = 0;
  protected keyWordEnd = 0;

  /** -1: only spaces so far (held: output if nothing else follows); -2: trailing text started at a
   * known position is being collected; >= 0 unused. */
  protected trailStart = -1;
  protected doneNewline = false; // a line break followed the top-level scalar
  protected trailText = '';
  protected trailPos: Position | null = null;
  /** The trailing text being collected follows a reasoning block after the value (interleaved thinking):
   * a value it starts with is the model's answer again, after more thought (finish.ts stripTrailing). */
  protected trailAfterReasoning = false;

  constructor(options: RepairOptions = {}) {
    const lim = (name: keyof typeof DEFAULTS): number => {
      const v = options[name];
      if (v === undefined) return DEFAULTS[name];
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
        throw new StreamFixError('INVALID_OPTION', `Option ${name} must be a positive number, got ${String(v)}`);
      }
      return Math.floor(v);
    };
    this.maxInputLength = lim('maxInputLength');
    this.maxDepth = lim('maxDepth');
    this.maxHoldBack = lim('maxHoldBack');
    if (options.keepOutput !== undefined && typeof options.keepOutput !== 'boolean') {
      throw new StreamFixError('INVALID_OPTION', `Option keepOutput must be a boolean, got ${String(options.keepOutput)}`);
    }
    this.keepOutput = options.keepOutput !== false;
    this.kept = new KeptOutput('');
    if (options.jsonInput !== undefined && typeof options.jsonInput !== 'boolean') {
      throw new StreamFixError('INVALID_OPTION', `Option jsonInput must be a boolean, got ${String(options.jsonInput)}`);
    }
    this.jsonInput = options.jsonInput === true;
    this.repairs = new BoundedList(lim('maxListEntries'));
    this.stripped = new BoundedList(options.maxStrippedEntries === undefined ? this.repairs.limit : lim('maxStrippedEntries'));
    this.o.repairSink = this.newRepairs;
  }

  /** A repair is needed; before confirmation only some kinds are allowed, the others reject. */
  protected rep(kind: RepairKind): boolean {
    return !this.unconfirmed || CANDIDATE_REPAIRS.has(kind);
  }

  // Defined by later stages (structure.ts, finish.ts), called by earlier ones.
  /** A value ended at segment index i (exclusive). */
  protected abstract afterValue(i: number, held?: boolean): void;
  /** Text that cannot continue the value starts at i: close what is open, the rest is trailing. */
  protected abstract endRegion(s: string, i: number): number;
  protected abstract rescanHeld(i: number, text: string, at: { offset: number; line: number; column: number }): number;
  /** Scan a segment, rescans included (machine.ts): the end of the input can still reject a word. */
  protected abstract process(seg: Segment): void;
}
