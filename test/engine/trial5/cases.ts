// New-user trial 5: texts written by hand before running any of them, before reading the engine's
// code, its corpus or the earlier trials' texts, in families trials 1-4 were thin on (provider
// tool-call formats, several records, long markdown with other languages' code, nested fences and
// XML wrappers, non-English prose and retractions, escapes and long strings, edge numbers, deep
// truncation, reasoning with tags in its drafts, chat answers with brace-laden summaries).
// Each row says what a careful user wants: the value (compared as parsed JSON, -0 and Infinity
// included) and the status; `json` pins the exact text where the parsed value would hide a change
// (a long integer's digits).

export type Trial5Status = 'VALID' | 'REPAIRED' | 'TRUNCATED' | 'FAILED';

export interface Trial5Case {
  category: string;
  name: string;
  text: string;
  /** The value a user wants (null with FAILED: no value). */
  value: unknown;
  status: Trial5Status;
  /** The exact JSON text, where the parsed value is not enough. */
  json?: string;
}

const F = '```';
const B = '`';

function c(category: string, name: string, text: string, value: unknown, status: Trial5Status, json?: string): Trial5Case {
  return json === undefined ? { category, name, text, value, status } : { category, name, text, value, status, json };
}

const toolCalls: Trial5Case[] = [
  c('tool-calls', 'mistral list', String.raw`[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}]`,
    [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }], 'VALID'),
  c('tool-calls', 'mistral v11 name[ARGS]', String.raw`[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}`,
    { city: 'Paris' }, 'VALID'),
  c('tool-calls', 'hermes one call', String.raw`<tool_call>
{"name": "search_flights", "arguments": {"from": "SFO", "to": "NRT", "date": "2025-03-14"}}
</tool_call>`,
    { name: 'search_flights', arguments: { from: 'SFO', to: 'NRT', date: '2025-03-14' } }, 'VALID'),
  c('tool-calls', 'hermes two calls', String.raw`<tool_call>
{"name": "get_weather", "arguments": {"city": "Oslo"}}
</tool_call>
<tool_call>
{"name": "get_weather", "arguments": {"city": "Bergen"}}
</tool_call>`,
    { name: 'get_weather', arguments: { city: 'Oslo' } }, 'REPAIRED'),
  c('tool-calls', 'qwen think then tool_call', String.raw`<think>
The user asks for the weather in Tokyo; I'll call the tool with {"location": ...}.
</think>

<tool_call>
{"name": "get_weather", "arguments": {"location": "Tokyo"}}
</tool_call>`,
    { name: 'get_weather', arguments: { location: 'Tokyo' } }, 'VALID'),
  c('tool-calls', 'llama python_tag', String.raw`<|python_tag|>{"name": "brave_search", "parameters": {"query": "latest Rust release"}}<|eom_id|>`,
    { name: 'brave_search', parameters: { query: 'latest Rust release' } }, 'VALID'),
  c('tool-calls', 'function= tag', String.raw`<function=get_stock_price>{"ticker": "NVDA", "exchange": "NASDAQ"}</function>`,
    { ticker: 'NVDA', exchange: 'NASDAQ' }, 'VALID'),
  c('tool-calls', 'function= tag after prose', String.raw`Let me look that up for you.

<function=lookup_order>{"order_id": "A-1042"}</function>`,
    { order_id: 'A-1042' }, 'VALID'),
  c('tool-calls', 'deepseek v3 markers', `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather
${F}json
{"city": "Berlin"}
${F}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`,
    { city: 'Berlin' }, 'VALID'),
  c('tool-calls', 'command-r action', `Action: ${F}json
[
    {
        "tool_name": "internet_search",
        "parameters": {
            "query": "NBA finals 2024 winner"
        }
    }
]
${F}`,
    [{ tool_name: 'internet_search', parameters: { query: 'NBA finals 2024 winner' } }], 'VALID'),
  c('tool-calls', 'functionary >>>', String.raw`>>>get_time
{"timezone": "Europe/Oslo"}`,
    { timezone: 'Europe/Oslo' }, 'VALID'),
  c('tool-calls', 'mistral with space and </s>', String.raw`[TOOL_CALLS] [{"name": "calc", "arguments": {"expr": "2+2"}}]</s>`,
    [{ name: 'calc', arguments: { expr: '2+2' } }], 'VALID'),
  c('tool-calls', 'hermes arguments as a string', String.raw`<tool_call>
{"name": "send_email", "arguments": "{\"to\": \"ana@example.com\", \"subject\": \"Hi\"}"}
</tool_call>`,
    { name: 'send_email', arguments: '{"to": "ana@example.com", "subject": "Hi"}' }, 'VALID'),
  c('tool-calls', 'llama json then eot', String.raw`{"type": "function", "name": "get_weather", "parameters": {"city": "Lima"}}<|eot_id|>`,
    { type: 'function', name: 'get_weather', parameters: { city: 'Lima' } }, 'VALID'),
];

const records: Trial5Case[] = [
  c('records', 'jsonl bare', String.raw`{"id": 1, "name": "Ada"}
{"id": 2, "name": "Grace"}
{"id": 3, "name": "Linus"}`,
    { id: 1, name: 'Ada' }, 'REPAIRED'),
  c('records', 'jsonl after prose', String.raw`Here are the records:

{"id": 1, "name": "Ada"}
{"id": 2, "name": "Grace"}
{"id": 3, "name": "Linus"}`,
    { id: 1, name: 'Ada' }, 'REPAIRED'),
  c('records', 'jsonl fence', `${F}jsonl
{"sku": "A1", "qty": 2}
{"sku": "B7", "qty": 1}
${F}`,
    { sku: 'A1', qty: 2 }, 'REPAIRED'),
  c('records', 'json fence, objects with commas', `${F}json
{"city": "Oslo", "pop": 709000},
{"city": "Bergen", "pop": 291000}
${F}`,
    { city: 'Oslo', pop: 709000 }, 'REPAIRED'),
  c('records', 'prose, fence of two objects, follow-up', `Sure! Here are the two users as JSON:

${F}json
{"name": "Ana", "age": 31}
{"name": "Ben", "age": 27}
${F}

Let me know if you need more fields.`,
    { name: 'Ana', age: 31 }, 'REPAIRED'),
  c('records', 'python repr lines', String.raw`{'id': 1, 'ok': True}
{'id': 2, 'ok': False}`,
    { id: 1, ok: true }, 'REPAIRED'),
  c('records', 'ndjson events, final newline', String.raw`{"event": "start", "ts": 0}
{"event": "tick", "ts": 1}
{"event": "end", "ts": 2}
`,
    { event: 'start', ts: 0 }, 'REPAIRED'),
  c('records', 'arrays per line', String.raw`["Ada", 36]
["Grace", 85]`,
    ['Ada', 36], 'REPAIRED'),
  c('records', 'prose, objects with commas, no brackets', String.raw`Results:
{"rank": 1, "team": "Ajax"},
{"rank": 2, "team": "PSV"},
{"rank": 3, "team": "AZ"}`,
    { rank: 1, team: 'Ajax' }, 'REPAIRED'),
  c('records', 'jsonl cut at max_tokens', String.raw`{"q": "2+2", "a": "4"}
{"q": "3+3", "a": "6"}
{"q": "4+4", "a": "`,
    { q: '2+2', a: '4' }, 'REPAIRED'),
];

const markdown: Trial5Case[] = [
  c('markdown', 'python dict block, table, json fence', `## Config loader

Here's how you'd load it in Python:

${F}python
import json

DEFAULTS = {"debug": False, "retries": 3}

with open("config.json") as f:
    cfg = {**DEFAULTS, **json.load(f)}
${F}

| key | type | default |
|-----|------|---------|
| debug | bool | ${B}false${B} |
| retries | int | ${B}3${B} |

And the JSON file itself:

${F}json
{
  "debug": true,
  "retries": 5
}
${F}`,
    { debug: true, retries: 5 }, 'VALID'),
  c('markdown', 'js object block then json fence', `To call it from Node:

${F}js
const body = { model: 'gpt-4o', stream: true };
await fetch(url, { method: 'POST', body: JSON.stringify(body) });
${F}

The response body looks like this:

${F}json
{"id": "chatcmpl-1", "object": "chat.completion"}
${F}
`,
    { id: 'chatcmpl-1', object: 'chat.completion' }, 'VALID'),
  c('markdown', 'yaml block then json fence', `Your YAML:

${F}yaml
server:
  port: 8080
  hosts: [a, b]
${F}

converted to JSON:

${F}json
{"server": {"port": 8080, "hosts": ["a", "b"]}}
${F}`,
    { server: { port: 8080, hosts: ['a', 'b'] } }, 'VALID'),
  c('markdown', 'yaml flow mapping then bare json', `${F}yaml
limits: {cpu: 2, mem: 4Gi}
${F}

As JSON:

{"limits": {"cpu": 2, "mem": "4Gi"}}`,
    { limits: { cpu: 2, mem: '4Gi' } }, 'VALID'),
  c('markdown', 'table of inline-code json then the object', `| Field | Example |
|---|---|
| user | ${B}{"id": 7}${B} |
| tags | ${B}["a"]${B} |

Full object:

{"user": {"id": 7}, "tags": ["a"]}`,
    { user: { id: 7 }, tags: ['a'] }, 'VALID'),
  c('markdown', 'ts interface then json fence', `${F}ts
interface Book {
  title: string;
  year: number;
}
${F}

Example instance:

${F}json
{"title": "Dune", "year": 1965}
${F}`,
    { title: 'Dune', year: 1965 }, 'VALID'),
  c('markdown', 'curl -d json then response', `Request:

${F}bash
curl -X POST https://api.example.com/v1/items \\
  -H 'Content-Type: application/json' \\
  -d '{"name": "lamp", "price": 19.99}'
${F}

Response:

${F}json
{"id": 981, "name": "lamp", "price": 19.99}
${F}`,
    { id: 981, name: 'lamp', price: 19.99 }, 'VALID'),
  c('markdown', 'only a python dict', `Here's the data as a Python dict you can dump:

${F}python
data = {
    "name": "Widget",
    "in_stock": True,
    "sizes": ("S", "M")
}
${F}`,
    { name: 'Widget', in_stock: true, sizes: ['S', 'M'] }, 'REPAIRED'),
  c('markdown', 'indented fence in a list item', `Steps:

1. Create the file ${B}settings.json${B}:

   ${F}json
   {
     "theme": "dark",
     "fontSize": 14
   }
   ${F}

2. Reload the window.`,
    { theme: 'dark', fontSize: 14 }, 'VALID'),
  c('markdown', 'diff block then json file', `Change these lines:

${F}diff
-  "version": "1.0.0",
+  "version": "1.1.0",
${F}

The whole file after the change:

${F}json
{
  "name": "app",
  "version": "1.1.0"
}
${F}`,
    { name: 'app', version: '1.1.0' }, 'VALID'),
  c('markdown', 'jinja block then json', `${F}jinja
Hello {{ user.name }}!
${F}

Rendered with this context:

${F}json
{"user": {"name": "Ana"}}
${F}`,
    { user: { name: 'Ana' } }, 'VALID'),
  c('markdown', 'json fence first, python after', `${F}json
{"a": 1}
${F}

Load it with:

${F}python
cfg = {"a": 1}
${F}`,
    { a: 1 }, 'VALID'),
];

const wrappers: Trial5Case[] = [
  c('wrappers', 'four-backtick markdown around a json fence', `${F}${B}markdown
${F}json
{"a": 1, "b": [2, 3]}
${F}
${F}${B}`,
    { a: 1, b: [2, 3] }, 'VALID'),
  c('wrappers', 'four-backtick json holding backticks in a string', `${F}${B}json
{"snippet": "${F}js\\nconsole.log(1)\\n${F}"}
${F}${B}`,
    { snippet: '```js\nconsole.log(1)\n```' }, 'VALID'),
  c('wrappers', 'answer tag', String.raw`<answer>
{"verdict": "approve", "score": 0.92}
</answer>`,
    { verdict: 'approve', score: 0.92 }, 'VALID'),
  c('wrappers', 'output tag around a fence', `<output>
${F}json
{"items": []}
${F}
</output>`,
    { items: [] }, 'VALID'),
  c('wrappers', 'json tag after prose', String.raw`Here you go:
<json>{"lang": "fr"}</json>`,
    { lang: 'fr' }, 'VALID'),
  c('wrappers', 'answer nested in response', String.raw`<response>
  <answer>[1, 2, 3]</answer>
</response>`,
    [1, 2, 3], 'VALID'),
  c('wrappers', 'html inside the string', String.raw`<answer>{"html": "<b>bold</b> and <i>it</i>"}</answer>`,
    { html: '<b>bold</b> and <i>it</i>' }, 'VALID'),
  c('wrappers', 'tag with attributes', String.raw`<result format="json">{"ok": true}</result>`,
    { ok: true }, 'VALID'),
  c('wrappers', 'scratchpad then final_answer', String.raw`<scratchpad>
Try {"x": 1}? Too small.
</scratchpad>
<final_answer>
{"x": 10}
</final_answer>`,
    { x: 10 }, 'VALID'),
  c('wrappers', 'analysis tag with a draft, then answer', String.raw`<analysis>
First guess: {"label": "spam"}. No wait, the sender is in the contacts.
</analysis>
<answer>
{"label": "ham"}
</answer>`,
    { label: 'ham' }, 'VALID'),
  c('wrappers', 'CDATA in a json tag', String.raw`<json><![CDATA[{"a": "<x>"}]]></json>`,
    { a: '<x>' }, 'VALID'),
  c('wrappers', 'html pre code', String.raw`<pre><code class="language-json">{
  "name": "Ana"
}</code></pre>`,
    { name: 'Ana' }, 'VALID'),
  c('wrappers', 'tilde fence', String.raw`~~~json
{"k": "v"}
~~~`,
    { k: 'v' }, 'VALID'),
];

const languages: Trial5Case[] = [
  c('languages', 'chinese fence', `好的，这是你要的结果：

${F}json
{
  "名称": "示例产品",
  "价格": 199,
  "标签": ["新品", "热卖"]
}
${F}

如果需要修改，请告诉我！`,
    { 名称: '示例产品', 价格: 199, 标签: ['新品', '热卖'] }, 'VALID'),
  c('languages', 'japanese unfenced', String.raw`以下がJSONです。

{"名前": "山田太郎", "年齢": 30, "趣味": ["読書", "旅行"]}

以上です。`,
    { 名前: '山田太郎', 年齢: 30, 趣味: ['読書', '旅行'] }, 'VALID'),
  c('languages', 'arabic', String.raw`إليك النتيجة بصيغة JSON:

{"الاسم": "أحمد", "المدينة": "القاهرة", "العمر": 34}

هل تحتاج إلى شيء آخر؟`,
    { 'الاسم': 'أحمد', 'المدينة': 'القاهرة', 'العمر': 34 }, 'VALID'),
  c('languages', 'hebrew with right-to-left marks', 'הנה התשובה:\u200F\n{"שם": "דנה", "עיר": "חיפה"}\u200F',
    { 'שם': 'דנה', 'עיר': 'חיפה' }, 'VALID'),
  c('languages', 'emoji', String.raw`Here you go! 🎉

{"mood": "😀", "tags": ["🔥", "👍🏽"], "flag": "🇫🇷"}

Enjoy! 😊`,
    { mood: '😀', tags: ['🔥', '👍🏽'], flag: '🇫🇷' }, 'VALID'),
  c('languages', 'chinese retraction of a fenced value', `结果如下：

${F}json
{"数量": 5}
${F}

不对，我算错了，应该是：

{"数量": 6}`,
    { 数量: 6 }, 'VALID'),
  c('languages', 'german retraction of a fenced value', `Hier ist das Ergebnis:

${F}json
{"preis": 10}
${F}

Moment, ich habe die Steuer vergessen. Richtig ist:

{"preis": 12}`,
    { preis: 12 }, 'VALID'),
  c('languages', 'french retraction of a fenced value', `Voici le JSON :

${F}json
{"ville": "Lyon"}
${F}

Attendez, c'est faux. La bonne réponse :

{"ville": "Paris"}`,
    { ville: 'Paris' }, 'VALID'),
  c('languages', 'spanish draft in a sentence', String.raw`Primero pruebo {"total": 3}. Espera, eso está mal.

{"total": 4}`,
    { total: 4 }, 'VALID'),
  c('languages', 'japanese retraction, fenced answer', `答えは次のとおりです：

{"合計": 8}

いや、違います。正しくは：

${F}json
{"合計": 9}
${F}`,
    { 合計: 9 }, 'VALID'),
  c('languages', 'full-width punctuation', '数据如下：{"名称"："示例"，"数量"：3}',
    { 名称: '示例', 数量: 3 }, 'REPAIRED'),
  c('languages', 'korean with emoji', `요청하신 JSON입니다 😊

${F}json
{"이름": "김민수", "나이": 28}
${F}`,
    { 이름: '김민수', 나이: 28 }, 'VALID'),
  c('languages', 'russian retraction of a fenced value', `Вот ответ:

${F}json
{"город": "Москва"}
${F}

Нет, подождите, это неверно. Правильно:

{"город": "Казань"}`,
    { город: 'Казань' }, 'VALID'),
  c('languages', 'bidi controls inside a string', '{"ar": "مرحبا", "en": "hello", "mixed": "abc \u202Eflipped\u202C def"}',
    { ar: 'مرحبا', en: 'hello', mixed: 'abc \u202Eflipped\u202C def' }, 'VALID'),
];

const longQuoted = 'He said \\"yes\\", she said \\"no\\". '.repeat(100);
const longHtml = '<div class=\\"row\\">cell</div>'.repeat(80);

const strings: Trial5Case[] = [
  c('strings', 'unicode-escaped keys', String.raw`{"\u540d\u524d": "\u5c71\u7530", "\u00e9t\u00e9": true}`,
    { 名前: '山田', été: true }, 'VALID'),
  c('strings', 'surrogate pair and upper-case hex', String.raw`{"emoji": "\ud83d\ude00", "upper": "\u00C9"}`,
    { emoji: '😀', upper: 'É' }, 'VALID'),
  c('strings', 'long string of escaped quotes', `{"transcript": "${longQuoted}"}`,
    { transcript: 'He said "yes", she said "no". '.repeat(100) }, 'VALID'),
  c('strings', 'long escaped html in a fence after prose', `Here is the escaped markup:

${F}json
{"html": "${longHtml}"}
${F}`,
    { html: '<div class="row">cell</div>'.repeat(80) }, 'VALID'),
  c('strings', 'escaped quote and backslash in keys', String.raw`{"a\"b": 1, "c\\": 2}`,
    { 'a"b': 1, 'c\\': 2 }, 'VALID'),
  c('strings', 'cut inside an escape', String.raw`{"log": "line one\nline \"two\" and ` + '\\',
    { log: 'line one\nline "two" and ' }, 'TRUNCATED'),
  c('strings', 'cut inside a unicode escape', String.raw`{"name": "Jos\u00`,
    { name: 'Jos' }, 'TRUNCATED'),
  c('strings', 'single quotes with escaped apostrophe and inner double quotes', String.raw`{'quote': 'She said "it\'s fine"'}`,
    { quote: 'She said "it\'s fine"' }, 'REPAIRED'),
  c('strings', 'tags inside answer strings after reasoning', String.raw`<think>Output the tags literally.</think>{"open": "<think>", "close": "</think>", "call": "<tool_call>"}`,
    { open: '<think>', close: '</think>', call: '<tool_call>' }, 'VALID'),
  c('strings', 'raw line break in a string', '{"poem": "Roses are red,\nViolets are blue"}',
    { poem: 'Roses are red,\nViolets are blue' }, 'REPAIRED'),
  c('strings', 'escaped slashes and a windows path', String.raw`{"url": "https:\/\/example.com\/a", "path": "C:\\Users\\ana"}`,
    { url: 'https://example.com/a', path: 'C:\\Users\\ana' }, 'VALID'),
  c('strings', 'stringified json inside a string', String.raw`{"payload": "{\"a\": [1, 2], \"b\": \"x\\\"y\"}"}`,
    { payload: '{"a": [1, 2], "b": "x\\"y"}' }, 'VALID'),
];

const numbers: Trial5Case[] = [
  c('numbers', 'exponent past double range', String.raw`{"big": 1e400, "small": -1e400}`,
    { big: Infinity, small: -Infinity }, 'VALID', String.raw`{"big": 1e400, "small": -1e400}`),
  c('numbers', 'negative zero', String.raw`{"z": -0, "y": -0.0}`,
    { z: -0, y: -0 }, 'VALID', String.raw`{"z": -0, "y": -0.0}`),
  c('numbers', 'exponent sign with no digits', String.raw`{"e": 1.0e+, "f": 2}`,
    { e: 1, f: 2 }, 'REPAIRED'),
  c('numbers', 'leading plus', String.raw`{"p": +5, "q": +0.25}`,
    { p: 5, q: 0.25 }, 'REPAIRED'),
  c('numbers', 'leading dot', String.raw`{"h": .5, "k": -.75}`,
    { h: 0.5, k: -0.75 }, 'REPAIRED'),
  c('numbers', 'NaN and infinities', String.raw`{"n": NaN, "i": Infinity, "j": -Infinity}`,
    { n: null, i: null, j: null }, 'REPAIRED'),
  c('numbers', 'cut after exponent sign', String.raw`[1.0e+`,
    [1], 'TRUNCATED'),
  c('numbers', 'long integer kept as written', String.raw`{"id": 123456789012345678901234567890}`,
    { id: 123456789012345678901234567890 }, 'VALID', String.raw`{"id": 123456789012345678901234567890}`),
  c('numbers', 'exponent spellings', String.raw`{"ratio": 1E-7, "x": 0.1e-0, "y": 2E+3}`,
    { ratio: 1e-7, x: 0.1, y: 2000 }, 'VALID'),
  c('numbers', 'leading zeros, separators, trailing dot', String.raw`{"n": 00012, "m": 1_000_000, "k": 12.}`,
    { n: 12, m: 1000000, k: 12 }, 'REPAIRED'),
  c('numbers', 'unicode minus sign', '{"temp": \u22125}',
    { temp: -5 }, 'REPAIRED'),
  c('numbers', 'extremes after prose', String.raw`The measured values are below.

{"min": -0.0, "max": 1e308, "eps": 5e-324}`,
    { min: -0, max: 1e308, eps: 5e-324 }, 'VALID'),
  c('numbers', 'hex octal binary', String.raw`{"n": 0x1F, "o": 0o17, "b": 0b101}`,
    { n: 31, o: 15, b: 5 }, 'REPAIRED'),
  c('numbers', 'many digits of pi kept', String.raw`{"pi": 3.14159265358979323846264338327950288}`,
    { pi: 3.141592653589793 }, 'VALID', String.raw`{"pi": 3.14159265358979323846264338327950288}`),
];

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
}

const cutDeep: Trial5Case[] = [
  c('cut-deep', 'string in object in array in objects', String.raw`{"a": {"b": {"c": [1, 2, {"d": "x`,
    { a: { b: { c: [1, 2, { d: 'x' }] } } }, 'TRUNCATED'),
  c('cut-deep', 'after a key in an array of objects', String.raw`{"a": [{"b": 1}, {"c"`,
    { a: [{ b: 1 }, {}] }, 'TRUNCATED'),
  c('cut-deep', 'after a colon three arrays down', String.raw`[[[{"k":`,
    [[[{}]]], 'TRUNCATED'),
  c('cut-deep', 'after a comma in nested arrays', String.raw`[[1, 2], [3,`,
    [[1, 2], [3]], 'TRUNCATED'),
  c('cut-deep', 'inside an escape in an array string', String.raw`[{"t": ["a", "b` + '\\',
    [{ t: ['a', 'b'] }], 'TRUNCATED'),
  c('cut-deep', 'inside a number in nested arrays', String.raw`{"m": {"v": [[0.5, 1.2`,
    { m: { v: [[0.5, 1.2]] } }, 'TRUNCATED'),
  c('cut-deep', 'inside true', String.raw`{"flags": {"on": tr`,
    { flags: { on: true } }, 'TRUNCATED'),
  c('cut-deep', 'inside null', String.raw`[{"v": nul`,
    [{ v: null }], 'TRUNCATED'),
  c('cut-deep', 'in a fence', `${F}json
{
  "users": [
    {"id": 1, "roles": ["admin", "ed`,
    { users: [{ id: 1, roles: ['admin', 'ed'] }] }, 'TRUNCATED'),
  c('cut-deep', 'after prose', String.raw`Here is the result:

{"items": [{"id": 1}, {"id": 2, "tags": ["x"`,
    { items: [{ id: 1 }, { id: 2, tags: ['x'] }] }, 'TRUNCATED'),
  c('cut-deep', 'inside a key', String.raw`{"a": {"lon`,
    { a: {} }, 'TRUNCATED'),
  c('cut-deep', 'thirty objects deep', '{"n": '.repeat(30) + '1',
    nest(30), 'TRUNCATED'),
  c('cut-deep', 'in a tool_call', String.raw`<tool_call>
{"name": "f", "arguments": {"q": "abc`,
    { name: 'f', arguments: { q: 'abc' } }, 'TRUNCATED'),
  c('cut-deep', 'inside the reasoning block', String.raw`<think>
Let me draft {"a": 1`,
    null, 'FAILED'),
  c('cut-deep', 'inside a python tuple', String.raw`{'pt': (1, 2`,
    { pt: [1, 2] }, 'TRUNCATED'),
  c('cut-deep', 'after a comma in an inner object', String.raw`{"a": 1, "b": {"c": 2,`,
    { a: 1, b: { c: 2 } }, 'TRUNCATED'),
];

const reasoning: Trial5Case[] = [
  c('reasoning', 'closing tag inside a draft string in a block', String.raw`<think>
Draft: {"note": "close with </think> here"} hmm, not needed.
</think>
{"a": 1}`,
    { a: 1 }, 'VALID'),
  c('reasoning', 'closing tag inside a draft string, no opening tag', String.raw`Draft {"s": "</think>"} no wait, wrong.
</think>

{"a": 1}`,
    { a: 1 }, 'VALID'),
  c('reasoning', 'answer holds the tags', String.raw`<think>The user wants literal tags in the value.</think>{"tag": "</think>", "open": "<think>"}`,
    { tag: '</think>', open: '<think>' }, 'VALID'),
  c('reasoning', 'no opening tag, list draft', String.raw`I need a list. Something like ["a"]? No, objects are better.
</think>

[{"n": "a"}]`,
    [{ n: 'a' }], 'VALID'),
  c('reasoning', 'thinking with attributes', String.raw`<thinking type="internal" budget="200">
Maybe {"k": 1}
</thinking>

{"k": 2}`,
    { k: 2 }, 'VALID'),
  c('reasoning', 'harmony with a draft in analysis', String.raw`<|channel|>analysis<|message|>Need JSON like {"x": 1}? The user said x must be 2.<|end|><|start|>assistant<|channel|>final<|message|>{"x": 2}<|return|>`,
    { x: 2 }, 'VALID'),
  c('reasoning', 'two reasoning blocks with drafts', String.raw`<reasoning>Step 1: {"x": 1}</reasoning><reasoning>Step 2: {"x": 2}</reasoning>
{"x": 3}`,
    { x: 3 }, 'VALID'),
  c('reasoning', 'closing tag inside a code fence in the block', `<think>
I could show:
${F}
</think>
${F}
but no.
</think>
{"a": 1}`,
    { a: 1 }, 'VALID'),
  c('reasoning', 'prose draft and Hmm retraction', String.raw`Let me think. {"a": 1} Hmm, no, that's wrong.

{"a": 2}`,
    { a: 2 }, 'VALID'),
  c('reasoning', 'fenced draft before a lone closing tag', `${F}json
{"draft": true}
${F}
No wait, I need the id.
</think>
${F}json
{"id": 7}
${F}`,
    { id: 7 }, 'VALID'),
  c('reasoning', 'chinese reasoning without opening tag', String.raw`好的，用户要一个对象。先写 {"a": 1}，不对，要两个字段。
</think>
{"a": 1, "b": 2}`,
    { a: 1, b: 2 }, 'VALID'),
  c('reasoning', 'thought block then Answer: label', String.raw`<thought>
The answer is {"v": 1}.
</thought>
Answer: {"v": 1}`,
    { v: 1 }, 'VALID'),
];

const summaries: Trial5Case[] = [
  c('summaries', 'claude shape in braces after', String.raw`Here's the JSON you requested:

{
  "id": 42,
  "title": "Write report",
  "done": false
}

This object follows the shape {id, title, done}, and each task is wrapped in {}.`,
    { id: 42, title: 'Write report', done: false }, 'VALID'),
  c('summaries', 'gemini bold heading and explanation bullets', `**Here is the JSON:**

${F}json
{
  "name": "Ana",
  "skills": ["go", "sql"]
}
${F}

### Explanation

* ${B}name${B}: a string.
* ${B}skills${B}: an array written as ${B}[...]${B}.
* The whole thing is one object ${B}{ ... }${B}.`,
    { name: 'Ana', skills: ['go', 'sql'] }, 'VALID'),
  c('summaries', 'set notation after', String.raw`Here is the JSON:

{"primes": [2, 3, 5, 7]}

In set notation that is {2, 3, 5, 7}, the primes below 10.`,
    { primes: [2, 3, 5, 7] }, 'VALID'),
  c('summaries', 'empty-cart example in the summary', `Here is the JSON:

${F}json
{"items": [{"sku": "A1"}]}
${F}

Summary: one item. If the cart were empty you would get {"items": []} instead.`,
    { items: [{ sku: 'A1' }] }, 'VALID'),
  c('summaries', 'markdown heading and notes with inline example', `# JSON Output

{"status": "ok", "count": 3}

## Notes

- Dates use ISO 8601.
- Missing values are ${B}null${B}, e.g. ${B}{"x": null}${B}.`,
    { status: 'ok', count: 3 }, 'VALID'),
  c('summaries', 'follow-up with braces and brackets', String.raw`Here is the JSON:
{"color": "teal"}
Let me know if you want changes to {fields} or [format]!`,
    { color: 'teal' }, 'VALID'),
  c('summaries', 'footnote citations', `Here is the JSON:

${F}json
{"population": 8336817, "year": 2023}
${F}

Source: U.S. Census Bureau [1][2].`,
    { population: 8336817, year: 2023 }, 'VALID'),
  c('summaries', 'summary shows the inner shape in code', `Here is the JSON:

${F}json
{"user": {"name": "Ana", "roles": ["admin"]}}
${F}

**Summary:** The ${B}user${B} object (${B}{"name": ..., "roles": [...]}${B}) holds the name and the roles array.`,
    { user: { name: 'Ana', roles: ['admin'] } }, 'VALID'),
  c('summaries', 'javascript literal in a sentence after', String.raw`Here is the JSON:

{"a": 1, "b": 2}

In JavaScript you'd access it as obj = {a: 1, b: 2}; obj.a returns 1.`,
    { a: 1, b: 2 }, 'VALID'),
  c('summaries', 'table with braces after', `Here is the JSON:

${F}json
{"k": [1, 2]}
${F}

| Key | Type | Example |
|-----|------|---------|
| k | array | ${B}[1, 2]${B} |
| (root) | object | {} |`,
    { k: [1, 2] }, 'VALID'),
  c('summaries', 'another case shown after the answer', String.raw`Here is the JSON:

{"lang": "en", "score": 0.9}

For a text in another language the output would look like:

{"lang": "de", "score": 0.7}`,
    { lang: 'en', score: 0.9 }, 'VALID'),
  c('summaries', 'parenthesised note with braces', String.raw`Here is the JSON:

{"ok": true}

(Braces {} denote an object; brackets [] an array.)`,
    { ok: true }, 'VALID'),
];

export const trial5Cases: Trial5Case[] = [
  ...toolCalls, ...records, ...markdown, ...wrappers, ...languages, ...strings, ...numbers, ...cutDeep,
  ...reasoning, ...summaries,
];

/** Added after the first run: the rows the engine gets wrong by design (the streaming promise, README's
 * "Known limit"): the text starts as JSON (a ```json fence), so its first value streams at once and cannot
 * be taken back; the value the user wants is recorded as a `correction` span and the status is REPAIRED.
 * (The second one, 'analysis tag with a draft, then answer', is answered since trial 10: a run that starts
 * with a tag whose content is no answer, `<analysis>`, `<draft>`, `<example>`, is held as prose.) */
export const TRIAL5_DESIGN_LIMITS: ReadonlySet<string> = new Set([
  'fenced draft before a lone closing tag',
]);
