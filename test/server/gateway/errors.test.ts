/** Every error path answers in the OpenAI shape with a clear message and the request id. */
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { metric, postChat, startTestDaemon } from '../helpers/gateway';
import { useTestDaemon } from '../helpers/testGateway';

interface ErrBody {
  error: { message: string; type: string; code: string };
}

async function expectError(res: Response, status: number, type: string, code: string, message: string | RegExp): Promise<void> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('x-streamfix-request-id') ?? '', /^sfx_/);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  const body = (await res.json()) as ErrBody;
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'type']);
  assert.equal(body.error.type, type);
  assert.equal(body.error.code, code);
  if (typeof message === 'string') assert.equal(body.error.message, message);
  else assert.match(body.error.message, message);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

describe('gateway: errors', () => {
  const { d } = useTestDaemon({ demo: true });

  it('400 for a body that is not JSON, naming the problem', async () => {
    await expectError(await postChat(d, '{"model": "demo/clean", }'), 400, 'invalid_request_error', 'invalid_json', /^Request body is not valid JSON: .*(position 24|line 1 column 25)/);
    await expectError(await postChat(d, ''), 400, 'invalid_request_error', 'invalid_json', 'Request body is not valid JSON: the body is empty');
  });

  it('400 for a request without model or messages', async () => {
    await expectError(await postChat(d, { messages: [{ role: 'user', content: 'x' }] }), 400, 'invalid_request_error', 'invalid_request', '"model" is required: a model id such as "openai/gpt-4o-mini" (or "demo/fenced-prose" on the demo upstream)');
    await expectError(await postChat(d, { model: 'demo/clean' }), 400, 'invalid_request_error', 'invalid_request', '"messages" is required: a non-empty array of chat messages');
    await expectError(await postChat(d, [1, 2]), 400, 'invalid_request_error', 'invalid_request', 'Request body must be a JSON object with "model" and "messages"');
    await expectError(await postChat(d, { model: 'demo/clean', messages: [{}], stream: 'yes' }), 400, 'invalid_request_error', 'invalid_request', '"stream" must be true or false');
  });

  it('400 for an unknown x-streamfix-mode', async () => {
    await expectError(await postChat(d, { model: 'demo/clean', messages: [{}] }, { 'x-streamfix-mode': 'fix' }), 400, 'invalid_request_error', 'invalid_mode', 'Header x-streamfix-mode must be one of repair, strip, passthrough, auto; got "fix"');
  });

  it('404 for an unknown route and for an unknown artifact id, 405 for a wrong method', async () => {
    await expectError(await fetch(`${d.info.url}/completions`), 404, 'not_found_error', 'not_found', /^Unknown route GET \/v1\/completions; the gateway serves /);
    await expectError(await fetch(`${d.info.url}/streamfix/result/sfx_nope`), 404, 'not_found_error', 'not_found', 'No artifact with id "sfx_nope" (artifacts are kept for the most recent requests only)');
    await expectError(await fetch(`${d.info.url}/chat/completions`), 405, 'invalid_request_error', 'method_not_allowed', '/v1/chat/completions accepts POST only');
    await expectError(await fetch(`${d.info.url}/streamfix/results?limit=abc`), 400, 'invalid_request_error', 'invalid_request', 'limit must be a whole number from 1 to 10000, got "abc"');
  });

  it('forwards the upstream status and body for an upstream error (unknown demo model)', async () => {
    const res = await postChat(d, { model: 'demo/nope', messages: [{}] });
    assert.equal(res.status, 404);
    const body = (await res.json()) as ErrBody;
    assert.equal(body.error.code, 'model_not_found');
  });

  it('lists results newest first with a limit', async () => {
    const ids: string[] = [];
    for (const model of ['demo/clean', 'demo/python-literals']) {
      const r = await postChat(d, { model, messages: [{}] }, { 'x-streamfix-mode': 'repair' });
      await r.text();
      ids.push(r.headers.get('x-streamfix-request-id')!);
    }
    const r = await fetch(`${d.info.url}/streamfix/results?limit=2`);
    const list = (await r.json()) as { data: { id: string; model: string; status: string }[] };
    assert.deepEqual(
      list.data.map((x) => [x.id, x.model, x.status]),
      [
        [ids[1], 'demo/python-literals', 'REPAIRED'],
        [ids[0], 'demo/clean', 'VALID'],
      ],
    );
  });

  it('reports health: upstream, demo, store and uptime', async () => {
    const r = await fetch(`http://127.0.0.1:${d.info.port}/health`);
    assert.equal(r.status, 200);
    const h = (await r.json()) as { status: string; upstream: string; demo: boolean; store: { count: number; dir: string | null }; uptimeSeconds: number };
    assert.equal(h.status, 'ok');
    assert.equal(h.upstream, 'demo');
    assert.equal(h.demo, true);
    assert.equal(h.store.dir, null);
    assert.equal(typeof h.store.count, 'number');
    assert.ok(h.uptimeSeconds >= 0);
  });

  it('lists the demo models on GET /v1/models', async () => {
    const r = await fetch(`${d.info.url}/models`);
    const body = (await r.json()) as { data: { id: string }[] };
    assert.equal(body.data[0]!.id, 'demo/clean');
    assert.equal(body.data.length, 10);
  });

  it('moves the request, repair and truncation counters', async () => {
    const series = 'streamfix_requests_total{model="demo/truncated",mode="repair",status="TRUNCATED",api="chat"}';
    const before = await metric(d, series);
    const trBefore = await metric(d, 'streamfix_truncations_total{model="demo/truncated"}');
    const rpBefore = await metric(d, 'streamfix_repairs_total{kind="unclosed_string",model="demo/truncated"}');
    const res = await postChat(d, { model: 'demo/truncated', stream: true, response_format: { type: 'json_object' }, messages: [{}] });
    await res.text();
    assert.equal(await metric(d, series), before + 1);
    assert.equal(await metric(d, 'streamfix_truncations_total{model="demo/truncated"}'), trBefore + 1);
    assert.equal(await metric(d, 'streamfix_repairs_total{kind="unclosed_string",model="demo/truncated"}'), rpBefore + 1);
    assert.equal(await metric(d, 'streamfix_active_streams'), 0);
    const bad = await metric(d, 'streamfix_requests_total{model="unknown",mode="none",status="400",api="chat"}');
    await (await postChat(d, 'nope')).text();
    assert.equal(await metric(d, 'streamfix_requests_total{model="unknown",mode="none",status="400",api="chat"}'), bad + 1);
  });

  it('counts reasoning bytes moved out of content', async () => {
    const before = await metric(d, 'streamfix_reasoning_stripped_bytes_total');
    const res = await postChat(d, { model: 'demo/reasoning-think', stream: true, messages: [{}] }, { 'x-streamfix-mode': 'repair' });
    await res.text();
    const moved = '\nThe user wants a JSON object describing a book. I need "title", "author" and a list {of} tags.\nLet me make sure every brace } is balanced.\n';
    assert.equal(await metric(d, 'streamfix_reasoning_stripped_bytes_total'), before + Buffer.byteLength(moved));
  });
});

describe('gateway: upstream errors', () => {
  it('502 when the upstream is unreachable', async () => {
    const port = await freePort();
    const d = await startTestDaemon({ upstream: `http://127.0.0.1:${port}/v1` });
    try {
      const res = await postChat(d, { model: 'x', messages: [{}] });
      await expectError(res, 502, 'upstream_error', 'upstream_unreachable', new RegExp(`^Upstream http://127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED: .*\\) after 3 attempts$`));
      const a = (await (await fetch(`${d.info.url}/streamfix/result/${res.headers.get('x-streamfix-request-id')}`)).json()) as { status: string; errors: { status: number; code: string }[] };
      assert.equal(a.status, 'UPSTREAM_ERROR');
      assert.equal(a.errors[0]!.status, 502);
      assert.equal(a.errors[0]!.code, 'upstream_unreachable');
      assert.equal(await metric(d, 'streamfix_upstream_errors_total{status="unreachable"}'), 1);
    } finally {
      await d.close();
    }
  });

  it('401 saying how to set a key when the upstream is OpenRouter and there is no key (nothing is sent)', async () => {
    const d = await startTestDaemon({ upstream: 'https://openrouter.ai/api/v1' });
    try {
      await expectError(await postChat(d, { model: 'openai/gpt-4o-mini', messages: [{}] }), 401, 'authentication_error', 'missing_api_key', "No OpenRouter API key: set OPENROUTER_API_KEY or run 'StreamFix: Set OpenRouter API Key'");
    } finally {
      await d.close();
    }
  });
});
