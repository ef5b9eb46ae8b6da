// New-user trial 6: LLM-like texts written by hand (engine14, 2026-12-01) BEFORE reading the engine's
// selection code, the corpus or trials 1-5, aimed at families the earlier trials were likely thin on.
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written once, committed before the first run; never edited to match the engine.

export type Trial6Status = 'VALID' | 'REPAIRED' | 'TRUNCATED' | 'FAILED';

export interface Trial6Case {
  id: string;
  category: string;
  text: string;
  want: unknown;
  status: Trial6Status | Trial6Status[];
  alsoOk?: unknown[];
  note?: string;
}

const r = String.raw;
const F = '```';
const B = '`';
const D = '$';
const CR = '\r';
const BOM = '\uFEFF';
const ZWSP = '\u200B';
const ZWJ = '\u200D';
const NBSP = '\u00A0';

const QUOTED = 'quoted example then answer';
const MARKUP = 'blockquote, table, diff, html';
const LOG = 'shell prompt and log prefix';
const COMMENTS = 'comments in every style';
const PYREPR = 'python repr';
const JSLIT = 'js object literal';
const FENCES = 'several fences and echoed schemas';
const DRAFTS = 'drafts, repeats and reasoning mixes';
const CUT = 'truncation inside tokens';
const BYTES = 'bom, zero-width, crlf, tabs, long lines';
const EMPTY = 'empty answers';

const longRecords = Array.from({ length: 4000 }, (_, i) => ({ id: i, name: `item-${i}`, ok: i % 3 === 0, score: i / 8 }));
const longLine = JSON.stringify(longRecords);
const longLineWithComma = longLine.slice(0, -2) + ',}]';

export const TRIAL6_CASES: Trial6Case[] = [
  // ---------------------------------------------------------------- quoted example, then the answer
  { id: 'q01', category: QUOTED, status: 'VALID', want: { name: 'Ada', age: 36 },
    text: r`Your input looked like {"name": "Ada", "age": "36",} — the age is a string and there's a trailing comma. The fixed version is:

{"name": "Ada", "age": 36}` },
  { id: 'q02', category: QUOTED, status: 'VALID', want: { id: 7, tags: ['a', 'b'] },
    text: r`The error comes from this line of your payload: ${B}{"id": 7, "tags": [a, b]}${B} — ${B}a${B} and ${B}b${B} aren't quoted. Corrected:
${F}json
{"id": 7, "tags": ["a", "b"]}
${F}` },
  { id: 'q03', category: QUOTED, status: 'VALID', want: { user: 'bob' },
    text: r`You sent {'user': 'bob'} which uses single quotes. JSON requires double quotes, so the request body should be:
{"user": "bob"}` },
  { id: 'q04', category: QUOTED, status: 'VALID', want: [{ sku: 'B7', qty: 1 }, { sku: 'C3', qty: 4 }],
    text: r`Each item needs a ${B}sku${B} and a ${B}qty${B}, e.g. {"sku": "A1", "qty": 2}. Here is your cart converted:

${F}json
[{"sku": "B7", "qty": 1}, {"sku": "C3", "qty": 4}]
${F}` },
  { id: 'q05', category: QUOTED, status: 'VALID', want: { temp: 21, unit: 'C' },
    text: r`Before:
{"temp": "21C", "unit": null}
After:
{"temp": 21, "unit": "C"}` },
  { id: 'q06', category: QUOTED, status: 'VALID', want: { q: 'weather in Oslo', days: 3 },
    text: r`> {"q": "weather in Oslo", "days": "three"}

${B}days${B} must be an integer. Here's the corrected request:

{"q": "weather in Oslo", "days": 3}` },
  { id: 'q07', category: QUOTED, status: 'VALID', want: { status: 'ok', count: 12 },
    text: r`{"status": "ok", "count": 12}

For comparison, your original was {"status": ok, "count": "12"} — note the unquoted ok.` },
  { id: 'q08', category: QUOTED, status: 'VALID', want: { data: { id: 1 }, meta: { v: 2 } },
    text: r`Instead of {"id": 1} (which is what the old API returned), the v2 endpoint wraps it:

${F}json
{"data": {"id": 1}, "meta": {"v": 2}}
${F}` },
  { id: 'q09', category: QUOTED, status: 'VALID', want: { lat: 48.8566, lon: 2.3522 },
    text: r`The tool wants something like {"lat": 0, "lon": 0}. For Paris that is:
{"lat": 48.8566, "lon": 2.3522}` },
  { id: 'q10', category: QUOTED, status: 'VALID', want: { items: [1, 2, 3], total: 6 },
    text: r`Your original:
${F}text
{items: [1, 2, 3,], total: 6,}
${F}
Valid JSON:
${F}json
{"items": [1, 2, 3], "total": 6}
${F}` },

  // ---------------------------------------------------------------- blockquote, table, diff, html
  { id: 'm01', category: MARKUP, status: 'VALID', want: { answer: 42, confidence: 0.9 },
    text: r`> {"answer": 42, "confidence": 0.9}` },
  { id: 'm02', category: MARKUP, status: ['REPAIRED', 'VALID'], want: { city: 'Lima', pop: 10092000 },
    text: r`Here is the result:

> {
>   "city": "Lima",
>   "pop": 10092000
> }` },
  { id: 'm03', category: MARKUP, status: 'VALID', want: { id: 3, ok: true },
    text: r`| field | value |
|---|---|
| payload | ${B}{"id": 3, "ok": true}${B} |` },
  { id: 'm04', category: MARKUP, status: 'VALID', want: { n: 10 },
    text: r`| Input | Output |
|-------|--------|
| ${B}{"n": 1}${B} | ${B}{"n": 2}${B} |
| ${B}{"n": 5}${B} | ${B}{"n": 6}${B} |

Applied to your input:
${F}json
{"n": 10}
${F}` },
  { id: 'm05', category: MARKUP, status: ['VALID', 'REPAIRED'], want: { version: '1.3.0', private: true },
    note: 'a one-line diff: the + line is the new value',
    text: r`${F}diff
- {"version": "1.2.0", "private": true}
+ {"version": "1.3.0", "private": true}
${F}` },
  { id: 'm06', category: MARKUP, status: ['REPAIRED', 'VALID'], want: { port: 9090, debug: false },
    note: 'a unified diff: the new file is the answer',
    text: r`--- a/config.json
+++ b/config.json
@@ -1,4 +1,4 @@
 {
-  "port": 8080,
+  "port": 9090,
   "debug": false
 }` },
  { id: 'm07', category: MARKUP, status: 'VALID', want: { theme: 'dark', fontSize: 14 },
    text: r`> Can you give me the settings as JSON?

Sure:

{"theme": "dark", "fontSize": 14}` },
  { id: 'm08', category: MARKUP, status: 'VALID', want: { sum: 10, avg: 2.5 },
    text: r`- Result: {"sum": 10, "avg": 2.5}` },
  { id: 'm09', category: MARKUP, status: 'VALID', want: { a: [1, 2, 3] },
    text: r`<pre><code class="language-json">{"a": [1, 2, 3]}</code></pre>` },
  { id: 'm10', category: MARKUP, status: 'VALID', want: { old: false, migrated: true },
    text: r`On Mon, Nov 30, 2026, Bot wrote:
> > {"old": true}
> Updated config below.

{"old": false, "migrated": true}` },

  // ---------------------------------------------------------------- shell prompt and log prefix
  { id: 'l01', category: LOG, status: 'VALID', want: { id: 42, name: 'Grace', roles: ['admin'] },
    text: r`$ curl -s https://api.example.com/v1/users/42
{"id": 42, "name": "Grace", "roles": ["admin"]}` },
  { id: 'l02', category: LOG, status: 'VALID', want: { path: '/v1/orders', status: 200, ms: 38 },
    text: r`2026-11-30T14:02:11.532Z INFO  request completed {"path": "/v1/orders", "status": 200, "ms": 38}` },
  { id: 'l03', category: LOG, status: 'VALID', want: { code: 'E_TIMEOUT', retryable: true },
    text: r`[2026-11-30 14:02:11] DEBUG connecting to db
[2026-11-30 14:02:12] ERROR query failed: {"code": "E_TIMEOUT", "retryable": true}` },
  { id: 'l04', category: LOG, status: 'VALID', want: { ok: true, items: [] },
    text: r`HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: 26

{"ok": true, "items": []}` },
  { id: 'l05', category: LOG, status: 'VALID', want: { a: 1, b: [1, 2] },
    text: r`>>> import json
>>> json.dumps({"a": 1, "b": [1, 2]})
'{"a": 1, "b": [1, 2]}'` },
  { id: 'l06', category: LOG, status: ['VALID', 'REPAIRED'], want: { retries: 3, backoff: 'exp' },
    note: 'node REPL: the JSON is inside the printed string',
    text: r`> JSON.stringify(cfg)
'{"retries":3,"backoff":"exp"}'` },
  { id: 'l07', category: LOG, status: 'VALID', want: { app: 'web', tier: 'frontend' },
    text: r`$ jq '.metadata.labels' pod.json
{
  "app": "web",
  "tier": "frontend"
}
$ ` },
  { id: 'l08', category: LOG, status: 'VALID', want: { level: 'warn', msg: 'slow query', ms: 812 },
    text: r`web-1  | {"level":"warn","msg":"slow query","ms":812}` },
  { id: 'l09', category: LOG, status: 'VALID', want: { event: 'login', user: 'kim' },
    text: r`Nov 30 14:02:11 host app[2113]: {"event": "login", "user": "kim"}` },
  { id: 'l10', category: LOG, status: 'VALID', want: { built: true, artifacts: 2 },
    text: r`[dev@build-01 ~/proj]${D} cat out/result.json
{"built": true, "artifacts": 2}` },

  // ---------------------------------------------------------------- comments in every style
  { id: 'c01', category: COMMENTS, status: 'REPAIRED', want: { id: 5, name: 'Lin' },
    text: r`${F}json
{
  // the user's id
  "id": 5, /* required */
  "name": "Lin" # display name
}
${F}` },
  { id: 'c02', category: COMMENTS, status: 'VALID', want: { mode: 'fast' },
    text: r`# generated by the assistant
# do not edit
{"mode": "fast"}` },
  { id: 'c03', category: COMMENTS, status: 'REPAIRED', want: { a: 1, b: 2 },
    text: r`{"a": 1, // see {docs} and [1]
 "b": 2}` },
  { id: 'c04', category: COMMENTS, status: 'REPAIRED', want: { a: 'x', b: [1, 2] },
    text: r`{"a": "x", /* don't "quote" me */ "b": [1, 2]}` },
  { id: 'c05', category: COMMENTS, status: 'REPAIRED', want: { url: 'http://x.com/#top', n: 1 },
    text: r`{"url": "http://x.com/#top", # anchor
 "n": 1}` },
  { id: 'c06', category: COMMENTS, status: 'VALID', want: { a: 1 },
    text: r`<!-- answer -->
{"a": 1}` },
  { id: 'c07', category: COMMENTS, status: 'VALID', want: { a: 1 },
    text: r`{"a": 1} // done` },
  { id: 'c08', category: COMMENTS, status: 'REPAIRED', want: [1, 2],
    text: r`[
  1, // one
  2, // two
  # three,
]` },
  { id: 'c09', category: COMMENTS, status: 'REPAIRED', want: { retries: 3, timeout: 30 },
    text: r`{
  /**
   * Max retries.
   */
  "retries": 3,
  // seconds
  "timeout": 30
}` },

  // ---------------------------------------------------------------- python repr
  { id: 'p01', category: PYREPR, status: 'REPAIRED', want: { a: null, b: [1, 2] },
    text: r`{'a': None, 'b': (1, 2)}` },
  { id: 'p02', category: PYREPR, status: 'REPAIRED', want: [{ id: 1, ok: true }, { id: 2, ok: false }],
    text: r`[{'id': 1, 'ok': True}, {'id': 2, 'ok': False}]` },
  { id: 'p03', category: PYREPR, status: 'REPAIRED', want: { when: 'datetime.datetime(2026, 11, 30, 9, 0)', n: 1 },
    alsoOk: [{ when: '2026-11-30T09:00:00', n: 1 }, { when: null, n: 1 }],
    text: r`{'when': datetime.datetime(2026, 11, 30, 9, 0), 'n': 1}` },
  { id: 'p04', category: PYREPR, status: 'REPAIRED', want: { name: "O'Brien", score: 0.001 },
    text: r`{'name': "O'Brien", 'score': 1e-3}` },
  { id: 'p05', category: PYREPR, status: 'REPAIRED', want: { shape: [3], dtype: 'float32' },
    text: r`{'shape': (3,), 'dtype': 'float32'}` },
  { id: 'p06', category: PYREPR, status: 'REPAIRED', want: { price: 19.99, qty: 2 },
    alsoOk: [{ price: '19.99', qty: 2 }, { price: "Decimal('19.99')", qty: 2 }],
    text: r`{'price': Decimal('19.99'), 'qty': 2}` },
  { id: 'p07', category: PYREPR, status: 'REPAIRED', want: { x: 1, y: [null, true] },
    text: r`The dict is:
{'x': 1, 'y': [None, True]}` },
  { id: 'p08', category: PYREPR, status: 'REPAIRED', want: { msg: "it's fine", path: 'C:\\temp' },
    text: r`{'msg': 'it\'s fine', 'path': 'C:\\temp'}` },
  { id: 'p09', category: PYREPR, status: 'REPAIRED', want: { scores: [0.1, 0.2], label: 'cat' },
    alsoOk: [{ scores: 'array([0.1, 0.2])', label: 'cat' }],
    text: r`{'scores': array([0.1, 0.2]), 'label': 'cat'}` },

  // ---------------------------------------------------------------- js object literal
  { id: 'j01', category: JSLIT, status: 'REPAIRED', want: { name: 'x', count: 3 },
    text: r`{ name: 'x', count: 3, }` },
  { id: 'j02', category: JSLIT, status: 'REPAIRED', want: { a: 1, c: null },
    alsoOk: [{ a: 1, b: null, c: null }],
    text: r`{a: 1, b: undefined, c: null}` },
  { id: 'j03', category: JSLIT, status: 'REPAIRED', want: { id: 1, label: 'Go' },
    alsoOk: [{ id: 1, onClick: 'function () { return 1; }', label: 'Go' }, { id: 1, onClick: null, label: 'Go' }],
    text: r`{ id: 1, onClick: function () { return 1; }, label: "Go" }` },
  { id: 'j04', category: JSLIT, status: 'REPAIRED', want: { n: 2 },
    alsoOk: [{ map: '(x) => x * 2', n: 2 }, { map: null, n: 2 }],
    text: r`{ map: (x) => x * 2, n: 2 }` },
  { id: 'j05', category: JSLIT, status: 'REPAIRED', want: { pattern: '/^[a-z]+$/i', flags: 'i' },
    alsoOk: [{ pattern: '^[a-z]+$', flags: 'i' }],
    text: r`{ pattern: /^[a-z]+$/i, flags: "i" }` },
  { id: 'j06', category: JSLIT, status: 'REPAIRED', want: { greeting: 'Hello, ${name}', n: 1 },
    text: r`{ greeting: ${B}Hello, ${D}{name}${B}, n: 1 }` },
  { id: 'j07', category: JSLIT, status: 'REPAIRED', want: { port: 3000, hosts: ['a', 'b'] },
    text: r`const config = { port: 3000, hosts: ['a', 'b'], };` },
  { id: 'j08', category: JSLIT, status: 'REPAIRED', want: { env: 'process.env.NODE_ENV', debug: false },
    alsoOk: [{ env: null, debug: false }, { debug: false }],
    text: r`module.exports = {
  env: process.env.NODE_ENV,
  debug: false
}` },
  { id: 'j09', category: JSLIT, status: 'REPAIRED', want: { a: null, b: null, c: null, d: 255 },
    alsoOk: [{ a: 'NaN', b: 'Infinity', c: '-Infinity', d: 255 }],
    text: r`{ a: NaN, b: Infinity, c: -Infinity, d: 0xff }` },
  { id: 'j10', category: JSLIT, status: 'REPAIRED', want: { created: '2026-11-30', ok: true },
    alsoOk: [{ created: 'new Date("2026-11-30")', ok: true }],
    text: r`{ created: new Date("2026-11-30"), ok: true }` },

  // ---------------------------------------------------------------- several fences, echoed schemas
  { id: 'f01', category: FENCES, status: 'VALID', want: { endpoint: '/v2/search', method: 'POST' },
    text: r`${F}json
{"endpoint": "/v2/search", "method": "POST"}
${F}
You can call it like this:
${F}bash
curl -X POST https://api.example.com/v2/search -d '{"q": "x"}'
${F}` },
  { id: 'f02', category: FENCES, status: 'VALID', want: { user: { id: 1, active: true } },
    text: r`Your input:
${F}json
{"user": {"id": "1", "active": "yes"}}
${F}
Fixed:
${F}json
{"user": {"id": 1, "active": true}}
${F}` },
  { id: 'f03', category: FENCES, status: 'VALID', want: { title: 'Dune' },
    text: r`Schema:
${F}json
{"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]}
${F}
Instance:
${F}json
{"title": "Dune"}
${F}` },
  { id: 'f04', category: FENCES, status: 'VALID', want: { n: 4 },
    text: r`Following the schema {"type": "object", "properties": {"n": {"type": "integer"}}}, the output is:
{"n": 4}` },
  { id: 'f05', category: FENCES, status: 'VALID', want: { city: 'Rome', temp: 14 },
    text: r`${F}json
{"city": "Rome", "temp": 14}
${F}

Example for a different input (Oslo):

${F}json
{"city": "Oslo", "temp": -3}
${F}` },
  { id: 'f06', category: FENCES, status: 'VALID', want: { sentiment: 'mixed', score: 0.1 },
    text: r`First attempt:
${F}json
{"sentiment": "positive", "score": 0.8}
${F}
Critique: the review complains about the battery, so "positive" overstates it.

Final:
${F}json
{"sentiment": "mixed", "score": 0.1}
${F}` },
  { id: 'f07', category: FENCES, status: 'VALID', want: { id: 1, email: 'a@b.co' },
    text: r`${F}ts
interface User { id: number; email: string }
${F}
${F}json
{"id": 1, "email": "a@b.co"}
${F}` },
  { id: 'f08', category: FENCES, status: 'REPAIRED', want: { level: 3, tags: ['x'] },
    text: r`${F}jsonc
{
  "level": 3, // 1-5
  "tags": ["x"],
}
${F}` },
  { id: 'f09', category: FENCES, status: 'VALID', want: { total: 6 },
    text: r`${F}python
data = {"total": sum([1, 2, 3])}
print(json.dumps(data))
${F}
Output:
${F}JSON
{"total": 6}
${F}` },
  { id: 'f10', category: FENCES, status: 'VALID', want: { sku: 'K-9', stock: 0 },
    text: r`The schema you gave:

{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"sku": {"type": "string"}, "stock": {"type": "integer", "minimum": 0}}, "required": ["sku", "stock"], "examples": [{"sku": "A-1", "stock": 5}]}

Here's a valid instance for the out-of-stock item:

{"sku": "K-9", "stock": 0}` },

  // ---------------------------------------------------------------- drafts, repeats, reasoning mixes
  { id: 'd01', category: DRAFTS, status: ['VALID', 'REPAIRED'], want: { capital: 'Canberra', population: 467000 },
    text: r`The user wants the capital and population. So the answer is {"capital": "Canberra", "population": 467000}. Let me double check the population... ACT is about 467k, fine.

{"capital": "Canberra", "population": 467000}` },
  { id: 'd02', category: DRAFTS, status: 'VALID', want: { title: 'Meeting', start: '2026-12-01T15:00:00Z' },
    text: r`Draft 1: {"title": "Meeting", "time": "3pm"}
Critique: time should be ISO 8601.
Draft 2: {"title": "Meeting", "time": "15:00"}
Critique: missing date.
Final:
{"title": "Meeting", "start": "2026-12-01T15:00:00Z"}` },
  { id: 'd03', category: DRAFTS, status: 'VALID', want: { x: 1, y: 2 },
    text: r`<|channel|>analysis<|message|>Need JSON {"x":1}? Actually add y.<|end|><|start|>assistant<|channel|>final<|message|>{"x": 1, "y": 2}<|return|>` },
  { id: 'd04', category: DRAFTS, status: 'VALID', want: { a: 2 },
    text: r`<Thought type="plan">draft {"a":1}</Thought>
{"a": 2}` },
  { id: 'd05', category: DRAFTS, status: 'VALID', want: { draft: false },
    text: r`I'll produce:
${F}json
{"draft": true}
${F}
hmm, the flag should be off.
</reasoning>
{"draft": false}` },
  { id: 'd06', category: DRAFTS, status: 'VALID', want: { count: 3 },
    text: r`Answer: {"count": 2}
Wait, I miscounted; there are three items.
Answer: {"count": 3}` },
  { id: 'd07', category: DRAFTS, status: 'VALID', want: { lang: 'fr' },
    text: r`<think>Simple.</think>
${F}json
{"lang": "fr"}
${F}
Note: for Canadian French use {"lang": "fr-CA"}.` },
  { id: 'd08', category: DRAFTS, status: 'VALID', want: ['red', 'green', 'blue'],
    text: r`**Analyzing the request**
The user needs a list of colors. I'll draft ["red"] then extend it.

**Final answer**
["red", "green", "blue"]` },
  { id: 'd09', category: DRAFTS, status: 'FAILED', want: null,
    note: 'cut inside the reasoning: the model never answered',
    text: r`<think>I should return {"a": 1} probably, but first check whether` },
  { id: 'd10', category: DRAFTS, status: 'VALID', want: { ok: true },
    text: r`{"ok": true}

Reasoning: I chose ok because {"ok": false} would signal a failure.` },
  { id: 'd11', category: DRAFTS, status: 'VALID', want: { result: 7 },
    text: r`<reasoning>Start from {"tmp": 0}, add 3 and 4.</reasoning>
<answer>
{"result": 7}
</answer>` },
  { id: 'd12', category: DRAFTS, status: 'VALID', want: { note: 'ends with </think> tag', a: 2 },
    text: r`Plan: {"a": 1}. No wait, a must be 2.
</think>
{"note": "ends with </think> tag", "a": 2}` },
  { id: 'd13', category: DRAFTS, status: ['VALID', 'REPAIRED'], want: { sum: 15 },
    text: r`Let me verify: {"sum": 15} ✓ since 1+2+3+4+5 = 15.

Final answer: {"sum": 15}` },
  { id: 'd14', category: DRAFTS, status: 'VALID', want: { step: 'done', files: 2 },
    text: r`<THINKING>
Options:
1. {"step": "partial"}
2. {"step": "done", "files": 2}
Option 2 is right.
</THINKING>

{"step": "done", "files": 2}` },

  // ---------------------------------------------------------------- truncation inside tokens
  { id: 't01', category: CUT, status: 'TRUNCATED', want: { msg: 'line one\nline two' },
    text: '{"msg": "line one\\nline two\\' },
  { id: 't02', category: CUT, status: 'TRUNCATED', want: { sym: '' },
    text: r`{"sym": "\u00e` },
  { id: 't03', category: CUT, status: 'TRUNCATED', want: { e: 'hi ' },
    text: r`{"e": "hi \ud83d` },
  { id: 't04', category: CUT, status: 'TRUNCATED', want: { e: 'ok ' },
    note: 'a raw emoji cut between its two UTF-16 halves',
    text: '{"e": "ok \uD83D' },
  { id: 't05', category: CUT, status: 'TRUNCATED', want: { price: 12 },
    text: r`{"price": 12.` },
  { id: 't06', category: CUT, status: 'TRUNCATED', want: [1.5],
    text: r`[1.5e` },
  { id: 't07', category: CUT, status: 'TRUNCATED', want: { done: false }, alsoOk: [{}],
    text: r`{"done": fals` },
  { id: 't08', category: CUT, status: 'TRUNCATED', want: [1, null], alsoOk: [[1]],
    text: r`[1, nu` },
  { id: 't09', category: CUT, status: 'TRUNCATED', want: { a: 1 },
    text: r`{"a": 1, "bet` },
  { id: 't10', category: CUT, status: 'TRUNCATED', want: { user: { id: 3 } }, alsoOk: [{ user: { id: 3, name: null } }],
    text: r`{"user": {"id": 3, "name":` },
  { id: 't11', category: CUT, status: 'TRUNCATED', want: { items: [1, 2, 3] },
    text: r`Here:
${F}json
{"items": [1, 2, 3` },
  { id: 't12', category: CUT, status: 'TRUNCATED', want: {}, alsoOk: [{ delta: 0 }],
    text: r`{"delta": -` },

  // ---------------------------------------------------------------- bom, zero-width, crlf, tabs, long lines
  { id: 'b01', category: BYTES, status: ['VALID', 'REPAIRED'], want: { a: 1 },
    text: `${BOM}{"a": 1}` },
  { id: 'b02', category: BYTES, status: 'REPAIRED', want: { a: 1, b: 2 },
    text: `{"a":${ZWSP} 1,${ZWSP}"b": 2}` },
  { id: 'b03', category: BYTES, status: 'VALID', want: { emoji: `👩${ZWJ}💻` },
    text: `{"emoji": "👩${ZWJ}💻"}` },
  { id: 'b04', category: BYTES, status: 'VALID', want: { a: 1 },
    text: `Here you go:${CR}\n${F}json${CR}\n{${CR}\n  "a": 1${CR}\n}${CR}\n${F}${CR}\n` },
  { id: 'b05', category: BYTES, status: 'REPAIRED', want: { a: 'x\ty' },
    text: '{\n\t"a":\t"x\ty"\n}' },
  { id: 'b06', category: BYTES, status: 'REPAIRED', want: { a: 1 },
    text: `{"a":${NBSP}1}` },
  { id: 'b07', category: BYTES, status: 'VALID', want: longRecords,
    text: `Here are all ${longRecords.length} records on one line: ${longLine}` },
  { id: 'b08', category: BYTES, status: 'REPAIRED', want: longRecords,
    text: longLineWithComma },
  { id: 'b09', category: BYTES, status: 'REPAIRED', want: { name: 'Ada' },
    text: '{“name”: “Ada”}' },
  { id: 'b10', category: BYTES, status: 'VALID', want: { a: 1, b: 2 },
    text: `{${CR}"a": 1,${CR}"b": 2${CR}}` },
  { id: 'b11', category: BYTES, status: ['VALID', 'REPAIRED'], want: { a: 1 },
    text: `{"a": 1}${BOM}` },

  // ---------------------------------------------------------------- empty answers
  { id: 'e01', category: EMPTY, status: 'VALID', want: {},
    text: r`No fields need updating.

{}` },
  { id: 'e02', category: EMPTY, status: 'VALID', want: [],
    text: r`No results matched your filters.
${F}json
[]
${F}` },
  { id: 'e03', category: EMPTY, status: 'VALID', want: { id: 9 },
    text: r`Return ${B}{}${B} if nothing is found. I found one:
{"id": 9}` },
  { id: 'e04', category: EMPTY, status: 'VALID', want: { status: 'open' },
    text: r`An empty object {} means no filter. Your filter:
{"status": "open"}` },
  { id: 'e05', category: EMPTY, status: 'VALID', want: [],
    text: r`<think>The search returned nothing, so an empty list.</think>
[]` },
  { id: 'e06', category: EMPTY, status: 'VALID', want: {},
    text: r`${F}json
{ }
${F}` },
  { id: 'e07', category: EMPTY, status: 'VALID', want: { results: [], next: null },
    text: r`Nothing found:
{"results": [], "next": null}` },
  { id: 'e08', category: EMPTY, status: 'VALID', want: [],
    text: r`Usage: fetch <id> [--all]
Result:
[]` },
  { id: 'e09', category: EMPTY, status: 'VALID', want: {},
    text: r`{}

The object is empty because none of your settings differ from defaults like {"theme": "light"}.` },
  { id: 'e10', category: EMPTY, status: 'VALID', want: [],
    text: r`Draft: {"items": [1]}
Actually nothing qualifies.
Final: []` },
];
