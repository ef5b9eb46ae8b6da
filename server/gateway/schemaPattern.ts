/**
 * The regular-expression engine behind JSON Schema's `pattern` and `patternProperties` (issue 10 §4): a
 * pattern from a client must not freeze the daemon. V8's backtracking RegExp takes exponential time on
 * `^(a+)+$` against "aaaa…a!" (29 s at 29 characters, the event loop blocked). RE2 (re2-wasm, WebAssembly,
 * no native build) runs every pattern it accepts in time linear in the input.
 *
 * JSON Schema patterns are ECMA-262 with the `u` flag. RE2 differs in a few places, translated here so a
 * pattern means what it means in JavaScript: `.` excludes \n \r \u2028 \u2029 (RE2's excludes only \n);
 * `\s` / `\S` are ECMA's white space (RE2's is ASCII only); an escaped surrogate pair `\uD83D\uDE00` is one
 * code point. The pattern is also compiled by V8 (not run), so ECMA's syntax errors stay errors.
 * What RE2 cannot run in linear time (backreferences, lookahead, lookbehind, a repeat count over 1000,
 * `\S` inside a class) throws UnsupportedPattern: the schema is refused (a 400, like any bad schema).
 *
 * re2-wasm's WebAssembly heap is fixed at 16 MB and compiling blocks the event loop, so a pattern whose
 * program would be too large (patternSize.ts) is refused before RE2 sees it (PatternTooLarge, a 400). The
 * compiled expressions, and the recovery of an instance that dies anyway, are re2Engine.ts's.
 *
 * Example:
 *   const rx = linearRegExp('^(a+)+$', 'u');
 *   rx.test('a'.repeat(40) + '!')   // -> false, at once
 *   linearRegExp('^(a)\\1$', 'u')    // throws UnsupportedPattern
 */
import { MAX_PATTERN_UNITS, patternUnits } from './patternSize';
import { PatternEngineFailed, re2Engine, Re2OutOfMemory, Re2Refused } from './re2Engine';
export { PatternEngineFailed };

export class UnsupportedPattern extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`pattern "${pattern}" cannot be checked in linear time (${reason}); backreferences, lookahead, lookbehind and repeat counts over 1000 are not supported`);
  }
}

// ECMA-262 WhiteSpace and LineTerminator, the code points of \s
const ECMA_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const SURROGATE_PAIR = /\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})/iy;
const ECMA_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

/** The ECMA pattern rewritten so that RE2 gives it the same meaning (see the file comment). */
export function toRe2Source(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern.slice(i, i + 2);
      SURROGATE_PAIR.lastIndex = i;
      const pair = SURROGATE_PAIR.exec(pattern);
      if (pair) {
        const cp = (parseInt(pair[1]!, 16) - 0xd800) * 0x400 + (parseInt(pair[2]!, 16) - 0xdc00) + 0x10000;
        out += `\\x{${cp.toString(16)}}`;
        i += 11;
      } else if (e === '\\s') {
        out += inClass ? ECMA_SPACE : `[${ECMA_SPACE}]`;
        i++;
      } else if (e === '\\S') {
        if (inClass) throw new UnsupportedPattern(pattern, '\\S inside a character class');
        out += `[^${ECMA_SPACE}]`;
        i++;
      } else {
        out += e;
        i++;
      }
    } else if (c === '[' && !inClass) {
      inClass = true;
      // ECMA's [] matches nothing and [^] anything; RE2 would read the ] as a member
      if (pattern.startsWith('[]', i) || pattern.startsWith('[^]', i)) {
        out += pattern[i + 1] === ']' ? '[^\\x{0}-\\x{10FFFF}]' : '[\\x{0}-\\x{10FFFF}]';
        i += pattern[i + 1] === ']' ? 1 : 2;
        inClass = false;
      } else out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === '.' && !inClass) {
      out += ECMA_DOT;
    } else {
      out += c;
    }
  }
  return out;
}

/** A pattern whose RE2 program would be too large (patternSize.ts): refused when the schema is compiled. */
export class PatternTooLarge extends Error {
  constructor(readonly pattern: string, detail: string) {
    super(`pattern "${pattern}" is too large for the pattern engine (${detail}); a repeat count multiplies the size of what it repeats (. counts ${patternUnits('.')}, \\p{L} ${patternUnits('\\p{L}')}): use + or * with minLength / maxLength instead of a large count`);
  }
}

/** ajv's `code.regExp`: an object with `test` matching as `new RegExp(pattern, 'u')` would, in linear time.
 * Throws V8's SyntaxError for a pattern that is not ECMA, UnsupportedPattern for one RE2 cannot run,
 * PatternTooLarge for one too large for it; `test` throws PatternEngineFailed when the check could not run. */
export function linearRegExp(pattern: string, flags: string): { test(s: string): boolean; toString(): string } {
  new RegExp(pattern, flags); // syntax check only: compiling is not running
  const source = toRe2Source(pattern);
  const units = patternUnits(pattern);
  if (units > MAX_PATTERN_UNITS) throw new PatternTooLarge(pattern, `its program is estimated at ${units.toLocaleString('en-US')} units, at most ${MAX_PATTERN_UNITS.toLocaleString('en-US')}`);
  try {
    re2Engine.compile(pattern, source, units); // refuses what RE2 cannot run, now (at schema compile time)
  } catch (e) {
    if (e instanceof Re2Refused) throw new UnsupportedPattern(pattern, e.reason);
    if (e instanceof Re2OutOfMemory) throw new PatternTooLarge(pattern, `RE2 ran out of its 16 MB heap compiling it: ${e.reason}`);
    throw e;
  }
  return { test: (s: string) => re2Engine.test(pattern, source, units, s), toString: () => `/${pattern}/${flags}` };
}
// ajv's generated code names the engine by this text (used only by ajv's standalone code output)
linearRegExp.code = 'linearRegExp';
