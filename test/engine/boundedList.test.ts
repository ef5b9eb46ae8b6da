/** A stream's bounded lists: the first and last entries kept, the rest counted; and the engine's
 * maxListEntries option, which bounds the repairs and stripped spans of end()'s result. */
import { strict as assert } from 'node:assert';
import { BoundedList } from '../../shared/engine/boundedList';
import { createStreamRepairer, repairJson, StreamFixError, type Repair } from '../../shared/engine';

function listOf(n: number, limit: number): BoundedList<number> {
  const l = new BoundedList<number>(limit);
  for (let i = 0; i < n; i++) l.push(i);
  return l;
}

/** `[True,True,…]`: one python_literal repair every 5 characters. */
const trues = (n: number) => '[' + Array(n).fill('True').join(',') + ']';
const brief = (r: readonly Repair[]) => r.map((x) => `${x.kind}@${x.offset}`);

describe('engine/boundedList', () => {
  it('keeps every entry while within the limit', () => {
    for (let n = 0; n <= 4; n++) {
      const l = listOf(n, 4);
      assert.deepEqual(l.toArray(), [...Array(n).keys()]);
      assert.equal(l.length, n);
      assert.equal(l.dropped, 0);
      assert.equal(l.cut(), null);
    }
  });

  it('keeps the first and the last half past the limit and counts the rest, at every length', () => {
    for (let n = 5; n <= 40; n++) {
      const l = listOf(n, 4);
      assert.deepEqual(l.toArray(), [0, 1, n - 2, n - 1], `n ${n}`);
      assert.equal(l.length, n);
      assert.deepEqual(l.cut(), { at: 2, entries: n - 4 }, `n ${n}`);
    }
    // an odd limit gives the head the extra entry; a limit of 1 keeps only the first
    assert.deepEqual(listOf(10, 5).toArray(), [0, 1, 2, 8, 9]);
    assert.deepEqual(listOf(10, 5).cut(), { at: 3, entries: 5 });
    assert.deepEqual(listOf(10, 1).toArray(), [0]);
    assert.deepEqual(listOf(10, 1).cut(), { at: 1, entries: 9 });
  });

  it('holds at most twice its tail between compactions however many entries come', () => {
    const l = listOf(1_000_000, 100);
    assert.deepEqual(l.toArray(), [...Array(50).keys(), ...Array.from({ length: 50 }, (_, i) => 999_950 + i)]);
    assert.deepEqual(l.cut(), { at: 50, entries: 999_900 });
    const inner = l as unknown as { head: number[]; tail: number[] };
    assert.equal(inner.head.length, 50);
    assert.ok(inner.tail.length < 100, `tail ${inner.tail.length}`);
  });

  it('is unbounded by default', () => {
    const l = listOf(100_000, Infinity);
    assert.equal(l.toArray().length, 100_000);
    assert.equal(l.cut(), null);
  });

  it('sorts the whole list when nothing was dropped, else its head and its tail each', () => {
    const whole = new BoundedList<number>(4);
    for (const x of [9, 1, 5, 3]) whole.push(x);
    whole.sort((a, b) => a - b);
    assert.deepEqual(whole.toArray(), [1, 3, 5, 9]);
    whole.push(0);
    assert.deepEqual(whole.toArray(), [1, 3, 9, 0]);
    const cut = new BoundedList<number>(4);
    for (const x of [9, 1, 7, 7, 7, 6, 2]) cut.push(x);
    cut.sort((a, b) => a - b);
    assert.deepEqual(cut.toArray(), [1, 9, 2, 6]);
    assert.deepEqual(cut.cut(), { at: 2, entries: 3 });
  });
});

describe('engine: maxListEntries', () => {
  it('keeps every repair by default, as repairJson always did', () => {
    const r = repairJson(trues(10_000));
    assert.equal(r.repairs.length, 10_000);
    assert.equal(r.cuts, undefined);
  });

  it("bounds end()'s repairs to their first and last, counts the rest, and lists every one in the updates", () => {
    const m = createStreamRepairer({ maxListEntries: 4 });
    let updates = 0;
    const text = trues(1000);
    for (let i = 0; i < text.length; i += 7) updates += m.push(text.slice(i, i + 7)).repairs.length;
    const r = m.end();
    assert.equal(updates, 1000);
    assert.equal(r.status, 'REPAIRED');
    assert.equal(r.json, '[' + Array(1000).fill('true').join(',') + ']');
    assert.deepEqual(brief(r.repairs), ['python_literal@1', 'python_literal@6', 'python_literal@4991', 'python_literal@4996']);
    assert.deepEqual(r.cuts, [{ field: 'repairs', at: 2, entries: 996 }]);
  });

  it('gives the same bounded result at every split point', () => {
    const text = "<think>a</think>[True,None,'x',False,True]<think>b</think>";
    const whole = createStreamRepairer({ maxListEntries: 2 });
    whole.push(text);
    const expected = whole.end();
    assert.deepEqual(brief(expected.repairs), ['python_literal@17', 'python_literal@37']);
    assert.deepEqual(expected.stripped.map((s) => `${s.kind}@${s.offset}`), ['reasoning@0', 'reasoning@42']);
    assert.deepEqual(expected.cuts, [{ field: 'repairs', at: 1, entries: 4 }]);
    for (let k = 1; k < text.length; k++) {
      const m = createStreamRepairer({ maxListEntries: 2 });
      m.push(text.slice(0, k));
      m.push(text.slice(k));
      assert.deepEqual(m.end(), expected, `split at ${k}`);
    }
  });

  it('bounds the stripped spans alike', () => {
    const text = '<think>x</think>'.repeat(10) + '{"a":1}';
    const m = createStreamRepairer({ maxListEntries: 4 });
    m.push(text);
    const r = m.end();
    assert.equal(r.status, 'VALID');
    assert.deepEqual(r.stripped.map((s) => s.offset), [0, 16, 128, 144]);
    assert.deepEqual(r.cuts, [{ field: 'stripped', at: 2, entries: 6 }]);
  });

  it('bounds the stripped spans apart with maxStrippedEntries', () => {
    const text = '<think>x</think>'.repeat(6) + '[True,True,True]';
    const m = createStreamRepairer({ maxListEntries: 100, maxStrippedEntries: 2 });
    m.push(text);
    const r = m.end();
    assert.deepEqual(brief(r.repairs), ['python_literal@97', 'python_literal@102', 'python_literal@107']);
    assert.deepEqual(r.stripped.map((s) => s.offset), [0, 80]);
    assert.deepEqual(r.cuts, [{ field: 'stripped', at: 1, entries: 4 }]);
  });

  it('rejects a bound that is not a positive number', () => {
    for (const v of [0, -1, NaN, '3']) {
      assert.throws(() => createStreamRepairer({ maxListEntries: v as number }), (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION' && e.message === `Option maxListEntries must be a positive number, got ${String(v)}`);
    }
  });
});
