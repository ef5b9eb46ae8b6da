/**
 * The fourth new-user trial (issue 8): LLM outputs written blind, before reading the engine, its corpus or
 * the earlier trials' texts, each with the JSON value a user asking for JSON expects and the status a
 * careful reader expects (`expected: null` with status FAILED: the text holds no answer). `category` names
 * the model family or the shape of the text.
 */
export interface Trial4Case {
  category: string;
  text: string;
  expected: unknown;
  status: 'VALID' | 'REPAIRED' | 'TRUNCATED' | 'FAILED';
  /** Why this case's value is not asserted as written (the design limit: a JSON-started text whose value
   * the model corrects later; the test then finds the corrected value in a `correction` span). */
  open?: string;
}

const F = '```';
const B = '`';

export const TRIAL4_CASES: Trial4Case[] = [
  // --- DeepSeek-R1 style: the opening <think> is in the prompt, only </think> arrives ---
  {
    category: 'r1-lone-think',
    text: `The user wants a config for a retry policy. Max attempts 3, backoff exponential. Let me think about the base delay: 200ms seems reasonable. Something like {"maxAttempts": 3, "backoff": "exponential"} — but I also need baseDelayMs. Let me include it.\n</think>\n\n{"maxAttempts": 3, "backoff": "exponential", "baseDelayMs": 200}`,
    expected: { maxAttempts: 3, backoff: 'exponential', baseDelayMs: 200 },
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `We need to sort the words by length: "fig", "apple", "banana". So ["fig", "apple", "banana"]. Wait, "apple" is 5 and "banana" is 6, fig 3. Yes that's right. But the user wants descending.\nSo reversed: ["banana", "apple", "fig"].\n</think>\n${F}json\n["banana", "apple", "fig"]\n${F}`,
    expected: ['banana', 'apple', 'fig'],
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `Okay, so I need to output the person record. The name has a diaeresis, Zoë. Tags a and b.\n</think>\n{name: 'Zoë', age: 31, tags: ['a', 'b',],}`,
    expected: { name: 'Zoë', age: 31, tags: ['a', 'b'] },
    status: 'REPAIRED',
  },
  {
    category: 'r1-lone-think',
    text: `Let me read the invoice. Number INV-0042, total 129.50 EUR. I should output {"invoice": ..., "total": ...} and maybe currency. Yes, currency too.\n</think>\n\nHere is the extracted data:\n\n{"invoice": "INV-0042", "total": 129.5, "currency": "EUR"}\n\nLet me know if you need anything else!`,
    expected: { invoice: 'INV-0042', total: 129.5, currency: 'EUR' },
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `用户想要一个JSON。{"a": 1}？不对，需要数组，而且要包含名字。\n</think>\n[{"id": 1, "名字": "张三"}]`,
    expected: [{ id: 1, 名字: '张三' }],
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `Recipe steps, in order. Preheat, mix, bake. The user wants an object with a steps array.\n</think>\n{"steps": ["preheat oven", "mix flour", "bake for 20`,
    expected: { steps: ['preheat oven', 'mix flour', 'bake for 20'] },
    status: 'TRUNCATED',
  },
  {
    category: 'r1-lone-think',
    text: `Let me figure out the coordinates. Maybe {"x": 1, "y": 2}? No wait, the origin shifted, so I have to subtract the offset first. The offset is (3, 4), so x becomes`,
    expected: null,
    status: 'FAILED',
  },
  {
    category: 'r1-lone-think',
    text: `I should call the weather tool for Oslo. Units: the user is in Norway, so celsius.\n</think>\n\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo", "unit": "celsius"}}\n</tool_call>`,
    expected: { name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius' } },
    status: 'VALID',
  },
  {
    category: 'r1-lone-think',
    text: `The colors are green and red, as hex numbers. In code those are 0x00FF00 and 0xff0000; I'll keep them as numbers like the user's example.\n</think>\n{"colors": [0x00FF00, 0xff0000]}`,
    expected: { colors: [65280, 16711680] },
    status: 'REPAIRED',
  },
  // --- Qwen / QwQ: <think> blocks, sometimes empty ---
  {
    category: 'qwen-think',
    text: `<think>\nThe user wants the capital of France. Paris. Output as {"capital": ...}.\n</think>\n\n{"capital": "Paris"}`,
    expected: { capital: 'Paris' },
    status: 'VALID',
  },
  {
    category: 'qwen-think',
    text: `<think>\n\n</think>\n\n${F}json\n{"ok": true, "items": []}\n${F}`,
    expected: { ok: true, items: [] },
    status: 'VALID',
  },
  {
    category: 'qwen-think',
    text: `<think>\nsimple\n</think>\nThe schema uses ${B}{"type": "..."}${B} entries. Result:\n\n{"type": "event", "count": 4}`,
    expected: { type: 'event', count: 4 },
    status: 'VALID',
  },
  {
    category: 'qwen-think',
    text: `<think>Draft: {"msg": "hi"}</think>{"msg": "Use </think> to end reasoning"}`,
    expected: { msg: 'Use </think> to end reasoning' },
    status: 'VALID',
  },
  {
    category: 'qwen-think',
    text: `<think>\nLet me compute 17*23. 17*20=340, 17*3=51, total 391. So {"product": 391}. Let me double-check: 391/17 = 23. Good. Now format`,
    expected: null,
    status: 'FAILED',
  },
  {
    category: 'qwen-think',
    text: `<think>first pass</think>\n<think>second thought: maybe {"v": 0}</think>\n{"v": 1}`,
    expected: { v: 1 },
    status: 'VALID',
  },
  // --- Claude: <thinking>, "Here's the JSON:", notes after ---
  {
    category: 'claude',
    text: `<thinking>\nThe user wants the two fields. I'll keep it minimal.\n</thinking>\n\nHere's the JSON:\n\n${F}json\n{\n  "title": "Dune",\n  "year": 1965\n}\n${F}\n\nNote: ${B}year${B} is the first publication year.`,
    expected: { title: 'Dune', year: 1965 },
    status: 'VALID',
  },
  {
    category: 'claude',
    text: `Here's the configuration:\n\n${F}json\n{"port": 8080, "debug": false}\n${F}\n\nIf you want verbose logs, set ${B}{"debug": true}${B} instead.`,
    expected: { port: 8080, debug: false },
    status: 'VALID',
  },
  {
    category: 'claude',
    text: `<thinking type="internal">Should x be 1 or 2? The spec says {"x": 1} was the old default. New default is 2.</thinking>\n{"x": 2}`,
    expected: { x: 2 },
    status: 'VALID',
  },
  {
    category: 'claude',
    text: `I'll structure it as an object keyed by id:\n\n${F}json\n{"a1": {"qty": 2}, "b7": {"qty": 1}}\n${F}\n\nAlternatively, if you'd rather have a list:\n\n${F}json\n[{"id": "a1", "qty": 2}, {"id": "b7", "qty": 1}]\n${F}`,
    expected: { a1: { qty: 2 }, b7: { qty: 1 } },
    status: 'VALID',
  },
  {
    category: 'claude',
    text: `<thinking>Check the date format: ISO 8601.</thinking>\n<answer>\n{"date": "2024-03-09"}\n</answer>`,
    expected: { date: '2024-03-09' },
    status: 'VALID',
  },
  {
    category: 'claude',
    text: `<thinking>\nThree items. I'll double-check the prices.\n</thinking>\n\n${F}json\n{"items": [{"name": "pen", "price": 1.5}, {"name": "ink", "price": 4}], "total": 5.5}\n${F}\n\nI've included the total for convenience — let me know if you'd prefer it left out.`,
    expected: { items: [{ name: 'pen', price: 1.5 }, { name: 'ink', price: 4 }], total: 5.5 },
    status: 'VALID',
  },
  // --- gpt-oss harmony channels leaking through raw endpoints ---
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>User wants JSON with sum. 2+2=4. Output {"sum": 4}.<|end|><|start|>assistant<|channel|>final<|message|>{"sum": 4}<|return|>`,
    expected: { sum: 4 },
    status: 'VALID',
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Maybe {"lang": "fr"}? No, the text is Spanish.<|end|><|start|>assistant<|channel|>final<|message|>{"lang": "es", "confidence": 0.97}`,
    expected: { lang: 'es', confidence: 0.97 },
    status: 'VALID',
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Need list.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n["a", "b"]\n${F}<|return|>`,
    expected: ['a', 'b'],
    status: 'VALID',
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Call the tool.<|end|><|start|>assistant<|channel|>commentary to=functions.lookup <|constrain|>json<|message|>{"query": "weather in Rome"}<|call|>`,
    expected: { query: 'weather in Rome' },
    status: 'VALID',
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>ok<|end|><|start|>assistant<|channel|>final<|message|>{"items": [1, 2, 3`,
    expected: { items: [1, 2, 3] },
    status: 'TRUNCATED',
  },
  {
    category: 'harmony',
    text: `analysisThe user wants a JSON with a greeting. Something like {"greeting": "hi"} maybe with the name. Let's include the name.assistantfinal{"greeting": "hi", "name": "Sam"}`,
    expected: { greeting: 'hi', name: 'Sam' },
    status: 'VALID',
  },
  // --- o-series: prose summary + fence ---
  {
    category: 'o-series',
    text: `**Answer**\n\nBelow is the JSON representation of the schedule.\n\n${F}json\n{\n  "monday": ["gym"],\n  "tuesday": []\n}\n${F}\n\n**Notes**\n- Empty arrays mean no events.`,
    expected: { monday: ['gym'], tuesday: [] },
    status: 'VALID',
  },
  {
    category: 'o-series',
    text: `I converted the CSV rows into objects and dropped the header.\n\n${F}\n[{"sku": "X1", "price": 9.99}, {"sku": "X2", "price": 14}]\n${F}`,
    expected: [{ sku: 'X1', price: 9.99 }, { sku: 'X2', price: 14 }],
    status: 'VALID',
  },
  {
    category: 'o-series',
    text: `${F}json\n{"valid": false, "errors": ["missing email"]}\n${F}\n\nExplanation: each error is a string; an empty list ${B}[]${B} means the record passed.`,
    expected: { valid: false, errors: ['missing email'] },
    status: 'VALID',
  },
  {
    category: 'o-series',
    text: `Result: {"score": 0.82}`,
    expected: { score: 0.82 },
    status: 'VALID',
  },
  {
    category: 'o-series',
    text: `### Output\n${F}json\n{"a": [1, 2]}\n${F}\n### Why\nI kept integers rather than strings such as ["1", "2"].`,
    expected: { a: [1, 2] },
    status: 'VALID',
  },
  // --- Gemini: chatty prose, explanations after ---
  {
    category: 'gemini',
    text: `Okay, here is the JSON output for the given text:\n\n${F}json\n{\n  "entities": [\n    {"text": "Berlin", "type": "LOCATION"},\n    {"text": "Angela", "type": "PERSON"}\n  ]\n}\n${F}\n\n**Explanation:**\n\n*   **entities**: A list of named entities.\n*   Each entity has ${B}text${B} and ${B}type${B}.`,
    expected: { entities: [{ text: 'Berlin', type: 'LOCATION' }, { text: 'Angela', type: 'PERSON' }] },
    status: 'VALID',
  },
  {
    category: 'gemini',
    text: `Sure! First, here is the structure:\n\n${F}json\n{"name": "string", "age": "number"}\n${F}\n\nAnd here is the filled-in JSON:\n\n${F}json\n{"name": "Kofi", "age": 27}\n${F}`,
    expected: { name: 'Kofi', age: 27 },
    status: 'VALID',
  },
  {
    category: 'gemini',
    text: `Here you go! 🎉\n\n${F}json\n{"greeting": "¡Hola, señor! 👋", "lang": "es"}\n${F}`,
    expected: { greeting: '¡Hola, señor! 👋', lang: 'es' },
    status: 'VALID',
  },
  {
    category: 'gemini',
    text: `1. Parse the input.\n2. Build an object like ${B}{"k": v}${B}.\n3. Return it.\n\nFinal JSON:\n${F}json\n{"k": 3}\n${F}`,
    expected: { k: 3 },
    status: 'VALID',
  },
  {
    category: 'gemini',
    text: `Here's the JSON:\n\n{\n  "city": "Nairobi",\n  "population_millions": 4.4\n}\n\nThis JSON contains the city name and its approximate population in millions.`,
    expected: { city: 'Nairobi', population_millions: 4.4 },
    status: 'VALID',
  },
  // --- tool-call argument strings holding two concatenated values ---
  {
    category: 'tool-args',
    text: `{"city": "Paris"}{"city": "London"}`,
    expected: { city: 'Paris' },
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `{"query": "a"} {"query": "b"}`,
    expected: { query: 'a' },
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `{"path": "/tmp/x"}\n{"path": "/tmp/y"}`,
    expected: { path: '/tmp/x' },
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `[{"id": 1}][{"id": 2}]`,
    expected: [{ id: 1 }],
    status: 'REPAIRED',
  },
  {
    category: 'tool-args',
    text: `{"a": 1}{"b": 2`,
    expected: { a: 1 },
    status: 'REPAIRED',
  },
  // --- markdown with examples in inline code ---
  {
    category: 'inline-code',
    text: `Use ${B}{"enabled": true}${B} to turn it on. For your case:\n\n{"enabled": false, "reason": "maintenance"}`,
    expected: { enabled: false, reason: 'maintenance' },
    status: 'VALID',
  },
  {
    category: 'inline-code',
    text: `The API expects ${B}[id, name]${B} pairs, e.g. ${B}[1, "a"]${B}. Here is your payload:\n${F}json\n[[1, "alpha"], [2, "beta"]]\n${F}`,
    expected: [[1, 'alpha'], [2, 'beta']],
    status: 'VALID',
  },
  {
    category: 'inline-code',
    text: `Fields in ${B}{...}${B} are required. Output:\n{"required": ["id", "email"]}`,
    expected: { required: ['id', 'email'] },
    status: 'VALID',
  },
  {
    category: 'inline-code',
    text: `You can send ${B}{"ping": 1}${B}.`,
    expected: { ping: 1 },
    status: 'VALID',
  },
  {
    category: 'inline-code',
    text: `Set ${B}mode${B} to ${B}"fast"${B}:\n\n{"mode": "fast", "threads": 4}`,
    expected: { mode: 'fast', threads: 4 },
    status: 'VALID',
  },
  {
    category: 'inline-code',
    text: `<think>\nThe code is de.\n</think>\n{"lang": "de"}\n\nNote: other codes like ${B}{"lang": "en"}${B} are also supported.`,
    expected: { lang: 'de' },
    status: 'VALID',
  },
  // --- prose-started drafts with retractions ---
  {
    category: 'drafts',
    text: `Let me build it step by step. First attempt: {"a": 1, "b": 2}. Hmm, that's missing c.\n\nFinal:\n{"a": 1, "b": 2, "c": 3}`,
    expected: { a: 1, b: 2, c: 3 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Draft: ["x", "y"]\nScratch that, the order should be reversed.\n["y", "x"]`,
    expected: ['y', 'x'],
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `I think it's {"status": "open"}. Actually, no — the ticket was closed yesterday. So: {"status": "closed"}`,
    expected: { status: 'closed' },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Initial guess: {"n": 10}\nWait, I miscounted. Let me recount: there are 12.\n{"n": 12}`,
    expected: { n: 12 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Here's the JSON: {"temp": 21}\n\nOops, you asked for Fahrenheit:\n\n{"temp": 69.8}`,
    expected: { temp: 69.8 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Something like {"ok": true}? That's not quite it — the caller needs the code too.\n{"ok": true, "code": 200}`,
    expected: { ok: true, code: 200 },
    status: 'VALID',
  },
  {
    category: 'drafts',
    text: `Here's the mapping: {"a": "x", "b": "y"}\n\nCorrected version (b maps to z):\n${F}json\n{"a": "x", "b": "z"}\n${F}`,
    expected: { a: 'x', b: 'z' },
    status: 'VALID',
  },
  // --- JSON-started text the model corrects later (the design limit) ---
  {
    category: 'json-first-corrected',
    text: `{"total": 42}\n\nWait, I mis-added. The correct total is:\n{"total": 44}`,
    expected: { total: 44 },
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  {
    category: 'json-first-corrected',
    text: `${F}json\n{"color": "red"}\n${F}\n\nSorry, that's wrong — the logo is blue:\n\n${F}json\n{"color": "blue"}\n${F}`,
    expected: { color: 'blue' },
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  {
    category: 'json-first-corrected',
    text: `{"answer": "B"}\n\nActually, on reflection the answer is C.\n{"answer": "C"}`,
    expected: { answer: 'C' },
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  {
    category: 'json-first-corrected',
    text: `{"id": 7}\n\nActually, that's all you need.`,
    expected: { id: 7 },
    status: 'VALID',
  },
  {
    category: 'json-first-corrected',
    text: `["Mon", "Tue"]\nNo wait, include Wednesday: ["Mon", "Tue", "Wed"]`,
    expected: ['Mon', 'Tue', 'Wed'],
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  {
    category: 'json-first-corrected',
    text: `<thinking>Quick.</thinking>\n{"count": 3}\n\nHmm, let me recount the list: apples, pears, plums, figs. That's four.\n\n{"count": 4}`,
    expected: { count: 4 },
    status: 'VALID',
    open: 'known limit: the text begins with a value (streamed at once) that it corrects later; the corrected value is a `correction` span',
  },
  // --- truncation at max_tokens ---
  {
    category: 'truncation',
    text: `Here is the list:\n${F}json\n[\n  {"id": 1, "name": "Ana"},\n  {"id": 2, "name": "Bo`,
    expected: [{ id: 1, name: 'Ana' }, { id: 2, name: 'Bo' }],
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `{"summary": "The meeting covered Q3 results and the new hiring plan. Key points: revenue grew 12%, costs`,
    expected: { summary: 'The meeting covered Q3 results and the new hiring plan. Key points: revenue grew 12%, costs' },
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `{"a": 1, "b": [true, false], "c": "x`,
    expected: { a: 1, b: [true, false], c: 'x' },
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `{"lat": 48.85, "lng": 2.35`,
    expected: { lat: 48.85, lng: 2.35 },
    status: 'TRUNCATED',
  },
  {
    category: 'truncation',
    text: `{"name": "Eve", "email":`,
    expected: { name: 'Eve' },
    status: 'TRUNCATED',
  },
  // --- lenient JSON: hex, single quotes, Python, comments, unicode ---
  {
    category: 'lenient',
    text: `{"mask": 0xFF, "mode": 0o755, "flags": 0b101}`,
    expected: { mask: 255, mode: 493, flags: 5 },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{'title': 'Don\\'t Stop', 'artist': 'Queen'}`,
    expected: { title: "Don't Stop", artist: 'Queen' },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{'quote': 'It's fine', 'n': 1}`,
    expected: { quote: "It's fine", n: 1 },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{'a': None, 'b': True, 'c': (1, 2), 'd': False}`,
    expected: { a: null, b: true, c: [1, 2], d: false },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{\n  // the port\n  "port": 5432, /* default */\n  "host": "db" # primary\n}`,
    expected: { port: 5432, host: 'db' },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{"emoji": "\\ud83d\\ude00", "name": "Ñandú"}`,
    expected: { emoji: '😀', name: 'Ñandú' },
    status: 'VALID',
  },
  {
    category: 'lenient',
    text: `{“name”: “Zoë”, “city”: “Köln”}`,
    expected: { name: 'Zoë', city: 'Köln' },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{"values": [1, 2, 3,], "ok": True,}`,
    expected: { values: [1, 2, 3], ok: true },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{name: ${B}Ada${B}, langs: ["en", "fr"]}`,
    expected: { name: 'Ada', langs: ['en', 'fr'] },
    status: 'REPAIRED',
  },
  {
    category: 'lenient',
    text: `{"offset": -0x10, "size": 0X20}`,
    expected: { offset: -16, size: 32 },
    status: 'REPAIRED',
  },
  // --- other raw markers ---
  {
    category: 'markers',
    text: `<|python_tag|>{"name": "search", "parameters": {"q": "llama 3"}}<|eom_id|>`,
    expected: { name: 'search', parameters: { q: 'llama 3' } },
    status: 'VALID',
  },
];
