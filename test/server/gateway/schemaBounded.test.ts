/**
 * The JSON Schema check at the end of a stream sees the whole content sent, not the bounded copy the
 * artifact keeps (16 characters here): a long valid answer is `valid`, a long invalid one names its own
 * error, at every byte split of the upstream body.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, collect, sse } from '../helpers/testUpstream';

const PERSON = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] };
const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: '' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON } } };
const small = (content: string, finish?: string) => JSON.stringify({ choices: [{ index: 0, delta: { content }, ...(finish ? { finish_reason: finish } : {}) }] });

describe('gateway: the schema check of a stream longer than the artifact keeps', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', maxArtifactText: 16 });

  const CASES: [string, string, string, unknown][] = [
    ["{'name': 'Ada Lovelace, née Byron 😀', 'age': 36,", '{"name": "Ada Lovelace, née Byron 😀", "age": 36}', 'valid', { valid: true, errors: [] }],
    ["{'name': 'Ada Lovelace, née Byron 😀', 'age': 'x'}", '{"name": "Ada Lovelace, née Byron 😀", "age": "x"}', 'invalid', { valid: false, errors: [{ path: '/age', message: 'must be integer' }] }],
  ];

  for (const [raw, sent, verdict, schema] of CASES) {
    it(`${verdict}: the trailer and the artifact's schema, at every byte split`, async () => {
      const body = Buffer.from(sse(small(raw.slice(0, 20)), small(raw.slice(20)), small('', 'stop'), '[DONE]'), 'utf8');
      await atEveryByteSplit(up, body, 8, async (k) => {
        const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' }, body: JSON.stringify({ ...REQ, messages: [{ role: 'user', content: String(k) }] }) });
        assert.equal(collect(await r.body.text()).content, sent, `split ${k}`);
        assert.equal(r.trailers['x-streamfix-schema'], verdict, `split ${k}`);
        const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { schema: unknown; cuts?: { field: string }[] };
        assert.deepEqual(a.schema, schema, `split ${k}`);
        // the artifact's copy was cut: the verdict is not of it
        assert.equal(a.cuts?.some((c) => c.field === 'repairedContent'), true, `split ${k}`);
      });
    });
  }
});

describe("gateway: the schema check of a tool call's arguments longer than the artifact keeps", () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', maxArtifactText: 16 });

  const WRITE = { type: 'object', properties: { path: { type: 'string' }, size: { type: 'integer' } }, required: ['path', 'size'] };
  const TOOLS = [{ type: 'function', function: { name: 'write', parameters: WRITE } }];
  const call = (args: string, first: boolean) => JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' } : {}), function: { ...(first ? { name: 'write' } : {}), arguments: args } }] } }] });
  const finish = JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });

  it('checks the whole repaired arguments (the engine keeps them for a tool schema), at every byte split', async () => {
    const args = "{'path': 'notes/today.txt', 'size': 'big',}";
    const body = Buffer.from(sse(call(args.slice(0, 20), true), call(args.slice(20), false), finish, '[DONE]'), 'utf8');
    await atEveryByteSplit(up, body, 8, async (k) => {
      const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-mode': 'repair' }, body: JSON.stringify({ model: 'test/model', stream: true, tools: TOOLS, messages: [{ role: 'user', content: String(k) }] }) });
      assert.equal(collect(await r.body.text()).tools.get(0), '{"path": "notes/today.txt", "size": "big"}', `split ${k}`);
      assert.equal(r.trailers['x-streamfix-schema'], 'invalid', `split ${k}`);
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { schema: unknown; toolCalls: { repairedArguments: string }[] };
      assert.deepEqual(a.schema, { valid: false, errors: [{ path: '/size', message: 'must be integer', toolCallIndex: 0 }] }, `split ${k}`);
      // the artifact's copy is bounded all the same (clipped when the artifact is built)
      assert.equal(a.toolCalls[0]!.repairedArguments, '{"path":: "big"}', `split ${k}`);
    });
  });
});
