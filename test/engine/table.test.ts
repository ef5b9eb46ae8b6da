import { strict as assert } from 'node:assert';
import { repairJson } from '../../shared/engine';
import { CASES } from './cases';

describe('engine behaviour table (one-shot)', () => {
  const categories = [...new Set(CASES.map((c) => c.category))];
  for (const category of categories) {
    describe(category, () => {
      for (const c of CASES.filter((x) => x.category === category)) {
        it(c.name, () => {
          const r = repairJson(c.input);
          assert.equal(r.json, c.json);
          assert.equal(r.status, c.status);
          assert.deepEqual(
            r.repairs.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.replacement]),
            c.repairs,
          );
          assert.deepEqual(
            r.stripped.map((x) => [x.kind, x.offset, x.length, x.line, x.column]),
            c.stripped,
          );
          // every stripped span's text is exactly the input it covers
          for (const s of r.stripped) assert.equal(s.text, c.input.slice(s.offset, s.offset + s.length));
          // every repair names the input range it replaced
          for (const x of r.repairs) assert.ok(x.offset + x.length <= c.input.length && x.message.length > 0);
          if (r.json !== null) assert.doesNotThrow(() => JSON.parse(r.json!));
        });
      }
    });
  }

  it('returns valid JSON byte for byte with status VALID and no repairs', () => {
    for (const c of CASES.filter((x) => x.category === 'valid' || x.status === 'VALID')) {
      const r = repairJson(c.input);
      assert.equal(r.repairs.length, 0, c.name);
      if (r.stripped.length === 0) assert.equal(r.json, c.input, c.name);
    }
  });
});
