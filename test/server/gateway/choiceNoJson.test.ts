/**
 * `n > 1`, repair mode: a later choice whose content holds no JSON is FAILED, and the artifact says why, as
 * for choice 0 (`NO_JSON`), with the choice named: `choice 1: No JSON value found in the input`. Before, the
 * artifact (and so the whole answer) was FAILED with `errors: []`: nothing said which choice failed or why.
 * Through the openai SDK, not streaming and streaming at every byte split of the upstream's body.
 */
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, sse } from '../helpers/testUpstream';

const completion = (contents: string[]) =>
  JSON.stringify({ id: 'gen-n', object: 'chat.completion', created: 1, model: 'm', choices: contents.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })) });

const stream = (contents: string[]) =>
  sse(...contents.map((content, index) => JSON.stringify({ id: 'gen-n', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta: { role: 'assistant', content }, finish_reason: 'stop' }] })), '[DONE]');

describe('gateway: n > 1, a later choice with no JSON says why in the artifact (repair mode)', () => {
  const { up, d } = useTestGateway();
  const NO_JSON = (k: number) => ({ message: `choice ${k}: No JSON value found in the input`, code: 'NO_JSON' });
  // [the choices' contents, the errors, the choices' statuses]
  const cases: [string[], { message: string; code: string }[], string[]][] = [
    [['{"a": 1}', 'Hello'], [NO_JSON(1)], ['VALID', 'FAILED']],
    [['Hi', '{"a": 1,}', 'Bye'], [{ message: 'No JSON value found in the input', code: 'NO_JSON' }, NO_JSON(2)], ['FAILED', 'REPAIRED', 'FAILED']],
    // a choice of reasoning and white space only has no content to look in: no error (EMPTY)
    [['{"a": 1}', '<think>plan</think>\n'], [], ['VALID', 'EMPTY']],
  ];
  const client = () => new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0 });
  const artifact = async (id: string | null) => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; errors: unknown[]; choiceStatus: string; choices: { status: string }[] };

  for (const [contents, errors, statuses] of cases) {
    it(`not streaming, ${JSON.stringify(contents)}: errors ${JSON.stringify(errors)}`, async () => {
      up.enqueue({ headers: { 'content-type': 'application/json' }, chunks: [completion(contents)] });
      const { data, response } = await client().chat.completions.create({ model: 'm', n: contents.length, messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
      assert.deepEqual(data.choices.map((c) => c.message.content), contents.map((c) => (c === '{"a": 1,}' ? '{"a": 1}' : c.startsWith('<think>') ? '\n' : c)));
      const a = await artifact(response.headers.get('x-streamfix-request-id'));
      assert.deepEqual([a.errors, a.choiceStatus, ...a.choices.map((c) => c.status)], [errors, ...statuses]);
    });

    it(`streaming, ${JSON.stringify(contents)}: errors ${JSON.stringify(errors)}, at every byte split`, async function () {
      this.timeout(120_000);
      const body = Buffer.from(stream(contents), 'utf8');
      await atEveryByteSplit(up, body, 8, async (k) => {
        const r = await client().chat.completions.create({ model: 'm', n: contents.length, stream: true, messages: [{ role: 'user', content: String(k) }] }, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
        for await (const _ of r.data);
        const a = await artifact(r.response.headers.get('x-streamfix-request-id'));
        assert.deepEqual([a.errors, a.choiceStatus, ...a.choices.map((c) => c.status)], [errors, ...statuses], `split ${k}`);
      });
    });
  }
});
