/**
 * The safe coercions of `x-streamfix-schema: coerce`: only where a schema's `type` makes the meaning
 * unambiguous, and only by rewriting the value's own text, so each one is an edit with a position.
 *
 *   "42"    -> 42      for `integer` (digits only, a safe integer) or `number` (JSON number spelling)
 *   "true"  -> true    for `boolean` (exactly "true" / "false")
 *   v       -> [v]     for `array`, when v is a string, a number or a boolean
 *
 * Where: decided from the schema alone, at the value's first character (schemaPlan.ts), so a streamed
 * answer is coerced as it goes out, exactly as the same answer is coerced whole (ValueCoercer).
 * Never: a missing required property (never invented), a value under anyOf / oneOf / not / if / then /
 * else / contains / allOf (which branch is meant is not known), a type error with more than one possible
 * coercion, an object (not wrapped), anything else ("4 apples", "1e400", "yes", null), a value longer than
 * HELD_VALUE_LIMIT. One pass: a coercion that makes a new error (a wrapped "42" in an array of integers)
 * is reported, not coerced again.
 */
import { REPAIR_MESSAGES } from '../../shared/engine/messages';
import type { Repair, Stripped } from '../../shared/engine';
import { schemaPlan, type PlanNode } from './schemaPlan';

export interface Coercion {
  /** JSON pointer of the value. */
  path: string;
  /** The value's span in the output it was found in. */
  start: number;
  end: number;
  replacement: string;
  /** Where the span was copied from in the input. */
  inputOffset: number;
}

const INTEGER = /^-?(0|[1-9]\d*)$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The coercion text for `value` given the types the schema allows, or null when none or several fit. */
export function coerceText(value: unknown, valueText: string, types: readonly string[]): string | null {
  const fits: string[] = [];
  if (typeof value === 'string') {
    if (types.includes('integer') && INTEGER.test(value) && Number.isSafeInteger(Number(value))) fits.push(value);
    else if (types.includes('number') && NUMBER.test(value) && Number.isFinite(Number(value))) fits.push(value);
    if (types.includes('boolean') && (value === 'true' || value === 'false')) fits.push(value);
  }
  if (types.includes('array') && !Array.isArray(value) && value !== null) fits.push(`[${valueText}]`);
  return fits.length === 1 ? fits[0]! : null;
}

/** Characters of a value held for its coercion at most (`"123456789012"`, `"true"`, `"-1.5e3"`, a tag to
 * wrap in an array): a longer one goes out as it is, uncoerced (and is reported if the schema rejects it). */
export const HELD_VALUE_LIMIT = 64;

/** Where a value of the engine's output came from in its input: the input offset of output span
 * [start, end) when that span is a verbatim copy, else null. */
export type SpanMap = (start: number, end: number, text: string) => number | null;

const enum St {
  Value, // a value is next
  ValueOrEnd, // after `[`
  Key, // after `{` or `,` in an object
  Colon,
  After, // after a value
  Str, // inside a string that goes out as it comes (a key too)
  Lit, // inside a number, true, false, null that goes out as it comes
  Held, // inside a value held for its coercion
  Done, // past the value
  Dead, // not JSON as expected: nothing more is coerced
}

interface Frame {
  obj: boolean;
  plan: PlanNode | null;
  index: number;
  key: string | null;
}

/** Characters kept of a key for its lookup in `properties`; a longer key has no place in the plan. */
const KEY_LIMIT = 1024;

/**
 * The coercions of one JSON text as it streams (the engine's output, valid JSON): `push` each piece of
 * it, `end` after the last; each returns the text to send. It knows the place of the value being written
 * and decides at the value's first character whether a coercion can apply there (schemaPlan.ts): a
 * string where the place does not allow strings but allows integer, number, boolean or array, a number
 * or a boolean where it does not allow that type but allows array. Such a value alone is held until it
 * ends (at most HELD_VALUE_LIMIT characters), then goes out coerced (coerceText) when its span is a
 * verbatim copy of the input (`map`), else as it came. Everything else goes out at once, unchanged.
 * Objects are not wrapped in an array: that would have to start before the object is known to be copied
 * verbatim. The one-shot check (schemaCheck.ts) runs the same code over the whole text.
 *
 *   const c = new ValueCoercer(schemaPlan({ type: 'object', properties: { n: { type: 'integer' } } }), () => 0);
 *   c.push('{"n": "4') + c.push('2"}') + c.end() // -> '{"n": 42}'
 */
export class ValueCoercer {
  readonly coercions: Coercion[] = [];
  private state = St.Value;
  private readonly frames: Frame[] = [];
  /** A string's escape: its backslash may end one piece and what it escapes start the next. */
  private esc = false;
  /** The key being read (across pieces), and whether it outgrew KEY_LIMIT. */
  private inKey = false;
  private key = '';
  /** The value held (across pieces), where it starts in the output, the types its place allows. */
  private held = '';
  private heldAt = 0;
  private heldString = false;
  private heldTypes: readonly string[] = [];
  /** Characters of output read before the current piece. */
  private at = 0;
  private out = '';
  private run = 0;

  constructor(
    private readonly plan: PlanNode | null,
    private readonly map: SpanMap,
  ) {}

  push(text: string): string {
    this.out = '';
    this.run = 0;
    for (let i = 0; i < text.length; i++) i = this.step(text, i);
    if (this.state !== St.Held && this.run < text.length) this.out += text.slice(this.run);
    this.at += text.length;
    return this.out;
  }

  /** The text is whole: a value still held (a number at the end of the text) is decided. */
  end(): string {
    this.out = '';
    if (this.state === St.Held) {
      if (this.heldString) this.out = this.held;
      else this.decide();
      this.held = '';
    }
    this.state = St.Done;
    return this.out;
  }

  /** One character at `i`; returns the index of the last one it read. */
  private step(text: string, i: number): number {
    const c = text.charCodeAt(i);
    switch (this.state) {
      case St.Str:
        if (!this.esc && !this.inKey && c !== 0x22 && c !== 0x5c) {
          // a string's text going out: on to its next quote or backslash
          let j = i + 1;
          while (j < text.length && text.charCodeAt(j) !== 0x22 && text.charCodeAt(j) !== 0x5c) j++;
          return j - 1;
        }
        if (this.esc) this.esc = false;
        else if (c === 0x5c) this.esc = true;
        else if (c === 0x22) {
          if (this.inKey) return this.keyEnd(i);
          this.valueEnd();
          return i;
        }
        if (this.inKey && this.key.length <= KEY_LIMIT) this.key += text[i];
        return i;
      case St.Held:
        return this.holding(text, i, c);
      case St.Lit:
        if (isLiteral(c)) return i;
        this.valueEnd();
        return this.step(text, i);
      case St.Done:
      case St.Dead:
        return i;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return i;
    switch (this.state) {
      case St.Value:
        this.valueStart(text, i, c);
        return i;
      case St.ValueOrEnd:
        if (c === 0x5d) this.close();
        else this.valueStart(text, i, c);
        return i;
      case St.Key:
        if (c === 0x22) {
          this.state = St.Str;
          this.inKey = true;
          this.key = '"';
        } else if (c === 0x7d) this.close();
        else this.state = St.Dead;
        return i;
      case St.Colon:
        this.state = c === 0x3a ? St.Value : St.Dead;
        return i;
      case St.After: {
        const top = this.frames[this.frames.length - 1]!;
        if (c === 0x2c) {
          if (top.obj) this.state = St.Key;
          else {
            top.index++;
            this.state = St.Value;
          }
        } else if (c === (top.obj ? 0x7d : 0x5d)) this.close();
        else this.state = St.Dead;
        return i;
      }
    }
    return i;
  }

  private keyEnd(i: number): number {
    this.inKey = false;
    const top = this.frames[this.frames.length - 1]!;
    top.key = this.key.length <= KEY_LIMIT ? (JSON.parse(this.key + '"') as string) : null;
    this.state = St.Colon;
    return i;
  }

  /** The place of the value starting now. */
  private place(): PlanNode | null {
    const top = this.frames[this.frames.length - 1];
    if (top === undefined) return this.plan;
    if (top.plan === null) return null;
    if (!top.obj) return top.plan.item(top.index);
    return top.key === null ? null : top.plan.child(top.key);
  }

  private valueStart(text: string, i: number, c: number): void {
    if (c === 0x7b || c === 0x5b) {
      this.frames.push({ obj: c === 0x7b, plan: this.place(), index: 0, key: null });
      this.state = c === 0x7b ? St.Key : St.ValueOrEnd;
      return;
    }
    const t = this.place()?.types ?? null;
    let hold = false;
    if (c === 0x22) {
      this.state = St.Str;
      hold = t !== null && !t.includes('string') && (t.includes('integer') || t.includes('number') || t.includes('boolean') || t.includes('array'));
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.state = St.Lit;
      hold = t !== null && !t.includes('number') && t.includes('array');
    } else if (c === 0x74 || c === 0x66) {
      this.state = St.Lit;
      hold = t !== null && !t.includes('boolean') && t.includes('array');
    } else if (c === 0x6e) this.state = St.Lit;
    else this.state = St.Dead;
    if (!hold) return;
    // the text before the value goes out; the value waits
    this.heldString = c === 0x22;
    this.heldTypes = t!;
    this.heldAt = this.at + i;
    this.out += text.slice(this.run, i);
    this.held = text[i]!;
    this.state = St.Held;
  }

  private holding(text: string, i: number, c: number): number {
    if (this.heldString) {
      this.held += text[i];
      if (this.esc) this.esc = false;
      else if (c === 0x5c) this.esc = true;
      else if (c === 0x22) {
        this.decide();
        this.run = i + 1;
        this.valueEnd();
        return i;
      }
    } else if (isLiteral(c)) this.held += text[i];
    else {
      // the literal ended before this character, which is read again as what follows it
      this.decide();
      this.run = i;
      this.valueEnd();
      return this.step(text, i);
    }
    if (this.held.length > HELD_VALUE_LIMIT) {
      // too long to be one the schema coerces: out as it is, the rest of it streams
      this.out += this.held;
      this.held = '';
      this.run = i + 1;
      this.state = this.heldString ? St.Str : St.Lit;
    }
    return i;
  }

  /** The held value, whole, goes out coerced or as it came. */
  private decide(): void {
    const text = this.held;
    this.held = '';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.out += text;
      return;
    }
    const t = this.heldTypes;
    // a number of a type the place allows is no type error (integer: a whole number; number: finite)
    const fits = typeof value === 'number' && ((t.includes('integer') && Number.isInteger(value)) || (t.includes('number') && Number.isFinite(value)));
    const replacement = fits ? null : coerceText(value, text, t);
    const from = replacement === null ? null : this.map(this.heldAt, this.heldAt + text.length, text);
    if (replacement === null || from === null) {
      this.out += text;
      return;
    }
    this.out += replacement;
    this.coercions.push({ path: this.path(), start: this.heldAt, end: this.heldAt + text.length, replacement, inputOffset: from });
  }

  private path(): string {
    let p = '';
    for (const f of this.frames) p += '/' + (f.obj ? String(f.key).replace(/~/g, '~0').replace(/\//g, '~1') : String(f.index));
    return p;
  }

  private close(): void {
    this.frames.pop();
    this.valueEnd();
  }

  private valueEnd(): void {
    this.state = this.frames.length === 0 ? St.Done : St.After;
  }
}

/** A character of a number or of true / false / null. */
function isLiteral(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}

interface Edit {
  offset: number;
  length: number;
  text: string;
}

/**
 * Maps spans of the engine's output back to its input as both grow: the output is the input with the
 * repairs and stripped spans applied (leading whitespace the engine drops aside). Fed piece by piece
 * (streaming) or whole (one shot): the engine reports an edit in the same push as the output it makes,
 * so a span is mapped the same way at every split. A span maps only when it was copied from the input
 * unchanged (and the input there reads the same), so a coercion there is one more edit that does not
 * overlap the engine's own.
 */
export class OutputMapper {
  private raw = '';
  private readonly edits: Edit[] = [];
  /** `offset:length` of every edit that removes text (a stripped span the end lists again is taken once). */
  private readonly removals = new Set<string>();
  /** Where toInput's last walk over the edits stood (three numbers, not an object written per edit walked):
   * before edit `curK`, `curIn` in the input, `curEd` in the
   * edited text, with `curEd` at or before the last span asked. Spans are asked in output order, so each
   * walk goes on from there and the edits are walked once in all, not once per value (a long answer with
   * many repairs and many coercible values was quadratic: 32,000 of each took 3.2 s). */
  private curK = 0;
  private curIn = 0;
  private curEd = 0;
  /** The lowest index an edit was inserted at since the last walk (an insert before the cursor moves it). */
  private insertedAt = Infinity;
  /** Output offset 0 is this offset in the edited text (whitespace the engine dropped at the start);
   * -1: the output does not start as the edited text (nothing maps); null: no output yet. */
  private lead: number | null = null;
  /** Line counting for positions: the last offset asked, its line and the start of that line. */
  private lineAt = { offset: 0, line: 0, start: 0 };

  /** The next input, the edits the engine reported for it, and the output it made. */
  feed(raw: string, repairs: readonly Repair[], stripped: readonly Stripped[], output: string): void {
    this.raw += raw;
    for (const r of repairs) this.insert({ offset: r.offset, length: r.length, text: r.replacement });
    // (the end lists again the stripped spans its pushes reported: each is taken once)
    for (const s of stripped) if (!this.removals.has(`${s.offset}:${s.length}`)) this.insert({ offset: s.offset, length: s.length, text: '' });
    if (this.lead === null && output !== '') this.lead = this.leadOf(output.charCodeAt(0));
  }

  /** In offset order (and by length at one offset), as OutputMap sorted them. */
  private insert(e: Edit): void {
    const list = this.edits;
    let k = list.length;
    while (k > 0 && (list[k - 1]!.offset > e.offset || (list[k - 1]!.offset === e.offset && list[k - 1]!.length > e.length))) k--;
    if (k === list.length) list.push(e);
    else list.splice(k, 0, e);
    if (k < this.insertedAt) this.insertedAt = k;
    if (e.text === '') this.removals.add(`${e.offset}:${e.length}`);
  }

  private leadOf(first: number): number {
    let edited = '';
    let pos = 0;
    // the edited text up to its first character that is not whitespace is enough
    for (const e of this.edits) {
      edited += this.raw.slice(pos, Math.max(pos, e.offset)) + e.text;
      pos = Math.max(pos, e.offset + e.length);
      if (edited.trimStart() !== '') break;
    }
    if (edited.trimStart() === '') edited += this.raw.slice(pos);
    const trimmed = edited.length - edited.trimStart().length;
    return edited.charCodeAt(0) === first ? 0 : edited.charCodeAt(trimmed) === first ? trimmed : -1;
  }

  /** The input offset of output span [start, end) holding `text`, or null when it is not a verbatim copy. */
  toInput(start: number, end: number, text: string): number | null {
    if (this.lead === null || this.lead < 0) return null;
    const s = start + this.lead;
    const e = end + this.lead;
    let k = this.curK;
    let inPos = this.curIn;
    let edPos = this.curEd;
    if (this.insertedAt < k || s < edPos) k = inPos = edPos = 0;
    this.insertedAt = Infinity;
    const n = this.edits.length;
    for (; k <= n; k++) {
      // every edit before k ends at or before s in the edited text: a later span starts there too
      this.curK = k;
      this.curIn = inPos;
      this.curEd = edPos;
      const edit = k < n ? this.edits[k]! : { offset: this.raw.length, length: 0, text: '' };
      const copied = Math.max(0, edit.offset - inPos);
      if (s >= edPos && e <= edPos + copied) {
        const at = inPos + (s - edPos);
        return this.raw.startsWith(text, at) ? at : null;
      }
      edPos += copied + edit.text.length;
      inPos = Math.max(inPos, edit.offset + edit.length);
      if (edPos > e) return null;
      if (edPos > s) break;
    }
    return null;
  }

  /** Line and column of an input offset (asked in increasing order, counted from the last one asked). */
  position(offset: number): { line: number; column: number } {
    let { offset: from, line, start } = this.lineAt;
    if (offset < from) ({ offset: from, line, start } = { offset: 0, line: 0, start: 0 });
    for (let i = this.raw.indexOf('\n', from); i >= 0 && i < offset; i = this.raw.indexOf('\n', i + 1)) {
      line++;
      start = i + 1;
    }
    this.lineAt = { offset, line, start };
    return { line, column: offset - start };
  }
}

/**
 * The coercions of one value's text as the engine left it (its raw text, the engine's edits, the
 * text sent): the stream's ValueCoercer and OutputMapper given it whole. `coercions` carry their input
 * offsets; `text` is the value with them applied.
 */
export function coerceWhole(plan: PlanNode | null, raw: string, repairs: readonly Repair[], stripped: readonly Stripped[], sent: string): { text: string; repairs: Repair[] } {
  const s = new StreamCoercion(plan);
  const text = s.push(raw, repairs, stripped, sent) + s.end();
  return { text, repairs: s.take() };
}

/** A value's coercion as it streams: the mapper fed with each push of the engine, then the coercer. */
export class StreamCoercion {
  private readonly mapper = new OutputMapper();
  private readonly coercer: ValueCoercer;
  private taken = 0;
  /** Every coercion so far as a repair of the input, in order. */
  readonly repairs: Repair[] = [];

  /** `fixed`: characters at the start of the output the client has already (a Messages prefill's share):
   * a value starting there is not coerced (it goes out as it came). */
  constructor(plan: PlanNode | null, fixed = 0) {
    this.coercer = new ValueCoercer(plan, (start, end, text) => (start < fixed ? null : this.mapper.toInput(start, end, text)));
  }

  /** One push of the engine: the raw text it was given, its edits, its output; returns what to send. */
  push(raw: string, repairs: readonly Repair[], stripped: readonly Stripped[], output: string): string {
    this.mapper.feed(raw, repairs, stripped, output);
    return this.collect(this.coercer.push(output));
  }

  /** The engine's end (its last output goes through push first, with its repairs): what is still held. */
  end(): string {
    return this.collect(this.coercer.end());
  }

  /** The coercions made since the last take (for the stream's repair events). */
  take(): Repair[] {
    const fresh = this.repairs.slice(this.taken);
    this.taken = this.repairs.length;
    return fresh;
  }

  private collect(out: string): string {
    const cs = this.coercer.coercions;
    for (let k = this.repairs.length; k < cs.length; k++) {
      const c = cs[k]!;
      const { line, column } = this.mapper.position(c.inputOffset);
      this.repairs.push({ kind: 'schema_coercion', offset: c.inputOffset, length: c.end - c.start, line, column, replacement: c.replacement, message: COERCION_MESSAGE });
    }
    return out;
  }
}

export const COERCION_MESSAGE = REPAIR_MESSAGES.schema_coercion;

/** The coercions of a JSON text no engine edited (its own raw text), for `schema`. */
export function coerceValue(schema: unknown, text: string): { text: string; repairs: Repair[] } {
  return coerceWhole(schemaPlan(schema), text, [], [], text);
}
