/**
 * A latin1 key through the daemon, against a loopback upstream that echoes the Authorization it received
 * inside a string that is itself JSON (OpenRouter's `error.metadata.raw`, the provider's error body as a
 * string), its characters spelled at both levels (`\\u00E9` beside `\\u00fc`, part raw, the inner
 * backslash as `\u005c`): a 401 body before the stream, an SSE error event with the upstream's bytes cut
 * into two reads at every position in and around the spelling, a non-streaming answer's content; in
 * strip, repair and passthrough; what the client receives (read twice, as a client that parses the raw
 * body does) and what the artifact holds.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-caf\u00e9-\u00fc\u00df-0123456789';
const AUTH = `Bearer ${KEY}`;
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
const MODES = ['strip', 'repair', 'passthrough'] as const;

/** `\uXXXX` of `c` (one UTF-16 unit), each hex digit upper-case where `upper(k)` says. */
const esc = (c: string, upper: (k: number) => boolean): string => `\\u${[...c.charCodeAt(0).toString(16).padStart(4, '0')].map((d, k) => (upper(k) ? d.toUpperCase() : d)).join('')}`;

/** `s` as a JSON string's text, the characters `which` picks escaped (hex case per `upper`), `"` and `\`
 * as JSON requires. */
function level(s: string, which: (c: string, i: number) => boolean, upper: (c: string, k: number) => boolean = () => false): string {
  return [...s].map((c, i) => (which(c, i) ? esc(c, (k) => upper(c, k)) : JSON.stringify(c).slice(1, -1))).join('');
}

const nonAscii = (c: string): boolean => c.charCodeAt(0) >= 0x80;

/** Spellings of a text holding the key (the header as the upstream read it) at both levels: the second
 * level's text as the outer string carries it. */
const SPELLINGS: Record<string, (t: string) => string> = {
  'inner \\u00E9 upper, \\u00fc \\u00df lower': (t) => level(level(t, nonAscii, (c) => c === '\u00e9'), () => false),
  'inner é escaped (\\u00e9), ü ß raw': (t) => level(level(t, (c) => c === '\u00e9'), () => false),
  'inner all escaped, outer backslashes as \\u005C, ü raw at the outer level': (t) => level(level(t, (c) => c === '\u00e9' || c === '\u00df', () => true), (c) => c === '\\', () => true),
};

function authOf(r: RecordedRequest): string {
  const auth = String(r.headers.authorization ?? '');
  assert.equal(auth, AUTH);
  return auth;
}

/** The provider's error body as OpenRouter's metadata.raw carries it (the outer string's text). */
const raw = (keyText: string): string => `{\\"error\\":{\\"message\\":\\"Incorrect API key provided: ${keyText}\\"}}`;
const errorJson = (rawText: string): string => `{"error":{"message":"Provider returned error","code":401,"metadata":{"provider_name":"P","raw":"${rawText}"}}}`;

/** Whether the key's secret part is in `text` as sent, or in any string of any JSON document in it read
 * once or twice (a string that is itself JSON parsed again). */
function leaks(text: string): boolean {
  const secret = KEY.slice(9);
  if (text.includes(secret)) return true;
  const docs = text.includes('data: ') ? text.split('\n\n').map((b) => b.replace(/^data: /, '')) : [text];
  const deep = (v: unknown): boolean => {
    if (typeof v === 'string') {
      if (v.includes(secret)) return true;
      try {
        return deep(JSON.parse(v));
      } catch {
        try {
          return (JSON.parse(`"${v}"`) as string).includes(secret);
        } catch {
          return false;
        }
      }
    }
    return typeof v === 'object' && v !== null && Object.values(v).some(deep);
  };
  return docs.some((d) => {
    try {
      return deep(JSON.parse(d));
    } catch {
      return false;
    }
  });
}

describe('gateway: a key inside a string that is itself JSON (error.metadata.raw), spelled at both levels, is never shown', () => {
  // the error answers would open the model's circuit breaker: off
  const { up, d } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 } });
  afterEach(() => up.respond(null));

  it('the spellings read back as the key after two parses, none after one', () => {
    for (const [name, form] of Object.entries(SPELLINGS)) {
      const once = JSON.parse(`"${form(KEY)}"`) as string;
      assert.notEqual(once, KEY, name);
      assert.equal(JSON.parse(`"${once}"`), KEY, name);
      assert.equal(leaks(errorJson(raw(form(AUTH)))), true, name);
    }
  });

  for (const mode of MODES) {
    it(`${mode}: the key cut across two content events at every character, written with escapes in the text (mixed hex case)`, async () => {
      // the text itself holds the key as JSON text: `caf\u00E9` in the content, `caf\\u00E9` in the bytes
      const inText = (t: string) => level(t, nonAscii, (c) => c === '\u00e9');
      for (let at = 1; at < AUTH.length; at++) {
        up.respond((r): ScriptedResponse => {
          const auth = authOf(r);
          return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(chunk({ content: `echo ${inText(auth.slice(0, at))}` })), sse(chunk({ content: `${inText(auth.slice(at))} end` }), chunk({}, 'stop'), '[DONE]')] };
        });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const text = await res.text();
        const where = `cut at ${at}`;
        assert.equal(leaks(text), false, where);
        // passthrough sends 1-3 of the key's characters ending an event (PASSTHROUGH_MIN_HOLD)
        const sent = at - 'Bearer '.length;
        const want = mode === 'passthrough' && sent >= 1 && sent < 4 ? `echo Bearer ${KEY.slice(0, sent)}[redacted] end` : 'echo Bearer [redacted] end';
        assert.equal(collect(text).content, want, where);
        if (at % 8 === 1) assert.equal((await artifactOf(d, res)).rawContent, 'echo Bearer [redacted] end', where);
      }
    });
  }

  for (const [name, form] of Object.entries(SPELLINGS)) {
    it(`${name}: a 401 body before the stream, streaming and not: exact bytes, the artifact's error`, async () => {
      for (const stream of [false, true]) {
        up.respond((r) => ({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [errorJson(raw(form(authOf(r))))] }));
        const res = await postChat(d, { ...REQ, stream });
        assert.equal(res.status, 401);
        const text = await res.text();
        assert.equal(text, errorJson(raw('[redacted]')), `stream ${stream}`);
        const a = await artifactOf(d, res);
        assert.equal(leaks(JSON.stringify(a)), false);
        assert.deepEqual(a.errors, [{ message: 'Provider returned error', status: 401 }]);
      }
    });

    for (const mode of MODES) {
      it(`${mode}, ${name}: an error event mid-stream, the upstream's bytes cut into two reads at every position in and around the spelling`, async () => {
        const event = (auth: string) => JSON.stringify({ id: 'gen-e', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] }).replace('{"id"', `{"error":${errorJson(raw(auth)).slice(9, -1)},"id"`);
        const bytes = Buffer.from(sse(chunk({ content: 'before' }), event(form(AUTH))));
        const s = form(AUTH);
        const from = bytes.indexOf(s) - 1;
        const cuts: number[] = [];
        for (let at = from; at <= from + Buffer.byteLength(s) + 1; at++) cuts.push(at);
        for (const at of cuts) {
          up.respond((r): ScriptedResponse => {
            authOf(r);
            return { headers: { 'content-type': 'text/event-stream' }, chunks: [bytes.subarray(0, at), bytes.subarray(at)] };
          });
          const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
          const text = await res.text();
          const where = `cut at ${at}`;
          assert.equal(leaks(text), false, where);
          assert.equal(text.includes(raw('[redacted]')), true, where);
          assert.equal(collect(text.replace(/data: \{"error".*\n\n/, '')).content, 'before', where);
          if (at % 16 === 1) assert.equal(leaks(JSON.stringify(await artifactOf(d, res))), false, where);
        }
      });

      it(`${mode}, ${name}: a non-streaming answer whose content is JSON text holding the key`, async () => {
        // the content is itself a JSON document with the key in a string: the body's bytes hold it at the
        // second level
        const answer = (content: string) => `{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"${content}"},"finish_reason":"stop"}]}`;
        up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(`{\\"k\\": \\"${form(authOf(r).slice(7))}\\"}`)] }));
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(leaks(text), false);
        if (mode === 'passthrough') assert.equal(text, answer('{\\"k\\": \\"[redacted]\\"}'));
        else assert.equal((JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, '{"k": "[redacted]"}');
        assert.equal((await artifactOf(d, res)).rawContent, '{"k": "[redacted]"}');
      });
    }
  }
});
