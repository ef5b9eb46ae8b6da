/** auto mode without response_format: the answer's first characters (after reasoning) decide. */
import { strict as assert } from 'node:assert';
import { createAutoDecider, decideAuto } from '../../../server/gateway/autoMode';
import { ContentProcessor } from '../../../server/gateway/content';

const TABLE: [string, 'repair' | 'strip', string][] = [
  ['{"a": 1}', 'repair', 'auto: the answer starts as JSON ({)'],
  ['  \n[1, 2]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['<think>Plan: text first.</think>\n{"a": 1}', 'repair', 'auto: the answer starts as JSON ({)'],
  ['<|channel|>analysis<|message|>hm<|end|><|channel|>final<|message|>[1]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['```json\n{"a": 1}\n```', 'repair', 'auto: the answer starts with a ```json fence'],
  ['```JSON {"a": 1}```', 'repair', 'auto: the answer starts with a ```json fence'],
  ['```python\nprint(1)\n```', 'strip', 'auto: the answer starts with a fence that is not ```json'],
  ['```\n{"a": 1}\n```', 'strip', 'auto: the answer starts with a fence that is not ```json'],
  ['Sure! {"a": 1}', 'strip', 'auto: the answer starts with text'],
  ['`x` is a variable', 'strip', 'auto: the answer starts with text'],
  ['<think>only reasoning</think>', 'strip', 'auto: no answer content'],
  // prose that starts with a bracket is text: only what clearly opens a JSON value is repaired
  ['[Docs](https://example.com) explain the setup.', 'strip', 'auto: the answer starts with text'],
  ['[x] done\n[ ] todo', 'strip', 'auto: the answer starts with text'],
  ['[None of these apply]', 'strip', 'auto: the answer starts with text'],
  ['[/docs](x) first', 'strip', 'auto: the answer starts with text'],
  ['{name} is the placeholder you fill in.', 'strip', 'auto: the answer starts with text'],
  ['{{user}} is filled in by the template', 'strip', 'auto: the answer starts with text'],
  ['{name\n: 1}', 'strip', 'auto: the answer starts with text'],
  ['{name', 'strip', 'auto: the answer starts with text'],
  [`{${'k'.repeat(65)}: 1}`, 'strip', 'auto: the answer starts with text'],
  [`{k${' '.repeat(65)}: 1}`, 'strip', 'auto: the answer starts with text'],
  ["{name: 'Ada', tags: ['x',],}", 'repair', 'auto: the answer starts as JSON ({)'],
  [`{${'k'.repeat(64)}${' '.repeat(64)}: 1}`, 'repair', 'auto: the answer starts as JSON ({)'],
  ['{ \n  "a": 1}', 'repair', 'auto: the answer starts as JSON ({)'],
  ["{'a': 1}", 'repair', 'auto: the answer starts as JSON ({)'],
  ['{\u201ca\u201d: 1}', 'repair', 'auto: the answer starts as JSON ({)'],
  ['{// note\n"a": 1}', 'repair', 'auto: the answer starts as JSON ({)'],
  ['{}', 'repair', 'auto: the answer starts as JSON ({)'],
  ['{', 'repair', 'auto: the answer starts as JSON ({)'],
  ['[ True, None ]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['[null]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['[/* c */ 1]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['[-1.5, {"a": 1}]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['[]', 'repair', 'auto: the answer starts as JSON ([)'],
  // a short value (closed within 64 characters) followed on its line by a word, `:` or `(` is prose
  ['[1] is a footnote marker.', 'strip', 'auto: the answer starts with text'],
  ['[1]   is a footnote marker.', 'strip', 'auto: the answer starts with text'],
  ['[2]: https://example.com/notes', 'strip', 'auto: the answer starts with text'],
  ['[3](https://example.com) has the details', 'strip', 'auto: the answer starts with text'],
  ['{"a": 1} is the object you asked for.', 'strip', 'auto: the answer starts with text'],
  ['["a]", {"b": "}"}] été', 'strip', 'auto: the answer starts with text'],
  // followed by the end, a line end, `,`, a fence or any other character, it is JSON
  ['[1]', 'repair', 'auto: the answer starts as JSON ([)'],
  ['[1]  ', 'repair', 'auto: the answer starts as JSON ([)'],
  ['[1]\nis the list', 'repair', 'auto: the answer starts as JSON ([)'],
  ['{"a": 1}, {"b": 2}', 'repair', 'auto: the answer starts as JSON ({)'],
  ['{"a": 1}\n```', 'repair', 'auto: the answer starts as JSON ({)'],
  ['{"a": 1}```', 'repair', 'auto: the answer starts as JSON ({)'],
  ['[1].', 'repair', 'auto: the answer starts as JSON ([)'],
  [`[1]${' '.repeat(65)}is`, 'repair', 'auto: the answer starts as JSON ([)'],
  // not closed within 64 characters: JSON, whatever follows
  [`{"a": "${'x'.repeat(56)}"} is long`, 'repair', 'auto: the answer starts as JSON ({)'],
  [`{"a": "${'x'.repeat(55)}"} is short`, 'strip', 'auto: the answer starts with text'],
  ['{"a": [1, 2', 'repair', 'auto: the answer starts as JSON ({)'],
  ['', 'strip', 'auto: no answer content'],
];

describe('gateway/autoMode', () => {
  for (const [text, mode, reason] of TABLE) {
    it(`decides ${mode} for ${JSON.stringify(text)} whole and at every split point`, () => {
      assert.deepEqual(decideAuto(text), { mode, reason });
      for (let k = 0; k <= text.length; k++) {
        const d = createAutoDecider();
        const got = d.push(text.slice(0, k)) ?? d.push(text.slice(k)) ?? d.end();
        assert.deepEqual(got, { mode, reason }, `split at ${k}`);
      }
    });
  }

  it('decides strip past its bound of whitespace before the answer (8 here; reasoning not counted), whole and at every split point', () => {
    const OVER = 'auto: over 8 characters of whitespace before the answer';
    const cases: [string, 'repair' | 'strip', string][] = [
      [' \n\t      {"a": 1}', 'strip', OVER],
      [' \n\t     {"a": 1}', 'repair', 'auto: the answer starts as JSON ({)'],
      ['        ', 'strip', 'auto: no answer content'],
      ['         ', 'strip', OVER],
      ['<think>                    </think>    [1]', 'repair', 'auto: the answer starts as JSON ([)'],
      ['    <think>x</think>     [1]', 'strip', OVER],
      ['    <think>x</think>    ```json\n[1]```', 'repair', 'auto: the answer starts with a ```json fence'],
    ];
    for (const [text, mode, reason] of cases) {
      assert.deepEqual(decideAuto(text, 8), { mode, reason }, JSON.stringify(text));
      for (let k = 0; k <= text.length; k++) {
        const d = createAutoDecider(8);
        const got = d.push(text.slice(0, k)) ?? d.push(text.slice(k)) ?? d.end();
        assert.deepEqual(got, { mode, reason }, `${JSON.stringify(text)} split at ${k}`);
      }
    }
  });

  it('holds at most its bound of whitespace (1 Mi characters) before it decides, then streams as strip', () => {
    const OVER = 'auto: over 1048576 characters of whitespace before the answer';
    const piece = ' \n'.repeat(2048);
    for (const [blank, mode, reason] of [[1024 * 1024, 'repair', 'auto: the answer starts as JSON ({)'], [1024 * 1024 + 4096, 'strip', OVER]] as const) {
      const c = new ContentProcessor('strip', {}, true);
      let out = '';
      let held = 0;
      for (let i = 0; i < blank / piece.length; i++) {
        out += c.push(piece).content;
        held = Math.max(held, (c as unknown as { heldStrip: string }).heldStrip.length);
      }
      out += c.push('{"a": 1,}').content + c.end().content;
      assert.deepEqual([c.mode, c.modeReason], [mode, reason]);
      // the client's bytes: the whitespace, then the answer repaired (under the bound) or as it came
      assert.equal(out, piece.repeat(blank / piece.length) + (mode === 'repair' ? '{"a": 1}' : '{"a": 1,}'));
      assert.ok(held <= 1024 * 1024 + piece.length, `held ${held}`);
      assert.deepEqual(decideAuto(`${piece.repeat(blank / piece.length)}{"a": 1,}`), { mode, reason });
    }
  });

  it('decides on the first meaningful characters, holding nothing more', () => {
    const d = createAutoDecider();
    assert.equal(d.push('<think>long reasoning'), null);
    assert.equal(d.push('</think>\n  '), null);
    // a bracket waits for the character after it (and a bare word after it, for its end), then for the
    // value's end (at most 64 characters) and the first character after it that is not a space
    assert.equal(d.push('{\n  '), null);
    assert.equal(d.push('"a": 1}  '), null);
    assert.deepEqual(d.push('\n'), { mode: 'repair', reason: 'auto: the answer starts as JSON ({)' });
    const w = createAutoDecider();
    assert.equal(w.push('{name '), null);
    assert.equal(w.push(": 'x'}"), null);
    assert.deepEqual(w.push(','), { mode: 'repair', reason: 'auto: the answer starts as JSON ({)' });
    assert.deepEqual(createAutoDecider().push('[D'), { mode: 'strip', reason: 'auto: the answer starts with text' });
    const n = createAutoDecider();
    assert.equal(n.push('[4'), null);
    assert.equal(n.push('] '), null);
    assert.deepEqual(n.push('i'), { mode: 'strip', reason: 'auto: the answer starts with text' });
    const long = createAutoDecider();
    assert.equal(long.push(`["${'x'.repeat(61)}`), null);
    assert.deepEqual(long.push('x'), { mode: 'repair', reason: 'auto: the answer starts as JSON ([)' });
    const f = createAutoDecider();
    assert.equal(f.push('```js'), null);
    assert.deepEqual(f.push('on\n'), { mode: 'repair', reason: 'auto: the answer starts with a ```json fence' });
  });

  it('sends prose that starts with a bracket as it came, at every split point', () => {
    const text = '<think>a</think>[Docs](https://example.com) explain {name}.';
    for (let k = 0; k <= text.length; k++) {
      const c = new ContentProcessor('strip', {}, true, undefined, 0);
      const parts = [c.push(text.slice(0, k)), c.push(text.slice(k)), c.end()];
      assert.deepEqual([c.mode, c.modeReason], ['strip', 'auto: the answer starts with text'], `split at ${k}`);
      assert.equal(parts.map((p) => p.content).join(''), '[Docs](https://example.com) explain {name}.', `split at ${k}`);
      assert.equal(parts.map((p) => p.reasoning).join(''), 'a', `split at ${k}`);
      assert.equal(c.result, null, `split at ${k}`);
    }
  });

  it('streams reasoning while undecided, then repairs an answer that starts as JSON', () => {
    const c = new ContentProcessor('strip', {}, true);
    assert.deepEqual(c.push('<think>a'), { content: '', reasoning: 'a', repairs: [] });
    assert.deepEqual(c.push('b</think>'), { content: '', reasoning: 'b', repairs: [] });
    // held until the value ends, or 64 characters of it: here the bound
    assert.deepEqual(c.push("{'k': 1,"), { content: '', reasoning: '', repairs: [] });
    const s = c.push(` 'v': "${'x'.repeat(60)}`);
    assert.equal(c.mode, 'repair');
    assert.equal(c.modeReason, 'auto: the answer starts as JSON ({)');
    assert.equal(s.content, `{"k": 1, "v": "${'x'.repeat(60)}`);
    assert.deepEqual(s.repairs.map((r) => r.kind), ['single_quotes', 'single_quotes', 'single_quotes', 'single_quotes']);
    const e = c.end();
    assert.equal(c.sent, `{"k": 1, "v": "${'x'.repeat(60)}"}`);
    assert.equal(e.content, '"}');
    assert.equal(c.result!.status, 'TRUNCATED'); // the object was never closed
  });

  it('strips an answer that starts with text (a model that does not hold prose)', () => {
    const c = new ContentProcessor('strip', {}, true, undefined, 0);
    assert.deepEqual(c.push('<think>a</think>Hello '), { content: 'Hello ', reasoning: 'a', repairs: [] });
    assert.equal(c.mode, 'strip');
    assert.equal(c.modeReason, 'auto: the answer starts with text');
    c.push('{there}');
    c.end();
    assert.equal(c.sent, 'Hello {there}');
    assert.equal(c.moved, 'a');
  });

  it('with holdProse (R1-style models, non-streaming): text before a lone closing tag was reasoning, the content after it decides, whole and at every split point', () => {
    const cases: [string, 'repair' | 'strip', string][] = [
      ['plan {x}</think>{"a": 1,}', 'repair', 'auto: the answer starts as JSON ({)'],
      ['Let me think. [1]?</thinking>\n\n[1, 2]', 'repair', 'auto: the answer starts as JSON ([)'],
      ['plan</think>```json\n{"a": 1}\n```', 'repair', 'auto: the answer starts with a ```json fence'],
      ['plan</think>Sure! {"a": 1}', 'strip', 'auto: the answer starts with text'],
      ['Sure! {"a": 1}', 'strip', 'auto: the answer starts with text'],
      ['plan</think>', 'strip', 'auto: no answer content'],
      // a reasoning block after the text: the text was content (as the strip splitter decides)
      ['Hello <think>x</think></think>{"a": 1}', 'strip', 'auto: the answer starts with text'],
      // JSON first: a closing tag inside it is the engine's to read, the decision stands
      ['{"s": "</think>"}', 'repair', 'auto: the answer starts as JSON ({)'],
    ];
    for (const [text, mode, reason] of cases) {
      assert.deepEqual(decideAuto(text), { mode, reason }, JSON.stringify(text));
      for (let k = 0; k <= text.length; k++) {
        const d = createAutoDecider(undefined, 4096);
        const got = d.push(text.slice(0, k)) ?? d.push(text.slice(k)) ?? d.end();
        assert.deepEqual(got, { mode, reason }, `${JSON.stringify(text)} split at ${k}`);
      }
    }
  });

  it('with holdProse, text waits at most that many characters for a lone closing tag, then decides strip', () => {
    const d = createAutoDecider(undefined, 10);
    assert.equal(d.push('  abcdefghij'), null);
    assert.deepEqual(d.push('k'), { mode: 'strip', reason: 'auto: the answer starts with text' });
    assert.deepEqual(d.push('</think>{"a": 1}'), { mode: 'strip', reason: 'auto: the answer starts with text' });
    // without holdProse (other models): the first character decides
    assert.deepEqual(createAutoDecider().push('p'), { mode: 'strip', reason: 'auto: the answer starts with text' });
  });

  it('repairs the JSON after R1-style reasoning with no opening tag, streamed at every split point (holdProse)', () => {
    const text = 'plan {x}</think>{"a": 1,}';
    for (let k = 0; k <= text.length; k++) {
      const c = new ContentProcessor('strip', {}, true, undefined, 4096);
      const a = c.push(text.slice(0, k));
      const b = c.push(text.slice(k));
      const e = c.end();
      assert.deepEqual([c.mode, c.modeReason], ['repair', 'auto: the answer starts as JSON ({)'], `split at ${k}`);
      assert.equal(a.content + b.content + e.content, '{"a": 1}', `split at ${k}`);
      assert.equal(a.reasoning + b.reasoning + e.reasoning, 'plan {x}', `split at ${k}`);
      assert.equal(c.result!.status, 'REPAIRED');
    }
  });
});
