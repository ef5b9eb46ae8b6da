/**
 * x-streamfix-truncated-tools: reject with a tool that has a schema: a refused call (its arguments cut by
 * the upstream, their closure withheld) is not checked against the schema. The check would read the
 * closure the gateway invented and refused to deliver: before, the verdict was `valid` (trailer, header,
 * artifact) for `{"c": "ab"}`, which no client got. Now no verdict covers it: with nothing else checked,
 * no x-streamfix-schema trailer or header and no `schema` in the artifact; what was delivered is still
 * checked (content, a whole call of a delivered choice). With `close` the closed call is delivered and
 * checked as before. Chat and Messages, streaming (at every byte split of the upstream's body) and not.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { Daemon } from '../../../server/daemon';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const CUT = '{"c": "ab';
const PARAMS = { type: 'object', properties: { c: { type: 'string' } }, required: ['c'] };
const CHAT_TOOLS = [{ type: 'function', function: { name: 'f', parameters: PARAMS } }];
const MESSAGES_TOOLS = [{ name: 'f', input_schema: PARAMS }];

const STREAM = sse(
  chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: CUT } }] }),
  chunk({}, 'length'),
  '[DONE]',
);
const COMPLETION = JSON.stringify({
  id: 'gen-1',
  object: 'chat.completion',
  created: 1,
  model: 'test/model',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: CUT } }] }, finish_reason: 'length' }],
});

/** Two calls: call 0 whole and valid, call 1 cut by the upstream. */
const TWO = sse(
  chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"c": "x"}' } }] }),
  chunk({ tool_calls: [{ index: 1, id: 'call_1', type: 'function', function: { name: 'f', arguments: CUT } }] }),
  chunk({}, 'length'),
  '[DONE]',
);
const TWO_COMPLETION = JSON.stringify({
  id: 'gen-2',
  object: 'chat.completion',
  created: 1,
  model: 'test/model',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"c": "x"}' } }, { id: 'call_1', type: 'function', function: { name: 'f', arguments: CUT } }] }, finish_reason: 'length' }],
});

/** What the upstream answers a non-streaming request: chat asks for a completion, Messages always streams. */
const upstreamOf = (api: 'chat' | 'messages') => (api === 'chat' ? { headers: { 'content-type': 'application/json' }, chunks: [COMPLETION] } : { chunks: [STREAM] });

interface Seen {
  status: number;
  verdict: string | undefined;
  artStatus: string;
  schema: unknown;
}

async function send(d: Daemon, api: 'chat' | 'messages', stream: boolean, policy: 'reject' | 'close'): Promise<Seen> {
  const body =
    api === 'chat'
      ? { model: 'test/model', stream, tools: CHAT_TOOLS, messages: [{ role: 'user', content: 'go' }] }
      : { model: 'test/model', stream, max_tokens: 100, tools: MESSAGES_TOOLS, messages: [{ role: 'user', content: 'go' }] };
  const r = await request(`${d.info.url}/${api === 'chat' ? 'chat/completions' : 'messages'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-streamfix-truncated-tools': policy, 'x-streamfix-mode': 'repair' },
    body: JSON.stringify(body),
  });
  await r.body.text();
  const where = stream ? r.trailers : r.headers;
  const art = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { status: string; schema?: unknown };
  return { status: r.statusCode, verdict: where['x-streamfix-schema'] as string | undefined, artStatus: art.status, schema: art.schema };
}

describe('gateway: a refused truncated tool call is not checked against its schema', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  for (const api of ['chat', 'messages'] as const) {
    it(`${api}, streaming, reject: no verdict for the refused call, at every byte split of the upstream body`, async () => {
      const bytes = Buffer.from(STREAM);
      for (let s = 0; s < bytes.length; s += s < 8 ? 1 : 7) {
        up.enqueue({ chunks: s === 0 ? [STREAM] : [bytes.subarray(0, s), bytes.subarray(s)] });
        const got = await send(d, api, true, 'reject');
        assert.deepEqual(got, { status: 200, verdict: undefined, artStatus: 'TRUNCATED', schema: undefined }, `split ${s}`);
      }
    });

    it(`${api}, not streaming, reject: the 502 claims no verdict, the artifact has none`, async () => {
      up.enqueue(upstreamOf(api));
      assert.deepEqual(await send(d, api, false, 'reject'), { status: 502, verdict: undefined, artStatus: 'TRUNCATED', schema: undefined });
    });

    it(`${api}, streaming and not, close: the closed call went out and is checked`, async () => {
      up.enqueue({ chunks: [STREAM] });
      assert.deepEqual(await send(d, api, true, 'close'), { status: 200, verdict: 'valid', artStatus: 'TRUNCATED', schema: { valid: true, errors: [] } });
      up.enqueue(upstreamOf(api));
      assert.deepEqual(await send(d, api, false, 'close'), { status: 200, verdict: 'valid', artStatus: 'TRUNCATED', schema: { valid: true, errors: [] } });
    });
  }

  for (const api of ['chat', 'messages'] as const) {
    it(`${api}, reject, a whole call before the cut one: streaming, the whole call (delivered) is checked; not streaming, nothing went out, no verdict`, async () => {
      const bytes = Buffer.from(TWO);
      for (let s = 0; s < bytes.length; s += s < 8 ? 1 : 11) {
        up.enqueue({ chunks: s === 0 ? [TWO] : [bytes.subarray(0, s), bytes.subarray(s)] });
        assert.deepEqual(await send(d, api, true, 'reject'), { status: 200, verdict: 'valid', artStatus: 'TRUNCATED', schema: { valid: true, errors: [] } }, `split ${s}`);
      }
      up.enqueue(api === 'chat' ? { headers: { 'content-type': 'application/json' }, chunks: [TWO_COMPLETION] } : { chunks: [TWO] });
      assert.deepEqual(await send(d, api, false, 'reject'), { status: 502, verdict: undefined, artStatus: 'TRUNCATED', schema: undefined });
    });
  }
});
