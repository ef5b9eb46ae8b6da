import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayHttpError, gatewayOrigin, listModels, streamChat } from '../../client/gatewayHttp';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

const chunk = (delta: object, finish: string | null = null): string =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

describe('client/gatewayHttp', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it('strips a trailing /v1 or slash from the gateway URL', () => {
    assert.equal(gatewayOrigin('http://127.0.0.1:8787/v1'), 'http://127.0.0.1:8787');
    assert.equal(gatewayOrigin('http://127.0.0.1:8787/v1/'), 'http://127.0.0.1:8787');
    assert.equal(gatewayOrigin('http://127.0.0.1:8787/'), 'http://127.0.0.1:8787');
  });

  it('streams content deltas split across writes and inside a UTF-8 character', async () => {
    let seen: { body: unknown; headers: IncomingMessage['headers'] } | undefined;
    const s = await serve((req, res, body) => {
      seen = { body: JSON.parse(body), headers: req.headers };
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-streamfix-request-id': 'sfx_test' });
      const bytes = Buffer.from(
        ': OPENROUTER PROCESSING\n\n' + chunk({ role: 'assistant', content: '{"city": "Z' }) + chunk({ content: 'ürich"}' }) +
          chunk({ reasoning: 'thought' }) + chunk({}, 'stop') + 'data: [DONE]\n\n',
        'utf8',
      );
      const cut = bytes.indexOf(Buffer.from('ü')) + 1; // inside the two-byte ü
      res.write(bytes.subarray(0, 7));
      res.write(bytes.subarray(7, cut));
      res.end(bytes.subarray(cut));
    });
    server = s.server;
    const parts: string[] = [];
    const result = await streamChat(s.url, { model: 'demo/clean', json: true, mode: 'repair', messages: [{ role: 'user', content: 'hi' }] }, (t) => parts.push(t), { token: 'tok12345' });
    assert.deepEqual(parts, ['{"city": "Z', 'ürich"}']);
    assert.deepEqual(result, { requestId: 'sfx_test', content: '{"city": "Zürich"}', reasoning: 'thought', refusal: '', finishReason: 'stop' });
    assert.deepEqual(seen!.body, {
      model: 'demo/clean',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_object' },
    });
    assert.equal(seen!.headers.authorization, 'Bearer tok12345');
    assert.equal(seen!.headers['x-streamfix-mode'], 'repair');
    assert.equal(seen!.headers['x-streamfix-schema'], undefined);
  });

  it('sends a JSON Schema as response_format json_schema, with x-streamfix-schema (StreamFix Chat JSON Schema mode)', async () => {
    const seen: { body: unknown; headers: IncomingMessage['headers'] }[] = [];
    const s = await serve((req, res, body) => {
      seen.push({ body: JSON.parse(body), headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-streamfix-request-id': 'sfx_schema' });
      res.end(chunk({ role: 'assistant', content: '{"name": "Ada"}' }) + chunk({}, 'stop') + 'data: [DONE]\n\n');
    });
    server = s.server;
    const schema = { name: 'person', schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } };
    const messages = [{ role: 'system' as const, content: 'Answer with one JSON value.' }, { role: 'user' as const, content: 'Ada' }];
    await streamChat(s.url, { model: 'fake/json', json: true, mode: 'repair', schema, schemaPolicy: 'coerce', messages }, () => undefined);
    await streamChat(s.url, { model: 'fake/json', json: true, mode: 'repair', schema, schemaPolicy: 'report', messages }, () => undefined);
    assert.equal(
      JSON.stringify(seen[0]!.body),
      '{"model":"fake/json","stream":true,"messages":[{"role":"system","content":"Answer with one JSON value."},{"role":"user","content":"Ada"}],' +
        '"response_format":{"type":"json_schema","json_schema":{"name":"person","schema":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}}}}',
    );
    assert.deepEqual(seen.map((r) => [r.headers['x-streamfix-mode'], r.headers['x-streamfix-schema']]), [['repair', 'coerce'], ['repair', 'report']]);
    assert.deepEqual(seen[1]!.body, seen[0]!.body);
  });

  it('reports the request id before the first delta, and each reasoning delta as it arrives', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-streamfix-request-id': 'sfx_r1' });
      res.end(chunk({ reasoning: 'Think ' }) + chunk({ reasoning: 'twice.' }) + chunk({ content: '{}' }) + chunk({}, 'stop') + 'data: [DONE]\n\n');
    });
    server = s.server;
    const seen: string[] = [];
    const result = await streamChat(s.url, { model: 'm', messages: [] }, (t) => seen.push(`content:${t}`), {
      onResponse: (id) => seen.push(`response:${id}`),
      onReasoning: (t) => seen.push(`reasoning:${t}`),
    });
    assert.deepEqual(seen, ['response:sfx_r1', 'reasoning:Think ', 'reasoning:twice.', 'content:{}']);
    assert.equal(result.reasoning, 'Think twice.');
  });

  it('reads reasoning_content (DeepSeek, vLLM) as reasoning and delta.refusal as the refusal, each delta as it arrives', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-streamfix-request-id': 'sfx_r2' });
      res.end(
        chunk({ role: 'assistant', content: null, reasoning_content: 'Deep ' }) + chunk({ reasoning_content: 'seek.' }) + chunk({ content: 'A' }) +
          chunk({ refusal: "I can't " }) + chunk({ refusal: 'help.' }) + chunk({}, 'stop') + 'data: [DONE]\n\n',
      );
    });
    server = s.server;
    const seen: string[] = [];
    const result = await streamChat(s.url, { model: 'm', messages: [] }, (t) => seen.push(`content:${t}`), {
      onReasoning: (t) => seen.push(`reasoning:${t}`),
      onRefusal: (t) => seen.push(`refusal:${t}`),
    });
    assert.deepEqual(seen, ['reasoning:Deep ', 'reasoning:seek.', 'content:A', "refusal:I can't ", 'refusal:help.']);
    assert.deepEqual(result, { requestId: 'sfx_r2', content: 'A', reasoning: 'Deep seek.', refusal: "I can't help.", finishReason: 'stop' });
  });

  it('rejects with the OpenAI error message of an HTTP error', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'No OpenRouter API key', type: 'auth', code: 'no_key' } }));
    });
    server = s.server;
    await assert.rejects(
      streamChat(s.url, { model: 'm', messages: [] }, () => undefined),
      (err: unknown) => err instanceof GatewayHttpError && err.status === 401 && err.message === 'gateway answered 401: No OpenRouter API key',
    );
  });

  it('rejects with the error chunk sent after the stream started', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(chunk({ content: '{"a"' }) + `data: ${JSON.stringify({ error: { message: 'upstream dropped', code: 502 } })}\n\ndata: [DONE]\n\n`);
    });
    server = s.server;
    await assert.rejects(
      streamChat(s.url, { model: 'm', messages: [] }, () => undefined),
      (err: unknown) => err instanceof GatewayHttpError && err.code === '502' && err.message === 'upstream dropped',
    );
  });

  it('says when the gateway cannot be reached', async () => {
    const s = await serve(() => undefined);
    const url = s.url;
    await new Promise<void>((r) => s.server.close(() => r()));
    await assert.rejects(
      streamChat(url, { model: 'm', messages: [] }, () => undefined),
      (err: unknown) => err instanceof GatewayHttpError && err.code === 'UNREACHABLE' && err.message.startsWith('cannot reach the StreamFix gateway'),
    );
  });

  it('lists model ids', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'demo/clean' }, { id: 'demo/truncated' }, { nope: 1 }] }));
    });
    server = s.server;
    assert.deepEqual(await listModels(s.url), ['demo/clean', 'demo/truncated']);
  });
});
