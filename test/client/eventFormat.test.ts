import { strict as assert } from 'node:assert';
import { formatEvent } from '../../client/eventFormat';

const base = { seq: 1, id: 'sfx_1', time: '2026-01-01T00:00:00.000Z' };

describe('client/eventFormat', () => {
  it('logs a started request with model, mode and streaming', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'started', model: 'demo/clean', mode: 'repair', stream: true }), {
      level: 'info',
      line: 'sfx_1 started: model demo/clean, mode repair, streaming',
    });
  });

  it('logs a circuit breaker change, as a warning when it opens', () => {
    const b = { ...base, type: 'breaker' as const, upstream: 'http://127.0.0.1:1/v1', model: 'm/x', previous: 'closed' as const, state: 'open' as const, reason: '5 consecutive failures', retryAfterSeconds: 30 };
    assert.deepEqual(formatEvent(b), { level: 'warn', line: 'circuit breaker for m/x: closed -> open (5 consecutive failures), probe in 30 s' });
    assert.deepEqual(formatEvent({ ...b, previous: 'half_open', state: 'closed', reason: 'probe answered 200', retryAfterSeconds: null }), {
      level: 'info',
      line: 'circuit breaker for m/x: half_open -> closed (probe answered 200)',
    });
  });

  it('logs the size of stripped reasoning', () => {
    assert.deepEqual(formatEvent({ ...base, type: 'reasoning', bytes: 120 }), { level: 'info', line: 'sfx_1 reasoning stripped: 120 bytes' });
  });

  it('logs each repair with a 1-based position and its tool call', () => {
    const repair = { kind: 'trailing_comma' as const, offset: 9, length: 1, line: 2, column: 4, replacement: '', message: 'Trailing comma removed' };
    assert.deepEqual(formatEvent({ ...base, type: 'repair', repair }), { level: 'info', line: 'sfx_1 repair trailing_comma at 3:5: Trailing comma removed' });
    assert.deepEqual(formatEvent({ ...base, type: 'repair', repair, toolCallIndex: 1 }), {
      level: 'info',
      line: 'sfx_1 repair trailing_comma at 3:5 in tool call 1: Trailing comma removed',
    });
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
      line: 'sfx_1 finished REPAIRED: 2 repairs, reasoning 0 bytes, first byte 12.3 ms, total 40 ms, added 0.3 ms',
    });
    assert.equal(formatEvent({ ...finished, status: 'UPSTREAM_ERROR', repairs: 1, timings: { ttfbMs: null, totalMs: 5, addedMs: 0 } }).line,
      'sfx_1 finished UPSTREAM_ERROR: 1 repair, reasoning 0 bytes, first byte -, total 5 ms, added 0 ms');
    assert.equal(formatEvent({ ...finished, status: 'UPSTREAM_ERROR' }).level, 'error');
    assert.equal(formatEvent({ ...finished, status: 'TRUNCATED' }).level, 'warn');
  });
});
