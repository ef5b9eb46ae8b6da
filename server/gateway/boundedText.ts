/**
 * The gateway's bounded copies of a stream's texts and lists for its artifact (the classes are the
 * engine's, shared with the reasoning scanner: shared/engine/boundedText.ts, boundedList.ts), and the clip
 * of a text that came whole.
 */
import { BoundedList, type ListCut } from '../../shared/engine/boundedList';
import { BoundedText, type TextCut } from '../../shared/engine/boundedText';
import type { RepairResult } from '../../shared/engine';
import type { ArtifactCut } from '../../shared/protocol';

export { BoundedList, BoundedText, type ListCut, type TextCut };

/** Characters kept per artifact text: half at its head, at least half (and less than 1.5 times this) at its tail. */
export const ARTIFACT_TEXT_LIMIT = 512 * 1024;

/** Repairs kept per artifact list (of the content, and of each tool call's arguments) while a stream
 * runs: the first and the last 2,500, the rest counted in the cut. */
export const ARTIFACT_LIST_LIMIT = 5000;
/** Stripped spans kept per list, alike: fewer, since a span keeps up to 64 Ki characters of its reasoning
 * block's text (200 of them at most 12.5 Mi characters). */
export const ARTIFACT_STRIPPED_LIMIT = 200;

/** `s` itself when it is at most `limit` characters, else its head and tail (`limit / 2` each), the cut
 * recorded in `cuts`: how the artifact bounds a text that came whole (a non-streaming answer). */
export function clipText(s: string, field: string, cuts: ArtifactCut[], limit = ARTIFACT_TEXT_LIMIT): string {
  if (s.length <= limit) return s;
  const half = Math.max(1, Math.floor(limit / 2));
  cuts.push({ field, at: half, chars: s.length - 2 * half });
  return s.slice(0, half) + s.slice(s.length - half);
}

/** The cuts of an engine result's lists (maxListEntries), as the artifact records them under `prefix`. */
export function listCuts(r: RepairResult | null, prefix = ''): ArtifactCut[] {
  return (r?.cuts ?? []).map((c) => ({ field: prefix + c.field, at: c.at, entries: c.entries }));
}
