/**
 * Streaming to an HTTP/1.0 client (`curl --http1.0`, nginx's `proxy_pass` without `proxy_http_version
 * 1.1`, its default): such a response cannot be chunked, so it ends with the connection and has no place
 * for trailers. The gateway streams it without declaring any (the status is in the artifact and the
 * `finished` event); Node refuses a `Trailer` header on it, so before, every streaming request of an
 * HTTP/1.0 client was a 500 "Internal gateway error: Trailers are invalid with this transfer encoding",
 * on both APIs. HTTP/1.1 clients keep the trailers.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const run = promisify(execFile);
const BROKEN = sse(chunk({ role: 'assistant', content: '{"a": 1,' }), chunk({ content: ' "b": "h\u00e9",}' }), chunk({}, 'stop'), '[DONE]');
const CHAT = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const MESSAGES = { ...CHAT, max_tokens: 64 };

/** curl's answer: the status line and headers (lower-cased names), and the body. */
async function curl(args: string[]): Promise<{ status: string; headers: Map<string, string>; body: string }> {
  const { stdout } = await run('curl', ['-sS', '-N', '-i', ...args], { encoding: 'utf8' });
  const at = stdout.indexOf('\r\n\r\n');
  const [status, ...lines] = stdout.slice(0, at).split('\r\n');
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
  return { status: status!, headers, body: stdout.slice(at + 4) };
}

describe('gateway: streaming to an HTTP/1.0 client (no chunked encoding, no trailers)', () => {
  const { up, d } = useTestGateway();
  const artifact = async (id: string | undefined): Promise<Artifact> => (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as Artifact;
  const post = (path: string, body: unknown, http: '--http1.0' | '--http1.1') => curl([http, '-H', 'content-type: application/json', '-H', 'x-streamfix-mode: repair', '--data-binary', JSON.stringify(body), `${d.info.url}${path}`]);

  it('chat: curl --http1.0 gets the repaired stream to its end, no Trailer declared; the artifact has the status', async () => {
    up.enqueue({ chunks: [BROKEN] });
    const r = await post('/chat/completions', CHAT, '--http1.0');
    assert.equal(r.status, 'HTTP/1.1 200 OK');
    assert.equal(r.headers.get('trailer'), undefined);
    assert.equal(r.headers.get('transfer-encoding'), undefined);
    assert.equal(r.headers.get('connection'), 'close');
    const got = collect(r.body);
    assert.deepEqual([got.content, got.finish, got.done], ['{"a": 1, "b": "h\u00e9"}', 'stop', true]);
    assert.equal((await artifact(r.headers.get('x-streamfix-request-id'))).status, 'REPAIRED');
  });

  it('messages: curl --http1.0 gets the events to message_stop; the artifact has the status', async () => {
    up.enqueue({ chunks: [BROKEN] });
    const r = await post('/messages', MESSAGES, '--http1.0');
    assert.equal(r.status, 'HTTP/1.1 200 OK');
    assert.equal(r.headers.get('trailer'), undefined);
    const events = r.body.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { type: string; delta?: { type: string; text?: string } });
    assert.equal(events.filter((e) => e.delta?.type === 'text_delta').map((e) => e.delta!.text).join(''), '{"a": 1, "b": "h\u00e9"}');
    assert.equal(events[events.length - 1]!.type, 'message_stop');
    assert.equal((await artifact(r.headers.get('x-streamfix-request-id'))).status, 'REPAIRED');
  });

  it('HTTP/1.1 (the control): chunked, the Trailer declared and the status trailer sent, on both APIs', async () => {
    for (const [path, body] of [['/chat/completions', CHAT], ['/messages', MESSAGES]] as const) {
      up.enqueue({ chunks: [BROKEN] });
      const r = await post(path, body, '--http1.1');
      assert.equal(r.headers.get('transfer-encoding'), 'chunked');
      assert.equal(r.headers.get('trailer'), 'x-streamfix-status, x-streamfix-truncated-tool-calls, x-streamfix-artifact');
      // curl -i prints the trailers after the body
      assert.match(r.body, /\n\nx-streamfix-status: REPAIRED\r\n$/);
    }
  });
});
