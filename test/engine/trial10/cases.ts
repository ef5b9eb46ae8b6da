// New-user trial 10: LLM-like texts written by hand (trial10, 2026-12-02) BEFORE reading the engine's
// selection code, the corpus or trials 1-9 (only the README's promises and trial 9's exported types), aimed at
// families the earlier trials were likely thin on: agent-framework transcripts (ReAct / LangChain / CrewAI /
// AutoGen / smolagents, Hermes tool calls then an answer), the answer inside other containers (XML-ish tags
// with a draft tag beside them, HTML, YAML front matter, markdown tables, blockquotes, numbered lists), JSON
// built in code (json.dumps, JSON.stringify, `as const`, a function's return, Python dicts, JS objects with
// functions), pasted transport and tooling noise (SSE, log prefixes, editor line numbers, diffs, shell
// prompts, REPLs, ANSI colours), encoded answers (a JSON string of JSON, escaped copies, base64 / URL
// blobs next to the JSON), edge literals and numbers as models write them, thinking interleaved between
// several answers (tags, UI renderings, Ollama's "Thinking..." and Open WebUI's <details>), and other things
// users pipe (CRLF, fence attributes, markdown escapes, comma-separated records).
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written once, committed before the first run; never edited to match the engine.

import type { TrialCase } from '../trialRun';

const r = String.raw;
const F = '```';

const AGENT = 'agent-framework transcripts';
const BOX = 'answer in other containers';
const CODE = 'JSON built in code';
const NOISE = 'transport and tooling noise';
const ENC = 'encoded and nested answers';
const LIT = 'edge literals and numbers';
const INTER = 'thinking interleaved with answers';
const MISC = 'other things users pipe';

export const TRIAL10_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- agent-framework transcripts
  {
    id: 't10-agent-01', category: AGENT, status: ['VALID', 'REPAIRED'],
    note: 'LangChain ReAct trace piped whole: the Final Answer, not the Action Input or the Observation',
    text: r`Thought: I need to look up the weather in Oslo first.
Action: get_weather
Action Input: {"city": "Oslo", "unit": "celsius"}
Observation: {"temp": -3, "conditions": "snow"}
Thought: I now know the final answer.
Final Answer: {"city": "Oslo", "temp_c": -3, "summary": "Snowing, -3°C"}`,
    want: { city: 'Oslo', temp_c: -3, summary: 'Snowing, -3°C' },
  },
  {
    id: 't10-agent-02', category: AGENT, status: 'VALID',
    note: 'ReAct step stopped at the "Observation:" stop sequence: the action input is the only value',
    text: r`Thought: The user wants the order status; I should call the orders tool.
Action: lookup_order
Action Input: {"order_id": "A-10293"}
`,
    want: { order_id: 'A-10293' },
  },
  {
    id: 't10-agent-03', category: AGENT, status: ['VALID', 'REPAIRED'],
    note: 'smolagents CodeAgent step: the dict passed to final_answer',
    text: r`Thought: I have both numbers, I will return them as the final answer.
Code:
${F}py
result = {"total": 42, "items": 3}
final_answer(result)
${F}<end_code>`,
    want: { total: 42, items: 3 },
  },
  {
    id: 't10-agent-04', category: AGENT, status: 'VALID',
    note: 'smolagents ToolCallingAgent JSON action: the whole action blob is what the framework parses',
    text: r`Action:
{
  "name": "final_answer",
  "arguments": {"answer": "Paris"}
}`,
    want: { name: 'final_answer', arguments: { answer: 'Paris' } },
  },
  {
    id: 't10-agent-05', category: AGENT, status: 'VALID',
    note: 'Qwen3 / Hermes: think block then a tool call in tags',
    text: r`<think>
The user asks for the weather in Berlin, so I call the tool.
</think>

<tool_call>
{"name": "get_weather", "arguments": {"location": "Berlin"}}
</tool_call>`,
    want: { name: 'get_weather', arguments: { location: 'Berlin' } },
  },
  {
    id: 't10-agent-06', category: AGENT, status: ['VALID', 'REPAIRED'],
    note: 'Hermes transcript: tool call, tool response, then the answer the user asked for in a json fence',
    text: r`<tool_call>
{"name": "calc", "arguments": {"expr": "17*23"}}
</tool_call>
<tool_response>
{"result": 391}
</tool_response>
The product is 391. Here is the JSON you asked for:
${F}json
{"expression": "17*23", "value": 391}
${F}`,
    want: { expression: '17*23', value: 391 },
  },
  {
    id: 't10-agent-07', category: AGENT, status: 'VALID',
    note: 'CrewAI agent final output with the fence right after "Final Answer:"',
    text: r`Thought: I now can give a great answer
Final Answer: ${F}json
{
  "title": "Q3 report",
  "bullets": ["Revenue up 12%", "Churn down 2 pts"]
}
${F}`,
    want: { title: 'Q3 report', bullets: ['Revenue up 12%', 'Churn down 2 pts'] },
  },
  {
    id: 't10-agent-08', category: AGENT, status: 'VALID',
    note: 'AutoGen assistant reply ending with TERMINATE',
    text: r`Here is the extracted data:
{"name": "Acme GmbH", "vat": "DE123456789", "country": "DE"}

TERMINATE`,
    want: { name: 'Acme GmbH', vat: 'DE123456789', country: 'DE' },
  },
  {
    id: 't10-agent-09', category: AGENT, status: 'REPAIRED',
    note: 'LangChain Python agent writing a Python dict as the action input, stopped at Observation',
    text: r`Thought: I should search for this.
Action: web_search
Action Input: {'query': 'population of Lagos 2026', 'top_k': 3}
Observation:`,
    want: { query: 'population of Lagos 2026', top_k: 3 },
  },
  {
    id: 't10-agent-10', category: AGENT, status: 'VALID',
    note: 'LangChain structured-chat agent: the action blob in a bare fence is the output',
    text: r`Thought: I know what to respond
Action:
${F}
{
  "action": "Final Answer",
  "action_input": {"sentiment": "negative", "score": 0.91}
}
${F}`,
    want: { action: 'Final Answer', action_input: { sentiment: 'negative', score: 0.91 } },
  },
  {
    id: 't10-agent-11', category: AGENT, status: ['VALID', 'REPAIRED'],
    note: 'two tool round trips then the final answer',
    text: r`Thought: I need both the user and their orders.
Action: get_user
Action Input: {"id": 7}
Observation: {"id": 7, "name": "Mia"}
Thought: Now the orders.
Action: get_orders
Action Input: {"user_id": 7}
Observation: [{"sku": "X1", "qty": 2}]
Thought: I now know the final answer
Final Answer: {"user": "Mia", "orders": [{"sku": "X1", "qty": 2}]}`,
    want: { user: 'Mia', orders: [{ sku: 'X1', qty: 2 }] },
  },
  {
    id: 't10-agent-12', category: AGENT, status: ['VALID', 'REPAIRED'],
    note: 'observation in a json fence, final answer in a later json fence',
    text: r`Observation: ${F}json
{"rows": 3, "table": "orders"}
${F}
Thought: I can answer now.
Final Answer:
${F}json
{"row_count": 3}
${F}`,
    want: { row_count: 3 },
  },
  {
    id: 't10-agent-13', category: AGENT, status: 'VALID',
    note: 'LangChain conversational agent: "AI:" prefix after the tool decision',
    text: r`Thought: Do I need to use a tool? No
AI: {"reply": "Your ticket is #4411", "ticket": 4411}`,
    want: { reply: 'Your ticket is #4411', ticket: 4411 },
  },

  // ---------------------------------------------------------------- answer in other containers
  {
    id: 't10-box-01', category: BOX, status: ['VALID', 'REPAIRED'],
    note: 'scratchpad tag with a draft, then <answer>',
    text: r`<scratchpad>Maybe {"n": 2}? No, the list has three entries.</scratchpad>
<answer>{"n": 3}</answer>`,
    want: { n: 3 },
  },
  {
    id: 't10-box-02', category: BOX, status: ['VALID', 'REPAIRED'],
    note: 'a <draft> tag then a <final> tag: the final one',
    text: r`<draft>
{"title": "Hello"}
</draft>
<final>
{"title": "Hello, world", "lang": "en"}
</final>`,
    want: { title: 'Hello, world', lang: 'en' },
  },
  {
    id: 't10-box-03', category: BOX, status: 'VALID',
    text: r`<json>
{"a": 1, "b": [true, null]}
</json>`,
    want: { a: 1, b: [true, null] },
  },
  {
    id: 't10-box-04', category: BOX, status: 'VALID',
    text: r`Sure — the result is below.
<output>
{"ok": true, "count": 2}
</output>`,
    want: { ok: true, count: 2 },
  },
  {
    id: 't10-box-05', category: BOX, status: 'REPAIRED',
    note: 'HTML-escaped JSON inside <pre><code>, copied from a rendered page',
    text: r`<pre><code class="language-json">{
  &quot;id&quot;: 12,
  &quot;name&quot;: &quot;Tom &amp; Jerry&quot;
}</code></pre>`,
    want: { id: 12, name: 'Tom & Jerry' },
  },
  {
    id: 't10-box-06', category: BOX, status: 'VALID',
    text: r`<p>Result:</p>
<pre><code>{"id": 5, "tags": ["x", "y"]}</code></pre>`,
    want: { id: 5, tags: ['x', 'y'] },
  },
  {
    id: 't10-box-07', category: BOX, status: 'VALID',
    note: 'YAML front matter before the JSON body',
    text: r`---
title: Export
format: json
---
{"items": [1, 2, 3]}`,
    want: { items: [1, 2, 3] },
  },
  {
    id: 't10-box-08', category: BOX, status: 'VALID',
    note: 'the only value sits in a markdown table cell, in inline code',
    text: r`| field | value |
|---|---|
| payload | ` + '`{"id": 9, "ok": true}`' + r` |`,
    want: { id: 9, ok: true },
  },
  {
    id: 't10-box-09', category: BOX, status: 'VALID',
    text: r`| metric | result |
| --- | --- |
| accuracy | {"score": 0.82, "n": 500} |`,
    want: { score: 0.82, n: 500 },
  },
  {
    id: 't10-box-10', category: BOX, status: 'REPAIRED',
    text: r`The API answered:

> {"status": "queued",
>  "job": "j-77"}`,
    want: { status: 'queued', job: 'j-77' },
  },
  {
    id: 't10-box-11', category: BOX, status: 'VALID',
    note: 'numbered list, item 3 holds the JSON',
    text: r`1. Parse the input.
2. Normalize the dates to ISO 8601.
3. Output:
   {"start": "2026-01-05", "end": "2026-01-09"}`,
    want: { start: '2026-01-05', end: '2026-01-09' },
  },
  {
    id: 't10-box-12', category: BOX, status: 'VALID',
    note: 'list whose first item names an empty object in inline code, then the fenced result',
    text: r`Steps:
1. Start from an empty object ` + '`{}`' + r`.
2. Add the keys from the form.
3. Final result:

${F}json
{"k": "v", "n": 2}
${F}`,
    want: { k: 'v', n: 2 },
  },
  {
    id: 't10-box-13', category: BOX, status: ['VALID', 'REPAIRED'],
    text: r`<reasoning>First try {"x": 1} — too small for the range.</reasoning><result>{"x": 10}</result>`,
    want: { x: 10 },
  },
  {
    id: 't10-box-14', category: BOX, status: 'VALID',
    note: 'a tag with attributes around the answer',
    text: r`<output format="json" version="2">{"a": 1}</output>`,
    want: { a: 1 },
  },

  // ---------------------------------------------------------------- JSON built in code
  {
    id: 't10-code-01', category: CODE, status: 'REPAIRED',
    text: r`${F}python
import json
payload = {"name": "Ada", "admin": True, "manager": None}
print(json.dumps(payload))
${F}`,
    want: { name: 'Ada', admin: true, manager: null },
  },
  {
    id: 't10-code-02', category: CODE, status: 'REPAIRED',
    text: r`const body = JSON.stringify({ id: 1, tags: ["a", "b"] }, null, 2);`,
    want: { id: 1, tags: ['a', 'b'] },
  },
  {
    id: 't10-code-03', category: CODE, status: 'REPAIRED',
    text: r`export const result = { status: "ok", retries: 0 } as const;`,
    want: { status: 'ok', retries: 0 },
  },
  {
    id: 't10-code-04', category: CODE, status: 'REPAIRED',
    note: 'the returned object, not the function body',
    text: r`${F}ts
function build() {
  return {
    user: "ada",
    roles: ["admin"],
  };
}
${F}`,
    want: { user: 'ada', roles: ['admin'] },
  },
  {
    id: 't10-code-05', category: CODE, status: 'REPAIRED',
    text: r`config = {
    'debug': False,
    'retries': 3,  # max attempts
    'proxy': None,
}`,
    want: { debug: false, retries: 3, proxy: null },
  },
  {
    id: 't10-code-06', category: CODE, status: 'REPAIRED',
    note: 'JS object whose last member is an arrow function: kept as its text, or dropped',
    text: r`module.exports = {
  name: "svc",
  port: 8080,
  onReady: () => { console.log("up"); },
};`,
    want: { name: 'svc', port: 8080, onReady: '() => { console.log("up"); }' },
    alsoOk: [{ name: 'svc', port: 8080 }],
  },
  {
    id: 't10-code-07', category: CODE, status: ['VALID', 'REPAIRED'],
    note: 'the code that builds it, then its output in a json fence: the output',
    text: r`You can produce it with:
${F}python
data = {"city": "Lima", "pop": 10_000_000}
print(json.dumps(data))
${F}
Output:
${F}json
{"city": "Lima", "pop": 10000000}
${F}`,
    want: { city: 'Lima', pop: 10000000 },
  },
  {
    id: 't10-code-08', category: CODE, status: 'REPAIRED',
    text: r`Return it from the handler like this: res.status(200).json({ ok: true, user: { id: 42 } });`,
    want: { ok: true, user: { id: 42 } },
  },
  {
    id: 't10-code-09', category: CODE, status: 'VALID',
    note: 'Go: the empty interface{} braces are not the value',
    text: r`m := map[string]interface{}{"a": 1, "b": "two"}`,
    want: { a: 1, b: 'two' },
  },
  {
    id: 't10-code-10', category: CODE, status: 'VALID',
    text: r`${F}rust
let body = json!({
    "model": "gpt-5",
    "stream": true
});
${F}`,
    want: { model: 'gpt-5', stream: true },
  },
  {
    id: 't10-code-11', category: CODE, status: 'REPAIRED',
    text: r`export default {
  port: 3000,
  host: "0.0.0.0",
} satisfies Config;`,
    want: { port: 3000, host: '0.0.0.0' },
  },
  {
    id: 't10-code-12', category: CODE, status: 'VALID',
    note: 'JSON inside a Python string literal',
    text: r`payload = json.loads('{"a": 1, "b": [true, false]}')`,
    want: { a: 1, b: [true, false] },
  },
  {
    id: 't10-code-13', category: CODE, status: 'REPAIRED',
    text: r`${F}js
const opts = {
  // retry policy
  retries: 3,
  backoff: 'exponential',
};
${F}`,
    want: { retries: 3, backoff: 'exponential' },
  },

  // ---------------------------------------------------------------- transport and tooling noise
  {
    id: 't10-noise-01', category: NOISE, status: 'VALID',
    text: r`event: message
data: {"type": "result", "value": 42}

`,
    want: { type: 'result', value: 42 },
  },
  {
    id: 't10-noise-02', category: NOISE, status: ['VALID', 'REPAIRED'],
    note: 'several SSE events: one of the events, never ["DONE"]',
    text: r`data: {"id":"c1","choices":[{"delta":{"content":"Hel"}}]}

data: {"id":"c1","choices":[{"delta":{"content":"lo"}}]}

data: [DONE]
`,
    want: { id: 'c1', choices: [{ delta: { content: 'Hel' } }] },
    alsoOk: [{ id: 'c1', choices: [{ delta: { content: 'lo' } }] }],
  },
  {
    id: 't10-noise-03', category: NOISE, status: 'VALID',
    text: r`2026-12-01 10:15:04,870 ERROR [worker-3] payload={"job": 81, "err": "timeout"}`,
    want: { job: 81, err: 'timeout' },
  },
  {
    id: 't10-noise-04', category: NOISE, status: ['VALID', 'REPAIRED'],
    note: 'two log lines each with a JSON record: either record',
    text: r`2026-12-01T10:15:02.113Z INFO  worker-3 {"event":"start","job":81}
2026-12-01T10:15:04.870Z ERROR worker-3 {"event":"fail","job":81,"err":"timeout"}`,
    want: { event: 'start', job: 81 },
    alsoOk: [{ event: 'fail', job: 81, err: 'timeout' }],
  },
  {
    id: 't10-noise-05', category: NOISE, status: 'REPAIRED',
    note: 'editor line numbers in the gutter',
    text: r` 1 | {
 2 |   "name": "api",
 3 |   "port": 8080
 4 | }`,
    want: { name: 'api', port: 8080 },
  },
  {
    id: 't10-noise-06', category: NOISE, status: 'REPAIRED',
    note: 'a unified diff of a JSON file: the new version',
    text: r`${F}diff
 {
   "name": "api",
-  "port": 8080
+  "port": 9090
 }
${F}`,
    want: { name: 'api', port: 9090 },
  },
  {
    id: 't10-noise-07', category: NOISE, status: 'VALID',
    text: r`$ curl -s https://api.example.com/v1/status
{"status":"ok","uptime":12345}
$ `,
    want: { status: 'ok', uptime: 12345 },
  },
  {
    id: 't10-noise-08', category: NOISE, status: ['VALID', 'REPAIRED'],
    note: 'the command sends a payload; the output is the response',
    text: r`$ curl -X POST https://api.example.com/items -H 'Content-Type: application/json' -d '{"name": "pen"}'
{"id": 17, "name": "pen", "created": true}`,
    want: { id: 17, name: 'pen', created: true },
  },
  {
    id: 't10-noise-09', category: NOISE, status: 'VALID',
    text: r`HTTP/1.1 200 OK
Content-Type: application/json
Content-Length: 27

{"ok": true, "items": []}`,
    want: { ok: true, items: [] },
  },
  {
    id: 't10-noise-10', category: NOISE, status: 'REPAIRED',
    note: 'Python REPL: the printed dict',
    text: r`>>> import json
>>> json.loads(s)
{'a': 1, 'b': None}
>>> `,
    want: { a: 1, b: null },
  },
  {
    id: 't10-noise-11', category: NOISE, status: 'REPAIRED',
    note: 'Node REPL: the inspected object',
    text: r`> JSON.parse(s)
{ a: 1, b: [ 1, 2 ] }
> `,
    want: { a: 1, b: [1, 2] },
  },
  {
    id: 't10-noise-12', category: NOISE, status: 'VALID',
    note: 'docker compose log prefix',
    text: r`api-1  | {"level":"info","msg":"ready","port":8080}`,
    want: { level: 'info', msg: 'ready', port: 8080 },
  },
  {
    id: 't10-noise-13', category: NOISE, status: ['VALID', 'REPAIRED'],
    note: 'ANSI colour codes around the JSON (jq -C piped)',
    text: '\u001b[1;39m{"ok": true}\u001b[0m\n',
    want: { ok: true },
  },

  // ---------------------------------------------------------------- encoded and nested answers
  {
    id: 't10-enc-01', category: ENC, status: ['VALID', 'REPAIRED'],
    note: 'the whole object as a JSON string: the object, or the string (it is valid JSON)',
    text: r`"{\"a\": 1, \"b\": [1, 2]}"`,
    want: { a: 1, b: [1, 2] },
    alsoOk: ['{"a": 1, "b": [1, 2]}'],
  },
  {
    id: 't10-enc-02', category: ENC, status: ['VALID', 'REPAIRED'],
    text: r`response body: "{\"id\":7,\"ok\":true}"`,
    want: { id: 7, ok: true },
    alsoOk: ['{"id":7,"ok":true}'],
  },
  {
    id: 't10-enc-03', category: ENC, status: 'VALID',
    note: 'JSON in a string field is the field\'s text: the outer object as it is',
    text: r`{"tool": "save_file", "arguments": "{\"path\": \"a.txt\", \"mode\": \"w\"}"}`,
    want: { tool: 'save_file', arguments: '{"path": "a.txt", "mode": "w"}' },
  },
  {
    id: 't10-enc-04', category: ENC, status: 'VALID',
    text: r`Encoded: eyJhIjogMX0=
Decoded:
{"a": 1}`,
    want: { a: 1 },
  },
  {
    id: 't10-enc-05', category: ENC, status: 'VALID',
    text: r`The query string was ?filter=%7B%22status%22%3A%22open%22%7D, which decodes to:
{"status": "open"}`,
    want: { status: 'open' },
  },
  {
    id: 't10-enc-06', category: ENC, status: ['VALID', 'REPAIRED'],
    text: r`${F}json
"{\n  \"name\": \"Ada\"\n}"
${F}`,
    want: { name: 'Ada' },
    alsoOk: ['{\n  "name": "Ada"\n}'],
  },
  {
    id: 't10-enc-07', category: ENC, status: 'VALID',
    note: 'a broken JSON text inside a string field is text: nothing to repair',
    text: r`{"args": "{\"x\": 1,}"}`,
    want: { args: '{"x": 1,}' },
  },
  {
    id: 't10-enc-08', category: ENC, status: 'FAILED',
    note: 'a base64 data URL alone holds no JSON text',
    text: r`data:application/json;base64,eyJhIjoxfQ==`,
    want: null,
  },
  {
    id: 't10-enc-09', category: ENC, status: 'REPAIRED',
    note: 'escaped copy from a log, line breaks written as \\n: the object',
    text: r`{\n  \"name\": \"Ada\",\n  \"age\": 36\n}`,
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't10-enc-10', category: ENC, status: 'VALID',
    text: r`print('{"a": 1}')`,
    want: { a: 1 },
  },
  {
    id: 't10-enc-11', category: ENC, status: ['VALID', 'REPAIRED'],
    text: r`const v = JSON.parse("{\"a\":1,\"b\":\"x\"}");`,
    want: { a: 1, b: 'x' },
  },

  // ---------------------------------------------------------------- edge literals and numbers
  {
    id: 't10-lit-01', category: LIT, status: 'REPAIRED',
    text: r`{"ratio": NaN, "max": Infinity, "min": -Infinity}`,
    want: { ratio: null, max: null, min: null },
    alsoOk: [{ ratio: 'NaN', max: 'Infinity', min: '-Infinity' }],
  },
  {
    id: 't10-lit-02', category: LIT, status: 'REPAIRED',
    text: r`{"mask": 0x1F, "mode": 0o755, "flags": 0b1010}`,
    want: { mask: 31, mode: 493, flags: 10 },
  },
  {
    id: 't10-lit-03', category: LIT, status: 'REPAIRED',
    text: r`{"n": 1_000_000, "delta": +5, "p": .5, "q": 5.}`,
    want: { n: 1000000, delta: 5, p: 0.5, q: 5 },
  },
  {
    id: 't10-lit-04', category: LIT, status: 'VALID',
    note: '1e400 is valid JSON syntax (it parses to Infinity)',
    text: r`{"big": 1e400, "small": 1e-400}`,
    want: { big: Infinity, small: 0 },
  },
  {
    id: 't10-lit-05', category: LIT, status: 'REPAIRED',
    text: r`{"id": 9007199254740993n, "n": 123n}`,
    want: { id: 9007199254740993, n: 123 },
    alsoOk: [{ id: '9007199254740993n', n: '123n' }],
  },
  {
    id: 't10-lit-06', category: LIT, status: 'REPAIRED',
    text: r`{"date": 2026-12-02, "at": 14:30:00, "id": 3f2b6c1e-8d2a-4c55-9a1e-0b7f6c2d9e11, "url": https://example.com/a?b=1}`,
    want: { date: '2026-12-02', at: '14:30:00', id: '3f2b6c1e-8d2a-4c55-9a1e-0b7f6c2d9e11', url: 'https://example.com/a?b=1' },
  },
  {
    id: 't10-lit-07', category: LIT, status: 'REPAIRED',
    text: r`{"x": undefined, "y": null}`,
    want: { x: null, y: null },
    alsoOk: [{ y: null }],
  },
  {
    id: 't10-lit-08', category: LIT, status: 'REPAIRED',
    text: r`{'ok': True, 'err': None, 'flags': (False, True)}`,
    want: { ok: true, err: null, flags: [false, true] },
  },
  {
    id: 't10-lit-09', category: LIT, status: 'REPAIRED',
    note: 'an empty value',
    text: r`{"a": , "b": 2}`,
    want: { a: null, b: 2 },
    alsoOk: [{ b: 2 }],
  },
  {
    id: 't10-lit-10', category: LIT, status: 'REPAIRED',
    text: r`{"a": 1,, "b": 2}`,
    want: { a: 1, b: 2 },
  },
  {
    id: 't10-lit-11', category: LIT, status: 'REPAIRED',
    note: 'a hole in an array',
    text: r`[1, 2, , 4]`,
    want: [1, 2, null, 4],
    alsoOk: [[1, 2, 4]],
  },
  {
    id: 't10-lit-12', category: LIT, status: 'VALID',
    text: r`{"t": 1.0e-3, "u": -0, "v": 1E+2, "w": 0.0}`,
    want: { t: 0.001, u: -0, v: 100, w: 0 },
  },
  {
    id: 't10-lit-13', category: LIT, status: 'REPAIRED',
    text: r`{"price": $19.99, "qty": 2}`,
    want: { price: '$19.99', qty: 2 },
    alsoOk: [{ price: 19.99, qty: 2 }],
  },
  {
    id: 't10-lit-14', category: LIT, status: 'REPAIRED',
    text: r`{"pct": 45%, "temp": -3°C, "ok": true}`,
    want: { pct: '45%', temp: '-3°C', ok: true },
  },
  {
    id: 't10-lit-15', category: LIT, status: 'REPAIRED',
    text: r`{"a": TRUE, "b": FALSE, "c": NULL}`,
    want: { a: true, b: false, c: null },
  },
  {
    id: 't10-lit-16', category: LIT, status: 'REPAIRED',
    text: r`{"when": new Date("2026-12-02T10:00:00Z"), "n": 1}`,
    want: { when: 'new Date("2026-12-02T10:00:00Z")', n: 1 },
    alsoOk: [{ when: '2026-12-02T10:00:00Z', n: 1 }],
  },

  // ---------------------------------------------------------------- thinking interleaved with answers
  {
    id: 't10-inter-01', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'Claude-style interleaved thinking: answer, more thinking that fixes it, corrected answer',
    text: r`<think>The user needs fields a and b.</think>{"a": 1}<think>Wait, b is missing; fix it.</think>{"a": 1, "b": 2}`,
    want: { a: 1, b: 2 },
  },
  {
    id: 't10-inter-02', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'JSON-started, then a retraction and the fix, no tags',
    text: r`{"a": 1}

Wait, b is missing. Fixed:
{"a": 1, "b": 2}`,
    want: { a: 1, b: 2 },
  },
  {
    id: 't10-inter-03', category: INTER, status: ['VALID', 'REPAIRED'],
    text: r`Draft:
{"a": 1}
Hmm, wait — I forgot b.
Final:
{"a": 1, "b": 2}`,
    want: { a: 1, b: 2 },
  },
  {
    id: 't10-inter-04', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'thought summaries rendered as bold headings (Gemini-style)',
    text: r`**Analyzing the request**

I'm drafting {"x": 1} as a first pass, but the range says it must be at least 5.

**Refining the value**

I've settled on the final object.

{"x": 5}`,
    want: { x: 5 },
  },
  {
    id: 't10-inter-05', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'answer, then a check that confirms it, then the same answer again',
    text: r`<think>Compute the sum: 2+3.</think>
{"sum": 5}
<think>Double-check: 2+3 is 5. Correct.</think>
{"sum": 5}`,
    want: { sum: 5 },
  },
  {
    id: 't10-inter-06', category: INTER, status: ['VALID', 'REPAIRED'],
    text: r`Plan: count the items. Maybe {"n": 1}? No, there are two.
</think>
{"n": 2}
<think>Checked again, two is right.</think>`,
    want: { n: 2 },
  },
  {
    id: 't10-inter-07', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'cut at max_tokens inside a second think block after the answer',
    text: r`<think>Need one key.</think>{"a": 1}<think>Hmm, should it be 2? Let me`,
    want: { a: 1 },
  },
  {
    id: 't10-inter-08', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'a corrected answer after a second thinking block',
    text: r`<thinking>
First pass: {"total": 10}
</thinking>

{"total": 12}

<thinking>
Recount: I missed one line item. The total is 13.
</thinking>

{"total": 13}`,
    want: { total: 13 },
  },
  {
    id: 't10-inter-09', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'ollama run of a thinking model: "Thinking..." / "...done thinking."',
    text: r`Thinking...
The user wants a JSON with name and age. Something like {"name": "x"}? It needs the age too.
...done thinking.

{"name": "Ada", "age": 36}`,
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't10-inter-10', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'DeepSeek web UI copy: reasoning as a blockquote, then the answer',
    text: r`> Okay, the user wants the list. Maybe {"a": 1}? No, they need a list.
>
> So [{"a": 1}].

[{"a": 1}]`,
    want: [{ a: 1 }],
  },
  {
    id: 't10-inter-11', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'Open WebUI export: reasoning in <details type="reasoning">',
    text: r`<details type="reasoning" done="true" duration="3">
<summary>Thought for 3 seconds</summary>
> Drafting {"k": 0} first; the user said k starts at 1.
</details>
{"k": 1}`,
    want: { k: 1 },
  },
  {
    id: 't10-inter-12', category: INTER, status: ['VALID', 'REPAIRED'],
    note: 'streamed answer, then "wait" in a new think block, the corrected answer cut by max_tokens',
    text: r`<think>ok</think>{"items": ["a"]}<think>wait, the user listed two items</think>{"items": ["a", "b"`,
    want: { items: ['a', 'b'] },
    alsoOk: [{ items: ['a'] }],
  },

  // ---------------------------------------------------------------- other things users pipe
  {
    id: 't10-misc-01', category: MISC, status: 'VALID',
    note: 'CRLF line endings',
    text: 'Here you go:\r\n```json\r\n{\r\n  "a": 1,\r\n  "b": "x"\r\n}\r\n```\r\n',
    want: { a: 1, b: 'x' },
  },
  {
    id: 't10-misc-02', category: MISC, status: 'VALID',
    note: 'a fence with an attribute after the language (MDX style)',
    text: r`${F}json title="out.json"
{"ok": true}
${F}`,
    want: { ok: true },
  },
  {
    id: 't10-misc-03', category: MISC, status: 'VALID',
    text: r`${F}JSON
{"upper": "case fence"}
${F}`,
    want: { upper: 'case fence' },
  },
  {
    id: 't10-misc-04', category: MISC, status: 'REPAIRED',
    note: 'markdown escapes of underscores in keys (model wrote JSON outside a fence)',
    text: r`{"user\_id": 5, "first\_name": "Ada"}`,
    want: { user_id: 5, first_name: 'Ada' },
  },
  {
    id: 't10-misc-05', category: MISC, status: 'REPAIRED',
    text: r`${F}jsonc
{
  // the user's id
  "id": 5,
  "tags": ["a", "b"], // two tags
}
${F}`,
    want: { id: 5, tags: ['a', 'b'] },
  },
  {
    id: 't10-misc-06', category: MISC, status: 'REPAIRED',
    text: r`${F}json5
{
  name: 'Ada',
  hex: 0xFF,
  ratio: .25,
  list: [1, 2,],
}
${F}`,
    want: { name: 'Ada', hex: 255, ratio: 0.25, list: [1, 2] },
  },
  {
    id: 't10-misc-07', category: MISC, status: 'VALID',
    text: r`I can't include the SSN, but here is the rest:
{"name": "Bo", "ssn": null}`,
    want: { name: 'Bo', ssn: null },
  },
  {
    id: 't10-misc-08', category: MISC, status: ['VALID', 'REPAIRED'],
    note: 'records separated by commas without brackets: the list, or the first record',
    text: r`{"a": 1},
{"a": 2},
{"a": 3}`,
    want: [{ a: 1 }, { a: 2 }, { a: 3 }],
    alsoOk: [{ a: 1 }],
  },
  {
    id: 't10-misc-09', category: MISC, status: 'VALID',
    note: 'the fence never closed and a sign-off after the value',
    text: r`${F}json
{"a": 1}
Let me know if you need anything else!`,
    want: { a: 1 },
  },
  {
    id: 't10-misc-10', category: MISC, status: ['VALID', 'REPAIRED'],
    note: 'a JSON path mentioned after the answer',
    text: r`Here's the response:
{"items": [{"id": "x1"}]}
The id is at ` + '`$.items[0].id`' + r`.`,
    want: { items: [{ id: 'x1' }] },
  },
  {
    id: 't10-misc-11', category: MISC, status: ['VALID', 'REPAIRED'],
    note: 'TL;DR value first, the same value fenced later',
    text: r`**TL;DR:** {"verdict": "approve"}

Reasoning: the diff only touches tests and docs, and CI is green.

${F}json
{"verdict": "approve"}
${F}`,
    want: { verdict: 'approve' },
  },
  {
    id: 't10-misc-12', category: MISC, status: 'VALID',
    note: 'a nested markdown fence around the answer (a 4-backtick fence of md with a json fence in it)',
    text: '````markdown\n```json\n{"nested": true}\n```\n````',
    want: { nested: true },
  },
  {
    id: 't10-misc-13', category: MISC, status: ['VALID', 'REPAIRED'],
    note: 'a horizontal rule and a signature after the answer',
    text: r`{"status": "done"}

---
*Generated by Assistant v2*`,
    want: { status: 'done' },
  },
];
