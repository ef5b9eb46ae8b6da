import { strict as assert } from 'node:assert';
import { applyEdits, mergeEdits } from '../../../server/lsp/codeActions';
import { SLICE_CHARS, analyze, analyzeInSlices, displaySpan } from '../../../server/lsp/diagnostics';
import { blankComments } from '../../../server/lsp/jsoncComments';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { wholeDocumentEdits } from '../../../server/lsp/codeActions';
import { repairJson } from '../../../shared/engine';
import { normalizeSettings } from '../../../server/lsp/settings';

describe('server/lsp edit helpers', () => {
  it('joins an insertion and a replacement that touch, insertion first', () => {
    assert.deepEqual(
      mergeEdits([
        { offset: 5, length: 2, replacement: 'X' },
        { offset: 5, length: 0, replacement: ']' },
        { offset: 0, length: 1, replacement: '' },
      ]),
      [
        { offset: 0, length: 1, replacement: '' },
        { offset: 5, length: 2, replacement: ']X' },
      ],
    );
  });

  it('keeps several insertions at one point in their order', () => {
    assert.deepEqual(mergeEdits([{ offset: 3, length: 0, replacement: ']' }, { offset: 3, length: 0, replacement: '}' }]), [
      { offset: 3, length: 0, replacement: ']}' },
    ]);
  });

  it('drops an edit that overlaps an earlier one instead of corrupting the text', () => {
    assert.deepEqual(mergeEdits([{ offset: 0, length: 4, replacement: 'a' }, { offset: 2, length: 1, replacement: 'b' }]), [
      { offset: 0, length: 4, replacement: 'a' },
    ]);
  });

  it('applies edits to a text', () => {
    assert.equal(
      applyEdits('{a: [1, 2,', [
        { offset: 1, length: 1, replacement: '"a"' },
        { offset: 9, length: 1, replacement: '' },
        { offset: 10, length: 0, replacement: ']}' },
      ]),
      '{"a": [1, 2]}',
    );
  });

  it('shows a replacement on exactly its text', () => {
    assert.deepEqual(displaySpan('[1, 2,]', 5, 1), [5, 6]);
  });

  it('shows an insertion on the character at the point, else on the end of the token before it', () => {
    assert.deepEqual(displaySpan('{"a": 1 "b": 2}', 8, 0), [8, 9]); // the `"` the comma goes before
    assert.deepEqual(displaySpan('{"a": 1 "b": 2}', 7, 0), [6, 7]); // a space: the `1` before it
    assert.deepEqual(displaySpan('{"a": [1\n\n', 10, 0), [7, 8]); // closers at the end: the last `1`
    assert.deepEqual(displaySpan('   ', 3, 0), [3, 3]);
  });

  it('in jsonc, text made only of comments and whitespace around the value is nothing; other text is reported', () => {
    const codes = (text: string): string[] => analyze(text, 'jsonc', 1, normalizeSettings({})).findings.map((f) => `${f.code}@${f.offset}`);
    assert.deepEqual(codes('// a\n/* b\n c */\n{"x": 1}\n// end\n'), []);
    assert.deepEqual(codes('// a\nhello {"x": 1}'), ['prose@5']);
  });

  it('falls back to defaults for bad settings values', () => {
    assert.deepEqual(normalizeSettings({ enable: 'yes', debounceMs: -5, jsoncTrailingCommas: true }), {
      enable: true,
      debounceMs: 200,
      jsoncTrailingCommas: true,
    });
    assert.deepEqual(normalizeSettings(null), { enable: true, debounceMs: 200, jsoncTrailingCommas: false });
    assert.equal(normalizeSettings({ debounceMs: 99999 }).debounceMs, 10000);
  });
});

describe('server/lsp finding groups', () => {
  const settings = { enable: true, debounceMs: 0, jsoncTrailingCommas: false };
  const groups = (text: string): string[] => analyze(text, 'json', 1, settings).findings.map((f) => `${f.code}@${f.offset}:${f.group ?? '-'}`);

  it('pairs the two replaced quotes of each single-quoted string', () => {
    assert.deepEqual(groups("{'a': 'x'}"), [
      'single_quotes@1:quotes:0',
      'single_quotes@3:quotes:0',
      'single_quotes@6:quotes:1',
      'single_quotes@8:quotes:1',
    ]);
  });

  it('pairs a typographic quote only with its closing counterpart, never with the next string\'s opening one', () => {
    const text = '{"a": \u201cx\u201d, "b": \u201cy\u201d}';
    const grouped = analyze(text, 'json', 1, settings).findings.filter((f) => f.group);
    // Whatever the engine reports for these quotes, each group reads opening-closing.
    assert.equal(grouped.map((f) => text[f.offset]).join(''), '\u201c\u201d'.repeat(grouped.length / 2));
    assert.equal(new Set(grouped.map((f) => f.group)).size * 2, grouped.length);
  });

  it('puts the opening quote of a string cut off at the end into the truncation tail', () => {
    assert.deepEqual(groups("{'a': 'x"), [
      'single_quotes@1:quotes:0',
      'single_quotes@3:quotes:0',
      'single_quotes@6:tail',
      'unclosed_string@8:tail',
      'unclosed_container@8:tail',
    ]);
  });

  describe('a large document analysed in slices', function () {
    this.timeout(60_000);
    const settings = normalizeSettings({});
    // surrogate pairs, quotes and a cut at the end, so slices fall inside strings, repairs and pairs
    const doc = 'Here: [' + Array.from({ length: 9000 }, (_, i) => `{k${i}: 'v\u{1F600}${i}', ok: True,}`).join(',\n') + ', {"cut": "x';

    it('gives the analysis of one run, and the result of repairJson', async () => {
      assert.ok(doc.length > 4 * SLICE_CHARS);
      const sliced = await analyzeInSlices(doc, 'json', 3, settings, () => false);
      const whole = analyze(doc, 'json', 3, settings);
      assert.deepEqual(sliced, whole);
      assert.deepEqual(whole.result, repairJson(doc));
      assert.equal(whole.result.status, 'TRUNCATED');
      assert.equal(whole.findings.length, 9000 * 6 + 3); // per object: two keys, two quotes, True, the trailing comma; the prose, the cut string and brackets
    });

    it('lets the event loop through between slices and stops when stale', async () => {
      let turns = 0;
      const tick = setInterval(() => turns++, 0);
      let stale = false;
      const stopped = analyzeInSlices(doc, 'json', 1, settings, () => stale);
      setImmediate(() => (stale = true));
      assert.equal(await stopped, null);
      const done = await analyzeInSlices(doc, 'jsonc', 1, settings, () => false);
      clearInterval(tick);
      assert.ok(done !== null && done.result.status === 'TRUNCATED');
      assert.ok(turns > 0, 'timers ran while the document was analysed');
    });
  });
});

describe('server/lsp: what counts as whitespace around the value', () => {
  const settings = { enable: true, debounceMs: 0, jsoncTrailingCommas: false };
  const findings = (text: string, lang: string): string[] =>
    analyze(text, lang, 1, settings).findings.map((f) => `${f.code}@${f.offset}+${f.length}: ${f.message}`);

  it('json: a no-break space or U+2028 next to the value is reported (JSON.parse rejects it), JSON whitespace is not', () => {
    assert.deepEqual(findings('\u00a0{"a": 1}\n', 'json'), ['prose@0+1: Text before the JSON value is not JSON']);
    assert.deepEqual(findings('{"a": 1}\u2028\n', 'json'), ['trailing@8+1: Text after the JSON value is not JSON']);
    assert.deepEqual(findings(' \t\r\n{"a": 1}\n\n', 'json'), []);
  });

  it('jsonc: the other Unicode spaces are whitespace, as VS Code\'s JSONC parser reads them', () => {
    assert.deepEqual(findings('\u00a0{"a": 1}\n', 'jsonc'), []);
  });
});

describe('server/lsp: jsonc comments are never read as model text', () => {
  const settings = { enable: true, debounceMs: 0, jsoncTrailingCommas: false };
  const findings = (text: string): string[] =>
    analyze(text, 'jsonc', 1, settings).findings.map((f) => `${f.code}@${f.offset}+${f.length}: ${f.message}`);

  it('blanks comments outside strings, keeping every offset and line break', () => {
    assert.equal(blankComments('{"a": 1, // note\n"b": 2}'), '{"a": 1,        \n"b": 2}');
    assert.equal(blankComments('{"s": "a \\" // not"} /* x\n y */'), '{"s": "a \\" // not"}     \n     ');
    assert.equal(blankComments("{'url': 'http://x//y', b: 2} // c"), "{'url': 'http://x//y', b: 2}     ");
    assert.equal(blankComments('{"a": 1 /* never closed'), '{"a": 1                ');
  });

  it('a comment that mentions a think tag or a fence leaves a valid file without findings', () => {
    // before: FAILED "No JSON value found" (the tag opened a reasoning block to the end), and prose/fence warnings
    assert.deepEqual(findings('// wrap reasoning in <think> tags\n{"a": 1}\n'), []);
    assert.deepEqual(findings('{\n  // ends with </think> here\n  "a": 1\n}\n'), []);
    assert.deepEqual(findings('/* header: see ```json below */\n{"b": 2}\n'), []);
  });

  it('"Repair whole document" keeps the comments and fixes what is broken around them', () => {
    const text = '/* config, see ```json docs */\n{\n  a: 1, // <think> is fine here\n  "b": [1 2],\n}\n';
    assert.deepEqual(findings(text), ['unquoted_key@35+1: Unquoted key quoted', 'missing_comma@74+0: Missing comma inserted']);
    const doc = TextDocument.create('file:///c.jsonc', 'jsonc', 1, text);
    const edits = wholeDocumentEdits(doc, analyze(text, 'jsonc', 1, settings))!;
    assert.equal(applyEdits(text, edits), '/* config, see ```json docs */\n{\n  "a": 1, // <think> is fine here\n  "b": [1, 2],\n}\n');
  });

  it('a jsonc file of comments only is still empty: no squiggle', () => {
    assert.deepEqual(findings('// settings go here\n'), []);
  });
});
