/**
 * The third new-user trial, round 2: harder texts, written after round 1 came back all right but still
 * before reading the engine, its tests or its corpus (see /work/wt/notes/trial3-findings.md).
 */
import type { TrialCase } from './cases';

const F = '```';

export const TRIAL3_ROUND2: TrialCase[] = [
  // DeepSeek-R1 / QwQ: lone closing tag, messier drafts
  {
    category: 'r1-lone-think',
    text: `Okay, so I need to produce {"status": ...}. What status? The job failed. So {"status": "failed"}? Hmm, but the log says it was retried and succeeded on attempt 2.\n\nSo status "succeeded", attempts 2.\n\nWait — should attempts be a string? No, number.\n</think>\n\n{"status": "succeeded", "attempts": 2}`,
    expected: { status: 'succeeded', attempts: 2 },
  },
  {
    category: 'r1-lone-think',
    text: `Let me see. Array of objects? Like:\n[\n  {"id": 1},\n  {"id": 2}\n]\nBut the user wants names too. Right.\n</think>\n[\n  {"id": 1, "name": "alpha"},\n  {"id": 2, "name": "beta"}\n]`,
    expected: [{ id: 1, name: 'alpha' }, { id: 2, name: 'beta' }],
  },
  {
    category: 'r1-lone-think',
    text: `The JSON they gave me is {"a": 1, "b": 2} and they want the keys swapped with values: {"1": "a", "2": "b"}.\n\nLet me double-check: yes, keys must be strings in JSON, so "1" and "2".\n</think>\n\n**Answer:**\n\n${F}json\n{"1": "a", "2": "b"}\n${F}`,
    expected: { '1': 'a', '2': 'b' },
  },
  {
    category: 'r1-lone-think',
    text: `用户想要一个包含天气信息的JSON。先写个草稿：\n{"温度": 25}\n还缺湿度。湿度是60%。\n</think>\n\n{"温度": 25, "湿度": 0.6}`,
    expected: { 温度: 25, 湿度: 0.6 },
  },
  {
    category: 'r1-lone-think',
    text: `Format check: the user said "return [x, y] coordinates". So an array of two numbers? Or {x, y}? "[x, y]" suggests array. The point is (3, -4).\n\n</think>\n\n[3, -4]`,
    expected: [3, -4],
  },
  {
    category: 'r1-lone-think',
    text: `So the object is {"enabled": true}. Hmm, wait. The flag in the config diff was removed, not added. So enabled false.\n\nActually no — re-reading: "+ enabled: true" is an addition. So true was right.\n</think>\n\n{"enabled": true, "changed": "added"}`,
    expected: { enabled: true, changed: 'added' },
  },
  // Claude
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe user's earlier message had the format:\n${F}json\n{"score": 0, "reason": ""}\n${F}\nI'll follow that.\n</thinking>\n\n${F}json\n{"score": 8, "reason": "Clear structure, minor typos"}\n${F}`,
    expected: { score: 8, reason: 'Clear structure, minor typos' },
  },
  {
    category: 'claude-thinking',
    text: `I'll analyze the log and produce the JSON.\n\nLooking at the entries, there are 3 errors and 12 warnings. The most frequent error is \`ECONNRESET\`.\n\n${F}json\n{\n  "errors": 3,\n  "warnings": 12,\n  "top_error": "ECONNRESET"\n}\n${F}`,
    expected: { errors: 3, warnings: 12, top_error: 'ECONNRESET' },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nIs an empty array OK when there are no matches? The spec says "matches": [] in that case.\n</thinking>\n\nNo matches were found in the document:\n\n${F}json\n{"matches": [], "searched": 42}\n${F}`,
    expected: { matches: [], searched: 42 },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nCheck: {"ok": true} is too thin, they need the id.\n</thinking>\n{"ok": true, "id": "c9f1"}\n\n(The id is the one from your second message.)`,
    expected: { ok: true, id: 'c9f1' },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThey asked for JSON Lines? No, for a JSON array. OK.\n</thinking>\n\n${F}json\n[\n  {"line": 1, "text": "alpha"},\n  {"line": 2, "text": "beta"}\n]\n${F}\n\nIf you actually need JSON Lines instead, it would be:\n\n${F}\n{"line": 1, "text": "alpha"}\n{"line": 2, "text": "beta"}\n${F}`,
    expected: [{ line: 1, text: 'alpha' }, { line: 2, text: 'beta' }],
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe user wants me to "respond with only valid JSON, no markdown".\n</thinking>\n{\n  "question_type": "factual",\n  "requires_search": false\n}`,
    expected: { question_type: 'factual', requires_search: false },
  },
  // harmony
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Need to call the weather tool first.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"location":"Tokyo"}<|call|>`,
    expected: { location: 'Tokyo' },
  },
  {
    category: 'harmony',
    text: `<|channel|>final<|message|>{"answer": 12, "unit": "apples"}<|return|>`,
    expected: { answer: 12, unit: 'apples' },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>The user wants a JSON. Let me consider the format: maybe [{"k":1}] or {"k":1}? Single object is requested.<|end|><|start|>assistant<|channel|>final<|message|>Sure — here it is:\n\n${F}json\n{"k": 1, "v": "one"}\n${F}<|return|>`,
    expected: { k: 1, v: 'one' },
  },
  {
    category: 'harmony',
    text: `analysisThey want {"ok": bool}. The health check passed. So {"ok": true}. Also include latency 120ms.assistantfinal{"ok": true, "latency_ms": 120}`,
    expected: { ok: true, latency_ms: 120 },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Need to produce summary JSON. Draft {"summary":"x"}. Good enough? Need 'bullets' too.<|end|><|channel|>final<|message|>{"summary": "Release 3.0 adds plugins.", "bullets": ["plugins", "faster startup"]}`,
    expected: { summary: 'Release 3.0 adds plugins.', bullets: ['plugins', 'faster startup'] },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>List three HTTP methods.<|end|><|start|>assistant<|channel|>final<|message|>["GET", "POST", "DELETE"]<|return|>`,
    expected: ['GET', 'POST', 'DELETE'],
  },
  // Gemini
  {
    category: 'gemini-fences',
    text: `${F}json\n{\n  "title": "Weekly sync",\n  "attendees": ["Ana", "Ben"],\n}\n${F}\n\n**Explanation of changes:**\n\n1.  I added the \`attendees\` field as an array (\`["Ana", "Ben"]\`).\n2.  The title is a string.`,
    expected: { title: 'Weekly sync', attendees: ['Ana', 'Ben'] },
    status: 'REPAIRED', // the trailing comma is removed
  },
  {
    category: 'gemini-fences',
    text: `Okay, here's the JSON output, following the structure you provided:\n\n${F}json\n[\n  {\n    "question": "What is 2+2?",\n    "options": ["3", "4", "5"],\n    "answer": "4"\n  }\n]\n${F}\n\nHere's a breakdown:\n\n*   The outer \`[]\` is a JSON array.\n*   Each \`{}\` inside is a question object.`,
    expected: [{ question: 'What is 2+2?', options: ['3', '4', '5'], answer: '4' }],
  },
  {
    category: 'gemini-fences',
    text: `Here is the extracted JSON:\n\n${F}json\n{"language": "Python", "version": "3.12"}\n${F}\n\nHow to read it in JavaScript:\n\n${F}javascript\nconst data = {"language": "Python", "version": "3.12"};\nconsole.log(data.language);\n${F}`,
    expected: { language: 'Python', version: '3.12' },
  },
  {
    category: 'gemini-fences',
    text: `${F}json\n{\n  "city": "Nairobi",\n  "timezone": "Africa/Nairobi",\n  "utc_offset": "+03:00"\n}\n${F}\n\n${F}\nNote: Nairobi does not observe daylight saving time.\n${F}`,
    expected: { city: 'Nairobi', timezone: 'Africa/Nairobi', utc_offset: '+03:00' },
  },
  {
    category: 'gemini-fences',
    text: `I've filled in the template below.\n\n${F}json\n{\n  "name": "Orion",\n  "type": "constellation",\n  "brightest_star": "Rigel"\n}\n${F}`,
    expected: { name: 'Orion', type: 'constellation', brightest_star: 'Rigel' },
  },
  {
    category: 'gemini-fences',
    text: `${F}json\n{"ids": [101, 102, 103]}\n${F}\nThese IDs correspond to the rows where \`status == "active"\`. An empty result would be \`{"ids": []}\`.`,
    expected: { ids: [101, 102, 103] },
  },
  // terse
  { category: 'terse', text: `{"a":[],"b":{},"c":""}`, expected: { a: [], b: {}, c: '' } },
  { category: 'terse', text: `true`, expected: true },
  { category: 'terse', text: `{"big": 12345678901234567890, "small": 1e-7}`, expected: { big: 12345678901234567890, small: 1e-7 } },
  { category: 'terse', text: `{"s":"tab\\there, slash \\/ and \\u263A"}`, expected: { s: 'tab\there, slash / and ☺' } },
  { category: 'terse', text: `\n\n{"x": 1}\n\n`, expected: { x: 1 } },
  { category: 'terse', text: `{"answer": "{not json} just text [1]"}`, expected: { answer: '{not json} just text [1]' } },
  // chatty
  {
    category: 'chatty',
    text: `Certainly! Below you'll find the requested data. I've made sure every key is in snake_case, as {"camelCase": "keys"} would not match your style guide.\n\n${F}json\n{"first_name": "Ola", "last_name": "Nordmann"}\n${F}`,
    expected: { first_name: 'Ola', last_name: 'Nordmann' },
  },
  {
    category: 'chatty',
    text: `[INST] already answered [/INST] Sure! Here's the JSON:\n\n{"color": "teal", "hex": "#008080"}`,
    expected: { color: 'teal', hex: '#008080' },
    // before the fix (miss): `[INST]` was taken as the array ["INST"]
  },
  {
    category: 'chatty',
    text: `Here you go:\n\n{\n  "a": 1,\n  "b": 2\n}\n\nAnd if you want it on one line: {"a": 1, "b": 2}`,
    expected: { a: 1, b: 2 },
  },
  {
    category: 'chatty',
    text: `Sure, I'll provide the information in the JSON format you specified. Please keep in mind that the data might not be fully up to date.\n\nJSON:\n{"planet": "Mars", "moons": ["Phobos", "Deimos"], "day_length_hours": 24.6}\n\nLet me know if there's anything else I can help you with!`,
    expected: { planet: 'Mars', moons: ['Phobos', 'Deimos'], day_length_hours: 24.6 },
  },
  {
    category: 'chatty',
    text: `Response:\n\`{"status": "done"}\``,
    expected: { status: 'done' },
  },
  {
    category: 'chatty',
    text: `Here's the JSON object:\n\n${F}json\n{\n  "name": "Spot",\n  "species": "dog",\n  "age": 3\n}\n${F}\n\nIn this object, "name" is a string, "species" is a string, and "age" is a number. You can add more fields like {"breed": "Labrador"} if needed.`,
    expected: { name: 'Spot', species: 'dog', age: 3 },
  },
  // agent
  {
    category: 'agent',
    text: `Thought: I need to get the current time in UTC and then convert.\nAction: get_time\nAction Input: {"tz": "UTC"}\nObservation: {"time": "12:00"}\nThought: Now I can answer.\nFinal Answer: {"local_time": "14:00", "tz": "Europe/Berlin"}`,
    expected: { local_time: '14:00', tz: 'Europe/Berlin' },
  },
  {
    category: 'agent',
    text: `I need to call two tools. First:\n\n{"name": "get_user", "arguments": {"id": 5}}`,
    expected: { name: 'get_user', arguments: { id: 5 } },
  },
  {
    category: 'agent',
    text: `Action: python_repl\nAction Input: {"code": "print({'a': 1})"}`,
    expected: { code: "print({'a': 1})" },
  },
  {
    category: 'agent',
    text: `<tool_call>\n{"name": "search", "arguments": {"query": "JSON repair library", "top_k": 5}}\n</tool_call>\n<tool_call>\n{"name": "fetch", "arguments": {"url": "https://example.com"}}\n</tool_call>`,
    expected: { name: 'search', arguments: { query: 'JSON repair library', top_k: 5 } },
    status: 'REPAIRED', // the second call is a value of its own: kept as a stripped extra_value, not VALID
  },
  {
    category: 'agent',
    text: `Thought: The user asked for the weather; I have it from the observation {"temp": 18, "sky": "clear"}.\nFinal Answer: {"summary": "18°C and clear"}`,
    expected: { summary: '18°C and clear' },
  },
  {
    category: 'agent',
    text: `call:create_ticket{"title": "Login broken", "priority": "high"}`,
    expected: { title: 'Login broken', priority: 'high' },
  },
  // extraction echo
  {
    category: 'extraction-echo',
    text: `Input: "Paris is the capital of France."\nOutput: {"subject": "Paris", "relation": "capital_of", "object": "France"}\n\nInput: "Berlin is the capital of Germany."\nOutput:\n{"subject": "Berlin", "relation": "capital_of", "object": "Germany"}`,
    expected: { subject: 'Berlin', relation: 'capital_of', object: 'Germany' },
  },
  {
    category: 'extraction-echo',
    text: `Your format: {"name": str, "skills": list[str]}\n\n{"name": "Dana", "skills": ["Go", "SQL", "Kubernetes"]}`,
    expected: { name: 'Dana', skills: ['Go', 'SQL', 'Kubernetes'] },
  },
  {
    category: 'extraction-echo',
    text: `Note: per the instructions, the response shape is {"items": [{"name": "...", "price": 0}]}.\n\n{"items": [{"name": "pen", "price": 1.2}, {"name": "pad", "price": 3}]}`,
    expected: { items: [{ name: 'pen', price: 1.2 }, { name: 'pad', price: 3 }] },
  },
  {
    category: 'extraction-echo',
    text: `{"title": "Ghost in the Shell", "year": 1995}\n\n(Example from the prompt for reference: {"title": "Akira", "year": 1988})`,
    expected: { title: 'Ghost in the Shell', year: 1995 },
  },
  {
    category: 'extraction-echo',
    text: `Example 1 → {"tag": "billing"}\nExample 2 → {"tag": "technical"}\nYour ticket → {"tag": "account"}`,
    expected: { tag: 'account' },
  },
  {
    category: 'extraction-echo',
    text: `Extraction complete. I kept the key order of your example \`{"id": 0, "label": ""}\`:\n\n{"id": 17, "label": "urgent"}`,
    expected: { id: 17, label: 'urgent' },
  },
  // lenient
  { category: 'lenient', text: `{"coords": (1, 2), "name": 'pt'}`, expected: { coords: [1, 2], name: 'pt' } },
  { category: 'lenient', text: `{user-id: 42, "is-active": yes}`, expected: { 'user-id': 42, 'is-active': true }, open: 'ambiguous: `yes` is YAML, not a JS or Python literal; the string "yes" loses nothing'  },
  { category: 'lenient', text: `{\n  name: 'Zoe',\n  // age: 12,\n  age: 13,\n}`, expected: { name: 'Zoe', age: 13 } },
  { category: 'lenient', text: `{"a": undefined, "b": 2}`, expected: { a: null, b: 2 } },
  { category: 'lenient', text: `{"when": "2024-01-01", "n": 007}`, expected: { when: '2024-01-01', n: 7 } },
  { category: 'lenient', text: `{'multi': 'line one\nline two'}`, expected: { multi: 'line one\nline two' } },
  // truncation
  { category: 'truncation', text: `{"title": "Hello", "body": "Ünïcödé text \\u00`, expected: { title: 'Hello', body: 'Ünïcödé text ' } },
  { category: 'truncation', text: `<think>\nOk the answer is a list of 3.\n</think>\n${F}json\n[\n  {"n": 1},\n  {"n": 2},\n  {"n"`, expected: [{ n: 1 }, { n: 2 }, {}] },
  { category: 'truncation', text: `{"items": [{"a": 1}, {"a": 2}], "next_cursor": "abc`, expected: { items: [{ a: 1 }, { a: 2 }], next_cursor: 'abc' } },
  { category: 'truncation', text: `{"score": 0.`, expected: { score: 0 } },
  { category: 'truncation', text: `Sure! Here is the JSON:\n\n${F}json\n{\n  "name": "Kim",\n  "hobbies": ["chess", "go"`, expected: { name: 'Kim', hobbies: ['chess', 'go'] } },
  { category: 'truncation', text: `[[1, 2], [3, 4], [5`, expected: [[1, 2], [3, 4], [5]] },
  // non-English
  {
    category: 'non-english',
    text: `以下是结果：\n\n{"名称"："示例"，"数量"：3}`,
    expected: { 名称: '示例', 数量: 3 },
    status: 'REPAIRED', // kind fullwidth_punctuation; before the fix (miss): {} TRUNCATED
  },
  {
    category: 'non-english',
    text: `إليك النتيجة بصيغة JSON:\n\n{"الاسم": "سارة", "العمر": 29, "المدينة": "القاهرة"}\n\nإذا كنت بحاجة إلى أي شيء آخر، أخبرني.`,
    expected: { الاسم: 'سارة', العمر: 29, المدينة: 'القاهرة' },
  },
  {
    category: 'non-english',
    text: `यह रहा आपका JSON:\n\n${F}json\n{"नाम": "अमित", "शहर": "दिल्ली"}\n${F}\n\nधन्यवाद!`,
    expected: { नाम: 'अमित', शहर: 'दिल्ली' },
  },
  {
    category: 'non-english',
    text: `Natürlich! Hier zunächst das Beispiel aus Ihrer Anfrage: \`{"stadt": "..."}\`. Und hier die Antwort:\n\n{"stadt": "Köln", "einwohner": 1084831}`,
    expected: { stadt: 'Köln', einwohner: 1084831 },
  },
  {
    category: 'non-english',
    text: `Хорошо, подумаю. Формат {"ответ": ...}. Ответ — 42? Нет, 41, я ошибся в сложении.\n</think>\n{"ответ": 41}`,
    expected: { ответ: 41 },
  },
  {
    category: 'non-english',
    text: `ユーザーはJSONを求めている。例：{"名前": "太郎"}。でも実際の名前は花子。\n</think>\n\n{"名前": "花子"}`,
    expected: { 名前: '花子' },
  },
  // long drafts
  {
    category: 'long-drafts',
    text: `${'I am weighing the options for the schema and whether nested objects are needed. '.repeat(60)}\n\nDraft A: {"v": 1}\n${'Draft A misses a field. '.repeat(30)}\nDraft B: {"v": 2, "w": [1]}\n${'B looks closer, but w needs two entries. '.repeat(30)}\n</think>\n\n{"v": 2, "w": [1, 2]}`,
    expected: { v: 2, w: [1, 2] },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${'Carefully reading the table row by row. '.repeat(100)}\n</think>\n\n${'Here is a summary of the approach I took before the JSON. '.repeat(10)}\n\n{"rows": 100, "ok": true}`,
    expected: { rows: 100, ok: true },
  },
  {
    category: 'long-drafts',
    text: `${'Let me reconsider. '.repeat(80)}{"guess": 1}${' Not right. '.repeat(40)}[2]${' Also not right. '.repeat(40)}\n</think>\n{"answer": 3}`,
    expected: { answer: 3 },
  },
  {
    category: 'long-drafts',
    text: `<thinking>\n${Array.from({ length: 20 }, (_, i) => `Candidate ${i}: {"n": ${i}}`).join('\n')}\nThe right one is 19.\n</thinking>\n\n{"n": 19}`,
    expected: { n: 19 },
  },
  {
    category: 'long-drafts',
    text: `${'Thinking about units and rounding. '.repeat(50)}\nSo {"km": 5.0} — wait, the user wants meters.\n${'Converting. '.repeat(20)}\n</think>\n\n${F}json\n{"m": 5000}\n${F}\n\nConverted from 5 km.`,
    expected: { m: 5000 },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${'Step. '.repeat(400)}\n{"draft": true}\n</think>\n${'\n'.repeat(20)}{"draft": false}`,
    expected: { draft: false },
  },
  // markdown docs
  {
    category: 'markdown-docs',
    text: `## API\n\n\`POST /v1/items\` accepts \`{"name": string}\` and returns \`{"id": number}\`.\n\n## Example call result\n\n${F}json\n{"id": 314}\n${F}`,
    expected: { id: 314 },
  },
  {
    category: 'markdown-docs',
    text: `Use square brackets for lists, e.g. \`[1, 2]\`, and never leave a trailing comma like \`[1, 2,]\`.\n\nHere is your list:\n\n[4, 5, 6]`,
    expected: [4, 5, 6],
  },
  {
    category: 'markdown-docs',
    text: `# Output\n\n- **status**: \`"ok"\`\n- **data**: see below\n\n${F}json\n{"status": "ok", "data": {"n": 2}}\n${F}\n\n# Errors\n\nOn failure the service returns:\n\n${F}json\n{"status": "error", "message": "..."}\n${F}`,
    expected: { status: 'ok', data: { n: 2 } },
  },
  {
    category: 'markdown-docs',
    text: `| key | value |\n|---|---|\n| a | 1 |\n| b | 2 |\n\nAs JSON:\n\n{"a": 1, "b": 2}`,
    expected: { a: 1, b: 2 },
  },
  {
    category: 'markdown-docs',
    text: `Step 1 — define the shape:\n\n${F}ts\ninterface P { x: number; y: number }\n${F}\n\nStep 2 — the value for your point:\n\n${F}json\n{ "x": 0.5, "y": -1.25 }\n${F}\n\nStep 3 — validate it with \`ajv\`.`,
    expected: { x: 0.5, y: -1.25 },
  },
  {
    category: 'markdown-docs',
    text: `**Wrong** (don't do this): \`{'a': 1}\` — single quotes are not JSON.\n\n**Right:**\n\n${F}json\n{"a": 1}\n${F}`,
    expected: { a: 1 },
  },
  // hard mixed
  {
    category: 'hard-mixed',
    text: `{"draft": 1}\n\nActually, scratch that — I misread the question. The correct answer:\n\n{"draft": 2}`,
    expected: { draft: 2 },
    open: 'known limit: the text begins with a JSON value the model then corrects; streaming emits it at once (the corrected value is a correction span)',
  },
  {
    category: 'hard-mixed',
    text: `[1, 2, 3]\n\nOops, you wanted them doubled:\n\n[2, 4, 6]`,
    expected: [2, 4, 6],
    open: 'known limit: the text begins with a JSON value the model then corrects; streaming emits it at once (the corrected value is a correction span)',
  },
  {
    category: 'hard-mixed',
    text: `<reasoning>\nThe tag <think> appears in the user's text; ignore it.\n</reasoning>\n{"ignored": "<think>"}`,
    expected: { ignored: '<think>' },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nI'll write the answer.\n</think>\n\n{"text": "model said </think> here", "n": 1}`,
    expected: { text: 'model said </think> here', n: 1 },
  },
  {
    category: 'hard-mixed',
    text: `The placeholder {{name}} in the template becomes:\n\n{"greeting": "Hello, Ada!"}`,
    expected: { greeting: 'Hello, Ada!' },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nNo JSON in here at all, just thinking about [the problem] and {its parts}.\n</think>\nThe answer, as requested:\n${F}json\n{"parts": ["a", "b"]}\n${F}`,
    expected: { parts: ['a', 'b'] },
  },
];
