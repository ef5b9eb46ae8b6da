/**
 * Reasoning formats and literal tags (issue 8 §3): `<think>`, `<thinking>`, `<reasoning>`, `<thought>`
 * in any case and with attributes, a lone closing tag of each, a block cut off by the end, gpt-oss
 * "harmony" channels as they leak through raw endpoints (`analysis` is reasoning, `final` the answer),
 * and tags written inside JSON strings, which are text and stay. Written independently of the engine's
 * behaviour tables.
 */
import { answer, casesOf, crlf, cutAnswer, NO_ANSWER, type Row } from './caseKit';
import type { Case } from './types';

const EVENT = '{"title": "Standup", "day": "Mon", "minutes": 15}';
const DRAFT_THEN = (open: string, close: string) =>
  `${open}The user wants a recurring meeting. Draft: {"title": "Standup"} — hmm, day and length are missing. Monday, 15 minutes.${close}\n\n`;

/** Opening and closing tags of each kind, any case, with attributes. */
const TAGS: Row[] = [
  ['<think> block with a draft', DRAFT_THEN('<think>', '</think>') + EVENT, answer(EVENT)],
  ['<THINK> upper case', DRAFT_THEN('<THINK>', '</THINK>') + EVENT, answer(EVENT)],
  ['<Thinking> mixed case', DRAFT_THEN('<Thinking>\n', '\n</Thinking>') + '```json\n' + EVENT + '\n```', answer(EVENT)],
  ['<reasoning> block', DRAFT_THEN('<reasoning>', '</reasoning>') + EVENT, answer(EVENT)],
  ['<thought> block', DRAFT_THEN('<thought>', '</thought>') + EVENT, answer(EVENT)],
  ['<think> with an attribute', DRAFT_THEN('<think type="internal">', '</think>') + EVENT, answer(EVENT)],
  ['<thinking> with two attributes, single quotes', DRAFT_THEN("<thinking id=\"t1\" visible='false'>", '</thinking>') + EVENT, answer(EVENT)],
  ['<thought> with a signature attribute', DRAFT_THEN('<thought signature="EqQBCkgIARABGAIiQH">', '</thought>') + EVENT, answer(EVENT)],
  ['<REASONING effort="high">', DRAFT_THEN('<REASONING effort="high">', '</REASONING>') + EVENT, answer(EVENT)],
  ['<scratchpad> then an <answer> wrapper', '<scratchpad>Maybe {"title": "Standup"}; it also needs the day and the length.</scratchpad>\n<answer>' + EVENT + '</answer>', answer(EVENT)],
  ['lone </Scratchpad>', 'Start from {"title": "Standup"} and add Monday, 15 minutes.\n</Scratchpad>\n' + EVENT, answer(EVENT)],
  ['lone </thought>', 'Meeting: {"title": "Standup"} no, it needs day and minutes.\n</thought>\n' + EVENT, answer(EVENT)],
  ['lone </THINKING>', 'Is it {"title": "Sync"}? No, the user called it standup.\n</THINKING>\n\n' + EVENT, answer(EVENT)],
  ['lone </Reasoning>', '**Drafting**\n\nStart from {"title": "Standup"}; add the day and the length.\n</Reasoning>\n' + EVENT, answer(EVENT)],
  ['<think> block, CRLF', crlf(DRAFT_THEN('<think>\n', '\n</think>') + '```json\n' + EVENT + '\n```\n'), answer(EVENT)],
  ['Qwen3 empty think block', '<think>\n\n</think>\n\n{"intent": "greeting", "confidence": 0.97}', answer('{"intent": "greeting", "confidence": 0.97}')],
  [
    'Claude <thinking>, prose and fence',
    "<thinking>\nThe user asked for the package metadata. I'll include name, version and license; {\"name\": \"pkg\"} alone would be incomplete.\n</thinking>\n\n" +
      "Here's the metadata:\n\n```json\n{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}\n```\n\nLet me know if you need the dependencies too.",
    answer('{"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}'),
  ],
  [
    'two blocks of different kinds',
    '<thinking>Fields: a and b. {"a": 1}?</thinking>\n<reasoning>b is the sum, 3. No, b is 2.</reasoning>\n{"a": 1, "b": 2}',
    answer('{"a": 1, "b": 2}'),
  ],
  [
    'opening tag mentioned inside a block',
    '<think>I could wrap this in a <thinking> tag, but no. Draft [1, 2]? No, an object.</think>\n{"wrapped": false}',
    answer('{"wrapped": false}'),
  ],
  [
    'block after a lead-in sentence',
    'Let me reason first.\n<think>{"x": 1} would be the naive answer, but x is 2.</think>\n{"x": 2}',
    answer('{"x": 2}'),
  ],
  [
    '<thought> then a tool_call wrapper',
    '<thought>Call lookup with {"id": "42"}? The id is numeric.</thought>\n<tool_call>\n{"name": "lookup", "arguments": {"id": 42}}\n</tool_call>',
    answer('{"name": "lookup", "arguments": {"id": 42}}'),
  ],
  [
    '<thinking> then an <answer> wrapper',
    '<thinking>The score is 7/10, so {"score": 0.7}? The rubric wants an integer.</thinking>\n<answer>\n{"score": 7, "max": 10}\n</answer>',
    answer('{"score": 7, "max": 10}'),
  ],
  [
    '<reasoning> with an array draft and an array answer',
    '<reasoning>Candidates ["red", "green"]; the user excluded green.</reasoning>\n["red", "blue"]',
    answer('["red", "blue"]'),
  ],
  [
    'draft right before a lone closing tag',
    'The payload is {"draft": 1}</think>{"final": 2}',
    answer('{"final": 2}'),
  ],
  [
    'closing tag with a space before >',
    'Draft {"n": 0}, no, n is 3.\n</think >\n{"n": 3}',
    answer('{"n": 3}'),
  ],
];

/** Blocks cut off by the end of the text. */
const UNCLOSED: Row[] = [
  ['answer then an unclosed <reasoning>', '{"a": 1, "b": [2]}\n<reasoning>Should I also add c? Maybe {"c": 3', answer('{"a": 1, "b": [2]}')],
  ['answer then an unclosed <thought>', '```json\n{"ok": true}\n```\n<thought>double-check: [1, 2', answer('{"ok": true}')],
  ['unclosed <Thought> with only a draft', '<Thought>The user wants {"a": 1} or maybe {"a": 2}, let me', NO_ANSWER],
  ['unclosed <thinking> with a fenced draft', '<thinking>\nDraft:\n```json\n{"name": "x"}\n```\nNow check the', NO_ANSWER],
];

const FINAL = '{"location": "Tokyo", "forecast": [{"day": "Tue", "high": 24}, {"day": "Wed", "high": 22}]}';
const ANALYSIS =
  '<|start|>assistant<|channel|>analysis<|message|>User wants a two-day forecast for Tokyo. Draft: {"location": "Tokyo"}. Need the days too. Tue 24, Wed 22.<|end|>';

/** gpt-oss harmony channels leaking through a raw completion endpoint. */
const HARMONY: Row[] = [
  ['harmony analysis then final', ANALYSIS + '<|start|>assistant<|channel|>final<|message|>' + FINAL + '<|return|>', answer(FINAL)],
  ['harmony without the leading <|start|>', ANALYSIS.slice('<|start|>assistant'.length) + '<|start|>assistant<|channel|>final<|message|>' + FINAL + '<|return|>', answer(FINAL)],
  ['harmony final ending with <|end|>', ANALYSIS + '<|start|>assistant<|channel|>final<|message|>' + FINAL + '<|end|>', answer(FINAL)],
  ['harmony final with no end marker', ANALYSIS + '<|start|>assistant<|channel|>final<|message|>' + FINAL, answer(FINAL)],
  [
    'harmony final with prose and a fence',
    ANALYSIS + '<|start|>assistant<|channel|>final<|message|>Here is the forecast:\n\n```json\n' + FINAL + '\n```<|return|>',
    answer(FINAL),
  ],
  [
    'harmony analysis with a fenced draft',
    '<|start|>assistant<|channel|>analysis<|message|>Let me format:\n```json\n{"location": "Tokyo", "forecast": []}\n```\nNo, fill in the days.<|end|>' +
      '<|start|>assistant<|channel|>final<|message|>' + FINAL + '<|return|>',
    answer(FINAL),
  ],
  [
    'harmony final cut in the middle',
    ANALYSIS + '<|start|>assistant<|channel|>final<|message|>' + FINAL.slice(0, 60),
    cutAnswer(FINAL, 60),
  ],
  ['harmony analysis cut, no final', ANALYSIS.slice(0, ANALYSIS.length - '<|end|>'.length - 10), NO_ANSWER],
  [
    'harmony commentary tool call after analysis',
    '<|channel|>analysis<|message|>Need to use function get_weather with {"location": "Kyoto"}? No, the user said Tokyo.<|end|>' +
      '<|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"location": "Tokyo", "unit": "c"}<|call|>',
    answer('{"location": "Tokyo", "unit": "c"}'),
  ],
  [
    'harmony with unicode and a pretty final',
    '<|start|>assistant<|channel|>analysis<|message|>ユーザーは東京の天気を知りたい。{"city": "大阪"}は違う。<|end|>' +
      '<|start|>assistant<|channel|>final<|message|>{\n  "city": "東京",\n  "sky": "☀️"\n}<|return|>',
    answer('{"city": "東京", "sky": "☀️"}'),
  ],
  [
    'harmony final: prose then the value on its own lines',
    ANALYSIS + '<|start|>assistant<|channel|>final<|message|>Sure — the two-day forecast:\n\n' + FINAL + '\n\nStay dry!<|return|>',
    answer(FINAL),
  ],
];

/** Tags written inside JSON strings are text. */
const IN_STRINGS: Row[] = [
  ['opening tag in a string value', '{"note": "use <think> tags"}', answer('{"note": "use <think> tags"}')],
  ['closing tag in a string value', '{"stop": "</think>", "max_tokens": 256}', answer('{"stop": "</think>", "max_tokens": 256}')],
  [
    'template with tags after a <think> block',
    '<think>plan the template</think>{"template": "<thinking>{{x}}</thinking>"}',
    answer('{"template": "<thinking>{{x}}</thinking>"}'),
  ],
  [
    'tags in the answer after a lone </think>',
    'The prompt must mention the tags.\n</think>\n{"prompt": "Wrap your reasoning in <reasoning>...</reasoning>"}',
    answer('{"prompt": "Wrap your reasoning in <reasoning>...</reasoning>"}'),
  ],
  [
    'stop sequences with a closing tag after a block',
    '<think>ok</think>{"stop": ["</think>", "<|end|>"], "temperature": 0.6}',
    answer('{"stop": ["</think>", "<|end|>"], "temperature": 0.6}'),
  ],
  ['harmony markers in a string', '{"marker": "<|channel|>final<|message|>", "n": 1}', answer('{"marker": "<|channel|>final<|message|>", "n": 1}')],
  [
    'upper-case tags in strings of a fenced answer',
    'Here you go:\n```json\n{"open": "<THOUGHT>", "close": "</THOUGHT>"}\n```',
    answer('{"open": "<THOUGHT>", "close": "</THOUGHT>"}'),
  ],
  [
    'escaped quotes around a tag in a string',
    '{"html": "<div data-x=\\"</think>\\">hi</div>"}',
    answer('{"html": "<div data-x=\\"</think>\\">hi</div>"}'),
  ],
];

export function reasoningFormatCases(): Case[] {
  return casesOf('reasoning formats', [...TAGS, ...UNCLOSED, ...HARMONY, ...IN_STRINGS]);
}
