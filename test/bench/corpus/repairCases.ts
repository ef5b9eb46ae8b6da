/**
 * Corpus cases for each repair: every corruption operator applied at each of its sites (one at a time,
 * then all at once) in a set of realistic documents, plus hand-written cases of the exact shapes models
 * produce.
 */
import { applyEverywhere, join, OPERATORS, tokenize } from './corrupt';
import { type Case, type Category, value } from './types';

export const REPAIR_DOCS: { name: string; json: string }[] = [
  { name: 'profile', json: '{"name": "Ada Lovelace", "born": 1815, "active": true, "spouse": null, "tags": ["math", "poetry"]}' },
  {
    name: 'pretty order',
    json: JSON.stringify(
      { order: { id: 'A-17', paid: false, items: [{ sku: 'x1', qty: 2, price: 9.5 }, { sku: 'y2', qty: 1, price: 120 }] }, notes: 'line one\nline two\tindented' },
      null,
      2,
    ),
  },
  { name: 'array of rows', json: '[{"id": 1, "ok": true, "text": "first\\nsecond"}, {"id": 2, "ok": false, "text": null}]' },
  { name: 'tool call', json: '{"name": "search", "arguments": {"query": "weather in Paris", "limit": 5, "safe": true}}' },
  { name: 'tab indented', json: JSON.stringify({ a: [1, 2, { b: 'c\nd' }], e: { f: null, g: false } }, null, '\t') },
];

const CATEGORY_OF: Record<string, Category> = {
  'trailing comma': 'trailing commas',
  'missing comma': 'missing commas',
  'unquoted key': 'unquoted keys',
  'single quotes': 'single quotes',
  'smart quotes': 'smart quotes',
  'python literal': 'python literals',
  'line comment': 'comments',
  'block comment': 'comments',
  'raw newline': 'raw newlines',
  'wrong colon': 'other repairs',
  'template literal': 'other repairs',
  'python tuple': 'other repairs',
  'digit separators': 'numbers',
  'semicolon separator': 'other repairs',
  'triple quotes': 'other repairs',
  'mixed key quotes': 'single quotes',
};

/** Hand-written cases in the shapes models actually write. */
const HANDWRITTEN: [Category, string, string, unknown][] = [
  ['trailing commas', 'nested trailing commas', '{"a": [1, 2, 3,], "b": {"c": 1,},}', { a: [1, 2, 3], b: { c: 1 } }],
  ['trailing commas', 'trailing comma before newline', '{\n  "a": 1,\n  "b": 2,\n}', { a: 1, b: 2 }],
  ['trailing commas', 'trailing comma and comment', '[1, 2, // last\n]', [1, 2]],
  ['missing commas', 'missing comma between lines', '{\n  "a": 1\n  "b": 2\n}', { a: 1, b: 2 }],
  ['missing commas', 'missing comma between objects', '[{"a": 1} {"a": 2}]', [{ a: 1 }, { a: 2 }]],
  ['missing commas', 'missing comma after string', '{"a": "x" "b": "y"}', { a: 'x', b: 'y' }],
  ['unquoted keys', 'all keys unquoted', '{name: "Ada", age: 36, is_admin: false}', { name: 'Ada', age: 36, is_admin: false }],
  ['unquoted keys', 'unquoted key with dollar and digits', '{$ref: "#/a", key2: 2}', { $ref: '#/a', key2: 2 }],
  ['single quotes', 'single-quoted keys and values', "{'name': 'Ada', 'tags': ['a', 'b']}", { name: 'Ada', tags: ['a', 'b'] }],
  ['single quotes', 'double quote inside single quotes', "{'quote': 'she said \"hi\"'}", { quote: 'she said "hi"' }],
  ['single quotes', 'escaped apostrophe', "{'text': 'it\\'s fine'}", { text: "it's fine" }],
  ['smart quotes', 'smart quotes everywhere', '{\u201cname\u201d: \u201cAda\u201d, \u201ccity\u201d: \u201cLondon\u201d}', { name: 'Ada', city: 'London' }],
  ['smart quotes', 'smart quotes inside a normal string are text', '{"q": "she said \u201chi\u201d"}', { q: 'she said \u201chi\u201d' }],
  ['python literals', 'python dict', "{'ok': True, 'err': None, 'retry': False}", { ok: true, err: null, retry: false }],
  ['python literals', 'python literals in an array', '[True, False, None]', [true, false, null]],
  ['comments', 'line comments after members', '{\n  "a": 1, // the first\n  "b": 2 // the second\n}', { a: 1, b: 2 }],
  ['comments', 'block comment before the value', '/* result */ {"a": 1}', { a: 1 }],
  ['comments', 'comment with quotes and braces', '{"a": /* "x": {1} */ 2}', { a: 2 }],
  ['raw newlines', 'multi-line bio', '{"bio": "Wrote the first\nalgorithm"}', { bio: 'Wrote the first\nalgorithm' }],
  ['raw newlines', 'raw tab and CRLF', '{"t": "a\tb\r\nc"}', { t: 'a\tb\r\nc' }],
  ['raw newlines', 'code in a string', '{"code": "function f() {\n  return 1;\n}"}', { code: 'function f() {\n  return 1;\n}' }],
  ['other repairs', 'unquoted string value', '{"status": ok, "code": 200}', { status: 'ok', code: 200 }],
  ['other repairs', 'missing value', '{"a": , "b": 1}', { a: null, b: 1 }],
  ['other repairs', 'mismatched closing bracket', '{"a": [1, 2}', { a: [1, 2] }],
  ['other repairs', 'stray closing bracket inside', '{"a": [1]], "b": 2}', { a: [1], b: 2 }],
  ['other repairs', 'second value after the first is ignored', '{"a": 1}\n{"b": 2}', { a: 1 }],
  ['other repairs', 'missing colon', '{"a" 1, "b": 2}', { a: 1, b: 2 }],
  ['other repairs', 'undefined-free JS object', "{id: 1, label: 'x', done: false,}", { id: 1, label: 'x', done: false }],
  ['other repairs', 'semicolons after each member of a C-style struct', '{\n  "x": 10;\n  "y": -4;\n  "label": "origin";\n}', { x: 10, y: -4, label: 'origin' }],
  ['other repairs', 'semicolon-separated list of ids', '{"ids": [101; 102; 103], "page": 2}', { ids: [101, 102, 103], page: 2 }],
  ['other repairs', 'double equals between key and value', '{"city" == "Oslo", "days" == 3}', { city: 'Oslo', days: 3 }],
  ['other repairs', 'Pascal-style := assignments', '{name := "probe", retries := 5}', { name: 'probe', retries: 5 }],
  ['other repairs', 'docstring-style description in a Python dict', "{'name': 'parse', 'doc': '''Parse the file.\n\nReturns a dict.''', 'async': False}", { name: 'parse', doc: 'Parse the file.\n\nReturns a dict.', async: false }],
  ['other repairs', 'triple-quoted SQL with quotes inside', '{"query": """SELECT * FROM t WHERE name = "x"""", "limit": 10}', { query: 'SELECT * FROM t WHERE name = "x"', limit: 10 }],
  ['other repairs', 'ingredient list left open before the next field', '{\n  "recipe": "pancakes",\n  "ingredients": ["flour", "milk", "eggs"\n  "servings": 4,\n  "vegan": false\n}', { recipe: 'pancakes', ingredients: ['flour', 'milk', 'eggs'], servings: 4, vegan: false }],
  ['other repairs', 'scores array missing its bracket before a key, comma kept', '{"scores": [9.5, 7, 8.25, "average": 8.25}', { scores: [9.5, 7, 8.25], average: 8.25 }],
  ['other repairs', 'array of objects missing its bracket in a tool call', '{"name": "bulk_insert", "arguments": {"rows": [{"id": 1}, {"id": 2}\n "table": "users"}}', { name: 'bulk_insert', arguments: { rows: [{ id: 1 }, { id: 2 }], table: 'users' } }],
  ['other repairs', 'last color missing its closing quote before the closers', '{"colors": ["red", "green", "blue]}', { colors: ['red', 'green', 'blue'] }],
  ['other repairs', 'string list ending in a forgotten quote', '["alpha", "beta", "gamma]', ['alpha', 'beta', 'gamma']],
  ['comments', 'Python dict with hash comments', "{\n    'model': 'small',  # fits on one GPU\n    'epochs': 3,\n    # the rest are defaults\n    'lr': 0.001\n}", { model: 'small', epochs: 3, lr: 0.001 }],
  ['escapes', 'escaped apostrophe in a double-quoted string', '{"msg": "Don\\\'t panic", "code": 42}', { msg: "Don't panic", code: 42 }],
  ['escapes', 'Windows path with a \\f after an invalid escape', '{"path": "C:\\Users\\ana\\file.txt", "size": 12}', { path: 'C:\\Users\\ana\\file.txt', size: 12 }],
  ['escapes', 'Windows path with a \\b after an invalid escape', '{"exe": "D:\\Tools\\bin\\app.exe"}', { exe: 'D:\\Tools\\bin\\app.exe' }],
  ['escapes', 'Windows path with a \\n after an invalid escape', '{"dir": "C:\\Users\\nina\\Desktop"}', { dir: 'C:\\Users\\nina\\Desktop' }],
  ['escapes', 'Windows path with \\t and \\r after an invalid escape', '{"log": "D:\\Logs\\today\\run.txt"}', { log: 'D:\\Logs\\today\\run.txt' }],
  ['escapes', 'escaped dollar signs with line breaks', '{"note": "Price: \\$5\\nTotal: \\$10"}', { note: 'Price: \\$5\nTotal: \\$10' }],
  ['escapes', 'tool call with a Windows path argument', '{"name": "read_file", "arguments": {"path": "C:\\Projects\\app\\backend\\config.json"}}', { name: 'read_file', arguments: { path: 'C:\\Projects\\app\\backend\\config.json' } }],
  ['single quotes', 'key opened with a single quote, closed with a double quote', "{'name\": \"Ada\", 'age\": 36}", { name: 'Ada', age: 36 }],
  ['single quotes', 'second key opened with a single quote', "{\"id\": 7, 'label\": \"blue\"}", { id: 7, label: 'blue' }],
  ['other repairs', 'keys and strings on separate lines without commas', '[\n  "a"\n  "b"\n  "c"\n]', ['a', 'b', 'c']],
];

export function repairCases(): Case[] {
  const out: Case[] = [];
  for (const op of OPERATORS) {
    const category = CATEGORY_OF[op.name];
    for (const doc of REPAIR_DOCS) {
      const tokens = tokenize(doc.json);
      const sites = op.sites(tokens);
      if (sites.length === 0) continue;
      const expected = value(JSON.parse(doc.json));
      // Up to six sites spread over the document, then every site at once.
      const step = Math.max(1, Math.floor(sites.length / 6));
      for (let k = 0; k < sites.length; k += step) {
        out.push({ category, name: `${op.name} at site ${k} of ${doc.name}`, input: join(op.apply(tokens, sites[k])), expected });
      }
      out.push({ category, name: `${op.name} everywhere in ${doc.name}`, input: applyEverywhere(doc.json, op), expected });
    }
  }
  for (const [category, name, input, v] of HANDWRITTEN) out.push({ category, name, input, expected: value(v) });
  return out;
}
