import { strict as assert } from 'node:assert';
import { describeFilter, isEmptyFilter, searchMatchesArtifact, searchMatchesId } from '../../client/artifactFilter';
import { matchesQuery } from '../../shared/protocol';
import { describeBreaker, describeHealth, healthTooltip } from '../../client/modelHealthText';
import type { ArtifactSummary, ModelHealthEntry } from '../../shared/protocol';

/** When the gateway answered, local time 16:04:49: a breaker 20 s from its probe shows 16:05:09. */
const AT = new Date(2026, 0, 1, 16, 4, 49, 300).getTime();

const summary: ArtifactSummary = { id: 'sfx_abc123', createdAt: '2026-01-01T00:00:00.000Z', model: 'demo/clean', mode: 'repair', status: 'VALID', repairs: 0, totalMs: 3 };

describe('client/artifactFilter', () => {
  it('matches status, model and mode exactly, each only when set', () => {
    assert.equal(matchesQuery(summary, {}), true);
    assert.equal(matchesQuery(summary, { status: 'VALID', model: 'demo/clean', mode: 'repair' }), true);
    assert.equal(matchesQuery(summary, { status: 'REPAIRED' }), false);
    assert.equal(matchesQuery(summary, { model: 'demo/clea' }), false);
    assert.equal(matchesQuery(summary, { mode: 'strip' }), false);
  });

  it('searches the id, then the contents, case-insensitively', () => {
    assert.equal(searchMatchesId('sfx_ABC123', 'abc1'), true);
    const a = { id: 'sfx_1', rawContent: '{"city": "Zürich"}', repairedContent: null, reasoning: 'Think', toolCalls: [{ index: 0, rawArguments: '{q: 1}', repairedArguments: null, status: 'FAILED' as const, repairs: [] }] };
    assert.equal(searchMatchesArtifact(a, 'zürich'), true);
    assert.equal(searchMatchesArtifact(a, 'think'), true);
    assert.equal(searchMatchesArtifact(a, '{q:'), true);
    assert.equal(searchMatchesArtifact(a, 'Paris'), false);
  });

  it('describes the filter for the tree message', () => {
    assert.equal(isEmptyFilter({}), true);
    assert.equal(isEmptyFilter({ search: 'x' }), false);
    assert.equal(describeFilter({}), '');
    assert.equal(describeFilter({ status: 'TRUNCATED', model: 'demo/clean', mode: 'repair', search: 'Ada' }), 'Filtered: status TRUNCATED · model demo/clean · mode repair · “Ada”');
    // the text search read the newest 100 of the matching artifacts only: said so; status and the rest are the daemon's, over all
    assert.equal(describeFilter({ status: 'TEXT', search: 'Ada' }, 100), 'Filtered: status TEXT · “Ada” in the newest 100');
    assert.equal(describeFilter({ status: 'TEXT' }, 100), 'Filtered: status TEXT');
  });

  it('says a model\'s health in one line', () => {
    const m: ModelHealthEntry = { model: 'demo/x', requests: 12, repairs: 18, repairsPerRequest: 1.5, failedRate: 1 / 12, truncatedRate: 0, schemaFailures: 1, upstreamErrors: 0, circuit: { state: 'open', consecutiveFailures: 0, retryAfterSeconds: 20 } };
    assert.equal(describeHealth(m, AT), '12 requests · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0% · 1 schema failure · breaker open until 16:05:09');
    assert.equal(describeHealth({ ...m, requests: 1, schemaFailures: 0, circuit: { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null } }, AT), '1 request · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0%');
  });

  it('says why a model\'s breaker opened, and its consecutive failures, in the line and the tooltip', () => {
    const reason = '3 consecutive failures within 60 s, the last: upstream answered 500';
    const m: ModelHealthEntry = { model: 'test/x', requests: 3, repairs: 0, repairsPerRequest: 0, failedRate: 0, truncatedRate: 0, schemaFailures: 0, upstreamErrors: 3, circuit: { state: 'open', consecutiveFailures: 3, retryAfterSeconds: 20, reason } };
    assert.equal(describeHealth(m, AT), `3 requests · 0 repairs/request · FAILED 0% · TRUNCATED 0% · breaker open until 16:05:09: ${reason}`);
    assert.equal(describeBreaker(m, AT), `breaker open after 3 consecutive failures, retry at 16:05:09: ${reason}`);
    assert.equal(healthTooltip(m, AT), `test/x\n${describeHealth(m, AT)}\nupstream errors: 3\nbreaker open after 3 consecutive failures, retry at 16:05:09: ${reason}`);
    // the cool-down over (the gateway's retryAfterSeconds 0): open until the next request, which is the probe
    const over = { ...m, circuit: { ...m.circuit, retryAfterSeconds: 0 } };
    assert.equal(describeHealth(over, AT), `3 requests · 0 repairs/request · FAILED 0% · TRUNCATED 0% · breaker open, cool-down over: the next request is the probe: ${reason}`);
    assert.equal(describeBreaker(over, AT), `breaker open after 3 consecutive failures, cool-down over: the next request is the probe: ${reason}`);
    // half-open (the probe is out); a FAILED rate opened it (no consecutive failures)
    const half = { ...m, circuit: { state: 'half_open' as const, consecutiveFailures: 0, retryAfterSeconds: null, reason: 'cool-down over: one probe request goes through' } };
    assert.equal(describeBreaker(half, AT), 'breaker half-open: cool-down over: one probe request goes through');
    assert.equal(describeHealth(half, AT), '3 requests · 0 repairs/request · FAILED 0% · TRUNCATED 0% · breaker half-open: cool-down over: one probe request goes through');
    // closed: the failures so far and the last change; a daemon before `reason` (absent) says none
    assert.equal(describeBreaker({ ...m, circuit: { state: 'closed', consecutiveFailures: 1, retryAfterSeconds: null, reason: 'probe answered 200' } }, AT), 'breaker closed, 1 consecutive failure so far (last change: probe answered 200)');
    assert.equal(describeBreaker({ ...m, circuit: { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null, reason: null } }, AT), 'breaker closed');
    assert.equal(describeBreaker({ ...m, circuit: { state: 'open', consecutiveFailures: 2, retryAfterSeconds: 5 } }, AT), 'breaker open after 2 consecutive failures, retry at 16:04:54');
    assert.equal(describeHealth({ ...m, circuit: { state: 'open', consecutiveFailures: 2, retryAfterSeconds: 5 } }, AT), '3 requests · 0 repairs/request · FAILED 0% · TRUNCATED 0% · breaker open until 16:04:54');
  });
});
