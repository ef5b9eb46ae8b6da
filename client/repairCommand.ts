/**
 * "StreamFix: Repair JSON Selection": repairs each non-empty selection (or the whole document when
 * nothing is selected) with the engine in-process, so it works without the daemon. All changes go in
 * one edit (one undo step); a FAILED repair changes nothing and says why.
 */
import * as vscode from 'vscode';
import { StreamFixError, repairJson } from '../shared/engine';
import type { RepairResult } from '../shared/engine';
import { describeResult, keepFinalNewline } from './describe';

export interface RepairCommandResult {
  changed: boolean;
  status: RepairResult['status'] | 'NO_EDITOR';
  message: string;
}

function safeRepair(text: string): RepairResult {
  try {
    // a whole selection: a value the text corrects later is replaced by its correction
    return repairJson(text, { takeCorrections: true });
  } catch (err) {
    if (!(err instanceof StreamFixError)) throw err;
    return { status: 'FAILED', json: null, repairs: [], stripped: [], error: { code: err.code, message: err.message, offset: err.offset } };
  }
}

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

const RANK: Record<RepairResult['status'], number> = { VALID: 0, REPAIRED: 1, TRUNCATED: 2, FAILED: 3 };

/** Several selections' results as one, for one message. */
function combine(results: RepairResult[]): RepairResult {
  const worst = results.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
  return {
    status: worst.status,
    json: worst.json,
    repairs: results.flatMap((r) => r.repairs),
    stripped: results.flatMap((r) => r.stripped),
    error: worst.error,
  };
}

/**
 * The editor to work on: the visible editor showing `target` when one is given (the editor context
 * menu passes the document's URI), else the active editor.
 */
export function targetEditor(target: unknown): vscode.TextEditor | undefined {
  if (target instanceof vscode.Uri) {
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    if (shown) return shown;
  }
  return vscode.window.activeTextEditor;
}

export async function repairSelection(editor = vscode.window.activeTextEditor): Promise<RepairCommandResult> {
  if (!editor) {
    const message = 'StreamFix: open a file with JSON in it first.';
    void vscode.window.showErrorMessage(message);
    return { changed: false, status: 'NO_EDITOR', message };
  }
  const doc = editor.document;
  const selected = editor.selections.filter((s) => !s.isEmpty);
  const whole = selected.length === 0;
  if (whole && doc.languageId === 'jsonc') {
    const kept = await repairKeepingComments(doc);
    if (kept) return kept;
  }
  const ranges: vscode.Range[] = whole ? [new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length))] : selected;
  const texts = ranges.map((r) => doc.getText(r));
  const results = texts.map(safeRepair);
  const summary = combine(results);
  if (summary.status === 'FAILED') {
    // with several selections (multi-cursor), say which one has no JSON
    const failed = ranges[results.findIndex((r) => r.status === 'FAILED')]!;
    const which = ranges.length > 1 ? `The selection at line ${failed.start.line + 1}: ` : '';
    const message = `StreamFix: nothing changed. ${which}${describeResult(summary)}`;
    void vscode.window.showErrorMessage(message);
    return { changed: false, status: 'FAILED', message };
  }
  // Never put text that does not parse into the user's document, whatever the engine says.
  const unparsable = results.find((r) => !parses(r.json as string));
  if (unparsable) {
    const message = 'StreamFix: nothing changed: the repaired text did not parse as JSON (please report this input).';
    void vscode.window.showErrorMessage(message);
    return { changed: false, status: 'FAILED', message };
  }
  // jsonc without the language server's fix: the engine's JSON has no comments; never drop them silently
  if (whole && doc.languageId === 'jsonc' && results[0]!.repairs.some((r) => r.kind === 'comment')) {
    const message = 'StreamFix: nothing changed: repairing this jsonc document here would remove its comments, and the language server (which keeps them) did not answer. Restart the daemon, or select the JSON to repair.';
    void vscode.window.showErrorMessage(message);
    return { changed: false, status: summary.status, message };
  }
  const edits = ranges
    .map((range, i) => {
      const json = results[i]!.json as string;
      return { range, text: keepFinalNewline(texts[i]!, json), old: texts[i]! };
    })
    .filter((e) => e.text !== e.old);
  if (edits.length === 0) {
    const message = 'StreamFix: Already valid JSON: nothing to change';
    void vscode.window.showInformationMessage(message);
    return { changed: false, status: summary.status, message };
  }
  const applied = await editor.edit((b) => {
    for (const e of edits) b.replace(e.range, e.text);
  });
  if (!applied) {
    const message = 'StreamFix: the editor did not accept the edit (the document changed meanwhile?); nothing changed.';
    void vscode.window.showErrorMessage(message);
    return { changed: false, status: summary.status, message };
  }
  const message = `StreamFix: ${describeResult(summary)}`;
  void vscode.window.showInformationMessage(message);
  return { changed: true, status: summary.status, message };
}

const FIX_ALL = 'source.fixAll.streamfix';

/**
 * A whole jsonc document (settings.json, tsconfig.json): comments and trailing commas are legal there and
 * the engine's `json` drops them, so the language server's "Repair whole document" (source.fixAll.streamfix,
 * which fixes only what is broken and keeps them) is applied instead. Null when it offers none (nothing to
 * fix, or no language server): the caller goes on with the engine, which changes nothing it would not.
 */
async function repairKeepingComments(doc: vscode.TextDocument): Promise<RepairCommandResult | null> {
  const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', doc.uri, all, FIX_ALL);
  const fix = (actions ?? []).find((a) => a.kind?.value === FIX_ALL && a.edit);
  if (!fix) return null;
  if (!(await vscode.workspace.applyEdit(fix.edit!))) {
    const message = 'StreamFix: the editor did not accept the edit (the document changed meanwhile?); nothing changed.';
    void vscode.window.showErrorMessage(message);
    return { changed: false, status: 'FAILED', message };
  }
  // the action's title counts the fixes: "Repair whole document (2 fixes)"; a cut document stays TRUNCATED
  const status = safeRepair(doc.getText()).status === 'TRUNCATED' ? 'TRUNCATED' : 'REPAIRED';
  const message = `StreamFix: ${fix.title.replace('Repair whole document', 'Repaired the jsonc document, comments kept')}`;
  void vscode.window.showInformationMessage(message);
  return { changed: true, status, message };
}
