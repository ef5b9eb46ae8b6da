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
 * re2-wasm never frees a compiled expression by itself and its WebAssembly heap is fixed at 16 MB, so the
 * compiled expressions live in a bounded cache: one evicted is freed and compiled again if used again.
 *
 * Example:
 *   const rx = linearRegExp('^(a+)+$', 'u');
 *   rx.test('a'.repeat(40) + '!')   // -> false, at once
 *   linearRegExp('^(a)\\1$', 'u')    // throws UnsupportedPattern
 */
import { RE2 } from 're2-wasm';

/** Compiled RE2 expressions kept (each holds WebAssembly memory outside the JS heap). */
export const PATTERN_CACHE_SIZE = 512;

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

/**
 * re2-wasm aborts when its fixed 16 MB heap is full (one huge pattern such as `\p{L}{1000}` does it), and
 * an aborted WebAssembly module stays dead for the life of the process. Then every pattern check throws
 * this: the schema check reports it as an error, never as a verdict, and the daemon goes on.
 */
export class PatternEngineFailed extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`the pattern engine (RE2) failed, pattern "${pattern}" cannot be checked: ${reason}`);
  }
}

let engineFailure: string | null = null;

function failed(pattern: string, e: unknown): PatternEngineFailed {
  engineFailure ??= String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 200);
  return new PatternEngineFailed(pattern, engineFailure);
}

const compiled = new Map<string, RE2>();

function re2Of(pattern: string, source: string): RE2 {
  const hit = compiled.get(pattern);
  if (hit !== undefined) {
    // re-inserted: Map order is the recency order
    compiled.delete(pattern);
    compiled.set(pattern, hit);
    return hit;
  }
  if (engineFailure !== null) throw new PatternEngineFailed(pattern, engineFailure);
  let rx: RE2;
  try {
    rx = new RE2(source, 'u');
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw failed(pattern, e);
    // re2-wasm's message is "Invalid regular expression: /<source>/u: <RE2's reason>"
    const m = e.message;
    throw new UnsupportedPattern(pattern, m.slice(m.lastIndexOf('/u: ') + 4));
  }
  compiled.set(pattern, rx);
  if (compiled.size > PATTERN_CACHE_SIZE) {
    const [oldest, old] = compiled.entries().next().value!;
    compiled.delete(oldest);
    // the WebAssembly object behind it, which re2-wasm never frees (its wrapper is not in the typings)
    (old as unknown as { wrapper: { delete(): void } }).wrapper.delete();
  }
  return rx;
}

/** ajv's `code.regExp`: an object with `test` matching as `new RegExp(pattern, 'u')` would, in linear time.
 * Throws V8's SyntaxError for a pattern that is not ECMA, UnsupportedPattern for one RE2 cannot run. */
export function linearRegExp(pattern: string, flags: string): { test(s: string): boolean; toString(): string } {
  new RegExp(pattern, flags); // syntax check only: compiling is not running
  const source = toRe2Source(pattern);
  re2Of(pattern, source); // refuses what RE2 cannot run, now (at schema compile time)
  const test = (s: string): boolean => {
    const rx = re2Of(pattern, source);
    try {
      return rx.test(s);
    } catch (e) {
      throw failed(pattern, e);
    }
  };
  return { test, toString: () => `/${pattern}/${flags}` };
}
// ajv's generated code names the engine by this text (used only by ajv's standalone code output)
linearRegExp.code = 'linearRegExp';
