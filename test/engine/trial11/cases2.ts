// New-user trial 11, round 2: texts written after round 1's fixes (so NOT blind to them), to probe their
// edges (template markers and log lines after the value, guillemets and other national quotation marks) and
// reasoning formats of hosts round 1 did not reach (Seed-OSS `<seed:think>`, Cohere's
// `<|START_THINKING|>`, Kimi's `◁think▷`, GLM's `<|assistant|>` turns). Same row format as cases.ts; written
// once, committed before their first run, never edited to match the engine.

import type { TrialCase } from '../trialRun';

const F = '```';

const EDGE = 'round 2: after the value';
const QUOTES = 'round 2: national quotation marks';
const HOSTS = 'round 2: more reasoning formats';

export const TRIAL11_ROUND2: TrialCase[] = [
  {
    id: 't11b-01', category: EDGE, status: ['VALID', 'REPAIRED'],
    note: 'a base model runs on into two more turns; the second has a JSON answer of its own',
    text: '{"x": 1}</s><s>[INST] now double it [/INST] {"x": 2}</s>',
    want: { x: 1 },
  },
  {
    id: 't11b-02', category: EDGE, status: 'VALID',
    note: 'a log line logged after the value printed by a script',
    text: '{"saved": true, "id": 41}\n[INFO] 2026-12-02 09:58:01 wrote 1 record',
    want: { saved: true, id: 41 },
  },
  {
    id: 't11b-03', category: EDGE, status: 'VALID',
    note: 'prose, the value, then log lines with JSON of their own in them',
    text: 'Output of the run:\n{"ok": true}\n[DEBUG] payload {"ok": true, "trace": "a1"}\n[DEBUG] done',
    want: { ok: true },
  },
  {
    id: 't11b-04', category: EDGE, status: 'REPAIRED',
    note: 'guard: two parallel tool calls after a [TOOL_CALLS] marker are still two values',
    text: '[TOOL_CALLS][{"name": "a", "arguments": {}}][{"name": "b", "arguments": {}}]',
    want: [{ name: 'a', arguments: {} }],
    alsoOk: [[{ name: 'b', arguments: {} }]],
  },
  {
    id: 't11b-05', category: EDGE, status: 'VALID',
    note: 'a value and then a Mistral [/INST] echo on the same line',
    text: '{"lang": "de"} [/INST]',
    want: { lang: 'de' },
  },
  {
    id: 't11b-06', category: QUOTES, status: 'REPAIRED',
    note: 'French guillemets with the spaces French typography puts inside them',
    text: 'Voici le résultat : {« ville » : « Paris », « pays » : « France »}',
    want: { ville: 'Paris', pays: 'France' },
  },
  {
    id: 't11b-07', category: QUOTES, status: 'REPAIRED',
    note: 'German low-high quotes from a word processor',
    text: 'Hier ist das Ergebnis: {„stadt“: „Berlin“, „einwohner“: 3850000}',
    want: { stadt: 'Berlin', einwohner: 3850000 },
  },
  {
    id: 't11b-08', category: QUOTES, status: 'REPAIRED',
    note: 'Russian guillemets around a title that has its own inner quotes „…“',
    text: '{«книга»: «Роман „Мастер и Маргарита“», «год»: 1967}',
    want: { книга: 'Роман „Мастер и Маргарита“', год: 1967 },
  },
  {
    id: 't11b-09', category: QUOTES, status: 'REPAIRED',
    note: 'guillemets in a fenced answer after Russian prose, mixed with straight quotes',
    text: `Готово:\n${F}json\n{"имя": «Иван», "возраст": 30}\n${F}`,
    want: { имя: 'Иван', возраст: 30 },
  },
  {
    id: 't11b-10', category: QUOTES, status: 'VALID',
    note: 'guard: guillemets in the prose and inside JSON strings stay',
    text: 'Он ответил «да»:\n{"ответ": "«да»"}',
    want: { ответ: '«да»' },
  },
  {
    id: 't11b-11', category: HOSTS, status: 'VALID',
    note: "ByteDance Seed-OSS's <seed:think> block with a draft",
    text: '<seed:think>\nThe user wants the count. Draft {"count": 2}? No, three items.\n</seed:think>\n{"count": 3}',
    want: { count: 3 },
  },
  {
    id: 't11b-12', category: HOSTS, status: 'VALID',
    note: "Cohere Command A reasoning's thinking and response markers",
    text: '<|START_THINKING|>Two fields. Maybe {"a": 0}? No, a is 1.<|END_THINKING|><|START_RESPONSE|>{"a": 1, "b": 2}<|END_RESPONSE|>',
    want: { a: 1, b: 2 },
  },
  {
    id: 't11b-13', category: HOSTS, status: 'VALID',
    note: "Kimi's ◁think▷ markers",
    text: '◁think▷The list should be sorted: [3, 1, 2] becomes [1, 2, 3].◁/think▷[1, 2, 3]',
    want: [1, 2, 3],
  },
  {
    id: 't11b-14', category: HOSTS, status: 'VALID',
    note: 'GLM-4.5 through a raw endpoint: <|assistant|>, a think block, the answer, then <|user|>',
    text: '<|assistant|><think>Check: {"ok": false} was the old state.</think>\n{"ok": true}<|user|>',
    want: { ok: true },
  },
  {
    id: 't11b-15', category: HOSTS, status: 'VALID',
    note: 'Granite / Hunyuan style: <think> then <answer> holding a fence',
    text: `<think>\nUse ISO dates.\n</think>\n<answer>\n${F}json\n{"due": "2026-12-24"}\n${F}\n</answer>`,
    want: { due: '2026-12-24' },
  },
  {
    id: 't11b-16', category: HOSTS, status: 'VALID',
    note: 'a lone </seed:think> (the opening tag in the prompt) after a draft',
    text: 'Draft: {"n": 1}. Wrong, it is 2.\n</seed:think>\n{"n": 2}',
    want: { n: 2 },
  },
];
