/**
 * The third new-user trial (issue 8): LLM outputs written blind, before reading the engine, its tests or
 * its corpus, each with the JSON value a user asking for JSON expects. `category` names the model family
 * or the shape of the text.
 */
export interface TrialCase {
  category: string;
  text: string;
  expected: unknown;
  /** The status the user should see when it is not the category's usual one (see STATUS_OF). */
  status?: 'VALID' | 'REPAIRED' | 'TRUNCATED';
  /** Why this case's value is not asserted (a known design limit, whose corrected value the test finds in
   * a `correction` span instead, or an expectation judged ambiguous);
   * its streamed output is still checked against one-shot. */
  open?: string;
}

/** The usual status: a truncated text is TRUNCATED, lenient JSON is REPAIRED, the rest (prose, fences
 * and reasoning stripped around a valid value) VALID. */
export const STATUS_OF = (c: TrialCase): string =>
  c.status ?? (c.category === 'truncation' ? 'TRUNCATED' : c.category === 'lenient' ? 'REPAIRED' : 'VALID');

const F = '```';

const r1: TrialCase[] = [
  {
    category: 'r1-lone-think',
    text: `Okay, the user wants a JSON object with the city and its population. Let me recall: Lyon has about 520,000 people in the city proper. So something like {"city": "Lyon", "population": 520000}. But wait, the user asked for the country too. Let me add it.\n</think>\n\n{"city": "Lyon", "country": "France", "population": 522228}`,
    expected: { city: 'Lyon', country: 'France', population: 522228 },
  },
  {
    category: 'r1-lone-think',
    text: `Alright, I need to list three prime numbers greater than 10. Primes: 11, 13, 17. Should it be [11, 13, 17]? The user said "as a JSON object with key primes". So not a bare array.\n\nHmm, let me double check 17 is prime. Yes.\n</think>\n{"primes": [11, 13, 17]}`,
    expected: { primes: [11, 13, 17] },
  },
  {
    category: 'r1-lone-think',
    text: `First, parse the request. They want sentiment for each review.\n\nReview 1: "Loved it" -> positive.\nReview 2: "Meh" -> neutral? Or negative. I'd say neutral.\n\nDraft:\n{"results": ["positive", "negative"]}\n\nNo wait, review 2 is neutral, I decided that above. Fix it.\n</think>\n\n${F}json\n{"results": ["positive", "neutral"]}\n${F}`,
    expected: { results: ['positive', 'neutral'] },
  },
  {
    category: 'r1-lone-think',
    text: `We need to convert the temperature 98.6F to Celsius: (98.6-32)*5/9 = 37. So the output is {"celsius": 37}. Actually they want both units. Let me include fahrenheit as well.</think>{"fahrenheit": 98.6, "celsius": 37}`,
    expected: { fahrenheit: 98.6, celsius: 37 },
  },
  {
    category: 'r1-lone-think',
    text: `Hmm, the schema is {"name": string, "age": number}. The person in the text is "Maria, 34". So name = Maria, age = 34.\n\nWait, is there a middle name? No.\n</think>\n\n{"name": "Maria", "age": 34}`,
    expected: { name: 'Maria', age: 34 },
  },
  {
    category: 'r1-lone-think',
    text: `The user wants tags for the article. Candidates: [\"ai\", \"ml\", \"python\"]. Hmm, python isn't mentioned in the article at all. Drop it. Maybe add "nlp" since it's about text classification.\n\nFinal tags: ai, ml, nlp.\n</think>\n\n["ai", "ml", "nlp"]`,
    expected: ['ai', 'ml', 'nlp'],
  },
  {
    category: 'r1-lone-think',
    text: `Let me think step by step.\n\n1. The order has 3 items.\n2. Subtotal = 12.50 + 4.25 + 3.25 = 20.00\n3. Tax 8% = 1.60\n4. Total = 21.60\n\nSo {"subtotal": 20, "tax": 1.6, "total": 21.6}? The user wants strings with two decimals maybe? The example in the prompt uses numbers. Keep numbers.\n</think>\n\nHere is the order summary:\n\n{"subtotal": 20.0, "tax": 1.6, "total": 21.6}`,
    expected: { subtotal: 20, tax: 1.6, total: 21.6 },
  },
  {
    category: 'r1-lone-think',
    text: `I should output a boolean field "is_spam". The email says "You won a free iPhone, click here". That's clearly spam.\n\nSo: {"is_spam": false} — no, that's wrong, it's spam, true.\n</think>\n{"is_spam": true, "confidence": 0.97}`,
    expected: { is_spam: true, confidence: 0.97 },
  },
  {
    category: 'r1-lone-think',
    text: `嗯，用户需要一个JSON。让我想想：{"lang": "zh"} 这样可以吗？不对，用户要的是英文名称。\n</think>\n\n{"lang": "Chinese", "code": "zh"}`,
    expected: { lang: 'Chinese', code: 'zh' },
  },
  {
    category: 'r1-lone-think',
    text: `Okay so the task: extract dates from "Meeting on March 3rd, follow-up March 10th". Dates: 2024-03-03 and 2024-03-10? The year isn't given. Should I assume? The prompt says use ISO format and null year if unknown... Actually ISO needs a year. I'll use "--03-03" format? That's obscure. Let me just output month/day objects.\n\nLike [{"month": 3, "day": 3}, {"month": 3, "day": 10}]\n\nYes that works.\n</think>\n\n[{"month": 3, "day": 3}, {"month": 3, "day": 10}]`,
    expected: [{ month: 3, day: 3 }, { month: 3, day: 10 }],
  },
  {
    category: 'r1-lone-think',
    text: `The user asks me to classify the intent. Options: "book_flight", "cancel", "other". The message: "I need to get to Boston next Tuesday". That's book_flight.\n\n{"intent": "book_flight"}\n\nShould I add slots? The system prompt says include slots when present: destination Boston, date next Tuesday.\n</think>\n\n{\n  "intent": "book_flight",\n  "slots": {"destination": "Boston", "date": "next Tuesday"}\n}\n`,
    expected: { intent: 'book_flight', slots: { destination: 'Boston', date: 'next Tuesday' } },
  },
  {
    category: 'r1-lone-think',
    text: `Let me compute the word counts. "the cat and the hat": the=2, cat=1, and=1, hat=1.\n\nOutput format they want: object word -> count.\n</think>\n\n${F}\n{"the": 2, "cat": 1, "and": 1, "hat": 1}\n${F}\n\nLet me know if you need it sorted!`,
    expected: { the: 2, cat: 1, and: 1, hat: 1 },
  },
  {
    category: 'r1-lone-think',
    text: `Wait, the user wrote "respond ONLY with JSON". So no explanation after.\n\nThe answer to 17*23 = 391.\n\n{"answer": 391}\n\nLet me verify: 17*20=340, 17*3=51, 340+51=391. Correct.\n</think>\n{"answer": 391}`,
    expected: { answer: 391 },
  },
  {
    category: 'r1-lone-think',
    text: `Need an array of users with id and email. From the CSV:\nid,email\n1,a@x.com\n2,b@x.com\n\nHmm something like [ {id, email}, ... ]. Straightforward.\n</think>\n\n[\n  {"id": 1, "email": "a@x.com"},\n  {"id": 2, "email": "b@x.com"}\n]`,
    expected: [{ id: 1, email: 'a@x.com' }, { id: 2, email: 'b@x.com' }],
  },
  {
    category: 'r1-lone-think',
    text: `The configuration should enable caching. Draft: {cache: true, ttl: 60}. But keys need quotes in JSON. And they asked for ttl in seconds, 5 minutes = 300.\n</think>\n\n{"cache": true, "ttl": 300}`,
    expected: { cache: true, ttl: 300 },
  },
];

const claude: TrialCase[] = [
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe user wants the product info as JSON. Name: "Trail Runner 2", price $129.99, in stock.\n</thinking>\n\nHere's the product information in JSON format:\n\n${F}json\n{\n  "name": "Trail Runner 2",\n  "price": 129.99,\n  "in_stock": true\n}\n${F}\n\nNote that I've represented the price as a number rather than a string so it can be used in calculations.`,
    expected: { name: 'Trail Runner 2', price: 129.99, in_stock: true },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nI could structure it as {"items": [...]} or a bare array. The user said "an array", so a bare array.\n</thinking>\n\n${F}json\n[\n  {"task": "Write tests", "done": false},\n  {"task": "Fix bug #42", "done": true}\n]\n${F}`,
    expected: [{ task: 'Write tests', done: false }, { task: 'Fix bug #42', done: true }],
  },
  {
    category: 'claude-thinking',
    text: `<thinking>Simple extraction.</thinking>\n\n${F}json\n{"email": "jane.doe@example.org", "phone": "+1-555-0100"}\n${F}\n\nA few notes:\n- The phone number was normalized to include the country code.\n- If you'd prefer the format \`{"email": ..., "phones": [...]}\`, let me know.`,
    expected: { email: 'jane.doe@example.org', phone: '+1-555-0100' },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nLet me work out the schema.\n\nThe user's TypeScript type:\ninterface Event { title: string; start: string; attendees: string[] }\n\nFrom the email: "Team sync on Friday 10am with Ana and Bo".\n\nDraft: {"title": "Team sync", "start": "Friday 10am"}\nMissing attendees. Add them.\n</thinking>\n\n${F}json\n{\n  "title": "Team sync",\n  "start": "Friday 10:00",\n  "attendees": ["Ana", "Bo"]\n}\n${F}`,
    expected: { title: 'Team sync', start: 'Friday 10:00', attendees: ['Ana', 'Bo'] },
  },
  {
    category: 'claude-thinking',
    text: `I'll extract the key fields from the invoice.\n\n${F}json\n{\n  "invoice_number": "INV-2024-0193",\n  "total": 4820.5,\n  "currency": "EUR",\n  "due_date": "2024-07-31"\n}\n${F}\n\nThe due date was given as "31/07/2024" in the document; I converted it to ISO 8601.`,
    expected: { invoice_number: 'INV-2024-0193', total: 4820.5, currency: 'EUR', due_date: '2024-07-31' },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThey want a JSON with "summary" and "keywords". The text is about solar panels on rooftops in Germany.\n</thinking>\n{"summary": "Rooftop solar adoption in Germany doubled in 2023, driven by subsidies.", "keywords": ["solar", "Germany", "subsidies"]}`,
    expected: { summary: 'Rooftop solar adoption in Germany doubled in 2023, driven by subsidies.', keywords: ['solar', 'Germany', 'subsidies'] },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe user's example in the prompt was {"label": "cat", "score": 0.9}. I need the same shape for the image description "a small dog on a couch".\n</thinking>\n\n${F}json\n{"label": "dog", "score": 0.94}\n${F}`,
    expected: { label: 'dog', score: 0.94 },
  },
  {
    category: 'claude-thinking',
    text: `Sure! Here is the JSON you asked for:\n\n${F}json\n{\n  "title": "The Left Hand of Darkness",\n  "author": "Ursula K. Le Guin",\n  "year": 1969,\n  "genres": ["science fiction", "anthropological"]\n}\n${F}\n\nI included two genres since the novel is often classified both ways. Let me know if you'd like me to add an ISBN or page count.`,
    expected: { title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin', year: 1969, genres: ['science fiction', 'anthropological'] },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nShould null be used for the missing middle name? The schema says middle_name is optional, so null is fine.\n</thinking>\n\n${F}json\n{"first_name": "Tomás", "middle_name": null, "last_name": "Ortega"}\n${F}\n\n*Note: no middle name appeared in the source text, so it is \`null\`.*`,
    expected: { first_name: 'Tomás', middle_name: null, last_name: 'Ortega' },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe user wants me to fix their broken JSON:\n{name: "x", "list": [1,2,}\nThe fixed version should be {"name": "x", "list": [1, 2]}.\n</thinking>\n\nHere's the corrected JSON:\n\n${F}json\n{"name": "x", "list": [1, 2]}\n${F}\n\nThe issues were: the unquoted key \`name\` and the trailing comma in the array.`,
    expected: { name: 'x', list: [1, 2] },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nList the planets with moons count. Mercury 0, Venus 0, Earth 1, Mars 2.\nOnly the inner planets were requested.\n</thinking>\n\n${F}json\n{\n  "Mercury": 0,\n  "Venus": 0,\n  "Earth": 1,\n  "Mars": 2\n}\n${F}\n\nThese are the four inner (terrestrial) planets.`,
    expected: { Mercury: 0, Venus: 0, Earth: 1, Mars: 2 },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nI should be careful: the review text contains quotes: She said "wow". I need to escape them.\n</thinking>\n\n${F}json\n{"quote": "She said \\"wow\\" twice", "sentiment": "positive"}\n${F}`,
    expected: { quote: 'She said "wow" twice', sentiment: 'positive' },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe answer:\n- status: ok\n- count: 3\n</thinking>\n\n{"status": "ok", "count": 3}\n\nI kept it minimal as requested.`,
    expected: { status: 'ok', count: 3 },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nLet me structure the recipe.\nIngredients: flour 200g, sugar 100g, eggs 2.\nSteps: mix, bake at 180C for 25 min.\n</thinking>\n\nHere's the recipe as structured JSON:\n\n${F}json\n{\n  "ingredients": [\n    {"item": "flour", "amount": "200g"},\n    {"item": "sugar", "amount": "100g"},\n    {"item": "eggs", "amount": "2"}\n  ],\n  "steps": ["Mix all ingredients", "Bake at 180°C for 25 minutes"]\n}\n${F}\n\n**Tip:** you can scale the amounts by multiplying each quantity.`,
    expected: { ingredients: [{ item: 'flour', amount: '200g' }, { item: 'sugar', amount: '100g' }, { item: 'eggs', amount: '2' }], steps: ['Mix all ingredients', 'Bake at 180°C for 25 minutes'] },
  },
  {
    category: 'claude-thinking',
    text: `<thinking>\nThe schema requires: {"valid": boolean, "errors": string[]}. The input passes all checks except the zip code.\n</thinking>\n\n${F}json\n{\n  "valid": false,\n  "errors": ["zip code must be 5 digits"]\n}\n${F}\n\nIf you fix the zip code, the result would be \`{"valid": true, "errors": []}\`.`,
    expected: { valid: false, errors: ['zip code must be 5 digits'] },
  },
];

const harmony: TrialCase[] = [
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>User wants JSON with keys city and temp. Use Paris, 21.<|end|><|start|>assistant<|channel|>final<|message|>{"city":"Paris","temp":21}<|return|>`,
    expected: { city: 'Paris', temp: 21 },
  },
  {
    category: 'harmony',
    text: `<|start|>assistant<|channel|>analysis<|message|>We need to output a list of colors. Maybe {"colors":["red"]}? They asked three. So red, green, blue.<|end|><|start|>assistant<|channel|>final<|message|>{"colors":["red","green","blue"]}<|return|>`,
    expected: { colors: ['red', 'green', 'blue'] },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>The user: "Give me JSON for a user profile with name Bob and age 40." Straightforward. Output {"name":"Bob","age":40}.<|end|><|start|>assistant<|channel|>final<|message|>${F}json\n{\n  "name": "Bob",\n  "age": 40\n}\n${F}<|return|>`,
    expected: { name: 'Bob', age: 40 },
  },
  {
    category: 'harmony',
    text: `analysisWe need to produce JSON summary. The doc is about a new library release v2.1 with breaking changes. Provide fields version and breaking.assistantfinal{"version":"2.1","breaking":true}`,
    expected: { version: '2.1', breaking: true },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Need to check constraints: score between 0 and 1. The text is mildly positive: 0.65.<|end|>\n<|start|>assistant<|channel|>final<|message|>{"score": 0.65, "label": "positive"}`,
    expected: { score: 0.65, label: 'positive' },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Let's draft: [{"q":"2+2","a":4}]. But they want three questions. Add 3*3 and 10-7.<|end|><|start|>assistant<|channel|>final<|message|>[{"q":"2+2","a":4},{"q":"3*3","a":9},{"q":"10-7","a":3}]<|return|>`,
    expected: [{ q: '2+2', a: 4 }, { q: '3*3', a: 9 }, { q: '10-7', a: 3 }],
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>We must respond with JSON only. Title case the words.<|end|><|start|>assistant<|channel|>final<|message|>{"title": "A Tale Of Two Cities"}<|end|>`,
    expected: { title: 'A Tale Of Two Cities' },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>User asks: is 97 prime? Yes. JSON: {"n":97,"prime":true}<|end|><|start|>assistant<|channel|>final<|message|>{"n": 97, "prime": true}<|return|>`,
    expected: { n: 97, prime: true },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>The developer message says: respond in JSON with "answer" and "sources". Sources: the two URLs given. Note the user wrote {"answer": "..."} as a template.<|end|><|start|>assistant<|channel|>final<|message|>{"answer": "The Eiffel Tower is 330 m tall.", "sources": ["https://example.com/a", "https://example.com/b"]}<|return|>`,
    expected: { answer: 'The Eiffel Tower is 330 m tall.', sources: ['https://example.com/a', 'https://example.com/b'] },
  },
  {
    category: 'harmony',
    text: `analysisUser wants an array of three fruits in JSON. Simple: ["apple","banana","cherry"].assistantfinal["apple", "banana", "cherry"]`,
    expected: ['apple', 'banana', 'cherry'],
  },
  {
    category: 'harmony',
    text: `<|start|>assistant<|channel|>analysis<|message|>Compute: 15% of 80 = 12.<|end|><|start|>assistant<|channel|>final<|message|>Here is the result:\n{"percent": 15, "of": 80, "result": 12}<|return|>`,
    expected: { percent: 15, of: 80, result: 12 },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Need nested object: user {id, roles}. Roles admin and editor.<|end|><|start|>assistant<|channel|>final<|message|>{"user":{"id":7,"roles":["admin","editor"]}}`,
    expected: { user: { id: 7, roles: ['admin', 'editor'] } },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>The input JSON had an error. The user wants it fixed. Original: {"a": 1, "b": [1, 2,]}. Fixed: remove trailing comma.<|end|><|start|>assistant<|channel|>final<|message|>{"a": 1, "b": [1, 2]}<|return|>`,
    expected: { a: 1, b: [1, 2] },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>They want a status object. ok true.<|end|><|start|>assistant<|channel|>final<|message|>{"ok": true}`,
    expected: { ok: true },
  },
  {
    category: 'harmony',
    text: `<|channel|>analysis<|message|>Language detection: "Guten Morgen" is German, code de. Confidence high.<|end|><|start|>assistant<|channel|>final<|message|>{"language":"German","code":"de","confidence":0.99}<|return|>`,
    expected: { language: 'German', code: 'de', confidence: 0.99 },
  },
];

const gemini: TrialCase[] = [
  {
    category: 'gemini-fences',
    text: `Okay, here's the JSON representation of the data you provided:\n\n${F}json\n{\n  "employees": [\n    {"name": "Ann", "dept": "Sales"},\n    {"name": "Raj", "dept": "IT"}\n  ]\n}\n${F}\n\n**Explanation:**\n\n*   \`employees\`: An array containing employee objects.\n*   \`name\`: The employee's name.\n*   \`dept\`: The department.`,
    expected: { employees: [{ name: 'Ann', dept: 'Sales' }, { name: 'Raj', dept: 'IT' }] },
  },
  {
    category: 'gemini-fences',
    text: `${F}json\n{\n  "sentiment": "negative",\n  "aspects": ["delivery", "packaging"]\n}\n${F}`,
    expected: { sentiment: 'negative', aspects: ['delivery', 'packaging'] },
  },
  {
    category: 'gemini-fences',
    text: `Here's the JSON:\n\n${F}json\n{"count": 4, "unit": "cups"}\n${F}\n\nAnd here's how you might parse it in Python:\n\n${F}python\nimport json\ndata = json.loads('{"count": 4, "unit": "cups"}')\nprint(data["count"])\n${F}`,
    expected: { count: 4, unit: 'cups' },
  },
  {
    category: 'gemini-fences',
    text: `Okay, I can help with that! Here is the JSON object:\n\n${F}json\n{\n  "model": "Pixel 8",\n  "storage_gb": 128,\n  "colors": ["Obsidian", "Hazel", "Rose"]\n}\n${F}\n\nKey improvements and explanations:\n\n*   **Data types:** \`storage_gb\` is a number.\n*   **Arrays:** \`colors\` uses an array for multiple values.`,
    expected: { model: 'Pixel 8', storage_gb: 128, colors: ['Obsidian', 'Hazel', 'Rose'] },
  },
  {
    category: 'gemini-fences',
    text: `Here are a couple of options depending on your needs:\n\n**Option 1 (flat):**\n\n${F}json\n{"first": "Lena", "last": "Berg"}\n${F}\n\n**Option 2 (nested) — recommended:**\n\n${F}json\n{"name": {"first": "Lena", "last": "Berg"}}\n${F}\n\nI'd recommend Option 2 since it groups related fields.`,
    expected: { name: { first: 'Lena', last: 'Berg' } },
  },
  {
    category: 'gemini-fences',
    text: `${F}json\n[\n  {"sku": "A-1", "qty": 3},\n  {"sku": "B-7", "qty": 1}\n]\n${F}\n`,
    expected: [{ sku: 'A-1', qty: 3 }, { sku: 'B-7', qty: 1 }],
  },
  {
    category: 'gemini-fences',
    text: `The JSON schema for that would look like this:\n\n${F}json\n{\n  "type": "object",\n  "properties": {"id": {"type": "integer"}}\n}\n${F}\n\nAnd an instance conforming to the schema, which is what you asked for:\n\n${F}json\n{"id": 12}\n${F}`,
    expected: { id: 12 },
  },
  {
    category: 'gemini-fences',
    text: `Sure, here is the output in JSON format.\n\n${F}JSON\n{\n  "answer": "Canberra",\n  "country": "Australia"\n}\n${F}`,
    expected: { answer: 'Canberra', country: 'Australia' },
  },
  {
    category: 'gemini-fences',
    text: `${F}json\n{\n  "steps": [\n    "Preheat the oven",\n    "Mix the batter",\n    "Bake for 30 minutes"\n  ],\n  "servings": 8\n}\n${F}\n\nThis JSON object contains the recipe steps as an array of strings and the number of servings as an integer.`,
    expected: { steps: ['Preheat the oven', 'Mix the batter', 'Bake for 30 minutes'], servings: 8 },
  },
  {
    category: 'gemini-fences',
    text: `Input:\n${F}\nThe meeting is at 3pm in room 204.\n${F}\n\nOutput:\n${F}json\n{"time": "15:00", "room": "204"}\n${F}`,
    expected: { time: '15:00', room: '204' },
  },
  {
    category: 'gemini-fences',
    text: `Okay, here's the corrected JSON. The original had a missing comma:\n\n**Original (invalid):**\n${F}\n{"a": 1 "b": 2}\n${F}\n\n**Corrected:**\n${F}json\n{"a": 1, "b": 2}\n${F}`,
    expected: { a: 1, b: 2 },
  },
  {
    category: 'gemini-fences',
    text: `${F}json\n{"is_question": true, "topic": "billing"}\n${F}\n\n${F}json\n{"is_question": false, "topic": "shipping"}\n${F}\n\nThe first object corresponds to message 1 and the second to message 2.`,
    expected: { is_question: true, topic: 'billing' },
  },
  {
    category: 'gemini-fences',
    text: `Here is the JSON response:\n${F}json\n{\n  "translation": "Good morning, how are you?",\n  "source_language": "es"\n}\n${F}\nLet me know if you'd like any changes.`,
    expected: { translation: 'Good morning, how are you?', source_language: 'es' },
  },
  {
    category: 'gemini-fences',
    text: `Here's the data in JSON:\n\n${F}json\n{\n  "temperatures": [12.5, 14.0, 13.2],\n  "unit": "C" // Celsius\n}\n${F}\n\nI added a comment to clarify the unit.`,
    expected: { temperatures: [12.5, 14, 13.2], unit: 'C' },
    status: 'REPAIRED', // the comment is removed
  },
  {
    category: 'gemini-fences',
    text: `${F}\n{"ok": true, "items": []}\n${F}`,
    expected: { ok: true, items: [] },
  },
];

const terse: TrialCase[] = [
  { category: 'terse', text: `{"answer":42}`, expected: { answer: 42 } },
  { category: 'terse', text: `{"label":"spam"}\n`, expected: { label: 'spam' } },
  { category: 'terse', text: `[1,2,3,5,8,13]`, expected: [1, 2, 3, 5, 8, 13] },
  { category: 'terse', text: `{\n  "name": "Widget",\n  "price": 9.99\n}`, expected: { name: 'Widget', price: 9.99 } },
  { category: 'terse', text: `${F}json\n{"valid":true}\n${F}`, expected: { valid: true } },
  { category: 'terse', text: `{"result": null}`, expected: { result: null } },
  { category: 'terse', text: `  {"a": "b"}  `, expected: { a: 'b' } },
  { category: 'terse', text: `{"text":"Line one\\nLine two","chars":17}`, expected: { text: 'Line one\nLine two', chars: 17 } },
  { category: 'terse', text: `{"emoji":"🎉","unicode":"\\u00e9"}`, expected: { emoji: '🎉', unicode: 'é' } },
  { category: 'terse', text: `"just a string"`, expected: 'just a string' },
  { category: 'terse', text: `{"nested":{"deep":{"deeper":[{"x":1e3}]}}}`, expected: { nested: { deep: { deeper: [{ x: 1000 }] } } } },
  { category: 'terse', text: `{"entities":[{"type":"PERSON","text":"Ada Lovelace"},{"type":"DATE","text":"1843"}]}`, expected: { entities: [{ type: 'PERSON', text: 'Ada Lovelace' }, { type: 'DATE', text: '1843' }] } },
  { category: 'terse', text: `{"html":"<div class=\\"x\\">hi</div>","md":"**bold**"}`, expected: { html: '<div class="x">hi</div>', md: '**bold**' } },
  { category: 'terse', text: `{"path":"C:\\\\Users\\\\me","neg":-0.5}`, expected: { path: 'C:\\Users\\me', neg: -0.5 } },
  { category: 'terse', text: `{"code": "if (a) { return [b]; }", "lang": "js"}`, expected: { code: 'if (a) { return [b]; }', lang: 'js' } },
];

const chatty: TrialCase[] = [
  {
    category: 'chatty',
    text: `Sure thing! I'd be happy to help you with that. Here's the JSON object you requested:\n\n{"username": "skywalker", "level": 12, "premium": false}\n\nI hope this helps! Let me know if you need anything else.`,
    expected: { username: 'skywalker', level: 12, premium: false },
  },
  {
    category: 'chatty',
    text: `Here is the information in JSON format:\n\n${F}\n{\n    "country": "Japan",\n    "capital": "Tokyo",\n    "population_millions": 125.7\n}\n${F}\n\nPlease note that the population figure is approximate and based on 2023 estimates.`,
    expected: { country: 'Japan', capital: 'Tokyo', population_millions: 125.7 },
  },
  {
    category: 'chatty',
    text: `Based on the text you provided, I've extracted the following information:\n\n{\n  "company": "Acme Corp",\n  "founded": 1999,\n  "ceo": "J. Smith"\n}\n\nLet me explain each field:\n- company: the name of the organisation\n- founded: the year it was founded\n- ceo: the current chief executive`,
    expected: { company: 'Acme Corp', founded: 1999, ceo: 'J. Smith' },
  },
  {
    category: 'chatty',
    text: `Great question! To represent a to-do list in JSON, you'd typically use an array of objects. For your list, that would be:\n\n[{"text": "Buy milk", "done": false}, {"text": "Call mom", "done": true}]\n\nEach object has a text and a done flag.`,
    expected: [{ text: 'Buy milk', done: false }, { text: 'Call mom', done: true }],
  },
  {
    category: 'chatty',
    text: `I apologize for the confusion in my previous response. Here is the corrected JSON:\n\n${F}json\n{"temperature": 22, "humidity": 0.45, "conditions": "partly cloudy"}\n${F}`,
    expected: { temperature: 22, humidity: 0.45, conditions: 'partly cloudy' },
  },
  {
    category: 'chatty',
    text: `Absolutely! Here's your JSON:\n{"movie": "Inception", "director": "Christopher Nolan", "rating": 8.8}`,
    expected: { movie: 'Inception', director: 'Christopher Nolan', rating: 8.8 },
  },
  {
    category: 'chatty',
    text: `**Answer:**\n\n${F}json\n{\n  "question": "What is the boiling point of water?",\n  "answer": "100 °C at sea level"\n}\n${F}\n\n**Explanation:** At standard atmospheric pressure (1 atm), water boils at 100 degrees Celsius.`,
    expected: { question: 'What is the boiling point of water?', answer: '100 °C at sea level' },
  },
  {
    category: 'chatty',
    text: `Here's a JSON object that represents the book:\n\n{\n  "title": "Dune",\n  "author": "Frank Herbert",\n  "published": 1965,\n  "series": true,\n}\n\nI've set "series" to true because Dune is the first book in a series.`,
    expected: { title: 'Dune', author: 'Frank Herbert', published: 1965, series: true },
    status: 'REPAIRED', // the trailing comma is removed
  },
  {
    category: 'chatty',
    text: `Sure, here you go!\n\n${F}\n["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]\n${F}\n\nThese are the five weekdays. Saturday and Sunday are the weekend days.`,
    expected: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  },
  {
    category: 'chatty',
    text: `The JSON output for the given input is:\n\n{"input": "hello world", "uppercase": "HELLO WORLD", "length": 11}\n\nNote: The length includes the space character.`,
    expected: { input: 'hello world', uppercase: 'HELLO WORLD', length: 11 },
  },
  {
    category: 'chatty',
    text: `Here is the result of the analysis in JSON format:\n\n${F}json\n{\n  "word_count": 250,\n  "reading_time_minutes": 1,\n  "tone": "informative"\n}\n${F}\n\nIs there anything else you would like me to analyze? I can also provide a breakdown by paragraph if that would be helpful!`,
    expected: { word_count: 250, reading_time_minutes: 1, tone: 'informative' },
  },
  {
    category: 'chatty',
    text: `Hello! As requested, I've converted the table into JSON. Here it is:\n\n[\n  {"region": "North", "sales": 1200},\n  {"region": "South", "sales": 950}\n]\n\nThe data is sorted by sales in descending order. Feel free to reach out with any other conversions!`,
    expected: [{ region: 'North', sales: 1200 }, { region: 'South', sales: 950 }],
  },
  {
    category: 'chatty',
    text: `Of course. Below is the JSON:\n\n    {\n        "key": "value",\n        "enabled": true\n    }\n\nThat's it!`,
    expected: { key: 'value', enabled: true },
  },
  {
    category: 'chatty',
    text: `I'm sorry, but I can't provide real-time stock prices. However, here is an example of what the JSON structure might look like with placeholder data:\n\n${F}json\n{"symbol": "AAPL", "price": 0.0, "currency": "USD"}\n${F}`,
    expected: { symbol: 'AAPL', price: 0, currency: 'USD' },
  },
  {
    category: 'chatty',
    text: `Here's the JSON you asked for!!! 😊\n\n{"mood": "happy", "emoji": "😊", "intensity": 9}\n\nHave a wonderful day! 🌞`,
    expected: { mood: 'happy', emoji: '😊', intensity: 9 },
  },
];

const agent: TrialCase[] = [
  {
    category: 'agent',
    text: `Thought: I need to look up the weather in Oslo.\nAction: get_weather\nAction Input: {"city": "Oslo", "units": "metric"}`,
    expected: { city: 'Oslo', units: 'metric' },
  },
  {
    category: 'agent',
    text: `Thought: The user wants to search for flights. I should call the search tool.\nAction: search_flights\nAction Input: {"from": "SFO", "to": "JFK", "date": "2024-09-12"}\nObservation:`,
    expected: { from: 'SFO', to: 'JFK', date: '2024-09-12' },
  },
  {
    category: 'agent',
    text: `I'll call the calculator function to compute this.\n\n{"name": "calculator", "arguments": {"expression": "23 * 19"}}`,
    expected: { name: 'calculator', arguments: { expression: '23 * 19' } },
  },
  {
    category: 'agent',
    text: `${F}json\n{\n  "action": "Final Answer",\n  "action_input": "The capital of Peru is Lima."\n}\n${F}`,
    expected: { action: 'Final Answer', action_input: 'The capital of Peru is Lima.' },
  },
  {
    category: 'agent',
    text: `Thought: I now know the final answer.\nFinal Answer: {"answer": "Lima", "confidence": "high"}`,
    expected: { answer: 'Lima', confidence: 'high' },
  },
  {
    category: 'agent',
    text: `<tool_call>\n{"name": "send_email", "arguments": {"to": "ops@example.com", "subject": "Disk full", "body": "Server db-2 is at 98%."}}\n</tool_call>`,
    expected: { name: 'send_email', arguments: { to: 'ops@example.com', subject: 'Disk full', body: 'Server db-2 is at 98%.' } },
  },
  {
    category: 'agent',
    text: `To answer this I need the user's account details. Calling the lookup tool:\n\n<function_call>{"function": "lookup_account", "parameters": {"account_id": "AC-3391"}}</function_call>`,
    expected: { function: 'lookup_account', parameters: { account_id: 'AC-3391' } },
  },
  {
    category: 'agent',
    text: `Question: how many files are in /tmp?\nThought: I should list the directory.\nAction: shell\nAction Input: {"command": "ls /tmp | wc -l"}\n`,
    expected: { command: 'ls /tmp | wc -l' },
  },
  {
    category: 'agent',
    text: `Thought: I should use the search tool with the query.\nAction:\n${F}\n{\n  "action": "web_search",\n  "action_input": {"query": "population of Reykjavik 2024"}\n}\n${F}`,
    expected: { action: 'web_search', action_input: { query: 'population of Reykjavik 2024' } },
  },
  {
    category: 'agent',
    text: `[TOOL_CALLS][{"name": "get_stock_price", "arguments": {"ticker": "NVDA"}}]`,
    expected: [{ name: 'get_stock_price', arguments: { ticker: 'NVDA' } }],
  },
  {
    category: 'agent',
    text: `<|python_tag|>{"name": "brave_search", "parameters": {"query": "latest rust release"}}<|eom_id|>`,
    expected: { name: 'brave_search', parameters: { query: 'latest rust release' } },
  },
  {
    category: 'agent',
    text: `Step 1: I need to find the user's orders.\nAction: list_orders\nAction Input: {"user_id": 88, "status": "open"}\n\n(Waiting for observation)`,
    expected: { user_id: 88, status: 'open' },
  },
  {
    category: 'agent',
    text: `I will now create the calendar event using the tool.\n\nfunctions.create_event({"title": "Dentist", "start": "2024-05-02T09:00", "duration_min": 45})`,
    expected: { title: 'Dentist', start: '2024-05-02T09:00', duration_min: 45 },
  },
  {
    category: 'agent',
    text: `Thought: The previous search returned nothing useful. Let me try with a broader query.\nAction: search\nAction Input: {"q": "vintage bicycles Berlin", "limit": 20}`,
    expected: { q: 'vintage bicycles Berlin', limit: 20 },
  },
  {
    category: 'agent',
    text: `{"tool": "translate", "args": {"text": "Where is the station?", "target": "fr"}}\n\nI am calling the translate tool to get the French version.`,
    expected: { tool: 'translate', args: { text: 'Where is the station?', target: 'fr' } },
  },
];

const extraction: TrialCase[] = [
  {
    category: 'extraction-echo',
    text: `Following the example format {"name": "John", "age": 30}, here is the extraction for the given text:\n\n{"name": "Priya", "age": 27}`,
    expected: { name: 'Priya', age: 27 },
  },
  {
    category: 'extraction-echo',
    text: `Example input: "Call me at 555-1234"\nExample output: {"phone": "555-1234"}\n\nInput: "My number is 555-9876, thanks"\nOutput: {"phone": "555-9876"}`,
    expected: { phone: '555-9876' },
  },
  {
    category: 'extraction-echo',
    text: `You asked for output in the form \`{"product": ..., "rating": ...}\`. For the review "Great blender, 5 stars":\n\n${F}json\n{"product": "blender", "rating": 5}\n${F}`,
    expected: { product: 'blender', rating: 5 },
  },
  {
    category: 'extraction-echo',
    text: `Schema:\n{\n  "title": "string",\n  "year": "number"\n}\n\nExtracted:\n{\n  "title": "Blade Runner",\n  "year": 1982\n}`,
    expected: { title: 'Blade Runner', year: 1982 },
  },
  {
    category: 'extraction-echo',
    text: `Based on the few-shot examples:\n1. "I love this" → {"sentiment": "positive"}\n2. "Terrible service" → {"sentiment": "negative"}\n\nFor your text "It was okay I guess":\n\n{"sentiment": "neutral"}`,
    expected: { sentiment: 'neutral' },
  },
  {
    category: 'extraction-echo',
    text: `The expected format is [{"entity": "...", "type": "..."}]. Entities found in "Apple opened a store in Milan":\n\n[{"entity": "Apple", "type": "ORG"}, {"entity": "Milan", "type": "LOC"}]`,
    expected: [{ entity: 'Apple', type: 'ORG' }, { entity: 'Milan', type: 'LOC' }],
  },
  {
    category: 'extraction-echo',
    text: `Here's the extraction. Fields not found are set to null, as in your example \`{"company": null}\`.\n\n${F}json\n{\n  "company": "Globex",\n  "address": null,\n  "vat_id": "DE123456789"\n}\n${F}`,
    expected: { company: 'Globex', address: null, vat_id: 'DE123456789' },
  },
  {
    category: 'extraction-echo',
    text: `Q: Extract the date from "Shipped on 2023-11-04".\nA: {"date": "2023-11-04"}\n\nQ: Extract the date from "Delivered Jan 5, 2024".\nA: {"date": "2024-01-05"}`,
    expected: { date: '2024-01-05' },
  },
  {
    category: 'extraction-echo',
    text: `Using the template you gave:\n\n{"question": "<question>", "answer": "<answer>"}\n\nfilled in:\n\n{"question": "Who wrote Hamlet?", "answer": "William Shakespeare"}`,
    expected: { question: 'Who wrote Hamlet?', answer: 'William Shakespeare' },
  },
  {
    category: 'extraction-echo',
    text: `Input text: "Order #5521 for 2 lamps, total $80"\n\nJSON:\n${F}json\n{"order_id": 5521, "items": [{"name": "lamp", "qty": 2}], "total": 80}\n${F}`,
    expected: { order_id: 5521, items: [{ name: 'lamp', qty: 2 }], total: 80 },
  },
  {
    category: 'extraction-echo',
    text: `The output must match {"keywords": [string]}. Keywords for the abstract:\n\n{"keywords": ["graph neural networks", "molecules", "drug discovery"]}`,
    expected: { keywords: ['graph neural networks', 'molecules', 'drug discovery'] },
  },
  {
    category: 'extraction-echo',
    text: `### Example\nText: "Bob is 40 and lives in Leeds."\nJSON: {"name": "Bob", "age": 40, "city": "Leeds"}\n\n### Your text\nText: "Chen, 31, moved to Porto last year."\nJSON: {"name": "Chen", "age": 31, "city": "Porto"}`,
    expected: { name: 'Chen', age: 31, city: 'Porto' },
  },
  {
    category: 'extraction-echo',
    text: `Like in the example ({"from": "EUR", "to": "USD", "rate": 1.08}), the conversion is:\n\n{"from": "GBP", "to": "JPY", "rate": 191.4}`,
    expected: { from: 'GBP', to: 'JPY', rate: 191.4 },
  },
  {
    category: 'extraction-echo',
    text: `{"name": "Lucía Fernández", "email": "lucia@correo.es", "role": "CTO"}\n\nThis follows the same structure as the example you provided: {"name": "...", "email": "...", "role": "..."}.`,
    expected: { name: 'Lucía Fernández', email: 'lucia@correo.es', role: 'CTO' },
  },
  {
    category: 'extraction-echo',
    text: `Extracted fields (the example {"a": 1} in your prompt was ignored as requested):\n\n${F}json\n{"invoice": "A-77", "paid": true}\n${F}`,
    expected: { invoice: 'A-77', paid: true },
  },
];

const lenient: TrialCase[] = [
  { category: 'lenient', text: `{'name': 'Alice', 'age': 30, 'admin': True, 'manager': None}`, expected: { name: 'Alice', age: 30, admin: true, manager: null } },
  { category: 'lenient', text: `{name: "Bob", tags: ["a", "b",], }`, expected: { name: 'Bob', tags: ['a', 'b'] } },
  { category: 'lenient', text: `{\n  // the user's id\n  "id": 5,\n  /* display name */\n  "display": "bob_5"\n}`, expected: { id: 5, display: 'bob_5' } },
  { category: 'lenient', text: `Here's the dict:\n\n${F}python\n{'x': 1.5, 'y': -2, 'label': 'point A', 'visible': False}\n${F}`, expected: { x: 1.5, y: -2, label: 'point A', visible: false } },
  { category: 'lenient', text: `${F}js\nconst config = {\n  port: 8080,\n  host: 'localhost',\n  debug: true,\n};\n${F}`, expected: { port: 8080, host: 'localhost', debug: true } },
  { category: 'lenient', text: `{"a": 1, "b": 2,}`, expected: { a: 1, b: 2 } },
  { category: 'lenient', text: `[1, 2, 3,]`, expected: [1, 2, 3] },
  { category: 'lenient', text: `{"name": 'O\\'Brien', "ok": true}`, expected: { name: "O'Brien", ok: true } },
  { category: 'lenient', text: `{"items": ["x" "y" "z"]}`, expected: { items: ['x', 'y', 'z'] } },
  { category: 'lenient', text: `{"a": 1\n "b": 2\n "c": 3}`, expected: { a: 1, b: 2, c: 3 } },
  { category: 'lenient', text: `{"value": NaN, "inf": Infinity}`, expected: { value: null, inf: null } },
  { category: 'lenient', text: `{"price": .5, "discount": +10}`, expected: { price: 0.5, discount: 10 } },
  { category: 'lenient', text: `{\n  "title": "Notes", # python-style comment\n  "count": 2\n}`, expected: { title: 'Notes', count: 2 } },
  { category: 'lenient', text: `{"msg": "He said “hello” to me", "ok": true}`, expected: { msg: 'He said “hello” to me', ok: true }, status: 'VALID' /* curly quotes inside a string are text */ },
  { category: 'lenient', text: `{'nested': {'list': [None, True, False], 'tuple_like': [1, 2]}}`, expected: { nested: { list: [null, true, false], tuple_like: [1, 2] } } },
];

const truncation: TrialCase[] = [
  { category: 'truncation', text: `{"name": "Alice", "bio": "Alice is a software engineer who loves`, expected: { name: 'Alice', bio: 'Alice is a software engineer who loves' } },
  { category: 'truncation', text: `[{"id": 1, "title": "First"}, {"id": 2, "title": "Sec`, expected: [{ id: 1, title: 'First' }, { id: 2, title: 'Sec' }] },
  { category: 'truncation', text: `${F}json\n{\n  "users": [\n    {"name": "A", "age": 20},\n    {"name": "B", "age": 2`, expected: { users: [{ name: 'A', age: 20 }, { name: 'B', age: 2 }] } },
  { category: 'truncation', text: `{"a": 1, "b": {"c": [1, 2, 3`, expected: { a: 1, b: { c: [1, 2, 3] } } },
  { category: 'truncation', text: `{"summary": "Done", "details": {`, expected: { summary: 'Done', details: {} } },
  { category: 'truncation', text: `{"x": 1, "y"`, expected: { x: 1 } },
  { category: 'truncation', text: `{"x": 1, "y":`, expected: { x: 1 } },
  { category: 'truncation', text: `{"list": ["alpha", "beta", `, expected: { list: ['alpha', 'beta'] } },
  { category: 'truncation', text: `Here is the JSON:\n\n{"status": "ok", "results": [{"k": "v"}, {"k": "w"`, expected: { status: 'ok', results: [{ k: 'v' }, { k: 'w' }] } },
  { category: 'truncation', text: `{"flag": true, "other": fal`, expected: { flag: true, other: false } },
  { category: 'truncation', text: `<think>\nThe user wants a list of cities.\n</think>\n\n["Paris", "Berlin", "Madr`, expected: ['Paris', 'Berlin', 'Madr'] },
  { category: 'truncation', text: `{"text": "escaped quote \\"here`, expected: { text: 'escaped quote "here' } },
  { category: 'truncation', text: `{"a": [{"b": [{"c": "deep`, expected: { a: [{ b: [{ c: 'deep' }] }] } },
  { category: 'truncation', text: `{"count": 12, "items": [`, expected: { count: 12, items: [] } },
  { category: 'truncation', text: `{"path": "C:\\\\temp\\\\`, expected: { path: 'C:\\temp\\' } },
];

const intl: TrialCase[] = [
  {
    category: 'non-english',
    text: `以下是您要求的JSON格式数据：\n\n${F}json\n{\n  "姓名": "张伟",\n  "年龄": 28,\n  "城市": "上海"\n}\n${F}\n\n如果需要添加其他字段，请告诉我。`,
    expected: { 姓名: '张伟', 年龄: 28, 城市: '上海' },
  },
  {
    category: 'non-english',
    text: `はい、こちらがJSON形式の回答です：\n\n{"商品名": "緑茶", "価格": 300, "在庫": true}\n\n他に必要な情報があればお知らせください。`,
    expected: { 商品名: '緑茶', 価格: 300, 在庫: true },
  },
  {
    category: 'non-english',
    text: `¡Claro! Aquí tienes el JSON solicitado:\n\n${F}json\n{\n  "nombre": "Café Central",\n  "ciudad": "Madrid",\n  "valoración": 4.5\n}\n${F}\n\nEspero que te sea útil.`,
    expected: { nombre: 'Café Central', ciudad: 'Madrid', valoración: 4.5 },
  },
  {
    category: 'non-english',
    text: `Hier ist das gewünschte JSON-Objekt:\n\n{"straße": "Hauptstraße 5", "plz": "10115", "ort": "Berlin"}\n\nBitte beachten Sie, dass die Postleitzahl als Zeichenkette gespeichert ist.`,
    expected: { straße: 'Hauptstraße 5', plz: '10115', ort: 'Berlin' },
  },
  {
    category: 'non-english',
    text: `Voici le résultat au format JSON :\n\n${F}json\n{"titre": "L'Étranger", "auteur": "Albert Camus", "année": 1942}\n${F}\n\nN'hésitez pas si vous avez besoin d'autre chose !`,
    expected: { titre: "L'Étranger", auteur: 'Albert Camus', année: 1942 },
  },
  {
    category: 'non-english',
    text: `Вот JSON, который вы просили:\n\n{\n  "город": "Москва",\n  "население": 13010112,\n  "столица": true\n}\n\nДанные приведены по переписи 2021 года.`,
    expected: { город: 'Москва', население: 13010112, столица: true },
  },
  {
    category: 'non-english',
    text: `好的，我先想一下格式。用户要一个数组，比如 ["苹果"]？不对，需要三个水果。\n</think>\n\n["苹果", "香蕉", "橙子"]`,
    expected: ['苹果', '香蕉', '橙子'],
  },
  {
    category: 'non-english',
    text: `<thinking>\nEl usuario quiere un objeto con la fecha y el evento.\n</thinking>\n\nAquí está:\n\n${F}json\n{"evento": "Reunión anual", "fecha": "2024-10-15"}\n${F}\n\nHe usado el formato de fecha ISO 8601.`,
    expected: { evento: 'Reunión anual', fecha: '2024-10-15' },
  },
  {
    category: 'non-english',
    text: `Gerne! Das Ergebnis als JSON (die Beispielstruktur \`{"name": "..."}\` habe ich erweitert):\n\n${F}json\n{"name": "Jürgen Müller", "abteilung": "Einkauf", "aktiv": true}\n${F}`,
    expected: { name: 'Jürgen Müller', abteilung: 'Einkauf', aktiv: true },
  },
  {
    category: 'non-english',
    text: `D'accord. Je réfléchis : le format {"langue": "..."} suffit-il ? Non, il faut aussi le code ISO.\n</think>\n{"langue": "français", "code": "fr"}`,
    expected: { langue: 'français', code: 'fr' },
  },
  {
    category: 'non-english',
    text: `分析結果は以下の通りです。\n\n${F}json\n[\n  {"単語": "猫", "品詞": "名詞"},\n  {"単語": "走る", "品詞": "動詞"}\n]\n${F}\n\n※品詞は一般的な分類に従っています。`,
    expected: [{ 単語: '猫', 品詞: '名詞' }, { 単語: '走る', 品詞: '動詞' }],
  },
  {
    category: 'non-english',
    text: `Конечно! Вот результат в формате JSON:\n\n${F}json\n{"вопрос": "Сколько будет 2+2?", "ответ": 4}\n${F}\n\nЕсли нужно что-то ещё — спрашивайте.`,
    expected: { вопрос: 'Сколько будет 2+2?', ответ: 4 },
  },
  {
    category: 'non-english',
    text: `Claro, segue o JSON:\n\n{"produto": "Açaí", "preço": 12.9, "disponível": true}\n\nQualquer dúvida, estou à disposição.`,
    expected: { produto: 'Açaí', preço: 12.9, disponível: true },
  },
  {
    category: 'non-english',
    text: `다음은 요청하신 JSON입니다:\n\n${F}json\n{"이름": "김민수", "나이": 35, "직업": "개발자"}\n${F}\n\n추가로 필요한 정보가 있으면 말씀해 주세요.`,
    expected: { 이름: '김민수', 나이: 35, 직업: '개발자' },
  },
  {
    category: 'non-english',
    text: `Ecco il JSON richiesto:\n\n{\n  "città": "Firenze",\n  "regione": "Toscana",\n  "abitanti": 361619\n}\n\nFammi sapere se serve altro!`,
    expected: { città: 'Firenze', regione: 'Toscana', abitanti: 361619 },
  },
];

const para = (n: number, topic: string) =>
  Array.from({ length: n }, (_, i) => `Consider point ${i + 1} about ${topic}: it matters because the user might rely on it, so I should weigh it against the other constraints before settling on the structure.`).join(' ');

const longDrafts: TrialCase[] = [
  {
    category: 'long-drafts',
    text: `${para(12, 'the schema')}\n\nFirst draft:\n{"id": 1, "name": "draft"}\n\n${para(8, 'naming')}\n\nSecond draft:\n{"id": 1, "name": "Widget", "tags": []}\n\nHmm, tags should not be empty; the product page lists "tools".\n\n${para(5, 'tags')}\n</think>\n\n{"id": 1, "name": "Widget", "tags": ["tools"]}`,
    expected: { id: 1, name: 'Widget', tags: ['tools'] },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${para(20, 'the request')}\n\nMaybe: [{"step": 1}]\n\n${para(10, 'steps')}\n</think>\n\n${F}json\n[{"step": 1, "action": "open"}, {"step": 2, "action": "close"}]\n${F}`,
    expected: [{ step: 1, action: 'open' }, { step: 2, action: 'close' }],
  },
  {
    category: 'long-drafts',
    text: `<thinking>\n${para(15, 'ambiguity')}\n\nOption A: {"mode": "fast"}\nOption B: {"mode": "safe"}\n\n${para(6, 'safety')}\n\nGo with B.\n</thinking>\n\n{"mode": "safe", "retries": 3}`,
    expected: { mode: 'safe', retries: 3 },
  },
  {
    category: 'long-drafts',
    text: `${para(30, 'the data')}\n\nSo the JSON would be {"total": 10}.\n\nWait, I miscounted: there are 11 records.\n\n${para(4, 'counting')}\n</think>\n{"total": 11}`,
    expected: { total: 11 },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${para(25, 'formatting')}\n</think>\n\n${para(3, 'the answer')}\n\n${F}json\n{"answer": "yes", "reason": "all constraints met"}\n${F}`,
    expected: { answer: 'yes', reason: 'all constraints met' },
  },
  {
    category: 'long-drafts',
    text: `Let me think about this carefully.\n\n${para(10, 'field names')}\n\nAttempt 1: {"first": "A"}\nThat's incomplete.\nAttempt 2: {"first": "A", "last": "B"}\nStill need email.\nAttempt 3: {"first": "A", "last": "B", "email": "a@b.c"}\nGood.\n</think>\n\n{"first": "A", "last": "B", "email": "a@b.c"}`,
    expected: { first: 'A', last: 'B', email: 'a@b.c' },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${para(40, 'the long input')}\n\nIntermediate: {"partial": true, "rows": [1, 2]}\n\n${para(20, 'rows')}\n</think>\n\n{"partial": false, "rows": [1, 2, 3, 4]}`,
    expected: { partial: false, rows: [1, 2, 3, 4] },
  },
  {
    category: 'long-drafts',
    text: `${para(8, 'units')}\n\n{"distance": 5, "unit": "miles"} — no, the user is in Europe, use km: 8.05.\n\n${para(8, 'rounding')}\n</think>\n\n{"distance": 8.05, "unit": "km"}`,
    expected: { distance: 8.05, unit: 'km' },
  },
  {
    category: 'long-drafts',
    text: `<reasoning>\n${para(18, 'classification')}\n\nLabel candidates: ["bug"], ["bug", "ui"], ["feature"].\n\n${para(5, 'labels')}\n</reasoning>\n\n{"labels": ["bug", "ui"]}`,
    expected: { labels: ['bug', 'ui'] },
  },
  {
    category: 'long-drafts',
    text: `${para(15, 'the SQL')}\n\nI'd return {"sql": "SELECT * FROM t"} but selecting * is bad practice.\n\n${para(6, 'columns')}\n</think>\n\n{"sql": "SELECT id, name FROM users WHERE active = 1"}`,
    expected: { sql: 'SELECT id, name FROM users WHERE active = 1' },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${para(12, 'translation')}\n\n{"fr": "Bonjour"} seems right, but they also want "es".\n\n${para(12, 'Spanish')}\n</think>\n\nHere you go:\n\n{"fr": "Bonjour", "es": "Hola"}\n\nBoth are the standard daytime greetings.`,
    expected: { fr: 'Bonjour', es: 'Hola' },
  },
  {
    category: 'long-drafts',
    text: `${para(25, 'priorities')}\n\nSo: [{"task": "A", "p": 1}, {"task": "B", "p": 2}]\n\nHmm, actually B is more urgent, swap.\n</think>\n\n[{"task": "B", "p": 1}, {"task": "A", "p": 2}]`,
    expected: [{ task: 'B', p: 1 }, { task: 'A', p: 2 }],
  },
  {
    category: 'long-drafts',
    text: `<thinking>\n${para(30, 'the prompt')}\n</thinking>\n\n${F}json\n{"ok": true, "notes": "${'x'.repeat(200)}"}\n${F}`,
    expected: { ok: true, notes: 'x'.repeat(200) },
  },
  {
    category: 'long-drafts',
    text: `${para(6, 'the question')}\n\nMaybe {"yes": 1}. Or {"no": 0}. I'm not sure.\n\n${para(10, 'evidence')}\n\nThe evidence supports yes.\n</think>\n\n{"decision": "yes", "score": 0.8}`,
    expected: { decision: 'yes', score: 0.8 },
  },
  {
    category: 'long-drafts',
    text: `<think>\n${para(50, 'everything')}\n\nFinal structure: {"a": [1], "b": {"c": null}}\n</think>\n\n{"a": [1], "b": {"c": null}}`,
    expected: { a: [1], b: { c: null } },
  },
];

const mdDocs: TrialCase[] = [
  {
    category: 'markdown-docs',
    text: `## Response format\n\nThe API returns objects like:\n\n${F}json\n{"id": "string", "status": "string"}\n${F}\n\n## Your result\n\n${F}json\n{"id": "job_81", "status": "queued"}\n${F}`,
    expected: { id: 'job_81', status: 'queued' },
  },
  {
    category: 'markdown-docs',
    text: `# Configuration\n\nA minimal config looks like \`{"debug": false}\`.\n\nFor your setup (debug on, port 3000):\n\n${F}json\n{"debug": true, "port": 3000}\n${F}`,
    expected: { debug: true, port: 3000 },
  },
  {
    category: 'markdown-docs',
    text: `### Field reference\n\n| field | type | example |\n|---|---|---|\n| \`tags\` | array | \`["a", "b"]\` |\n| \`score\` | number | \`0.5\` |\n\n### Output\n\n${F}json\n{"tags": ["news", "tech"], "score": 0.72}\n${F}`,
    expected: { tags: ['news', 'tech'], score: 0.72 },
  },
  {
    category: 'markdown-docs',
    text: `**Request body example**\n\n${F}json\n{\n  "query": "example",\n  "page": 1\n}\n${F}\n\n**Response** (what you asked me to produce):\n\n${F}json\n{\n  "results": [{"title": "Intro to JSON", "url": "https://ex.com/1"}],\n  "page": 1,\n  "total": 1\n}\n${F}`,
    expected: { results: [{ title: 'Intro to JSON', url: 'https://ex.com/1' }], page: 1, total: 1 },
  },
  {
    category: 'markdown-docs',
    text: `## Notes\n\n- Optional fields are in [brackets].\n- Use \`null\` when unknown.\n\n## Answer\n\n{"name": "Kai", "nickname": null}`,
    expected: { name: 'Kai', nickname: null },
  },
  {
    category: 'markdown-docs',
    text: `1. Parse the input.\n2. Wrap each entry like \`{"v": x}\`.\n3. Return the list.\n\nResult:\n\n${F}json\n[{"v": 3}, {"v": 9}]\n${F}`,
    expected: [{ v: 3 }, { v: 9 }],
  },
  {
    category: 'markdown-docs',
    text: `> **Note**: an empty response is \`{}\`.\n\nThe populated response for your query:\n\n${F}json\n{"hits": 2, "ids": [14, 29]}\n${F}`,
    expected: { hits: 2, ids: [14, 29] },
  },
  {
    category: 'markdown-docs',
    text: `## Before\n\n${F}json\n{"user_name": "x", "UserAge": 1}\n${F}\n\n## After (camelCase applied)\n\n${F}json\n{"userName": "x", "userAge": 1}\n${F}`,
    expected: { userName: 'x', userAge: 1 },
  },
  {
    category: 'markdown-docs',
    text: `The pattern is:\n\n${F}\nGET /items/{id}\n${F}\n\nwhich returns\n\n${F}json\n{"id": 3, "name": "bolt", "stock": 140}\n${F}`,
    expected: { id: 3, name: 'bolt', stock: 140 },
  },
  {
    category: 'markdown-docs',
    text: `### Schema\n${F}ts\ntype Out = { ok: boolean; errors: string[] };\n${F}\n\n### Value\n${F}json\n{"ok": true, "errors": []}\n${F}`,
    expected: { ok: true, errors: [] },
  },
  {
    category: 'markdown-docs',
    text: `# Migration guide\n\nOld format: \`[1, 2, 3]\`\nNew format: \`{"values": [1, 2, 3]}\`\n\nYour data converted:\n\n${F}json\n{"values": [7, 8, 9]}\n${F}\n\nThat's all!`,
    expected: { values: [7, 8, 9] },
  },
  {
    category: 'markdown-docs',
    text: `Here is the YAML you gave, followed by the JSON equivalent.\n\n${F}yaml\nname: app\nreplicas: 2\n${F}\n\n${F}json\n{"name": "app", "replicas": 2}\n${F}`,
    expected: { name: 'app', replicas: 2 },
  },
  {
    category: 'markdown-docs',
    text: `#### Input\n${F}json\n{"a": "1", "b": "two"}\n${F}\n#### Output (numbers coerced where possible)\n${F}json\n{"a": 1, "b": "two"}\n${F}`,
    expected: { a: 1, b: 'two' },
  },
  {
    category: 'markdown-docs',
    text: `In JSON, arrays are written with square brackets, e.g. [1, 2], and objects with braces, e.g. {"k": "v"}.\n\nYour requested object:\n\n{"fruits": ["kiwi", "mango"], "count": 2}`,
    expected: { fruits: ['kiwi', 'mango'], count: 2 },
  },
  {
    category: 'markdown-docs',
    text: `## Output\n\n${F}json\n{\n  "title": "Quarterly report",\n  "sections": ["Revenue", "Costs", "Outlook"]\n}\n${F}\n\n## How to use\n\nLoad it with \`JSON.parse(text)\`, then read \`obj.sections\` — for example \`["Revenue"]\` is the first one wrapped in an array.`,
    expected: { title: 'Quarterly report', sections: ['Revenue', 'Costs', 'Outlook'] },
  },
];

const hard: TrialCase[] = [
  {
    category: 'hard-mixed',
    text: `<think>\nThe JSON should contain a note telling the user to use <think> tags. So {"note": "use <think> tags"}.\n</think>\n\n{"note": "wrap your reasoning in <think></think> tags"}`,
    expected: { note: 'wrap your reasoning in <think></think> tags' },
  },
  {
    category: 'hard-mixed',
    text: `{"instructions": "End your reasoning with </think> then answer.", "version": 2}`,
    expected: { instructions: 'End your reasoning with </think> then answer.', version: 2 },
  },
  {
    category: 'hard-mixed',
    text: `<THINK>\nUppercase tags, some templates do this.\n</THINK>\n{"upper": true}`,
    expected: { upper: true },
  },
  {
    category: 'hard-mixed',
    text: `<think type="internal">\nConsider {"x": 0}.\n</think>\n{"x": 1}`,
    expected: { x: 1 },
  },
  {
    category: 'hard-mixed',
    text: `<thought>\nThe answer should be a single number wrapped in an object.\n</thought>\n\n{"n": 7}`,
    expected: { n: 7 },
  },
  {
    category: 'hard-mixed',
    text: `The user wrote: "give me {name} and [age]". They mean placeholders. So output a JSON with name and age.\n</think>\n\n{"name": "Ines", "age": 52}`,
    expected: { name: 'Ines', age: 52 },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nDraft: {"a": 1}\n</think>\n<think>\nSecond pass, more careful: {"a": 2}\n</think>\n{"a": 3}`,
    expected: { a: 3 },
  },
  {
    category: 'hard-mixed',
    text: `${F}json\n{"code": "${F}inner fence${F}", "ok": true}\n${F}`,
    expected: { code: '```inner fence```', ok: true },
  },
  {
    category: 'hard-mixed',
    text: `Result: {"regex": "^\\\\d{3}-\\\\d{4}$", "flags": "g"}`,
    expected: { regex: '^\\d{3}-\\d{4}$', flags: 'g' },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nThe user wants an object. {"a": 1} — that is wrong, they said key "b".\n</think>\n\`\`\`json\n{"b": 1}\n\`\`\`\n\nThe example \`{"a": 1}\` from your message was renamed.`,
    expected: { b: 1 },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nI should respond with JSON inside a JSON string? No, plain JSON.\n</think>\n{"payload": "{\\"inner\\": [1, 2]}", "encoding": "json-string"}`,
    expected: { payload: '{"inner": [1, 2]}', encoding: 'json-string' },
  },
  {
    category: 'hard-mixed',
    text: `The answer is below (the curly braces in "{sic}" above are from the source text).\n\n{"quote": "He wrote {sic} twice", "page": 12}`,
    expected: { quote: 'He wrote {sic} twice', page: 12 },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nOK.\n</think>\n\n<answer>\n{"final": [true, false]}\n</answer>`,
    expected: { final: [true, false] },
  },
  {
    category: 'hard-mixed',
    text: `Let me first show what NOT to do: {"bad": tru}. Instead:\n\n${F}json\n{"good": true}\n${F}`,
    expected: { good: true },
  },
  {
    category: 'hard-mixed',
    text: `<think>\nwhat if the list is empty? then []\nbut here it has one item\n</think>\n[{"only": "item"}]`,
    expected: [{ only: 'item' }],
  },
];

export const TRIAL3_CASES: TrialCase[] = [
  ...r1,
  ...claude,
  ...harmony,
  ...gemini,
  ...terse,
  ...chatty,
  ...agent,
  ...extraction,
  ...lenient,
  ...truncation,
  ...intl,
  ...longDrafts,
  ...mdDocs,
  ...hard,
];
