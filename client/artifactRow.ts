/**
 * The words of an Artifacts view row (no vscode import, unit-tested): its description, tooltip and whether
 * its icon warns of a failed JSON Schema check. The status is the JSON check's; an answer that parsed but
 * failed its schema says so beside it ("VALID · schema invalid"), its tooltip names the first error.
 */
import type { ArtifactSummary } from '../shared/protocol';

/** What the row's tooltip says of an artifact whose response said memory-only. */
export const MEMORY_ONLY = 'In memory only (its response said x-streamfix-artifact: memory-only): lost when the daemon restarts';

const SCHEMA_WORDS = { valid: 'schema valid', invalid: 'schema invalid', unchecked: 'schema not checked' } as const;

export interface ArtifactRowText {
  description: string;
  tooltip: string;
  /** The schema check failed: the row's icon is a warning whatever the status. */
  schemaFailed: boolean;
}

/**
 * @example artifactRowText({ …, status: 'VALID', repairs: 0, totalMs: 12, schema: 'invalid', schemaError: '/name: must be string' })
 *   .description === 'VALID · schema invalid · 0 repairs · 12 ms'
 */
export function artifactRowText(s: ArtifactSummary): ArtifactRowText {
  const repairs = s.repairs === 1 ? '1 repair' : `${s.repairs} repairs`;
  const schema = s.schema ? ` · ${SCHEMA_WORDS[s.schema]}` : '';
  const description = `${s.status}${schema} · ${repairs} · ${Math.round(s.totalMs)} ms${s.memoryOnly ? ' · memory only' : ''}`;
  const schemaLine = s.schema && s.schema !== 'valid' && s.schemaError ? `\n${SCHEMA_WORDS[s.schema]}: ${s.schemaError}` : '';
  const tooltip = `${s.id}\n${s.createdAt}\nmodel ${s.model}, mode ${s.mode}\n${description}${schemaLine}${s.memoryOnly ? `\n${MEMORY_ONLY}` : ''}`;
  return { description, tooltip, schemaFailed: s.schema === 'invalid' };
}
