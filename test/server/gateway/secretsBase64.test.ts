/**
 * The key never shown when the upstream echoes it base64-encoded (a request dump, a `Basic` credential, a
 * proxy's debug header): `Bearer <key>` or the key alone, at each of the three byte alignments it can have
 * inside the encoded text, in standard and URL-safe base64. A base64 run is checked by decoding it, so
 * the test does not depend on how the redactor finds it. Before: every such echo reached the client, the
 * artifact and the logs whole (trial11 probe S3). Replaced where a read (or a text) holds it whole, the
 * characters that stand for the key's public start left; one cut across two stream events:
 * secretsBase64Split.test.ts.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { Redactor } from '../../../server/gateway/redact';
import { artifactOf, postChat } from '../helpers/gateway';
import { bodyOf, drain, revealsBase64 } from '../helpers/redactBody';
import { useTestGateway, withTestGateway } from '../helpers/testGateway';
import { chunk, sse, type RecordedRequest } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-b64ECHO7d2f9a41c0e3b58f6a2d9c71e4b0a3f5';
const RANDOM = KEY.slice('sk-or-v1-'.length);
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

const b64 = (b: Buffer, url: boolean) => (url ? b.toString('base64url') : b.toString('base64'));

const reveals = (text: string, random = RANDOM): boolean => revealsBase64(text, random, 12);

/** `secret` base64-encoded after `pad` bytes of other text and before some more: every alignment. */
function encodings(secret: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const url of [false, true]) {
    for (let pad = 0; pad < 3; pad++) {
      out.push({ name: `${url ? 'base64url' : 'base64'}, ${pad} byte(s) before`, text: b64(Buffer.from(`${'{"a'.slice(0, pad)}${secret}"} and more`), url) });
    }
  }
  return out;
}

describe('gateway: a key echoed base64-encoded is never shown', () => {
  it('the redactor replaces it at every alignment, standard and URL-safe, the header or the key alone', () => {
    const r = new Redactor([`Bearer ${KEY}`, KEY]);
    for (const secret of [`Bearer ${KEY}`, KEY]) {
      for (const { name, text } of encodings(secret)) {
        assert.ok(reveals(text), `the check sees the plain encoding (${name})`);
        const out = r.text(`echo ${text} end`);
        assert.ok(!reveals(out), `${name}: ${out}`);
        assert.match(out, /\[redacted\]/, name);
      }
    }
  });

  it('a JSON body (not an event stream) read in two pieces cut at every byte gives the same bytes as whole, the key encoded in it never shown', async () => {
    const r = new Redactor([`Bearer ${KEY}`, KEY]);
    for (const { name, text } of encodings(`Bearer ${KEY}`)) {
      const bytes = Buffer.from(`{"error":{"message":"auth was ${text}"}}`);
      const whole = await drain(r.body(bodyOf([bytes]), true));
      assert.ok(!reveals(whole), `${name}: ${whole}`);
      for (let k = 1; k < bytes.length; k++) assert.equal(await drain(r.body(bodyOf([bytes.subarray(0, k), bytes.subarray(k)]), true)), whole, `${name}, cut at ${k}`);
    }
  });

  it('leaves base64 text without the key byte for byte', () => {
    const r = new Redactor([`Bearer ${KEY}`, KEY]);
    const other = b64(Buffer.from(`Bearer sk-or-v1-${'0'.repeat(RANDOM.length)} and a picture`), false);
    assert.equal(r.text(`data ${other}`), `data ${other}`);
  });

  describe('through the daemon', () => {
    const { up, d, events } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 }, record: true });
    const auth = (r: RecordedRequest) => String(r.headers.authorization);

    it('a 401 body, a non-streaming answer, a stream event holding it, and the artifact of a stream that cut it across two events, in every mode', async () => {
      for (const mode of ['repair', 'strip', 'passthrough', 'auto']) {
        for (const url of [false, true]) {
          up.respond((r) => ({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ error: { message: `bad credential ${b64(Buffer.from(auth(r)), url)}`, code: 401 } })] }));
          let res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
          assert.equal(res.status, 401);
          let body = await res.text();
          assert.ok(!reveals(body), `${mode} 401: ${body}`);
          assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${mode} 401 artifact`);

          up.respond((r) => ({
            status: 200,
            headers: { 'content-type': 'application/json' },
            chunks: [JSON.stringify({ id: 'g', object: 'chat.completion', model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: `I saw ${b64(Buffer.from(`x${auth(r)}`), url)}.` }, finish_reason: 'stop' }] })],
          }));
          res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
          body = await res.text();
          assert.ok(!reveals(body), `${mode} answer: ${body}`);
          assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${mode} answer artifact`);

          // in one event, and cut across two events: neither the client nor the artifact gets it
          up.respond((r) => {
            const e = b64(Buffer.from(`xy${auth(r)}`), url);
            return { status: 200, chunks: [sse(chunk({ content: `I saw ${e}` }), chunk({}, 'stop'), '[DONE]')] };
          });
          res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
          body = await res.text();
          assert.ok(!reveals(body) && body.includes('[redacted]'), `${mode} stream: ${body}`);
          assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${mode} stream artifact`);

          up.respond((r) => {
            const e = b64(Buffer.from(`xy${auth(r)}`), url);
            return { status: 200, chunks: [sse(chunk({ content: `I saw ${e.slice(0, 30)}` }), chunk({ content: `${e.slice(30)}.` }), chunk({}, 'stop'), '[DONE]')] };
          });
          res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
          body = await res.text();
          assert.ok(!reveals(body), `${mode} stream, the encoding cut across two events: ${body}`);
          assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${mode} stream artifact, the encoding cut across two events`);
        }
      }
      up.respond(null);
    });

    it("a think block's first line in the reasoning event, the encoding cut across two events (strip)", async () => {
      up.respond((r) => {
        const e = b64(Buffer.from(`xy${auth(r)}`), false);
        return { status: 200, chunks: [sse(chunk({ content: `<think>first ${e.slice(0, 20)}` }), chunk({ content: `${e.slice(20)}</think>{"a": 1}` }), chunk({}, 'stop'), '[DONE]')] };
      });
      try {
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': 'strip' });
        await res.text();
        const id = res.headers.get('x-streamfix-request-id');
        const ev = events.find((x) => x.type === 'reasoning' && (x as { id?: string }).id === id) as { blocks: { firstLine: string }[] } | undefined;
        assert.ok(ev, 'a reasoning event');
        // base64 of 'xyBearer sk-or-v1-' (public) stays, the encoding of the rest of the key is replaced
        assert.equal(ev.blocks[0]!.firstLine, 'first eHlCZWFyZXIgc2stb3ItdjEt[redacted]');
        assert.ok(!reveals(JSON.stringify(ev)), JSON.stringify(ev));
      } finally {
        up.respond(null);
      }
    });

    it("a client's own key, sent when the gateway has none, echoed base64-encoded", async () => {
      await withTestGateway({ breaker: { ...DEFAULT_BREAKER, failures: 0 } }, async (g) => {
        g.up.respond((r) => ({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ error: { message: `bad ${b64(Buffer.from(auth(r)), false)}`, code: 401 } })] }));
        const res = await postChat(g.d, REQ, { authorization: `Bearer ${KEY}` });
        const body = await res.text();
        assert.equal(res.status, 401);
        assert.ok(!reveals(body), body);
      });
    });
  });
});
