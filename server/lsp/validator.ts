/**
 * When to check a document and where its diagnostics go: at once when it opens, debounced per document
 * while it changes (the latest version wins: a stale run never publishes), cleared when it closes.
 * Keeps the last analysis per document so code actions reuse it instead of running the engine again.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './diagnostics';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { LANGUAGES, SOURCE, analyzeInSlices, toDiagnostic } from './diagnostics';

/** Most diagnostics published for one document. */
export const MAX_DIAGNOSTICS = 1000;
import type { SettingsCache } from './settings';

export class Validator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly analyses = new Map<string, Analysis>();
  /** Bumped on every schedule/close so a run that finishes after a newer change or a close is dropped. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsCache,
  ) {}

  private bump(uri: string): number {
    const g = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, g);
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    return g;
  }

  /** The version last queued per document: TextDocuments fires a content change right after open. */
  private readonly queued = new Map<string, number>();

  /** A just-opened document is checked without waiting. */
  openNow(doc: TextDocument): void {
    if (!LANGUAGES.has(doc.languageId)) return;
    this.queued.set(doc.uri, doc.version);
    void this.run(doc.uri, this.bump(doc.uri));
  }

  /** A changed document is checked once the user pauses typing for `debounceMs`. */
  schedule(doc: TextDocument): void {
    if (!LANGUAGES.has(doc.languageId) || this.queued.get(doc.uri) === doc.version) return;
    this.queued.set(doc.uri, doc.version);
    const g = this.bump(doc.uri);
    void this.settings.get(doc.uri).then((s) => {
      if (this.generation.get(doc.uri) !== g) return;
      this.timers.set(doc.uri, setTimeout(() => void this.run(doc.uri, g), s.debounceMs));
    });
  }

  revalidateAll(): void {
    this.analyses.clear();
    for (const doc of this.documents.all()) this.openNow(doc);
  }

  close(uri: string): void {
    this.bump(uri);
    this.queued.delete(uri);
    this.analyses.delete(uri);
    this.settings.forget(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err: unknown) => {
      this.connection.console.error(`streamfix: clearing diagnostics of ${uri} failed: ${String(err)}`);
    });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** The analysis of the document's current version (computed now if needed), or null when disabled or
   * when `stale()` turned true while it was computed (a large document is analysed in slices with the
   * event loop let through between them, so the gateway's streams go on meanwhile). */
  async analysisFor(doc: TextDocument, stale: () => boolean = () => false): Promise<Analysis | null> {
    const settings = await this.settings.get(doc.uri);
    if (!settings.enable || !LANGUAGES.has(doc.languageId)) return null;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.languageId === doc.languageId) return cached;
    const analysis = await analyzeInSlices(doc.getText(), doc.languageId, doc.version, settings, stale);
    if (analysis !== null) this.analyses.set(doc.uri, analysis);
    return analysis;
  }

  private async run(uri: string, g: number): Promise<void> {
    this.timers.delete(uri);
    try {
      const doc = this.documents.get(uri);
      if (!doc) return;
      const stale = (): boolean => this.generation.get(uri) !== g;
      const analysis = await this.analysisFor(doc, stale);
      if (stale()) return;
      const findings = analysis?.findings ?? [];
      const diagnostics = findings.slice(0, MAX_DIAGNOSTICS).map((f) => toDiagnostic(doc, f));
      if (findings.length > MAX_DIAGNOSTICS) {
        // A huge broken file (a log of model outputs, say) must not flood the Problems panel or the pipe.
        diagnostics.push({
          range: diagnostics[diagnostics.length - 1]!.range,
          severity: DiagnosticSeverity.Information,
          source: SOURCE,
          code: 'more',
          message: `${findings.length - MAX_DIAGNOSTICS} more repairs are not shown; "Repair whole document" fixes them all`,
        });
      }
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (err) {
      this.connection.console.error(
        `streamfix: checking ${uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`,
      );
    }
  }
}
