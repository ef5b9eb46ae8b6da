/**
 * An artifact larger than the store's per-artifact bound is stored cut, never dropped: the largest
 * strings (raw / repaired content, reasoning, tool-call arguments, …, of every choice) keep their head and tail with a
 * marker where text was removed, the longest lists (repairs, stripped spans, errors) keep their first and
 * last entries, and an error entry with code `artifact_truncated` says what was cut and how big the
 * artifact was. The caller's object is never changed.
 */
import type { Artifact } from '../../shared/protocol';

export const TRUNCATED_CODE = 'artifact_truncated';
/** Room kept for the markers and the error entry when deciding how much to cut (at most 1/8 of the bound). */
const RESERVE = 2048;
const MAX_ROUNDS = 12;

export function cutMarker(removed: number): string {
  return `\n[… ${removed} characters cut by the StreamFix artifact store …]\n`;
}

type Holder = Record<string, unknown>;
interface Candidate {
  holder: Holder;
  key: string;
  label: string;
  bytes: number;
}

function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v));
}

/** The fields that can be cut, with their serialized sizes. */
function candidates(a: Holder): Candidate[] {
  const out: Candidate[] = [];
  const add = (holder: Holder, key: string, label: string) => {
    const v = holder[key];
    if (typeof v === 'string' || Array.isArray(v) || (key === 'usage' && v !== null && typeof v === 'object')) out.push({ holder, key, label, bytes: jsonBytes(v) });
  };
  // choice 0 (the artifact's own fields) and each later choice (`choices`) are cut alike
  const choice = (c: Holder, at: string, keys: string[]) => {
    for (const k of keys) add(c, k, at + k);
    const tools = c.toolCalls as Holder[];
    if (Array.isArray(tools)) {
      tools.forEach((t, i) => {
        for (const k of ['rawArguments', 'repairedArguments', 'name', 'id', 'repairs']) add(t, k, `${at}toolCalls[${i}].${k}`);
      });
    }
  };
  choice(a, '', ['rawContent', 'repairedContent', 'reasoning', 'finishReason', 'model', 'repairs', 'stripped', 'errors', 'usage', 'toolCalls']);
  const later = a.choices as Holder[] | undefined;
  // the list itself is no candidate: a choice is cut in its texts, never dropped
  if (Array.isArray(later)) {
    later.forEach((c, k) => choice(c, `choices[${k}].`, ['rawContent', 'repairedContent', 'reasoning', 'finishReason', 'repairs', 'stripped', 'toolCalls']));
  }
  return out;
}

/** `s` without `removed` characters from its middle (never splitting a surrogate pair), marked. */
function cutString(s: string, removed: number): string {
  const keep = Math.max(0, s.length - removed);
  let head = Math.ceil(keep / 2);
  let tail = s.length - (keep - head);
  if (head > 0 && isHigh(s.charCodeAt(head - 1))) head--;
  if (tail < s.length && isLow(s.charCodeAt(tail))) tail++;
  return s.slice(0, head) + cutMarker(tail - head) + s.slice(tail);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function cutArray(list: unknown[], removeBytes: number, totalBytes: number): unknown[] {
  const per = Math.max(1, totalBytes / Math.max(1, list.length));
  const remove = Math.min(list.length, Math.max(1, Math.ceil(removeBytes / per)));
  const head = Math.floor((list.length - remove) / 2);
  return [...list.slice(0, head), ...list.slice(head + remove)];
}

/**
 * `artifact` cut to at most `maxBytes` of JSON, with its JSON text; the same object and `text` when it
 * fits. `text` is JSON.stringify(artifact), passed in because the caller has it already.
 */
export function trimArtifact(artifact: Artifact, text: string, maxBytes: number): { artifact: Artifact; text: string } {
  const original = Buffer.byteLength(text);
  if (original <= maxBytes) return { artifact, text };
  // shallow copies are enough: strings are immutable and every cut list is replaced, never changed
  const copyChoice = <C extends { toolCalls?: unknown[] }>(c: C): C => ({ ...c, toolCalls: (c.toolCalls ?? []).map((t) => ({ ...(t as object) })) });
  const copy = { ...copyChoice(artifact), ...(artifact.choices ? { choices: artifact.choices.map(copyChoice) } : {}) } as unknown as Holder;
  const reserve = Math.min(RESERVE, Math.floor(maxBytes / 8));
  const cut: string[] = [];
  const note = { message: '', code: TRUNCATED_CODE };
  (copy.errors as unknown[]) = [...((copy.errors as unknown[]) ?? []), note];
  let size = original;
  for (let round = 0; round < MAX_ROUNDS && size + reserve > maxBytes; round++) {
    const c = candidates(copy)
      .filter((x) => x.holder !== copy || x.key !== 'errors' || (copy.errors as unknown[]).length > 1)
      .sort((x, y) => y.bytes - x.bytes)[0];
    if (!c || c.bytes <= 64) break;
    const excess = size + reserve - maxBytes;
    const v = c.holder[c.key];
    if (typeof v === 'string') c.holder[c.key] = cutString(v, Math.min(v.length, excess));
    else if (Array.isArray(v)) c.holder[c.key] = c.key === 'errors' && c.holder === copy ? [...cutArray(v.slice(0, -1), excess, c.bytes), note] : cutArray(v, excess, c.bytes);
    else c.holder[c.key] = null;
    if (!cut.includes(c.label)) cut.push(c.label);
    note.message = describe(original, maxBytes, cut);
    size = jsonBytes(copy);
  }
  note.message = describe(original, maxBytes, cut);
  const out = JSON.stringify(copy);
  if (Buffer.byteLength(out) <= maxBytes) return { artifact: copy as unknown as Artifact, text: out };
  const bare = skeleton(artifact, original, maxBytes);
  return { artifact: bare, text: JSON.stringify(bare) };
}

function describe(original: number, maxBytes: number, cut: string[]): string {
  return `The artifact was ${original} bytes, over the store's per-artifact bound of ${maxBytes}: cut ${cut.join(', ') || 'nothing'} (head and tail kept)`;
}

/** Last resort when cutting fields is not enough (a bound smaller than the fixed fields): the summary
 * fields only, every content field empty. */
function skeleton(a: Artifact, original: number, maxBytes: number): Artifact {
  return {
    id: a.id,
    createdAt: String(a.createdAt).slice(0, 64),
    model: String(a.model).slice(0, 200),
    mode: a.mode,
    requestedMode: a.requestedMode,
    stream: a.stream,
    status: a.status,
    rawContent: '',
    repairedContent: null,
    reasoning: '',
    repairs: [],
    stripped: [],
    toolCalls: [],
    finishReason: null,
    usage: null,
    timings: a.timings,
    chunks: a.chunks,
    stuttering: a.stuttering,
    errors: [{ message: `The artifact was ${original} bytes, over the store's per-artifact bound of ${maxBytes}: only its summary is kept`, code: TRUNCATED_CODE }],
  };
}
