/** Tool-call arguments: several top-level values in one arguments string stay visible, never `{}`. */
import { strict as assert } from 'node:assert';
import { repairToolCallsOnce, ToolCallRepairers } from '../../../server/gateway/toolCalls';

describe('gateway/toolCalls', () => {
  it('keeps a second value in the arguments visible in the artifact, status REPAIRED (non-streaming)', () => {
    const calls = [{ id: 'c1', function: { name: 'f', arguments: '{"a":1}{"b":2}' } }];
    const [a] = repairToolCallsOnce(calls, true);
    assert.equal(calls[0]!.function.arguments, '{"a":1}');
    assert.equal(a!.status, 'REPAIRED');
    assert.equal(a!.rawArguments, '{"a":1}{"b":2}');
    assert.equal(a!.repairedArguments, '{"a":1}');
    assert.deepEqual(a!.stripped!.map((x) => [x.kind, x.offset, x.length, x.text]), [['extra_value', 7, 7, '{"b":2}']]);
  });

  it('keeps a second value visible when the arguments stream in pieces', () => {
    const t = new ToolCallRepairers(true);
    const pieces = ['{"a":', '1}{"b"', ':2}'];
    let sent = '';
    for (const p of pieces) {
      const d = { index: 0, function: { arguments: p } };
      t.push(d, 0);
      sent += d.function.arguments;
    }
    const closers = t.end();
    assert.deepEqual(closers, []); // nothing left to send: the first value was complete
    const [a] = t.artifacts();
    assert.equal(a!.status, 'REPAIRED');
    assert.equal(a!.repairedArguments, '{"a":1}');
    assert.deepEqual(a!.stripped!.map((x) => [x.kind, x.offset, x.text]), [['extra_value', 7, '{"b":2}']]);
    assert.equal(sent, '{"a":1}');
  });
});
