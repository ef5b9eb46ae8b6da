/** The artifacts tree's filter commands: pick a status, model or mode, search by id or text, clear. */
import * as vscode from 'vscode';
import type { ArtifactsProvider } from './artifacts';
import { APPLIED_MODES, ARTIFACT_STATUSES } from '../shared/protocol';

const ANY = '(any)';

async function pick<T extends string>(title: string, items: readonly T[], current: T | undefined): Promise<T | undefined | null> {
  const choice = await vscode.window.showQuickPick([ANY, ...items], { title, placeHolder: current ? `now: ${current}` : 'now: any' });
  if (choice === undefined) return null; // dismissed: keep the filter as it is
  return choice === ANY ? undefined : (choice as T);
}

export function registerFilterCommands(artifacts: ArtifactsProvider): vscode.Disposable[] {
  const set = (patch: Partial<typeof artifacts.filter>) => artifacts.setFilter({ ...artifacts.filter, ...patch });
  const byStatus = async () => {
    const v = await pick('Show artifacts with status', ARTIFACT_STATUSES, artifacts.filter.status);
    if (v !== null) set({ status: v });
  };
  const byModel = async () => {
    const v = await pick('Show artifacts of model', [...artifacts.seen.models].sort(), artifacts.filter.model);
    if (v !== null) set({ model: v });
  };
  const byMode = async () => {
    const v = await pick('Show artifacts in mode', APPLIED_MODES, artifacts.filter.mode);
    if (v !== null) set({ mode: v });
  };
  const search = async () => {
    const v = await vscode.window.showInputBox({ title: 'Search artifacts', prompt: 'A request id, or text in the raw or repaired content (empty: no search)', value: artifacts.filter.search ?? '' });
    if (v !== undefined) set({ search: v.trim() || undefined });
  };
  const FILTERS: [string, () => Promise<void>][] = [['Status…', byStatus], ['Model…', byModel], ['Mode…', byMode], ['Search by id or text…', search]];
  return [
    vscode.commands.registerCommand('streamfix.filterArtifacts', async () => {
      const choice = await vscode.window.showQuickPick(FILTERS.map(([label]) => label), { title: 'Filter artifacts by' });
      await FILTERS.find(([label]) => label === choice)?.[1]();
    }),
    vscode.commands.registerCommand('streamfix.filterArtifactsByStatus', byStatus),
    vscode.commands.registerCommand('streamfix.filterArtifactsByModel', byModel),
    vscode.commands.registerCommand('streamfix.filterArtifactsByMode', byMode),
    vscode.commands.registerCommand('streamfix.searchArtifacts', search),
    vscode.commands.registerCommand('streamfix.clearArtifactFilters', () => artifacts.setFilter({})),
  ];
}
