/**
 * A new user's trial of answer selection (issue 8): model output written the way DeepSeek-R1 / QwQ
 * (a lone `</think>`), Claude (`<thinking>`, "Here's the JSON:", notes with example snippets), gpt-oss
 * (harmony channels leaking), Gemini (one or two fences), gpt-4o / o1 / Llama / Mistral (prose around
 * JSON) write it, with drafts, retractions, negations, examples, schemas and cut answers. Written before
 * reading the engine's tables or the rest of this corpus, so the engine had never seen it; the expected
 * value is what a careful reader takes as THE answer (null: there is none). Cases the engine cannot get
 * right by design are left out (they are in the trial's findings, with the reason).
 */
import { casesOf, NO_ANSWER, type Row } from './caseKit';
import type { Case } from './types';

const F = '```';
/** The channel switch of a gpt-oss answer: the analysis message ends, the final one starts. */
const fin = '<|end|><|start|>assistant<|channel|>final<|message|>';
const rows: Row[] = [];
/** One case: `style` names the model family / pattern; the cases of a style are numbered. */
const add = (style: string, input: string, expected: unknown) =>
  rows.push([`${style} #${rows.filter((r) => r[0].startsWith(`${style} #`)).length + 1}`, input, expected === null ? NO_ANSWER : { kind: 'value', value: expected }]);

// ---- R1 / QwQ: content starts mid-reasoning, only a lone closing tag
const R = 'r1-lone-close';
add(R, `Okay, the user wants a JSON object with name and age. Let me think. Something like {"name": "Alice"} but they also want age. So {"name": "Alice", "age": 30}.\n</think>\n\n{"name": "Alice", "age": 30}`, { name: 'Alice', age: 30 });
add(R, `Alright, so I need to extract the entities. The text mentions Paris and France.\n\nWait, should cities and countries be separate? The schema says {"entities": [...]}, a flat list. OK.\n</think>\n\n${F}json\n{"entities": ["Paris", "France"]}\n${F}`, { entities: ['Paris', 'France'] });
add(R, `First, parse the request: they want the top 3 colors as an array.\n\nDraft: ["red", "green"] — only two, need three.\n\nAdd blue: ["red", "green", "blue"].\n</think>\n["red", "green", "blue"]`, ['red', 'green', 'blue']);
add(R, `Let me see. The function should return {"status": "ok", "count": 0} when empty? Hmm, no, the user said count must be positive... Actually if empty, we return an error: {"status": "error"}.\n\nBut the input isn't empty, it has 4 items.\n</think>\n\n{"status": "ok", "count": 4}`, { status: 'ok', count: 4 });
add(R, `I'll write it as {name: 'Bob', tags: ['a',]} then fix the quoting.\n</think>\n{"name": "Bob", "tags": ["a"]}`, { name: 'Bob', tags: ['a'] });
add(R, `So the answer should have both keys.\n</think>\n\n{\n  "city": "Berlin",\n  "population": 3645000,\n}`, { city: 'Berlin', population: 3645000 });
add(R, `The user just wants confirmation.\n</think>\n\n{"ok": true}\n\nLet me know if you need anything else!`, { ok: true });
add(R, `The sum is 2+3=5, the product 6.\n</think>\n\n**Answer:**\n\n${F}json\n{"sum": 5, "product": 6}\n${F}`, { sum: 5, product: 6 });
add(R, `嗯，用户需要一个JSON。{"a": 1}？不对，应该是数组。\n</think>\n[1, 2, 3]`, [1, 2, 3]);
add(R, `Let me list candidates: [{"id": 1}, {"id": 2}]. But id 2 is filtered out by the condition.\n</think>\n[{"id": 1}]`, [{ id: 1 }]);
add(R, `Output format: {"answer": "yes", "confidence": \n\nhmm, confidence should be a number between 0 and 1.\n</think>\n{"answer": "yes", "confidence": 0.82}`, { answer: 'yes', confidence: 0.82 });
add(R, `\n\nThe user asked for an empty list since no items match.\n</think>\n\n[]`, []);
add(R, `No fields apply, so return an empty object.</think>{}`, {});
add(R, `Plan.</think>{"note": "the tag </think> ends reasoning"}`, { note: 'the tag </think> ends reasoning' });
add(R, `Final answer: {"x": 1}? Let me double check... x should be 2 because the loop runs twice.\n</think>\n{"x": 2}`, { x: 2 });
add(R, `Compute totals.\n</think>\n{"items": [{"sku": "A1", "qty": 2}, {"sku": "B7", "qty": 5`, { items: [{ sku: 'A1', qty: 2 }, { sku: 'B7', qty: 5 }] });
add(R, `The text is English.\n</think>\n\n${F}json\n{"lang": "en"}\n${F}\n\nNote: if the text were French you'd get \`{"lang": "fr"}\`.`, { lang: 'en' });
add(R, `Check constraints... all satisfied.\n</reasoning>\n{"valid": true}`, { valid: true });
add(R, `They want the title only.\n</thinking>\n\n{"title": "Dune"}`, { title: 'Dune' });
add(R, `The function signature is def f(x): return {x: 1}. In JSON, keys must be strings, so {"1": 1}.\n</think>\n{"1": 1}`, { 1: 1 });
add(R, `Let me draft:\n${F}json\n{"a": 1}\n${F}\nHmm, they wanted b too.\n</think>\n${F}json\n{"a": 1, "b": 2}\n${F}`, { a: 1, b: 2 });
add(R, `If nothing is found I'd return {}. But there are two hits.\n</think>\n{"hits": 2}`, { hits: 2 });
add(R, `<think>\nplan the keys\n</think>\n{"a": 1}`, { a: 1 });
add(R, `Celsius is what they asked for.\n</think>\n{"temp": 21}\n\nIf you prefer Fahrenheit: {"temp": 70}`, { temp: 21 });
add(R, `We need {"k": [1, 2]}... wait, is 2 included? The range is inclusive, so yes, and 3 too.\n</think>\n{"k": [1, 2, 3]}`, { k: [1, 2, 3] });
add(R, `Okay, so the format is {"date": "YYYY-MM-DD"}. The date mentioned is March 5th 2021.\n\nLet me verify: March is 03, 5th is 05.\n</think>\n\nThe extracted date:\n\n{"date": "2021-03-05"}`, { date: '2021-03-05' });

// ---- Claude: <thinking>, "Here's the JSON:" then a fence, follow-up notes with examples
const C = 'claude-style';
add(C, `<thinking>\nThe user wants a config object. I'll include port and host.\n</thinking>\n\nHere's the JSON:\n\n${F}json\n{\n  "host": "localhost",\n  "port": 8080\n}\n${F}`, { host: 'localhost', port: 8080 });
add(C, `Here's the JSON you requested:\n\n${F}json\n{"users": [{"name": "Ann", "role": "admin"}]}\n${F}\n\nA few notes:\n- If you want more users, add entries like \`{"name": "Bo", "role": "viewer"}\`.\n- The \`role\` field accepts \`"admin"\` or \`"viewer"\`.`, { users: [{ name: 'Ann', role: 'admin' }] });
add(C, `<thinking>\nDraft: {"sentiment": "positive"}. But the review says "not great", so negative.\n</thinking>\n\n{"sentiment": "negative", "score": -0.6}`, { sentiment: 'negative', score: -0.6 });
add(C, `Based on the document, here is the structured data:\n\n{"company": "Acme Corp", "founded": 1947, "employees": 1200}\n\nLet me know if you'd like me to add more fields.`, { company: 'Acme Corp', founded: 1947, employees: 1200 });
add(C, `<thinking>easy one</thinking>\n<answer>\n{"label": "spam"}\n</answer>`, { label: 'spam' });
add(C, `Here's the JSON:\n\n${F}json\n{"count": 3}\n${F}\n\nWait, I miscounted — there are four items. Corrected:\n\n${F}json\n{"count": 4}\n${F}`, { count: 4 });
add(C, `${F}json\n{"theme": "dark"}\n${F}\n\nTo switch later, send:\n\n${F}\n{"theme": "light"}\n${F}`, { theme: 'dark' });
add(C, `I'll call the weather tool.\n\n{"name": "get_weather", "arguments": {"city": "Oslo", "unit": "celsius"}}`, { name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius' } });
add(C, `<thinking>\nThe user wants HTML escaped: "<b>" becomes "&lt;b&gt;".\n</thinking>\n{"escaped": "&lt;b&gt;"}`, { escaped: '&lt;b&gt;' });
add(C, `I'll follow this schema:\n${F}json\n{"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}\n${F}\nAnd here is the data:\n${F}json\n{"id": 42}\n${F}`, { id: 42 });
add(C, `## Result\n\n${F}json\n[\n  {"step": 1, "action": "open"},\n  {"step": 2, "action": "close"}\n]\n${F}\n\n## Explanation\n\nEach step is an object like \`{"step": n, "action": "..."}\`.`, [{ step: 1, action: 'open' }, { step: 2, action: 'close' }]);
add(C, `Sure! Here's the JSON object:\n\n{\n  "title": "Notes",\n  "pinned": false\n}\n\nThis object contains the title and whether the note is pinned.`, { title: 'Notes', pinned: false });
add(C, `I can't access real-time prices, but here's a template you can fill in:\n\n${F}json\n{"price": null, "currency": "USD"}\n${F}`, { price: null, currency: 'USD' });
add(C, `<thinking>\nLet me consider {"a": 1} vs {"a": "1"}; the schema says integer.\n</thinking>\n\n${F}json\n{"a": 1}\n${F}`, { a: 1 });
add(C, `The API expects keys in snake_case (e.g. \`{"first_name": "..."}\`), so:\n\n{"first_name": "Ada", "last_name": "Lovelace"}`, { first_name: 'Ada', last_name: 'Lovelace' });
add(C, `<thinking>\nThe user wants {"a": 1}... let me think about the edge cases first`, null);
add(C, `<thinking>\nThree tags fit.\n</thinking>\n\nHere are the tags:\n\n${F}json\n["ml", "nlp", "python"]\n${F}\n\nI chose these because the article focuses on NLP in Python. You could also add \`"transformers"\` if you want more specificity.`, ['ml', 'nlp', 'python']);
add(C, `I'll extract the contact details.\n\n${F}json\n{\n  "name": "Dr. Mei Chen",\n  "phone": "+1-555-0142",\n  "email": null\n}\n${F}\n\nThe email field is \`null\` because none was given. If you'd prefer to omit it, use \`{"name": "Dr. Mei Chen", "phone": "+1-555-0142"}\` instead.`, { name: 'Dr. Mei Chen', phone: '+1-555-0142', email: null });
add(C, `<thinking>\nWhat does the user want? A list of {"q", "a"} pairs.\n</thinking>\n[{"q": "2+2", "a": "4"}]`, [{ q: '2+2', a: '4' }]);
add(C, `<thinking>\nShould I wrap it in {"data": ...}? The prompt shows a bare array, so no.\n</thinking>\n\n${F}json\n[3, 1, 2]\n${F}`, [3, 1, 2]);

// ---- gpt-oss harmony channels leaking
const H = 'harmony';
add(H, `<|channel|>analysis<|message|>User wants JSON with a greeting. Simple.${fin}{"greeting": "hello"}<|return|>`, { greeting: 'hello' });
add(H, `<|channel|>analysis<|message|>Maybe {"lang": "de"}? No, the text is Dutch.${fin}{"lang": "nl"}<|return|>`, { lang: 'nl' });
add(H, `<|channel|>analysis<|message|>Format as fenced JSON.${fin}${F}json\n{"a": [1, 2]}\n${F}<|return|>`, { a: [1, 2] });
add(H, `<|channel|>analysis<|message|>Compute 8+9.${fin}Here is the result:\n{"total": 17}<|end|>`, { total: 17 });
add(H, `<|channel|>analysis<|message|>think<|end|><|channel|>final<|message|>{"x": true}`, { x: true });
add(H, `<|channel|>final<|message|>{"ok": 1}<|return|>`, { ok: 1 });
add(H, `<|start|>assistant<|channel|>analysis<|message|>We need to output JSON. Let's produce {"a": 1}? Actually b is needed.${fin}{"b": 2}<|return|>`, { b: 2 });
add(H, `<|channel|>analysis<|message|>Need the weather.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city": "Paris"}<|call|>`, { city: 'Paris' });
add(H, `<|channel|>analysis<|message|>ok${fin}{"a": 1,}<|return|>`, { a: 1 });
add(H, `<|channel|>analysis<|message|>list them${fin}{"list": ["x", "y"`, { list: ['x', 'y'] });
add(H, `<|channel|>analysis<|message|>The user wants {"a": 1} probably, but`, null);
add(H, `<|channel|>analysis<|message|>Explain tokens.${fin}{"doc": "tokens like <|end|> are special"}<|return|>`, { doc: 'tokens like <|end|> are special' });
add(H, `<|channel|>analysis<|message|>Candidates: ["a", "b"] or ["a", "b", "c"]. The user said all three.${fin}["a", "b", "c"]<|return|>`, ['a', 'b', 'c']);
add(H, `<|channel|>analysis<|message|>Python-ish is fine, repair later.${fin}{'k': 'v'}<|return|>`, { k: 'v' });
add(H, `<|channel|>analysis<|message|>Done.${fin}{"a": 1}<|end|><|start|>assistant<|channel|>analysis<|message|>Hmm maybe {"a": 2} would have been better<|end|>`, { a: 1 });
add(H, `<|channel|>analysis<|message|>We must respond with JSON only. Let's craft: {"name":"Kai","age":7}. Check age: the user said seven. Good.${fin}{"name":"Kai","age":7}<|return|>`, { name: 'Kai', age: 7 });

// ---- gpt-4o / o1 / Llama / Mistral prose around JSON
const P = 'chatty-prose';
add(P, `Sure! Here is the JSON object you asked for:\n\n{\n    "title": "Inception",\n    "year": 2010,\n    "director": "Christopher Nolan"\n}\n\nI hope this helps!`, { title: 'Inception', year: 2010, director: 'Christopher Nolan' });
add(P, `Certainly. The extracted information is {"name": "John Smith", "email": "john@example.com"}.`, { name: 'John Smith', email: 'john@example.com' });
add(P, `Here is the output in JSON format:\n\n${F}\n{\n"product": "Laptop",\n"price": 999.99,\n"in_stock": true\n}\n${F}\nLet me know if you have any other questions!`, { product: 'Laptop', price: 999.99, in_stock: true });
add(P, `Based on the provided text, here's the JSON representation:\n\n${F}json\n{\n  "symptoms": ["fever", "cough"],\n  "duration_days": 3\n}\n${F}\n\nExplanation:\n- "symptoms" lists the symptoms mentioned.\n- "duration_days" is the number of days.`, { symptoms: ['fever', 'cough'], duration_days: 3 });
add(P, `**Result**\n\n{"score": 0.93, "label": "positive"}`, { score: 0.93, label: 'positive' });
add(P, `Here you go:\n{"color": "blue"}\nIf you want multiple colors, you can use an array like ["blue", "red"].`, { color: 'blue' });
add(P, `The response is:\n---\n{"id": 7}\n---`, { id: 7 });
add(P, `Output: {"active": True, "manager": None}`, { active: true, manager: null });
add(P, `I'd be happy to help! Here's a JSON array of the first five prime numbers:\n\n[2, 3, 5, 7, 11]\n\nThese are the primes less than 12.`, [2, 3, 5, 7, 11]);
add(P, `{"filters": {"status": "open"}}\n\nNote: set "filters" to {} to disable filtering.`, { filters: { status: 'open' } });
add(P, `The JSON is as follows: {"k": "v"}. Let me know if you need changes.`, { k: 'v' });
add(P, `Here's the config (with comments explaining each field):\n{\n  // server port\n  "port": 3000,\n  "debug": false // turn on for logs\n}`, { port: 3000, debug: false });
add(P, `Assistant: {"answer": "Paris"}`, { answer: 'Paris' });
add(P, `Great question! 😊 Here's what I came up with:\n\n${F}json\n{"emoji": "😊", "mood": "happy"}\n${F}`, { emoji: '😊', mood: 'happy' });
add(P, `{"a": 1, "b": 2}\n\n1. \`a\` is the first value.\n2. \`b\` is the second.`, { a: 1, b: 2 });
add(P, `{"x": 1}\n\n| field | meaning |\n|---|---|\n| x | count [0-9] |`, { x: 1 });
add(P, `I apologize for the confusion earlier. Here is the corrected JSON:\n\n{"date": "2023-10-05", "amount": 120.5}`, { date: '2023-10-05', amount: 120.5 });
add(P, `According to the report [1], revenue grew by 12%.\n\n{"revenue_growth": 0.12}\n\n[1] Annual report 2023.`, { revenue_growth: 0.12 });
add(P, `See [the docs](https://example.com/api) for details. The payload:\n{"v": 1}`, { v: 1 });
add(P, `Here's a JSON response:\n\n{\n  "question": "What is the capital of Peru?",\n  "answer": "Lima"\n}\n\nWould you like me to generate more questions in this format?`, { question: 'What is the capital of Peru?', answer: 'Lima' });
add(P, `To answer your question, I've put the information into JSON. {"planet": "Mars", "moons": 2} That's everything you need.`, { planet: 'Mars', moons: 2 });

// ---- Gemini fences, sometimes two
const G = 'gemini-fences';
add(G, `${F}json\n{\n  "recipe": "Pancakes",\n  "servings": 4\n}\n${F}`, { recipe: 'Pancakes', servings: 4 });
add(G, `${F}json\n{"format": "csv"}\n${F}\n\nAlternatively, if you want JSON output:\n\n${F}json\n{"format": "json"}\n${F}`, { format: 'csv' });
add(G, `**JSON Output:**\n\n${F}json\n[{"q": "What is 2+2?", "a": "4"}]\n${F}\n\n**Explanation:**\n\n* The array contains one question object.\n* Keys \`q\` and \`a\` hold the question and the answer.`, [{ q: 'What is 2+2?', a: '4' }]);
add(G, `Here's the JSON:\n${F}json\n{"mode": "strict"}\n${F}\nHere's an alternative with lenient mode:\n${F}json\n{"mode": "lenient"}\n${F}`, { mode: 'strict' });
add(G, `JSON\n${F}json\n{"a": 1}\n${F}`, { a: 1 });
add(G, `${F}JSON\n{"upper": true}\n${F}`, { upper: true });
add(G, `${F}json\n{\n  "tags": ["a", "b",],\n}\n${F}`, { tags: ['a', 'b'] });
add(G, `Input:\n${F}json\n{"text": "I love it"}\n${F}\nOutput:\n${F}json\n{"sentiment": "positive"}\n${F}`, { sentiment: 'positive' });
add(G, `${F}json\n{"lat": 48.85, "lon": 2.35}\n${F}\n\n**Key points:**\n* \`lat\`/\`lon\` are in degrees, e.g. \`{"lat": 0, "lon": 0}\` is the Gulf of Guinea.`, { lat: 48.85, lon: 2.35 });
add(G, `${F}json\n{\n  "a": [1, 2]\n}\n${F}\n\nOr, more compactly:\n\n${F}json\n{"a":[1,2]}\n${F}`, { a: [1, 2] });
add(G, `${F}jsonc\n{\n  // the id\n  "id": 9\n}\n${F}`, { id: 9 });
add(G, `${F}json\n{"items": ["a", "b", "c"`, { items: ['a', 'b', 'c'] });
add(G, `${F}json\n{"a": 1}\n${F}\n\nYou can load it in Python:\n\n${F}python\nimport json\ndata = json.loads('{"a": 2}')\n${F}`, { a: 1 });
add(G, `Here is the JSON requested:\n\n${F}json\n{"ids": [1, 2, 3]}\n${F}\n\nIf you need it as a list of objects instead:\n\n${F}json\n[{"id": 1}, {"id": 2}, {"id": 3}]\n${F}`, { ids: [1, 2, 3] });
add(G, `${F}json\n[\n  {"name": "Mercury", "order": 1},\n  {"name": "Venus", "order": 2}\n]\n${F}\n\nThis JSON array lists the first two planets. Each object has a \`name\` and an \`order\`.`, [{ name: 'Mercury', order: 1 }, { name: 'Venus', order: 2 }]);
add(G, `Okay, here's the JSON you requested:\n\n${F}json\n{"status": "success", "data": {"count": 0, "results": []}}\n${F}`, { status: 'success', data: { count: 0, results: [] } });
add(G, `${F}json\n{"x": 1}\n${F}\n${F}json\n{"x": 1}\n${F}`, { x: 1 });

// ---- drafts, retractions, candidates
const D = 'drafts-retractions';
add(D, `Step 2: {"partial": 1\nFinal answer: {"a": 5}`, { a: 5 });
add(D, `Let me try: {"x": 1, "y": 2}. Hmm, wait, y should be negative. {"x": 1, "y": -2}`, { x: 1, y: -2 });
add(D, `Draft: {"t": 1}\nFinal: {"t": 2}`, { t: 2 });
add(D, `Here are three options:\n1. {"size": "S"}\n2. {"size": "M"}\n3. {"size": "L"}\n\nI recommend option 2:\n{"size": "M"}`, { size: 'M' });
add(D, `Option A: {"plan": "basic"}\nOption B: {"plan": "pro"}\n\nBest choice: {"plan": "pro"}`, { plan: 'pro' });
add(D, `My first guess is {"capital": "Sydney"} — that is wrong, it's Canberra.\n\n{"capital": "Canberra"}`, { capital: 'Canberra' });
add(D, `Okay, so the user wants the JSON. Let me think... maybe {"a": 1}? But wait, the instructions say the key should be "b". So {"b": 1}.\n\nYes, that's it.\n\n{"b": 1}`, { b: 1 });
add(D, `Initial: {"k": "a"}\nRevised: {"k": "b"}`, { k: 'b' });
add(D, `- first try: {"v": 1} (wrong)\n- second try: {"v": 2} (correct)`, { v: 2 });
add(D, `Working: {"total": 1\nAnswer: {"total": 12}`, { total: 12 });
add(D, `So it's {"dir": "north"}. No wait, south. {"dir": "south"}`, { dir: 'south' });
add(D, `{"a": 1}\nHmm, that looks right.`, { a: 1 });
add(D, `The structure will be {"name": ..., "tags": [...]}. Filling it in:\n{"name": "Zed", "tags": ["x"]}`, { name: 'Zed', tags: ['x'] });
add(D, `Template: {"name": "<name>", "age": <age>}\nFilled: {"name": "Kim", "age": 25}`, { name: 'Kim', age: 25 });
add(D, `Let me write the first version:\n{"title": "Draft", "body": "..."}\nThat's not quite it — the title should be the real one.\n\nFinal version:\n{"title": "Q3 Report", "body": "Revenue up 4%"}`, { title: 'Q3 Report', body: 'Revenue up 4%' });
add(D, `Thinking about it: {"keep": [1, 2\nno — keep only odd numbers.\n\nAnswer:\n{"keep": [1, 3]}`, { keep: [1, 3] });
add(D, `Candidate 1: ["a"]\nCandidate 2: ["a", "b"]\nThe second one covers both requirements, so:\n["a", "b"]`, ['a', 'b']);

// ---- examples, negations, inline code, empty values, schemas, tool-call-like
const E = 'examples-negations';
add(E, `The answer is {"a": 1}, not {"a": 2}.`, { a: 1 });
add(E, `Use {"a": 1} instead of {"a": 0}.`, { a: 1 });
add(E, `Return {"status": "done"} rather than {"status": "ok"}.`, { status: 'done' });
add(E, `The correct output is ["x", "y"] and not ["y", "x"].`, ['x', 'y']);
add(E, `Each entry looks like \`{"k": "v"}\`. Result:\n{"k": "real"}`, { k: 'real' });
add(E, `Return an empty object {} if nothing matches. Here, two things match:\n{"matches": 2}`, { matches: 2 });
add(E, `Values in [brackets] are optional. Output:\n{"opt": false}`, { opt: false });
add(E, `Wrap each item like [ {...} ] for batch calls. For a single call:\n{"item": "pen"}`, { item: 'pen' });
add(E, `Schema: {"type": "object", "properties": {"n": {"type": "number"}}}\nData: {"n": 5}`, { n: 5 });
add(E, `<tool_call>\n{"name": "search", "arguments": {"q": "weather Oslo"}}\n</tool_call>`, { name: 'search', arguments: { q: 'weather Oslo' } });
add(E, `<think>Need to search.</think>\n<tool_call>\n{"name": "search", "arguments": {"q": "x"}}\n</tool_call>`, { name: 'search', arguments: { q: 'x' } });
add(E, `<|python_tag|>{"name": "calc", "parameters": {"expr": "2+2"}}`, { name: 'calc', parameters: { expr: '2+2' } });
add(E, `For example, \`{"id": 0}\` is invalid because ids start at 1. Use:\n\n{"id": 1}`, { id: 1 });
add(E, `Instead of {"v": 1}, use {"v": 2}.`, { v: 2 });
add(E, `Not {"a": 2} but {"a": 1}.`, { a: 1 });
add(E, `The result is \`{"ok": true}\`.`, { ok: true });
add(E, `No results, so the answer is an empty list: []`, []);
add(E, `I considered {} but the spec requires a key:\n{"key": "k1"}`, { key: 'k1' });
add(E, `The response (e.g. {"a": 0}) must include a. Here it is: {"a": 3}`, { a: 3 });
add(E, `{"id": 5, "tags": []}\n\nFor reference, the schema:\n${F}json\n{"type": "object"}\n${F}`, { id: 5, tags: [] });
add(E, `Keys must be quoted, e.g. {"a": 1} not {a: 1}. Final:\n{"b": 2}`, { b: 2 });
add(E, `If the list is empty, respond with \`[]\`.\n\n${F}json\n["apple"]\n${F}`, ['apple']);
add(E, `${F}js\nconst x = {a: 1};\n${F}\nResult:\n${F}json\n{"a": 1}\n${F}`, { a: 1 });
add(E, `The expected shape is {"error": string | null}. Here it is:\n{"error": null}`, { error: null });
add(E, `The user should get {"role": "viewer"}, not {"role": "admin"}, since they are a guest.`, { role: 'viewer' });
add(E, `Given the input \`[3, 1, 2]\`, the sorted output is:\n[1, 2, 3]`, [1, 2, 3]);
add(E, `Function call: {"name": "lookup", "arguments": "{\\"id\\": 4}"}`, { name: 'lookup', arguments: '{"id": 4}' });

// ---- defects and truncation inside reasoning-wrapped or prose text
const X = 'defects-truncation';
add(X, `<think>ok</think>\n{"a": 1, "b": [1, 2,],}`, { a: 1, b: [1, 2] });
add(X, `Decided.\n</think>\n{'name': 'Ann', 'age': 3}`, { name: 'Ann', age: 3 });
add(X, `Here's the data:\n{\n  name: "x", // the name\n  count: 2,\n}`, { name: 'x', count: 2 });
add(X, `Sure:\n${F}json\n{"rows": [[1, 2], [3, 4`, { rows: [[1, 2], [3, 4]] });
add(X, `Summarize.</think>{"summary": "The meeting covered the budget and`, { summary: 'The meeting covered the budget and' });
add(X, `Answer: {“city”: “Rome”}`, { city: 'Rome' });
add(X, `<thinking>\nTwo keys.\n</thinking>\n{"a": 1 "b": 2}`, { a: 1, b: 2 });
add(X, `Here is the list:\n[{"n": 1}, {"n": 2}, {"n": 3`, [{ n: 1 }, { n: 2 }, { n: 3 }]);
add(X, `Draft: {"a": 1} hmm no.\nFinal: {"a": 2, "b": [`, { a: 2, b: [] });
add(X, `{"msg": "it's fine", 'k': 'v'}`, { msg: "it's fine", k: 'v' });
add(X, `<think>long reasoning about {"draft": 1`, null);
add(X, `x</think>\n{\n  "a": 1 /* one */\n}`, { a: 1 });
add(X, `The user wants the count.\n</think>\n{"count": 12`, { count: 12 });
add(X, `<thinking>\nEasy.\n</thinking>\n\n${F}json\n{\n  "steps": [\n    "mix",\n    "bake",\n  ]\n}\n${F}`, { steps: ['mix', 'bake'] });
add(X, `Hmm, the draft {a: 1} has an unquoted key.\n</think>\n{"a": 1}`, { a: 1 });
add(X, `<|channel|>analysis<|message|>fine${fin}${F}json\n{"v": [1, 2, 3],}\n${F}<|return|>`, { v: [1, 2, 3] });
add(X, `Here's the JSON:\n\n${F}json\n{\n  "name": "Widget",\n  "desc": "A small`, { name: 'Widget', desc: 'A small' });
add(X, `I'll answer in JSON.\n{"ok": true,}\nThat's the result.`, { ok: true });
add(X, `Reasoning done.\n</think>\n\n{"nested": {"deep": {"deeper": [1, {"x": "y"`, { nested: { deep: { deeper: [1, { x: 'y' }] } } });
add(X, `Sure! {"price": 12.50, "currency": 'EUR'}`, { price: 12.5, currency: 'EUR' });


// ---- batch 2, written after the first fixes the trial led to (still before reading the tables or this corpus)
const Q = 'qwen3-empty-think';
add(Q, `<think>\n\n</think>\n\n{"intent": "greeting"}`, { intent: 'greeting' });
add(Q, `<think>\n\n</think>\n\n${F}json\n{"intent": "refund", "order": "A-17"}\n${F}`, { intent: 'refund', order: 'A-17' });
add(Q, `<think>\nThe user says hi.\n</think>\n\nHello! Here is the classification:\n\n{"intent": "greeting", "confidence": 0.99}`, { intent: 'greeting', confidence: 0.99 });
add(Q, `\n\n</think>\n\n{"k": 1}`, { k: 1 });
add(Q, `<think>\nLet me count: apples {3}, pears {2}.\n</think>\n{"apples": 3, "pears": 2}`, { apples: 3, pears: 2 });
const I = 'input-then-output';
add(I, `Input: {"text": "great product"}\nOutput: {"sentiment": "positive"}`, { sentiment: 'positive' });
add(I, `Given your input:\n${F}json\n{"a": 1, "b": 2}\n${F}\nHere's the updated JSON:\n${F}json\n{"a": 1, "b": 3}\n${F}`, { a: 1, b: 3 });
add(I, `Before:\n{"x": [1, 2]}\n\nAfter:\n{"x": [1, 2, 3]}`, { x: [1, 2, 3] });
add(I, `Example input: {"n": 2}\nExample output: {"square": 4}\n\nNow for your input {"n": 5}:\n{"square": 25}`, { square: 25 });
add(I, `You sent {"user": "bob"}. The response is:\n\n{"user": "bob", "exists": true}`, { user: 'bob', exists: true });
add(I, `Expected: {"code": 200}\nActual: {"code": 500}\n\nSo the fixed response should be:\n{"code": 200}`, { code: 200 });
add(I, `The original had an error:\n${F}json\n{"a": 1,, "b": 2}\n${F}\nFixed version:\n${F}json\n{"a": 1, "b": 2}\n${F}`, { a: 1, b: 2 });
const W = 'xml-wrappers';
add(W, `<json>\n{"ok": true}\n</json>`, { ok: true });
add(W, `<output>{"answer": 7}</output>`, { answer: 7 });
add(W, `I'll put the result in tags.\n<result>\n{"items": ["a"]}\n</result>`, { items: ['a'] });
add(W, `<response>\n${F}json\n{"v": 1}\n${F}\n</response>`, { v: 1 });
add(W, `<thinking>\nI should use <answer> tags.\n</thinking>\n<answer>\n{"x": "y"}\n</answer>`, { x: 'y' });
const M = 'markdown-misc';
add(M, `> {"quoted": true}\n\nThe JSON above is quoted from the docs. Your answer:\n\n{"quoted": false}`, { quoted: false });
add(M, `1. Parse the input.\n2. Build the object.\n3. Return it:\n\n{"done": true}`, { done: true });
add(M, `Use the template "{name} is {age}" to format. JSON:\n{"name": "Al", "age": 9}`, { name: 'Al', age: 9 });
add(M, `The set $\\{1, 2\\}$ has two elements, so:\n{"size": 2}`, { size: 2 });
add(M, `**Note:** the array [a, b] notation means a list.\n\n${F}json\n["a", "b"]\n${F}`, ['a', 'b']);
add(M, `| col | val |\n|---|---|\n| a | 1 |\n\nAs JSON:\n{"a": 1}`, { a: 1 });
add(M, `### Answer\n\n${F}json\n{"h": 3}\n${F}\n\n### Why\n\nBecause h = 3.`, { h: 3 });
add(M, `Call it like \`fn({"x": 1})\`. Output for x=1:\n[1]`, [1]);
add(M, `The regex [a-z]+ matches words. Matches found:\n["foo", "bar"]`, ['foo', 'bar']);
add(M, `Here is the JSON:\n\n    {"indented": true}\n`, { indented: true });
const L = 'jsonl-several';
// JSON Lines after prose: the first record, the others `extra_value` spans and the status REPAIRED, as
// when the text starts with them (was the last record, VALID, the others hidden in a prose span; trial 5)
add(L, `Here are the records, one per line:\n{"id": 1}\n{"id": 2}\n{"id": 3}`, { id: 1 });
add(L, `Here's the list:\n[\n  "one",\n  "two"\n]\n\nAnd the count: 2.`, ['one', 'two']);
add(L, `The two objects are {"a": 1} and {"b": 2}. Combined:\n{"a": 1, "b": 2}`, { a: 1, b: 2 });
const S2 = 'self-correct-prose';
add(S2, `Sure, here it is: {"city": "Lyon", "zip": "69001"}. Wait, that zip is wrong — it should be 69002:\n{"city": "Lyon", "zip": "69002"}`, { city: 'Lyon', zip: '69002' });
add(S2, `Here's my first attempt:\n${F}json\n{"ok": "yes"}\n${F}\nActually, booleans are better here:\n${F}json\n{"ok": true}\n${F}`, { ok: true });
add(S2, `I think it's {"n": 4}. Let me double-check: 2 × 2 = 4. Yes, {"n": 4} is correct.`, { n: 4 });
add(S2, `Result: {"t": "10:00"}\n\nI made an error above; the meeting is at 11.\n\nResult: {"t": "11:00"}`, { t: '11:00' });
add(S2, `Let me reconsider. Initially I thought [1, 2], but the third item counts too.\n\n[1, 2, 3]`, [1, 2, 3]);
add(S2, `Okay so {"lang": "es"}? Wait no, "bonjour" is French.\n{"lang": "fr"}`, { lang: 'fr' });
const N2 = 'negation-more';
add(N2, `You should return {"ok": true} and never {"ok": "true"}.`, { ok: true });
add(N2, `Don't use {"id": "7"}; use {"id": 7}.`, { id: 7 });
add(N2, `A string like "[1, 2]" is wrong; the field wants an array: [1, 2]`, [1, 2]);
add(N2, `The API returns {"error": null} on success (not {"error": ""}).`, { error: null });
add(N2, `Avoid {"a": undefined}. Send:\n{"a": null}`, { a: null });
const T2 = 'tool-formats';
add(T2, `<function=get_weather>{"city": "Rome"}</function>`, { city: 'Rome' });
add(T2, `<tool_call>\n{"name": "a", "arguments": {"x": 1}}\n</tool_call>\n<tool_call>\n{"name": "b", "arguments": {"y": 2}}\n</tool_call>`, { name: 'a', arguments: { x: 1 } });
add(T2, `functions.lookup:\n{"id": 42}`, { id: 42 });
add(T2, `Action: search\nAction Input: {"query": "best pizza"}`, { query: 'best pizza' });
add(T2, `Thought: I need the weather.\nAction: get_weather\nAction Input: {"city": "Oslo"}\nObservation:`, { city: 'Oslo' });
const R2 = 'r1-more';
add(R2, `Wait, the user wrote "3 apples" so {"apples": 3}. But wait, they also said "and another one", so 4.\n\nOkay, final: {"apples": 4}\n</think>\n\n{"apples": 4}`, { apples: 4 });
add(R2, `The JSON must be minified like {"a":1}.\n\n**Final Answer**\n\\boxed{1}\n</think>\n\n{"a":1}`, { a: 1 });
add(R2, `Hmm.\n</think>\n\n**Final Answer**\n${F}json\n{"answer": 12}\n${F}`, { answer: 12 });
add(R2, `I need to output a JSON array of the even numbers: [2, 4]. Double-check 6 — it's outside the range. So [2, 4].</think>[2, 4]`, [2, 4]);
add(R2, `The draft: {\n  "a": 1,\n  "b": \n}\nhmm b is missing. b = 2.\n</think>\n{\n  "a": 1,\n  "b": 2\n}`, { a: 1, b: 2 });
add(R2, `Let me write the final JSON now.\n</think>{"steps": ["a", "b"], "n": 2}\n\nThis JSON lists the steps.`, { steps: ['a', 'b'], n: 2 });
const C2 = 'claude-more';
add(C2, `I'll analyze the sentiment of each review.\n\n${F}json\n[\n  {"review": 1, "sentiment": "positive"},\n  {"review": 2, "sentiment": "negative"}\n]\n${F}\n\nReview 1 uses words like "love", while review 2 says "broke after a day". If you'd like a confidence score too, I can add a field like \`"confidence": 0.9\`.`, [{ review: 1, sentiment: 'positive' }, { review: 2, sentiment: 'negative' }]);
add(C2, `Looking at the schema you provided, I need \`id\` (integer) and \`tags\` (array of strings).\n\n{"id": 3, "tags": ["x", "y"]}`, { id: 3, tags: ['x', 'y'] });
add(C2, `<thinking>\nThe user wants me to fix their JSON: {"a": 1 "b": 2}. Missing comma.\n</thinking>\n\nHere's your corrected JSON:\n\n${F}json\n{"a": 1, "b": 2}\n${F}\n\nThe issue was a missing comma between \`"a": 1\` and \`"b": 2\`.`, { a: 1, b: 2 });
add(C2, `I notice your example used \`{"date": "01/02/2024"}\` but ISO format is safer. Here's the data:\n\n${F}json\n{"date": "2024-02-01"}\n${F}`, { date: '2024-02-01' });

// ---- batch 3, written after the second fixes to probe their edges (negation across lines, "Or,", "(if …)",
// e.g. examples, cut drafts, JSON Lines in a fence)
const N3 = 'negation-3';
add(N3, `Send {"unit": "C"} (not {"unit": "celsius"}).`, { unit: 'C' });
add(N3, `It should be {"n": 1}, NOT {"n": "1"}.`, { n: 1 });
add(N3, `Not {"x": 0}, but rather {"x": 5}.`, { x: 5 });
add(N3, `The correct JSON is:\n{"k": [1]}\nnot\n{"k": 1}`, { k: [1] });
const A3 = 'alternative-3';
add(A3, `Here's the JSON:\n{"unit": "metric"}\n\nOr, as an array:\n["metric"]`, { unit: 'metric' });
add(A3, `Answer:\n${F}json\n{"a": 1}\n${F}\nAnother valid answer would be:\n${F}json\n{"a": 1.0}\n${F}`, { a: 1 });
add(A3, `Result:\n{"lang": "en"}\n\nYou could also return the full name:\n{"lang": "English"}`, { lang: 'en' });
add(A3, `Option 1 (recommended):\n${F}json\n{"cache": true}\n${F}\nOption 2 (if memory is tight):\n${F}json\n{"cache": false}\n${F}`, { cache: true });
const K3 = 'cut-drafts-3';
add(K3, `First attempt: {"a": 1, "b": [1, 2\nLet me redo that properly.\n\n{"a": 1, "b": [1, 2, 3]}`, { a: 1, b: [1, 2, 3] });
add(K3, `Step: {"a": 1\n${F}json\n{"a": 2}\n${F}`, { a: 2 });
add(K3, `Partial result {"rows": [{"id": 1}\nThe complete result:\n{"rows": [{"id": 1}, {"id": 2}]}`, { rows: [{ id: 1 }, { id: 2 }] });
add(K3, `So far: ["a", "b"\n\nFinal list: ["a", "b", "c"]`, ['a', 'b', 'c']);
add(K3, `Here it is: {\n  "name": "Ann",\n  "age": 30\n}`, { name: 'Ann', age: 30 });
add(K3, `Here it is: {"name": "Ann",\n  "age": 30}`, { name: 'Ann', age: 30 });
add(K3, `Here it is: {"name": "Ann"\n  , "age": 30}`, { name: 'Ann', age: 30 });
const Q3 = 'qwq-untagged-3';
add(Q3, `Okay, let's see. The user wants the coordinates of Paris. Paris is at about 48.86 N, 2.35 E. So something like {"lat": 48.86, "lon": 2.35}. Should I round? No, two decimals is fine.\n\nSo the final answer is:\n\n{"lat": 48.86, "lon": 2.35}`, { lat: 48.86, lon: 2.35 });
add(Q3, `Let me think step by step.\n1. The set {1, 2, 3} has 3 elements.\n2. Its power set has 2^3 = 8 subsets.\nTherefore:\n{"subsets": 8}`, { subsets: 8 });
add(Q3, `We have a dict in Python: d = {'a': 1}. Converting to JSON gives {"a": 1}. Done.\n\n**Final Answer**\n{"a": 1}`, { a: 1 });
add(Q3, `Hmm, the question is tricky. If x = 2 then {"y": 4}; if x = 3 then {"y": 9}. The user said x = 3.\n\n{"y": 9}`, { y: 9 });
const O3 = 'o1-gpt4o-3';
add(O3, `**Answer:** \`{"a": 1}\``, { a: 1 });
add(O3, `- Result: {"ok": true}\n- Time: 3 ms`, { ok: true });
add(O3, `JSON: {"id": 5} — the \`id\` is an integer, e.g. \`{"id": 6}\` for the next one.`, { id: 5 });
add(O3, `Here's the JSON Lines output:\n${F}json\n{"n": 1}\n{"n": 2}\n${F}`, { n: 1 });
add(O3, `The model returned the following:\n\n${F}json\n{\n  "title": "Report",\n  "sections": ["intro", "body"]\n}\n${F}\n\n> **Tip:** wrap the \`sections\` in \`[]\` even for one.`, { title: 'Report', sections: ['intro', 'body'] });
const H3 = 'harmony-3';
add(H3, `<|channel|>analysis<|message|>Let me check.<|end|><|start|>assistant<|channel|>commentary<|message|>Looking this up for you.<|end|><|start|>assistant<|channel|>final<|message|>{"found": false}<|return|>`, { found: false });
add(H3, `<|start|>assistant<|channel|>final<|message|>Sure! ${F}json\n{"x": [1]}\n${F}<|return|>`, { x: [1] });
const R3 = 'r1-3';
add(R3, `Let me verify the JSON: {"a": 1} is valid. Good.\n</think>\n\nHere is the JSON:\n\n{"a": 1}\n\n**Explanation:** the key \`a\` holds 1. An alternative would be \`{"a": "1"}\` but numbers are better.`, { a: 1 });
add(R3, `...\n</think>\n\nI'll provide the answer in JSON:\n\n${F}json\n{"answer": "B"}\n${F}\n\nOption A ({"answer": "A"}) is wrong because of the sign error.`, { answer: 'B' });
add(R3, `The answer is obviously 42.\n</think>\n42`, 42);
add(R3, `Output must be a list.\n</think>\n\n- not a list of objects\n\n[1, 2]`, [1, 2]);
const Y3 = 'schema-3';
add(Y3, `Following the schema {"type": "object", "required": ["name"]}, here is a valid instance:\n\n{"name": "Bea"}`, { name: 'Bea' });
add(Y3, `Schema:\n${F}json\n{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object"\n}\n${F}\n\nInstance:\n${F}json\n{"name": "Cy"}\n${F}`, { name: 'Cy' });

// ---- batch 4, fresh realistic texts written after the third fixes (all right at once)
const R4 = 'r1-4';
add(R4, `Okay, I need to extract the product name and price from "The Acme Blender costs $49.99". Product: Acme Blender. Price: 49.99. Currency isn't requested. So {"product": "Acme Blender", "price": 49.99}. Wait, should price be a string? The user's example shows a number.\n</think>\n\n{"product": "Acme Blender", "price": 49.99}`, { product: 'Acme Blender', price: 49.99 });
add(R4, `Let's parse the date "next Friday" relative to 2024-05-06 (a Monday). Next Friday is 2024-05-10. Hmm, or does "next Friday" mean the 17th? Commonly it means the coming Friday, so 05-10.\n</think>\n${F}json\n{"date": "2024-05-10"}\n${F}`, { date: '2024-05-10' });
add(R4, `The user wants all three cities in an array with their countries. [{"city": "Lima", "country": "Peru"}, {"city": "Quito"...` + `\nI'll write it fully below.\n</think>\n\n[{"city": "Lima", "country": "Peru"}, {"city": "Quito", "country": "Ecuador"}, {"city": "Bogotá", "country": "Colombia"}]`, [{ city: 'Lima', country: 'Peru' }, { city: 'Quito', country: 'Ecuador' }, { city: 'Bogotá', country: 'Colombia' }]);
add(R4, `They want a boolean for whether 97 is prime. 97: not divisible by 2, 3, 5, 7 (7*13=91, 7*14=98). So prime.\n</think>\n{"is_prime": true}`, { is_prime: true });
add(R4, `Simple classification.\n</think>\n\n{"label": "bug", "priority": "P2", "components": ["parser"],}`, { label: 'bug', priority: 'P2', components: ['parser'] });
add(R4, `Need the summary as JSON with a "points" list.\n</think>\n\n{"points": ["Revenue up 8%", "Costs flat", "Hiring paused"], "tone": "cautious"`, { points: ['Revenue up 8%', 'Costs flat', 'Hiring paused'], tone: 'cautious' });
const C4 = 'claude-4';
add(C4, `I'll convert the table into JSON format.\n\n${F}json\n[\n  {"name": "Widget", "stock": 12},\n  {"name": "Gadget", "stock": 0}\n]\n${F}\n\nNote that "Gadget" has zero stock — you may want to filter it out, which would give \`[{"name": "Widget", "stock": 12}]\`.`, [{ name: 'Widget', stock: 12 }, { name: 'Gadget', stock: 0 }]);
add(C4, `<thinking>\nThe request asks for ISO country codes for France, Japan and Brazil: FR, JP, BR.\n</thinking>\n\n${F}json\n{"France": "FR", "Japan": "JP", "Brazil": "BR"}\n${F}`, { France: 'FR', Japan: 'JP', Brazil: 'BR' });
add(C4, `Here's the extracted event information:\n\n${F}json\n{\n  "event": "Team offsite",\n  "date": "2024-09-12",\n  "location": "Lisbon",\n  "attendees": 14\n}\n${F}\n\nI wasn't sure whether "14" referred to attendees or days; I went with attendees since the email says "14 of us". If it's days, the object would be \`{"event": "Team offsite", "days": 14}\`.`, { event: 'Team offsite', date: '2024-09-12', location: 'Lisbon', attendees: 14 });
add(C4, `I need to be careful here: the input mentions two prices. The sale price is the relevant one.\n\n{"price": 19.99, "on_sale": true}`, { price: 19.99, on_sale: true });
add(C4, `Based on your requirements, here's the configuration:\n\n${F}json\n{\n  "retries": 3,\n  "timeout_ms": 5000,\n  "backoff": "exponential"\n}\n${F}\n\n**Explanation:**\n- \`retries\`: 3 attempts before giving up\n- \`timeout_ms\`: 5 seconds per attempt\n- \`backoff\`: use \`"linear"\` if you prefer predictable delays`, { retries: 3, timeout_ms: 5000, backoff: 'exponential' });
const G4 = 'gemini-4';
add(G4, `${F}json\n{\n  "summary": "The article discusses renewable energy adoption in Europe.",\n  "keywords": ["renewable", "energy", "Europe"]\n}\n${F}\n`, { summary: 'The article discusses renewable energy adoption in Europe.', keywords: ['renewable', 'energy', 'Europe'] });
add(G4, `Here is the JSON output based on your request:\n\n${F}json\n{\n  "questions": [\n    {\n      "q": "What is H2O?",\n      "a": "Water"\n    }\n  ]\n}\n${F}\n\n**Explanation of the structure:**\n\n* **\`questions\`**: An array containing question objects.\n* Each object has a \`q\` (question) and \`a\` (answer) field.`, { questions: [{ q: 'What is H2O?', a: 'Water' }] });
add(G4, `Okay, here is the JSON representation of the recipe:\n\n${F}json\n{\n  "name": "Guacamole",\n  "ingredients": [\n    "avocado",\n    "lime",\n    "salt"\n  ]\n}\n${F}\n\nThis JSON object includes the recipe name and a list of ingredients. You can easily add more fields such as \`"prep_time"\` or \`"servings"\`.`, { name: 'Guacamole', ingredients: ['avocado', 'lime', 'salt'] });
const P4 = 'gpt-llama-4';
add(P4, `Sure, here's the data in JSON format:\n\n${F}json\n{\n  "employees": [\n    {"name": "Ana", "dept": "Sales"},\n    {"name": "Raj", "dept": "IT"}\n  ]\n}\n${F}`, { employees: [{ name: 'Ana', dept: 'Sales' }, { name: 'Raj', dept: 'IT' }] });
add(P4, `Here is the JSON response:\n\n{\n  "status": "approved",\n  "amount": 2500,\n  "reason": null\n}`, { status: 'approved', amount: 2500, reason: null });
add(P4, `Here's a sample JSON object that meets your requirements:\n${F}\n{\n  "user_id": 1001,\n  "preferences": {\n    "newsletter": true,\n    "theme": "dark"\n  }\n}\n${F}\nLet me know if you'd like me to modify anything!`, { user_id: 1001, preferences: { newsletter: true, theme: 'dark' } });
add(P4, `{"translation": "Bonjour le monde", "source_lang": "en", "target_lang": "fr"}`, { translation: 'Bonjour le monde', source_lang: 'en', target_lang: 'fr' });
add(P4, `Based on the given text, I have extracted the following information:\n\n* Name: John Doe\n* Age: 45\n\nHere it is in JSON:\n\n{"name": "John Doe", "age": 45}`, { name: 'John Doe', age: 45 });
add(P4, `The answer in the requested format:\n{'answer': 'Paris', 'confidence': 0.97}`, { answer: 'Paris', confidence: 0.97 });
add(P4, `Certainly! Below is the JSON array of tasks sorted by priority:\n\n${F}json\n[\n  {"task": "Fix login bug", "priority": 1},\n  {"task": "Update docs", "priority": 3},\n]\n${F}`, [{ task: 'Fix login bug', priority: 1 }, { task: 'Update docs', priority: 3 }]);
const H4 = 'harmony-4';
add(H4, `<|channel|>analysis<|message|>We need to produce JSON with keys "city" and "temp_c". The user gave 72F which is about 22.2C. Round to 22.<|end|><|start|>assistant<|channel|>final<|message|>{"city": "Austin", "temp_c": 22}<|return|>`, { city: 'Austin', temp_c: 22 });
add(H4, `<|channel|>analysis<|message|>Output: list of colors. Provide ["red","blue"]? The text also mentions green. So three.<|end|><|start|>assistant<|channel|>final<|message|>["red", "blue", "green"]`, ['red', 'blue', 'green']);
const D4 = 'drafts-4';
add(D4, `Let me structure this. First pass:\n{"title": "Q2", "items": []}\nThat's missing the items. Let me fill them in:\n{"title": "Q2", "items": ["hire", "ship"]}`, { title: 'Q2', items: ['hire', 'ship'] });
add(D4, `I'll start with {"a": 1, "b": 2, and then I realize c is needed too.\n\nFinal:\n{"a": 1, "b": 2, "c": 3}`, { a: 1, b: 2, c: 3 });
add(D4, `Draft 1: ["x"]\nDraft 2: ["x", "y"]\nFinal: ["x", "y", "z"]`, ['x', 'y', 'z']);
add(D4, `Hmm, let me think about what format works best. Maybe a flat object like {"k1": "v1"}? No — the user wants nesting.\n\n{"outer": {"k1": "v1"}}`, { outer: { k1: 'v1' } });
const E4 = 'examples-4';
add(E4, `Dates must be ISO 8601 (e.g. "2024-01-31", not "31/01/2024"). Here's the record:\n{"id": 9, "created": "2024-01-31"}`, { id: 9, created: '2024-01-31' });
add(E4, `Your request body should look like \`{"query": "<text>"}\`. For your question that is:\n\n{"query": "weather in Rome"}`, { query: 'weather in Rome' });
add(E4, `An empty result is represented as [] and an error as {"error": "..."}. The search returned:\n[{"id": 3, "title": "Intro"}]`, [{ id: 3, title: 'Intro' }]);
add(E4, `The response won't be {"ok": false} since all checks pass:\n{"ok": true, "checks": 4}`, { ok: true, checks: 4 });

// ---- batch 5: the markers of counter-examples and alternatives where the value after them IS the answer
const X5 = 'false-positive-probes';
add(X5, `The format is \`{"k": "v"}\`. If you want the result for your data:\n{"k": "real"}`, { k: 'real' });
add(X5, `Example: \`[1]\`. If you need the full list, here it is:\n[1, 2, 3]`, [1, 2, 3]);
add(X5, `I do not have access to live data; here is an estimate:\n{"population": 8900000}`, { population: 8900000 });
add(X5, `Note that nulls are not allowed:\n{"a": 0}`, { a: 0 });
add(X5, `Whether or not the user is active:\n{"active": false}`, { active: false });
add(X5, `Make sure it's valid JSON, not YAML:\n${F}json\n{"v": 2}\n${F}`, { v: 2 });
add(X5, `You asked for an alternative format. Here it is:\n{"format": "xml"}`, { format: 'xml' });
add(X5, `Alternatively, if you want it in JSON, here you go:\n{"a": 1}`, { a: 1 });
add(X5, `Values such as "N/A" become null. Result:\n{"x": null}`, { x: null });
add(X5, `The schema is \`{"id": int}\` (e.g. \`{"id": 1}\`). Or, for your record:\n{"id": 77}`, { id: 77 });
add(X5, `Don't forget the comma. Corrected:\n{"a": 1, "b": 2}`, { a: 1, b: 2 });
add(X5, `Nothing is missing. Not a problem:\n{"missing": []}`, { missing: [] });
add(X5, `It is not:\n{"ok": false}`, { ok: false });
add(X5, `${F}\n{"x": 1}\n${F}\nIf you'd like the y too:\n${F}\n{"x": 1, "y": 2}\n${F}`, { x: 1 });

// ---- batch 6, fresh realistic texts written after the fixes had landed (all right at once)
const M6 = 'mixed-6';
add(M6, `Alright, the user is asking me to classify the email. It's about a refund request for order #4521. Category: billing. Urgency: medium, since they mention "as soon as possible" but no deadline.\n\nLet me format:\n{"category": "billing", "urgency": "medium", "order": "4521"}\n\nHmm, should order be a number? The schema says string. Keep it.\n</think>\n\n{"category": "billing", "urgency": "medium", "order": "4521"}`, { category: 'billing', urgency: 'medium', order: '4521' });
add(M6, `<think>\nuser wants yes/no\n</think>\n\n{"answer": "no", "reason": "The file is larger than 10 MB."}`, { answer: 'no', reason: 'The file is larger than 10 MB.' });
add(M6, `I've analyzed the log lines. Here are the errors I found:\n\n${F}json\n[\n  {"line": 12, "level": "ERROR", "msg": "timeout"},\n  {"line": 40, "level": "ERROR", "msg": "refused"}\n]\n${F}\n\nBoth errors relate to the upstream service. The warning on line 7 (\`{"level": "WARN"}\`) isn't included since you asked for errors only.`, [{ line: 12, level: 'ERROR', msg: 'timeout' }, { line: 40, level: 'ERROR', msg: 'refused' }]);
add(M6, `To answer this, I'll structure the itinerary as JSON:\n\n{\n  "day1": ["Louvre", "Seine cruise"],\n  "day2": ["Versailles"]\n}\n\nWould you like me to add restaurant suggestions?`, { day1: ['Louvre', 'Seine cruise'], day2: ['Versailles'] });
add(M6, `Extracted entities:\n${F}json\n{"people": ["Marie Curie"], "places": ["Warsaw", "Paris"], "dates": ["1867"]}\n${F}`, { people: ['Marie Curie'], places: ['Warsaw', 'Paris'], dates: ['1867'] });
add(M6, `The function call you need:\n\n${F}json\n{\n  "name": "create_event",\n  "arguments": {\n    "title": "Standup",\n    "time": "09:30",\n    "recurring": true\n  }\n}\n${F}`, { name: 'create_event', arguments: { title: 'Standup', time: '09:30', recurring: true } });
add(M6, `Let me reason about it. 15% of 80 is 12. So tip = 12, total = 92.\n\n{"tip": 12, "total": 92}`, { tip: 12, total: 92 });
add(M6, `<|channel|>analysis<|message|>Need to convert "two dozen" to 24. JSON: {"count": 24}. Good.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n{"count": 24}\n${F}<|return|>`, { count: 24 });
add(M6, `Here's the corrected JSON (I fixed the trailing comma and the single quotes):\n\n${F}json\n{"name": "Zoe", "langs": ["de", "en"]}\n${F}\n\nYour original was: \`{'name': 'Zoe', 'langs': ['de', 'en',]}\``, { name: 'Zoe', langs: ['de', 'en'] });
add(M6, `Based on my analysis, the sentiment is mixed. {"sentiment": "mixed", "positive": 0.45, "negative": 0.4}`, { sentiment: 'mixed', positive: 0.45, negative: 0.4 });
add(M6, `I'm not able to determine the author with certainty, but the most likely answer is:\n\n{"author": "Anonymous", "confidence": 0.3}`, { author: 'Anonymous', confidence: 0.3 });
add(M6, `Thinking through the constraints: each team needs 3 people and there are 9 people, so 3 teams. Output the assignment:\n[["A", "B", "C"], ["D", "E", "F"], ["G", "H", "I"]]`, [['A', 'B', 'C'], ['D', 'E', 'F'], ['G', 'H', 'I']]);
add(M6, `First, I'll identify the key fields: name, email, phone. The phone is missing, so null.\n</think>\n{"name": "Lee", "email": "lee@example.org", "phone": null}`, { name: 'Lee', email: 'lee@example.org', phone: null });
add(M6, `**Output:**\n${F}json\n{\n    "valid": false,\n    "errors": [\n        "missing field: id"\n    ]\n}\n${F}`, { valid: false, errors: ['missing field: id'] });
add(M6, `Sure thing! 🎉\n\n{"greeting": "Hello, world!", "lang": "en"}`, { greeting: 'Hello, world!', lang: 'en' });
add(M6, `The user needs the list sorted descending: [9, 4, 1]. Wait, I missed 7. [9, 7, 4, 1].\n</think>\n[9, 7, 4, 1]`, [9, 7, 4, 1]);
add(M6, `Here you go:\n\n${F}json\n{"a": 1}\n${F}\n\n${F}json\n{"b": 2}\n${F}`, { b: 2 });
add(M6, `Here's the JSON with the requested fields. I've used \`null\` for unknown values, as in \`{"field": null}\`:\n\n{"title": "Untitled", "year": null}`, { title: 'Untitled', year: null });
add(M6, `Response:\n{"choices": [{"text": "Yes"}], "usage": {"tokens": 3}}`, { choices: [{ text: 'Yes' }], usage: { tokens: 3 } });
add(M6, `Okay, so I think the answer is {"x": 3, "y": 4}, because 3² + 4² = 25. Let me double-check... yes.\n</think>\n\nThe point is:\n\n${F}json\n{"x": 3, "y": 4}\n${F}`, { x: 3, y: 4 });

export function newUserTrialCases(): Case[] {
  return casesOf('new-user trial', rows);
}
