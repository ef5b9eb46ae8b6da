/**
 * The reasoning stage's behaviour table, through the splitter (the gateway's strip mode, the Messages
 * API) at every split point and in 1-character chunks; the same inputs through the engine are in
 * cases.ts (category "reasoning").
 */
import { strict as assert } from 'node:assert';
import { createReasoningScanner, createReasoningSplitter, createStreamRepairer, repairJson, splitReasoning, type RepairResult, type SplitOutput } from '../../shared/engine';
import { HOLD_MAX } from '../../shared/engine/reasoning';
import { STAGE_CASES, type StageCase } from './stageCases';

type Piece = ['content' | 'reasoning', string];

/** One output's pieces as [kind, text], checked: none empty, no two adjacent of one kind, and `content`
 * and `reasoning` are its pieces joined by kind. */
function piecesOf(o: SplitOutput): Piece[] {
  const out: Piece[] = o.pieces.map((p) => [p.kind, p.text]);
  out.forEach(([kind, text], i) => {
    assert.notEqual(text, '', 'an empty piece');
    if (i > 0) assert.notEqual(kind, out[i - 1]![0], 'two adjacent pieces of one kind');
  });
  const joined = (k: string) => out.filter((p) => p[0] === k).map((p) => p[1]).join('');
  assert.deepEqual({ content: o.content, reasoning: o.reasoning }, { content: joined('content'), reasoning: joined('reasoning') });
  return out;
}

/** Pieces of consecutive outputs as one list (a piece continuing the last one's kind joins it). */
function appendPieces(all: Piece[], more: Piece[]): void {
  for (const [kind, text] of more) {
    const last = all[all.length - 1];
    if (last && last[0] === kind) last[1] += text;
    else all.push([kind, text]);
  }
}

function run(c: StageCase, chunks: string[]) {
  const s = createReasoningSplitter({ holdProse: c.holdProse });
  let content = '';
  let reasoning = '';
  const pieces: Piece[] = [];
  for (const ch of chunks) {
    const o = s.push(ch);
    content += o.content;
    reasoning += o.reasoning;
    appendPieces(pieces, piecesOf(o));
  }
  const e = s.end();
  appendPieces(pieces, piecesOf(e));
  return { content: content + e.content, reasoning: reasoning + e.reasoning, pieces, stripped: s.stripped.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.text]) };
}

describe('reasoning stage (splitter)', () => {
  for (const c of STAGE_CASES) {
    it(`${c.name}: whole text, every split point and 1-character chunks`, () => {
      const want = { content: c.content, reasoning: c.reasoning, pieces: c.pieces, stripped: c.stripped.map((x) => [...x, c.input.slice(x[1], x[1] + x[2])]) };
      const whole = splitReasoning(c.input, { holdProse: c.holdProse });
      assert.deepEqual({ content: whole.content, reasoning: whole.reasoning, pieces: piecesOf(whole), stripped: whole.stripped.map((x) => [x.kind, x.offset, x.length, x.line, x.column, x.text]) }, want);
      for (let k = 0; k <= c.input.length; k++) assert.deepEqual(run(c, [c.input.slice(0, k), c.input.slice(k)]), want, `split at ${k}`);
      assert.deepEqual(run(c, c.input.split('')), want, '1-character chunks');
      // the spans, taken out of the input, leave the content
      let rest = c.input;
      for (const sp of [...whole.stripped].reverse()) rest = rest.slice(0, sp.offset) + rest.slice(sp.offset + sp.length);
      assert.equal(rest, c.content);
    });
  }

  it('holds prose back until a lone closing tag decides it, and streams block reasoning as it comes', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('The user wants a list.</thi'), { content: '', reasoning: '', pieces: [] });
    assert.equal(s.held, 22);
    assert.deepEqual(s.push('nk>\n[1, 2]'), {
      content: '\n[1, 2]',
      reasoning: 'The user wants a list.',
      pieces: [{ kind: 'reasoning', text: 'The user wants a list.' }, { kind: 'content', text: '\n[1, 2]' }],
    });
    assert.deepEqual(s.push('<think>more '), { content: '', reasoning: 'more ', pieces: [{ kind: 'reasoning', text: 'more ' }] });
    assert.deepEqual(s.push('thought</think>'), { content: '', reasoning: 'thought', pieces: [{ kind: 'reasoning', text: 'thought' }] });
    assert.deepEqual(s.end(), { content: '', reasoning: '', pieces: [] });
  });

  it('releases held prose at a block\'s opening tag, before the block\'s reasoning (not at its closing tag, after it)', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('Step one. <thi'), { content: '', reasoning: '', pieces: [] });
    assert.equal(s.held, 10);
    // the tag is whole: the prose was content, and goes out now, with nothing of the block yet
    assert.deepEqual(s.push('nk>'), { content: 'Step one. ', reasoning: '', pieces: [{ kind: 'content', text: 'Step one. ' }] });
    assert.equal(s.held, 0);
    assert.deepEqual(s.push('plan'), { content: '', reasoning: 'plan', pieces: [{ kind: 'reasoning', text: 'plan' }] });
    // the text after the block is a new run of prose: held again (a lone closing tag may still come)
    assert.deepEqual(s.push('</think> Step two.'), { content: '', reasoning: '', pieces: [] });
    assert.equal(s.held, 10);
    assert.deepEqual(s.end(), { content: ' Step two.', reasoning: '', pieces: [{ kind: 'content', text: ' Step two.' }] });
    // in one push: content, then reasoning, then the next run held
    const t = createReasoningSplitter();
    assert.deepEqual(t.push('Step one. <think>plan</think> Step two.'), {
      content: 'Step one. ',
      reasoning: 'plan',
      pieces: [{ kind: 'content', text: 'Step one. ' }, { kind: 'reasoning', text: 'plan' }],
    });
    // reasoning, then content (JSON is not held), then reasoning again: three pieces of one push, in order
    const u = createReasoningSplitter();
    assert.deepEqual(u.push('<think>a</think>{"x": 1}<think>b'), {
      content: '{"x": 1}',
      reasoning: 'ab',
      pieces: [{ kind: 'reasoning', text: 'a' }, { kind: 'content', text: '{"x": 1}' }, { kind: 'reasoning', text: 'b' }],
    });
  });

  it('sends text that starts as JSON at once', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('  {"a": '), { content: '  {"a": ', reasoning: '', pieces: [{ kind: 'content', text: '  {"a": ' }] });
    assert.equal(s.held, 0);
  });

  it('releases held prose at the end of the input', () => {
    const s = createReasoningSplitter();
    assert.deepEqual(s.push('Hello there.'), { content: '', reasoning: '', pieces: [] });
    assert.deepEqual(s.end(), { content: 'Hello there.', reasoning: '', pieces: [{ kind: 'content', text: 'Hello there.' }] });
  });

  /** [content, reasoning, spans as [offset, length, text, cut]] at every split point, the same each time. */
  function atEverySplit(input: string, options: { holdProse?: number; keepBlockText?: number }) {
    const one = (chunks: string[]) => {
      const s = createReasoningSplitter(options);
      let content = '';
      let reasoning = '';
      for (const ch of chunks) {
        const o = s.push(ch);
        content += o.content;
        reasoning += o.reasoning;
      }
      const e = s.end();
      return { content: content + e.content, reasoning: reasoning + e.reasoning, stripped: s.stripped.map((x) => [x.offset, x.length, x.text, x.cut ?? null]) };
    };
    const whole = one([input]);
    for (let k = 0; k <= input.length; k++) assert.deepEqual(one([input.slice(0, k), input.slice(k)]), whole, `split at ${k}`);
    assert.deepEqual(one(input.split('')), whole, '1-character chunks');
    return whole;
  }

  it('keeps the head and tail of a block longer than keepBlockText for its span, the cut recorded; the reasoning streams whole', () => {
    assert.deepEqual(atEverySplit('<think>abcdefghijklmnop</think>{}', { keepBlockText: 10 }), {
      content: '{}',
      reasoning: 'abcdefghijklmnop',
      stripped: [[0, 31, '<thinhink>', { at: 5, chars: 21, bytes: 21 }]],
    });
    assert.deepEqual(atEverySplit('<think>abc</think>{}', { keepBlockText: 18 }), { content: '{}', reasoning: 'abc', stripped: [[0, 18, '<think>abc</think>', null]] });
    // an unclosed block cut by the end of the input, the same way
    assert.deepEqual(atEverySplit('x<think>0123456789', { keepBlockText: 6 }), { content: 'x', reasoning: '0123456789', stripped: [[1, 17, '<th789', { at: 3, chars: 11, bytes: 11 }]] });
    // the bytes dropped are counted as they passed: 2, 3 and 4 bytes a character (a pair is never split)
    assert.deepEqual(atEverySplit('<think>é€😀é€😀é€😀</think>{}', { keepBlockText: 10 }), {
      content: '{}',
      reasoning: 'é€😀é€😀é€😀',
      stripped: [[0, 27, '<thin😀</think>'.slice(0, 5) + '</think>'.slice(-5), { at: 5, chars: 17, bytes: Buffer.byteLength('<think>é€😀é€😀é€😀</think>') - 10 }]],
    });
  });

  it('holds spaces only up to holdProse: past it they go out, and a lone closing tag after them removes only the tag', () => {
    assert.deepEqual(atEverySplit('        </think>x', { holdProse: 5 }), { content: '        x', reasoning: '', stripped: [[8, 8, '</think>', null]] });
    assert.deepEqual(atEverySplit('    </think>x', { holdProse: 5 }), { content: 'x', reasoning: '', stripped: [[4, 8, '</think>', null]] });
    const s = createReasoningSplitter({ holdProse: 5 });
    for (let i = 0; i < 1000; i++) s.push('  ');
    assert.equal(s.held, 0, 'an endless run of spaces is not held');
    assert.deepEqual(s.push('</think>{}'), { content: '{}', reasoning: '', pieces: [{ kind: 'content', text: '{}' }] });
  });

  it('a scanner that keeps no block text (auto mode\'s decider) still reports the span and its length', () => {
    const spans: unknown[] = [];
    const reasoning: string[] = [];
    const scanner = createReasoningScanner({ content: () => undefined, reasoning: (t) => reasoning.push(t), span: (st) => spans.push(st), loneClose: () => true, literal: () => false }, 0);
    scanner.push('<think>' + 'x'.repeat(100000));
    scanner.push('</think>{}');
    scanner.end();
    assert.deepEqual(spans, [{ kind: 'reasoning', offset: 0, length: 100015, line: 0, column: 0, text: '', cut: { at: 0, chars: 100015, bytes: 100015 } }]);
    assert.equal(reasoning.join(''), 'x'.repeat(100000));
  });
});

describe('reasoning stage: a `<` that opens no tag', () => {
  /** The content segments the scanner gives for `chunks`, as [text, offset]. */
  function contentOf(chunks: string[]): [string, number][] {
    const got: [string, number][] = [];
    const scanner = createReasoningScanner({ content: (seg) => got.push([seg.text, seg.base]), reasoning: () => undefined, span: () => undefined, loneClose: () => false, literal: () => false });
    for (const c of chunks) scanner.push(c);
    scanner.end();
    return got;
  }

  it('hands the `<` over with the character that showed it is no tag, however the text is cut (the engine reads `<name>` by it)', () => {
    for (const chunks of [['{"a": <name>}'], ['{"a": <', 'name>}'], ['{"a": ', '<', 'n', 'ame>}']]) {
      const got = contentOf(chunks);
      assert.equal(got.map(([t]) => t).join(''), '{"a": <name>}');
      assert.ok(got.some(([t, at]) => at === 6 && t.startsWith('<n')), JSON.stringify(got));
    }
  });

  it('reads a `<` that showed it again, alone, so it may open a tag', () => {
    const spans: unknown[] = [];
    const scanner = createReasoningScanner({ content: () => undefined, reasoning: () => undefined, span: (st) => spans.push(st.offset), loneClose: () => false, literal: () => false });
    scanner.push('a <<think>x</think>');
    scanner.end();
    assert.deepEqual(spans, [3]);
  });
});

describe('reasoning stage: a `<` inside an open inline code span', () => {
  const split = (input: string, chunks: string[]) => {
    const s = createReasoningSplitter();
    let content = '';
    let reasoning = '';
    for (const ch of chunks) {
      const o = s.push(ch);
      content += o.content;
      reasoning += o.reasoning;
    }
    const e = s.end();
    return [content + e.content, reasoning + e.reasoning];
  };
  const check = (input: string, want: string[]) => {
    assert.deepEqual(split(input, [input]), want, 'whole text');
    for (let k = 0; k <= input.length; k++) assert.deepEqual(split(input, [input.slice(0, k), input.slice(k)]), want, `split at ${k}`);
    assert.deepEqual(split(input, input.split('')), want, '1-character chunks');
  };

  it(`waits up to HOLD_MAX (${HOLD_MAX}) characters for the span to close: within it, a span its line leaves open was literal backticks`, () => {
    const body = 'x'.repeat(HOLD_MAX - 20);
    check('a ` <think>' + body + '\nz', ['a ` ', body + '\nz']);
  });

  it('takes the `<` for text past HOLD_MAX characters held', () => {
    const input = 'a ` <think>' + 'x'.repeat(HOLD_MAX) + '\nz';
    check(input, [input, '']);
  });
});

describe('reasoning stage: markdown code, random inputs', () => {
  it('engine and splitter give the same result one-shot and at every split point (seeded backtick, tag and JSON pieces)', () => {
    const atoms = ['`', '``', '```', '```json', '<think>', '</think>', '{"a": ', '}', '"', '\n', ' ', '   ', 'a', 'b c', '[1]', ',', '<', 'x'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const key = (r: RepairResult) => JSON.stringify([r.json, r.status, r.repairs.map((x) => [x.kind, x.offset]), r.stripped.map((x) => [x.kind, x.offset, x.length])]);
    for (let t = 0; t < 300; t++) {
      let s = '';
      const n = 3 + rnd(12);
      for (let i = 0; i < n; i++) s += atoms[rnd(atoms.length)];
      const whole = key(repairJson(s));
      const w = splitReasoning(s);
      for (let k = 0; k <= s.length; k++) {
        const r = createStreamRepairer();
        const out = r.push(s.slice(0, k)).output + r.push(s.slice(k)).output;
        const e = r.end();
        assert.equal(key(e), whole, `${JSON.stringify(s)} split at ${k}`);
        if (e.json !== null) assert.equal(out + e.final, e.json, `${JSON.stringify(s)} split at ${k}`);
        const sp = createReasoningSplitter();
        const parts = [sp.push(s.slice(0, k)), sp.push(s.slice(k)), sp.end()];
        assert.deepEqual([parts.map((p) => p.content).join(''), parts.map((p) => p.reasoning).join('')], [w.content, w.reasoning], `${JSON.stringify(s)} split at ${k} (splitter)`);
      }
    }
  });
});
