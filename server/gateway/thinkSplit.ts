/**
 * A streaming splitter for `strip` mode: `<think>…</think>` and `<thinking>…</thinking>` blocks leave the
 * content and go to the reasoning side; everything else passes as sent. Tags are matched
 * case-insensitively. A possible partial tag at the end of a chunk (`<thi`, `</thin`) is held back until
 * the next chunk decides it, so a split tag is never leaked into either side.
 */

export interface SplitOutput {
  content: string;
  reasoning: string;
}

export interface ThinkSplitter {
  push(chunk: string): SplitOutput;
  end(): SplitOutput;
  /** True while inside a think block (the stream ended there if still true at end()). */
  readonly inThink: boolean;
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
          content += buf.slice(0, open.at);
          buf = buf.slice(open.at + open.tag.length);
          inThink = true;
          closeTag = '</' + open.tag.slice(1);
          continue;
        }
        const hold = partialTagSuffix(buf, OPEN_TAGS);
        content += buf.slice(0, buf.length - hold);
        pending = buf.slice(buf.length - hold);
        break;
      }
      const at = lower.indexOf(closeTag);
      if (at >= 0) {
        reasoning += buf.slice(0, at);
        buf = buf.slice(at + closeTag.length);
        inThink = false;
        continue;
      }
      const hold = partialTagSuffix(buf, [closeTag]);
      reasoning += buf.slice(0, buf.length - hold);
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
      return inThink ? { content: '', reasoning: rest } : { content: rest, reasoning: '' };
    },
    get inThink() {
      return inThink;
    },
  };
}

/** Splits a whole text at once (non-streaming responses). */
export function splitThink(text: string): SplitOutput {
  const s = createThinkSplitter();
  const a = s.push(text);
  const b = s.end();
  return { content: a.content + b.content, reasoning: a.reasoning + b.reasoning };
}

/** The text of a stripped reasoning span without its tags (the engine records the block with them). */
export function innerReasoning(block: string): string {
  return block.replace(/^\s*<think(?:ing)?>/i, '').replace(/<\/think(?:ing)?>\s*$/i, '');
}
