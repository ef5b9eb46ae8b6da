/**
 * A streaming splitter for `strip` mode: `<think>…</think>` and `<thinking>…</thinking>` blocks leave the
 * content and go to the reasoning side; everything else passes as sent. Tags are matched
 * case-insensitively. A possible partial tag at the end of a chunk (`<thi`, `</thin`) is held back until
 * the next chunk decides it, so a split tag is never leaked into either side.
 */

import type { Stripped } from '../../shared/engine';

export interface SplitOutput {
  content: string;
  reasoning: string;
}

export interface ThinkSplitter {
  push(chunk: string): SplitOutput;
  end(): SplitOutput;
  /** True while inside a think block (the stream ended there if still true at end()). */
  readonly inThink: boolean;
  /** The blocks removed so far, as the engine records them: kind `reasoning`, where the block starts in
   * the input (offset, 0-based line and column), its length and its text with the tags. A block still
   * open is added by end(). */
  readonly stripped: readonly Stripped[];
}

const OPEN_TAGS = ['<think>', '<thinking>'];

/** Length of the longest suffix of `text` that is a proper prefix of one of `tags` (case-insensitive). */
function partialTagSuffix(text: string, tags: string[]): number {
  const lt = text.lastIndexOf('<');
  if (lt < 0) return 0;
  const tail = text.slice(lt).toLowerCase();
  for (const tag of tags) if (tag.length > tail.length && tag.startsWith(tail)) return tail.length;
  return 0;
}

function findOpen(lower: string): { at: number; tag: string } | null {
  let best: { at: number; tag: string } | null = null;
  for (const tag of OPEN_TAGS) {
    const at = lower.indexOf(tag);
    // `<think>` and `<thinking>` never start at the same index, so the earliest one wins
    if (at >= 0 && (best === null || at < best.at)) best = { at, tag };
  }
  return best;
}

export function createThinkSplitter(): ThinkSplitter {
  // Text after the last decided position: a possible partial tag carried into the next push.
  let pending = '';
  let inThink = false;
  // The closing tag that ends the open block (`</think>` for `<think>`, `</thinking>` for `<thinking>`).
  let closeTag = '';
  // Where the undecided text (`pending`, then the next chunk) starts in the input.
  let offset = 0;
  let line = 0;
  let column = 0;
  // The open block: where it starts, and its text so far (tags included).
  let block: Stripped | null = null;
  const stripped: Stripped[] = [];

  /** Moves the position past `text`, the next decided part of the input. */
  const pass = (text: string) => {
    offset += text.length;
    let nl = text.indexOf('\n');
    if (nl < 0) {
      column += text.length;
      return;
    }
    let last = nl;
    for (; nl >= 0; nl = text.indexOf('\n', nl + 1)) {
      line++;
      last = nl;
    }
    column = text.length - last - 1;
  };

  const push = (chunk: string): SplitOutput => {
    let buf = pending + chunk;
    pending = '';
    let content = '';
    let reasoning = '';
    for (;;) {
      const lower = buf.toLowerCase();
      if (!inThink) {
        const open = findOpen(lower);
        if (open) {
          const before = buf.slice(0, open.at);
          content += before;
          pass(before);
          const tag = buf.slice(open.at, open.at + open.tag.length);
          block = { kind: 'reasoning', offset, line, column, length: 0, text: tag };
          pass(tag);
          buf = buf.slice(open.at + open.tag.length);
          inThink = true;
          closeTag = '</' + open.tag.slice(1);
          continue;
        }
        const hold = partialTagSuffix(buf, OPEN_TAGS);
        const decided = buf.slice(0, buf.length - hold);
        content += decided;
        pass(decided);
        pending = buf.slice(buf.length - hold);
        break;
      }
      const at = lower.indexOf(closeTag);
      if (at >= 0) {
        const inner = buf.slice(0, at);
        const tag = buf.slice(at, at + closeTag.length);
        reasoning += inner;
        pass(inner + tag);
        block!.text += inner + tag;
        block!.length = block!.text.length;
        stripped.push(block!);
        block = null;
        buf = buf.slice(at + closeTag.length);
        inThink = false;
        continue;
      }
      const hold = partialTagSuffix(buf, [closeTag]);
      const inner = buf.slice(0, buf.length - hold);
      reasoning += inner;
      pass(inner);
      block!.text += inner;
      pending = buf.slice(buf.length - hold);
      break;
    }
    return { content, reasoning };
  };

  return {
    push,
    end() {
      const rest = pending;
      pending = '';
      if (!inThink) {
        pass(rest);
        return { content: rest, reasoning: '' };
      }
      // a block cut off by the end of the stream: removed all the same, to the end of the input
      block!.text += rest;
      block!.length = block!.text.length;
      stripped.push(block!);
      block = null;
      pass(rest);
      return { content: '', reasoning: rest };
    },
    get inThink() {
      return inThink;
    },
    stripped,
  };
}

/** Splits a whole text at once (non-streaming responses). */
export function splitThink(text: string): SplitOutput & { stripped: Stripped[] } {
  const s = createThinkSplitter();
  const a = s.push(text);
  const b = s.end();
  return { content: a.content + b.content, reasoning: a.reasoning + b.reasoning, stripped: s.stripped.slice() };
}

/** The text of a stripped reasoning span without its tags (the engine records the block with them). */
export function innerReasoning(block: string): string {
  return block.replace(/^\s*<think(?:ing)?>/i, '').replace(/<\/think(?:ing)?>\s*$/i, '');
}
