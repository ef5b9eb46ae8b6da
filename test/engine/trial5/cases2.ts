// New-user trial 5, round 2: 40 texts written after round 1's fixes (so by someone who had read the
// engine's answer selection), to probe the edges of those fixes and a few families round 1 left out
// (more tool-call leaks, CDATA variants, false friends of the retraction words). Judged like round 1.
import type { Trial5Case, Trial5Status } from './cases';

const F = '```';

function c(category: string, name: string, text: string, value: unknown, status: Trial5Status, json?: string): Trial5Case {
  return json === undefined ? { category, name, text, value, status } : { category, name, text, value, status, json };
}

export const trial5Round2: Trial5Case[] = [
  // ---- several records: the edges of the run-of-records rule
  c('records', 'JSON Lines after prose with blank lines between', String.raw`Here are the entries:

{"id": 1, "ok": true}

{"id": 2, "ok": false}

{"id": 3, "ok": true}`,
    { id: 1, ok: true }, 'REPAIRED'),
  c('records', 'records then a closing sentence', String.raw`Extracted records:
{"name": "Ana", "city": "Porto"}
{"name": "Ben", "city": "Leeds"}
That's all 2 records from the text.`,
    { name: 'Ana', city: 'Porto' }, 'REPAIRED'),
  c('records', 'labelled before and after values', String.raw`Before:
{"price": "10"}
After:
{"price": 10}`,
    { price: 10 }, 'VALID'),
  c('records', 'arrays per line after prose', String.raw`Rows:
[1, "a"]
[2, "b"]`,
    [1, 'a'], 'REPAIRED'),
  c('records', 'JSON Lines in a bare fence after prose', `Output:

${F}
{"k": 1}
{"k": 2}
${F}`,
    { k: 1 }, 'REPAIRED'),
  c('records', 'two records, a retraction, the one record', String.raw`Records:
{"id": 1}
{"id": 2}
No wait, there is only one:
{"id": 1}`,
    { id: 1 }, 'VALID'),
  c('records', 'python dicts per line after prose', String.raw`Parsed rows:
{'sku': 'A1', 'qty': 2}
{'sku': 'B2', 'qty': 5}`,
    { sku: 'A1', qty: 2 }, 'REPAIRED'),

  // ---- retractions in other languages, and their false friends
  c('languages', 'french "Attendez-vous" is no retraction', String.raw`Voici le JSON :
{"a": 1}
Attendez-vous à recevoir d'autres champs plus tard, par exemple {"b": 2}.`,
    { a: 1 }, 'VALID'),
  c('languages', 'german "Im Moment," is no retraction', `Hier ist das JSON:
${F}json
{"felder": ["a"]}
${F}
Im Moment, sind nur diese Felder verfügbar; später etwa:
{"felder": ["a", "b"]}`,
    { felder: ['a'] }, 'VALID'),
  c('languages', 'spanish Espera after a fenced draft', `Aquí está el JSON:
${F}json
{"precio": 10}
${F}
Espera, olvidé el impuesto:
{"precio": 12}`,
    { precio: 12 }, 'VALID'),
  c('languages', 'italian è sbagliato after a fenced draft', `Ecco il JSON:
${F}json
{"città": "Roma"}
${F}
Aspetta, è sbagliato. Quello giusto:
{"città": "Milano"}`,
    { città: 'Milano' }, 'VALID'),
  c('languages', 'portuguese isso está errado', `Aqui está:
${F}json
{"n": 1}
${F}
Hmm... isso está errado. Corrigido:
{"n": 2}`,
    { n: 2 }, 'VALID'),
  c('languages', 'japanese 間違えました after a fenced draft', `結果：
${F}json
{"値": 1}
${F}
すみません、間違えました。正しくは：
{"値": 2}`,
    { 値: 2 }, 'VALID'),
  c('languages', 'korean 잘못됐 after a fenced draft', `결과:
${F}json
{"값": 1}
${F}
죄송합니다, 잘못됐네요. 정답:
{"값": 2}`,
    { 값: 2 }, 'VALID'),
  c('languages', 'chinese 不对外 (not public) is no retraction', `结果如下：
${F}json
{"公开": false}
${F}
该接口不对外开放，示例：{"公开": true}`,
    { 公开: false }, 'VALID'),
  c('languages', 'russian condition Если это неверно', String.raw`Вот JSON:
{"a": 1}
Если это неверно, напишите мне.`,
    { a: 1 }, 'VALID'),
  c('languages', 'chinese 如果不对 condition', String.raw`结果：
{"a": 1}
如果不对，请告诉我。`,
    { a: 1 }, 'VALID'),
  c('languages', 'german das stimmt nicht after a bare value', String.raw`Ergebnis:
{"summe": 7}
Hm, das stimmt nicht. Richtig:
{"summe": 8}`,
    { summe: 8 }, 'VALID'),

  // ---- numbers: the typographic minus
  c('numbers', 'typographic minus before a fraction', '{"t": \u22120.5}',
    { t: -0.5 }, 'REPAIRED'),
  c('numbers', 'typographic minus inside a string stays', '{"range": "\u22125 to 5"}',
    { range: '\u22125 to 5' }, 'VALID'),
  c('numbers', 'typographic minus in an exponent', '[1e\u22127, 2]',
    [1e-7, 2], 'REPAIRED'),
  c('numbers', 'typographic minus cut at the end', '{"a": 1, "b": \u2212',
    { a: 1 }, 'TRUNCATED'),

  // ---- CDATA
  c('wrappers', 'CDATA on lines of its own', String.raw`<json>
<![CDATA[
{"a": 1}
]]>
</json>`,
    { a: 1 }, 'VALID'),
  c('wrappers', 'CDATA cut at max_tokens', String.raw`<json><![CDATA[{"a": [1, 2`,
    { a: [1, 2] }, 'TRUNCATED'),
  c('wrappers', 'CDATA holding an array', String.raw`<data><![CDATA[[{"id": 1}]]]></data>`,
    [{ id: 1 }], 'VALID'),
  c('wrappers', 'CDATA named in prose before the answer', String.raw`Wrap XML payloads in <![CDATA[ sections. For this one:
{"xml": "<a/>"}`,
    { xml: '<a/>' }, 'VALID'),

  // ---- another case in the conditional
  c('summaries', 'Otherwise the result would be', String.raw`Here is the JSON:
{"unit": "C"}
Otherwise the result would be:
{"unit": "F"}`,
    { unit: 'C' }, 'VALID'),
  c('summaries', 'a fix applied, in the conditional, is the answer', String.raw`Here is the JSON:
{"v": 1}
With your fix applied it would be:
{"v": 2}`,
    { v: 2 }, 'VALID'),
  c('summaries', 'a different environment after a fenced answer', `Here's the config:
${F}json
{"debug": false}
${F}
In a different environment you would use:
${F}json
{"debug": true}
${F}`,
    { debug: false }, 'VALID'),
  c('summaries', 'another user after the answer', String.raw`Output for your input:
{"ok": true}
For another user it would look like:
{"ok": false}`,
    { ok: true }, 'VALID'),
  c('summaries', 'schema named in a sentence after', String.raw`Here is the JSON:

{"t": "x"}

The schema is {"type": "object"}.`,
    { t: 'x' }, 'VALID'),

  // ---- tool calls
  c('tool-calls', 'openai function_call leak', String.raw`{"name": "get_weather", "arguments": "{\"city\": \"Rome\"}"}`,
    { name: 'get_weather', arguments: '{"city": "Rome"}' }, 'VALID'),
  c('tool-calls', 'anthropic tool_use block', String.raw`{"type": "tool_use", "id": "toolu_01", "name": "calc", "input": {"x": 2}}`,
    { type: 'tool_use', id: 'toolu_01', name: 'calc', input: { x: 2 } }, 'VALID'),
  c('tool-calls', 'two mistral markers with a list each', String.raw`[TOOL_CALLS][{"name": "a", "arguments": {}}][TOOL_CALLS][{"name": "b", "arguments": {}}]`,
    [{ name: 'a', arguments: {} }], 'REPAIRED'),
  c('tool-calls', 'hermes call cut inside the arguments', String.raw`<tool_call>
{"name": "search", "arguments": {"query": "best pizza in Nap`,
    { name: 'search', arguments: { query: 'best pizza in Nap' } }, 'TRUNCATED'),
  c('tool-calls', 'qwen3 empty think then tool_call', String.raw`<think>

</think>

<tool_call>
{"name": "x", "arguments": {"a": 1}}
</tool_call>`,
    { name: 'x', arguments: { a: 1 } }, 'VALID'),
  c('tool-calls', 'tool_code fence holding json', `${F}tool_code
{"name": "lookup", "args": {"id": 3}}
${F}`,
    { name: 'lookup', args: { id: 3 } }, 'VALID'),
  c('tool-calls', 'kimi tool-call markers', String.raw`<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>{"city": "Oslo"}<|tool_call_end|><|tool_calls_section_end|>`,
    { city: 'Oslo' }, 'VALID'),

  // ---- reasoning
  c('reasoning', 'closing tag in inline code, lone closing tag after', String.raw`I should not print ` + '`</think>`' + String.raw` literally. Draft {"a": 0}, no wait.
</think>
{"a": 1}`,
    { a: 1 }, 'VALID'),
  c('reasoning', 'JSON Lines drafts before a lone closing tag', String.raw`Maybe:
{"a": 1}
{"a": 2}
Hmm, one object.
</think>
{"a": 3}`,
    { a: 3 }, 'VALID'),
];
