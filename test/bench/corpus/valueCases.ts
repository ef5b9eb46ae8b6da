/**
 * Corpus cases about values themselves: truncation at every offset, unicode, escapes, deep nesting,
 * numbers, empty containers, strings that look like markup, and valid JSON that must not change.
 */
import { truncationCandidates } from './truncationOracle';
import { type Case, value } from './types';

/** Documents cut at every offset. Each has a container at top and no trailing whitespace. */
export const TRUNCATION_DOCS: { name: string; json: string; before?: string }[] = [
  { name: 'profile', json: '{"name": "Ada", "tags": ["math", "engines"], "active": true, "born": 1815, "ratio": -1.5e3, "none": null}' },
  {
    name: 'pretty with escapes',
    json: '{\n  "text": "line\\nbreak \\"quoted\\" \\u00e9",\n  "items": [\n    {"id": 1, "ok": false},\n    {"id": 22, "v": [0.5, []]}\n  ],\n  "empty": {}\n}',
  },
  { name: 'array with emoji', json: '[{"emoji": "😀 ok", "n": 10}, "tail", 3.25, null, "\\ud83d\\ude00"]' },
  { name: 'tool arguments in a fence', before: 'Calling the tool:\n```json\n', json: '{"name": "get_weather", "arguments": {"city": "Paris", "days": 3}}' },
];

function truncationCases(): Case[] {
  const out: Case[] = [];
  for (const doc of TRUNCATION_DOCS) {
    // From just after the opening bracket to one character before the end.
    for (let cut = 1; cut < doc.json.length; cut++) {
      const values = truncationCandidates(doc.json, cut);
      out.push({
        category: 'truncation',
        name: `${doc.name} cut at ${cut}`,
        input: (doc.before ?? '') + doc.json.slice(0, cut),
        expected: { kind: 'oneOf', values },
      });
    }
  }
  return out;
}

function nest(depth: number, inner: string): string {
  let s = inner;
  for (let i = 0; i < depth; i++) s = i % 2 === 0 ? `[${s}]` : `{"k": ${s}}`;
  return s;
}

const HANDWRITTEN: [Case['category'], string, string, unknown][] = [
  ['unicode', 'emoji values', '{"mood": "😀🎉", "flag": "🇫🇷"}', { mood: '😀🎉', flag: '🇫🇷' }],
  ['unicode', 'emoji key unquoted value single-quoted', "{'😀': 'smile 😀'}", { '😀': 'smile 😀' }],
  ['unicode', 'CJK and accents with trailing comma', '{"名前": "エイダ", "café": "naïve",}', { 名前: 'エイダ', café: 'naïve' }],
  ['unicode', 'unquoted CJK values with full-width commas and colons', '{"城市"：北京，"天气"：晴，"温度"：25}', { 城市: '北京', 天气: '晴', 温度: 25 }],
  ['unicode', 'unquoted CJK value then a key after a full-width comma', '{"name": 张伟，"age": 28}', { name: '张伟', age: 28 }],
  ['unicode', 'full-width comma inside an unquoted CJK value', '{"note": 你好，世界, "n": 1}', { note: '你好，世界', n: 1 }],
  ['unicode', 'escaped surrogate pair', '{"e": "\\ud83d\\ude00"}', { e: '😀' }],
  ['unicode', 'surrogate pair then missing comma', '{"a": "𝄞" "b": "ok"}', { a: '𝄞', b: 'ok' }],
  ['unicode', 'emoji in smart quotes', '{"x": \u201c😀\u201d}', { x: '😀' }],
  ['unicode', 'emoji in a think block before', '<think>🤔 {"maybe": 1}</think>{"ok": "✅"}', { ok: '✅' }],
  ['unicode', 'zero-width and RTL text', '{"z": "a\u200bb", "rtl": "שלום"}', { z: 'a\u200bb', rtl: 'שלום' }],
  ['escapes', 'all valid escapes', '{"s": "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041"}', { s: '" \\ / \b \f \n \r \t A' }],
  ['escapes', 'invalid escape kept as text', '{"path": "C:\\x\\y"}', { path: 'C:\\x\\y' }],
  ['escapes', 'windows path with valid-looking escapes', '{"p": "C:\\\\new\\\\table"}', { p: 'C:\\new\\table' }],
  ['escapes', 'escaped quote then trailing comma', '{"q": "say \\"hi\\"",}', { q: 'say "hi"' }],
  ['escapes', 'backslash at the end of a string', '{"b": "end\\\\"}', { b: 'end\\' }],
  ['escapes', 'raw control character U+0001', '{"c": "a\u0001b"}', { c: 'a\u0001b' }],
  ['escapes', 'regex in single quotes', "{'re': '^\\\\d+$'}", { re: '^\\d+$' }],
  ['numbers', 'exponents and negatives', '[1e10, -2.5E-3, 0, -0, 1E+2, 123456789012]', [1e10, -2.5e-3, 0, -0, 100, 123456789012]],
  ['numbers', 'numbers with trailing commas', '{"a": -1, "b": 2.0, "c": 3e0,}', { a: -1, b: 2, c: 3 }],
  ['numbers', 'leading plus', '{"a": +1}', { a: 1 }],
  ['numbers', 'leading dot', '{"a": .5}', { a: 0.5 }],
  ['numbers', 'trailing dot', '{"a": 1.}', { a: 1 }],
  ['numbers', 'leading zero', '{"a": 007}', { a: 7 }],
  ['numbers', 'numbers without commas', '[1 2 3]', [1, 2, 3]],
  ['numbers', 'python None among numbers', '[1.5, None, -3]', [1.5, null, -3]],
  ['empty containers', 'empty object', '{}', {}],
  ['empty containers', 'empty array', '[]', []],
  ['empty containers', 'nested empties', '{"a": [], "b": {}, "c": [{}, []]}', { a: [], b: {}, c: [{}, []] }],
  ['empty containers', 'empties with trailing comma', '{"a": [], "b": {},}', { a: [], b: {} }],
  ['empty containers', 'empty array unclosed', '{"a": [', { a: [] }],
  ['empty containers', 'empties with spaces and newlines', '{\n  "a": [ ],\n  "b": { }\n}', { a: [], b: {} }],
  ['empty containers', 'empty object in a fence', '```json\n{}\n```', {}],
  ['tricky strings', 'think tags inside a string', '{"a": "<think>not reasoning</think>"}', { a: '<think>not reasoning</think>' }],
  ['tricky strings', 'fence inside a string', '{"md": "```json\\n{}\\n```"}', { md: '```json\n{}\n```' }],
  ['tricky strings', 'braces and brackets in a string', '{"b": "{[}]) ,:"}', { b: '{[}]) ,:' }],
  ['tricky strings', 'tool_call tag in a string', '{"x": "</tool_call>"}', { x: '</tool_call>' }],
  ['tricky strings', 'comment markers in a string', '{"u": "http://example.com/*x*/"}', { u: 'http://example.com/*x*/' }],
  ['tricky strings', 'think tag in a string after prose', 'Answer:\n{"a": "<think>", "b": "</think>"}', { a: '<think>', b: '</think>' }],
  ['tricky strings', 'fence inside a fenced string', '```json\n{"md": "```"}\n```', { md: '```' }],
  ['tricky strings', 'single quote in a double-quoted string', '{"s": "it\'s"}', { s: "it's" }],
  ['tricky strings', 'True and None in strings', '{"s": "True None // not a comment"}', { s: 'True None // not a comment' }],
  ['single quotes', 'a single-quoted value closed with a double quote', '{"city": \'Paris", "country": "France"}', { city: 'Paris', country: 'France' }],
  ['single quotes', 'a pretty-printed array element opened with a single quote', '{\n  "tags": [\n    \'red",\n    "blue"\n  ]\n}', { tags: ['red', 'blue'] }],
  ['wrappers', 'Mistral raw tool-call marker before the call list', '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Lyon", "unit": "celsius"}}]', [{ name: 'get_weather', arguments: { city: 'Lyon', unit: 'celsius' } }]],
  ['wrappers', 'Mistral tool-call marker after a think block, with a space', '<think>The user wants the time.</think>\n[TOOL_CALLS] [{"name": "get_time", "arguments": {}}]', [{ name: 'get_time', arguments: {} }]],
  ['examples in prose', 'prefer one config over another in one sentence', 'For production, prefer {"cache": true, "ttl": 300} over {"cache": false} unless you debug.', { cache: true, ttl: 300 }],
  ['examples in prose', 'an instance followed by the schema it follows', 'Here is a valid record:\n```json\n{"id": 7, "tags": ["x"]}\n```\n\nFor reference, the JSON schema it follows:\n```json\n{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"id": {"type": "integer"}}}\n```', { id: 7, tags: ['x'] }],
  ['other repairs', 'template placeholders in angle brackets', 'Fill in this template:\n```json\n{"name": <full name>, "email": <email>, "age": 30}\n```', { name: '<full name>', email: '<email>', age: 30 }],
  ['other repairs', 'a placeholder element in a pretty-printed array', '{\n  "ids": [\n    <id1>,\n    <id2>\n  ],\n  "ok": true\n}', { ids: ['<id1>', '<id2>'], ok: true }],
  ['truncation', 'a sentence after a value cut at its line end', 'Sure, the config: {"retries": 3, "verbose": true\nLet me know if you need more.', { retries: 3, verbose: true }],
  ['truncation', 'a question after a cut array', 'Here are the ids: [101, 102, 103\n  Want me to add the names too?', [101, 102, 103]],
];

const VALID: string[] = [
  '{}',
  '[]',
  '{"a":1}',
  '{"a": 1, "b": [true, false, null], "c": {"d": "e"}}',
  '[1, -2.5e10, 0.0, 1E2, -0]',
  '{\n  "pretty": true,\n  "list": [\n    1,\n    2\n  ]\n}',
  '{\n\t"tabs": "yes"\n}',
  '{"unicode": "😀 \\ud83d\\ude00 \\u00e9 é"}',
  '{"escapes": "\\"\\\\\\/\\b\\f\\n\\r\\t"}',
  '{"think": "<think>x</think>", "fence": "```"}',
  '  {"spaces": "around"}  ',
  '{"numbers": [1.0, 1.50, 100e-2, 12345678901234567890]}',
  '[[[[[[[[[[1]]]]]]]]]]',
  '{"a":{"b":{"c":{"d":{"e":{}}}}}}',
  '["a", "b", "c"]',
  '{"key with spaces": "value", "": "empty key"}',
  '{"dup": 1, "dup": 2}',
  '"just a string"',
  '42',
  'true',
  'null',
];

export function valueCases(): Case[] {
  const out: Case[] = truncationCases();
  for (const [category, name, input, v] of HANDWRITTEN) out.push({ category, name, input, expected: value(v) });
  out.push({ category: 'unicode', name: 'truncated after emoji', input: '{"e": "ab😀', expected: { kind: 'oneOf', values: [{ e: 'ab😀' }, {}] } });
  for (const depth of [50, 200, 500]) {
    const json = nest(depth, '"bottom"');
    out.push({ category: 'deep nesting', name: `valid nesting ${depth} deep`, input: json, expected: value(JSON.parse(json)) });
    // Cut just before the innermost value's closers: the engine must close every level.
    const cut = json.indexOf('"bottom"') + '"bottom"'.length;
    out.push({ category: 'deep nesting', name: `truncated nesting ${depth} deep`, input: json.slice(0, cut), expected: value(JSON.parse(json)) });
    out.push({
      category: 'deep nesting',
      name: `trailing commas at every level ${depth} deep`,
      input: json.replace(/\]/g, ',]').replace(/\}/g, ',}'),
      expected: value(JSON.parse(json)),
    });
  }
  VALID.forEach((json, i) => out.push({ category: 'valid', name: `valid #${i}: ${json.slice(0, 30)}`, input: json, expected: { kind: 'identical', value: JSON.parse(json) } }));
  return out;
}
