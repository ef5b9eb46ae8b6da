/**
 * Comments in a jsonc document, blanked before the engine reads it: a comment is legal there, so its text
 * must never be taken for model output (a `<think>` in `// wrap it in <think> tags` opened a reasoning block
 * that ran to the end of the file; a ```` ```json ```` in a header comment was a fence, and "Repair whole
 * document" deleted the comment). Each comment character becomes a space and line breaks stay, so every
 * offset, line and column the engine reports is the document's own.
 */

/**
 * `text` with its `//` and `/* *\/` comments outside strings replaced by spaces (line breaks kept). Strings
 * are `"…"` with backslash escapes, and `'…'` too: a single-quoted string is broken JSON the engine repairs,
 * and its `//` (a URL) is not a comment. A string ends at a line break, as the engine ends an unclosed one.
 * @example blankComments('{"a": 1, // note\n"b": 2}') → '{"a": 1,        \n"b": 2}'
 */
export function blankComments(text: string): string {
  let out = '';
  let from = 0; // start of the text not yet copied
  let i = 0;
  const blank = (end: number): void => {
    out += text.slice(from, i) + text.slice(i, end).replace(/[^\r\n]/g, ' ');
    from = i = end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      blank(nl < 0 ? text.length : nl);
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      blank(close < 0 ? text.length : close + 2);
    } else {
      i++;
    }
  }
  return out + text.slice(from);
}
