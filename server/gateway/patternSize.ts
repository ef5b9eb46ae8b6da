/**
 * How large a schema pattern's RE2 program will be, estimated before RE2 compiles it (issue 10 §4).
 * re2-wasm's heap is a fixed 16 MB and compiling is synchronous: `\p{L}{100}` takes ~1 s of blocked event
 * loop and then exhausts the heap. RE2 expands a repeat count into that many copies of what it repeats, and
 * a character class into UTF-8 byte ranges, so the program's size is about the pattern's expanded size
 * with each class weighted by its ranges. The estimate is in units of one literal character; the weights
 * are measured compile costs (CPU time of `new RE2(…)` against `a{1000}` in the same process), rounded up.
 *
 * Example:
 *   patternUnits('^[a-z]{2,8}$')  // -> 11: ^ and $ 1 each, the class 1 a copy, 8 copies, the repeat 1
 *   patternUnits('\\p{L}{10}')     // -> 20,621: \p{L} has 684 ranges
 */

/** At the bound a compile took 65-95 ms of CPU under load 12 on 2 cores (11-13x `a{1000}`), ~1 MB of heap. */
export const MAX_PATTERN_UNITS = 10_000;

/** `.` (ECMA: any code point but \n \r \u2028 \u2029, several UTF-8 byte ranges). */
const DOT = 28;
/** A complemented class: its complement spans most of Unicode in UTF-8. */
const COMPLEMENT = 11;
/** A range with a code point past ASCII: split into several UTF-8 byte ranges. */
const WIDE_RANGE = 8;
/** Escapes that are classes: ECMA \s is ~10 ranges; \D, \W complements; \S (ECMA white space complemented) as `.`. */
const CLASS_ESCAPES: Record<string, number> = { d: 1, w: 4, s: 4, D: COMPLEMENT, W: COMPLEMENT, S: DOT };

/** Ranges of each general category RE2 and ECMA both accept in `\p{…}` (V8's Unicode data, Node 20);
 * a name not here (one RE2 does not know) weighs as the largest. */
const PROPERTY_RANGES: Record<string, number> = {
  L: 684, Lu: 655, Ll: 664, Lt: 10, Lm: 79, Lo: 537, M: 327, Mn: 365, Mc: 193, Me: 5, N: 146, Nd: 72, Nl: 13, No: 72,
  P: 199, Pc: 6, Pd: 20, Ps: 79, Pe: 76, Pi: 11, Pf: 10, Po: 194, S: 242, Sm: 67, Sc: 21, Sk: 31, So: 193,
  Z: 8, Zs: 7, Zl: 1, Zp: 1, C: 741, Cc: 2, Cf: 21, Cs: 1, Co: 3, Any: 1,
};
const MAX_RANGES = Math.max(...Object.values(PROPERTY_RANGES));

/** A `\p{…}` class: 3 units a range (measured 1–2.5), plus its own. */
export function propertyUnits(name: string): number {
  return 3 * (PROPERTY_RANGES[name] ?? MAX_RANGES) + 10;
}

/** The estimated size of `pattern` (ECMA-262 syntax, already checked by V8), in literal units. */
export function patternUnits(pattern: string): number {
  let i = 0;

  const alternation = (): number => {
    let total = sequence();
    while (pattern[i] === '|') {
      i++;
      total += 1 + sequence();
    }
    return total;
  };
  const sequence = (): number => {
    let total = 0;
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') total += quantified(atom());
    return total;
  };
  const atom = (): number => {
    const c = pattern[i]!;
    if (c === '(') {
      i++;
      // (?:, (?=, (?!, (?<=, (?<!, (?<name>: the prefix is no program of its own
      const prefix = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(pattern.slice(i, i + 200));
      if (prefix) i += prefix[0].length;
      const inner = alternation();
      if (pattern[i] === ')') i++;
      return inner + 1;
    }
    if (c === '[') return charClass();
    if (c === '\\') return escape();
    i += c.length === 1 && pattern.codePointAt(i)! > 0xffff ? 2 : 1;
    return c === '.' ? DOT : 1;
  };
  const quantified = (units: number): number => {
    for (;;) {
      const c = pattern[i];
      if (c === '*' || c === '+' || c === '?') {
        i++;
        units += 1;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 40));
        if (m === null) return units;
        i += m[0].length;
        // x{n} is n copies; x{n,m} n copies and m - n optional ones; x{n,} n copies and a loop
        const copies = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number(m[1]) + 1 : Number(m[3]);
        units = units * Math.max(copies, 1) + 1;
      } else return units;
      if (pattern[i] === '?') i++; // lazy: the same program
    }
  };
  const escape = (): number => {
    const e = pattern[i + 1] ?? '';
    if ((e === 'p' || e === 'P') && pattern[i + 2] === '{') {
      const end = pattern.indexOf('}', i);
      const name = pattern.slice(i + 3, end);
      i = end + 1;
      return propertyUnits(name);
    }
    if (e === 'u' && pattern[i + 2] === '{') {
      i = pattern.indexOf('}', i) + 1;
      return 1;
    }
    i += e === 'u' ? 6 : e === 'x' ? 4 : e === 'c' ? 3 : 2;
    return CLASS_ESCAPES[e] ?? 1;
  };
  /** One member of a class: its units and its code point (-1 for a class escape such as \d). */
  const classMember = (): { units: number; cp: number } => {
    if (pattern[i] === '\\') {
      const hex = /^\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/.exec(pattern.slice(i, i + 14));
      if (hex) {
        i += hex[0].length;
        return { units: 1, cp: parseInt(hex[1] ?? hex[2] ?? hex[3]!, 16) };
      }
      const e = pattern.codePointAt(i + 1) ?? 0;
      const units = escape();
      return { units, cp: units > 1 ? -1 : e };
    }
    const cp = pattern.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return { units: 1, cp };
  };
  const charClass = (): number => {
    i++;
    let units = 0;
    if (pattern[i] === '^') {
      i++;
      units += COMPLEMENT;
    }
    while (i < pattern.length && pattern[i] !== ']') {
      const a = classMember();
      if (pattern[i] === '-' && pattern[i + 1] !== ']' && i + 1 < pattern.length) {
        i++;
        const b = classMember();
        units += a.cp > 0x7f || b.cp > 0x7f ? WIDE_RANGE : 1;
      } else units += a.units;
    }
    i++;
    return Math.max(units, 1);
  };

  let total = 0;
  // a stray ) cannot be in a pattern V8 accepted; the loop still ends on one
  while (i < pattern.length) {
    total += alternation();
    if (pattern[i] === ')') i++;
  }
  return total;
}
