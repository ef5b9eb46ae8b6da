/**
 * What the output panel says about each think block the gateway took out of the content: where it stood
 * in the raw content, its size and its first line. Computed once per request from the stripped spans the
 * engine already recorded, so the log line needs no second look at the text.
 */
import type { Stripped } from '../../shared/engine';
import { REASONING_TAG_NAMES } from '../../shared/engine/reasoning';
import type { ReasoningBlock } from '../../shared/protocol';

/** Blocks described per request event; more are counted, not described (an upstream that sends
 * thousands of tiny blocks must not make one event huge). */
export const MAX_REASONING_BLOCKS = 8;
/** Characters of a block's first line kept in the event (the rest is in the artifact). */
export const FIRST_LINE_CHARS = 80;

// An opening reasoning tag or harmony header at the block's start, and where the first line's text
// ends: at a closing tag or a harmony marker (a one-line block is `<think>text</think>`).
// (the tag names are the reasoning scanner's own)
const OPENING = new RegExp(`^\\s*(?:<\\|start\\|>\\w*)?(?:<\\|channel\\|>\\w+)?(?:<\\|message\\|>)?\\s*(?:<(?:${REASONING_TAG_NAMES.join('|')})\\b[^>]*>)?`, 'i');
const SCAN_CHARS = 4096;
const TAG = /<\/|<\|/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The first non-blank line of a block's text without its tags, trimmed and capped (`…` marks a cut).
 *   firstLineOf('<think>\n  Let me see.\nMore</think>') // 'Let me see.'
 */
export function firstLineOf(block: string): string {
  // the head is enough: a first line is looked for in the first SCAN_CHARS only, whatever the block's size
  for (const raw of block.slice(0, SCAN_CHARS).replace(OPENING, '').split('\n')) {
    const cut = raw.search(TAG);
    const line = (cut < 0 ? raw : raw.slice(0, cut)).replace(CONTROL, ' ').trim();
    if (line !== '') return [...line].length <= FIRST_LINE_CHARS ? line : `${[...line].slice(0, FIRST_LINE_CHARS - 1).join('')}…`;
    if (cut >= 0) return ''; // the block closed before any text
  }
  return '';
}

/** The reasoning spans of `stripped`, described (at most MAX_REASONING_BLOCKS, in content order); each first
 * line taken from the block's text after `redact`, so a secret the cap would cut is replaced whole first. */
export function reasoningBlocks(stripped: readonly Stripped[], redact: (text: string) => string = (t) => t): { blocks: ReasoningBlock[]; more: number } {
  const blocks: ReasoningBlock[] = [];
  let more = 0;
  for (const s of stripped) {
    if (s.kind !== 'reasoning') continue;
    if (blocks.length === MAX_REASONING_BLOCKS) {
      more++;
      continue;
    }
    const bytes = Buffer.byteLength(s.text);
    if (s.cut) {
      // only the head and tail of a long block are kept: its size is what passed (the engine counted the
      // middle's bytes; a span stored before it did: a lower bound), its end position is not known (the
      // middle's line breaks were not kept)
      blocks.push({
        offset: s.offset,
        line: s.line,
        column: s.column,
        bytes: bytes + (s.cut.bytes ?? s.cut.chars),
        cut: s.cut.chars,
        ...(s.cut.bytes !== undefined ? { bytesExact: true } : {}),
        firstLine: firstLineOf(redact(s.text)),
      });
      continue;
    }
    const breaks = s.text.split('\n').length - 1;
    const lastBreak = s.text.lastIndexOf('\n');
    blocks.push({
      offset: s.offset,
      line: s.line,
      column: s.column,
      endLine: s.line + breaks,
      endColumn: breaks === 0 ? s.column + s.text.length : s.text.length - lastBreak - 1,
      bytes,
      firstLine: firstLineOf(redact(s.text)),
    });
  }
  return { blocks, more };
}
