/**
 * A second new user's trial of answer selection (issue 8), written before reading the engine's tables,
 * this corpus or the first trial's notes: the model families and formats the first trial did not stress
 * (Qwen3 / QwQ empty or lone think tags, DeepSeek V3 / R1 and its tool markers, Claude `<thinking>` /
 * `<answer>` / `<scratchpad>` with follow-up notes, gpt-4.1 / o3 / o4-mini, gpt-oss harmony leaks, Gemini
 * with one or two fences, Kimi / GLM / Command-R / Phi / Gemma / Llama / Mistral chat answers, ReAct /
 * LangChain / CrewAI / AutoGen agents, extraction answers with tables and inline-code field notes,
 * lenient JSON inside reasoning wrappers, answers cut at max_tokens, Chinese / German / Spanish / Japanese /
 * French / Russian prose, several KB of reasoning with drafts, markdown with small examples before the
 * answer) and the hard families (drafts with and without retractions, "not {…}", inline-code examples, a
 * schema before the data, an empty `{}` in prose). 224 texts in the first batch (219 right before the fix
 * they led to, 97.8%), 25 in a second written after it to probe its edges. `status` is the status a careful
 * reader expects; test/engine/trialCorpus.test.ts checks it with the value, one-shot and at every split
 * point. Left out: the 2 texts that begin with a value the model then corrects (README: a text that begins
 * with a value has it as its answer), listed in the trial's findings.
 */
import type { Case } from './types';

export interface TrialText {
  style: string;
  text: string;
  want: unknown;
  status: 'VALID' | 'REPAIRED' | 'TRUNCATED';
}
const F = '```';
const c = (style: string, text: string, want: unknown, status: TrialText['status']): TrialText => ({ style, text, want, status });

const musing = [
  'Let me re-read the request carefully. The user gave a paragraph describing a small bookstore inventory and wants it as structured data.',
  'There are a few ambiguities. The paragraph says "about forty" copies for one title; I should keep the number the text gives rather than guess a more precise one.',
  'Also, the prices are written with a currency sign in some places and without it in others, so I need to normalise them to plain numbers.',
  'Another consideration: should the output group by author or list titles flat? The instructions say "one entry per title", so flat it is.',
  'I should double-check the spelling of the author names against the text, since the user will probably join on them later.',
  'Okay, and the user mentioned that missing fields should be null rather than omitted. That matters for the second title, which has no year.',
];
const para = (i: number) => musing[i % musing.length];
const long = (n: number) => Array.from({ length: n }, (_, i) => para(i)).join('\n\n');


/** The texts, by style (the model family or pattern). */
export const NEW_USER_TRIAL_2: TrialText[] = [
  // ---------- Qwen3 / QwQ ----------
  c('qwen', `<think>\n\n</think>\n\n{"name": "Alice", "age": 30}`, { name: 'Alice', age: 30 }, 'VALID'),
  c('qwen', `<think>\n\n</think>\n\n${F}json\n{\n  "sentiment": "positive",\n  "score": 0.92\n}\n${F}`, { sentiment: 'positive', score: 0.92 }, 'VALID'),
  c('qwen', `Okay, so the user wants me to extract the entities. Let me look at the sentence: "Apple hired Tim in Cupertino." Entities: Apple (ORG), Tim (PERSON), Cupertino (LOC). So the JSON would be something like {"entities": [...]}. Let me write it out fully.\n</think>\n\n${F}json\n{"entities": [{"text": "Apple", "type": "ORG"}, {"text": "Tim", "type": "PERSON"}, {"text": "Cupertino", "type": "LOC"}]}\n${F}`,
    { entities: [{ text: 'Apple', type: 'ORG' }, { text: 'Tim', type: 'PERSON' }, { text: 'Cupertino', type: 'LOC' }] }, 'VALID'),
  c('qwen', `<think>\nThe user wants a list of three colors in JSON. Maybe {"colors": ["red"]}? No, they asked for three.\n</think>\n\n{"colors": ["red", "green", "blue"]}`, { colors: ['red', 'green', 'blue'] }, 'VALID'),
  c('qwen', `<think>\n\n</think>\n\nHere is the JSON you requested:\n\n${F}json\n{"city": "Hangzhou", "population_millions": 12.5}\n${F}\n\nLet me know if you need anything else!`, { city: 'Hangzhou', population_millions: 12.5 }, 'VALID'),
  c('qwen', `Alright, let's see. The schema needs "id" and "tags". First attempt: {"id": 1, "tags": "a"} — wait, tags should be an array. So {"id": 1, "tags": ["a"]}. That looks right.\n</think>\n{"id": 1, "tags": ["a"]}`, { id: 1, tags: ['a'] }, 'VALID'),
  c('qwen', `<think>\n\n</think>\n\n{'valid': True, 'errors': None}`, { valid: true, errors: null }, 'REPAIRED'),
  c('qwen', `<think>\nI need to call the search tool.\n</think>\n\n<tool_call>\n{"name": "web_search", "arguments": {"query": "latest Node.js LTS"}}\n</tool_call>`, { name: 'web_search', arguments: { query: 'latest Node.js LTS' } }, 'VALID'),
  c('qwen', `<think>\n\n</think>\n\n${F}json\n{\n  "summary": "The report covers Q3 revenue growth of 12%, driven by`, { summary: 'The report covers Q3 revenue growth of 12%, driven by' }, 'TRUNCATED'),
  c('qwen', `Okay, the user wants quiz items. Each item needs a question and an answer. Hmm. Wait, maybe the format is [{"q": ..., "a": ...}]. Yes, that matches the instructions.\n</think>\n\n[{"q": "2+2", "a": 4}, {"q": "3*3", "a": 9}]`, [{ q: '2+2', a: 4 }, { q: '3*3', a: 9 }], 'VALID'),
  c('qwen', `<think>\n\n</think>\n\n好的，以下是提取的信息：\n\n${F}json\n{"姓名": "张伟", "城市": "北京", "年龄": 28}\n${F}`, { 姓名: '张伟', 城市: '北京', 年龄: 28 }, 'VALID'),
  c('qwen', `{"label": "sports", "confidence": 0.87}<|im_end|>`, { label: 'sports', confidence: 0.87 }, 'VALID'),
  c('qwen', `<think>\nThe user says "no markdown". So output raw JSON only: {"ok": true}. Fine.\n</think>\n\n{"ok": true}`, { ok: true }, 'VALID'),
  c('qwen', `We need a JSON with fields "title" and "year". The movie is Inception, released 2010. Let me double check: yes, July 2010. Output: {"title": "Inception", "year": 2010}\n</think>\n\n{"title": "Inception", "year": 2010}`, { title: 'Inception', year: 2010 }, 'VALID'),

  // ---------- DeepSeek V3 / R1 ----------
  c('deepseek', `${F}json\n{\n  "title": "Quarterly Report",\n  "pages": 14\n}\n${F}\n\n### Explanation:\n- \`title\`: the document title.\n- \`pages\`: the page count.`, { title: 'Quarterly Report', pages: 14 }, 'VALID'),
  c('deepseek', `Okay, let's tackle this. The user wants the date parsed. "next Friday" relative to 2025-03-03 (a Monday) is 2025-03-07. So {"date": "2025-03-07"}.\n</think>\n\n{"date": "2025-03-07"}`, { date: '2025-03-07' }, 'VALID'),
  c('deepseek', `<think>\nFirst, the user asks for a JSON array of primes under 10: [2, 3, 5, 7]. Hmm, should 1 be included? No, 1 is not prime.\n</think>\n\n${F}json\n[2, 3, 5, 7]\n${F}`, [2, 3, 5, 7], 'VALID'),
  c('deepseek', `Let me solve the system. From the first equation x = 2y + 5. Substituting: 3(2y+5) + y = 8, so 7y = -7, y = -1, x = 3.\n</think>\n\nThe final answer is:\n\n${F}json\n{"x": 3, "y": -1}\n${F}`, { x: 3, y: -1 }, 'VALID'),
  c('deepseek', `${F}json\n{\n  "port": 8080, // default port\n  "debug": false,\n}\n${F}`, { port: 8080, debug: false }, 'REPAIRED'),
  c('deepseek', `Alright, a recipe with steps. I'll keep it short.\n</think>\n\n{"steps": ["Preheat oven", "Mix flour and sugar", "Add eg`, { steps: ['Preheat oven', 'Mix flour and sugar', 'Add eg'] }, 'TRUNCATED'),
  c('deepseek', `Let me draft:\n${F}json\n{"name": "draft"}\n${F}\nHmm, the name should be the user's. Let me fix.\n</think>\n${F}json\n{"name": "Maria"}\n${F}`, { name: 'Maria' }, 'VALID'),
  c('deepseek', `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n${F}json\n{"location": "Tokyo"}\n${F}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`, { location: 'Tokyo' }, 'VALID'),
  c('deepseek', `当然可以！以下是JSON格式的数据：\n\n${F}json\n{\n  "book": "三体",\n  "author": "刘慈欣",\n  "year": 2006\n}\n${F}\n\n如需其他格式，请告诉我。`, { book: '三体', author: '刘慈欣', year: 2006 }, 'VALID'),
  c('deepseek', `Hmm, the user wants the sum and the product. 4 + 5 = 9, 4 * 5 = 20. Wait, is it 4 and 5 or 4 and 6? Re-reading: "four and five". OK.\n</think>\n{"sum": 9, "product": 20}`, { sum: 9, product: 20 }, 'VALID'),
  c('deepseek', `Sure! Here's the JSON:\n\n${F}json\n{\n  "users": [\n    {"id": 1, "name": "Alice"},\n    {"id": 2, "name": "Bob"}\n  ]\n}\n${F}\n\nThis structure includes a \`users\` array where each object has an \`id\` and a \`name\`.`, { users: [{ id: 1, name: 'Alice' }, { id: 2, name: 'Bob' }] }, 'VALID'),
  c('deepseek', `The user wants JSON. Let me think about the keys: "status" and "items". Something like {"status": "ok", "items": []}? No wait, there are two items in the input.\n</think>\n\n{"status": "ok", "items": ["pen", "paper"]}`, { status: 'ok', items: ['pen', 'paper'] }, 'VALID'),
  c('deepseek', `<think>\nSimple classification.\n</think>\n\n**Classification:**\n\n${F}json\n{"category": "finance", "subcategory": "banking"}\n${F}`, { category: 'finance', subcategory: 'banking' }, 'VALID'),

  // ---------- Claude ----------
  c('claude', `<thinking>\nThe user wants the invoice fields. Total is $1,250.00.\n</thinking>\n\n<answer>\n{"invoice_number": "INV-2291", "total": 1250.00, "currency": "USD"}\n</answer>`, { invoice_number: 'INV-2291', total: 1250, currency: 'USD' }, 'VALID'),
  c('claude', `Here's the extracted data:\n\n${F}json\n{\n  "company": "Acme Corp",\n  "founded": 1999\n}\n${F}\n\nA few notes:\n- I inferred \`founded\` from the "since 1999" phrase.\n- If you'd prefer the year as a string, use \`"founded": "1999"\`.`, { company: 'Acme Corp', founded: 1999 }, 'VALID'),
  c('claude', `<answer>{"verdict": "approve", "confidence": 0.8}</answer>`, { verdict: 'approve', confidence: 0.8 }, 'VALID'),
  c('claude', `I'll classify each review.\n\n{"reviews": [{"id": 1, "label": "positive"}, {"id": 2, "label": "negative"}]}\n\nNote: review 2 is borderline; if you'd rather flag such cases, you could add a field like {"needs_review": true}.`, { reviews: [{ id: 1, label: 'positive' }, { id: 2, label: 'negative' }] }, 'VALID'),
  c('claude', `<scratchpad>\nNeed to map the fields: name → full_name.\n</scratchpad>\n\n{"full_name": "Jon Snow", "house": "Stark"}`, { full_name: 'Jon Snow', house: 'Stark' }, 'VALID'),
  c('claude', `<thinking>\nCould be {"a": 1}. No — the schema wants strings.\n</thinking>\n<answer>\n${F}json\n{"a": "1"}\n${F}\n</answer>`, { a: '1' }, 'VALID'),
  c('claude', `Based on the schema you provided:\n\n${F}json\n{\n  "type": "object",\n  "properties": {"name": {"type": "string"}}\n}\n${F}\n\nHere is a conforming instance:\n\n${F}json\n{"name": "Ada Lovelace"}\n${F}`, { name: 'Ada Lovelace' }, 'VALID'),
  c('claude', `{"tasks": [{"title": "Write tests", "priority": "high"}, {"title": "Update docs", "priority": "low"}]}\n\nWould you like me to add due dates?`, { tasks: [{ title: 'Write tests', priority: 'high' }, { title: 'Update docs', priority: 'low' }] }, 'VALID'),
  c('claude', `I've set \`status\` to \`"pending"\` since the payment hasn't cleared. Here's the object:\n\n{"order_id": 5521, "status": "pending"}`, { order_id: 5521, status: 'pending' }, 'VALID'),
  c('claude', `<answer>\n{"score": 7}\n</answer>\n\nNote: a perfect score would be {"score": 10}.`, { score: 7 }, 'VALID'),
  c('claude', `I'll extract the meeting details from the email.\n\n${F}json\n{\n  "subject": "Budget review",\n  "date": "2025-04-02",\n  "time": "14:00",\n  "attendees": ["Dana", "Eli", "Fay"]\n}\n${F}\n\nThe email didn't specify a time zone, so I left the time as written.`, { subject: 'Budget review', date: '2025-04-02', time: '14:00', attendees: ['Dana', 'Eli', 'Fay'] }, 'VALID'),
  c('claude', `<thinking>\nLet me check each constraint:\n1. Name present — yes.\n2. Email valid — "x@y" has no TLD, so invalid.\n</thinking>\n\n{"valid": false, "errors": ["email: missing top-level domain"]}`, { valid: false, errors: ['email: missing top-level domain'] }, 'VALID'),
  c('claude', `Looking at this, the key information is:\n\n- Product: Laptop Pro 14\n- Price: $1,899\n- Rating: 4.6/5\n\n${F}json\n{"product": "Laptop Pro 14", "price": 1899, "rating": 4.6}\n${F}`, { product: 'Laptop Pro 14', price: 1899, rating: 4.6 }, 'VALID'),
  c('claude', `<thinking>\nThe user wants JSON only. I'll skip the preamble.\n</thinking>\n{"language": "Rust", "paradigms": ["systems", "functional"]}`, { language: 'Rust', paradigms: ['systems', 'functional'] }, 'VALID'),

  // ---------- OpenAI gpt-4.1 / o3 / o4-mini ----------
  c('openai', `{\n  "answer": "Paris",\n  "confidence": "high"\n}`, { answer: 'Paris', confidence: 'high' }, 'VALID'),
  c('openai', `Sure! Here's the JSON representation of the recipe:\n\n${F}json\n{\n  "name": "Pancakes",\n  "ingredients": ["flour", "milk", "eggs"],\n  "servings": 4\n}\n${F}`, { name: 'Pancakes', ingredients: ['flour', 'milk', 'eggs'], servings: 4 }, 'VALID'),
  c('openai', `**Result**\n\n${F}json\n{"is_spam": false, "reason": "Personal message from a known contact"}\n${F}\n\n**Why:** the sender is in the contact list and there are no links.`, { is_spam: false, reason: 'Personal message from a known contact' }, 'VALID'),
  c('openai', `Here you go:\n{"lat": 48.8566, "lon": 2.3522}`, { lat: 48.8566, lon: 2.3522 }, 'VALID'),
  c('openai', `### Format\n\nEach item looks like \`{"sku": string, "qty": number}\`.\n\n### Output\n\n${F}json\n[{"sku": "A-100", "qty": 2}, {"sku": "B-220", "qty": 1}]\n${F}`, [{ sku: 'A-100', qty: 2 }, { sku: 'B-220', qty: 1 }], 'VALID'),
  c('openai', `{"category": "billing", "priority": 2}\n\n- \`category\` is one of \`"billing"\`, \`"technical"\`, \`"account"\`.\n- \`priority\` ranges from \`1\` (urgent) to \`3\`.`, { category: 'billing', priority: 2 }, 'VALID'),
  c('openai', `You can parse it like this:\n\n${F}python\nimport json\ndata = json.loads(s)\n${F}\n\nAnd the data:\n\n${F}json\n{"ok": true}\n${F}`, { ok: true }, 'VALID'),
  c('openai', `Steps:\n1. Extract the name → "Lee".\n2. Extract the email → "lee@example.com".\n\nFinal JSON:\n{"name": "Lee", "email": "lee@example.com"}`, { name: 'Lee', email: 'lee@example.com' }, 'VALID'),
  c('openai', `The JSON is {"temperature_c": 18, "conditions": "cloudy"}.`, { temperature_c: 18, conditions: 'cloudy' }, 'VALID'),
  c('openai', `Here’s the updated config:\n\n${F}json\n{\n  "version": 3,\n  "features": {"beta": true, "telemetry": false}\n}\n${F}\n\nFor reference, the previous version was:\n\n${F}json\n{\n  "version": 2,\n  "features": {"beta": false, "telemetry": true}\n}\n${F}`, { version: 3, features: { beta: true, telemetry: false } }, 'VALID'),
  c('openai', `Here's the JSON:\n\n${F}json\n{"status": "found", "record": {"id": 17}}\n${F}\n\nAnd if the record is missing, the output would be:\n\n${F}json\n{"status": "not_found", "record": null}\n${F}`, { status: 'found', record: { id: 17 } }, 'VALID'),
  c('openai', `I parsed the address into its components:\n\n| Component | Value |\n|---|---|\n| Street | 221B Baker St |\n| City | London |\n\n${F}json\n{"street": "221B Baker St", "city": "London", "postcode": "NW1 6XE"}\n${F}`, { street: '221B Baker St', city: 'London', postcode: 'NW1 6XE' }, 'VALID'),
  c('openai', `[\n  {"step": 1, "action": "open_app"},\n  {"step": 2, "action": "login"},\n  {"step": 3, "action": "export_csv"}\n]`, [{ step: 1, action: 'open_app' }, { step: 2, action: 'login' }, { step: 3, action: 'export_csv' }], 'VALID'),
  c('openai', `Below is the classification result.\n\n${F}json\n{\n  "labels": ["urgent", "customer"],\n  "explanation": "The message mentions an outage affecting the customer's production system."\n}\n${F}`, { labels: ['urgent', 'customer'], explanation: "The message mentions an outage affecting the customer's production system." }, 'VALID'),

  // ---------- gpt-oss harmony leaks ----------
  c('harmony', `<|channel|>analysis<|message|>User wants JSON with keys a and b. Provide {"a":1,"b":2}.<|end|><|start|>assistant<|channel|>final<|message|>{"a": 1, "b": 2}<|return|>`, { a: 1, b: 2 }, 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>Need to output weather call.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"location":"Tokyo"}<|call|>`, { location: 'Tokyo' }, 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>Let me think about the shape. Maybe [1,2]? No, need objects.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n[{"id": 1}, {"id": 2}]\n${F}<|return|>`, [{ id: 1 }, { id: 2 }], 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>Draft:\n${F}json\n{"x": 0}\n${F}\nRefine: x should be 5.<|end|><|start|>assistant<|channel|>final<|message|>Here is the result:\n{"x": 5}<|return|>`, { x: 5 }, 'VALID'),
  c('harmony', `<|start|>assistant<|channel|>final<|message|>{"ok":true}<|return|>`, { ok: true }, 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>We need to extract name and age. Name: Kofi. Age: 52. Output JSON.<|end|><|start|>assistant<|channel|>final<|message|>{"name":"Kofi","age":52}`, { name: 'Kofi', age: 52 }, 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>The user asks for a list of 3 fruits in JSON array. Something like ["apple"]... but 3 items.<|end|><|start|>assistant<|channel|>final<|message|>["apple", "mango", "kiwi"]<|return|>`, ['apple', 'mango', 'kiwi'], 'VALID'),
  c('harmony', `analysis<|message|>We must respond with JSON only. {"draft": 1} is wrong, field is "count".<|end|><|start|>assistant<|channel|>final<|message|>{"count": 4}<|return|>`, { count: 4 }, 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>Need summary.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n{"summary": "The meeting moved to Thursday", "action_items": ["book room", "send invi`, { summary: 'The meeting moved to Thursday', action_items: ['book room', 'send invi'] }, 'TRUNCATED'),
  c('harmony', `<|channel|>analysis<|message|>They want {"key": "value"} pairs? Actually they want an array of pairs.<|end|><|start|>assistant<|channel|>final<|message|>[{"key": "lang", "value": "en"}, {"key": "tz", "value": "UTC"}]<|return|>`, [{ key: 'lang', value: 'en' }, { key: 'tz', value: 'UTC' }], 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>Compute: 12*7=84.<|end|><|start|>assistant<|channel|>final<|message|>The result:\n\n${F}json\n{"product": 84}\n${F}\n\nLet me know if you need more.<|return|>`, { product: 84 }, 'VALID'),
  c('harmony', `<|channel|>analysis<|message|>User wants python-ish? No, JSON. {'a': True} would be wrong syntax.<|end|><|start|>assistant<|channel|>final<|message|>{"a": true}<|return|>`, { a: true }, 'VALID'),

  // ---------- Gemini ----------
  c('gemini', `${F}json\n{\n  "summary": "A short story about a robot.",\n  "genre": "sci-fi"\n}\n${F}\n`, { summary: 'A short story about a robot.', genre: 'sci-fi' }, 'VALID'),
  c('gemini', `Here is the structure I'll use:\n\n${F}json\n{\n  "name": "<string>",\n  "age": "<number>"\n}\n${F}\n\nAnd here is the filled-in JSON:\n\n${F}json\n{\n  "name": "Priya",\n  "age": 34\n}\n${F}`, { name: 'Priya', age: 34 }, 'VALID'),
  c('gemini', `${F}json\n{"user": {"id": 7, "name": "Kim"}}\n${F}\n\nAlternatively, if you prefer a flat structure:\n\n${F}json\n{"user_id": 7, "user_name": "Kim"}\n${F}`, { user: { id: 7, name: 'Kim' } }, 'VALID'),
  c('gemini', `Okay, here's the JSON output based on your request:\n\n${F}json\n[\n  {"country": "Japan", "capital": "Tokyo"},\n  {"country": "Kenya", "capital": "Nairobi"}\n]\n${F}\n\n**Explanation:**\n\n*   The output is a JSON array.\n*   Each object has \`country\` and \`capital\` keys.`, [{ country: 'Japan', capital: 'Tokyo' }, { country: 'Kenya', capital: 'Nairobi' }], 'VALID'),
  c('gemini', `${F}json\n{\n  "items": [\n    {"name": "Widget", "price": 9.99},\n    {"name": "Gadget", "price": 24.5`, { items: [{ name: 'Widget', price: 9.99 }, { name: 'Gadget', price: 24.5 }] }, 'TRUNCATED'),
  c('gemini', `Okay, I will generate the JSON for the product listing.\n\n${F}json\n{\n  "product_name": "Ergonomic Chair",\n  "features": [\n    "Lumbar support",\n    "Adjustable armrests"\n  ],\n  "price_usd": 249.0\n}\n${F}\n\n**Key improvements and explanations:**\n\n*   **Valid JSON:** The output is valid JSON.\n*   **Descriptive keys:** \`product_name\` instead of \`name\`.`, { product_name: 'Ergonomic Chair', features: ['Lumbar support', 'Adjustable armrests'], price_usd: 249 }, 'VALID'),
  c('gemini', `Here's a JSON object representing the data:\n\n${F}json\n{\n  "date": "2024-11-05",\n  "event": "Election Day"\n}\n${F}\n\nHere's how you could access it in JavaScript:\n\n${F}javascript\nconst data = {"date": "2024-11-05", "event": "Election Day"};\nconsole.log(data.event);\n${F}`, { date: '2024-11-05', event: 'Election Day' }, 'VALID'),
  c('gemini', `${F}json\n[\n  "Mercury",\n  "Venus",\n  "Earth",\n  "Mars"\n]\n${F}`, ['Mercury', 'Venus', 'Earth', 'Mars'], 'VALID'),
  c('gemini', `Absolutely! Here's the information formatted as JSON:\n\n${F}json\n{\n  "movie": "Spirited Away",\n  "director": "Hayao Miyazaki",\n  "year": 2001,\n  "awards": ["Academy Award for Best Animated Feature"]\n}\n${F}\n\nI've included the most notable award. Let me know if you want the complete list!`, { movie: 'Spirited Away', director: 'Hayao Miyazaki', year: 2001, awards: ['Academy Award for Best Animated Feature'] }, 'VALID'),
  c('gemini', `Here is the JSON:\n${F}json\n{\n  "a": 1,\n  "b": 2,\n}\n${F}`, { a: 1, b: 2 }, 'REPAIRED'),
  c('gemini', `Thinking about the request, the user wants a color palette.\n\n${F}json\n{\n  "palette": ["#1E3A8A", "#F59E0B", "#10B981"]\n}\n${F}\n\n*   \`#1E3A8A\`: deep blue\n*   \`#F59E0B\`: amber\n*   \`#10B981\`: emerald`, { palette: ['#1E3A8A', '#F59E0B', '#10B981'] }, 'VALID'),
  c('gemini', `I've formatted the output as you asked. First, the example from your prompt for comparison:\n\n${F}json\n{"input": "hello", "output": "HELLO"}\n${F}\n\nNow your actual input:\n\n${F}json\n{"input": "world", "output": "WORLD"}\n${F}`, { input: 'world', output: 'WORLD' }, 'VALID'),
  // ---------- other chat families: Kimi, GLM, Command-R, Phi, Gemma, Llama, Mistral ----------
  c('chat', `好的，这是您要的JSON：\n${F}json\n{"product": "耳机", "price": 299, "in_stock": true}\n${F}`, { product: '耳机', price: 299, in_stock: true }, 'VALID'),
  c('chat', `<think>用户需要一个JSON对象。</think>\n{"answer": "是", "reason": "符合条件"}`, { answer: '是', reason: '符合条件' }, 'VALID'),
  c('chat', `Here is the requested information in JSON format:\n${F}json\n{\n    "book": "Dune",\n    "author": "Frank Herbert",\n    "year": 1965\n}\n${F}`, { book: 'Dune', author: 'Frank Herbert', year: 1965 }, 'VALID'),
  c('chat', `Relevant Documents: 0,2\nCited Documents: 0\nAnswer: {"founded": 1976, "hq": "Cupertino"}\nGrounded answer: Apple was founded in <co: 0>1976</co: 0>.`, { founded: 1976, hq: 'Cupertino' }, 'VALID'),
  c('chat', `${F}json\n{\n  "question": "What is 7 x 8?",\n  "answer": 56\n}\n${F}\n\nThis JSON object contains the question and its answer.`, { question: 'What is 7 x 8?', answer: 56 }, 'VALID'),
  c('chat', `<think>The user wants a boolean flag. {"flag": true} works.</think>\n\n{"flag": true}`, { flag: true }, 'VALID'),
  c('chat', `${F}json\n{\n  "sentiment": "negative",\n  "aspects": ["battery", "screen"]\n}\n${F}\n<end_of_turn>`, { sentiment: 'negative', aspects: ['battery', 'screen'] }, 'VALID'),
  c('chat', `Okay, here's the JSON representation:\n\n${F}json\n{\n  "event": "Team meeting",\n  "date": "2025-06-12",\n  "attendees": ["Ana", "Ben"],\n}\n${F}`, { event: 'Team meeting', date: '2025-06-12', attendees: ['Ana', 'Ben'] }, 'REPAIRED'),
  c('chat', `Here is the JSON response:\n\n{\n  "name": "John Doe",\n  "occupation": "Software Engineer",\n  "skills": ["Python", "JavaScript", "SQL"]\n}\n\nLet me know if you'd like me to modify anything!`, { name: 'John Doe', occupation: 'Software Engineer', skills: ['Python', 'JavaScript', 'SQL'] }, 'VALID'),
  c('chat', `Here's the output in JSON format:\n\n${F}\n{"temperature": 21.5, "unit": "C"}\n${F}\n\nNote: The temperature is in Celsius. If you need Fahrenheit, it would be {"temperature": 70.7, "unit": "F"}.`, { temperature: 21.5, unit: 'C' }, 'VALID'),
  c('chat', `${F}json\n{\n  "intent": "book_flight",\n  "slots": {"from": "SFO", "to": "JFK", "date": null}\n}\n${F}`, { intent: 'book_flight', slots: { from: 'SFO', to: 'JFK', date: null } }, 'VALID'),
  c('chat', `Sure, here is the information you requested in JSON format:\n\n{\n"name": "Eiffel Tower",\n"height_m": 330,\n"opened": 1889\n}\n\nI hope this helps! Let me know if you have any other questions.`, { name: 'Eiffel Tower', height_m: 330, opened: 1889 }, 'VALID'),
  c('chat', `Here is the data as a Python dictionary:\n\n{'id': 42, 'active': True, 'tags': ('a', 'b')}`, { id: 42, active: true, tags: ['a', 'b'] }, 'REPAIRED'),
  c('chat', `<|python_tag|>{"name": "get_weather", "parameters": {"city": "Rome"}}<|eom_id|>`, { name: 'get_weather', parameters: { city: 'Rome' } }, 'VALID'),
  c('chat', `{"answer": 12}<|end|>`, { answer: 12 }, 'VALID'),
  c('chat', `Action: ${F}json\n[\n    {\n        "tool_name": "internet_search",\n        "parameters": {"query": "rust 2024 edition"}\n    }\n]\n${F}`, [{ tool_name: 'internet_search', parameters: { query: 'rust 2024 edition' } }], 'VALID'),
  c('chat', `<|tool_calls_section_begin|><|tool_call_begin|>functions.search:0<|tool_call_argument_begin|>{"query": "kimi k2 release"}<|tool_call_end|><|tool_calls_section_end|>`, { query: 'kimi k2 release' }, 'VALID'),
  c('chat', `I'd be happy to help! Here's a JSON object with the information:\n\n{\n  "planet": "Mars",\n  "moons": ["Phobos", "Deimos"],\n  "has_rings": false\n}\n\nMars has two small moons, Phobos and Deimos, which are thought to be captured asteroids.`, { planet: 'Mars', moons: ['Phobos', 'Deimos'], has_rings: false }, 'VALID'),
  c('chat', ` {"response": "Bonjour", "language": "fr"}`, { response: 'Bonjour', language: 'fr' }, 'VALID'),

  // ---------- agent frameworks ----------
  c('agent', `Thought: I need to look up the weather in Berlin.\nAction: get_weather\nAction Input: {"city": "Berlin", "units": "metric"}`, { city: 'Berlin', units: 'metric' }, 'VALID'),
  c('agent', `Thought: I now know the final answer.\nFinal Answer: {"capital": "Canberra", "country": "Australia"}`, { capital: 'Canberra', country: 'Australia' }, 'VALID'),
  c('agent', `Thought: I should search.\nAction: search\nAction Input: {"q": "tallest building"}\nObservation: Burj Khalifa, 828 m\nThought: I now know the final answer.\nFinal Answer: {"building": "Burj Khalifa", "height_m": 828}`, { building: 'Burj Khalifa', height_m: 828 }, 'VALID'),
  c('agent', `${F}json\n{\n    "action": "Final Answer",\n    "action_input": "The capital of France is Paris."\n}\n${F}`, { action: 'Final Answer', action_input: 'The capital of France is Paris.' }, 'VALID'),
  c('agent', `Thought: The user wants the sum.\nAction:\n${F}\n{\n  "action": "calculator",\n  "action_input": {"expression": "17 + 25"}\n}\n${F}`, { action: 'calculator', action_input: { expression: '17 + 25' } }, 'VALID'),
  c('agent', `{"tool": "send_email", "args": {"to": "bob@example.com", "subject": "Hi", "body": "See you at 5."}}`, { tool: 'send_email', args: { to: 'bob@example.com', subject: 'Hi', body: 'See you at 5.' } }, 'VALID'),
  c('agent', `<tool_call>\n{"name": "get_stock_price", "arguments": {"symbol": "NVDA"}}\n</tool_call>`, { name: 'get_stock_price', arguments: { symbol: 'NVDA' } }, 'VALID'),
  c('agent', `Action: lookup\nAction Input: {'term': 'photosynthesis', 'limit': 3}`, { term: 'photosynthesis', limit: 3 }, 'REPAIRED'),
  c('agent', `Thought: I now can give a great answer\nFinal Answer: ${F}json\n{"report": "All systems nominal", "issues": []}\n${F}`, { report: 'All systems nominal', issues: [] }, 'VALID'),
  c('agent', `{"result": "done", "files_changed": 3}\n\nTERMINATE`, { result: 'done', files_changed: 3 }, 'VALID'),
  c('agent', `{"query": "SELECT * FROM users WHERE created_at > '2024-01-01'", "limit": 10`, { query: "SELECT * FROM users WHERE created_at > '2024-01-01'", limit: 10 }, 'TRUNCATED'),
  c('agent', `Thought: The input must be an object like {"city": ...}, not a plain string.\nAction: get_weather\nAction Input: {"city": "Oslo"}`, { city: 'Oslo' }, 'VALID'),
  c('agent', `Question: What is 15% of 80?\nThought: I should use the calculator.\nAction: calculator\nAction Input: {"expression": "0.15 * 80"}\nObservation: 12\nThought: I now know the final answer\nFinal Answer: {"answer": 12}`, { answer: 12 }, 'VALID'),
  c('agent', `I'll call the tool now.\n\n{"name": "create_ticket", "arguments": {"title": "Login fails on Safari", "severity": "high", "labels": ["bug", "auth"]}}`, { name: 'create_ticket', arguments: { title: 'Login fails on Safari', severity: 'high', labels: ['bug', 'auth'] } }, 'VALID'),
  c('agent', `Thought: I need more info before answering. The tool expects {"id": <int>}.\nAction: get_order\nAction Input: {"id": 88123}\n`, { id: 88123 }, 'VALID'),
  c('agent', `<function_calls>\n<invoke name="search">\n<parameter name="query">weather in Lisbon</parameter>\n</invoke>\n</function_calls>\n\n{"location": "Lisbon", "forecast": "sunny", "high_c": 24}`, { location: 'Lisbon', forecast: 'sunny', high_c: 24 }, 'VALID'),

  // ---------- structured extraction ----------
  c('extract', `| Field | Value |\n|---|---|\n| Name | Carla |\n| Age | 41 |\n\n${F}json\n{"name": "Carla", "age": 41}\n${F}`, { name: 'Carla', age: 41 }, 'VALID'),
  c('extract', `{"name": "Carla", "age": 41}\n\nI used \`age\` as a number (e.g. \`41\`, not \`"41"\`).`, { name: 'Carla', age: 41 }, 'VALID'),
  c('extract', `Extracted fields:\n\n{"vendor": "Staples", "total": 45.10, "date": "2025-02-14"}\n\nIf the date is missing, return \`{"date": null}\` instead.`, { vendor: 'Staples', total: 45.1, date: '2025-02-14' }, 'VALID'),
  c('extract', `Here's a summary table:\n\n| Product | Qty |\n| --- | --- |\n| Pen | 3 |\n| Pad | 1 |\n\nAnd as JSON:\n\n[{"product": "Pen", "qty": 3}, {"product": "Pad", "qty": 1}]`, [{ product: 'Pen', qty: 3 }, { product: 'Pad', qty: 1 }], 'VALID'),
  c('extract', `The schema is:\n{"type": "object", "required": ["id"]}\n\nThe extracted record:\n{"id": "X-9"}`, { id: 'X-9' }, 'VALID'),
  c('extract', `{\n  "phone": null,\n  "email": "info@shop.de"\n}\n\nThe phone number was not found in the text, so \`phone\` is \`null\`.`, { phone: null, email: 'info@shop.de' }, 'VALID'),
  c('extract', `Based on the resume:\n\n${F}json\n{\n  "name": "Tomás Ruiz",\n  "experience": [\n    {"company": "Globex", "years": 3},\n    {"company": "Initech", "years": 2}\n  ],\n  "skills": ["Go", "Kubernetes"]\n}\n${F}`, { name: 'Tomás Ruiz', experience: [{ company: 'Globex', years: 3 }, { company: 'Initech', years: 2 }], skills: ['Go', 'Kubernetes'] }, 'VALID'),
  c('extract', `I found 2 line items in the receipt.\n\n| # | Item | Price |\n|---|------|-------|\n| 1 | Coffee | 3.50 |\n| 2 | Bagel | 2.25 |\n\n${F}json\n{\n  "items": [\n    {"name": "Coffee", "price": 3.50},\n    {"name": "Bagel", "price": 2.25}\n  ],\n  "total": 5.75\n}\n${F}\n\n- \`total\` is the sum of \`price\` fields.\n- Prices are numbers, e.g. \`3.5\` rather than \`"$3.50"\`.`, { items: [{ name: 'Coffee', price: 3.5 }, { name: 'Bagel', price: 2.25 }], total: 5.75 }, 'VALID'),
  c('extract', `Entities found:\n${F}json\n[\n  {"entity": "Berlin", "type": "LOCATION", "start": 14, "end": 20},\n  {"entity": "Siemens", "type": "ORGANIZATION", "start": 31, "end": 38}\n]\n${F}\nField notes: \`start\`/\`end\` are character offsets, so \`{"start": 0, "end": 5}\` covers the first five characters.`, [{ entity: 'Berlin', type: 'LOCATION', start: 14, end: 20 }, { entity: 'Siemens', type: 'ORGANIZATION', start: 31, end: 38 }], 'VALID'),
  c('extract', `{"title": "Senior Data Engineer", "location": "Remote", "salary_range": [140000, 175000], "remote": true}`, { title: 'Senior Data Engineer', location: 'Remote', salary_range: [140000, 175000], remote: true }, 'VALID'),
  c('extract', `Extraction result (fields not present in the text are null):\n\n{\n  "patient_name": "R. Okafor",\n  "dob": null,\n  "medications": ["metformin", "lisinopril"],\n  "allergies": []\n}`, { patient_name: 'R. Okafor', dob: null, medications: ['metformin', 'lisinopril'], allergies: [] }, 'VALID'),
  c('extract', `Sure. The text mentions three dates; I normalised them to ISO 8601.\n\n${F}json\n{"dates": ["2023-01-15", "2023-02-01", "2023-03-30"]}\n${F}\n\nNote that "early Feb" was interpreted as \`2023-02-01\`.`, { dates: ['2023-01-15', '2023-02-01', '2023-03-30'] }, 'VALID'),
  c('extract', `{\n  "invoice": {\n    "number": "A-1007",\n    "lines": [\n      {"sku": "X1", "qty": 2, "unit_price": 10},\n      {"sku": "Y2", "qty": 1, "unit_price": 25}\n    ]\n  }\n}\n\n### Field descriptions\n- \`number\` — the invoice identifier, e.g. \`"A-1007"\`\n- \`lines\` — one entry per line item, like \`{"sku": "X1", "qty": 2}\``, { invoice: { number: 'A-1007', lines: [{ sku: 'X1', qty: 2, unit_price: 10 }, { sku: 'Y2', qty: 1, unit_price: 25 }] } }, 'VALID'),

  // ---------- lenient JSON inside reasoning-wrapped text ----------
  c('lenient', `<think>\nOK.\n</think>\n{\n  // the user's name\n  "name": "Ana",\n  "age": 30, # years\n}`, { name: 'Ana', age: 30 }, 'REPAIRED'),
  c('lenient', `The user wants the status.\n</think>\n\n{'status': 'ok', 'count': 3, 'next': None,}`, { status: 'ok', count: 3, next: null }, 'REPAIRED'),
  c('lenient', `<thinking>Short.</thinking>\n${F}json\n{\n  "enabled": True,\n  "ratio": .5\n}\n${F}`, { enabled: true, ratio: 0.5 }, 'REPAIRED'),
  c('lenient', `<think>\n\n</think>\n\n{name: "Bo", langs: ["go", "rust",],}`, { name: 'Bo', langs: ['go', 'rust'] }, 'REPAIRED'),
  c('lenient', `Here is the config:\n${F}json\n{\n  "retries": 3,\n  "backoff": "exponential", /* or "linear" */\n  "timeout_ms": 5000\n}\n${F}`, { retries: 3, backoff: 'exponential', timeout_ms: 5000 }, 'REPAIRED'),
  c('lenient', `{“title”: “Hello”, “views”: 10}`, { title: 'Hello', views: 10 }, 'REPAIRED'),
  c('lenient', `Let me produce the settings. Defaults apply where unspecified.\n</think>\n${F}json\n{\n  "theme": "dark",   // user asked for dark\n  "fontSize": 14,\n  "plugins": ["git", "lint",],\n}\n${F}`, { theme: 'dark', fontSize: 14, plugins: ['git', 'lint'] }, 'REPAIRED'),
  c('lenient', `<think>\nPython output is fine? They said JSON. I'll still be lenient.\n</think>\n\n[{'x': 1, 'ok': False}, {'x': 2, 'ok': True}]`, [{ x: 1, ok: false }, { x: 2, ok: true }], 'REPAIRED'),
  c('lenient', `<reasoning>count words</reasoning>\n{"words": 12, "chars": 61,}`, { words: 12, chars: 61 }, 'REPAIRED'),
  c('lenient', `Sure, here it is:\n\n{\n  "query": "shoes",\n  "filters": {\n    "size": 42,\n    "color": 'black'\n  }\n}`, { query: 'shoes', filters: { size: 42, color: 'black' } }, 'REPAIRED'),
  c('lenient', `<|channel|>analysis<|message|>ok<|end|><|start|>assistant<|channel|>final<|message|>{"a": NaN, "b": undefined}`, { a: null, b: null }, 'REPAIRED'),
  c('lenient', `${F}json\n{\n  "message": "Line one\nLine two",\n  "count": 2\n}\n${F}`, { message: 'Line one\nLine two', count: 2 }, 'REPAIRED'),
  c('lenient', `<think>\n\n</think>\n\n${F}json\n{\n  "regex": "\\d+",\n  "ok": true\n}\n${F}`, { regex: '\\d+', ok: true }, 'REPAIRED'),

  // ---------- truncated at max_tokens ----------
  c('truncated', `${F}json\n[\n  {"id": 1, "text": "first"},\n  {"id": 2, "text": "sec`, [{ id: 1, text: 'first' }, { id: 2, text: 'sec' }], 'TRUNCATED'),
  c('truncated', `{"a": 1, "b": [true, fal`, { a: 1, b: [true, false] }, 'TRUNCATED'),
  c('truncated', `Here's the list:\n\n{"fruits": ["apple", "banana", "cher`, { fruits: ['apple', 'banana', 'cher'] }, 'TRUNCATED'),
  c('truncated', `{"id": 5, "name": "Widget", "price":`, { id: 5, name: 'Widget' }, 'TRUNCATED'),
  c('truncated', `Translation task.\n</think>\n\n${F}json\n{"translation": "Das Haus ist gro`, { translation: 'Das Haus ist gro' }, 'TRUNCATED'),
  c('truncated', `[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1`, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1], 'TRUNCATED'),
  c('truncated', `Draft: {"a": 1}. Hmm, that is wrong.\nFinal:\n{"a": 2, "b": [3`, { a: 2, b: [3] }, 'TRUNCATED'),
  c('truncated', `<think>\nLong task.\n</think>\n\n{\n  "chapters": [\n    {"n": 1, "title": "Beginnings"},\n    {"n": 2, "title": "The Road"},\n    {"n": 3, "ti`, { chapters: [{ n: 1, title: 'Beginnings' }, { n: 2, title: 'The Road' }, { n: 3 }] }, 'TRUNCATED'),
  c('truncated', `Sure! Here's the JSON:\n\n${F}json\n{\n  "name": "Project Atlas",\n  "members": [\n    {"name": "Ivy", "role": "lead"},\n    {"name": "Omar", "role": "dev"},\n    {"name": "Zoe", "role": "`, { name: 'Project Atlas', members: [{ name: 'Ivy', role: 'lead' }, { name: 'Omar', role: 'dev' }, { name: 'Zoe', role: '' }] }, 'TRUNCATED'),
  c('truncated', `{"description": "A 3-bedroom house with a large garden, close to schools and`, { description: 'A 3-bedroom house with a large garden, close to schools and' }, 'TRUNCATED'),
  c('truncated', `<|channel|>analysis<|message|>go<|end|><|start|>assistant<|channel|>final<|message|>{"rows": [[1, 2], [3, 4], [5,`, { rows: [[1, 2], [3, 4], [5]] }, 'TRUNCATED'),
  c('truncated', `{"ok": true, "data": {"nested": {"deep": {"value": 3.14`, { ok: true, data: { nested: { deep: { value: 3.14 } } } }, 'TRUNCATED'),
  c('truncated', `Action: search\nAction Input: {"query": "best hiking trails near Denv`, { query: 'best hiking trails near Denv' }, 'TRUNCATED'),

  // ---------- multilingual ----------
  c('multilingual', `Hier ist das JSON-Objekt mit den gewünschten Daten:\n\n${F}json\n{\n  "stadt": "München",\n  "einwohner": 1488000,\n  "bundesland": "Bayern"\n}\n${F}\n\nHinweis: Die Einwohnerzahl ist gerundet.`, { stadt: 'München', einwohner: 1488000, bundesland: 'Bayern' }, 'VALID'),
  c('multilingual', `¡Claro! Aquí tienes el resultado en formato JSON:\n\n{"producto": "camiseta", "talla": "M", "precio": 19.99}\n\n¿Necesitas algo más?`, { producto: 'camiseta', talla: 'M', precio: 19.99 }, 'VALID'),
  c('multilingual', `<think>\n用户想要一个包含三个城市的数组。比如 ["北京"]？不对，需要三个。\n</think>\n\n["北京", "上海", "广州"]`, ['北京', '上海', '广州'], 'VALID'),
  c('multilingual', `El formato correcto es un objeto, por ejemplo {"clave": "valor"}. Aquí está la respuesta:\n\n${F}json\n{"nombre": "Lucía", "edad": 27}\n${F}`, { nombre: 'Lucía', edad: 27 }, 'VALID'),
  c('multilingual', `Die Antwort im Format \`{"ja": bool}\`:\n\n{"ja": true}`, { ja: true }, 'VALID'),
  c('multilingual', `以下がJSONです。\n\n${F}json\n{"名前": "田中", "趣味": ["読書", "旅行"]}\n${F}`, { 名前: '田中', 趣味: ['読書', '旅行'] }, 'VALID'),
  c('multilingual', `Voici la réponse :\n{"pays": "France", "capitale": "Paris"}\nN'hésitez pas si vous avez d'autres questions.`, { pays: 'France', capitale: 'Paris' }, 'VALID'),
  c('multilingual', `用户要求返回JSON。先想一下：{"结果": "草稿"}？不对，应该是布尔值。\n</think>\n\n{"结果": true}`, { 结果: true }, 'VALID'),
  c('multilingual', `Okay, ich extrahiere die Adresse.\n\n${F}json\n{\n  "straße": "Hauptstraße 5",\n  "plz": "10115",\n  "ort": "Berlin"\n}\n${F}\n\nDie Postleitzahl habe ich als Zeichenkette (\`"10115"\`) gespeichert, nicht als Zahl.`, { straße: 'Hauptstraße 5', plz: '10115', ort: 'Berlin' }, 'VALID'),
  c('multilingual', `Aquí está el JSON solicitado, con comentarios:\n\n${F}json\n{\n  "idioma": "es", // código ISO\n  "palabras": 120\n}\n${F}`, { idioma: 'es', palabras: 120 }, 'REPAIRED'),
  c('multilingual', `<think>\nEl usuario quiere una lista. Primero pensé en ["uno"], pero necesita tres elementos.\n</think>\n["uno", "dos", "tres"]`, ['uno', 'dos', 'tres'], 'VALID'),
  c('multilingual', `Вот результат в формате JSON:\n\n${F}json\n{"город": "Москва", "температура": -5}\n${F}`, { город: 'Москва', температура: -5 }, 'VALID'),
  c('multilingual', `以下是结果，其中空对象 {} 表示没有匹配项：\n\n{"matches": [{"word": "猫", "count": 2}]}`, { matches: [{ word: '猫', count: 2 }] }, 'VALID'),
  c('multilingual', `Gerne! Hier das Ergebnis:\n\n{"sprache": "Deutsch", "höflich": true}\n\nFalls du statt \`true\` lieber \`"ja"\` möchtest, sag Bescheid.`, { sprache: 'Deutsch', höflich: true }, 'VALID'),
  // ---------- long reasoning with several drafts ----------
  c('long', `<think>\n${long(8)}\n\nFirst draft: {"titles": [{"name": "Dune"}]}. Hmm, missing price.\n\n${long(6)}\n\nSecond draft:\n${F}json\n{"titles": [{"name": "Dune", "price": 9.99}]}\n${F}\nStill missing the second title.\n\n${long(4)}\n</think>\n\n${F}json\n{"titles": [{"name": "Dune", "price": 9.99, "year": 1965}, {"name": "Hyperion", "price": 8.5, "year": null}]}\n${F}`,
    { titles: [{ name: 'Dune', price: 9.99, year: 1965 }, { name: 'Hyperion', price: 8.5, year: null }] }, 'VALID'),
  c('long', `${long(10)}\n\nSo a first attempt would be:\n{"titles": ["Dune", "Hyperion"]}\nNo wait, each title needs its price.\n\n${long(5)}\n\nAnother attempt: [{"name": "Dune", "price": "$9.99"}] — but the price must be a number, not a string.\n\n${long(3)}\n</think>\n\n{"titles": [{"name": "Dune", "price": 9.99}, {"name": "Hyperion", "price": 8.5}]}`,
    { titles: [{ name: 'Dune', price: 9.99 }, { name: 'Hyperion', price: 8.5 }] }, 'VALID'),
  c('long', `${long(9)}\n\nLet me sketch the shape: {"titles": [...]} where each entry is {"name": string, "price": number}.\n\nDraft:\n{"titles": [{"name": "Dune", "price": 10}]}\nHmm, that's wrong: the text says 9.99, not 10.\n\n${long(6)}\n\nFinal answer:\n\n${F}json\n{"titles": [{"name": "Dune", "price": 9.99}]}\n${F}`,
    { titles: [{ name: 'Dune', price: 9.99 }] }, 'VALID'),
  c('long', `${long(12)}\n\nPutting it all together, the inventory is:\n\n{"titles": [{"name": "Dune", "copies": 40}, {"name": "Hyperion", "copies": 12}]}\n\nNote that \`copies\` for Dune is approximate, as the text says "about forty".`,
    { titles: [{ name: 'Dune', copies: 40 }, { name: 'Hyperion', copies: 12 }] }, 'VALID'),
  c('long', `<think>\n${long(20)}\n\nOK here is a draft in a fence to check the syntax:\n${F}json\n[{"n": 1}]\n${F}\nLooks syntactically fine but incomplete.\n\n${long(10)}\n</think>\n\nHere is the inventory in JSON:\n\n${F}json\n[{"n": 1, "title": "Dune"}, {"n": 2, "title": "Hyperion"}]\n${F}\n\nEach entry has an index \`n\` and a \`title\`.`,
    [{ n: 1, title: 'Dune' }, { n: 2, title: 'Hyperion' }], 'VALID'),
  c('long', `${long(7)}\n\nWait, I should reconsider. Maybe {"inventory": {"Dune": 40}} is simpler? That's not quite it — the user asked for one entry per title with fields.\n\n${long(7)}\n\nLet me restart with the structure clear in mind.\n\nThe final structure:\n\n[\n  {"title": "Dune", "copies": 40, "price": 9.99},\n  {"title": "Hyperion", "copies": 12, "price": 8.5}\n]`,
    [{ title: 'Dune', copies: 40, price: 9.99 }, { title: 'Hyperion', copies: 12, price: 8.5 }], 'VALID'),
  c('long', `<thinking>\n${long(15)}\n\nCandidate: {"count": 2}. Let me verify by counting again. Dune, Hyperion — yes two titles.\n</thinking>\n\n<answer>\n{"count": 2, "titles": ["Dune", "Hyperion"]}\n</answer>\n\nI counted the distinct titles mentioned in your paragraph.`,
    { count: 2, titles: ['Dune', 'Hyperion'] }, 'VALID'),
  c('long', `${long(18)}\n\nDraft 1: {"total_copies": 50}\nHmm, 40 + 12 = 52, not 50.\nDraft 2: {"total_copies": 52}\nThat matches.\n</think>\n\n{"total_copies": 52}`,
    { total_copies: 52 }, 'VALID'),
  c('long', `<|channel|>analysis<|message|>${long(14)}\n\nMaybe output {"titles": ["Dune"]}? No, both titles.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n{"titles": ["Dune", "Hyperion"]}\n${F}<|return|>`,
    { titles: ['Dune', 'Hyperion'] }, 'VALID'),
  c('long', `## Analysis\n\n${long(6)}\n\n## Intermediate representation\n\nBefore normalising prices I had \`{"price": "$9.99"}\` for Dune.\n\n## Final JSON\n\n${F}json\n{\n  "titles": [\n    {"name": "Dune", "price": 9.99, "copies": 40},\n    {"name": "Hyperion", "price": 8.5, "copies": 12}\n  ]\n}\n${F}\n\n## Notes\n\n${long(3)}`,
    { titles: [{ name: 'Dune', price: 9.99, copies: 40 }, { name: 'Hyperion', price: 8.5, copies: 12 }] }, 'VALID'),
  c('long', `${long(10)}\n\nSo the JSON is:\n{"titles": [{"name": "Dune", "price": 9.99, "copies": 40}, {"name": "Hyperion", "price": 8.5, "copies": 1`,
    { titles: [{ name: 'Dune', price: 9.99, copies: 40 }, { name: 'Hyperion', price: 8.5, copies: 1 }] }, 'TRUNCATED'),
  c('long', `<think>\n${long(25)}\n\nI'll go with a simple array of names: ["Dune", "Hyperion"]. Hmm, but they want prices too. Then objects.\n</think>\n[{"name": "Dune", "price": 9.99}, {"name": "Hyperion", "price": 8.5}]`,
    [{ name: 'Dune', price: 9.99 }, { name: 'Hyperion', price: 8.5 }], 'VALID'),
  c('long', `${long(6)}\n\nLet me write the JSON:\n\n{"titles": [{"name": "Dune", "price": 9.99}]}\n\nActually, that's missing Hyperion. Corrected version:\n\n{"titles": [{"name": "Dune", "price": 9.99}, {"name": "Hyperion", "price": 8.5}]}`,
    { titles: [{ name: 'Dune', price: 9.99 }, { name: 'Hyperion', price: 8.5 }] }, 'VALID'),

  // ---------- markdown with headers and small JSON examples before the real answer ----------
  c('markdown', `## Approach\n\nI'll represent each user as \`{"id": number, "name": string}\`.\n\n## Example\n\nA single user: {"id": 0, "name": "example"}\n\n## Result\n\n${F}json\n[{"id": 1, "name": "Ann"}, {"id": 2, "name": "Raj"}]\n${F}`, [{ id: 1, name: 'Ann' }, { id: 2, name: 'Raj' }], 'VALID'),
  c('markdown', `# Answer\n\n- Empty input gives \`[]\`.\n- Otherwise a list like \`[{"k": 1}]\`.\n\n${F}json\n[{"k": 3}, {"k": 8}]\n${F}`, [{ k: 3 }, { k: 8 }], 'VALID'),
  c('markdown', `### Notes\n* An empty object {} means no filters.\n* Filters look like {"field": "x"}.\n\n### Answer\n{"field": "price", "op": "lt", "value": 100}`, { field: 'price', op: 'lt', value: 100 }, 'VALID'),
  c('markdown', `## Request body\n\nThe endpoint accepts:\n\n- \`name\` (string)\n- \`tags\` (array, e.g. \`["a", "b"]\`)\n\n## Your payload\n\n${F}json\n{"name": "release-notes", "tags": ["docs", "v2"]}\n${F}`, { name: 'release-notes', tags: ['docs', 'v2'] }, 'VALID'),
  c('markdown', `**Input:** "The cat sat"\n\n**Tokens:**\n- \`The\`\n- \`cat\`\n- \`sat\`\n\n**JSON:**\n${F}json\n{"tokens": ["The", "cat", "sat"], "count": 3}\n${F}`, { tokens: ['The', 'cat', 'sat'], count: 3 }, 'VALID'),
  c('markdown', `## Summary\n\nThe API returns paginated data. A page looks like:\n\n${F}json\n{"page": 1, "items": []}\n${F}\n\n## Answer\n\nFor your query the first page is:\n\n${F}json\n{"page": 1, "items": [{"id": "a1"}, {"id": "a2"}]}\n${F}`, { page: 1, items: [{ id: 'a1' }, { id: 'a2' }] }, 'VALID'),
  c('markdown', `Here's the mapping you asked for.\n\n1. **Keys** are lowercase.\n2. **Values** are counts.\n3. Missing keys default to \`0\`, so \`{"x": 0}\` is implied.\n\n${F}json\n{"apple": 3, "pear": 1}\n${F}`, { apple: 3, pear: 1 }, 'VALID'),
  c('markdown', `## Output\n\n${F}json\n{"status": "success", "data": {"id": 991}}\n${F}\n\n## Error format (for reference)\n\nIf something goes wrong the API returns:\n\n${F}json\n{"status": "error", "message": "..."}\n${F}`, { status: 'success', data: { id: 991 } }, 'VALID'),
  c('markdown', `### Step 1: identify fields\n- name\n- email\n\n### Step 2: build object\nStart with an empty object \`{}\` and add each field.\n\n### Step 3: result\n{"name": "Mo", "email": "mo@ex.com"}`, { name: 'Mo', email: 'mo@ex.com' }, 'VALID'),
  c('markdown', `> **Tip:** JSON keys must be quoted, e.g. \`{"a": 1}\` not \`{a: 1}\`.\n\nYour converted data:\n\n${F}json\n{"a": 1, "b": [2, 3]}\n${F}`, { a: 1, b: [2, 3] }, 'VALID'),
  c('markdown', `Here is what each section means:\n\n- **meta**: e.g. {"version": 1}\n- **data**: the records\n\nFull response:\n\n{\n  "meta": {"version": 2},\n  "data": [{"id": 1}]\n}`, { meta: { version: 2 }, data: [{ id: 1 }] }, 'VALID'),
  c('markdown', `# Config\n\n## Defaults\n\n| key | default |\n|---|---|\n| retries | 3 |\n| verbose | false |\n\n## Your config\n\n${F}jsonc\n{\n  // overrides\n  "retries": 5,\n  "verbose": true\n}\n${F}`, { retries: 5, verbose: true }, 'REPAIRED'),

  // ---------- the hard families ----------
  c('hard', `My first thought is {"total": 100}. Hmm, that ignores the discount. Recalculating:\n\n{"total": 90}`, { total: 90 }, 'VALID'),
  c('hard', `Initial estimate: {"eta_minutes": 30}\nActually, with traffic it's longer:\n{"eta_minutes": 45}`, { eta_minutes: 45 }, 'VALID'),
  c('hard', `Return {"ok": true}, not {"ok": "true"}.`, { ok: true }, 'VALID'),
  c('hard', `Don't use {"user": "name"} — use the nested form:\n{"user": {"first": "Al", "last": "Gore"}}`, { user: { first: 'Al', last: 'Gore' } }, 'VALID'),
  c('hard', `If there are no results I return {}. For this input the results are:\n{"results": [{"title": "Intro", "page": 1}]}`, { results: [{ title: 'Intro', page: 1 }] }, 'VALID'),
  c('hard', `JSON Schema:\n${F}json\n{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"sku": {"type": "string"}}}\n${F}\nData:\n${F}json\n{"sku": "Z-1"}\n${F}`, { sku: 'Z-1' }, 'VALID'),
  c('hard', `Each entry is \`{"word": "...", "count": n}\`. Counting the text:\n\n[{"word": "the", "count": 4}, {"word": "cat", "count": 2}]`, [{ word: 'the', count: 4 }, { word: 'cat', count: 2 }], 'VALID'),
  c('hard', `Answer: {"n": 7}. Wait, I miscounted the items: there are 8.\n</think>\n{"n": 8}`, { n: 8 }, 'VALID'),
  c('hard', `Let me think. The result could be [1, 2]. That's not quite it, since 3 also qualifies. So the answer is [1, 2, 3].`, [1, 2, 3], 'VALID'),
  c('hard', `Option A: {"plan": "basic"}\nOption B: {"plan": "pro"}\n\nI recommend option B.`, { plan: 'pro' }, 'VALID'),
  c('hard', `Provide the coordinates (e.g. {"lat": 0, "lng": 0}). Here they are: {"lat": 51.5, "lng": -0.12}`, { lat: 51.5, lng: -0.12 }, 'VALID'),
  c('hard', `${F}json\n{"price": 19.99}\n${F}\n\nNot \`{"price": "19.99"}\` — keep it numeric.`, { price: 19.99 }, 'VALID'),
  c('hard', `The naive output would be {"items": []}, but that's wrong because the list has two entries. The correct output:\n\n{"items": ["alpha", "beta"]}`, { items: ['alpha', 'beta'] }, 'VALID'),
  c('hard', `I think it's {"color": "blue"}... no, the text clearly says green.\n\n{"color": "green"}`, { color: 'green' }, 'VALID'),
  c('hard', `Here is the output:\n{"mode": "auto", "level": 3}\n\nWait — level should be 2 per the spec. Corrected:\n{"mode": "auto", "level": 2}`, { mode: 'auto', level: 2 }, 'VALID'),
  c('hard', `The expected format is:\n\n${F}json\n{\n  "id": "string",\n  "score": "number"\n}\n${F}\n\nResult:\n\n${F}json\n{\n  "id": "u-17",\n  "score": 88\n}\n${F}`, { id: 'u-17', score: 88 }, 'VALID'),
  c('hard', `You asked for a list; an empty list [] would mean nothing matched. Here, two records match:\n[{"id": 3}, {"id": 9}]`, [{ id: 3 }, { id: 9 }], 'VALID'),
  c('hard', `Use \`null\` for unknowns, never \`"N/A"\`.\n\n{"age": null, "city": "Lima"}`, { age: null, city: 'Lima' }, 'VALID'),
  c('hard', `Instead of {"temp": "20C"}, I'll give numbers with a unit field:\n\n{"temp": 20, "unit": "C"}`, { temp: 20, unit: 'C' }, 'VALID'),
  c('hard', `So the draft is {"done": false — hmm, let me restart.\nHere it is:\n{"done": true, "steps": 4}`, { done: true, steps: 4 }, 'VALID'),
  c('hard', `Step 1: {"partial": true\nStep 2: the final object is below.\n{"complete": true, "parts": 3}`, { complete: true, parts: 3 }, 'VALID'),
  c('hard', `The answer is {"winner": "Team B"}, as opposed to {"winner": "Team A"} which the first source claimed.`, { winner: 'Team B' }, 'VALID'),
  c('hard', `For example, {"q": "hi"} would return a greeting. For your input:\n{"q": "weather", "intent": "forecast"}`, { q: 'weather', intent: 'forecast' }, 'VALID'),
  c('hard', `Thinking: the object must have "a" and "b". {"a": 1}? Missing b. {"a": 1, "b": 2}? Yes.\n</think>\n\n{"a": 1, "b": 2}`, { a: 1, b: 2 }, 'VALID'),
  c('hard', `A valid response looks like \`{"ok": true, "data": [...]}\`; an error looks like \`{"ok": false}\`. Here is yours:\n\n${F}json\n{"ok": true, "data": [7, 8]}\n${F}`, { ok: true, data: [7, 8] }, 'VALID'),
  c('hard', `Result:\n{"value": 42}\n\n(If you meant the other dataset, it would be {"value": 17}.)`, { value: 42 }, 'VALID'),
  c('hard', `You could also represent it as a list, e.g. ["x", "y"], but an object is clearer:\n\n{"x": true, "y": true}`, { x: true, y: true }, 'VALID'),
  c('hard', `Here's my reasoning in brief. The options were {"size": "S"} and {"size": "M"}; the measurements point to M.\n\n${F}json\n{"size": "M", "fit": "regular"}\n${F}`, { size: 'M', fit: 'regular' }, 'VALID'),
  c('hard', `Before: {"name": "old"}\nAfter: {"name": "new"}\n\nThe updated record is the "After" one above.`, { name: 'new' }, 'VALID'),
  c('hard', `I'll output the JSON now.\n\n{\n  "a": 1,\n  "b": 2\n}\n\nHmm, wait. The spec says "b" must be a string. Let me fix that:\n\n{\n  "a": 1,\n  "b": "2"\n}`, { a: 1, b: '2' }, 'VALID'),
  // ---------- batch 2, after the fix: conditional / reference introductions and more hard families ----------
  c('edge', `Schema:\n${F}json\n{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"]}}}\n${F}\n\nWhen a field is missing from the text, I set it to null:\n\n${F}json\n{"a": "x", "b": null}\n${F}`, { a: 'x', b: null }, 'VALID'),
  c('edge', `The template:\n${F}json\n{"name": "", "email": ""}\n${F}\n\nIf we fill in your data, we get:\n${F}json\n{"name": "Ines", "email": "ines@mail.pt"}\n${F}`, { name: 'Ines', email: 'ines@mail.pt' }, 'VALID'),
  c('edge', `For reference, here's the schema:\n${F}json\n{"type": "array", "items": {"type": "integer"}}\n${F}\n\nAnd the data:\n${F}json\n[4, 8, 15]\n${F}`, [4, 8, 15], 'VALID'),
  c('edge', `On error the API returns \`{"error": "..."}\`. On success:\n\n${F}json\n{"ok": true, "id": 12}\n${F}`, { ok: true, id: 12 }, 'VALID'),
  c('edge', `If the input is empty the output is:\n${F}json\n[]\n${F}\nFor your input the output is:\n${F}json\n[1, 2]\n${F}`, [1, 2], 'VALID'),
  c('edge', `Here's an error response example:\n${F}json\n{"error": "bad_request"}\n${F}\n\nAnd the success response for your request:\n${F}json\n{"data": {"user": "li"}}\n${F}`, { data: { user: 'li' } }, 'VALID'),
  c('edge', `Your request body:\n\n${F}json\n{"amount": 250, "currency": "EUR"}\n${F}\n\nIf validation fails, you'll get:\n\n${F}json\n{"errors": [{"field": "amount", "message": "must be positive"}]}\n${F}`, { amount: 250, currency: 'EUR' }, 'VALID'),
  c('edge', `Here's the JSON:\n${F}json\n{"format": "v2", "fields": ["a", "b"]}\n${F}\n\nThe old format was:\n${F}json\n{"format": "v1", "cols": "a,b"}\n${F}`, { format: 'v2', fields: ['a', 'b'] }, 'VALID'),
  c('edge', `Your input:\n${F}json\n{"a": 1,}\n${F}\nCorrected:\n${F}json\n{"a": 1}\n${F}`, { a: 1 }, 'VALID'),
  c('edge', `Here's a README snippet:\n${F}${F.slice(0, 1)}markdown\n${F}json\n{"x": 1}\n${F}\n${F}${F.slice(0, 1)}\n\nAnd the actual config:\n${F}json\n{"y": 2}\n${F}`, { y: 2 }, 'VALID'),
  c('edge', `- Result: {"a": 1}`, { a: 1 }, 'VALID'),
  c('edge', `The set $\\{1, 2\\}$ has two elements. JSON: {"size": 2}`, { size: 2 }, 'VALID'),
  c('edge', `<output>\n{"summary": "ok", "n": 3}\n</output>`, { summary: 'ok', n: 3 }, 'VALID'),
  c('edge', `Example input: "hi" → output: {"greeting": true}\n\nYour input: "bye" → output:\n{"greeting": false}`, { greeting: false }, 'VALID'),
  c('edge', `Here is the response:\n${F}json\n{"items": [1, 2, 3], "next": null}\n${F}\nIf there are no more results, \`next\` is \`null\` as above.`, { items: [1, 2, 3], next: null }, 'VALID'),
  c('edge', `Successful lookup:\n${F}json\n{"found": true, "name": "Rex"}\n${F}\nIn case of an error, the tool responds with:\n${F}json\n{"found": false}\n${F}`, { found: true, name: 'Rex' }, 'VALID'),
  c('edge', `Here is the data:\n\n{"id": 3, "tags": ["x"]}\n\nWhen no tags match, the result looks like:\n\n{"id": 3, "tags": []}`, { id: 3, tags: ['x'] }, 'VALID'),
  c('edge', `Okay, the previous answer had a bug. Here's the fixed version:\n\n${F}json\n{"total": 31.5}\n${F}`, { total: 31.5 }, 'VALID'),
  c('edge', `The previous output was wrong:\n${F}json\n{"total": 30}\n${F}\nCorrected output:\n${F}json\n{"total": 31.5}\n${F}`, { total: 31.5 }, 'VALID'),
  c('edge', `I compared both runs.\n\nRun A:\n${F}json\n{"latency_ms": 120}\n${F}\n\nRun B:\n${F}json\n{"latency_ms": 95}\n${F}\n\nRun B is faster.`, { latency_ms: 95 }, 'VALID'),
  c('edge', `<think>\n\n</think>\n\nThe answer:\n${F}json\n{"a": 1}\n${F}\nIf the key is missing, the parser would return:\n${F}json\n{}\n${F}`, { a: 1 }, 'VALID'),
  c('edge', `Sure — the JSON is below. If the email is invalid, the validator returns an error instead.\n\n{"email": "a@b.co", "valid": true}`, { email: 'a@b.co', valid: true }, 'VALID'),
  c('edge', `An example of an error payload: {"code": 500}. Error payloads look like that. Your result:\n{"code": 200, "body": "ok"}`, { code: 200, body: 'ok' }, 'VALID'),
  c('edge', `Let me reconsider the previous version:\n{"v": 1}\nUpdated:\n{"v": 2}`, { v: 2 }, 'VALID'),
  c('edge', `Output:\n{"status": "partial", "missing": ["b"]}\n\nAnd when nothing is missing, you'd get:\n{"status": "complete", "missing": []}`, { status: 'partial', missing: ['b'] }, 'VALID'),
];

export function newUserTrial2Cases(): Case[] {
  const count = new Map<string, number>();
  return NEW_USER_TRIAL_2.map((t) => {
    const n = (count.get(t.style) ?? 0) + 1;
    count.set(t.style, n);
    return { category: 'new-user trial 2', name: `${t.style} #${n}`, input: t.text, expected: { kind: 'value', value: t.want } };
  });
}
