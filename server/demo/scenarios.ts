/**
 * What each demo model answers: realistic LLM output showing one failure class each. The texts are data,
 * so tests compute the expected repaired output from them with the engine itself.
 */

export interface DemoToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface DemoScenario {
  id: string;
  description: string;
  /** Reasoning sent in OpenRouter's `reasoning` / `reasoning_details` fields before the content. */
  reasoning?: string;
  /** The raw content the model "writes". */
  content?: string;
  toolCalls?: DemoToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** Send cumulative content (every delta repeats all content so far), like some broken upstreams. */
  cumulative?: boolean;
}

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  {
    id: 'demo/clean',
    description: 'Valid JSON, nothing to repair (passes through byte for byte)',
    content: '{\n  "city": "Zürich",\n  "country": "Switzerland",\n  "population": 443037,\n  "landmarks": ["Grossmünster", "Lake Zürich"],\n  "weather": "🌤 mild"\n}',
    finishReason: 'stop',
  },
  {
    id: 'demo/reasoning-think',
    description: 'A <think> block (with braces and quotes inside) before the JSON, as DeepSeek-R1-style models write it',
    content:
      '<think>\nThe user wants a JSON object describing a book. I need "title", "author" and a list {of} tags.\nLet me make sure every brace } is balanced.\n</think>\n{"title": "Dune", "author": "Frank Herbert", "year": 1965, "tags": ["sci-fi", "desert", "épopée"]}',
    finishReason: 'stop',
  },
  {
    id: 'demo/fenced-prose',
    description: 'Reasoning fields, then prose around a ```json fence with trailing commas',
    reasoning: 'The user asked for a person record. I will answer in JSON with name, birth year, languages and a flag.',
    content:
      'Sure! Here is the JSON you asked for:\n\n```json\n{\n  "name": "Ada Lovelace",\n  "born": 1815,\n  "languages": ["English", "French",],\n  "active": false,\n}\n```\n\nLet me know if you need anything else!',
    finishReason: 'stop',
  },
  {
    id: 'demo/truncated',
    description: 'Output cut off by max_tokens (finish_reason "length") in the middle of a string',
    content: '{"items": [{"id": 1, "name": "Widget", "price": 9.99}, {"id": 2, "name": "Gadget", "price": 24.5}, {"id": 3, "name": "Gizmo — deluxe ed',
    finishReason: 'length',
  },
  {
    id: 'demo/tool-call-broken',
    description: 'Two parallel tool calls, streamed interleaved, with broken JSON arguments',
    toolCalls: [
      { id: 'call_weather_1', name: 'get_weather', arguments: "{location: 'Paris, France', unit: \"celsius\",}" },
      { id: 'call_search_2', name: 'search_web', arguments: '{"query": "best café in Lisbon", "limit": 3' },
    ],
    finishReason: 'tool_calls',
  },
  {
    id: 'demo/python-literals',
    description: 'Python literals and quotes: True, False, None, single quotes, a trailing comma',
    content: "{'user': 'grace', 'admin': True, 'suspended': False, 'manager': None, 'scores': [98, 87.5,]}",
    finishReason: 'stop',
  },
  {
    id: 'demo/stutter',
    description: 'An upstream that repeats all content so far in every delta, with a missing comma',
    content: '{"status": "ok", "count": 3 "items": ["a", "b", "c"]}',
    finishReason: 'stop',
    cumulative: true,
  },
];

/**
 * Models for the Messages API (/v1/messages routes Claude model names here in demo mode, see
 * anthropic/routing.ts): text, thinking and tool use rather than JSON to repair. Served and listed with
 * the others.
 */
export const MESSAGES_DEMO_SCENARIOS: readonly DemoScenario[] = [
  {
    id: 'demo/msg-text',
    description: 'Messages API: a plain text answer (ask with stop_sequences to see stop_reason "stop_sequence")',
    content: 'Hello from the StreamFix demo! This answer came through the Messages API.\n\nTry demo/msg-thinking for thinking blocks and demo/msg-tools for two parallel tool calls with broken input.',
    finishReason: 'stop',
  },
  {
    id: 'demo/msg-thinking',
    description: 'Messages API: reasoning in the reasoning field, then a <think> block in the content, then the answer',
    reasoning: 'The user wants a short greeting. I will keep it friendly and brief.',
    content: '<think>Double-check: no JSON was asked for, so plain text is right.</think>Hi! Here is a short, friendly greeting.',
    finishReason: 'stop',
  },
  {
    id: 'demo/msg-tools',
    description: 'Messages API: text, then two parallel tool calls streamed interleaved, one with broken input and one truncated',
    content: 'Let me check the weather and search the web at the same time.',
    toolCalls: [
      { id: 'call_weather_1', name: 'get_weather', arguments: "{location: 'Paris, France', unit: \"celsius\",}" },
      { id: 'call_search_2', name: 'search_web', arguments: '{"query": "best café in Lisbon", "limit": 3' },
    ],
    finishReason: 'tool_calls',
  },
];

/** Every model the demo upstream serves. */
export const ALL_DEMO_SCENARIOS: readonly DemoScenario[] = [...DEMO_SCENARIOS, ...MESSAGES_DEMO_SCENARIOS];

export function findScenario(model: string): DemoScenario | undefined {
  return ALL_DEMO_SCENARIOS.find((s) => s.id === model);
}

/** Awkward split sizes (in code points), cycled: cuts land inside keys, strings, escapes and tags. */
export const SPLIT_PATTERN = [3, 1, 7, 2, 5, 4, 9, 2, 6];

/** Splits `text` into pieces by code point (never inside a surrogate pair). */
export function splitText(text: string, chunkSize?: number): string[] {
  const cps = Array.from(text);
  const out: string[] = [];
  let i = 0;
  let k = 0;
  while (i < cps.length) {
    const n = chunkSize && chunkSize > 0 ? chunkSize : SPLIT_PATTERN[k++ % SPLIT_PATTERN.length]!;
    out.push(cps.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}
