// New-user trial 11: LLM-like texts written by hand (trial11, 2026-12-02) BEFORE reading the engine's
// selection code, the corpus or trials 1-10's texts (only the README's promises and the trial harness's types),
// aimed at families the earlier trials may have been thin on: reasoning models as different hosts serve them
// (DeepSeek R1's lone `</think>`, Qwen3's empty block, gpt-oss harmony with and without its special tokens,
// Claude thinking dumps, Gemini `<thought>` summaries, Magistral's `[THINK]`), structured-output retries
// ("Here is the corrected JSON"), JSON Lines and several records, tool-call formats written as text,
// chat-template leaks (ChatML, Llama 3 headers, `[INST]`, Gemma turns, `<|endoftext|>`), multilingual prose
// around JSON (CJK punctuation, RTL marks, guillemets), JSON as code models write it (JSONC, JSON5, JS / Python
// literals, elisions), truncation at max_tokens in every position, answers inside markdown lists / tables /
// quotes, and things a user pastes (HTTP responses, REPLs, log lines, error messages, PDFs, e-mail quoting).
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written once, committed before the first run; never edited to match the engine.

import type { TrialCase } from '../trialRun';

const F = '```';

const HOST = 'reasoning models by host';
const RETRY = 'structured-output retries';
const LINES = 'JSON Lines and several records';
const TOOL = 'tool calls as text';
const TMPL = 'chat-template leaks';
const LANG = 'multilingual prose';
const CODE = 'code-model JSON';
const CUT = 'truncation at max_tokens';
const MD = 'markdown containers';
const PASTE = 'pasted by the user';

export const TRIAL11_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- reasoning models by host
  {
    id: 't11-host-01', category: HOST, status: 'VALID',
    note: 'DeepSeek R1 on a host whose template puts <think> in the prompt: a lone </think>, a draft in the reasoning, the answer in a fence',
    text: `Okay, the user wants a JSON object mapping each country to its capital. France -> Paris, Japan -> Tokyo. Maybe {"France": "Paris"} first and add Japan after? Yes, a flat mapping is fine. Let me double check Japan: Tokyo, yes.
</think>

${F}json
{"France": "Paris", "Japan": "Tokyo"}
${F}`,
    want: { France: 'Paris', Japan: 'Tokyo' },
  },
  {
    id: 't11-host-02', category: HOST, status: 'VALID',
    note: 'Qwen3 with enable_thinking=false: an empty think block, then the answer',
    text: '<think>\n\n</think>\n\n{"sentiment": "positive", "score": 0.92}',
    want: { sentiment: 'positive', score: 0.92 },
  },
  {
    id: 't11-host-03', category: HOST, status: 'VALID',
    note: 'Qwen3 thinking, braces and a draft inside the block',
    text: '<think>\nThe schema needs {name, age}. The user said "Bob, 42". So {"name": "Bob", "age": "42"}? No, age is an integer.\n</think>\n\n{"name": "Bob", "age": 42}',
    want: { name: 'Bob', age: 42 },
  },
  {
    id: 't11-host-04', category: HOST, status: 'VALID',
    note: 'gpt-oss through a raw completions endpoint: harmony tokens intact',
    text: '<|channel|>analysis<|message|>Need JSON with fields city and temp_c. Oslo is -3 today, draft {"city":"Oslo"} lacks temp.<|end|><|start|>assistant<|channel|>final<|message|>{"city":"Oslo","temp_c":-3}<|return|>',
    want: { city: 'Oslo', temp_c: -3 },
  },
  {
    id: 't11-host-05', category: HOST, status: 'VALID',
    note: 'gpt-oss on a host that skips special tokens: the channel names glued to the text ("analysis…assistantfinal{…}")',
    text: 'analysisWe need to return JSON with keys "lang" and "confidence". The text is Spanish. So {"lang":"es"} plus confidence 0.97.assistantfinal{"lang": "es", "confidence": 0.97}',
    want: { lang: 'es', confidence: 0.97 },
  },
  {
    id: 't11-host-06', category: HOST, status: 'VALID',
    note: 'Claude with prompted thinking: <thinking> with a wrong draft, then <answer>',
    text: '<thinking>\nLet me count the items: apples 3, pears 2. Draft: {"total": 4}? No, 3 + 2 is 5.\n</thinking>\n<answer>\n{"total": 5}\n</answer>',
    want: { total: 5 },
  },
  {
    id: 't11-host-07', category: HOST, status: 'VALID',
    note: 'Gemini thought summaries concatenated before the answer by a client (bold headings, a template value in a sentence)',
    text: `**Analyzing the request**

I'm focusing on extracting the date and the amount from the invoice text. The date is written 14/03/2026.

**Formulating the JSON**

I've settled on {"date": ..., "amount": ...} as the structure, with the date in ISO form.

{"date": "2026-03-14", "amount": 129.5}`,
    want: { date: '2026-03-14', amount: 129.5 },
  },
  {
    id: 't11-host-08', category: HOST, status: 'VALID',
    note: "Gemini's OpenAI-compatible endpoint with include_thoughts: the thought summary in <thought> tags glued to the answer",
    text: '<thought>**Parsing the date**\n\nThe invoice says 14/03/2026, so ISO is 2026-03-14.\n</thought>{"invoice_date": "2026-03-14"}',
    want: { invoice_date: '2026-03-14' },
  },
  {
    id: 't11-host-09', category: HOST, status: 'VALID',
    note: 'R1 distill, lone </think>, two candidate drafts in the reasoning, the answer unfenced on its own line',
    text: 'We need to classify the message. Options: {"label": "spam"} or {"label": "ham"}. The message offers a prize, so spam. Wait, check the sender... unknown domain. Spam.\n</think>\n{"label": "spam", "confidence": 0.88}',
    want: { label: 'spam', confidence: 0.88 },
  },
  {
    id: 't11-host-10', category: HOST, status: 'VALID',
    note: "Magistral's [THINK]…[/THINK] markers as text, a draft array in the reasoning",
    text: '[THINK]The user asks for ISO codes. Germany DE, Austria AT. Output ["DE", "AT"]? They want an object mapping names to codes.[/THINK]{"Germany": "DE", "Austria": "AT"}',
    want: { Germany: 'DE', Austria: 'AT' },
  },
  {
    id: 't11-host-11', category: HOST, status: 'VALID',
    note: 'claude.ai copy: "Thought process" heading, a draft with a retraction, the answer',
    text: 'Thought process\nThe user wants the three largest planets by radius as JSON. Jupiter, Saturn, then Neptune? So ["Jupiter", "Saturn", "Neptune"]? No — Uranus (25,559 km) is larger than Neptune (24,764 km).\n\n["Jupiter", "Saturn", "Uranus"]',
    want: ['Jupiter', 'Saturn', 'Uranus'],
  },
  {
    id: 't11-host-12', category: HOST, status: 'VALID',
    note: 'a fenced draft inside a think block, the answer fenced after it',
    text: `<think>
Draft:
${F}json
{"steps": 2}
${F}
Hmm, the user listed three steps.
</think>
${F}json
{"steps": 3}
${F}`,
    want: { steps: 3 },
  },
  {
    id: 't11-host-13', category: HOST, status: 'VALID',
    note: 'QwQ-style reasoning in content with no tags at all, a draft, then **Final Answer** and a fence',
    text: `First I thought the answer is {"a": 1}, but the question also asks for b, which is 2.

So the object must have both fields.

**Final Answer**
${F}json
{"a": 1, "b": 2}
${F}`,
    want: { a: 1, b: 2 },
  },
  {
    id: 't11-host-14', category: HOST, status: 'VALID',
    note: 'Anthropic SDK content list printed by a user: ThinkingBlock then TextBlock with the JSON as its text',
    text: `[ThinkingBlock(signature='ErUBCkYIBRgCIkB3x', thinking='The user wants a JSON object with the count. There are 3 items.', type='thinking'), TextBlock(citations=None, text='{"count": 3}', type='text')]`,
    want: { count: 3 },
  },
  {
    id: 't11-host-15', category: HOST, status: 'VALID',
    note: 'a raw response that keeps an uppercase <THINK> block with a retracted draft in it',
    text: '<THINK>\nuser wants {"ok": false}? no - it succeeded\n</THINK>\n{"ok": true}',
    want: { ok: true },
  },

  // ---------------------------------------------------------------- structured-output retries
  {
    id: 't11-retry-01', category: RETRY, status: 'VALID',
    note: 'apology, then the corrected JSON in a fence',
    text: `I apologize for the error. Here is the corrected JSON:

${F}json
{"name": "Ada", "age": 36}
${F}`,
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't11-retry-02', category: RETRY, status: 'VALID',
    note: 'the retry quotes the previous invalid output, then gives the corrected one',
    text: 'You\'re right, the previous output had `age` as a string:\n{"name": "Ada", "age": "36"}\n\nHere is the corrected JSON:\n{"name": "Ada", "age": 36}',
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't11-retry-03', category: RETRY, status: ['VALID', 'REPAIRED'],
    note: 'JSON-started, then the model corrects itself in the same answer',
    text: '{"name": "Ada", "age": "36"}\n\nWait, age should be a number. Corrected:\n{"name": "Ada", "age": 36}',
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't11-retry-04', category: RETRY, status: 'VALID',
    note: 'a validation error explained, then the fixed response pretty-printed',
    text: 'Sorry about that — the `tags` field must be an array, not a string. Here\'s the fixed response:\n\n{\n  "title": "Quarterly report",\n  "tags": ["finance", "q3"]\n}',
    want: { title: 'Quarterly report', tags: ['finance', 'q3'] },
  },
  {
    id: 't11-retry-05', category: RETRY, status: 'VALID',
    note: 'the fix described in parentheses before the value',
    text: 'Here is the corrected JSON (I removed the trailing comma after the last item):\n{"ok": true, "items": [1, 2, 3]}',
    want: { ok: true, items: [1, 2, 3] },
  },
  {
    id: 't11-retry-06', category: RETRY, status: 'VALID',
    note: 'the parser error and the bad value in inline code, then the fix in a fence',
    text: `The error was \`Unexpected token } in JSON at position 8\` because of \`{"a": 1,}\`. Corrected:

${F}json
{"a": 1}
${F}`,
    want: { a: 1 },
  },
  {
    id: 't11-retry-07', category: RETRY, status: 'VALID',
    note: 'original and fixed, both fenced',
    text: `Original (invalid):
${F}json
{'count': '3'}
${F}
Fixed:
${F}json
{"count": 3}
${F}`,
    want: { count: 3 },
  },
  {
    id: 't11-retry-08', category: RETRY, status: 'VALID',
    note: 'the previous answer was cut; the complete one follows',
    text: 'Apologies, my previous answer was truncated. Here is the complete JSON:\n\n{"cities": ["Lima", "Quito", "Bogotá"], "count": 3}',
    want: { cities: ['Lima', 'Quito', 'Bogotá'], count: 3 },
  },
  {
    id: 't11-retry-09', category: RETRY, status: 'VALID',
    note: 'function arguments given again after a failed call',
    text: "I'll call the function again with valid arguments:\n{\"city\": \"Paris\", \"units\": \"metric\"}",
    want: { city: 'Paris', units: 'metric' },
  },
  {
    id: 't11-retry-10', category: RETRY, status: 'VALID',
    note: 'the validator message quoted with a JSON Pointer and a bad value in parentheses',
    text: 'The validator reported: /items/0/qty: expected integer, got string ("2").\nFixed:\n{"items": [{"sku": "A1", "qty": 2}]}',
    want: { items: [{ sku: 'A1', qty: 2 }] },
  },
  {
    id: 't11-retry-11', category: RETRY, status: 'REPAIRED',
    note: '"corrected" JSON that is still broken',
    text: 'Here is the corrected JSON:\n{"a": 1, "b": [1, 2,],}',
    want: { a: 1, b: [1, 2] },
  },
  {
    id: 't11-retry-12', category: RETRY, status: 'VALID',
    note: 'a retry that lists what changed as a bullet list after the value',
    text: 'Updated JSON:\n\n```json\n{"id": 17, "status": "active", "tags": []}\n```\n\nChanges:\n- `status` is now one of the allowed values\n- `tags` is an empty array `[]` instead of `null`',
    want: { id: 17, status: 'active', tags: [] },
  },

  // ---------------------------------------------------------------- JSON Lines and several records
  {
    id: 't11-lines-01', category: LINES, status: 'REPAIRED',
    note: 'NDJSON, JSON-started: the first record, the others extra values (README "several values")',
    text: '{"id": 1, "ok": true}\n{"id": 2, "ok": false}\n{"id": 3, "ok": true}',
    want: { id: 1, ok: true },
    alsoOk: [[{ id: 1, ok: true }, { id: 2, ok: false }, { id: 3, ok: true }]],
  },
  {
    id: 't11-lines-02', category: LINES, status: 'REPAIRED',
    note: 'prose, then a ```jsonl fence',
    text: `Here are the rows as JSON Lines:

${F}jsonl
{"sku": "A1", "qty": 2}
{"sku": "B7", "qty": 1}
${F}`,
    want: { sku: 'A1', qty: 2 },
    alsoOk: [[{ sku: 'A1', qty: 2 }, { sku: 'B7', qty: 1 }]],
  },
  {
    id: 't11-lines-03', category: LINES, status: 'REPAIRED',
    note: 'records separated by commas with no enclosing array',
    text: '{"a": 1},\n{"a": 2},\n{"a": 3}',
    want: { a: 1 },
    alsoOk: [[{ a: 1 }, { a: 2 }, { a: 3 }]],
  },
  {
    id: 't11-lines-04', category: LINES, status: 'REPAIRED',
    note: 'prose, then records one per line, no fence',
    text: 'Here are the records:\n{"user": "ana", "score": 12}\n{"user": "bo", "score": 9}',
    want: { user: 'ana', score: 12 },
    alsoOk: [[{ user: 'ana', score: 12 }, { user: 'bo', score: 9 }]],
  },
  {
    id: 't11-lines-05', category: LINES, status: 'REPAIRED',
    note: 'NDJSON cut at max_tokens inside the third record',
    text: '{"n": 1}\n{"n": 2}\n{"n": 3, "tex',
    want: { n: 1 },
    alsoOk: [[{ n: 1 }, { n: 2 }, { n: 3 }], [{ n: 1 }, { n: 2 }]],
  },
  {
    id: 't11-lines-06', category: LINES, status: 'REPAIRED',
    note: 'two parallel tool calls concatenated with no separator',
    text: '{"name": "get_weather", "arguments": {"city": "Oslo"}}{"name": "get_weather", "arguments": {"city": "Bergen"}}',
    want: { name: 'get_weather', arguments: { city: 'Oslo' } },
    alsoOk: [[{ name: 'get_weather', arguments: { city: 'Oslo' } }, { name: 'get_weather', arguments: { city: 'Bergen' } }]],
  },
  {
    id: 't11-lines-07', category: LINES, status: 'REPAIRED',
    note: 'an array of records one per line with a trailing comma before the bracket',
    text: '[\n{"id": 1},\n{"id": 2},\n]',
    want: [{ id: 1 }, { id: 2 }],
  },
  {
    id: 't11-lines-08', category: LINES, status: ['VALID', 'REPAIRED'],
    note: 'one fence per record, each with a label',
    text: `Record 1:
${F}json
{"id": 1, "name": "north"}
${F}
Record 2:
${F}json
{"id": 2, "name": "south"}
${F}`,
    want: { id: 1, name: 'north' },
    alsoOk: [{ id: 2, name: 'south' }, [{ id: 1, name: 'north' }, { id: 2, name: 'south' }]],
  },
  {
    id: 't11-lines-09', category: LINES, status: 'REPAIRED',
    note: 'a header comment line, then the records',
    text: '# id, score\n{"id": 1, "score": 0.4}\n{"id": 2, "score": 0.9}',
    want: { id: 1, score: 0.4 },
    alsoOk: [[{ id: 1, score: 0.4 }, { id: 2, score: 0.9 }]],
  },
  {
    id: 't11-lines-10', category: LINES, status: ['VALID', 'REPAIRED'],
    note: 'records separated by YAML-style document markers',
    text: '{"a": 1}\n---\n{"a": 2}',
    want: { a: 1 },
    alsoOk: [[{ a: 1 }, { a: 2 }]],
  },
  {
    id: 't11-lines-11', category: LINES, status: 'REPAIRED',
    note: 'NDJSON with a blank line between records and a trailing newline',
    text: '{"event": "start", "t": 0}\n\n{"event": "stop", "t": 12}\n',
    want: { event: 'start', t: 0 },
    alsoOk: [[{ event: 'start', t: 0 }, { event: 'stop', t: 12 }]],
  },

  // ---------------------------------------------------------------- tool calls as text
  {
    id: 't11-tool-01', category: TOOL, status: 'VALID',
    note: 'Hermes / Qwen <tool_call> tags',
    text: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
    want: { name: 'get_weather', arguments: { city: 'Paris' } },
  },
  {
    id: 't11-tool-02', category: TOOL, status: 'VALID',
    note: 'Llama 3.1 built-in tool call: <|python_tag|> … <|eom_id|>',
    text: '<|python_tag|>{"name": "search", "parameters": {"query": "rust async"}}<|eom_id|>',
    want: { name: 'search', parameters: { query: 'rust async' } },
  },
  {
    id: 't11-tool-03', category: TOOL, status: 'VALID',
    note: 'Mistral tokenizer v11 format: [TOOL_CALLS]name[ARGS]{…}',
    text: '[TOOL_CALLS]add_numbers[ARGS]{"a": 2, "b": 3}',
    want: { a: 2, b: 3 },
  },
  {
    id: 't11-tool-04', category: TOOL, status: 'REPAIRED',
    note: 'Llama 3.2 pythonic tool call list: no JSON in it, the call kept as text',
    text: '[get_weather(city="Paris", unit="celsius")]',
    want: ['get_weather(city="Paris", unit="celsius")'],
  },
  {
    id: 't11-tool-05', category: TOOL, status: 'VALID',
    note: 'a model narrating its call',
    text: 'Calling tool get_stock_price with arguments: {"ticker": "AAPL"}',
    want: { ticker: 'AAPL' },
  },
  {
    id: 't11-tool-06', category: TOOL, status: 'VALID',
    note: "Claude's old XML function-call format with a JSON-valued parameter",
    text: '<function_calls>\n<invoke name="list_issues">\n<parameter name="filters">{"status": "open", "limit": 5}</parameter>\n</invoke>\n</function_calls>',
    want: { status: 'open', limit: 5 },
  },
  {
    id: 't11-tool-07', category: TOOL, status: 'FAILED',
    note: 'Gemma tool_code fence: Python, no JSON',
    text: `${F}tool_code\nprint(get_weather(city="Paris"))\n${F}`,
    want: null,
  },
  {
    id: 't11-tool-08', category: TOOL, status: 'VALID',
    note: 'a call whose arguments are a JSON string (valid as it is)',
    text: '{"name": "create_event", "arguments": "{\\"title\\": \\"Standup\\", \\"time\\": \\"09:30\\"}"}',
    want: { name: 'create_event', arguments: '{"title": "Standup", "time": "09:30"}' },
  },
  {
    id: 't11-tool-09', category: TOOL, status: 'VALID',
    note: "DeepSeek V3's tool-call tokens leaked with the arguments in a fence",
    text: `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n${F}json\n{"location": "Tokyo"}\n${F}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`,
    want: { location: 'Tokyo' },
  },
  {
    id: 't11-tool-10', category: TOOL, status: 'REPAIRED',
    note: 'two Hermes tool calls in one answer',
    text: '<tool_call>\n{"name": "lookup", "arguments": {"id": 1}}\n</tool_call>\n<tool_call>\n{"name": "lookup", "arguments": {"id": 2}}\n</tool_call>',
    want: { name: 'lookup', arguments: { id: 1 } },
    alsoOk: [{ name: 'lookup', arguments: { id: 2 } }, [{ name: 'lookup', arguments: { id: 1 } }, { name: 'lookup', arguments: { id: 2 } }]],
  },
  {
    id: 't11-tool-11', category: TOOL, status: 'REPAIRED',
    note: 'a small model writes the call as a Python dict',
    text: "<tool_call>\n{'name': 'set_alarm', 'arguments': {'time': '07:00', 'repeat': False}}\n</tool_call>",
    want: { name: 'set_alarm', arguments: { time: '07:00', repeat: false } },
  },
  {
    id: 't11-tool-12', category: TOOL, status: 'VALID',
    note: "Command R's Action: fence with a list of calls",
    text: `Action: ${F}json
[
    {
        "tool_name": "internet_search",
        "parameters": {"query": "tallest building 2026"}
    }
]
${F}`,
    want: [{ tool_name: 'internet_search', parameters: { query: 'tallest building 2026' } }],
  },
  {
    id: 't11-tool-13', category: TOOL, status: 'VALID',
    note: 'Llama 3 JSON tool call with <|eot_id|> left at the end',
    text: '{"name": "get_time", "parameters": {"tz": "UTC"}}<|eot_id|>',
    want: { name: 'get_time', parameters: { tz: 'UTC' } },
  },

  // ---------------------------------------------------------------- chat-template leaks
  {
    id: 't11-tmpl-01', category: TMPL, status: 'VALID',
    note: 'ChatML assistant header and end token around the answer',
    text: '<|im_start|>assistant\n{"answer": 42}<|im_end|>',
    want: { answer: 42 },
  },
  {
    id: 't11-tmpl-02', category: TMPL, status: 'VALID',
    note: 'ChatML with the user turn echoed first',
    text: '<|im_start|>user\nGive me JSON for Ada<|im_end|>\n<|im_start|>assistant\n{"name": "Ada"}<|im_end|>',
    want: { name: 'Ada' },
  },
  {
    id: 't11-tmpl-03', category: TMPL, status: 'VALID',
    note: 'Llama 2 end of turn and a hallucinated next [INST] turn after the answer',
    text: '{"id": 7}</s>[INST] thanks [/INST]',
    want: { id: 7 },
  },
  {
    id: 't11-tmpl-04', category: TMPL, status: 'VALID',
    note: 'Llama 3 header tokens',
    text: '<|start_header_id|>assistant<|end_header_id|>\n\n{"ok": true}<|eot_id|>',
    want: { ok: true },
  },
  {
    id: 't11-tmpl-05', category: TMPL, status: 'VALID',
    note: 'Gemma turn markers around a fenced answer',
    text: `<start_of_turn>model\n${F}json\n{"lang": "fr"}\n${F}<end_of_turn>`,
    want: { lang: 'fr' },
  },
  {
    id: 't11-tmpl-06', category: TMPL, status: 'VALID',
    note: 'Phi-3 markers',
    text: '<|assistant|>\n{"x": [1, 2]}<|end|>',
    want: { x: [1, 2] },
  },
  {
    id: 't11-tmpl-07', category: TMPL, status: ['VALID', 'REPAIRED'],
    note: 'the model runs on into a fake user turn and answers that too: the first answer is the one asked for',
    text: '{"summary": "short"}<|im_end|>\n<|im_start|>user\nMake it longer<|im_end|>\n<|im_start|>assistant\n{"summary": "a much longer summary of the text"}',
    want: { summary: 'short' },
  },
  {
    id: 't11-tmpl-08', category: TMPL, status: 'VALID',
    note: 'Alpaca prompt echoed by a base model',
    text: 'Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\nClassify the review as JSON with a "label" field.\n\n### Response:\n{"label": "positive"}',
    want: { label: 'positive' },
  },
  {
    id: 't11-tmpl-09', category: TMPL, status: 'VALID',
    note: 'Vicuna role prefix',
    text: 'ASSISTANT: {"a": 1, "b": "two"}',
    want: { a: 1, b: 'two' },
  },
  {
    id: 't11-tmpl-10', category: TMPL, status: 'VALID',
    note: '<|endoftext|> and a base model rambling on into a new dialogue',
    text: '{"title": "Hello"}<|endoftext|>Human: what about {"title": "Bye"}?\n\nAssistant:',
    want: { title: 'Hello' },
  },
  {
    id: 't11-tmpl-11', category: TMPL, status: 'VALID',
    note: 'ChatML with an empty-ish think block inside the assistant turn',
    text: '<|im_start|>assistant\n<think>\nok\n</think>\n\n{"v": 1}<|im_end|>',
    want: { v: 1 },
  },
  {
    id: 't11-tmpl-12', category: TMPL, status: 'VALID',
    note: 'Zephyr markers with prose and </s>',
    text: '<|assistant|>\nHere you go:\n{"items": ["a", "b"]}</s>',
    want: { items: ['a', 'b'] },
  },

  // ---------------------------------------------------------------- multilingual prose
  {
    id: 't11-lang-01', category: LANG, status: 'VALID',
    note: 'Chinese prose around a fenced answer',
    text: `好的，以下是您要的JSON：\n\n${F}json\n{"城市": "北京", "人口": 21540000}\n${F}\n\n希望对您有帮助！`,
    want: { 城市: '北京', 人口: 21540000 },
  },
  {
    id: 't11-lang-02', category: LANG, status: 'REPAIRED',
    note: 'full-width colon and comma typed in the JSON after a Chinese label',
    text: '结果：{"名字"："李雷"，"年龄"：18}',
    want: { 名字: '李雷', 年龄: 18 },
  },
  {
    id: 't11-lang-03', category: LANG, status: 'VALID',
    note: 'Japanese corner brackets around inline JSON',
    text: '以下がJSONです。「{"name": "田中", "age": 30}」',
    want: { name: '田中', age: 30 },
  },
  {
    id: 't11-lang-04', category: LANG, status: 'VALID',
    note: 'Arabic prose before and after',
    text: 'إليك النتيجة:\n{"الاسم": "أحمد", "العمر": 25}\nشكرا لك',
    want: { الاسم: 'أحمد', العمر: 25 },
  },
  {
    id: 't11-lang-05', category: LANG, status: 'VALID',
    note: 'right-to-left marks (U+200F) around the value, as RTL editors insert them',
    text: 'النتيجة:\n\u200f{"المدينة": "دبي", "الحرارة": 41}\u200f',
    want: { المدينة: 'دبي', الحرارة: 41 },
  },
  {
    id: 't11-lang-06', category: LANG, status: 'VALID',
    note: 'Korean prose around the answer',
    text: '다음은 요청하신 JSON입니다:\n{"제품": "노트북", "가격": 1200000}\n추가로 궁금한 점이 있으면 말씀해 주세요.',
    want: { 제품: '노트북', 가격: 1200000 },
  },
  {
    id: 't11-lang-07', category: LANG, status: 'REPAIRED',
    note: 'Russian guillemets used as the JSON quotes',
    text: 'Вот ответ: {«город»: «Москва», «население»: 13010112}',
    want: { город: 'Москва', население: 13010112 },
  },
  {
    id: 't11-lang-08', category: LANG, status: 'VALID',
    note: 'Spanish: the format in inline code, then the answer',
    text: 'El formato es `{"clave": "valor"}`. Aquí está el resultado:\n{"clave": "manzana"}',
    want: { clave: 'manzana' },
  },
  {
    id: 't11-lang-09', category: LANG, status: 'VALID',
    note: 'Chinese reasoning with a retracted draft (不对), then 最终答案',
    text: '思考：用户需要一个数组。初步：[1, 2]，不对，应该包括3。\n最终答案：[1, 2, 3]',
    want: [1, 2, 3],
  },
  {
    id: 't11-lang-10', category: LANG, status: 'VALID',
    note: 'Hindi prose',
    text: 'यह रहा JSON:\n{"नाम": "राम", "उम्र": 30}',
    want: { नाम: 'राम', उम्र: 30 },
  },
  {
    id: 't11-lang-11', category: LANG, status: 'REPAIRED',
    note: 'Chinese curly quotes and full-width punctuation as the JSON syntax',
    text: '{“名称”：“测试”，“数量”：5}',
    want: { 名称: '测试', 数量: 5 },
  },
  {
    id: 't11-lang-12', category: LANG, status: 'REPAIRED',
    note: 'full-width braces and a full-width digit from a Japanese IME',
    text: '｛"個数"：３｝',
    want: { 個数: 3 },
    alsoOk: [{ 個数: '３' }],
  },
  {
    id: 't11-lang-13', category: LANG, status: 'VALID',
    note: 'Chinese sentence with the value inline and a full stop 。',
    text: '答案是 {"结果": true}。',
    want: { 结果: true },
  },
  {
    id: 't11-lang-14', category: LANG, status: 'VALID',
    note: 'Hebrew prose, fenced answer, prose after',
    text: `הנה ה-JSON:\n${F}json\n{"שם": "דנה", "גיל": 29}\n${F}\nבהצלחה!`,
    want: { שם: 'דנה', גיל: 29 },
  },

  // ---------------------------------------------------------------- code-model JSON
  {
    id: 't11-code-01', category: CODE, status: 'REPAIRED',
    note: 'JSONC: line and block comments, trailing commas',
    text: `${F}jsonc
{
  // server settings
  "port": 8080,
  "host": "localhost", // default
  /* features */
  "features": ["a", "b",],
}
${F}`,
    want: { port: 8080, host: 'localhost', features: ['a', 'b'] },
  },
  {
    id: 't11-code-02', category: CODE, status: 'REPAIRED',
    note: 'the JSON5 showcase object (no line continuation member)',
    text: `{
  // comments
  unquoted: 'and you can quote me on that',
  singleQuotes: 'I can use "double quotes" here',
  hexadecimal: 0xdecaf,
  leadingDecimalPoint: .8675309, andTrailing: 8675309.,
  positiveSign: +1,
  trailingComma: 'in objects', andIn: ['arrays',],
  "backwardsCompatible": "with JSON",
}`,
    want: {
      unquoted: 'and you can quote me on that', singleQuotes: 'I can use "double quotes" here', hexadecimal: 912559,
      leadingDecimalPoint: 0.8675309, andTrailing: 8675309, positiveSign: 1, trailingComma: 'in objects', andIn: ['arrays'],
      backwardsCompatible: 'with JSON',
    },
  },
  {
    id: 't11-code-03', category: CODE, status: 'REPAIRED',
    note: 'package.json with an elision line',
    text: '{\n  "scripts": {\n    "build": "tsc",\n    ...\n  },\n  "devDependencies": {\n    "typescript": "^5.4.0"\n  }\n}',
    want: { scripts: { build: 'tsc' }, devDependencies: { typescript: '^5.4.0' } },
  },
  {
    id: 't11-code-04', category: CODE, status: ['VALID', 'REPAIRED'],
    note: 'a file-name comment before the object inside the fence',
    text: `${F}json\n// config.json\n{\n  "debug": true\n}\n${F}`,
    want: { debug: true },
  },
  {
    id: 't11-code-05', category: CODE, status: 'REPAIRED',
    note: 'an ES module default export',
    text: 'export default {\n  name: "app",\n  version: "1.0.0",\n};',
    want: { name: 'app', version: '1.0.0' },
  },
  {
    id: 't11-code-06', category: CODE, status: 'REPAIRED',
    note: 'a Python assignment with True / None and a trailing comma',
    text: 'config = {\n    "retries": 3,\n    "verbose": True,\n    "proxy": None,\n}',
    want: { retries: 3, verbose: true, proxy: null },
  },
  {
    id: 't11-code-07', category: CODE, status: 'REPAIRED',
    note: 'a Python-style # comment after a member',
    text: '{\n  "model": "gpt-4o",  # default model\n  "temperature": 0.2\n}',
    want: { model: 'gpt-4o', temperature: 0.2 },
  },
  {
    id: 't11-code-08', category: CODE, status: 'REPAIRED',
    note: 'settings.json advice: prose, jsonc fence, comments, trailing comma',
    text: `Add this to your settings.json:

${F}jsonc
{
  "editor.formatOnSave": true,
  // use 2 spaces
  "editor.tabSize": 2,
}
${F}`,
    want: { 'editor.formatOnSave': true, 'editor.tabSize': 2 },
  },
  {
    id: 't11-code-09', category: CODE, status: 'REPAIRED',
    note: 'an array with a "more items" comment and a trailing comma',
    text: '[\n  {"id": 1, "name": "a"},\n  {"id": 2, "name": "b"},\n  // ... more items\n]',
    want: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }],
  },
  {
    id: 't11-code-10', category: CODE, status: 'REPAIRED',
    note: 'JS undefined and NaN as values',
    text: '{"a": undefined, "b": NaN, "c": 1}',
    want: { a: null, b: null, c: 1 },
  },
  {
    id: 't11-code-11', category: CODE, status: 'VALID',
    note: "Rust serde_json's json! macro around valid JSON",
    text: 'let v = json!({\n    "code": 200,\n    "success": true,\n    "payload": { "features": ["serde", "json"] }\n});',
    want: { code: 200, success: true, payload: { features: ['serde', 'json'] } },
  },
  {
    id: 't11-code-12', category: CODE, status: 'REPAIRED',
    note: 'a tsconfig with comments and trailing commas at two levels',
    text: '{\n  "compilerOptions": {\n    "target": "ES2022",\n    "strict": true, // always\n  },\n}',
    want: { compilerOptions: { target: 'ES2022', strict: true } },
  },

  // ---------------------------------------------------------------- truncation at max_tokens
  {
    id: 't11-cut-01', category: CUT, status: 'TRUNCATED',
    note: 'cut inside a key',
    text: '{"name": "Ada", "ag',
    want: { name: 'Ada' },
  },
  {
    id: 't11-cut-02', category: CUT, status: 'TRUNCATED',
    note: 'cut after the colon',
    text: '{"name": "Ada", "age":',
    want: { name: 'Ada' },
  },
  {
    id: 't11-cut-03', category: CUT, status: 'TRUNCATED',
    note: 'cut inside a string value',
    text: '{"bio": "Born in London in 18',
    want: { bio: 'Born in London in 18' },
  },
  {
    id: 't11-cut-04', category: CUT, status: 'TRUNCATED',
    note: 'cut after a number\'s dot',
    text: '{"price": 12.',
    want: { price: 12 },
  },
  {
    id: 't11-cut-05', category: CUT, status: 'TRUNCATED',
    note: 'cut inside a literal',
    text: '{"active": tr',
    want: { active: true },
    alsoOk: [{}],
  },
  {
    id: 't11-cut-06', category: CUT, status: 'TRUNCATED',
    note: 'cut inside null in a fence that never closed',
    text: `${F}json\n{"items": [1, 2, 3],\n "next": nu`,
    want: { items: [1, 2, 3], next: null },
    alsoOk: [{ items: [1, 2, 3] }],
  },
  {
    id: 't11-cut-07', category: CUT, status: 'TRUNCATED',
    note: 'cut right after a backslash',
    text: '{"quote": "He said \\',
    want: { quote: 'He said ' },
  },
  {
    id: 't11-cut-08', category: CUT, status: 'TRUNCATED',
    note: 'cut inside a \\u escape',
    text: '{"s": "caf\\u00',
    want: { s: 'caf' },
  },
  {
    id: 't11-cut-09', category: CUT, status: 'FAILED',
    note: 'cut inside the think block: the answer never came',
    text: '<think>\nThe user wants the primes below 10: [2, 3, 5, 7]. Let me verify each',
    want: null,
  },
  {
    id: 't11-cut-10', category: CUT, status: 'TRUNCATED',
    note: 'lone </think>, then the answer cut inside an array',
    text: 'Primes below 10: 2, 3, 5, 7.\n</think>\n\n{"primes": [2, 3, 5',
    want: { primes: [2, 3, 5] },
  },
  {
    id: 't11-cut-11', category: CUT, status: 'TRUNCATED',
    note: 'prose, a fence, cut inside the second record\'s key',
    text: `Here is the JSON you asked for:\n\n${F}json\n{\n  "users": [\n    {"id": 1, "name": "Ann"},\n    {"id": 2, "na`,
    want: { users: [{ id: 1, name: 'Ann' }, { id: 2 }] },
    alsoOk: [{ users: [{ id: 1, name: 'Ann' }] }],
  },
  {
    id: 't11-cut-12', category: CUT, status: 'FAILED',
    note: 'cut right after the opening fence',
    text: `Sure!\n\n${F}json\n`,
    want: null,
  },
  {
    id: 't11-cut-13', category: CUT, status: 'TRUNCATED',
    note: 'cut after the first brace',
    text: '{',
    want: {},
  },
  {
    id: 't11-cut-14', category: CUT, status: 'TRUNCATED',
    note: 'harmony final channel cut inside a number',
    text: '<|channel|>analysis<|message|>Compute the sum.<|end|><|start|>assistant<|channel|>final<|message|>{"total": 1',
    want: { total: 1 },
  },
  {
    id: 't11-cut-15', category: CUT, status: 'TRUNCATED',
    note: 'cut deep inside nesting, at a key',
    text: '{"a": {"b": {"c": [{"d": "x"}, {"e"',
    want: { a: { b: { c: [{ d: 'x' }, {}] } } },
    alsoOk: [{ a: { b: { c: [{ d: 'x' }] } } }],
  },
  {
    id: 't11-cut-16', category: CUT, status: 'TRUNCATED',
    note: 'cut after a comma',
    text: '{"a": 1, "b": 2,',
    want: { a: 1, b: 2 },
  },
  {
    id: 't11-cut-17', category: CUT, status: 'VALID',
    note: 'cut in the prose after a complete answer: the JSON is whole',
    text: '{"a": 1}\n\nThis object contains the',
    want: { a: 1 },
  },
  {
    id: 't11-cut-18', category: CUT, status: 'TRUNCATED',
    note: 'cut inside a string holding braces and brackets',
    text: '{"template": "Hello {name}, your order [#',
    want: { template: 'Hello {name}, your order [#' },
  },
  {
    id: 't11-cut-19', category: CUT, status: 'TRUNCATED',
    note: 'prose with a retracted draft, then the final answer cut',
    text: 'Let me think. Draft: {"a": 0}. Hmm, that lacks b. Final:\n{"a": 1, "b": ',
    want: { a: 1 },
  },

  // ---------------------------------------------------------------- markdown containers
  {
    id: 't11-md-01', category: MD, status: 'VALID',
    note: 'a one-line blockquote',
    text: '> {"a": 1, "b": 2}',
    want: { a: 1, b: 2 },
  },
  {
    id: 't11-md-02', category: MD, status: ['VALID', 'REPAIRED'],
    note: 'a fence inside a blockquote',
    text: `> ${F}json\n> {\n>   "ok": true\n> }\n> ${F}`,
    want: { ok: true },
  },
  {
    id: 't11-md-03', category: MD, status: ['VALID', 'REPAIRED'],
    note: 'a numbered list of records',
    text: '1. {"q": "What is 2+2?", "a": "4"}\n2. {"q": "Capital of Peru?", "a": "Lima"}',
    want: { q: 'What is 2+2?', a: '4' },
    alsoOk: [{ q: 'Capital of Peru?', a: 'Lima' }, [{ q: 'What is 2+2?', a: '4' }, { q: 'Capital of Peru?', a: 'Lima' }]],
  },
  {
    id: 't11-md-04', category: MD, status: 'VALID',
    note: 'the only JSON is in inline code in a table cell',
    text: '| field | value |\n|---|---|\n| config | `{"retries": 3}` |',
    want: { retries: 3 },
  },
  {
    id: 't11-md-05', category: MD, status: 'VALID',
    note: 'a fence indented under a bullet',
    text: `- **Result:**\n  ${F}json\n  {"score": 7}\n  ${F}`,
    want: { score: 7 },
  },
  {
    id: 't11-md-06', category: MD, status: 'VALID',
    note: 'a heading, the fenced answer, then a table explaining the keys',
    text: `## Output\n\n${F}json\n{"name": "x", "size": 3}\n${F}\n\n| key | meaning |\n|---|---|\n| name | the name |\n| size | count |`,
    want: { name: 'x', size: 3 },
  },
  {
    id: 't11-md-07', category: MD, status: 'VALID',
    note: 'a table of examples with [] in code, then the answer',
    text: '| input | output |\n|---|---|\n| `[]` | `[]` |\n| `[1]` | `[2]` |\n\nFor your input:\n[4, 5]',
    want: [4, 5],
  },
  {
    id: 't11-md-08', category: MD, status: 'VALID',
    note: 'a bold label and the value on its line',
    text: '**Answer:** {"x": 10}',
    want: { x: 10 },
  },
  {
    id: 't11-md-09', category: MD, status: 'VALID',
    note: 'a task list ([x], [ ]) before the answer',
    text: '- [x] parsed the file\n- [ ] validated\n\n{"parsed": true, "validated": false}',
    want: { parsed: true, validated: false },
  },
  {
    id: 't11-md-10', category: MD, status: 'REPAIRED',
    note: 'a multi-line array in a blockquote after a label',
    text: '> Result:\n> [\n>   "alpha",\n>   "beta"\n> ]',
    want: ['alpha', 'beta'],
  },
  {
    id: 't11-md-11', category: MD, status: 'VALID',
    note: 'a footnote marker line after the answer',
    text: 'The figure is below.\n\n{"population": 8900000}\n\n[^1]: ONS, 2021.',
    want: { population: 8900000 },
  },
  {
    id: 't11-md-12', category: MD, status: 'VALID',
    note: 'a collapsible section in GitHub markdown holding the answer',
    text: `<details>\n<summary>Show JSON</summary>\n\n${F}json\n{"rows": 12}\n${F}\n\n</details>`,
    want: { rows: 12 },
  },

  // ---------------------------------------------------------------- pasted by the user
  {
    id: 't11-paste-01', category: PASTE, status: 'VALID',
    note: 'an HTTP response with headers (curl -i)',
    text: 'HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 27\n\n{"status":"ok","count":3}',
    want: { status: 'ok', count: 3 },
  },
  {
    id: 't11-paste-02', category: PASTE, status: 'REPAIRED',
    note: "a Python REPL's repr of a response",
    text: ">>> resp.json()\n{'status': 'ok', 'items': [1, 2], 'next': None}",
    want: { status: 'ok', items: [1, 2], next: null },
  },
  {
    id: 't11-paste-03', category: PASTE, status: 'REPAIRED',
    note: 'smart quotes from a chat app',
    text: '{“user”: “dana”, “role”: “admin”}',
    want: { user: 'dana', role: 'admin' },
  },
  {
    id: 't11-paste-04', category: PASTE, status: 'REPAIRED',
    note: "a browser console's summary of an object",
    text: "{id: 1, name: 'Ada', tags: Array(2)}",
    want: { id: 1, name: 'Ada', tags: 'Array(2)' },
  },
  {
    id: 't11-paste-05', category: PASTE, status: 'VALID',
    note: 'a log line with a timestamp and level',
    text: '2026-12-02T09:14:03.512Z INFO response body: {"id": "abc", "ok": true}',
    want: { id: 'abc', ok: true },
  },
  {
    id: 't11-paste-06', category: PASTE, status: 'REPAIRED',
    note: "Python's JSONDecodeError message, then the bad input",
    text: "json.decoder.JSONDecodeError: Expecting ',' delimiter: line 1 column 9 (char 8)\nInput was: {\"a\": 1 \"b\": 2}",
    want: { a: 1, b: 2 },
  },
  {
    id: 't11-paste-07', category: PASTE, status: 'REPAIRED',
    note: 'copied from a PDF: a line break inside a string',
    text: '{"title": "A long title that was\nwrapped by the PDF", "year": 2021}',
    want: { title: 'A long title that was\nwrapped by the PDF', year: 2021 },
  },
  {
    id: 't11-paste-08', category: PASTE, status: 'REPAIRED',
    note: 'from an e-mail reply, quoted twice',
    text: '> > {"order": 1234,\n> > "state": "shipped"}',
    want: { order: 1234, state: 'shipped' },
  },
  {
    id: 't11-paste-09', category: PASTE, status: 'VALID',
    note: 'a Postman body with its label',
    text: 'Body (raw, JSON):\n{\n    "email": "a@b.co",\n    "password": "••••"\n}',
    want: { email: 'a@b.co', password: '••••' },
  },
  {
    id: 't11-paste-10', category: PASTE, status: 'VALID',
    note: 'a byte order mark from a Windows file',
    text: '\ufeff{"a": 1}',
    want: { a: 1 },
  },
  {
    id: 't11-paste-11', category: PASTE, status: 'REPAIRED',
    note: 'a Jupyter output cell',
    text: "Out[3]: {'loss': 0.21, 'acc': 0.93}",
    want: { loss: 0.21, acc: 0.93 },
  },
  {
    id: 't11-paste-12', category: PASTE, status: 'REPAIRED',
    note: 'the same JSON pasted twice',
    text: '{"a": 1}{"a": 1}',
    want: { a: 1 },
  },
  {
    id: 't11-paste-13', category: PASTE, status: 'VALID',
    note: 'copied from an HTML page: a <pre> element',
    text: '<pre>{"a": 1, "b": [true, false]}</pre>',
    want: { a: 1, b: [true, false] },
  },
  {
    id: 't11-paste-14', category: PASTE, status: 'VALID',
    note: 'a shell session: the command, then the output, then the prompt again',
    text: '$ curl -s localhost:8080/health\n{"healthy": true, "uptime": 3600}\n$ ',
    want: { healthy: true, uptime: 3600 },
  },
];
