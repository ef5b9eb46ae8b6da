/**
 * What the `@streamfix` chat participant says under an answer, from its artifact: the status, model and mode,
 * then only what the gateway's check found, in the words of StreamFix Chat's badge ("JSON: no repairs
 * needed", "failed: no JSON in the answer, shown as sent"; strip mode "sent as text, not parsed as JSON"), the
 * repairs with their positions, and the reasoning moved out. Before, "No repairs needed" under a strip-mode
 * text, a FAILED answer and passthrough alike, none of which was parsed. No `vscode` import: unit-tested under
 * plain mocha.
 */
import { strippedParts } from '../shared/engine';
import type { Artifact } from '../shared/protocol';
import { repairsBadge } from './chatErrors';

type Shown = Pick<Artifact, 'status' | 'model' | 'mode' | 'repairs' | 'stripped' | 'reasoning'>;

/** The check's verdict on the content, by the mode that applied. */
function verdict(artifact: Shown, stripped: Shown['stripped']): string {
  if (artifact.mode === 'passthrough') return 'nothing checked (passthrough mode)';
  if (artifact.mode === 'repair') return repairsBadge({ ...artifact, stripped });
  const strips = strippedParts(stripped);
  return `sent as text, not parsed as JSON (strip mode)${strips.length > 0 ? `; stripped ${strips.join(', ')}` : ''}`;
}

/** @example repairsMarkdown({ status: 'TEXT', model: 'm', mode: 'strip', repairs: [], stripped: [], reasoning: '' }) === '\n\n**StreamFix** TEXT · model m · mode strip\n\nsent as text, not parsed as JSON (strip mode)\n' */
export function repairsMarkdown(artifact: Shown): string {
  const lines = [`**StreamFix** ${artifact.status} · model ${artifact.model} · mode ${artifact.mode}`];
  // white space stripped around the answer is not worth a word
  lines.push(verdict(artifact, artifact.stripped.filter((s) => s.text.trim() !== '')));
  const list = artifact.repairs.map((r) => `- line ${r.line + 1}, column ${r.column + 1}: ${r.message}`);
  if (list.length > 0) lines.push(list.join('\n'));
  if (artifact.reasoning) lines.push(`Reasoning moved out of the answer: ${artifact.reasoning.length} characters`);
  return '\n\n' + lines.join('\n\n') + '\n';
}
