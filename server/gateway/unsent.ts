/**
 * The no-JSON answer of repair (and auto) mode: when the engine finds no JSON at all, the client gets the
 * text the model sent with its reasoning removed (splitReasoning of the whole text), so that text is kept
 * until the engine's first output. Kept as received up to `rawKeep` characters (nearly every answer: no
 * second scan, one join at the end); past that, what was kept goes through a reasoning splitter and from
 * then on only its content is kept, so a long reasoning phase before the answer (a 300 MB think block)
 * costs no memory. The content kept is what the client would get: it cannot be cut without changing
 * that, and it is text the engine holds undecided too (prose before the JSON, up to its maxHoldBack per
 * run).
 *
 * Example:
 *   const u = createUnsentText(8);
 *   u.push('<think>a long plan</think>');   // past 8 characters: split from here on
 *   u.push('no JSON here');
 *   u.end();                                // 'no JSON here'
 */
import { createReasoningSplitter, splitReasoning, type ReasoningSplitter } from '../../shared/engine';

/** Characters of the text kept as received before it is split (256 Ki: 512 KB). */
export const UNSENT_RAW_KEEP = 256 * 1024;

export interface UnsentText {
  push(delta: string): void;
  /** The text as the client gets it when no JSON was found: splitReasoning(all of it).content. */
  end(): string;
  /** Characters kept now (raw or split). */
  readonly kept: number;
  /** What end() would give now, while the text is kept as received (null once it is split: the splitter
   * may hold a tail). Does not end anything. */
  peek(): string | null;
}

export function createUnsentText(rawKeep = UNSENT_RAW_KEEP): UnsentText {
  // the deltas as received while they fit in rawKeep; null once the splitter took over
  let raw: string[] | null = [];
  let rawLength = 0;
  // from then on: the splitter (its spans are not needed, only one is kept) and the content it gave
  let splitter: ReasoningSplitter | null = null;
  const content: string[] = [];
  let contentLength = 0;

  const keep = (c: string): void => {
    if (c === '') return;
    content.push(c);
    contentLength += c.length;
  };

  return {
    push(delta: string): void {
      if (raw !== null) {
        raw.push(delta);
        rawLength += delta.length;
        if (rawLength <= rawKeep) return;
        splitter = createReasoningSplitter({ maxListEntries: 1 });
        keep(splitter.push(raw.join('')).content);
        raw = null;
        return;
      }
      keep(splitter!.push(delta).content);
    },
    end(): string {
      if (raw !== null) return splitReasoning(raw.join('')).content;
      keep(splitter!.end().content);
      return content.join('');
    },
    get kept() {
      return raw !== null ? rawLength : contentLength;
    },
    peek(): string | null {
      return raw !== null ? splitReasoning(raw.join('')).content : null;
    },
  };
}
