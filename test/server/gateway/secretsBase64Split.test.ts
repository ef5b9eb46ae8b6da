/**
 * A key echoed base64-encoded and cut across two stream events (a request dump in a content answer,
 * token by token): the client never gets the encoding of the key's secret part in two pieces. The part of
 * the encoding that stands for the key's public start (`sk-or-v1-`, at least 4 characters) stays, the rest
 * is `[redacted]`, the same text wherever the stream was cut: `Bearer <key>` or the key alone after 0, 1 or
 * 2 bytes of other text (the three alignments), standard, URL-safe and `\/`-escaped, cut at every
 * character of the encoding, in the text stage and through the daemon (chat strip, repair, passthrough;
 * Messages strip, repair); also with some of its characters written as escapes inside a text that is itself
 * JSON (`{"note": "I saw c\u0032st…"}`: `\\u0032` in the bytes), which every mode showed whole before. Before: each event's piece went out as it came (README: nothing was held for a
 * base64 form), so the client could join the two and decode the key.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { Redactor } from '../../../server/gateway/redact';
import { artifactOf, postChat } from '../helpers/gateway';
import { bodyOf, drain, revealsBase64 } from '../helpers/redactBody';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, parseSse, sse } from '../helpers/testUpstream';

// `~`, `?`, `>` put `+` and `/` in the encoding at every alignment (a hex key has neither)
const KEY = 'sk-or-v1-7d2f~9a41?c0e3>b58f6a2d~9c71e4b0a3f5?c1d8e2b7f4a6';
const AUTH = `Bearer ${KEY}`;
const PUBLIC = 'sk-or-v1-'.length;
const RANDOM = KEY.slice(PUBLIC);
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
const PRE = ['', 'x', 'xy'] as const;
// `escaped`: every third character written as an escape (`\u0063`) in a text that is itself JSON
type Spelling = 'base64' | 'base64url' | 'slash' | 'escaped';
const SPELLINGS: Spelling[] = ['base64', 'base64url', 'slash', 'escaped'];

/** `s`, the characters of an encoding from `from` on, with those at 1, 4, 7, … (counted from its start)
 * written `\u00XX` (the hex in either case) when `spelling` is `escaped`. */
function spell(s: string, spelling: Spelling, from = 0): string {
  if (spelling !== 'escaped') return s;
  return [...s].map((c, k) => ((from + k) % 3 === 1 ? '\\u00' + ((from + k) % 2 === 0 ? c.charCodeAt(0).toString(16) : c.charCodeAt(0).toString(16).toUpperCase()) : c)).join('');
}

/** The text or bytes with `escaped`'s escapes read (either level), as a client that parses the text again. */
const unescape = (text: string): string => text.replace(/\\\\?u00([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const reveals = (text: string): boolean => revealsBase64(text, RANDOM, 8) || revealsBase64(unescape(text), RANDOM, 8);

/** `pre` + `secret` base64-encoded (`slash`: the standard encoding as a JSON string's text reads it). */
function encode(pre: string, secret: string, spelling: Spelling): string {
  const b = Buffer.from(pre + secret);
  return spell(spelling === 'base64url' ? b.toString('base64url') : b.toString('base64'), spelling);
}

/**
 * The encoding as the client must get it: the characters that stand for bytes before the key's secret part
 * (at least the key's first 4 encoded characters) as they are, then `[redacted]`, then the characters that
 * share bits with the bytes after the key. Character i of a base64 text stands for bits [6i, 6i + 6).
 */
function redactedEncoding(pre: string, secret: string, spelling: Spelling): string {
  const e = Buffer.from(pre + secret).toString(spelling === 'base64url' ? 'base64url' : 'base64');
  const o = pre.length + secret.length - KEY.length;
  const pad = o % 3;
  const group = ((o - pad) / 3) * 4;
  const start = group + (pad === 0 ? 0 : pad + 1);
  const end = group + Math.floor((pad + KEY.length) / 3) * 4;
  const publicEnd = Math.floor((8 * (o + PUBLIC)) / 6);
  const keep = Math.max(publicEnd - start, 4);
  return spell(e.slice(0, start + keep), spelling) + '[redacted]' + spell(e.slice(end), spelling, end);
}

describe('gateway: a key echoed base64-encoded and cut across two events is never shown', () => {
  it('a text stage gives the same text wherever the encoding is cut, the key in it never shown', () => {
    const r = new Redactor([AUTH, KEY]);
    for (const secret of [AUTH, KEY]) {
      for (const pre of PRE) {
        for (const spelling of ['base64', 'base64url'] as const) {
          const e = encode(pre, secret, spelling);
          const text = `I saw ${e} here`;
          const want = `I saw ${redactedEncoding(pre, secret, spelling)} here`;
          assert.ok(reveals(text), 'the check sees the encoding');
          assert.ok(!reveals(want), want);
          for (let at = 1; at < text.length; at++) {
            const s = r.textStage()!;
            const a = s.push(text.slice(0, at));
            const got = a + s.push(text.slice(at)) + s.end();
            const where = `${secret === KEY ? 'key' : 'header'}, ${spelling}, ${pre.length} byte(s) before, cut at ${at}`;
            assert.equal(got, want, where);
            assert.ok(!reveals(a), `${where}: the first piece ${a}`);
          }
        }
      }
    }
  });

  it('a text stage fed the encoding a few characters a piece (a model’s tokens, 1 to 7, from every offset) gives the same text', () => {
    const r = new Redactor([AUTH, KEY]);
    for (const pre of PRE) {
      for (const spelling of ['base64', 'base64url'] as const) {
        const text = `I saw ${encode(pre, AUTH, spelling)} here`;
        const want = `I saw ${redactedEncoding(pre, AUTH, spelling)} here`;
        for (let size = 1; size <= 7; size++) {
          for (let offset = 0; offset < size; offset++) {
            const s = r.textStage()!;
            const outs: string[] = [];
            for (let at = 0, k = 0; at < text.length; k++) {
              const n = k === 0 ? offset + 1 : size;
              outs.push(s.push(text.slice(at, at + n)));
              at += n;
            }
            outs.push(s.end());
            const where = `${spelling}, ${pre.length} byte(s) before, pieces of ${size} from ${offset + 1}`;
            assert.equal(outs.join(''), want, where);
            // no piece, nor any two that follow each other, shows the key
            for (let i = 0; i + 1 < outs.length; i++) assert.ok(!reveals(outs[i]! + outs[i + 1]!), `${where}: ${outs[i]}${outs[i + 1]}`);
          }
        }
      }
    }
  });

  it('a text stage that ends while it holds the encoding’s start shows no more than the key’s public start', () => {
    const r = new Redactor([AUTH, KEY]);
    for (const pre of PRE) {
      const e = encode(pre, AUTH, 'base64');
      const whole = redactedEncoding(pre, AUTH, 'base64');
      const kept = whole.slice(0, whole.indexOf('[redacted]'));
      // past the encoding of the key's last bytes: the characters that share bits with the bytes after it
      const end = e.length - (whole.length - kept.length - '[redacted]'.length);
      for (let at = kept.length + 1; at < e.length; at++) {
        const s = r.textStage()!;
        const got = s.push(`I saw ${e.slice(0, at)}`) + s.end();
        assert.equal(got, `I saw ${kept}[redacted]${e.slice(end, Math.max(end, at))}`, `${pre.length} byte(s) before, cut at ${at}`);
      }
      // a whole text that ends so (an error's message, an artifact's string) reads the same
      for (let at = kept.length + 1; at < e.length; at++) assert.equal(r.textEnd(`I saw ${e.slice(0, at)}`), `I saw ${kept}[redacted]${e.slice(end, Math.max(end, at))}`, `textEnd, cut at ${at}`);
    }
  });

  it('a JSON body (not an event stream) whose string ends inside the encoding past its head, read whole and in two pieces cut at every byte', async () => {
    const r = new Redactor([AUTH, KEY]);
    for (const pre of PRE) {
      const e = encode(pre, AUTH, 'base64');
      const whole = redactedEncoding(pre, AUTH, 'base64');
      const kept = whole.slice(0, whole.indexOf('[redacted]'));
      for (const at of [kept.length + 1, kept.length + 9, e.length - 6]) {
        const bytes = Buffer.from(`{"error":{"message":"I saw ${e.slice(0, at)}","code":401}}`);
        const want = `{"error":{"message":"I saw ${kept}[redacted]","code":401}}`;
        assert.equal(await drain(r.body(bodyOf([bytes]), true)), want, `${pre.length} byte(s) before, the text cut at ${at}`);
        for (let k = 1; k < bytes.length; k++) assert.equal(await drain(r.body(bodyOf([bytes.subarray(0, k), bytes.subarray(k)]), true)), want, `${pre.length} byte(s) before, the text cut at ${at}, read cut at ${k}`);
      }
    }
  });

  describe('through the daemon', () => {
    const { up, d, events, logs } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 }, record: true, logLevel: 'debug' });

    /** The stream for cut `at` of the variant `v`: the JSON content `{"note": "I saw <encoding> here"}` in two
     * content events cut at the encoding's character `at`; and the content the client must read. */
    function variant(v: number, at: number) {
      const pre = PRE[v % 3]!;
      const spelling = SPELLINGS[Math.floor(v / 3) % SPELLINGS.length]!;
      const e = encode(pre, AUTH, spelling);
      const content = `{"note": "I saw ${e} here"}`;
      // (escaped: at the same share of its longer spelling, inside an escape too)
      const cut = content.indexOf(e) + Math.floor((at * e.length) / encode(pre, AUTH, 'base64').length);
      const ev = (c: string) => (spelling === 'slash' ? chunk({ content: c }).replace(/\//g, '\\/') : chunk({ content: c }));
      const chunks = [sse(ev(content.slice(0, cut))), sse(ev(content.slice(cut))), sse(chunk({}, 'stop'), '[DONE]')];
      return { chunks, want: `{"note": "I saw ${redactedEncoding(pre, AUTH, spelling)} here"}`, where: `${spelling}, ${pre.length} byte(s) before, cut at ${cut}`, length: e.length };
    }

    const LENGTH = variant(0, 1).length;

    for (const mode of ['strip', 'repair', 'passthrough'] as const) {
      it(`chat ${mode}: the content the client reads and the artifact, at every cut`, async () => {
        for (let at = 1; at < LENGTH; at++) {
          const { chunks, want, where } = variant(at % 12, at);
          up.respond(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks }));
          const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
          const body = await res.text();
          assert.equal(collect(body).content, want, where);
          assert.ok(!reveals(body), `${where}: ${body}`);
          assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${where}: the artifact`);
        }
        up.respond(null);
        assert.ok(!reveals(JSON.stringify(events)), 'the events');
        assert.ok(!reveals(logs.join('')), 'the logs');
      });
    }

    // passthrough too: before, there the encoding went out in its pieces when it was spread over 3 or more events
    for (const mode of ['strip', 'repair', 'passthrough'] as const) {
      it(`chat ${mode}: the encoding in token-sized content events (1 to 7 characters), every alignment and spelling`, async () => {
        for (let v = 0; v < 12; v++) {
          for (let size = 1; size <= 7; size++) {
            const pre = PRE[v % 3]!;
            const spelling = SPELLINGS[Math.floor(v / 3)]!;
            const content = `{"note": "I saw ${encode(pre, AUTH, spelling)} here"}`;
            const ev = (c: string) => (spelling === 'slash' ? chunk({ content: c }).replace(/\//g, '\\/') : chunk({ content: c }));
            const pieces: string[] = [];
            for (let at = 0; at < content.length; at += size) pieces.push(sse(ev(content.slice(at, at + size))));
            up.respond(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [...pieces, sse(chunk({}, 'stop'), '[DONE]')] }));
            const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
            const body = await res.text();
            const where = `${spelling}, ${pre.length} byte(s) before, pieces of ${size}`;
            assert.equal(collect(body).content, `{"note": "I saw ${redactedEncoding(pre, AUTH, spelling)} here"}`, where);
            assert.ok(!reveals(body), `${where}: ${body}`);
            assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${where}: the artifact`);
          }
        }
        up.respond(null);
      });
    }

    for (const mode of ['strip', 'repair'] as const) {
      it(`messages ${mode}: the text the client reads and the artifact, at every cut`, async () => {
        for (let at = 1; at < LENGTH; at++) {
          const { chunks, want, where } = variant(at % 12, at);
          up.respond(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks }));
          const res = await fetch(`${d.info.url}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': mode },
            body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
          });
          const body = await res.text();
          let text = '';
          for (const data of parseSse(body).data) {
            const e = JSON.parse(data) as { type: string; delta?: { type: string; text?: string } };
            if (e.type === 'content_block_delta' && e.delta?.type === 'text_delta') text += e.delta.text;
          }
          assert.equal(text, want, where);
          assert.ok(!reveals(body), `${where}: ${body}`);
          assert.ok(!reveals(JSON.stringify(await artifactOf(d, res))), `${where}: the artifact`);
        }
        up.respond(null);
        assert.ok(!reveals(JSON.stringify(events)), 'the events');
        assert.ok(!reveals(logs.join('')), 'the logs');
      });
    }
  });
});
