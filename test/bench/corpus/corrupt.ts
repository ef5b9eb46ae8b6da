/**
 * Corruption operators: turn valid JSON text into the kind of broken JSON LLMs write. They work on a
 * token list of valid JSON, so each defect lands exactly where intended and the value it means is
 * known. Used by the corpus (each operator at each site) and by the engine property tests.
 */

/** `ident` only appears after the unquoted-key operator ran, `triple` after the triple-quotes or the
 * mixed-key-quotes one (a string no other operator may rewrite: `'"""x"""'` would mean another value). */
export type TokenType = 'punct' | 'string' | 'number' | 'keyword' | 'ws' | 'ident' | 'triple';

export interface Token {
  type: TokenType;
  text: string;
  /** For strings: true when the string is an object key. */
  key?: boolean;
}

/** Splits valid JSON text into tokens. Throws on text that is not valid JSON. */
export function tokenize(json: string): Token[] {
  JSON.parse(json);
  const out: Token[] = [];
  // Whether the next string is a key: tracked per open container.
  const stack: ('{' | '[')[] = [];
  let expectKey = false;
  let i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      let j = i;
      while (j < json.length && ' \n\r\t'.includes(json[j])) j++;
      out.push({ type: 'ws', text: json.slice(i, j) });
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out.push({ type: 'string', text: json.slice(i, j + 1), key: expectKey });
      expectKey = false;
      i = j + 1;
    } else if ('{}[]:,'.includes(c)) {
      out.push({ type: 'punct', text: c });
      if (c === '{' || c === '[') stack.push(c);
      if (c === '}' || c === ']') stack.pop();
      expectKey = (c === '{' || c === ',') && stack[stack.length - 1] === '{';
      i++;
    } else if (c === 't' || c === 'f' || c === 'n') {
      const w = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      out.push({ type: 'keyword', text: w });
      i += w.length;
    } else {
      let j = i;
      while (j < json.length && '+-0123456789.eE'.includes(json[j])) j++;
      out.push({ type: 'number', text: json.slice(i, j) });
      i = j;
    }
  }
  return out;
}

export const join = (tokens: Token[]): string => tokens.map((t) => t.text).join('');

/** One corruption: `sites` counts the places it can apply; `apply(tokens, site)` returns new tokens.
 * `lossless` operators keep the value the text means. */
export interface Operator {
  name: string;
  lossless: boolean;
  sites(tokens: Token[]): number[];
  apply(tokens: Token[], site: number): Token[];
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function indexesWhere(tokens: Token[], pred: (t: Token, i: number) => boolean): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (pred(t, i)) out.push(i);
  });
  return out;
}

function replaced(tokens: Token[], i: number, ...insert: Token[]): Token[] {
  return [...tokens.slice(0, i), ...insert, ...tokens.slice(i + 1)];
}

/** The previous non-whitespace token index before i. */
function prevSolid(tokens: Token[], i: number): number {
  let j = i - 1;
  while (j >= 0 && tokens[j].type === 'ws') j--;
  return j;
}

/** Decoded string content, or null when it holds characters an operator cannot re-quote safely. */
function plainContent(t: Token, forbidden: RegExp): string | null {
  const inner = t.text.slice(1, -1);
  if (inner.includes('\\') || forbidden.test(inner)) return null;
  return inner;
}

export const OPERATORS: Operator[] = [
  {
    name: 'trailing comma',
    lossless: true,
    // Before a closer of a non-empty container.
    sites: (ts) =>
      indexesWhere(ts, (t, i) => (t.text === '}' || t.text === ']') && t.type === 'punct' && !'{['.includes(ts[prevSolid(ts, i)].text)),
    apply: (ts, i) => {
      const p = prevSolid(ts, i);
      return [...ts.slice(0, p + 1), { type: 'punct', text: ',' }, ...ts.slice(p + 1)];
    },
  },
  {
    name: 'missing comma',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'punct' && t.text === ','),
    // A space keeps `1, 2` from becoming `12`.
    apply: (ts, i) => replaced(ts, i, { type: 'ws', text: ts[i + 1]?.type === 'ws' ? '' : ' ' }),
  },
  {
    name: 'unquoted key',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'string' && t.key === true && IDENT.test(t.text.slice(1, -1))),
    apply: (ts, i) => replaced(ts, i, { type: 'ident', text: ts[i].text.slice(1, -1) }),
  },
  {
    name: 'single quotes',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'string' && plainContent(t, /'/) !== null),
    apply: (ts, i) => replaced(ts, i, { ...ts[i], text: `'${ts[i].text.slice(1, -1)}'` }),
  },
  {
    name: 'smart quotes',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'string' && plainContent(t, /[\u201c\u201d'"]/) !== null),
    apply: (ts, i) => replaced(ts, i, { ...ts[i], text: `\u201c${ts[i].text.slice(1, -1)}\u201d` }),
  },
  {
    name: 'python literal',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'keyword' && /^[tfn]/.test(t.text)),
    apply: (ts, i) => {
      const py: Record<string, string> = { true: 'True', false: 'False', null: 'None' };
      return replaced(ts, i, { type: 'keyword', text: py[ts[i].text] });
    },
  },
  {
    name: 'line comment',
    lossless: true,
    // After any punctuation: the comment runs to the newline we add.
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'punct'),
    apply: (ts, i) => [...ts.slice(0, i + 1), { type: 'ws', text: ' // note: see {docs} ["x"]\n' }, ...ts.slice(i + 1)],
  },
  {
    name: 'block comment',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'punct'),
    apply: (ts, i) => [...ts.slice(0, i + 1), { type: 'ws', text: '/* "quoted", {braced} */' }, ...ts.slice(i + 1)],
  },
  {
    name: 'raw newline',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'string' && rawControls(t.text) !== t.text),
    apply: (ts, i) => replaced(ts, i, { ...ts[i], text: rawControls(ts[i].text) }),
  },
  {
    name: 'wrong colon',
    lossless: true,
    // `=`, `=>` and `::` for the colon, by site
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'punct' && t.text === ':'),
    apply: (ts, i) => replaced(ts, i, { type: 'punct', text: [' = ', ' => ', '::'][i % 3] }),
  },
  {
    name: 'template literal',
    lossless: true,
    // a value string inside a container, not empty (two backticks are a fence's start, not a string)
    sites: (ts) =>
      insideContainer(ts) ? indexesWhere(ts, (t) => t.type === 'string' && t.key !== true && t.text.length > 2 && plainContent(t, /`/) !== null) : [],
    apply: (ts, i) => replaced(ts, i, { ...ts[i], text: `\`${ts[i].text.slice(1, -1)}\`` }),
  },
  {
    name: 'python tuple',
    lossless: true,
    // an array inside a container written as a tuple
    sites: (ts) => indexesWhere(ts, (t, i) => t.type === 'punct' && t.text === '[' && depthAt(ts, i) > 0),
    apply: (ts, i) => {
      const out = replaced(ts, i, { type: 'punct', text: '(' });
      out[closerAt(out, i)] = { type: 'punct', text: ')' };
      return out;
    },
  },
  {
    name: 'semicolon separator',
    lossless: true,
    // a `;` for the comma between members or elements, as C-like habits write it
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'punct' && t.text === ','),
    apply: (ts, i) => replaced(ts, i, { type: 'punct', text: ';' }),
  },
  {
    name: 'triple quotes',
    lossless: true,
    // a value string inside a container written as a Python triple-quoted one (`"""` or `'''` by site)
    sites: (ts) =>
      insideContainer(ts) ? indexesWhere(ts, (t) => t.type === 'string' && t.key !== true && plainContent(t, /["']/) !== null) : [],
    apply: (ts, i) => {
      const q = i % 2 === 0 ? '"""' : "'''";
      return replaced(ts, i, { type: 'triple', text: `${q}${ts[i].text.slice(1, -1)}${q}` });
    },
  },
  {
    name: 'mixed key quotes',
    lossless: true,
    // a key opened with `'` and closed with `"` right before its colon (`{'a": 1}`); the colon goes into
    // the token, so no operator puts a comment or another colon spelling between them (the rule reads a
    // colon after the `"` and spaces only)
    sites: (ts) =>
      indexesWhere(ts, (t, i) => t.type === 'string' && t.key === true && ts[i + 1]?.type === 'punct' && ts[i + 1].text === ':' && plainContent(t, /['"]/) !== null),
    apply: (ts, i) => [...ts.slice(0, i), { type: 'triple', key: true, text: `'${ts[i].text.slice(1, -1)}":` }, ...ts.slice(i + 2)],
  },
  {
    name: 'digit separators',
    lossless: true,
    sites: (ts) => indexesWhere(ts, (t) => t.type === 'number' && /^-?\d{4,}/.test(t.text)),
    apply: (ts, i) => replaced(ts, i, { type: 'number', text: ts[i].text.replace(/\d{4,}/, (d) => d.replace(/\B(?=(\d{3})+$)/g, '_')) }),
  },
];

/** Whether the text's value is a container (so every string in it is inside one). */
function insideContainer(ts: Token[]): boolean {
  const first = ts.find((t) => t.type !== 'ws');
  return first !== undefined && (first.text === '{' || first.text === '[');
}

/** How many containers are open before token i. */
function depthAt(ts: Token[], i: number): number {
  let d = 0;
  for (let k = 0; k < i; k++) {
    if (ts[k].type !== 'punct') continue;
    const c = ts[k].text;
    if (c === '{' || c === '[' || c === '(') d++;
    else if (c === '}' || c === ']' || c === ')') d--;
  }
  return d;
}

/** The index of the bracket that closes the one opened at i. */
function closerAt(ts: Token[], i: number): number {
  let d = 0;
  for (let k = i; k < ts.length; k++) {
    if (ts[k].type !== 'punct') continue;
    const c = ts[k].text;
    if (c === '{' || c === '[' || c === '(') d++;
    else if ((c === '}' || c === ']' || c === ')') && --d === 0) return k;
  }
  return ts.length - 1;
}

/** The string token with its `\n` and `\t` escapes written as the raw characters. */
function rawControls(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      const e = text[i + 1];
      out += e === 'n' ? '\n' : e === 't' ? '\t' : '\\' + e;
      i++;
    } else out += text[i];
  }
  return out;
}

/** Applies `op` at every site at once (sites are re-found after each application). */
export function applyEverywhere(json: string, op: Operator): string {
  let ts = tokenize(json);
  const n = op.sites(ts).length;
  // Apply from the last site backwards so earlier indexes stay valid.
  for (let k = n - 1; k >= 0; k--) ts = op.apply(ts, op.sites(ts)[k]);
  return join(ts);
}
