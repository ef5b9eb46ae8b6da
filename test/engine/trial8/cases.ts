// New-user trial 8: LLM-like texts written by hand (trial8, 2026-12-01/02) BEFORE reading the engine's
// selection code, the corpus or trials 1-7, aimed at families the earlier trials were likely thin on:
// tool calls printed as text (Mistral, Llama 3.x, functools, Gemini, Hermes/Qwen), code-shaped answers (JS/TS/
// Python/Ruby assignments and exports), fences of every spelling, labels that name the answer, raw control
// characters and encodings, duplicate keys / deep defects / edge numbers, restarts and repeats, agent
// frameworks' and local models' JSON modes, and cuts at max_tokens in new places.
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written once, committed before the first run; never edited to match the engine.

export type Trial8Status = 'VALID' | 'REPAIRED' | 'TRUNCATED' | 'FAILED';

export interface Trial8Case {
  id: string;
  category: string;
  text: string;
  want: unknown;
  status: Trial8Status | Trial8Status[];
  alsoOk?: unknown[];
  note?: string;
}

const r = String.raw;
const F = '```';

const TOOLS = 'tool calls in text';
const CODE = 'code-shaped answers';
const FENCE = 'fence spellings';
const LABEL = 'labels naming the answer';
const CTRL = 'control characters and encodings';
const NUM = 'duplicates, deep defects, edge numbers';
const REDO = 'restarts and repeats';
const AGENT = 'agent parsers and local JSON modes';
const CUT = 'cut at max_tokens';

const longX = 'x'.repeat(6000);
const deep30 = (() => {
  let v: unknown = [1];
  for (let i = 0; i < 29; i++) v = [v];
  return v;
})();

export const TRIAL8_CASES: readonly Trial8Case[] = [
  // ---- tool calls printed as text ----
  {
    id: 't8-tool-01', category: TOOLS,
    text: '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}]',
    want: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }], status: 'VALID',
  },
  {
    id: 't8-tool-02', category: TOOLS,
    text: '[TOOL_CALLS] [{"name": "search", "arguments": {"query": "rust async"}}, {"name": "search", "arguments": {"query": "tokio select"}}]</s>',
    want: [{ name: 'search', arguments: { query: 'rust async' } }, { name: 'search', arguments: { query: 'tokio select' } }], status: 'VALID',
  },
  {
    id: 't8-tool-03', category: TOOLS,
    text: '<|python_tag|>{"name": "get_stock_price", "parameters": {"ticker": "NVDA"}}<|eom_id|>',
    want: { name: 'get_stock_price', parameters: { ticker: 'NVDA' } }, status: 'VALID',
  },
  {
    id: 't8-tool-04', category: TOOLS,
    text: 'functools[{"name": "create_event", "arguments": {"title": "Standup", "time": "09:30"}}]',
    want: [{ name: 'create_event', arguments: { title: 'Standup', time: '09:30' } }], status: 'VALID',
  },
  {
    id: 't8-tool-05', category: TOOLS,
    text: 'I\'ll look that up for you.\n\n{"functionCall": {"name": "lookup_order", "args": {"orderId": "A-1042"}}}',
    want: { functionCall: { name: 'lookup_order', args: { orderId: 'A-1042' } } }, status: 'VALID',
  },
  {
    id: 't8-tool-06', category: TOOLS,
    text: 'To answer this I need the current weather. I\'ll call the tool:\n\n{"name": "get_weather", "arguments": {"location": "Oslo, NO"}}\n\nOnce I have the result I\'ll summarize it for you.',
    want: { name: 'get_weather', arguments: { location: 'Oslo, NO' } }, status: 'VALID',
  },
  {
    id: 't8-tool-07', category: TOOLS,
    text: r`[TOOL_CALLS][{"name": "write_file", "arguments": {"path": "src/main.rs", "content": "fn main() {\n    println!(\"hello`,
    want: [{ name: 'write_file', arguments: { path: 'src/main.rs', content: 'fn main() {\n    println!("hello' } }], status: 'TRUNCATED',
  },
  {
    id: 't8-tool-08', category: TOOLS,
    text: '<tool_call>\n{"name": "get_time", "arguments": {"tz": "Asia/Tokyo"}}\n</tool_call>',
    want: { name: 'get_time', arguments: { tz: 'Asia/Tokyo' } }, status: 'VALID',
  },
  {
    id: 't8-tool-09', category: TOOLS,
    text: '<tool_call>\n{"name": "list_files", "arguments": {}}\n</tool_call>\n<tool_call>\n{"name": "read_file", "arguments": {"path": "README.md"}}\n</tool_call>',
    want: { name: 'list_files', arguments: {} }, status: ['VALID', 'REPAIRED'],
    note: 'two parallel calls: a one-value repairer gives the first; the second must not vanish silently, either status is fine',
  },
  {
    id: 't8-tool-10', category: TOOLS,
    text: '{"tool_calls": [{"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Lima",}}}]}',
    want: { tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: { city: 'Lima' } } }] }, status: 'REPAIRED',
  },
  {
    id: 't8-tool-11', category: TOOLS,
    text: '<function=get_weather>{"city": "Berlin", "days": 3}</function>',
    want: { city: 'Berlin', days: 3 }, status: 'VALID',
  },
  {
    id: 't8-tool-12', category: TOOLS,
    text: '[TOOL_CALLS][{"name": "lookup", "arguments": {"q": 1}}, {"name": "fetch", "argu',
    want: [{ name: 'lookup', arguments: { q: 1 } }, { name: 'fetch' }], status: 'TRUNCATED',
  },
  {
    id: 't8-tool-13', category: TOOLS,
    text: 'Calling the tools now.\n\n[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Rome"}}]',
    want: [{ name: 'get_weather', arguments: { city: 'Rome' } }], status: 'VALID',
  },

  // ---- code-shaped answers ----
  {
    id: 't8-code-01', category: CODE,
    text: "const config = {\n  port: 8080,\n  host: 'localhost',\n  debug: true,\n};",
    want: { port: 8080, host: 'localhost', debug: true }, status: 'REPAIRED',
  },
  {
    id: 't8-code-02', category: CODE,
    text: 'export default {\n  name: "my-app",\n  version: "1.2.0",\n  scripts: { build: "tsc" },\n}',
    want: { name: 'my-app', version: '1.2.0', scripts: { build: 'tsc' } }, status: 'REPAIRED',
  },
  {
    id: 't8-code-03', category: CODE,
    text: "module.exports = {\n  semi: false,\n  singleQuote: true,\n  trailingComma: 'all',\n};\n",
    want: { semi: false, singleQuote: true, trailingComma: 'all' }, status: 'REPAIRED',
  },
  {
    id: 't8-code-04', category: CODE,
    text: 'import json\n\nprint(json.dumps({"status": "ok", "count": 3}))',
    want: { status: 'ok', count: 3 }, status: 'VALID',
  },
  {
    id: 't8-code-05', category: CODE,
    text: 'return {\n    "label": "spam",\n    "score": 0.97\n};',
    want: { label: 'spam', score: 0.97 }, status: 'VALID',
  },
  {
    id: 't8-code-06', category: CODE,
    text: 'data = {\n    "name": "sensor-7",\n    "calibrated": True,\n    "offset": None,\n    "range": (0, 100),\n}',
    want: { name: 'sensor-7', calibrated: true, offset: null, range: [0, 100] }, status: 'REPAIRED',
  },
  {
    id: 't8-code-07', category: CODE,
    text: 'result = {"tags": {"a", "b"}, "n": 2}',
    want: { tags: ['a', 'b'], n: 2 }, status: 'REPAIRED',
    note: 'a Python set literal; as JSON it is a list',
  },
  {
    id: 't8-code-08', category: CODE,
    text: 'const msg = {\n  greeting: `Hello, ${name}!`,\n  lines: 2,\n};',
    want: { greeting: 'Hello, ${name}!', lines: 2 }, status: 'REPAIRED',
  },
  {
    id: 't8-code-09', category: CODE,
    text: r`const rules = {
  email: /^[^@\s]+@[^@\s]+$/,
  required: true
};`,
    want: { email: r`/^[^@\s]+@[^@\s]+$/`, required: true }, status: 'REPAIRED',
  },
  {
    id: 't8-code-10', category: CODE,
    text: 'const state = { user: undefined, items: [], loading: false };',
    want: { user: null, items: [], loading: false }, status: 'REPAIRED',
    alsoOk: [{ items: [], loading: false }],
  },
  {
    id: 't8-code-11', category: CODE,
    text: 'export const ROUTES = {\n  home: "/",\n  settings: "/settings",\n} as const;',
    want: { home: '/', settings: '/settings' }, status: 'REPAIRED',
  },
  {
    id: 't8-code-12', category: CODE,
    text: 'const theme = {\n  primary: "#3b82f6",\n  radius: 8,\n} satisfies Theme;',
    want: { primary: '#3b82f6', radius: 8 }, status: 'REPAIRED',
  },
  {
    id: 't8-code-13', category: CODE,
    text: "config = {\n    'lr': 3e-4,  # learning rate\n    'epochs': 10,\n    'layers': [64, 64],\n}",
    want: { lr: 3e-4, epochs: 10, layers: [64, 64] }, status: 'REPAIRED',
  },
  {
    id: 't8-code-14', category: CODE,
    text: 'payload = { "user" => "ada", "admin" => false }',
    want: { user: 'ada', admin: false }, status: 'REPAIRED',
  },

  // ---- fence spellings ----
  {
    id: 't8-fence-01', category: FENCE,
    text: `${F}JSON\n{"a": 1, "b": [true, false]}\n${F}`,
    want: { a: 1, b: [true, false] }, status: 'VALID',
  },
  {
    id: 't8-fence-02', category: FENCE,
    text: `${F}jsonc\n{\n  // server port\n  "port": 3000,\n  "hosts": ["a", "b",],\n}\n${F}`,
    want: { port: 3000, hosts: ['a', 'b'] }, status: 'REPAIRED',
  },
  {
    id: 't8-fence-03', category: FENCE,
    text: `${F}json5\n{unquoted: 'single', hex: 0xFF, trailing: [1, 2,],}\n${F}`,
    want: { unquoted: 'single', hex: 255, trailing: [1, 2] }, status: 'REPAIRED',
  },
  {
    id: 't8-fence-04', category: FENCE,
    text: 'Here is the data:\n\n~~~json\n{"id": 7, "ok": true}\n~~~\n',
    want: { id: 7, ok: true }, status: 'VALID',
  },
  {
    id: 't8-fence-05', category: FENCE,
    text: 'The response body:\n\n    {\n      "error": null,\n      "items": [1, 2, 3]\n    }\n\nThat\'s all.',
    want: { error: null, items: [1, 2, 3] }, status: 'VALID',
  },
  {
    id: 't8-fence-06', category: FENCE,
    text: `1. Create the file \`settings.json\`:\n\n   ${F}json\n   {\n     "theme": "dark",\n     "fontSize": 14\n   }\n   ${F}\n\n2. Restart the editor.`,
    want: { theme: 'dark', fontSize: 14 }, status: 'VALID',
  },
  {
    id: 't8-fence-07', category: FENCE,
    text: `\`${F}markdown\nHere's how to show it in your README:\n\n${F}json\n{"name": "demo"}\n${F}\n\`${F}`,
    want: { name: 'demo' }, status: 'VALID',
  },
  {
    id: 't8-fence-08', category: FENCE,
    text: `${F}json\n{\n  "title": "Dune",\n  "year": 1965\n}\n`,
    want: { title: 'Dune', year: 1965 }, status: ['VALID', 'TRUNCATED'],
    note: 'the closing fence never came; the value is whole',
  },
  {
    id: 't8-fence-09', category: FENCE,
    text: `First, the schema:\n\n${F}json\n{"type": "object", "properties": {"name": {"type": "string"}}}\n${F}\n\nAnd the instance you asked for:\n\n${F}json\n{"name": "Ada"}\n${F}`,
    want: { name: 'Ada' }, status: 'VALID',
  },
  {
    id: 't8-fence-10', category: FENCE,
    text: `${F} json\n{"a": [1, 2]}\n${F}`,
    want: { a: [1, 2] }, status: 'VALID',
  },
  {
    id: 't8-fence-11', category: FENCE,
    text: `${F}json title="response.json"\n{"ok": true, "data": {"n": 1}}\n${F}`,
    want: { ok: true, data: { n: 1 } }, status: 'VALID',
  },
  {
    id: 't8-fence-12', category: FENCE,
    text: `${F}js\nconst payload = { id: 42, tags: ['x'] };\n${F}`,
    want: { id: 42, tags: ['x'] }, status: 'REPAIRED',
  },
  {
    id: 't8-fence-13', category: FENCE,
    text: `${F}json\n[\n  {"id": 1},\n  {"id": 2}\n]\n${F}\n${F}`,
    want: [{ id: 1 }, { id: 2 }], status: 'VALID',
  },
  {
    id: 't8-fence-14', category: FENCE,
    text: `Sure, here's a draft:\n${F}json\n{"v": 1\n${F}\nOops, that one is cut. Full version:\n${F}json\n{"v": 1, "w": 2}\n${F}`,
    want: { v: 1, w: 2 }, status: 'VALID',
  },

  // ---- labels naming the answer ----
  {
    id: 't8-label-01', category: LABEL,
    text: 'Let me reconsider the totals.\n\nSubtotal is 40, tax 3.2.\n\nFinal answer: {"subtotal": 40, "tax": 3.2, "total": 43.2}',
    want: { subtotal: 40, tax: 3.2, total: 43.2 }, status: 'VALID',
  },
  {
    id: 't8-label-02', category: LABEL,
    text: 'Original:\n{"name": "ada", "role": "user"}\n\nCorrected JSON:\n{"name": "Ada", "role": "admin"}',
    want: { name: 'Ada', role: 'admin' }, status: 'VALID',
  },
  {
    id: 't8-label-03', category: LABEL,
    text: `Current:\n${F}json\n{"v": 1, "items": ["a"]}\n${F}\nUpdated:\n${F}json\n{"v": 2, "items": ["a", "b"]}\n${F}`,
    want: { v: 2, items: ['a', 'b'] }, status: 'VALID',
  },
  {
    id: 't8-label-04', category: LABEL,
    text: 'Input: {"text": "I love it"}\nOutput: {"sentiment": "positive", "confidence": 0.93}',
    want: { sentiment: 'positive', confidence: 0.93 }, status: 'VALID',
  },
  {
    id: 't8-label-05', category: LABEL,
    text: 'Result -> {"status": 200, "body": {"ok": true}}',
    want: { status: 200, body: { ok: true } }, status: 'VALID',
  },
  {
    id: 't8-label-06', category: LABEL,
    text: '**JSON**\n\n{"lang": "fr", "text": "Bonjour"}',
    want: { lang: 'fr', text: 'Bonjour' }, status: 'VALID',
  },
  {
    id: 't8-label-07', category: LABEL,
    text: `### Reasoning\nThe user wants three colors.\n\n### Response\n${F}json\n{"colors": ["red", "green", "blue"]}\n${F}`,
    want: { colors: ['red', 'green', 'blue'] }, status: 'VALID',
  },
  {
    id: 't8-label-08', category: LABEL,
    text: '| field | value |\n|---|---|\n| name | Ada |\n| tags | ["x", "y"] |\n\nAs JSON:\n\n{"name": "Ada", "tags": ["x", "y"]}',
    want: { name: 'Ada', tags: ['x', 'y'] }, status: 'VALID',
  },
  {
    id: 't8-label-09', category: LABEL,
    text: 'Here are the parsed records:\n\n- {"id": 1, "ok": true}\n- {"id": 2, "ok": false}\n\nCombined:\n[{"id": 1, "ok": true}, {"id": 2, "ok": false}]',
    want: [{ id: 1, ok: true }, { id: 2, ok: false }], status: 'VALID',
  },
  {
    id: 't8-label-10', category: LABEL,
    text: 'Answer:\n\n> {"city": "Lima", "pop": 10.9}',
    want: { city: 'Lima', pop: 10.9 }, status: 'VALID',
  },
  {
    id: 't8-label-11', category: LABEL,
    text: 'Input JSON:\n{"a": 1, "b": [1, 2]}\n\nOutput JSON (with b doubled):\n{"a": 1, "b": [2, 4]}',
    want: { a: 1, b: [2, 4] }, status: 'VALID',
  },
  {
    id: 't8-label-12', category: LABEL,
    text: 'The tool returned {"temp": 21}. Formatted result:\n{"temp_c": 21, "temp_f": 69.8}',
    want: { temp_c: 21, temp_f: 69.8 }, status: 'VALID',
  },
  {
    id: 't8-label-13', category: LABEL,
    text: '## Example request\n`{"q": "shoes"}`\n\n## Response\n{"results": [{"sku": "S-1", "price": 59.9}], "total": 1}',
    want: { results: [{ sku: 'S-1', price: 59.9 }], total: 1 }, status: 'VALID',
  },

  // ---- control characters and encodings ----
  {
    id: 't8-ctrl-01', category: CTRL,
    text: '{"poem": "Roses are red,\nViolets are blue"}',
    want: { poem: 'Roses are red,\nViolets are blue' }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-02', category: CTRL,
    text: '{"tsv": "a\tb\tc", "n": 3}',
    want: { tsv: 'a\tb\tc', n: 3 }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-03', category: CTRL,
    text: '{"line": "ends here\r", "ok": true}',
    want: { line: 'ends here\r', ok: true }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-04', category: CTRL,
    text: '{"name": "ab\u0000c", "n": 1}',
    want: { name: 'ab\u0000c', n: 1 }, status: 'REPAIRED',
    alsoOk: [{ name: 'abc', n: 1 }],
  },
  {
    id: 't8-ctrl-05', category: CTRL,
    text: '{"page": "one\fTwo"}',
    want: { page: 'one\fTwo' }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-06', category: CTRL,
    text: '\uFEFF{"encoding": "utf-8", "bom": true}',
    want: { encoding: 'utf-8', bom: true }, status: 'VALID',
  },
  {
    id: 't8-ctrl-07', category: CTRL,
    text: '{"a":\u200b1,\u200b"b":\u200b[2,\u200b3]}',
    want: { a: 1, b: [2, 3] }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-08', category: CTRL,
    text: '{"a": 1,\u200d "b": 2}',
    want: { a: 1, b: 2 }, status: 'REPAIRED',
    note: 'a zero-width joiner between tokens (copy-paste from a chat UI)',
  },
  {
    id: 't8-ctrl-09', category: CTRL,
    text: '{\n\u00a0\u00a0"name": "x",\n\u00a0\u00a0"n": 2\n}',
    want: { name: 'x', n: 2 }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-10', category: CTRL,
    text: `Here you go:\r\n\r\n${F}json\r\n{\r\n  "a": 1,\r\n  "b": "two",\r\n}\r\n${F}\r\n`,
    want: { a: 1, b: 'two' }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-11', category: CTRL,
    text: 'Result:\r{"x": 1,\r "y": 2}\rDone.',
    want: { x: 1, y: 2 }, status: 'VALID',
  },
  {
    id: 't8-ctrl-12', category: CTRL,
    text: r`{"s": "\ud800x", "t": "\u00e9"}`,
    want: { s: '\ud800x', t: 'é' }, status: 'VALID',
  },
  {
    id: 't8-ctrl-13', category: CTRL,
    text: `${F}json\r\n{"body": "Dear team,\r\nThanks.\r\n- Ana"}\r\n${F}`,
    want: { body: 'Dear team,\r\nThanks.\r\n- Ana' }, status: 'REPAIRED',
  },
  {
    id: 't8-ctrl-14', category: CTRL,
    text: '{"msg": "col1\u000bcol2", "bell": "ding\u0007"}',
    want: { msg: 'col1\u000bcol2', bell: 'ding\u0007' }, status: 'REPAIRED',
  },

  // ---- duplicates, deep defects, edge numbers ----
  {
    id: 't8-num-01', category: NUM,
    text: '{"id": 1, "name": "a", "id": 2}',
    want: { id: 2, name: 'a' }, status: 'VALID',
    alsoOk: [{ id: 1, name: 'a' }],
  },
  {
    id: 't8-num-02', category: NUM,
    text: '{"org": {"teams": [{"name": "a", "members": [{"id": 1, "tags": ["x", "y"]}, {"id": 2, "tags": ["z",]}]}, {"name": "b", "members": []}]}}',
    want: { org: { teams: [{ name: 'a', members: [{ id: 1, tags: ['x', 'y'] }, { id: 2, tags: ['z'] }] }, { name: 'b', members: [] }] } }, status: 'REPAIRED',
  },
  {
    id: 't8-num-03', category: NUM,
    text: '[{"a": [{"b": [{"c": 1} {"c": 2}]}]}]',
    want: [{ a: [{ b: [{ c: 1 }, { c: 2 }] }] }], status: 'REPAIRED',
  },
  {
    id: 't8-num-04', category: NUM,
    text: `{"data": "${longX}", "n": 1, }`,
    want: { data: longX, n: 1 }, status: 'REPAIRED',
  },
  {
    id: 't8-num-05', category: NUM,
    text: '{"big": 1e400, "small": 1e-400}',
    want: { big: Infinity, small: 0 }, status: 'VALID',
    note: 'valid JSON comes back byte for byte; a parser makes it Infinity and 0',
  },
  {
    id: 't8-num-06', category: NUM,
    text: '{"z": -0, "a": [0, -0.0]}',
    want: { z: -0, a: [0, -0] }, status: 'VALID',
  },
  {
    id: 't8-num-07', category: NUM,
    text: '{"zip": 00012, "n": 007}',
    want: { zip: 12, n: 7 }, status: 'REPAIRED',
    alsoOk: [{ zip: '00012', n: '007' }, { zip: '00012', n: 7 }],
  },
  {
    id: 't8-num-08', category: NUM,
    text: '{"a": 1., "b": 0.1e, "c": .5}',
    want: { a: 1, b: 0.1, c: 0.5 }, status: 'REPAIRED',
  },
  {
    id: 't8-num-09', category: NUM,
    text: '{"id": 12345678901234567890, "ok": true}',
    want: { id: 12345678901234567890, ok: true }, status: 'VALID',
  },
  {
    id: 't8-num-10', category: NUM,
    text: '{"n": +5, "m": -.5e-3, "k": 1_000}',
    want: { n: 5, m: -0.0005, k: 1000 }, status: 'REPAIRED',
  },
  {
    id: 't8-num-11', category: NUM,
    text: "{'id': 1, 'id': 2,}",
    want: { id: 2 }, status: 'REPAIRED',
    alsoOk: [{ id: 1 }],
  },
  {
    id: 't8-num-12', category: NUM,
    text: '['.repeat(30) + '1,' + ']'.repeat(30),
    want: deep30, status: 'REPAIRED',
  },
  {
    id: 't8-num-13', category: NUM,
    text: '{"score": NaN, "max": Infinity, "min": -Infinity}',
    want: { score: null, max: null, min: null }, status: 'REPAIRED',
    alsoOk: [{ score: 'NaN', max: 'Infinity', min: '-Infinity' }],
  },
  {
    id: 't8-num-14', category: NUM,
    text: '{"color": 0xFF8800, "alpha": 0.5}',
    want: { color: 16746496, alpha: 0.5 }, status: 'REPAIRED',
  },
  {
    id: 't8-num-15', category: NUM,
    text: '{"items": [{"id": 1, "meta": {"tags": ["a"], "score": 0.5}}, {"id": 2, "meta": {"tags": ["b"], "score": 0.7}}, {"id": 3, "meta": {"tags": ["c"] "score": 0.9}}]}',
    want: { items: [{ id: 1, meta: { tags: ['a'], score: 0.5 } }, { id: 2, meta: { tags: ['b'], score: 0.7 } }, { id: 3, meta: { tags: ['c'], score: 0.9 } }] }, status: 'REPAIRED',
  },

  // ---- restarts and repeats ----
  {
    id: 't8-redo-01', category: REDO,
    text: 'Sure:\n{"name": "Ada", "age": 3\nLet me redo that:\n{"name": "Ada", "age": 36}',
    want: { name: 'Ada', age: 36 }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-02', category: REDO,
    text: 'Here is the JSON:\n{"a": 1, "b": 2}\n\nHere is the JSON:\n{"a": 1, "b": 2}',
    want: { a: 1, b: 2 }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-03', category: REDO,
    text: `${F}json\n{"total": 42}\n${F}\n\nI apologize, I made an error in the calculation. The correct result is:\n\n${F}json\n{"total": 44}\n${F}`,
    want: { total: 44 }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-04', category: REDO,
    text: 'Sure! Here it is:\n{"total": 42}\nSorry, I miscounted. It should be:\n{"total": 44}',
    want: { total: 44 }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-05', category: REDO,
    text: '{"verdict": "approve"}\n\nReasoning: the diff only touches docs, tests pass, and the author addressed all comments.',
    want: { verdict: 'approve' }, status: 'VALID',
  },
  {
    id: 't8-redo-06', category: REDO,
    text: '{"label": "bug"}\n\nExplanation: the report describes a crash ({"error": "panic"}) when the file is empty.',
    want: { label: 'bug' }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-07', category: REDO,
    text: `${F}json\n{"steps": ["mix", "bake"\n${F}\nLet me redo that:\n${F}json\n{"steps": ["mix", "bake", "cool"]}\n${F}`,
    want: { steps: ['mix', 'bake', 'cool'] }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-08', category: REDO,
    text: 'Draft:\n{"title": "Intro"}\n\nFinal:\n{"title": "Introduction", "words": 120}',
    want: { title: 'Introduction', words: 120 }, status: 'VALID',
  },
  {
    id: 't8-redo-09', category: REDO,
    text: 'Output:\n{"ok": true}\n\nWait, I forgot the id.\n\n{"ok": true, "id": 7}',
    want: { ok: true, id: 7 }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-10', category: REDO,
    text: 'Answer: {"n": 3}\n(Double-checked: the answer is {"n": 3}.)',
    want: { n: 3 }, status: ['VALID', 'REPAIRED'],
  },
  {
    id: 't8-redo-11', category: REDO,
    text: '{"a": 1}{"a": 1}',
    want: { a: 1 }, status: ['REPAIRED', 'VALID'],
  },
  {
    id: 't8-redo-12', category: REDO,
    text: 'Let me think step by step. The list has 3 items so count = 3.\n</think>\n{"count": 3, "items": ["a", "b", "c"]}\n\nThe answer above lists all three.',
    want: { count: 3, items: ['a', 'b', 'c'] }, status: 'VALID',
  },

  // ---- agent parsers and local JSON modes ----
  {
    id: 't8-agent-01', category: AGENT,
    text: 'Thought: I need to search for the population.\nAction: search\nAction Input: {"query": "population of Lima 2025"}',
    want: { query: 'population of Lima 2025' }, status: 'VALID',
  },
  {
    id: 't8-agent-02', category: AGENT,
    text: 'Thought: I now know the final answer\nFinal Answer: {"answer": "10.9 million", "source": "INEI"}',
    want: { answer: '10.9 million', source: 'INEI' }, status: 'VALID',
  },
  {
    id: 't8-agent-03', category: AGENT,
    text: '{"a": 1}\n\n\n\n\n\n\n\n\n\n\n\n',
    want: { a: 1 }, status: 'VALID',
  },
  {
    id: 't8-agent-04', category: AGENT,
    text: '{"intent": "book_flight", "slots": {"to": "NRT"}}<|im_end|>',
    want: { intent: 'book_flight', slots: { to: 'NRT' } }, status: 'VALID',
  },
  {
    id: 't8-agent-05', category: AGENT,
    text: `${F}json\n{"ok": true}\n${F}<|eot_id|>`,
    want: { ok: true }, status: 'VALID',
  },
  {
    id: 't8-agent-06', category: AGENT,
    text: 'The previous output failed validation: missing required property "email".\nHere is the corrected object:\n{"name": "Ada", "email": "ada@example.com"}',
    want: { name: 'Ada', email: 'ada@example.com' }, status: 'VALID',
  },
  {
    id: 't8-agent-07', category: AGENT,
    text: '{\n  "thoughts": {\n    "text": "search first",\n    "reasoning": "need data",\n    "plan": "- search\\n- summarize",\n    "criticism": "none",\n  },\n  "command": {"name": "google", "args": {"input": "json repair"}}\n}',
    want: { thoughts: { text: 'search first', reasoning: 'need data', plan: '- search\n- summarize', criticism: 'none' }, command: { name: 'google', args: { input: 'json repair' } } }, status: 'REPAIRED',
  },
  {
    id: 't8-agent-08', category: AGENT,
    text: '{"items": [' + Array.from({ length: 60 }, (_, i) => (i < 2 ? `"${'ab'[i]}"` : '"c"')).join(', '),
    want: { items: Array.from({ length: 60 }, (_, i) => (i < 2 ? 'ab'[i] : 'c')) }, status: 'TRUNCATED',
    note: 'a small model repeating itself until max_tokens',
  },
  {
    id: 't8-agent-09', category: AGENT,
    text: '   {"answer": 4}</s>',
    want: { answer: 4 }, status: 'VALID',
  },
  {
    id: 't8-agent-10', category: AGENT,
    text: `Sure! ${F}json\n{"age": "thirty"}\n${F} Hmm, age must be an integer. ${F}json\n{"age": 30}\n${F}`,
    want: { age: 30 }, status: 'VALID',
  },
  {
    id: 't8-agent-11', category: AGENT,
    text: `Final Answer:\n${F}\n{"summary": "ok", "score": 8}\n${F}`,
    want: { summary: 'ok', score: 8 }, status: 'VALID',
  },
  {
    id: 't8-agent-12', category: AGENT,
    text: 'json\n{"a": 1, "b": "two"}',
    want: { a: 1, b: 'two' }, status: 'VALID',
  },
  {
    id: 't8-agent-13', category: AGENT,
    text: '<|im_start|>assistant\n{"category": "billing", "priority": "high"}<|im_end|>\n<|im_start|>user',
    want: { category: 'billing', priority: 'high' }, status: 'VALID',
  },
  {
    id: 't8-agent-14', category: AGENT,
    text: 'Observation: {"temp": 18}\nThought: I have the data.\nFinal Answer: {"reply": "It is 18 degrees."}',
    want: { reply: 'It is 18 degrees.' }, status: 'VALID',
  },

  // ---- cut at max_tokens ----
  {
    id: 't8-cut-01', category: CUT,
    text: r`{"s": "caf\u00`,
    want: { s: 'caf' }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-02', category: CUT,
    text: '{"a": {"b": [1, 2], "c":',
    want: { a: { b: [1, 2] } }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-03', category: CUT,
    text: '{"x": 1.5e-',
    want: { x: 1.5 }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-04', category: CUT,
    text: '[true, fal',
    want: [true, false], status: 'TRUNCATED',
  },
  {
    id: 't8-cut-05', category: CUT,
    text: `Here you go:\n${F}json\n{"rows": [{"id": 1}, {"id": 2`,
    want: { rows: [{ id: 1 }, { id: 2 }] }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-06', category: CUT,
    text: r`{"q": "he said \"hi`,
    want: { q: 'he said "hi' }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-07', category: CUT,
    text: '{"path": "C:\\',
    want: { path: 'C:' }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-08', category: CUT,
    text: '<tool_call>\n{"name": "batch", "arguments": {"ids": [1, 2, 3,',
    want: { name: 'batch', arguments: { ids: [1, 2, 3] } }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-09', category: CUT,
    text: '{"alpha": 1, "be',
    want: { alpha: 1 }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-10', category: CUT,
    text: "{'a': True, 'b': ",
    want: { a: true }, status: 'TRUNCATED',
  },
  {
    id: 't8-cut-11', category: CUT,
    text: 'Thought: I should call the API.\nAction: http_get\nAction Input: {"url": "https://api.example.com/v1/items?limit=5", "headers": {"Accept": "applic',
    want: { url: 'https://api.example.com/v1/items?limit=5', headers: { Accept: 'applic' } }, status: 'TRUNCATED',
  },
];
