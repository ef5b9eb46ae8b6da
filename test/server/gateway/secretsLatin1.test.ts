/**
 * Non-ASCII keys. What goes upstream: undici sends a header character U+0080–U+00FF as its one latin1 byte
 * and refuses anything above U+00FF, so such a key is refused when the daemon is configured
 * (apiKeyCheck.ts), with a clear message. A latin1 key is sent, and every form an upstream may echo its
 * header bytes in is replaced: the bytes as they came (not UTF-8), the text read from them as latin1 (its
 * UTF-8, `\u00e9`, `\u00E9`, every character escaped, ASCII ones escaped around a raw é) or as UTF-8
 * (U+FFFD; a client's own UTF-8 key comes back as the client wrote it), cut across events too.
 */
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import type { Daemon } from '../../../server/daemon';
import { startDaemon } from '../../../server/daemon';
import { parseDaemonArgs } from '../../../server/gateway/config';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

/** A key with a latin1 character: sent as the byte E9, which is no UTF-8. */
const KEY = 'sk-or-v1-caf\u00e9-0123456789';
const AUTH = `Bearer ${KEY}`;
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
const escapeAll = (s: string, upper = false): string => [...s].map((c) => `\\u${(upper ? c.charCodeAt(0).toString(16).toUpperCase() : c.charCodeAt(0).toString(16)).padStart(4, '0')}`).join('');
const escapeAscii = (s: string): string => s.replace(/[a-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The header's bytes as the upstream got them, and its text read as latin1 (what Node's server gives). */
function received(r: RecordedRequest): { bytes: Buffer; text: string } {
  const text = String(r.headers.authorization ?? '');
  return { bytes: Buffer.from(text, 'latin1'), text };
}

/** A passthrough chat request whose Authorization header is `auth`'s bytes exactly (a socket: Node's
 * client writes header strings as latin1 or UTF-8 depending on how the body is written); the answer's
 * body as latin1 text. */
async function rawPost(d: Daemon, auth: Buffer): Promise<string> {
  const body = JSON.stringify(REQ);
  const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-streamfix-mode: passthrough\r\nconnection: close\r\ncontent-length: ${body.length}\r\nauthorization: `;
  const sock = connect(d.info.port, '127.0.0.1');
  sock.write(Buffer.concat([Buffer.from(head), auth, Buffer.from(`\r\n\r\n${body}`)]));
  const parts: Buffer[] = [];
  for await (const b of sock) parts.push(b as Buffer);
  const res = Buffer.concat(parts);
  const at = res.indexOf('\r\n\r\n');
  assert.match(res.subarray(0, at).toString('latin1'), /^HTTP\/1\.1 200 /);
  assert.match(res.subarray(0, at).toString('latin1'), /content-length/i);
  return res.subarray(at + 4).toString('latin1');
}

/** A non-streaming answer whose content is `before` + `form` + `after`, as bytes. */
function answer(form: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from('{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"key='), Buffer.from(form), Buffer.from(' end"},"finish_reason":"stop"}]}')]);
}

describe('gateway: a key that an HTTP header cannot carry is refused when the daemon is configured', () => {
  it('OPENROUTER_API_KEY or the apiKey option with a character above U+00FF or a control character: a ConfigError naming it and where, never the key', async () => {
    for (const [key, code, at] of [['sk-or-v1-\u20ac123456', 'U+20AC', 10], ['sk-or-v1-\u{1F600}23456', 'U+1F600', 10], ['sk-or-v1-12\n3456', 'U+000A', 12]] as const) {
      const want = `holds ${code} at character ${at}, which an HTTP header cannot carry (a header value is bytes 0-255 without control characters; OpenRouter keys are ASCII): check the key`;
      assert.throws(() => parseDaemonArgs([], { OPENROUTER_API_KEY: key }), (e: Error) => e.name === 'ConfigError' && e.message === `OPENROUTER_API_KEY ${want}`);
      await assert.rejects(startDaemon({ port: 0, logLevel: 'silent', dataDir: null, apiKey: key }), (e: Error) => e.name === 'ConfigError' && e.message === `The API key ${want}`);
    }
    // latin1 can be sent: accepted
    assert.equal(parseDaemonArgs([], { OPENROUTER_API_KEY: KEY }).apiKey, KEY);
  });
});

describe('gateway: a latin1 key echoed in every form its header bytes can take', () => {
  const { up, d } = useTestGateway({ apiKey: KEY });
  afterEach(() => up.respond(null));

  it('what goes upstream: the key\'s latin1 bytes (E9 for é)', async () => {
    up.respond(() => ({ headers: { 'content-type': 'application/json' }, chunks: [answer('ok')] }));
    await (await postChat(d, REQ)).text();
    assert.equal(received(up.requests.at(-1)!).bytes.toString('hex'), Buffer.from(AUTH, 'latin1').toString('hex'));
    assert.equal(Buffer.from(AUTH, 'latin1').includes(Buffer.from([0xe9])), true);
  });

  const forms: Record<string, (r: RecordedRequest) => Buffer | string> = {
    'the bytes as they came (no UTF-8)': (r) => received(r).bytes,
    'read as latin1, in UTF-8': (r) => received(r).text,
    'read as latin1, \\u00e9': (r) => received(r).text.replace('\u00e9', '\\u00e9'),
    'read as latin1, \\u00E9': (r) => received(r).text.replace('\u00e9', '\\u00E9'),
    'every character escaped': (r) => escapeAll(received(r).text),
    'every character escaped, upper-case hex': (r) => escapeAll(received(r).text, true),
    'ASCII escaped around a raw é': (r) => escapeAscii(received(r).text),
    'ASCII escaped around \\u00e9': (r) => escapeAscii(received(r).text).replace('\u00e9', '\\u00e9'),
    'read as UTF-8 (U+FFFD)': (r) => received(r).bytes.toString('utf8'),
    'read as UTF-8, escaped (\\ufffd)': (r) => JSON.stringify(received(r).bytes.toString('utf8')).slice(1, -1).replace('\ufffd', '\\ufffd'),
  };

  for (const [name, form] of Object.entries(forms)) {
    for (const mode of ['repair', 'passthrough'] as const) {
      it(`${mode}, a non-streaming answer: ${name}`, async () => {
        up.respond((r): ScriptedResponse => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(form(r))] }));
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        const body = Buffer.from(await res.arrayBuffer());
        if (mode === 'passthrough') assert.equal(body.toString('latin1'), answer('[redacted]').toString('latin1'));
        else assert.equal((JSON.parse(body.toString()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, 'key=[redacted] end');
        assert.equal((await artifactOf(d, res)).rawContent, 'key=[redacted] end');
      });
    }
  }

  for (const mode of ['repair', 'passthrough'] as const) {
    it(`${mode}: the key read as latin1 (UTF-8), and read as UTF-8 (U+FFFD), cut across two content events at every position`, async () => {
      for (const read of ['latin1', 'utf8'] as const) {
        for (let at = 1; at < AUTH.length; at++) {
          up.respond((r): ScriptedResponse => {
            const t = read === 'latin1' ? received(r).text : received(r).bytes.toString('utf8');
            const ev = (c: string) => JSON.stringify({ id: 'g', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: c }, finish_reason: null }] });
            return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(ev(`echo ${t.slice(0, at)}`)), sse(ev(`${t.slice(at)} end`), '[DONE]')] };
          });
          const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
          const body = await res.text();
          let content = '';
          for (const block of body.split('\n\n')) {
            if (!block.startsWith('data: {')) continue;
            const c = (JSON.parse(block.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content;
            content += c ?? '';
          }
          const where = `${read}, cut at ${at}`;
          assert.equal(content.includes('0123456789'), false, where);
          // passthrough sends 1-3 of the key's characters ending an event (PASSTHROUGH_MIN_HOLD)
          const sent = at - 'Bearer '.length;
          const want = mode === 'passthrough' && sent >= 1 && sent < 4 ? `echo Bearer ${KEY.slice(0, sent)}[redacted] end` : 'echo Bearer [redacted] end';
          assert.equal(content, want, where);
        }
      }
    });
  }

  it('a client\'s own key in UTF-8 bytes (the daemon reads latin1 and forwards the same bytes) echoed as the client wrote it, and as \\u00e9', async () => {
    const own = 'Bearer sk-or-v1-own\u00e9-9876543210';
    for (const echo of [(t: string) => Buffer.from(t, 'latin1'), (t: string) => Buffer.from(t, 'latin1').toString('utf8').replace('\u00e9', '\\u00e9')]) {
      up.respond((r): ScriptedResponse => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(echo(String(r.headers.authorization)))] }));
      const body = await rawPost(d, Buffer.from(own));
      assert.equal(Buffer.from(String(up.requests.at(-1)!.headers.authorization), "latin1").toString("hex"), Buffer.from(own).toString("hex"));
      assert.equal(body, answer('[redacted]').toString('latin1'));
    }
  });
});
