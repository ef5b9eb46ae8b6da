/** takeCorrections: a text that starts as JSON and corrects its value later answers with the correction
 * when the caller has the whole text (README "The answer"), one-shot and at every split into chunks. */
import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, StreamFixError, summarizeRepairs, type RepairResult } from '../../shared/engine';
import { buildCorpus } from '../bench/corpus';
import { rng } from '../bench/docs';
import { applyEdits } from './applyEdits';
import { TRIAL4_CASES } from './trial4/cases';
import { TRIAL4_ROUND2 } from './trial4/cases2';
import { TRIAL5_DESIGN_LIMITS, trial5Cases } from './trial5/cases';
import { trial5Round2 } from './trial5/cases2';
import { TRIAL8_CASES } from './trial8/cases';
import { TRIAL9_CASES } from './trial9/cases';
import { TRIAL10_CASES } from './trial10/cases';

type Span = [kind: string, offset: number, line: number, column: number, text: string];
interface Row {
  text: string;
  json: string | null;
  status: RepairResult['status'];
  repairs: [kind: string, offset: number][];
  stripped: Span[];
}

const ROWS: Row[] = [
  {
    text: '{"a": 1}\n\nActually, use {"a": 2} instead.',
    json: '{"a": 2}',
    status: 'VALID',
    repairs: [],
    stripped: [
      ['draft', 0, 0, 0, '{"a": 1}'],
      ['prose', 10, 2, 0, 'Actually, use'],
      ['trailing', 33, 2, 23, 'instead.'],
    ],
  },
  {
    // the correction repaired on its own, the draft's own repair (the trailing comma) not listed
    text: "{\"a\": [1,]}\nCorrection: {'a': [1, 2],}",
    json: '{"a": [1, 2]}',
    status: 'REPAIRED',
    repairs: [
      ['single_quotes', 25],
      ['single_quotes', 27],
      ['trailing_comma', 36],
    ],
    stripped: [
      ['draft', 0, 0, 0, '{"a": [1,]}'],
      ['prose', 12, 1, 0, 'Correction:'],
    ],
  },
  {
    // reasoning and fences around the draft stay what they are; the last of two corrections is taken
    text: '<think>x</think>\n```json\n{a: 1}\n```\nActually, {"a": 2}. Hmm no wait: {"a": 3}\nDone.',
    json: '{"a": 3}',
    status: 'VALID',
    repairs: [],
    stripped: [
      ['reasoning', 0, 0, 0, '<think>x</think>'],
      ['fence', 17, 1, 0, '```json\n'],
      ['draft', 25, 2, 0, '{a: 1}'],
      ['fence', 32, 3, 0, '```'],
      ['prose', 36, 4, 0, 'Actually,'],
      ['draft', 46, 4, 10, '{"a": 2}'],
      ['prose', 54, 4, 18, '. Hmm no wait:'],
      ['trailing', 78, 5, 0, 'Done.'],
    ],
  },
  {
    // a second top-level value of the draft stays recorded, and keeps the status REPAIRED
    text: '{"a":1}{"b":2}\nCorrection: {"a":3}',
    json: '{"a":3}',
    status: 'REPAIRED',
    repairs: [],
    stripped: [
      ['draft', 0, 0, 0, '{"a":1}'],
      ['extra_value', 7, 0, 7, '{"b":2}'],
      ['prose', 15, 1, 0, 'Correction:'],
    ],
  },
  {
    // trial 8: an apology, then a sentence naming the correct value before its colon, then the fenced correction
    text: '```json\n{"total": 42}\n```\n\nI apologize, I made an error. The correct result is:\n\n```json\n{"total": 44}\n```',
    json: '{"total": 44}',
    status: 'VALID',
    repairs: [],
    stripped: [
      ['fence', 0, 0, 0, '```json\n'],
      ['draft', 8, 1, 0, '{"total": 42}'],
      ['fence', 22, 2, 0, '```'],
      ['prose', 27, 4, 0, 'I apologize, I made an error. The correct result is:\n\n```json'],
      ['trailing', 103, 8, 0, '```'],
    ],
  },
  {
    // trial 10: interleaved thinking, the value given again after a reasoning block that followed it is the
    // correction (the draft is the value alone, not the block after it)
    text: '<think>plan</think>{"a": 1} <think>Wait, b is missing.</think>{"a": 1, "b": 2}',
    json: '{"a": 1, "b": 2}',
    status: 'VALID',
    repairs: [],
    stripped: [
      ['reasoning', 0, 0, 0, '<think>plan</think>'],
      ['draft', 19, 0, 19, '{"a": 1}'],
      ['reasoning', 28, 0, 28, '<think>Wait, b is missing.</think>'],
    ],
  },
  {
    // the same in harmony channels: a `final` header between the analysis and the value keeps it a correction
    text: '<|channel|>final<|message|>{"a":1}<|end|><|channel|>analysis<|message|>fix<|end|><|channel|>final<|message|>{"a":2}',
    json: '{"a":2}',
    status: 'VALID',
    repairs: [],
    stripped: [
      ['wrapper', 0, 0, 0, '<|channel|>final<|message|>'],
      ['draft', 27, 0, 27, '{"a":1}'],
      ['wrapper', 34, 0, 34, '<|end|>'],
      ['reasoning', 41, 0, 41, '<|channel|>analysis<|message|>fix<|end|>'],
      ['wrapper', 81, 0, 81, '<|channel|>final<|message|>'],
    ],
  },
  {
    // the value given again unchanged after a check: nothing to take, the result is the plain one
    text: '<think>check</think>{"sum": 5}<think>ok</think>{"sum": 5}',
    json: '{"sum": 5}',
    status: 'REPAIRED',
    repairs: [],
    stripped: [
      ['reasoning', 0, 0, 0, '<think>check</think>'],
      ['reasoning', 30, 0, 30, '<think>ok</think>'],
      ['correction', 47, 0, 47, '{"sum": 5}'],
    ],
  },
  {
    // no correction: the same as without the option
    text: '{"a": 1}\n\nFor example, {"b": 2} also works.',
    json: '{"a": 1}',
    status: 'VALID',
    repairs: [],
    stripped: [['trailing', 10, 2, 0, 'For example, {"b": 2} also works.']],
  },
  {
    text: "Here: {'a': 1,",
    json: '{"a": 1}',
    status: 'TRUNCATED',
    repairs: [
      ['single_quotes', 7],
      ['single_quotes', 9],
      ['trailing_comma', 13],
      ['unclosed_container', 14],
    ],
    stripped: [['prose', 0, 0, 0, 'Here:']],
  },
];

function shape(r: RepairResult): Omit<Row, 'text'> {
  return {
    json: r.json,
    status: r.status,
    repairs: r.repairs.map((x) => [x.kind, x.offset]),
    stripped: r.stripped.map((s) => [s.kind, s.offset, s.line, s.column, s.text]),
  };
}

/** The text pushed in `chunks`: every update has no output, repairs or spans; the end gives it all. */
function streamed(chunks: string[]): RepairResult & { out: string } {
  const s = createStreamRepairer({ takeCorrections: true });
  for (const ch of chunks) {
    const u = s.push(ch);
    assert.deepEqual([u.output, u.repairs.length, u.stripped.length], ['', 0, 0]);
    assert.equal(s.emitted, '');
  }
  const { final, reasoning: _r, finalRepairs, ...result } = s.end();
  assert.deepEqual(finalRepairs, result.repairs);
  assert.equal(s.emitted, final);
  return { ...result, out: final };
}

describe('engine: takeCorrections', () => {
  for (const row of ROWS) {
    it(`${JSON.stringify(row.text)}: whole and at every split into two and three chunks`, () => {
      const whole = repairJson(row.text, { takeCorrections: true });
      const { text: _t, ...want } = row;
      assert.deepEqual(shape(whole), want);
      const t = row.text;
      for (let i = 0; i <= t.length; i++) {
        for (let j = i; j <= t.length; j++) {
          const r = streamed([t.slice(0, i), t.slice(i, j), t.slice(j)]);
          assert.equal(r.out, whole.json ?? '', `split ${i} ${j}`);
          const { out: _o, ...res } = r;
          assert.deepEqual(res, whole, `split ${i} ${j}`);
        }
      }
      assert.deepEqual(streamed(t.split('')).out, whole.json ?? '');
    });
  }

  it('changes nothing for a text without a correction, nor for one that gives its value again unchanged: the whole corpus (3,032 cases) gives what it gives without the option', () => {
    const cases = buildCorpus();
    assert.ok(cases.length >= 3032);
    let again = 0;
    for (const c of cases) {
      const plain = repairJson(c.input);
      // a value repeated after a reasoning block (trial 10: `{"sum": 5}`, a check, `{"sum": 5}`) is a
      // correction span equal to the answer: nothing to take
      const corrections = plain.stripped.filter((s) => s.kind === 'correction');
      if (corrections.length > 0) again++;
      for (const s of corrections) assert.deepEqual(JSON.parse(s.text), JSON.parse(plain.json!), c.input);
      assert.deepEqual(repairJson(c.input, { takeCorrections: true }), plain, c.input);
    }
    assert.equal(again, 2); // trial 10: t10-inter-05, t10b-12
  });

  it('gives the value the user wanted in each of trial 4\'s texts that correct a JSON-started value (the known limit of a stream)', () => {
    const open = [...TRIAL4_CASES, ...TRIAL4_ROUND2].filter((c) => c.open !== undefined);
    assert.equal(open.length, 7);
    for (const c of open) {
      const plain = repairJson(c.text);
      assert.notDeepEqual(JSON.parse(plain.json!), c.expected, c.text);
      const r = repairJson(c.text, { takeCorrections: true });
      assert.deepEqual(JSON.parse(r.json!), c.expected, c.text);
      assert.ok(r.stripped.some((s) => s.kind === 'draft'), c.text);
      assert.ok(!r.stripped.some((s) => s.kind === 'correction'), c.text);
    }
  });

  it("gives the value the user wanted in trial 5's design-limit text (a fenced draft before a lone </think>; its <analysis> draft is answered without the option since trial 10)", () => {
    const limits = [...trial5Cases, ...trial5Round2].filter((t) => TRIAL5_DESIGN_LIMITS.has(t.name));
    assert.equal(limits.length, 1);
    for (const t of limits) {
      assert.notDeepEqual(JSON.parse(repairJson(t.text).json!), t.value, t.name);
      const r = repairJson(t.text, { takeCorrections: true });
      assert.deepEqual([r.status, JSON.parse(r.json!)], ['VALID', t.value], t.name);
    }
  });

  it("gives the value the user wanted in trial 8's two texts that start as JSON and are corrected later (an apology and \"The correct result is:\", a \"Let me redo that:\")", () => {
    const limits = TRIAL8_CASES.filter((t) => t.id === 't8-redo-03' || t.id === 't8-redo-07');
    assert.equal(limits.length, 2);
    for (const t of limits) {
      const plain = repairJson(t.text);
      assert.notDeepEqual(JSON.parse(plain.json!), t.want, t.id);
      assert.ok(plain.stripped.some((s) => s.kind === 'correction'), t.id);
      const r = repairJson(t.text, { takeCorrections: true });
      assert.deepEqual(JSON.parse(r.json!), t.want, t.id);
      assert.ok(r.stripped.some((s) => s.kind === 'draft'), t.id);
    }
  });

  it("gives the value the user wanted in trial 9's and trial 10's interleaved-thinking texts (a value, a reasoning block, the value again), which a stream cannot (the first value streamed)", () => {
    const texts = [...TRIAL9_CASES.filter((t) => t.id === 't9-think-04' || t.id === 't9-think-05'), ...TRIAL10_CASES.filter((t) => t.id === 't10-inter-01' || t.id === 't10-inter-08')];
    assert.equal(texts.length, 4);
    for (const t of texts) {
      const plain = repairJson(t.text);
      assert.notDeepEqual(JSON.parse(plain.json!), t.want, t.id);
      assert.ok(plain.stripped.some((s) => s.kind === 'correction'), t.id);
      const r = repairJson(t.text, { takeCorrections: true });
      assert.deepEqual(JSON.parse(r.json!), t.want, t.id);
      assert.ok(r.stripped.some((s) => s.kind === 'draft'), t.id);
    }
  });

  it('streams reasoning as it comes and holds the rest; view() and tentative() show the held value', () => {
    const s = createStreamRepairer({ takeCorrections: true });
    const plain = createStreamRepairer();
    assert.equal(s.push('<think>plan it').reasoning, 'plan it');
    plain.push('<think>plan it');
    s.push('</think>{"a": 1, "b": [true');
    assert.equal(plain.push('</think>{"a": 1, "b": [true').output, '{"a": 1, "b": [');
    assert.equal(s.view(), '{"a": 1, "b": []}');
    assert.equal(s.view(), plain.view());
    assert.equal(s.tentative(), '{"a": 1, "b": []}');
    s.push(']}\nNo wait, that is wrong: {"a": 2}');
    const end = s.end();
    assert.equal(end.final, '{"a": 2}');
    assert.equal(end.json, '{"a": 2}');
    assert.equal(s.view(), '{"a": 2}');
    assert.equal(s.tentative(), null);
    assert.equal(summarizeRepairs(end), 'No repairs needed; stripped a think block, surrounding text, a value the text corrected (the correction taken)');
  });

  it('refuses the options it cannot go with, and a value that is not a boolean', () => {
    const invalid = (message: RegExp) => (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION' && message.test(e.message);
    assert.throws(() => createStreamRepairer({ takeCorrections: true, keepOutput: false }), invalid(/keepOutput: false/));
    assert.throws(() => createStreamRepairer({ takeCorrections: true, maxListEntries: 10 }), invalid(/maxListEntries/));
    assert.throws(() => repairJson('{}', { takeCorrections: true, maxStrippedEntries: 10 }), invalid(/maxStrippedEntries/));
    assert.throws(() => repairJson('{}', { takeCorrections: 'yes' as unknown as boolean }), invalid(/must be a boolean, got yes/));
    assert.deepEqual(repairJson('{"a":1}', { takeCorrections: false }), repairJson('{"a":1}'));
  });

  it('reports a limit as the default does (FAILED with the error)', () => {
    const r = repairJson('[[[[1]]]]', { takeCorrections: true, maxDepth: 2 });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error?.code, 'DEPTH_LIMIT');
    assert.deepEqual(r, repairJson('[[[[1]]]]', { maxDepth: 2 }));
    const none = repairJson('no JSON here', { takeCorrections: true });
    assert.deepEqual(none, repairJson('no JSON here'));
  });
});

describe('engine: takeCorrections on random texts that correct themselves (seeded)', () => {
  const VALUES = ['{"a": 1}', "{'a': 2,}", '[1, 2,]', '{a: True}', '{"b": [1, {"c": null}]}', '[]', '{"x": "}"}', '{"q": "No wait"}', '{"n": 0x1F}', '{"cut": [1, 2'];
  const CUES = ['\n\nActually, use ', ' No wait, ', '\nCorrection: ', '\nHmm, that is wrong: ', '\n### Corrected output\n', '\nFor example, ', '\nLet me know if that is wrong: ', ' ', '\n', 'Oops, one caveat: '];
  const TAILS = ['', ' instead.', '\nDone.', '\n```', ' hope that helps', '<|return|>'];
  const HEADS = ['', '```json\n', '<think>plan {x}</think>', 'Here: ', '  '];
  const random = rng(20261201);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const inputs: string[] = [];
  for (let n = 0; n < 600; n++) {
    let s = pick(HEADS) + pick(VALUES);
    for (let k = Math.floor(random() * 3); k >= 0; k--) s += pick(CUES) + pick(VALUES);
    inputs.push(s + pick(TAILS));
  }

  it('gives parseable output whose repairs and spans rebuild it, the same in chunks of 1, 2, 3 and 5; without a draft, what the default gives', () => {
    let drafts = 0;
    for (const input of inputs) {
      const whole = repairJson(input, { takeCorrections: true });
      if (whole.json === null) assert.equal(whole.status, 'FAILED', input);
      else {
        assert.doesNotThrow(() => JSON.parse(whole.json!), `${JSON.stringify(input)} -> ${whole.json}`);
        assert.equal(applyEdits(input, whole).trim(), whole.json.trim(), JSON.stringify(input));
      }
      if (whole.stripped.some((s) => s.kind === 'draft')) drafts++;
      else assert.deepEqual(whole, repairJson(input), JSON.stringify(input));
      for (const size of [1, 2, 3, 5]) {
        const chunks: string[] = [];
        for (let i = 0; i < input.length; i += size) chunks.push(input.slice(i, i + size));
        const { out, ...res } = streamed(chunks);
        assert.equal(out, whole.json ?? '', `${JSON.stringify(input)} in chunks of ${size}`);
        assert.deepEqual(res, whole, `${JSON.stringify(input)} in chunks of ${size}`);
      }
    }
    // the generator reaches the option's work: about half of the texts take a correction
    assert.ok(drafts > 150 && drafts < 450, `${drafts} of ${inputs.length} took a correction`);
  });
});

describe('engine: takeCorrections, release()', () => {
  /** Pushed in two chunks with a release between: the updates' outputs, repairs and spans, and the end,
   * as the default repairer gives them for the same chunks (a release after the end gives nothing). */
  function released(text: string, at: number) {
    const s = createStreamRepairer({ takeCorrections: true });
    const plain = createStreamRepairer();
    const u1 = s.push(text.slice(0, at));
    const p1 = plain.push(text.slice(0, at));
    // held: nothing out yet, what the default wrote is what is held
    assert.deepEqual([u1.output, u1.repairs.length, u1.stripped.length, u1.reasoning], ['', 0, 0, p1.reasoning]);
    assert.equal(s.heldOutput, p1.output);
    const r = s.release!();
    assert.deepEqual([r.output, r.repairs, r.stripped, r.phase], [p1.output, [...p1.repairs], [...p1.stripped], p1.phase]);
    assert.equal(s.heldOutput, '');
    assert.deepEqual(s.release!().output, '');
    const u2 = s.push(text.slice(at));
    const p2 = plain.push(text.slice(at));
    assert.deepEqual([u2.output, [...u2.repairs], [...u2.stripped], u2.reasoning], [p2.output, [...p2.repairs], [...p2.stripped], p2.reasoning]);
    assert.equal(s.emitted, plain.emitted);
    assert.equal(s.view(), plain.view());
    assert.deepEqual(s.end(), plain.end());
    assert.equal(s.release!().output, '');
  }

  for (const row of ROWS) {
    it(`${JSON.stringify(row.text)}: released at every split point, then streams as without the option (the first value)`, () => {
      for (let at = 0; at <= row.text.length; at++) released(row.text, at);
    });
  }

  it('the default repairer has no release()', () => {
    assert.equal(createStreamRepairer().release, undefined);
    assert.equal(createStreamRepairer().heldOutput, undefined);
  });
});
