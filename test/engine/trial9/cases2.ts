// New-user trial 9, round 2: 24 texts written AFTER round 1's fixes (not blind: the writer had read the
// engine's selection code by then) to probe the edges of those fixes and the families round 1 found weak:
// echoed inputs and requests before and after the answer, labelled options, retries, schema echoes, harmony
// commentary channels, DeepSeek tokens, retractions in other languages without a fence. Same row shape and
// rules as cases.ts: the value and status a user wants, written before the round's first run.

import type { TrialCase } from '../trialRun';

const r = String.raw;
const F = '```';

const ECHO2 = 'round 2: echoes and labels';
const OPT2 = 'round 2: options, retries, schemas';
const TPL2 = 'round 2: templates and languages';

export const TRIAL9_ROUND2: TrialCase[] = [
  {
    id: 't9b-echo-01', category: ECHO2, status: 'VALID',
    text: r`Input JSON:
${F}json
{"user_name": "ada"}
${F}
Fixed:
{"userName": "ada"}`,
    want: { userName: 'ada' },
  },
  {
    id: 't9b-echo-02', category: ECHO2, status: 'VALID',
    text: r`Sample input:
${F}json
{"celsius": 21}
${F}
Output:
{"fahrenheit": 69.8}`,
    want: { fahrenheit: 69.8 },
  },
  {
    id: 't9b-echo-03', category: ECHO2, status: 'VALID',
    text: r`Request body:
${F}json
{"query": "shoes", "limit": 2}
${F}

Response:
{"results": [{"id": 1}, {"id": 2}], "total": 57}`,
    want: { results: [{ id: 1 }, { id: 2 }], total: 57 },
  },
  {
    id: 't9b-echo-04', category: ECHO2, status: 'VALID',
    text: r`Translated:
${F}json
{"title": "Hola mundo"}
${F}
Original:
${F}json
{"title": "Hello world"}
${F}`,
    want: { title: 'Hola mundo' },
  },
  {
    id: 't9b-echo-05', category: ECHO2, status: 'VALID',
    text: r`Before:
{"a": "1"}
After:
{"a": 1}`,
    want: { a: 1 },
  },
  {
    id: 't9b-echo-06', category: ECHO2, status: 'VALID',
    text: r`Here's your input as valid JSON:

${F}json
{"name": "Ada", "tags": ["x"]}
${F}`,
    want: { name: 'Ada', tags: ['x'] },
  },
  {
    id: 't9b-echo-07', category: ECHO2, status: 'VALID',
    text: r`The original record had a string id ({"id": "7"}); here it is with a numeric id:

{"id": 7}`,
    want: { id: 7 },
  },
  {
    id: 't9b-echo-08', category: ECHO2, status: 'VALID',
    text: r`Error: {"code": 422, "detail": "qty must be an integer"}
Fixed request:
{"sku": "A1", "qty": 2}`,
    want: { sku: 'A1', qty: 2 },
  },
  {
    id: 't9b-opt-01', category: OPT2, status: 'VALID',
    text: r`**Option 1 — flat**
${F}json
{"lat": 59.9, "lon": 10.7}
${F}
**Option 2 — nested**
${F}json
{"location": {"lat": 59.9, "lon": 10.7}}
${F}
I recommend option 1 for a flat table.`,
    want: { lat: 59.9, lon: 10.7 },
  },
  {
    id: 't9b-opt-02', category: OPT2, status: 'VALID',
    text: r`Option A:
${F}json
{"sort": "asc"}
${F}
Option B:
${F}json
{"sort": "desc", "nulls": "last"}
${F}
Go with Option B if you need nulls last; it is what you described.`,
    want: { sort: 'desc', nulls: 'last' },
  },
  {
    id: 't9b-opt-03', category: OPT2, status: 'VALID',
    text: r`Attempt 1:
${F}json
{"total": "12"}
${F}
Schema check failed: total must be a number.
Attempt 2:
${F}json
{"total": 12}
${F}
Schema check passed.`,
    want: { total: 12 },
  },
  {
    id: 't9b-opt-04', category: OPT2, status: 'VALID',
    text: r`Here's the schema:
${F}json
{"type": "object", "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}}}
${F}
Example:
${F}json
{"sku": "A1", "qty": 2}
${F}`,
    want: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } },
    alsoOk: [{ sku: 'A1', qty: 2 }],
    note: 'the user asked for a schema, or the text gives an instance: either is defensible',
  },
  {
    id: 't9b-opt-05', category: OPT2, status: 'VALID',
    text: r`Expected shape:
${F}json
{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"ok": {"type": "boolean"}, "items": {"type": "array"}}}
${F}

{"ok": true, "items": []}`,
    want: { ok: true, items: [] },
  },
  {
    id: 't9b-opt-06', category: OPT2, status: 'VALID',
    text: r`Iteration 1 → {"score": 0.4} (below threshold)
Iteration 2 → {"score": 0.7} (below threshold)
Iteration 3:
${F}json
{"score": 0.91}
${F}`,
    want: { score: 0.91 },
  },
  {
    id: 't9b-opt-07', category: OPT2, status: 'VALID',
    text: r`Round 1:
${F}json
{"winner": "A"}
${F}
Round 2:
{"winner": "B"}`,
    note: 'two rounds of a game, not retries: the last round is still a fine pick',
    want: { winner: 'B' },
    alsoOk: [{ winner: 'A' }],
  },
  {
    id: 't9b-tpl-01', category: TPL2, status: 'VALID',
    text: `<|start|>assistant<|channel|>commentary<|message|>Let me look that up for you.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n{"found": true, "id": 88}\n${F}<|return|>`,
    want: { found: true, id: 88 },
  },
  {
    id: 't9b-tpl-02', category: TPL2, status: 'TRUNCATED',
    text: '<|channel|>analysis<|message|>Call the tool.<|end|><|start|>assistant<|channel|>commentary to=functions.lookup <|constrain|>json<|message|>{"city": "Os',
    want: { city: 'Os' },
  },
  {
    id: 't9b-tpl-03', category: TPL2, status: 'VALID',
    text: '<｜begin▁of▁sentence｜>{"ok": true}<｜end▁of▁sentence｜>',
    want: { ok: true },
  },
  {
    id: 't9b-tpl-04', category: TPL2, status: 'VALID',
    text: '<｜Assistant｜><think>\nEasy: {"n": 0}? No, n is 3.\n</think>\n{"n": 3}',
    want: { n: 3 },
  },
  {
    id: 't9b-tpl-05', category: TPL2, status: 'VALID',
    text: '<|channel|>commentary to=functions.search <|constrain|>json<|message|>{"q": "a"}<|call|><|start|>functions.search to=assistant<|channel|>commentary<|message|>{"hits": 0}<|end|><|start|>assistant<|channel|>commentary to=functions.search <|constrain|>json<|message|>{"q": "a b"}<|call|>',
    note: 'two tool calls, the second after an empty result: the last call is what the model asks for now',
    want: { q: 'a b' },
    alsoOk: [{ q: 'a' }],
  },
  {
    id: 't9b-lang-01', category: TPL2, status: 'VALID',
    text: r`결과:
{"count": 5}
틀렸습니다. 다시 세어 보니 6개입니다:
{"count": 6}`,
    want: { count: 6 },
  },
  {
    id: 't9b-lang-02', category: TPL2, status: 'VALID',
    text: r`答案如下：
${F}json
{"city": "杭州"}
${F}
等一下，用户问的是省会，应该是：
{"province": "浙江", "capital": "杭州"}`,
    want: { province: '浙江', capital: '杭州' },
  },
  {
    id: 't9b-lang-03', category: TPL2, status: 'VALID',
    text: r`Resultado:
${F}json
{"total": 10}
${F}
Ficou errado, esqueci o frete:
{"total": 15}`,
    want: { total: 15 },
  },
  {
    id: 't9b-lang-04', category: TPL2, status: 'VALID',
    text: r`以下の通りです：
${F}json
{"在庫": 3}
${F}
在庫数は毎日更新されます。しばらくお待ちください。`,
    want: { 在庫: 3 },
  },
];
