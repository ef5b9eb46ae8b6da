// New-user trial 14: LLM-like texts written by hand (trial14, 2026-12-02) BEFORE reading the engine's code,
// the corpus or trials 1-13's texts (only the README's promises — the answer-selection rule, the reasoning
// table, the repairs table, its "Known limit" lines — and the trial harness's types), aimed at families the
// earlier trials were likely thin on: structured-output answers of today's hosted models as users paste them
// (OpenAI, Anthropic, Gemini, Llama, Qwen, DeepSeek, Mistral), function calls that small local models (ollama,
// llama.cpp, LM Studio) write as text (Hermes `<tool_call>`, Llama 3.1 `<|python_tag|>` and `<function=…>`,
// DeepSeek's tool tokens, ReAct `Action Input:`), citations and footnotes around the JSON (`[1]`, `[^1]`,
// `【3†source】`, `[cite: 1]`), JSON Lines asked for, config-like answers with comments and trailing commas
// (tsconfig, package.json, VS Code settings/launch, devcontainer, JSON5), numbers / dates / escapes / emoji /
// NaN / Infinity, answers wrapped twice (a fence in a blockquote, a fence in a fence, JSON double-encoded as a
// string), streaming cuts of every shape, reasoning with drafts (Qwen3/QwQ/R1 `<think>`, `</think>` only,
// Magistral `[THINK]`, Gemini thought summaries), and texts that hold no answer (refusals, clarifying questions).
// Several values asked for (JSON Lines, parallel tool calls): the engine returns one value, so what a user needs
// is one of them AND a status that says more were there; these rows accept the first, the last or all of them
// as an array, each only with status REPAIRED (as trial 13's MULTI rows).
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written blind, committed before the first run; never edited to match the engine.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';

const STRUCT = 'structured output as pasted';
const TOOL = 'tool calls as text (local models)';
const CITE = 'citations and footnotes';
const NDJ = 'JSON Lines asked for';
const CONF = 'config answers: comments, trailing commas';
const NUM = 'numbers, dates, escapes, emoji';
const WRAP = 'wrapped twice';
const CUT = 'streaming cuts';
const THINK = 'reasoning with drafts';
const NONE = 'no answer';

function c(id: string, category: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t14-${id}`, category, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

/** Rows that accept the first, the last or all of several values, status REPAIRED. */
function multi(id: string, category: string, text: string, values: unknown[], status: TrialStatus | TrialStatus[] = 'REPAIRED'): TrialCase {
  return c(id, category, text, values[0], status, [values[values.length - 1], values]);
}

export const TRIAL14_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- structured output as pasted
  c('st-01', STRUCT, `${F}json\n{\n  "sentiment": "positive",\n  "confidence": 0.92\n}\n${F}`, { sentiment: 'positive', confidence: 0.92 }, 'VALID', undefined, 'Gemini: a bare json fence'),
  c('st-02', STRUCT, `Here's the extracted data in JSON format:\n\n${F}json\n{\n  "name": "Maria Keller",\n  "email": "maria@example.org",\n  "company": "Nordwind GmbH"\n}\n${F}\n\nLet me know if you'd like me to add any other fields!`, { name: 'Maria Keller', email: 'maria@example.org', company: 'Nordwind GmbH' }, 'VALID', undefined, 'Claude'),
  c('st-03', STRUCT, `Here is the output in JSON format:\n\n{\n  "name": "John Smith",\n  "dob": "1984-03-12",\n  "city": "Denver"\n}\n\nNote: I assumed the date format should be ISO 8601 (YYYY-MM-DD).`, { name: 'John Smith', dob: '1984-03-12', city: 'Denver' }, 'VALID', undefined, 'Llama 3: note after, with a format name in parentheses'),
  c('st-04', STRUCT, `${F}json\n[\n  {"product": "Laptop", "price": 999.99, "in_stock": true},\n  {"product": "Mouse", "price": 19.5, "in_stock": false}\n]\n${F}`, [{ product: 'Laptop', price: 999.99, in_stock: true }, { product: 'Mouse', price: 19.5, in_stock: false }], 'VALID'),
  c('st-05', STRUCT, `${F}json\n{\n  "name": "Widget",\n  "tags": ["a", "b"]\n}\n${F}\n\n### Explanation:\n- **name**: the product's name\n- **tags**: a list such as \`["x", "y"]\`\n- An empty result would be \`{}\``, { name: 'Widget', tags: ['a', 'b'] }, 'VALID', undefined, 'DeepSeek: explanation with inline-code examples after'),
  c('st-06', STRUCT, `{"title": "Quarterly report", "summary": "Revenue grew 12% year over year."}\n\nI hope this helps!`, { title: 'Quarterly report', summary: 'Revenue grew 12% year over year.' }, 'VALID', undefined, 'Mistral'),
  c('st-07', STRUCT, `\n\n{\n"label": "spam",\n"score": 0.97\n}`, { label: 'spam', score: 0.97 }, 'VALID', undefined, 'JSON mode: leading blank lines'),
  c('st-08', STRUCT, `{"refusal": "I'm sorry, but I can't assist with that request."}`, { refusal: "I'm sorry, but I can't assist with that request." }, 'VALID', undefined, 'OpenAI structured-output refusal object'),
  c('st-09', STRUCT, `"name": "Ada Lovelace", "born": 1815}`, { name: 'Ada Lovelace', born: 1815 }, ['REPAIRED'], undefined, 'Anthropic prefill: the assistant turn was prefilled with `{`, the user pastes only the continuation'),
  c('st-10', STRUCT, `${F}JSON\n{"ok": true, "count": 3}\n${F}`, { ok: true, count: 3 }, 'VALID'),
  c('st-11', STRUCT, `**Output:**\n\n${F}json\n{"language": "fr", "confidence": 0.88}\n${F}`, { language: 'fr', confidence: 0.88 }, 'VALID'),
  c('st-12', STRUCT, `Schema:\n${F}json\n{"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}\n${F}\n\nOutput:\n${F}json\n{"name": "Ada"}\n${F}`, { name: 'Ada' }, 'VALID'),
  c('st-13', STRUCT, `{'name': 'Ada', 'active': True, 'score': None, 'tags': ('x', 'y')}`, { name: 'Ada', active: true, score: null, tags: ['x', 'y'] }, 'REPAIRED', undefined, 'Python repr instead of JSON'),
  c('st-14', STRUCT, `${F}json\r\n{\r\n  "a": 1,\r\n  "b": "two"\r\n}\r\n${F}\r\n`, { a: 1, b: 'two' }, 'VALID', undefined, 'CRLF'),
  c('st-15', STRUCT, `{"status": "ok"}\n\nYou can parse it with \`JSON.parse(text)\` or \`json.loads(text)\`.`, { status: 'ok' }, 'VALID'),
  c('st-16', STRUCT, `Okay, here is the JSON response based on the provided text:\n\n${F}json\n{\n  "event": "Product launch",\n  "date": "2025-03-14",\n  "location": null\n}\n${F}`, { event: 'Product launch', date: '2025-03-14', location: null }, 'VALID', undefined, 'Gemini'),
  c('st-17', STRUCT, `${F}python\nimport json\nprint(json.dumps({'a': 1, 'b': [1, 2]}))\n${F}\n\nOutput:\n\n${F}json\n{"a": 1, "b": [1, 2]}\n${F}`, { a: 1, b: [1, 2] }, 'VALID', undefined, 'code first, its output after'),
  c('st-18', STRUCT, `{name: "Ada", age: 36, languages: ["en", "fr"]}`, { name: 'Ada', age: 36, languages: ['en', 'fr'] }, 'REPAIRED', undefined, 'small Llama 3.2: unquoted keys'),
  c('st-19', STRUCT, `Sure! Here's the classification:\n\n{"category": "billing", "priority": "high", "needs_human": false}`, { category: 'billing', priority: 'high', needs_human: false }, 'VALID'),
  c('st-20', STRUCT, `Based on the review, here is the structured analysis:\n\n${F}json\n{\n  "pros": ["battery life", "screen"],\n  "cons": ["price"],\n  "rating": 4\n}\n${F}\n\n**Summary:** The reviewer liked the battery life and the screen (rating 4/5), but found it pricey.`, { pros: ['battery life', 'screen'], cons: ['price'], rating: 4 }, 'VALID'),

  // ---------------------------------------------------------------- tool calls as text (local models)
  c('tc-01', TOOL, `<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo", "unit": "celsius"}}\n</tool_call>`, { name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius' } }, 'VALID', undefined, 'Hermes / Qwen 2.5 via ollama'),
  c('tc-02', TOOL, `<|python_tag|>{"name": "get_weather", "parameters": {"city": "Oslo"}}<|eom_id|>`, { name: 'get_weather', parameters: { city: 'Oslo' } }, 'VALID', undefined, 'Llama 3.1 raw'),
  c('tc-03', TOOL, `[TOOL_CALLS] [{"name": "search", "arguments": {"query": "rust async"}}]`, [{ name: 'search', arguments: { query: 'rust async' } }], 'VALID', undefined, 'Mistral with a space after the marker'),
  c('tc-04', TOOL, `<function=get_weather>{"city": "Oslo"}</function>`, { city: 'Oslo' }, 'VALID', undefined, 'Llama 3.1 custom tool format'),
  c('tc-05', TOOL, `{"name": "calculator", "arguments": {"expression": "23*17"}}\n\nI'll calculate that for you.`, { name: 'calculator', arguments: { expression: '23*17' } }, 'VALID'),
  multi('tc-06', TOOL, `<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Bergen"}}\n</tool_call>`, [{ name: 'get_weather', arguments: { city: 'Oslo' } }, { name: 'get_weather', arguments: { city: 'Bergen' } }]),
  c('tc-07', TOOL, String.raw`{"name": "create_event", "arguments": "{\"title\": \"Standup\", \"time\": \"09:00\"}"}`, { name: 'create_event', arguments: '{"title": "Standup", "time": "09:00"}' }, 'VALID', undefined, 'arguments as a JSON string'),
  c('tc-08', TOOL, `I'll look that up for you.\n\n${F}json\n{"tool": "web_search", "query": "best hiking trails near Bergen"}\n${F}`, { tool: 'web_search', query: 'best hiking trails near Bergen' }, 'VALID'),
  c('tc-09', TOOL, `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n${F}json\n{"city": "Oslo"}\n${F}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`, { city: 'Oslo' }, 'VALID', undefined, 'DeepSeek V3 tool tokens as text'),
  c('tc-10', TOOL, `Function call: {"name": "get_time", "arguments": {"timezone": "UTC"}}`, { name: 'get_time', arguments: { timezone: 'UTC' } }, 'VALID'),
  c('tc-11', TOOL, `<tool_call>\n{'name': 'get_weather', 'arguments': {'city': 'Oslo',}}\n</tool_call>`, { name: 'get_weather', arguments: { city: 'Oslo' } }, 'REPAIRED'),
  c('tc-12', TOOL, `<tool_call>\n{"name": "write_file", "arguments": {"path": "notes.txt", "content": "Hello wor`, { name: 'write_file', arguments: { path: 'notes.txt', content: 'Hello wor' } }, 'TRUNCATED'),
  c('tc-13', TOOL, `<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n<tool_response>\n{"temperature": -3, "condition": "snow"}\n</tool_response>`, { name: 'get_weather', arguments: { city: 'Oslo' } }, ['VALID', 'REPAIRED'], undefined, 'a small model hallucinating the tool result after its call'),
  c('tc-14', TOOL, `{"function_call": {"name": "lookup_order", "arguments": {"order_id": "A-1042"}}}`, { function_call: { name: 'lookup_order', arguments: { order_id: 'A-1042' } } }, 'VALID'),
  c('tc-15', TOOL, `<think>\nThe user wants the weather in Oslo. I should call get_weather with city Oslo.\n</think>\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>`, { name: 'get_weather', arguments: { city: 'Oslo' } }, 'VALID', undefined, 'Qwen3'),
  c('tc-16', TOOL, `Thought: I need to find the current weather.\nAction: search\nAction Input: {"query": "Oslo weather today"}`, { query: 'Oslo weather today' }, 'VALID', undefined, 'ReAct'),
  c('tc-17', TOOL, `Thought: I should compute this.\nAction: calculator\nAction Input: {"expression": "6*7"}\nObservation: {"result": 42}\nThought: I now know the final answer.\nFinal Answer: {"answer": 42}`, { answer: 42 }, 'VALID', undefined, 'ReAct with a hallucinated observation, then the final answer'),
  c('tc-18', TOOL, `Action:\n${F}\n{\n  "action": "Final Answer",\n  "action_input": "It is -3 °C and snowing in Oslo."\n}\n${F}`, { action: 'Final Answer', action_input: 'It is -3 °C and snowing in Oslo.' }, 'VALID', undefined, 'LangChain structured chat agent'),
  c('tc-19', TOOL, `${F}tool_code\nprint(get_weather(city="Oslo"))\n${F}`, null, 'FAILED', undefined, 'Gemma: a Python call, no JSON'),
  c('tc-20', TOOL, `<tool_call>\n{"name": "send_email", "arguments": {"to": "bo@example.com", "subject": "Hi", "body": "Line one\nLine two"}}\n</tool_call>`, { name: 'send_email', arguments: { to: 'bo@example.com', subject: 'Hi', body: 'Line one\nLine two' } }, 'REPAIRED', undefined, 'a raw line break inside the body string'),
  c('tc-21', TOOL, `<tool_call>\n{"name": "search_products", "arguments": {"query": "usb-c hub", "max_price": 40}}\n</tool_call><|im_end|>`, { name: 'search_products', arguments: { query: 'usb-c hub', max_price: 40 } }, 'VALID'),

  // ---------------------------------------------------------------- citations and footnotes
  c('ci-01', CITE, `{"gdp_growth": 2.1, "year": 2024} [1]`, { gdp_growth: 2.1, year: 2024 }, 'VALID'),
  c('ci-02', CITE, `${F}json\n{"population": 709037, "city": "Oslo"}\n${F}\n\n[1] https://www.ssb.no/en/befolkning\n[2] https://en.wikipedia.org/wiki/Oslo`, { population: 709037, city: 'Oslo' }, 'VALID', undefined, 'Perplexity: sources after the fence'),
  c('ci-03', CITE, `{"boiling_point_c": 100}[^1]\n\n[^1]: At sea level (101.325 kPa).`, { boiling_point_c: 100 }, 'VALID', undefined, 'markdown footnote'),
  c('ci-04', CITE, `{"fact": "Water boils at 100 °C at sea level [1]."}`, { fact: 'Water boils at 100 °C at sea level [1].' }, 'VALID'),
  c('ci-05', CITE, `{"population": 709037 [2], "area_km2": 454}`, { population: 709037, area_km2: 454 }, 'REPAIRED', undefined, 'a citation inside the object after a number'),
  c('ci-06', CITE, `{"capital": "Oslo" [1], "country": "Norway" [2]}`, { capital: 'Oslo', country: 'Norway' }, 'REPAIRED', undefined, 'citations after string values'),
  c('ci-07', CITE, `Here is the data you requested:\n\n{"inflation": 3.1, "unemployment": 4.0} [1][2]\n\nSources:\n[1] Bureau of Labor Statistics\n[2] FRED`, { inflation: 3.1, unemployment: 4.0 }, 'VALID'),
  c('ci-08', CITE, `{"answer": "Paris"}【3†source】`, { answer: 'Paris' }, 'VALID', undefined, 'OpenAI file-search citation marker'),
  c('ci-09', CITE, `${F}json\n{"ceo": "Satya Nadella", "since": 2014}\n${F}\nSources: [1], [2]`, { ceo: 'Satya Nadella', since: 2014 }, 'VALID'),
  c('ci-10', CITE, `{"half_life_years": 5730}\n[1] Godwin, H. (1962). Half-life of radiocarbon. Nature.`, { half_life_years: 5730 }, 'VALID'),
  c('ci-11', CITE, `["Oslo" [1], "Bergen" [2], "Trondheim" [3]]`, ['Oslo', 'Bergen', 'Trondheim'], 'REPAIRED', undefined, 'citations after array elements'),
  c('ci-12', CITE, `According to the 2023 census [1], the figures are:\n\n${F}json\n{"households": 2500000}\n${F}`, { households: 2500000 }, 'VALID'),
  c('ci-13', CITE, `{"melting_point_c": 1538} [cite: 1, 4]`, { melting_point_c: 1538 }, 'VALID', undefined, 'Gemini grounding marker'),
  c('ci-14', CITE, `{"answer": "42"}\n\n---\n**Sources**\n1. [Wikipedia: 42](https://en.wikipedia.org/wiki/42_(number))\n2. [The Hitchhiker's Guide](https://example.com/hhgttg)`, { answer: '42' }, 'VALID'),
  c('ci-15', CITE, `The result:\n{"speed_kmh": 299792.458}[1]\n\n[1]: https://physics.nist.gov`, { speed_kmh: 299792.458 }, 'VALID'),

  // ---------------------------------------------------------------- JSON Lines asked for
  multi('nd-01', NDJ, `{"id": 1, "name": "Ana"}\n{"id": 2, "name": "Bo"}\n{"id": 3, "name": "Cy"}`, [{ id: 1, name: 'Ana' }, { id: 2, name: 'Bo' }, { id: 3, name: 'Cy' }]),
  multi('nd-02', NDJ, `${F}jsonl\n{"text": "great product", "label": "pos"}\n{"text": "broke after a day", "label": "neg"}\n${F}`, [{ text: 'great product', label: 'pos' }, { text: 'broke after a day', label: 'neg' }]),
  multi('nd-03', NDJ, `Here are the records in JSON Lines format:\n\n{"sku": "A1", "qty": 3}\n{"sku": "B2", "qty": 0}\n{"sku": "C3", "qty": 12}`, [{ sku: 'A1', qty: 3 }, { sku: 'B2', qty: 0 }, { sku: 'C3', qty: 12 }]),
  multi('nd-04', NDJ, `{"id": 1}\n{"id": 2}\n{"id":`, [{ id: 1 }, { id: 2 }], ['REPAIRED', 'TRUNCATED']),
  multi('nd-05', NDJ, `{"q": "What is 2+2?", "a": "4"}\n\n{"q": "Capital of France?", "a": "Paris"}\n`, [{ q: 'What is 2+2?', a: '4' }, { q: 'Capital of France?', a: 'Paris' }]),
  multi('nd-06', NDJ, `{"a": 1},\n{"a": 2},\n{"a": 3},\n`, [{ a: 1 }, { a: 2 }, { a: 3 }]),
  multi('nd-07', NDJ, `${F}ndjson\n{"event": "login", "user": "u1"}\n{"event": "logout", "user": "u1"}\n${F}`, [{ event: 'login', user: 'u1' }, { event: 'logout', user: 'u1' }]),
  c('nd-08', NDJ, `[{"id": 1}, {"id": 2}]`, [{ id: 1 }, { id: 2 }], 'VALID', undefined, 'an array where JSON Lines was asked'),
  multi('nd-09', NDJ, `{"n": 1, "ok": true}\n{n: 2, ok: false}\n{"n": 3, "ok": true}`, [{ n: 1, ok: true }, { n: 2, ok: false }, { n: 3, ok: true }]),
  multi('nd-10', NDJ, `{"level":"info","msg":"server started","port":8080}\n{"level":"error","msg":"db timeout","retry":true}`, [{ level: 'info', msg: 'server started', port: 8080 }, { level: 'error', msg: 'db timeout', retry: true }]),
  c('nd-11', NDJ, `{"prompt": "Translate: hello", "completion": "bonjour"}\n`, { prompt: 'Translate: hello', completion: 'bonjour' }, 'VALID', undefined, 'one line'),
  multi('nd-12', NDJ, `{"city": "Oslo", "temp": -3}\n{"city": "Rome", "temp": 14}\n\nEach line is one JSON object, so you can stream it.`, [{ city: 'Oslo', temp: -3 }, { city: 'Rome', temp: 14 }]),
  multi('nd-13', NDJ, `1. {"step": "fetch", "ok": true}\n2. {"step": "parse", "ok": true}\n3. {"step": "store", "ok": false}`, [{ step: 'fetch', ok: true }, { step: 'parse', ok: true }, { step: 'store', ok: false }]),
  multi('nd-14', NDJ, `[1, "a", true]\n[2, "b", false]`, [[1, 'a', true], [2, 'b', false]]),

  // ---------------------------------------------------------------- config answers: comments, trailing commas
  c('cf-01', CONF, `${F}jsonc\n{\n  "compilerOptions": {\n    "target": "ES2022", // modern output\n    "module": "NodeNext",\n    "strict": true,\n  },\n  "include": ["src"],\n}\n${F}`, { compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true }, include: ['src'] }, 'REPAIRED', undefined, 'tsconfig'),
  c('cf-02', CONF, `Add a script to your package.json:\n\n${F}json\n{\n  "name": "my-app",\n  "scripts": {\n    "build": "tsc",\n    // add this line:\n    "test": "vitest run"\n  }\n}\n${F}`, { name: 'my-app', scripts: { build: 'tsc', test: 'vitest run' } }, 'REPAIRED'),
  c('cf-03', CONF, `${F}json\n{\n  // Editor\n  "editor.fontSize": 14,\n  "editor.formatOnSave": true,\n  // Files\n  "files.autoSave": "afterDelay",\n}\n${F}`, { 'editor.fontSize': 14, 'editor.formatOnSave': true, 'files.autoSave': 'afterDelay' }, 'REPAIRED', undefined, 'VS Code settings.json'),
  c('cf-04', CONF, `/* tsconfig.json */\n{\n  "compilerOptions": { "strict": true }\n}`, { compilerOptions: { strict: true } }, ['REPAIRED', 'VALID'], undefined, 'a block comment before the value'),
  c('cf-05', CONF, `${F}json\n{\n  "extends": ["eslint:recommended", "prettier",],\n  "rules": {\n    "no-console": "warn",\n  },\n}\n${F}`, { extends: ['eslint:recommended', 'prettier'], rules: { 'no-console': 'warn' } }, 'REPAIRED', undefined, '.eslintrc.json'),
  c('cf-06', CONF, `Add this to your package.json:\n\n${F}json\n"scripts": {\n  "dev": "vite",\n  "build": "vite build"\n}\n${F}`, { scripts: { dev: 'vite', build: 'vite build' } }, ['REPAIRED'], [{ dev: 'vite', build: 'vite build' }], 'a member without its object'),
  c('cf-07', CONF, `${F}json\n{\n  "compilerOptions": {\n    ...\n    "strict": true\n  }\n}\n${F}`, { compilerOptions: { strict: true } }, 'REPAIRED', undefined, 'an ellipsis for the fields left out'),
  c('cf-08', CONF, `{\n  "$schema": "https://json.schemastore.org/tsconfig", // schema\n  "extends": "@tsconfig/node20/tsconfig.json"\n}`, { $schema: 'https://json.schemastore.org/tsconfig', extends: '@tsconfig/node20/tsconfig.json' }, 'REPAIRED'),
  c('cf-09', CONF, `${F}json\n{\n  // Use IntelliSense to learn about possible attributes.\n  // Hover to view descriptions of existing attributes.\n  // For more information, visit: https://go.microsoft.com/fwlink/?linkid=830387\n  "version": "0.2.0",\n  "configurations": [\n    {\n      "type": "node",\n      "request": "launch",\n      "name": "Launch Program",\n      "program": "\${workspaceFolder}/index.js"\n    }\n  ]\n}\n${F}`, { version: '0.2.0', configurations: [{ type: 'node', request: 'launch', name: 'Launch Program', program: '${workspaceFolder}/index.js' }] }, 'REPAIRED', undefined, 'VS Code launch.json template'),
  c('cf-10', CONF, `${F}json\n{\n  "name": "Node.js",\n  "image": "mcr.microsoft.com/devcontainers/javascript-node:20",\n  "customizations": {\n    "vscode": {\n      "extensions": ["dbaeumer.vscode-eslint",],\n    },\n  },\n  "postCreateCommand": "npm ci",\n}\n${F}`, { name: 'Node.js', image: 'mcr.microsoft.com/devcontainers/javascript-node:20', customizations: { vscode: { extensions: ['dbaeumer.vscode-eslint'] } }, postCreateCommand: 'npm ci' }, 'REPAIRED', undefined, 'devcontainer.json'),
  c('cf-11', CONF, `{\n  # the port the server listens on\n  "port": 8080,\n  "host": "0.0.0.0"\n}`, { port: 8080, host: '0.0.0.0' }, 'REPAIRED'),
  c('cf-12', CONF, `{\n  "a": 1, // first\n  "b": 2 // second\n}`, { a: 1, b: 2 }, 'REPAIRED'),
  c('cf-13', CONF, `${F}json5\n{\n  name: 'app',\n  port: 0x1F90,\n  debug: false,\n}\n${F}`, { name: 'app', port: 8080, debug: false }, 'REPAIRED', undefined, 'JSON5'),
  c('cf-14', CONF, `Here's a minimal package.json:\n\n${F}json\n{\n  "name": "api",\n  "version": "1.0.0",\n  "type": "module",\n  // ... other fields\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n${F}`, { name: 'api', version: '1.0.0', type: 'module', dependencies: { express: '^4.19.2' } }, 'REPAIRED'),
  c('cf-15', CONF, `{\n  // use {} for an empty config\n  "plugins": {}\n}`, { plugins: {} }, 'REPAIRED', undefined, 'a brace inside a comment'),
  c('cf-16', CONF, `{\n  // don't change this unless you know what you're doing\n  "cacheDir": ".cache"\n}`, { cacheDir: '.cache' }, 'REPAIRED', undefined, 'an apostrophe inside a comment'),
  c('cf-17', CONF, `{\n  "compilerOptions": {\n    /* Bundler mode */\n    "moduleResolution": "bundler",\n    "paths": { "@/*": ["./src/*"] },\n    /* Linting */\n    "noUnusedLocals": true,\n  }\n}`, { compilerOptions: { moduleResolution: 'bundler', paths: { '@/*': ['./src/*'] }, noUnusedLocals: true } }, 'REPAIRED', undefined, 'Vite tsconfig with block comments and a glob in a string'),
  c('cf-18', CONF, `{"editor.tabSize": 2} // settings.json`, { 'editor.tabSize': 2 }, ['VALID', 'REPAIRED']),
  c('cf-19', CONF, `${F}json\n{\n  "recommendations": [\n    "esbenp.prettier-vscode",\n    "dbaeumer.vscode-eslint", // linting\n  ]\n}\n${F}`, { recommendations: ['esbenp.prettier-vscode', 'dbaeumer.vscode-eslint'] }, 'REPAIRED', undefined, 'extensions.json'),

  // ---------------------------------------------------------------- numbers, dates, escapes, emoji
  c('nu-01', NUM, `{"id": 12345678901234567890, "ok": true}`, JSON.parse('{"id": 12345678901234567890, "ok": true}'), 'VALID', undefined, 'an integer past 2^64'),
  c('nu-02', NUM, `{"ts": 1733155200000, "iso": "2024-12-02T16:00:00Z"}`, { ts: 1733155200000, iso: '2024-12-02T16:00:00Z' }, 'VALID'),
  c('nu-03', NUM, String.raw`{"name": "Jos\u00e9 Mar\u00eda", "city": "S\u00e3o Paulo"}`, { name: 'José María', city: 'São Paulo' }, 'VALID'),
  c('nu-04', NUM, String.raw`{"reaction": "\ud83d\ude00", "flag": "\ud83c\uddf3\ud83c\uddf4"}`, { reaction: '😀', flag: '🇳🇴' }, 'VALID', undefined, 'escaped surrogate pairs'),
  c('nu-05', NUM, `{"mood": "😀🎉", "flag": "🇳🇴", "family": "👨‍👩‍👧"}`, { mood: '😀🎉', flag: '🇳🇴', family: '👨‍👩‍👧' }, 'VALID'),
  c('nu-06', NUM, `{"score": NaN, "n": 3}`, { score: null, n: 3 }, 'REPAIRED'),
  c('nu-07', NUM, `{"max": Infinity, "min": -Infinity}`, { max: null, min: null }, 'REPAIRED'),
  c('nu-08', NUM, `{"delta": +5, "ratio": .25}`, { delta: 5, ratio: 0.25 }, 'REPAIRED'),
  c('nu-09', NUM, `{"v": 5., "w": 1.0}`, { v: 5, w: 1.0 }, 'REPAIRED'),
  c('nu-10', NUM, `{"date": 2024-12-02, "count": 4}`, { date: '2024-12-02', count: 4 }, 'REPAIRED'),
  c('nu-11', NUM, `{"start": 09:30, "end": 17:00}`, { start: '09:30', end: '17:00' }, 'REPAIRED'),
  c('nu-12', NUM, `{"avogadro": 6.022e23, "planck": 6.626E-34, "c": 2.998e+8}`, { avogadro: 6.022e23, planck: 6.626e-34, c: 2.998e8 }, 'VALID'),
  c('nu-13', NUM, `{"z": -0, "big": 1E+300, "tiny": 5e-324}`, JSON.parse('{"z": -0, "big": 1E+300, "tiny": 5e-324}'), 'VALID'),
  c('nu-14', NUM, `{"price": 0.1000000000000000055511151231257827}`, JSON.parse('{"price": 0.1000000000000000055511151231257827}'), 'VALID'),
  c('nu-15', NUM, String.raw`{"tab": "a\tb", "nul": "x\u0000y", "bell": "\u0007"}`, { tab: 'a\tb', nul: 'x\u0000y', bell: '\u0007' }, 'VALID'),
  c('nu-16', NUM, String.raw`{"url": "https:\/\/example.com\/a?b=1"}`, { url: 'https://example.com/a?b=1' }, 'VALID'),
  c('nu-17', NUM, String.raw`{"s": "\x41BC"}`, { s: 'ABC' }, 'REPAIRED', [{ s: '\\x41BC' }], 'a JavaScript hex escape'),
  c('nu-18', NUM, `{"growth": 12.5%, "price": $19.99}`, { growth: '12.5%', price: '$19.99' }, 'REPAIRED', [{ growth: '12.5%', price: 19.99 }]),
  c('nu-19', NUM, `{"amount": 1,250,000.50, "currency": "USD"}`, { amount: 1250000.5, currency: 'USD' }, 'REPAIRED', undefined, 'thousands separators'),
  c('nu-20', NUM, String.raw`{"lone": "a\ud83d b"}`, JSON.parse(String.raw`{"lone": "a\ud83d b"}`), 'VALID', undefined, 'a lone surrogate escape is valid JSON text'),
  c('nu-21', NUM, `{"created": datetime.datetime(2024, 12, 2, 16, 0), "n": 1}`, { created: 'datetime.datetime(2024, 12, 2, 16, 0)', n: 1 }, 'REPAIRED', [{ created: '2024-12-02T16:00:00', n: 1 }], 'a Python datetime repr'),
  c('nu-22', NUM, String.raw`{"snowman": "\u2603", "ok": "\u2705"}`, { snowman: '☃', ok: '✅' }, 'VALID'),

  // ---------------------------------------------------------------- wrapped twice
  c('wr-01', WRAP, `> ${F}json\n> {"a": 1,\n>  "b": 2}\n> ${F}`, { a: 1, b: 2 }, ['REPAIRED', 'VALID'], undefined, 'a fence inside a blockquote'),
  c('wr-02', WRAP, `> {"status": "done", "items": 3}`, { status: 'done', items: 3 }, 'VALID'),
  c('wr-03', WRAP, String.raw`"{\"name\": \"Ada\", \"age\": 36}"`, { name: 'Ada', age: 36 }, ['REPAIRED', 'VALID'], ['{"name": "Ada", "age": 36}'], 'double-encoded'),
  c('wr-04', WRAP, `${F}json\n` + String.raw`"{\"a\": 1, \"b\": [true, null]}"` + `\n${F}`, { a: 1, b: [true, null] }, ['REPAIRED', 'VALID'], ['{"a": 1, "b": [true, null]}'], 'double-encoded in a fence'),
  c('wr-05', WRAP, String.raw`{"output": "{\"city\": \"Oslo\"}", "model": "llama3.1:8b"}`, { output: '{"city": "Oslo"}', model: 'llama3.1:8b' }, 'VALID', undefined, 'an envelope with the JSON as a string'),
  c('wr-06', WRAP, `${F}${F.slice(0, 1)}markdown\n${F}json\n{"a": 1}\n${F}\n${F}${F.slice(0, 1)}`, { a: 1 }, 'VALID', undefined, 'a four-backtick fence around a json fence'),
  c('wr-07', WRAP, `1. Output:\n   ${F}json\n   {"step": 1, "ok": true}\n   ${F}`, { step: 1, ok: true }, 'VALID', undefined, 'a fence indented in a list item'),
  c('wr-08', WRAP, String.raw`response="{\"ok\":true,\"id\":7}"`, { ok: true, id: 7 }, ['REPAIRED', 'VALID'], ['{"ok":true,"id":7}']),
  c('wr-09', WRAP, String.raw`"{\n  \"a\": 1,\n  \"b\": \"x\"\n}"`, { a: 1, b: 'x' }, ['REPAIRED', 'VALID'], ['{\n  "a": 1,\n  "b": "x"\n}'], 'double-encoded with its line breaks escaped'),
  c('wr-10', WRAP, `'{"a": 1, "b": 2}'`, { a: 1, b: 2 }, ['REPAIRED', 'VALID'], ['{"a": 1, "b": 2}'], 'a Python repr of a JSON string'),
  c('wr-11', WRAP, `<details>\n<summary>JSON</summary>\n\n${F}json\n{"a": 1}\n${F}\n</details>`, { a: 1 }, 'VALID'),
  c('wr-12', WRAP, `> {\n>   "a": 1,\n>   "b": [1, 2]\n> }`, { a: 1, b: [1, 2] }, ['REPAIRED', 'VALID'], undefined, 'a multi-line value in a blockquote'),
  c('wr-13', WRAP, `{"role": "assistant", "content": "${F}json\\n{\\"a\\": 1}\\n${F}"}`, { role: 'assistant', content: `${F}json\n{"a": 1}\n${F}` }, 'VALID', undefined, 'a pasted chat message object'),
  c('wr-14', WRAP, `>> {"reply": "ok"}`, { reply: 'ok' }, 'VALID', undefined, 'a quote in a quote (an email reply)'),
  c('wr-15', WRAP, `Here is the escaped JSON string:\n` + String.raw`"{\"id\": 7, \"tags\": [\"a\"]}"`, { id: 7, tags: ['a'] }, ['REPAIRED', 'VALID'], ['{"id": 7, "tags": ["a"]}']),
  c('wr-16', WRAP, `> **Answer**\n>\n> ${F}json\n> {"total": 12}\n> ${F}`, { total: 12 }, ['VALID', 'REPAIRED']),

  // ---------------------------------------------------------------- streaming cuts
  c('cu-01', CUT, `{"a": "hel`, { a: 'hel' }, 'TRUNCATED'),
  c('cu-02', CUT, `{"a": 1, "b`, { a: 1 }, 'TRUNCATED'),
  c('cu-03', CUT, `{"a": 1, "b":`, { a: 1 }, 'TRUNCATED'),
  c('cu-04', CUT, `{"a": [1, 2, `, { a: [1, 2] }, 'TRUNCATED'),
  c('cu-05', CUT, `{"a": tr`, { a: true }, 'TRUNCATED', [{}]),
  c('cu-06', CUT, `{"a": -`, {}, 'TRUNCATED'),
  c('cu-07', CUT, `{"a": "x\\`, { a: 'x' }, 'TRUNCATED'),
  c('cu-08', CUT, `{"a": "\\u00`, { a: '' }, 'TRUNCATED'),
  c('cu-09', CUT, String.raw`{"emoji": "hi \ud83d`, { emoji: 'hi ' }, 'TRUNCATED'),
  c('cu-10', CUT, `${F}json\n{"items": [{"id": 1}, {"id": 2, "name": "B`, { items: [{ id: 1 }, { id: 2, name: 'B' }] }, 'TRUNCATED'),
  c('cu-11', CUT, `Sure, here's the JSON:\n\n${F}json\n{\n  "title": "Dune",\n  "year": 19`, { title: 'Dune', year: 19 }, 'TRUNCATED', [{ title: 'Dune' }]),
  c('cu-12', CUT, `<think>ok</think>{"a": [1, {"b": nul`, { a: [1, { b: null }] }, 'TRUNCATED', [{ a: [1, {}] }]),
  c('cu-13', CUT, `{"name": "Ada", "em`, { name: 'Ada' }, 'TRUNCATED'),
  c('cu-14', CUT, `{"x": 1.5e`, { x: 1.5 }, 'TRUNCATED'),
  c('cu-15', CUT, `[[[1, 2], [3`, [[[1, 2], [3]]], 'TRUNCATED'),
  c('cu-16', CUT, `{"q": "say \\"hi`, { q: 'say "hi' }, 'TRUNCATED'),
  c('cu-17', CUT, `[1, 2,`, [1, 2], 'TRUNCATED'),
  c('cu-18', CUT, `{'a': 'b', 'c': 'd`, { a: 'b', c: 'd' }, 'TRUNCATED'),
  c('cu-19', CUT, `${F}json\n`, null, 'FAILED'),
  c('cu-20', CUT, `[true, fal`, [true, false], 'TRUNCATED'),
  c('cu-21', CUT, `{"text": "Résumé of Zoë — 東京`, { text: 'Résumé of Zoë — 東京' }, 'TRUNCATED'),
  c('cu-22', CUT, `{"list": [{"k": "v"}, {"k"`, { list: [{ k: 'v' }, {}] }, 'TRUNCATED', [{ list: [{ k: 'v' }] }]),

  // ---------------------------------------------------------------- reasoning with drafts
  c('th-01', THINK, `<think>\nThe user wants a JSON with name and age. Let me draft: {"name": "Ada"}. Wait, age is missing. So {"name": "Ada", "age": 36}.\n</think>\n\n{"name": "Ada", "age": 36}`, { name: 'Ada', age: 36 }, 'VALID', undefined, 'Qwen3'),
  c('th-02', THINK, `Okay, let's figure out what the user needs. A draft would be {"x": 1}. Hmm, no, x should be 2 because the list has two items.\n</think>\n\n${F}json\n{"x": 2}\n${F}`, { x: 2 }, 'VALID', undefined, 'R1 through an API that drops the opening tag'),
  c('th-03', THINK, `Alright, so I need to produce the config. My first thought is {"retries": 1}, but wait, the user said three attempts, so retries should be 3.\n\nLet me double-check: three attempts means retries = 3. Yes.\n\n**Final Answer**\n${F}json\n{"retries": 3}\n${F}`, { retries: 3 }, 'VALID', undefined, 'QwQ without tags'),
  c('th-04', THINK, `<think>\nCount the vowels in "banana": a, a, a → 3.\n</think>\n\n**Answer:**\n${F}json\n{"vowels": 3}\n${F}`, { vowels: 3 }, 'VALID'),
  c('th-05', THINK, `<think>\n${F}json\n{"v": 1}\n${F}\nNo, v must be 3 per the spec.\n</think>\n{"v": 3}`, { v: 3 }, 'VALID'),
  c('th-06', THINK, `Let me draft:\n${F}json\n{"v": 1}\n${F}\nHmm, that's wrong, the spec says 2.\n</think>\n{"v": 2}`, { v: 2 }, 'VALID', undefined, 'a fenced draft, then a lone closing tag'),
  c('th-07', THINK, `<think>\n\n</think>\n\n{"answer": "yes", "confidence": 0.7}`, { answer: 'yes', confidence: 0.7 }, 'VALID', undefined, 'Qwen3 with thinking off'),
  c('th-08', THINK, `<think>\n\n</think>\n\n${F}json\n[1, 2, 3]\n${F}`, [1, 2, 3], 'VALID'),
  c('th-09', THINK, `<think>\nLet me think about the schema. The object should be {"a": 1}... hmm, or maybe`, null, 'FAILED', undefined, 'cut inside the thinking: no answer yet'),
  c('th-10', THINK, `The user wants one key.\n</think>\n\n${F}json\n{"a": 1}\n${F}\n\nFor example, if you also wanted b it would be \`{"a": 1, "b": 2}\`.`, { a: 1 }, 'VALID'),
  c('th-11', THINK, `<think>\n12 + 30 = 42.\n</think>\n{"total": 42}\n\nExplanation: I summed the two values.`, { total: 42 }, 'VALID'),
  c('th-12', THINK, `<THINK>simple</THINK>{"a": 1}`, { a: 1 }, 'VALID'),
  c('th-13', THINK, `[THINK]The user wants the count. My first guess is {"count": 4}, no, I double counted one.[/THINK]{"count": 3}`, { count: 3 }, 'VALID', undefined, 'Magistral [THINK] tokens'),
  c('th-14', THINK, `**Analyzing the request**\n\nI'm parsing the user's request for a JSON summary. I've drafted \`{"topic": "x"}\` but it needs the word count.\n\n**Formulating the JSON**\n\nI've added the count.\n\n${F}json\n{"topic": "climate", "words": 120}\n${F}`, { topic: 'climate', words: 120 }, 'VALID', undefined, 'Gemini thought summaries pasted'),
  c('th-15', THINK, `The format should be:\n{"status": "draft"}\nLet me finalize it.\n</think>\n{"status": "ok"}`, { status: 'ok' }, 'VALID', undefined, 'a draft on its own line before a lone closing tag'),
  c('th-16', THINK, `<think>\nThe user asks for JSON.\n</think>\n\n{"n": 5}\n\nWait, I miscounted. The correct answer is:\n{"n": 6}`, { n: 6 }, ['REPAIRED', 'VALID'], undefined, 'a correction after the streamed answer'),
  c('th-17', THINK, `<think>\nOption 1: {"mode": "a"}\nOption 2: {"mode": "b"}\nThe user prefers speed, so b.\n</think>\n<answer>{"mode": "b"}</answer>`, { mode: 'b' }, 'VALID'),
  c('th-18', THINK, `<think>The user wants JSON.</think>\n\n<think>Actually let me double-check the keys.</think>\n\n{"ok": true}`, { ok: true }, 'VALID', undefined, 'two reasoning blocks'),

  // ---------------------------------------------------------------- no answer
  c('no-01', NONE, `I'm sorry, but I can't help with that request.`, null, 'FAILED'),
  c('no-02', NONE, `Could you clarify which fields you need in the JSON? For example, should it include the email address?`, null, 'FAILED'),
  c('no-03', NONE, `I can't generate that JSON because the text you provided doesn't contain any dates. Please share the full document.`, null, 'FAILED'),
  c('no-04', NONE, `As an AI language model, I don't have access to real-time stock prices.`, null, 'FAILED'),
  c('no-05', NONE, `I need more information: what is the user's ID? [pending]`, null, 'FAILED'),
  c('no-06', NONE, `unsafe\nS2`, null, 'FAILED', undefined, 'Llama Guard verdict'),
  c('no-07', NONE, `<think>The user asks for a private address. I must refuse.</think>\nI can't share personal addresses.`, null, 'FAILED'),
  c('no-08', NONE, `Sorry, I don't know the answer to that [1].`, null, 'FAILED'),
  c('no-09', NONE, `申し訳ありませんが、そのリクエストにはお応えできません。`, null, 'FAILED'),
  c('no-10', NONE, `Do you want:\n1. A flat object\n2. A nested object\n\nLet me know and I'll generate it!`, null, 'FAILED'),
  c('no-11', NONE, `Error: context length exceeded (max 4096 tokens).`, null, 'FAILED'),
  c('no-12', NONE, `I'd be happy to help! Which format should the dates use — ISO 8601 or Unix timestamps?`, null, 'FAILED'),
];
