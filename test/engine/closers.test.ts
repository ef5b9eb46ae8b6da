/** view()'s closers kept per depth (closers.ts): the same text as closing the whole stack from scratch,
 * whatever the stack went through; and view() itself with a value string open and closed. */
import { strict as assert } from 'node:assert';
import { Closers } from '../../shared/engine/closers';
import { createStreamRepairer } from '../../shared/engine';
import { mulberry32 as rng } from '../random';

const LBRACE = 123;
const LBRACKET = 91;

/** The closers built from scratch, innermost first (what view() did before the cache). */
function fromScratch(stack: number[], inString: boolean): string {
  let s = inString ? '"' : '';
  for (let k = stack.length - 1; k >= 0; k--) s += stack[k] === LBRACE ? '}' : ']';
  return s;
}


describe('engine/closers', () => {
  it('gives the closers of an empty stack: nothing, or the quote alone', () => {
    const c = new Closers();
    c.update([]);
    assert.equal(c.text(false), '');
    assert.equal(c.text(true), '"');
  });

  it('equals closing the stack from scratch after every push, pop, truncation and reset, quoted or not', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = rng(seed);
      const c = new Closers();
      const stack: number[] = [];
      for (let step = 0; step < 2000; step++) {
        const r = next();
        if (r < 0.45) stack.push(next() < 0.5 ? LBRACE : LBRACKET);
        else if (r < 0.85) stack.pop();
        else if (r < 0.95) stack.length = Math.floor(next() * (stack.length + 1)); // mismatched bracket
        else stack.length = 0; // a new candidate
        c.update(stack);
        // several reads between two changes, in both forms, as view() after pushes that change nothing
        for (const inString of [next() < 0.5, true, false]) {
          assert.equal(c.text(inString), fromScratch(stack, inString), `seed ${seed} step ${step} stack ${String.fromCharCode(...stack)}`);
        }
      }
    }
  });

  it('keeps view() exact as containers open and close one character at a time', () => {
    const text = '{"a": [1, {"b": "x"}, [[]]], "c": {"d": ["y", {"e": {}}]}}';
    const views: (string | null)[] = [];
    const s = createStreamRepairer();
    for (const ch of text) {
      s.push(ch);
      views.push(s.view());
    }
    assert.equal(s.end().json, text);
    // views[i]: after text[i]; the text so far less what is held (a comma, a key, a number that may go
    // on), then its closers: a quote first while a value string is open
    const at = (i: number, view: string | null) => assert.equal(views[i], view, `after ${JSON.stringify(text.slice(0, i + 1))}`);
    // the text's first `{` waits for the character after it (a LaTeX group, `{\text{a}}`, is no JSON)
    at(0, null);
    at(5, '{}');
    at(6, '{"a": []}');
    at(8, '{"a": [1]}');
    at(10, '{"a": [1, {}]}');
    at(16, '{"a": [1, {"b": ""}]}');
    at(17, '{"a": [1, {"b": "x"}]}');
    at(22, '{"a": [1, {"b": "x"}, []]}');
    at(23, '{"a": [1, {"b": "x"}, [[]]]}');
    for (let i = 24; i <= 33; i++) at(i, '{"a": [1, {"b": "x"}, [[]]]}');
    at(34, '{"a": [1, {"b": "x"}, [[]]], "c": {}}');
    at(40, '{"a": [1, {"b": "x"}, [[]]], "c": {"d": []}}');
    at(41, '{"a": [1, {"b": "x"}, [[]]], "c": {"d": [""]}}');
    at(42, '{"a": [1, {"b": "x"}, [[]]], "c": {"d": ["y"]}}');
    at(46, '{"a": [1, {"b": "x"}, [[]]], "c": {"d": ["y", {}]}}');
    for (let i = 52; i < text.length; i++) at(i, text);
  });
});
