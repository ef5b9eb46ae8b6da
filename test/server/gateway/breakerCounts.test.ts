/**
 * The figures a failing model leaves equal what happened: 3 upstream failures, then refusals by the open
 * breaker (chat and Messages), which send nothing upstream. Before, each refusal also counted as an
 * upstream error (`streamfix_upstream_errors_total{status="circuit_open"}`), so a dashboard of upstream
 * failures grew with every request the gateway itself refused.
 */
import { strict as assert } from 'node:assert';
import { metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';

const E500 = { status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"boom","type":"server_error","code":500}}'] };

describe('gateway: breaker refusals are counted as refusals, not as upstream errors', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', clock: () => 1_800_000_000_000, breaker: { failures: 3, windowMs: 10_000, cooldownMs: 30_000, failedRate: null } });

  it('3 failures then 2 refusals: upstream errors 3, refusals 2, nothing more sent upstream, health 3 requests', async () => {
    up.always(E500);
    for (let i = 0; i < 3; i++) assert.equal((await postChat(d, { model: 'test/count', messages: [{ role: 'user', content: 'hi' }] })).status, 500);
    assert.equal((await postChat(d, { model: 'test/count', stream: true, messages: [{ role: 'user', content: 'hi' }] })).status, 503);
    const messages = await fetch(`${d.info.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/count', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(messages.status, 529);
    assert.equal(up.requests.length, 3);
    assert.equal(await metric(d, 'streamfix_upstream_errors_total{status="500"}'), 3);
    const text = await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).text();
    assert.equal(text.includes('status="circuit_open"'), false, 'no upstream error labelled circuit_open');
    assert.equal(await metric(d, 'streamfix_circuit_refusals_total{model="test/count"}'), 2);
    assert.equal(await metric(d, 'streamfix_circuit_state{model="test/count"}'), 2);
    const health = (await (await fetch(`${d.info.url}/streamfix/models`)).json()) as { data: { model: string; requests: number; upstreamErrors: number }[] };
    assert.deepEqual(
      health.data.filter((m) => m.model === 'test/count').map((m) => [m.requests, m.upstreamErrors]),
      [[3, 3]],
    );
  });
});
