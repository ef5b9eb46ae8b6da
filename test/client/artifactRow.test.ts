/** The Artifacts view row's words (client/artifactRow.ts): the JSON status, and beside it the schema verdict. */
import { strict as assert } from 'node:assert';
import { artifactRowText, MEMORY_ONLY } from '../../client/artifactRow';
import type { ArtifactSummary } from '../../shared/protocol';

const ROW: ArtifactSummary = { id: 'sfx_abc123', createdAt: '2026-01-01T00:00:00.000Z', model: 'fake/schema-bad', mode: 'repair', status: 'VALID', repairs: 0, totalMs: 12.4, schema: null };
const HEAD = 'sfx_abc123\n2026-01-01T00:00:00.000Z\nmodel fake/schema-bad, mode repair\n';

describe('client/artifactRow', () => {
  it('an answer that failed its schema: "schema invalid" beside VALID, the first error in the tooltip, a warning', () => {
    const t = artifactRowText({ ...ROW, schema: 'invalid', schemaError: '/name: must be string (+1 more)' });
    assert.deepEqual(t, {
      description: 'VALID · schema invalid · 0 repairs · 12 ms',
      tooltip: `${HEAD}VALID · schema invalid · 0 repairs · 12 ms\nschema invalid: /name: must be string (+1 more)`,
      schemaFailed: true,
    });
  });

  it('valid, not checked (with why), none named, and a listing from a daemon without the field', () => {
    assert.deepEqual(artifactRowText({ ...ROW, status: 'REPAIRED', repairs: 1, schema: 'valid' }), {
      description: 'REPAIRED · schema valid · 1 repair · 12 ms',
      tooltip: `${HEAD}REPAIRED · schema valid · 1 repair · 12 ms`,
      schemaFailed: false,
    });
    assert.deepEqual(artifactRowText({ ...ROW, schema: 'unchecked', schemaError: 'the pattern engine failed' }), {
      description: 'VALID · schema not checked · 0 repairs · 12 ms',
      tooltip: `${HEAD}VALID · schema not checked · 0 repairs · 12 ms\nschema not checked: the pattern engine failed`,
      schemaFailed: false,
    });
    assert.deepEqual(artifactRowText({ ...ROW, memoryOnly: true }), {
      description: 'VALID · 0 repairs · 12 ms · memory only',
      tooltip: `${HEAD}VALID · 0 repairs · 12 ms · memory only\n${MEMORY_ONLY}`,
      schemaFailed: false,
    });
    const { schema: _, ...old } = ROW;
    assert.equal(artifactRowText(old).description, 'VALID · 0 repairs · 12 ms');
  });
});
