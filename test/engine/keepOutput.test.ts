/** keepOutput: false — the engine keeps no copy of its output (a long stream's caller keeps its own); what
 * it streams, its status and its lists are the same as with the copy, at every split into chunks. */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, StreamFixError } from '../../shared/engine';

const CASES = [
  "{name: 'Ada', tags: ['x',], ok: True",
  'Here it is: {"a": 1} hope that helps',
  '<think>plan {x}</think>\n```json\n[1, 2,]\n```',
  'no JSON at all',
];

const invalidOption = (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION';

describe('engine: keepOutput false', () => {
  it('streams the same output, status and lists as the default, at every split, with json null', () => {
    for (const text of CASES) {
      const whole = repairJson(text);
      for (let at = 0; at <= text.length; at++) {
        const s = createStreamRepairer({ keepOutput: false });
        const out = s.push(text.slice(0, at)).output + s.push(text.slice(at)).output;
        const r = s.end();
        assert.equal(out + r.final, whole.json ?? '', `${text} split ${at}`);
        assert.equal(r.json, null, `${text} split ${at}`);
        assert.equal(r.status, whole.status, `${text} split ${at}`);
        assert.deepEqual(r.repairs, whole.repairs, `${text} split ${at}`);
        assert.deepEqual(r.stripped, whole.stripped, `${text} split ${at}`);
      }
    }
  });

  it('says so when asked for the output it did not keep, and leaves the default as it was', () => {
    const s = createStreamRepairer({ keepOutput: false });
    s.push('[1, "a"');
    assert.throws(() => s.emitted, invalidOption);
    assert.throws(() => s.view(), invalidOption);
    const d = createStreamRepairer();
    d.push('[1, "a"');
    // the closing quote waits for the next character (an inner quote left unescaped is followed by a word)
    assert.equal(d.emitted, '[1, "a');
    assert.equal(d.view(), '[1, "a"]');
    assert.equal(d.end().json, '[1, "a"]');
    assert.equal(createStreamRepairer({ keepOutput: true }).end().status, 'FAILED');
  });

  it('rejects a keepOutput that is not a boolean', () => {
    assert.throws(() => createStreamRepairer({ keepOutput: 'no' as unknown as boolean }), (e: unknown) => invalidOption(e) && /keepOutput must be a boolean, got no/.test((e as Error).message));
  });

  it('keeps nothing that grows with the answer: a 4 MB array costs the engine no copy of it', () => {
    const s = createStreamRepairer({ keepOutput: false });
    const unit = ',True'.repeat(200);
    let n = 0;
    n += s.push('[True').output.length;
    for (let i = 0; i < 4000; i++) n += s.push(unit).output.length;
    n += s.push(']').output.length;
    const r = s.end();
    n += r.final.length;
    assert.equal(n, 1 + 4 + 4000 * 200 * 5 + 1);
    assert.equal(r.status, 'REPAIRED');
    // the machine's own fields: no output copy at all
    const m = (s as unknown as { m: { emittedBase: string; kept: { all: string; recent: string } } }).m;
    assert.equal(m.emittedBase + m.kept.all + m.kept.recent, '');
  });
});

describe('engine: the kept output across its folds', () => {
  // long enough for many folds of the kept output (one every 64 pushes that output something), with
  // repairs, held pending text and a reasoning block whose pushes output nothing
  const record = (i: number) => `  {id: ${i}, 'name': 'n${i}', "ok": True, "v": [${i}, ${i + 0.5},], // c\n    "s": "a\\"b é 😀"},\n`;
  const body = Array.from({ length: 40 }, (_, i) => record(i)).join('');
  const text = `<think>${'plan '.repeat(100)}</think>\n[\n${body}]`;
  const expected = repairJson(text).json as string;

  for (const size of [1, 3, 16, 100]) {
    it(`emitted is every output so far after each push, view() extends it, in ${size}-character chunks`, () => {
      const s = createStreamRepairer();
      let out = '';
      for (let i = 0; i < text.length; i += size) {
        out += s.push(text.slice(i, i + size)).output;
        assert.equal(s.emitted, out);
        const view = s.view();
        if (view !== null) assert.ok(view.startsWith(out) && JSON.parse(view) !== undefined);
      }
      const r = s.end();
      assert.equal(out + r.final, expected);
      assert.equal(r.json, expected);
    });
  }

  it('the expected text is the repaired records', () => {
    const value = JSON.parse(expected) as { id: number; name: string; ok: boolean; v: number[]; s: string }[];
    assert.equal(value.length, 40);
    assert.deepEqual(value[7], { id: 7, name: 'n7', ok: true, v: [7, 7.5], s: 'a"b é 😀' });
  });
});
