/**
 * The engine's public types. `shared/` imports no Node, VS Code or LSP module: these types are the
 * contract between the engine, the daemon (gateway, language server), the CLI and the extension.
 */

/** VALID: the JSON needed no change (text around it may have been stripped). REPAIRED: repairs were
 * applied, or more top-level values followed the first (a stripped span of kind `extra_value`), or the text
 * corrects its value later (`correction`: the output is the value the text takes back). TRUNCATED: the input ended (or the JSON region was cut off) inside a value, which was closed
 * or dropped. FAILED: no JSON value could be recovered; `json` is null and `error` says why. */
export type RepairStatus = 'VALID' | 'REPAIRED' | 'TRUNCATED' | 'FAILED';

/** Every kind of repair the engine makes. */
export type RepairKind =
  | 'trailing_comma' //      `[1, 2,]` -> `[1, 2]`
  | 'missing_comma' //       `{"a": 1 "b": 2}` -> `{"a": 1, "b": 2}`
  | 'unquoted_key' //        `{name: 1}` -> `{"name": 1}`
  | 'single_quotes' //       `'x'` -> `"x"`
  | 'smart_quotes' //        `“x”` -> `"x"`
  | 'guillemet_space' //     `« Paris »` -> `"Paris"` (the spaces French typography puts right inside guillemets, U+00A0 and U+202F too, removed)
  | 'python_literal' //      `True` / `False` / `None` -> `true` / `false` / `null`
  | 'comment' //             `// …` and `/* … */` removed
  | 'control_character' //   a raw newline, tab or other control character in a string, escaped
  | 'invalid_escape' //      `"\x"` -> `"\\x"`; `"it\'s"` -> `"it's"`
  | 'unquoted_string' //     `{"a": hello}` -> `{"a": "hello"}`
  | 'invalid_number' //      `01`, `1.`, `.5`, `+1` made valid
  | 'incomplete_keyword' //  `tru` at the end -> `true`
  | 'dangling_key' //        `{"a": 1, "b"` / `{"a": 1, "b":` at the end: the key is dropped
  | 'dropped_value' //       an incomplete value at the end that cannot be closed (`-`, `1e`) is dropped
  | 'unclosed_string' //     a string cut off by the end: closed
  | 'unclosed_container' //  `{` / `[` cut off by the end: closed
  | 'missing_value' //       `{"a": }` -> `{"a": null}`
  | 'missing_colon' //       `{"a" 1}` -> `{"a": 1}`
  | 'mismatched_bracket' //  `{"a": [1}` -> `{"a": [1]}` (closers inserted for the inner containers)
  | 'stray_bracket' //       an extra `}` or `]` removed, or a doubled `{{` opening an object
  | 'unescaped_quote' //     `"say "hi" now"` -> `"say \"hi\" now"` (a quote inside a string, escaped)
  | 'stray_text' //          `{"a": 1 - 2}` -> `{"a": 1 }`: text after a value on its line that no JSON can hold, removed
  | 'missing_quote' //       `{"a": "x, "b": 2}` -> `{"a": "x", "b": 2}`, `["a, "b"]` -> `["a", "b"]` (a closing quote inserted before the next member or element)
  | 'string_concat' //       `"x" + "y"` -> `"xy"` (a JavaScript/Python string concatenation joined)
  | 'number_base' //         `0x1F` / `0o17` / `0b101` -> `31` / `15` / `5` (the number, never a string)
  | 'number_separator' //    `1_000` / `1_000.5` -> `1000` / `1000.5` (digit separators removed, the number kept)
  | 'escaped_quotes' //      `{\"city\": \"Oslo\"}` -> `{"city": "Oslo"}` (every quote of the value written escaped)
  | 'html_entities' //       `{&quot;a&quot;: &quot;x &amp; y&quot;}` -> `{"a": "x & y"}` (HTML-escaped JSON: htmlEntities.ts)
  | 'thousands_separator' // `{"price": 1,299.99}` -> `{"price": 1299.99}` (an object's value only: scalars.ts)
  | 'scientific_notation' // `{"mass_kg": 5.97 × 10^24}` -> `{"mass_kg": 5.97e24}` (a number written with `× 10^n`: sciNotation.ts)
  | 'wrong_colon' //         `{"a" = 1}` / `{"a" => 1}` / `{"a" == 1}` / `{"a" := 1}` / `{"a":: 1}` -> `{"a": 1}`
  | 'missing_bracket' //     `{"b": [1, 2 "c": 3}` -> `{"b": [1, 2], "c": 3}` (an array left open before its object's next key, closed)
  | 'triple_quotes' //       `"""x"""` / `'''x'''` -> `"x"` (a Python triple-quoted string, line breaks escaped)
  | 'fullwidth_punctuation' // `{"a"：1，"b"：2}` -> `{"a":1,"b":2}` (a full-width colon or comma, as CJK input methods type them; before a closer the comma is removed)
  | 'unicode_space' //        `{"a":\u00A01}` -> `{"a":1}` (a no-break, zero-width or other Unicode space between tokens, which JSON does not allow: removed)
  | 'wrong_separator' //     `{"a": 1; "b": 2}` / `[1; 2]` -> `,` (a semicolon as the comma; before a closer removed: `[1;]` -> `[1]`)
  | 'python_tuple' //        `(1, 2)` -> `[1, 2]` (each parenthesis replaced by a bracket)
  | 'python_set' //          `{'a', 'b'}` -> `["a", "b"]` (a Python set inside a value, in Python-shaped text: each brace replaced by a bracket)
  | 'backtick_quotes' //     `` `x` `` -> `"x"` (a JavaScript template literal's backticks)
  | 'elision' //             `[1, 2, ...]` / `{"a": 1, …}` -> `[1, 2]` / `{"a": 1}` (a `...` or `…` standing for omitted elements or members, removed)
  | 'call_text' //           `{'t': datetime.datetime(2026, 11, 30, 9, 0)}` -> `{"t": "datetime.datetime(2026, 11, 30, 9, 0)"}` (a call as a value: its source text, one string)
  | 'python_decimal' //      `Decimal('1.5')` -> `1.5` (Python's decimal repr: the number)
  | 'python_uuid' //         `UUID('12345678-…')` -> `"12345678-…"` (Python's uuid repr: its text)
  | 'quote_marker' //        `> {\n>   "a": 1\n> }` -> `{\n   "a": 1\n }` (a blockquote's `>` starting a line inside a value whose first line was quoted: removed)
  | 'sse_prefix' //          `data: {\ndata:   "a": 1\ndata: }` -> `{\n  "a": 1\n}` (an SSE event's `data:` field prefix, and the one space after it, starting a line inside a value whose first line was `data: {`: removed)
  | 'line_number' //         ` 1 | {\n 2 |   "a": 1\n 3 | }` -> `{\n   "a": 1\n }` (an editor's or terminal's line number starting a line inside a value whose first line had one: removed)
  | 'js_function' //         `{f: function (x) { return x; }}` -> `{"f": "function (x) { return x; }"}` (a JavaScript function as a value: its source text, one string)
  | 'schema_coercion' //     not the engine's: the gateway's `x-streamfix-schema: coerce` (`"42"` -> `42`)
  | 'arguments_object' //    not the engine's: tool-call `arguments` sent as a JSON object, not a string -> its JSON text
  | 'empty_arguments'; //    not the engine's: tool-call `arguments` empty (a call without parameters) -> `{}`

/** What was removed around the JSON value. */
export type StrippedKind =
  | 'reasoning' //  `<think>…</think>` (and thinking/reasoning/thought), text before a lone closing tag, an unclosed block, a harmony analysis message
  | 'fence' //      a markdown fence line (```json / ```)
  | 'prose' //      text before the JSON value
  | 'wrapper' //    `<tool_call>` / `</tool_call>` and similar tags; harmony markers (`<|channel|>final<|message|>`, `<|return|>`)
  | 'trailing' //   anything after the JSON value
  | 'extra_value' // a second top-level value after the first (`{"a":1}{"b":2}`): kept here, status REPAIRED
  | 'correction' // a value the text gives after a streamed one to correct it (`{"a": 1}` `Actually, use {"a": 2} instead.`): output is never taken back; status REPAIRED
  | 'draft'; //     with takeCorrections: the value a later correction replaced (`{"a": 1}` above), left out; the correction is the answer

/** A position in the input: offset in UTF-16 code units, line and column 0-based. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** One repair: the input range [offset, offset + length) was replaced by `replacement`. */
export interface Repair extends Position {
  kind: RepairKind;
  length: number;
  replacement: string;
  message: string;
}

/** One stripped span: the input range [offset, offset + length) is not part of the JSON. */
export interface Stripped extends Position {
  kind: StrippedKind;
  length: number;
  /** The text removed (for reasoning: the whole block including its tags), or its head and tail when
   * it was longer than the scanner keeps (`cut`). `length` is always the span's length in the input. */
  text: string;
  /** Set when `text` is not all of the span: `chars` characters (`bytes` UTF-8 bytes) were dropped at
   * offset `at` of `text`. `bytes` is absent in artifacts stored before it was counted. */
  cut?: { at: number; chars: number; bytes?: number };
}

export interface RepairError {
  code: StreamFixErrorCode;
  message: string;
  offset: number;
}

export interface RepairResult {
  status: RepairStatus;
  /** The repaired JSON text; null when FAILED, or when the output was not kept (keepOutput: false). */
  json: string | null;
  /** What was changed, in input order. */
  repairs: Repair[];
  /** Think blocks, fences, prose, wrapper tags and trailing text removed, in input order. */
  stripped: Stripped[];
  error?: RepairError;
  /** Set only with `maxListEntries`, for a list that outgrew it: which list, where in it entries were
   * dropped and how many (the kept ones are its first and last). */
  cuts?: ListCutOf[];
}

/** A cut in a result list: `entries` dropped before index `at` of `field` (BoundedList). */
export interface ListCutOf {
  field: 'repairs' | 'stripped';
  at: number;
  entries: number;
}

export interface StreamUpdate {
  /** New repaired text decided since the last push. Never retracted. */
  output: string;
  /** Repairs decided during this push (they also appear in the final result). Read-only: an update
   * with none shares one frozen empty list. */
  readonly repairs: readonly Repair[];
  /** Spans stripped during this push (read-only, like `repairs`). */
  readonly stripped: readonly Stripped[];
  /** Reasoning text (inside a reasoning block or harmony analysis channel, or before a lone closing
   * tag) decided during this push, without the tags. The gateway moves it to the `reasoning` field of
   * the delta as it streams. */
  reasoning: string;
  /** Where the engine is: still before the JSON, inside it, or past its end. */
  phase: 'before' | 'value' | 'after';
}

export interface StreamRepairer {
  /** Feed the next chunk. Throws StreamFixError when a limit is exceeded or after end(). */
  push(chunk: string): StreamUpdate;
  /** Finish: returns the final output (closers etc.) and the full result for the whole stream.
   * `result.json` is the concatenation of every `output` plus `final`; `reasoning` is the reasoning
   * text decided only at the end (a block cut off by the end of the input); `finalRepairs` the repairs
   * the end decided (every one, also when maxListEntries dropped some of them from `repairs`). */
  end(): RepairResult & { final: string; reasoning: string; finalRepairs: readonly Repair[] };
  /**
   * A valid JSON text for everything received so far: all output emitted, plus whatever the engine
   * holds back that is already decided, plus the closers for the open structures. Costs O(depth),
   * never re-parses. Null while no JSON value has started.
   */
  view(): string | null;
  /**
   * Text that starts with prose is held until it is decided (see README, "The answer"): the answer it
   * would give if the stream ended now, for a UI to show as it grows; null when nothing is held. Read
   * only, never emitted; costs a scan of the run still open (what it found in runs a reasoning block closed
   * is kept).
   */
  tentative(): string | null;
  /** All output emitted so far (the concatenation of every push's `output`). */
  readonly emitted: string;
  /** With `takeCorrections` only: the output held so far for the end ('' after release()). */
  readonly heldOutput?: string;
  /**
   * With `takeCorrections` only: gives up taking a correction. The output, repairs and spans held so far
   * come back as one update (what the pushes so far would have given without the option), and from here on
   * the repairer streams as without it (end() gives the first value, a correction only recorded). For a
   * caller that must place something after the text before the end (the gateway's Messages answers:
   * thinking or a tool call after the JSON started).
   */
  release?(): StreamUpdate;
  /** Characters the scanners have read so far, rescans of rejected JSON candidates included: the
   * engine's work in operations, linear in the input (at most a few times its length). */
  readonly charsScanned: number;
}

export interface RepairOptions {
  /** Largest input accepted, in UTF-16 code units. Default 64 MiB. Past it: INPUT_TOO_LARGE. */
  maxInputLength?: number;
  /** Deepest nesting accepted. Default 512. Past it: DEPTH_LIMIT. */
  maxDepth?: number;
  /** Most text held back undecided at once. Default 1 MiB. Past it: HOLDBACK_LIMIT. */
  maxHoldBack?: number;
  /** Streaming over long inputs: most repairs (and, apart, stripped spans) end()'s result keeps, its
   * first and last half; the others are only counted (`cuts`; the status still counts them). Every
   * push's update still lists all of its own. Default: all kept (what a caller repairing a whole text
   * expects). */
  maxListEntries?: number;
  /** The same for the stripped spans alone (each keeps up to 64 Ki characters of a reasoning block's
   * text, so a tighter bound fits them). Default: maxListEntries. */
  maxStrippedEntries?: number;
  /** Whether the engine keeps a copy of all its output (`emitted`, `view()` and end()'s `json`). Default
   * true. A streaming caller that keeps what it needs of the output itself (the gateway's bounded copy
   * for its artifact) passes false: the engine then keeps nothing that grows with the answer, `json` is
   * null (the status and the lists are as always), and `emitted` and `view()` throw INVALID_OPTION. */
  keepOutput?: boolean;
  /** A text that starts as JSON and corrects its value later (`{"a": 1}` `Actually, use {"a": 2}
   * instead.`) answers with the correction: every output is held until end() (a push's update has no
   * output, repairs or spans; reasoning still streams), the last `correction` is repaired as the answer and
   * the value it replaces is recorded as `prose`. For callers that show nothing before the end (a
   * non-streaming response, a whole selection); one-shot and streaming agree with it as without it.
   * Default false: a live stream sends the first value at once and only records the correction. Cannot go
   * with keepOutput: false or the list bounds. */
  takeCorrections?: boolean;
  /** The input is a JSON value, not model text (the gateway's tool-call arguments): a `{` starting it is
   * the value's at once. Default false: a `{` starting a run of text waits for the characters after it,
   * and a `{` followed by a backslash and two letters (a LaTeX group: `{\text{a}}`, `{\frac{1}{2}}`,
   * `{\bf x}`) starts prose, not JSON (it gave `{"ext": {"a": null}}`, `{}`); `{\"`, `{\n` and any
   * other character start the value as before. */
  jsonInput?: boolean;
}

export type StreamFixErrorCode =
  | 'NO_JSON' //          no JSON value in the input
  | 'INPUT_TOO_LARGE'
  | 'DEPTH_LIMIT'
  | 'HOLDBACK_LIMIT'
  | 'STREAM_ENDED' //     push() or end() after end()
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'; //   a chunk that is not a string
