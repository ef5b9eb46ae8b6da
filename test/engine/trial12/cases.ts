// New-user trial 12: LLM-like texts written by hand (trial12, 2026-12-02) BEFORE reading the engine's
// selection code, the corpus or trials 1-11's texts (only the README's promises — the answer-selection rule,
// the reasoning table, its "Known limit" lines — and the trial harness's types), aimed at families the earlier
// trials may have been thin on: agent-framework output (ReAct `Thought:/Action:/Action Input:/Observation:/
// Final Answer:`, AutoGPT's `{"thoughts": …, "command": …}`, CrewAI, LangChain's JSON and structured-chat
// agents, smolagents, AutoGen), prompt-format tool calls (Hermes `<tool_call>`, Llama 3.1 `<|python_tag|>`,
// functionary `>>>name`, `<function=name>`, Granite `<|tool_call|>`, Gemma `tool_code`), answers in XML-ish
// wrappers (`<answer>`, `<json>`, `<output>`, `<result>`, `<final_answer>`), graders and judges ("Score: 7/10"
// then JSON, MT-bench `[[8]]`, pairwise verdicts), self-correction WITHOUT reasoning tags in eight languages,
// small local models' quirks (repetition, unbalanced brackets, double-encoded JSON, the same JSON twice,
// template braces `{{…}}`), numbers as people write them (1,000,000, 1e5, NaN, Infinity, 50%, $3.50, +4, .5,
// 3,50, 1 000), strings holding Windows paths, regexes, SQL and HTML, transcripts pasted by a user, several
// candidates where the last is an example, a template or a schema, and texts that hold no answer.
// Each row: the text, the value a user wants (`want`, compared after JSON.parse; `alsoOk` lists other values
// a reasonable user would accept where the text leaves it open), and the status a user expects (`status`;
// several when the text leaves it open). `want: null` with status FAILED: the text holds no answer.
// Written blind, committed before the first run; never edited to match the engine.

import type { TrialCase } from '../trialRun';

const F = '```';

const AGENT = 'agent-framework output';
const TOOL = 'prompt-format tool calls';
const WRAP = 'XML-ish answer wrappers';
const JUDGE = 'graders and judges';
const CORR = 'self-correction without tags';
const SMALL = 'small local models';
const NUM = 'numbers as people write them';
const STR = 'paths, regexes, SQL, HTML in strings';
const TRANS = 'pasted transcripts';
const LAST = 'last candidate an example or schema';
const NONE = 'no answer';

export const TRIAL12_CASES: TrialCase[] = [
  // ---------------------------------------------------------------- agent-framework output
  {
    id: 't12-agent-01', category: AGENT, status: 'VALID',
    note: 'a full ReAct trace: the tool input and the observation are JSON too; the final answer is the last',
    text: 'Thought: I need the current weather in Oslo.\nAction: get_weather\nAction Input: {"city": "Oslo", "unit": "C"}\nObservation: {"temp": -3, "sky": "snow"}\nThought: I now know the final answer.\nFinal Answer: {"city": "Oslo", "temp_c": -3, "summary": "Snowing"}',
    want: { city: 'Oslo', temp_c: -3, summary: 'Snowing' },
  },
  {
    id: 't12-agent-02', category: AGENT, status: 'VALID',
    note: 'ReAct stopped at the "Observation:" stop sequence: the text is a tool call, its input is what the agent wants',
    text: 'Thought: I should look up the order.\nAction: lookup_order\nAction Input: {"order_id": "A-1042"}\n',
    want: { order_id: 'A-1042' },
  },
  {
    id: 't12-agent-03', category: AGENT, status: 'VALID',
    note: "LangChain's JSON agent: the action blob in a fence, its action_input a JSON string",
    text: `${F}json\n{\n  "action": "Final Answer",\n  "action_input": ` + String.raw`"{\"total\": 42}"` + `\n}\n${F}`,
    want: { action: 'Final Answer', action_input: '{"total": 42}' },
  },
  {
    id: 't12-agent-04', category: AGENT, status: 'VALID',
    note: 'LangChain structured-chat agent: a thought, then the action blob in a bare fence',
    text: `Thought: The user wants the total.\nAction:\n${F}\n{\n  "action": "Final Answer",\n  "action_input": {"total": 42, "currency": "EUR"}\n}\n${F}`,
    want: { action: 'Final Answer', action_input: { total: 42, currency: 'EUR' } },
  },
  {
    id: 't12-agent-05', category: AGENT, status: 'VALID',
    note: 'AutoGPT: thoughts and command, one object',
    text: '{\n  "thoughts": {\n    "text": "I should write the file.",\n    "reasoning": "The user asked for a summary file.",\n    "plan": "- write file\\n- finish",\n    "criticism": "None",\n    "speak": "Writing the summary now."\n  },\n  "command": {\n    "name": "write_file",\n    "args": {"filename": "summary.txt", "text": "Done."}\n  }\n}',
    want: {
      thoughts: { text: 'I should write the file.', reasoning: 'The user asked for a summary file.', plan: '- write file\n- finish', criticism: 'None', speak: 'Writing the summary now.' },
      command: { name: 'write_file', args: { filename: 'summary.txt', text: 'Done.' } },
    },
  },
  {
    id: 't12-agent-06', category: AGENT, status: 'VALID',
    note: 'AutoGPT with a sentence before the object',
    text: 'Sure, here is my response in the required format:\n\n{"thoughts": {"text": "search first", "plan": "search, then answer"}, "command": {"name": "google", "args": {"query": "latest node lts"}}}',
    want: { thoughts: { text: 'search first', plan: 'search, then answer' }, command: { name: 'google', args: { query: 'latest node lts' } } },
  },
  {
    id: 't12-agent-07', category: AGENT, status: 'REPAIRED',
    note: "AutoGPT plan with raw line breaks inside the string (a small model's)",
    text: '{"thoughts": {"plan": "- step one\n- step two"}, "command": {"name": "finish", "args": {"reason": "done"}}}',
    want: { thoughts: { plan: '- step one\n- step two' }, command: { name: 'finish', args: { reason: 'done' } } },
  },
  {
    id: 't12-agent-08', category: AGENT, status: 'VALID',
    note: "CrewAI's closing thought and a multi-line final answer",
    text: 'Thought: I now can give a great answer\nFinal Answer: {\n  "title": "Q3 report",\n  "bullets": ["Revenue up 12%", "Churn down"]\n}',
    want: { title: 'Q3 report', bullets: ['Revenue up 12%', 'Churn down'] },
  },
  {
    id: 't12-agent-09', category: AGENT, status: 'VALID',
    note: 'CrewAI final answer, then a sentence of commentary',
    text: 'Thought: I now can give a great answer\nFinal Answer: {"score": 8, "reason": "clear and concise"}\n\nThis evaluation is based on the criteria provided.',
    want: { score: 8, reason: 'clear and concise' },
  },
  {
    id: 't12-agent-10', category: AGENT, status: 'VALID',
    note: 'two tool rounds, an observation that is an array, then the final answer in a json fence',
    text: `Thought: first find the user.\nAction: find_user\nAction Input: {"email": "ana@example.com"}\nObservation: {"id": 17}\nThought: now fetch orders.\nAction: list_orders\nAction Input: {"user_id": 17}\nObservation: [{"id": 1, "total": 9.5}]\nThought: I know the answer.\nFinal Answer:\n${F}json\n{"user_id": 17, "orders": 1, "spent": 9.5}\n${F}`,
    want: { user_id: 17, orders: 1, spent: 9.5 },
  },
  {
    id: 't12-agent-11', category: AGENT, status: 'REPAIRED',
    note: 'a small model in a ReAct loop writes a Python dict as its final answer',
    text: "Thought: done\nFinal Answer: {'name': 'Ada', 'age': 36}",
    want: { name: 'Ada', age: 36 },
  },
  {
    id: 't12-agent-12', category: AGENT, status: 'VALID',
    note: "LangChain's verbose AgentExecutor log pasted whole",
    text: '> Entering new AgentExecutor chain...\n Thought: I should check the price.\nAction: get_price\nAction Input: {"ticker": "NVDA"}\nObservation: 181.2\nThought: I now know the final answer\nFinal Answer: {"ticker": "NVDA", "price": 181.2}\n\n> Finished chain.',
    want: { ticker: 'NVDA', price: 181.2 },
  },
  {
    id: 't12-agent-13', category: AGENT, status: 'VALID',
    note: 'smolagents tool-calling agent: "Action:" then the call object on its lines',
    text: 'Action:\n{\n  "name": "final_answer",\n  "arguments": {"answer": "42"}\n}',
    want: { name: 'final_answer', arguments: { answer: '42' } },
  },
  {
    id: 't12-agent-14', category: AGENT, status: 'VALID',
    note: "AutoGen's TERMINATE after the answer",
    text: '{"status": "approved", "amount": 120}\n\nTERMINATE',
    want: { status: 'approved', amount: 120 },
  },
  {
    id: 't12-agent-15', category: AGENT, status: 'TRUNCATED',
    note: 'final answer cut at max_tokens inside a string',
    text: 'Thought: I can answer now.\nFinal Answer: {"items": ["milk", "eggs", "bre',
    want: { items: ['milk', 'eggs', 'bre'] },
    alsoOk: [{ items: ['milk', 'eggs'] }],
  },

  // ---------------------------------------------------------------- prompt-format tool calls
  {
    id: 't12-tool-01', category: TOOL, status: 'VALID',
    note: 'Hermes format',
    text: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
    want: { name: 'get_weather', arguments: { city: 'Paris' } },
  },
  {
    id: 't12-tool-02', category: TOOL, status: 'VALID',
    note: 'Hermes call after a sentence',
    text: "I'll look that up for you.\n<tool_call>\n{\"name\": \"search\", \"arguments\": {\"query\": \"flights to Lima\"}}\n</tool_call>",
    want: { name: 'search', arguments: { query: 'flights to Lima' } },
  },
  {
    id: 't12-tool-03', category: TOOL, status: ['VALID', 'REPAIRED'],
    note: 'two parallel Hermes calls: the first is the JSON, the second an extra value',
    text: '<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>\n<tool_call>\n{"name": "b", "arguments": {"x": 1}}\n</tool_call>',
    want: { name: 'a', arguments: {} },
  },
  {
    id: 't12-tool-04', category: TOOL, status: 'VALID',
    note: 'Llama 3.1 custom tool call after <|python_tag|>, ended by <|eom_id|>',
    text: '<|python_tag|>{"name": "get_time", "parameters": {"tz": "Asia/Tokyo"}}<|eom_id|>',
    want: { name: 'get_time', parameters: { tz: 'Asia/Tokyo' } },
  },
  {
    id: 't12-tool-05', category: TOOL, status: 'VALID',
    note: 'Llama 3.1 JSON tool call with the <|eot_id|> left on',
    text: '{"name": "get_time", "parameters": {"tz": "UTC"}}<|eot_id|>',
    want: { name: 'get_time', parameters: { tz: 'UTC' } },
  },
  {
    id: 't12-tool-06', category: TOOL, status: 'FAILED',
    note: "Llama 3.1 built-in tool: Python, no JSON",
    text: '<|python_tag|>brave_search.call(query="oslo weather")<|eom_id|>',
    want: null,
  },
  {
    id: 't12-tool-07', category: TOOL, status: 'VALID',
    note: 'functionary v3: >>>name then the arguments',
    text: '>>>get_weather\n{"location": "Hanoi"}',
    want: { location: 'Hanoi' },
  },
  {
    id: 't12-tool-08', category: TOOL, status: 'VALID',
    note: 'functionary v3 with its "all" channel text first',
    text: '>>>all\nLet me check.>>>get_weather\n{"location": "Hanoi"}',
    want: { location: 'Hanoi' },
  },
  {
    id: 't12-tool-09', category: TOOL, status: 'VALID',
    note: 'Llama 3.x <function=name>{…}</function>',
    text: '<function=get_weather>{"city": "Lagos"}</function>',
    want: { city: 'Lagos' },
  },
  {
    id: 't12-tool-10', category: TOOL, status: 'VALID',
    note: '<function=name> after a sentence',
    text: 'Sure, calling the tool.\n\n<function=send_email>{"to": "bo@x.io", "subject": "Hi"}</function>',
    want: { to: 'bo@x.io', subject: 'Hi' },
  },
  {
    id: 't12-tool-11', category: TOOL, status: 'VALID',
    note: 'a call list with the </s> end token',
    text: '[{"name": "add", "arguments": {"a": 2, "b": 3}}]</s>',
    want: [{ name: 'add', arguments: { a: 2, b: 3 } }],
  },
  {
    id: 't12-tool-12', category: TOOL, status: 'VALID',
    note: 'Qwen tool call with a sentence after the closing tag',
    text: '<tool_call>\n{"name": "calc", "arguments": {"expr": "2*21"}}\n</tool_call>\nI\'ve requested the calculation.',
    want: { name: 'calc', arguments: { expr: '2*21' } },
  },
  {
    id: 't12-tool-13', category: TOOL, status: 'FAILED',
    note: 'Gemma tool_code fence: Python, no JSON',
    text: `${F}tool_code\nprint(get_weather(city="Oslo"))\n${F}`,
    want: null,
  },
  {
    id: 't12-tool-14', category: TOOL, status: 'VALID',
    note: 'Hermes call whose arguments are a JSON string (double-encoded)',
    text: '<tool_call>\n' + String.raw`{"name": "lookup", "arguments": "{\"id\": 5}"}` + '\n</tool_call>',
    want: { name: 'lookup', arguments: '{"id": 5}' },
  },
  {
    id: 't12-tool-15', category: TOOL, status: 'VALID',
    note: 'IBM Granite <|tool_call|> then a list of calls',
    text: '<|tool_call|>[{"name": "get_stock", "arguments": {"symbol": "IBM"}}]',
    want: [{ name: 'get_stock', arguments: { symbol: 'IBM' } }],
  },

  // ---------------------------------------------------------------- XML-ish answer wrappers
  {
    id: 't12-wrap-01', category: WRAP, status: 'VALID',
    text: '<answer>\n{"total": 12}\n</answer>',
    want: { total: 12 },
  },
  {
    id: 't12-wrap-02', category: WRAP, status: 'VALID',
    text: '<json>{"ok": true}</json>',
    want: { ok: true },
  },
  {
    id: 't12-wrap-03', category: WRAP, status: 'VALID',
    text: '<output>\n[1, 2, 3]\n</output>',
    want: [1, 2, 3],
  },
  {
    id: 't12-wrap-04', category: WRAP, status: 'REPAIRED',
    note: 'a trailing comma inside <result>',
    text: '<result>{"id": 9, "name": "x",}</result>',
    want: { id: 9, name: 'x' },
  },
  {
    id: 't12-wrap-05', category: WRAP, status: 'VALID',
    note: 'a <scratch> block (not a known reasoning tag) with a draft, then <answer>',
    text: '<scratch>\nmaybe {"n": 2}\n</scratch>\n<answer>{"n": 3}</answer>',
    want: { n: 3 },
  },
  {
    id: 't12-wrap-06', category: WRAP, status: 'VALID',
    note: '<analysis> prose, then a json fence inside <answer>',
    text: `<analysis>The data has two rows.</analysis>\n<answer>\n${F}json\n{"rows": 2}\n${F}\n</answer>`,
    want: { rows: 2 },
  },
  {
    id: 't12-wrap-07', category: WRAP, status: 'VALID',
    note: 'Claude-style sentence, then <result> tags',
    text: "I'll put the result in the tags you asked for.\n\n<result>\n{\n  \"sentiment\": \"negative\",\n  \"confidence\": 0.91\n}\n</result>",
    want: { sentiment: 'negative', confidence: 0.91 },
  },
  {
    id: 't12-wrap-08', category: WRAP, status: 'VALID',
    note: 'nested wrappers',
    text: '<response><json>{"a": [1, 2]}</json></response>',
    want: { a: [1, 2] },
  },
  {
    id: 't12-wrap-09', category: WRAP, status: 'VALID',
    note: 'a wrapper tag with an attribute',
    text: '<answer format="json">{"lang": "fr"}</answer>',
    want: { lang: 'fr' },
  },
  {
    id: 't12-wrap-10', category: WRAP, status: 'TRUNCATED',
    note: 'cut at max_tokens inside the wrapper',
    text: '<output>\n{"items": [{"sku": "A1", "qty": 2}, {"sku": "B',
    want: { items: [{ sku: 'A1', qty: 2 }, { sku: 'B' }] },
    alsoOk: [{ items: [{ sku: 'A1', qty: 2 }, {}] }, { items: [{ sku: 'A1', qty: 2 }] }],
  },
  {
    id: 't12-wrap-11', category: WRAP, status: 'VALID',
    note: 'a thinking block with a draft, then <answer>',
    text: '<thinking>\nThe user wants JSON; I\'ll draft {"x": 0} first.\n</thinking>\n<answer>{"x": 1}</answer>',
    want: { x: 1 },
  },
  {
    id: 't12-wrap-12', category: WRAP, status: 'VALID',
    note: 'an <example> first, then the <answer>',
    text: '<example>{"name": "Jane Doe"}</example>\n<answer>{"name": "Ana Lima"}</answer>',
    want: { name: 'Ana Lima' },
  },
  {
    id: 't12-wrap-13', category: WRAP, status: 'VALID',
    note: '<reflection> prose, then <final_answer>',
    text: '<reflection>Check: the sum is 10.</reflection>\n<final_answer>\n{"sum": 10}\n</final_answer>',
    want: { sum: 10 },
  },
  {
    id: 't12-wrap-14', category: WRAP, status: 'VALID',
    note: 'HTML tags inside a string inside <json>',
    text: '<json>\n{"msg": "use <b>bold</b> here"}\n</json>',
    want: { msg: 'use <b>bold</b> here' },
  },
  {
    id: 't12-wrap-15', category: WRAP, status: 'VALID',
    note: 'a sentence inside <answer> before the value',
    text: '<answer>\nThe JSON is:\n{"k": "v"}\n</answer>',
    want: { k: 'v' },
  },

  // ---------------------------------------------------------------- graders and judges
  {
    id: 't12-judge-01', category: JUDGE, status: 'VALID',
    text: `Score: 7/10\n\nThe response is mostly accurate but misses edge cases.\n\n${F}json\n{"score": 7, "reason": "misses edge cases"}\n${F}`,
    want: { score: 7, reason: 'misses edge cases' },
  },
  {
    id: 't12-judge-02', category: JUDGE, status: 'VALID',
    note: 'MT-bench rating in double brackets, then the object asked for',
    text: 'Rating: [[8]]\n\n{"rating": 8, "verdict": "good"}',
    want: { rating: 8, verdict: 'good' },
  },
  {
    id: 't12-judge-03', category: JUDGE, status: 'VALID',
    note: 'verdict first, explanation after',
    text: '{"winner": "B", "confidence": 0.8}\nExplanation: Response B cites sources.',
    want: { winner: 'B', confidence: 0.8 },
  },
  {
    id: 't12-judge-04', category: JUDGE, status: 'VALID',
    text: 'Evaluation:\n- Accuracy: 4/5\n- Clarity: 5/5\n\nFinal verdict: {"accuracy": 4, "clarity": 5, "pass": true}',
    want: { accuracy: 4, clarity: 5, pass: true },
  },
  {
    id: 't12-judge-05', category: JUDGE, status: 'VALID',
    note: "the judge quotes the candidate's JSON, then gives its verdict",
    text: `The candidate answered:\n${F}json\n{"capital": "Sydney"}\n${F}\nThis is incorrect; the capital is Canberra.\n\nVerdict:\n${F}json\n{"correct": false, "expected": "Canberra"}\n${F}`,
    want: { correct: false, expected: 'Canberra' },
  },
  {
    id: 't12-judge-06', category: JUDGE, status: 'VALID',
    note: "verdict first, the candidate's output quoted after it for reference",
    text: `${F}json\n{"correct": true}\n${F}\n\nFor reference, the candidate's output was:\n${F}json\n{"capital": "Canberra"}\n${F}`,
    want: { correct: true },
  },
  {
    id: 't12-judge-07', category: JUDGE, status: 'VALID',
    text: 'Score: 3\nReasoning: The answer ignores the constraint.\n{"score": 3}',
    want: { score: 3 },
  },
  {
    id: 't12-judge-08', category: JUDGE, status: 'VALID',
    text: 'After comparing both responses, I prefer Response A.\n\nOutput: {"preferred": "A", "margin": "slight"}',
    want: { preferred: 'A', margin: 'slight' },
  },
  {
    id: 't12-judge-09', category: JUDGE, status: 'VALID',
    note: 'the judge echoes the format line of its prompt, then answers',
    text: 'Use the format {"score": <1-10>, "notes": "..."}.\n\n{"score": 6, "notes": "ok"}',
    want: { score: 6, notes: 'ok' },
  },
  {
    id: 't12-judge-10', category: JUDGE, status: 'VALID',
    note: 'the only JSON is in inline code',
    text: '**Score:** 9/10\n**JSON:** `{"score": 9}`',
    want: { score: 9 },
  },
  {
    id: 't12-judge-11', category: JUDGE, status: 'REPAIRED',
    note: 'a percentage as a number',
    text: '{"similarity": 87%, "label": "paraphrase"}',
    want: { similarity: '87%', label: 'paraphrase' },
    alsoOk: [{ similarity: 87, label: 'paraphrase' }, { similarity: 0.87, label: 'paraphrase' }],
  },
  {
    id: 't12-judge-12', category: JUDGE, status: ['VALID', 'REPAIRED'],
    note: 'a JSON-started score revised later (a stream keeps the first: design limit; takeCorrections takes it)',
    text: '{"score": 6}\n\nWait, I overlooked the citation error. Revised:\n{"score": 4}',
    want: { score: 4 },
  },
  {
    id: 't12-judge-13', category: JUDGE, status: 'VALID',
    note: 'a prose-started score revised later',
    text: 'Initial assessment: {"score": 6}\nWait, I overlooked the citation error.\nRevised assessment: {"score": 4}',
    want: { score: 4 },
  },
  {
    id: 't12-judge-14', category: JUDGE, status: 'VALID',
    note: 'reference, model answer, judgement: the judgement is the output',
    text: 'Reference answer: {"total": 10}\nModel answer: {"total": 12}\nJudgement: {"match": false}',
    want: { match: false },
  },

  // ---------------------------------------------------------------- self-correction without reasoning tags
  {
    id: 't12-corr-01', category: CORR, status: 'VALID',
    text: 'Here you go: {"days": 5}\nActually, scratch that. {"days": 7}',
    want: { days: 7 },
  },
  {
    id: 't12-corr-02', category: CORR, status: ['VALID', 'REPAIRED'],
    note: 'JSON-started, then "scratch that" (a stream keeps the first: design limit)',
    text: '{"a": 1}\nActually, scratch that. {"a": 2}',
    want: { a: 2 },
  },
  {
    id: 't12-corr-03', category: CORR, status: 'VALID',
    text: 'Draft:\n{"title": "Intro"}\n\nFinal answer:\n{"title": "Introduction"}',
    want: { title: 'Introduction' },
  },
  {
    id: 't12-corr-04', category: CORR, status: 'VALID',
    text: 'Result: {"count": 3}\nCorrected: {"count": 4}',
    want: { count: 4 },
  },
  {
    id: 't12-corr-05', category: CORR, status: 'VALID',
    note: 'German "Korrektur:"',
    text: 'Hier ist das Ergebnis: {"stadt": "Köln", "plz": 50667}\nKorrektur: {"stadt": "Köln", "plz": 50668}',
    want: { stadt: 'Köln', plz: 50668 },
  },
  {
    id: 't12-corr-06', category: CORR, status: 'VALID',
    note: 'Spanish: "sorry, I was wrong. The correct answer is:"',
    text: 'Aquí está: {"total": 30}\nPerdón, me equivoqué. La respuesta correcta es: {"total": 33}',
    want: { total: 33 },
  },
  {
    id: 't12-corr-07', category: CORR, status: 'VALID',
    note: 'French "En fait, non"',
    text: 'Voici le JSON : {"prix": 12}\nEn fait, non : le prix est {"prix": 15}',
    want: { prix: 15 },
  },
  {
    id: 't12-corr-08', category: CORR, status: 'VALID',
    note: 'Japanese: "sorry, I made a mistake. Correctly:"',
    text: '結果: {"件数": 2}\nすみません、間違えました。正しくは: {"件数": 3}',
    want: { 件数: 3 },
  },
  {
    id: 't12-corr-09', category: CORR, status: 'VALID',
    note: 'Chinese 更正 ("correction") with full-width colons',
    text: '答案：{"数量": 8}\n更正：{"数量": 9}',
    want: { 数量: 9 },
  },
  {
    id: 't12-corr-10', category: CORR, status: 'VALID',
    text: `Here is the JSON:\n${F}json\n{"status": "active"}\n${F}\nOops, that should be inactive:\n${F}json\n{"status": "inactive"}\n${F}`,
    want: { status: 'inactive' },
  },
  {
    id: 't12-corr-11', category: CORR, status: 'VALID',
    text: 'Attempt: {"x": 1}\nHmm, not quite.\nAttempt: {"x": 2}\nThat\'s it.\nFinal: {"x": 2}',
    want: { x: 2 },
  },
  {
    id: 't12-corr-12', category: CORR, status: 'VALID',
    note: 'a dash-"no wait" correction on one line',
    text: 'The code is {"lang": "pt"} — no wait, Brazilian: {"lang": "pt-BR"}',
    want: { lang: 'pt-BR' },
  },
  {
    id: 't12-corr-13', category: CORR, status: 'VALID',
    note: 'Russian "Исправление:" ("correction")',
    text: 'Ответ: {"город": "Казань"}\nИсправление: {"город": "Самара"}',
    want: { город: 'Самара' },
  },
  {
    id: 't12-corr-14', category: CORR, status: 'VALID',
    note: '"Actually," that corrects nothing',
    text: 'Here it is: {"n": 1}\nActually, that\'s all you need.',
    want: { n: 1 },
  },
  {
    id: 't12-corr-15', category: CORR, status: 'VALID',
    note: 'Old: / New:',
    text: 'Updated answer below.\n\nOld: {"v": 1}\nNew: {"v": 2}',
    want: { v: 2 },
  },
  {
    id: 't12-corr-16', category: CORR, status: 'VALID',
    note: 'Portuguese "Corrigindo:"',
    text: 'Resposta: {"idade": 30}\nCorrigindo: {"idade": 31}',
    want: { idade: 31 },
  },
  {
    id: 't12-corr-17', category: CORR, status: 'VALID',
    note: 'Italian "Anzi no," ("no, rather")',
    text: 'Ecco: {"voto": 7}\nAnzi no, {"voto": 8}',
    want: { voto: 8 },
  },

  // ---------------------------------------------------------------- small local models
  {
    id: 't12-small-01', category: SMALL, status: 'VALID',
    note: 'a repeated key (valid JSON; the last wins when parsed)',
    text: '{"name": "Ana", "name": "Ana", "name": "Ana", "name": "Ana"}',
    want: { name: 'Ana' },
  },
  {
    id: 't12-small-02', category: SMALL, status: ['VALID', 'REPAIRED'],
    note: 'the same JSON twice',
    text: '{"ok": true}\n{"ok": true}',
    want: { ok: true },
  },
  {
    id: 't12-small-03', category: SMALL, status: ['VALID', 'REPAIRED'],
    note: 'the same sentence and JSON twice',
    text: 'Here is the JSON:\n{"ok": true}\nHere is the JSON:\n{"ok": true}',
    want: { ok: true },
  },
  {
    id: 't12-small-04', category: SMALL, status: 'TRUNCATED',
    note: 'a closing brace missing at the end',
    text: '{"a": {"b": 1}',
    want: { a: { b: 1 } },
  },
  {
    id: 't12-small-05', category: SMALL, status: ['VALID', 'REPAIRED'],
    note: 'one closing brace too many',
    text: '{"a": 1}}',
    want: { a: 1 },
  },
  {
    id: 't12-small-06', category: SMALL, status: ['VALID', 'REPAIRED'],
    note: 'double-encoded: the object as a JSON string',
    text: String.raw`"{\"a\": 1, \"b\": [2]}"`,
    want: { a: 1, b: [2] },
    alsoOk: ['{"a": 1, "b": [2]}'],
  },
  {
    id: 't12-small-07', category: SMALL, status: ['TRUNCATED', 'REPAIRED'],
    note: 'closers missing before the ChatML end token',
    text: '{"tags": ["a", "b"\n<|im_end|>',
    want: { tags: ['a', 'b'] },
  },
  {
    id: 't12-small-08', category: SMALL, status: 'TRUNCATED',
    note: 'a repetition loop cut at max_tokens',
    text: '{"list": [1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3',
    want: { list: [1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
  },
  {
    id: 't12-small-09', category: SMALL, status: 'VALID',
    note: 'a base model runs on past <|endoftext|>',
    text: '{"answer": "yes"}<|endoftext|>Human: thanks',
    want: { answer: 'yes' },
  },
  {
    id: 't12-small-10', category: SMALL, status: 'VALID',
    note: 'a fence never closed',
    text: `${F}json\n{"a": 1}\n`,
    want: { a: 1 },
  },
  {
    id: 't12-small-11', category: SMALL, status: 'REPAIRED',
    note: 'JSON5 in a json5 fence',
    text: `${F}json5\n{x: 1, // one\n}\n${F}`,
    want: { x: 1 },
  },
  {
    id: 't12-small-12', category: SMALL, status: 'REPAIRED',
    text: '{ok: True, items: None}',
    want: { ok: true, items: null },
  },
  {
    id: 't12-small-13', category: SMALL, status: ['VALID', 'REPAIRED'],
    note: 'the JSON, then the same JSON again cut off',
    text: '{"id": 4, "tags": ["x"]}\n{"id": 4, "tags": [',
    want: { id: 4, tags: ['x'] },
  },
  {
    id: 't12-small-14', category: SMALL, status: 'REPAIRED',
    note: 'a doubled closing bracket',
    text: '{"a": [1, 2]]}',
    want: { a: [1, 2] },
  },
  {
    id: 't12-small-15', category: SMALL, status: 'REPAIRED',
    note: 'a template\'s doubled braces left in the output',
    text: '{{"name": "Ana"}}',
    want: { name: 'Ana' },
  },
  {
    id: 't12-small-16', category: SMALL, status: 'REPAIRED',
    note: 'a line break written out as \\n between members (quotes not escaped)',
    text: String.raw`{"a": 1,\n "b": 2}`,
    want: { a: 1, b: 2 },
  },

  // ---------------------------------------------------------------- numbers as people write them
  {
    id: 't12-num-01', category: NUM, status: 'REPAIRED',
    text: '{"population": 1,000,000}',
    want: { population: 1000000 },
  },
  {
    id: 't12-num-02', category: NUM, status: 'VALID',
    text: '{"distance": 1e5, "ratio": 2.5E-3}',
    want: { distance: 1e5, ratio: 2.5e-3 },
  },
  {
    id: 't12-num-03', category: NUM, status: 'REPAIRED',
    text: '{"value": NaN}',
    want: { value: null },
    alsoOk: [{ value: 'NaN' }],
  },
  {
    id: 't12-num-04', category: NUM, status: 'REPAIRED',
    text: '{"max": Infinity, "min": -Infinity}',
    want: { max: null, min: null },
    alsoOk: [{ max: 'Infinity', min: '-Infinity' }, { max: Infinity, min: -Infinity }],
  },
  {
    id: 't12-num-05', category: NUM, status: 'REPAIRED',
    text: '{"discount": 50%}',
    want: { discount: '50%' },
    alsoOk: [{ discount: 50 }, { discount: 0.5 }],
  },
  {
    id: 't12-num-06', category: NUM, status: 'REPAIRED',
    text: '{"price": $3.50}',
    want: { price: '$3.50' },
    alsoOk: [{ price: 3.5 }],
  },
  {
    id: 't12-num-07', category: NUM, status: 'REPAIRED',
    text: '{"delta": +4}',
    want: { delta: 4 },
  },
  {
    id: 't12-num-08', category: NUM, status: 'REPAIRED',
    text: '{"p": .5}',
    want: { p: 0.5 },
  },
  {
    id: 't12-num-09', category: NUM, status: 'VALID',
    text: '{"amount": "1,000"}',
    want: { amount: '1,000' },
  },
  {
    id: 't12-num-10', category: NUM, status: 'VALID',
    text: '{"temp": -0.0, "n": 0}',
    want: { temp: -0, n: 0 },
  },
  {
    id: 't12-num-11', category: NUM, status: 'REPAIRED',
    note: 'a decimal comma',
    text: '{"preis": 3,50}',
    want: { preis: 3.5 },
    alsoOk: [{ preis: '3,50' }],
  },
  {
    id: 't12-num-12', category: NUM, status: 'VALID',
    note: 'a number with separators in the prose before the value',
    text: 'Total: 1,234.56 EUR\n{"total": 1234.56}',
    want: { total: 1234.56 },
  },
  {
    id: 't12-num-13', category: NUM, status: 'REPAIRED',
    text: '[1, 2, 3,]',
    want: [1, 2, 3],
  },
  {
    id: 't12-num-14', category: NUM, status: 'VALID',
    text: '{"big": 12345678901234567890}',
    want: { big: 12345678901234567890 },
  },
  {
    id: 't12-num-15', category: NUM, status: 'REPAIRED',
    text: '{"eta": 1h30m}',
    want: { eta: '1h30m' },
  },
  {
    id: 't12-num-16', category: NUM, status: 'REPAIRED',
    note: 'a space as the thousands separator',
    text: '{"count": 1 000}',
    want: { count: 1000 },
    alsoOk: [{ count: '1 000' }],
  },

  // ---------------------------------------------------------------- paths, regexes, SQL, HTML in strings
  {
    id: 't12-str-01', category: STR, status: 'REPAIRED',
    text: String.raw`{"path": "C:\Program Files\App\app.exe"}`,
    want: { path: 'C:\\Program Files\\App\\app.exe' },
  },
  {
    id: 't12-str-02', category: STR, status: 'REPAIRED',
    text: String.raw`{"log": "D:\logs\2026\app.log"}`,
    want: { log: 'D:\\logs\\2026\\app.log' },
  },
  {
    id: 't12-str-03', category: STR, status: 'REPAIRED',
    text: String.raw`{"pattern": "^\d{3}-\d{4}$"}`,
    want: { pattern: '^\\d{3}-\\d{4}$' },
  },
  {
    id: 't12-str-04', category: STR, status: 'VALID',
    text: String.raw`{"pattern": "^\\w+@\\w+\\.com$"}`,
    want: { pattern: '^\\w+@\\w+\\.com$' },
  },
  {
    id: 't12-str-05', category: STR, status: 'VALID',
    text: '{"sql": "SELECT * FROM users WHERE name = \'O\'\'Brien\' AND id IN (1, 2)"}',
    want: { sql: "SELECT * FROM users WHERE name = 'O''Brien' AND id IN (1, 2)" },
  },
  {
    id: 't12-str-06', category: STR, status: 'REPAIRED',
    note: 'SQL with quoted identifiers, the quotes not escaped',
    text: '{"sql": "SELECT "id", "name" FROM "users""}',
    want: { sql: 'SELECT "id", "name" FROM "users"' },
  },
  {
    id: 't12-str-07', category: STR, status: 'VALID',
    text: String.raw`{"html": "<div class=\"card\"><p>Hi</p></div>"}`,
    want: { html: '<div class="card"><p>Hi</p></div>' },
  },
  {
    id: 't12-str-08', category: STR, status: 'REPAIRED',
    note: 'an HTML attribute whose quotes are not escaped',
    text: '{"html": "<a href="https://x.io">link</a>"}',
    want: { html: '<a href="https://x.io">link</a>' },
  },
  {
    id: 't12-str-09', category: STR, status: 'REPAIRED',
    note: 'one path escaped, one not',
    text: `Config:\n${F}json\n` + String.raw`{"out": "C:\\temp\\out", "log": "C:\Logs\run.txt"}` + `\n${F}`,
    want: { out: 'C:\\temp\\out', log: 'C:\\Logs\\run.txt' },
  },
  {
    id: 't12-str-10', category: STR, status: 'VALID',
    text: '{"code": "function f() { return {a: 1}; }"}',
    want: { code: 'function f() { return {a: 1}; }' },
  },
  {
    id: 't12-str-11', category: STR, status: 'VALID',
    text: '{"md": "Use `npm i` then ```run```"}',
    want: { md: 'Use `npm i` then ```run```' },
  },
  {
    id: 't12-str-12', category: STR, status: 'VALID',
    text: String.raw`{"payload": "{\"k\": [1,2]}"}`,
    want: { payload: '{"k": [1,2]}' },
  },
  {
    id: 't12-str-13', category: STR, status: 'VALID',
    note: 'the wrapper\'s closing tag inside the string',
    text: '<answer>{"text": "close with </answer> tag"}</answer>',
    want: { text: 'close with </answer> tag' },
  },
  {
    id: 't12-str-14', category: STR, status: 'REPAIRED',
    note: 'a UNC path, its first backslashes escaped, the others not',
    text: String.raw`{"share": "\\server\share\file.txt"}`,
    want: { share: '\\\\server\\share\\file.txt' },
  },
  {
    id: 't12-str-15', category: STR, status: 'REPAIRED',
    note: 'a regex with \\s and \\b word boundaries, one \\b right before the closing quote',
    text: String.raw`{"re": "\s+\bword\b"}`,
    want: { re: '\\s+\\bword\\b' },
  },

  // ---------------------------------------------------------------- pasted transcripts
  {
    id: 't12-trans-01', category: TRANS, status: 'VALID',
    text: 'User: Give me JSON for Ada.\nAssistant: {"name": "Ada", "born": 1815}',
    want: { name: 'Ada', born: 1815 },
  },
  {
    id: 't12-trans-02', category: TRANS, status: 'VALID',
    note: "the user's template, then the assistant's answer",
    text: 'User: format as JSON {"name": "?"}\nAssistant: {"name": "Ada"}',
    want: { name: 'Ada' },
  },
  {
    id: 't12-trans-03', category: TRANS, status: 'VALID',
    text: `Human: Convert this: name=Bo, age=4\n\nAssistant: Sure!\n${F}json\n{"name": "Bo", "age": 4}\n${F}\n\nHuman: thanks`,
    want: { name: 'Bo', age: 4 },
  },
  {
    id: 't12-trans-04', category: TRANS, status: 'VALID',
    text: 'Q: What JSON does the API return?\nA: {"ok": true, "data": []}',
    want: { ok: true, data: [] },
  },
  {
    id: 't12-trans-05', category: TRANS, status: 'VALID',
    note: 'Alpaca format: the instruction holds a template',
    text: '### Instruction:\nReturn {"id": <number>}\n\n### Response:\n{"id": 12}',
    want: { id: 12 },
  },
  {
    id: 't12-trans-06', category: TRANS, status: 'VALID',
    text: 'USER: {"task": "sum", "numbers": [1, 2]}\nASSISTANT: {"result": 3}',
    want: { result: 3 },
  },
  {
    id: 't12-trans-07', category: TRANS, status: 'VALID',
    note: 'a quoted chat',
    text: "> User: can you fix my JSON? {name: 'x'}\n> Bot: Here: {\"name\": \"x\"}",
    want: { name: 'x' },
  },
  {
    id: 't12-trans-08', category: TRANS, status: 'VALID',
    note: 'two turns: the last reply is what the user pasted it for',
    text: 'system: Reply in JSON.\nuser: weather in Oslo?\nassistant: {"city": "Oslo", "temp": -3}\nuser: and Bergen?\nassistant: {"city": "Bergen", "temp": 4}',
    want: { city: 'Bergen', temp: 4 },
    alsoOk: [{ city: 'Oslo', temp: -3 }],
  },
  {
    id: 't12-trans-09', category: TRANS, status: 'VALID',
    note: 'a chat log with timestamps',
    text: '[10:02] ana: here\'s the payload {"id": 3}\n[10:03] bot: {"status": "queued", "id": 3}',
    want: { status: 'queued', id: 3 },
  },
  {
    id: 't12-trans-10', category: TRANS, status: 'TRUNCATED',
    text: 'User: list 3 colors as JSON\nAssistant: ["red", "green", "bl',
    want: ['red', 'green', 'bl'],
    alsoOk: [['red', 'green']],
  },
  {
    id: 't12-trans-11', category: TRANS, status: 'VALID',
    note: 'the answer is a schema',
    text: 'Me: what\'s the schema?\nGPT: {"type": "object", "properties": {"id": {"type": "integer"}}}',
    want: { type: 'object', properties: { id: { type: 'integer' } } },
  },
  {
    id: 't12-trans-12', category: TRANS, status: 'VALID',
    note: 'ChatGPT "copy conversation"',
    text: 'You said:\nturn this into json: Bo, 4\nChatGPT said:\n{\n  "name": "Bo",\n  "age": 4\n}',
    want: { name: 'Bo', age: 4 },
  },
  {
    id: 't12-trans-13', category: TRANS, status: 'VALID',
    note: 'turns in tags',
    text: '<user>give json</user>\n<assistant>{"a": 1}</assistant>',
    want: { a: 1 },
  },

  // ---------------------------------------------------------------- last candidate an example or schema
  {
    id: 't12-last-01', category: LAST, status: 'VALID',
    text: `Here is the result:\n${F}json\n{"id": 7, "name": "Kai"}\n${F}\nFor example, another record could look like:\n${F}json\n{"id": 8, "name": "Lu"}\n${F}`,
    want: { id: 7, name: 'Kai' },
  },
  {
    id: 't12-last-02', category: LAST, status: 'VALID',
    text: `${F}json\n{"score": 0.9}\n${F}\nThe schema is:\n${F}json\n{"type": "object", "properties": {"score": {"type": "number"}}}\n${F}`,
    want: { score: 0.9 },
  },
  {
    id: 't12-last-03', category: LAST, status: 'VALID',
    text: `Output:\n{"score": 0.9}\n\nThis matches the schema:\n${F}json\n{"type": "object", "properties": {"score": {"type": "number"}}}\n${F}`,
    want: { score: 0.9 },
  },
  {
    id: 't12-last-04', category: LAST, status: 'VALID',
    text: 'Result:\n{"city": "Lima"}\n\nExample of the expected format: {"city": "string"}',
    want: { city: 'Lima' },
  },
  {
    id: 't12-last-05', category: LAST, status: 'VALID',
    text: '{"name": "Ana"}\n\nIf you need the full format, it would be:\n{"name": "Ana", "email": "<email>"}',
    want: { name: 'Ana' },
  },
  {
    id: 't12-last-06', category: LAST, status: 'VALID',
    text: `The answer:\n{"ok": true}\n\nTypeScript type for reference:\n${F}ts\ntype R = { ok: boolean }\n${F}`,
    want: { ok: true },
  },
  {
    id: 't12-last-07', category: LAST, status: 'VALID',
    text: `Answer: {"total": 99}\n\nSample response from the docs:\n${F}json\n{"total": 0}\n${F}`,
    want: { total: 99 },
  },
  {
    id: 't12-last-08', category: LAST, status: 'VALID',
    text: `Here's the data:\n${F}json\n[{"sku": "A"}]\n${F}\nEach item follows this shape:\n${F}json\n{"sku": "string", "qty": "integer"}\n${F}`,
    want: [{ sku: 'A' }],
  },
  {
    id: 't12-last-09', category: LAST, status: 'VALID',
    text: 'Response:\n{"lat": 59.9, "lon": 10.7}\nGeneric form: {"lat": <number>, "lon": <number>}',
    want: { lat: 59.9, lon: 10.7 },
  },
  {
    id: 't12-last-10', category: LAST, status: 'VALID',
    text: 'Here you go:\n{"user": {"id": 1}}\n\nJSON Schema:\n{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}',
    want: { user: { id: 1 } },
  },
  {
    id: 't12-last-11', category: LAST, status: 'VALID',
    text: 'Data:\n{"n": 5}\n\ne.g. {"n": 10} would mean ten.',
    want: { n: 5 },
  },
  {
    id: 't12-last-12', category: LAST, status: 'VALID',
    note: 'a fuller record offered after the answer',
    text: `Extracted:\n${F}json\n{"title": "Dune", "year": 1965}\n${F}\n\nA fuller record might include:\n${F}json\n{"title": "Dune", "year": 1965, "author": "Frank Herbert"}\n${F}`,
    want: { title: 'Dune', year: 1965 },
  },
  {
    id: 't12-last-13', category: LAST, status: 'VALID',
    text: `${F}json\n{"a": 1}\n${F}\n\nUsage example:\n${F}bash\ncurl -d '{"a": 2}' http://x\n${F}`,
    want: { a: 1 },
  },
  {
    id: 't12-last-14', category: LAST, status: 'VALID',
    note: 'the template first, then the filled-in value',
    text: 'Use this template:\n{"name": "...", "age": 0}\n\nFilled in:\n{"name": "Ana", "age": 30}',
    want: { name: 'Ana', age: 30 },
  },
  {
    id: 't12-last-15', category: LAST, status: 'VALID',
    text: 'For example: {"q": "cats"}\nYour query: {"q": "dogs"}\nAnother example: {"q": "birds"}',
    want: { q: 'dogs' },
  },

  // ---------------------------------------------------------------- no answer
  {
    id: 't12-none-01', category: NONE, status: 'FAILED',
    text: "I'm sorry, but I can't help with that request.",
    want: null,
  },
  {
    id: 't12-none-02', category: NONE, status: 'FAILED',
    text: 'The JSON format uses key-value pairs wrapped in curly braces.',
    want: null,
  },
  {
    id: 't12-none-03', category: NONE, status: 'FAILED',
    text: 'Sure! What fields should the JSON contain?',
    want: null,
  },
  {
    id: 't12-none-04', category: NONE, status: 'FAILED',
    text: `${F}python\nprint('hello')\n${F}`,
    want: null,
  },
  {
    id: 't12-none-05', category: NONE, status: 'FAILED',
    text: 'Error: rate limit exceeded (429). Please retry.',
    want: null,
  },
  {
    id: 't12-none-06', category: NONE, status: 'FAILED',
    text: 'I cannot produce {that} without more data.',
    want: null,
  },
  {
    id: 't12-none-07', category: NONE, status: 'FAILED',
    note: 'a ReAct final answer that is a question',
    text: 'Thought: I should ask the user.\nFinal Answer: Could you specify the city?',
    want: null,
  },
  {
    id: 't12-none-08', category: NONE, status: 'FAILED',
    text: "<answer>I don't know.</answer>",
    want: null,
  },
  {
    id: 't12-none-09', category: NONE, status: 'FAILED',
    text: 'Set-Cookie: a=1; Path=/\n\n(empty body)',
    want: null,
  },
];
