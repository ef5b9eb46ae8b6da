import { strict as assert } from 'node:assert';
import { BreakerStatus } from '../../client/breakerStatus';
import type { BreakerState, GatewayEvent } from '../../shared/protocol';

let seq = 0;
const ev = (model: string, previous: BreakerState, state: BreakerState, retryAfterSeconds: number | null = null, upstream = 'http://127.0.0.1:9/v1'): Extract<GatewayEvent, { type: 'breaker' }> => ({
  type: 'breaker',
  seq: ++seq,
  id: `req_${seq}`,
  time: '2026-11-30T04:00:00.000Z',
  upstream,
  model,
  previous,
  state,
  reason: state === 'open' ? '5 consecutive upstream failures' : 'probe',
  retryAfterSeconds,
});

describe('client/breakerStatus', () => {
  it('names the first model whose breaker opened, counts the others, and clears when they close', () => {
    const b = new BreakerStatus();
    assert.equal(b.text(), null);
    assert.equal(b.onEvent(ev('a/one', 'closed', 'open', 30)), true);
    assert.equal(b.text(), '$(warning) StreamFix: breaker open (a/one)');
    assert.equal(
      b.tooltip(),
      'a/one: circuit breaker open since 2026-11-30T04:00:00.000Z; requests get 503 for about 30 s, then one probe goes through (5 consecutive upstream failures)\nClick for the per-model health.',
    );
    b.onEvent(ev('b/two', 'closed', 'open', 30));
    assert.equal(b.text(), '$(warning) StreamFix: breaker open (a/one +1)');
    b.onEvent(ev('a/one', 'open', 'half_open'));
    assert.equal(b.text(), '$(warning) StreamFix: breaker half-open (a/one +1)');
    assert.equal(b.onEvent(ev('a/one', 'half_open', 'closed')), true);
    assert.equal(b.text(), '$(warning) StreamFix: breaker open (b/two)');
    b.onEvent(ev('b/two', 'open', 'closed'));
    assert.equal(b.text(), null);
    assert.equal(b.onEvent(ev('b/two', 'open', 'closed')), false);
  });

  it('keeps the same model of two upstreams apart, and forgets all on clear (a new daemon)', () => {
    const b = new BreakerStatus();
    b.onEvent(ev('m', 'closed', 'open', 5, 'http://a/v1'));
    b.onEvent(ev('m', 'closed', 'open', 5, 'http://b/v1'));
    b.onEvent(ev('m', 'half_open', 'closed', null, 'http://a/v1'));
    assert.equal(b.size, 1);
    b.clear();
    assert.equal(b.text(), null);
  });
});
