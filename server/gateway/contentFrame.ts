/**
 * The fast path for the chunk shape that makes up almost every streamed answer: one choice, a delta
 * holding `content` and nothing the gateway acts on. Such chunks of one stream share their text up to
 * the content value (id, provider, model, created, `"choices":[{"index":0,"delta":{"content":`): that
 * text is the *frame*. A chunk that starts with a known frame needs no JSON.parse of the whole event:
 * the content literal is decoded on its own and the rest (the suffix) is checked by parsing it behind a
 * tiny synthetic frame.
 *
 * Why this is safe (the result equals the full parse, byte for byte):
 * - The frame was verified once: `frame + '""}}]}'` parses, so the frame ends inside root object >
 *   `choices` array > its first element > `delta` object, right after the key `content`; its members
 *   (parsed there) hold no finish_reason, usage, error, tool calls, reasoning, no index but 0, and no
 *   other `"content"` anywhere.
 * - The literal is scanned to its unescaped closing quote and must parse as a JSON string.
 * - The suffix must match SUFFIX: members with scalar values (strings without escapes), no whitespace,
 *   closing exactly the delta, the choice, the choices array and the chunk. So frame + literal + suffix
 *   is valid JSON with exactly that nesting, and a member the full path acts on is visible as text: it
 *   must be absent (content, reasoning, tool calls, delta, choices, error) or have the plain value
 *   (finish_reason null, index 0, usage null). A duplicate key cannot override the frame's members
 *   with anything else (JSON.parse keeps the last), and the literal is the only `"content":` of the
 *   chunk (the splice needs that). Template fields in the suffix are parsed (rare).
 * Anything else returns null and the caller takes the full-parse path.
 */
type Json = Record<string, unknown>;

/** Top-level fields the rewriter copies into the chunks it makes up (closers), in this order. */
export const TEMPLATE_KEYS = ['id', 'object', 'created', 'model', 'provider', 'system_fingerprint'] as const;

export interface ContentFrame {
  /** The chunk text up to and including `"content":`. */
  prefix: string;
  /** The template fields the prefix sets. */
  values: Json;
  /** The last suffix head (delta's and choice's members through `}]`) that passed the checks: chunks of
   * one stream repeat it, so only the root's members after it need the regex (see matchFrame). */
  mid?: string;
  /** The hit matchFrame returns, reused for every chunk of the stream (read it before the next call). */
  hit?: FrameHit;
}

export interface FrameHit {
  /** The decoded content (the delta's text). */
  content: string;
  /** Where the content literal starts and ends (quotes included) in the chunk text. */
  start: number;
  end: number;
  /** The literal is exactly what JSON.stringify writes for `content`: its only escapes are the short ones
   * JSON.stringify uses (\" \\ \b \f \n \r \t), and it holds no surrogate code unit (JSON.stringify
   * escapes a lone one; a pair is rare enough to leave to the general check). */
  verbatim: boolean;
  /** The template fields of the chunk (prefix's, overridden by the suffix's). */
  values: Json;
}

const KEY = '"content":';

/**
 * A flat copy of `s` that holds nothing else alive. The frame's texts are compared with every chunk of
 * the stream: compared as built (a slice of the read they came in, which it would keep alive for the
 * whole stream, or a concatenation, which V8 walks piece by piece on each comparison) they cost twice
 * as much.
 */
function ownCopy(s: string): string {
  const joined = ' ' + s;
  // a numeric conversion makes V8 flatten the concatenation into one sequential string
  void ((joined as unknown as number) | 0);
  return joined.slice(1);
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The members of the first choice and its delta the fast path cannot take (the full path acts on them). */
function plainChoice(ch: unknown): ch is { delta: Json } {
  if (!isObject(ch) || !isObject(ch.delta)) return false;
  const d = ch.delta;
  return (ch.index === undefined || ch.index === 0) && ch.finish_reason == null && d.reasoning === undefined && d.reasoning_content === undefined && d.tool_calls === undefined;
}

function plainRoot(r: unknown): r is Json & { choices: [{ delta: Json }] } {
  return isObject(r) && r.error === undefined && r.usage == null && Array.isArray(r.choices) && r.choices.length === 1 && plainChoice(r.choices[0]);
}

/** The frame of a data text, when it has the fast path's shape; null otherwise. Costs one JSON.parse. */
export function frameOf(data: string): ContentFrame | null {
  const at = data.indexOf('"content"');
  if (at < 0 || !data.startsWith(KEY + '"', at) || data.indexOf('"content"', at + 1) >= 0) return null;
  const prefix = ownCopy(data.slice(0, at + KEY.length));
  const r = parse(prefix + '""}}]}');
  if (!plainRoot(r) || r.choices[0].delta.content !== '') return null;
  const values: Json = {};
  for (const k of TEMPLATE_KEYS) if (r[k] !== undefined) values[k] = r[k];
  return { prefix, values };
}

/**
 * JSON.stringify(s) for a string, cheaper for the short texts of deltas: a text with nothing to escape (no
 * control character, quote, backslash or surrogate) is quoted as it is, without the builtin's call;
 * any other goes to JSON.stringify. The same characters either way.
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c < 0xe000)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * The text of a JSON string literal's body data[from, to) (quotes excluded; no raw control characters,
 * checked by the caller), decoded as JSON.parse would, or null where JSON.parse would throw (an unknown
 * escape, a short or non-hex \u). Cheaper than JSON.parse on a copy for the short escaped literals of
 * content deltas. Each \u unit is taken as it is, lone surrogates included, as JSON.parse does.
 */
export function unescapeLiteral(data: string, from: number, to: number): string | null {
  let out = '';
  let run = from;
  for (let i = from; i < to; i++) {
    if (data.charCodeAt(i) !== 0x5c) continue;
    out += data.slice(run, i);
    const e = data[i + 1];
    if (e === 'u') {
      const hex = data.slice(i + 2, i + 6);
      if (i + 6 > to || !HEX4.test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else {
      const c = e === undefined || i + 1 >= to ? undefined : SIMPLE_ESCAPES[e];
      if (c === undefined) return null;
      out += c;
      i += 1;
    }
    run = i + 1;
  }
  return out + data.slice(run, to);
}

/** One member with a scalar value, no whitespace, strings without escapes: `,"key":value`. */
const MEMBER = String.raw`,"[^"\\\x00-\x1f]*":(?:null|true|false|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|"[^"\\\x00-\x1f]*")`;
/** The suffix: the delta's, the choice's and the chunk's remaining members, then their closers. */
const SUFFIX = new RegExp(`^((?:${MEMBER})*)\\}((?:${MEMBER})*)\\}\\]((?:${MEMBER})*)\\}$`);
/** Members the full path acts on; in the suffix they send the chunk there (finish_reason, index, usage unless as in a plain chunk). */
const DELTA_ACTS = /"(?:content|reasoning|reasoning_content|tool_calls)":/;
const CHOICE_ACTS = /"(?:delta|finish_reason":(?!null(?:,|$))|index":(?!0(?:,|$)))/;
const ROOT_ACTS = /"(?:choices|error|usage":(?!null(?:,|$)))/;
const ROOT_TEMPLATE = /"(?:id|object|created|model|provider|system_fingerprint)":/;
/** The root's remaining members and its closer, after a suffix head seen before (frame.mid). */
const ROOT_REST = new RegExp(`^(?:${MEMBER})*\\}$`);
/** The common case of the root's rest, read in place (sticky, no copy): members that are neither acted on
 * nor template fields (`"usage":null` allowed), then the root's closer ending the line. A rest that does not
 * match takes the checks above. */
const ROOT_PLAIN = new RegExp(
  String.raw`(?:,"usage":null|,"(?!(?:choices|error|usage|id|object|created|model|provider|system_fingerprint)")[^"\\\x00-\x1f]*":(?:null|true|false|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|"[^"\\\x00-\x1f]*"))*\}(?=\n|$)`,
  'y',
);

/**
 * Reads a chunk that starts with `frame.prefix`; null when it does not have the fast path's shape (the
 * hit returned is the frame's own object, refilled by the next call). The
 * chunk is `text[from, to)` (the whole text by default): the SSE reader hands over a data line inside
 * the read it came in, uncopied. Positions in the hit are positions in `text`.
 */
export function matchFrame(frame: ContentFrame, text: string, from = 0, to = text.length): FrameHit | null {
  const start = from + frame.prefix.length;
  if (start >= to || text.charCodeAt(start) !== 0x22) return null;
  let i = start + 1;
  let escaped = false;
  // false once the literal holds something JSON.stringify would write otherwise: an escape other than
  // the short ones it uses (\u, \/), or a surrogate code unit (it escapes a lone one; pairs are rare)
  let canonical = true;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      escaped = true;
      const e = text.charCodeAt(++i);
      // \" \\ \b \f \n \r \t
      if (e !== 0x22 && e !== 0x5c && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) canonical = false;
    } else if (c === 0x22) break;
    else if (c < 0x20) return null;
    else if (c >= 0xd800 && c < 0xe000) canonical = false;
  }
  if (i >= to) return null;
  const end = i + 1;
  const content = escaped ? unescapeLiteral(text, start + 1, i) : text.slice(start + 1, i);
  if (content === null) return null;
  let rootMembers: string;
  const mid = frame.mid;
  // (substring + === is much cheaper than startsWith in V8, see StreamRewriter.onData)
  if (mid !== undefined && end + mid.length < to && text.substring(end, end + mid.length) === mid) {
    // the same delta and choice members as a chunk checked before: only the root's rest is new
    const restAt = end + mid.length;
    if (restAt === to - 1) {
      // nothing after the choices but the root's closer (OpenRouter's usual chunk)
      if (text.charCodeAt(restAt) !== 0x7d) return null;
      rootMembers = '';
    } else {
      ROOT_PLAIN.lastIndex = restAt;
      if (ROOT_PLAIN.test(text) && ROOT_PLAIN.lastIndex === to) {
        // members the full path passes through untouched (a provider's own fields, a timestamp)
        rootMembers = '';
      } else {
        const rest = text.slice(restAt, to);
        if (!ROOT_REST.test(rest)) return null;
        rootMembers = rest.slice(0, -1);
      }
    }
  } else {
    const m = SUFFIX.exec(text.slice(end, to));
    if (m === null || DELTA_ACTS.test(m[1]!) || CHOICE_ACTS.test(m[2]!)) return null;
    frame.mid = ownCopy(`${m[1]!}}${m[2]!}}]`);
    rootMembers = m[3]!;
  }
  let values = frame.values;
  if (rootMembers !== '') {
    if (ROOT_ACTS.test(rootMembers)) return null;
    if (ROOT_TEMPLATE.test(rootMembers)) {
      const root = JSON.parse(`{${rootMembers.slice(1)}}`) as Json;
      values = { ...frame.values };
      for (const k of TEMPLATE_KEYS) if (root[k] !== undefined) values[k] = root[k];
    }
  }
  const hit = frame.hit;
  if (hit === undefined) return (frame.hit = { content, start, end, verbatim: canonical, values });
  hit.content = content;
  hit.start = start;
  hit.end = end;
  hit.verbatim = canonical;
  hit.values = values;
  return hit;
}
