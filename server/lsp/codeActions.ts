/**
 * Quick fixes for StreamFix diagnostics and "Repair whole document".
 *
 * Each diagnostic's fix replaces exactly its repair's range with the repair's replacement, except for
 * repairs that only make sense together (see `Finding.group`): the truncation tail (closers, a dangling
 * key, an unclosed string: a lone `}` before the missing `]` leaves the text worse) and the two quotes
 * of one string; the fix for any of them applies its whole group.
 * "Repair whole document": in `json`, one edit replacing the text with the engine's `json` (a final newline
 * the file had is kept); in `jsonc`, every reported fix at once, so the comments (legal there) survive.
 */
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, FindingData } from './diagnostics';
import { SOURCE, displaySpan } from './diagnostics';

export interface Edit {
  offset: number;
  length: number;
  replacement: string;
}

/**
 * Sort edits and join the ones that touch (an insertion right before or after a replaced range, several
 * insertions at one point), so the client never has to order edits at the same position. Overlapping
 * edits cannot come from one engine run; if one did, the later one is dropped rather than corrupting text.
 */
export function mergeEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || (a.length === 0 ? -1 : 0) - (b.length === 0 ? -1 : 0));
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.offset === last.offset + last.length) {
      out[out.length - 1] = { offset: last.offset, length: last.length + e.length, replacement: last.replacement + e.replacement };
    } else if (last && e.offset < last.offset + last.length) {
      continue;
    } else {
      out.push({ ...e });
    }
  }
  return out;
}

/** Apply edits to a text (used by tests and by callers that want the result without an editor). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of mergeEdits(edits)) {
    out += text.slice(at, e.offset) + e.replacement;
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

function toTextEdits(doc: TextDocument, edits: readonly Edit[]): TextEdit[] {
  return mergeEdits(edits).map((e) => ({
    range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
    newText: e.replacement,
  }));
}

function workspaceEdit(doc: TextDocument, edits: readonly Edit[], versioned: boolean): WorkspaceEdit {
  const textEdits = toTextEdits(doc, edits);
  if (versioned) {
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits }] };
  }
  return { changes: { [doc.uri]: textEdits } };
}

function kindWanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** Find the finding a diagnostic was made from: by its `data`, else by code and displayed range. */
function findingFor(doc: TextDocument, analysis: Analysis, d: Diagnostic): Finding | undefined {
  const data = d.data as Partial<FindingData> | undefined;
  const text = doc.getText();
  return analysis.findings.find((f) => {
    if (f.origin === 'error' || String(d.code) !== f.code) return false;
    if (data && typeof data.offset === 'number') return data.offset === f.offset && data.length === f.length;
    const [s, e] = displaySpan(text, f.offset, f.length);
    return doc.offsetAt(d.range.start) === s && doc.offsetAt(d.range.end) === e;
  });
}

/** The findings one quick fix applies: the finding's whole group, or just itself. */
function fixGroup(f: Finding, analysis: Analysis): Finding[] {
  return f.group ? analysis.findings.filter((g) => g.group === f.group) : [f];
}

function fixTitle(f: Finding, group: Finding[]): string {
  if (f.group === 'tail' && group.length > 1) return `Close the truncated JSON (${group.length} fixes)`;
  return `Fix: ${f.message}`;
}

/** The edits that "Repair whole document" makes, or null when there is nothing to repair. */
export function wholeDocumentEdits(doc: TextDocument, analysis: Analysis): Edit[] | null {
  const fixable = analysis.findings.filter((f) => f.origin !== 'error');
  if (fixable.length === 0) return null;
  if (analysis.languageId === 'jsonc' || analysis.result.json === null) return fixable;
  const text = doc.getText();
  let json = analysis.result.json;
  // Offer only text that parses: a quick fix must never make a document worse.
  try {
    JSON.parse(json);
  } catch {
    return null;
  }
  if (text.endsWith('\n') && !json.endsWith('\n')) json += '\n';
  return [{ offset: 0, length: text.length, replacement: json }];
}

/**
 * Code actions for a request: one quick fix per StreamFix diagnostic in the context, plus "Repair whole
 * document" as a quick fix and as `source.fixAll.streamfix` (for `editor.codeActionsOnSave`).
 */
export function codeActionsFor(
  doc: TextDocument,
  analysis: Analysis,
  params: CodeActionParams,
  versioned: boolean,
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
  if (kindWanted(CodeActionKind.QuickFix, only)) {
    for (const d of ours) {
      const f = findingFor(doc, analysis, d);
      if (!f) continue;
      const group = fixGroup(f, analysis);
      actions.push({
        title: fixTitle(f, group),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: workspaceEdit(doc, group, versioned),
      });
    }
  }
  const whole = wholeDocumentEdits(doc, analysis);
  if (whole) {
    const count = analysis.findings.filter((f) => f.origin !== 'error').length;
    const title = `Repair whole document (${count} ${count === 1 ? 'fix' : 'fixes'})`;
    if (ours.length > 0 && kindWanted(CodeActionKind.QuickFix, only)) {
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: ours, edit: workspaceEdit(doc, whole, versioned) });
    }
    // Source actions are only listed when asked for, as VS Code does for fix-all on save.
    if (only && kindWanted(`${CodeActionKind.SourceFixAll}.streamfix`, only)) {
      actions.push({ title, kind: `${CodeActionKind.SourceFixAll}.streamfix`, edit: workspaceEdit(doc, whole, versioned) });
    }
  }
  return actions;
}
