// New-user trial 13: LLM-like texts written by hand (trial13, 2026-12-02) BEFORE reading the engine's code,
// the corpus or trials 1-12's texts (only the README's promises — the answer-selection rule, the reasoning
// table, the repairs table, its "Known limit" lines — and the trial harness's types), aimed at families the
// earlier trials were likely thin on: non-English output (CJK, RTL, emoji, full-width punctuation and curly
// quotes from input methods, accents in unquoted keys), chat-template tokens leaked around the answer
// (ChatML `<|im_start|>`/`<|im_end|>`, Llama 3 `<|eot_id|>`, `</s>`, `[/INST]`, Gemma `<end_of_turn>`, Phi
// `<|end|>`, `<|endoftext|>`, Mistral `[TOOL_CALLS]`), JSON inside other markup (markdown tables, bullet lists,
// blockquotes, HTML `<pre><code>`, JS/TS/Python code that assigns or parses it), JS/Python literal syntax
// beyond the basics (sets, bytes, `undefined`, template literals, `new Date(…)`, trailing `;`, array holes),
// reasoning formats as UIs show them (`**Thinking**` headers, `Reasoning:`/`Answer:` sections, Ollama's
// `Thinking...`/`...done thinking.`, harmony channels with odd spacing, summaries after the answer),
// truncation at many places, answers that are scalars or top-level arrays, long or deep answers with one
// defect far inside, several answers the user asked for, line-ending and invisible-character noise, and
// texts that hold no answer.
// Several answers (category MULTI): a user who asked for N values and gets one cannot be served by a single
// JSON value without inventing an array; what they need is one of the values AND a status that says more
// were there (REPAIRED, the others `extra_value` spans), so these rows accept the first, the last or all of
// them as an array, each only with status REPAIRED.
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written blind, committed before the first run; never edited to match the engine.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';

const I18N = 'non-English output';
const TMPL = 'chat-template leaks';
const MARK = 'JSON inside other markup';
const LIT = 'JS/Python literal syntax';
const REAS = 'reasoning formats in UIs';
const TRUNC = 'truncation points';
const SCAL = 'scalars and top-level arrays';
const DEEP = 'long or deep, one defect inside';
const MULTI = 'several answers asked for';
const WS = 'line endings and invisible characters';
const NONE = 'no answer';

function c(id: string, category: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t13-${id}`, category, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

// ---------------------------------------------------------------- generated long / deep texts
function records(n: number): { id: number; name: string; tags: string[]; score: number }[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `user${i + 1}`, tags: [`t${i % 7}`, `g${i % 3}`], score: (i * 37) % 101 }));
}
const REC200 = records(200);
const rec200Text = JSON.stringify(REC200, null, 2);
// one missing comma between two members of record 150
const deep01 = rec200Text.replace('"id": 150,\n    "name": "user150"', '"id": 150\n    "name": "user150"');
// record 90 written with Python None/True inside an otherwise valid array
const REC120 = records(120).map((r, i) => (i === 89 ? { ...r, extra: null, ok: true } : r));
const deep06 = JSON.stringify(REC120, null, 2).replace('"extra": null,\n    "ok": true', '"extra": None,\n    "ok": True');
// a trailing comma inside record 300 of 320 (compact)
const REC320 = records(320);
const deep12 = JSON.stringify(REC320).replace('"score":64}', '"score":64,}');
function nest(depth: number, inner: unknown): unknown {
  let v = inner;
  for (let i = depth; i > 0; i--) v = { [`level${i}`]: v };
  return v;
}
const NEST40 = nest(40, { name: 'core', value: 7 });
const deep02 = JSON.stringify(NEST40).replace('{"name":"core","value":7}', "{'name':'core','value':7}");
const numbers1000 = Array.from({ length: 1000 }, (_, i) => i + 1);
const deep03 = '[' + numbers1000.join(', ') + ',\n]';
const longStr = 'lorem ipsum dolor sit amet '.repeat(200);
const deep04 = '{"id": 9, "body": "' + longStr + '\n' + longStr + '", "done": true}';
const deep05 = '['.repeat(100) + '1' + ']'.repeat(100);
const NEST100 = JSON.parse(deep05);
const CFG = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`option_${i}`, { enabled: i % 2 === 0, weight: i / 4, label: `Option ${i}` }]));
const cfgText = JSON.stringify(CFG, null, 2);
const deep07 = 'Here is the full configuration you asked for:\n\n' + F + 'json\n' + cfgText.replace('"option_97": {', 'option_97: {') + '\n' + F + '\n\nLet me know if any option needs changing.';
const NEST20 = nest(20, { msg: 'the quick brown fox jumps' });
const deep08 = JSON.stringify(NEST20).replace(/ jumps"\}+$/, ' jum');
const NEST20CUT = nest(20, { msg: 'the quick brown fox jum' });
const KEYS50 = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `value number ${i}`]));
const deep09 = JSON.stringify(KEYS50, null, 1).replace('"k49": "value number 49"', '"k49": “value number 49”');
const deep10 = 'Example of one record: {"id": 0, "name": "example"}\n\nThe full export:\n\n' + JSON.stringify(REC200.slice(0, 60), null, 2);
const DEEPC = nest(10, { a: 1, b: 2 });
const deep11 = JSON.stringify(DEEPC, null, 2).replace('"a": 1,', '"a": 1, // the first one');

export const TRIAL13_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- non-English output
  c('i18n-01', I18N, '以下是结果：\n' + F + 'json\n{"城市": "北京", "人口": 21893095}\n' + F, { 城市: '北京', 人口: 21893095 }, 'VALID'),
  c('i18n-02', I18N, '{"名前"："田中"，"年齢"：30}', { 名前: '田中', 年齢: 30 }, 'REPAIRED'),
  c('i18n-03', I18N, '｛"name"："李雷"，"age"：25｝', { name: '李雷', age: 25 }, 'REPAIRED'),
  c('i18n-04', I18N, 'إليك النتيجة:\n{"الاسم": "أحمد", "العمر": 30}', { الاسم: 'أحمد', العمر: 30 }, 'VALID'),
  c('i18n-05', I18N, '{"שם": "דנה", "עיר": "חיפה"}\u200f', { שם: 'דנה', עיר: 'חיפה' }, 'VALID', undefined, 'a right-to-left mark after the value'),
  c('i18n-06', I18N, '{"mood": "😀", "tags": ["🔥", "👍🏽"], "flag": "🇳🇴"}', { mood: '😀', tags: ['🔥', '👍🏽'], flag: '🇳🇴' }, 'VALID', undefined, 'surrogate pairs: every split point cuts one'),
  c('i18n-07', I18N, 'Here you go 🎉\n{"family": "👨‍👩‍👧", "count": 3} ✅', { family: '👨‍👩‍👧', count: 3 }, 'VALID'),
  c('i18n-08', I18N, '{café: "noir", prix: 2.5, année: 2024}', { café: 'noir', prix: 2.5, année: 2024 }, 'REPAIRED'),
  c('i18n-09', I18N, '{“nombre”: “José”, “edad”: 41}', { nombre: 'José', edad: 41 }, 'REPAIRED'),
  c('i18n-10', I18N, '結果は次のとおりです：{"合計": 1500, "通貨": "円"}', { 合計: 1500, 通貨: '円' }, 'VALID'),
  c('i18n-11', I18N, '다음은 요청하신 JSON입니다.\n\n' + F + 'json\n{"이름": "김민수", "직업": "개발자"}\n' + F + '\n\n도움이 되셨나요?', { 이름: '김민수', 직업: '개발자' }, 'VALID'),
  c('i18n-12', I18N, 'Вот ответ:\n{"цитата": "Он сказал «да»", "год": 1999}', { цитата: 'Он сказал «да»', год: 1999 }, 'VALID'),
  c('i18n-13', I18N, "{prénom: 'Élodie', âge: 28, ville: 'Orléans'}", { prénom: 'Élodie', âge: 28, ville: 'Orléans' }, 'REPAIRED'),
  c('i18n-14', I18N, '{"Straße": Hauptstraße 5, "Ort": "München"}', { Straße: 'Hauptstraße 5', Ort: 'München' }, 'REPAIRED'),
  c('i18n-15', I18N, '["苹果"，"香蕉"，"橙子"]', ['苹果', '香蕉', '橙子'], 'REPAIRED'),
  c('i18n-16', I18N, '{"नाम": "राम", "शहर": "दिल्ली", "उम्र": 34}', { नाम: 'राम', शहर: 'दिल्ली', उम्र: 34 }, 'VALID'),
  c('i18n-17', I18N, '{“城市”：“上海”，“温度”：18}', { 城市: '上海', 温度: 18 }, 'REPAIRED'),
  c('i18n-18', I18N, '¡Claro! Aquí tienes:\n{"ciudad": "Bogotá", "altitud_m": 2640}\n¿Necesitas algo más?', { ciudad: 'Bogotá', altitud_m: 2640 }, 'VALID'),
  c('i18n-19', I18N, '{"a":\u3000"b",\u3000"c":\u30001}', { a: 'b', c: 1 }, 'REPAIRED', undefined, 'ideographic spaces between tokens'),
  c('i18n-20', I18N, 'Ecco il JSON:\n\n{\n  "città": "Torino",\n  "descrizione": "L’ultima città visitata"\n}', { città: 'Torino', descrizione: 'L’ultima città visitata' }, 'VALID'),
  c('i18n-21', I18N, "{ŝlosilo: 'valoro', naïve: true, Ελλάδα: 'Αθήνα'}", { ŝlosilo: 'valoro', naïve: true, Ελλάδα: 'Αθήνα' }, 'REPAIRED'),

  // ---------------------------------------------------------------- chat-template leaks
  c('tmpl-01', TMPL, '<|im_start|>assistant\n{"intent": "book_flight", "city": "Paris"}<|im_end|>', { intent: 'book_flight', city: 'Paris' }, 'VALID'),
  c('tmpl-02', TMPL, '{"ok": true}<|eot_id|>', { ok: true }, 'VALID'),
  c('tmpl-03', TMPL, '<|start_header_id|>assistant<|end_header_id|>\n\n{"answer": 12}<|eot_id|>', { answer: 12 }, 'VALID'),
  c('tmpl-04', TMPL, '{"label": "spam"}</s>', { label: 'spam' }, 'VALID'),
  c('tmpl-05', TMPL, '[INST] Classify this email [/INST] {"label": "ham", "confidence": 0.93}</s>', { label: 'ham', confidence: 0.93 }, 'VALID'),
  c('tmpl-06', TMPL, '<start_of_turn>model\n{"summary": "short"}<end_of_turn>', { summary: 'short' }, 'VALID'),
  c('tmpl-07', TMPL, '{"a": 1}<end_of_turn>\n<start_of_turn>user\nthanks<end_of_turn>', { a: 1 }, 'VALID'),
  c('tmpl-08', TMPL, '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Oslo"}}]</s>', [{ name: 'get_weather', arguments: { city: 'Oslo' } }], 'VALID'),
  c('tmpl-09', TMPL, '[TOOL_CALLS] [{"name": "search", "arguments": {"q": "rust"}}]', [{ name: 'search', arguments: { q: 'rust' } }], 'VALID'),
  c('tmpl-10', TMPL, '{"reply": "Hi!"}<|im_end|>\n<|im_start|>user\nWhat about {"x": 2}?<|im_end|>', { reply: 'Hi!' }, 'VALID', undefined, 'a base model running on into the next turn'),
  c('tmpl-11', TMPL, '<|assistant|>\n{"a": [1, 2]}<|end|>', { a: [1, 2] }, 'VALID'),
  c('tmpl-12', TMPL, '<|im_start|>assistant\n<think>\nuser wants json\n</think>\n{"n": 3}<|im_end|>', { n: 3 }, 'VALID'),
  c('tmpl-13', TMPL, '<|begin_of_text|><|start_header_id|>assistant<|end_header_id|>\n\nHere is the JSON you asked for:\n\n{"status": "done"}<|eot_id|>', { status: 'done' }, 'VALID'),
  c('tmpl-14', TMPL, '<bos><start_of_turn>model\n' + F + 'json\n{"ok": 1}\n' + F + '<end_of_turn><eos>', { ok: 1 }, 'VALID'),
  c('tmpl-15', TMPL, '{"city": "Rome"}<|endoftext|>', { city: 'Rome' }, 'VALID'),
  c('tmpl-16', TMPL, '<|im_start|>assistant\n{"items": ["a", "b"', { items: ['a', 'b'] }, 'TRUNCATED'),
  c('tmpl-17', TMPL, '[/INST]{"x": 1}', { x: 1 }, 'VALID'),
  c('tmpl-18', TMPL, 'Sure.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n{"v": 2}', { v: 2 }, 'VALID'),
  c('tmpl-19', TMPL, '{"lang": "en"}<|im_end|><|endoftext|>', { lang: 'en' }, 'VALID'),
  c('tmpl-20', TMPL, '<|im_start|>assistant\n' + F + 'json\n{"k": "v"}\n' + F + '<|im_end|>\n<|im_start|>assistant\n', { k: 'v' }, 'VALID'),

  // ---------------------------------------------------------------- JSON inside other markup
  c('mark-01', MARK, '| field | value |\n|---|---|\n| result | `{"id": 7}` |', { id: 7 }, 'VALID', undefined, 'the only candidate, in a table cell'),
  c('mark-02', MARK, '- Result: {"status": "ok", "code": 200}', { status: 'ok', code: 200 }, 'VALID'),
  c('mark-03', MARK, 'Here you go:\n\n> {"quote": "Stay hungry", "author": "Jobs"}', { quote: 'Stay hungry', author: 'Jobs' }, 'VALID'),
  c('mark-04', MARK, 'Here it is:\n\n> {\n>   "a": 1,\n>   "b": [2, 3]\n> }\n\nAnything else?', { a: 1, b: [2, 3] }, 'REPAIRED'),
  c('mark-05', MARK, '<pre><code>{"name": "widget", "qty": 3}</code></pre>', { name: 'widget', qty: 3 }, 'VALID'),
  c('mark-06', MARK, '<pre><code class="language-json">{&quot;a&quot;: 1, &quot;b&quot;: &quot;x&quot;}</code></pre>', { a: 1, b: 'x' }, 'REPAIRED'),
  c('mark-07', MARK, 'You can use this config:\n\n' + F + "js\nconst config = {\n  port: 8080,\n  host: 'localhost',\n};\n" + F, { port: 8080, host: 'localhost' }, 'REPAIRED'),
  c('mark-08', MARK, 'const user: User = { id: 1, name: "Ann" };', { id: 1, name: 'Ann' }, 'REPAIRED'),
  c('mark-09', MARK, F + "python\nimport json\ndata = json.loads('{\"a\": 1, \"b\": [2, 3]}')\n" + F, { a: 1, b: [2, 3] }, ['VALID', 'REPAIRED']),
  c('mark-10', MARK, 'payload = {"user": "ada", "roles": ["admin"]}', { user: 'ada', roles: ['admin'] }, 'VALID'),
  c('mark-11', MARK, 'export default {\n  name: "app",\n  version: "1.0.0"\n}', { name: 'app', version: '1.0.0' }, 'REPAIRED'),
  c('mark-12', MARK, '<p>Result:</p>\n<pre>{"total": 42}</pre>', { total: 42 }, 'VALID'),
  c('mark-13', MARK, '1. First, the parsed record:\n\n   ' + F + 'json\n   {"id": 1, "ok": true}\n   ' + F + '\n\n2. Then store it.', { id: 1, ok: true }, 'VALID'),
  c('mark-14', MARK, '| k | v |\n|---|---|\n| a | 1 |\n| b | 2 |\n\nAs JSON:\n' + F + 'json\n{"a": 1, "b": 2}\n' + F, { a: 1, b: 2 }, 'VALID'),
  c('mark-15', MARK, 'console.log(JSON.stringify({ ok: true, count: 3 }));', { ok: true, count: 3 }, 'REPAIRED'),
  c('mark-16', MARK, '<script type="application/ld+json">\n{"@context": "https://schema.org", "@type": "Person", "name": "Ada"}\n</script>', { '@context': 'https://schema.org', '@type': 'Person', name: 'Ada' }, 'VALID'),
  c('mark-17', MARK, "JSON.parse('{\"x\": 5}')", { x: 5 }, ['VALID', 'REPAIRED']),
  c('mark-18', MARK, '* **Name:** Ada\n* **JSON:** `{"name": "Ada", "lang": "en"}`\n* **Notes:** none', { name: 'Ada', lang: 'en' }, 'VALID'),
  c('mark-19', MARK, '> **Output**\n> ' + F + 'json\n> {"score": 0.8}\n> ' + F, { score: 0.8 }, 'VALID'),
  c('mark-20', MARK, '<details><summary>Response</summary>\n\n' + F + 'json\n{"id": "abc", "n": 2}\n' + F + '\n\n</details>', { id: 'abc', n: 2 }, 'VALID'),

  // ---------------------------------------------------------------- JS/Python literal syntax
  c('lit-01', LIT, "{'name': 'Ada', 'score': None, 'ok': True, 'pos': (1, 2)}", { name: 'Ada', score: null, ok: true, pos: [1, 2] }, 'REPAIRED'),
  c('lit-02', LIT, "{'tags': {'a', 'b'}, 'n': 2}", { tags: ['a', 'b'], n: 2 }, 'REPAIRED', undefined, 'a Python set is a list'),
  c('lit-03', LIT, '{ a: undefined, b: null }', { a: null, b: null }, 'REPAIRED', [{ b: null }]),
  c('lit-04', LIT, '{ msg: `Hello ${name}`, n: 1 }', { msg: 'Hello ${name}', n: 1 }, 'REPAIRED'),
  c('lit-05', LIT, '{ created: new Date("2024-01-05"), id: 3 }', { created: 'new Date("2024-01-05")', id: 3 }, 'REPAIRED', [{ created: '2024-01-05', id: 3 }]),
  c('lit-06', LIT, '{"a": 1, "b": [true, false]};', { a: 1, b: [true, false] }, ['VALID', 'REPAIRED']),
  c('lit-07', LIT, "{'data': b'hello', 'n': 1}", { data: 'hello', n: 1 }, 'REPAIRED', [{ data: "b'hello'", n: 1 }]),
  c('lit-08', LIT, "[('a', 1), ('b', 2)]", [['a', 1], ['b', 2]], 'REPAIRED'),
  c('lit-09', LIT, "{\n  // user id\n  id: 42, /* legacy field */\n  name: 'x',\n}", { id: 42, name: 'x' }, 'REPAIRED'),
  c('lit-10', LIT, "{'q': 'He said \"hi\"', 'n': None}", { q: 'He said "hi"', n: null }, 'REPAIRED'),
  c('lit-11', LIT, '[1, , 3]', [1, null, 3], 'REPAIRED', [[1, 3]]),
  c('lit-12', LIT, '{ sql: `SELECT *\nFROM t\nWHERE id = 1` }', { sql: 'SELECT *\nFROM t\nWHERE id = 1' }, 'REPAIRED'),
  c('lit-13', LIT, "{'a': 1, 'b': False, 'c': [None, None],}", { a: 1, b: false, c: [null, null] }, 'REPAIRED'),
  c('lit-14', LIT, 'Here is the Python dict:\n\n' + F + "python\n{'id': 7, 'tags': ('x', 'y'), 'meta': {'ok': True}}\n" + F, { id: 7, tags: ['x', 'y'], meta: { ok: true } }, 'REPAIRED'),
  c('lit-15', LIT, 'let result = {\n  count: 3,\n  items: ["a", "b", "c"],\n};', { count: 3, items: ['a', 'b', 'c'] }, 'REPAIRED'),
  c('lit-16', LIT, "{'price': Decimal('9.99'), 'qty': 2}", { price: "Decimal('9.99')", qty: 2 }, 'REPAIRED', [{ price: '9.99', qty: 2 }, { price: 9.99, qty: 2 }]),
  c('lit-17', LIT, '{ "a": 1, "b": NaN, "c": -Infinity }', { a: 1, b: null, c: null }, 'REPAIRED', [{ a: 1, b: 'NaN', c: '-Infinity' }]),
  c('lit-18', LIT, "{'empty_set': set(), 'empty_tuple': (), 'none': None}", { empty_set: [], empty_tuple: [], none: null }, 'REPAIRED', [{ empty_set: 'set()', empty_tuple: [], none: null }]),
  c('lit-19', LIT, '{ id: 1, active: !0, deleted: !1 }', { id: 1, active: true, deleted: false }, 'REPAIRED', [{ id: 1, active: '!0', deleted: '!1' }]),

  // ---------------------------------------------------------------- reasoning formats in UIs
  c('reas-01', REAS, '**Thinking**\nThe user wants two colors. Maybe {"colors": ["red"]}... no, two.\n\n**Answer**\n{"colors": ["red", "blue"]}', { colors: ['red', 'blue'] }, 'VALID'),
  c('reas-02', REAS, 'Reasoning: I need the sum of 2 and 3, so the result is 5.\nAnswer: {"sum": 5}', { sum: 5 }, 'VALID'),
  c('reas-03', REAS, 'Reasoning: My first guess {"n": 4} is wrong because I miscounted.\nAnswer:\n{"n": 5}', { n: 5 }, 'VALID'),
  c('reas-04', REAS, 'Thought for 12 seconds\n> The user wants JSON. Draft: {"x": 0}\n\n{"x": 1}', { x: 1 }, 'VALID'),
  c('reas-05', REAS, '{"title": "Report", "pages": 3}\n\n**Summary:** The JSON above has the title and page count.', { title: 'Report', pages: 3 }, 'VALID'),
  c('reas-06', REAS, '<|channel|>analysis <|message|>Need JSON {"a": 0} maybe.<|end|><|start|>assistant<|channel|>final <|message|>{"a": 1}<|return|>', { a: 1 }, 'VALID', undefined, 'harmony with a space before <|message|>'),
  c('reas-07', REAS, '<|channel|>analysis<|message|>think about it<|end|>\n<|channel|>final<|message|>\n{"b": 2}', { b: 2 }, 'VALID'),
  c('reas-08', REAS, '## Reasoning\n1. Parse the input.\n2. Output something like {"k": "v"}.\n\n## Final Answer\n' + F + 'json\n{"k": "real"}\n' + F, { k: 'real' }, 'VALID'),
  c('reas-09', REAS, '<think>\nLet me compute.\n</think>\n\n**Answer:** {"result": 7}', { result: 7 }, 'VALID'),
  c('reas-10', REAS, '{"a": 1}\n<reflection>Looks right.</reflection>', { a: 1 }, 'VALID'),
  c('reas-11', REAS, 'Step 1: {"a": 1}\nStep 2: {"a": 1, "b": 2}\nFinal: {"a": 1, "b": 2, "c": 3}', { a: 1, b: 2, c: 3 }, 'VALID'),
  c('reas-12', REAS, 'Thinking...\nThe user wants a flag. {"draft": true} is a first idea.\n...done thinking.\n\n{"draft": false}', { draft: false }, 'VALID', undefined, "Ollama CLI's thinking markers"),
  c('reas-13', REAS, '💭 Thinking: the user wants a number.\n\n✅ Answer: {"n": 10}', { n: 10 }, 'VALID'),
  c('reas-14', REAS, 'The user wants JSON for Tokyo. {"city": "Tokyo"} would be a start.\n</think>\n\n{"city": "Tokyo", "country": "JP"}', { city: 'Tokyo', country: 'JP' }, 'VALID'),
  c('reas-15', REAS, 'Answer: {"ok": true}\n\nExplanation: I set ok to true because the test passed. An alternative would be {"ok": false} if it failed.', { ok: true }, 'VALID'),
  c('reas-16', REAS, '**Thought process:**\n- input has 3 items\n- so count is 3\n\n**Output:**\n' + F + 'json\n{"count": 3}\n' + F + '\n\n**Why:** counted the items.', { count: 3 }, 'VALID'),
  c('reas-17', REAS, 'Reasoning:\n' + F + 'json\n{"v": 1}\n' + F + '\nThat misses v2, let me redo it.\n\nAnswer:\n{"v": 2}', { v: 2 }, 'VALID'),
  c('reas-18', REAS, '<|channel|>analysis<|message|>The answer is probably {"a": 1} but let me', null, 'FAILED', undefined, 'only reasoning, cut by the end'),
  c('reas-19', REAS, '**Reasoning**\n\nThe schema needs a name.\n\n**Response**\n\n{"name": "Ada"}\n\n**Confidence:** high', { name: 'Ada' }, 'VALID'),
  c('reas-20', REAS, '<think>\n\n</think>\n\n{"empty_think": true}', { empty_think: true }, 'VALID'),

  // ---------------------------------------------------------------- truncation points
  c('trunc-01', TRUNC, '{"name": "Ada", "ag', { name: 'Ada' }, 'TRUNCATED', undefined, 'inside a key'),
  c('trunc-02', TRUNC, '{"path": "C:\\', { path: 'C:' }, 'TRUNCATED', undefined, 'inside an escape'),
  c('trunc-03', TRUNC, '{"pi": 3.14', { pi: 3.14 }, 'TRUNCATED'),
  c('trunc-04', TRUNC, '{"a": 1, "n": -', { a: 1 }, 'TRUNCATED'),
  c('trunc-05', TRUNC, '{"ok": tru', { ok: true }, 'TRUNCATED'),
  c('trunc-06', TRUNC, '[1, nu', [1, null], 'TRUNCATED'),
  c('trunc-07', TRUNC, '{"s": "caf\\u00', { s: 'caf' }, 'TRUNCATED', undefined, 'inside a unicode escape'),
  c('trunc-08', TRUNC, '{"a": 1, "b":', { a: 1 }, 'TRUNCATED', undefined, 'after a colon'),
  c('trunc-09', TRUNC, '[1, 2,', [1, 2], 'TRUNCATED'),
  c('trunc-10', TRUNC, '{"a": {"b": [{"c": "x', { a: { b: [{ c: 'x' }] } }, 'TRUNCATED'),
  c('trunc-11', TRUNC, 'Here:\n' + F + 'json\n{"items": ["a", "b', { items: ['a', 'b'] }, 'TRUNCATED'),
  c('trunc-12', TRUNC, '{"e": "hi \ud83d', { e: 'hi ' }, 'TRUNCATED', undefined, 'a lone high surrogate: the cut took its pair'),
  c('trunc-13', TRUNC, '{"x": 1.5e', { x: 1.5 }, 'TRUNCATED'),
  c('trunc-14', TRUNC, '{name: "a", ag', { name: 'a' }, 'TRUNCATED'),
  c('trunc-15', TRUNC, "{'a': 'hel", { a: 'hel' }, 'TRUNCATED'),
  c('trunc-16', TRUNC, 'Sure! Here is the config:\n{"debug": t', { debug: true }, 'TRUNCATED'),
  c('trunc-17', TRUNC, '{"a": 1, "b"', { a: 1 }, 'TRUNCATED'),
  c('trunc-18', TRUNC, '<think>the answer is {"a": 1}', null, 'FAILED', undefined, 'cut inside reasoning'),
  c('trunc-19', TRUNC, '[3, -', [3], 'TRUNCATED'),
  c('trunc-20', TRUNC, '{"k\\u00', {}, 'TRUNCATED'),
  c('trunc-21', TRUNC, '{"name": "José", "city": "Mü', { name: 'José', city: 'Mü' }, 'TRUNCATED'),
  c('trunc-22', TRUNC, '{"list": [{"id": 1}, {"id": 2}, {"i', { list: [{ id: 1 }, { id: 2 }, {}] }, 'TRUNCATED', [{ list: [{ id: 1 }, { id: 2 }] }]),
  c('trunc-23', TRUNC, '{"t": "2024-01-0', { t: '2024-01-0' }, 'TRUNCATED'),
  c('trunc-24', TRUNC, '{"a": "x", "b": 12e-', { a: 'x', b: 12 }, 'TRUNCATED'),

  // ---------------------------------------------------------------- scalars and top-level arrays
  c('scal-01', SCAL, '42', 42, 'VALID'),
  c('scal-02', SCAL, '"yes"', 'yes', 'VALID'),
  c('scal-03', SCAL, 'true', true, 'VALID'),
  c('scal-04', SCAL, 'null', null, 'VALID'),
  c('scal-05', SCAL, F + 'json\n3.14\n' + F, 3.14, 'VALID'),
  c('scal-06', SCAL, '["a", "b", "c"]', ['a', 'b', 'c'], 'VALID'),
  c('scal-07', SCAL, 'Here are the tags:\n["red", "green", "blue"]', ['red', 'green', 'blue'], 'VALID'),
  c('scal-08', SCAL, 'The answer is:\n\n' + F + 'json\n"Paris"\n' + F, 'Paris', 'VALID'),
  c('scal-09', SCAL, '[]', [], 'VALID'),
  c('scal-10', SCAL, '[{"id": 1}, {"id": 2}]', [{ id: 1 }, { id: 2 }], 'VALID'),
  c('scal-11', SCAL, '-0.5', -0.5, 'VALID'),
  c('scal-12', SCAL, '"He said \\"hi\\""', 'He said "hi"', 'VALID'),
  c('scal-13', SCAL, 'True', true, 'REPAIRED'),
  c('scal-14', SCAL, "'hello'", 'hello', 'REPAIRED'),
  c('scal-15', SCAL, '[[1, 2], [3, 4]]', [[1, 2], [3, 4]], 'VALID'),
  c('scal-16', SCAL, 'Is the address valid?\n\n' + F + 'json\nfalse\n' + F, false, 'VALID'),
  c('scal-17', SCAL, '[\n  "a",\n  "b",\n]', ['a', 'b'], 'REPAIRED'),
  c('scal-18', SCAL, '  \n  1234  \n', 1234, 'VALID'),
  c('scal-19', SCAL, '[1, 2, 3]\n\nThese are the IDs that matched.', [1, 2, 3], 'VALID'),
  c('scal-20', SCAL, F + 'json\n[\n  {"sku": "A1", "qty": 2},\n  {"sku": "B7", "qty": 1}\n]\n' + F, [{ sku: 'A1', qty: 2 }, { sku: 'B7', qty: 1 }], 'VALID'),
  c('scal-21', SCAL, 'Sentiment:\n"positive"', 'positive', 'VALID'),

  // ---------------------------------------------------------------- long or deep, one defect inside
  c('deep-01', DEEP, deep01, REC200, 'REPAIRED', undefined, 'a missing comma in record 150 of 200'),
  c('deep-02', DEEP, deep02, NEST40, 'REPAIRED', undefined, 'single quotes at depth 41'),
  c('deep-03', DEEP, deep03, numbers1000, 'REPAIRED', undefined, 'a trailing comma after 1000 numbers'),
  c('deep-04', DEEP, deep04, { id: 9, body: longStr + '\n' + longStr, done: true }, 'REPAIRED', undefined, 'a raw line break in the middle of a 10,800-character string'),
  c('deep-05', DEEP, deep05, NEST100, 'VALID'),
  c('deep-06', DEEP, deep06, REC120, 'REPAIRED', undefined, 'None/True in record 90'),
  c('deep-07', DEEP, deep07, CFG, 'REPAIRED', undefined, 'one unquoted key far inside a fenced answer'),
  c('deep-08', DEEP, deep08, NEST20CUT, 'TRUNCATED'),
  c('deep-09', DEEP, deep09, KEYS50, 'REPAIRED', undefined, 'smart quotes on the last value'),
  c('deep-10', DEEP, deep10, REC200.slice(0, 60), 'VALID', undefined, 'an example record before the long answer'),
  c('deep-11', DEEP, deep11, DEEPC, 'REPAIRED', undefined, 'a // comment at depth 11'),
  c('deep-12', DEEP, deep12, REC320, 'REPAIRED', undefined, 'a trailing comma inside one of 320 compact records'),

  // ---------------------------------------------------------------- several answers asked for
  c('multi-01', MULTI, 'Here are 3 user objects:\n{"id": 1}\n{"id": 2}\n{"id": 3}', { id: 1 }, 'REPAIRED', [{ id: 3 }, [{ id: 1 }, { id: 2 }, { id: 3 }]]),
  c('multi-02', MULTI, 'Here are three examples:\n\n1.\n' + F + 'json\n{"n": 1}\n' + F + '\n2.\n' + F + 'json\n{"n": 2}\n' + F + '\n3.\n' + F + 'json\n{"n": 3}\n' + F, { n: 1 }, 'REPAIRED', [{ n: 3 }, [{ n: 1 }, { n: 2 }, { n: 3 }]], 'the user asked for three; one VALID value hides the other two'),
  c('multi-03', MULTI, 'Here are the 3 objects as an array:\n[{"id": 1}, {"id": 2}, {"id": 3}]', [{ id: 1 }, { id: 2 }, { id: 3 }], 'VALID'),
  c('multi-04', MULTI, '1. {"name": "a"}\n2. {"name": "b"}\n3. {"name": "c"}', { name: 'a' }, 'REPAIRED', [{ name: 'c' }, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]]),
  c('multi-05', MULTI, F + 'jsonl\n{"a": 1}\n{"a": 2}\n' + F, { a: 1 }, 'REPAIRED', [{ a: 2 }, [{ a: 1 }, { a: 2 }]]),
  c('multi-06', MULTI, '{"id": 1}, {"id": 2}, {"id": 3}', { id: 1 }, 'REPAIRED', [[{ id: 1 }, { id: 2 }, { id: 3 }]]),
  c('multi-07', MULTI, '{"name": "a", "arguments": {}}{"name": "b", "arguments": {"x": 1}}', { name: 'a', arguments: {} }, 'REPAIRED'),
  c('multi-08', MULTI, 'Here are the two batches:\n' + F + 'json\n[{"q": 1}]\n' + F + '\n' + F + 'json\n[{"q": 2}]\n' + F, [{ q: 1 }], 'REPAIRED', [[{ q: 2 }], [[{ q: 1 }], [{ q: 2 }]], [{ q: 1 }, { q: 2 }]]),
  c('multi-09', MULTI, 'Here are the translations:\n- English: {"greeting": "Hello"}\n- French: {"greeting": "Bonjour"}\n- German: {"greeting": "Hallo"}', { greeting: 'Hello' }, 'REPAIRED', [{ greeting: 'Hallo' }]),
  c('multi-10', MULTI, 'Sure, here are two records:\n\n' + F + 'json\n{"id": "a1", "ok": true}\n{"id": "a2", "ok": false}\n' + F, { id: 'a1', ok: true }, 'REPAIRED', [{ id: 'a2', ok: false }, [{ id: 'a1', ok: true }, { id: 'a2', ok: false }]]),
  c('multi-11', MULTI, 'Record 1:\n' + F + 'json\n{"city": "Oslo"}\n' + F + '\n\nRecord 2:\n' + F + 'json\n{"city": "Bergen"}\n' + F, { city: 'Oslo' }, 'REPAIRED', [{ city: 'Bergen' }, [{ city: 'Oslo' }, { city: 'Bergen' }]]),

  // ---------------------------------------------------------------- line endings and invisible characters
  c('ws-01', WS, 'Here:\r\n' + F + 'json\r\n{"a": 1}\r\n' + F + '\r\n', { a: 1 }, 'VALID'),
  c('ws-02', WS, '\ufeff{"a": 1}', { a: 1 }, 'VALID'),
  c('ws-03', WS, '{"a": "x\r\ny"}', { a: 'x\r\ny' }, 'REPAIRED'),
  c('ws-04', WS, '{\n\u00a0\u00a0"a": 1,\n\u00a0\u00a0"b": 2\n}', { a: 1, b: 2 }, 'REPAIRED', undefined, 'indented with no-break spaces, copied from a web page'),
  c('ws-05', WS, 'Result:\r{"a": 1}\r', { a: 1 }, 'VALID'),
  c('ws-06', WS, '{\r\n\t"name": "x",\r\n\t"list": [\r\n\t\t1,\r\n\t\t2\r\n\t]\r\n}\r\n', { name: 'x', list: [1, 2] }, 'VALID'),
  c('ws-07', WS, '\u200b{"a": 1}\u200b', { a: 1 }, 'VALID'),
  c('ws-08', WS, '{"key\u200b": "v"}', { 'key\u200b': 'v' }, 'VALID', undefined, 'a zero-width space inside a string stays'),

  // ---------------------------------------------------------------- no answer
  c('none-01', NONE, "I'm sorry, but I can't help with that request.", null, 'FAILED'),
  c('none-02', NONE, 'Could you clarify which fields you need? Should I include the email, or only the name?', null, 'FAILED'),
  c('none-03', NONE, "I can't generate that JSON because the input text is empty. Please provide the text.", null, 'FAILED'),
  c('none-04', NONE, "As an AI language model, I don't have access to real-time weather data.", null, 'FAILED'),
  c('none-05', NONE, '<think>The user wants something harmful. I should refuse.</think>\nI can\'t do that.', null, 'FAILED'),
  c('none-06', NONE, 'I need more information. What should "status" be — "active" or "inactive"?', null, 'FAILED'),
  c('none-07', NONE, '', null, 'FAILED'),
  c('none-08', NONE, '   \n\t\n', null, 'FAILED'),
  c('none-09', NONE, '{"error": "I cannot process this request"}', { error: 'I cannot process this request' }, 'VALID', undefined, 'a refusal in JSON is the answer'),
  c('none-10', NONE, '抱歉，我无法提供该信息。', null, 'FAILED'),
  c('none-11', NONE, 'Sure! What data would you like me to turn into JSON?', null, 'FAILED'),
  c('none-12', NONE, "I'm unable to comply with this request. [Policy: harmful content]", null, 'FAILED'),
  c('none-13', NONE, '<|im_start|>assistant\nI cannot answer that.<|im_end|>', null, 'FAILED'),
  c('none-14', NONE, 'Désolé, je ne peux pas répondre à cette question.', null, 'FAILED'),
];
