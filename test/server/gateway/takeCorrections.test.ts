/**
 * A JSON-started answer that corrects its value later: a non-streaming response has the whole text before
 * anything is sent, so it answers with the correction (the value replaced a `draft` span); a stream sends
 * the first value as it comes and records the correction (README "The answer"). Through the openai SDK.
 */
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const RAW = "{\"city\": \"Paris\", \"pop\": 2.1}\n\nWait, that's wrong, the population is in millions as an integer:\n{'city': 'Paris', 'pop': 2100000,}";
const completion = (content: string) => JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
type Span = { kind: string; text: string };

describe('gateway: a value the answer corrects later', () => {
  const { up, d } = useTestGateway();

  it('non-streaming (openai SDK), repair and auto: the correction is the content, the first value a draft', async () => {
    for (const mode of ['repair', 'auto']) {
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(RAW)] });
      const client = new OpenAI({ baseURL: d.info.url, apiKey: "placeholder", maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
      const { data, response } = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).withResponse();
      assert.equal(data.choices[0]!.message.content, '{"city": "Paris", "pop": 2100000}', mode);
      assert.equal(response.headers.get('x-streamfix-status'), 'REPAIRED', mode);
      const a = await artifactOf(d, response);
      assert.deepEqual(
        (a.stripped as Span[]).map((s) => [s.kind, s.text]),
        [
          ['draft', '{"city": "Paris", "pop": 2.1}'],
          ['prose', "Wait, that's wrong, the population is in millions as an integer:"],
        ],
        mode,
      );
      assert.deepEqual((a.repairs as { kind: string }[]).map((r) => r.kind), [...Array(6).fill('single_quotes'), 'trailing_comma'], mode);
    }
  });

  it('streaming, at every split point: the first value as it came, REPAIRED, the correction recorded', async () => {
    for (let k = 0; k <= RAW.length; k++) {
      up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: RAW.slice(0, k) }), chunk({ content: RAW.slice(k) }), chunk({}, 'stop'), '[DONE]')] });
      const res = await postChat(d, { model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] }, { 'x-streamfix-mode': 'repair' });
      const got = collect(await res.text());
      assert.equal(got.content, '{"city": "Paris", "pop": 2.1}', `split at ${k}`);
      const a = await artifactOf(d, res);
      assert.equal(a.status, 'REPAIRED', `split at ${k}`);
      assert.deepEqual((a.stripped as Span[]).map((s) => s.kind), ['trailing', 'correction'], `split at ${k}`);
      assert.equal((a.stripped as Span[])[1]!.text, "{'city': 'Paris', 'pop': 2100000,}", `split at ${k}`);
    }
  });
});
