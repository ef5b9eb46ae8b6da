/**
 * Property tests for the engine (fast-check): valid JSON is returned byte for byte; chunking never
 * changes the output; corrupted JSON comes back parseable (and, for lossless corruptions, with the
 * original value); arbitrary text never throws anything but StreamFixError and yields output whose
 * size is linear in the input.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createStreamRepairer, repairJson, StreamFixError } from '../../shared/engine';
import type { RepairResult } from '../../shared/engine/types';
import { type Token, join, OPERATORS, tokenize } from '../bench/corpus/corrupt';
import { truncationCandidates } from '../bench/corpus/truncationOracle';
import { deepEqual } from '../bench/corpus/types';

/** Fixed seed: a failure found once is found again on the next run. */
const SEED = 20261122;
const params = (numRuns: number) => ({ seed: SEED, numRuns });

/** Pushes `text` split at `cuts` and returns the concatenated output and the final result. */
function streamed(text: string, cuts: number[]): { output: string; result: RepairResult } {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const s = createStreamRepairer();
  let output = '';
  let last = 0;
  for (const p of [...points, text.length]) {
    output += s.push(text.slice(last, p)).output;
    last = p;
  }
  const end = s.end();
  return { output: output + end.final, result: end };
}

/** Where the string that ends `j.slice(0, p)` (spaces after it allowed) opens, or null if it ends otherwise. */
function heldStringStart(j: string, p: number): number | null {
  let open: number | null = null;
  let last: number | null = null;
  for (let i = 0; i < p; i++) {
    const c = j[i];
    if (open !== null) {
      if (c === '\\') i++;
      else if (c === '"') {
        last = open;
        open = null;
      }
    } else if (c === '"') open = i;
    else if (c !== ' ' && c !== '\n' && c !== '\t' && c !== '\r') last = null;
  }
  return open === null ? last : null;
}

/** Runs fn, allowing only StreamFixError to escape (returned as null). */
function tryRepair(text: string): RepairResult | null {
  try {
    return repairJson(text);
  } catch (e) {
    if (e instanceof StreamFixError) return null;
    throw e;
  }
}

/** Characters the engine scanned for `text` in one push (null when a limit stopped it, unless
 * `evenIfFailed`: then what it scanned up to the typed error). */
function charsScanned(text: string, evenIfFailed = false): number | null {
  const r = createStreamRepairer();
  try {
    r.push(text);
    r.end();
  } catch (e) {
    if (!(e instanceof StreamFixError)) throw e;
    if (!evenIfFailed) return null;
  }
  return r.charsScanned;
}

const jsonText = fc.json({ maxDepth: 4 });
const pretty = jsonText.chain((j) => fc.constantFrom(j, JSON.stringify(JSON.parse(j), null, 2), JSON.stringify(JSON.parse(j), null, '\t')));
const containerJson = fc
  .jsonValue({ maxDepth: 4 })
  .filter((v) => typeof v === 'object' && v !== null)
  .map((v) => JSON.stringify(v));
/** Any UTF-16 code units, lone surrogates included. */
const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((cs) => String.fromCharCode(...cs));
const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]":,\' \\\n\tabc01-.eE+truefalsnTFN/*<>`'.split(''), '<think>', '</think>', '```', 'True', 'None', '\u201c', '\u201d', '😀'), maxLength: 120 });
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), utf16, jsonish);

describe('engine properties', () => {
  it('returns any valid JSON (compact, 2-space, tab-indented) VALID and byte-identical', () => {
    fc.assert(
      fc.property(pretty, (j) => {
        const r = repairJson(j);
        assert.equal(r.status, 'VALID');
        assert.equal(r.json, j);
        assert.deepEqual(r.repairs, []);
      }),
      params(300),
    );
  });

  it('gives the same output for valid JSON at any split into chunks', () => {
    fc.assert(
      fc.property(pretty, fc.array(fc.nat(), { maxLength: 8 }), (j, cuts) => {
        const s = streamed(j, cuts);
        assert.equal(s.output, j);
        assert.equal(s.result.json, j);
        assert.equal(s.result.status, 'VALID');
      }),
      params(200),
    );
  });

  it('comes back with the original value after lossless corruptions (alone or combined)', () => {
    const lossless = OPERATORS.filter((o) => o.lossless);
    // Containers at the top: a bare top-level word (`None`, `'abc'`) is as likely prose as JSON.
    const corrupted = fc
      .tuple(containerJson, fc.array(fc.tuple(fc.nat(lossless.length - 1), fc.nat()), { minLength: 1, maxLength: 4 }))
      .map(([j, picks]) => {
        let ts: Token[] = tokenize(j);
        const applied: string[] = [];
        for (const [o, k] of picks) {
          const sites = lossless[o].sites(ts);
          if (sites.length === 0) continue;
          ts = lossless[o].apply(ts, sites[k % sites.length]);
          applied.push(lossless[o].name);
        }
        return { original: j, text: join(ts), applied };
      });
    fc.assert(
      fc.property(corrupted, fc.array(fc.nat(), { maxLength: 6 }), ({ original, text, applied }, cuts) => {
        const r = repairJson(text);
        assert.notEqual(r.status, 'FAILED', `${applied.join(', ')}: ${r.error?.message}`);
        assert.ok(deepEqual(JSON.parse(r.json!), JSON.parse(original)), `${applied.join(', ')} on ${original}: got ${r.json}`);
        // The same repair at any split into chunks.
        const s = streamed(text, cuts);
        assert.equal(s.output, r.json);
        assert.deepEqual(s.result.repairs, r.repairs);
      }),
      params(800),
    );
  });

  it('comes back with the original value when wrapped in prose, fences, think blocks or tool-call tags', () => {
    const wraps = [
      (j: string) => `Sure! Here is the JSON you asked for:\n${j}\nHope it helps.`,
      (j: string) => '```json\n' + j + '\n```',
      (j: string) => '<think>I should output {"draft": [1, 2]} maybe.</think>\n' + j,
      (j: string) => 'Reasoning about the {fields}…\n</think>\n' + j,
      (j: string) => `<tool_call>\n${j}\n</tool_call>`,
      (j: string) => `Here is the result:\n${j}\nOops, one caveat: the ids may change between runs.`,
    ];
    fc.assert(
      fc.property(containerJson, fc.nat(wraps.length - 1), (j, w) => {
        const r = repairJson(wraps[w](j));
        assert.notEqual(r.json, null, r.error?.message);
        assert.ok(deepEqual(JSON.parse(r.json!), JSON.parse(j)), `wrap ${w} of ${j}: got ${r.json}`);
      }),
      params(300),
    );
  });

  it('takes the answer, not the draft or the example, in LLM-like text with several candidates', () => {
    // reasoning with a draft (with and without the opening tag), inline-code examples, examples inside a
    // sentence, retracted drafts: the answer comes last, in the place a model puts it
    const forms = [
      (d: string, a: string) => `<think>Let me sketch it: ${d} No wait, that misses fields.\n</think>\n${a}`,
      (d: string, a: string) => `Let me sketch it: ${d} No wait, that misses fields.\n</think>\n${a}`,
      (d: string, a: string) => `Use \`${d}\` as the shape. The answer:\n${a}`,
      (d: string, a: string) => `For example ${d} would be wrong here, so:\n\`\`\`json\n${a}\n\`\`\``,
      (d: string, a: string) => `Draft: ${d} Hmm, that is wrong.\n${a}`,
      (d: string, a: string) => `Okay, the user wants JSON. Something like ${d}? No, a single value.\n</thinking>${a}`,
      (_d: string, a: string) => `Template:\n\`\`\`json\n{"name": "<name>", "email": "<email>"}\n\`\`\`\nIf the email is missing, the result is still valid:\n${a}`,
    ];
    fc.assert(
      fc.property(containerJson, containerJson, fc.nat(forms.length - 1), fc.array(fc.nat(), { maxLength: 6 }), (d, a, f, cuts) => {
        fc.pre(!d.includes('`') && !a.includes('`') && !d.includes('<') && !a.includes('<'));
        const text = forms[f](d, a);
        const r = repairJson(text);
        assert.notEqual(r.json, null, r.error?.message);
        assert.ok(deepEqual(JSON.parse(r.json!), JSON.parse(a)), `form ${f}: ${JSON.stringify(text)} gave ${r.json}`);
        const s = streamed(text, cuts);
        assert.equal(s.output, r.json);
        assert.deepEqual(s.result.stripped, r.stripped);
      }),
      params(400),
    );
  });

  it('takes the value after "Actually," over a fenced draft, whatever the chunks', () => {
    fc.assert(
      fc.property(containerJson, containerJson, fc.array(fc.nat(), { maxLength: 6 }), (d, x, cuts) => {
        const a = `{"value": ${x}}`; // never empty: an empty {} ranks below the corrected draft
        const text = `Here is a first try:\n\`\`\`json\n${d}\n\`\`\`\nActually, with your data it is:\n${a}`;
        const r = repairJson(text);
        assert.notEqual(r.json, null, r.error?.message);
        assert.ok(deepEqual(JSON.parse(r.json!), JSON.parse(a)), `${JSON.stringify(text)} gave ${r.json}`);
        const s = streamed(text, cuts);
        assert.equal(s.output, r.json);
        assert.deepEqual(s.result.stripped, r.stripped);
      }),
      params(200),
    );
  });

  it('keeps everything complete and closes or drops the cut value when truncated', () => {
    fc.assert(
      fc.property(containerJson, fc.nat(), (j, n) => {
        const cut = 1 + (n % (j.length - 1));
        const r = repairJson(j.slice(0, cut));
        assert.notEqual(r.status, 'FAILED', r.error?.message);
        const got = JSON.parse(r.json!);
        assert.ok(
          truncationCandidates(j, cut).some((v) => deepEqual(v, got)),
          `${JSON.stringify(j.slice(0, cut))} gave ${r.json}`,
        );
      }),
      params(400),
    );
  });

  it('keeps a view after every chunk that is a prefix-consistent repair of the text so far', () => {
    fc.assert(
      fc.property(containerJson, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (j, cuts) => {
        const points = [...new Set(cuts.map((c) => 1 + (c % j.length)))].sort((a, b) => a - b);
        const s = createStreamRepairer();
        let last = 0;
        for (const p of points) {
          s.push(j.slice(last, p));
          last = p;
          const view = s.view();
          // a `[` alone may still become Mistral's `[TOOL_CALLS]` marker (not a value): it waits one character;
          // a `[` and a keyword's prefix or a number may still be a log prefix (`[INFO]`, `[2026-11-30 …]`,
          // prose): it waits until the word or the number ends
          const head = j.slice(0, p).trimStart();
          if (view === null && head !== '' && '[TOOL_CALLS]'.startsWith(head)) continue;
          if (view === null && /^\[(?:[A-Za-z]{1,9}|\d+[-:/]?)$/.test(head)) continue;
          // a `[[` (and a space and `#`s) may still be DSPy's field marker `[[ ## name ## ]]` (prose, trial 18): it waits
          // for the character after it
          if (view === null && /^\[\[(?: #{0,2})?$/.test(head)) continue;
          // a `{` starting the text waits for the characters after it (at most 3: a LaTeX group, `{\text`, is prose)
          if (view === null && /^\{(?:\\[A-Za-z]?)?$/.test(head)) continue;
          assert.notEqual(view, null, `no view after ${JSON.stringify(j.slice(0, p))}`);
          const got = JSON.parse(view!);
          // a string that ends the chunk may be held: `""` may still open a Python triple-quoted string, and an
          // array element after a non-string element may be the object's next key (`[1, "c": 3`, README); the
          // view leaves it out until the next characters say which, so the text before it is a candidate too
          const ok =
            p === j.length
              ? deepEqual(got, JSON.parse(j))
              : [p, heldStringStart(j, p)].some((q) => q !== null && truncationCandidates(j, q).some((v) => deepEqual(v, got)));
          assert.ok(ok, `view ${view} after ${JSON.stringify(j.slice(0, p))}`);
        }
      }),
      params(400),
    );
  });

  it('never throws anything but StreamFixError on arbitrary text, and any output parses', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const r = tryRepair(t);
        if (r === null || r.status === 'FAILED') return;
        assert.doesNotThrow(() => JSON.parse(r.json!), `input ${JSON.stringify(t)} gave ${JSON.stringify(r.json)}`);
      }),
      params(3000),
    );
  });

  it('gives the same output on arbitrary text at any split into chunks', () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        const whole = tryRepair(t);
        let s: ReturnType<typeof streamed> | null;
        try {
          s = streamed(t, cuts);
        } catch (e) {
          if (!(e instanceof StreamFixError)) throw e;
          s = null;
        }
        assert.equal(s === null, whole === null);
        if (s === null || whole === null) return;
        assert.equal(s.result.status, whole.status);
        assert.equal(s.result.json, whole.json);
        if (whole.json !== null) assert.equal(s.output, whole.json);
      }),
      params(600),
    );
  });

  it('scans each character a bounded number of times (work linear in operations, not wall time)', () => {
    // charsScanned counts every character handed to a scanner, rescans of rejected candidates
    // included; repeating an input k times must not make the work per character grow.
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 30 }), (t, k) => {
        const text = t.repeat(k);
        const scanned = charsScanned(text);
        if (scanned === null) return;
        assert.ok(scanned <= 3 * text.length + 16, `scanned ${scanned} for input ${text.length}`);
      }),
      params(300),
    );
    for (const unit of ['Use {x} ', '[1 [1 ', 'tru tru ', '"a" b ', '{"a": [', '[[[[{"a" b']) {
      const text = unit.repeat(20000);
      const scanned = charsScanned(text, true);
      assert.ok(scanned !== null && scanned <= 3 * text.length, `${unit}: scanned ${scanned} for ${text.length}`);
    }
  });

  it('scans whitespace before the value once, however many pushes bring it', () => {
    // 20,000 pushes of 10 spaces, then the value: each held space was scanned again on every push
    // (quadratic: 9.4 s on the lead's machine; now ~15 ms)
    for (const [pushes, unit, value] of [[20000, ' '.repeat(10), '{"a": 1}'], [5000, '\n \t', '`'], [3000, '  ', '[1]'], [2000, ' ', 'Sure: {"a": 1}']] as const) {
      const r = createStreamRepairer();
      let out = '';
      for (let i = 0; i < pushes; i++) out += r.push(unit).output;
      out += r.push(value).output;
      const end = r.end();
      out += end.final;
      const text = unit.repeat(pushes) + value;
      assert.equal(out, repairJson(text).json ?? '', `${pushes} × ${JSON.stringify(unit)} then ${value}`);
      assert.ok(r.charsScanned <= 3 * text.length, `scanned ${r.charsScanned} for ${text.length}`);
    }
  });

  it('produces output, repairs and stripped spans linear in the input size', () => {
    // The engine's work is bounded in operations, not wall time: every output character, repair and
    // stripped span is accounted for per input character, and repeating an input k times cannot make
    // the result grow faster than k.
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 20 }), (t, k) => {
        const text = t.repeat(k);
        const r = tryRepair(text);
        if (r === null) return;
        const n = text.length;
        assert.ok((r.json ?? '').length <= 6 * n + 16, `output ${r.json?.length} for input ${n}`);
        assert.ok(r.repairs.length <= n + 2, `repairs ${r.repairs.length} for input ${n}`);
        assert.ok(r.stripped.length <= n + 2, `stripped ${r.stripped.length} for input ${n}`);
        const replaced = r.repairs.reduce((a, x) => a + x.replacement.length, 0);
        assert.ok(replaced <= 6 * n + 16, `replacement text ${replaced} for input ${n}`);
      }),
      params(300),
    );
  });
});
