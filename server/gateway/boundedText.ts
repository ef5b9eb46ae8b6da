/**
 * The gateway's bounded copies of a stream's texts for its artifact (the class is the engine's, shared
 * with the reasoning scanner: shared/engine/boundedText.ts), and the clip of a text that came whole.
 */
import { BoundedText, type TextCut } from '../../shared/engine/boundedText';

export { BoundedText, type TextCut };

/** Characters kept per artifact text: half at its head, at least half (and less than 1.5 times this) at its tail. */
export const ARTIFACT_TEXT_LIMIT = 512 * 1024;

/** `s` itself when it is at most `limit` characters, else its head and tail (`limit / 2` each), the cut
 * recorded in `cuts`: how the artifact bounds a text that came whole (a non-streaming answer). */
export function clipText(s: string, field: string, cuts: TextCut[], limit = ARTIFACT_TEXT_LIMIT): string {
  if (s.length <= limit) return s;
  const half = Math.max(1, Math.floor(limit / 2));
  cuts.push({ field, at: half, chars: s.length - 2 * half });
  return s.slice(0, half) + s.slice(s.length - half);
}
