/** `GET /v1/streamfix/results` with a query: the newest `limit` of the artifacts matching status, model and
 * mode, over every artifact the daemon keeps (the extension's artifact filters ask the same through LSP). */
import { strict as assert } from 'node:assert';
import type { ArtifactSummary } from '../../../shared/protocol';
import { useTestDaemon } from '../helpers/testGateway';

describe('gateway: GET /v1/streamfix/results?status=&model=&mode=', () => {
  const { d } = useTestDaemon({ demo: true, demoDelayMs: 0 });

  async function ask(model: string, json: boolean): Promise<string> {
    const body = { model, stream: true, messages: [{ role: 'user', content: 'hi' }], ...(json ? { response_format: { type: 'json_object' } } : {}) };
    const r = await fetch(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(r.status, 200);
    await r.text();
    return r.headers.get('x-streamfix-request-id')!;
  }
  const list = async (q: string) => ((await (await fetch(`${d.info.url}/streamfix/results?${q}`)).json()) as { data: ArtifactSummary[] }).data.map((s) => s.id);

  it('finds the newest matching artifacts however many newer ones do not match', async () => {
    const text = await ask('demo/msg-text', false); // auto, prose: strip, TEXT
    const cut = await ask('demo/truncated', true); // repair, TRUNCATED
    const clean: string[] = [];
    for (let i = 0; i < 12; i++) clean.push(await ask('demo/clean', true)); // repair, VALID
    const summaries = ((await (await fetch(`${d.info.url}/streamfix/results`)).json()) as { data: ArtifactSummary[] }).data;
    assert.deepEqual(summaries.map((s) => [s.id, s.status, s.mode]).slice(0, 14), [...clean.reverse().map((id) => [id, 'VALID', 'repair']), [cut, 'TRUNCATED', 'repair'], [text, 'TEXT', 'strip']]);
    assert.deepEqual(await list('limit=5&status=TEXT'), [text]);
    assert.deepEqual(await list('limit=5&mode=strip'), [text]);
    assert.deepEqual(await list('limit=1&status=TRUNCATED&model=demo%2Ftruncated'), [cut]);
    assert.deepEqual(await list('limit=3&status=VALID&model=demo/clean&mode=repair'), clean.slice(0, 3));
    assert.deepEqual(await list('status=TRUNCATED&model=demo/clean'), []);
    assert.deepEqual(await list('status=PASSTHROUGH'), []);
  });
});
