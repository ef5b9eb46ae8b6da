/**
 * How the schema cache (schema.ts) finds a schema it compiled before without writing the request's schema
 * out as text (JSON.stringify, the key before, ~5 µs for the gateway benchmark's schema): each compiled
 * schema is kept as a tape (its walk: the members' names and the values in order, with each object's and
 * array's size), and a request's schema is walked against the tape of the schema compiled for the last
 * request; only when that differs is it looked up by a hash of its text (its JSON.stringify). Two schemas
 * share a validator only when they are the same JSON value with their members in the same order (what
 * their text told apart; a number JSON cannot write, the Infinity JSON.parse makes of `1e400`, is told from
 * `null` too).
 *
 * Example:
 *   const t = schemaTape(schema);                 // once, when it is compiled
 *   onTape(otherCopyOfTheSameSchema, t)           // true
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

let at = 0;

/** Whether `v` is the value `tape` was made of, members in the same order (numbers by Object.is). */
export function onTape(v: unknown, tape: SchemaTape): boolean {
  at = 0;
  return walk(v, tape) && at === tape.length;
}

function walk(v: unknown, tape: SchemaTape): boolean {
  if (typeof v !== 'object' || v === null) return Object.is(v, tape[at++]);
  if (Array.isArray(v)) {
    if (tape[at] !== ARRAY || tape[at + 1] !== v.length) return false;
    at += 2;
    for (let i = 0; i < v.length; i++) if (!walk(v[i], tape)) return false;
    return true;
  }
  if (tape[at] !== OBJECT) return false;
  const n = tape[at + 1] as number;
  at += 2;
  let c = 0;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (c++ === n || tape[at++] !== k || !walk(o[k], tape)) return false;
  }
  return c === n;
}
