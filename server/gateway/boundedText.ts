/**
 * The gateway's bounded copies of a stream's texts and lists for its artifact (the classes are the
 * engine's, shared with the reasoning scanner: shared/engine/boundedText.ts, boundedList.ts), and the clip
 * of a text that came whole.
 */
import { BoundedList, type ListCut } from '../../shared/engine/boundedList';
import { BoundedText as EngineText, SEAM, withSeam, type TextCut } from '../../shared/engine/boundedText';
import type { RepairResult } from '../../shared/engine';
import type { ArtifactCut } from '../../shared/protocol';

export { BoundedList, SEAM, withSeam, type ListCut, type TextCut };

/**
 * Characters an artifact text keeps past its bound just before its kept tail, never stored: the context
 * the artifact's redaction reads the tail's start in (RequestRecord.build), so a secret the cut goes
 * through is redacted in the tail too, not only where the text holds it whole. 4 Ki characters: the
 * longest spelling of a secret a text can hold (every character a second-level escape, 7 characters
 * each) of a key up to 585 characters.
 */
export const SEAM_CONTEXT = 4096;

/** The engine's BoundedText keeping the seam context (SEAM_CONTEXT) of its cut. */
export class BoundedText extends EngineText {
  constructor(limit: number) {
    super(limit, SEAM_CONTEXT);
  }
}

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
  const from = s.length - half;
  cuts.push(withSeam({ field, at: half, chars: s.length - 2 * half }, s.slice(Math.max(0, from - SEAM_CONTEXT), from)));
  return s.slice(0, half) + s.slice(from);
}

/** The cuts of an engine result's lists (maxListEntries), as the artifact records them under `prefix`. */
export function listCuts(r: RepairResult | null, prefix = ''): ArtifactCut[] {
  return (r?.cuts ?? []).map((c) => ({ field: prefix + c.field, at: c.at, entries: c.entries }));
}
