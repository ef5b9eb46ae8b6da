/** Character codes the scanners look at, named in one place, and how the scanners read them. */

/*
 * How the scanners read a character: `String.prototype.charCodeAt.call(s, i)`, never `s.charCodeAt(i)`.
 * The short form looks `charCodeAt` up on the string, and the inline cache of that lookup keys on the
 * string's representation (flat, concatenated, sliced or internalized; one or two bytes a character).
 * A long-running process hands the engine every kind (literals, chunks cut from a network read,
 * concatenations, slices of its own); after five the cache goes megamorphic, and V8 compiles the
 * scanners with a generic lookup per character: the bench's throughput after its corpus run was half
 * the fresh figure. On the prototype the lookup is a constant, and the call reads every representation
 * inline. (A helper function around it measured slower after the corpus run than the expression
 * written out.)
 */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34; // "
export const HASH = 35; // #
export const DOLLAR = 36;
export const APOS = 39; // '
export const AMP = 0x26; // &
export const LPAREN = 40;
export const RPAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
/** U+2212 MINUS SIGN, which typeset text and some models write for `-` (`{"temp": −5}`): a number's sign. */
export const UMINUS = 0x2212;
export const DOT = 46;
export const ELLIPSIS = 0x2026; // `…`, an elision as one character
export const SLASH = 47;
export const D0 = 48;
export const D9 = 57;
export const COLON = 58;
export const SEMICOLON = 59;
export const FW_COLON = 0xff1a; // ： (full-width, as CJK input methods type it)
export const FW_COMMA = 0xff0c; // ，
/** Two more commas a keyboard types where JSON's goes (trial 16): the ideographic comma `、` (U+3001) of
 * Japanese and Chinese input methods and the Arabic comma `،` (U+060C) of Arabic and Persian keyboards.
 * After a value in a container they are the comma, as `，` is (repair `fullwidth_punctuation`); no
 * character of a bare word, so a string's closing quote or a number ends at one. */
export const IDEO_COMMA = 0x3001;
export const ARABIC_COMMA = 0x060c;
export const FW_LBRACE = 0xff5b; // ｛ (full-width brackets, from the same input methods)
export const FW_RBRACE = 0xff5d; // ｝
export const FW_LBRACKET = 0xff3b; // ［
export const FW_RBRACKET = 0xff3d; // ］
export const LT = 60;
export const EQUALS = 61;
export const GT = 62;
export const UPPER_E = 69;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const UNDERSCORE = 95;
export const BACKTICK = 96;
export const LOWER_E = 101;
export const LBRACE = 123;
export const RBRACE = 125;
export const LSQUO = 0x2018; // ‘
export const RSQUO = 0x2019; // ’
export const LDQUO = 0x201c; // “
export const RDQUO = 0x201d; // ”
/** Guillemets, the quotation marks of Russian, French and other languages (and of their word processors'
 * autocorrect), which models writing in those languages use as JSON's quotes: `{«город»: «Москва»}`. */
export const LAQUO = 0xab; // «
/** German (and Czech, …) quotation marks open low and close with `“`: `{„stadt“: „Berlin“}`. */
export const BDQUO = 0x201e; // „
export const RAQUO = 0xbb; // »

export function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

/** A space JSON does not allow between tokens that models and editors put there: no-break (U+00A0,
 * U+202F), the Unicode spaces U+1680, U+2000-U+200A, U+205F, U+3000, the zero-width ones (U+200B, U+2060,
 * U+FEFF, the byte order mark) and the line and paragraph separators U+2028, U+2029 (not the zero-width
 * joiners U+200C, U+200D: they join the letters and emoji of a word). Removed between tokens (repair
 * `unicode_space`); no character of a bare word (isWordChar), so a word or a string's closing quote ends
 * at one; inside strings they are text and stay. */
export function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
}

/** What is removed where a token (a key, a colon, a value, what follows one) is expected: a Unicode
 * space (isUnicodeSpace), or a zero-width non-joiner or joiner (U+200C, U+200D), which joins nothing
 * there (copied from a chat page: `{"a": 1,\u200d "b": 2}` made the joiner a key). Inside a word or a
 * string they stay. */
export function isTokenGap(c: number): boolean {
  return isUnicodeSpace(c) || isJoinerOrMark(c);
}

/** The zero-width joiners (U+200C, U+200D), which join the letters and emoji of a word, and the bidi marks
 * a right-to-left UI puts around text (U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC
 * LETTER MARK): inside a word or a string they stay; where a token is expected, or right after a string's
 * closing quote or a number, they join nothing and are removed (`unicode_space`; trial 16:
 * `{"a":\u200e 1}` gave the string `"\u200e 1"`). Only ever tested for a character above U+00A0. */
export function isJoinerOrMark(c: number): boolean {
  return (c >= 0x200c && c <= 0x200f) || c === 0x061c;
}

/** How many of `s`'s first characters are JSON whitespace. Not String.prototype.trim's set: that also
 * takes U+00A0, U+FEFF, U+2028 and other Unicode spaces, which are no JSON whitespace (kept in the JSON
 * output they make it invalid; trimmed from a stripped span they are lost). */
export function leadingSpaces(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** `s` without its last JSON-whitespace characters (see leadingSpaces). */
export function trimSpacesEnd(s: string): string {
  let j = s.length;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  return j === s.length ? s : s.slice(0, j);
}

export function isDigit(c: number): boolean {
  return c >= D0 && c <= D9;
}

/** Characters of a bare word: an unquoted key, a keyword, a Python literal. */
/** `｛` `｝` `［` `］`: JSON's brackets typed full-width (a repair of kind `fullwidth_punctuation`), no word's. */
export function isFullwidthBracket(c: number): boolean {
  return c === FW_LBRACE || c === FW_RBRACE || c === FW_LBRACKET || c === FW_RBRACKET;
}

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= D0 && c <= D9) || c === UNDERSCORE || c === DOLLAR || c === MINUS || (c > 127 && isWideWordChar(c));
}

export function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE || c === DOLLAR || (c > 127 && isWideWordChar(c));
}

/** A character above U+007F of a bare word: any but the quotes, the full-width, ideographic and Arabic
 * punctuation JSON's own stands for, and the Unicode spaces. (Apart from isWordChar so that the ASCII test
 * stays small where it is inlined; trial 16 added the two commas here.) */
function isWideWordChar(c: number): boolean {
  return c !== LDQUO && c !== RDQUO && c !== LSQUO && c !== RSQUO && c !== FW_COLON && c !== FW_COMMA && c !== IDEO_COMMA && c !== ARABIC_COMMA && !isFullwidthBracket(c) && !isUnicodeSpace(c);
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

const LETTER = /\p{L}/u;

/** A letter of any script after a `'` or `’` inside a quoted word makes the quote an apostrophe
 * (`'it's'`, `'L'été'`, `'Л'Ура'`; trial 17: a letter above U+007F closed the string, `{"title": "L","été":
 * …}`). Looked at only after such a quote, so the rare test costs nothing elsewhere. */
export function isApostropheNext(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 127 && LETTER.test(String.fromCharCode(c)));
}

export function isHex(c: number): boolean {
  return (c >= D0 && c <= D9) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** The JSON escape for a control character found raw inside a string. */
export function escapeControl(c: number): string {
  switch (c) {
    case LF:
      return '\\n';
    case CR:
      return '\\r';
    case TAB:
      return '\\t';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    default:
      return '\\u' + c.toString(16).padStart(4, '0');
  }
}

/** Quote a bare word as a JSON string. */
export function quoteWord(word: string): string {
  return JSON.stringify(word);
}
