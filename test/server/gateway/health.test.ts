/** healthVerdict: /health's status and problems from what was checked (health.ts). */
import { strict as assert } from 'node:assert';
import { healthVerdict, type HealthInputs } from '../../../server/gateway/health';

const calm: HealthInputs = { closing: false, store: null, upstream: { max: 512, queued: 0, maxQueue: 4096 }, breakers: [] };
const breaker = (model: string, state: 'open' | 'half_open' = 'open') => ({ upstream: 'http://u/v1', model, state, reason: 'r' });

describe('healthVerdict', () => {
  it('ok with no problem; closing outranks degraded but keeps the problems', () => {
    assert.deepEqual(healthVerdict(calm), { status: 'ok', problems: [] });
    assert.deepEqual(healthVerdict({ ...calm, closing: true }), { status: 'closing', problems: [] });
    assert.deepEqual(healthVerdict({ ...calm, closing: true, store: 'x' }), { status: 'closing', problems: ['store: x'] });
  });

  it('lists the store, a full upstream queue and each breaker not closed, in that order', () => {
    assert.deepEqual(healthVerdict({ ...calm, store: 'disk full', upstream: { max: 2, queued: 4096, maxQueue: 4096 }, breakers: [breaker('a/b'), breaker('c/d', 'half_open')] }), {
      status: 'degraded',
      problems: [
        'store: disk full',
        "upstream: 2 requests open and 4096 waiting, the queue's limit: the next request over the pool is refused (503)",
        'breaker: the circuit breaker for model a/b at http://u/v1 is open (r): its requests are refused',
        'breaker: the circuit breaker for model c/d at http://u/v1 is half-open (r): one probe request decides',
      ],
    });
    // a queue below its limit is load, not a problem
    assert.deepEqual(healthVerdict({ ...calm, upstream: { max: 2, queued: 4095, maxQueue: 4096 } }), { status: 'ok', problems: [] });
  });

  it('names the connection cap once the connections reach it, with the reserve kept for /health and /metrics', () => {
    assert.deepEqual(healthVerdict({ ...calm, connections: { open: 2047, max: 2048, reserve: 16 } }), { status: 'ok', problems: [] });
    assert.deepEqual(healthVerdict({ ...calm, connections: { open: 2050, max: 2048, reserve: 16 } }), {
      status: 'degraded',
      problems: ['connections: 2050 open, the limit is 2048: a new connection gets 503 (overloaded) unless it asks GET /health or /metrics (14 of the 16 kept for them free)'],
    });
  });

  it('names at most 10 breakers, the rest in one line', () => {
    const v = healthVerdict({ ...calm, breakers: Array.from({ length: 13 }, (_, i) => breaker(`m${i}`)) });
    assert.equal(v.problems.length, 11);
    assert.equal(v.problems[9], 'breaker: the circuit breaker for model m9 at http://u/v1 is open (r): its requests are refused');
    assert.equal(v.problems[10], "breaker: 3 more models' circuit breakers are not closed (GET /v1/streamfix/models)");
  });
});
