/**
 * A Messages answer in repair mode whose text holds no JSON is FAILED, and its artifact says why, as the
 * chat endpoint's does: `NO_JSON` in its errors. Before, the Messages artifact was FAILED with no error at
 * all. Text of thinking and white space only is EMPTY with no error, on both.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const NO_JSON = { message: 'No JSON value found in the input', code: 'NO_JSON' };

describe('messages, repair: a FAILED text says why in the artifact, as on the chat endpoint', () => {
  const { up, d } = useTestGateway();
  const latest = async (): Promise<Artifact> => {
    const list = (await (await fetch(`${d.info.url}/streamfix/results?limit=1`)).json()) as { data: { id: string }[] };
    return (await (await fetch(`${d.info.url}/streamfix/result/${list.data[0]!.id}`)).json()) as Artifact;
  };
  const cases: [string, string, string, unknown[]][] = [
    ['prose', 'Hello there', 'FAILED', [NO_JSON]],
    ['a think block and white space', '<think>plan</think>\n', 'EMPTY', []],
    ['JSON', '{"a": 1,}', 'REPAIRED', []],
  ];
  for (const [name, text, status, errors] of cases) {
    it(`${name}: ${status}, errors ${JSON.stringify(errors.map((e) => (e as { code: string }).code))}, streamed and not, and the chat endpoint's the same`, async () => {
      const body = sse(chunk({ role: 'assistant', content: text }), chunk({}, 'stop'), '[DONE]');
      const ant = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': 'repair' } });
      const req = { model: 'x/model', max_tokens: 50, messages: [{ role: 'user' as const, content: 'x' }] };
      for (const stream of [true, false]) {
        up.enqueue({ chunks: [body] });
        if (stream) await ant.messages.stream(req).finalMessage();
        else await ant.messages.create(req);
        const a = await latest();
        assert.deepEqual([a.api, a.status, a.errors], ['messages', status, errors], `stream ${stream}`);
      }
      up.enqueue({ chunks: [body] });
      const oai = new OpenAI({ baseURL: d.info.url, apiKey: 'any', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': 'repair' } });
      await oai.chat.completions.stream({ model: 'x/model', stream: true, messages: [{ role: 'user', content: 'x' }] }).finalChatCompletion();
      const c = await latest();
      assert.deepEqual([c.api, c.status, c.errors], [undefined, status, errors]);
    });
  }
});
