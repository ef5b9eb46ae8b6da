/**
 * Corpus cases for what surrounds the JSON in LLM output: reasoning blocks, markdown fences, prose and
 * tool-call wrappers. Each base answer is combined with each kind of wrapping, so every category holds
 * dozens of cases.
 */
import { type Case, type Category, value } from './types';

/** Answers a model might give, with the value they mean. */
export const ANSWERS: { name: string; json: string }[] = [
  { name: 'flat object', json: '{"name": "Ada", "born": 1815, "active": true}' },
  { name: 'nested object', json: '{"user": {"id": 7, "roles": ["admin", "dev"]}, "ok": false, "note": null}' },
  { name: 'array of objects', json: '[{"id": 1, "title": "First"}, {"id": 2, "title": "Second"}]' },
  {
    name: 'pretty object',
    json: '{\n  "city": "Paris",\n  "temps": [12.5, 14, -2],\n  "meta": {\n    "source": "api",\n    "cached": false\n  }\n}',
  },
  { name: 'tool arguments', json: '{"location": "Boston, MA", "unit": "celsius", "days": 3}' },
  { name: 'strings with braces', json: '{"template": "Hello {name}!", "list": "[1, 2]"}' },
];

const THINK_PREFIXES: { name: string; text: string }[] = [
  { name: 'think block', text: '<think>The user wants a JSON object. Let me draft it.</think>\n' },
  { name: 'think block with braces', text: '<think>Draft: {"name": "x"} … no, use {name, age}. Done.</think>\n' },
  { name: 'thinking block', text: '<thinking>\nStep 1: collect fields.\nStep 2: emit {"a": 1}?\n</thinking>\n\n' },
  { name: 'lone closing think', text: 'Okay, the schema is {id, title}. I will answer now.\n</think>\n\n' },
  { name: 'think with quotes', text: '<think>He said "use [brackets]" and \'quotes\'.</think>' },
  { name: 'two think blocks', text: '<think>first {</think>\n<think>second ]</think>\n' },
];

const FENCES: { name: string; wrap: (j: string) => string }[] = [
  { name: 'json fence', wrap: (j) => '```json\n' + j + '\n```' },
  { name: 'bare fence', wrap: (j) => '```\n' + j + '\n```' },
  { name: 'JSON fence uppercase', wrap: (j) => '```JSON\n' + j + '\n```\n' },
  { name: 'fence with prose around', wrap: (j) => 'Here it is:\n\n```json\n' + j + '\n```\n\nLet me know if you need more.' },
  { name: 'fence not closed', wrap: (j) => '```json\n' + j + '\n' },
  { name: 'fence after think', wrap: (j) => '<think>format as json</think>\n```json\n' + j + '\n```' },
];

const PROSE: { name: string; wrap: (j: string) => string }[] = [
  { name: 'leading sentence', wrap: (j) => 'Sure! Here is the JSON:\n' + j },
  { name: 'same line', wrap: (j) => 'Result: ' + j },
  { name: 'prose after', wrap: (j) => j + '\n\nThis object contains every field you asked for.' },
  { name: 'prose both sides', wrap: (j) => 'Here you go.\n\n' + j + '\n\nAnything else?' },
  { name: 'prose with stray closing braces', wrap: (j) => 'The set is done}] and closed.\n' + j },
  { name: 'prose with a colon and quotes', wrap: (j) => 'The field "name": required.\nOutput:\n' + j },
  { name: 'prose with a braced placeholder', wrap: (j) => 'Fill in the {placeholder} fields as below.\n\n' + j },
  { name: 'prose with brackets', wrap: (j) => 'Answer [final, checked]:\n' + j },
];

const WRAPPERS: { name: string; wrap: (j: string) => string }[] = [
  { name: 'tool_call tags', wrap: (j) => '<tool_call>\n' + j + '\n</tool_call>' },
  { name: 'tool_call same line', wrap: (j) => '<tool_call>' + j + '</tool_call>' },
  { name: 'tool_call after think', wrap: (j) => '<think>call the tool</think>\n<tool_call>\n' + j + '\n</tool_call>' },
  { name: 'tool_call unclosed', wrap: (j) => '<tool_call>\n' + j },
];

function product(category: Category, wraps: { name: string; wrap: (j: string) => string }[]): Case[] {
  const out: Case[] = [];
  for (const w of wraps) {
    for (const a of ANSWERS) {
      out.push({ category, name: `${w.name} / ${a.name}`, input: w.wrap(a.json), expected: value(JSON.parse(a.json)) });
    }
  }
  return out;
}

export function llmCases(): Case[] {
  const cases: Case[] = [
    ...product(
      'reasoning',
      THINK_PREFIXES.map((t) => ({ name: t.name, wrap: (j: string) => t.text + j })),
    ),
    ...product('fences', FENCES),
    ...product('prose', PROSE),
    ...product('wrappers', WRAPPERS),
  ];
  cases.push(
    {
      category: 'reasoning',
      name: 'unclosed think after the JSON',
      input: '{"a": 1}\n<think>wait, should I add more {',
      expected: value({ a: 1 }),
    },
    {
      category: 'reasoning',
      name: 'unclosed think and nothing else',
      input: '<think>The user wants {"a": 1} but I am still thinking',
      expected: { kind: 'failed' },
    },
    {
      category: 'reasoning',
      name: 'the issue example',
      input:
        '<think>The user wants {name, age}. Draft: {"name": "x"} … done.</think>\nSure! Here is the JSON:\n```json\n' +
        "{name: 'Ada', \"tags\": [\"math\", \"engines\",], \"active\": True, // first programmer\n" +
        ' "bio": "Wrote the first\nalgorithm", "born": 1815, "notes": {"vol": 1, "pages": [3, 4\n```',
      expected: value({
        name: 'Ada',
        tags: ['math', 'engines'],
        active: true,
        bio: 'Wrote the first\nalgorithm',
        born: 1815,
        notes: { vol: 1, pages: [3, 4] },
      }),
    },
    {
      category: 'wrappers',
      name: 'tool_call with name and arguments',
      input: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>',
      expected: value({ name: 'get_weather', arguments: { city: 'Oslo' } }),
    },
  );
  return cases;
}
