/**
 * Work done now or later (pending.ts): values stay synchronous, promises are chained, and items run one
 * after the other in order.
 */
import { strict as assert } from 'node:assert';
import { after, inOrder } from '../../../server/gateway/pending';

describe('pending work: now or later', () => {
  it('after: a value is handed on at once, a promise when it resolves, a throw is thrown at once', async () => {
    assert.equal(after(2, (n) => n + 1), 3);
    const p = after(Promise.resolve(2), (n) => n + 1);
    assert.equal(p instanceof Promise, true);
    assert.equal(await p, 3);
    assert.throws(() => after(2, () => { throw new RangeError('deep'); }), { name: 'RangeError', message: 'deep' });
    await assert.rejects(after(Promise.reject(new Error('gone')), (n: number) => n) as Promise<number>, { message: 'gone' });
  });

  it('inOrder: synchronous while every step is; from the first promise on, each step starts after the one before it is done', async () => {
    const started: string[] = [];
    assert.deepEqual(inOrder([1, 2, 3], (n) => (started.push(`s${n}`), n * 10)), [10, 20, 30]);
    assert.deepEqual(inOrder([], (n: number) => n), []);
    started.length = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const r = inOrder([1, 2, 3], (n) => {
      started.push(`s${n}`);
      return n === 2 ? gate.then(() => (started.push('e2'), 20)) : n * 10;
    });
    assert.equal(r instanceof Promise, true);
    assert.deepEqual(started, ['s1', 's2']);
    release();
    assert.deepEqual(await r, [10, 20, 30]);
    assert.deepEqual(started, ['s1', 's2', 'e2', 's3']);
  });

  it('inOrder: a step that fails stops the rest (a rejection), as a throw does synchronously', async () => {
    const started: number[] = [];
    await assert.rejects(inOrder([1, 2, 3], (n) => (started.push(n), n === 2 ? Promise.reject(new Error('two')) : n)) as Promise<number[]>, { message: 'two' });
    assert.deepEqual(started, [1, 2]);
    assert.throws(() => inOrder([1, 2, 3], (n) => { if (n === 1) throw new Error('one'); return n; }), { message: 'one' });
  });
});
