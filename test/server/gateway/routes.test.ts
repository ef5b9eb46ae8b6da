import * as assert from 'node:assert/strict';
import { GatewayError } from '../../../server/gateway/errors';
import { RequestIds } from '../../../server/gateway/http';
import { findRoute, type Route } from '../../../server/gateway/routes';

const noop = () => undefined;
const table: Route[] = [
  { method: 'POST', path: '/v1/chat/completions', handle: noop },
  { method: 'GET', path: '/v1/streamfix/result/:id', handle: noop },
  { method: 'GET', path: '/health', handle: noop },
];

function refusal(f: () => unknown): GatewayError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof GatewayError);
    return e;
  }
  assert.fail('expected a GatewayError');
}

describe('gateway route table', () => {
  it('finds a route by method and exact path', () => {
    const { route, params } = findRoute(table, 'POST', '/v1/chat/completions');
    assert.equal(route, table[0]);
    assert.deepEqual(params, {});
  });

  it('passes a :name segment decoded', () => {
    const { route, params } = findRoute(table, 'GET', '/v1/streamfix/result/sfx_a%20b');
    assert.equal(route, table[1]);
    assert.deepEqual(params, { id: 'sfx_a b' });
  });

  it('answers 405 naming the accepted method for a known path', () => {
    const e = refusal(() => findRoute(table, 'GET', '/v1/chat/completions'));
    assert.deepEqual([e.status, e.code, e.message], [405, 'method_not_allowed', '/v1/chat/completions accepts POST only']);
  });

  it('answers 404 listing the table for an unknown path, and for a :name segment left empty or extra segments', () => {
    const served = 'POST /v1/chat/completions, GET /v1/streamfix/result/:id, GET /health';
    for (const path of ['/v1/completions', '/v1/streamfix/result', '/v1/streamfix/result/a/b']) {
      const e = refusal(() => findRoute(table, 'GET', path));
      assert.deepEqual([e.status, e.code, e.message], [404, 'not_found', `Unknown route GET ${path}; the gateway serves ${served}`]);
    }
  });

  it('answers 400 for a segment that is not valid percent-encoding', () => {
    const e = refusal(() => findRoute(table, 'GET', '/v1/streamfix/result/%E0%A4%A'));
    assert.deepEqual([e.status, e.code, e.message], [400, 'invalid_request', 'Path segment "%E0%A4%A" is not valid percent-encoding']);
  });
});

describe('request ids', () => {
  it('are sfx_ + base-36 time + 12 hex characters, all different across pool refills', () => {
    const ids = new RequestIds();
    const seen = new Set<string>();
    for (let i = 0; i < 1100; i++) {
      const id = ids.next();
      assert.match(id, /^sfx_[0-9a-z]+[0-9a-f]{12}$/);
      seen.add(id);
    }
    assert.equal(seen.size, 1100);
  });
});
