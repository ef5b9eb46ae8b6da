/**
 * From a document's text to "findings": one per repair the engine would make (and, for JSON, one per
 * stripped span), each with the exact input range it replaces and the replacement. The same findings
 * feed the diagnostics and the quick fixes, so a diagnostic's fix always edits exactly what it reports.
 *
 * Range rule for diagnostics (the edit itself always uses the exact engine range):
 * - a repair that replaces text (length > 0) is shown on exactly that text;
 * - a zero-length insertion (a missing comma, a closer at the end) is shown on the character at the
 *   insertion point when that is not whitespace, else on the last non-whitespace character before it
 *   (the end of the token that lacks something after it), else as an empty range.
 */
import { StreamFixError, createStreamRepairer } from '../../shared/engine';
import type { RepairKind, RepairResult, StrippedKind } from '../../shared/engine';
import type { Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { blankComments } from './jsoncComments';
import type { DiagnosticsSettings } from './settings';

export const SOURCE = 'streamfix';

/** Repairs that finish a truncated text; one alone can leave it worse (a `}` before the `]`). */
const TAIL_KINDS: ReadonlySet<RepairKind> = new Set<RepairKind>([
  'unclosed_string',
  'unclosed_container',
  'dangling_key',
  'dropped_value',
  'incomplete_keyword',
]);

const STRIPPED_MESSAGES: Record<StrippedKind, string> = {
  reasoning: 'Reasoning block before the JSON value is not JSON',
  fence: 'Markdown fence around the JSON value is not JSON',
  prose: 'Text before the JSON value is not JSON',
  wrapper: 'Wrapper tag around the JSON value is not JSON',
  trailing: 'Text after the JSON value is not JSON',
  extra_value: 'A second top-level JSON value after the first is left out',
  correction: 'The text corrects the JSON value with this later one, which is left out (the first value was streamed)',
  draft: 'The text corrects this JSON value later: it is left out, the correction is the answer',
};

export interface Finding {
  /** Repair kind, stripped kind, or the engine's error code when the repair failed. */
  code: string;
  origin: 'repair' | 'stripped' | 'error';
  offset: number;
  length: number;
  replacement: string;
  message: string;
  /** Part of the truncation tail: its quick fix applies the whole tail. */
  tail: boolean;
  /**
   * Findings that only make sense together share a group and one quick fix applies them all: the
   * truncation tail (`tail`), and the opening and closing quote of one string (`quotes:<n>`), which the
   * engine reports as two repairs (replacing only `'` leaves `"Ada'`, worse than before). Every finding
   * is made with the field (undefined), so grouping does not change the objects' shape afterwards (on a
   * file with a million findings those shape changes took seconds).
   */
  group?: string | undefined;
}

export interface Analysis {
  version: number;
  languageId: string;
  result: RepairResult;
  findings: Finding[];
}

/** What a diagnostic carries in `data` so a code action can find its finding again. */
export interface FindingData {
  offset: number;
  length: number;
}

export const LANGUAGES: ReadonlySet<string> = new Set(['json', 'jsonc']);

/**
 * True when `text` is whitespace the language allows around a value: in json only space, tab, CR and LF (a
 * no-break space, U+2028 or a BOM makes JSON.parse fail, and the engine strips it as text, so it is
 * reported); in jsonc also the other Unicode spaces, as VS Code's own JSONC parser reads them.
 */
function isBlank(text: string, jsonc: boolean): boolean {
  return jsonc ? text.trim() === '' : /^[ \t\r\n]*$/.test(text);
}

/** Characters the engine reads, and findings built, between two points where a large document's check
 * lets the event loop through (about 10–40 ms of work each on a dense broken file): the language server
 * shares its process with the gateway, whose streams must not stall while a 5 MB file is checked. */
export const SLICE_CHARS = 64 * 1024;
const SLICE_FINDINGS = 16 * 1024;

/**
 * Run the engine on a document and keep the findings worth reporting for its language.
 * jsonc: comments are legal (blanked before the engine reads the text), and trailing commas too unless
 * `jsoncTrailingCommas` is set.
 */
export function analyze(text: string, languageId: string, version: number, settings: DiagnosticsSettings): Analysis {
  const steps = analysisSteps(text, languageId, version, settings);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same analysis, with the event loop let through between slices of the work. Returns null, and stops
 * working, as soon as `stale()` says a newer version (or a close) made the result useless.
 */
export async function analyzeInSlices(
  text: string,
  languageId: string,
  version: number,
  settings: DiagnosticsSettings,
  stale: () => boolean,
): Promise<Analysis | null> {
  const steps = analysisSteps(text, languageId, version, settings);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stale()) return null;
  }
}

/** The analysis as a generator that yields between slices of its work (see SLICE_CHARS). */
function* analysisSteps(text: string, languageId: string, version: number, settings: DiagnosticsSettings): Generator<void, Analysis> {
  const jsonc = languageId === 'jsonc';
  // jsonc: the engine never sees a comment's text (same offsets: jsoncComments.ts)
  const source = jsonc ? blankComments(text) : text;
  const result = yield* repairInSlices(source);
  const findings: Finding[] = [];
  // A new, still empty file (in jsonc: only comments so far) is not an error worth a red squiggle.
  if (source.trim() === '') return { version, languageId, result, findings };
  if (result.status === 'FAILED') {
    const err = result.error;
    findings.push({
      code: err?.code ?? 'NO_JSON',
      origin: 'error',
      offset: Math.max(0, Math.min(err?.offset ?? 0, text.length)),
      length: 0,
      replacement: '',
      message: err?.message ?? 'No JSON value found',
      tail: false,
      group: undefined,
    });
    return { version, languageId, result, findings };
  }
  const stripped: Finding[] = [];
  for (const s of result.stripped) {
    if (isBlank(s.text, jsonc)) continue;
    stripped.push({
      code: s.kind,
      origin: 'stripped',
      offset: s.offset,
      length: s.length,
      replacement: '',
      message: STRIPPED_MESSAGES[s.kind],
      tail: false,
      group: undefined,
    });
  }
  const repairs: Finding[] = [];
  let n = 0;
  for (const r of result.repairs) {
    if (++n % SLICE_FINDINGS === 0) yield;
    if (jsonc && r.kind === 'comment') continue;
    if (jsonc && r.kind === 'trailing_comma' && !settings.jsoncTrailingCommas) continue;
    repairs.push({
      code: r.kind,
      origin: 'repair',
      offset: r.offset,
      length: r.length,
      replacement: r.replacement,
      message: r.message,
      tail: TAIL_KINDS.has(r.kind),
      group: undefined,
    });
  }
  yield;
  const all = mergeByOffset(stripped, repairs);
  yield;
  groupFindings(all, text);
  return { version, languageId, result, findings: all };
}

/** The findings of both lists by offset, a stripped span before a repair at the same offset (what a stable
 * sort of the two lists one after the other gives), in one pass when each list is in order, as the
 * engine reports them; sorted otherwise. */
function mergeByOffset(a: Finding[], b: Finding[]): Finding[] {
  const out: Finding[] = new Array<Finding>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let prev = -Infinity;
  let ordered = true;
  while (i < a.length || j < b.length) {
    const f = j >= b.length || (i < a.length && a[i]!.offset <= b[j]!.offset) ? a[i++]! : b[j++]!;
    if (f.offset < prev) ordered = false;
    prev = f.offset;
    out[k++] = f;
  }
  return ordered ? out : [...a, ...b].sort((x, y) => x.offset - y.offset);
}

const QUOTE_KINDS = new Set(['single_quotes', 'smart_quotes']);

/** For each opening quote the engine replaces, the characters that can close that string. */
const CLOSERS: Record<string, string> = { "'": "'", '\u201c': '\u201d', '\u2018': '\u2019', '\u201e': '\u201c\u201d' };

/**
 * Set `group` on findings that must be fixed together: the truncation tail, and the two replaced quotes
 * of one string (a quote repair followed by the next quote repair whose character closes it). An
 * opening quote without its closing one, when the text ends cut off, joins the tail (its string is the
 * one the tail closes).
 */
function groupFindings(findings: Finding[], text: string): void {
  for (const f of findings) if (f.tail) f.group = 'tail';
  const quotes = findings.filter((f) => f.origin === 'repair' && QUOTE_KINDS.has(f.code));
  let pairs = 0;
  for (let i = 0; i < quotes.length; i++) {
    const open = quotes[i]!;
    const close = quotes[i + 1];
    const closers = CLOSERS[text[open.offset] ?? ''];
    if (closers && close && closers.includes(text[close.offset] ?? '')) {
      open.group = close.group = `quotes:${pairs++}`;
      i++;
    } else if (i === quotes.length - 1 && findings.some((f) => f.tail && f !== open)) {
      open.group = 'tail';
      open.tail = true;
    }
  }
}

/** The engine's result over the whole text, read in slices (the engine streams: any split gives the
 * result of one run), with a limit error (input too large, too deep) turned into a FAILED result. */
function* repairInSlices(text: string): Generator<void, RepairResult> {
  // what Repair JSON Selection would do to the whole text (a correction taken)
  const repairer = createStreamRepairer({ takeCorrections: true });
  try {
    for (let at = 0; at < text.length; ) {
      let end = Math.min(text.length, at + SLICE_CHARS);
      // never between the halves of a surrogate pair (the engine takes them, but a slice need not test it)
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      repairer.push(text.slice(at, end));
      at = end;
      if (at < text.length) yield;
    }
  } catch (err) {
    if (!(err instanceof StreamFixError)) throw err;
  }
  try {
    const { final: _final, reasoning: _reasoning, finalRepairs: _finalRepairs, ...result } = repairer.end();
    return result;
  } catch (err) {
    if (!(err instanceof StreamFixError)) throw err;
    const offset = err.offset >= 0 ? err.offset : 0;
    return { status: 'FAILED', json: null, repairs: [], stripped: [], error: { code: err.code, message: err.message, offset } };
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** The [start, end) offsets a finding is shown on (see the range rule in the file comment). */
export function displaySpan(text: string, offset: number, length: number): [number, number] {
  if (length > 0) return [offset, offset + length];
  if (offset < text.length && !isSpace(text[offset])) return [offset, offset + 1];
  let p = Math.min(offset, text.length) - 1;
  while (p >= 0 && isSpace(text[p])) p--;
  if (p >= 0) return [p, p + 1];
  return [offset, offset];
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const [start, end] = displaySpan(doc.getText(), f.offset, f.length);
  const data: FindingData = { offset: f.offset, length: f.length };
  return {
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
    severity: f.origin === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: f.code,
    message: f.message,
    data,
  };
}
