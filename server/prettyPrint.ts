/**
 * A streaming pretty-printer for valid JSON text: re-indents token by token, so number spellings and
 * string escapes stay exactly as the engine wrote them (JSON.parse + stringify would turn `1.50` into
 * `1.5` and lose big integers), and output can follow the input chunk by chunk.
 *
 * Layout matches `JSON.stringify(value, null, indent)`: one member or element per line, `": "` after
 * keys, empty containers as `{}` / `[]`; with an empty indent, no whitespace at all (as with 0).
 */

export interface PrettyPrinter {
  /** Feed the next piece of valid JSON text; returns the pretty text decided so far. */
  push(text: string): string;
  /** Returns whatever was held back (an opening bracket whose container might be empty). */
  end(): string;
}

export function createPrettyPrinter(indent = '  '): PrettyPrinter {
  let depth = 0;
  // Inside a string, and whether the previous character was a backslash: both can be split by a chunk.
  let inString = false;
  let escaped = false;
  // An opening bracket not yet written: we write `{}` when the next solid character closes it, and
  // that character may arrive in the next chunk.
  let pendingOpen = '';

  const newline = indent === '' ? () => '' : (d: number) => '\n' + indent.repeat(d);
  const colon = indent === '' ? ':' : ': ';

  function push(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        out += c;
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (pendingOpen !== '') {
        const open = pendingOpen;
        pendingOpen = '';
        if (c === '}' || c === ']') {
          out += open + c;
          continue;
        }
        depth++;
        out += open + newline(depth);
      }
      switch (c) {
        case '{':
        case '[':
          pendingOpen = c;
          break;
        case '}':
        case ']':
          depth--;
          out += newline(depth) + c;
          break;
        case ',':
          out += ',' + newline(depth);
          break;
        case ':':
          out += colon;
          break;
        case '"':
          inString = true;
          out += c;
          break;
        default:
          out += c;
      }
    }
    return out;
  }

  function end(): string {
    const rest = pendingOpen;
    pendingOpen = '';
    return rest;
  }

  return { push, end };
}
