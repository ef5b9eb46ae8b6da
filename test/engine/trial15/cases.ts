// New-user trial 15: LLM-like texts written by hand (trial15, 2026-12-03) BEFORE reading the engine's code,
// the corpus or trials 1-14's texts (only the README's promises — the answer-selection rule, the reasoning
// table, the repairs table, its "Known limit" lines — and the trial harness's types), aimed at families the
// earlier trials were likely thin on: "fix my JSON" tasks (the model echoes the broken JSON, then gives the
// corrected one); answers copied out of chat web UIs (ChatGPT's `json` / `Copy code` / `Copy` `Edit` lines,
// Gemini's "Use code with caution.", Claude.ai's button text, no fences); a markdown table AND a JSON version;
// extraction tasks (a quoted source document holding JSON-like text, then the extracted record); multi-turn
// pastes (user/assistant labels, several values, the last assistant turn wanted); JSON Patch / merge patch /
// before-after answers; Mongo / GraphQL / Elasticsearch queries written JSON-ish (`$gt`, `ObjectId(…)`,
// `ISODate(…)`); log lines with embedded JSON; LaTeX and math around (and inside) values; answers that explain
// each field afterwards with inline-code values; YAML / TOML / other formats given when JSON was asked for (no
// JSON there: FAILED); very small answers after prose (`true`, `42`, `"ok"`).
// Several values asked for (a log of JSON lines): these rows accept the first, the last or all of them as an
// array, each only with status REPAIRED (as trial 13/14's MULTI rows).
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written blind, committed before the first run; never edited to match the engine.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';
const R = String.raw;

const FIX = '"fix my JSON" tasks';
const WEB = 'copied from chat web UIs';
const TABLE = 'markdown table and JSON';
const EXTRACT = 'extraction from a quoted source';
const TURNS = 'multi-turn pastes';
const PATCH = 'patches and before/after';
const QUERY = 'Mongo / GraphQL / query DSLs';
const LOG = 'log lines with JSON';
const MATH = 'LaTeX and math';
const EXPLAIN = 'fields explained afterwards';
const OTHER = 'YAML / TOML / other formats';
const SMALL = 'very small answers';

function c(id: string, category: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t15-${id}`, category, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

/** Rows that accept the first, the last or all of several values, status REPAIRED. */
function multi(id: string, category: string, text: string, values: unknown[], status: TrialStatus | TrialStatus[] = 'REPAIRED'): TrialCase {
  return c(id, category, text, values[0], status, [values[values.length - 1], values]);
}

const none = (id: string, category: string, text: string, note?: string) => c(id, category, text, null, 'FAILED', undefined, note);

export const TRIAL15_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- "fix my JSON" tasks
  c('fx-01', FIX, `Here's your original JSON with the problem:\n\n${F}json\n{"name": "Ada", "age": 36,}\n${F}\n\nThe trailing comma after \`36\` is not allowed in JSON. Here's the corrected version:\n\n${F}json\n{"name": "Ada", "age": 36}\n${F}`, { name: 'Ada', age: 36 }, 'VALID'),
  c('fx-02', FIX, `Your JSON has two issues: the keys are not quoted and it uses single quotes.\n\nOriginal:\n{name: 'Ada', city: 'Paris'}\n\nFixed:\n{"name": "Ada", "city": "Paris"}`, { name: 'Ada', city: 'Paris' }, 'VALID'),
  c('fx-03', FIX, `Corrected JSON:\n${F}json\n{"id": 7, "tags": ["a", "b"]}\n${F}\n\nFor comparison, your input was:\n${F}\n{id: 7, tags: ['a', 'b',]}\n${F}`, { id: 7, tags: ['a', 'b'] }, 'VALID'),
  c('fx-04', FIX, `The problem is on line 3: \`"active": True\` should be \`"active": true\` (JSON booleans are lower case).\n\n${F}json\n{\n  "user": "bo",\n  "active": true\n}\n${F}`, { user: 'bo', active: true }, 'VALID'),
  c('fx-05', FIX, `Here is the fixed JSON:\n\n{"a": 1, "b": 2,}`, { a: 1, b: 2 }, 'REPAIRED', undefined, 'the "fix" still has a trailing comma'),
  c('fx-06', FIX, `You're missing a closing brace. Your JSON:\n\n    {"user": {"id": 1, "name": "Bo"}\n\nshould be:\n\n    {"user": {"id": 1, "name": "Bo"}}`, { user: { id: 1, name: 'Bo' } }, 'VALID', undefined, 'indented code blocks, the broken echo cut at its line'),
  c('fx-07', FIX, `**Before:**\n${F}json\n{"price": "12.50" "currency": "EUR"}\n${F}\n\n**After:**\n${F}json\n{"price": "12.50", "currency": "EUR"}\n${F}`, { price: '12.50', currency: 'EUR' }, 'VALID'),
  c('fx-08', FIX, `{"items": [1, 2, 3], "total": 6}\n\nI removed the trailing comma and closed the array.`, { items: [1, 2, 3], total: 6 }, 'VALID'),
  c('fx-09', FIX, `I found three problems:\n\n1. \`'name'\` uses single quotes\n2. \`// comment\` is not allowed in JSON\n3. \`,}\` is a trailing comma\n\nValid JSON:\n\n${F}json\n{\n  "name": "widget",\n  "qty": 4\n}\n${F}`, { name: 'widget', qty: 4 }, 'VALID'),
  c('fx-10', FIX, `${F}json\n{"host": "db.local", "port": 5432}\n${F}\n\n| What | Was | Now |\n|---|---|---|\n| port | \`"5432"\` | \`5432\` |\n| quotes | \`'db.local'\` | \`"db.local"\` |`, { host: 'db.local', port: 5432 }, 'VALID'),
  c('fx-11', FIX, `Here's the fixed JSON:\n\n${F}json\n{\n  "a": 1,\n  "b": [true, null]\n}\n${F}\n\nOr minified:\n\n${F}json\n{"a":1,"b":[true,null]}\n${F}`, { a: 1, b: [true, null] }, 'VALID', undefined, 'both are the same value'),
  c('fx-12', FIX, `You pasted a Python dict, not JSON:\n\n${F}python\n{'ok': True, 'data': None, 'items': ('x',)}\n${F}\n\nAs JSON:\n\n${F}json\n{"ok": true, "data": null, "items": ["x"]}\n${F}`, { ok: true, data: null, items: ['x'] }, 'VALID'),
  c('fx-13', FIX, `JSON5 input:\n\n${F}json5\n{\n  // server\n  host: 'a.example',\n  port: 0x1F90,\n}\n${F}\n\nStrict JSON:\n\n${F}json\n{\n  "host": "a.example",\n  "port": 8080\n}\n${F}`, { host: 'a.example', port: 8080 }, 'VALID'),
  c('fx-14', FIX, `Good news, your JSON is actually valid! Here it is formatted:\n\n{\n  "k": "v",\n  "n": [1, 2]\n}`, { k: 'v', n: [1, 2] }, 'VALID'),
  c('fx-15', FIX, `Fixed:\n\n${F}json\n{"title": "Notes", "pages": 12}\n${F}\n\nOriginal (invalid):\n\n${F}\n{"title": "Notes" "pages": 12\n${F}`, { title: 'Notes', pages: 12 }, 'VALID'),
  c('fx-16', FIX, `The parser says:\n\n    SyntaxError: Unexpected token } in JSON at position 27\n\nThat's the comma before the closing brace. Remove it:\n\n{"lang": "de", "count": 3}`, { lang: 'de', count: 3 }, 'VALID'),
  c('fx-17', FIX, `Line 2 is missing a comma: \`"b": 2\` → \`"b": 2,\`. Corrected:\n\n{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}`, { a: 1, b: 2, c: 3 }, 'VALID'),

  // ---------------------------------------------------------------- copied from chat web UIs
  c('wu-01', WEB, `json\nCopy code\n{\n  "city": "Oslo",\n  "temp": -3\n}`, { city: 'Oslo', temp: -3 }, 'VALID', undefined, 'ChatGPT (2023-24): the fence became a label line and the button text'),
  c('wu-02', WEB, `json\nCopy\nEdit\n{"a": 1, "b": [1, 2]}`, { a: 1, b: [1, 2] }, 'VALID', undefined, 'ChatGPT (2025): Copy / Edit buttons'),
  c('wu-03', WEB, `Here's the JSON:\n\njson\nCopy code\n{\n  "name": "Ada",\n  "langs": ["en", "fr"]\n}\n\nLet me know if you need anything else.`, { name: 'Ada', langs: ['en', 'fr'] }, 'VALID'),
  c('wu-04', WEB, `JSON\nCopy code\n[\n{"id": 1},\n{"id": 2}\n]`, [{ id: 1 }, { id: 2 }], 'VALID'),
  c('wu-05', WEB, `{\n  "name": "report",\n  "format": "pdf"\n}\nCopy\nRetry`, { name: 'report', format: 'pdf' }, 'VALID', undefined, 'Claude.ai: button text after'),
  c('wu-06', WEB, `JSON\n\n{ "status": "ok", "count": 2 }\nUse code with caution.`, { status: 'ok', count: 2 }, 'VALID', undefined, 'Gemini'),
  c('wu-07', WEB, `Here is the data in JSON format:\n\nJSON\n{\n  "planet": "Mars",\n  "moons": 2\n}\nUse code with caution.\ncontent_copy`, { planet: 'Mars', moons: 2 }, 'VALID', undefined, 'Gemini with the icon ligature'),
  c('wu-08', WEB, `python\nCopy code\nimport json\ndata = {"name": "Ada"}\ndata["age"] = 36\nprint(json.dumps(data))\n\nOutput:\n\njson\nCopy code\n{"name": "Ada", "age": 36}`, { name: 'Ada', age: 36 }, 'VALID', undefined, 'code then its output, both copied without fences'),
  c('wu-09', WEB, `ChatGPT said:\nHere's the result:\n\njson\nCopy\nEdit\n{"ok": true}`, { ok: true }, 'VALID'),
  c('wu-10', WEB, `You said:\nconvert to json: name Ada, age 36\nChatGPT said:\njson\nCopy\nEdit\n{"name": "Ada", "age": 36}`, { name: 'Ada', age: 36 }, 'VALID'),
  c('wu-11', WEB, `{"a": 1}\nCopied!`, { a: 1 }, 'VALID'),
  c('wu-12', WEB, `json\n复制\n{"城市": "北京", "人口": 21893095}`, { 城市: '北京', 人口: 21893095 }, 'VALID', undefined, 'DeepSeek web UI in Chinese'),
  c('wu-13', WEB, `Show drafts\nvolume_up\n\nHere's the JSON:\n\nJSON\n{"a": 1}\nUse code with caution.`, { a: 1 }, 'VALID', undefined, 'Gemini (2024)'),
  c('wu-14', WEB, `Response:\n\njson\nCopy code\n{"status": "ok", "items": 3}\n\nIf the list were empty, you would get:\n\njson\nCopy code\n{"status": "ok", "items": 0}`, { status: 'ok', items: 3 }, 'VALID', undefined, 'the second is another case'),
  c('wu-15', WEB, `Thought for 12 seconds\n\njson\nCopy\nEdit\n{"x": 1}`, { x: 1 }, 'VALID', undefined, 'ChatGPT reasoning model: the collapsed thoughts line'),
  c('wu-16', WEB, `${F}json\n{"v": 2}\n${F}\nCopy\nExplain`, { v: 2 }, 'VALID'),
  c('wu-17', WEB, `bash\nCopy code\ncurl -X POST https://api.example.com/v1/items -d '{"name": "x"}'\n\nThe API responds with:\n\njson\nCopy code\n{"id": 17, "name": "x"}`, { id: 17, name: 'x' }, 'VALID'),

  // ---------------------------------------------------------------- markdown table and JSON
  c('tb-01', TABLE, `| name | age |\n|---|---|\n| Ada | 36 |\n| Bo | 41 |\n\nAs JSON:\n\n${F}json\n[{"name": "Ada", "age": 36}, {"name": "Bo", "age": 41}]\n${F}`, [{ name: 'Ada', age: 36 }, { name: 'Bo', age: 41 }], 'VALID'),
  c('tb-02', TABLE, `${F}json\n{"cpu": 4, "ram_gb": 16}\n${F}\n\nFor readability:\n\n| key | value |\n|---|---|\n| cpu | 4 |\n| ram_gb | 16 |`, { cpu: 4, ram_gb: 16 }, 'VALID'),
  c('tb-03', TABLE, `| field | example |\n|---|---|\n| tags | \`["a", "b"]\` |\n| meta | \`{"k": 1}\` |\n\nFull object:\n\n{"tags": ["a", "b"], "meta": {"k": 1}}`, { tags: ['a', 'b'], meta: { k: 1 } }, 'VALID'),
  c('tb-04', TABLE, `| task | done |\n|---|---|\n| Write | [x] |\n| Test | [ ] |\n\nJSON:\n{"Write": true, "Test": false}`, { Write: true, Test: false }, 'VALID'),
  none('tb-05', TABLE, `| country | capital |\n|---|---|\n| Norway | Oslo |\n| Sweden | Stockholm |\n\nLet me know if you'd like this in another format.`, 'a table only, no JSON'),
  c('tb-06', TABLE, `{"config": {}, "items": []}\n\n| key | type |\n|---|---|\n| config | {} |\n| items | [] |`, { config: {}, items: [] }, 'VALID'),
  c('tb-07', TABLE, `{"table": "| a | b |\\n|---|---|\\n| 1 | 2 |"}`, { table: '| a | b |\n|---|---|\n| 1 | 2 |' }, 'VALID'),
  c('tb-08', TABLE, `{"table": "| a | b |\n|---|---|\n| 1 | 2 |"}`, { table: '| a | b |\n|---|---|\n| 1 | 2 |' }, 'REPAIRED', undefined, 'raw line breaks in the string'),
  c('tb-09', TABLE, `| Product | Price |\n|---|---|\n| Laptop | $1,299.00 |\n| Mouse | $19.50 |\n\n${F}json\n[\n  {"product": "Laptop", "price": 1299.0},\n  {"product": "Mouse", "price": 19.5}\n]\n${F}`, [{ product: 'Laptop', price: 1299 }, { product: 'Mouse', price: 19.5 }], 'VALID'),
  c('tb-10', TABLE, `<table><tr><th>name</th></tr><tr><td>Ada</td></tr></table>\n\n{"name": "Ada"}`, { name: 'Ada' }, 'VALID'),
  c('tb-11', TABLE, `| row | record |\n|---|---|\n| 1 | {"id": 1} |\n| 2 | {"id": 2} |\n\nCombined:\n\n[{"id": 1}, {"id": 2}]`, [{ id: 1 }, { id: 2 }], 'VALID'),
  c('tb-12', TABLE, `${F}json\n{"gdp_growth": 2.1}\n${F}\n\n| Source | Value |\n|---|---|\n| IMF [1] | 2.1 |\n| OECD [2] | 2.0 |`, { gdp_growth: 2.1 }, 'VALID'),
  c('tb-13', TABLE, `${F}markdown\n| id | ok |\n|----|----|\n| 1  | yes |\n${F}\n\n${F}json\n[{"id": 1, "ok": true}]\n${F}`, [{ id: 1, ok: true }], 'VALID'),
  c('tb-14', TABLE, `| Left | Right |\n|:---|---:|\n| a | 1 |\n\n${F}json\n{"a": 1,}\n${F}`, { a: 1 }, 'REPAIRED'),
  c('tb-15', TABLE, `${F}json\n{"start": "2026-01-01", "days": 30}\n${F}\n\n**Field reference**\n\n| Field | Type | Example |\n|---|---|---|\n| start | string | \`"2024-01-01"\` |\n| days | integer | \`7\` |`, { start: '2026-01-01', days: 30 }, 'VALID'),
  c('tb-16', TABLE, `Here's the comparison:\n\n| | Plan A | Plan B |\n|---|---|---|\n| price | 10 | 20 |\n| seats | 1 | 5 |\n\nAnd the same data as JSON:\n\n{"Plan A": {"price": 10, "seats": 1}, "Plan B": {"price": 20, "seats": 5}}\n\nPlan B is better value for teams.`, { 'Plan A': { price: 10, seats: 1 }, 'Plan B': { price: 20, seats: 5 } }, 'VALID'),

  // ---------------------------------------------------------------- extraction from a quoted source
  c('ex-01', EXTRACT, `Source text:\n> The API returned {"status": "pending"} at 10:02, and later {"status": "done"}.\n\nExtracted record:\n\n${F}json\n{"first_status": "pending", "last_status": "done", "time": "10:02"}\n${F}`, { first_status: 'pending', last_status: 'done', time: '10:02' }, 'VALID'),
  c('ex-02', EXTRACT, `From the email below:\n\n"""\nHi team, please set {"retries": 3} in the config.\nThanks, Ana\n"""\n\nExtracted:\n{"sender": "Ana", "setting": "retries", "value": 3}`, { sender: 'Ana', setting: 'retries', value: 3 }, 'VALID'),
  c('ex-03', EXTRACT, `Document:\n\n${F}text\nTicket #881: customer sent payload {"sku": "A-1", "qty": 2} but got error 500.\n${F}\n\nExtracted fields:\n\n${F}json\n{"ticket": 881, "sku": "A-1", "qty": 2, "error": 500}\n${F}`, { ticket: 881, sku: 'A-1', qty: 2, error: 500 }, 'VALID'),
  c('ex-04', EXTRACT, `Invoice text: "Invoice #4411, issued 2026-11-02 to Nordwind GmbH. Total due: $1,250.00."\n\n{"invoice": "4411", "date": "2026-11-02", "customer": "Nordwind GmbH", "total": 1250.0}`, { invoice: '4411', date: '2026-11-02', customer: 'Nordwind GmbH', total: 1250 }, 'VALID'),
  c('ex-05', EXTRACT, `${F}json\n{"sku": "B-7", "qty": 3}\n${F}\n\nEvidence from the source:\n\n> order line: {"sku": "B-7", "quantity": "3"}`, { sku: 'B-7', qty: 3 }, 'VALID', undefined, 'the quoted evidence after the record'),
  c('ex-06', EXTRACT, `Log:\n{"level":"error","msg":"disk full"}\n{"level":"info","msg":"retry"}\n\nSummary JSON:\n{"errors": 1, "infos": 1}`, { errors: 1, infos: 1 }, 'VALID'),
  c('ex-07', EXTRACT, `Resume excerpt:\n"Jane Roe — Senior Engineer at Acme (2019–present); skills: Go, Rust {systems}, SQL."\n\nExtracted:\n${F}json\n{\n  "name": "Jane Roe",\n  "title": "Senior Engineer",\n  "employer": "Acme",\n  "since": 2019,\n  "skills": ["Go", "Rust", "SQL"]\n}\n${F}`, { name: 'Jane Roe', title: 'Senior Engineer', employer: 'Acme', since: 2019, skills: ['Go', 'Rust', 'SQL'] }, 'VALID'),
  c('ex-08', EXTRACT, `The text doesn't mention a name or an email, so both are null:\n\n{"name": null, "email": null}`, { name: null, email: null }, 'VALID'),
  c('ex-09', EXTRACT, `Article:\n\nIn 2024 the city council {as reported earlier} approved a budget of 4.2 billion. Critics said the plan [see appendix] ignored {transport, housing}. The mayor replied that "{priorities}" had been set in 2023 and the vote was 31 to 12.\n\nExtraction:\n\n${F}json\n{"year": 2024, "budget_billion": 4.2, "votes_for": 31, "votes_against": 12}\n${F}`, { year: 2024, budget_billion: 4.2, votes_for: 31, votes_against: 12 }, 'VALID'),
  c('ex-10', EXTRACT, `<document>\nOrder note: the customer wrote {"gift": true} in the form, and asked for wrapping.\n</document>\n\n<result>\n{"gift_wrap": true}\n</result>`, { gift_wrap: true }, 'VALID'),
  c('ex-11', EXTRACT, `Input text: The sensor reported {temp: 21.5, unit: "C"} at noon.\n\nOutput:\n{"temperature": 21.5, "unit": "C", "time": "12:00"}`, { temperature: 21.5, unit: 'C', time: '12:00' }, 'VALID'),
  c('ex-12', EXTRACT, `Sentence: "The conference [sic] moves from Oslo to Bergen in 2027."\n\nEntities:\n[{"text": "Oslo", "type": "LOC"}, {"text": "Bergen", "type": "LOC"}, {"text": "2027", "type": "DATE"}]`, [{ text: 'Oslo', type: 'LOC' }, { text: 'Bergen', type: 'LOC' }, { text: '2027', type: 'DATE' }], 'VALID'),
  c('ex-13', EXTRACT, `The document contains the following configuration, which I've extracted as-is:\n\n{'debug': False, 'level': 'warn'}`, { debug: false, level: 'warn' }, 'REPAIRED'),
  c('ex-14', EXTRACT, `Source:\n${F}python\nconfig = {'debug': True, 'workers': 4}\n${F}\n\nAs JSON:\n{"debug": true, "workers": 4}`, { debug: true, workers: 4 }, 'VALID'),
  c('ex-15', EXTRACT, `${F}json\n{"vendor": "Acme", "amount": 99.5, "currency": "USD"}\n${F}\n\nConfidence notes:\n- \`vendor\`: high (header says "ACME INC.")\n- \`amount\`: medium, the total line reads \`99,50\`\n- \`currency\`: inferred from \`$\``, { vendor: 'Acme', amount: 99.5, currency: 'USD' }, 'VALID'),
  c('ex-16', EXTRACT, `Here's the text you gave me:\n\n> Shipping to: {"street": "Main St 1", "zip": "0150"} — deliver before Friday.\n\nAnd the extracted address:\n\n{"street": "Main St 1", "zip": "0150", "deadline": "Friday"}`, { street: 'Main St 1', zip: '0150', deadline: 'Friday' }, 'VALID'),

  // ---------------------------------------------------------------- multi-turn pastes
  c('mt-01', TURNS, `User: give me a JSON with name Ada\nAssistant: {"name": "Ada"}\nUser: add age 36\nAssistant: {"name": "Ada", "age": 36}`, { name: 'Ada', age: 36 }, 'VALID'),
  c('mt-02', TURNS, `### User\nList two colours as JSON.\n\n### Assistant\n${F}json\n{"colours": ["red", "blue", "green"]}\n${F}\n\n### User\nOnly two, please.\n\n### Assistant\n${F}json\n{"colours": ["red", "blue"]}\n${F}`, { colours: ['red', 'blue'] }, 'VALID'),
  c('mt-03', TURNS, `\n\nHuman: Return {"a": 1} as JSON.\n\nAssistant: {"a": 1}\n\nHuman: Change a to 2.\n\nAssistant: {"a": 2}`, { a: 2 }, 'VALID'),
  c('mt-04', TURNS, `User: here is my data {"x": 1, "y": 2}, give me the sum as JSON\nAssistant: {"sum": 3}`, { sum: 3 }, 'VALID'),
  c('mt-05', TURNS, `<|im_start|>user\nJSON with a=1<|im_end|>\n<|im_start|>assistant\n{"a": 1}<|im_end|>\n<|im_start|>user\nnow add b=2<|im_end|>\n<|im_start|>assistant\n{"a": 1, "b": 2}<|im_end|>`, { a: 1, b: 2 }, 'VALID'),
  c('mt-06', TURNS, `<|start_header_id|>user<|end_header_id|>\n\nGive me {"ok": false} as JSON<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{"ok": false}<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nFlip it<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{"ok": true}<|eot_id|>`, { ok: true }, 'VALID'),
  c('mt-07', TURNS, `Q: Parse "Ada, 36"\nA: {"name": "Ada", "age": 36}\n\nQ: Parse "Bo, 41"\nA: {"name": "Bo", "age": 41}`, { name: 'Bo', age: 41 }, 'VALID', undefined, 'a few-shot prompt and its completion'),
  c('mt-08', TURNS, `Input: I love it\nOutput: {"label": "pos"}\n\nInput: Worst purchase ever\nOutput: {"label": "ne`, { label: 'ne' }, 'TRUNCATED', undefined, 'few-shot, the completion cut'),
  c('mt-09', TURNS, `[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "{\\"a\\": 1}"}]`, [{ role: 'user', content: 'hi' }, { role: 'assistant', content: '{"a": 1}' }], 'VALID', undefined, 'a messages array pasted: it is the JSON'),
  c('mt-10', TURNS, `Ana  10:02 AM\ncan you send the config?\nDeployBot  10:03 AM\n{"env": "prod", "replicas": 3}\nAna  10:04 AM\nthanks!`, { env: 'prod', replicas: 3 }, 'VALID', undefined, 'Slack'),
  c('mt-11', TURNS, `**deploy-bot** — Today at 10:03\n${F}json\n{"env": "staging", "ok": true}\n${F}\n**ana** — Today at 10:04\nnice`, { env: 'staging', ok: true }, 'VALID', undefined, 'Discord'),
  c('mt-12', TURNS, `User: make a JSON object for a cat named Tom\nAssistant: {"species": "cat", "name": "Tom"}\nUser: perfect, thanks`, { species: 'cat', name: 'Tom' }, 'VALID'),
  c('mt-13', TURNS, `>>> give me json for Ada\n{"name": "Ada"}\n\n>>> add her age, 36\n{"name": "Ada", "age": 36}\n\n>>> /bye`, { name: 'Ada', age: 36 }, 'VALID', undefined, 'ollama run session'),
  c('mt-14', TURNS, `[user]: json for a point at 1,2\n[assistant]: {"x": 1, "y": 2}\n[user]: and z=0?\n[assistant]: {"x": 1, "y": 2, "z": 0}`, { x: 1, y: 2, z: 0 }, 'VALID'),
  c('mt-15', TURNS, `Previous answer:\n{"total": 40}\n\nNew answer (after your correction):\n{"total": 42}`, { total: 42 }, 'VALID'),
  c('mt-16', TURNS, `Me: what's the JSON for the order?\nBot: Sure! {"order": 17, "items": 2}\nMe: the items count is wrong, it's 3\nBot: You're right, sorry: {"order": 17, "items": 3}`, { order: 17, items: 3 }, 'VALID'),

  // ---------------------------------------------------------------- patches and before/after
  c('pa-01', PATCH, `${F}json\n[\n  {"op": "replace", "path": "/name", "value": "Bo"},\n  {"op": "add", "path": "/tags/-", "value": "x"}\n]\n${F}`, [{ op: 'replace', path: '/name', value: 'Bo' }, { op: 'add', path: '/tags/-', value: 'x' }], 'VALID'),
  c('pa-02', PATCH, `Send this merge patch (RFC 7396):\n\n{"email": null, "phone": "+47 555 01 234"}`, { email: null, phone: '+47 555 01 234' }, 'VALID'),
  c('pa-03', PATCH, `${F}diff\n--- a/config.json\n+++ b/config.json\n@@ -1,3 +1,3 @@\n {\n-  "debug": true\n+  "debug": false\n }\n${F}\n\nResulting file:\n\n${F}json\n{\n  "debug": false\n}\n${F}`, { debug: false }, 'VALID'),
  c('pa-04', PATCH, `Before:\n{"a": 1, "b": 2}\n\nAfter:\n{"a": 1, "b": 3}`, { a: 1, b: 3 }, 'VALID'),
  c('pa-05', PATCH, `[{"op": "remove", "path": "/paths/~1users~1{id}"}]`, [{ op: 'remove', path: '/paths/~1users~1{id}' }], 'VALID'),
  c('pa-06', PATCH, `[{op: "add", path: "/x", value: 1}, {op: "remove", path: "/y"}]`, [{ op: 'add', path: '/x', value: 1 }, { op: 'remove', path: '/y' }], 'REPAIRED'),
  c('pa-07', PATCH, `Patch:\n${F}json\n[{"op": "replace", "path": "/qty", "value": 5}]\n${F}\n\nApplied result:\n${F}json\n{"sku": "A-1", "qty": 5}\n${F}`, [{ op: 'replace', path: '/qty', value: 5 }], 'VALID', [{ sku: 'A-1', qty: 5 }]),
  c('pa-08', PATCH, `Run:\n\nkubectl patch deployment web --type merge -p '{"spec": {"replicas": 3}}'`, { spec: { replicas: 3 } }, 'VALID'),
  c('pa-09', PATCH, `- {"v": 1}\n+ {"v": 2}`, { v: 2 }, ['VALID', 'REPAIRED'], undefined, 'a diff of one line'),
  c('pa-10', PATCH, `[\n  {"op": "test", "path": "/version", "value": 3},\n  {"op": "move", "from": "/old", "path": "/new"},\n  {"op": "copy", "from": "/a", "path": "/b"}\n]`, [{ op: 'test', path: '/version', value: 3 }, { op: 'move', from: '/old', path: '/new' }, { op: 'copy', from: '/a', path: '/b' }], 'VALID'),
  c('pa-11', PATCH, `{\n  "title": "New title",  // changed\n  "draft": null         // removes the field\n}`, { title: 'New title', draft: null }, 'REPAIRED'),
  c('pa-12', PATCH, `Changes: renamed \`user_name\` to \`username\`, dropped \`legacy\`, bumped \`v\`.\n\nPatched JSON:\n\n${F}json\n{"username": "ada", "v": 2}\n${F}`, { username: 'ada', v: 2 }, 'VALID'),
  c('pa-13', PATCH, `JSON Patch:\n\n${F}json\n[{"op": "replace", "path": "/status", "value": "closed"}]\n${F}\n\nOr, as a merge patch:\n\n${F}json\n{"status": "closed"}\n${F}`, [{ op: 'replace', path: '/status', value: 'closed' }], 'VALID', undefined, 'the second is an alternative'),
  c('pa-14', PATCH, `PATCH /users/7 HTTP/1.1\nContent-Type: application/merge-patch+json\n\n{"nickname": "ada"}`, { nickname: 'ada' }, 'VALID'),
  c('pa-15', PATCH, `Old:\n${F}json\n{"timeout": 30, "retries": 1}\n${F}\nNew:\n${F}json\n{"timeout": 60, "retries": 3}\n${F}`, { timeout: 60, retries: 3 }, 'VALID'),

  // ---------------------------------------------------------------- Mongo / GraphQL / query DSLs
  c('mg-01', QUERY, `db.users.find({ age: { $gt: 30 }, status: "active" })`, { age: { $gt: 30 }, status: 'active' }, 'REPAIRED'),
  c('mg-02', QUERY, `{ "_id": ObjectId("64f1c2a9e4b0a1b2c3d4e5f6"), "name": "Ada" }`, { _id: 'ObjectId("64f1c2a9e4b0a1b2c3d4e5f6")', name: 'Ada' }, 'REPAIRED', [{ _id: '64f1c2a9e4b0a1b2c3d4e5f6', name: 'Ada' }, { _id: { $oid: '64f1c2a9e4b0a1b2c3d4e5f6' }, name: 'Ada' }]),
  c('mg-03', QUERY, `{ "createdAt": { "$gte": ISODate("2024-01-01T00:00:00Z") } }`, { createdAt: { $gte: 'ISODate("2024-01-01T00:00:00Z")' } }, 'REPAIRED', [{ createdAt: { $gte: '2024-01-01T00:00:00Z' } }, { createdAt: { $gte: { $date: '2024-01-01T00:00:00Z' } } }]),
  c('mg-04', QUERY, `${F}js\n[\n  { $match: { status: "A" } },\n  { $group: { _id: "$cust_id", total: { $sum: "$amount" } } }\n]\n${F}`, [{ $match: { status: 'A' } }, { $group: { _id: '$cust_id', total: { $sum: '$amount' } } }], 'REPAIRED', undefined, 'an aggregation pipeline in a js fence, the only value'),
  c('mg-05', QUERY, `[\n  {\n    _id: ObjectId('6571a0b2c3d4e5f601234567'),\n    name: 'Ada',\n    active: true\n  }\n]`, [{ _id: "ObjectId('6571a0b2c3d4e5f601234567')", name: 'Ada', active: true }], 'REPAIRED', [[{ _id: '6571a0b2c3d4e5f601234567', name: 'Ada', active: true }]], 'mongosh output'),
  none('mg-06', QUERY, `${F}graphql\n{\n  user(id: 7) {\n    name\n    email\n  }\n}\n${F}`, 'a GraphQL query, no JSON'),
  c('mg-07', QUERY, `Query:\n\n${F}graphql\nquery { user(id: 7) { name } }\n${F}\n\nResponse:\n\n${F}json\n{"data": {"user": {"name": "Ada"}}}\n${F}`, { data: { user: { name: 'Ada' } } }, 'VALID'),
  c('mg-08', QUERY, `{ name: /^ada/i, age: { $lt: 40 } }`, { name: '/^ada/i', age: { $lt: 40 } }, 'REPAIRED'),
  c('mg-09', QUERY, `{"_id": {"$oid": "64f1c2a9e4b0a1b2c3d4e5f6"}, "ts": {"$date": "2024-01-01T00:00:00Z"}}`, { _id: { $oid: '64f1c2a9e4b0a1b2c3d4e5f6' }, ts: { $date: '2024-01-01T00:00:00Z' } }, 'VALID', undefined, 'Extended JSON'),
  c('mg-10', QUERY, `${F}json\n// search for Oslo in the title\n{\n  "query": {\n    "match": { "title": "Oslo" }  // full-text\n  },\n  "size": 10\n}\n${F}`, { query: { match: { title: 'Oslo' } }, size: 10 }, 'REPAIRED', undefined, 'Elasticsearch DSL with comments'),
  c('mg-11', QUERY, `db.orders.updateOne({ _id: 7 }, { $set: { status: "shipped" } })`, { _id: 7 }, 'REPAIRED', [{ $set: { status: 'shipped' } }], 'filter and update: either'),
  c('mg-12', QUERY, `{ $and: [ { qty: { $lt: 20 } }, { price: { $gte: 10 } } ] }`, { $and: [{ qty: { $lt: 20 } }, { price: { $gte: 10 } }] }, 'REPAIRED'),
  c('mg-13', QUERY, `{"id": {"S": "7"}, "n": {"N": "5"}, "tags": {"SS": ["a", "b"]}}`, { id: { S: '7' }, n: { N: '5' }, tags: { SS: ['a', 'b'] } }, 'VALID', undefined, 'DynamoDB JSON'),
  c('mg-14', QUERY, `Run \`jq '.items[] | {id, name}'\` and you get:\n\n{"id": 1, "name": "a"}`, { id: 1, name: 'a' }, 'VALID'),
  c('mg-15', QUERY, `{ tags: { $all: ['red', 'blue'] }, deleted: false, }`, { tags: { $all: ['red', 'blue'] }, deleted: false }, 'REPAIRED'),
  c('mg-16', QUERY, `The filter for your query:\n\n${F}json\n{ "status": "A", "qty": { "$lt": 30 } }\n${F}\n\nUse it like \`db.inventory.find(filter)\`.`, { status: 'A', qty: { $lt: 30 } }, 'VALID'),

  // ---------------------------------------------------------------- log lines with JSON
  c('lg-01', LOG, `2026-12-03T07:12:44Z INFO request completed {"path": "/api/users", "status": 200, "ms": 12}`, { path: '/api/users', status: 200, ms: 12 }, 'VALID'),
  c('lg-02', LOG, `[2026-12-03 07:12:44] ERROR payment failed: {"code": "card_declined", "amount": 1250}`, { code: 'card_declined', amount: 1250 }, 'VALID'),
  c('lg-03', LOG, `level=info msg="user created" payload={"id": 7, "name": "Ada"}`, { id: 7, name: 'Ada' }, 'VALID'),
  c('lg-04', LOG, `INFO:root:Response: {'status': 'ok', 'items': 3}`, { status: 'ok', items: 3 }, 'REPAIRED'),
  c('lg-05', LOG, `api-1  | {"level":"warn","msg":"slow query","ms":830}`, { level: 'warn', msg: 'slow query', ms: 830 }, 'VALID', undefined, 'docker compose'),
  multi('lg-06', LOG, `{"level":"info","msg":"start"}\n{"level":"info","msg":"ready","port":8080}\n{"level":"error","msg":"crash"}`, [{ level: 'info', msg: 'start' }, { level: 'info', msg: 'ready', port: 8080 }, { level: 'error', msg: 'crash' }]),
  c('lg-07', LOG, `Dec 03 07:12:44 web01 app[1234]: {"event": "start", "port": 8080}`, { event: 'start', port: 8080 }, 'VALID', undefined, 'journald'),
  c('lg-08', LOG, R`level=info body="{\"user\": \"ada\", \"ok\": true}"`, { user: 'ada', ok: true }, 'REPAIRED', undefined, 'JSON escaped inside a logfmt value'),
  c('lg-09', LOG, `{ user: 'ada', roles: [ 'admin', 'dev' ], meta: { active: true } }`, { user: 'ada', roles: ['admin', 'dev'], meta: { active: true } }, 'REPAIRED', undefined, 'Node util.inspect'),
  c('lg-10', LOG, `Error: Request failed with status code 400\n    at createError (node_modules/axios/lib/core/createError.js:16:15)\n    at settle (node_modules/axios/lib/core/settle.js:17:12)\nResponse body: {"error": "invalid_request", "field": "email"}`, { error: 'invalid_request', field: 'email' }, 'VALID'),
  c('lg-11', LOG, `START RequestId: 8f2c Version: $LATEST\n2026-12-03T07:12:44.123Z\t8f2c\tINFO\t{"orderId": 42, "ok": true}\nEND RequestId: 8f2c\nREPORT RequestId: 8f2c\tDuration: 12.3 ms`, { orderId: 42, ok: true }, 'VALID', undefined, 'AWS Lambda / CloudWatch'),
  c('lg-12', LOG, `{"remote_addr":"10.0.0.1","request":"GET / HTTP/1.1","status":200,"body_bytes_sent":61`, { remote_addr: '10.0.0.1', request: 'GET / HTTP/1.1', status: 200, body_bytes_sent: 61 }, 'TRUNCATED', undefined, 'cut by the log line limit'),
  c('lg-13', LOG, `\u001b[32mINFO\u001b[0m 07:12:44 {"a": 1, "b": "x"}`, { a: 1, b: 'x' }, 'VALID', undefined, 'ANSI colour codes'),
  c('lg-14', LOG, `{:port=>8080, :host=>"localhost"}`, { port: 8080, host: 'localhost' }, 'REPAIRED', [{ ':port': 8080, ':host': 'localhost' }], 'a Ruby hash inspect'),
  c('lg-15', LOG, `web: {"a": 1} [pid 42]`, { a: 1 }, ['VALID', 'REPAIRED']),
  c('lg-16', LOG, `##[group]Run ./version.sh\n{"version": "1.2.3", "sha": "abc123"}\n##[endgroup]`, { version: '1.2.3', sha: 'abc123' }, 'VALID', undefined, 'GitHub Actions'),

  // ---------------------------------------------------------------- LaTeX and math
  c('mx-01', MATH, `The solution is $x = 3$ and $y = -2$.\n\n${F}json\n{"x": 3, "y": -2}\n${F}`, { x: 3, y: -2 }, 'VALID'),
  c('mx-02', MATH, R`$$\frac{1}{2} + \frac{1}{3} = \frac{5}{6}$$` + `\n\n{"result": "5/6", "decimal": 0.8333}`, { result: '5/6', decimal: 0.8333 }, 'VALID'),
  c('mx-03', MATH, R`So the answer is $\boxed{42}$.` + `\n\n{"answer": 42}`, { answer: 42 }, 'VALID'),
  c('mx-04', MATH, `The set of solutions is {1, 2, 3}, so:\n\n{"solutions": [1, 2, 3]}`, { solutions: [1, 2, 3] }, 'VALID'),
  c('mx-05', MATH, R`{"formula": "\\frac{a}{b}", "name": "ratio"}`, { formula: '\\frac{a}{b}', name: 'ratio' }, 'VALID', undefined, 'LaTeX escaped correctly'),
  c('mx-06', MATH, R`{"formula": "\frac{1}{2}", "area": "\pi r^2"}`, { formula: '\\frac{1}{2}', area: '\\pi r^2' }, 'REPAIRED', undefined, 'LaTeX with single backslashes'),
  c('mx-07', MATH, R`Let $S = \{x \mid x > 0\}$. In JSON:` + `\n\n{"domain": "x > 0"}`, { domain: 'x > 0' }, 'VALID'),
  c('mx-08', MATH, R`\begin{aligned} x &= 1 \\ y &= 2 \end{aligned}` + `\n\n{"x": 1, "y": 2}`, { x: 1, y: 2 }, 'VALID'),
  c('mx-09', MATH, `{"mass_kg": 5.97 × 10^24, "body": "Earth"}`, { mass_kg: 5.97e24, body: 'Earth' }, 'REPAIRED', [{ mass_kg: '5.97 × 10^24', body: 'Earth' }]),
  c('mx-10', MATH, `The vector is $[1, 2, 3]$.`, [1, 2, 3], ['VALID', 'REPAIRED']),
  c('mx-11', MATH, R`$$A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}$$` + `\n\n${F}json\n{"matrix": [[1, 2], [3, 4]]}\n${F}`, { matrix: [[1, 2], [3, 4]] }, 'VALID'),
  c('mx-12', MATH, R`{"speed": "12\,\text{m/s}"}`, { speed: '12\\,\\text{m/s}' }, 'REPAIRED'),
  c('mx-13', MATH, `Piecewise: f(x) = { x^2 for x > 0; 0 otherwise }.\n\nAs JSON:\n{"cases": [{"when": "x > 0", "value": "x^2"}, {"when": "otherwise", "value": "0"}]}`, { cases: [{ when: 'x > 0', value: 'x^2' }, { when: 'otherwise', value: '0' }] }, 'VALID'),
  c('mx-14', MATH, R`\[ \mathbf{v} = (1, 2) \]` + `\n{"v": [1, 2]}`, { v: [1, 2] }, 'VALID'),
  c('mx-15', MATH, `Natalia sold 48 / 2 = 24 clips in May, 48 + 24 = 72 in total.\n#### 72\n\n{"answer": 72}`, { answer: 72 }, 'VALID'),
  c('mx-16', MATH, R`{"eq": "$E = mc^2$", "latex": "E = mc^{2}"}`, { eq: '$E = mc^2$', latex: 'E = mc^{2}' }, 'VALID'),

  // ---------------------------------------------------------------- fields explained afterwards
  c('fe-01', EXPLAIN, `{"status": "active", "retries": 3}\n\n- \`status\`: one of \`"active"\`, \`"paused"\`\n- \`retries\`: e.g. \`5\``, { status: 'active', retries: 3 }, 'VALID'),
  c('fe-02', EXPLAIN, `${F}json\n{"flags": {"beta": true}, "limit": 50}\n${F}\n\nField notes: \`flags\` is an object such as \`{"nested": true}\`; \`limit\` caps results.`, { flags: { beta: true }, limit: 50 }, 'VALID'),
  c('fe-03', EXPLAIN, `\`id\` — an integer such as \`42\`\n\`tags\` — an array like \`["a"]\`\n\nHere is the object:\n\n{"id": 9, "tags": ["x", "y"]}`, { id: 9, tags: ['x', 'y'] }, 'VALID'),
  c('fe-04', EXPLAIN, `{"a": 1}\n\nWhere:\n* a = 1 means enabled; {"a": 0} would disable it.`, { a: 1 }, 'VALID'),
  c('fe-05', EXPLAIN, `{"name": "Ada", "role": "admin"}\n\n**name**: \`"Ada"\` — the display name\n**role**: \`"admin"\` — one of \`["admin", "user"]\``, { name: 'Ada', role: 'admin' }, 'VALID'),
  c('fe-06', EXPLAIN, `${F}json\n{"type": "a", "value": 1}\n${F}\n\nPossible values for \`type\`: \`"a"\`, \`"b"\`, or \`null\`.`, { type: 'a', value: 1 }, 'VALID'),
  c('fe-07', EXPLAIN, `${F}json\n{"name": "Ada"}\n${F}\n\nExample with all optional fields:\n\n${F}json\n{"name": "Ada", "email": "ada@example.com", "age": 36}\n${F}`, { name: 'Ada' }, 'VALID', undefined, 'the second is labelled an example'),
  c('fe-08', EXPLAIN, `{"email": "ada@example.com"}\n\nThis matches the schema \`{"type": "object", "required": ["email"]}\` you gave.`, { email: 'ada@example.com' }, 'VALID'),
  c('fe-09', EXPLAIN, `${F}json\n{"servers": ["a", "b"], "weights": [1, 2]}\n${F}\n\n- **servers**\n  - each entry is a host name, e.g. \`"db-1"\`\n  - may be empty: \`[]\`\n- **weights**\n  - same length as \`servers\``, { servers: ['a', 'b'], weights: [1, 2] }, 'VALID'),
  c('fe-10', EXPLAIN, `{"name": "Ada", "email": "ada@example.com"}\n\nIf you don't need \`email\`, just use \`{"name": "Ada"}\`.`, { name: 'Ada', email: 'ada@example.com' }, 'VALID'),
  c('fe-11', EXPLAIN, `{\n  "id": 42,            // the user's id\n  "plan": "pro",        // "free" or "pro"\n  "seats": 5            // billed per seat\n}`, { id: 42, plan: 'pro', seats: 5 }, 'REPAIRED'),
  c('fe-12', EXPLAIN, `{"price": 1299, "currency": "EUR"}\n\nNotes:\n1. \`price\` is in cents (\`1299\` = €12.99).\n2. \`currency\` follows ISO 4217, e.g. \`"USD"\`.`, { price: 1299, currency: 'EUR' }, 'VALID'),
  c('fe-13', EXPLAIN, `The format is \`{"name": "...", "age": 0}\`. Filled in:\n\n{"name": "Bo", "age": 41}`, { name: 'Bo', age: 41 }, 'VALID'),
  c('fe-14', EXPLAIN, `{"deleted_at": null, "tags": []}\n\n- \`deleted_at\` is \`None\` in Python terms (not deleted)\n- \`tags\` is empty; a tagged item looks like \`["x"]\``, { deleted_at: null, tags: [] }, 'VALID'),
  c('fe-15', EXPLAIN, `${F}json\n{"lat": 59.91, "lon": 10.75}\n${F}\n\n**Explanation**\n\n| field | meaning |\n|---|---|\n| \`lat\` | latitude, e.g. \`{"lat": 0}\` is the equator |\n| \`lon\` | longitude |`, { lat: 59.91, lon: 10.75 }, 'VALID'),
  c('fe-16', EXPLAIN, `Result:\n{"score": 0.82, "label": "positive"}\n\n- score: a float in [0, 1]\n- label: "positive" when score > 0.5`, { score: 0.82, label: 'positive' }, 'VALID'),

  // ---------------------------------------------------------------- YAML / TOML / other formats
  none('ym-01', OTHER, `${F}yaml\nname: Ada\nage: 36\nlanguages:\n  - en\n  - fr\n${F}`, 'YAML only'),
  c('ym-02', OTHER, `${F}yaml\nname: Ada\nage: 36\n${F}\n\nAnd as JSON:\n\n${F}json\n{"name": "Ada", "age": 36}\n${F}`, { name: 'Ada', age: 36 }, 'VALID'),
  none('ym-03', OTHER, `${F}toml\n[server]\nhost = "0.0.0.0"\nport = 8080\n\n[database]\nurl = "postgres://localhost/app"\n${F}`, 'TOML only: its table headers are no JSON'),
  none('ym-04', OTHER, `Here's the config in TOML:\n\n[package]\nname = "demo"\nversion = "0.1.0"\nauthors = ["Ada"]`, 'TOML: the authors array is no answer'),
  c('ym-05', OTHER, `{name: Ada, age: 36, tags: [a, b]}`, { name: 'Ada', age: 36, tags: ['a', 'b'] }, 'REPAIRED', undefined, 'YAML flow mapping'),
  c('ym-06', OTHER, `I'll use YAML since it's easier to read:\n\n${F}yaml\nretries: 3\n${F}\n\nActually, you asked for JSON:\n\n${F}json\n{"retries": 3}\n${F}`, { retries: 3 }, 'VALID'),
  c('ym-07', OTHER, `${F}yaml\n{"a": 1, "b": [2, 3]}\n${F}`, { a: 1, b: [2, 3] }, 'VALID', undefined, 'JSON in a yaml fence'),
  c('ym-08', OTHER, `${F}toml\ntitle = "demo"\n${F}\n\n${F}json\n{"title": "demo"}\n${F}`, { title: 'demo' }, 'VALID'),
  none('ym-09', OTHER, `PORT=8080\nDEBUG=true\nDATABASE_URL=postgres://localhost/app`, '.env'),
  none('ym-10', OTHER, `name: Ada\nage: 36\nlanguages:\n  - en\n  - fr`, 'YAML without a fence'),
  none('ym-11', OTHER, `<user>\n  <name>Ada</name>\n  <age>36</age>\n</user>`, 'XML'),
  none('ym-12', OTHER, `name,age\nAda,36\nBo,41`, 'CSV'),
  none('ym-13', OTHER, `${F}yaml\nname: app\nenv: {}\nports: []\n${F}`, 'YAML with empty flow collections'),
  c('ym-14', OTHER, `---\n{"a": 1}\n...`, { a: 1 }, 'VALID', undefined, 'a YAML document marker around JSON'),
  none('ym-15', OTHER, `[server]\nport = 8080`, 'TOML without a fence'),
  c('ym-16', OTHER, `Sure, here it is in YAML:\n\nname: Ada\nskills: [math, poetry]\n\nIn JSON that would be:\n\n{"name": "Ada", "skills": ["math", "poetry"]}`, { name: 'Ada', skills: ['math', 'poetry'] }, 'VALID'),

  // ---------------------------------------------------------------- very small answers
  c('sm-01', SMALL, `Yes, the email address is valid.\n\ntrue`, true, 'VALID'),
  c('sm-02', SMALL, `The count is:\n\n42`, 42, 'VALID'),
  c('sm-03', SMALL, `Result: "ok"`, 'ok', 'VALID'),
  c('sm-04', SMALL, `Answer: null`, null, 'VALID'),
  c('sm-05', SMALL, `${F}json\ntrue\n${F}`, true, 'VALID'),
  c('sm-06', SMALL, `\`false\``, false, 'VALID'),
  c('sm-07', SMALL, `After checking all 12 rows, the total is 3,450.\n\n3450`, 3450, 'VALID'),
  c('sm-08', SMALL, `<think>The ratio is 87 of 100.</think>\n0.87`, 0.87, 'VALID'),
  c('sm-09', SMALL, `Answer: -1`, -1, 'VALID'),
  c('sm-10', SMALL, `"yes"\n\nHope that helps!`, 'yes', 'VALID'),
  c('sm-11', SMALL, `null`, null, 'VALID'),
  c('sm-12', SMALL, `Nothing matched, so the list is empty:\n\n[]`, [], 'VALID'),
  c('sm-13', SMALL, `No fields matched, so the result is an empty object:\n\n{}`, {}, 'VALID'),
  c('sm-14', SMALL, `Date:\n"2026-12-03"`, '2026-12-03', 'VALID'),
  c('sm-15', SMALL, `1e-3`, 0.001, 'VALID'),
  c('sm-16', SMALL, `The answer is:\n\n${F}\n7\n${F}`, 7, 'VALID'),
  c('sm-17', SMALL, `Is 17 prime?\n\ntrue`, true, 'VALID'),
  c('sm-18', SMALL, `"ok"`, 'ok', 'VALID'),
];
