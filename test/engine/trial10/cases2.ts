// New-user trial 10, round 2: texts written after round 1's fixes to probe their edges (not blind: written
// knowing the fixes, before running them): Open WebUI's reasoning block in other shapes, non-answer tags
// before, around and after the answer, interleaved thinking in other formats, markdown escapes.
// Each row as in cases.ts: the value a user wants, the status(es) a user expects.

import type { TrialCase } from '../trialRun';

const r = String.raw;
const F = '```';

const EDGE = 'round 2: edges of the fixes';

export const TRIAL10_ROUND2: TrialCase[] = [
  {
    id: 't10b-01', category: EDGE, status: 'FAILED',
    note: 'Open WebUI block still open at the end (a stream cut while it thinks): no answer yet',
    text: r`<details type="reasoning" done="false">
<summary>Thinking…</summary>
> The user wants {"a": 1}, maybe`,
    want: null,
  },
  {
    id: 't10b-02', category: EDGE, status: 'VALID',
    text: r`<details type='reasoning'>x {"a": 0}</details>
{"a": 1}`,
    want: { a: 1 },
  },
  {
    id: 't10b-03', category: EDGE, status: 'VALID',
    note: 'a plain HTML disclosure around the fenced answer',
    text: r`<details open>
<summary>Output</summary>

${F}json
{"a": 1}
${F}
</details>`,
    want: { a: 1 },
  },
  {
    id: 't10b-04', category: EDGE, status: ['VALID', 'REPAIRED'],
    text: r`Return JSON like this:
<example>
{"name": "Jane Doe", "age": 30}
</example>
Here is yours:
{"name": "Ada", "age": 36}`,
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't10b-05', category: EDGE, status: ['VALID', 'REPAIRED'],
    text: r`<examples>
<example>{"in": "hi", "lang": "en"}</example>
<example>{"in": "hola", "lang": "es"}</example>
</examples>
<answer>{"in": "ciao", "lang": "it"}</answer>`,
    want: { in: 'ciao', lang: 'it' },
  },
  {
    id: 't10b-06', category: EDGE, status: ['VALID', 'REPAIRED'],
    text: r`<input>{"text": "Bonjour"}</input>
<output>{"lang": "fr"}</output>`,
    want: { lang: 'fr' },
  },
  {
    id: 't10b-07', category: EDGE, status: ['VALID', 'REPAIRED'],
    text: r`<schema>{"type": "object", "properties": {"a": {"type": "integer"}}}</schema>
{"a": 3}`,
    want: { a: 3 },
  },
  {
    id: 't10b-08', category: EDGE, status: ['VALID', 'REPAIRED'],
    text: r`<plan>1. search for {"q": "weather"} 2. answer</plan>
<tool_call>{"name": "search", "arguments": {"q": "oslo weather"}}</tool_call>`,
    want: { name: 'search', arguments: { q: 'oslo weather' } },
  },
  {
    id: 't10b-09', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'the answer first, a critique with another value after it',
    text: r`<answer>{"score": 3}</answer>
<critique>{"score": 4} would be fairer.</critique>`,
    want: { score: 3 },
  },
  {
    id: 't10b-10', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'a draft tag with attributes, the answer after it untagged',
    text: r`<draft version="1">{"a": 1}</draft>
{"a": 2}`,
    want: { a: 2 },
  },
  {
    id: 't10b-11', category: EDGE, status: 'VALID',
    note: 'a sample tag holding the only value',
    text: r`Here's a sample:
<sample>{"id": 1, "ok": true}</sample>`,
    want: { id: 1, ok: true },
  },
  {
    id: 't10b-12', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'the value repeated unchanged after a check',
    text: r`{"a": 1}<thinking>verify: a must be 1. Yes.</thinking>{"a": 1}`,
    want: { a: 1 },
  },
  {
    id: 't10b-13', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'harmony: final, analysis that fixes it, final again (a stream keeps the first; the whole text wants the second)',
    text: '<|channel|>final<|message|>{"n": 3}<|end|><|start|>assistant<|channel|>analysis<|message|>Wait, there are four.<|end|><|start|>assistant<|channel|>final<|message|>{"n": 4}<|return|>',
    want: { n: 4 },
  },
  {
    id: 't10b-14', category: EDGE, status: 'REPAIRED',
    note: 'markdown escapes in keys and values, and an escaped asterisk',
    text: r`{"file\_name": "q3\_report.pdf", "owner\_id": 12}`,
    want: { file_name: 'q3_report.pdf', owner_id: 12 },
  },
  {
    id: 't10b-15', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'an interleaved correction in prose-started text (R1-style lone closing tag first)',
    text: r`Plan the object.
</think>
{"a": 1}
<think>Hmm, the user asked for b too.</think>
{"a": 1, "b": 2}`,
    want: { a: 1, b: 2 },
  },
  {
    id: 't10b-16', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'a reasoning block after the answer and a sentence with a value in it (no correction)',
    text: r`{"ok": true}
<think>done</think>
For example {"ok": false} would mean failure.`,
    want: { ok: true },
  },
];
