/**
 * The listing's schema verdict (`GET /v1/streamfix/results`): each row says whether the answer met the
 * request's JSON Schema (`schema`: valid, invalid, unchecked, or null when no schema was named) and, when it
 * did not, the first error (`schemaError`), the same words after a restart (the record summary keeps them).
 */
import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactStore } from '../../../server/gateway/artifacts';
import type { ArtifactSummary } from '../../../shared/protocol';
import { postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { makeArtifact } from './fixtures/artifactFixture';

const PERSON = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] };
const JSON_REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } } };
const PLAIN_REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } };

function completion(content: string): string {
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
}

describe('gateway: the listing says the schema verdict', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function ask(body: unknown, content: string): Promise<string> {
    up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(content)] });
    const res = await postChat(d, body);
    assert.equal(res.status, 200);
    await res.text();
    return res.headers.get('x-streamfix-request-id')!;
  }

  it('valid, invalid with its first error named and the rest counted, null without a schema', async () => {
    const good = await ask(JSON_REQ, '{"name": "Ada", "age": 36}');
    const bad = await ask(JSON_REQ, '{"name": 1815, "age": "36"}');
    const plain = await ask(PLAIN_REQ, '{"name": 1815}');
    const rows = ((await (await fetch(`${d.info.url}/streamfix/results?limit=3`)).json()) as { data: ArtifactSummary[] }).data;
    assert.deepEqual(
      rows.map((r) => [r.id, r.status, r.schema, r.schemaError]),
      [
        [plain, 'VALID', null, undefined],
        [bad, 'VALID', 'invalid', '/name: must be string (+1 more)'],
        [good, 'VALID', 'valid', undefined],
      ],
    );
  });
});

describe('ArtifactStore: the schema verdict in the record summary', () => {
  let dir = '';
  after(async () => {
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  it('is listed the same after a restart (read back from the summary, not the artifact)', async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sfx-schema-listing-'));
    const invalid = { ...makeArtifact(0), schema: { valid: false, errors: [{ path: '', message: 'must be object' }] } };
    const unchecked = { ...makeArtifact(1), schema: { valid: null, error: 'the pattern engine failed', errors: [] } };
    const none = makeArtifact(2);
    const store = await ArtifactStore.open({ dir });
    for (const a of [invalid, unchecked, none]) await store.put(a);
    const before = store.list().map((r) => [r.id, r.schema, r.schemaError]);
    await store.close();
    const again = await ArtifactStore.open({ dir });
    try {
      const expected = [
        [none.id, null, undefined],
        [unchecked.id, 'unchecked', 'the pattern engine failed'],
        [invalid.id, 'invalid', '(the value): must be object'],
      ];
      assert.deepEqual(before, expected);
      assert.deepEqual(again.list().map((r) => [r.id, r.schema, r.schemaError]), expected);
    } finally {
      await again.close();
    }
  });
});
