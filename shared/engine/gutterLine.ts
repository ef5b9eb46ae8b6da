/** The text tests of gutter.ts (an editor's line numbers pasted with the JSON), without its scanner:
 * before.ts and machine.ts use them, and the scanner's module comes after theirs in the chain. */
import { CR, LF, SPACE, TAB } from './chars';

/** The prose on the value's first line, before its `{` / `[`: a line number and a separator. */
const GUTTER_LINE = /^[ \t]*(\d{1,7})(?:[ \t]*[|\u2502\u2192][ \t]*|[ \t]+)$/;
/** The line number the value's first line has, when the prose before the value on that line (`line`,
 * from its start) is a gutter; else -1. */
export function gutterStart(line: string): number {
  const m = GUTTER_LINE.exec(line);
  return m === null ? -1 : Number(m[1]);
}

/** Whether text[0, len) ends on a line of nothing but spaces and tabs since its line break (`before`:
 * when all of it is such, the line began in an earlier segment). */
export function lineOfSpaces(text: string, len: number, before: boolean): boolean {
  for (let k = len - 1; k >= 0; k--) {
    const c = String.prototype.charCodeAt.call(text, k);
    if (c === LF || c === CR) return true;
    if (c !== SPACE && c !== TAB) return false;
  }
  return before;
}
