import { strict as assert } from 'node:assert';
import { createStreamRepairer, repairJson, StreamFixError, summarizeRepairs } from '../../shared/engine';

const ISSUE_EXAMPLE = `<think>The user wants {name, age}. Draft: {"name": "x"} … done.</think>
Sure! Here is the JSON:
\`\`\`json
{name: 'Ada', "tags": ["math", "engines",], "active": True, // first programmer
 "bio": "Wrote the first
algorithm", "born": 1815, "notes": {"vol": 1, "pages": [3, 4
\`\`\``;

describe('engine API', () => {
  it('repairs the issue example into the expected value, keeping its formatting', () => {
    const r = repairJson(ISSUE_EXAMPLE);
    assert.equal(
      r.json,
      '{"name": "Ada", "tags": ["math", "engines"], "active": true, \n "bio": "Wrote the first\\nalgorithm", "born": 1815, "notes": {"vol": 1, "pages": [3, 4\n]}}',
    );
    assert.equal(
      JSON.stringify(JSON.parse(r.json!)),
      '{"name":"Ada","tags":["math","engines"],"active":true,"bio":"Wrote the first\\nalgorithm","born":1815,"notes":{"vol":1,"pages":[3,4]}}',
    );
    // the closing fence ends the value: closed there, not cut (the input goes on), so REPAIRED
    assert.equal(r.status, 'REPAIRED');
    assert.deepEqual(
      r.repairs.map((x) => x.kind),
      ['unquoted_key', 'single_quotes', 'single_quotes', 'trailing_comma', 'python_literal', 'comment', 'control_character', 'unclosed_container'],
    );
    assert.deepEqual(r.stripped.map((s) => s.kind), ['reasoning', 'prose', 'fence', 'fence']);
    assert.equal(summarizeRepairs(r), 'Repaired: 1 unquoted key, 2 single quotes, 1 trailing comma, 1 Python literal, 1 comment, 1 control character, 1 unclosed bracket; stripped a think block, a code fence, surrounding text');
  });

  it('says what the quote and concatenation repairs did, in their messages and the summary', () => {
    const r = repairJson('{"say "hi"": "x" + "y", "b": ["c, "d"]}');
    assert.equal(r.json, '{"say \\"hi\\"": "xy", "b": ["c", "d"]}');
    assert.deepEqual(
      r.repairs.map((x) => [x.kind, x.offset, x.message]),
      [
        ['unescaped_quote', 6, 'Double quote inside a string escaped'],
        ['unescaped_quote', 9, 'Double quote inside a string escaped'],
        ['string_concat', 15, 'String concatenation joined into one string'],
        ['missing_quote', 32, 'Missing closing quote inserted before the next key or element'],
      ],
    );
    assert.equal(summarizeRepairs(r), 'Repaired: 2 unescaped quotes, 1 string concatenation, 1 missing quote');
  });

  it('streams the issue example in 1-character chunks to the same text', () => {
    const s = createStreamRepairer();
    let out = '';
    for (const ch of ISSUE_EXAMPLE) out += s.push(ch).output;
    out += s.end().final;
    assert.equal(out, repairJson(ISSUE_EXAMPLE).json);
  });

  it('fails with NO_JSON on text without a value, keeping the text as stripped prose', () => {
    const r = repairJson('No JSON here, sorry.');
    assert.equal(r.status, 'FAILED');
    assert.equal(r.json, null);
    assert.deepEqual(r.error, { code: 'NO_JSON', message: 'No JSON value found in the input', offset: 20 });
    assert.equal(r.stripped[0].text, 'No JSON here, sorry.');
  });

  it('fails with DEPTH_LIMIT past maxDepth, as a result from repairJson and a throw from push', () => {
    const deep = '['.repeat(20) + ']'.repeat(20);
    assert.equal(repairJson(deep, { maxDepth: 20 }).status, 'VALID');
    const r = repairJson(deep, { maxDepth: 19 });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error?.code, 'DEPTH_LIMIT');
    assert.equal(r.error?.offset, 19);
    const s = createStreamRepairer({ maxDepth: 3 });
    assert.throws(() => s.push('[[[['), (e: unknown) => e instanceof StreamFixError && e.code === 'DEPTH_LIMIT');
    // the stream stays failed: later pushes throw the same error, end() reports it
    assert.throws(() => s.push(']'), (e: unknown) => e instanceof StreamFixError && e.code === 'DEPTH_LIMIT');
    assert.equal(s.end().error?.code, 'DEPTH_LIMIT');
  });

  it('fails with INPUT_TOO_LARGE past maxInputLength', () => {
    const r = repairJson('[1, 2, 3]', { maxInputLength: 8 });
    assert.equal(r.status, 'FAILED');
    assert.equal(r.error?.code, 'INPUT_TOO_LARGE');
    const s = createStreamRepairer({ maxInputLength: 5 });
    s.push('[1, ');
    assert.throws(() => s.push('2]'), (e: unknown) => e instanceof StreamFixError && e.code === 'INPUT_TOO_LARGE');
  });

  it('fails with HOLDBACK_LIMIT when more than maxHoldBack characters wait for a decision', () => {
    const s = createStreamRepairer({ maxHoldBack: 10 });
    s.push('{"a": 1');
    assert.throws(() => s.push(', "a-very-long-key-still-undecided'), (e: unknown) => e instanceof StreamFixError && e.code === 'HOLDBACK_LIMIT');
    // a long string value is streamed, not held
    const t = createStreamRepairer({ maxHoldBack: 10 });
    assert.equal(t.push('{"a": "' + 'x'.repeat(100)).output, '{"a": "' + 'x'.repeat(100));
  });

  it('rejects bad options and bad input with typed errors', () => {
    assert.throws(() => createStreamRepairer({ maxDepth: -1 }), (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION');
    assert.throws(() => repairJson('[]', { maxHoldBack: Number.NaN }), (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION');
    assert.throws(() => repairJson(42 as unknown as string), (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_INPUT');
    const s = createStreamRepairer();
    assert.throws(() => s.push(null as unknown as string), (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_INPUT');
  });

  it('refuses push and end after end', () => {
    const s = createStreamRepairer();
    s.push('[1]');
    assert.equal(s.end().json, '[1]');
    assert.throws(() => s.push('x'), (e: unknown) => e instanceof StreamFixError && e.code === 'STREAM_ENDED');
    assert.throws(() => s.end(), (e: unknown) => e instanceof StreamFixError && e.code === 'STREAM_ENDED');
  });

  it('has push, view, end and tentative as methods shared by every repairer; taken off one they need .bind(r)', () => {
    for (const options of [undefined, { takeCorrections: true }]) {
      const a = createStreamRepairer(options);
      const b = createStreamRepairer(options);
      const methods = ['push', 'view', 'end', 'tentative'] as const;
      // one function for every repairer (a caller's `r.push(c)` keeps one call target), none an own property
      assert.deepEqual(methods.map((k) => a[k] === b[k]), [true, true, true, true], `shared (${JSON.stringify(options)})`);
      assert.deepEqual(methods.map((k) => Object.prototype.hasOwnProperty.call(a, k)), [false, false, false, false]);
      assert.deepEqual(Object.keys(a).filter((k) => (methods as readonly string[]).includes(k)), []);
      // detached, a method has no repairer: a TypeError, nothing pushed
      const { push } = a;
      assert.throws(() => push('[1'), TypeError);
      assert.equal(a.view(), null);
      // bound, it pushes to the repairer it is bound to
      const pushA = a.push.bind(a);
      const viewA = a.view.bind(a);
      pushA('[1, ');
      pushA('2, ');
      assert.equal(viewA(), '[1, 2]');
      assert.equal(b.view(), null, 'the other repairer saw nothing');
      assert.equal(a.end.bind(a)().json, '[1, 2]');
    }
  });

  it('gives no view before the value and a valid view at every step after', () => {
    const s = createStreamRepairer();
    s.push('<think>x</think>');
    assert.equal(s.view(), null);
    const steps = ['{"a', '": [1', ', tr', 'ue, "x\\', 'n y"', '], "b"', ': {}', '}'];
    const views = steps.map((c) => {
      s.push(c);
      return s.view();
    });
    assert.deepEqual(views, ['{}', '{"a": []}', '{"a": [1]}', '{"a": [1, true, "x"]}', '{"a": [1, true, "x\\n y"]}', '{"a": [1, true, "x\\n y"]}', '{"a": [1, true, "x\\n y"], "b": {}}', '{"a": [1, true, "x\\n y"], "b": {}}']);
    assert.equal(s.tentative(), null, 'nothing is held');
  });

  it('holds text that starts with prose: no view, and a tentative answer that grows', () => {
    const s = createStreamRepairer();
    s.push('Sure: ');
    assert.equal(s.view(), null);
    const steps = ['{"a', '": [1', ', tr', 'ue, "x\\', 'n y"', '], "b"', ': {}', '}'];
    const seen = steps.map((c) => {
      const u = s.push(c);
      assert.equal(u.output, '', 'nothing is emitted while held');
      assert.equal(s.view(), null);
      return s.tentative();
    });
    assert.deepEqual(seen, ['{}', '{"a": [1]}', '{"a": [1, true]}', '{"a": [1, true, "x"]}', '{"a": [1, true, "x\\n y"]}', '{"a": [1, true, "x\\n y"]}', '{"a": [1, true, "x\\n y"], "b": {}}', '{"a": [1, true, "x\\n y"], "b": {}}']);
    const end = s.end();
    assert.equal(end.final, '{"a": [1, true, "x\\n y"], "b": {}}');
    assert.equal(end.status, 'VALID');
  });

  it('keeps the tentative answer of closed runs between calls: the same as a fresh repairer over the same text, at every chunk size', () => {
    // three held runs between reasoning blocks: a retracted draft, an answer, a fenced answer after an inline example
    const text =
      'Draft: {"a": 1} no wait\n<think>check the schema</think>\nAnswer:\n{"a": 2}\n<think>one more look</think>\n' +
      'So the final one is `{"a": 0}`, written out:\n```json\n{"a": 3, "b": [1, 2]}\n```\n';
    for (let size = 1; size <= 9; size++) {
      const s = createStreamRepairer();
      const distinct: (string | null)[] = [];
      for (let i = 0; i < text.length; i += size) {
        s.push(text.slice(i, i + size));
        const fresh = createStreamRepairer();
        fresh.push(text.slice(0, i + size));
        const t = s.tentative();
        assert.equal(t, fresh.tentative(), `chunk size ${size}, after ${i + size} characters`);
        if (distinct[distinct.length - 1] !== t) distinct.push(t);
      }
      if (size === 7) assert.deepEqual(distinct, [null, '{"a": 1}', null, '{}', '{"a": 2}', '{"a": 3}', '{"a": 3, "b": [1, 2]}']);
      assert.equal(s.end().json, '{"a": 3, "b": [1, 2]}');
    }
  });

  it('streams a value in a JSON fence at once and holds one in a fence of other code, whatever the chunks', () => {
    for (const [pushes, outputs] of [
      [['```json\n{"a": "x", "b'], ['{"a": "x"']],
      [['``', '`js', 'on\n{"a": "x", "b'], ['', '', '{"a": "x"']],
      [['```\n[1, 2, 3'], ['[1, 2']],
      [['```js\nconst x = {a: "x", "b'], ['']],
      [['```', 'py', 'thon\nd = {"a": "x", "b'], ['', '', '']],
    ] as [string[], string[]][]) {
      const s = createStreamRepairer();
      assert.deepEqual(pushes.map((p) => s.push(p).output), outputs, pushes.join('|'));
    }
  });

  it('switches to streaming the value after a lone closing tag at once', () => {
    const s = createStreamRepairer();
    assert.equal(s.push('Draft: {"a": 0} no wait').output, '');
    const u = s.push('</think>\n{"a": "yes');
    assert.equal(u.reasoning, 'Draft: {"a": 0} no wait');
    assert.equal(u.output, '{"a": "yes');
    assert.equal(s.end().json, '{"a": "yes"}');
  });
});

/** `part` is what a correct engine may keep of `full` when the text was cut: every complete member
 * kept as is, the last one a prefix of the full one (or gone). */
function prefixConsistent(part: unknown, full: unknown): boolean {
  if (typeof part === 'string' && typeof full === 'string') return full.startsWith(part);
  // a number cut inside its fraction or exponent is trimmed to its valid part (`-1.5e` -> -1.5)
  if (typeof part === 'number' && typeof full === 'number') return true;
  if (Array.isArray(part) && Array.isArray(full)) {
    if (part.length > full.length) return false;
    return part.every((v, i) => (i < part.length - 1 ? JSON.stringify(v) === JSON.stringify(full[i]) : prefixConsistent(v, full[i])));
  }
  if (part && full && typeof part === 'object' && typeof full === 'object') {
    const pk = Object.keys(part);
    const fk = Object.keys(full);
    if (pk.some((k, i) => k !== fk[i])) return false;
    return pk.every((k, i) => {
      const pv = (part as Record<string, unknown>)[k];
      const fv = (full as Record<string, unknown>)[k];
      return i < pk.length - 1 ? JSON.stringify(pv) === JSON.stringify(fv) : prefixConsistent(pv, fv);
    });
  }
  return part === full;
}

describe('engine truncation at every offset', () => {
  const docs = [
    '{"name": "Ada Lovelace", "born": 1815, "tags": ["math", "engines"], "active": true, "notes": null, "ratio": -1.5e3}',
    JSON.stringify({ users: [{ id: 1, name: 'é😀', roles: ['a', 'b'] }, { id: 22, name: 'x\ny', roles: [] }], total: 2, ok: false }, null, 2),
    '[{"tool": "search", "args": {"q": "json \\"repair\\"", "limit": 10}}, [[], {}], "tail"]',
  ];
  docs.forEach((doc, n) => {
    it(`keeps everything complete before the cut and never invents a value (document ${n + 1}, ${doc.length} cuts)`, () => {
      const full = JSON.parse(doc);
      for (let k = 1; k <= doc.length; k++) {
        const r = repairJson(doc.slice(0, k));
        if (r.json === null) {
          // only a cut inside the very first token can leave nothing
          assert.equal(r.error?.code, 'NO_JSON', `cut at ${k}`);
          continue;
        }
        const value = JSON.parse(r.json);
        assert.ok(prefixConsistent(value, full), `cut at ${k}: ${r.json}`);
        assert.equal(r.status, k === doc.length ? 'VALID' : r.status, `cut at ${k}`);
        if (k < doc.length && r.status === 'VALID') assert.equal(r.json, doc.slice(0, k), `cut at ${k}`);
      }
    });
  });
});
