// New-user trial 9: LLM-like texts written by hand (trial9, 2026-12-02) BEFORE reading the engine's
// selection code, the corpus or trials 1-8 (only the README's promises and trial 8's exported types), aimed at
// families the earlier trials were likely thin on: reasoning and retractions in other languages (with and
// without <think>, Qwen3's empty think block, interleaved thinking), echoes of what is not the answer (the
// schema, the input, the request, a before/after pair, a patch, a template), documents with several values
// (options, variants, request/response docs, JSON Lines), chat-template leftovers of 2026 models (harmony
// channels with commentary tool calls, ChatML, Gemma, Llama, DeepSeek, Magistral), structured-output retries
// and self-critique loops, and cuts at max_tokens inside a second candidate, a retraction or a closing tag.
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written once, committed before the first run; never edited to match the engine.

import type { TrialCase } from '../trialRun';

const r = String.raw;
const F = '```';

const LANG = 'retractions in other languages';
const THINK = 'think variants and interleaving';
const SCHEMA = 'echoed schemas';
const ECHO = 'echoed input, request, template';
const DOCS = 'documents with several values';
const TPL = 'chat-template leftovers';
const RETRY = 'retries and self-critique';
const CUT = 'cut inside a candidate, retraction or tag';
const MISC = 'other things users pipe';

export const TRIAL9_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- retractions in other languages
  {
    id: 't9-lang-01', category: LANG, status: 'VALID',
    text: r`用户要一个包含城市和人口的对象。先试试：{"city": "上海", "population": 2400}
不对，人口单位是万，应该写完整数字。
</think>
{"city": "上海", "population": 24870000}`,
    want: { city: '上海', population: 24870000 },
  },
  {
    id: 't9-lang-02', category: LANG, status: 'VALID',
    text: r`好的，结果如下：
${F}json
{"total": 120, "currency": "CNY"}
${F}
不对，我忘了加上运费，应该是：
{"total": 135, "currency": "CNY"}`,
    want: { total: 135, currency: 'CNY' },
  },
  {
    id: 't9-lang-03', category: LANG, status: 'VALID',
    text: r`以下がJSONです：
${F}json
{"商品": "りんご", "価格": 150}
${F}
いや、価格は税込みでした。修正します：
{"商品": "りんご", "価格": 165}`,
    want: { 商品: 'りんご', 価格: 165 },
  },
  {
    id: 't9-lang-04', category: LANG, status: 'VALID',
    text: r`確認します。
${F}json
{"status": "ok", "count": 3}
${F}
ちょっと待って、数え直すと4件でした。正しくは：
{"status": "ok", "count": 4}`,
    want: { status: 'ok', count: 4 },
  },
  {
    id: 't9-lang-05', category: LANG, status: 'VALID',
    text: r`Hier ist das Ergebnis:
${F}json
{"stadt": "München", "einwohner": 1488000}
${F}
Moment, nein – das ist die Zahl von 2020. Aktuell:
{"stadt": "München", "einwohner": 1512491}`,
    want: { stadt: 'München', einwohner: 1512491 },
  },
  {
    id: 't9-lang-06', category: LANG, status: 'VALID',
    text: r`Claro, aquí tienes:
${F}json
{"producto": "café", "precio": 4.5}
${F}
Espera, eso está mal: el precio no incluye el IVA. Corrijo:
{"producto": "café", "precio": 5.45}`,
    want: { producto: 'café', precio: 5.45 },
  },
  {
    id: 't9-lang-07', category: LANG, status: 'VALID',
    text: r`Voici le JSON :
${F}json
{"ville": "Lyon", "code": 69001}
${F}
Non, attends, le code postal doit être une chaîne.
{"ville": "Lyon", "code": "69001"}`,
    want: { ville: 'Lyon', code: '69001' },
  },
  {
    id: 't9-lang-08', category: LANG, status: 'VALID',
    text: r`Вот ответ:
${F}json
{"город": "Казань", "население": 1300000}
${F}
Нет, подожди, я перепутал — это данные за 2021 год. Правильно:
{"город": "Казань", "население": 1318604}`,
    want: { город: 'Казань', население: 1318604 },
  },
  {
    id: 't9-lang-09', category: LANG, status: 'VALID',
    text: r`Aqui está o JSON:
${F}json
{"cidade": "Porto", "temperatura": 18}
${F}
Ops, está errado: essa é a mínima. O certo é:
{"cidade": "Porto", "temperatura": 24}`,
    want: { cidade: 'Porto', temperatura: 24 },
  },
  {
    id: 't9-lang-10', category: LANG, status: 'VALID',
    text: r`Ecco il risultato:
${F}json
{"città": "Torino", "abitanti": 870000}
${F}
Aspetta, è sbagliato: ho usato il dato vecchio. Quello giusto:
{"città": "Torino", "abitanti": 841600}`,
    want: { città: 'Torino', abitanti: 841600 },
  },
  {
    id: 't9-lang-11', category: LANG, status: 'VALID',
    text: r`결과입니다:
${F}json
{"이름": "김민수", "나이": 28}
${F}
잠깐, 나이가 틀렸어요. 다시:
{"이름": "김민수", "나이": 29}`,
    want: { 이름: '김민수', 나이: 29 },
  },
  {
    id: 't9-lang-12', category: LANG, status: 'VALID',
    text: r`输出：
${F}json
{"lang": "zh", "tokens": 12}
${F}
等等，我漏算了标点。重新统计：
{"lang": "zh", "tokens": 15}`,
    want: { lang: 'zh', tokens: 15 },
  },
  {
    id: 't9-lang-13', category: LANG, status: 'VALID',
    note: '等等 here means "etc.", not "wait": nothing is retracted',
    text: r`结果如下：
${F}json
{"formats": ["json", "xml"]}
${F}
以上格式都支持，其他的还有 csv、yaml 等等。`,
    want: { formats: ['json', 'xml'] },
  },
  {
    id: 't9-lang-14', category: LANG, status: 'VALID',
    note: '"Espera 30 segundos" is an instruction to the user, no retraction',
    text: r`Respuesta:
{"retry_after": 30, "reason": "rate_limited"}
Espera 30 segundos antes de reintentar.`,
    want: { retry_after: 30, reason: 'rate_limited' },
  },
  {
    id: 't9-lang-15', category: LANG, status: 'VALID',
    text: r`Der Nutzer will eine Liste der Farben. Entwurf:
["rot", "grün"]
Moment, Blau fehlt noch.
</think>
["rot", "grün", "blau"]`,
    want: ['rot', 'grün', 'blau'],
  },
  {
    id: 't9-lang-16', category: LANG, status: 'VALID',
    text: r`<think>
Пользователь просит JSON. Черновик: {"дата": "03.04.2026"}
Нет, нужен формат ISO.
</think>
Вот результат:
{"дата": "2026-04-03"}`,
    want: { дата: '2026-04-03' },
  },
  {
    id: 't9-lang-17', category: LANG, status: 'VALID',
    text: r`Hmm, vamos a ver. El usuario quiere {"nombre": ..., "edad": ...}. Primer intento:
{"nombre": "Lucía", "edad": "treinta"}
Espera, la edad debe ser un número.
</think>

{"nombre": "Lucía", "edad": 30}`,
    want: { nombre: 'Lucía', edad: 30 },
  },
  {
    id: 't9-lang-18', category: LANG, status: 'VALID',
    text: r`D'accord. Voici une première version :
${F}json
{"titre": "Rapport", "pages": 10}
${F}
Hum, c'est incorrect : le rapport fait 12 pages. Version corrigée :
${F}
{"titre": "Rapport", "pages": 12}
${F}`,
    want: { titre: 'Rapport', pages: 12 },
  },

  // ---------------------------------------------------------------- think variants and interleaving
  {
    id: 't9-think-01', category: THINK, status: 'VALID',
    text: '<think>\n\n</think>\n\n{"intent": "cancel_order", "order_id": "A-1042"}',
    want: { intent: 'cancel_order', order_id: 'A-1042' },
  },
  {
    id: 't9-think-02', category: THINK, status: 'VALID',
    text: r`<think>

</think>

Here is the extracted data:

${F}json
{"invoice": "INV-204", "amount": 1299.0}
${F}`,
    want: { invoice: 'INV-204', amount: 1299.0 },
  },
  {
    id: 't9-think-03', category: THINK, status: 'VALID',
    text: r`<think>
The schema wants {"name": string, "tags": string[]}. So something like {"name": "x", "tags": []}. Fill it in.
</think>

{"name": "Widget", "tags": ["blue", "small"]}`,
    want: { name: 'Widget', tags: ['blue', 'small'] },
  },
  {
    id: 't9-think-04', category: THINK, status: ['VALID', 'REPAIRED'],
    note: 'interleaved thinking: the second thought merges the first answer into the second',
    text: r`<think>First the user object.</think>
{"user": {"id": 7}}
<think>The user asked for both in one object, actually. Merge them.</think>
{"user": {"id": 7}, "permissions": ["read"]}`,
    want: { user: { id: 7 }, permissions: ['read'] },
  },
  {
    id: 't9-think-05', category: THINK, status: ['VALID', 'REPAIRED'],
    note: 'interleaved thinking that retracts the answer before it',
    text: r`<think>Compute the total of 40 plus tax.</think>
{"total": 40}
<think>Wait, I forgot the 10% tax. Total is 44.</think>
{"total": 44}`,
    want: { total: 44 },
  },
  {
    id: 't9-think-06', category: THINK, status: 'VALID',
    text: r`{"answer": 42}
<think>Double-check: 6*7=42, yes.</think>`,
    want: { answer: 42 },
  },
  {
    id: 't9-think-07', category: THINK, status: 'VALID',
    text: r`<thinking>
Need ISO dates. Draft: {"start": "3/4/2026"} — wrong format.
</thinking>
<answer>
{"start": "2026-03-04"}
</answer>`,
    want: { start: '2026-03-04' },
  },
  {
    id: 't9-think-08', category: THINK, status: 'VALID',
    text: r`Let me think about the fields first.
<think>Fields: id, title. Draft {"id": 1}</think>
Final:
{"id": 1, "title": "Intro"}`,
    want: { id: 1, title: 'Intro' },
  },
  {
    id: 't9-think-09', category: THINK, status: 'FAILED',
    note: 'cut at max_tokens inside the reasoning: the JSON in it is a thought, no answer came',
    text: r`<think>
The user wants {"ok": true} with a list of ids. Let me also consider whether [1, 2, 3] is`,
    want: null,
  },
  {
    id: 't9-think-10', category: THINK, status: 'VALID',
    text: '<think>\n\n</think>\n\n<think>\nHmm, second block? {"x": 0}\n</think>\n[{"x": 1}, {"x": 2}]',
    want: [{ x: 1 }, { x: 2 }],
  },
  {
    id: 't9-think-11', category: THINK, status: 'VALID',
    text: r`<think>
我需要输出一个对象。草稿：{"城市": "北京"}
</think>

好的，以下是结果：

{"城市": "北京", "区号": "010"}`,
    want: { 城市: '北京', 区号: '010' },
  },

  // ---------------------------------------------------------------- echoed schemas
  {
    id: 't9-schema-01', category: SCHEMA, status: 'VALID',
    text: r`Using this schema:
{"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}, "required": ["name", "age"]}

Here is the JSON:
{"name": "Ana", "age": 31}`,
    want: { name: 'Ana', age: 31 },
  },
  {
    id: 't9-schema-02', category: SCHEMA, status: 'VALID',
    text: r`You asked for output matching:
${F}json
{"type": "object", "properties": {"score": {"type": "number"}}, "required": ["score"]}
${F}
Result:
{"score": 0.87}`,
    want: { score: 0.87 },
  },
  {
    id: 't9-schema-03', category: SCHEMA, status: 'VALID',
    text: r`Sure! Here's the book:
${F}json
{"title": "Dune", "year": 1965}
${F}

### Schema
${F}json
{"type": "object", "properties": {"title": {"type": "string"}, "year": {"type": "integer"}}, "required": ["title", "year"]}
${F}`,
    want: { title: 'Dune', year: 1965 },
  },
  {
    id: 't9-schema-04', category: SCHEMA, status: 'VALID',
    text: r`Based on the model:
${F}python
class User(BaseModel):
    name: str
    email: str
${F}
the JSON is:
{"name": "Lee", "email": "lee@example.com"}`,
    want: { name: 'Lee', email: 'lee@example.com' },
  },
  {
    id: 't9-schema-05', category: SCHEMA, status: 'VALID',
    text: r`Given:
${F}ts
interface Point { x: number; y: number }
${F}
Output:
${F}json
{"x": 3, "y": -1}
${F}`,
    want: { x: 3, y: -1 },
  },
  {
    id: 't9-schema-06', category: SCHEMA, status: 'VALID',
    text: r`Format:
{"city": "<city name>", "temp_c": "<number>"}

{"city": "Oslo", "temp_c": -3}`,
    want: { city: 'Oslo', temp_c: -3 },
  },
  {
    id: 't9-schema-07', category: SCHEMA, status: 'VALID',
    text: r`Here you go.

{"id": "a1", "done": false}

For reference, the JSON Schema:

{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"id": {"type": "string"}, "done": {"type": "boolean"}}}`,
    want: { id: 'a1', done: false },
  },
  {
    id: 't9-schema-08', category: SCHEMA, status: 'VALID',
    note: 'the schema is what the user asked for',
    text: r`Here's a JSON Schema for your data:
${F}json
{"type": "object", "properties": {"sku": {"type": "string"}}, "required": ["sku"]}
${F}`,
    want: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
  },
  {
    id: 't9-schema-09', category: SCHEMA, status: 'VALID',
    text: r`Schema:
${F}json
{"type": "object", "properties": {"city": {"type": "string"}}}
${F}
Answer:
${F}
{"city": "Lima"}
${F}`,
    want: { city: 'Lima' },
  },
  {
    id: 't9-schema-10', category: SCHEMA, status: 'VALID',
    text: r`I'll follow the response_format you gave me ({"type": "json_schema", "json_schema": {"name": "weather", "strict": true}}).

${F}json
{"city": "Quito", "sky": "cloudy"}
${F}`,
    want: { city: 'Quito', sky: 'cloudy' },
  },
  {
    id: 't9-schema-11', category: SCHEMA, status: 'VALID',
    text: r`Fields (from your spec):
- "id": string
- "qty": integer

${F}json
{
  "id": "SKU-9",
  "qty": 4
}
${F}

Validated against:
${F}json
{"type": "object", "properties": {"id": {"type": "string"}, "qty": {"type": "integer"}}, "additionalProperties": false}
${F}`,
    want: { id: 'SKU-9', qty: 4 },
  },

  // ---------------------------------------------------------------- echoed input, request, template
  {
    id: 't9-echo-01', category: ECHO, status: 'VALID',
    text: r`Input: {"c": 100} → Output: {"f": 212}`,
    want: { f: 212 },
  },
  {
    id: 't9-echo-02', category: ECHO, status: 'VALID',
    text: r`Input:
${F}json
{"first_name": "Ada", "last_name": "Lovelace"}
${F}
Output:
${F}json
{"fullName": "Ada Lovelace"}
${F}`,
    want: { fullName: 'Ada Lovelace' },
  },
  {
    id: 't9-echo-03', category: ECHO, status: 'VALID',
    text: r`Converted:
${F}json
{"fullName": "Ada Lovelace"}
${F}
Original input for comparison:
${F}json
{"first_name": "Ada", "last_name": "Lovelace"}
${F}`,
    want: { fullName: 'Ada Lovelace' },
  },
  {
    id: 't9-echo-04', category: ECHO, status: 'VALID',
    text: r`Request:
${F}http
POST /v1/users HTTP/1.1
Content-Type: application/json

{"name": "Ada"}
${F}
Response:
${F}json
{"id": 17, "name": "Ada"}
${F}`,
    want: { id: 17, name: 'Ada' },
  },
  {
    id: 't9-echo-05', category: ECHO, status: 'VALID',
    text: r`${F}bash
curl -X POST https://api.example.com/orders -d '{"sku": "X1", "qty": 2}'
${F}
returns
${F}
{"order_id": "o_991", "status": "created"}
${F}`,
    want: { order_id: 'o_991', status: 'created' },
  },
  {
    id: 't9-echo-06', category: ECHO, status: 'VALID',
    text: r`**After:**
${F}json
{"userName": "ada", "isAdmin": false}
${F}

**Before (your input):**
${F}json
{"user_name": "ada", "is_admin": "false"}
${F}`,
    want: { userName: 'ada', isAdmin: false },
  },
  {
    id: 't9-echo-07', category: ECHO, status: 'VALID',
    text: r`Updated document:
${F}json
{"name": "Pen", "price": 12}
${F}
The patch I applied:
${F}json
[{"op": "replace", "path": "/price", "value": 12}]
${F}`,
    want: { name: 'Pen', price: 12 },
  },
  {
    id: 't9-echo-08', category: ECHO, status: 'VALID',
    text: r`Here's the filled payload:
{"to": "ana@example.com", "subject": "Welcome"}

based on the template:
${F}json
{"to": "{{email}}", "subject": "{{subject}}"}
${F}`,
    want: { to: 'ana@example.com', subject: 'Welcome' },
  },
  {
    id: 't9-echo-09', category: ECHO, status: 'VALID',
    text: r`${F}diff
- {"retries": 3}
+ {"retries": 5}
${F}
Updated config:
{"retries": 5, "timeout": 30}`,
    want: { retries: 5, timeout: 30 },
  },
  {
    id: 't9-echo-10', category: ECHO, status: 'VALID',
    text: r`Response: {"temp_c": -3, "sky": "snow"}
(You sent: {"q": "weather in Oslo"})`,
    want: { temp_c: -3, sky: 'snow' },
  },
  {
    id: 't9-echo-11', category: ECHO, status: 'VALID',
    text: r`You gave me this record:

    {"id": 3, "tags": "a,b,c"}

Normalised:

    {"id": 3, "tags": ["a", "b", "c"]}`,
    want: { id: 3, tags: ['a', 'b', 'c'] },
  },
  {
    id: 't9-echo-12', category: ECHO, status: 'VALID',
    text: r`Translated to French:
${F}json
{"greeting": "Bonjour", "farewell": "Au revoir"}
${F}
(source: {"greeting": "Hello", "farewell": "Goodbye"})`,
    want: { greeting: 'Bonjour', farewell: 'Au revoir' },
  },

  // ---------------------------------------------------------------- documents with several values
  {
    id: 't9-docs-01', category: DOCS, status: 'VALID',
    text: r`## GET /users/7

**Request**
${F}json
{"id": 7}
${F}

**Response**
${F}json
{"id": 7, "name": "Ada", "role": "admin"}
${F}`,
    want: { id: 7, name: 'Ada', role: 'admin' },
  },
  {
    id: 't9-docs-02', category: DOCS, status: 'VALID',
    text: r`Option A (flat):
${F}json
{"street": "Main 1", "city": "Oslo"}
${F}
Option B (nested):
${F}json
{"address": {"street": "Main 1", "city": "Oslo"}}
${F}
I'd go with Option A: it is simpler to query.`,
    want: { street: 'Main 1', city: 'Oslo' },
  },
  {
    id: 't9-docs-03', category: DOCS, status: 'VALID',
    text: r`Recommended:
${F}json
{"level": "info", "format": "json"}
${F}
Alternative (more verbose):
${F}json
{"level": "debug", "format": "text", "color": true}
${F}`,
    want: { level: 'info', format: 'json' },
  },
  {
    id: 't9-docs-04', category: DOCS, status: 'VALID',
    text: r`Steps:
- Parse the date: {"date": "2026-03-04"}
- Add the zone: {"date": "2026-03-04", "tz": "UTC"}

Final:
{"date": "2026-03-04", "tz": "UTC", "valid": true}`,
    want: { date: '2026-03-04', tz: 'UTC', valid: true },
  },
  {
    id: 't9-docs-05', category: DOCS, status: 'VALID',
    text: r`### Response
${F}json
{"ok": true, "data": {"id": 9}}
${F}
### Error response
${F}json
{"ok": false, "error": "not_found"}
${F}`,
    want: { ok: true, data: { id: 9 } },
  },
  {
    id: 't9-docs-06', category: DOCS, status: 'VALID',
    text: r`| field | example |
|---|---|
| tags | ${'`'}["a", "b"]${'`'} |
| meta | ${'`'}{"k": 1}${'`'} |

Result:
{"tags": ["x"], "meta": {"k": 2}}`,
    want: { tags: ['x'], meta: { k: 2 } },
  },
  {
    id: 't9-docs-07', category: DOCS, status: 'VALID',
    text: r`Your output:
${F}json
{"name": "Ana Silva", "email": "ana@silva.pt"}
${F}
Sample from the docs:
${F}json
{"name": "Jane Doe", "email": "jane@example.com"}
${F}`,
    want: { name: 'Ana Silva', email: 'ana@silva.pt' },
  },
  {
    id: 't9-docs-08', category: DOCS, status: ['VALID', 'REPAIRED'],
    note: 'three variants asked for; any one is what was asked, the first is the natural pick',
    text: r`Here are 3 variants:

1.
${F}json
{"headline": "Save 20% today"}
${F}
2.
${F}json
{"headline": "Today only: 20% off"}
${F}
3.
${F}json
{"headline": "Your 20% discount is here"}
${F}`,
    want: { headline: 'Save 20% today' },
    alsoOk: [{ headline: 'Today only: 20% off' }, { headline: 'Your 20% discount is here' }],
  },
  {
    id: 't9-docs-09', category: DOCS, status: 'REPAIRED',
    note: 'JSON Lines: one value is returned; the other records must be said (REPAIRED, extra values)',
    text: r`${F}jsonl
{"id": 1, "event": "login"}
{"id": 2, "event": "view"}
{"id": 3, "event": "logout"}
${F}`,
    want: { id: 1, event: 'login' },
  },
  {
    id: 't9-docs-10', category: DOCS, status: 'VALID',
    text: r`Success (200):
${F}json
{"token": "eyJhbGciOi", "expires_in": 3600}
${F}
Failure (401):
${F}json
{"error": "invalid_credentials"}
${F}`,
    want: { token: 'eyJhbGciOi', expires_in: 3600 },
  },
  {
    id: 't9-docs-11', category: DOCS, status: 'VALID',
    text: r`Two ways to write it. Short form: ${'`'}{"on": true}${'`'}. Long form, which I recommend here:

${F}json
{"feature": {"enabled": true, "rollout": 0.5}}
${F}`,
    want: { feature: { enabled: true, rollout: 0.5 } },
  },

  // ---------------------------------------------------------------- chat-template leftovers
  {
    id: 't9-tpl-01', category: TPL, status: 'VALID',
    note: 'gpt-oss calling a tool: the only JSON is the call\'s arguments',
    text: '<|channel|>analysis<|message|>Need the weather; call the tool.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city": "Oslo", "unit": "c"}<|call|>',
    want: { city: 'Oslo', unit: 'c' },
  },
  {
    id: 't9-tpl-02', category: TPL, status: 'VALID',
    text: '<|start|>assistant<|channel|>analysis<|message|>User wants {"a": 1}? No: the SKU object.<|end|><|start|>assistant<|channel|>commentary<|message|>Checking the catalog…<|end|><|start|>assistant<|channel|>final<|message|>{"sku": "P-1", "stock": 4}<|return|>',
    want: { sku: 'P-1', stock: 4 },
  },
  {
    id: 't9-tpl-03', category: TPL, status: 'VALID',
    text: '<|channel|>commentary to=functions.search <|constrain|>json<|message|>{"q": "oslo weather"}<|call|><|start|>functions.search to=assistant<|channel|>commentary<|message|>{"temp": -3}<|end|><|start|>assistant<|channel|>final<|message|>{"answer": "It is -3 °C in Oslo."}<|return|>',
    want: { answer: 'It is -3 °C in Oslo.' },
  },
  {
    id: 't9-tpl-04', category: TPL, status: 'VALID',
    text: '<|im_start|>assistant\n{"intent": "refund", "confidence": 0.92}<|im_end|>',
    want: { intent: 'refund', confidence: 0.92 },
  },
  {
    id: 't9-tpl-05', category: TPL, status: 'VALID',
    text: '<|im_start|>user\nGive me the city as JSON for Paris<|im_end|>\n<|im_start|>assistant\n<think>\nSimple.\n</think>\n{"city": "Paris", "country": "FR"}<|im_end|>',
    want: { city: 'Paris', country: 'FR' },
  },
  {
    id: 't9-tpl-06', category: TPL, status: 'VALID',
    text: `<start_of_turn>model\n${F}json\n{"label": "spam", "score": 0.97}\n${F}<end_of_turn>`,
    want: { label: 'spam', score: 0.97 },
  },
  {
    id: 't9-tpl-07', category: TPL, status: 'VALID',
    text: '[INST] Extract the order as JSON: "2 apples" [/INST] Sure! {"item": "apple", "qty": 2}</s>',
    want: { item: 'apple', qty: 2 },
  },
  {
    id: 't9-tpl-08', category: TPL, status: 'VALID',
    text: '<｜User｜>Return JSON with the capital of Peru<｜Assistant｜><think>\nCapital of Peru is Lima. {"capital": "Cusco"}? No, Cusco was the Inca capital.\n</think>\n{"capital": "Lima"}<｜end▁of▁sentence｜>',
    want: { capital: 'Lima' },
  },
  {
    id: 't9-tpl-09', category: TPL, status: 'VALID',
    text: '<｜Assistant｜>Okay, the user wants a JSON list of primes under 10. Maybe [2, 3, 5, 7, 9]? Wait, 9 isn\'t prime.\n</think>\n\n[2, 3, 5, 7]',
    want: [2, 3, 5, 7],
  },
  {
    id: 't9-tpl-10', category: TPL, status: 'VALID',
    text: '<|start_header_id|>assistant<|end_header_id|>\n\n{"name": "search", "parameters": {"q": "flights to Rome"}}<|eot_id|>',
    want: { name: 'search', parameters: { q: 'flights to Rome' } },
  },
  {
    id: 't9-tpl-11', category: TPL, status: 'VALID',
    text: '[THINK]\nDraft:\n{"ok": false, "checked": 3}\nNo wait, the check passed, so ok is true.\n[/THINK]\n{"ok": true, "checked": 3}',
    want: { ok: true, checked: 3 },
  },
  {
    id: 't9-tpl-12', category: TPL, status: 'VALID',
    text: '<|assistant|>\n{"sentiment": "negative", "aspects": ["price"]}<|end|>',
    want: { sentiment: 'negative', aspects: ['price'] },
  },
  {
    id: 't9-tpl-13', category: TPL, status: 'VALID',
    text: '<|im_start|>assistant\n<think>\n\n</think>\n\n```json\n{"lang": "de", "formal": true}\n```<|im_end|>\n<|endoftext|>',
    want: { lang: 'de', formal: true },
  },

  // ---------------------------------------------------------------- retries and self-critique
  {
    id: 't9-retry-01', category: RETRY, status: 'VALID',
    text: r`Attempt 1:
{"date": "04/03/2026", "amount": "12.50"}
Validation error: date must match YYYY-MM-DD; amount must be a number.
Attempt 2:
{"date": "2026-03-04", "amount": 12.5}`,
    want: { date: '2026-03-04', amount: 12.5 },
  },
  {
    id: 't9-retry-02', category: RETRY, status: 'VALID',
    text: r`Attempt 1:
${F}json
{"email": "ada[at]example.com"}
${F}
❌ Validation failed: "email" is not a valid email.

Attempt 2:
{"email": "ada@example.com"}`,
    want: { email: 'ada@example.com' },
  },
  {
    id: 't9-retry-03', category: RETRY, status: 'VALID',
    text: r`Draft:
${F}json
{"summary": "Good product", "rating": 6}
${F}
Critique: rating must be 1-5.
Revised:
${F}json
{"summary": "Good product", "rating": 5}
${F}`,
    want: { summary: 'Good product', rating: 5 },
  },
  {
    id: 't9-retry-04', category: RETRY, status: 'VALID',
    text: r`Draft:
${F}json
{"summary": "Good", "rating": 6}
${F}
Critique: the rating is out of range (max 5).

Revised answer:
{"summary": "Good", "rating": 5}`,
    want: { summary: 'Good', rating: 5 },
  },
  {
    id: 't9-retry-05', category: RETRY, status: 'VALID',
    text: r`Output: {"qty": "two"}
Error: {"loc": ["qty"], "msg": "value is not a valid integer", "type": "type_error.integer"}
Retrying.
Output: {"qty": 2}`,
    want: { qty: 2 },
  },
  {
    id: 't9-retry-06', category: RETRY, status: 'VALID',
    text: r`Final answer:
${F}json
{"name": "Ada", "born": 1815}
${F}
Self-check report:
${F}json
{"valid": true, "errors": []}
${F}`,
    want: { name: 'Ada', born: 1815 },
  },
  {
    id: 't9-retry-07', category: RETRY, status: 'VALID',
    text: r`Thought: I need the user's id.
Action: lookup_user
Action Input: {"email": "ada@example.com"}
Observation: {"id": 42, "email": "ada@example.com"}
Thought: I now know the final answer.
Final Answer: {"user_id": 42}`,
    want: { user_id: 42 },
  },
  {
    id: 't9-retry-08', category: RETRY, status: 'VALID',
    text: r`Corrected output:
${F}json
{"count": 3}
${F}
(My first attempt, which failed validation, was:)
${F}json
{"count": "3"}
${F}`,
    want: { count: 3 },
  },
  {
    id: 't9-retry-09', category: RETRY, status: 'VALID',
    text: r`Here it is:
${F}json
{"title": "Post", "tags": "news"}
${F}
Checking against the schema… ${'`'}tags${'`'} should be an array. Fixed:
${F}json
{"title": "Post", "tags": ["news"]}
${F}`,
    want: { title: 'Post', tags: ['news'] },
  },
  {
    id: 't9-retry-10', category: RETRY, status: 'VALID',
    text: r`Try 1 → {"n": 10} ✗ (must be even and < 10)
Try 2 → {"n": 7} ✗ (must be even)
Try 3 → {"n": 8} ✓`,
    want: { n: 8 },
  },
  {
    id: 't9-retry-11', category: RETRY, status: 'VALID',
    text: r`First pass:
${F}json
{"city": "Sydney", "country": "Australia", "capital": true}
${F}
Reflection: Sydney is not the capital; Canberra is. The value is incorrect.

Second pass:
{"city": "Sydney", "country": "Australia", "capital": false}`,
    want: { city: 'Sydney', country: 'Australia', capital: false },
  },

  // ---------------------------------------------------------------- cut inside a candidate, retraction or tag
  {
    id: 't9-cut-01', category: CUT, status: ['TRUNCATED', 'VALID', 'REPAIRED'],
    note: 'the correction is cut: the cut correction or the draft are both defensible',
    text: r`Here it is:
${F}json
{"a": 1, "b": 2}
${F}
No wait, b should be 3:
${F}json
{"a": 1, "b": `,
    want: { a: 1 },
    alsoOk: [{ a: 1, b: 2 }],
  },
  {
    id: 't9-cut-02', category: CUT, status: ['VALID', 'REPAIRED'],
    note: 'judgement: the cut sentence never says the value is wrong, so the value stands',
    text: r`Sure:
{"city": "Oslo", "temp": 4}
Let me double-check the temperature, it looks`,
    want: { city: 'Oslo', temp: 4 },
  },
  {
    id: 't9-cut-03', category: CUT, status: ['VALID', 'REPAIRED'],
    text: '<answer>{"a": 1, "b": [true]}</ans',
    want: { a: 1, b: [true] },
  },
  {
    id: 't9-cut-04', category: CUT, status: 'FAILED',
    text: '<think>\nDraft {"x": 1} is probably right.\n</thi',
    want: null,
  },
  {
    id: 't9-cut-05', category: CUT, status: 'TRUNCATED',
    text: '<|channel|>analysis<|message|>ok<|end|><|start|>assistant<|channel|>final<|message|>{"items": ["a", "b',
    want: { items: ['a', 'b'] },
  },
  {
    id: 't9-cut-06', category: CUT, status: 'FAILED',
    text: '<|channel|>analysis<|message|>The answer is {"v": 1}.<|end|><|start|>assistant<|channel|>fin',
    want: null,
  },
  {
    id: 't9-cut-07', category: CUT, status: ['VALID', 'TRUNCATED'],
    note: 'two options, the second cut: the complete first or the cut second',
    text: r`Option A:
${F}json
{"mode": "fast"}
${F}
Option B:
${F}json
{"mode": "sa`,
    want: { mode: 'fast' },
    alsoOk: [{ mode: 'sa' }],
  },
  {
    id: 't9-cut-08', category: CUT, status: 'TRUNCATED',
    text: r`Draft {"n": 1} looks fine.
</think>
{"n": 1, "items": [1, 2`,
    want: { n: 1, items: [1, 2] },
  },
  {
    id: 't9-cut-09', category: CUT, status: 'FAILED',
    note: 'the model says the only value is wrong (不对) and is cut before the fix',
    text: r`结果：
${F}json
{"a": 1}
${F}
不对，应该`,
    want: null,
  },
  {
    id: 't9-cut-10', category: CUT, status: 'TRUNCATED',
    text: '{"note": "wrap the plan in </think',
    want: { note: 'wrap the plan in </think' },
  },
  {
    id: 't9-cut-11', category: CUT, status: ['VALID', 'REPAIRED'],
    text: 'Here:\n```json\n{"a": 1}\n``',
    want: { a: 1 },
  },
  {
    id: 't9-cut-12', category: CUT, status: 'TRUNCATED',
    text: r`The format is ${'`'}{"k": "v"}${'`'}. Here's yours:
{"k": "real", "extra": [1, 2`,
    want: { k: 'real', extra: [1, 2] },
  },
  {
    id: 't9-cut-13', category: CUT, status: 'TRUNCATED',
    text: r`<think>
Try {"total": 9}. Hmm, 4+6 is 10.
</think>
${F}json
{"total": 10, "parts": [4, 6], "note": "su`,
    want: { total: 10, parts: [4, 6], note: 'su' },
  },
  {
    id: 't9-cut-14', category: CUT, status: 'TRUNCATED',
    text: r`Attempt 1: {"ok": fals} — invalid literal.
Attempt 2:
{"ok": false, "reason": "quota exceeded", "retry": {"after": 6`,
    want: { ok: false, reason: 'quota exceeded', retry: { after: 6 } },
  },

  // ---------------------------------------------------------------- other things users pipe
  {
    id: 't9-misc-01', category: MISC, status: 'VALID',
    text: '<p>Result:</p>\n<pre><code>{"a": 1, "b": "two"}</code></pre>',
    want: { a: 1, b: 'two' },
  },
  {
    id: 't9-misc-02', category: MISC, status: 'VALID',
    text: r`✅ Done! Here's the payload 👇

{"event": "signup", "plan": "pro"}

Note: you can also pass {"trial": true} if needed.`,
    want: { event: 'signup', plan: 'pro' },
  },
  {
    id: 't9-misc-03', category: MISC, status: 'VALID',
    text: r`>>> print(json.dumps(result))
{"rows": 3, "ok": true}
>>> `,
    want: { rows: 3, ok: true },
  },
  {
    id: 't9-misc-04', category: MISC, status: 'VALID',
    text: r`结果如下：
${F}json
{"score": 88, "level": "B"}
${F}
说明：字段 "score" 为百分制，示例 {"score": 100} 表示满分。`,
    want: { score: 88, level: 'B' },
  },
  {
    id: 't9-misc-05', category: MISC, status: 'VALID',
    text: r`**Answer**

> **Note:** the API returns dates in UTC.

${F}json
{"created": "2026-12-02T03:00:00Z"}
${F}`,
    want: { created: '2026-12-02T03:00:00Z' },
  },
  {
    id: 't9-misc-06', category: MISC, status: 'REPAIRED',
    text: r`Sure — here's the config (I added comments so you know what each field does):
${F}jsonc
{
  // seconds
  "timeout": 30,
  "retries": 3, // max attempts
}
${F}`,
    want: { timeout: 30, retries: 3 },
  },
  {
    id: 't9-misc-07', category: MISC, status: 'VALID',
    text: r`I couldn't find a "status" field, so I left it out. Keys like {id} and {name} come straight from the CSV header.

{"id": 12, "name": "Ada"}`,
    want: { id: 12, name: 'Ada' },
  },
  {
    id: 't9-misc-08', category: MISC, status: 'VALID',
    text: r`Here is your JSON:

${F}json
{"q": "Is [x] > {y}?", "a": "yes"}
${F}

Let me know if anything's wrong!`,
    want: { q: 'Is [x] > {y}?', a: 'yes' },
  },
  {
    id: 't9-misc-09', category: MISC, status: 'VALID',
    text: r`The mapping (old → new) is {"uid": "user_id"}. Applying it to your row gives:

{"user_id": 5, "name": "Kai"}`,
    want: { user_id: 5, name: 'Kai' },
  },
  {
    id: 't9-misc-10', category: MISC, status: 'VALID',
    text: r`Sure.
<output>
{"title": "Q3 report", "pages": 14}
</output>
<explanation>I counted the pages from the PDF's metadata, e.g. {"pages": 14}.</explanation>`,
    want: { title: 'Q3 report', pages: 14 },
  },
];
