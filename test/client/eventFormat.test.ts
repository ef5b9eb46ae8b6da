import { strict as assert } from 'node:assert';
import { formatEvent, formatSize, inspectorLink } from '../../client/eventFormat';

const base = { seq: 1, id: 'sfx_1', time: '2026-01-01T00:00:00.000Z' };

describe('client/eventFormat', () => {
  it('logs a started request with model, mode and streaming', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'started', model: 'demo/clean', mode: 'repair', stream: true }), {
      level: 'info',
      lines: ['sfx_1 started: model demo/clean, mode repair, streaming'],
    });
  });

  it('logs a circuit breaker change, as a warning when it opens', () => {
    const b = { ...base, type: 'breaker' as const, upstream: 'http://127.0.0.1:1/v1', model: 'm/x', previous: 'closed' as const, state: 'open' as const, reason: '5 consecutive failures', retryAfterSeconds: 30 };
    assert.deepEqual(formatEvent(b), { level: 'warn', lines: ['circuit breaker for m/x: closed -> open (5 consecutive failures), probe in 30 s'] });
    assert.deepEqual(formatEvent({ ...b, previous: 'half_open', state: 'closed', reason: 'probe answered 200', retryAfterSeconds: null }), {
      level: 'info',
      lines: ['circuit breaker for m/x: half_open -> closed (probe answered 200)'],
    });
  });

  it('logs the artifact store going memory-only (a warning with /health\'s problem) and durable again', () => {
    const problem = "2 artifact(s) kept in memory only since 2026-12-03T08:01:02.000Z (each answered with x-streamfix-artifact: memory-only; lost at a restart): could not create a new segment: EACCES: permission denied, open '/d/artifacts-00000002.log'";
    assert.deepEqual(formatEvent({ ...base, type: 'store', durable: false, problem }), { level: 'warn', lines: [`artifact store: degraded from sfx_1 on: ${problem}`] });
    assert.deepEqual(formatEvent({ ...base, type: 'store', durable: true, problem: null }), { level: 'info', lines: ['artifact store: artifacts are durable again (sfx_1 was written to disk)'] });
  });

  it('logs an artifact whose slow write landed after its response said memory-only, the run over or going on', () => {
    const problem = '2 artifact(s) kept in memory only since 2026-12-03T08:01:02.000Z (each answered with x-streamfix-artifact: memory-only; lost at a restart): not durable within 5000 ms (a slow disk)';
    assert.deepEqual(formatEvent({ ...base, type: 'store', durable: true, problem: null, late: true }), { level: 'info', lines: ['artifact store: sfx_1 reached the disk late (its response had said memory-only): it is on disk after all; artifacts are durable again'] });
    assert.deepEqual(formatEvent({ ...base, type: 'store', durable: false, problem, late: true }), { level: 'info', lines: [`artifact store: sfx_1 reached the disk late (its response had said memory-only): it is on disk after all; still degraded: ${problem}`] });
  });

  it('logs the size of stripped reasoning when the event says no more', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 120 }), { level: 'info', lines: ['sfx_1 reasoning stripped: 120 bytes'] });
  });

  const block = { offset: 0, line: 0, column: 0, endLine: 13, endColumn: 8, bytes: 1234, firstLine: 'Let me think about the user…' };

  it('logs a think block with its size, where it stood (1-based) and its first line', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 1210, blocks: [block] }), {
      level: 'info',
      lines: ["sfx_1 reasoning stripped: 1.2 KB at 1:1–14:9: 'Let me think about the user…'"],
    });
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 0, blocks: [{ ...block, line: 2, column: 4, endLine: 2, endColumn: 19, bytes: 15, firstLine: '' }] }).lines, [
      'sfx_1 reasoning stripped: 15 bytes at 3:5–3:20',
    ]);
  });

  it('logs a block whose middle was not kept as at least its size, from where it started', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 300000, blocks: [{ offset: 0, line: 0, column: 0, bytes: 300000, cut: 234464, firstLine: 'Let me see' }] }).lines, [
      "sfx_1 reasoning stripped: at least 293.0 KB from 1:1 (234464 characters in its middle not kept): 'Let me see'",
    ]);
  });

  it('logs a cut block by its exact size when the gateway counted its middle', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 300000, blocks: [{ offset: 0, line: 0, column: 0, bytes: 300000, cut: 234464, bytesExact: true, firstLine: 'Let me see' }] }).lines, [
      "sfx_1 reasoning stripped: 293.0 KB from 1:1 (234464 characters in its middle not kept): 'Let me see'",
    ]);
  });

  it('logs several think blocks one line each, and counts those the event did not describe', () => {
    const second = { offset: 300, line: 20, column: 2, endLine: 20, endColumn: 30, bytes: 28, firstLine: 'again' };
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 1250, blocks: [block, second] }).lines, [
      'sfx_1 reasoning stripped: 1.2 KB in 2 blocks',
      "sfx_1   block 1: 1.2 KB at 1:1–14:9: 'Let me think about the user…'",
      "sfx_1   block 2: 28 bytes at 21:3–21:31: 'again'",
    ]);
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 1300, blocks: [block], moreBlocks: 1 }).lines, [
      'sfx_1 reasoning stripped: 1.3 KB in 2 blocks',
      "sfx_1   block 1: 1.2 KB at 1:1–14:9: 'Let me think about the user…'",
      'sfx_1   1 more block not described',
    ]);
  });

  it('gives sizes in bytes, KB and MB', () => {
    assert.deepEqual([0, 1, 1023, 1024, 1536, 1024 * 1024 - 1, 10 * 1024 * 1024].map(formatSize), ['0 bytes', '1 byte', '1023 bytes', '1.0 KB', '1.5 KB', '1024.0 KB', '10.0 MB']);
  });

  it('logs each repair with a 1-based position, its tool call and the inspector link', () => {
    const repair = { kind: 'trailing_comma' as const, offset: 9, length: 1, line: 2, column: 4, replacement: '', message: 'Trailing comma removed' };
    assert.deepEqual(formatEvent({ ...base, type: 'repair', repair }), { level: 'info', lines: ['sfx_1 repair trailing_comma at 3:5: Trailing comma removed [open in inspector]'] });
    assert.deepEqual(formatEvent({ ...base, type: 'repair', repair, toolCallIndex: 1 }), {
      level: 'info',
      lines: ['sfx_1 repair trailing_comma at 3:5 in tool call 1: Trailing comma removed [open in inspector]'],
    });
  });

  it('finds the inspector link in a logged line, after the channel\'s timestamp and level', () => {
    const line = '2026-11-30 03:40:01.123 [info] sfx_mj2x0a1b2c3d4e5f6 repair trailing_comma at 3:5: Trailing comma removed [open in inspector]';
    assert.deepEqual(inspectorLink(line), { id: 'sfx_mj2x0a1b2c3d4e5f6', start: line.length - 19, end: line.length });
    assert.deepEqual(inspectorLink('sfx_1 finished VALID: 0 repairs, reasoning 0 bytes, first byte -, total 5 ms, added 0 ms [open in inspector]'), { id: 'sfx_1', start: 89, end: 108 });
    assert.equal(inspectorLink('sfx_1 started: model demo/clean, mode repair, streaming'), null);
    assert.equal(inspectorLink("sfx_1 reasoning stripped: 15 bytes at 3:5–3:20: 'see [open in inspector]'"), null);
    assert.equal(inspectorLink('daemon running: gateway http://127.0.0.1:1/v1 [open in inspector]'), null);
  });

  it('logs the final status and timings, as an error for upstream errors', () => {
    const finished = {
      ...base,
      type: 'finished' as const,
      model: 'demo/clean',
      mode: 'repair' as const,
      repairs: 2,
      reasoningBytes: 0,
      timings: { ttfbMs: 12.34, totalMs: 40, addedMs: 0.25 },
    };
    assert.deepEqual(formatEvent({ ...finished, status: 'REPAIRED' }), {
      level: 'info',
      lines: ['sfx_1 finished REPAIRED: 2 repairs, reasoning 0 bytes, first byte 12.3 ms, total 40 ms, added 0.3 ms [open in inspector]'],
    });
    assert.deepEqual(formatEvent({ ...finished, status: 'UPSTREAM_ERROR', repairs: 1, timings: { ttfbMs: null, totalMs: 5, addedMs: 0 } }).lines, [
      'sfx_1 finished UPSTREAM_ERROR: 1 repair, reasoning 0 bytes, first byte -, total 5 ms, added 0 ms [open in inspector]',
    ]);
    assert.equal(formatEvent({ ...finished, status: 'UPSTREAM_ERROR' }).level, 'error');
    assert.equal(formatEvent({ ...finished, status: 'TRUNCATED' }).level, 'warn');
  });
});
