/**
 * Deterministic benchmark documents: realistic records (strings, numbers, booleans, nulls, nested
 * arrays and objects) pretty-printed, and the same text with a defect every ~200 bytes.
 */

import { mulberry32 as rng } from '../random';

export { rng };

/** The streaming benchmarks' chunk size: a model's delta is a few tokens. */
export const CHUNK = 16;

/**
 * 16-character chunks that never split a surrogate pair: a model stream delivers whole code points,
 * and a Node stream (jsonrepair/stream) would turn half a pair into U+FFFD.
 *
 * Each chunk is a string of its own, decoded from its JSON string literal, as a model stream delivers
 * it: the gateway, the openai SDK and the AI SDK all get a delta by JSON.parse of an SSE line.
 * `slices` gives `text.slice()` views into the one document string instead, which V8 keeps as sliced
 * strings and reads more slowly in every character loop (the bench reports that figure too).
 */
export function chunked(text: string, form: 'decoded' | 'slices' = 'decoded'): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    const piece = text.slice(i, end);
    out.push(form === 'slices' ? piece : (JSON.parse(JSON.stringify(piece)) as string));
    i = end;
  }
  return out;
}

const WORDS = 'alpha beta gamma delta engine stream token value object array repair model answer json field record latency quota region cache'.split(' ');

function record(r: () => number, id: number): unknown {
  const pick = () => WORDS[Math.floor(r() * WORDS.length)];
  const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');
  return {
    id,
    name: `${pick()}-${id}`,
    active: r() < 0.5,
    score: Math.round(r() * 100000) / 100,
    delta: -Math.round(r() * 1000),
    owner: r() < 0.3 ? null : { login: pick(), verified: r() < 0.5, since: 2000 + Math.floor(r() * 25) },
    tags: Array.from({ length: 1 + Math.floor(r() * 4) }, pick),
    description: sentence(4 + Math.floor(r() * 12)) + (r() < 0.2 ? ' "quoted" \u00e9\u00e8 \ud83d\ude00' : ''),
    metrics: Array.from({ length: 2 + Math.floor(r() * 3) }, () => [Math.floor(r() * 1000), Math.round(r() * 1e4) / 1e4]),
  };
}

/** A pretty-printed (2-space) JSON array of records, about `targetBytes` long (the first record past
 * the target ends it). The same seed gives the same text. */
export function makeDocument(targetBytes: number, seed = 42): { text: string; value: unknown } {
  const r = rng(seed);
  const records: unknown[] = [];
  let size = 2;
  for (let id = 1; size < targetBytes; id++) {
    const rec = record(r, id);
    records.push(rec);
    size += JSON.stringify(rec, null, 2).length * 1.25 + 4; // indentation inside the array
  }
  let text = JSON.stringify(records, null, 2);
  while (text.length > targetBytes && records.length > 1) {
    records.pop();
    text = JSON.stringify(records, null, 2);
  }
  return { text, value: records };
}

/**
 * The same document with a defect every ~`every` characters, each one a lossless LLM mistake (the value
 * stays the same): an unquoted key, a single-quoted string, a Python literal, a trailing comma, a line
 * comment. Works line by line on the pretty text, so each edit is exact.
 */
export function addDefects(text: string, every = 200): { text: string; defects: number } {
  const lines = text.split('\n');
  let since = 0;
  let defects = 0;
  let kind = 0;
  for (let i = 0; i < lines.length; i++) {
    since += lines[i].length + 1;
    if (since < every) continue;
    const before = lines[i];
    for (let tries = 0; tries < 5 && lines[i] === before; tries++) {
      lines[i] = defect(lines, i, kind % 5);
      kind++;
    }
    if (lines[i] !== before) {
      defects++;
      since = 0;
    }
  }
  return { text: lines.join('\n'), defects };
}

function defect(lines: string[], i: number, kind: number): string {
  const line = lines[i];
  switch (kind) {
    case 0: {
      // unquoted key
      const m = /^(\s*)"([A-Za-z_][A-Za-z0-9_]*)":/.exec(line);
      return m ? `${m[1]}${m[2]}:${line.slice(m[0].length)}` : line;
    }
    case 1: {
      // single-quoted string value without quotes or escapes inside
      const m = /^(\s*"[^"]*": )"([^"'\\]*)"(,?)$/.exec(line);
      return m ? `${m[1]}'${m[2]}'${m[3]}` : line;
    }
    case 2: {
      const py: Record<string, string> = { true: 'True', false: 'False', null: 'None' };
      const m = /^(.*: )(true|false|null)(,?)$/.exec(line);
      return m ? `${m[1]}${py[m[2]]}${m[3]}` : line;
    }
    case 3: {
      // trailing comma: the last member or element before a closing line
      const next = lines[i + 1] ?? '';
      return /^\s*[\]}]/.test(next) && !/[,[{]$/.test(line) ? line + ',' : line;
    }
    default:
      // a line comment after a member
      return /,$/.test(line) ? `${line} // checked` : line;
  }
}
