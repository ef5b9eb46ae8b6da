/**
 * Plain-language summaries of an engine result for the "Repair JSON Selection" message and the chat
 * participant. The sentence itself is the engine's `summarizeRepairs` (the CLI says the same thing);
 * this adds what only the editor needs: the failure reason, "nothing to change", the truncation note.
 * No `vscode` import: unit-tested under plain mocha.
 */
import { summarizeRepairs } from '../shared/engine';
import type { RepairResult } from '../shared/engine';

/** Text made only of JSON's whitespace (space, tab, CR, LF). */
const JSON_WHITESPACE = /^[ \t\r\n]*$/;

/**
 * One sentence saying what a repair changed, e.g.
 * `Repaired: 2 trailing commas, 1 unquoted key; stripped a think block`.
 */
export function describeResult(result: RepairResult): string {
  if (result.status === 'FAILED') return `Could not repair: ${result.error?.message ?? 'no JSON value found'}`;
  // Only JSON's whitespace is nothing: trim() would also drop a no-break space, U+2028 or a BOM, which
  // the engine strips from the text (the edit removes them), so the message must name them.
  const stripped = result.stripped.filter((s) => !JSON_WHITESPACE.test(s.text));
  if (result.repairs.length === 0 && stripped.length === 0) return 'Already valid JSON: nothing to change';
  const truncated = result.status === 'TRUNCATED' ? ' (the input was cut off; its end was closed)' : '';
  return summarizeRepairs({ repairs: result.repairs, stripped }) + truncated;
}

/**
 * `json`, keeping a final newline the original text had: a document's (editors and POSIX tools expect it),
 * or a selection's that ended at the start of a line (a fenced block selected by whole lines: the fence's
 * line breaks go with the fence, and the next line would be joined to the JSON).
 */
export function keepFinalNewline(original: string, json: string): string {
  return original.endsWith('\n') && !json.endsWith('\n') ? json + '\n' : json;
}
