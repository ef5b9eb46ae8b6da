/**
 * Shape of one corpus case. The corpus is realistic LLM output that a JSON repairer should handle;
 * `expected` is the JSON value (compared with deepEqual) a correct repair gives.
 */

export type Category =
  | 'reasoning'
  | 'fences'
  | 'prose'
  | 'wrappers'
  | 'trailing commas'
  | 'missing commas'
  | 'unquoted keys'
  | 'single quotes'
  | 'smart quotes'
  | 'python literals'
  | 'comments'
  | 'raw newlines'
  | 'other repairs'
  | 'truncation'
  | 'unicode'
  | 'escapes'
  | 'deep nesting'
  | 'numbers'
  | 'empty containers'
  | 'tricky strings'
  | 'valid'
  | 'reasoning, no opening tag'
  | 'examples in prose'
  | 'reasoning formats'
  | 'new-user trial'
  | 'new-user trial 2'
  | 'new-user trial 3'
  | 'new-user trial 4'
  | 'new-user trial 5'
  | 'new-user trial 6'
  | 'new-user trial 7'
  | 'new-user trial 8'
  | 'new-user trial 9'
  | 'new-user trial 10'
  | 'new-user trial 11'
  | 'new-user trial 12'
  | 'new-user trial 13'
  | 'new-user trial 14'
  | 'new-user trial 15'
  | 'new-user trial 16'
  | 'new-user trial 17'
  | 'new-user trial 18';

/**
 * What counts as a correct answer:
 * - `value`: the repaired text parses to this value;
 * - `oneOf`: it parses to one of these values (truncation: the cut value closed, or dropped);
 * - `failed`: no JSON can be recovered (the engine must say FAILED; other tools must throw);
 * - `identical`: valid JSON that must come back byte for byte (and parse to `value`).
 */
export type Expectation =
  | { kind: 'value'; value: unknown }
  | { kind: 'oneOf'; values: unknown[] }
  | { kind: 'failed' }
  | { kind: 'identical'; value: unknown };

export interface Case {
  category: Category;
  name: string;
  input: string;
  expected: Expectation;
}

export const value = (v: unknown): Expectation => ({ kind: 'value', value: v });

/** Strict structural equality of two parsed JSON values (object key order ignored, -0 equals 0). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  return true;
}

/** True when `got` (already parsed) satisfies the expectation. */
export function matchesValue(expected: Expectation, got: unknown): boolean {
  switch (expected.kind) {
    case 'value':
    case 'identical':
      return deepEqual(expected.value, got);
    case 'oneOf':
      return expected.values.some((v) => deepEqual(v, got));
    case 'failed':
      return false;
  }
}
