/**
 * The held-out corpus: text the project has never seen. Each run of the benchmark writes new cases for
 * the three issue-8 categories from a fresh seed (printed with the table; `BENCH_SEED=n` repeats a
 * run), composing the pieces in heldOutPieces.ts at random: answers, drafts with retractions, reasoning
 * in several models' styles, tags and presentations, line endings. The engine cannot be tuned to these
 * texts, so their pass rate is the "never seen" figure (goal: ≥ 97% in every category).
 */
import { crlf, cutAnswer } from './caseKit';
import {
  answerValue,
  chance,
  draftOf,
  draftSentence,
  type Json,
  pick,
  PRESENTATIONS,
  type Rand,
  reasoningWithDrafts,
  render,
  renderDefective,
  STYLES,
} from './heldOutPieces';
import { rng } from '../docs';
import type { Case, Category, Expectation } from './types';

export const HELD_OUT_PER_CATEGORY = 60;

/** One generated case before line endings are chosen: the text before the answer, the answer's JSON
 * and the text after it; `cuttable` when the text may end inside the JSON (it is valid JSON, so the
 * truncation oracle applies), and `expected` when it is not simply the answer's value. */
interface Parts {
  what: string;
  before: string;
  json: string;
  after: string;
  value: Json;
  cuttable?: boolean;
  expected?: Expectation;
}

const CLOSERS = ['</think>', '</think>', '</thinking>', '</reasoning>'];

function untagged(r: Rand): Parts {
  const style = pick(r, STYLES);
  const value = answerValue(r);
  const close = pick(r, CLOSERS);
  let before = reasoningWithDrafts(r, style, value) + pick(r, ['\n', '', ' ', '\n\n']) + close;
  let what = `${style}, ${close}`;
  if (chance(r, 0.1)) {
    before += `\n\nWait, one more check. ${draftSentence(r, draftOf(r, value))}\n${close}`;
    what += ' twice';
  }
  const defective = !Array.isArray(value) && chance(r, 0.2);
  const json = defective ? renderDefective(r, value) : render(r, value);
  if (chance(r, 0.1)) {
    const call = { name: 'record', arguments: value };
    const callJson = render(r, call, 'spaced');
    return { what: `${what}, tool_call`, before: `${before}\n\n<tool_call>\n`, json: callJson, after: '\n</tool_call>', value: call };
  }
  const show = pick(r, PRESENTATIONS);
  return { what: `${what}, ${show.name}${defective ? ', needs repairs' : ''}`, before: before + show.before, json, after: show.after, value, cuttable: !defective };
}

/** Examples the answer is surrounded with: code spans, empty containers and values in sentences. The
 * last ones put a value on its own lines, so they stay out of cases whose answer is inside a sentence. */
const EXAMPLES: { name: string; make: (r: Rand, d: Json) => string }[] = [
  { name: 'code span', make: (r, d) => `The API expects a body like \`${render(r, d, 'compact')}\`.` },
  { name: 'empty {} and []', make: () => 'An empty object {} means nothing matched, and [] means no tags.' },
  { name: '[brackets] optional', make: () => 'Values in [brackets] are optional.' },
  { name: 'e.g. value', make: (r, d) => `Set defaults if needed (e.g. ${render(r, d, 'spaced')}).` },
  { name: 'wrap like [ {...} ]', make: () => 'If you need several, wrap them like [ {...}, {...} ].' },
  { name: 'value in a sentence', make: (r, d) => `Unlike the old format ${render(r, d, 'compact')}, this one is complete.` },
  { name: 'code span starting the text', make: (r, d) => `\`${render(r, d, 'compact')}\` is what the old endpoint returned.` },
  { name: 'numbered steps with a code span', make: (r, d) => `1. Start from \`{}\`.\n2. Add the fields, e.g. ${render(r, d, 'compact')}.\n3. Check the types.` },
  { name: '[ ] and { }', make: () => 'Use [ ] for lists and { } for objects.' },
  { name: 'Python dict in code spans', make: () => "Python's `dict` prints `{'a': 1}`; JSON needs double quotes." },
  { name: '{...} placeholder', make: () => 'The shape is {...} with one entry per row.' },
  { name: 'bracketed aside', make: () => "I can't browse the web [no internet access], but here is what you asked for." },
  { name: 'code span and [optional]', make: (r, d) => `Fields in \`${render(r, d, 'compact')}\` are [optional] unless marked.` },
  { name: 'markdown table', make: () => '| field | default |\n| --- | --- |\n| meta | {} |\n| tags | [] |' },
  { name: 'blockquoted example', make: (r, d) => `> Example: ${render(r, d, 'compact')}` },
  { name: 'bare-fenced example', make: (r, d) => `Example format:\n\`\`\`\n${render(r, d, 'pretty')}\n\`\`\`` },
  { name: 'retracted draft', make: (r, d) => draftSentence(r, d) },
];
/** How many of EXAMPLES come before the ones that stand on their own lines; the bare-fenced one. */
const INLINE_EXAMPLES = EXAMPLES.length - 3;
const BARE_FENCE_EXAMPLE = EXAMPLES.length - 2;
const ANSWER_LEADS = ['Here is the result:', 'Your JSON:', 'For your request:', 'Result:', 'Voici le résultat :'];
const FINAL_LEADS = ['So the final JSON is', 'The answer is', 'Putting it together:', 'Final:'];

function examples(r: Rand, value: Json): Parts {
  const mode = pick(r, ['json fence', 'json fence', 'own lines', 'own lines', 'last in a sentence'] as const);
  // Mixes where a reader could not tell the answer are left out: an example on its own lines (even
  // retracted) beside an answer inside a sentence, and a bare-fenced example beside an answer on its
  // own lines.
  const allowed = EXAMPLES.map((_, i) => i).filter((i) =>
    mode === 'last in a sentence' ? i < INLINE_EXAMPLES : mode === 'own lines' ? i !== BARE_FENCE_EXAMPLE : true,
  );
  const picked = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, allowed));
  const lead = picked.map((i) => EXAMPLES[i].make(r, draftOf(r, value))).join(pick(r, [' ', '\n', '\n\n']));
  const what = `${picked.map((i) => EXAMPLES[i].name).join(' + ')}; answer: ${mode}`;
  if (mode === 'last in a sentence') {
    const json = render(r, value, pick(r, ['compact', 'spaced'] as const));
    return { what, before: `${lead}\n${pick(r, FINAL_LEADS)} `, json, after: pick(r, ['', '.', '\n']), value };
  }
  const fenced = mode === 'json fence';
  const tail = chance(r, 0.3) ? `\n\nFor comparison, a minimal body is \`${render(r, draftOf(r, value), 'compact')}\`.` : '';
  return {
    what: what + (tail ? ', code span after' : ''),
    before: `${lead}\n${pick(r, ANSWER_LEADS)}\n\n${fenced ? '```json\n' : ''}`,
    json: render(r, value),
    after: (fenced ? '\n```' : '') + tail,
    value,
  };
}

const TAG_NAMES = ['think', 'thinking', 'reasoning', 'thought'];
const ATTRS = ['', '', ' type="internal"', ' id="r1"', " visible='false'"];
const casing = (r: Rand, s: string) => pick(r, [s, s.toUpperCase(), s[0].toUpperCase() + s.slice(1)]);

function formats(r: Rand): Parts {
  const value = answerValue(r, chance(r, 0.4));
  const name = casing(r, pick(r, TAG_NAMES));
  const thinking = reasoningWithDrafts(r, pick(r, STYLES), value);
  const json = render(r, value);
  const block = () => {
    const attrs = pick(r, ATTRS);
    return { tag: `<${name}${attrs}>`, text: `<${name}${attrs}>${pick(r, ['', '\n'])}${thinking}\n</${name}>` };
  };
  switch (Math.floor(r() * 9)) {
    case 0: {
      const b = block();
      return { what: `${b.tag} block`, before: `${b.text}\n\n`, json, after: '', value, cuttable: true };
    }
    case 1:
      return { what: `lone </${name}>`, before: `${thinking}\n</${name}>\n`, json, after: '', value, cuttable: true };
    case 2:
      return { what: `answer then unclosed <${name}>`, before: '', json, after: `\n<${name}>${thinking.slice(0, 40 + Math.floor(r() * 40))}`, value };
    case 3: {
      const b = block();
      const wrap = pick(r, ['answer', 'tool_call', 'result']);
      return { what: `${b.tag} block, <${wrap}> wrapper`, before: `${b.text}\n<${wrap}>\n`, json, after: `\n</${wrap}>`, value };
    }
    case 4: {
      const other = casing(r, pick(r, TAG_NAMES));
      const second = draftSentence(r, draftOf(r, value));
      return { what: `<${name}> and <${other}> blocks`, before: `<${name}>${thinking}</${name}>\n<${other}>${second}</${other}>\n`, json, after: '', value };
    }
    case 5: {
      const b = block();
      return { what: `lead-in, then ${b.tag}`, before: `Let me reason about this first.\n${b.text}\n`, json, after: '', value };
    }
    case 6:
      return { what: `unclosed <${name}>, only drafts`, before: `<${name}>${thinking}`, json: '', after: '', value, expected: { kind: 'failed' } };
    default:
      return harmony(r, value, thinking, json);
  }
}

function harmony(r: Rand, value: Json, thinking: string, json: string): Parts {
  const start = chance(r, 0.7) ? '<|start|>assistant' : '';
  const analysis = `${start}<|channel|>analysis<|message|>${thinking}<|end|>`;
  if (chance(r, 0.2)) {
    const fn = pick(r, ['get_weather', 'lookup', 'create_ticket']);
    return { what: `harmony commentary call to ${fn}`, before: `${analysis}<|start|>assistant<|channel|>commentary to=functions.${fn} <|constrain|>json<|message|>`, json, after: '<|call|>', value };
  }
  const end = pick(r, ['<|return|>', '<|end|>', '']);
  const prose = chance(r, 0.3);
  const before = `${analysis}<|start|>assistant<|channel|>final<|message|>${prose ? 'Here is the result:\n\n```json\n' : ''}`;
  return {
    what: `harmony${start ? '' : ' without <|start|>'}${prose ? ', prose and fence' : ''}, final ending ${end || 'at the end'}`,
    before,
    json,
    after: (prose ? '\n```' : '') + end,
    value,
    cuttable: true,
  };
}

/** Builds the case: line endings, and for some cases a cut inside the answer (the text ends there). */
function toCase(category: Category, i: number, r: Rand, p: Parts): Case {
  const nl = chance(r, 0.2) ? crlf : (s: string) => s;
  const crlfNote = nl === crlf ? ', CRLF' : '';
  const json = nl(p.json);
  if (p.expected) return { category, name: `#${i} ${p.what}${crlfNote}`, input: nl(p.before) + json + nl(p.after), expected: p.expected };
  if (p.cuttable && chance(r, 0.15)) {
    const cut = 1 + Math.floor(r() * (json.length - 1));
    return { category, name: `#${i} ${p.what}, cut at ${cut}${crlfNote}`, input: nl(p.before) + json.slice(0, cut), expected: cutAnswer(json, cut) };
  }
  return { category, name: `#${i} ${p.what}${crlfNote}`, input: nl(p.before) + json + nl(p.after), expected: { kind: 'value', value: p.value } };
}

/** The held-out cases of one run: HELD_OUT_PER_CATEGORY in each issue-8 category, from `seed`. */
export function heldOutCorpus(seed: number): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  for (let i = 0; i < HELD_OUT_PER_CATEGORY; i++) out.push(toCase('reasoning, no opening tag', i, r, untagged(r)));
  for (let i = 0; i < HELD_OUT_PER_CATEGORY; i++) out.push(toCase('examples in prose', i, r, examples(r, answerValue(r))));
  for (let i = 0; i < HELD_OUT_PER_CATEGORY; i++) out.push(toCase('reasoning formats', i, r, formats(r)));
  return out;
}

/** The seed of this run's held-out corpus: `BENCH_SEED` when set (to repeat a run), else a new one. */
export function heldOutSeed(): number {
  const fromEnv = process.env.BENCH_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 0) throw new Error(`BENCH_SEED must be a non-negative integer, got "${fromEnv}"`);
    return n;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
