/**
 * Examples in prose (issue 8 §2): text with several candidate values, of which one is the answer.
 * Values in inline code spans are examples; an empty `{}` / `[]` or a value inside a sentence is
 * prose; a draft followed by a retraction is a draft. The answer is, in order of preference, a
 * ```` ```json ```` fenced value, a value standing on its own lines, the last complete candidate.
 * No reasoning tags here (see reasoningFormatCases.ts). Written independently of the engine's tables.
 *
 * A text that begins with a value (or its fence) has that value as its answer: streaming emits it at
 * once and never takes output back, so only prose-started text can have its first value retracted.
 * Every retraction case here therefore begins with prose.
 */
import { answer, casesOf, crlf, type Row } from './caseKit';
import type { Case } from './types';

const QUERY = '{"query": "weather in Oslo", "limit": 5}';
const USER = '{\n  "id": 118,\n  "name": "Grace Hopper",\n  "roles": ["admin", "author"],\n  "middle_name": null\n}';
const ITEM = '{"sku": "A-1", "qty": 2}';

/** Inline code spans hold examples. */
const INLINE_CODE: Row[] = [
  ['code span example then a value on its own lines', 'The API expects a body like `{"query": "..."}`. For your request:\n\n' + QUERY, answer(QUERY)],
  ['code span example then a json fence', 'Send a body like `{"query": "text", "limit": 10}` to the endpoint. Yours:\n\n```json\n' + QUERY + '\n```', answer(QUERY)],
  [
    'code spans with empty containers',
    '`{}` is an empty object and `[]` an empty array; both are valid JSON. Here is your user:\n\n```json\n' + USER + '\n```',
    answer(USER),
  ],
  [
    'Claude: notes in code spans before and after the fence',
    "Here's the JSON you requested. Note that fields you left blank, like `{\"middle_name\": null}`, are kept as `null`.\n\n```json\n" +
      USER + "\n```\n\nThe `roles` array would be `[]` if the user had no roles.",
    answer(USER),
  ],
  [
    'code span after the answer',
    QUERY + '\n\nYou can also send a minimal body like `{"query": "weather"}`, and the limit defaults to 10.',
    answer(QUERY),
  ],
  [
    'Python dict in a code span',
    "Python's `dict(a=1)` prints `{'a': 1}`; the JSON for your config is:\n\n{\"a\": 1, \"b\": [2, 3]}",
    answer('{"a": 1, "b": [2, 3]}'),
  ],
  [
    'array example in a code span',
    'A list such as `[1, 2, 3]` is fine too, but you asked for named scores:\n\n{"math": 91, "physics": 78}',
    answer('{"math": 91, "physics": 78}'),
  ],
  [
    'schema in a code span, instance as the answer',
    'The schema is `{"type": "object", "required": ["sku", "qty"]}`. An instance:\n' + ITEM,
    answer(ITEM),
  ],
  [
    'bullet list of fields with code spans',
    'Fields:\n- `sku` (string), e.g. `"B-7"`\n- `qty` (integer), e.g. `{"qty": 1}`\n- `gift` [optional] (boolean)\n\n```json\n' + ITEM + '\n```',
    answer(ITEM),
  ],
  [
    'unquoted example in a code span',
    "Don't write `{sku: 'A-1'}` — keys need double quotes. Correct:\n\n" + ITEM,
    answer(ITEM),
  ],
  [
    'French prose with a code span',
    'Voici un exemple : `{"clé": "valeur"}`. Le résultat pour votre ville :\n\n```json\n{"ville": "Lyon", "pays": "France"}\n```',
    answer('{"ville": "Lyon", "pays": "France"}'),
  ],
  [
    'answer whose strings hold code spans',
    'Here is the lint rule:\n\n{"rule": "no-empty", "hint": "use `{}` only for empty objects", "example": "`[]`"}',
    answer('{"rule": "no-empty", "hint": "use `{}` only for empty objects", "example": "`[]`"}'),
  ],
];

/** Empty containers and values inside sentences are prose. */
const IN_SENTENCES: Row[] = [
  ['empty object in a sentence', 'If nothing matches, the API returns {} — in your case it matched:\n\n' + ITEM, answer(ITEM)],
  ['empty array in a sentence', 'An empty list [] means no tags. Your tags:\n\n["travel", "food"]', answer('["travel", "food"]')],
  ['values in [brackets] are optional', 'Values in [brackets] are optional. Required fields only:\n\n{"name": "Ada", "email": "ada@example.com"}', answer('{"name": "Ada", "email": "ada@example.com"}')],
  ['wrap it like [ {...} ]', 'If you need several, wrap them like [ {...}, {...} ]. For one item:\n' + ITEM, answer(ITEM)],
  ['value in parentheses with e.g.', 'Set a limit (e.g. {"limit": 10}) if you need fewer results.\n\n{"query": "cats", "limit": 50}', answer('{"query": "cats", "limit": 50}')],
  ['"use [ ] for lists and { } for objects"', 'Use [ ] for lists and { } for objects. Your data:\n\n{"list": [1, 2], "obj": {"k": "v"}}', answer('{"list": [1, 2], "obj": {"k": "v"}}')],
  [
    'old format in a sentence after the answer',
    '{"version": 2, "strict": true}\n\nFor comparison, the old format was {"version": 1} with no strict flag.',
    answer('{"version": 2, "strict": true}'),
  ],
  [
    'inline value in a sentence, then one on its own lines',
    'The input {"celsius": 20} converts to the following:\n\n{"fahrenheit": 68}',
    answer('{"fahrenheit": 68}'),
  ],
  [
    'markdown table with empty containers',
    '| field | default |\n| --- | --- |\n| meta | {} |\n| tags | [] |\n\n```json\n{"meta": {"source": "import"}, "tags": ["new"]}\n```',
    answer('{"meta": {"source": "import"}, "tags": ["new"]}'),
  ],
  ['ellipsis placeholder in a sentence', 'The shape is {...} with one id per row. Result:\n\n[{"id": 1}, {"id": 2}]', answer('[{"id": 1}, {"id": 2}]')],
  ['bracketed aside', "I can't fetch live data [no internet access], but here is the sample you asked for:\n\n{\"temp\": 21, \"unit\": \"C\"}", answer('{"temp": 21, "unit": "C"}')],
  [
    'Japanese prose with empty brackets',
    '空の配列 [] はタグなしを意味します。結果は次のとおりです：\n\n{"名前": "佐藤", "タグ": ["新規"]}',
    answer('{"名前": "佐藤", "タグ": ["新規"]}'),
  ],
  [
    'returns [] otherwise, array of objects answer',
    'The endpoint returns [] when the user has no orders. This user has two:\n\n[\n  {"id": "o-1", "total": 12.5},\n  {"id": "o-2", "total": 3}\n]',
    answer('[{"id": "o-1", "total": 12.5}, {"id": "o-2", "total": 3}]'),
  ],
];

/** A draft followed by a retraction is a draft. */
const RETRACTED: Row[] = [
  ['"Hmm, that is wrong" then the corrected value', 'First try: {"a": 1}\nHmm, that is wrong: the key must be "id".\n\n{"id": 1}', answer('{"id": 1}')],
  ['"No wait" then a json fence', 'Something like {"status": "ok"}. No wait, the API also wants the code.\n\n```json\n{"status": "ok", "code": 200}\n```', answer('{"status": "ok", "code": 200}')],
  [
    'retracted json fence, then a second json fence',
    'Here is the config:\n```json\n{"v": 1}\n```\nSorry, that is wrong — the version must be a string.\n```json\n{"v": "1"}\n```',
    answer('{"v": "1"}'),
  ],
  ['retracted value on its own lines, "Hmm"', 'Here you go:\n{"weight": 5}\nHmm, I forgot the unit.\n{"weight": 5, "unit": "kg"}', answer('{"weight": 5, "unit": "kg"}')],
  ['"Actually" correction', 'The answer is {"capital": "Sydney"}. Actually, the capital of Australia is Canberra:\n\n{"capital": "Canberra"}', answer('{"capital": "Canberra"}')],
  [
    '"Correction:" after a pretty value',
    'The conversion:\n\n{\n  "from": "EUR",\n  "to": "USD",\n  "rate": 1.8\n}\n\nCorrection: the rate was a typo.\n\n{\n  "from": "EUR",\n  "to": "USD",\n  "rate": 1.08\n}',
    answer('{"from": "EUR", "to": "USD", "rate": 1.08}'),
  ],
  [
    '"that\'s not valid" then the fixed value',
    "Try {\"items\": [1, 2, 3,]} — that's not valid JSON because of the trailing comma. Fixed:\n\n{\"items\": [1, 2, 3]}",
    answer('{"items": [1, 2, 3]}'),
  ],
  [
    'answer whose string says "No wait"',
    'Here is the transcript line:\n\n{"speaker": "Sam", "line": "No wait, that is wrong!"}',
    answer('{"speaker": "Sam", "line": "No wait, that is wrong!"}'),
  ],
  [
    'retraction with CRLF',
    crlf('Draft: {"enabled": false}\nNo, that is wrong - you asked to turn it on.\n\n{"enabled": true}\n'),
    answer('{"enabled": true}'),
  ],
];

/** "Oops" / "Hmm" that introduce a caveat, a note or an addition after the only value retract nothing. */
const CAVEATS: Row[] = [
  ['"Oops, one caveat" after the only value', 'Here is the parsed invoice:\n\n{"number": "INV-2291", "total": 418.5, "currency": "EUR"}\n\nOops, one caveat: the total includes VAT, which the PDF lists separately.', answer('{"number": "INV-2291", "total": 418.5, "currency": "EUR"}')],
  ['"Hmm, one caveat" after a fenced answer', 'Sure, here you go:\n```json\n{"city": "Lisbon", "population": 545000}\n```\nHmm, one caveat: the population is the 2021 census figure.', answer('{"city": "Lisbon", "population": 545000}')],
  ['"Oops — note that" after the only value', 'Extracted fields:\n{"sku": "B-77", "in_stock": false}\nOops \u2014 note that `in_stock` reflects the warehouse, not the shop.', answer('{"sku": "B-77", "in_stock": false}')],
  ['"Hmm, also" after the only value', 'Result:\n\n{"tags": ["urgent", "billing"]}\n\nHmm, also: a third tag, "refund", was borderline.', answer('{"tags": ["urgent", "billing"]}')],
  ['"Oops, by the way" after a pretty value', 'Here is the event:\n\n{\n  "title": "Standup",\n  "day": "Monday"\n}\n\nOops, by the way, the time zone is UTC.', answer('{"title": "Standup", "day": "Monday"}')],
  ['"Actually," after a fenced draft, corrected value on its own lines', 'Here is the estimate:\n```json\n{"eta_minutes": 30}\n```\nActually, with the rush-hour traffic it is longer:\n{"eta_minutes": 45}', answer('{"eta_minutes": 45}')],
  ['"Actually," adding a remark after the only value', 'Here is the estimate:\n```json\n{"eta_minutes": 30}\n```\nActually, that is all the API needs.', answer('{"eta_minutes": 30}')],
  ['"Oops, I forgot" then the fixed value', 'Here is the event:\n{"title": "Standup"}\nOops, I forgot the day.\n{"title": "Standup", "day": "Monday"}', answer('{"title": "Standup", "day": "Monday"}')],
  ['"Oops, interesting:" remark after the only value', 'Here is the parsed receipt:\n\n{"store": "Lidl", "total": 23.4}\n\nOops, interesting: the receipt prints the total twice.', answer('{"store": "Lidl", "total": 23.4}')],
  ['"Hmm" adding a fact after the only value', 'Weather for Oslo:\n{"temp_c": -3, "sky": "snow"}\nHmm, the station also reports a wind chill of -9.', answer('{"temp_c": -3, "sky": "snow"}')],
  ['"Hmm, the count is off" then the fixed value', 'Counted:\n```json\n{"apples": 4}\n```\nHmm, the count is off by one.\n{"apples": 5}', answer('{"apples": 5}')],
  ['"Oops, wrong field" then the fixed value', 'Here you go:\n```json\n{"nmae": "Ada"}\n```\nOops, wrong field name.\n{"name": "Ada"}', answer('{"name": "Ada"}')],
  ['"Actually, use … instead" correcting inside its sentence', 'The config is:\n{"retries": 3}\n\nActually, use {"retries": 5} instead, the API is flaky.', answer('{"retries": 5}')],
  ['"Actually, make it …" after a fenced value', 'Here:\n```json\n{"size": "M"}\n```\nActually, make it {"size": "L"} since the user asked for large.', answer('{"size": "L"}')],
];

/** Several candidates: the json fence, then a value on its own lines, then the last complete one. */
const SEVERAL: Row[] = [
  ['input and output, output fenced', 'Input: {"x": 1}\nOutput:\n```json\n{"y": 2}\n```', answer('{"y": 2}')],
  [
    'bare-fenced format, json-fenced answer',
    'Example format:\n```\n{"name": "string"}\n```\nActual:\n```json\n{"name": "Ada"}\n```',
    answer('{"name": "Ada"}'),
  ],
  [
    'request on its own lines, response fenced',
    'Request:\n{"method": "GET", "path": "/users"}\n\nResponse:\n```json\n{"status": 200, "count": 12}\n```',
    answer('{"status": 200, "count": 12}'),
  ],
  [
    'options in a sentence, recommendation last',
    'Option A is {"plan": "free"}, option B is {"plan": "pro"}. I recommend B with three seats: {"plan": "pro", "seats": 3}',
    answer('{"plan": "pro", "seats": 3}'),
  ],
  [
    'code span, sentence value, then the final value',
    'With `{"a": 0}` as the default and {"a": 1} as the minimum, the final JSON is {"a": 7}.',
    answer('{"a": 7}'),
  ],
  [
    'json fence before a trailing example',
    '```json\n{"lang": "en", "words": 412}\n```\n\nFor a French text it would look like {"lang": "fr", "words": 0}.',
    answer('{"lang": "en", "words": 412}'),
  ],
  [
    'value on its own lines among sentence values',
    'Unlike {"old": true} or {"legacy": 1}, the new settings are:\n\n{"theme": "dark", "font_size": 14}\n\nwhich replace everything.',
    answer('{"theme": "dark", "font_size": 14}'),
  ],
  [
    'blockquoted example, then the answer',
    '> Example: {"a": 0, "note": "placeholder"}\n\nYour values:\n\n{"a": 5, "note": "measured"}',
    answer('{"a": 5, "note": "measured"}'),
  ],
  [
    'numbered steps with examples, answer fenced',
    '1. Start from `{}`.\n2. Add the key, e.g. {"key": "k"}.\n3. Add the value.\n\nResult:\n```json\n{"key": "api_token", "value": "abc123"}\n```',
    answer('{"key": "api_token", "value": "abc123"}'),
  ],
  [
    'json fence preferred over a later value on its own lines',
    '```json\n{"ok": true, "id": 3}\n```\n\nThe previous response was:\n\n{"ok": false}',
    answer('{"ok": true, "id": 3}'),
  ],
  [
    'template, then the value a conditional sentence calls valid',
    'The output follows this template:\n```json\n{"name": "<full name>", "email": "<email>", "phone": "<phone>"}\n```\nYour text has no email. If the email is missing, the result is still valid:\n```json\n{"name": "Ana Souza", "phone": "+351 912 000 111"}\n```',
    answer('{"name": "Ana Souza", "phone": "+351 912 000 111"}'),
  ],
  [
    'fenced shape of type names, then the answer on its own lines',
    'Each record has this shape:\n\n```json\n{"title": "string", "year": "integer", "isbn": "string"}\n```\n\nOnly `title` is required. If the ISBN is missing, the record is still valid:\n\n{"title": "Dune", "year": 1965}',
    answer('{"title": "Dune", "year": 1965}'),
  ],
  [
    'example, then the value a conditional sentence calls fine',
    'Example:\n{"name": "Jane Doe", "email": "jane@example.com"}\n\nIf the email is absent, the object is still fine:\n{"name": "Li Wei"}',
    answer('{"name": "Li Wei"}'),
  ],
  [
    'several candidates, CRLF, unicode',
    crlf('Beispiel: {"stadt": "Köln"}\nErgebnis:\n```json\n{"stadt": "München", "einwohner": 1488202}\n```\n'),
    answer('{"stadt": "München", "einwohner": 1488202}'),
  ],
];

export function proseExampleCases(): Case[] {
  return casesOf('examples in prose', [...INLINE_CODE, ...IN_SENTENCES, ...RETRACTED, ...CAVEATS, ...SEVERAL]);
}
