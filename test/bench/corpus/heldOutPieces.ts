/**
 * Pieces for the held-out corpus (heldOut.ts): answer values, drafts made from them, reasoning in
 * several models' styles, retractions, and the ways an answer is rendered. Nothing here contains a
 * brace, a bracket, a backtick or a tag unless it means to, so the expected value is known by
 * construction.
 */

export type Rand = () => number;
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const chance = (r: Rand, p: number): boolean => r() < p;

const WORDS = ['Oslo', 'Lyon', 'Kyoto', 'Acme Corp', 'Grace', 'widget', 'refund', 'billing', 'draft', 'Montréal', 'São Paulo', '東京', 'Zürich', 'ok 👍', 'north-east'];
const KEYS: [string, (r: Rand) => Json][] = [
  ['name', (r) => pick(r, WORDS)],
  ['city', (r) => pick(r, WORDS)],
  ['id', (r) => Math.floor(r() * 10000)],
  ['status', (r) => pick(r, ['open', 'closed', 'pending', 'done'])],
  ['tags', (r) => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ['urgent', 'billing', 'travel', 'food', 'new']))],
  ['price', (r) => Math.round(r() * 100000) / 100],
  ['enabled', (r) => chance(r, 0.5)],
  ['count', (r) => Math.floor(r() * 50)],
  ['unit', (r) => pick(r, ['celsius', 'kg', 'EUR', 'minutes'])],
  ['date', (r) => `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`],
  ['note', (r) => (chance(r, 0.5) ? null : pick(r, ['call back', 'see ticket', 'ça va']))],
  ['owner', (r) => ({ login: pick(r, ['ada', 'kim', 'li']), verified: chance(r, 0.5) })],
  ['items', (r) => Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({ sku: `K-${i + 1}`, qty: 1 + Math.floor(r() * 4) }))],
];

/** Strings that hold reasoning tags or harmony markers: text, not reasoning (issue 8 §3). */
const TAG_TEXTS = ['use <think> tags', 'ends with </think>', '<thinking>{{x}}</thinking>', 'stop at <|end|>', '</REASONING>', '<thought id="1">'];

/** An answer: an object of 2–5 members, or sometimes an array of such objects. With `tagText`, one
 * member's string holds a literal tag. */
export function answerValue(r: Rand, tagText = false): Json {
  const obj = (): { [k: string]: Json } => {
    const out: { [k: string]: Json } = {};
    const n = 2 + Math.floor(r() * 4);
    while (Object.keys(out).length < n) {
      const [k, gen] = pick(r, KEYS);
      out[k] = gen(r);
    }
    if (tagText) out.template = pick(r, TAG_TEXTS);
    return out;
  };
  return chance(r, 0.15) ? [obj(), obj()] : obj();
}

/** A draft of the answer that differs from it: a member dropped, a value changed, or a list of one.
 * Drafts hold no tag text (a model thinking aloud about a template is another family of input). */
export function draftOf(r: Rand, a: Json): Json {
  if (Array.isArray(a)) return [draftOf(r, a[0])].flat();
  const o = Object.fromEntries(Object.entries(a as { [k: string]: Json }).filter(([k]) => k !== 'template'));
  const keys = Object.keys(o);
  const kind = Math.floor(r() * 3);
  if (kind === 0) return Object.fromEntries(keys.slice(0, keys.length - 1).map((k) => [k, o[k]]));
  if (kind === 1) return { ...o, [keys[0]]: typeof o[keys[0]] === 'number' ? (o[keys[0]] as number) + 1 : 'TODO' };
  return [Object.fromEntries([[keys[0], o[keys[0]]]])];
}

/** JSON text in one of the spacings models use; pretty text has no trailing newline. */
export function render(r: Rand, v: Json, style = pick(r, ['compact', 'spaced', 'pretty'] as const)): string {
  if (style === 'pretty') return JSON.stringify(v, null, 2);
  const text = JSON.stringify(v);
  return style === 'compact' ? text : spaced(v);
}

function spaced(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(spaced).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${spaced(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

/** The answer as models get it wrong, meaning the same value: unquoted keys, Python literals, a trailing
 * comma (objects and arrays as `spaced` renders them; no string here holds `"word": ` or `: true`). */
export function renderDefective(r: Rand, v: Json): string {
  let text = spaced(v);
  if (chance(r, 0.6)) text = text.replace(/"([A-Za-z_][A-Za-z0-9_]*)": /g, '$1: ');
  if (chance(r, 0.5)) text = text.replace(/: (true|false|null)(?=[,}\]])/g, (_, w: string) => `: ${{ true: 'True', false: 'False', null: 'None' }[w]}`);
  if (chance(r, 0.6) || text === spaced(v)) text = text.replace(/([}\]])$/, ',$1');
  return text;
}

export const STYLES = ['r1', 'qwq', 'claude', 'o-series', 'r1-zh', 'qwen3'] as const;
export type Style = (typeof STYLES)[number];

const OPENERS: Record<Style, string[]> = {
  r1: ['Okay, so the user wants a JSON object for this request.', 'Alright, let me figure out what the user is asking for.'],
  qwq: ["Okay, let's see. The user wants structured output.", 'Hmm, the user is asking for data in JSON.'],
  claude: ['The user is asking for the record as JSON. Let me work out the fields.', 'I need to produce JSON with the fields they listed.'],
  'o-series': ['**Clarifying the request**\n\nThe user needs a JSON record.', '**Planning the output**\n\nI should return JSON only.'],
  'r1-zh': ['好的，用户需要一个JSON对象。', '嗯，用户想要结构化的输出。'],
  qwen3: ['Okay, let me start by understanding what the user needs here.', 'First, I need to parse the request carefully.'],
};
const FILLERS: Record<Style, string[]> = {
  r1: ['Let me double-check the fields.', 'The user mentioned the details earlier.', 'That should cover everything.'],
  qwq: ['Alternatively, the fields could be ordered differently.', 'But wait, is every value right?', 'So that seems correct.'],
  claude: ["I'll keep the field names as given.", 'The values come from the message above.'],
  'o-series': ['**Checking constraints**\n\nEvery field must be filled.', '**Finalizing**\n\nThe values look consistent.'],
  'r1-zh': ['让我再检查一下字段。', '这样应该就可以了。'],
  qwen3: ['Let me verify each field against the message.', 'I think that covers it, but let me make sure.'],
};
/** Reasoning that holds braces and brackets that are no JSON at all, in any style. */
const NOISE = [
  'The set {1, 2, 3} has three elements, so the count is 3.',
  'On the interval [0, 1] the ratio is fine.',
  'Placeholders like {name} and {city} get filled in from the message.',
  'An empty list [] would mean no tags at all.',
  'The format is key: value, one per field.',
  "The user wrote 'quick' in quotes, which is just emphasis.",
];
const RETRACTIONS = ['No wait, that is not right.', 'Hmm, that is wrong.', "That's not quite it.", 'No, that is not what they asked.', 'Wait, let me fix that.', 'Actually, no.'];

/** Reasoning text in `style` with one or two drafts of `a`, each followed by a retraction. */
export function reasoningWithDrafts(r: Rand, style: Style, a: Json): string {
  const parts = [pick(r, OPENERS[style])];
  const drafts = 1 + Math.floor(r() * 2);
  for (let i = 0; i < drafts; i++) {
    parts.push(draftSentence(r, draftOf(r, a)));
    if (chance(r, 0.5)) parts.push(pick(r, FILLERS[style]));
    if (chance(r, 0.3)) parts.push(pick(r, NOISE));
  }
  return parts.join(pick(r, [' ', '\n', '\n\n']));
}

/** A draft as models write one while thinking, then its retraction. */
export function draftSentence(r: Rand, d: Json): string {
  const retract = pick(r, RETRACTIONS);
  switch (Math.floor(r() * 7)) {
    case 0:
      return `Let me sketch it: ${render(r, d, 'spaced')} ${retract}`;
    case 1:
      return `Something like ${render(r, d, 'compact')}? ${retract}`;
    case 2:
      return `Draft:\n\`\`\`json\n${render(r, d)}\n\`\`\`\n${retract}`;
    case 3:
      return `Maybe \`${render(r, d, 'compact')}\`? ${retract}`;
    case 4:
      return `First attempt:\n${render(r, d, 'pretty')}\n${retract}`;
    case 5: {
      // Python-style quotes; the answer values hold no apostrophe or double quote.
      const py = render(r, d, 'spaced').replace(/"/g, "'");
      return `In Python terms it is ${py}. ${retract}`;
    }
    default: {
      // Abandoned after a complete member or element (models break off between values, not inside a
      // string); a draft with no comma is abandoned right after its opening bracket.
      const text = render(r, d, 'compact');
      const comma = text.lastIndexOf(',', Math.floor(text.length / 2));
      return `Start: ${text.slice(0, comma > 0 ? comma + 1 : 1)} — hmm, let me restart.`;
    }
  }
}

/** How the answer text is presented: `before` + JSON + `after`; `cuttable` when the JSON ends the text
 * in the presentation's cut form (an unclosed fence or nothing after). */
export interface Presentation {
  name: string;
  before: string;
  after: string;
}
export const PRESENTATIONS: Presentation[] = [
  { name: 'bare', before: '\n\n', after: '' },
  { name: 'same line', before: '', after: '\n' },
  { name: 'json fence', before: '\n\n```json\n', after: '\n```' },
  { name: 'bare fence', before: '\n```\n', after: '\n```\n' },
  { name: 'prose and fence', before: '\n\nHere is the JSON:\n\n```json\n', after: '\n```\n\nLet me know if you need changes.' },
  { name: 'prose before', before: '\n\nSure! Here it is:\n\n', after: '' },
  { name: 'prose after', before: '\n\n', after: '\n\nThis includes every field you asked for.' },
  { name: 'heading and bare fence', before: '\n\n### Result\n\n```\n', after: '\n```\n' },
  { name: 'JSON fence upper case', before: '\n```JSON\n', after: '\n```' },
  { name: 'tabs and spaces', before: '\t\n\n  ', after: '  \n' },
];
