import { strict as assert } from 'node:assert';
import { describeFilter, isEmptyFilter, matchesSummary, searchMatchesArtifact, searchMatchesId } from '../../client/artifactFilter';
import { describeHealth } from '../../client/modelHealthText';
import type { ArtifactSummary, ModelHealthEntry } from '../../shared/protocol';

const summary: ArtifactSummary = { id: 'sfx_abc123', createdAt: '2026-01-01T00:00:00.000Z', model: 'demo/clean', mode: 'repair', status: 'VALID', repairs: 0, totalMs: 3 };

describe('client/artifactFilter', () => {
  it('matches status, model and mode exactly, each only when set', () => {
    assert.equal(matchesSummary(summary, {}), true);
    assert.equal(matchesSummary(summary, { status: 'VALID', model: 'demo/clean', mode: 'repair' }), true);
    assert.equal(matchesSummary(summary, { status: 'REPAIRED' }), false);
    assert.equal(matchesSummary(summary, { model: 'demo/clea' }), false);
    assert.equal(matchesSummary(summary, { mode: 'strip' }), false);
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
  });

  it('says a model\'s health in one line', () => {
    const m: ModelHealthEntry = { model: 'demo/x', requests: 12, repairs: 18, repairsPerRequest: 1.5, failedRate: 1 / 12, truncatedRate: 0, schemaFailures: 1, upstreamErrors: 0, circuit: { state: 'open', consecutiveFailures: 0, retryAfterSeconds: 20 } };
    assert.equal(describeHealth(m), '12 requests · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0% · 1 schema failure · breaker open (20 s)');
    assert.equal(describeHealth({ ...m, requests: 1, schemaFailures: 0, circuit: { state: 'closed', consecutiveFailures: 0, retryAfterSeconds: null } }), '1 request · 1.5 repairs/request · FAILED 8.3% · TRUNCATED 0%');
  });
});
