/**
 * The one place the Messages endpoint meets the engine's reasoning stage (shared/engine/split.ts):
 * content text in, text and thinking segments out, in the order they were written (a thinking block
 * between two texts must land between them).
 *
 * The splitter's output lists its pieces in input order, so held prose that a block's opening tag
 * released goes out as text before the block's thinking, and the text after the block after it.
 *
 * Prose at the start of the text is held back (for a lone closing tag, R1-style) for `holdProse`
 * characters (messages.ts decides: the whole text when not streaming; HOLD_PROSE when streaming for the
 * models and cases the chat endpoint holds for, or when the client asked for thinking; else none, since a
 * plain answer would reach the client only after 4 KB or at its end).
 */
import { ARTIFACT_STRIPPED_LIMIT, type ListCut } from '../gateway/boundedText';
import { createReasoningSplitter, type SplitOutput, type Stripped } from '../../shared/engine';

export interface Segment {
  kind: 'text' | 'thinking';
  text: string;
}

export interface ThinkingSplitter {
  push(chunk: string): Segment[];
  end(): Segment[];
  /** Held prose is text (ReasoningSplitter.decide). */
  decide(): Segment[];
  /** The reasoning removed, with its positions in the content. */
  readonly stripped: readonly Stripped[];
  /** Where `stripped` was cut (its first and last ARTIFACT_STRIPPED_LIMIT / 2 kept), or null. */
  readonly strippedCut: ListCut | null;
}

export function createThinkingSplitter(options: { holdProse: number }): ThinkingSplitter {
  const splitter = createReasoningSplitter({ holdProse: options.holdProse, maxListEntries: ARTIFACT_STRIPPED_LIMIT });
  const segments = (o: SplitOutput): Segment[] => o.pieces.map((p) => ({ kind: p.kind === 'content' ? 'text' : 'thinking', text: p.text }));
  return {
    push(chunk) {
      return segments(splitter.push(chunk));
    },
    end() {
      return segments(splitter.end());
    },
    decide() {
      return segments(splitter.decide());
    },
    get stripped() {
      return splitter.stripped;
    },
    get strippedCut() {
      return splitter.strippedCut;
    },
  };
}
