import { strict as assert } from 'node:assert';
import { describeRepairs, describeResult, describeStripped, keepFinalNewline } from '../../client/describe';
import type { Repair, RepairResult, Stripped } from '../../shared/engine/types';

const repair = (kind: Repair['kind'], offset = 0): Repair => ({ kind, offset, length: 1, line: 0, column: offset, replacement: '', message: kind });
const stripped = (kind: Stripped['kind'], text = 'x'): Stripped => ({ kind, offset: 0, length: text.length, line: 0, column: 0, text });
const result = (status: RepairResult['status'], repairs: Repair[], strip: Stripped[] = []): RepairResult => ({
  status,
  json: status === 'FAILED' ? null : '{}',
  repairs,
  stripped: strip,
});

describe('client/describe', () => {
  it('counts repairs by kind in the order each kind first appears', () => {
    assert.equal(
      describeRepairs([repair('trailing_comma'), repair('unquoted_key'), repair('trailing_comma')]),
      '2 trailing commas, 1 unquoted key',
    );
  });

  it('says what was stripped, with "a" for one and a count for several', () => {
    assert.equal(describeStripped([stripped('reasoning'), stripped('fence'), stripped('fence')]), 'a think block, 2 markdown fences');
  });

  it('ignores whitespace-only stripped spans', () => {
    assert.equal(describeStripped([stripped('trailing', '\n\n')]), '');
  });

  it('builds the repair sentence with repairs and stripped text', () => {
    assert.equal(
      describeResult(result('REPAIRED', [repair('trailing_comma'), repair('trailing_comma'), repair('unquoted_key')], [stripped('reasoning')])),
      'Repaired: 2 trailing commas, 1 unquoted key; stripped a think block',
    );
  });

  it('mentions truncation', () => {
    assert.equal(
      describeResult(result('TRUNCATED', [repair('unclosed_string'), repair('unclosed_container')])),
      'Repaired: 1 unclosed string, 1 unclosed bracket (the input was cut off; its end was closed)',
    );
  });

  it('reports valid JSON with only stripped text as stripped', () => {
    assert.equal(describeResult(result('VALID', [], [stripped('prose'), stripped('fence')])), 'Stripped prose before the JSON, a markdown fence');
  });

  it('reports valid JSON as nothing to change', () => {
    assert.equal(describeResult(result('VALID', [])), 'Already valid JSON: nothing to change');
  });

  it('gives the engine error for a failed repair', () => {
    const failed: RepairResult = { ...result('FAILED', []), error: { code: 'NO_JSON', message: 'No JSON value found in the input', offset: 0 } };
    assert.equal(describeResult(failed), 'Could not repair: No JSON value found in the input');
  });

  it('keeps a final newline the original had', () => {
    assert.equal(keepFinalNewline('{"a":1,}\n', '{"a":1}'), '{"a":1}\n');
    assert.equal(keepFinalNewline('{"a":1,}', '{"a":1}'), '{"a":1}');
    assert.equal(keepFinalNewline('[1,]\n', '[1]\n'), '[1]\n');
  });
});
