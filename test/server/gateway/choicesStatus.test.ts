/**
 * `n > 1`, auto mode: the combined label (artifact status, x-streamfix-status header or trailer, the
 * request metric) claims only what was checked in every choice: a choice that went out as unparsed text
 * (strip: TEXT, or strip with nothing in it) makes it TEXT unless another choice is TRUNCATED or FAILED,
 * so a strip-mode label is never VALID through another choice's check, and REPAIRED never covers another
 * choice's text.
 */
import { strict as assert } from 'node:assert';
import { combinedStatus } from '../../../server/gateway/record';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { sse } from '../helpers/testUpstream';

function completion(contents: string[]): string {
  return JSON.stringify({ id: 'gen-n', object: 'chat.completion', created: 1, model: 'm', choices: contents.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })) });
}

function stream(contents: string[]): string {
  const chunks = contents.map((content, index) => JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta: { role: 'assistant', content }, finish_reason: 'stop' }] }));
  return sse(...chunks, '[DONE]');
}

describe('gateway: the combined status of n > 1 choices (auto mode)', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  const metricLines = async (model: string) =>
    (await (await fetch(`http://127.0.0.1:${d.info.port}/metrics`)).text()).split('\n').filter((l) => l.startsWith('streamfix_requests_total{') && l.includes(`model="${model}"`));

  const CASES: { name: string; contents: string[]; mode: string; status: string; choices: [string, string][] }[] = [
    { name: 'choice 0 empty (strip), choice 1 JSON (repair, VALID)', contents: ['', '{"a":1}'], mode: 'strip', status: 'TEXT', choices: [['repair', 'VALID']] },
    { name: 'choice 0 repaired JSON, choice 1 text', contents: ['{"a":1,}', 'Hello'], mode: 'repair', status: 'TEXT', choices: [['strip', 'TEXT']] },
    { name: 'choice 0 text, choice 1 repaired JSON', contents: ['Hello', '{"a":1,}'], mode: 'strip', status: 'TEXT', choices: [['repair', 'REPAIRED']] },
    { name: 'choice 0 JSON (repair, VALID), choice 1 a think block only (strip, EMPTY: no text)', contents: ['{"a":1}', '<think>plan</think>\n'], mode: 'repair', status: 'TEXT', choices: [['strip', 'EMPTY']] },
    { name: 'both JSON, one repaired (unchanged: the worst verdict)', contents: ['{"a":1}', '{"a":1,}'], mode: 'repair', status: 'REPAIRED', choices: [['repair', 'REPAIRED']] },
  ];

  CASES.forEach((c, k) => {
    it(`not streaming, ${c.name}: ${c.mode} ${c.status} in the artifact, the header and the metric`, async () => {
      const model = `n2/plain-${k}`;
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(c.contents)] });
      const r = await postChat(d, { model, n: 2, messages: [{ role: 'user', content: 'hi' }] });
      await r.text();
      assert.equal(r.headers.get('x-streamfix-status'), c.status);
      const a = await artifactOf(d, r);
      assert.deepEqual([a.mode, a.status, a.choices?.map((x) => [x.mode, x.status])], [c.mode, c.status, c.choices]);
      assert.deepEqual(await metricLines(model), [`streamfix_requests_total{model="${model}",mode="${c.mode}",status="${c.status}",api="chat"} 1`]);
    });

    it(`streaming, ${c.name}: ${c.mode} ${c.status} in the artifact and the metric`, async () => {
      const model = `n2/stream-${k}`;
      up.enqueue({ chunks: [stream(c.contents)] });
      const r = await postChat(d, { model, n: 2, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      await r.text();
      const a = await artifactOf(d, r);
      assert.deepEqual([a.mode, a.status, a.choices?.map((x) => [x.mode, x.status])], [c.mode, c.status, c.choices]);
      assert.deepEqual(await metricLines(model), [`streamfix_requests_total{model="${model}",mode="${c.mode}",status="${c.status}",api="chat"} 1`]);
    });
  });

  it('combinedStatus: every order of the verdicts', () => {
    const s = (mode: 'strip' | 'repair', ...checks: ('VALID' | 'REPAIRED' | 'TEXT' | 'TRUNCATED' | 'FAILED')[]) => ({ mode, checks });
    assert.equal(combinedStatus([s('strip'), s('strip')]), 'EMPTY');
    assert.equal(combinedStatus([s('strip'), s('repair', 'VALID')]), 'TEXT');
    assert.equal(combinedStatus([s('repair'), s('repair', 'VALID')]), 'VALID');
    assert.equal(combinedStatus([s('strip', 'VALID'), s('repair', 'VALID')]), 'VALID');
    assert.equal(combinedStatus([s('repair', 'REPAIRED'), s('strip', 'TEXT')]), 'TEXT');
    assert.equal(combinedStatus([s('strip', 'TEXT', 'REPAIRED'), s('repair', 'VALID')]), 'REPAIRED');
    assert.equal(combinedStatus([s('repair', 'TRUNCATED'), s('strip', 'TEXT')]), 'TRUNCATED');
    assert.equal(combinedStatus([s('strip'), s('repair', 'FAILED'), s('repair', 'TRUNCATED')]), 'FAILED');
  });
});
