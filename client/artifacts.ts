/**
 * The artifacts view (tree `streamfix.artifacts`): recent gateway requests with status icons, refreshed
 * live from the gateway events; a virtual document per artifact (scheme `streamfix-artifact`) and
 * raw-vs-repaired in the diff editor.
 *
 * URIs: `streamfix-artifact:/<id>.json` (the artifact), `streamfix-artifact:/<id>/raw.txt` (raw content),
 * `streamfix-artifact:/<id>/repaired.json` (repaired content).
 */
import * as vscode from 'vscode';
import { artifactSummary, GetArtifactMethod, ListArtifactsMethod, matchesQuery } from '../shared/protocol';
import type { Artifact, ArtifactStatus, ArtifactSummary, GatewayEvent, ListArtifactsParams } from '../shared/protocol';
import type { DaemonController } from './daemon';
import type { ArtifactFilter } from './artifactFilter';
import { describeFilter, isEmptyFilter, searchMatchesArtifact, searchMatchesId } from './artifactFilter';
import { NewRows } from './newRows';
import { artifactRowText } from './artifactRow';

export const ARTIFACT_SCHEME = 'streamfix-artifact';
export { MEMORY_ONLY } from './artifactRow';
const LIST_LIMIT = 100;
/** What may be an artifact's id (the store's rule): a search that is one is also asked for by id. */
const WHOLE_ID = /^[A-Za-z0-9_-]{1,128}$/;

const ICONS: Record<ArtifactStatus, [string, string | undefined]> = {
  VALID: ['pass', 'testing.iconPassed'],
  TEXT: ['note', undefined],
  EMPTY: ['circle-outline', undefined],
  REPAIRED: ['wrench', 'charts.blue'],
  TRUNCATED: ['warning', 'list.warningForeground'],
  FAILED: ['error', 'list.errorForeground'],
  UPSTREAM_ERROR: ['error', 'list.errorForeground'],
  CLIENT_ABORTED: ['circle-slash', undefined],
  PASSTHROUGH: ['arrow-right', undefined],
};

export class ArtifactItem extends vscode.TreeItem {
  constructor(readonly summary: ArtifactSummary) {
    super(summary.model, vscode.TreeItemCollapsibleState.None);
    const s = summary;
    this.id = s.id;
    const text = artifactRowText(s);
    this.description = text.description;
    this.tooltip = text.tooltip;
    // an answer that failed its schema warns, whatever its JSON status (VALID, REPAIRED)
    const [icon, color] = text.schemaFailed && (s.status === 'VALID' || s.status === 'REPAIRED') ? ICONS.TRUNCATED : (ICONS[s.status] ?? ['question', undefined]);
    this.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    this.contextValue = 'streamfixArtifact';
    // the id is not shown, but screen readers (and the UI tests) find a row by it
    this.accessibilityInformation = { label: `${s.model} ${this.description} ${s.id}` };
    this.command = { command: 'streamfix.openArtifact', title: 'Open Artifact', arguments: [s.id] };
  }
}

export class ArtifactsProvider implements vscode.TreeDataProvider<ArtifactItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly daemon: DaemonController,
    private readonly onError?: (message: string) => void,
  ) {}

  getTreeItem(item: ArtifactItem): vscode.TreeItem {
    return item;
  }

  /** Status, model, mode and search text the tree shows (empty: everything). */
  filter: ArtifactFilter = {};
  /** Model names and statuses seen in the last listing, offered by the filter pickers. */
  seen = { models: new Set<string>(), statuses: new Set<string>() };

  /** The rows are a flat list: none has a parent (what TreeView.reveal asks). */
  getParent(): undefined {
    return undefined;
  }

  /** Listings the tree asked for so far (each root getChildren counts when it starts). */
  private listings = 0;
  private waiting: { after: number; resolve: (rows: ArtifactItem[]) => void }[] = [];

  /** The rows of the next listing the tree asks for after this call (not one already under way, which may
   * predate the newest request). */
  nextListing(): Promise<ArtifactItem[]> {
    return new Promise((resolve) => this.waiting.push({ after: this.listings, resolve }));
  }

  /** Newest first, filtered; empty (not an error) while the daemon is not running. */
  async getChildren(item?: ArtifactItem): Promise<ArtifactItem[]> {
    if (item) return [];
    const listing = ++this.listings;
    const rows = await this.list();
    this.newRows.listed(rows.map((r) => r.summary.id));
    this.showNew();
    const done = this.waiting.filter((w) => listing > w.after);
    this.waiting = this.waiting.filter((w) => listing <= w.after);
    for (const w of done) w.resolve(rows);
    return rows;
  }

  private async list(): Promise<ArtifactItem[]> {
    if (!this.daemon.languageClient) return [];
    try {
      // the daemon picks the newest LIST_LIMIT of those matching status, model and mode (over every artifact it
      // keeps, not only the newest LIST_LIMIT)
      const { status, model, mode } = this.filter;
      const params: ListArtifactsParams = { limit: LIST_LIMIT, ...(status ? { status } : {}), ...(model ? { model } : {}), ...(mode ? { mode } : {}) };
      const list = await this.daemon.request<ArtifactSummary[]>(ListArtifactsMethod, params);
      for (const s of list) {
        this.seen.models.add(s.model);
        this.seen.statuses.add(s.status);
      }
      const search = this.filter.search;
      if (search) this.onFilter?.(describeFilter(this.filter, list.length >= LIST_LIMIT ? LIST_LIMIT : undefined));
      if (!search) return list.map((s) => new ArtifactItem(s));
      const found: ArtifactItem[] = [];
      for (const s of list) {
        if (searchMatchesId(s.id, search)) found.push(new ArtifactItem(s));
        else {
          const a = await this.daemon.request<Artifact | null>(GetArtifactMethod, { id: s.id });
          if (a && searchMatchesArtifact(a, search)) found.push(new ArtifactItem(s));
        }
      }
      // a whole request id (pasted from x-streamfix-request-id) is found however old: asked for by id (the
      // index answers from memory; a word that is no id costs one lookup)
      const id = search.trim();
      if (WHOLE_ID.test(id) && !list.some((s) => s.id === id)) {
        const a = await this.daemon.request<Artifact | null>(GetArtifactMethod, { id });
        if (a && matchesQuery(artifactSummary(a), params)) found.push(new ArtifactItem(artifactSummary(a)));
      }
      return found;
    } catch (err) {
      // The daemon went away mid-request (a restart): the view refreshes again once it runs.
      this.onError?.(`could not list artifacts: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  setFilter(f: ArtifactFilter): void {
    this.filter = f;
    // another list: what was new in the old one is not counted in it
    this.newRows.revealed(false);
    void vscode.commands.executeCommand('setContext', 'streamfix.artifactsFiltered', !isEmptyFilter(f));
    this.onFilter?.(describeFilter(f));
    this.refresh();
  }

  /** Set by the view: shows the filter as the tree's message. */
  onFilter: ((message: string) => void) | undefined;

  refresh(): void {
    this.changed.fire();
  }

  /** The tree view of these rows (set by activate). */
  view: vscode.TreeView<ArtifactItem> | undefined;

  /** Rows that arrived above the row a person selected, possibly out of sight: the view's description. */
  private readonly newRows = new NewRows(LIST_LIMIT);

  /** A row was selected in the view (the tree keeps it in view from now on). */
  onSelection(selection: readonly ArtifactItem[]): void {
    const row = selection[0];
    if (!row) return;
    this.newRows.selected(row.summary.id);
    this.showNew();
  }

  private showNew(): void {
    if (this.view) this.view.description = this.newRows.text;
  }

  /**
   * Lists again and scrolls the view to the newest row, leaving the selection and the focus as they are
   * (Show Artifacts, the view's refresh button). The tree keeps its selected row in view when it gets the
   * focus: once more requests came after the row a person opened than the view has room for, the newest
   * were above the view, out of sight. Nothing to scroll while the view is hidden or collapsed.
   */
  async showNewest(): Promise<void> {
    const view = this.view;
    if (!view?.visible) return this.refresh();
    const next = this.nextListing();
    this.refresh();
    const [newest] = await next;
    if (newest) await view.reveal(newest, { select: false, focus: false });
    this.newRows.revealed(view.selection.length > 0);
    this.showNew();
  }

  /** A request finished, or an artifact's slow write landed (its row loses `· memory only`): refresh soon
   * (coalescing bursts of requests into one listing). */
  onEvent(e: GatewayEvent): void {
    if (!(e.type === 'finished' || (e.type === 'store' && e.late === true)) || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 100);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

/** The address of an artifact's part; `choice`: a choice's raw or repaired content (`n > 1`), else the
 * artifact's own (choice 0). */
/** A choice's raw and repaired content: choice 0 (or none named) is the artifact's own fields, a later
 * one of an `n > 1` answer is in `choices`; undefined when the artifact has no such choice. */
export function choiceOf(artifact: Artifact, choice: number | undefined): { rawContent: string; repairedContent: string | null } | undefined {
  return choice === undefined || choice === 0 ? artifact : artifact.choices?.find((c) => c.index === choice);
}

export function artifactUri(id: string, part: 'artifact' | 'raw' | 'repaired', choice?: number): vscode.Uri {
  const at = choice === undefined ? `/${id}` : `/${id}/choice-${choice}`;
  const path = part === 'artifact' ? `/${id}.json` : part === 'raw' ? `${at}/raw.txt` : `${at}/repaired.json`;
  return vscode.Uri.from({ scheme: ARTIFACT_SCHEME, path });
}

/** Parse a `streamfix-artifact:` URI back to the id, the part it shows and the choice (when named). */
export function parseArtifactUri(uri: vscode.Uri): { id: string; part: 'artifact' | 'raw' | 'repaired'; choice?: number } | null {
  const m = /^\/([^/]+?)(?:\.json|(?:\/choice-(\d{1,6}))?\/(raw\.txt|repaired\.json))$/.exec(uri.path);
  if (!m) return null;
  const part = m[3] === 'raw.txt' ? 'raw' : m[3] === 'repaired.json' ? 'repaired' : 'artifact';
  return { id: decodeURIComponent(m[1]!), part, ...(m[2] !== undefined ? { choice: Number(m[2]) } : {}) };
}

export class ArtifactContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly daemon: DaemonController) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const parsed = parseArtifactUri(uri);
    if (!parsed) throw new Error(`StreamFix: not an artifact address: ${uri.toString()}`);
    const artifact = await this.daemon.request<Artifact | null>(GetArtifactMethod, { id: parsed.id });
    if (!artifact) throw new Error(`StreamFix: no artifact with id ${parsed.id} (it may have been dropped from the store)`);
    if (parsed.part === 'artifact') return JSON.stringify(artifact, null, 2);
    const c = choiceOf(artifact, parsed.choice);
    if (!c) throw new Error(`StreamFix: artifact ${parsed.id} has no choice ${parsed.choice}`);
    return parsed.part === 'raw' ? c.rawContent : (c.repairedContent ?? '');
  }
}

/** The artifact id from a command argument: an id string or a tree item. */
export function idFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof ArtifactItem) return arg.summary.id;
  return undefined;
}

export async function openArtifact(id: string): Promise<vscode.TextEditor> {
  // The `.json` path gives the document the JSON language (highlighting, folding).
  const doc = await vscode.workspace.openTextDocument(artifactUri(id, 'artifact'));
  return vscode.window.showTextDocument(doc, { preview: true });
}

/** Raw vs repaired content in the diff editor; `choice`: of that choice of an `n > 1` answer (named in the
 * title); `strip`: the choice went out in strip mode, its content sent as text, not repaired (the title says
 * "raw ↔ sent (strip mode)"). */
export async function openArtifactDiff(id: string, choice?: number, strip = false): Promise<void> {
  const title = `${id}: raw ↔ ${strip ? 'sent (strip mode)' : 'repaired'}${choice === undefined ? '' : ` (choice ${choice})`}`;
  await vscode.commands.executeCommand('vscode.diff', artifactUri(id, 'raw', choice), artifactUri(id, 'repaired', choice), title);
}
