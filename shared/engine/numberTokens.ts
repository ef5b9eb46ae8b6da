/**
 * What a number token that does not end like a number is (scalars.ts): a character glued to it with no
 * space (`2024-01-05`, `1.2.3`, `12:30`, `10%`, `1/3`) makes the whole token a string; digit separators
 * (`1_000`, `1_000.5`) leave a number.
 */
import * as C from './chars';

const { APOS, BACKTICK, COMMA, LBRACE, LBRACKET, LT, QUOTE, RBRACE, RBRACKET, RPAREN, SEMICOLON } = C;

/** Number states of `numState` past the DFA's (scalars.ts number(): 0-8). */
export const NUM_SEP = 9; // digits with `_` separators, read on by separated()
export const NUM_SEP_E = 10; // the same, right after `e`/`E` (a sign may follow)
export const NUM_SLASH = 11; // a `/` after the number ended a segment: `1/3` or `1//comment`?
export const NUM_THOU = 12; // an object's value, a comma and a group of digits after it: `1,299` (thousands.ts)
export const NUM_THOU_FRAC = 13; // the same after the last group's `.`: `1,299.9`
export const NUM_THOU_DEC = 14; // space groups, a `,` and the digits after it: `1 000,50` (a decimal comma?)

/** A printable character that cannot end a number token: glued to it, it makes the token text. Not a
 * delimiter (`,` `}` `]` `)`), a quote or bracket that starts the next value, a `<` (a tag), a backtick
 * (a fence) or a `;` (a separator). A `/` glues unless a comment starts with it (the caller decides). */
export function isNumberGlue(c: number): boolean {
  if (c <= 32 || c >= 127) return false;
  return !(
    c === COMMA || c === RBRACE || c === RBRACKET || c === RPAREN || c === LBRACE || c === LBRACKET ||
    c === QUOTE || c === APOS || c === BACKTICK || c === LT || c === SEMICOLON
  );
}

/** `1_000`, `-1_000.25e1_0` as digits, each `_` between two digits; a dangling `.` or exponent may
 * follow (fixNumber cuts it off), and at the end of the input a dangling `_` (a cut number). */
const SEPARATED = /^[+-]?\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?(?:[eE][+-]?(?:\d+(?:_\d+)*)?)?$/;

/** The separators removed (then made valid as fixNumber does), or null when `raw` is no such number. */
export function separatedDigits(raw: string, atEnd: boolean): string | null {
  const t = atEnd ? raw.replace(/_+$/, '') : raw;
  return SEPARATED.test(t) ? t.replace(/_/g, '') : null;
}

/** A superscript digit's value, or -1. */
export function supDigit(c: number): number {
  if (c === 0x2070) return 0;
  if (c === 0xb9) return 1;
  if (c === 0xb2) return 2;
  if (c === 0xb3) return 3;
  if (c >= 0x2074 && c <= 0x2079) return c - 0x2070;
  return -1;
}

/** The notation glued to a number with no space (an unquoted string: scalars.ts endUnquoted; sciNotation.ts). */
const SCI_GLUED = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?)[ \t]*[×xX*·⋅][ \t]*10(?:(?:\^|\*\*)(?:([+\-−]?\d{1,4})|\{([+\-−]?\d{1,4})\})|([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}))$/;

/** `5.97*10^24` (the text of an unquoted value): the number's length and the exponent's JSON text
 * (`e24`), or null. */
export function sciValue(word: string): [number, string] | null {
  const m = SCI_GLUED.exec(word);
  if (m === null) return null;
  let exp = m[2] ?? m[3];
  if (exp === undefined) {
    exp = '';
    for (const ch of m[4]) {
      const c = ch.charCodeAt(0);
      exp += c === 0x207b ? '-' : c === 0x207a ? '' : String(supDigit(c));
    }
  }
  return [m[1].length, 'e' + exp.replace('−', '-').replace('+', '')];
}
