/**
 * Work that is done now or later: a value, or a promise of it. A json_schema stream's check at its end runs
 * on the event loop in the common case and moves to the schema thread only when its pattern work is over
 * budget (schema.ts checkValue); written with these helpers, the common case stays synchronous (no promise
 * made, no microtask turn between the parts of one answer's check) and only a moved check is awaited.
 *
 * Example:
 *   after(2, (n) => n + 1)                            // -> 3 (synchronously)
 *   after(Promise.resolve(2), (n) => n + 1)           // -> a promise of 3
 *   inOrder([1, 2], (n) => n * 10)                    // -> [10, 20]
 */

/** A value now, or a promise of it. */
export type Pending<T> = T | Promise<T>;

/** `f` of `x`: at once when `x` is a value (what `f` throws is thrown), else when it resolves. */
export function after<T, U>(x: Pending<T>, f: (value: T) => Pending<U>): Pending<U> {
  return x instanceof Promise ? x.then(f) : f(x);
}

/** `f` of each item in order, each started once the one before it is done (checks on the schema thread run
 * one at a time, as they did with `await` in a loop); synchronous while every `f` is. */
export function inOrder<T, U>(items: readonly T[], f: (item: T) => Pending<U>): Pending<U[]> {
  const out: U[] = [];
  const from = (start: number): Pending<U[]> => {
    for (let i = start; i < items.length; i++) {
      const r = f(items[i]!);
      if (r instanceof Promise) {
        return r.then((u) => {
          out.push(u);
          return from(i + 1);
        });
      }
      out.push(r);
    }
    return out;
  };
  return from(0);
}
