/**
 * The artifacts tree's filter: status, model and mode are the daemon's query (shared/protocol.ts
 * matchesQuery); the search text matches the request id, or (for entries that pass the rest) the raw or
 * repaired content. No `vscode` import:
 * unit-tested under plain mocha.
 */
import type { AppliedMode, Artifact, ArtifactStatus } from '../shared/protocol';

export interface ArtifactFilter {
  status?: ArtifactStatus;
  model?: string;
  mode?: AppliedMode;
  search?: string;
}

export function isEmptyFilter(f: ArtifactFilter): boolean {
  return !f.status && !f.model && !f.mode && !f.search;
}

/** Whether the search text is in the id (no fetch needed), case-insensitively. */
export function searchMatchesId(id: string, search: string): boolean {
  return id.toLowerCase().includes(search.toLowerCase());
}

/** Whether the search text is in the artifact's content (raw, repaired, reasoning, tool arguments). */
export function searchMatchesArtifact(a: Pick<Artifact, 'id' | 'rawContent' | 'repairedContent' | 'reasoning' | 'toolCalls'>, search: string): boolean {
  const needle = search.toLowerCase();
  const hay = [a.id, a.rawContent, a.repairedContent ?? '', a.reasoning, ...a.toolCalls.map((t) => t.rawArguments)];
  return hay.some((h) => h.toLowerCase().includes(needle));
}

/** "status REPAIRED · model demo/clean · “Ada”": the tree's message while a filter is on. Status, model and
 * mode are matched by the daemon over every artifact it keeps; the text search reads artifacts, so it looks
 * at the newest `searched` of those only: when that many were searched (`searched` given), the message says so. */
export function describeFilter(f: ArtifactFilter, searched?: number): string {
  const parts: string[] = [];
  if (f.status) parts.push(`status ${f.status}`);
  if (f.model) parts.push(`model ${f.model}`);
  if (f.mode) parts.push(`mode ${f.mode}`);
  if (f.search) parts.push(`“${f.search}”${searched === undefined ? '' : ` in the newest ${searched}`}`);
  return parts.length ? `Filtered: ${parts.join(' · ')}` : '';
}
