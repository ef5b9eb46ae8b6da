/**
 * The one place the Messages endpoint meets the engine's reasoning stage (shared/engine/split.ts):
 * content text in, text and thinking segments out, in the order they were written (a thinking block
 * between two texts must land between them).
 *
 * The splitter answers one push with its content and its reasoning, not their order; fed one piece per
 * `>` (every reasoning tag and harmony marker ends with one), each push completes at most one tag, at
 * its end, so its content (text before that tag, or held prose a block's first reasoning released) comes
 * before its reasoning, and the pieces' outputs come in order. The splitter gives the
 * same output for any split into chunks, so the cut changes nothing else.
 *
 * Prose at the start of the text is held back (for a lone closing tag, R1-style) only when the client
 * asked for thinking: otherwise a plain answer would reach the client only after 4 KB or at its end.
 */
import { ARTIFACT_STRIPPED_LIMIT, type ListCut } from '../gateway/boundedText';
import { createReasoningSplitter, HOLD_PROSE, type Stripped } from '../../shared/engine';

export interface Segment {
  kind: 'text' | 'thinking';
  text: string;
}

export interface ThinkingSplitter {
  push(chunk: string): Segment[];
  end(): Segment[];
  /** The reasoning removed, with its positions in the content. */
  readonly stripped: readonly Stripped[];
  /** Where `stripped` was cut (its first and last ARTIFACT_STRIPPED_LIMIT / 2 kept), or null. */
  readonly strippedCut: ListCut | null;
}

export function createThinkingSplitter(options: { thinking: boolean }): ThinkingSplitter {
  const splitter = createReasoningSplitter({ holdProse: options.thinking ? HOLD_PROSE : 0, maxListEntries: ARTIFACT_STRIPPED_LIMIT });
  // one push's content was written before its reasoning: the text before a tag that opens a block (held
  // prose goes out with the block's first reasoning), and nothing comes after the tag that ends the push
  const collect = (out: Segment[], o: { content: string; reasoning: string }) => {
    if (o.content !== '') out.push({ kind: 'text', text: o.content });
    if (o.reasoning !== '') out.push({ kind: 'thinking', text: o.reasoning });
  };
  return {
    push(chunk) {
      const out: Segment[] = [];
      let at = 0;
      for (let gt = chunk.indexOf('>'); gt >= 0; gt = chunk.indexOf('>', at)) {
        collect(out, splitter.push(chunk.slice(at, gt + 1)));
        at = gt + 1;
      }
      if (at < chunk.length) collect(out, splitter.push(at === 0 ? chunk : chunk.slice(at)));
      return out;
    },
    end() {
      const out: Segment[] = [];
      collect(out, splitter.end());
      return out;
    },
    get stripped() {
      return splitter.stripped;
    },
    get strippedCut() {
      return splitter.strippedCut;
    },
  };
}
