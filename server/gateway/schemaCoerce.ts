/**
 * The safe coercions of `x-streamfix-schema: coerce`: only where a schema's `type` makes the meaning
 * unambiguous, and only by rewriting the value's own text, so each one is an edit with a position.
 *
 *   "42"    -> 42      for `integer` (digits only, a safe integer) or `number` (JSON number spelling)
 *   "true"  -> true    for `boolean` (exactly "true" / "false")
 *   v       -> [v]     for `array`, when v is not an array and not null
 *
 * Never: a missing required property (never invented), a value under anyOf / oneOf / not / if / then /
 * else / contains (which branch is meant is not known), a type error with more than one possible
 * coercion, anything else ("4 apples", "1e400", "yes", null). One pass: a coercion that makes a new error
 * (a wrapped "42" in an array of integers) is reported, not coerced again.
 */
import type { ErrorObject } from 'ajv';
import { REPAIR_MESSAGES } from '../../shared/engine/messages';
import type { Repair, Stripped } from '../../shared/engine';

export interface Coercion {
  /** JSON pointer of the value (ajv's instancePath). */
  path: string;
  /** The value's span in the text it was found in. */
  start: number;
  end: number;
  replacement: string;
}

/** Schema paths under these keywords do not say which type is meant. */
const AMBIGUOUS = /\/(anyOf|oneOf|not|if|then|else|contains)(\/|$)/;
const INTEGER = /^-?(0|[1-9]\d*)$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The coercion text for `value` given the types the schema allows, or null when none or several fit. */
export function coerceText(value: unknown, valueText: string, types: string[]): string | null {
  const fits: string[] = [];
  if (typeof value === 'string') {
    if (types.includes('integer') && INTEGER.test(value) && Number.isSafeInteger(Number(value))) fits.push(value);
    else if (types.includes('number') && NUMBER.test(value) && Number.isFinite(Number(value))) fits.push(value);
    if (types.includes('boolean') && (value === 'true' || value === 'false')) fits.push(value);
  }
  if (types.includes('array') && !Array.isArray(value) && value !== null) fits.push(`[${valueText}]`);
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * The coercions ajv's type errors allow in `text` (valid JSON), and the text with them applied.
 * `accept(start, end)` may refuse a span (one the caller cannot record as an edit of its input).
 */
export function findCoercions(text: string, errors: ErrorObject[], accept: (start: number, end: number) => boolean = () => true): { text: string; coercions: Coercion[] } {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword !== 'type') continue;
    const list = byPath.get(e.instancePath);
    if (list) list.push(e);
    else byPath.set(e.instancePath, [e]);
  }
  const found: Coercion[] = [];
  for (const [path, errs] of byPath) {
    // two type errors at one place (allOf, $ref + type): the schema pulls two ways
    if (errs.length !== 1 || AMBIGUOUS.test(errs[0]!.schemaPath)) continue;
    const t = (errs[0]!.params as { type?: unknown }).type;
    const types = Array.isArray(t) ? t.map(String) : String(t).split(',');
    const span = valueSpan(text, path);
    if (span === null) continue;
    const valueText = text.slice(span.start, span.end);
    const replacement = coerceText(JSON.parse(valueText), valueText, types);
    if (replacement === null || !accept(span.start, span.end)) continue;
    found.push({ path, start: span.start, end: span.end, replacement });
  }
  // nested spans (a value inside one being wrapped) cannot both be edits: the outer one wins
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const coercions: Coercion[] = [];
  for (const c of found) if (coercions.length === 0 || c.start >= coercions[coercions.length - 1]!.end) coercions.push(c);
  let out = '';
  let at = 0;
  for (const c of coercions) {
    out += text.slice(at, c.start) + c.replacement;
    at = c.end;
  }
  return { text: out + text.slice(at), coercions };
}

/** The span of the value at JSON pointer `path` in valid JSON `text` (the last of duplicate keys, as
 * JSON.parse keeps), or null when there is none. */
export function valueSpan(text: string, path: string): { start: number; end: number } | null {
  const tokens = path === '' ? [] : path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = skipWs(text, 0);
  for (const token of tokens) {
    const c = text[i];
    if (c === '{') {
      let found = -1;
      i = skipWs(text, i + 1);
      while (text[i] === '"') {
        const keyEnd = skipValue(text, i);
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skipWs(text, skipWs(text, keyEnd) + 1); // past the colon
        if (key === token) found = i;
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (found < 0) return null;
      i = found;
    } else if (c === '[') {
      if (!/^\d+$/.test(token)) return null;
      let n = Number(token);
      i = skipWs(text, i + 1);
      while (n > 0 && text[i] !== ']') {
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
        n--;
      }
      if (text[i] === ']' || i >= text.length) return null;
    } else return null;
  }
  return { start: i, end: skipValue(text, i) };
}

function skipWs(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** The end of the value starting at `i` (valid JSON). */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    for (i++; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return i;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text[i];
      if (d === '"') i = skipValue(text, i) - 1;
      else if (d === '{' || d === '[') depth++;
      else if ((d === '}' || d === ']') && --depth === 0) return i + 1;
    }
    return i;
  }
  while (i < text.length && !',]} \n\r\t'.includes(text[i]!)) i++;
  return i;
}

/**
 * Maps spans of the engine's output back to its input: the output is the input with the repairs and
 * stripped spans applied (and surrounding whitespace trimmed). A span maps only when it was copied from
 * the input unchanged, so a coercion there is one more edit that does not overlap the engine's own.
 */
export class OutputMap {
  private readonly edits: { offset: number; length: number; text: string }[];
  /** Output offset 0 is this offset in the edited text (whitespace the engine trims at the start); -1
   * when the output is not the edited text (nothing maps). */
  private readonly lead: number;

  constructor(
    private readonly input: string,
    repairs: readonly Repair[],
    stripped: readonly Stripped[],
    output: string,
  ) {
    this.edits = [...repairs.map((r) => ({ offset: r.offset, length: r.length, text: r.replacement })), ...stripped.map((s) => ({ offset: s.offset, length: s.length, text: '' }))].sort(
      (a, b) => a.offset - b.offset || a.length - b.length,
    );
    let edited = '';
    let pos = 0;
    for (const e of this.edits) {
      edited += input.slice(pos, Math.max(pos, e.offset)) + e.text;
      pos = Math.max(pos, e.offset + e.length);
    }
    edited += input.slice(pos);
    // the output starts where the edited text does, or after its leading whitespace
    const trimmed = edited.length - edited.trimStart().length;
    this.lead = edited.startsWith(output) ? 0 : edited.startsWith(output, trimmed) ? trimmed : -1;
  }

  /** The input offset of output span [start, end), or null when the span is not a verbatim copy. */
  toInput(start: number, end: number): number | null {
    if (this.lead < 0) return null;
    const s = start + this.lead;
    const e = end + this.lead;
    let inPos = 0;
    let edPos = 0;
    for (const edit of [...this.edits, { offset: this.input.length, length: 0, text: '' }]) {
      const copied = Math.max(0, edit.offset - inPos);
      if (s >= edPos && e <= edPos + copied) return inPos + (s - edPos);
      edPos += copied + edit.text.length;
      inPos = Math.max(inPos, edit.offset + edit.length);
      if (edPos > e) return null;
    }
    return null;
  }
}

export const COERCION_MESSAGE = REPAIR_MESSAGES.schema_coercion;

/** A coercion as a repair of the engine's input (`offset` from OutputMap.toInput). */
export function coercionRepair(input: string, offset: number, c: Coercion): Repair {
  const before = input.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { kind: 'schema_coercion', offset, length: c.end - c.start, line, column, replacement: c.replacement, message: COERCION_MESSAGE };
}
