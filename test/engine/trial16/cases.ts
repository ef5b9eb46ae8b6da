// New-user trial 16: LLM-like texts written by hand (trial16, 2026-12-03) BEFORE reading the engine's code,
// the corpus or trials 1-15's texts (only the README's promises — the answer-selection rule, the reasoning
// table, the repairs table, its "Known limit" lines — the trial harness's types and trial 15's layout), aimed
// at families the earlier trials were thin on: ReAct / agent logs (`Thought:` / `Action Input:` /
// `Observation:` / `Final Answer:`, LangChain, smolagents, CrewAI, AutoGen); several options offered and one
// picked ("I'd go with option 2"); a schema (JSON Schema, Pydantic, TypeScript, Zod, Avro) before its
// instance; typographic punctuation from word processors and CJK / French input (“ ” ‘ ’ « » „ “, no-break
// spaces, full-width ｛｝［］：，、); placeholders and elisions (`...`, `// more items`, `<value>`, `???`);
// API response bodies pasted whole (OpenAI, Anthropic, Gemini, Ollama, HTTP headers, SDK exceptions);
// streaming leftovers (`data: {...}` SSE lines, NDJSON chunks, `[DONE]`); "Step 1 / Step 2" plans with
// intermediate JSON; partial refusals then JSON (and whole refusals: no answer); long prose before a short
// value and answers in two languages; emoji-heavy and right-to-left text (Arabic, Hebrew, Persian, bidi
// marks) around and inside values.
// Several values asked for (stream events, NDJSON chunks): these rows accept the first, the last or all of
// them as an array (as trial 13-15's MULTI rows), with the statuses the row names.
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written blind, committed before the first run; never edited to match the engine.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';
const R = String.raw;

const REACT = 'ReAct and agent logs';
const OPT = 'several options, one picked';
const SCHEMA = 'schema first, then the instance';
const TYPO = 'typographic punctuation';
const PLACE = 'placeholders and elisions';
const API = 'API response bodies pasted whole';
const SSE = 'streaming leftovers (SSE, NDJSON)';
const STEP = 'step-by-step plans with intermediate JSON';
const REFUSE = 'partial refusals';
const LONG = 'long prose and two languages';
const RTL = 'emoji and right-to-left text';

function c(id: string, category: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t16-${id}`, category, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

/** Rows that accept the first, the last or all of several values. */
function multi(id: string, category: string, text: string, values: unknown[], status: TrialStatus | TrialStatus[] = ['REPAIRED', 'VALID'], note?: string): TrialCase {
  return c(id, category, text, values[0], status, [values[values.length - 1], values], note);
}

const none = (id: string, category: string, text: string, note?: string) => c(id, category, text, null, 'FAILED', undefined, note);

/** Prose of about n characters, sentences a model writes before it gets to the point (no brackets, no colons). */
function prose(n: number, seed = 0): string {
  const s = [
    'Let me walk through the request carefully before giving the result.',
    'The input describes a small service with a handful of settings and a few users.',
    'Some of the values are implied rather than stated, so I will make reasonable assumptions.',
    'Where the text is ambiguous I prefer the reading that keeps the data consistent.',
    'Dates are normalised to ISO 8601 and numbers are written without units.',
    'I also checked that every required field is present and that nothing is duplicated.',
    'The earlier paragraphs mention a deadline, but it is not part of the record itself.',
    'Fields that are not mentioned at all are left out rather than guessed.',
    'This matches the conventions used elsewhere in your project, as far as I can tell.',
    'If you need a different shape, it is easy to adjust once the basics are right.',
    'Note that the totals were recomputed from the line items to avoid rounding drift.',
    'Names are kept exactly as written, including their capitalisation and accents.',
  ];
  let out = '';
  let i = seed;
  while (out.length < n) out += (out ? ' ' : '') + s[i++ % s.length] + (i % 4 === 0 ? '\n\n' : '');
  return out.trim();
}

const OAI = R`{"id":"chatcmpl-AbC123","object":"chat.completion","created":1764748800,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"{\"city\": \"Oslo\", \"temp\": -3}","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":41,"completion_tokens":12,"total_tokens":53},"system_fingerprint":"fp_0aa8d3e20b"}`;

export const TRIAL16_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- ReAct and agent logs
  c('re-01', REACT, `Thought: I need the current weather in Oslo.\nAction: get_weather\nAction Input: {"city": "Oslo"}\nObservation: {"temp": -3, "sky": "snow"}\nThought: I now know the final answer.\nFinal Answer: {"city": "Oslo", "temp_c": -3, "conditions": "snow"}`, { city: 'Oslo', temp_c: -3, conditions: 'snow' }, 'VALID'),
  c('re-02', REACT, `Thought: The user wants the ISBN looked up.\nAction: isbn_lookup\nAction Input: {"isbn": "9780262033848"}\nObservation: {"title": "Introduction to Algorithms", "year": 2009}\nThought: I have everything.\nFinal Answer:\n${F}json\n{"title": "Introduction to Algorithms", "edition": 3, "year": 2009}\n${F}`, { title: 'Introduction to Algorithms', edition: 3, year: 2009 }, 'VALID'),
  c('re-03', REACT, `Thought: I should search for the population first.\nAction: search\nAction Input: {"query": "population of Lima 2024"}`, { query: 'population of Lima 2024' }, 'VALID', undefined, 'an agent step: the action input is what the framework parses'),
  c('re-04', REACT, `Question: What is 17 * 23?\nThought: I should use the calculator.\nAction: calculator\nAction Input: {'expression': '17 * 23'}`, { expression: '17 * 23' }, 'REPAIRED'),
  c('re-05', REACT, `${F}json\n{\n  "action": "search",\n  "action_input": "tallest building in Oslo"\n}\n${F}\nObservation: Oslo's tallest building is the Oslo Plaza hotel at 117 m.\nThought: I know the answer now.\n${F}json\n{\n  "action": "Final Answer",\n  "action_input": "Oslo Plaza (117 m)"\n}\n${F}`, { action: 'Final Answer', action_input: 'Oslo Plaza (117 m)' }, 'VALID', undefined, 'LangChain structured-chat agent: the final action blob'),
  c('re-06', REACT, `\n\n> Entering new AgentExecutor chain...\n I need the exchange rate.\nAction: fx_rate\nAction Input: {"from": "EUR", "to": "NOK"}\nObservation: {"rate": 11.72}\nThought: I now know the final answer\nFinal Answer: {"eur_nok": 11.72}\n\n> Finished chain.`, { eur_nok: 11.72 }, 'VALID'),
  c('re-07', REACT, `Thought: done\nFinal Answer: {"items": ["a", "b",], "count": 2,}`, { items: ['a', 'b'], count: 2 }, 'REPAIRED'),
  c('re-08', REACT, `thought: the user asked for a json summary\naction: none\nfinal answer: {"summary": "Two orders shipped, one pending.", "pending": 1}`, { summary: 'Two orders shipped, one pending.', pending: 1 }, 'VALID'),
  c('re-09', REACT, `Thought: I will look up the capital.\nCode:\n${F}py\nresult = web_search(query="capital of Australia")\nprint(result)\n${F}<end_code>\nObservation: Canberra is the capital city of Australia.\nThought: I can answer now.\nCode:\n${F}py\nfinal_answer({"country": "Australia", "capital": "Canberra"})\n${F}<end_code>`, { country: 'Australia', capital: 'Canberra' }, 'VALID', undefined, 'smolagents CodeAgent: the argument of final_answer'),
  c('re-10', REACT, `{"result": "done", "files_written": 3}\n\nTERMINATE`, { result: 'done', files_written: 3 }, 'VALID', undefined, 'AutoGen ends with TERMINATE'),
  c('re-11', REACT, `Thought: I now can give a great answer\nFinal Answer: ${F}json\n{"headline": "Rates hold steady", "sentiment": "neutral"}\n${F}`, { headline: 'Rates hold steady', sentiment: 'neutral' }, 'VALID', undefined, 'CrewAI'),
  c('re-12', REACT, `Thought: search for the paper\nAction: search\nAction Input: {"q": "attention is all you need"}\nObservation: no results\nThought: try arxiv instead\nAction: arxiv\nAction Input: {"q": "attention is all you need", "max_results": 3`, { q: 'attention is all you need', max_results: 3 }, 'TRUNCATED', undefined, 'cut at max_tokens inside the second action input'),
  c('re-13', REACT, `Thought: the first source failed, I'll answer from what I know.\nAction: lookup\nAction Input: {"id": 1969}\nObservation: {"error": "rate limited"}\nThought: I know this one.\nFinal Answer: {"event": "Apollo 11 landing", "year": 1969}`, { event: 'Apollo 11 landing', year: 1969 }, 'VALID'),
  c('re-14', REACT, `Thought: I need the user record.\nAction: get_user\nAction Input: {"user_id": 7}\nObservation: {"name": "Ada", "role": "admin"}`, { user_id: 7 }, 'VALID', undefined, 'the stop sequence was missed and the model invented the observation; the framework wants the action input'),
  c('re-15', REACT, `Thought: I have the numbers.\nFinal Answer:\n{"revenue": 1200, "cost": 800, "margin": 0.33}\n\nI hope this helps! Let me know if you want the quarterly breakdown.`, { revenue: 1200, cost: 800, margin: 0.33 }, 'VALID'),
  c('re-16', REACT, `{"thought": "The user wants the sum.", "action": "final_answer", "action_input": {"sum": 42}}`, { thought: 'The user wants the sum.', action: 'final_answer', action_input: { sum: 42 } }, 'VALID', undefined, 'a JSON agent step: the whole object'),
  c('re-17', REACT, `Action: send_email\nAction Input: {"to": "ana@example.com", "subject": "Invoice", "body": "Hi Ana,\nattached is the invoice.\nBest, Bo"}\n`, { to: 'ana@example.com', subject: 'Invoice', body: 'Hi Ana,\nattached is the invoice.\nBest, Bo' }, 'REPAIRED', undefined, 'raw line breaks in the body'),

  // ---------------------------------------------------------------- several options, one picked
  c('op-01', OPT, `Here are three options:\n\nOption 1:\n{"theme": "dark"}\n\nOption 2:\n{"theme": "light"}\n\nOption 3:\n{"theme": "auto"}\n\nI'd pick option 2.`, { theme: 'light' }, 'VALID'),
  c('op-02', OPT, `**A)** {"cache": "redis", "ttl": 60}\n\n**B)** {"cache": "memory", "ttl": 10}\n\nMy recommendation: B, since you run a single instance.`, { cache: 'memory', ttl: 10 }, 'VALID'),
  c('op-03', OPT, `### Option 1: minimal\n\n${F}json\n{"name": "app"}\n${F}\n\n### Option 2: full\n\n${F}json\n{"name": "app", "version": "1.0.0", "private": true}\n${F}\n\nI recommend Option 1 for most cases.`, { name: 'app' }, 'VALID'),
  c('op-04', OPT, `There are two reasonable ways to model this.\n\nNested:\n${F}json\n{"user": {"name": "Ada", "city": "Paris"}}\n${F}\n\nFlat:\n${F}json\n{"user_name": "Ada", "user_city": "Paris"}\n${F}`, { user: { name: 'Ada', city: 'Paris' } }, 'VALID', [{ user_name: 'Ada', user_city: 'Paris' }], 'no pick: either'),
  c('op-05', OPT, `Choice 1:\n{"sort": "asc"}\n\nChoice 2:\n{"sort": "desc"}\n\nThe best choice here is Choice 2, because you want the newest items first.`, { sort: 'desc' }, 'VALID'),
  c('op-06', OPT, `Approach 1 (nested):\n{"order": {"id": 5, "lines": [{"sku": "A", "qty": 1}]}}\n\nApproach 2 (flat):\n{"order_id": 5, "sku": "A", "qty": 1}\n\nI'd recommend approach 2 because it is easier to query.`, { order_id: 5, sku: 'A', qty: 1 }, 'VALID'),
  c('op-07', OPT, `- **Conservative:** {"temperature": 0.2}\n- **Balanced:** {"temperature": 0.7}\n- **Creative:** {"temperature": 1.2}\n\nFor code generation, use the conservative one.`, { temperature: 0.2 }, 'VALID'),
  c('op-08', OPT, `Option A:\n${F}json\n{"plan": "basic", "seats": 1}\n${F}\nOption B:\n${F}json\n{"plan": "team", "seats": 5}\n${F}\nOption C:\n${F}json\n{"plan": "enterprise", "seats": 50}\n${F}\n\n**Recommended: Option C**`, { plan: 'enterprise', seats: 50 }, 'VALID'),
  c('op-09', OPT, `Two candidates:\n{"x": 1}\n{"x": 2}\n\nI'd choose the second.`, { x: 2 }, ['VALID', 'REPAIRED']),
  c('op-10', OPT, `案1:\n{"色": "赤"}\n\n案2:\n{"色": "青"}\n\n案2をおすすめします。`, { 色: '青' }, 'VALID', undefined, 'Japanese: "I recommend plan 2"'),
  c('op-11', OPT, `Option 1 (if you use PostgreSQL):\n{"driver": "pg", "port": 5432}\n\nOption 2 (if you use MySQL):\n{"driver": "mysql2", "port": 3306}\n\nYou said you're on MySQL, so use Option 2.`, { driver: 'mysql2', port: 3306 }, 'VALID'),
  c('op-12', OPT, `Here are a few title ideas:\n\n1. {"title": "Rust in Practice"}\n2. {"title": "Fearless Rust"}\n3. {"title": "Rust for the Rest of Us"}\n\nMy favourite is #2.`, { title: 'Fearless Rust' }, ['VALID', 'REPAIRED']),
  c('op-13', OPT, `Version A:\n{"greeting": "Hi there!"}\n\nVersion B:\n{"greeting": "Good morning, and welcome."}\n\nWhich tone do you prefer?`, { greeting: 'Hi there!' }, 'VALID', [{ greeting: 'Good morning, and welcome.' }], 'no pick: either'),
  c('op-14', OPT, `Variante 1:\n{"versand": "standard", "tage": 5}\n\nVariante 2:\n{"versand": "express", "tage": 1}\n\nIch empfehle Variante 1, da die Lieferung nicht eilt.`, { versand: 'standard', tage: 5 }, 'VALID', undefined, 'German: "I recommend variant 1"'),
  c('op-15', OPT, `Suggestion: {"retries": 3, "backoff": "exponential"}. An alternative would be {"retries": 5, "backoff": "linear"}, but the first is what most clients use.`, { retries: 3, backoff: 'exponential' }, 'VALID'),
  c('op-16', OPT, `Option 1:\n${F}json\n{"layout": "grid"}\n${F}\n\nOption 2:\n${F}json\n{"layout": "list"}\n${F}\n\nGo with Option 1.`, { layout: 'grid' }, 'VALID'),

  // ---------------------------------------------------------------- schema first, then the instance
  c('sc-01', SCHEMA, `Schema:\n${F}json\n{"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}, "required": ["name"]}\n${F}\n\nInstance:\n${F}json\n{"name": "Ada", "age": 36}\n${F}`, { name: 'Ada', age: 36 }, 'VALID'),
  c('sc-02', SCHEMA, `First the model:\n\n${F}python\nclass User(BaseModel):\n    name: str\n    email: str | None = None\n${F}\n\nAnd the JSON:\n\n${F}json\n{"name": "Bo", "email": null}\n${F}`, { name: 'Bo', email: null }, 'VALID'),
  c('sc-03', SCHEMA, `${F}ts\ninterface Point { x: number; y: number }\n${F}\n\n${F}json\n{"x": 3, "y": 4}\n${F}`, { x: 3, y: 4 }, 'VALID'),
  c('sc-04', SCHEMA, `I'll follow this JSON Schema:\n\n${F}json\n{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object",\n  "properties": {\n    "sku": {"type": "string"},\n    "qty": {"type": "integer", "minimum": 1}\n  },\n  "required": ["sku", "qty"]\n}\n${F}\n\nHere's data that conforms:\n\n{"sku": "A-17", "qty": 2}`, { sku: 'A-17', qty: 2 }, 'VALID'),
  c('sc-05', SCHEMA, `Here is the JSON Schema for a blog post:\n\n${F}json\n{\n  "type": "object",\n  "properties": {\n    "title": {"type": "string"},\n    "tags": {"type": "array", "items": {"type": "string"}}\n  },\n  "required": ["title"]\n}\n${F}`, { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['title'] }, 'VALID', undefined, 'the schema was asked for'),
  c('sc-06', SCHEMA, `${F}json\n{"title": "Hello", "tags": ["intro"]}\n${F}\n\nSchema used for validation:\n\n${F}json\n{"type": "object", "properties": {"title": {"type": "string"}, "tags": {"type": "array"}}}\n${F}`, { title: 'Hello', tags: ['intro'] }, 'VALID'),
  c('sc-07', SCHEMA, `${F}ts\nconst Event = z.object({\n  name: z.string(),\n  at: z.string().datetime(),\n});\n${F}\n\nOutput:\n\n${F}json\n{"name": "launch", "at": "2026-12-03T09:00:00Z"}\n${F}`, { name: 'launch', at: '2026-12-03T09:00:00Z' }, 'VALID'),
  c('sc-08', SCHEMA, `Type: \`{ name: string; done: boolean }[]\`\n\n[{"name": "write tests", "done": true}, {"name": "ship", "done": false}]`, [{ name: 'write tests', done: true }, { name: 'ship', done: false }], 'VALID'),
  c('sc-09', SCHEMA, `Schema:\n{"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}, "required": ["id", "name"]}\n\nValid:\n{"id": 1, "name": "Ada"}\n\nInvalid (missing name):\n{"id": 2}`, { id: 1, name: 'Ada' }, 'VALID'),
  c('sc-10', SCHEMA, `The schema you gave:\n${F}json\n{"type": "object", "properties": {"score": {"type": "number"}, "label": {"type": "string"}}}\n${F}\n\nMy answer:\n${F}json\n{"score": 0.92, "label": "spam",}\n${F}`, { score: 0.92, label: 'spam' }, 'REPAIRED'),
  c('sc-11', SCHEMA, `{"schema": {"type": "object", "properties": {"a": {"type": "integer"}}}, "data": {"a": 5}}`, { schema: { type: 'object', properties: { a: { type: 'integer' } } }, data: { a: 5 } }, 'VALID', undefined, 'both asked for, in one object'),
  c('sc-12', SCHEMA, `Avro schema:\n${F}json\n{"type": "record", "name": "User", "fields": [{"name": "id", "type": "long"}, {"name": "email", "type": "string"}]}\n${F}\n\nA record:\n${F}json\n{"id": 42, "email": "ada@example.com"}\n${F}`, { id: 42, email: 'ada@example.com' }, 'VALID'),
  c('sc-13', SCHEMA, `You asked for output matching:\n${F}json\n{"type": "object", "properties": {"lang": {"type": "string", "enum": ["en", "de", "fr"]}, "confidence": {"type": "number"}}, "required": ["lang", "confidence"]}\n${F}\n\n${F}json\n{"lang": "de", "confidence": 0.97}\n${F}\n\nThis matches the schema above.`, { lang: 'de', confidence: 0.97 }, 'VALID'),
  c('sc-14', SCHEMA, `Fields:\n- \`name\` (string, required)\n- \`age\` (integer, optional)\n- \`emails\` (array of strings)\n\nResult:\n{"name": "Cy", "emails": ["cy@example.com"]}`, { name: 'Cy', emails: ['cy@example.com'] }, 'VALID'),
  c('sc-15', SCHEMA, `${F}graphql\ntype Book {\n  title: String!\n  pages: Int\n}\n${F}\n\nHere's a Book as JSON:\n\n{"title": "Dune", "pages": 412}`, { title: 'Dune', pages: 412 }, 'VALID'),
  c('sc-16', SCHEMA, `Using the response_format you defined (name: "weather", strict: true):\n\n${F}json\n{"location": "Bergen", "temperature": 7, "unit": "celsius"}\n${F}`, { location: 'Bergen', temperature: 7, unit: 'celsius' }, 'VALID'),

  // ---------------------------------------------------------------- typographic punctuation
  c('ty-01', TYPO, `{“name”: “Ada”, “age”: 36}`, { name: 'Ada', age: 36 }, 'REPAIRED'),
  c('ty-02', TYPO, `{‘name’: ‘Ada’, ‘active’: true}`, { name: 'Ada', active: true }, 'REPAIRED'),
  c('ty-03', TYPO, `｛"name"："Ada"，"age"：36｝`, { name: 'Ada', age: 36 }, 'REPAIRED'),
  c('ty-04', TYPO, `Here is the JSON:\n\n{\n  “title”: “Q3 report”,\n  “pages”: 12,\n  “draft”: false\n}`, { title: 'Q3 report', pages: 12, draft: false }, 'REPAIRED', undefined, 'pasted through a word processor'),
  c('ty-05', TYPO, `{\n\u00a0\u00a0"a": 1,\n\u00a0\u00a0"b": 2\n}`, { a: 1, b: 2 }, 'REPAIRED', undefined, 'no-break spaces as indentation'),
  c('ty-06', TYPO, `{« nom » : « Dupont », « âge » : 42}`, { nom: 'Dupont', âge: 42 }, 'REPAIRED'),
  c('ty-07', TYPO, `{"quote": "She said “hello” and left"}`, { quote: 'She said “hello” and left' }, 'VALID'),
  c('ty-08', TYPO, `{"name": “Ada”, "city": "Paris"}`, { name: 'Ada', city: 'Paris' }, 'REPAIRED', undefined, 'one value autocorrected'),
  c('ty-09', TYPO, `{"delta": –5, "unit": "°C"}`, { delta: -5, unit: '°C' }, 'REPAIRED', [{ delta: '–5', unit: '°C' }], 'an en dash for the minus'),
  c('ty-10', TYPO, `{"status": "loading…", "progress": 0.5}`, { status: 'loading…', progress: 0.5 }, 'VALID'),
  c('ty-11', TYPO, `{"名前"："太郎"、"年齢"：20}`, { 名前: '太郎', 年齢: 20 }, 'REPAIRED', undefined, 'the ideographic comma 、 as the separator'),
  c('ty-12', TYPO, `{„name“: „Jörg“, „stadt“: „Köln“}`, { name: 'Jörg', stadt: 'Köln' }, 'REPAIRED'),
  c('ty-13', TYPO, `{'name': 'O’Brien', 'team': 'ops'}`, { name: 'O’Brien', team: 'ops' }, 'REPAIRED'),
  c('ty-14', TYPO, `{"height": "5′ 11″", "weight": "180 lb"}`, { height: '5′ 11″', weight: '180 lb' }, 'VALID'),
  c('ty-15', TYPO, `Sure! Here you go:\n${F}json\n{“ok”: true, “items”: [“a”, “b”]}\n${F}`, { ok: true, items: ['a', 'b'] }, 'REPAIRED'),
  c('ty-16', TYPO, `{"ville"\u202f: "Paris", "pays"\u202f: "France"}`, { ville: 'Paris', pays: 'France' }, 'REPAIRED', undefined, 'French typography: a narrow no-break space before each colon'),
  c('ty-17', TYPO, `{\n\u3000"a": 1,\n\u3000"b": [1，2]\n}`, { a: 1, b: [1, 2] }, 'REPAIRED', undefined, 'ideographic space indentation'),
  c('ty-18', TYPO, `{"msg": "it’s fine, don’t worry"}`, { msg: 'it’s fine, don’t worry' }, 'VALID'),
  c('ty-19', TYPO, `結果：［1，2，3］`, [1, 2, 3], 'REPAIRED'),
  c('ty-20', TYPO, `{“title”: “The “Best” Pizza”, “rating”: 5}`, { title: 'The “Best” Pizza', rating: 5 }, 'REPAIRED'),
  c('ty-21', TYPO, `{"a":\u00a0"x",\u00a0"b":\u00a0"y"}`, { a: 'x', b: 'y' }, 'REPAIRED'),

  // ---------------------------------------------------------------- placeholders and elisions
  c('pl-01', PLACE, `{"users": [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Bo"}, ...]}`, { users: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Bo' }] }, 'REPAIRED'),
  c('pl-02', PLACE, `[\n  {"id": 1},\n  {"id": 2},\n  // more items\n]`, [{ id: 1 }, { id: 2 }], 'REPAIRED'),
  c('pl-03', PLACE, `{"name": "<your name>", "email": "<your email>"}`, { name: '<your name>', email: '<your email>' }, 'VALID', undefined, 'a template was asked for'),
  c('pl-04', PLACE, `{"id": 1, "name": "Ada", /* ... */ }`, { id: 1, name: 'Ada' }, 'REPAIRED'),
  c('pl-05', PLACE, `{"items": ["apple", "banana", "…"]}`, { items: ['apple', 'banana', '…'] }, 'VALID'),
  c('pl-06', PLACE, `{"config": {...}, "debug": true}`, { config: {}, debug: true }, 'REPAIRED', [{ config: '...', debug: true }]),
  c('pl-07', PLACE, `[\n  {"row": 1, "v": 0.5},\n  {"row": 2, "v": 0.7},\n  // ... 98 more rows ...\n  {"row": 100, "v": 0.1}\n]`, [{ row: 1, v: 0.5 }, { row: 2, v: 0.7 }, { row: 100, v: 0.1 }], 'REPAIRED'),
  c('pl-08', PLACE, `{\n  "a": 1,\n  ...\n  "z": 26\n}`, { a: 1, z: 26 }, 'REPAIRED'),
  c('pl-09', PLACE, `Template:\n{"name": "<name>", "age": <age>}\n\nFilled in:\n{"name": "Ada", "age": 36}`, { name: 'Ada', age: 36 }, 'VALID'),
  c('pl-10', PLACE, `{"api_key": "YOUR_API_KEY", "region": "eu-west-1"}`, { api_key: 'YOUR_API_KEY', region: 'eu-west-1' }, 'VALID'),
  c('pl-11', PLACE, `{"name": "Ada", "age": ???}`, { name: 'Ada', age: '???' }, 'REPAIRED', [{ name: 'Ada', age: null }, { name: 'Ada' }]),
  c('pl-12', PLACE, `{\n  "items": [\n    { "sku": "A1", "qty": 2 },\n    { ... }\n  ]\n}`, { items: [{ sku: 'A1', qty: 2 }] }, 'REPAIRED', [{ items: [{ sku: 'A1', qty: 2 }, {}] }]),
  c('pl-13', PLACE, `{"data": [1, 2, 3, …, 100]}`, { data: [1, 2, 3, 100] }, 'REPAIRED'),
  c('pl-14', PLACE, `{"id": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "created": "YYYY-MM-DD"}`, { id: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', created: 'YYYY-MM-DD' }, 'VALID'),
  c('pl-15', PLACE, `{"name": "Ada", "tags": [/* ... */]}`, { name: 'Ada', tags: [] }, 'REPAIRED'),
  c('pl-16', PLACE, `{ "rows": [ [1, 2], [3, 4], ... ] }`, { rows: [[1, 2], [3, 4]] }, 'REPAIRED'),
  c('pl-17', PLACE, `Here's the structure (fill in the rest yourself):\n\n${F}json\n{\n  "server": {\n    "host": "0.0.0.0",\n    "port": 8080\n  },\n  "routes": [\n    // ...\n  ]\n}\n${F}`, { server: { host: '0.0.0.0', port: 8080 }, routes: [] }, 'REPAIRED'),
  c('pl-18', PLACE, `{"first": "Ada", "last": "Lovelace", "born": 1815, …}`, { first: 'Ada', last: 'Lovelace', born: 1815 }, 'REPAIRED'),

  // ---------------------------------------------------------------- API response bodies pasted whole
  c('ap-01', API, OAI, JSON.parse(OAI), 'VALID', undefined, 'a whole chat.completion body is valid JSON: it comes back as it is'),
  c('ap-02', API, `The API returned this:\n\n${OAI}\n\nWhy is content a string?`, JSON.parse(OAI), 'VALID'),
  c('ap-03', API, R`{"id":"msg_01XyZ","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"{\"a\": 1}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":8}}`, { id: 'msg_01XyZ', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: '{"a": 1}' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 20, output_tokens: 8 } }, 'VALID'),
  c('ap-04', API, `HTTP/1.1 200 OK\ncontent-type: application/json\nx-request-id: req_8f2a\n\n{"id": 7, "name": "Ada"}`, { id: 7, name: 'Ada' }, 'VALID'),
  c('ap-05', API, `$ curl -s https://api.example.com/v1/users/7\n{"id": 7, "name": "Ada", "roles": ["admin"]}\n$ `, { id: 7, name: 'Ada', roles: ['admin'] }, 'VALID'),
  c('ap-06', API, `{'id': 'chatcmpl-1', 'choices': [{'message': {'role': 'assistant', 'content': 'hi'}}], 'usage': {'total_tokens': 12}}`, { id: 'chatcmpl-1', choices: [{ message: { role: 'assistant', content: 'hi' } }], usage: { total_tokens: 12 } }, 'REPAIRED', undefined, 'a Python print of the response dict'),
  c('ap-07', API, `{"id":"chatcmpl-2","choices":[{"index":0,"message":{"role":"assistant","content":"Hello`, { id: 'chatcmpl-2', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' } }] }, 'TRUNCATED'),
  c('ap-08', API, R`{"candidates": [{"content": {"parts": [{"text": "{\"ok\": true}"}], "role": "model"}, "finishReason": "STOP"}], "modelVersion": "gemini-2.0-flash"}`, { candidates: [{ content: { parts: [{ text: '{"ok": true}' }], role: 'model' }, finishReason: 'STOP' }], modelVersion: 'gemini-2.0-flash' }, 'VALID'),
  c('ap-09', API, `openai.BadRequestError: Error code: 400 - {'error': {'message': "Invalid 'messages[0].content': string too long.", 'type': 'invalid_request_error', 'param': 'messages[0].content', 'code': 'string_above_max_length'}}`, { error: { message: "Invalid 'messages[0].content': string too long.", type: 'invalid_request_error', param: 'messages[0].content', code: 'string_above_max_length' } }, 'REPAIRED', undefined, 'the Python SDK exception text'),
  c('ap-10', API, `Request:\n{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}\n\nResponse:\n{"id": "chatcmpl-3", "choices": [{"message": {"role": "assistant", "content": "Hello!"}}]}`, { id: 'chatcmpl-3', choices: [{ message: { role: 'assistant', content: 'Hello!' } }] }, 'VALID'),
  c('ap-11', API, R`{"model":"llama3.2","created_at":"2026-12-03T10:00:00Z","response":"{\"a\": 1}","done":true,"done_reason":"stop","total_duration":512000000}`, { model: 'llama3.2', created_at: '2026-12-03T10:00:00Z', response: '{"a": 1}', done: true, done_reason: 'stop', total_duration: 512000000 }, 'VALID'),
  c('ap-12', API, `{\n  id: 'chatcmpl-4',\n  choices: [ { index: 0, message: [Object], finish_reason: 'stop' } ],\n  usage: { prompt_tokens: 9, completion_tokens: 3 }\n}`, { id: 'chatcmpl-4', choices: [{ index: 0, message: '[Object]', finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 3 } }, 'REPAIRED', [{ id: 'chatcmpl-4', choices: [{ index: 0, message: ['Object'], finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 3 } }], "Node's console.log of the response"),
  c('ap-13', API, `{"ok": true, "count": 3}\n\nStatus: 200 OK   Time: 123 ms   Size: 512 B`, { ok: true, count: 3 }, 'VALID', undefined, 'Postman'),
  c('ap-14', API, `{"custom_id": "req-1", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "Yes"}}]}}, "error": null}`, { custom_id: 'req-1', response: { status_code: 200, body: { choices: [{ message: { content: 'Yes' } }] } }, error: null }, 'VALID', undefined, 'a Batch API output line'),
  c('ap-15', API, `Response body (status 422):\n${F}json\n{\n  "detail": [\n    {"loc": ["body", "age"], "msg": "field required", "type": "value_error.missing"}\n  ]\n}\n${F}`, { detail: [{ loc: ['body', 'age'], msg: 'field required', type: 'value_error.missing' }] }, 'VALID'),
  c('ap-16', API, `< HTTP/2 200\n< content-type: application/json; charset=utf-8\n< date: Thu, 03 Dec 2026 10:00:00 GMT\n<\n{"status": "healthy", "uptime_s": 86400}`, { status: 'healthy', uptime_s: 86400 }, 'VALID', undefined, 'curl -v response headers'),

  // ---------------------------------------------------------------- streaming leftovers (SSE, NDJSON)
  multi('ss-01', SSE, `data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: [DONE]`, [{ choices: [{ delta: { content: 'Hel' } }] }, { choices: [{ delta: { content: 'lo' } }] }]),
  c('ss-02', SSE, `data: {"a": 1}`, { a: 1 }, 'VALID'),
  multi('ss-03', SSE, `event: message_start\ndata: {"type": "message_start", "message": {"id": "msg_1"}}\n\nevent: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hi"}}\n\nevent: message_stop\ndata: {"type": "message_stop"}`, [{ type: 'message_start', message: { id: 'msg_1' } }, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }, { type: 'message_stop' }]),
  c('ss-04', SSE, `id: 1\nevent: message\nretry: 3000\ndata: {"status": "ok"}\n\n`, { status: 'ok' }, 'VALID'),
  c('ss-05', SSE, `data: {"a": 1}\n\n: keep-alive\n\n`, { a: 1 }, 'VALID'),
  multi('ss-06', SSE, `{"model":"llama3","response":"Hel","done":false}\n{"model":"llama3","response":"lo","done":false}\n{"model":"llama3","response":"","done":true,"eval_count":2}`, [{ model: 'llama3', response: 'Hel', done: false }, { model: 'llama3', response: 'lo', done: false }, { model: 'llama3', response: '', done: true, eval_count: 2 }], 'REPAIRED', 'Ollama NDJSON chunks'),
  c('ss-07', SSE, `data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {"choices":[{"del`, { choices: [{ delta: { content: 'Hi' } }] }, ['VALID', 'REPAIRED'], undefined, 'the paste cut inside the second event'),
  c('ss-08', SSE, `event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}`, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'VALID'),
  c('ss-09', SSE, `data: {\ndata:   "a": 1,\ndata:   "b": 2\ndata: }`, { a: 1, b: 2 }, 'REPAIRED', undefined, 'one event whose data spans several data: lines'),
  multi('ss-10', SSE, `< {"type": "session.created", "session": {"id": "s1"}}\n< {"type": "response.done", "response": {"status": "completed"}}`, [{ type: 'session.created', session: { id: 's1' } }, { type: 'response.done', response: { status: 'completed' } }], ['REPAIRED', 'VALID'], 'WebSocket frames as a devtools console prints them'),
  c('ss-11', SSE, `data: {"content": "The answer is 42"}\ndata: [DONE]`, { content: 'The answer is 42' }, 'VALID'),
  c('ss-12', SSE, `tent":"lo"}}]}\n\ndata: {"choices":[{"delta":{"content":"!"}}]}\n\ndata: [DONE]`, { choices: [{ delta: { content: '!' } }] }, 'VALID', undefined, 'the copy starts in the middle of an event'),
  multi('ss-13', SSE, R`event: response.output_text.delta
data: {"type":"response.output_text.delta","delta":"{\"a"}

event: response.output_text.done
data: {"type":"response.output_text.done","text":"{\"a\": 1}"}`, [{ type: 'response.output_text.delta', delta: '{"a' }, { type: 'response.output_text.done', text: '{"a": 1}' }]),
  c('ss-14', SSE, `data: [DONE]`, null, 'FAILED', undefined, 'only the end marker'),
  c('ss-15', SSE, `Here's what my stream printed:\n\n${F}\ndata: {"choices":[{"delta":{"role":"assistant"}}]}\n${F}`, { choices: [{ delta: { role: 'assistant' } }] }, 'VALID'),
  multi('ss-16', SSE, `data:{"n":1}\ndata:{"n":2}\ndata:{"n":3}`, [{ n: 1 }, { n: 2 }, { n: 3 }], ['REPAIRED', 'VALID'], 'no space after data:'),

  // ---------------------------------------------------------------- step-by-step plans with intermediate JSON
  c('st-01', STEP, `Step 1: parse the input.\n{"raw": "Ada,36"}\n\nStep 2: split the fields.\n{"fields": ["Ada", "36"]}\n\nStep 3: build the object.\n{"name": "Ada", "age": 36}`, { name: 'Ada', age: 36 }, 'VALID'),
  c('st-02', STEP, `Step 1 — collect the values: 3, 5, 8.\nStep 2 — compute the sum: 16.\nStep 3 — compute the mean: 5.33.\n\nFinal result:\n${F}json\n{"sum": 16, "mean": 5.33}\n${F}`, { sum: 16, mean: 5.33 }, 'VALID'),
  c('st-03', STEP, `**Step 1**\n${F}json\n{"items": []}\n${F}\n**Step 2**\n${F}json\n{"items": ["milk"]}\n${F}\n**Final JSON**\n${F}json\n{"items": ["milk", "eggs"]}\n${F}`, { items: ['milk', 'eggs'] }, 'VALID'),
  c('st-04', STEP, `Final answer:\n${F}json\n{"a": 1, "b": 2}\n${F}\n\nHow I got there:\n1. Start with {"a": 1}\n2. Add b to get {"a": 1, "b": 2}`, { a: 1, b: 2 }, 'VALID'),
  c('st-05', STEP, `Step 1/3: {"stage": "download", "ok": true}\nStep 2/3: {"stage": "unpack", "ok": true}\nStep 3/3: {"stage": "install", "ok": true}`, { stage: 'install', ok: true }, ['VALID', 'REPAIRED'], [{ stage: 'download', ok: true }, [{ stage: 'download', ok: true }, { stage: 'unpack', ok: true }, { stage: 'install', ok: true }]], 'a progress log: the last step, or every step'),
  c('st-06', STEP, `Step 1 — draft:\n{name: 'Ada'}\n\nStep 2 — quote the key:\n{"name": 'Ada'}\n\nStep 3 — fix the value's quotes:\n{"name": "Ada"}`, { name: 'Ada' }, 'VALID'),
  c('st-07', STEP, `Step 1: the record.\n{"id": 9, "total": 30}\n\nStep 2: check. {"id": 9, "total": 30} has both fields, and 30 equals the sum of the lines. Done.`, { id: 9, total: 30 }, 'VALID'),
  c('st-08', STEP, `First, the base object: {"a": 1}. Then I add b: {"a": 1, "b": 2}. Finally c:\n\n{"a": 1, "b": 2, "c": 3}`, { a: 1, b: 2, c: 3 }, 'VALID'),
  c('st-09', STEP, `1. Input → {"x": 1}\n2. Doubled → {"x": 2}\n3. Output → {"x": 2, "ok": true}`, { x: 2, ok: true }, 'VALID'),
  c('st-10', STEP, `Schritt 1: Eingabe lesen.\nSchritt 2: Felder zuordnen.\nSchritt 3: Ergebnis ausgeben.\n\nErgebnis:\n{"vorname": "Jörg", "plz": "50667"}`, { vorname: 'Jörg', plz: '50667' }, 'VALID'),
  c('st-11', STEP, `Step 1: {"a": 1}\nStep 2: {"a": 1, "b": [1, 2`, { a: 1, b: [1, 2] }, ['TRUNCATED', 'VALID'], [{ a: 1 }], 'cut at max_tokens in the last step'),
  c('st-12', STEP, `Plan:\n${F}json\n{"steps": ["fetch", "parse", "count"]}\n${F}\n\nExecuting the plan...\n\nResult:\n${F}json\n{"count": 3}\n${F}`, { count: 3 }, 'VALID'),
  c('st-13', STEP, `Step 1: Here's the data you gave me: {"price": 10, "qty": 3}\nStep 2: multiply price by qty.\nStep 3: output.\n\n{"total": 30}`, { total: 30 }, 'VALID'),
  c('st-14', STEP, `Step 1:\n${F}python\nd = {'a': 1, 'b': None}\n${F}\nStep 2:\n${F}python\nd['c'] = True\n${F}\nStep 3 (as JSON):\n${F}json\n{"a": 1, "b": null, "c": true}\n${F}`, { a: 1, b: null, c: true }, 'VALID'),
  c('st-15', STEP, `Let's do this step by step.\n\n1. The user is 36, so \`"age": 36\`.\n2. The user lives in Lima, so \`"city": "Lima"\`.\n3. Combine them:\n\n{"age": 36, "city": "Lima"}\n\nThat's the final object.`, { age: 36, city: 'Lima' }, 'VALID'),
  c('st-16', STEP, `Step 1 output:\n{"tokens": ["the", "cat"]}\nStep 2 output:\n{"tokens": ["the", "cat"], "pos": ["DET", "NOUN"]}\n\nThe final output is the one from step 2.`, { tokens: ['the', 'cat'], pos: ['DET', 'NOUN'] }, 'VALID'),

  // ---------------------------------------------------------------- partial refusals
  c('rf-01', REFUSE, `I can't include the customer's real social security number, but here is the record with it redacted:\n\n{"name": "Ada", "ssn": "[REDACTED]"}`, { name: 'Ada', ssn: '[REDACTED]' }, 'VALID'),
  c('rf-02', REFUSE, `I'm sorry, but I can't give specific dosage advice. Here is the general information in the format you asked for:\n${F}json\n{"drug": "ibuprofen", "class": "NSAID", "advice": "ask a pharmacist"}\n${F}`, { drug: 'ibuprofen', class: 'NSAID', advice: 'ask a pharmacist' }, 'VALID'),
  c('rf-03', REFUSE, `I don't have access to real-time prices, so the values below are placeholders:\n{"price": null, "currency": "USD"}`, { price: null, currency: 'USD' }, 'VALID'),
  none('rf-04', REFUSE, `I'm sorry, but I can't help with that request.`),
  c('rf-05', REFUSE, `{"error": "I can't help with that."}`, { error: "I can't help with that." }, 'VALID'),
  c('rf-06', REFUSE, `As an AI language model, I don't have personal opinions. However, here is a neutral summary:\n\n{"pros": ["cheap"], "cons": ["slow"]}`, { pros: ['cheap'], cons: ['slow'] }, 'VALID'),
  none('rf-07', REFUSE, `I can't generate real credit card numbers. A valid card would look like \`{"number": "XXXX-XXXX-XXXX-XXXX", "cvv": "XXX"}\`, but I won't fill it in with real data.`, 'the only value is the format it refuses to fill'),
  c('rf-08', REFUSE, `I'll skip the home address since it is personal data.\n\n{"name": "Ada", "city": "London"}`, { name: 'Ada', city: 'London' }, 'VALID'),
  c('rf-09', REFUSE, `I'd rather not guess the user's age, so I've left it as null:\n{"name": "Bo", "age": null}`, { name: 'Bo', age: null }, 'VALID'),
  c('rf-10', REFUSE, `{"summary": "A short story about a lighthouse keeper."}\n\nNote: I left out the graphic scene from the summary.`, { summary: 'A short story about a lighthouse keeper.' }, 'VALID'),
  c('rf-11', REFUSE, `I won't produce {"admin": true} for an account you don't own. Here is the request for a regular user instead:\n{"admin": false, "role": "viewer"}`, { admin: false, role: 'viewer' }, 'VALID'),
  c('rf-12', REFUSE, `{"refusal": "I'm sorry, I can't assist with that."}`, { refusal: "I'm sorry, I can't assist with that." }, 'VALID'),
  c('rf-13', REFUSE, `抱歉，我无法提供真实的个人信息。以下是虚构的数据：\n{"name": "张三", "phone": "138-0000-0000"}`, { name: '张三', phone: '138-0000-0000' }, 'VALID'),
  c('rf-14', REFUSE, `I can't share the internal settings ({"debug": true, "secret": "..."}), but the public part is:\n{"debug": true}`, { debug: true }, 'VALID'),
  none('rf-15', REFUSE, `I understand you'd like the JSON with the patient's full records, but I'm not able to share protected health information. If you have de-identified data, I'd be happy to help format it.`),
  c('rf-16', REFUSE, `I can't verify these facts, so please double-check them.\n\n${F}json\n[{"claim": "The Eiffel Tower is 330 m tall", "verified": false}]\n${F}`, [{ claim: 'The Eiffel Tower is 330 m tall', verified: false }], 'VALID'),

  // ---------------------------------------------------------------- long prose and two languages
  c('lg-01', LONG, `${prose(2000)}\n\n{"verdict": "approve"}`, { verdict: 'approve' }, 'VALID'),
  c('lg-02', LONG, `${prose(1500, 3)}\n\nFinal answer: true`, true, 'VALID'),
  c('lg-03', LONG, `${prose(800, 1)} For instance a record such as \`{"id": 0}\` would be rejected. ${prose(800, 5)}\n\n${F}json\n{"id": 12, "status": "accepted"}\n${F}`, { id: 12, status: 'accepted' }, 'VALID'),
  c('lg-04', LONG, `${prose(6000, 2)}\n\nAnswer: 42`, 42, 'VALID'),
  c('lg-05', LONG, `Here is the result / Voici le résultat :\n{"name": "Ada", "pays": "France"}`, { name: 'Ada', pays: 'France' }, 'VALID'),
  c('lg-06', LONG, `English:\n{"greeting": "Hello"}\n\n日本語:\n{"greeting": "こんにちは"}`, { greeting: 'Hello' }, ['VALID', 'REPAIRED'], [{ greeting: 'こんにちは' }], 'one answer per language: either'),
  c('lg-07', LONG, `{"producto": "café", "precio": 3.5}\n\nEl precio incluye IVA. The price includes VAT.`, { producto: 'café', precio: 3.5 }, 'VALID'),
  c('lg-08', LONG, `Translation (FR):\n{"title": "Bonjour le monde"}\n\nOriginal (EN):\n{"title": "Hello world"}`, { title: 'Bonjour le monde' }, 'VALID'),
  c('lg-09', LONG, `${prose(1200, 4)} In summary, the configuration is {"workers": 4, "queue": "fifo"}. ${prose(1200, 7)}`, { workers: 4, queue: 'fifo' }, 'VALID'),
  c('lg-10', LONG, `${prose(3000, 6)} So the answer is {"n": 7}.`, { n: 7 }, 'VALID'),
  c('lg-11', LONG, `结果如下 (result below):\n${F}json\n{"城市": "上海", "city": "Shanghai"}\n${F}\n希望对你有帮助！Hope this helps!`, { 城市: '上海', city: 'Shanghai' }, 'VALID'),
  c('lg-12', LONG, `# Report\n\n## Background\n\n${prose(600, 8)}\n\n## Findings\n\n- The service is healthy.\n- Latency is within bounds.\n- Two alerts fired last week.\n\n## Data\n\n${F}json\n{"healthy": true, "p95_ms": 120, "alerts": 2}\n${F}`, { healthy: true, p95_ms: 120, alerts: 2 }, 'VALID'),
  c('lg-13', LONG, `DE: {"farbe": "rot"}\nEN: {"colour": "red"}`, { farbe: 'rot' }, ['VALID', 'REPAIRED'], [{ colour: 'red' }], 'one answer per language: either'),
  none('lg-14', LONG, `${prose(3000, 9)}\n\nI hope this overview is useful.`),
  c('lg-15', LONG, `Por supuesto. Aquí tienes el JSON solicitado:\n\n{"nombre": "Lucía", "edad": 29}\n\nSi necesitas algo más, dímelo.`, { nombre: 'Lucía', edad: 29 }, 'VALID'),
  c('lg-16', LONG, `${prose(2500, 10)}\n\nAfter weighing all of this, my answer is:\n\n"approve"`, 'approve', 'VALID'),

  // ---------------------------------------------------------------- emoji and right-to-left text
  c('em-01', RTL, `✅ Done! Here's your JSON 👇\n\n{"status": "ok", "emoji": "🎉"}\n\n🚀 Let me know if you need more!`, { status: 'ok', emoji: '🎉' }, 'VALID'),
  c('em-02', RTL, `{"😀": 3, "😢": 1}`, { '😀': 3, '😢': 1 }, 'VALID'),
  c('em-03', RTL, `{"family": "👨‍👩‍👧", "flag": "🏳️‍🌈"}`, { family: '👨‍👩‍👧', flag: '🏳️‍🌈' }, 'VALID'),
  c('em-04', RTL, `📦 Package:\n{"name": "left-pad", "version": "1.3.0"}\n\n🔥🔥🔥`, { name: 'left-pad', version: '1.3.0' }, 'VALID'),
  c('em-05', RTL, `إليك النتيجة:\n{"name": "أحمد", "city": "القاهرة"}\nشكراً!`, { name: 'أحمد', city: 'القاهرة' }, 'VALID'),
  c('em-06', RTL, `\u200fהנה התוצאה:\u200f\n{"שם": "דנה", "גיל": 31}`, { שם: 'דנה', גיל: 31 }, 'VALID'),
  c('em-07', RTL, `{"a":\u200e 1, "b":\u200f 2}`, { a: 1, b: 2 }, 'REPAIRED', undefined, 'bidi marks copied from a right-to-left UI'),
  c('em-08', RTL, `{mood: 😊, energy: 7}`, { mood: '😊', energy: 7 }, 'REPAIRED'),
  c('em-09', RTL, `["👍🏽", "🇳🇴", "❤️"]`, ['👍🏽', '🇳🇴', '❤️'], 'VALID'),
  c('em-10', RTL, `🤔 Thinking… 💭 maybe {"n": 2}? No wait, that's wrong.\n\n✅ Final:\n{"n": 3}`, { n: 3 }, 'VALID'),
  c('em-11', RTL, `{"count": ٣, "total": ١٢}`, { count: 3, total: 12 }, 'REPAIRED', [{ count: '٣', total: '١٢' }], 'Arabic-Indic digits'),
  c('em-12', RTL, `{"نام": "علی"، "سن": 30}`, { نام: 'علی', سن: 30 }, 'REPAIRED', undefined, 'the Arabic comma ، as the separator (Persian keyboard)'),
  c('em-13', RTL, `\u202b{"a": 1}\u202c`, { a: 1 }, 'VALID', undefined, 'right-to-left embedding around the value'),
  c('em-14', RTL, `:white_check_mark: *Deploy config* :rocket:\n${F}\n{"env": "prod", "replicas": 3}\n${F}\n:thumbsup:`, { env: 'prod', replicas: 3 }, 'VALID'),
  c('em-15', RTL, `[🍎, 🍌, 🍒]`, ['🍎', '🍌', '🍒'], 'REPAIRED'),
  c('em-16', RTL, `نتیجه:\n${F}json\n{"شهر": "تهران", "جمعیت": 9000000}\n${F}\nامیدوارم مفید باشد ۔`, { شهر: 'تهران', جمعیت: 9000000 }, 'VALID'),
  c('em-17', RTL, `🎯 Result → {"score": 97, "grade": "A+"} 🏆`, { score: 97, grade: 'A+' }, 'VALID'),
  c('em-18', RTL, `{"message": "Great job! 👏👏👏", "stars": ⭐⭐⭐⭐}`, { message: 'Great job! 👏👏👏', stars: '⭐⭐⭐⭐' }, 'REPAIRED'),
];
