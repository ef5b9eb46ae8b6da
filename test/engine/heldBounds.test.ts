/**
 * What the engine holds before the value is bounded, not only by maxInputLength: the whitespace before a
 * run's first character (it goes out when JSON follows), the prose of every run reasoning blocks split
 * (counted together against maxHoldBack), and the number of those runs (MAX_HELD_RUNS). Past a bound:
 * HOLDBACK_LIMIT, from repairJson and from a stream alike, at every split.
 */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, StreamFixError, type RepairOptions } from '../../shared/engine';
import { MAX_HELD_RUNS } from '../../shared/engine/machine';

const HELD = 'More than maxHoldBack (8) characters are held back undecided';
const SPACES = 'More than maxHoldBack (8) characters of whitespace before the value are held back undecided';

/** The text streamed in two chunks split at `at`: the output, or the error's code, message and offset. */
function streamed(text: string, at: number, o: RepairOptions): string | [string, string, number] {
  const s = createStreamRepairer(o);
  let out = '';
  try {
    out += s.push(text.slice(0, at)).output;
    out += s.push(text.slice(at)).output;
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
    const r = s.end();
    assert.equal(r.error?.code, e.code);
    return [e.code, e.message, e.offset ?? -1];
  }
  return out + s.end().final;
}

describe('engine: held text before the value, bounded', () => {
  const o = { maxHoldBack: 8 };

  it('lets 8 spaces before a value through and fails on 9, at the 9th, at every split', () => {
    const ok = `  \n \t   {"a":1}`;
    assert.equal(repairJson(ok, o).json, ok);
    const over = ` \n \t     {"a":1}`;
    assert.deepEqual(repairJson(over, o).error, { code: 'HOLDBACK_LIMIT', message: SPACES, offset: 8 });
    for (let at = 0; at <= over.length; at++) {
      assert.equal(streamed(ok, at, o), ok, `split ${at}`);
      assert.deepEqual(streamed(over, at, o), ['HOLDBACK_LIMIT', SPACES, 8], `split ${at}`);
    }
    // a stream of spaces alone fails as soon as it passes the bound, without waiting for what follows
    const s = createStreamRepairer(o);
    s.push('        ');
    assert.throws(() => s.push(' '), (e: unknown) => e instanceof StreamFixError && e.code === 'HOLDBACK_LIMIT' && e.offset === 8);
  });

  it('counts the whitespace of each run from its start (after a reasoning block), at every split', () => {
    const text = ` <think>t</think>         [1]`;
    assert.deepEqual(repairJson(text, o).error, { code: 'HOLDBACK_LIMIT', message: SPACES, offset: 25 });
    for (let at = 0; at <= text.length; at++) assert.deepEqual(streamed(text, at, o), ['HOLDBACK_LIMIT', SPACES, 25], `split ${at}`);
    const fits = ` <think>t</think>        [1]`;
    // (whitespace after a reasoning block is not part of the value: it waited and is dropped)
    assert.equal(repairJson(fits, o).json, '[1]');
    for (let at = 0; at <= fits.length; at++) assert.equal(streamed(fits, at, o), '[1]', `split ${at}`);
  });

  it('counts the prose of every run split by reasoning blocks together, at every split', () => {
    // 3 + 3 + 2 = 8 characters held: decided at the end as before
    const fits = 'abc<think>1</think>def<think>2</think>gh';
    assert.equal(repairJson(fits, o).error?.code, 'NO_JSON');
    // 3 + 3 + 3: each run under the bound, together over it (each run alone was checked before)
    const over = 'abc<think>1</think>def<think>2</think>ghi';
    assert.deepEqual(repairJson(over, o).error, { code: 'HOLDBACK_LIMIT', message: HELD, offset: 41 });
    for (let at = 0; at <= over.length; at++) {
      const r = streamed(over, at, o) as [string, string, number];
      assert.deepEqual(r.slice(0, 2), ['HOLDBACK_LIMIT', HELD], `split ${at}`);
      // the offset is where the push that passed the bound ended
      assert.equal(r[2], 41, `split ${at}`);
    }
  });

  it(`holds at most ${MAX_HELD_RUNS} runs of prose, however short`, () => {
    const unit = 'x<think>.</think>';
    const fits = unit.repeat(MAX_HELD_RUNS) + '{"a":1}';
    const r = repairJson(fits);
    assert.deepEqual([r.status, r.json, r.stripped.length], ['VALID', '{"a":1}', 2 * MAX_HELD_RUNS]);
    const over = unit.repeat(MAX_HELD_RUNS + 1) + '{"a":1}';
    const message = `More than ${MAX_HELD_RUNS} runs of prose split by reasoning blocks are held back undecided`;
    assert.deepEqual(repairJson(over).error, { code: 'HOLDBACK_LIMIT', message, offset: over.length });
    // splits around the run that passes the bound, and a stride through the rest
    const last = MAX_HELD_RUNS * unit.length;
    const splits = [...Array.from({ length: 3 * unit.length }, (_, k) => last - unit.length + k), ...Array.from({ length: 40 }, (_, k) => k * 1741)];
    for (const at of splits) {
      const s = streamed(over, at, {}) as [string, string, number];
      assert.deepEqual(s.slice(0, 2), ['HOLDBACK_LIMIT', message], `split ${at}`);
      assert.equal(s[2], at >= last + unit.length ? Math.min(at, over.length) : over.length, `split ${at}`);
    }
  });
});
