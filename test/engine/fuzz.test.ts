import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, StreamFixError } from '../../shared/engine';
import { applyEdits } from './applyEdits';
import { mulberry32 as rng } from '../random';


/** Pieces that LLM output and broken JSON are made of, to glue together at random. */
const PIECES = ['{', '}', '[', ']', '"', "'", ':', ',', ' ', '\n', 'a', 'b', '1', '0', '-', '.', 'e', 'true', 'tru', 'None', '/', '*', '//', '\\', '\\u', '<think>', '</think>', '<', '>', '`', '```', '```json\n', '“', '”', '😀', '\ud83d', '#', '\t', 'x y', 'null', '+', 'E', '{"k": ', '"v"', ', ',
  // reasoning in its forms, drafts and examples, numbers in other bases
  '<reasoning>', '</reasoning>', '<thought>', '</thinking>', '<think a="1">', '<|channel|>analysis<|message|>', '<|end|>', '<|channel|>final<|message|>', '<|return|>', 'Let me sketch: ', ' No wait, ', 'Hmm. ', '`{"k": 1}`', '{"draft": true}', '0x1F', '0b1', '{}', '\n```\n',
  // tokens glued to numbers, separators, colon spellings, template literals, tuples
  '2024-01-05', '12:30', '1/3', '10%', '1_000', '_', ' = ', '=>', '::', '(', ')', '(1, 2)', '`t ${x}`', '\\`'];

describe('engine on random LLM-like text (seeded)', () => {
  const random = rng(20261122);
  const inputs: string[] = [];
  for (let n = 0; n < 3000; n++) {
    let s = '';
    const len = Math.floor(random() * 30);
    for (let k = 0; k < len; k++) s += PIECES[Math.floor(random() * PIECES.length)];
    inputs.push(s);
  }

  it('gives parseable output, whose repairs and stripped spans rebuild it from the input', () => {
    for (const input of inputs) {
      const r = repairJson(input);
      if (r.json === null) {
        assert.equal(r.status, 'FAILED');
        continue;
      }
      assert.doesNotThrow(() => JSON.parse(r.json!), `${JSON.stringify(input)} -> ${r.json}`);
      assert.equal(applyEdits(input, r).trim(), r.json.trim(), JSON.stringify(input));
    }
  });

  it('gives the same output in chunks of 1, 2, 3 and 5 characters, with a valid view after each', () => {
    for (const input of inputs) {
      const whole = repairJson(input);
      for (const size of [1, 2, 3, 5]) {
        const s = createStreamRepairer();
        let out = '';
        for (let i = 0; i < input.length; i += size) {
          out += s.push(input.slice(i, i + size)).output;
          const view = s.view();
          if (view !== null) assert.doesNotThrow(() => JSON.parse(view), `${JSON.stringify(input)} view ${view}`);
        }
        const end = s.end();
        out += end.final;
        assert.equal(out, whole.json ?? '', `${JSON.stringify(input)} in chunks of ${size}`);
        assert.equal(end.status, whole.status, `${JSON.stringify(input)} in chunks of ${size}`);
      }
    }
  });

  it('throws nothing but StreamFixError, even with tight limits', () => {
    for (const input of inputs.slice(0, 1000)) {
      try {
        const r = repairJson(input, { maxDepth: 3, maxHoldBack: 8, maxInputLength: 40 });
        assert.ok(r.status !== 'FAILED' || r.error !== undefined);
      } catch (e) {
        assert.ok(e instanceof StreamFixError, String(e));
      }
    }
  });
});
