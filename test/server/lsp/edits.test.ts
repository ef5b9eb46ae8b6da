import { strict as assert } from 'node:assert';
import { applyEdits, mergeEdits } from '../../../server/lsp/codeActions';
import { displaySpan, isOnlyComments } from '../../../server/lsp/diagnostics';
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

  it('recognises text made only of comments and whitespace', () => {
    assert.equal(isOnlyComments('// a\n/* b\n c */\n'), true);
    assert.equal(isOnlyComments('// a\nhello'), false);
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
