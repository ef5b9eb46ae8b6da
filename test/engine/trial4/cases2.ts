/**
 * The fourth new-user trial, round 2: harder texts written blind after round 1's run (still before reading
 * the engine or the corpus), probing the edges round 1 passed: other languages' retractions, parallel tool
 * calls, apostrophes in single-quoted strings, hex edge cases, cuts in keys and escapes, and JSON-started
 * texts followed by a value that is NOT a correction (an example, an alternative).
 */
import type { Trial4Case } from './cases';

const F = '```';
const B = '`';

export const TRIAL4_ROUND2: Trial4Case[] = [
  {
    category: 'r1-lone-think',
    text: `The closing marker in the template is ${B}</think>${B}, so I must not write it inside the answer. Draft {"ok": false}, no wait, the check passed.\n</think>\n{"ok": true}`,
    expected: { ok: true },
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `Plan: summarize. A first try was {"s": "short"} — too short, hmm.\n</think>\n\n${F}json\n{"s": "A longer summary that the user asked for, with the word </think> quoted"}\n${F}`,
    expected: { s: 'A longer summary that the user asked for, with the word </think> quoted' },
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `Need the order fields. Draft {"draft": 1}... no, wait, use the real ids.\n</think>\n${F}json\n{"order": "A-17", "lines": [{"sku": "P1", "qty": 2}, {"sku": "P9", "note": "gift wrap, no card`,
    expected: { order: 'A-17', lines: [{ sku: 'P1', qty: 2 }, { sku: 'P9', note: 'gift wrap, no card' }] },
    status: 'TRUNCATED',
  },
  {
    category: 'drafts',
    text: `Entwurf: {"a": 1}. Nein, warte, das Feld b fehlt.\n\n{"a": 1, "b": 2}`,
    expected: { a: 1, b: 2 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Answer: {"x": 5}\nLet me reconsider. 5 is wrong because the loop runs twice more. It's 7.\n{"x": 7}`,
    expected: { x: 7 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Corrected JSON:\n{"a": 2}\n\nThe earlier version {"a": 1} was wrong because it used the old default.`,
    expected: { a: 2 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Here is the result:\n{"a": 1}\n\nI could also write {"a": "1"} but numbers are better here.`,
    expected: { a: 1 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Hmm, wait. Let me lay it out properly this time.\n\n${F}json\n{"steps": 3, "done": false}\n${F}`,
    expected: { steps: 3, done: false },
    status: 'VALID',
  },
  {
    category: 'tool-args',
    text: `{"q": "x",}{"q": "y"}`,
    expected: { q: 'x' },
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `<tool_call>\n{"name": "a", "arguments": {"n": 1}}\n</tool_call>\n<tool_call>\n{"name": "b", "arguments": {"n": 2}}\n</tool_call>`,
    expected: { name: 'a', arguments: { n: 1 } },
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `{"city": "Rome"}{"city": "Milan"}{"city": "Turin"}`,
    expected: { city: 'Rome' },
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `{"id": 1}\n{"id": 2`,
    expected: { id: 1 },
    status: 'REPAIRED',
  },
  {
    category: 'json-first-corrected',
    text: `{"v": 1}\nCorrection: {"v": 2}`,
    expected: { v: 2 },
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  {
    category: 'json-first-corrected',
    text: `{"a": 1}\n\nFor example, with two items it would be {"a": 2}.`,
    expected: { a: 1 },
    status: 'VALID',
  },
  {
    category: 'json-first-corrected',
    text: `{"a": 1}\n\nIf you'd rather have strings:\n{"a": "1"}`,
    expected: { a: 1 },
    status: 'VALID',
  },
  {
    category: 'json-first-corrected',
    text: `${F}json\n{"lang": "en"}\n${F}\n\nExplanation: I used ${B}{"lang": "<code>"}${B} with ISO 639-1 codes.`,
    expected: { lang: 'en' },
    status: 'VALID',
  },
  {
    category: 'json-first-corrected',
    text: `{"eta_min": 30}\n\nOops, I forgot the traffic delay. Updated:\n\n{"eta_min": 45}`,
    expected: { eta_min: 45 },
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  {
    category: 'lenient',
    text: `{"color": "0xFF", "id": 0xFFFFFFFFFFFF}`,
    expected: { color: '0xFF', id: 281474976710655 },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{"mask": 0xFF_FF}`,
    expected: { mask: 65535 },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{'msg': 'He said "hi"'}`,
    expected: { msg: 'He said "hi"' },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `['it's', 'ok']`,
    expected: ["it's", 'ok'],
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{'name': 'O'Brien', 'age': 40}`,
    expected: { name: "O'Brien", age: 40 },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{"url": "http://x.com/a", // link\n "n": 1}`,
    expected: { url: 'http://x.com/a', n: 1 },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{"ar": "مرحبا", "he": "שלום", "key 🔑": "✓"}`,
    expected: { ar: 'مرحبا', he: 'שלום', 'key 🔑': '✓' },
    status: 'VALID',
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Short.<|end|><|start|>assistant<|channel|>final<|message|>Here is the JSON:\n{"a": 1}<|return|>`,
    expected: { a: 1 },
    status: 'VALID',
  },
  {
    category: 'gemini',
    text: `${F}JSON\n{"results": [{"id": 3}]}\n${F}\n\nIf there are no matches, the output is:\n${F}json\n{"results": []}\n${F}`,
    expected: { results: [{ id: 3 }] },
    status: 'VALID',
  },
  {
    category: 'inline-code',
    text: `The answer is ${B}{"ok": true}${B}.`,
    expected: { ok: true },
    status: 'VALID',
  },
  {
    category: 'truncation',
    text: `Here is the JSON:\n{"a": [1, 2`,
    expected: { a: [1, 2] },
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `{"a": 1, "bo`,
    expected: { a: 1 },
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `[1, 2,`,
    expected: [1, 2],
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `{"s": "caf\\u00`,
    expected: { s: 'caf' },
    status: 'TRUNCATED',
  },
];
