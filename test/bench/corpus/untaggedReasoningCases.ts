/**
 * Reasoning without an opening tag (issue 8 §1): DeepSeek-R1-style chat templates put `<think>` in the
 * prompt, so the content starts with the reasoning itself and only the closing tag arrives. The
 * reasoning thinks out loud with JSON drafts in it; the answer is the value after the last closing tag
 * (`</think>`, `</thinking>`, `</reasoning>`), never a draft. Written independently of the engine's
 * behaviour tables, in the styles of DeepSeek-R1, Qwen QwQ / Qwen3, Claude and o-series summaries.
 */
import { answer, casesOf, crlf, cutAnswer, NO_ANSWER, type Row } from './caseKit';
import type { Case } from './types';

const PROFILE = '{"name": "John Carter", "age": 34, "email": "john.carter@example.com"}';
const TICKET = '{"id": 4812, "status": "open", "priority": "high", "assignee": null}';
const WEATHER_ARGS = '{"city": "Lyon", "unit": "celsius", "days": 3}';
const PRETTY_ORDER =
  '{\n  "order_id": "A-1042",\n  "items": [\n    {"sku": "KB-01", "qty": 1, "price": 49.99},\n    {"sku": "MS-07", "qty": 2, "price": 19.5}\n  ],\n  "total": 88.99,\n  "paid": false\n}';
const TAGS = '["billing", "refund", "urgent"]';
const PEOPLE = '[{"name": "Alice", "role": "admin"}, {"name": "Bob", "role": "viewer"}]';

const R1_PROFILE =
  'Okay, the user wants a JSON object for a user profile with name, age and email. Let me sketch it: ' +
  '{"name": "John Carter", "age": 34} No wait, that misses the email field. The user clearly listed three fields, so all three go in.\n';

/** Answer kept whole, after reasoning that ends with a closing tag. */
const WHOLE: Row[] = [
  ['R1 draft object then "No wait", bare answer', R1_PROFILE + '</think>\n\n' + PROFILE, answer(PROFILE)],
  ['R1 draft object, fenced answer', R1_PROFILE + '</think>\n\n```json\n' + PROFILE + '\n```', answer(PROFILE)],
  ['R1 draft object, CRLF', crlf(R1_PROFILE + '</think>\n\n' + PROFILE), answer(PROFILE)],
  [
    'array draft "Something like [ {...} ]? No"',
    'The ticket has to be created in the tracker. Something like [ {"id": 4812} ]? No, a single value, not a list. ' +
      'Priority: the customer said it blocks the release, so high.\n</think>\n\n' + TICKET,
    answer(TICKET),
  ],
  [
    'complete array draft then a single object',
    'They want the people with roles. Something like [{"name": "Alice"}, {"name": "Bob"}]? Hmm, roles are missing. ' +
      'Alice is admin, Bob is viewer.\n</think>\n' + PEOPLE,
    answer(PEOPLE),
  ],
  [
    'fenced draft inside the reasoning, bare answer after',
    'Let me write the order out first:\n```json\n{"order_id": "A-1042", "items": [], "total": 0}\n```\n' +
      'Wait, that is wrong, the items are a keyboard and two mice. Total is 49.99 + 2 * 19.5 = 88.99.\n</think>\n' + PRETTY_ORDER,
    answer(PRETTY_ORDER),
  ],
  [
    'pretty draft on its own lines in the reasoning',
    'Hmm, the format could be:\n\n{\n  "order_id": "A-1042",\n  "total": 88.99\n}\n\nBut the user wants the items too, and whether it is paid.\n</think>\n\n```json\n' +
      PRETTY_ORDER + '\n```',
    answer(PRETTY_ORDER),
  ],
  [
    'QwQ "Okay, let\'s see" with alternatives',
    "Okay, let's see. The user is asking for the tags of this support message. Let me read it again: the customer wants their money back and it's urgent.\n\n" +
      'So maybe ["refund"]? Alternatively ["billing", "refund"]. Wait, they also said it is urgent, so that should be a tag too.\n\n' +
      'So the final answer should be three tags.\n</think>\n\n' + TAGS,
    answer(TAGS),
  ],
  [
    'two drafts and prose before the fenced answer',
    'First attempt: {"city": "Paris"}. Hmm, the user said Lyon, not Paris. Second attempt: {"city": "Lyon", "days": 3}. ' +
      'That is wrong too, the unit must be given since the API defaults to kelvin.\n</think>\n\nHere is the JSON for the call:\n\n```json\n' +
      WEATHER_ARGS + '\n```',
    answer(WEATHER_ARGS),
  ],
  [
    'draft in an inline code span',
    'Maybe `{"q": "cheap flights"}`? Hmm, the search API needs a limit as well, default 10.\n</think>\n{"q": "cheap flights", "limit": 10}',
    answer('{"q": "cheap flights", "limit": 10}'),
  ],
  [
    'Claude-style reasoning closed by </thinking>',
    "The user wants their meeting as a calendar event. I'll draft the structure: {\"title\": \"Sync\", \"start\": \"10:00\"}. " +
      "Actually that's not quite right — the API wants ISO 8601 timestamps and a duration in minutes.\n</thinking>\n\n" +
      '{"title": "Sync", "start": "2024-05-02T10:00:00Z", "duration_minutes": 30}',
    answer('{"title": "Sync", "start": "2024-05-02T10:00:00Z", "duration_minutes": 30}'),
  ],
  [
    'o-series summary closed by </reasoning>',
    '**Parsing the request**\n\nThe user needs a subscription plan for a team of five. I could start with {"plan": "basic"}.\n\n' +
      '**Checking constraints**\n\nBasic allows one seat only, so that draft does not work; team plan with five seats.\n</reasoning>\n' +
      '{"plan": "team", "seats": 5, "billing": "monthly"}',
    answer('{"plan": "team", "seats": 5, "billing": "monthly"}'),
  ],
  [
    'empty reasoning before the answer',
    '\n</think>\n\n{"ok": true, "count": 2}',
    answer('{"ok": true, "count": 2}'),
  ],
  [
    'Chinese reasoning with a draft',
    '好的，用户想要一个描述城市的JSON对象。先试一下：{"城市": "北京"} 不对，还需要人口和国家。\n北京人口大约2154万。\n</think>\n\n' +
      '{"城市": "北京", "国家": "中国", "人口": 21540000}',
    answer('{"城市": "北京", "国家": "中国", "人口": 21540000}'),
  ],
  [
    'draft in single quotes (not yet JSON)',
    "The model output should be like {'name': 'widget', 'price': 9}. No, JSON needs double quotes and the price is 9.5.\n</think>\n" +
      '{"name": "widget", "price": 9.5}',
    answer('{"name": "widget", "price": 9.5}'),
  ],
  [
    'math with braces and intervals in the reasoning',
    'The set {1, 2, 3} has three elements and the interval [0, 1] is closed. The user asks for the mean and the range of {4, 8, 15}: ' +
      'mean = 27/3 = 9, range = 15 - 4 = 11.\n</think>\n\n{"mean": 9, "range": 11}',
    answer('{"mean": 9, "range": 11}'),
  ],
  [
    'draft cut in the middle and restarted',
    'Start: {"steps": [1, 2 — hmm, no, let me restart, the steps should be strings.\n</think>\n{"steps": ["mix", "bake", "cool"]}',
    answer('{"steps": ["mix", "bake", "cool"]}'),
  ],
  [
    'draft approved but the answer differs',
    'Plan: {"a": 1}. Good, that matches the first field. Then the second field b is 2.\n</think>\n\n{"a": 1, "b": 2}',
    answer('{"a": 1, "b": 2}'),
  ],
  [
    'answer on the same line as the tag',
    'Output just the flag. Draft {"ok": false} is wrong since the check passed.</think>{"ok": true}',
    answer('{"ok": true}'),
  ],
  [
    'tool call wrapper after the tag (Qwen)',
    'I need to call get_weather. Arguments: {"city": "Paris"}? No, the user said Lyon. Three days, celsius.\n</think>\n\n<tool_call>\n' +
      '{"name": "get_weather", "arguments": ' + WEATHER_ARGS + '}\n</tool_call>',
    answer('{"name": "get_weather", "arguments": ' + WEATHER_ARGS + '}'),
  ],
  [
    'two closing tags: the answer follows the last',
    'Draft {"x": 1}.\n</think>\n\nWait, one more check: {"x": 1} ignores the limit of 0.\n</think>\n{"x": 0}',
    answer('{"x": 0}'),
  ],
  [
    'prose after the answer',
    'Need id and status. {"id": 7} alone is not enough.\n</think>\n\n{"id": 7, "status": "done"}\n\nThis includes both required fields.',
    answer('{"id": 7, "status": "done"}'),
  ],
  [
    'markdown heading and bare fence after the tag',
    'So the config is {"debug": true}? Hmm, production, so debug must be off.\n</think>\n\n### Result\n\n```\n{"debug": false, "workers": 4}\n```\n',
    answer('{"debug": false, "workers": 4}'),
  ],
  [
    'answer needs repairs after the tag',
    "Let me sketch it: {\"name\": \"Ada\"} No wait, they want the tags and active too.\n</think>\n\n{name: 'Ada', \"tags\": [\"math\", \"engines\",], \"active\": True}",
    answer('{"name": "Ada", "tags": ["math", "engines"], "active": true}'),
  ],
  [
    'nested array draft, then objects',
    'Matrix as [[1, 2], [3, 4]]? Hmm, the user wants named rows.\n</think>\n[{"row": "a", "values": [1, 2]}, {"row": "b", "values": [3, 4]}]',
    answer('[{"row": "a", "values": [1, 2]}, {"row": "b", "values": [3, 4]}]'),
  ],
  [
    'emoji in reasoning and answer',
    'User wants a reaction summary 🤔 Like {"👍": 3}? No — they want counts per name, not per emoji.\n</think>\n\n{"alice": "👍", "bob": "🎉", "total": 2}',
    answer('{"alice": "👍", "bob": "🎉", "total": 2}'),
  ],
  [
    'whitespace and tabs around the tag',
    'Compute: 6 * 7 = 42. Result {"v": 41}? No, 42.\t</think>\t\n\n  {"v": 42}  \n',
    answer('{"v": 42}'),
  ],
  [
    'empty array draft then tags',
    'If there were no tags, it would be []. But the message mentions billing, a refund and urgency.\n</think>\n' + TAGS,
    answer(TAGS),
  ],
  [
    'long R1 reasoning with several drafts',
    'Okay, so I need to produce an invoice object. Let me think about what fields are needed.\n\n' +
      'The user mentioned the customer "Acme Corp", two line items, and a due date. Let me sketch it: {"customer": "Acme Corp", "items": 2} No wait, items should be a list.\n\n' +
      'Second try:\n{"customer": "Acme Corp", "items": [{"desc": "Consulting", "amount": 1200}]}\nHmm, I forgot the second item, the hosting for 300.\n\n' +
      'Also the due date: they said "end of June", so 2024-06-30. And the currency is EUR since the customer is in Berlin.\n\n' +
      'Total = 1200 + 300 = 1500. Let me double-check: yes, 1500.\n</think>\n\n```json\n' +
      '{\n  "customer": "Acme Corp",\n  "currency": "EUR",\n  "due": "2024-06-30",\n  "items": [\n    {"desc": "Consulting", "amount": 1200},\n    {"desc": "Hosting", "amount": 300}\n  ],\n  "total": 1500\n}\n```',
    answer(
      '{"customer": "Acme Corp", "currency": "EUR", "due": "2024-06-30", "items": [{"desc": "Consulting", "amount": 1200}, {"desc": "Hosting", "amount": 300}], "total": 1500}',
    ),
  ],
  [
    'tool-call reasoning: "Actually the user said"',
    "I'll call search_hotels with {\"city\": \"Rome\", \"nights\": 2}. Actually the user said three nights, and only four stars or more.\n</think>\n\n" +
      '{"city": "Rome", "nights": 3, "min_stars": 4}',
    answer('{"city": "Rome", "nights": 3, "min_stars": 4}'),
  ],
  [
    'coordinates answer after a wrong draft',
    'Eiffel tower: {"lat": 48.85, "lon": 2.29}? That is rounded too much, the user wants four decimals.\n</think>\n\n{"lat": 48.8584, "lon": 2.2945}',
    answer('{"lat": 48.8584, "lon": 2.2945}'),
  ],
  [
    'fenced answer with CRLF',
    crlf('Let me sketch it: {"draft": true} No wait, the flag is called "enabled".\n</think>\n\n```json\n{"enabled": true, "retries": 3}\n```\n'),
    answer('{"enabled": true, "retries": 3}'),
  ],
  [
    'draft that is the prefix of the answer',
    'The response starts {"user": {"id": 9}} and... hmm, that is wrong, the user has a name as well.\n</think>\n{"user": {"id": 9, "name": "Kim"}}',
    answer('{"user": {"id": 9, "name": "Kim"}}'),
  ],
  [
    'QwQ retraction "that is not right" with prose lead-in',
    "Alright. The user wants a list of three primes greater than 10. [11, 13, 15]? That is not right, 15 is divisible by 3. So [11, 13, 17].\n</think>\n\nThe three primes are:\n\n[11, 13, 17]",
    answer('[11, 13, 17]'),
  ],
];

const CUT_ORDER = '{"order_id": "A-1042", "items": [{"sku": "KB-01", "qty": 1}, {"sku": "MS-07", "qty": 2}], "paid": false}';
const R1_ORDER = 'Order summary: {"order_id": "A-1042"} No wait, include the items and whether it is paid.\n</think>\n\n';

/** The stream ends after the closing tag, inside the answer or before it. */
const CUT: Row[] = [
  ['answer cut inside a string', R1_ORDER + CUT_ORDER.slice(0, 40), cutAnswer(CUT_ORDER, 40)],
  ['answer cut inside the items', R1_ORDER + CUT_ORDER.slice(0, 64), cutAnswer(CUT_ORDER, 64)],
  ['answer cut after a comma', R1_ORDER + CUT_ORDER.slice(0, 88), cutAnswer(CUT_ORDER, 88)],
  ['answer cut in an unclosed fence', R1_ORDER + '```json\n' + CUT_ORDER.slice(0, 75), cutAnswer(CUT_ORDER, 75)],
  ['answer cut in a keyword', R1_ORDER + CUT_ORDER.slice(0, CUT_ORDER.length - 3), cutAnswer(CUT_ORDER, CUT_ORDER.length - 3)],
  [
    'pretty answer cut in a number, CRLF',
    crlf('Draft {"total": 0}? Hmm, no, the total is 88.99.\n</think>\n\n' + PRETTY_ORDER.slice(0, 100)),
    cutAnswer(crlf(PRETTY_ORDER), crlf(PRETTY_ORDER.slice(0, 100)).length),
  ],
  ['stream ends right after the tag', R1_PROFILE + '</think>\n\n', NO_ANSWER],
  [
    'stream ends inside the reasoning, only a retracted draft',
    'Okay, the user wants a config. Draft: {"debug": true} — no wait, debug should be off in production, and we also need the',
    NO_ANSWER,
  ],
];

export function untaggedReasoningCases(): Case[] {
  return casesOf('reasoning, no opening tag', [...WHOLE, ...CUT]);
}
