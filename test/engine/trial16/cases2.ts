// New-user trial 16, round 2: texts written AFTER round 1's fixes (the ideographic and Arabic commas, bidi
// marks between tokens, a tool's Observation and an Invalid label after a value, option recommendations in
// other languages and for options that name their case, a pick by number) to probe their edges. NOT blind:
// written knowing the engine's rules; reported apart from round 1. Rows as in cases.ts.

import type { TrialCase, TrialStatus } from '../trialRun';

const F = '```';
const R2 = 'round 2 (after the fixes)';

function c(id: string, text: string, want: unknown, status: TrialStatus | TrialStatus[], alsoOk?: unknown[], note?: string): TrialCase {
  return { id: `t16r2-${id}`, category: R2, text, want, status, ...(alsoOk ? { alsoOk } : {}), ...(note ? { note } : {}) };
}

export const TRIAL16_ROUND2: TrialCase[] = [
  c('01', `{"城市"："东京"、"人口"：1400、"首都"：true}`, { 城市: '东京', 人口: 1400, 首都: true }, 'REPAIRED'),
  c('02', `结果：{"a"：1、"b"：[1、2]}`, { a: 1, b: [1, 2] }, ['REPAIRED', 'VALID'], undefined, 'after prose'),
  c('03', `{"نص": "مرحبا، عالم"}`, { نص: 'مرحبا، عالم' }, 'VALID', undefined, 'the Arabic comma inside a string is text'),
  c('04', `["أ"، "ب"، "ج"]`, ['أ', 'ب', 'ج'], 'REPAIRED'),
  c('05', `{"メモ": "はい、そうです"、"数": 2}`, { メモ: 'はい、そうです', 数: 2 }, 'REPAIRED'),
  c('06', `\u200f{"שם": "דנה",\u200f "עיר": "חיפה"}\u200f`, { שם: 'דנה', עיר: 'חיפה' }, ['REPAIRED', 'VALID']),
  c('07', `{"a": [1,\u200e 2,\u200e 3]}`, { a: [1, 2, 3] }, 'REPAIRED'),
  c('08', `Thought: look it up\nAction: lookup\nAction Input: {"id": 3}\nObservation: {"name": "Bo"}\nThought: done\nFinal Answer: {"name": "Bo", "id": 3}`, { name: 'Bo', id: 3 }, 'VALID'),
  c('09', `Action: search\nAction Input: {"q": "oslo"}\nTool result: {"hits": 4}`, { q: 'oslo' }, 'VALID'),
  c('10', `Observation: {"temp": 21}`, { temp: 21 }, 'VALID', undefined, 'an observation with nothing before it'),
  c('11', `Valid example:\n{"email": "a@b.co"}\n\nInvalid example:\n{"email": "not-an-email"}`, { email: 'a@b.co' }, 'VALID'),
  c('12', `Opción A:\n{"envío": "normal"}\n\nOpción B:\n{"envío": "urgente"}\n\nRecomiendo la opción A.`, { envío: 'normal' }, 'VALID'),
  c('13', `Option 1 (if you need speed):\n{"mode": "fast"}\n\nOption 2 (if you need accuracy):\n{"mode": "exact"}\n\nFor billing, pick Option 2.`, { mode: 'exact' }, 'VALID'),
  c('14', `Option 1 (if you need speed):\n{"mode": "fast"}\n\nOption 2 (if you need accuracy):\n{"mode": "exact"}`, { mode: 'fast' }, 'VALID', [{ mode: 'exact' }], 'no pick: either'),
  c('15', `1. {"name": "Kiwi"}\n2. {"name": "Mango"}\n3. {"name": "Plum"}\n\nThe best one is number 3.`, { name: 'Plum' }, ['VALID', 'REPAIRED']),
  c('16', `Ideas:\n- {"slogan": "Go far"}\n- {"slogan": "Go fast"}\n\nMy favourite is the first.`, { slogan: 'Go far' }, ['VALID', 'REPAIRED']),
  c('17', `Variante A:\n${F}json\n{"farbe": "blau"}\n${F}\n\nVariante B:\n${F}json\n{"farbe": "grün"}\n${F}\n\nNimm Variante B.`, { farbe: 'grün' }, 'VALID'),
  c('18', `Input (invalid):\n{"age": "abc"}\n\nOutput:\n{"age": null, "error": "not a number"}`, { age: null, error: 'not a number' }, 'VALID'),
  c('19', `{"ok": true}\n\nObservation: the service answered in 40 ms.`, { ok: true }, 'VALID'),
  c('20', `{"items": ["a"، "b"]، "n": 2}`, { items: ['a', 'b'], n: 2 }, 'REPAIRED'),
  c('21', `Here is the data:\n{"a": 1, "b": "x"}\n\nInvalid fields removed:\n{"a": 1}`, { a: 1 }, 'VALID', undefined, 'a cleaned answer, not a failure case'),
  c('22', `Valid:\n{"a": 1}\n\n**Invalid:**\n{"a": 2}`, { a: 1 }, 'VALID'),
];
