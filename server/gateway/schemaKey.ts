/**
 * How the schema cache (schema.ts) finds a schema it compiled before without writing the request's schema
 * out as text (JSON.stringify, the key before, ~5 µs for the gateway benchmark's schema): each compiled
 * schema is kept as a tape (its walk: the members' names and the values in order, with each object's and
 * array's size), and a request's schema is walked against the tapes of the last 4 distinct schemas the cache
 * returned (schema.ts RECENT: a request's content schema and its tools' parameters); only when it is none
 * of them is it looked up by a hash of its text (its JSON.stringify). Two schemas
 * share a validator only when they are the same JSON value with their members in the same order (what
 * their text told apart; a number JSON cannot write, the Infinity JSON.parse makes of `1e400`, is told from
 * `null` too).
 *
 * Example:
 *   const t = schemaTape(schema);                 // once, when it is compiled
 *   new TapeWalker().onTape(otherCopyOfTheSameSchema, t)   // true
 */

/** The marks of an object's and an array's start on a tape (a value that is none of a JSON value's). */
const OBJECT = Symbol('object');
const ARRAY = Symbol('array');

export type SchemaTape = readonly unknown[];

/** The tape of the JSON value `v`: an object is OBJECT, its size, then each member's name and value's
 * tape; an array ARRAY, its length, then each item's; anything else itself. */
export function schemaTape(v: unknown, out: unknown[] = []): SchemaTape {
  if (typeof v !== 'object' || v === null) out.push(v);
  else if (Array.isArray(v)) {
    out.push(ARRAY, v.length);
    for (const x of v) schemaTape(x, out);
  } else {
    const keys = Object.keys(v);
    out.push(OBJECT, keys.length);
    for (const k of keys) {
      out.push(k);
      schemaTape((v as Record<string, unknown>)[k], out);
    }
  }
  return out;
}

/** Walks values against tapes (onTape); one per owner (a SchemaCache), its position its own. */
export class TapeWalker {
  /** The next tape entry the walk reads (set by each onTape call; only one walk runs at a time). */
  private at = 0;

  /** Whether `v` is the value `tape` was made of, members in the same order (numbers by Object.is). */
  onTape(v: unknown, tape: SchemaTape): boolean {
    this.at = 0;
    return this.walk(v, tape) && this.at === tape.length;
  }

  private walk(v: unknown, tape: SchemaTape): boolean {
    if (typeof v !== 'object' || v === null) return Object.is(v, tape[this.at++]);
    if (Array.isArray(v)) {
      if (tape[this.at] !== ARRAY || tape[this.at + 1] !== v.length) return false;
      this.at += 2;
      for (let i = 0; i < v.length; i++) if (!this.walk(v[i], tape)) return false;
      return true;
    }
    if (tape[this.at] !== OBJECT) return false;
    const n = tape[this.at + 1] as number;
    this.at += 2;
    let c = 0;
    const o = v as Record<string, unknown>;
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      if (c++ === n || tape[this.at++] !== k || !this.walk(o[k], tape)) return false;
    }
    return c === n;
  }
}
