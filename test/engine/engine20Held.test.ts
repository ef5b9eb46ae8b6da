/**
 * What engine20's guillemet spacing holds while a stream is undecided, where it stops holding, and a
 * seeded mix of guillemet strings streamed against one-shot at every split (strings.ts guillemetSpaces).
 */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, StreamFixError } from '../../shared/engine';
import { GUILLEMET_SPACES } from '../../shared/engine/strings';
import { mulberry32 as rng } from '../random';
import { assertSameStreamed } from './sameStreamed';

describe('engine20: spaces inside guillemets, held while undecided, bounded', () => {
  it('holds the spaces at a push end inside a guillemet string until the character after them decides', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{"a": « Paris ').output, '{"a": "Paris');
    assert.equal(r.view(), '{"a": "Paris"}');
    assert.equal(r.push('\u202f').output, '');
    assert.equal(r.push('»}').output, '"}');
    const t = createStreamRepairer();
    assert.equal(t.push('{"a": «Jean ').output, '{"a": "Jean');
    assert.equal(t.push('Dupont»}').output, ' Dupont"}');
    // after the `«`, spaces are removed whatever follows; held only to give one repair a run
    const l = createStreamRepairer();
    assert.equal(l.push('{"a": « ').output, '{"a": "');
    assert.equal(l.push(' x»}').output, 'x"}');
    assert.deepEqual(l.end().repairs.map((x) => [x.kind, x.offset, x.length]), [['smart_quotes', 6, 1], ['guillemet_space', 7, 2], ['smart_quotes', 10, 1]]);
  });

  it(`holds at most ${GUILLEMET_SPACES} spaces: past them the run is text`, () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{"a": «x' + ' '.repeat(GUILLEMET_SPACES)).output, '{"a": "x');
    assert.equal(r.push(' ').output, ' '.repeat(GUILLEMET_SPACES + 1));
    assert.equal(r.push('  ').output, '  ');
    assert.equal(r.push('»}').output, '"}');
  });

  it('a double-quoted string is not held at a space', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{"a": "Paris ').output, '{"a": "Paris ');
  });

  it('streams as it repairs one-shot: seeded guillemet strings with spaces, keys and values', function () {
    this.timeout(120000);
    const next = rng(20);
    const spaces = [' ', '\u00a0', '\u202f', '  ', ' \u202f', ' '.repeat(GUILLEMET_SPACES), ' '.repeat(GUILLEMET_SPACES + 1), ''];
    const words = ['Paris', 'Jean Dupont', 'x', '', 'a\\nb', 'l\'été', 'say "hi"', '\t'];
    const pick = <T>(a: T[]): T => a[Math.floor(next() * a.length)];
    const gq = () => '«' + pick(spaces) + pick(words) + pick(spaces) + (next() < 0.9 ? '»' : '');
    for (let n = 0; n < 300; n++) {
      const members: string[] = [];
      const m = 1 + Math.floor(next() * 3);
      for (let k = 0; k < m; k++) members.push((next() < 0.5 ? gq() : '"k' + k + '"') + pick([': ', ' : ', ':']) + (next() < 0.7 ? gq() : pick(['1', '"v"', '[«a »]'])));
      let text = (next() < 0.3 ? 'Voici : ' : '') + '{' + members.join(', ') + (next() < 0.85 ? '}' : '');
      if (next() < 0.2) text = text.slice(0, Math.floor(next() * text.length));
      assertSameStreamed(text, repairJson(text));
    }
  });
});

describe('engine20: a `{` starting the text waits for what follows it (LaTeX), unless the input is a JSON value', () => {
  it('holds a starting `{` until the characters after it tell a LaTeX group (at most 3)', () => {
    const r = createStreamRepairer();
    assert.equal(r.push('{').output, '');
    assert.equal(r.view(), null);
    assert.equal(r.push('"a": 1}').output, '{"a": 1}');
    const l = createStreamRepairer();
    assert.equal(l.push('{\\').output, '');
    assert.equal(l.push('t').output, '');
    assert.equal(l.push('ext{a}}').output, '');
    assert.equal(l.end().status, 'FAILED');
    // a stream that ends right after the `{` gives what it gave: `{}`, TRUNCATED
    const cut = createStreamRepairer();
    assert.equal(cut.push('{').output, '');
    const end = cut.end();
    assert.deepEqual([end.final, end.status], ['{}', 'TRUNCATED']);
  });

  it('jsonInput: true (the gateway\'s tool-call arguments) sends the `{` at once and reads `{\\text` as before', () => {
    const r = createStreamRepairer({ jsonInput: true });
    assert.equal(r.push('{').output, '{');
    assert.equal(r.view(), '{}');
    const whole = repairJson('{\\text{a}}', { jsonInput: true });
    assert.deepEqual([whole.status, whole.json], ['REPAIRED', '{\t"ext":{"a": null}}']);
    assert.deepEqual([repairJson('{\\text{a}}').status, repairJson('{\\text{a}}').json], ['FAILED', null]);
  });

  it('jsonInput must be a boolean', () => {
    assert.throws(() => createStreamRepairer({ jsonInput: 'yes' as unknown as boolean }), (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION');
  });
});
