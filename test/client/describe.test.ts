import { strict as assert } from 'node:assert';
import { describeResult, keepFinalNewline } from '../../client/describe';
import { repairJson } from '../../shared/engine';
import type { RepairResult } from '../../shared/engine';

describe('client/describe', () => {
  it('says what a repair changed, counting repairs by kind', () => {
    assert.equal(
      describeResult(repairJson("<think>plan {x}</think>\n{a: 1, 'b': [1, 2,], c: 3,}")),
      'Repaired: 2 unquoted keys, 2 single quotes, 2 trailing commas; stripped a think block',
    );
  });

  it('mentions truncation', () => {
    assert.equal(
      describeResult(repairJson('{"a": "hel')),
      'Repaired: 1 unclosed string, 1 unclosed bracket (the input was cut off; its end was closed)',
    );
  });

  it('reports valid JSON with only stripped text as stripped', () => {
    assert.equal(describeResult(repairJson('Here:\n```json\n{"a": 1}\n```')), 'No repairs needed; stripped a code fence, surrounding text');
  });

  it('reports valid JSON as nothing to change', () => {
    assert.equal(describeResult(repairJson('{"a": [1, 2]}\n')), 'Already valid JSON: nothing to change');
  });

  it('names a no-break space or U+2028 the repair removes (JS trim() would count it as nothing)', () => {
    assert.equal(describeResult(repairJson('\u00a0{"a": 1}')), 'No repairs needed; stripped surrounding text');
    assert.equal(describeResult(repairJson('{"a": 1}\u2028')), 'No repairs needed; stripped surrounding text');
    assert.equal(describeResult(repairJson(' {"a": 1}\r\n')), 'Already valid JSON: nothing to change');
  });

  it('gives the engine error for a failed repair', () => {
    const failed: RepairResult = repairJson('no json here');
    assert.equal(failed.status, 'FAILED');
    assert.equal(describeResult(failed), `Could not repair: ${failed.error!.message}`);
    assert.equal(describeResult(failed), 'Could not repair: No JSON value found in the input');
  });

  it('keeps a final newline the original had', () => {
    assert.equal(keepFinalNewline('{"a":1,}\n', '{"a":1}'), '{"a":1}\n');
    assert.equal(keepFinalNewline('{"a":1,}', '{"a":1}'), '{"a":1}');
    assert.equal(keepFinalNewline('[1,]\n', '[1]\n'), '[1]\n');
    // a fenced block selected by whole lines: the fence's line breaks go with the fence
    assert.equal(keepFinalNewline('```json\n{a: 1}\n```\n', repairJson('```json\n{a: 1}\n```\n').json!), '{"a": 1}\n');
  });
});
